/* Internal: extracted text as numbered lines of cells.
 *
 * Both readers produce this: the tabbed-text reader splits at TABs, the PDF
 * reader rebuilds lines and cells from character positions.  The table,
 * form, narrative and claim recognizers only ever see yoy_lines, so the
 * two formats share them. */
#ifndef YOY_LINES_H
#define YOY_LINES_H

#include <stdbool.h>
#include <stddef.h>

#include "util/util.h"

typedef struct yoy_cell {
	const char *text; /* trimmed, NUL-terminated */
	size_t len;
	int x0, x1;       /* PDF: left/right edge in 1/10 pt; 0 for text */
} yoy_cell;

typedef struct yoy_line {
	int no;           /* 1-based line number */
	int page;         /* 1-based page; 0 when the source has no pages */
	int file;         /* index of the source file */
	const char *text; /* whole line, trimmed, cells joined by one space */
	size_t len;
	yoy_cell *cells;
	size_t ncells;    /* 0 for a blank line */
	bool tabbed;      /* printed as a table row (TABs or column gaps) */
	int indent;       /* PDF: left edge in 1/10 pt relative to the text
			     block; 0 for text */
	int y0, y1;       /* PDF: top and bottom in 1/10 pt; 0 for text */
	bool para_start;  /* PDF: line starts a paragraph (indent or gap) */
} yoy_line;

typedef struct yoy_lines {
	yoy_line *v;
	size_t n, cap;
	int pages;
	yoy_arena arena;  /* owns cells and texts */
} yoy_lines;

void lines_free(yoy_lines *ls);

/* Append a line; cells are copied.  Returns the line or NULL (no memory). */
yoy_line *lines_add(yoy_lines *ls, int no, int page, int file,
		    const char *const *cells, const size_t *lens, size_t n);

/* Split decoded tabbed text into lines (tabbed when a line holds a TAB). */
int lines_from_text(yoy_lines *ls, const char *text, size_t len, int file);

/* Cell i of line l trimmed, or "" when out of range. */
const char *line_cell(const yoy_line *l, size_t i);

/* Number of non-empty cells. */
size_t line_filled(const yoy_line *l);

/* A page number printed between the lines of text copied out of a PDF:
 * "第2页", "第 2 页 共 10 页", "- 2 -", "—2—", "2/10", "2". */
bool line_page_number(const yoy_line *l);

/* True when the cells carry page positions (PDF). */
static inline bool line_positioned(const yoy_line *l)
{
	return l->ncells > 0 && l->cells[l->ncells - 1].x1 > 0;
}

#endif
