/* Departments ranked by their findings (rank.h).  Calls model and util. */
#include "yoy/rank.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

static yoy_rank_row *row_of(yoy_rank *r, const char *department)
{
	/* check --all goes department by department: the last row is it */
	if (r->n && strcmp(r->rows[r->n - 1].department, department) == 0)
		return &r->rows[r->n - 1];
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->rows[i].department, department) == 0)
			return &r->rows[i];
	yoy_rank_row row = { 0 };
	if (!(row.department = strdup(department)))
		return NULL;
	if (!VEC_PUSH(r->rows, r->n, r->cap, row)) {
		free(row.department);
		return NULL;
	}
	return &r->rows[r->n - 1];
}

/* Whether counts a are worse than b: more errors, then more warnings. */
static bool worse(const size_t a[4], const size_t b[4])
{
	for (int s = YOY_SEV_ERROR; s >= YOY_SEV_INFO; s--)
		if (a[s] != b[s])
			return a[s] > b[s];
	return false;
}

void yoy_rank_count(yoy_rank_counts *out, const yoy_check *c)
{
	memcpy(out->count, c->count, sizeof out->count);
	out->unverifiable = 0;
	for (size_t i = 0; i < c->nfindings; i++)
		if (c->findings[i].verdict == YOY_VERDICT_UNVERIFIABLE)
			out->unverifiable++;
}

int yoy_rank_add(yoy_rank *r, const char *department, int year, const char *kind,
		 const yoy_rank_counts *c)
{
	yoy_rank_row *row = row_of(r, department);
	if (!row)
		return YOY_ENOMEM;
	if (!row->documents || year < row->first_year)
		row->first_year = year;
	if (!row->documents || year > row->last_year)
		row->last_year = year;
	row->documents++;
	r->documents++;
	for (int s = 0; s < 4; s++)
		row->count[s] += c->count[s];
	row->unverifiable += c->unverifiable;
	if (!row->worst_kind || worse(c->count, row->worst_count)) {
		char *k = strdup(kind);
		if (!k)
			return YOY_ENOMEM;
		free(row->worst_kind);
		row->worst_kind = k;
		row->worst_year = year;
		memcpy(row->worst_count, c->count, sizeof row->worst_count);
	}
	return 0;
}

static int cmp_row(const void *x, const void *y)
{
	const yoy_rank_row *a = x, *b = y;
	if (a->count[YOY_SEV_ERROR] != b->count[YOY_SEV_ERROR])
		return a->count[YOY_SEV_ERROR] > b->count[YOY_SEV_ERROR] ? -1 : 1;
	if (a->count[YOY_SEV_WARNING] != b->count[YOY_SEV_WARNING])
		return a->count[YOY_SEV_WARNING] > b->count[YOY_SEV_WARNING] ? -1 : 1;
	if (a->unverifiable != b->unverifiable)
		return a->unverifiable > b->unverifiable ? -1 : 1;
	if (a->count[YOY_SEV_INFO] != b->count[YOY_SEV_INFO])
		return a->count[YOY_SEV_INFO] > b->count[YOY_SEV_INFO] ? -1 : 1;
	return strcmp(a->department, b->department);
}

void yoy_rank_sort(yoy_rank *r)
{
	if (r->n)
		qsort(r->rows, r->n, sizeof *r->rows, cmp_row);
}

void yoy_rank_free(yoy_rank *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->rows[i].department);
		free(r->rows[i].worst_kind);
	}
	free(r->rows);
	memset(r, 0, sizeof *r);
}
