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

#endif
