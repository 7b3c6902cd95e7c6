/* The 2023 吕梁 document: facts checked against the source by hand,
 * asserted independently of the golden JSON. */
#include "testutil.h"

static const yoy_table *table(const yoy_doc *d, yoy_table_kind k)
{
	const yoy_table *t = yoy_doc_table(d, k);
	if (!t)
		fail_msg("no %s table", yoy_table_kind_name(k));
	return t;
}

static size_t code_rows(const yoy_table *t)
{
	size_t n = 0;
	for (size_t i = 0; i < t->nrows; i++)
		if (t->rows[i].code)
			n++;
	return n;
}

static void test_cover(void **state)
{
	yoy_doc *d = *state;
	assert_string_equal(d->department, "吕梁市人力资源和社会保障局");
	assert_int_equal(d->year, 2023);
	assert_string_equal(d->kind, "department_budget");
	assert_int_equal(d->nwarnings, 0);
}

static void test_every_table_recognized(void **state)
{
	yoy_doc *d = *state;
	static const yoy_table_kind kinds[] = {
		YOY_TABLE_SUMMARY, YOY_TABLE_INCOME, YOY_TABLE_EXPENDITURE,
		YOY_TABLE_FISCAL_SUMMARY, YOY_TABLE_GENERAL_EXPENDITURE,
		YOY_TABLE_BASIC_ECONOMIC, YOY_TABLE_FUND_INCOME,
		YOY_TABLE_FUND_EXPENDITURE, YOY_TABLE_STATE_CAPITAL,
		YOY_TABLE_THREE_PUBLIC, YOY_TABLE_OPERATING_COSTS,
		YOY_TABLE_PROJECTS, YOY_TABLE_PROJECTS_CARRYOVER,
	};
	assert_int_equal(d->ntables, sizeof kinds / sizeof *kinds);
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		assert_int_equal(d->tables[i].kind, kinds[i]); /* in printed order */
	/* empty tables are recorded as empty, with their note */
	const yoy_table_kind empties[] = { YOY_TABLE_FUND_INCOME, YOY_TABLE_FUND_EXPENDITURE,
					   YOY_TABLE_STATE_CAPITAL,
					   YOY_TABLE_PROJECTS_CARRYOVER };
	for (size_t i = 0; i < 4; i++) {
		const yoy_table *t = table(d, empties[i]);
		assert_true(t->empty);
		assert_string_equal(t->note, "注：本表无数据");
	}
	assert_false(table(d, YOY_TABLE_INCOME)->empty);
}

static void test_code_tables(void **state)
{
	yoy_doc *d = *state;
	assert_int_equal(code_rows(table(d, YOY_TABLE_INCOME)), 25);
	assert_int_equal(code_rows(table(d, YOY_TABLE_EXPENDITURE)), 25);
	assert_int_equal(code_rows(table(d, YOY_TABLE_GENERAL_EXPENDITURE)), 25);
	const yoy_table *e = table(d, YOY_TABLE_EXPENDITURE);
	const yoy_row *total = yoy_table_row_by_key(e, "total", NULL);
	assert_non_null(total);
	assert_string_equal(fmt_amount(&total->values[0]), "14656.81");
	yoy_amount basic = yoy_row_value(e, total, "basic");
	assert_string_equal(fmt_amount(&basic), "5584.31");
	const yoy_row *r = yoy_table_row_by_code(e, "2080101");
	assert_string_equal(r->name, "行政运行");
	assert_int_equal(r->level, 3);
	yoy_amount project = yoy_row_value(e, r, "project");
	assert_string_equal(fmt_amount(&project), "211.38");
	/* 20805 has no 项目支出: blank, not zero */
	r = yoy_table_row_by_code(e, "20805");
	assert_false(yoy_row_value(e, r, "project").present);
	/* the income table's 财政专户管理资金 column */
	const yoy_table *in = table(d, YOY_TABLE_INCOME);
	r = yoy_table_row_by_code(in, "2050303");
	assert_string_equal(fmt_amount(&r->values[yoy_table_column(in, "special_account")]), "6.00");
}

static void test_projects(void **state)
{
	yoy_doc *d = *state;
	const yoy_table *p = table(d, YOY_TABLE_PROJECTS);
	assert_int_equal(p->nrows, 44);
	int64_t sum = 0;
	int work_funds = 0;
	for (size_t i = 0; i < p->nrows; i++) {
		sum += yoy_amount_fen(&p->rows[i].values[0]);
		if (strcmp(p->rows[i].name, "工作经费") == 0)
			work_funds++;
	}
	assert_int_equal(sum, 9072500000LL); /* 9072.50 万元 */
	assert_int_equal(work_funds, 2);     /* duplicates kept, in order */
	assert_string_equal(p->rows[0].name,
			    "全民技能提升培训奖励、离石灵活就业市场、技能大赛经费");
	assert_string_equal(p->rows[43].name, "工作经费");
	assert_string_equal(fmt_amount(&p->rows[43].values[0]), "129.20");
}

static void test_three_public_and_operating_costs(void **state)
{
	yoy_doc *d = *state;
	const yoy_table *t = table(d, YOY_TABLE_THREE_PUBLIC);
	const yoy_row *total = yoy_table_row_by_key(t, "total", NULL);
	assert_string_equal(fmt_amount(&total->values[0]), "33.50");
	const yoy_row *op = yoy_table_row_by_key(t, "vehicle_operation", NULL);
	assert_string_equal(fmt_amount(&op->values[0]), "33.50");
	assert_false(yoy_table_row_by_key(t, "overseas", NULL)->values[0].present);
	const yoy_table *oc = table(d, YOY_TABLE_OPERATING_COSTS);
	total = yoy_table_row_by_key(oc, "total", NULL);
	assert_string_equal(fmt_amount(&total->values[0]), "65.68");
}

static void test_basic_economic(void **state)
{
	yoy_doc *d = *state;
	const yoy_table *t = table(d, YOY_TABLE_BASIC_ECONOMIC);
	const yoy_row *total = yoy_table_row_by_key(t, "total", NULL);
	assert_string_equal(fmt_amount(&total->values[yoy_table_column(t, "personnel")]), "5270.25");
	assert_string_equal(fmt_amount(&total->values[yoy_table_column(t, "public")]), "314.07");
	/* department / government economic item pairs */
	assert_string_equal(t->rows[2].name, "基本工资");
	assert_string_equal(t->rows[2].name2, "工资奖金津补贴");
	assert_int_equal(t->rows[2].level, 2);
	assert_string_equal(t->rows[1].name, "工资福利支出");
	assert_int_equal(t->rows[1].level, 1);
}

static const yoy_claim *claim_with(const yoy_doc *d, const char *subject,
				   const char *percent, const char *delta)
{
	for (size_t i = 0; i < d->nclaims; i++) {
		const yoy_claim *c = &d->claims[i];
		if (c->subject && strstr(c->subject, subject) &&
		    (!percent || strcmp(fmt_decimal(&c->percent), percent) == 0) &&
		    (!delta || strcmp(fmt_amount(&c->delta), delta) == 0))
			return c;
	}
	fail_msg("no claim %s %s %s", subject, percent ? percent : "", delta ? delta : "");
	return NULL;
}

static void test_claims(void **state)
{
	yoy_doc *d = *state;
	const yoy_claim *c = claim_with(d, "收入总计", "12.42", "1619.83");
	assert_int_equal(c->direction, YOY_DIR_INCREASE);
	assert_int_equal(c->at.line, 460);
	c = claim_with(d, "支出总计", "12.42", "1619.83");
	assert_string_equal(c->metric, "summary/expenditure.total/total");
	c = claim_with(d, "一般公共预算当年拨款", "12.45", "1621.83");
	assert_int_equal(c->at.line, 481);
	c = claim_with(d, "三公", NULL, "0.57");
	assert_int_equal(c->basis, YOY_BASIS_COMPARABLE);
	assert_int_equal(c->base_year, 2022);
	c = claim_with(d, "机关运行经费", "2.88", "1.95");
	assert_int_equal(c->direction, YOY_DIR_DECREASE);
	assert_int_equal(c->at.line, 512);

	/* every 占…% share: 6 income sources, basic/project, 3 functions */
	static const char *const shares[][2] = {
		{ "一般公共预算拨款收入", "99.96" }, { "政府性基金预算拨款收入", "0" },
		{ "国有资本经营预算拨款收入", "0" }, { "财政专户管理资金收入", "0.04" },
		{ "单位资金", "0" }, { "上年结转", "0" }, { "基本支出", "38.10" },
		{ "项目支出", "61.90" }, { "教育支出", "15.32" },
		{ "社会保障和就业支出", "81.60" }, { "住房保障支出", "3.08" },
	};
	size_t nshares = 0;
	for (size_t i = 0; i < d->nclaims; i++)
		if (d->claims[i].share.present)
			nshares++;
	assert_int_equal(nshares, sizeof shares / sizeof *shares);
	for (size_t k = 0; k < sizeof shares / sizeof *shares; k++) {
		bool found = false;
		for (size_t i = 0; i < d->nclaims && !found; i++) {
			const yoy_claim *s = &d->claims[i];
			found = s->share.present && strcmp(s->subject, shares[k][0]) == 0 &&
				strcmp(fmt_decimal(&s->share), shares[k][1]) == 0;
		}
		if (!found)
			fail_msg("share %s 占%s%% missing", shares[k][0], shares[k][1]);
	}
	/* the 48-project count, stated twice */
	int counts = 0;
	for (size_t i = 0; i < d->nclaims; i++)
		if (d->claims[i].kind == YOY_CLAIM_COUNT && d->claims[i].count == 48)
			counts++;
	assert_int_equal(counts, 2);
}

static void test_forms_and_sections(void **state)
{
	yoy_doc *d = *state;
	assert_int_equal(d->nforms, 62);
	const yoy_perf_form *f = &d->forms[0];
	assert_string_equal(f->project, "新中国成立前参加工作退休老工人津贴");
	assert_string_equal(f->department_code, "054");
	assert_string_equal(f->implementer, "吕梁市人力资源和社会保障局");
	assert_string_equal(f->attribute, "延续性项目(阶段开展)");
	assert_string_equal(f->period, "2年");
	assert_string_equal(fmt_amount(&f->period_funds.total), "180000");
	assert_string_equal(fmt_amount(&f->annual_funds.total), "87372");
	assert_string_equal(fmt_amount(&f->annual_funds.local), "87372");
	assert_string_equal(fmt_amount(&f->annual_funds.central), "0");
	assert_int_equal(f->annual_funds.total.unit, YOY_UNIT_YUAN);
	assert_int_equal(f->nindicators, 9);
	assert_string_equal(f->indicators[0].level1, "产出指标");
	assert_string_equal(f->indicators[0].value, "3名");
	/* the variant that prints label and amount in one cell */
	const yoy_perf_form *last = &d->forms[61];
	assert_string_equal(last->project, "业务工作经费");
	assert_string_equal(fmt_amount(&last->annual_funds.total), "1697500");

	bool found = false;
	for (size_t i = 0; i < d->nsections; i++)
		if (strcmp(d->sections[i].heading, "九、政府采购情况") == 0) {
			found = true;
			assert_non_null(strstr(d->sections[i].text, "1459.93万元"));
			assert_int_equal(d->sections[i].level, 2);
		}
	assert_true(found);
}

static int setup(void **state)
{
	*state = parse_ok(LVLIANG);
	return 0;
}

static int teardown(void **state)
{
	yoy_doc_free(*state);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cover),
		cmocka_unit_test(test_every_table_recognized),
		cmocka_unit_test(test_code_tables),
		cmocka_unit_test(test_projects),
		cmocka_unit_test(test_three_public_and_operating_costs),
		cmocka_unit_test(test_basic_economic),
		cmocka_unit_test(test_claims),
		cmocka_unit_test(test_forms_and_sections),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
