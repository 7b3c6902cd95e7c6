/* A diff for a terminal: numbers in aligned columns, the name last (CJK
 * names are long and of two-column characters), largest change first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"
#include "yoy/render.h"

#define GREEN "\033[32m"
#define RED "\033[31m"
#define YELLOW "\033[33m"
#define BOLD "\033[1m"
#define RESET "\033[0m"

static const char *marker(const yoy_diff_row *r)
{
	switch (r->status) {
	case YOY_DIFF_ADDED: return "+";
	case YOY_DIFF_REMOVED: return "-";
	case YOY_DIFF_CHANGED: return "~";
	default: return " ";
	}
}

static const char *colour(const yoy_diff_row *r)
{
	switch (r->status) {
	case YOY_DIFF_ADDED: return GREEN;
	case YOY_DIFF_REMOVED: return RED;
	case YOY_DIFF_CHANGED: return YELLOW;
	default: return "";
	}
}

/* The four figures of a cell as printed in the table. */
typedef struct figures {
	char a[48], b[48], change[48], percent[32];
} figures;

/* The cell's figures as printed; with rate, the percent is b / a (a
 * budget's 执行率) rather than the change's. */
static void figures_of(figures *f, const yoy_diff_table *t, const yoy_diff_row *r,
		       const yoy_diff_cell *c, bool rate)
{
	f->a[0] = f->b[0] = f->percent[0] = '\0';
	if (r->a && c->in_a)
		yoy_diff_format(f->a, sizeof f->a, t, c->a, false);
	if (r->b && c->in_b)
		yoy_diff_format(f->b, sizeof f->b, t, c->b, false);
	yoy_diff_format(f->change, sizeof f->change, t, c->change, true);
	if (rate) {
		if (c->has_rate) {
			size_t n = yoy_diff_format_percent(f->percent, sizeof f->percent, c->rate,
							   false);
			snprintf(f->percent + n, sizeof f->percent - n, "%%");
		}
	} else if (c->has_percent) {
		size_t n = yoy_diff_format_percent(f->percent, sizeof f->percent, c->percent,
						   true);
		snprintf(f->percent + n, sizeof f->percent - n, "%%");
	}
}

static size_t max_z(size_t x, size_t y)
{
	return x > y ? x : y;
}

static const char *by_words(yoy_diff_by by)
{
	switch (by) {
	case YOY_DIFF_BY_CODE: return "function code";
	case YOY_DIFF_BY_PROJECT: return "project";
	case YOY_DIFF_BY_ECONOMIC: return "economic class";
	case YOY_DIFF_BY_SUMMARY: return "summary line";
	default: return "table";
	}
}

static void headline(sbuf *b, const yoy_diff *d, const yoy_diff_render_options *o)
{
	const char *dept = d->b->department ? d->b->department : "?";
	if (o->color)
		sbuf_puts(b, BOLD);
	sbuf_printf(b, "%s %s → %s, by %s", dept, o->label_a, o->label_b, by_words(d->by));
	if (o->color)
		sbuf_puts(b, RESET);
	sbuf_putc(b, '\n');
	const yoy_doc *docs[2] = { d->a, d->b };
	const char *labels[2] = { o->label_a, o->label_b };
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < docs[k]->nsources; i++)
			sbuf_printf(b, "  %s: %s (sha256 %.12s)\n", labels[k],
				    docs[k]->sources[i].name, docs[k]->sources[i].sha256);
	for (int k = 0; k < 2; k++) {
		const char **only = k ? d->only_b : d->only_a;
		size_t n = k ? d->nonly_b : d->nonly_a;
		for (size_t i = 0; i < n; i++)
			sbuf_printf(b, "%s%s", i ? ", " : "  ", only[i]);
		if (n)
			sbuf_printf(b, "  (tables only in %s)\n", labels[k]);
	}
}

static void counts_line(sbuf *b, const yoy_diff_table *t)
{
	sbuf_printf(b, "%zu changed, %zu added, %zu removed, %zu unchanged",
		    t->count[YOY_DIFF_CHANGED], t->count[YOY_DIFF_ADDED],
		    t->count[YOY_DIFF_REMOVED], t->count[YOY_DIFF_UNCHANGED]);
	if (t->renamed)
		sbuf_printf(b, ", %zu renamed", t->renamed);
	if (t->recoded)
		sbuf_printf(b, ", %zu recoded", t->recoded);
	if (t->similar)
		sbuf_printf(b, ", %zu paired by similar names", t->similar);
}

static bool has_total(const yoy_diff_table *t)
{
	return t->total && t->ncolumns && (t->total->cells[0].in_a || t->total->cells[0].in_b);
}

static void total_line(sbuf *b, const yoy_diff_table *t, const yoy_diff_render_options *o)
{
	figures f;
	figures_of(&f, t, t->total, &t->total->cells[0], o->execution);
	sbuf_printf(b, "%s %s → %s  %s%s%s", yoy_diff_row_name(t->total), *f.a ? f.a : "-",
		    *f.b ? f.b : "-", f.change, *f.percent ? "  " : "", f.percent);
}


/* Column widths over the rows shown: code, both years, change, percent. */
typedef struct widths {
	size_t code, a, b, change, percent;
} widths;

/* The widths the reported rows need; returns how many are reported. */
static size_t row_widths(widths *w, const yoy_diff_table *t, const yoy_diff_render_options *o)
{
	*w = (widths){ strlen("code"), utf8_width(o->label_a), utf8_width(o->label_b),
		       strlen("change"), o->execution ? strlen("rate") : 1 };
	size_t shown = 0;
	for (size_t i = 0; i < t->nrows; i++) {
		const yoy_diff_row *r = &t->rows[i];
		if (!r->reported)
			continue;
		shown++;
		w->code = max_z(w->code, r->code ? strlen(r->code) : 0);
		for (size_t c = 0; c < t->ncolumns; c++) {
			figures f;
			figures_of(&f, t, r, &r->cells[c], o->execution);
			w->a = max_z(w->a, strlen(f.a));
			w->b = max_z(w->b, strlen(f.b));
			w->change = max_z(w->change, strlen(f.change));
			w->percent = max_z(w->percent, strlen(f.percent));
		}
	}
	return shown;
}

/* The four figures of a line, each right-aligned in its width. */
static void figure_cells(sbuf *b, const widths *w, const char *a, const char *bb,
			 const char *change, const char *percent)
{
	sbuf_puts(b, "  ");
	sbuf_put_padded(b, a, w->a, true);
	sbuf_puts(b, "  ");
	sbuf_put_padded(b, bb, w->b, true);
	sbuf_puts(b, "  ");
	sbuf_put_padded(b, change, w->change, true);
	sbuf_puts(b, "  ");
	sbuf_put_padded(b, percent, w->percent, true);
	sbuf_puts(b, "  ");
}

/* One cell of a reported row: the first column with the row's marker,
 * code and name; another column (only where it moved) under it, with
 * its label. */
static void cell_line(sbuf *b, const yoy_diff_table *t, const yoy_diff_row *r, size_t c,
		      const widths *w, const yoy_diff_render_options *o)
{
	figures f;
	figures_of(&f, t, r, &r->cells[c], o->execution);
	if (c == 0) {
		sbuf_puts(b, "  ");
		if (o->color)
			sbuf_puts(b, colour(r));
		sbuf_puts(b, marker(r));
		if (o->color && *colour(r))
			sbuf_puts(b, RESET);
		sbuf_putc(b, ' ');
		sbuf_put_padded(b, r->code ? r->code : "", w->code, false);
	} else {
		sbuf_puts(b, "    ");
		for (size_t k = 0; k < w->code; k++)
			sbuf_putc(b, ' ');
	}
	figure_cells(b, w, f.a, f.b, f.change, f.percent);
	if (c == 0) {
		sbuf_puts(b, yoy_diff_row_name(r));
		char why[512];
		if (yoy_diff_describe(why, sizeof why, r))
			sbuf_printf(b, "  [%s]", why);
		const char *label = t->columns[0].label ? t->columns[0].label : t->columns[0].key;
		if (t->ncolumns > 1 && strcmp(label, yoy_diff_row_name(r)) != 0)
			sbuf_printf(b, "  (%s)", label);
	} else {
		sbuf_printf(b, "  (%s)", t->columns[c].label ? t->columns[c].label
							    : t->columns[c].key);
	}
	sbuf_putc(b, '\n');
}

/* A table's heading: its kind, title and unit, counts, columns one year
 * has alone, and its total. */
static void table_heading(sbuf *b, const yoy_diff_table *t, const yoy_diff_render_options *o)
{
	if (o->color)
		sbuf_puts(b, BOLD);
	sbuf_printf(b, "\n%s  %s  (%s)", t->name, t->title_b ? t->title_b : "",
		    yoy_unit_name(t->unit));
	if (o->color)
		sbuf_puts(b, RESET);
	sbuf_puts(b, "\n  ");
	counts_line(b, t);
	sbuf_putc(b, '\n');
	if (t->only_a || t->only_b)
		sbuf_printf(b, "  columns only in %s: %s; only in %s: %s\n", o->label_a,
			    t->only_a ? t->only_a : "-", o->label_b, t->only_b ? t->only_b : "-");
	if (has_total(t)) {
		sbuf_puts(b, "  ");
		total_line(b, t, o);
		sbuf_putc(b, '\n');
	}
}

static void table_text(sbuf *b, const yoy_diff_table *t, const yoy_diff_render_options *o)
{
	table_heading(b, t, o);
	widths w;
	if (!row_widths(&w, t, o)) {
		if (!has_total(t) && t->count[YOY_DIFF_UNCHANGED] == t->nrows)
			sbuf_puts(b, "  (no figures changed)\n");
		return;
	}
	sbuf_puts(b, "\n    ");
	sbuf_put_padded(b, "code", w.code, false);
	figure_cells(b, &w, o->label_a, o->label_b, "change", o->execution ? "rate" : "%");
	sbuf_puts(b, "name\n");
	for (size_t i = 0; i < t->nrows; i++) {
		const yoy_diff_row *r = &t->rows[i];
		if (!r->reported)
			continue;
		for (size_t c = 0; c < t->ncolumns; c++)
			if (c == 0 || r->cells[c].change) /* others where they moved */
				cell_line(b, t, r, c, &w, o);
	}
}

/* --stat: a line per table, then the largest changes of all. */
typedef struct top {
	const yoy_diff_table *t;
	const yoy_diff_row *r;
} top;

static int by_magnitude(const void *p, const void *q)
{
	const top *x = p, *y = q;
	int64_t mx = x->r->cells[0].change, my = y->r->cells[0].change;
	mx = mx < 0 ? -mx : mx;
	my = my < 0 ? -my : my;
	/* compare in fen: tables may differ in unit */
	return (mx < my) - (mx > my);
}

static const char *row_key(const yoy_diff_row *r)
{
	return r->b ? r->b->key : r->a ? r->a->key : NULL;
}

static bool same_figures(const top *x, const top *y)
{
	const yoy_diff_cell *p = &x->r->cells[0], *q = &y->r->cells[0];
	return p->a == q->a && p->b == q->b && p->in_a == q->in_a && p->in_b == q->in_b;
}

/* Two lines that carry the same money: the same figures both years, and
 * the same name or fixed line, or one code within the other, or one
 * table. */
static bool same_money(const top *x, const top *y)
{
	if (!same_figures(x, y))
		return false;
	const char *cx = x->r->code, *cy = y->r->code;
	const char *kx = row_key(x->r), *ky = row_key(y->r);
	return x->t == y->t || (kx && ky && strcmp(kx, ky) == 0) ||
	       strcmp(yoy_diff_row_name(x->r), yoy_diff_row_name(y->r)) == 0 ||
	       (cx && cy && (strncmp(cx, cy, strlen(cx)) == 0 || strncmp(cy, cx, strlen(cy)) == 0));
}

/* The ten largest changes of all tables, each once (the same money in
 * several lines named on one). */
static void largest_changes(sbuf *b, top *tops, size_t ntops,
			    const yoy_diff_render_options *o)
{
	qsort(tops, ntops, sizeof *tops, by_magnitude);
	sbuf_puts(b, "\n  largest changes:\n");
	/* group[k]: 1 + the line k is said with, 0 while unsaid */
	size_t *group = calloc(ntops, sizeof *group);
	if (!group)
		b->oom = true;
	for (size_t i = 0, shown = 0; group && i < ntops && shown < 10; i++) {
		if (group[i])
			continue;
		group[i] = i + 1;
		shown++;
		figures f;
		figures_of(&f, tops[i].t, tops[i].r, &tops[i].r->cells[0], o->execution);
		sbuf_printf(b, "  %s %12s %s %9s  %s %s %s", marker(tops[i].r), f.change,
			    yoy_unit_name(tops[i].t->unit), f.percent, tops[i].t->name,
			    tops[i].r->code ? tops[i].r->code : "",
			    yoy_diff_row_name(tops[i].r));
		/* the same money again -- another table's line, a parent
		 * with one moving child, a 小计 of one part -- is named
		 * here, not listed twice */
		for (bool grew = true; grew;) {
			grew = false;
			for (size_t k = i + 1; k < ntops; k++) {
				if (group[k] || !same_figures(&tops[i], &tops[k]))
					continue; /* the same money has the same figures */
				for (size_t j = i; !group[k] && j < ntops; j++)
					if (group[j] == i + 1 && same_money(&tops[j], &tops[k])) {
						group[k] = i + 1;
						grew = true;
					}
			}
		}
		for (size_t k = i + 1; k < ntops; k++) {
			if (group[k] != i + 1)
				continue;
			bool named = false; /* this name already printed */
			for (size_t j = i; j < k && !named; j++)
				named = group[j] == i + 1 &&
					strcmp(yoy_diff_row_name(tops[j].r),
					       yoy_diff_row_name(tops[k].r)) == 0;
			if (!named)
				sbuf_printf(b, " = %s%s%s", tops[k].r->code ? tops[k].r->code : "",
					    tops[k].r->code ? " " : "",
					    yoy_diff_row_name(tops[k].r));
		}
		sbuf_putc(b, '\n');
	}
	free(group);
}

static void stat_text(sbuf *b, const yoy_diff *d, const yoy_diff_render_options *o)
{
	size_t wname = 5;
	for (size_t i = 0; i < d->ntables; i++)
		wname = max_z(wname, strlen(d->tables[i].name));
	sbuf_puts(b, "\n  ");
	sbuf_put_padded(b, "table", wname, false);
	sbuf_puts(b, "  changed  added  removed  unchanged  total\n");
	top *tops = NULL;
	size_t ntops = 0, cap = 0;
	for (size_t i = 0; i < d->ntables; i++) {
		const yoy_diff_table *t = &d->tables[i];
		sbuf_puts(b, "  ");
		sbuf_put_padded(b, t->name, wname, false);
		sbuf_printf(b, "  %7zu  %5zu  %7zu  %9zu  ", t->count[YOY_DIFF_CHANGED],
			    t->count[YOY_DIFF_ADDED], t->count[YOY_DIFF_REMOVED],
			    t->count[YOY_DIFF_UNCHANGED]);
		if (has_total(t)) {
			total_line(b, t, o);
			sbuf_printf(b, " %s", yoy_unit_name(t->unit));
		}
		sbuf_putc(b, '\n');
		for (size_t r = 0; r < t->nrows; r++) {
			const yoy_diff_row *row = &t->rows[r];
			if (!row->reported || row == t->total || !t->ncolumns ||
			    (row->a && row->a->level == 0) || (row->b && row->b->level == 0))
				continue;
			top it = { t, row };
			if (!VEC_PUSH(tops, ntops, cap, it))
				b->oom = true;
		}
	}
	if (ntops)
		largest_changes(b, tops, ntops, o);
	free(tops);
	(void)o;
}

char *yoy_render_diff_text(const yoy_diff *d, const yoy_diff_render_options *o)
{
	sbuf b;
	sbuf_init(&b);
	headline(&b, d, o);
	if (o->stat) {
		stat_text(&b, d, o);
	} else {
		for (size_t i = 0; i < d->ntables; i++)
			table_text(&b, &d->tables[i], o);
		if (!d->ntables)
			sbuf_puts(&b, "\n  no table of this kind in both years\n");
	}
	if (b.oom) {
		sbuf_free(&b);
		return NULL;
	}
	return sbuf_detach(&b);
}
