/* The cache of each commit's changes (changes.h).
 *
 * The file, text:
 *   yoy-changes 1 <depth>\n
 *   then per commit
 *   C <commit id, 40 hex> <dirs bytes> <dirs sum> <files bytes> <files sum>\n
 *   <dirs: "name\n" each><files: "<A|M|D> path\n" each>
 * A sum is the first 8 bytes of the part's SHA-1, in hex.  The two parts
 * are checked apart, when first read: `yoy log DEPT` reads every
 * commit's directories but only its own commits' files. */
#include "changes.h"

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/digest.h"
#include "util/util.h"
#include "yoy/store.h" /* yoy_strings_free */

#define MAGIC "yoy-changes 1 "
/* A cache this large is not ours (20,000 documents make about 1 MB). */
#define MAX_FILE_BYTES (256u << 20)

typedef struct record {
	unsigned char id[20];
	const char *dirs, *files; /* into the file's bytes or own */
	size_t dirs_len, files_len;
	char dirs_sum[17], files_sum[17];
	bool dirs_ok, files_ok; /* checked */
	bool bad;               /* a sum did not match: ignored */
	char *own;              /* heap: the parts of an added record */
} record;

struct change_cache {
	char *path;
	int depth;
	char *bytes; /* heap: the file as read */
	record *v;
	size_t n, cap;
	size_t *slots; /* open addressing: index + 1, 0 empty; nslots a power of two */
	size_t nslots;
	bool dirty; /* to be written */
};

static void part_sum(const char *p, size_t len, char out[17])
{
	char hex[41];
	sha1_hex(p, len, hex);
	memcpy(out, hex, 16);
	out[16] = '\0';
}

static size_t slot_of(const change_cache *c, const unsigned char id[20])
{
	uint64_t h;
	memcpy(&h, id, sizeof h);
	return (size_t)h & (c->nslots - 1);
}

static bool index_grow(change_cache *c)
{
	size_t ns = c->nslots ? c->nslots * 2 : 64;
	size_t *s = calloc(ns, sizeof *s);
	if (!s)
		return false;
	free(c->slots);
	c->slots = s;
	c->nslots = ns;
	for (size_t i = 0; i < c->n; i++) {
		size_t k = slot_of(c, c->v[i].id);
		while (c->slots[k])
			k = (k + 1) & (ns - 1);
		c->slots[k] = i + 1;
	}
	return true;
}

/* Appends r (its index entry too); false when out of memory. */
static bool push_record(change_cache *c, const record *r)
{
	if ((c->n + 1) * 2 > c->nslots && !index_grow(c))
		return false;
	if (!VEC_PUSH(c->v, c->n, c->cap, *r))
		return false;
	size_t k = slot_of(c, r->id);
	while (c->slots[k])
		k = (k + 1) & (c->nslots - 1);
	c->slots[k] = c->n;
	return true;
}

static int hex_value(char ch)
{
	return ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
}

static bool parse_id(const char *hex, unsigned char id[20])
{
	for (int i = 0; i < 20; i++) {
		int hi = hex_value(hex[2 * i]), lo = hex_value(hex[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return false;
		id[i] = (unsigned char)(hi << 4 | lo);
	}
	return true;
}

/* The records of the file's bytes; stops at the first that does not
 * parse (the rest is rewritten on save).  False when out of memory. */
static bool read_records(change_cache *c, size_t len)
{
	const char *p = c->bytes, *end = c->bytes + len;
	char magic[64];
	int n = snprintf(magic, sizeof magic, MAGIC "%d\n", c->depth);
	if (len < (size_t)n || memcmp(p, magic, (size_t)n) != 0) {
		c->dirty = len > 0;
		return true;
	}
	p += n;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		record r = { 0 };
		char hex[41];
		size_t dl, fl;
		int used = 0;
		char line[160];
		if (!nl || nl - p >= (ptrdiff_t)sizeof line)
			break;
		memcpy(line, p, (size_t)(nl - p));
		line[nl - p] = '\0';
		if (sscanf(line, "C %40s %zu %16s %zu %16s%n", hex, &dl, r.dirs_sum, &fl, r.files_sum,
			   &used) != 5 ||
		    line[used] || strlen(hex) != 40 || !parse_id(hex, r.id) ||
		    dl > (size_t)(end - nl - 1) || fl > (size_t)(end - nl - 1) - dl)
			break;
		r.dirs = nl + 1;
		r.dirs_len = dl;
		r.files = r.dirs + dl;
		r.files_len = fl;
		if (!push_record(c, &r))
			return false;
		p = r.files + fl;
	}
	if (p < end)
		c->dirty = true;
	return true;
}

change_cache *change_cache_open(const char *path, int depth)
{
	change_cache *c = calloc(1, sizeof *c);
	if (!c || !(c->path = strdup(path))) {
		free(c);
		return NULL;
	}
	c->depth = depth;
	FILE *f = fopen(path, "rb");
	struct stat sb;
	if (!f || fstat(fileno(f), &sb) || !S_ISREG(sb.st_mode) || sb.st_size > MAX_FILE_BYTES) {
		if (f)
			fclose(f);
		return c; /* empty */
	}
	size_t len = (size_t)sb.st_size;
	c->bytes = malloc(len ? len : 1);
	if (!c->bytes) {
		fclose(f);
		change_cache_free(c);
		return NULL;
	}
	len = fread(c->bytes, 1, len, f);
	fclose(f);
	if (!read_records(c, len)) {
		change_cache_free(c);
		return NULL;
	}
	return c;
}

void change_cache_free(change_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++)
		free(c->v[i].own);
	free(c->v);
	free(c->slots);
	free(c->bytes);
	free(c->path);
	free(c);
}

/* Whether the part checks out against its sum (checked once). */
static bool part_ok(const char *p, size_t len, const char *sum, bool *ok)
{
	if (!*ok) {
		char s[17];
		part_sum(p, len, s);
		*ok = strcmp(s, sum) == 0;
	}
	return *ok;
}

static record *find(change_cache *c, const unsigned char id[20])
{
	if (!c->nslots)
		return NULL;
	for (size_t k = slot_of(c, id); c->slots[k]; k = (k + 1) & (c->nslots - 1)) {
		record *r = &c->v[c->slots[k] - 1];
		if (!r->bad && memcmp(r->id, id, 20) == 0)
			return r;
	}
	return NULL;
}

static int damaged(change_cache *c, record *r)
{
	r->bad = true;
	c->dirty = true;
	return 0;
}

int change_cache_lookup(change_cache *c, const unsigned char id[20], const char *dir,
			bool *touched, char ***paths, char **kinds, size_t *n)
{
	*paths = NULL;
	*kinds = NULL;
	*n = 0;
	*touched = false;
	record *r = find(c, id);
	if (!r)
		return 0;
	size_t dl = strlen(dir);
	if (dl) { /* "D/": is D among the directories? */
		if (!part_ok(r->dirs, r->dirs_len, r->dirs_sum, &r->dirs_ok))
			return damaged(c, r);
		for (const char *p = r->dirs, *end = p + r->dirs_len; p < end && !*touched;) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			if (!nl)
				return damaged(c, r);
			*touched = (size_t)(nl - p) + 1 == dl && memcmp(p, dir, dl - 1) == 0;
			p = nl + 1;
		}
		if (!*touched)
			return 1;
	}
	*touched = true;
	if (!part_ok(r->files, r->files_len, r->files_sum, &r->files_ok))
		return damaged(c, r);
	char **pv = NULL, *kv = NULL;
	size_t cnt = 0, cap = 0, kcap = 0, kn = 0;
	for (const char *p = r->files, *end = p + r->files_len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl || nl - p < 3 || p[1] != ' ' || !strchr("AMD", p[0]) || !p[0]) {
			yoy_strings_free(pv, cnt);
			free(kv);
			return damaged(c, r);
		}
		const char *name = p + 2;
		size_t len = (size_t)(nl - name);
		if (len >= dl && memcmp(name, dir, dl) == 0) {
			char *s = strndup(name, len);
			if (!s || !VEC_PUSH(kv, kn, kcap, p[0]) || !VEC_PUSH(pv, cnt, cap, s)) {
				free(s);
				yoy_strings_free(pv, cnt);
				free(kv);
				return -1;
			}
		}
		p = nl + 1;
	}
	*paths = pv;
	*kinds = kv;
	*n = cnt;
	return 1;
}

int change_cache_add(change_cache *c, const unsigned char id[20], char *const *dirs,
		     size_t ndirs, char *const *paths, const char *kinds, size_t n)
{
	size_t dl = 0, fl = 0;
	for (size_t i = 0; i < ndirs; i++) {
		if (strchr(dirs[i], '\n') || !*dirs[i])
			return 0;
		dl += strlen(dirs[i]) + 1;
	}
	for (size_t i = 0; i < n; i++) {
		if (strchr(paths[i], '\n') || !strchr("AMD", kinds[i]) || !kinds[i])
			return 0;
		fl += strlen(paths[i]) + 3;
	}
	if (find(c, id))
		return 0;
	record r = { 0 };
	memcpy(r.id, id, 20);
	if (!(r.own = malloc(dl + fl + 1)))
		return -1;
	char *p = r.own;
	for (size_t i = 0; i < ndirs; i++)
		p += sprintf(p, "%s\n", dirs[i]);
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "%c %s\n", kinds[i], paths[i]);
	r.dirs = r.own;
	r.dirs_len = dl;
	r.files = r.own + dl;
	r.files_len = fl;
	part_sum(r.dirs, dl, r.dirs_sum);
	part_sum(r.files, fl, r.files_sum);
	r.dirs_ok = r.files_ok = true;
	if (!push_record(c, &r)) {
		free(r.own);
		return -1;
	}
	c->dirty = true;
	return 0;
}

/* Files path.<pid>.<n>.tmp an hour old: left by a process killed while
 * it saved. */
static void remove_stale(const char *path)
{
	const char *slash = strrchr(path, '/');
	char dir[4096];
	snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
	const char *base = slash ? slash + 1 : path;
	size_t blen = strlen(base);
	DIR *d = opendir(dir);
	struct dirent *e;
	time_t now = time(NULL);
	while (d && (e = readdir(d))) {
		char full[4096 + 256];
		struct stat sb;
		if (strncmp(e->d_name, base, blen) || e->d_name[blen] != '.' ||
		    !str_ends(e->d_name, ".tmp"))
			continue;
		snprintf(full, sizeof full, "%s/%s", dir, e->d_name);
		if (lstat(full, &sb) == 0 && S_ISREG(sb.st_mode) && now - sb.st_mtime > 3600)
			unlink(full);
	}
	if (d)
		closedir(d);
}

int change_cache_save(change_cache *c)
{
	if (!c->dirty)
		return 0;
	static atomic_uint serial;
	char *tmp = NULL;
	if (asprintf(&tmp, "%s.%ld.%u.tmp", c->path, (long)getpid(), atomic_fetch_add(&serial, 1)) <
	    0)
		return -1;
	FILE *f = fopen(tmp, "wb");
	bool ok = f && fprintf(f, MAGIC "%d\n", c->depth) > 0;
	for (size_t i = 0; ok && i < c->n; i++) {
		const record *r = &c->v[i];
		if (r->bad)
			continue;
		fprintf(f, "C ");
		for (int k = 0; k < 20; k++)
			fprintf(f, "%02x", r->id[k]);
		fprintf(f, " %zu %s %zu %s\n", r->dirs_len, r->dirs_sum, r->files_len, r->files_sum);
		ok = fwrite(r->dirs, 1, r->dirs_len, f) == r->dirs_len &&
		     fwrite(r->files, 1, r->files_len, f) == r->files_len;
	}
	if (f && fclose(f))
		ok = false;
	if (ok && rename(tmp, c->path) == 0) {
		c->dirty = false;
		remove_stale(c->path);
	} else {
		ok = false;
		unlink(tmp);
	}
	free(tmp);
	return ok ? 0 : -1;
}
