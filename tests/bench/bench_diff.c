/* Diff speed in-process: each consecutive-year pair of the bundled
 * series, parsed once, then compared (and rendered as text) many times.
 * Median and 95th percentile.  Numbers, never assertions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "benchutil.h"

#include "yoy/diff.h"
#include "yoy/parse.h"
#include "yoy/render.h"

/* Median and p95 in ms of runs of diff (+ render when render). */
static void measure(const yoy_doc *a, const yoy_doc *b, const yoy_diff_options *o,
		    bool render, int runs, double *med, double *p95, size_t *rows)
{
	double *t = calloc((size_t)runs, sizeof *t);
	for (int i = 0; i < runs; i++) {
		yoy_error err;
		yoy_diff *d;
		double t0 = now();
		if (yoy_diff_docs(&d, a, b, o, &err)) {
			fprintf(stderr, "%s\n", err.message);
			exit(1);
		}
		if (render) {
			yoy_diff_render_options ro = { .label_a = "A", .label_b = "B" };
			free(yoy_render_diff_text(d, &ro));
		}
		t[i] = now() - t0;
		*rows = 0;
		for (size_t k = 0; k < d->ntables; k++)
			*rows += d->tables[k].nrows;
		yoy_diff_free(d);
	}
	*med = median_of(t, runs, p95) * 1e3;
	*p95 *= 1e3;
	free(t);
}

int main(int argc, char **argv)
{
	int runs = argc > 1 ? atoi(argv[1]) : 200;
	static const char *const pairs[][2] = {
		{ "jiangsu-high-court/2017", "jiangsu-high-court/2018" },
		{ "jiangsu-high-court/2018", "jiangsu-high-court/2019" },
		{ "jiangsu-procuratorate/2017", "jiangsu-procuratorate/2018" },
		{ "shanghai-putuo-wanli/2023", "shanghai-putuo-wanli/2024" },
		{ "shanghai-putuo-wanli/2024", "shanghai-putuo-wanli/2025" },
	};
	printf("Diff in-process (median / p95 of %d runs; target: median <= 1 ms)\n", runs);
	printf("  %-52s %5s %9s %9s %9s\n", "pair", "rows", "diff ms", "p95 ms", "+text ms");
	double worst = 0;
	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
		char pa[128], pb[128];
		snprintf(pa, sizeof pa, "tests/data/%s-budget.pdf", pairs[i][0]);
		snprintf(pb, sizeof pb, "tests/data/%s-budget.pdf", pairs[i][1]);
		yoy_doc *a = load(pa), *b = load(pb);
		for (int by = YOY_DIFF_BY_CODE; by <= YOY_DIFF_BY_ALL; by += YOY_DIFF_BY_ALL) {
			yoy_diff_options o = { .by = (yoy_diff_by)by };
			double med, p95, medr, p95r;
			size_t rows;
			measure(a, b, &o, false, runs, &med, &p95, &rows);
			measure(a, b, &o, true, runs, &medr, &p95r, &rows);
			char label[160];
			snprintf(label, sizeof label, "%s → %.4s, by %s", pairs[i][0], pairs[i][1] +
				 strlen(pairs[i][1]) - 4, yoy_diff_by_name((yoy_diff_by)by));
			printf("  %-52s %5zu %9.3f %9.3f %9.3f\n", label, rows, med, p95, medr);
			if (med > worst)
				worst = med;
		}
		yoy_doc_free(a);
		yoy_doc_free(b);
	}
	printf("  worst median %.3f ms (target <= 1 ms)\n", worst);
	return 0;
}
