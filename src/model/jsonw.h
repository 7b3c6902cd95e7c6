/* A streaming JSON writer for yoy's canonical layout: two-space indented
 * objects, with chosen containers written on one line.  It writes straight
 * into an sbuf, so printing a document builds no tree; the bytes are the
 * same as cJSON would print for the same values (escapes, integers).
 *
 *   jsonw w; jw_init(&w, &buf);
 *   jw_object(&w, NULL, JW_PRETTY);
 *     jw_str(&w, "name", "…");
 *     jw_array(&w, "rows", JW_LINES);   one element per line
 *       jw_object(&w, NULL, JW_PRETTY); (compact: inside a JW_LINES array)
 *       jw_end(&w);
 *     jw_end(&w);
 *   jw_end(&w);
 *
 * Errors (out of memory, nesting deeper than JW_MAX_DEPTH) are sticky and
 * reported by jw_ok(); the sbuf's oom flag is set for memory. */
#ifndef YOY_JSONW_H
#define YOY_JSONW_H

#include <stdbool.h>

#include "util/util.h"
#include "yoy/doc.h"

#define JW_MAX_DEPTH 32

typedef enum {
	JW_PRETTY,  /* one member per line, indented */
	JW_COMPACT, /* {"a":1,"b":2} on one line, and everything inside it */
	JW_LINES,   /* an array with each element compact on its own line */
} jw_layout;

typedef struct jw_level {
	char close;
	bool compact; /* members written {"a":1} */
	bool lines;   /* elements written compact, one per line */
	unsigned n;   /* members so far */
} jw_level;

typedef struct jsonw {
	sbuf *out;
	int depth;
	bool failed;
	jw_level st[JW_MAX_DEPTH + 1];
} jsonw;

void jw_init(jsonw *w, sbuf *out);
/* Open a container.  key is the member name inside an object, NULL inside
 * an array or at the top. */
void jw_object(jsonw *w, const char *key, jw_layout layout);
void jw_array(jsonw *w, const char *key, jw_layout layout);
void jw_end(jsonw *w);
/* A string member; nothing is written when v is NULL. */
void jw_str(jsonw *w, const char *key, const char *v);
void jw_int(jsonw *w, const char *key, long long v);
void jw_bool(jsonw *w, const char *key, bool v);
/* True when nothing failed and every container was closed. */
bool jw_ok(const jsonw *w);
/* The finished text: a newline appended to the buffer w writes into, which
 * is handed over (heap string, free()); NULL, the buffer freed, when
 * something failed or a container is still open. */
char *jw_finish(jsonw *w);

/* Appends s as a quoted JSON string. */
void jw_quote(sbuf *out, const char *s);

/* Pieces of yoy's model that every schema writes the same way. */
/* {"line":12,"page":3,"file":1} under key: page and file only when set. */
void jw_loc(jsonw *w, const char *key, yoy_loc at);
/* {"file":"2019-budget.pdf","page":25,"line":12} under key: where a
 * figure is printed, named for a reader (page only when the source has
 * pages).  Nothing is written when file is NULL. */
void jw_place(jsonw *w, const char *key, const char *file, yoy_loc at);
/* The name of the source file of at in d, or NULL. */
const char *jw_source_name(const yoy_doc *d, yoy_loc at);
/* The disclosure a diff or check speaks of: {"label" (when not NULL),
 * "department", "year", "kind", "sources": [{"name","sha256"}]}. */
void jw_doc_ref(jsonw *w, const char *key, const yoy_doc *d, const char *label);

#endif
