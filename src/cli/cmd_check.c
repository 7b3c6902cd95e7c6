/* yoy check: does a disclosure hold together, and against last year? */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "util/util.h"
#include "yoy/amount.h"
#include "yoy/check.h"
#include "yoy/history.h"
#include "yoy/parse.h"
#include "yoy/render.h"

static const char usage[] =
	"yoy check [options] FILE\n"
	"       yoy check [options] DEPARTMENT YEAR\n"
	"       yoy check [options] --all";

static void help(void)
{
	printf("usage: %s\n\n"
	       "Verify a disclosure: its tables add up (rows, parent codes, totals,\n"
	       "tables against each other), each figure, share and count the narrative\n"
	       "states matches the tables, each stated change holds in itself, and,\n"
	       "with last year's disclosure, each change holds against what last year\n"
	       "published; significant changes no statement explains are listed.\n"
	       "Figures are compared exactly, allowing only the rounding of what was\n"
	       "printed (shown as the envelope).  Rule ids are listed in README.md.\n\n"
	       "  --prior FILE       last year's disclosure, for FILE (text, PDF or JSON)\n"
	       "  --against YEAR     from history: compare with YEAR instead of the year before\n"
	       "  --all              every disclosure in history, each against its prior year\n"
	       "  --format FMT       text (default), json or md\n"
	       "  --show LEVEL       list findings at or above ok, info, warning (default)\n"
	       "                     or error\n"
	       "  --fail-on LEVEL    exit 1 when a finding is at or above LEVEL (default error)\n"
	       "  --min-change AMT   unexplained changes: at least AMT (default 100 = 100万元)\n"
	       "  --min-percent P    ... and at least P percent (default 10)\n"
	       "  --color WHEN       auto (default), always or never\n"
	       "  -o FILE            write to FILE (atomically) instead of standard output\n"
	       "  --repo DIR         the history repository (default $YOY_REPO, else ./history)\n"
	       "  --rev REV          the history as of this revision\n"
	       "  --kind KIND        department_budget (default when several), ...\n\n"
	       "Exit status: 0 nothing at or above --fail-on, 1 something is, 2 usage,\n"
	       "3 unreadable input, 4 not in the history.\n",
	       usage);
}

typedef struct run {
	const char *format;
	yoy_check_render_options ro;
	yoy_check_options co;
	yoy_severity fail_on;
	sbuf out;
	bool failed;    /* a finding at or above fail_on */
} run;

/* Check doc against prior and append the rendering. */
static int check_one(run *r, const yoy_doc *doc, const yoy_doc *prior, yoy_error *err)
{
	yoy_check_options co = r->co;
	co.prior = prior;
	yoy_check *c;
	if (yoy_check_doc(&c, doc, &co, err))
		return -1;
	char *text = strcmp(r->format, "json") == 0 ? yoy_render_check_json(c, &r->ro)
		     : strcmp(r->format, "md") == 0 ? yoy_render_check_md(c, &r->ro)
						    : yoy_render_check_text(c, &r->ro);
	for (int s = r->fail_on; s <= YOY_SEV_ERROR; s++)
		if (c->count[s])
			r->failed = true;
	yoy_check_free(c);
	if (!text)
		return yoy_error_set(err, YOY_ENOMEM, "out of memory"), -1;
	sbuf_puts(&r->out, text);
	free(text);
	return 0;
}

/* Every stored disclosure, each against the year before when stored. */
static int check_all(run *r, yoy_store *st, const char *rev, yoy_error *err)
{
	yoy_entry *v;
	size_t n;
	if (yoy_history_catalog(st, rev, &v, &n, err))
		return -1;
	bool json = strcmp(r->format, "json") == 0;
	if (json)
		sbuf_puts(&r->out, "[\n");
	int rc = 0;
	/* entries come by department, year, kind: the document just checked is
	 * often the next one's prior year, so it is kept rather than read twice */
	yoy_doc *last = NULL;
	size_t last_i = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		yoy_doc *doc = NULL, *prior = NULL;
		rc = yoy_history_load(&doc, NULL, st, rev, v[i].department, v[i].year, v[i].kind,
				      err);
		/* the prior year of the same kind, if stored */
		for (size_t j = 0; !rc && !prior && j < n; j++) {
			if (strcmp(v[j].department, v[i].department) != 0 ||
			    strcmp(v[j].kind, v[i].kind) != 0 || v[j].year != v[i].year - 1)
				continue;
			if (last && j == last_i) {
				prior = last;
				last = NULL;
			} else {
				rc = yoy_history_load(&prior, NULL, st, rev, v[j].department,
						      v[j].year, v[j].kind, err);
			}
		}
		if (!rc) {
			if (json && i)
				sbuf_puts(&r->out, ",\n");
			else if (!json && i)
				sbuf_puts(&r->out, "\n");
			rc = check_one(r, doc, prior, err);
		}
		yoy_doc_free(prior);
		yoy_doc_free(last);
		last = doc;
		last_i = i;
	}
	yoy_doc_free(last);
	if (json)
		sbuf_puts(&r->out, "]\n");
	yoy_entries_free(v, n);
	return rc;
}

int cmd_check(int argc, char **argv)
{
	const char *repo = NULL, *rev = NULL, *kind = NULL, *format = "text", *out = "-";
	const char *prior_file = NULL, *against = NULL, *show = "warning", *fail_on = "error";
	const char *min_change = NULL, *min_percent = NULL, *color = "auto";
	bool all = false;
	char *pos[2];
	int npos = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int rr;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			help();
			return EXIT_OK;
		}
		if ((rr = option_value(argc, argv, &i, "--repo", &repo)) ||
		    (rr = option_value(argc, argv, &i, "--rev", &rev)) ||
		    (rr = option_value(argc, argv, &i, "--kind", &kind)) ||
		    (rr = option_value(argc, argv, &i, "--format", &format)) ||
		    (rr = option_value(argc, argv, &i, "--prior", &prior_file)) ||
		    (rr = option_value(argc, argv, &i, "--against", &against)) ||
		    (rr = option_value(argc, argv, &i, "--show", &show)) ||
		    (rr = option_value(argc, argv, &i, "--fail-on", &fail_on)) ||
		    (rr = option_value(argc, argv, &i, "--min-change", &min_change)) ||
		    (rr = option_value(argc, argv, &i, "--min-percent", &min_percent)) ||
		    (rr = option_value(argc, argv, &i, "--color", &color)) ||
		    (rr = option_value(argc, argv, &i, "-o", &out))) {
			if (rr < 0)
				return usage_error(usage, "%s needs a value", a);
		} else if (strcmp(a, "--all") == 0) {
			all = true;
		} else if (a[0] == '-' && a[1]) {
			return usage_error(usage, "unknown option '%s'", a);
		} else if (npos < 2) {
			pos[npos++] = argv[i];
		} else {
			return usage_error(usage, "too many arguments");
		}
	}
	run r = { .format = format };
	sbuf_init(&r.out);
	if (strcmp(format, "text") && strcmp(format, "json") && strcmp(format, "md"))
		return usage_error(usage, "--format is text, json or md");
	int s = yoy_severity_parse(show), f = yoy_severity_parse(fail_on);
	if (s < 0)
		return usage_error(usage, "--show is ok, info, warning or error");
	if (f < 0 || f == YOY_SEV_OK)
		return usage_error(usage, "--fail-on is info, warning or error");
	r.ro.show = (yoy_severity)s;
	r.fail_on = (yoy_severity)f;
	if (min_change && parse_amount(min_change, &r.co.min_change_fen))
		return usage_error(usage, "--min-change wants an amount (100, 100万元), not '%s'",
				   min_change);
	if (min_percent && parse_percent(min_percent, &r.co.min_percent))
		return usage_error(usage, "--min-percent wants a percent, not '%s'", min_percent);
	if (strcmp(color, "always") == 0)
		r.ro.color = true;
	else if (strcmp(color, "auto") == 0)
		r.ro.color = strcmp(out, "-") == 0 && isatty(STDOUT_FILENO) &&
			     !(getenv("NO_COLOR") && *getenv("NO_COLOR"));
	else if (strcmp(color, "never") != 0)
		return usage_error(usage, "--color is auto, always or never");
	if (strcmp(format, "text") != 0)
		r.ro.color = false;
	int against_year = 0;
	if (against && parse_year(against, &against_year))
		return usage_error(usage, "--against wants a year, not '%s'", against);
	if (all ? npos != 0 : (npos != 1 && npos != 2))
		return usage_error(usage, all ? "--all takes no other argument"
					      : "give FILE, or DEPARTMENT YEAR, or --all");
	if (prior_file && npos != 1)
		return usage_error(usage, "--prior goes with FILE");

	yoy_error err;
	yoy_error_clear(&err);
	yoy_store *st = NULL;
	yoy_doc *doc = NULL, *prior = NULL;
	char *key = NULL;
	int status = EXIT_OK;
	if (all) {
		if (yoy_store_open(&st, repo_dir(repo), 0, &err) || check_all(&r, st, rev, &err)) {
			status = fail_with(&err);
			goto done;
		}
	} else if (npos == 2) {
		int year;
		if (parse_year(pos[1], &year)) {
			status = usage_error(usage, "'%s' is not a year", pos[1]);
			goto done;
		}
		if (yoy_store_open(&st, repo_dir(repo), 0, &err) ||
		    yoy_history_department(st, rev, pos[0], &key, &err) ||
		    yoy_history_load(&doc, NULL, st, rev, key, year, kind, &err)) {
			status = fail_with(&err);
			goto done;
		}
		int py = against ? against_year : year - 1;
		int prc = yoy_history_load(&prior, NULL, st, rev, key, py, kind, &err);
		if (prc && (against || prc != YOY_ESTORE)) {
			status = fail_with(&err); /* asked for a year that is not there */
			goto done;
		}
		if (check_one(&r, doc, prior, &err)) {
			status = fail_with(&err);
			goto done;
		}
	} else {
		if (load_disclosure(&doc, pos[0], &err) ||
		    (prior_file && load_disclosure(&prior, (char *)prior_file, &err)) ||
		    check_one(&r, doc, prior, &err)) {
			status = fail_with(&err);
			goto done;
		}
	}
	if (r.out.oom) {
		error("out of memory");
		status = EXIT_INTERNAL;
		goto done;
	}
	if (write_output(out, sbuf_cstr(&r.out), r.out.len)) {
		status = EXIT_INPUT;
		goto done;
	}
	if (r.failed)
		status = EXIT_FOUND;
done:
	sbuf_free(&r.out);
	free(key);
	yoy_doc_free(doc);
	yoy_doc_free(prior);
	yoy_store_free(st);
	return status;
}
