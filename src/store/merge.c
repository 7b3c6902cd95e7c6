/* Pulling a history: bringing the remote's commits into ours (a
 * fast-forward, or one merge commit), choosing between two publications
 * of the same disclosure and merging aliases files key by key.  Git is
 * store.c's; this file knows disclosures' paths.  Calls store, model,
 * util. */
#include "yoy/history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/util.h"
#include "yoy/json.h"

/* Documents named one by one in a merge message. */
#define MERGE_LIST_MAX 100

/* The unit a change belongs to: "<dept>/<year>/<kind>" for a document
 * and its sources (they travel together), else the path itself.  Heap. */
static char *group_of(const char *path)
{
	const char *a = strchr(path, '/');
	const char *b = a ? strchr(a + 1, '/') : NULL;
	if (b && b - a - 1 == 4 && strspn(a + 1, "0123456789") == 4) {
		size_t k = strcspn(b + 1, "./");
		if (b[1 + k] == '.')
			return strndup(path, (size_t)(b + 1 + k - path));
	}
	return strdup(path);
}

static bool is_document(const char *path)
{
	char *g = group_of(path);
	bool doc = g && strcmp(g, path) != 0 && str_ends(path, ".json") &&
		   strlen(path) == strlen(g) + strlen(".json");
	free(g);
	return doc;
}

/* "<dept>/<year>/<kind>": the group of a document (group_of), which is
 * not a file of the history itself. */
static bool is_document_group(const char *g)
{
	const char *a = strchr(g, '/');
	const char *b = a ? strchr(a + 1, '/') : NULL;
	return b && b - a - 1 == 4 && strspn(a + 1, "0123456789") == 4 && b[1] &&
	       !strpbrk(b + 1, "./");
}

static bool is_aliases(const char *path)
{
	const char *slash = strchr(path, '/');
	return strcmp(path, YOY_ALIASES_PATH) == 0 ||
	       (slash && !strchr(slash + 1, '/') && strcmp(slash + 1, YOY_PROJECT_ALIASES_FILE) == 0);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted, unique groups of the changes. */
static char **groups(const yoy_tree_change *v, size_t n, size_t *out)
{
	char **g = calloc(n ? n : 1, sizeof *g);
	size_t k = 0;
	for (size_t i = 0; g && i < n; i++)
		if (!(g[k++] = group_of(v[i].path))) {
			yoy_strings_free(g, k);
			return NULL;
		}
	if (!g)
		return NULL;
	qsort(g, k, sizeof *g, cmp_str);
	size_t u = 0;
	for (size_t i = 0; i < k; i++) {
		if (u && strcmp(g[u - 1], g[i]) == 0) {
			free(g[i]);
			continue;
		}
		g[u++] = g[i];
	}
	*out = u;
	return g;
}

static bool has_group(char **g, size_t n, const char *group)
{
	return n && bsearch(&group, g, n, sizeof *g, cmp_str) != NULL;
}

/* The changes of the merge, and what the message will say. */
typedef struct merge {
	yoy_store *st;
	const char *base, *ours, *theirs;
	yoy_store_change *ch;
	size_t n, cap;
	char **owned;         /* strings the changes point into */
	size_t nowned, capowned;
	sbuf from_them;       /* documents taken from the remote, one per line */
	sbuf choices;         /* republished on both sides: which is current */
	sbuf merged;          /* aliases files merged */
	yoy_pull_result *res;
	bool oom;
} merge;

static const char *own(merge *m, char *s)
{
	if (!s || !VEC_PUSH(m->owned, m->nowned, m->capowned, s)) {
		free(s);
		m->oom = true;
		return NULL;
	}
	return s;
}

static void change(merge *m, const char *path, const char *blob_id, char *data, size_t len)
{
	yoy_store_change c = { own(m, strdup(path)), NULL, len, NULL };
	if (blob_id)
		c.blob_id = own(m, strdup(blob_id));
	if (data)
		c.data = own(m, data);
	if (!c.path || (blob_id && !c.blob_id) || (data && !c.data) ||
	    !VEC_PUSH(m->ch, m->n, m->cap, c))
		m->oom = true;
}

/* When side last changed group since the base: the newest import (not a
 * merge) on that side that wrote it, else the newest commit that did. */
static int changed_when(merge *m, const char *side, const char *group, int64_t *when,
			char id[41], yoy_error *err)
{
	*when = 0;
	id[0] = '\0';
	char dir[1024];
	const char *slash = strchr(group, '/');
	snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - group + 1) : 0, group);
	yoy_commit_info *log;
	size_t n;
	int rc = yoy_store_log_scoped(m->st, side, *m->base ? m->base : NULL, dir, -1, &log, &n,
				      err);
	if (rc)
		return rc;
	size_t glen = strlen(group);
	for (int pass = 0; pass < 2 && !id[0]; pass++)
		for (size_t c = 0; c < n && !id[0]; c++) {
			if (pass == 0 && log[c].parents > 1)
				continue;
			for (size_t f = 0; f < log[c].nchanged; f++) {
				const char *p = log[c].changed[f];
				if (strncmp(p, group, glen) == 0 && (p[glen] == '\0' || p[glen] == '.')) {
					*when = log[c].time;
					memcpy(id, log[c].id, 41);
					break;
				}
			}
		}
	yoy_commit_infos_free(log, n);
	return 0;
}

/* The files of group at commit rev with their object ids, sorted. */
static int group_files(merge *m, const char *rev, const char *group, char ***paths,
		       char ***ids, size_t *n, yoy_error *err)
{
	*ids = NULL;
	char prefix[1200];
	/* a document's group is "<dept>/<year>/<kind>", not a file's path:
	 * its files are <kind>.json and <kind>.sources/... */
	bool doc = is_document_group(group);
	snprintf(prefix, sizeof prefix, "%s%s", group, doc ? "." : "");
	int rc = yoy_store_list(m->st, rev, prefix, paths, n, err);
	if (rc)
		return rc;
	size_t k = 0;
	for (size_t i = 0; i < *n; i++) /* the prefix "a/b" also lists "a/bc" */
		if (doc || strcmp((*paths)[i], group) == 0)
			(*paths)[k++] = (*paths)[i];
		else
			free((*paths)[i]);
	*n = k;
	*ids = calloc(k ? k : 1, sizeof **ids);
	for (size_t i = 0; *ids && i < k && !rc; i++) {
		char id[41];
		if (!((*ids)[i] = malloc(41)))
			break;
		rc = yoy_store_file_id(m->st, rev, (*paths)[i], id, err);
		memcpy((*ids)[i], id, 41);
		if (rc == 1)
			rc = 0;
	}
	if (!*ids || (k && !(*ids)[k - 1]))
		rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
	return rc;
}

static void short_time(char *buf, size_t size, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!gmtime_r(&tt, &tm) || !strftime(buf, size, "%Y-%m-%d %H:%M", &tm))
		snprintf(buf, size, "%lld", (long long)t);
}

/* A disclosure (or other file) both sides changed to different content:
 * the later import stays current. */
static int choose(merge *m, const char *group, yoy_error *err)
{
	char **op = NULL, **oi = NULL, **tp = NULL, **ti = NULL;
	size_t on = 0, tn = 0;
	int rc = group_files(m, m->ours, group, &op, &oi, &on, err);
	if (!rc)
		rc = group_files(m, m->theirs, group, &tp, &ti, &tn, err);
	if (rc)
		goto cleanup;
	bool same = on == tn;
	for (size_t i = 0; same && i < on; i++)
		same = strcmp(op[i], tp[i]) == 0 && strcmp(oi[i], ti[i]) == 0;
	if (same)
		goto cleanup;
	int64_t ot, tt;
	char oc[41], tc[41];
	if ((rc = changed_when(m, m->ours, group, &ot, oc, err)) ||
	    (rc = changed_when(m, m->theirs, group, &tt, tc, err)))
		goto cleanup;
	/* the document's own object decides a tie, so both sides agree */
	const char *ob = on ? oi[0] : "", *tb = tn ? ti[0] : "";
	for (size_t i = 0; i < on; i++)
		if (is_document(op[i]))
			ob = oi[i];
	for (size_t i = 0; i < tn; i++)
		if (is_document(tp[i]))
			tb = ti[i];
	bool theirs = tt > ot || (tt == ot && strcmp(tb, ob) > 0);
	/* a side that removed it loses to one that wrote it: nothing is lost */
	if (!tn)
		theirs = false;
	else if (!on)
		theirs = true;
	if (theirs) {
		for (size_t i = 0; i < on; i++) {
			bool kept = false;
			for (size_t j = 0; j < tn && !kept; j++)
				kept = strcmp(op[i], tp[j]) == 0;
			if (!kept)
				change(m, op[i], NULL, NULL, 0);
		}
		for (size_t j = 0; j < tn; j++)
			change(m, tp[j], ti[j], NULL, 0);
		m->res->kept_theirs++;
	}
	m->res->republished++;
	char ow[32], tw[32];
	short_time(ow, sizeof ow, ot);
	short_time(tw, sizeof tw, tt);
	sbuf_printf(&m->choices, "  %s: current %s (imported %s, commit %.12s, %s); "
		    "earlier %s (imported %s, commit %.12s, %s)\n",
		    group, theirs ? "theirs" : "ours", theirs ? tw : ow, theirs ? tc : oc,
		    theirs ? tb : ob, theirs ? "ours" : "theirs", theirs ? ow : tw,
		    theirs ? oc : tc, theirs ? ob : tb);
cleanup:
	yoy_strings_free(op, on);
	yoy_strings_free(oi, on);
	yoy_strings_free(tp, tn);
	yoy_strings_free(ti, tn);
	return rc;
}

static int read_map(merge *m, const char *rev, const char *path, yoy_aliases *a,
		    yoy_error *err)
{
	memset(a, 0, sizeof *a);
	if (!rev || !*rev)
		return 0;
	char *text;
	size_t len;
	yoy_error ignore;
	if (yoy_store_read(m->st, rev, path, &text, &len, &ignore))
		return 0; /* not there on that side */
	yoy_aliases_kind kind = strcmp(path, YOY_ALIASES_PATH) == 0 ? YOY_ALIASES_DEPARTMENTS
								  : YOY_ALIASES_PROJECTS;
	int rc = yoy_aliases_read(a, kind, text, len, path, err);
	free(text);
	return rc;
}

static bool same_value(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* An aliases file both sides changed: merged name by name against the
 * base; a name both changed differently takes the later change. */
static int merge_aliases(merge *m, const char *path, yoy_error *err)
{
	yoy_aliases base, ours, theirs, out = { 0 };
	int rc = read_map(m, m->base, path, &base, err);
	if (!rc && (rc = read_map(m, m->ours, path, &ours, err)) == 0 &&
	    (rc = read_map(m, m->theirs, path, &theirs, err)) != 0)
		yoy_aliases_free(&ours);
	if (rc) {
		yoy_aliases_free(&base);
		return rc;
	}
	int64_t ot = 0, tt = 0;
	char oc[41], tc[41];
	if ((rc = changed_when(m, m->ours, path, &ot, oc, err)) ||
	    (rc = changed_when(m, m->theirs, path, &tt, tc, err)))
		goto cleanup;
	const yoy_aliases *maps[3] = { &base, &ours, &theirs };
	size_t from_them = 0;
	for (int k = 0; k < 3; k++)
		for (size_t i = 0; i < maps[k]->n; i++) {
			const char *key = maps[k]->from[i];
			if (yoy_aliases_lookup(&out, key))
				continue;
			const char *b = yoy_aliases_lookup(&base, key), *o = yoy_aliases_lookup(&ours, key),
				   *t = yoy_aliases_lookup(&theirs, key);
			const char *v = same_value(o, t) ? o : same_value(o, b) ? t : same_value(t, b) ? o
				      : tt > ot ? t : o;
			if (v && v == t && !same_value(o, t))
				from_them++;
			if (v && yoy_aliases_set(&out, key, v))
				m->oom = true;
		}
	yoy_aliases_kind kind = strcmp(path, YOY_ALIASES_PATH) == 0 ? YOY_ALIASES_DEPARTMENTS
								  : YOY_ALIASES_PROJECTS;
	char *text = yoy_aliases_write(&out, kind);
	if (!text)
		m->oom = true;
	else
		change(m, path, NULL, text, strlen(text));
	m->res->aliases++;
	sbuf_printf(&m->merged, "  %s: %zu names merged, %zu of them from theirs\n", path, out.n,
		    from_them);
cleanup:
	yoy_aliases_free(&base);
	yoy_aliases_free(&ours);
	yoy_aliases_free(&theirs);
	yoy_aliases_free(&out);
	return rc;
}

static void merge_free(merge *m)
{
	yoy_strings_free(m->owned, m->nowned);
	free(m->ch);
	sbuf_free(&m->from_them);
	sbuf_free(&m->choices);
	sbuf_free(&m->merged);
}

/* One merge of theirs into ours (base: their common ancestor, "" when
 * none); returns yoy_store_commit_merge's answer. */
static int merge_once(yoy_store *st, const char *remote, const char *base, const char *ours,
		      const char *theirs, yoy_pull_result *res, yoy_error *err)
{
	merge m = { .st = st, .base = base, .ours = ours, .theirs = theirs, .res = res };
	sbuf_init(&m.from_them);
	sbuf_init(&m.choices);
	sbuf_init(&m.merged);
	yoy_tree_change *dO = NULL, *dT = NULL;
	size_t nO = 0, nT = 0, ngO = 0, ngT = 0;
	char **gO = NULL, **gT = NULL;
	sbuf msg;
	sbuf_init(&msg);
	int rc = yoy_store_tree_diff(st, base, ours, &dO, &nO, err);
	if (!rc)
		rc = yoy_store_tree_diff(st, base, theirs, &dT, &nT, err);
	if (rc)
		goto cleanup;
	if (!(gO = groups(dO, nO, &ngO)) || !(gT = groups(dT, nT, &ngT))) {
		rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
		goto cleanup;
	}
	res->documents = res->republished = res->kept_theirs = res->aliases = 0;
	/* what only they changed comes over as it is */
	for (size_t i = 0; i < nT; i++) {
		char *g = group_of(dT[i].path);
		bool both = g && has_group(gO, ngO, g);
		free(g);
		if (both)
			continue;
		change(&m, dT[i].path, dT[i].new_id[0] ? dT[i].new_id : NULL, NULL, 0);
		if (is_document(dT[i].path) && dT[i].new_id[0] &&
		    res->documents++ < MERGE_LIST_MAX)
			sbuf_printf(&m.from_them, "  %s\n", dT[i].path);
	}
	/* what both changed */
	for (size_t i = 0; i < ngT && !rc; i++)
		if (has_group(gO, ngO, gT[i]))
			rc = is_aliases(gT[i]) ? merge_aliases(&m, gT[i], err) : choose(&m, gT[i], err);
	if (rc)
		goto cleanup;
	sbuf_printf(&msg, "pull: merge %s: %zu disclosure%s from there", remote, res->documents,
		    res->documents == 1 ? "" : "s");
	if (res->republished)
		sbuf_printf(&msg, ", %zu republished on both sides", res->republished);
	sbuf_printf(&msg, "\n\nMerged %.12s from %s into %.12s (common history: %s).\n", theirs,
		    remote, ours, *base ? base : "none");
	if (res->documents)
		sbuf_printf(&msg, "\nFrom %s:\n%s%s", remote, sbuf_cstr(&m.from_them),
			    res->documents > MERGE_LIST_MAX ? "  ... (git show --stat lists every file)\n" : "");
	if (res->republished)
		sbuf_printf(&msg, "\nRepublished on both sides; the later import is current, the "
			    "other stays a revision:\n%s", sbuf_cstr(&m.choices));
	if (res->aliases)
		sbuf_printf(&msg, "\nAliases merged name by name:\n%s", sbuf_cstr(&m.merged));
	sbuf_printf(&msg, "\nYoy-Version: %s\n", YOY_VERSION);
	if (m.oom || msg.oom) {
		rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
		goto cleanup;
	}
	rc = yoy_store_commit_merge(st, ours, theirs, m.ch, m.n, sbuf_cstr(&msg), res->id, err);
cleanup:
	sbuf_free(&msg);
	yoy_strings_free(gO, ngO);
	yoy_strings_free(gT, ngT);
	yoy_tree_changes_free(dO, nO);
	yoy_tree_changes_free(dT, nT);
	merge_free(&m);
	return rc;
}

int yoy_history_pull(yoy_store *st, const char *remote, yoy_store_progress progress,
		     void *payload, yoy_pull_result *out, yoy_error *err)
{
	memset(out, 0, sizeof *out);
	int rc = yoy_store_fetch(st, remote, out->fetched, progress, payload, err);
	if (rc || !out->fetched[0])
		return rc; /* YOY_PULL_EMPTY */
	for (int attempt = 0; attempt < 100; attempt++) {
		char ours[41] = "", base[41] = "";
		yoy_error ignore;
		if (yoy_store_resolve(st, NULL, ours, &ignore)) {
			/* nothing here yet: take theirs as it is */
			ours[0] = '\0';
		}
		if (!ours[0]) {
			rc = yoy_store_advance(st, NULL, out->fetched, err);
			out->status = YOY_PULL_FAST_FORWARD;
		} else {
			rc = yoy_store_merge_base(st, ours, out->fetched, base, err);
			if (rc < 0)
				return rc;
			if (strcmp(base, out->fetched) == 0) {
				out->status = YOY_PULL_UP_TO_DATE;
				memcpy(out->id, ours, 41);
				return 0;
			}
			if (strcmp(base, ours) == 0) {
				rc = yoy_store_advance(st, ours, out->fetched, err);
				out->status = YOY_PULL_FAST_FORWARD;
			} else {
				rc = merge_once(st, remote, base, ours, out->fetched, out, err);
				out->status = YOY_PULL_MERGED;
			}
		}
		if (rc == 0 && out->status == YOY_PULL_FAST_FORWARD)
			memcpy(out->id, out->fetched, 41);
		if (rc != 1)
			return rc;
		/* another yoy moved the branch meanwhile: again on its commit */
	}
	return yoy_error_set(err, YOY_ESTORE, "%s: the branch keeps moving; pull again",
			     yoy_store_dir(st));
}
