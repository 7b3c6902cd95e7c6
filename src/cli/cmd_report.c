/* yoy report: the hearing summary of a department's year, from history. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "yoy/history.h"
#include "yoy/render.h"
#include "yoy/report.h"

static const char usage[] =
	"yoy report [--repo DIR] [--rev REV] [--kind KIND] [--format md|html|text|json]\n"
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
	       "                 and A4 print) or text (for a terminal) or json (the\n"
	       "                 report's data, schema yoy-report/1)\n"
	       "  --top N        how many of the largest changes to list (default 10)\n"
	       "  -o, --output FILE  write to FILE (atomically) instead of standard output\n"
	       "  --repo DIR     the history repository (default $YOY_REPO, else ./history)\n"
	       "  --rev REV      the history as of this revision\n"
	       "  --kind KIND    department_budget (default when several), ...\n\n"
	       "Exit status: 0 written, 2 usage, 3 output not written, 4 not in the history.\n",
	       usage);
}

enum { OPT_TOP = OPT_OWN };

static const struct option longs[] = {
	HISTORY_OPTIONS,
	FORMAT_OPTION,
	{ "top", required_argument, NULL, OPT_TOP },
	OUTPUT_OPTION,
	HELP_OPTION,
	{ 0 },
};

typedef struct report_args {
	const char *repo, *rev, *kind, *format, *out;
	long top;
	char **pos;
	int year;
} report_args;

/* The command line into a; returns -1 to go on, else the exit status. */
static int report_options(report_args *a, int argc, char **argv)
{
	*a = (report_args){ .format = "md", .out = "-", .top = 10 };
	options_begin();
	int c;
	char *end;
	while ((c = next_option(argc, argv, "o:", longs, usage)) != -1) {
		switch (c) {
		case OPT_REPO: a->repo = optarg; break;
		case OPT_REV: a->rev = optarg; break;
		case OPT_KIND: a->kind = optarg; break;
		case OPT_FORMAT: a->format = optarg; break;
		case 'o': a->out = optarg; break;
		case OPT_TOP:
			a->top = strtol(optarg, &end, 10);
			if (*end || a->top < 1 || a->top > 1000)
				return usage_error(usage, "--top wants a number from 1 to 1000");
			break;
		case 'h': help(); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	a->pos = argv + optind;
	if (argc - optind > 2)
		return usage_error(usage, "too many arguments");
	if (argc - optind != 2)
		return usage_error(usage, "give a department and a year");
	if (parse_year(a->pos[1], &a->year))
		return usage_error(usage, "'%s' is not a year", a->pos[1]);
	if (strcmp(a->format, "md") && strcmp(a->format, "html") && strcmp(a->format, "text") &&
	    strcmp(a->format, "json"))
		return usage_error(usage, "--format is md, html, text or json");
	return -1;
}

static char *render(const char *format, const yoy_report *rep)
{
	if (strcmp(format, "html") == 0)
		return yoy_render_report_html(rep);
	if (strcmp(format, "text") == 0)
		return yoy_render_report_text(rep);
	if (strcmp(format, "json") == 0)
		return yoy_render_report_json(rep);
	return yoy_render_report_md(rep);
}

int cmd_report(int argc, char **argv)
{
	report_args a;
	int status = report_options(&a, argc, argv);
	if (status >= 0)
		return status;
	const char *repo = a.repo, *rev = a.rev, *kind = a.kind, *out = a.out;
	char **pos = a.pos;
	int year = a.year;
	long top = a.top;
	yoy_error err;
	yoy_error_clear(&err);
	yoy_store *st = NULL;
	char *key = NULL, *text = NULL;
	size_t ny = 0;
	yoy_doc **years = NULL, *doc = NULL, *prior = NULL, *counterpart = NULL;
	yoy_report *rep = NULL;
	char revision[41];
	status = EXIT_OK;
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
	/* the year's budget and its 决算, when the history holds the other */
	const char *other = yoy_kind_counterpart(doc->kind);
	yoy_error none;
	if (yoy_history_load(&counterpart, NULL, st, rev, key, year, other, &none))
		counterpart = NULL;
	yoy_report_options o = { .top = (size_t)top, .revision = revision,
				 .years = (const yoy_doc *const *)years, .nyears = ny };
	if (counterpart) {
		o.budget = yoy_doc_is_final(doc) ? counterpart : doc;
		o.final = yoy_doc_is_final(doc) ? doc : counterpart;
	}
	if (yoy_report_build(&rep, doc, prior, &o, &err)) {
		status = fail_with(&err);
		goto done;
	}
	if (!(text = render(a.format, rep))) {
		error("out of memory");
		status = EXIT_INTERNAL;
		goto done;
	}
	if (write_output(out, text, strlen(text)))
		status = EXIT_INPUT;
done:
	free(text);
	yoy_report_free(rep);
	yoy_doc_free(counterpart);
	yoy_docs_free(years, ny);
	free(key);
	yoy_store_free(st);
	return status;
}
