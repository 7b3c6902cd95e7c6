/* Internal: regular expressions (PCRE2, UTF-8 mode, JIT when available).
 * The only file that includes pcre2.h is regex.c. */
#ifndef YOY_REGEX_H
#define YOY_REGEX_H

#include <stddef.h>

typedef struct yoy_regex yoy_regex;
typedef struct yoy_match yoy_match;

/* Compile pattern; returns NULL and fills errbuf on error.  Free with
 * regex_free.  A compiled regex is immutable and may be shared by
 * threads; each thread needs its own yoy_match. */
yoy_regex *regex_compile(const char *pattern, char *errbuf, size_t errlen);
void regex_free(yoy_regex *re);

/* Number of the named group, or -1. */
int regex_group(const yoy_regex *re, const char *name);

/* Match state for re; NULL when out of memory.  Free with match_free. */
yoy_match *match_new(const yoy_regex *re);
void match_free(yoy_match *m);

/* Search subject[start..len) for the next match.  Returns 1 on a match,
 * 0 when none, -1 on a matching error (e.g. limits). */
int regex_search(const yoy_regex *re, yoy_match *m, const char *subject,
		 size_t len, size_t start);

/* Span of group g of the last match; returns 0 when the group did not
 * take part. */
int match_group(const yoy_match *m, int g, size_t *begin, size_t *end);

#endif
