/* The data helpers of yoy/store.h: freeing and searching what the store
 * returned.  In the library and in yoy-git.so alike (git_module.h), so
 * that freeing never loads the module.  Calls nothing of ours. */
#include "yoy/store.h"

#include <stdlib.h>
#include <string.h>

void yoy_strings_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void yoy_commit_infos_free(yoy_commit_info *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].message);
		free(v[i].kinds);
		yoy_strings_free(v[i].changed, v[i].nchanged);
	}
	free(v);
}

int yoy_commit_changed(const yoy_commit_info *ci, const char *path)
{
	size_t lo = 0, hi = ci->nchanged;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(ci->changed[mid], path);
		if (c == 0)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

void yoy_tree_changes_free(yoy_tree_change *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].path);
	free(v);
}
