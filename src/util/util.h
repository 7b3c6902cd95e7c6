/* Internal helpers: arena allocation, growable buffers, UTF-8 text.
 * Not part of the public API. */
#ifndef YOY_UTIL_H
#define YOY_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* ---- arena ------------------------------------------------------------
 * A document owns one arena; every string and array hanging off the
 * document lives in it, and yoy_doc_free releases all at once. */
typedef struct yoy_arena_chunk yoy_arena_chunk;
typedef struct yoy_arena {
	yoy_arena_chunk *head;
	size_t total;
} yoy_arena;

/* Returns zeroed memory owned by the arena, or NULL when out of memory. */
void *arena_alloc(yoy_arena *a, size_t size);
/* Copies of s / s[0..len) owned by the arena (NUL-terminated). */
char *arena_strdup(yoy_arena *a, const char *s);
char *arena_strndup(yoy_arena *a, const char *s, size_t len);
void *arena_memdup(yoy_arena *a, const void *p, size_t size);
/* Releases every chunk; the arena may be reused afterwards. */
void arena_release(yoy_arena *a);

/* ---- growable byte buffer (heap) -------------------------------------- */
typedef struct sbuf {
	char *data;  /* NUL-terminated when len > 0 or after sbuf_cstr */
	size_t len;
	size_t cap;
	bool oom;    /* set once an allocation failed; later appends are no-ops */
} sbuf;

void sbuf_init(sbuf *b);
void sbuf_free(sbuf *b);
void sbuf_reset(sbuf *b);
/* Room for extra more bytes (and the NUL); false (and oom set) if not. */
bool sbuf_reserve(sbuf *b, size_t extra);
void sbuf_put(sbuf *b, const void *p, size_t n);
void sbuf_puts(sbuf *b, const char *s);
void sbuf_putc_slow(sbuf *b, char c);
static inline void sbuf_putc(sbuf *b, char c)
{
	if (b->len + 2 <= b->cap) { /* room for c and the NUL */
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
	} else {
		sbuf_putc_slow(b, c);
	}
}
void sbuf_printf(sbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The contents as a C string ("" when empty); owned by b. */
const char *sbuf_cstr(sbuf *b);
/* Hands the heap string to the caller (free() it); b is reset. */
char *sbuf_detach(sbuf *b);

/* ---- growable array (heap) --------------------------------------------
 * VEC_PUSH(v, n, cap, item) appends; returns false when out of memory. */
bool vec_grow(void **items, size_t *cap, size_t need, size_t item_size);
#define VEC_PUSH(items, n, cap, item)                                        \
	(vec_grow((void **)&(items), &(cap), (n) + 1, sizeof *(items))       \
	 ? ((items)[(n)++] = (item), true) : false)

/* ---- UTF-8 ------------------------------------------------------------ */
/* Decode one code point at s (len bytes available); *adv gets its length.
 * Invalid bytes decode as U+FFFD with *adv = 1. */
uint32_t utf8_decode_multibyte(const char *s, size_t len, size_t *adv);
static inline uint32_t utf8_decode(const char *s, size_t len, size_t *adv)
{
	/* ASCII inline: most bytes of a disclosure are digits and tabs */
	if (len && (unsigned char)s[0] < 0x80) {
		*adv = 1;
		return (unsigned char)s[0];
	}
	return utf8_decode_multibyte(s, len, adv);
}
/* Encode cp into out (4 bytes room); returns the byte count. */
size_t utf8_encode(uint32_t cp, char *out);
/* True when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates). */
bool utf8_valid(const char *s, size_t len);
/* Display width of a UTF-8 string in terminal columns (CJK = 2), and of
 * one code point (0 for a control character): utf8proc's East Asian
 * Width (width.c). */
size_t utf8_width(const char *s);
int codepoint_width(uint32_t cp);
/* Append s padded with spaces to display width w: after s, or before it
 * when right_align (numbers).  CJK counts two columns. */
void sbuf_put_padded(sbuf *b, const char *s, size_t w, bool right_align);
/* Number of code points. */
size_t utf8_length(const char *s, size_t len);

/* True for CJK ideographs, radicals and compatibility forms, CJK
 * punctuation (、（）「」), full-width forms and curly quotes. */
bool is_cjk_cp(uint32_t cp);
/* True for ASCII blanks, U+3000 ideographic space, U+00A0 and U+FEFF. */
bool is_blank_cp(uint32_t cp);
/* Pointer/length of s without leading and trailing blanks. */
void trim_span(const char **s, size_t *len);

/* Normalize text for matching: full-width ASCII (U+FF01..FF5E) to ASCII
 * except the CJK punctuation that carries meaning (（）：，；、。), spaces
 * between CJK and digits removed, U+3000 to space.  Writes into out. */
void normalize_for_match(sbuf *out, const char *s, size_t len);

/* One CSV field (RFC 4180: quoted when it holds , " CR or LF), then ","
 * or, when last, CRLF. */
void csv_field(sbuf *out, const char *s, bool last);
/* One Markdown table cell, " s |": '|' escaped, line breaks as spaces. */
void md_cell(sbuf *out, const char *s);
/* Text from a document in Markdown: <, > and & as entities (raw HTML in
 * a disclosure is never passed through), line breaks as blanks. */
void md_text(sbuf *out, const char *s);
/* s as a Markdown code span: `s`, its own backticks and line breaks
 * dropped so the span cannot end early. */
void md_code(sbuf *out, const char *s);

/* Substring search in a byte span. */
const char *span_find(const char *s, size_t len, const char *needle);
bool span_has(const char *s, size_t len, const char *needle);
bool str_has(const char *s, const char *needle);
bool str_starts(const char *s, const char *prefix);
bool str_ends(const char *s, const char *suffix);
bool span_eq(const char *s, size_t len, const char *lit);

/* s as valid UTF-8 without control characters: a byte that does not
 * start a valid sequence, and any control character, become U+FFFD. */
void utf8_sanitize(sbuf *out, const char *s, size_t len);

/* Why s cannot be one component of a path in the history, or NULL when it
 * can: what git (".git" in any case, with HFS+-ignored code points,
 * NTFS trailing dots and blanks or its 8.3 name "git~1"; ".gitmodules"
 * and the other .git files), NTFS (reserved names, <>:"|?*), HFS+ or a
 * 255-byte file name limit would refuse, and "/", "\", controls, "."
 * and "..". */
const char *path_component_problem(const char *s);

/* Read a whole file into a heap buffer (NUL-terminated, free() it);
 * path "-" is standard input (read, not closed).
 * Returns 0, or -errno; *too_big set when larger than max_size. */
int read_file(const char *path, size_t max_size, char **out, size_t *len,
	      bool *too_big);

#endif
