/* Normalized JSON, both ways.  Money is written as decimal strings exactly
 * as printed ("6.00", claim amounts with their unit: "1619.83万元"), never
 * as JSON numbers, so nothing passes through a double.  JSON numbers are
 * used for integers only (year, line, level, size). */
#include "yoy/json.h"

#include <cjson/cJSON.h>
#include <pthread.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "docbuild.h"
#include "jsonw.h"

/* ---- writing ------------------------------------------------------------- */

/* Written by the streaming writer (jsonw.c) in the canonical layout: two-
 * space indentation, and one line per element of the long lists (rows,
 * claims, indicators, warnings, columns, sources), so a git diff of stored
 * JSON reads as "this row changed". */

/* Table cell: "728.11" in the table's unit. */
static void put_cell(jsonw *w, const char *key, const yoy_amount *a)
{
	if (!a->present)
		return;
	char buf[40];
	yoy_amount_format(buf, sizeof buf, a);
	jw_str(w, key, buf);
}

/* Narrative amount: "1619.83万元", the unit it was printed in. */
static void put_money(jsonw *w, const char *key, const yoy_amount *a)
{
	if (!a->present)
		return;
	char buf[48];
	size_t n = yoy_amount_format(buf, sizeof buf, a);
	snprintf(buf + n, sizeof buf - n, "%s", yoy_unit_name((yoy_unit)a->unit));
	jw_str(w, key, buf);
}

static void put_decimal(jsonw *w, const char *key, const yoy_decimal *d)
{
	if (!d->present)
		return;
	char buf[40];
	yoy_decimal_format(buf, sizeof buf, d);
	jw_str(w, key, buf);
}

static void put_table(jsonw *w, const yoy_table *t)
{
	jw_object(w, NULL, JW_PRETTY);
	jw_str(w, "kind", yoy_table_kind_name(t->kind));
	jw_str(w, "title", t->title);
	jw_str(w, "unit", yoy_unit_name(t->unit));
	jw_int(w, "decimals", t->decimals);
	jw_loc(w, "at", t->at);
	jw_bool(w, "empty", t->empty);
	if (t->by_order)
		jw_bool(w, "by_order", true);
	jw_str(w, "note", t->note);
	jw_array(w, "columns", JW_LINES);
	for (size_t i = 0; i < t->ncolumns; i++) {
		jw_object(w, NULL, JW_COMPACT);
		jw_str(w, "key", t->columns[i].key);
		jw_str(w, "label", t->columns[i].label);
		jw_end(w);
	}
	jw_end(w);
	jw_array(w, "rows", JW_LINES);
	for (size_t i = 0; i < t->nrows; i++) {
		const yoy_row *r = &t->rows[i];
		jw_object(w, NULL, JW_COMPACT);
		jw_str(w, "key", r->key);
		jw_str(w, "group", r->group);
		jw_str(w, "code", r->code);
		jw_str(w, "name", r->name);
		jw_str(w, "name2", r->name2);
		jw_int(w, "level", r->level);
		jw_object(w, "values", JW_COMPACT);
		for (size_t c = 0; c < t->ncolumns; c++)
			put_cell(w, t->columns[c].key, &r->values[c]);
		jw_end(w);
		jw_loc(w, "at", r->at);
		jw_end(w);
	}
	jw_end(w);
	jw_end(w);
}

static const struct {
	unsigned flag;
	const char *name;
} claim_flags[] = {
	{ YOY_CLAIM_IN_REASON, "in_reason" },
	{ YOY_CLAIM_PERCENT_NO_SIGN, "percent_no_sign" },
	{ YOY_CLAIM_EMPTY_REASON, "empty_reason" },
	{ YOY_CLAIM_CURRENT_RESTATED, "current_restated" },
	{ YOY_CLAIM_DIR_CONFLICT, "direction_conflict" },
	{ YOY_CLAIM_TIMES, "times" },
	{ YOY_CLAIM_UNIT_IMPLIED, "unit_implied" },
	{ YOY_CLAIM_NEW_LINE, "new_line" },
	{ YOY_CLAIM_NAME_DIFFERS, "name_differs" },
	{ YOY_CLAIM_NAME_NEAR, "name_near" },
};

static void put_claim(jsonw *w, const yoy_claim *c)
{
	jw_object(w, NULL, JW_COMPACT);
	jw_str(w, "kind", yoy_claim_kind_name(c->kind));
	jw_str(w, "subject", c->subject);
	jw_str(w, "metric", c->metric);
	put_money(w, "current", &c->current);
	jw_str(w, "base", c->base);
	if (c->base)
		jw_int(w, "base_year", c->base_year);
	jw_str(w, "basis", yoy_basis_name(c->basis));
	put_money(w, "base_value", &c->base_value);
	jw_str(w, "direction", yoy_direction_name(c->direction));
	jw_str(w, "direction_word", c->direction_word);
	put_money(w, "delta", &c->delta);
	put_decimal(w, "percent", &c->percent);
	put_decimal(w, "share", &c->share);
	jw_str(w, "whole", c->whole);
	jw_str(w, "whole_metric", c->whole_metric);
	put_money(w, "whole_value", &c->whole_value);
	if (c->kind == YOY_CLAIM_COUNT) {
		jw_int(w, "count", c->count);
		jw_str(w, "count_unit", c->count_unit);
	}
	jw_str(w, "reason", c->reason);
	if (c->flags) {
		jw_array(w, "flags", JW_COMPACT);
		for (size_t i = 0; i < sizeof claim_flags / sizeof *claim_flags; i++)
			if (c->flags & claim_flags[i].flag)
				jw_str(w, NULL, claim_flags[i].name);
		jw_end(w);
	}
	jw_str(w, "text", c->text);
	jw_loc(w, "at", c->at);
	jw_end(w);
}

static void put_funds(jsonw *w, const char *key, const yoy_funds *f)
{
	jw_object(w, key, JW_PRETTY);
	put_cell(w, "total", &f->total);
	put_cell(w, "central", &f->central);
	put_cell(w, "provincial", &f->provincial);
	put_cell(w, "local", &f->local);
	put_cell(w, "self_raised", &f->self_raised);
	put_cell(w, "other", &f->other);
	jw_end(w);
}

static void put_form(jsonw *w, const yoy_perf_form *f)
{
	jw_object(w, NULL, JW_PRETTY);
	jw_str(w, "project", f->project);
	jw_str(w, "department_code", f->department_code);
	jw_str(w, "department", f->department);
	jw_str(w, "implementer", f->implementer);
	jw_str(w, "attribute", f->attribute);
	jw_str(w, "period", f->period);
	jw_object(w, "funds", JW_PRETTY);
	put_funds(w, "period", &f->period_funds);
	put_funds(w, "annual", &f->annual_funds);
	jw_end(w);
	jw_str(w, "overview", f->overview);
	jw_str(w, "basis", f->basis);
	jw_str(w, "necessity", f->necessity);
	jw_str(w, "measures", f->measures);
	jw_str(w, "plan", f->plan);
	jw_str(w, "goal_period", f->goal_period);
	jw_str(w, "goal_annual", f->goal_annual);
	jw_array(w, "indicators", JW_LINES);
	for (size_t i = 0; i < f->nindicators; i++) {
		const yoy_indicator *in = &f->indicators[i];
		jw_object(w, NULL, JW_COMPACT);
		jw_str(w, "level1", in->level1);
		jw_str(w, "level2", in->level2);
		jw_str(w, "name", in->name);
		jw_str(w, "value", in->value);
		jw_str(w, "annual_name", in->annual_name);
		jw_str(w, "annual_value", in->annual_value);
		jw_loc(w, "at", in->at);
		jw_end(w);
	}
	jw_end(w);
	jw_loc(w, "at", f->at);
	jw_end(w);
}

static void put_doc(jsonw *w, const yoy_doc *doc)
{
	jw_object(w, NULL, JW_PRETTY);
	jw_str(w, "schema", YOY_SCHEMA);
	jw_str(w, "department", doc->department);
	jw_int(w, "year", doc->year);
	jw_str(w, "kind", doc->kind);
	jw_str(w, "title", doc->title);
	jw_array(w, "sources", JW_LINES);
	for (size_t i = 0; i < doc->nsources; i++) {
		const yoy_source_info *s = &doc->sources[i];
		jw_object(w, NULL, JW_COMPACT);
		jw_str(w, "name", s->name);
		jw_str(w, "sha256", s->sha256);
		jw_str(w, "format", s->format);
		jw_str(w, "encoding", s->encoding);
		jw_int(w, "size", s->size);
		jw_int(w, "pages", s->pages);
		jw_int(w, "lines", s->lines);
		jw_end(w);
	}
	jw_end(w);
	jw_array(w, "tables", JW_PRETTY);
	for (size_t i = 0; i < doc->ntables; i++)
		put_table(w, &doc->tables[i]);
	jw_end(w);
	jw_array(w, "sections", JW_PRETTY);
	for (size_t i = 0; i < doc->nsections; i++) {
		const yoy_section *s = &doc->sections[i];
		jw_object(w, NULL, JW_PRETTY);
		jw_str(w, "heading", s->heading);
		jw_int(w, "level", s->level);
		jw_str(w, "text", s->text);
		jw_loc(w, "at", s->at);
		jw_end(w);
	}
	jw_end(w);
	jw_array(w, "claims", JW_LINES);
	for (size_t i = 0; i < doc->nclaims; i++)
		put_claim(w, &doc->claims[i]);
	jw_end(w);
	jw_array(w, "forms", JW_PRETTY);
	for (size_t i = 0; i < doc->nforms; i++)
		put_form(w, &doc->forms[i]);
	jw_end(w);
	jw_array(w, "warnings", JW_LINES);
	for (size_t i = 0; i < doc->nwarnings; i++) {
		jw_object(w, NULL, JW_COMPACT);
		jw_loc(w, "at", doc->warnings[i].at);
		jw_str(w, "message", doc->warnings[i].message);
		jw_end(w);
	}
	jw_end(w);
	jw_end(w);
}

char *yoy_json_write(const yoy_doc *doc)
{
	sbuf b;
	sbuf_init(&b);
	sbuf_reserve(&b, 64 * 1024);
	jsonw w;
	jw_init(&w, &b);
	put_doc(&w, doc);
	return jw_finish(&w);
}

/* ---- reading ---------------------------------------------------------------- */

typedef struct reader {
	yoy_doc *doc;
	const char *name;
	yoy_error *err;
	int rc;
} reader;

/* A member of object o.  Documents are read in the order they are
 * written, so the search starts after the member this thread found last
 * in the same object: one comparison per key instead of a scan from the
 * first (which was a twentieth of reading a document).  With a duplicate
 * key the one found may be the later; yoy never writes duplicates. */
static _Thread_local const cJSON *last_object, *last_member;

static const cJSON *member(const cJSON *o, const char *key)
{
	if (!o)
		return NULL;
	const cJSON *start = o == last_object && last_member ? last_member->next : NULL;
	for (int pass = 0; pass < 2; pass++) {
		const cJSON *from = pass ? o->child : start, *to = pass ? start : NULL;
		for (const cJSON *c = from; c && c != to; c = c->next)
			if (c->string && strcmp(c->string, key) == 0) {
				last_object = o;
				last_member = c;
				return c;
			}
	}
	return NULL;
}

static int fail(reader *r, const char *what)
{
	if (!r->rc)
		r->rc = yoy_error_set(r->err, YOY_EINPUT, "%s: %s", r->name, what);
	return r->rc;
}

static const char *get_str(reader *r, const cJSON *o, const char *key)
{
	const cJSON *v = member(o, key);
	if (!v || cJSON_IsNull(v))
		return NULL;
	if (!cJSON_IsString(v)) {
		char msg[128];
		snprintf(msg, sizeof msg, "\"%s\" must be a string", key);
		fail(r, msg);
		return NULL;
	}
	const char *s = doc_str(r->doc, v->valuestring);
	if (!s)
		fail(r, "out of memory");
	return s;
}

static long long get_int(reader *r, const cJSON *o, const char *key)
{
	const cJSON *v = member(o, key);
	if (!v)
		return 0;
	/* in range before the cast: 7.7e+119 as long long is undefined (found
	 * by fuzz_json); within 2^53 every integer is exact */
	if (!cJSON_IsNumber(v) || !(fabs(v->valuedouble) <= 9007199254740992.0) ||
	    v->valuedouble != (double)(long long)v->valuedouble) {
		char msg[128];
		snprintf(msg, sizeof msg, "\"%s\" must be an integer", key);
		fail(r, msg);
		return 0;
	}
	return (long long)v->valuedouble;
}

static yoy_loc get_loc(reader *r, const cJSON *o)
{
	yoy_loc at = { 0, 0, 0 };
	const cJSON *a = member(o, "at");
	if (a) {
		at.line = (int)get_int(r, a, "line");
		at.page = (int)get_int(r, a, "page");
		at.file = (int)get_int(r, a, "file");
	}
	return at;
}

static yoy_amount get_cell(reader *r, const cJSON *o, const char *key, yoy_unit unit)
{
	yoy_amount a;
	memset(&a, 0, sizeof a);
	a.unit = (uint8_t)unit;
	const cJSON *v = member(o, key);
	if (!v)
		return a;
	if (!cJSON_IsString(v) ||
	    yoy_amount_parse(&a, v->valuestring, strlen(v->valuestring), unit) != 0) {
		char msg[160];
		snprintf(msg, sizeof msg, "amount \"%s\" is not a decimal string", key);
		fail(r, msg);
	}
	return a;
}

static yoy_amount get_money(reader *r, const cJSON *o, const char *key)
{
	yoy_amount a;
	memset(&a, 0, sizeof a);
	const cJSON *v = member(o, key);
	if (!v)
		return a;
	if (!cJSON_IsString(v)) {
		fail(r, "amount must be a string");
		return a;
	}
	const char *s = v->valuestring;
	size_t n = strlen(s);
	size_t num = strspn(s, "-0123456789.");
	yoy_unit u = yoy_unit_parse(s + num, n - num);
	if (u == YOY_UNIT_NONE || yoy_amount_parse(&a, s, num, u) != 0) {
		char msg[160];
		snprintf(msg, sizeof msg, "amount \"%s\" is not like \"12.34万元\"", key);
		fail(r, msg);
	}
	return a;
}

static yoy_decimal get_decimal(reader *r, const cJSON *o, const char *key)
{
	yoy_decimal d;
	memset(&d, 0, sizeof d);
	const cJSON *v = member(o, key);
	if (!v)
		return d;
	if (!cJSON_IsString(v) ||
	    yoy_decimal_parse(&d, v->valuestring, strlen(v->valuestring)) != 0)
		fail(r, "percent must be a decimal string");
	return d;
}

static const cJSON *get_array(reader *r, const cJSON *o, const char *key)
{
	const cJSON *v = member(o, key);
	if (v && !cJSON_IsArray(v)) {
		char msg[128];
		snprintf(msg, sizeof msg, "\"%s\" must be an array", key);
		fail(r, msg);
		return NULL;
	}
	return v;
}

/* The first element of an array, or NULL.  cJSON_ArrayForEach names its
 * array twice, and get_array called twice may answer differently (a key
 * given twice, the second not an array: found by fuzz_json), so loops
 * over get_array call it once, through this. */
static const cJSON *first_of(const cJSON *array)
{
	return array ? array->child : NULL;
}

static const char *intern_kind(const char *s)
{
	static const char *const kinds[] = {
		"department_budget", "unit_budget", "department_final", "unit_final",
	};
	/* the names earlier versions stored: read as today's */
	static const char *const before[][2] = {
		{ "department_final_accounts", "department_final" },
		{ "unit_final_accounts", "unit_final" },
	};
	for (size_t i = 0; s && i < sizeof kinds / sizeof *kinds; i++)
		if (strcmp(s, kinds[i]) == 0)
			return kinds[i];
	for (size_t i = 0; s && i < sizeof before / sizeof *before; i++)
		if (strcmp(s, before[i][0]) == 0)
			return before[i][1];
	return NULL;
}

static yoy_unit unit_named(const char *s)
{
	return s ? yoy_unit_parse(s, strlen(s)) : YOY_UNIT_NONE;
}

static void read_table(reader *r, const cJSON *j, size_t *tcap)
{
	yoy_table *t = doc_add_table(r->doc, tcap);
	if (!t) {
		fail(r, "out of memory");
		return;
	}
	t->kind = yoy_table_kind_parse(get_str(r, j, "kind"));
	t->title = get_str(r, j, "title");
	t->unit = unit_named(get_str(r, j, "unit"));
	t->decimals = (int)get_int(r, j, "decimals");
	t->at = get_loc(r, j);
	const cJSON *e = member(j, "empty");
	t->empty = cJSON_IsTrue(e);
	t->by_order = cJSON_IsTrue(member(j, "by_order"));
	t->note = get_str(r, j, "note");
	const cJSON *cols = get_array(r, j, "columns");
	size_t nc = (size_t)cJSON_GetArraySize(cols);
	const char **keys = calloc(nc + 1, sizeof *keys);
	const char **labels = calloc(nc + 1, sizeof *labels);
	if (!keys || !labels) {
		free(keys);
		free(labels);
		fail(r, "out of memory");
		return;
	}
	size_t i = 0;
	const cJSON *c;
	cJSON_ArrayForEach(c, cols) {
		keys[i] = get_str(r, c, "key");
		labels[i] = get_str(r, c, "label");
		if (!keys[i])
			fail(r, "column without a key");
		i++;
	}
	if (!r->rc && !table_set_columns(r->doc, t, keys, labels, nc))
		fail(r, "out of memory");
	free(keys);
	free(labels);
	if (r->rc)
		return;
	size_t rcap = 0;
	const cJSON *rows = get_array(r, j, "rows");
	const cJSON *row;
	cJSON_ArrayForEach(row, rows) {
		if (r->rc)
			return;
		yoy_row *rw = table_add_row(r->doc, t, &rcap);
		if (!rw) {
			fail(r, "out of memory");
			return;
		}
		rw->key = get_str(r, row, "key");
		rw->group = get_str(r, row, "group");
		rw->code = get_str(r, row, "code");
		rw->name = get_str(r, row, "name");
		rw->name2 = get_str(r, row, "name2");
		rw->level = (int)get_int(r, row, "level");
		rw->at = get_loc(r, row);
		const cJSON *v = member(row, "values");
		for (size_t k = 0; k < t->ncolumns; k++)
			rw->values[k] = get_cell(r, v, t->columns[k].key, t->unit);
	}
}

static void read_claim(reader *r, const cJSON *j, size_t *cap)
{
	yoy_claim *c = doc_add_claim(r->doc, cap);
	if (!c) {
		fail(r, "out of memory");
		return;
	}
	const char *kind = get_str(r, j, "kind");
	for (int k = YOY_CLAIM_FIGURE; k <= YOY_CLAIM_EXECUTION; k++)
		if (kind && strcmp(kind, yoy_claim_kind_name((yoy_claim_kind)k)) == 0)
			c->kind = (yoy_claim_kind)k;
	c->subject = get_str(r, j, "subject");
	c->metric = get_str(r, j, "metric");
	c->current = get_money(r, j, "current");
	c->base = get_str(r, j, "base");
	c->base_year = (int)get_int(r, j, "base_year");
	const char *basis = get_str(r, j, "basis");
	for (int k = YOY_BASIS_BUDGET; k <= YOY_BASIS_COMPARABLE; k++)
		if (basis && strcmp(basis, yoy_basis_name((yoy_basis)k)) == 0)
			c->basis = (yoy_basis)k;
	c->base_value = get_money(r, j, "base_value");
	const char *dir = get_str(r, j, "direction");
	for (int k = YOY_DIR_INCREASE; k <= YOY_DIR_TEMPLATE; k++)
		if (dir && strcmp(dir, yoy_direction_name((yoy_direction)k)) == 0)
			c->direction = (yoy_direction)k;
	c->direction_word = get_str(r, j, "direction_word");
	c->delta = get_money(r, j, "delta");
	c->percent = get_decimal(r, j, "percent");
	c->share = get_decimal(r, j, "share");
	c->whole = get_str(r, j, "whole");
	c->whole_metric = get_str(r, j, "whole_metric");
	c->whole_value = get_money(r, j, "whole_value");
	c->count = get_int(r, j, "count");
	c->count_unit = get_str(r, j, "count_unit");
	c->reason = get_str(r, j, "reason");
	const cJSON *flags = get_array(r, j, "flags");
	const cJSON *f;
	cJSON_ArrayForEach(f, flags) {
		for (size_t k = 0; k < sizeof claim_flags / sizeof *claim_flags; k++)
			if (cJSON_IsString(f) && strcmp(f->valuestring, claim_flags[k].name) == 0)
				c->flags |= claim_flags[k].flag;
	}
	c->text = get_str(r, j, "text");
	c->at = get_loc(r, j);
}

static yoy_funds get_funds(reader *r, const cJSON *o, const char *key)
{
	yoy_funds f;
	memset(&f, 0, sizeof f);
	const cJSON *j = member(o, key);
	if (!j)
		return f;
	f.total = get_cell(r, j, "total", YOY_UNIT_YUAN);
	f.central = get_cell(r, j, "central", YOY_UNIT_YUAN);
	f.provincial = get_cell(r, j, "provincial", YOY_UNIT_YUAN);
	f.local = get_cell(r, j, "local", YOY_UNIT_YUAN);
	f.self_raised = get_cell(r, j, "self_raised", YOY_UNIT_YUAN);
	f.other = get_cell(r, j, "other", YOY_UNIT_YUAN);
	return f;
}

static void read_form(reader *r, const cJSON *j, size_t *cap)
{
	yoy_perf_form *f = doc_add_form(r->doc, cap);
	if (!f) {
		fail(r, "out of memory");
		return;
	}
	f->project = get_str(r, j, "project");
	f->department_code = get_str(r, j, "department_code");
	f->department = get_str(r, j, "department");
	f->implementer = get_str(r, j, "implementer");
	f->attribute = get_str(r, j, "attribute");
	f->period = get_str(r, j, "period");
	const cJSON *funds = member(j, "funds");
	f->period_funds = get_funds(r, funds, "period");
	f->annual_funds = get_funds(r, funds, "annual");
	f->overview = get_str(r, j, "overview");
	f->basis = get_str(r, j, "basis");
	f->necessity = get_str(r, j, "necessity");
	f->measures = get_str(r, j, "measures");
	f->plan = get_str(r, j, "plan");
	f->goal_period = get_str(r, j, "goal_period");
	f->goal_annual = get_str(r, j, "goal_annual");
	size_t icap = 0;
	const cJSON *inds = get_array(r, j, "indicators");
	const cJSON *in;
	cJSON_ArrayForEach(in, inds) {
		yoy_indicator *x = form_add_indicator(r->doc, f, &icap);
		if (!x) {
			fail(r, "out of memory");
			return;
		}
		x->level1 = get_str(r, in, "level1");
		x->level2 = get_str(r, in, "level2");
		x->name = get_str(r, in, "name");
		x->value = get_str(r, in, "value");
		x->annual_name = get_str(r, in, "annual_name");
		x->annual_value = get_str(r, in, "annual_value");
		x->at = get_loc(r, in);
	}
	f->at = get_loc(r, j);
}

/* cJSON allocates every node and string on its own and frees them one by
 * one, which costs as much as parsing.  A document's tree is dropped whole
 * right after reading, so while this thread reads one, cJSON allocates from
 * an arena that is released at once (and never calls free on it). */
static _Thread_local yoy_arena *tree_arena;

static void *tree_malloc(size_t n)
{
	return tree_arena ? arena_alloc(tree_arena, n) : malloc(n);
}

static void tree_free(void *p)
{
	if (!tree_arena)
		free(p);
}

static pthread_once_t hooks_once = PTHREAD_ONCE_INIT;

static void install_hooks(void)
{
	cJSON_Hooks h = { tree_malloc, tree_free };
	cJSON_InitHooks(&h);
}

static void read_sources(reader *r, const cJSON *root)
{
	const cJSON *s;
	for (s = first_of(get_array(r, root, "sources")); s; s = s->next) {
		yoy_source_info *si = doc_add_source(r->doc);
		if (!si) {
			fail(r, "out of memory");
			return;
		}
		si->name = get_str(r, s, "name");
		si->sha256 = get_str(r, s, "sha256");
		const char *fmt = get_str(r, s, "format");
		si->format = fmt && strcmp(fmt, "pdf") == 0 ? "pdf" : "text";
		si->encoding = get_str(r, s, "encoding");
		si->size = get_int(r, s, "size");
		si->pages = (int)get_int(r, s, "pages");
		si->lines = (int)get_int(r, s, "lines");
	}
}

static void read_sections(reader *r, const cJSON *root)
{
	size_t cap = 0;
	const cJSON *v;
	for (v = first_of(get_array(r, root, "sections")); v; v = v->next) {
		yoy_section *sec = doc_add_section(r->doc, &cap);
		if (!sec) {
			fail(r, "out of memory");
			return;
		}
		sec->heading = get_str(r, v, "heading");
		sec->level = (int)get_int(r, v, "level");
		sec->text = get_str(r, v, "text");
		sec->at = get_loc(r, v);
	}
}

/* The document's members into r->doc: its identity (a year from 1900 to
 * 2999), sources, tables, sections, claims, forms and warnings. */
static void read_document(reader *r, const cJSON *root)
{
	const cJSON *schema = member(root, "schema");
	if (!cJSON_IsString(schema) || strcmp(schema->valuestring, YOY_SCHEMA) != 0) {
		fail(r, "not a yoy document of schema " YOY_SCHEMA);
		return;
	}
	r->doc->department = get_str(r, root, "department");
	long long year = get_int(r, root, "year");
	if (year != 0 && (year < 1900 || year > 2999)) {
		fail(r, "\"year\" must be from 1900 to 2999");
		return;
	}
	r->doc->year = (int)year;
	r->doc->kind = intern_kind(get_str(r, root, "kind"));
	if (!r->doc->kind)
		r->doc->kind = "department_budget";
	r->doc->title = get_str(r, root, "title");
	read_sources(r, root);
	size_t cap = 0;
	const cJSON *v;
	for (v = first_of(get_array(r, root, "tables")); v; v = v->next) {
		if (r->rc)
			return;
		read_table(r, v, &cap);
	}
	read_sections(r, root);
	cap = 0;
	for (v = first_of(get_array(r, root, "claims")); v; v = v->next) {
		if (r->rc)
			return;
		read_claim(r, v, &cap);
	}
	cap = 0;
	for (v = first_of(get_array(r, root, "forms")); v; v = v->next) {
		if (r->rc)
			return;
		read_form(r, v, &cap);
	}
	for (v = first_of(get_array(r, root, "warnings")); v; v = v->next) {
		const char *msg = get_str(r, v, "message");
		if (msg)
			doc_warn(r->doc, get_loc(r, v), "%s", msg);
	}
}

int yoy_json_read(yoy_doc **out, const char *text, size_t len,
		  const char *name, yoy_error *err)
{
	*out = NULL;
	pthread_once(&hooks_once, install_hooks);
	last_object = last_member = NULL; /* those of an earlier tree */
	yoy_arena arena = { 0 };
	tree_arena = &arena;
	const char *at = NULL; /* cJSON_GetErrorPtr() is shared by threads */
	cJSON *root = cJSON_ParseWithLengthOpts(text, len, &at, false);
	if (!root) {
		tree_arena = NULL;
		arena_release(&arena);
		size_t line = 1;
		for (const char *p = text; at && p < at && p < text + len; p++)
			if (*p == '\n')
				line++;
		return yoy_error_set(err, YOY_EINPUT, "%s:%zu: malformed JSON", name, line);
	}
	reader r = { doc_new(), name, err, 0 };
	if (r.doc)
		read_document(&r, root);
	tree_arena = NULL;
	last_object = last_member = NULL;
	arena_release(&arena); /* the whole tree */
	if (!r.doc)
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	if (r.rc) {
		yoy_doc_free(r.doc);
		return r.rc;
	}
	*out = r.doc;
	return 0;
}

int yoy_json_read_head(yoy_doc **out, const char *text, size_t len,
		       const char *name, yoy_error *err)
{
	/* yoy writes the head's members first, two spaces in, one per line,
	 * and "tables" next: what comes before it, closed, is the head */
	static const char mark[] = ",\n  \"tables\": ";
	const char *end = memmem(text, len, mark, sizeof mark - 1);
	if (!end || end - text > 1 << 20)
		return yoy_json_read(out, text, len, name, err);
	size_t n = (size_t)(end - text);
	char *head = malloc(n + 3);
	if (!head)
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	memcpy(head, text, n);
	memcpy(head + n, "\n}", 3);
	int rc = yoy_json_read(out, head, n + 3, name, err);
	free(head);
	return rc;
}

/* ---- aliases ---------------------------------------------------------------- */

static const char *aliases_schema(yoy_aliases_kind kind)
{
	return kind == YOY_ALIASES_PROJECTS ? "yoy-project-aliases/1" : "yoy-aliases/1";
}

static const char *aliases_member(yoy_aliases_kind kind)
{
	return kind == YOY_ALIASES_PROJECTS ? "projects" : "departments";
}

int yoy_aliases_read(yoy_aliases *out, yoy_aliases_kind kind, const char *text,
		     size_t len, const char *name, yoy_error *err)
{
	memset(out, 0, sizeof *out);
	cJSON *root = cJSON_ParseWithLength(text, len);
	const cJSON *schema = cJSON_GetObjectItemCaseSensitive(root, "schema");
	const cJSON *map = cJSON_GetObjectItemCaseSensitive(root, aliases_member(kind));
	if (!root || !cJSON_IsString(schema) ||
	    strcmp(schema->valuestring, aliases_schema(kind)) != 0 ||
	    (map && !cJSON_IsObject(map))) {
		cJSON_Delete(root);
		return yoy_error_set(err, YOY_EINPUT,
			"%s: not an aliases file of schema %s with an object \"%s\"", name,
			aliases_schema(kind), aliases_member(kind));
	}
	const cJSON *e;
	cJSON_ArrayForEach(e, map) {
		/* a department's alias names the folder its years are filed in */
		const char *why = !cJSON_IsString(e) ? "must map to a string"
				  : kind == YOY_ALIASES_DEPARTMENTS
					  ? path_component_problem(e->valuestring) : NULL;
		if (why) {
			int rc = yoy_error_set(err, YOY_EINPUT, "%s: alias \"%s\": %s%s%s%s", name,
					       e->string, cJSON_IsString(e) ? "\"" : "",
					       cJSON_IsString(e) ? e->valuestring : "",
					       cJSON_IsString(e) ? "\" is " : "", why);
			cJSON_Delete(root);
			yoy_aliases_free(out);
			return rc;
		}
		if (yoy_aliases_set(out, e->string, e->valuestring)) {
			cJSON_Delete(root);
			yoy_aliases_free(out);
			return yoy_error_set(err, YOY_ENOMEM, "out of memory");
		}
	}
	cJSON_Delete(root);
	return 0;
}

static int cmp_index(const void *a, const void *b, void *ctx)
{
	char **from = ctx;
	return strcmp(from[*(const size_t *)a], from[*(const size_t *)b]);
}

char *yoy_aliases_write(const yoy_aliases *a, yoy_aliases_kind kind)
{
	size_t *order = malloc((a->n ? a->n : 1) * sizeof *order);
	if (!order)
		return NULL;
	for (size_t i = 0; i < a->n; i++)
		order[i] = i;
	qsort_r(order, a->n, sizeof *order, cmp_index, a->from);
	sbuf b;
	sbuf_init(&b);
	jsonw w;
	jw_init(&w, &b);
	jw_object(&w, NULL, JW_PRETTY);
	jw_str(&w, "schema", aliases_schema(kind));
	jw_object(&w, aliases_member(kind), JW_PRETTY);
	for (size_t i = 0; i < a->n; i++)
		jw_str(&w, a->from[order[i]], a->to[order[i]]);
	jw_end(&w);
	jw_end(&w);
	free(order);
	return jw_finish(&w);
}
