/* Internal: pairing the rows of one year with those of another.
 *
 * Names drift between years: full- and half-width forms, brackets, spaces,
 * a leading year ("2023年…补助资金" / "2024年…补助资金"), typos (工作经历 /
 * 工作经费), and the same name printed twice.  match_normalize_name folds
 * the first kinds away; match_pair then pairs items by alias, by exact key
 * (duplicates by nearest amount), and optionally by name similarity. */
#ifndef YOY_MATCH_H
#define YOY_MATCH_H

#include <stddef.h>
#include <stdint.h>

#include "util/util.h"

/* Append name normalized for matching to out: full-width ASCII folded,
 * blanks removed, every bracket made "(" or ")", a leading year ("2023年",
 * "2023年度", "2023") dropped, trailing punctuation dropped. */
void match_normalize_name(sbuf *out, const char *name);

/* Similarity of two names, 0..100: 100 less the edit distance (in code
 * points) as a percentage of the longer name.  Identical names score 100;
 * "工作经历" and "工作经费" score 75. */
int match_similarity(const char *a, const char *b);

/* One side's item. */
typedef struct match_item {
	const char *key;   /* exact-match key; NULL matches nothing exactly */
	const char *name;  /* normalized name for similarity; NULL: none */
	const char *alias; /* key of its alias class (aliases file); NULL */
	int64_t amount;    /* pairs duplicates of one key */
} match_item;

typedef enum match_how {
	MATCH_NONE = 0,
	MATCH_ALIAS,   /* the aliases file says they are one */
	MATCH_EXACT,   /* same key */
	MATCH_SIMILAR  /* names alike (score >= the minimum) */
} match_how;

/* Pair a[] with b[].  Passes, each on what is still unpaired: alias classes;
 * equal keys (when one key has several items on a side, equal amounts pair
 * first, then the nearest amounts, earlier items first on ties); with
 * min_score > 0, similar names, most similar first.  b_of_a[i] gets the
 * index into b paired with a[i] or SIZE_MAX, how[i] and score[i] how
 * (score 100 unless MATCH_SIMILAR).  Returns 0 or YOY_ENOMEM. */
int match_pair(const match_item *a, size_t na, const match_item *b, size_t nb,
	       int min_score, size_t *b_of_a, match_how *how, int *score);

#endif
