/* PDF input through poppler-glib (the only file that includes poppler).
 *
 * Poppler gives every character of a page with its box; layout.c rebuilds
 * the lines and cells from them. */
#include "pdf.h"
#include "layout.h"
#include "yoy/parse.h"

#include <poppler.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* The poppler and GLib calls yoy makes, in one table: the library is
 * linked normally (readelf -d and dpkg-shlibdeps see it).  Loading it
 * with dlopen() on first use saved ~5 ms of every process start, but hid
 * the dependency from packaging tools; issue 16 chose the packaging. */
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
/* Pages beyond this are refused rather than read for minutes. */
#define PDF_MAX_PAGES 5000

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
		return YOY_ENOMEM;
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

/* One page: its glyphs laid out into lines. */
static int read_page(page_ctx *pc, PopplerPage *page)
{
	glyph *g;
	size_t ng;
	int rc = page_glyphs(page, &g, &ng);
	if (rc || !g)
		return rc;
	rc = layout_page(pc, g, ng);
	free(g);
	return rc;
}

static double pdf_timeout = YOY_PDF_TIMEOUT_DEFAULT;

void yoy_set_pdf_timeout(double seconds)
{
	pdf_timeout = seconds > 0 ? seconds : 0;
}

static double seconds_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int read_pdf(yoy_lines *ls, const yoy_input *in, int file, yoy_error *err)
{
	/* poppler rebuilds a damaged file as best it can; a file cut short
	 * would then parse as a disclosure with pages missing */
	size_t tail = in->size < 2048 ? in->size : 2048;
	if (!span_has(in->bytes + in->size - tail, tail, "%%EOF"))
		return yoy_error_set(err, YOY_EINPUT,
			"%s: truncated PDF (no end-of-file marker)", in->path);
	GError *gerr = NULL;
	GBytes *bytes = P.bytes_new_static(in->bytes, in->size);
	PopplerDocument *doc = P.document_new_from_bytes(bytes, NULL, &gerr);
	P.bytes_unref(bytes);
	if (!doc) {
		int rc;
		if (gerr && gerr->domain == P.error_quark() &&
		    gerr->code == POPPLER_ERROR_ENCRYPTED)
			rc = yoy_error_set(err, YOY_EINPUT,
				"%s: encrypted PDF (password required); cannot read it",
				in->path);
		else
			rc = yoy_error_set(err, YOY_EINPUT,
				"%s: truncated or corrupt PDF (%s)", in->path,
				gerr ? gerr->message : "unreadable");
		if (gerr)
			P.error_free(gerr);
		return rc;
	}
	int pages = P.document_get_n_pages(doc);
	if (pages <= 0) {
		P.object_unref(doc);
		return yoy_error_set(err, YOY_EINPUT,
			"%s: truncated or corrupt PDF (no pages)", in->path);
	}
	if (pages > PDF_MAX_PAGES) {
		P.object_unref(doc);
		return yoy_error_set(err, YOY_EINPUT,
			"%s: PDF claims %d pages (limit %d); not a single disclosure",
			in->path, pages, PDF_MAX_PAGES);
	}
	size_t before = ls->n;
	int rc = 0;
	page_ctx pc = { ls, 0, file, 0, 0, 0, false, 0 };
	double start = seconds_now();
	for (int p = 0; p < pages && !rc; p++) {
		if (pdf_timeout > 0 && seconds_now() - start > pdf_timeout) {
			P.object_unref(doc);
			return yoy_error_set(err, YOY_EINPUT,
				"%s: reading took longer than %g s (at page %d of %d); refused "
				"(--timeout raises the limit)", in->path, pdf_timeout, p + 1, pages);
		}
		PopplerPage *page = P.document_get_page(doc, p);
		if (!page)
			continue; /* a page the tree claims but does not hold */
		pc.page = p + 1;
		P.page_get_size(page, &pc.width, &pc.height);
		rc = read_page(&pc, page);
		P.object_unref(page);
	}
	P.object_unref(doc);
	if (rc)
		return yoy_error_set(err, rc, "%s: out of memory", in->path);
	ls->pages += pages;
	if (ls->n == before)
		return yoy_error_set(err, YOY_EINPUT,
			"%s: image-only PDF (no text layer on any of its %d pages); "
			"yoy does not do OCR", in->path, pages);
	return 0;
}

/* Poppler is not known to be safe with documents open on several threads
 * at once (its colour-management statics are set up unguarded), so one
 * PDF is read at a time; everything after the text layer runs in parallel. */
static pthread_mutex_t poppler_lock = PTHREAD_MUTEX_INITIALIZER;

int pdf_lines(yoy_lines *ls, const yoy_input *in, int file, yoy_error *err)
{
	pthread_mutex_lock(&poppler_lock);
	int rc = read_pdf(ls, in, file, err);
	pthread_mutex_unlock(&poppler_lock);
	return rc;
}
