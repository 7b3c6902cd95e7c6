/* Internal: modules of ours opened with dlopen() -- yoy-pdf.so (poppler)
 * and yoy-git.so (libgit2) -- so that a command loads a heavy library
 * and its dependencies only when it uses them. */
#ifndef YOY_MODULE_H
#define YOY_MODULE_H

#include <stddef.h>

/* The first member of every module's table. */
typedef struct yoy_module_head {
	int abi;             /* of the table; another one is refused */
	const char *version; /* the YOY_VERSION the module was built with */
} yoy_module_head;

/* Find module file and call its entry point (a function taking nothing
 * and returning its table).  Looked for, in order: the path in the
 * environment variable env; beside the program and one directory up (the
 * build tree); where `make install` puts it relative to the program and
 * absolutely.  Returns the table, which lives as long as the process, or
 * NULL with why[] saying what was tried.  Not thread-safe: callers load
 * once (pthread_once). */
const yoy_module_head *yoy_module_load(const char *file, const char *env, const char *entry,
				       int abi, char *why, size_t whysize);

#endif
