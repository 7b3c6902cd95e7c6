/* Performance-target forms (项目支出绩效目标申报表), one per project.
 *
 * The forms are label/value grids whose cell positions drift from form to
 * form, so they are read as token streams: a known label, then its
 * values.  Funds are in 元; the implementation period and the year are
 * printed side by side, period first. */
#include <stdio.h>
#include <stdlib.h>

#include "recognize.h"

bool form_title(const yoy_line *l)
{
	if (l->ncells == 0 || line_filled(l) != 1)
		return false;
	/* "详见单位的项目绩效目标表": a pointer to forms printed elsewhere */
	static const char *const refer[] = { "详见", "参见", "具体见", "见" };
	for (size_t i = 0; i < sizeof refer / sizeof *refer; i++)
		if (str_starts(l->text, refer[i]))
			return false;
	return str_has(l->text, "绩效目标") &&
	       (str_has(l->text, "申报表") || str_ends(l->text, "目标表")) &&
	       !str_has(l->text, "。") && utf8_length(l->text, l->len) < 64 &&
	       !toc_line(l);
}

/* The filled cells of a line, in order. */
typedef struct tokens {
	const char *v[64];
	size_t n;
} tokens;

static void tokenize(tokens *t, const yoy_line *l)
{
	t->n = 0;
	for (size_t i = 0; i < l->ncells && t->n < 64; i++)
		if (l->cells[i].len)
			t->v[t->n++] = l->cells[i].text;
}

/* Label without trailing colon or blanks, for comparison. */
static bool label_is(const char *tok, const char *label)
{
	size_t n = strlen(label);
	if (strncmp(tok, label, n) != 0)
		return false;
	const char *rest = tok + n;
	while (*rest == ' ')
		rest++;
	return !*rest || str_starts(rest, "：") || *rest == ':';
}

static const char *const level1_words[] = {
	"产出指标", "效益指标", "满意度指标", "成本指标",
};
static const char *const level2_words[] = {
	"数量指标", "质量指标", "时效指标", "成本指标", "经济效益指标",
	"社会效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度",
	"服务对象满意度指标", "经济成本指标", "社会成本指标", "生态环境成本指标",
};

static bool in_list(const char *tok, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(tok, list[i]) == 0)
			return true;
	return false;
}

/* An indicator value: has a digit, a percent or a comparison, or is one of
 * the short verdict words forms use. */
static bool looks_like_value(const char *s)
{
	if (strpbrk(s, "0123456789%<>=") || str_has(s, "％") || str_has(s, "≥") ||
	    str_has(s, "≤") || str_has(s, "＞") || str_has(s, "＜"))
		return true;
	static const char *const words[] = {
		"及时", "有效保障", "逐步提高", "参照往年", "达标", "合格", "提高",
		"明显", "显著", "良好", "完成", "是", "否", "有效", "稳定", "持续",
	};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (str_has(s, words[i]))
			return true;
	return false;
}

/* Split "实施期资金总额：1,697,500" into label and number. */
static bool split_label_number(const char *tok, const char **num)
{
	const char *p = tok + strlen(tok);
	while (p > tok && (strchr("0123456789,.", p[-1])))
		p--;
	if (p == tok + strlen(tok) || p == tok)
		return false;
	*num = p;
	return true;
}

static yoy_amount *funds_field(yoy_funds *f, const char *label)
{
	if (str_has(label, "资金总额"))
		return &f->total;
	if (str_has(label, "中央"))
		return &f->central;
	if (str_has(label, "省级") || str_has(label, "省财政"))
		return &f->provincial;
	if (str_has(label, "市县") || str_has(label, "市级") || str_has(label, "县级"))
		return &f->local;
	if (str_has(label, "自筹"))
		return &f->self_raised;
	if (str_has(label, "其他"))
		return &f->other;
	return NULL;
}

static void funds_row(parse_ctx *pc, yoy_perf_form *form, const tokens *t,
		      const yoy_line *l)
{
	int side = 0; /* 0 period, 1 annual */
	int labels_seen = 0;
	for (size_t i = 0; i < t->n; i++) {
		const char *tok = t->v[i];
		if (str_starts(tok, "项目资金"))
			continue;
		char label[256];
		const char *num = NULL;
		snprintf(label, sizeof label, "%s", tok);
		/* a label longer than the buffer is cut where the buffer ends */
		if (split_label_number(tok, &num) && (size_t)(num - tok) < sizeof label)
			label[num - tok] = '\0';
		yoy_funds *f = NULL;
		if (str_has(label, "实施期"))
			side = 0;
		else if (str_has(label, "年度"))
			side = 1;
		else if (labels_seen == 1)
			side = 1;
		f = side ? &form->annual_funds : &form->period_funds;
		yoy_amount *dst = funds_field(f, label);
		if (!dst)
			continue;
		labels_seen++;
		if (!num && i + 1 < t->n && !funds_field(f, t->v[i + 1]) &&
		    !str_has(t->v[i + 1], "资金总额")) {
			num = t->v[++i];
		}
		if (!num)
			continue;
		yoy_loc at = { l->no, l->page, l->file };
		if (yoy_amount_parse(dst, num, strlen(num), YOY_UNIT_YUAN) != 0) {
			doc_warn(pc->doc, at,
				 "form \"%s\": fund amount \"%s\" is not a number; left blank",
				 form->project ? form->project : "?", num);
			memset(dst, 0, sizeof *dst);
		}
	}
}

typedef struct indicator_state {
	const char *level1, *level2;
} indicator_state;

static void indicator_row(parse_ctx *pc, yoy_perf_form *form,
			  indicator_state *st, const tokens *t,
			  const yoy_line *l)
{
	const char *l1 = NULL, *l2 = NULL, *name = NULL, *value = NULL;
	const char *aname = NULL, *avalue = NULL;
	bool annual = false;
	for (size_t i = 0; i < t->n; i++) {
		const char *tok = t->v[i];
		if (!annual && !l1 && !l2 && !name &&
		    in_list(tok, level1_words, sizeof level1_words / sizeof *level1_words)) {
			l1 = tok;
			continue;
		}
		if (in_list(tok, level2_words, sizeof level2_words / sizeof *level2_words) ||
		    in_list(tok, level1_words, sizeof level1_words / sizeof *level1_words)) {
			if (!annual && !l2 && !name)
				l2 = tok;
			else
				annual = true;
			continue;
		}
		if (!annual) {
			if (!name) {
				name = tok;
			} else if (!value) {
				if (!looks_like_value(tok) && i + 1 < t->n &&
				    looks_like_value(t->v[i + 1])) {
					/* a cut-off level-2 word sat in the name slot */
					if (!l2)
						l2 = name;
					name = tok;
				} else {
					value = tok;
				}
			} else {
				annual = true;
				aname = tok;
			}
		} else if (!aname) {
			aname = tok;
		} else if (!avalue) {
			avalue = tok;
		}
	}
	if (l1) {
		st->level1 = l1;
		st->level2 = NULL;
	}
	if (l2)
		st->level2 = l2;
	if (!name && !value && !aname && !avalue)
		return;
	yoy_indicator *ind = form_add_indicator(pc->doc, form, &pc->ind_cap);
	if (!ind) {
		pc->oom = true;
		return;
	}
	ind->level1 = doc_str(pc->doc, st->level1);
	ind->level2 = doc_str(pc->doc, st->level2);
	ind->name = doc_str(pc->doc, name);
	ind->value = doc_str(pc->doc, value);
	ind->annual_name = doc_str(pc->doc, aname);
	ind->annual_value = doc_str(pc->doc, avalue);
	ind->at.line = l->no;
	ind->at.page = l->page;
	ind->at.file = l->file;
}

/* "054-吕梁市人力资源和社会保障局" */
static void department_code(parse_ctx *pc, yoy_perf_form *form, const char *v)
{
	size_t d = strspn(v, "0123456789");
	if (d > 0 && (v[d] == '-' || str_starts(v + d, "－"))) {
		form->department_code = doc_strn(pc->doc, v, d);
		form->department = doc_str(pc->doc, v + d + (v[d] == '-' ? 1 : 3));
	} else {
		form->department = doc_str(pc->doc, v);
	}
}

static const char **text_field(yoy_perf_form *f, const char *label)
{
	if (label_is(label, "项目概况"))
		return &f->overview;
	if (label_is(label, "立项依据"))
		return &f->basis;
	if (label_is(label, "项目设立必要性"))
		return &f->necessity;
	if (label_is(label, "保证项目实施的制度、措施"))
		return &f->measures;
	if (label_is(label, "项目实施计划"))
		return &f->plan;
	return NULL;
}

/* The fixed field a label names (项目名称, 实施单位, 项目属性, 项目期). */
static const char **fixed_field(yoy_perf_form *f, const char *label)
{
	if (label_is(label, "项目名称"))
		return &f->project;
	if (label_is(label, "实施单位"))
		return &f->implementer;
	if (label_is(label, "项目属性"))
		return &f->attribute;
	if (label_is(label, "项目期"))
		return &f->period;
	return NULL;
}

static bool is_field_label(const char *s)
{
	static const char *const labels[] = {
		"项目名称", "实施单位", "项目属性", "项目期", "主管部门及代码",
	};
	for (size_t q = 0; q < sizeof labels / sizeof *labels; q++)
		if (label_is(s, labels[q]))
			return true;
	return false;
}

/* Fixed fields, label and value pairs on one row ("项目名称 X 实施单位 Y").
 * True when the row had one. */
static bool fixed_fields(parse_ctx *pc, yoy_perf_form *form, const tokens *t)
{
	bool fixed = false;
	for (size_t k = 0; k < t->n; k++) {
		const char *val = k + 1 < t->n ? t->v[k + 1] : NULL;
		if (label_is(t->v[k], "主管部门及代码") || label_is(t->v[k], "主管部门")) {
			fixed = true;
			if (val && !text_field(form, val) && !label_is(val, "实施单位")) {
				department_code(pc, form, val);
				k++;
			}
			continue;
		}
		const char **dst = fixed_field(form, t->v[k]);
		if (!dst)
			continue;
		fixed = true;
		if (val && !is_field_label(val)) {
			*dst = doc_str(pc->doc, val);
			k++;
		}
	}
	return fixed;
}

/* A row of the form before its indicators: a text field, the goals, the
 * fixed fields or the funds. */
static void form_row(parse_ctx *pc, yoy_perf_form *form, const tokens *t, const yoy_line *l)
{
	const char *first = t->v[0];
	const char **text = text_field(form, first);
	if (text) {
		if (t->n > 1)
			*text = doc_str(pc->doc, t->v[1]);
		return;
	}
	if (label_is(first, "总体目标")) {
		if (t->n > 1)
			form->goal_period = doc_str(pc->doc, t->v[1]);
		if (t->n > 2)
			form->goal_annual = doc_str(pc->doc, t->v[2]);
		return;
	}
	bool funds = false;
	for (size_t k = 0; k < t->n; k++)
		if (funds_field(&form->period_funds, t->v[k]) || str_starts(t->v[k], "项目资金"))
			funds = true;
	if (!fixed_fields(pc, form, t) && funds)
		funds_row(pc, form, t, l);
}

/* One performance form from its title at line i to the first line that
 * is not a table row.  Returns the line after it. */
size_t form_parse(parse_ctx *pc, size_t i)
{
	const yoy_lines *ls = pc->lines;
	yoy_perf_form *form = doc_add_form(pc->doc, &pc->form_cap);
	if (!form) {
		pc->oom = true;
		return i + 1;
	}
	pc->ind_cap = 0;
	form->at.line = ls->v[i].no;
	form->at.page = ls->v[i].page;
	form->at.file = ls->v[i].file;
	size_t j = i + 1;
	bool in_indicators = false;
	indicator_state st = { NULL, NULL };
	tokens t;
	for (; j < ls->n; j++) {
		const yoy_line *l = &ls->v[j];
		if (l->ncells == 0)
			continue;
		if (!l->tabbed) {
			/* "(2023年度)" under the title */
			if ((str_starts(l->text, "(") || str_starts(l->text, "（")) &&
			    str_has(l->text, "年") && l->len < 24)
				continue;
			break;
		}
		tokenize(&t, l);
		if (t.n == 0)
			continue;
		if (label_is(t.v[0], "负责人") || label_is(t.v[0], "填报人"))
			in_indicators = false;
		else if (label_is(t.v[0], "绩效指标"))
			in_indicators = true;
		else if (in_indicators)
			indicator_row(pc, form, &st, &t, l);
		else
			form_row(pc, form, &t, l);
	}
	if (!form->project && !form->nindicators && !form->annual_funds.total.present &&
	    !form->period_funds.total.present) {
		/* a title with no form under it: not a form */
		pc->doc->nforms--;
		return i + 1;
	}
	if (!form->project)
		doc_warn(pc->doc, form->at, "performance form without a project name");
	return j;
}
