/* Lines and cells from positioned characters (layout.h).
 *
 * Lines are rebuilt from the boxes (same vertical band, left to right),
 * cells are split at real column gaps (wider than ~0.6 em), and page
 * furniture is dropped: page numbers ("─ 7 ─", a bare "3") at the top or
 * bottom of a page.  A line indented from the text block's left edge, or
 * following a short line that ends a sentence, starts a paragraph; other
 * lines continue the paragraph, across pages too.  May call util and
 * lines.h only. */
#include "layout.h"
#include "yoy/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct pline {
	size_t first, n;  /* glyph range after sorting */
	float y1, y2, x1, x2;
} pline;

int glyph_by_y_then_x(const void *a, const void *b)
{
	const glyph *g = a, *h = b;
	float ya = (g->y1 + g->y2) / 2, yb = (h->y1 + h->y2) / 2;
	if (ya < yb - 0.01f)
		return -1;
	if (ya > yb + 0.01f)
		return 1;
	return (g->x1 > h->x1) - (g->x1 < h->x1);
}

int glyph_by_x(const void *a, const void *b)
{
	const glyph *g = a, *h = b;
	return (g->x1 > h->x1) - (g->x1 < h->x1);
}

static bool is_han(uint32_t cp)
{
	return cp >= 0x4E00 && cp <= 0x9FFF;
}

/* 类 款 项: the three code columns of Shanghai's tables */
static bool is_code_part(uint32_t cp)
{
	return cp == 0x7C7B || cp == 0x6B3E || cp == 0x9879;
}

static size_t utf8_length_of(uint32_t cp)
{
	char enc[4];
	return utf8_encode(cp, enc);
}

/* "17,981.68": digits, separators and a point, at least three. */
static bool figure_text(const char *s, size_t n)
{
	size_t digits = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digits++;
		else if (s[i] != ',' && s[i] != '.')
			return false;
	}
	return digits >= 3;
}

static bool is_ascii_word(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
	       (cp >= 'A' && cp <= 'Z');
}

bool page_number_text(const char *s)
{
	bool digit = false;
	size_t n = strlen(s), i = 0;
	while (i < n) {
		size_t adv;
		uint32_t cp = utf8_decode(s + i, n - i, &adv);
		i += adv;
		if (cp >= '0' && cp <= '9')
			digit = true;
		else if (!(cp == ' ' || cp == '-' || cp == '/' || cp == 0x2500 ||
			   cp == 0x2014 || cp == 0x2013 || cp == 0x2015 || cp == 0x7B2C ||
			   cp == 0x9875 || cp == 0x2212 || cp == 0xFF0D))
			return false;
	}
	return digit && n <= 24;
}

/* A figure in a table cell: "17,981.68", "1,200", "3.50" -- thousands
 * separators, or one or two decimals, so that a year, a count or "9.2023"
 * (an item number and a year in a list) is not one. */
static bool amount_text(const char *s, size_t n)
{
	if (!figure_text(s, n))
		return false;
	const char *point = memchr(s, '.', n);
	if (point && memchr(point + 1, '.', n - (size_t)(point + 1 - s)))
		return false;
	size_t decimals = point ? n - (size_t)(point + 1 - s) : 0;
	if (memchr(s, ',', n))
		return decimals == 0 || decimals == 2;
	return decimals == 1 || decimals == 2;
}

static bool is_unit_or_punct(uint32_t cp)
{
	/* 万元 亿元 元 % and CJK punctuation follow a figure in prose */
	return cp == 0x4E07 || cp == 0x5143 || cp == 0x4EBF || cp == '%' || cp == 0xFF05 ||
	       (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF0F) ||
	       (cp >= 0xFF1A && cp <= 0xFF20);
}

enum { BREAK_NONE, BREAK_CELL, BREAK_SPACE };

/* A line of prose has sentence punctuation or an amount with its unit
 * ("1619.83万元"); a table row has neither: its unit is in the header.
 * Only on a table row do narrow gaps around figures part cells, so a
 * sentence is never cut into cells at "2017 年". */
static bool table_like(const glyph *g, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		uint32_t cp = g[k].cp;
		if (cp == 0xFF0C || cp == 0x3002 || cp == 0xFF1B || cp == 0xFF1F)
			return false; /* ，。；？ */
		if ((cp == 0x4E07 || cp == 0x4EBF) && k + 1 < n && g[k + 1].cp == 0x5143)
			return false; /* 万元, 亿元 */
	}
	return true;
}

/* What the gap between glyphs p and c means, given the cell so far
 * (cell, n bytes).  A space in running text is ~0.25 em; between table
 * columns it is wider, so a gap over 0.6 em ends a cell -- except in a
 * header spaced out letter by letter ("合    计"), which stays one word
 * (类 款 项 are columns of their own).  Narrow columns of figures sit
 * closer, so on a line that reads as a table row, not prose (see
 * table_like), an amount ends a cell where words follow it (at any gap:
 * a label never starts with "91,016,775.35"), where another figure
 * follows 0.2 em on, and words end a cell 0.1 em before an amount. */
/* The glyphs from c on spell an amount ("82,096,797.42"), up to the first
 * glyph that is no part of one; end is one past the line's last glyph. */
static bool amount_ahead(const glyph *c, const glyph *end)
{
	char buf[32];
	size_t n = 0;
	for (; c < end && n < sizeof buf; c++) {
		bool part = (c->cp >= '0' && c->cp <= '9') || c->cp == ',' || c->cp == '.';
		if (!part)
			break;
		buf[n++] = (char)c->cp;
	}
	return amount_text(buf, n);
}

static int boundary(const char *cell, size_t n, const glyph *p, const glyph *c,
		    const glyph *end, float em, bool table_like)
{
	float gap = c->x1 - p->x2;
	bool spaced_word = n == utf8_length_of(p->cp) && is_han(p->cp) && is_han(c->cp) &&
			   gap < 1.8f * em && !is_code_part(p->cp) && !is_code_part(c->cp);
	if (spaced_word)
		return BREAK_NONE;
	bool c_digit = c->cp >= '0' && c->cp <= '9';
	bool p_digit = p->cp >= '0' && p->cp <= '9';
	bool figure_end = is_han(c->cp) && !is_unit_or_punct(c->cp) && p_digit &&
			  amount_text(cell, n);
	bool figure_next = gap > 0.2f * em && (c_digit || c->cp == '-') && p_digit &&
			   amount_text(cell, n);
	bool figure_start = gap > 0.1f * em && c_digit && is_han(p->cp) &&
			    !is_unit_or_punct(p->cp) && amount_ahead(c, end);
	bool old_figure_end = gap > 0.3f * em && is_han(c->cp) && p_digit && figure_text(cell, n);
	if (gap > 0.6f * em || old_figure_end ||
	    (table_like && (figure_end || figure_next || figure_start)))
		return BREAK_CELL;
	if (gap > 0.2f * em && is_ascii_word(p->cp) && is_ascii_word(c->cp))
		return BREAK_SPACE;
	return BREAK_NONE;
}


static bool is_cjk_numeral(uint32_t cp)
{
	static const uint32_t numerals[] = { 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
					     0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341 };
	for (size_t i = 0; i < sizeof numerals / sizeof *numerals; i++)
		if (cp == numerals[i])
			return true;
	return false;
}

/* The marker of a list item: "30.", "3．", "2、", "（三）", "(2)", "一、"
 * -- a number, then a point or a comma that no figure has after it. */
static bool list_item_start(const char *s)
{
	size_t n = strlen(s), i = 0, adv;
	uint32_t cp = utf8_decode(s, n, &adv);
	bool paren = cp == '(' || cp == 0xFF08;
	if (paren)
		i += adv;
	size_t digits = 0, numerals = 0;
	for (; i < n; i += adv) {
		cp = utf8_decode(s + i, n - i, &adv);
		if (cp >= '0' && cp <= '9')
			digits++;
		else if (is_cjk_numeral(cp))
			numerals++;
		else
			break;
	}
	if ((digits == 0) == (numerals == 0) || digits > 2 || numerals > 3 || i >= n)
		return false;
	if (paren)
		return cp == ')' || cp == 0xFF09;
	if (cp == 0x3001) /* 、 */
		return true;
	if (digits && (cp == '.' || cp == 0xFF0E)) {
		/* "107.62万元" is a figure, "1.“一般…" an item */
		uint32_t after = utf8_decode(s + i + adv, n - i - adv, &adv);
		return !(after >= '0' && after <= '9');
	}
	return false;
}

static int emit_line(page_ctx *pc, glyph *g, const pline *pl, float left,
		     float right)
{
	/* cells at gaps wider than ~one character */
	float em = pl->y2 - pl->y1;
	if (em <= 0)
		em = 10;
	sbuf text;
	sbuf_init(&text);
	const char *cells[64];
	size_t lens[64];
	int x0s[64], x1s[64];
	size_t starts[64];
	size_t nc = 0;
	starts[0] = 0;
	x0s[0] = (int)lrintf(g[pl->first].x1 * 10);
	bool table_row = table_like(g + pl->first, pl->n);
	for (size_t k = 0; k < pl->n; k++) {
		const glyph *c = &g[pl->first + k];
		if (k > 0) {
			int b = boundary(text.data + starts[nc], text.len - starts[nc], c - 1, c,
					 g + pl->first + pl->n, em, table_row);
			if (b == BREAK_CELL && nc + 1 < 64) {
				x1s[nc] = (int)lrintf(c[-1].x2 * 10);
				nc++;
				starts[nc] = text.len;
				x0s[nc] = (int)lrintf(c->x1 * 10);
			} else if (b == BREAK_SPACE) {
				sbuf_putc(&text, ' ');
			}
		}
		char enc[4];
		sbuf_put(&text, enc, utf8_encode(c->cp, enc));
	}
	x1s[nc] = (int)lrintf(g[pl->first + pl->n - 1].x2 * 10);
	nc++;
	if (text.oom) {
		sbuf_free(&text);
		return YOY_ENOMEM;
	}
	for (size_t i = 0; i < nc; i++) {
		cells[i] = text.data + starts[i];
		lens[i] = (i + 1 < nc ? starts[i + 1] : text.len) - starts[i];
	}
	yoy_line *l = lines_add(pc->ls, pc->line_no, pc->page, pc->file,
				cells, lens, nc);
	sbuf_free(&text);
	if (!l)
		return YOY_ENOMEM;
	for (size_t i = 0; i < l->ncells; i++) {
		l->cells[i].x0 = x0s[i];
		l->cells[i].x1 = x1s[i];
	}
	l->tabbed = l->ncells > 1;
	l->y0 = (int)lrintf(pl->y1 * 10);
	l->y1 = (int)lrintf(pl->y2 * 10);
	l->indent = (int)lrintf((pl->x1 - left) * 10);
	/* a paragraph starts at an indent, or after a line that ended a
	 * sentence well short of the right edge */
	bool indented = pl->x1 - left > 1.2f * em;
	bool after_short = !pc->prev_open && pc->prev_x2 < right - 2.0f * em;
	/* "30.“城乡社区支出…" after a line that ended its sentence at the
	 * right edge: the next item of a list set flush with the text */
	bool next_item = !pc->prev_open && list_item_start(l->text);
	l->para_start = indented || after_short || next_item;
	pc->prev_x2 = pl->x2;
	pc->prev_open = !(str_ends(l->text, "。") || str_ends(l->text, "：") ||
			  str_ends(l->text, ":"));
	return 0;
}

static int cmp_float(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;
	return (x > y) - (x < y);
}

/* Some PDFs carry broken font metrics: the 2024 决算 of 普陀区财政局 gives
 * its CJK glyphs, 11 pt wide, boxes 2.8 pt tall, and its figures boxes
 * 20 pt tall, so lines neither group nor line up.  A CJK glyph is square:
 * its width is its size.  A box much shorter or taller than that (for
 * other glyphs: than the page's usual CJK size) is set to it, around its
 * centre. */
static void repair_heights(glyph *g, size_t n)
{
	float *w = malloc((n + 1) * sizeof *w);
	if (!w)
		return;
	size_t nw = 0;
	for (size_t i = 0; i < n; i++)
		if (is_han(g[i].cp) && g[i].x2 > g[i].x1)
			w[nw++] = g[i].x2 - g[i].x1;
	if (nw < 8) {
		free(w);
		return; /* too little CJK text to know its size */
	}
	qsort(w, nw, sizeof *w, cmp_float);
	float usual = w[nw / 2];
	free(w);
	for (size_t i = 0; i < n; i++) {
		float em = is_han(g[i].cp) ? g[i].x2 - g[i].x1 : usual;
		float h = g[i].y2 - g[i].y1, yc = (g[i].y1 + g[i].y2) / 2;
		if (em > 0 && (h < 0.6f * em || h > 1.6f * em)) {
			g[i].y1 = yc - em / 2;
			g[i].y2 = yc + em / 2;
		}
	}
}

bool glyph_on_line(const glyph *g, float y1, float y2)
{
	float yc = (g->y1 + g->y2) / 2, h = g->y2 - g->y1;
	float cc = (y1 + y2) / 2, ch = y2 - y1;
	return fabsf(yc - cc) <= 0.45f * (ch > h ? ch : h);
}

/* Glyphs into lines by vertical overlap, each line's glyphs sorted by x
 * and its box set.  *out is malloc'd (the caller frees it). */
static int group_lines(glyph *g, size_t ng, pline **out, size_t *npl)
{
	pline *pls = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < ng; i++) {
		pline *cur = n ? &pls[n - 1] : NULL;
		if (cur && glyph_on_line(&g[i], cur->y1, cur->y2)) {
			cur->n++;
			continue;
		}
		pline nl = { i, 1, g[i].y1, g[i].y2, 0, 0 };
		if (!VEC_PUSH(pls, n, cap, nl)) {
			free(pls);
			return YOY_ENOMEM;
		}
	}
	for (size_t k = 0; k < n; k++) {
		pline *pl = &pls[k];
		qsort(g + pl->first, pl->n, sizeof *g, glyph_by_x);
		pl->x1 = g[pl->first].x1;
		pl->x2 = g[pl->first + pl->n - 1].x2;
		for (size_t j = 0; j < pl->n; j++) {
			if (g[pl->first + j].y1 < pl->y1)
				pl->y1 = g[pl->first + j].y1;
			if (g[pl->first + j].y2 > pl->y2)
				pl->y2 = g[pl->first + j].y2;
		}
	}
	*out = pls;
	*npl = n;
	return 0;
}

/* The text block's left and right edges, from lines long enough to be
 * body text; the page's width when there are none. */
static void text_edges(const page_ctx *pc, const pline *pls, size_t npl, float *left,
		       float *right)
{
	*left = 1e9f;
	*right = 0;
	for (size_t k = 0; k < npl; k++) {
		if (pls[k].n < 12)
			continue;
		if (pls[k].x1 < *left)
			*left = pls[k].x1;
		if (pls[k].x2 > *right)
			*right = pls[k].x2;
	}
	if (*left > *right) {
		*left = 0;
		*right = (float)pc->width;
	}
}

/* A page number at the top or bottom of the page ("─ 7 ─"). */
static bool page_furniture(const page_ctx *pc, const glyph *g, const pline *pl, sbuf *s)
{
	if (!(pl->y2 > pc->height * 0.90 || pl->y1 < pc->height * 0.06))
		return false;
	sbuf_reset(s);
	for (size_t j = 0; j < pl->n; j++) {
		char enc[4];
		sbuf_put(s, enc, utf8_encode(g[pl->first + j].cp, enc));
	}
	return page_number_text(sbuf_cstr(s));
}

bool layout_turn_upright(glyph *g, size_t ng, double *width, double *height)
{
	/* each character against the one before it in the text layer: a
	 * neighbour beside it (across) or above or below it (down, up) */
	size_t across = 0, down = 0, up = 0;
	for (size_t i = 1; i < ng; i++) {
		const glyph *a = &g[i - 1], *b = &g[i];
		float size = fmaxf(fmaxf(a->x2 - a->x1, a->y2 - a->y1),
				   fmaxf(b->x2 - b->x1, b->y2 - b->y1));
		float dx = (b->x1 + b->x2 - a->x1 - a->x2) / 2;
		float dy = (b->y1 + b->y2 - a->y1 - a->y2) / 2;
		if (size <= 0)
			continue;
		if (fabsf(dy) <= 1.5f * size && fabsf(dx) < 0.3f * fabsf(dy))
			*(dy > 0 ? &down : &up) += 1;
		else if (fabsf(dx) <= 1.5f * size && fabsf(dy) < 0.3f * fabsf(dx))
			across++;
	}
	size_t turned = down > up ? down : up;
	if (turned < 10 || turned <= 3 * across || turned <= 3 * (down + up - turned))
		return false;
	double w = *width, h = *height;
	for (size_t i = 0; i < ng; i++) {
		glyph o = g[i];
		if (down > up) { /* read downwards: lines stack leftwards */
			g[i].x1 = o.y1;
			g[i].x2 = o.y2;
			g[i].y1 = (float)w - o.x2;
			g[i].y2 = (float)w - o.x1;
		} else { /* read upwards: lines stack rightwards */
			g[i].x1 = (float)h - o.y2;
			g[i].x2 = (float)h - o.y1;
			g[i].y1 = o.x1;
			g[i].y2 = o.x2;
		}
	}
	*width = h;
	*height = w;
	return true;
}

int layout_page(page_ctx *pc, glyph *g, size_t ng)
{
	repair_heights(g, ng);
	qsort(g, ng, sizeof *g, glyph_by_y_then_x);
	pline *pls = NULL;
	size_t npl = 0;
	int rc = group_lines(g, ng, &pls, &npl);
	if (rc)
		return rc;
	float left, right;
	text_edges(pc, pls, npl, &left, &right);
	sbuf s;
	sbuf_init(&s);
	/* lines are numbered on their page, top down, page numbers too, as
	 * the non-blank lines of `pdftotext -layout -f P -l P` */
	for (size_t k = 0; k < npl && !rc; k++) {
		pc->line_no = (int)k + 1;
		if (!page_furniture(pc, g, &pls[k], &s))
			rc = emit_line(pc, g, &pls[k], left, right);
	}
	sbuf_free(&s);
	free(pls);
	return rc;
}
