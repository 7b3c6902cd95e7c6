/* SHA-1 (FIPS 180-4): git's object ids and pack checksums, for the
 * packfiles yoy writes itself (pack.c).  Not for anything secret. */
#ifndef YOY_SHA1_H
#define YOY_SHA1_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hashblock.h"

typedef struct sha1_ctx {
	uint32_t state[5];
	hash_feed feed;
} sha1_ctx;

void sha1_init(sha1_ctx *c);
void sha1_update(sha1_ctx *c, const void *data, size_t len);
void sha1_final(sha1_ctx *c, unsigned char digest[20]);

/* Whether the CPU's SHA instructions may be used (they are by default,
 * when present); tests turn them off to check the portable code.
 * Returns whether they are used now.  Not for use while hashing. */
bool sha1_set_hardware(bool allowed);

#endif
