/* Shared by the in-process benchmarks: a clock, order statistics of the
 * timed runs, and loading a bundled document. */
#ifndef YOY_BENCHUTIL_H
#define YOY_BENCHUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "yoy/parse.h"

/* Seconds on the monotonic clock. */
static inline double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static inline int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Sort t[0..n) and return its median; *p95 (when not NULL) gets the 95th
 * percentile. */
static inline double median_of(double *t, int n, double *p95)
{
	qsort(t, (size_t)n, sizeof *t, cmp_double);
	if (p95)
		*p95 = t[n * 95 / 100];
	return t[n / 2];
}

/* Parse a bundled document or exit: a benchmark has nothing to report
 * without it.  Free with yoy_doc_free. */
static inline yoy_doc *load(const char *path)
{
	yoy_doc *doc;
	yoy_error err;
	const char *files[1] = { path };
	if (yoy_parse_files(&doc, files, 1, &err)) {
		fprintf(stderr, "%s\n", err.message);
		exit(1);
	}
	return doc;
}

#endif
