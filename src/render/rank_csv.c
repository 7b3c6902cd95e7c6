/* The department ranking of check --all as CSV: UTF-8 with BOM and CRLF,
 * for Excel. */
#include <stdio.h>

#include "util/util.h"
#include "yoy/render.h"

char *yoy_render_rank_csv(const yoy_rank *r)
{
	sbuf b;
	sbuf_init(&b);
	sbuf_puts(&b, "\xEF\xBB\xBF");
	static const char *const head[] = { "rank", "department", "documents", "first_year",
					    "last_year", "errors", "warnings", "unverifiable",
					    "info", "worst_year", "worst_kind", "worst_errors",
					    "worst_warnings" };
	enum { NCOL = sizeof head / sizeof *head };
	for (size_t c = 0; c < NCOL; c++)
		csv_field(&b, head[c], c + 1 == NCOL);
	for (size_t i = 0; i < r->n; i++) {
		const yoy_rank_row *row = &r->rows[i];
		char v[NCOL][32];
		snprintf(v[0], sizeof v[0], "%zu", i + 1);
		snprintf(v[2], sizeof v[2], "%d", row->documents);
		snprintf(v[3], sizeof v[3], "%d", row->first_year);
		snprintf(v[4], sizeof v[4], "%d", row->last_year);
		snprintf(v[5], sizeof v[5], "%zu", row->count[YOY_SEV_ERROR]);
		snprintf(v[6], sizeof v[6], "%zu", row->count[YOY_SEV_WARNING]);
		snprintf(v[7], sizeof v[7], "%zu", row->unverifiable);
		snprintf(v[8], sizeof v[8], "%zu", row->count[YOY_SEV_INFO]);
		snprintf(v[9], sizeof v[9], "%d", row->worst_year);
		snprintf(v[11], sizeof v[11], "%zu", row->worst_count[YOY_SEV_ERROR]);
		snprintf(v[12], sizeof v[12], "%zu", row->worst_count[YOY_SEV_WARNING]);
		for (size_t c = 0; c < NCOL; c++) {
			const char *s = c == 1 ? row->department
					: c == 10 ? (row->worst_kind ? row->worst_kind : "") : v[c];
			csv_field(&b, s, c + 1 == NCOL);
		}
	}
	if (b.oom) {
		sbuf_free(&b);
		return NULL;
	}
	return sbuf_detach(&b);
}
