/* The history repository: a bare git repository written through libgit2.
 * store.c is the only file that includes git2.h.  This layer knows paths
 * and bytes, not disclosures (history.h builds on it).
 *
 * Writes are atomic: objects first, then one compare-and-swap update of
 * refs/heads/main, retried when another process moved it meanwhile.  A
 * killed writer leaves HEAD on a complete commit.  A commit of many
 * objects writes them as one packfile, a small one as loose objects. */
#ifndef YOY_STORE_H
#define YOY_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "yoy/error.h"

typedef struct yoy_store yoy_store;

/* Open the repository in dir.  With create, a missing or empty dir
 * becomes a new bare repository whose branch is "main".  *out is freed
 * with yoy_store_free.  YOY_ESTORE when dir is not a repository. */
int yoy_store_open(yoy_store **out, const char *dir, int create,
		   yoy_error *err);
void yoy_store_free(yoy_store *st);

/* The directory the store was opened at. */
const char *yoy_store_dir(const yoy_store *st);

/* Full commit id of rev (NULL or "HEAD": the branch tip) into id[41].
 * YOY_ESTORE when rev does not name a commit (or the store is empty). */
int yoy_store_resolve(yoy_store *st, const char *rev, char id[41],
		      yoy_error *err);

/* Bytes of path at rev (NULL: HEAD).  *out is a heap buffer (NUL added)
 * the caller frees with free().  YOY_ESTORE when rev or path is absent;
 * then *out is NULL. */
int yoy_store_read(yoy_store *st, const char *rev, const char *path,
		   char **out, size_t *len, yoy_error *err);

/* Every file path at rev (NULL: HEAD) under prefix (NULL: all), sorted.
 * *paths is a heap array of heap strings: free with yoy_strings_free.
 * An empty store gives no paths. */
int yoy_store_list(yoy_store *st, const char *rev, const char *prefix,
		   char ***paths, size_t *n, yoy_error *err);
/* The same, only files at most max_depth directories down from the top
 * (0: any), so that deeper trees are not read at all. */
int yoy_store_list_depth(yoy_store *st, const char *rev, const char *prefix, int max_depth,
			 char ***paths, size_t *n, yoy_error *err);
void yoy_strings_free(char **v, size_t n);

/* The names in directory dir at rev (dir NULL or "": the top), in git's
 * order; a directory's name ends in '/'.  A missing directory gives none.
 * *names is freed with yoy_strings_free. */
int yoy_store_entries(yoy_store *st, const char *rev, const char *dir,
		      char ***names, size_t *n, yoy_error *err);

/* A file's bytes made ready to store: hashed and compressed, which is
 * the costly part of writing, so it may run on any thread and needs no
 * store.  *out is freed with yoy_object_free. */
typedef struct yoy_object yoy_object;
int yoy_object_new_blob(yoy_object **out, const void *data, size_t len,
			yoy_error *err);
/* A blob hashed but not compressed, for bytes the store may hold already
 * (yoy_store_blob_ids): yoy_store_add of it succeeds only when it does,
 * else YOY_EINTERNAL.  Freed with yoy_object_free. */
int yoy_object_hash_blob(yoy_object **out, const void *data, size_t len,
			 yoy_error *err);
void yoy_object_free(yoy_object *o);
/* Its id (40 hex digits), owned by o. */
const char *yoy_object_id(const yoy_object *o);

/* Stage o for the next yoy_store_commit through st, which writes it with
 * the commit (nothing is written when o is already stored).  Staged
 * objects no commit takes are dropped by yoy_store_free.  o may be freed
 * afterwards. */
int yoy_store_add(yoy_store *st, const yoy_object *o, yoy_error *err);

/* The ids of the files at rev (NULL: HEAD) whose names end in suffix,
 * outside directories whose names end in skip (NULL: none; such trees are
 * not read), 20 bytes each, sorted, repeats kept: *ids is a heap array
 * the caller frees with free(); an empty store gives none. */
int yoy_store_blob_ids(yoy_store *st, const char *rev, const char *suffix,
		       const char *skip, unsigned char **ids, size_t *n, yoy_error *err);

/* Id of the file at path at rev (NULL: HEAD) into id[41]; returns 0, or 1
 * when there is no such file (id is then ""), or an error. */
int yoy_store_file_id(yoy_store *st, const char *rev, const char *path,
		      char id[41], yoy_error *err);

/* One change: write data (or the object blob_id, stored or staged) at
 * path, or, with neither, remove path and everything under it. */
typedef struct yoy_store_change {
	const char *path;
	const void *data;
	size_t len;
	const char *blob_id;
} yoy_store_change;

/* Apply changes (removals first, then writes, in order) to the branch tip
 * as one commit with message.  When the tree would not change, nothing is
 * committed and *committed is 0.  id[41] gets the new (or current) tip. */
int yoy_store_commit(yoy_store *st, const yoy_store_change *changes,
		     size_t n, const char *message, char id[41],
		     int *committed, yoy_error *err);

/* <department>/<year>/<kind>.json is two directories down: a walk for
 * documents reads no deeper (not their sources).  Walks at this depth
 * keep what each commit changed beside the history (yoy-changes). */
#define YOY_DOCUMENT_DEPTH 2

typedef struct yoy_commit_info {
	char id[41];
	char parent[41];   /* the first parent ("" for the first commit) */
	int64_t time;      /* seconds since the epoch */
	int parents;       /* 2 for a merge (yoy pull) */
	char *message;     /* heap */
	char **changed;    /* heap: files added, changed or removed against the
			    * first parent (all files of a root commit), sorted */
	char *kinds;       /* heap: for each changed file 'A' added, 'D' removed,
			    * 'M' changed */
	size_t nchanged;
} yoy_commit_info;

/* Commits reachable from rev (NULL: HEAD), newest first, each with the
 * files it changed (what `git log --name-only` shows).  With dir (e.g.
 * "江苏省财政厅/"), only the files under it are listed and only the
 * commits that changed something there are returned: each commit then
 * costs a lookup of dir in its tree, not a comparison of whole trees.
 * With hide, commits reachable from hide are left out (git log
 * hide..rev).  With max_depth >= 0, only files at most that many
 * directories below the top are listed, and deeper trees are not read.  *out is a heap array freed with yoy_commit_infos_free; an
 * empty store gives none. */
int yoy_store_log(yoy_store *st, const char *rev, yoy_commit_info **out,
		  size_t *n, yoy_error *err);
int yoy_store_log_scoped(yoy_store *st, const char *rev, const char *hide, const char *dir,
			 int max_depth, yoy_commit_info **out, size_t *n, yoy_error *err);
void yoy_commit_infos_free(yoy_commit_info *v, size_t n);
/* 1 when ci changed the file path, else 0. */
int yoy_commit_changed(const yoy_commit_info *ci, const char *path);

/* ---- sharing: remotes, as git's (the repository's config) ------------- */

/* The remotes configured: names[i] and urls[i], heap arrays freed with
 * yoy_strings_free. */
int yoy_store_remotes(yoy_store *st, char ***names, char ***urls, size_t *n, yoy_error *err);
/* Configure remote name at url (YOY_EUSAGE when name is taken or not a
 * valid remote name). */
int yoy_store_remote_add(yoy_store *st, const char *name, const char *url, yoy_error *err);
/* Remove remote name and its remote-tracking branch. */
int yoy_store_remote_remove(yoy_store *st, const char *name, yoy_error *err);

/* Progress of a transfer: objects received or sent of total. */
typedef void (*yoy_store_progress)(size_t done, size_t total, void *payload);

/* Fetch branch main of remote (a configured name, or a URL) into
 * refs/remotes/<name>/main (a URL: refs/yoy/fetched).  id[41] gets the
 * commit fetched, "" when the remote holds no history yet.  Credentials
 * come from the ssh agent or git's credential helpers, never stored.
 * YOY_EREMOTE when the remote cannot be reached or refuses. */
int yoy_store_fetch(yoy_store *st, const char *remote, char id[41],
		    yoy_store_progress progress, void *payload, yoy_error *err);

/* Push main to the remote's main.  YOY_EREMOTE when the remote holds
 * commits main does not (not a fast-forward: pull first), or refuses. */
int yoy_store_push(yoy_store *st, const char *remote, yoy_store_progress progress,
		   void *payload, yoy_error *err);

/* Clone the history at url into dir (a new bare repository; the remote
 * is "origin").  YOY_EREMOTE when url cannot be read or holds no branch
 * main; dir is then removed again when this call made it. */
int yoy_store_clone(const char *url, const char *dir, yoy_store_progress progress,
		    void *payload, yoy_error *err);

/* The best common ancestor of commits a and b into id[41]; returns 0, 1
 * when they have none (id ""), or an error. */
int yoy_store_merge_base(yoy_store *st, const char *a, const char *b, char id[41],
			 yoy_error *err);

/* One file that differs between two commits: old_id "" when added,
 * new_id "" when removed. */
typedef struct yoy_tree_change {
	char *path;
	char old_id[41];
	char new_id[41];
} yoy_tree_change;
/* The files that differ from commit a ("": the empty tree) to commit b,
 * sorted by path.  *out is freed with yoy_tree_changes_free. */
int yoy_store_tree_diff(yoy_store *st, const char *a, const char *b,
			yoy_tree_change **out, size_t *n, yoy_error *err);
void yoy_tree_changes_free(yoy_tree_change *v, size_t n);

/* Move the branch from commit from ("": unborn) to commit to, which must
 * be stored.  Returns 0, 1 when another process moved it first (nothing
 * done), or an error. */
int yoy_store_advance(yoy_store *st, const char *from, const char *to, yoy_error *err);

/* Commit a merge of theirs into ours, the branch tip: the tree of ours
 * with changes applied (blob ids only), parents ours then theirs, and the
 * branch moved from ours.  Returns 0 (id[41] the merge), 1 when the tip
 * is no longer ours (nothing done: merge again), or an error. */
int yoy_store_commit_merge(yoy_store *st, const char *ours, const char *theirs,
			   const yoy_store_change *changes, size_t n, const char *message,
			   char id[41], yoy_error *err);

/* What yoy_store_gc did. */
typedef struct yoy_gc_stats {
	size_t objects;        /* in the new pack */
	size_t files_removed;  /* packs, indexes and loose objects it replaced */
	int64_t bytes_before;  /* of objects/ */
	int64_t bytes_after;
} yoy_gc_stats;

/* Repack every object of the repository into one pack with deltas
 * (libgit2's packbuilder), synced to disk, then remove the packs and loose
 * objects that were there before it started -- all of them are in the new
 * pack.  Objects another yoy writes meanwhile are kept.  Returns 0 or
 * YOY_ESTORE / YOY_ENOMEM with err set. */
int yoy_store_gc(yoy_store *st, yoy_gc_stats *out, yoy_error *err);

#endif
