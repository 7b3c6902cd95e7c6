/* yoy import FILE... : parse disclosures and commit them, one commit. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"
#include "yoy/history.h"
#include "yoy/parse.h"

static const char usage[] =
	"yoy import [--repo DIR] [--department NAME] [-j N] [-q] FILE[+TABLES_FILE]...";

static void help(void)
{
	printf("usage: %s\n\n"
	       "Parse each disclosure and commit them all to the history repository\n"
	       "as one commit (layout in history/README.md).  A disclosure whose tables\n"
	       "were published separately is given as NARRATIVE+TABLES.  Content that is\n"
	       "already stored makes no commit; a changed re-publication of the same\n"
	       "department, year and kind becomes a new revision.  A file that fails to\n"
	       "parse is reported and skipped; the others are still imported.\n\n"
	       "  --repo DIR         the history repository (default $YOY_REPO, else ./history;\n"
	       "                     created on first import)\n"
	       "  --department NAME  file under NAME; the printed name becomes an alias\n"
	       "  -j, --jobs N       parse on N threads (default: one per CPU, at most 8);\n"
	       "                     the output and the commit do not depend on N\n"
	       "  -q, --quiet        print only errors and the commit line\n\n"
	       "Exit status: 0 all imported, 2 usage, 3 some files could not be read or filed\n"
	       "(the rest were imported), 4 history repository error.\n",
	       usage);
}

/* One argument's work, done by a worker: read, parse, hash and compress. */
typedef struct job {
	char *files[2];
	size_t nf;
	yoy_doc *doc;
	yoy_prepared *prep;
	const yoy_stored_docs *known; /* the documents stored, or NULL */
	int rc;
	yoy_error *err; /* heap while the job is held: a 1 KB message for each
			 * of 20,000 arguments was a fifth of an import's memory */
	bool done;
} job;

/* Workers take jobs in order but may finish out of order; the main thread
 * stages them in argument order, so output and commit are those of a
 * sequential run.  At most `window` jobs are held at once. */
typedef struct pipeline {
	job *jobs;
	size_t n, next, consumed, window;
	bool stop;
	pthread_mutex_t mu;
	pthread_cond_t done_cv, room_cv;
} pipeline;

static void run_job(job *j)
{
	yoy_buffer bufs[2] = { { 0 } };
	size_t nb = 0;
	if (!(j->err = calloc(1, sizeof *j->err))) {
		j->rc = YOY_ENOMEM;
		return;
	}
	int rc = 0;
	for (; nb < j->nf && !rc; nb++)
		rc = yoy_buffer_read(&bufs[nb], j->files[nb], j->err);
	if (rc)
		nb--;
	/* a stored document is filed as it is: it has no published file */
	bool stored_doc = !rc && nb == 1 && yoy_buffer_is_document(&bufs[0]);
	if (stored_doc)
		rc = yoy_prepare_stored(&j->prep, &j->doc, &bufs[0], j->known, j->err);
	if (rc == 1 || (!rc && !stored_doc)) {
		rc = yoy_parse_buffers(&j->doc, bufs, nb, j->err);
		if (!rc)
			rc = yoy_prepare(&j->prep, j->doc, bufs, stored_doc ? 0 : nb, j->err);
	}
	for (size_t k = 0; k < nb; k++)
		yoy_buffer_free(&bufs[k]);
	j->rc = rc;
}

static void job_clear(job *j)
{
	yoy_doc_free(j->doc);
	yoy_prepared_free(j->prep);
	j->doc = NULL;
	j->prep = NULL;
}

static void *worker(void *arg)
{
	pipeline *p = arg;
	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!p->stop && p->next < p->n && p->next >= p->consumed + p->window)
			pthread_cond_wait(&p->room_cv, &p->mu);
		if (p->stop || p->next >= p->n)
			break;
		job *j = &p->jobs[p->next++];
		pthread_mutex_unlock(&p->mu);
		run_job(j);
		pthread_mutex_lock(&p->mu);
		j->done = true;
		pthread_cond_broadcast(&p->done_cv);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

static int default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 8 ? 8 : (int)n;
}

enum { OPT_DEPARTMENT = OPT_OWN };

static const struct option longs[] = {
	REPO_OPTION,
	{ "department", required_argument, NULL, OPT_DEPARTMENT },
	{ "jobs", required_argument, NULL, 'j' },
	{ "quiet", no_argument, NULL, 'q' },
	HELP_OPTION,
	{ 0 },
};

typedef struct import_args {
	const char *repo, *department;
	bool quiet;
	int nthreads;
	char **files;
	size_t nfiles;
} import_args;

/* The command line into a; returns -1 to go on, else the exit status. */
static int import_options(import_args *a, int argc, char **argv)
{
	*a = (import_args){ .nthreads = default_jobs() };
	options_begin();
	int c;
	char *end;
	long v;
	while ((c = next_option(argc, argv, "qj:", longs, usage)) != -1) {
		switch (c) {
		case OPT_REPO: a->repo = optarg; break;
		case OPT_DEPARTMENT: a->department = optarg; break;
		case 'q': a->quiet = true; break;
		case 'j':
			v = strtol(optarg, &end, 10);
			if (*end || v < 1 || v > 256)
				return usage_error(usage, "--jobs wants a number from 1 to 256, not '%s'",
						   optarg);
			a->nthreads = (int)v;
			break;
		case 'h': help(); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	a->files = argv + optind;
	a->nfiles = (size_t)(argc - optind);
	if (a->nfiles == 0)
		return usage_error(usage, "no file to import");
	if ((size_t)a->nthreads > a->nfiles)
		a->nthreads = (int)a->nfiles;
	if (a->nthreads == 1)
		a->nthreads = 0; /* the main thread does the work itself */
	return -1;
}

/* Jobs for the files and up to nthreads workers; returns how many
 * started (0: the main thread works), or -1 when out of memory. */
static int pipeline_start(pipeline *p, pthread_t *threads, const import_args *a,
			  const yoy_stored_docs *known)
{
	*p = (pipeline){ .n = a->nfiles, .window = 2 * (size_t)(a->nthreads ? a->nthreads : 1) };
	p->jobs = calloc(a->nfiles, sizeof *p->jobs);
	if (!p->jobs)
		return -1;
	for (size_t i = 0; i < a->nfiles; i++) {
		p->jobs[i].nf = split_files(a->files[i], p->jobs[i].files);
		p->jobs[i].known = known;
	}
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->done_cv, NULL);
	pthread_cond_init(&p->room_cv, NULL);
	int started = 0;
	for (; started < a->nthreads; started++)
		if (pthread_create(&threads[started], NULL, worker, p))
			break;
	return started;
}

static void pipeline_stop(pipeline *p, pthread_t *threads, int started)
{
	pthread_mutex_lock(&p->mu);
	p->stop = true;
	pthread_cond_broadcast(&p->room_cv);
	pthread_mutex_unlock(&p->mu);
	for (int t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
	for (size_t i = 0; i < p->n; i++) {
		job_clear(&p->jobs[i]);
		free(p->jobs[i].err);
	}
	pthread_cond_destroy(&p->done_cv);
	pthread_cond_destroy(&p->room_cv);
	pthread_mutex_destroy(&p->mu);
	free(p->jobs);
}

/* What the main thread keeps while it stages the jobs in order. */
typedef struct importer {
	const import_args *a;
	yoy_store *st;
	yoy_batch *batch;
	size_t counts[3], failed;
} importer;

/* The library names a document's file as the document keeps it (its
 * base name); the user gave a path: "2019.pdf: …" is said as
 * "dir/2019.pdf: …".  Points into a static buffer or into msg. */
static const char *named_as_given(const char *msg, const char *path)
{
	static char buf[4096];
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strlen(base);
	if (base == path || strncmp(msg, base, n) != 0 || msg[n] != ':')
		return msg;
	snprintf(buf, sizeof buf, "%s%s", path, msg + n);
	return buf;
}

/* A part of a disclosure (narrative or tables alone) whose other part is
 * stored: j's document becomes the two parsed as one. */
static int join_stored_part(importer *im, job *j)
{
	yoy_buffer mine, both[2];
	size_t n = 0;
	yoy_doc *joined = NULL;
	yoy_prepared *prep = NULL;
	int rc = yoy_buffer_read(&mine, j->files[0], j->err);
	if (rc)
		return rc;
	if (!yoy_buffer_is_document(&mine))
		rc = yoy_history_join(&joined, both, &n, im->st, j->doc, &mine, j->err);
	if (!rc && joined)
		rc = yoy_prepare(&prep, joined, both, n, j->err);
	if (!rc && joined) {
		if (!im->a->quiet)
			printf("joined     %s with the part stored (%s), as one disclosure\n",
			       j->files[0], both[0].name == mine.name ? both[1].name
				 : strcmp(both[0].name, j->files[0]) == 0 ? both[1].name : both[0].name);
		job_clear(j);
		j->doc = joined;
		j->prep = prep;
		joined = NULL;
	}
	yoy_doc_free(joined);
	for (size_t k = 0; k < n; k++)
		yoy_buffer_free(&both[k]);
	yoy_buffer_free(&mine);
	return rc;
}

/* Job j, done: staged into the batch (the repository opened, or created,
 * only once something parsed, so a failed import leaves no trace), or
 * reported and skipped.  Returns -1 to go on, else the exit status
 * (a history error ends the import). */
static int stage_job(importer *im, job *j)
{
	yoy_import_status s;
	const char *path;
	int rc = j->rc;
	if (!j->err) {
		yoy_error oom;
		yoy_error_set(&oom, YOY_ENOMEM, "out of memory");
		return fail_with(&oom);
	}
	if (!rc && !im->batch &&
	    ((!im->st && yoy_store_open(&im->st, repo_dir(im->a->repo), 1, j->err)) ||
	     yoy_batch_new(&im->batch, im->st, j->err)))
		rc = YOY_ESTORE;
	if (!rc && j->nf == 1)
		rc = join_stored_part(im, j);
	if (!rc)
		rc = yoy_batch_add_prepared(im->batch, j->doc, j->prep, im->a->department, &s, &path,
					    j->err);
	if (rc) {
		int code = exit_status(rc);
		if (code == EXIT_STORE || code == EXIT_INTERNAL)
			return fail_with(j->err);
		error("%s (skipped)", named_as_given(j->err->message, j->files[0]));
		im->failed++;
		return -1;
	}
	im->counts[s]++;
	if (yoy_batch_note(im->batch))
		warning("%s", named_as_given(yoy_batch_note(im->batch), j->files[0]));
	if (!im->a->quiet) {
		static const char *const word[] = { "new", "revised", "unchanged" };
		const yoy_doc *doc = j->doc;
		printf("%-9s  %s %d %s  (%s)\n", word[s], doc->department ? doc->department : "?",
		       doc->year, doc->kind, path);
	}
	return -1;
}

/* The one commit, and what it says. */
static int commit_batch(importer *im)
{
	size_t nargs = im->a->nfiles;
	if (!im->batch) {
		error("nothing imported: %zu of %zu files could not be read or filed", im->failed, nargs);
		return EXIT_INPUT;
	}
	char id[41];
	int committed;
	yoy_error err;
	yoy_error_clear(&err);
	if (yoy_batch_commit(im->batch, id, &committed, &err))
		return fail_with(&err);
	if (committed)
		printf("committed %.12s: %zu new, %zu revised, %zu unchanged\n", id,
		       im->counts[YOY_IMPORT_NEW], im->counts[YOY_IMPORT_UPDATED],
		       im->counts[YOY_IMPORT_UNCHANGED]);
	else
		printf("unchanged: nothing new to commit (%zu already stored)\n",
		       im->counts[YOY_IMPORT_UNCHANGED]);
	if (im->failed) {
		error("%zu of %zu files could not be read or filed (skipped)", im->failed, nargs);
		return EXIT_INPUT;
	}
	return EXIT_OK;
}

/* Whether any argument names a .json file: a stored document, perhaps. */
static bool any_json(const import_args *a)
{
	for (size_t i = 0; i < a->nfiles; i++) {
		size_t n = strlen(a->files[i]);
		if (n > 5 && strcasecmp(a->files[i] + n - 5, ".json") == 0 &&
		    !strchr(a->files[i], '+'))
			return true;
	}
	return false;
}

/* For importing stored documents again: the documents the history holds
 * (NULL when it holds none or cannot be read -- the import then says
 * why when it opens it), and the history opened into *st. */
static yoy_stored_docs *documents_stored(yoy_store **st, const import_args *a)
{
	yoy_stored_docs *known = NULL;
	yoy_error err;
	*st = NULL;
	if (!any_json(a) || access(repo_dir(a->repo), F_OK) != 0 ||
	    yoy_store_open(st, repo_dir(a->repo), 0, &err))
		return NULL;
	if (yoy_history_stored_docs(&known, *st, &err))
		return NULL;
	return known;
}

int cmd_import(int argc, char **argv)
{
	import_args a;
	int status = import_options(&a, argc, argv);
	if (status >= 0)
		return status;
	importer im = { .a = &a };
	yoy_stored_docs *known = documents_stored(&im.st, &a);
	pipeline p;
	pthread_t *threads = calloc((size_t)a.nthreads + 1, sizeof *threads);
	int started = threads ? pipeline_start(&p, threads, &a, known) : -1;
	if (started < 0) {
		free(threads);
		yoy_stored_docs_free(known);
		yoy_store_free(im.st);
		return error("out of memory"), EXIT_INTERNAL;
	}
	bool threaded = started > 0; /* no thread could start: work here */
	bool progress = isatty(STDERR_FILENO) && a.nfiles > 1;
	status = -1;
	for (size_t i = 0; i < a.nfiles && status < 0; i++) {
		job *j = &p.jobs[i];
		if (progress)
			fprintf(stderr, "\r\033[K[%zu/%zu] %s", i + 1, a.nfiles, j->files[0]);
		if (threaded) {
			pthread_mutex_lock(&p.mu);
			while (!j->done)
				pthread_cond_wait(&p.done_cv, &p.mu);
			pthread_mutex_unlock(&p.mu);
		} else {
			run_job(j);
		}
		if (progress)
			fprintf(stderr, "\r\033[K");
		status = stage_job(&im, j);
		job_clear(j);
		free(j->err);
		j->err = NULL;
		pthread_mutex_lock(&p.mu);
		p.consumed = i + 1;
		pthread_cond_broadcast(&p.room_cv);
		pthread_mutex_unlock(&p.mu);
	}
	if (status < 0)
		status = commit_batch(&im);
	pipeline_stop(&p, threads, started);
	free(threads);
	yoy_batch_free(im.batch);
	yoy_stored_docs_free(known);
	yoy_store_free(im.st);
	return status;
}
