/* PDF input: the characters and boxes of each page come from the PDF
 * module (yoy-pdf.so, pdf_poppler.c, through poppler), loaded with
 * dlopen() on the first PDF (util/module.c); layout.c rebuilds the lines and cells from
 * them, lines drawn twice read once (overflow.c).  Calls util, layout and
 * overflow. */
#include "pdf.h"
#include "layout.h"
#include "overflow.h"
#include "pdf_module.h"
#include "yoy/parse.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/module.h"
#include "util/util.h"

/* Pages beyond this are refused rather than read for minutes. */
#define PDF_MAX_PAGES 5000

static const yoy_pdf_module *M;
static char module_error[1024];
static pthread_once_t module_once = PTHREAD_ONCE_INIT;

static void load_module(void)
{
	M = (const yoy_pdf_module *)yoy_module_load(YOY_PDF_MODULE_FILE, "YOY_PDF_MODULE",
						    YOY_PDF_MODULE_ENTRY, YOY_PDF_MODULE_ABI,
						    module_error, sizeof module_error);
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

/* A page read and not yet laid out. */
typedef struct held_page {
	glyph *g;
	size_t ng;
	int page; /* from 0 */
	double width, height;
} held_page;

static int lay_out(page_ctx *pc, held_page *h)
{
	if (!h->g || !h->ng)
		return 0;
	pc->page = h->page + 1;
	pc->width = h->width;
	pc->height = h->height;
	return layout_page(pc, h->g, h->ng);
}

static int read_pdf(yoy_lines *ls, const yoy_input *in, int file, yoy_error *err)
{
	/* poppler rebuilds a damaged file as best it can; a file cut short
	 * would then parse as a disclosure with pages missing */
	size_t tail = in->size < 2048 ? in->size : 2048;
	if (!span_has(in->bytes + in->size - tail, tail, "%%EOF"))
		return yoy_error_set(err, YOY_EINPUT,
			"%s: truncated PDF (no end-of-file marker)", in->path);
	pthread_once(&module_once, load_module);
	if (!M)
		return yoy_error_set(err, YOY_EINTERNAL, "%s: cannot read PDFs: %s", in->path,
				     module_error);
	char why[512] = "";
	yoy_pdf_doc *doc = NULL;
	int st = M->open(&doc, in->bytes, in->size, why, sizeof why);
	if (st == YOY_PDF_ENCRYPTED)
		return yoy_error_set(err, YOY_EINPUT,
			"%s: encrypted PDF (password required); cannot read it", in->path);
	if (st == YOY_PDF_NOMEM)
		return yoy_error_set(err, YOY_ENOMEM, "%s: out of memory", in->path);
	if (st != YOY_PDF_OK)
		return yoy_error_set(err, YOY_EINPUT, "%s: truncated or corrupt PDF (%s)",
				     in->path, why);
	int pages = M->pages(doc);
	if (pages <= 0) {
		M->close(doc);
		return yoy_error_set(err, YOY_EINPUT,
			"%s: truncated or corrupt PDF (no pages)", in->path);
	}
	if (pages > PDF_MAX_PAGES) {
		M->close(doc);
		return yoy_error_set(err, YOY_EINPUT,
			"%s: PDF claims %d pages (limit %d); not a single disclosure",
			in->path, pages, PDF_MAX_PAGES);
	}
	size_t before = ls->n;
	int rc = 0;
	page_ctx pc = { ls, 0, file, 0, 0, 0, false, 0 };
	/* each page is laid out once the next is read: lines drawn on both,
	 * one copy clipped away, are read once (overflow.h) */
	held_page held = { NULL, 0, 0, 0, 0 };
	double start = seconds_now();
	for (int p = 0; p < pages && !rc; p++) {
		if (pdf_timeout > 0 && seconds_now() - start > pdf_timeout) {
			free(held.g);
			M->close(doc);
			return yoy_error_set(err, YOY_EINPUT,
				"%s: reading took longer than %g s (at page %d of %d); refused "
				"(--timeout raises the limit)", in->path, pdf_timeout, p + 1, pages);
		}
		held_page next = { NULL, 0, p, 0, 0 };
		int got = M->page(doc, p, &next.width, &next.height, &next.g, &next.ng);
		if (got == 1)
			continue; /* a page the tree claims but does not hold */
		if (got) {
			rc = YOY_ENOMEM;
			break;
		}
		if (held.g && next.g && held.page == p - 1)
			rc = overflow_read_once(held.g, &held.ng, next.g, &next.ng, NULL);
		if (!rc)
			rc = lay_out(&pc, &held);
		free(held.g);
		held = next;
	}
	if (!rc)
		rc = lay_out(&pc, &held);
	free(held.g);
	M->close(doc);
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
