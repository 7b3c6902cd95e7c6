/* Mutation test of yoy check: take the real documents, corrupt one stated
 * figure at a time — a narrative amount, a stated change, a percent, a
 * direction word, a table cell — and count how many corruptions the check
 * catches: a finding the unmodified document does not have that says a
 * figure is off -- an error or warning, or a note that still shows the
 * discrepancy (a truncated figure, a restated base below materiality, a
 * percent that holds only against another base).  Prints the rates and
 * the share of unverifiable findings; fails below the target overall.
 *
 * A corruption is a typo: one digit of the printed figure replaced by
 * another, at a position drawn by a fixed-seed generator, so every run
 * makes the same mutations.  Statements the check cannot verify in the
 * first place (a figure with no table cell behind it) are not mutated;
 * their number is printed. */
#include "testutil.h"

#include "audit/check_common.h"
#include "yoy/check.h"

#define TARGET_PERCENT 99
#define PER_KIND 24 /* mutations of each kind per document */

static uint64_t rng = 0x9E3779B97F4A7C15ULL;

static uint32_t next_random(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 11);
}

/* A finding that says a figure is off, at whatever severity. */
static bool flags_figure(const yoy_finding *f)
{
	return f->severity >= YOY_SEV_WARNING || f->verdict == YOY_VERDICT_MISMATCH ||
	       f->verdict == YOY_VERDICT_TRUNCATED || f->held_against;
}

/* A note that the figures differ by no more than their rounding allows:
 * shown to the reader, but not a finding that says anything is wrong. */
static bool within_rounding(const yoy_finding *f)
{
	return f->verdict == YOY_VERDICT_ROUNDING;
}

/* The key of each finding pred picks: what it is about and where. */
static void keys_of(const yoy_check *c, bool (*pred)(const yoy_finding *), char (*keys)[96],
		    size_t *n, size_t max)
{
	*n = 0;
	for (size_t i = 0; i < c->nfindings && *n < max; i++) {
		const yoy_finding *f = &c->findings[i];
		if (!pred(f))
			continue;
		snprintf(keys[(*n)++], 96, "%s@%d:%d:%d:%s", f->rule, f->at.page, f->at.line, f->claim,
			 f->subject ? f->subject : "");
	}
}

#define MAX_KEYS 512

typedef struct subject {
	const char *path, *prior_path;
	yoy_doc *doc, *prior;
	char keys[MAX_KEYS][96], rounding_keys[MAX_KEYS][96];
	size_t nkeys, nrounding_keys;
} subject;

static yoy_check *run_check(subject *s)
{
	yoy_check *c;
	yoy_error err;
	yoy_check_options o = { .prior = s->prior };
	if (yoy_check_doc(&c, s->doc, &o, &err))
		fail_msg("%s", err.message);
	return c;
}

/* A finding pred picks that the unmodified document does not have. */
static bool new_finding(subject *s, bool (*pred)(const yoy_finding *), char (*had)[96],
			size_t nhad)
{
	yoy_check *c = run_check(s);
	static char keys[MAX_KEYS][96];
	size_t n;
	keys_of(c, pred, keys, &n, MAX_KEYS);
	yoy_check_free(c);
	for (size_t i = 0; i < n; i++) {
		bool old = false;
		for (size_t j = 0; j < nhad && !old; j++)
			old = strcmp(keys[i], had[j]) == 0;
		if (!old)
			return true;
	}
	return n > nhad; /* the same finding twice */
}

/* Caught: a finding saying a figure is off that the unmodified document
 * does not have. */
static bool caught(subject *s)
{
	return new_finding(s, flags_figure, s->keys, s->nkeys);
}

/* One digit of the printed amount replaced: a typo.  Returns false when
 * the amount has no digit to change (it is then left alone). */
static bool typo(yoy_amount *a)
{
	char buf[48];
	size_t n = yoy_amount_format(buf, sizeof buf, a);
	size_t digits[48], nd = 0;
	for (size_t i = 0; i < n; i++)
		if (buf[i] >= '0' && buf[i] <= '9')
			digits[nd++] = i;
	if (!nd)
		return false;
	size_t at = digits[next_random() % nd];
	char d = buf[at];
	do {
		buf[at] = (char)('0' + next_random() % 10);
	} while (buf[at] == d || (at == 0 && buf[at] == '0' && n > 1 && buf[1] != '.'));
	yoy_amount m;
	if (yoy_amount_parse(&m, buf, n, (yoy_unit)a->unit) || !m.present)
		return false;
	m.decimals = a->decimals;
	*a = m;
	return true;
}

static bool typo_decimal(yoy_decimal *d)
{
	yoy_amount a = { d->scaled, d->decimals, YOY_UNIT_YUAN, 1 };
	/* as fen of 元 with the same digits */
	int64_t scale = 1;
	for (int i = d->decimals; i < 2; i++)
		scale *= 10;
	if (d->decimals > 2)
		return false;
	a.fen = d->scaled * scale;
	if (!typo(&a))
		return false;
	d->scaled = a.fen / scale;
	return true;
}

typedef struct tally {
	size_t tried, caught, skipped, rounding, undetectable;
} tally;

/* Whether some rule reads the figure, in the document as it is: the cell
 * its metric names exists */
static bool cell_exists(const yoy_doc *d, const char *metric)
{
	return metric && metric_cell(d, metric).found;
}

/* Whether a percent printed as p (p->decimals digits) is what
 * part / whole rounds to: |part/whole*100 - p| <= half a unit of its last
 * digit.  Integers only: part and whole in fen, below 10^13. */
static bool percent_rounds_to(int64_t part, int64_t whole, const yoy_decimal *p)
{
	if (whole <= 0 || part < 0)
		return false;
	int64_t unit = 1;
	for (int i = 0; i < p->decimals; i++)
		unit *= 10;
	/* 2*part*100*unit against (2*scaled -+ 1)*whole */
	__int128 lhs = (__int128)2 * part * 100 * unit;
	return lhs >= (__int128)(2 * p->scaled - 1) * whole &&
	       lhs <= (__int128)(2 * p->scaled + 1) * whole;
}

/* The oracle, our own arithmetic rather than the check's: whether the
 * mutated change c can be told from the truth by anything the document
 * (and last year's) prints.  It cannot when last year printed no figure
 * for it, no other sentence states it, its current figure is the table's
 * (or has no cell), and its percent still rounds to what is printed: a
 * typo no reader could find.  Such mutants are counted apart. */
static bool change_undetectable(const subject *s, const yoy_claim *c, const yoy_claim *orig)
{
	if (c->kind != YOY_CLAIM_CHANGE || !c->percent.present || !c->delta.present ||
	    (c->flags & YOY_CLAIM_TIMES))
		return false;
	if (s->prior && cell_exists(s->prior, c->metric))
		return false;
	cell_ref cell = metric_cell(s->doc, c->metric);
	if (cell.found && c->current.fen != orig->current.fen)
		return false; /* the current figure against its cell */
	for (size_t i = 0; i < s->doc->nclaims; i++) {
		const yoy_claim *o = &s->doc->claims[i];
		if (o == c || o->kind != YOY_CLAIM_CHANGE || !o->delta.present || !o->metric ||
		    !c->metric || strcmp(o->metric, c->metric) != 0)
			continue;
		if (c->basis != YOY_BASIS_COMPARABLE || o->basis == YOY_BASIS_COMPARABLE ||
		    !o->current.present)
			return false; /* a second statement of the change */
		/* "按与上年统计口径一致相比，本年比上年减少X": last year's figure
		 * is the other sentence's, this year's comparable one is not
		 * printed; the percent of last year's is all there is */
		int64_t last = o->direction == YOY_DIR_DECREASE ? o->current.fen + o->delta.fen
								 : o->current.fen - o->delta.fen;
		return percent_rounds_to(c->delta.fen, last, &c->percent);
	}
	int64_t current = c->current.present ? c->current.fen : cell.value.fen;
	if (!c->current.present && !cell.found)
		return true; /* nothing to compute the percent from */
	int64_t delta = c->delta.fen;
	bool up = c->direction != YOY_DIR_DECREASE;
	int64_t base = up ? current - delta : current + delta;
	return percent_rounds_to(delta, base, &c->percent);
}

/* YOY_MUTATION_VERBOSE=1 lists what was not caught. */
static void missed(const char *kind, const char *what, const yoy_amount *before,
		   const yoy_amount *after, const char *where)
{
	if (!getenv("YOY_MUTATION_VERBOSE"))
		return;
	char a[48] = "", b[48] = "";
	if (before)
		yoy_amount_format(a, sizeof a, before);
	if (after)
		yoy_amount_format(b, sizeof b, after);
	printf("    missed %s: %s %s -> %s  (%s)\n", kind, what ? what : "?", a, b,
	       where ? where : "");
}

/* Try the mutation now in place; count it. */
static bool try_mutation(subject *s, tally *t, const char *kind, const char *what,
			 const yoy_amount *before, const yoy_amount *after, const char *where)
{
	t->tried++;
	bool got = caught(s);
	t->caught += got;
	if (!got && new_finding(s, within_rounding, s->rounding_keys, s->nrounding_keys)) {
		t->rounding++; /* within what the printed rounding allows */
		missed("(within rounding)", what, before, after, where);
	} else if (!got) {
		missed(kind, what, before, after, where);
	}
	return got;
}

static size_t false_alarms;

/* A mutation of claim c (saved: as printed): tried, or, when the oracle
 * finds it undetectable, counted apart -- and a finding on it then is a
 * false alarm, the claim being as true as before. */
static void try_claim_mutation(subject *s, tally *t, const yoy_claim *c, const yoy_claim *saved,
			       const char *kind, const yoy_amount *before, const yoy_amount *after)
{
	if (!change_undetectable(s, c, saved)) {
		try_mutation(s, t, kind, c->subject, before, after, c->text);
		return;
	}
	t->undetectable++;
	if (caught(s)) {
		false_alarms++;
		printf("    false alarm on an undetectable %s: %s\n", kind, c->text);
	}
}

enum { K_AMOUNT, K_DELTA, K_PERCENT, K_DIRECTION, K_CELL, K_COUNT };
static const char *const kind_names[] = { "narrative amount", "stated change",
					  "percent", "direction word", "table cell" };

/* A claim the unmodified check already finds wrong: a typo in it cannot
 * make it more wrong in a way worth counting. */
static bool already_wrong(const subject *s, size_t claim)
{
	char prefix[32];
	snprintf(prefix, sizeof prefix, ":%zu:", claim);
	for (size_t i = 0; i < s->nkeys; i++)
		if (strstr(s->keys[i], prefix))
			return true;
	return false;
}


/* the change: its percent, its stated base, last year's figure, or a
 * second statement of it */
static bool change_read(const subject *s, const yoy_claim *c)
{
	if (c->percent.present || c->base_value.present)
		return true;
	if (s->prior && cell_exists(s->prior, c->metric) &&
	    (c->basis != YOY_BASIS_EXECUTION))
		return true;
	for (size_t i = 0; i < s->doc->nclaims; i++) {
		const yoy_claim *o = &s->doc->claims[i];
		if (o != c && o->kind == YOY_CLAIM_CHANGE && o->delta.present && o->metric &&
		    c->metric && strcmp(o->metric, c->metric) == 0)
			return true;
	}
	return false;
}

/* the percent: the figures it is a percent of */
static bool percent_read(const yoy_claim *c)
{
	if (c->kind == YOY_CLAIM_CHANGE)
		return c->delta.present || c->base_value.present;
	return c->share.present && (c->whole_value.present || c->whole_metric);
}

static void mutate_claims(subject *s, tally *t)
{
	yoy_doc *d = s->doc;
	size_t done[K_COUNT] = { 0 };
	/* visit claims in a shuffled order so the per-kind cap spreads out */
	size_t n = d->nclaims;
	size_t *order = malloc((n + 1) * sizeof *order);
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	for (size_t i = n; i > 1; i--) {
		size_t j = next_random() % i, x = order[i - 1];
		order[i - 1] = order[j];
		order[j] = x;
	}
	for (size_t k = 0; k < n; k++) {
		yoy_claim *c = &d->claims[order[k]];
		yoy_claim saved = *c;
		if (already_wrong(s, order[k]))
			continue;
		/* a stated figure that some rule reads: its cell, a change, a share */
		bool checked = cell_exists(d, c->metric) ||
			       (c->kind == YOY_CLAIM_CHANGE && c->percent.present) ||
			       (c->share.present && percent_read(c));
		if (c->current.present && done[K_AMOUNT] < PER_KIND) {
			if (!checked) {
				t[K_AMOUNT].skipped++;
			} else if (typo(&c->current)) {
				try_claim_mutation(s, &t[K_AMOUNT], c, &saved, "amount",
						   &saved.current, &c->current);
				done[K_AMOUNT]++;
			}
			*c = saved;
		}
		bool reads_change = c->kind == YOY_CLAIM_CHANGE && change_read(s, c);
		if (c->kind == YOY_CLAIM_CHANGE && c->delta.present && !reads_change)
			t[K_DELTA].skipped++;
		else if (c->kind == YOY_CLAIM_CHANGE && c->delta.present && done[K_DELTA] < PER_KIND &&
		    typo(&c->delta)) {
			try_claim_mutation(s, &t[K_DELTA], c, &saved, "change", &saved.delta,
					   &c->delta);
			done[K_DELTA]++;
			*c = saved;
		}
		yoy_decimal *p = c->percent.present ? &c->percent
				 : c->share.present ? &c->share : NULL;
		if (p && !percent_read(c))
			t[K_PERCENT].skipped++;
		else if (p && done[K_PERCENT] < PER_KIND && typo_decimal(p)) {
			yoy_decimal was = p == &c->percent ? saved.percent : saved.share;
			yoy_amount pb = { was.scaled, was.decimals, YOY_UNIT_YUAN, 1 },
				   pa = { p->scaled, p->decimals, YOY_UNIT_YUAN, 1 };
			for (int z = was.decimals; z < 2; z++)
				pb.fen *= 10;
			for (int z = p->decimals; z < 2; z++)
				pa.fen *= 10;
			try_mutation(s, &t[K_PERCENT], "percent", c->subject, &pb, &pa, c->text);
			done[K_PERCENT]++;
			*c = saved;
		}
		bool flips = (c->direction == YOY_DIR_INCREASE || c->direction == YOY_DIR_DECREASE) &&
			     c->delta.present && c->delta.fen != 0;
		if (c->kind == YOY_CLAIM_CHANGE && flips && !reads_change)
			t[K_DIRECTION].skipped++;
		else if (c->kind == YOY_CLAIM_CHANGE && done[K_DIRECTION] < PER_KIND && flips) {
			c->direction = c->direction == YOY_DIR_INCREASE ? YOY_DIR_DECREASE
									: YOY_DIR_INCREASE;
			try_claim_mutation(s, &t[K_DIRECTION], c, &saved, "direction", NULL, NULL);
			done[K_DIRECTION]++;
			*c = saved;
		}
	}
	free(order);
}

static void mutate_cells(subject *s, tally *t)
{
	yoy_doc *d = s->doc;
	size_t cells = 0;
	for (size_t i = 0; i < d->ntables; i++)
		for (size_t r = 0; r < d->tables[i].nrows; r++)
			for (size_t c = 0; c < d->tables[i].ncolumns; c++)
				cells += d->tables[i].rows[r].values[c].present &&
					 d->tables[i].rows[r].values[c].fen != 0;
	for (size_t done = 0, guard = 0; done < PER_KIND && cells && guard < 10000; guard++) {
		size_t pick = next_random() % cells, seen = 0;
		for (size_t i = 0; i < d->ntables; i++)
			for (size_t r = 0; r < d->tables[i].nrows; r++)
				for (size_t c = 0; c < d->tables[i].ncolumns; c++) {
					yoy_amount *a = &d->tables[i].rows[r].values[c];
					if (!a->present || a->fen == 0 || seen++ != pick)
						continue;
					yoy_amount saved = *a;
					if (typo(a)) {
						char where[160];
						snprintf(where, sizeof where, "%s %s %s",
							 yoy_table_kind_name(d->tables[i].kind),
							 d->tables[i].rows[r].code
								 ? d->tables[i].rows[r].code : "",
							 d->tables[i].columns[c].key);
						try_mutation(s, &t[K_CELL], "cell",
							     d->tables[i].rows[r].name, &saved, a, where);
						done++;
					}
					*a = saved;
				}
	}
}

static void test_mutations_are_caught(void **state)
{
	(void)state;
	static subject subjects[] = {
		{ .path = LVLIANG, .prior_path = NULL },
		{ .path = "data/jiangsu-high-court/2017-budget.pdf", .prior_path = NULL },
		{ .path = "data/jiangsu-high-court/2018-budget.pdf", .prior_path = "data/jiangsu-high-court/2017-budget.pdf" },
		{ .path = "data/jiangsu-high-court/2019-budget.pdf", .prior_path = "data/jiangsu-high-court/2018-budget.pdf" },
		{ .path = "data/jiangsu-procuratorate/2017-budget.pdf", .prior_path = NULL },
		{ .path = "data/jiangsu-procuratorate/2018-budget.pdf", .prior_path = "data/jiangsu-procuratorate/2017-budget.pdf" },
		{ .path = "data/jiangsu-procuratorate/2019-budget.pdf", .prior_path = "data/jiangsu-procuratorate/2018-budget.pdf" },
		{ .path = "data/shanghai-putuo-wanli/2023-budget.pdf", .prior_path = NULL },
		{ .path = "data/shanghai-putuo-wanli/2024-budget.pdf", .prior_path = "data/shanghai-putuo-wanli/2023-budget.pdf" },
		{ .path = "data/shanghai-putuo-wanli/2025-budget.pdf", .prior_path = "data/shanghai-putuo-wanli/2024-budget.pdf" },
	};
	tally t[K_COUNT] = { { 0 } };
	size_t findings = 0, unverifiable = 0;
	for (size_t i = 0; i < sizeof subjects / sizeof *subjects; i++) {
		subject *s = &subjects[i];
		s->doc = parse_ok(s->path);
		s->prior = s->prior_path ? parse_ok(s->prior_path) : NULL;
		yoy_check *c = run_check(s);
		keys_of(c, flags_figure, s->keys, &s->nkeys, MAX_KEYS);
		keys_of(c, within_rounding, s->rounding_keys, &s->nrounding_keys, MAX_KEYS);
		findings += c->nfindings;
		for (size_t k = 0; k < c->nfindings; k++)
			unverifiable += c->findings[k].verdict == YOY_VERDICT_UNVERIFIABLE;
		yoy_check_free(c);
		tally before[K_COUNT];
		memcpy(before, t, sizeof before);
		mutate_claims(s, t);
		mutate_cells(s, t);
		size_t tried = 0, got = 0;
		for (int k = 0; k < K_COUNT; k++) {
			tried += t[k].tried - before[k].tried;
			got += t[k].caught - before[k].caught;
		}
		printf("  %-48s %4zu mutations, %4zu caught\n", s->path + 5, tried, got);
		yoy_doc_free(s->doc);
		yoy_doc_free(s->prior);
	}
	size_t tried = 0, got = 0, rounding = 0, undetectable = 0;
	printf("  %-20s %6s %7s %6s   %s\n", "mutation", "tried", "caught", "rate",
	       "undetectable; not mutated");
	for (int k = 0; k < K_COUNT; k++) {
		tried += t[k].tried;
		got += t[k].caught;
		rounding += t[k].rounding;
		undetectable += t[k].undetectable;
		printf("  %-20s %6zu %7zu %5.1f%%   %zu; %zu (nothing to check them by)\n",
		       kind_names[k], t[k].tried, t[k].caught,
		       t[k].tried ? 100.0 * t[k].caught / t[k].tried : 0.0, t[k].undetectable,
		       t[k].skipped);
	}
	double rate = tried ? 100.0 * got / tried : 0;
	printf("  %-20s %6zu %7zu %5.1f%%   (target >= %d%% of >= 500)\n", "all", tried, got, rate,
	       TARGET_PERCENT);
	printf("  missed, but shown as within rounding (the printed figures allow it): %zu; "
	       "missed outright: %zu\n",
	       rounding, tried - got - rounding);
	printf("  undetectable, not tried: %zu (a changed amount or direction whose percent "
	       "still rounds to the printed one, with no figure of last year's to tell); "
	       "false alarms on them: %zu\n",
	       undetectable, false_alarms);
	assert_int_equal(false_alarms, 0);
	printf("  unverifiable: %zu of the %zu findings on the unmodified documents (%.1f%%)\n",
	       unverifiable, findings, findings ? 100.0 * unverifiable / findings : 0.0);
	assert_true(tried >= 500);
	if (got * 100 < tried * TARGET_PERCENT)
		fail_msg("yoy check caught %zu of %zu mutations (%.1f%%), below %d%%", got, tried,
			 rate, TARGET_PERCENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mutations_are_caught),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
