/* Resolving what a claim speaks about to a table cell.
 *
 * A metric is "TABLE/ROW/COLUMN": the table kind, a row (its key, optionally
 * prefixed by its group, or "code:NNN"), and a column key, e.g.
 *   summary/income.total/total         收入总计
 *   expenditure/total/basic            基本支出
 *   general_expenditure/code:2080101/total
 *   three_public/overseas/total        因公出国（境）费
 *   forms/count                        实行绩效目标管理的项目…个
 * The vocabulary is documented in history/README.md. */
#include <stdio.h>
#include <stdlib.h>

#include "recognize.h"

static bool has(const char *s, const char *w)
{
	return strstr(s, w) != NULL;
}

static void squeeze_subject(sbuf *out, const char *s)
{
	sbuf_reset(out);
	size_t n = strlen(s), i = 0;
	while (i < n) {
		size_t adv;
		uint32_t cp = utf8_decode(s + i, n - i, &adv);
		if (!is_blank_cp(cp) && cp != 0x201C && cp != 0x201D && cp != '"')
			sbuf_put(out, s + i, adv);
		i += adv;
	}
}

static const yoy_table_kind code_tables[] = {
	YOY_TABLE_GENERAL_EXPENDITURE, YOY_TABLE_FISCAL_EXPENDITURE,
	YOY_TABLE_EXPENDITURE, YOY_TABLE_INCOME,
};

static bool name_is(const char *row_name, const char *want, size_t wn)
{
	if (!row_name)
		return false;
	sbuf a;
	sbuf_init(&a);
	squeeze_subject(&a, row_name);
	bool eq = span_eq(want, wn, sbuf_cstr(&a));
	if (!eq && a.len == wn + strlen("支出") && str_ends(sbuf_cstr(&a), "支出") &&
	    memcmp(a.data, want, wn) == 0)
		eq = true; /* "公共安全（类）" names 公共安全支出 */
	sbuf_free(&a);
	return eq;
}

/* A part of "X（类）Y（款）Z（项）". */
typedef struct chain_part {
	const char *s;
	size_t n;
	int level;
} chain_part;

static size_t split_chain(const char *s, chain_part *parts, size_t max)
{
	static const struct {
		const char *mark;
		int level;
	} marks[] = {
		{ "（类）", 1 }, { "(类)", 1 }, { "（款）", 2 }, { "(款)", 2 },
		{ "（项）", 3 }, { "(项)", 3 },
	};
	size_t np = 0;
	const char *p = s;
	while (*p && np < max) {
		const char *best = NULL;
		size_t bl = 0;
		int lvl = 0;
		for (size_t i = 0; i < sizeof marks / sizeof *marks; i++) {
			const char *q = strstr(p, marks[i].mark);
			if (q && (!best || q < best)) {
				best = q;
				bl = strlen(marks[i].mark);
				lvl = marks[i].level;
			}
		}
		if (!best)
			break;
		parts[np].s = p;
		parts[np].n = (size_t)(best - p);
		parts[np].level = lvl;
		np++;
		p = best + bl;
	}
	return np;
}

/* The code named by a 类/款/项 chain or by a row name, in the first table
 * that has it.  Writes "TABLE/code:NNN/total" into out. */
static bool resolve_code(const yoy_doc *doc, const char *subject, sbuf *out)
{
	chain_part parts[3];
	size_t np = split_chain(subject, parts, 3);
	for (size_t k = 0; k < sizeof code_tables / sizeof *code_tables; k++) {
		const yoy_table *t = yoy_doc_table(doc, code_tables[k]);
		if (!t)
			continue;
		const yoy_row *found = NULL;
		int matches = 0;
		for (size_t r = 0; r < t->nrows; r++) {
			const yoy_row *row = &t->rows[r];
			if (!row->code || !yoy_code_level(row->code))
				continue;
			if (np) {
				const chain_part *leaf = &parts[np - 1];
				if (row->level != leaf->level ||
				    !name_is(row->name, leaf->s, leaf->n))
					continue;
				/* ancestors named in the chain must match */
				bool ok = true;
				for (size_t a = 0; a + 1 < np && ok; a++) {
					char prefix[8];
					size_t plen = parts[a].level == 1 ? 3 : 5;
					if (strlen(row->code) <= plen)
						continue;
					memcpy(prefix, row->code, plen);
					prefix[plen] = '\0';
					const yoy_row *anc = yoy_table_row_by_code(t, prefix);
					if (anc && !name_is(anc->name, parts[a].s, parts[a].n))
						ok = false;
				}
				if (!ok)
					continue;
			} else if (!name_is(row->name, subject, strlen(subject))) {
				continue;
			}
			if (!found || strcmp(found->code, row->code) != 0)
				matches++;
			found = row;
		}
		if (matches == 1) {
			sbuf_printf(out, "%s/code:%s/total", yoy_table_kind_name(t->kind),
				    found->code);
			return true;
		}
		if (matches > 1)
			return false; /* ambiguous name */
	}
	return false;
}


static bool summary_has(const yoy_doc *doc, const char *key, const char *group)
{
	const yoy_table *t = yoy_doc_table(doc, YOY_TABLE_SUMMARY);
	return t && yoy_table_row_by_key(t, key, group);
}

/* Figures listed under a total take their side from it: "支出总计…其中：
 * 本年预算安排…，上年结转…" are expenditure columns, "财政拨款收支总预算…
 * 收入为一般公共预算拨款…" are lines of the fiscal summary. */
static const char *resolve_in_context(const char *s, const char *ctx)
{
	if (!ctx)
		return NULL;
	bool fiscal = has(ctx, "财政拨款");
	bool spending = has(ctx, "支出") && !has(ctx, "收入");
	if (fiscal && !has(s, "支出")) {
		if (has(s, "一般公共预算"))
			return "fiscal_summary/income.general_budget/total";
		if (has(s, "政府性基金"))
			return "fiscal_summary/income.fund/total";
		if (has(s, "国有资本经营"))
			return "fiscal_summary/income.state_capital/total";
		if (has(s, "上年结转"))
			return "fiscal_summary/income.carryover/total";
		if (has(s, "当年拨款") || has(s, "本年收入"))
			return "fiscal_summary/income.current_total/total";
	}
	if (spending && !fiscal) {
		if (has(s, "上年结转"))
			return "summary/expenditure.total/carryover";
		if (has(s, "本年预算安排") || has(s, "当年预算安排"))
			return "summary/expenditure.total/current_year";
	}
	return NULL;
}

const char *metric_for_subject(const yoy_doc *doc, const char *subject,
			       yoy_claim_kind kind, const char *context,
			       sbuf *out)
{
	sbuf sq, cx;
	sbuf_init(&sq);
	sbuf_init(&cx);
	squeeze_subject(&sq, subject);
	if (context)
		squeeze_subject(&cx, context);
	const char *s = sbuf_cstr(&sq);
	const char *m = NULL;
	sbuf_reset(out);

	if (kind == YOY_CLAIM_COUNT) {
		if (has(s, "项目") && has(s, "绩效"))
			m = "forms/count";
		else if (has(s, "项目"))
			m = "projects/count";
		goto done;
	}
	if (has(s, "（类）") || has(s, "（款）") || has(s, "（项）") ||
	    has(s, "(类)") || has(s, "(款)") || has(s, "(项)")) {
		if (resolve_code(doc, s, out))
			m = sbuf_cstr(out);
		goto done;
	}
	if ((m = resolve_in_context(s, context ? sbuf_cstr(&cx) : NULL)))
		goto done;
	/* "项目48个，涉及一般公共预算当年拨款9066.5万元": the money of the
	 * projects counted before it */
	if (str_starts(s, "涉及")) {
		m = has(s, "一般公共预算") ? "general_expenditure/total/project"
					   : "forms/annual_funds";
		goto done;
	}
	if (has(s, "三公"))
		m = "three_public/total/total";
	else if (has(s, "因公出国"))
		m = "three_public/overseas/total";
	else if (has(s, "公务接待"))
		m = "three_public/reception/total";
	else if (has(s, "公务用车购置及运行") || has(s, "公务用车购置和运行"))
		m = "three_public/vehicles/total";
	else if (has(s, "公务用车购置"))
		m = "three_public/vehicle_purchase/total";
	else if (has(s, "公务用车运行"))
		m = "three_public/vehicle_operation/total";
	else if (has(s, "会议费"))
		m = "three_public/meetings/total";
	else if (has(s, "培训费"))
		m = "three_public/training/total";
	else if (has(s, "机关运行经费"))
		m = "operating_costs/total/total";
	else if (has(s, "中小企业") || has(s, "小型和微型") ||
		 (has(s, "预留") && has(s, "采购")))
		m = NULL; /* shares of procurement set aside: no table cell */
	else if (has(s, "政府采购") || str_starts(s, "拟购买") || str_starts(s, "拟采购"))
		m = has(s, "货物") ? "procurement/goods/total"
		    : has(s, "工程") ? "procurement/works/total"
		    : has(s, "服务") ? "procurement/services/total"
				     : "procurement/total/total";
	else if (has(s, "人员经费"))
		m = "basic_economic/total/personnel";
	else if (has(s, "公用经费"))
		m = "basic_economic/total/public";
	else if (has(s, "单位预留机动"))
		m = "expenditure/total/reserve";
	else if (has(s, "一般公共预算")) {
		if (has(s, "基本支出"))
			m = "general_expenditure/total/basic";
		else if (has(s, "项目支出"))
			m = "general_expenditure/total/project";
		else if (has(s, "收入"))
			m = "summary/income.general_budget/total";
		else
			m = "general_expenditure/total/total";
	} else if (has(s, "政府性基金"))
		m = has(s, "收入") ? "summary/income.fund/total"
				   : "fund_expenditure/total/total";
	else if (has(s, "国有资本经营"))
		m = has(s, "收入") ? "summary/income.state_capital/total"
				   : "state_capital/total/total";
	else if (has(s, "其他资金"))
		m = "summary/income.other/total"; /* "其他资金收入预算总计" is its own line */
	else if (has(s, "财政专户"))
		m = "summary/income.special_account/total";
	else if (has(s, "单位资金"))
		m = "summary/income.unit_funds/total";
	else if (has(s, "事业单位经营收入"))
		m = "summary/income.operating/total";
	else if (has(s, "事业收入"))
		m = "summary/income.business/total";
	else if (has(s, "其他收入"))
		m = "summary/income.other/total";
	else if (has(s, "财政拨款")) {
		if (has(s, "基本支出"))
			m = yoy_doc_table(doc, YOY_TABLE_FISCAL_BASIC)
				    ? "fiscal_basic/total/total"
				    : "general_expenditure/total/basic";
		else if (has(s, "收入") && !has(s, "支出"))
			m = summary_has(doc, "fiscal", "income")
				    ? "summary/income.fiscal/total"
				    : "fiscal_summary/income.total/total";
		else
			m = "fiscal_summary/expenditure.total/total";
	} else if (has(s, "上年结转"))
		m = "summary/income.carryover/total";
	else if (has(s, "本年收入"))
		m = "summary/income.current_total/total";
	else if (has(s, "本年预算安排") || has(s, "本年支出"))
		m = "summary/expenditure.current_total/total";
	else if (has(s, "基本支出"))
		m = "expenditure/total/basic";
	else if (has(s, "项目支出"))
		m = "expenditure/total/project";
	else if (resolve_code(doc, s, out))
		m = sbuf_cstr(out);
	else if (has(s, "收入") && (has(s, "总计") || has(s, "合计") || has(s, "预算")))
		m = "summary/income.total/total";
	else if (has(s, "支出") && (has(s, "总计") || has(s, "合计") || has(s, "预算")))
		m = "summary/expenditure.total/total";
done:
	if (m && m != sbuf_cstr(out)) {
		sbuf_reset(out);
		sbuf_puts(out, m);
		m = sbuf_cstr(out);
	}
	sbuf_free(&sq);
	sbuf_free(&cx);
	return m;
}
