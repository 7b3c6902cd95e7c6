/* yoy diff: what changed between two years of a department. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "yoy/amount.h"
#include "yoy/diff.h"
#include "yoy/history.h"
#include "yoy/json.h"
#include "yoy/parse.h"
#include "yoy/render.h"

static const char usage[] =
	"yoy diff [options] DEPARTMENT YEAR_A YEAR_B\n"
	"       yoy diff [options] FILE_A FILE_B\n"
	"       yoy diff --execution [options] DEPARTMENT YEAR\n"
	"       yoy diff --execution [options] BUDGET_FILE FINAL_FILE";

static void help(void)
{
	printf("usage: %s\n\n"
	       "Compare two years of a department, from the history repository or from\n"
	       "two disclosures (text, PDF or stored JSON; NARRATIVE+TABLES for one\n"
	       "published in two files).  Rows pair by classification code, by fixed\n"
	       "line, or by name; renamed and recoded codes and renamed projects are\n"
	       "shown as such.  Figures are exact, in a common unit; the largest\n"
	       "changes come first.\n\n"
	       "  --by WHAT          code (default): tables by function code;\n"
	       "                     project: projects and performance forms;\n"
	       "                     economic: basic expenditure by economic class;\n"
	       "                     summary: summary lines, \"三公\", 机关运行经费, 政府采购;\n"
	       "                     all: every table both years have\n"
	       "  --execution        a year's budget against its 决算 (also\n"
	       "                     --budget-vs-final): rows pair as above, the change\n"
	       "                     is 决算 − 预算 and the percent the 执行率 决算 / 预算;\n"
	       "                     from history DEPARTMENT YEAR, or the two files\n"
	       "  --table KIND       only this table kind (repeatable), e.g. expenditure\n"
	       "  --format FMT       text (default), json, csv (UTF-8 with BOM, for Excel)\n"
	       "                     or md\n"
	       "  --stat             one screen: counts and totals per table, top changes\n"
	       "  --min-change AMT   only changes of at least AMT (10 = 10万元; or 5000元)\n"
	       "  --min-percent P    only changes of at least P percent\n"
	       "  --similarity N     pair projects whose names are N%% alike (default 60)\n"
	       "  --aliases FILE     project aliases (yoy-project-aliases/1); from history,\n"
	       "                     <department>/aliases.json is read by default\n"
	       "  --exit-code        exit 1 when there are differences, as git diff does\n"
	       "  --color WHEN       auto (default: on a terminal, unless NO_COLOR is set),\n"
	       "                     always or never\n"
	       "  -o, --output FILE  write to FILE (atomically) instead of standard output\n"
	       "  --repo DIR         the history repository (default $YOY_REPO, else ./history)\n"
	       "  --rev REV          the history as of this revision\n"
	       "  --kind KIND        department_budget (default when several), ...\n\n"
	       "Exit status: 0 done (with --exit-code: no differences), 1 differences\n"
	       "with --exit-code, 2 usage, 3 unreadable input, 4 not in the history.\n",
	       usage);
}

typedef struct diff_args {
	const char *repo, *rev, *kind, *format, *out, *aliases_file;
	bool stat, exit_code, color, execution;
	char **pos;
	int npos;
	int years[2];
	char revision[41];     /* the history revision read, "" for files */
	yoy_table_kind tables[YOY_TABLE_KIND_COUNT + 1];
	yoy_diff_options opt;
} diff_args;

enum {
	OPT_BY = OPT_OWN, OPT_MIN_CHANGE, OPT_MIN_PERCENT, OPT_SIMILARITY, OPT_ALIASES,
	OPT_COLOR, OPT_TABLE, OPT_STAT, OPT_EXIT_CODE, OPT_EXECUTION
};

static const struct option longs[] = {
	HISTORY_OPTIONS,
	FORMAT_OPTION,
	{ "by", required_argument, NULL, OPT_BY },
	{ "min-change", required_argument, NULL, OPT_MIN_CHANGE },
	{ "min-percent", required_argument, NULL, OPT_MIN_PERCENT },
	{ "similarity", required_argument, NULL, OPT_SIMILARITY },
	{ "aliases", required_argument, NULL, OPT_ALIASES },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "table", required_argument, NULL, OPT_TABLE },
	{ "stat", no_argument, NULL, OPT_STAT },
	{ "exit-code", no_argument, NULL, OPT_EXIT_CODE },
	{ "execution", no_argument, NULL, OPT_EXECUTION },
	{ "budget-vs-final", no_argument, NULL, OPT_EXECUTION },
	OUTPUT_OPTION,
	HELP_OPTION,
	{ 0 },
};

/* One option's value into a; returns -1 to go on, else the exit status. */
static int diff_option(diff_args *a, int c, const char **by, const char **color)
{
	const char *v = optarg;
	switch (c) {
	case OPT_REPO: a->repo = v; break;
	case OPT_REV: a->rev = v; break;
	case OPT_KIND: a->kind = v; break;
	case OPT_FORMAT: a->format = v; break;
	case OPT_BY: *by = v; break;
	case OPT_ALIASES: a->aliases_file = v; break;
	case OPT_COLOR: *color = v; break;
	case 'o': a->out = v; break;
	case OPT_STAT: a->stat = true; break;
	case OPT_EXIT_CODE: a->exit_code = true; break;
	case OPT_EXECUTION: a->execution = true; break;
	case OPT_MIN_CHANGE:
		if (parse_amount(v, &a->opt.min_change_fen))
			return usage_error(usage, "--min-change wants an amount (10, 10万元, 5000元), "
						  "not '%s'", v);
		break;
	case OPT_MIN_PERCENT:
		if (parse_percent(v, &a->opt.min_percent))
			return usage_error(usage, "--min-percent wants a percent (5, 12.5), not '%s'",
					   v);
		break;
	case OPT_SIMILARITY: {
		char *end;
		long n = strtol(v, &end, 10);
		if (*end || n < 1 || n > 100)
			return usage_error(usage, "--similarity wants 1 to 100, not '%s'", v);
		a->opt.min_similarity = (int)n;
		break;
	}
	case OPT_TABLE: {
		yoy_table_kind k = strcmp(v, "forms") == 0 ? YOY_TABLE_KIND_COUNT
							   : yoy_table_kind_parse(v);
		if (k == YOY_TABLE_UNKNOWN)
			return usage_error(usage, "'%s' is not a table kind", v);
		if (a->opt.ntables <= YOY_TABLE_KIND_COUNT)
			a->tables[a->opt.ntables++] = k;
		break;
	}
	case 'h': help(); return EXIT_OK;
	default: return EXIT_USAGE;
	}
	return -1;
}

/* The command line into a; returns -1 to go on, else the exit status. */
static int diff_options(diff_args *a, int argc, char **argv)
{
	const char *by = "code", *color = "auto";
	*a = (diff_args){ .format = "text", .out = "-" };
	a->opt.tables = a->tables;
	options_begin();
	int c, rc;
	while ((c = next_option(argc, argv, "o:", longs, usage)) != -1)
		if ((rc = diff_option(a, c, &by, &color)) >= 0)
			return rc;
	int b = yoy_diff_by_parse(by);
	if (b < 0)
		return usage_error(usage, "--by is code, project, economic, summary or all");
	a->opt.by = (yoy_diff_by)b;
	if (strcmp(a->format, "text") && strcmp(a->format, "json") && strcmp(a->format, "csv") &&
	    strcmp(a->format, "md"))
		return usage_error(usage, "--format is text, json, csv or md");
	if (parse_color(color, a->out, a->format, usage, &a->color))
		return EXIT_USAGE;
	a->pos = argv + optind;
	a->npos = argc - optind;
	if (a->execution) {
		if (a->npos != 2)
			return usage_error(usage, "--execution takes DEPARTMENT YEAR, or "
						  "BUDGET_FILE FINAL_FILE");
		/* DEPARTMENT YEAR from history unless the second is a file */
		if (!parse_year(a->pos[1], &a->years[0]) && access(a->pos[1], F_OK) != 0)
			a->years[1] = a->years[0];
		else
			a->years[0] = 0;
		return -1;
	}
	if (a->npos != 2 && a->npos != 3)
		return usage_error(usage, a->npos > 3 ? "too many arguments"
						      : "give DEPARTMENT YEAR_A YEAR_B, or FILE_A FILE_B");
	for (int k = 0; a->npos == 3 && k < 2; k++)
		if (parse_year(a->pos[1 + k], &a->years[k]))
			return usage_error(usage, "'%s' is not a year", a->pos[1 + k]);
	return -1;
}

/* --execution with two files: the budget first, the 决算 second (given
 * either way round), of one year. */
static int budget_then_final(const diff_args *a, yoy_doc **docs, yoy_error *err)
{
	if (yoy_doc_is_final(docs[0]) && !yoy_doc_is_final(docs[1])) {
		yoy_doc *t = docs[0];
		docs[0] = docs[1];
		docs[1] = t;
	}
	if (yoy_doc_is_final(docs[0]) || !yoy_doc_is_final(docs[1]))
		return yoy_error_set(err, YOY_EINPUT,
				     "--execution compares a budget with a 决算: %s is %s, %s is %s",
				     a->pos[0], docs[0]->kind ? docs[0]->kind : "?", a->pos[1],
				     docs[1]->kind ? docs[1]->kind : "?");
	if (docs[0]->year != docs[1]->year)
		return yoy_error_set(err, YOY_EINPUT,
				     "--execution compares one year: the budget is for %d, the "
				     "决算 for %d", docs[0]->year, docs[1]->year);
	return 0;
}

/* The two documents, from history or from files, and the project
 * aliases (--aliases, else the department's in history). */
static int load_pair(diff_args *a, yoy_store **st, yoy_doc **docs, yoy_aliases *aliases,
		     yoy_error *err)
{
	char *key = NULL;
	int rc = 0;
	if (a->execution && a->years[0]) {
		/* the year's budget and its 决算, of the kinds --kind names */
		const char *budget = a->kind && strstr(a->kind, "_final")
					     ? yoy_kind_counterpart(a->kind)
					     : a->kind ? a->kind : "department_budget";
		const char *final = yoy_kind_counterpart(budget);
		rc = yoy_store_open(st, repo_dir(a->repo), 0, err) ||
		     yoy_history_department(*st, a->rev, a->pos[0], &key, err) ||
		     yoy_history_load(&docs[0], NULL, *st, a->rev, key, a->years[0], budget, err) ||
		     yoy_history_load(&docs[1], NULL, *st, a->rev, key, a->years[0], final, err) ||
		     yoy_store_resolve(*st, a->rev, a->revision, err) ||
		     (!a->aliases_file &&
		      yoy_history_project_aliases(aliases, *st, a->rev, key, err));
	} else if (a->npos == 3) {
		rc = yoy_store_open(st, repo_dir(a->repo), 0, err) ||
		     yoy_history_department(*st, a->rev, a->pos[0], &key, err) ||
		     yoy_history_load(&docs[0], NULL, *st, a->rev, key, a->years[0], a->kind, err) ||
		     yoy_history_load(&docs[1], NULL, *st, a->rev, key, a->years[1], a->kind, err) ||
		     yoy_store_resolve(*st, a->rev, a->revision, err) ||
		     (!a->aliases_file &&
		      yoy_history_project_aliases(aliases, *st, a->rev, key, err));
	} else {
		rc = load_disclosure(&docs[0], a->pos[0], err) ||
		     load_disclosure(&docs[1], a->pos[1], err);
		if (!rc && a->execution)
			rc = budget_then_final(a, docs, err);
	}
	free(key);
	if (rc || !a->aliases_file)
		return rc;
	yoy_buffer buf;
	rc = yoy_buffer_read(&buf, a->aliases_file, err);
	if (!rc) {
		rc = yoy_aliases_read(aliases, YOY_ALIASES_PROJECTS, buf.data, buf.size,
				      a->aliases_file, err);
		yoy_buffer_free(&buf);
	}
	return rc;
}

static char *render(const diff_args *a, const yoy_diff *d, const yoy_doc *const *docs)
{
	char la[32] = "A", lb[32] = "B";
	if (a->execution) {
		snprintf(la, sizeof la, "%d预算", docs[0]->year);
		snprintf(lb, sizeof lb, "%d决算", docs[1]->year);
	} else if (docs[0]->year != docs[1]->year) {
		snprintf(la, sizeof la, "%d", docs[0]->year);
		snprintf(lb, sizeof lb, "%d", docs[1]->year);
	}
	yoy_diff_render_options ro = { la, lb, a->color, a->stat,
				       *a->revision ? a->revision : NULL, a->execution };
	if (strcmp(a->format, "json") == 0)
		return yoy_render_diff_json(d, &ro);
	if (strcmp(a->format, "csv") == 0)
		return yoy_render_diff_csv(d, &ro);
	if (strcmp(a->format, "md") == 0)
		return yoy_render_diff_md(d, &ro);
	return yoy_render_diff_text(d, &ro);
}

int cmd_diff(int argc, char **argv)
{
	diff_args a;
	int status = diff_options(&a, argc, argv);
	if (status >= 0)
		return status;
	status = EXIT_OK;
	yoy_error err;
	yoy_error_clear(&err);
	yoy_store *st = NULL;
	yoy_doc *docs[2] = { NULL, NULL };
	yoy_diff *d = NULL;
	yoy_aliases aliases = { 0 };
	char *text = NULL;
	a.opt.project_aliases = &aliases;
	if (load_pair(&a, &st, docs, &aliases, &err) ||
	    yoy_diff_docs(&d, docs[0], docs[1], &a.opt, &err)) {
		status = fail_with(&err);
		goto done;
	}
	if (!(text = render(&a, d, (const yoy_doc *const *)docs))) {
		error("out of memory");
		status = EXIT_INTERNAL;
	} else if (write_output(a.out, text, strlen(text))) {
		status = EXIT_INPUT;
	} else if (a.exit_code && yoy_diff_changes(d)) {
		status = EXIT_FOUND;
	}
done:
	free(text);
	yoy_aliases_free(&aliases);
	yoy_diff_free(d);
	yoy_doc_free(docs[0]);
	yoy_doc_free(docs[1]);
	yoy_store_free(st);
	return status;
}
