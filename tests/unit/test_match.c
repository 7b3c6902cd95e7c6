/* match.c: names normalized for matching, similarity, and pairing. */
#include "testutil.h"

#include "audit/match.h"

static void expect_norm(const char *in, const char *want)
{
	sbuf b;
	sbuf_init(&b);
	match_normalize_name(&b, in);
	if (strcmp(sbuf_cstr(&b), want) != 0)
		fail_msg("normalize \"%s\": got \"%s\", want \"%s\"", in, sbuf_cstr(&b), want);
	sbuf_free(&b);
}

static void test_normalize(void **state)
{
	(void)state;
	/* full and half width, brackets, blanks */
	expect_norm("就业补助（公益性岗位）", "就业补助(公益性岗位)");
	expect_norm("就业补助 (公益性岗位)", "就业补助(公益性岗位)");
	expect_norm("就业补助【公益性岗位】", "就业补助(公益性岗位)");
	expect_norm("ＡＢＣ　培训 经费", "ABC培训经费");
	/* a leading year, with or without 年/年度 */
	expect_norm("2023年技能大赛经费", "技能大赛经费");
	expect_norm("2024年度技能大赛经费", "技能大赛经费");
	expect_norm("2025技能大赛经费", "技能大赛经费");
	/* a year inside the name stays; a name that is only a year stays */
	expect_norm("技能大赛2023年经费", "技能大赛2023年经费");
	expect_norm("2023年", "2023年");
	/* quotes and trailing punctuation */
	expect_norm("“三公”经费。", "\"三公\"经费");
	expect_norm("", "");
}

static void test_similarity(void **state)
{
	(void)state;
	assert_int_equal(match_similarity("工作经费", "工作经费"), 100);
	assert_int_equal(match_similarity("工作经历", "工作经费"), 75); /* a typo */
	assert_int_equal(match_similarity("办公经费", "工作经费"), 50);
	assert_int_equal(match_similarity("", "工作经费"), 0);
	assert_int_equal(match_similarity("abc", "xyz"), 0);
	/* symmetric */
	assert_int_equal(match_similarity("护理护工培训及就业专项资金", "护理护工培训就业专项资金"),
			 match_similarity("护理护工培训就业专项资金", "护理护工培训及就业专项资金"));
}

#define N 8

static void pair(const match_item *a, size_t na, const match_item *b, size_t nb, int min,
		 size_t *b_of_a, match_how *how, int *score)
{
	assert_int_equal(match_pair(a, na, b, nb, min, b_of_a, how, score), 0);
}

static void test_duplicates_pair_by_amount(void **state)
{
	(void)state;
	/* 工作经费 printed twice each year: amounts say which is which */
	match_item a[] = { { "工作经费", "工作经费", NULL, 500 },
			   { "工作经费", "工作经费", NULL, 120 },
			   { "培训费", "培训费", NULL, 30 } };
	match_item b[] = { { "培训费", "培训费", NULL, 31 },
			   { "工作经费", "工作经费", NULL, 118 },
			   { "工作经费", "工作经费", NULL, 500 } };
	size_t b_of_a[N];
	match_how how[N];
	int score[N];
	pair(a, 3, b, 3, 0, b_of_a, how, score);
	assert_int_equal(b_of_a[0], 2); /* 500 with 500 */
	assert_int_equal(b_of_a[1], 1); /* 120 with the nearest, 118 */
	assert_int_equal(b_of_a[2], 0);
	assert_int_equal(how[0], MATCH_EXACT);
}

static void test_similar_names_pair_best_first(void **state)
{
	(void)state;
	match_item a[] = { { "工作经历", "工作经历", NULL, 10 },
			   { "信息化建设", "信息化建设", NULL, 20 } };
	match_item b[] = { { "办公经费", "办公经费", NULL, 10 },
			   { "工作经费", "工作经费", NULL, 11 },
			   { "信息化系统建设", "信息化系统建设", NULL, 20 } };
	size_t b_of_a[N];
	match_how how[N];
	int score[N];
	pair(a, 2, b, 3, 60, b_of_a, how, score);
	assert_int_equal(b_of_a[0], 1); /* the typo: 75 beats 办公经费's 50 */
	assert_int_equal(how[0], MATCH_SIMILAR);
	assert_int_equal(score[0], 75);
	assert_int_equal(b_of_a[1], 2); /* 信息化建设 / 信息化系统建设: 2 of 7 differ */
	assert_int_equal(score[1], 71);
	/* without similarity nothing pairs */
	pair(a, 2, b, 3, 0, b_of_a, how, score);
	assert_int_equal(b_of_a[0], SIZE_MAX);
	assert_int_equal(b_of_a[1], SIZE_MAX);
	/* above the threshold only */
	pair(a, 2, b, 3, 80, b_of_a, how, score);
	assert_int_equal(b_of_a[0], SIZE_MAX);
}

static void test_aliases_override(void **state)
{
	(void)state;
	/* the aliases say 老项目 became 新名称, though 老项目 exists next year */
	match_item a[] = { { "老项目", "老项目", "新名称", 10 } };
	match_item b[] = { { "老项目", "老项目", NULL, 10 },
			   { "新名称", "新名称", "新名称", 99 } };
	size_t b_of_a[N];
	match_how how[N];
	int score[N];
	pair(a, 1, b, 2, 60, b_of_a, how, score);
	assert_int_equal(b_of_a[0], 1);
	assert_int_equal(how[0], MATCH_ALIAS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalize),
		cmocka_unit_test(test_similarity),
		cmocka_unit_test(test_duplicates_pair_by_amount),
		cmocka_unit_test(test_similar_names_pair_best_first),
		cmocka_unit_test(test_aliases_override),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
