/* Internal: what the PDF module (yoy-pdf.so, built from pdf_poppler.c,
 * the only file that includes poppler) gives pdf.c.  The module is loaded
 * with dlopen() by the commands that read a PDF, so the others do not pay
 * for loading poppler and GLib at every start (measured: a process linked
 * with poppler-glib starts in 23.7 ms, without it 3.1 ms). */
#ifndef YOY_PDF_MODULE_H
#define YOY_PDF_MODULE_H

#include <stddef.h>

#include "layout.h"
#include "util/module.h"

/* Changes when the table below does; a module of another ABI is refused. */
#define YOY_PDF_MODULE_ABI 2
#define YOY_PDF_MODULE_FILE "yoy-pdf.so"
#define YOY_PDF_MODULE_ENTRY "yoy_pdf_module_entry"

typedef struct yoy_pdf_doc yoy_pdf_doc;

enum { YOY_PDF_OK = 0, YOY_PDF_ENCRYPTED, YOY_PDF_CORRUPT, YOY_PDF_NOMEM };

typedef struct yoy_pdf_module {
	yoy_module_head head;
	/* Open the PDF in bytes[0..size), which must outlive it.  Returns a
	 * YOY_PDF_* status; on YOY_PDF_CORRUPT msg says why. */
	int (*open)(yoy_pdf_doc **out, const char *bytes, size_t size, char *msg,
		    size_t msgsize);
	int (*pages)(yoy_pdf_doc *d);
	/* Page p (from 0): its size in points and its characters with their
	 * boxes, blanks and controls left out (*out malloc'd, the caller frees
	 * it; NULL when the page has no text).  Returns 0, 1 when the
	 * document has no such page, or YOY_PDF_NOMEM. */
	int (*page)(yoy_pdf_doc *d, int p, double *width, double *height, glyph **out,
		    size_t *ng);
	void (*close)(yoy_pdf_doc *d);
} yoy_pdf_module;

/* The module's one exported symbol, YOY_PDF_MODULE_ENTRY, returns
 * &table.head (util/module.h). */

#endif
