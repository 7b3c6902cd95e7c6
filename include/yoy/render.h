/* Renderers: one file per output form (render_*.c), each turning a model
 * into text.  They return heap strings the caller frees with free(), or
 * NULL when out of memory; they never print. */
#ifndef YOY_RENDER_H
#define YOY_RENDER_H

#include <stdbool.h>

#include "yoy/check.h"
#include "yoy/diff.h"
#include "yoy/doc.h"
#include "yoy/rank.h"
#include "yoy/report.h"
#include "yoy/trend.h"

/* A readable summary of one disclosure: cover facts, tables with their
 * totals, counts of claims by kind, warnings. */
char *yoy_render_summary(const yoy_doc *doc);

/* One table as CSV: code, name, name2 and each column as printed, UTF-8
 * with a byte order mark and CRLF. */
char *yoy_render_table_csv(const yoy_table *t);

typedef struct yoy_diff_render_options {
	const char *label_a, *label_b; /* column headings: "2017", "2018" */
	bool color;                    /* ANSI colours (text only) */
	bool stat;                     /* one screen: counts, totals, top changes */
	const char *revision;          /* history revision read, or NULL (files) */
	bool execution;                /* a is a year's budget, b its 决算: the
					  percent column is the 执行率 b / a */
} yoy_diff_render_options;

/* The reported rows of a diff (diff.h), table by table, largest change
 * first.  Text is aligned for a terminal (CJK counts two columns). */
char *yoy_render_diff_text(const yoy_diff *d, const yoy_diff_render_options *o);
/* Schema "yoy-diff/1" (history/README.md). */
char *yoy_render_diff_json(const yoy_diff *d, const yoy_diff_render_options *o);
/* One line per reported row and column; UTF-8 with a byte order mark and
 * CRLF, so that Excel opens it as it is. */
char *yoy_render_diff_csv(const yoy_diff *d, const yoy_diff_render_options *o);
/* Markdown tables, for pasting into documents. */
char *yoy_render_diff_md(const yoy_diff *d, const yoy_diff_render_options *o);

typedef struct yoy_check_render_options {
	yoy_severity show;   /* list findings at or above this severity */
	bool color;
	const char *no_prior; /* without a prior year: why (e.g. "no history
				 at ./history"), or NULL */
	bool prior_from_history; /* the prior year was read from history */
} yoy_check_render_options;

/* Findings for a terminal: a line each with rule, severity, verdict and
 * place, the figures and the claim's sentence under it; counts at the end. */
char *yoy_render_check_text(const yoy_check *c, const yoy_check_render_options *o);
/* Schema "yoy-check/1" (history/README.md). */
char *yoy_render_check_json(const yoy_check *c, const yoy_check_render_options *o);
/* A Markdown table of the findings. */
char *yoy_render_check_md(const yoy_check *c, const yoy_check_render_options *o);

/* The departments of check --all ranked by findings (rank.h): aligned
 * text, JSON (schema "yoy-check-rank/1") and CSV (UTF-8 with BOM, CRLF). */
char *yoy_render_rank_text(const yoy_rank *r);
char *yoy_render_rank_json(const yoy_rank *r);
char *yoy_render_rank_csv(const yoy_rank *r);

/* The hearing summary (report.h) as Markdown: headline figures, the
 * largest changes with the reasons stated and their check, questions to
 * ask, totals over the years, sources. */
char *yoy_render_report_md(const yoy_report *r);
/* The same as one self-contained HTML page with inline SVG charts (no
 * scripts, fonts or anything else fetched), for the screen, a phone and
 * A4 paper. */
char *yoy_render_report_html(const yoy_report *r);
/* The same for a terminal: aligned figures, each change a short block. */
char *yoy_render_report_text(const yoy_report *r);
/* The report's data as JSON, schema "yoy-report/1".  Heap string (free()),
 * NULL when out of memory. */
char *yoy_render_report_json(const yoy_report *r);

/* A trend (trend.h): a row per year with the amount in 万元, the change on
 * the year before and its percent, and a mark where the line was renamed,
 * recoded or paired by a similar name. */
char *yoy_render_trend_text(const yoy_trend *t, const char *department);
/* The same as CSV (UTF-8 with BOM, CRLF) ... */
char *yoy_render_trend_csv(const yoy_trend *t, const char *department);
/* ... and as JSON, schema "yoy-trend/1". */
char *yoy_render_trend_json(const yoy_trend *t, const char *department);

/* The mark of a trend year: "recoded from 2080505", "renamed from …",
 * "similar name (75): …", "aliased: …", or "" (trend_text.c). */
size_t yoy_trend_mark(char *buf, size_t size, const yoy_trend_year *y);

#endif
