/* pdf.c and the shared recognizers on the Jiangsu and Shanghai PDFs:
 * every table, the cross-table identities that hold in the sources, the
 * change claims of each year against the year before, bad PDFs, and a
 * disclosure split into a narrative PDF and a tables PDF. */
#include "testutil.h"

#include "read/overflow.h"

#include <math.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const pdfs[] = {
	"data/jiangsu-high-court/2017-budget.pdf",
	"data/jiangsu-high-court/2018-budget.pdf",
	"data/jiangsu-high-court/2019-budget.pdf",
	"data/jiangsu-procuratorate/2017-budget.pdf",
	"data/jiangsu-procuratorate/2018-budget.pdf",
	"data/jiangsu-procuratorate/2019-budget.pdf",
	"data/shanghai-putuo-wanli/2023-budget.pdf",
	"data/shanghai-putuo-wanli/2024-budget.pdf",
	"data/shanghai-putuo-wanli/2025-budget.pdf",
};
#define NPDF (sizeof pdfs / sizeof *pdfs)

static yoy_doc *docs[NPDF];

static int setup(void **state)
{
	(void)state;
	for (size_t i = 0; i < NPDF; i++)
		docs[i] = parse_ok(pdfs[i]);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	for (size_t i = 0; i < NPDF; i++)
		yoy_doc_free(docs[i]);
	return 0;
}

static int64_t cell(const yoy_table *t, const yoy_row *r, const char *col)
{
	yoy_amount a = yoy_row_value(t, r, col);
	return yoy_amount_fen(&a);
}

static void test_covers(void **state)
{
	(void)state;
	for (size_t i = 0; i < NPDF; i++) {
		const yoy_doc *d = docs[i];
		const char *want = i < 3 ? "江苏省高级人民法院"
				   : i < 6 ? "江苏省人民检察院"
					   : "上海市普陀区人民政府万里街道办事处";
		assert_string_equal(d->department, want);
		assert_int_equal(d->year, (int)(i < 6 ? 2017 + i % 3 : 2023 + i % 3));
		assert_string_equal(d->kind, "department_budget");
		assert_int_equal(d->nwarnings, 0);
		assert_string_equal(d->sources[0].format, "pdf");
		assert_true(d->sources[0].pages >= 25);
	}
}

static void test_every_table(void **state)
{
	(void)state;
	static const yoy_table_kind jiangsu[] = {
		YOY_TABLE_SUMMARY, YOY_TABLE_INCOME, YOY_TABLE_EXPENDITURE,
		YOY_TABLE_FISCAL_SUMMARY, YOY_TABLE_FISCAL_EXPENDITURE,
		YOY_TABLE_FISCAL_BASIC, YOY_TABLE_GENERAL_EXPENDITURE,
		YOY_TABLE_BASIC_ECONOMIC, YOY_TABLE_THREE_PUBLIC,
		YOY_TABLE_FUND_EXPENDITURE, YOY_TABLE_OPERATING_COSTS,
		YOY_TABLE_PROCUREMENT,
	};
	static const yoy_table_kind shanghai[] = {
		YOY_TABLE_SUMMARY, YOY_TABLE_INCOME, YOY_TABLE_EXPENDITURE,
		YOY_TABLE_FISCAL_SUMMARY, YOY_TABLE_GENERAL_EXPENDITURE,
		YOY_TABLE_FUND_EXPENDITURE, YOY_TABLE_STATE_CAPITAL,
		YOY_TABLE_BASIC_ECONOMIC, YOY_TABLE_THREE_PUBLIC,
		YOY_TABLE_OPERATING_COSTS, /* the 机关运行经费 column of table 9 */
	};
	for (size_t i = 0; i < NPDF; i++) {
		const yoy_table_kind *k = i < 6 ? jiangsu : shanghai;
		size_t n = i < 6 ? 12 : 10;
		assert_int_equal(docs[i]->ntables, n);
		for (size_t j = 0; j < n; j++)
			if (!yoy_doc_table(docs[i], k[j]))
				fail_msg("%s: no %s table", pdfs[i], yoy_table_kind_name(k[j]));
	}
	/* Shanghai prints 元 in tables 1-8 and 万元 in the "三公" table */
	const yoy_doc *sh = docs[7];
	assert_int_equal(yoy_doc_table(sh, YOY_TABLE_EXPENDITURE)->unit, YOY_UNIT_YUAN);
	assert_int_equal(yoy_doc_table(sh, YOY_TABLE_THREE_PUBLIC)->unit, YOY_UNIT_WAN);
}

/* Parent = sum of children within rounding; total = sum of the 类. */
static void check_codes(const char *path, const yoy_table *t)
{
	int64_t half = t->unit == YOY_UNIT_WAN ? 5000 : 50; /* half a printed unit */
	for (size_t c = 0; c < t->ncolumns; c++) {
		const char *col = t->columns[c].key;
		int64_t top = 0;
		size_t ntop = 0;
		for (size_t r = 0; r < t->nrows; r++) {
			const yoy_row *p = &t->rows[r];
			if (!p->code)
				continue;
			if (p->level == 1) {
				top += cell(t, p, col);
				ntop++;
			}
			int64_t sum = 0;
			size_t kids = 0;
			for (size_t k = 0; k < t->nrows; k++) {
				const yoy_row *q = &t->rows[k];
				if (q->code && yoy_code_is_ancestor(p->code, q->code) &&
				    q->level == p->level + 1) {
					sum += cell(t, q, col);
					kids++;
				}
			}
			if (kids && llabs(sum - cell(t, p, col)) > half * 2 * (int64_t)kids)
				fail_msg("%s %s %s/%s: %lld vs children %lld", path,
					 yoy_table_kind_name(t->kind), p->code, col,
					 (long long)cell(t, p, col), (long long)sum);
		}
		const yoy_row *total = yoy_table_row_by_key(t, "total", NULL);
		if (total && ntop && llabs(top - cell(t, total, col)) > half * 2 * (int64_t)ntop)
			fail_msg("%s %s total/%s: %lld vs 类 %lld", path,
				 yoy_table_kind_name(t->kind), col,
				 (long long)cell(t, total, col), (long long)top);
	}
}

static void test_identities(void **state)
{
	(void)state;
	for (size_t i = 0; i < NPDF; i++) {
		const yoy_doc *d = docs[i];
		const yoy_table *s = yoy_doc_table(d, YOY_TABLE_SUMMARY);
		const yoy_table *e = yoy_doc_table(d, YOY_TABLE_EXPENDITURE);
		const yoy_row *inc = yoy_table_row_by_key(s, "total", "income");
		const yoy_row *exp = yoy_table_row_by_key(s, "total", "expenditure");
		const yoy_row *et = yoy_table_row_by_key(e, "total", NULL);
		assert_non_null(inc);
		assert_non_null(exp);
		assert_non_null(et);
		int64_t total = cell(s, inc, "total");
		assert_true(total > 0);
		/* summary income = summary expenditure = expenditure table */
		assert_int_equal(cell(s, exp, "total"), total);
		assert_int_equal(cell(e, et, "total"), total);
		/* expenditure = basic + project [+ reserve] */
		assert_int_equal(cell(e, et, "basic") + cell(e, et, "project") +
				 cell(e, et, "reserve"), total);
		static const yoy_table_kind coded[] = {
			YOY_TABLE_INCOME, YOY_TABLE_EXPENDITURE,
			YOY_TABLE_GENERAL_EXPENDITURE, YOY_TABLE_FISCAL_EXPENDITURE,
			YOY_TABLE_FISCAL_BASIC, YOY_TABLE_BASIC_ECONOMIC,
		};
		for (size_t k = 0; k < sizeof coded / sizeof *coded; k++) {
			const yoy_table *t = yoy_doc_table(d, coded[k]);
			if (t)
				check_codes(pdfs[i], t);
		}
		/* "三公" = its items, 公务用车 = 购置 + 运行 */
		const yoy_table *tp = yoy_doc_table(d, YOY_TABLE_THREE_PUBLIC);
		int64_t items = 0, veh = 0;
		const char *const parts[] = { "overseas", "reception", "vehicles" };
		for (size_t k = 0; k < 3; k++) {
			const yoy_row *r = yoy_table_row_by_key(tp, parts[k], NULL);
			if (!r)
				fail_msg("%s: no \"三公\" row %s", pdfs[i], parts[k]);
			items += cell(tp, r, "total");
		}
		assert_non_null(yoy_table_row_by_key(tp, "total", NULL));
		assert_non_null(yoy_table_row_by_key(tp, "vehicles", NULL));
		const yoy_row *vp = yoy_table_row_by_key(tp, "vehicle_purchase", NULL);
		const yoy_row *vo = yoy_table_row_by_key(tp, "vehicle_operation", NULL);
		veh = (vp ? cell(tp, vp, "total") : 0) + (vo ? cell(tp, vo, "total") : 0);
		assert_int_equal(items, cell(tp, yoy_table_row_by_key(tp, "total", NULL), "total"));
		assert_int_equal(veh, cell(tp, yoy_table_row_by_key(tp, "vehicles", NULL), "total"));
	}
}

static const yoy_claim *change(const yoy_doc *d, const char *subject,
			       const char *delta, const char *percent)
{
	for (size_t i = 0; i < d->nclaims; i++) {
		const yoy_claim *c = &d->claims[i];
		if (c->kind == YOY_CLAIM_CHANGE && c->subject && strstr(c->subject, subject) &&
		    strcmp(fmt_amount(&c->delta), delta) == 0 &&
		    (!percent || strcmp(fmt_decimal(&c->percent), percent) == 0))
			return c;
	}
	fail_msg("%s: no change claim %s %s %s", d->title, subject, delta,
		 percent ? percent : "");
	return NULL;
}

static void test_year_over_year_claims(void **state)
{
	(void)state;
	/* each series' later years state their change against the year before */
	const yoy_claim *c = change(docs[1], "收入、支出预算总计", "4322.77", "14.98");
	assert_int_equal(c->direction, YOY_DIR_INCREASE);
	assert_string_equal(c->base, "上年");
	assert_int_equal(c->base_year, 2017);
	assert_string_equal(c->metric, "summary/income.total/total");
	assert_string_equal(fmt_amount(&c->current), "33172.15");
	assert_int_equal(c->at.page, 17);
	change(docs[1], "社会保障和就业（类）支出", "92.37", "3.94");
	change(docs[1], "案件执行（项）", "100", "9.52"); /* printed without % */
	assert_true(change(docs[1], "案件执行（项）", "100", "9.52")->flags &
		    YOY_CLAIM_PERCENT_NO_SIGN);
	change(docs[1], "公务接待费", "1.77", NULL);
	change(docs[2], "收入、支出预算总计", "4016.19", "12.11");
	change(docs[2], "提租补贴", "2146.85", "64.70");
	change(docs[4], "收入、支出预算总计", "3958.67", "21.95");
	change(docs[5], "收入、支出预算总计", "2214.39", "10.06");
	change(docs[5], "机关运行经费", "330.65", "12.14");
	c = change(docs[7], "财政拨款收入", "876.75", NULL);
	assert_int_equal(c->direction, YOY_DIR_DECREASE);
	assert_string_equal(c->base, "2023年预算");
	c = change(docs[8], "财政拨款收入", "3355.65", NULL);
	assert_int_equal(c->base_year, 2024);
	/* Shanghai: a base that is last year's execution, stated in the text */
	for (size_t i = 0; i < docs[7]->nclaims; i++) {
		const yoy_claim *e = &docs[7]->claims[i];
		if (e->subject && strstr(e->subject, "专项普查活动") && e->kind == YOY_CLAIM_CHANGE) {
			assert_int_equal(e->basis, YOY_BASIS_EXECUTION);
			assert_string_equal(fmt_amount(&e->base_value), "60.13");
			assert_string_equal(fmt_decimal(&e->percent), "57.14");
			assert_string_equal(e->metric, "general_expenditure/code:2010507/total");
			return;
		}
	}
	fail_msg("no execution-base claim in Shanghai 2024");
}

static void test_sentences_joined_across_lines(void **state)
{
	(void)state;
	/* "…与上年相比增加" / "3075.14 万元，增长 1681.14%" on the next line */
	const yoy_claim *c = change(docs[1], "单位预留机动经费", "3075.14", "1681.14");
	assert_string_equal(fmt_amount(&c->current), "3258.06");
	/* section headings wrapped onto a second line are one heading */
	bool found = false;
	for (size_t i = 0; i < docs[1]->nsections; i++)
		if (strcmp(docs[1]->sections[i].heading,
			   "第三部分 江苏省高级人民法院2018年度预算情况说明") == 0)
			found = true;
	assert_true(found);
	/* page numbers never land inside text */
	for (size_t i = 0; i < docs[1]->nsections; i++)
		assert_null(strstr(docs[1]->sections[i].text, "─"));
}

/* A list item set flush with the text starts its paragraph after a line
 * that ended its sentence at the right edge; a figure wrapped to the
 * start of a line ("107.62万元") does not. */
static void test_list_items_start_paragraphs(void **state)
{
	(void)state;
	bool item = false;
	for (size_t i = 0; i < docs[8]->nsections; i++)
		if (strstr(docs[8]->sections[i].text, "主要用于城乡社区环境卫生。\n30.“城乡社区支出"))
			item = true;
	assert_true(item);
	yoy_doc *doc = parse_ok("data/shanghai-putuo-finance-bureau/2025-budget.pdf");
	bool figure = false;
	for (size_t i = 0; i < doc->nsections; i++) {
		assert_null(strstr(doc->sections[i].text, "\n107.62万元"));
		if (strstr(doc->sections[i].text, "比2024年预算增加107.62万元；事业收入"))
			figure = true;
	}
	assert_true(figure);
	yoy_doc_free(doc);
}

/* A landscape page printed sideways on a portrait page (no /Rotate):
 * its characters follow one another up the page, and the page is read
 * turned upright, figure for figure and claim for claim as the upright
 * file (before, every character was a line of its own and the file was
 * refused as no disclosure). */
static void test_sideways_pages(void **state)
{
	(void)state;
	yoy_doc *side = parse_ok("data/constructed/wanli-2024-budget-sideways.pdf");
	const yoy_doc *upright = docs[7]; /* wanli 2024 */
	assert_int_equal(side->ntables, upright->ntables);
	for (size_t t = 0; t < side->ntables; t++) {
		const yoy_table *a = &side->tables[t], *b = &upright->tables[t];
		assert_int_equal(a->kind, b->kind);
		assert_int_equal(a->nrows, b->nrows);
		assert_int_equal(a->ncolumns, b->ncolumns);
		for (size_t r = 0; r < a->nrows; r++)
			for (size_t c = 0; c < a->ncolumns; c++)
				assert_true(yoy_amount_fen(&a->rows[r].values[c]) ==
					    yoy_amount_fen(&b->rows[r].values[c]));
	}
	assert_int_equal(side->nclaims, upright->nclaims);
	for (size_t i = 0; i < side->nclaims; i++) {
		assert_true(side->claims[i].current.fen == upright->claims[i].current.fen);
		assert_int_equal(side->claims[i].at.page, upright->claims[i].at.page);
		assert_int_equal(side->claims[i].at.line, upright->claims[i].at.line);
	}
	yoy_doc_free(side);
	/* turned either way a quarter: read down the page, or up it */
	glyph g[40];
	for (int dir = 0; dir < 2; dir++) {
		for (size_t i = 0; i < 40; i++) {
			float along = 100.0f + 12.0f * (float)(i % 20), line = 300.0f + 20.0f * (float)(i / 20);
			float y = dir ? 800.0f - along : along;
			g[i] = (glyph){ 0x4E00 + (uint32_t)i, line, y - (dir ? 12.0f : 0), line + 12.0f,
					y + (dir ? 0 : 12.0f) };
		}
		double w = 595, h = 842;
		assert_true(layout_turn_upright(g, 40, &w, &h));
		assert_true(w == 842 && h == 595);
		/* the first line runs left to right, the second below it */
		assert_true(g[1].x1 > g[0].x1 && fabsf(g[1].y1 - g[0].y1) < 0.01f);
		assert_true(g[20].y1 > g[0].y1 + 10 || g[20].y1 < g[0].y1 - 10);
		assert_true(g[21].x1 > g[20].x1);
	}
	/* upright text stays as it is */
	for (size_t i = 0; i < 40; i++)
		g[i] = (glyph){ 0x4E00 + (uint32_t)i, 100.0f + 12.0f * (float)(i % 20),
				300.0f + 20.0f * (float)(i / 20), 112.0f + 12.0f * (float)(i % 20),
				312.0f + 20.0f * (float)(i / 20) };
	double w = 595, h = 842;
	assert_false(layout_turn_upright(g, 40, &w, &h));
	assert_true(w == 595 && g[1].x1 == 112.0f);
}

/* ---- lines drawn twice, once clipped away ----------------------------- */

/* The claims stating a figure, in fen. */
static size_t claims_stating(const yoy_doc *doc, int64_t fen, const yoy_claim **first)
{
	size_t n = 0;
	for (size_t i = 0; i < doc->nclaims; i++)
		if (doc->claims[i].current.present && doc->claims[i].current.fen == fen) {
			if (!n)
				*first = &doc->claims[i];
			n++;
		}
	return n;
}

/* Word's PDFs of the Putuo finance bureau and commerce commission draw
 * the lines that overflow a page on it too, below its clip, and the lines
 * before them again above the next page's clip: each line is read once,
 * where it shows (pdftotext gives both copies; pages drawn by poppler
 * show where). */
static void test_clipped_overflow_read_once(void **state)
{
	(void)state;
	yoy_doc *doc = parse_ok("data/shanghai-putuo-finance-bureau/2025-budget.pdf");
	const yoy_claim *c = NULL;
	/* "7.…职业年金缴费支出（项）”887.36万元" shows at the foot of p7 */
	assert_int_equal(claims_stating(doc, 88736LL * 10000, &c), 1);
	assert_int_equal(c->at.page, 7);
	assert_int_equal(c->at.line, 21);
	/* "9.…行政单位医疗（项）”78.21万元" shows atop p8 (its copy on p7 is
	 * below the clip), as the page's first line */
	assert_int_equal(claims_stating(doc, 7821LL * 10000, &c), 1);
	assert_int_equal(c->at.page, 8);
	assert_int_equal(c->at.line, 1);
	yoy_doc_free(doc);
	/* the commission's duties run from p3 to p4; twelve lines are drawn on
	 * both, and a hidden line's tail had glued itself to a shown one */
	doc = parse_ok("data/shanghai-putuo-commerce/2025-budget.pdf");
	bool found = false;
	for (size_t i = 0; i < doc->nsections; i++) {
		const char *t = doc->sections[i].text;
		if (!strstr(t, "帮困对象粮油供应管理"))
			continue;
		found = true;
		assert_null(strstr(t, "负责导本区"));
		const char *first = strstr(t, "9、组织协调本区商品交易市场规划");
		assert_non_null(first);
		assert_null(strstr(first + 1, "9、组织协调本区商品交易市场规划"));
	}
	assert_true(found);
	yoy_doc_free(doc);
}

/* A line of text at (x, y), one glyph a character, 10 points square. */
static size_t put_line(glyph *g, size_t n, const char *text, float x, float y)
{
	for (size_t i = 0; text[i]; i++)
		g[n++] = (glyph){ (uint32_t)(unsigned char)text[i], x + 10.0f * (float)i, y,
				  x + 10.0f * (float)(i + 1), y + 10.0f };
	return n;
}

static void test_overflow_twins(void **state)
{
	(void)state;
	glyph a[64], b[64];
	size_t na = 0, nb = 0;
	na = put_line(a, na, "first line", 50, 100);
	na = put_line(a, na, "second one", 50, 500);
	na = put_line(a, na, "third one", 60, 515);
	na = put_line(a, na, "7", 300, 580); /* the page's number */
	nb = put_line(b, nb, "second one", 50, 20);
	nb = put_line(b, nb, "third one", 60, 35);
	nb = put_line(b, nb, "then more", 50, 50);
	overflow_twin *t = NULL;
	size_t n = 0;
	assert_int_equal(overflow_twins(a, na, b, nb, &t, &n, NULL), 0);
	assert_int_equal(n, 2);
	assert_int_equal(t[0].a_n, 10);
	assert_true(t[0].a_box.y1 == 500 && t[0].b_box.y1 == 20);
	assert_true(t[1].a_box.x1 == 60 && t[1].b_box.y1 == 35);
	free(t);
	/* the second copy set a point to the right: not the same line, and
	 * the run must start page b */
	b[0].x1 += 1;
	assert_int_equal(overflow_twins(a, na, b, nb, &t, &n, NULL), 0);
	assert_int_equal(n, 0);
	b[0].x1 -= 1;
	/* nor the same distance up */
	for (size_t i = 10; i < nb; i++) {
		b[i].y1 -= 2;
		b[i].y2 -= 2;
	}
	assert_int_equal(overflow_twins(a, na, b, nb, &t, &n, NULL), 0);
	assert_int_equal(n, 0);
	/* a run shorter than OVERFLOW_MIN_CHARS is none */
	glyph c[8], d[8];
	size_t nc = put_line(c, 0, "ab", 50, 500), nd = put_line(d, 0, "ab", 50, 20);
	assert_int_equal(overflow_twins(c, nc, d, nd, &t, &n, NULL), 0);
	assert_int_equal(n, 0);
	assert_null(t);
	/* read once: page a's text area starts at y 100 (its first line);
	 * "second one" stands above it on b (y 20), so a keeps it; "third
	 * one" is at b's top margin (b's copy moved to y 100), so b keeps it */
	na = nb = 0;
	na = put_line(a, na, "first line", 50, 100);
	na = put_line(a, na, "second one", 50, 500);
	na = put_line(a, na, "third one", 60, 580);
	nb = put_line(b, nb, "second one", 50, 20);
	nb = put_line(b, nb, "third one", 60, 100);
	nb = put_line(b, nb, "then more", 50, 115);
	size_t dropped;
	assert_int_equal(overflow_read_once(a, &na, b, &nb, &dropped), 0);
	assert_int_equal(dropped, 2);
	assert_int_equal(na, 20);
	assert_true(a[10].cp == 's' && a[10].y1 == 500);
	assert_int_equal(nb, 18);
	assert_true(b[0].cp == 't' && b[0].y1 == 100);
	/* one twin line alone (a title at the foot and atop the next) stays */
	na = nb = 0;
	na = put_line(a, na, "first line", 50, 100);
	na = put_line(a, na, "running title", 50, 560);
	nb = put_line(b, nb, "running title", 50, 20);
	nb = put_line(b, nb, "then more", 50, 100);
	assert_int_equal(overflow_read_once(a, &na, b, &nb, &dropped), 0);
	assert_int_equal(dropped, 0);
	assert_int_equal(na + nb, 10 + 13 + 13 + 9);
	glyph e[4] = { { 'x', 1, 1, 2, 2 }, { 0, 1, 1, 2, 2 }, { 'y', 1, 1, 2, 2 } };
	size_t ne = 3;
	overflow_compact(e, &ne);
	assert_int_equal(ne, 2);
	assert_int_equal(e[1].cp, 'y');
}

/* ---- bad PDFs, written by hand ---------------------------------------- */

typedef struct pdfw {
	FILE *f;
	long off[4096];
	int n;
} pdfw;

static void obj(pdfw *w, const char *fmt, ...)
{
	w->off[++w->n] = ftell(w->f);
	fprintf(w->f, "%d 0 obj\n", w->n);
	va_list ap;
	va_start(ap, fmt);
	vfprintf(w->f, fmt, ap);
	va_end(ap);
	fprintf(w->f, "\nendobj\n");
}

/* A PDF of npages pages showing text (NULL: a filled square, no text).
 * count: the page count the tree claims (0: the real one). */
static void write_pdf(const char *path, int npages, const char *text, long count,
		      bool encrypted)
{
	pdfw w = { fopen(path, "wb"), { 0 }, 0 };
	assert_non_null(w.f);
	fprintf(w.f, "%%PDF-1.4\n");
	obj(&w, "<< /Type /Catalog /Pages 2 0 R >>");
	long pages_at = ftell(w.f);
	/* the page tree is written last; reserve its number now */
	w.n++;
	obj(&w, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
	int first_page = w.n + 1;
	for (int p = 0; p < npages; p++) {
		char content[128];
		if (text)
			snprintf(content, sizeof content, "BT /F1 12 Tf 72 720 Td (%s %d) Tj ET",
				 text, p + 1);
		else
			snprintf(content, sizeof content, "0 0 1 rg 100 100 200 200 re f");
		obj(&w, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
			"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", w.n + 2);
		obj(&w, "<< /Length %zu >>\nstream\n%s\nendstream", strlen(content), content);
	}
	w.off[2] = ftell(w.f);
	fprintf(w.f, "2 0 obj\n<< /Type /Pages /Count %ld /Kids [", count ? count : npages);
	for (int p = 0; p < npages; p++)
		fprintf(w.f, "%d 0 R ", first_page + 2 * p);
	fprintf(w.f, "] >>\nendobj\n");
	(void)pages_at;
	int enc = 0;
	if (encrypted) {
		obj(&w, "<< /Filter /Standard /V 1 /R 2 /P -4 "
			"/O <0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef> "
			"/U <fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210> >>");
		enc = w.n;
	}
	long xref = ftell(w.f);
	fprintf(w.f, "xref\n0 %d\n0000000000 65535 f \n", w.n + 1);
	for (int i = 1; i <= w.n; i++)
		fprintf(w.f, "%010ld 00000 n \n", w.off[i]);
	fprintf(w.f, "trailer\n<< /Size %d /Root 1 0 R", w.n + 1);
	if (enc)
		fprintf(w.f, " /Encrypt %d 0 R /ID [<00112233445566778899aabbccddeeff>"
			     "<00112233445566778899aabbccddeeff>]", enc);
	fprintf(w.f, " >>\nstartxref\n%ld\n%%%%EOF\n", xref);
	fclose(w.f);
}

static void expect_pdf_error(const char *path, const char *words)
{
	yoy_error err;
	yoy_error_clear(&err);
	yoy_doc *doc = NULL;
	const char *paths[] = { path };
	assert_int_equal(yoy_parse_files(&doc, paths, 1, &err), YOY_EINPUT);
	assert_null(doc);
	if (!strstr(err.message, words) || !strstr(err.message, path))
		fail_msg("\"%s\" should name the file and say \"%s\"", err.message, words);
}

static void test_bad_pdfs(void **state)
{
	(void)state;
	char dir[] = "/tmp/yoy-pdf-XXXXXX", p[256];
	assert_non_null(mkdtemp(dir));

	snprintf(p, sizeof p, "%s/encrypted.pdf", dir);
	write_pdf(p, 1, "secret", 0, true);
	expect_pdf_error(p, "encrypted");

	/* a text layer of letters no disclosure prints (Æ Ł Ø æ ı ł ø ß, as
	 * a font that maps its glyphs wrong gives them): refused, not read */
	snprintf(p, sizeof p, "%s/garbled.pdf", dir);
	write_pdf(p, 2, "\\341\\351\\352\\361\\365\\370\\371\\373\\341\\351\\352\\361", 0,
		  false);
	expect_pdf_error(p, "text layer is not what its pages show");

	snprintf(p, sizeof p, "%s/scan.pdf", dir);
	write_pdf(p, 3, NULL, 0, false);
	expect_pdf_error(p, "image-only");

	snprintf(p, sizeof p, "%s/hello.pdf", dir);
	write_pdf(p, 2, "Hello world", 0, false);
	expect_pdf_error(p, "not a budget disclosure");

	/* a real disclosure cut short */
	size_t len;
	char *real = slurp(pdfs[1], &len);
	snprintf(p, sizeof p, "%s/truncated.pdf", dir);
	FILE *f = fopen(p, "wb");
	assert_int_equal(fwrite(real, 1, len / 3, f), len / 3);
	fclose(f);
	expect_pdf_error(p, "truncated");
	/* and with its middle overwritten */
	memset(real + 200, 'x', len - 400);
	snprintf(p, sizeof p, "%s/corrupt.pdf", dir);
	f = fopen(p, "wb");
	assert_int_equal(fwrite(real, 1, len, f), len);
	fclose(f);
	expect_pdf_error(p, "PDF");
	free(real);

	/* 1,200 pages read through (no hang), and a tree claiming 10^8 pages */
	snprintf(p, sizeof p, "%s/long.pdf", dir);
	write_pdf(p, 1200, "Page", 0, false);
	expect_pdf_error(p, "not a budget disclosure");
	snprintf(p, sizeof p, "%s/claims.pdf", dir);
	write_pdf(p, 1, "Page", 100000000L, false);
	expect_pdf_error(p, p);

	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* ---- one disclosure in two files --------------------------------------- */

static bool same_tables(const yoy_doc *a, const yoy_doc *b)
{
	if (a->ntables != b->ntables)
		return false;
	for (size_t t = 0; t < a->ntables; t++) {
		const yoy_table *x = &a->tables[t], *y = &b->tables[t];
		if (x->kind != y->kind || x->nrows != y->nrows || x->ncolumns != y->ncolumns)
			return false;
		for (size_t r = 0; r < x->nrows; r++)
			for (size_t c = 0; c < x->ncolumns; c++)
				if (x->rows[r].values[c].fen != y->rows[r].values[c].fen ||
				    x->rows[r].values[c].present != y->rows[r].values[c].present)
					return false;
	}
	return true;
}

static void test_narrative_and_tables_in_two_files(void **state)
{
	(void)state;
	char dir[] = "/tmp/yoy-split-XXXXXX", cmd[1024];
	assert_non_null(mkdtemp(dir));
	/* high court 2018: pages 9-16 hold the tables */
	snprintf(cmd, sizeof cmd,
		 "cd '%s' && pdfseparate %s/%s p-%%d.pdf && "
		 "pdfunite p-1.pdf p-2.pdf p-3.pdf p-4.pdf p-5.pdf p-6.pdf p-7.pdf p-8.pdf "
		 "p-17.pdf p-18.pdf p-19.pdf p-20.pdf p-21.pdf p-22.pdf p-23.pdf p-24.pdf "
		 "p-25.pdf narrative.pdf && "
		 "pdfunite p-9.pdf p-10.pdf p-11.pdf p-12.pdf p-13.pdf p-14.pdf p-15.pdf "
		 "p-16.pdf tables.pdf",
		 dir, getcwd((char[512]){ 0 }, 512), pdfs[1]);
	assert_int_equal(system(cmd), 0);
	char narrative[300], tables[300];
	snprintf(narrative, sizeof narrative, "%s/narrative.pdf", dir);
	snprintf(tables, sizeof tables, "%s/tables.pdf", dir);
	const char *paths[] = { narrative, tables };
	yoy_error err;
	yoy_doc *d = NULL;
	if (yoy_parse_files(&d, paths, 2, &err))
		fail_msg("%s", err.message);
	assert_int_equal(d->nsources, 2);
	assert_string_equal(d->sources[1].name, "tables.pdf");
	assert_string_equal(d->department, "江苏省高级人民法院");
	assert_int_equal(d->year, 2018);
	assert_true(same_tables(d, docs[1]));
	/* tables cite the second file */
	assert_int_equal(d->tables[0].at.file, 1);
	const yoy_claim *c = change(d, "收入、支出预算总计", "4322.77", "14.98");
	assert_int_equal(c->at.file, 0);
	yoy_doc_free(d);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* The PDF module is loaded only to read a PDF: a text file needs none,
 * and a module missing or of another version is an error naming it (exit
 * 5, a broken installation), never a crash. */
static void test_module_loaded_on_demand(void **state)
{
	(void)state;
	const char *y = getenv("YOY") ? getenv("YOY") : "../yoy";
	assert_int_equal(sh("YOY_PDF_MODULE=/nonexistent/yoy-pdf.so %s parse -q " LVLIANG
			    " >/dev/null", y), 0);
	assert_int_equal(sh("YOY_PDF_MODULE=/nonexistent/yoy-pdf.so %s parse -q "
			    "data/jiangsu-high-court/2018-budget.pdf 2>&1 >/dev/null | "
			    "grep -q 'cannot read PDFs: /nonexistent/yoy-pdf.so'; "
			    "YOY_PDF_MODULE=/nonexistent/yoy-pdf.so %s parse -q "
			    "data/jiangsu-high-court/2018-budget.pdf >/dev/null 2>&1; test $? = 5", y, y),
			 0);
	/* a shared object that is not the module */
	assert_int_equal(sh("YOY_PDF_MODULE=$(ldconfig -p | awk '/libz.so.1 / { print $NF; exit }') "
			    "%s parse -q data/jiangsu-high-court/2018-budget.pdf 2>&1 >/dev/null | "
			    "grep -q 'of another yoy version'", y), 0);
	/* the program does not load poppler before it reads a PDF */
	assert_int_equal(sh("! readelf -d %s | grep -q poppler", y), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_covers),
		cmocka_unit_test(test_every_table),
		cmocka_unit_test(test_identities),
		cmocka_unit_test(test_year_over_year_claims),
		cmocka_unit_test(test_sentences_joined_across_lines),
		cmocka_unit_test(test_list_items_start_paragraphs),
		cmocka_unit_test(test_sideways_pages),
		cmocka_unit_test(test_clipped_overflow_read_once),
		cmocka_unit_test(test_overflow_twins),
		cmocka_unit_test(test_bad_pdfs),
		cmocka_unit_test(test_narrative_and_tables_in_two_files),
		cmocka_unit_test(test_module_loaded_on_demand),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
