/* Hashing through nettle (digest.h); the only file that includes it.
 * Nettle picks the CPU's SHA instructions itself where there are any. */
#include "digest.h"

#include <nettle/sha1.h>
#include <nettle/sha2.h>
#include <stdio.h>

_Static_assert(sizeof(struct sha1_ctx) <= sizeof(((digest_sha1 *)0)->opaque),
	       "digest_sha1 too small for nettle's sha1_ctx");

void digest_sha1_init(digest_sha1 *c)
{
	sha1_init((struct sha1_ctx *)c->opaque);
}

void digest_sha1_update(digest_sha1 *c, const void *data, size_t len)
{
	sha1_update((struct sha1_ctx *)c->opaque, len, data);
}

void digest_sha1_final(digest_sha1 *c, unsigned char out[20])
{
	sha1_digest((struct sha1_ctx *)c->opaque, SHA1_DIGEST_SIZE, out);
}

void sha1_hex(const void *data, size_t len, char out[41])
{
	digest_sha1 c;
	unsigned char d[20];
	digest_sha1_init(&c);
	digest_sha1_update(&c, data, len);
	digest_sha1_final(&c, d);
	for (size_t i = 0; i < sizeof d; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

void sha256_hex(const void *data, size_t len, char out[65])
{
	struct sha256_ctx c;
	unsigned char d[SHA256_DIGEST_SIZE];
	sha256_init(&c);
	sha256_update(&c, len, data);
	sha256_digest(&c, sizeof d, d);
	for (size_t i = 0; i < sizeof d; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}
