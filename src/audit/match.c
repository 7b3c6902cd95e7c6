/* Pairing rows across years: name normalization, similarity, pairing. */
#include "match.h"

#include <stdlib.h>
#include <string.h>

#include "yoy/error.h"

static uint32_t fold(uint32_t cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		cp -= 0xFEE0; /* full-width ASCII */
	switch (cp) {
	case '[': case 0x3010: case 0x3014: case 0x3016: case 0xFF08: case 0xFF3B:
		return '(';
	case ']': case 0x3011: case 0x3015: case 0x3017: case 0xFF09: case 0xFF3D:
		return ')';
	case 0x201C: case 0x201D: case 0x2018: case 0x2019: case 0x300C: case 0x300D:
	case '\'':
		return '"';
	case 0x2014: case 0x2013: case 0x2212:
		return '-';
	default:
		return cp;
	}
}

static bool trailing_punct(uint32_t cp)
{
	return cp == 0x3002 || cp == 0xFF0C || cp == 0xFF1B || cp == 0x3001 || cp == '.' ||
	       cp == ',' || cp == ';' || cp == ':' || cp == 0xFF1A;
}

void match_normalize_name(sbuf *out, const char *name)
{
	if (!name)
		return;
	size_t len = strlen(name), i = 0;
	uint32_t *cps = malloc((len + 1) * sizeof *cps);
	if (!cps) {
		out->oom = true;
		return;
	}
	size_t n = 0;
	while (i < len) {
		size_t adv;
		uint32_t cp = utf8_decode(name + i, len - i, &adv);
		i += adv;
		if (is_blank_cp(cp) || cp == '\t' || cp == 0x200B)
			continue;
		cps[n++] = fold(cp);
	}
	/* a leading year: "2023年", "2023年度", or "2023" before more text */
	size_t start = 0;
	if (n > 4 && (cps[0] == '1' || cps[0] == '2') && cps[1] >= '0' && cps[1] <= '9' &&
	    cps[2] >= '0' && cps[2] <= '9' && cps[3] >= '0' && cps[3] <= '9' &&
	    !(cps[4] >= '0' && cps[4] <= '9')) {
		start = 4;
		if (cps[start] == 0x5E74) { /* 年 */
			start++;
			if (start < n && cps[start] == 0x5EA6) /* 度 */
				start++;
		}
		if (start >= n)
			start = 0; /* nothing but a year: keep it */
	}
	while (n > start && trailing_punct(cps[n - 1]))
		n--;
	for (size_t k = start; k < n; k++) {
		char enc[4];
		sbuf_put(out, enc, utf8_encode(cps[k], enc));
	}
	free(cps);
}

/* Code points of s into a heap array; *n gets the count. */
static uint32_t *code_points(const char *s, size_t *n)
{
	size_t len = strlen(s), i = 0;
	uint32_t *v = malloc((len + 1) * sizeof *v);
	*n = 0;
	if (!v)
		return NULL;
	while (i < len) {
		size_t adv;
		v[(*n)++] = utf8_decode(s + i, len - i, &adv);
		i += adv;
	}
	return v;
}

int match_similarity(const char *a, const char *b)
{
	if (strcmp(a, b) == 0)
		return 100;
	size_t na, nb;
	uint32_t *x = code_points(a, &na), *y = code_points(b, &nb);
	size_t *row = malloc((nb + 1) * sizeof *row);
	int score = 0;
	if (x && y && row && (na || nb)) {
		/* Levenshtein distance, one row at a time */
		for (size_t j = 0; j <= nb; j++)
			row[j] = j;
		for (size_t i = 1; i <= na; i++) {
			size_t diag = row[0];
			row[0] = i;
			for (size_t j = 1; j <= nb; j++) {
				size_t up = row[j];
				size_t best = diag + (x[i - 1] != y[j - 1]);
				if (up + 1 < best)
					best = up + 1;
				if (row[j - 1] + 1 < best)
					best = row[j - 1] + 1;
				row[j] = best;
				diag = up;
			}
		}
		size_t longer = na > nb ? na : nb;
		score = (int)(100 - (row[nb] * 100 + longer - 1) / longer);
		if (score < 0)
			score = 0;
	}
	free(x);
	free(y);
	free(row);
	return score;
}

typedef struct candidate {
	size_t a, b;
	int score;
} candidate;

static int by_score(const void *p, const void *q)
{
	const candidate *x = p, *y = q;
	if (x->score != y->score)
		return y->score - x->score;
	if (x->a != y->a)
		return x->a < y->a ? -1 : 1;
	return (x->b > y->b) - (x->b < y->b);
}

static int64_t distance(int64_t x, int64_t y)
{
	return x > y ? x - y : y - x;
}

int match_pair(const match_item *a, size_t na, const match_item *b, size_t nb,
	       int min_score, size_t *b_of_a, match_how *how, int *score)
{
	bool *taken = calloc(nb ? nb : 1, sizeof *taken);
	if (!taken)
		return YOY_ENOMEM;
	for (size_t i = 0; i < na; i++) {
		b_of_a[i] = SIZE_MAX;
		how[i] = MATCH_NONE;
		score[i] = 0;
	}
#define PAIR(i, j, h, s) (b_of_a[i] = (j), taken[j] = true, how[i] = (h), score[i] = (s))
	/* the aliases file first: it overrides everything */
	for (size_t i = 0; i < na; i++)
		for (size_t j = 0; a[i].alias && j < nb; j++)
			if (!taken[j] && b[j].alias && strcmp(a[i].alias, b[j].alias) == 0) {
				PAIR(i, j, MATCH_ALIAS, 100);
				break;
			}
	/* equal keys with equal amounts, then the nearest amount */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < na; i++) {
			if (b_of_a[i] != SIZE_MAX || !a[i].key)
				continue;
			size_t best = SIZE_MAX;
			for (size_t j = 0; j < nb; j++) {
				if (taken[j] || !b[j].key || strcmp(a[i].key, b[j].key) != 0)
					continue;
				if (pass == 0 ? a[i].amount == b[j].amount
					      : best == SIZE_MAX ||
						distance(a[i].amount, b[j].amount) <
							distance(a[i].amount, b[best].amount)) {
					best = j;
					if (pass == 0)
						break;
				}
			}
			if (best != SIZE_MAX)
				PAIR(i, best, MATCH_EXACT, 100);
		}
	if (min_score <= 0) {
		free(taken);
		return 0;
	}
	/* similar names, most similar first */
	candidate *c = NULL;
	size_t nc = 0, cap = 0;
	int rc = 0;
	for (size_t i = 0; i < na && !rc; i++) {
		if (b_of_a[i] != SIZE_MAX || !a[i].name)
			continue;
		for (size_t j = 0; j < nb; j++) {
			if (taken[j] || !b[j].name)
				continue;
			int s = match_similarity(a[i].name, b[j].name);
			if (s < min_score)
				continue;
			candidate cand = { i, j, s };
			if (!VEC_PUSH(c, nc, cap, cand)) {
				rc = YOY_ENOMEM;
				break;
			}
		}
	}
	if (!rc && nc) {
		qsort(c, nc, sizeof *c, by_score);
		for (size_t k = 0; k < nc; k++)
			if (b_of_a[c[k].a] == SIZE_MAX && !taken[c[k].b])
				PAIR(c[k].a, c[k].b, MATCH_SIMILAR, c[k].score);
	}
#undef PAIR
	free(c);
	free(taken);
	return rc;
}
