/* The hearing summary (report.h): headline figures, the largest changes
 * with the reasons stated and the check's verdict, the questions to ask. */
#include "yoy/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_common.h"
#include "match.h"
#include "util/util.h"

#define DEFAULT_TOP 10

/* The headline figures and where each is printed, first found wins. */
static const struct {
	const char *label;
	int indent;
	const char *metrics[3];
} headline[] = {
	{ "收入总计", 0, { "summary/income.total/total", "income/total/total", NULL } },
	{ "财政拨款", 1, { "summary/income.fiscal/total", "fiscal_summary/income.total/total", NULL } },
	{ "一般公共预算", 2, { "general_expenditure/total/total",
			       "fiscal_summary/income.general_budget/total", NULL } },
	{ "支出总计", 0, { "summary/expenditure.total/total", "expenditure/total/total", NULL } },
	{ "基本支出", 1, { "expenditure/total/basic", "summary/expenditure_use.basic/total", NULL } },
	{ "项目支出", 1, { "expenditure/total/project", "summary/expenditure_use.project/total", NULL } },
	{ "单位预留机动经费", 1, { "expenditure/total/reserve",
				   "summary/expenditure_use.reserve/total", NULL } },
	{ "“三公”经费", 0, { "three_public/total/total", NULL, NULL } },
	{ "因公出国（境）费", 1, { "three_public/overseas/total", NULL, NULL } },
	{ "公务接待费", 1, { "three_public/reception/total", NULL, NULL } },
	{ "公务用车购置及运行费", 1, { "three_public/vehicles/total", NULL, NULL } },
	{ "机关运行经费", 0, { "operating_costs/total/total", NULL, NULL } },
	{ "政府采购", 0, { "procurement/total/total", NULL, NULL } },
};

static void figures(yoy_report *r)
{
	yoy_arena *ar = r->arena;
	r->figures = arena_alloc(ar, sizeof headline / sizeof *headline * sizeof *r->figures);
	if (!r->figures)
		return;
	for (size_t i = 0; i < sizeof headline / sizeof *headline; i++) {
		cell_ref now = { 0 }, then = { 0 };
		for (size_t m = 0; m < 3 && headline[i].metrics[m]; m++) {
			now = metric_cell(r->doc, headline[i].metrics[m]);
			if (now.found && now.value.present) {
				if (r->prior)
					then = metric_cell(r->prior, headline[i].metrics[m]);
				break;
			}
		}
		if (!now.found || !now.value.present)
			continue;
		yoy_report_figure *f = &r->figures[r->nfigures++];
		f->label = headline[i].label;
		f->indent = headline[i].indent;
		f->in_b = true;
		f->b = now.value.fen;
		f->in_a = then.found && then.value.present;
		f->a = f->in_a ? then.value.fen : 0;
		if (__builtin_sub_overflow(f->b, f->a, &f->change)) {
			r->nfigures--; /* past int64: not a headline rather than a wrong one */
			continue;
		}
		f->has_percent = f->in_a && f->a != 0;
		if (f->has_percent)
			f->percent = yoy_percent_x100(f->change, f->a);
		int da = f->in_a ? yoy_wan_decimals(then.value.unit, then.value.decimals) : 0;
		int db = yoy_wan_decimals(now.value.unit, now.value.decimals);
		f->decimals = da > db ? da : db;
		if (f->decimals < 2)
			f->decimals = 2; /* "0" printed as 0.00万元 */
		if (now.row) {
			f->at = now.row->at;
			f->file = source_of(r->doc, now.row->at);
		}
	}
}

/* ---- the statement about a line ----------------------------------------- */

/* The function code a metric names ("general_expenditure/code:204/total"),
 * its length in *n; NULL for a line without one. */
static const char *code_of(const char *metric, size_t *n)
{
	const char *m = metric ? strstr(metric, "/code:") : NULL;
	if (!m)
		return NULL;
	*n = strcspn(m + 6, "/");
	return m + 6;
}


static bool metric_names_code(const char *metric, const char *code)
{
	size_t n;
	const char *m = code_of(metric, &n);
	return m && code && n == strlen(code) && strncmp(m, code, n) == 0;
}

/* Names of six bytes or less (two characters) are too common to match. */
static bool says(const char *text, const char *name)
{
	return name && strlen(name) >= 6 && text_mentions(text, name);
}

/* The check's worst word on the figures of claim i of the year's
 * document (how it names its line is not a word on its figures). */
static const yoy_finding *worst_finding(const yoy_report *r, long claim, bool by_figures)
{
	const yoy_finding *worst = NULL;
	for (size_t i = 0; i < r->check->nfindings; i++) {
		const yoy_finding *f = &r->check->findings[i];
		if (f->claim != claim || f->year != r->doc->year ||
		    strcmp(f->rule, "claim.name") == 0)
			continue;
		if (by_figures && strcmp(f->rule, "claim.figure") == 0 &&
		    f->verdict == YOY_VERDICT_UNVERIFIABLE)
			continue;
		if (!worst || f->severity > worst->severity)
			worst = f;
	}
	return worst;
}

static void attach_statement(yoy_report *r, yoy_report_change *c)
{
	const yoy_doc *d = r->doc;
	const char *name = yoy_diff_row_name(c->row);
	long best = -1;
	int best_score = 0;
	for (size_t i = 0; i < d->nclaims; i++) {
		const yoy_claim *cl = &d->claims[i];
		if (cl->kind != YOY_CLAIM_CHANGE)
			continue;
		int score = 0;
		const yoy_diff_cell *x = &c->row->cells[0];
		int64_t said = cl->delta.present
			? (cl->direction == YOY_DIR_DECREASE ? -cl->delta.fen : cl->delta.fen) : 0;
		if (metric_names_code(cl->metric, c->row->code))
			score = 4;
		else if (cl->current.present && cl->delta.present && c->row->b &&
			 judge_equal(fig_of(&cl->current),
				     (figure){ x->b, 0, YOY_UNIT_YUAN, 2, true, false }) != YOY_VERDICT_MISMATCH &&
			 said == x->change)
			score = 3; /* its figures: the name printed another way */
		else if (says(cl->subject, name))
			score = 2;
		else if (says(cl->reason, name))
			score = 1;
		if (!score)
			continue;
		if (cl->reason && !(cl->flags & YOY_CLAIM_EMPTY_REASON))
			score++;
		if (score > best_score) {
			best_score = score;
			best = (long)i;
		}
	}
	if (best < 0) {
		/* no statement of change: a statement of the figure alone */
		for (size_t i = 0; i < d->nclaims && !c->figure_only; i++)
			if (d->claims[i].kind == YOY_CLAIM_FIGURE &&
			    metric_names_code(d->claims[i].metric, c->row->code)) {
				c->figure_only = &d->claims[i];
				c->verdict = worst_finding(r, (long)i, false);
			}
		return;
	}
	c->claim = &d->claims[best];
	const yoy_claim *cl = c->claim;
	size_t cn;
	if (best_score <= 2 && c->row->code && code_of(cl->metric, &cn) &&
	    !metric_names_code(cl->metric, c->row->code)) {
		/* another code's statement that names this line: its reason
		 * is quoted, its verdict is that line's, not this one's */
		c->mentioned_only = true;
		return;
	}
	const yoy_diff_cell *x = &c->row->cells[0];
	if (cl->delta.present && c->row->b && x->in_b &&
	    (cl->direction == YOY_DIR_INCREASE || cl->direction == YOY_DIR_DECREASE)) {
		figure said = fig_of(&cl->delta);
		if (cl->direction == YOY_DIR_DECREASE)
			said = fig_neg(said);
		if (judge_equal(said, (figure){ x->change, 0, YOY_UNIT_YUAN, 2, true, false }) ==
		    YOY_VERDICT_MISMATCH) {
			c->base_differs = true;
			c->stated_change = said.fen;
			c->implied_base = x->b - said.fen;
			figure base = { c->implied_base, said.half, said.unit, said.decimals, true, false };
			for (size_t i = 0; i < c->table->nrows && !c->base_row; i++) {
				const yoy_diff_row *o = &c->table->rows[i];
				if (o->status == YOY_DIFF_REMOVED && o->cells[0].in_a &&
				    judge_equal(base, (figure){ o->cells[0].a, 0, YOY_UNIT_YUAN, 2,
								 true, false }) != YOY_VERDICT_MISMATCH)
					c->base_row = o;
			}
		}
	}
	/* when the statement was found by its figures (its name printed
	 * another way), "no table cell for the name" is not a word on them */
	c->verdict = worst_finding(r, best, best_score == 3 + (c->claim->reason ? 1 : 0));
	c->holds = c->verdict && c->verdict->severity == YOY_SEV_OK;
}

/* ---- the largest changes ------------------------------------------------ */

static bool is_leaf(const yoy_diff_table *t, const yoy_diff_row *row)
{
	if (!row->code)
		return true;
	size_t n = strlen(row->code);
	for (size_t i = 0; i < t->nrows; i++) {
		const char *c = t->rows[i].code;
		if (c && strlen(c) > n && strncmp(c, row->code, n) == 0)
			return false;
	}
	return true;
}

static int64_t magnitude(int64_t v)
{
	return v < 0 ? -v : v;
}

/* The top changes of one diff table (rows are sorted by size already). */
static size_t largest(yoy_report *r, const yoy_diff *d, size_t top, yoy_report_change **out)
{
	*out = NULL;
	if (!d || !d->ntables)
		return 0;
	const yoy_diff_table *t = &d->tables[0];
	yoy_report_change *v = arena_alloc(r->arena, (top + 1) * sizeof *v);
	if (!v)
		return 0;
	size_t n = 0;
	for (size_t i = 0; i < t->nrows && n < top; i++) {
		const yoy_diff_row *row = &t->rows[i];
		if (!row->reported || row->level == 0 || !t->ncolumns || !is_leaf(t, row) ||
		    magnitude(row->cells[0].change) == 0)
			continue;
		v[n].row = row;
		v[n].table = t;
		attach_statement(r, &v[n]);
		n++;
	}
	/* a line that left under one code for another: said on both */
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < n; k++)
			if (v[k].base_row == v[i].row)
				v[i].moved_to = v[k].row;
	*out = v;
	return n;
}

/* ---- structure and years ------------------------------------------------ */

static int by_class_code(const void *x, const void *y)
{
	return strcmp(((const yoy_report_class *)x)->code, ((const yoy_report_class *)y)->code);
}

/* In the order of the classification (the diff lists by size of change). */
static void classes(yoy_report *r)
{
	if (!r->by_code || !r->by_code->ntables)
		return;
	const yoy_diff_table *t = &r->by_code->tables[0];
	r->classes = arena_alloc(r->arena, (t->nrows + 1) * sizeof *r->classes);
	if (!r->classes || !t->ncolumns)
		return;
	for (size_t i = 0; i < t->nrows; i++) {
		const yoy_diff_row *row = &t->rows[i];
		if (!row->code || strlen(row->code) != 3)
			continue;
		yoy_report_class *c = &r->classes[r->nclasses++];
		c->code = row->code;
		c->name = yoy_diff_row_name(row);
		c->a = row->cells[0].a;
		c->b = row->cells[0].b;
	}
	qsort(r->classes, r->nclasses, sizeof *r->classes, by_class_code);
}

/* The line a finding names by its metric, in this year and the last. */
static bool line_of(const yoy_report *r, const yoy_finding *f, cell_ref *now, cell_ref *then)
{
	if (!r->prior || !f->metric)
		return false;
	*now = metric_cell(r->doc, f->metric);
	*then = metric_cell(r->prior, f->metric);
	return now->found && then->found && now->value.present && then->value.present;
}

/* An unexplained change of a class or 款 that one of its items shows just
 * the same (204 → 20499 → 2049999, each +124.5025万元): ask once, of the
 * item. */
static bool said_below(const yoy_report *r, const yoy_finding *f)
{
	cell_ref fa, fb, ga, gb;
	size_t n, m;
	const char *code = code_of(f->metric, &n);
	if (strcmp(f->rule, "prior.unexplained") != 0 || !code || !line_of(r, f, &fa, &fb))
		return false;
	for (size_t i = 0; i < r->check->nfindings; i++) {
		const yoy_finding *g = &r->check->findings[i];
		const char *below = g != f && strcmp(g->rule, "prior.unexplained") == 0
					    ? code_of(g->metric, &m) : NULL;
		if (below && m > n && strncmp(below, code, n) == 0 && line_of(r, g, &ga, &gb) &&
		    ga.value.fen - gb.value.fen == fa.value.fen - fb.value.fen)
			return true;
	}
	return false;
}

/* ---- the report --------------------------------------------------------- */

static int by_severity(const void *p, const void *q)
{
	const yoy_finding *a = *(const yoy_finding *const *)p, *b = *(const yoy_finding *const *)q;
	if (a->severity != b->severity)
		return a->severity > b->severity ? -1 : 1;
	if (a->at.page != b->at.page)
		return a->at.page - b->at.page;
	if (a->at.line != b->at.line)
		return a->at.line - b->at.line;
	int c = strcmp(a->rule, b->rule);
	return c ? c : strcmp(a->message ? a->message : "", b->message ? b->message : "");
}

int yoy_report_build(yoy_report **out, const yoy_doc *doc, const yoy_doc *prior,
		     const yoy_report_options *o, yoy_error *err)
{
	*out = NULL;
	yoy_report_options defaults = { 0 };
	if (!o)
		o = &defaults;
	yoy_arena *ar = calloc(1, sizeof *ar);
	yoy_report *r = ar ? arena_alloc(ar, sizeof *r) : NULL;
	if (!r) {
		free(ar);
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	}
	r->arena = ar;
	r->doc = doc;
	r->prior = prior;
	r->revision = o->revision ? arena_strdup(ar, o->revision) : NULL;
	size_t top = o->top ? o->top : DEFAULT_TOP;
	yoy_check_options co = o->check ? *o->check : (yoy_check_options){ 0 };
	co.prior = prior;
	int rc = yoy_check_doc(&r->check, doc, &co, err);
	if (!rc && o->nyears) {
		yoy_trend_options total = { 0 };
		rc = yoy_trend_build(&r->totals, o->years, o->nyears, &total, err);
	}
	if (!rc && prior) {
		yoy_table_kind code_table = yoy_doc_table(doc, YOY_TABLE_GENERAL_EXPENDITURE) &&
						    yoy_doc_table(prior, YOY_TABLE_GENERAL_EXPENDITURE)
					    ? YOY_TABLE_GENERAL_EXPENDITURE : YOY_TABLE_EXPENDITURE;
		yoy_table_kind project_tables[] = { YOY_TABLE_PROJECTS };
		yoy_diff_options dc = { .tables = &code_table, .ntables = 1 };
		yoy_diff_options dp = { .tables = project_tables, .ntables = 1,
					.by = YOY_DIFF_BY_PROJECT };
		rc = yoy_diff_docs(&r->by_code, prior, doc, &dc, err);
		if (!rc)
			rc = yoy_diff_docs(&r->by_project, prior, doc, &dp, err);
	}
	if (!rc && o->budget && o->final) {
		yoy_table_kind t = yoy_doc_table(o->budget, YOY_TABLE_GENERAL_EXPENDITURE) &&
					   yoy_doc_table(o->final, YOY_TABLE_GENERAL_EXPENDITURE)
				   ? YOY_TABLE_GENERAL_EXPENDITURE : YOY_TABLE_EXPENDITURE;
		yoy_diff_options de = { .tables = &t, .ntables = 1 };
		rc = yoy_diff_docs(&r->execution, o->budget, o->final, &de, err);
	}
	if (rc) {
		yoy_report_free(r);
		return rc;
	}
	figures(r);
	r->ncode_changes = largest(r, r->by_code, top, &r->code_changes);
	r->nproject_changes = largest(r, r->by_project, top, &r->project_changes);
	r->questions = arena_alloc(ar, (r->check->nfindings + 1) * sizeof *r->questions);
	for (size_t i = 0; r->questions && i < r->check->nfindings; i++)
		if (r->check->findings[i].severity >= YOY_SEV_WARNING &&
		    strcmp(r->check->findings[i].rule, "change.template") != 0 &&
		    !said_below(r, &r->check->findings[i]))
			r->questions[r->nquestions++] = &r->check->findings[i];
	if (r->nquestions)
		qsort(r->questions, r->nquestions, sizeof *r->questions, by_severity);
	classes(r);
	if (!r->figures || !r->questions) {
		yoy_report_free(r);
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	}
	*out = r;
	return 0;
}

void yoy_report_free(yoy_report *r)
{
	if (!r)
		return;
	yoy_check_free(r->check);
	yoy_trend_free(r->totals);
	yoy_diff_free(r->by_code);
	yoy_diff_free(r->by_project);
	yoy_diff_free(r->execution);
	yoy_arena *ar = r->arena;
	arena_release(ar);
	free(ar);
}

/* ---- wording shared by the renderers ------------------------------------ */

const char *yoy_report_verdict_words(const yoy_report_change *c)
{
	if (!c->claim && !c->figure_only)
		return "—";
	if (!c->claim) {
		/* only the figure is stated: it is all there is to check */
		if (c->verdict && c->verdict->severity == YOY_SEV_OK)
			return "变动未说明；金额相符";
		if (c->verdict && c->verdict->verdict == YOY_VERDICT_ROUNDING)
			return "变动未说明；金额在舍入范围内相符";
		if (c->verdict && c->verdict->verdict == YOY_VERDICT_MISMATCH)
			return "金额不符";
		return "变动未说明";
	}
	if (c->mentioned_only)
		return "见其他科目的说明";
	if (!c->verdict)
		return "无法核对";
	if (c->verdict->severity == YOY_SEV_OK)
		return "相符";
	if (c->verdict->verdict == YOY_VERDICT_TRUNCATED)
		return "相符（尾数截去，未四舍五入）";
	if (c->verdict->held_against)
		return "按上年另一公开数为基数时相符";
	if (c->verdict->verdict == YOY_VERDICT_ROUNDING)
		return "在舍入范围内相符";
	if (c->verdict->verdict == YOY_VERDICT_UNVERIFIABLE)
		return "无法核对";
	return "不符";
}

const char *yoy_report_wan(char *buf, size_t size, int64_t fen, int decimals, bool sign)
{
	size_t n = 0;
	if (sign && fen > 0 && size > 1)
		buf[n++] = '+';
	yoy_fen_format(buf + n, size - n, fen, YOY_UNIT_WAN, decimals);
	return buf;
}

const char *yoy_report_percent(char *buf, size_t size, bool has, int64_t percent)
{
	if (!has) {
		snprintf(buf, size, "—");
		return buf;
	}
	yoy_decimal d = { percent, 2, 1 };
	size_t n = 0;
	if (percent > 0 && size > 1)
		buf[n++] = '+';
	n += yoy_decimal_format(buf + n, size - n, &d);
	if (n < size)
		snprintf(buf + n, size - n, "%%");
	return buf;
}

const char *yoy_report_kind_words(const yoy_report *r)
{
	bool unit = r->doc->kind && strstr(r->doc->kind, "unit");
	return yoy_doc_is_final(r->doc) ? (unit ? "单位决算" : "部门决算")
					: (unit ? "单位预算" : "部门预算");
}

const char *yoy_report_numeral(int n)
{
	static const char *const cn[] = { "〇", "一", "二", "三", "四", "五",
					  "六", "七", "八", "九", "十" };
	return n >= 0 && n <= 10 ? cn[n] : "十";
}

const yoy_diff_table *yoy_report_execution_table(const yoy_report *r)
{
	return r->execution && r->execution->ntables ? &r->execution->tables[0] : NULL;
}

void yoy_report_execution_format(yoy_report_execution_cells *out, const yoy_diff_table *t,
				 const yoy_diff_row *row)
{
	const yoy_diff_cell *c = &row->cells[0];
	int dec = yoy_report_table_decimals(t);
	snprintf(out->name, sizeof out->name, "%s%s%s", row->code ? row->code : "",
		 row->code ? " " : "", yoy_diff_row_name(row));
	if (c->in_a)
		yoy_report_wan(out->budget, sizeof out->budget, c->a, dec, false);
	else
		snprintf(out->budget, sizeof out->budget, "—");
	if (c->in_b)
		yoy_report_wan(out->final, sizeof out->final, c->b, dec, false);
	else
		snprintf(out->final, sizeof out->final, "—");
	yoy_report_wan(out->change, sizeof out->change, c->change, dec, true);
	if (c->has_rate) {
		size_t n = yoy_diff_format_percent(out->rate, sizeof out->rate, c->rate, false);
		snprintf(out->rate + n, sizeof out->rate - n, "%%");
	} else {
		snprintf(out->rate, sizeof out->rate, "—");
	}
}

size_t yoy_report_execution_rows(const yoy_diff_row **rows, size_t top, const yoy_diff_table *t)
{
	size_t n = 0;
	if (t->total && n < top)
		rows[n++] = t->total;
	for (size_t i = 0; i < t->nrows && n < top; i++)
		if (&t->rows[i] != t->total && t->rows[i].reported && t->rows[i].a && t->rows[i].b)
			rows[n++] = &t->rows[i];
	return n;
}

bool yoy_report_has_years(const yoy_report *r)
{
	return r->totals && r->totals->nyears > 2;
}

void yoy_report_year_format(yoy_report_year_cells *out, const yoy_report *r,
			    const yoy_trend_year *y)
{
	int dec = r->totals->decimals;
	snprintf(out->total, sizeof out->total, "—");
	snprintf(out->change, sizeof out->change, "—");
	if (y->present)
		yoy_report_wan(out->total, sizeof out->total, y->value, dec, false);
	if (y->has_change)
		yoy_report_wan(out->change, sizeof out->change, y->change, dec, true);
	yoy_report_percent(out->percent, sizeof out->percent, y->has_percent, y->percent);
}

void yoy_report_year_labels(char la[16], char lb[16], const yoy_report *r)
{
	snprintf(la, 16, "上年");
	snprintf(lb, 16, "%d年", r->doc->year);
	if (r->prior)
		snprintf(la, 16, "%d年", r->prior->year);
}

void yoy_report_figure_format(yoy_report_figure_cells *out, const yoy_report_figure *f)
{
	yoy_report_figure_label(out->label, sizeof out->label, f);
	snprintf(out->a, sizeof out->a, "—");
	snprintf(out->change, sizeof out->change, "—");
	if (f->in_a) {
		yoy_report_wan(out->a, sizeof out->a, f->a, f->decimals, false);
		yoy_report_wan(out->change, sizeof out->change, f->change, f->decimals, true);
	}
	yoy_report_wan(out->b, sizeof out->b, f->b, f->decimals, false);
	yoy_report_percent(out->percent, sizeof out->percent, f->has_percent, f->percent);
	yoy_report_where(out->where, sizeof out->where, f->file, f->at);
}

int yoy_report_table_decimals(const yoy_diff_table *t)
{
	return yoy_wan_decimals(t->unit, t->decimals);
}

size_t yoy_report_change_name(char *buf, size_t size, const yoy_report_change *c)
{
	const yoy_diff_row *row = c->row;
	int n = snprintf(buf, size, "%s%s%s", row->code ? row->code : "", row->code ? " " : "",
			 yoy_diff_row_name(row));
	if (n >= 0 && (size_t)n < size && row->a && row->b && row->flags) {
		int m;
		if (row->flags & YOY_DIFF_RECODED)
			m = snprintf(buf + n, size - (size_t)n, "（上年：%s %s）",
				     row->a->code ? row->a->code : "", row->a->name ? row->a->name : "");
		else
			m = snprintf(buf + n, size - (size_t)n, "（上年名称：%s）",
				     row->a->name ? row->a->name : "");
		if (m > 0)
			n += m;
	}
	return n < 0 ? 0 : (size_t)n < size ? (size_t)n : size ? size - 1 : 0;
}

size_t yoy_report_check_words(char *buf, size_t size, const yoy_report *r)
{
	const size_t *n = r->check->count;
	int k = snprintf(buf, size, "核对：%zu处错误，%zu处存疑，%zu处提示；%zu项陈述与合计相符",
			 n[YOY_SEV_ERROR], n[YOY_SEV_WARNING], n[YOY_SEV_INFO], n[YOY_SEV_OK]);
	return k < 0 ? 0 : (size_t)k < size ? (size_t)k : size ? size - 1 : 0;
}

const char *yoy_report_no_changes_words(const yoy_report *r, bool projects)
{
	if (!r->prior)
		return "没有上年文件可比。";
	if (!projects)
		return "两年的功能科目没有变动。";
	return "两年的公开文件未都列出项目支出明细，无法按项目对比。";
}

const char *yoy_report_no_reason_words(const yoy_report_change *c)
{
	if (c->claim && c->claim->reason && !(c->claim->flags & YOY_CLAIM_EMPTY_REASON))
		return NULL;
	return c->claim ? "说明了变动，未说明原因" : c->figure_only ? "只列了金额，未说明变动" : "未说明";
}

const char *yoy_report_claim_file(const yoy_report *r, const yoy_claim *c)
{
	return source_of(r->doc, c->at);
}

size_t yoy_report_verdict_text(char *buf, size_t size, const yoy_report *r,
			       const yoy_report_change *c)
{
	int n;
	size_t cn;
	const char *code = c->mentioned_only ? code_of(c->claim->metric, &cn) : NULL;
	if (code) {
		n = snprintf(buf, size, "见%.*s的说明（原因中提及本科目）", (int)cn, code);
	} else if (c->verdict && c->verdict->severity >= YOY_SEV_WARNING) {
		char q[1024];
		yoy_report_question(q, sizeof q, r, c->verdict);
		n = snprintf(buf, size, "%s：%s",
			     c->verdict->severity == YOY_SEV_ERROR ? "不符" : "存疑", q);
	} else if (c->moved_to && !c->claim) {
		n = snprintf(buf, size, "科目调整：本年列为%s%s%s", c->moved_to->code ? c->moved_to->code : "",
			     c->moved_to->code ? " " : "", yoy_diff_row_name(c->moved_to));
	} else if (c->base_differs) {
		int dec = yoy_report_table_decimals(c->table);
		char said[48], base[48];
		yoy_report_wan(said, sizeof said, c->stated_change, dec, true);
		yoy_report_wan(base, sizeof base, c->implied_base, dec, false);
		if (c->base_row)
			n = snprintf(buf, size, "科目调整：文中变动%s万元，隐含上年数%s万元，即上年的%s%s%s",
				     said, base, c->base_row->code ? c->base_row->code : "",
				     c->base_row->code ? " " : "", yoy_diff_row_name(c->base_row));
		else
			n = snprintf(buf, size, "上年口径不同：文中变动%s万元，隐含上年数%s万元，"
				     "与按科目对比的上年数不同", said, base);
	} else {
		n = snprintf(buf, size, "%s", yoy_report_verdict_words(c));
	}
	return n < 0 ? 0 : (size_t)n < size ? (size_t)n : size ? size - 1 : 0;
}

size_t yoy_report_figure_label(char *buf, size_t size, const yoy_report_figure *f)
{
	int n = snprintf(buf, size, "%s%s%s", f->indent > 1 ? "　" : "", f->indent ? "其中：" : "",
			 f->label);
	return n < 0 ? 0 : (size_t)n < size ? (size_t)n : size ? size - 1 : 0;
}

size_t yoy_report_where(char *buf, size_t size, const char *file, yoy_loc at)
{
	int n;
	if (at.page)
		n = snprintf(buf, size, "%s 第%d页第%d行", file ? file : "?", at.page, at.line);
	else
		n = snprintf(buf, size, "%s 第%d行", file ? file : "?", at.line);
	return n < 0 ? 0 : (size_t)n < size ? (size_t)n : size - 1;
}

static size_t page_line(char *buf, size_t size, yoy_loc at)
{
	int n = at.page ? snprintf(buf, size, "第%d页第%d行", at.page, at.line)
			: snprintf(buf, size, "第%d行", at.line);
	return n < 0 ? 0 : (size_t)n < size ? (size_t)n : size - 1;
}

size_t yoy_report_where_finding(char *buf, size_t size, const yoy_finding *f,
				const yoy_doc *prior)
{
	size_t n = yoy_report_where(buf, size, f->file, f->at);
	for (size_t i = 0; i < f->nalso && n + 1 < size; i++) {
		n += (size_t)snprintf(buf + n, size - n, "%s", i ? "、" : "（又见");
		n += n < size ? page_line(buf + n, size - n, f->also[i]) : 0;
		if (i + 1 == f->nalso && n + 1 < size)
			n += (size_t)snprintf(buf + n, size - n, "）");
	}
	if (f->prior_file && n + 1 < size) {
		n += (size_t)snprintf(buf + n, size - n, "；%d年：",
				      prior ? prior->year : f->year - 1);
		n += n < size ? yoy_report_where(buf + n, size - n, f->prior_file, f->prior_at) : 0;
	}
	return n < size ? n : size ? size - 1 : 0;
}

/* An unexplained change in 万元 like the rest of the report (the check
 * states it in the table's unit): "133.30 → 257.8025万元，变动+124.5025万元
 * （+93.40%）".  False when the line is not found in both years. */
static bool unexplained_in_wan(char *buf, size_t size, int *n, const yoy_report *r,
			       const yoy_finding *f)
{
	cell_ref now, then;
	if (!r || !line_of(r, f, &now, &then))
		return false;
	int da = yoy_wan_decimals(then.value.unit, then.value.decimals);
	int db = yoy_wan_decimals(now.value.unit, now.value.decimals);
	int dec = da > db ? da : db;
	if (dec < 2)
		dec = 2;
	int64_t change;
	if (__builtin_sub_overflow(now.value.fen, then.value.fen, &change))
		return false;
	char a[48], b[48], c[48], p[48] = "";
	yoy_report_wan(a, sizeof a, then.value.fen, dec, false);
	yoy_report_wan(b, sizeof b, now.value.fen, dec, false);
	yoy_report_wan(c, sizeof c, change, dec, true);
	if (then.value.fen) {
		char q[32];
		yoy_report_percent(q, sizeof q, true, yoy_percent_x100(change, then.value.fen));
		snprintf(p, sizeof p, "（%s）", q);
	}
	*n = snprintf(buf, size, "%s → %s万元，变动%s万元%s，说明中未作解释", a, b, c, p);
	return true;
}

size_t yoy_report_question(char *buf, size_t size, const yoy_report *rep, const yoy_finding *f)
{
	const char *s = f->stated ? f->stated : "", *c = f->computed ? f->computed : "";
	const char *r = f->rule;
	int n;
	if (strcmp(r, "change.percent") == 0)
		n = snprintf(buf, size, "文中增减率为%s，按增减额与基数计算为%s", s, c);
	else if (strcmp(r, "claim.figure") == 0) {
		/* the table's figure in 万元 like the statement's */
		cell_ref t = rep ? metric_cell(rep->doc, f->metric) : (cell_ref){ 0 };
		char w[48];
		if (t.found && t.value.present && !t.is_count && t.value.unit == YOY_UNIT_YUAN) {
			int dec = yoy_wan_decimals(t.value.unit, t.value.decimals);
			yoy_report_wan(w, sizeof w, t.value.fen, dec, false);
			n = snprintf(buf, size, "文中数字为%s，表中为%s万元", s, w);
		} else {
			n = snprintf(buf, size, "文中数字为%s，表中为%s", s, c);
		}
	}
	else if (strcmp(r, "claim.share") == 0)
		n = snprintf(buf, size, "文中占比为%s，按表计算为%s", s, c);
	else if (strcmp(r, "claim.count") == 0)
		n = snprintf(buf, size, "文中个数为%s，表中为%s", s, c);
	else if (strcmp(r, "claim.consistent") == 0)
		n = snprintf(buf, size, "同一变动前后说法不一：%s 与 %s", s, c);
	else if (strcmp(r, "prior.base") == 0)
		n = snprintf(buf, size, "变动所隐含的上年数为%s，上年公开数为%s", s, c);
	else if (strcmp(r, "prior.direction") == 0)
		n = snprintf(buf, size, "文中称%s，实际变动%s", s, c);
	else if (strcmp(r, "prior.unexplained") == 0) {
		if (!unexplained_in_wan(buf, size, &n, rep, f))
			n = snprintf(buf, size, "%s，变动%s，说明中未作解释", s, c);
	}
	else if (strcmp(r, "change.zero-base") == 0)
		n = snprintf(buf, size, "从零基数计算增减率%s", s);
	else if (strcmp(r, "change.percent-no-sign") == 0)
		n = snprintf(buf, size, "增减率未标百分号");
	else if (strcmp(r, "change.empty-reason") == 0)
		n = snprintf(buf, size, "“主要原因是”后未写原因");
	else if (strcmp(r, "change.template") == 0)
		n = snprintf(buf, size, "保留了模板用语");
	else if (*s || *c)
		n = snprintf(buf, size, "文中为%s，核对得%s", s, c);
	else
		n = snprintf(buf, size, "%s", f->message ? f->message : "");
	if (n >= 0 && (size_t)n < size && f->envelope && f->verdict != YOY_VERDICT_UNVERIFIABLE &&
	    strcmp(r, "prior.unexplained") != 0) {
		int m = snprintf(buf + n, size - (size_t)n, "（舍入允许%s）", f->envelope);
		if (m > 0)
			n += m;
	}
	return n < 0 ? 0 : (size_t)n < size ? (size_t)n : size - 1;
}
