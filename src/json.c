/* Normalized JSON, both ways.  Money is written as decimal strings exactly
 * as printed ("6.00", claim amounts with their unit: "1619.83万元"), never
 * as JSON numbers, so nothing passes through a double.  JSON numbers are
 * used for integers only (year, line, level, size). */
#include "yoy/json.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>

#include "docbuild.h"
#include "yoy/history.h"

/* ---- writing ------------------------------------------------------------- */

static bool add_str(cJSON *o, const char *key, const char *v)
{
	if (!v)
		return true;
	return cJSON_AddStringToObject(o, key, v) != NULL;
}

static bool add_int(cJSON *o, const char *key, long long v)
{
	return cJSON_AddNumberToObject(o, key, (double)v) != NULL;
}

static bool add_loc(cJSON *o, yoy_loc at)
{
	cJSON *a = cJSON_AddObjectToObject(o, "at");
	if (!a)
		return false;
	bool ok = add_int(a, "line", at.line);
	if (at.page)
		ok = ok && add_int(a, "page", at.page);
	if (at.file)
		ok = ok && add_int(a, "file", at.file);
	return ok;
}

/* Table cell: "728.11" in the table's unit. */
static bool add_cell(cJSON *o, const char *key, const yoy_amount *a)
{
	if (!a->present)
		return true;
	char buf[40];
	yoy_amount_format(buf, sizeof buf, a);
	return add_str(o, key, buf);
}

/* Narrative amount: "1619.83万元", the unit it was printed in. */
static bool add_money(cJSON *o, const char *key, const yoy_amount *a)
{
	if (!a->present)
		return true;
	char buf[48];
	size_t n = yoy_amount_format(buf, sizeof buf, a);
	snprintf(buf + n, sizeof buf - n, "%s", yoy_unit_name((yoy_unit)a->unit));
	return add_str(o, key, buf);
}

static bool add_decimal(cJSON *o, const char *key, const yoy_decimal *d)
{
	if (!d->present)
		return true;
	char buf[40];
	yoy_decimal_format(buf, sizeof buf, d);
	return add_str(o, key, buf);
}

static cJSON *table_json(const yoy_table *t)
{
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return NULL;
	bool ok = add_str(o, "kind", yoy_table_kind_name(t->kind)) &&
		  add_str(o, "title", t->title) &&
		  add_str(o, "unit", yoy_unit_name(t->unit)) &&
		  add_int(o, "decimals", t->decimals) && add_loc(o, t->at) &&
		  cJSON_AddBoolToObject(o, "empty", t->empty) &&
		  add_str(o, "note", t->note);
	cJSON *cols = ok ? cJSON_AddArrayToObject(o, "columns") : NULL;
	for (size_t i = 0; cols && i < t->ncolumns; i++) {
		cJSON *c = cJSON_CreateObject();
		if (!c || !add_str(c, "key", t->columns[i].key) ||
		    !add_str(c, "label", t->columns[i].label)) {
			cJSON_Delete(c);
			cols = NULL;
			break;
		}
		cJSON_AddItemToArray(cols, c);
	}
	cJSON *rows = cols ? cJSON_AddArrayToObject(o, "rows") : NULL;
	for (size_t i = 0; rows && i < t->nrows; i++) {
		const yoy_row *r = &t->rows[i];
		cJSON *j = cJSON_CreateObject();
		bool rok = j && add_str(j, "key", r->key) && add_str(j, "group", r->group) &&
			   add_str(j, "code", r->code) && add_str(j, "name", r->name) &&
			   add_str(j, "name2", r->name2) && add_int(j, "level", r->level);
		cJSON *v = rok ? cJSON_AddObjectToObject(j, "values") : NULL;
		for (size_t c = 0; v && c < t->ncolumns; c++)
			if (!add_cell(v, t->columns[c].key, &r->values[c]))
				v = NULL;
		if (!v || !add_loc(j, r->at)) {
			cJSON_Delete(j);
			rows = NULL;
			break;
		}
		cJSON_AddItemToArray(rows, j);
	}
	if (!rows) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
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
};

static cJSON *claim_json(const yoy_claim *c)
{
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return NULL;
	bool ok = add_str(o, "kind", yoy_claim_kind_name(c->kind)) &&
		  add_str(o, "subject", c->subject) && add_str(o, "metric", c->metric) &&
		  add_money(o, "current", &c->current) && add_str(o, "base", c->base);
	if (ok && c->base)
		ok = add_int(o, "base_year", c->base_year);
	ok = ok && add_str(o, "basis", yoy_basis_name(c->basis)) &&
	     add_money(o, "base_value", &c->base_value) &&
	     add_str(o, "direction", yoy_direction_name(c->direction)) &&
	     add_str(o, "direction_word", c->direction_word) &&
	     add_money(o, "delta", &c->delta) && add_decimal(o, "percent", &c->percent) &&
	     add_decimal(o, "share", &c->share) && add_str(o, "whole", c->whole) &&
	     add_str(o, "whole_metric", c->whole_metric) &&
	     add_money(o, "whole_value", &c->whole_value);
	if (ok && c->kind == YOY_CLAIM_COUNT)
		ok = add_int(o, "count", c->count) && add_str(o, "count_unit", c->count_unit);
	ok = ok && add_str(o, "reason", c->reason);
	if (ok && c->flags) {
		cJSON *f = cJSON_AddArrayToObject(o, "flags");
		for (size_t i = 0; f && i < sizeof claim_flags / sizeof *claim_flags; i++)
			if (c->flags & claim_flags[i].flag) {
				cJSON *s = cJSON_CreateString(claim_flags[i].name);
				if (!s)
					f = NULL;
				else
					cJSON_AddItemToArray(f, s);
			}
		ok = f != NULL;
	}
	ok = ok && add_str(o, "text", c->text) && add_loc(o, c->at);
	if (!ok) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static bool add_funds(cJSON *o, const char *key, const yoy_funds *f)
{
	cJSON *j = cJSON_AddObjectToObject(o, key);
	return j && add_cell(j, "total", &f->total) && add_cell(j, "central", &f->central) &&
	       add_cell(j, "provincial", &f->provincial) && add_cell(j, "local", &f->local) &&
	       add_cell(j, "self_raised", &f->self_raised) && add_cell(j, "other", &f->other);
}

static cJSON *form_json(const yoy_perf_form *f)
{
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return NULL;
	bool ok = add_str(o, "project", f->project) &&
		  add_str(o, "department_code", f->department_code) &&
		  add_str(o, "department", f->department) &&
		  add_str(o, "implementer", f->implementer) &&
		  add_str(o, "attribute", f->attribute) && add_str(o, "period", f->period);
	cJSON *funds = ok ? cJSON_AddObjectToObject(o, "funds") : NULL;
	ok = funds && add_funds(funds, "period", &f->period_funds) &&
	     add_funds(funds, "annual", &f->annual_funds) &&
	     add_str(o, "overview", f->overview) && add_str(o, "basis", f->basis) &&
	     add_str(o, "necessity", f->necessity) && add_str(o, "measures", f->measures) &&
	     add_str(o, "plan", f->plan) && add_str(o, "goal_period", f->goal_period) &&
	     add_str(o, "goal_annual", f->goal_annual);
	cJSON *inds = ok ? cJSON_AddArrayToObject(o, "indicators") : NULL;
	for (size_t i = 0; inds && i < f->nindicators; i++) {
		const yoy_indicator *in = &f->indicators[i];
		cJSON *j = cJSON_CreateObject();
		if (!j || !add_str(j, "level1", in->level1) || !add_str(j, "level2", in->level2) ||
		    !add_str(j, "name", in->name) || !add_str(j, "value", in->value) ||
		    !add_str(j, "annual_name", in->annual_name) ||
		    !add_str(j, "annual_value", in->annual_value) || !add_loc(j, in->at)) {
			cJSON_Delete(j);
			inds = NULL;
			break;
		}
		cJSON_AddItemToArray(inds, j);
	}
	if (!inds || !add_loc(o, f->at)) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static cJSON *doc_json(const yoy_doc *doc)
{
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return NULL;
	bool ok = add_str(o, "schema", YOY_SCHEMA) &&
		  add_str(o, "department", doc->department) &&
		  add_int(o, "year", doc->year) && add_str(o, "kind", doc->kind) &&
		  add_str(o, "title", doc->title);
	cJSON *srcs = ok ? cJSON_AddArrayToObject(o, "sources") : NULL;
	for (size_t i = 0; srcs && i < doc->nsources; i++) {
		const yoy_source_info *s = &doc->sources[i];
		cJSON *j = cJSON_CreateObject();
		if (!j || !add_str(j, "name", s->name) || !add_str(j, "sha256", s->sha256) ||
		    !add_str(j, "format", s->format) || !add_str(j, "encoding", s->encoding) ||
		    !add_int(j, "size", s->size) || !add_int(j, "pages", s->pages) ||
		    !add_int(j, "lines", s->lines)) {
			cJSON_Delete(j);
			srcs = NULL;
			break;
		}
		cJSON_AddItemToArray(srcs, j);
	}
	cJSON *arr = srcs ? cJSON_AddArrayToObject(o, "tables") : NULL;
	for (size_t i = 0; arr && i < doc->ntables; i++) {
		cJSON *j = table_json(&doc->tables[i]);
		if (!j)
			arr = NULL;
		else
			cJSON_AddItemToArray(arr, j);
	}
	cJSON *secs = arr ? cJSON_AddArrayToObject(o, "sections") : NULL;
	for (size_t i = 0; secs && i < doc->nsections; i++) {
		const yoy_section *s = &doc->sections[i];
		cJSON *j = cJSON_CreateObject();
		if (!j || !add_str(j, "heading", s->heading) || !add_int(j, "level", s->level) ||
		    !add_str(j, "text", s->text) || !add_loc(j, s->at)) {
			cJSON_Delete(j);
			secs = NULL;
			break;
		}
		cJSON_AddItemToArray(secs, j);
	}
	cJSON *cl = secs ? cJSON_AddArrayToObject(o, "claims") : NULL;
	for (size_t i = 0; cl && i < doc->nclaims; i++) {
		cJSON *j = claim_json(&doc->claims[i]);
		if (!j)
			cl = NULL;
		else
			cJSON_AddItemToArray(cl, j);
	}
	cJSON *fo = cl ? cJSON_AddArrayToObject(o, "forms") : NULL;
	for (size_t i = 0; fo && i < doc->nforms; i++) {
		cJSON *j = form_json(&doc->forms[i]);
		if (!j)
			fo = NULL;
		else
			cJSON_AddItemToArray(fo, j);
	}
	cJSON *wa = fo ? cJSON_AddArrayToObject(o, "warnings") : NULL;
	for (size_t i = 0; wa && i < doc->nwarnings; i++) {
		cJSON *j = cJSON_CreateObject();
		if (!j || !add_loc(j, doc->warnings[i].at) ||
		    !add_str(j, "message", doc->warnings[i].message)) {
			cJSON_Delete(j);
			wa = NULL;
			break;
		}
		cJSON_AddItemToArray(wa, j);
	}
	if (!wa) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/* Layout: two-space indentation, and one line per element of the long
 * lists (rows, claims, indicators, warnings, columns), so a git diff of
 * stored JSON reads as "this row changed". */
static bool one_line_items(const char *key)
{
	static const char *const keys[] = { "rows", "claims", "indicators",
					    "warnings", "columns", "sources" };
	for (size_t i = 0; key && i < sizeof keys / sizeof *keys; i++)
		if (strcmp(key, keys[i]) == 0)
			return true;
	return false;
}

static void put_indent(sbuf *b, int depth)
{
	for (int i = 0; i < depth; i++)
		sbuf_puts(b, "  ");
}

static bool print_compact(sbuf *b, const cJSON *v)
{
	char *s = cJSON_PrintUnformatted(v);
	if (!s)
		return false;
	sbuf_puts(b, s);
	cJSON_free(s);
	return true;
}

static bool print_node(sbuf *b, const cJSON *v, int depth)
{
	bool obj = cJSON_IsObject(v), arr = cJSON_IsArray(v);
	if (!obj && !arr)
		return print_compact(b, v);
	if (!v->child) {
		sbuf_puts(b, obj ? "{}" : "[]");
		return true;
	}
	if (obj && v->string && strcmp(v->string, "at") == 0)
		return print_compact(b, v); /* {"line":12,"page":3} */
	bool lines = arr && one_line_items(v->string);
	sbuf_puts(b, obj ? "{\n" : "[\n");
	for (const cJSON *c = v->child; c; c = c->next) {
		put_indent(b, depth + 1);
		if (obj) {
			cJSON key;
			memset(&key, 0, sizeof key);
			key.type = cJSON_String;
			key.valuestring = c->string;
			if (!print_compact(b, &key))
				return false;
			sbuf_puts(b, ": ");
		}
		if (lines ? !print_compact(b, c) : !print_node(b, c, depth + 1))
			return false;
		sbuf_puts(b, c->next ? ",\n" : "\n");
	}
	put_indent(b, depth);
	sbuf_puts(b, obj ? "}" : "]");
	return !b->oom;
}

char *yoy_json_write(const yoy_doc *doc)
{
	cJSON *root = doc_json(doc);
	if (!root)
		return NULL;
	sbuf b;
	sbuf_init(&b);
	bool ok = print_node(&b, root, 0);
	sbuf_putc(&b, '\n');
	cJSON_Delete(root);
	if (!ok || b.oom) {
		sbuf_free(&b);
		return NULL;
	}
	return sbuf_detach(&b);
}

/* ---- reading ---------------------------------------------------------------- */

typedef struct reader {
	yoy_doc *doc;
	const char *name;
	yoy_error *err;
	int rc;
} reader;

static int fail(reader *r, const char *what)
{
	if (!r->rc)
		r->rc = yoy_error_set(r->err, YOY_EINPUT, "%s: %s", r->name, what);
	return r->rc;
}

static const char *get_str(reader *r, const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
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
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!v)
		return 0;
	if (!cJSON_IsNumber(v) || v->valuedouble != (double)(long long)v->valuedouble) {
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
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, "at");
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
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
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
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
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
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!v)
		return d;
	if (!cJSON_IsString(v) ||
	    yoy_decimal_parse(&d, v->valuestring, strlen(v->valuestring)) != 0)
		fail(r, "percent must be a decimal string");
	return d;
}

static const cJSON *get_array(reader *r, const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	if (v && !cJSON_IsArray(v)) {
		char msg[128];
		snprintf(msg, sizeof msg, "\"%s\" must be an array", key);
		fail(r, msg);
		return NULL;
	}
	return v;
}

static const char *intern_kind(const char *s)
{
	static const char *const kinds[] = {
		"department_budget", "unit_budget", "department_final_accounts",
		"unit_final_accounts",
	};
	for (size_t i = 0; s && i < sizeof kinds / sizeof *kinds; i++)
		if (strcmp(s, kinds[i]) == 0)
			return kinds[i];
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
	const cJSON *e = cJSON_GetObjectItemCaseSensitive(j, "empty");
	t->empty = cJSON_IsTrue(e);
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
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(row, "values");
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
	for (int k = YOY_CLAIM_FIGURE; k <= YOY_CLAIM_COUNT; k++)
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
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(o, key);
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
	const cJSON *funds = cJSON_GetObjectItemCaseSensitive(j, "funds");
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

int yoy_json_read(yoy_doc **out, const char *text, size_t len,
		  const char *name, yoy_error *err)
{
	*out = NULL;
	cJSON *root = cJSON_ParseWithLength(text, len);
	if (!root) {
		const char *at = cJSON_GetErrorPtr();
		size_t line = 1;
		for (const char *p = text; at && p < at && p < text + len; p++)
			if (*p == '\n')
				line++;
		return yoy_error_set(err, YOY_EINPUT, "%s:%zu: malformed JSON", name, line);
	}
	reader r = { doc_new(), name, err, 0 };
	if (!r.doc) {
		cJSON_Delete(root);
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	}
	const cJSON *schema = cJSON_GetObjectItemCaseSensitive(root, "schema");
	if (!cJSON_IsString(schema) || strcmp(schema->valuestring, YOY_SCHEMA) != 0) {
		fail(&r, "not a yoy document of schema " YOY_SCHEMA);
		goto done;
	}
	r.doc->department = get_str(&r, root, "department");
	r.doc->year = (int)get_int(&r, root, "year");
	r.doc->kind = intern_kind(get_str(&r, root, "kind"));
	if (!r.doc->kind)
		r.doc->kind = "department_budget";
	r.doc->title = get_str(&r, root, "title");
	const cJSON *srcs = get_array(&r, root, "sources");
	const cJSON *s;
	cJSON_ArrayForEach(s, srcs) {
		yoy_source_info *si = doc_add_source(r.doc);
		if (!si) {
			fail(&r, "out of memory");
			goto done;
		}
		si->name = get_str(&r, s, "name");
		si->sha256 = get_str(&r, s, "sha256");
		const char *fmt = get_str(&r, s, "format");
		si->format = fmt && strcmp(fmt, "pdf") == 0 ? "pdf" : "text";
		si->encoding = get_str(&r, s, "encoding");
		si->size = get_int(&r, s, "size");
		si->pages = (int)get_int(&r, s, "pages");
		si->lines = (int)get_int(&r, s, "lines");
	}
	size_t cap = 0;
	const cJSON *v;
	cJSON_ArrayForEach(v, get_array(&r, root, "tables")) {
		if (r.rc)
			goto done;
		read_table(&r, v, &cap);
	}
	cap = 0;
	cJSON_ArrayForEach(v, get_array(&r, root, "sections")) {
		yoy_section *sec = doc_add_section(r.doc, &cap);
		if (!sec) {
			fail(&r, "out of memory");
			goto done;
		}
		sec->heading = get_str(&r, v, "heading");
		sec->level = (int)get_int(&r, v, "level");
		sec->text = get_str(&r, v, "text");
		sec->at = get_loc(&r, v);
	}
	cap = 0;
	cJSON_ArrayForEach(v, get_array(&r, root, "claims")) {
		if (r.rc)
			goto done;
		read_claim(&r, v, &cap);
	}
	cap = 0;
	cJSON_ArrayForEach(v, get_array(&r, root, "forms")) {
		if (r.rc)
			goto done;
		read_form(&r, v, &cap);
	}
	cJSON_ArrayForEach(v, get_array(&r, root, "warnings")) {
		const char *msg = get_str(&r, v, "message");
		if (msg)
			doc_warn(r.doc, get_loc(&r, v), "%s", msg);
	}
done:
	cJSON_Delete(root);
	if (r.rc) {
		yoy_doc_free(r.doc);
		return r.rc;
	}
	*out = r.doc;
	return 0;
}

/* ---- aliases ---------------------------------------------------------------- */

int yoy_aliases_read(struct yoy_aliases *out, const char *text, size_t len,
		     const char *name, yoy_error *err)
{
	memset(out, 0, sizeof *out);
	cJSON *root = cJSON_ParseWithLength(text, len);
	const cJSON *schema = cJSON_GetObjectItemCaseSensitive(root, "schema");
	const cJSON *deps = cJSON_GetObjectItemCaseSensitive(root, "departments");
	if (!root || !cJSON_IsString(schema) ||
	    strcmp(schema->valuestring, "yoy-aliases/1") != 0 ||
	    (deps && !cJSON_IsObject(deps))) {
		cJSON_Delete(root);
		return yoy_error_set(err, YOY_EINPUT,
			"%s: not an aliases file of schema yoy-aliases/1", name);
	}
	const cJSON *e;
	cJSON_ArrayForEach(e, deps) {
		if (!cJSON_IsString(e)) {
			cJSON_Delete(root);
			yoy_aliases_free(out);
			return yoy_error_set(err, YOY_EINPUT,
				"%s: alias \"%s\" must map to a string", name, e->string);
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

char *yoy_aliases_write(const struct yoy_aliases *a)
{
	size_t *order = malloc((a->n ? a->n : 1) * sizeof *order);
	cJSON *root = cJSON_CreateObject();
	cJSON *deps = NULL;
	char *text = NULL;
	if (!order || !root || !cJSON_AddStringToObject(root, "schema", "yoy-aliases/1") ||
	    !(deps = cJSON_AddObjectToObject(root, "departments")))
		goto done;
	for (size_t i = 0; i < a->n; i++)
		order[i] = i;
	qsort_r(order, a->n, sizeof *order, cmp_index, a->from);
	for (size_t i = 0; i < a->n; i++)
		if (!cJSON_AddStringToObject(deps, a->from[order[i]], a->to[order[i]]))
			goto done;
	sbuf b;
	sbuf_init(&b);
	if (print_node(&b, root, 0)) {
		sbuf_putc(&b, '\n');
		text = sbuf_detach(&b);
	} else {
		sbuf_free(&b);
	}
done:
	free(order);
	cJSON_Delete(root);
	return text;
}
