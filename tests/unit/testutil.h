/* Shared by the cmocka unit tests.  Tests run with tests/ as the working
 * directory, so data paths start with "data/". */
#ifndef YOY_TESTUTIL_H
#define YOY_TESTUTIL_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <cmocka.h>

#include "yoy/amount.h"
#include "yoy/doc.h"
#include "yoy/error.h"
#include "yoy/json.h"
#include "yoy/parse.h"

#define LVLIANG "data/lvliang-hrss/2023-budget.txt"

/* Parse a file that must parse; fails the test otherwise. */
static inline yoy_doc *parse_ok(const char *path)
{
	yoy_error err;
	yoy_error_clear(&err);
	yoy_doc *doc = NULL;
	const char *paths[] = { path };
	int rc = yoy_parse_files(&doc, paths, 1, &err);
	if (rc)
		fail_msg("parse %s: %s", path, err.message);
	return doc;
}

/* Parse text held in memory that must parse. */
static inline yoy_doc *parse_text_ok(const char *text)
{
	yoy_error err;
	yoy_error_clear(&err);
	yoy_doc *doc = NULL;
	int rc = yoy_parse_buffer(&doc, "test.txt", text, strlen(text), &err);
	if (rc)
		fail_msg("parse: %s", err.message);
	return doc;
}

/* Run a shell command made like printf; its exit status (-1 if killed). */
static inline int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline int sh(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	int rc = system(cmd);
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

/* "14656.81" style formatting of an amount, in a static buffer. */
static inline const char *fmt_amount(const yoy_amount *a)
{
	static char buf[4][48];
	static int k;
	k = (k + 1) % 4;
	yoy_amount_format(buf[k], sizeof buf[k], a);
	return buf[k];
}

static inline const char *fmt_decimal(const yoy_decimal *d)
{
	static char buf[4][48];
	static int k;
	k = (k + 1) % 4;
	yoy_decimal_format(buf[k], sizeof buf[k], d);
	return buf[k];
}

/* Read a whole file (test data); NULL-terminated, free() it. */
static inline char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s", path);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	if (len)
		*len = (size_t)n;
	return buf;
}

/* A one-table document of 测试局 (JSON read in memory): rows are
 * "code|name|value", or "|name|value" for an uncoded row.  Free it with
 * yoy_doc_free. */
static inline yoy_doc *one_table_doc(int year, const char *kind, const char *unit, int decimals,
		       const char *const *rows, size_t nrows)
{
	char json[16384];
	int n = snprintf(json, sizeof json,
		"{\"schema\":\"yoy-disclosure/1\",\"department\":\"测试局\",\"year\":%d,"
		"\"kind\":\"department_budget\",\"sources\":[],\"tables\":[{\"kind\":\"%s\","
		"\"title\":\"表\",\"unit\":\"%s\",\"decimals\":%d,\"at\":{\"line\":1},"
		"\"empty\":false,\"columns\":[{\"key\":\"total\",\"label\":\"合计\"}],\"rows\":[",
		year, kind, unit, decimals);
	for (size_t i = 0; i < nrows; i++) {
		char code[16] = "", name[256] = "", value[32] = "";
		sscanf(rows[i], "%15[^|]|%255[^|]|%31s", code, name, value);
		if (rows[i][0] == '|')
			sscanf(rows[i], "|%255[^|]|%31s", name, value);
		n += snprintf(json + n, sizeof json - (size_t)n,
			      "%s{%s%s%s\"name\":\"%s\",\"level\":%d,\"values\":{\"total\":\"%s\"},"
			      "\"at\":{\"line\":%zu}}",
			      i ? "," : "", *code && rows[i][0] != '|' ? "\"code\":\"" : "",
			      rows[i][0] != '|' ? code : "", *code && rows[i][0] != '|' ? "\"," : "",
			      name, rows[i][0] == '|' ? 1 : yoy_code_level(code), value, i + 2);
	}
	snprintf(json + n, sizeof json - (size_t)n, "]}],\"sections\":[],\"claims\":[],"
		 "\"forms\":[],\"warnings\":[]}");
	yoy_doc *doc;
	yoy_error err;
	if (yoy_json_read(&doc, json, strlen(json), "test.json", &err))
		fail_msg("%s\n%s", err.message, json);
	return doc;
}

#endif
