/* The unit of a table that prints none.
 *
 * Single-unit budget pages ("预算单位：X") often print their tables in 元
 * with no "单位：" line, while the narrative speaks in 万元.  Read as 万元,
 * every figure of such a table is 10,000 times too large and every
 * comparison a false error.  So tables without a unit are read as 万元
 * first (tables.c) and decided here, once the claims are resolved, from
 * evidence a reader can check:
 *   - a narrative figure that names one of the table's cells: the cell
 *     equals it in 万元, or equals it in 元 (within the figure's rounding);
 *   - the table's total printed figure for figure in a table that prints
 *     its unit (the same 收入总计 in the 收支总表 and the 收入总表).
 * Evidence both ways, or none, keeps 万元 and says so.
 * May call: model (docbuild), util. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "recognize.h"

#define FEN_PER_WAN_AS_YUAN 10000 /* a 万元 read of a 元 figure is this much too big */

/* Evidence for one unit. */
typedef struct evidence {
	int yuan, wan;
	char why_yuan[320], why_wan[320]; /* the first piece each way */
} evidence;

/* The cell a metric "TABLE/ROW/COLUMN" names in t, or NULL. */
static const yoy_amount *metric_value(const yoy_table *t, const char *metric)
{
	const char *slash = strchr(metric, '/');
	if (!slash || (size_t)(slash - metric) != strlen(yoy_table_kind_name(t->kind)) ||
	    strncmp(metric, yoy_table_kind_name(t->kind), (size_t)(slash - metric)) != 0)
		return NULL;
	char row[96], col[64] = "total";
	if (sscanf(slash + 1, "%95[^/]/%63s", row, col) < 1)
		return NULL;
	/* "code:NNN", "key" or "group.key" ("income.total") */
	char *dot = strchr(row, '.');
	if (dot)
		*dot = '\0';
	const yoy_row *r = strncmp(row, "code:", 5) == 0 ? yoy_table_row_by_code(t, row + 5)
			   : dot ? yoy_table_row_by_key(t, dot + 1, row)
				 : yoy_table_row_by_key(t, row, NULL);
	int c = yoy_table_column(t, col);
	if (c < 0 && strcmp(col, "total") == 0 && t->ncolumns == 1)
		c = 0;
	if (!r || c < 0 || !r->values[c].present)
		return NULL;
	return &r->values[c];
}

/* Whether the table a metric names is in the document. */
static bool metric_table_printed(const yoy_doc *doc, const char *metric)
{
	char kind[64];
	if (!metric || sscanf(metric, "%63[^/]", kind) != 1)
		return false;
	yoy_table_kind k = yoy_table_kind_parse(kind);
	return k != YOY_TABLE_UNKNOWN && yoy_doc_table(doc, k);
}

static int64_t half_fen(const yoy_amount *a);
static int64_t distance(int64_t a, int64_t b);

/* A cell of t's total line that is the figure a, read either way: a
 * narrative total whose own table is not printed ("收入预算123.45万元"
 * with no 收支总表) still tells the 收入总表's unit. */
static const yoy_amount *total_like(const yoy_table *t, const yoy_amount *a)
{
	const yoy_row *tot = yoy_table_row_by_key(t, "total", NULL);
	int64_t half = half_fen(a);
	for (size_t c = 0; tot && c < t->ncolumns; c++) {
		const yoy_amount *v = &tot->values[c];
		if (v->present && (distance(v->fen, a->fen) <= half ||
				   (v->fen % FEN_PER_WAN_AS_YUAN == 0 &&
				    distance(v->fen / FEN_PER_WAN_AS_YUAN, a->fen) <= half)))
			return v;
	}
	return NULL;
}

/* Half a unit of the last printed digit of a, in fen. */
static int64_t half_fen(const yoy_amount *a)
{
	int64_t unit = a->unit == YOY_UNIT_YI ? 10000000000LL
		       : a->unit == YOY_UNIT_WAN ? 1000000 : 100;
	for (int i = 0; i < a->decimals && unit > 1; i++)
		unit /= 10;
	return unit / 2;
}

static int64_t distance(int64_t a, int64_t b)
{
	return a > b ? a - b : b - a;
}

/* Narrative figures that name a cell of t. */
static void from_claims(const yoy_doc *doc, const yoy_table *t, evidence *ev)
{
	for (size_t i = 0; i < doc->nclaims; i++) {
		const yoy_claim *c = &doc->claims[i];
		if (!c->metric || !c->current.present || c->current.fen == 0)
			continue;
		const yoy_amount *cell = metric_value(t, c->metric);
		if (!cell && !metric_table_printed(doc, c->metric))
			cell = total_like(t, &c->current); /* the table it names is not printed */
		if (!cell || cell->fen == 0)
			continue;
		int64_t half = half_fen(&c->current);
		bool as_wan = distance(cell->fen, c->current.fen) <= half;
		bool as_yuan = cell->fen % FEN_PER_WAN_AS_YUAN == 0 &&
			       distance(cell->fen / FEN_PER_WAN_AS_YUAN, c->current.fen) <= half;
		if (as_wan == as_yuan)
			continue;
		if (as_yuan ? ev->yuan++ : ev->wan++)
			continue; /* the first of each is named */
		char amount[48];
		yoy_amount_format(amount, sizeof amount, &c->current);
		snprintf(as_yuan ? ev->why_yuan : ev->why_wan, sizeof ev->why_yuan,
			 "the narrative's %s %s%s (page %d line %d) is its figure",
			 c->subject ? c->subject : "", amount,
			 yoy_unit_name((yoy_unit)c->current.unit), c->at.page, c->at.line);
	}
}

/* The value as printed, times 100 ("12,345.67" -> 1234567), whatever
 * unit it was read in. */
static int64_t printed(const yoy_amount *a, yoy_unit read_as)
{
	return read_as == YOY_UNIT_WAN ? a->fen / 10000 : read_as == YOY_UNIT_YI
		       ? a->fen / 100000000 : a->fen;
}

/* The first figure of t's total line (at least 1000 as printed, so that
 * a coincidence is unlikely) found in a table that prints its unit, or
 * whose unit the narrative decided. */
static void from_tables(const yoy_doc *doc, const yoy_table *t, const bool *decided,
			evidence *ev)
{
	const yoy_row *tot = yoy_table_row_by_key(t, "total", NULL);
	const yoy_amount *v = NULL;
	for (size_t c = 0; tot && c < t->ncolumns && !v; c++)
		if (tot->values[c].present && printed(&tot->values[c], t->unit) >= 100000)
			v = &tot->values[c];
	if (!v)
		return;
	int64_t want = printed(v, t->unit);
	for (size_t i = 0; i < doc->ntables; i++) {
		const yoy_table *u = &doc->tables[i];
		if (u == t || (u->unit_inferred && !decided[i]))
			continue;
		for (size_t r = 0; r < u->nrows; r++)
			for (size_t c = 0; c < u->ncolumns; c++) {
				const yoy_amount *a = &u->rows[r].values[c];
				if (!a->present || printed(a, u->unit) != want)
					continue;
				bool yuan = u->unit == YOY_UNIT_YUAN;
				if (yuan ? ev->yuan++ : ev->wan++)
					return;
				char amount[48];
				yoy_amount_format(amount, sizeof amount, v);
				snprintf(yuan ? ev->why_yuan : ev->why_wan, sizeof ev->why_yuan,
					 "its total %s is printed in table \"%s\" (page %d)",
					 amount, u->title ? u->title : "?", u->at.page);
				return;
			}
	}
}

/* Every figure of t, read as 万元, to 元.  False when one is not a whole
 * number of 元 hundredths (more than two decimals: not 元). */
static bool rescale_to_yuan(yoy_table *t)
{
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < t->ncolumns; c++)
			if (t->rows[r].values[c].fen % FEN_PER_WAN_AS_YUAN != 0)
				return false;
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < t->ncolumns; c++) {
			yoy_amount *a = &t->rows[r].values[c];
			a->fen /= FEN_PER_WAN_AS_YUAN;
			if (a->unit == YOY_UNIT_WAN)
				a->unit = YOY_UNIT_YUAN;
		}
	t->unit = YOY_UNIT_YUAN;
	return true;
}

/* Decide t's unit from ev; true when decided by evidence. */
static bool decide(yoy_doc *doc, yoy_table *t, const evidence *ev)
{
	if (ev->yuan && !ev->wan && rescale_to_yuan(t)) {
		doc_warn(doc, t->at, "table \"%s\": no unit printed; read as 元, as %s in 元",
			 t->title, ev->why_yuan);
		return true;
	}
	if (ev->wan && !ev->yuan) {
		doc_warn(doc, t->at, "table \"%s\": no unit printed; read as 万元, as %s in 万元",
			 t->title, ev->why_wan);
		return true;
	}
	return false;
}

void infer_units(parse_ctx *pc)
{
	yoy_doc *doc = pc->doc;
	bool *decided = calloc(doc->ntables ? doc->ntables : 1, sizeof *decided);
	if (!decided)
		return; /* read as 万元, as before; nothing here may fail */
	/* by the narrative first; then by the tables printed or decided */
	for (size_t i = 0; i < doc->ntables; i++) {
		yoy_table *t = &doc->tables[i];
		if (!t->unit_inferred || t->empty)
			continue;
		evidence ev = { 0, 0, "", "" };
		from_claims(doc, t, &ev);
		decided[i] = decide(doc, t, &ev);
		if (!decided[i] && ev.wan && ev.yuan)
			doc_warn(doc, t->at, "table \"%s\": no unit printed, and the narrative fits "
					     "both 元 and 万元; assuming 万元", t->title);
		if (ev.wan && ev.yuan)
			decided[i] = true; /* said; not decided again */
	}
	for (bool more = true; more;) {
		more = false;
		for (size_t i = 0; i < doc->ntables; i++) {
			yoy_table *t = &doc->tables[i];
			if (!t->unit_inferred || t->empty || decided[i])
				continue;
			evidence ev = { 0, 0, "", "" };
			from_tables(doc, t, decided, &ev);
			if (decide(doc, t, &ev))
				more = decided[i] = true;
		}
	}
	for (size_t i = 0; i < doc->ntables; i++)
		if (doc->tables[i].unit_inferred && !doc->tables[i].empty && !decided[i])
			doc_warn(doc, doc->tables[i].at,
				 "table \"%s\": no unit printed, and no figure printed elsewhere "
				 "to tell it by; assuming 万元", doc->tables[i].title);
	free(decided);
}
