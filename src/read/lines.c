/* Text as numbered lines of cells (lines.h), shared by the tabbed-text and
 * PDF readers.  Calls util only. */
#include "lines.h"

#include <limits.h>
#include <stdlib.h>

void lines_free(yoy_lines *ls)
{
	free(ls->v);
	arena_release(&ls->arena);
	memset(ls, 0, sizeof *ls);
}

yoy_line *lines_add(yoy_lines *ls, int no, int page, int file,
		    const char *const *cells, const size_t *lens, size_t n)
{
	if (!vec_grow((void **)&ls->v, &ls->cap, ls->n + 1, sizeof *ls->v))
		return NULL;
	yoy_line *l = &ls->v[ls->n];
	memset(l, 0, sizeof *l);
	l->no = no;
	l->page = page;
	l->file = file;
	/* drop trailing empty cells; keep inner ones (they carry position) */
	size_t keep = 0, total = 0;
	for (size_t i = 0; i < n; i++) {
		const char *s = cells[i];
		size_t len = lens[i];
		trim_span(&s, &len);
		if (len) {
			keep = i + 1;
			total += len + 1;
		}
	}
	l->cells = arena_alloc(&ls->arena, (keep ? keep : 1) * sizeof *l->cells);
	char *joined = arena_alloc(&ls->arena, total + 1);
	if (!l->cells || !joined)
		return NULL;
	size_t jl = 0;
	for (size_t i = 0; i < keep; i++) {
		const char *s = cells[i];
		size_t len = lens[i];
		trim_span(&s, &len);
		l->cells[i].text = arena_strndup(&ls->arena, s, len);
		if (!l->cells[i].text)
			return NULL;
		l->cells[i].len = len;
		if (len) {
			if (jl)
				joined[jl++] = ' ';
			memcpy(joined + jl, s, len);
			jl += len;
		}
	}
	joined[jl] = '\0';
	l->ncells = keep;
	l->text = joined;
	l->len = jl;
	ls->n++;
	return l;
}

/* Columns of [s, e): display columns (utf8proc's East Asian Width, CJK
 * two), or with chars every printing character one -- the grid of
 * `pdftotext -layout`, which sets a CJK character in one column. */
static size_t display_width(const char *s, const char *e, bool chars)
{
	size_t w = 0, adv;
	for (const char *p = s; p < e; p += adv) {
		int cw = codepoint_width(utf8_decode(p, (size_t)(e - p), &adv));
		w += cw > 0 ? (chars ? 1 : (size_t)cw) : 0;
		if (!adv)
			break;
	}
	return w;
}

/* The width of the blank run at s (ASCII spaces count one, U+3000 two),
 * and *n its length in bytes; 0 when s is not blank. */
static size_t blank_run(const char *s, const char *end, size_t *n)
{
	size_t width = 0;
	const char *p = s;
	for (;;) {
		if (p < end && *p == ' ') {
			p++;
			width++;
		} else if (end - p >= 3 && memcmp(p, "\xE3\x80\x80", 3) == 0) {
			p += 3;
			width += 2;
		} else {
			break;
		}
	}
	*n = (size_t)(p - s);
	return width;
}

/* An amount as tables print it, [s, e): digits with a thousands comma
 * or a decimal point inside ("156,211,123", "60.99"), not a code or an
 * ordinal ("201", "1."). */
static bool amount_word(const char *s, const char *e)
{
	bool digit = false, mark = false;
	for (const char *p = s; p < e; p++) {
		if (*p >= '0' && *p <= '9')
			digit = true;
		else if (*p == ',' || *p == '.')
			mark = true;
		else if (!(*p == '-' && p == s))
			return false;
	}
	return digit && mark && e[-1] != '.' && e[-1] != ',';
}

/* The blank run [p, p + n) stands between words and an amount that ends
 * at a blank or the line's end ("一、一般公共预算资金 91,016,775.35"):
 * the words end in a character that is not ASCII, a name's. */
static bool amount_after(const char *p, size_t n, const char *le)
{
	const char *s = p + n, *e = s;
	while (e < le && *e != ' ' && *e != '\t')
		e++;
	return n == 1 && (unsigned char)p[-1] >= 0x80 && amount_word(s, e);
}

/* The next cell separator in [c, le): a TAB, or in text without TABs
 * (copied out of a viewer or a web page) a run of blanks two wide or
 * more between words; with tight, in a line that has such runs, also a
 * single blank after an amount, or between a name and an amount --
 * `pdftotext -layout` leaves one blank between a figure and the next cell
 * when the row is crowded ("156,211,123 一、一般公共服务支出",
 * "293,810,000.00 293,810,000.00", "预算资金 91,016,775.35").
 * *sep_len gets its length.  NULL when none. */
static const char *next_separator(const char *c, const char *le, bool spaces, bool tight,
				  size_t *sep_len)
{
	if (!spaces) {
		*sep_len = 1;
		return memchr(c, '\t', (size_t)(le - c));
	}
	/* blanks at the line's start are its indent, at its end nothing */
	const char *word = c;
	for (const char *p = c; p < le;) {
		size_t n, w = blank_run(p, le, &n);
		if (p > c && p + n < le &&
		    (w >= 2 || (w == 1 && tight && (amount_word(word, p) || amount_after(p, n, le))))) {
			*sep_len = n;
			return p;
		}
		if (n)
			word = p + n;
		p += n ? n : 1;
	}
	return NULL;
}

/* A figure as tables print them: digits with commas, a point, a sign. */
static bool figure_like(const char *s, size_t n)
{
	size_t digits = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digits++;
		else if (s[i] != ',' && s[i] != '.' && s[i] != '-')
			return false;
	}
	return digits > 0;
}

/* Where a line's figures stand, each way of counting columns: their
 * left and right edges, by display width [0], [1] and by characters [2],
 * [3].  At most MAX_EDGES figures. */
#define MAX_EDGES 32
typedef struct figure_edges {
	size_t n;
	size_t at[4][MAX_EDGES];
} figure_edges;

static void line_edges(figure_edges *fe, const char *p, const char *le)
{
	fe->n = 0;
	/* widths so far, up to q, each way: one pass over the line */
	size_t wide = 0, narrow = 0;
	const char *q = p;
	for (const char *c = p; c < le && fe->n < MAX_EDGES;) {
		size_t sep_len, lead;
		blank_run(c, le, &lead);
		c += lead;
		const char *sep = next_separator(c, le, true, false, &sep_len);
		const char *ce = sep ? sep : le;
		if (c < ce && figure_like(c, (size_t)(ce - c))) {
			wide += display_width(q, c, false);
			narrow += display_width(q, c, true);
			fe->at[0][fe->n] = wide;
			fe->at[2][fe->n] = narrow;
			wide += display_width(c, ce, false);
			narrow += display_width(c, ce, true);
			fe->at[1][fe->n] = wide;
			fe->at[3][fe->n] = narrow;
			q = ce;
			fe->n++;
		}
		if (!sep)
			break;
		c = sep + sep_len;
	}
}

/* Text aligned with blanks counts its columns one of two ways: by display
 * width (a terminal, a web page copied; CJK two columns) or a character a
 * column (`pdftotext -layout`, whose grid sets a CJK character in one).
 * The right one sets a table's figures under one another: of two nearby
 * lines with as many figures (two or more), each figure stands within a
 * column of the other's -- flush left or flush right.  The way under
 * which more figures so stand wins; a tie keeps display width. */
static bool counts_characters(const char *text, size_t len)
{
	size_t aligned[4] = { 0 };
	/* the last line seen with each count of figures */
	figure_edges *last = calloc(MAX_EDGES + 1, sizeof *last), cur;
	if (!last)
		return false;
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		line_edges(&cur, p, le);
		if (cur.n >= 2) {
			const figure_edges *prev = &last[cur.n];
			if (prev->n)
				for (int k = 0; k < 4; k++)
					for (size_t i = 0; i < cur.n; i++)
						aligned[k] += cur.at[k][i] + 1 >= prev->at[k][i] &&
							      prev->at[k][i] + 1 >= cur.at[k][i];
			last[cur.n] = cur;
		}
		p = nl ? nl + 1 : end;
	}
	free(last);
	size_t by_width = aligned[0] > aligned[1] ? aligned[0] : aligned[1];
	size_t by_chars = aligned[2] > aligned[3] ? aligned[2] : aligned[3];
	return by_chars > by_width;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return (x > y) - (x < y);
}

/* A page number printed between the lines of text copied out of a PDF:
 * "第2页", "第 2 页 共 10 页", "- 2 -", "—2—", "2/10", "2". */
bool line_page_number(const yoy_line *l)
{
	if (l->tabbed || line_filled(l) != 1 || l->len > 40)
		return false;
	size_t digits = 0, other = 0, len;
	for (size_t i = 0; i < l->len; i += len) {
		uint32_t cp = utf8_decode(l->text + i, l->len - i, &len);
		if (cp >= '0' && cp <= '9')
			digits++;
		else if (!(cp == ' ' || cp == '-' || cp == '/' || cp == 0x2014 || cp == 0x2013 ||
			   cp == 0x7B2C /* 第 */ || cp == 0x9875 /* 页 */ || cp == 0x5171 /* 共 */ ||
			   cp == 0x3000))
			other++;
	}
	return digits && digits <= 8 && !other;
}

/* A line of running text: no column gaps, or a justified line of a
 * sentence, its words spread by blanks ("与上年相比增加    21.8 万元，
 * 增长        0.06 %。", "江苏省高级人民法院      2019    年度一般公共
 * 预算拨款安排的会议"), not a row of a table. */
static bool words_line(const yoy_line *l)
{
	if (!l->ncells)
		return false;
	if (!l->tabbed)
		return true;
	if (l->ncells > 8)
		return false;
	if (strstr(l->text, "，") || strstr(l->text, "。"))
		return true;
	/* no ，or 。: a run of ten CJK characters (、（） among them), and no
	 * amount */
	bool sentence = false;
	for (size_t c = 0; c < l->ncells; c++) {
		const yoy_cell *cell = &l->cells[c];
		if (figure_like(cell->text, cell->len) && strpbrk(cell->text, ".,"))
			return false;
		size_t run = 0, len;
		for (size_t i = 0; i < cell->len && !sentence; i += len) {
			uint32_t cp = utf8_decode(cell->text + i, cell->len - i, &len);
			run = is_cjk_cp(cp) ? run + 1 : 0;
			sentence = run >= 10;
		}
	}
	return sentence;
}

/* What the text reader keeps of a line for joining paragraphs. */
typedef struct text_line {
	size_t width;     /* display columns, its indent included */
	bool page_start;  /* the first line after a form feed */
} text_line;

/* The line a paragraph would go on from, before line i (first + i): the
 * one above; across a page break (pdftotext's form feed) the last line
 * of the page before, past its blank lines and page number -- a few
 * lines at most (so that a file of page numbers is read in linear time). */
static size_t line_above(const yoy_lines *ls, size_t first, const text_line *info, size_t i)
{
	size_t k = i;
	bool broke = info[i].page_start;
	while (k > 0 && i - k < 12) {
		const yoy_line *p = &ls->v[first + k - 1];
		if (p->ncells && !line_page_number(p))
			break;
		broke = broke || info[k - 1].page_start;
		k--;
	}
	return broke && k > 0 ? k - 1 : i - 1;
}

/* The most common of v (n of them, sorted here), to a column; *count
 * how many are within it.  0 when n is 0. */
static size_t most_common(size_t *v, size_t n, size_t *count)
{
	qsort(v, n, sizeof *v, cmp_size);
	size_t value = 0, best = 0;
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i; j < n && v[j] <= v[i] + 1; j++)
			;
		if (j - i > best) {
			best = j - i;
			value = v[i];
		}
	}
	*count = best;
	return value;
}

/* *least: the least of v (n of them, sorted here) that three or more
 * share, to a column (indents are in tenths of a column).  False when
 * none is. */
static bool least_shared(size_t *v, size_t n, size_t *least)
{
	qsort(v, n, sizeof *v, cmp_size);
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i; j < n && v[j] <= v[i] + 10; j++)
			;
		if (j - i >= 3) {
			*least = v[i];
			return true;
		}
	}
	return false;
}

/* A long line of words, for the margins. */
static bool margin_line(const yoy_line *l, const text_line *t)
{
	return words_line(l) && t->width >= 20;
}

/* The left margin of each page: the least indent its long lines of words
 * share (a copy may set each page in from column 0 by its own amount),
 * else the document's.  left[i] for line first + i. */
static void left_margins(const yoy_lines *ls, size_t first, const text_line *info,
			 size_t *indents, size_t whole, size_t *left)
{
	size_t n = ls->n - first;
	for (size_t a = 0, b; a < n; a = b) {
		size_t m = 0, here = whole;
		for (b = a; b < n && (b == a || !info[b].page_start); b++)
			if (margin_line(&ls->v[first + b], &info[b]))
				indents[m++] = (size_t)ls->v[first + b].indent;
		least_shared(indents, m, &here);
		for (size_t i = a; i < b; i++)
			left[i] = here;
	}
}

/* Lines a word processor printed on two pages, as a copy of the PDF
 * gives them: a copy has no ink to tell which of the two shows (the PDF
 * reader asks, overflow.h), so the lines that end one page and start the
 * next alike -- two or more, twenty characters or more, page numbers and
 * blanks aside -- are read once, where the page before has them: the
 * next page's copy is left blank, its line numbers kept. */
#define TWIN_MIN_LINES 2
#define TWIN_MAX_LINES 64 /* the search is quadratic in the run's length */
#define TWIN_MIN_BYTES 60 /* twenty CJK characters */

static bool content_line(const yoy_line *l)
{
	return l->ncells && !line_page_number(l);
}

static void blank_line(yoy_line *l)
{
	l->text = "";
	l->len = 0;
	l->ncells = 0;
	l->tabbed = false;
}

static void drop_page_twins(yoy_lines *ls, size_t first, const text_line *info)
{
	size_t n = ls->n - first, page = 0; /* page: where the page before starts */
	for (size_t b = 1; b < n; b++) {
		if (!info[b].page_start)
			continue;
		/* the page before is [page, b); the next, [b, next_end) */
		size_t next_end = b + 1;
		while (next_end < n && !info[next_end].page_start)
			next_end++;
		size_t best = 0;
		for (size_t k = 1; k <= TWIN_MAX_LINES; k++) {
			/* the k-th content line from the end of the page before, and
			 * the k-th from the start of the next */
			size_t seen = 0, ia = b;
			while (ia > page && seen < k)
				seen += content_line(&ls->v[first + --ia]);
			if (seen < k)
				break;
			bool alike = true;
			size_t taken = 0, bytes = 0, ja = ia;
			for (size_t ib = b; ib < next_end && taken < k; ib++) {
				const yoy_line *y = &ls->v[first + ib];
				if (!content_line(y))
					continue;
				while (!content_line(&ls->v[first + ja]))
					ja++;
				const yoy_line *x = &ls->v[first + ja++];
				alike = alike && x->len == y->len &&
					memcmp(x->text, y->text, x->len) == 0;
				bytes += y->len;
				taken++;
			}
			if (taken < k)
				break;
			if (alike && k >= TWIN_MIN_LINES && bytes >= TWIN_MIN_BYTES)
				best = k;
		}
		for (size_t ib = b, taken = 0; ib < next_end && taken < best; ib++)
			if (content_line(&ls->v[first + ib])) {
				blank_line(&ls->v[first + ib]);
				taken++;
			}
		page = b;
	}
}

/* Text copied out of a PDF (`pdftotext`) wraps a paragraph at the page's
 * width, each line its own: a line of words goes on the paragraph above
 * when that one ran to the right margin without ending a sentence and
 * this one is not indented past the left margin -- as the PDF reader
 * joins them, across a page break too.  The right margin is the common
 * width of lines of words (figures, narrower in print, make some lines
 * longer), the left the least indent they share on the page: wrapped
 * lines start there, first lines further in (a copy on a coarser grid
 * sets each page in from column 0).  Text whose lines are whole
 * paragraphs (a web page copied) has no such line. */
static void join_wrapped_lines(yoy_lines *ls, size_t first, const text_line *info)
{
	size_t n = ls->n - first, nw = 0, best, whole = 0;
	size_t *widths = malloc((n ? n : 1) * sizeof *widths);
	size_t *indents = malloc((n ? n : 1) * sizeof *indents);
	size_t *left = malloc((n ? n : 1) * sizeof *left);
	if (!widths || !indents || !left)
		goto done; /* every line its own paragraph, as before */
	for (size_t i = 0; i < n; i++)
		if (margin_line(&ls->v[first + i], &info[i])) {
			widths[nw] = info[i].width;
			indents[nw++] = (size_t)ls->v[first + i].indent;
		}
	size_t margin = most_common(widths, nw, &best);
	if (best < 3)
		goto done;
	least_shared(indents, nw, &whole);
	left_margins(ls, first, info, indents, whole, left);
	for (size_t i = 1; i < n; i++) {
		yoy_line *l = &ls->v[first + i];
		if (!words_line(l) || (size_t)l->indent > left[i] + 10)
			continue;
		size_t k = line_above(ls, first, info, i);
		const yoy_line *above = &ls->v[first + k];
		if (!words_line(above))
			continue;
		bool open = !(str_ends(above->text, "。") || str_ends(above->text, "：") ||
			      str_ends(above->text, ":") || str_ends(above->text, "；"));
		if (open && info[k].width + margin / 8 >= margin)
			l->para_start = false;
	}
done:
	free(widths);
	free(indents);
	free(left);
}

int lines_from_text(yoy_lines *ls, const char *text, size_t len, int file)
{
	const char *p = text, *end = text + len;
	int no = 0;
	/* lines a page break spent: blank lines and page numbers between
	 * the last line of one page and the first of the next, left out of
	 * y so that a name wrapped across the break stays a line apart */
	int spent = 0, last_content = 0;
	bool after_break = false;
	const char **cells = NULL;
	size_t *lens = NULL, cap = 0, lcap = 0;
	text_line *info = NULL;
	size_t wcap = 0, first = ls->n;
	int rc = 0;
	bool spaces = memchr(text, '\t', len) == NULL;
	bool chars = spaces && counts_characters(text, len);
	while (p < end || (p == end && no == 0)) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		no++;
		size_t n = 0;
		/* a form feed is the page break of text copied out of a PDF
		 * (`pdftotext` starts each page with one): not the line's */
		bool page_start = p < le && *p == '\f';
		after_break = after_break || (page_start && last_content);
		while (p < le && *p == '\f')
			p++;
		const char *c = p;
		bool tabbed = false;
		size_t indent = 0;
		if (spaces) {
			size_t lead;
			indent = blank_run(c, le, &lead);
			c += lead; /* an indent is not a blank first cell */
		}
		size_t wide_len;
		bool tight = spaces && next_separator(c, le, true, false, &wide_len);
		for (;;) {
			size_t sep_len = 1;
			const char *tab = next_separator(c, le, spaces, tight, &sep_len);
			const char *ce = tab ? tab : le;
			if (!vec_grow((void **)&cells, &cap, n + 1, sizeof *cells) ||
			    !vec_grow((void **)&lens, &lcap, n + 1, sizeof *lens)) {
				rc = -1;
				goto done;
			}
			cells[n] = c;
			lens[n] = (size_t)(ce - c);
			n++;
			if (!tab)
				break;
			tabbed = true;
			c = tab + sep_len;
		}
		yoy_line *l = lines_add(ls, no, 0, file, cells, lens, n);
		if (!l) {
			rc = -1;
			goto done;
		}
		l->tabbed = tabbed;
		l->para_start = true;
		if (spaces) {
			if (!vec_grow((void **)&info, &wcap, ls->n - first, sizeof *info)) {
				rc = -1;
				goto done;
			}
			info[ls->n - first - 1].width = display_width(p, le, chars);
			info[ls->n - first - 1].page_start = page_start;
			l->indent = indent < INT_MAX / 10 ? (int)indent * 10 : INT_MAX;
		}
		if (spaces && l->ncells) {
			/* columns aligned with blanks are found by where their
			 * cells stand, as a PDF's are (a blank cell prints
			 * nothing), and a line of one cell too (a name's tail
			 * wrapped under it): a display column is 10 units, a
			 * line 20 high (a CJK character's width) and 30 apart */
			const size_t most = INT_MAX / 40; /* absurd lines stay in range */
			size_t before = 0; /* columns up to from: one pass over the line */
			const char *from = p;
			for (size_t i = 0; i < l->ncells; i++) {
				before += display_width(from, cells[i], chars);
				size_t w = display_width(cells[i], cells[i] + lens[i], chars);
				from = cells[i];
				before = before < most ? before : most;
				w = w < most - before ? w : most - before;
				l->cells[i].x0 = (int)(before * 10);
				l->cells[i].x1 = (int)((before + w) * 10);
				if (l->cells[i].x1 == 0)
					l->cells[i].x1 = 1; /* positioned, even at the margin */
			}
			if (!line_page_number(l)) {
				if (after_break)
					spent += no - 1 - last_content;
				after_break = false;
				last_content = no;
			}
			int y = no - spent;
			l->y0 = y < INT_MAX / 40 ? y * 30 : INT_MAX - 40;
			l->y1 = l->y0 + 20;
		}
		if (!nl)
			break;
		p = nl + 1;
		if (p == end)
			break;
	}
	if (spaces) {
		drop_page_twins(ls, first, info);
		join_wrapped_lines(ls, first, info);
	}
done:
	free(cells);
	free(lens);
	free(info);
	return rc;
}

const char *line_cell(const yoy_line *l, size_t i)
{
	return i < l->ncells ? l->cells[i].text : "";
}

size_t line_filled(const yoy_line *l)
{
	size_t n = 0;
	for (size_t i = 0; i < l->ncells; i++)
		if (l->cells[i].len)
			n++;
	return n;
}
