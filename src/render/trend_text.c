/* A trend for a terminal: one aligned row per year. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"
#include "yoy/diff.h"
#include "yoy/render.h"

size_t yoy_trend_mark(char *buf, size_t size, const yoy_trend_year *y)
{
	int n = 0;
	const char *was = y->was ? y->was : "?";
	if (!y->present)
		n = snprintf(buf, size, "not printed");
	else if (y->flags & YOY_DIFF_RECODED)
		n = snprintf(buf, size, "recoded from %s", was);
	else if (y->flags & YOY_DIFF_RENAMED)
		n = snprintf(buf, size, "renamed from %s", was);
	else if (y->flags & YOY_DIFF_SIMILAR)
		n = snprintf(buf, size, "similar name (%d): %s", y->score, was);
	else if (y->flags & YOY_DIFF_ALIASED)
		n = snprintf(buf, size, "aliased: %s", was);
	else if (size)
		buf[0] = '\0';
	return n < 0 ? 0 : (size_t)n < size ? (size_t)n : size ? size - 1 : 0;
}

/* The cells of one year, formatted. */
typedef struct cells {
	char amount[48], change[48], percent[32];
} cells;

static void format_year(cells *c, const yoy_trend *t, const yoy_trend_year *y)
{
	snprintf(c->amount, sizeof c->amount, "-");
	c->change[0] = c->percent[0] = '\0';
	if (y->present)
		yoy_fen_format(c->amount, sizeof c->amount, y->value, YOY_UNIT_WAN, t->decimals);
	if (y->has_change) {
		size_t n = 0;
		if (y->change > 0)
			c->change[n++] = '+';
		yoy_fen_format(c->change + n, sizeof c->change - n, y->change, YOY_UNIT_WAN,
			       t->decimals);
	}
	if (y->has_percent) {
		size_t m = yoy_diff_format_percent(c->percent, sizeof c->percent, y->percent, true);
		snprintf(c->percent + m, sizeof c->percent - m, "%%");
	}
}

char *yoy_render_trend_text(const yoy_trend *t, const char *department)
{
	sbuf b;
	sbuf_init(&b);
	sbuf_printf(&b, "%s: %s (万元)\n\n", department ? department : "?", t->what);
	/* column widths from the cells; the code column only when codes exist */
	size_t wcode = 0, wa = strlen("amount"), wc = strlen("change"), wp = 1;
	for (size_t i = 0; i < t->nyears; i++) {
		const yoy_trend_year *y = &t->years[i];
		cells c;
		format_year(&c, t, y);
		if (y->code && utf8_width(y->code) > wcode)
			wcode = utf8_width(y->code);
		wa = utf8_width(c.amount) > wa ? utf8_width(c.amount) : wa;
		wc = utf8_width(c.change) > wc ? utf8_width(c.change) : wc;
		wp = utf8_width(c.percent) > wp ? utf8_width(c.percent) : wp;
	}
	if (wcode && wcode < 4)
		wcode = 4;
	sbuf_puts(&b, "  year  ");
	if (wcode) {
		sbuf_put_padded(&b, "code", wcode, false);
		sbuf_puts(&b, "  ");
	}
	sbuf_put_padded(&b, "amount", wa, true);
	sbuf_puts(&b, "  ");
	sbuf_put_padded(&b, "change", wc, true);
	sbuf_puts(&b, "  ");
	sbuf_put_padded(&b, "%", wp, true);
	sbuf_puts(&b, "  name\n");
	for (size_t i = 0; i < t->nyears; i++) {
		const yoy_trend_year *y = &t->years[i];
		cells c;
		char mark[512];
		format_year(&c, t, y);
		yoy_trend_mark(mark, sizeof mark, y);
		sbuf_printf(&b, "  %-4d  ", y->year);
		if (wcode) {
			sbuf_put_padded(&b, y->code ? y->code : "", wcode, false);
			sbuf_puts(&b, "  ");
		}
		sbuf_put_padded(&b, c.amount, wa, true);
		sbuf_puts(&b, "  ");
		sbuf_put_padded(&b, c.change, wc, true);
		sbuf_puts(&b, "  ");
		sbuf_put_padded(&b, c.percent, wp, true);
		sbuf_printf(&b, "  %s", y->name ? y->name : "");
		if (*mark)
			sbuf_printf(&b, "%s[%s]", y->name ? "  " : "", mark);
		/* no trailing blanks */
		while (b.len && b.data[b.len - 1] == ' ')
			b.len--;
		sbuf_putc(&b, '\n');
	}
	if (b.oom) {
		sbuf_free(&b);
		return NULL;
	}
	return sbuf_detach(&b);
}
