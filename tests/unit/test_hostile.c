/* Hostile input: each defect found by trying yoy as an attacker would
 * (issue 14) stays fixed.  Every case here crashed, hung, read out of
 * bounds or filed a document where git refuses it; under ASan (make asan)
 * the out-of-bounds ones fail loudly. */
#include "testutil.h"

#include "util/util.h"
#include "yoy/aliases.h"

static char *repeat(const char *head, const char *unit, size_t times, const char *tail)
{
	size_t u = strlen(unit);
	char *s = malloc(strlen(head) + u * times + strlen(tail) + 1);
	assert_non_null(s);
	char *p = stpcpy(s, head);
	for (size_t i = 0; i < times; i++)
		p = stpcpy(p, unit);
	strcpy(p, tail);
	return s;
}

/* A funds token of 20 000 bytes ending in digits wrote past label[256]. */
static void test_long_funds_token(void **state)
{
	(void)state;
	char *text = repeat("项目支出绩效目标申报表\n项目名称\tX\n项目资金\t资金总额", "A", 20000, "1\n");
	yoy_doc *doc = NULL;
	yoy_error err;
	yoy_parse_buffer(&doc, "f.txt", text, strlen(text), &err);
	yoy_doc_free(doc);
	free(text);
}

/* 400 KB of blanks inside a sentence: normalizing it looked ahead once per
 * blank (minutes); it must simply finish. */
static void test_long_blank_run(void **state)
{
	(void)state;
	const char *blanks[] = { " ", "\u3000" };
	for (size_t b = 0; b < 2; b++) {
		char *text = repeat("一、说明\n说", blanks[b], 400000 / strlen(blanks[b]), "明\n");
		yoy_doc *doc = NULL;
		yoy_error err;
		assert_int_not_equal(yoy_parse_buffer(&doc, "q.txt", text, strlen(text), &err), 0);
		free(text);
	}
	sbuf out;
	sbuf_init(&out);
	char *s = repeat("a", " ", 400000, "b");
	normalize_for_match(&out, s, strlen(s));
	assert_string_equal(sbuf_cstr(&out), "a b");
	sbuf_free(&out);
	free(s);
}

/* A change sentence ending in a number: "倍" was compared 3 bytes past
 * the end of the text. */
static void test_sentence_ends_in_number(void **state)
{
	(void)state;
	const char *text =
		"测试局\n2023年度部门预算公开\n2023年预算支出总表\n部门名称：测试局\n单位：万元\n"
		"科目编码\t科目名称\t合计\n合计\t\t100.00\n205\t教育支出\t100.00\n"
		"第三部分 情况说明\n一、支出预算情况说明\n教育支出100.00万元，比上年增加50万元，增长16";
	yoy_doc *doc = parse_text_ok(text);
	yoy_doc_free(doc);
}

/* Every path component is held to git's rules and those of the file
 * systems a clone lands on. */
static void test_path_components(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"", ".", "..", ".git", ".GIT", ".git.", ".git ", "git~1", "GIT~1",
		".gi\u200ct", ".\u200dgit", ".gitmodules", ".GitAttributes", "a/b", "a\\b",
		"con", "NUL.txt", "com1", "a:b", "a*b", "a\tb", "trailing.",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (!path_component_problem(bad[i]))
			fail_msg("\"%s\" accepted", bad[i]);
	char *longname = repeat("", "部", 90, ""); /* 270 bytes */
	assert_non_null(path_component_problem(longname));
	free(longname);
	static const char *const good[] = { "江苏省高级人民法院", "2019", "department_budget",
					    "2019-budget.pdf", "git", "github", "console" };
	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		if (path_component_problem(good[i]))
			fail_msg("\"%s\" refused: %s", good[i], path_component_problem(good[i]));
}

/* aliases.json targets name folders: "a/b/c", "", "../../x" are refused
 * with the file named. */
static void test_alias_targets(void **state)
{
	(void)state;
	static const char *const targets[] = { "a/b/c", "", "../../x", ".git" };
	for (size_t i = 0; i < sizeof targets / sizeof *targets; i++) {
		char text[256];
		snprintf(text, sizeof text,
			 "{\"schema\":\"yoy-aliases/1\",\"departments\":{\"某局\":\"%s\"}}", targets[i]);
		yoy_aliases a;
		yoy_error err;
		assert_int_equal(yoy_aliases_read(&a, YOY_ALIASES_DEPARTMENTS, text, strlen(text),
						  "aliases.json", &err), YOY_EINPUT);
		assert_non_null(strstr(err.message, "aliases.json"));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_long_funds_token),
		cmocka_unit_test(test_long_blank_run),
		cmocka_unit_test(test_sentence_ends_in_number),
		cmocka_unit_test(test_path_components),
		cmocka_unit_test(test_alias_targets),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
