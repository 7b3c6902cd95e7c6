/* The document model (doc.h): tables, rows, claims and forms in one arena,
 * and the builders the parser and the JSON reader fill it with
 * (docbuild.h).  Calls util only. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "docbuild.h"

static const char *const table_kind_names[YOY_TABLE_KIND_COUNT] = {
	[YOY_TABLE_UNKNOWN] = "unknown",
	[YOY_TABLE_SUMMARY] = "summary",
	[YOY_TABLE_INCOME] = "income",
	[YOY_TABLE_EXPENDITURE] = "expenditure",
	[YOY_TABLE_FISCAL_SUMMARY] = "fiscal_summary",
	[YOY_TABLE_FISCAL_EXPENDITURE] = "fiscal_expenditure",
	[YOY_TABLE_FISCAL_BASIC] = "fiscal_basic",
	[YOY_TABLE_GENERAL_EXPENDITURE] = "general_expenditure",
	[YOY_TABLE_BASIC_ECONOMIC] = "basic_economic",
	[YOY_TABLE_FUND_INCOME] = "fund_income",
	[YOY_TABLE_FUND_EXPENDITURE] = "fund_expenditure",
	[YOY_TABLE_STATE_CAPITAL] = "state_capital",
	[YOY_TABLE_THREE_PUBLIC] = "three_public",
	[YOY_TABLE_OPERATING_COSTS] = "operating_costs",
	[YOY_TABLE_PROJECTS] = "projects",
	[YOY_TABLE_PROJECTS_CARRYOVER] = "projects_carryover",
	[YOY_TABLE_PROCUREMENT] = "procurement",
};

const char *yoy_table_kind_name(yoy_table_kind kind)
{
	if ((int)kind < 0 || kind >= YOY_TABLE_KIND_COUNT)
		return "unknown";
	return table_kind_names[kind];
}

yoy_table_kind yoy_table_kind_parse(const char *name)
{
	for (int k = 0; k < YOY_TABLE_KIND_COUNT; k++)
		if (name && strcmp(name, table_kind_names[k]) == 0)
			return (yoy_table_kind)k;
	return YOY_TABLE_UNKNOWN;
}

const char *yoy_claim_kind_name(yoy_claim_kind kind)
{
	switch (kind) {
	case YOY_CLAIM_CHANGE: return "change";
	case YOY_CLAIM_SHARE: return "share";
	case YOY_CLAIM_COUNT: return "count";
	case YOY_CLAIM_EXECUTION: return "execution";
	default: return "figure";
	}
}

const char *yoy_direction_name(yoy_direction dir)
{
	switch (dir) {
	case YOY_DIR_INCREASE: return "increase";
	case YOY_DIR_DECREASE: return "decrease";
	case YOY_DIR_FLAT: return "flat";
	case YOY_DIR_TEMPLATE: return "template";
	default: return NULL;
	}
}

const char *yoy_basis_name(yoy_basis basis)
{
	switch (basis) {
	case YOY_BASIS_BUDGET: return "budget";
	case YOY_BASIS_EXECUTION: return "execution";
	case YOY_BASIS_COMPARABLE: return "comparable";
	default: return NULL;
	}
}

yoy_doc *doc_new(void)
{
	yoy_doc *doc = calloc(1, sizeof *doc);
	if (!doc)
		return NULL;
	doc->arena = calloc(1, sizeof *doc->arena);
	if (!doc->arena) {
		free(doc);
		return NULL;
	}
	return doc;
}

void yoy_doc_free(yoy_doc *doc)
{
	if (!doc)
		return;
	if (doc->arena) {
		arena_release(doc->arena);
		free(doc->arena);
	}
	free(doc);
}

void *doc_push(yoy_doc *doc, void **items, size_t *n, size_t *cap,
	       size_t size)
{
	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 8;
		void *p = arena_alloc(doc->arena, ncap * size);
		if (!p)
			return NULL;
		if (*n)
			memcpy(p, *items, *n * size);
		*items = p;
		*cap = ncap;
	}
	void *slot = (char *)*items + (*n)++ * size;
	memset(slot, 0, size);
	return slot;
}

const char *doc_str(yoy_doc *doc, const char *s)
{
	return s ? arena_strdup(doc->arena, s) : NULL;
}

const char *doc_strn(yoy_doc *doc, const char *s, size_t len)
{
	return arena_strndup(doc->arena, s, len);
}

yoy_table *doc_add_table(yoy_doc *doc, size_t *cap)
{
	return doc_push(doc, (void **)&doc->tables, &doc->ntables, cap,
			sizeof *doc->tables);
}

yoy_row *table_add_row(yoy_doc *doc, yoy_table *t, size_t *cap)
{
	yoy_row *r = doc_push(doc, (void **)&t->rows, &t->nrows, cap,
			      sizeof *t->rows);
	if (!r)
		return NULL;
	r->level = 1;
	r->values = arena_alloc(doc->arena,
				(t->ncolumns ? t->ncolumns : 1) * sizeof *r->values);
	return r->values ? r : NULL;
}

bool table_set_columns(yoy_doc *doc, yoy_table *t, const char *const *keys,
		       const char *const *labels, size_t n)
{
	t->columns = arena_alloc(doc->arena, (n ? n : 1) * sizeof *t->columns);
	if (!t->columns)
		return false;
	for (size_t i = 0; i < n; i++) {
		t->columns[i].key = doc_str(doc, keys[i]);
		t->columns[i].label = doc_str(doc, labels ? labels[i] : keys[i]);
	}
	t->ncolumns = n;
	return true;
}

yoy_claim *doc_add_claim(yoy_doc *doc, size_t *cap)
{
	return doc_push(doc, (void **)&doc->claims, &doc->nclaims, cap,
			sizeof *doc->claims);
}

yoy_section *doc_add_section(yoy_doc *doc, size_t *cap)
{
	return doc_push(doc, (void **)&doc->sections, &doc->nsections, cap,
			sizeof *doc->sections);
}

yoy_perf_form *doc_add_form(yoy_doc *doc, size_t *cap)
{
	return doc_push(doc, (void **)&doc->forms, &doc->nforms, cap,
			sizeof *doc->forms);
}

yoy_indicator *form_add_indicator(yoy_doc *doc, yoy_perf_form *f, size_t *cap)
{
	return doc_push(doc, (void **)&f->indicators, &f->nindicators, cap,
			sizeof *f->indicators);
}

yoy_source_info *doc_add_source(yoy_doc *doc)
{
	size_t cap = doc->nsources; /* sources are few: grow one by one */
	return doc_push(doc, (void **)&doc->sources, &doc->nsources, &cap,
			sizeof *doc->sources);
}

void doc_warn(yoy_doc *doc, yoy_loc loc, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof msg) {
		/* cut at a character, never inside one, and say it was cut */
		size_t end = sizeof msg - 4;
		while (end > 0 && ((unsigned char)msg[end] & 0xC0) == 0x80)
			end--;
		memcpy(msg + end, "\xE2\x80\xA6", 4); /* … */
	}
	size_t cap = doc->nwarnings; /* warnings are rare: grow one by one */
	yoy_warning *w = doc_push(doc, (void **)&doc->warnings, &doc->nwarnings,
				  &cap, sizeof *doc->warnings);
	if (!w)
		return;
	w->at = loc;
	w->message = doc_str(doc, msg);
}

bool yoy_doc_is_final(const yoy_doc *doc)
{
	return doc->kind && strstr(doc->kind, "_final") != NULL;
}

const char *yoy_kind_counterpart(const char *kind)
{
	bool unit = kind && strstr(kind, "unit");
	if (kind && strstr(kind, "_final"))
		return unit ? "unit_budget" : "department_budget";
	return unit ? "unit_final" : "department_final";
}

const yoy_table *yoy_doc_table(const yoy_doc *doc, yoy_table_kind kind)
{
	for (size_t i = 0; i < doc->ntables; i++)
		if (doc->tables[i].kind == kind)
			return &doc->tables[i];
	return NULL;
}

int yoy_table_column(const yoy_table *table, const char *key)
{
	for (size_t i = 0; i < table->ncolumns; i++)
		if (strcmp(table->columns[i].key, key) == 0)
			return (int)i;
	return -1;
}

yoy_amount yoy_row_value(const yoy_table *table, const yoy_row *row,
			 const char *key)
{
	int c = yoy_table_column(table, key);
	if (c < 0) {
		yoy_amount none = { 0, 0, (uint8_t)table->unit, 0 };
		return none;
	}
	return row->values[c];
}

const yoy_row *yoy_table_row_by_key(const yoy_table *table, const char *key,
				    const char *group)
{
	for (size_t i = 0; i < table->nrows; i++) {
		const yoy_row *r = &table->rows[i];
		if (r->key && strcmp(r->key, key) == 0 &&
		    (!group || (r->group && strcmp(r->group, group) == 0)))
			return r;
	}
	return NULL;
}

const yoy_row *yoy_table_row_by_code(const yoy_table *table, const char *code)
{
	for (size_t i = 0; i < table->nrows; i++)
		if (table->rows[i].code && strcmp(table->rows[i].code, code) == 0)
			return &table->rows[i];
	return NULL;
}

int yoy_code_level(const char *code)
{
	if (!code)
		return 0;
	size_t n = strlen(code);
	if (strspn(code, "0123456789") != n)
		return 0;
	switch (n) {
	case 3: return 1;
	case 5: return 2;
	case 7: return 3;
	default: return 0;
	}
}

int yoy_code_is_ancestor(const char *parent, const char *child)
{
	if (!parent || !child)
		return 0;
	size_t a = strlen(parent), b = strlen(child);
	return a < b && strncmp(parent, child, a) == 0;
}
