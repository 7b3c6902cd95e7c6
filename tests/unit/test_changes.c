/* changes.c: the cache of what each commit changed -- records kept across
 * a save and an open, looked up by directory, and a damaged, cut, foreign
 * or hostile file read as if the damaged part were not there (those
 * commits are then computed again, never answered wrong). */
#include "testutil.h"

#include <unistd.h>

#include "store/changes.h"
#include "yoy/store.h"

static char scratch[64];
static char path[128];

static const unsigned char id1[20] = { 1, 2, 3 }, id2[20] = { 9, 8, 7 }, id3[20] = { 5 };

static void add_two(change_cache *c)
{
	char *dirs1[] = { "乙局", "甲局" };
	char *files1[] = { "乙局/2023/department_budget.json", "甲局/2023/department_budget.json",
			   "甲局/2024/department_budget.json" };
	assert_int_equal(change_cache_add(c, id1, dirs1, 2, files1, "AMD", 3), 0);
	char *dirs2[] = { "丙局" };
	/* a department whose sources alone changed: touched, no file */
	assert_int_equal(change_cache_add(c, id2, dirs2, 1, NULL, "", 0), 0);
}

/* "touched n path,path" for commit id and dir; "none" when not held */
static void lookup(change_cache *c, const unsigned char id[20], const char *dir, char *out,
		   size_t size)
{
	bool touched;
	char **paths, *kinds;
	size_t n;
	int r = change_cache_lookup(c, id, dir, &touched, &paths, &kinds, &n);
	assert_true(r >= 0);
	if (r == 0) {
		snprintf(out, size, "none");
		return;
	}
	size_t len = (size_t)snprintf(out, size, "%d %zu", touched, n);
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(out + len, size - len, " %c%s", kinds[i], paths[i]);
	yoy_strings_free(paths, n);
	free(kinds);
}

static void expect(change_cache *c, const unsigned char id[20], const char *dir,
		   const char *want)
{
	char got[512];
	lookup(c, id, dir, got, sizeof got);
	assert_string_equal(got, want);
}

static void expect_both(change_cache *c)
{
	expect(c, id1, "", "1 3 A乙局/2023/department_budget.json M甲局/2023/department_budget.json "
			   "D甲局/2024/department_budget.json");
	expect(c, id1, "甲局/", "1 2 M甲局/2023/department_budget.json "
			       "D甲局/2024/department_budget.json");
	expect(c, id1, "丙局/", "0 0");
	expect(c, id1, "甲/", "0 0"); /* a prefix of a name is not the name */
	expect(c, id2, "丙局/", "1 0");
	expect(c, id2, "", "1 0");
}

static void test_saved_and_read_back(void **state)
{
	(void)state;
	unlink(path);
	change_cache *c = change_cache_open(path, 2);
	assert_non_null(c);
	expect(c, id1, "", "none");
	add_two(c);
	expect(c, id3, "", "none");
	expect_both(c);
	assert_int_equal(change_cache_save(c), 0);
	change_cache_free(c);
	c = change_cache_open(path, 2);
	expect_both(c);
	/* adding one more keeps the others */
	char *dirs[] = { "甲局" };
	char *files[] = { "甲局/2025/department_budget.json" };
	assert_int_equal(change_cache_add(c, id3, dirs, 1, files, "A", 1), 0);
	assert_int_equal(change_cache_save(c), 0);
	change_cache_free(c);
	c = change_cache_open(path, 2);
	expect_both(c);
	expect(c, id3, "", "1 1 A甲局/2025/department_budget.json");
	assert_int_equal(sh("ls '%s' | wc -l | grep -qx 1", scratch), 0); /* no temporary left */
	change_cache_free(c);
	/* another depth's walk does not read these */
	c = change_cache_open(path, 3);
	expect(c, id1, "", "none");
	change_cache_free(c);
}

static void test_names_it_cannot_hold(void **state)
{
	(void)state;
	unlink(path);
	change_cache *c = change_cache_open(path, 2);
	char *dirs[] = { "甲\n局" };
	char *files[] = { "甲\n局/2023/department_budget.json" };
	assert_int_equal(change_cache_add(c, id1, dirs, 1, files, "A", 1), 0);
	expect(c, id1, "", "none");
	char *ok[] = { "甲局" };
	char *nl[] = { "甲局/2023\n/department_budget.json" };
	assert_int_equal(change_cache_add(c, id1, ok, 1, nl, "A", 1), 0);
	expect(c, id1, "", "none");
	change_cache_free(c);
}

/* Write the saved two, then damage the file with cmd (%s: its path). */
static change_cache *damaged(const char *cmd)
{
	unlink(path);
	change_cache *c = change_cache_open(path, 2);
	add_two(c);
	assert_int_equal(change_cache_save(c), 0);
	change_cache_free(c);
	assert_int_equal(sh(cmd, path, path), 0);
	c = change_cache_open(path, 2);
	assert_non_null(c);
	return c;
}

static void test_damage_is_not_read(void **state)
{
	(void)state;
	/* a byte of the first record's files changed: that part is not read */
	change_cache *c = damaged("sed -i 's|M 甲局/2023|M 甲局/2029|' '%s'");
	expect(c, id1, "丙局/", "0 0"); /* its directories still check out */
	expect(c, id1, "", "none");
	expect(c, id1, "甲局/", "none");
	expect(c, id2, "丙局/", "1 0");
	/* saved again without the damaged record */
	assert_int_equal(change_cache_save(c), 0);
	change_cache_free(c);
	c = change_cache_open(path, 2);
	expect(c, id1, "丙局/", "none");
	expect(c, id2, "丙局/", "1 0");
	change_cache_free(c);

	/* a directory renamed: the record is not read */
	c = damaged("sed -i 's|^丙局$|丁局|' '%s'");
	expect(c, id2, "丁局/", "none");
	expect(c, id1, "甲局/", "1 2 M甲局/2023/department_budget.json "
			       "D甲局/2024/department_budget.json");
	change_cache_free(c);

	/* cut in the middle: what is whole before the cut is read */
	c = damaged("truncate -s -3 '%s'");
	expect(c, id2, "丙局/", "none");
	expect(c, id1, "乙局/", "1 1 A乙局/2023/department_budget.json");
	change_cache_free(c);
	c = damaged("truncate -s 40 '%s'");
	expect(c, id1, "", "none");
	change_cache_free(c);

	/* a length that points past the end */
	c = damaged("sed -i '2s/^\\(C [0-9a-f]* \\)[0-9]*/\\199999999/' '%s'");
	expect(c, id1, "", "none");
	expect(c, id2, "", "none");
	change_cache_free(c);

	/* not ours at all: binary, empty, a directory */
	c = damaged("head -c 4096 /dev/urandom > '%s'");
	expect(c, id1, "", "none");
	change_cache_free(c);
	c = damaged(": > '%s'");
	expect(c, id2, "", "none");
	change_cache_free(c);
	c = damaged("rm '%s' && mkdir '%s'");
	expect(c, id2, "", "none");
	add_two(c);
	expect_both(c);
	assert_int_equal(change_cache_save(c), -1); /* cannot replace a directory */
	change_cache_free(c);
	assert_int_equal(sh("rmdir '%s'", path), 0);
}

/* A save removes what a process killed while saving left, once it is an
 * hour old; another's save in progress is left alone. */
static void test_killed_saves_cleaned(void **state)
{
	(void)state;
	assert_int_equal(sh("cd '%s' && touch -d '2 hours ago' yoy-changes.1.0.tmp && "
			    "touch yoy-changes.2.0.tmp yoy-changes.keep", scratch), 0);
	change_cache *c = change_cache_open(path, 2);
	add_two(c);
	assert_int_equal(change_cache_save(c), 0);
	change_cache_free(c);
	assert_int_equal(sh("cd '%s' && test ! -e yoy-changes.1.0.tmp && test -e yoy-changes.2.0.tmp "
			    "&& test -e yoy-changes.keep", scratch), 0);
	assert_int_equal(sh("rm -f '%s'/yoy-changes.*", scratch), 0);
}

static int setup(void **state)
{
	(void)state;
	strcpy(scratch, "/tmp/yoy-changes-XXXXXX");
	if (!mkdtemp(scratch))
		return -1;
	snprintf(path, sizeof path, "%s/yoy-changes", scratch);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return sh("rm -rf '%s'", scratch);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_saved_and_read_back),
		cmocka_unit_test(test_names_it_cannot_hold),
		cmocka_unit_test(test_damage_is_not_read),
		cmocka_unit_test(test_killed_saves_cleaned),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
