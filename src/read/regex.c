/* PCRE2 behind one file (regex.h): UTF-8 patterns, compiled once, JIT where
 * available.  The only file that includes pcre2.h. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "regex.h"

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>

struct yoy_regex {
	pcre2_code *code;
};

struct yoy_match {
	pcre2_match_data *data;
};

yoy_regex *regex_compile(const char *pattern, char *errbuf, size_t errlen)
{
	int errcode;
	PCRE2_SIZE erroff;
	pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
					 PCRE2_UTF | PCRE2_NO_UTF_CHECK, &errcode,
					 &erroff, NULL);
	if (!code) {
		if (errbuf && errlen) {
			PCRE2_UCHAR msg[256];
			pcre2_get_error_message(errcode, msg, sizeof msg);
			snprintf(errbuf, errlen, "regex at %zu: %s", (size_t)erroff,
				 (const char *)msg);
		}
		return NULL;
	}
	/* JIT is an optimization: without it matching still works */
	(void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
	yoy_regex *re = malloc(sizeof *re);
	if (!re) {
		pcre2_code_free(code);
		if (errbuf && errlen)
			snprintf(errbuf, errlen, "out of memory");
		return NULL;
	}
	re->code = code;
	return re;
}

void regex_free(yoy_regex *re)
{
	if (!re)
		return;
	pcre2_code_free(re->code);
	free(re);
}

int regex_group(const yoy_regex *re, const char *name)
{
	int n = pcre2_substring_number_from_name(re->code, (PCRE2_SPTR)name);
	return n < 0 ? -1 : n;
}

yoy_match *match_new(const yoy_regex *re)
{
	yoy_match *m = malloc(sizeof *m);
	if (!m)
		return NULL;
	m->data = pcre2_match_data_create_from_pattern(re->code, NULL);
	if (!m->data) {
		free(m);
		return NULL;
	}
	return m;
}

void match_free(yoy_match *m)
{
	if (!m)
		return;
	pcre2_match_data_free(m->data);
	free(m);
}

int regex_search(const yoy_regex *re, yoy_match *m, const char *subject,
		 size_t len, size_t start)
{
	/* the texts given here are valid UTF-8 (checked on input) */
	int rc = pcre2_match(re->code, (PCRE2_SPTR)subject, len, start,
			     PCRE2_NO_UTF_CHECK, m->data, NULL);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	return rc < 0 ? -1 : 1;
}

int match_group(const yoy_match *m, int g, size_t *begin, size_t *end)
{
	if (g < 0 || (uint32_t)g >= pcre2_get_ovector_count(m->data))
		return 0;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->data);
	if (ov[2 * g] == PCRE2_UNSET)
		return 0;
	*begin = ov[2 * g];
	*end = ov[2 * g + 1];
	return 1;
}
