/* yoy log [DEPARTMENT] : what the history holds, and its revisions. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "model/jsonw.h"
#include "util/util.h"
#include "yoy/history.h"

static const char usage[] = "yoy log [--repo DIR] [--rev REV] [--format text|json] [-o FILE] [DEPARTMENT]";

static void help(void)
{
	printf("usage: %s\n\n"
	       "Without DEPARTMENT: every department with the other names it was\n"
	       "printed as (aliases.json), the years and kinds stored and how many\n"
	       "revisions each has.  With DEPARTMENT (a stored name, an\n"
	       "alias, or a unique part of one): each of its disclosures with every\n"
	       "import that wrote it.  Plain git works on the repository too:\n"
	       "  git -C history log --stat\n\n"
	       "  --repo DIR   the history repository (default $YOY_REPO, else ./history)\n"
	       "  --rev REV    as of this revision (commit id, tag, HEAD~2, ...)\n"
	       "  --format FMT  text (default) or json (schema yoy-log/1)\n"
	       "  -o, --output FILE  write to FILE (atomically) instead of standard output\n\n"
	       "Exit status: 0 ok, 2 usage, 4 history repository error.\n",
	       usage);
}

/* The line of a merge's message that says how it chose between two
 * publications of path ("  <dept>/<year>/<kind>: current theirs ..."),
 * or NULL when the merge only brought it over. */
static const char *merge_choice(const yoy_commit_info *ci, const char *path)
{
	size_t g = strlen(path) - strlen(".json");
	for (const char *p = ci->message; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (strncmp(p, "  ", 2) == 0 && strncmp(p + 2, path, g) == 0 &&
		    strncmp(p + 2 + g, ": current ", 10) == 0)
			return p + 2 + g + 2;
	return NULL;
}

/* Whether ci is a revision of path: an import that wrote it, or a merge
 * that chose between two publications of it. */
static bool is_revision(const yoy_commit_info *ci, const char *path)
{
	return ci->parents < 2 ? yoy_commit_changed(ci, path) != 0 : merge_choice(ci, path) != NULL;
}

/* The commits that changed path, newest first. */
static void print_revisions(FILE *o, const yoy_commit_info *log, size_t n, const char *path)
{
	for (size_t c = 0; c < n; c++) {
		if (!is_revision(&log[c], path))
			continue;
		const char *m = log[c].message;
		char when[32];
		format_time(when, sizeof when, log[c].time);
		fprintf(o, "      %.12s  %s  %.*s\n", log[c].id, when, (int)strcspn(m, "\n"), m);
		const char *choice = log[c].parents > 1 ? merge_choice(&log[c], path) : NULL;
		if (choice)
			fprintf(o, "        republished on both sides: %.*s\n",
				(int)strcspn(choice, "\n"), choice);
	}
}

/* The printed names filed under dept (aliases.json), on one line. */
static void print_other_names(FILE *o, const yoy_aliases *a, const char *dept)
{
	const char *sep = "  also printed as: ";
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->to[i], dept) == 0) {
			fprintf(o, "%s%s", sep, a->from[i]);
			sep = ", ";
		}
	if (*sep == ',')
		fprintf(o, "\n");
}

/* The same as JSON, schema "yoy-log/1": departments, the names they were
 * printed as, their disclosures and (with a department) each one's
 * revisions.  False when out of memory. */
static bool log_json(FILE *o, const yoy_entry *v, size_t n, const char *key,
		     const yoy_aliases *a, const yoy_commit_info *log, size_t nlog, const char *rev)
{
	sbuf b;
	sbuf_init(&b);
	jsonw w;
	jw_init(&w, &b);
	jw_object(&w, NULL, JW_PRETTY);
	jw_str(&w, "schema", "yoy-log/1");
	jw_str(&w, "rev", rev);
	jw_array(&w, "departments", JW_PRETTY);
	for (size_t i = 0; i < n;) {
		const char *dept = v[i].department;
		size_t end = i;
		while (end < n && strcmp(v[end].department, dept) == 0)
			end++;
		if (key && strcmp(dept, key) != 0) {
			i = end;
			continue;
		}
		jw_object(&w, NULL, JW_PRETTY);
		jw_str(&w, "department", dept);
		jw_array(&w, "also_printed_as", JW_COMPACT);
		for (size_t k = 0; k < a->n; k++)
			if (strcmp(a->to[k], dept) == 0)
				jw_str(&w, NULL, a->from[k]);
		jw_end(&w);
		jw_array(&w, "disclosures", JW_LINES);
		for (; i < end; i++) {
			const yoy_entry *e = &v[i];
			jw_object(&w, NULL, JW_COMPACT);
			jw_int(&w, "year", e->year);
			jw_str(&w, "kind", e->kind);
			jw_str(&w, "path", e->path);
			jw_int(&w, "revisions", e->revisions);
			if (e->last_id[0])
				jw_str(&w, "latest", e->last_id);
			if (key) {
				jw_array(&w, "commits", JW_COMPACT);
				for (size_t c = 0; c < nlog; c++)
					if (is_revision(&log[c], e->path))
						jw_str(&w, NULL, log[c].id);
				jw_end(&w);
			}
			jw_end(&w);
		}
		jw_end(&w);
		jw_end(&w);
	}
	jw_end(&w);
	jw_end(&w);
	char *text = jw_finish(&w);
	bool ok = text != NULL;
	if (ok)
		fputs(text, o);
	free(text);
	return ok;
}

/* The commits that changed something of department key. */
static int scoped_log(yoy_store *st, const char *rev, const char *key, yoy_commit_info **log,
		      size_t *n, yoy_error *err)
{
	char dir[1024];
	snprintf(dir, sizeof dir, "%s/", key);
	return yoy_store_log_scoped(st, rev, NULL, dir, YOY_DOCUMENT_DEPTH, log, n, err);
}

static const struct option longs[] = {
	REPO_OPTION,
	{ "rev", required_argument, NULL, OPT_REV },
	OUTPUT_OPTION,
	FORMAT_OPTION,
	HELP_OPTION,
	{ 0 },
};

int cmd_log(int argc, char **argv)
{
	const char *repo = NULL, *rev = NULL, *dept = NULL, *out = "-", *format = "text";
	options_begin();
	int c;
	while ((c = next_option(argc, argv, "o:", longs, usage)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case OPT_FORMAT: format = optarg; break;
		case OPT_REPO: repo = optarg; break;
		case OPT_REV: rev = optarg; break;
		case 'h': help(); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (argc - optind > 1)
		return usage_error(usage, "one department at a time");
	if (strcmp(format, "text") && strcmp(format, "json"))
		return usage_error(usage, "--format is text or json");
	bool json = strcmp(format, "json") == 0;
	if (optind < argc)
		dept = argv[optind];
	yoy_error err;
	yoy_error_clear(&err);
	yoy_store *st = NULL;
	yoy_entry *v = NULL;
	size_t n = 0;
	yoy_commit_info *log = NULL;
	size_t nlog = 0;
	char *key = NULL, *text = NULL;
	size_t text_len = 0;
	FILE *o = open_memstream(&text, &text_len); /* written at once: -o is atomic */
	if (!o) {
		error("out of memory");
		return EXIT_INTERNAL;
	}
	yoy_aliases aliases;
	memset(&aliases, 0, sizeof aliases);
	int status = EXIT_OK;
	if (yoy_store_open(&st, repo_dir(repo), 0, &err) ||
	    (dept && yoy_history_department(st, rev, dept, &key, &err)) ||
	    yoy_history_catalog(st, rev, key, key ? 0 : YOY_CATALOG_REVISIONS, &v, &n, &err) ||
	    yoy_history_aliases(&aliases, st, rev, &err) ||
	    (key && scoped_log(st, rev, key, &log, &nlog, &err))) {
		status = fail_with(&err);
		goto done;
	}
	if (key) /* one walk of the department's history for both */
		yoy_history_count_revisions(v, n, log, nlog);
	if (json) {
		if (!log_json(o, v, n, key, &aliases, log, nlog, rev))
			status = EXIT_INTERNAL;
		goto write;
	}
	if (n == 0)
		fprintf(o, "the history at %s is empty\n", yoy_store_dir(st));
	const char *last = NULL;
	for (size_t i = 0; i < n; i++) {
		const yoy_entry *e = &v[i];
		if (key && strcmp(e->department, key) != 0)
			continue;
		if (!last || strcmp(last, e->department) != 0) {
			fprintf(o, "%s\n", e->department);
			print_other_names(o, &aliases, e->department);
			last = e->department;
		}

		fprintf(o, "  %d  %-26s %d revision%s%s%.12s\n", e->year, e->kind, e->revisions,
		       e->revisions == 1 ? ", " : "s, ", e->last_id[0] ? "latest " : "",
		       e->last_id);
		if (key)
			print_revisions(o, log, nlog, e->path);
	}
write:
	fclose(o);
	o = NULL;
	if (status == EXIT_OK && write_output(out, text, text_len))
		status = EXIT_INPUT;
done:
	if (o)
		fclose(o);
	free(text);
	yoy_aliases_free(&aliases);
	free(key);
	yoy_commit_infos_free(log, nlog);
	yoy_entries_free(v, n);
	yoy_store_free(st);
	return status;
}
