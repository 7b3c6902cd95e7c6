/* A diff as Markdown tables, for pasting into hearing documents. */
#include <string.h>

#include "util/util.h"
#include "yoy/render.h"

static const char *status_word(const yoy_diff_row *r)
{
	switch (r->status) {
	case YOY_DIFF_ADDED: return "added";
	case YOY_DIFF_REMOVED: return "removed";
	case YOY_DIFF_CHANGED: return "changed";
	default: return "";
	}
}

char *yoy_render_diff_md(const yoy_diff *d, const yoy_diff_render_options *o)
{
	sbuf b;
	sbuf_init(&b);
	sbuf_printf(&b, "## %s %s → %s (by %s)\n\n", d->b->department ? d->b->department : "?",
		    o->label_a, o->label_b, yoy_diff_by_name(d->by));
	for (int k = 0; k < 2; k++) {
		const char **only = k ? d->only_b : d->only_a;
		size_t n = k ? d->nonly_b : d->nonly_a;
		for (size_t i = 0; i < n; i++)
			sbuf_printf(&b, "%s%s", i ? ", " : "Tables only in the other year's disclosure: ",
				    only[i]);
		if (n)
			sbuf_printf(&b, " (only in %s).\n\n", k ? o->label_b : o->label_a);
	}
	const yoy_doc *docs[2] = { d->a, d->b };
	const char *labels[2] = { o->label_a, o->label_b };
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < docs[k]->nsources; i++)
			sbuf_printf(&b, "- %s: `%s` (sha256 `%.12s`)\n", labels[k],
				    docs[k]->sources[i].name, docs[k]->sources[i].sha256);
	for (size_t ti = 0; ti < d->ntables; ti++) {
		const yoy_diff_table *t = &d->tables[ti];
		sbuf_printf(&b, "\n### %s — %s (%s)\n\n", t->name, t->title_b ? t->title_b : "",
			    yoy_unit_name(t->unit));
		sbuf_printf(&b, "%zu changed, %zu added, %zu removed, %zu unchanged",
			    t->count[YOY_DIFF_CHANGED], t->count[YOY_DIFF_ADDED],
			    t->count[YOY_DIFF_REMOVED], t->count[YOY_DIFF_UNCHANGED]);
		if (t->renamed || t->recoded || t->similar)
			sbuf_printf(&b, "; %zu renamed, %zu recoded, %zu by similar name",
				    t->renamed, t->recoded, t->similar);
		sbuf_puts(&b, ".\n");
		size_t shown = 0;
		for (size_t ri = 0; ri < t->nrows; ri++)
			shown += t->rows[ri].reported;
		if (!shown)
			continue;
		sbuf_printf(&b, "\n| | code | name | column | %s | %s | change | %% | note |\n"
				"|---|---|---|---|--:|--:|--:|--:|---|\n",
			    o->label_a, o->label_b);
		for (size_t ri = 0; ri < t->nrows; ri++) {
			const yoy_diff_row *r = &t->rows[ri];
			if (!r->reported)
				continue;
			char why[512];
			yoy_diff_describe(why, sizeof why, r);
			for (size_t c = 0; c < t->ncolumns; c++) {
				const yoy_diff_cell *x = &r->cells[c];
				if (c > 0 && !x->change)
					continue;
				char a[48] = "", bv[48] = "", ch[48] = "", p[32] = "";
				if (r->a && x->in_a)
					yoy_diff_format(a, sizeof a, t, x->a, false);
				if (r->b && x->in_b)
					yoy_diff_format(bv, sizeof bv, t, x->b, false);
				yoy_diff_format(ch, sizeof ch, t, x->change, true);
				if (x->has_percent)
					yoy_diff_format_percent(p, sizeof p, x->percent, true);
				sbuf_puts(&b, "|");
				md_cell(&b, c == 0 ? status_word(r) : "");
				md_cell(&b, c == 0 ? r->code : "");
				md_cell(&b, c == 0 ? yoy_diff_row_name(r) : "");
				md_cell(&b, t->columns[c].label ? t->columns[c].label : t->columns[c].key);
				md_cell(&b, a);
				md_cell(&b, bv);
				md_cell(&b, ch);
				md_cell(&b, p);
				md_cell(&b, c == 0 ? why : "");
				sbuf_putc(&b, '\n');
			}
		}
	}
	if (b.oom) {
		sbuf_free(&b);
		return NULL;
	}
	return sbuf_detach(&b);
}
