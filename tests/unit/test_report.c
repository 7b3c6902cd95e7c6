/* report.c and its renderers: the headline figures, the largest changes
 * with their statements and verdicts, the questions, on the real series. */
#include "testutil.h"

#include "yoy/render.h"
#include "yoy/report.h"

#define HC(y) "data/jiangsu-high-court/" y "-budget.pdf"
#define JP(y) "data/jiangsu-procuratorate/" y "-budget.pdf"
#define WL(y) "data/shanghai-putuo-wanli/" y "-budget.pdf"

/* Three years of one department, the report of the last. */
typedef struct series {
	yoy_doc *docs[3];
	yoy_report *r;
} series;

static void build(series *s, const char *a, const char *b, const char *c, size_t top)
{
	s->docs[0] = parse_ok(a);
	s->docs[1] = parse_ok(b);
	s->docs[2] = parse_ok(c);
	yoy_report_options o = { .top = top, .revision = "0123456789abcdef0123456789abcdef01234567",
				 .years = (const yoy_doc *const *)s->docs, .nyears = 3 };
	yoy_error err;
	yoy_error_clear(&err);
	assert_int_equal(yoy_report_build(&s->r, s->docs[2], s->docs[1], &o, &err), 0);
}

static void release(series *s)
{
	yoy_report_free(s->r);
	for (int i = 0; i < 3; i++)
		yoy_doc_free(s->docs[i]);
}

static const yoy_report_figure *figure_named(const yoy_report *r, const char *label)
{
	for (size_t i = 0; i < r->nfigures; i++)
		if (strcmp(r->figures[i].label, label) == 0)
			return &r->figures[i];
	fail_msg("no figure %s", label);
	return NULL;
}

static const yoy_report_change *change_of(const yoy_report *r, const char *code)
{
	for (size_t i = 0; i < r->ncode_changes; i++)
		if (r->code_changes[i].row->code && strcmp(r->code_changes[i].row->code, code) == 0)
			return &r->code_changes[i];
	return NULL;
}

static bool asks_about(const yoy_report *r, const char *subject_prefix)
{
	for (size_t i = 0; i < r->nquestions; i++)
		if (r->questions[i]->subject &&
		    strncmp(r->questions[i]->subject, subject_prefix, strlen(subject_prefix)) == 0)
			return true;
	return false;
}

static void test_headline_figures(void **state)
{
	(void)state;
	series s;
	build(&s, HC("2017"), HC("2018"), HC("2019"), 10);
	const yoy_report_figure *f = figure_named(s.r, "收入总计");
	/* 2019 p.8: 37,188.34; 2018: 33,172.15 */
	assert_int_equal(f->b, 37188340000); /* fen */
	assert_int_equal(f->a, 33172150000);
	assert_int_equal(f->change, 4016190000);
	assert_int_equal(f->percent, 1211);
	assert_int_equal(f->indent, 0);
	assert_int_equal(f->at.page, 8);
	assert_string_equal(f->file, "2019-budget.pdf");
	/* the three items of "三公" add up to it in both years */
	const yoy_report_figure *t = figure_named(s.r, "“三公”经费");
	int64_t a = 0, b = 0;
	const char *items[] = { "因公出国（境）费", "公务接待费", "公务用车购置及运行费" };
	for (int i = 0; i < 3; i++) {
		a += figure_named(s.r, items[i])->a;
		b += figure_named(s.r, items[i])->b;
		assert_int_equal(figure_named(s.r, items[i])->indent, 1);
	}
	assert_int_equal(a, t->a);
	assert_int_equal(b, t->b);
	assert_int_equal(t->b, 513750000); /* 513.75万元 */
	/* 一般公共预算 is an item of 财政拨款, itself an item of 收入总计 */
	char label[128];
	yoy_report_figure_label(label, sizeof label, figure_named(s.r, "一般公共预算"));
	assert_string_equal(label, "　其中：一般公共预算");
	/* the totals of the run, oldest first */
	assert_int_equal(s.r->totals->nyears, 3);
	assert_true(yoy_report_has_years(s.r));
	assert_int_equal(s.r->totals->years[0].year, 2017);
	assert_int_equal(s.r->totals->years[0].value, 28849380000);
	assert_int_equal(s.r->totals->years[2].change, 4016190000);
	release(&s);
}

static void test_largest_changes_and_reasons(void **state)
{
	(void)state;
	series s;
	build(&s, HC("2017"), HC("2018"), HC("2019"), 10);
	assert_int_equal(s.r->ncode_changes, 10);
	/* largest first, 项 only (no 类 or 款 repeating its items) */
	for (size_t i = 0; i < s.r->ncode_changes; i++) {
		const yoy_report_change *c = &s.r->code_changes[i];
		assert_int_equal(strlen(c->row->code), 7);
		if (i) {
			int64_t prev = s.r->code_changes[i - 1].row->cells[0].change;
			int64_t now = c->row->cells[0].change;
			assert_true((prev < 0 ? -prev : prev) >= (now < 0 ? -now : now));
		}
	}
	const yoy_report_change *c = &s.r->code_changes[0];
	assert_string_equal(c->row->code, "2040501");
	assert_int_equal(c->row->cells[0].change, 2421680000);
	assert_non_null(c->claim);
	assert_non_null(strstr(c->claim->reason, "职业年金缴费等增加"));
	assert_true(c->holds);
	assert_null(yoy_report_no_reason_words(c));
	assert_string_equal(yoy_report_verdict_words(c), "相符");
	/* a name the narrative prints differently (一般行政管理事务 / 一般行政
	 * 事务管理) is found by its figures */
	c = change_of(s.r, "2040502");
	assert_non_null(c);
	assert_non_null(c->claim);
	assert_non_null(strstr(c->claim->reason, "信息化建设经费"));
	/* nothing to ask of this year */
	assert_int_equal(s.r->nquestions, 0);
	release(&s);
}

static void test_verdicts_and_reclassification(void **state)
{
	(void)state;
	series s;
	build(&s, JP("2017"), JP("2018"), JP("2019"), 10);
	/* 2040402: "减少35.77%" of 1311.6/3666 = 35.7774%: cut off, not
	 * rounded -- a habit, noted, not a question */
	const yoy_report_change *c = change_of(s.r, "2040402");
	assert_non_null(c);
	assert_non_null(c->verdict);
	assert_int_equal(c->verdict->severity, YOY_SEV_INFO);
	assert_int_equal(c->verdict->verdict, YOY_VERDICT_TRUNCATED);
	char buf[1200];
	yoy_report_verdict_text(buf, sizeof buf, s.r, c);
	assert_string_equal(buf, "相符（尾数截去，未四舍五入）");
	/* the reason enumerates "一是…；二是…；三是…" and is quoted whole */
	assert_non_null(strstr(c->claim->reason, "三是"));
	/* 2040410 检察监督 is new by code, but the narrative says it fell by
	 * 709.4万元: last year's 1895万元 is the removed 2040405 */
	c = change_of(s.r, "2040410");
	assert_non_null(c);
	assert_true(c->base_differs);
	assert_int_equal(c->stated_change, -709400000);
	assert_int_equal(c->implied_base, 1895000000);
	assert_non_null(c->base_row);
	assert_string_equal(c->base_row->code, "2040405");
	yoy_report_verdict_text(buf, sizeof buf, s.r, c);
	assert_non_null(strstr(buf, "科目调整"));
	assert_non_null(strstr(buf, "2040405"));
	/* each verdict on its own row: 2040450 事业运行 (+315) is named in
	 * 2040402's reason ("…分流315万元"); that statement is quoted there,
	 * its verdict is 2040402's, and 2040450 is not judged by it */
	c = change_of(s.r, "2040450");
	assert_non_null(c);
	assert_true(c->mentioned_only);
	assert_false(c->base_differs);
	yoy_report_verdict_text(buf, sizeof buf, s.r, c);
	assert_string_equal(buf, "见2040402的说明（原因中提及本科目）");
	/* and the removed line says where it went */
	c = change_of(s.r, "2040405");
	assert_non_null(c);
	assert_string_equal(c->moved_to->code, "2040410");
	yoy_report_verdict_text(buf, sizeof buf, s.r, c);
	assert_string_equal(buf, "科目调整：本年列为2040410 检察监督");
	/* the three percent errors of the year are questions */
	size_t errors = 0;
	for (size_t i = 0; i < s.r->nquestions; i++)
		errors += s.r->questions[i]->severity == YOY_SEV_ERROR;
	assert_int_equal(errors, 3);
	release(&s);
}

static void test_questions_ask_once(void **state)
{
	(void)state;
	series s;
	build(&s, WL("2023"), WL("2024"), WL("2025"), 10);
	/* 204 → 20499 → 2049999 rose by the same +124.5025万元: asked of the
	 * item only */
	assert_true(asks_about(s.r, "2049999"));
	assert_false(asks_about(s.r, "20499 "));
	assert_false(asks_about(s.r, "204 "));
	/* 208 fell by more than its item 2080705: both asked */
	assert_true(asks_about(s.r, "208 "));
	assert_true(asks_about(s.r, "2080705"));
	/* the question is put in 万元 like the rest of the report */
	char q[1200];
	for (size_t i = 0; i < s.r->nquestions; i++)
		if (strncmp(s.r->questions[i]->subject, "2049999", 7) == 0)
			yoy_report_question(q, sizeof q, s.r, s.r->questions[i]);
	assert_string_equal(q, "133.3000 → 257.8025万元，变动+124.5025万元（+93.40%），说明中未作解释");
	/* no statement of change, only the figure: said so, and checked */
	const yoy_report_change *c = change_of(s.r, "2129999");
	assert_non_null(c);
	assert_null(c->claim);
	assert_non_null(c->figure_only);
	assert_string_equal(yoy_report_no_reason_words(c), "只列了金额，未说明变动");
	assert_string_equal(yoy_report_verdict_words(c), "变动未说明；金额在舍入范围内相符");
	/* totals printed in 元 are shown to the 元 */
	assert_int_equal(s.r->totals->decimals, 4);
	release(&s);
}

static void test_without_prior(void **state)
{
	(void)state;
	yoy_doc *d = parse_ok(LVLIANG);
	yoy_report *r;
	yoy_error err;
	yoy_report_options o = { 0 };
	assert_int_equal(yoy_report_build(&r, d, NULL, &o, &err), 0);
	assert_int_equal(r->ncode_changes, 0);
	assert_int_equal(r->nproject_changes, 0);
	assert_null(r->totals); /* no years given */
	assert_false(yoy_report_has_years(r));
	assert_string_equal(yoy_report_no_changes_words(r, false), "没有上年文件可比。");
	const yoy_report_figure *f = figure_named(r, "收入总计");
	assert_false(f->in_a);
	assert_int_equal(f->b, 14656810000);
	char *md = yoy_render_report_md(r);
	assert_non_null(strstr(md, "历史库中没有2022年的公开文件"));
	free(md);
	yoy_report_free(r);
	yoy_doc_free(d);
}

static void test_wording(void **state)
{
	(void)state;
	char buf[64];
	assert_string_equal(yoy_report_wan(buf, sizeof buf, 1619830000, 2, true), "+1619.83");
	assert_string_equal(yoy_report_wan(buf, sizeof buf, -124502500, 4, true), "-124.5025");
	assert_string_equal(yoy_report_wan(buf, sizeof buf, 0, 2, true), "0.00");
	assert_string_equal(yoy_report_percent(buf, sizeof buf, true, 1242), "+12.42%");
	assert_string_equal(yoy_report_percent(buf, sizeof buf, true, -1000), "-10.00%");
	assert_string_equal(yoy_report_percent(buf, sizeof buf, false, 0), "—");
	yoy_report_where(buf, sizeof buf, "2019-budget.pdf", (yoy_loc){ 472, 17, 0 });
	assert_string_equal(buf, "2019-budget.pdf 第17页第472行");
	yoy_report_where(buf, sizeof buf, "a.txt", (yoy_loc){ 5, 0, 0 });
	assert_string_equal(buf, "a.txt 第5行");
	/* a small buffer is cut, never overrun */
	char tiny[8];
	assert_int_equal(yoy_report_where(tiny, sizeof tiny, "2019-budget.pdf", (yoy_loc){ 1, 1, 0 }),
			 7);
}

static void test_renderers(void **state)
{
	(void)state;
	series s;
	build(&s, HC("2017"), HC("2018"), HC("2019"), 5);
	char *md = yoy_render_report_md(s.r), *html = yoy_render_report_html(s.r),
	     *text = yoy_render_report_text(s.r);
	assert_non_null(md);
	assert_non_null(html);
	assert_non_null(text);
	/* the same sections in each */
	const char *sections[] = { "一、主要指标", "二、按功能科目的主要变动", "四、需要询问的问题",
				   "五、历年收入总计", "六、数据来源" };
	for (size_t i = 0; i < sizeof sections / sizeof *sections; i++) {
		assert_non_null(strstr(md, sections[i]));
		assert_non_null(strstr(html, sections[i]));
		assert_non_null(strstr(text, sections[i]));
	}
	/* the revision and the source's sha256 */
	assert_non_null(strstr(md, "0123456789abcdef0123456789abcdef01234567"));
	assert_non_null(strstr(html, s.docs[2]->sources[0].sha256));
	/* HTML: self-contained, one bar per change, two per class, a point a
	 * year; increases and decreases told apart by more than color */
	assert_null(strstr(html, "<script"));
	assert_null(strstr(html, "http://"));
	assert_null(strstr(html, "https://"));
	size_t bars = 0, up = 0, pairs = 0, points = 0;
	for (const char *p = html; (p = strstr(p, "class=\"bar bar-")); p++) {
		bars++;
		up += strncmp(p, "class=\"bar bar-up", 17) == 0;
		pairs += strncmp(p, "class=\"bar bar-this", 19) == 0;
	}
	for (const char *p = html; (p = strstr(p, "class=\"point\"")); p++)
		points++;
	assert_int_equal(bars, s.r->ncode_changes + 2 * s.r->nclasses);
	assert_int_equal(pairs, s.r->nclasses);
	assert_true(up > 0);
	assert_int_equal(points, 3);
	assert_non_null(strstr(html, "▲"));
	assert_non_null(strstr(html, "▼"));
	assert_non_null(strstr(html, "@media print"));
	free(md);
	free(html);
	free(text);
	release(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_headline_figures),
		cmocka_unit_test(test_largest_changes_and_reasons),
		cmocka_unit_test(test_verdicts_and_reclassification),
		cmocka_unit_test(test_questions_ask_once),
		cmocka_unit_test(test_without_prior),
		cmocka_unit_test(test_wording),
		cmocka_unit_test(test_renderers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
