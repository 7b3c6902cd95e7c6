/* Disclosures in the history repository (layout in history/README.md):
 *
 *   <department>/<year>/<kind>.json              the normalized document
 *   <department>/<year>/<kind>.sources/<file>    the published file(s)
 *   aliases.json                                 department aliases
 *
 * <department> is a department key (yoy_department_key).  Every import or
 * reparse is one commit whose message names what it wrote (the first 100
 * documents; its diff names all); a document's revisions are the commits
 * that changed its file. */
#ifndef YOY_HISTORY_H
#define YOY_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yoy/aliases.h"
#include "yoy/doc.h"
#include "yoy/error.h"
#include "yoy/parse.h"
#include "yoy/store.h"

#define YOY_ALIASES_PATH "aliases.json"
/* YOY_DOCUMENT_DEPTH (store.h): <department>/<year>/<kind>.json is two
 * directories down. */

/* The key a department is stored under: its name with blanks removed,
 * full-width ASCII folded to ASCII and '/' replaced, so that the same
 * name printed with different spacing is one department.  Heap string
 * (free()), NULL when out of memory or when nothing is left. */
char *yoy_department_key(const char *name);

typedef enum yoy_import_status {
	YOY_IMPORT_NEW = 0,
	YOY_IMPORT_UPDATED,     /* a changed re-publication: a new revision */
	YOY_IMPORT_UNCHANGED
} yoy_import_status;

/* Imports staged to be committed together. */
typedef struct yoy_batch yoy_batch;

/* Start a batch on the branch tip of st (reads the aliases).  Free with
 * yoy_batch_free. */
int yoy_batch_new(yoy_batch **out, yoy_store *st, yoy_error *err);

/* Stage doc, parsed from sources, under department (when not NULL: the
 * printed name becomes an alias of it) or else its printed department.
 * *status compares with the branch tip; *path (owned by the batch) is
 * where it is stored. */
int yoy_batch_add(yoy_batch *b, const yoy_doc *doc, const yoy_buffer *sources,
		  size_t nsources, const char *department,
		  yoy_import_status *status, const char **path, yoy_error *err);

/* A disclosure made ready outside a batch: its JSON written and, with its
 * sources, hashed and compressed as objects (yoy_object_new_blob).  This
 * is the costly part of an import and needs no store, so it may run on
 * several threads at once.  *out is freed with yoy_prepared_free.
 * yoy_batch_add is yoy_prepare + yoy_batch_add_prepared. */
typedef struct yoy_prepared yoy_prepared;
int yoy_prepare(yoy_prepared **out, const yoy_doc *doc,
		const yoy_buffer *sources, size_t nsources, yoy_error *err);
void yoy_prepared_free(yoy_prepared *p);

/* The documents stored at the tip, by content (their blob ids): what lets
 * an import of a stored document -- the JSON yoy parse writes -- that is
 * byte for byte one already stored skip writing and compressing it again.
 * Read-only once made, so threads may share it.  *out is freed with
 * yoy_stored_docs_free; an empty store gives an empty set. */
typedef struct yoy_stored_docs yoy_stored_docs;
int yoy_history_stored_docs(yoy_stored_docs **out, yoy_store *st, yoy_error *err);
void yoy_stored_docs_free(yoy_stored_docs *d);

/* A stored document in buf (yoy_buffer_is_document) that the history
 * holds byte for byte (in known, NULL: none): *doc its head
 * (yoy_json_read_head: what says where it is filed) and *out those bytes,
 * hashed, to file as they are -- the document was checked when it was
 * stored; nothing is parsed whole, written again or compressed.  Returns
 * 0 so, 1 (*doc and *out NULL) when known does not hold the bytes: parse
 * and prepare them as any file.  *out is freed with yoy_prepared_free,
 * *doc with yoy_doc_free. */
int yoy_prepare_stored(yoy_prepared **out, yoy_doc **doc, const yoy_buffer *buf,
		       const yoy_stored_docs *known, yoy_error *err);
/* Stage a prepared doc, as yoy_batch_add does.  p may be freed afterwards. */
int yoy_batch_add_prepared(yoy_batch *b, const yoy_doc *doc, const yoy_prepared *p,
			   const char *department, yoy_import_status *status,
			   const char **path, yoy_error *err);

/* What the last yoy_batch_add said of where it filed its document: that
 * the printed department was near a stored one and filed under it (its
 * alias recorded), for the user to see; NULL when nothing.  The string
 * belongs to the batch and lives until the next add. */
const char *yoy_batch_note(const yoy_batch *b);

/* Two printed names of one department (yoy_batch_add files a new name
 * under a stored one that is near it): the same once 中国共产党/中共 and
 * 人民代表大会常务委员会/人大常委会 are read alike, or one a contraction
 * of the other with the same first two and last characters. */
bool yoy_department_near(const char *a, const char *b);

/* Commit everything staged as one commit (none when nothing changed:
 * *committed is 0).  id[41] gets the branch tip afterwards. */
int yoy_batch_commit(yoy_batch *b, char id[41], int *committed, yoy_error *err);
void yoy_batch_free(yoy_batch *b);

/* One stored disclosure. */
typedef struct yoy_entry {
	char *department;   /* key */
	int year;
	char *kind;
	char *path;         /* of its JSON */
	int revisions;      /* imports that wrote it */
	char last_id[41];   /* commit of the latest import ("" when unknown) */
	int64_t last_time;
} yoy_entry;

/* What yoy_history_catalog fills in besides the paths. */
enum {
	YOY_CATALOG_REVISIONS = 1 /* revisions, last_id, last_time: walks history */
};

/* Everything stored at rev (NULL: tip), or with dept (a key) that
 * department's disclosures only -- then only its directory is read, at
 * the tip and in each commit, so the cost does not grow with the rest of
 * the history.  Sorted by department, year, kind.  Free with
 * yoy_entries_free. */
int yoy_history_catalog(yoy_store *st, const char *rev, const char *dept, unsigned what,
			yoy_entry **out, size_t *n, yoy_error *err);
void yoy_entries_free(yoy_entry *v, size_t n);

/* Fill in revisions, last_id and last_time of v[0..n) from log (newest
 * first, as yoy_store_log gives it): the imports that wrote each file;
 * merges are not counted (they bring an import made elsewhere, which is
 * in the log itself).  For a caller that walks the log anyway. */
void yoy_history_count_revisions(yoy_entry *v, size_t n, const yoy_commit_info *log,
				 size_t nlog);

/* The stored key for a department as the user typed it: exact key, an
 * alias, or a unique part of one key.  *key is heap.  YOY_ESTORE with the
 * candidates listed when there is none or more than one. */
int yoy_history_department(yoy_store *st, const char *rev, const char *name,
			   char **key, yoy_error *err);

/* A disclosure published in two parts, imported one at a time: when part
 * is the narrative without tables (or the tables without statements) and
 * the tip holds the other part of the same department, year and kind, the
 * two are parsed as one (the narrative first) into *out, and bufs[0..1]
 * get both files (*nbufs = 2; free each with yoy_buffer_free) for
 * yoy_prepare.  *out NULL and *nbufs 0 when there is nothing to join. */
int yoy_history_join(yoy_doc **out, yoy_buffer *bufs, size_t *nbufs, yoy_store *st,
		     const yoy_doc *part, const yoy_buffer *source, yoy_error *err);

/* The department aliases at rev (aliases.json; empty when none): printed
 * names and the department each is filed under.  *out is freed with
 * yoy_aliases_free. */
int yoy_history_aliases(yoy_aliases *out, yoy_store *st, const char *rev, yoy_error *err);

/* Move every stored year and kind of department old (a stored name, an
 * alias or a unique part of one) to new_name, in one commit, and record
 * old -- and the names filed under it -- as aliases of new_name, so later
 * imports of the old name land there too.  When new_name is stored
 * already its years join; a year and kind both hold with different
 * content stops the move (YOY_ESTORE) and nothing changes.  *moved counts
 * the files moved; id[41] gets the new tip. */
int yoy_history_move(yoy_store *st, const char *old, const char *new_name, char id[41],
		     size_t *moved, yoy_error *err);

/* ---- sharing a history (merge.c) ------------------------------------------ */

typedef enum yoy_pull_status {
	YOY_PULL_EMPTY = 0,     /* the remote holds no history yet */
	YOY_PULL_UP_TO_DATE,    /* we hold everything it holds */
	YOY_PULL_FAST_FORWARD,  /* it held ours and more: the branch moved on */
	YOY_PULL_MERGED         /* both had commits: one merge commit */
} yoy_pull_status;

typedef struct yoy_pull_result {
	yoy_pull_status status;
	char id[41];            /* the tip afterwards */
	char fetched[41];       /* the remote's commit */
	size_t documents;       /* disclosures that came from the remote */
	size_t republished;     /* stored with different content on both sides */
	size_t kept_theirs;     /* of those, the remote's made current */
	size_t aliases;         /* aliases files merged key by key */
} yoy_pull_result;

/* Fetch the remote's main (yoy_store_fetch) and bring it into ours: a
 * fast-forward when ours is behind, else one merge commit holding both.
 * A department-year-kind both sides stored with different content keeps
 * both as revisions; the one imported later (commit time; on a tie the
 * larger JSON object id, so both sides choose alike) is current, with
 * its sources.  aliases.json files merge key by key (a key both sides
 * changed differently: the later change).  The merge commit's message
 * says what came from where and each choice (history/README.md). */
int yoy_history_pull(yoy_store *st, const char *remote, yoy_store_progress progress,
		     void *payload, yoy_pull_result *out, yoy_error *err);

/* Path of dept/year/kind at rev; kind NULL takes the only kind stored for
 * that year (department_budget when there are several).  Heap string. */
int yoy_history_path(yoy_store *st, const char *rev, const char *dept,
		     int year, const char *kind, char **path, yoy_error *err);

/* The document stored for dept (a key, see yoy_history_department), year
 * and kind (NULL: as yoy_history_path chooses) at rev.  *out is freed with
 * yoy_doc_free; *path (when not NULL) gets its path, heap.  YOY_ESTORE when
 * it is not stored, YOY_EINPUT when the stored JSON does not load. */
int yoy_history_load(yoy_doc **out, char **path, yoy_store *st, const char *rev,
		     const char *dept, int year, const char *kind, yoy_error *err);

/* Every year stored for dept at rev, of one kind, oldest first: the kind
 * of until_year (as yoy_history_path chooses when kind is NULL), years up
 * to until_year (0: all years, kind NULL then means department_budget or
 * the only kind).  *docs is a heap array of *n documents, freed with
 * yoy_docs_free.  YOY_ESTORE when nothing is stored for until_year. */
int yoy_history_series(yoy_doc ***docs, size_t *n, yoy_store *st, const char *rev,
		       const char *dept, int until_year, const char *kind, yoy_error *err);
/* Free n documents and the array. */
void yoy_docs_free(yoy_doc **docs, size_t n);

#define YOY_PROJECT_ALIASES_FILE "aliases.json"

/* The project aliases of dept at rev, from <dept>/aliases.json (empty
 * when there is none).  *out is freed with yoy_aliases_free. */
int yoy_history_project_aliases(yoy_aliases *out, yoy_store *st, const char *rev,
				const char *dept, yoy_error *err);

/* Re-derive every stored document at the tip from its stored sources with
 * the current parser; commit the changed ones as one commit.  *changed
 * and *total count documents; sources that no longer parse are reported
 * in err and the commit is not made. */
int yoy_history_reparse(yoy_store *st, size_t *changed, size_t *total,
			char id[41], int *committed, yoy_error *err);

#endif
