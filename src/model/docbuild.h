/* Internal: building a yoy_doc (used by the parser and the JSON loader).
 * Arrays grow inside the document's arena, so a pointer returned by an
 * add function is valid only until the next add on the same array. */
#ifndef YOY_DOCBUILD_H
#define YOY_DOCBUILD_H

#include <stdbool.h>

#include "util/util.h"
#include "yoy/doc.h"
#include "yoy/error.h"

/* A new empty document owning a fresh arena; NULL when out of memory. */
yoy_doc *doc_new(void);

/* Grow an arena array by one zeroed element; returns it or NULL. */
void *doc_push(yoy_doc *doc, void **items, size_t *n, size_t *cap,
	       size_t size);

/* Copies owned by the document. */
const char *doc_str(yoy_doc *doc, const char *s);
const char *doc_strn(yoy_doc *doc, const char *s, size_t len);

yoy_table *doc_add_table(yoy_doc *doc, size_t *cap);
yoy_row *table_add_row(yoy_doc *doc, yoy_table *t, size_t *cap);
/* Set the columns of t (copies keys and labels). */
bool table_set_columns(yoy_doc *doc, yoy_table *t, const char *const *keys,
		       const char *const *labels, size_t n);
yoy_claim *doc_add_claim(yoy_doc *doc, size_t *cap);
yoy_section *doc_add_section(yoy_doc *doc, size_t *cap);
yoy_perf_form *doc_add_form(yoy_doc *doc, size_t *cap);
yoy_indicator *form_add_indicator(yoy_doc *doc, yoy_perf_form *f,
				  size_t *cap);
yoy_source_info *doc_add_source(yoy_doc *doc);

/* Record a warning at loc (message is formatted and copied). */
void doc_warn(yoy_doc *doc, yoy_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
