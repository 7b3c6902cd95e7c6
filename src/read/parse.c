/* From files to a yoy_doc: read and decode, turn into lines (tabbed text or
 * PDF), then one walk over the lines hands each region to its recognizer:
 * cover, table of contents, tables, performance forms, narrative. */
#include "yoy/parse.h"

#include <stdio.h>
#include <stdlib.h>

#include "pdf.h"
#include "recognize.h"
#include "source.h"
#include "yoy/json.h"

/* "目录" / "目 录" */
static bool toc_start(const yoy_line *l)
{
	sbuf s;
	sbuf_init(&s);
	for (size_t i = 0; i < l->len;) {
		size_t adv;
		uint32_t cp = utf8_decode(l->text + i, l->len - i, &adv);
		if (!is_blank_cp(cp))
			sbuf_put(&s, l->text + i, adv);
		i += adv;
	}
	bool yes = strcmp(sbuf_cstr(&s), "目录") == 0;
	sbuf_free(&s);
	return yes;
}

static void squeezed(sbuf *out, const char *s, size_t n)
{
	sbuf_reset(out);
	for (size_t i = 0; i < n;) {
		size_t adv;
		uint32_t cp = utf8_decode(s + i, n - i, &adv);
		if (!is_blank_cp(cp))
			sbuf_put(out, s + i, adv);
		i += adv;
	}
}

/* After "目录": skip entries up to the line that repeats the first entry
 * (where the document really starts); without such a line, skip the run
 * of entries that look like TOC lines or table titles. */
static size_t skip_toc(const yoy_lines *ls, size_t i)
{
	size_t first = i + 1;
	while (first < ls->n && ls->v[first].ncells == 0)
		first++;
	if (first >= ls->n)
		return first;
	sbuf want, cur;
	sbuf_init(&want);
	sbuf_init(&cur);
	const yoy_line *f = &ls->v[first];
	const char *ft = line_cell(f, 0);
	squeezed(&want, ft, strlen(ft));
	/* strip dot leaders */
	char *dots = strstr(want.data ? want.data : "", "..");
	if (dots)
		*dots = '\0';
	dots = strstr(want.data ? want.data : "", "…");
	if (dots)
		*dots = '\0';
	size_t end = first + 1;
	bool found = false;
	for (size_t j = first + 1; j < ls->n && j < first + 400; j++) {
		const yoy_line *l = &ls->v[j];
		if (l->ncells == 0 || toc_line(l))
			continue;
		squeezed(&cur, l->text, l->len);
		if (want.len && strcmp(sbuf_cstr(&cur), sbuf_cstr(&want)) == 0) {
			end = j;
			found = true;
			break;
		}
	}
	if (!found) {
		end = first;
		while (end < ls->n && (ls->v[end].ncells == 0 || toc_line(&ls->v[end])))
			end++;
	}
	sbuf_free(&want);
	sbuf_free(&cur);
	return end;
}

/* First "20xx" followed by 年 in s, else 0. */
static int year_in(const char *s)
{
	for (const char *p = s; *p; p++) {
		if (p[0] == '2' && p[1] == '0' && p[2] >= '0' && p[2] <= '9' &&
		    p[3] >= '0' && p[3] <= '9' && (p == s || p[-1] < '0' || p[-1] > '9')) {
			const char *q = p + 4;
			while (*q == ' ')
				q++;
			if (str_starts(q, "年"))
				return atoi(p);
		}
	}
	return 0;
}

static void strip_tail(sbuf *s, const char *tail)
{
	if (str_ends(sbuf_cstr(s), tail)) {
		s->len -= strlen(tail);
		s->data[s->len] = '\0';
	}
}

/* A cover line read as a department name may be a sentence (a part
 * that starts mid-text): names hold no sentence punctuation and are
 * short. */
static bool plausible_department(const char *s)
{
	size_t n = utf8_length(s, strlen(s));
	return n >= 2 && n <= 40 && !str_has(s, "，") && !str_has(s, "。") &&
	       !str_has(s, "；") && !str_has(s, "：");
}

/* The department a table title names: "2018年度江苏省高级人民法院收支预算
 * 总表" -> 江苏省高级人民法院, when two titles agree (or there is one). */
static const char *department_from_titles(yoy_doc *doc)
{
	static const char *const cuts[] = {
		"收支", "收入", "支出", "财政拨款", "一般公共预算", "政府性基金", "国有资本",
		"部门预算", "单位预算", "部门决算", "预算", "决算", "“三公”", "\"三公\"", "三公",
		"机关运行", "政府采购", "项目",
	};
	char first[256] = "";
	for (size_t i = 0; i < doc->ntables && i < 6; i++) {
		const char *t = doc->tables[i].title;
		if (!t)
			continue;
		int y = 0;
		if (sscanf(t, "%4d", &y) == 1 && y >= 1900 && y <= 2999) {
			t += 4;
			t += str_starts(t, "年度") ? strlen("年度") : str_starts(t, "年") ? strlen("年") : 0;
		}
		size_t n = strlen(t);
		for (size_t k = 0; k < sizeof cuts / sizeof *cuts; k++) {
			const char *c = strstr(t, cuts[k]);
			if (c && (size_t)(c - t) < n)
				n = (size_t)(c - t);
		}
		char name[256];
		if (n < 6 || n >= sizeof name) /* two characters at least */
			continue;
		memcpy(name, t, n);
		name[n] = '\0';
		if (!plausible_department(name))
			continue;
		if (strcmp(first, name) == 0 || doc->ntables == 1)
			return doc_str(doc, name);
		if (!first[0])
			memcpy(first, name, n + 1);
	}
	return NULL;
}

/* "上海市普陀区财政局2024年度" (the cover "…财政局2024年度部门决算"):
 * the year is not part of the name. */
static void strip_year_tail(sbuf *s)
{
	const char *t = sbuf_cstr(s);
	size_t n = s->len;
	if (str_ends(t, "年度"))
		n -= strlen("年度");
	else if (str_ends(t, "年"))
		n -= strlen("年");
	else
		return;
	size_t digits = 0;
	while (n > 0 && t[n - 1] >= '0' && t[n - 1] <= '9') {
		n--;
		digits++;
	}
	if (digits == 4 && n > 0) /* "…老年" stays */
		s->data[s->len = n] = '\0';
}

/* Department, year, kind and title from the cover lines. */
static void read_cover(parse_ctx *pc, const yoy_line *const *cover, size_t n)
{
	yoy_doc *doc = pc->doc;
	sbuf all, t;
	sbuf_init(&all);
	sbuf_init(&t);
	const char *title_line = NULL;
	for (size_t i = 0; i < n; i++) {
		const yoy_line *l = cover[i];
		size_t dl;
		if (department_label(l->text, &dl))
			continue;
		/* a date line ("2018 年 2 月 24 日") ends the cover title */
		if (str_has(l->text, "月") && str_has(l->text, "日") && year_in(l->text))
			break;
		sbuf_put(&all, l->text, l->len);
		if (!title_line && year_in(l->text) &&
		    (str_has(l->text, "预算") || str_has(l->text, "决算")))
			title_line = l->text;
	}
	squeezed(&t, sbuf_cstr(&all), all.len);
	const char *cover_text = sbuf_cstr(&t);
	doc->year = year_in(cover_text);
	doc->title = doc_str(doc, title_line ? title_line : cover_text);
	if (str_has(cover_text, "单位预算"))
		doc->kind = "unit_budget";
	else if (str_has(cover_text, "单位决算"))
		doc->kind = "unit_final";
	else if (str_has(cover_text, "决算"))
		doc->kind = "department_final";
	else
		doc->kind = "department_budget";
	if (pc->department_hint) {
		doc->department = pc->department_hint;
	} else {
		/* "2018年度江苏省高级人民法院预算公开" */
		sbuf d;
		sbuf_init(&d);
		const char *p = cover_text;
		const char *y = strstr(p, "年度");
		if (y && y - p <= 6)
			p = y + strlen("年度");
		else if ((y = strstr(p, "年")) && y - p <= 6)
			p = y + strlen("年");
		sbuf_puts(&d, p);
		static const char *const tails[] = {
			"预算公开", "公开", "部门预算", "单位预算", "预算", "部门决算",
			"单位决算", "决算", "部门",
		};
		for (size_t k = 0; k < sizeof tails / sizeof *tails; k++)
			strip_tail(&d, tails[k]);
		strip_year_tail(&d);
		if (d.len && plausible_department(sbuf_cstr(&d)))
			doc->department = doc_str(doc, sbuf_cstr(&d));
		sbuf_free(&d);
	}
	/* a tables-only part has no cover: its titles name the department */
	if (!doc->department)
		doc->department = department_from_titles(doc);
	if (str_has(doc->kind, "budget") && !str_has(cover_text, "预算") && doc->ntables &&
	    str_has(doc->tables[0].title, "决算"))
		doc->kind = str_has(doc->kind, "unit") ? "unit_final" : "department_final";
	sbuf_free(&all);
	sbuf_free(&t);
}

/* The year printed most in table titles, for covers without one. */
static int year_from_tables(const yoy_doc *doc)
{
	for (size_t i = 0; i < doc->ntables; i++) {
		int y = year_in(doc->tables[i].title);
		if (y)
			return y;
	}
	return 0;
}

static int walk(parse_ctx *pc)
{
	const yoy_lines *ls = pc->lines;
	const yoy_line *cover[12];
	size_t ncover = 0;
	bool cover_done = false;
	for (size_t i = 0; i < ls->n && !pc->oom; i++) {
		const yoy_line *l = &ls->v[i];
		if (l->ncells == 0)
			continue;
		if (toc_start(l)) {
			i = skip_toc(ls, i) - 1;
			cover_done = true;
			continue;
		}
		/* a page number of text copied out of a PDF is no paragraph:
		 * a sentence across the page break goes on past it */
		if (toc_line(l) || page_label(l) || (l->page == 0 && line_page_number(l)))
			continue;
		if (form_title(l)) {
			i = form_parse(pc, i) - 1;
			cover_done = true;
			continue;
		}
		yoy_table_kind kind;
		size_t title_lines;
		if (title_at(ls, i, &kind, &title_lines)) {
			size_t next = table_parse(pc, i, kind, title_lines);
			if (next != i) {
				i = next - 1;
				cover_done = true;
				continue;
			}
		}
		int level = heading_level(l);
		if (level) {
			/* a heading wrapped onto a second short line ("…培训费支" /
			 * "出预算表情况说明", "…2018" / "年度预算情况说明") */
			const yoy_line *n = i + 1 < ls->n ? &ls->v[i + 1] : NULL;
			yoy_table_kind nk;
			size_t nlines;
			bool wrapped = n && line_positioned(l) && line_filled(n) == 1 &&
				       !title_at(ls, i + 1, &nk, &nlines) && !page_label(n) &&
				       utf8_length(n->text, n->len) <= 12 && !heading_number(n) &&
				       (!n->para_start || (l->text[l->len - 1] >= '0' &&
							   l->text[l->len - 1] <= '9' &&
							   str_starts(n->text, "年")));
			if (wrapped) {
				sbuf h;
				sbuf_init(&h);
				sbuf_put(&h, l->text, l->len);
				sbuf_put(&h, n->text, n->len);
				narrative_heading(pc, l, sbuf_cstr(&h), level);
				sbuf_free(&h);
				i++;
			} else {
				narrative_heading(pc, l, NULL, level);
			}
			cover_done = true;
			continue;
		}
		if (!cover_done) {
			size_t dl;
			const char *dept = department_label(l->text, &dl);
			if (dept && !pc->department_hint)
				pc->department_hint = doc_strn(pc->doc, dept, dl);
			if (ncover < sizeof cover / sizeof *cover)
				cover[ncover++] = l;
			else
				cover_done = true;
			continue;
		}
		narrative_body(pc, l);
	}
	narrative_finish(pc);
	read_cover(pc, cover, ncover);
	if (!pc->doc->year)
		pc->doc->year = year_from_tables(pc->doc);
	return pc->oom ? YOY_ENOMEM : 0;
}

static int fill_source(yoy_doc *doc, yoy_input *in, int pages, int lines)
{
	yoy_source_info *s = doc_add_source(doc);
	if (!s)
		return YOY_ENOMEM;
	/* the name goes into JSON and commit messages: bytes that are not
	 * UTF-8 and control characters (a newline) become U+FFFD */
	sbuf name;
	sbuf_init(&name);
	utf8_sanitize(&name, in->name, strlen(in->name));
	s->name = name.oom ? NULL : doc_str(doc, sbuf_cstr(&name));
	sbuf_free(&name);
	s->sha256 = doc_str(doc, input_sha256(in));
	s->format = in->format == INPUT_PDF ? "pdf" : "text";
	s->encoding = in->encoding;
	s->size = (int64_t)in->size;
	s->pages = pages;
	s->lines = lines;
	return s->name && s->sha256 ? 0 : YOY_ENOMEM;
}

static bool same_amount(const yoy_amount *a, const yoy_amount *b)
{
	return a->present == b->present && (!a->present || a->fen == b->fen);
}

static bool same_str(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* Two tables of one kind with the same columns and rows, figure for
 * figure. */
static bool same_table(const yoy_table *a, const yoy_table *b)
{
	if (a->kind != b->kind || a->nrows != b->nrows || a->ncolumns != b->ncolumns ||
	    a->unit != b->unit || a->nrows == 0)
		return false;
	for (size_t c = 0; c < a->ncolumns; c++)
		if (!same_str(a->columns[c].key, b->columns[c].key))
			return false;
	for (size_t r = 0; r < a->nrows; r++) {
		const yoy_row *x = &a->rows[r], *y = &b->rows[r];
		if (!same_str(x->code, y->code) || !same_str(x->name, y->name))
			return false;
		for (size_t c = 0; c < a->ncolumns; c++)
			if (!same_amount(&x->values[c], &y->values[c]))
				return false;
	}
	return true;
}

/* Said once: a table printed twice, figure for figure (a department that
 * pastes its 收支总表 again), is kept once, with a note where the copy
 * was. */
static void drop_repeated_tables(yoy_doc *doc)
{
	size_t kept = 0;
	for (size_t i = 0; i < doc->ntables; i++) {
		const yoy_table *t = &doc->tables[i];
		const yoy_table *first = NULL;
		for (size_t j = 0; j < kept && !first; j++)
			if (same_table(&doc->tables[j], t))
				first = &doc->tables[j];
		if (first) {
			doc_warn(doc, t->at, "table \"%s\" is printed again here, figure for figure; "
					     "kept once (as printed on page %d)", t->title, first->at.page);
			continue;
		}
		doc->tables[kept++] = *t;
	}
	doc->ntables = kept;
}

/* Tables of a text whose rows yoy joins by order, not by where their
 * cells stand, marked so that their sums are not taken for the
 * department's errors:
 * - one cell a line (a PDF viewer's copy, pdftotext without -layout): the
 *   table reader joins codes, names and figures by their order, and where
 *   the copy sets a column's cells apart it joins them wrong -- nine in
 *   ten of the lines under the title holding one cell, six or more;
 * - most figures on lines of their own (a 决算's two-sided table whose
 *   codes, names and figures a -layout copy sets at three heights): half
 *   the lines with figures or more, ten or more, hold nothing else.
 * Positions (a PDF) show where each cell stands; such tables are not
 * marked. */
static void mark_tables_by_order(yoy_doc *doc, const yoy_lines *ls)
{
	for (size_t i = 0; i < doc->ntables; i++) {
		yoy_table *t = &doc->tables[i];
		if (t->at.page != 0 || !t->nrows)
			continue;
		int last = t->at.line;
		for (size_t r = 0; r < t->nrows; r++)
			if (t->rows[r].at.file == t->at.file && t->rows[r].at.line > last)
				last = t->rows[r].at.line;
		size_t filled = 0, single = 0, valued = 0, figures_alone = 0;
		/* lines are in file order, numbered up: the first after the
		 * title by bisection, so that many tables cost their own lines */
		size_t lo = 0, hi = ls->n;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			const yoy_line *m = &ls->v[mid];
			if (m->file < t->at.file || (m->file == t->at.file && m->no <= t->at.line))
				lo = mid + 1;
			else
				hi = mid;
		}
		for (size_t k = lo; k < ls->n; k++) {
			const yoy_line *l = &ls->v[k];
			if (l->file != t->at.file || l->no > last)
				break;
			size_t n = line_filled(l);
			filled += n > 0;
			single += n == 1;
			size_t nf = 0;
			for (size_t c = 0; c < l->ncells; c++)
				nf += amount_cell(l->cells[c].text);
			valued += nf > 0;
			figures_alone += nf > 0 && nf == n;
		}
		t->by_order = (filled >= 6 && single * 10 >= filled * 9) ||
			      (valued >= 10 && 2 * figures_alone >= valued);
	}
}

/* The walk over the lines read, and what a document must have. */
static int recognize(yoy_doc *doc, yoy_lines *ls, const char *path, yoy_error *err)
{
	parse_ctx pc;
	memset(&pc, 0, sizeof pc);
	pc.doc = doc;
	pc.lines = ls;
	int rc = walk(&pc);
	if (!rc) {
		drop_repeated_tables(doc);
		mark_tables_by_order(doc, ls);
	}
	if (!rc)
		rc = claims_extract(&pc);
	if (!rc)
		infer_units(&pc);
	paragraphs_free(&pc);
	if (rc) {
		yoy_error_set(err, rc, "%s: out of memory", path);
		return rc;
	}
	if (doc->ntables == 0 && doc->nforms == 0 && doc->nclaims == 0)
		return yoy_error_set(err, YOY_EINPUT,
			"%s: no budget tables and no statement of a budget figure found: not a "
			"budget disclosure", path);
	if (doc->ntables == 0 && doc->nforms == 0) {
		/* the narrative published apart from its tables */
		yoy_loc at = { 1, 0, 0 };
		doc_warn(doc, at, "no tables: the narrative part alone; its figures cannot be "
				  "checked against tables until the table part is imported (it joins "
				  "this one)");
	}
	if (!doc->year) {
		yoy_loc at = { 1, 0, 0 };
		doc_warn(doc, at, "no year found on the cover or in table titles");
	}
	if (!doc->department) {
		yoy_loc at = { 1, 0, 0 };
		doc_warn(doc, at, "no department name found on the cover or in tables");
	}
	return 0;
}

/* Re-add line o to ls with only cells [a, b), or as the text t. */
static bool readd_line(yoy_lines *ls, const yoy_line *o, size_t a, size_t b, const char *t,
		       size_t tlen)
{
	size_t cap = b > a ? b - a : 1, n = 0;
	const char **cells = calloc(cap, sizeof *cells);
	size_t *lens = calloc(cap, sizeof *lens);
	if (!cells || !lens) {
		free(cells);
		free(lens);
		return false;
	}
	if (t) {
		cells[n] = t;
		lens[n++] = tlen;
	} else {
		for (size_t c = a; c < b; c++) {
			cells[n] = o->cells[c].text;
			lens[n++] = o->cells[c].len;
		}
	}
	yoy_line *l = lines_add(ls, o->no, o->page, o->file, cells, lens, n);
	free(cells);
	free(lens);
	if (!l)
		return false;
	l->tabbed = t ? false : o->tabbed;
	l->para_start = o->para_start;
	/* where the cells stood (text aligned with blanks is read by them) */
	l->indent = o->indent;
	l->y0 = o->y0;
	l->y1 = o->y1;
	for (size_t c = 0; c < n && c < l->ncells; c++) {
		const yoy_cell *from = t ? NULL : &o->cells[a + c];
		for (size_t k = 0; t && k < o->ncells; k++)
			if (o->cells[k].text == t)
				from = &o->cells[k]; /* a cell become a line */
		l->cells[c].x0 = from ? from->x0 : 0;
		l->cells[c].x1 = from ? from->x1 : 0;
	}
	return true;
}

/* Where line o of the text is split: *last the cell that is the next
 * table's title (a row's last cell), or *cut the byte where a glued title
 * starts; both 0 when o stays whole.  next is the next line that holds
 * something. */
static bool glued_split(const yoy_line *o, const yoy_line *next, size_t *last, size_t *cut)
{
	*last = *cut = 0;
	size_t dl;
	if (!next || !o->ncells ||
	    !(next->tabbed || str_has(next->text, "单位") || department_label(next->text, &dl)))
		return false;
	if (o->tabbed) {
		size_t filled = 0;
		for (size_t c = 0; c < o->ncells; c++)
			if (o->cells[c].len) {
				*last = c;
				filled++;
			}
		if (filled < 2 ||
		    table_title_text_kind(o->cells[*last].text, o->cells[*last].len) == YOY_TABLE_UNKNOWN)
			*last = 0;
	} else if (o->ncells == 1) {
		*cut = glued_title_start(o->text, o->len);
	}
	return *last || *cut;
}

/* A table title glued to the end of the line before it -- text copied
 * out of a PDF viewer or a web page loses line breaks -- is split off as a
 * line of its own (the same line number) when the next line opens a table
 * (its unit, its department label, or a row): "…如下：2023年预算收支总表",
 * a row whose last cell is the next table's title.  Text lines only; the
 * lines are rebuilt only when one is split. */
static int split_glued_titles(yoy_lines *ls, size_t from)
{
	size_t count = ls->n - from, last, cut, next;
	bool any = false;
	/* next: the following line that holds something, moving forward only */
	next = from;
	for (size_t k = from; k < ls->n && !any; k++) {
		if (next <= k)
			for (next = k + 1; next < ls->n && !line_filled(&ls->v[next]); next++)
				;
		any = glued_split(&ls->v[k], next < ls->n ? &ls->v[next] : NULL, &last, &cut);
	}
	if (!any)
		return 0;
	yoy_line *old = malloc(count * sizeof *old);
	if (!old)
		return YOY_ENOMEM;
	memcpy(old, ls->v + from, count * sizeof *old);
	ls->n = from;
	int rc = 0;
	next = 0;
	for (size_t k = 0; k < count && !rc; k++) {
		const yoy_line *o = &old[k];
		if (next <= k)
			for (next = k + 1; next < count && !line_filled(&old[next]); next++)
				;
		bool ok;
		if (!glued_split(o, next < count ? &old[next] : NULL, &last, &cut))
			ok = readd_line(ls, o, 0, o->ncells, NULL, 0);
		else if (last) /* the row, then its last cell as the title */
			ok = readd_line(ls, o, 0, last, NULL, 0) &&
			     readd_line(ls, o, 0, 0, o->cells[last].text, o->cells[last].len);
		else {
			size_t keep = cut;
			while (keep && o->text[keep - 1] == ' ')
				keep--;
			ok = readd_line(ls, o, 0, 0, o->text, keep) &&
			     readd_line(ls, o, 0, 0, o->text + cut, o->len - cut);
		}
		if (!ok)
			rc = YOY_ENOMEM;
	}
	free(old);
	return rc;
}

static int parse_inputs(yoy_doc **out, yoy_input *ins, size_t n, yoy_error *err)
{
	*out = NULL;
	if (n == 1 && ins[0].format == INPUT_JSON)
		return yoy_json_read(out, ins[0].text, ins[0].text_len, ins[0].path, err);
	yoy_lines ls;
	memset(&ls, 0, sizeof ls);
	yoy_doc *doc = doc_new();
	if (!doc)
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	int rc = 0;
	for (size_t f = 0; f < n; f++) {
		yoy_input *in = &ins[f];
		size_t before = ls.n;
		int pages_before = ls.pages;
		if (in->format == INPUT_JSON) {
			rc = yoy_error_set(err, YOY_EINPUT,
				"%s: a stored yoy document cannot be combined with other files",
				in->path);
			goto fail;
		}
		if (in->format == INPUT_PDF)
			rc = pdf_lines(&ls, in, (int)f, err);
		else if (lines_from_text(&ls, in->text, in->text_len, (int)f) != 0)
			rc = yoy_error_set(err, YOY_ENOMEM, "%s: out of memory", in->path);
		if (rc)
			goto fail;
		rc = fill_source(doc, in, ls.pages - pages_before, (int)(ls.n - before));
		if (!rc && in->format != INPUT_PDF)
			rc = split_glued_titles(&ls, before);
		if (rc) {
			yoy_error_set(err, rc, "out of memory");
			goto fail;
		}
	}
	rc = recognize(doc, &ls, ins[0].path, err);
	if (rc)
		goto fail;
	lines_free(&ls);
	*out = doc;
	return 0;
fail:
	lines_free(&ls);
	yoy_doc_free(doc);
	return rc;
}

int yoy_buffer_read(yoy_buffer *out, const char *path, yoy_error *err)
{
	memset(out, 0, sizeof *out);
	out->name = strdup(path);
	if (!out->name)
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	bool too_big;
	int rc = read_file(path, YOY_MAX_INPUT_SIZE, &out->data, &out->size, &too_big);
	if (rc || too_big) {
		yoy_buffer_free(out);
		if (too_big)
			return yoy_error_set(err, YOY_EINPUT, "%s: file too large (limit %zu MiB)",
					     path, YOY_MAX_INPUT_SIZE >> 20);
		return yoy_error_set(err, YOY_EINPUT, "%s: cannot read: %s", path,
				     strerror(-rc));
	}
	return 0;
}

void yoy_buffer_free(yoy_buffer *b)
{
	free(b->name);
	free(b->data);
	memset(b, 0, sizeof *b);
}

int yoy_buffer_is_document(const yoy_buffer *b)
{
	const char *p = b->data;
	size_t n = b->size;
	while (n && (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')) {
		p++;
		n--;
	}
	size_t head = n < 256 ? n : 256;
	return n && *p == '{' && span_has(p, head, "\"schema\"") &&
	       span_has(p, head, "yoy-disclosure/");
}

/* The buffers parsed; with own, their data is taken (set to NULL) rather
 * than copied: a 3.7 MB PDF copied was 9% of reading it. */
static int parse_buffers(yoy_doc **out, yoy_buffer *bufs, size_t n, bool own, yoy_error *err)
{
	*out = NULL;
	if (n == 0)
		return yoy_error_set(err, YOY_EUSAGE, "no input file");
	/* A stored document (yoy import of what yoy parse wrote): read in
	 * place, without the copies and line-end pass text gets -- measured,
	 * 10% of importing 500 of them.  Its text must still be UTF-8 without
	 * NUL bytes, as any input. */
	if (n == 1 && yoy_buffer_is_document(&bufs[0])) {
		if (memchr(bufs[0].data, '\0', bufs[0].size) || !utf8_valid(bufs[0].data, bufs[0].size))
			return yoy_error_set(err, YOY_EINPUT, "%s: not UTF-8 text (a yoy document is)",
					     bufs[0].name);
		return yoy_json_read(out, bufs[0].data, bufs[0].size, bufs[0].name, err);
	}
	yoy_input *ins = calloc(n, sizeof *ins);
	if (!ins)
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	int rc = 0;
	size_t got = 0;
	for (; got < n; got++) {
		if (own) {
			rc = input_adopt(&ins[got], bufs[got].name, bufs[got].data, bufs[got].size,
					 err);
			bufs[got].data = NULL;
		} else {
			rc = input_from_memory(&ins[got], bufs[got].name, bufs[got].data,
					       bufs[got].size, err);
		}
		if (rc)
			break;
	}
	if (!rc)
		rc = parse_inputs(out, ins, n, err);
	for (size_t i = 0; i < got; i++)
		input_free(&ins[i]);
	free(ins);
	return rc;
}

int yoy_parse_buffers(yoy_doc **out, const yoy_buffer *bufs, size_t n, yoy_error *err)
{
	return parse_buffers(out, (yoy_buffer *)bufs, n, false, err);
}

/* Files of which one or more is a large PDF: those mapped (poppler reads
 * them in place: reading and copying 3.7 MB was a tenth of parsing the
 * 2024 决算), the others read. */
static int parse_mapped(yoy_doc **out, const char *const *paths, size_t n, yoy_error *err)
{
	yoy_input *ins = calloc(n, sizeof *ins);
	if (!ins)
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	int rc = 0;
	size_t got = 0;
	for (; got < n && !rc; got++) {
		rc = input_map_pdf(&ins[got], paths[got], err);
		if (rc == 1) {
			rc = 0;
			continue;
		}
		if (rc || (rc = input_read(&ins[got], paths[got], err)) != 0)
			break;
	}
	if (!rc)
		rc = parse_inputs(out, ins, n, err);
	for (size_t i = 0; i < got && i < n; i++)
		input_free(&ins[i]);
	free(ins);
	return rc;
}

int yoy_parse_files(yoy_doc **out, const char *const *paths, size_t npaths,
		    yoy_error *err)
{
	*out = NULL;
	if (npaths == 0)
		return yoy_error_set(err, YOY_EUSAGE, "no input file");
	for (size_t i = 0; i < npaths; i++)
		if (input_is_large_pdf(paths[i]))
			return parse_mapped(out, paths, npaths, err);
	yoy_buffer *bufs = calloc(npaths, sizeof *bufs);
	if (!bufs)
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	int rc = 0;
	size_t got = 0;
	for (; got < npaths && !rc; got++)
		rc = yoy_buffer_read(&bufs[got], paths[got], err);
	if (rc)
		got--;
	else
		rc = parse_buffers(out, bufs, npaths, true, err);
	for (size_t i = 0; i < got; i++)
		yoy_buffer_free(&bufs[i]);
	free(bufs);
	return rc;
}

int parse_lines(yoy_doc **out, yoy_lines *ls, const char *name, yoy_error *err)
{
	*out = NULL;
	yoy_doc *doc = doc_new();
	if (!doc)
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	yoy_input in;
	memset(&in, 0, sizeof in);
	in.name = name;
	in.path = (char *)name; /* read only */
	memset(in.sha256, '0', 64);
	in.format = INPUT_PDF;
	in.encoding = "UTF-8";
	int rc = fill_source(doc, &in, ls->pages, (int)ls->n);
	if (rc)
		rc = yoy_error_set(err, rc, "out of memory");
	else
		rc = recognize(doc, ls, name, err);
	if (rc) {
		yoy_doc_free(doc);
		return rc;
	}
	*out = doc;
	return 0;
}

int yoy_parse_buffer(yoy_doc **out, const char *name, const void *data,
		     size_t size, yoy_error *err)
{
	yoy_buffer b = { (char *)name, (char *)data, size };
	return yoy_parse_buffers(out, &b, 1, err);
}

int yoy_extract_lines(char **out, const char *path, yoy_error *err)
{
	*out = NULL;
	yoy_input in;
	int rc = input_read(&in, path, err);
	if (rc)
		return rc;
	yoy_lines ls;
	memset(&ls, 0, sizeof ls);
	if (in.format == INPUT_PDF)
		rc = pdf_lines(&ls, &in, 0, err);
	else if (lines_from_text(&ls, in.text, in.text_len, 0) != 0)
		rc = yoy_error_set(err, YOY_ENOMEM, "%s: out of memory", path);
	if (!rc) {
		sbuf b;
		sbuf_init(&b);
		for (size_t i = 0; i < ls.n; i++) {
			const yoy_line *l = &ls.v[i];
			sbuf_printf(&b, "%d:%d%s", l->page, l->no, l->para_start ? " ¶" : "");
			for (size_t c = 0; c < l->ncells; c++) {
				sbuf_putc(&b, '\t');
				sbuf_puts(&b, l->cells[c].text);
			}
			sbuf_putc(&b, '\n');
		}
		*out = sbuf_detach(&b);
		if (!*out)
			rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
	}
	lines_free(&ls);
	input_free(&in);
	return rc;
}
