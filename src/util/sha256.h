/* SHA-256 (FIPS 180-4), used to fingerprint source files. */
#ifndef YOY_SHA256_H
#define YOY_SHA256_H

#include <stddef.h>
#include <stdint.h>

#include "hashblock.h"

typedef struct sha256_ctx {
	uint32_t state[8];
	hash_feed feed;
} sha256_ctx;

void sha256_init(sha256_ctx *c);
void sha256_update(sha256_ctx *c, const void *data, size_t len);
void sha256_final(sha256_ctx *c, unsigned char digest[32]);
/* Hex digest of data into out (65 bytes with the NUL). */
void sha256_hex(const void *data, size_t len, char out[65]);

#endif
