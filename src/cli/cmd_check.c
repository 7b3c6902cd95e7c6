/* yoy check: does a disclosure hold together, and against last year? */
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "util/i18n.h"
#include "util/util.h"
#include "yoy/amount.h"
#include "yoy/check.h"
#include "yoy/history.h"
#include "yoy/parse.h"
#include "yoy/rank.h"
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
	       "  --prior FILE       last year's disclosure, for FILE (text, PDF or JSON);\n"
	       "                     without it the year before is read from the history\n"
	       "                     when it holds it (the output says where it came from)\n"
	       "  --budget FILE      for a 决算: the budget published for its year, to hold\n"
	       "                     the 年初预算 it states against; without it read from\n"
	       "                     the history when it holds it\n"
	       "  --no-history       check FILE alone\n"
	       "  --against YEAR     from history: compare with YEAR instead of the year before\n"
	       "  --all              every disclosure in history, each against its prior year\n"
	       "  --rank             with --all: the departments ranked by findings (errors,\n"
	       "                     then warnings, then unverifiable), where to look first\n"
	       "  -j, --jobs N       --all on N threads (default: one per CPU, at most 8);\n"
	       "                     the output does not depend on N\n"
	       "  --format FMT       text (default), json or md; with --rank text, json or csv\n"
	       "  --show LEVEL       list findings at or above ok, info, warning (default)\n"
	       "                     or error\n"
	       "  --fail-on LEVEL    exit 1 when a finding is at or above LEVEL (default error)\n"
	       "  --min-change AMT   unexplained changes: at least AMT (default 100 = 100万元)\n"
	       "  --min-percent P    ... and at least P percent (default 10)\n"
	       "  --color WHEN       auto (default), always or never\n"
	       "  -o, --output FILE  write to FILE (atomically) instead of standard output\n"
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
static int check_one(run *r, const yoy_doc *doc, const yoy_doc *prior, const yoy_doc *budget,
		     yoy_error *err)
{
	yoy_check_options co = r->co;
	co.prior = prior;
	co.budget = budget;
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

/* For a 决算: the budget of its year stored under key, or NULL. */
static yoy_doc *stored_budget(yoy_store *st, const char *rev, const char *key,
			      const yoy_doc *doc)
{
	yoy_doc *budget = NULL;
	yoy_error e;
	if (!yoy_doc_is_final(doc) ||
	    yoy_history_load(&budget, NULL, st, rev, key, doc->year,
			      yoy_kind_counterpart(doc->kind), &e))
		return NULL;
	return budget;
}

/* ---- check --all: every stored disclosure, in parallel ---------------- */

/* One disclosure of --all, checked by a worker. */
typedef struct all_job {
	size_t entry;
	char *text;            /* its rendering (not with --rank) */
	yoy_rank_counts counts;
	bool failed;           /* a finding at or above --fail-on */
	int rc;
	yoy_error err;
	bool done;
} all_job;

typedef struct all_run {
	run *r;
	const char *repo, *rev;
	const yoy_entry *v;
	const ptrdiff_t *prior; /* entry of the year before, or -1 */
	all_job *jobs;
	size_t n, next, consumed, window;
	bool rank;
	pthread_mutex_t mu;
	pthread_cond_t done_cv, room_cv;
} all_run;

/* Check entry j; *last holds the document of the entry checked before
 * (by this worker), which is often j's prior year: kept, not read twice. */
static void all_one(all_run *a, yoy_store *st, all_job *j, yoy_doc **last, size_t *last_i)
{
	const yoy_entry *e = &a->v[j->entry];
	yoy_doc *doc = NULL, *prior = NULL;
	yoy_check *c = NULL;
	yoy_check_options co = a->r->co;
	yoy_error_clear(&j->err);
	j->rc = yoy_history_load(&doc, NULL, st, a->rev, e->department, e->year, e->kind,
				 &j->err);
	ptrdiff_t p = a->prior[j->entry];
	if (!j->rc && p >= 0 && *last && *last_i == (size_t)p) {
		prior = *last;
		*last = NULL;
	} else if (!j->rc && p >= 0) {
		j->rc = yoy_history_load(&prior, NULL, st, a->rev, a->v[p].department,
					 a->v[p].year, a->v[p].kind, &j->err);
	}
	co.prior = prior;
	yoy_doc *budget = !j->rc ? stored_budget(st, a->rev, e->department, doc) : NULL;
	co.budget = budget;
	if (!j->rc)
		j->rc = yoy_check_doc(&c, doc, &co, &j->err);
	if (!j->rc) {
		yoy_rank_count(&j->counts, c);
		for (int s = a->r->fail_on; s <= YOY_SEV_ERROR; s++)
			if (c->count[s])
				j->failed = true;
		if (!a->rank) {
			const char *f = a->r->format;
			j->text = strcmp(f, "json") == 0 ? yoy_render_check_json(c, &a->r->ro)
				  : strcmp(f, "md") == 0 ? yoy_render_check_md(c, &a->r->ro)
							 : yoy_render_check_text(c, &a->r->ro);
			if (!j->text)
				j->rc = yoy_error_set(&j->err, YOY_ENOMEM, "out of memory");
		}
	}
	yoy_check_free(c);
	yoy_doc_free(prior);
	yoy_doc_free(budget);
	yoy_doc_free(*last);
	*last = doc;
	*last_i = j->entry;
}

/* Each worker reads through a store of its own (libgit2 handles are
 * not shared between threads) and takes a department's run of entries
 * at a time (its years in order, each the next one's prior), while at
 * most `window` entries wait to be written, so memory stays bounded. */
static void *all_worker(void *arg)
{
	all_run *a = arg;
	yoy_store *st = NULL;
	yoy_error open_err;
	int open_rc = yoy_store_open(&st, repo_dir(a->repo), 0, &open_err);
	yoy_doc *last = NULL;
	size_t last_i = 0;
	pthread_mutex_lock(&a->mu);
	for (;;) {
		while (a->next < a->n && a->next >= a->consumed + a->window)
			pthread_cond_wait(&a->room_cv, &a->mu);
		if (a->next >= a->n)
			break;
		size_t start = a->next, end = start + 1;
		while (end < a->n && strcmp(a->v[end].department, a->v[start].department) == 0)
			end++;
		a->next = end;
		pthread_mutex_unlock(&a->mu);
		for (size_t i = start; i < end; i++) {
			all_job *j = &a->jobs[i];
			if (open_rc) {
				j->rc = open_rc;
				j->err = open_err;
			} else {
				all_one(a, st, j, &last, &last_i);
			}
			pthread_mutex_lock(&a->mu);
			j->done = true;
			pthread_cond_broadcast(&a->done_cv);
			pthread_mutex_unlock(&a->mu);
		}
		pthread_mutex_lock(&a->mu);
	}
	pthread_mutex_unlock(&a->mu);
	yoy_doc_free(last);
	yoy_store_free(st);
	return NULL;
}

/* The entry of the year before each entry (same department and kind),
 * or -1: entries come sorted by department, year, kind. */
static ptrdiff_t *prior_entries(const yoy_entry *v, size_t n)
{
	ptrdiff_t *p = malloc((n ? n : 1) * sizeof *p);
	for (size_t i = 0; p && i < n; i++) {
		p[i] = -1;
		for (size_t j = i; j-- > 0 && strcmp(v[j].department, v[i].department) == 0;)
			if (v[j].year == v[i].year - 1 && strcmp(v[j].kind, v[i].kind) == 0) {
				p[i] = (ptrdiff_t)j;
				break;
			}
	}
	return p;
}

/* Every stored disclosure, each against the year before when stored, on
 * nthreads threads; the output is in catalog order whatever their
 * number.  With rank, the departments ranked by findings instead. */
static int check_all(run *r, const char *repo, const char *rev, int nthreads, bool rank,
		     yoy_error *err)
{
	yoy_store *st = NULL;
	yoy_entry *v = NULL;
	size_t n = 0;
	int rc = yoy_store_open(&st, repo_dir(repo), 0, err);
	if (!rc)
		rc = yoy_history_catalog(st, rev, NULL, 0, &v, &n, err);
	yoy_store_free(st);
	if (rc)
		return -1;
	all_run a = { .r = r, .repo = repo, .rev = rev, .v = v, .n = n, .rank = rank };
	ptrdiff_t *prior = prior_entries(v, n);
	a.prior = prior;
	a.jobs = calloc(n ? n : 1, sizeof *a.jobs);
	yoy_rank ranking = { 0 };
	if (!prior || !a.jobs) {
		free(prior);
		free(a.jobs);
		yoy_entries_free(v, n);
		return yoy_error_set(err, YOY_ENOMEM, "out of memory"), -1;
	}
	for (size_t i = 0; i < n; i++)
		a.jobs[i].entry = i;
	if (nthreads < 1)
		nthreads = 1;
	if ((size_t)nthreads > n)
		nthreads = n ? (int)n : 1;
	a.window = (size_t)nthreads * 4;
	pthread_mutex_init(&a.mu, NULL);
	pthread_cond_init(&a.done_cv, NULL);
	pthread_cond_init(&a.room_cv, NULL);
	pthread_t tid[64];
	int started = 0;
	for (; started < nthreads && started < 64; started++)
		if (pthread_create(&tid[started], NULL, all_worker, &a))
			break;
	bool json = strcmp(r->format, "json") == 0;
	/* one object, as every JSON output: its documents' checks in order */
	if (json && !rank)
		sbuf_printf(&r->out, "{\n\"schema\": \"yoy-check-all/1\",\n\"documents\": %zu,\n"
				     "\"checks\": [\n", n);
	if (!started) { /* no thread could start: all of it here, first */
		a.window = n + 1;
		all_worker(&a);
	}
	for (size_t i = 0; i < n; i++) {
		all_job *j = &a.jobs[i];
		pthread_mutex_lock(&a.mu);
		while (!j->done)
			pthread_cond_wait(&a.done_cv, &a.mu);
		a.consumed = i + 1;
		pthread_cond_broadcast(&a.room_cv);
		pthread_mutex_unlock(&a.mu);
		if (!rc && j->rc) {
			rc = -1;
			*err = j->err;
		}
		if (!rc && rank && yoy_rank_add(&ranking, v[i].department, v[i].year, v[i].kind,
						&j->counts)) {
			rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
		}
		if (!rc && !rank) {
			if (i)
				sbuf_puts(&r->out, json ? ",\n" : "\n");
			sbuf_puts(&r->out, j->text);
		}
		if (j->failed)
			r->failed = true;
		free(j->text);
		j->text = NULL;
	}
	for (int t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
	pthread_mutex_destroy(&a.mu);
	pthread_cond_destroy(&a.done_cv);
	pthread_cond_destroy(&a.room_cv);
	if (!rc && json && !rank)
		sbuf_puts(&r->out, "]\n}\n");
	if (!rc && rank) {
		yoy_rank_sort(&ranking);
		char *text = strcmp(r->format, "json") == 0 ? yoy_render_rank_json(&ranking)
			     : strcmp(r->format, "csv") == 0 ? yoy_render_rank_csv(&ranking)
							     : yoy_render_rank_text(&ranking);
		if (!text)
			rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
		else
			sbuf_puts(&r->out, text);
		free(text);
	}
	yoy_rank_free(&ranking);
	free(a.jobs);
	free(prior);
	yoy_entries_free(v, n);
	return rc ? -1 : 0;
}

typedef struct check_args {
	const char *repo, *rev, *kind, *out, *prior_file, *budget_file;
	bool all, no_history, rank;
	int jobs;
	int against_year;
	char **pos;
	int npos;
} check_args;

enum {
	OPT_NO_HISTORY = OPT_OWN, OPT_PRIOR, OPT_AGAINST, OPT_SHOW, OPT_FAIL_ON, OPT_MIN_CHANGE,
	OPT_MIN_PERCENT, OPT_COLOR, OPT_ALL, OPT_RANK, OPT_BUDGET
};

static const struct option longs[] = {
	HISTORY_OPTIONS,
	FORMAT_OPTION,
	{ "prior", required_argument, NULL, OPT_PRIOR },
	{ "budget", required_argument, NULL, OPT_BUDGET },
	{ "against", required_argument, NULL, OPT_AGAINST },
	{ "show", required_argument, NULL, OPT_SHOW },
	{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
	{ "min-change", required_argument, NULL, OPT_MIN_CHANGE },
	{ "min-percent", required_argument, NULL, OPT_MIN_PERCENT },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "all", no_argument, NULL, OPT_ALL },
	{ "rank", no_argument, NULL, OPT_RANK },
	{ "jobs", required_argument, NULL, 'j' },
	{ "no-history", no_argument, NULL, OPT_NO_HISTORY },
	OUTPUT_OPTION,
	HELP_OPTION,
	{ 0 },
};

/* One option's value into a or r; returns -1 to go on, else the exit
 * status. */
static int check_option(check_args *a, run *r, int c, const char **color)
{
	const char *v = optarg;
	int sev;
	switch (c) {
	case OPT_REPO: a->repo = v; break;
	case OPT_REV: a->rev = v; break;
	case OPT_KIND: a->kind = v; break;
	case OPT_PRIOR: a->prior_file = v; break;
	case OPT_BUDGET: a->budget_file = v; break;
	case OPT_COLOR: *color = v; break;
	case OPT_ALL: a->all = true; break;
	case OPT_RANK: a->rank = a->all = true; break;
	case 'j': {
		char *end;
		long j = strtol(v, &end, 10);
		if (*end || j < 1 || j > 64)
			return usage_error(usage, "-j wants a number of threads, 1 to 64");
		a->jobs = (int)j;
		break;
	}
	case OPT_NO_HISTORY: a->no_history = true; break;
	case 'o': a->out = v; break;
	case OPT_FORMAT:
		if (strcmp(v, "text") && strcmp(v, "json") && strcmp(v, "md") && strcmp(v, "csv"))
			return usage_error(usage, "--format is text, json or md (csv with --rank)");
		r->format = v;
		break;
	case OPT_SHOW:
		if ((sev = yoy_severity_parse(v)) < 0)
			return usage_error(usage, "--show is ok, info, warning or error");
		r->ro.show = (yoy_severity)sev;
		break;
	case OPT_FAIL_ON:
		if ((sev = yoy_severity_parse(v)) < 0 || sev == YOY_SEV_OK)
			return usage_error(usage, "--fail-on is info, warning or error");
		r->fail_on = (yoy_severity)sev;
		break;
	case OPT_MIN_CHANGE:
		if (parse_amount(v, &r->co.min_change_fen))
			return usage_error(usage, "--min-change wants an amount (100, 100万元), "
						  "not '%s'", v);
		break;
	case OPT_MIN_PERCENT:
		if (parse_percent(v, &r->co.min_percent))
			return usage_error(usage, "--min-percent wants a percent, not '%s'", v);
		break;
	case OPT_AGAINST:
		if (parse_year(v, &a->against_year))
			return usage_error(usage, "--against wants a year, not '%s'", v);
		break;
	case 'h': help(); return EXIT_OK;
	default: return EXIT_USAGE;
	}
	return -1;
}

/* The command line into a and r; returns -1 to go on, else the exit
 * status. */
static int check_options(check_args *a, run *r, int argc, char **argv)
{
	const char *color = "auto";
	*a = (check_args){ .out = "-" };
	r->format = "text";
	r->ro.show = YOY_SEV_WARNING;
	r->fail_on = YOY_SEV_ERROR;
	options_begin();
	int c, rc;
	while ((c = next_option(argc, argv, "o:j:", longs, usage)) != -1)
		if ((rc = check_option(a, r, c, &color)) >= 0)
			return rc;
	if (strcmp(r->format, "csv") == 0 && !a->rank)
		return usage_error(usage, "--format csv is for --rank");
	if (strcmp(r->format, "md") == 0 && a->rank)
		return usage_error(usage, "--rank writes text, json or csv");
	if (!a->jobs) {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);
		a->jobs = cpus < 1 ? 1 : cpus > 8 ? 8 : (int)cpus;
	}
	if (parse_color(color, a->out, r->format, usage, &r->ro.color))
		return EXIT_USAGE;
	a->pos = argv + optind;
	a->npos = argc - optind;
	if (!a->all && a->npos > 2)
		return usage_error(usage, "too many arguments");
	if (a->all ? a->npos != 0 : (a->npos != 1 && a->npos != 2))
		return usage_error(usage, a->all ? "--all takes no other argument"
						 : "give FILE, or DEPARTMENT YEAR, or --all");
	if (a->prior_file && a->npos != 1)
		return usage_error(usage, "--prior goes with FILE");
	if (a->budget_file && a->npos != 1)
		return usage_error(usage, "--budget goes with FILE");
	return -1;
}

/* DEPARTMENT YEAR from history, against --against or the year before
 * (when stored). */
static int check_from_history(run *r, const check_args *a, yoy_store **st, yoy_error *err)
{
	int year;
	if (parse_year(a->pos[1], &year))
		return usage_error(usage, "'%s' is not a year", a->pos[1]);
	char *key = NULL;
	yoy_doc *doc = NULL, *prior = NULL, *budget = NULL;
	int status = EXIT_OK;
	if (yoy_store_open(st, repo_dir(a->repo), 0, err) ||
	    yoy_history_department(*st, a->rev, a->pos[0], &key, err) ||
	    yoy_history_load(&doc, NULL, *st, a->rev, key, year, a->kind, err)) {
		status = fail_with(err);
		goto done;
	}
	int py = a->against_year ? a->against_year : year - 1;
	int prc = yoy_history_load(&prior, NULL, *st, a->rev, key, py, a->kind ? a->kind : doc->kind,
				   err);
	budget = stored_budget(*st, a->rev, key, doc);
	if ((prc && (a->against_year || prc != YOY_ESTORE)) ||
	    check_one(r, doc, prior, budget, err))
		status = fail_with(err); /* asked for a year that is not there */
done:
	free(key);
	yoy_doc_free(doc);
	yoy_doc_free(prior);
	yoy_doc_free(budget);
	return status;
}

/* The year before doc's from the history, when it is there; else *why
 * says what is missing (in r's arena-free static buffer).  For a 决算,
 * *budget gets the budget of its year when the history holds it. */
static yoy_doc *prior_from_history(const check_args *a, const yoy_doc *doc, char *why,
				   size_t size, yoy_doc **budget)
{
	yoy_store *st = NULL;
	yoy_doc *prior = NULL;
	char *key = NULL;
	yoy_error e;
	const char *dir = repo_dir(a->repo);
	if (yoy_store_open(&st, dir, 0, &e)) {
		snprintf(why, size, _("no history repository in %s"), dir);
	} else if (!doc->department ||
		   yoy_history_department(st, NULL, doc->department, &key, &e)) {
		snprintf(why, size, _("%s is not in the history at %s"),
			 doc->department ? doc->department : "?", dir);
	} else {
		if (yoy_history_load(&prior, NULL, st, NULL, key, doc->year - 1, doc->kind, &e))
			snprintf(why, size, _("the history at %s has no %d %s of %s"), dir,
				 doc->year - 1, doc->kind, key);
		if (budget && !*budget)
			*budget = stored_budget(st, NULL, key, doc);
	}
	free(key);
	yoy_store_free(st);
	return prior;
}

/* FILE, against --prior FILE when given, else the year before from the
 * history when it holds it (--no-history: never). */
static int check_file(run *r, const check_args *a, yoy_error *err)
{
	yoy_doc *doc = NULL, *prior = NULL, *budget = NULL;
	int status = EXIT_OK;
	static char why[512];
	if (load_disclosure(&doc, a->pos[0], err) ||
	    (a->prior_file && load_disclosure(&prior, (char *)a->prior_file, err)) ||
	    (a->budget_file && load_disclosure(&budget, (char *)a->budget_file, err))) {
		status = fail_with(err);
		goto done;
	}
	if (!a->prior_file && !a->no_history && doc->year) {
		prior = prior_from_history(a, doc, why, sizeof why, &budget);
		r->ro.prior_from_history = prior != NULL;
		r->ro.no_prior = prior ? NULL : why;
	} else if (!a->prior_file) {
		r->ro.no_prior = _("--no-history given");
	}
	if (check_one(r, doc, prior, budget, err))
		status = fail_with(err);
done:
	yoy_doc_free(doc);
	yoy_doc_free(prior);
	yoy_doc_free(budget);
	return status;
}

int cmd_check(int argc, char **argv)
{
	check_args a;
	run r = { 0 };
	int status = check_options(&a, &r, argc, argv);
	if (status >= 0)
		return status;
	sbuf_init(&r.out);
	yoy_error err;
	yoy_error_clear(&err);
	yoy_store *st = NULL;
	if (a.all) {
		status = check_all(&r, a.repo, a.rev, a.jobs, a.rank, &err) ? fail_with(&err) : EXIT_OK;
	} else if (a.npos == 2) {
		status = check_from_history(&r, &a, &st, &err);
	} else {
		status = check_file(&r, &a, &err);
	}
	if (status != EXIT_OK)
		goto done;
	if (r.out.oom) {
		error("out of memory");
		status = EXIT_INTERNAL;
	} else if (write_output(a.out, sbuf_cstr(&r.out), r.out.len)) {
		status = EXIT_INPUT;
	} else if (r.failed) {
		status = EXIT_FOUND;
	}
done:
	sbuf_free(&r.out);
	yoy_store_free(st);
	return status;
}
