/* Streaming JSON writer; see jsonw.h for the layout it produces. */
#include "jsonw.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

void jw_init(jsonw *w, sbuf *out)
{
	memset(w, 0, sizeof *w);
	w->out = out;
}

static void indent(sbuf *b, int depth)
{
	static const char spaces[] = "                                ";
	while (depth > 0) {
		int n = depth > 16 ? 16 : depth;
		sbuf_put(b, spaces, (size_t)n * 2);
		depth -= n;
	}
}

/* Bytes that need an escape: the control characters, '"' and '\\'. */
static bool needs_escape(unsigned char c)
{
	return c < 0x20 || c == '"' || c == '\\';
}

/* Length of the run at p[0..len) that needs no escape: eight bytes at a
 * time (the has-zero-byte test on w, w ^ '"' and w ^ '\\'), then bytewise. */
static size_t plain_run(const unsigned char *p, size_t len)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t w, q, s;
		memcpy(&w, p + i, 8);
		q = w ^ (ones * '"');
		s = w ^ (ones * '\\');
		if (((w - ones * 0x20) & ~w & highs) | ((q - ones) & ~q & highs) |
		    ((s - ones) & ~s & highs))
			break; /* one of these eight needs an escape */
	}
	while (i < len && !needs_escape(p[i]))
		i++;
	return i;
}

/* Escapes as cJSON does: the two-character escapes, \u00XX for the other
 * control characters, everything else (UTF-8 included) as is. */
void jw_quote(sbuf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s);
	sbuf_reserve(out, len + 2);
	sbuf_putc(out, '"');
	while (len) {
		size_t n = plain_run(p, len);
		sbuf_put(out, p, n);
		p += n;
		len -= n;
		if (!len)
			break;
		char u[8];
		const char *esc = u;
		switch (*p) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		default: snprintf(u, sizeof u, "\\u%04x", *p);
		}
		sbuf_puts(out, esc);
		p++;
		len--;
	}
	sbuf_putc(out, '"');
}

/* Separator, indentation and key before a value at the current level. */
static void member(jsonw *w, const char *key)
{
	if (w->depth == 0)
		return;
	sbuf *b = w->out;
	jw_level *c = &w->st[w->depth];
	if (c->compact) {
		if (c->n)
			sbuf_putc(b, ',');
		if (key) {
			jw_quote(b, key);
			sbuf_putc(b, ':');
		}
	} else {
		sbuf_puts(b, c->n ? ",\n" : "\n");
		indent(b, w->depth);
		if (key) {
			jw_quote(b, key);
			sbuf_puts(b, ": ");
		}
	}
	c->n++;
}

static void push(jsonw *w, const char *key, jw_layout layout, char open, char close)
{
	if (w->depth >= JW_MAX_DEPTH) {
		w->failed = true;
		return;
	}
	member(w, key);
	bool inherited = w->depth > 0 && (w->st[w->depth].compact || w->st[w->depth].lines);
	w->depth++;
	w->st[w->depth].close = close;
	w->st[w->depth].n = 0;
	w->st[w->depth].compact = inherited || layout == JW_COMPACT;
	w->st[w->depth].lines = !w->st[w->depth].compact && layout == JW_LINES;
	sbuf_putc(w->out, open);
}

void jw_object(jsonw *w, const char *key, jw_layout layout)
{
	push(w, key, layout, '{', '}');
}

void jw_array(jsonw *w, const char *key, jw_layout layout)
{
	push(w, key, layout, '[', ']');
}

void jw_end(jsonw *w)
{
	if (w->depth == 0) {
		w->failed = true;
		return;
	}
	jw_level *c = &w->st[w->depth];
	if (c->n && !c->compact) {
		sbuf_putc(w->out, '\n');
		indent(w->out, w->depth - 1);
	}
	sbuf_putc(w->out, c->close);
	w->depth--;
}

void jw_str(jsonw *w, const char *key, const char *v)
{
	if (!v)
		return;
	member(w, key);
	jw_quote(w->out, v);
}

void jw_int(jsonw *w, const char *key, long long v)
{
	char buf[24];
	size_t n = sizeof buf;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do {
		buf[--n] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		buf[--n] = '-';
	member(w, key);
	sbuf_put(w->out, buf + n, sizeof buf - n);
}

void jw_bool(jsonw *w, const char *key, bool v)
{
	member(w, key);
	sbuf_puts(w->out, v ? "true" : "false");
}

bool jw_ok(const jsonw *w)
{
	return !w->failed && !w->out->oom && w->depth == 0;
}

char *jw_finish(jsonw *w)
{
	sbuf_putc(w->out, '\n');
	if (!jw_ok(w)) {
		sbuf_free(w->out);
		return NULL;
	}
	return sbuf_detach(w->out);
}

void jw_loc(jsonw *w, const char *key, yoy_loc at)
{
	jw_object(w, key, JW_COMPACT);
	if (at.file)
		jw_int(w, "file", at.file);
	if (at.page)
		jw_int(w, "page", at.page);
	jw_int(w, "line", at.line);
	jw_end(w);
}

void jw_place(jsonw *w, const char *key, const char *file, yoy_loc at)
{
	if (!file)
		return;
	jw_object(w, key, JW_COMPACT);
	jw_str(w, "file", file);
	if (at.page)
		jw_int(w, "page", at.page);
	jw_int(w, "line", at.line);
	jw_end(w);
}

const char *jw_source_name(const yoy_doc *d, yoy_loc at)
{
	if (!d || !d->nsources)
		return NULL;
	if (at.file >= 0 && (size_t)at.file < d->nsources)
		return d->sources[at.file].name;
	return d->sources[0].name;
}

void jw_doc_ref(jsonw *w, const char *key, const yoy_doc *d, const char *label)
{
	jw_object(w, key, JW_PRETTY);
	jw_str(w, "label", label);
	jw_str(w, "department", d->department);
	jw_int(w, "year", d->year);
	jw_str(w, "kind", d->kind);
	jw_array(w, "sources", JW_LINES);
	for (size_t i = 0; i < d->nsources; i++) {
		jw_object(w, NULL, JW_COMPACT);
		jw_str(w, "name", d->sources[i].name);
		jw_str(w, "sha256", d->sources[i].sha256);
		jw_end(w);
	}
	jw_end(w);
	jw_end(w);
}
