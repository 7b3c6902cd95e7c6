/* yoy import FILE... : parse disclosures and commit them, one commit. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
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
	       "Exit status: 0 all imported, 2 usage, 3 some files failed to parse\n"
	       "(the rest were imported), 4 history repository error.\n",
	       usage);
}

/* One argument's work, done by a worker: read, parse, hash and compress. */
typedef struct job {
	char *files[2];
	size_t nf;
	yoy_doc *doc;
	yoy_prepared *prep;
	int rc;
	yoy_error err;
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
	yoy_buffer bufs[2];
	size_t nb = 0;
	yoy_error_clear(&j->err);
	int rc = 0;
	for (; nb < j->nf && !rc; nb++)
		rc = yoy_buffer_read(&bufs[nb], j->files[nb], &j->err);
	if (rc)
		nb--;
	if (!rc)
		rc = yoy_parse_buffers(&j->doc, bufs, nb, &j->err);
	/* a stored document is filed as it is: it has no published file */
	bool stored_doc = nb == 1 && yoy_buffer_is_document(&bufs[0]);
	if (!rc)
		rc = yoy_prepare(&j->prep, j->doc, bufs, stored_doc ? 0 : nb, &j->err);
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

int cmd_import(int argc, char **argv)
{
	const char *repo = NULL, *department = NULL, *jobs_arg = NULL;
	bool quiet = false;
	char **args = calloc((size_t)argc + 1, sizeof *args);
	size_t nargs = 0;
	if (!args)
		return error("out of memory"), EXIT_INTERNAL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int r;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			help();
			free(args);
			return EXIT_OK;
		}
		if ((r = option_value(argc, argv, &i, "--repo", &repo)) ||
		    (r = option_value(argc, argv, &i, "--department", &department)) ||
		    (r = option_value(argc, argv, &i, "--jobs", &jobs_arg)) ||
		    (r = option_value(argc, argv, &i, "-j", &jobs_arg))) {
			if (r < 0) {
				free(args);
				return usage_error(usage, "%s needs a value", a);
			}
		} else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
			quiet = true;
		} else if (a[0] == '-' && a[1]) {
			free(args);
			return usage_error(usage, "unknown option '%s'", a);
		} else {
			args[nargs++] = argv[i];
		}
	}
	int nthreads = default_jobs();
	if (jobs_arg) {
		char *end;
		long v = strtol(jobs_arg, &end, 10);
		if (*end || v < 1 || v > 256) {
			free(args);
			return usage_error(usage, "--jobs wants a number from 1 to 256, not '%s'",
					   jobs_arg);
		}
		nthreads = (int)v;
	}
	if (nargs == 0) {
		free(args);
		return usage_error(usage, "no file to import");
	}
	if ((size_t)nthreads > nargs)
		nthreads = (int)nargs;
	if (nthreads == 1)
		nthreads = 0; /* the main thread does the work itself */

	pipeline p = { .n = nargs, .window = 2 * (size_t)(nthreads ? nthreads : 1) };
	p.jobs = calloc(nargs, sizeof *p.jobs);
	pthread_t *threads = calloc((size_t)nthreads + 1, sizeof *threads);
	if (!p.jobs || !threads) {
		free(p.jobs);
		free(threads);
		free(args);
		return error("out of memory"), EXIT_INTERNAL;
	}
	for (size_t i = 0; i < nargs; i++)
		p.jobs[i].nf = split_files(args[i], p.jobs[i].files);
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.done_cv, NULL);
	pthread_cond_init(&p.room_cv, NULL);
	int started = 0;
	for (; started < nthreads; started++)
		if (pthread_create(&threads[started], NULL, worker, &p))
			break;
	if (nthreads && !started)
		nthreads = 0; /* no thread could start: work here */

	yoy_error err;
	yoy_error_clear(&err);
	yoy_store *st = NULL;
	yoy_batch *batch = NULL;
	int status = EXIT_OK;
	bool progress = isatty(STDERR_FILENO) && nargs > 1;
	size_t counts[3] = { 0 }, failed = 0;
	for (size_t i = 0; i < nargs; i++) {
		job *j = &p.jobs[i];
		if (progress)
			fprintf(stderr, "\r\033[K[%zu/%zu] %s", i + 1, nargs, j->files[0]);
		if (nthreads) {
			pthread_mutex_lock(&p.mu);
			while (!j->done)
				pthread_cond_wait(&p.done_cv, &p.mu);
			pthread_mutex_unlock(&p.mu);
		} else {
			run_job(j);
		}
		int rc = j->rc;
		yoy_import_status s;
		const char *path;
		/* the repository is opened (or created) only once something
		 * parsed, so a failed import leaves no trace */
		if (!rc && !batch) {
			if (yoy_store_open(&st, repo_dir(repo), 1, &j->err) ||
			    yoy_batch_new(&batch, st, &j->err))
				rc = YOY_ESTORE;
		}
		if (!rc)
			rc = yoy_batch_add_prepared(batch, j->doc, j->prep, department, &s, &path,
						    &j->err);
		if (progress)
			fprintf(stderr, "\r\033[K");
		if (rc) {
			int code = exit_status(rc);
			if (code == EXIT_STORE || code == EXIT_INTERNAL) {
				status = fail_with(&j->err);
				goto done;
			}
			error("%s (skipped)", j->err.message);
			failed++;
		} else {
			counts[s]++;
			if (!quiet) {
				static const char *const word[] = { "new", "revised", "unchanged" };
				const yoy_doc *doc = j->doc;
				printf("%-9s  %s %d %s  (%s)\n", word[s],
				       doc->department ? doc->department : "?", doc->year,
				       doc->kind, path);
			}
		}
		job_clear(j);
		pthread_mutex_lock(&p.mu);
		p.consumed = i + 1;
		pthread_cond_broadcast(&p.room_cv);
		pthread_mutex_unlock(&p.mu);
	}
	char id[41];
	int committed;
	if (!batch) {
		error("nothing imported: %zu of %zu files failed to parse", failed, nargs);
		status = EXIT_INPUT;
		goto done;
	}
	if (yoy_batch_commit(batch, id, &committed, &err)) {
		status = fail_with(&err);
		goto done;
	}
	if (committed)
		printf("committed %.12s: %zu new, %zu revised, %zu unchanged\n", id,
		       counts[YOY_IMPORT_NEW], counts[YOY_IMPORT_UPDATED],
		       counts[YOY_IMPORT_UNCHANGED]);
	else
		printf("unchanged: nothing new to commit (%zu already stored)\n",
		       counts[YOY_IMPORT_UNCHANGED]);
	if (failed) {
		error("%zu of %zu files failed to parse", failed, nargs);
		status = EXIT_INPUT;
	}
done:
	pthread_mutex_lock(&p.mu);
	p.stop = true;
	pthread_cond_broadcast(&p.room_cv);
	pthread_mutex_unlock(&p.mu);
	for (int t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
	for (size_t i = 0; i < nargs; i++)
		job_clear(&p.jobs[i]);
	pthread_cond_destroy(&p.done_cv);
	pthread_cond_destroy(&p.room_cv);
	pthread_mutex_destroy(&p.mu);
	free(p.jobs);
	free(threads);
	yoy_batch_free(batch);
	yoy_store_free(st);
	free(args);
	return status;
}
