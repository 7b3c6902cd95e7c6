/* check.c: the rounding-aware verdicts, each rule on small documents, and
 * on the real documents exactly the errors the sources contain. */
#include <glob.h>
#include <unistd.h>

#include "testutil.h"

#include "audit/check_common.h"
#include "yoy/check.h"

/* ---- verdicts ----------------------------------------------------------- */

static figure wan(const char *s)
{
	yoy_amount a;
	assert_int_equal(yoy_amount_parse(&a, s, strlen(s), YOY_UNIT_WAN), 0);
	return fig_of(&a);
}

static figure yuan(const char *s)
{
	yoy_amount a;
	assert_int_equal(yoy_amount_parse(&a, s, strlen(s), YOY_UNIT_YUAN), 0);
	return fig_of(&a);
}

static void test_equal_and_sums(void **state)
{
	(void)state;
	/* one quantity at one precision rounds one way */
	assert_int_equal(judge_equal(wan("728.11"), wan("728.11")), YOY_VERDICT_EXACT);
	assert_int_equal(judge_equal(wan("728.11"), wan("728.12")), YOY_VERDICT_MISMATCH);
	/* 元 exact against 万元 rounded */
	assert_int_equal(judge_equal(yuan("1126029"), wan("112.60")), YOY_VERDICT_ROUNDING);
	assert_int_equal(judge_equal(yuan("1126029"), wan("112.61")), YOY_VERDICT_MISMATCH);
	/* "110万元" in the text is 109.5 .. 110.5 */
	assert_int_equal(judge_equal(wan("110"), wan("110.40")), YOY_VERDICT_ROUNDING);
	/* a parent against four rounded children: 0.01 off is rounding */
	figure kids = fig_sum(fig_sum(wan("100.01"), wan("200.01")), fig_sum(wan("300.01"),
									      wan("82.87")));
	assert_int_equal(judge_sum(wan("682.91"), kids), YOY_VERDICT_ROUNDING); /* 682.90 */
	assert_int_equal(judge_sum(wan("682.90"), kids), YOY_VERDICT_EXACT);
	assert_int_equal(judge_sum(wan("683.00"), kids), YOY_VERDICT_MISMATCH);
}

static yoy_decimal pct(const char *s)
{
	yoy_decimal d;
	assert_int_equal(yoy_decimal_parse(&d, s, strlen(s)), 0);
	return d;
}

static void test_percent(void **state)
{
	(void)state;
	int64_t lo, hi, point;
	/* 吕梁: 增加1619.83万元，增加12.42% of 14656.81 - 1619.83 */
	yoy_decimal p = pct("12.42");
	figure d = wan("1619.83"), base = fig_sum(wan("14656.81"), fig_neg(d));
	assert_int_equal(judge_percent(&p, d, base, &lo, &hi, &point), YOY_VERDICT_EXACT);
	assert_int_equal(point, 124249);
	/* one digit off is not rounding */
	p = pct("12.43");
	assert_int_equal(judge_percent(&p, d, base, &lo, &hi, &point), YOY_VERDICT_MISMATCH);
	/* coarse figures make room: 0.57 of 32.93 is 1.7309%; 1.73 exact,
	 * 1.74 inside the envelope of "0.57" (0.565 .. 0.575) */
	p = pct("1.74");
	assert_int_equal(judge_percent(&p, wan("0.57"), wan("32.93"), &lo, &hi, &point),
			 YOY_VERDICT_ROUNDING);
	p = pct("1.80");
	assert_int_equal(judge_percent(&p, wan("0.57"), wan("32.93"), &lo, &hi, &point),
			 YOY_VERDICT_MISMATCH);
	/* from zero: nothing to divide by */
	p = pct("100");
	assert_int_equal(judge_percent(&p, wan("5.00"), wan("0.00"), &lo, &hi, &point),
			 YOY_VERDICT_UNVERIFIABLE);
}

/* ---- rules on small documents ------------------------------------------- */

/* A small disclosure: an expenditure table (total, and 205 with two
 * children) and the narrative given. */
static yoy_doc *small(int year, const char *t205, const char *t20503, const char *t20599,
		      const char *narrative)
{
	char text[4096];
	snprintf(text, sizeof text,
		 "测试局\n%d年度部门预算公开\n%d年预算支出总表\n部门名称：测试局\n单位：万元\n"
		 "科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
		 "合计\t\t%s\t%s\t\n205\t教育支出\t%s\t%s\t\n20503\t职业教育\t%s\t%s\t\n"
		 "20599\t其他教育支出\t%s\t%s\t\n"
		 "第三部分 情况说明\n一、支出预算情况说明\n%s\n",
		 year, year, t205, t205, t205, t205, t20503, t20503, t20599, t20599, narrative);
	yoy_doc *doc;
	yoy_error err;
	if (yoy_parse_buffer(&doc, "small.txt", text, strlen(text), &err))
		fail_msg("%s\n%s", err.message, text);
	return doc;
}

static yoy_check *check_with(const yoy_doc *doc, const yoy_doc *prior, const yoy_doc *budget)
{
	yoy_check *c;
	yoy_error err;
	yoy_check_options o = { .prior = prior, .budget = budget };
	if (yoy_check_doc(&c, doc, &o, &err))
		fail_msg("%s", err.message);
	return c;
}

static yoy_check *check_of(const yoy_doc *doc, const yoy_doc *prior)
{
	return check_with(doc, prior, NULL);
}

/* The finding of rule, or NULL. */
static const yoy_finding *find(const yoy_check *c, const char *rule)
{
	for (size_t i = 0; i < c->nfindings; i++)
		if (strcmp(c->findings[i].rule, rule) == 0)
			return &c->findings[i];
	return NULL;
}

static void expect(const yoy_check *c, const char *rule, yoy_severity sev, yoy_verdict v)
{
	const yoy_finding *f = find(c, rule);
	if (!f)
		fail_msg("no %s finding", rule);
	if (f->severity != sev || f->verdict != v)
		fail_msg("%s: %s/%s, want %s/%s (%s)", rule, yoy_severity_name(f->severity),
			 yoy_verdict_name(f->verdict), yoy_severity_name(sev), yoy_verdict_name(v),
			 f->message);
}

static void test_table_arithmetic(void **state)
{
	(void)state;
	/* 100.00 = 60.00 + 40.00: holds */
	yoy_doc *d = small(2023, "100.00", "60.00", "40.00", "无。");
	yoy_check *c = check_of(d, NULL);
	assert_null(find(c, "table.parent-sum"));
	yoy_check_free(c);
	yoy_doc_free(d);
	/* a child 0.01 off: rounding, a note */
	d = small(2023, "100.00", "60.01", "40.00", "无。");
	c = check_of(d, NULL);
	expect(c, "table.parent-sum", YOY_SEV_INFO, YOY_VERDICT_ROUNDING);
	yoy_check_free(c);
	yoy_doc_free(d);
	/* a child 1.00 off: an error */
	d = small(2023, "100.00", "61.00", "40.00", "无。");
	c = check_of(d, NULL);
	expect(c, "table.parent-sum", YOY_SEV_ERROR, YOY_VERDICT_MISMATCH);
	yoy_check_free(c);
	yoy_doc_free(d);
}

/* The 收入预算总表 printed in groups that a 小计 heads (Jiangsu): each 小计
 * against its lines, the total against the 小计s -- exact on the real
 * table, an error when one line is changed. */
static void test_subtotal_groups(void **state)
{
	(void)state;
	yoy_doc *d = parse_ok("data/jiangsu-procuratorate/2018-budget.pdf");
	yoy_check *c = check_of(d, NULL);
	assert_null(find(c, "table.parent-sum"));
	assert_null(find(c, "table.total-sum"));
	yoy_check_free(c);
	yoy_table *t = (yoy_table *)yoy_doc_table(d, YOY_TABLE_INCOME);
	assert_non_null(t);
	yoy_amount *other = NULL, *subtotal = NULL;
	for (size_t r = 0; r < t->nrows; r++) {
		if (t->rows[r].key && strcmp(t->rows[r].key, "other") == 0)
			other = &t->rows[r].values[0];
		if (t->rows[r].name && strcmp(t->rows[r].name, "小计") == 0 &&
		    t->rows[r].values[0].present && t->rows[r].values[0].fen == 14390000)
			subtotal = &t->rows[r].values[0];
	}
	assert_non_null(other);
	assert_non_null(subtotal);
	other->fen += 10000; /* 其他收入 14.39 -> 14.40万元 */
	c = check_of(d, NULL);
	expect(c, "table.parent-sum", YOY_SEV_INFO, YOY_VERDICT_ROUNDING);
	yoy_check_free(c);
	other->fen += 4000000; /* -> 18.40: the 小计 14.39 no longer holds */
	c = check_of(d, NULL);
	expect(c, "table.parent-sum", YOY_SEV_ERROR, YOY_VERDICT_MISMATCH);
	assert_null(find(c, "table.total-sum"));
	yoy_check_free(c);
	other->fen -= 4010000;
	subtotal->fen += 4000000; /* the 小计 against the total */
	c = check_of(d, NULL);
	expect(c, "table.total-sum", YOY_SEV_ERROR, YOY_VERDICT_MISMATCH);
	yoy_check_free(c);
	yoy_doc_free(d);
}

static void test_stated_changes(void **state)
{
	(void)state;
	/* the figure, and a change whose percent holds */
	yoy_doc *d = small(2023, "100.00", "60.00", "40.00",
			   "教育支出100.00万元，比上年增加10.00万元，增长11.11%，主要原因是招生增加。");
	yoy_check *c = check_of(d, NULL);
	expect(c, "claim.figure", YOY_SEV_OK, YOY_VERDICT_EXACT);
	expect(c, "change.percent", YOY_SEV_OK, YOY_VERDICT_EXACT);
	yoy_check_free(c);
	yoy_doc_free(d);
	/* wrong figure, wrong percent */
	d = small(2023, "100.00", "60.00", "40.00",
		  "教育支出101.00万元，比上年增加10.00万元，增长12.11%，主要原因是招生增加。");
	c = check_of(d, NULL);
	expect(c, "claim.figure", YOY_SEV_ERROR, YOY_VERDICT_MISMATCH);
	expect(c, "change.percent", YOY_SEV_ERROR, YOY_VERDICT_MISMATCH);
	yoy_check_free(c);
	yoy_doc_free(d);
	/* template words, an empty reason, 持平 with an amount, zero base */
	d = small(2023, "100.00", "60.00", "40.00",
		  "教育支出100.00万元，比上年增加（减少）10.00万元。"
		  "职业教育60.00万元，比上年增加10.00万元，增长20%，主要原因是。"
		  "其他教育支出40.00万元，与上年持平，减少5.00万元。"
		  "教育支出100.00万元，比上年增加100.00万元，增长100%。");
	c = check_of(d, NULL);
	expect(c, "change.template", YOY_SEV_WARNING, YOY_VERDICT_MISMATCH);
	expect(c, "change.empty-reason", YOY_SEV_WARNING, YOY_VERDICT_MISMATCH);
	expect(c, "change.zero-base", YOY_SEV_WARNING, YOY_VERDICT_MISMATCH);
	assert_non_null(find(c, "change.flat-nonzero") ? find(c, "change.flat-nonzero")
						       : find(c, "change.direction-conflict"));
	yoy_check_free(c);
	yoy_doc_free(d);
	/* a template left whole, twice: one warning for the document with its
	 * two places, no error, no direction conflict; its words in a reason
	 * are found too */
	d = small(2023, "100.00", "60.00", "40.00",
		  "教育支出100.00万元，比上年增加（减少）0万元，增长（下降）0%。\n"
		  "职业教育60.00万元，比上年增加（减少）0万元，增长（下降）0%。\n"
		  "其他教育支出40.00万元，比上年增加5.00万元，主要原因是增加（减少）人员。");
	c = check_of(d, NULL);
	size_t templates = 0;
	for (size_t i = 0; i < c->nfindings; i++) {
		const yoy_finding *f = &c->findings[i];
		assert_true(f->severity < YOY_SEV_ERROR);
		assert_string_not_equal(f->rule, "change.direction-conflict");
		if (strcmp(f->rule, "change.template") == 0) {
			templates++;
			assert_int_equal(f->severity, YOY_SEV_WARNING);
			assert_int_equal(f->nalso, 2);
		}
	}
	assert_int_equal(templates, 1);
	yoy_check_free(c);
	yoy_doc_free(d);
	/* parts a sentence lists against its whole: procurement, vehicles */
	d = small(2023, "100.00", "60.00", "40.00",
		  "政府采购预算38.20万元，其中：政府采购货物预算7.80万元、政府采购工程预算0万元、"
		  "政府采购服务预算30.00万元。\n"
		  "截至2023年8月31日，本部门共有车辆7辆，其中：主要领导干部用车1辆、"
		  "机要通信用车2辆、其他用车3辆。");
	c = check_of(d, NULL);
	size_t parts = 0;
	for (size_t i = 0; i < c->nfindings; i++)
		if (strcmp(c->findings[i].rule, "claim.parts") == 0) {
			parts++;
			assert_int_equal(c->findings[i].severity, YOY_SEV_ERROR);
		}
	assert_int_equal(parts, 2);
	yoy_check_free(c);
	yoy_doc_free(d);
	/* a share, recomputed */
	d = small(2023, "100.00", "60.00", "40.00",
		  "支出预算100.00万元，其中：职业教育60.00万元，占60.00%；其他教育支出40.00万元，占45%。");
	c = check_of(d, NULL);
	size_t ok = 0, bad = 0;
	for (size_t i = 0; i < c->nfindings; i++)
		if (strcmp(c->findings[i].rule, "claim.share") == 0) {
			ok += c->findings[i].verdict == YOY_VERDICT_EXACT;
			bad += c->findings[i].verdict == YOY_VERDICT_MISMATCH;
		}
	assert_int_equal(ok, 1);
	assert_int_equal(bad, 1);
	yoy_check_free(c);
	yoy_doc_free(d);
}

/* A total the sentence leaves open ("支出预算") may be any total printed:
 * the one that holds is meant, none holding is unverifiable, never an
 * error; a subject naming its scope is held to that scope alone. */
static void test_total_scope(void **state)
{
	(void)state;
	const char *text =
		"测试局\n2023年度部门预算公开\n2023年预算支出总表\n部门名称：测试局\n单位：万元\n"
		"科目编码\t科目名称\t合计\t基本支出\t项目支出\n合计\t\t100.00\t100.00\t\n"
		"205\t教育支出\t100.00\t100.00\t\n20503\t职业教育\t100.00\t100.00\t\n"
		"2023年一般公共预算支出表\n部门名称：测试局\n单位：万元\n"
		"科目编码\t科目名称\t合计\t基本支出\t项目支出\n合计\t\t80.00\t80.00\t\n"
		"205\t教育支出\t80.00\t80.00\t\n20503\t职业教育\t80.00\t80.00\t\n"
		"第三部分 情况说明\n一、支出预算情况说明\n支出预算80.00万元。\n"
		"支出预算90.00万元。\n一般公共预算支出预算100.00万元。\n";
	yoy_doc *d;
	yoy_error err;
	if (yoy_parse_buffer(&d, "scope.txt", text, strlen(text), &err))
		fail_msg("%s", err.message);
	yoy_check *c = check_of(d, NULL);
	yoy_verdict want[] = { YOY_VERDICT_EXACT, YOY_VERDICT_UNVERIFIABLE, YOY_VERDICT_MISMATCH };
	size_t n = 0;
	for (size_t i = 0; i < c->nfindings; i++) {
		const yoy_finding *f = &c->findings[i];
		if (strcmp(f->rule, "claim.figure") != 0)
			continue;
		assert_true(n < 3);
		assert_int_equal(f->verdict, want[n]);
		n++;
	}
	assert_int_equal(n, 3);
	yoy_check_free(c);
	yoy_doc_free(d);
}

static void test_across_years(void **state)
{
	(void)state;
	yoy_doc *prior = small(2022, "90.00", "50.00", "40.00", "无。");
	/* the base implied (100 - 10) is what 2022 published */
	yoy_doc *d = small(2023, "100.00", "60.00", "40.00",
			   "教育支出100.00万元，比上年增加10.00万元，增长11.11%，主要原因是招生增加。");
	yoy_check *c = check_of(d, prior);
	expect(c, "prior.base", YOY_SEV_OK, YOY_VERDICT_EXACT);
	/* 20503 rose 10 (20%) and is explained by nobody: with the default
	 * 100万元 it is too small to ask about */
	assert_null(find(c, "prior.unexplained"));
	yoy_check_free(c);
	yoy_doc_free(d);
	/* a restated base: unexplained is a warning, 同口径 a note */
	d = small(2023, "100.00", "60.00", "40.00",
		  "教育支出100.00万元，比上年增加8.00万元，增长8.70%，主要原因是招生增加。");
	c = check_of(d, prior);
	expect(c, "prior.base", YOY_SEV_WARNING, YOY_VERDICT_MISMATCH);
	yoy_check_free(c);
	yoy_doc_free(d);
	d = small(2023, "100.00", "60.00", "40.00",
		  "教育支出100.00万元，比上年同口径增加8.00万元，增长8.70%，主要原因是招生增加。");
	c = check_of(d, prior);
	expect(c, "prior.base", YOY_SEV_INFO, YOY_VERDICT_MISMATCH);
	yoy_check_free(c);
	yoy_doc_free(d);
	/* "与上年持平" while the figure moved */
	d = small(2023, "100.00", "60.00", "40.00", "教育支出100.00万元，与上年持平。");
	c = check_of(d, prior);
	expect(c, "prior.direction", YOY_SEV_ERROR, YOY_VERDICT_MISMATCH);
	yoy_check_free(c);
	yoy_doc_free(d);
	/* a large change nobody explains */
	yoy_doc *big = small(2023, "900.00", "860.00", "40.00", "无。");
	yoy_check_options o = { .prior = prior, .min_change_fen = 100 * 1000000LL,
				.min_percent = 1000 };
	yoy_error err;
	assert_int_equal(yoy_check_doc(&c, big, &o, &err), 0);
	const yoy_finding *f = find(c, "prior.unexplained");
	assert_non_null(f);
	assert_int_equal(f->severity, YOY_SEV_WARNING);
	yoy_check_free(c);
	yoy_doc_free(big);
	yoy_doc_free(prior);
}

/* ---- the real documents ------------------------------------------------- */

/* tests/reviewed-findings.tsv holds every error and warning yoy reports on
 * the bundled real documents, alone and against the year before, each read
 * against the source by a person: document, prior ("-"), rule, place,
 * verdict ("genuine"), why.  A finding not in the file fails the test, and
 * so does a line no finding matches any more: a false finding is a bug to
 * fix, never a line to add. */
#define REVIEWED "reviewed-findings.tsv"

typedef struct reviewed {
	char doc[128], prior[128], rule[64], place[32], verdict[32];
	bool seen;
} reviewed;

static size_t load_reviewed(reviewed **out)
{
	FILE *f = fopen(REVIEWED, "r");
	if (!f)
		fail_msg("cannot open %s", REVIEWED);
	reviewed *v = NULL;
	size_t n = 0, cap = 0;
	char line[4096];
	while (fgets(line, sizeof line, f)) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		reviewed r = { 0 };
		if (sscanf(line, "%127[^\t]\t%127[^\t]\t%63[^\t]\t%31[^\t]\t%31[^\t]", r.doc, r.prior,
			   r.rule, r.place, r.verdict) != 5)
			fail_msg("%s: a line of six fields expected: %s", REVIEWED, line);
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			v = realloc(v, cap * sizeof *v);
		}
		v[n++] = r;
	}
	fclose(f);
	*out = v;
	return n;
}

/* Every error and warning of doc (against prior) must be reviewed genuine. */
static size_t review(reviewed *v, size_t n, const char *path, const char *prior_path)
{
	yoy_doc *doc = parse_ok(path), *prior = prior_path ? parse_ok(prior_path) : NULL;
	yoy_check *c = check_of(doc, prior);
	const char *dp = path + strlen("data/");
	const char *pp = prior_path ? prior_path + strlen("data/") : "-";
	size_t unknown = 0;
	for (size_t i = 0; i < c->nfindings; i++) {
		const yoy_finding *f = &c->findings[i];
		if (f->severity < YOY_SEV_WARNING)
			continue;
		char place[32];
		if (f->at.page)
			snprintf(place, sizeof place, "p%d:%d", f->at.page, f->at.line);
		else
			snprintf(place, sizeof place, "%d", f->at.line);
		size_t k = 0;
		while (k < n && !(strcmp(v[k].doc, dp) == 0 && strcmp(v[k].prior, pp) == 0 &&
				  strcmp(v[k].rule, f->rule) == 0 && strcmp(v[k].place, place) == 0))
			k++;
		if (k == n) {
			print_message("not reviewed: %s\t%s\t%s\t%s\t?\t%s %s\n", dp, pp, f->rule, place,
				      yoy_severity_name(f->severity), f->message);
			unknown++;
			continue;
		}
		v[k].seen = true;
		if (strcmp(v[k].verdict, "genuine") != 0) {
			print_message("reviewed as %s, still reported: %s %s %s\n", v[k].verdict, dp,
				      f->rule, place);
			unknown++;
		}
	}
	yoy_check_free(c);
	yoy_doc_free(doc);
	yoy_doc_free(prior);
	return unknown;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void test_reviewed_findings(void **state)
{
	(void)state;
	reviewed *v;
	size_t n = load_reviewed(&v);
	glob_t g;
	assert_int_equal(glob("data/*/*.*", 0, NULL, &g), 0);
	qsort(g.gl_pathv, g.gl_pathc, sizeof *g.gl_pathv, by_name);
	size_t bad = 0, docs = 0, pairs = 0;
	for (size_t i = 0; i < g.gl_pathc; i++) {
		const char *p = g.gl_pathv[i];
		/* not published documents: broken input, and stand-ins built
		 * for tests (data/constructed/README.md) */
		if (strncmp(p, "data/bad/", 9) == 0 || strncmp(p, "data/constructed/", 17) == 0)
			continue;
		bad += review(v, n, p, NULL);
		docs++;
		/* "2019-budget.pdf" against "2018-budget.pdf" beside it */
		const char *base = strrchr(p, '/') + 1;
		int year;
		if (sscanf(base, "%4d-", &year) != 1)
			continue;
		char prior[512];
		snprintf(prior, sizeof prior, "%.*s%d%s", (int)(base - p), p, year - 1, base + 4);
		if (access(prior, R_OK) == 0) {
			bad += review(v, n, p, prior);
			pairs++;
		}
	}
	globfree(&g);
	for (size_t k = 0; k < n; k++)
		if (!v[k].seen) {
			print_message("reviewed but no longer reported (remove it): %s %s %s %s\n",
				      v[k].doc, v[k].prior, v[k].rule, v[k].place);
			bad++;
		}
	free(v);
	print_message("reviewed findings: %zu documents, %zu pairs, %zu lines in %s\n", docs,
		      pairs, n, REVIEWED);
	assert_true(docs >= 16 && pairs >= 6);
	if (bad)
		fail_msg("%zu findings differ from %s", bad, REVIEWED);
}

/* ---- a 决算 ---------------------------------------------------------------- */

#define FINAL_2024 "data/shanghai-putuo-finance-bureau/2024-final.pdf"
/* a stand-in: the 年初预算 the 决算 itself states (data/constructed/) */
#define BUDGET_2024 "data/constructed/finance-bureau-2024-budget.json"

/* Findings of rule with verdict v. */
static size_t verdicts(const yoy_check *c, const char *rule, yoy_verdict v)
{
	size_t n = 0;
	for (size_t i = 0; i < c->nfindings; i++)
		n += strcmp(c->findings[i].rule, rule) == 0 && c->findings[i].verdict == v;
	return n;
}

static size_t mismatches(const yoy_check *c, const char *rule)
{
	return verdicts(c, rule, YOY_VERDICT_MISMATCH);
}

static size_t holding(const yoy_check *c, const char *rule)
{
	return verdicts(c, rule, YOY_VERDICT_EXACT);
}

static yoy_check *check_final(const yoy_doc *d, const yoy_doc *budget)
{
	return check_with(d, NULL, budget);
}

static yoy_row *row_of(yoy_doc *d, yoy_table_kind kind, const char *code, const char *key)
{
	for (size_t i = 0; i < d->ntables; i++)
		for (size_t j = 0; d->tables[i].kind == kind && j < d->tables[i].nrows; j++) {
			yoy_row *r = &d->tables[i].rows[j];
			if ((code && r->code && strcmp(r->code, code) == 0) ||
			    (key && r->key && strcmp(r->key, key) == 0))
				return r;
		}
	fail_msg("no row %s", code ? code : key);
	return NULL;
}

/* The 2024 决算's execution statements hold: each 完成年初预算的P%, each
 * 决算数小于预算数, each 年初预算 against the budget; its summary's
 * carry-over adds up.  Each fails when one figure is changed. */
/* A three-sided 收支总表 whose summary lines a copy set under the uses'
 * names: 当年支出小计 and 支出合计 are the spending, never a use of it. */
static void test_summary_lines_among_uses(void **state)
{
	(void)state;
	const char *text =
		"测试局\n2023年度部门预算公开\n2023年收支预算总表\n单位：万元\n"
		"收入\t\t支出\n\t\t功能分类\t\t支出用途\n"
		"项目名称\t金额\t功能科目名称\t金额\t项目名称\t金额\n"
		"一、财政拨款\t300.00\t一、一般公共服务支出\t300.00\t一、基本支出\t200.00\n"
		"\t\t\t\t二、项目支出\t100.00\n"
		"当年收入小计\t300.00\t\t\t当年支出小计\t300.00\n"
		"上年结转资金\t\t\t\t结转下年资金\t\n"
		"收入合计\t300.00\t\t\t支出合计\t300.00\n";
	yoy_doc *d;
	yoy_error err;
	if (yoy_parse_buffer(&d, "uses.txt", text, strlen(text), &err))
		fail_msg("%s", err.message);
	const yoy_table *t = yoy_doc_table(d, YOY_TABLE_SUMMARY);
	assert_non_null(t);
	assert_non_null(yoy_table_row_by_key(t, "current_total", "expenditure_use"));
	yoy_check *c = check_of(d, NULL);
	assert_int_equal(mismatches(c, "summary.use-sum"), 0);
	yoy_check_free(c);
	yoy_doc_free(d);
	/* and the uses are still checked: 基本支出 off by 10 */
	char *off = strdup(text);
	memcpy(strstr(off, "200.00"), "190.00", 6);
	if (yoy_parse_buffer(&d, "uses.txt", off, strlen(off), &err))
		fail_msg("%s", err.message);
	c = check_of(d, NULL);
	assert_int_equal(mismatches(c, "summary.use-sum"), 1);
	yoy_check_free(c);
	yoy_doc_free(d);
	free(off);
}

/* A class stated above its 一般公共预算 figure may be the figure of all
 * funds: with the 支出预算表 not in the document (a part of it), a
 * warning that says so; with it printed and disagreeing, an error. */
static void test_broader_table_missing(void **state)
{
	(void)state;
	const char *general =
		"测试局\n2023年度部门预算公开\n2023年一般公共预算支出表\n单位：万元\n"
		"科目编码\t科目名称\t合计\t基本支出\t项目支出\n合计\t\t100.00\t100.00\t\n"
		"204\t公共安全支出\t100.00\t100.00\t\n20404\t检察\t100.00\t100.00\t\n"
		"第三部分 情况说明\n一、一般公共预算支出预算情况说明\n"
		"1.公共安全（类）支出110.00万元，主要用于检察院行政支出。\n";
	const char *all =
		"2023年支出预算表\n单位：万元\n"
		"科目编码\t科目名称\t合计\t基本支出\t项目支出\n合计\t\t105.00\t105.00\t\n"
		"204\t公共安全支出\t105.00\t105.00\t\n20404\t检察\t105.00\t105.00\t\n";
	for (int printed = 0; printed < 2; printed++) {
		char text[2048];
		const char *cut = strstr(general, "第三部分");
		snprintf(text, sizeof text, "%.*s%s%s", (int)(cut - general), general,
			 printed ? all : "", cut);
		yoy_doc *d;
		yoy_error err;
		if (yoy_parse_buffer(&d, "part.txt", text, strlen(text), &err))
			fail_msg("%s", err.message);
		yoy_check *c = check_of(d, NULL);
		const yoy_finding *f = find(c, "claim.figure");
		assert_non_null(f);
		if (printed) {
			assert_int_equal(f->verdict, YOY_VERDICT_MISMATCH);
			assert_int_equal(f->severity, YOY_SEV_ERROR);
		} else {
			assert_int_equal(f->verdict, YOY_VERDICT_UNVERIFIABLE);
			assert_int_equal(f->severity, YOY_SEV_WARNING);
			assert_non_null(strstr(f->message, "支出预算表"));
		}
		yoy_check_free(c);
		yoy_doc_free(d);
	}
}

/* The table part of a metric ("summary" of "summary/income.total/total"),
 * in a static buffer. */
static const char *metric_table_name(const char *metric)
{
	static char buf[64];
	snprintf(buf, sizeof buf, "%.*s", (int)strcspn(metric, "/"), metric);
	return buf;
}

/* A table read by the order of its cells (by_order, a copy's): an error
 * resting on it -- a claim whose metric names it -- is a warning that
 * says so; the same claim against the table read by position is an
 * error. */
static void test_claim_on_table_by_order(void **state)
{
	(void)state;
	yoy_doc *doc = parse_ok("data/shanghai-putuo-wanli/2024-budget.pdf");
	yoy_check *c = check_of(doc, NULL);
	const yoy_finding *f = NULL;
	for (size_t i = 0; i < c->nfindings && !f; i++)
		if (strcmp(c->findings[i].rule, "claim.figure") == 0 &&
		    c->findings[i].severity == YOY_SEV_ERROR)
			f = &c->findings[i];
	assert_non_null(f);
	assert_non_null(f->metric);
	yoy_table_kind kind = yoy_table_kind_parse(metric_table_name(f->metric));
	yoy_loc at = f->at;
	yoy_check_free(c);
	yoy_table *t = (yoy_table *)yoy_doc_table(doc, kind);
	assert_non_null(t);
	t->by_order = 1;
	c = check_of(doc, NULL);
	f = NULL;
	for (size_t i = 0; i < c->nfindings && !f; i++)
		if (strcmp(c->findings[i].rule, "claim.figure") == 0 &&
		    c->findings[i].at.page == at.page && c->findings[i].at.line == at.line)
			f = &c->findings[i];
	assert_non_null(f);
	assert_int_equal(f->severity, YOY_SEV_WARNING);
	assert_non_null(strstr(f->message, "joined by order"));
	assert_int_equal(c->count[YOY_SEV_ERROR], 0); /* wanli 2024 has that one error */
	yoy_check_free(c);
	yoy_doc_free(doc);
}

/* A part of a disclosure cut where a table goes on: lines short of their
 * total in the table the file ends in are a warning that says so; the
 * same table with the narrative after it, an error. */
static void test_table_cut_at_end(void **state)
{
	(void)state;
	const char *table =
		"测试局\n2023年度部门预算公开\n2023年支出预算表\n单位：万元\n"
		"科目编码\t科目名称\t合计\t基本支出\t项目支出\n合计\t\t100.00\t100.00\t\n"
		"204\t公共安全支出\t100.00\t100.00\t\n20404\t检察\t100.00\t100.00\t\n"
		"2040401\t行政运行\t60.00\t60.00\t\n";
	for (int more = 0; more < 2; more++) {
		char text[1024];
		snprintf(text, sizeof text, "%s%s", table,
			 more ? "第三部分 情况说明\n一、支出预算情况说明\n支出预算100.00万元。\n" : "");
		yoy_doc *d;
		yoy_error err;
		if (yoy_parse_buffer(&d, "cut.txt", text, strlen(text), &err))
			fail_msg("%s", err.message);
		yoy_check *c = check_of(d, NULL);
		const yoy_finding *f = find(c, "table.parent-sum");
		assert_non_null(f);
		assert_int_equal(f->verdict, YOY_VERDICT_MISMATCH);
		assert_int_equal(f->severity, more ? YOY_SEV_ERROR : YOY_SEV_WARNING);
		assert_true((strstr(f->message, "the file ends in this table") != NULL) == !more);
		yoy_check_free(c);
		yoy_doc_free(d);
	}
}

static void test_final_accounts(void **state)
{
	(void)state;
	yoy_doc *d = parse_ok(FINAL_2024), *budget = parse_ok(BUDGET_2024);
	yoy_check *c = check_final(d, budget);
	assert_int_equal(mismatches(c, "claim.execution-rate"), 0);
	assert_int_equal(mismatches(c, "claim.execution-direction"), 0);
	assert_int_equal(mismatches(c, "final.budget"), 0);
	assert_int_equal(mismatches(c, "final.carryover"), 0);
	assert_true(holding(c, "claim.execution-rate") >= 1);
	assert_true(holding(c, "claim.execution-direction") >= 8);
	assert_true(holding(c, "final.budget") >= 11);
	yoy_check_free(c);

	/* the budget published 10万元 more for 行政运行 than the 决算 says */
	row_of(budget, YOY_TABLE_GENERAL_EXPENDITURE, "2010601", NULL)->values[0].fen += 10000000;
	c = check_final(d, budget);
	assert_int_equal(mismatches(c, "final.budget"), 1);
	yoy_check_free(c);

	/* 完成年初预算的98.20% printed 98.30% */
	size_t rate = 0, dir = 0;
	for (size_t i = 0; i < d->nclaims; i++) {
		yoy_claim *cl = &d->claims[i];
		if (cl->kind != YOY_CLAIM_EXECUTION)
			continue;
		if (cl->percent.present && cl->percent.scaled == 9820) {
			cl->percent.scaled = 9830;
			rate++;
		} else if (!dir && cl->direction == YOY_DIR_DECREASE) {
			cl->direction = YOY_DIR_INCREASE; /* 决算数大于预算数 */
			dir++;
		}
	}
	assert_int_equal(rate, 1);
	assert_int_equal(dir, 1);
	/* 年末结转和结余 55.34 printed 56.34 */
	row_of(d, YOY_TABLE_SUMMARY, NULL, "carryover_out")->values[0].fen += 1000000;
	c = check_final(d, NULL);
	assert_int_equal(mismatches(c, "claim.execution-rate"), 1);
	assert_int_equal(mismatches(c, "claim.execution-direction"), 1);
	assert_int_equal(mismatches(c, "final.carryover"), 1);
	yoy_check_free(c);
	yoy_doc_free(d);
	yoy_doc_free(budget);
}

/* 吕梁's parents a cent off their rounded children are rounding, noted. */
static void test_lvliang_rounding_is_not_an_error(void **state)
{
	(void)state;
	yoy_doc *d = parse_ok(LVLIANG);
	yoy_check *c = check_of(d, NULL);
	size_t sums = 0;
	for (size_t i = 0; i < c->nfindings; i++) {
		const yoy_finding *f = &c->findings[i];
		if (strncmp(f->rule, "table.", 6) != 0)
			continue;
		sums++;
		assert_int_equal(f->verdict, YOY_VERDICT_ROUNDING);
		assert_int_equal(f->severity, YOY_SEV_INFO);
		assert_non_null(f->envelope);
	}
	assert_true(sums >= 10); /* 20805 行政事业单位养老支出 682.91 vs 682.90, … */
	yoy_check_free(c);
	yoy_doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_equal_and_sums),
		cmocka_unit_test(test_percent),
		cmocka_unit_test(test_table_arithmetic),
		cmocka_unit_test(test_subtotal_groups),
		cmocka_unit_test(test_stated_changes),
		cmocka_unit_test(test_total_scope),
		cmocka_unit_test(test_summary_lines_among_uses),
		cmocka_unit_test(test_broader_table_missing),
		cmocka_unit_test(test_table_cut_at_end),
		cmocka_unit_test(test_claim_on_table_by_order),
		cmocka_unit_test(test_across_years),
		cmocka_unit_test(test_reviewed_findings),
		cmocka_unit_test(test_final_accounts),
		cmocka_unit_test(test_lvliang_rounding_is_not_an_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
