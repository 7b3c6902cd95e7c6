/* Internal: what the history module (yoy-git.so: store.c, pack.c and
 * credential.c, the files that use libgit2 and libdeflate) gives the
 * library.  store_module.c implements yoy/store.h by calling through this
 * table, loading the module on the first call, so that the commands that
 * never open a history (parse, --help) do not load libgit2 and its TLS,
 * SSH and Kerberos libraries: measured 7.5 ms of every process start
 * (a program linked with libgit2 12.4 ms, without 4.4 ms). */
#ifndef YOY_GIT_MODULE_H
#define YOY_GIT_MODULE_H

#include "util/module.h"
#include "yoy/store.h"

/* Changes when the table below does; a module of another ABI is refused. */
#define YOY_GIT_MODULE_ABI 2
#define YOY_GIT_MODULE_FILE "yoy-git.so"
#define YOY_GIT_MODULE_ENTRY "yoy_git_module_entry"

/* One member per function of yoy/store.h that needs libgit2, the same
 * signature and contract; the data helpers (yoy_strings_free, ...) are
 * store_data.c's, in the library and the module alike. */
typedef struct yoy_git_module {
	yoy_module_head head;
	int (*store_open)(yoy_store **out, const char *dir, int create, yoy_error *err);
	void (*store_free)(yoy_store *st);
	const char *(*store_dir)(const yoy_store *st);
	int (*store_resolve)(yoy_store *st, const char *rev, char id[41], yoy_error *err);
	int (*store_read)(yoy_store *st, const char *rev, const char *path, char **out,
			  size_t *len, yoy_error *err);
	int (*store_list_depth)(yoy_store *st, const char *rev, const char *prefix,
				int max_depth, char ***paths, size_t *n, yoy_error *err);
	int (*store_entries)(yoy_store *st, const char *rev, const char *dir, char ***names,
			     size_t *n, yoy_error *err);
	int (*object_new_blob)(yoy_object **out, const void *data, size_t len,
			       yoy_error *err);
	void (*object_free)(yoy_object *o);
	const char *(*object_id)(const yoy_object *o);
	int (*store_add)(yoy_store *st, const yoy_object *o, yoy_error *err);
	int (*store_file_id)(yoy_store *st, const char *rev, const char *path, char id[41],
			     yoy_error *err);
	int (*store_commit)(yoy_store *st, const yoy_store_change *changes, size_t n,
			    const char *message, char id[41], int *committed, yoy_error *err);
	int (*store_log_scoped)(yoy_store *st, const char *rev, const char *hide,
				const char *dir, int max_depth, yoy_commit_info **out,
				size_t *n, yoy_error *err);
	int (*store_remotes)(yoy_store *st, char ***names, char ***urls, size_t *n,
			     yoy_error *err);
	int (*store_remote_add)(yoy_store *st, const char *name, const char *url,
				yoy_error *err);
	int (*store_remote_remove)(yoy_store *st, const char *name, yoy_error *err);
	int (*store_fetch)(yoy_store *st, const char *remote, char id[41],
			   yoy_store_progress progress, void *payload, yoy_error *err);
	int (*store_push)(yoy_store *st, const char *remote, yoy_store_progress progress,
			  void *payload, yoy_error *err);
	int (*store_clone)(const char *url, const char *dir, yoy_store_progress progress,
			   void *payload, yoy_error *err);
	int (*store_merge_base)(yoy_store *st, const char *a, const char *b, char id[41],
				yoy_error *err);
	int (*store_tree_diff)(yoy_store *st, const char *a, const char *b,
			       yoy_tree_change **out, size_t *n, yoy_error *err);
	int (*store_advance)(yoy_store *st, const char *from, const char *to, yoy_error *err);
	int (*store_commit_merge)(yoy_store *st, const char *ours, const char *theirs,
				  const yoy_store_change *changes, size_t n,
				  const char *message, char id[41], yoy_error *err);
	int (*store_gc)(yoy_store *st, yoy_gc_stats *out, yoy_error *err);
	int (*object_hash_blob)(yoy_object **out, const void *data, size_t len,
				yoy_error *err);
	int (*store_blob_ids)(yoy_store *st, const char *rev, const char *suffix,
			      const char *skip, unsigned char **ids, size_t *n,
			      yoy_error *err);
} yoy_git_module;

#endif
