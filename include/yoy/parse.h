/* Parsing published disclosures into the document model. */
#ifndef YOY_PARSE_H
#define YOY_PARSE_H

#include <stddef.h>

#include "yoy/doc.h"
#include "yoy/error.h"

/* A file's bytes, read once, to be parsed and stored byte for byte. */
typedef struct yoy_buffer {
	char *name;   /* path as given (heap) */
	char *data;   /* heap, NUL-terminated */
	size_t size;
} yoy_buffer;

/* Read path into out (free with yoy_buffer_free).  YOY_EINPUT naming the
 * file when it cannot be read or is larger than yoy accepts. */
int yoy_buffer_read(yoy_buffer *out, const char *path, yoy_error *err);
void yoy_buffer_free(yoy_buffer *b);

/* True when b holds a stored yoy JSON document rather than a published
 * file. */
int yoy_buffer_is_document(const yoy_buffer *b);

/* Parse one disclosure from buffers already read (see yoy_parse_files). */
int yoy_parse_buffers(yoy_doc **out, const yoy_buffer *bufs, size_t n,
		      yoy_error *err);

/* Parse one disclosure from one or more files: tabbed text, PDF, or a
 * stored yoy JSON document (read back as it is).  Several files make one
 * disclosure (e.g. a narrative PDF and a separate tables PDF of the same
 * year).  On success *out is a new document the caller frees with
 * yoy_doc_free; recoverable oddities are in (*out)->warnings.  On failure
 * returns YOY_EINPUT (or YOY_ENOMEM) with err naming the file. */
int yoy_parse_files(yoy_doc **out, const char *const *paths, size_t npaths,
		    yoy_error *err);

/* The same for one file held in memory; name is used in messages and as
 * the source name. */
int yoy_parse_buffer(yoy_doc **out, const char *name, const void *data,
		     size_t size, yoy_error *err);

/* The time one PDF may take to read, in seconds (default 60; 0: no
 * limit).  A PDF that takes longer is refused with YOY_EINPUT naming the
 * page it got to: a crafted or absurd file must not hold an import or a
 * province sweep.  Applies to the whole process. */
#define YOY_PDF_TIMEOUT_DEFAULT 60
void yoy_set_pdf_timeout(double seconds);

/* The text yoy extracted from one file, as it sees it: one line per
 * extracted line, "PAGE:LINE<TAB>cell<TAB>cell…" (PAGE 0 for text files),
 * cells as split at TABs or PDF column gaps.  For looking at what the
 * recognizers get.  *out is a heap string the caller frees with free(). */
int yoy_extract_lines(char **out, const char *path, yoy_error *err);

#endif
