/* yoy: year-over-year audit of Chinese budget disclosures.
 * One file per subcommand (cmd_*.c); this file only dispatches. */
#include <libintl.h>
#include <locale.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "util/i18n.h"
#include "yoy/parse.h"

#ifndef YOY_LOCALEDIR
#define YOY_LOCALEDIR "/usr/share/locale"
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
	{ "mv", cmd_mv, "file a department's stored years under another name" },
	{ "reparse", cmd_reparse, "re-derive every stored document with this parser" },
	{ "clone", cmd_clone, "copy a shared history to work on" },
	{ "pull", cmd_pull, "bring in what others pushed, merged with yours" },
	{ "push", cmd_push, "share your imports with a remote history" },
	{ "remote", cmd_remote, "list, add or remove the remotes of the history" },
	{ "gc", cmd_gc, "repack the history with deltas, for a smaller repository" },
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
		"options; 'yoy --version' for the version.  --lang zh_CN|en (or\n"
		"$YOY_LANG, else the locale) chooses the language of findings;\n"
		"--timeout SECONDS how long one PDF may take to read (default 60).\n"
		"Exit status: 0 ok, 1 findings or differences, 2 usage, 3 bad input,\n"
		"4 history repository, 5 internal error.\n");
}

/* "zh_CN.UTF-8", "zh", "zh_TW" read in Chinese; anything else in English. */
static bool chinese(const char *lang)
{
	return lang && strncmp(lang, "zh", 2) == 0;
}

/* The language of messages: --lang L (anywhere before "--", taken out of
 * argv), else $YOY_LANG, else the locale's ($LC_ALL, $LC_MESSAGES,
 * $LANG).  gettext needs a locale that is not "C" to translate, and a
 * UTF-8 one to print Chinese; C.UTF-8 is always there, so a Chinese
 * reader is served even where no zh_CN locale is installed.  Returns -1
 * on a bad --lang. */
static int choose_language(int *argc, char **argv)
{
	const char *lang = NULL;
	int out = 1;
	for (int i = 1; i < *argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			while (i < *argc)
				argv[out++] = argv[i++];
			break;
		}
		if (strncmp(argv[i], "--lang=", 7) == 0) {
			lang = argv[i] + 7;
		} else if (strcmp(argv[i], "--lang") == 0) {
			if (i + 1 >= *argc)
				return error("--lang needs a value (zh_CN or en)");
			lang = argv[++i];
		} else {
			argv[out++] = argv[i];
		}
	}
	*argc = out;
	argv[out] = NULL;
	if (lang && !chinese(lang) && strncmp(lang, "en", 2) != 0)
		return error("--lang is zh_CN or en, not '%s'", lang);
	if (!lang)
		lang = getenv("YOY_LANG");
	const char *env[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; !lang && i < 3; i++)
		if (getenv(env[i]) && *getenv(env[i]))
			lang = getenv(env[i]);
	const char *have = setlocale(LC_ALL, "");
	if (!have || strcmp(have, "C") == 0 || strcmp(have, "POSIX") == 0)
		setlocale(LC_ALL, "C.UTF-8");
	setlocale(LC_NUMERIC, "C"); /* figures are printed as data, never localized */
	setenv("LANGUAGE", chinese(lang) ? "zh_CN" : "en", 1);
	const char *dir = getenv("YOY_LOCALEDIR");
	bindtextdomain(YOY_TEXT_DOMAIN, dir && *dir ? dir : YOY_LOCALEDIR);
	bind_textdomain_codeset(YOY_TEXT_DOMAIN, "UTF-8");
	return 0;
}

/* --timeout SECONDS (anywhere before "--"): how long one PDF may take to
 * read; taken out of argv.  Returns -1 on a bad value. */
static int choose_timeout(int *argc, char **argv)
{
	int out = 1;
	for (int i = 1; i < *argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			while (i < *argc)
				argv[out++] = argv[i++];
			break;
		}
		const char *v = NULL;
		if (strncmp(argv[i], "--timeout=", 10) == 0)
			v = argv[i] + 10;
		else if (strcmp(argv[i], "--timeout") == 0 && i + 1 < *argc)
			v = argv[++i];
		else if (strcmp(argv[i], "--timeout") == 0)
			return error("--timeout needs a number of seconds");
		if (!v) {
			argv[out++] = argv[i];
			continue;
		}
		char *end;
		double s = strtod(v, &end);
		if (*end || s < 0 || s > 86400)
			return error("--timeout wants seconds from 0 (no limit) to 86400, not '%s'", v);
		yoy_set_pdf_timeout(s);
	}
	*argc = out;
	argv[out] = NULL;
	return 0;
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
	/* A command reads document after document, each built in arenas of
	 * 64 KiB and freed: glibc gave the memory back to the system after
	 * each (trimming the heap, mapping larger blocks afresh) and page
	 * faults on the next were a fifth of an import.  Keep it instead:
	 * measured on 500 JSON documents, 555 -> 440 ms (median of 6), peak
	 * RSS 14.5 -> 16 MB; either setting alone was slower. */
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	if (choose_language(&argc, argv) || choose_timeout(&argc, argv))
		return EXIT_USAGE;
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
