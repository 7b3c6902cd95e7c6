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

/* A character no Chinese disclosure prints: Latin-1 and Latin Extended
 * letters and signs ("¯政拨款", "ß能V类": a font whose glyphs the PDF maps
 * to the wrong characters), private-use code points, U+FFFD.  The signs a
 * disclosure may print (° ± ² ³ · × ÷ ¥ § µ) are not. */
static bool garbled_cp(uint32_t cp)
{
	if (cp == 0xFFFD || (cp >= 0xE000 && cp <= 0xF8FF))
		return true;
	if (cp < 0xA1 || cp > 0x24F)
		return false;
	static const uint32_t fine[] = { 0xB0, 0xB1, 0xB2, 0xB3, 0xB7, 0xD7, 0xF7, 0xA5, 0xA7, 0xB5 };
	for (size_t i = 0; i < sizeof fine / sizeof *fine; i++)
		if (cp == fine[i])
			return false;
	return true;
}

/* A text layer that is not what the page shows: of the characters read
 * from lines [from, ls->n), at least GARBLED_MIN and one in GARBLED_SHARE
 * of the Han characters are garbled_cp (bundled disclosures: none; a
 * ghostscript re-export that lost its fonts' maps: one in five).  *where
 * gets the first line holding one. */
#define GARBLED_MIN 20
#define GARBLED_SHARE 50

static bool garbled_text(const yoy_lines *ls, size_t from, size_t *nodd,
			 const yoy_line **where)
{
	size_t odd = 0, han = 0;
	*where = NULL;
	for (size_t i = from; i < ls->n; i++) {
		const yoy_line *l = &ls->v[i];
		for (size_t k = 0; k < l->len;) {
			size_t adv;
			uint32_t cp = utf8_decode(l->text + k, l->len - k, &adv);
			k += adv ? adv : 1;
			if (cp >= 0x4E00 && cp <= 0x9FFF)
				han++;
			else if (garbled_cp(cp)) {
				odd++;
				if (!*where)
					*where = l;
			}
		}
	}
	*nodd = odd;
	return odd >= GARBLED_MIN && odd * GARBLED_SHARE >= han;
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
		if (next.g)
			layout_turn_upright(next.g, next.ng, &next.width, &next.height);
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
	size_t odd;
	const yoy_line *at;
	if (garbled_text(ls, before, &odd, &at)) {
		sbuf shown;
		sbuf_init(&shown);
		utf8_sanitize(&shown, at->text, at->len < 60 ? at->len : 60);
		rc = yoy_error_set(err, YOY_EINPUT,
			"%s: the PDF's text layer is not what its pages show: %zu characters no "
			"disclosure prints (page %d line %d: \"%s\"), as when a font maps its "
			"glyphs to the wrong characters; refused rather than checked as misread "
			"(re-export the PDF, or read a text copy)", in->path, odd, at->page, at->no,
			sbuf_cstr(&shown));
		sbuf_free(&shown);
		return rc;
	}
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
