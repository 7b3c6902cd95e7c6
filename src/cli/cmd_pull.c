/* yoy pull [REMOTE] : bring in what others pushed, merged with ours. */
#include <string.h>

#include "cli.h"
#include "yoy/history.h"

static const char usage[] = "yoy pull [--repo DIR] [-q] [REMOTE]";

static void help(void)
{
	printf("usage: %s\n\n"
	       "Fetch REMOTE's history (a name from `yoy remote`, or a URL; default\n"
	       "origin) and bring it into yours.  When yours is behind, the branch just\n"
	       "moves on; when both imported, one merge commit holds everything, and its\n"
	       "message says what came from where.  A department, year and kind both\n"
	       "sides imported with different content keeps both publications as\n"
	       "revisions; the later import is current (see history/README.md).\n"
	       "aliases.json files are merged name by name.\n\n"
	       "  --repo DIR   the history repository (default $YOY_REPO, else ./history)\n"
	       "  -q, --quiet  no progress line\n\n"
	       "Exit status: 0 ok, 2 usage, 4 history repository error, 6 the remote\n"
	       "cannot be reached or refused.\n",
	       usage);
}

int cmd_pull(int argc, char **argv)
{
	const char *repo, *remote;
	bool quiet;
	int done = remote_options(argc, argv, usage, help, &repo, &quiet, &remote);
	if (done >= 0)
		return done;
	yoy_error err;
	yoy_error_clear(&err);
	yoy_store *st = NULL;
	yoy_pull_result r;
	int status = EXIT_OK;
	if (yoy_store_open(&st, repo_dir(repo), 0, &err) ||
	    yoy_history_pull(st, remote, quiet ? NULL : transfer_progress, "receiving", &r, &err)) {
		status = fail_with(&err);
	} else {
		switch (r.status) {
		case YOY_PULL_EMPTY:
			printf("%s holds no history yet: nothing to pull\n", remote);
			break;
		case YOY_PULL_UP_TO_DATE:
			printf("already up to date with %s (%.12s)\n", remote, r.fetched);
			break;
		case YOY_PULL_FAST_FORWARD:
			printf("fast-forward to %.12s from %s\n", r.id, remote);
			break;
		case YOY_PULL_MERGED:
			printf("merged %s as %.12s: %zu disclosure%s from there", remote, r.id,
			       r.documents, r.documents == 1 ? "" : "s");
			if (r.republished)
				printf(", %zu republished on both sides (%zu now theirs)",
				       r.republished, r.kept_theirs);
			if (r.aliases)
				printf(", %zu aliases files merged", r.aliases);
			printf("\n");
			break;
		}
	}
	yoy_store_free(st);
	return status;
}
