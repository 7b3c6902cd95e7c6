/* The narrative against the tables, and the arithmetic of each stated
 * change.  Every claim that can be judged gets a finding, the ones that
 * hold too (severity ok), so a report can say of each statement whether
 * it holds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_rules.h"
#include "util/i18n.h"

static yoy_finding claim_finding(checker *k, size_t i, const char *rule)
{
	const yoy_claim *c = &k->doc->claims[i];
	yoy_finding f = { 0 };
	f.rule = rule;
	f.subject = c->subject;
	f.metric = c->metric;
	f.text = c->text;
	f.year = k->doc->year;
	f.at = c->at;
	f.file = source_of(k->doc, c->at);
	f.claim = (int)i;
	return f;
}

/* A flag of the parser that is a finding in itself. */
static void flag(checker *k, size_t i, const char *rule, yoy_severity sev, const char *msg)
{
	yoy_finding f = claim_finding(k, i, rule);
	f.verdict = YOY_VERDICT_MISMATCH;
	f.severity = sev;
	f.message = msg;
	add_finding(k, &f);
}

/* The same code in another table, when its figure there agrees with the
 * stated one; NULL when none does.  The metric is in the arena. */
static const char *other_code_cell(checker *k, const char *metric, figure stated,
				   cell_ref *out)
{
	const char *code = metric ? strstr(metric, "/code:") : NULL;
	if (!code)
		return NULL;
	char c[16], col[32] = "total";
	if (sscanf(code, "/code:%15[0-9]/%31s", c, col) < 1)
		return NULL;
	static const char *const tables[] = { "general_expenditure", "fiscal_expenditure",
					      "expenditure", "summary", "income" };
	for (size_t i = 0; i < sizeof tables / sizeof *tables; i++) {
		const char *m = afmt(k->ar, "%s/code:%s/%s", tables[i], c, col);
		if (strcmp(m, metric) == 0)
			continue;
		cell_ref r = metric_cell(k->doc, m);
		if (!r.found || !r.value.present)
			continue;
		if (judge_equal(r.value, stated) != YOY_VERDICT_MISMATCH) {
			*out = r;
			return m;
		}
	}
	return NULL;
}

/* The scope of funds a total covers, or a subject names. */
typedef enum { SCOPE_OPEN, SCOPE_ALL, SCOPE_FISCAL, SCOPE_GENERAL, SCOPE_OTHER } fund_scope;

/* The totals a sentence may mean by "支出" or "收入": all funds, 财政拨款,
 * 一般公共预算. */
static const struct {
	const char *metric;
	fund_scope scope;
} total_metrics[] = {
	{ "summary/income.total/total", SCOPE_ALL },
	{ "summary/expenditure.total/total", SCOPE_ALL },
	{ "summary/income.current_total/total", SCOPE_ALL },
	{ "summary/expenditure.current_total/total", SCOPE_ALL },
	{ "income/total/total", SCOPE_ALL },
	{ "expenditure/total/total", SCOPE_ALL },
	{ "fiscal_summary/income.total/total", SCOPE_FISCAL },
	{ "fiscal_summary/expenditure.total/total", SCOPE_FISCAL },
	{ "general_expenditure/total/total", SCOPE_GENERAL },
};

static bool total_metric(const char *m)
{
	for (size_t i = 0; m && i < sizeof total_metrics / sizeof *total_metrics; i++)
		if (strcmp(m, total_metrics[i].metric) == 0)
			return true;
	return false;
}

/* The scope a subject names: "一般公共预算支出" general, "财政拨款收入"
 * fiscal, "部门支出总计" all funds, "政府性基金" another fund; "支出预算"
 * alone leaves it open. */
static fund_scope subject_scope(const char *s)
{
	static const struct {
		const char *word;
		fund_scope scope;
	} words[] = {
		{ "一般公共预算", SCOPE_GENERAL }, { "财政拨款", SCOPE_FISCAL },
		{ "政府性基金", SCOPE_OTHER },	   { "国有资本", SCOPE_OTHER },
		{ "其他资金", SCOPE_OTHER },	   { "单位资金", SCOPE_OTHER },
		{ "事业", SCOPE_OTHER },	   { "部门", SCOPE_ALL },
		{ "总计", SCOPE_ALL },		   { "合计", SCOPE_ALL },
		{ "收支总", SCOPE_ALL },	   { "本年", SCOPE_ALL },
		{ "当年", SCOPE_ALL },
	};
	for (size_t i = 0; s && i < sizeof words / sizeof *words; i++)
		if (strstr(s, words[i].word))
			return words[i].scope;
	return SCOPE_OPEN;
}

/* A total that does not hold against the one the subject resolved to: the
 * same figure in another total of the scope the subject names (any scope
 * when it names none) is the one meant when it holds there; with a subject
 * that names no scope (or open: its own table not printed) and no total
 * holding, the figure is unverifiable, the candidates listed -- never an
 * error for a scope the sentence leaves open. */
static bool other_total(checker *k, const yoy_claim *c, figure stated, const cell_ref *own,
			yoy_finding *f, figure *cellv, const char **where, bool open)
{
	sbuf cands;
	sbuf_init(&cands);
	fund_scope scope = subject_scope(c->subject);
	/* totals all printing one figure leave nothing open: the first one
	 * stands for them */
	bool differ = false, have_first = own->found && own->value.present;
	figure first = own->value;
	const char *first_where = *where;
	for (size_t i = 0; i < sizeof total_metrics / sizeof *total_metrics; i++) {
		const char *m = total_metrics[i].metric;
		if (strcmp(m, c->metric) == 0 ||
		    (scope != SCOPE_OPEN && scope != total_metrics[i].scope))
			continue;
		cell_ref r = metric_cell(k->doc, m);
		if (!r.found || !r.value.present)
			continue;
		yoy_verdict v = judge_equal(r.value, stated);
		if (v != YOY_VERDICT_MISMATCH) {
			f->verdict = v;
			*cellv = r.value;
			*where = cell_label(k->ar, &r, m);
			sbuf_free(&cands);
			return true;
		}
		if (!have_first) {
			have_first = true;
			first = r.value;
			first_where = cell_label(k->ar, &r, m);
		} else if (judge_equal(r.value, first) == YOY_VERDICT_MISMATCH) {
			differ = true;
		}
		sbuf_printf(&cands, "%s%s %s", cands.len ? "; " : "",
			    cell_label(k->ar, &r, m), fig_text(k->ar, r.value));
	}
	if (!differ && have_first && !own->found) {
		/* its own table not printed, every total the same: that one */
		f->verdict = YOY_VERDICT_MISMATCH;
		*cellv = first;
		*where = first_where;
		sbuf_free(&cands);
		return true;
	}
	open = differ && (open || scope == SCOPE_OPEN);
	if (open) {
		f->verdict = YOY_VERDICT_UNVERIFIABLE;
		f->message = afmt(k->ar, _("%s: the sentence does not say which total; none of them "
					   "is %s (%s)"), c->subject ? c->subject : "?",
				  fig_text(k->ar, stated), cands.oom ? "?" : sbuf_cstr(&cands));
	}
	sbuf_free(&cands);
	return open;
}

/* A count ("项目12个") against the lines or forms it counts. */
static void count_claim(checker *k, const yoy_claim *c, const cell_ref *cell,
			const yoy_finding *fp)
{
	yoy_finding f = *fp;
	if (!cell->found || !cell->is_count)
		return; /* "副处级事业单位3个": nothing to count it against */
	f.verdict = c->count == cell->value.fen ? YOY_VERDICT_EXACT : YOY_VERDICT_MISMATCH;
	f.severity = severity_of(f.verdict, YOY_SEV_ERROR);
	f.stated = afmt(k->ar, "%lld%s", (long long)c->count,
			c->count_unit ? c->count_unit : "");
	f.computed = afmt(k->ar, "%lld", (long long)cell->value.fen);
	const yoy_table *pt = yoy_doc_table(k->doc, YOY_TABLE_PROJECTS);
	bool forms = strncmp(c->metric, "forms", 5) == 0;
	f.message = afmt(k->ar, _("%s: the count stated against the %s printed%s"),
			 c->subject ? c->subject : "?",
			 forms ? _("performance forms") : _("project lines"),
			 forms && pt ? afmt(k->ar, _(" (the projects table has %zu lines)"),
					    pt->nrows) : "");
	add_finding(k, &f);
}

/* A class or item stated above what its 一般公共预算 (or 财政拨款) table
 * holds may be the figure of all funds, whose table (支出预算表) this
 * document does not print (a part of a disclosure, or a department that
 * printed only some tables): that table's name, else NULL.  A figure
 * below the table's is no broader scope's. */
static const char *broader_missing(checker *k, const char *metric, figure stated,
				   figure table)
{
	if (!metric || !strstr(metric, "/code:") || !stated.present || !table.present ||
	    stated.fen - stated.half <= table.fen + table.half)
		return NULL;
	if (!str_starts(metric, "general_expenditure/") && !str_starts(metric, "fiscal_expenditure/"))
		return NULL;
	/* the broadest scope: when printed, the figure had to be its */
	return yoy_doc_table(k->doc, YOY_TABLE_EXPENDITURE) ? NULL : _("支出预算表 (all funds)");
}

/* The claimed figure against the cell its metric names. */
static void figure_claim(checker *k, size_t i, const cell_ref *cell)
{
	const yoy_claim *c = &k->doc->claims[i];
	yoy_finding f = claim_finding(k, i, c->kind == YOY_CLAIM_COUNT ? "claim.count"
								       : "claim.figure");
	if (c->kind == YOY_CLAIM_COUNT) {
		count_claim(k, c, cell, &f);
		return;
	}
	if (!c->current.present)
		return;
	figure stated = fig_of(&c->current);
	f.stated = fig_text(k->ar, stated);
	figure cellv = cell->value;
	const char *where = cell_label(k->ar, cell, c->metric);
	bool found = cell->found;
	if (!found && c->metric && total_metric(c->metric)) {
		/* the table the subject names is not printed (no 收支总表): the
		 * figure may be any total printed, or none of them */
		found = other_total(k, c, stated, cell, &f, &cellv, &where, true);
		if (found && f.verdict == YOY_VERDICT_UNVERIFIABLE) {
			f.severity = YOY_SEV_INFO;
			add_finding(k, &f);
			return;
		}
	}
	if (!c->metric || !found) {
		if (c->kind == YOY_CLAIM_FIGURE && !c->metric)
			return; /* nothing in the tables says otherwise */
		f.verdict = YOY_VERDICT_UNVERIFIABLE;
		f.severity = YOY_SEV_INFO;
		f.message = c->metric
			? afmt(k->ar, _("%s: the tables have no %s"), c->subject ? c->subject : "?",
			       c->metric)
			: afmt(k->ar, _("%s: no table cell found for it"), c->subject ? c->subject : "?");
		add_finding(k, &f);
		return;
	}
	if (cell->found)
		f.verdict = judge_equal(cellv, stated);
	if (cell->found && f.verdict == YOY_VERDICT_MISMATCH) {
		/* a class or item by code is printed in several tables (all funds,
		 * 财政拨款, 一般公共预算): the narrative may speak of any of them */
		cell_ref alt;
		const char *alt_metric = other_code_cell(k, c->metric, stated, &alt);
		const char *missing = alt_metric ? NULL : broader_missing(k, c->metric, stated, cellv);
		if (alt_metric) {
			cellv = alt.value;
			f.verdict = judge_equal(cellv, stated);
			where = cell_label(k->ar, &alt, alt_metric);
		} else if (missing) {
			f.verdict = YOY_VERDICT_UNVERIFIABLE;
			f.severity = YOY_SEV_WARNING;
			f.computed = fig_text(k->ar, cellv);
			f.message = afmt(k->ar, _("%s: more than %s holds; the %s that may hold it "
						  "is not in this document"),
					 c->subject ? c->subject : "?", where, missing);
			add_finding(k, &f);
			return;
		} else if (total_metric(c->metric) &&
			   other_total(k, c, stated, cell, &f, &cellv, &where, false) &&
			   f.verdict == YOY_VERDICT_UNVERIFIABLE) {
			f.severity = YOY_SEV_INFO;
			f.computed = NULL;
			add_finding(k, &f);
			return;
		}
	}
	bool truncated = f.verdict == YOY_VERDICT_MISMATCH && judge_truncated(stated, cellv);
	if (truncated)
		f.verdict = YOY_VERDICT_TRUNCATED;
	f.severity = severity_of(f.verdict, YOY_SEV_ERROR);
	/* the table's figure in the unit the text states it in */
	f.computed = cellv.unit == stated.unit ? fig_text(k->ar, cellv)
					       : fen_text(k->ar, cellv.fen, stated);
	if (f.verdict != YOY_VERDICT_EXACT)
		f.envelope = afmt(k->ar, "±%s", fen_text(k->ar, stated.half + cellv.half, stated));
	f.message = afmt(k->ar, _("%s: the figure stated against %s%s"), c->subject ? c->subject : "?",
			 where, truncated ? _(" (cut off rather than rounded)") : "");
	add_finding(k, &f);
}

/* The stated percent is the recomputed one cut off, not rounded
 * (2.3153% printed 2.31%): a habit more than a wrong figure. */
static bool truncates(const yoy_decimal *p, int64_t point4)
{
	int64_t scale = 1;
	for (int i = p->decimals; i < 4; i++)
		scale *= 10;
	return point4 >= 0 && p->decimals <= 4 && point4 / scale == p->scaled;
}

/* 占…%: the share recomputed from the part and the whole. */
static void share_claim(checker *k, size_t i, const cell_ref *cell)
{
	const yoy_claim *c = &k->doc->claims[i];
	if (!c->share.present)
		return;
	yoy_finding f = claim_finding(k, i, "claim.share");
	char share[32];
	yoy_decimal_format(share, sizeof share, &c->share);
	f.stated = afmt(k->ar, "%s%%", share);
	figure part = c->current.present ? fig_of(&c->current) : cell->value;
	bool have_part = c->current.present || (cell->found && cell->value.present);
	/* "110万元" in the text is 110.00 in the table: the share was worked
	 * out from the table, so judge it on the table's precision */
	if (c->current.present && cell->found && cell->value.present &&
	    cell->value.half < part.half && judge_equal(cell->value, part) != YOY_VERDICT_MISMATCH)
		part = cell->value;
	figure whole = { 0 };
	bool have_whole = false;
	cell_ref w = metric_cell(k->doc, c->whole_metric);
	if (c->whole_value.present) {
		whole = fig_of(&c->whole_value);
		have_whole = true;
		if (w.found && w.value.present && w.value.half < whole.half &&
		    judge_equal(w.value, whole) != YOY_VERDICT_MISMATCH)
			whole = w.value;
	} else if (c->whole_metric) {
		whole = w.value;
		have_whole = w.found && w.value.present;
	}
	if (!have_part || !have_whole) {
		f.verdict = YOY_VERDICT_UNVERIFIABLE;
		f.severity = YOY_SEV_INFO;
		f.message = afmt(k->ar, _("%s: 占%s of %s, but %s is not known"),
				 c->subject ? c->subject : "?", f.stated, c->whole ? c->whole : "?",
				 have_part ? "the whole" : "the part");
		add_finding(k, &f);
		return;
	}
	int64_t lo, hi, point;
	f.verdict = judge_percent(&c->share, part, whole, &lo, &hi, &point);
	if (f.verdict == YOY_VERDICT_MISMATCH && truncates(&c->share, point))
		f.verdict = YOY_VERDICT_TRUNCATED;
	f.severity = severity_of(f.verdict, YOY_SEV_ERROR);
	if (f.verdict == YOY_VERDICT_UNVERIFIABLE) {
		f.message = afmt(k->ar, _("%s: a share of %s, which is zero"), c->subject ? c->subject : "?",
				 fig_text(k->ar, whole));
	} else {
		f.computed = pct4_text(k->ar, point);
		f.envelope = afmt(k->ar, "%s – %s", pct4_text(k->ar, lo), pct4_text(k->ar, hi));
		f.message = afmt(k->ar, _("%s: 占%s of %s, recomputed as %s / %s"),
				 c->subject ? c->subject : "?", f.stated, c->whole ? c->whole : "?",
				 fig_text(k->ar, part), fig_text(k->ar, whole));
	}
	add_finding(k, &f);
}

/* A percent stated with both figures and no amount of change. */
static void stated_pair(checker *k, size_t i)
{
	const yoy_claim *c = &k->doc->claims[i];
	figure cur = fig_of(&c->current), base = fig_of(&c->base_value);
	figure diff = fig_sum(cur, fig_neg(base));
	int said = c->direction == YOY_DIR_INCREASE ? 1 : -1;
	char pct[32];
	yoy_decimal_format(pct, sizeof pct, &c->percent);
	yoy_finding f = claim_finding(k, i, "change.percent");
	f.stated = afmt(k->ar, "%s%%", pct);
	if (base.fen == 0 && diff.fen != 0) {
		/* "执行数为0.00万元…增加100%" */
		f.rule = "change.zero-base";
		f.verdict = YOY_VERDICT_MISMATCH;
		f.severity = YOY_SEV_WARNING;
		f.computed = fig_text(k->ar, base);
		f.message = afmt(k->ar, _("%s: a change of %s from a base of %s"),
				 c->subject ? c->subject : "?", f.stated, fig_text(k->ar, base));
		add_finding(k, &f);
		return;
	}
	if ((diff.fen > 0 ? 1 : diff.fen < 0 ? -1 : 0) != said && diff.fen != 0) {
		f.rule = "change.direction";
		f.verdict = YOY_VERDICT_MISMATCH;
		f.severity = YOY_SEV_ERROR;
		f.computed = afmt(k->ar, "%s%s", diff.fen > 0 ? "+" : "", fig_text(k->ar, diff));
		f.message = afmt(k->ar, _("%s: said to %s from %s to %s"), c->subject ? c->subject : "?",
				 said > 0 ? _("rise") : "fall", fig_text(k->ar, base), fig_text(k->ar, cur));
		add_finding(k, &f);
		return;
	}
	if (diff.fen < 0)
		diff.fen = -diff.fen;
	int64_t lo, hi, point;
	f.verdict = judge_percent(&c->percent, diff, base, &lo, &hi, &point);
	bool truncated = f.verdict == YOY_VERDICT_MISMATCH && truncates(&c->percent, point);
	if (truncated)
		f.verdict = YOY_VERDICT_TRUNCATED;
	f.severity = severity_of(f.verdict, YOY_SEV_ERROR);
	if (f.verdict != YOY_VERDICT_UNVERIFIABLE) {
		f.computed = pct4_text(k->ar, point);
		f.envelope = afmt(k->ar, "%s – %s", pct4_text(k->ar, lo), pct4_text(k->ar, hi));
	}
	f.message = afmt(k->ar, _("%s: %s %s from %s (%s) to %s%s"), c->subject ? c->subject : "?",
			 said > 0 ? _("a rise") : _("a fall"), f.stated, fig_text(k->ar, base),
			 c->base ? c->base : _("the base"), fig_text(k->ar, cur),
			 truncated ? _(" (cut off rather than rounded)") : "");
	add_finding(k, &f);
}

/* The words of a change that cannot hold: a template left in, a reason
 * with nothing in it, two directions, a percent without %, 持平 with a
 * change. */
static void change_words(checker *k, size_t i)
{
	const yoy_claim *c = &k->doc->claims[i];
	const char *subject = c->subject ? c->subject : "?";
	if (c->flags & YOY_CLAIM_EMPTY_REASON)
		flag(k, i, "change.empty-reason", YOY_SEV_WARNING,
		     afmt(k->ar, _("%s: the change is given a reason with nothing in it"), subject));
	if (c->flags & YOY_CLAIM_DIR_CONFLICT)
		flag(k, i, "change.direction-conflict", YOY_SEV_ERROR,
		     afmt(k->ar, _("%s: the amount and the percent of the change go opposite ways"),
			  subject));
	if (c->flags & YOY_CLAIM_PERCENT_NO_SIGN)
		flag(k, i, "change.percent-no-sign", YOY_SEV_WARNING,
		     afmt(k->ar, _("%s: a percent printed without %%"), subject));
	/* a budget compares with an earlier year: "比2023年增加" in the 2023
	 * budget is a slip (a 决算 compares with its own year's 年初预算) */
	bool budget = k->doc->kind && strstr(k->doc->kind, "budget");
	if (budget && c->base_year && k->doc->year && c->base_year >= k->doc->year &&
	    c->base && strstr(c->base, "年") && (c->base[0] >= '0' && c->base[0] <= '9'))
		flag(k, i, "change.base-year", YOY_SEV_WARNING,
		     afmt(k->ar, _("%s: compared with %d, the disclosure's own year or a later one"),
			  subject, c->base_year));
	if (c->direction == YOY_DIR_FLAT && c->delta.present && c->delta.fen != 0)
		flag(k, i, "change.flat-nonzero", YOY_SEV_ERROR,
		     afmt(k->ar, _("%s: called unchanged (%s) with a change of %s"), subject,
			  c->direction_word ? c->direction_word : "持平",
			  fig_text(k->ar, fig_of(&c->delta))));
}

/* A stated base: base + change must give the current.  Returns the base
 * the percent is then measured on (the stated one). */
static figure change_arithmetic(checker *k, size_t i, figure cur, figure delta, figure base)
{
	const yoy_claim *c = &k->doc->claims[i];
	figure stated_base = fig_of(&c->base_value);
	yoy_finding f = claim_finding(k, i, "change.arithmetic");
	f.verdict = judge_sum(stated_base, base);
	f.severity = severity_of(f.verdict, YOY_SEV_ERROR);
	f.stated = fig_text(k->ar, stated_base);
	f.computed = fig_text(k->ar, base);
	f.envelope = afmt(k->ar, "±%s", fen_text(k->ar, stated_base.half + base.half, base));
	f.message = afmt(k->ar, _("%s: the base stated (%s) against the current %s %s %s"),
			 c->subject ? c->subject : "?", c->base ? c->base : "?",
			 fig_text(k->ar, cur), c->direction == YOY_DIR_DECREASE ? "+" : "-",
			 fig_text(k->ar, delta));
	add_finding(k, &f);
	return stated_base;
}

/* "增长16倍": delta / base = 16, i.e. delta / (100 base) = 16%. */
static void change_times(checker *k, size_t i, yoy_finding *f, figure delta, figure base,
			 const char *pct)
{
	const yoy_claim *c = &k->doc->claims[i];
	int64_t lo, hi, point;
	figure b100 = base;
	if (__builtin_mul_overflow(b100.fen, 100, &b100.fen) ||
	    __builtin_mul_overflow(b100.half, 100, &b100.half))
		return; /* a base beyond any budget (found by fuzz_claims): nothing to check */
	f->stated = afmt(k->ar, "%s倍", pct);
	f->verdict = judge_percent(&c->percent, delta, b100, &lo, &hi, &point);
	f->severity = severity_of(f->verdict, YOY_SEV_ERROR);
	f->computed = afmt(k->ar, "%s", pct4_text(k->ar, point));
	f->computed = afmt(k->ar, "%.*s倍", (int)strlen(f->computed) - 1, f->computed);
	f->message = afmt(k->ar, _("%s: a rise of %s times %s, recomputed as %s / %s"),
			  c->subject ? c->subject : "?", pct, c->base ? c->base : _("the base"),
			  fig_text(k->ar, delta), fig_text(k->ar, base));
	add_finding(k, f);
}

/* "按与上年统计口径一致相比，本年比上年减少…，下降…%": measured on last
 * year's scope, so against the base the plain change of the same figure
 * implies (current - its change).  True, with *base and the percent's
 * interval replaced, when one makes the percent hold. */
static bool comparable_base(checker *k, size_t i, figure delta, figure *base, yoy_verdict *v,
			    int64_t *lo, int64_t *hi, int64_t *point)
{
	const yoy_claim *c = &k->doc->claims[i];
	for (size_t j = 0; j < k->doc->nclaims; j++) {
		const yoy_claim *o = &k->doc->claims[j];
		if (j == i || o->kind != YOY_CLAIM_CHANGE || !o->metric || !c->metric ||
		    strcmp(o->metric, c->metric) != 0 || o->basis == YOY_BASIS_COMPARABLE ||
		    o->basis == YOY_BASIS_EXECUTION || !o->delta.present || !o->current.present ||
		    (o->direction != YOY_DIR_INCREASE && o->direction != YOY_DIR_DECREASE))
			continue;
		figure od = fig_of(&o->delta);
		figure ob = fig_sum(fig_of(&o->current),
				    o->direction == YOY_DIR_DECREASE ? od : fig_neg(od));
		int64_t l2, h2, p2;
		yoy_verdict v2 = judge_percent(&c->percent, delta, ob, &l2, &h2, &p2);
		if (v2 == YOY_VERDICT_EXACT || v2 == YOY_VERDICT_ROUNDING) {
			*v = v2;
			*base = ob;
			*lo = l2, *hi = h2, *point = p2;
			return true;
		}
	}
	return false;
}

/* Totals last year's disclosure publishes, which a department sometimes
 * measures a change against instead of the base the change implies. */
static const struct {
	const char *metric, *label;
} prior_totals[] = {
	{ "summary/income.total/total", "收入总计" },
	{ "summary/expenditure.total/total", "支出总计" },
	{ "summary/income.current_total/total", "本年收入合计" },
	{ "fiscal_summary/income.total/total", "财政拨款收入总计" },
	{ "fiscal_summary/expenditure.total/total", "财政拨款支出总计" },
	{ "summary/income.general_budget/total", "一般公共预算收入" },
	{ "summary/income.fiscal/total", "财政拨款收入" },
	{ "general_expenditure/total/total", "一般公共预算支出合计" },
	{ "expenditure/total/total", "支出合计" },
	{ "income/total/total", "收入合计" },
	{ "expenditure/total/basic", "基本支出" },
	{ "expenditure/total/project", "项目支出" },
};

/* Before a percent is called wrong: does it hold against a figure last
 * year's disclosure published -- the line itself as printed there, or one
 * of its totals?  *label and *base get the first that does. */
static yoy_verdict prior_base(checker *k, const yoy_claim *c, figure delta, figure *base,
			      const char **label, int64_t *lo, int64_t *hi, int64_t *point)
{
	const yoy_doc *prior = k->o->prior;
	if (!prior)
		return YOY_VERDICT_MISMATCH;
	size_t n = sizeof prior_totals / sizeof *prior_totals;
	for (size_t t = 0; t <= n; t++) {
		const char *m = t == 0 ? c->metric : prior_totals[t - 1].metric;
		cell_ref r = metric_cell(prior, m);
		if (!m || !r.found || !r.value.present || r.is_count)
			continue;
		int64_t l, h, p;
		yoy_verdict v = judge_percent(&c->percent, delta, r.value, &l, &h, &p);
		if (v != YOY_VERDICT_EXACT && v != YOY_VERDICT_ROUNDING)
			continue;
		*base = r.value;
		*label = afmt(k->ar, "%d年%s", prior->year,
			      t == 0 ? (c->subject ? c->subject : "?") : prior_totals[t - 1].label);
		*lo = l, *hi = h, *point = p;
		return v;
	}
	return YOY_VERDICT_MISMATCH;
}

/* A stated percent against the change and the base: from a base of zero
 * a warning; as a multiple (倍); else recomputed, on the comparable base
 * when the text says 口径. */
static void change_percent(checker *k, size_t i, figure delta, figure base)
{
	const yoy_claim *c = &k->doc->claims[i];
	yoy_finding f = claim_finding(k, i, "change.percent");
	char pct[32];
	yoy_decimal_format(pct, sizeof pct, &c->percent);
	f.stated = afmt(k->ar, "%s%%", pct);
	if (base.fen - base.half <= 0) {
		/* "增长100%" for a new line is a habit, not a wrong figure */
		f.rule = "change.zero-base";
		f.verdict = YOY_VERDICT_MISMATCH;
		f.severity = YOY_SEV_WARNING;
		f.computed = fig_text(k->ar, base);
		f.message = afmt(k->ar, _("%s: a change of %s%% from a base of %s"),
				 c->subject ? c->subject : "?", pct, fig_text(k->ar, base));
		add_finding(k, &f);
		return;
	}
	if (c->flags & YOY_CLAIM_TIMES) {
		change_times(k, i, &f, delta, base, pct);
		return;
	}
	int64_t lo, hi, point;
	f.verdict = judge_percent(&c->percent, delta, base, &lo, &hi, &point);
	if (f.verdict == YOY_VERDICT_MISMATCH && c->basis == YOY_BASIS_COMPARABLE)
		comparable_base(k, i, delta, &base, &f.verdict, &lo, &hi, &point);
	figure implied = base;
	const char *held = NULL;
	if (f.verdict == YOY_VERDICT_MISMATCH) {
		yoy_verdict v = prior_base(k, c, delta, &base, &held, &lo, &hi, &point);
		if (held)
			f.verdict = v;
	}
	bool truncated = f.verdict == YOY_VERDICT_MISMATCH && truncates(&c->percent, point);
	if (truncated)
		f.verdict = YOY_VERDICT_TRUNCATED;
	f.severity = held ? YOY_SEV_INFO : severity_of(f.verdict, YOY_SEV_ERROR);
	f.computed = pct4_text(k->ar, point);
	if (held) {
		f.held_against = afmt(k->ar, "%s %s", held, fig_text(k->ar, base));
		f.envelope = afmt(k->ar, "%s – %s", pct4_text(k->ar, lo), pct4_text(k->ar, hi));
		f.message = afmt(k->ar, _("%s: %s %s holds against %s %s, not against the base the "
					"change implies (%s)"),
				 c->subject ? c->subject : "?",
				 c->direction == YOY_DIR_DECREASE ? _("a fall") : _("a rise"), f.stated, held,
				 fig_text(k->ar, base), fig_text(k->ar, implied));
		add_finding(k, &f);
		return;
	}
	f.envelope = afmt(k->ar, "%s – %s", pct4_text(k->ar, lo), pct4_text(k->ar, hi));
	f.message = afmt(k->ar, _("%s: %s %s of %s, recomputed as %s / %s%s"),
			 c->subject ? c->subject : "?",
			 c->direction == YOY_DIR_DECREASE ? _("a fall") : _("a rise"), f.stated,
			 c->base ? c->base : _("the base"), fig_text(k->ar, delta),
			 fig_text(k->ar, base), truncated ? _(" (cut off rather than rounded)") : "");
	add_finding(k, &f);
}

/* The arithmetic of a stated change: its percent against its own delta and
 * the base they imply; and the words that cannot hold. */
static void change_claim(checker *k, size_t i, const cell_ref *cell)
{
	const yoy_claim *c = &k->doc->claims[i];
	change_words(k, i);
	if (c->direction != YOY_DIR_INCREASE && c->direction != YOY_DIR_DECREASE)
		return;
	if (!c->delta.present) {
		/* "执行数为132.59万元，2023年预算安排441.25万元，比…增加60.54%":
		 * the change is the difference of the two figures stated */
		if (c->base_value.present && c->current.present && c->percent.present)
			stated_pair(k, i);
		return;
	}
	/* the current figure: stated, else the table's */
	figure cur;
	if (c->current.present)
		cur = fig_of(&c->current);
	else if (cell->found && cell->value.present)
		cur = cell->value;
	else
		return;
	figure delta = fig_of(&c->delta);
	figure signed_delta = c->direction == YOY_DIR_DECREASE ? fig_neg(delta) : delta;
	figure base = fig_sum(cur, fig_neg(signed_delta)); /* current - change */
	base.unit = delta.unit ? delta.unit : cur.unit;
	base.decimals = delta.decimals > cur.decimals ? delta.decimals : cur.decimals;
	if (c->base_value.present)
		base = change_arithmetic(k, i, cur, delta, base);
	if (c->percent.present)
		change_percent(k, i, delta, base);
}

/* The current figure of a change: stated, else its cell. */
static bool current_of(const yoy_doc *doc, const yoy_claim *c, figure *out)
{
	if (c->current.present) {
		*out = fig_of(&c->current);
		return true;
	}
	cell_ref r = metric_cell(doc, c->metric);
	*out = r.value;
	return r.found && r.value.present;
}

/* One change stated twice ("财政拨款收、支总预算…增加1808.29万元" and
 * "财政拨款预算支出…增加1808.29万元", one cell): the two must agree. */
static void consistent_changes(checker *k)
{
	const yoy_doc *d = k->doc;
	for (size_t i = 0; i < d->nclaims; i++) {
		const yoy_claim *a = &d->claims[i];
		figure ca;
		if (a->kind != YOY_CLAIM_CHANGE || !a->delta.present || !a->metric ||
		    (a->direction != YOY_DIR_INCREASE && a->direction != YOY_DIR_DECREASE) ||
		    !current_of(d, a, &ca))
			continue;
		for (size_t j = i + 1; j < d->nclaims; j++) {
			const yoy_claim *b = &d->claims[j];
			figure cb;
			if (b->kind != YOY_CLAIM_CHANGE || !b->delta.present || !b->metric ||
			    (b->direction != YOY_DIR_INCREASE && b->direction != YOY_DIR_DECREASE) ||
			    b->basis != a->basis || b->base_year != a->base_year ||
			    !current_of(d, b, &cb) || judge_equal(ca, cb) != YOY_VERDICT_EXACT)
				continue;
			/* the same table cell: two cells printing one amount this
			 * year (收支总计 and 一般公共预算) may have had different
			 * amounts last year, so their changes may differ */
			if (strcmp(a->metric, b->metric) != 0)
				continue;
			figure da = fig_of(&a->delta), db = fig_of(&b->delta);
			if (a->direction == YOY_DIR_DECREASE)
				da = fig_neg(da);
			if (b->direction == YOY_DIR_DECREASE)
				db = fig_neg(db);
			yoy_verdict v = judge_equal(da, db);
			bool pct_differs = false;
			if (a->percent.present && b->percent.present &&
			    a->percent.decimals == b->percent.decimals &&
			    !(a->flags & YOY_CLAIM_TIMES) && !(b->flags & YOY_CLAIM_TIMES))
				pct_differs = a->percent.scaled != b->percent.scaled;
			if (v != YOY_VERDICT_MISMATCH && !pct_differs)
				continue;
			yoy_finding f = claim_finding(k, j, "claim.consistent");
			f.verdict = YOY_VERDICT_MISMATCH;
			f.severity = YOY_SEV_ERROR;
			char pa[32] = "", pb[32] = "";
			yoy_decimal_format(pa, sizeof pa, &a->percent);
			yoy_decimal_format(pb, sizeof pb, &b->percent);
			f.stated = afmt(k->ar, "%s%s%s%s", fig_text(k->ar, db), *pb ? ", " : "", pb,
					*pb ? "%" : "");
			f.computed = afmt(k->ar, "%s%s%s%s", fig_text(k->ar, da), *pa ? ", " : "", pa,
					  *pa ? "%" : "");
			f.message = afmt(k->ar, _("%s: the change of %s is stated differently at %s "
						"(%s)"), b->subject ? b->subject : "?", fig_text(k->ar, cb),
					 place_text(k->ar, a->at), a->subject ? a->subject : "?");
			add_finding(k, &f);
		}
	}
}

static const char *const template_words[] = {
	"增加（减少）", "增加(减少)", "增长（下降）", "增长(下降)", "增加/减少",
	"增加（下降）", "增长（减少）", "上升（下降）",
};

/* The template word a claim keeps, in its direction or its reason, or
 * NULL. */
static const char *template_word(const yoy_claim *c)
{
	if (c->direction == YOY_DIR_TEMPLATE)
		return c->direction_word ? c->direction_word : "增加（减少）";
	for (size_t w = 0; w < sizeof template_words / sizeof *template_words; w++)
		if ((c->reason && strstr(c->reason, template_words[w])) ||
		    (c->text && strstr(c->text, template_words[w])))
			return template_words[w];
	return NULL;
}

/* A template not filled in ("增加（减少）0万元，增长（下降）0%", or its
 * words left in a reason): one warning for the document, at the first
 * place, listing the others -- a drafting slip, not a wrong figure. */
static void template_left(checker *k)
{
	yoy_finding f = { 0 };
	yoy_loc *also = NULL;
	size_t n = 0, cap = 0;
	const char *word = NULL;
	for (size_t i = 0; i < k->doc->nclaims; i++) {
		const yoy_claim *c = &k->doc->claims[i];
		const char *w = template_word(c);
		if (!w)
			continue;
		if (!word) {
			word = w;
			f = claim_finding(k, i, "change.template");
			continue;
		}
		bool seen = f.at.line == c->at.line && f.at.page == c->at.page;
		for (size_t j = 0; j < n && !seen; j++)
			seen = also[j].line == c->at.line && also[j].page == c->at.page;
		if (!seen && !VEC_PUSH(also, n, cap, c->at))
			k->oom = true;
	}
	if (word) {
		f.verdict = YOY_VERDICT_MISMATCH;
		f.severity = YOY_SEV_WARNING;
		f.stated = word;
		f.also = also;
		f.nalso = n;
		f.message = afmt(k->ar, _("the template word \"%s\" was left in the text%s"), word,
				 n ? afmt(k->ar, _(", here and at %zu more places"), n) : "");
		f.subject = NULL;
		add_finding(k, &f);
	}
	free(also);
}

/* A part listed after the whole in the same sentence: procurement's
 * goods, works and services under its total; vehicles by use (…用车N辆)
 * under 车辆N辆. */
static bool part_of(const yoy_claim *whole, const yoy_claim *c)
{
	if (c == whole || !c->text || !whole->text || strcmp(c->text, whole->text) != 0 ||
	    c->kind != whole->kind || !c->subject)
		return false;
	if (whole->kind == YOY_CLAIM_COUNT)
		return c->count_unit && whole->count_unit &&
		       strcmp(c->count_unit, whole->count_unit) == 0 &&
		       strcmp(whole->count_unit, "辆") == 0 && str_ends(c->subject, "用车");
	return c->metric && (strcmp(c->metric, "procurement/goods/total") == 0 ||
			     strcmp(c->metric, "procurement/works/total") == 0 ||
			     strcmp(c->metric, "procurement/services/total") == 0);
}

static bool whole_of_parts(const yoy_claim *c)
{
	if (c->kind == YOY_CLAIM_COUNT)
		return c->count_unit && strcmp(c->count_unit, "辆") == 0 && c->subject &&
		       str_ends(c->subject, "车辆") && c->text && strstr(c->text, "其中");
	return c->kind == YOY_CLAIM_FIGURE && c->current.present && c->metric &&
	       strcmp(c->metric, "procurement/total/total") == 0;
}

/* The parts a sentence lists add up to the whole it names first
 * ("政府采购预算38.20万元，其中：货物7.80万元、工程0万元、服务30.40万元";
 * "共有车辆N辆，其中：…用车a辆、…用车b辆"). */
static void stated_parts(checker *k)
{
	for (size_t i = 0; i < k->doc->nclaims; i++) {
		const yoy_claim *w = &k->doc->claims[i];
		if (!whole_of_parts(w))
			continue;
		figure sum = { 0, 0, w->current.unit, w->current.decimals, false, false };
		int64_t count = 0;
		size_t n = 0;
		bool overflow = false; /* "用车100000000000000000000辆": no sum to check */
		for (size_t j = i + 1; j < k->doc->nclaims; j++) {
			const yoy_claim *c = &k->doc->claims[j];
			if (!part_of(w, c))
				continue;
			if (c->kind == YOY_CLAIM_COUNT)
				overflow |= __builtin_add_overflow(count, c->count, &count);
			else
				sum = fig_sum(sum, fig_of(&c->current));
			n++;
		}
		if (n < 2 || overflow)
			continue;
		yoy_finding f = claim_finding(k, i, "claim.parts");
		if (w->kind == YOY_CLAIM_COUNT) {
			f.verdict = count == w->count ? YOY_VERDICT_EXACT : YOY_VERDICT_MISMATCH;
			f.stated = afmt(k->ar, "%lld%s", (long long)w->count, w->count_unit);
			f.computed = afmt(k->ar, "%lld%s", (long long)count, w->count_unit);
		} else {
			figure whole = fig_of(&w->current);
			f.verdict = judge_sum(whole, sum);
			f.stated = fig_text(k->ar, whole);
			f.computed = fig_text(k->ar, sum);
			if (f.verdict != YOY_VERDICT_EXACT)
				f.envelope = afmt(k->ar, "±%s", fen_text(k->ar, whole.half + sum.half, whole));
		}
		f.severity = severity_of(f.verdict, YOY_SEV_ERROR);
		f.message = afmt(k->ar, _("%s: the whole against the sum of the %zu parts the sentence "
					  "lists"), w->subject ? w->subject : "?", n);
		add_finding(k, &f);
	}
}

/* ---- a 决算's execution statements ------------------------------------- */

/* The cell of metric in the published budget: its own table, else the
 * same code in another table of that budget (a 决算's 一般公共预算财政拨款
 * 支出 is the budget's 一般公共预算支出 or 财政拨款支出). */
static cell_ref budget_cell(const yoy_doc *budget, const char *metric)
{
	cell_ref r = metric_cell(budget, metric);
	const char *row = metric ? strchr(metric, '/') : NULL;
	if (r.found || !row || !str_starts(row, "/code:"))
		return r; /* a total is its own table's, a code any table's */
	static const char *const tables[] = { "general_expenditure", "fiscal_expenditure",
					      "expenditure" };
	for (size_t i = 0; i < sizeof tables / sizeof *tables && !r.found; i++) {
		char m[256];
		snprintf(m, sizeof m, "%s%s", tables[i], row);
		r = metric_cell(budget, m);
	}
	return r;
}

/* "年初预算为A万元，支出决算为B万元，完成年初预算的P%": B against the
 * table (figure_claim), P against B / A, what the text says of B against
 * A, and A against the budget the department published for the year. */
static void execution_claim(checker *k, size_t i, const cell_ref *cell)
{
	const yoy_claim *c = &k->doc->claims[i];
	figure fin = fig_of(&c->current), bud = fig_of(&c->base_value);
	if (!c->current.present)
		return;
	if (!c->base_value.present && cell->found) {
		/* no budget stated: the table's 年初预算数 column, if printed */
		int bc = yoy_table_column(cell->table, "budget");
		if (bc >= 0 && cell->row->values[bc].present)
			bud = fig_of(&cell->row->values[bc]);
	}
	const char *subject = c->subject ? c->subject : "?";
	if (c->percent.present && bud.present) {
		yoy_finding f = claim_finding(k, i, "claim.execution-rate");
		char pct[32];
		yoy_decimal_format(pct, sizeof pct, &c->percent);
		f.stated = afmt(k->ar, "%s%%", pct);
		int64_t lo, hi, point;
		f.verdict = judge_percent(&c->percent, fin, bud, &lo, &hi, &point);
		if (f.verdict == YOY_VERDICT_MISMATCH && truncates(&c->percent, point))
			f.verdict = YOY_VERDICT_TRUNCATED;
		f.severity = severity_of(f.verdict, YOY_SEV_ERROR);
		if (f.verdict == YOY_VERDICT_UNVERIFIABLE) {
			f.message = afmt(k->ar, _("%s: 完成预算的%s, of a budget of %s"), subject,
					 f.stated, fig_text(k->ar, bud));
		} else {
			f.computed = pct4_text(k->ar, point);
			f.envelope = afmt(k->ar, "%s – %s", pct4_text(k->ar, lo), pct4_text(k->ar, hi));
			f.message = afmt(k->ar, _("%s: 完成预算的%s, recomputed as %s / %s"), subject,
					 f.stated, fig_text(k->ar, fin), fig_text(k->ar, bud));
		}
		add_finding(k, &f);
	}
	if ((c->direction == YOY_DIR_INCREASE || c->direction == YOY_DIR_DECREASE) &&
	    bud.present) {
		/* "决算数小于预算数": the figures must say so too */
		figure diff = fig_sum(fin, fig_neg(bud));
		bool more = diff.fen - diff.half > 0, less = diff.fen + diff.half < 0;
		bool holds = c->direction == YOY_DIR_INCREASE ? more : less;
		yoy_finding f = claim_finding(k, i, "claim.execution-direction");
		f.verdict = holds ? YOY_VERDICT_EXACT : YOY_VERDICT_MISMATCH;
		f.severity = severity_of(f.verdict, YOY_SEV_ERROR);
		f.stated = c->direction == YOY_DIR_INCREASE ? _("决算数大于预算数")
							     : _("决算数小于预算数");
		f.computed = afmt(k->ar, "%s − %s", fig_text(k->ar, fin), fig_text(k->ar, bud));
		f.message = afmt(k->ar, _("%s: the text says %s; the figures are %s and %s"),
				 subject, f.stated, fig_text(k->ar, fin), fig_text(k->ar, bud));
		add_finding(k, &f);
	}
	if (!c->base_value.present || !k->o->budget || !c->metric)
		return;
	cell_ref b = budget_cell(k->o->budget, c->metric);
	yoy_finding f = claim_finding(k, i, "final.budget");
	f.stated = fig_text(k->ar, bud);
	if (!b.found || !b.value.present) {
		f.verdict = YOY_VERDICT_UNVERIFIABLE;
		f.severity = YOY_SEV_INFO;
		f.message = afmt(k->ar, _("%s: 年初预算 %s; the %d budget prints no %s"), subject,
				 f.stated, k->o->budget->year, c->metric);
		add_finding(k, &f);
		return;
	}
	f.verdict = judge_equal(b.value, bud);
	f.severity = severity_of(f.verdict, YOY_SEV_ERROR);
	f.computed = b.value.unit == bud.unit ? fig_text(k->ar, b.value)
					      : fen_text(k->ar, b.value.fen, bud);
	if (f.verdict != YOY_VERDICT_EXACT)
		f.envelope = afmt(k->ar, "±%s", fen_text(k->ar, bud.half + b.value.half, bud));
	f.message = afmt(k->ar, _("%s: the 年初预算 the 决算 states against the %d budget as "
				 "published (%s)"),
			 subject, k->o->budget->year, cell_label(k->ar, &b, c->metric));
	f.prior_file = source_of(k->o->budget, b.row ? b.row->at : b.table->at);
	f.prior_at = b.row ? b.row->at : b.table->at;
	add_finding(k, &f);
}

void check_claims(checker *k)
{
	for (size_t i = 0; i < k->doc->nclaims; i++) {
		const yoy_claim *c = &k->doc->claims[i];
		cell_ref cell = metric_cell(k->doc, c->metric);
		figure_claim(k, i, &cell);
		if (c->flags & YOY_CLAIM_NAME_DIFFERS)
			flag(k, i, "claim.name", YOY_SEV_WARNING,
			     afmt(k->ar, _("%s: the class names are not the table's for %s"),
				  c->subject ? c->subject : "?",
				  cell_label(k->ar, &cell, c->metric)));
		if (c->flags & YOY_CLAIM_NAME_NEAR)
			flag(k, i, "claim.name", YOY_SEV_INFO,
			     afmt(k->ar, _("%s: read as the table's line %s, which it names "
					   "another way"),
				  c->subject ? c->subject : "?",
				  cell_label(k->ar, &cell, c->metric)));
		if (c->kind == YOY_CLAIM_SHARE)
			share_claim(k, i, &cell);
		if (c->kind == YOY_CLAIM_CHANGE)
			change_claim(k, i, &cell);
		if (c->kind == YOY_CLAIM_EXECUTION)
			execution_claim(k, i, &cell);
	}
	consistent_changes(k);
	stated_parts(k);
	template_left(k);
}
