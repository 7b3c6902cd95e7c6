/* Packfiles written by yoy (see pack.h); the only file that includes
 * libdeflate.h.  libdeflate rather than zlib: it makes the same zlib
 * streams twice as fast, and compressing is most of an import's work. */
#include "pack.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <libdeflate.h>

#include "util/digest.h"
#include "util/util.h"

/* Loose objects are compressed this hard by libgit2 too (zlib's level 1);
 * `git gc` recompresses when asked. */
#define LEVEL 1
/* A temporary file untouched this long belongs to a killed writer. */
#define STALE_SECONDS 3600
#define TMP_PACK "tmp_yoy_pack_"
#define TMP_IDX "tmp_yoy_idx_"

static const char *const type_names[] = { NULL, "commit", "tree", "blob", "tag" };

void yoy_object_clear(yoy_object *o)
{
	free(o->entry);
	memset(o, 0, sizeof *o);
}

int yoy_object_make(yoy_object *o, int type, const void *data, size_t len,
		    yoy_error *err)
{
	memset(o, 0, sizeof *o);
	if (type < YOY_GIT_COMMIT || type > YOY_GIT_TAG)
		return yoy_error_set(err, YOY_EINTERNAL, "object type %d", type);
	o->type = type;
	o->size = len;

	/* the id as git makes it, by libgit2's collision-detecting SHA-1 */
	int rc = yoy_git_object_id(o->id, type, data, len);
	if (rc)
		return yoy_error_set(err, rc, "cannot hash a %s object", type_names[type]);
	for (int i = 0; i < 20; i++)
		snprintf(o->hex + 2 * i, 3, "%02x", o->id[i]);

	/* the entry header: type and size, 4 bits then 7 at a time */
	unsigned char hdr[16];
	size_t hn = 0;
	uint64_t s = len;
	hdr[hn] = (unsigned char)(type << 4 | (s & 0x0f));
	for (s >>= 4; s; s >>= 7) {
		hdr[hn++] |= 0x80;
		hdr[hn] = s & 0x7f;
	}
	hn++;

	struct libdeflate_compressor *z = libdeflate_alloc_compressor(LEVEL);
	size_t cap = z ? hn + libdeflate_zlib_compress_bound(z, len) : 0;
	o->entry = z ? malloc(cap) : NULL;
	if (!o->entry) {
		libdeflate_free_compressor(z);
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	}
	memcpy(o->entry, hdr, hn);
	size_t zlen = libdeflate_zlib_compress(z, data, len, o->entry + hn, cap - hn);
	libdeflate_free_compressor(z);
	if (!zlen) {
		yoy_object_clear(o);
		return yoy_error_set(err, YOY_EINTERNAL, "cannot compress an object");
	}
	o->entry_len = hn + zlen;
	/* most of the bound is slack: give it back while the entry waits */
	unsigned char *fit = realloc(o->entry, o->entry_len);
	if (fit)
		o->entry = fit;
	o->crc = libdeflate_crc32(0, o->entry, o->entry_len);
	return 0;
}

/* ---- packs being written ------------------------------------------------ */

typedef struct pack_entry {
	unsigned char id[20];
	int type;
	uint64_t size;
	uint64_t offset;        /* of the entry in the pack */
	size_t entry_len;
	uint32_t crc;
} pack_entry;

struct yoy_pack {
	char *dir;              /* objects/ */
	char *tmp_path;         /* NULL once installed */
	int fd;
	uint64_t end;           /* bytes written */
	pack_entry *v;
	size_t n, cap;
	uint32_t *slots;        /* open addressing: index + 1, 0 = empty */
	size_t nslots;
};

static int io_fail(yoy_error *err, const char *what, const char *path)
{
	return yoy_error_set(err, YOY_ESTORE, "%s: %s: %s", path, what, strerror(errno));
}

static int write_all(int fd, const void *buf, size_t len)
{
	const unsigned char *p = buf;
	while (len) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

static int pread_all(int fd, void *buf, size_t len, uint64_t at)
{
	unsigned char *p = buf;
	while (len) {
		ssize_t r = pread(fd, p, len, (off_t)at);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		p += r;
		len -= (size_t)r;
		at += (uint64_t)r;
	}
	return 0;
}

static void remove_stale(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	time_t now = time(NULL);
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, TMP_PACK, strlen(TMP_PACK)) != 0 &&
		    strncmp(e->d_name, TMP_IDX, strlen(TMP_IDX)) != 0)
			continue;
		struct stat sb;
		if (fstatat(dirfd(d), e->d_name, &sb, 0) == 0 &&
		    now - sb.st_mtime > STALE_SECONDS)
			unlinkat(dirfd(d), e->d_name, 0);
	}
	closedir(d);
}

static char *tmp_name(const char *dir, const char *prefix)
{
	sbuf b;
	sbuf_init(&b);
	sbuf_printf(&b, "%s/%sXXXXXX", dir, prefix);
	return sbuf_detach(&b);
}

int yoy_pack_new(yoy_pack **out, const char *objects_dir, yoy_error *err)
{
	*out = NULL;
	remove_stale(objects_dir);
	yoy_pack *p = calloc(1, sizeof *p);
	if (p)
		p->fd = -1;
	if (!p || !(p->dir = strdup(objects_dir)) ||
	    !(p->tmp_path = tmp_name(objects_dir, TMP_PACK))) {
		yoy_pack_free(p);
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	}
	p->fd = mkstemp(p->tmp_path);
	if (p->fd < 0) {
		int rc = io_fail(err, "cannot create a pack", p->tmp_path);
		free(p->tmp_path);
		p->tmp_path = NULL;
		yoy_pack_free(p);
		return rc;
	}
	/* the object count is filled in when the pack is finished */
	static const unsigned char header[12] = { 'P', 'A', 'C', 'K', 0, 0, 0, 2 };
	if (write_all(p->fd, header, sizeof header)) {
		int rc = io_fail(err, "cannot write", p->tmp_path);
		yoy_pack_free(p);
		return rc;
	}
	p->end = sizeof header;
	*out = p;
	return 0;
}

static size_t slot_of(const unsigned char id[20], size_t nslots)
{
	uint64_t h;
	memcpy(&h, id, sizeof h); /* ids are uniform already */
	return (size_t)h & (nslots - 1);
}

/* The index into p->v of id, or (size_t)-1. */
static size_t find(const yoy_pack *p, const unsigned char id[20])
{
	if (!p->nslots)
		return (size_t)-1;
	for (size_t s = slot_of(id, p->nslots);; s = (s + 1) & (p->nslots - 1)) {
		uint32_t k = p->slots[s];
		if (!k)
			return (size_t)-1;
		if (memcmp(p->v[k - 1].id, id, 20) == 0)
			return k - 1;
	}
}

static bool rehash(yoy_pack *p, size_t nslots)
{
	uint32_t *slots = calloc(nslots, sizeof *slots);
	if (!slots)
		return false;
	for (size_t i = 0; i < p->n; i++) {
		size_t s = slot_of(p->v[i].id, nslots);
		while (slots[s])
			s = (s + 1) & (nslots - 1);
		slots[s] = (uint32_t)(i + 1);
	}
	free(p->slots);
	p->slots = slots;
	p->nslots = nslots;
	return true;
}

int yoy_pack_add(yoy_pack *p, const yoy_object *o, yoy_error *err)
{
	if (!p->tmp_path)
		return yoy_error_set(err, YOY_EINTERNAL, "adding to an installed pack");
	if (find(p, o->id) != (size_t)-1)
		return 0;
	if (p->n >= UINT32_MAX - 1)
		return yoy_error_set(err, YOY_ESTORE, "%s: too many objects for one pack", p->dir);
	if ((p->n + 1) * 2 > p->nslots && !rehash(p, p->nslots ? p->nslots * 2 : 256))
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	if (!vec_grow((void **)&p->v, &p->cap, p->n + 1, sizeof *p->v))
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	if (write_all(p->fd, o->entry, o->entry_len))
		return io_fail(err, "cannot write", p->tmp_path);
	pack_entry *e = &p->v[p->n++];
	memcpy(e->id, o->id, 20);
	e->type = o->type;
	e->size = o->size;
	e->offset = p->end;
	e->entry_len = o->entry_len;
	e->crc = o->crc;
	p->end += o->entry_len;
	size_t s = slot_of(e->id, p->nslots);
	while (p->slots[s])
		s = (s + 1) & (p->nslots - 1);
	p->slots[s] = (uint32_t)p->n;
	return 0;
}

bool yoy_pack_lookup(const yoy_pack *p, const unsigned char id[20], int *type,
		     uint64_t *size)
{
	size_t i = find(p, id);
	if (i == (size_t)-1)
		return false;
	*type = p->v[i].type;
	*size = p->v[i].size;
	return true;
}

int yoy_pack_read(const yoy_pack *p, const unsigned char id[20], void *buf,
		  uint64_t size, yoy_error *err)
{
	size_t i = find(p, id);
	if (i == (size_t)-1 || p->v[i].size != size || !p->tmp_path)
		return yoy_error_set(err, YOY_EINTERNAL, "object not in the pack being written");
	const pack_entry *e = &p->v[i];
	unsigned char *raw = malloc(e->entry_len);
	if (!raw)
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	if (pread_all(p->fd, raw, e->entry_len, e->offset)) {
		free(raw);
		return io_fail(err, "cannot read back", p->tmp_path);
	}
	size_t hn = 1;
	while (raw[hn - 1] & 0x80)
		hn++;
	struct libdeflate_decompressor *z = libdeflate_alloc_decompressor();
	size_t got = 0;
	enum libdeflate_result zr = z ? libdeflate_zlib_decompress(z, raw + hn, e->entry_len - hn,
								   buf, (size_t)size, &got)
				      : LIBDEFLATE_INSUFFICIENT_SPACE;
	libdeflate_free_decompressor(z);
	free(raw);
	if (!z)
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	if (zr != LIBDEFLATE_SUCCESS || got != size)
		return yoy_error_set(err, YOY_ESTORE, "%s: an object reads back damaged",
				     p->tmp_path);
	return 0;
}

size_t yoy_pack_count(const yoy_pack *p)
{
	return p->n;
}

const unsigned char *yoy_pack_id(const yoy_pack *p, size_t i)
{
	return p->v[i].id;
}

static void put32(unsigned char *b, uint32_t v)
{
	b[0] = (unsigned char)(v >> 24);
	b[1] = (unsigned char)(v >> 16);
	b[2] = (unsigned char)(v >> 8);
	b[3] = (unsigned char)v;
}

static int cmp_by_id(const void *a, const void *b, void *entries)
{
	const pack_entry *v = entries;
	return memcmp(v[*(const uint32_t *)a].id, v[*(const uint32_t *)b].id, 20);
}

/* The version 2 index of p's objects, ending in its own checksum, into
 * idx (heap). */
static bool build_index(const yoy_pack *p, const unsigned char pack_sum[20], sbuf *idx)
{
	uint32_t *order = malloc((p->n ? p->n : 1) * sizeof *order);
	if (!order)
		return false;
	for (size_t i = 0; i < p->n; i++)
		order[i] = (uint32_t)i;
	qsort_r(order, p->n, sizeof *order, cmp_by_id, p->v);

	unsigned char b[8];
	static const unsigned char magic[8] = { 0xff, 't', 'O', 'c', 0, 0, 0, 2 };
	sbuf_put(idx, magic, sizeof magic);
	uint32_t fan[256] = { 0 };
	for (size_t i = 0; i < p->n; i++)
		fan[p->v[i].id[0]]++;
	for (uint32_t k = 0, sum = 0; k < 256; k++) {
		sum += fan[k];
		put32(b, sum);
		sbuf_put(idx, b, 4);
	}
	for (size_t i = 0; i < p->n; i++)
		sbuf_put(idx, p->v[order[i]].id, 20);
	for (size_t i = 0; i < p->n; i++) {
		put32(b, p->v[order[i]].crc);
		sbuf_put(idx, b, 4);
	}
	/* offsets past 2 GiB go to a table of 8-byte ones */
	uint32_t large = 0;
	for (size_t i = 0; i < p->n; i++) {
		uint64_t off = p->v[order[i]].offset;
		put32(b, off < 0x80000000u ? (uint32_t)off : 0x80000000u | large++);
		sbuf_put(idx, b, 4);
	}
	for (size_t i = 0; i < p->n; i++) {
		uint64_t off = p->v[order[i]].offset;
		if (off < 0x80000000u)
			continue;
		put32(b, (uint32_t)(off >> 32));
		put32(b + 4, (uint32_t)off);
		sbuf_put(idx, b, 8);
	}
	free(order);
	sbuf_put(idx, pack_sum, 20);
	unsigned char sum[20];
	digest_sha1 c;
	digest_sha1_init(&c);
	digest_sha1_update(&c, idx->data, idx->len);
	digest_sha1_final(&c, sum);
	sbuf_put(idx, sum, 20);
	return !idx->oom;
}

/* The pack's checksum: SHA-1 of everything written, now that the header
 * holds the count. */
static int pack_checksum(yoy_pack *p, unsigned char sum[20], yoy_error *err)
{
	unsigned char count[4];
	put32(count, (uint32_t)p->n);
	if (pwrite(p->fd, count, 4, 8) != 4)
		return io_fail(err, "cannot write", p->tmp_path);
	size_t bufsize = 1 << 20;
	unsigned char *buf = malloc(bufsize);
	if (!buf)
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	digest_sha1 c;
	digest_sha1_init(&c);
	for (uint64_t at = 0; at < p->end;) {
		size_t n = p->end - at < bufsize ? (size_t)(p->end - at) : bufsize;
		if (pread_all(p->fd, buf, n, at)) {
			free(buf);
			return io_fail(err, "cannot read back", p->tmp_path);
		}
		digest_sha1_update(&c, buf, n);
		at += n;
	}
	free(buf);
	digest_sha1_final(&c, sum);
	if (write_all(p->fd, sum, 20))
		return io_fail(err, "cannot write", p->tmp_path);
	return 0;
}

/* fsync the directory dir/sub, making the renames in it durable. */
static int sync_dir(const char *dir, const char *sub)
{
	char path[4096];
	if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, sub) >= sizeof path)
		return -1;
	int fd = open(path, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

int yoy_pack_install(yoy_pack *p, yoy_error *err)
{
	if (!p->tmp_path)
		return yoy_error_set(err, YOY_EINTERNAL, "pack installed twice");
	unsigned char sum[20];
	char hex[41];
	int rc = pack_checksum(p, sum, err);
	if (rc)
		return rc;
	for (int i = 0; i < 20; i++)
		snprintf(hex + 2 * i, 3, "%02x", sum[i]);

	sbuf idx, pack_name, idx_name;
	sbuf_init(&idx);
	sbuf_init(&pack_name);
	sbuf_init(&idx_name);
	sbuf_printf(&pack_name, "%s/pack/pack-%s.pack", p->dir, hex);
	sbuf_printf(&idx_name, "%s/pack/pack-%s.idx", p->dir, hex);
	char *idx_tmp = tmp_name(p->dir, TMP_IDX);
	int fd = -1;
	if (!idx_tmp || !build_index(p, sum, &idx) || pack_name.oom || idx_name.oom) {
		rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
		goto cleanup;
	}
	fd = mkstemp(idx_tmp);
	if (fd < 0) {
		rc = io_fail(err, "cannot create a pack index", idx_tmp);
		free(idx_tmp);
		idx_tmp = NULL;
		goto cleanup;
	}
	/* packs are read-only, as git and libgit2 make them; both files
	 * reach the disk before their names appear (git's core.fsync), so a
	 * power cut leaves a temporary file, never a pack with holes */
	if (write_all(fd, idx.data, idx.len) || fchmod(fd, 0444) || fsync(fd)) {
		rc = io_fail(err, "cannot write", idx_tmp);
		goto cleanup;
	}
	if (fchmod(p->fd, 0444) || fsync(p->fd)) {
		rc = io_fail(err, "cannot write", p->tmp_path);
		goto cleanup;
	}
	if (rename(p->tmp_path, sbuf_cstr(&pack_name))) {
		rc = io_fail(err, "cannot install the pack", sbuf_cstr(&pack_name));
		goto cleanup;
	}
	free(p->tmp_path);
	p->tmp_path = NULL;
	/* the index last: readers find packs by their index */
	if (rename(idx_tmp, sbuf_cstr(&idx_name))) {
		rc = io_fail(err, "cannot install the pack index", sbuf_cstr(&idx_name));
		unlink(sbuf_cstr(&pack_name)); /* unreadable without it */
		goto cleanup;
	}
	free(idx_tmp);
	idx_tmp = NULL;
	/* the names too, before the caller moves a branch onto the objects */
	if (sync_dir(p->dir, "pack")) {
		rc = io_fail(err, "cannot sync", sbuf_cstr(&idx_name));
		goto cleanup;
	}
cleanup:
	if (fd >= 0)
		close(fd);
	if (idx_tmp) {
		unlink(idx_tmp);
		free(idx_tmp);
	}
	sbuf_free(&idx);
	sbuf_free(&pack_name);
	sbuf_free(&idx_name);
	return rc;
}

void yoy_pack_free(yoy_pack *p)
{
	if (!p)
		return;
	if (p->fd >= 0)
		close(p->fd);
	if (p->tmp_path)
		unlink(p->tmp_path);
	free(p->tmp_path);
	free(p->dir);
	free(p->v);
	free(p->slots);
	free(p);
}
