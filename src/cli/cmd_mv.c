/* yoy mv OLD NEW : file a department's stored years under another name. */
#include <string.h>

#include "cli.h"
#include "yoy/history.h"

static const char usage[] = "yoy mv [--repo DIR] OLD NEW";

static void help(void)
{
	printf("usage: %s\n\n"
	       "Move every year and kind stored for department OLD (a stored name, an\n"
	       "alias, or a unique part of one) to NEW, in one commit, and record OLD\n"
	       "and the names filed under it as aliases of NEW: later imports of a\n"
	       "document printed as OLD land under NEW, and `check` finds each year's\n"
	       "prior there.  Use it when one department's years were filed under two\n"
	       "names (a --department given late, a name printed two ways).  When NEW\n"
	       "is stored already the years join; a year and kind both hold with\n"
	       "different content stops the move and nothing changes.\n\n"
	       "  --repo DIR   the history repository (default $YOY_REPO, else ./history)\n\n"
	       "Exit status: 0 ok, 2 usage, 4 history repository error (OLD not\n"
	       "stored, or NEW holding other content for a year).\n",
	       usage);
}

static const struct option longs[] = {
	REPO_OPTION,
	HELP_OPTION,
	{ 0 },
};

int cmd_mv(int argc, char **argv)
{
	const char *repo = NULL;
	options_begin();
	int c;
	while ((c = next_option(argc, argv, "", longs, usage)) != -1) {
		switch (c) {
		case OPT_REPO: repo = optarg; break;
		case 'h': help(); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (argc - optind != 2)
		return usage_error(usage, "give the department's stored name and its new name");
	yoy_error err;
	yoy_error_clear(&err);
	yoy_store *st = NULL;
	char id[41];
	size_t moved = 0;
	int status = EXIT_OK;
	if (yoy_store_open(&st, repo_dir(repo), 0, &err) ||
	    yoy_history_move(st, argv[optind], argv[optind + 1], id, &moved, &err))
		status = fail_with(&err);
	else
		printf("committed %.12s: %zu files moved to %s\n", id, moved, argv[optind + 1]);
	yoy_store_free(st);
	return status;
}
