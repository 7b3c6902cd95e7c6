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
	       "  -o FILE         write to FILE (atomically) instead of standard output\n"
	       "  --repo DIR      the history repository (default $YOY_REPO, else ./history)\n"
	       "  --rev REV       the history as of this revision\n"
	       "  --kind KIND     department_budget (default when several), ...\n\n"
	       "Exit status: 0 written, 2 usage, 3 the item is in none of the years or the\n"
	       "output was not written, 4 not in the history.\n",
	       usage);
}

int cmd_trend(int argc, char **argv)
{
	const char *repo = NULL, *rev = NULL, *kind = NULL, *format = "text", *out = "-";
	const char *project = NULL, *nth_arg = NULL;
	char *pos[2];
	int npos = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int r;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			help();
			return EXIT_OK;
		}
		if ((r = option_value(argc, argv, &i, "--repo", &repo)) ||
		    (r = option_value(argc, argv, &i, "--rev", &rev)) ||
		    (r = option_value(argc, argv, &i, "--kind", &kind)) ||
		    (r = option_value(argc, argv, &i, "--format", &format)) ||
		    (r = option_value(argc, argv, &i, "--project", &project)) ||
		    (r = option_value(argc, argv, &i, "--nth", &nth_arg)) ||
		    (r = option_value(argc, argv, &i, "-o", &out))) {
			if (r < 0)
				return usage_error(usage, "%s needs a value", a);
		} else if (a[0] == '-' && a[1]) {
			return usage_error(usage, "unknown option '%s'", a);
		} else if (npos < 2) {
			pos[npos++] = argv[i];
		} else {
			return usage_error(usage, "too many arguments");
		}
	}
	if (npos < 1)
		return usage_error(usage, "give a department");
	const char *code = npos == 2 ? pos[1] : NULL;
	if (code && project)
		return usage_error(usage, "give a CODE or --project, not both");
	if (code && (strlen(code) < 3 || strlen(code) > 12 || strspn(code, "0123456789") != strlen(code)))
		return usage_error(usage, "'%s' is not a function code (3 to 12 digits)", code);
	if (project && !*project)
		return usage_error(usage, "--project needs a name");
	long nth = 0;
	if (nth_arg) {
		char *end;
		nth = strtol(nth_arg, &end, 10);
		if (!project)
			return usage_error(usage, "--nth goes with --project");
		if (*end || nth < 1 || nth > 100000)
			return usage_error(usage, "--nth wants a number from 1, not '%s'", nth_arg);
	}
	if (strcmp(format, "text") && strcmp(format, "csv") && strcmp(format, "json"))
		return usage_error(usage, "--format is text, csv or json");

	yoy_error err;
	yoy_error_clear(&err);
	yoy_store *st = NULL;
	char *key = NULL, *text = NULL;
	yoy_doc **years = NULL;
	size_t ny = 0;
	yoy_aliases aliases = { 0 };
	yoy_trend *t = NULL;
	int status = EXIT_OK;
	if (yoy_store_open(&st, repo_dir(repo), 0, &err) ||
	    yoy_history_department(st, rev, pos[0], &key, &err) ||
	    yoy_history_series(&years, &ny, st, rev, key, 0, kind, &err) ||
	    yoy_history_project_aliases(&aliases, st, rev, key, &err)) {
		status = fail_with(&err);
		goto done;
	}
	yoy_trend_options o = { .code = code, .project = project, .project_aliases = &aliases,
				.nth = (size_t)nth };
	if (yoy_trend_build(&t, (const yoy_doc *const *)years, ny, &o, &err)) {
		status = fail_with(&err);
		goto done;
	}
	const char *dept = years[ny - 1]->department ? years[ny - 1]->department : key;
	if (strcmp(format, "csv") == 0)
		text = yoy_render_trend_csv(t, dept);
	else if (strcmp(format, "json") == 0)
		text = yoy_render_trend_json(t, dept);
	else
		text = yoy_render_trend_text(t, dept);
	if (!text) {
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
