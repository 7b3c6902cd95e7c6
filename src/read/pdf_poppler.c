/* The PDF module, yoy-pdf.so: poppler-glib's characters and boxes of
 * each page (the only file that includes poppler).  Built as a module of
 * its own, linked normally with poppler (readelf -d and dpkg-shlibdeps see
 * it), and loaded by pdf.c only when a PDF is read.  Calls util. */
#include "pdf_module.h"

#include <poppler.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

/* The poppler and GLib calls yoy makes, in one table. */
static struct {
	__typeof__(poppler_document_new_from_bytes) *document_new_from_bytes;
	__typeof__(poppler_document_get_n_pages) *document_get_n_pages;
	__typeof__(poppler_document_get_page) *document_get_page;
	__typeof__(poppler_page_get_size) *page_get_size;
	__typeof__(poppler_page_get_text) *page_get_text;
	__typeof__(poppler_page_get_text_layout) *page_get_text_layout;
	__typeof__(poppler_error_quark) *error_quark;
	__typeof__(g_bytes_new_static) *bytes_new_static;
	__typeof__(g_bytes_unref) *bytes_unref;
	__typeof__(g_error_free) *error_free;
	__typeof__(g_free) *free;
	__typeof__(g_object_unref) *object_unref;
} P = {
	poppler_document_new_from_bytes,
	poppler_document_get_n_pages,
	poppler_document_get_page,
	poppler_page_get_size,
	poppler_page_get_text,
	poppler_page_get_text_layout,
	poppler_error_quark,
	g_bytes_new_static,
	g_bytes_unref,
	g_error_free,
	g_free,
	g_object_unref,
};
/* The page's characters with their boxes, blanks and controls left out.
 * *out is malloc'd (the caller frees it); 0 glyphs when the page has no
 * text. */
static int page_glyphs(PopplerPage *page, glyph **out, size_t *ng)
{
	*out = NULL;
	*ng = 0;
	char *text = P.page_get_text(page);
	PopplerRectangle *rects = NULL;
	guint nrects = 0;
	if (!text || !P.page_get_text_layout(page, &rects, &nrects)) {
		P.free(text);
		P.free(rects);
		return 0;
	}
	glyph *g = malloc((nrects + 1) * sizeof *g);
	if (!g) {
		P.free(text);
		P.free(rects);
		return YOY_PDF_NOMEM;
	}
	size_t n = 0, len = strlen(text), off = 0;
	for (guint i = 0; i < nrects && off < len; i++) {
		size_t adv;
		uint32_t cp = utf8_decode(text + off, len - off, &adv);
		off += adv;
		if (is_blank_cp(cp) || cp < 0x20)
			continue;
		glyph *gl = &g[n++];
		gl->cp = cp;
		gl->x1 = (float)rects[i].x1;
		gl->y1 = (float)rects[i].y1;
		gl->x2 = (float)rects[i].x2;
		gl->y2 = (float)rects[i].y2;
	}
	P.free(text);
	P.free(rects);
	*out = g;
	*ng = n;
	return 0;
}

struct yoy_pdf_doc {
	PopplerDocument *doc;
};

static int open_doc(yoy_pdf_doc **out, const char *bytes, size_t size, char *msg,
		    size_t msgsize)
{
	*out = NULL;
	GError *gerr = NULL;
	GBytes *b = P.bytes_new_static(bytes, size);
	PopplerDocument *doc = P.document_new_from_bytes(b, NULL, &gerr);
	P.bytes_unref(b);
	if (!doc) {
		int rc = gerr && gerr->domain == P.error_quark() &&
				 gerr->code == POPPLER_ERROR_ENCRYPTED
			 ? YOY_PDF_ENCRYPTED
			 : YOY_PDF_CORRUPT;
		snprintf(msg, msgsize, "%s", gerr ? gerr->message : "unreadable");
		if (gerr)
			P.error_free(gerr);
		return rc;
	}
	if (!(*out = malloc(sizeof **out))) {
		P.object_unref(doc);
		return YOY_PDF_NOMEM;
	}
	(*out)->doc = doc;
	return YOY_PDF_OK;
}

static int doc_pages(yoy_pdf_doc *d)
{
	return P.document_get_n_pages(d->doc);
}

static int doc_page(yoy_pdf_doc *d, int p, double *width, double *height, glyph **out,
		    size_t *ng)
{
	*out = NULL;
	*ng = 0;
	PopplerPage *page = P.document_get_page(d->doc, p);
	if (!page)
		return 1; /* a page the tree claims but does not hold */
	P.page_get_size(page, width, height);
	int rc = page_glyphs(page, out, ng);
	P.object_unref(page);
	return rc ? YOY_PDF_NOMEM : 0;
}

static void close_doc(yoy_pdf_doc *d)
{
	if (!d)
		return;
	P.object_unref(d->doc);
	free(d);
}

static const yoy_pdf_module module = {
	{ YOY_PDF_MODULE_ABI, YOY_VERSION }, open_doc, doc_pages, doc_page, close_doc,
};

/* The one symbol the module exports (pdf_module.map). */
const yoy_module_head *yoy_pdf_module_entry(void);
const yoy_module_head *yoy_pdf_module_entry(void)
{
	return &module.head;
}
