/* PDF parsing speed against pdftotext -layout on the same files, run
 * alternately in one run so both see the same machine state; peak RSS of
 * each yoy process.  Numbers, never assertions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "benchutil.h"

/* Run argv; returns seconds, and the child's peak RSS in KiB. */
static double run(char *const argv[], long *maxrss)
{
	double t0 = now();
	fflush(NULL); /* or the child would print our buffered output again */
	pid_t pid = fork();
	if (pid == 0) {
		if (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr))
			_exit(127);
		execvp(argv[0], argv);
		_exit(127);
	}
	int status;
	struct rusage ru;
	if (wait4(pid, &status, 0, &ru) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0) {
		fprintf(stderr, "%s failed\n", argv[0]);
		exit(1);
	}
	*maxrss = ru.ru_maxrss;
	return now() - t0;
}

int main(int argc, char **argv)
{
	const char *yoy = getenv("YOY") ? getenv("YOY") : "./yoy";
	int runs = 11;
	printf("PDF parse vs pdftotext -layout (median of %d alternating runs)\n", runs);
	printf("  %-46s %9s %9s %6s %9s\n", "file", "yoy ms", "p2t ms", "ratio", "RSS MB");
	double worst = 0;
	long worst_rss = 0;
	for (int f = 1; f < argc; f++) {
		double a[64], b[64];
		long rss = 0, r;
		for (int i = 0; i < runs; i++) {
			char *ya[] = { (char *)yoy, "parse", "-q", "-o", "/dev/null", argv[f], NULL };
			char *pa[] = { "pdftotext", "-layout", argv[f], "/dev/null", NULL };
			a[i] = run(ya, &r);
			if (r > rss)
				rss = r;
			b[i] = run(pa, &r);
		}
		double ma = median_of(a, runs, NULL), mb = median_of(b, runs, NULL);
		double ratio = ma / mb;
		if (ratio > worst)
			worst = ratio;
		if (rss > worst_rss)
			worst_rss = rss;
		printf("  %-46s %9.1f %9.1f %6.2f %9.1f\n", argv[f], ma * 1e3, mb * 1e3, ratio,
		       (double)rss / 1024.0);
	}
	printf("  worst ratio %.2f (target <= 1.5), worst peak RSS %.1f MB (target <= 64 MB)\n",
	       worst, (double)worst_rss / 1024.0);
	return 0;
}
