/* One table of a disclosure as CSV, figures as printed in the table's
 * unit: for Excel (UTF-8 with BOM, CRLF) and for other diff tools. */
#include <stdio.h>

#include "util/util.h"
#include "yoy/render.h"

char *yoy_render_table_csv(const yoy_table *t)
{
	sbuf b;
	sbuf_init(&b);
	sbuf_puts(&b, "\xEF\xBB\xBF");
	csv_field(&b, "code", false);
	csv_field(&b, "name", false);
	csv_field(&b, "name2", false);
	for (size_t c = 0; c < t->ncolumns; c++) {
		char head[256];
		snprintf(head, sizeof head, "%s (%s)",
			 t->columns[c].label ? t->columns[c].label : t->columns[c].key,
			 yoy_unit_name(t->unit));
		csv_field(&b, head, c + 1 == t->ncolumns);
	}
	if (!t->ncolumns)
		sbuf_puts(&b, "\r\n");
	for (size_t r = 0; r < t->nrows; r++) {
		const yoy_row *row = &t->rows[r];
		csv_field(&b, row->code, false);
		csv_field(&b, row->name, false);
		csv_field(&b, row->name2, !t->ncolumns);
		for (size_t c = 0; c < t->ncolumns; c++) {
			char v[48];
			yoy_amount_format(v, sizeof v, &row->values[c]);
			csv_field(&b, v, c + 1 == t->ncolumns);
		}
	}
	if (b.oom) {
		sbuf_free(&b);
		return NULL;
	}
	return sbuf_detach(&b);
}
