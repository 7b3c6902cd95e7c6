/* merge.c: yoy_history_pull between histories on disk (a remote named by
 * its path): fast-forward, up to date, disjoint imports merged, two
 * publications of one document resolved the same whichever side pulls
 * (later import current; on a tie the larger object id), aliases merged
 * name by name, the merge message and plain git's fsck. */
#include "testutil.h"

#include <unistd.h>

#include "util/util.h"
#include "yoy/history.h"
#include "yoy/store.h"

static char scratch[64];

/* A small disclosure of dept for year; amount changes the content. */
static yoy_doc *small(const char *dept, int year, int amount)
{
	char buf[1024];
	snprintf(buf, sizeof buf,
		 "%s\n%d年度部门预算公开\n%d年预算支出总表\n部门名称：%s\n单位：万元\n"
		 "科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
		 "合计\t\t%d.00\t60.00\t%d.00\n205\t教育支出\t%d.00\t60.00\t%d.00\n",
		 dept, year, year, dept, amount, amount - 60, amount, amount - 60);
	return parse_text_ok(buf);
}

static yoy_store *open_at(const char *name)
{
	char dir[128];
	snprintf(dir, sizeof dir, "%s/%s", scratch, name);
	yoy_store *st;
	yoy_error err;
	if (yoy_store_open(&st, dir, 1, &err))
		fail_msg("%s", err.message);
	return st;
}

/* Import dept/year with amount at commit time when (SOURCE_DATE_EPOCH),
 * filed under file_as when not NULL. */
static void import_at(const char *repo, const char *dept, int year, int amount, long when,
		      const char *file_as)
{
	char t[32];
	snprintf(t, sizeof t, "%ld", when);
	setenv("SOURCE_DATE_EPOCH", t, 1);
	yoy_store *st = open_at(repo);
	yoy_doc *doc = small(dept, year, amount);
	char name[] = "small.txt", data[] = "x";
	yoy_buffer buf = { name, data, 1 };
	yoy_batch *b;
	yoy_error err;
	yoy_import_status s;
	const char *path;
	char id[41];
	int committed;
	if (yoy_batch_new(&b, st, &err) ||
	    yoy_batch_add(b, doc, &buf, 1, file_as, &s, &path, &err) ||
	    yoy_batch_commit(b, id, &committed, &err))
		fail_msg("%s", err.message);
	yoy_batch_free(b);
	yoy_doc_free(doc);
	yoy_store_free(st);
	unsetenv("SOURCE_DATE_EPOCH");
}

static yoy_pull_result pull(const char *repo, const char *from)
{
	char remote[128];
	snprintf(remote, sizeof remote, "%s/%s", scratch, from);
	setenv("SOURCE_DATE_EPOCH", "9000", 1);
	yoy_store *st = open_at(repo);
	yoy_pull_result r;
	yoy_error err;
	if (yoy_history_pull(st, remote, NULL, NULL, &r, &err))
		fail_msg("%s", err.message);
	yoy_store_free(st);
	unsetenv("SOURCE_DATE_EPOCH");
	return r;
}

static void copy(const char *from, const char *to)
{
	assert_int_equal(sh("cp -r '%s/%s' '%s/%s'", scratch, from, scratch, to), 0);
}

/* The object id of path at the tip of repo ("" when absent). */
static void file_id(const char *repo, const char *path, char id[41])
{
	yoy_store *st = open_at(repo);
	yoy_error err;
	int rc = yoy_store_file_id(st, NULL, path, id, &err);
	assert_true(rc == 0 || rc == 1);
	yoy_store_free(st);
}

static void fsck(const char *repo)
{
	assert_int_equal(sh("git -C '%s/%s' fsck --strict --no-progress >/dev/null 2>&1", scratch,
			    repo), 0);
}

static void test_fast_forward_up_to_date_disjoint(void **state)
{
	(void)state;
	import_at("a1", "甲局", 2023, 100, 1000, NULL);
	copy("a1", "b1");
	import_at("a1", "乙局", 2023, 200, 1100, NULL);
	yoy_pull_result r = pull("b1", "a1");
	assert_int_equal(r.status, YOY_PULL_FAST_FORWARD);
	r = pull("b1", "a1");
	assert_int_equal(r.status, YOY_PULL_UP_TO_DATE);
	/* both import other departments: one merge holding both */
	import_at("a1", "丙局", 2023, 300, 1200, NULL);
	import_at("b1", "丁局", 2023, 400, 1300, NULL);
	r = pull("b1", "a1");
	assert_int_equal(r.status, YOY_PULL_MERGED);
	assert_int_equal(r.documents, 1);
	assert_int_equal(r.republished, 0);
	char id[41];
	const char *all[] = { "甲局", "乙局", "丙局", "丁局" };
	for (size_t i = 0; i < 4; i++) {
		char path[128];
		snprintf(path, sizeof path, "%s/2023/department_budget.json", all[i]);
		file_id("b1", path, id);
		assert_true(id[0]);
	}
	assert_int_equal(sh("git -C '%s/b1' log -1 --format=%%B | grep -q '^  丙局/2023/"
			    "department_budget.json$'", scratch), 0);
	assert_int_equal(sh("test \"$(git -C '%s/b1' rev-list --parents -1 HEAD | wc -w)\" = 3",
			    scratch), 0);
	fsck("b1");
	/* and back: a fast-forward to the merge */
	r = pull("a1", "b1");
	assert_int_equal(r.status, YOY_PULL_FAST_FORWARD);
}

/* Two publications of one document: pull in either direction, the later
 * import is current; at equal times both directions still agree. */
static void test_republished_either_way(void **state)
{
	(void)state;
	const char *path = "甲局/2024/department_budget.json";
	for (int tie = 0; tie < 2; tie++) {
		char a[16], b[16], ab[16], ba[16];
		snprintf(a, sizeof a, "ra%d", tie);
		snprintf(b, sizeof b, "rb%d", tie);
		snprintf(ab, sizeof ab, "rab%d", tie);
		snprintf(ba, sizeof ba, "rba%d", tie);
		import_at(a, "甲局", 2023, 100, 1000, NULL);
		copy(a, b);
		import_at(a, "甲局", 2024, 500, 2000, NULL);
		import_at(b, "甲局", 2024, 600, tie ? 2000 : 3000, NULL);
		char ida[41], idb[41];
		file_id(a, path, ida);
		file_id(b, path, idb);
		assert_string_not_equal(ida, idb);
		copy(a, ab);
		copy(b, ba);
		yoy_pull_result r1 = pull(ab, b), r2 = pull(ba, a);
		assert_int_equal(r1.status, YOY_PULL_MERGED);
		assert_int_equal(r2.status, YOY_PULL_MERGED);
		assert_int_equal(r1.republished, 1);
		assert_int_equal(r2.republished, 1);
		char x[41], y[41];
		file_id(ab, path, x);
		file_id(ba, path, y);
		assert_string_equal(x, y);
		if (!tie)
			assert_string_equal(x, idb); /* B imported later */
		else
			assert_string_equal(x, strcmp(ida, idb) > 0 ? ida : idb);
		/* exactly one side's pull took theirs */
		assert_int_equal(r1.kept_theirs + r2.kept_theirs, 1);
		/* the other publication stays reachable */
		assert_int_equal(sh("git -C '%s/%s' cat-file -e %s && git -C '%s/%s' cat-file -e %s",
				    scratch, ab, ida, scratch, ab, idb), 0);
		assert_int_equal(sh("git -C '%s/%s' log -1 --format=%%B | grep -q "
				    "'^  甲局/2024/department_budget: current '", scratch, ab), 0);
		fsck(ab);
		fsck(ba);
	}
}

/* aliases.json: names added on both sides all kept; a name both sides
 * changed differently takes the later change. */
static void test_aliases_merged(void **state)
{
	(void)state;
	import_at("la", "甲局", 2023, 100, 1000, NULL);
	import_at("la", "乙局甲", 2023, 150, 1001, "乙局");
	copy("la", "lb");
	/* A files 丙局 under 甲局; B files 丁局 under 甲局 and re-files the
	 * printed 乙局甲 under 戊局 (later than A's change) */
	import_at("la", "丙局", 2023, 200, 2000, "甲局");
	import_at("lb", "丁局", 2023, 300, 2100, "甲局");
	import_at("lb", "乙局甲", 2024, 160, 2200, "戊局");
	yoy_pull_result r = pull("la", "lb");
	assert_int_equal(r.status, YOY_PULL_MERGED);
	assert_int_equal(r.aliases, 1);
	yoy_store *st = open_at("la");
	yoy_aliases al;
	yoy_error err;
	assert_int_equal(yoy_history_aliases(&al, st, NULL, &err), 0);
	assert_string_equal(yoy_aliases_lookup(&al, "丙局"), "甲局");
	assert_string_equal(yoy_aliases_lookup(&al, "丁局"), "甲局");
	assert_string_equal(yoy_aliases_lookup(&al, "乙局甲"), "戊局");
	yoy_aliases_free(&al);
	yoy_store_free(st);
	fsck("la");
}

/* Commit a file of other content (not a document) at path, at time when. */
static void commit_file(const char *repo, const char *path, const char *text, long when)
{
	char t[32];
	snprintf(t, sizeof t, "%ld", when);
	setenv("SOURCE_DATE_EPOCH", t, 1);
	yoy_store *st = open_at(repo);
	yoy_store_change c = { path, text, strlen(text), NULL };
	char id[41];
	int committed;
	yoy_error err;
	if (yoy_store_commit(st, &c, 1, "note", id, &committed, &err))
		fail_msg("%s", err.message);
	assert_int_equal(committed, 1);
	yoy_store_free(st);
	unsetenv("SOURCE_DATE_EPOCH");
}

/* A file that is no document (a department's notes) changed on both
 * sides: the later change is current, as for documents. */
static void test_other_files(void **state)
{
	(void)state;
	import_at("oa", "甲局", 2023, 100, 1000, NULL);
	copy("oa", "ob");
	commit_file("oa", "甲局/notes.txt", "ours\n", 2000);
	commit_file("ob", "甲局/notes.txt", "theirs, later\n", 3000);
	yoy_pull_result r = pull("oa", "ob");
	assert_int_equal(r.status, YOY_PULL_MERGED);
	assert_int_equal(r.republished, 1);
	yoy_store *st = open_at("oa");
	char *text;
	size_t len;
	yoy_error err;
	assert_int_equal(yoy_store_read(st, NULL, "甲局/notes.txt", &text, &len, &err), 0);
	assert_string_equal(text, "theirs, later\n");
	free(text);
	yoy_store_free(st);
}

static void test_unreachable_remote(void **state)
{
	(void)state;
	import_at("ua", "甲局", 2023, 100, 1000, NULL);
	yoy_store *st = open_at("ua");
	yoy_pull_result r;
	yoy_error err;
	assert_int_equal(yoy_history_pull(st, "file:///nonexistent/nowhere.git", NULL, NULL, &r,
					  &err), YOY_EREMOTE);
	assert_non_null(strstr(err.message, "nowhere.git"));
	assert_int_equal(yoy_history_pull(st, "no-such-remote", NULL, NULL, &r, &err),
			 YOY_EUSAGE);
	yoy_store_free(st);
}

/* The log of repo under dir ("" or "D/") at the documents' depth, as
 * text: commits, parents and the files each changed. */
static char *log_text(const char *repo, const char *dir)
{
	yoy_store *st = open_at(repo);
	yoy_commit_info *log;
	size_t n;
	yoy_error err;
	if (yoy_store_log_scoped(st, NULL, NULL, dir, YOY_DOCUMENT_DEPTH, &log, &n, &err))
		fail_msg("%s", err.message);
	yoy_store_free(st);
	char *text = NULL;
	size_t len = 0;
	FILE *o = open_memstream(&text, &len);
	for (size_t c = 0; c < n; c++) {
		fprintf(o, "%s %d %s\n", log[c].id, log[c].parents, log[c].parent);
		for (size_t f = 0; f < log[c].nchanged; f++)
			fprintf(o, "  %c %s\n", log[c].kinds[f], log[c].changed[f]);
	}
	fclose(o);
	yoy_commit_infos_free(log, n);
	return text;
}

/* yoy log from the change cache (store/changes.h) says what the walk of
 * the trees says: kept by imports, filled by the first walk after a pull
 * (merges: kept ours, took theirs, disjoint), and with the cache
 * damaged, missing or turned off.  Runs after the tests above. */
static void test_change_cache_agrees(void **state)
{
	(void)state;
	const char *repos[] = { "b1", "rab0", "rba0", "rab1" };
	const char *dirs[] = { "", "甲局/", "乙局/", "丙局/", "丁局/", "戊局/" };
	for (size_t r = 0; r < 4; r++) {
		char cache[128];
		snprintf(cache, sizeof cache, "%s/%s/yoy-changes", scratch, repos[r]);
		assert_int_equal(access(cache, F_OK), 0); /* written by the imports */
		for (size_t d = 0; d < 6; d++) {
			setenv("YOY_CHANGE_CACHE", "off", 1);
			char *want = log_text(repos[r], dirs[d]);
			unsetenv("YOY_CHANGE_CACHE");
			for (int how = 0; how < 4; how++) {
				if (how == 1) /* a byte of every record changed */
					assert_int_equal(sh("sed -i 's/局/届/g' '%s'", cache), 0);
				if (how == 2)
					unlink(cache);
				char *got = log_text(repos[r], dirs[d]); /* how 3: as saved */
				assert_string_equal(got, want);
				free(got);
			}
			free(want);
		}
	}
	/* a department that never was has no commit in either */
	char *none = log_text("b1", "戊局/");
	assert_string_equal(none, "");
	free(none);
}

static int setup(void **state)
{
	(void)state;
	strcpy(scratch, "/tmp/yoy-merge-XXXXXX");
	return mkdtemp(scratch) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return sh("rm -rf '%s'", scratch);
}

int main(void)
{
	setenv("YOY_AUTHOR_NAME", "test", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fast_forward_up_to_date_disjoint),
		cmocka_unit_test(test_republished_either_way),
		cmocka_unit_test(test_aliases_merged),
		cmocka_unit_test(test_other_files),
		cmocka_unit_test(test_unreachable_remote),
		cmocka_unit_test(test_change_cache_agrees),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
