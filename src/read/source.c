/* Reading an input file (source.h): whole into memory, its sha256, and its
 * text decoded to UTF-8 from GB18030, UTF-16 or UTF-8 with a BOM.  The only
 * file that uses iconv.  Calls util only. */
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "util/digest.h"
#include "util/util.h"

void input_free(yoy_input *in)
{
	input_sha256(in); /* the hashing thread reads in->bytes */
	free(in->path);
	if (in->mapped)
		munmap(in->bytes, in->size);
	else
		free(in->bytes);
	free(in->text);
	memset(in, 0, sizeof *in);
}

/* Convert with iconv; returns a heap buffer or NULL when the bytes are
 * not valid in that encoding. */
static char *convert(const char *from, const char *src, size_t len,
		     size_t *out_len)
{
	iconv_t cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1)
		return NULL;
	size_t cap = len * 2 + 16;
	char *out = malloc(cap);
	if (!out) {
		iconv_close(cd);
		return NULL;
	}
	char *inp = (char *)src, *outp = out;
	size_t inleft = len, outleft = cap - 1;
	while (inleft > 0) {
		size_t r = iconv(cd, &inp, &inleft, &outp, &outleft);
		if (r != (size_t)-1)
			break;
		if (errno != E2BIG) {
			free(out);
			iconv_close(cd);
			return NULL;
		}
		size_t used = (size_t)(outp - out);
		cap *= 2;
		char *p = realloc(out, cap);
		if (!p) {
			free(out);
			iconv_close(cd);
			return NULL;
		}
		out = p;
		outp = out + used;
		outleft = cap - 1 - used;
	}
	iconv_close(cd);
	*out_len = (size_t)(outp - out);
	out[*out_len] = '\0';
	return out;
}

/* Control characters other than tab, newline, CR and form feed. */
static size_t count_controls(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') ||
		    c == 0x7F)
			n++;
	}
	return n;
}

static int decode_text(yoy_input *in, yoy_error *err)
{
	const char *b = in->bytes;
	size_t n = in->size;
	char *text = NULL;
	size_t len = 0;

	if (n >= 2 && (((unsigned char)b[0] == 0xFF && (unsigned char)b[1] == 0xFE) ||
		       ((unsigned char)b[0] == 0xFE && (unsigned char)b[1] == 0xFF))) {
		bool le = (unsigned char)b[0] == 0xFF;
		text = convert(le ? "UTF-16LE" : "UTF-16BE", b + 2, n - 2, &len);
		in->encoding = le ? "UTF-16LE" : "UTF-16BE";
		if (!text)
			return yoy_error_set(err, YOY_EINPUT,
				"%s: invalid UTF-16 text", in->path);
	} else if (memchr(b, '\0', n)) {
		return yoy_error_set(err, YOY_EINPUT,
			"%s: binary file (contains NUL bytes), not a disclosure",
			in->path);
	} else if (n >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0) {
		if (!utf8_valid(b + 3, n - 3))
			return yoy_error_set(err, YOY_EINPUT,
				"%s: starts with a UTF-8 byte order mark but is not valid UTF-8",
				in->path);
		text = malloc(n - 2);
		if (!text)
			return yoy_error_set(err, YOY_ENOMEM, "%s: out of memory", in->path);
		memcpy(text, b + 3, n - 3);
		len = n - 3;
		text[len] = '\0';
		in->encoding = "UTF-8 BOM";
	} else if (utf8_valid(b, n)) {
		text = malloc(n + 1);
		if (!text)
			return yoy_error_set(err, YOY_ENOMEM, "%s: out of memory", in->path);
		memcpy(text, b, n);
		len = n;
		text[len] = '\0';
		in->encoding = "UTF-8";
	} else {
		/* Chinese government sites still publish GBK; GB18030 is its
		 * superset, so one conversion covers both. */
		text = convert("GB18030", b, n, &len);
		in->encoding = "GB18030";
		if (!text)
			return yoy_error_set(err, YOY_EINPUT,
				"%s: text is neither UTF-8 nor GB18030/GBK", in->path);
	}
	if (count_controls(text, len) > len / 100 + 8) {
		free(text);
		return yoy_error_set(err, YOY_EINPUT,
			"%s: binary file (control characters), not a disclosure",
			in->path);
	}
	/* CRLF and lone CR become LF */
	const char *cr = memchr(text, '\r', len);
	size_t w = cr ? (size_t)(cr - text) : len;
	for (size_t r = w; r < len; r++) {
		if (text[r] == '\r') {
			in->crlf = true;
			text[w++] = '\n';
			if (r + 1 < len && text[r + 1] == '\n')
				r++;
		} else {
			text[w++] = text[r];
		}
	}
	text[w] = '\0';
	in->text = text;
	in->text_len = w;
	return 0;
}

/* A PDF this large is mapped rather than read, and hashed on a thread of
 * its own while poppler reads it: copying and hashing the 3.7 MB 2024 决算
 * were 9% and 7% of parsing it. */
#define LARGE_INPUT (1u << 20)

static void *hash_thread(void *arg)
{
	yoy_input *in = arg;
	sha256_hex(in->bytes, in->size, in->sha256);
	return NULL;
}

const char *input_sha256(yoy_input *in)
{
	if (in->hashing) {
		pthread_join(in->hasher, NULL);
		in->hashing = false;
	}
	return in->sha256;
}

/* in's sha256, now or (large and the thread starts) by the time
 * input_sha256 asks. */
static void fingerprint(yoy_input *in)
{
	if (in->size >= LARGE_INPUT && pthread_create(&in->hasher, NULL, hash_thread, in) == 0) {
		in->hashing = true;
		return;
	}
	sha256_hex(in->bytes, in->size, in->sha256);
}

static int sniff(yoy_input *in, yoy_error *err)
{
	if (in->size == 0)
		return yoy_error_set(err, YOY_EINPUT, "%s: empty file", in->path);
	size_t head = in->size < 1024 ? in->size : 1024;
	if (span_has(in->bytes, head, "%PDF-")) {
		in->format = INPUT_PDF;
		in->encoding = "PDF";
		fingerprint(in);
		return 0;
	}
	int rc = decode_text(in, err);
	if (rc)
		return rc;
	const char *p = in->text;
	while (*p == ' ' || *p == '\n' || *p == '\t')
		p++;
	if (*p == '{' && strstr(p, "\"schema\"") && strstr(p, "yoy-disclosure/")) {
		in->format = INPUT_JSON; /* carries its sources' hashes inside */
		return 0;
	}
	in->format = INPUT_TEXT;
	sha256_hex(in->bytes, in->size, in->sha256);
	return 0;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

int input_read(yoy_input *in, const char *path, yoy_error *err)
{
	memset(in, 0, sizeof *in);
	in->path = strdup(path);
	if (!in->path)
		return yoy_error_set(err, YOY_ENOMEM, "%s: out of memory", path);
	in->name = base_name(in->path);
	bool too_big;
	int rc = read_file(path, YOY_MAX_INPUT_SIZE, &in->bytes, &in->size, &too_big);
	if (rc) {
		yoy_error_set(err, YOY_EINPUT, "%s: cannot read: %s", path,
			      strerror(-rc));
		input_free(in);
		return YOY_EINPUT;
	}
	if (too_big) {
		yoy_error_set(err, YOY_EINPUT,
			"%s: file too large (limit %zu MiB)", path,
			YOY_MAX_INPUT_SIZE >> 20);
		input_free(in);
		return YOY_EINPUT;
	}
	rc = sniff(in, err);
	if (rc)
		input_free(in);
	return rc;
}

int input_adopt(yoy_input *in, const char *name, char *data, size_t size, yoy_error *err)
{
	memset(in, 0, sizeof *in);
	in->path = strdup(name);
	if (!in->path) {
		free(data);
		return yoy_error_set(err, YOY_ENOMEM, "%s: out of memory", name);
	}
	in->name = base_name(in->path);
	in->bytes = data;
	in->size = size;
	int rc = sniff(in, err);
	if (rc)
		input_free(in);
	return rc;
}

/* fd is a regular file of a large PDF; *st gets its status. */
static bool large_pdf(int fd, struct stat *st)
{
	char head[8] = "";
	return fstat(fd, st) == 0 && S_ISREG(st->st_mode) && st->st_size >= LARGE_INPUT &&
	       (uint64_t)st->st_size <= YOY_MAX_INPUT_SIZE && pread(fd, head, 5, 0) == 5 &&
	       memcmp(head, "%PDF-", 5) == 0;
}

bool input_is_large_pdf(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	struct stat st;
	bool yes = large_pdf(fd, &st);
	close(fd);
	return yes;
}

/* Mapped, a file cut short by another process while it is parsed would
 * fault (SIGBUS) where read() would not: the price of not copying 3.7 MB,
 * taken as git takes it for its packs. */
int input_map_pdf(yoy_input *in, const char *path, yoy_error *err)
{
	memset(in, 0, sizeof *in);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0; /* the usual reading says why */
	struct stat st;
	bool pdf = large_pdf(fd, &st);
	void *m = pdf ? mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0) : MAP_FAILED;
	close(fd);
	if (m == MAP_FAILED)
		return 0;
	in->path = strdup(path);
	if (!in->path) {
		munmap(m, (size_t)st.st_size);
		return yoy_error_set(err, YOY_ENOMEM, "%s: out of memory", path);
	}
	in->name = base_name(in->path);
	in->bytes = m;
	in->size = (size_t)st.st_size;
	in->mapped = true;
	int rc = sniff(in, err);
	if (rc) {
		input_free(in);
		return rc;
	}
	return 1;
}

int input_from_memory(yoy_input *in, const char *name, const void *data,
		      size_t size, yoy_error *err)
{
	memset(in, 0, sizeof *in);
	in->path = strdup(name);
	in->bytes = malloc(size + 1);
	if (!in->path || !in->bytes) {
		input_free(in);
		return yoy_error_set(err, YOY_ENOMEM, "%s: out of memory", name);
	}
	in->name = base_name(in->path);
	if (size)
		memcpy(in->bytes, data, size);
	in->bytes[size] = '\0';
	in->size = size;
	int rc = sniff(in, err);
	if (rc)
		input_free(in);
	return rc;
}
