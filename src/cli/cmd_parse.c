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

enum { OPT_TABLE = OPT_OWN };

static const struct option longs[] = {
	FORMAT_OPTION,
	{ "table", required_argument, NULL, OPT_TABLE },
	{ "quiet", no_argument, NULL, 'q' },
	OUTPUT_OPTION,
	HELP_OPTION,
	{ 0 },
};

int cmd_parse(int argc, char **argv)
{
	const char *out = "-";
	const char *format = "json", *table = "expenditure";
	bool quiet = false;
	options_begin();
	int c;
	while ((c = next_option(argc, argv, "qo:", longs, usage)) != -1) {
		switch (c) {
		case 'q': quiet = true; break;
		case 'o': out = optarg; break;
		case OPT_FORMAT:
			format = optarg;
			if (strcmp(format, "json") && strcmp(format, "summary") &&
			    strcmp(format, "lines") && strcmp(format, "csv"))
				return usage_error(usage, "--format is json, summary, lines or csv");
			break;
		case OPT_TABLE:
			table = optarg;
			if (yoy_table_kind_parse(table) == YOY_TABLE_UNKNOWN)
				return usage_error(usage, "--table wants a table kind such as "
							  "expenditure");
			break;
		case 'h': help(); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	const char *const *files = (const char *const *)argv + optind;
	size_t nfiles = (size_t)(argc - optind);
	if (nfiles == 0)
		return usage_error(usage, "no input file");
	if (nfiles > 2)
		return usage_error(usage, "at most two files make one disclosure");
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
		print_doc_warnings(doc, files, nfiles);
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
