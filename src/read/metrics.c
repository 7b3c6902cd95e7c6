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

/* The words of a name without what prints it one way or another: the
 * particle 的 and a closing 支出, 经费, 缴费 or 费 ("未归口管理行政单位离退休费"
 * is the row 未归口管理的行政单位离退休, "基本养老保险费" 基本养老保险缴费支出). */
static void bare_name(sbuf *out, const char *s, size_t n)
{
	sbuf_reset(out);
	for (size_t i = 0; i < n;) {
		if (i + 3 <= n && memcmp(s + i, "的", 3) == 0) {
			i += 3;
			continue;
		}
		sbuf_putc(out, s[i++]);
	}
	static const char *const tails[] = { "支出", "经费", "缴费", "费" };
	for (size_t t = 0; t < sizeof tails / sizeof *tails; t++)
		if (out->len > strlen(tails[t]) && str_ends(sbuf_cstr(out), tails[t])) {
			out->len -= strlen(tails[t]);
			out->data[out->len] = '\0';
		}
}

/* The same characters in another order, at least four of them: a name
 * printed with two words swapped ("一般行政事务管理" for 一般行政管理事务). */
static bool same_characters(const char *a, const char *b)
{
	size_t n = strlen(a);
	if (n != strlen(b) || n < 12)
		return false;
	uint32_t ca[64], cb[64];
	size_t na = 0, nb = 0, adv;
	for (size_t i = 0; i < n && na < 64; i += adv)
		ca[na++] = utf8_decode(a + i, n - i, &adv);
	for (size_t i = 0; i < n && nb < 64; i += adv)
		cb[nb++] = utf8_decode(b + i, n - i, &adv);
	if (na != nb || na == 64)
		return false;
	for (size_t i = 0; i < na; i++) {
		size_t in_a = 0, in_b = 0;
		for (size_t j = 0; j < na; j++) {
			in_a += ca[j] == ca[i];
			in_b += cb[j] == ca[i];
		}
		if (in_a != in_b)
			return false;
	}
	return true;
}

/* A name the text prints another way than the table: the same words but
 * for 的 and a closing 费/经费/支出, or the same characters swapped. */
static bool name_near(const char *row_name, const char *want, size_t wn)
{
	if (!row_name)
		return false;
	sbuf a, b, sq;
	sbuf_init(&a);
	sbuf_init(&b);
	sbuf_init(&sq);
	squeeze_subject(&sq, row_name);
	bare_name(&a, sq.data ? sbuf_cstr(&sq) : "", sq.len);
	bare_name(&b, want, wn);
	bool near = a.len && b.len &&
		    (strcmp(sbuf_cstr(&a), sbuf_cstr(&b)) == 0 ||
		     same_characters(sbuf_cstr(&a), sbuf_cstr(&b)));
	sbuf_free(&a);
	sbuf_free(&b);
	sbuf_free(&sq);
	return near;
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
typedef enum match_mode {
	MATCH_CHAIN, /* every name of the chain is the table's */
	MATCH_LEAF,  /* the last name is, the classes above it may not be */
	MATCH_NEAR,  /* the last name is near one line's (name_near) */
} match_mode;

static bool resolve_code_pass(const yoy_doc *doc, const char *subject, sbuf *out,
			      match_mode mode);

/* Strictly first; else by the last name alone, when it names one line:
 * the text may print a class or 款 name another way; else by a name near
 * one line's, when only one is (chain_name_flags says so of both). */
static bool resolve_code(const yoy_doc *doc, const char *subject, sbuf *out)
{
	return resolve_code_pass(doc, subject, out, MATCH_CHAIN) ||
	       resolve_code_pass(doc, subject, out, MATCH_LEAF) ||
	       resolve_code_pass(doc, subject, out, MATCH_NEAR);
}

unsigned chain_name_flags(const yoy_doc *doc, const char *subject, const char *metric)
{
	const char *m = metric ? strstr(metric, "/code:") : NULL;
	chain_part parts[3];
	size_t np = subject ? split_chain(subject, parts, 3) : 0;
	if (!m || !np)
		return 0;
	char table[64], code[16];
	if (sscanf(metric, "%63[^/]", table) != 1 || sscanf(m, "/code:%15[0-9]", code) != 1)
		return 0;
	const yoy_table *t = yoy_doc_table(doc, yoy_table_kind_parse(table));
	unsigned flags = 0;
	for (size_t a = 0; t && a < np; a++) {
		size_t plen = parts[a].level == 1 ? 3 : parts[a].level == 2 ? 5 : 7;
		if (strlen(code) < plen)
			continue;
		char prefix[16];
		memcpy(prefix, code, plen);
		prefix[plen] = '\0';
		const yoy_row *row = yoy_table_row_by_code(t, prefix);
		if (!row || name_is(row->name, parts[a].s, parts[a].n))
			continue;
		/* the line it names is printed another way; a class above it
		 * named otherwise is a different class */
		flags |= a + 1 == np ? YOY_CLAIM_NAME_NEAR : YOY_CLAIM_NAME_DIFFERS;
	}
	return flags;
}

static bool resolve_code_pass(const yoy_doc *doc, const char *subject, sbuf *out,
			      match_mode mode)
{
	chain_part parts[3];
	size_t np = split_chain(subject, parts, 3);
	bool ancestors = mode != MATCH_LEAF;
	if ((mode == MATCH_LEAF && np < 2) || (mode == MATCH_NEAR && !np))
		return false;
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
				    !(mode == MATCH_NEAR ? name_near(row->name, leaf->s, leaf->n)
							 : name_is(row->name, leaf->s, leaf->n)))
					continue;
				/* ancestors named in the chain must match */
				bool ok = true;
				for (size_t a = 0; ancestors && a + 1 < np && ok; a++) {
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

/* The fixed lines: "三公" and its items, 会议费, 培训费, 机关运行经费,
 * 政府采购 and its categories, 人员/公用经费, 单位预留机动经费.  *known
 * is set when the subject is one that has no table cell. */
static const char *metric_fixed_line(const char *s, bool *known)
{
	static const struct {
		const char *word, *metric;
	} lines[] = {
		{ "三公", "three_public/total/total" },
		{ "因公出国", "three_public/overseas/total" },
		{ "公务接待", "three_public/reception/total" },
		{ "公务用车购置及运行", "three_public/vehicles/total" },
		{ "公务用车购置和运行", "three_public/vehicles/total" },
		{ "公务用车购置", "three_public/vehicle_purchase/total" },
		{ "公务用车运行", "three_public/vehicle_operation/total" },
		{ "会议费", "three_public/meetings/total" },
		{ "培训费", "three_public/training/total" },
		{ "机关运行经费", "operating_costs/total/total" },
	};
	*known = false;
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
		if (has(s, lines[i].word))
			return lines[i].metric;
	if (has(s, "中小企业") || has(s, "小型和微型") || (has(s, "预留") && has(s, "采购"))) {
		*known = true; /* shares of procurement set aside: no table cell */
		return NULL;
	}
	if (has(s, "政府采购") || str_starts(s, "拟购买") || str_starts(s, "拟采购"))
		return has(s, "货物") ? "procurement/goods/total"
		       : has(s, "工程") ? "procurement/works/total"
		       : has(s, "服务") ? "procurement/services/total"
					: "procurement/total/total";
	if (has(s, "人员经费"))
		return "basic_economic/total/personnel";
	if (has(s, "公用经费"))
		return "basic_economic/total/public";
	if (has(s, "单位预留机动"))
		return "expenditure/total/reserve";
	return NULL;
}

/* A fund named in the subject (一般公共预算, 政府性基金, 国有资本经营, the
 * other sources of income, 财政拨款): the line or table of that fund. */
static const char *metric_fund(const yoy_doc *doc, const char *s)
{
	if (has(s, "一般公共预算")) {
		if (has(s, "基本支出"))
			return "general_expenditure/total/basic";
		if (has(s, "项目支出"))
			return "general_expenditure/total/project";
		if (has(s, "收入"))
			return "summary/income.general_budget/total";
		return "general_expenditure/total/total";
	}
	if (has(s, "政府性基金"))
		return has(s, "收入") ? "summary/income.fund/total" : "fund_expenditure/total/total";
	if (has(s, "国有资本经营"))
		return has(s, "收入") ? "summary/income.state_capital/total"
				      : "state_capital/total/total";
	static const struct {
		const char *word, *metric;
	} sources[] = {
		{ "其他资金", "summary/income.other/total" }, /* "其他资金收入预算总计" */
		{ "财政专户", "summary/income.special_account/total" },
		{ "单位资金", "summary/income.unit_funds/total" },
		{ "事业单位经营收入", "summary/income.operating/total" },
		{ "事业收入", "summary/income.business/total" },
		{ "其他收入", "summary/income.other/total" },
	};
	for (size_t i = 0; i < sizeof sources / sizeof *sources; i++)
		if (has(s, sources[i].word))
			return sources[i].metric;
	if (has(s, "财政拨款")) {
		if (has(s, "基本支出"))
			return yoy_doc_table(doc, YOY_TABLE_FISCAL_BASIC)
				       ? "fiscal_basic/total/total"
				       : "general_expenditure/total/basic";
		if (has(s, "收入") && !has(s, "支出")) {
			if (summary_has(doc, "fiscal", "income"))
				return "summary/income.fiscal/total";
			/* a 决算's 财政拨款收入 is the year's, not the 总计
			 * that adds what it began the year with */
			const yoy_table *f = yoy_doc_table(doc, YOY_TABLE_FISCAL_SUMMARY);
			if (yoy_doc_is_final(doc) && !has(s, "总计") && f &&
			    yoy_table_row_by_key(f, "current_total", "income"))
				return "fiscal_summary/income.current_total/total";
			return "fiscal_summary/income.total/total";
		}
		return "fiscal_summary/expenditure.total/total";
	}
	return NULL;
}

/* The summary's lines and the spending by use, a function class or code
 * named in the subject, else a total of income or spending. */
static const char *metric_summary(const yoy_doc *doc, const char *s, sbuf *out)
{
	static const struct {
		const char *word, *metric;
	} lines[] = {
		{ "上年结转", "summary/income.carryover/total" },
		{ "本年收入", "summary/income.current_total/total" },
		{ "本年预算安排", "summary/expenditure.current_total/total" },
		{ "本年支出", "summary/expenditure.current_total/total" },
		{ "基本支出", "expenditure/total/basic" },
		{ "项目支出", "expenditure/total/project" },
	};
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
		if (has(s, lines[i].word))
			return lines[i].metric;
	if (resolve_code(doc, s, out))
		return sbuf_cstr(out);
	if (has(s, "收入") && (has(s, "总计") || has(s, "合计") || has(s, "预算")))
		return "summary/income.total/total";
	if (has(s, "支出") && (has(s, "总计") || has(s, "合计") || has(s, "预算")))
		return "summary/expenditure.total/total";
	return NULL;
}

/* The metric a subject names, tried in order: counts; a heading's code
 * ("（款）"); the figure a listing is under; "涉及…" after a count; fixed
 * lines; funds; summary lines, codes and totals. */
static const char *metric_of(const yoy_doc *doc, const char *s, yoy_claim_kind kind,
			     const char *context, sbuf *out)
{
	if (kind == YOY_CLAIM_COUNT) {
		if (has(s, "项目") && has(s, "绩效"))
			return "forms/count";
		return has(s, "项目") ? "projects/count" : NULL;
	}
	if (has(s, "（类）") || has(s, "（款）") || has(s, "（项）") || has(s, "(类)") ||
	    has(s, "(款)") || has(s, "(项)"))
		return resolve_code(doc, s, out) ? sbuf_cstr(out) : NULL;
	const char *m = resolve_in_context(s, context);
	if (m)
		return m;
	/* "项目48个，涉及一般公共预算当年拨款9066.5万元": the money of the
	 * projects counted before it */
	if (str_starts(s, "涉及"))
		return has(s, "一般公共预算") ? "general_expenditure/total/project"
					      : "forms/annual_funds";
	bool known;
	if ((m = metric_fixed_line(s, &known)) || known)
		return m;
	if ((m = metric_fund(doc, s)))
		return m;
	return metric_summary(doc, s, out);
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
	sbuf_reset(out);
	const char *m = metric_of(doc, sbuf_cstr(&sq), kind, context ? sbuf_cstr(&cx) : NULL, out);
	if (m && m != sbuf_cstr(out)) {
		sbuf_reset(out);
		sbuf_puts(out, m);
		m = sbuf_cstr(out);
	}
	sbuf_free(&sq);
	sbuf_free(&cx);
	return m;
}
