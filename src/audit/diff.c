/* Year-over-year diff of two disclosures (diff.h). */
#include "yoy/diff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "util/util.h"

#define FORMS YOY_TABLE_KIND_COUNT
#define DEFAULT_SIMILARITY 60

static const char *const by_names[] = { "code", "project", "economic", "summary", "all" };

const char *yoy_diff_by_name(yoy_diff_by by)
{
	return (unsigned)by < sizeof by_names / sizeof *by_names ? by_names[by] : "?";
}

int yoy_diff_by_parse(const char *name)
{
	for (size_t i = 0; name && i < sizeof by_names / sizeof *by_names; i++)
		if (strcmp(name, by_names[i]) == 0)
			return (int)i;
	return -1;
}

const char *yoy_diff_status_name(yoy_diff_status s)
{
	static const char *const names[] = { "unchanged", "changed", "added", "removed" };
	return (unsigned)s < 4 ? names[s] : "?";
}

const char *yoy_diff_flag_name(unsigned bit)
{
	static const char *const names[] = { "renamed", "recoded", "similar", "aliased" };
	return bit < YOY_DIFF_FLAG_COUNT ? names[bit] : "?";
}

/* The tables each --by compares, in the order they are shown. */
static const yoy_table_kind by_code[] = {
	YOY_TABLE_EXPENDITURE, YOY_TABLE_GENERAL_EXPENDITURE, YOY_TABLE_FISCAL_EXPENDITURE,
	YOY_TABLE_INCOME, YOY_TABLE_FUND_INCOME, YOY_TABLE_FUND_EXPENDITURE,
	YOY_TABLE_STATE_CAPITAL,
};
static const yoy_table_kind by_project[] = {
	YOY_TABLE_PROJECTS, YOY_TABLE_PROJECTS_CARRYOVER, FORMS,
};
static const yoy_table_kind by_economic[] = {
	YOY_TABLE_BASIC_ECONOMIC, YOY_TABLE_FISCAL_BASIC,
};
static const yoy_table_kind by_summary[] = {
	YOY_TABLE_SUMMARY, YOY_TABLE_FISCAL_SUMMARY, YOY_TABLE_THREE_PUBLIC,
	YOY_TABLE_OPERATING_COSTS, YOY_TABLE_PROCUREMENT,
};

static bool is_project_kind(yoy_table_kind k)
{
	return k == YOY_TABLE_PROJECTS || k == YOY_TABLE_PROJECTS_CARRYOVER || k == FORMS;
}

static const char *kind_name(yoy_table_kind k)
{
	return k == FORMS ? "forms" : yoy_table_kind_name(k);
}

/* ---- the performance forms as a table --------------------------------- */

static yoy_table *forms_table(yoy_arena *ar, const yoy_doc *doc)
{
	if (!doc->nforms)
		return NULL;
	yoy_table *t = arena_alloc(ar, sizeof *t);
	yoy_column *cols = arena_alloc(ar, 2 * sizeof *cols);
	yoy_row *rows = arena_alloc(ar, doc->nforms * sizeof *rows);
	if (!t || !cols || !rows)
		return NULL;
	cols[0] = (yoy_column){ "annual", "年度资金总额" };
	cols[1] = (yoy_column){ "period", "实施期资金总额" };
	t->kind = YOY_TABLE_UNKNOWN;
	t->title = "项目支出绩效目标申报表";
	t->unit = YOY_UNIT_YUAN;
	t->columns = cols;
	t->ncolumns = 2;
	t->rows = rows;
	t->nrows = doc->nforms;
	for (size_t i = 0; i < doc->nforms; i++) {
		const yoy_perf_form *f = &doc->forms[i];
		yoy_amount *v = arena_alloc(ar, 2 * sizeof *v);
		if (!v)
			return NULL;
		v[0] = f->annual_funds.total;
		v[1] = f->period_funds.total;
		for (int k = 0; k < 2; k++)
			if (v[k].present && v[k].decimals > t->decimals)
				t->decimals = v[k].decimals;
		rows[i] = (yoy_row){ .name = f->project, .level = 1, .values = v, .at = f->at };
	}
	return t;
}

static const yoy_table *table_of(yoy_arena *ar, const yoy_doc *doc, yoy_table_kind k)
{
	return k == FORMS ? forms_table(ar, doc) : yoy_doc_table(doc, k);
}

/* ---- units -------------------------------------------------------------- */

static int fen_digits(yoy_unit u)
{
	int d = 0;
	for (int64_t f = yoy_unit_fen(u); f > 1; f /= 10)
		d++;
	return d;
}

/* Decimals that show, in unit u, a figure printed with d decimals in unit
 * from. */
static int decimals_in(yoy_unit u, yoy_unit from, int d)
{
	int shift = fen_digits(u) - fen_digits(from);
	d += shift;
	if (d < 0)
		d = 0;
	if (d > fen_digits(u))
		d = fen_digits(u);
	return d;
}

size_t yoy_diff_format(char *buf, size_t size, const yoy_diff_table *t, int64_t fen,
		       bool sign)
{
	size_t n = 0;
	if (sign && fen > 0 && size > 1)
		buf[n++] = '+';
	return n + yoy_fen_format(buf + n, size - n, fen, t->unit, t->decimals);
}

size_t yoy_diff_format_percent(char *buf, size_t size, int64_t percent, bool sign)
{
	yoy_decimal d = { percent, 2, 1 };
	size_t n = 0;
	if (sign && percent > 0 && size > 1)
		buf[n++] = '+';
	return n + yoy_decimal_format(buf + n, size - n, &d);
}

/* ---- pairing rows ------------------------------------------------------- */

static const char *normalized(yoy_arena *ar, const char *s)
{
	sbuf b;
	sbuf_init(&b);
	match_normalize_name(&b, s ? s : "");
	const char *r = b.oom ? NULL : arena_strdup(ar, sbuf_cstr(&b));
	sbuf_free(&b);
	return r;
}

static const char *joined(yoy_arena *ar, const char *a, const char *b, const char *c,
			  const char *d)
{
	sbuf s;
	sbuf_init(&s);
	sbuf_printf(&s, "%s|%s|%s|%s", a ? a : "", b ? b : "", c ? c : "", d ? d : "");
	const char *r = s.oom ? NULL : arena_strdup(ar, sbuf_cstr(&s));
	sbuf_free(&s);
	return r;
}

static int64_t first_value(const yoy_table *t, const yoy_row *r)
{
	return t->ncolumns ? yoy_amount_fen(&r->values[0]) : 0;
}

/* The alias class of a project name: the normalized name it is filed
 * under in the aliases, when it appears there on either side. */
static const char *alias_class(yoy_arena *ar, const yoy_aliases *al, const char *norm)
{
	for (size_t i = 0; al && i < al->n; i++) {
		const char *from = normalized(ar, al->from[i]), *to = normalized(ar, al->to[i]);
		if (from && to && (strcmp(norm, from) == 0 || strcmp(norm, to) == 0))
			return to;
	}
	return NULL;
}

static int items_of(yoy_arena *ar, const yoy_table *t, yoy_table_kind kind,
		    const yoy_aliases *aliases, match_item *out)
{
	bool project = is_project_kind(kind);
	for (size_t i = 0; i < t->nrows; i++) {
		const yoy_row *r = &t->rows[i];
		match_item *m = &out[i];
		const char *norm = normalized(ar, r->name);
		if (!norm)
			return YOY_ENOMEM;
		m->amount = first_value(t, r);
		m->name = project ? norm : NULL;
		m->alias = project ? alias_class(ar, aliases, norm) : NULL;
		if (project && !r->code && !r->key)
			m->key = norm;
		else if (r->code)
			m->key = joined(ar, "c", r->group, r->code, NULL);
		else if (r->key)
			m->key = joined(ar, "k", r->group, r->key, NULL);
		else
			m->key = joined(ar, "n", r->group, norm, normalized(ar, r->name2));
		if (!m->key)
			return YOY_ENOMEM;
	}
	return 0;
}

/* Parent code: "20801" of "2080101", "208" of "20801", "" of "208". */
static const char *parent_of(yoy_arena *ar, const char *code)
{
	size_t n = strlen(code);
	return arena_strndup(ar, code, n > 3 ? n - 2 : 0);
}

/* Coded rows left unpaired: the same name under the same parent at the
 * same level is one item moved to a new code. */
static int pair_recoded(yoy_arena *ar, const yoy_table *ta, const yoy_table *tb,
			size_t *b_of_a, match_how *how, unsigned *flags_a)
{
	size_t na = ta->nrows, nb = tb->nrows;
	match_item *ia = arena_alloc(ar, (na + 1) * sizeof *ia);
	match_item *ib = arena_alloc(ar, (nb + 1) * sizeof *ib);
	bool *b_taken = arena_alloc(ar, nb + 1);
	size_t *sub = arena_alloc(ar, (na + 1) * sizeof *sub);
	match_how *h2 = arena_alloc(ar, (na + 1) * sizeof *h2);
	int *s2 = arena_alloc(ar, (na + 1) * sizeof *s2);
	if (!ia || !ib || !b_taken || !sub || !h2 || !s2)
		return YOY_ENOMEM;
	for (size_t i = 0; i < na; i++)
		if (b_of_a[i] != SIZE_MAX)
			b_taken[b_of_a[i]] = true;
	for (size_t pass = 0; pass < 2; pass++) {
		const yoy_table *t = pass ? tb : ta;
		match_item *it = pass ? ib : ia;
		for (size_t i = 0; i < t->nrows; i++) {
			const yoy_row *r = &t->rows[i];
			bool free_row = pass ? !b_taken[i] : b_of_a[i] == SIZE_MAX;
			if (!free_row || !r->code)
				continue;
			char level[8];
			snprintf(level, sizeof level, "%d", yoy_code_level(r->code));
			it[i].key = joined(ar, r->group, parent_of(ar, r->code), level,
					   normalized(ar, r->name));
			it[i].amount = first_value(t, r);
			if (!it[i].key)
				return YOY_ENOMEM;
		}
	}
	if (match_pair(ia, na, ib, nb, 0, sub, h2, s2))
		return YOY_ENOMEM;
	for (size_t i = 0; i < na; i++)
		if (sub[i] != SIZE_MAX) {
			b_of_a[i] = sub[i];
			how[i] = MATCH_EXACT;
			flags_a[i] |= YOY_DIFF_RECODED;
		}
	return 0;
}

/* ---- one table ---------------------------------------------------------- */

/* Returns false when a change is past int64 (a crafted document): no
 * figure is printed for it, the diff is refused. */
static bool fill_cells(yoy_diff_row *dr, const yoy_diff_table *dt, const int *col_a,
		       const int *col_b)
{
	bool changed = false;
	for (size_t c = 0; c < dt->ncolumns; c++) {
		yoy_diff_cell *cell = &dr->cells[c];
		if (dr->a) {
			const yoy_amount *v = &dr->a->values[col_a[c]];
			cell->in_a = v->present;
			cell->a = yoy_amount_fen(v);
		}
		if (dr->b) {
			const yoy_amount *v = &dr->b->values[col_b[c]];
			cell->in_b = v->present;
			cell->b = yoy_amount_fen(v);
		}
		if (__builtin_sub_overflow(cell->b, cell->a, &cell->change))
			return false;
		cell->has_percent = dr->a && cell->a != 0;
		if (cell->has_percent)
			cell->percent = yoy_percent_x100(cell->change, cell->a);
		cell->has_rate = dr->a && cell->a > 0;
		if (cell->has_rate)
			cell->rate = yoy_percent_x100(cell->b, cell->a);
		if (cell->change)
			changed = true;
	}
	bool figures = false;
	for (size_t c = 0; c < dt->ncolumns; c++)
		figures = figures || dr->cells[c].in_a || dr->cells[c].in_b;
	if (!figures && !(dr->a && dr->b && (dr->flags & YOY_DIFF_RECODED))) {
		/* a line printed without figures in both years (or the one it
		 * is in) is layout, not budget: nothing to report */
		dr->status = YOY_DIFF_UNCHANGED;
		dr->flags = 0;
		return true;
	}
	if (!dr->a)
		dr->status = YOY_DIFF_ADDED;
	else if (!dr->b)
		dr->status = YOY_DIFF_REMOVED;
	else
		dr->status = changed ? YOY_DIFF_CHANGED : YOY_DIFF_UNCHANGED;
	return true;
}

/* The cell a row is judged and sorted by: the first column either year
 * printed, else the first. */
static const yoy_diff_cell *main_cell(const yoy_diff_row *r, size_t ncolumns)
{
	for (size_t c = 0; c < ncolumns; c++)
		if (r->cells[c].in_a || r->cells[c].in_b)
			return &r->cells[c];
	return ncolumns ? &r->cells[0] : NULL;
}

static int64_t magnitude(int64_t v)
{
	return v < 0 ? -v : v;
}

typedef struct sort_item {
	yoy_diff_row row;
	size_t seq;
	size_t ncolumns;
} sort_item;

static int by_change(const void *p, const void *q)
{
	const sort_item *x = p, *y = q;
	const yoy_diff_cell *cx = main_cell(&x->row, x->ncolumns);
	const yoy_diff_cell *cy = main_cell(&y->row, y->ncolumns);
	int64_t mx = cx ? magnitude(cx->change) : 0, my = cy ? magnitude(cy->change) : 0;
	if (mx != my)
		return mx > my ? -1 : 1;
	bool sx = x->row.status != YOY_DIFF_UNCHANGED || x->row.flags;
	bool sy = y->row.status != YOY_DIFF_UNCHANGED || y->row.flags;
	if (sx != sy)
		return sx ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* The unit the diff shows a table in (the finer of the two years') and
 * the decimals both years need in it. */
static void diff_unit(yoy_diff_table *dt, const yoy_table *ta, const yoy_table *tb)
{
	dt->unit = ta->unit == tb->unit ? ta->unit
		   : yoy_unit_fen(ta->unit) > yoy_unit_fen(tb->unit) ? ta->unit : tb->unit;
	if (dt->unit == YOY_UNIT_NONE)
		dt->unit = YOY_UNIT_WAN;
	int da = decimals_in(dt->unit, ta->unit ? ta->unit : dt->unit, ta->decimals);
	int db = decimals_in(dt->unit, tb->unit ? tb->unit : dt->unit, tb->decimals);
	dt->decimals = da > db ? da : db;
}

/* The columns both years print (col_a[k], col_b[k] index them in each
 * table), and the keys one year prints alone. */
static int shared_columns(yoy_arena *ar, yoy_diff_table *dt, const yoy_table *ta,
			  const yoy_table *tb, int *col_a, int *col_b)
{
	sbuf only;
	sbuf_init(&only);
	for (size_t c = 0; c < ta->ncolumns; c++) {
		int j = yoy_table_column(tb, ta->columns[c].key);
		if (j < 0) {
			sbuf_printf(&only, "%s%s", only.len ? ", " : "", ta->columns[c].key);
			continue;
		}
		col_a[dt->ncolumns] = (int)c;
		col_b[dt->ncolumns] = j;
		dt->columns[dt->ncolumns++] = ta->columns[c];
	}
	if (!dt->ncolumns && ta->ncolumns == 1 && tb->ncolumns == 1) {
		/* one amount column each, headed differently ("金额" one year,
		 * "基本支出" the next): it is the same column */
		col_a[0] = col_b[0] = 0;
		dt->columns[dt->ncolumns++] = tb->columns[0];
		sbuf_reset(&only);
	}
	dt->only_a = only.len ? arena_strdup(ar, sbuf_cstr(&only)) : NULL;
	sbuf_reset(&only);
	for (size_t c = 0; c < tb->ncolumns; c++)
		if (yoy_table_column(ta, tb->columns[c].key) < 0)
			sbuf_printf(&only, "%s%s", only.len ? ", " : "", tb->columns[c].key);
	if (dt->ncolumns == 1 && ta->ncolumns == 1 && tb->ncolumns == 1 &&
	    strcmp(ta->columns[0].key, tb->columns[0].key) != 0)
		sbuf_reset(&only);
	dt->only_b = only.len ? arena_strdup(ar, sbuf_cstr(&only)) : NULL;
	bool oom = only.oom;
	sbuf_free(&only);
	return oom ? YOY_ENOMEM : 0;
}

/* A's rows in order, paired or removed, then B's unpaired, into items
 * (room for na + nb); *n gets the count. */
static int pair_rows(yoy_arena *ar, const yoy_diff_table *dt, const yoy_table *ta,
		     const yoy_table *tb, yoy_table_kind kind, const yoy_diff_options *opt,
		     sort_item *items, size_t *n)
{
	size_t na = ta->nrows, nb = tb->nrows;
	match_item *ia = arena_alloc(ar, (na + 1) * sizeof *ia);
	match_item *ib = arena_alloc(ar, (nb + 1) * sizeof *ib);
	size_t *b_of_a = arena_alloc(ar, (na + 1) * sizeof *b_of_a);
	match_how *how = arena_alloc(ar, (na + 1) * sizeof *how);
	int *score = arena_alloc(ar, (na + 1) * sizeof *score);
	unsigned *flags = arena_alloc(ar, (na + 1) * sizeof *flags);
	bool *b_paired = arena_alloc(ar, nb + 1);
	if (!ia || !ib || !b_of_a || !how || !score || !flags || !b_paired ||
	    items_of(ar, ta, kind, opt->project_aliases, ia) ||
	    items_of(ar, tb, kind, opt->project_aliases, ib))
		return YOY_ENOMEM;
	int min_score = 0;
	if (is_project_kind(kind))
		min_score = opt->min_similarity > 0 ? opt->min_similarity : DEFAULT_SIMILARITY;
	if (match_pair(ia, na, ib, nb, min_score, b_of_a, how, score) ||
	    (!is_project_kind(kind) && pair_recoded(ar, ta, tb, b_of_a, how, flags)))
		return YOY_ENOMEM;
	*n = 0;
	for (size_t i = 0; i < na; i++) {
		sort_item *it = &items[(*n)++];
		it->seq = *n - 1;
		it->ncolumns = dt->ncolumns;
		it->row.a = &ta->rows[i];
		it->row.flags = flags[i];
		if (b_of_a[i] == SIZE_MAX)
			continue;
		it->row.b = &tb->rows[b_of_a[i]];
		b_paired[b_of_a[i]] = true;
		if (how[i] == MATCH_SIMILAR) {
			it->row.flags |= YOY_DIFF_SIMILAR;
			it->row.score = score[i];
		} else if (how[i] == MATCH_ALIAS) {
			it->row.flags |= YOY_DIFF_ALIASED;
		}
		const char *na_ = normalized(ar, it->row.a->name);
		const char *nb_ = normalized(ar, it->row.b->name);
		if (!(it->row.flags & (YOY_DIFF_SIMILAR | YOY_DIFF_ALIASED)) &&
		    it->row.a->name && it->row.b->name && na_ && nb_ && strcmp(na_, nb_) != 0)
			it->row.flags |= YOY_DIFF_RENAMED;
	}
	for (size_t j = 0; j < nb; j++)
		if (!b_paired[j]) {
			items[*n].seq = *n;
			items[*n].ncolumns = dt->ncolumns;
			items[*n].row.b = &tb->rows[j];
			(*n)++;
		}
	return 0;
}

/* Each row's cells, status and whether it passes the thresholds; the
 * table's counts. */
static int fill_rows(yoy_arena *ar, yoy_diff_table *dt, sort_item *items, size_t n,
		     const int *col_a, const int *col_b, const yoy_diff_options *opt)
{
	for (size_t k = 0; k < n; k++) {
		yoy_diff_row *r = &items[k].row;
		const yoy_row *shown = r->b ? r->b : r->a;
		r->code = shown->code;
		r->name = shown->name;
		r->level = shown->level;
		r->cells = arena_alloc(ar, (dt->ncolumns + 1) * sizeof *r->cells);
		if (!r->cells)
			return YOY_ENOMEM;
		if (!fill_cells(r, dt, col_a, col_b))
			return YOY_EINPUT;
		const yoy_diff_cell *m = main_cell(r, dt->ncolumns);
		r->reported = (r->status != YOY_DIFF_UNCHANGED || r->flags) && m &&
			      magnitude(m->change) >= opt->min_change_fen &&
			      (opt->min_percent <= 0 || !m->has_percent ||
			       magnitude(m->percent) >= opt->min_percent);
		dt->count[r->status]++;
		dt->renamed += !!(r->flags & YOY_DIFF_RENAMED);
		dt->recoded += !!(r->flags & YOY_DIFF_RECODED);
		dt->similar += !!(r->flags & YOY_DIFF_SIMILAR);
	}
	return 0;
}

/* The rows largest change first, and the table's total: an ungrouped
 * total line, else the first total (the income side of a summary). */
static int order_rows(yoy_arena *ar, yoy_diff_table *dt, sort_item *items, size_t n)
{
	qsort(items, n, sizeof *items, by_change);
	dt->rows = arena_alloc(ar, (n + 1) * sizeof *dt->rows);
	if (!dt->rows)
		return YOY_ENOMEM;
	for (size_t k = 0; k < n; k++) {
		dt->rows[k] = items[k].row;
		const yoy_diff_row *r = &dt->rows[k];
		if (r->a && r->b && r->a->key && strcmp(r->a->key, "total") == 0 &&
		    (!dt->total || (dt->total->a->group && !r->a->group)))
			dt->total = r;
	}
	dt->nrows = n;
	return 0;
}

/* One kind of table, both years: unit, shared columns, paired rows with
 * their changes, in order. */
static int diff_table(yoy_arena *ar, yoy_diff_table *dt, const yoy_table *ta,
		      const yoy_table *tb, yoy_table_kind kind, const yoy_diff_options *opt)
{
	dt->kind = kind;
	dt->name = kind_name(kind);
	dt->title_a = ta->title;
	dt->title_b = tb->title;
	diff_unit(dt, ta, tb);
	int *col_a = arena_alloc(ar, (ta->ncolumns + 1) * sizeof *col_a);
	int *col_b = arena_alloc(ar, (ta->ncolumns + 1) * sizeof *col_b);
	dt->columns = arena_alloc(ar, (ta->ncolumns + 1) * sizeof *dt->columns);
	if (!col_a || !col_b || !dt->columns || shared_columns(ar, dt, ta, tb, col_a, col_b))
		return YOY_ENOMEM;
	sort_item *items = calloc(ta->nrows + tb->nrows + 1, sizeof *items);
	if (!items)
		return YOY_ENOMEM;
	size_t n = 0;
	int rc = pair_rows(ar, dt, ta, tb, kind, opt, items, &n);
	if (!rc)
		rc = fill_rows(ar, dt, items, n, col_a, col_b, opt);
	if (!rc)
		rc = order_rows(ar, dt, items, n);
	free(items);
	return rc;
}

/* ---- the whole diff ----------------------------------------------------- */

static bool wanted(const yoy_diff_options *opt, yoy_table_kind k)
{
	for (size_t i = 0; i < opt->ntables; i++)
		if (opt->tables[i] == k)
			return true;
	return false;
}

int yoy_diff_docs(yoy_diff **out, const yoy_doc *a, const yoy_doc *b,
		  const yoy_diff_options *opt, yoy_error *err)
{
	*out = NULL;
	yoy_diff_options defaults = { 0 };
	if (!opt)
		opt = &defaults;
	yoy_arena *ar = calloc(1, sizeof *ar);
	yoy_diff *d = ar ? arena_alloc(ar, sizeof *d) : NULL;
	if (!d) {
		free(ar);
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	}
	d->arena = ar;
	d->a = a;
	d->b = b;
	d->by = opt->by;

	yoy_table_kind kinds[YOY_TABLE_KIND_COUNT + 1];
	size_t nk = 0;
	if (opt->ntables) {
		for (int k = 1; k <= FORMS; k++)
			if (wanted(opt, (yoy_table_kind)k))
				kinds[nk++] = (yoy_table_kind)k;
	} else {
		const yoy_table_kind *groups[] = { by_code, by_project, by_economic, by_summary };
		const size_t sizes[] = { sizeof by_code / sizeof *by_code,
					 sizeof by_project / sizeof *by_project,
					 sizeof by_economic / sizeof *by_economic,
					 sizeof by_summary / sizeof *by_summary };
		for (size_t g = 0; g < 4; g++)
			if (opt->by == YOY_DIFF_BY_ALL || (size_t)opt->by == g)
				for (size_t i = 0; i < sizes[g]; i++)
					kinds[nk++] = groups[g][i];
	}
	d->tables = arena_alloc(ar, (nk + 1) * sizeof *d->tables);
	d->only_a = arena_alloc(ar, (nk + 1) * sizeof *d->only_a);
	d->only_b = arena_alloc(ar, (nk + 1) * sizeof *d->only_b);
	int rc = d->tables && d->only_a && d->only_b ? 0 : YOY_ENOMEM;
	for (size_t i = 0; i < nk && !rc; i++) {
		const yoy_table *ta = table_of(ar, a, kinds[i]), *tb = table_of(ar, b, kinds[i]);
		if (ta && tb)
			rc = diff_table(ar, &d->tables[d->ntables++], ta, tb, kinds[i], opt);
		else if (ta)
			d->only_a[d->nonly_a++] = kind_name(kinds[i]);
		else if (tb)
			d->only_b[d->nonly_b++] = kind_name(kinds[i]);
	}
	if (rc) {
		yoy_diff_free(d);
		if (rc == YOY_EINPUT)
			return yoy_error_set(err, YOY_EINPUT, "%s %d against %d: figures too large to "
					     "subtract exactly (past 9.2e16 元); not compared",
					     b->department ? b->department : "?", b->year, a->year);
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	}
	*out = d;
	return 0;
}

void yoy_diff_free(yoy_diff *d)
{
	if (!d)
		return;
	yoy_arena *ar = d->arena;
	arena_release(ar); /* d lives in it */
	free(ar);
}

size_t yoy_diff_changes(const yoy_diff *d)
{
	size_t n = 0;
	for (size_t t = 0; t < d->ntables; t++)
		for (size_t r = 0; r < d->tables[t].nrows; r++)
			n += d->tables[t].rows[r].reported;
	return n;
}

static bool key_is(const yoy_row *r, const char *group, const char *key)
{
	if (!r)
		return false;
	if (group && (!r->group || strcmp(r->group, group) != 0))
		return false;
	return (r->key && strcmp(r->key, key) == 0) || (r->code && strcmp(r->code, key) == 0);
}

const yoy_diff_row *yoy_diff_find(const yoy_diff *d, yoy_table_kind kind,
				  const char *group, const char *key)
{
	for (size_t t = 0; t < d->ntables; t++) {
		if (d->tables[t].kind != kind)
			continue;
		for (size_t r = 0; r < d->tables[t].nrows; r++) {
			const yoy_diff_row *row = &d->tables[t].rows[r];
			if (key_is(row->b, group, key) || (!row->b && key_is(row->a, group, key)))
				return row;
		}
	}
	return NULL;
}

size_t yoy_diff_describe(char *buf, size_t size, const yoy_diff_row *r)
{
	sbuf b;
	sbuf_init(&b);
	const char *old_name = r->a && r->a->name ? r->a->name : "";
	if (r->flags & YOY_DIFF_RECODED)
		sbuf_printf(&b, "recoded from %s", r->a && r->a->code ? r->a->code : "?");
	if (r->flags & YOY_DIFF_RENAMED)
		sbuf_printf(&b, "%srenamed from %s", b.len ? "; " : "", old_name);
	if (r->flags & YOY_DIFF_SIMILAR)
		sbuf_printf(&b, "%ssimilar name (%d): %s", b.len ? "; " : "", r->score, old_name);
	if (r->flags & YOY_DIFF_ALIASED)
		sbuf_printf(&b, "%saliased: %s", b.len ? "; " : "", old_name);
	size_t n = snprintf(buf, size, "%s", sbuf_cstr(&b));
	sbuf_free(&b);
	return n < size ? n : size ? size - 1 : 0;
}

const char *yoy_diff_row_name(const yoy_diff_row *r)
{
	if (r->name)
		return r->name;
	const yoy_row *x = r->b ? r->b : r->a;
	return x && x->key && strcmp(x->key, "total") == 0 ? "合计" : "";
}
