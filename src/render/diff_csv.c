/* A diff as CSV (RFC 4180): one line per reported row and column, UTF-8
 * with a byte order mark and CRLF line ends so that Excel opens it with
 * the Chinese intact. */
#include <stdio.h>
#include <string.h>

#include "util/util.h"
#include "yoy/render.h"

#define field csv_field

static void money(sbuf *b, const yoy_diff_table *t, bool present, int64_t fen)
{
	char buf[48] = "";
	if (present)
		yoy_diff_format(buf, sizeof buf, t, fen, false);
	field(b, buf, false);
}

char *yoy_render_diff_csv(const yoy_diff *d, const yoy_diff_render_options *o)
{
	sbuf b;
	sbuf_init(&b);
	sbuf_puts(&b, "\xEF\xBB\xBF");
	char ya[32], yb[32];
	snprintf(ya, sizeof ya, "value_%s", o->label_a);
	snprintf(yb, sizeof yb, "value_%s", o->label_b);
	const char *head[] = { "table", "status", "code", "name", "column", "label", "unit",
			       ya, yb, "change", "percent", "note" };
	for (size_t i = 0; i < sizeof head / sizeof *head; i++)
		field(&b, head[i], i + 1 == sizeof head / sizeof *head);
	for (size_t ti = 0; ti < d->ntables; ti++) {
		const yoy_diff_table *t = &d->tables[ti];
		for (size_t ri = 0; ri < t->nrows; ri++) {
			const yoy_diff_row *r = &t->rows[ri];
			if (!r->reported)
				continue;
			char why[512];
			yoy_diff_describe(why, sizeof why, r);
			for (size_t c = 0; c < t->ncolumns; c++) {
				const yoy_diff_cell *cell = &r->cells[c];
				field(&b, t->name, false);
				field(&b, yoy_diff_status_name(r->status), false);
				field(&b, r->code, false);
				field(&b, yoy_diff_row_name(r), false);
				field(&b, t->columns[c].key, false);
				field(&b, t->columns[c].label, false);
				field(&b, yoy_unit_name(t->unit), false);
				money(&b, t, r->a && cell->in_a, cell->a);
				money(&b, t, r->b && cell->in_b, cell->b);
				money(&b, t, true, cell->change);
				char p[32] = "";
				if (cell->has_percent)
					yoy_diff_format_percent(p, sizeof p, cell->percent, false);
				field(&b, p, false);
				field(&b, why, true);
			}
		}
	}
	if (b.oom) {
		sbuf_free(&b);
		return NULL;
	}
	return sbuf_detach(&b);
}
