/* Check findings as a Markdown table. */
#include <stdio.h>
#include <stdlib.h>

#include "util/i18n.h"
#include "util/util.h"
#include "yoy/render.h"

char *yoy_render_check_md(const yoy_check *c, const yoy_check_render_options *o)
{
	sbuf b;
	sbuf_init(&b);
	const yoy_doc *d = c->doc;
	sbuf_printf(&b, _("## Check of %s %d\n\n"), d->department ? d->department : "?", d->year);
	for (size_t i = 0; i < d->nsources; i++)
		sbuf_printf(&b, _("- source: `%s` (sha256 `%.12s`)\n"), d->sources[i].name,
			    d->sources[i].sha256);
	if (c->prior)
		sbuf_printf(&b, _("- against: %d\n"), c->prior->year);
	if (c->budget)
		sbuf_printf(&b, _("- budget: %d\n"), c->budget->year);
	sbuf_printf(&b, _("- %zu errors, %zu warnings, %zu notes; %zu statements and sums hold\n\n"),
		    c->count[YOY_SEV_ERROR], c->count[YOY_SEV_WARNING], c->count[YOY_SEV_INFO],
		    c->count[YOY_SEV_OK]);
	sbuf_puts(&b, _("| severity | rule | verdict | where | finding | stated | computed | rounding allows |\n"));
	sbuf_puts(&b, "|---|---|---|---|---|--:|--:|---|\n");
	for (size_t i = 0; i < c->nfindings; i++) {
		const yoy_finding *f = &c->findings[i];
		if (f->severity < o->show)
			continue;
		char where[768];
		yoy_report_where_finding(where, sizeof where, f, c->prior);
		sbuf_putc(&b, '|');
		md_cell(&b, yoy_severity_label(f->severity));
		md_cell(&b, yoy_rule_label(f->rule));
		md_cell(&b, yoy_verdict_label(f->verdict));
		md_cell(&b, where);
		md_cell(&b, f->message);
		md_cell(&b, f->stated);
		md_cell(&b, f->computed);
		md_cell(&b, f->envelope);
		sbuf_putc(&b, '\n');
	}
	if (b.oom) {
		sbuf_free(&b);
		return NULL;
	}
	return sbuf_detach(&b);
}
