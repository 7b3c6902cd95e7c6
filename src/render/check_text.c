/* Check findings for a terminal. */
#include <stdio.h>
#include <stdlib.h>

#include "util/i18n.h"
#include "util/util.h"
#include "yoy/render.h"

static const char *colour(yoy_severity s)
{
	switch (s) {
	case YOY_SEV_ERROR: return "\033[31m";
	case YOY_SEV_WARNING: return "\033[33m";
	case YOY_SEV_INFO: return "\033[36m";
	default: return "";
	}
}

static void loc(sbuf *b, yoy_loc at)
{
	if (at.page)
		sbuf_printf(b, "p%d:", at.page);
	sbuf_printf(b, "%d", at.line);
}

/* FILE:p25:12, the same sentence's other places, and where last year's
 * figure is printed: "(also p26:3) (2018: 2018-budget.pdf:p19:8)". */
static void place(sbuf *b, const yoy_finding *f, const yoy_doc *prior)
{
	sbuf_printf(b, "%s:", f->file ? f->file : "?");
	loc(b, f->at);
	for (size_t i = 0; i < f->nalso; i++) {
		sbuf_puts(b, i ? ", " : " (also ");
		loc(b, f->also[i]);
		if (i + 1 == f->nalso)
			sbuf_putc(b, ')');
	}
	if (f->prior_file) {
		sbuf_printf(b, " (%d: %s:", prior ? prior->year : f->year - 1, f->prior_file);
		loc(b, f->prior_at);
		sbuf_putc(b, ')');
	}
}

char *yoy_render_check_text(const yoy_check *c, const yoy_check_render_options *o)
{
	sbuf b;
	sbuf_init(&b);
	const yoy_doc *d = c->doc;
	sbuf_printf(&b, "%s %d %s\n", d->department ? d->department : "?", d->year,
		    d->kind ? _(d->kind) : "");
	for (size_t i = 0; i < d->nsources; i++)
		sbuf_printf(&b, _("  source: %s (sha256 %.12s)\n"), d->sources[i].name,
			    d->sources[i].sha256);
	if (c->prior && o->prior_from_history)
		sbuf_printf(&b, _("  against: %d (%s, from history)\n"), c->prior->year,
			    c->prior->nsources ? c->prior->sources[0].name : _("stored"));
	else if (c->prior)
		sbuf_printf(&b, _("  against: %d (%s)\n"), c->prior->year,
			    c->prior->nsources ? c->prior->sources[0].name : _("stored"));
	else if (o->no_prior)
		sbuf_printf(&b, _("  against: no prior year: %s (checks across years skipped)\n"),
			    o->no_prior);
	else
		sbuf_puts(&b, _("  against: no prior year (checks across years skipped)\n"));
	if (c->budget)
		sbuf_printf(&b, _("  budget: %d (%s), the 年初预算 this 决算 states\n"), c->budget->year,
			    c->budget->nsources ? c->budget->sources[0].name : _("stored"));
	for (size_t i = 0; i < c->nfindings; i++) {
		const yoy_finding *f = &c->findings[i];
		if (f->severity < o->show)
			continue;
		sbuf_putc(&b, '\n');
		if (o->color)
			sbuf_puts(&b, colour(f->severity));
		sbuf_printf(&b, "%s", yoy_severity_label(f->severity));
		if (o->color && *colour(f->severity))
			sbuf_puts(&b, "\033[0m");
		sbuf_printf(&b, " %s [%s] ", yoy_rule_label(f->rule), yoy_verdict_label(f->verdict));
		place(&b, f, c->prior);
		sbuf_printf(&b, "\n  %s\n", f->message ? f->message : "");
		if (f->stated || f->computed) {
			sbuf_puts(&b, "  ");
			if (f->stated)
				sbuf_printf(&b, _("stated %s"), f->stated);
			if (f->stated && f->computed)
				sbuf_puts(&b, _(", "));
			if (f->computed)
				sbuf_printf(&b, _("computed %s"), f->computed);
			if (f->envelope)
				sbuf_printf(&b, _(" (rounding allows %s)"), f->envelope);
			sbuf_putc(&b, '\n');
		}
		if (f->text)
			sbuf_printf(&b, "  “%s”\n", f->text);
	}
	sbuf_printf(&b, _("\n%zu errors, %zu warnings, %zu notes; %zu statements and sums hold\n"),
		    c->count[YOY_SEV_ERROR], c->count[YOY_SEV_WARNING], c->count[YOY_SEV_INFO],
		    c->count[YOY_SEV_OK]);
	if (b.oom) {
		sbuf_free(&b);
		return NULL;
	}
	return sbuf_detach(&b);
}
