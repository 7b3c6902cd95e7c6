/* yoy report: the hearing summary of a department's year, from history. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "yoy/history.h"
#include "yoy/render.h"
#include "yoy/report.h"

static const char usage[] =
	"yoy report [--repo DIR] [--rev REV] [--kind KIND] [--format md|html|text]\n"
	"                  [--top N] [-o FILE] DEPARTMENT YEAR";

static void help(void)
{
	printf("usage: %s\n\n"
	       "The change summary a committee member can read in five minutes\n"
	       "(人大预算审查), built from the history: the year's headline figures and\n"
	       "their change on the year before; the largest changes by function code\n"
	       "and by project with the reason the department gives, quoted, and the\n"
	       "check of that statement; the statements that do not hold and the large\n"
	       "changes nobody explains, as questions to ask; the totals over the years;\n"
	       "the sources (file, sha256, page and line) and the history revision.\n\n"
	       "  --format FMT   md (default: Markdown, to paste into documents) or html\n"
	       "                 (one self-contained page with charts, for screen, phone\n"
	       "                 and A4 print) or text (for a terminal)\n"
	       "  --top N        how many of the largest changes to list (default 10)\n"
	       "  -o FILE        write to FILE (atomically) instead of standard output\n"
	       "  --repo DIR     the history repository (default $YOY_REPO, else ./history)\n"
	       "  --rev REV      the history as of this revision\n"
	       "  --kind KIND    department_budget (default when several), ...\n\n"
	       "Exit status: 0 written, 2 usage, 3 output not written, 4 not in the history.\n",
	       usage);
}

int cmd_report(int argc, char **argv)
{
	const char *repo = NULL, *rev = NULL, *kind = NULL, *format = "md", *out = "-";
	const char *top_arg = NULL;
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
		    (r = option_value(argc, argv, &i, "--top", &top_arg)) ||
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
	if (npos != 2)
		return usage_error(usage, "give a department and a year");
	int year;
	if (parse_year(pos[1], &year))
		return usage_error(usage, "'%s' is not a year", pos[1]);
	if (strcmp(format, "md") && strcmp(format, "html") && strcmp(format, "text"))
		return usage_error(usage, "--format is md, html or text");
	long top = 10;
	if (top_arg) {
		char *end;
		top = strtol(top_arg, &end, 10);
		if (*end || top < 1 || top > 1000)
			return usage_error(usage, "--top wants a number from 1 to 1000");
	}

	yoy_error err;
	yoy_error_clear(&err);
	yoy_store *st = NULL;
	char *key = NULL, *text = NULL;
	size_t ny = 0;
	yoy_doc **years = NULL, *doc = NULL, *prior = NULL;
	yoy_report *rep = NULL;
	char revision[41];
	int status = EXIT_OK;
	if (yoy_store_open(&st, repo_dir(repo), 0, &err) ||
	    yoy_history_department(st, rev, pos[0], &key, &err) ||
	    yoy_store_resolve(st, rev, revision, &err) ||
	    yoy_history_series(&years, &ny, st, rev, key, year, kind, &err)) {
		status = fail_with(&err);
		goto done;
	}
	for (size_t i = 0; i < ny; i++) {
		if (years[i]->year == year)
			doc = years[i];
		if (years[i]->year == year - 1)
			prior = years[i];
	}
	if (!doc) {
		error("%s: nothing stored for %s %d", yoy_store_dir(st), key, year);
		status = EXIT_STORE;
		goto done;
	}
	yoy_report_options o = { .top = (size_t)top, .revision = revision,
				 .years = (const yoy_doc *const *)years, .nyears = ny };
	if (yoy_report_build(&rep, doc, prior, &o, &err)) {
		status = fail_with(&err);
		goto done;
	}
	if (strcmp(format, "html") == 0)
		text = yoy_render_report_html(rep);
	else if (strcmp(format, "text") == 0)
		text = yoy_render_report_text(rep);
	else
		text = yoy_render_report_md(rep);
	if (!text) {
		error("out of memory");
		status = EXIT_INTERNAL;
		goto done;
	}
	if (write_output(out, text, strlen(text)))
		status = EXIT_INPUT;
done:
	free(text);
	yoy_report_free(rep);
	yoy_docs_free(years, ny);
	free(key);
	yoy_store_free(st);
	return status;
}
