/* The department ranking of check --all for a terminal: one aligned row
 * per department, worst first, with the document to open first. */
#include <stdio.h>

#include "util/i18n.h"
#include "util/util.h"
#include "yoy/render.h"

char *yoy_render_rank_text(const yoy_rank *r)
{
	sbuf b;
	sbuf_init(&b);
	sbuf_printf(&b, _("%zu departments, %d documents, ranked by findings "
			  "(errors, then warnings, then unverifiable)\n\n"),
		    r->n, r->documents);
	const char *head[] = { "#", _("department"), _("documents"), _("years"), _("errors"),
			       _("warnings"), _("unverifiable"), _("info"), _("look first at") };
	enum { NCOL = 9 };
	size_t w[NCOL];
	for (int c = 0; c < NCOL; c++)
		w[c] = utf8_width(head[c]);
	char cell[NCOL][320]; /* a department key is at most 255 bytes */
	/* two passes: widths, then the rows */
	for (int pass = 0; pass < 2; pass++) {
		if (pass) {
			for (int c = 0; c + 1 < NCOL; c++) {
				sbuf_put_padded(&b, head[c], w[c], c != 1 && c != 3);
				sbuf_puts(&b, "  ");
			}
			sbuf_printf(&b, "%s\n", head[NCOL - 1]);
		}
		for (size_t i = 0; i < r->n; i++) {
			const yoy_rank_row *row = &r->rows[i];
			snprintf(cell[0], sizeof cell[0], "%zu", i + 1);
			snprintf(cell[1], sizeof cell[1], "%s", row->department);
			snprintf(cell[2], sizeof cell[2], "%d", row->documents);
			if (row->first_year == row->last_year)
				snprintf(cell[3], sizeof cell[3], "%d", row->first_year);
			else
				snprintf(cell[3], sizeof cell[3], "%d-%d", row->first_year,
					 row->last_year);
			snprintf(cell[4], sizeof cell[4], "%zu", row->count[YOY_SEV_ERROR]);
			snprintf(cell[5], sizeof cell[5], "%zu", row->count[YOY_SEV_WARNING]);
			snprintf(cell[6], sizeof cell[6], "%zu", row->unverifiable);
			snprintf(cell[7], sizeof cell[7], "%zu", row->count[YOY_SEV_INFO]);
			snprintf(cell[8], sizeof cell[8], "%d %s", row->worst_year,
				 row->worst_kind ? row->worst_kind : "");
			for (int c = 0; c < NCOL; c++) {
				if (!pass) {
					size_t cw = utf8_width(cell[c]);
					if (cw > w[c])
						w[c] = cw;
					continue;
				}
				if (c + 1 < NCOL) {
					sbuf_put_padded(&b, cell[c], w[c], c != 1 && c != 3);
					sbuf_puts(&b, "  ");
				} else {
					sbuf_puts(&b, cell[c]);
					sbuf_puts(&b, "\n");
				}
			}
		}
	}
	if (b.oom) {
		sbuf_free(&b);
		return NULL;
	}
	return sbuf_detach(&b);
}
