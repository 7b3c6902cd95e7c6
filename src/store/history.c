/* Disclosures in the history repository: where each one is stored, what
 * an import commits, what the history holds.  Git itself is store.c's. */
#include "yoy/history.h"

#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>

#include "util/util.h"
#include "yoy/json.h"
#include "yoy/parse.h"

/* Documents named one by one in a commit message. */
#define YOY_COMMIT_LIST_MAX 100


static int read_aliases(yoy_store *st, const char *rev, yoy_aliases *a,
			yoy_error *err)
{
	memset(a, 0, sizeof *a);
	char *text;
	size_t len;
	yoy_error ignore;
	if (yoy_store_read(st, rev, YOY_ALIASES_PATH, &text, &len, &ignore) != 0)
		return 0; /* no aliases yet */
	int rc = yoy_aliases_read(a, YOY_ALIASES_DEPARTMENTS, text, len, YOY_ALIASES_PATH, err);
	free(text);
	return rc;
}

/* ---- names and paths ------------------------------------------------------ */

char *yoy_department_key(const char *name)
{
	if (!name)
		return NULL;
	sbuf b;
	sbuf_init(&b);
	size_t n = strlen(name), i = 0;
	while (i < n) {
		size_t adv;
		uint32_t cp = utf8_decode(name + i, n - i, &adv);
		i += adv;
		if (is_blank_cp(cp) || cp < 0x20)
			continue;
		if (cp >= 0xFF01 && cp <= 0xFF5E && cp != 0xFF08 && cp != 0xFF09)
			cp -= 0xFEE0; /* full-width ASCII, but keep （） as printed */
		if (cp == '/' || cp == '\\')
			cp = 0xFF0F;
		char enc[4];
		sbuf_put(&b, enc, utf8_encode(cp, enc));
	}
	/* never "." or ".." */
	if (b.len == 0 || strcmp(sbuf_cstr(&b), ".") == 0 || strcmp(sbuf_cstr(&b), "..") == 0) {
		sbuf_free(&b);
		return NULL;
	}
	return sbuf_detach(&b);
}

static char *path_of(const char *dept, int year, const char *kind, const char *suffix)
{
	sbuf b;
	sbuf_init(&b);
	sbuf_printf(&b, "%s/%d/%s%s", dept, year, kind, suffix);
	return sbuf_detach(&b);
}

/* ---- batches ------------------------------------------------------------- */

/* A name as near-name matching compares it: long forms shortened, and
 * its code points (at most 128).  Made by near_form_make (below). */
typedef struct near_form {
	char *text; /* heap */
	uint32_t cp[128];
	size_t n;
} near_form;
static bool near_form_make(near_form *f, const char *name);

typedef struct staged {
	char *path;         /* JSON path */
	char *sources_dir;  /* "<dept>/<year>/<kind>.sources" */
	char json_id[41];   /* objects already written */
	char **src_paths;
	char (*src_ids)[41];
	size_t nsrc;
	yoy_import_status status;
	char *line;         /* commit message lines */
} staged;

struct yoy_batch {
	yoy_store *st;
	yoy_aliases aliases;
	bool aliases_changed;
	staged *v;
	size_t n, cap;
	char **departments;  /* keys stored at the tip and staged since */
	struct near_form *forms; /* of each department, for near_department */
	size_t ndepartments, departments_cap;
	char *note;          /* what the last add said of its filing, or NULL */
};

/* Remember key as a department of the history (a copy). */
static int add_department(yoy_batch *b, const char *key)
{
	for (size_t i = 0; i < b->ndepartments; i++)
		if (strcmp(b->departments[i], key) == 0)
			return 0;
	if (b->ndepartments == b->departments_cap) {
		size_t cap = b->departments_cap ? 2 * b->departments_cap : 64;
		char **v = realloc(b->departments, cap * sizeof *v);
		if (!v)
			return YOY_ENOMEM;
		b->departments = v;
		struct near_form *f = realloc(b->forms, cap * sizeof *f);
		if (!f)
			return YOY_ENOMEM;
		b->forms = f;
		b->departments_cap = cap;
	}
	if (!(b->departments[b->ndepartments] = strdup(key)))
		return YOY_ENOMEM;
	if (!near_form_make(&b->forms[b->ndepartments], key)) {
		free(b->departments[b->ndepartments]);
		return YOY_ENOMEM;
	}
	b->ndepartments++;
	return 0;
}

/* The departments stored at the tip: the top directories. */
static int read_departments(yoy_batch *b, yoy_error *err)
{
	char **names = NULL;
	size_t n = 0;
	int rc = yoy_store_entries(b->st, NULL, NULL, &names, &n, err);
	for (size_t i = 0; !rc && i < n; i++) {
		size_t len = strlen(names[i]);
		if (len < 2 || names[i][len - 1] != '/')
			continue; /* aliases.json, README.md */
		names[i][len - 1] = '\0';
		if (add_department(b, names[i]))
			rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
	}
	yoy_strings_free(names, n);
	return rc;
}

int yoy_batch_new(yoy_batch **out, yoy_store *st, yoy_error *err)
{
	*out = NULL;
	yoy_batch *b = calloc(1, sizeof *b);
	if (!b)
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	b->st = st;
	int rc = read_aliases(st, NULL, &b->aliases, err);
	if (!rc)
		rc = read_departments(b, err);
	if (rc) {
		yoy_batch_free(b);
		return rc;
	}
	*out = b;
	return 0;
}

const char *yoy_batch_note(const yoy_batch *b)
{
	return b->note;
}

static void staged_free(staged *s)
{
	free(s->path);
	free(s->sources_dir);
	for (size_t i = 0; s->src_paths && i < s->nsrc; i++)
		free(s->src_paths[i]);
	free(s->src_paths);
	free(s->src_ids);
	free(s->line);
	memset(s, 0, sizeof *s);
}

void yoy_batch_free(yoy_batch *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->n; i++)
		staged_free(&b->v[i]);
	free(b->v);
	yoy_aliases_free(&b->aliases);
	for (size_t i = 0; i < b->ndepartments; i++)
		free(b->forms[i].text);
	free(b->forms);
	yoy_strings_free(b->departments, b->ndepartments);
	free(b->note);
	free(b);
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* The stored object at path equals id? *exists says whether it is stored. */
static bool stored_equal(yoy_store *st, const char *path, const char *id,
			 bool *exists)
{
	char old[41];
	yoy_error ignore;
	*exists = yoy_store_file_id(st, NULL, path, old, &ignore) == 0;
	return *exists && strcmp(old, id) == 0;
}

struct yoy_prepared {
	yoy_object *json;
	size_t nsrc;
	char **src_names;    /* file names under <kind>.sources/ */
	yoy_object **src;
};

void yoy_prepared_free(yoy_prepared *p)
{
	if (!p)
		return;
	yoy_object_free(p->json);
	for (size_t i = 0; i < p->nsrc; i++) {
		if (p->src_names)
			free(p->src_names[i]);
		if (p->src)
			yoy_object_free(p->src[i]);
	}
	free(p->src_names);
	free(p->src);
	free(p);
}

int yoy_prepare(yoy_prepared **out, const yoy_doc *doc, const yoy_buffer *sources,
		size_t nsources, yoy_error *err)
{
	*out = NULL;
	yoy_prepared *p = calloc(1, sizeof *p);
	char *json = yoy_json_write(doc);
	int rc = 0;
	if (p) {
		p->nsrc = nsources;
		p->src_names = calloc(nsources ? nsources : 1, sizeof *p->src_names);
		p->src = calloc(nsources ? nsources : 1, sizeof *p->src);
	}
	if (!p || !json || !p->src_names || !p->src) {
		rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
		goto fail;
	}
	/* objects now, so a batch holds them ready, not files */
	rc = yoy_object_new_blob(&p->json, json, strlen(json), err);
	for (size_t i = 0; i < nsources && !rc; i++) {
		sbuf name;
		sbuf_init(&name);
		/* the name as the document records it (valid UTF-8, no control
		 * characters); two sources with one name keep both */
		const char *mine = i < doc->nsources ? doc->sources[i].name : base_name(sources[i].name);
		for (size_t j = 0; j < i; j++) {
			const char *other = j < doc->nsources ? doc->sources[j].name
							      : base_name(sources[j].name);
			if (strcmp(other, mine) == 0) {
				sbuf_printf(&name, "%zu-", i + 1);
				break;
			}
		}
		sbuf_puts(&name, mine);
		p->src_names[i] = sbuf_detach(&name);
		if (!p->src_names[i])
			rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
		else
			rc = yoy_object_new_blob(&p->src[i], sources[i].data, sources[i].size, err);
	}
	if (rc)
		goto fail;
	free(json);
	*out = p;
	return 0;
fail:
	free(json);
	yoy_prepared_free(p);
	return rc;
}

struct yoy_stored_docs {
	unsigned char *ids; /* 20 bytes each, sorted */
	size_t n;
};

int yoy_history_stored_docs(yoy_stored_docs **out, yoy_store *st, yoy_error *err)
{
	*out = calloc(1, sizeof **out);
	if (!*out)
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	/* <department>/<year>/<kind>.json; sources are never documents */
	int rc = yoy_store_blob_ids(st, NULL, ".json", ".sources", &(*out)->ids, &(*out)->n, err);
	if (rc) {
		yoy_stored_docs_free(*out);
		*out = NULL;
	}
	return rc;
}

void yoy_stored_docs_free(yoy_stored_docs *d)
{
	if (d)
		free(d->ids);
	free(d);
}

static int hex_digit(char c)
{
	return c >= 'a' ? c - 'a' + 10 : c - '0';
}

/* Whether d holds the object id hex (40 lower-case hex digits). */
static bool stored_doc_has(const yoy_stored_docs *d, const char *hex)
{
	unsigned char id[20];
	for (int i = 0; i < 20; i++)
		id[i] = (unsigned char)(hex_digit(hex[2 * i]) << 4 | hex_digit(hex[2 * i + 1]));
	size_t lo = 0, hi = d->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = memcmp(d->ids + 20 * mid, id, 20);
		if (c == 0)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

int yoy_prepare_stored(yoy_prepared **out, yoy_doc **doc, const yoy_buffer *buf,
		       const yoy_stored_docs *known, yoy_error *err)
{
	*out = NULL;
	*doc = NULL;
	if (!known || !known->n)
		return 1;
	/* 500 stored documents imported again on one thread: 0.62 s when
	 * each was parsed, written and compressed anew, 0.15 s found by its
	 * hash with only its head read */
	yoy_object *o;
	int rc = yoy_object_hash_blob(&o, buf->data, buf->size, err);
	if (rc)
		return rc;
	if (!stored_doc_has(known, yoy_object_id(o))) {
		yoy_object_free(o);
		return 1;
	}
	yoy_prepared *p = calloc(1, sizeof *p); /* no sources */
	if (!p) {
		yoy_object_free(o);
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	}
	p->json = o;
	rc = yoy_json_read_head(doc, buf->data, buf->size, buf->name, err);
	if (rc) {
		yoy_prepared_free(p);
		return rc;
	}
	*out = p;
	return 0;
}

int yoy_batch_add(yoy_batch *b, const yoy_doc *doc, const yoy_buffer *sources,
		  size_t nsources, const char *department,
		  yoy_import_status *status, const char **path, yoy_error *err)
{
	yoy_prepared *p;
	int rc = yoy_prepare(&p, doc, sources, nsources, err);
	if (rc)
		return rc;
	rc = yoy_batch_add_prepared(b, doc, p, department, status, path, err);
	yoy_prepared_free(p);
	return rc;
}

/* The code points of s, at most max; returns how many. */
static size_t code_points(const char *s, uint32_t *cp, size_t max)
{
	size_t n = 0, len = strlen(s), adv;
	for (size_t i = 0; i < len && n < max; i += adv)
		cp[n++] = utf8_decode(s + i, len - i, &adv);
	return n;
}

/* Whether code point cp is one of the characters of set. */
static bool strchr_cp(const char *set, uint32_t cp)
{
	char enc[5];
	enc[utf8_encode(cp, enc)] = '\0';
	return strstr(set, enc) != NULL; /* only whole characters match in UTF-8 */
}

/* A department name with its long forms shortened, as names are printed
 * both ways: 中国共产党 / 中共, 人民代表大会常务委员会 / 人大常委会. */
static void short_forms(sbuf *out, const char *name)
{
	static const char *const forms[][2] = {
		{ "中国共产党", "中共" },
		{ "人民代表大会常务委员会", "人大常委会" },
		{ "常务委员会", "常委会" },
	};
	sbuf_reset(out);
	for (const char *p = name; *p;) {
		size_t k = 0;
		while (k < sizeof forms / sizeof *forms && !str_starts(p, forms[k][0]))
			k++;
		if (k < sizeof forms / sizeof *forms) {
			sbuf_puts(out, forms[k][1]);
			p += strlen(forms[k][0]);
		} else {
			sbuf_putc(out, *p++);
		}
	}
}

static bool near_form_make(near_form *f, const char *name)
{
	sbuf sb;
	sbuf_init(&sb);
	short_forms(&sb, name);
	f->n = code_points(sbuf_cstr(&sb), f->cp, 128);
	f->text = sbuf_detach(&sb);
	if (!f->text && !sb.oom)
		f->text = strdup("");
	return f->text != NULL;
}

/* yoy_department_near on two names made into forms. */
static bool forms_near(const near_form *a, const near_form *b)
{
	if (strcmp(a->text, b->text) == 0)
		return a->n > 0;
	const uint32_t *s = a->n <= b->n ? a->cp : b->cp, *l = a->n <= b->n ? b->cp : a->cp;
	size_t ns = a->n <= b->n ? a->n : b->n, nl = a->n <= b->n ? b->n : a->n;
	if (ns < 4 || ns == nl || nl == 128 || s[0] != l[0] || s[1] != l[1] ||
	    s[ns - 1] != l[nl - 1])
		return false;
	/* what the shorter leaves out is words, never a number or a letter:
	 * "甲0-1" and "甲0-10", 第一 and 第十一 are different bodies */
	size_t j = 0;
	for (size_t i = 0; i < nl; i++) {
		if (j < ns && l[i] == s[j]) {
			j++;
			continue;
		}
		if (l[i] < 0x4E00 || l[i] > 0x9FFF || strchr_cp("一二三四五六七八九十百零〇", l[i]))
			return false;
	}
	return j == ns;
}

/* Two names of one department: the same with long forms shortened, or
 * one a contraction of the other -- the same first two characters (the
 * province or city), the same last (院, 局, 会: the kind of body), and
 * every character of the shorter, at least four, in the longer in order
 * ("江苏省检察院", 江苏省人民检察院).  "…教育局" and "…教育局党委" are not:
 * their last characters differ. */
bool yoy_department_near(const char *a, const char *b)
{
	near_form fa, fb;
	bool ok = near_form_make(&fa, a), near = false;
	if (ok && near_form_make(&fb, b)) {
		near = forms_near(&fa, &fb);
		free(fb.text);
	}
	if (ok)
		free(fa.text);
	return near;
}

/* A stored department whose name is near printed (and not printed
 * itself), when exactly one is; else NULL.  The stored names' forms are
 * made once per batch (add_department): measured, making them for every
 * pair was 13% of importing 500 documents, and grows with the square of
 * a province's departments. */
static const char *near_department(const yoy_batch *b, const char *printed)
{
	near_form p;
	if (!near_form_make(&p, printed))
		return NULL;
	const char *found = NULL;
	for (size_t i = 0; i < b->ndepartments; i++) {
		if (strcmp(b->departments[i], printed) == 0) {
			found = NULL;
			break;
		}
		if (forms_near(&b->forms[i], &p)) {
			if (found) {
				found = NULL; /* two candidates: not ours to choose */
				break;
			}
			found = b->departments[i];
		}
	}
	free(p.text);
	return found;
}

/* The department a document is filed under: --department NAME (its
 * printed name then recorded as an alias of NAME), else the alias of its
 * printed name, else a stored department whose name is near it (the
 * alias recorded, and a note saying so), else that name.  *key is
 * malloc'd (the caller frees it). */
static int filing_key(yoy_batch *b, const yoy_doc *doc, const char *department, char **key,
		      yoy_error *err)
{
	const char *file = doc->nsources ? doc->sources[0].name : "?";
	char *printed = yoy_department_key(doc->department);
	*key = NULL;
	if (department) {
		*key = yoy_department_key(department);
		if (*key && printed && strcmp(printed, *key) != 0) {
			if (yoy_aliases_set(&b->aliases, printed, *key)) {
				free(printed);
				free(*key);
				*key = NULL;
				return yoy_error_set(err, YOY_ENOMEM, "out of memory");
			}
			b->aliases_changed = true;
		}
	} else if (printed) {
		const char *alias = yoy_aliases_lookup(&b->aliases, printed);
		const char *near = alias ? NULL : near_department(b, printed);
		*key = strdup(alias ? alias : near ? near : printed);
		if (near && *key) {
			sbuf note;
			sbuf_init(&note);
			sbuf_printf(&note, "%s: department \"%s\" filed under the stored \"%s\", "
				    "a name of the same body (recorded as its alias; give "
				    "--department \"%s\" to keep it apart)",
				    file, printed, near, printed);
			free(b->note);
			b->note = sbuf_detach(&note);
			if (!b->note || yoy_aliases_set(&b->aliases, printed, *key)) {
				free(printed);
				free(*key);
				*key = NULL;
				return yoy_error_set(err, YOY_ENOMEM, "out of memory");
			}
			b->aliases_changed = true;
		}
	}
	free(printed);
	if (!*key)
		return yoy_error_set(err, YOY_EINPUT, "%s: no department name; give --department NAME",
				     file);
	return 0;
}

/* The document's JSON and its sources staged in the store, their paths
 * and ids into s. */
static int stage_objects(yoy_batch *b, const yoy_prepared *p, staged *s, yoy_error *err)
{
	memcpy(s->json_id, yoy_object_id(p->json), sizeof s->json_id);
	int rc = yoy_store_add(b->st, p->json, err);
	for (size_t i = 0; !rc && i < p->nsrc; i++) {
		sbuf sp;
		sbuf_init(&sp);
		sbuf_printf(&sp, "%s/%s", s->sources_dir, p->src_names[i]);
		s->src_paths[i] = sbuf_detach(&sp);
		memcpy(s->src_ids[i], yoy_object_id(p->src[i]), sizeof s->src_ids[i]);
		if (!s->src_paths[i])
			return yoy_error_set(err, YOY_ENOMEM, "out of memory");
		rc = yoy_store_add(b->st, p->src[i], err);
	}
	return rc;
}

/* New, revised or unchanged against what the tip stores, and the line the
 * commit message gives it. */
static int stage_status(yoy_batch *b, const yoy_doc *doc, staged *s, yoy_error *err)
{
	bool exists;
	bool same = stored_equal(b->st, s->path, s->json_id, &exists);
	for (size_t i = 0; i < s->nsrc && same; i++) {
		bool e;
		same = stored_equal(b->st, s->src_paths[i], s->src_ids[i], &e);
	}
	s->status = !exists ? YOY_IMPORT_NEW : same ? YOY_IMPORT_UNCHANGED : YOY_IMPORT_UPDATED;
	sbuf line;
	sbuf_init(&line);
	sbuf_printf(&line, "%s %d %s (%s)\n", doc->department ? doc->department : "?",
		    doc->year, doc->kind, s->status == YOY_IMPORT_NEW ? "new" : "revised");
	for (size_t i = 0; i < doc->nsources; i++)
		sbuf_printf(&line, "  source %s sha256 %s (%lld bytes)\n", doc->sources[i].name,
			    doc->sources[i].sha256, (long long)doc->sources[i].size);
	s->line = sbuf_detach(&line);
	return s->line ? 0 : yoy_error_set(err, YOY_ENOMEM, "out of memory");
}

int yoy_batch_add_prepared(yoy_batch *b, const yoy_doc *doc, const yoy_prepared *p,
			   const char *department, yoy_import_status *status,
			   const char **path, yoy_error *err)
{
	free(b->note);
	b->note = NULL;
	if (!doc->year)
		return yoy_error_set(err, YOY_EINPUT, "%s: no year found; cannot file it",
				     doc->nsources ? doc->sources[0].name : "?");
	char *key;
	int rc = filing_key(b, doc, department, &key, err);
	if (rc)
		return rc;
	/* every component of the paths is held to git's rules (and those of
	 * the file systems a clone may land on) */
	const char *file = doc->nsources ? doc->sources[0].name : "?";
	const char *why, *bad = NULL, *what = NULL;
	if ((why = path_component_problem(key)))
		bad = key, what = "department";
	else if ((why = path_component_problem(doc->kind)))
		bad = doc->kind, what = "kind";
	if (why) {
		rc = yoy_error_set(err, YOY_EINPUT, "%s: cannot file it under the %s \"%s\": %s",
				   file, what, bad, why);
		free(key);
		return rc;
	}
	for (size_t i = 0; i < p->nsrc; i++)
		if ((why = path_component_problem(p->src_names[i]))) {
			free(key);
			return yoy_error_set(err, YOY_EINPUT, "%s: cannot store the source as \"%s\": %s",
					     file, p->src_names[i], why);
		}
	if (add_department(b, key)) { /* a later name may be near it */
		free(key);
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	}
	staged s;
	memset(&s, 0, sizeof s);
	s.path = path_of(key, doc->year, doc->kind, ".json");
	s.sources_dir = path_of(key, doc->year, doc->kind, ".sources");
	s.src_paths = calloc(p->nsrc ? p->nsrc : 1, sizeof *s.src_paths);
	s.src_ids = calloc(p->nsrc ? p->nsrc : 1, sizeof *s.src_ids);
	s.nsrc = p->nsrc;
	free(key);
	if (!s.path || !s.sources_dir || !s.src_paths || !s.src_ids)
		rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
	if (rc || (rc = stage_objects(b, p, &s, err)) || (rc = stage_status(b, doc, &s, err))) {
		staged_free(&s);
		return rc;
	}
	/* the same disclosure twice in one import: once is enough when it is
	 * the same; two versions cannot both be this commit's, so the second
	 * is refused rather than silently dropped */
	for (size_t i = 0; i < b->n; i++) {
		if (strcmp(b->v[i].path, s.path) != 0)
			continue;
		bool same = memcmp(b->v[i].json_id, s.json_id, sizeof s.json_id) == 0;
		if (same) {
			*status = YOY_IMPORT_UNCHANGED;
			*path = b->v[i].path;
			staged_free(&s);
			return 0;
		}
		rc = yoy_error_set(err, YOY_EINPUT,
			"%s: another version of %s %d %s is in this import already; import them "
			"one at a time, in the order published, to keep both as revisions",
			doc->nsources ? doc->sources[0].name : "?",
			doc->department ? doc->department : "?", doc->year, doc->kind);
		staged_free(&s);
		return rc;
	}
	if (!vec_grow((void **)&b->v, &b->cap, b->n + 1, sizeof *b->v)) {
		staged_free(&s);
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	}
	b->v[b->n] = s;
	*status = s.status;
	*path = b->v[b->n++].path;
	return 0;
}

int yoy_batch_commit(yoy_batch *b, char id[41], int *committed, yoy_error *err)
{
	*committed = 0;
	size_t nch = 1, changed = 0;
	for (size_t i = 0; i < b->n; i++)
		nch += 2 + b->v[i].nsrc;
	yoy_store_change *ch = calloc(nch, sizeof *ch);
	char *aliases = NULL;
	if (!ch)
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	size_t k = 0;
	const staged *only = NULL;
	for (size_t i = 0; i < b->n; i++) {
		const staged *s = &b->v[i];
		if (s->status == YOY_IMPORT_UNCHANGED)
			continue;
		changed++;
		only = s;
		/* a re-publication replaces the files it came from */
		ch[k++] = (yoy_store_change){ s->sources_dir, NULL, 0, NULL };
		ch[k++] = (yoy_store_change){ s->path, NULL, 0, s->json_id };
		for (size_t j = 0; j < s->nsrc; j++)
			ch[k++] = (yoy_store_change){ s->src_paths[j], NULL, 0, s->src_ids[j] };
	}
	if (!k && !b->aliases_changed) {
		/* nothing to commit: no empty commit, not even a first one */
		free(ch);
		return 0;
	}
	if (b->aliases_changed) {
		aliases = yoy_aliases_write(&b->aliases, YOY_ALIASES_DEPARTMENTS);
		if (!aliases) {
			free(ch);
			return yoy_error_set(err, YOY_ENOMEM, "out of memory");
		}
		ch[k++] = (yoy_store_change){ YOY_ALIASES_PATH, aliases, strlen(aliases), NULL };
	}
	sbuf msg;
	sbuf_init(&msg);
	if (changed == 1)
		sbuf_printf(&msg, "import: %.*s\n", (int)strcspn(only->line, "(") - 1,
			    only->line);
	else if (changed)
		sbuf_printf(&msg, "import: %zu disclosures\n", changed);
	else
		sbuf_puts(&msg, "import: department aliases\n");
	sbuf_putc(&msg, '\n');
	/* Every document up to a screenful; a province-wide sweep would make a
	 * megabyte message that every later read of the commit inflates.  The
	 * full list is the commit's diff (git show --stat). */
	size_t listed = 0;
	for (size_t i = 0; i < b->n; i++)
		if (b->v[i].status != YOY_IMPORT_UNCHANGED && listed++ < YOY_COMMIT_LIST_MAX)
			sbuf_puts(&msg, b->v[i].line);
	if (listed > YOY_COMMIT_LIST_MAX)
		sbuf_printf(&msg, "... and %zu more (git show --stat lists every file)\n",
			    listed - YOY_COMMIT_LIST_MAX);
	sbuf_printf(&msg, "\nYoy-Version: %s\n", YOY_VERSION);
	int rc = msg.oom ? yoy_error_set(err, YOY_ENOMEM, "out of memory")
			 : yoy_store_commit(b->st, ch, k, sbuf_cstr(&msg), id, committed, err);
	sbuf_free(&msg);
	free(aliases);
	free(ch);
	return rc;
}

/* ---- what history holds ------------------------------------------------------ */

/* "<dept>/<year>/<kind>.json" */
static bool split_path(const char *p, char **dept, int *year, char **kind)
{
	const char *a = strchr(p, '/');
	if (!a)
		return false;
	const char *b = strchr(a + 1, '/');
	if (!b || b - a - 1 != 4 || strspn(a + 1, "0123456789") != 4 || strchr(b + 1, '/') ||
	    !str_ends(b + 1, ".json"))
		return false;
	*dept = strndup(p, (size_t)(a - p));
	*year = atoi(a + 1);
	*kind = strndup(b + 1, strlen(b + 1) - strlen(".json"));
	return *dept && *kind;
}

static int cmp_entry(const void *x, const void *y)
{
	const yoy_entry *a = x, *b = y;
	int c = strcmp(a->department, b->department);
	if (c)
		return c;
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	return strcmp(a->kind, b->kind);
}

/* qsort, but a linear pass first: the lists sorted here mostly come in
 * order already (paths from a tree walk), and 20,000 paths sharing long
 * prefixes cost 15 M instructions to sort again. */
static void sort_unless_sorted(void *base, size_t n, size_t size,
			       int (*cmp)(const void *, const void *))
{
	const char *p = base;
	size_t i = 1;
	while (i < n && cmp(p + (i - 1) * size, p + i * size) <= 0)
		i++;
	if (i < n)
		qsort(base, n, size, cmp);
}

static int cmp_entry_path(const void *x, const void *y)
{
	const yoy_entry *const *a = x, *const *b = y;
	return strcmp((*a)->path, (*b)->path);
}

void yoy_history_count_revisions(yoy_entry *v, size_t n, const yoy_commit_info *log,
				 size_t nlog)
{
	yoy_entry **by_path = malloc((n ? n : 1) * sizeof *by_path);
	bool sorted = by_path != NULL;
	for (size_t i = 0; sorted && i < n; i++)
		by_path[i] = &v[i];
	if (sorted)
		sort_unless_sorted(by_path, n, sizeof *by_path, cmp_entry_path);
	for (size_t c = nlog; c-- > 0;) {
		if (log[c].parents > 1)
			continue;
		for (size_t f = 0; f < log[c].nchanged; f++) {
			yoy_entry *hit = NULL;
			if (sorted) {
				yoy_entry key = { .path = log[c].changed[f] }, *kp = &key;
				yoy_entry **h = n ? bsearch(&kp, by_path, n, sizeof *by_path,
							    cmp_entry_path) : NULL;
				hit = h ? *h : NULL;
			} else { /* out of memory for the index: the slow way */
				for (size_t i = 0; i < n && !hit; i++)
					if (strcmp(v[i].path, log[c].changed[f]) == 0)
						hit = &v[i];
			}
			if (!hit)
				continue;
			hit->revisions++;
			memcpy(hit->last_id, log[c].id, 41);
			hit->last_time = log[c].time;
		}
	}
	free(by_path);
}

/* Revisions of each entry, from one walk of history (of dept's directory
 * only, with dept). */
static int count_revisions(yoy_store *st, const char *rev, const char *dept, yoy_entry *v,
			   size_t n, yoy_error *err)
{
	char dir[1024] = "";
	if (dept)
		snprintf(dir, sizeof dir, "%s/", dept);
	yoy_commit_info *log;
	size_t nlog;
	int rc = yoy_store_log_scoped(st, rev, NULL, dir, YOY_DOCUMENT_DEPTH, &log, &nlog, err);
	if (rc)
		return rc;
	yoy_history_count_revisions(v, n, log, nlog);
	yoy_commit_infos_free(log, nlog);
	return 0;
}

/* One change of a file along the first-parent chain. */
typedef struct event {
	const char *path;
	size_t order; /* along the chain, oldest first */
	char kind;
} event;

static int cmp_event(const void *a, const void *b)
{
	const event *x = a, *y = b;
	int c = strcmp(x->path, y->path);
	return c ? c : (x->order > y->order) - (x->order < y->order);
}

static int cmp_commit_id(const void *a, const void *b)
{
	return strcmp((*(const yoy_commit_info *const *)a)->id,
		      (*(const yoy_commit_info *const *)b)->id);
}

/* The files at the tip of log (every commit reachable from it, newest
 * first), without reading the tip's tree: the changes of its first-parent
 * chain replayed from the first commit on.  Each file's last change says
 * whether it is there.  *paths is a heap array of heap strings. */
static int files_from_log(const yoy_commit_info *log, size_t nlog, char ***paths, size_t *np,
			  yoy_error *err)
{
	*paths = NULL;
	*np = 0;
	const yoy_commit_info **by_id = malloc((nlog ? nlog : 1) * sizeof *by_id);
	const yoy_commit_info **chain = malloc((nlog ? nlog : 1) * sizeof *chain);
	event *ev = NULL;
	size_t nchain = 0, nev = 0, total = 0;
	int rc = 0;
	if (!by_id || !chain)
		goto oom;
	for (size_t i = 0; i < nlog; i++)
		by_id[i] = &log[i];
	qsort(by_id, nlog, sizeof *by_id, cmp_commit_id);
	for (const yoy_commit_info *c = nlog ? &log[0] : NULL; c && nchain < nlog;) {
		chain[nchain++] = c;
		yoy_commit_info key;
		const yoy_commit_info *kp = &key, **hit;
		memcpy(key.id, c->parent, sizeof key.id);
		hit = c->parent[0] ? bsearch(&kp, by_id, nlog, sizeof *by_id, cmp_commit_id) : NULL;
		c = hit ? *hit : NULL;
	}
	for (size_t i = 0; i < nchain; i++)
		total += chain[i]->nchanged;
	if (!(ev = malloc((total ? total : 1) * sizeof *ev)))
		goto oom;
	for (size_t i = 0; i < nchain; i++) {
		const yoy_commit_info *c = chain[nchain - 1 - i];
		for (size_t f = 0; f < c->nchanged; f++)
			ev[nev++] = (event){ c->changed[f], i, c->kinds ? c->kinds[f] : 'M' };
	}
	qsort(ev, nev, sizeof *ev, cmp_event);
	char **v = malloc((nev ? nev : 1) * sizeof *v);
	if (!v)
		goto oom;
	size_t k = 0;
	for (size_t i = 0; i < nev; i++) {
		if (i + 1 < nev && strcmp(ev[i].path, ev[i + 1].path) == 0)
			continue; /* a later change of the same file decides */
		if (ev[i].kind == 'D')
			continue;
		if (!(v[k] = strdup(ev[i].path))) {
			yoy_strings_free(v, k);
			goto oom;
		}
		k++;
	}
	*paths = v;
	*np = k;
	goto done;
oom:
	rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
done:
	free(ev);
	free(chain);
	free(by_id);
	return rc;
}

int yoy_history_catalog(yoy_store *st, const char *rev, const char *dept, unsigned what,
			yoy_entry **out, size_t *n, yoy_error *err)
{
	*out = NULL;
	*n = 0;
	char **paths;
	size_t np;
	char prefix[1024];
	if (dept)
		snprintf(prefix, sizeof prefix, "%s/", dept);
	yoy_commit_info *log = NULL;
	size_t nlog = 0;
	int rc;
	if ((what & YOY_CATALOG_REVISIONS) && !dept) {
		/* the walk counting revisions sees every change: what is
		 * stored follows from it, without listing 20,000 trees again
		 * (measured: half of a `yoy log` on 20,000 documents) */
		rc = yoy_store_log_scoped(st, rev, NULL, NULL, YOY_DOCUMENT_DEPTH, &log, &nlog, err);
		if (!rc)
			rc = files_from_log(log, nlog, &paths, &np, err);
	} else {
		/* <dept>/<year>/<kind>.json: the sources below are not read */
		rc = yoy_store_list_depth(st, rev, dept ? prefix : NULL, YOY_DOCUMENT_DEPTH, &paths,
					  &np, err);
	}
	if (rc) {
		yoy_commit_infos_free(log, nlog);
		return rc;
	}
	yoy_entry *v = calloc(np ? np : 1, sizeof *v);
	size_t cnt = 0;
	if (!v) {
		yoy_strings_free(paths, np);
		yoy_commit_infos_free(log, nlog);
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < np; i++) {
		yoy_entry *e = &v[cnt];
		if (split_path(paths[i], &e->department, &e->year, &e->kind)) {
			e->path = paths[i];
			paths[i] = NULL;
			cnt++;
		} else {
			free(e->department);
			free(e->kind);
			memset(e, 0, sizeof *e);
		}
	}
	yoy_strings_free(paths, np);
	if (log)
		yoy_history_count_revisions(v, cnt, log, nlog);
	else if ((what & YOY_CATALOG_REVISIONS) && (rc = count_revisions(st, rev, dept, v, cnt, err)))
		goto fail;
	yoy_commit_infos_free(log, nlog);
	sort_unless_sorted(v, cnt, sizeof *v, cmp_entry);
	*out = v;
	*n = cnt;
	return 0;
fail:
	yoy_commit_infos_free(log, nlog);
	yoy_entries_free(v, cnt);
	return rc;
}

void yoy_entries_free(yoy_entry *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].department);
		free(v[i].kind);
		free(v[i].path);
	}
	free(v);
}

int yoy_history_aliases(yoy_aliases *out, yoy_store *st, const char *rev, yoy_error *err)
{
	return read_aliases(st, rev, out, err);
}

/* The changes that move every file under "old/" to "new_key/": old
 * removed, each file written anew from its stored object.  A file new
 * already holds with other content stops the move. */
static int move_changes(yoy_store *st, const char *old, const char *new_key,
			yoy_store_change **out, size_t *nout, char ***names, size_t *nnames,
			yoy_error *err)
{
	char prefix[4096];
	snprintf(prefix, sizeof prefix, "%s/", old);
	char **paths = NULL;
	size_t n = 0;
	int rc = yoy_store_list(st, NULL, prefix, &paths, &n, err);
	yoy_store_change *ch = rc ? NULL : calloc(n + 1, sizeof *ch);
	char **owned = rc ? NULL : calloc(2 * n + 1, sizeof *owned);
	if (!rc && (!ch || !owned))
		rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
	size_t k = 0, no = 0;
	if (!rc)
		ch[k++] = (yoy_store_change){ old, NULL, 0, NULL };
	for (size_t i = 0; !rc && i < n; i++) {
		char id[41], there[41];
		sbuf to;
		sbuf_init(&to);
		sbuf_printf(&to, "%s/%s", new_key, paths[i] + strlen(prefix));
		char *target = sbuf_detach(&to), *blob = malloc(41);
		if (!target || !blob) {
			free(target);
			free(blob);
			rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
			break;
		}
		owned[no++] = target;
		owned[no++] = blob;
		if ((rc = yoy_store_file_id(st, NULL, paths[i], id, err)) != 0 ||
		    (rc = yoy_store_file_id(st, NULL, target, there, err)) > 1 || rc < 0) {
			if (rc == 1) /* listed a moment ago: gone since */
				rc = yoy_error_set(err, YOY_ESTORE, "%s: %s changed during the move",
						   yoy_store_dir(st), paths[i]);
			break;
		}
		rc = 0; /* 1: nothing at the target yet */
		if (there[0] && strcmp(there, id) != 0) {
			rc = yoy_error_set(err, YOY_ESTORE,
				"%s: \"%s\" already holds %s with other content; nothing was "
				"moved", yoy_store_dir(st), new_key, target + strlen(new_key) + 1);
			break;
		}
		memcpy(blob, id, 41);
		ch[k++] = (yoy_store_change){ target, NULL, 0, blob };
	}
	yoy_strings_free(paths, n);
	if (rc) {
		free(ch);
		yoy_strings_free(owned, no);
		return rc;
	}
	*out = ch;
	*nout = k;
	*names = owned;
	*nnames = no;
	return 0;
}

int yoy_history_move(yoy_store *st, const char *old, const char *new_name, char id[41],
		     size_t *moved, yoy_error *err)
{
	*moved = 0;
	id[0] = '\0';
	char *from = NULL, *to = yoy_department_key(new_name), *text = NULL;
	yoy_store_change *ch = NULL;
	char **owned = NULL;
	size_t nch = 0, nowned = 0;
	yoy_aliases al;
	memset(&al, 0, sizeof al);
	const char *why;
	int rc = yoy_history_department(st, NULL, old, &from, err);
	if (rc)
		goto cleanup;
	if (!to || (why = path_component_problem(to))) {
		rc = yoy_error_set(err, YOY_EUSAGE, "cannot file a department as \"%s\": %s",
				   new_name, to ? why : "no name left");
		goto cleanup;
	}
	if (strcmp(from, to) == 0) {
		rc = yoy_error_set(err, YOY_EUSAGE, "\"%s\" is already filed as \"%s\"", old, to);
		goto cleanup;
	}
	if ((rc = read_aliases(st, NULL, &al, err)) ||
	    (rc = move_changes(st, from, to, &ch, &nch, &owned, &nowned, err)))
		goto cleanup;
	/* the old name, and every name filed under it, now name the new; a
	 * name that was the new one's own is an alias no more */
	for (size_t i = 0; i < al.n && !rc; i++)
		if (strcmp(al.to[i], from) == 0 && yoy_aliases_set(&al, al.from[i], to))
			rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
	yoy_aliases_remove(&al, to);
	if (!rc && yoy_aliases_set(&al, from, to))
		rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
	if (!rc && !(text = yoy_aliases_write(&al, YOY_ALIASES_DEPARTMENTS)))
		rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
	if (rc)
		goto cleanup;
	yoy_store_change *all = realloc(ch, (nch + 1) * sizeof *ch);
	if (!all) {
		rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
		goto cleanup;
	}
	ch = all;
	ch[nch++] = (yoy_store_change){ YOY_ALIASES_PATH, text, strlen(text), NULL };
	sbuf msg;
	sbuf_init(&msg);
	sbuf_printf(&msg, "mv: %s -> %s\n\n%zu files moved; \"%s\" recorded as an alias of "
		    "\"%s\".\n", from, to, nch - 2, from, to);
	int committed = 0;
	if (msg.oom)
		rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
	else
		rc = yoy_store_commit(st, ch, nch, sbuf_cstr(&msg), id, &committed, err);
	sbuf_free(&msg);
	if (!rc)
		*moved = nch - 2;
cleanup:
	free(from);
	free(to);
	free(text);
	free(ch);
	yoy_strings_free(owned, nowned);
	yoy_aliases_free(&al);
	return rc;
}

/* A disclosure published in two parts: the narrative without its tables,
 * the tables without statements. */
static bool narrative_only(const yoy_doc *d)
{
	return d->ntables == 0 && d->nforms == 0 && d->nclaims > 0;
}

static bool tables_only(const yoy_doc *d)
{
	return (d->ntables > 0 || d->nforms > 0) && d->nclaims == 0;
}

int yoy_history_join(yoy_doc **out, yoy_buffer *bufs, size_t *nbufs, yoy_store *st,
		     const yoy_doc *part, const yoy_buffer *source, yoy_error *err)
{
	*out = NULL;
	*nbufs = 0;
	bool narrative = narrative_only(part);
	if ((!narrative && !tables_only(part)) || !part->department || !part->year)
		return 0;
	char *key = NULL, *path = NULL;
	yoy_doc *stored = NULL;
	yoy_error quiet;
	/* nothing stored for it: nothing to join */
	if (yoy_history_department(st, NULL, part->department, &key, &quiet) ||
	    yoy_history_load(&stored, &path, st, NULL, key, part->year, part->kind, &quiet)) {
		free(key);
		return 0;
	}
	int rc = 0;
	bool other = narrative ? tables_only(stored) : narrative_only(stored);
	if (!other || stored->nsources != 1)
		goto cleanup;
	/* the narrative first, as `yoy parse 说明.pdf 表格.pdf` takes them */
	size_t mine = narrative ? 0 : 1, theirs = 1 - mine;
	sbuf sp;
	sbuf_init(&sp);
	sbuf_printf(&sp, "%.*s.sources/%s", (int)(strlen(path) - strlen(".json")), path,
		    stored->sources[0].name);
	char *data = NULL;
	size_t len = 0;
	rc = sp.oom ? yoy_error_set(err, YOY_ENOMEM, "out of memory")
		    : yoy_store_read(st, NULL, sbuf_cstr(&sp), &data, &len, err);
	sbuf_free(&sp);
	if (rc)
		goto cleanup;
	bufs[theirs] = (yoy_buffer){ strdup(stored->sources[0].name), data, len };
	bufs[mine] = (yoy_buffer){ strdup(source->name), malloc(source->size + 1), source->size };
	if (!bufs[0].name || !bufs[1].name || !bufs[mine].data) {
		yoy_buffer_free(&bufs[0]);
		yoy_buffer_free(&bufs[1]);
		rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
		goto cleanup;
	}
	memcpy(bufs[mine].data, source->data, source->size);
	bufs[mine].data[source->size] = '\0';
	*nbufs = 2;
	rc = yoy_parse_buffers(out, bufs, 2, err);
	if (rc) {
		yoy_buffer_free(&bufs[0]);
		yoy_buffer_free(&bufs[1]);
		*nbufs = 0;
	}
cleanup:
	yoy_doc_free(stored);
	free(path);
	free(key);
	return rc;
}

int yoy_history_department(yoy_store *st, const char *rev, const char *name,
			   char **key, yoy_error *err)
{
	*key = NULL;
	char *want = yoy_department_key(name);
	if (!want)
		return yoy_error_set(err, YOY_EUSAGE, "empty department name");
	yoy_aliases al;
	int rc = read_aliases(st, rev, &al, err);
	if (rc) {
		free(want);
		return rc;
	}
	const char *alias = yoy_aliases_lookup(&al, want);
	/* the departments are the top-level directories: one tree read */
	char **names;
	size_t nn;
	rc = yoy_store_entries(st, rev, NULL, &names, &nn, err);
	if (rc) {
		free(want);
		yoy_aliases_free(&al);
		return rc;
	}
	size_t matches = 0, exact = SIZE_MAX, first = 0;
	sbuf cands;
	sbuf_init(&cands);
	for (size_t i = 0; i < nn && exact == SIZE_MAX; i++) {
		size_t len = strlen(names[i]);
		if (!len || names[i][len - 1] != '/')
			continue; /* aliases.json, README.md */
		names[i][len - 1] = '\0';
		if (strcmp(names[i], want) == 0 || (alias && strcmp(names[i], alias) == 0))
			exact = i;
		else if (strstr(names[i], want)) {
			if (!matches++)
				first = i;
			sbuf_printf(&cands, "\n  %s", names[i]);
		}
	}
	if (exact != SIZE_MAX || matches == 1) {
		*key = strdup(names[exact != SIZE_MAX ? exact : first]);
		if (!*key)
			rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
	} else {
		rc = yoy_error_set(err, YOY_ESTORE, matches
			? "%s: \"%s\" names several departments:%s"
			: "%s: no department \"%s\" in the history%s", yoy_store_dir(st), name,
			sbuf_cstr(&cands));
	}
	sbuf_free(&cands);
	yoy_strings_free(names, nn);
	yoy_aliases_free(&al);
	free(want);
	return rc;
}

int yoy_history_path(yoy_store *st, const char *rev, const char *dept,
		     int year, const char *kind, char **path, yoy_error *err)
{
	*path = NULL;
	if (kind) {
		*path = path_of(dept, year, kind, ".json");
		return *path ? 0 : yoy_error_set(err, YOY_ENOMEM, "out of memory");
	}
	char prefix[512];
	snprintf(prefix, sizeof prefix, "%s/%d/", dept, year);
	char **paths;
	size_t np;
	int rc = yoy_store_list(st, rev, prefix, &paths, &np, err);
	if (rc)
		return rc;
	const char *pick = NULL;
	for (size_t i = 0; i < np; i++) {
		const char *p = paths[i] + strlen(prefix);
		if (strchr(p, '/') || !str_ends(p, ".json"))
			continue;
		if (!pick || strcmp(p, "department_budget.json") == 0)
			pick = paths[i];
	}
	if (pick)
		*path = strdup(pick);
	else
		rc = yoy_error_set(err, YOY_ESTORE, "%s: nothing stored for %s %d",
				   yoy_store_dir(st), dept, year);
	yoy_strings_free(paths, np);
	return rc;
}

int yoy_history_load(yoy_doc **out, char **path, yoy_store *st, const char *rev,
		     const char *dept, int year, const char *kind, yoy_error *err)
{
	*out = NULL;
	if (path)
		*path = NULL;
	char *p = NULL, *data = NULL;
	size_t len = 0;
	int rc = yoy_history_path(st, rev, dept, year, kind, &p, err);
	if (!rc)
		rc = yoy_store_read(st, rev, p, &data, &len, err);
	if (!rc)
		rc = yoy_json_read(out, data, len, p, err);
	free(data);
	if (!rc && path)
		*path = p;
	else
		free(p);
	return rc;
}

void yoy_docs_free(yoy_doc **docs, size_t n)
{
	for (size_t i = 0; docs && i < n; i++)
		yoy_doc_free(docs[i]);
	free(docs);
}

int yoy_history_series(yoy_doc ***docs, size_t *n, yoy_store *st, const char *rev,
		       const char *dept, int until_year, const char *kind, yoy_error *err)
{
	*docs = NULL;
	*n = 0;
	yoy_entry *v = NULL;
	size_t nv = 0, count = 0;
	yoy_doc **out = NULL;
	char *path = NULL, *want = NULL;
	int rc = yoy_history_catalog(st, rev, dept, 0, &v, &nv, err);
	if (rc)
		return rc;
	if (kind) {
		want = strdup(kind);
	} else if (until_year) {
		rc = yoy_history_path(st, rev, dept, until_year, NULL, &path, err);
		for (size_t i = 0; !rc && i < nv; i++)
			if (strcmp(v[i].path, path) == 0)
				want = strdup(v[i].kind);
	} else {
		/* department_budget, else the kind of the latest year */
		for (size_t i = 0; i < nv; i++)
			if (strcmp(v[i].department, dept) == 0 &&
			    (!want || strcmp(v[i].kind, "department_budget") == 0 ||
			     strcmp(want, "department_budget") != 0)) {
				free(want);
				want = strdup(v[i].kind);
			}
	}
	if (!rc && !want && !until_year && !kind)
		rc = yoy_error_set(err, YOY_ESTORE, "%s: nothing stored for %s", yoy_store_dir(st),
				   dept);
	else if (!rc && !want)
		rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
	if (!rc && !(out = calloc(nv + 1, sizeof *out)))
		rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
	for (size_t i = 0; !rc && i < nv; i++) {
		if (strcmp(v[i].department, dept) != 0 || strcmp(v[i].kind, want) != 0 ||
		    (until_year && v[i].year > until_year))
			continue;
		rc = yoy_history_load(&out[count], NULL, st, rev, dept, v[i].year, want, err);
		if (!rc)
			count++;
	}
	if (!rc && !count)
		rc = yoy_error_set(err, YOY_ESTORE, "%s: nothing stored for %s %s",
				   yoy_store_dir(st), dept, want);
	free(want);
	free(path);
	yoy_entries_free(v, nv);
	if (rc) {
		yoy_docs_free(out, count);
		return rc;
	}
	*docs = out;
	*n = count;
	return 0;
}

int yoy_history_project_aliases(yoy_aliases *out, yoy_store *st, const char *rev,
				const char *dept, yoy_error *err)
{
	memset(out, 0, sizeof *out);
	char path[1024], id[41];
	snprintf(path, sizeof path, "%s/%s", dept, YOY_PROJECT_ALIASES_FILE);
	int rc = yoy_store_file_id(st, rev, path, id, err);
	if (rc == 1)
		return 0; /* none */
	if (rc)
		return rc;
	char *data;
	size_t len;
	rc = yoy_store_read(st, rev, path, &data, &len, err);
	if (!rc)
		rc = yoy_aliases_read(out, YOY_ALIASES_PROJECTS, data, len, path, err);
	free(data);
	return rc;
}

/* ---- reparse -------------------------------------------------------------------- */

/* The stored sources of a document, in the order it lists them (a
 * stored name may carry an "N-" prefix).  *bufs is malloc'd with *nb
 * buffers (free each with yoy_buffer_free, then the array). */
static int stored_sources(yoy_store *st, const char *path, const yoy_doc *stored,
			  yoy_buffer **bufs, size_t *nb, yoy_error *err)
{
	char dir[1024];
	snprintf(dir, sizeof dir, "%.*s.sources/", (int)(strlen(path) - 5), path);
	char **paths = NULL;
	size_t np = 0;
	*nb = 0;
	*bufs = calloc(stored->nsources ? stored->nsources : 1, sizeof **bufs);
	if (!*bufs)
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	int rc = yoy_store_list(st, NULL, dir, &paths, &np, err);
	for (size_t s = 0; !rc && s < stored->nsources; s++) {
		const char *want = stored->sources[s].name;
		const char *hit = NULL;
		for (size_t q = 0; q < np && !hit; q++) {
			const char *b = base_name(paths[q]);
			const char *dash = strchr(b, '-');
			if (strcmp(b, want) == 0 ||
			    (dash && strcmp(dash + 1, want) == 0 && atoi(b) == (int)s + 1))
				hit = paths[q];
		}
		if (!hit) {
			rc = yoy_error_set(err, YOY_ESTORE, "%s: source %s of %s is missing",
					   yoy_store_dir(st), want, path);
			break;
		}
		(*bufs)[*nb].name = strdup(want);
		rc = yoy_store_read(st, NULL, hit, &(*bufs)[*nb].data, &(*bufs)[*nb].size, err);
		(*nb)++;
	}
	yoy_strings_free(paths, np);
	return rc;
}

/* One stored document parsed again from its sources.  *json gets the new
 * JSON when it differs from the stored one, else NULL (malloc'd; the
 * caller frees it). */
static int reparse_one(yoy_store *st, const yoy_entry *e, char **json, yoy_error *err)
{
	*json = NULL;
	char *old;
	size_t olen;
	yoy_doc *stored = NULL, *fresh = NULL;
	yoy_buffer *bufs = NULL;
	size_t nb = 0;
	int rc = yoy_store_read(st, NULL, e->path, &old, &olen, err);
	if (rc)
		return rc;
	if (!(rc = yoy_json_read(&stored, old, olen, e->path, err)))
		rc = stored_sources(st, e->path, stored, &bufs, &nb, err);
	if (!rc && nb && (rc = yoy_parse_buffers(&fresh, bufs, nb, err))) {
		char why[sizeof err->message]; /* err->message is overwritten */
		snprintf(why, sizeof why, "%s", err->message);
		rc = yoy_error_set(err, YOY_EINPUT, "%s: %s", e->path, why);
	}
	if (!rc && fresh) {
		char *j = yoy_json_write(fresh);
		if (!j)
			rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
		else if (strlen(j) != olen || memcmp(j, old, olen) != 0)
			*json = j;
		else
			free(j);
	}
	yoy_doc_free(fresh);
	yoy_doc_free(stored);
	for (size_t s = 0; bufs && s < nb; s++)
		yoy_buffer_free(&bufs[s]);
	free(bufs);
	free(old);
	return rc;
}

int yoy_history_reparse(yoy_store *st, size_t *changed, size_t *total,
			char id[41], int *committed, yoy_error *err)
{
	*changed = *total = 0;
	*committed = 0;
	yoy_entry *v;
	size_t n;
	int rc = yoy_history_catalog(st, NULL, NULL, 0, &v, &n, err);
	if (rc)
		return rc;
	yoy_store_change *ch = calloc(n ? n : 1, sizeof *ch);
	char **jsons = calloc(n ? n : 1, sizeof *jsons);
	sbuf msg, listing;
	sbuf_init(&msg);
	sbuf_init(&listing);
	if (!ch || !jsons) {
		rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
		goto cleanup;
	}
	size_t k = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		rc = reparse_one(st, &v[i], &jsons[k], err);
		if (rc)
			break;
		(*total)++;
		if (!jsons[k])
			continue;
		ch[k] = (yoy_store_change){ v[i].path, jsons[k], strlen(jsons[k]), NULL };
		if (k < YOY_COMMIT_LIST_MAX)
			sbuf_printf(&listing, "%s\n", v[i].path);
		else if (k == YOY_COMMIT_LIST_MAX)
			sbuf_puts(&listing, "... (git show --stat lists every file)\n");
		k++;
	}
	*changed = k;
	if (!rc && k) {
		sbuf_printf(&msg, "reparse: %zu of %zu disclosures re-derived with yoy %s\n\n"
			    "The stored sources were parsed again; the diff of each document\n"
			    "shows what the parser now reads differently.\n\n%s\nYoy-Version: %s\n",
			    k, *total, YOY_VERSION, sbuf_cstr(&listing), YOY_VERSION);
		rc = msg.oom ? yoy_error_set(err, YOY_ENOMEM, "out of memory")
			     : yoy_store_commit(st, ch, k, sbuf_cstr(&msg), id, committed, err);
	}
cleanup:
	for (size_t i = 0; jsons && i < n; i++)
		free(jsons[i]);
	free(jsons);
	free(ch);
	sbuf_free(&msg);
	sbuf_free(&listing);
	yoy_entries_free(v, n);
	return rc;
}
