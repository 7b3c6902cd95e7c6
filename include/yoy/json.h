/* The stored form: normalized JSON of a yoy_doc (schema "yoy-disclosure/1",
 * documented in history/README.md).  json.c is the only file that includes
 * cJSON.h.  Output is deterministic: the same document always gives the
 * same bytes, so git diffs of stored JSON show real changes only. */
#ifndef YOY_JSON_H
#define YOY_JSON_H

#include <stddef.h>

#include "yoy/aliases.h"
#include "yoy/doc.h"
#include "yoy/error.h"

/* Serialize doc.  Returns a NUL-terminated heap string the caller frees
 * with free(), or NULL when out of memory. */
char *yoy_json_write(const yoy_doc *doc);

/* Load a document from JSON text (name is used in messages).  On success
 * *out is a new document the caller frees with yoy_doc_free.  Returns
 * YOY_EINPUT for malformed JSON or a schema this version cannot read. */
int yoy_json_read(yoy_doc **out, const char *text, size_t len,
		  const char *name, yoy_error *err);

/* The head of a document yoy wrote -- schema, department, year, kind,
 * title and sources, what says where it is filed -- read without its
 * tables, claims and the rest, as yoy_json_read would read them.  For
 * bytes known to be a stored document (the import of one the history
 * holds byte for byte): text in another layout is read whole.  *out as
 * yoy_json_read's. */
int yoy_json_read_head(yoy_doc **out, const char *text, size_t len,
		       const char *name, yoy_error *err);

/* An aliases file of a history repository: {"schema": "yoy-aliases/1",
 * "departments": {"printed name": "stored department", ...}}, or for
 * projects {"schema": "yoy-project-aliases/1", "projects": {...}}.  On
 * success *out holds heap copies (yoy_aliases_free).  YOY_EINPUT when
 * malformed or of the other kind. */
int yoy_aliases_read(yoy_aliases *out, yoy_aliases_kind kind, const char *text,
		     size_t len, const char *name, yoy_error *err);

/* Serialize aliases of kind, keys sorted.  Heap string (free()), NULL
 * when out of memory. */
char *yoy_aliases_write(const yoy_aliases *a, yoy_aliases_kind kind);

#endif
