/* The helpers every check rule uses (check_common.c): figures as
 * intervals, verdicts, findings, and where a metric lives in a document.
 * Included by the rule files, the driver and the report model. */
#ifndef YOY_CHECK_COMMON_H
#define YOY_CHECK_COMMON_H

#include <stdbool.h>

#include "util/util.h"
#include "yoy/check.h"

/* A printed amount as an interval: fen +- half (both in fen).  A blank
 * cell is 0, exactly. */
typedef struct figure {
	int64_t fen;
	int64_t half;
	yoy_unit unit;   /* to print it as it was printed */
	int decimals;
	bool present;
	bool overflow;   /* a sum or difference past int64: no verdict on it */
} figure;

figure fig_of(const yoy_amount *a);
figure fig_sum(figure a, figure b);
figure fig_neg(figure a);

/* Print a figure in its own unit: "1619.83万元". */
const char *fig_text(yoy_arena *ar, figure f);
/* Print fen in the unit and decimals of like: "14656.81万元". */
const char *fen_text(yoy_arena *ar, int64_t fen, figure like);

/* a and b speak of one quantity.  Same precision: they must be equal;
 * different precision: within both halves.  *gap gets b - a. */
yoy_verdict judge_equal(figure a, figure b);
/* printed is truth cut off at printed's last digit rather than rounded
 * (87.70 for 87.708): a habit, judged YOY_VERDICT_TRUNCATED. */
bool judge_truncated(figure printed, figure truth);
/* parent against a sum of separately rounded parts: within the sum of all
 * halves. */
yoy_verdict judge_sum(figure whole, figure sum_of_parts);

/* A stated percent p (scaled, decimals) against num / den * 100 over the
 * intervals of both.  UNVERIFIABLE when den may be 0 or below. *lo, *hi
 * get the interval of the recomputed percent (x 10^4), *point the value
 * from the printed figures (x 10^4). */
yoy_verdict judge_percent(const yoy_decimal *p, figure num, figure den, int64_t *lo,
			  int64_t *hi, int64_t *point);
/* "12.4249" from a percent x 10^4. */
const char *pct4_text(yoy_arena *ar, int64_t v);

/* A cell named by a metric "TABLE/ROW/COLUMN" (history/README.md). */
typedef struct cell_ref {
	const yoy_table *table;
	const yoy_row *row;
	figure value;
	bool found;       /* the table, row and column exist */
	bool is_count;    /* forms/count, projects/count: value.fen is a count */
} cell_ref;

cell_ref metric_cell(const yoy_doc *doc, const char *metric);

typedef struct checker {
	yoy_check *c;
	yoy_arena *ar;
	const yoy_doc *doc;
	const yoy_check_options *o;
	size_t cap;
	bool oom;
} checker;

/* Record a finding; strings are copied into the check's arena.  An
 * error that rests on a table read by the order of its cells (by_order:
 * its metric's table; in a copy whose tables are mostly so read, any
 * finding) is recorded as a warning that says so, unless it is a change
 * that does not hold in its own sentence (change.*). */
void add_finding(checker *k, const yoy_finding *f);

/* add_finding, for a finding about a table that was (table_by_order)
 * read by the order of its cells. */
void add_finding_on(checker *k, const yoy_finding *f, bool table_by_order);
/* The severity a verdict gets for a rule of the given weight: exact ok,
 * rounding info, unverifiable info, mismatch the weight. */
yoy_severity severity_of(yoy_verdict v, yoy_severity mismatch);
/* printf into the arena. */
const char *afmt(yoy_arena *ar, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A table kind as a message names it: "summary" in English, 收支总表 in
 * Chinese (the catalog translates the kind's id). */
const char *kind_label(yoy_table_kind kind);
/* The cell a metric named, as a reader finds it: the table, the row's code
 * and name, the column ("支出总表 合计 基本支出"); the metric itself when
 * the cell was not found. */
const char *cell_label(yoy_arena *ar, const cell_ref *cell, const char *metric);
/* "p25:12" on a page, "12" in a text without pages. */
const char *place_text(yoy_arena *ar, yoy_loc at);
/* The source file name of a location in doc. */
const char *source_of(const yoy_doc *doc, yoy_loc at);
/* True when text names name as a narrative says it: whole, or without a
 * trailing 支出 ("社会保障和就业支出" said "社会保障和就业"). */
bool text_mentions(const char *text, const char *name);

#endif
