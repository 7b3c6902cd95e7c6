/* Git objects made ready off the store's thread, and packfiles of them
 * written by yoy itself (pack.c is the only file that includes
 * libdeflate.h).
 *
 * Why: a loose object is a file, and an import of a province's
 * disclosures makes two per document and as many trees again; creating
 * those files was a third of an import's time.  One packfile and its index
 * are two files, and git, libgit2 and `git clone` read them as they read
 * any pack (format: git's Documentation/gitformat-pack.txt, version 2,
 * whole objects, no deltas; `git gc` may delta them later). */
#ifndef YOY_PACK_H
#define YOY_PACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yoy/error.h"

/* git's object type numbers, as a pack stores them */
enum { YOY_GIT_COMMIT = 1, YOY_GIT_TREE = 2, YOY_GIT_BLOB = 3, YOY_GIT_TAG = 4 };

/* One object, hashed and compressed, as it will sit in a pack. */
struct yoy_object {
	unsigned char id[20];
	char hex[41];
	int type;
	uint64_t size;          /* bytes of content */
	unsigned char *entry;   /* heap: the pack entry (type and size header,
				 * then the deflated content) */
	size_t entry_len;
	uint32_t crc;           /* CRC-32 of the entry, for the pack index */
};
typedef struct yoy_object yoy_object;

/* The id git gives data as an object of type (YOY_GIT_*), from libgit2's
 * own hashing (git_odb_hash: SHA-1 with collision detection, as git uses
 * since SHAttered).  Defined in store.c, the file that holds libgit2.
 * Returns 0 or YOY_ESTORE.  Safe on any thread. */
int yoy_git_object_id(unsigned char id[20], int type, const void *data, size_t len);

/* Hash data as a git object of type and compress it into o->entry, which
 * yoy_object_clear frees.  Safe on any thread. */
int yoy_object_make(yoy_object *o, int type, const void *data, size_t len,
		    yoy_error *err);
void yoy_object_clear(yoy_object *o);

/* A packfile being written: entries go to a temporary file in the
 * objects directory (tmp_yoy_pack_*, where git looks for no objects and
 * `git prune` clears temporary files) until installed in objects/pack. */
typedef struct yoy_pack yoy_pack;

/* Start a pack in objects_dir (a repository's objects/).  Temporary files
 * a killed writer left there over an hour ago are removed.  *out is freed
 * with yoy_pack_free. */
int yoy_pack_new(yoy_pack **out, const char *objects_dir, yoy_error *err);

/* Append o unless the pack holds it already. */
int yoy_pack_add(yoy_pack *p, const yoy_object *o, yoy_error *err);

/* Whether the pack holds id; if so *type and *size are its. */
bool yoy_pack_lookup(const yoy_pack *p, const unsigned char id[20], int *type,
		     uint64_t *size);

/* Inflate the content of id, which the pack holds and whose size is
 * size, into buf. */
int yoy_pack_read(const yoy_pack *p, const unsigned char id[20], void *buf,
		  uint64_t size, yoy_error *err);

/* The objects held, in the order added: i from 0 to yoy_pack_count - 1. */
size_t yoy_pack_count(const yoy_pack *p);
const unsigned char *yoy_pack_id(const yoy_pack *p, size_t i);

/* Finish the pack (object count, checksum), write its index, and move both
 * into place as pack-<checksum>.pack and .idx, the index last, so a reader
 * sees the pack whole or not at all.  After this yoy_pack_free only frees. */
int yoy_pack_install(yoy_pack *p, yoy_error *err);

/* Free p; a pack not installed is removed. */
void yoy_pack_free(yoy_pack *p);

#endif
