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
void yoy_object_free(yoy_object *o);
/* Its id (40 hex digits), owned by o. */
const char *yoy_object_id(const yoy_object *o);

/* Stage o for the next yoy_store_commit through st, which writes it with
 * the commit (nothing is written when o is already stored).  Staged
 * objects no commit takes are dropped by yoy_store_free.  o may be freed
 * afterwards. */
int yoy_store_add(yoy_store *st, const yoy_object *o, yoy_error *err);

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

typedef struct yoy_commit_info {
	char id[41];
	int64_t time;      /* seconds since the epoch */
	char *message;     /* heap */
	char **changed;    /* heap: files added, changed or removed against the
			    * first parent (all files of a root commit), sorted */
	size_t nchanged;
} yoy_commit_info;

/* Commits reachable from rev (NULL: HEAD), newest first, each with the
 * files it changed (what `git log --name-only` shows).  *out is a heap
 * array freed with yoy_commit_infos_free; an empty store gives none. */
int yoy_store_log(yoy_store *st, const char *rev, yoy_commit_info **out,
		  size_t *n, yoy_error *err);
void yoy_commit_infos_free(yoy_commit_info *v, size_t n);
/* 1 when ci changed the file path, else 0. */
int yoy_commit_changed(const yoy_commit_info *ci, const char *path);

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
