/* yoy: year-over-year audit of Chinese budget disclosures.
 * One file per subcommand (cmd_*.c); this file only dispatches. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

#ifndef YOY_VERSION
#define YOY_VERSION "0.1.0"
#endif

typedef struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} command;

static const command commands[] = {
	{ "parse", cmd_parse, "turn a disclosure (text or PDF) into normalized JSON" },
	{ "import", cmd_import, "parse disclosures and commit them to the history" },
	{ "log", cmd_log, "list what the history holds, and its revisions" },
	{ "show", cmd_show, "print a stored disclosure" },
	{ "diff", cmd_diff, "compare two years by code, project or line" },
	{ "check", cmd_check, "verify the tables, the narrative and stated changes" },
	{ "report", cmd_report, "the hearing summary of a department's year" },
	{ "trend", cmd_trend, "one code or project over every year in history" },
	{ "reparse", cmd_reparse, "re-derive every stored document with this parser" },
};

static void usage(FILE *out)
{
	fprintf(out,
		"usage: yoy <command> [options] [args]\n"
		"\n"
		"Commands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		fprintf(out, "  %-9s %s\n", commands[i].name, commands[i].summary);
	fprintf(out,
		"\n"
		"Run 'yoy help <command>' or 'yoy <command> --help' for a command's\n"
		"options; 'yoy --version' for the version.\n"
		"Exit status: 0 ok, 1 findings or differences, 2 usage, 3 bad input,\n"
		"4 history repository, 5 internal error.\n");
}

static const command *find_command(const char *name)
{
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		if (strcmp(name, commands[i].name) == 0)
			return &commands[i];
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	const char *name = argv[1];
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 ||
	    (strcmp(name, "help") == 0 && argc == 2)) {
		usage(stdout);
		return EXIT_OK;
	}
	if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0 ||
	    strcmp(name, "version") == 0) {
		printf("yoy %s\n", YOY_VERSION);
		return EXIT_OK;
	}
	if (strcmp(name, "help") == 0) {
		/* yoy help CMD is yoy CMD --help */
		const command *c = find_command(argv[2]);
		if (!c) {
			error("'%s' is not a yoy command; see 'yoy --help'", argv[2]);
			return EXIT_USAGE;
		}
		char *args[] = { argv[2], "--help", NULL };
		return c->run(2, args);
	}
	const command *c = find_command(name);
	if (c)
		return c->run(argc - 1, argv + 1);
	error("'%s' is not a yoy command; see 'yoy --help'", name);
	return EXIT_USAGE;
}
