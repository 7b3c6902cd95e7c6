/* yoy trend: one line of a department's budget over every year in history. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "yoy/history.h"
#include "yoy/render.h"
#include "yoy/trend.h"

static const char usage[] =
	"yoy trend [--repo DIR] [--rev REV] [--kind KIND] [--format text|csv|json]\n"
	"                 [-o FILE] DEPARTMENT [CODE | --project NAME [--nth N]]";

static void help(void)
{
	printf("usage: %s\n\n"
	       "One row per year in the history for a function code (功能分类科目) or a\n"
	       "project: the amount in 万元, the change on the year before and its percent.\n"
	       "Years are paired as `yoy diff` pairs them, so an item that was recoded or\n"
	       "renamed, or a project whose name drifted, stays one line, marked where it\n"
	       "changed.  With neither CODE nor --project: the department's 收入总计.\n\n"
	       "  CODE            a function code, e.g. 2040501\n"
	       "  --project NAME  a project (项目支出), matched by name as the diff matches\n"
	       "                  it; <department>/aliases.json in history is honoured\n"
	       "  --nth N         when NAME is printed for several projects in a year, the\n"
	       "                  Nth of them (as listed when the name is ambiguous)\n"
	       "  --format FMT    text (default), csv (UTF-8 with BOM, for spreadsheets)\n"
	       "                  or json (schema yoy-trend/1)\n"
	       "  -o, --output FILE  write to FILE (atomically) instead of standard output\n"
	       "  --repo DIR      the history repository (default $YOY_REPO, else ./history)\n"
	       "  --rev REV       the history as of this revision\n"
	       "  --kind KIND     department_budget (default when several), ...\n\n"
	       "Exit status: 0 written, 2 usage, 3 the output was not written, 4 the\n"
	       "department, or the item, is not in the history.\n",
	       usage);
}

enum { OPT_PROJECT = OPT_OWN, OPT_NTH };

static const struct option longs[] = {
	HISTORY_OPTIONS,
	FORMAT_OPTION,
	{ "project", required_argument, NULL, OPT_PROJECT },
	{ "nth", required_argument, NULL, OPT_NTH },
	OUTPUT_OPTION,
	HELP_OPTION,
	{ 0 },
};

typedef struct trend_args {
	const char *repo, *rev, *kind, *format, *out, *project, *code, *nth_arg;
	char **pos;
	long nth;
} trend_args;

/* What the operands and --nth say; returns -1 to go on, else the exit
 * status. */
static int trend_operands(trend_args *a, int npos)
{
	if (npos > 2)
		return usage_error(usage, "too many arguments");
	if (npos < 1)
		return usage_error(usage, "give a department");
	a->code = npos == 2 ? a->pos[1] : NULL;
	const char *code = a->code;
	if (code && a->project)
		return usage_error(usage, "give a CODE or --project, not both");
	if (code && (strlen(code) < 3 || strlen(code) > 12 ||
		     strspn(code, "0123456789") != strlen(code)))
		return usage_error(usage, "'%s' is not a function code (3 to 12 digits)", code);
	if (a->project && !*a->project)
		return usage_error(usage, "--project needs a name");
	if (a->nth_arg) {
		char *end;
		a->nth = strtol(a->nth_arg, &end, 10);
		if (!a->project)
			return usage_error(usage, "--nth goes with --project");
		if (*end || a->nth < 1 || a->nth > 100000)
			return usage_error(usage, "--nth wants a number from 1, not '%s'", a->nth_arg);
	}
	if (strcmp(a->format, "text") && strcmp(a->format, "csv") && strcmp(a->format, "json"))
		return usage_error(usage, "--format is text, csv or json");
	return -1;
}

/* The command line into a; returns -1 to go on, else the exit status. */
static int trend_options(trend_args *a, int argc, char **argv)
{
	*a = (trend_args){ .format = "text", .out = "-" };
	options_begin();
	int c;
	while ((c = next_option(argc, argv, "o:", longs, usage)) != -1) {
		switch (c) {
		case OPT_REPO: a->repo = optarg; break;
		case OPT_REV: a->rev = optarg; break;
		case OPT_KIND: a->kind = optarg; break;
		case OPT_FORMAT: a->format = optarg; break;
		case OPT_PROJECT: a->project = optarg; break;
		case OPT_NTH: a->nth_arg = optarg; break;
		case 'o': a->out = optarg; break;
		case 'h': help(); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	a->pos = argv + optind;
	return trend_operands(a, argc - optind);
}

static char *render(const char *format, const yoy_trend *t, const char *dept)
{
	if (strcmp(format, "csv") == 0)
		return yoy_render_trend_csv(t, dept);
	if (strcmp(format, "json") == 0)
		return yoy_render_trend_json(t, dept);
	return yoy_render_trend_text(t, dept);
}

int cmd_trend(int argc, char **argv)
{
	trend_args a;
	int status = trend_options(&a, argc, argv);
	if (status >= 0)
		return status;
	const char *repo = a.repo, *rev = a.rev, *kind = a.kind, *out = a.out;
	const char *code = a.code, *project = a.project;
	char **pos = a.pos;
	long nth = a.nth;
	yoy_error err;
	yoy_error_clear(&err);
	yoy_store *st = NULL;
	char *key = NULL, *text = NULL;
	yoy_doc **years = NULL;
	size_t ny = 0;
	yoy_aliases aliases = { 0 };
	yoy_trend *t = NULL;
	status = EXIT_OK;
	if (yoy_store_open(&st, repo_dir(repo), 0, &err) ||
	    yoy_history_department(st, rev, pos[0], &key, &err) ||
	    yoy_history_series(&years, &ny, st, rev, key, 0, kind, &err) ||
	    yoy_history_project_aliases(&aliases, st, rev, key, &err)) {
		status = fail_with(&err);
		goto done;
	}
	char revision[41] = "";
	if (yoy_store_resolve(st, rev, revision, &err)) {
		status = fail_with(&err);
		goto done;
	}
	yoy_trend_options o = { .code = code, .project = project, .project_aliases = &aliases,
				.nth = (size_t)nth, .revision = revision };
	if (yoy_trend_build(&t, (const yoy_doc *const *)years, ny, &o, &err)) {
		status = fail_with(&err);
		goto done;
	}
	const char *dept = years[ny - 1]->department ? years[ny - 1]->department : key;
	if (!(text = render(a.format, t, dept))) {
		error("out of memory");
		status = EXIT_INTERNAL;
		goto done;
	}
	if (write_output(out, text, strlen(text)))
		status = EXIT_INPUT;
done:
	free(text);
	yoy_trend_free(t);
	yoy_aliases_free(&aliases);
	yoy_docs_free(years, ny);
	free(key);
	yoy_store_free(st);
	return status;
}
