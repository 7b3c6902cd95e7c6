/* jsonw.c: the canonical layout, escapes and integers, byte for byte. */
#include "testutil.h"

#include "model/jsonw.h"

static char *finish(jsonw *w, sbuf *b)
{
	assert_true(jw_ok(w));
	return sbuf_detach(b);
}

static void test_layouts(void **state)
{
	(void)state;
	sbuf b;
	sbuf_init(&b);
	jsonw w;
	jw_init(&w, &b);
	jw_object(&w, NULL, JW_PRETTY);
	jw_str(&w, "name", "高院");
	jw_str(&w, "absent", NULL); /* NULL strings are left out */
	jw_int(&w, "year", 2018);
	jw_bool(&w, "empty", false);
	jw_object(&w, "at", JW_COMPACT);
	jw_int(&w, "line", 12);
	jw_int(&w, "page", 3);
	jw_end(&w);
	jw_array(&w, "rows", JW_LINES);
	for (int i = 0; i < 2; i++) {
		jw_object(&w, NULL, JW_PRETTY); /* compact: inside a JW_LINES array */
		jw_str(&w, "code", i ? "2010102" : "201");
		jw_object(&w, "values", JW_PRETTY);
		jw_str(&w, "total", "728.11");
		jw_end(&w);
		jw_end(&w);
	}
	jw_end(&w);
	jw_array(&w, "none", JW_LINES);
	jw_end(&w);
	jw_object(&w, "nested", JW_PRETTY);
	jw_array(&w, "list", JW_PRETTY);
	jw_int(&w, NULL, -5);
	jw_end(&w);
	jw_end(&w);
	jw_end(&w);
	char *s = finish(&w, &b);
	assert_string_equal(s,
		"{\n"
		"  \"name\": \"高院\",\n"
		"  \"year\": 2018,\n"
		"  \"empty\": false,\n"
		"  \"at\": {\"line\":12,\"page\":3},\n"
		"  \"rows\": [\n"
		"    {\"code\":\"201\",\"values\":{\"total\":\"728.11\"}},\n"
		"    {\"code\":\"2010102\",\"values\":{\"total\":\"728.11\"}}\n"
		"  ],\n"
		"  \"none\": [],\n"
		"  \"nested\": {\n"
		"    \"list\": [\n"
		"      -5\n"
		"    ]\n"
		"  }\n"
		"}");
	free(s);
}

static void test_escapes_as_cjson(void **state)
{
	(void)state;
	sbuf b;
	sbuf_init(&b);
	jw_quote(&b, "a\"b\\c\n\t\r\b\f\x01\x1f 万元 \x7f");
	assert_string_equal(sbuf_cstr(&b),
			    "\"a\\\"b\\\\c\\n\\t\\r\\b\\f\\u0001\\u001f 万元 \x7f\"");
	sbuf_free(&b);
}

/* The escape written bytewise, as the reference. */
static void reference_quote(char *out, const char *s)
{
	*out++ = '"';
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\') {
			*out++ = '\\';
			*out++ = (char)*p;
		} else if (*p == '\n') {
			out += sprintf(out, "\\n");
		} else if (*p == '\t') {
			out += sprintf(out, "\\t");
		} else if (*p < 0x20) {
			out += sprintf(out, "\\u%04x", *p);
		} else {
			*out++ = (char)*p;
		}
	}
	*out++ = '"';
	*out = '\0';
}

/* Runs are skipped eight bytes at a time: every special byte at every
 * offset of a long string, among ASCII and UTF-8, must still be seen. */
static void test_escapes_at_every_offset(void **state)
{
	(void)state;
	static const char specials[] = { '"', '\\', '\n', '\t', 0x01, 0x1f };
	static const char *const fill[] = { "a", "万", "\x7f", " " };
	for (size_t f = 0; f < sizeof fill / sizeof *fill; f++)
		for (size_t sp = 0; sp < sizeof specials; sp++)
			for (int at = 0; at < 40; at++) {
				char s[256] = "", want[512];
				for (int i = 0; i < 40; i++) {
					if (i == at) {
						size_t n = strlen(s);
						s[n] = specials[sp];
						s[n + 1] = '\0';
					} else {
						strcat(s, fill[f]);
					}
				}
				reference_quote(want, s);
				sbuf b;
				sbuf_init(&b);
				jw_quote(&b, s);
				if (strcmp(sbuf_cstr(&b), want) != 0)
					fail_msg("offset %d, special 0x%02x, fill %s: %s", at,
						 specials[sp], fill[f], sbuf_cstr(&b));
				sbuf_free(&b);
			}
}

static void test_integers(void **state)
{
	(void)state;
	sbuf b;
	sbuf_init(&b);
	jsonw w;
	jw_init(&w, &b);
	jw_array(&w, NULL, JW_COMPACT);
	jw_int(&w, NULL, 0);
	jw_int(&w, NULL, -1);
	jw_int(&w, NULL, 9223372036854775807LL);
	jw_int(&w, NULL, -9223372036854775807LL - 1);
	jw_end(&w);
	char *s = finish(&w, &b);
	assert_string_equal(s, "[0,-1,9223372036854775807,-9223372036854775808]");
	free(s);
}

static void test_misuse_is_reported(void **state)
{
	(void)state;
	sbuf b;
	sbuf_init(&b);
	jsonw w;
	jw_init(&w, &b);
	jw_object(&w, NULL, JW_PRETTY);
	assert_false(jw_ok(&w)); /* not closed */
	jw_end(&w);
	assert_true(jw_ok(&w));
	jw_end(&w); /* one end too many */
	assert_false(jw_ok(&w));
	sbuf_free(&b);

	sbuf_init(&b);
	jw_init(&w, &b);
	for (int i = 0; i < JW_MAX_DEPTH + 2; i++)
		jw_array(&w, NULL, JW_COMPACT);
	for (int i = 0; i < JW_MAX_DEPTH + 2; i++)
		jw_end(&w);
	assert_false(jw_ok(&w)); /* too deep */
	sbuf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layouts),
		cmocka_unit_test(test_escapes_as_cjson),
		cmocka_unit_test(test_escapes_at_every_offset),
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_misuse_is_reported),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
