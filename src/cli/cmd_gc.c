/* yoy gc : repack the history with deltas, for a smaller repository. */
#include <string.h>

#include "cli.h"
#include "yoy/store.h"

static const char usage[] = "yoy gc [--repo DIR]";

static void help(void)
{
	printf("usage: %s\n\n"
	       "Repack the history repository: every object into one pack with\n"
	       "deltas between the years (libgit2's packbuilder), then the packs and\n"
	       "loose objects it replaces are removed.  Imports write fast packs\n"
	       "without deltas; gc trades a few seconds for a smaller history (about\n"
	       "half on real documents), e.g. before sharing it.  Safe while another\n"
	       "yoy imports: objects written meanwhile are kept.\n\n"
	       "  --repo DIR   the history repository (default $YOY_REPO, else ./history)\n\n"
	       "Exit status: 0 ok, 2 usage, 4 history repository error.\n",
	       usage);
}

static double mib(int64_t bytes)
{
	return (double)bytes / (1024.0 * 1024.0);
}

int cmd_gc(int argc, char **argv)
{
	const char *repo;
	int done = repo_only_options(argc, argv, usage, help, &repo);
	if (done >= 0)
		return done;
	yoy_error err;
	yoy_error_clear(&err);
	yoy_store *st = NULL;
	yoy_gc_stats s;
	int status = EXIT_OK;
	if (yoy_store_open(&st, repo_dir(repo), 0, &err) || yoy_store_gc(st, &s, &err))
		status = fail_with(&err);
	else
		printf("repacked %zu objects: %.1f MiB -> %.1f MiB (%zu files replaced)\n",
		       s.objects, mib(s.bytes_before), mib(s.bytes_after), s.files_removed);
	yoy_store_free(st);
	return status;
}
