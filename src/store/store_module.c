/* yoy/store.h in the library: every call goes to the history module
 * (yoy-git.so, git_module.h), loaded on the first call that needs it.
 * Calls util (module.c). */
#include "git_module.h"
#include "yoy/store.h"

#include <pthread.h>
#include <stddef.h>

static const yoy_git_module *G;
static char module_error[1024];
static pthread_once_t module_once = PTHREAD_ONCE_INIT;

static void load_module(void)
{
	G = (const yoy_git_module *)yoy_module_load(YOY_GIT_MODULE_FILE, "YOY_GIT_MODULE",
						    YOY_GIT_MODULE_ENTRY, YOY_GIT_MODULE_ABI,
						    module_error, sizeof module_error);
}

/* The module, or NULL with err saying why (YOY_EINTERNAL: yoy is not
 * installed whole). */
static const yoy_git_module *git(yoy_error *err)
{
	pthread_once(&module_once, load_module);
	if (!G)
		yoy_error_set(err, YOY_EINTERNAL, "cannot read or write histories: %s",
			      module_error);
	return G;
}

/* Functions that take an err: the module's, or the load failure. */
#define CALL(fn, ...)                                                      \
	do {                                                               \
		const yoy_git_module *g = git(err);                        \
		return g ? g->fn(__VA_ARGS__) : YOY_EINTERNAL;             \
	} while (0)

int yoy_store_open(yoy_store **out, const char *dir, int create, yoy_error *err)
{
	*out = NULL;
	CALL(store_open, out, dir, create, err);
}

/* A store or object exists only when the module was loaded: G is set. */
void yoy_store_free(yoy_store *st)
{
	if (st)
		G->store_free(st);
}

const char *yoy_store_dir(const yoy_store *st)
{
	return G->store_dir(st);
}

int yoy_store_resolve(yoy_store *st, const char *rev, char id[41], yoy_error *err)
{
	CALL(store_resolve, st, rev, id, err);
}

int yoy_store_read(yoy_store *st, const char *rev, const char *path, char **out, size_t *len,
		   yoy_error *err)
{
	*out = NULL;
	CALL(store_read, st, rev, path, out, len, err);
}

int yoy_store_list(yoy_store *st, const char *rev, const char *prefix, char ***paths,
		   size_t *n, yoy_error *err)
{
	return yoy_store_list_depth(st, rev, prefix, 0, paths, n, err);
}

int yoy_store_list_depth(yoy_store *st, const char *rev, const char *prefix, int max_depth,
			 char ***paths, size_t *n, yoy_error *err)
{
	CALL(store_list_depth, st, rev, prefix, max_depth, paths, n, err);
}

int yoy_store_entries(yoy_store *st, const char *rev, const char *dir, char ***names,
		      size_t *n, yoy_error *err)
{
	CALL(store_entries, st, rev, dir, names, n, err);
}

int yoy_object_new_blob(yoy_object **out, const void *data, size_t len, yoy_error *err)
{
	*out = NULL;
	CALL(object_new_blob, out, data, len, err);
}

int yoy_object_hash_blob(yoy_object **out, const void *data, size_t len, yoy_error *err)
{
	*out = NULL;
	CALL(object_hash_blob, out, data, len, err);
}

int yoy_store_blob_ids(yoy_store *st, const char *rev, const char *suffix,
		       const char *skip, unsigned char **ids, size_t *n, yoy_error *err)
{
	*ids = NULL;
	*n = 0;
	CALL(store_blob_ids, st, rev, suffix, skip, ids, n, err);
}

void yoy_object_free(yoy_object *o)
{
	if (o)
		G->object_free(o);
}

const char *yoy_object_id(const yoy_object *o)
{
	return G->object_id(o);
}

int yoy_store_add(yoy_store *st, const yoy_object *o, yoy_error *err)
{
	CALL(store_add, st, o, err);
}

int yoy_store_file_id(yoy_store *st, const char *rev, const char *path, char id[41],
		      yoy_error *err)
{
	CALL(store_file_id, st, rev, path, id, err);
}

int yoy_store_commit(yoy_store *st, const yoy_store_change *changes, size_t n,
		     const char *message, char id[41], int *committed, yoy_error *err)
{
	CALL(store_commit, st, changes, n, message, id, committed, err);
}

int yoy_store_log(yoy_store *st, const char *rev, yoy_commit_info **out, size_t *n,
		  yoy_error *err)
{
	return yoy_store_log_scoped(st, rev, NULL, NULL, -1, out, n, err);
}

int yoy_store_log_scoped(yoy_store *st, const char *rev, const char *hide, const char *dir,
			 int max_depth, yoy_commit_info **out, size_t *n, yoy_error *err)
{
	CALL(store_log_scoped, st, rev, hide, dir, max_depth, out, n, err);
}

int yoy_store_remotes(yoy_store *st, char ***names, char ***urls, size_t *n, yoy_error *err)
{
	CALL(store_remotes, st, names, urls, n, err);
}

int yoy_store_remote_add(yoy_store *st, const char *name, const char *url, yoy_error *err)
{
	CALL(store_remote_add, st, name, url, err);
}

int yoy_store_remote_remove(yoy_store *st, const char *name, yoy_error *err)
{
	CALL(store_remote_remove, st, name, err);
}

int yoy_store_fetch(yoy_store *st, const char *remote, char id[41],
		    yoy_store_progress progress, void *payload, yoy_error *err)
{
	CALL(store_fetch, st, remote, id, progress, payload, err);
}

int yoy_store_push(yoy_store *st, const char *remote, yoy_store_progress progress,
		   void *payload, yoy_error *err)
{
	CALL(store_push, st, remote, progress, payload, err);
}

int yoy_store_clone(const char *url, const char *dir, yoy_store_progress progress,
		    void *payload, yoy_error *err)
{
	CALL(store_clone, url, dir, progress, payload, err);
}

int yoy_store_merge_base(yoy_store *st, const char *a, const char *b, char id[41],
			 yoy_error *err)
{
	CALL(store_merge_base, st, a, b, id, err);
}

int yoy_store_tree_diff(yoy_store *st, const char *a, const char *b, yoy_tree_change **out,
			size_t *n, yoy_error *err)
{
	CALL(store_tree_diff, st, a, b, out, n, err);
}

int yoy_store_advance(yoy_store *st, const char *from, const char *to, yoy_error *err)
{
	CALL(store_advance, st, from, to, err);
}

int yoy_store_commit_merge(yoy_store *st, const char *ours, const char *theirs,
			   const yoy_store_change *changes, size_t n, const char *message,
			   char id[41], yoy_error *err)
{
	CALL(store_commit_merge, st, ours, theirs, changes, n, message, id, err);
}

int yoy_store_gc(yoy_store *st, yoy_gc_stats *out, yoy_error *err)
{
	CALL(store_gc, st, out, err);
}
