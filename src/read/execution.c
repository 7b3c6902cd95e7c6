/* Execution statements of a 决算 (final accounts): what a line was
 * budgeted at the start of the year and what was spent,
 *
 *   一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，
 *   完成年初预算的98.20%。决算数小于预算数的主要原因：…
 *   因公出国（境）费决算为0.00万元，完成预算的0%
 *
 * found by one PCRE2 pattern, with what the text says of the difference
 * (决算数小于/大于预算数, 基本持平) and why.  claims.c turns each into an
 * execution claim.  Calls model, util and regex.c only. */
#include <pthread.h>
#include <string.h>

#include "recognize.h"
#include "regex.h"

#define AMOUNT "[+-]?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?"
#define UNIT "亿元|万元|元"

static const char statement_pattern[] =
	/* the words in front: what the figures are of (may be none) */
	"(?<subj>[^，,；;：:。]*?)"
	"(?:(?:的)?年初预算(?:数)?(?:为|是)?\\s*(?<b>" AMOUNT ")\\s*(?<bu>" UNIT ")\\s*[，,]\\s*)?"
	"(?:支出|收入)?决算(?:数)?(?:为|是)\\s*(?<f>" AMOUNT ")\\s*(?<fu>" UNIT ")"
	"(?:\\s*[，,]\\s*完成(?:年初)?预算(?:数)?的\\s*(?<p>\\d+(?:\\.\\d+)?)\\s*%)?";

/* "决算数小于预算数的主要原因：…", "决算数与预算数基本持平" */
static const char difference_pattern[] =
	"\\G\\s*[。，,；;]?\\s*决算(?:数)?(?:(?<less>小于|低于|少于)|(?<more>大于|高于|多于)"
	"|(?<flat>与(?:年初)?预算(?:数)?(?:基本)?持平|等于(?:年初)?预算(?:数)?))"
	"(?:(?:年初)?预算(?:数)?)?(?:的)?(?:主要原因|原因)?(?:是|为|：|:)?(?<why>[^。]*)";

static struct {
	yoy_regex *statement, *difference;
	int subj, b, bu, f, fu, p, less, more, flat, why;
} rx;
static pthread_once_t rx_once = PTHREAD_ONCE_INIT;

static void rx_init(void)
{
	char err[256];
	rx.statement = regex_compile(statement_pattern, err, sizeof err);
	rx.difference = regex_compile(difference_pattern, err, sizeof err);
	if (!rx.statement || !rx.difference)
		return;
	rx.subj = regex_group(rx.statement, "subj");
	rx.b = regex_group(rx.statement, "b");
	rx.bu = regex_group(rx.statement, "bu");
	rx.f = regex_group(rx.statement, "f");
	rx.fu = regex_group(rx.statement, "fu");
	rx.p = regex_group(rx.statement, "p");
	rx.less = regex_group(rx.difference, "less");
	rx.more = regex_group(rx.difference, "more");
	rx.flat = regex_group(rx.difference, "flat");
	rx.why = regex_group(rx.difference, "why");
}

static yoy_amount amount_at(const char *s, size_t vb, size_t ve, size_t ub, size_t ue)
{
	yoy_amount a;
	if (yoy_amount_parse(&a, s + vb, ve - vb, yoy_unit_parse(s + ub, ue - ub)) != 0)
		memset(&a, 0, sizeof a);
	return a;
}

/* What follows the statement about its difference, from s[at..end). */
static void read_difference(execution_statement *out, const char *s, size_t at, size_t end)
{
	yoy_match *m = match_new(rx.difference);
	if (!m)
		return;
	size_t b, e;
	if (regex_search(rx.difference, m, s, end, at) == 1 && match_group(m, 0, &b, &e) &&
	    b == at) {
		out->direction = match_group(m, rx.less, &b, &e) ? YOY_DIR_DECREASE
				 : match_group(m, rx.more, &b, &e) ? YOY_DIR_INCREASE
								    : YOY_DIR_FLAT;
		if (match_group(m, rx.why, &out->why_b, &out->why_e)) {
			while (out->why_b < out->why_e && (s[out->why_b] == ' '))
				out->why_b++;
		}
	}
	match_free(m);
}

int execution_find(execution_statement *out, const char *s, size_t from, size_t to,
		   size_t para_end)
{
	/* most documents are budgets: no pattern compiled for them */
	if (!span_has(s + from, to - from, "决算"))
		return 0;
	pthread_once(&rx_once, rx_init);
	if (!rx.statement || !rx.difference)
		return YOY_EINTERNAL;
	yoy_match *m = match_new(rx.statement);
	if (!m)
		return YOY_ENOMEM;
	int found = 0;
	size_t start = from;
	while (!found) {
		if (regex_search(rx.statement, m, s, to, start) != 1)
			break;
		size_t b, e, vb, ve, ub, ue;
		match_group(m, 0, &b, &e);
		memset(out, 0, sizeof *out);
		out->b = b;
		out->e = e;
		match_group(m, rx.subj, &out->subj_b, &out->subj_e);
		if (match_group(m, rx.b, &vb, &ve) && match_group(m, rx.bu, &ub, &ue))
			out->budget = amount_at(s, vb, ve, ub, ue);
		if (match_group(m, rx.f, &vb, &ve) && match_group(m, rx.fu, &ub, &ue))
			out->final = amount_at(s, vb, ve, ub, ue);
		if (match_group(m, rx.p, &vb, &ve) &&
		    yoy_decimal_parse(&out->rate, s + vb, ve - vb) == 0)
			out->has_rate = true;
		/* a 决算 figure alone is an ordinary figure: this one states
		 * the budget or the rate of execution too */
		found = out->final.present && (out->budget.present || out->has_rate);
		start = e > start ? e : start + 1;
	}
	match_free(m);
	if (found) {
		/* the difference is said in the sentence after it */
		size_t at = out->e;
		if (at < para_end && span_eq(s + at, para_end - at >= 3 ? 3 : 0, "。"))
			at += 3;
		read_difference(out, s, at, para_end);
	}
	return found;
}
