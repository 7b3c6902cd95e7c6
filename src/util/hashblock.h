/* What SHA-1 and SHA-256 share (FIPS 180-4): input fed in 64-byte blocks,
 * and the padding that ends it with the length in bits, big-endian. */
#ifndef YOY_HASHBLOCK_H
#define YOY_HASHBLOCK_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Compress nblocks whole blocks at p into state. */
typedef void hash_blocks_fn(uint32_t *state, const unsigned char *p, size_t nblocks);

typedef struct hash_feed {
	uint64_t length;        /* bytes fed so far */
	unsigned char block[64];
	size_t fill;            /* bytes waiting in block */
} hash_feed;

static inline void hash_feed_update(hash_feed *f, uint32_t *state, hash_blocks_fn *blocks,
				    const void *data, size_t len)
{
	const unsigned char *p = data;
	f->length += len;
	if (f->fill) {
		size_t take = 64 - f->fill < len ? 64 - f->fill : len;
		memcpy(f->block + f->fill, p, take);
		f->fill += take;
		p += take;
		len -= take;
		if (f->fill < 64)
			return;
		blocks(state, f->block, 1);
		f->fill = 0;
	}
	blocks(state, p, len / 64);
	p += len / 64 * 64;
	memcpy(f->block, p, len % 64);
	f->fill = len % 64;
}

/* 0x80, zeros up to 56 bytes into a block, then the length in bits. */
static inline void hash_feed_finish(hash_feed *f, uint32_t *state, hash_blocks_fn *blocks)
{
	uint64_t bits = f->length * 8;
	unsigned char pad[72] = { 0x80 };
	size_t npad = (f->fill < 56 ? 56 : 120) - f->fill;
	for (int i = 0; i < 8; i++)
		pad[npad + (size_t)i] = (unsigned char)(bits >> (56 - 8 * i));
	hash_feed_update(f, state, blocks, pad, npad + 8);
}

/* The state words as the digest: big-endian. */
static inline void hash_digest(const uint32_t *state, size_t nwords, unsigned char *out)
{
	for (size_t i = 0; i < nwords; i++) {
		out[4 * i] = (unsigned char)(state[i] >> 24);
		out[4 * i + 1] = (unsigned char)(state[i] >> 16);
		out[4 * i + 2] = (unsigned char)(state[i] >> 8);
		out[4 * i + 3] = (unsigned char)state[i];
	}
}

#endif
