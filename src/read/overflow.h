/* Internal: lines a word processor printed on two pages, one copy clipped
 * away.  Word draws the lines that overflow a page's text area on that
 * page too, below its clip, and again on the next page, where the lines
 * that precede them also stand above that page's clip.  Poppler's text
 * layer (and pdftotext) gives both copies; a reader sees one.  This file
 * finds such twin lines and drops the copy outside the text area.  May
 * call util and layout.h only. */
#ifndef YOY_OVERFLOW_H
#define YOY_OVERFLOW_H

#include <stddef.h>

#include "layout.h"

/* One line at the foot of a page and its twin at the head of the next:
 * same characters, same left edge, every twin the same distance up. */
typedef struct overflow_twin {
	size_t a_first, a_n; /* the glyphs of the copy on the first page */
	size_t b_first, b_n; /* on the next page */
	glyph a_box, b_box;  /* each copy's box (cp unused) */
} overflow_twin;

/* The twin lines of pages a and b (b follows a): the longest run of
 * lines (OVERFLOW_MAX_LINES at most) that ends page a and starts page b
 * alike, page numbers aside, when it holds at least OVERFLOW_MIN_CHARS
 * characters.  Sorts a and b
 * in place (top to bottom, each line left to right); the glyph ranges
 * index the sorted arrays.  *out is malloc'd (the caller frees it),
 * NULL with *n = 0 when there are none; *a_top (may be NULL) gets the
 * top of a's first line, or -1 when every line of a is a twin.  Returns
 * 0 or YOY_ENOMEM. */
int overflow_twins(glyph *a, size_t na, glyph *b, size_t nb, overflow_twin **out,
		   size_t *n, float *a_top);

#define OVERFLOW_MIN_CHARS 8
#define OVERFLOW_MAX_LINES 64 /* an overflow is a few lines: 10 and 13 seen */

/* Remove the glyphs whose cp is 0 from g, keeping the order; *ng is
 * updated. */
void overflow_compact(glyph *g, size_t *ng);

/* Read twin lines once: of the twins of pages a and b, those whose copy
 * on b stands above b's text area are kept on a, the others on b; the
 * other copies are removed (*na, *nb updated; a and b sorted as by
 * overflow_twins).  The text area's top is where a's first line, not a
 * twin, stands -- a word processor starts every page of a section at
 * the same margin.  Nothing is removed for fewer than two twins (a
 * running title repeated atop the next page is one line) or when page a
 * holds nothing else.  *dropped (may be NULL) gets the lines removed.
 * Returns 0 or YOY_ENOMEM. */
int overflow_read_once(glyph *a, size_t *na, glyph *b, size_t *nb, size_t *dropped);

#endif
