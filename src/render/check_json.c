/* Check findings as JSON, schema "yoy-check/1" (history/README.md). */
#include <stdlib.h>
#include <string.h>

#include "model/jsonw.h"
#include "util/util.h"
#include "yoy/render.h"

/* A percent alone ("10.06%", "-4.39%"); not a display string that holds
 * one among other figures ("+1245025元 +93.40%"). */
static bool is_percent(const char *s)
{
	if (!s || !*s)
		return false;
	size_t n = strlen(s), i = (*s == '-' || *s == '+');
	if (n < i + 2 || s[n - 1] != '%')
		return false;
	for (; i < n - 1; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '.'))
			return false;
	return true;
}

/* A percent as every JSON output of yoy writes one: "10.06", no sign;
 * "figure":"percent" says what it is.  In the envelope ("10.0858% –
 * 10.0860%") every sign goes. */
static void put_figure(jsonw *w, const char *key, const char *s, bool percent)
{
	if (!s || !percent) {
		jw_str(w, key, s);
		return;
	}
	sbuf t;
	sbuf_init(&t);
	for (const char *p = s; *p; p++)
		if (*p != '%')
			sbuf_putc(&t, *p);
	jw_str(w, key, t.oom ? s : sbuf_cstr(&t));
	sbuf_free(&t);
}

char *yoy_render_check_json(const yoy_check *c, const yoy_check_render_options *o)
{
	sbuf b;
	sbuf_init(&b);
	jsonw w;
	jw_init(&w, &b);
	jw_object(&w, NULL, JW_PRETTY);
	jw_str(&w, "schema", "yoy-check/1");
	jw_doc_ref(&w, "document", c->doc, NULL);
	if (c->prior)
		jw_doc_ref(&w, "prior", c->prior, NULL);
	if (c->prior && o->prior_from_history)
		jw_str(&w, "prior_from", "history");
	if (!c->prior)
		jw_str(&w, "no_prior", o->no_prior);
	if (c->budget)
		jw_doc_ref(&w, "budget", c->budget, NULL);
	jw_object(&w, "counts", JW_COMPACT);
	for (int s = YOY_SEV_ERROR; s >= YOY_SEV_OK; s--)
		jw_int(&w, yoy_severity_name((yoy_severity)s), (long long)c->count[s]);
	jw_end(&w);
	jw_array(&w, "findings", JW_LINES);
	for (size_t i = 0; i < c->nfindings; i++) {
		const yoy_finding *f = &c->findings[i];
		if (f->severity < o->show)
			continue;
		jw_object(&w, NULL, JW_COMPACT);
		jw_str(&w, "rule", f->rule);
		jw_str(&w, "severity", yoy_severity_name(f->severity));
		jw_str(&w, "verdict", yoy_verdict_name(f->verdict));
		jw_str(&w, "message", f->message);
		bool percent = is_percent(f->stated) && (!f->computed || is_percent(f->computed));
		put_figure(&w, "stated", f->stated, percent);
		put_figure(&w, "computed", f->computed, percent);
		put_figure(&w, "envelope", f->envelope, percent);
		if (percent)
			jw_str(&w, "figure", "percent");
		jw_str(&w, "held_against", f->held_against);
		jw_str(&w, "subject", f->subject);
		jw_str(&w, "metric", f->metric);
		jw_int(&w, "year", f->year);
		jw_place(&w, "at", f->file, f->at);
		if (f->nalso) {
			jw_array(&w, "also_at", JW_COMPACT);
			for (size_t a = 0; a < f->nalso; a++)
				jw_place(&w, NULL, f->file, f->also[a]);
			jw_end(&w);
		}
		if (f->prior_file)
			jw_place(&w, "prior_at", f->prior_file, f->prior_at);
		if (f->claim >= 0)
			jw_int(&w, "claim", f->claim);
		jw_str(&w, "text", f->text);
		jw_end(&w);
	}
	jw_end(&w);
	jw_end(&w);
	return jw_finish(&w);
}
