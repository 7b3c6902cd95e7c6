/* A diff as JSON, schema "yoy-diff/1" (history/README.md).  Money is
 * written as decimal strings in the table's diff unit, as in stored
 * documents; nothing passes through a double. */
#include <stdio.h>
#include <stdlib.h>

#include "model/jsonw.h"
#include "util/util.h"
#include "yoy/render.h"

static void put_money(jsonw *w, const char *key, const yoy_diff_table *t, int64_t fen)
{
	char buf[48];
	yoy_diff_format(buf, sizeof buf, t, fen, false);
	jw_str(w, key, buf);
}

static void put_cell(jsonw *w, const char *key, const yoy_diff_table *t,
		     const yoy_diff_row *r, const yoy_diff_cell *c, bool rate)
{
	jw_object(w, key, JW_COMPACT);
	if (r->a && c->in_a)
		put_money(w, "a", t, c->a);
	if (r->b && c->in_b)
		put_money(w, "b", t, c->b);
	put_money(w, "change", t, c->change);
	if (c->has_percent) {
		char p[32];
		yoy_diff_format_percent(p, sizeof p, c->percent, false);
		jw_str(w, "percent", p);
	}
	if (rate && c->has_rate) {
		char p[32];
		yoy_diff_format_percent(p, sizeof p, c->rate, false);
		jw_str(w, "rate", p); /* 执行率: b / a */
	}
	jw_end(w);
}

static void put_row(jsonw *w, const yoy_diff *d, const yoy_diff_table *t,
		    const yoy_diff_row *r, bool rate)
{
	jw_object(w, NULL, JW_COMPACT);
	jw_str(w, "status", yoy_diff_status_name(r->status));
	jw_str(w, "code", r->code);
	jw_str(w, "name", yoy_diff_row_name(r));
	if (r->a && r->b && (r->flags & YOY_DIFF_RECODED))
		jw_str(w, "code_a", r->a->code);
	if (r->a && r->b && r->flags)
		jw_str(w, "name_a", r->a->name);
	const yoy_row *shown = r->b ? r->b : r->a;
	jw_str(w, "key", shown->key);
	jw_str(w, "group", shown->group);
	jw_int(w, "level", r->level);
	if (r->flags) {
		jw_array(w, "flags", JW_COMPACT);
		for (unsigned i = 0; i < YOY_DIFF_FLAG_COUNT; i++)
			if (r->flags & (1u << i))
				jw_str(w, NULL, yoy_diff_flag_name(i));
		jw_end(w);
	}
	if (r->flags & YOY_DIFF_SIMILAR)
		jw_int(w, "score", r->score);
	jw_object(w, "values", JW_COMPACT);
	for (size_t c = 0; c < t->ncolumns; c++)
		put_cell(w, t->columns[c].key, t, r, &r->cells[c], rate);
	jw_end(w);
	if (r->a)
		jw_place(w, "at_a", jw_source_name(d->a, r->a->at), r->a->at);
	if (r->b)
		jw_place(w, "at_b", jw_source_name(d->b, r->b->at), r->b->at);
	jw_end(w);
}

static void put_table(jsonw *w, const yoy_diff *d, const yoy_diff_table *t, bool rate)
{
	jw_object(w, NULL, JW_PRETTY);
	jw_str(w, "kind", t->name);
	jw_str(w, "title_a", t->title_a);
	jw_str(w, "title_b", t->title_b);
	jw_str(w, "unit", yoy_unit_name(t->unit));
	jw_int(w, "decimals", t->decimals);
	jw_array(w, "columns", JW_LINES);
	for (size_t c = 0; c < t->ncolumns; c++) {
		jw_object(w, NULL, JW_COMPACT);
		jw_str(w, "key", t->columns[c].key);
		jw_str(w, "label", t->columns[c].label);
		jw_end(w);
	}
	jw_end(w);
	jw_str(w, "columns_only_a", t->only_a);
	jw_str(w, "columns_only_b", t->only_b);
	jw_object(w, "counts", JW_COMPACT);
	for (int s = 0; s < 4; s++)
		jw_int(w, yoy_diff_status_name((yoy_diff_status)s), (long long)t->count[s]);
	jw_int(w, "renamed", (long long)t->renamed);
	jw_int(w, "recoded", (long long)t->recoded);
	jw_int(w, "similar", (long long)t->similar);
	jw_end(w);
	if (t->total && t->ncolumns)
		put_cell(w, "total", t, t->total, &t->total->cells[0], rate);
	jw_array(w, "rows", JW_LINES);
	for (size_t i = 0; i < t->nrows; i++)
		if (t->rows[i].reported)
			put_row(w, d, t, &t->rows[i], rate);
	jw_end(w);
	jw_end(w);
}

char *yoy_render_diff_json(const yoy_diff *d, const yoy_diff_render_options *o)
{
	sbuf b;
	sbuf_init(&b);
	jsonw w;
	jw_init(&w, &b);
	jw_object(&w, NULL, JW_PRETTY);
	jw_str(&w, "schema", "yoy-diff/1");
	jw_str(&w, "by", yoy_diff_by_name(d->by));
	if (o->execution)
		jw_bool(&w, "execution", true);
	jw_doc_ref(&w, "a", d->a, o->label_a);
	jw_doc_ref(&w, "b", d->b, o->label_b);
	jw_str(&w, "revision", o->revision);
	jw_array(&w, "tables", JW_PRETTY);
	for (size_t i = 0; i < d->ntables; i++)
		put_table(&w, d, &d->tables[i], o->execution);
	jw_end(&w);
	jw_array(&w, "tables_only_a", JW_COMPACT);
	for (size_t i = 0; i < d->nonly_a; i++)
		jw_str(&w, NULL, d->only_a[i]);
	jw_end(&w);
	jw_array(&w, "tables_only_b", JW_COMPACT);
	for (size_t i = 0; i < d->nonly_b; i++)
		jw_str(&w, NULL, d->only_b[i]);
	jw_end(&w);
	jw_end(&w);
	return jw_finish(&w);
}
