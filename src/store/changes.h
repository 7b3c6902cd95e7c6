/* What each commit changed, kept beside the history (the file
 * <git dir>/yoy-changes), so that `yoy log` does not read every commit's
 * top tree again.  git's answer to the same cost is its commit-graph
 * file; libgit2 does not read those, so yoy keeps its own.
 *
 * Per commit id: the top-level directories (departments) whose tree
 * differs from the first parent's, and the files at most `depth`
 * directories down that differ (the documents, not their sources).  A
 * commit's changes never change, so a record never goes stale; an
 * unreachable commit's record is only a few wasted bytes.  Each record
 * carries checksums of its parts: a damaged or cut record, and all after
 * it, are ignored and computed again.  The file is replaced whole
 * (written aside, then renamed), so a reader never sees half of it; two
 * writers at once may lose one's additions, computed again later.
 *
 * Calls util only (digest, util).  Not thread-safe: one cache per
 * thread. */
#ifndef YOY_CHANGES_H
#define YOY_CHANGES_H

#include <stdbool.h>
#include <stddef.h>

typedef struct change_cache change_cache;

/* The cache of path for records of depth (a file of another depth, or
 * missing, unreadable or damaged: an empty cache, replaced on save).
 * Returns NULL only when out of memory; freed with change_cache_free. */
change_cache *change_cache_open(const char *path, int depth);
void change_cache_free(change_cache *c);

/* The record of commit id, for dir ("D/" a top-level directory, or ""
 * for everything): *touched whether D's tree differs from the first
 * parent's (always true for ""), and the changed files under dir into
 * *paths (heap array of heap strings, free with yoy_strings_free) and
 * *kinds (heap, 'A', 'M' or 'D' per file; free()), *n of them, sorted.
 * Returns 1 found, 0 not held (or damaged), -1 out of memory. */
int change_cache_lookup(change_cache *c, const unsigned char id[20], const char *dir,
			bool *touched, char ***paths, char **kinds, size_t *n);

/* Remember commit id's changes: its changed top-level directories dirs
 * (ndirs) and files paths/kinds (n, sorted).  A name with a newline is
 * not kept (the commit is then computed each time).  Returns 0 or -1
 * out of memory. */
int change_cache_add(change_cache *c, const unsigned char id[20], char *const *dirs,
		     size_t ndirs, char *const *paths, const char *kinds, size_t n);

/* Write the cache back when records were added since open (or damage
 * was found).  Returns 0, or -1 when it could not be written (the old
 * file then stays as it was). */
int change_cache_save(change_cache *c);

#endif
