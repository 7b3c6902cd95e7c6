/* What every check rule uses: figures as intervals and the verdicts on
 * them, printing a figure, the cell a metric names, and recording a
 * finding (check_common.h).  It calls only the model and util: the rule
 * files and the report call it, never the other way round. */
#include "check_common.h"
#include "util/i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- figures ------------------------------------------------------------ */

figure fig_of(const yoy_amount *a)
{
	figure f = { 0, 0, (yoy_unit)a->unit, a->decimals, a->present != 0, false };
	if (a->present) {
		f.fen = a->fen;
		/* "0万元" is nothing, not a figure rounded to the unit */
		f.half = a->fen ? yoy_amount_half_ulp(a) : 0;
	}
	return f;
}

/* Money is added with its overflow checked (a crafted document can print
 * figures whose sum wraps onto the total it should be judged against). */
figure fig_sum(figure a, figure b)
{
	figure s = a.present ? a : b;
	s.overflow = a.overflow || b.overflow ||
		     __builtin_add_overflow(a.fen, b.fen, &s.fen) ||
		     __builtin_add_overflow(a.half, b.half, &s.half);
	s.present = a.present || b.present;
	if (a.present && b.present && b.decimals > a.decimals && b.unit == a.unit)
		s.decimals = b.decimals;
	return s;
}

figure fig_neg(figure a)
{
	if (a.fen == INT64_MIN)
		a.overflow = true;
	else
		a.fen = -a.fen;
	return a;
}

const char *afmt(yoy_arena *ar, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return arena_strdup(ar, buf);
}

/* The true value, never rounded: like's decimals, more when fen needs
 * them (an allowance of 150 fen in 万元 is ±0.015, not ±0.02). */
const char *fen_text(yoy_arena *ar, int64_t fen, figure like)
{
	yoy_unit u = like.unit ? like.unit : YOY_UNIT_WAN;
	int64_t unit_fen = yoy_unit_fen(u);
	int d = like.decimals, max = 0;
	for (int64_t f = unit_fen; f > 1; f /= 10)
		max++;
	for (int64_t step = unit_fen; d < max; d++) {
		int64_t s = step;
		for (int k = 0; k < d; k++)
			s /= 10;
		if (s <= 1 || fen % s == 0)
			break;
	}
	char buf[64];
	size_t n = yoy_fen_format(buf, sizeof buf, fen, u, d);
	snprintf(buf + n, sizeof buf - n, "%s", yoy_unit_name(u));
	return arena_strdup(ar, buf);
}

const char *fig_text(yoy_arena *ar, figure f)
{
	if (f.overflow)
		return _("(too large to add exactly)");
	return fen_text(ar, f.fen, f);
}

static int64_t magnitude(int64_t v)
{
	return v < 0 ? -v : v;
}

/* |a - b| <= limit, false when the difference is past int64. */
static bool within(int64_t a, int64_t b, int64_t limit)
{
	int64_t d;
	if (__builtin_sub_overflow(a, b, &d) || d == INT64_MIN)
		return false;
	return magnitude(d) <= limit;
}

yoy_verdict judge_equal(figure a, figure b)
{
	if (a.overflow || b.overflow)
		return YOY_VERDICT_UNVERIFIABLE;
	if (a.fen == b.fen)
		return YOY_VERDICT_EXACT;
	/* the same quantity printed at the same precision rounds the same */
	if (a.half == b.half)
		return YOY_VERDICT_MISMATCH;
	return within(a.fen, b.fen, a.half + b.half) ? YOY_VERDICT_ROUNDING
						     : YOY_VERDICT_MISMATCH;
}

bool judge_truncated(figure printed, figure truth)
{
	if (printed.overflow || truth.overflow)
		return false;
	int64_t unit = 2 * printed.half; /* one unit of the last printed digit */
	if (unit <= 0 || !printed.present || !truth.present)
		return false;
	int64_t lo = truth.fen - truth.half, hi = truth.fen + truth.half;
	if (printed.fen >= 0 && truth.fen >= 0)
		return hi >= printed.fen && lo < printed.fen + unit && printed.fen != truth.fen;
	if (printed.fen <= 0 && truth.fen <= 0)
		return lo <= printed.fen && hi > printed.fen - unit && printed.fen != truth.fen;
	return false;
}

yoy_verdict judge_sum(figure whole, figure parts)
{
	if (whole.overflow || parts.overflow)
		return YOY_VERDICT_UNVERIFIABLE;
	if (whole.fen == parts.fen)
		return YOY_VERDICT_EXACT;
	return within(whole.fen, parts.fen, whole.half + parts.half) ? YOY_VERDICT_ROUNDING
								     : YOY_VERDICT_MISMATCH;
}

static int64_t pow10i(int n)
{
	int64_t p = 1;
	while (n-- > 0)
		p *= 10;
	return p;
}

/* round(num / den) half away from zero, den > 0 */
static __int128 div_round(__int128 num, __int128 den)
{
	__int128 q = num / den, r = num % den;
	if (r * 2 >= den)
		q++;
	else if (r * 2 <= -den)
		q--;
	return q;
}

yoy_verdict judge_percent(const yoy_decimal *p, figure num, figure den, int64_t *lo,
			  int64_t *hi, int64_t *point)
{
	*lo = *hi = *point = 0;
	if (num.overflow || den.overflow)
		return YOY_VERDICT_UNVERIFIABLE;
	__int128 dl = den.fen - den.half, dh = den.fen + den.half;
	__int128 nl = num.fen - num.half, nh = num.fen + num.half;
	if (dl <= 0 || den.fen <= 0)
		return YOY_VERDICT_UNVERIFIABLE;
	if (nl < 0)
		nl = 0;
	*point = (int64_t)div_round((__int128)num.fen * 1000000, den.fen);
	*lo = (int64_t)((nl * 1000000) / dh);
	*hi = (int64_t)((nh * 1000000 + dl - 1) / dl);
	int dp = p->decimals;
	__int128 scale = pow10i(dp);
	/* exact: the printed figures give the printed percent */
	if (div_round((__int128)num.fen * 100 * scale, den.fen) == p->scaled)
		return YOY_VERDICT_EXACT;
	/* [p - 1/2, p + 1/2] (in units of the last digit) meets
	 * [100 nl / dh, 100 nh / dl] */
	__int128 s = p->scaled;
	bool below = (2 * s - 1) * dl <= 200 * scale * nh;
	bool above = (2 * s + 1) * dh >= 200 * scale * nl;
	return below && above ? YOY_VERDICT_ROUNDING : YOY_VERDICT_MISMATCH;
}

const char *pct4_text(yoy_arena *ar, int64_t v)
{
	yoy_decimal d = { v, 4, 1 };
	char buf[48];
	size_t n = yoy_decimal_format(buf, sizeof buf, &d);
	snprintf(buf + n, sizeof buf - n, "%%");
	return arena_strdup(ar, buf);
}

/* ---- metrics ------------------------------------------------------------ */

/* Projects with a performance form: a project whose form is printed more
 * than once (once per implementing unit, say) counts once. */
static int64_t form_projects(const yoy_doc *doc)
{
	int64_t n = 0;
	for (size_t i = 0; i < doc->nforms; i++) {
		const char *p = doc->forms[i].project;
		bool seen = false;
		for (size_t j = 0; j < i && p && !seen; j++)
			seen = doc->forms[j].project && strcmp(doc->forms[j].project, p) == 0;
		n += !seen;
	}
	return n;
}

/* forms/count, projects/count, forms/annual_funds: counted or summed
 * over the forms or project lines printed. */
static cell_ref forms_cell(const yoy_doc *doc, const char *table, const char *row)
{
	cell_ref r = { 0 };
	bool forms = strcmp(table, "forms") == 0;
	if (strcmp(row, "count") == 0) {
		const yoy_table *t = yoy_doc_table(doc, YOY_TABLE_PROJECTS);
		if ((!forms && !t) || (forms && !doc->nforms))
			return r; /* no forms printed: nothing to count */
		r.found = true;
		r.is_count = true;
		r.value.present = true;
		r.value.fen = forms ? form_projects(doc) : (int64_t)t->nrows;
		return r;
	}
	if (forms && strcmp(row, "annual_funds") == 0 && doc->nforms) {
		figure sum = { 0, 0, YOY_UNIT_YUAN, 0, false, false };
		for (size_t i = 0; i < doc->nforms; i++)
			sum = fig_sum(sum, fig_of(&doc->forms[i].annual_funds.total));
		r.found = true;
		r.value = sum;
	}
	return r;
}

/* The row a metric's row part names: "code:NNN", "GROUP.KEY" or "KEY".
 * row is cut at its dot. */
static const yoy_row *metric_row(const yoy_table *t, char *row)
{
	if (strncmp(row, "code:", 5) == 0)
		return yoy_table_row_by_code(t, row + 5);
	char *dot = strchr(row, '.');
	if (!dot)
		return yoy_table_row_by_key(t, row, NULL);
	*dot = '\0';
	const yoy_row *rw = yoy_table_row_by_key(t, dot + 1, row);
	/* Jiangsu sums its fiscal summary's spending by use */
	if (!rw && strcmp(row, "expenditure") == 0)
		rw = yoy_table_row_by_key(t, dot + 1, "expenditure_use");
	return rw;
}

/* No 人员经费/公用经费 columns: they are classes of the economic
 * classification, 301 + 303 and 302 + 310. */
static cell_ref economic_classes(const yoy_table *t, const yoy_row *rw, const char *col,
				 int total_col)
{
	static const char *const personnel[] = { "301", "303", NULL };
	static const char *const public_[] = { "302", "310", NULL };
	const char *const *codes = strcmp(col, "personnel") == 0 ? personnel : public_;
	cell_ref r = { 0 };
	figure sum = { 0, 0, t->unit, t->decimals, false, false };
	for (size_t i = 0; total_col >= 0 && codes[i]; i++) {
		const yoy_row *cr = yoy_table_row_by_code(t, codes[i]);
		if (cr)
			sum = fig_sum(sum, fig_of(&cr->values[total_col]));
	}
	if (!sum.present)
		return r;
	r.table = t;
	r.row = rw;
	r.found = true;
	r.value = sum;
	return r;
}

cell_ref metric_cell(const yoy_doc *doc, const char *metric)
{
	cell_ref r = { 0 };
	if (!metric)
		return r;
	char table[64], row[96], col[64] = "";
	if (sscanf(metric, "%63[^/]/%95[^/]/%63s", table, row, col) < 2)
		return r;
	if (strcmp(table, "forms") == 0 || strcmp(table, "projects") == 0)
		return forms_cell(doc, table, row);
	yoy_table_kind kind = yoy_table_kind_parse(table);
	const yoy_table *t = kind ? yoy_doc_table(doc, kind) : NULL;
	if (!t)
		return r;
	bool total_row = strcmp(row, "total") == 0;
	const yoy_row *rw = metric_row(t, row);
	int c = yoy_table_column(t, *col ? col : "total");
	/* a table of one amount column headed "基本支出" one year, "金额" the
	 * next: that column is its total */
	int total_col = yoy_table_column(t, "total");
	if (total_col < 0 && t->ncolumns == 1)
		total_col = 0;
	if (c < 0 && (!*col || strcmp(col, "total") == 0))
		c = total_col;
	if (rw && c < 0 && kind == YOY_TABLE_BASIC_ECONOMIC &&
	    (strcmp(col, "personnel") == 0 || strcmp(col, "public") == 0))
		return economic_classes(t, rw, col, total_col);
	if (!rw || c < 0) {
		/* 一般公共预算基本支出 from a table without a basic column: the
		 * basic expenditure by economic class is the same money */
		if (kind == YOY_TABLE_GENERAL_EXPENDITURE && strcmp(col, "basic") == 0 && rw &&
		    total_row)
			return metric_cell(doc, "basic_economic/total/total");
		return r;
	}
	r.table = t;
	r.row = rw;
	r.found = true;
	r.value = fig_of(&rw->values[c]);
	if (!r.value.present) {
		r.value.unit = t->unit;
		r.value.decimals = t->decimals;
	}
	return r;
}

/* ---- findings ----------------------------------------------------------- */

/* The name as the narrative would say it: "社会保障和就业支出" is also said
 * "社会保障和就业". */
bool text_mentions(const char *text, const char *name)
{
	if (!text || !name || !*name)
		return false;
	if (strstr(text, name))
		return true;
	size_t n = strlen(name), s = strlen("支出");
	if (n > s + 3 && strcmp(name + n - s, "支出") == 0) {
		char stem[256];
		if (n - s >= sizeof stem)
			return false;
		memcpy(stem, name, n - s);
		stem[n - s] = '\0';
		return strstr(text, stem) != NULL;
	}
	return false;
}

const char *kind_label(yoy_table_kind kind)
{
	return _(yoy_table_kind_name(kind));
}

const char *cell_label(yoy_arena *ar, const cell_ref *cell, const char *metric)
{
	if (!cell->found || !cell->table || !cell->row)
		return metric ? metric : "?";
	const char *col = NULL, *m = metric ? strrchr(metric, '/') : NULL;
	int c = m ? yoy_table_column(cell->table, m + 1) : -1;
	if (c >= 0)
		col = cell->table->columns[c].label ? cell->table->columns[c].label
						    : cell->table->columns[c].key;
	const yoy_row *r = cell->row;
	const char *name = r->name ? r->name
			   : r->key && strcmp(r->key, "total") == 0 ? _("total")
			   : r->key ? r->key : "";
	if (col && strcmp(col, name) == 0)
		col = NULL; /* 合计 of 合计 */
	return afmt(ar, "%s %s%s%s%s%s", kind_label(cell->table->kind), r->code ? r->code : "",
		    r->code ? " " : "", name, col ? " " : "", col ? col : "");
}

const char *place_text(yoy_arena *ar, yoy_loc at)
{
	return at.page ? afmt(ar, "p%d:%d", at.page, at.line) : afmt(ar, "%d", at.line);
}

const char *source_of(const yoy_doc *doc, yoy_loc at)
{
	if (at.file >= 0 && (size_t)at.file < doc->nsources)
		return doc->sources[at.file].name;
	return doc->nsources ? doc->sources[0].name : NULL;
}

yoy_severity severity_of(yoy_verdict v, yoy_severity mismatch)
{
	switch (v) {
	case YOY_VERDICT_EXACT: return YOY_SEV_OK;
	case YOY_VERDICT_MISMATCH: return mismatch;
	case YOY_VERDICT_TRUNCATED: return YOY_SEV_INFO;
	default: return YOY_SEV_INFO;
	}
}

/* Whether doc is a copy read one cell a line: half its tables or more
 * were read by the order of their cells (by_order).  Its paragraphs are
 * broken where the copy broke them too, so that a share or a figure may
 * be taken for another's. */
static bool copy_by_order(const yoy_doc *doc)
{
	size_t n = 0;
	for (size_t i = 0; i < doc->ntables; i++)
		n += doc->tables[i].by_order != 0;
	return n && 2 * n >= doc->ntables;
}

/* Whether finding f rests on what was read by the order of cells: any
 * finding of such a copy, the table its metric names
 * ("summary/income.total/total"), or the table of a table rule
 * (table_by_order). */
static bool rests_on_order(const yoy_doc *doc, const yoy_finding *f, bool table_by_order)
{
	if (table_by_order || copy_by_order(doc))
		return true;
	cell_ref cell = metric_cell(doc, f->metric);
	return cell.table && cell.table->by_order;
}

void add_finding_on(checker *k, const yoy_finding *f, bool table_by_order)
{
	if (k->oom)
		return;
	/* a copy whose rows were joined by order (by_order): what was read
	 * from them may be joined wrong, so a figure that disagrees with them
	 * is a warning; a change that does not hold in its own sentence
	 * (change.*) is still an error */
	if (f->severity == YOY_SEV_ERROR && k->doc && strncmp(f->rule, "change.", 7) != 0 &&
	    rests_on_order(k->doc, f, table_by_order)) {
		yoy_finding w = *f;
		w.severity = YOY_SEV_WARNING;
		w.message = afmt(k->ar, _("%s (this copy does not set the table's figures beside "
					  "their names: its rows were joined by order and may be joined "
					  "wrong; see the PDF)"), f->message);
		add_finding_on(k, &w, false);
		return;
	}
	yoy_check *c = k->c;
	if (!vec_grow((void **)&c->findings, &k->cap, c->nfindings + 1, sizeof *c->findings)) {
		k->oom = true;
		return;
	}
	yoy_finding *n = &c->findings[c->nfindings++];
	*n = *f;
#define COPY(field) n->field = f->field ? arena_strdup(k->ar, f->field) : NULL
	COPY(message);
	COPY(stated);
	COPY(computed);
	COPY(envelope);
	COPY(subject);
	COPY(metric);
	COPY(text);
	COPY(file);
	COPY(prior_file);
	COPY(held_against);
#undef COPY
	if (f->nalso) {
		n->also = arena_alloc(k->ar, f->nalso * sizeof *n->also);
		if (!n->also) {
			k->oom = true;
			return;
		}
		memcpy(n->also, f->also, f->nalso * sizeof *n->also);
	}
	c->count[n->severity]++;
}

void add_finding(checker *k, const yoy_finding *f)
{
	add_finding_on(k, f, false);
}

