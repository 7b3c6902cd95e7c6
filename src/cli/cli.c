/* What every subcommand shares: error and warning lines, exit statuses,
 * options through getopt_long, atomic output files, year, amount and
 * percent arguments.  Calls the library's public headers only. */
#include "cli.h"

#include "yoy/amount.h"
#include "yoy/parse.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void vreport(const char *prefix, const char *fmt, va_list ap)
{
	fprintf(stderr, "yoy: %s", prefix);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport("error: ", fmt, ap);
	va_end(ap);
	return -1;
}

void warning(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport("warning: ", fmt, ap);
	va_end(ap);
}

int exit_status(int status)
{
	switch (status) {
	case YOY_OK: return EXIT_OK;
	case YOY_EUSAGE: return EXIT_USAGE;
	case YOY_EINPUT: return EXIT_INPUT;
	case YOY_ESTORE: return EXIT_STORE;
	case YOY_EREMOTE: return EXIT_REMOTE;
	default: return EXIT_INTERNAL;
	}
}

int fail_with(const yoy_error *err)
{
	error("%s", err->message[0] ? err->message : "unknown error");
	return exit_status(err->code);
}

int usage_error(const char *usage, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport("error: ", fmt, ap);
	va_end(ap);
	fprintf(stderr, "usage: %s\n", usage);
	return EXIT_USAGE;
}

void print_doc_warnings(const yoy_doc *doc, const char *const *paths, size_t npaths)
{
	for (size_t i = 0; i < doc->nwarnings; i++) {
		const yoy_warning *w = &doc->warnings[i];
		const char *file = "?";
		/* the path as the user gave it, else the name the document keeps */
		if (w->at.file >= 0 && (size_t)w->at.file < npaths)
			file = paths[w->at.file];
		else if (w->at.file >= 0 && (size_t)w->at.file < doc->nsources)
			file = doc->sources[w->at.file].name;
		if (w->at.page)
			fprintf(stderr, "%s:p%d:%d: warning: %s\n", file, w->at.page,
				w->at.line, w->message);
		else
			fprintf(stderr, "%s:%d: warning: %s\n", file, w->at.line,
				w->message);
	}
}

/* mkstemp makes 0600 files; give the result the usual mode. */
static int chmod_default(const char *path)
{
	mode_t mask = umask(0);
	umask(mask);
	return chmod(path, 0666 & ~mask);
}

int write_output(const char *path, const char *data, size_t len)
{
	if (strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
			return error("writing to standard output: %s", strerror(errno));
		return 0;
	}
	/* a FIFO, a device (/dev/null) or a symlink: written in place, as a
	 * shell redirection would; renaming over it would replace it */
	struct stat lsb;
	if (lstat(path, &lsb) == 0 && !S_ISREG(lsb.st_mode)) {
		int fd = open(path, O_WRONLY | O_TRUNC);
		if (fd < 0)
			return error("%s: cannot write: %s", path, strerror(errno));
		const char *q = data;
		size_t rest = len;
		while (rest) {
			ssize_t w = write(fd, q, rest);
			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0) {
				error("%s: write failed: %s", path, strerror(errno));
				close(fd);
				return -1;
			}
			q += w;
			rest -= (size_t)w;
		}
		if (close(fd) != 0)
			return error("%s: cannot write: %s", path, strerror(errno));
		return 0;
	}
	size_t n = strlen(path);
	char *tmp = malloc(n + 16);
	if (!tmp)
		return error("out of memory");
	snprintf(tmp, n + 16, "%s.tmpXXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		error("%s: cannot create: %s", path, strerror(errno));
		free(tmp);
		return -1;
	}
	const char *p = data;
	size_t left = len;
	while (left) {
		ssize_t w = write(fd, p, left);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			error("%s: write failed: %s", path, strerror(errno));
			close(fd);
			unlink(tmp);
			free(tmp);
			return -1;
		}
		p += w;
		left -= (size_t)w;
	}
	if (fsync(fd) != 0 || close(fd) != 0 || chmod_default(tmp) ||
	    rename(tmp, path) != 0) {
		error("%s: cannot write: %s", path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

void options_begin(void)
{
	optind = 0; /* glibc: start over, as for a new argv */
	opterr = 0; /* errors are ours to word */
}

int next_option(int argc, char **argv, const char *shorts, const struct option *longs,
		const char *usage)
{
	char spec[64];
	/* ':' first: a missing value comes back as ':', not '?' */
	snprintf(spec, sizeof spec, ":%sh", shorts);
	int c = getopt_long(argc, argv, spec, longs, NULL);
	if (c == '?') {
		if (optopt)
			return usage_error(usage, "unknown option '-%c'", optopt), OPT_USAGE;
		return usage_error(usage, "unknown option '%s'", argv[optind - 1]), OPT_USAGE;
	}
	if (c == ':')
		return usage_error(usage, "%s needs a value", argv[optind - 1]), OPT_USAGE;
	return c;
}

int parse_color(const char *when, const char *out, const char *format, const char *usage,
		bool *color)
{
	if (strcmp(when, "always") == 0)
		*color = true;
	else if (strcmp(when, "never") == 0)
		*color = false;
	else if (strcmp(when, "auto") == 0)
		*color = strcmp(out, "-") == 0 && isatty(STDOUT_FILENO) &&
			 !(getenv("NO_COLOR") && *getenv("NO_COLOR"));
	else
		return usage_error(usage, "--color is auto, always or never");
	if (strcmp(format, "text") != 0)
		*color = false;
	return 0;
}

const char *repo_dir(const char *given)
{
	if (given && *given)
		return given;
	const char *env = getenv("YOY_REPO");
	return env && *env ? env : "history";
}

size_t split_files(char *arg, char **files)
{
	struct stat sb;
	char *plus = strchr(arg, '+');
	files[0] = arg;
	files[1] = NULL;
	if (!plus || stat(arg, &sb) == 0)
		return 1;
	*plus = '\0';
	files[1] = plus + 1;
	return 2;
}

int load_disclosure(yoy_doc **out, char *arg, yoy_error *err)
{
	char *files[2];
	size_t n = split_files(arg, files);
	return yoy_parse_files(out, (const char *const *)files, n, err);
}

int parse_year(const char *s, int *year)
{
	char *end;
	long y = strtol(s, &end, 10);
	if (!*s || *end || y < 1900 || y > 2999)
		return -1;
	*year = (int)y;
	return 0;
}

int parse_amount(const char *s, int64_t *fen)
{
	size_t len = strlen(s), num = len;
	yoy_unit unit = YOY_UNIT_WAN;
	for (size_t k = 0; k < len; k++)
		if ((unsigned char)s[k] >= 0x80 || (s[k] != '.' && s[k] != ',' &&
						    (s[k] < '0' || s[k] > '9'))) {
			num = k;
			unit = yoy_unit_parse(s + k, len - k);
			break;
		}
	yoy_amount a;
	if (num == 0 || unit == YOY_UNIT_NONE || yoy_amount_parse(&a, s, num, unit) ||
	    !a.present || a.fen < 0)
		return -1;
	*fen = a.fen;
	return 0;
}

int parse_percent(const char *s, int64_t *hundredths)
{
	yoy_decimal d;
	if (yoy_decimal_parse(&d, s, strlen(s)) || !d.present || d.scaled < 0 || d.decimals > 2)
		return -1;
	int64_t v = d.scaled;
	for (int k = d.decimals; k < 2; k++)
		v *= 10;
	*hundredths = v;
	return 0;
}

void format_time(char *buf, size_t size, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(buf, size, "%Y-%m-%d %H:%M", &tm);
}

int repo_only_options(int argc, char **argv, const char *usage, void (*help)(void),
		      const char **repo)
{
	static const struct option longs[] = {
		REPO_OPTION,
		HELP_OPTION,
		{ 0 },
	};
	*repo = NULL;
	options_begin();
	int c;
	while ((c = next_option(argc, argv, "", longs, usage)) != -1) {
		switch (c) {
		case OPT_REPO: *repo = optarg; break;
		case 'h': help(); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (optind < argc)
		return usage_error(usage, "unknown argument '%s'", argv[optind]);
	return -1;
}

int remote_options(int argc, char **argv, const char *usage, void (*help)(void),
		   const char **repo, bool *quiet, const char **remote)
{
	static const struct option longs[] = {
		REPO_OPTION,
		{ "quiet", no_argument, NULL, 'q' },
		HELP_OPTION,
		{ 0 },
	};
	*repo = NULL;
	*quiet = false;
	options_begin();
	int c;
	while ((c = next_option(argc, argv, "q", longs, usage)) != -1) {
		switch (c) {
		case OPT_REPO: *repo = optarg; break;
		case 'q': *quiet = true; break;
		case 'h': help(); return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (argc - optind > 1)
		return usage_error(usage, "give at most one remote");
	*remote = argc - optind == 1 ? argv[optind] : "origin";
	return -1;
}
