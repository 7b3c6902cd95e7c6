/* A line followed over the years of a department: a function code, a
 * project, or the department's total.  Years are paired as the diff pairs
 * them (diff.h), so a code that was recoded or renamed, or a project whose
 * name drifted, stays one line, with a mark where it changed. */
#ifndef YOY_TREND_H
#define YOY_TREND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yoy/doc.h"
#include "yoy/error.h"

typedef struct yoy_trend_year {
	int year;
	bool present;          /* the line is printed that year */
	const char *code;      /* as printed that year (NULL for projects) */
	const char *name;
	int64_t value;         /* fen */
	bool has_change;       /* present both this year and the year before */
	int64_t change;
	bool has_percent;
	int64_t percent;       /* x100 */
	unsigned flags;        /* YOY_DIFF_RENAMED/RECODED/SIMILAR/ALIASED against
				  the year before */
	int score;             /* similarity, with YOY_DIFF_SIMILAR */
	const char *was;       /* last year's name or code when it changed */
	const char *file;      /* where that year prints it: its source file */
	yoy_loc at;            /* and place (no file when not present) */
} yoy_trend_year;

typedef struct yoy_trend {
	const char *what;      /* "2040501 行政运行", "项目 …", "收入总计" */
	yoy_trend_year *years; /* oldest first */
	size_t nyears;
	int decimals;          /* shown in 万元 with these */
	const char *revision;  /* options' revision, or NULL */
	struct yoy_arena *arena;
} yoy_trend;

typedef struct yoy_trend_options {
	const char *code;      /* a function code; or */
	const char *project;   /* a project name (matched as the diff matches);
				  neither: the department's 收入总计 */
	size_t nth;            /* when the project's name is printed more than
				  once in its latest year: which (1-based);
				  0 requires it to be unique */
	const struct yoy_aliases *project_aliases;
	const char *revision;  /* the history revision the docs were read at, or
				  NULL; kept in the trend for its readers */
} yoy_trend_options;

/* docs are one department's disclosures, oldest first.  YOY_EINPUT when
 * the code or project is in none of them, or the project's name is not
 * unique (without nth) in the latest year that prints it.  *out refers to the docs;
 * free it with yoy_trend_free. */
int yoy_trend_build(yoy_trend **out, const yoy_doc *const *docs, size_t n,
		    const yoy_trend_options *o, yoy_error *err);
void yoy_trend_free(yoy_trend *t);

#endif
