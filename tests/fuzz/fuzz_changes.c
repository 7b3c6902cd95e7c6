/* Fuzz the change cache's reader (src/store/changes.c, which the history
 * module holds and libyoy.a does not: compiled in here): any bytes as the
 * file yoy-changes, every record they hold looked up, one added, saved
 * and read back. */
#include "fuzz.h"
#include "store/changes.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	if (!path[0])
		snprintf(path, sizeof path, "/tmp/yoy-fuzz-changes.%ld", (long)getpid());
	FILE *f = fopen(path, "wb");
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	change_cache *c = change_cache_open(path, 2);
	for (size_t i = 0; c && i < c->n; i++) {
		const char *dirs[] = { "", "甲局/", "" };
		char first[64] = "";
		const char *nl = memchr(c->v[i].dirs, '\n', c->v[i].dirs_len);
		if (nl && (size_t)(nl - c->v[i].dirs) < sizeof first - 1)
			snprintf(first, sizeof first, "%.*s/", (int)(nl - c->v[i].dirs), c->v[i].dirs);
		dirs[2] = first;
		for (int d = 0; d < 3; d++) {
			bool touched;
			char **paths, *kinds;
			size_t n;
			if (change_cache_lookup(c, c->v[i].id, dirs[d], &touched, &paths, &kinds, &n) > 0) {
				yoy_strings_free(paths, n);
				free(kinds);
			}
		}
	}
	if (c) {
		unsigned char id[20] = { 0x5a };
		char *dirs[] = { "甲局" };
		char *files[] = { "甲局/2024/department_budget.json" };
		change_cache_add(c, id, dirs, 1, files, "M", 1);
		change_cache_save(c);
		change_cache_free(c);
		c = change_cache_open(path, 2);
		bool touched;
		char **paths, *kinds;
		size_t n;
		if (c && change_cache_lookup(c, id, "甲局/", &touched, &paths, &kinds, &n) > 0) {
			yoy_strings_free(paths, n);
			free(kinds);
		}
		change_cache_free(c);
	}
	unlink(path);
	return 0;
}
