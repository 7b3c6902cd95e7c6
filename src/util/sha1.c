/* SHA-1 written from the FIPS 180-4 specification, and with the x86 SHA
 * extensions where the CPU has them (four times the speed: an import
 * hashes every byte it stores). */
#include "sha1.h"

#include <pthread.h>
#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>
#include <immintrin.h>
#define HAVE_SHA_NI 1
#endif

static inline uint32_t rotl(uint32_t x, int n)
{
	return (x << n) | (x >> (32 - n));
}

/* The 80 rounds unrolled, the schedule kept in 16 words: straight-line
 * code the compiler keeps in registers (3x the speed of a rolled loop,
 * and hashing is much of an import's work). */
#define W(i) (w[(i) & 15] = rotl(w[((i) + 13) & 15] ^ w[((i) + 8) & 15] ^ \
				  w[((i) + 2) & 15] ^ w[(i) & 15], 1))
#define ROUND(a, b, c, d, e, f, k, wi)                    \
	do {                                              \
		e += rotl(a, 5) + (f) + (k) + (wi);       \
		b = rotl(b, 30);                          \
	} while (0)
#define F1(b, c, d) (d ^ (b & (c ^ d)))
#define F2(b, c, d) (b ^ c ^ d)
#define F3(b, c, d) ((b & c) | (d & (b | c)))
#define R0(a, b, c, d, e, i) ROUND(a, b, c, d, e, F1(b, c, d), 0x5a827999, w[i])
#define R1(a, b, c, d, e, i) ROUND(a, b, c, d, e, F1(b, c, d), 0x5a827999, W(i))
#define R2(a, b, c, d, e, i) ROUND(a, b, c, d, e, F2(b, c, d), 0x6ed9eba1, W(i))
#define R3(a, b, c, d, e, i) ROUND(a, b, c, d, e, F3(b, c, d), 0x8f1bbcdc, W(i))
#define R4(a, b, c, d, e, i) ROUND(a, b, c, d, e, F2(b, c, d), 0xca62c1d6, W(i))
/* five rounds rotate the roles of a..e back to where they were */
#define FIVE(R, i)                      \
	do {                            \
		R(a, b, c, d, e, i);    \
		R(e, a, b, c, d, i + 1); \
		R(d, e, a, b, c, i + 2); \
		R(c, d, e, a, b, i + 3); \
		R(b, c, d, e, a, i + 4); \
	} while (0)

static void compress_portable(uint32_t state[5], const unsigned char *p, size_t nblocks)
{
	for (; nblocks--; p += 64) {
		uint32_t w[16];
		for (int i = 0; i < 16; i++)
			w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
			       (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
		uint32_t a = state[0], b = state[1], c = state[2], d = state[3], e = state[4];
		FIVE(R0, 0);
		FIVE(R0, 5);
		FIVE(R0, 10);
		R0(a, b, c, d, e, 15);
		R1(e, a, b, c, d, 16);
		R1(d, e, a, b, c, 17);
		R1(c, d, e, a, b, 18);
		R1(b, c, d, e, a, 19);
		for (int i = 20; i < 40; i += 5)
			FIVE(R2, i);
		for (int i = 40; i < 60; i += 5)
			FIVE(R3, i);
		for (int i = 60; i < 80; i += 5)
			FIVE(R4, i);
		state[0] += a;
		state[1] += b;
		state[2] += c;
		state[3] += d;
		state[4] += e;
	}
}

#ifdef HAVE_SHA_NI
/* Four rounds per instruction.  abcd holds A in its top lane; m[] the
 * message schedule, four words a register, recycled every four groups. */
#define GROUP(g, f)                                                             \
	do {                                                                    \
		if ((g) >= 4)                                                   \
			m[(g) & 3] = _mm_sha1msg2_epu32(                        \
				_mm_xor_si128(_mm_sha1msg1_epu32(m[(g) & 3],    \
								 m[((g) + 1) & 3]), \
					      m[((g) + 2) & 3]),                \
				m[((g) + 3) & 3]);                              \
		e = (g) == 0 ? _mm_add_epi32(e0, m[0])                          \
			     : _mm_sha1nexte_epu32(before, m[(g) & 3]);         \
		before = abcd;                                                  \
		abcd = _mm_sha1rnds4_epu32(abcd, e, f);                         \
	} while (0)

__attribute__((target("sha,sse4.1,ssse3")))
static void compress_sha_ni(uint32_t state[5], const unsigned char *p, size_t nblocks)
{
	const __m128i swap = _mm_set_epi64x(0x0001020304050607LL, 0x08090a0b0c0d0e0fLL);
	__m128i abcd = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)state), 0x1b);
	__m128i e0 = _mm_set_epi32((int)state[4], 0, 0, 0);
	for (; nblocks--; p += 64) {
		__m128i abcd_was = abcd, e0_was = e0, before = abcd, e, m[4];
		for (int i = 0; i < 4; i++)
			m[i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * i)), swap);
		GROUP(0, 0); GROUP(1, 0); GROUP(2, 0); GROUP(3, 0); GROUP(4, 0);
		GROUP(5, 1); GROUP(6, 1); GROUP(7, 1); GROUP(8, 1); GROUP(9, 1);
		GROUP(10, 2); GROUP(11, 2); GROUP(12, 2); GROUP(13, 2); GROUP(14, 2);
		GROUP(15, 3); GROUP(16, 3); GROUP(17, 3); GROUP(18, 3); GROUP(19, 3);
		e0 = _mm_sha1nexte_epu32(before, e0_was);
		abcd = _mm_add_epi32(abcd, abcd_was);
	}
	_mm_storeu_si128((__m128i *)state, _mm_shuffle_epi32(abcd, 0x1b));
	state[4] = (uint32_t)_mm_extract_epi32(e0, 3);
}
#endif

static bool hardware_allowed = true;
static bool cpu_has_sha;
static pthread_once_t probe_once = PTHREAD_ONCE_INIT;

static void probe(void)
{
#ifdef HAVE_SHA_NI
	unsigned a, b, c, d;
	bool sha = __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & (1u << 29));
	bool sse = __get_cpuid(1, &a, &b, &c, &d) && (c & (1u << 9)) && (c & (1u << 19));
	cpu_has_sha = sha && sse;
#endif
}

bool sha1_set_hardware(bool allowed)
{
	pthread_once(&probe_once, probe);
	hardware_allowed = allowed;
	return allowed && cpu_has_sha;
}

static void compress(uint32_t *state, const unsigned char *p, size_t nblocks)
{
#ifdef HAVE_SHA_NI
	if (cpu_has_sha && hardware_allowed) {
		compress_sha_ni(state, p, nblocks);
		return;
	}
#endif
	compress_portable(state, p, nblocks);
}

void sha1_init(sha1_ctx *c)
{
	static const uint32_t H0[5] = {
		0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0,
	};
	pthread_once(&probe_once, probe);
	memcpy(c->state, H0, sizeof H0);
	memset(&c->feed, 0, sizeof c->feed);
}

void sha1_update(sha1_ctx *c, const void *data, size_t len)
{
	hash_feed_update(&c->feed, c->state, compress, data, len);
}

void sha1_final(sha1_ctx *c, unsigned char digest[20])
{
	hash_feed_finish(&c->feed, c->state, compress);
	hash_digest(c->state, 5, digest);
}
