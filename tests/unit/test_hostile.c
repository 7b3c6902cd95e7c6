/* Hostile input: each defect found by trying yoy as an attacker would
 * (issue 14) stays fixed.  Every case here crashed, hung, read out of
 * bounds or filed a document where git refuses it; under ASan (make asan)
 * the out-of-bounds ones fail loudly. */
#include <unistd.h>

#include "testutil.h"

#include "util/util.h"
#include "yoy/check.h"
#include "yoy/diff.h"
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

/* Pages of 20 000 lines alike, a form feed apart: looking for the lines a
 * word processor printed on two pages tried every run length (seconds
 * here, quadratic in the page); it tries 64 at most and must finish. */
static void test_pages_of_lines_alike(void **state)
{
	(void)state;
	const char *line = "第一行文字内容相同的很长的一行文字用于测试重复\n";
	char *page = repeat("", line, 20000, "\f");
	size_t n = strlen(page);
	char *text = malloc(3 * n + 1);
	assert_non_null(text);
	for (int i = 0; i < 3; i++)
		memcpy(text + i * n, page, n);
	text[3 * n] = '\0';
	yoy_doc *doc = NULL;
	yoy_error err;
	/* no table, no figure: refused as no disclosure, once read */
	assert_int_equal(yoy_parse_buffer(&doc, "p.txt", text, 3 * n, &err), YOY_EINPUT);
	assert_non_null(strstr(err.message, "not a budget disclosure"));
	assert_null(doc);
	free(text);
	free(page);
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

/* Figures whose sum or difference is past int64 get no verdict and no
 * figure, never a wrapped one (13 children of 9e11万元 each summed to
 * "-8546744073709.55万元"). */
static void test_money_overflow(void **state)
{
	(void)state;
	char text[4096];
	int n = snprintf(text, sizeof text,
			 "测试局\n2023年度部门预算公开\n2023年预算支出总表\n部门名称：测试局\n"
			 "单位：万元\n科目编码\t科目名称\t合计\n合计\t\t900000000000.00\n"
			 "205\t教育支出\t900000000000.00\n");
	for (int i = 10; i < 23; i++)
		n += snprintf(text + n, sizeof text - (size_t)n, "205%02d\t职业%d\t900000000000.00\n",
			      i, i);
	yoy_doc *doc = parse_text_ok(text);
	yoy_check *c;
	yoy_error err;
	yoy_check_options o = { 0 };
	assert_int_equal(yoy_check_doc(&c, doc, &o, &err), 0);
	size_t sums = 0;
	for (size_t i = 0; i < c->nfindings; i++)
		if (strcmp(c->findings[i].rule, "table.parent-sum") == 0) {
			sums++;
			assert_int_equal(c->findings[i].verdict, YOY_VERDICT_UNVERIFIABLE);
			assert_null(strchr(c->findings[i].computed, '-'));
		}
	assert_int_equal(sums, 1);
	yoy_check_free(c);
	/* a change past int64 between two years: the diff is refused */
	const char *hi = "测试局\n2023年度部门预算公开\n2023年预算支出总表\n部门名称：测试局\n单位：万元\n"
			 "科目编码\t科目名称\t合计\n合计\t\t9000000000000.00\n205\t教育支出\t9000000000000.00\n";
	const char *lo = "测试局\n2024年度部门预算公开\n2024年预算支出总表\n部门名称：测试局\n单位：万元\n"
			 "科目编码\t科目名称\t合计\n合计\t\t-9000000000000.00\n205\t教育支出\t-9000000000000.00\n";
	yoy_doc *a = parse_text_ok(hi), *b = parse_text_ok(lo);
	yoy_diff *d = NULL;
	yoy_diff_options dopt = { 0 };
	assert_int_equal(yoy_diff_docs(&d, a, b, &dopt, &err), YOY_EINPUT);
	assert_null(d);
	yoy_doc_free(a);
	yoy_doc_free(b);
	yoy_doc_free(doc);
}

/* A CSV cell that a spreadsheet would run as a formula is quoted behind a
 * '; numbers stay numbers. */
static void test_csv_formulas(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{ "=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"," },
		{ "+1+cmd|' /C calc'!A0", "\"'+1+cmd|' /C calc'!A0\"," },
		{ "@SUM(A1)", "\"'@SUM(A1)\"," },
		{ "-2+3", "\"'-2+3\"," },
		{ "-3.94", "-3.94," },
		{ "+12.42%", "+12.42%," },
		{ "1,234.50", "\"1,234.50\"," },
		{ "教育支出", "教育支出," },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		sbuf b;
		sbuf_init(&b);
		csv_field(&b, cases[i][0], false);
		assert_string_equal(sbuf_cstr(&b), cases[i][1]);
		sbuf_free(&b);
	}
}

/* Raw HTML from a document never reaches Markdown as HTML. */
static void test_markdown_escapes(void **state)
{
	(void)state;
	sbuf b;
	sbuf_init(&b);
	md_text(&b, "<script>alert(1)</script> & <img src=x>");
	assert_string_equal(sbuf_cstr(&b),
			    "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x&gt;");
	sbuf_reset(&b);
	md_cell(&b, "a|<b>");
	assert_string_equal(sbuf_cstr(&b), " a\\|&lt;b&gt; |");
	sbuf_reset(&b);
	md_code(&b, "x`y\nz");
	assert_string_equal(sbuf_cstr(&b), "`xyz`");
	sbuf_free(&b);
}

/* A file name that is not UTF-8, or has a newline, is recorded with U+FFFD:
 * JSON stays valid and a commit message keeps its lines. */
static void test_file_names(void **state)
{
	(void)state;
	sbuf b;
	sbuf_init(&b);
	utf8_sanitize(&b, "bad\xff\xfe\n.txt", 10);
	assert_string_equal(sbuf_cstr(&b), "bad\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD.txt");
	utf8_sanitize(&b, "年度\xe5\xb9", 8); /* cut in the middle of a character */
	assert_string_equal(sbuf_cstr(&b), "年度\xEF\xBF\xBD\xEF\xBF\xBD");
	utf8_sanitize(&b, "\xc0\xaf", 2); /* overlong "/" */
	assert_string_equal(sbuf_cstr(&b), "\xEF\xBF\xBD\xEF\xBF\xBD");
	sbuf_free(&b);
}

/* A history owned by another user: git will not open it; yoy says so and
 * touches nothing (it used to re-initialise it).  Needs root to chown. */
static void test_repository_of_another_user(void **state)
{
	(void)state;
	if (geteuid() != 0) {
		print_message("not root: skipped\n");
		return;
	}
	char dir[] = "/tmp/yoy-owner-XXXXXX";
	assert_non_null(mkdtemp(dir));
	assert_int_equal(sh("Y=$(realpath \"$YOY\") && cd %s && \"$Y\" import -q --repo h %s/data/lvliang-hrss/2023-budget.txt "
			    ">/dev/null && chown -R 65534 h && stat -c %%Y%%a h/config > before",
			    dir, getenv("PWD")), 0);
	assert_int_equal(sh("Y=$(realpath \"$YOY\") && cd %s && \"$Y\" import -q --repo h %s/data/jiangsu-high-court/2017-budget.pdf "
			    "2>err; test $? = 4 && grep -q 'another user' err", dir, getenv("PWD")), 0);
	assert_int_equal(sh("Y=$(realpath \"$YOY\") && cd %s && \"$Y\" log --repo h 2>/dev/null; test $? = 4", dir), 0);
	assert_int_equal(sh("cd %s && stat -c %%Y%%a h/config | cmp -s - before", dir), 0);
	sh("rm -rf %s", dir);
}

/* -o onto something that is not a regular file writes into it, as a shell
 * redirection does: /dev/null stays a device, a symlink a symlink. */
static void test_output_onto_special_files(void **state)
{
	(void)state;
	char dir[] = "/tmp/yoy-out-XXXXXX";
	assert_non_null(mkdtemp(dir));
	assert_int_equal(sh("Y=$(realpath \"$YOY\") && cd %s && touch target && ln -s target link && mkfifo fifo && "
			    "\"$Y\" parse -q -o link %s/data/lvliang-hrss/2023-budget.txt && "
			    "test -L link && test -s target && "
			    "(cat fifo > got &) && \"$Y\" parse -q -o fifo "
			    "%s/data/lvliang-hrss/2023-budget.txt && sleep 0.2 && test -p fifo && "
			    "cmp -s got target", dir, getenv("PWD"), getenv("PWD")), 0);
	if (geteuid() == 0 && access("/dev/null", W_OK) == 0) {
		assert_int_equal(sh("\"$YOY\" parse -q -o /dev/null data/lvliang-hrss/2023-budget.txt"), 0);
		assert_int_equal(sh("test -c /dev/null"), 0);
	}
	sh("rm -rf %s", dir);
}

/* Two versions of one department-year-kind in one import: both printed
 * "new" and only the last landed.  The second is refused (exit 3), the
 * first committed; the same file twice is "unchanged" the second time. */
static void test_two_versions_in_one_import(void **state)
{
	(void)state;
	char dir[] = "/tmp/yoy-twice-XXXXXX";
	assert_non_null(mkdtemp(dir));
	assert_int_equal(sh("Y=$(realpath \"$YOY\") && L=$(realpath data/lvliang-hrss/2023-budget.txt) && "
			    "cd %s && sed s/1619.83/1619.84/ \"$L\" > v2.txt && "
			    "\"$Y\" import --repo h \"$L\" v2.txt \"$L\" > out 2> err; test $? = 3 && "
			    "grep -q 'another version' err && grep -q '1 new, 0 revised, 1 unchanged' out && "
			    "test $(git -C h rev-list --count HEAD) = 1", dir), 0);
	sh("rm -rf %s", dir);
}

/* An object whose bytes are another object's (a disk or a hand that
 * swapped files) is refused on read, not shown as the wrong department:
 * strict hash verification is on. */
static void test_swapped_object_refused(void **state)
{
	(void)state;
	char dir[] = "/tmp/yoy-swap-XXXXXX";
	assert_non_null(mkdtemp(dir));
	assert_int_equal(sh("Y=$(realpath \"$YOY\") && P=$PWD && cd %s && "
			    "\"$Y\" import -q --repo h \"$P/data/lvliang-hrss/2023-budget.txt\" "
			    "\"$P/data/jiangsu-high-court/2017-budget.pdf\" >/dev/null && "
			    "A=$(git -C h rev-parse 'HEAD:江苏省高级人民法院/2017/department_budget.json') && "
			    "B=$(git -C h rev-parse 'HEAD:吕梁市人力资源和社会保障局/2023/department_budget.json') && "
			    "a=h/objects/$(echo $A | cut -c1-2)/$(echo $A | cut -c3-) && "
			    "b=h/objects/$(echo $B | cut -c1-2)/$(echo $B | cut -c3-) && "
			    "test -f $b && chmod u+w $b && cp $a $b && "
			    "\"$Y\" show --repo h 吕梁市人力资源和社会保障局 2023 >out 2>err; "
			    "test $? = 4 && test ! -s out && grep -q 'hash mismatch' err", dir), 0);
	sh("rm -rf %s", dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_long_funds_token),
		cmocka_unit_test(test_long_blank_run),
		cmocka_unit_test(test_pages_of_lines_alike),
		cmocka_unit_test(test_sentence_ends_in_number),
		cmocka_unit_test(test_path_components),
		cmocka_unit_test(test_alias_targets),
		cmocka_unit_test(test_money_overflow),
		cmocka_unit_test(test_csv_formulas),
		cmocka_unit_test(test_markdown_escapes),
		cmocka_unit_test(test_file_names),
		cmocka_unit_test(test_repository_of_another_user),
		cmocka_unit_test(test_output_onto_special_files),
		cmocka_unit_test(test_two_versions_in_one_import),
		cmocka_unit_test(test_swapped_object_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
