/* Table arithmetic inside one disclosure, and tables against each other.
 * Only what does not hold exactly is recorded: a table of 60 rows holds
 * hundreds of sums. */
#include <string.h>

#include "check_internal.h"
#include "match.h"

static const char *row_label(const yoy_row *r)
{
	if (r->code && r->name)
		return NULL; /* caller prints both */
	return r->name ? r->name : r->code ? r->code : r->key ? r->key : "?";
}

static const char *describe_row(yoy_arena *ar, const yoy_row *r)
{
	const char *l = row_label(r);
	return l ? l : afmt(ar, "%s %s", r->code, r->name);
}

static const char *column_label(const yoy_table *t, size_t c)
{
	return t->columns[c].label ? t->columns[c].label : t->columns[c].key;
}

/* Record a relation that does not hold exactly. */
static void relation(checker *k, const char *rule, yoy_verdict v, const yoy_table *t,
		     const yoy_row *at_row, const char *subject, const char *message,
		     figure stated, figure computed, yoy_severity mismatch)
{
	if (v == YOY_VERDICT_EXACT)
		return;
	yoy_finding f = { 0 };
	f.rule = rule;
	f.verdict = v;
	f.severity = severity_of(v, mismatch);
	f.message = message;
	f.stated = fig_text(k->ar, stated);
	f.computed = fen_text(k->ar, computed.fen, stated);
	if (v == YOY_VERDICT_ROUNDING || v == YOY_VERDICT_MISMATCH)
		f.envelope = afmt(k->ar, "±%s", fen_text(k->ar, stated.half + computed.half, stated));
	f.subject = subject;
	f.year = k->doc->year;
	f.at = at_row ? at_row->at : t ? t->at : (yoy_loc){ 0, 0, 0 };
	f.file = source_of(k->doc, f.at);
	f.claim = -1;
	add_finding(k, &f);
}

/* ---- within a table ----------------------------------------------------- */

static bool same_group(const yoy_row *a, const yoy_row *b)
{
	if (!a->group || !b->group)
		return a->group == b->group;
	return strcmp(a->group, b->group) == 0;
}

/* total = the other columns, row by row. */
static void row_columns(checker *k, const yoy_table *t)
{
	int tc = yoy_table_column(t, "total");
	if (tc < 0 || t->ncolumns < 2)
		return;
	for (size_t i = 0; i < t->nrows; i++) {
		const yoy_row *r = &t->rows[i];
		figure total = fig_of(&r->values[tc]);
		if (!total.present)
			continue;
		figure sum = { 0, 0, total.unit, total.decimals, false };
		for (size_t c = 0; c < t->ncolumns; c++)
			if ((int)c != tc)
				sum = fig_sum(sum, fig_of(&r->values[c]));
		if (!sum.present)
			continue;
		yoy_verdict v = judge_sum(total, sum);
		relation(k, "table.row-columns", v, t, r, describe_row(k->ar, r),
			 afmt(k->ar, "%s: %s of %s against the sum of its other columns",
			      yoy_table_kind_name(t->kind), column_label(t, (size_t)tc),
			      describe_row(k->ar, r)),
			 total, sum, YOY_SEV_ERROR);
	}
}

/* each parent code = its children, in every column */
static void parent_sums(checker *k, const yoy_table *t)
{
	for (size_t i = 0; i < t->nrows; i++) {
		const yoy_row *p = &t->rows[i];
		size_t plen = p->code ? strlen(p->code) : 0;
		if (!p->code || plen >= 7)
			continue;
		for (size_t c = 0; c < t->ncolumns; c++) {
			figure sum = { 0, 0, 0, 0, false };
			size_t nchildren = 0;
			for (size_t j = 0; j < t->nrows; j++) {
				const yoy_row *ch = &t->rows[j];
				if (!ch->code || strlen(ch->code) != plen + 2 ||
				    strncmp(ch->code, p->code, plen) != 0 || !same_group(p, ch))
					continue;
				nchildren++;
				sum = fig_sum(sum, fig_of(&ch->values[c]));
			}
			figure whole = fig_of(&p->values[c]);
			if (!nchildren || (!whole.present && !sum.present))
				continue;
			if (!whole.present) {
				whole.unit = t->unit;
				whole.decimals = t->decimals;
			}
			relation(k, "table.parent-sum", judge_sum(whole, sum), t, p,
				 describe_row(k->ar, p),
				 afmt(k->ar, "%s: %s %s (%s) against the sum of its %zu subitems",
				      yoy_table_kind_name(t->kind), p->code, p->name ? p->name : "",
				      column_label(t, c), nchildren),
				 whole, sum, YOY_SEV_ERROR);
		}
	}
}

/* uncoded tables by level (basic expenditure by economic class printed
 * as names): a level-1 row = the level-2 rows under it */
static void level_sums(checker *k, const yoy_table *t)
{
	for (size_t i = 0; i < t->nrows; i++) {
		const yoy_row *p = &t->rows[i];
		if (p->code || p->key || p->level != 1)
			continue;
		for (size_t c = 0; c < t->ncolumns; c++) {
			figure sum = { 0, 0, 0, 0, false };
			size_t n = 0;
			for (size_t j = i + 1; j < t->nrows && t->rows[j].level == 2 &&
					       !t->rows[j].code && !t->rows[j].key; j++) {
				sum = fig_sum(sum, fig_of(&t->rows[j].values[c]));
				n++;
			}
			figure whole = fig_of(&p->values[c]);
			if (!n || (!whole.present && !sum.present))
				continue;
			if (!whole.present) {
				whole.unit = t->unit;
				whole.decimals = t->decimals;
			}
			relation(k, "table.parent-sum", judge_sum(whole, sum), t, p, p->name,
				 afmt(k->ar, "%s: %s (%s) against the sum of the %zu lines under it",
				      yoy_table_kind_name(t->kind), p->name ? p->name : "?",
				      column_label(t, c), n),
				 whole, sum, YOY_SEV_ERROR);
		}
	}
}

/* the total line = the top-level lines */
static void total_sums(checker *k, const yoy_table *t)
{
	for (size_t i = 0; i < t->nrows; i++) {
		const yoy_row *tot = &t->rows[i];
		if (!tot->key || strcmp(tot->key, "total") != 0 || tot->level != 0)
			continue;
		bool economic_names = t->kind == YOY_TABLE_BASIC_ECONOMIC;
		for (size_t c = 0; c < t->ncolumns; c++) {
			figure sum = { 0, 0, 0, 0, false };
			size_t n = 0;
			for (size_t j = 0; j < t->nrows; j++) {
				const yoy_row *r = &t->rows[j];
				if (!same_group(r, tot) || r->level != 1)
					continue;
				bool top = r->code ? yoy_code_level(r->code) == 1
						   : economic_names && !r->key;
				if (!top)
					continue;
				sum = fig_sum(sum, fig_of(&r->values[c]));
				n++;
			}
			figure whole = fig_of(&tot->values[c]);
			if (!n || !whole.present)
				continue;
			relation(k, "table.total-sum", judge_sum(whole, sum), t, tot,
				 describe_row(k->ar, tot),
				 afmt(k->ar, "%s: the total (%s) against the sum of its %zu top-level lines",
				      yoy_table_kind_name(t->kind), column_label(t, c), n),
				 whole, sum, YOY_SEV_ERROR);
		}
		break;
	}
}

/* ---- across tables ------------------------------------------------------ */

/* Two cells that must be one figure. */
static void same_figure(checker *k, const char *rule, const char *what, const char *ma,
			const char *mb)
{
	cell_ref a = metric_cell(k->doc, ma), b = metric_cell(k->doc, mb);
	if (!a.found || !b.found || (!a.value.present && !b.value.present))
		return;
	yoy_verdict v = judge_equal(a.value, b.value);
	relation(k, rule, v, b.table, b.row, what,
		 afmt(k->ar, "%s: %s is %s, %s is %s", what, ma, fig_text(k->ar, a.value), mb,
		      fig_text(k->ar, b.value)),
		 a.value, b.value, YOY_SEV_ERROR);
}

/* A cell that must be the sum of others (metrics NULL-terminated). */
static void sum_of(checker *k, const char *rule, const char *what, const char *whole,
		   const char *const *parts)
{
	cell_ref w = metric_cell(k->doc, whole);
	if (!w.found || !w.value.present)
		return;
	figure sum = { 0, 0, w.value.unit, w.value.decimals, false };
	size_t n = 0;
	for (size_t i = 0; parts[i]; i++) {
		cell_ref p = metric_cell(k->doc, parts[i]);
		if (!p.found)
			continue;
		sum = fig_sum(sum, p.value);
		n++;
	}
	if (!n || !sum.present)
		return;
	relation(k, rule, judge_sum(w.value, sum), w.table, w.row, what,
		 afmt(k->ar, "%s: %s against the sum of its %zu parts", what, whole, n), w.value,
		 sum, YOY_SEV_ERROR);
}

/* the projects table against the project expenditure, and each
 * performance form (元) against its project (万元) */
static void projects(checker *k)
{
	const yoy_table *pt = yoy_doc_table(k->doc, YOY_TABLE_PROJECTS);
	int tc = pt ? yoy_table_column(pt, "total") : -1;
	if (pt && tc >= 0 && pt->nrows) {
		figure sum = { 0, 0, pt->unit, pt->decimals, false };
		for (size_t i = 0; i < pt->nrows; i++)
			if (!pt->rows[i].key)
				sum = fig_sum(sum, fig_of(&pt->rows[i].values[tc]));
		cell_ref e = metric_cell(k->doc, "expenditure/total/project");
		if (e.found && e.value.present)
			relation(k, "cross.projects-total", judge_sum(e.value, sum), pt, NULL,
				 "项目支出",
				 afmt(k->ar, "the projects table (%zu lines) against 项目支出 of "
					     "the expenditure table", pt->nrows),
				 e.value, sum, YOY_SEV_ERROR);
	}
	if (!pt || tc < 0)
		return;
	for (size_t i = 0; i < k->doc->nforms; i++) {
		const yoy_perf_form *f = &k->doc->forms[i];
		if (!f->project || !f->annual_funds.total.present)
			continue;
		sbuf a, b;
		sbuf_init(&a);
		sbuf_init(&b);
		match_normalize_name(&a, f->project);
		const yoy_row *hit = NULL;
		size_t hits = 0;
		for (size_t j = 0; j < pt->nrows; j++) {
			sbuf_reset(&b);
			match_normalize_name(&b, pt->rows[j].name);
			if (strcmp(sbuf_cstr(&a), sbuf_cstr(&b)) == 0) {
				hits++;
				/* duplicates: the one whose amount agrees, if any */
				if (!hit || judge_equal(fig_of(&pt->rows[j].values[tc]),
							fig_of(&f->annual_funds.total)) !=
						    YOY_VERDICT_MISMATCH)
					hit = &pt->rows[j];
			}
		}
		sbuf_free(&a);
		sbuf_free(&b);
		if (!hit)
			continue;
		figure form = fig_of(&f->annual_funds.total), table = fig_of(&hit->values[tc]);
		yoy_verdict v = judge_equal(table, form);
		if (v == YOY_VERDICT_EXACT)
			continue;
		yoy_finding fd = { 0 };
		fd.rule = "cross.forms-projects";
		fd.verdict = v;
		fd.severity = severity_of(v, YOY_SEV_ERROR);
		fd.message = afmt(k->ar, "performance form of %s: 年度资金总额 against the "
					 "projects table%s", f->project,
				  hits > 1 ? " (the name is listed more than once)" : "");
		fd.stated = fig_text(k->ar, form);
		fd.computed = fig_text(k->ar, table);
		fd.envelope = afmt(k->ar, "±%s", fen_text(k->ar, form.half + table.half, table));
		fd.subject = f->project;
		fd.year = k->doc->year;
		fd.at = f->at;
		fd.file = source_of(k->doc, f->at);
		fd.claim = -1;
		add_finding(k, &fd);
	}
}

static void across_tables(checker *k)
{
	same_figure(k, "cross.summary-income", "收入总计",
		    "summary/income.total/total", "income/total/total");
	same_figure(k, "cross.summary-expenditure", "支出总计",
		    "summary/expenditure.total/total", "expenditure/total/total");
	same_figure(k, "cross.income-expenditure", "收入与支出",
		    "income/total/total", "expenditure/total/total");
	same_figure(k, "cross.summary-balance", "收支总表",
		    "summary/income.total/total", "summary/expenditure.total/total");
	same_figure(k, "cross.fiscal-general", "一般公共预算",
		    "fiscal_summary/income.general_budget/total", "general_expenditure/total/total");
	same_figure(k, "cross.fiscal-fund", "政府性基金预算",
		    "fiscal_summary/income.fund/total", "fund_expenditure/total/total");
	same_figure(k, "cross.basic-economic", "一般公共预算基本支出",
		    "general_expenditure/total/basic", "basic_economic/total/total");
	static const char *const three[] = { "three_public/overseas/total",
					     "three_public/reception/total",
					     "three_public/vehicles/total", NULL };
	sum_of(k, "cross.three-public", "“三公”经费", "three_public/total/total", three);
	static const char *const cars[] = { "three_public/vehicle_purchase/total",
					    "three_public/vehicle_operation/total", NULL };
	sum_of(k, "cross.three-public-vehicles", "公务用车购置及运行费",
	       "three_public/vehicles/total", cars);
	static const char *const grand[] = { "three_public/total/total",
					     "three_public/meetings/total",
					     "three_public/training/total", NULL };
	sum_of(k, "cross.three-public-grand", "“三公”经费、会议费、培训费",
	       "three_public/grand_total/total", grand);
	projects(k);
}

void check_tables(checker *k)
{
	for (size_t i = 0; i < k->doc->ntables; i++) {
		const yoy_table *t = &k->doc->tables[i];
		if (t->empty)
			continue;
		row_columns(k, t);
		parent_sums(k, t);
		if (t->kind == YOY_TABLE_BASIC_ECONOMIC)
			level_sums(k, t);
		total_sums(k, t);
	}
	across_tables(k);
}
