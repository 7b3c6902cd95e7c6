/* A trend as CSV: UTF-8 with BOM and CRLF, for Excel. */
#include <stdio.h>

#include "util/util.h"
#include "yoy/diff.h"
#include "yoy/render.h"

char *yoy_render_trend_csv(const yoy_trend *t, const char *department)
{
	sbuf b;
	sbuf_init(&b);
	sbuf_puts(&b, "\xEF\xBB\xBF");
	static const char *const head[] = { "department", "line", "year", "code", "name",
					    "amount (万元)", "change", "percent", "note" };
	for (size_t i = 0; i < sizeof head / sizeof *head; i++)
		csv_field(&b, head[i], i + 1 == sizeof head / sizeof *head);
	for (size_t i = 0; i < t->nyears; i++) {
		const yoy_trend_year *y = &t->years[i];
		char year[16], v[48] = "", ch[48] = "", pc[32] = "", mark[512];
		snprintf(year, sizeof year, "%d", y->year);
		if (y->present)
			yoy_fen_format(v, sizeof v, y->value, YOY_UNIT_WAN, t->decimals);
		if (y->has_change)
			yoy_fen_format(ch, sizeof ch, y->change, YOY_UNIT_WAN, t->decimals);
		if (y->has_percent)
			yoy_diff_format_percent(pc, sizeof pc, y->percent, false);
		yoy_trend_mark(mark, sizeof mark, y);
		csv_field(&b, department, false);
		csv_field(&b, t->what, false);
		csv_field(&b, year, false);
		csv_field(&b, y->code, false);
		csv_field(&b, y->name, false);
		csv_field(&b, v, false);
		csv_field(&b, ch, false);
		csv_field(&b, pc, false);
		csv_field(&b, mark, true);
	}
	if (b.oom) {
		sbuf_free(&b);
		return NULL;
	}
	return sbuf_detach(&b);
}
