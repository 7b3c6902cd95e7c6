/* yoy import FILE... : parse disclosures and commit them, one commit. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "yoy/history.h"
#include "yoy/parse.h"

static const char usage[] =
	"yoy import [--repo DIR] [--department NAME] [-q] FILE[+TABLES_FILE]...";

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
	       "  -q, --quiet        print only errors and the commit line\n\n"
	       "Exit status: 0 all imported, 2 usage, 3 some files failed to parse\n"
	       "(the rest were imported), 4 history repository error.\n",
	       usage);
}

static bool exists(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0;
}

/* "a.pdf+b.pdf" is two files of one disclosure, unless a file has that name. */
static size_t split_files(char *arg, char **files, size_t max)
{
	if (exists(arg))
		return (files[0] = arg, 1);
	size_t n = 0;
	for (char *p = arg; p && n < max;) {
		char *plus = strchr(p, '+');
		if (plus)
			*plus = '\0';
		files[n++] = p;
		p = plus ? plus + 1 : NULL;
	}
	return n;
}

int cmd_import(int argc, char **argv)
{
	const char *repo = NULL, *department = NULL;
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
		    (r = option_value(argc, argv, &i, "--department", &department))) {
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
	if (nargs == 0) {
		free(args);
		return usage_error(usage, "no file to import");
	}
	yoy_error err;
	yoy_error_clear(&err);
	yoy_store *st = NULL;
	yoy_batch *batch = NULL;
	int status = EXIT_OK;
	bool progress = isatty(STDERR_FILENO) && nargs > 1;
	size_t counts[3] = { 0 }, failed = 0;
	for (size_t i = 0; i < nargs; i++) {
		char *files[2];
		size_t nf = split_files(args[i], files, 2);
		if (progress)
			fprintf(stderr, "\r\033[K[%zu/%zu] %s", i + 1, nargs, files[0]);
		yoy_buffer bufs[2];
		size_t nb = 0;
		yoy_doc *doc = NULL;
		int rc = 0;
		for (; nb < nf && !rc; nb++)
			rc = yoy_buffer_read(&bufs[nb], files[nb], &err);
		if (rc)
			nb--;
		if (!rc)
			rc = yoy_parse_buffers(&doc, bufs, nb, &err);
		yoy_import_status s;
		const char *path;
		/* the repository is opened (or created) only once something parsed,
		 * so a failed import leaves no trace */
		if (!rc && !batch) {
			if (yoy_store_open(&st, repo_dir(repo), 1, &err) ||
			    yoy_batch_new(&batch, st, &err)) {
				status = fail_with(&err);
				yoy_doc_free(doc);
				for (size_t k = 0; k < nb; k++)
					yoy_buffer_free(&bufs[k]);
				goto done;
			}
		}
		/* a stored document is filed as it is: it has no published file */
		bool stored_doc = !rc && nb == 1 && yoy_buffer_is_document(&bufs[0]);
		if (!rc)
			rc = yoy_batch_add(batch, doc, bufs, stored_doc ? 0 : nb, department, &s,
					   &path, &err);
		for (size_t k = 0; k < nb; k++)
			yoy_buffer_free(&bufs[k]);
		if (rc) {
			if (progress)
				fprintf(stderr, "\r\033[K");
			int code = exit_status(rc);
			if (code == EXIT_STORE || code == EXIT_INTERNAL) {
				status = fail_with(&err);
				yoy_doc_free(doc);
				goto done;
			}
			error("%s (skipped)", err.message);
			failed++;
			yoy_doc_free(doc);
			continue;
		}
		counts[s]++;
		if (!quiet) {
			if (progress)
				fprintf(stderr, "\r\033[K");
			static const char *const word[] = { "new", "revised", "unchanged" };
			printf("%-9s  %s %d %s  (%s)\n", word[s],
			       doc->department ? doc->department : "?", doc->year, doc->kind,
			       path);
		}
		yoy_doc_free(doc);
	}
	if (progress)
		fprintf(stderr, "\r\033[K");
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
		printf("committed %.12s: %zu new, %zu revised, %zu unchanged%s\n", id,
		       counts[YOY_IMPORT_NEW], counts[YOY_IMPORT_UPDATED],
		       counts[YOY_IMPORT_UNCHANGED], failed ? "" : "");
	else
		printf("unchanged: nothing new to commit (%zu already stored)\n",
		       counts[YOY_IMPORT_UNCHANGED]);
	if (failed) {
		error("%zu of %zu files failed to parse", failed, nargs);
		status = EXIT_INPUT;
	}
done:
	yoy_batch_free(batch);
	yoy_store_free(st);
	free(args);
	return status;
}
