/* Internal: lines and cells rebuilt from positioned characters, as a PDF
 * page gives them (pdf.c feeds it; the layout fuzzer feeds it directly).
 * May call util and lines.h only: no poppler here. */
#ifndef YOY_LAYOUT_H
#define YOY_LAYOUT_H

#include <stdbool.h>
#include <stdint.h>

#include "lines.h"

/* One character and its box, in points from the page's top left. */
typedef struct glyph {
	uint32_t cp;
	float x1, y1, x2, y2;
} glyph;

/* The page being laid out, and what carries over from the page before. */
typedef struct page_ctx {
	yoy_lines *ls;
	int page;
	int file;
	int line_no;      /* of the line being read, on its page */
	double width, height;
	bool prev_open;   /* the previous line did not end a sentence */
	float prev_x2;    /* right edge of the previous body line */
} page_ctx;

/* qsort order: top to bottom by the middle of the box, then left to
 * right. */
int glyph_by_y_then_x(const void *a, const void *b);

/* qsort order: left to right. */
int glyph_by_x(const void *a, const void *b);

/* Whether glyph g, in top-to-bottom order, goes on the line whose band
 * is [y1, y2]: their middles within 0.45 of the taller one's height. */
bool glyph_on_line(const glyph *g, float y1, float y2);

/* "─ 7 ─", "- 3 -", "3", "第 3 页", "3/25": page furniture, dropped. */
bool page_number_text(const char *s);

/* Text set a quarter turn round on its page (a landscape table printed
 * sideways on a portrait page, without /Rotate): its characters follow
 * one another down or up the page.  Such a page is turned upright -- g's
 * boxes mapped so that the text runs left to right, *width and *height
 * swapped -- and true returned.  g must be in the text layer's order (as
 * poppler gives it), which it keeps. */
bool layout_turn_upright(glyph *g, size_t ng, double *width, double *height);

/* Append the lines of one page to pc->ls: g (ng glyphs, any order; sorted
 * and its broken boxes repaired in place) grouped into lines by vertical
 * band, cut into cells at column gaps, page numbers dropped, each line
 * numbered on its page.  Returns 0 or YOY_ENOMEM. */
int layout_page(page_ctx *pc, glyph *g, size_t ng);

#endif
