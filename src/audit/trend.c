/* A line over the years (trend.h): walk year pairs with the diff. */
#include "yoy/trend.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "util/util.h"
#include "yoy/amount.h"
#include "yoy/diff.h"

static int64_t first_value(const yoy_table *t, const yoy_row *r)
{
	int c = yoy_table_column(t, "total");
	if (c < 0)
		c = 0;
	return t->ncolumns ? yoy_amount_fen(&r->values[c]) : 0;
}

static int wan_decimals(const yoy_table *t)
{
	return yoy_wan_decimals(t->unit, t->decimals);
}

static bool same_name(const char *a, const char *b)
{
	sbuf x, y;
	sbuf_init(&x);
	sbuf_init(&y);
	match_normalize_name(&x, a);
	match_normalize_name(&y, b);
	bool eq = strcmp(sbuf_cstr(&x), sbuf_cstr(&y)) == 0;
	sbuf_free(&x);
	sbuf_free(&y);
	return eq;
}

/* The rows that are the line in one document's table: *count of them,
 * the nth returned (1-based), or NULL. */
static const yoy_row *find_row(const yoy_table *t, const char *code, const char *project,
			       size_t nth, size_t *count)
{
	const yoy_row *found = NULL;
	*count = 0;
	for (size_t i = 0; t && i < t->nrows; i++) {
		const yoy_row *r = &t->rows[i];
		if (code ? r->code && strcmp(r->code, code) == 0
			 : r->name && same_name(r->name, project))
			if (++*count == nth)
				found = r;
	}
	return found;
}

/* "第433行 3.46, 第440行 129.20" for the rows a name is ambiguous between */
static void list_rows(sbuf *w, const yoy_table *t, const char *project)
{
	size_t n = 0;
	for (size_t i = 0; i < t->nrows; i++) {
		const yoy_row *r = &t->rows[i];
		if (!r->name || !same_name(r->name, project))
			continue;
		char v[48];
		yoy_fen_format(v, sizeof v, first_value(t, r), YOY_UNIT_WAN, wan_decimals(t));
		n++;
		if (r->at.page)
			sbuf_printf(w, "%s#%zu = %s万元 (p%d:%d)", n > 1 ? ", " : "", n, v, r->at.page,
				    r->at.line);
		else
			sbuf_printf(w, "%s#%zu = %s万元 (line %d)", n > 1 ? ", " : "", n, v,
				    r->at.line);
	}
}

/* The diff row that pairs with row on side b (or a). */
static const yoy_diff_row *paired(const yoy_diff *d, const yoy_row *row, bool on_b)
{
	for (size_t t = 0; t < d->ntables; t++)
		for (size_t i = 0; i < d->tables[t].nrows; i++) {
			const yoy_diff_row *r = &d->tables[t].rows[i];
			if ((on_b ? r->b : r->a) == row)
				return r;
		}
	return NULL;
}

/* Years may print the line in 元 or 万元: show every year with the
 * decimals of the finest. */
static void set_year(yoy_trend *tr, yoy_trend_year *y, const yoy_doc *d, const yoy_table *t,
		     const yoy_row *r)
{
	y->at = r->at;
	y->file = d->nsources ? d->sources[r->at.file >= 0 && (size_t)r->at.file < d->nsources
						   ? r->at.file : 0].name : NULL;
	if (wan_decimals(t) > tr->decimals)
		tr->decimals = wan_decimals(t);
	y->present = true;
	y->code = r->code;
	y->name = r->name;
	y->value = first_value(t, r);
}

/* What changed between the year of p's a and y, the year of its b. */
static void mark_change(yoy_arena *ar, yoy_trend_year *y, const yoy_diff_row *p)
{
	y->flags = p->flags;
	y->score = p->score;
	if (p->flags & YOY_DIFF_RECODED)
		y->was = arena_strdup(ar, p->a->code);
	else if (p->flags)
		y->was = arena_strdup(ar, p->a->name);
}

static int64_t total_of(const yoy_doc *d, int *decimals, bool *present, yoy_trend_year *y)
{
	static const yoy_table_kind kinds[] = { YOY_TABLE_SUMMARY, YOY_TABLE_INCOME,
						YOY_TABLE_EXPENDITURE };
	for (size_t i = 0; i < 3; i++) {
		const yoy_table *t = yoy_doc_table(d, kinds[i]);
		const yoy_row *r = t ? yoy_table_row_by_key(t, "total", kinds[i] == YOY_TABLE_SUMMARY
									   ? "income" : NULL) : NULL;
		if (r && t->ncolumns && r->values[0].present) {
			*present = true;
			y->at = r->at;
			y->file = d->nsources ? d->sources[0].name : NULL;
			if (wan_decimals(t) > *decimals)
				*decimals = wan_decimals(t);
			return r->values[0].fen;
		}
	}
	*present = false;
	return 0;
}

/* The latest year that prints the line: its table kind, year index and
 * row (NULL when the name is printed more than once and no --nth picks
 * one).  Returns how many rows of that year match; 0 when none does. */
static size_t find_line(const yoy_doc *const *docs, size_t n, const yoy_trend_options *o,
			yoy_table_kind *kind, size_t *start, const yoy_row **row)
{
	static const yoy_table_kind code_kinds[] = {
		YOY_TABLE_GENERAL_EXPENDITURE, YOY_TABLE_EXPENDITURE,
		YOY_TABLE_FISCAL_EXPENDITURE, YOY_TABLE_INCOME,
	};
	size_t count = 0, nth = o->nth ? o->nth : 1;
	*kind = YOY_TABLE_PROJECTS;
	*start = n;
	*row = NULL;
	for (size_t k = 0; o->code && k < sizeof code_kinds / sizeof *code_kinds && !count; k++)
		for (size_t i = n; i-- > 0 && !count;)
			if ((*row = find_row(yoy_doc_table(docs[i], code_kinds[k]), o->code, NULL, nth,
					     &count)) || count) {
				*kind = code_kinds[k];
				*start = i;
			}
	for (size_t i = n; o->project && i-- > 0 && !count;)
		if ((*row = find_row(yoy_doc_table(docs[i], *kind), NULL, o->project, nth, &count)) ||
		    count)
			*start = i;
	return count;
}

/* The same name twice in a year: which one is for the user. */
static int ambiguous_project(const yoy_doc *doc, yoy_table_kind kind,
			     const yoy_trend_options *o, size_t count, yoy_error *err)
{
	sbuf w;
	sbuf_init(&w);
	list_rows(&w, yoy_doc_table(doc, kind), o->project);
	int rc = yoy_error_set(err, YOY_EINPUT,
			       "project %s names %zu projects in %d: %s; choose one with --nth N",
			       o->project, count, doc->year, w.oom ? "?" : sbuf_cstr(&w));
	sbuf_free(&w);
	return rc;
}

/* From the year at start, the line followed one year at a time (back
 * when step < 0, else forward), as the diff pairs it; a year that does
 * not print it is stepped over (the line is paired against the nearest
 * year that does). */
static int follow_line(yoy_trend *t, const yoy_doc *const *docs, size_t n, size_t start,
		       const yoy_row *row, yoy_table_kind kind, const yoy_diff_options *dopt,
		       int step, yoy_error *err)
{
	const yoy_row *cur = row;
	size_t at = start;
	int rc = 0;
	/* j runs down past 0 to SIZE_MAX, which ends the loop as n does */
	for (size_t j = start + (size_t)step; j < n && !rc; j += (size_t)step) {
		const yoy_diff_row *p;
		yoy_diff *d = NULL;
		bool back = step < 0;
		rc = back ? yoy_diff_docs(&d, docs[j], docs[at], dopt, err)
			  : yoy_diff_docs(&d, docs[at], docs[j], dopt, err);
		if (!rc && (p = paired(d, cur, back)) && (back ? p->a : p->b)) {
			cur = back ? p->a : p->b;
			set_year(t, &t->years[j], docs[j], yoy_doc_table(docs[j], kind), cur);
			mark_change(t->arena, &t->years[back ? at : j], p);
			at = j;
		}
		yoy_diff_free(d);
	}
	return rc;
}

/* A code or a project over the years. */
static int line_over_years(yoy_trend *t, const yoy_doc *const *docs, size_t n,
			   const yoy_trend_options *o, yoy_error *err)
{
	yoy_table_kind kind;
	size_t start;
	const yoy_row *row;
	size_t count = find_line(docs, n, o, &kind, &start, &row);
	if (!count)
		return yoy_error_set(err, YOY_ESTORE, "%s%s is in none of the %zu years",
				     o->code ? "code " : "project ", o->code ? o->code : o->project,
				     n);
	if (o->project && (count > 1 || o->nth) && (!o->nth || !row))
		return ambiguous_project(docs[start], kind, o, count, err);
	t->decimals = 0;
	set_year(t, &t->years[start], docs[start], yoy_doc_table(docs[start], kind), row);
	t->what = arena_strdup(t->arena, o->code ? row->code : row->name);
	if (o->code && row->name) {
		sbuf w;
		sbuf_init(&w);
		sbuf_printf(&w, "%s %s", row->code, row->name);
		t->what = w.oom ? t->what : arena_strdup(t->arena, sbuf_cstr(&w));
		sbuf_free(&w);
	}
	yoy_diff_options dopt = { .tables = &kind, .ntables = 1,
				  .by = o->project ? YOY_DIFF_BY_PROJECT : YOY_DIFF_BY_CODE,
				  .project_aliases = o->project_aliases };
	int rc = follow_line(t, docs, n, start, row, kind, &dopt, -1, err);
	if (!rc)
		rc = follow_line(t, docs, n, start, row, kind, &dopt, 1, err);
	return rc;
}

int yoy_trend_build(yoy_trend **out, const yoy_doc *const *docs, size_t n,
		    const yoy_trend_options *o, yoy_error *err)
{
	*out = NULL;
	yoy_arena *ar = calloc(1, sizeof *ar);
	yoy_trend *t = ar ? arena_alloc(ar, sizeof *t) : NULL;
	yoy_trend_year *ys = t ? arena_alloc(ar, (n + 1) * sizeof *ys) : NULL;
	if (!ys) {
		free(ar);
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	}
	t->arena = ar;
	t->years = ys;
	t->nyears = n;
	t->decimals = 2;
	t->revision = o->revision ? arena_strdup(ar, o->revision) : NULL;
	for (size_t i = 0; i < n; i++)
		ys[i].year = docs[i]->year;
	int rc = 0;
	if (!o->code && !o->project) {
		t->what = "收入总计";
		for (size_t i = 0; i < n; i++)
			ys[i].value = total_of(docs[i], &t->decimals, &ys[i].present, &ys[i]);
	} else {
		rc = line_over_years(t, docs, n, o, err);
	}
	if (rc) {
		yoy_trend_free(t);
		return rc;
	}
	for (size_t i = 1; i < n; i++)
		if (ys[i].present && ys[i - 1].present) {
			if (__builtin_sub_overflow(ys[i].value, ys[i - 1].value, &ys[i].change))
				continue; /* past int64: no change rather than a wrong one */
			ys[i].has_change = true;
			ys[i].has_percent = ys[i - 1].value != 0;
			if (ys[i].has_percent)
				ys[i].percent = yoy_percent_x100(ys[i].change, ys[i - 1].value);
		}
	*out = t;
	return 0;
}

void yoy_trend_free(yoy_trend *t)
{
	if (!t)
		return;
	yoy_arena *ar = t->arena;
	arena_release(ar);
	free(ar);
}
