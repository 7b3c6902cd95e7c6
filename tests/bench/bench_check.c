/* yoy check in-process on each bundled document (with its prior year
 * where bundled): median of many runs.  Numbers, never assertions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "benchutil.h"

#include "yoy/check.h"
#include "yoy/parse.h"

int main(int argc, char **argv)
{
	int runs = argc > 1 ? atoi(argv[1]) : 200;
	static const char *const docs[][2] = {
		{ "lvliang-hrss/2023-budget.txt", NULL },
		{ "jiangsu-high-court/2018-budget.pdf", "jiangsu-high-court/2017-budget.pdf" },
		{ "jiangsu-procuratorate/2019-budget.pdf", "jiangsu-procuratorate/2018-budget.pdf" },
		{ "shanghai-putuo-wanli/2024-budget.pdf", "shanghai-putuo-wanli/2023-budget.pdf" },
	};
	printf("Check in-process (median / p95 of %d runs; target: median <= 5 ms)\n", runs);
	printf("  %-40s %-10s %9s %9s %9s\n", "document", "prior", "findings", "ms", "p95 ms");
	double worst = 0;
	double *t = calloc((size_t)runs, sizeof *t);
	for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
		char p[160], q[160];
		snprintf(p, sizeof p, "tests/data/%s", docs[i][0]);
		yoy_doc *doc = load(p), *prior = NULL;
		if (docs[i][1]) {
			snprintf(q, sizeof q, "tests/data/%s", docs[i][1]);
			prior = load(q);
		}
		size_t nf = 0;
		for (int r = 0; r < runs; r++) {
			yoy_check_options o = { .prior = prior };
			yoy_check *c;
			yoy_error err;
			double t0 = now();
			if (yoy_check_doc(&c, doc, &o, &err)) {
				fprintf(stderr, "%s\n", err.message);
				return 1;
			}
			t[r] = now() - t0;
			nf = c->nfindings;
			yoy_check_free(c);
		}
		double p95, med = median_of(t, runs, &p95) * 1e3;
		p95 *= 1e3;
		printf("  %-40s %-10s %9zu %9.3f %9.3f\n", docs[i][0], prior ? "yes" : "-", nf, med,
		       p95);
		if (med > worst)
			worst = med;
		yoy_doc_free(doc);
		yoy_doc_free(prior);
	}
	printf("  worst median %.3f ms (target <= 5 ms)\n", worst);
	free(t);
	return 0;
}
