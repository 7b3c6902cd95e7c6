/* yoy parse FILE... : a disclosure to normalized JSON. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "yoy/json.h"
#include "yoy/parse.h"
#include "yoy/render.h"

static const char usage[] =
	"yoy parse [--format json|summary|lines|csv] [--table KIND] [-o OUT] [--quiet]\n"
	"                 FILE [TABLES_FILE]";

static void help(void)
{
	printf("usage: %s\n\n"
	       "Parse one published disclosure (tabbed text, GB18030 or UTF-8, or PDF)\n"
	       "and print its normalized JSON (schema in history/README.md).\n"
	       "Give two files when the tables were published as a separate PDF.\n"
	       "A stored yoy JSON file is read back and printed again.\n\n"
	       "  --format FORMAT   json (default), summary (readable overview),\n"
	       "                    lines (the extracted text as yoy sees it), or\n"
	       "                    csv (one table, for Excel: UTF-8 with BOM)\n"
	       "  --table KIND      the table --format csv writes (default expenditure)\n"
	       "  -o, --output OUT  write to OUT (atomically) instead of stdout\n"
	       "  -q, --quiet       do not print parse warnings on stderr\n\n"
	       "Exit status: 0 parsed, 2 usage, 3 unreadable or not a disclosure.\n",
	       usage);
}

int cmd_parse(int argc, char **argv)
{
	const char *out = "-";
	const char *format = "json", *table = "expenditure";
	bool quiet = false;
	const char *files[8];
	size_t nfiles = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int r;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			help();
			return EXIT_OK;
		}
		if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
			quiet = true;
		} else if (strcmp(a, "-o") == 0) {
			if (i + 1 >= argc)
				return usage_error(usage, "-o needs a file name");
			out = argv[++i];
		} else if ((r = option_value(argc, argv, &i, "--output", &out)) != 0) {
			if (r < 0)
				return usage_error(usage, "--output needs a file name");
		} else if ((r = option_value(argc, argv, &i, "--format", &format)) != 0) {
			if (r < 0 || (strcmp(format, "json") && strcmp(format, "summary") &&
				       strcmp(format, "lines") && strcmp(format, "csv")))
				return usage_error(usage, "--format is json, summary, lines or csv");
		} else if ((r = option_value(argc, argv, &i, "--table", &table)) != 0) {
			if (r < 0 || yoy_table_kind_parse(table) == YOY_TABLE_UNKNOWN)
				return usage_error(usage, "--table wants a table kind such as "
							  "expenditure");
		} else if (a[0] == '-' && a[1]) {
			return usage_error(usage, "unknown option '%s'", a);
		} else if (nfiles < 2) {
			files[nfiles++] = a;
		} else {
			return usage_error(usage, "at most two files make one disclosure");
		}
	}
	if (nfiles == 0)
		return usage_error(usage, "no input file");
	yoy_error err;
	yoy_error_clear(&err);
	if (strcmp(format, "lines") == 0) {
		if (nfiles != 1)
			return usage_error(usage, "--format lines takes one file");
		char *text;
		if (yoy_extract_lines(&text, files[0], &err))
			return fail_with(&err);
		int wrc = write_output(out, text, strlen(text)) ? EXIT_INPUT : EXIT_OK;
		free(text);
		return wrc;
	}
	yoy_doc *doc;
	int rc = yoy_parse_files(&doc, files, nfiles, &err);
	if (rc)
		return fail_with(&err);
	if (!quiet)
		print_doc_warnings(doc);
	char *json;
	if (strcmp(format, "csv") == 0) {
		const yoy_table *t = yoy_doc_table(doc, yoy_table_kind_parse(table));
		if (!t) {
			error("%s: no %s table in this disclosure", files[0], table);
			yoy_doc_free(doc);
			return EXIT_INPUT;
		}
		json = yoy_render_table_csv(t);
	} else {
		json = strcmp(format, "summary") == 0 ? yoy_render_summary(doc)
						      : yoy_json_write(doc);
	}
	yoy_doc_free(doc);
	if (!json) {
		error("out of memory");
		return EXIT_INTERNAL;
	}
	rc = write_output(out, json, strlen(json)) ? EXIT_INPUT : EXIT_OK;
	free(json);
	return rc;
}
