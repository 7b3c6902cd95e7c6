/* The checker's driver (check.h): runs the rule files (check_rules.h) over a
 * document and sorts their findings.  The rules' shared helpers live in
 * check_common.c; this file only drives. */
#include "yoy/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_rules.h"
#include "util/i18n.h"

const char *yoy_verdict_name(yoy_verdict v)
{
	static const char *const n[] = { "exact", "within rounding", "mismatch",
					 "unverifiable", "truncated" };
	return (unsigned)v < sizeof n / sizeof *n ? n[v] : "?";
}

static const char *const severity_names[] = { "ok", "info", "warning", "error" };

const char *yoy_severity_name(yoy_severity s)
{
	return (unsigned)s < 4 ? severity_names[s] : "?";
}

const char *yoy_severity_label(yoy_severity s)
{
	static const char *const n[] = { N_("ok"), N_("info"), N_("warning"), N_("error") };
	return (unsigned)s < 4 ? _(n[s]) : "?";
}

const char *yoy_verdict_label(yoy_verdict v)
{
	static const char *const n[] = { N_("exact"), N_("within rounding"), N_("mismatch"),
					 N_("unverifiable"), N_("truncated") };
	return (unsigned)v < sizeof n / sizeof *n ? _(n[v]) : "?";
}

/* The rule ids and table kinds a message may name: listed for the
 * catalogs (their names are translated as ids are looked up). */
static const char *const translated_ids[] __attribute__((unused)) = {
	N_("table.row-columns"), N_("table.parent-sum"), N_("table.total-sum"),
	N_("table.procurement-sum"), N_("cross.summary-income"), N_("cross.summary-expenditure"),
	N_("cross.income-expenditure"), N_("cross.summary-balance"), N_("cross.fiscal-general"),
	N_("cross.fiscal-fund"), N_("cross.basic-economic"), N_("cross.three-public"),
	N_("cross.three-public-vehicles"), N_("cross.three-public-grand"),
	N_("cross.projects-total"), N_("cross.same-line"), N_("cross.summary-use"),
	N_("cross.forms-projects"), N_("summary.income-sum"), N_("summary.expenditure-sum"),
	N_("summary.use-sum"), N_("claim.figure"), N_("claim.share"), N_("claim.count"),
	N_("claim.consistent"), N_("claim.parts"), N_("claim.name"), N_("change.percent"), N_("change.arithmetic"),
	N_("change.direction"), N_("change.template"), N_("change.direction-conflict"),
	N_("change.flat-nonzero"), N_("change.zero-base"), N_("change.empty-reason"),
	N_("change.percent-no-sign"), N_("change.base-year"), N_("prior.percent"), N_("prior.base"), N_("prior.direction"),
	N_("prior.unexplained"), N_("final.carryover"), N_("claim.execution-rate"),
	N_("claim.execution-direction"), N_("final.budget"),
	N_("summary"), N_("income"), N_("expenditure"), N_("fiscal_summary"),
	N_("fiscal_expenditure"), N_("fiscal_basic"), N_("general_expenditure"),
	N_("basic_economic"), N_("fund_income"), N_("fund_expenditure"), N_("state_capital"),
	N_("three_public"), N_("operating_costs"), N_("projects"), N_("projects_carryover"),
	N_("procurement"),
	N_("department_budget"), N_("unit_budget"), N_("department_final"),
	N_("unit_final"),
};

const char *yoy_rule_label(const char *rule)
{
	return rule ? _(rule) : "?";
}

int yoy_severity_parse(const char *name)
{
	for (int i = 0; name && i < 4; i++)
		if (strcmp(name, severity_names[i]) == 0)
			return i;
	return -1;
}

static int by_location(const void *p, const void *q)
{
	const yoy_finding *a = p, *b = q;
	if (a->year != b->year)
		return a->year < b->year ? 1 : -1; /* this year before last year's */
	if (a->at.file != b->at.file)
		return a->at.file - b->at.file;
	if (a->at.page != b->at.page)
		return a->at.page - b->at.page;
	if (a->at.line != b->at.line)
		return a->at.line - b->at.line;
	return strcmp(a->rule, b->rule);
}

static bool str_same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* The same finding twice: the same rule on the same sentence with the
 * same figures, printed at two places (a paragraph a department printed
 * twice). */
static bool same_finding(const yoy_finding *a, const yoy_finding *b)
{
	return a->year == b->year && a->text && str_same(a->rule, b->rule) &&
	       str_same(a->text, b->text) && str_same(a->stated, b->stated) &&
	       str_same(a->computed, b->computed) && str_same(a->message, b->message) &&
	       str_same(a->file, b->file);
}

/* Said once: a finding repeated elsewhere keeps its first place and lists
 * the others (findings are in document order).  False when out of
 * memory. */
static bool merge_repeats(yoy_check *c)
{
	size_t kept = 0;
	for (size_t i = 0; i < c->nfindings; i++) {
		yoy_finding *f = &c->findings[i];
		yoy_finding *first = NULL;
		for (size_t j = 0; j < kept && !first; j++)
			if (same_finding(&c->findings[j], f))
				first = &c->findings[j];
		if (!first) {
			c->findings[kept++] = *f;
			continue;
		}
		yoy_loc *also = arena_alloc(c->arena, (first->nalso + 1) * sizeof *also);
		if (!also)
			return false;
		if (first->nalso)
			memcpy(also, first->also, first->nalso * sizeof *also);
		also[first->nalso] = f->at;
		first->also = also;
		first->nalso++;
		c->count[f->severity]--;
	}
	c->nfindings = kept;
	return true;
}

int yoy_check_doc(yoy_check **out, const yoy_doc *doc, const yoy_check_options *o,
		  yoy_error *err)
{
	*out = NULL;
	yoy_check_options defaults = { 0 };
	if (!o)
		o = &defaults;
	yoy_arena *ar = calloc(1, sizeof *ar);
	yoy_check *c = ar ? arena_alloc(ar, sizeof *c) : NULL;
	if (!c) {
		free(ar);
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	}
	c->arena = ar;
	c->doc = doc;
	c->prior = o->prior;
	c->budget = o->budget;
	checker k = { c, ar, doc, o, 0, false };
	check_tables(&k);
	check_claims(&k);
	check_years(&k);
	if (k.oom) {
		yoy_check_free(c);
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	}
	/* stable order: by place in the document; qsort is not stable, so
	 * the rule id breaks ties and a finding never moves between runs */
	if (c->nfindings)
		qsort(c->findings, c->nfindings, sizeof *c->findings, by_location);
	if (!merge_repeats(c)) {
		yoy_check_free(c);
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	}
	*out = c;
	return 0;
}

void yoy_check_free(yoy_check *c)
{
	if (!c)
		return;
	yoy_arena *ar = c->arena;
	free(c->findings);
	arena_release(ar);
	free(ar);
}

const yoy_finding *yoy_check_claim(const yoy_check *c, size_t claim)
{
	const yoy_finding *worst = NULL;
	for (size_t i = 0; i < c->nfindings; i++) {
		const yoy_finding *f = &c->findings[i];
		if (f->claim == (int)claim && f->year == c->doc->year &&
		    (!worst || f->severity > worst->severity))
			worst = f;
	}
	return worst;
}
