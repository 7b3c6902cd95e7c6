/* yoy push [REMOTE] : share the history's imports with a remote. */
#include <string.h>

#include "cli.h"
#include "yoy/store.h"

static const char usage[] = "yoy push [--repo DIR] [-q] [REMOTE]";

static void help(void)
{
	printf("usage: %s\n\n"
	       "Send the history's branch to REMOTE (a name from `yoy remote`, or a\n"
	       "URL; default origin).  When someone pushed there since your last pull,\n"
	       "the push is refused and nothing changes there: run `yoy pull`, which\n"
	       "merges their imports with yours, then push again.\n\n"
	       "  --repo DIR   the history repository (default $YOY_REPO, else ./history)\n"
	       "  -q, --quiet  no progress line\n\n"
	       "Exit status: 0 ok, 2 usage, 4 history repository error, 6 the remote\n"
	       "cannot be reached, refused the credentials, or is ahead (pull first).\n",
	       usage);
}

int cmd_push(int argc, char **argv)
{
	const char *repo, *remote;
	bool quiet;
	int done = remote_options(argc, argv, usage, help, &repo, &quiet, &remote);
	if (done >= 0)
		return done;
	yoy_error err;
	yoy_error_clear(&err);
	yoy_store *st = NULL;
	char id[41];
	int status = EXIT_OK;
	if (yoy_store_open(&st, repo_dir(repo), 0, &err) ||
	    yoy_store_resolve(st, NULL, id, &err) ||
	    yoy_store_push(st, remote, quiet ? NULL : transfer_progress, "sending", &err))
		status = fail_with(&err);
	else
		printf("pushed %.12s to %s\n", id, remote);
	yoy_store_free(st);
	return status;
}
