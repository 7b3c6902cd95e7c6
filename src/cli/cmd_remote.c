/* yoy remote [add NAME URL | remove NAME] : the remotes of the history. */
#include <string.h>

#include "cli.h"
#include "yoy/store.h"

static const char usage[] = "yoy remote [--repo DIR] [add NAME URL | remove NAME]";

static void help(void)
{
	printf("usage: %s\n\n"
	       "Without arguments: each remote's name and URL.  `add` names a shared\n"
	       "history (a directory, file://, ssh://, git://, http(s):// URL) for pull\n"
	       "and push; `remove` forgets one.  They are git remotes: `git -C history\n"
	       "remote -v` shows the same.\n\n"
	       "  --repo DIR   the history repository (default $YOY_REPO, else ./history)\n\n"
	       "Exit status: 0 ok, 2 usage (unknown or taken name), 4 history repository\n"
	       "error.\n",
	       usage);
}

int cmd_remote(int argc, char **argv)
{
	const char *repo;
	/* "add" and "remove" are operands: read options, then the rest */
	int done = -1;
	static const struct option longs[] = { REPO_OPTION, HELP_OPTION, { 0 } };
	repo = NULL;
	options_begin();
	int c;
	while ((c = next_option(argc, argv, "", longs, usage)) != -1) {
		switch (c) {
		case OPT_REPO: repo = optarg; break;
		case 'h': help(); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	int nargs = argc - optind;
	const char *verb = nargs ? argv[optind] : NULL;
	if (verb && !((strcmp(verb, "add") == 0 && nargs == 3) ||
		      (strcmp(verb, "remove") == 0 && nargs == 2)))
		return usage_error(usage, "'%s': say add NAME URL, or remove NAME", verb);
	yoy_error err;
	yoy_error_clear(&err);
	yoy_store *st = NULL;
	if (yoy_store_open(&st, repo_dir(repo), 0, &err))
		return fail_with(&err);
	if (!verb) {
		char **names, **urls;
		size_t n;
		if (yoy_store_remotes(st, &names, &urls, &n, &err)) {
			done = fail_with(&err);
		} else {
			for (size_t i = 0; i < n; i++)
				printf("%s\t%s\n", names[i], urls[i]);
			yoy_strings_free(names, n);
			yoy_strings_free(urls, n);
		}
	} else if (strcmp(verb, "add") == 0) {
		if (yoy_store_remote_add(st, argv[optind + 1], argv[optind + 2], &err))
			done = fail_with(&err);
	} else if (yoy_store_remote_remove(st, argv[optind + 1], &err)) {
		done = fail_with(&err);
	}
	yoy_store_free(st);
	return done >= 0 ? done : EXIT_OK;
}
