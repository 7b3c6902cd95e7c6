/* The document model: one published disclosure (部门预算公开), normalized.
 *
 * A yoy_doc is produced by the parser (parse.h) or the JSON loader
 * (json.h) and is read by diff, check and the renderers.  Every string and
 * array hanging off a yoy_doc is owned by it and released by yoy_doc_free;
 * callers treat the structure as read-only.
 *
 * Names, titles and subjects are kept as printed (after whitespace
 * clean-up); keys, kinds and metrics are canonical English identifiers.
 * Amounts are exact (amount.h).
 */
#ifndef YOY_DOC_H
#define YOY_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yoy/amount.h"

#define YOY_SCHEMA "yoy-disclosure/1"

struct yoy_arena;

/* Where something was printed: 1-based line of the extracted text, 1-based
 * page (0 when the source has no pages), index of the source file. */
typedef struct yoy_loc {
	int line;
	int page;
	int file;
} yoy_loc;

typedef enum yoy_table_kind {
	YOY_TABLE_UNKNOWN = 0,
	YOY_TABLE_SUMMARY,             /* 预算收支总表 */
	YOY_TABLE_INCOME,              /* 预算收入总表 */
	YOY_TABLE_EXPENDITURE,         /* 预算支出总表 */
	YOY_TABLE_FISCAL_SUMMARY,      /* 财政拨款收支总表 */
	YOY_TABLE_FISCAL_EXPENDITURE,  /* 财政拨款支出预算表 (Jiangsu) */
	YOY_TABLE_FISCAL_BASIC,        /* 财政拨款基本支出预算表 (Jiangsu) */
	YOY_TABLE_GENERAL_EXPENDITURE, /* 一般公共预算支出预算表 */
	YOY_TABLE_BASIC_ECONOMIC,      /* 一般公共预算基本支出 by economic class */
	YOY_TABLE_FUND_INCOME,         /* 政府性基金预算收入表 */
	YOY_TABLE_FUND_EXPENDITURE,    /* 政府性基金预算支出表 */
	YOY_TABLE_STATE_CAPITAL,       /* 国有资本经营预算收支表 */
	YOY_TABLE_THREE_PUBLIC,        /* "三公"经费支出预算表 */
	YOY_TABLE_OPERATING_COSTS,     /* 机关运行经费 */
	YOY_TABLE_PROJECTS,            /* 项目支出预算表（本年预算） */
	YOY_TABLE_PROJECTS_CARRYOVER,  /* 项目支出预算表（上年结转） */
	YOY_TABLE_PROCUREMENT,         /* 政府采购支出预算表 */
	YOY_TABLE_KIND_COUNT
} yoy_table_kind;

/* "summary", "income", ... ; "unknown" for YOY_TABLE_UNKNOWN. */
const char *yoy_table_kind_name(yoy_table_kind kind);
/* Inverse of yoy_table_kind_name; YOY_TABLE_UNKNOWN when not a name. */
yoy_table_kind yoy_table_kind_parse(const char *name);

/* A column: canonical key ("total", "basic", "project", "general_budget",
 * ...) and the header as printed ("合计", "基本支出"). */
typedef struct yoy_column {
	const char *key;
	const char *label;
} yoy_column;

/* One printed row.  values[] is parallel to the table's columns; cells the
 * row leaves blank (or that do not apply to it) are not present. */
typedef struct yoy_row {
	const char *key;    /* canonical key of a fixed line ("total",
			       "general_budget", "overseas"...), else NULL */
	const char *group;  /* side of a two-sided table: "income",
			       "expenditure", "expenditure_use"; else NULL */
	const char *code;   /* classification code, digits only ("2080101",
			       "30101"); else NULL */
	const char *name;   /* as printed: subject, project, line name */
	const char *name2;  /* second name column (government economic class
			       in basic_economic; procurement item); else NULL */
	int level;          /* 0 total, 1..3 class/款/项 (or 1..2 economic);
			       1 for an uncoded row */
	yoy_amount *values;
	yoy_loc at;
} yoy_row;

typedef struct yoy_table {
	yoy_table_kind kind;
	const char *title;  /* as printed, without leading ordinal */
	yoy_unit unit;
	int decimals;       /* most decimals printed in the table */
	yoy_column *columns;
	size_t ncolumns;
	yoy_row *rows;
	size_t nrows;
	int empty;          /* 1 when the table holds no figures */
	const char *note;   /* "注：本表无数据" etc., NULL when none */
	yoy_loc at;         /* where the title is */
	int unit_inferred;  /* 1 when no unit was printed: unit was inferred
			       (a warning of the document says from what) */
	int by_order;       /* 1 when read from text that does not set its
			       figures beside their names (one cell a line,
			       or most figures on lines of their own): rows
			       joined by order, not by position */
} yoy_table;

/* A heading of the narrative and the text under it (paragraphs joined
 * by '\n'; lines wrapped inside a paragraph joined without a break). */
typedef struct yoy_section {
	const char *heading;
	int level;          /* 1 第X部分, 2 一、, 3 （一）, 4 1、 */
	const char *text;
	yoy_loc at;
} yoy_section;

typedef enum yoy_claim_kind {
	YOY_CLAIM_FIGURE = 0, /* "人员经费5,270.25万元" */
	YOY_CLAIM_CHANGE,     /* "比上年增加1619.83万元，增加12.42%" */
	YOY_CLAIM_SHARE,      /* "占99.96%" */
	YOY_CLAIM_COUNT,      /* "项目48个" */
	YOY_CLAIM_EXECUTION   /* a 决算's "年初预算为A万元，支出决算为B万元，
				 完成年初预算的P%": current B, base_value A,
				 percent P */
} yoy_claim_kind;

typedef enum yoy_direction {
	YOY_DIR_NONE = 0,
	YOY_DIR_INCREASE,     /* 增加 增长 上升 提高 */
	YOY_DIR_DECREASE,     /* 减少 下降 降低 减小 压减 */
	YOY_DIR_FLAT,         /* 持平 一致 相同 不变 */
	YOY_DIR_TEMPLATE      /* "增加（减少）": a template left unfilled */
} yoy_direction;

typedef enum yoy_basis {
	YOY_BASIS_NONE = 0,   /* "比上年" */
	YOY_BASIS_BUDGET,     /* "比上年预算", "与上年预算数" */
	YOY_BASIS_EXECUTION,  /* "比2023年预算执行数" */
	YOY_BASIS_COMPARABLE  /* "比2022年同口径" */
} yoy_basis;

/* Claim flags. */
#define YOY_CLAIM_IN_REASON        0x01u /* stated inside a reason */
#define YOY_CLAIM_PERCENT_NO_SIGN  0x02u /* "减少 9.52，" without % */
#define YOY_CLAIM_EMPTY_REASON     0x04u /* "主要原因是。" */
#define YOY_CLAIM_CURRENT_RESTATED 0x08u /* "2024年预算安排X" repeats it */
#define YOY_CLAIM_DIR_CONFLICT     0x10u /* "增加X万元，下降Y%" */
#define YOY_CLAIM_TIMES            0x20u /* "增长16倍": percent holds a multiple */
#define YOY_CLAIM_UNIT_IMPLIED     0x40u /* "增加50.00，": the amount's unit is
					    the sentence's */
#define YOY_CLAIM_NEW_LINE         0x80u /* "此项支出是今年新增支出": a change
					    from nothing */
#define YOY_CLAIM_NAME_DIFFERS     0x100u /* its 类/款 names are not the
					     table's for the code */
#define YOY_CLAIM_NAME_NEAR        0x200u /* its own line's name is printed
					     another way ("离退休费" for
					     离退休) */

/* A statement of the narrative about a figure. */
typedef struct yoy_claim {
	yoy_claim_kind kind;
	const char *subject;     /* what the figure is, as printed */
	const char *metric;      /* table cell it resolves to, e.g.
				    "summary.income.total", "code:2080101",
				    "three_public.total"; NULL unresolved */
	yoy_amount current;      /* the stated figure */
	/* change */
	const char *base;        /* "上年", "2022年同口径", "2023年预算执行数" */
	int base_year;           /* year compared with; 0 unknown */
	yoy_basis basis;
	yoy_amount base_value;   /* base stated in the text, if any */
	yoy_direction direction;
	const char *direction_word;
	yoy_amount delta;        /* stated change, as printed (magnitude) */
	yoy_decimal percent;     /* stated change percent (magnitude) */
	/* share */
	yoy_decimal share;       /* 占…% */
	const char *whole;       /* what it is a share of */
	const char *whole_metric;
	yoy_amount whole_value;  /* the whole's stated figure, if any */
	/* count */
	int64_t count;
	const char *count_unit;  /* 个 项 家 辆 … */
	const char *reason;      /* 主要原因是…; NULL when none stated */
	unsigned flags;
	const char *text;        /* the sentence, whitespace-normalized */
	yoy_loc at;
} yoy_claim;

const char *yoy_claim_kind_name(yoy_claim_kind kind);
const char *yoy_direction_name(yoy_direction dir);
const char *yoy_basis_name(yoy_basis basis);

/* Funds of a performance-target form, in 元. */
typedef struct yoy_funds {
	yoy_amount total, central, provincial, local, self_raised, other;
} yoy_funds;

/* An indicator row of a performance-target form.  The forms print the
 * implementation-period and annual indicators side by side. */
typedef struct yoy_indicator {
	const char *level1;      /* 产出指标 效益指标 满意度指标 成本指标 */
	const char *level2;      /* 数量指标 质量指标 时效指标 … */
	const char *name;        /* 三级指标, implementation period */
	const char *value;       /* 指标值, implementation period */
	const char *annual_name;
	const char *annual_value;
	yoy_loc at;
} yoy_indicator;

/* 项目支出绩效目标申报表: one per project. */
typedef struct yoy_perf_form {
	const char *project;        /* 项目名称 */
	const char *department_code;/* "054" of "054-吕梁市…" */
	const char *department;     /* 主管部门 */
	const char *implementer;    /* 实施单位 */
	const char *attribute;      /* 项目属性 */
	const char *period;         /* 项目期 */
	yoy_funds period_funds;     /* 实施期资金总额 and its split */
	yoy_funds annual_funds;     /* 年度资金总额 and its split */
	const char *overview, *basis, *necessity, *measures, *plan;
	const char *goal_period, *goal_annual;
	yoy_indicator *indicators;
	size_t nindicators;
	yoy_loc at;
} yoy_perf_form;

typedef struct yoy_warning {
	yoy_loc at;
	const char *message;
} yoy_warning;

/* A file the disclosure was read from. */
typedef struct yoy_source_info {
	const char *name;      /* file name, without directories */
	const char *sha256;    /* hex */
	const char *format;    /* "text" or "pdf" */
	const char *encoding;  /* "UTF-8", "UTF-8 BOM", "GB18030", ... */
	int64_t size;          /* bytes */
	int pages;             /* 0 for text */
	int lines;             /* lines of extracted text */
} yoy_source_info;

typedef struct yoy_doc {
	const char *department;  /* as printed on the cover */
	int year;
	const char *kind;        /* "department_budget", "unit_budget", … */
	const char *title;       /* cover title as printed */
	yoy_source_info *sources;
	size_t nsources;
	yoy_table *tables;
	size_t ntables;
	yoy_section *sections;
	size_t nsections;
	yoy_claim *claims;
	size_t nclaims;
	yoy_perf_form *forms;
	size_t nforms;
	yoy_warning *warnings;
	size_t nwarnings;
	struct yoy_arena *arena; /* owns everything above */
} yoy_doc;

/* Release a document and everything it owns.  NULL is fine. */
void yoy_doc_free(yoy_doc *doc);

/* The document is final accounts (部门决算 or 单位决算): its figures are
 * what was spent, beside the budget it started the year with. */
bool yoy_doc_is_final(const yoy_doc *doc);

/* The other half of a year's pair: "department_final" for
 * "department_budget" and back, "unit_final" for "unit_budget" and back
 * (a NULL kind is a department's budget).  Static strings. */
const char *yoy_kind_counterpart(const char *kind);

/* First table of the given kind, or NULL. */
const yoy_table *yoy_doc_table(const yoy_doc *doc, yoy_table_kind kind);

/* Index of the column with key in table, or -1. */
int yoy_table_column(const yoy_table *table, const char *key);

/* Value of a row in the column with key; a blank amount when the column
 * is missing. */
yoy_amount yoy_row_value(const yoy_table *table, const yoy_row *row,
			 const char *key);

/* First row with the given key (and group, when group is not NULL). */
const yoy_row *yoy_table_row_by_key(const yoy_table *table, const char *key,
				    const char *group);

/* First row with the given code. */
const yoy_row *yoy_table_row_by_code(const yoy_table *table, const char *code);

/* Level of a function or economic classification code: 1 for 3 digits
 * (类), 2 for 5 (款), 3 for 7 (项); 0 when not a code. */
int yoy_code_level(const char *code);

/* True when parent is a strict prefix-ancestor of child ("208" of
 * "20801" and "2080101"). */
int yoy_code_is_ancestor(const char *parent, const char *child);

#endif
