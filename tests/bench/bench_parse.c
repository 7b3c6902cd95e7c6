/* Parse speed and memory on the bundled 2023 吕梁 document: median of
 * in-process runs, throughput, peak RSS.  Numbers, not assertions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "benchutil.h"

#include "yoy/json.h"
#include "yoy/parse.h"

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "tests/data/lvliang-hrss/2023-budget.txt";
	int runs = argc > 2 ? atoi(argv[2]) : 50;
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return 1;
	}
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)size);
	if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size) {
		fprintf(stderr, "cannot read %s\n", path);
		return 1;
	}
	fclose(f);
	double *t = calloc((size_t)runs, sizeof *t), *tj = calloc((size_t)runs, sizeof *tj);
	for (int i = 0; i < runs; i++) {
		yoy_error err;
		yoy_doc *doc;
		double t0 = now();
		if (yoy_parse_buffer(&doc, path, buf, (size_t)size, &err)) {
			fprintf(stderr, "%s\n", err.message);
			return 1;
		}
		double t1 = now();
		char *json = yoy_json_write(doc);
		double t2 = now();
		free(json);
		yoy_doc_free(doc);
		t[i] = t1 - t0;
		tj[i] = t2 - t1;
	}
	double med = median_of(t, runs, NULL), medj = median_of(tj, runs, NULL);
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("parse %s (%ld bytes), median of %d runs:\n", path, size, runs);
	printf("  parse to model   %8.3f ms   %7.1f MB/s   (target >= 50 MB/s)\n",
	       med * 1e3, (double)size / med / 1e6);
	printf("  model to JSON    %8.3f ms\n", medj * 1e3);
	printf("  peak RSS         %8.1f MB                  (target <= 16 MB)\n",
	       (double)ru.ru_maxrss / 1024.0);
	free(t);
	free(tj);
	free(buf);
	return 0;
}
