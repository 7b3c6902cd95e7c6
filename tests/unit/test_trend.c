/* trend.c and its renderers: a code, a project and the total over years,
 * paired as the diff pairs them, with marks where they changed. */
#include "testutil.h"

#include "yoy/aliases.h"
#include "yoy/diff.h"
#include "yoy/render.h"
#include "yoy/trend.h"

static yoy_trend *trend_of(yoy_doc **docs, size_t n, const yoy_trend_options *o)
{
	yoy_trend *t;
	yoy_error err;
	yoy_error_clear(&err);
	if (yoy_trend_build(&t, (const yoy_doc *const *)docs, n, o, &err))
		fail_msg("%s", err.message);
	return t;
}

static void free_docs(yoy_doc **docs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		yoy_doc_free(docs[i]);
}

static void test_code_over_three_years(void **state)
{
	(void)state;
	yoy_doc *d[3] = { parse_ok("data/jiangsu-high-court/2017-budget.pdf"),
			  parse_ok("data/jiangsu-high-court/2018-budget.pdf"),
			  parse_ok("data/jiangsu-high-court/2019-budget.pdf") };
	yoy_trend_options o = { .code = "2040501" };
	yoy_trend *t = trend_of(d, 3, &o);
	assert_string_equal(t->what, "2040501 行政运行");
	assert_int_equal(t->nyears, 3);
	/* 11,786.92 / 14,857.61 / 17,279.29 万元 as printed */
	int64_t want[] = { 11786920000, 14857610000, 17279290000 };
	for (int i = 0; i < 3; i++) {
		assert_true(t->years[i].present);
		assert_int_equal(t->years[i].value, want[i]);
		assert_int_equal(t->years[i].flags, 0);
	}
	assert_false(t->years[0].has_change);
	assert_int_equal(t->years[1].change, 3070690000);
	assert_int_equal(t->years[1].percent, 2605);
	assert_int_equal(t->years[2].percent, 1630);
	/* the total when no line is named */
	yoy_trend_options total = { 0 };
	yoy_trend *all = trend_of(d, 3, &total);
	assert_string_equal(all->what, "收入总计");
	assert_int_equal(all->years[2].value, 37188340000);
	/* a code in none of the years is not in the history (exit 4, as show
	 * and report say of what they cannot find), and the error names it */
	yoy_trend_options none = { .code = "2299999" };
	yoy_trend *nt = NULL;
	yoy_error err;
	assert_int_equal(yoy_trend_build(&nt, (const yoy_doc *const *)d, 3, &none, &err),
			 YOY_ESTORE);
	assert_null(nt);
	assert_non_null(strstr(err.message, "2299999"));
	yoy_trend_free(t);
	yoy_trend_free(all);
	free_docs(d, 3);
}

static void test_code_recoded_and_renamed(void **state)
{
	(void)state;
	static const char *const y1[] = { "208|社会保障和就业支出|300.00",
					  "20805|行政事业单位养老支出|300.00",
					  "2080505|机关事业单位基本养老保险缴费支出|200.00",
					  "2080501|行政单位离退休|100.00" };
	/* the 缴费 line moves to 2080506; 2080501 is renamed */
	static const char *const y2[] = { "208|社会保障和就业支出|330.00",
					  "20805|行政事业单位养老支出|330.00",
					  "2080506|机关事业单位基本养老保险缴费支出|220.00",
					  "2080501|行政单位离退休费|110.00" };
	static const char *const y3[] = { "208|社会保障和就业支出|340.00",
					  "20805|行政事业单位养老支出|340.00",
					  "2080506|机关事业单位基本养老保险缴费支出|230.00",
					  "2080501|行政单位离退休费|110.00" };
	yoy_doc *d[3] = { one_table_doc(2021, "general_expenditure", "万元", 2, y1, 4),
			  one_table_doc(2022, "general_expenditure", "万元", 2, y2, 4),
			  one_table_doc(2023, "general_expenditure", "万元", 2, y3, 4) };
	/* asked by its old code: followed forward into the new one */
	yoy_trend_options o = { .code = "2080505" };
	yoy_trend *t = trend_of(d, 3, &o);
	assert_string_equal(t->years[0].code, "2080505");
	assert_string_equal(t->years[1].code, "2080506");
	assert_true(t->years[1].flags & YOY_DIFF_RECODED);
	assert_string_equal(t->years[1].was, "2080505");
	assert_int_equal(t->years[2].value, 230000000);
	char mark[256];
	yoy_trend_mark(mark, sizeof mark, &t->years[1]);
	assert_string_equal(mark, "recoded from 2080505");
	yoy_trend_mark(mark, sizeof mark, &t->years[2]);
	assert_string_equal(mark, "");
	/* asked by its new code: followed back */
	yoy_trend_options o2 = { .code = "2080506" };
	yoy_trend *t2 = trend_of(d, 3, &o2);
	assert_true(t2->years[0].present);
	assert_int_equal(t2->years[0].value, 200000000);
	/* a renamed line keeps its code */
	yoy_trend_options o3 = { .code = "2080501" };
	yoy_trend *t3 = trend_of(d, 3, &o3);
	assert_true(t3->years[1].flags & YOY_DIFF_RENAMED);
	assert_string_equal(t3->years[1].was, "行政单位离退休");
	char *text = yoy_render_trend_text(t3, "测试局");
	assert_non_null(strstr(text, "[renamed from 行政单位离退休]"));
	free(text);
	yoy_trend_free(t);
	yoy_trend_free(t2);
	yoy_trend_free(t3);
	free_docs(d, 3);
}

/* The 2023 吕梁 text with the year moved on and one project renamed and
 * given a new amount (as tests/cases/trend-lvliang-renamed-project). */
static yoy_doc *lvliang_as(const char *year, const char *amount)
{
	size_t len;
	char *src = slurp(LVLIANG, &len);
	const char *row = "\n护理护工培训及就业专项资金\t2,500.00\t2,500.00";
	char *out = malloc(len + 4096), *o = out;
	assert_non_null(out);
	for (const char *p = src; *p;) {
		if (year && strncmp(p, "2023年", strlen("2023年")) == 0) {
			o += sprintf(o, "%s年", year);
			p += strlen("2023年");
		} else if (amount && strncmp(p, row, strlen(row)) == 0) {
			o += sprintf(o, "\n护理护工职业技能培训及就业专项资金\t%s\t%s", amount, amount);
			p += strlen(row);
		} else {
			*o++ = *p++;
		}
	}
	*o = '\0';
	yoy_doc *d = parse_text_ok(out);
	free(out);
	free(src);
	return d;
}

static void test_project_renamed(void **state)
{
	(void)state;
	yoy_doc *d[3] = { lvliang_as(NULL, NULL), lvliang_as("2024", "2,800.00"),
			  lvliang_as("2025", "3,100.00") };
	assert_int_equal(d[1]->year, 2024);
	yoy_trend_options o = { .project = "护理护工职业技能培训及就业专项资金" };
	yoy_trend *t = trend_of(d, 3, &o);
	assert_string_equal(t->years[0].name, "护理护工培训及就业专项资金");
	assert_int_equal(t->years[0].value, 2500000000);
	assert_true(t->years[1].flags & YOY_DIFF_SIMILAR);
	assert_true(t->years[1].score >= 60);
	assert_string_equal(t->years[1].was, "护理护工培训及就业专项资金");
	assert_int_equal(t->years[2].change, 300000000);
	assert_int_equal(t->years[2].flags, 0);
	/* the old name finds the same line, from the last year it was printed */
	yoy_trend_options old = { .project = "护理护工培训及就业专项资金" };
	yoy_trend *t2 = trend_of(d, 3, &old);
	assert_int_equal(t2->years[2].value, 3100000000);
	char *json = yoy_render_trend_json(t, "吕梁市人力资源和社会保障局");
	assert_non_null(strstr(json, "\"flags\":[\"similar\"]"));
	assert_non_null(strstr(json, "\"schema\": \"yoy-trend/1\""));
	free(json);
	char *csv = yoy_render_trend_csv(t, "吕梁市人力资源和社会保障局");
	assert_true(strncmp(csv, "\xEF\xBB\xBF", 3) == 0);
	assert_non_null(strstr(csv, ",2024,,护理护工职业技能培训及就业专项资金,2800.00,300.00,12.00,"));
	free(csv);
	/* an alias pairs what similarity would not */
	static const char aliases_json[] =
		"{\"schema\":\"yoy-project-aliases/1\",\"projects\":"
		"{\"护理护工培训及就业专项资金\":\"吕梁山护工培训\"}}";
	yoy_doc *renamed = lvliang_as("2024", NULL);
	yoy_doc_free(d[1]);
	d[1] = renamed;
	for (size_t i = 0; i < renamed->ntables; i++)
		for (size_t r = 0; r < renamed->tables[i].nrows; r++)
			if (renamed->tables[i].rows[r].name &&
			    strcmp(renamed->tables[i].rows[r].name, "护理护工培训及就业专项资金") == 0)
				renamed->tables[i].rows[r].name = "吕梁山护工培训";
	yoy_aliases al;
	yoy_error err;
	assert_int_equal(yoy_aliases_read(&al, YOY_ALIASES_PROJECTS, aliases_json,
					  strlen(aliases_json), "aliases.json", &err), 0);
	yoy_trend_options byalias = { .project = "吕梁山护工培训", .project_aliases = &al };
	yoy_trend *t3 = trend_of(d, 2, &byalias);
	assert_true(t3->years[1].flags & YOY_DIFF_ALIASED);
	assert_int_equal(t3->years[0].value, 2500000000);
	yoy_trend_options without = { .project = "吕梁山护工培训" };
	yoy_trend *t4 = trend_of(d, 2, &without);
	assert_false(t4->years[0].present);
	yoy_aliases_free(&al);
	yoy_trend_free(t3);
	yoy_trend_free(t4);
	yoy_trend_free(t);
	yoy_trend_free(t2);
	free_docs(d, 3);
}

static void test_project_name_twice(void **state)
{
	(void)state;
	yoy_doc *d = parse_ok(LVLIANG);
	/* 工作经费 is printed for two projects (3.46 and 129.20万元) */
	yoy_trend_options o = { .project = "工作经费" };
	yoy_trend *t = NULL;
	yoy_error err;
	assert_int_equal(yoy_trend_build(&t, (const yoy_doc *const *)&d, 1, &o, &err), YOY_EINPUT);
	assert_non_null(strstr(err.message, "#1 = 3.46万元"));
	assert_non_null(strstr(err.message, "#2 = 129.20万元"));
	o.nth = 2;
	t = trend_of(&d, 1, &o);
	assert_int_equal(t->years[0].value, 129200000);
	yoy_trend_free(t);
	o.nth = 3;
	assert_int_equal(yoy_trend_build(&t, (const yoy_doc *const *)&d, 1, &o, &err), YOY_EINPUT);
	yoy_doc_free(d);
}

static void test_text_columns(void **state)
{
	(void)state;
	static const char *const y1[] = { "2010101|行政运行|100.00" };
	static const char *const y3[] = { "2010101|行政运行|90.00" };
	yoy_doc *d[3] = { one_table_doc(2021, "general_expenditure", "万元", 2, y1, 1),
			  one_table_doc(2022, "general_expenditure", "万元", 2, y1, 0),
			  one_table_doc(2023, "general_expenditure", "万元", 2, y3, 1) };
	yoy_trend_options o = { .code = "2010101" };
	yoy_trend *t = trend_of(d, 3, &o);
	/* a year that does not print the line breaks the chain of changes */
	assert_false(t->years[1].present);
	assert_false(t->years[2].has_change);
	char *text = yoy_render_trend_text(t, "测试局");
	assert_string_equal(text,
			    "测试局: 2010101 行政运行 (万元)\n\n"
			    "  year  code     amount  change  %  name\n"
			    "  2021  2010101  100.00             行政运行\n"
			    "  2022                -             [not printed]\n"
			    "  2023  2010101   90.00             行政运行\n");
	free(text);
	yoy_trend_free(t);
	free_docs(d, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_code_over_three_years),
		cmocka_unit_test(test_code_recoded_and_renamed),
		cmocka_unit_test(test_project_renamed),
		cmocka_unit_test(test_project_name_twice),
		cmocka_unit_test(test_text_columns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
