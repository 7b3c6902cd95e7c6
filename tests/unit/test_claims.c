/* claims.c: every phrasing of DESIGN §1, and which figure a change,
 * share or reason belongs to. */
#include "testutil.h"

/* A minimal disclosure around one narrative paragraph. */
static yoy_doc *doc_with(const char *narrative)
{
	static char buf[8192];
	snprintf(buf, sizeof buf,
		 "某某局\n2024年度部门预算公开\n"
		 "2024年预算支出总表\n部门名称：某某局\n单位：万元\n"
		 "科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
		 "合计\t\t100.00\t60.00\t40.00\n"
		 "205\t教育支出\t100.00\t60.00\t40.00\n"
		 "第三部分 情况说明\n一、说明\n%s\n",
		 narrative);
	return parse_text_ok(buf);
}

/* The n-th claim whose subject contains needle. */
static const yoy_claim *find(const yoy_doc *doc, const char *needle, int n)
{
	for (size_t i = 0; i < doc->nclaims; i++)
		if (doc->claims[i].subject && strstr(doc->claims[i].subject, needle) &&
		    n-- == 0)
			return &doc->claims[i];
	fail_msg("no claim about \"%s\"", needle);
	return NULL;
}

static void test_change_amount_percent_reason(void **state)
{
	(void)state;
	yoy_doc *d = doc_with("2024年度预算收入总计14,656.81万元，其中：本年收入14,656.81万元，"
			      "上年结转0万元，比上年增加1619.83万元，增加12.42%，主要原因是"
			      "一是口径变化；二是人员经费增多。");
	const yoy_claim *c = find(d, "收入总计", 0);
	assert_int_equal(c->kind, YOY_CLAIM_CHANGE);
	assert_string_equal(fmt_amount(&c->current), "14656.81");
	assert_string_equal(c->base, "上年");
	assert_int_equal(c->base_year, 2023);
	assert_int_equal(c->direction, YOY_DIR_INCREASE);
	assert_string_equal(fmt_amount(&c->delta), "1619.83");
	assert_string_equal(fmt_decimal(&c->percent), "12.42");
	/* the reason runs over the ；: 二是 states no new figure */
	assert_string_equal(c->reason, "一是口径变化；二是人员经费增多");
	assert_string_equal(c->metric, "summary/income.total/total");
	/* the enumeration after 其中 stays plain figures */
	assert_int_equal(find(d, "上年结转", 0)->kind, YOY_CLAIM_FIGURE);
	assert_int_equal(find(d, "本年收入", 0)->kind, YOY_CLAIM_FIGURE);
	assert_int_equal(c->at.line, 11);
	yoy_doc_free(d);
}

/* "增幅提高2个百分点", "占比下降3个百分点": a rate or a share moved by
 * percentage points -- no count of 百分点, and no claim that the figure
 * itself fell, which would contradict the rise stated before it. */
static void test_percentage_points(void **state)
{
	(void)state;
	yoy_doc *d = doc_with("支出预算100.00万元，比上年增加10.00万元，增长11.11%，增幅比上年下降3个"
			      "百分点，占比提高0.5个百分点。");
	size_t changes = 0;
	for (size_t i = 0; i < d->nclaims; i++) {
		const yoy_claim *c = &d->claims[i];
		assert_int_not_equal(c->kind, YOY_CLAIM_COUNT);
		assert_int_not_equal(c->direction, YOY_DIR_DECREASE);
		changes += c->kind == YOY_CLAIM_CHANGE;
	}
	assert_int_equal(changes, 1);
	const yoy_claim *c = find(d, "支出预算", 0);
	assert_string_equal(fmt_amount(&c->delta), "10.00");
	assert_string_equal(fmt_decimal(&c->percent), "11.11");
	yoy_doc_free(d);
}

/* Figures, changes and percents in parallel lists, the first of each for
 * the first name (Sichuan's 决算: "收、支总计各是…、…万元。与…相比，收、支总计
 * 各减少…、…万元，各下降…%、…%"): each figure takes its own change.  Read
 * one by one, 支出总计 took 收入总计's change and percent (a false
 * change.percent error). */
static void test_parallel_lists(void **state)
{
	(void)state;
	yoy_doc *d = doc_with("2024年度收、支总计各是1,000.00、900.00万元。与2023年相比，收、支总计"
			      "各减少100.00、300.00万元，各下降9.09%、25.00%，主要原因是项目完成。"
			      "其中基本支出、项目支出分别为60.00万元、40.00万元，分别增加6.00万元、"
			      "4.00万元。人员经费和公用经费分别为50.00万元和10.00万元。");
	const yoy_claim *in = find(d, "收入总计", 0), *out = find(d, "支出总计", 0);
	assert_int_equal(in->kind, YOY_CLAIM_CHANGE);
	assert_string_equal(fmt_amount(&in->current), "1000.00");
	assert_string_equal(fmt_amount(&in->delta), "100.00");
	assert_string_equal(fmt_decimal(&in->percent), "9.09");
	assert_int_equal(in->direction, YOY_DIR_DECREASE);
	assert_int_equal(in->base_year, 2023);
	assert_string_equal(in->reason, "项目完成");
	assert_string_equal(fmt_amount(&out->current), "900.00");
	assert_string_equal(fmt_amount(&out->delta), "300.00");
	assert_string_equal(fmt_decimal(&out->percent), "25.00");
	assert_string_equal(out->reason, "项目完成");
	const yoy_claim *b = find(d, "基本支出", 0), *p = find(d, "项目支出", 0);
	assert_string_equal(fmt_amount(&b->current), "60.00");
	assert_string_equal(fmt_amount(&b->delta), "6.00");
	assert_string_equal(fmt_amount(&p->current), "40.00");
	assert_string_equal(fmt_amount(&p->delta), "4.00");
	assert_string_equal(fmt_amount(&find(d, "人员经费", 0)->current), "50.00");
	assert_string_equal(fmt_amount(&find(d, "公用经费", 0)->current), "10.00");
	yoy_doc_free(d);
	/* a list inside a reason is the reason's: the change keeps it */
	d = doc_with("项目支出100.00万元，比上年增加15.00万元，主要原因是培训费和会议费分别增加"
		     "10.00万元、5.00万元。");
	assert_non_null(find(d, "项目支出", 0)->reason);
	assert_non_null(strstr(find(d, "项目支出", 0)->reason, "培训费和会议费"));
	yoy_doc_free(d);
	/* three names, two values, or a second name that lost the words it
	 * shares with the first: no claim rather than one paired wrong */
	d = doc_with("一般公共预算、政府性基金、国有资本经营预算拨款分别为70.00、30.00万元。"
		     "一般公共预算拨款收入、支出分别为70.00万元、70.00万元。");
	for (size_t i = 0; i < d->nclaims; i++)
		assert_null(strstr(d->claims[i].text, "分别为"));
	yoy_doc_free(d);
}

/* Three phrasings of county disclosures: a base stated with its figure
 * ("较2023年年初预算的1278万元减少40万元"), the same change said again
 * as a percent ("同比下降3.1%": one claim, its first base kept), and items
 * after 其中 that change by their own amounts ("增长16.75%，其中…费增加
 * 2.01万元": not the total's change -- a false change.percent error). */
static void test_county_phrasings(void **state)
{
	(void)state;
	yoy_doc *d = doc_with("2024年“三公”经费预算总额为1238万元，较2023年年初预算的1278万元减少"
			      "40万元，同比下降3.1%。“三公”经费支出预算为14.01万元，与2023年预算相比"
			      "增长16.75%，其中因公出国(境)费增加0万元，公务用车运行维护费增加2.01万元。");
	const yoy_claim *c = find(d, "预算总额", 0);
	assert_int_equal(c->kind, YOY_CLAIM_CHANGE);
	assert_string_equal(fmt_amount(&c->base_value), "1278");
	assert_string_equal(fmt_amount(&c->delta), "40");
	assert_string_equal(fmt_decimal(&c->percent), "3.1");
	assert_string_equal(c->base, "2023年年初预算");
	assert_int_equal(c->basis, YOY_BASIS_BUDGET);
	size_t total_claims = 0;
	for (size_t i = 0; i < d->nclaims; i++)
		total_claims += d->claims[i].subject && strstr(d->claims[i].subject, "预算总额");
	assert_int_equal(total_claims, 1);
	c = find(d, "经费支出预算", 0);
	assert_string_equal(fmt_decimal(&c->percent), "16.75");
	assert_false(c->delta.present);
	c = find(d, "公务用车运行维护费", 0);
	assert_int_equal(c->kind, YOY_CLAIM_CHANGE);
	assert_string_equal(fmt_amount(&c->delta), "2.01");
	yoy_doc_free(d);
}

static void test_enumerated_reason_with_figures(void **state)
{
	(void)state;
	/* 检察院 2019: the second and third reasons carry figures of their own */
	yoy_doc *d = doc_with("检察（款）一般行政管理事务(项)支出2354.4万元，与上年相比减少1311.6万元，"
			      "减少35.77%。主要原因一是压减一般性支出；二是纳入2018年预算管理的700万元"
			      "培训费收入不再安排；三是增加了“事业运行”项级科目分流315万元。"
			      "项目支出4335.3万元。");
	const yoy_claim *c = find(d, "一般行政管理事务", 0);
	assert_string_equal(c->reason, "一是压减一般性支出；二是纳入2018年预算管理的700万元培训费收入"
				       "不再安排；三是增加了“事业运行”项级科目分流315万元");
	/* no figure claims out of the reason's own figures */
	for (size_t i = 0; i < d->nclaims; i++)
		assert_null(strstr(d->claims[i].subject ? d->claims[i].subject : "", "预算管理"));
	/* a clause after ； that is not the enumeration still ends it */
	yoy_doc *e = doc_with("项目支出4335.3万元，比上年减少1237.7万元，主要原因是压减支出；"
			      "基本支出15844.04万元。");
	assert_string_equal(find(e, "项目支出", 0)->reason, "压减支出");
	assert_int_equal(find(e, "基本支出", 0)->kind, YOY_CLAIM_FIGURE);
	yoy_doc_free(d);
	yoy_doc_free(e);
}

static void test_comparable_basis(void **state)
{
	(void)state;
	yoy_doc *d = doc_with("2024年财政拨款安排的“三公”经费预算33.50万元比2023年同口径增加 "
			      "0.57万元,主要原因是增加了公务用车运行维护费预算");
	const yoy_claim *c = find(d, "三公", 0);
	assert_int_equal(c->kind, YOY_CLAIM_CHANGE);
	assert_string_equal(c->base, "2023年同口径");
	assert_int_equal(c->basis, YOY_BASIS_COMPARABLE);
	assert_string_equal(fmt_amount(&c->delta), "0.57");
	assert_false(c->percent.present);
	assert_string_equal(c->metric, "three_public/total/total");
	yoy_doc_free(d);
}

static void test_decrease_phrasings(void **state)
{
	(void)state;
	yoy_doc *d = doc_with("机关运行经费财政拨款预算65.68万元，比2023年预算减少1.95万元，"
			      "下降2.88%，主要是单位压缩减少预算3%。"
			      "社会保障和就业（类）支出 2254.76 万元，主要用于离退休人员的经费支出。"
			      "与上年相比减少 92.37 万元，减少 3.94%。");
	const yoy_claim *c = find(d, "机关运行经费", 0);
	assert_int_equal(c->direction, YOY_DIR_DECREASE);
	assert_int_equal(c->basis, YOY_BASIS_BUDGET);
	assert_string_equal(fmt_amount(&c->delta), "1.95");
	assert_string_equal(fmt_decimal(&c->percent), "2.88");
	/* "减少预算3%" inside the reason is not a claim */
	assert_string_equal(c->reason, "单位压缩减少预算3%");
	assert_string_equal(c->metric, "operating_costs/total/total");
	/* a change in the sentence after its figure */
	c = find(d, "社会保障和就业", 0);
	assert_int_equal(c->kind, YOY_CLAIM_CHANGE);
	assert_string_equal(fmt_amount(&c->current), "2254.76");
	assert_string_equal(fmt_amount(&c->delta), "92.37");
	assert_string_equal(fmt_decimal(&c->percent), "3.94");
	yoy_doc_free(d);
}

static void test_flat_phrasings(void **state)
{
	(void)state;
	yoy_doc *d = doc_with("法院（款）机关服务（项）支出 1600 万元，与上年数一致。"
			      "政府性基金拨款支出预算0.00万元，比2023年预算持平；"
			      "公务接待费0万元与上年预算数相同。");
	const yoy_claim *c = find(d, "机关服务", 0);
	assert_int_equal(c->direction, YOY_DIR_FLAT);
	assert_string_equal(c->direction_word, "一致");
	assert_string_equal(fmt_amount(&c->current), "1600");
	c = find(d, "政府性基金", 0);
	assert_int_equal(c->direction, YOY_DIR_FLAT);
	assert_string_equal(c->direction_word, "持平");
	assert_string_equal(c->base, "2023年预算");
	c = find(d, "公务接待费", 0);
	assert_int_equal(c->direction, YOY_DIR_FLAT);
	assert_string_equal(c->base, "上年预算数");
	yoy_doc_free(d);
}

static void test_execution_base(void **state)
{
	(void)state;
	yoy_doc *d = doc_with("1. “教育支出（类）”25.77万元，主要用于专项普查活动。"
			      "2023年当年预算执行数为60.13万元，2024年预算安排25.77万元，"
			      "比2023年预算执行数减少57.14%。主要原因是：项目调整。");
	const yoy_claim *c = find(d, "教育支出", 0);
	assert_int_equal(c->kind, YOY_CLAIM_CHANGE);
	assert_int_equal(c->basis, YOY_BASIS_EXECUTION);
	assert_string_equal(c->base, "2023年预算执行数");
	assert_string_equal(fmt_amount(&c->base_value), "60.13");
	assert_string_equal(fmt_decimal(&c->percent), "57.14");
	assert_false(c->delta.present);
	/* the reason stands in its own sentence */
	assert_string_equal(c->reason, "项目调整");
	assert_string_equal(c->metric, "expenditure/code:205/total");
	/* "2024年预算安排25.77万元" restates the same figure */
	const yoy_claim *r = find(d, "教育支出", 1);
	assert_true(r->flags & YOY_CLAIM_CURRENT_RESTATED);
	assert_string_equal(fmt_amount(&r->current), "25.77");
	yoy_doc_free(d);
}

static void test_shares(void **state)
{
	(void)state;
	yoy_doc *d = doc_with("2024年度预算收入14,656.81万元，主要包括一般公共预算拨款收入"
			      "14,650.81万元，占99.96%；财政专户管理资金收入6.00万元，占0.04%。"
			      "因公出国（境）费支出 170 万元，占“三公”经费的 27.39%。");
	const yoy_claim *c = find(d, "一般公共预算拨款收入", 0);
	assert_int_equal(c->kind, YOY_CLAIM_SHARE);
	assert_string_equal(fmt_decimal(&c->share), "99.96");
	assert_string_equal(c->whole, "预算收入");
	assert_string_equal(fmt_amount(&c->whole_value), "14656.81");
	assert_string_equal(c->whole_metric, "summary/income.total/total");
	c = find(d, "财政专户", 0);
	assert_string_equal(fmt_decimal(&c->share), "0.04");
	c = find(d, "因公出国", 0);
	assert_string_equal(c->whole, "“三公”经费");
	assert_string_equal(c->whole_metric, "three_public/total/total");
	yoy_doc_free(d);
}

static void test_counts(void **state)
{
	(void)state;
	yoy_doc *d = doc_with("2024年某某局实行绩效目标管理的项目48个，涉及一般公共预算当年拨款"
			      "9066.5万元。2018 年本部门共 6 个项目实行绩效目标管理，涉及财政性资金"
			      "合计 4481.3 万元。");
	const yoy_claim *c = find(d, "实行绩效目标管理的项目", 0);
	assert_int_equal(c->kind, YOY_CLAIM_COUNT);
	assert_int_equal(c->count, 48);
	assert_string_equal(c->count_unit, "个");
	assert_string_equal(c->metric, "forms/count");
	c = find(d, "涉及一般公共预算", 0);
	assert_string_equal(fmt_amount(&c->current), "9066.5");
	assert_string_equal(c->metric, "general_expenditure/total/project");
	/* the counted thing after the number */
	c = find(d, "项目实行绩效目标管理", 0);
	assert_int_equal(c->count, 6);
	yoy_doc_free(d);
}

static void test_template_leftovers(void **state)
{
	(void)state;
	yoy_doc *d = doc_with("基本支出60.00万元，比上年增加（减少）5.00万元，主要原因是。"
			      "项目支出40.00万元，与上年相比减少 100 万元，减少 9.52，主要原因是压减。");
	const yoy_claim *c = find(d, "基本支出", 0);
	assert_int_equal(c->direction, YOY_DIR_TEMPLATE);
	assert_non_null(c->reason);
	assert_string_equal(c->reason, "");
	assert_true(c->flags & YOY_CLAIM_EMPTY_REASON);
	c = find(d, "项目支出", 0);
	assert_true(c->flags & YOY_CLAIM_PERCENT_NO_SIGN);
	assert_string_equal(fmt_decimal(&c->percent), "9.52");
	yoy_doc_free(d);
}

static void test_changes_inside_reasons(void **state)
{
	(void)state;
	yoy_doc *d = doc_with("收入、支出预算总计 33172.15 万元，与上年相比收、支预算总计各增加 "
			      "4322.77 万元，增长 14.98%。主要原因是基本支出增加 1447.63 万元、"
			      "项目支出安排减少 200 万元。");
	const yoy_claim *c = find(d, "预算总计", 0);
	assert_string_equal(fmt_amount(&c->delta), "4322.77");
	assert_string_equal(c->reason, "基本支出增加1447.63万元、项目支出安排减少200万元");
	c = find(d, "基本支出", 0);
	assert_true(c->flags & YOY_CLAIM_IN_REASON);
	assert_int_equal(c->direction, YOY_DIR_INCREASE);
	assert_string_equal(fmt_amount(&c->delta), "1447.63");
	assert_string_equal(c->metric, "expenditure/total/basic");
	c = find(d, "项目支出", 0);
	assert_int_equal(c->direction, YOY_DIR_DECREASE);
	assert_string_equal(fmt_amount(&c->delta), "200");
	yoy_doc_free(d);
}

static void test_enumeration_target(void **state)
{
	(void)state;
	/* one figure after 其中: the change is about it, not the head */
	yoy_doc *d = doc_with("2024年，某某局收入预算15621.11万元，其中：财政拨款收入15621.11万元，"
			      "比2023年预算减少876.75万元；事业收入0.00万元。");
	const yoy_claim *head = find(d, "收入预算", 0);
	assert_int_equal(head->kind, YOY_CLAIM_FIGURE);
	const yoy_claim *c = find(d, "财政拨款收入", 0);
	assert_int_equal(c->kind, YOY_CLAIM_CHANGE);
	assert_string_equal(fmt_amount(&c->delta), "876.75");
	assert_int_equal(find(d, "事业收入", 0)->kind, YOY_CLAIM_FIGURE);
	yoy_doc_free(d);
}

static void test_full_width_numbers_in_text(void **state)
{
	(void)state;
	yoy_doc *d = doc_with("基本支出６０．００万元，比上年增加５．００万元，增长９．０９％。");
	const yoy_claim *c = find(d, "基本支出", 0);
	assert_string_equal(fmt_amount(&c->current), "60.00");
	assert_string_equal(fmt_decimal(&c->percent), "9.09");
	yoy_doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_change_amount_percent_reason),
		cmocka_unit_test(test_percentage_points),
		cmocka_unit_test(test_parallel_lists),
		cmocka_unit_test(test_county_phrasings),
		cmocka_unit_test(test_enumerated_reason_with_figures),
		cmocka_unit_test(test_comparable_basis),
		cmocka_unit_test(test_decrease_phrasings),
		cmocka_unit_test(test_flat_phrasings),
		cmocka_unit_test(test_execution_base),
		cmocka_unit_test(test_shares),
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_template_leftovers),
		cmocka_unit_test(test_changes_inside_reasons),
		cmocka_unit_test(test_enumeration_target),
		cmocka_unit_test(test_full_width_numbers_in_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
