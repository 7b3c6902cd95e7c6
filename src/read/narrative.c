/* Narrative: headings, sections and the paragraphs claims are read from.
 *
 * Lines wrapped inside a paragraph (PDF) are joined without a break before
 * anything is matched, so a sentence split across lines or pages is one
 * sentence again. */
#include <stdlib.h>

#include "recognize.h"

static const char *const cn_digits[] = { "一", "二", "三", "四", "五",
					 "六", "七", "八", "九", "十" };

/* Length in bytes of a run of Chinese numerals at s (0 when none). */
static size_t cn_numeral(const char *s)
{
	size_t n = 0;
	for (;;) {
		bool hit = false;
		for (size_t i = 0; i < sizeof cn_digits / sizeof *cn_digits; i++)
			if (str_starts(s + n, cn_digits[i])) {
				n += strlen(cn_digits[i]);
				hit = true;
				break;
			}
		if (!hit)
			return n;
	}
}

bool heading_number(const yoy_line *l)
{
	const char *s = l->text;
	size_t n = cn_numeral(s);
	if (n && str_starts(s + n, "、"))
		return true;
	if (str_starts(s, "第") && cn_numeral(s + strlen("第")))
		return true;
	if (str_starts(s, "（") || str_starts(s, "("))
		return true;
	return *s >= '0' && *s <= '9';
}

bool toc_line(const yoy_line *l)
{
	if (str_has(l->text, ".....") || str_has(l->text, "……") ||
	    str_has(l->text, "···") || str_has(l->text, "…………"))
		return true;
	/* "第一部分 概况<TAB>1": a heading and a page number */
	if (l->tabbed && line_filled(l) == 2) {
		const char *last = NULL;
		for (size_t i = 0; i < l->ncells; i++)
			if (l->cells[i].len)
				last = l->cells[i].text;
		size_t n = strlen(last);
		if (n >= 1 && n <= 3 && strspn(last, "0123456789") == n &&
		    (str_starts(l->text, "第") || cn_numeral(l->text) ||
		     str_starts(l->text, "（")))
			return true;
	}
	return false;
}

int heading_level(const yoy_line *l)
{
	if (l->ncells == 0)
		return 0;
	const char *s = l->text;
	if (line_filled(l) != 1) {
		/* "第一部分    部门概况": a part title spread over the line */
		if (line_filled(l) == 2 && str_starts(s, "第") && str_has(l->cells[0].text, "部分") &&
		    !str_has(s, "。"))
			return 1;
		return 0;
	}
	size_t chars = utf8_length(s, l->len);
	bool sentence = str_has(s, "。") || str_has(s, "，") || str_has(s, "；") ||
			str_ends(s, "：");
	if (str_starts(s, "第")) {
		size_t n = cn_numeral(s + strlen("第"));
		if (n && str_starts(s + strlen("第") + n, "部分"))
			return 1;
	}
	size_t n = cn_numeral(s);
	if (n && str_starts(s + n, "、")) {
		size_t rest = chars - utf8_length(s, n) - 1;
		if (rest >= 2 && chars <= 36 && !sentence && !str_has(s, "：") &&
		    !str_has(s, ":"))
			return 2;
		return 0;
	}
	if (str_starts(s, "（") || str_starts(s, "(")) {
		const char *p = s + (str_starts(s, "（") ? strlen("（") : 1);
		size_t m = cn_numeral(p);
		if (m && (str_starts(p + m, "）") || p[m] == ')') && chars <= 36 &&
		    !sentence)
			return 3;
		return 0;
	}
	/* Un-numbered section titles (Shanghai): short, no punctuation. */
	if (chars <= 40 && !sentence && !str_has(s, "：") &&
	    (str_ends(s, "情况说明") || str_ends(s, "编制说明") ||
	     str_ends(s, "名词解释") || str_ends(s, "主要职能") ||
	     str_ends(s, "机构设置")))
		return 1;
	return 0;
}

void narrative_heading(parse_ctx *pc, const yoy_line *l, const char *text,
		       int level)
{
	yoy_section *s = doc_add_section(pc->doc, &pc->section_cap);
	if (!s || !vec_grow((void **)&pc->section_raw, &pc->section_raw_cap,
			    pc->nsection_raw + 1, sizeof *pc->section_raw)) {
		pc->oom = true;
		return;
	}
	sbuf_init(&pc->section_raw[pc->nsection_raw++]);
	s->heading = doc_str(pc->doc, text ? text : l->text);
	s->level = level;
	s->at.line = l->no;
	s->at.page = l->page;
	s->at.file = l->file;
}

static paragraph *new_paragraph(parse_ctx *pc)
{
	if (!vec_grow((void **)&pc->paras, &pc->paras_cap, pc->nparas + 1,
		      sizeof *pc->paras)) {
		pc->oom = true;
		return NULL;
	}
	paragraph *p = &pc->paras[pc->nparas++];
	memset(p, 0, sizeof *p);
	p->section = pc->doc->nsections ? pc->doc->nsections - 1 : 0;
	return p;
}

void narrative_body(parse_ctx *pc, const yoy_line *l)
{
	if (l->ncells == 0 || pc->doc->nsections == 0)
		return;
	paragraph *p = NULL;
	if (!l->para_start && pc->nparas &&
	    pc->paras[pc->nparas - 1].section == pc->doc->nsections - 1)
		p = &pc->paras[pc->nparas - 1];
	bool fresh = p == NULL;
	if (!p && !(p = new_paragraph(pc)))
		return;
	sbuf norm;
	sbuf_init(&norm);
	normalize_for_match(&norm, l->text, l->len);
	size_t cap = p->nmarks;
	para_mark *m = realloc(p->marks, (cap + 1) * sizeof *m);
	char *t = realloc(p->text, p->len + norm.len + 1);
	if (!m || !t) {
		if (m)
			p->marks = m;
		if (t)
			p->text = t;
		pc->oom = true;
		sbuf_free(&norm);
		return;
	}
	p->marks = m;
	p->text = t;
	m[p->nmarks].offset = p->len;
	m[p->nmarks].line = l->no;
	m[p->nmarks].page = l->page;
	m[p->nmarks].file = l->file;
	p->nmarks++;
	memcpy(p->text + p->len, sbuf_cstr(&norm), norm.len);
	p->len += norm.len;
	p->text[p->len] = '\0';
	sbuf_free(&norm);

	sbuf *raw = &pc->section_raw[pc->doc->nsections - 1];
	if (fresh && raw->len)
		sbuf_putc(raw, '\n');
	sbuf_put(raw, l->text, l->len);
}

void narrative_finish(parse_ctx *pc)
{
	for (size_t i = 0; i < pc->nsection_raw && i < pc->doc->nsections; i++) {
		pc->doc->sections[i].text =
			doc_str(pc->doc, sbuf_cstr(&pc->section_raw[i]));
		if (!pc->doc->sections[i].text)
			pc->oom = true;
	}
}

void paragraphs_free(parse_ctx *pc)
{
	for (size_t i = 0; i < pc->nparas; i++) {
		free(pc->paras[i].text);
		free(pc->paras[i].marks);
	}
	free(pc->paras);
	pc->paras = NULL;
	pc->nparas = pc->paras_cap = 0;
	for (size_t i = 0; i < pc->nsection_raw; i++)
		sbuf_free(&pc->section_raw[i]);
	free(pc->section_raw);
	pc->section_raw = NULL;
	pc->nsection_raw = pc->section_raw_cap = 0;
}
