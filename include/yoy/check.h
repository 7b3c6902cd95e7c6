/* Claim verification: does a disclosure hold together, and do its stated
 * changes hold against last year's?
 *
 * Every relation is judged on exact integers with the rounding of each
 * printed figure taken into account (DESIGN §2): a printed x with d
 * decimals stands for [x - h, x + h], h half a unit of its last digit.
 * A relation holds EXACTLY on the printed figures, WITHIN ROUNDING when
 * some true values inside the intervals satisfy it (the envelope is
 * reported), is a MISMATCH otherwise, or is UNVERIFIABLE when a figure it
 * needs is missing.  Rounding alone is never an error.
 *
 * The rules and their stable ids are listed in README.md ("Check rules"). */
#ifndef YOY_CHECK_H
#define YOY_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "yoy/doc.h"
#include "yoy/error.h"

typedef enum yoy_verdict {
	YOY_VERDICT_EXACT = 0,
	YOY_VERDICT_ROUNDING,     /* holds within the rounding of the figures */
	YOY_VERDICT_MISMATCH,
	YOY_VERDICT_UNVERIFIABLE,
	/* the printed figure is the true one cut off at its last digit, not
	 * rounded (87.70万元 for 87.708, 10.15% for 10.1581%): a habit of the
	 * department, not a wrong figure (info) */
	YOY_VERDICT_TRUNCATED
} yoy_verdict;

typedef enum yoy_severity {
	YOY_SEV_OK = 0,   /* it holds: recorded for reports, not shown by default */
	YOY_SEV_INFO,
	YOY_SEV_WARNING,
	YOY_SEV_ERROR
} yoy_severity;

const char *yoy_verdict_name(yoy_verdict v);     /* "exact", "within rounding", ... */
const char *yoy_severity_name(yoy_severity s);   /* "ok", "info", "warning", "error" */
/* The same, and a rule's name, for a reader in the current language
 * ("error"/"错误", "mismatch"/"不符", "change.percent"/"增减率（change.percent）");
 * the ids above stay English in JSON. */
const char *yoy_severity_label(yoy_severity s);
const char *yoy_verdict_label(yoy_verdict v);
const char *yoy_rule_label(const char *rule);
/* Inverse of yoy_severity_name; -1 when not a name. */
int yoy_severity_parse(const char *name);

/* One judged relation. */
typedef struct yoy_finding {
	const char *rule;        /* stable id, e.g. "table.parent-sum" */
	yoy_severity severity;
	yoy_verdict verdict;
	const char *message;     /* what was compared, for people */
	const char *stated;      /* the figure as stated ("1619.83万元", "12.42%") */
	const char *computed;    /* what the other figures give */
	const char *envelope;    /* the interval rounding allows, or NULL */
	const char *subject;     /* claim subject, row name or code */
	const char *metric;      /* the table cell concerned, or NULL */
	const char *text;        /* the claim's sentence, or NULL */
	int year;                /* whose disclosure it is in */
	const char *file;        /* its source file name */
	yoy_loc at;
	/* the same finding printed again: the same sentence elsewhere in the
	 * document (its other places, in the check's arena) */
	yoy_loc *also;
	size_t nalso;
	/* a percent that does not hold against the base its change implies
	 * but does against another figure last year published: that figure
	 * ("2018年收入总计 21955.35万元"), or NULL */
	const char *held_against;
	/* a finding across years: where last year's figure is printed */
	const char *prior_file;
	yoy_loc prior_at;
	int claim;               /* index into the document's claims, or -1 */
} yoy_finding;

typedef struct yoy_check_options {
	/* last year's disclosure of the department, or NULL: the checks
	 * across years are then skipped (and say so) */
	const yoy_doc *prior;
	/* for a 决算: the budget the department published for the same year,
	 * or NULL: the 年初预算 the 决算 states is checked against it */
	const yoy_doc *budget;
	/* unexplained changes: reported when a line changed by at least this
	 * much and this percent (x100) and no claim or reason mentions it;
	 * 0 takes the defaults, 100 万元 and 10% */
	int64_t min_change_fen;
	int64_t min_percent;
} yoy_check_options;

typedef struct yoy_check {
	const yoy_doc *doc, *prior;
	const yoy_doc *budget;   /* o->budget: the year's budget, for a 决算 */
	yoy_finding *findings;   /* in the order of the document */
	size_t nfindings;
	size_t count[4];         /* by severity */
	struct yoy_arena *arena; /* owns everything above but the documents */
} yoy_check;

/* Check doc (and it against o->prior).  *out refers to the documents,
 * which must outlive it; free it with yoy_check_free.  Returns 0 or
 * YOY_ENOMEM. */
int yoy_check_doc(yoy_check **out, const yoy_doc *doc, const yoy_check_options *o,
		  yoy_error *err);
void yoy_check_free(yoy_check *c);

/* The worst finding of claim index i of the checked document, or NULL when
 * nothing judged it. */
const yoy_finding *yoy_check_claim(const yoy_check *c, size_t claim);

#endif
