/* Across years: each stated change against what last year's disclosure
 * published, and the changes nobody explains. */
#include <stdio.h>
#include <string.h>

#include "check_rules.h"
#include "util/i18n.h"
#include "match.h"
#include "yoy/diff.h"

#define DEFAULT_MIN_CHANGE (100LL * 1000000) /* 100 万元 in fen */
#define DEFAULT_MIN_PERCENT 1000             /* 10.00% */

/* The text says last year's figure was restated: 同口径 or 口径 in the
 * sentence, or 调整 in the base itself ("比调整后的上年预算").  A reason
 * such as "项目调整" explains the change, not the base. */
static bool says_restated(const yoy_claim *c)
{
	if (c->basis == YOY_BASIS_COMPARABLE)
		return true;
	if (c->base && (strstr(c->base, "口径") || strstr(c->base, "调整")))
		return true;
	const char *texts[] = { c->text, c->reason };
	for (size_t i = 0; i < 2; i++)
		if (texts[i] && strstr(texts[i], "口径"))
			return true;
	return false;
}

/* The table the claim's figure is printed in: its metric, or the same
 * code in another table (all funds, 财政拨款) when the stated figure is
 * that table's and not the metric's. */
static const char *effective_metric(checker *k, const yoy_claim *c)
{
	cell_ref r = metric_cell(k->doc, c->metric);
	if (!c->current.present || (r.found && r.value.present &&
				    judge_equal(r.value, fig_of(&c->current)) != YOY_VERDICT_MISMATCH))
		return c->metric;
	const char *code = strstr(c->metric, "/code:");
	if (!code)
		return c->metric;
	char cd[16], col[32] = "total";
	if (sscanf(code, "/code:%15[0-9]/%31s", cd, col) < 1)
		return c->metric;
	static const char *const tables[] = { "general_expenditure", "fiscal_expenditure",
					      "expenditure", "summary", "income" };
	for (size_t i = 0; i < sizeof tables / sizeof *tables; i++) {
		const char *m = afmt(k->ar, "%s/code:%s/%s", tables[i], cd, col);
		cell_ref a = metric_cell(k->doc, m);
		if (a.found && a.value.present &&
		    judge_equal(a.value, fig_of(&c->current)) != YOY_VERDICT_MISMATCH)
			return m;
	}
	return c->metric;
}

/* Below this a restated base is immaterial (0.1万元), as is one under
 * 0.01% of last year's figure. */
#define MATERIAL_FEN ((int64_t)100000)

/* Does the claim compare with the prior year's budget, as published? */
static bool against_prior(const yoy_claim *c, int prior_year)
{
	if (c->basis == YOY_BASIS_EXECUTION)
		return false;
	return c->base_year == prior_year || (c->base && strstr(c->base, "上年"));
}

/* "执行数" and other bases a budget disclosure does not publish: the
 * change cannot be checked against last year (info). */
static void unpublished_base(checker *k, yoy_finding *f, const yoy_claim *c)
{
	if (c->basis != YOY_BASIS_EXECUTION || (c->flags & YOY_CLAIM_IN_REASON))
		return;
	f->rule = "prior.base";
	f->verdict = YOY_VERDICT_UNVERIFIABLE;
	f->severity = YOY_SEV_INFO;
	f->message = afmt(k->ar, _("%s: compared with %s, which last year's budget disclosure "
				 "does not publish"),
			  c->subject ? c->subject : "?", c->base ? c->base : "?");
	add_finding(k, f);
}

/* Last year's figure for the code from another table (all funds against
 * 财政拨款): the one the department compared with, when one matches. */
static yoy_verdict other_table_base(checker *k, const char *metric, figure base, cell_ref *then)
{
	char cd[16], col[32] = "total";
	static const char *const tables[] = { "general_expenditure", "fiscal_expenditure",
					      "expenditure", "summary", "income" };
	if (sscanf(strstr(metric, "/code:"), "/code:%15[0-9]/%31s", cd, col) < 1)
		return YOY_VERDICT_MISMATCH;
	for (size_t t = 0; t < sizeof tables / sizeof *tables; t++) {
		cell_ref alt = metric_cell(k->o->prior,
					   afmt(k->ar, "%s/code:%s/%s", tables[t], cd, col));
		yoy_verdict v;
		if (alt.found && alt.value.present &&
		    (v = judge_sum(alt.value, base)) != YOY_VERDICT_MISMATCH) {
			*then = alt;
			return v;
		}
	}
	return YOY_VERDICT_MISMATCH;
}

/* The base a change implies (current - change) against last year's
 * published figure: a restated base is a warning, or info when the text
 * says so. */
static void implied_base(checker *k, yoy_finding *f, const yoy_claim *c, const char *metric,
			 figure cur, figure delta, figure base, cell_ref *then)
{
	int prior_year = k->o->prior->year;
	f->rule = "prior.base";
	f->verdict = judge_sum(then->value, base);
	if (f->verdict == YOY_VERDICT_MISMATCH && strstr(metric, "/code:"))
		f->verdict = other_table_base(k, metric, base, then);
	if (then->row) {
		f->prior_at = then->row->at;
		f->prior_file = source_of(k->o->prior, then->row->at);
	}
	f->stated = fig_text(k->ar, base);
	f->computed = fig_text(k->ar, then->value);
	f->envelope = afmt(k->ar, "±%s", fen_text(k->ar, then->value.half + base.half, then->value));
	if (f->verdict == YOY_VERDICT_MISMATCH) {
		bool explained = says_restated(c);
		int64_t gap = then->value.fen - base.fen, mag = then->value.fen;
		gap = gap < 0 ? -gap : gap;
		mag = mag < 0 ? -mag : mag;
		/* a base restated by less than 0.1万元 or 0.01% is not worth a
		 * question (README: materiality) */
		bool immaterial = gap <= MATERIAL_FEN || gap * 10000 <= mag;
		f->severity = explained || immaterial ? YOY_SEV_INFO : YOY_SEV_WARNING;
		const char *implied = c->delta.present
			? afmt(k->ar, _("the base implied by the change (%s %s %s)"), fig_text(k->ar, cur),
			       c->direction == YOY_DIR_DECREASE ? "+" : "-", fig_text(k->ar, delta))
			: afmt(k->ar, _("last year's figure, said to be the same (%s)"),
			       fig_text(k->ar, cur));
		f->message = afmt(k->ar, _("%s: %s is not what the %d disclosure published%s"),
				  c->subject ? c->subject : "?", implied, prior_year,
				  explained ? _("; restated, as the text says (同口径/口径/调整)")
				  : immaterial ? _("; restated by less than 0.1万元 or 0.01% (immaterial)")
					       : _("; restated without saying so"));
	} else {
		f->severity = severity_of(f->verdict, YOY_SEV_ERROR);
		f->message = afmt(k->ar, _("%s: the base implied by the change against the %d "
					 "disclosure"), c->subject ? c->subject : "?", prior_year);
	}
	add_finding(k, f);
}

/* The direction the figures moved, for a change stated without an amount
 * ("与上年预算数相等"); with an amount the base says it all, and a
 * restated base may turn the direction. */
static bool moved_direction(checker *k, const yoy_finding *f, const yoy_claim *c, figure cur,
			    figure then)
{
	figure actual = fig_sum(cur, fig_neg(then));
	int moved = actual.fen - actual.half > 0 ? 1 : actual.fen + actual.half < 0 ? -1 : 0;
	int said = c->direction == YOY_DIR_INCREASE ? 1 : c->direction == YOY_DIR_DECREASE ? -1 : 0;
	if (moved == said)
		return false;
	yoy_finding d = *f;
	d.rule = "prior.direction";
	d.verdict = YOY_VERDICT_MISMATCH;
	d.severity = YOY_SEV_ERROR;
	d.stated = c->direction_word ? c->direction_word : "?";
	d.computed = afmt(k->ar, "%s%s", actual.fen > 0 ? "+" : "", fig_text(k->ar, actual));
	d.envelope = NULL;
	d.message = afmt(k->ar, _("%s: said to %s, but from %s (%d) to %s it %s"),
			 c->subject ? c->subject : "?",
			 said > 0 ? _("rise") : said < 0 ? _("fall") : _("stay the same"),
			 fig_text(k->ar, then), k->o->prior->year, fig_text(k->ar, cur),
			 moved > 0 ? _("rose") : moved < 0 ? _("fell") : _("did not move"));
	add_finding(k, &d);
	return true;
}

/* A change stated as a percent only ("比上年压缩10%") against the change
 * from last year's published figure. */
static void prior_percent(checker *k, yoy_finding *f, const yoy_claim *c, figure cur,
			  cell_ref then)
{
	figure moved = fig_sum(cur, fig_neg(then.value));
	int said = c->direction == YOY_DIR_INCREASE ? 1 : -1;
	if ((said > 0 && moved.fen < 0) || (said < 0 && moved.fen > 0))
		moved.fen = -moved.fen; /* judged on its size; the direction below */
	else if (moved.fen < 0)
		moved.fen = -moved.fen;
	int64_t lo, hi, point;
	f->rule = "prior.percent";
	f->verdict = judge_percent(&c->percent, moved, then.value, &lo, &hi, &point);
	bool wrong_way = (said > 0) != (cur.fen > then.value.fen) && cur.fen != then.value.fen;
	if (wrong_way)
		f->verdict = YOY_VERDICT_MISMATCH;
	f->severity = severity_of(f->verdict, YOY_SEV_ERROR);
	char pct[32];
	yoy_decimal_format(pct, sizeof pct, &c->percent);
	f->stated = afmt(k->ar, "%s%%", pct);
	f->computed = f->verdict == YOY_VERDICT_UNVERIFIABLE ? NULL : pct4_text(k->ar, point);
	if (f->verdict == YOY_VERDICT_ROUNDING || f->verdict == YOY_VERDICT_MISMATCH)
		f->envelope = afmt(k->ar, "%s – %s", pct4_text(k->ar, lo), pct4_text(k->ar, hi));
	if (then.row) {
		f->prior_at = then.row->at;
		f->prior_file = source_of(k->o->prior, then.row->at);
	}
	f->message = afmt(k->ar, _("%s: %s %s%%, from %s (%d) to %s"), c->subject ? c->subject : "?",
			  c->direction_word ? c->direction_word : "?", pct, fig_text(k->ar, then.value),
			  k->o->prior->year, fig_text(k->ar, cur));
	add_finding(k, f);
}

/* A stated change against last year's disclosure: the base it implies,
 * and for a change without an amount the direction. */
static void stated_change(checker *k, size_t i)
{
	const yoy_doc *doc = k->doc, *prior = k->o->prior;
	const yoy_claim *c = &doc->claims[i];
	if (c->kind != YOY_CLAIM_CHANGE || !c->metric ||
	    (c->direction != YOY_DIR_INCREASE && c->direction != YOY_DIR_DECREASE &&
	     c->direction != YOY_DIR_FLAT))
		return;
	yoy_finding f = { 0 };
	f.subject = c->subject;
	f.metric = c->metric;
	f.text = c->text;
	f.year = doc->year;
	f.at = c->at;
	f.file = source_of(doc, c->at);
	f.claim = (int)i;
	if (!against_prior(c, prior->year)) {
		unpublished_base(k, &f, c);
		return;
	}
	const char *metric = effective_metric(k, c);
	f.metric = metric;
	cell_ref now = metric_cell(doc, metric), then = metric_cell(prior, metric);
	if (!then.found || !then.value.present)
		return; /* last year's tables have no such line */
	figure cur = c->current.present ? fig_of(&c->current) : now.value;
	if (!c->current.present && (!now.found || !now.value.present))
		return;
	figure delta = { 0 };
	if (c->delta.present) {
		delta = fig_of(&c->delta);
	} else if (c->direction != YOY_DIR_FLAT) {
		/* "比上年压缩10%": a percent alone, against last year's figure */
		if (c->percent.present)
			prior_percent(k, &f, c, cur, then);
		return;
	}
	figure signed_delta = c->direction == YOY_DIR_DECREASE ? fig_neg(delta) : delta;
	figure base = fig_sum(cur, fig_neg(signed_delta));
	base.unit = then.value.unit;
	base.decimals = then.value.decimals;
	/* said once: a change said to be nil that was not is that finding
	 * alone, not also a restated base */
	if (!c->delta.present && !says_restated(c) && then.row) {
		f.prior_at = then.row->at;
		f.prior_file = source_of(prior, then.row->at);
		if (moved_direction(k, &f, c, cur, then.value))
			return;
	}
	implied_base(k, &f, c, metric, cur, delta, base, &then);
}

/* ---- unexplained changes ------------------------------------------------- */

static bool code_related(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	return strncmp(a, b, na < nb ? na : nb) == 0;
}

/* Does any claim speak of this line: by its code (or one above or below
 * it), or by its name in a subject or a reason? */
static bool mentioned(const yoy_doc *doc, const yoy_diff_table *dt, const yoy_diff_row *r)
{
	const char *name = yoy_diff_row_name(r);
	const char *code = r->code;
	const yoy_row *x = r->b ? r->b : r->a;
	char prefix[64];
	snprintf(prefix, sizeof prefix, "%s/", dt->name);
	for (size_t i = 0; i < doc->nclaims; i++) {
		const yoy_claim *c = &doc->claims[i];
		/* a change is explained by a statement of change (or a reason
		 * naming it), not by a statement of the figure alone */
		if (c->kind != YOY_CLAIM_CHANGE) {
			if (text_mentions(c->reason, name))
				return true;
			continue;
		}
		/* a fixed line ("三公", 机关运行经费) by its metric; a total is
		 * spoken of by any statement on its lines */
		if (x->key && !code && c->metric && str_starts(c->metric, prefix)) {
			if (r->level == 0)
				return true;
			char m[96];
			snprintf(m, sizeof m, "%s%s%s%s/", prefix, x->group ? x->group : "",
				 x->group ? "." : "", x->key);
			if (str_starts(c->metric, m))
				return true;
		}
		if (code && c->metric) {
			const char *m = strstr(c->metric, "code:");
			if (m) {
				char mc[16];
				size_t n = strcspn(m + 5, "/");
				if (n < sizeof mc) {
					memcpy(mc, m + 5, n);
					mc[n] = '\0';
					if (code_related(mc, code))
						return true;
				}
			}
		}
		if (text_mentions(c->subject, name) || text_mentions(c->reason, name) ||
		    text_mentions(c->text, name))
			return true;
	}
	return false;
}

/* A row that deserves an unexplained-change finding: a line below the
 * total that changed past the thresholds and that no statement names. */
static bool unexplained_row(const yoy_doc *doc, const yoy_diff_table *dt,
			    const yoy_diff_row *r)
{
	/* function codes below the total; of "三公" and 机关运行经费 their
	 * fixed lines (the breakdown by economic class of the latter is
	 * detail, not a statement's business) */
	const yoy_row *x = r->b ? r->b : r->a;
	bool item = dt->kind == YOY_TABLE_THREE_PUBLIC || dt->kind == YOY_TABLE_OPERATING_COSTS
			    ? x->key != NULL : r->level > 0;
	return r->reported && item && dt->ncolumns && r->status != YOY_DIFF_UNCHANGED &&
	       !mentioned(doc, dt, r);
}

/* A class whose whole change is carried by one of its items (a 类 with a
 * single 款 that moved, a 款 with a single 项): the change is asked once,
 * of the item, or is explained with it. */
static bool carried_by_item(const yoy_diff_table *dt, const yoy_diff_row *r)
{
	if (!r->code || !dt->ncolumns)
		return false;
	size_t n = strlen(r->code);
	for (size_t i = 0; i < dt->nrows; i++) {
		const yoy_diff_row *c = &dt->rows[i];
		if (c == r || !c->code || strlen(c->code) <= n || strncmp(c->code, r->code, n) != 0)
			continue;
		if (c->cells[0].change == r->cells[0].change && c->status != YOY_DIFF_UNCHANGED)
			return true;
	}
	return false;
}

static void unexplained(checker *k)
{
	const yoy_check_options *o = k->o;
	int64_t min_change = o->min_change_fen > 0 ? o->min_change_fen : DEFAULT_MIN_CHANGE;
	int64_t min_percent = o->min_percent > 0 ? o->min_percent : DEFAULT_MIN_PERCENT;
	/* the function-code table the narrative explains: 一般公共预算 if there
	 * is one, else all funds */
	yoy_table_kind kind = yoy_doc_table(k->doc, YOY_TABLE_GENERAL_EXPENDITURE) &&
					      yoy_doc_table(o->prior, YOY_TABLE_GENERAL_EXPENDITURE)
				      ? YOY_TABLE_GENERAL_EXPENDITURE : YOY_TABLE_EXPENDITURE;
	yoy_table_kind kinds[] = { kind, YOY_TABLE_THREE_PUBLIC, YOY_TABLE_OPERATING_COSTS };
	yoy_diff_options dopt = { .tables = kinds, .ntables = 3, .min_change_fen = min_change,
				  .min_percent = min_percent };
	yoy_diff *d;
	yoy_error err;
	if (yoy_diff_docs(&d, o->prior, k->doc, &dopt, &err)) {
		k->oom = true;
		return;
	}
	for (size_t t = 0; t < d->ntables; t++) {
		const yoy_diff_table *dt = &d->tables[t];
		for (size_t i = 0; i < dt->nrows; i++) {
			const yoy_diff_row *r = &dt->rows[i];
			const yoy_row *x = r->b ? r->b : r->a;
			if (!unexplained_row(k->doc, dt, r) || carried_by_item(dt, r))
				continue;
			const yoy_diff_cell *cell = &r->cells[0];
			figure like = { 0, 0, dt->unit, dt->decimals, true, false };
			yoy_finding f = { 0 };
			f.rule = "prior.unexplained";
			f.verdict = YOY_VERDICT_UNVERIFIABLE;
			f.severity = YOY_SEV_WARNING;
			f.subject = afmt(k->ar, "%s%s%s", r->code ? r->code : "", r->code ? " " : "",
					 yoy_diff_row_name(r));
			/* the line, for readers that want its figures (the report) */
			if (x->code)
				f.metric = afmt(k->ar, "%s/code:%s/%s", dt->name, x->code,
						dt->columns[0].key);
			else if (x->key)
				f.metric = afmt(k->ar, "%s/%s%s%s/%s", dt->name, x->group ? x->group : "",
						x->group ? "." : "", x->key, dt->columns[0].key);
			f.stated = afmt(k->ar, "%s → %s", fen_text(k->ar, cell->a, like),
					fen_text(k->ar, cell->b, like));
			char pct[32] = "";
			if (cell->has_percent) {
				size_t n = yoy_diff_format_percent(pct, sizeof pct, cell->percent, true);
				snprintf(pct + n, sizeof pct - n, "%%");
			}
			f.computed = afmt(k->ar, "%s%s%s%s", cell->change > 0 ? "+" : "",
					  fen_text(k->ar, cell->change, like), *pct ? " " : "", pct);
			f.message = afmt(k->ar, _("%s: %s %s (%s) and no statement explains it"),
					 kind_label(dt->kind), f.subject,
					 r->status == YOY_DIFF_ADDED ? _("is new")
					 : r->status == YOY_DIFF_REMOVED ? _("is gone")
					 : cell->change > 0 ? _("rose") : _("fell"),
					 f.computed);
			f.year = k->doc->year;
			f.at = r->b ? r->b->at : r->a->at;
			f.file = source_of(r->b ? k->doc : o->prior, f.at);
			if (r->a && r->b) {
				f.prior_at = r->a->at;
				f.prior_file = source_of(o->prior, r->a->at);
			}
			f.claim = -1;
			add_finding(k, &f);
		}
	}
	yoy_diff_free(d);
}

void check_years(checker *k)
{
	if (!k->o->prior)
		return;
	for (size_t i = 0; i < k->doc->nclaims; i++)
		stated_change(k, i);
	unexplained(k);
}
