/* source.c and parse.c on input hygiene: encodings, line ends, bad files. */
#include "testutil.h"

#include <iconv.h>
#include "util/digest.h"
#include "util/util.h"
#include <unistd.h>

/* JSON of a document without its sources (which name bytes and encoding). */
static char *body_json(yoy_doc *doc)
{
	doc->nsources = 0;
	char *j = yoy_json_write(doc);
	assert_non_null(j);
	return j;
}

static char *convert(const char *to, const char *text, size_t len, size_t *out_len)
{
	iconv_t cd = iconv_open(to, "UTF-8");
	assert_true(cd != (iconv_t)-1);
	size_t cap = len * 4 + 16;
	char *out = malloc(cap);
	char *in = (char *)text, *o = out;
	size_t inleft = len, outleft = cap;
	assert_true(iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1);
	iconv_close(cd);
	*out_len = cap - outleft;
	return out;
}

static yoy_doc *parse_mem(const char *data, size_t len)
{
	yoy_error err;
	yoy_doc *doc = NULL;
	if (yoy_parse_buffer(&doc, "mem.txt", data, len, &err) != 0)
		fail_msg("parse: %s", err.message);
	return doc;
}

static void test_encodings_give_the_same_document(void **state)
{
	(void)state;
	size_t len;
	char *utf8 = slurp(LVLIANG, &len);
	yoy_doc *ref = parse_mem(utf8, len);
	assert_string_equal(ref->sources[0].encoding, "UTF-8");
	char *want = body_json(ref);

	/* GB18030 (a superset of GBK, what older sites publish) */
	size_t glen;
	char *gb = convert("GB18030", utf8, len, &glen);
	yoy_doc *d = parse_mem(gb, glen);
	assert_string_equal(d->sources[0].encoding, "GB18030");
	char *got = body_json(d);
	assert_string_equal(got, want);
	free(got);
	yoy_doc_free(d);
	free(gb);

	/* UTF-8 with a byte order mark and CRLF line ends */
	char *crlf = malloc(len * 2 + 4);
	size_t n = 0;
	memcpy(crlf, "\xEF\xBB\xBF", 3);
	n = 3;
	for (size_t i = 0; i < len; i++) {
		if (utf8[i] == '\n')
			crlf[n++] = '\r';
		crlf[n++] = utf8[i];
	}
	d = parse_mem(crlf, n);
	assert_string_equal(d->sources[0].encoding, "UTF-8 BOM");
	got = body_json(d);
	assert_string_equal(got, want);
	free(got);
	yoy_doc_free(d);
	free(crlf);

	/* UTF-16LE with BOM (saved from Notepad) */
	size_t ulen;
	char *u16 = convert("UTF-16LE", utf8, len, &ulen);
	char *bom = malloc(ulen + 2);
	memcpy(bom, "\xFF\xFE", 2);
	memcpy(bom + 2, u16, ulen);
	d = parse_mem(bom, ulen + 2);
	got = body_json(d);
	assert_string_equal(got, want);
	free(got);
	yoy_doc_free(d);
	free(bom);
	free(u16);

	free(want);
	yoy_doc_free(ref);
	free(utf8);
}

/* Parsing must fail with YOY_EINPUT and a message naming the file. */
static void expect_input_error(const char *path, const char *words)
{
	yoy_error err;
	yoy_error_clear(&err);
	yoy_doc *doc = (yoy_doc *)1;
	const char *paths[] = { path };
	int rc = yoy_parse_files(&doc, paths, 1, &err);
	assert_int_equal(rc, YOY_EINPUT);
	assert_null(doc);
	if (!strstr(err.message, path))
		fail_msg("message does not name the file: %s", err.message);
	if (!strstr(err.message, words))
		fail_msg("message \"%s\" does not say \"%s\"", err.message, words);
}

static void write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
}

static void test_bad_files(void **state)
{
	(void)state;
	char dir[] = "/tmp/yoy-test-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char p[256];

	snprintf(p, sizeof p, "%s/missing.txt", dir);
	expect_input_error(p, "cannot read");

	snprintf(p, sizeof p, "%s/empty.txt", dir);
	write_file(p, "", 0);
	expect_input_error(p, "empty file");

	snprintf(p, sizeof p, "%s/binary.bin", dir);
	unsigned char bin[256];
	for (int i = 0; i < 256; i++)
		bin[i] = (unsigned char)i;
	write_file(p, bin, sizeof bin);
	expect_input_error(p, "binary");

	snprintf(p, sizeof p, "%s/poem.txt", dir);
	const char poem[] = "床前明月光，\n疑是地上霜。\n举头望明月，\n低头思故乡。\n";
	write_file(p, poem, sizeof poem - 1);
	expect_input_error(p, "not a budget disclosure");

	/* bytes valid neither as UTF-8 nor as GB18030 */
	snprintf(p, sizeof p, "%s/mojibake.txt", dir);
	const char bad[] = "\x81\x30\xff\xff\x80 hello \xff";
	write_file(p, bad, sizeof bad - 1);
	expect_input_error(p, "neither UTF-8 nor GB18030");

	/* absurd size: a sparse file larger than the limit */
	snprintf(p, sizeof p, "%s/huge.txt", dir);
	FILE *f = fopen(p, "wb");
	assert_non_null(f);
	assert_int_equal(ftruncate(fileno(f), (off_t)200 * 1024 * 1024), 0);
	fclose(f);
	expect_input_error(p, "too large");

	expect_input_error(dir, "cannot read");

	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static void test_sha256_and_source_facts(void **state)
{
	(void)state;
	yoy_doc *d = parse_ok(LVLIANG);
	assert_int_equal(d->nsources, 1);
	assert_string_equal(d->sources[0].name, "2023-budget.txt");
	assert_string_equal(d->sources[0].format, "text");
	assert_int_equal(d->sources[0].size, 220812);
	/* sha256sum of the published file */
	assert_string_equal(d->sources[0].sha256,
		"9d0bee6d50951c7ad45123127b7538cbc25198328dab0f82927b639655f04be0");
	yoy_doc_free(d);

	/* FIPS 180-4 examples, and a message spanning two blocks */
	char hex[65];
	sha256_hex("abc", 3, hex);
	assert_string_equal(hex,
		"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	sha256_hex("", 0, hex);
	assert_string_equal(hex,
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	const char two[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	sha256_hex(two, strlen(two), hex);
	assert_string_equal(hex,
		"248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_warnings_have_lines(void **state)
{
	(void)state;
	yoy_doc *d = parse_text_ok("某某局\n2024年度部门预算公开\n"
				   "2024年预算支出总表\n单位：万元\n"
				   "科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
				   "合计\t\t100.00\t6O.00\t40.00\n"
				   "205\t教育支出\t100.00\t60.00\t40.00\n");
	assert_int_equal(d->nwarnings, 1);
	assert_int_equal(d->warnings[0].at.line, 6);
	assert_non_null(strstr(d->warnings[0].message, "6O.00"));
	/* the bad cell is left blank, never guessed */
	assert_false(d->tables[0].rows[0].values[1].present);
	yoy_doc_free(d);
}

/* Validation decides between UTF-8 and GB18030: every offset of the fast
 * paths (eight ASCII bytes, inline three-byte sequences) must agree with
 * the strict decoder. */
static void test_utf8_validation(void **state)
{
	(void)state;
	static const struct {
		const char *bytes;
		bool valid;
	} cases[] = {
		{ "收入总计 14,656.81万元", true },
		{ "\xF0\x9F\x98\x80 four bytes", true },
		{ "\xC2\xA0 two bytes", true },
		{ "\xE0\x80\x80 overlong", false },
		{ "\xED\xA0\x80 surrogate", false },
		{ "cut \xE4\xB8", false },
		{ "\x80 lone continuation", false },
		{ "\xC0\xAF overlong slash", false },
		{ "\xCA\xD5\xC8\xEB GBK 收入", false },
		{ "\xF4\x90\x80\x80 above U+10FFFF", false },
	};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++)
		for (int pad = 0; pad < 12; pad++) {
			char buf[128];
			snprintf(buf, sizeof buf, "%.*s%s", pad, "abcdefghijkl", cases[k].bytes);
			if (utf8_valid(buf, strlen(buf)) != cases[k].valid)
				fail_msg("case %zu at offset %d: expected %s", k, pad,
					 cases[k].valid ? "valid" : "invalid");
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_encodings_give_the_same_document),
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_sha256_and_source_facts),
		cmocka_unit_test(test_warnings_have_lines),
		cmocka_unit_test(test_utf8_validation),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
