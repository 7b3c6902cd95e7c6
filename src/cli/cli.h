/* Shared by the subcommands: error reporting, exit statuses, output. */
#ifndef YOY_CLI_H
#define YOY_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "yoy/doc.h"
#include "yoy/error.h"

/* Exit statuses (documented in README.md). */
enum {
	EXIT_OK = 0,
	EXIT_FOUND = 1,     /* findings (check) or differences (diff --exit-code) */
	EXIT_USAGE = 2,
	EXIT_INPUT = 3,     /* unreadable, malformed or not a disclosure */
	EXIT_STORE = 4,     /* history repository error or missing item */
	EXIT_INTERNAL = 5,  /* out of memory, a bug */
	EXIT_REMOTE = 6     /* a remote unreachable or refusing (clone, pull, push) */
};

/* "yoy: error: ..." on stderr; returns -1. */
int error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "yoy: warning: ..." on stderr. */
void warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print err and map its status to an exit status. */
int fail_with(const yoy_error *err);
/* Exit status for a library status. */
int exit_status(int yoy_status);
/* "usage: ..." plus a hint; returns EXIT_USAGE. */
int usage_error(const char *usage, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Print the warnings of doc to stderr as "FILE:LINE: warning: MESSAGE", FILE
 * the path given (paths[i] for source i), else the name the document keeps. */
void print_doc_warnings(const yoy_doc *doc, const char *const *paths, size_t npaths);

/* Write data to path atomically (temporary file, fsync, rename), so a
 * failure never leaves a half-written file.  "-" writes to stdout.
 * Returns 0 or -1 with an error printed. */
int write_output(const char *path, const char *data, size_t len);

/* Options, through getopt_long: "--" ends them, short ones bundle
 * ("-qo out"), "--name=value" and "--name value" both work, and options
 * and operands may come in any order.  Call options_begin() once, then
 * next_option() until it returns -1; operands are then
 * argv[optind..argc).  next_option returns the option's val, -1 at the
 * end, or OPT_USAGE after printing a usage error ("unknown option",
 * "needs a value"): the command then exits with EXIT_USAGE.  -h and
 * --help come back as 'h'. */
enum { OPT_USAGE = -2 };
void options_begin(void);
int next_option(int argc, char **argv, const char *shorts, const struct option *longs,
		const char *usage);
/* Long options the commands share; a command numbers its own from
 * OPT_OWN. */
enum { OPT_REPO = 256, OPT_REV, OPT_KIND, OPT_FORMAT, OPT_OWN };
#define HELP_OPTION { "help", no_argument, NULL, 'h' }
#define OUTPUT_OPTION { "output", required_argument, NULL, 'o' }
#define FORMAT_OPTION { "format", required_argument, NULL, OPT_FORMAT }
#define REPO_OPTION { "repo", required_argument, NULL, OPT_REPO }
/* --repo, --rev and --kind: which history, as of when, which kind. */
#define HISTORY_OPTIONS REPO_OPTION, { "rev", required_argument, NULL, OPT_REV }, \
	{ "kind", required_argument, NULL, OPT_KIND }
/* --color WHEN: auto (on a terminal writing to stdout, unless NO_COLOR is
 * set), always or never; never for any format but text.  Returns 0, or
 * EXIT_USAGE after a usage error. */
int parse_color(const char *when, const char *out, const char *format, const char *usage,
		bool *color);

/* The history repository to use: --repo DIR, else $YOY_REPO, else
 * ./history. */
const char *repo_dir(const char *given);

/* A disclosure argument: FILE, or NARRATIVE+TABLES (split at the first
 * '+' when no file has the whole name).  Writes the paths into files[2]
 * (pointing into arg, which is cut) and returns how many: 1 or 2. */
size_t split_files(char *arg, char **files);
/* Parse such an argument into *out (free with yoy_doc_free). */
int load_disclosure(yoy_doc **out, char *arg, yoy_error *err);

/* Option values.  Each returns 0, or -1 when s is not one. */
/* A year, 1900..2999. */
int parse_year(const char *s, int *year);
/* An amount into fen: "10" (万元), "10万元", "5000元", "1,500", "1.5亿元". */
int parse_amount(const char *s, int64_t *fen);
/* A percent into hundredths: "5" is 500, "12.5" is 1250 (two decimals at
 * most, not negative). */
int parse_percent(const char *s, int64_t *hundredths);

/* "2026-11-26 10:44" (UTC) for a commit time. */
void format_time(char *buf, size_t size, int64_t t);

/* A yoy_store_progress printing "\rWHAT: DONE/TOTAL objects" on stderr
 * when it is a terminal; payload is WHAT. */
void transfer_progress(size_t done, size_t total, void *payload);

/* Subcommands. */
int cmd_parse(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_log(int argc, char **argv);
int cmd_show(int argc, char **argv);
/* The options of a command that takes nothing but --repo: returns -1 to
 * go on (*repo set, NULL for the default), else the exit status to
 * return (help printed, or a usage error). */
int repo_only_options(int argc, char **argv, const char *usage, void (*help)(void),
		      const char **repo);

/* The options of pull and push: [--repo DIR] [-q] [REMOTE] (default
 * origin).  Returns -1 to go on, else the exit status to return. */
int remote_options(int argc, char **argv, const char *usage, void (*help)(void),
		   const char **repo, bool *quiet, const char **remote);

int cmd_reparse(int argc, char **argv);
int cmd_gc(int argc, char **argv);
int cmd_mv(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_trend(int argc, char **argv);
int cmd_clone(int argc, char **argv);
int cmd_pull(int argc, char **argv);
int cmd_push(int argc, char **argv);
int cmd_remote(int argc, char **argv);

#endif
