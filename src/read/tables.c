/* Table recognition: a title names the kind, the header rows name the
 * columns, the rows are read by the roles of their columns (code, name,
 * value).  Nothing depends on line numbers or on a province's layout.
 *
 * table_parse reads a table in steps: the meta lines under the title
 * (unit, department); the body, to the next title or paragraph; a grid of
 * columns from it, by TABs (grid_from_tabs) or by x-position
 * (grid_from_positions: header end, body less repeated headers, column
 * bands, header labels over the bands, rows placed by band, wrapped
 * fragments joined); the columns' keys (build_layout, layout_columns);
 * each grid row as table rows (add_rows: column groups, code and names,
 * key, figures); the note under it.  Calls model and util only. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "recognize.h"

/* ---- titles ------------------------------------------------------------ */

/* Skip a leading ordinal: "一、", "十二、", "1.", "5．", "（一）", "1 ". */
const char *skip_ordinal(const char *s)
{
	/* "公开01表：收支预算总表": a table number, not part of the title */
	if (str_starts(s, "公开")) {
		const char *d = s + strlen("公开");
		size_t n = strspn(d, "0123456789");
		if (n && str_starts(d + n, "表："))
			return d + n + strlen("表：");
		if (n && str_starts(d + n, "表:"))
			return d + n + strlen("表:");
	}
	const char *p = s;
	static const char *const cn[] = { "一", "二", "三", "四", "五", "六",
					  "七", "八", "九", "十" };
	bool any = false;
	for (;;) {
		bool hit = false;
		for (size_t i = 0; i < sizeof cn / sizeof *cn; i++)
			if (str_starts(p, cn[i])) {
				p += strlen(cn[i]);
				hit = any = true;
				break;
			}
		if (!hit)
			break;
	}
	if (any) {
		if (str_starts(p, "、"))
			return p + strlen("、");
		return s;
	}
	while (*p >= '0' && *p <= '9')
		p++;
	if (p != s && p - s <= 2) {
		if (str_starts(p, "、") || str_starts(p, "．"))
			return p + strlen("、");
		if (*p == '.' || *p == ' ') {
			p++;
			while (*p == ' ')
				p++;
			return p;
		}
	}
	return s;
}

/* Copy of s without any whitespace (PDF text has "2018 年度"). */
static void squeeze(sbuf *out, const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		size_t adv;
		uint32_t cp = utf8_decode(s + i, len - i, &adv);
		if (!is_blank_cp(cp))
			sbuf_put(out, s + i, adv);
		i += adv;
	}
}

static yoy_table_kind title_kind_text(const char *text, size_t len)
{
	if (utf8_length(text, len) > 64 || str_starts(text, "注") ||
	    str_has(text, "本表") || str_has(text, "。") || str_has(text, "，"))
		return YOY_TABLE_UNKNOWN;
	/* the title ends with 表, optionally followed by a parenthesis */
	const char *last = NULL, *p = text;
	while ((p = strstr(p, "表")) != NULL) {
		last = p;
		p += strlen("表");
	}
	if (!last)
		return YOY_TABLE_UNKNOWN;
	const char *after = last + strlen("表");
	while (*after == ' ')
		after++;
	if (*after) {
		/* only a parenthesis may follow: "表（本年预算）" */
		const char *close = NULL;
		if (str_starts(after, "（"))
			close = strstr(after, "）");
		else if (*after == '(')
			close = strchr(after, ')');
		if (!close)
			return YOY_TABLE_UNKNOWN;
		close += *close == ')' ? 1 : strlen("）");
		while (*close == ' ')
			close++;
		if (*close)
			return YOY_TABLE_UNKNOWN;
	}
	if (str_has(text, "《"))
		return YOY_TABLE_UNKNOWN; /* a document named in a sentence */

	sbuf t;
	sbuf_init(&t);
	squeeze(&t, text, len);
	const char *s = sbuf_cstr(&t);
	yoy_table_kind k = YOY_TABLE_UNKNOWN;
	bool ends_total = str_has(s, "总表") || str_has(s, "预算表") ||
			  str_has(s, "决算表") || str_has(s, "统计表") || str_has(s, "科目表");
	/* a 决算 prints 收入支出 where a budget prints 收支 */
	bool both = str_has(s, "收支") || str_has(s, "收入支出");
	if (str_has(s, "绩效目标"))
		k = YOY_TABLE_UNKNOWN;
	else if (str_has(s, "项目支出") && str_has(s, "上年结转"))
		k = YOY_TABLE_PROJECTS_CARRYOVER;
	else if (str_has(s, "项目支出") || str_has(s, "项目经费"))
		k = YOY_TABLE_PROJECTS;
	else if (str_has(s, "三公"))
		k = YOY_TABLE_THREE_PUBLIC;
	else if (str_has(s, "机关运行经费"))
		k = YOY_TABLE_OPERATING_COSTS;
	else if (str_has(s, "政府采购"))
		k = YOY_TABLE_PROCUREMENT;
	else if (str_has(s, "国有资本经营"))
		k = YOY_TABLE_STATE_CAPITAL;
	else if (str_has(s, "政府性基金"))
		k = str_has(s, "收入") ? YOY_TABLE_FUND_INCOME
				       : YOY_TABLE_FUND_EXPENDITURE;
	else if (str_has(s, "基本支出"))
		/* a 决算's 一般公共预算财政拨款基本支出 is the general budget's */
		k = str_has(s, "财政拨款") && !str_has(s, "一般公共预算")
			    ? YOY_TABLE_FISCAL_BASIC
			    : YOY_TABLE_BASIC_ECONOMIC;
	else if (str_has(s, "财政拨款") && both)
		k = YOY_TABLE_FISCAL_SUMMARY;
	else if (str_has(s, "财政拨款") && str_has(s, "支出") && !str_has(s, "一般公共预算"))
		k = YOY_TABLE_FISCAL_EXPENDITURE;
	else if (str_has(s, "一般公共预算") && str_has(s, "支出"))
		k = YOY_TABLE_GENERAL_EXPENDITURE;
	else if (both && ends_total)
		k = YOY_TABLE_SUMMARY;
	else if (str_has(s, "收入") && ends_total)
		k = YOY_TABLE_INCOME;
	else if (str_has(s, "支出") && ends_total)
		k = YOY_TABLE_EXPENDITURE;
	sbuf_free(&t);
	return k;
}

/* Where a table title glued to the end of other text starts (text copied
 * out of a viewer or a web page loses the line break before a title):
 * the shortest tail that is a title and starts after a sentence or
 * clause mark or a blank, or with a year ("注：本表无数据2023年政府性基金
 * 预算支出表").  0 when there is none, or when the whole text is a title
 * itself. */
size_t glued_title_start(const char *s, size_t len)
{
	static const char *const marks[] = { "。", "；", "：", "！", "？", "）", "」", " ", "　",
					     ":", ";", ")" };
	size_t best = 0, adv;
	bool after_mark = false, after_digit = false, best_sharp = false;
	/* a title as it is ("XX局2023年部门预算收支总表") is split only where
	 * a number or a mark meets the year ("预算公开表1" + "2023年…") */
	bool whole = title_kind_text(s, len) != YOY_TABLE_UNKNOWN;
	for (size_t i = 0; i < len; i += adv) {
		uint32_t cp = utf8_decode(s + i, len - i, &adv);
		bool year = i + 7 <= len && s[i] == '2' && s[i + 1] == '0' && s[i + 2] >= '0' &&
			    s[i + 2] <= '9' && s[i + 3] >= '0' && s[i + 3] <= '9' &&
			    str_starts(s + i + 4, "年");
		/* "2018 年…": the year's own blank is no place to split */
		if (i > 0 && (after_mark || year) && s[i] != ' ' && !str_starts(s + i, "年") &&
		    title_kind_text(s + i, len - i) != YOY_TABLE_UNKNOWN) {
			best = i;
			best_sharp = after_mark || after_digit;
		}
		after_mark = false;
		for (size_t m = 0; m < sizeof marks / sizeof *marks; m++)
			if (span_eq(s + i, adv, marks[m]))
				after_mark = true;
		after_digit = cp >= '0' && cp <= '9';
	}
	return whole && !best_sharp ? 0 : best;
}

yoy_table_kind table_title_text_kind(const char *s, size_t len)
{
	return title_kind_text(s, len);
}

/* A line that may be a title: one cell, or in text a few cells of words
 * a copy spread by blanks ("公开      09   表：…"), no amount among them. */
static bool title_like(const yoy_line *l)
{
	size_t filled = line_filled(l);
	if (filled == 1)
		return true;
	if (l->page != 0 || filled == 0 || filled > 4)
		return false;
	for (size_t c = 0; c < l->ncells; c++)
		if (amount_cell(l->cells[c].text) && strpbrk(l->cells[c].text, ".,"))
			return false;
	return true;
}

yoy_table_kind table_title_kind(const yoy_line *l)
{
	if (l->ncells == 0 || !title_like(l) || toc_line(l))
		return YOY_TABLE_UNKNOWN;
	return title_kind_text(l->text, l->len);
}

bool title_at(const yoy_lines *ls, size_t i, yoy_table_kind *kind,
	      size_t *nlines)
{
	const yoy_line *l = &ls->v[i];
	yoy_table_kind k = table_title_kind(l);
	if (k != YOY_TABLE_UNKNOWN) {
		*kind = k;
		*nlines = 1;
		return true;
	}
	if (i + 1 >= ls->n || !title_like(l) || toc_line(l) ||
	    str_ends(l->text, "表") || str_has(l->text, "其中") || str_has(l->text, "。"))
		return false;
	const yoy_line *n = &ls->v[i + 1];
	if (line_filled(n) != 1 || utf8_length(n->text, n->len) > 8 ||
	    !str_has(n->text, "表") || skip_ordinal(n->text) != n->text)
		return false;
	sbuf j;
	sbuf_init(&j);
	sbuf_put(&j, l->text, l->len);
	sbuf_put(&j, n->text, n->len);
	k = title_kind_text(sbuf_cstr(&j), j.len);
	sbuf_free(&j);
	if (k == YOY_TABLE_UNKNOWN)
		return false;
	*kind = k;
	*nlines = 2;
	return true;
}



const char *department_label(const char *s, size_t *len)
{
	static const char *const labels[] = {
		"部门名称：", "部门名称:", "编制部门：", "编制部门:", "编制单位：", "编制单位:",
		"预算主管部门：", "预算主管部门:", "单位名称：", "单位名称:",
		"部门：", "部门:",
	};
	for (size_t i = 0; i < sizeof labels / sizeof *labels; i++) {
		const char *p = strstr(s, labels[i]);
		if (p && (p == s || p - s < 4)) {
			p += strlen(labels[i]);
			while (*p == ' ')
				p++;
			size_t n = strcspn(p, " \t");
			/* "编制部门：X 单位：元" on one line */
			const char *unit = strstr(p, "单位");
			if (unit && (size_t)(unit - p) < n)
				n = (size_t)(unit - p);
			*len = n;
			return n ? p : NULL;
		}
	}
	return NULL;
}

/* "单位：万元" anywhere in the line: the unit, else YOY_UNIT_NONE.  Every
 * "单位" is tried: "编制单位：X  单位：元" names the unit second. */
static yoy_unit unit_label(const char *s)
{
	for (const char *p = strstr(s, "单位"); p; p = strstr(p, "单位")) {
		p += strlen("单位");
		if (str_starts(p, "："))
			p += strlen("：");
		else if (*p == ':')
			p++;
		else
			continue;
		while (*p == ' ')
			p++;
		size_t n = strcspn(p, " \t)）");
		if (span_eq(p, n, "万"))
			return YOY_UNIT_WAN; /* "单位：万" with 元 wrapped to the next line */
		yoy_unit u = yoy_unit_parse(p, n);
		if (u != YOY_UNIT_NONE)
			return u;
	}
	return YOY_UNIT_NONE;
}

/* ---- column labels --------------------------------------------------- */

/* Label without blanks, a leading year ("2023年", "2023年度", "2023") or a
 * trailing unit ("（元）", "(万元)"). */
static void label_norm(sbuf *out, const char *s)
{
	sbuf_reset(out);
	squeeze(out, s, strlen(s));
	char *d = out->data;
	if (!d)
		return;
	size_t n = out->len;
	/* leading year */
	size_t y = 0;
	while (y < n && d[y] >= '0' && d[y] <= '9')
		y++;
	if (y == 4) {
		size_t skip = 4;
		if (str_starts(d + skip, "年度"))
			skip += strlen("年度");
		else if (str_starts(d + skip, "年"))
			skip += strlen("年");
		memmove(d, d + skip, n - skip + 1);
		n -= skip;
	}
	static const char *const tails[] = { "（元）", "(元)", "（万元）", "(万元)" };
	for (size_t i = 0; i < sizeof tails / sizeof *tails; i++)
		if (str_ends(d, tails[i])) {
			n -= strlen(tails[i]);
			d[n] = '\0';
		}
	out->len = n;
}

typedef enum col_role { ROLE_VALUE = 0, ROLE_CODE, ROLE_CODE_PART, ROLE_NAME } col_role;

static col_role label_role(const char *norm)
{
	/* "支出功能分类" / "科目编码": the code's label, whose lines a copy
	 * may print apart */
	if (str_has(norm, "编码") || str_has(norm, "代码") || str_ends(norm, "分类"))
		return ROLE_CODE;
	if (str_ends(norm, "名称") || strcmp(norm, "项目") == 0 ||
	    strcmp(norm, "科目") == 0 || strcmp(norm, "采购品目") == 0 ||
	    strcmp(norm, "大类") == 0)
		return ROLE_NAME;
	return ROLE_VALUE;
}

static const struct {
	const char *label, *key;
} column_keys[] = {
	{ "合计", "total" }, { "小计", "total" }, { "金额", "total" },
	{ "预算数", "total" }, { "总计", "total" }, { "", "total" },
	{ "收入预算", "total" }, { "支出预算", "total" },
	{ "机关运行经费支出", "total" }, { "机关运行经费预算数", "operating_costs" },
	{ "政府性基金收入预算", "total" }, { "国有资本经营收入预算", "total" },
	{ "基本支出", "basic" }, { "项目支出", "project" },
	{ "单位预留机动经费", "reserve" }, { "结转下年资金", "carryover_out" },
	{ "一般公共预算", "general_budget" }, { "一般公共预算资金", "general_budget" },
	{ "一般公共预算拨款", "general_budget" },
	{ "政府性基金", "fund" }, { "政府性基金预算", "fund" },
	{ "国有资本经营预算", "state_capital" },
	{ "财政专户管理资金", "special_account" }, { "单位资金", "unit_funds" },
	{ "上年结转", "carryover" }, { "上年结转安排", "carryover" },
	{ "当年预算安排", "current_year" },
	{ "人员经费", "personnel" }, { "公用经费", "public" },
	{ "财政拨款收入", "fiscal" }, { "财政拨款", "fiscal" },
	{ "事业收入", "business" }, { "事业单位经营收入", "operating" },
	{ "其他收入", "other" }, { "其他资金", "other" },
	{ "因公出国（境）费", "overseas" }, { "因公出国(境)费", "overseas" },
	{ "公务接待费", "reception" },
	{ "公务用车购置及运行费", "vehicles" }, { "公务用车购置及运行维护费", "vehicles" },
	{ "公务用车购置费", "vehicle_purchase" }, { "购置费", "vehicle_purchase" },
	{ "公务用车运行维护费", "vehicle_operation" }, { "运行费", "vehicle_operation" },
	{ "运行维护费", "vehicle_operation" },
	{ "会议费", "meetings" }, { "培训费", "training" },
	{ "总计", "total" },
	/* 决算: the final figure is the row's figure; the budget beside it
	 * (年初预算数, 调整预算数, or 预算数 next to a 决算数) is another */
	{ "决算数", "total" }, { "支出决算", "total" }, { "收入决算", "total" },
	{ "年初预算数", "budget" }, { "年初预算", "budget" },
	{ "调整预算数", "budget_adjusted" }, { "全年预算数", "budget_adjusted" },
	{ "年初结转和结余", "carryover" }, { "年初财政拨款结转和结余", "carryover" },
	{ "年末结转和结余", "carryover_out" }, { "年末财政拨款结转和结余", "carryover_out" },
	{ "本年收入", "current_income" }, { "本年支出", "total" },
	{ "上级补助收入", "superior_subsidy" }, { "经营收入", "operating" },
	{ "附属单位上缴收入", "subsidiary" },
	{ "上缴上级支出", "paid_to_superior" }, { "经营支出", "operating_expenditure" },
	{ "对附属单位补助支出", "subsidiary_grants" },
};

static const char *column_key(const char *norm)
{
	for (size_t i = 0; i < sizeof column_keys / sizeof *column_keys; i++)
		if (strcmp(norm, column_keys[i].label) == 0)
			return column_keys[i].key;
	if (str_ends(norm, "合计"))
		return "total";
	return NULL;
}

/* ---- fixed line keys --------------------------------------------------- */

static const struct {
	const char *name, *key;
} income_lines[] = {
	/* longest first: matched as substrings of the squeezed name */
	{ "本年收入合计", "current_total" }, { "当年收入小计", "current_total" },
	{ "收入总计", "total" }, { "收入合计", "total" },
	/* a 决算's: what it started the year with, and surplus it used */
	{ "年初财政拨款结转和结余", "carryover" }, { "年初结转和结余", "carryover" },
	{ "使用非财政拨款结余", "carryover_surplus" },
	{ "上级补助收入", "superior_subsidy" }, { "附属单位上缴收入", "subsidiary" },
	{ "上年结转", "carryover" }, { "上年财政拨款结转", "carryover" }, { "一般公共预算", "general_budget" },
	{ "政府性基金", "fund" }, { "国有资本经营", "state_capital" },
	{ "财政专户", "special_account" }, { "单位资金", "unit_funds" },
	{ "事业单位经营收入", "operating" }, { "事业收入", "business" },
	{ "其他收入", "other" }, { "其他资金", "other" },
	{ "经营收入", "operating" },
	{ "财政拨款", "fiscal" },
};

static const struct {
	const char *name, *key;
} expenditure_lines[] = {
	{ "本年支出合计", "current_total" }, { "当年支出小计", "current_total" },
	{ "支出总计", "total" }, { "支出合计", "total" },
	{ "年终结转", "carryover_out" }, { "结转下年", "carryover_out" },
	{ "年末财政拨款结转和结余", "carryover_out" }, { "年末结转和结余", "carryover_out" },
	{ "结余分配", "surplus_distribution" },
	{ "单位预留机动经费", "reserve" }, { "基本支出", "basic" },
	{ "项目支出", "project" },
};

/* The 类 of the function classification, by name (public standard; older
 * names of renamed classes included). */
static const struct {
	const char *name, *code;
} function_classes[] = {
	{ "一般公共服务支出", "201" }, { "外交支出", "202" }, { "国防支出", "203" },
	{ "公共安全支出", "204" }, { "教育支出", "205" }, { "科学技术支出", "206" },
	{ "文化旅游体育与传媒支出", "207" }, { "文化体育与传媒支出", "207" },
	{ "社会保障和就业支出", "208" }, { "社会保险基金支出", "209" },
	{ "卫生健康支出", "210" }, { "医疗卫生与计划生育支出", "210" },
	{ "节能环保支出", "211" }, { "城乡社区支出", "212" }, { "农林水支出", "213" },
	{ "交通运输支出", "214" }, { "资源勘探工业信息等支出", "215" },
	{ "资源勘探信息等支出", "215" }, { "商业服务业等支出", "216" },
	{ "金融支出", "217" }, { "援助其他地区支出", "219" },
	{ "自然资源海洋气象等支出", "220" }, { "国土海洋气象等支出", "220" },
	{ "住房保障支出", "221" }, { "粮油物资储备支出", "222" },
	{ "国有资本经营预算支出", "223" }, { "灾害防治及应急管理支出", "224" },
	{ "预备费", "227" }, { "其他支出", "229" }, { "转移性支出", "230" },
	{ "债务还本支出", "231" }, { "债务付息支出", "232" },
	{ "债务发行费用支出", "233" }, { "抗疫特别国债安排的支出", "234" },
};

const char *function_class_code(const char *name)
{
	for (size_t i = 0; i < sizeof function_classes / sizeof *function_classes; i++)
		if (strcmp(name, function_classes[i].name) == 0)
			return function_classes[i].code;
	return NULL;
}

static const struct {
	const char *name, *key;
} three_public_lines[] = {
	{ "因公出国（境）费", "overseas" }, { "因公出国(境)费", "overseas" },
	{ "公务接待费", "reception" },
	{ "公务用车购置及运行费", "vehicles" }, { "公务用车购置及运行维护费", "vehicles" },
	{ "公务用车购置费", "vehicle_purchase" }, { "购置费", "vehicle_purchase" },
	{ "公务用车运行维护费", "vehicle_operation" }, { "公务用车运行费", "vehicle_operation" },
	{ "运行维护费", "vehicle_operation" }, { "运行费", "vehicle_operation" },
	{ "会议费", "meetings" }, { "培训费", "training" },
	{ "合计", "total" }, { "小计", "three_public_total" },
};

/* Name without ordinal, circled digits or blanks, for key matching. */
static void name_norm(sbuf *out, const char *s)
{
	sbuf_reset(out);
	const char *p = skip_ordinal(s);
	/* ①..⑳ */
	size_t adv;
	uint32_t cp = utf8_decode(p, strlen(p), &adv);
	if (cp >= 0x2460 && cp <= 0x2473)
		p += adv;
	squeeze(out, p, strlen(p));
}

static bool is_total_name(const char *norm)
{
	return strcmp(norm, "合计") == 0 || strcmp(norm, "总计") == 0 ||
	       strcmp(norm, "部门合计") == 0 || strcmp(norm, "小计") == 0;
}

/* ---- body ---------------------------------------------------------------- */

/* Digits only, 3..7 long: a classification code. */
static bool is_code(const char *s)
{
	size_t n = strlen(s);
	return n >= 3 && n <= 7 && strspn(s, "0123456789") == n;
}

bool amount_cell(const char *s)
{
	if (!*s)
		return false;
	yoy_amount a;
	return yoy_amount_parse(&a, s, strlen(s), YOY_UNIT_YUAN) == 0 && a.present;
}

/* "1 2 3 4 5 6 7": the column-number row under a header. */
static bool is_index_row(const yoy_line *l)
{
	int expect = 1;
	size_t filled = 0;
	for (size_t i = 0; i < l->ncells; i++) {
		const char *c = l->cells[i].text;
		if (!*c)
			continue;
		char buf[16];
		snprintf(buf, sizeof buf, "%d", expect);
		if (strcmp(c, buf) != 0)
			return false;
		expect++;
		filled++;
	}
	return filled >= 3;
}

/* "预算公开表1", "公开10表" (copied out of a PDF: "公开 10 表"): labels
 * printed beside tables. */
bool page_label(const yoy_line *l)
{
	if (line_filled(l) != 1 || l->len > 24)
		return false;
	char squeezed[32];
	size_t n = 0;
	for (size_t i = 0; i < l->len && n + 1 < sizeof squeezed; i++)
		if (l->text[i] != ' ')
			squeezed[n++] = l->text[i];
	squeezed[n] = '\0';
	const char *s = squeezed;
	if (str_starts(s, "预算公开表") || str_starts(s, "公开表"))
		return true;
	if (str_starts(s, "公开") && str_ends(s, "表")) {
		const char *d = s + strlen("公开");
		size_t digits = strspn(d, "0123456789");
		return digits > 0 && strcmp(d + digits, "表") == 0;
	}
	return false;
}

static const char *lookup_key(const char *norm, yoy_table_kind kind,
			      const char *side);
static bool known_label(const char *text);

/* "合计", "收入合计", "当年支出小计", "支出总计": a total line's label. */
static bool total_label(const char *norm)
{
	return is_total_name(norm) || str_ends(norm, "合计") || str_ends(norm, "小计") ||
	       str_ends(norm, "总计");
}

/* The first row that is not a header: it has a code, a number, or names a
 * total or a known fixed line (a "三公" item may be printed blank).  A row
 * of two or more column labels ("合计 基本支出 项目支出") is a header. */
static bool is_data_row(const yoy_line *l, yoy_table_kind kind)
{
	if (is_index_row(l))
		return false;
	size_t labels = 0;
	for (size_t i = 0; i < l->ncells; i++) {
		const char *c = l->cells[i].text;
		if (is_code(c) && i == 0)
			return true;
		if (amount_cell(c))
			return true;
		if (*c && known_label(c))
			labels++;
	}
	if (labels >= 2)
		return false;
	sbuf n;
	sbuf_init(&n);
	name_norm(&n, line_cell(l, 0));
	bool known = is_total_name(sbuf_cstr(&n)) ||
		     (kind == YOY_TABLE_THREE_PUBLIC &&
		      lookup_key(sbuf_cstr(&n), kind, NULL));
	sbuf_free(&n);
	return known;
}

#define MAX_COLS 48
#define MAX_GROUPS 4

/* A table body as a grid of columns, whatever the input format: the text
 * reader's TABs or the PDF reader's column bands. */
typedef struct grid_row {
	char *cell[MAX_COLS];   /* heap; NULL when blank */
	bool merged[MAX_COLS];  /* filled from a wrapped fragment line */
	const yoy_line *line;
	bool data;
} grid_row;

typedef struct grid {
	size_t ncols;
	char *leaf[MAX_COLS];   /* header label nearest the data */
	char *parent[MAX_COLS]; /* header above it, when any */
	char *top[MAX_COLS];    /* topmost header over the column */
	char *above[MAX_COLS];  /* the column's own labels above its leaf */
	bool textual[MAX_COLS]; /* its cells are mostly words, not figures */
	grid_row *rows;
	size_t nrows, cap;
	bool oom;
} grid;

static void grid_free(grid *g)
{
	for (size_t c = 0; c < MAX_COLS; c++) {
		free(g->leaf[c]);
		free(g->parent[c]);
		free(g->top[c]);
		free(g->above[c]);
	}
	for (size_t r = 0; r < g->nrows; r++)
		for (size_t c = 0; c < MAX_COLS; c++)
			free(g->rows[r].cell[c]);
	free(g->rows);
	memset(g, 0, sizeof *g);
}

static char *dup_or_null(const char *s)
{
	return s && *s ? strdup(s) : NULL;
}

/* *cell = *cell + text, or text + *cell when prefix. */
static void cell_join(grid *g, char **cell, const char *text, bool prefix)
{
	if (!text || !*text)
		return;
	size_t a = *cell ? strlen(*cell) : 0, b = strlen(text);
	char *p = malloc(a + b + 1);
	if (!p) {
		g->oom = true;
		return;
	}
	if (prefix) {
		memcpy(p, text, b);
		if (a)
			memcpy(p + b, *cell, a);
	} else {
		if (a)
			memcpy(p, *cell, a);
		memcpy(p + a, text, b);
	}
	p[a + b] = '\0';
	free(*cell);
	*cell = p;
}

static grid_row *grid_add(grid *g, const yoy_line *l, bool data)
{
	if (!vec_grow((void **)&g->rows, &g->cap, g->nrows + 1, sizeof *g->rows)) {
		g->oom = true;
		return NULL;
	}
	grid_row *r = &g->rows[g->nrows++];
	memset(r, 0, sizeof *r);
	r->line = l;
	r->data = data;
	return r;
}

/* Lines a table body passes over: blank, the column index row, a page
 * label, and in text copied out of a PDF the page number printed where a
 * page of the table ended. */
static bool skip_line(const yoy_line *l)
{
	return l->ncells == 0 || is_index_row(l) || page_label(l) ||
	       (l->page == 0 && line_page_number(l));
}

/* Text tables: the TAB positions are the columns.  A column's label is the
 * lowest header cell above it; its parent the nearest header to the left
 * on an earlier header row (a merged cell). */
static void grid_from_tabs(grid *g, const yoy_line *const *body, size_t n,
			   yoy_table_kind kind)
{
	const yoy_line *hdr[8];
	size_t nh = 0, fd = n;
	for (size_t k = 0; k < n && fd == n; k++) {
		const yoy_line *l = body[k];
		if (skip_line(l))
			continue;
		if (is_data_row(l, kind))
			fd = k;
		else if (nh < 8)
			hdr[nh++] = l;
	}
	size_t ncols = 0;
	for (size_t k = 0; k < n; k++)
		if (body[k]->ncells > ncols)
			ncols = body[k]->ncells;
	g->ncols = ncols > MAX_COLS ? MAX_COLS : ncols;
	for (size_t c = 0; c < g->ncols; c++) {
		size_t hl = nh;
		for (size_t h = nh; h-- > 0;)
			if (*line_cell(hdr[h], c)) {
				g->leaf[c] = dup_or_null(line_cell(hdr[h], c));
				hl = h;
				break;
			}
		for (size_t h = hl; h-- > 0 && !g->parent[c];)
			for (size_t cc = c + 1; cc-- > 0;)
				if (*line_cell(hdr[h], cc)) {
					g->parent[c] = dup_or_null(line_cell(hdr[h], cc));
					break;
				}
		for (size_t cc = c + 1; nh && cc-- > 0;)
			if (*line_cell(hdr[0], cc)) {
				g->top[c] = dup_or_null(line_cell(hdr[0], cc));
				break;
			}
	}
	int words[MAX_COLS] = { 0 }, figures[MAX_COLS] = { 0 };
	for (size_t k = fd; k < n; k++) {
		const yoy_line *l = body[k];
		if (skip_line(l))
			continue;
		grid_row *r = grid_add(g, l, true);
		if (!r)
			return;
		for (size_t c = 0; c < g->ncols && c < l->ncells; c++) {
			r->cell[c] = dup_or_null(l->cells[c].text);
			if (r->cell[c])
				(amount_cell(r->cell[c]) ? figures : words)[c]++;
		}
	}
	for (size_t c = 0; c < g->ncols; c++)
		g->textual[c] = words[c] > figures[c];
}

/* ---- PDF tables: columns from positions ------------------------------- */

typedef struct band {
	int x0, x1;
	int kind;       /* 1 words, 2 figures, 0 header-only */
	int numbers, cells;
	char *frag;     /* header fragments, top to bottom */
	int frag_y;     /* line of the last fragment appended */
	char *span;     /* lowest spanning header over it */
	int order;      /* drifted_columns: k + 1 for the k-th figure column */
	int label_mid;  /* middle of its lowest header fragment; 0: none */
} band;

static int cmp_interval(const void *a, const void *b)
{
	const int *x = a, *y = b;
	return (x[0] > y[0]) - (x[0] < y[0]);
}

/* Band of a cell: the one of its kind (words or figures) it overlaps
 * most, else the nearest of its kind. */
static int band_of(const band *bands, size_t nb, const yoy_cell *c, bool text)
{
	int best = -1, best_ov = 0, near = -1, near_gap = 1 << 30;
	for (size_t b = 0; b < nb; b++) {
		if (bands[b].kind != (text ? 1 : 2) && bands[b].kind)
			continue;
		int ov = (c->x1 < bands[b].x1 ? c->x1 : bands[b].x1) -
			 (c->x0 > bands[b].x0 ? c->x0 : bands[b].x0);
		if (ov > best_ov) {
			best_ov = ov;
			best = (int)b;
		}
		int gap = ov > 0 ? 0 : -ov;
		if (gap < near_gap) {
			near_gap = gap;
			near = (int)b;
		}
	}
	return best >= 0 ? best : near;
}

/* A label yoy knows as a column: a canonical key or a key-column role. */
static bool known_label(const char *text)
{
	sbuf n;
	sbuf_init(&n);
	label_norm(&n, text);
	const char *s = sbuf_cstr(&n);
	bool yes = column_key(s) || label_role(s) != ROLE_VALUE ||
		   strcmp(s, "类") == 0 || strcmp(s, "款") == 0 || strcmp(s, "项") == 0;
	sbuf_free(&n);
	return yes;
}

/* A line with a figure or a classification code. */
static bool has_figure(const yoy_line *l)
{
	for (size_t i = 0; i < l->ncells; i++)
		if (amount_cell(l->cells[i].text) || (i == 0 && is_code(l->cells[i].text)))
			return true;
	return false;
}

static bool code_part_label(const char *norm);

/* "类 款 项 2,946.25 2,940.05 6.20": the bottom header line of a table
 * that prints its code in three columns, with the figures of the total
 * row under it set at its height (a 决算's 合计 row).  Its words are
 * header labels; its figures belong to the row below. */
static bool code_header_with_figures(const yoy_line *l)
{
	size_t parts = 0, figures = 0;
	for (size_t i = 0; i < l->ncells; i++) {
		const char *c = l->cells[i].text;
		if (!*c)
			continue;
		if (amount_cell(c))
			figures++;
		else if (code_part_label(c))
			parts++;
		else
			return false;
	}
	return parts >= 2 && figures >= 1;
}

/* "类 款 项" alone on a line below the first of the body, the total
 * row's figures set above it on a line or two of figures alone (text
 * copied out of a 决算, whose 合计 row stands beside the header's last
 * line): a header line all the same. */
static bool code_header_below(const yoy_line *const *body, size_t n, size_t fd, size_t k)
{
	if (k <= fd || k > fd + 2 || k >= n || body[fd]->page != 0)
		return false;
	for (size_t f = fd; f < k; f++)
		for (size_t i = 0; i < body[f]->ncells; i++)
			if (body[f]->cells[i].len && !amount_cell(body[f]->cells[i].text))
				return false;
	size_t parts = 0;
	for (size_t i = 0; i < body[k]->ncells; i++) {
		const char *c = body[k]->cells[i].text;
		if (!*c)
			continue;
		if (!code_part_label(c))
			return false;
		parts++;
	}
	return parts >= 2;
}

/* Every cell of the row is at most two characters: the wrapped end of
 * a longer name. */
static bool short_cells(const grid_row *r)
{
	bool any = false;
	for (size_t c = 0; c < MAX_COLS; c++) {
		if (!r->cell[c])
			continue;
		if (utf8_length(r->cell[c], strlen(r->cell[c])) > 2)
			return false;
		any = true;
	}
	return any;
}

/* The header ends at the first line with a figure (a lone "小计" in a
 * header is a label); without any figure, at the first total. */
static size_t header_end(const yoy_line *const *body, size_t n, yoy_table_kind kind)
{
	for (size_t k = 0; k < n; k++)
		if (!skip_line(body[k]) && has_figure(body[k]))
			return k;
	for (size_t k = 0; k < n; k++)
		if (!skip_line(body[k]) && is_data_row(body[k], kind))
			return k;
	return n;
}

/* The lines below the header, less the header repeated on continuation
 * pages.  Returns how many went to region (at most max). */
static size_t body_region(const yoy_line *const *body, size_t n, size_t fd,
			  const yoy_line **region, size_t max)
{
	sbuf a, b;
	sbuf_init(&a);
	sbuf_init(&b);
	size_t nr = 0;
	for (size_t k = fd; k < n && nr < max; k++) {
		const yoy_line *l = body[k];
		if (skip_line(l) || code_header_below(body, n, fd, k))
			continue;
		bool repeat = false;
		squeeze(&a, l->text, l->len);
		for (size_t h = 0; h < fd && !repeat; h++) {
			sbuf_reset(&b);
			squeeze(&b, body[h]->text, body[h]->len);
			repeat = a.len && strcmp(sbuf_cstr(&a), sbuf_cstr(&b)) == 0;
		}
		sbuf_reset(&a);
		if (!repeat)
			region[nr++] = l;
	}
	sbuf_free(&a);
	sbuf_free(&b);
	return nr;
}

typedef struct bandset {
	band b[MAX_COLS];
	size_t n;
	/* Text on a drifting grid (drifted_columns): a row with `trailing`
	 * figures after its words places them in order, the k-th in the band
	 * whose order is k + 1; 0 when the table's figures stand in columns. */
	size_t trailing;
	/* the made columns come from the total alone: a row's first figure
	 * is its total, and the others go by their distance from it */
	bool anchored;
} bandset;

static size_t glued_amounts(const char *s);

static size_t trailing_figures(const yoy_line *l, const yoy_cell **out, size_t max);

/* Cell x-intervals [x0, x1, is-figure] of the body, a total's label left
 * out (it may straddle the key columns), and with skip_trailing the
 * figures of the rows that end in that many; of the header when the body
 * has none (an empty table).  Returns the count; iv has room for all. */

static size_t cell_intervals(int (*iv)[3], const yoy_line *const *region, size_t nr,
			     const yoy_line *const *body, size_t fd, size_t skip_trailing)
{
	size_t ni = 0;
	sbuf nm;
	sbuf_init(&nm);
	const yoy_cell *f[MAX_COLS];
	for (size_t k = 0; k < nr; k++) {
		/* figures placed by order (drifted_columns: a row's last
		 * figures, as many as made columns or fewer) count for no band */
		const yoy_cell *skip = NULL;
		size_t nf = skip_trailing ? trailing_figures(region[k], f, MAX_COLS) : 0;
		if (nf && nf <= skip_trailing)
			skip = f[0];
		for (size_t c = 0; c < region[k]->ncells; c++) {
			const yoy_cell *cell = &region[k]->cells[c];
			/* a title split off its line has no place (parse.c) */
			if (!cell->len || (skip && cell >= skip) || cell->x1 == 0)
				continue;
			name_norm(&nm, cell->text);
			/* two figures glued would join their columns */
			if (total_label(sbuf_cstr(&nm)) || code_part_label(sbuf_cstr(&nm)) ||
			    glued_amounts(cell->text))
				continue;
			iv[ni][0] = cell->x0;
			iv[ni][1] = cell->x1;
			iv[ni][2] = amount_cell(cell->text);
			ni++;
		}
	}
	sbuf_free(&nm);
	if (ni > 0)
		return ni;
	for (size_t k = 0; k < fd; k++)
		for (size_t c = 0; c < body[k]->ncells; c++) {
			iv[ni][0] = body[k]->cells[c].x0;
			iv[ni][1] = body[k]->cells[c].x1;
			iv[ni][2] = 0;
			ni++;
		}
	return ni;
}

/* A sparse table (a 决算's "三公" table prints two figures under twelve
 * columns) has fewer bands than columns: when the header's last line is
 * a row of column labels, each label no band lies under is a column of
 * its own, so a blank stays in its place. */
static void header_row_bands(bandset *bs, const yoy_line *const *body, size_t fd)
{
	const yoy_line *l = NULL;
	for (size_t k = fd; k-- > 0 && !l;)
		if (!skip_line(body[k]))
			l = body[k];
	size_t figure_bands = 0;
	for (size_t bi = 0; bi < bs->n; bi++)
		figure_bands += bs->b[bi].kind == 2;
	/* sparse: at least four labelled columns with no figure at all */
	if (!l || l->ncells < figure_bands + 4 || !line_positioned(l))
		return;
	for (size_t c = 0; c < l->ncells; c++)
		if (!known_label(l->cells[c].text))
			return;
	for (size_t c = 0; c < l->ncells && bs->n < MAX_COLS; c++) {
		const yoy_cell *cell = &l->cells[c];
		bool covered = false;
		for (size_t bi = 0; bi < bs->n && !covered; bi++)
			covered = bs->b[bi].x0 <= cell->x1 && cell->x0 <= bs->b[bi].x1;
		if (covered)
			continue;
		memset(&bs->b[bs->n], 0, sizeof bs->b[bs->n]);
		bs->b[bs->n].x0 = cell->x0;
		bs->b[bs->n].x1 = cell->x1;
		bs->b[bs->n].kind = 2;
		bs->n++;
	}
}

/* The figures a line ends with (after its last words): how many, and
 * their cells into out (at most max). */
static size_t trailing_figures(const yoy_line *l, const yoy_cell **out, size_t max)
{
	size_t n = 0, first = l->ncells;
	while (first > 0 && (!l->cells[first - 1].len ||
			     (amount_cell(l->cells[first - 1].text) &&
			      !glued_amounts(l->cells[first - 1].text))))
		first--;
	for (size_t c = first; c < l->ncells; c++)
		if (l->cells[c].len && n < max)
			out[n++] = &l->cells[c];
	return n;
}

static int band_mid(const band *b);

/* The band of made column k (drifted_columns), or -1. */
static int made_band(const bandset *bs, size_t k)
{
	for (size_t bi = 0; bi < bs->n; bi++)
		if (bs->b[bi].order == (int)k + 1)
			return (int)bi;
	return -1;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* Whether line l holds figures and nothing else. */
static bool figures_alone(const yoy_line *l)
{
	bool any = false;
	for (size_t c = 0; c < l->ncells; c++) {
		if (!l->cells[c].len)
			continue;
		if (!amount_cell(l->cells[c].text))
			return false;
		any = true;
	}
	return any;
}

/* Two lines of figures alone, one just below the other, their figures
 * side by side: one row's, set at two heights (a 决算's 合计 row). */
static bool split_figures(const yoy_line *a, const yoy_line *b)
{
	if (a->no + 1 != b->no || !figures_alone(a) || !figures_alone(b))
		return false;
	for (size_t i = 0; i < a->ncells; i++)
		for (size_t j = 0; j < b->ncells; j++)
			if (a->cells[i].len && b->cells[j].len && a->cells[i].x0 < b->cells[j].x1 &&
			    b->cells[j].x0 < a->cells[i].x1)
				return false;
	return true;
}

static int cmp_cell_x(const void *a, const void *b)
{
	int x = (*(const yoy_cell *const *)a)->x0, y = (*(const yoy_cell *const *)b)->x0;
	return (x > y) - (x < y);
}

/* The trailing figures of region line k, and of the line after it when
 * the two are one row split (joined[k]), left to right. */
static size_t row_trailing(const yoy_line *const *region, size_t k, const bool *joined,
			   const yoy_cell **f)
{
	size_t n = trailing_figures(region[k], f, MAX_COLS);
	if (joined[k]) {
		n += trailing_figures(region[k + 1], f + n, MAX_COLS - n);
		qsort(f, n, sizeof *f, cmp_cell_x);
	}
	return n;
}

/* Text aligned with blanks by a tool that sets characters on a coarse
 * grid (`pdftotext -layout`) moves a row's figures when its name does
 * not fit the grid: a long name pushes them right, a short one pulls
 * them left, a blank shifts them a column; columns of different rows
 * overlap, and their bands merge or split.  The complete rows -- those
 * ending in the most figures, three rows or more -- still show the
 * columns: when a third of them do not fall one figure to a band, left
 * to right, or their k-th figures stand in different bands, the grid
 * drifts.  Its figure columns are then made into made[], the k-th from
 * the k-th figure of the complete rows (median edges); find_bands makes
 * the other bands again without them, and place_rows sets a row's
 * figures by order (fit_columns).  When a few rows (the total) end in
 * more figures than the complete rows, as many as the header labels
 * (labels), every other row has a blank: those few make the columns,
 * and the others are anchored on their first figure (*anchored), as
 * those few rows stand apart from the rest.
 * Returns the count of made columns, 0 when the figures stand in
 * columns.  Positioned PDF lines never drift: left alone. */
static size_t drifted_columns(const bandset *bs, const yoy_line *const *region, size_t nr,
			      size_t labels, band *made, bool *anchored)
{
	*anchored = false;
	size_t count[MAX_COLS + 1] = { 0 }, most = 0;
	unsigned char *ends = malloc(nr ? nr : 1); /* each line's count */
	bool *joined = calloc(nr ? nr : 1, sizeof *joined);
	if (!ends || !joined) {
		free(ends);
		free(joined);
		return 0;
	}
	const yoy_cell *f[MAX_COLS];
	for (size_t k = 0; k < nr; k++) {
		if (region[k]->page != 0) {
			free(ends);
			free(joined);
			return 0; /* a PDF's lines */
		}
		/* a title split off its line has no place: no column */
		ends[k] = line_positioned(region[k])
				  ? (unsigned char)trailing_figures(region[k], f, MAX_COLS) : 0;
	}
	for (size_t k = 0; k < nr; k++) {
		if (k + 1 < nr && ends[k] && ends[k + 1] && ends[k] + ends[k + 1] <= MAX_COLS &&
		    split_figures(region[k], region[k + 1])) {
			joined[k] = true;
			ends[k] = (unsigned char)(ends[k] + ends[k + 1]);
			ends[k + 1] = 0;
		}
		count[ends[k]]++;
	}
	/* complete rows: the most figures three rows or more end in (rows
	 * with blanks end in fewer, and go by position) */
	for (size_t t = 1; t <= MAX_COLS; t++)
		if (count[t] >= 3)
			most = t;
	size_t rows = most ? count[most] : 0, astray = 0, apart = 0;
	int *at = most ? malloc(most * rows * sizeof *at) : NULL; /* bands */
	int *x0 = NULL, *x1 = NULL;
	if (!at) {
		most = 0;
		goto done;
	}
	/* do those rows fall one figure to a band, in order, the k-th
	 * figures of all in one band (a table of one figure column drifts
	 * into two; but a two-sided table has words between its figure
	 * columns, and a row's last figure stands in either)? */
	for (size_t k = 0, m = 0; k < nr; k++) {
		if (ends[k] != most)
			continue;
		row_trailing(region, k, joined, f);
		int prev = -1;
		bool in_order = true;
		for (size_t i = 0; i < most; i++) {
			int bi = band_of(bs->b, bs->n, f[i], false);
			at[i * rows + m] = bi;
			in_order = in_order && bi > prev;
			prev = bi;
		}
		astray += !in_order;
		m++;
	}
	for (size_t i = 0; i < most; i++) {
		int *c = at + i * rows;
		qsort(c, rows, sizeof *c, cmp_int);
		size_t lo = 0;
		while (lo < rows && c[lo] < 0)
			lo++;
		if (lo == rows || c[lo] == c[rows - 1])
			continue;
		/* words centred between the two (drift may overlap them) */
		int left = band_mid(&bs->b[c[lo]]), right = band_mid(&bs->b[c[rows - 1]]);
		bool words_between = false;
		for (size_t bi = 0; bi < bs->n; bi++)
			words_between = words_between ||
					(bs->b[bi].kind == 1 && band_mid(&bs->b[bi]) > left &&
					 band_mid(&bs->b[bi]) < right);
		apart += !words_between;
	}
	if (astray * 3 < rows && !apart) {
		most = 0;
		goto done;
	}
	/* the total, the first row, may show them though the header's
	 * labels are wrapped past counting */
	if (nr && ends[0] > labels)
		labels = ends[0];
	for (size_t t = labels < MAX_COLS ? labels : MAX_COLS; t > most; t--)
		if (count[t]) {
			most = t; /* the total shows the columns the rows leave blank */
			rows = count[t];
			*anchored = true;
			break;
		}
	/* the k-th band: median edges of the k-th figures */
	x0 = malloc(most * rows * sizeof *x0);
	x1 = malloc(most * rows * sizeof *x1);
	if (!x0 || !x1) {
		most = 0;
		goto done;
	}
	for (size_t k = 0, m = 0; k < nr; k++) {
		if (ends[k] != most)
			continue;
		row_trailing(region, k, joined, f);
		for (size_t i = 0; i < most; i++) {
			x0[i * rows + m] = f[i]->x0;
			x1[i * rows + m] = f[i]->x1;
		}
		m++;
	}
	for (size_t i = 0; i < most; i++) {
		int *c0 = x0 + i * rows, *c1 = x1 + i * rows;
		qsort(c0, rows, sizeof *c0, cmp_int);
		qsort(c1, rows, sizeof *c1, cmp_int);
		memset(&made[i], 0, sizeof made[i]);
		made[i].x0 = c0[rows / 2];
		made[i].x1 = c1[rows / 2] > c0[rows / 2] ? c1[rows / 2] : c0[rows / 2] + 1;
		made[i].kind = 2;
		made[i].order = (int)i + 1;
	}
done:
	free(ends);
	free(joined);
	free(at);
	free(x0);
	free(x1);
	return most;
}

/* The bands of intervals iv: merged where they touch (less than a text
 * column, 10 units, apart: two figures a blank apart in text copied out
 * of a PDF stay two), words and figures apart, sorted by x (header_only:
 * any cell may go to any band). */
static void merge_intervals(bandset *bs, int (*iv)[3], size_t ni, bool header_only)
{
	qsort(iv, ni, sizeof *iv, cmp_interval);
	memset(bs, 0, sizeof *bs);
	for (int numeric = 0; numeric < 2; numeric++) {
		size_t first = bs->n;
		for (size_t i = 0; i < ni; i++) {
			if (iv[i][2] != numeric)
				continue;
			if (bs->n > first && iv[i][0] < bs->b[bs->n - 1].x1 + 10) {
				band *last = &bs->b[bs->n - 1];
				if (iv[i][1] > last->x1)
					last->x1 = iv[i][1];
				continue;
			}
			if (bs->n == MAX_COLS)
				break;
			bs->b[bs->n].x0 = iv[i][0];
			bs->b[bs->n].x1 = iv[i][1];
			bs->b[bs->n].kind = numeric ? 2 : 1;
			bs->n++;
		}
	}
	if (header_only)
		for (size_t bi = 0; bi < bs->n; bi++)
			bs->b[bi].kind = 0;
	qsort(bs->b, bs->n, sizeof *bs->b, cmp_interval);
}

static bool value_label(const yoy_cell *cell);
static bool name_label(const yoy_cell *cell);
static bool bands_overlap(const band *a, const band *b);

/* The most labels over figures a header line holds; *sides whether a
 * line sets a label of words after one over figures ("项目 金额 项目
 * 金额"): a table of two sides or more, whose rows end in the figures of
 * either side, so that a row's last figures are no columns in order. */
static size_t header_labels(const yoy_line *const *body, size_t fd, bool *sides)
{
	size_t labels = 0;
	*sides = false;
	for (size_t k = 0; k < fd; k++) {
		if (skip_line(body[k]))
			continue;
		size_t here = 0;
		for (size_t c = 0; c < body[k]->ncells; c++) {
			const yoy_cell *cell = &body[k]->cells[c];
			if (value_label(cell))
				here++;
			else if (here && cell->len && known_label(cell->text))
				*sides = true;
		}
		labels = here > labels ? here : labels;
	}
	return labels;
}

/* Whether a line of region has figures ending in band b on both sides
 * of x. */
static bool row_across(const yoy_line *const *region, size_t nr, const band *b, int x)
{
	for (size_t k = 0; k < nr; k++) {
		bool left = false, right = false;
		for (size_t c = 0; c < region[k]->ncells; c++) {
			const yoy_cell *cell = &region[k]->cells[c];
			if (!cell->len || cell->x1 <= b->x0 || cell->x1 > b->x1 ||
			    !amount_cell(cell->text))
				continue;
			left = left || cell->x1 <= x;
			right = right || cell->x1 > x;
		}
		if (left && right)
			return true;
	}
	return false;
}

/* Whether a cell of the header (body's first fd lines) is centred in
 * [x0, x1]. */
static bool header_over(const yoy_line *const *body, size_t fd, int x0, int x1)
{
	for (size_t k = 0; k < fd; k++)
		for (size_t c = 0; c < body[k]->ncells; c++) {
			const yoy_cell *cell = &body[k]->cells[c];
			int mid = (cell->x0 + cell->x1) / 2;
			if (cell->len && mid >= x0 && mid <= x1)
				return true;
		}
	return false;
}

/* Text copied out of a PDF sets adjacent columns of figures a blank
 * apart, and lets each row's figures jitter a column or two: a figure of
 * one column may then touch the next column's, and the two merge into
 * one band.  Right-aligned as figures are, their right edges still fall
 * in groups: a band of figures whose right edges leave a gap of six
 * columns or more, with no figure of the right group reaching more than
 * two columns into the left group, a row with figures in both groups
 * and a header label over each, is two bands (one column drifting row by
 * row, or centred figures of varied widths, has no label over part of
 * it and seldom two figures in one row). */
static void split_jittered_figures(bandset *bs, int (*iv)[3], size_t ni,
				   const yoy_line *const *region, size_t nr,
				   const yoy_line *const *body, size_t fd)
{
	int *x1 = malloc((ni ? ni : 1) * sizeof *x1);
	if (!x1)
		return;
	for (size_t bi = 0; bi < bs->n && bs->n < MAX_COLS; bi++) {
		band *b = &bs->b[bi];
		if (b->kind != 2)
			continue;
		size_t m = 0;
		for (size_t i = 0; i < ni; i++)
			if (iv[i][2] && iv[i][1] > b->x0 && iv[i][1] <= b->x1)
				x1[m++] = iv[i][1];
		qsort(x1, m, sizeof *x1, cmp_int);
		for (size_t k = 1; k < m; k++) {
			if (x1[k] - x1[k - 1] < 60)
				continue;
			/* the left group ends at x1[k - 1]: no figure of the
			 * right group starts more than two columns before it */
			int split = x1[k - 1], right_x0 = INT_MAX;
			for (size_t i = 0; i < ni; i++)
				if (iv[i][2] && iv[i][1] > split && iv[i][1] <= b->x1 &&
				    iv[i][0] < right_x0)
					right_x0 = iv[i][0];
			size_t e = k;
			while (e + 1 < m && x1[e + 1] - x1[e] < 60)
				e++;
			if (right_x0 + 20 < split || !row_across(region, nr, b, split) ||
			    !header_over(body, fd, b->x0, split) ||
			    !header_over(body, fd, right_x0, x1[e]))
				continue;
			memmove(b + 1, b, (bs->n - bi) * sizeof *b);
			bs->n++;
			b[1].x0 = right_x0 > split ? right_x0 : split + 1;
			b->x1 = split;
			break; /* the right part is looked at next */
		}
	}
	free(x1);
}

/* Bands: merged x-intervals of the cells below the header, words and
 * figures apart (a long name may reach under a right-aligned figure),
 * sorted by x, each with the count of cells and figures it holds.  From
 * the header alone (no body) any cell may go to any band.  Text on a
 * drifting grid (drifted_columns) has its complete rows' figures left out
 * of the bands, which they would merge, and their columns made from
 * them.  False when out of memory. */
static bool find_bands(bandset *bs, const yoy_line *const *body, size_t n, size_t fd,
		       const yoy_line *const *region, size_t nr)
{
	int (*iv)[3] = malloc((nr * MAX_COLS + n * MAX_COLS + 1) * sizeof *iv);
	if (!iv)
		return false;
	size_t ni = cell_intervals(iv, region, nr, body, fd, 0);
	merge_intervals(bs, iv, ni, fd >= n || nr == 0);
	band made[MAX_COLS];
	bool anchored = false, sides;
	size_t labels = header_labels(body, fd, &sides);
	size_t most = fd < n && nr && !sides
			      ? drifted_columns(bs, region, nr, labels, made, &anchored) : 0;
	if (!most && nr && region[0]->page == 0) /* not a drifting grid */
		split_jittered_figures(bs, iv, ni, region, nr, body, fd);
	if (most) {
		bandset *redo = malloc(sizeof *redo);
		if (!redo) {
			free(iv);
			return false;
		}
		ni = cell_intervals(iv, region, nr, body, fd, most);
		merge_intervals(redo, iv, ni, false);
		/* the made columns replace any figure band from theirs on */
		int from = made[0].x0;
		for (size_t i = 1; i < most; i++)
			from = made[i].x0 < from ? made[i].x0 : from;
		size_t keep = 0;
		for (size_t bi = 0; bi < redo->n; bi++)
			keep += redo->b[bi].kind != 2 || redo->b[bi].x1 < from;
		if (keep + most <= MAX_COLS) {
			*bs = (bandset){ .trailing = most, .anchored = anchored };
			for (size_t bi = 0; bi < redo->n; bi++)
				if (redo->b[bi].kind != 2 || redo->b[bi].x1 < from)
					bs->b[bs->n++] = redo->b[bi];
			for (size_t i = 0; i < most; i++)
				bs->b[bs->n++] = made[i];
		}
		free(redo);
	}
	free(iv);
	if (!bs->trailing) /* on a drifting grid every column has figures */
		header_row_bands(bs, body, fd);
	qsort(bs->b, bs->n, sizeof *bs->b, cmp_interval);
	for (size_t k = 0; k < nr; k++)
		for (size_t c = 0; c < region[k]->ncells; c++) {
			const yoy_cell *cell = &region[k]->cells[c];
			if (!cell->len || glued_amounts(cell->text))
				continue;
			bool text = !amount_cell(cell->text);
			int bi = band_of(bs->b, bs->n, cell, text);
			if (bi < 0)
				continue;
			bs->b[bi].cells++;
			if (!text)
				bs->b[bi].numbers++;
		}
	return true;
}

static int band_mid(const band *b)
{
	return (b->x0 + b->x1) / 2;
}

/* A header cell over two or more bands' middles is a merged cell: it
 * becomes their spanning label.  True when it was one. */
static bool header_span(grid *g, bandset *bs, const yoy_cell *cell)
{
	/* two bands apart: a band of names and one of figures under the
	 * same width (a side's names under the other side's figures in a
	 * text copy) are not two columns to span */
	int first = -1;
	bool apart = false;
	for (size_t bi = 0; bi < bs->n && !apart; bi++) {
		if (band_mid(&bs->b[bi]) < cell->x0 || band_mid(&bs->b[bi]) > cell->x1)
			continue;
		if (first < 0)
			first = (int)bi;
		else
			apart = !bands_overlap(&bs->b[first], &bs->b[bi]);
	}
	if (!apart)
		return false;
	for (size_t bi = 0; bi < bs->n; bi++) {
		int mid = band_mid(&bs->b[bi]);
		if (mid < cell->x0 || mid > cell->x1)
			continue;
		free(bs->b[bi].span);
		bs->b[bi].span = strdup(cell->text);
		if (!g->top[bi])
			g->top[bi] = strdup(cell->text);
	}
	return true;
}

/* The band a one-column header cell heads: the band under its middle (the
 * closest-centred one when bands overlap), else the nearest within ~1 em
 * (a right-aligned figure may sit well right of its centred header, never
 * left of it).  prefer (text): the kind of band the label heads, 2 over
 * figures, 1 over names, 0 either; redirect: a column label yoy knows,
 * sure of its kind.  -1 for none. */
static int header_band(const bandset *bs, const yoy_cell *cell, int em, int prefer,
		       bool redirect)
{
	int mid = (cell->x0 + cell->x1) / 2, target = -1, best_gap = (int)(0.8 * em);
	int best_off = 1 << 30, near_band = -1, near_gap = 1 << 30;
	for (size_t bi = 0; bi < bs->n; bi++) {
		if (mid < bs->b[bi].x0 || mid > bs->b[bi].x1)
			continue;
		int off = abs(mid - band_mid(&bs->b[bi]));
		/* text: a label over figures over a band of figures and one
		 * of words it shares (a name's tail under it) heads figures,
		 * a label over names the words */
		if (prefer && bs->b[bi].kind == prefer)
			off -= 1 << 20;
		if (off < best_off) {
			best_off = off;
			target = (int)bi;
		}
	}
	/* text: a side's names may run under the other side's figures
	 * (a three-sided 收支总表): a label over the one kind whose middle
	 * is over a band of the other heads the band of its kind that
	 * overlaps that one within two ems of it */
	bool other_kind = redirect && prefer && target >= 0 && bs->b[target].kind != prefer;
	for (size_t bi = 0; other_kind && bi < bs->n; bi++) {
		const band *bd = &bs->b[bi];
		int gap = cell->x1 < bd->x0 ? bd->x0 - cell->x1 : cell->x0 > bd->x1 ? cell->x0 - bd->x1 : 0;
		if (bd->kind == prefer && bands_overlap(bd, &bs->b[target]) && gap <= 2 * em) {
			target = (int)bi;
			break;
		}
	}
	if (target >= 0)
		return target;
	for (size_t bi = 0; bi < bs->n; bi++) {
		const band *bd = &bs->b[bi];
		int gap = 0, allowed = 0;
		if (cell->x1 <= bd->x0) {
			gap = bd->x0 - cell->x1;
			allowed = bd->kind == 2 ? em * 5 / 2 : best_gap;
		} else if (cell->x0 >= bd->x1) {
			gap = cell->x0 - bd->x1;
			allowed = best_gap;
		}
		if (gap <= allowed && (near_band < 0 || gap < near_gap)) {
			near_gap = gap;
			near_band = (int)bi;
		}
	}
	return near_band;
}

/* One header line: spanning labels, and each other cell appended as a
 * fragment of the band it heads.  Two cells of one line cannot name one
 * column: the farther one heads a column with no figures. */
static void header_line(grid *g, bandset *bs, const yoy_line *l)
{
	int em = l->y1 - l->y0 > 0 ? l->y1 - l->y0 : 100;
	int targets[64], dists[64];
	size_t nc = l->ncells < 64 ? l->ncells : 64;
	bool words_only = code_header_with_figures(l);
	for (size_t c = 0; c < nc; c++) {
		const yoy_cell *cell = &l->cells[c];
		targets[c] = -1;
		dists[c] = 0;
		if (!cell->len || (words_only && amount_cell(cell->text)) ||
		    header_span(g, bs, cell))
			continue;
		int prefer = 0;
		if (l->page == 0 && line_positioned(l))
			prefer = value_label(cell) ? 2 : name_label(cell) ? 1 : 0;
		targets[c] = header_band(bs, cell, em, prefer, known_label(cell->text));
		if (targets[c] >= 0)
			dists[c] = abs((cell->x0 + cell->x1) / 2 - band_mid(&bs->b[targets[c]]));
	}
	int lost[64];
	for (size_t c = 0; c < nc; c++) {
		lost[c] = -1;
		for (size_t d = 0; d < nc; d++)
			if (c != d && targets[c] >= 0 && targets[c] == targets[d] &&
			    (dists[d] < dists[c] || (dists[d] == dists[c] && d < c))) {
				lost[c] = targets[c];
				targets[c] = -2;
			}
	}
	/* text copied out of a PDF sets labels off their figures: the
	 * farther of two, a label yoy knows, heads the column of figures
	 * beside theirs on its side, when no label of the line does */
	for (size_t c = 0; c < nc && l->page == 0 && line_positioned(l); c++) {
		if (lost[c] < 0 || !known_label(l->cells[c].text))
			continue;
		const yoy_cell *cell = &l->cells[c];
		int side = (cell->x0 + cell->x1) / 2 > band_mid(&bs->b[lost[c]]) ? 1 : -1;
		int to = lost[c] + side;
		bool taken = false;
		for (size_t d = 0; d < nc; d++)
			taken = taken || targets[d] == to;
		if (to >= 0 && (size_t)to < bs->n && bs->b[to].kind == 2 && !taken)
			targets[c] = to;
	}
	for (size_t c = 0; c < nc; c++) {
		const yoy_cell *cell = &l->cells[c];
		if (!cell->len || targets[c] < 0)
			continue;
		band *bd = &bs->b[targets[c]];
		/* fragments of one line join directly ("金" "额"); lines
		 * are separated so the leaf can be told from its parent */
		if (bd->frag && bd->frag_y != l->no)
			cell_join(g, &bd->frag, "\x1f", false);
		cell_join(g, &bd->frag, cell->text, false);
		bd->frag_y = l->no;
		bd->label_mid = (cell->x0 + cell->x1) / 2;
		if (!g->top[targets[c]])
			g->top[targets[c]] = strdup(cell->text);
	}
}

/* The "类 款 项" of code_header_below over the code columns, which a
 * text copy does not set it over ("项" nearer 款's column than its own):
 * the k-th part heads the k-th column, when as many columns lead the
 * table before its first of words. */
static void code_header_line(grid *g, bandset *bs, const yoy_line *l)
{
	yoy_line moved = *l;
	yoy_cell cells[MAX_COLS * 2];
	size_t nc = l->ncells < MAX_COLS * 2 ? l->ncells : MAX_COLS * 2, k = 0;
	memcpy(cells, l->cells, nc * sizeof *cells);
	for (size_t c = 0; c < nc; c++) {
		if (!cells[c].len)
			continue;
		if (k >= bs->n || bs->b[k].kind == 1) {
			header_line(g, bs, l);
			return;
		}
		cells[c].x0 = bs->b[k].x0;
		cells[c].x1 = bs->b[k].x1;
		k++;
	}
	moved.cells = cells;
	moved.ncells = nc;
	header_line(g, bs, &moved);
}

/* Whether cell holds one CJK character alone. */
static bool lone_cjk(const yoy_cell *cell)
{
	size_t adv;
	uint32_t cp = cell->len ? utf8_decode(cell->text, cell->len, &adv) : 0;
	return cp >= 0x3400 && adv == cell->len;
}

/* Two labels yoy knows one blank apart ("基本支出 项目支出": pdftotext
 * left one blank between two columns' labels), which together it does
 * not, are two cells, x split by width: out[0] and out[1], their texts
 * in texts.  False when cell is no such pair. */
static bool split_labels(yoy_cell *out, char (*texts)[64], const yoy_cell *cell)
{
	const char *sp = cell->len < 64 ? memchr(cell->text, ' ', cell->len) : NULL;
	if (!sp)
		return false;
	size_t head = (size_t)(sp - cell->text), tail = cell->len - head - 1;
	if (memchr(sp + 1, ' ', tail) || known_label(cell->text))
		return false;
	snprintf(texts[0], 64, "%.*s", (int)head, cell->text);
	snprintf(texts[1], 64, "%.*s", (int)tail, sp + 1);
	if (!known_label(texts[0]) || !known_label(texts[1]))
		return false;
	long w0 = (long)utf8_width(texts[0]), w = (long)utf8_width(cell->text);
	long span = cell->x1 - cell->x0;
	w = w ? w : 1;
	out[0] = out[1] = *cell;
	out[0].text = texts[0];
	out[0].len = head;
	out[0].x1 = cell->x0 + (int)(span * w0 / w);
	out[1].text = texts[1];
	out[1].len = tail;
	out[1].x0 = cell->x0 + (int)(span * (w0 + 1) / w);
	return true;
}

/* header_line, after joining a label text copied out of a PDF spells
 * out letter-spaced ("金   额", "项    目" as the PDF spaces them): lone
 * CJK characters a few columns apart on a line make one cell when
 * together they are a label yoy knows and apart they are not
 * ("类 款 项" stay three). */
static void header_line_spaced(grid *g, bandset *bs, const yoy_line *l)
{
	if (l->page != 0 || !line_positioned(l) || l->ncells > MAX_COLS * 2) {
		header_line(g, bs, l);
		return;
	}
	yoy_line joined = *l;
	yoy_cell cells[MAX_COLS * 2];
	char texts[MAX_COLS * 2][16], split[MAX_COLS * 2][64];
	size_t nc = 0;
	for (size_t c = 0; c < l->ncells && nc < MAX_COLS * 2;) {
		if (nc + 1 < MAX_COLS * 2 && split_labels(&cells[nc], &split[nc], &l->cells[c])) {
			nc += 2;
			c++;
			continue;
		}
		size_t best = c;
		char text[16] = "";
		for (size_t e = c; e < l->ncells && e < c + 4 && lone_cjk(&l->cells[e]) &&
				   (e == c || l->cells[e].x0 - l->cells[e - 1].x1 <= 100);
		     e++) {
			size_t have = strlen(text);
			snprintf(text + have, sizeof text - have, "%s", l->cells[e].text);
			if (e > c && known_label(text) && !code_part_label(text)) {
				best = e;
				memcpy(texts[nc], text, sizeof text);
			}
		}
		cells[nc] = l->cells[c];
		if (best > c) {
			cells[nc].text = texts[nc];
			cells[nc].len = strlen(texts[nc]);
			cells[nc].x1 = l->cells[best].x1;
		}
		nc++;
		c = best + 1;
	}
	joined.cells = cells;
	joined.ncells = nc;
	header_line(g, bs, &joined);
}

/* A band's label from its fragments: the leaf is the shortest run of
 * bottom fragments that names a known column ("类" under "编码",
 * "经营收入" under "事业单位" does not count alone); what is above it is
 * the parent, unless a spanning label is. */
static void name_column(grid *g, size_t bi, band *bd)
{
	char *parts[16];
	size_t np = 0;
	char *f = bd->frag;
	while (f && *f && np < 16) {
		if (*f == '\x1f') {
			*f++ = '\0';
			continue;
		}
		parts[np++] = f;
		f += strcspn(f, "\x1f");
	}
	size_t take = np;
	sbuf t, leaf, rest;
	sbuf_init(&t);
	for (size_t s = 1; s <= np; s++) {
		sbuf_reset(&t);
		for (size_t k = np - s; k < np; k++)
			sbuf_puts(&t, parts[k]);
		if (known_label(sbuf_cstr(&t))) {
			take = s;
			break;
		}
	}
	sbuf_free(&t);
	sbuf_init(&leaf);
	sbuf_init(&rest);
	for (size_t k = 0; k < np; k++)
		sbuf_puts(k >= np - take ? &leaf : &rest, parts[k]);
	g->leaf[bi] = dup_or_null(sbuf_cstr(&leaf));
	g->parent[bi] = bd->span ? strdup(bd->span) : dup_or_null(sbuf_cstr(&rest));
	g->above[bi] = dup_or_null(sbuf_cstr(&rest));
	sbuf_free(&leaf);
	sbuf_free(&rest);
}

/* "2,336.91603.14": two figures set so close that the line kept them as
 * one cell.  Where the second starts (its first digit), when the text is
 * two amounts of the same decimals glued; 0 otherwise. */
static size_t glued_amounts(const char *s)
{
	const char *last = strrchr(s, '.'), *first = strchr(s, '.');
	if (!last || first == last)
		return 0;
	size_t d = strlen(last + 1);
	if (d < 1 || d > 4 || strspn(last + 1, "0123456789") != d)
		return 0;
	size_t at = (size_t)(first - s) + 1 + d;
	if (strspn(first + 1, "0123456789") < d || !s[at] || s[at] == ',' || s[at] == '.')
		return 0;
	char head[64];
	if (at >= sizeof head)
		return 0;
	memcpy(head, s, at);
	head[at] = '\0';
	return amount_cell(head) && amount_cell(s + at) && strchr(s + at, '.') == last ? at
														  : 0;
}

/* A glued pair's halves go to the figure bands under them, when it lies
 * over two: split at the characters' share of its width.  False when it
 * is not such a pair. */
static bool place_glued(grid *g, grid_row *r, const bandset *bs, const yoy_cell *cell)
{
	size_t at = glued_amounts(cell->text);
	if (!at)
		return false;
	size_t figure_bands = 0;
	for (size_t bi = 0; bi < bs->n; bi++)
		if (bs->b[bi].kind == 2 && bs->b[bi].x0 < cell->x1 && cell->x0 < bs->b[bi].x1)
			figure_bands++;
	if (figure_bands < 2)
		return false;
	int cut = cell->x0 + (int)((int64_t)(cell->x1 - cell->x0) * (int64_t)at /
				   (int64_t)cell->len);
	char head[64];
	memcpy(head, cell->text, at);
	head[at] = '\0';
	yoy_cell a = { head, at, cell->x0, cut }, b = { cell->text + at, cell->len - at, cut,
							  cell->x1 };
	int ba = band_of(bs->b, bs->n, &a, false), bb = band_of(bs->b, bs->n, &b, false);
	if (ba < 0 || bb < 0 || ba == bb)
		return false;
	cell_join(g, &r->cell[ba], a.text, false);
	cell_join(g, &r->cell[bb], b.text, false);
	return true;
}

/* The made columns (drifted_columns) a row's k figures go to, in order,
 * into to[]: all of them in turn for a complete row; for a row with
 * blanks, the columns whose right edges the figures' fit best after one
 * shift common to the row (its drift), of equally good fits the one
 * shifted least -- the gaps between a row's figures survive the drift,
 * their places do not.  False when there are too many columns to try
 * (then the row goes by position). */
static bool fit_columns(size_t *to, const yoy_cell *const *f, size_t k, const bandset *bs)
{
	size_t m = bs->trailing;
	int right[MAX_COLS];
	for (size_t i = 0; i < m; i++)
		right[i] = bs->b[made_band(bs, i)].x1;
	if (k == m) {
		for (size_t i = 0; i < k; i++)
			to[i] = i;
		return true;
	}
	if (m > 12)
		return false;
	size_t c[MAX_COLS];
	long best_err = -1, best_shift = 0;
	for (size_t i = 0; i < k; i++)
		c[i] = i;
	for (;;) {
		/* this choice: the median shift, and the spread about it */
		int d[MAX_COLS], sorted[MAX_COLS];
		long err = 0;
		for (size_t i = 0; i < k; i++)
			sorted[i] = d[i] = right[c[i]] - f[i]->x1;
		qsort(sorted, k, sizeof *sorted, cmp_int);
		long shift = bs->anchored ? d[0] : sorted[k / 2];
		for (size_t i = 0; i < k; i++)
			err += labs(d[i] - shift);
		/* within a column (10 units) counts as as good */
		if (best_err < 0 || err + 10 < best_err ||
		    (err <= best_err + 10 && labs(shift) < labs(best_shift))) {
			best_err = err;
			best_shift = shift;
			memcpy(to, c, k * sizeof *c);
		}
		/* the next k of m, in lexicographic order */
		size_t i = k;
		while (i > 0 && c[i - 1] == m - k + i - 1)
			i--;
		if (i == 0 || (bs->anchored && i == 1))
			break; /* anchored: the first figure stays in the first */
		c[i - 1]++;
		for (size_t j = i; j < k; j++)
			c[j] = c[j - 1] + 1;
	}
	return true;
}

/* A piece of a row set at another height, figures alone (the total's
 * split over two lines), on an anchored grid: it has no total of its own
 * to anchor on, so its figures go to the made columns whose right edges
 * are nearest, in order, into to[]. */
static void nearest_columns(size_t *to, const yoy_cell *const *f, size_t k, const bandset *bs)
{
	size_t m = bs->trailing, from = 0;
	for (size_t i = 0; i < k; i++) {
		size_t best = from;
		for (size_t j = from; j + (k - i) <= m; j++) {
			int d = abs(bs->b[made_band(bs, j)].x1 - f[i]->x1);
			if (d < abs(bs->b[made_band(bs, best)].x1 - f[i]->x1))
				best = j;
		}
		to[i] = best;
		from = best + 1;
	}
}

/* Text copied out of a PDF: a row whose figures crowd into one band
 * (pdftotext pulled a short-named row's figures left, "行政单位医疗
 * 60.99    60.99" both under 本年收入合计) has them in order from the
 * band of its first, one to a band of figures: to[i] the band of f[i]. */
static bool crowded_figures(const bandset *bs, const yoy_line *l, const yoy_cell *const *f,
			    size_t nf, int *to)
{
	if (l->page != 0 || nf < 2)
		return false;
	bool crowded = false;
	for (size_t i = 0; i < nf; i++) {
		to[i] = band_of(bs->b, bs->n, f[i], false);
		crowded = crowded || (i && to[i] >= 0 && to[i] == to[i - 1]);
	}
	if (!crowded || to[0] < 0)
		return false;
	for (size_t i = 1, bi = (size_t)to[0] + 1; i < nf; i++, bi++) {
		while (bi < bs->n && bs->b[bi].kind != 2)
			bi++;
		if (bi == bs->n)
			return false;
		to[i] = (int)bi;
	}
	return true;
}

/* Whether cell holds a figure (not a code). */
static bool figure_cell(const char *cell)
{
	return cell && amount_cell(cell) && !is_code(cell);
}

/* Grid column c removed, the columns after it moved left. */
static void drop_column(grid *g, size_t c)
{
	free(g->leaf[c]);
	free(g->parent[c]);
	free(g->top[c]);
	free(g->above[c]);
	size_t after = g->ncols - c - 1;
#define SHIFT(a) memmove(&(a)[c], &(a)[c + 1], after * sizeof *(a))
	SHIFT(g->leaf);
	SHIFT(g->parent);
	SHIFT(g->top);
	SHIFT(g->above);
	SHIFT(g->textual);
	for (size_t ri = 0; ri < g->nrows; ri++) {
		free(g->rows[ri].cell[c]);
		SHIFT(g->rows[ri].cell);
		SHIFT(g->rows[ri].merged);
		g->rows[ri].cell[g->ncols - 1] = NULL;
		g->rows[ri].merged[g->ncols - 1] = false;
	}
#undef SHIFT
	g->ncols--;
	g->leaf[g->ncols] = g->parent[g->ncols] = g->top[g->ncols] = g->above[g->ncols] = NULL;
	g->textual[g->ncols] = false;
}

/* Band from's figures moved into band to's cells where those are blank;
 * true when from is left empty, no column any more. */
static bool move_band(grid *g, size_t from, size_t to)
{
	bool moved = false, left = false;
	for (size_t ri = 0; ri < g->nrows; ri++) {
		grid_row *r = &g->rows[ri];
		if (!r->cell[from])
			continue;
		if (!figure_cell(r->cell[from]) || r->cell[to]) {
			left = true; /* a column of codes keeps its label */
			continue;
		}
		r->cell[to] = r->cell[from];
		r->cell[from] = NULL;
		moved = true;
	}
	return moved && !left;
}

static bool bands_overlap(const band *a, const band *b)
{
	return a->x0 < b->x1 && b->x0 < a->x1;
}

/* Whether no row has figures in both bands a and b. */
static bool bands_disjoint(const grid *g, size_t a, size_t b)
{
	for (size_t ri = 0; ri < g->nrows; ri++)
		if (g->rows[ri].line && figure_cell(g->rows[ri].cell[a]) &&
		    figure_cell(g->rows[ri].cell[b]))
			return false;
	return true;
}

/* Text copied out of a PDF aligns each page apart, so a table over two
 * pages may set a column of figures in two bands (a 政府采购 table's
 * 总计, page 2 a few columns left of page 1; a 收支总表's 十八、住房保障
 * 支出 a page down, three columns right) -- the other band then
 * unlabelled, or under a label of words its page shifted there, and a
 * table read as two-sided.  When exactly one band of figures is labelled
 * with a column yoy knows and no row has figures in two bands, every
 * figure is that column's.  Else an unlabelled band of figures beside a
 * labelled one, no band of words between them and no row with figures
 * in both, is part of that one. */
static void stray_figure_bands(grid *g, const bandset *bs)
{
	for (size_t ri = 0; ri < g->nrows; ri++)
		if (g->rows[ri].line && g->rows[ri].line->page != 0)
			return; /* a PDF's: its pages share their columns */
	bool gone[MAX_COLS] = { false };
	int keyed = -1;
	bool keyed_band[MAX_COLS] = { false }, unlabelled[MAX_COLS] = { false };
	sbuf n;
	sbuf_init(&n);
	for (size_t bi = 0; bi < bs->n; bi++) {
		if (bs->b[bi].kind != 2)
			continue;
		label_norm(&n, g->leaf[bi] ? g->leaf[bi] : "");
		keyed_band[bi] = *sbuf_cstr(&n) && column_key(sbuf_cstr(&n));
		unlabelled[bi] = !*sbuf_cstr(&n);
		if (keyed_band[bi])
			keyed = keyed == -1 ? (int)bi : -2; /* -2: several */
	}
	sbuf_free(&n);
	if (keyed >= 0) {
		for (size_t ri = 0; ri < g->nrows; ri++) {
			const grid_row *r = &g->rows[ri];
			size_t figures = 0;
			for (size_t bi = 0; r->line && bi < bs->n; bi++)
				figures += bs->b[bi].kind == 2 && figure_cell(r->cell[bi]);
			if (figures > 1)
				return;
		}
		for (size_t bi = 0; bi < bs->n; bi++)
			if (bs->b[bi].kind == 2 && (int)bi != keyed)
				gone[bi] = move_band(g, bi, (size_t)keyed);
	}
	for (size_t bi = 0; keyed < 0 && bi < bs->n; bi++) {
		if (!unlabelled[bi])
			continue;
		/* the nearest labelled band of figures either side, none of
		 * words between */
		int to = -1;
		size_t dist = 0;
		for (int dir = -1; dir <= 1; dir += 2)
			for (long k = (long)bi + dir; k >= 0 && k < (long)bs->n; k += dir) {
				/* words under either band's figures part nothing */
				if (bs->b[k].kind == 1 && !bands_overlap(&bs->b[k], &bs->b[bi]) &&
				    (k + dir < 0 || k + dir >= (long)bs->n ||
				     !bands_overlap(&bs->b[k], &bs->b[k + dir])))
					break;
				if (bs->b[k].kind == 1)
					continue;
				if (!keyed_band[k])
					continue;
				size_t d = (size_t)labs(k - (long)bi);
				if (to < 0 || d < dist) {
					to = (int)k;
					dist = d;
				}
				break;
			}
		if (to >= 0 && bands_disjoint(g, bi, (size_t)to))
			gone[bi] = move_band(g, bi, (size_t)to);
	}
	for (size_t bi = bs->n; bi-- > 0;)
		if (gone[bi] && bi < g->ncols)
			drop_column(g, bi);
}

/* Each body line as a grid row, every cell in its band. */
static void place_rows(grid *g, const bandset *bs, const yoy_line *const *region, size_t nr,
		       yoy_table_kind kind)
{
	for (size_t k = 0; k < nr && !g->oom; k++) {
		const yoy_line *l = region[k];
		bool header_words = code_header_with_figures(l);
		grid_row *r = grid_add(g, l, !header_words && is_data_row(l, kind));
		if (!r)
			return;
		/* a row of text on a drifting grid: its figures by order, into
		 * the made columns (fit_columns) */
		const yoy_cell *f[MAX_COLS];
		size_t to[MAX_COLS];
		size_t nf = header_words ? 0 : trailing_figures(l, f, MAX_COLS);
		bool by_order = bs->trailing && nf && nf <= bs->trailing && fit_columns(to, f, nf, bs);
		if (by_order && bs->anchored && nf < bs->trailing && figures_alone(l))
			nearest_columns(to, f, nf, bs);
		int crowded_to[MAX_COLS];
		bool crowded = !bs->trailing && crowded_figures(bs, l, f, nf, crowded_to);
		for (size_t c = 0; c < l->ncells; c++) {
			const yoy_cell *cell = &l->cells[c];
			if (!cell->len || (header_words && !amount_cell(cell->text)))
				continue;
			if ((by_order || crowded) && cell >= f[0])
				continue;
			if (place_glued(g, r, bs, cell))
				continue;
			int bi = band_of(bs->b, bs->n, cell, !amount_cell(cell->text));
			if (bi >= 0)
				cell_join(g, &r->cell[bi], cell->text, false);
		}
		for (size_t i = 0; by_order && i < nf; i++)
			cell_join(g, &r->cell[made_band(bs, to[i])], f[i]->text, false);
		for (size_t i = 0; crowded && i < nf; i++)
			cell_join(g, &r->cell[crowded_to[i]], f[i]->text, false);
	}
}

/* Whether row r, not a data row, is a wrapped fragment of row o, above
 * (dir 1) or below (dir 0) it.  A short tail ("出") ends the name on the
 * line above, figure or not, and may be the first line of the next page;
 * other wrapped lines sit closer than rows: within 1.3 line heights of a
 * row's figures, 1.8 of a name's start.  The fragment must fit in the
 * row's blank cells. */
/* Words of r that start a row of their own: an ordinal ("三、", "（一）")
 * or a code. */
static bool starts_row(const grid_row *r, size_t nb)
{
	for (size_t c = 0; c < nb; c++)
		if (r->cell[c])
			return skip_ordinal(r->cell[c]) != r->cell[c] || is_code(r->cell[c]);
	return false;
}

/* A line of words below a row of figures, set closer to it than to the
 * line after it (by a fifth of a line at least: a cell's lines are set
 * tighter than the padding between rows) is the rest of that row's cell
 * ("三、单位预留机" / "动经费"), however long, unless it starts a row of
 * its own.  A row printed without figures sits at the rows' own pitch. */
static bool tight_tail(const grid_row *r, const grid_row *o, const grid_row *after, size_t nb)
{
	if (!o->data || !after || !after->line || after->line->page != r->line->page ||
	    o->line->page != r->line->page)
		return false;
	int above = r->line->y0 - o->line->y0, below = after->line->y0 - r->line->y0;
	int h = r->line->y1 - r->line->y0;
	if (above <= 0 || above + h / 5 >= below || starts_row(r, nb))
		return false;
	/* the cell it ends was printed on the row's own line: a cell already
	 * joined from lines around its figures is a merged cell's, whose
	 * neighbours are rows of their own */
	for (size_t c = 0; c < nb; c++)
		if (r->cell[c] && (!o->cell[c] || o->merged[c]))
			return false;
	return true;
}

static bool wraps_as(grid_row *r, grid_row *o, int dir, size_t nb, bool dry, bool tail);

/* The words cell of line l in band b, or NULL. */
static const yoy_cell *cell_in_band(const bandset *bs, const yoy_line *l, size_t b)
{
	for (size_t c = 0; c < l->ncells; c++)
		if (l->cells[c].len && !amount_cell(l->cells[c].text) &&
		    band_of(bs->b, bs->n, &l->cells[c], true) == (int)b)
			return &l->cells[c];
	return NULL;
}

/* Whether norm names a summary line ("上年结转资金", "结转下年资金": a
 * known line, two characters added at most) or a total. */
static bool summary_line_name(const char *norm)
{
	if (total_label(norm))
		return true;
	size_t len = strlen(norm);
	for (size_t i = 0; i < sizeof income_lines / sizeof *income_lines; i++)
		if (str_starts(norm, income_lines[i].name) && len <= strlen(income_lines[i].name) + 6)
			return true;
	for (size_t i = 0; i < sizeof expenditure_lines / sizeof *expenditure_lines; i++)
		if (str_starts(norm, expenditure_lines[i].name) &&
		    len <= strlen(expenditure_lines[i].name) + 6)
			return true;
	return false;
}

/* Whether a words cell of r, normalized, is one that names does. */
static bool row_names(const grid_row *r, size_t nb, bool (*names)(const char *norm))
{
	sbuf n;
	sbuf_init(&n);
	bool yes = false;
	for (size_t c = 0; c < nb && !yes; c++)
		if (r->cell[c] && !amount_cell(r->cell[c])) {
			name_norm(&n, r->cell[c]);
			yes = names(sbuf_cstr(&n));
		}
	sbuf_free(&n);
	return yes;
}

/* Whether a words cell of r names a summary line of its own. */
static bool names_summary_line(const grid_row *r, size_t nb)
{
	return row_names(r, nb, summary_line_name);
}

/* A words line below a row whose cell in that column ran to the
 * column's right edge (within one character), starting where that cell
 * starts, is the cell's next line ("机关事业单位基本养老保险" / "缴费支
 * 出"), however the lines are spaced, unless it starts a row of its own
 * or names a summary line. */
static bool filled_cell_tail(const bandset *bs, const grid_row *r, const grid_row *o,
			     size_t nb)
{
	if (!bs || !o->data || !o->line || o->line->page != r->line->page ||
	    r->line->y0 <= o->line->y0 || starts_row(r, nb) || names_summary_line(r, nb))
		return false;
	int em = r->line->y1 - r->line->y0;
	if (r->line->y0 - o->line->y0 > 2 * em)
		return false;
	bool any = false;
	for (size_t c = 0; c < nb; c++) {
		if (!r->cell[c])
			continue;
		const yoy_cell *above = cell_in_band(bs, o->line, c),
			       *below = cell_in_band(bs, r->line, c);
		if (!above || !below || bs->b[c].x1 - above->x1 > em ||
		    abs(below->x0 - above->x0) > em / 2)
			return false;
		any = true;
	}
	return any;
}

/* Whether r is a fragment of o's row: as a tail (the end of a cell of
 * the row above: two characters at most, a line set tight below its
 * figures, or below a cell that filled its column), or as the words of
 * other columns beside o's. */
static bool wraps_onto(const bandset *bs, grid_row *r, grid_row *o, int dir, size_t nb,
		       bool dry, const grid_row *after)
{
	bool tail = dir == 1 && o->line && short_cells(r);
	if (wraps_as(r, o, dir, nb, true, tail))
		return dry || wraps_as(r, o, dir, nb, false, tail);
	if (dir == 1 && !tail && o->line &&
	    (tight_tail(r, o, after, nb) || filled_cell_tail(bs, r, o, nb)) &&
	    wraps_as(r, o, dir, nb, true, true))
		return dry || wraps_as(r, o, dir, nb, false, true);
	return false;
}

static bool wraps_as(grid_row *r, grid_row *o, int dir, size_t nb, bool dry, bool tail)
{
	int h = r->line->y1 - r->line->y0;
	int reach = tail ? h * 18 / 10 : h * 13 / 10;
	if ((!o->data && !tail) || !o->line)
		return false;
	bool across = tail && r->line->page == o->line->page + 1;
	if (!across &&
	    (o->line->page != r->line->page || abs(o->line->y0 - r->line->y0) > reach))
		return false;
	if (tail) {
		bool same = false;
		for (size_t c = 0; c < nb; c++)
			if (r->cell[c] && o->cell[c])
				same = true;
		if (!same)
			return false;
		for (size_t c = 0; c < nb && !dry; c++)
			if (r->cell[c] && o->cell[c])
				o->merged[c] = true;
	}
	for (size_t c = 0; c < nb; c++)
		if (r->cell[c] && o->cell[c] && !tail && !(dir == 1 && o->merged[c]))
			return false;
	return true;
}

/* A wrapped cell's fragment line joins the row beside it: the next row
 * first (the fragment is its prefix), else the one above. */
/* The rows' names on lines of their own, below their codes and figures
 * (a 决算 sets the three at different heights in tall cells): the body
 * starts with a data row, as many lines of names follow as data rows,
 * and at most one data row in four has words in a column of words (a
 * long name may start beside its figures). */
static bool names_below(const grid *g, size_t nb)
{
	if (!g->nrows || !g->rows[0].data)
		return false;
	size_t names = 0, data = 0, worded = 0;
	for (size_t ri = 0; ri < g->nrows; ri++) {
		const grid_row *r = &g->rows[ri];
		if (!r->data) {
			names++;
			continue;
		}
		data++;
		for (size_t c = 0; c < nb; c++)
			if (g->textual[c] && r->cell[c] && !is_code(r->cell[c])) {
				worded++;
				break;
			}
	}
	return names >= data && worded * 4 <= data;
}

/* Open brackets less closing ones in s. */
static int open_brackets(const char *s)
{
	int n = 0;
	for (const char *p = s; *p; p++) {
		if (str_starts(p, "（") || *p == '(')
			n++;
		else if (str_starts(p, "）") || *p == ')')
			n--;
	}
	return n;
}

/* A fragment line that closes the bracket its row's cell left open, just
 * below it ("台式计算机（20" … "万以下）"), is that cell's end, wherever
 * the cell's start was joined from. */
static bool closes_bracket(const grid_row *r, const grid_row *o, size_t nb)
{
	if (!o || !o->line || !r->line || o->line->page != r->line->page)
		return false;
	int h = r->line->y1 - r->line->y0;
	if (r->line->y0 <= o->line->y0 || r->line->y0 - o->line->y0 > 2 * h)
		return false;
	bool any = false;
	for (size_t c = 0; c < nb; c++) {
		if (!r->cell[c])
			continue;
		if (!o->cell[c] || open_brackets(o->cell[c]) <= 0 || open_brackets(r->cell[c]) >= 0)
			return false;
		any = true;
	}
	return any;
}

static bool row_has_figure(const grid_row *r, size_t nb)
{
	for (size_t c = 0; c < nb; c++)
		if (r->cell[c] && amount_cell(r->cell[c]))
			return true;
	return false;
}

/* Whether a blank line stands between lines a and b (lines of one text,
 * a before b). */
static bool blank_between(const yoy_line *a, const yoy_line *b)
{
	for (const yoy_line *q = a + 1; q < b; q++)
		if (q->ncells == 0)
			return true;
	return false;
}

/* Whether piece p can join row r: a piece that starts a row of its own
 * ("2.政府性基金", the head of a wrapped name) only into cells r leaves
 * blank, any other (a name's tail, "算") only onto words r has. */
static bool joins_row(const grid_row *p, const grid_row *r, size_t nb)
{
	bool head = starts_row(p, nb), any = false;
	for (size_t c = 0; c < nb; c++) {
		if (!p->cell[c])
			continue;
		if (amount_cell(p->cell[c]) || (head ? r->cell[c] != NULL
							: !r->cell[c] || amount_cell(r->cell[c])))
			return false;
		any = true;
	}
	return any;
}

/* Row into takes the cells of fragment p, before its own with prefix. */
static void absorb(grid *g, grid_row *into, grid_row *p, size_t nb, bool prefix)
{
	for (size_t c = 0; c < nb; c++) {
		if (!p->cell[c])
			continue;
		cell_join(g, &into->cell[c], p->cell[c], prefix);
		into->merged[c] = true;
		free(p->cell[c]);
		p->cell[c] = NULL;
	}
	p->line = NULL; /* absorbed */
}

/* Text copied out of a PDF whose table sets its rows apart with blank
 * lines (`pdftotext -layout` of a table with tall rows): the lines with
 * no blank between them hold the rows whose names wrapped, the figures on
 * one line and the name's lines above and below it ("1.一般公共预" /
 * "21,940.96 …" / "算").  When two in three rows with figures stand apart
 * so, in each run of lines a line of words goes to a line of figures of
 * the run: one that starts a row (its ordinal or code) to the next, into
 * the cells that row leaves blank; another (a name's tail) to the one
 * before, onto its words.  Heads join before tails. */
static void join_blank_separated(grid *g, size_t nb)
{
	const grid_row *prev = NULL;
	size_t apart = 0, close = 0;
	for (size_t ri = 0; ri < g->nrows; ri++) {
		const grid_row *r = &g->rows[ri];
		if (!r->line || !row_has_figure(r, nb))
			continue;
		if (r->line->page != 0 || !line_positioned(r->line))
			return; /* a PDF's, or TAB text */
		if (prev) {
			if (blank_between(prev->line, r->line))
				apart++;
			else
				close++;
		}
		prev = r;
	}
	if (apart < 3 || apart < 2 * close)
		return;
	for (size_t first = 0, end; first < g->nrows; first = end) {
		/* the run [first, end): rows with no blank line between */
		end = first + 1;
		while (end < g->nrows && g->rows[end].line && g->rows[end - 1].line &&
		       !blank_between(g->rows[end - 1].line, g->rows[end].line))
			end++;
		for (int pass = 0; pass < 2; pass++) {
			for (size_t ri = first; ri < end; ri++) {
				grid_row *r = &g->rows[ri];
				if (!r->line || row_has_figure(r, nb) || starts_row(r, nb) != !pass)
					continue;
				/* a head: the next line of figures, nearest first
				 * (so a head above another goes on its front) */
				long step = pass ? -1 : 1;
				for (long k = (long)ri + step; k >= (long)first && k < (long)end; k += step) {
					grid_row *to = &g->rows[k];
					if (!to->line || !row_has_figure(to, nb))
						continue;
					if (joins_row(r, to, nb))
						absorb(g, to, r, nb, !pass);
					break;
				}
			}
		}
	}
}

static bool names_total(const grid_row *r, size_t nb);

/* Whether row r's words columns are all blank. */
static bool no_words(const grid *g, const grid_row *r, size_t nb)
{
	for (size_t c = 0; c < nb; c++)
		if (g->textual[c] && r->cell[c] && !is_code(r->cell[c]))
			return false;
	return true;
}

/* Whether p, a line of words alone, can be a piece of the name row r
 * leaves blank: words only in columns of words, no row of its own. */
static bool name_piece(const grid *g, const grid_row *p, size_t nb)
{
	if (!p->line || row_has_figure(p, nb) || starts_row(p, nb) || names_total(p, nb))
		return false;
	bool any = false;
	for (size_t c = 0; c < nb; c++) {
		if (!p->cell[c])
			continue;
		if (!g->textual[c])
			return false;
		any = true;
	}
	return any;
}

/* A row with figures and words of its own: whole on its line. */
static bool complete_row(const grid *g, const grid_row *r, size_t nb)
{
	return r->line && row_has_figure(r, nb) && !no_words(g, r, nb);
}

/* Text copied out of a PDF sets a tall row apart, its code and figures
 * on one line and its name, centred, on the lines above or below
 * ("208 05 05 … 160.75" / "机关事业单位基本养老保险" / "缴费支出"): in a
 * run of lines between blank lines or rows whole on their line, with one
 * line of figures that leaves its name blank, the lines of words alone
 * are its name. */
static void join_blank_bounded(grid *g, size_t nb)
{
	for (size_t first = 0, end; first < g->nrows; first = end) {
		end = first + 1;
		if (complete_row(g, &g->rows[first], nb))
			continue;
		while (end < g->nrows && g->rows[end].line && g->rows[end - 1].line &&
		       !blank_between(g->rows[end - 1].line, g->rows[end].line) &&
		       !complete_row(g, &g->rows[end], nb))
			end++;
		grid_row *r = NULL;
		size_t at = 0, pieces = 0;
		bool fits = g->rows[first].line && g->rows[first].line->page == 0 &&
			    line_positioned(g->rows[first].line);
		for (size_t ri = first; ri < end && fits; ri++) {
			grid_row *o = &g->rows[ri];
			if (o->line && row_has_figure(o, nb)) {
				fits = !r && starts_row(o, nb);
				r = o;
				at = ri;
			} else {
				fits = name_piece(g, o, nb);
				pieces++;
			}
		}
		if (!fits || !r || !pieces)
			continue;
		for (size_t ri = at; ri-- > first;)
			absorb(g, r, &g->rows[ri], nb, true);
		for (size_t ri = at + 1; ri < end; ri++)
			absorb(g, r, &g->rows[ri], nb, false);
	}
}

static void join_wrapped(grid *g, const bandset *bs, size_t nb)
{
	/* a fragment that fits both ways joins the next row (a label's start
	 * above its figures), or the one above when names sit below */
	bool below = names_below(g, nb);
	for (size_t ri = 0; ri < g->nrows; ri++) {
		grid_row *r = &g->rows[ri], *target = NULL;
		if (r->data || !r->line)
			continue;
		bool prefix = false;
		grid_row *next = ri + 1 < g->nrows ? &g->rows[ri + 1] : NULL;
		grid_row *prev = ri > 0 ? &g->rows[ri - 1] : NULL;
		bool to_next = next && wraps_onto(bs, r, next, 0, nb, true, NULL);
		bool to_prev = prev && wraps_onto(bs, r, prev, 1, nb, true, next);
		if (to_next && to_prev && below)
			to_next = false;

		if (closes_bracket(r, prev, nb)) {
			target = prev;
		} else if (to_next) {
			target = next;
			prefix = true;
		} else if (to_prev && wraps_onto(bs, r, prev, 1, nb, false, next)) {
			target = prev;
		}
		if (!target)
			continue; /* a row of its own (a line with no figure) */
		absorb(g, target, r, nb, prefix);
	}
}

/* A column headed 类 or …编码: a classification code's. */
static bool code_column(const grid *g, size_t c)
{
	if (!g->leaf[c])
		return false;
	sbuf n;
	sbuf_init(&n);
	label_norm(&n, g->leaf[c]);
	bool yes = strcmp(sbuf_cstr(&n), "类") == 0 || label_role(sbuf_cstr(&n)) == ROLE_CODE;
	sbuf_free(&n);
	return yes;
}

/* The line has a class code in a code column (either side of a table
 * printed in two halves). */
static bool coded_line(const grid *g, const grid_row *r, size_t nb)
{
	for (size_t c = 0; c < nb; c++)
		if (r->cell[c] && is_code(r->cell[c]) && code_column(g, c))
			return true;
	return false;
}

/* A 决算 sets a row's code, name and figure at different heights in tall
 * cells, so a row prints as two or three lines.  That is the layout when
 * most lines with a class code have no words beside it. */
static bool codes_apart(const grid *g, size_t nb)
{
	size_t coded = 0, worded = 0;
	for (size_t ri = 0; ri < g->nrows; ri++) {
		const grid_row *r = &g->rows[ri];
		if (!r->line || !coded_line(g, r, nb))
			continue;
		coded++;
		for (size_t c = 1; c < nb; c++)
			if (g->textual[c] && r->cell[c] && !is_code(r->cell[c])) {
				worded++;
				break;
			}
	}
	return coded >= 3 && worded * 4 <= coded;
}

/* Piece r can join line o: it fills o's blank cells, or, below o, goes on
 * with o's words ("机关事业单位基本养老保险缴" / "费"). */
static bool fits_into(const grid *g, const grid_row *r, const grid_row *o, size_t nb)
{
	bool below = (r->line->y0 + r->line->y1) > (o->line->y0 + o->line->y1);
	for (size_t c = 0; c < nb; c++)
		if (r->cell[c] && o->cell[c] && !(below && g->textual[c]))
			return false;
	return true;
}

static int centre(const grid_row *r)
{
	return (r->line->y0 + r->line->y1) / 2;
}

/* A row of figures without a word or a code beside them. */
static bool figures_only(const grid_row *r, size_t nb)
{
	bool any = false;
	for (size_t c = 0; c < nb; c++) {
		if (!r->cell[c])
			continue;
		if (!amount_cell(r->cell[c]))
			return false;
		any = true;
	}
	return any;
}

/* A row with words and figures of its own on its line: the one a line
 * of figures set at another height can belong to (a label alone on its
 * line is the row of figures beside it, joined as a wrapped cell). */
static bool labelled(const grid_row *r, size_t nb)
{
	if (!r->line || figures_only(r, nb) || short_cells(r))
		return false;
	for (size_t c = 0; c < nb; c++)
		if (r->cell[c] && amount_cell(r->cell[c]))
			return true;
	return false;
}

/* The row names a total ("人员经费合计"): a row of its own, never a piece
 * of a coded row. */
static bool names_total(const grid_row *r, size_t nb)
{
	return row_names(r, nb, total_label);
}

/* Text copied out of a PDF: "合计" alone on its line, the total row's
 * figures (r) on a line of their own near it -- a 决算 sets them beside
 * the header's last line, which pdftotext prints between them. */
static bool total_label_alone(const grid_row *o, const grid_row *r, size_t nb)
{
	return r->line->page == 0 && o->line->page == 0 && !row_has_figure(o, nb) &&
	       names_total(o, nb);
}

/* A row of figures alone cannot stand by itself: some columns of a row
 * were set higher or lower than its words and other figures (a 决算 sets
 * 基本支出 and 项目支出 a third of a line above 合计, and a 合计 row's
 * figures beside the 类 款 项 header).  Such a line is a piece of the
 * labelled row nearest it on the page, within two line heights, where it
 * fits.  In the codes-apart layout (all_pieces) each line without a code
 * is a piece of the nearest coded line (or total). */
static void join_pieces(grid *g, size_t nb, bool all_pieces)
{
	/* one row's figures split over two lines are one piece, at the lower */
	for (size_t ri = 0; ri + 1 < g->nrows; ri++) {
		grid_row *r = &g->rows[ri], *next = &g->rows[ri + 1];
		if (r->line && next->line && r->line->page == 0 && figures_only(r, nb) &&
		    figures_only(next, nb) && split_figures(r->line, next->line) &&
		    fits_into(g, r, next, nb))
			absorb(g, next, r, nb, true);
	}
	for (size_t ri = 0; ri < g->nrows; ri++) {
		grid_row *r = &g->rows[ri], *best = NULL;
		if (!r->line)
			continue;
		bool coded_only = all_pieces && !coded_line(g, r, nb) && !names_total(r, nb);
		if (!coded_only && !figures_only(r, nb))
			continue;
		int reach = 2 * (r->line->y1 - r->line->y0), best_d = 1 << 30;
		for (size_t oi = 0; oi < g->nrows; oi++) {
			grid_row *o = &g->rows[oi];
			if (oi == ri || !o->line || o->line->page != r->line->page)
				continue;
			/* near enough first: what a row is costs more to tell */
			int d = abs(centre(o) - centre(r));
			/* the label alone may stand a line farther, past the
			 * header's last line */
			bool alone = !coded_only && total_label_alone(o, r, nb);
			if (d > (alone ? reach * 3 / 2 : reach) || d >= best_d || !fits_into(g, r, o, nb) ||
			    !(coded_only ? coded_line(g, o, nb) || names_total(o, nb)
					 : alone || labelled(o, nb)))
				continue;
			best_d = d;
			best = o;
		}
		if (!best)
			continue;
		bool prefix = centre(r) < centre(best);
		for (size_t c = 0; c < nb; c++) {
			if (!r->cell[c])
				continue;
			cell_join(g, &best->cell[c], r->cell[c], prefix);
			free(r->cell[c]);
			r->cell[c] = NULL;
		}
		best->data = true;
		r->line = NULL; /* absorbed */
	}
}

/* A row's words cell set centred over three lines in a tall row
 * ("台式计算机" / "（20万以" beside the figure / "上）"): a words line just
 * above the row and one just below it, as far from it as each other
 * (within a quarter line), within two line heights (a cell's lines are
 * set closer than rows: Jiangsu's one-line rows are 2.5 apart), with
 * words only in columns where the row has words, are that cell's first
 * and last lines.  The symmetry is the mark: a label row above or below
 * a row is not mirrored by another on the other side.  Never a line that
 * starts a row of its own or names a total. */
static bool centred_piece(const grid_row *p, const grid_row *r, size_t nb)
{
	if (!p || p->data || !p->line || p->line->page != r->line->page || starts_row(p, nb) ||
	    names_total(p, nb))
		return false;
	bool any = false;
	for (size_t c = 0; c < nb; c++) {
		if (!p->cell[c])
			continue;
		if (amount_cell(p->cell[c]) || !r->cell[c] || amount_cell(r->cell[c]))
			return false;
		any = true;
	}
	return any;
}

static grid_row *next_unjoined(grid *g, size_t ri, int dir)
{
	for (long k = (long)ri + dir; k >= 0 && k < (long)g->nrows; k += dir)
		if (g->rows[k].line)
			return &g->rows[k];
	return NULL;
}

/* Text copied out of a PDF sets a name centred over two lines in a tall
 * row around the line of its code and figures, its cell there blank
 * ("机关事业单位基本养老保险" / "30108 … 1,064.46" / "缴费"): piece p
 * (the line just above or below r, other the one on r's other side)
 * has words only where r has words, or where r is blank and other has
 * words too. */
static bool centred_text_piece(const grid_row *p, const grid_row *r, const grid_row *other,
			       size_t nb)
{
	if (!p || !other || p->data || !p->line || !other->line || r->line->page != 0 ||
	    p->line->page != 0 || names_total(p, nb))
		return false;
	/* a row's head ("2.政府性基金预" / "算" around "三、国防支出") only
	 * into a cell r leaves blank */
	for (size_t c = 0; c < nb && starts_row(p, nb); c++)
		if (p->cell[c]) {
			if (r->cell[c])
				return false;
			break;
		}
	bool any = false;
	for (size_t c = 0; c < nb; c++) {
		if (!p->cell[c])
			continue;
		if (amount_cell(p->cell[c]) ||
		    (r->cell[c] ? amount_cell(r->cell[c])
				: !other->cell[c] || amount_cell(other->cell[c])))
			return false;
		any = true;
	}
	return any;
}

/* Row r takes the pieces of its cells set above it (a) and below (b). */
static void join_around(grid *g, grid_row *r, grid_row *a, grid_row *b, size_t nb)
{
	for (size_t c = 0; c < nb; c++) {
		if (a->cell[c]) {
			cell_join(g, &r->cell[c], a->cell[c], true);
			free(a->cell[c]);
			a->cell[c] = NULL;
		}
		if (b->cell[c]) {
			cell_join(g, &r->cell[c], b->cell[c], false);
			free(b->cell[c]);
			b->cell[c] = NULL;
		}
	}
	a->line = b->line = NULL;
}

/* Text: the pieces of a name centred around its row join it before any
 * other join can take one of them for a row's tail or head. */
static void join_centred_text(grid *g, size_t nb)
{
	for (size_t ri = 1; ri + 1 < g->nrows; ri++) {
		grid_row *r = &g->rows[ri], *a = &g->rows[ri - 1], *b = &g->rows[ri + 1];
		if (!r->data || !r->line || !a->line || !b->line || a->line + 1 != r->line ||
		    r->line + 1 != b->line || !centred_text_piece(a, r, b, nb) ||
		    !centred_text_piece(b, r, a, nb))
			continue;
		join_around(g, r, a, b, nb);
	}
}

static void join_centred(grid *g, size_t nb)
{
	for (size_t ri = 0; ri < g->nrows; ri++) {
		grid_row *r = &g->rows[ri];
		if (!r->data || !r->line)
			continue;
		grid_row *a = next_unjoined(g, ri, -1), *b = next_unjoined(g, ri, 1);
		if (!centred_piece(a, r, nb) || !centred_piece(b, r, nb))
			continue;
		int h = r->line->y1 - r->line->y0;
		int da = centre(r) - centre(a), db = centre(b) - centre(r);
		if (da <= 0 || db <= 0 || da > h * 2 || db > h * 2 || abs(da - db) > h / 4 ||
		    names_total(r, nb))
			continue;
		join_around(g, r, a, b, nb);
	}
}

/* Whether a header cell's label has role (a code part's, "类", counts
 * as no value label). */
static bool label_of_role(const yoy_cell *cell, col_role role)
{
	if (!cell->len)
		return false;
	sbuf nm;
	sbuf_init(&nm);
	name_norm(&nm, cell->text);
	const char *norm = sbuf_cstr(&nm);
	bool yes = *norm && label_role(norm) == role &&
		   !(role == ROLE_VALUE && code_part_label(norm));
	sbuf_free(&nm);
	return yes;
}

/* A header label over figures: not a code's, a code part's or a name's. */
static bool value_label(const yoy_cell *cell)
{
	return label_of_role(cell, ROLE_VALUE);
}

/* A header label over names (项目名称, 功能科目名称). */
static bool name_label(const yoy_cell *cell)
{
	return label_of_role(cell, ROLE_NAME);
}

/* On a drifting grid the header drifts too, so its labels cannot be put
 * over the figures by where they stand: the lowest header line with one
 * label over figures for each made column gives them in order.  Returns
 * that line's index, fd when none has as many. */
static size_t header_by_order(const bandset *bs, const yoy_line *const *body, size_t fd)
{
	for (size_t k = fd; k-- > 0;) {
		if (skip_line(body[k]))
			continue;
		size_t labels = 0;
		for (size_t c = 0; c < body[k]->ncells; c++)
			labels += value_label(&body[k]->cells[c]);
		if (labels == bs->trailing)
			return k;
	}
	return fd;
}

/* The header line whose labels go over the made columns in order: a
 * line of the header, or one made of it and the labels of the lines just
 * above and below that stand in its gaps. */
typedef struct ordered_header {
	size_t at;                /* the line's index in the header; fd: none */
	yoy_line line;            /* its cells, labels joined */
	yoy_cell cells[MAX_COLS * 2];
	char joined[MAX_COLS][160];
	int joined_at[MAX_COLS * 2]; /* a cell's text in joined[], or -1 */
	size_t up, down;          /* the lines beside it, fd when none */
	bool taken[2][MAX_COLS * 2]; /* their cells joined into line */
} ordered_header;

static bool overlaps(const yoy_cell *a, const yoy_cell *b)
{
	return a->x0 <= b->x1 && b->x0 <= a->x1;
}

/* A label set over two lines ("事业单位" over "经营收入", between 事业收入
 * and 其他收入 of the line of labels): when no header line has a label
 * over figures for each made column, the line with the most such labels
 * (the lowest of equals) takes the labels of the lines just above and
 * below that stand clear of its own, one above and one below that
 * overlap joined as one.  True, with oh filled, when it then has one for
 * each made column. */
static bool stacked_header(ordered_header *oh, const bandset *bs, const yoy_line *const *body,
			   size_t fd)
{
	size_t best = 0, at = fd;
	for (size_t k = 0; k < fd; k++) {
		size_t labels = 0;
		for (size_t c = 0; !skip_line(body[k]) && c < body[k]->ncells; c++)
			labels += value_label(&body[k]->cells[c]);
		if (labels && labels >= best) {
			best = labels;
			at = k;
		}
	}
	if (at == fd || best >= bs->trailing)
		return false;
	const yoy_line *l = body[at];
	size_t nc = 0;
	for (size_t c = 0; c < l->ncells && nc < MAX_COLS; c++) {
		oh->joined_at[nc] = -1; /* its own text, not joined */
		oh->cells[nc++] = l->cells[c];
	}
	oh->up = oh->down = fd;
	for (size_t k = at; k-- > 0 && oh->up == fd;)
		if (!skip_line(body[k]))
			oh->up = k;
	for (size_t k = at + 1; k < fd && oh->down == fd; k++)
		if (!skip_line(body[k]))
			oh->down = k;
	memset(oh->taken, 0, sizeof oh->taken);
	size_t nj = 0, added = 0;
	for (int side = 0; side < 2; side++) {
		size_t k = side ? oh->down : oh->up;
		if (k == fd)
			continue;
		for (size_t c = 0; c < body[k]->ncells && c < MAX_COLS * 2; c++) {
			const yoy_cell *frag = &body[k]->cells[c];
			bool clear = value_label(frag);
			for (size_t d = 0; clear && d < l->ncells; d++)
				clear = !(value_label(&l->cells[d]) && overlaps(frag, &l->cells[d]));
			if (!clear)
				continue;
			/* below one taken from above: the label's second line */
			size_t j = 0;
			for (; side && j < nc; j++)
				if (oh->joined_at[j] >= 0 && overlaps(frag, &oh->cells[j]))
					break;
			if (side && j < nc) {
				char *t = oh->joined[oh->joined_at[j]];
				size_t have = strlen(t);
				snprintf(t + have, sizeof oh->joined[0] - have, "%s", frag->text);
				oh->cells[j].len = strlen(t);
				oh->taken[side][c] = true;
				continue;
			}
			if (nc == MAX_COLS || nj == MAX_COLS)
				break;
			/* into its place by x, its text a copy to join onto */
			size_t pos = 0;
			while (pos < nc && oh->cells[pos].x0 < frag->x0)
				pos++;
			memmove(&oh->cells[pos + 1], &oh->cells[pos], (nc - pos) * sizeof *oh->cells);
			memmove(&oh->joined_at[pos + 1], &oh->joined_at[pos],
				(nc - pos) * sizeof *oh->joined_at);
			snprintf(oh->joined[nj], sizeof oh->joined[nj], "%s", frag->text);
			oh->cells[pos] = *frag;
			oh->cells[pos].text = oh->joined[nj];
			oh->joined_at[pos] = (int)nj++;
			nc++;
			added++;
			oh->taken[side][c] = true;
		}
	}
	size_t labels = 0;
	for (size_t c = 0; c < nc; c++)
		labels += value_label(&oh->cells[c]);
	if (!added || labels != bs->trailing)
		return false;
	oh->at = at;
	oh->line = *l;
	oh->line.cells = oh->cells;
	oh->line.ncells = nc;
	return true;
}

/* Text: a band of names and one of figures that share most of their
 * width (a side's names under the other side's right-aligned figures) stand in
 * the order of their labels on one header line, not of their left edges
 * -- which decides which side each belongs to. */
static void order_by_labels(grid *g, bandset *bs)
{
	for (size_t bi = 0; bi + 1 < bs->n; bi++) {
		band *a = &bs->b[bi], *b = &bs->b[bi + 1];
		int shared = (a->x1 < b->x1 ? a->x1 : b->x1) - (a->x0 > b->x0 ? a->x0 : b->x0);
		int narrower = a->x1 - a->x0 < b->x1 - b->x0 ? a->x1 - a->x0 : b->x1 - b->x0;
		if (a->kind == b->kind || !a->kind || !b->kind || shared * 2 < narrower ||
		    !a->label_mid || !b->label_mid || a->frag_y != b->frag_y ||
		    a->label_mid < b->label_mid)
			continue;
		band t = *a;
		*a = *b;
		*b = t;
		char *top = g->top[bi];
		g->top[bi] = g->top[bi + 1];
		g->top[bi + 1] = top;
	}
}

/* PDF tables, in steps: where the header ends; the body less repeated
 * headers; column bands from the body's cell positions; the header's
 * labels over the bands; the rows placed by band; wrapped fragments
 * joined to their rows. */
static void grid_from_positions(grid *g, const yoy_line *const *body, size_t n,
				yoy_table_kind kind)
{
	size_t fd = header_end(body, n, kind);
	const yoy_line *region[512];
	size_t nr = body_region(body, n, fd, region, 512);
	bandset *bs = malloc(sizeof *bs);
	if (!bs || !find_bands(bs, body, n, fd, region, nr)) {
		free(bs);
		g->oom = true;
		return;
	}
	ordered_header *oh = bs->trailing ? malloc(sizeof *oh) : NULL;
	size_t by_order = fd;
	if (bs->trailing && !oh) {
		free(bs);
		g->oom = true;
		return;
	}
	if (oh) {
		oh->up = oh->down = fd;
		by_order = header_by_order(bs, body, fd);
		if (by_order < fd)
			oh->line = *body[by_order];
		else if (stacked_header(oh, bs, body, fd))
			by_order = oh->at;
	}
	for (size_t k = 0; k < fd; k++) {
		if (skip_line(body[k]))
			continue;
		if (k != by_order && oh && (k == oh->up || k == oh->down) && by_order < fd) {
			/* what of the lines beside it stayed theirs */
			yoy_line rest = *body[k];
			yoy_cell cells[MAX_COLS * 2];
			size_t nc = 0;
			for (size_t c = 0; c < rest.ncells && c < MAX_COLS * 2; c++)
				if (!oh->taken[k == oh->down][c])
					cells[nc++] = rest.cells[c];
			rest.cells = cells;
			rest.ncells = nc;
			header_line(g, bs, &rest);
			continue;
		}
		if (k != by_order) {
			header_line_spaced(g, bs, body[k]);
			continue;
		}
		/* its labels over the figures set over the made columns */
		yoy_line moved = oh->line;
		yoy_cell cells[MAX_COLS * 2];
		size_t nc = moved.ncells < MAX_COLS * 2 ? moved.ncells : MAX_COLS * 2;
		memcpy(cells, moved.cells, nc * sizeof *cells);
		moved.cells = cells;
		moved.ncells = nc;
		for (size_t c = 0, i = 0; c < nc; c++) {
			if (!value_label(&cells[c]))
				continue;
			const band *to = &bs->b[made_band(bs, i++)];
			cells[c].x0 = to->x0;
			cells[c].x1 = to->x1;
		}
		header_line(g, bs, &moved);
	}
	free(oh);
	if (fd < n && code_header_with_figures(body[fd]))
		header_line(g, bs, body[fd]);
	for (size_t k = fd + 1; k <= fd + 2; k++)
		if (code_header_below(body, n, fd, k))
			code_header_line(g, bs, body[k]);
	if (nr && region[0]->page == 0)
		order_by_labels(g, bs);
	g->ncols = bs->n;
	for (size_t bi = 0; bi < bs->n; bi++) {
		g->textual[bi] = bs->b[bi].kind == 1;
		name_column(g, bi, &bs->b[bi]);
	}
	place_rows(g, bs, region, nr, kind);
	join_centred_text(g, bs->n);
	join_blank_separated(g, bs->n);
	join_blank_bounded(g, bs->n);
	join_pieces(g, bs->n, codes_apart(g, bs->n));
	join_wrapped(g, bs, bs->n);
	join_centred(g, bs->n);
	stray_figure_bands(g, bs);
	for (size_t bi = 0; bi < bs->n; bi++) {
		free(bs->b[bi].frag);
		free(bs->b[bi].span);
	}
	free(bs);
}

/* ---- from grid to table ------------------------------------------------- */

typedef struct group {
	int code_col, part_cols[3], nparts;
	int name_cols[6], nnames;
	int first, last;      /* column range [first, last] */
	const char *name;     /* "income" / "expenditure" / … or NULL */
} group;

typedef struct layout {
	size_t ncols;
	col_role role[MAX_COLS];
	const char *key[MAX_COLS];    /* value columns: canonical key */
	int table_col[MAX_COLS];      /* value columns: index in table */
	group groups[MAX_GROUPS];
	size_t ngroups;
	bool keyless;                 /* no code or name column at all */
} layout;

static bool code_part_label(const char *norm)
{
	return strcmp(norm, "类") == 0 || strcmp(norm, "款") == 0 ||
	       strcmp(norm, "项") == 0;
}

static const char *group_name(const grid *g, const group *gr, size_t index,
			      size_t count)
{
	if (count < 2)
		return NULL;
	for (int c = gr->first; c <= gr->last; c++)
		if (g->parent[c] && str_has(g->parent[c], "用途"))
			return "expenditure_use";
	for (int c = gr->first; c <= gr->last; c++) {
		const char *t = g->top[c] ? g->top[c] : "";
		if (str_has(t, "收入"))
			return "income";
		if (str_has(t, "支出"))
			return "expenditure";
	}
	if (index == 0)
		return "income";
	return index == 2 && count == 3 ? "expenditure_use" : "expenditure";
}

static void build_layout(layout *lay, const grid *g, yoy_table_kind kind)
{
	memset(lay, 0, sizeof *lay);
	lay->ncols = g->ncols;
	sbuf norm;
	sbuf_init(&norm);
	bool any_key = false;
	for (size_t c = 0; c < lay->ncols; c++) {
		label_norm(&norm, g->leaf[c] ? g->leaf[c] : "");
		const char *s = sbuf_cstr(&norm);
		lay->role[c] = code_part_label(s) ? ROLE_CODE_PART : label_role(s);
		if (kind == YOY_TABLE_PROCUREMENT && !column_key(s))
			lay->role[c] = ROLE_NAME; /* 专项名称, 经济科目, 组织形式… */
		if (!*s && (c == 0 || g->textual[c]))
			lay->role[c] = ROLE_NAME; /* an unlabelled column of words */
		if (lay->role[c] != ROLE_VALUE)
			any_key = true;
	}
	sbuf_free(&norm);
	if (!any_key) {
		/* one row of figures under a header (支出预算总表, "三公" in a row) */
		lay->keyless = true;
		group *gr = &lay->groups[0];
		gr->code_col = -1;
		gr->first = 0;
		gr->last = (int)lay->ncols - 1;
		lay->ngroups = lay->ncols ? 1 : 0;
		return;
	}
	size_t c = 0;
	while (c < lay->ncols && lay->ngroups < MAX_GROUPS) {
		group *gr = &lay->groups[lay->ngroups];
		memset(gr, 0, sizeof *gr);
		gr->code_col = -1;
		gr->first = (int)c;
		while (c < lay->ncols && lay->role[c] != ROLE_VALUE) {
			if (lay->role[c] == ROLE_CODE && gr->code_col < 0)
				gr->code_col = (int)c;
			else if (lay->role[c] == ROLE_CODE_PART && gr->nparts < 3)
				gr->part_cols[gr->nparts++] = (int)c;
			else if (gr->nnames < 6)
				gr->name_cols[gr->nnames++] = (int)c;
			c++;
		}
		while (c < lay->ncols && lay->role[c] == ROLE_VALUE)
			c++;
		gr->last = (int)c - 1;
		bool keyed = gr->code_col >= 0 || gr->nparts || gr->nnames;
		if (!keyed && lay->ngroups > 0) {
			lay->groups[lay->ngroups - 1].last = gr->last;
			continue;
		}
		if (!keyed) {
			gr->name_cols[gr->nnames++] = gr->first;
			lay->role[gr->first] = ROLE_NAME;
		}
		lay->ngroups++;
	}
	for (size_t i = 0; i < lay->ngroups; i++)
		lay->groups[i].name = group_name(g, &lay->groups[i], i, lay->ngroups);
}

static bool grid_has_label(const grid *g, const char *label)
{
	for (size_t c = 0; c < g->ncols; c++)
		if (g->leaf[c] && str_has(g->leaf[c], label))
			return true;
	return false;
}

/* Some header label of the grid, at any level, has word in it. */
static bool header_mentions(const grid *g, const char *word)
{
	for (size_t c = 0; c < g->ncols; c++)
		if ((g->above[c] && str_has(g->above[c], word)) ||
		    (g->parent[c] && str_has(g->parent[c], word)) ||
		    (g->top[c] && str_has(g->top[c], word)))
			return true;
	return false;
}

/* The "三公" item a header label names ("因公出国（境）费", "小计" of
 * 公务用车购置及运行费), or NULL. */
static const char *item_named(const grid *g, const char *label)
{
	if (!label)
		return NULL;
	sbuf n;
	sbuf_init(&n);
	name_norm(&n, label);
	const char *s = sbuf_cstr(&n), *key = NULL;
	if (strcmp(s, "小计") == 0) /* the only 小计 of the table is 公务用车's */
		key = header_mentions(g, "公务用车") ? "vehicles" : "total";
	for (size_t i = 0; !key && i < sizeof three_public_lines / sizeof *three_public_lines; i++)
		if (strcmp(s, three_public_lines[i].name) == 0)
			key = three_public_lines[i].key;
	sbuf_free(&n);
	return key;
}

/* A 决算's "三公" table prints each item as a 预算数 / 决算数 pair under
 * its name, set over one of the two: the item's key for its 决算数,
 * "<item>_budget" for its 预算数. */
static const char *pair_item(const grid *g, size_t c)
{
	bool budget = str_has(g->leaf[c], "预算数");
	/* the label over it, over its partner, or spanning both */
	const char *item = item_named(g, g->above[c]);
	size_t partner = budget ? c + 1 : c - 1;
	bool paired = (budget || c > 0) && partner < g->ncols && g->leaf[partner] &&
		      str_has(g->leaf[partner], budget ? "决算数" : "预算数");
	if (!item && paired)
		item = item_named(g, g->above[partner]);
	if (!item)
		item = item_named(g, g->parent[c]);
	if (!item)
		return NULL;
	if (!budget)
		return item;
	static const char *const budgets[] = { "total_budget", "overseas_budget",
					       "reception_budget", "vehicles_budget",
					       "vehicle_purchase_budget", "vehicle_operation_budget",
					       "meetings_budget", "training_budget" };
	for (size_t i = 0; i < sizeof budgets / sizeof *budgets; i++)
		if (strncmp(budgets[i], item, strlen(item)) == 0 &&
		    strcmp(budgets[i] + strlen(item), "_budget") == 0)
			return budgets[i];
	return NULL;
}

/* The column key of grid column c: from its label, or for a generic
 * 小计/合计 from what it is a part of. */
static const char *grid_column_key(const grid *g, size_t c, yoy_table_kind kind,
				   sbuf *norm)
{
	label_norm(norm, g->leaf[c] ? g->leaf[c] : "");
	const char *s = sbuf_cstr(norm);
	const char *key = column_key(s);
	if ((!g->leaf[c] || !*g->leaf[c]) && key && strcmp(key, "total") == 0) {
		/* a column with no label is the total only when no column is
		 * labelled so (a column of figures misplaced by a copy) */
		sbuf other;
		sbuf_init(&other);
		for (size_t d = 0; d < g->ncols && key; d++) {
			label_norm(&other, g->leaf[d] ? g->leaf[d] : "");
			const char *k = d != c && other.len ? column_key(sbuf_cstr(&other)) : NULL;
			if (k && strcmp(k, "total") == 0)
				key = NULL;
		}
		sbuf_free(&other);
	}
	if (strcmp(s, "预算数") == 0 && grid_has_label(g, "决算数"))
		key = "budget"; /* a 决算's "三公" table: 预算数 / 决算数 pairs */
	if (kind == YOY_TABLE_THREE_PUBLIC && grid_has_label(g, "决算数") &&
	    (strcmp(s, "预算数") == 0 || strcmp(s, "决算数") == 0)) {
		const char *item = pair_item(g, c);
		return item ? item : key;
	}
	if (kind == YOY_TABLE_THREE_PUBLIC) {
		bool sub = strcmp(s, "小计") == 0;
		if (sub) {
			/* the 公务用车 subtotal stands before its parts */
			const char *next = NULL;
			if (c + 1 < g->ncols) {
				sbuf nn;
				sbuf_init(&nn);
				label_norm(&nn, g->leaf[c + 1] ? g->leaf[c + 1] : "");
				next = column_key(sbuf_cstr(&nn));
				sbuf_free(&nn);
			}
			bool vehicles = (g->parent[c] && str_has(g->parent[c], "公务用车")) ||
					(next && str_starts(next, "vehicle_"));
			key = vehicles ? "vehicles" : "total";
		} else if (strcmp(s, "合计") == 0 &&
			 (grid_has_label(g, "会议费") || grid_has_label(g, "培训费")))
			key = "grand_total"; /* "三公" plus meetings and training */
	}
	return key;
}

static bool layout_columns(parse_ctx *pc, yoy_table *t, layout *lay,
			   const grid *g)
{
	const char *keys[MAX_COLS], *labels[MAX_COLS];
	char keybuf[MAX_COLS][64];
	size_t nk = 0;
	sbuf norm;
	sbuf_init(&norm);
	for (size_t c = 0; c < lay->ncols; c++) {
		lay->table_col[c] = -1;
		if (lay->role[c] != ROLE_VALUE)
			continue;
		const char *key = grid_column_key(g, c, t->kind, &norm);
		const char *label = g->leaf[c] ? g->leaf[c] : "";
		if (!key) {
			snprintf(keybuf[c], sizeof keybuf[c], "col%zu", c + 1);
			key = keybuf[c];
			doc_warn(pc->doc, t->at,
				 "table \"%s\": column %zu header \"%s\" not recognized; "
				 "kept as %s", t->title, c + 1, label, key);
		}
		/* the same key twice within one group: number it */
		int gc = -1;
		for (size_t gi = 0; gi < lay->ngroups; gi++)
			if ((int)c >= lay->groups[gi].first && (int)c <= lay->groups[gi].last)
				gc = (int)gi;
		for (size_t d = 0; d < c; d++) {
			if (lay->role[d] != ROLE_VALUE || !lay->key[d] ||
			    strcmp(lay->key[d], key) != 0)
				continue;
			int gd = -1;
			for (size_t gi = 0; gi < lay->ngroups; gi++)
				if ((int)d >= lay->groups[gi].first && (int)d <= lay->groups[gi].last)
					gd = (int)gi;
			if (gd == gc) {
				char numbered[64];
				snprintf(numbered, sizeof numbered, "%.40s_%zu", key, c + 1);
				memcpy(keybuf[c], numbered, sizeof numbered);
				key = keybuf[c];
				break;
			}
		}
		lay->key[c] = key;
		size_t k;
		for (k = 0; k < nk; k++)
			if (strcmp(keys[k], key) == 0)
				break;
		if (k == nk) {
			keys[nk] = key;
			labels[nk] = label;
			nk++;
		}
		lay->table_col[c] = (int)k;
	}
	sbuf_free(&norm);
	bool ok = table_set_columns(pc->doc, t, keys, labels, nk);
	/* keys may point into keybuf: use the table's copies from here on */
	for (size_t c = 0; c < lay->ncols; c++)
		lay->key[c] = lay->table_col[c] >= 0 ? t->columns[lay->table_col[c]].key
						     : NULL;
	return ok;
}

static const char *lookup_key(const char *norm, yoy_table_kind kind,
			      const char *side)
{
	if (kind == YOY_TABLE_THREE_PUBLIC) {
		for (size_t i = 0; i < sizeof three_public_lines / sizeof *three_public_lines; i++)
			if (strcmp(norm, three_public_lines[i].name) == 0)
				return three_public_lines[i].key;
		return NULL;
	}
	if (side && (kind == YOY_TABLE_SUMMARY || kind == YOY_TABLE_FISCAL_SUMMARY)) {
		if (strcmp(norm, "总计") == 0)
			return "total"; /* a 决算 prints 总计 on both sides */
		if (strcmp(side, "income") == 0) {
			for (size_t i = 0; i < sizeof income_lines / sizeof *income_lines; i++)
				if (str_has(norm, income_lines[i].name))
					return income_lines[i].key;
		} else {
			for (size_t i = 0; i < sizeof expenditure_lines / sizeof *expenditure_lines; i++)
				if (str_has(norm, expenditure_lines[i].name))
					return expenditure_lines[i].key;
		}
		return NULL;
	}
	if (is_total_name(norm) && strcmp(norm, "小计") != 0)
		return "total"; /* 小计 is a group's, not the table's */
	return NULL;
}

/* Economic classes of basic expenditure (类), for tables that print names
 * without codes. */
static bool economic_class_name(const char *norm)
{
	static const char *const classes[] = {
		"工资福利支出", "商品和服务支出", "对个人和家庭的补助",
		"对企业补助", "资本性支出", "债务利息及费用支出", "其他支出",
	};
	for (size_t i = 0; i < sizeof classes / sizeof *classes; i++)
		if (strcmp(norm, classes[i]) == 0)
			return true;
	return false;
}


static const char *procurement_key(const char *norm)
{
	if (is_total_name(norm))
		return "total";
	const char *p = skip_ordinal(norm);
	if (str_starts(p, "货物"))
		return "goods";
	if (str_starts(p, "工程"))
		return "works";
	if (str_starts(p, "服务"))
		return "services";
	return NULL;
}

/* Join 类/款/项 columns into one code: "201" "05" "07" -> "2010507". */
static bool join_code(const grid_row *gr, const group *g, char out[16])
{
	size_t n = 0;
	for (int i = 0; i < g->nparts; i++) {
		const char *p = gr->cell[g->part_cols[i]];
		if (!p)
			break;
		size_t len = strlen(p);
		if (len == 0 || len > 3 || strspn(p, "0123456789") != len)
			return false;
		if (i == 0 && len != 3)
			return false;
		if (i > 0 && len == 1)
			out[n++] = '0'; /* "301 2": the 款 printed without its 0 */
		memcpy(out + n, p, len);
		n += len;
	}
	out[n] = '\0';
	return n >= 3;
}

static bool row_has_values(const yoy_table *t, const yoy_row *r)
{
	for (size_t c = 0; c < t->ncolumns; c++)
		if (r->values[c].present)
			return true;
	return false;
}

/* The figures of group gi (and the groups that gave it theirs) into r. */
static void set_values(parse_ctx *pc, yoy_table *t, const layout *lay, const grid_row *gr,
		       size_t gi, const int *adopt, yoy_row *r)
{
	for (size_t gj = gi; gj < lay->ngroups; gj++) {
		if (adopt[gj] != (int)gi)
			continue;
		for (int c = lay->groups[gj].first; c <= lay->groups[gj].last; c++) {
			if (lay->role[c] != ROLE_VALUE || lay->table_col[c] < 0 || !gr->cell[c])
				continue;
			const char *cell = gr->cell[c];
			yoy_amount *a = &r->values[lay->table_col[c]];
			if (yoy_amount_parse(a, cell, strlen(cell), t->unit) != 0) {
				doc_warn(pc->doc, r->at,
					 "table \"%s\": cell \"%s\" in column \"%s\" is not a number; left blank",
					 t->title, cell, t->columns[lay->table_col[c]].label);
				memset(a, 0, sizeof *a);
				a->unit = (uint8_t)t->unit;
			} else if (a->present && a->decimals > t->decimals) {
				t->decimals = a->decimals;
			}
		}
	}
}

/* A summary line whose label sits in one group and its figure in the
 * next ("当年支出小计" … "33,172.15"): the figure belongs to the label.
 * adopt[gi] gets the group whose row takes group gi's figures. */
static void adopt_groups(const layout *lay, const grid_row *gr, bool two_sided, int *adopt)
{
	for (size_t gi = 0; gi < lay->ngroups; gi++)
		adopt[gi] = (int)gi;
	for (size_t gi = 0; two_sided && gi + 1 < lay->ngroups; gi++) {
		const group *a = &lay->groups[gi], *b = &lay->groups[gi + 1];
		bool a_name = false, a_val = false, b_name = false, b_val = false;
		for (int c = a->first; c <= a->last; c++) {
			bool *f = lay->role[c] == ROLE_VALUE ? &a_val : &a_name;
			*f = *f || gr->cell[c] != NULL;
		}
		for (int c = b->first; c <= b->last; c++) {
			bool *f = lay->role[c] == ROLE_VALUE ? &b_val : &b_name;
			*f = *f || gr->cell[c] != NULL;
		}
		if (a_name && !a_val && b_val && !b_name)
			adopt[gi + 1] = (int)gi;
	}
}

/* The code and names a group prints on a grid row.  Procurement names
 * join all name columns with " / "; a code printed in the name column (no
 * code column) is the code.  *name and *name2 point into gr or joined. */
static void group_label(const yoy_table *t, const group *g, const grid_row *gr, char code[16],
			const char **name, const char **name2, sbuf *joined)
{
	code[0] = '\0';
	*name = *name2 = NULL;
	if (g->code_col >= 0 && gr->cell[g->code_col])
		snprintf(code, 16, "%.15s", gr->cell[g->code_col]);
	else if (g->nparts && !join_code(gr, g, code))
		code[0] = '\0';
	sbuf_reset(joined);
	for (int k = 0; k < g->nnames; k++) {
		const char *v = gr->cell[g->name_cols[k]];
		if (!v)
			continue;
		if (t->kind == YOY_TABLE_PROCUREMENT) {
			if (joined->len)
				sbuf_puts(joined, " / ");
			sbuf_puts(joined, v);
		} else if (!*name) {
			*name = v;
		} else if (!*name2) {
			*name2 = v;
		}
	}
	if (t->kind == YOY_TABLE_PROCUREMENT && joined->len)
		*name = sbuf_cstr(joined);
	if (!*code && *name && is_code(*name) && g->code_col < 0 && !g->nparts && *name2) {
		snprintf(code, 16, "%s", *name);
		*name = *name2;
		*name2 = NULL;
	}
}

/* Whether group gi, with the groups it adopts, prints a figure. */
static bool group_has_values(const layout *lay, const grid_row *gr, size_t gi, const int *adopt)
{
	for (size_t gj = gi; gj < lay->ngroups; gj++) {
		if (adopt[gj] != (int)gi)
			continue;
		for (int c = lay->groups[gj].first; c <= lay->groups[gj].last; c++)
			if (lay->role[c] == ROLE_VALUE && gr->cell[c])
				return true;
	}
	return false;
}

/* Figures alone on a line just below a label alone ("小计" over
 * "37,188.34", the PDF set a hair lower) are that label's: the label's
 * row, or NULL. */
static yoy_row *label_above(yoy_table *t, const group *g, const yoy_line *l)
{
	yoy_row *label = t->nrows ? &t->rows[t->nrows - 1] : NULL;
	if (label && label->name && !label->code && label->at.file == l->file &&
	    label->at.page == l->page && label->at.line >= l->no - 2 &&
	    !row_has_values(t, label) &&
	    (label->group == g->name ||
	     (label->group && g->name && strcmp(label->group, g->name) == 0)))
		return label;
	return NULL;
}

/* Lines under 上年(财政拨款)结转 split the carry-over: general_budget
 * there is carryover_general_budget. */
static const char *carryover_key(parse_ctx *pc, const yoy_table *t, const char *key)
{
	for (size_t k = t->nrows - 1; k-- > 0;) {
		const yoy_row *prev = &t->rows[k];
		if (!prev->group || strcmp(prev->group, "income") != 0)
			continue;
		if (prev->key && str_starts(prev->key, "carryover")) {
			char buf[48];
			snprintf(buf, sizeof buf, "carryover_%s", key);
			return doc_str(pc->doc, buf);
		}
		break;
	}
	return key;
}

/* The row's canonical key (and the level a key implies) from its
 * normalized name; a summary's function class gets its code; a basic
 * economic line without code its level. */
static void row_key(parse_ctx *pc, yoy_table *t, const layout *lay, const group *g,
		    yoy_row *r, const char *norm, const char *name2, bool two_sided)
{
	const char *key = lay->keyless ? "total"
			  : t->kind == YOY_TABLE_PROCUREMENT ? procurement_key(norm)
			  : lookup_key(norm, t->kind, g->name);
	if (!key && t->kind == YOY_TABLE_INCOME && !r->code &&
	    (!name2 || strcmp(name2, "小计") == 0))
		key = lookup_key(norm, YOY_TABLE_SUMMARY, "income");
	if (key && g->name && strcmp(g->name, "income") == 0 &&
	    (strcmp(key, "general_budget") == 0 || strcmp(key, "fund") == 0 ||
	     strcmp(key, "state_capital") == 0))
		key = carryover_key(pc, t, key);
	if (key) {
		r->key = key;
		if (strcmp(key, "total") == 0 || strcmp(key, "current_total") == 0 ||
		    strcmp(key, "grand_total") == 0)
			r->level = 0;
		else if (str_starts(key, "vehicle_"))
			r->level = 2; /* 购置费 and 运行维护费 make up 公务用车 */
	}
	if (!r->code && g->name && strcmp(g->name, "expenditure") == 0 && two_sided) {
		const char *fc = function_class_code(norm);
		if (fc)
			r->code = fc;
	}
	if (!r->code && t->kind == YOY_TABLE_BASIC_ECONOMIC && !r->key)
		r->level = (!name2 && economic_class_name(norm)) ? 1 : 2;
}

/* One grid row into table rows, one per column group (a summary prints
 * income and expenditure side by side): the groups' code and names, a
 * new row or the label above it, its key, its figures. */
static void add_rows(parse_ctx *pc, yoy_table *t, const layout *lay,
		     const grid_row *gr)
{
	const yoy_line *l = gr->line;
	sbuf norm, joined;
	sbuf_init(&norm);
	sbuf_init(&joined);
	bool two_sided = t->kind == YOY_TABLE_SUMMARY || t->kind == YOY_TABLE_FISCAL_SUMMARY;
	int adopt[MAX_GROUPS];
	adopt_groups(lay, gr, two_sided, adopt);
	for (size_t gi = 0; gi < lay->ngroups; gi++) {
		if (adopt[gi] != (int)gi)
			continue; /* its figures went to the group before */
		const group *g = &lay->groups[gi];
		char code[16];
		const char *name, *name2;
		group_label(t, g, gr, code, &name, &name2, &joined);
		bool any_value = group_has_values(lay, gr, gi, adopt);
		if (!*code && !name && !any_value)
			continue;
		yoy_row *label = !*code && !name ? label_above(t, g, l) : NULL;
		if (label) {
			set_values(pc, t, lay, gr, gi, adopt, label);
			continue;
		}
		yoy_row *r = table_add_row(pc->doc, t, &pc->row_cap);
		if (!r) {
			pc->oom = true;
			break;
		}
		r->at.line = l->no;
		r->at.page = l->page;
		r->at.file = l->file;
		r->group = g->name;
		if (*code && is_code(code)) {
			r->code = doc_str(pc->doc, code);
			r->level = yoy_code_level(code);
		} else if (*code) {
			if (!name && g->code_col >= 0)
				name = gr->cell[g->code_col]; /* "合计" in the code column */
			else if (!name)
				; /* 类/款/项 parts that make no code: a row without one */
			else
				doc_warn(pc->doc, r->at,
					 "table \"%s\": code \"%s\" is not a classification code",
					 t->title, code);
		}
		if (name)
			r->name = doc_str(pc->doc, name);
		if (name2)
			r->name2 = doc_str(pc->doc, name2);
		name_norm(&norm, name ? name : "");
		row_key(pc, t, lay, g, r, sbuf_cstr(&norm), name2, two_sided);
		set_values(pc, t, lay, gr, gi, adopt, r);
	}
	sbuf_free(&norm);
	sbuf_free(&joined);
}

/* "注：…", "注 ：…" (the 注 spaced off), "备注". */
static bool is_note(const yoy_line *l)
{
	const char *s = l->text;
	if (str_starts(s, "备注"))
		return true;
	if (str_starts(s, "：") && line_filled(l) == 1 && l->len > 12)
		return true; /* "注" drawn apart from its "：…" */
	if (!str_starts(s, "注"))
		return false;
	s += strlen("注");
	while (*s == ' ')
		s++;
	return str_starts(s, "：") || *s == ':' || (*s >= '0' && *s <= '9');
}

/* Headings that end a table in a PDF: part titles, and numbered headings
 * that name a section of the narrative (a table row "六、科学技术支出"
 * looks like a heading too, but names no section). */
static bool ends_table(const yoy_lines *ls, size_t j)
{
	const yoy_line *l = &ls->v[j];
	yoy_table_kind k;
	size_t span;
	if (title_at(ls, j, &k, &span) || form_title(l) || is_note(l))
		return true;
	int level = heading_level(l);
	if (level == 1)
		return true;
	static const char *const words[] = { "说明", "情况", "概况", "职能", "职责",
					     "设置", "解释", "任务", "依据" };
	for (size_t i = 0; level && i < sizeof words / sizeof *words; i++)
		if (str_has(l->text, words[i]))
			return true;
	/* running text: a long single-cell line */
	return line_filled(l) == 1 && utf8_length(l->text, l->len) >= 28 &&
	       !str_has(l->text, "……");
}

/* "三公" printed as one row of columns becomes one row per item, like
 * the tables that print it as rows; a 机关运行经费 column becomes its own
 * table. */
static void transpose_three_public(parse_ctx *pc, size_t ti)
{
	yoy_table *t = &pc->doc->tables[ti];
	if (t->nrows != 1 || t->ncolumns < 2)
		return;
	bool items = false;
	for (size_t c = 0; c < t->ncolumns; c++) {
		const char *k = t->columns[c].key;
		if (strcmp(k, "overseas") == 0 || strcmp(k, "reception") == 0 ||
		    strcmp(k, "vehicles") == 0)
			items = true;
	}
	if (!items)
		return;
	yoy_row old = t->rows[0];
	yoy_column *cols = t->columns;
	size_t ncols = t->ncolumns;
	static const char *const one[] = { "total", "budget" };
	const char *labels[] = { "合计", "预算数" };
	/* a 决算 prints each item's budget beside it: a column of its own */
	bool budgets = false;
	for (size_t c = 0; c < ncols; c++)
		budgets |= str_ends(cols[c].key, "_budget");
	if (budgets)
		labels[0] = "决算数";
	if (!table_set_columns(pc->doc, t, one, labels, budgets ? 2 : 1)) {
		pc->oom = true;
		return;
	}
	t->nrows = 0;
	size_t cap = 0;
	yoy_amount operating = { 0, 0, 0, 0 };
	const char *operating_label = NULL;
	for (size_t c = 0; c < ncols; c++) {
		if (strcmp(cols[c].key, "operating_costs") == 0) {
			operating = old.values[c];
			operating_label = cols[c].label;
			continue;
		}
		if (str_ends(cols[c].key, "_budget"))
			continue; /* set with its item */
		yoy_row *r = table_add_row(pc->doc, t, &cap);
		if (!r) {
			pc->oom = true;
			return;
		}
		r->key = cols[c].key;
		r->name = cols[c].label;
		if (budgets) {
			/* columns headed 决算数: the row is named by its item */
			for (size_t i = 0; i < sizeof three_public_lines / sizeof *three_public_lines; i++)
				if (strcmp(three_public_lines[i].key, r->key) == 0) {
					r->name = three_public_lines[i].name;
					break;
				}
		}
		for (size_t b = 0; budgets && b < ncols; b++)
			if (str_starts(cols[b].key, r->key) &&
			    strcmp(cols[b].key + strlen(r->key), "_budget") == 0)
				r->values[1] = old.values[b];
		r->level = strcmp(r->key, "total") == 0 || strcmp(r->key, "grand_total") == 0 ? 0
			   : str_starts(r->key, "vehicle_") ? 2 : 1;
		r->values[0] = old.values[c];
		r->at = old.at;
	}
	if (operating_label) {
		yoy_loc at = t->at;
		const char *title = t->title;
		yoy_unit unit = t->unit;
		int decimals = t->decimals, inferred = t->unit_inferred;
		yoy_table *oc = doc_add_table(pc->doc, &pc->table_cap);
		if (!oc || !table_set_columns(pc->doc, oc, one, labels, 1)) {
			pc->oom = true;
			return;
		}
		oc->kind = YOY_TABLE_OPERATING_COSTS;
		oc->title = title;
		oc->unit = unit;
		oc->unit_inferred = inferred;
		oc->decimals = decimals;
		oc->at = at;
		size_t rc = 0;
		yoy_row *r = table_add_row(pc->doc, oc, &rc);
		if (!r) {
			pc->oom = true;
			return;
		}
		r->key = "total";
		r->name = operating_label;
		r->level = 0;
		r->values[0] = operating;
		r->at = old.at;
		oc->empty = !operating.present;
	}
}

/* The lines between a title and its body: the unit ("单位：万元", a lone
 * "元" under "单位：万"), the department, "(…)" asides.  Returns the first
 * body line; *unit gets the unit printed, or NONE. */
static size_t table_meta(parse_ctx *pc, size_t j, yoy_unit *unit)
{
	const yoy_lines *ls = pc->lines;
	*unit = YOY_UNIT_NONE;
	for (; j < ls->n; j++) {
		const yoy_line *l = &ls->v[j];
		if (l->ncells == 0 || page_label(l))
			continue;
		size_t dl;
		const char *dept = department_label(l->text, &dl);
		yoy_unit u = unit_label(l->text);
		if (u != YOY_UNIT_NONE)
			*unit = u;
		if (dept && !pc->department_hint)
			pc->department_hint = doc_strn(pc->doc, dept, dl);
		bool lone_yuan = strcmp(l->text, "元") == 0;
		if (!(dept || u != YOY_UNIT_NONE || lone_yuan ||
		      (!l->tabbed && (str_starts(l->text, "(") || str_starts(l->text, "（")) &&
		       l->len < 16)))
			break;
	}
	return j;
}

/* Whether line j, not a row, goes on a text table of kind whose title is
 * at line ti: a page number, or the table's title again ("…（续）", or the
 * same title) with its unit and department lines, before more rows --
 * the table continued on the next page of the PDF the text came from. */
static size_t continuation(const yoy_lines *ls, size_t j, size_t ti, yoy_table_kind kind)
{
	const yoy_line *l = &ls->v[j];
	if (line_page_number(l))
		return j + 1;
	/* "…表（续）", "…表(续)", "续表…": the title marked as continued */
	size_t n = l->len;
	bool marked = false;
	static const char *const marks[] = { "（续）", "(续)", "（续表）", "续表" };
	for (size_t m = 0; m < sizeof marks / sizeof *marks && !marked; m++)
		if (n > strlen(marks[m]) && span_eq(l->text + n - strlen(marks[m]), strlen(marks[m]),
						    marks[m])) {
			n -= strlen(marks[m]);
			marked = true;
		}
	const char *text = l->text;
	if (!marked && str_starts(text, "续表")) {
		text += strlen("续表");
		n -= strlen("续表");
		marked = true;
	}
	char *bare = strndup(text, n); /* title_kind_text reads to the NUL */
	bool same_kind = bare && title_kind_text(bare, n) == kind;
	free(bare);
	if (line_filled(l) != 1 || !same_kind)
		return j;
	/* the same title unmarked continues the table only after a page
	 * number; else it is the table printed again (parse.c keeps one) */
	bool after_page = false;
	for (size_t k = j; k-- > ti;) {
		if (ls->v[k].ncells == 0)
			continue;
		after_page = line_page_number(&ls->v[k]);
		break;
	}
	if (!marked && !(after_page && strcmp(l->text, ls->v[ti].text) == 0))
		return j;
	size_t k = j + 1;
	for (; k < ls->n; k++) {
		const yoy_line *m = &ls->v[k];
		size_t dl;
		if (m->ncells == 0 || line_page_number(m))
			continue;
		if (!m->tabbed && (unit_label(m->text) != YOY_UNIT_NONE || department_label(m->text, &dl)))
			continue;
		break;
	}
	return k < ls->n && ls->v[k].tabbed ? k : j;
}

/* Where a body starting at j ends: text tables run while lines have TABs
 * (across a page break: continuation); PDF tables run to the next title,
 * part heading, note or paragraph.  ti is the title's line. */
static size_t body_end_at(const yoy_lines *ls, size_t j, bool positioned, size_t ti,
			  yoy_table_kind kind)
{
	while (j < ls->n) {
		const yoy_line *l = &ls->v[j];
		if (positioned) {
			if (l->ncells && ends_table(ls, j))
				break;
		} else if (l->ncells && !l->tabbed) {
			size_t k = continuation(ls, j, ti, kind);
			if (k == j)
				break;
			j = k;
			continue;
		}
		j++;
	}
	/* a page number or blank lines at the end are not the table's */
	while (j > 0 && !positioned && j - 1 < ls->n &&
	       (ls->v[j - 1].ncells == 0 || line_page_number(&ls->v[j - 1])))
		j--;
	return j;
}

/* Whether body line l repeats one of the header lines above the first row
 * with a figure (a header printed again at the top of the next page). */
static bool repeated_header(const yoy_line *const *lines, size_t nl, const yoy_line *l)
{
	for (size_t k = 0; k < nl; k++) {
		const yoy_line *h = lines[k];
		bool figure = false;
		for (size_t c = 0; c < h->ncells && !figure; c++)
			figure = h->cells[c].len && strpbrk(h->cells[c].text, "0123456789") &&
				 amount_cell(h->cells[c].text);
		if (figure)
			return false; /* past the header */
		if (h != l && h->len == l->len && memcmp(h->text, l->text, l->len) == 0)
			return true;
	}
	return false;
}

/* A new table of kind with its title (over title_lines lines at i) and
 * unit; NULL when out of memory. */
static yoy_table *new_table(parse_ctx *pc, size_t i, size_t title_lines, yoy_table_kind kind,
			    yoy_unit unit)
{
	const yoy_line *title = &pc->lines->v[i];
	yoy_table *t = doc_add_table(pc->doc, &pc->table_cap);
	if (!t)
		return NULL;
	pc->row_cap = 0;
	t->kind = kind;
	sbuf tt;
	sbuf_init(&tt);
	for (size_t k = 0; k < title_lines; k++)
		sbuf_puts(&tt, pc->lines->v[i + k].text);
	t->title = doc_str(pc->doc, skip_ordinal(sbuf_cstr(&tt)));
	sbuf_free(&tt);
	t->at.line = title->no;
	t->at.page = title->page;
	t->at.file = title->file;
	if (unit == YOY_UNIT_NONE) {
		/* read as 万元 until infer_units (units.c) has seen the rest */
		t->unit_inferred = 1;
		unit = YOY_UNIT_WAN;
	}
	t->unit = unit;
	return t;
}

/* The body lines as a grid, its columns as the table's, each grid row as
 * table rows.  False when out of memory. */
static bool fill_table(parse_ctx *pc, size_t ti, const yoy_line *const *lines, size_t nl,
		       bool positioned)
{
	yoy_table *t = &pc->doc->tables[ti];
	grid g;
	memset(&g, 0, sizeof g);
	if (positioned)
		grid_from_positions(&g, lines, nl, t->kind);
	else
		grid_from_tabs(&g, lines, nl, t->kind);
	layout lay;
	build_layout(&lay, &g, t->kind);
	bool ok = !g.oom && layout_columns(pc, t, &lay, &g);
	for (size_t k = 0; ok && k < g.nrows && !pc->oom; k++)
		if (g.rows[k].line) /* else absorbed into a neighbouring row */
			add_rows(pc, &pc->doc->tables[ti], &lay, &g.rows[k]);
	grid_free(&g);
	return ok;
}

/* A note right after the body ("注：…") belongs to the table.  Returns the
 * line after the table. */
static size_t table_note(parse_ctx *pc, yoy_table *t, size_t body_end)
{
	const yoy_lines *ls = pc->lines;
	size_t j = body_end;
	while (j < ls->n && (ls->v[j].ncells == 0 || page_label(&ls->v[j])))
		j++;
	if (j < ls->n && is_note(&ls->v[j])) {
		t->note = doc_str(pc->doc, ls->v[j].text);
		return j + 1;
	}
	return body_end;
}

/* A table: its meta lines, its body, its rows, its note; "三公" turned
 * to rows; a table without a figure marked empty.  Returns the line after
 * it (i when the title stands alone, e.g. in a list). */
size_t table_parse(parse_ctx *pc, size_t i, yoy_table_kind kind, size_t title_lines)
{
	const yoy_lines *ls = pc->lines;
	yoy_unit unit;
	size_t body = table_meta(pc, i + title_lines, &unit);
	bool positioned = body < ls->n && line_positioned(&ls->v[body]);
	size_t body_end = body_end_at(ls, body, positioned, i, kind);
	const yoy_line *lines[1024];
	size_t nl = 0;
	for (size_t k = body; k < body_end && nl < 1024; k++) {
		const yoy_line *l = &ls->v[k];
		if (!l->ncells || (!positioned && (!l->tabbed || repeated_header(lines, nl, l))))
			continue; /* a page break's repeated title, unit or header */
		lines[nl++] = l;
	}
	if (nl == 0)
		return i;
	if (!new_table(pc, i, title_lines, kind, unit)) {
		pc->oom = true;
		return body_end;
	}
	size_t ti = pc->doc->ntables - 1;
	if (!fill_table(pc, ti, lines, nl, positioned)) {
		pc->oom = true;
		return body_end;
	}
	size_t j = table_note(pc, &pc->doc->tables[ti], body_end);
	if (kind == YOY_TABLE_THREE_PUBLIC)
		transpose_three_public(pc, ti);
	yoy_table *t = &pc->doc->tables[ti];
	bool any = false;
	for (size_t r = 0; r < t->nrows && !any; r++)
		for (size_t c = 0; c < t->ncolumns; c++)
			if (t->rows[r].values[c].present)
				any = true;
	t->empty = !any;
	if (t->decimals == 0 && t->unit == YOY_UNIT_WAN && !any)
		t->decimals = 2;
	return j;
}
