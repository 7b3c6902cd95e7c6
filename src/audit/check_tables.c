/* Table arithmetic inside one disclosure, and tables against each other.
 * Only what does not hold exactly is recorded: a table of 60 rows holds
 * hundreds of sums. */
#include <string.h>

#include "check_rules.h"
#include "util/i18n.h"
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

/* Whether loc comes after a in the document (same file, later page or
 * line). */
static bool after(yoy_loc loc, yoy_loc a)
{
	return loc.file == a.file &&
	       (loc.page > a.page || (loc.page == a.page && loc.line > a.line));
}

/* Whether t runs to the end of its file: its last row on the file's last
 * page (a PDF) or within its last lines (text), with no table or heading
 * after it there -- a part of a disclosure cut where a table goes on, so
 * that its last lines may be in the next part. */
static bool ends_its_file(const yoy_doc *d, const yoy_table *t)
{
	if (!t->nrows)
		return false;
	yoy_loc last = t->rows[t->nrows - 1].at;
	if (last.file < 0 || (size_t)last.file >= d->nsources)
		return false;
	const yoy_source_info *src = &d->sources[last.file];
	if (src->pages ? last.page != src->pages : last.line + 3 < src->lines)
		return false;
	for (size_t i = 0; i < d->ntables; i++)
		if (after(d->tables[i].at, last))
			return false;
	for (size_t i = 0; i < d->nsections; i++)
		if (after(d->sections[i].at, last))
			return false;
	return true;
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
	/* lines short of their total in a table the file ends in: the rest
	 * may be in a part not given */
	bool sum = strcmp(rule, "table.parent-sum") == 0 || strcmp(rule, "table.total-sum") == 0;
	if (v == YOY_VERDICT_MISMATCH && t && sum && computed.fen < stated.fen &&
	    ends_its_file(k->doc, t)) {
		f.severity = YOY_SEV_WARNING;
		f.message = afmt(k->ar, _("%s (the file ends in this table: its last lines may be "
					  "in a part not given)"), message);
	}
	f.stated = fig_text(k->ar, stated);
	f.computed = computed.overflow ? fig_text(k->ar, computed)
				       : fen_text(k->ar, computed.fen, stated);
	if (v == YOY_VERDICT_ROUNDING || v == YOY_VERDICT_MISMATCH)
		f.envelope = afmt(k->ar, "±%s", fen_text(k->ar, stated.half + computed.half, stated));
	f.subject = subject;
	f.year = k->doc->year;
	f.at = at_row ? at_row->at : t ? t->at : (yoy_loc){ 0, 0, 0 };
	f.file = source_of(k->doc, f.at);
	f.claim = -1;
	add_finding_on(k, &f, t && t->by_order);
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
		figure sum = { 0, 0, total.unit, total.decimals, false, false };
		for (size_t c = 0; c < t->ncolumns; c++)
			if ((int)c != tc)
				sum = fig_sum(sum, fig_of(&r->values[c]));
		if (!sum.present)
			continue;
		yoy_verdict v = judge_sum(total, sum);
		relation(k, "table.row-columns", v, t, r, describe_row(k->ar, r),
			 afmt(k->ar, _("%s: %s of %s against the sum of its other columns"),
			      kind_label(t->kind), column_label(t, (size_t)tc),
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
			figure sum = { 0, 0, 0, 0, false, false };
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
				 afmt(k->ar, _("%s: %s %s (%s) against the sum of its %zu subitems"),
				      kind_label(t->kind), p->code, p->name ? p->name : "",
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
			figure sum = { 0, 0, 0, 0, false, false };
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
				 afmt(k->ar, _("%s: %s (%s) against the sum of the %zu lines under it"),
				      kind_label(t->kind), p->name ? p->name : "?",
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
			figure sum = { 0, 0, 0, 0, false, false };
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
				 afmt(k->ar, _("%s: the total (%s) against the sum of its %zu top-level lines"),
				      kind_label(t->kind), column_label(t, c), n),
				 whole, sum, YOY_SEV_ERROR);
		}
		break;
	}
}

static bool is_subtotal(const yoy_row *r)
{
	return !r->code && ((r->name && strcmp(r->name, "小计") == 0) ||
			    (r->name2 && strcmp(r->name2, "小计") == 0));
}

static bool is_within(const yoy_row *r)
{
	return r->name && strncmp(r->name, "其中", strlen("其中")) == 0;
}

/* Tables grouped by 小计 lines that head their groups, as the 收入预算总表
 * prints its sources ("一般公共预算资金: 小计, 公共财政拨款, 专项收入;
 * 政府性基金: 小计; …"): each 小计 = the lines after it up to the next,
 * 其中 lines aside; the total = the 小计 lines.  Only when the line after
 * the total is a 小计: a table whose subtotals close their groups is
 * not read this way. */
static void subtotal_sums(checker *k, const yoy_table *t)
{
	size_t first = 0;
	while (first < t->nrows && !(t->rows[first].key &&
				     strcmp(t->rows[first].key, "total") == 0))
		first++;
	if (first + 1 >= t->nrows || !is_subtotal(&t->rows[first + 1]))
		return;
	const yoy_row *tot = &t->rows[first];
	for (size_t c = 0; c < t->ncolumns; c++) {
		figure all = { 0, 0, 0, 0, false, false };
		size_t ngroups = 0;
		for (size_t i = first + 1; i < t->nrows; i++) {
			const yoy_row *head = &t->rows[i];
			if (!is_subtotal(head) || is_within(head))
				continue;
			figure sum = { 0, 0, 0, 0, false, false };
			size_t n = 0;
			for (size_t j = i + 1; j < t->nrows && !is_subtotal(&t->rows[j]) &&
					       !t->rows[j].code; j++) {
				if (is_within(&t->rows[j]))
					continue;
				sum = fig_sum(sum, fig_of(&t->rows[j].values[c]));
				n++;
			}
			figure whole = fig_of(&head->values[c]);
			all = fig_sum(all, whole);
			ngroups++;
			if (!n || (!whole.present && !sum.present))
				continue;
			if (!whole.present) {
				whole.unit = t->unit;
				whole.decimals = t->decimals;
			}
			relation(k, "table.parent-sum", judge_sum(whole, sum), t, head,
				 head->name2 ? head->name : "小计",
				 afmt(k->ar, _("%s: the 小计 of %s (%s) against the sum of the %zu "
					       "lines under it"),
				      kind_label(t->kind), head->name2 ? head->name : "?",
				      column_label(t, c), n),
				 whole, sum, YOY_SEV_ERROR);
		}
		figure whole = fig_of(&tot->values[c]);
		if (ngroups >= 2 && whole.present && all.present)
			relation(k, "table.total-sum", judge_sum(whole, all), t, tot,
				 describe_row(k->ar, tot),
				 afmt(k->ar, _("%s: the total (%s) against the sum of its %zu "
					       "小计 lines"),
				      kind_label(t->kind), column_label(t, c), ngroups),
				 whole, all, YOY_SEV_ERROR);
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
		 afmt(k->ar, _("%s: %s is %s, %s is %s"), what, ma, fig_text(k->ar, a.value), mb,
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
	figure sum = { 0, 0, w.value.unit, w.value.decimals, false, false };
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
		 afmt(k->ar, _("%s: %s against the sum of its %zu parts"), what, whole, n), w.value,
		 sum, YOY_SEV_ERROR);
}

/* the projects table against the project expenditure, and each
 * performance form (元) against its project (万元) */
static void projects(checker *k)
{
	const yoy_table *pt = yoy_doc_table(k->doc, YOY_TABLE_PROJECTS);
	int tc = pt ? yoy_table_column(pt, "total") : -1;
	if (pt && tc >= 0 && pt->nrows) {
		figure sum = { 0, 0, pt->unit, pt->decimals, false, false };
		for (size_t i = 0; i < pt->nrows; i++)
			if (!pt->rows[i].key)
				sum = fig_sum(sum, fig_of(&pt->rows[i].values[tc]));
		cell_ref e = metric_cell(k->doc, "expenditure/total/project");
		if (e.found && e.value.present)
			relation(k, "cross.projects-total", judge_sum(e.value, sum), pt, NULL,
				 "项目支出",
				 afmt(k->ar, _("the projects table (%zu lines) against 项目支出 of "
					     "the expenditure table"), pt->nrows),
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
		fd.message = afmt(k->ar, _("performance form of %s: 年度资金总额 against the "
					 "projects table%s"), f->project,
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
	/* a 决算's income and spending tables hold the year's own money: its
	 * summary's 本年收入合计 and 本年支出合计, without what was carried */
	bool final = yoy_doc_is_final(k->doc);
	same_figure(k, "cross.summary-income", final ? "本年收入合计" : "收入总计",
		    final ? "summary/income.current_total/total" : "summary/income.total/total",
		    "income/total/total");
	same_figure(k, "cross.summary-expenditure", final ? "本年支出合计" : "支出总计",
		    final ? "summary/expenditure.current_total/total"
			  : "summary/expenditure.total/total",
		    "expenditure/total/total");
	/* a 决算's income and spending differ by what it carried over */
	if (!final)
		same_figure(k, "cross.income-expenditure", "收入与支出",
			    "income/total/total", "expenditure/total/total");
	same_figure(k, "cross.summary-balance", "收支总表",
		    "summary/income.total/total", "summary/expenditure.total/total");
	/* a budget spends what it receives; a 决算 need not */
	if (!final) {
		same_figure(k, "cross.fiscal-general", "一般公共预算",
			    "fiscal_summary/income.general_budget/total",
			    "general_expenditure/total/total");
		same_figure(k, "cross.fiscal-fund", "政府性基金预算",
			    "fiscal_summary/income.fund/total", "fund_expenditure/total/total");
	}
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

/* ---- twin tables, the summary's own sums, procurement ----------------- */

static const yoy_row *total_row(const yoy_table *t)
{
	for (size_t i = 0; i < t->nrows; i++)
		if (t->rows[i].key && strcmp(t->rows[i].key, "total") == 0 && !t->rows[i].group)
			return &t->rows[i];
	return NULL;
}

/* Two tables that print the same lines (财政拨款 and 一般公共预算 when a
 * department has no other money; income and expenditure by function
 * code): when their totals agree, each code's figures must too. */
static void same_lines(checker *k, yoy_table_kind ka, yoy_table_kind kb, const char *group_b)
{
	const yoy_table *a = yoy_doc_table(k->doc, ka), *b = yoy_doc_table(k->doc, kb);
	if (!a || !b || a->empty || b->empty)
		return;
	int ca = yoy_table_column(a, "total"), cb = yoy_table_column(b, "total");
	if (ca < 0 || cb < 0)
		return;
	const yoy_row *ta = total_row(a), *tb = group_b ? yoy_table_row_by_key(b, "total", group_b)
						       : total_row(b);
	if (!ta || !tb || !ta->values[ca].present || !tb->values[cb].present ||
	    judge_equal(fig_of(&ta->values[ca]), fig_of(&tb->values[cb])) != YOY_VERDICT_EXACT)
		return;
	for (size_t i = 0; i < a->nrows; i++) {
		const yoy_row *ra = &a->rows[i];
		if (!ra->code || (group_b && a == b))
			continue;
		const yoy_row *rb = NULL;
		for (size_t j = 0; j < b->nrows && !rb; j++)
			if (b->rows[j].code && strcmp(b->rows[j].code, ra->code) == 0 &&
			    (!group_b || (b->rows[j].group && strcmp(b->rows[j].group, group_b) == 0)))
				rb = &b->rows[j];
		if (!rb)
			continue;
		/* every column both print (合计, 基本支出, 项目支出 …) */
		for (size_t x = 0; x < a->ncolumns; x++) {
			int y = yoy_table_column(b, a->columns[x].key);
			if (y < 0)
				continue;
			figure fa = fig_of(&ra->values[x]), fb = fig_of(&rb->values[y]);
			if (!fa.present && !fb.present)
				continue;
			/* a blank against a printed 0 is the same nothing */
			if ((!fa.present || !fb.present) && (fa.present ? fa.fen : fb.fen) == 0)
				continue;
			relation(k, "cross.same-line", judge_equal(fa, fb), b, rb,
				 describe_row(k->ar, rb),
				 afmt(k->ar, _("%s %s (%s): %s prints %s, %s prints %s"), ra->code,
				      ra->name ? ra->name : "", column_label(a, x), kind_label(ka),
				      fig_text(k->ar, fa), kind_label(kb), fig_text(k->ar, fb)),
				 fa, fb, YOY_SEV_ERROR);
		}
	}
}

static bool is_carryover(const char *key)
{
	return str_starts(key, "carryover");
}

/* The line income lines add up to: 本年收入, else (with no carry-over)
 * the total. */
static const yoy_row *income_whole(const yoy_table *t, int c)
{
	const yoy_row *whole = yoy_table_row_by_key(t, "current_total", "income");
	if (whole)
		return whole;
	for (size_t i = 0; i < t->nrows; i++)
		if (t->rows[i].key && is_carryover(t->rows[i].key) && t->rows[i].group &&
		    strcmp(t->rows[i].group, "income") == 0 && t->rows[i].values[c].present &&
		    t->rows[i].values[c].fen)
			return NULL;
	return yoy_table_row_by_key(t, "total", "income");
}

/* An income line that is a part of 本年收入: not a total, not a
 * carry-over, not a fund under 财政拨款 when the table prints 财政拨款. */
static bool income_part(const yoy_row *r, bool fiscal)
{
	if (!r->key || !r->group || strcmp(r->group, "income") != 0 ||
	    strcmp(r->key, "total") == 0 || strcmp(r->key, "current_total") == 0 ||
	    is_carryover(r->key))
		return false;
	return !(fiscal && (strcmp(r->key, "general_budget") == 0 || strcmp(r->key, "fund") == 0 ||
			    strcmp(r->key, "state_capital") == 0));
}

/* The income lines against 本年收入; 财政拨款 against its funds. */
static void summary_income(checker *k, const yoy_table *t, int c)
{
	const char *table = kind_label(t->kind);
	bool fiscal = yoy_table_row_by_key(t, "fiscal", "income") != NULL;
	const yoy_row *whole = income_whole(t, c);
	if (whole && whole->values[c].present) {
		figure sum = { 0, 0, t->unit, t->decimals, false, false };
		size_t n = 0;
		for (size_t i = 0; i < t->nrows; i++)
			if (income_part(&t->rows[i], fiscal)) {
				sum = fig_sum(sum, fig_of(&t->rows[i].values[c]));
				n++;
			}
		if (n >= 2 && sum.present)
			relation(k, "summary.income-sum", judge_sum(fig_of(&whole->values[c]), sum), t,
				 whole, whole->name,
				 afmt(k->ar, _("%s: %s against the sum of the %zu income lines"), table,
				      whole->name ? whole->name : "本年收入", n),
				 fig_of(&whole->values[c]), sum, YOY_SEV_ERROR);
	}
	if (!fiscal)
		return;
	static const char *const parts[] = { "general_budget", "fund", "state_capital" };
	const yoy_row *f = yoy_table_row_by_key(t, "fiscal", "income");
	figure sum = { 0, 0, t->unit, t->decimals, false, false };
	for (size_t i = 0; i < 3; i++) {
		const yoy_row *r = yoy_table_row_by_key(t, parts[i], "income");
		if (r)
			sum = fig_sum(sum, fig_of(&r->values[c]));
	}
	if (f->values[c].present && sum.present)
		relation(k, "summary.income-sum", judge_sum(fig_of(&f->values[c]), sum), t, f,
			 f->name, afmt(k->ar, _("%s: 财政拨款 against its 一般公共预算, 政府性基金 "
					      "and 国有资本经营预算"), table),
			 fig_of(&f->values[c]), sum, YOY_SEV_ERROR);
}

/* A summary line of the spending side (合计, 当年支出小计, 结转下年): a
 * copy may set it under the uses' names, but it is never a use. */
static bool spending_line(const char *key)
{
	return strcmp(key, "total") == 0 || strcmp(key, "current_total") == 0 ||
	       is_carryover(key);
}

/* The spending against its function classes, and against its uses. */
static void summary_spending(checker *k, const yoy_table *t, int c)
{
	const yoy_row *spend = yoy_table_row_by_key(t, "current_total", "expenditure");
	if (!spend)
		spend = yoy_table_row_by_key(t, "total", "expenditure");
	if (!spend)
		spend = yoy_table_row_by_key(t, "total", "expenditure_use");
	if (!spend || !spend->values[c].present)
		return;
	for (int pass = 0; pass < 2; pass++) {
		figure sum = { 0, 0, t->unit, t->decimals, false, false };
		size_t n = 0;
		for (size_t i = 0; i < t->nrows; i++) {
			const yoy_row *r = &t->rows[i];
			if (!r->group)
				continue;
			bool take = pass == 0
				? strcmp(r->group, "expenditure") == 0 && r->code && strlen(r->code) == 3
				: strcmp(r->group, "expenditure_use") == 0 && r->key &&
					  !spending_line(r->key);
			if (!take)
				continue;
			sum = fig_sum(sum, fig_of(&r->values[c]));
			n++;
		}
		if (n >= 2 && sum.present)
			relation(k, pass == 0 ? "summary.expenditure-sum" : "summary.use-sum",
				 judge_sum(fig_of(&spend->values[c]), sum), t, spend, spend->name,
				 afmt(k->ar, _("%s: the spending against the sum of its %zu %s"),
				      kind_label(t->kind), n,
				      pass == 0 ? _("function classes") : _("uses (基本, 项目 …)")),
				 fig_of(&spend->values[c]), sum, YOY_SEV_ERROR);
	}
}

/* 收支总表: the income lines add up to 本年收入 (or the total), the
 * spending by function class and the spending by use to the spending. */
static void summary_sums(checker *k, yoy_table_kind kind)
{
	const yoy_table *t = yoy_doc_table(k->doc, kind);
	if (!t || t->empty)
		return;
	int c = yoy_table_column(t, "total");
	if (c < 0)
		return;
	summary_income(k, t, c);
	summary_spending(k, t, c);
}

/* Rows [from, to) split into groups of a line followed by lines that add
 * up to it exactly. */
static bool pairs_up(const yoy_table *t, int c, size_t from, size_t to)
{
	size_t i = from;
	while (i < to) {
		if (!t->rows[i].values[c].present) {
			i++; /* a name wrapped onto a line of its own */
			continue;
		}
		int64_t want = yoy_amount_fen(&t->rows[i].values[c]), sum = 0;
		size_t j = i + 1, parts = 0;
		while (j < to && (sum < want || !t->rows[j].values[c].present)) {
			if (t->rows[j].values[c].present)
				parts++;
			sum += yoy_amount_fen(&t->rows[j++].values[c]);
		}
		if (sum != want || !parts)
			return false;
		i = j;
	}
	return true;
}

/* 政府采购: each category (货物, 工程, 服务) against the lines under it.
 * Jiangsu prints each purchase on two lines (the budget item, then the
 * procurement item), so the lines under a category add up to it once or,
 * printed both ways, twice. */
static void procurement_sums(checker *k)
{
	const yoy_table *t = yoy_doc_table(k->doc, YOY_TABLE_PROCUREMENT);
	if (!t || t->empty)
		return;
	int c = yoy_table_column(t, "total");
	if (c < 0)
		return;
	figure cats = { 0, 0, t->unit, t->decimals, false, false };
	size_t ncats = 0;
	for (size_t i = 0; i < t->nrows; i++) {
		const yoy_row *cat = &t->rows[i];
		if (!cat->key || strcmp(cat->key, "total") == 0)
			continue;
		cats = fig_sum(cats, fig_of(&cat->values[c]));
		ncats++;
		figure sum = { 0, 0, t->unit, t->decimals, false, false };
		size_t n = 0;
		for (size_t j = i + 1; j < t->nrows && !t->rows[j].key; j++) {
			sum = fig_sum(sum, fig_of(&t->rows[j].values[c]));
			n++;
		}
		figure whole = fig_of(&cat->values[c]);
		if (!n || !whole.present)
			continue;
		figure twice = whole;
		twice.fen *= 2;
		twice.half *= 2;
		yoy_verdict once = judge_sum(whole, sum), two = judge_sum(twice, sum);
		yoy_verdict v = once != YOY_VERDICT_MISMATCH ? once : two;
		if (once == YOY_VERDICT_MISMATCH && two != YOY_VERDICT_MISMATCH &&
		    !pairs_up(t, c, i + 1, i + 1 + n)) {
			/* printed both ways, each budget line must be exactly the
			 * procurement lines under it: one of them is off */
			relation(k, "table.procurement-sum", YOY_VERDICT_MISMATCH, t, cat, cat->name,
				 afmt(k->ar, _("procurement: under %s, the budget lines and the "
					     "procurement lines under them do not match"),
				      cat->name ? cat->name : "?"),
				 twice, sum, YOY_SEV_ERROR);
			continue;
		}
		relation(k, "table.procurement-sum", v, t, cat, cat->name,
			 afmt(k->ar, _("procurement: %s against the %zu lines under it"),
			      cat->name ? cat->name : "?", n),
			 v == two && two != YOY_VERDICT_MISMATCH ? twice : whole, sum, YOY_SEV_ERROR);
	}
	const yoy_row *tot = total_row(t);
	if (tot && tot->values[c].present && ncats >= 2)
		relation(k, "table.procurement-sum", judge_sum(fig_of(&tot->values[c]), cats), t, tot,
			 "合计", afmt(k->ar, _("procurement: the total against its %zu categories"), ncats),
			 fig_of(&tot->values[c]), cats, YOY_SEV_ERROR);
}

/* ---- a 决算's carry-over ------------------------------------------------ */

static figure row_fig(const yoy_table *t, const char *key, const char *group, int c,
		      bool *found)
{
	const yoy_row *r = yoy_table_row_by_key(t, key, group);
	figure none = { 0, 0, t->unit, t->decimals, false, false };
	if (!r)
		return none;
	*found = true;
	return fig_of(&r->values[c]);
}

/* What a 决算's summary ends the year with is what it began with, plus
 * the year's income and the surplus it used, less the year's spending
 * and the surplus it distributed: 年末结转和结余 = 年初结转和结余 + 本年收入
 * + 使用非财政拨款结余 − 本年支出 − 结余分配. */
static void final_balance(checker *k, yoy_table_kind kind)
{
	const yoy_table *t = yoy_doc_table(k->doc, kind);
	int c = t && !t->empty ? yoy_table_column(t, "total") : -1;
	if (c < 0)
		return;
	const yoy_row *end = yoy_table_row_by_key(t, "carryover_out", "expenditure");
	bool in = false, out = false, any = false;
	figure income = row_fig(t, "current_total", "income", c, &in),
	       spent = row_fig(t, "current_total", "expenditure", c, &out);
	if (!end || !in || !out || !income.present || !spent.present)
		return;
	figure sum = fig_sum(fig_sum(row_fig(t, "carryover", "income", c, &any), income),
			     row_fig(t, "carryover_surplus", "income", c, &any));
	sum = fig_sum(sum, fig_neg(spent));
	sum = fig_sum(sum, fig_neg(row_fig(t, "surplus_distribution", "expenditure", c, &any)));
	figure stated = fig_of(&end->values[c]);
	stated.present = true; /* a blank 年末结转和结余 is nothing left */
	relation(k, "final.carryover", judge_sum(stated, sum), t, end, end->name,
		 afmt(k->ar, _("%s: 年末结转和结余 against 年初结转和结余 + 本年收入 − 本年支出"),
		      kind_label(kind)),
		 stated, sum, YOY_SEV_ERROR);
}

/* The same by line, in tables printing 年初结转和结余, 本年收入, 本年支出
 * and 年末结转和结余 side by side (政府性基金, 国有资本经营). */
static void final_rows(checker *k, const yoy_table *t)
{
	int cb = yoy_table_column(t, "carryover"), ci = yoy_table_column(t, "current_income"),
	    cs = yoy_table_column(t, "total"), ce = yoy_table_column(t, "carryover_out");
	if (cb < 0 || ci < 0 || cs < 0 || ce < 0)
		return;
	for (size_t i = 0; i < t->nrows; i++) {
		const yoy_row *r = &t->rows[i];
		figure b = fig_of(&r->values[cb]), in = fig_of(&r->values[ci]),
		       s = fig_of(&r->values[cs]), e = fig_of(&r->values[ce]);
		if (!b.present && !in.present && !s.present && !e.present)
			continue;
		figure sum = fig_sum(fig_sum(b, in), fig_neg(s));
		e.present = sum.present = true;
		relation(k, "final.carryover", judge_sum(e, sum), t, r, describe_row(k->ar, r),
			 afmt(k->ar, _("%s: %s 年末结转和结余 against 年初结转和结余 + 本年收入 − "
				      "本年支出"), kind_label(t->kind), describe_row(k->ar, r)),
			 e, sum, YOY_SEV_ERROR);
	}
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
		subtotal_sums(k, t);
	}
	across_tables(k);
	same_lines(k, YOY_TABLE_GENERAL_EXPENDITURE, YOY_TABLE_FISCAL_EXPENDITURE, NULL);
	same_lines(k, YOY_TABLE_BASIC_ECONOMIC, YOY_TABLE_FISCAL_BASIC, NULL);
	same_lines(k, YOY_TABLE_EXPENDITURE, YOY_TABLE_GENERAL_EXPENDITURE, NULL);
	same_lines(k, YOY_TABLE_INCOME, YOY_TABLE_EXPENDITURE, NULL);
	same_lines(k, YOY_TABLE_EXPENDITURE, YOY_TABLE_SUMMARY, "expenditure");
	same_lines(k, YOY_TABLE_GENERAL_EXPENDITURE, YOY_TABLE_SUMMARY, "expenditure");
	summary_sums(k, YOY_TABLE_SUMMARY);
	summary_sums(k, YOY_TABLE_FISCAL_SUMMARY);
	if (yoy_doc_is_final(k->doc)) {
		final_balance(k, YOY_TABLE_SUMMARY);
		final_balance(k, YOY_TABLE_FISCAL_SUMMARY);
		for (size_t i = 0; i < k->doc->ntables; i++)
			if (!k->doc->tables[i].empty)
				final_rows(k, &k->doc->tables[i]);
	}
	procurement_sums(k);
	/* 收支总表 by use against the expenditure table's columns */
	same_figure(k, "cross.summary-use", "基本支出", "summary/expenditure_use.basic/total",
		    "expenditure/total/basic");
	same_figure(k, "cross.summary-use", "项目支出", "summary/expenditure_use.project/total",
		    "expenditure/total/project");
	same_figure(k, "cross.summary-use", "单位预留机动经费",
		    "summary/expenditure_use.reserve/total", "expenditure/total/reserve");
}
