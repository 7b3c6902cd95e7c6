/* A one-screen summary of a disclosure. */
#include <stdio.h>
#include <stdlib.h>

#include "util/util.h"
#include "yoy/render.h"

char *yoy_render_summary(const yoy_doc *doc)
{
	sbuf b;
	sbuf_init(&b);
	sbuf_printf(&b, "%s  %d  %s\n", doc->department ? doc->department : "(no department)",
		    doc->year, doc->kind ? doc->kind : "");
	for (size_t i = 0; i < doc->nsources; i++) {
		const yoy_source_info *s = &doc->sources[i];
		sbuf_printf(&b, "source: %s (%s, %lld bytes", s->name, s->format,
			    (long long)s->size);
		if (s->pages)
			sbuf_printf(&b, ", %d pages", s->pages);
		sbuf_printf(&b, ") sha256 %.16s…\n", s->sha256);
	}
	sbuf_printf(&b, "\ntables (%zu):\n", doc->ntables);
	for (size_t i = 0; i < doc->ntables; i++) {
		const yoy_table *t = &doc->tables[i];
		sbuf_puts(&b, "  ");
		sbuf_put_padded(&b, yoy_table_kind_name(t->kind), 20, false);
		char rows[32];
		snprintf(rows, sizeof rows, "%zu rows", t->nrows);
		sbuf_put_padded(&b, rows, 10, false);
		const yoy_row *total = yoy_table_row_by_key(t, "total", NULL);
		char amount[48] = "";
		if (t->empty)
			snprintf(amount, sizeof amount, "(empty)");
		else if (total && t->ncolumns && total->values[0].present) {
			size_t n = yoy_amount_format(amount, sizeof amount, &total->values[0]);
			snprintf(amount + n, sizeof amount - n, " %s", yoy_unit_name(t->unit));
		}
		sbuf_put_padded(&b, amount, 22, false);
		sbuf_printf(&b, "%s\n", t->title ? t->title : "");
	}
	size_t kinds[4] = { 0 };
	for (size_t i = 0; i < doc->nclaims; i++)
		kinds[doc->claims[i].kind]++;
	sbuf_printf(&b, "\nclaims: %zu (%zu change, %zu share, %zu count, %zu figure)\n",
		    doc->nclaims, kinds[YOY_CLAIM_CHANGE], kinds[YOY_CLAIM_SHARE],
		    kinds[YOY_CLAIM_COUNT], kinds[YOY_CLAIM_FIGURE]);
	for (size_t i = 0; i < doc->nclaims; i++) {
		const yoy_claim *c = &doc->claims[i];
		if (c->kind != YOY_CLAIM_CHANGE || (c->flags & YOY_CLAIM_IN_REASON))
			continue;
		char cur[48] = "", delta[48] = "", pct[32] = "";
		yoy_amount_format(cur, sizeof cur, &c->current);
		yoy_amount_format(delta, sizeof delta, &c->delta);
		yoy_decimal_format(pct, sizeof pct, &c->percent);
		const char *dir = c->direction == YOY_DIR_INCREASE ? "+"
				  : c->direction == YOY_DIR_DECREASE ? "-"
				  : c->direction == YOY_DIR_FLAT ? "=" : "?";
		char where[32];
		if (c->at.page)
			snprintf(where, sizeof where, "p%d:%d", c->at.page, c->at.line);
		else
			snprintf(where, sizeof where, "%d", c->at.line);
		sbuf_printf(&b, "  %-8s %s %s: %s%s%s%s%s (vs %s)\n", where,
			    c->subject ? c->subject : "?", cur, dir, delta,
			    *pct ? " " : "", pct, *pct ? "%" : "", c->base ? c->base : "?");
	}
	sbuf_printf(&b, "\nsections: %zu   performance forms: %zu   warnings: %zu\n",
		    doc->nsections, doc->nforms, doc->nwarnings);
	return sbuf_detach(&b);
}
