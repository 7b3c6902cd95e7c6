/* The hearing summary (人大预算审查): what changed in a department's budget
 * this year, what the department says why, and whether that holds — built
 * entirely from the history (the year, the year before, and the run of
 * years for the totals), with the diff (diff.h) and the check (check.h).
 * Renderers in render.h turn it into Markdown, HTML or text. */
#ifndef YOY_REPORT_H
#define YOY_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yoy/check.h"
#include "yoy/diff.h"
#include "yoy/doc.h"
#include "yoy/error.h"
#include "yoy/trend.h"

/* A figure of both years, in one unit. */
typedef struct yoy_report_figure {
	const char *label;      /* "收入总计", "“三公”经费", ... */
	int indent;             /* 1 for an item of the line above at 0, 2 for
				   an item of the item above it */
	bool in_a, in_b;        /* printed that year */
	int64_t a, b, change;   /* fen */
	bool has_percent;
	int64_t percent;        /* x100 */
	int decimals;           /* shown in 万元 with these */
	const char *file;       /* where this year's figure is printed */
	yoy_loc at;
} yoy_report_figure;

/* One of the largest changes, with what the department says of it. */
typedef struct yoy_report_change {
	const yoy_diff_row *row;   /* the diff's row (unit in table) */
	const yoy_diff_table *table;
	const yoy_claim *claim;    /* the statement of its change, or NULL */
	const yoy_claim *figure_only; /* without one, a statement of its
				         figure alone, or NULL */
	const yoy_finding *verdict; /* the check's worst finding on that
				       statement (or on figure_only), NULL
				       when the check said nothing of it */
	bool holds;                /* the statement was judged and holds */
	/* the statement is another line's, whose reason names this one
	 * ("…增加了“事业运行”项级科目分流315万元"): quoted, not judged here */
	bool mentioned_only;
	/* The statement's change is not the change by code: last year's
	 * figure was printed under another code or name (a reclassification)
	 * or the base differs.  implied_base = this year - stated change;
	 * base_row, when not NULL, is the line of last year that printed
	 * exactly that (a removed row of the same table). */
	bool base_differs;
	int64_t stated_change, implied_base; /* fen */
	const yoy_diff_row *base_row;
	const yoy_diff_row *moved_to; /* this is another change's base_row:
					 the line it is printed as this year */
} yoy_report_change;

/* A function class (类) in both years: the structure of spending. */
typedef struct yoy_report_class {
	const char *code, *name;
	int64_t a, b;
} yoy_report_class;

typedef struct yoy_report {
	const yoy_doc *doc, *prior;
	const char *revision;      /* the history commit it was built from */
	yoy_check *check;          /* of doc against prior */
	yoy_diff *by_code, *by_project;
	yoy_report_figure *figures;
	size_t nfigures;
	yoy_report_change *code_changes, *project_changes;
	size_t ncode_changes, nproject_changes;
	const yoy_finding **questions; /* findings at warning or error */
	size_t nquestions;
	yoy_trend *totals;         /* 收入总计 over the years given (trend.h);
				      NULL when none were */
	yoy_report_class *classes;
	size_t nclasses;
	/* the year's budget against its 决算, when the history holds both
	 * (o->budget, o->final): the execution section; NULL otherwise */
	yoy_diff *execution;
	struct yoy_arena *arena;
} yoy_report;

typedef struct yoy_report_options {
	size_t top;                /* largest changes listed (default 10) */
	const char *revision;
	/* every year of the department in history, oldest first, doc and
	 * prior among them (for the line of totals); may be empty */
	const yoy_doc *const *years;
	size_t nyears;
	const yoy_check_options *check; /* thresholds; prior is set here */
	/* the year's budget and 决算 (one of them doc), or NULL: with both,
	 * the report has an execution section */
	const yoy_doc *budget, *final;
} yoy_report_options;

/* Build the report of doc against prior (NULL: no year before in history;
 * the report then says so).  The documents must outlive *out, which is
 * freed with yoy_report_free.  Returns 0 or YOY_ENOMEM. */
int yoy_report_build(yoy_report **out, const yoy_doc *doc, const yoy_doc *prior,
		     const yoy_report_options *o, yoy_error *err);
void yoy_report_free(yoy_report *r);

/* Wording shared by the renderers (Chinese, for the committee). */
/* "收入总计", "其中：财政拨款", "　其中：一般公共预算" (U+3000 indents). */
size_t yoy_report_figure_label(char *buf, size_t size, const yoy_report_figure *f);
/* "相符", "在舍入范围内相符", "不符", "无法核对"; with only the figure
 * stated "变动未说明；金额相符" and the like; "—" with nothing stated. */
const char *yoy_report_verdict_words(const yoy_report_change *c);
/* An amount of fen in 万元 with decimals, "+" before an increase when
 * sign.  Returns buf. */
const char *yoy_report_wan(char *buf, size_t size, int64_t fen, int decimals, bool sign);
/* True when the report has a line of totals worth showing: more than two
 * years. */
bool yoy_report_has_years(const yoy_report *r);
/* A year of the line of totals as three cells: the total, its change and
 * percent on the year before, each "—" when there is none. */
typedef struct yoy_report_year_cells {
	char total[48], change[48], percent[32];
} yoy_report_year_cells;
void yoy_report_year_format(yoy_report_year_cells *out, const yoy_report *r,
			    const yoy_trend_year *y);
/* The two years' column labels: "2018年", "2019年" (上年 when there is
 * no prior year). */
void yoy_report_year_labels(char la[16], char lb[16], const yoy_report *r);
/* A headline figure's cells as every renderer prints them: its label,
 * both years ("—" for a year without it), change, percent and where it is
 * printed. */
typedef struct yoy_report_figure_cells {
	char label[128], a[48], b[48], change[48], percent[32], where[256];
} yoy_report_figure_cells;
void yoy_report_figure_format(yoy_report_figure_cells *out, const yoy_report_figure *f);
/* "+12.42%" from percent x100, or "—" when !has.  Returns buf. */
const char *yoy_report_percent(char *buf, size_t size, bool has, int64_t percent);
/* Decimals that show a diff table's figures in 万元 (2 for 万元, 6 for 元
 * with two decimals...). */
int yoy_report_table_decimals(const yoy_diff_table *t);
/* The check column of a change: the verdict words, "不符：" or "存疑："
 * and the question for a finding at error or warning, or the stated
 * change against the change by code when they differ.  Returns the
 * length written. */
size_t yoy_report_verdict_text(char *buf, size_t size, const yoy_report *r,
			       const yoy_report_change *c);
/* "2040501 行政运行", with "（上年：2080505 …）" or "（上年名称：…）" when
 * the diff paired it across a new code or name.  Returns the length. */
size_t yoy_report_change_name(char *buf, size_t size, const yoy_report_change *c);
/* "部门预算", "部门决算", "单位预算" or "单位决算": what the report's
 * document is. */
const char *yoy_report_kind_words(const yoy_report *r);
/* Section numerals: "一" for 1 ... "十" for 10. */
const char *yoy_report_numeral(int n);
/* The execution section's table (一般公共预算 by function code, else the
 * spending table), or NULL when the report has none. */
const yoy_diff_table *yoy_report_execution_table(const yoy_report *r);
/* A line of the execution section: code and name, budget, 决算, 决算 −
 * 预算 and 执行率 ("—" where there is none), in 万元. */
typedef struct yoy_report_execution_cells {
	char name[192], budget[48], final[48], change[48], rate[32];
} yoy_report_execution_cells;
void yoy_report_execution_format(yoy_report_execution_cells *out, const yoy_diff_table *t,
				 const yoy_diff_row *row);
/* The execution section's lines: the total, then the largest differences
 * (at most top).  Fills rows; returns how many. */
size_t yoy_report_execution_rows(const yoy_diff_row **rows, size_t top, const yoy_diff_table *t);

/* "核对：3处错误，5处存疑，8处提示；82项陈述与合计相符".  Returns the length. */
size_t yoy_report_check_words(char *buf, size_t size, const yoy_report *r);
/* What a section of changes says when it lists none: by function code
 * (projects false) or by project. */
const char *yoy_report_no_changes_words(const yoy_report *r, bool projects);
/* NULL when the department states a reason for the change (quote
 * c->claim->reason); else what it says instead: "说明了变动，未说明原因",
 * "只列了金额，未说明变动" or "未说明". */
const char *yoy_report_no_reason_words(const yoy_report_change *c);
/* The name of the source file a claim of r->doc is printed in. */
const char *yoy_report_claim_file(const yoy_report *r, const yoy_claim *c);
/* "2019-budget.pdf 第17页第472行".  Returns the length written. */
size_t yoy_report_where(char *buf, size_t size, const char *file, yoy_loc at);
/* Where a finding is printed, with the same sentence's other places and
 * last year's figure: "2019-budget.pdf 第25页第12行（又见第26页第3行）；
 * 2018年：2018-budget.pdf 第19页第8行".  Returns the length written. */
size_t yoy_report_where_finding(char *buf, size_t size, const yoy_finding *f,
				const yoy_doc *prior);
/* A finding of r's check as a question to ask: "文中增减率为5.95%，按增减额
 * 与基数计算为6.0985%（舍入允许…）"; an unexplained change in 万元.
 * Returns the length written. */
size_t yoy_report_question(char *buf, size_t size, const yoy_report *r, const yoy_finding *f);

#endif
