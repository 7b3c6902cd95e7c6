/* The history repository through libgit2 (the only file that includes
 * git2.h).  Bare repository, branch "main".  Every commit is built from
 * the current tip in an in-memory index: objects are written first, then
 * refs/heads/main moves by compare-and-swap; a concurrent writer makes us
 * rebuild on its commit and try again, so no commit is lost.
 *
 * The objects of a commit being made wait in a packfile of ours (pack.h)
 * that a libgit2 backend shows to the rest of libgit2; once the commit
 * object is written they go into the repository for good: as that one
 * pack when they are many, else as loose objects. */
#include "yoy/store.h"

#include <ctype.h>
#include <dirent.h>
#include <dlfcn.h>
#include <stdbool.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <git2.h>
#include <git2/sys/odb_backend.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "changes.h"
#include "credential.h"
#include "git_module.h"
#include "pack.h"
#include "util/util.h"

#define BRANCH "refs/heads/main"

/* libgit2's object cache: room for the top tree a command reads again
 * and again (~160 KB for 2,000 departments), not for every tree a walk
 * reads once.  Measured on a log of 20,000 documents: 16 MiB, 9,384 page
 * faults; 2 MiB, 6,345 and 20 ms less; check --all no slower. */
#define YOY_GIT_CACHE_BYTES (2 << 20)

/* Walks at this depth keep what each commit changed in the change cache
 * (changes.h): the documents'. */
#define CHANGES_DEPTH YOY_DOCUMENT_DEPTH

/* Fewer objects than this are written loose, as git's transfer.unpackLimit
 * does, so that importing one file at a time does not pile up packs. */
#define PACK_MIN_OBJECTS 100

/* The backend through which libgit2 reads and writes staged objects. */
typedef struct staging_backend {
	git_odb_backend parent;
	yoy_store *st;
} staging_backend;

struct yoy_store {
	git_repository *repo;
	git_odb *odb;
	char *dir;
	staging_backend *backend; /* owned by odb once added */
	bool staging_on;          /* writes go to staging (made on first use) */
	yoy_pack *staging;        /* objects of the commit being made, or NULL */
	/* The tip as first read through this handle (or after its own commit),
	 * so one command reads one consistent state and the refs only once. */
	bool tip_known;
	git_commit *tip;   /* NULL: the history is empty */
};

static int git_fail(yoy_error *err, const char *dir, const char *what)
{
	const git_error *e = git_error_last();
	return yoy_error_set(err, YOY_ESTORE, "%s: %s: %s", dir, what,
			     e && e->message ? e->message : "unknown error");
}

/* A directory yoy may turn into a repository: missing, empty, or holding
 * only the README that documents the store. */
/* A repository someone else owns: git (and libgit2) will not open it
 * (safe.directory), and it must not be made anew over theirs. */
static bool owned_by_another(const char *dir)
{
	struct stat sb;
	char head[4096];
	snprintf(head, sizeof head, "%s/HEAD", dir);
	return stat(dir, &sb) == 0 && sb.st_uid != geteuid() && access(head, F_OK) == 0;
}

static int may_create(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return errno == ENOENT;
	struct dirent *e;
	int ok = 1;
	/* what git init --bare makes, should another yoy be making it now */
	static const char *const ours[] = { ".", "..", "README.md", "HEAD", "config",
					    "config.lock", "description", "objects",
					    "refs", "hooks", "info", "branches" };
	while ((e = readdir(d)) != NULL) {
		/* and the lock and temporary files libgit2 writes them through */
		bool known = str_ends(e->d_name, ".lock") ||
			     strncmp(e->d_name, "_git2_", 6) == 0;
		for (size_t i = 0; i < sizeof ours / sizeof *ours; i++)
			if (strcmp(e->d_name, ours[i]) == 0)
				known = true;
		if (!known)
			ok = 0;
	}
	closedir(d);
	return ok;
}

/* Creating a repository takes milliseconds; a config.lock or HEAD.lock
 * older than this in a directory that is not one yet was left by a
 * creator that was killed, and would stop every later import. */
#define STALE_INIT_LOCK_SECONDS 1

static void clear_stale_init_locks(const char *dir)
{
	static const char *const locks[] = { "config.lock", "HEAD.lock" };
	for (size_t i = 0; i < sizeof locks / sizeof *locks; i++) {
		char path[4096];
		struct stat sb;
		snprintf(path, sizeof path, "%s/%s", dir, locks[i]);
		if (stat(path, &sb) == 0 && time(NULL) - sb.st_mtime > STALE_INIT_LOCK_SECONDS)
			unlink(path);
	}
}

/* TLS certificates, parsed when a transfer needs them.  Debian's libgit2
 * (1.5, mbedTLS) parses the whole system CA bundle in git_libgit2_init():
 * measured 6-7 ms of a 25 ms `yoy show`, which never connects anywhere.
 * While our own git_init() runs, libgit2's calls to mbedTLS's two CA
 * parsers are answered here with an empty list and the path remembered;
 * clone, fetch and push first hand the path back to libgit2
 * (GIT_OPT_SET_SSL_CERT_LOCATIONS, tls_ready), which parses it then.
 * Outside that window every call goes through to mbedTLS untouched.  A
 * libgit2 built with OpenSSL never calls these and nothing changes. */
static pthread_mutex_t init_lock = PTHREAD_MUTEX_INITIALIZER; /* one git_init at a time */
static pthread_t init_thread;          /* the thread in git_init, */
static atomic_bool init_running;       /* while this is set */
static pthread_mutex_t tls_lock = PTHREAD_MUTEX_INITIALIZER; /* the two paths */
static char *tls_file, *tls_dir; /* deferred, not yet handed back */

typedef int (*ca_parser)(void *chain, const char *path);

static int ca_parse(const char *name, char **deferred, void *chain, const char *path)
{
	/* not a _Thread_local flag: the module is dlopen()ed, and
	 * LeakSanitizer's tracer faults on a dlopen()ed library's TLS */
	if (atomic_load(&init_running) && pthread_equal(init_thread, pthread_self())) {
		pthread_mutex_lock(&tls_lock);
		free(*deferred);
		*deferred = path ? strdup(path) : NULL;
		pthread_mutex_unlock(&tls_lock);
		if (*deferred || !path)
			return 0;
	}
	ca_parser real;
	*(void **)&real = dlsym(RTLD_NEXT, name);
	return real ? real(chain, path) : -1;
}

/* These two interpose on mbedTLS's (exported for libgit2 alone, see
 * git_module.map); the chain is an mbedtls_x509_crt, opaque here. */
int mbedtls_x509_crt_parse_file(void *chain, const char *path);
int mbedtls_x509_crt_parse_path(void *chain, const char *path);
int mbedtls_x509_crt_parse_file(void *chain, const char *path)
{
	return ca_parse("mbedtls_x509_crt_parse_file", &tls_file, chain, path);
}
int mbedtls_x509_crt_parse_path(void *chain, const char *path)
{
	return ca_parse("mbedtls_x509_crt_parse_path", &tls_dir, chain, path);
}

static void git_init(void)
{
	pthread_mutex_lock(&init_lock);
	init_thread = pthread_self();
	atomic_store(&init_running, true);
	git_libgit2_init();
	atomic_store(&init_running, false);
	pthread_mutex_unlock(&init_lock);
}

static pthread_once_t hash_once = PTHREAD_ONCE_INIT;

static void hash_init(void)
{
	git_init(); /* held for the process: hashing needs it set up */
}

int yoy_git_object_id(unsigned char id[20], int type, const void *data, size_t len)
{
	static const git_object_t types[] = { GIT_OBJECT_INVALID, GIT_OBJECT_COMMIT,
					      GIT_OBJECT_TREE, GIT_OBJECT_BLOB, GIT_OBJECT_TAG };
	if (type < YOY_GIT_COMMIT || type > YOY_GIT_TAG)
		return YOY_EINTERNAL;
	pthread_once(&hash_once, hash_init);
	git_oid oid;
	if (git_odb_hash(&oid, data, len, types[type]))
		return YOY_ESTORE;
	memcpy(id, oid.id, 20);
	return 0;
}

int yoy_store_open(yoy_store **out, const char *dir, int create,
		   yoy_error *err)
{
	*out = NULL;
	git_init();
	/* Every object read is checked against its id (libgit2's default):
	 * measured on a 300-document history, 1.1 ms of CPU more per `yoy
	 * show` of 140 KB, about 3% of one (31-37 ms here) -- under the 10%
	 * that would justify trusting the disk instead. */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 1);
	/* loose objects and refs reach the disk before the branch names
	 * them (git's core.fsync); pack.c syncs the packs it writes */
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
	/* the top tree lists every department and is read by each lookup;
	 * libgit2 caches only trees under 4 KiB by default */
	git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, (size_t)4 << 20);
	/* but not every tree of the history: a log of 20,000 documents reads
	 * each once, and libgit2's default (256 MiB) kept them all (53 MB of
	 * a `yoy log`, and its page faults; see YOY_GIT_CACHE_BYTES) */
	git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, (ssize_t)YOY_GIT_CACHE_BYTES);
	git_repository *repo = NULL;
	int rc;
	for (int attempt = 0;; attempt++) {
		/* never search upwards: ./history must not become the project */
		rc = git_repository_open_ext(&repo, dir, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL);
		if (rc == GIT_EOWNER || (rc == GIT_ENOTFOUND && owned_by_another(dir))) {
			struct stat sb;
			long uid = stat(dir, &sb) == 0 ? (long)sb.st_uid : -1;
			git_libgit2_shutdown();
			return yoy_error_set(err, YOY_ESTORE,
				"%s: the history repository belongs to another user (uid %ld); git "
				"refuses to open it for you. Work as that user, or trust it with "
				"'git config --global --add safe.directory %s'; nothing was changed",
				dir, uid, dir);
		}
		if (rc != GIT_ENOTFOUND || !create)
			break;
		if (!may_create(dir)) {
			git_libgit2_shutdown();
			return yoy_error_set(err, YOY_ESTORE,
				"%s: exists and is not a history repository "
				"(refusing to turn it into one)", dir);
		}
		git_repository_init_options opts;
		git_repository_init_options_init(&opts, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
		opts.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH;
		opts.initial_head = "main";
		opts.description = "yoy history of budget disclosures";
		rc = git_repository_init_ext(&repo, dir, &opts);
		if (rc == 0 || attempt >= 300)
			break;
		/* another process is creating it right now: open theirs; or
		 * one was killed doing so and left its lock */
		clear_stale_init_locks(dir);
		struct timespec ts = { 0, 10 * 1000000L };
		nanosleep(&ts, NULL);
	}
	if (rc == GIT_ENOTFOUND) {
		git_libgit2_shutdown();
		return yoy_error_set(err, YOY_ESTORE,
			"%s: no history repository here (import something first, "
			"or give --repo DIR)", dir);
	}
	if (rc) {
		int r = git_fail(err, dir, "cannot open the history repository");
		git_repository_free(repo);
		git_libgit2_shutdown();
		return r;
	}
	yoy_store *st = calloc(1, sizeof *st);
	if (!st || !(st->dir = strdup(dir))) {
		free(st);
		git_repository_free(repo);
		git_libgit2_shutdown();
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	}
	st->repo = repo;
	if (git_repository_odb(&st->odb, repo)) {
		int r = git_fail(err, dir, "cannot open the object database");
		yoy_store_free(st);
		return r;
	}
	*out = st;
	return 0;
}

void yoy_store_free(yoy_store *st)
{
	if (!st)
		return;
	yoy_pack_free(st->staging); /* never committed: removed */
	git_commit_free(st->tip);
	git_odb_free(st->odb);
	git_repository_free(st->repo);
	free(st->dir);
	free(st);
	git_libgit2_shutdown();
}

const char *yoy_store_dir(const yoy_store *st)
{
	return st->dir;
}

static int lookup_rev(yoy_store *st, const char *spec, git_commit **out, yoy_error *err)
{
	*out = NULL;
	git_object *obj = NULL;
	int rc = git_revparse_single(&obj, st->repo, spec);
	if (rc == GIT_ENOTFOUND || rc == GIT_EAMBIGUOUS || rc == GIT_EINVALIDSPEC)
		return yoy_error_set(err, YOY_ESTORE, "%s: no revision '%s' in the history",
				     st->dir, spec);
	if (rc)
		return git_fail(err, st->dir, "cannot read the history");
	rc = git_object_peel((git_object **)out, obj, GIT_OBJECT_COMMIT);
	git_object_free(obj);
	if (rc)
		return yoy_error_set(err, YOY_ESTORE, "%s: '%s' is not a commit", st->dir, spec);
	return 0;
}

static int read_tip(yoy_store *st, yoy_error *err)
{
	if (st->tip_known)
		return 0;
	if (git_repository_head_unborn(st->repo) == 1) {
		st->tip_known = true;
		return 0;
	}
	int rc = lookup_rev(st, "HEAD", &st->tip, err);
	st->tip_known = rc == 0;
	return rc;
}

/* No commit yet?  (On a read error, no: the read that follows reports it.) */
static bool tip_empty(yoy_store *st)
{
	yoy_error ignore;
	return read_tip(st, &ignore) == 0 && !st->tip;
}

static int lookup_commit(yoy_store *st, const char *rev, git_commit **out,
			 yoy_error *err)
{
	*out = NULL;
	if (rev)
		return lookup_rev(st, rev, out, err);
	int rc = read_tip(st, err);
	if (rc)
		return rc;
	if (!st->tip)
		return yoy_error_set(err, YOY_ESTORE, "%s: the history is empty", st->dir);
	return git_object_dup((git_object **)out, (git_object *)st->tip)
		? git_fail(err, st->dir, "cannot read the history") : 0;
}

int yoy_store_resolve(yoy_store *st, const char *rev, char id[41], yoy_error *err)
{
	git_commit *c;
	int rc = lookup_commit(st, rev, &c, err);
	if (rc)
		return rc;
	git_oid_tostr(id, 41, git_commit_id(c));
	git_commit_free(c);
	return 0;
}

int yoy_store_read(yoy_store *st, const char *rev, const char *path,
		   char **out, size_t *len, yoy_error *err)
{
	*out = NULL;
	*len = 0;
	git_commit *c = NULL;
	git_tree *tree = NULL;
	git_tree_entry *entry = NULL;
	git_blob *blob = NULL;
	int rc = lookup_commit(st, rev, &c, err);
	if (rc)
		return rc;
	if (git_commit_tree(&tree, c)) {
		rc = git_fail(err, st->dir, "cannot read a tree");
		goto cleanup;
	}
	if (git_tree_entry_bypath(&entry, tree, path) ||
	    git_tree_entry_type(entry) != GIT_OBJECT_BLOB) {
		rc = yoy_error_set(err, YOY_ESTORE, "%s: no %s in the history%s%s",
				   st->dir, path, rev ? " at " : "", rev ? rev : "");
		goto cleanup;
	}
	if (git_blob_lookup(&blob, st->repo, git_tree_entry_id(entry))) {
		rc = git_fail(err, st->dir, "cannot read a stored file");
		goto cleanup;
	}
	size_t n = (size_t)git_blob_rawsize(blob);
	*out = malloc(n + 1);
	if (!*out) {
		rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
		goto cleanup;
	}
	memcpy(*out, git_blob_rawcontent(blob), n);
	(*out)[n] = '\0';
	*len = n;
cleanup:
	git_blob_free(blob);
	git_tree_entry_free(entry);
	git_tree_free(tree);
	git_commit_free(c);
	return rc;
}

typedef struct path_list {
	char **v;
	size_t n, cap;
	const char *base;   /* directory walked, "" or ending in '/' */
	const char *prefix; /* keep only paths starting so */
	int oom;
	int max_depth;      /* files at most this many directories below the walk's
			     * top (-1: any) */
} path_list;

static int push_string(path_list *pl, char *p)
{
	if (pl->n == pl->cap) {
		size_t cap = pl->cap ? pl->cap * 2 : 64;
		char **v = realloc(pl->v, cap * sizeof *v);
		if (!v) {
			free(p);
			pl->oom = 1;
			return -1;
		}
		pl->v = v;
		pl->cap = cap;
	}
	pl->v[pl->n++] = p;
	return 0;
}

static int collect(const char *root, const git_tree_entry *entry, void *payload)
{
	path_list *pl = payload;
	if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB) {
		if (pl->max_depth < 0)
			return 0;
		int depth = 1; /* of the files under entry */
		for (const char *r = root; *r; r++)
			depth += *r == '/';
		return depth > pl->max_depth ? 1 : 0; /* 1: not read at all */
	}
	const char *name = git_tree_entry_name(entry);
	size_t a = strlen(pl->base), b = strlen(root), c = strlen(name);
	char *p = malloc(a + b + c + 1);
	if (!p) {
		pl->oom = 1;
		return -1;
	}
	memcpy(p, pl->base, a);
	memcpy(p + a, root, b);
	memcpy(p + a + b, name, c + 1);
	if (pl->prefix && strncmp(p, pl->prefix, strlen(pl->prefix)) != 0) {
		free(p);
		return 0;
	}
	return push_string(pl, p);
}

/* The tree of directory dir ("" or NULL: the root) at commit c.  Returns
 * 0, 1 when there is no such directory, or an error. */
static int dir_tree(yoy_store *st, git_commit *c, const char *dir, git_tree **out,
		    yoy_error *err)
{
	*out = NULL;
	git_tree *root;
	if (git_commit_tree(&root, c))
		return git_fail(err, st->dir, "cannot read a tree");
	if (!dir || !*dir) {
		*out = root;
		return 0;
	}
	git_tree_entry *e = NULL;
	int rc = git_tree_entry_bypath(&e, root, dir);
	if (rc == GIT_ENOTFOUND || (!rc && git_tree_entry_type(e) != GIT_OBJECT_TREE)) {
		rc = 1;
	} else if (rc) {
		rc = git_fail(err, st->dir, "cannot read a tree");
	} else if (git_tree_lookup(out, st->repo, git_tree_entry_id(e))) {
		rc = git_fail(err, st->dir, "cannot read a tree");
	}
	git_tree_entry_free(e);
	git_tree_free(root);
	return rc;
}

/* The tree of directory dir at rev (NULL: HEAD) into *out, which stays
 * NULL when the store is empty or has no such directory. */
static int dir_tree_at(yoy_store *st, const char *rev, const char *dir, git_tree **out,
		       yoy_error *err)
{
	*out = NULL;
	if (!rev && tip_empty(st))
		return 0;
	git_commit *c;
	int rc = lookup_commit(st, rev, &c, err);
	if (rc)
		return rc;
	rc = dir_tree(st, c, dir, out, err);
	git_commit_free(c);
	return rc == 1 ? 0 : rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int yoy_store_list_depth(yoy_store *st, const char *rev, const char *prefix, int max_depth,
			 char ***paths, size_t *n, yoy_error *err)
{
	*paths = NULL;
	*n = 0;
	/* walk only the directory the prefix names, not the whole history */
	char base[1024] = "";
	const char *slash = prefix ? strrchr(prefix, '/') : NULL;
	if (slash && (size_t)(slash - prefix) < sizeof base - 1)
		snprintf(base, sizeof base, "%.*s/", (int)(slash - prefix), prefix);
	git_tree *tree = NULL;
	path_list pl = { NULL, 0, 0, base, prefix, 0, -1 };
	/* the walk starts at base: depths count from there */
	int base_depth = 0;
	for (const char *b = base; *b; b++)
		base_depth += *b == '/';
	if (max_depth)
		pl.max_depth = max_depth > base_depth ? max_depth - base_depth : 0;
	/* only trees are read here: trusted as in a walk (yoy_store_log_scoped) */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	int rc = dir_tree_at(st, rev, *base ? base : NULL, &tree, err);
	if (!rc && tree && git_tree_walk(tree, GIT_TREEWALK_PRE, collect, &pl) && !pl.oom)
		rc = git_fail(err, st->dir, "cannot walk a tree");
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 1);
	if (pl.oom)
		rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
	git_tree_free(tree);
	if (rc) {
		yoy_strings_free(pl.v, pl.n);
		return rc;
	}
	if (pl.n)
		qsort(pl.v, pl.n, sizeof *pl.v, cmp_str);
	*paths = pl.v;
	*n = pl.n;
	return 0;
}

typedef struct id_list {
	unsigned char *v;
	size_t n, cap;
	const char *suffix, *skip;
	int oom;
} id_list;

static int collect_id(const char *root, const git_tree_entry *entry, void *payload)
{
	(void)root;
	id_list *il = payload;
	const char *name = git_tree_entry_name(entry);
	if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB)
		return il->skip && str_ends(name, il->skip) ? 1 : 0; /* 1: not read */
	if (!str_ends(name, il->suffix))
		return 0;
	if (il->n == il->cap) {
		size_t cap = il->cap ? il->cap * 2 : 256;
		unsigned char *v = realloc(il->v, cap * 20);
		if (!v) {
			il->oom = 1;
			return -1;
		}
		il->v = v;
		il->cap = cap;
	}
	memcpy(il->v + 20 * il->n++, git_tree_entry_id(entry)->id, 20);
	return 0;
}

static int cmp_id(const void *a, const void *b)
{
	return memcmp(a, b, 20);
}

int yoy_store_blob_ids(yoy_store *st, const char *rev, const char *suffix,
		       const char *skip, unsigned char **ids, size_t *n, yoy_error *err)
{
	*ids = NULL;
	*n = 0;
	git_tree *tree = NULL;
	id_list il = { NULL, 0, 0, suffix ? suffix : "", skip, 0 };
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	int rc = dir_tree_at(st, rev, NULL, &tree, err);
	if (!rc && tree && git_tree_walk(tree, GIT_TREEWALK_PRE, collect_id, &il) && !il.oom)
		rc = git_fail(err, st->dir, "cannot walk a tree");
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 1);
	git_tree_free(tree);
	if (!rc && il.oom)
		rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
	if (rc) {
		free(il.v);
		return rc;
	}
	if (il.n)
		qsort(il.v, il.n, 20, cmp_id);
	*ids = il.v;
	*n = il.n;
	return 0;
}

int yoy_store_entries(yoy_store *st, const char *rev, const char *dir,
		      char ***names, size_t *n, yoy_error *err)
{
	*names = NULL;
	*n = 0;
	git_tree *tree;
	path_list pl = { NULL, 0, 0, "", NULL, 0, -1 };
	int rc = dir_tree_at(st, rev, dir, &tree, err);
	for (size_t i = 0; !rc && tree && i < git_tree_entrycount(tree); i++) {
		const git_tree_entry *e = git_tree_entry_byindex(tree, i);
		const char *name = git_tree_entry_name(e);
		bool is_dir = git_tree_entry_type(e) == GIT_OBJECT_TREE;
		size_t len = strlen(name);
		char *p = malloc(len + 2);
		if (p) {
			memcpy(p, name, len);
			p[len] = is_dir ? '/' : '\0';
			p[len + 1] = '\0';
		}
		if (!p || push_string(&pl, p)) { /* push_string frees p */
			rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
			break;
		}
	}
	git_tree_free(tree);
	if (rc) {
		yoy_strings_free(pl.v, pl.n);
		return rc;
	}
	*names = pl.v; /* git keeps tree entries sorted */
	*n = pl.n;
	return 0;
}

/* ---- staged objects ---------------------------------------------------- */

static yoy_pack *staged(git_odb_backend *b)
{
	return ((staging_backend *)b)->st->staging;
}

static int staged_read_header(size_t *len, git_object_t *type, git_odb_backend *b,
			      const git_oid *oid)
{
	int t;
	uint64_t size;
	if (!staged(b) || !yoy_pack_lookup(staged(b), oid->id, &t, &size))
		return GIT_ENOTFOUND;
	*len = (size_t)size;
	*type = (git_object_t)t; /* pack and libgit2 number types alike */
	return 0;
}

static int staged_read(void **data, size_t *len, git_object_t *type, git_odb_backend *b,
		       const git_oid *oid)
{
	if (staged_read_header(len, type, b, oid))
		return GIT_ENOTFOUND;
	void *buf = git_odb_backend_data_alloc(b, *len ? *len : 1);
	yoy_error err;
	if (!buf)
		return -1;
	if (yoy_pack_read(staged(b), oid->id, buf, *len, &err)) {
		git_odb_backend_data_free(b, buf);
		git_error_set_str(GIT_ERROR_ODB, err.message);
		return -1;
	}
	*data = buf;
	return 0;
}

static int staged_exists(git_odb_backend *b, const git_oid *oid)
{
	int t;
	uint64_t size;
	return staged(b) && yoy_pack_lookup(staged(b), oid->id, &t, &size);
}

static int staged_freshen(git_odb_backend *b, const git_oid *oid)
{
	return staged_exists(b, oid) ? 0 : GIT_ENOTFOUND;
}

static int stage(yoy_store *st, const yoy_object *o, yoy_error *err);

static int staged_write(git_odb_backend *b, const git_oid *oid, const void *data,
			size_t len, git_object_t type)
{
	yoy_store *st = ((staging_backend *)b)->st;
	if (!st->staging_on)
		return GIT_PASSTHROUGH; /* not making a commit: loose */
	yoy_object o;
	yoy_error err;
	int rc = yoy_object_make(&o, (int)type, data, len, &err);
	if (!rc && memcmp(o.id, oid->id, sizeof o.id) != 0)
		rc = yoy_error_set(&err, YOY_EINTERNAL, "object id %s, libgit2 says otherwise",
				   o.hex);
	if (!rc)
		rc = stage(st, &o, &err);
	yoy_object_clear(&o);
	if (rc) {
		git_error_set_str(GIT_ERROR_ODB, err.message);
		return -1;
	}
	return 0;
}

static void staged_backend_free(git_odb_backend *b)
{
	free(b);
}

/* Objects written from now until staging_finish are staged. */
static int staging_begin(yoy_store *st, yoy_error *err)
{
	if (!st->backend) {
		staging_backend *b = calloc(1, sizeof *b);
		if (!b)
			return yoy_error_set(err, YOY_ENOMEM, "out of memory");
		git_odb_init_backend(&b->parent, GIT_ODB_BACKEND_VERSION);
		b->parent.read = staged_read;
		b->parent.read_header = staged_read_header;
		b->parent.write = staged_write;
		b->parent.exists = staged_exists;
		b->parent.freshen = staged_freshen;
		b->parent.free = staged_backend_free;
		b->st = st;
		/* above the loose and pack backends: writes land here first */
		if (git_odb_add_backend(st->odb, &b->parent, 1000)) {
			free(b);
			return git_fail(err, st->dir, "cannot add an object backend");
		}
		st->backend = b;
	}
	st->staging_on = true;
	return 0;
}

/* Add o to the staged objects; their file is made with the first, so a
 * commit that writes nothing (all unchanged) touches no file. */
static int stage(yoy_store *st, const yoy_object *o, yoy_error *err)
{
	if (!st->staging) {
		sbuf dir;
		sbuf_init(&dir);
		sbuf_printf(&dir, "%sobjects/pack", git_repository_path(st->repo));
		if (dir.oom) {
			sbuf_free(&dir);
			return yoy_error_set(err, YOY_ENOMEM, "out of memory");
		}
		mkdir(sbuf_cstr(&dir), 0777); /* git init made it; a copy may lack it */
		dir.data[dir.len -= strlen("/pack")] = '\0';
		int rc = yoy_pack_new(&st->staging, sbuf_cstr(&dir), err);
		sbuf_free(&dir);
		if (rc)
			return rc;
	}
	return yoy_pack_add(st->staging, o, err);
}

static void staging_discard(yoy_store *st)
{
	yoy_pack_free(st->staging);
	st->staging = NULL;
	st->staging_on = false;
}

/* Write the staged objects for good: many as one pack, a few loose. */
static int staging_finish(yoy_store *st, yoy_error *err)
{
	yoy_pack *p = st->staging;
	int rc = 0;
	st->staging = NULL; /* from here libgit2 writes loose and reads packs */
	st->staging_on = false;
	if (!p)
		return 0;
	size_t n = yoy_pack_count(p);
	if (n >= PACK_MIN_OBJECTS) {
		rc = yoy_pack_install(p, err);
		if (!rc && git_odb_refresh(st->odb))
			rc = git_fail(err, st->dir, "cannot read the new pack");
	}
	for (size_t i = 0; i < n && n < PACK_MIN_OBJECTS && !rc; i++) {
		git_oid id, written;
		int type;
		uint64_t size;
		memcpy(id.id, yoy_pack_id(p, i), sizeof id.id);
		yoy_pack_lookup(p, id.id, &type, &size);
		void *data = malloc(size ? (size_t)size : 1);
		if (!data)
			rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
		else if (!(rc = yoy_pack_read(p, id.id, data, size, err)) &&
			 (git_odb_write(&written, st->odb, data, (size_t)size, (git_object_t)type) ||
			  !git_oid_equal(&id, &written)))
			rc = git_fail(err, st->dir, "cannot write an object");
		free(data);
	}
	yoy_pack_free(p);
	return rc;
}

void yoy_object_free(yoy_object *o)
{
	if (o)
		yoy_object_clear(o);
	free(o);
}

int yoy_object_new_blob(yoy_object **out, const void *data, size_t len, yoy_error *err)
{
	*out = calloc(1, sizeof **out);
	if (!*out)
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	int rc = yoy_object_make(*out, YOY_GIT_BLOB, data, len, err);
	if (rc) {
		free(*out);
		*out = NULL;
	}
	return rc;
}

int yoy_object_hash_blob(yoy_object **out, const void *data, size_t len, yoy_error *err)
{
	*out = calloc(1, sizeof **out);
	if (!*out)
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	yoy_object *o = *out;
	o->type = YOY_GIT_BLOB;
	o->size = len;
	if (yoy_git_object_id(o->id, YOY_GIT_BLOB, data, len)) {
		free(o);
		*out = NULL;
		return yoy_error_set(err, YOY_ESTORE, "cannot hash a blob");
	}
	git_oid_fmt(o->hex, (const git_oid *)o->id);
	o->hex[40] = '\0';
	return 0;
}

const char *yoy_object_id(const yoy_object *o)
{
	return o->hex;
}

int yoy_store_add(yoy_store *st, const yoy_object *o, yoy_error *err)
{
	git_oid id;
	memcpy(id.id, o->id, sizeof id.id);
	/* already stored (or staged): nothing to write */
	if (git_odb_exists_ext(st->odb, &id, GIT_ODB_LOOKUP_NO_REFRESH))
		return 0;
	if (!o->entry) /* yoy_object_hash_blob of bytes not stored */
		return yoy_error_set(err, YOY_EINTERNAL, "object %s is not stored", o->hex);
	int rc = staging_begin(st, err);
	return rc ? rc : stage(st, o, err);
}

int yoy_store_file_id(yoy_store *st, const char *rev, const char *path,
		      char id[41], yoy_error *err)
{
	id[0] = '\0';
	if (!rev && tip_empty(st))
		return 1;
	git_commit *c;
	int rc = lookup_commit(st, rev, &c, err);
	if (rc)
		return rc;
	git_tree *tree = NULL;
	git_tree_entry *entry = NULL;
	if (git_commit_tree(&tree, c)) {
		rc = git_fail(err, st->dir, "cannot read a tree");
	} else if (git_tree_entry_bypath(&entry, tree, path) ||
		   git_tree_entry_type(entry) != GIT_OBJECT_BLOB) {
		rc = 1;
	} else {
		git_oid_tostr(id, 41, git_tree_entry_id(entry));
	}
	git_tree_entry_free(entry);
	git_tree_free(tree);
	git_commit_free(c);
	return rc;
}

/* Who commits: $YOY_AUTHOR_NAME/$YOY_AUTHOR_EMAIL, else git's user.name,
 * else "yoy".  When: now, or $SOURCE_DATE_EPOCH (the reproducible-builds
 * convention), so that the same imports give the same commit ids. */
static int signature(git_signature **sig, git_repository *repo)
{
	const char *name = getenv("YOY_AUTHOR_NAME"), *email = getenv("YOY_AUTHOR_EMAIL");
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	char *end = NULL;
	long long when = epoch && *epoch ? strtoll(epoch, &end, 10) : -1;
	bool fixed = when >= 0 && end && !*end;
	git_signature *def = NULL;
	if (!(name && *name) && git_signature_default(&def, repo) == 0) {
		if (!fixed) {
			*sig = def;
			return 0;
		}
		int rc = git_signature_new(sig, def->name, def->email, (git_time_t)when, 0);
		git_signature_free(def);
		return rc;
	}
	const char *n = name && *name ? name : "yoy";
	const char *e = name && *name && email && *email ? email : "yoy@localhost";
	return fixed ? git_signature_new(sig, n, e, (git_time_t)when, 0)
		     : git_signature_now(sig, n, e);
}

/* A lock left by a killed writer is stale once it is this old. */
#define STALE_LOCK_SECONDS 30

static void clear_stale_lock(yoy_store *st)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s.lock", git_repository_path(st->repo), BRANCH);
	struct stat sb;
	if (stat(path, &sb) == 0 && time(NULL) - sb.st_mtime > STALE_LOCK_SECONDS)
		unlink(path);
}

/* The blobs of the changes: written from their data, or named by an id
 * already staged. */
static int write_blobs(yoy_store *st, const yoy_store_change *changes, size_t n,
		       git_oid *blobs, yoy_error *err)
{
	for (size_t i = 0; i < n; i++) {
		if (changes[i].blob_id) {
			if (git_oid_fromstr(&blobs[i], changes[i].blob_id))
				return yoy_error_set(err, YOY_EINTERNAL, "bad object id %s",
						     changes[i].blob_id);
		} else if (changes[i].data &&
			   git_blob_create_from_buffer(&blobs[i], st->repo, changes[i].data,
						       changes[i].len)) {
			return git_fail(err, st->dir, "cannot write an object");
		}
	}
	return 0;
}

/* The tree of base (NULL: empty) with the changes applied: removals
 * first (a path or a whole directory), then the files written. */
static int tree_with_changes(yoy_store *st, git_tree *base, const yoy_store_change *changes,
			     size_t n, const git_oid *blobs, git_oid *tree_id, yoy_error *err)
{
	git_index *index = NULL;
	int rc = 0;
	if (git_index_new(&index) || (base && git_index_read_tree(index, base))) {
		rc = git_fail(err, st->dir, "cannot build a tree");
		goto cleanup;
	}
	for (size_t i = 0; i < n; i++) {
		if (changes[i].data || changes[i].blob_id)
			continue;
		git_index_remove_directory(index, changes[i].path, 0);
		git_index_remove_bypath(index, changes[i].path);
	}
	for (size_t i = 0; i < n; i++) {
		if (!changes[i].data && !changes[i].blob_id)
			continue;
		git_index_entry e;
		memset(&e, 0, sizeof e);
		e.mode = GIT_FILEMODE_BLOB;
		e.id = blobs[i];
		e.path = changes[i].path;
		e.file_size = (uint32_t)changes[i].len;
		if (git_index_add(index, &e)) {
			rc = git_fail(err, st->dir, "cannot stage a file");
			goto cleanup;
		}
	}
	if (git_index_write_tree_to(tree_id, index, st->repo))
		rc = git_fail(err, st->dir, "cannot write a tree");
cleanup:
	git_index_free(index);
	return rc;
}

static int write_commit(yoy_store *st, git_oid *commit_id, const git_oid *tree_id,
			git_commit *parent, const git_signature *sig, const char *message,
			yoy_error *err)
{
	git_tree *tree = NULL;
	const git_commit *parents[1] = { parent };
	int rc = 0;
	if (git_tree_lookup(&tree, st->repo, tree_id) ||
	    git_commit_create(commit_id, st->repo, NULL, sig, sig, "UTF-8", message, tree,
			      parent ? 1 : 0, parents))
		rc = git_fail(err, st->dir, "cannot write a commit");
	git_tree_free(tree);
	return rc;
}

#define COMMIT_AGAIN 1

/* The branch's first commit.  libgit2 checks that the branch does not
 * exist before it takes the ref's lock, so two importers creating one
 * history could both write it, the second over the first (seen once in
 * the concurrent-importers test).  Read back a moment later: when the
 * branch names a commit that is not ours nor built on ours, the other
 * writer won and we build on its commit (GIT_EMODIFIED: try again). */
static int create_first(yoy_store *st, git_reference **moved, const git_oid *commit_id)
{
	int r = git_reference_create(moved, st->repo, BRANCH, commit_id, 0, "yoy");
	if (r)
		return r;
	git_oid now;
	struct timespec ts = { 0, 20 * 1000000L }; /* past the other's write */
	nanosleep(&ts, NULL);
	/* ours, or built on ours already by the other writer */
	if (git_reference_name_to_id(&now, st->repo, BRANCH) == 0 && !git_oid_equal(&now, commit_id) &&
	    git_graph_descendant_of(st->repo, &now, commit_id) != 1) {
		git_reference_free(*moved);
		*moved = NULL;
		return GIT_EMODIFIED;
	}
	return 0;
}

/* One attempt at a commit on the current tip: its tree with the changes,
 * the commit, then the one atomic step, the branch moved if nobody else
 * moved it.  Returns 0 (committed, or nothing to commit: *committed
 * says), COMMIT_AGAIN when another writer moved the tip first, or an
 * error. */
static int commit_attempt(yoy_store *st, const yoy_store_change *changes, size_t n,
			  const git_oid *blobs, const git_signature *sig, const char *message,
			  int attempt, char id[41], int *committed, yoy_error *err)
{
	git_reference *tip = NULL, *moved = NULL;
	git_commit *parent = NULL;
	git_tree *tree = NULL;
	git_oid tree_id, commit_id;
	int rc = staging_begin(st, err);
	if (rc)
		goto cleanup;
	int r = git_reference_lookup(&tip, st->repo, BRANCH);
	if (r && r != GIT_ENOTFOUND) {
		rc = git_fail(err, st->dir, "cannot read " BRANCH);
		goto cleanup;
	}
	if (tip && (git_commit_lookup(&parent, st->repo, git_reference_target(tip)) ||
		    git_commit_tree(&tree, parent))) {
		rc = git_fail(err, st->dir, "cannot read the branch tip");
		goto cleanup;
	}
	if ((rc = tree_with_changes(st, tree, changes, n, blobs, &tree_id, err)))
		goto cleanup;
	if (tree && git_oid_equal(&tree_id, git_tree_id(tree))) {
		git_oid_tostr(id, 41, git_commit_id(parent)); /* nothing changed */
		goto cleanup;
	}
	if ((rc = write_commit(st, &commit_id, &tree_id, parent, sig, message, err)) ||
	    (rc = staging_finish(st, err)))
		goto cleanup;
	r = tip ? git_reference_create_matching(&moved, st->repo, BRANCH, &commit_id, 1,
						git_reference_target(tip), "yoy")
		: create_first(st, &moved, &commit_id);
	if (r == 0) {
		git_oid_tostr(id, 41, &commit_id);
		*committed = 1;
		git_commit_free(st->tip); /* read the new tip when next asked */
		st->tip = NULL;
		st->tip_known = false;
	} else if ((r == GIT_EMODIFIED || r == GIT_ELOCKED || r == GIT_EEXISTS) &&
		   attempt < 1000) {
		if (r == GIT_ELOCKED && attempt > 100)
			clear_stale_lock(st);
		rc = COMMIT_AGAIN;
	} else if (r == GIT_ELOCKED) {
		rc = yoy_error_set(err, YOY_ESTORE,
			"%s: the history is locked by another yoy process (if none is "
			"running, remove %s%s.lock)", st->dir,
			git_repository_path(st->repo), BRANCH);
	} else {
		rc = git_fail(err, st->dir, "cannot update the branch");
	}
cleanup:
	git_reference_free(moved);
	git_tree_free(tree);
	git_commit_free(parent);
	git_reference_free(tip);
	return rc;
}

static void note_changes(yoy_store *st, const char *id);

int yoy_store_commit(yoy_store *st, const yoy_store_change *changes,
		     size_t n, const char *message, char id[41],
		     int *committed, yoy_error *err)
{
	*committed = 0;
	id[0] = '\0';
	git_oid *blobs = calloc(n ? n : 1, sizeof *blobs);
	git_signature *sig = NULL;
	int rc = 0;
	if (!blobs)
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	/* objects first: nothing refers to them until the ref moves */
	if ((rc = staging_begin(st, err)) || (rc = write_blobs(st, changes, n, blobs, err)))
		goto cleanup;
	if (signature(&sig, st->repo)) {
		rc = git_fail(err, st->dir, "cannot make a commit signature");
		goto cleanup;
	}
	for (int attempt = 0;; attempt++) {
		rc = commit_attempt(st, changes, n, blobs, sig, message, attempt, id, committed,
				    err);
		if (rc != COMMIT_AGAIN)
			break;
		/* another writer moved the tip: build on its commit */
		struct timespec ts = { 0, (long)(1 + (rand() % 20)) * 1000000L };
		nanosleep(&ts, NULL);
	}
	if (!rc && *committed)
		note_changes(st, id);
cleanup:
	staging_discard(st); /* what no commit took */
	git_signature_free(sig);
	free(blobs);
	return rc;
}

/* The id of directory dir ("D/", or "" for the root) in tree t into *id;
 * false when t has no such directory. */
static bool subtree_id(git_tree *t, const char *dir, git_oid *id)
{
	if (!t)
		return false;
	if (!*dir) {
		*id = *git_tree_id(t);
		return true;
	}
	git_tree_entry *e = NULL;
	char name[1024];
	snprintf(name, sizeof name, "%.*s", (int)(strlen(dir) - 1), dir);
	bool found = git_tree_entry_bypath(&e, t, name) == 0 &&
		     git_tree_entry_type(e) == GIT_OBJECT_TREE;
	if (found)
		*id = *git_tree_entry_id(e);
	git_tree_entry_free(e);
	return found;
}

/* git's order of tree entries: by name, a directory's as if it ended
 * in '/'. */
static int entry_order(const git_tree_entry *a, const git_tree_entry *b)
{
	const char *x = git_tree_entry_name(a), *y = git_tree_entry_name(b);
	size_t i = 0;
	while (x[i] && x[i] == y[i])
		i++;
	unsigned char cx = (unsigned char)x[i], cy = (unsigned char)y[i];
	if (!cx && git_tree_entry_type(a) == GIT_OBJECT_TREE)
		cx = '/';
	if (!cy && git_tree_entry_type(b) == GIT_OBJECT_TREE)
		cy = '/';
	return (cx > cy) - (cx < cy);
}

/* Files found changed by compare_trees: path and how ('A' added, 'D'
 * removed, 'M' changed). */
typedef struct change_list {
	struct changed_file { char *path; char kind; } *v;
	size_t n, cap;
	int max_depth; /* files at most this many directories down (-1: any) */
	char **dirs;   /* heap: the top-level directories that differ (a
			* comparison from the top), for the change cache */
	size_t ndirs, dcap;
} change_list;

static void change_list_free(change_list *cl)
{
	for (size_t i = 0; i < cl->n; i++)
		free(cl->v[i].path);
	free(cl->v);
	yoy_strings_free(cl->dirs, cl->ndirs);
	memset(cl, 0, sizeof *cl);
}

static int add_change(change_list *cl, const char *prefix, const char *name, char kind,
		      yoy_error *err)
{
	struct changed_file f = { NULL, kind };
	if (asprintf(&f.path, "%s%s", prefix, name) < 0 || !VEC_PUSH(cl->v, cl->n, cl->cap, f)) {
		free(f.path);
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	}
	return 0;
}

/* The files that differ between trees a and b (either NULL: empty), at
 * depth directories down and named prefix + path, into cl.  Equal
 * subtrees are skipped by their id without being read -- the point of
 * this over git_diff_tree_to_tree, which measured 65% of `yoy log` on
 * 20,000 documents -- and so are trees deeper than cl->max_depth. */
static int compare_trees(yoy_store *st, git_tree *a, git_tree *b, const char *prefix,
			 int depth, change_list *cl, yoy_error *err)
{
	size_t na = a ? git_tree_entrycount(a) : 0, nb = b ? git_tree_entrycount(b) : 0;
	size_t i = 0, j = 0;
	int rc = 0;
	while (!rc && (i < na || j < nb)) {
		const git_tree_entry *x = i < na ? git_tree_entry_byindex(a, i) : NULL;
		const git_tree_entry *y = j < nb ? git_tree_entry_byindex(b, j) : NULL;
		int c = !x ? 1 : !y ? -1 : entry_order(x, y);
		const git_tree_entry *gone = c < 0 ? x : NULL, *came = c > 0 ? y : NULL;
		if (c == 0) {
			i++;
			j++;
			if (git_oid_equal(git_tree_entry_id(x), git_tree_entry_id(y)) &&
			    git_tree_entry_filemode(x) == git_tree_entry_filemode(y))
				continue;
			bool tx = git_tree_entry_type(x) == GIT_OBJECT_TREE,
			     ty = git_tree_entry_type(y) == GIT_OBJECT_TREE;
			if (!tx && !ty) {
				rc = add_change(cl, prefix, git_tree_entry_name(y), 'M', err);
				continue;
			}
			gone = x;
			came = y;
		} else if (c < 0) {
			i++;
		} else {
			j++;
		}
		/* a subtree added, removed or changed, or a file turned into a
		 * directory: its files */
		git_tree *ta = NULL, *tb = NULL;
		const git_tree_entry *e[2] = { gone, came };
		git_tree **t[2] = { &ta, &tb };
		bool deeper = cl->max_depth >= 0 && depth + 1 > cl->max_depth;
		for (int k = 0; k < 2 && !rc; k++) {
			if (!e[k])
				continue;
			if (git_tree_entry_type(e[k]) != GIT_OBJECT_TREE)
				rc = add_change(cl, prefix, git_tree_entry_name(e[k]), k ? 'A' : 'D', err);
			else if (!deeper && git_tree_lookup(t[k], st->repo, git_tree_entry_id(e[k])))
				rc = git_fail(err, st->dir, "cannot read a tree");
		}
		bool a_tree = gone && git_tree_entry_type(gone) == GIT_OBJECT_TREE,
		     b_tree = came && git_tree_entry_type(came) == GIT_OBJECT_TREE;
		if (!rc && !*prefix && (a_tree || b_tree)) {
			char *name = strdup(git_tree_entry_name(gone ? gone : came));
			if (!name || !VEC_PUSH(cl->dirs, cl->ndirs, cl->dcap, name)) {
				free(name);
				rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
			}
		}
		if (!rc && (ta || tb)) {
			char *sub = NULL;
			if (asprintf(&sub, "%s%s/", prefix, git_tree_entry_name(gone ? gone : came)) < 0)
				rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
			else
				rc = compare_trees(st, ta, tb, sub, depth + 1, cl, err);
			free(sub);
		}
		git_tree_free(ta);
		git_tree_free(tb);
	}
	return rc;
}

static int cmp_changed_file(const void *a, const void *b)
{
	return strcmp(((const struct changed_file *)a)->path,
		      ((const struct changed_file *)b)->path);
}

/* The id of dir in each commit's tree, remembered: a walk needs it for a
 * commit and for its parent, which the walk visits next, so each tree of
 * the history (the top one lists every department) is read once. */
typedef struct dir_memo_entry {
	git_oid commit;
	git_oid dir;
	bool used, has;
} dir_memo_entry;

typedef struct dir_memo {
	const char *dir;
	int max_depth;
	dir_memo_entry *v;
	size_t cap, n; /* cap a power of two, at most half full */
} dir_memo;

static size_t memo_slot(const dir_memo *m, const git_oid *id)
{
	size_t h;
	memcpy(&h, id->id, sizeof h);
	size_t i = h & (m->cap - 1);
	while (m->v[i].used && !git_oid_equal(&m->v[i].commit, id))
		i = (i + 1) & (m->cap - 1);
	return i;
}

static bool memo_grow(dir_memo *m)
{
	dir_memo old = *m;
	m->cap = old.cap ? old.cap * 2 : 256;
	m->v = calloc(m->cap, sizeof *m->v);
	if (!m->v) {
		*m = old;
		return false;
	}
	for (size_t i = 0; i < old.cap; i++)
		if (old.v[i].used)
			m->v[memo_slot(m, &old.v[i].commit)] = old.v[i];
	free(old.v);
	return true;
}

/* *has and *id: whether commit's tree holds m->dir, and its id. */
static int dir_in_commit(yoy_store *st, dir_memo *m, const git_commit *c, bool *has,
			 git_oid *id, yoy_error *err)
{
	const git_oid *cid = git_commit_id(c);
	if ((m->n + 1) * 2 > m->cap && !memo_grow(m))
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	size_t i = memo_slot(m, cid);
	if (!m->v[i].used) {
		git_tree *t = NULL;
		if (git_commit_tree(&t, c))
			return git_fail(err, st->dir, "cannot read a tree");
		m->v[i].has = subtree_id(t, m->dir, &m->v[i].dir);
		git_tree_free(t);
		m->v[i].commit = *cid;
		m->v[i].used = true;
		m->n++;
	}
	*has = m->v[i].has;
	*id = m->v[i].dir;
	return 0;
}

/* cl's files, sorted, moved into ci. */
static int take_files(change_list *cl, yoy_commit_info *ci, yoy_error *err)
{
	ci->changed = malloc((cl->n ? cl->n : 1) * sizeof *ci->changed);
	ci->kinds = malloc(cl->n ? cl->n : 1);
	if (!ci->changed || !ci->kinds) {
		free(ci->changed);
		free(ci->kinds);
		ci->changed = NULL;
		ci->kinds = NULL;
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	}
	if (cl->n)
		qsort(cl->v, cl->n, sizeof *cl->v, cmp_changed_file);
	for (size_t i = 0; i < cl->n; i++) {
		ci->changed[i] = cl->v[i].path;
		ci->kinds[i] = cl->v[i].kind;
	}
	ci->nchanged = cl->n;
	cl->n = 0; /* the paths are ci's now */
	return 0;
}

/* For a merge c whose dir (has_b, b) is as in its first parent: whether
 * another parent's differs -- a merge that kept ours over theirs still
 * decided something there. */
static int merge_decided(yoy_store *st, dir_memo *m, git_commit *c, bool has_b,
			 const git_oid *b, bool *touched, yoy_error *err)
{
	*touched = false;
	for (unsigned k = 1; k < git_commit_parentcount(c) && !*touched; k++) {
		git_commit *other = NULL;
		git_oid x;
		bool has_x;
		if (git_commit_parent(&other, c, k))
			return git_fail(err, st->dir, "cannot read a commit");
		int rc = dir_in_commit(st, m, other, &has_x, &x, err);
		git_commit_free(other);
		if (rc)
			return rc;
		*touched = has_x != has_b || (has_x && !git_oid_equal(&x, b));
	}
	return 0;
}

/* The files under dir ("" or "D/") that c changed against its first
 * parent, into ci->changed; *touched false (and nothing listed) when dir
 * is the same in both.  Only the two trees of dir are compared, and of
 * those only the subtrees that differ, so a commit touching one
 * department costs that department, not the whole history. */
static int changed_files(yoy_store *st, dir_memo *m, git_commit *c, yoy_commit_info *ci,
			 bool *touched, yoy_error *err)
{
	const char *dir = m->dir;
	git_tree *sub = NULL, *sub_before = NULL;
	git_commit *parent = NULL;
	int rc = 0;
	*touched = false;
	git_oid a, b;
	bool has_a = false, has_b;
	if ((rc = dir_in_commit(st, m, c, &has_b, &b, err)))
		goto cleanup;
	if (git_commit_parentcount(c) > 0) {
		if (git_commit_parent(&parent, c, 0)) {
			rc = git_fail(err, st->dir, "cannot read a commit");
			goto cleanup;
		}
		if ((rc = dir_in_commit(st, m, parent, &has_a, &a, err)))
			goto cleanup;
	}
	if (has_a == has_b && (!has_a || git_oid_equal(&a, &b))) {
		rc = merge_decided(st, m, c, has_b, &b, touched, err);
		goto cleanup;
	}
	*touched = true;
	if ((has_a && git_tree_lookup(&sub_before, st->repo, &a)) ||
	    (has_b && git_tree_lookup(&sub, st->repo, &b))) {
		rc = git_fail(err, st->dir, "cannot compare a commit with its parent");
		goto cleanup;
	}
	change_list cl = { .max_depth = m->max_depth };
	int depth = 0;
	for (const char *d = dir; *d; d++)
		depth += *d == '/';
	rc = compare_trees(st, sub_before, sub, dir, depth, &cl, err);
	if (!rc)
		rc = take_files(&cl, ci, err);
	change_list_free(&cl);
cleanup:
	git_tree_free(sub);
	git_tree_free(sub_before);
	git_commit_free(parent);
	return rc;
}

/* What c changed against its first parent (everything, for a first
 * commit), compared from the top, into cl. */
static int commit_changes(yoy_store *st, git_commit *c, change_list *cl, yoy_error *err)
{
	git_tree *before = NULL, *after = NULL;
	git_commit *parent = NULL;
	int rc;
	if (git_commit_tree(&after, c) ||
	    (git_commit_parentcount(c) > 0 &&
	     (git_commit_parent(&parent, c, 0) || git_commit_tree(&before, parent))))
		rc = git_fail(err, st->dir, "cannot compare a commit with its parent");
	else
		rc = compare_trees(st, before, after, "", 0, cl, err);
	if (!rc && cl->n)
		qsort(cl->v, cl->n, sizeof *cl->v, cmp_changed_file);
	git_tree_free(before);
	git_tree_free(after);
	git_commit_free(parent);
	return rc;
}

/* Put c's changes into cache (see changes.h); 0 also when the cache
 * cannot hold them. */
static int remember_changes(yoy_store *st, change_cache *cache, git_commit *c,
			    int max_depth, yoy_error *err)
{
	change_list cl = { .max_depth = max_depth };
	char **paths = NULL, *kinds = NULL;
	int rc = commit_changes(st, c, &cl, err);
	if (!rc && (!(paths = malloc((cl.n ? cl.n : 1) * sizeof *paths)) ||
		    !(kinds = malloc(cl.n ? cl.n : 1))))
		rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
	for (size_t i = 0; !rc && i < cl.n; i++) {
		paths[i] = cl.v[i].path;
		kinds[i] = cl.v[i].kind;
	}
	if (!rc && change_cache_add(cache, git_commit_id(c)->id, cl.dirs, cl.ndirs, paths, kinds,
				    cl.n))
		rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
	free(paths);
	free(kinds);
	change_list_free(&cl);
	return rc;
}

/* changed_files, answered from the change cache: a commit the cache does
 * not hold is compared whole with its first parent once and remembered,
 * so the next walk reads no tree for it. */
static int cached_files(yoy_store *st, change_cache *cache, dir_memo *m, git_commit *c,
			yoy_commit_info *ci, bool *touched, yoy_error *err)
{
	const unsigned char *id = git_commit_id(c)->id;
	int r = change_cache_lookup(cache, id, m->dir, touched, &ci->changed, &ci->kinds,
				    &ci->nchanged);
	if (r == 0) {
		int rc = remember_changes(st, cache, c, m->max_depth, err);
		if (rc)
			return rc;
		r = change_cache_lookup(cache, id, m->dir, touched, &ci->changed, &ci->kinds,
					&ci->nchanged);
		if (r == 0) /* a name the cache does not hold */
			return changed_files(st, m, c, ci, touched, err);
	}
	if (r < 0)
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	if (*touched || git_commit_parentcount(c) < 2)
		return 0;
	git_oid b;
	bool has_b;
	int rc = dir_in_commit(st, m, c, &has_b, &b, err);
	return rc ? rc : merge_decided(st, m, c, has_b, &b, touched, err);
}

/* The change cache of st for walks of dir at max_depth: only walks of
 * the documents (YOY_DOCUMENT_DEPTH) of everything or of one top-level
 * directory use it.  NULL when the walk goes without: also when
 * YOY_CHANGE_CACHE=off (the tests' reference; a user's way round). */
static change_cache *open_changes(yoy_store *st, const char *dir, int max_depth)
{
	const char *slash = strchr(dir, '/'), *off = getenv("YOY_CHANGE_CACHE");
	if (max_depth != CHANGES_DEPTH || (*dir && (!slash || slash[1])) ||
	    (off && strcmp(off, "off") == 0))
		return NULL;
	char path[4096];
	if (snprintf(path, sizeof path, "%syoy-changes", git_repository_path(st->repo)) >=
	    (int)sizeof path)
		return NULL;
	return change_cache_open(path, max_depth);
}

/* Remember what commit id changed, as the next `yoy log` would, so that
 * it reads no tree for it.  Best effort: what is not remembered is
 * computed then. */
static void note_changes(yoy_store *st, const char *id)
{
	git_oid oid;
	git_commit *c = NULL;
	yoy_error err;
	change_cache *cache = open_changes(st, "", CHANGES_DEPTH);
	if (cache && !git_oid_fromstr(&oid, id) && !git_commit_lookup(&c, st->repo, &oid) &&
	    !remember_changes(st, cache, c, CHANGES_DEPTH, &err))
		change_cache_save(cache);
	git_commit_free(c);
	change_cache_free(cache);
}

int yoy_store_log_scoped(yoy_store *st, const char *rev, const char *hide, const char *dir,
			 int max_depth, yoy_commit_info **out, size_t *n, yoy_error *err)
{
	*out = NULL;
	*n = 0;
	if (!rev && tip_empty(st))
		return 0;
	if (!dir)
		dir = "";
	git_commit *start = NULL, *stop = NULL;
	int rc = lookup_commit(st, rev, &start, err);
	if (!rc && hide && *hide)
		rc = lookup_rev(st, hide, &stop, err);
	if (rc) {
		git_commit_free(start);
		return rc;
	}
	git_revwalk *walk = NULL;
	yoy_commit_info *v = NULL;
	size_t cnt = 0, cap = 0;
	dir_memo memo = { dir, max_depth, NULL, 0, 0 };
	change_cache *cache = open_changes(st, dir, max_depth);
	/* The walk reads every commit's top tree, which lists every
	 * department: measured on 20,000 documents in 40 commits, 56% of a
	 * `yoy log DEPT` was libgit2 re-hashing those trees to verify them
	 * (git itself does not on reads).  The walk only compares their ids;
	 * the documents a command then reads are verified as before.  (A
	 * libgit2 option is process-wide: another thread reading meanwhile
	 * may skip a check too, never read wrong memory.) */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	if (git_revwalk_new(&walk, st->repo) ||
	    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME) ||
	    git_revwalk_push(walk, git_commit_id(start)) ||
	    (stop && git_revwalk_hide(walk, git_commit_id(stop)))) {
		rc = git_fail(err, st->dir, "cannot walk the history");
		goto cleanup;
	}
	git_oid oid;
	while (git_revwalk_next(&oid, walk) == 0) {
		git_commit *c;
		if (git_commit_lookup(&c, st->repo, &oid)) {
			rc = git_fail(err, st->dir, "cannot read a commit");
			goto cleanup;
		}
		if (cnt == cap) {
			size_t ncap = cap ? cap * 2 : 32;
			yoy_commit_info *nv = realloc(v, ncap * sizeof *nv);
			if (!nv) {
				git_commit_free(c);
				rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
				goto cleanup;
			}
			v = nv;
			cap = ncap;
		}
		yoy_commit_info *ci = &v[cnt];
		memset(ci, 0, sizeof *ci);
		bool touched;
		rc = cache ? cached_files(st, cache, &memo, c, ci, &touched, err)
			   : changed_files(st, &memo, c, ci, &touched, err);
		if (!rc && (touched || !*dir)) {
			git_oid_tostr(ci->id, sizeof ci->id, &oid);
			ci->time = (int64_t)git_commit_time(c);
			ci->parents = (int)git_commit_parentcount(c);
			if (ci->parents)
				git_oid_tostr(ci->parent, sizeof ci->parent, git_commit_parent_id(c, 0));
			ci->message = strdup(git_commit_message(c) ? git_commit_message(c) : "");
			cnt++;
			if (!ci->message)
				rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
		}
		git_commit_free(c);
		if (rc)
			goto cleanup;
	}
cleanup:
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 1);
	if (cache && !rc)
		change_cache_save(cache); /* a cache: not saved is computed again */
	change_cache_free(cache);
	free(memo.v);
	git_revwalk_free(walk);
	git_commit_free(start);
	git_commit_free(stop);
	if (rc) {
		yoy_commit_infos_free(v, cnt);
		return rc;
	}
	*out = v;
	*n = cnt;
	return 0;
}

/* ---- gc ------------------------------------------------------------------ */

typedef struct file_list {
	char **v;
	size_t n, cap;
	int64_t bytes;
	bool oom;
} file_list;

static void list_add(file_list *l, const char *dir, const char *name, int64_t size)
{
	char *p = NULL;
	if (asprintf(&p, "%s/%s", dir, name) < 0 || !VEC_PUSH(l->v, l->n, l->cap, p)) {
		free(p);
		l->oom = true;
		return;
	}
	l->bytes += size;
}

/* Files of objects/ (loose objects, packs and their indexes) into l when
 * l->v is wanted, their bytes counted in any case. */
static void object_files(const char *objects, file_list *l, bool keep)
{
	DIR *d = opendir(objects);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		bool loose = strlen(e->d_name) == 2 && isxdigit((unsigned char)e->d_name[0]) &&
			     isxdigit((unsigned char)e->d_name[1]);
		if (!loose && strcmp(e->d_name, "pack") != 0)
			continue;
		char sub[4096];
		snprintf(sub, sizeof sub, "%s/%s", objects, e->d_name);
		DIR *s = opendir(sub);
		struct dirent *f;
		while (s && (f = readdir(s))) {
			struct stat sb;
			char path[4096 + 256];
			snprintf(path, sizeof path, "%s/%s", sub, f->d_name);
			if (f->d_name[0] == '.' || stat(path, &sb) || !S_ISREG(sb.st_mode))
				continue;
			if (!loose && !str_starts(f->d_name, "pack-"))
				continue; /* a writer's temporary file */
			if (keep)
				list_add(l, sub, f->d_name, (int64_t)sb.st_size);
			else
				l->bytes += (int64_t)sb.st_size;
		}
		if (s)
			closedir(s);
	}
	if (d)
		closedir(d);
}

static int insert_object(const git_oid *id, void *payload)
{
	return git_packbuilder_insert(payload, id, NULL);
}

int yoy_store_gc(yoy_store *st, yoy_gc_stats *out, yoy_error *err)
{
	memset(out, 0, sizeof *out);
	char objects[4096];
	const char *gitdir = git_repository_path(st->repo); /* ends in '/' */
	snprintf(objects, sizeof objects, "%s%sobjects", gitdir,
		 str_ends(gitdir, "/") ? "" : "/");
	file_list before = { 0 };
	object_files(objects, &before, true);
	out->bytes_before = before.bytes;
	git_packbuilder *pb = NULL;
	int rc = 0;
	if (before.oom) {
		rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
		goto cleanup;
	}
	if (git_packbuilder_new(&pb, st->repo)) {
		rc = git_fail(err, st->dir, "cannot start a pack");
		goto cleanup;
	}
	git_packbuilder_set_threads(pb, 0); /* as many as the CPUs */
	if (git_odb_foreach(st->odb, insert_object, pb)) {
		rc = git_fail(err, st->dir, "cannot list the objects");
		goto cleanup;
	}
	out->objects = git_packbuilder_object_count(pb);
	if (git_packbuilder_write(pb, NULL, 0, NULL, NULL)) {
		rc = git_fail(err, st->dir, "cannot write the pack");
		goto cleanup;
	}
	/* the new pack is on disk (synced): what it replaces can go, but not
	 * itself when it came out the same as a pack already there */
	char keep[64];
	snprintf(keep, sizeof keep, "pack-%s.", git_packbuilder_name(pb));
	for (size_t i = 0; i < before.n; i++) {
		const char *base = strrchr(before.v[i], '/') + 1;
		if (str_starts(base, keep))
			continue;
		if (unlink(before.v[i]) == 0)
			out->files_removed++;
		*strrchr(before.v[i], '/') = '\0'; /* its directory */
		if (!str_ends(before.v[i], "/pack"))
			rmdir(before.v[i]); /* a loose objects directory, if now empty */
	}
	if (git_odb_refresh(st->odb)) {
		rc = git_fail(err, st->dir, "cannot read the new pack");
		goto cleanup;
	}
	file_list after = { 0 };
	object_files(objects, &after, false);
	out->bytes_after = after.bytes;
cleanup:
	git_packbuilder_free(pb);
	for (size_t i = 0; i < before.n; i++)
		free(before.v[i]);
	free(before.v);
	return rc;
}

/* ---- remotes ------------------------------------------------------------- */

#define REMOTE_BRANCH_FMT "refs/remotes/%s/main"
#define FETCHED_URL_REF "refs/yoy/fetched"

static int remote_fail(yoy_error *err, const char *remote, const char *what)
{
	const git_error *e = git_error_last();
	return yoy_error_set(err, YOY_EREMOTE, "%s: %s: %s", remote, what,
			     e && e->message ? e->message : "unknown error");
}

int yoy_store_remotes(yoy_store *st, char ***names, char ***urls, size_t *n, yoy_error *err)
{
	*names = *urls = NULL;
	*n = 0;
	git_strarray list = { 0 };
	if (git_remote_list(&list, st->repo))
		return git_fail(err, st->dir, "cannot read the remotes");
	char **nv = calloc(list.count + 1, sizeof *nv), **uv = calloc(list.count + 1, sizeof *uv);
	int rc = 0;
	size_t k = 0;
	for (size_t i = 0; nv && uv && i < list.count; i++) {
		git_remote *r = NULL;
		if (git_remote_lookup(&r, st->repo, list.strings[i]))
			continue;
		nv[k] = strdup(list.strings[i]);
		uv[k] = strdup(git_remote_url(r) ? git_remote_url(r) : "");
		git_remote_free(r);
		if (!nv[k] || !uv[k]) {
			k++;
			break;
		}
		k++;
	}
	if (!nv || !uv || (k && (!nv[k - 1] || !uv[k - 1]))) {
		yoy_strings_free(nv, k);
		yoy_strings_free(uv, k);
		rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
	} else {
		*names = nv;
		*urls = uv;
		*n = k;
	}
	git_strarray_dispose(&list);
	return rc;
}

int yoy_store_remote_add(yoy_store *st, const char *name, const char *url, yoy_error *err)
{
	int valid = 0;
	if (git_remote_name_is_valid(&valid, name) || !valid || strcmp(name, "yoy") == 0)
		return yoy_error_set(err, YOY_EUSAGE, "'%s' is not a valid remote name", name);
	git_remote *r = NULL;
	if (git_remote_lookup(&r, st->repo, name) == 0) {
		git_remote_free(r);
		return yoy_error_set(err, YOY_EUSAGE, "%s: a remote named '%s' exists already",
				     st->dir, name);
	}
	char spec[512];
	snprintf(spec, sizeof spec, "+refs/heads/main:" REMOTE_BRANCH_FMT, name);
	if (git_remote_create_with_fetchspec(&r, st->repo, name, url, spec))
		return git_fail(err, st->dir, "cannot add the remote");
	git_remote_free(r);
	return 0;
}

int yoy_store_remote_remove(yoy_store *st, const char *name, yoy_error *err)
{
	git_remote *r = NULL;
	if (git_remote_lookup(&r, st->repo, name))
		return yoy_error_set(err, YOY_EUSAGE, "%s: no remote named '%s'", st->dir, name);
	git_remote_free(r);
	if (git_remote_delete(st->repo, name))
		return git_fail(err, st->dir, "cannot remove the remote");
	return 0;
}

/* What the callbacks of one transfer share. */
typedef struct transfer {
	yoy_store_progress progress;
	void *payload;
	int credential_tries;
	char *rejected; /* a ref the remote refused, with its reason (heap) */
} transfer;

/* Ask the ssh agent, or git's credential helpers (git credential fill),
 * once; a second call for the same transfer means they were refused. */
static int credentials(git_credential **out, const char *url, const char *user_from_url,
		       unsigned int allowed, void *payload)
{
	transfer *t = payload;
	if (t->credential_tries++ > 0)
		return GIT_EAUTH;
	if (allowed & GIT_CREDENTIAL_SSH_KEY) {
		const char *user = user_from_url ? user_from_url : getenv("USER");
		return git_credential_ssh_key_from_agent(out, user ? user : "git");
	}
	if (allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT) {
		char *user = NULL, *password = NULL;
		if (yoy_credential_fill(url, user_from_url, &user, &password))
			return GIT_PASSTHROUGH;
		int rc = git_credential_userpass_plaintext_new(out, user, password);
		explicit_bzero(password, strlen(password));
		free(user);
		free(password);
		return rc;
	}
	return GIT_PASSTHROUGH;
}

static int indexer_progress(const git_indexer_progress *p, void *payload)
{
	transfer *t = payload;
	if (t->progress)
		t->progress(p->received_objects, p->total_objects, t->payload);
	return 0;
}

static int push_progress(unsigned int current, unsigned int total, size_t bytes, void *payload)
{
	(void)bytes;
	transfer *t = payload;
	if (t->progress)
		t->progress(current, total, t->payload);
	return 0;
}

static int push_update(const char *refname, const char *status, void *payload)
{
	transfer *t = payload;
	if (status && !t->rejected && asprintf(&t->rejected, "%s: %s", refname, status) < 0)
		t->rejected = NULL;
	return 0;
}

static void transfer_callbacks(git_remote_callbacks *cb, transfer *t)
{
	cb->credentials = credentials;
	cb->transfer_progress = indexer_progress;
	cb->push_transfer_progress = push_progress;
	cb->push_update_reference = push_update;
	cb->payload = t;
}

/* Before a connection: the certificates git_init() deferred, parsed now. */
static int tls_ready(const char *url, yoy_error *err)
{
	pthread_mutex_lock(&tls_lock);
	int rc = 0;
	if ((tls_file || tls_dir) &&
	    git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, tls_file, tls_dir))
		rc = remote_fail(err, url, "cannot load the system's TLS certificates");
	free(tls_file);
	free(tls_dir);
	tls_file = tls_dir = NULL;
	pthread_mutex_unlock(&tls_lock);
	return rc;
}

/* remote as a configured name, else as a URL (anonymous).  *tracking is
 * the ref its main is fetched into. */
static int open_remote(yoy_store *st, const char *remote, git_remote **out, char *tracking,
		       size_t size, yoy_error *err)
{
	int rc = tls_ready(remote, err);
	if (rc)
		return rc;
	if (git_remote_lookup(out, st->repo, remote) == 0) {
		snprintf(tracking, size, REMOTE_BRANCH_FMT, remote);
		return 0;
	}
	if (!strstr(remote, "://") && !strchr(remote, ':') && access(remote, F_OK) != 0)
		return yoy_error_set(err, YOY_EUSAGE,
			"%s: no remote named '%s' (yoy remote add NAME URL), and no such "
			"directory", st->dir, remote);
	if (git_remote_create_anonymous(out, st->repo, remote))
		return remote_fail(err, remote, "not a remote yoy can reach");
	snprintf(tracking, size, "%s", FETCHED_URL_REF);
	return 0;
}

/* One pull or push at a time in a history: an flock, which the system
 * drops when its process dies.  Holding it, a lock file left on the
 * remote-tracking ref can only be a killed pull's or push's (nothing but
 * they write that ref), and is removed, so the next run completes.
 * Returns the descriptor to pass to remote_unguard, or -1 (*err says). */
static int remote_guard(yoy_store *st, const char *tracking, yoy_error *err)
{
	char path[4096];
	snprintf(path, sizeof path, "%syoy-remote.lock", git_repository_path(st->repo));
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0) {
		yoy_error_set(err, YOY_ESTORE, "%s: cannot open %s: %s", st->dir, path,
			      strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		close(fd);
		yoy_error_set(err, YOY_ESTORE, "%s: another yoy pull or push is running in this "
			      "history; try again when it is done", st->dir);
		return -1;
	}
	snprintf(path, sizeof path, "%s%s.lock", git_repository_path(st->repo), tracking);
	unlink(path);
	return fd;
}

static void remote_unguard(int fd)
{
	if (fd >= 0)
		close(fd); /* releases the flock */
}

int yoy_store_fetch(yoy_store *st, const char *remote, char id[41],
		    yoy_store_progress progress, void *payload, yoy_error *err)
{
	id[0] = '\0';
	git_remote *r = NULL;
	char tracking[512];
	int rc = open_remote(st, remote, &r, tracking, sizeof tracking, err);
	if (rc)
		return rc;
	int guard = remote_guard(st, tracking, err);
	if (guard < 0) {
		git_remote_free(r);
		return YOY_ESTORE;
	}
	char spec[600];
	snprintf(spec, sizeof spec, "+refs/heads/main:%s", tracking);
	char *specs[] = { spec };
	git_strarray refspecs = { specs, 1 };
	transfer t = { progress, payload, 0, NULL };
	git_fetch_options opts;
	git_fetch_options_init(&opts, GIT_FETCH_OPTIONS_VERSION);
	transfer_callbacks(&opts.callbacks, &t);
	opts.prune = GIT_FETCH_NO_PRUNE;
	opts.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
	if (git_remote_fetch(r, &refspecs, &opts, "yoy pull")) {
		rc = remote_fail(err, remote, t.credential_tries > 1
					 ? "the remote refused the credentials"
					 : "cannot fetch");
		goto cleanup;
	}
	git_oid oid;
	if (git_reference_name_to_id(&oid, st->repo, tracking) == 0) {
		/* what we fetched, whatever the remote has since */
		const git_remote_head **heads;
		size_t nh = 0;
		bool has_main = false;
		if (git_remote_ls(&heads, &nh, r) == 0)
			for (size_t i = 0; i < nh; i++)
				if (strcmp(heads[i]->name, "refs/heads/main") == 0)
					has_main = true;
		if (has_main)
			git_oid_tostr(id, 41, &oid);
	}
	git_odb_refresh(st->odb);
cleanup:
	remote_unguard(guard);
	git_remote_free(r);
	return rc;
}

int yoy_store_push(yoy_store *st, const char *remote, yoy_store_progress progress,
		   void *payload, yoy_error *err)
{
	if (tip_empty(st))
		return yoy_error_set(err, YOY_ESTORE, "%s: the history is empty: nothing to push",
				     st->dir);
	git_remote *r = NULL;
	char tracking[512];
	int rc = open_remote(st, remote, &r, tracking, sizeof tracking, err);
	if (rc)
		return rc;
	int guard = remote_guard(st, tracking, err);
	if (guard < 0) {
		git_remote_free(r);
		return YOY_ESTORE;
	}
	char *specs[] = { "refs/heads/main:refs/heads/main" };
	git_strarray refspecs = { specs, 1 };
	transfer t = { progress, payload, 0, NULL };
	git_push_options opts;
	git_push_options_init(&opts, GIT_PUSH_OPTIONS_VERSION);
	transfer_callbacks(&opts.callbacks, &t);
	int r2 = git_remote_push(r, &refspecs, &opts);
	if (r2 == GIT_ENONFASTFORWARD || (r2 == 0 && t.rejected)) {
		rc = yoy_error_set(err, YOY_EREMOTE,
			"%s: push refused: the remote's history has commits this one does not "
			"(%s); run 'yoy pull %s' to merge them, then push again", remote,
			t.rejected ? t.rejected : "not a fast-forward", remote);
	} else if (r2) {
		rc = remote_fail(err, remote, t.credential_tries > 1
					 ? "the remote refused the credentials"
					 : "cannot push");
	}
	free(t.rejected);
	remote_unguard(guard);
	git_remote_free(r);
	return rc;
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	if (ftw->level > 0)
		remove(path);
	return 0;
}

/* Undo a clone that failed after writing: dir's contents, and dir too
 * unless it was there before. */
static void remove_tree(const char *dir, bool keep_dir)
{
	nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	if (!keep_dir)
		rmdir(dir);
}

int yoy_store_clone(const char *url, const char *dir, yoy_store_progress progress,
		    void *payload, yoy_error *err)
{
	git_init();
	struct stat sb;
	bool existed = stat(dir, &sb) == 0;
	if (existed && !may_create(dir)) {
		git_libgit2_shutdown();
		return yoy_error_set(err, YOY_ESTORE, "%s: exists and is not empty", dir);
	}
	int tls = tls_ready(url, err);
	if (tls) {
		git_libgit2_shutdown();
		return tls;
	}
	transfer t = { progress, payload, 0, NULL };
	git_clone_options opts;
	git_clone_options_init(&opts, GIT_CLONE_OPTIONS_VERSION);
	opts.bare = 1;
	/* not opts.checkout_branch: libgit2 1.5 fails a bare clone with it
	 * (GIT_ENOTFOUND, no message); main is set up below instead */
	transfer_callbacks(&opts.fetch_opts.callbacks, &t);
	opts.fetch_opts.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
	git_repository *repo = NULL;
	git_reference *main_ref = NULL, *theirs = NULL;
	git_config *cfg = NULL;
	int rc = 0;
	if (git_clone(&repo, url, dir, &opts)) {
		rc = remote_fail(err, url, t.credential_tries > 1
				 ? "the remote refused the credentials" : "cannot clone");
		goto cleanup;
	}
	if (git_reference_lookup(&theirs, repo, "refs/remotes/origin/main")) {
		rc = yoy_error_set(err, YOY_EREMOTE, "%s: holds no yoy history (no branch main)%s",
				   url, " -- a new shared history gets one from the first yoy push");
		goto cleanup;
	}
	/* our branch main at theirs; fetch only main from now on, as yoy
	 * remote add does */
	if (git_reference_create(&main_ref, repo, BRANCH, git_reference_target(theirs), 1,
				 "yoy clone") ||
	    git_repository_set_head(repo, BRANCH) || git_repository_config(&cfg, repo) ||
	    git_config_delete_multivar(cfg, "remote.origin.fetch", ".*") ||
	    git_remote_add_fetch(repo, "origin", "+refs/heads/main:refs/remotes/origin/main"))
		rc = git_fail(err, dir, "cannot set up the copy");
cleanup:
	git_config_free(cfg);
	git_reference_free(main_ref);
	git_reference_free(theirs);
	git_repository_free(repo);
	git_libgit2_shutdown();
	if (rc && repo)
		remove_tree(dir, existed);
	return rc;
}

/* ---- merging what a pull brought ------------------------------------------ */

int yoy_store_merge_base(yoy_store *st, const char *a, const char *b, char id[41],
			 yoy_error *err)
{
	id[0] = '\0';
	git_oid oa, ob, base;
	if (git_oid_fromstr(&oa, a) || git_oid_fromstr(&ob, b))
		return yoy_error_set(err, YOY_EINTERNAL, "bad commit id");
	int rc = git_merge_base(&base, st->repo, &oa, &ob);
	if (rc == GIT_ENOTFOUND)
		return 1;
	if (rc)
		return git_fail(err, st->dir, "cannot find the common history");
	git_oid_tostr(id, 41, &base);
	return 0;
}

static int commit_tree_of(yoy_store *st, const char *id, git_tree **out, yoy_error *err)
{
	*out = NULL;
	if (!id || !*id)
		return 0;
	git_oid oid;
	git_commit *c = NULL;
	if (git_oid_fromstr(&oid, id))
		return yoy_error_set(err, YOY_EINTERNAL, "bad commit id %s", id);
	int rc = 0;
	if (git_commit_lookup(&c, st->repo, &oid) || git_commit_tree(out, c))
		rc = git_fail(err, st->dir, "cannot read a commit");
	git_commit_free(c);
	return rc;
}

int yoy_store_tree_diff(yoy_store *st, const char *a, const char *b,
			yoy_tree_change **out, size_t *n, yoy_error *err)
{
	*out = NULL;
	*n = 0;
	git_tree *ta = NULL, *tb = NULL;
	git_diff *diff = NULL;
	yoy_tree_change *v = NULL;
	size_t cnt = 0;
	int rc = commit_tree_of(st, a, &ta, err);
	if (!rc)
		rc = commit_tree_of(st, b, &tb, err);
	if (rc)
		goto cleanup;
	if (git_diff_tree_to_tree(&diff, st->repo, ta, tb, NULL)) {
		rc = git_fail(err, st->dir, "cannot compare two commits");
		goto cleanup;
	}
	size_t nd = git_diff_num_deltas(diff);
	v = calloc(nd ? nd : 1, sizeof *v);
	if (!v) {
		rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
		goto cleanup;
	}
	for (; cnt < nd; cnt++) {
		const git_diff_delta *d = git_diff_get_delta(diff, cnt);
		bool added = d->status == GIT_DELTA_ADDED, removed = d->status == GIT_DELTA_DELETED;
		v[cnt].path = strdup(removed ? d->old_file.path : d->new_file.path);
		if (!v[cnt].path) {
			rc = yoy_error_set(err, YOY_ENOMEM, "out of memory");
			goto cleanup;
		}
		if (!added)
			git_oid_tostr(v[cnt].old_id, 41, &d->old_file.id);
		if (!removed)
			git_oid_tostr(v[cnt].new_id, 41, &d->new_file.id);
	}
	/* git's order is by path already, byte by byte */
cleanup:
	git_diff_free(diff);
	git_tree_free(ta);
	git_tree_free(tb);
	if (rc) {
		yoy_tree_changes_free(v, cnt);
		return rc;
	}
	*out = v;
	*n = cnt;
	return 0;
}

/* Move the branch from (NULL: unborn) to target, by compare-and-swap.
 * Returns 0, 1 when it was moved meanwhile, or an error. */
static int move_branch(yoy_store *st, const git_oid *from, const git_oid *target,
		       const char *why, yoy_error *err)
{
	git_reference *moved = NULL;
	int r = from ? git_reference_create_matching(&moved, st->repo, BRANCH, target, 1, from, why)
		     : create_first(st, &moved, target); /* an empty history: as an import's */
	git_reference_free(moved);
	if (r == GIT_EMODIFIED || r == GIT_EEXISTS || r == GIT_ELOCKED)
		return 1;
	if (r)
		return git_fail(err, st->dir, "cannot update the branch");
	git_commit_free(st->tip); /* read the new tip when next asked */
	st->tip = NULL;
	st->tip_known = false;
	return 0;
}

int yoy_store_advance(yoy_store *st, const char *from, const char *to, yoy_error *err)
{
	git_oid f, t;
	if ((from && *from && git_oid_fromstr(&f, from)) || git_oid_fromstr(&t, to))
		return yoy_error_set(err, YOY_EINTERNAL, "bad commit id");
	git_commit *c = NULL;
	if (git_commit_lookup(&c, st->repo, &t))
		return git_fail(err, st->dir, "cannot read the fetched commit");
	git_commit_free(c);
	return move_branch(st, from && *from ? &f : NULL, &t, "yoy pull: fast-forward", err);
}

int yoy_store_commit_merge(yoy_store *st, const char *ours, const char *theirs,
			   const yoy_store_change *changes, size_t n, const char *message,
			   char id[41], yoy_error *err)
{
	id[0] = '\0';
	git_oid o, t, tree_id, commit_id;
	git_commit *parents[2] = { NULL, NULL };
	git_tree *base = NULL, *tree = NULL;
	git_signature *sig = NULL;
	git_oid *blobs = calloc(n ? n : 1, sizeof *blobs);
	int rc = 0;
	if (!blobs)
		return yoy_error_set(err, YOY_ENOMEM, "out of memory");
	if (git_oid_fromstr(&o, ours) || git_oid_fromstr(&t, theirs)) {
		rc = yoy_error_set(err, YOY_EINTERNAL, "bad commit id");
		goto cleanup;
	}
	if (git_commit_lookup(&parents[0], st->repo, &o) ||
	    git_commit_lookup(&parents[1], st->repo, &t) || git_commit_tree(&base, parents[0])) {
		rc = git_fail(err, st->dir, "cannot read the commits to merge");
		goto cleanup;
	}
	if ((rc = write_blobs(st, changes, n, blobs, err)) ||
	    (rc = tree_with_changes(st, base, changes, n, blobs, &tree_id, err)))
		goto cleanup;
	if (signature(&sig, st->repo)) {
		rc = git_fail(err, st->dir, "cannot make a commit signature");
		goto cleanup;
	}
	if (git_tree_lookup(&tree, st->repo, &tree_id) ||
	    git_commit_create(&commit_id, st->repo, NULL, sig, sig, "UTF-8", message, tree, 2,
			      (const git_commit **)parents)) {
		rc = git_fail(err, st->dir, "cannot write the merge commit");
		goto cleanup;
	}
	rc = move_branch(st, &o, &commit_id, "yoy pull: merge", err);
	if (rc == 0)
		git_oid_tostr(id, 41, &commit_id);
cleanup:
	git_signature_free(sig);
	git_tree_free(tree);
	git_tree_free(base);
	git_commit_free(parents[0]);
	git_commit_free(parents[1]);
	free(blobs);
	return rc;
}

static const yoy_git_module module = {
	{ YOY_GIT_MODULE_ABI, YOY_VERSION },
	yoy_store_open, yoy_store_free, yoy_store_dir, yoy_store_resolve, yoy_store_read,
	yoy_store_list_depth, yoy_store_entries, yoy_object_new_blob, yoy_object_free,
	yoy_object_id, yoy_store_add, yoy_store_file_id, yoy_store_commit,
	yoy_store_log_scoped, yoy_store_remotes, yoy_store_remote_add,
	yoy_store_remote_remove, yoy_store_fetch, yoy_store_push, yoy_store_clone,
	yoy_store_merge_base, yoy_store_tree_diff, yoy_store_advance,
	yoy_store_commit_merge, yoy_store_gc, yoy_object_hash_blob, yoy_store_blob_ids,
};

/* The one symbol the module exports (git_module.map). */
const yoy_module_head *yoy_git_module_entry(void);
const yoy_module_head *yoy_git_module_entry(void)
{
	return &module.head;
}
