/* yoy reparse : re-derive every stored document with this parser. */
#include <string.h>

#include "cli.h"
#include "yoy/history.h"

static const char usage[] = "yoy reparse [--repo DIR]";

static void help(void)
{
	printf("usage: %s\n\n"
	       "Parse every stored source again with this version of yoy and commit\n"
	       "the documents that come out different, as one commit, so that a\n"
	       "parser fix shows up as a reviewable diff of the data:\n"
	       "  git -C history show --stat HEAD\n\n"
	       "  --repo DIR   the history repository (default $YOY_REPO, else ./history)\n\n"
	       "Exit status: 0 ok, 2 usage, 3 a stored source no longer parses\n"
	       "(nothing committed), 4 history repository error.\n",
	       usage);
}


int cmd_reparse(int argc, char **argv)
{
	const char *repo;
	int done = repo_only_options(argc, argv, usage, help, &repo);
	if (done >= 0)
		return done;
	yoy_error err;
	yoy_error_clear(&err);
	yoy_store *st = NULL;
	int status = EXIT_OK;
	size_t changed, total;
	char id[41];
	int committed;
	if (yoy_store_open(&st, repo_dir(repo), 0, &err) ||
	    yoy_history_reparse(st, &changed, &total, id, &committed, &err)) {
		status = fail_with(&err);
	} else if (committed) {
		printf("committed %.12s: %zu of %zu documents re-derived\n", id, changed, total);
	} else {
		printf("unchanged: all %zu documents already match this parser\n", total);
	}
	yoy_store_free(st);
	return status;
}
