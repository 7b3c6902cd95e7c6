/* SHA-1 and SHA-256 from nettle (digest.c is the only file that includes
 * it): pack and index checksums (pack.c), source fingerprints
 * (source.c) and the change cache's sums (changes.c).  Git object ids are not made here but by libgit2's
 * collision-detecting SHA-1 (store.c, yoy_git_object_id). */
#ifndef YOY_DIGEST_H
#define YOY_DIGEST_H

#include <stddef.h>

/* Room for nettle's context, kept out of this header (digest.c checks it
 * fits). */
typedef struct digest_sha1 {
	_Alignas(16) unsigned char opaque[128];
} digest_sha1;

void digest_sha1_init(digest_sha1 *c);
void digest_sha1_update(digest_sha1 *c, const void *data, size_t len);
/* The digest, 20 bytes; c may be reused after digest_sha1_init. */
void digest_sha1_final(digest_sha1 *c, unsigned char out[20]);

/* Hex SHA-1 of data into out (40 digits and a NUL). */
void sha1_hex(const void *data, size_t len, char out[41]);

/* Hex SHA-256 of data into out (64 digits and a NUL). */
void sha256_hex(const void *data, size_t len, char out[65]);

#endif
