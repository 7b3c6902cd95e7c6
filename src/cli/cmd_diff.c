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
	"       yoy diff [options] FILE_A FILE_B";

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
	       "  -o FILE            write to FILE (atomically) instead of standard output\n"
	       "  --repo DIR         the history repository (default $YOY_REPO, else ./history)\n"
	       "  --rev REV          the history as of this revision\n"
	       "  --kind KIND        department_budget (default when several), ...\n\n"
	       "Exit status: 0 done (with --exit-code: no differences), 1 differences\n"
	       "with --exit-code, 2 usage, 3 unreadable input, 4 not in the history.\n",
	       usage);
}

int cmd_diff(int argc, char **argv)
{
	const char *repo = NULL, *rev = NULL, *kind = NULL, *format = "text", *by = "code";
	const char *min_change = NULL, *min_percent = NULL, *color = "auto", *out = "-";
	const char *aliases_file = NULL, *similarity = NULL;
	bool stat = false, exit_code = false;
	char *pos[3];
	int npos = 0;
	yoy_table_kind tables[YOY_TABLE_KIND_COUNT + 1];
	size_t ntables = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *table = NULL;
		int r;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			help();
			return EXIT_OK;
		}
		if ((r = option_value(argc, argv, &i, "--repo", &repo)) ||
		    (r = option_value(argc, argv, &i, "--rev", &rev)) ||
		    (r = option_value(argc, argv, &i, "--kind", &kind)) ||
		    (r = option_value(argc, argv, &i, "--format", &format)) ||
		    (r = option_value(argc, argv, &i, "--by", &by)) ||
		    (r = option_value(argc, argv, &i, "--min-change", &min_change)) ||
		    (r = option_value(argc, argv, &i, "--min-percent", &min_percent)) ||
		    (r = option_value(argc, argv, &i, "--similarity", &similarity)) ||
		    (r = option_value(argc, argv, &i, "--aliases", &aliases_file)) ||
		    (r = option_value(argc, argv, &i, "--color", &color)) ||
		    (r = option_value(argc, argv, &i, "-o", &out)) ||
		    (r = option_value(argc, argv, &i, "--table", &table))) {
			if (r < 0)
				return usage_error(usage, "%s needs a value", a);
			if (table) {
				yoy_table_kind k = strcmp(table, "forms") == 0
						   ? YOY_TABLE_KIND_COUNT : yoy_table_kind_parse(table);
				if (k == YOY_TABLE_UNKNOWN)
					return usage_error(usage, "'%s' is not a table kind", table);
				if (ntables <= YOY_TABLE_KIND_COUNT)
					tables[ntables++] = k;
			}
		} else if (strcmp(a, "--stat") == 0) {
			stat = true;
		} else if (strcmp(a, "--exit-code") == 0) {
			exit_code = true;
		} else if (a[0] == '-' && a[1]) {
			return usage_error(usage, "unknown option '%s'", a);
		} else if (npos < 3) {
			pos[npos++] = argv[i];
		} else {
			return usage_error(usage, "too many arguments");
		}
	}
	yoy_diff_options opt = { 0 };
	int b = yoy_diff_by_parse(by);
	if (b < 0)
		return usage_error(usage, "--by is code, project, economic, summary or all");
	opt.by = (yoy_diff_by)b;
	opt.tables = tables;
	opt.ntables = ntables;
	if (strcmp(format, "text") && strcmp(format, "json") && strcmp(format, "csv") &&
	    strcmp(format, "md"))
		return usage_error(usage, "--format is text, json, csv or md");
	if (min_change && parse_amount(min_change, &opt.min_change_fen))
		return usage_error(usage, "--min-change wants an amount (10, 10万元, 5000元), not '%s'",
				   min_change);
	if (min_percent && parse_percent(min_percent, &opt.min_percent))
		return usage_error(usage, "--min-percent wants a percent (5, 12.5), not '%s'",
				   min_percent);
	if (similarity) {
		char *end;
		long v = strtol(similarity, &end, 10);
		if (*end || v < 1 || v > 100)
			return usage_error(usage, "--similarity wants 1 to 100, not '%s'", similarity);
		opt.min_similarity = (int)v;
	}
	bool use_color;
	if (strcmp(color, "always") == 0)
		use_color = true;
	else if (strcmp(color, "never") == 0)
		use_color = false;
	else if (strcmp(color, "auto") == 0)
		use_color = strcmp(out, "-") == 0 && isatty(STDOUT_FILENO) &&
			    !(getenv("NO_COLOR") && *getenv("NO_COLOR"));
	else
		return usage_error(usage, "--color is auto, always or never");
	if (strcmp(format, "text") != 0)
		use_color = false;
	if (npos != 2 && npos != 3)
		return usage_error(usage, "give DEPARTMENT YEAR_A YEAR_B, or FILE_A FILE_B");
	int years[2] = { 0, 0 };
	for (int k = 0; npos == 3 && k < 2; k++)
		if (parse_year(pos[1 + k], &years[k]))
			return usage_error(usage, "'%s' is not a year", pos[1 + k]);

	yoy_error err;
	yoy_error_clear(&err);
	yoy_store *st = NULL;
	yoy_doc *docs[2] = { NULL, NULL };
	yoy_diff *d = NULL;
	yoy_aliases aliases = { 0 };
	char *key = NULL, *text = NULL, *data = NULL;
	int status = EXIT_OK;
	if (npos == 3) {
		if (yoy_store_open(&st, repo_dir(repo), 0, &err) ||
		    yoy_history_department(st, rev, pos[0], &key, &err) ||
		    yoy_history_load(&docs[0], NULL, st, rev, key, years[0], kind, &err) ||
		    yoy_history_load(&docs[1], NULL, st, rev, key, years[1], kind, &err) ||
		    (!aliases_file && yoy_history_project_aliases(&aliases, st, rev, key, &err))) {
			status = fail_with(&err);
			goto done;
		}
	} else {
		for (int k = 0; k < 2; k++)
			if (load_disclosure(&docs[k], pos[k], &err)) {
				status = fail_with(&err);
				goto done;
			}
	}
	if (aliases_file) {
		yoy_buffer buf;
		int rc = yoy_buffer_read(&buf, aliases_file, &err);
		if (!rc) {
			rc = yoy_aliases_read(&aliases, YOY_ALIASES_PROJECTS, buf.data, buf.size,
					      aliases_file, &err);
			yoy_buffer_free(&buf);
		}
		if (rc) {
			status = fail_with(&err);
			goto done;
		}
	}
	opt.project_aliases = &aliases;
	if (yoy_diff_docs(&d, docs[0], docs[1], &opt, &err)) {
		status = fail_with(&err);
		goto done;
	}
	char la[16] = "A", lb[16] = "B";
	if (docs[0]->year != docs[1]->year) {
		snprintf(la, sizeof la, "%d", docs[0]->year);
		snprintf(lb, sizeof lb, "%d", docs[1]->year);
	}
	yoy_diff_render_options ro = { la, lb, use_color, stat };
	if (strcmp(format, "json") == 0)
		text = yoy_render_diff_json(d, &ro);
	else if (strcmp(format, "csv") == 0)
		text = yoy_render_diff_csv(d, &ro);
	else if (strcmp(format, "md") == 0)
		text = yoy_render_diff_md(d, &ro);
	else
		text = yoy_render_diff_text(d, &ro);
	if (!text) {
		error("out of memory");
		status = EXIT_INTERNAL;
		goto done;
	}
	if (write_output(out, text, strlen(text))) {
		status = EXIT_INPUT;
		goto done;
	}
	if (exit_code && yoy_diff_changes(d))
		status = EXIT_FOUND;
done:
	free(text);
	free(data);
	free(key);
	yoy_aliases_free(&aliases);
	yoy_diff_free(d);
	yoy_doc_free(docs[0]);
	yoy_doc_free(docs[1]);
	yoy_store_free(st);
	return status;
}
