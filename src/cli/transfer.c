/* The progress line clone, pull and push print on a terminal. */
#include <stdio.h>
#include <unistd.h>

#include "cli.h"

void transfer_progress(size_t done, size_t total, void *payload)
{
	const char *what = payload;
	static size_t last = (size_t)-1;
	if (!isatty(STDERR_FILENO) || done == last)
		return;
	last = done;
	fprintf(stderr, "\r%s: %zu/%zu objects%s", what, done, total, done == total ? "\n" : "");
}
