/* diff.c: rows paired across years (codes renamed and recoded, projects
 * renamed, duplicates), exact figures across units, filters; and on the
 * real series, the department's total change against what its own
 * narrative states. */
#include "testutil.h"

#include "yoy/diff.h"

static yoy_diff *diff_of(const yoy_doc *a, const yoy_doc *b, const yoy_diff_options *o)
{
	yoy_diff *d;
	yoy_error err;
	if (yoy_diff_docs(&d, a, b, o, &err))
		fail_msg("%s", err.message);
	return d;
}

/* The row shown under name in the only table. */
static const yoy_diff_row *row_named(const yoy_diff *d, const char *name)
{
	assert_int_equal(d->ntables, 1);
	for (size_t i = 0; i < d->tables[0].nrows; i++)
		if (strcmp(yoy_diff_row_name(&d->tables[0].rows[i]), name) == 0)
			return &d->tables[0].rows[i];
	fail_msg("no row %s", name);
	return NULL;
}

/* A change as shown ("+10.00"), or with plain, a value ("123.4567"). */
static const char *fmt_as(const yoy_diff *d, int64_t fen, bool plain)
{
	static char buf[8][48];
	static int k;
	k = (k + 1) % 8;
	yoy_diff_format(buf[k], sizeof buf[k], &d->tables[0], fen, !plain);
	return buf[k];
}
#define fmt(d, fen) fmt_as(d, fen, false)

static void test_codes_renamed_and_recoded(void **state)
{
	(void)state;
	static const char *const ra[] = { "208|社会保障和就业支出|300.00",
					  "20805|行政事业单位养老支出|300.00",
					  "2080501|行政单位离退休|100.00",
					  "2080505|机关事业单位基本养老保险缴费支出|200.00" };
	/* 2080501 renamed; the 缴费 line moved from 2080505 to 2080506 */
	static const char *const rb[] = { "208|社会保障和就业支出|330.00",
					  "20805|行政事业单位养老支出|330.00",
					  "2080501|行政单位离退休费|110.00",
					  "2080506|机关事业单位基本养老保险缴费支出|220.00" };
	yoy_doc *a = one_table_doc(2023, "expenditure", "万元", 2, ra, 4);
	yoy_doc *b = one_table_doc(2024, "expenditure", "万元", 2, rb, 4);
	yoy_diff *d = diff_of(a, b, NULL);
	const yoy_diff_row *r = row_named(d, "行政单位离退休费");
	assert_true(r->flags & YOY_DIFF_RENAMED);
	assert_string_equal(r->a->name, "行政单位离退休");
	assert_string_equal(fmt(d, r->cells[0].change), "+10.00");
	assert_int_equal(r->cells[0].percent, 1000); /* 10.00% */
	r = row_named(d, "机关事业单位基本养老保险缴费支出");
	assert_true(r->flags & YOY_DIFF_RECODED);
	assert_int_equal(r->status, YOY_DIFF_CHANGED);
	assert_string_equal(r->a->code, "2080505");
	assert_string_equal(r->code, "2080506");
	assert_int_equal(d->tables[0].count[YOY_DIFF_ADDED], 0);
	assert_int_equal(d->tables[0].count[YOY_DIFF_REMOVED], 0);
	assert_int_equal(d->tables[0].recoded, 1);
	assert_int_equal(d->tables[0].renamed, 1);
	char why[256];
	yoy_diff_describe(why, sizeof why, r);
	assert_string_equal(why, "recoded from 2080505");
	/* largest change first: 208 and 20805 (+30), then 缴费 (+20) */
	assert_string_equal(d->tables[0].rows[2].code, "2080506");
	yoy_diff_free(d);

	/* a name that moves to another parent is not the same line */
	static const char *const rc[] = { "208|社会保障和就业支出|300.00",
					  "20805|行政事业单位养老支出|300.00",
					  "2080501|行政单位离退休|100.00",
					  "2089901|机关事业单位基本养老保险缴费支出|200.00" };
	yoy_doc *c = one_table_doc(2024, "expenditure", "万元", 2, rc, 4);
	d = diff_of(a, c, NULL);
	assert_int_equal(d->tables[0].recoded, 0);
	assert_int_equal(d->tables[0].count[YOY_DIFF_ADDED], 1);
	assert_int_equal(d->tables[0].count[YOY_DIFF_REMOVED], 1);
	yoy_diff_free(d);
	yoy_doc_free(a);
	yoy_doc_free(b);
	yoy_doc_free(c);
}

static void test_projects_renamed_typo_year_duplicates(void **state)
{
	(void)state;
	static const char *const pa[] = { "|2023年技能大赛经费|50.00",
					  "|工作经历|20.00",
					  "|工作经费|100.00",
					  "|工作经费|30.00",
					  "|旧系统运维|8.00",
					  "|停办项目|5.00" };
	static const char *const pb[] = { "|2024年技能大赛经费|60.00",
					  "|工作经费|31.00",
					  "|工作经费|100.00",
					  "|工作经费|22.00",
					  "|新系统运维|9.00",
					  "|全新项目|7.00" };
	yoy_doc *a = one_table_doc(2023, "projects", "万元", 2, pa, 6);
	yoy_doc *b = one_table_doc(2024, "projects", "万元", 2, pb, 6);
	yoy_diff_options o = { .by = YOY_DIFF_BY_PROJECT };
	yoy_diff *d = diff_of(a, b, &o);
	const yoy_diff_table *t = &d->tables[0];
	assert_string_equal(t->name, "projects");
	/* the year prefix is not a rename: one project, +10 */
	const yoy_diff_row *r = row_named(d, "2024年技能大赛经费");
	assert_int_equal(r->status, YOY_DIFF_CHANGED);
	assert_int_equal(r->flags & (YOY_DIFF_SIMILAR | YOY_DIFF_RENAMED), 0);
	assert_string_equal(fmt(d, r->cells[0].change), "+10.00");
	/* duplicates of 工作经费 pair by amount: 100 with 100, 30 with 31;
	 * the typo 工作经历 pairs with the third 工作经费 by similarity */
	size_t exact100 = 0, near30 = 0, typo = 0;
	for (size_t i = 0; i < t->nrows; i++) {
		r = &t->rows[i];
		if (!r->a || !r->b || strcmp(r->b->name, "工作经费") != 0)
			continue;
		int64_t va = r->cells[0].a, vb = r->cells[0].b;
		exact100 += va == 100000000 && vb == 100000000; /* 100 万元 */
		near30 += va == 30000000 && vb == 31000000;
		if (strcmp(r->a->name, "工作经历") == 0) {
			typo++;
			assert_true(r->flags & YOY_DIFF_SIMILAR);
			assert_int_equal(r->score, 75);
		}
	}
	assert_int_equal(exact100, 1);
	assert_int_equal(near30, 1);
	assert_int_equal(typo, 1);
	/* 旧/新系统运维 are alike (80); 停办/全新 are not: removed and added */
	r = row_named(d, "新系统运维");
	if (!(r->flags & YOY_DIFF_SIMILAR))
		fail_msg("新系统运维: status %d flags %u a %s", r->status, r->flags,
			 r->a ? r->a->name : "-");
	assert_int_equal(row_named(d, "停办项目")->status, YOY_DIFF_REMOVED);
	assert_int_equal(row_named(d, "全新项目")->status, YOY_DIFF_ADDED);
	yoy_diff_free(d);

	/* the aliases file overrides the matcher */
	yoy_aliases al = { 0 };
	assert_int_equal(yoy_aliases_set(&al, "停办项目", "全新项目"), 0);
	o.project_aliases = &al;
	d = diff_of(a, b, &o);
	r = row_named(d, "全新项目");
	assert_true(r->flags & YOY_DIFF_ALIASED);
	assert_string_equal(r->a->name, "停办项目");
	yoy_diff_free(d);
	yoy_aliases_free(&al);
	yoy_doc_free(a);
	yoy_doc_free(b);
}

static void test_units_compare_exactly(void **state)
{
	(void)state;
	/* 元 against 万元: 1,234,567 元 is 123.4567 万元 exactly */
	static const char *const ra[] = { "201|一般公共服务支出|1234567" };
	static const char *const rb[] = { "201|一般公共服务支出|123.46" };
	yoy_doc *a = one_table_doc(2023, "expenditure", "元", 0, ra, 1);
	yoy_doc *b = one_table_doc(2024, "expenditure", "万元", 2, rb, 1);
	yoy_diff *d = diff_of(a, b, NULL);
	const yoy_diff_table *t = &d->tables[0];
	assert_int_equal(t->unit, YOY_UNIT_WAN);
	assert_int_equal(t->decimals, 4);
	const yoy_diff_row *r = &t->rows[0];
	assert_string_equal(fmt_as(d, r->cells[0].a, true), "123.4567");
	assert_string_equal(fmt(d, r->cells[0].change), "+0.0033");
	assert_int_equal(r->status, YOY_DIFF_CHANGED);
	/* percent: 33 / 1234567 = 0.00267% -> 0.00 */
	assert_int_equal(r->cells[0].percent, 0);
	yoy_diff_free(d);
	yoy_doc_free(a);
	yoy_doc_free(b);
}

static void test_percent_rounding_and_filters(void **state)
{
	(void)state;
	static const char *const ra[] = { "201|甲|3.00", "202|乙|3.00", "203|丙|100.00",
					  "204|丁|0.00" };
	static const char *const rb[] = { "201|甲|4.00", "202|乙|2.00", "203|丙|100.50",
					  "204|丁|5.00" };
	yoy_doc *a = one_table_doc(2023, "expenditure", "万元", 2, ra, 4);
	yoy_doc *b = one_table_doc(2024, "expenditure", "万元", 2, rb, 4);
	yoy_diff *d = diff_of(a, b, NULL);
	assert_int_equal(row_named(d, "甲")->cells[0].percent, 3333);  /* 33.333 */
	assert_int_equal(row_named(d, "乙")->cells[0].percent, -3333); /* -33.333 */
	assert_int_equal(row_named(d, "丙")->cells[0].percent, 50);    /* 0.50 */
	assert_false(row_named(d, "丁")->cells[0].has_percent);       /* from zero */
	assert_int_equal(yoy_diff_changes(d), 4);
	yoy_diff_free(d);
	/* at least 1 万元: 丙 (+0.50) is left out */
	yoy_diff_options o = { .min_change_fen = 1000000 };
	d = diff_of(a, b, &o);
	assert_int_equal(yoy_diff_changes(d), 3);
	assert_false(row_named(d, "丙")->reported);
	yoy_diff_free(d);
	/* at least 34%: only 丁, whose percent is undefined, is kept */
	o = (yoy_diff_options){ .min_percent = 3400 };
	d = diff_of(a, b, &o);
	assert_int_equal(yoy_diff_changes(d), 1);
	assert_true(row_named(d, "丁")->reported);
	yoy_diff_free(d);
	yoy_doc_free(a);
	yoy_doc_free(b);
}

/* The department's total change, from the tables, against the change the
 * narrative of the later year states for it.  Jiangsu states it against
 * last year's published budget exactly.  Shanghai's tables are in 元 and
 * its narrative subtracts the two figures rounded to 万元 (18976.76 -
 * 15621.11 = 3355.65, where the tables give 3355.6428): the statement
 * holds when it is within the two figures' rounding, one unit of the last
 * printed digit. */
static void test_total_change_matches_the_narrative(void **state)
{
	(void)state;
	static const struct {
		const char *a, *b, *group, *key, *stated;
	} pairs[] = {
		{ "jiangsu-high-court/2017", "jiangsu-high-court/2018", "income", "total", "+4322.77" },
		{ "jiangsu-high-court/2018", "jiangsu-high-court/2019", "income", "total", "+4016.19" },
		{ "jiangsu-procuratorate/2017", "jiangsu-procuratorate/2018", "income", "total", "+3958.67" },
		{ "jiangsu-procuratorate/2018", "jiangsu-procuratorate/2019", "income", "total", "+2214.39" },
		{ "shanghai-putuo-wanli/2023", "shanghai-putuo-wanli/2024", "income", "fiscal", "-876.75" },
		{ "shanghai-putuo-wanli/2024", "shanghai-putuo-wanli/2025", "income", "fiscal", "+3355.65" },
	};
	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
		char pa[128], pb[128];
		snprintf(pa, sizeof pa, "data/%s-budget.pdf", pairs[i].a);
		snprintf(pb, sizeof pb, "data/%s-budget.pdf", pairs[i].b);
		yoy_doc *a = parse_ok(pa), *b = parse_ok(pb);
		yoy_diff_options o = { .by = YOY_DIFF_BY_SUMMARY };
		yoy_diff *d = diff_of(a, b, &o);
		const yoy_diff_row *r = yoy_diff_find(d, YOY_TABLE_SUMMARY, pairs[i].group,
						      pairs[i].key);
		if (!r || !r->a || !r->b)
			fail_msg("%s: no %s.%s in both summaries", pairs[i].b, pairs[i].group,
				 pairs[i].key);
		/* the narrative's own statement about that line */
		char metric[64];
		snprintf(metric, sizeof metric, "summary/%s.%s/total", pairs[i].group, pairs[i].key);
		const yoy_claim *c = NULL;
		for (size_t k = 0; k < b->nclaims && !c; k++)
			if (b->claims[k].kind == YOY_CLAIM_CHANGE && b->claims[k].metric &&
			    strcmp(b->claims[k].metric, metric) == 0)
				c = &b->claims[k];
		if (!c)
			fail_msg("%s: no change claim on %s", pairs[i].b, metric);
		int64_t stated = c->delta.fen * (c->direction == YOY_DIR_DECREASE ? -1 : 1);
		char s[48];
		size_t n = 0;
		if (stated > 0)
			s[n++] = '+';
		yoy_fen_format(s + n, sizeof s - n, stated, (yoy_unit)c->delta.unit,
			       c->delta.decimals);
		assert_string_equal(s, pairs[i].stated);
		int64_t off = r->cells[0].change - stated;
		if (off < 0)
			off = -off;
		if (off > 2 * yoy_amount_half_ulp(&c->delta))
			fail_msg("%s: tables change %s by %lld fen, the narrative says %s",
				 pairs[i].b, metric, (long long)r->cells[0].change, s);
		yoy_diff_free(d);
		yoy_doc_free(a);
		yoy_doc_free(b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_codes_renamed_and_recoded),
		cmocka_unit_test(test_projects_renamed_typo_year_duplicates),
		cmocka_unit_test(test_units_compare_exactly),
		cmocka_unit_test(test_percent_rounding_and_filters),
		cmocka_unit_test(test_total_change_matches_the_narrative),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
