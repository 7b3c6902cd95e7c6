/* Twin lines at a page break (overflow.h).  A line is a run of glyphs in
 * one vertical band; two lines are twins when they hold the same
 * characters at the same horizontal positions.  A run of twins that ends
 * one page and starts the next, each pair the same distance apart, is
 * what a word processor's clipped overflow leaves.  May call util and
 * layout.h only. */
#include "overflow.h"
#include "yoy/error.h"

#include <math.h>
#include <stdlib.h>

#include "util/util.h"

typedef struct row {
	size_t first, n;
	glyph box;
} row;

/* The lines of g (sorted here), page numbers left out.  *out malloc'd. */
static int rows_of(glyph *g, size_t ng, row **out, size_t *nrows)
{
	*out = NULL;
	*nrows = 0;
	qsort(g, ng, sizeof *g, glyph_by_y_then_x);
	row *rows = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < ng; i++) {
		row *cur = n ? &rows[n - 1] : NULL;
		if (cur && glyph_on_line(&g[i], cur->box.y1, cur->box.y2)) {
			cur->n++;
			continue;
		}
		row r = { i, 1, g[i] };
		if (!VEC_PUSH(rows, n, cap, r)) {
			free(rows);
			return YOY_ENOMEM;
		}
	}
	size_t kept = 0;
	sbuf s;
	sbuf_init(&s);
	for (size_t k = 0; k < n; k++) {
		row r = rows[k];
		qsort(g + r.first, r.n, sizeof *g, glyph_by_x);
		sbuf_reset(&s);
		for (size_t j = 0; j < r.n; j++) {
			const glyph *c = &g[r.first + j];
			char enc[4];
			sbuf_put(&s, enc, utf8_encode(c->cp, enc));
			r.box.x1 = fminf(r.box.x1, c->x1);
			r.box.y1 = fminf(r.box.y1, c->y1);
			r.box.x2 = fmaxf(r.box.x2, c->x2);
			r.box.y2 = fmaxf(r.box.y2, c->y2);
		}
		if (!page_number_text(sbuf_cstr(&s)))
			rows[kept++] = r;
	}
	sbuf_free(&s);
	*out = rows;
	*nrows = kept;
	return 0;
}

/* Same characters at the same places (to half a point). */
static bool same_line(const glyph *a, const row *ra, const glyph *b, const row *rb)
{
	if (ra->n != rb->n)
		return false;
	for (size_t j = 0; j < ra->n; j++) {
		const glyph *x = &a[ra->first + j], *y = &b[rb->first + j];
		if (x->cp != y->cp || fabsf(x->x1 - y->x1) > 0.5f)
			return false;
	}
	return true;
}

static float mid_y(const row *r)
{
	return (r->box.y1 + r->box.y2) / 2;
}

/* k lines ending a and starting b are twins, all the same distance up. */
static bool twin_run(const glyph *a, const row *ra, size_t nra, const glyph *b,
		     const row *rb, size_t k)
{
	float dy = mid_y(&ra[nra - k]) - mid_y(&rb[0]);
	if (dy <= 0)
		return false;
	for (size_t i = 0; i < k; i++) {
		const row *x = &ra[nra - k + i], *y = &rb[i];
		if (fabsf(mid_y(x) - mid_y(y) - dy) > 0.5f || !same_line(a, x, b, y))
			return false;
	}
	return true;
}

int overflow_twins(glyph *a, size_t na, glyph *b, size_t nb, overflow_twin **out,
		   size_t *n, float *a_top)
{
	*out = NULL;
	*n = 0;
	if (a_top)
		*a_top = -1;
	row *ra = NULL, *rb = NULL;
	size_t nra = 0, nrb = 0;
	int rc = rows_of(a, na, &ra, &nra);
	if (!rc)
		rc = rows_of(b, nb, &rb, &nrb);
	if (rc)
		goto cleanup;
	size_t k = nra < nrb ? nra : nrb;
	if (k > OVERFLOW_MAX_LINES)
		k = OVERFLOW_MAX_LINES; /* the search is quadratic in k */
	while (k > 0 && !twin_run(a, ra, nra, b, rb, k))
		k--;
	size_t chars = 0;
	for (size_t i = 0; i < k; i++)
		chars += rb[i].n;
	if (k == 0 || chars < OVERFLOW_MIN_CHARS)
		goto cleanup;
	overflow_twin *t = malloc(k * sizeof *t);
	if (!t) {
		rc = YOY_ENOMEM;
		goto cleanup;
	}
	for (size_t i = 0; i < k; i++) {
		const row *x = &ra[nra - k + i], *y = &rb[i];
		t[i] = (overflow_twin){ x->first, x->n, y->first, y->n, x->box, y->box };
	}
	*out = t;
	*n = k;
	if (a_top && k < nra)
		*a_top = ra[0].box.y1;
cleanup:
	free(ra);
	free(rb);
	return rc;
}

void overflow_compact(glyph *g, size_t *ng)
{
	size_t kept = 0;
	for (size_t i = 0; i < *ng; i++)
		if (g[i].cp)
			g[kept++] = g[i];
	*ng = kept;
}

int overflow_read_once(glyph *a, size_t *na, glyph *b, size_t *nb, size_t *dropped)
{
	if (dropped)
		*dropped = 0;
	overflow_twin *t = NULL;
	size_t n = 0;
	float top;
	int rc = overflow_twins(a, *na, b, *nb, &t, &n, &top);
	if (rc || n < 2 || top < 0) {
		free(t);
		return rc;
	}
	for (size_t i = 0; i < n; i++) {
		/* half a line of slack: a title's box and a body line's start
		 * a little apart at the same margin */
		float slack = (t[i].b_box.y2 - t[i].b_box.y1) / 2;
		bool above = t[i].b_box.y1 < top - slack;
		glyph *g = above ? b + t[i].b_first : a + t[i].a_first;
		size_t len = above ? t[i].b_n : t[i].a_n;
		for (size_t j = 0; j < len; j++)
			g[j].cp = 0;
	}
	overflow_compact(a, na);
	overflow_compact(b, nb);
	if (dropped)
		*dropped = n;
	free(t);
	return 0;
}
