/* Table recognition: a title names the kind, the header rows name the
 * columns, the rows are read by the roles of their columns (code, name,
 * value).  Nothing depends on line numbers or on a province's layout. */
#include <stdio.h>
#include <stdlib.h>

#include "recognize.h"

/* ---- titles ------------------------------------------------------------ */

/* Skip a leading ordinal: "一、", "十二、", "1.", "5．", "（一）", "1 ". */
const char *skip_ordinal(const char *s)
{
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

yoy_table_kind table_title_kind(const yoy_line *l)
{
	if (l->ncells == 0 || line_filled(l) != 1 || toc_line(l))
		return YOY_TABLE_UNKNOWN;
	const char *text = l->text;
	if (utf8_length(text, l->len) > 64 || str_starts(text, "注") ||
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
	if (*after && !str_starts(after, "（") && *after != '(')
		return YOY_TABLE_UNKNOWN;

	sbuf t;
	sbuf_init(&t);
	squeeze(&t, text, l->len);
	const char *s = sbuf_cstr(&t);
	yoy_table_kind k = YOY_TABLE_UNKNOWN;
	bool ends_total = str_has(s, "总表") || str_has(s, "预算表") ||
			  str_has(s, "统计表") || str_has(s, "科目表");
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
		k = str_has(s, "财政拨款") ? YOY_TABLE_FISCAL_BASIC
					   : YOY_TABLE_BASIC_ECONOMIC;
	else if (str_has(s, "财政拨款") && str_has(s, "收支"))
		k = YOY_TABLE_FISCAL_SUMMARY;
	else if (str_has(s, "财政拨款") && str_has(s, "支出"))
		k = YOY_TABLE_FISCAL_EXPENDITURE;
	else if (str_has(s, "一般公共预算") && str_has(s, "支出"))
		k = YOY_TABLE_GENERAL_EXPENDITURE;
	else if (str_has(s, "收支") && ends_total)
		k = YOY_TABLE_SUMMARY;
	else if (str_has(s, "收入") && ends_total)
		k = YOY_TABLE_INCOME;
	else if (str_has(s, "支出") && ends_total)
		k = YOY_TABLE_EXPENDITURE;
	sbuf_free(&t);
	return k;
}

const char *department_label(const char *s, size_t *len)
{
	static const char *const labels[] = {
		"部门名称：", "部门名称:", "编制部门：", "编制部门:",
		"预算主管部门：", "预算主管部门:", "单位名称：", "单位名称:",
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

/* "单位：万元" anywhere in the line: the unit, else YOY_UNIT_NONE. */
static yoy_unit unit_label(const char *s)
{
	const char *p = strstr(s, "单位");
	if (!p)
		return YOY_UNIT_NONE;
	p += strlen("单位");
	if (str_starts(p, "："))
		p += strlen("：");
	else if (*p == ':')
		p++;
	else
		return YOY_UNIT_NONE;
	while (*p == ' ')
		p++;
	size_t n = strcspn(p, " \t)）");
	return yoy_unit_parse(p, n);
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

typedef enum col_role { ROLE_VALUE = 0, ROLE_CODE, ROLE_NAME, ROLE_SKIP } col_role;

static col_role label_role(const char *norm)
{
	if (str_has(norm, "编码") || str_has(norm, "代码"))
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
	{ "上年结转", "carryover" }, { "上年财政拨款结转", "carryover" }, { "一般公共预算", "general_budget" },
	{ "政府性基金", "fund" }, { "国有资本经营", "state_capital" },
	{ "财政专户", "special_account" }, { "单位资金", "unit_funds" },
	{ "事业单位经营收入", "operating" }, { "事业收入", "business" },
	{ "其他收入", "other" }, { "其他资金", "other" },
	{ "财政拨款", "fiscal" },
};

static const struct {
	const char *name, *key;
} expenditure_lines[] = {
	{ "本年支出合计", "current_total" }, { "当年支出小计", "current_total" },
	{ "支出总计", "total" }, { "支出合计", "total" },
	{ "年终结转", "carryover_out" }, { "结转下年", "carryover_out" },
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

/* A cell that parses as a number. */
static bool is_amount_cell(const char *s)
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

static const char *lookup_key(const char *norm, yoy_table_kind kind,
			      const char *side);

/* The first row that is not a header: it has a code, a number, or names a
 * total or a known fixed line (a "三公" item may be printed blank). */
static bool is_data_row(const yoy_line *l, yoy_table_kind kind)
{
	if (is_index_row(l))
		return false;
	for (size_t i = 0; i < l->ncells; i++) {
		const char *c = l->cells[i].text;
		if (is_code(c) && i == 0)
			return true;
		if (is_amount_cell(c))
			return true;
	}
	sbuf n;
	sbuf_init(&n);
	name_norm(&n, line_cell(l, 0));
	bool known = is_total_name(sbuf_cstr(&n)) ||
		     (kind == YOY_TABLE_THREE_PUBLIC &&
		      lookup_key(sbuf_cstr(&n), kind, NULL));
	sbuf_free(&n);
	return known;
}

/* A column group: key columns (code, name, name2) and value columns. */
typedef struct group {
	int code_col, name_col, name2_col;
	int first, last;      /* column range [first, last] */
	const char *name;     /* "income" / "expenditure" / NULL */
} group;

#define MAX_COLS 48
#define MAX_GROUPS 4

typedef struct layout {
	size_t ncols;
	char *label[MAX_COLS];        /* leaf label as printed (heap) */
	col_role role[MAX_COLS];
	const char *key[MAX_COLS];    /* value columns: canonical key */
	int table_col[MAX_COLS];      /* value columns: index in table */
	group groups[MAX_GROUPS];
	size_t ngroups;
} layout;

static void layout_free(layout *lay)
{
	for (size_t i = 0; i < lay->ncols; i++)
		free(lay->label[i]);
}

/* Group names from the top header row: 收入… on the left, 支出… on the
 * right. */
static const char *group_name(const yoy_line *top, const group *g,
			      size_t index, size_t count)
{
	if (count < 2)
		return NULL;
	for (int c = g->first; c <= g->last && top; c++) {
		const char *t = line_cell(top, (size_t)c);
		if (str_has(t, "收入"))
			return "income";
		if (str_has(t, "支出"))
			return "expenditure";
	}
	return index == 0 ? "income" : "expenditure";
}

static void build_layout(layout *lay, const yoy_line *const *hdr, size_t nhdr,
			 size_t ncols)
{
	memset(lay, 0, sizeof *lay);
	lay->ncols = ncols > MAX_COLS ? MAX_COLS : ncols;
	sbuf norm;
	sbuf_init(&norm);
	for (size_t c = 0; c < lay->ncols; c++) {
		const char *leaf = "";
		for (size_t h = 0; h < nhdr; h++) {
			const char *t = line_cell(hdr[h], c);
			if (*t)
				leaf = t;
		}
		lay->label[c] = strdup(leaf);
		label_norm(&norm, leaf);
		lay->role[c] = label_role(sbuf_cstr(&norm));
		if (c == 0 && !*leaf)
			lay->role[c] = ROLE_NAME;
	}
	/* groups: a run of key columns followed by value columns */
	size_t c = 0;
	while (c < lay->ncols && lay->ngroups < MAX_GROUPS) {
		group *g = &lay->groups[lay->ngroups];
		g->code_col = g->name_col = g->name2_col = -1;
		g->first = (int)c;
		while (c < lay->ncols && lay->role[c] != ROLE_VALUE) {
			if (lay->role[c] == ROLE_CODE && g->code_col < 0)
				g->code_col = (int)c;
			else if (g->name_col < 0)
				g->name_col = (int)c;
			else if (g->name2_col < 0)
				g->name2_col = (int)c;
			c++;
		}
		while (c < lay->ncols && lay->role[c] == ROLE_VALUE)
			c++;
		g->last = (int)c - 1;
		if (g->name_col < 0 && g->code_col < 0 && lay->ngroups > 0) {
			/* value columns without a key: extend the previous group */
			lay->groups[lay->ngroups - 1].last = g->last;
			continue;
		}
		if (g->name_col < 0 && g->code_col < 0) {
			g->name_col = g->first; /* first column names the row */
			if (lay->role[g->first] == ROLE_VALUE)
				lay->role[g->first] = ROLE_NAME;
		}
		lay->ngroups++;
	}
	for (size_t i = 0; i < lay->ngroups; i++)
		lay->groups[i].name = group_name(nhdr ? hdr[0] : NULL,
						 &lay->groups[i], i, lay->ngroups);
	sbuf_free(&norm);
}

/* Canonical value columns of the table, shared by groups that print the
 * same column. */
static bool layout_columns(parse_ctx *pc, yoy_table *t, layout *lay)
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
		label_norm(&norm, lay->label[c]);
		const char *key = column_key(sbuf_cstr(&norm));
		if (!key) {
			snprintf(keybuf[c], sizeof keybuf[c], "col%zu", c + 1);
			key = keybuf[c];
			yoy_loc at = t->at;
			doc_warn(pc->doc, at,
				 "table \"%s\": column %zu header \"%s\" not recognized; "
				 "kept as %s", t->title, c + 1, lay->label[c], key);
		}
		/* same key twice within one group: number it */
		int group_of_c = -1;
		for (size_t g = 0; g < lay->ngroups; g++)
			if ((int)c >= lay->groups[g].first && (int)c <= lay->groups[g].last)
				group_of_c = (int)g;
		for (size_t d = 0; d < c; d++) {
			if (lay->role[d] != ROLE_VALUE || !lay->key[d] ||
			    strcmp(lay->key[d], key) != 0)
				continue;
			int gd = -1;
			for (size_t g = 0; g < lay->ngroups; g++)
				if ((int)d >= lay->groups[g].first &&
				    (int)d <= lay->groups[g].last)
					gd = (int)g;
			if (gd == group_of_c) {
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
			labels[nk] = lay->label[c];
			nk++;
		}
		lay->table_col[c] = (int)k;
	}
	sbuf_free(&norm);
	bool ok = table_set_columns(pc->doc, t, keys, labels, nk);
	/* keys pointed into keybuf: table_set_columns copied them */
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
	if (is_total_name(norm))
		return "total";
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

static void add_rows(parse_ctx *pc, yoy_table *t, const layout *lay,
		     const yoy_line *l)
{
	sbuf norm;
	sbuf_init(&norm);
	for (size_t gi = 0; gi < lay->ngroups; gi++) {
		const group *g = &lay->groups[gi];
		const char *code = g->code_col >= 0 ? line_cell(l, (size_t)g->code_col) : "";
		const char *name = g->name_col >= 0 ? line_cell(l, (size_t)g->name_col) : "";
		const char *name2 = g->name2_col >= 0 ? line_cell(l, (size_t)g->name2_col) : "";
		/* a code printed in the name column (no code column) */
		if (!*code && is_code(name) && g->code_col < 0 &&
		    g->name2_col >= 0) {
			code = name;
			name = name2;
			name2 = "";
		}
		bool any_value = false;
		for (int c = g->first; c <= g->last; c++)
			if (lay->role[c] == ROLE_VALUE && *line_cell(l, (size_t)c))
				any_value = true;
		if (!*code && !*name && !*name2 && !any_value)
			continue;
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
			if (!r->level)
				r->level = (int)(strlen(code) + 1) / 2 - 1;
		} else if (*code) {
			/* a name in the code column (e.g. "合计") */
			if (!*name) {
				name = code;
			} else {
				doc_warn(pc->doc, r->at,
					 "table \"%s\": code \"%s\" is not a classification code",
					 t->title, code);
			}
		}
		if (*name)
			r->name = doc_str(pc->doc, name);
		if (*name2)
			r->name2 = doc_str(pc->doc, name2);
		name_norm(&norm, name);
		const char *key = lookup_key(sbuf_cstr(&norm), t->kind, g->name);
		if (key && g->name && strcmp(g->name, "income") == 0 &&
		    (strcmp(key, "general_budget") == 0 || strcmp(key, "fund") == 0 ||
		     strcmp(key, "state_capital") == 0)) {
			/* lines under 上年(财政拨款)结转 split the carry-over */
			for (size_t k = t->nrows - 1; k-- > 0;) {
				const yoy_row *prev = &t->rows[k];
				if (!prev->group || strcmp(prev->group, "income") != 0)
					continue;
				if (prev->key && str_starts(prev->key, "carryover")) {
					char buf[48];
					snprintf(buf, sizeof buf, "carryover_%s", key);
					key = doc_str(pc->doc, buf);
				}
				break;
			}
		}
		if (key) {
			r->key = key;
			if (strcmp(key, "total") == 0 || strcmp(key, "current_total") == 0)
				r->level = 0;
			else if (str_starts(key, "vehicle_"))
				r->level = 2; /* 购置费 and 运行维护费 make up 公务用车 */
		}
		if (!r->code && g->name && strcmp(g->name, "expenditure") == 0 &&
		    (t->kind == YOY_TABLE_SUMMARY || t->kind == YOY_TABLE_FISCAL_SUMMARY)) {
			const char *fc = function_class_code(sbuf_cstr(&norm));
			if (fc)
				r->code = fc;
		}
		if (!r->code && t->kind == YOY_TABLE_BASIC_ECONOMIC && !r->key)
			r->level = (!*name2 && economic_class_name(sbuf_cstr(&norm))) ? 1 : 2;
		for (int c = g->first; c <= g->last; c++) {
			if (lay->role[c] != ROLE_VALUE || lay->table_col[c] < 0)
				continue;
			const char *cell = line_cell(l, (size_t)c);
			yoy_amount *a = &r->values[lay->table_col[c]];
			if (yoy_amount_parse(a, cell, strlen(cell), t->unit) != 0) {
				doc_warn(pc->doc, r->at,
					 "table \"%s\": cell \"%s\" in column \"%s\" is not a number; left blank",
					 t->title, cell, lay->label[c]);
				memset(a, 0, sizeof *a);
				a->unit = (uint8_t)t->unit;
			} else if (a->present && a->decimals > t->decimals) {
				t->decimals = a->decimals;
			}
		}
	}
	sbuf_free(&norm);
}

static bool is_note(const yoy_line *l)
{
	return str_starts(l->text, "注：") || str_starts(l->text, "注:") ||
	       str_starts(l->text, "备注");
}

size_t table_parse(parse_ctx *pc, size_t i, yoy_table_kind kind)
{
	const yoy_lines *ls = pc->lines;
	const yoy_line *title = &ls->v[i];
	size_t j = i + 1;
	yoy_unit unit = YOY_UNIT_NONE;
	/* meta lines between title and body */
	while (j < ls->n) {
		const yoy_line *l = &ls->v[j];
		if (l->ncells == 0) {
			j++;
			continue;
		}
		size_t dl;
		const char *dept = department_label(l->text, &dl);
		yoy_unit u = unit_label(l->text);
		if (u != YOY_UNIT_NONE)
			unit = u;
		if (dept && !pc->department_hint)
			pc->department_hint = doc_strn(pc->doc, dept, dl);
		if (dept || u != YOY_UNIT_NONE || (!l->tabbed && str_starts(l->text, "(") &&
						   l->len < 16)) {
			j++;
			continue;
		}
		break;
	}
	/* body: table rows and blank lines */
	size_t body = j;
	while (j < ls->n && (ls->v[j].ncells == 0 || ls->v[j].tabbed))
		j++;
	size_t body_end = j;
	bool any_body = false;
	for (size_t k = body; k < body_end; k++)
		if (ls->v[k].ncells)
			any_body = true;
	if (!any_body)
		return i; /* a title alone: not a table (e.g. in a list) */

	yoy_table *t = doc_add_table(pc->doc, &pc->table_cap);
	if (!t) {
		pc->oom = true;
		return body_end;
	}
	pc->row_cap = 0;
	t->kind = kind;
	t->title = doc_str(pc->doc, skip_ordinal(title->text));
	t->at.line = title->no;
	t->at.page = title->page;
	t->at.file = title->file;
	if (unit == YOY_UNIT_NONE) {
		doc_warn(pc->doc, t->at, "table \"%s\": no unit printed; assuming 万元",
			 t->title);
		unit = YOY_UNIT_WAN;
	}
	t->unit = unit;

	/* header rows: up to the first data row */
	const yoy_line *hdr[8];
	size_t nhdr = 0, ncols = 0, first_data = body_end;
	for (size_t k = body; k < body_end; k++) {
		const yoy_line *l = &ls->v[k];
		if (l->ncells == 0)
			continue;
		if (l->ncells > ncols)
			ncols = l->ncells;
		if (first_data == body_end) {
			if (is_data_row(l, kind))
				first_data = k;
			else if (!is_index_row(l) && nhdr < 8)
				hdr[nhdr++] = l;
		}
	}
	layout lay;
	build_layout(&lay, hdr, nhdr, ncols);
	if (!layout_columns(pc, t, &lay)) {
		pc->oom = true;
		layout_free(&lay);
		return body_end;
	}
	for (size_t k = first_data; k < body_end && !pc->oom; k++) {
		const yoy_line *l = &ls->v[k];
		if (l->ncells == 0 || is_index_row(l))
			continue;
		add_rows(pc, t, &lay, l);
		t = &pc->doc->tables[pc->doc->ntables - 1];
	}
	layout_free(&lay);
	/* a note right after the body */
	j = body_end;
	while (j < ls->n && ls->v[j].ncells == 0)
		j++;
	if (j < ls->n && is_note(&ls->v[j])) {
		t->note = doc_str(pc->doc, ls->v[j].text);
		j++;
	} else {
		j = body_end;
	}
	bool any = false;
	for (size_t r = 0; r < t->nrows && !any; r++)
		for (size_t c = 0; c < t->ncolumns; c++)
			if (t->rows[r].values[c].present)
				any = true;
	t->empty = !any;
	if (t->decimals == 0 && unit == YOY_UNIT_WAN && !any)
		t->decimals = 2;
	return j;
}
