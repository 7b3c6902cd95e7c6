/* Departments ranked by what `yoy check --all` found, for the auditor who
 * must choose where to look first: errors first, then warnings, then
 * unverifiable statements. */
#ifndef YOY_RANK_H
#define YOY_RANK_H

#include <stddef.h>

#include "yoy/check.h"

typedef struct yoy_rank_row {
	char *department;      /* key (heap) */
	int documents;
	int first_year, last_year;
	size_t count[4];       /* findings by severity, over its documents */
	size_t unverifiable;   /* findings whose figures could not be checked */
	/* its document with the most errors (then warnings): where to start */
	int worst_year;
	char *worst_kind;      /* heap */
	size_t worst_count[4];
} yoy_rank_row;

typedef struct yoy_rank {
	yoy_rank_row *rows;
	size_t n, cap;
	int documents;
} yoy_rank;

/* What a check found, as the ranking counts it. */
typedef struct yoy_rank_counts {
	size_t count[4];      /* by severity */
	size_t unverifiable;
} yoy_rank_counts;
void yoy_rank_count(yoy_rank_counts *out, const yoy_check *c);

/* Add the counts of department's year and kind to r (r zeroed first).
 * Returns 0 or YOY_ENOMEM. */
int yoy_rank_add(yoy_rank *r, const char *department, int year, const char *kind,
		 const yoy_rank_counts *c);
/* Order the rows: most errors first, then warnings, unverifiable, info,
 * then by department. */
void yoy_rank_sort(yoy_rank *r);
void yoy_rank_free(yoy_rank *r);

#endif
