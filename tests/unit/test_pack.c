/* digest.c and pack.c: the SHA-1 of checksums, object ids as git makes
 * them (libgit2's hashing), and packfiles that git itself verifies and
 * reads. */
#include "testutil.h"

#include <sys/wait.h>
#include <unistd.h>

#include "store/pack.h"
#include "util/digest.h"

static char scratch[64];

static void hex_of(const unsigned char *d, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}


/* FIPS 180-4 examples through digest.c (nettle), whole and in uneven
 * pieces across block edges: the pack and index checksums. */
static void test_sha1_vectors(void **state)
{
	(void)state;
	static const char *const in[] = {
		"", "abc", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	};
	static const char *const want[] = {
		"da39a3ee5e6b4b0d3255bfef95601890afd80709",
		"a9993e364706816aba3e25717850c26c9cd0d89d",
		"84983e441c3bd26ebaae4aa1f95129e5e54670f1",
	};
	char *million = malloc(1000000);
	assert_non_null(million);
	memset(million, 'a', 1000000);
	char got[41];
	for (size_t i = 0; i < 3; i++) {
		sha1_hex(in[i], strlen(in[i]), got);
		assert_string_equal(got, want[i]);
	}
	sha1_hex(million, 1000000, got);
	assert_string_equal(got, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
	digest_sha1 c;
	unsigned char d[20];
	digest_sha1_init(&c);
	for (size_t at = 0, step = 1; at < 1000000; at += step, step = step * 3 % 997 + 1)
		digest_sha1_update(&c, million + at, at + step > 1000000 ? 1000000 - at : step);
	digest_sha1_final(&c, d);
	hex_of(d, 20, got);
	assert_string_equal(got, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
	free(million);
}

/* Ids are git's: `git hash-object` of the same bytes. */
static void test_object_ids(void **state)
{
	(void)state;
	yoy_object o;
	yoy_error err;
	assert_int_equal(yoy_object_make(&o, YOY_GIT_BLOB, "", 0, &err), 0);
	assert_string_equal(o.hex, "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
	yoy_object_clear(&o);
	assert_int_equal(yoy_object_make(&o, YOY_GIT_BLOB, "hello\n", 6, &err), 0);
	assert_string_equal(o.hex, "ce013625030ba8dba906f756967f9e9ca394464a");
	/* header: blob (3), size 6, one byte */
	assert_int_equal(o.entry[0], 0x36);
	yoy_object_clear(&o);
	assert_int_equal(yoy_object_make(&o, YOY_GIT_TREE, "", 0, &err), 0);
	assert_string_equal(o.hex, "4b825dc642cb6eb9a060e54bf8d69288fbee4904");
	yoy_object_clear(&o);
	assert_int_equal(yoy_object_make(&o, 9, "x", 1, &err), YOY_EINTERNAL);
}

static size_t count_files(const char *dir, const char *prefix)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "ls '%s' | grep -c '^%s' || true", dir, prefix);
	FILE *f = popen(cmd, "r");
	size_t n = 0;
	if (f) {
		if (fscanf(f, "%zu", &n) != 1)
			n = 0;
		pclose(f);
	}
	return n;
}

/* A pack of objects whose sizes cross the header's length steps: each
 * reads back while being written, git verifies the installed pack and its
 * index, and `git cat-file` reads every object from it. */
static void test_pack_roundtrip(void **state)
{
	(void)state;
	char repo[128], objects[160];
	snprintf(repo, sizeof repo, "%s/r.git", scratch);
	snprintf(objects, sizeof objects, "%s/objects", repo);
	assert_int_equal(sh("git init -q --bare '%s'", repo), 0);

	static const size_t sizes[] = { 0, 1, 15, 16, 127, 128, 2047, 2048, 65536, 1 << 20 };
	enum { N = sizeof sizes / sizeof *sizes };
	yoy_pack *p;
	yoy_error err;
	assert_int_equal(yoy_pack_new(&p, objects, &err), 0);
	assert_int_equal(count_files(objects, "tmp_yoy_pack_"), 1);
	char ids[N][41];
	unsigned char bins[N][20];
	for (size_t i = 0; i < N; i++) {
		unsigned char *data = malloc(sizes[i] + 1);
		for (size_t k = 0; k < sizes[i]; k++)
			data[k] = (unsigned char)((k * 7 + i) % 251 % (i % 2 ? 256 : 26) + (i % 2 ? 0 : 'a'));
		yoy_object o;
		assert_int_equal(yoy_object_make(&o, YOY_GIT_BLOB, data, sizes[i], &err), 0);
		assert_int_equal(yoy_pack_add(p, &o, &err), 0);
		assert_int_equal(yoy_pack_add(p, &o, &err), 0); /* once only */
		memcpy(ids[i], o.hex, 41);
		memcpy(bins[i], o.id, 20);
		yoy_object_clear(&o);
		/* readable before the pack is finished */
		int type;
		uint64_t size;
		assert_true(yoy_pack_lookup(p, bins[i], &type, &size));
		assert_int_equal(type, YOY_GIT_BLOB);
		assert_int_equal(size, sizes[i]);
		unsigned char *back = malloc(sizes[i] + 1);
		assert_int_equal(yoy_pack_read(p, bins[i], back, size, &err), 0);
		assert_memory_equal(back, data, sizes[i]);
		free(back);
		char path[128];
		snprintf(path, sizeof path, "%s/object%zu", scratch, i);
		FILE *f = fopen(path, "wb");
		assert_non_null(f);
		assert_int_equal(fwrite(data, 1, sizes[i], f), sizes[i]);
		fclose(f);
		free(data);
	}
	assert_int_equal(yoy_pack_count(p), N);
	assert_memory_equal(yoy_pack_id(p, 3), bins[3], 20);
	unsigned char absent[20] = { 0 };
	int type;
	uint64_t size;
	assert_false(yoy_pack_lookup(p, absent, &type, &size));
	assert_int_equal(yoy_pack_install(p, &err), 0);
	yoy_pack_free(p);
	assert_int_equal(count_files(objects, "tmp_yoy_"), 0);
	assert_int_equal(count_files(objects, "pack"), 1);

	assert_int_equal(sh("git verify-pack '%s'/pack/pack-*.idx", objects), 0);
	assert_int_equal(sh("git -C '%s' fsck --strict --no-progress 2>/dev/null "
			    "| grep -c '^dangling blob' | grep -qx %d", repo, N), 0);
	for (size_t i = 0; i < N; i++)
		assert_int_equal(sh("git -C '%s' cat-file blob %s | cmp -s - '%s/object%zu'", repo,
				    ids[i], scratch, i), 0);
	/* the pack's name is its checksum, as git names packs */
	assert_int_equal(sh("cd '%s/pack' && f=$(ls pack-*.pack) && "
			    "test \"$f\" = \"pack-$(tail -c 20 \"$f\" | od -An -tx1 | tr -d ' \\n').pack\"",
			    objects), 0);
}

/* A pack never installed leaves nothing behind. */
static void test_pack_abandoned(void **state)
{
	(void)state;
	char objects[128];
	snprintf(objects, sizeof objects, "%s/abandoned", scratch);
	assert_int_equal(sh("mkdir -p '%s/pack'", objects), 0);
	yoy_pack *p;
	yoy_error err;
	yoy_object o;
	assert_int_equal(yoy_pack_new(&p, objects, &err), 0);
	assert_int_equal(yoy_object_make(&o, YOY_GIT_BLOB, "x", 1, &err), 0);
	assert_int_equal(yoy_pack_add(p, &o, &err), 0);
	yoy_object_clear(&o);
	yoy_pack_free(p);
	assert_int_equal(sh("test -z \"$(find '%s' -type f)\"", objects), 0);
	/* a killed writer's file, hours old, is cleared by the next writer */
	assert_int_equal(sh("touch -d '3 hours ago' '%s/tmp_yoy_pack_old' && "
			    "touch '%s/tmp_yoy_pack_new'", objects, objects), 0);
	assert_int_equal(yoy_pack_new(&p, objects, &err), 0);
	yoy_pack_free(p);
	assert_int_equal(sh("test ! -e '%s/tmp_yoy_pack_old' && test -e '%s/tmp_yoy_pack_new'",
			    objects, objects), 0);
	/* a directory that cannot take it: an error naming it */
	assert_int_equal(yoy_pack_new(&p, "/nonexistent/objects", &err), YOY_ESTORE);
	assert_null(p);
	assert_non_null(strstr(err.message, "/nonexistent/objects/tmp_yoy_pack_"));
}

static int setup(void **state)
{
	(void)state;
	snprintf(scratch, sizeof scratch, "/tmp/yoy-pack-XXXXXX");
	return mkdtemp(scratch) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return getenv("YOY_KEEP_SCRATCH") ? 0 : sh("rm -rf '%s'", scratch);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha1_vectors),
		cmocka_unit_test(test_object_ids),
		cmocka_unit_test(test_pack_roundtrip),
		cmocka_unit_test(test_pack_abandoned),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
