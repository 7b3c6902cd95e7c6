/* Finding and opening our dlopen() modules (module.h).  Calls nothing of
 * ours. */
#include "module.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Where `make install` puts the modules: absolutely, and relative to the
 * program (a package unpacked anywhere). */
#ifndef YOY_MODULE_DIR
#define YOY_MODULE_DIR "/usr/local/lib/yoy"
#endif
#ifndef YOY_MODULE_REL
#define YOY_MODULE_REL "../lib/yoy"
#endif

typedef const yoy_module_head *(*entry_fn)(void);

/* Load path as the module; NULL (why says so) when it is not there or
 * not ours. */
static const yoy_module_head *try_module(const char *path, const char *entry, int abi,
					 char *why, size_t whysize)
{
	if (access(path, R_OK) != 0)
		return NULL;
	void *h = dlopen(path, RTLD_LAZY | RTLD_LOCAL);
	if (!h) {
		snprintf(why, whysize, "%s", dlerror());
		return NULL;
	}
	entry_fn fn;
	*(void **)&fn = dlsym(h, entry);
	const yoy_module_head *m = fn ? fn() : NULL;
	if (!m || m->abi != abi || strcmp(m->version, YOY_VERSION) != 0) {
		snprintf(why, whysize, "%s: a module of another yoy version (%s)", path,
			 m ? m->version : "unknown");
		dlclose(h);
		return NULL;
	}
	return m; /* kept loaded for the life of the process */
}

const yoy_module_head *yoy_module_load(const char *file, const char *env, const char *entry,
				       int abi, char *why, size_t whysize)
{
	why[0] = '\0';
	const yoy_module_head *m;
	const char *given = getenv(env);
	if (given && *given) {
		if (!(m = try_module(given, entry, abi, why, whysize)) && !why[0])
			snprintf(why, whysize, "%s: no such file", given);
		return m;
	}
	char exe[PATH_MAX], path[PATH_MAX + 64];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash)
			*slash = '\0';
		static const char *const rel[] = { "", "/..", ("/" YOY_MODULE_REL) };
		for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
			snprintf(path, sizeof path, "%s%s/%s", exe, rel[i], file);
			if ((m = try_module(path, entry, abi, why, whysize)))
				return m;
		}
	}
	snprintf(path, sizeof path, "%s/%s", YOY_MODULE_DIR, file);
	if ((m = try_module(path, entry, abi, why, whysize)))
		return m;
	if (!why[0])
		snprintf(why, whysize, "%s is not installed (looked beside the program and in "
			 YOY_MODULE_DIR "; %s names it)", file, env);
	return NULL;
}
