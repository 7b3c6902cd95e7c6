/* Fuzz the layout of positioned characters -- what pdf.c hands on from
 * poppler -- and everything after it: sideways pages turned upright, lines
 * drawn on two pages read once (overflow.c), lines, cells, tables, narrative.
 *
 * The input is records of 8 bytes, one character each:
 *   tag cp_hi cp_lo x_hi x_lo y_hi y_lo size
 * tag 0xFF starts a new page; a tag below 0x80 picks a character of the
 * domain (digits, 合计, 万元, punctuation...), so the fuzzer reaches
 * tables without guessing code points; any other tag takes cp_hi:cp_lo.
 * x and y are in 1/64 pt; size packs the box: width 2 + (size & 15) * 0.75
 * pt, height 4 + (size >> 4) pt.  tests/fuzz/layout_seed.py writes seeds
 * in this format from real PDFs. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "read/layout.h"
#include "read/overflow.h"
#include "read/recognize.h"
#include "yoy/doc.h"

static const char domain[] =
	"0123456789.,-%()（）、，。：；“”万元合计总计小计支出收入预算决算年度部门单位科目编码名称"
	"基本项目财政拨款一般公共政府性基金比上年增加减少增长下降主要原因是为表第页说明情况其中类款项"
	"教育社会保障和就业住房人员经费三公运行采购车辆绩效目标";

/* The domain's characters as code points, decoded once. */
static uint32_t domain_cp[256];
static size_t ndomain;

static void load_domain(void)
{
	const unsigned char *s = (const unsigned char *)domain;
	while (*s && ndomain < 128) {
		uint32_t cp;
		size_t n = *s < 0x80 ? 1 : *s < 0xE0 ? 2 : *s < 0xF0 ? 3 : 4;
		cp = n == 1 ? *s : n == 2 ? *s & 0x1F : n == 3 ? *s & 0x0F : *s & 0x07;
		for (size_t i = 1; i < n && s[i]; i++)
			cp = (cp << 6) | (s[i] & 0x3F);
		domain_cp[ndomain++] = cp;
		s += n;
	}
}

/* As pdf.c: a page is laid out once the next is read, lines on both
 * read once first.  held holds *nheld glyphs of the page before (0: none);
 * g the page just read, which becomes the held one. */
static int flush_page(page_ctx *pc, glyph *held, size_t *nheld, glyph *g, size_t *ng,
		      bool last)
{
	int rc = 0;
	double w = pc->width, h = pc->height;
	layout_turn_upright(g, *ng, &w, &h);
	if (*nheld && *ng)
		rc = overflow_read_once(held, nheld, g, ng, NULL);
	if (!rc && *nheld) {
		pc->page++;
		rc = layout_page(pc, held, *nheld);
		pc->ls->pages = pc->page;
	}
	memcpy(held, g, *ng * sizeof *g);
	*nheld = *ng;
	*ng = 0;
	if (!rc && last && *nheld) {
		pc->page++;
		rc = layout_page(pc, held, *nheld);
		pc->ls->pages = pc->page;
	}
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!ndomain)
		load_domain();
	size_t nrec = size / 8;
	glyph *g = malloc((nrec + 1) * sizeof *g), *held = malloc((nrec + 1) * sizeof *held);
	size_t nheld = 0;
	if (!g || !held) {
		free(g);
		free(held);
		return 0;
	}
	yoy_lines ls;
	memset(&ls, 0, sizeof ls);
	page_ctx pc;
	memset(&pc, 0, sizeof pc);
	pc.ls = &ls;
	pc.width = 595.3;
	pc.height = 841.9;
	size_t ng = 0;
	int rc = 0;
	for (size_t i = 0; i < nrec && !rc; i++) {
		const uint8_t *r = data + 8 * i;
		if (r[0] == 0xFF) {
			rc = flush_page(&pc, held, &nheld, g, &ng, false);
			continue;
		}
		uint32_t cp = r[0] < 0x80 ? domain_cp[r[0] % ndomain] : (uint32_t)(r[1] << 8 | r[2]);
		if (cp < 0x21 || (cp >= 0xD800 && cp <= 0xDFFF))
			continue; /* as pdf.c leaves out blanks and controls */
		glyph *c = &g[ng++];
		c->cp = cp;
		c->x1 = (float)(r[3] << 8 | r[4]) / 64.0f;
		c->y1 = (float)(r[5] << 8 | r[6]) / 64.0f;
		c->x2 = c->x1 + 2.0f + (float)(r[7] & 15) * 0.75f;
		c->y2 = c->y1 + 4.0f + (float)(r[7] >> 4);
	}
	if (!rc)
		rc = flush_page(&pc, held, &nheld, g, &ng, true);
	free(g);
	free(held);
	if (!rc && ls.n) {
		yoy_doc *doc = NULL;
		yoy_error err;
		if (parse_lines(&doc, &ls, "fuzz.pdf", &err) == 0)
			yoy_doc_free(doc);
	}
	lines_free(&ls);
	return 0;
}
