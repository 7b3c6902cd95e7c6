/* Internal: the recognizers that turn yoy_lines into a yoy_doc.
 *
 * parse.c walks the lines once; at each line it asks the recognizers in
 * turn whether a table title, a performance-target form or a heading starts
 * there.  Recognizers work on titles and shapes, never on line numbers, and
 * are shared by the text and PDF readers. */
#ifndef YOY_RECOGNIZE_H
#define YOY_RECOGNIZE_H

#include <stdbool.h>

#include "model/docbuild.h"
#include "lines.h"

/* A paragraph of narrative, normalized for matching (normalize_for_match),
 * with the line each part came from so claims can cite it. */
typedef struct para_mark {
	size_t offset;      /* byte offset in text where the line starts */
	int line, page, file;
} para_mark;

typedef struct paragraph {
	char *text;         /* heap, normalized */
	size_t len;
	para_mark *marks;   /* heap */
	size_t nmarks;
	size_t section;     /* index into doc->sections */
} paragraph;

typedef struct parse_ctx {
	yoy_doc *doc;
	const yoy_lines *lines;
	size_t table_cap, row_cap, claim_cap, section_cap, form_cap, ind_cap;
	paragraph *paras;
	size_t nparas, paras_cap;
	sbuf *section_raw;           /* raw text of each section so far */
	size_t nsection_raw, section_raw_cap;
	const char *department_hint; /* from 部门名称：/编制部门： lines */
	bool oom;
} parse_ctx;

/* ---- units.c ---- */
/* Tables that print no unit were read as 万元; decide each one's unit from
 * the narrative figures that name its cells and from the same figures in
 * tables that print a unit, rescale it to 元 when that is what it is, and
 * warn saying which evidence decided.  Never fails. */
void infer_units(parse_ctx *pc);

/* ---- tables.c ---- */
/* A cell that parses as a number ("17,981.68", "301"). */
bool amount_cell(const char *s);
/* The table kind a title names, or YOY_TABLE_UNKNOWN when the line is not
 * a table title.  Titles in a table of contents are not titles. */
yoy_table_kind table_title_kind(const yoy_line *l);
/* The kind of table text of len bytes titles, or YOY_TABLE_UNKNOWN. */
yoy_table_kind table_title_text_kind(const char *s, size_t len);
/* Where a table title glued to the end of other text starts, or 0. */
size_t glued_title_start(const char *s, size_t len);
/* A table title at line i, possibly wrapped onto the next line ("…支出预"
 * / "算表"): sets *kind and *nlines (1 or 2). */
bool title_at(const yoy_lines *ls, size_t i, yoy_table_kind *kind,
	      size_t *nlines);
/* Parse the table whose title takes title_lines lines from line i; returns
 * the index of the first line after it, or i when no table follows. */
size_t table_parse(parse_ctx *pc, size_t i, yoy_table_kind kind,
		   size_t title_lines);
/* "预算公开表1", "公开10表": page labels beside tables. */
bool page_label(const yoy_line *l);
/* The 类 code of a function class printed by name ("教育支出" -> "205"),
 * or NULL. */
const char *function_class_code(const char *name);
/* s without a leading ordinal ("一、", "1.", "5．"). */
const char *skip_ordinal(const char *s);
/* "部门名称：X" / "编制部门：X" / "预算主管部门：X": X, else NULL.  *len
 * gets its length. */
const char *department_label(const char *s, size_t *len);

/* ---- forms.c ---- */
bool form_title(const yoy_line *l);
size_t form_parse(parse_ctx *pc, size_t i);

/* ---- narrative.c ---- */
/* Heading level (1..4) of a narrative line, 0 when it is body text. */
int heading_level(const yoy_line *l);
/* Starts with a heading number: 一、 第X部分 （一） 1. */
bool heading_number(const yoy_line *l);
/* True for table-of-contents entries ("一、本部门职责.....  1"). */
bool toc_line(const yoy_line *l);
/* Start a section with heading at line l; text, when not NULL, is the
 * heading joined with its wrapped second line. */
void narrative_heading(parse_ctx *pc, const yoy_line *l, const char *text,
		       int level);
/* Add body line l to the current section and paragraph. */
void narrative_body(parse_ctx *pc, const yoy_line *l);
/* Finish: store section texts in the doc. */
void narrative_finish(parse_ctx *pc);
void paragraphs_free(parse_ctx *pc);

/* ---- claims.c ---- */
/* Extract the claims of every paragraph into pc->doc.  Returns 0 or a
 * yoy_status. */
int claims_extract(parse_ctx *pc);

/* ---- execution.c ---- */
/* A 决算's execution statement: "X年初预算为A万元，支出决算为B万元，完成
 * 年初预算的P%", and what the next sentence says of the difference. */
typedef struct execution_statement {
	size_t b, e;              /* the statement */
	size_t subj_b, subj_e;    /* the words in front of it (may be empty) */
	yoy_amount budget, final; /* budget.present when printed */
	yoy_decimal rate;
	bool has_rate;
	yoy_direction direction;  /* 决算数小于/大于预算数, 持平; NONE unsaid */
	size_t why_b, why_e;      /* its reason, when given */
} execution_statement;

/* The first execution statement in s[from..to), looking on to para_end
 * for the difference.  Returns 1 and fills *out, 0 when there is none,
 * or a negative yoy error. */
int execution_find(execution_statement *out, const char *s, size_t from, size_t to,
		   size_t para_end);

/* A document from lines already read (layout_page's, in the layout
 * fuzzer), as from one PDF named name.  On success *out is the caller's
 * (yoy_doc_free); errors as yoy_parse_buffer. */
int parse_lines(yoy_doc **out, yoy_lines *ls, const char *name, yoy_error *err);

/* ---- metrics.c ---- */
/* The table cell a subject names ("TABLE/ROW/COLUMN"), or NULL.  context
 * is the figure the subject is listed under, when any.  The result points
 * into out. */
const char *metric_for_subject(const yoy_doc *doc, const char *subject,
			       yoy_claim_kind kind, const char *context,
			       sbuf *out);
/* How a 类/款/项 chain in subject names the lines of metric's code:
 * YOY_CLAIM_NAME_DIFFERS when a class above it is not the table's
 * ("普通教育（款）" where the table prints 20503 职业教育),
 * YOY_CLAIM_NAME_NEAR when its own line is printed another way; 0 when
 * every name is the table's. */
unsigned chain_name_flags(const yoy_doc *doc, const char *subject, const char *metric);

#endif
