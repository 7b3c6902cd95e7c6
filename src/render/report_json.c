/* The hearing summary's data as JSON, schema "yoy-report/1": what the
 * Markdown, HTML and text reports show, for other programs. */
#include <stdlib.h>

#include "model/jsonw.h"
#include "util/util.h"
#include "yoy/render.h"

static void put_wan(jsonw *w, const char *key, int64_t fen, int decimals, bool sign)
{
	char buf[48];
	yoy_report_wan(buf, sizeof buf, fen, decimals, sign);
	jw_str(w, key, buf);
}

/* percent x100 as "12.42" */
static void put_percent(jsonw *w, const char *key, bool has, int64_t x100)
{
	if (!has)
		return;
	char buf[32];
	yoy_decimal d = { x100, 2, 1 };
	yoy_decimal_format(buf, sizeof buf, &d);
	jw_str(w, key, buf);
}

static void figures(jsonw *w, const yoy_report *r)
{
	jw_array(w, "figures", JW_LINES);
	for (size_t i = 0; i < r->nfigures; i++) {
		const yoy_report_figure *f = &r->figures[i];
		jw_object(w, NULL, JW_COMPACT);
		jw_str(w, "label", f->label);
		jw_int(w, "indent", f->indent);
		if (f->in_a)
			put_wan(w, "a", f->a, f->decimals, false);
		if (f->in_b)
			put_wan(w, "b", f->b, f->decimals, false);
		if (f->in_a && f->in_b)
			put_wan(w, "change", f->change, f->decimals, false);
		put_percent(w, "percent", f->has_percent, f->percent);
		if (f->file)
			jw_place(w, "at", f->file, f->at);
		jw_end(w);
	}
	jw_end(w);
}

static void changes(jsonw *w, const char *key, const yoy_report *r, const yoy_report_change *v,
		    size_t n)
{
	jw_array(w, key, JW_LINES);
	for (size_t i = 0; i < n; i++) {
		const yoy_report_change *c = &v[i];
		const yoy_diff_cell *x = &c->row->cells[0];
		int dec = yoy_report_table_decimals(c->table);
		jw_object(w, NULL, JW_COMPACT);
		jw_str(w, "code", c->row->code);
		jw_str(w, "name", c->row->name);
		if (c->row->a && x->in_a)
			put_wan(w, "a", x->a, dec, false);
		if (c->row->b && x->in_b)
			put_wan(w, "b", x->b, dec, false);
		put_wan(w, "change", x->change, dec, false);
		put_percent(w, "percent", x->has_percent, x->percent);
		if (c->claim) {
			jw_str(w, "reason", c->claim->reason);
			jw_place(w, "stated_at", yoy_report_claim_file(r, c->claim), c->claim->at);
		}
		jw_str(w, "verdict", yoy_report_verdict_words(c));
		if (c->verdict)
			jw_str(w, "rule", c->verdict->rule);
		jw_end(w);
	}
	jw_end(w);
}

char *yoy_render_report_json(const yoy_report *r)
{
	sbuf b;
	sbuf_init(&b);
	jsonw w;
	jw_init(&w, &b);
	jw_object(&w, NULL, JW_PRETTY);
	jw_str(&w, "schema", "yoy-report/1");
	jw_doc_ref(&w, "document", r->doc, NULL);
	if (r->prior)
		jw_doc_ref(&w, "prior", r->prior, NULL);
	jw_str(&w, "revision", r->revision);
	jw_str(&w, "unit", "万元");
	jw_object(&w, "counts", JW_COMPACT);
	for (int s = YOY_SEV_ERROR; s >= YOY_SEV_OK; s--)
		jw_int(&w, yoy_severity_name((yoy_severity)s), (long long)r->check->count[s]);
	jw_end(&w);
	figures(&w, r);
	changes(&w, "changes_by_code", r, r->code_changes, r->ncode_changes);
	changes(&w, "changes_by_project", r, r->project_changes, r->nproject_changes);
	jw_array(&w, "questions", JW_LINES);
	for (size_t i = 0; i < r->nquestions; i++) {
		const yoy_finding *f = r->questions[i];
		jw_object(&w, NULL, JW_COMPACT);
		jw_str(&w, "rule", f->rule);
		jw_str(&w, "severity", yoy_severity_name(f->severity));
		jw_str(&w, "message", f->message);
		jw_place(&w, "at", f->file, f->at);
		jw_end(&w);
	}
	jw_end(&w);
	const yoy_diff_table *et = yoy_report_execution_table(r);
	if (et) {
		/* the year's budget against its 决算 */
		jw_object(&w, "execution", JW_PRETTY);
		jw_doc_ref(&w, "budget", r->execution->a, NULL);
		jw_doc_ref(&w, "final", r->execution->b, NULL);
		jw_str(&w, "table", et->name);
		jw_array(&w, "rows", JW_LINES);
		const yoy_diff_row *rows[11];
		size_t nr = yoy_report_execution_rows(rows, 11, et);
		for (size_t i = 0; i < nr; i++) {
			const yoy_diff_cell *c = &rows[i]->cells[0];
			jw_object(&w, NULL, JW_COMPACT);
			jw_str(&w, "code", rows[i]->code);
			jw_str(&w, "name", yoy_diff_row_name(rows[i]));
			int dec = yoy_report_table_decimals(et);
			if (c->in_a)
				put_wan(&w, "budget", c->a, dec, false);
			if (c->in_b)
				put_wan(&w, "final", c->b, dec, false);
			put_wan(&w, "change", c->change, dec, false);
			if (c->has_rate) {
				char p[32];
				yoy_diff_format_percent(p, sizeof p, c->rate, false);
				jw_str(&w, "rate", p);
			}
			jw_end(&w);
		}
		jw_end(&w);
		jw_end(&w);
	}
	jw_array(&w, "classes", JW_LINES);
	for (size_t i = 0; i < r->nclasses; i++) {
		const yoy_report_class *c = &r->classes[i];
		jw_object(&w, NULL, JW_COMPACT);
		jw_str(&w, "code", c->code);
		jw_str(&w, "name", c->name);
		put_wan(&w, "a", c->a, 2, false);
		put_wan(&w, "b", c->b, 2, false);
		jw_end(&w);
	}
	jw_end(&w);
	jw_end(&w);
	return jw_finish(&w);
}
