/* yoy show DEPARTMENT YEAR : print a stored disclosure. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "yoy/history.h"
#include "yoy/json.h"
#include "yoy/render.h"

static const char usage[] =
	"yoy show [--repo DIR] [--rev REV] [--kind KIND] [--format json|summary] [-o FILE] "
	"DEPARTMENT YEAR";

static void help(void)
{
	printf("usage: %s\n\n"
	       "Print the stored JSON of a department's disclosure for YEAR (or, with\n"
	       "--format summary, a readable overview).  DEPARTMENT may be the stored\n"
	       "name, an alias or a unique part of one.\n\n"
	       "  --repo DIR     the history repository (default $YOY_REPO, else ./history)\n"
	       "  --rev REV      as stored at this revision (commit id, tag, HEAD~1, ...)\n"
	       "  --kind KIND    department_budget (default when several), unit_budget, ...\n"
	       "  --format FMT   json (default) or summary\n"
	       "  -o, --output FILE  write to FILE (atomically) instead of standard output\n\n"
	       "Exit status: 0 ok, 2 usage, 4 not in the history or repository error.\n",
	       usage);
}


static const struct option longs[] = {
	HISTORY_OPTIONS,
	FORMAT_OPTION,
	OUTPUT_OPTION,
	HELP_OPTION,
	{ 0 },
};

int cmd_show(int argc, char **argv)
{
	const char *repo = NULL, *rev = NULL, *kind = NULL, *format = "json", *out = "-";
	options_begin();
	int c;
	while ((c = next_option(argc, argv, "o:", longs, usage)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case OPT_REPO: repo = optarg; break;
		case OPT_REV: rev = optarg; break;
		case OPT_KIND: kind = optarg; break;
		case OPT_FORMAT: format = optarg; break;
		case 'h': help(); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	const char *const *pos = (const char *const *)argv + optind;
	int npos = argc - optind;
	if (npos > 2)
		return usage_error(usage, "too many arguments");
	if (npos != 2)
		return usage_error(usage, "give a department and a year");
	int year;
	if (parse_year(pos[1], &year))
		return usage_error(usage, "'%s' is not a year", pos[1]);
	if (strcmp(format, "json") && strcmp(format, "summary"))
		return usage_error(usage, "--format is json or summary");
	yoy_error err;
	yoy_error_clear(&err);
	yoy_store *st = NULL;
	char *key = NULL, *path = NULL, *data = NULL;
	size_t len = 0;
	int status = EXIT_OK;
	if (yoy_store_open(&st, repo_dir(repo), 0, &err) ||
	    yoy_history_department(st, rev, pos[0], &key, &err) ||
	    yoy_history_path(st, rev, key, year, kind, &path, &err) ||
	    yoy_store_read(st, rev, path, &data, &len, &err)) {
		status = fail_with(&err);
		goto done;
	}
	if (strcmp(format, "json") == 0) {
		if (write_output(out, data, len))
			status = EXIT_INPUT;
	} else {
		yoy_doc *doc;
		if (yoy_json_read(&doc, data, len, path, &err)) {
			status = fail_with(&err);
			goto done;
		}
		char *text = yoy_render_summary(doc);
		yoy_doc_free(doc);
		if (!text || write_output(out, text, strlen(text)))
			status = EXIT_INTERNAL;
		free(text);
	}
done:
	free(data);
	free(path);
	free(key);
	yoy_store_free(st);
	return status;
}
