/* yoy clone URL [DIR] : copy a shared history to work on. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "yoy/store.h"

static const char usage[] = "yoy clone [-q] URL [DIR]";

static void help(void)
{
	printf("usage: %s\n\n"
	       "Copy the history repository at URL into DIR (default $YOY_REPO, else\n"
	       "./history), which must not exist or be empty.  URL is anything git\n"
	       "reaches: a directory, file://, ssh://, git://, http(s)://.  The copy\n"
	       "remembers URL as the remote \"origin\", so `yoy pull` and `yoy push`\n"
	       "need no argument.  Credentials come from your ssh agent or git's\n"
	       "credential helpers (git config credential.helper); yoy stores none.\n\n"
	       "  -q, --quiet  no progress line\n\n"
	       "Exit status: 0 ok, 2 usage, 4 DIR is not empty, 6 the remote cannot be\n"
	       "reached, refused, or holds no yoy history.\n",
	       usage);
}

static const struct option longs[] = {
	{ "quiet", no_argument, NULL, 'q' },
	HELP_OPTION,
	{ 0 },
};

int cmd_clone(int argc, char **argv)
{
	bool quiet = false;
	options_begin();
	int c;
	while ((c = next_option(argc, argv, "q", longs, usage)) != -1) {
		switch (c) {
		case 'q': quiet = true; break;
		case 'h': help(); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (argc - optind < 1 || argc - optind > 2)
		return usage_error(usage, "give the URL of the history to copy");
	const char *url = argv[optind];
	const char *dir = argc - optind == 2 ? argv[optind + 1] : repo_dir(NULL);
	yoy_error err;
	yoy_error_clear(&err);
	if (yoy_store_clone(url, dir, quiet ? NULL : transfer_progress, "receiving", &err))
		return fail_with(&err);
	printf("cloned %s into %s\n", url, dir);
	return EXIT_OK;
}
