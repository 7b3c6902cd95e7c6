/* store.c and history.c on scratch repositories: import, re-import,
 * revisions, log, show at a revision, reparse, failures that write
 * nothing, two importers at once, importers killed at any moment; plain
 * git (fsck --strict, log, show, clone) checks every result. */
#include "testutil.h"

#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/util.h"
#include "yoy/history.h"
#include "yoy/json.h"
#include "yoy/store.h"

static char scratch[64];

static const char *yoy_bin(void)
{
	const char *y = getenv("YOY");
	return y ? y : "../yoy";
}

/* A small disclosure of department dept for year. */
static char *small_doc(const char *dept, int year, int amount)
{
	char *buf = malloc(1024);
	snprintf(buf, 1024,
		 "%s\n%d年度部门预算公开\n%d年预算支出总表\n部门名称：%s\n单位：万元\n"
		 "科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
		 "合计\t\t%d.00\t60.00\t%d.00\n205\t教育支出\t%d.00\t60.00\t%d.00\n"
		 "第三部分 情况说明\n一、说明\n支出预算%d.00万元，比上年增加5.00万元。\n",
		 dept, year, year, dept, amount, amount - 60, amount, amount - 60, amount);
	return buf;
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static yoy_store *open_store(const char *dir)
{
	yoy_store *st;
	yoy_error err;
	if (yoy_store_open(&st, dir, 1, &err))
		fail_msg("%s", err.message);
	return st;
}

static void import_files(yoy_store *st, const char *const *paths, size_t n,
			 yoy_import_status *statuses, int *committed)
{
	yoy_batch *b;
	yoy_error err;
	assert_int_equal(yoy_batch_new(&b, st, &err), 0);
	for (size_t i = 0; i < n; i++) {
		yoy_buffer buf;
		yoy_doc *doc;
		if (yoy_buffer_read(&buf, paths[i], &err) ||
		    yoy_parse_buffers(&doc, &buf, 1, &err))
			fail_msg("%s", err.message);
		const char *path;
		if (yoy_batch_add(b, doc, &buf, 1, NULL, &statuses[i], &path, &err))
			fail_msg("%s", err.message);
		yoy_doc_free(doc);
		yoy_buffer_free(&buf);
	}
	char id[41];
	if (yoy_batch_commit(b, id, committed, &err))
		fail_msg("%s", err.message);
	yoy_batch_free(b);
}

static void test_import_reimport_revision_show(void **state)
{
	(void)state;
	char repo[128];
	snprintf(repo, sizeof repo, "%s/h1", scratch);
	yoy_store *st = open_store(repo);
	const char *files[] = { LVLIANG, "data/shanghai-putuo-wanli/2024-budget.pdf" };
	yoy_import_status s[2];
	int committed;
	import_files(st, files, 2, s, &committed);
	assert_int_equal(committed, 1);
	assert_int_equal(s[0], YOY_IMPORT_NEW);
	assert_int_equal(s[1], YOY_IMPORT_NEW);

	/* identical content again: no commit */
	import_files(st, files, 2, s, &committed);
	assert_int_equal(committed, 0);
	assert_int_equal(s[0], YOY_IMPORT_UNCHANGED);

	/* a corrected re-publication is a revision */
	char fixed[128];
	snprintf(fixed, sizeof fixed, "%s/2023-budget.txt", scratch);
	char *text = slurp(LVLIANG, NULL);
	char *p = strstr(text, "1619.83");
	assert_non_null(p);
	memcpy(p, "1620.83", 7);
	write_text(fixed, text);
	free(text);
	const char *one[] = { fixed };
	import_files(st, one, 1, s, &committed);
	assert_int_equal(committed, 1);
	assert_int_equal(s[0], YOY_IMPORT_UPDATED);

	yoy_entry *v;
	size_t n;
	yoy_error err;
	assert_int_equal(yoy_history_catalog(st, NULL, NULL, YOY_CATALOG_REVISIONS, &v, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[1].department, "吕梁市人力资源和社会保障局");
	assert_int_equal(v[1].year, 2023);
	assert_string_equal(v[1].kind, "department_budget");
	assert_int_equal(v[1].revisions, 2);
	assert_int_equal(v[0].revisions, 1);
	yoy_entries_free(v, n);

	/* show at a revision: the first publication is still there */
	char *now, *then;
	size_t ln, lt;
	const char *path = "吕梁市人力资源和社会保障局/2023/department_budget.json";
	assert_int_equal(yoy_store_read(st, NULL, path, &now, &ln, &err), 0);
	assert_int_equal(yoy_store_read(st, "HEAD~1", path, &then, &lt, &err), 0);
	assert_non_null(strstr(now, "\"delta\":\"1620.83万元\""));
	assert_non_null(strstr(then, "\"delta\":\"1619.83万元\""));
	free(now);
	free(then);
	/* the source is stored byte for byte beside it */
	char *src;
	size_t ls;
	size_t orig_len;
	char *orig = slurp("data/shanghai-putuo-wanli/2024-budget.pdf", &orig_len);
	assert_int_equal(yoy_store_read(st, NULL,
		"上海市普陀区人民政府万里街道办事处/2024/department_budget.sources/2024-budget.pdf",
		&src, &ls, &err), 0);
	assert_int_equal(ls, orig_len);
	assert_memory_equal(src, orig, ls);
	free(src);
	free(orig);
	/* department lookup: exact, part, none */
	char *key;
	assert_int_equal(yoy_history_department(st, NULL, "万里街道", &key, &err), 0);
	assert_string_equal(key, "上海市普陀区人民政府万里街道办事处");
	free(key);
	assert_int_equal(yoy_history_department(st, NULL, "江苏", &key, &err), YOY_ESTORE);
	assert_non_null(strstr(err.message, "no department"));
	yoy_store_free(st);

	/* plain git reads it */
	assert_int_equal(sh("git -C '%s' fsck --strict --no-progress >/dev/null 2>&1", repo), 0);
	assert_int_equal(sh("test \"$(git -C '%s' log --oneline | wc -l)\" = 2", repo), 0);
	assert_int_equal(sh("git -C '%s' show 'HEAD:%s' | grep -q '1620.83万元'", repo, path), 0);
	assert_int_equal(sh("git clone -q '%s' '%s/clone' && test -f '%s/clone/%s'", repo,
			    scratch, scratch, path), 0);
}

/* yoy diff from the history says what it says from the files; --rev sees
 * an older revision; the department's aliases.json pairs projects. */
static void test_diff_from_history(void **state)
{
	(void)state;
	const char *hc = "data/jiangsu-high-court";
	assert_int_equal(sh("%s import -q --repo '%s/hd' %s/2017-budget.pdf %s/2018-budget.pdf "
			    ">/dev/null", yoy_bin(), scratch, hc, hc), 0);
	assert_int_equal(sh("%s diff --repo '%s/hd' 高级人民法院 2017 2018 | "
			    "diff - cases/diff-jiangsu-high-court-2017-2018/stdout",
			    yoy_bin(), scratch), 0);
	/* a revised 2018: the tip shows it, the revision before does not */
	assert_int_equal(sh("%s parse %s/2018-budget.pdf | sed 's/\"14857.61\"/\"14857.62\"/' "
			    "> '%s/hc2018.json' && %s import -q --repo '%s/hd' '%s/hc2018.json' "
			    ">/dev/null", yoy_bin(), hc, scratch, yoy_bin(), scratch, scratch), 0);
	assert_int_equal(sh("%s diff --repo '%s/hd' 高级人民法院 2017 2018 | grep -q '14857.62'",
			    yoy_bin(), scratch), 0);
	assert_int_equal(sh("%s diff --repo '%s/hd' --rev HEAD~1 高级人民法院 2017 2018 | "
			    "diff - cases/diff-jiangsu-high-court-2017-2018/stdout",
			    yoy_bin(), scratch), 0);
	/* a year that is not there: exit 4 */
	assert_int_equal(sh("%s diff --repo '%s/hd' 高级人民法院 2016 2018 2>/dev/null",
			    yoy_bin(), scratch), 4);

	/* projects: 甲 renamed to 乙 is only known from the aliases file */
	char dir[160];
	snprintf(dir, sizeof dir, "%s/pj", scratch);
	assert_int_equal(sh("mkdir -p '%s'", dir), 0);
	for (int y = 2023; y <= 2024; y++) {
		char path[200], body[1024];
		snprintf(path, sizeof path, "%s/%d.json", dir, y);
		snprintf(body, sizeof body,
			 "{\"schema\":\"yoy-disclosure/1\",\"department\":\"项目局\",\"year\":%d,"
			 "\"kind\":\"department_budget\",\"sources\":[],\"tables\":[{\"kind\":"
			 "\"projects\",\"title\":\"项目支出表\",\"unit\":\"万元\",\"decimals\":2,"
			 "\"at\":{\"line\":1},\"empty\":false,\"columns\":[{\"key\":\"total\","
			 "\"label\":\"合计\"}],\"rows\":[{\"name\":\"%s\",\"level\":1,\"values\":"
			 "{\"total\":\"%s\"},\"at\":{\"line\":2}}]}],\"sections\":[],\"claims\":[],"
			 "\"forms\":[],\"warnings\":[]}\n",
			 y, y == 2023 ? "甲项目经费" : "乙类专项资金", y == 2023 ? "10.00" : "12.00");
		write_text(path, body);
	}
	assert_int_equal(sh("%s import -q --repo '%s/hp' '%s/2023.json' '%s/2024.json' >/dev/null",
			    yoy_bin(), scratch, dir, dir), 0);
	assert_int_equal(sh("%s diff --by project --repo '%s/hp' 项目局 2023 2024 | "
			    "grep -q '^  + .*乙类专项资金'", yoy_bin(), scratch), 0);
	yoy_store *st;
	yoy_error err;
	char repo[200];
	snprintf(repo, sizeof repo, "%s/hp", scratch);
	assert_int_equal(yoy_store_open(&st, repo, 0, &err), 0);
	const char *aliases = "{\"schema\":\"yoy-project-aliases/1\",\"projects\":"
			      "{\"甲项目经费\":\"乙类专项资金\"}}\n";
	yoy_store_change ch = { "项目局/aliases.json", aliases, strlen(aliases), NULL };
	char id[41];
	int committed;
	assert_int_equal(yoy_store_commit(st, &ch, 1, "aliases: 甲 became 乙", id, &committed,
					  &err), 0);
	yoy_store_free(st);
	assert_int_equal(sh("%s diff --by project --repo '%s/hp' 项目局 2023 2024 | "
			    "grep -q '^  ~ .*乙类专项资金.*aliased: 甲项目经费'", yoy_bin(), scratch), 0);
	/* and yoy log is not confused by the file */
	assert_int_equal(sh("%s log --repo '%s/hp' | grep -c department_budget | grep -qx 2",
			    yoy_bin(), scratch), 0);
}

/* yoy check from the history takes the year before from it, says the same
 * as from the files, and checks everything with --all. */
static void test_check_from_history(void **state)
{
	(void)state;
	const char *hc = "data/jiangsu-high-court";
	assert_int_equal(sh("%s import -q --repo '%s/hk' %s/2017-budget.pdf %s/2018-budget.pdf "
			    "%s/2019-budget.pdf >/dev/null", yoy_bin(), scratch, hc, hc, hc), 0);
	assert_int_equal(sh("%s check --show info --repo '%s/hk' 高级人民法院 2018 | "
			    "diff - cases/check-jiangsu-high-court-2017-2018/stdout",
			    yoy_bin(), scratch), 0);
	/* 2018 holds an error of its own (392.92): exit 1 */
	assert_int_equal(sh("%s check --repo '%s/hk' 高级人民法院 2018 >/dev/null", yoy_bin(),
			    scratch), 1);
	/* against a chosen year, and one that is not there */
	assert_int_equal(sh("%s check --repo '%s/hk' --against 2017 高级人民法院 2019 | "
			    "grep -q '^  against: 2017 '", yoy_bin(), scratch), 0);
	assert_int_equal(sh("%s check --repo '%s/hk' --against 2015 高级人民法院 2019 2>/dev/null",
			    yoy_bin(), scratch), 4);
	/* --all: three disclosures, the later two against their year before */
	assert_int_equal(sh("test \"$(%s check --repo '%s/hk' --all | grep -c '^  against: 201')\" = 2",
			    yoy_bin(), scratch), 0);
	assert_int_equal(sh("%s check --repo '%s/hk' --all --format json | "
			    "grep -c '\"schema\": \"yoy-check/1\"' | grep -qx 3", yoy_bin(), scratch), 0);
}

static void test_series(void **state)
{
	(void)state;
	char dir[128], paths[3][160];
	snprintf(dir, sizeof dir, "%s/series", scratch);
	yoy_store *st = open_store(dir);
	/* stored out of order: 2022, 2020, 2021 */
	const int years[] = { 2022, 2020, 2021 };
	const char *pp[3];
	for (int i = 0; i < 3; i++) {
		char *text = small_doc("年份局", years[i], 100 + i);
		snprintf(paths[i], sizeof paths[i], "%s/series-%d.txt", scratch, years[i]);
		write_text(paths[i], text);
		free(text);
		pp[i] = paths[i];
	}
	yoy_import_status statuses[3];
	int committed;
	import_files(st, pp, 3, statuses, &committed);
	yoy_doc **docs;
	size_t n;
	yoy_error err;
	assert_int_equal(yoy_history_series(&docs, &n, st, NULL, "年份局", 0, NULL, &err), 0);
	assert_int_equal(n, 3);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(docs[i]->year, 2020 + (int)i);
	yoy_docs_free(docs, n);
	/* up to a year */
	assert_int_equal(yoy_history_series(&docs, &n, st, NULL, "年份局", 2021, NULL, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(docs[1]->year, 2021);
	yoy_docs_free(docs, n);
	/* a year or a department that is not there */
	assert_int_equal(yoy_history_series(&docs, &n, st, NULL, "年份局", 2019, NULL, &err),
			 YOY_ESTORE);
	assert_null(docs);
	assert_int_equal(yoy_history_series(&docs, &n, st, NULL, "无此局", 0, NULL, &err),
			 YOY_ESTORE);
	assert_int_equal(yoy_history_series(&docs, &n, st, NULL, "年份局", 0, "final_accounts",
					    &err), YOY_ESTORE);
	yoy_store_free(st);
}

static void test_reparse(void **state)
{
	(void)state;
	char repo[128];
	snprintf(repo, sizeof repo, "%s/h2", scratch);
	yoy_store *st = open_store(repo);
	const char *files[] = { LVLIANG };
	yoy_import_status s;
	int committed;
	import_files(st, files, 1, &s, &committed);
	/* as if an older parser had stored a worse document */
	const char *path = "吕梁市人力资源和社会保障局/2023/department_budget.json";
	char *json;
	size_t len;
	yoy_error err;
	assert_int_equal(yoy_store_read(st, NULL, path, &json, &len, &err), 0);
	char *p = strstr(json, "\"percent\":\"12.42\"");
	assert_non_null(p);
	memcpy(p, "\"percent\":\"12.43\"", 17);
	yoy_store_change ch = { path, json, len, NULL };
	char id[41];
	assert_int_equal(yoy_store_commit(st, &ch, 1, "older parser\n", id, &committed, &err), 0);
	assert_int_equal(committed, 1);
	free(json);

	size_t changed, total;
	assert_int_equal(yoy_history_reparse(st, &changed, &total, id, &committed, &err), 0);
	assert_int_equal(committed, 1);
	assert_int_equal(changed, 1);
	assert_int_equal(total, 1);
	/* one reviewable commit that puts the parser's reading back */
	assert_int_equal(sh("git -C '%s' show HEAD | grep -q '^-.*12.43' && "
			    "git -C '%s' show HEAD | grep -q '^+.*12.42' && "
			    "git -C '%s' log -1 --format=%%s | grep -q '^reparse: 1 of 1 '",
			    repo, repo, repo), 0);
	assert_int_equal(yoy_history_reparse(st, &changed, &total, id, &committed, &err), 0);
	assert_int_equal(committed, 0);
	assert_int_equal(changed, 0);
	yoy_store_free(st);
}

static void test_failures_write_nothing(void **state)
{
	(void)state;
	/* a file that does not parse: no repository is even created */
	assert_int_equal(sh("%s import --repo '%s/h3' data/bad/poem.txt 2>/dev/null",
			    yoy_bin(), scratch), 3);
	assert_int_equal(sh("test ! -e '%s/h3'", scratch), 0);
	/* with a good one: the good one lands, the bad one is reported */
	assert_int_equal(sh("%s import -q --repo '%s/h3' data/bad/poem.txt %s >/dev/null 2>&1",
			    yoy_bin(), scratch, LVLIANG), 3);
	assert_int_equal(sh("test \"$(git -C '%s/h3' ls-tree -r --name-only HEAD | wc -l)\" = 2",
			    scratch), 0);
	/* a directory that is not a repository is not taken over */
	assert_int_equal(sh("mkdir -p '%s/notrepo' && touch '%s/notrepo/mine.txt' && "
			    "%s import --repo '%s/notrepo' %s 2>/dev/null",
			    scratch, scratch, yoy_bin(), scratch, LVLIANG), 4);
	assert_int_equal(sh("test ! -e '%s/notrepo/HEAD'", scratch), 0);
	/* show of what is not there: exit 4 */
	assert_int_equal(sh("%s show --repo '%s/h3' 吕梁 1999 2>/dev/null", yoy_bin(), scratch), 4);
}

/* n small documents of department dept in dir; returns the arguments. */
static void make_docs(const char *dir, const char *dept, int n, char *args, size_t size)
{
	args[0] = '\0';
	for (int i = 0; i < n; i++) {
		char name[64], path[256], d[64];
		snprintf(d, sizeof d, "%s%d", dept, i);
		snprintf(name, sizeof name, "%s-%d.txt", dept, i);
		snprintf(path, sizeof path, "%s/%s", dir, name);
		char *t = small_doc(d, 2024, 100 + i);
		write_text(path, t);
		free(t);
		strncat(args, " ", size - strlen(args) - 1);
		strncat(args, path, size - strlen(args) - 1);
	}
}

/* Parsing on several threads changes nothing: output, tree and message
 * are those of a sequential run, a bad file among them included. */
static void test_jobs_do_not_change_the_result(void **state)
{
	(void)state;
	char dir[128], args[16384];
	snprintf(dir, sizeof dir, "%s/jobs", scratch);
	assert_int_equal(sh("mkdir -p '%s'", dir), 0);
	make_docs(dir, "丙", 12, args, sizeof args);
	for (int jobs = 1; jobs <= 4; jobs += 3)
		assert_int_equal(sh("%s import -j %d --repo '%s/r%d' %s data/bad/poem.txt %s "
				    "> '%s/out%d' 2> '%s/err%d'; test $? = 3",
				    yoy_bin(), jobs, dir, jobs, args, LVLIANG, dir, jobs, dir, jobs), 0);
	/* the same but for the commit ids, which hold the time */
	assert_int_equal(sh("cd '%s' && grep -v '^committed' out1 > c1 && "
			    "grep -v '^committed' out4 > c4 && diff c1 c4 && diff err1 err4 && "
			    "test \"$(git -C r1 rev-parse 'HEAD^{tree}')\" = "
			    "\"$(git -C r4 rev-parse 'HEAD^{tree}')\" && "
			    "test \"$(git -C r1 log -1 --format=%%B)\" = "
			    "\"$(git -C r4 log -1 --format=%%B)\"", dir), 0);
	assert_int_equal(sh("grep -c '^new ' '%s/out4' | grep -qx 13", dir), 0);
}

/* A commit of many objects is one packfile; of a few, loose objects (as
 * git unpacks fewer than 100); either way plain git reads it all. */
static void test_packed_or_loose(void **state)
{
	(void)state;
	char dir[128], repo[128], args[16384];
	snprintf(dir, sizeof dir, "%s/packdocs", scratch);
	snprintf(repo, sizeof repo, "%s/packed", scratch);
	assert_int_equal(sh("mkdir -p '%s'", dir), 0);
	make_docs(dir, "丁", 60, args, sizeof args);
	/* 60 documents: 240 objects and more */
	assert_int_equal(sh("%s import -q --repo '%s' %s >/dev/null", yoy_bin(), repo, args), 0);
	assert_int_equal(sh("cd '%s/objects' && test \"$(ls pack | grep -c 'pack$')\" = 1 && "
			    "test -z \"$(find . -type f ! -path './pack/?*')\"", repo), 0);
	assert_int_equal(sh("git verify-pack \"$(ls '%s'/objects/pack/pack-?*.idx)\"", repo), 0);
	assert_int_equal(sh("git -C '%s' fsck --strict --no-progress >/dev/null 2>&1", repo), 0);
	assert_int_equal(sh("test \"$(git -C '%s' ls-tree -r --name-only HEAD | wc -l)\" = 120",
			    repo), 0);
	assert_int_equal(sh("%s show --repo '%s' 丁7 2024 | grep -q '\"丁7\"'", yoy_bin(), repo), 0);
	assert_int_equal(sh("rm -rf '%s/pclone' && git clone -q '%s' '%s/pclone' && "
			    "test \"$(ls '%s/pclone' | wc -l)\" = 60", scratch, repo, scratch, scratch),
			 0);
	/* the same again: no commit, no pack, nothing left behind */
	assert_int_equal(sh("%s import -q --repo '%s' %s | grep -q '^unchanged'", yoy_bin(), repo,
			    args), 0);
	assert_int_equal(sh("cd '%s/objects' && test \"$(ls pack | grep -c 'pack$')\" = 1 && "
			    "test -z \"$(find . -type f ! -path './pack/?*')\"", repo), 0);
	/* one more document: loose objects beside the pack */
	char one[16384];
	make_docs(dir, "戊", 1, one, sizeof one);
	assert_int_equal(sh("%s import -q --repo '%s' %s >/dev/null", yoy_bin(), repo, one), 0);
	assert_int_equal(sh("cd '%s/objects' && test \"$(ls pack | grep -c 'pack$')\" = 1 && "
			    "test \"$(find . -type f -path './[0-9a-f][0-9a-f]/?*' | wc -l)\" -ge 5", repo), 0);
	assert_int_equal(sh("git -C '%s' fsck --strict --no-progress >/dev/null 2>&1", repo), 0);
	assert_int_equal(sh("test \"$(git -C '%s' ls-tree -r --name-only HEAD | wc -l)\" = 122",
			    repo), 0);
}

static void test_concurrent_importers(void **state)
{
	(void)state;
	char dir[128], a[16384], b[16384];
	snprintf(dir, sizeof dir, "%s/docs", scratch);
	assert_int_equal(sh("mkdir -p '%s'", dir), 0);
	for (int round = 0; round < 3; round++) {
		char da[16], db[16];
		snprintf(da, sizeof da, "甲%d-", round);
		snprintf(db, sizeof db, "乙%d-", round);
		/* 20 documents a side commit loose objects, 40 a pack */
		make_docs(dir, da, round ? 40 : 20, a, sizeof a);
		make_docs(dir, db, round ? 40 : 20, b, sizeof b);
		/* both at once, on one repository; each must succeed (a bare
		 * `wait` would hide a failure) and say why if it does not */
		if (sh("( %s import -q --repo '%s/h4' %s >'%s/oa' 2>&1 & pa=$!; "
		       "%s import -q --repo '%s/h4' %s >'%s/ob' 2>&1 & pb=$!; "
		       "wait $pa; ra=$?; wait $pb; rb=$?; test $ra = 0 && test $rb = 0 )",
		       yoy_bin(), scratch, a, scratch, yoy_bin(), scratch, b, scratch) != 0) {
			sh("cat '%s/oa' '%s/ob' >&2", scratch, scratch);
			fail_msg("round %d: an importer failed", round);
		}
	}
	/* every commit landed: 6 imports, 200 documents */
	if (sh("test \"$(git -C '%s/h4' log --oneline | wc -l)\" = 6", scratch) != 0) {
		sh("git -C '%s/h4' log --oneline >&2", scratch);
		fail_msg("not every import landed");
	}
	assert_int_equal(sh("test \"$(git -c core.quotepath=off -C '%s/h4' ls-tree -r --name-only HEAD | grep -c 'json$')\" = 200",
			    scratch), 0);
	assert_int_equal(sh("git -C '%s/h4' fsck --strict --no-progress >/dev/null 2>&1", scratch), 0);
}

/* The tip is a whole import: the count its subject states equals the
 * documents it changed, and each of them loads. */
static void assert_tip_complete(const char *repo)
{
	yoy_store *st;
	yoy_error err;
	assert_int_equal(yoy_store_open(&st, repo, 0, &err), 0);
	yoy_commit_info *log;
	size_t n;
	assert_int_equal(yoy_store_log(st, NULL, &log, &n, &err), 0);
	assert_true(n > 0);
	size_t stated = 1, docs = 0;
	sscanf(log[0].message, "import: %zu disclosures", &stated);
	for (size_t i = 0; i < log[0].nchanged; i++) {
		const char *p = log[0].changed[i];
		if (!str_ends(p, ".json") || !strchr(p, '/') || strstr(p, ".sources/"))
			continue; /* aliases.json, sources */
		docs++;
		char *data;
		size_t len;
		yoy_doc *doc;
		assert_int_equal(yoy_store_read(st, NULL, p, &data, &len, &err), 0);
		if (yoy_json_read(&doc, data, len, p, &err))
			fail_msg("tip holds %s, which does not load: %s", p, err.message);
		yoy_doc_free(doc);
		free(data);
	}
	if (docs != stated)
		fail_msg("tip says %zu disclosures but changed %zu", stated, docs);
	yoy_commit_infos_free(log, n);
	yoy_store_free(st);
}

static void test_killed_importers(void **state)
{
	(void)state;
	char dir[128], args[65536], repo[128];
	snprintf(dir, sizeof dir, "%s/killdocs", scratch);
	snprintf(repo, sizeof repo, "%s/h5", scratch);
	assert_int_equal(sh("mkdir -p '%s'", dir), 0);
	srand(42);
	int killed = 0;
	for (int round = 0; round < 12; round++) {
		/* new documents each round, so every round writes a pack */
		char dept[16];
		snprintf(dept, sizeof dept, "丙%d-", round);
		make_docs(dir, dept, 200, args, sizeof args);
		char *argv[260];
		int argc = 0;
		argv[argc++] = (char *)yoy_bin();
		argv[argc++] = "import";
		argv[argc++] = "-q";
		argv[argc++] = "--repo";
		argv[argc++] = repo;
		for (char *t = strtok(args, " "); t && argc < 258; t = strtok(NULL, " "))
			argv[argc++] = t;
		argv[argc] = NULL;
		pid_t pid = fork();
		if (pid == 0) {
			if (!freopen("/dev/null", "w", stdout))
				_exit(127);
			execv(argv[0], argv);
			_exit(127);
		}
		/* kill at a different moment each round */
		struct timespec ts = { 0, (long)(rand() % 60) * 1000000L };
		nanosleep(&ts, NULL);
		kill(pid, SIGKILL);
		int status;
		waitpid(pid, &status, 0);
		if (WIFSIGNALED(status))
			killed++;
		if (sh("test -e '%s/HEAD'", repo) != 0)
			continue; /* killed before the repository existed */
		assert_int_equal(sh("git -C '%s' fsck --strict --no-progress >/dev/null 2>&1", repo), 0);
		if (sh("git -C '%s' rev-parse -q --verify HEAD >/dev/null", repo) == 0) {
			assert_int_equal(sh("git -C '%s' log --oneline >/dev/null", repo), 0);
			assert_tip_complete(repo);
		}
	}
	assert_true(killed > 0);
	/* a creator killed while writing the config leaves its lock in a
	 * directory that is no repository yet: the next import gets past it */
	assert_int_equal(sh("mkdir -p '%s/h6' && touch -d '1 minute ago' '%s/h6/config.lock' && "
			    "%s import -q --repo '%s/h6' %s >/dev/null && "
			    "git -C '%s/h6' fsck --strict --no-progress >/dev/null 2>&1",
			    scratch, scratch, yoy_bin(), scratch, LVLIANG, scratch), 0);
	/* and the repository still takes imports */
	assert_int_equal(sh("%s import -q --repo '%s' %s >/dev/null", yoy_bin(), repo, LVLIANG), 0);
	assert_tip_complete(repo);
}

static void test_department_key(void **state)
{
	(void)state;
	char *k = yoy_department_key(" 江苏省 高级人民法院\xe3\x80\x80");
	assert_string_equal(k, "江苏省高级人民法院");
	free(k);
	k = yoy_department_key("ＡＢＣ/部门");
	assert_string_equal(k, "ABC／部门");
	free(k);
	assert_null(yoy_department_key(".."));
	assert_null(yoy_department_key("   "));
}

static int setup(void **state)
{
	(void)state;
	snprintf(scratch, sizeof scratch, "/tmp/yoy-history-XXXXXX");
	if (!mkdtemp(scratch))
		return -1;
	setenv("YOY_AUTHOR_NAME", "yoy test", 1);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	if (getenv("YOY_KEEP_SCRATCH"))
		return 0;
	return sh("rm -rf '%s'", scratch);
}

/* yoy gc: every object into one pack git verifies, the loose objects and
 * old packs gone, the history reading the same; a second gc keeps one
 * pack too. */
static void test_gc_repacks(void **state)
{
	(void)state;
	char dir[] = "/tmp/yoy-gc-XXXXXX";
	assert_non_null(mkdtemp(dir));
	assert_int_equal(sh("Y=$(realpath \"$YOY\") && P=$PWD && cd %s && "
			    "\"$Y\" import -q --repo h \"$P\"/data/jiangsu-high-court/*.pdf >/dev/null && "
			    "\"$Y\" show --repo h 江苏省高级人民法院 2018 > before.json && "
			    "test -n \"$(find h/objects -path '*/objects/[0-9a-f][0-9a-f]/*' -type f)\" && "
			    "\"$Y\" gc --repo h > out && grep -q '^repacked [0-9]* objects' out && "
			    "test -z \"$(find h/objects -path '*/objects/[0-9a-f][0-9a-f]/*' -type f)\" && "
			    "test $(ls h/objects/pack/*.pack | wc -l) = 1 && git -C h fsck --strict --no-progress 2>/dev/null && "
			    "\"$Y\" show --repo h 江苏省高级人民法院 2018 | cmp -s - before.json && "
			    "\"$Y\" gc --repo h >/dev/null && test $(ls h/objects/pack/*.pack | wc -l) = 1 && "
			    "git -C h fsck --no-progress 2>/dev/null && \"$Y\" gc --repo nosuch 2>/dev/null; test $? = 4", dir), 0);
	sh("rm -rf %s", dir);
}

/* Names of one department printed two ways, and names of two. */
static void test_department_near(void **state)
{
	(void)state;
	assert_true(yoy_department_near("江苏省人民检察院", "江苏省检察院"));
	assert_true(yoy_department_near("江苏省高院", "江苏省高级人民法院"));
	assert_true(yoy_department_near("中共上海市普陀区委员会办公室",
					"中国共产党上海市普陀区委员会办公室"));
	assert_true(yoy_department_near("江苏省人民代表大会常务委员会办公厅",
					"江苏省人大常委会办公厅"));
	assert_false(yoy_department_near("上海市普陀区教育局", "上海市普陀区教育局党委"));
	assert_false(yoy_department_near("上海市普陀区财政局", "上海市普陀区商务委员会"));
	assert_false(yoy_department_near("上海市普陀区财政局", "江苏省财政局"));
	assert_true(yoy_department_near("江苏省人民检察院", "江苏省人民检察院"));
	assert_false(yoy_department_near("省院", "江苏省高级人民法院"));
	assert_false(yoy_department_near("甲0-10", "甲0-0"));
	assert_false(yoy_department_near("上海市第十一中学", "上海市第一中学"));
}

/* A year printed under a contraction of the stored name is filed with
 * the other years, not apart: check finds its prior, the alias is kept,
 * and the user is told. */
static void test_near_name_filed_together(void **state)
{
	(void)state;
	const char *pr = "data/jiangsu-procuratorate";
	assert_int_equal(sh("%s import -q --repo '%s/hn' %s/2017-budget.pdf", yoy_bin(), scratch,
			    pr), 0);
	assert_int_equal(sh("%s parse %s/2018-budget.pdf 2>/dev/null | sed "
			    "'s/\"department\": \"江苏省人民检察院\"/\"department\": "
			    "\"江苏省检察院\"/' > '%s/renamed.json' && grep -q 江苏省检察院 "
			    "'%s/renamed.json'", yoy_bin(), pr, scratch, scratch), 0);
	assert_int_equal(sh("%s import -q --repo '%s/hn' '%s/renamed.json' 2>'%s/err' && "
			    "grep -q 'filed under the stored \"江苏省人民检察院\"' '%s/err'",
			    yoy_bin(), scratch, scratch, scratch, scratch), 0);
	assert_int_equal(sh("test \"$(%s log --repo '%s/hn' | grep -c '^江苏')\" = 1 && "
			    "%s log --repo '%s/hn' | grep -q 'also printed as: 江苏省检察院'",
			    yoy_bin(), scratch, yoy_bin(), scratch), 0);
	assert_int_equal(sh("%s check --repo '%s/hn' 江苏省检察院 2018 2>&1 | "
			    "grep -q 'prior.base\\|2017'", yoy_bin(), scratch), 0);
}

/* yoy mv: the years filed under a late --department name join the
 * stored ones in one commit; a clash changes nothing. */
static void test_mv(void **state)
{
	(void)state;
	const char *hc = "data/jiangsu-high-court";
	assert_int_equal(sh("%s import -q --repo '%s/hm' %s/2017-budget.pdf && "
			    "%s import -q --repo '%s/hm' --department 江苏高院 %s/2018-budget.pdf",
			    yoy_bin(), scratch, hc, yoy_bin(), scratch, hc), 0);
	assert_int_equal(sh("test \"$(%s log --repo '%s/hm' | grep -c '^江苏')\" = 2",
			    yoy_bin(), scratch), 0);
	/* a clash: both hold 2018?  no -- but 2017 of the court against a
	 * different 2017 stops the move */
	assert_int_equal(sh("%s import -q --repo '%s/hm' --department 别处 "
			    "data/jiangsu-procuratorate/2017-budget.pdf && "
			    "h=$(git -C '%s/hm' rev-parse HEAD) && "
			    "{ %s mv --repo '%s/hm' 别处 江苏省高级人民法院 2>'%s/err'; test $? = 4; } && "
			    "grep -q 'other content; nothing was moved' '%s/err' && "
			    "test \"$(git -C '%s/hm' rev-parse HEAD)\" = \"$h\"", yoy_bin(), scratch,
			    scratch, yoy_bin(), scratch, scratch, scratch, scratch), 0);
	assert_int_equal(sh("%s mv --repo '%s/hm' 江苏高院 江苏省高级人民法院 | grep -q '^committed' "
			    "&& test \"$(git -C '%s/hm' log --oneline | wc -l)\" = 4",
			    yoy_bin(), scratch, scratch), 0);
	assert_int_equal(sh("%s log --repo '%s/hm' 江苏省高级人民法院 | grep -c '^  201' | grep -qx 2 "
			    "&& %s log --repo '%s/hm' | grep -q 'also printed as: 江苏高院'",
			    yoy_bin(), scratch, yoy_bin(), scratch), 0);
	assert_int_equal(sh("git -C '%s/hm' fsck --strict --no-progress >/dev/null 2>&1", scratch),
			 0);
	/* the old name still finds it, and a later import of it lands there */
	assert_int_equal(sh("%s show --repo '%s/hm' 江苏高院 2018 | grep -q '\"year\": 2018'",
			    yoy_bin(), scratch), 0);
	assert_int_equal(sh("{ %s mv --repo '%s/hm' 无此局 甲 2>/dev/null; test $? = 4; }",
			    yoy_bin(), scratch), 0);
}

/* A disclosure published as two files, imported one at a time in either
 * order: the narrative alone imports (its claims kept, nothing refused),
 * the tables alone too, and the second joins the first into one revision
 * that checks as the whole document does. */
static void test_parts_join(void **state)
{
	(void)state;
	char y[4096];
	assert_non_null(realpath(yoy_bin(), y));
	const char *whole = "data/jiangsu-high-court/2018-budget.pdf";
	assert_int_equal(sh("P=$PWD && cd '%s' && mkdir -p parts && cd parts && pdfseparate "
			    "\"$P/%s\" p%%02d.pdf && pdfunite p0[1-8].pdf p1[7-9].pdf p2*.pdf "
			    "narrative.pdf && pdfunite p09.pdf p1[0-6].pdf tables.pdf", scratch, whole),
			 0);
	assert_int_equal(sh("%s check --no-history %s | tail -1 > '%s/parts/want'", y,
			    whole, scratch), 0);
	static const char *const orders[][2] = { { "narrative", "tables" },
						 { "tables", "narrative" } };
	for (int o = 0; o < 2; o++) {
		assert_int_equal(sh("cd '%s/parts' && rm -rf h && %s import -q --repo h %s.pdf && "
				    "%s import --repo h %s.pdf | grep -q '^joined' && "
				    "%s log --repo h | grep -q '2018  department_budget  *2 revisions'",
				    scratch, y, orders[o][0], y, orders[o][1],
				    y), 0);
		assert_int_equal(sh("cd '%s/parts' && %s check --repo h 江苏省高级人民法院 2018 | "
				    "tail -1 | diff - want", scratch, y), 0);
		assert_int_equal(sh("cd '%s/parts' && git -C h ls-tree -r --name-only HEAD | "
				    "grep -c 'sources/' | grep -qx 2", scratch), 0);
	}
	/* the narrative alone: claims, a warning, and check says what it can */
	assert_int_equal(sh("cd '%s/parts' && %s parse narrative.pdf 2>err | grep -q "
			    "'\"kind\":\"change\"' && grep -q 'no tables: the narrative part "
			    "alone' err", scratch, y), 0);
}

/* A stored document imported again, byte for byte one the history holds,
 * is filed as those bytes, only its head read (the JSON fast path:
 * yoy_prepare_stored); any other is parsed and written as yoy writes it.
 * Through the CLI, the results are those of the slow path. */
static void test_stored_document_fast_path(void **state)
{
	(void)state;
	char repo[128], json[128];
	snprintf(repo, sizeof repo, "%s/hf", scratch);
	snprintf(json, sizeof json, "%s/fast.json", scratch);
	assert_int_equal(sh("%s parse -q -o '%s' " LVLIANG, yoy_bin(), json), 0);
	assert_int_equal(sh("%s import -q --repo '%s' '%s' | grep -q '1 new'", yoy_bin(), repo,
			    json), 0);
	yoy_store *st = open_store(repo);
	yoy_stored_docs *known;
	yoy_error err;
	assert_int_equal(yoy_history_stored_docs(&known, st, &err), 0);
	yoy_buffer stored, other;
	assert_int_equal(yoy_buffer_read(&stored, json, &err), 0);
	assert_int_equal(yoy_buffer_read(&other, "data/shanghai-putuo-wanli/2024-budget.pdf", &err),
			 0);
	/* the stored bytes: their head read, filed as they are (unchanged);
	 * what is not in the head was not read */
	yoy_prepared *p;
	yoy_doc *head;
	yoy_import_status s;
	const char *path;
	yoy_batch *b;
	assert_int_equal(yoy_batch_new(&b, st, &err), 0);
	assert_int_equal(yoy_prepare_stored(&p, &head, &stored, known, &err), 0);
	assert_string_equal(head->department, "吕梁市人力资源和社会保障局");
	assert_int_equal(head->year, 2023);
	assert_string_equal(head->kind, "department_budget");
	assert_int_equal(head->nsources, 1);
	assert_int_equal(head->ntables, 0);
	assert_int_equal(head->nclaims, 0);
	assert_int_equal(yoy_batch_add_prepared(b, head, p, NULL, &s, &path, &err), 0);
	assert_int_equal(s, YOY_IMPORT_UNCHANGED);
	yoy_prepared_free(p);
	yoy_doc_free(head);
	/* bytes the history does not hold: left to the caller */
	assert_int_equal(yoy_prepare_stored(&p, &head, &other, known, &err), 1);
	assert_null(p);
	assert_null(head);
	assert_int_equal(yoy_prepare_stored(&p, &head, &stored, NULL, &err), 1);
	/* the head is read as the whole document reads it */
	yoy_doc *whole;
	assert_int_equal(yoy_json_read_head(&head, stored.data, stored.size, "x", &err), 0);
	assert_int_equal(yoy_json_read(&whole, stored.data, stored.size, "x", &err), 0);
	assert_string_equal(head->title, whole->title);
	assert_string_equal(head->sources[0].sha256, whole->sources[0].sha256);
	assert_true(whole->ntables > 0);
	yoy_doc_free(whole);
	yoy_doc_free(head);
	yoy_batch_free(b);
	yoy_buffer_free(&stored);
	yoy_buffer_free(&other);
	yoy_stored_docs_free(known);
	yoy_store_free(st);
	/* an id-only object the store lacks is refused, never half-stored */
	yoy_object *o;
	assert_int_equal(yoy_object_hash_blob(&o, "no such document", 16, &err), 0);
	st = open_store(repo);
	assert_int_equal(yoy_store_add(st, o, &err), YOY_EINTERNAL);
	yoy_object_free(o);
	yoy_store_free(st);

	/* the CLI: again, unchanged; under another department, the same bytes
	 * there too; the JSON laid out otherwise is stored as yoy writes it */
	assert_int_equal(sh("%s import -q --repo '%s' '%s' | grep -q '^unchanged'", yoy_bin(),
			    repo, json), 0);
	assert_int_equal(sh("%s import -q --repo '%s' --department 另一部门 '%s' | grep -q '1 new' "
			    "&& test \"$(git -C '%s' rev-parse HEAD:另一部门/2023/department_budget.json)\" "
			    "= \"$(git hash-object '%s')\"", yoy_bin(), repo, json, repo, json), 0);
	assert_int_equal(sh("python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); "
			    "json.dump(d, open(sys.argv[2], \"w\"), ensure_ascii=False, indent=1)' "
			    "'%s' '%s/loose.json' && %s import -q --repo '%s' --department 第三部门 "
			    "'%s/loose.json' | grep -q '1 new' && "
			    "test \"$(git -C '%s' rev-parse HEAD:第三部门/2023/department_budget.json)\" "
			    "= \"$(git hash-object '%s')\"", json, scratch, yoy_bin(), repo, scratch,
			    repo, json), 0);
	assert_int_equal(sh("git -C '%s' fsck --strict --no-progress >/dev/null 2>&1", repo), 0);
}

/* The history module is loaded only by what opens a history: parse
 * needs none, and a module missing or not ours is an error naming it
 * (exit 5, a broken installation), never a crash. */
static void test_git_module_on_demand(void **state)
{
	(void)state;
	const char *y = getenv("YOY") ? getenv("YOY") : "../yoy";
	assert_int_equal(sh("YOY_GIT_MODULE=/nonexistent/yoy-git.so %s parse -q " LVLIANG
			    " >/dev/null", y), 0);
	assert_int_equal(sh("d=$(mktemp -d) && YOY_GIT_MODULE=/nonexistent/yoy-git.so %s import "
			    "-q --repo $d/h " LVLIANG " 2>$d/err; rc=$?; "
			    "grep -q 'cannot read or write histories: /nonexistent/yoy-git.so' $d/err "
			    "&& test $rc = 5 && test ! -e $d/h; r=$?; rm -rf $d; exit $r", y), 0);
	assert_int_equal(sh("YOY_GIT_MODULE=$(ldconfig -p | awk '/libz.so.1 / { print $NF; exit }') "
			    "%s log --repo . 2>&1 >/dev/null | grep -q 'of another yoy version'", y), 0);
	/* the program does not load libgit2 before it opens a history */
	assert_int_equal(sh("! readelf -d %s | grep -q libgit2", y), 0);
	/* and parses without it: no libgit2 in the process */
	assert_int_equal(sh("LD_DEBUG=files %s parse -q " LVLIANG " 2>&1 >/dev/null | "
			    "grep -q libgit2; test $? = 1", y), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_department_key),
		cmocka_unit_test(test_import_reimport_revision_show),
		cmocka_unit_test(test_diff_from_history),
		cmocka_unit_test(test_check_from_history),
		cmocka_unit_test(test_series),
		cmocka_unit_test(test_reparse),
		cmocka_unit_test(test_failures_write_nothing),
		cmocka_unit_test(test_jobs_do_not_change_the_result),
		cmocka_unit_test(test_packed_or_loose),
		cmocka_unit_test(test_concurrent_importers),
		cmocka_unit_test(test_killed_importers),
		cmocka_unit_test(test_gc_repacks),
		cmocka_unit_test(test_department_near),
		cmocka_unit_test(test_near_name_filed_together),
		cmocka_unit_test(test_mv),
		cmocka_unit_test(test_parts_join),
		cmocka_unit_test(test_git_module_on_demand),
		cmocka_unit_test(test_stored_document_fast_path),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
