/* Year-over-year diff of two disclosures.
 *
 * Tables of the same kind are compared row by row.  Rows pair by
 * classification code (function or economic), by the canonical key of a
 * fixed line (收入总计, 公务接待费 …), or by name; a code whose name changed
 * is "renamed", a name that moved to another code under the same parent is
 * "recoded", and projects pair by normalized name, then by similarity (with
 * the score), duplicates by amount, or as the project aliases say.
 *
 * Every figure is exact: values are compared in fen, so a table in 元
 * compares with one in 万元 exactly, and changes are shown in a common unit
 * with as many decimals as the printed figures need.  The percent change
 * is rounded half away from zero to two decimals, from integers. */
#ifndef YOY_DIFF_H
#define YOY_DIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yoy/aliases.h"
#include "yoy/doc.h"
#include "yoy/error.h"

/* Which tables to compare. */
typedef enum yoy_diff_by {
	YOY_DIFF_BY_CODE = 0, /* function-code tables: income, expenditure,
				 fiscal/general expenditure, fund, state capital */
	YOY_DIFF_BY_PROJECT,  /* project tables and performance forms */
	YOY_DIFF_BY_ECONOMIC, /* basic expenditure by economic class */
	YOY_DIFF_BY_SUMMARY,  /* summary lines, "三公", 机关运行经费, 政府采购 */
	YOY_DIFF_BY_ALL
} yoy_diff_by;

/* "code", "project", ...; parse returns -1 for an unknown name. */
const char *yoy_diff_by_name(yoy_diff_by by);
int yoy_diff_by_parse(const char *name);

typedef struct yoy_diff_options {
	yoy_diff_by by;
	/* when ntables > 0, only these table kinds ("forms" is
	 * YOY_TABLE_KIND_COUNT) */
	const yoy_table_kind *tables;
	size_t ntables;
	int64_t min_change_fen;   /* report rows whose change is at least this */
	int64_t min_percent;      /* ... and percent (x100; 0: no bound) */
	int min_similarity;       /* projects: pair names this alike (0..100);
				     0 takes the default, 60 */
	const yoy_aliases *project_aliases; /* year A name <-> year B name */
} yoy_diff_options;

typedef enum yoy_diff_status {
	YOY_DIFF_UNCHANGED = 0,
	YOY_DIFF_CHANGED,
	YOY_DIFF_ADDED,    /* only in year B */
	YOY_DIFF_REMOVED   /* only in year A */
} yoy_diff_status;

const char *yoy_diff_status_name(yoy_diff_status s);

/* Row flags. */
#define YOY_DIFF_RENAMED 0x1u /* same code or key, name printed differently */
#define YOY_DIFF_RECODED 0x2u /* same name under the same parent, new code */
#define YOY_DIFF_SIMILAR 0x4u /* paired by name similarity (see score) */
#define YOY_DIFF_ALIASED 0x8u /* paired by the project aliases */
#define YOY_DIFF_FLAG_COUNT 4
/* "renamed", "recoded", "similar", "aliased" for bit i (0..3). */
const char *yoy_diff_flag_name(unsigned bit);

/* One column of one row: both years' values in fen (blank = 0). */
typedef struct yoy_diff_cell {
	bool in_a, in_b;      /* printed (not blank) in that year */
	int64_t a, b;         /* fen */
	int64_t change;       /* b - a */
	bool has_percent;     /* a != 0 */
	int64_t percent;      /* change / |a| * 100, x100, half away from 0 */
	bool has_rate;        /* a > 0 */
	int64_t rate;         /* b / a * 100, x100: a budget's 执行率 when a is
				 the budget and b the 决算 */
} yoy_diff_cell;

typedef struct yoy_diff_row {
	yoy_diff_status status;
	unsigned flags;
	int score;            /* similarity 0..100 when YOY_DIFF_SIMILAR */
	const yoy_row *a, *b; /* NULL on the side it is missing from */
	const char *code;     /* year B's code (A's when removed), or NULL */
	const char *name;     /* year B's name (A's when removed) */
	int level;
	yoy_diff_cell *cells; /* parallel to the table's columns */
	bool reported;        /* passes min-change / min-percent */
} yoy_diff_row;

typedef struct yoy_diff_table {
	yoy_table_kind kind;      /* YOY_TABLE_KIND_COUNT: performance forms */
	const char *name;         /* "general_expenditure", "forms" */
	const char *title_a, *title_b;
	yoy_unit unit;            /* the diff's common unit */
	int decimals;             /* enough to show both years exactly */
	yoy_column *columns;      /* shared by both years, in A's order */
	size_t ncolumns;
	const char *only_a, *only_b; /* columns one year has alone, "a, b"; NULL */
	yoy_diff_row *rows;       /* by size of change, largest first */
	size_t nrows;
	size_t count[4];          /* rows by yoy_diff_status */
	size_t renamed, recoded, similar;
	const yoy_diff_row *total; /* the table's total row when both have it */
} yoy_diff_table;

typedef struct yoy_diff {
	const yoy_doc *a, *b;
	yoy_diff_by by;
	yoy_diff_table *tables;
	size_t ntables;
	const char **only_a, **only_b; /* table kinds one year has alone */
	size_t nonly_a, nonly_b;
	struct yoy_arena *arena;  /* owns everything above but a and b */
} yoy_diff;

/* Compare a (the earlier year) with b.  *out refers to a and b, which must
 * outlive it; free it with yoy_diff_free.  Returns 0 or YOY_ENOMEM. */
int yoy_diff_docs(yoy_diff **out, const yoy_doc *a, const yoy_doc *b,
		  const yoy_diff_options *opt, yoy_error *err);
void yoy_diff_free(yoy_diff *d);

/* Rows reported as changed, added or removed in all tables. */
size_t yoy_diff_changes(const yoy_diff *d);

/* The row of table kind whose year-B (or year-A) key or code is key, e.g.
 * (YOY_TABLE_SUMMARY, "income", "total"); NULL when not compared. */
const yoy_diff_row *yoy_diff_find(const yoy_diff *d, yoy_table_kind kind,
				  const char *group, const char *key);

/* The row's name as shown: year B's (A's when removed); a total line
 * printed without a name is "合计". */
const char *yoy_diff_row_name(const yoy_diff_row *r);

/* What pairs the row beyond its code or key, for people: "renamed from
 * 一般行政事务管理", "recoded from 2040502", "similar name (75): 工作经历",
 * "aliased: 旧名"; joined by "; ".  Returns the length; "" when nothing. */
size_t yoy_diff_describe(char *buf, size_t size, const yoy_diff_row *r);

/* Write fen in the table's unit and decimals ("4322.77"); with sign,
 * a "+" before positive values.  Returns the length; size >= 40. */
size_t yoy_diff_format(char *buf, size_t size, const yoy_diff_table *t, int64_t fen,
		       bool sign);
/* "12.11", "-3.94" from a percent x100; with sign, "+12.11". */
size_t yoy_diff_format_percent(char *buf, size_t size, int64_t percent, bool sign);

#endif
