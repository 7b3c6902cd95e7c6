/* Helpers every layer uses (util.h): arenas, growable buffers, UTF-8 and
 * display width, name normalization.  Calls nothing of ours. */
#include "util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

/* ---- arena ------------------------------------------------------------ */

struct yoy_arena_chunk {
	yoy_arena_chunk *next;
	size_t size, used;
	max_align_t data[];
};

#define ARENA_CHUNK (64 * 1024)

void *arena_alloc(yoy_arena *a, size_t size)
{
	size = (size + 15) & ~(size_t)15;
	yoy_arena_chunk *c = a->head;
	if (!c || c->size - c->used < size) {
		size_t want = size > ARENA_CHUNK / 4 ? size : ARENA_CHUNK;
		c = malloc(sizeof *c + want);
		if (!c)
			return NULL;
		c->size = want;
		c->used = 0;
		if (size > ARENA_CHUNK / 4 && a->head) {
			/* big block: keep filling the current chunk afterwards */
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
		a->total += want;
	}
	void *p = (char *)c->data + c->used;
	c->used += size;
	memset(p, 0, size);
	return p;
}

char *arena_strndup(yoy_arena *a, const char *s, size_t len)
{
	char *p = arena_alloc(a, len + 1);
	if (p && len)
		memcpy(p, s, len);
	return p;
}

char *arena_strdup(yoy_arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

void *arena_memdup(yoy_arena *a, const void *p, size_t size)
{
	void *q = arena_alloc(a, size ? size : 1);
	if (q && size)
		memcpy(q, p, size);
	return q;
}

void arena_release(yoy_arena *a)
{
	yoy_arena_chunk *c = a->head;
	while (c) {
		yoy_arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	a->head = NULL;
	a->total = 0;
}

/* ---- sbuf ------------------------------------------------------------- */

void sbuf_init(sbuf *b)
{
	memset(b, 0, sizeof *b);
}

void sbuf_free(sbuf *b)
{
	free(b->data);
	sbuf_init(b);
}

void sbuf_reset(sbuf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

bool sbuf_reserve(sbuf *b, size_t extra)
{
	if (b->oom)
		return false;
	if (b->len + extra + 1 <= b->cap)
		return true;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + extra + 1)
		cap *= 2;
	char *p = realloc(b->data, cap);
	if (!p) {
		b->oom = true;
		return false;
	}
	b->data = p;
	b->cap = cap;
	return true;
}

void sbuf_put(sbuf *b, const void *p, size_t n)
{
	if (!sbuf_reserve(b, n))
		return;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void sbuf_puts(sbuf *b, const char *s)
{
	sbuf_put(b, s, strlen(s));
}

void sbuf_putc_slow(sbuf *b, char c)
{
	sbuf_put(b, &c, 1);
}

void sbuf_printf(sbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !sbuf_reserve(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

const char *sbuf_cstr(sbuf *b)
{
	return b->data ? b->data : "";
}

char *sbuf_detach(sbuf *b)
{
	char *p = b->data;
	if (!p && !b->oom)
		p = calloc(1, 1);
	if (b->oom) {
		free(p);
		p = NULL;
	}
	sbuf_init(b);
	return p;
}

/* ---- vec -------------------------------------------------------------- */

bool vec_grow(void **items, size_t *cap, size_t need, size_t item_size)
{
	if (need <= *cap)
		return true;
	size_t n = *cap ? *cap * 2 : 8;
	while (n < need)
		n *= 2;
	void *p = realloc(*items, n * item_size);
	if (!p)
		return false;
	*items = p;
	*cap = n;
	return true;
}

/* ---- UTF-8 ------------------------------------------------------------ */

uint32_t utf8_decode_multibyte(const char *str, size_t len, size_t *adv)
{
	const unsigned char *s = (const unsigned char *)str;
	*adv = 1;
	if (len == 0)
		return 0xFFFD;
	unsigned c = s[0];
	if (c < 0x80)
		return c;
	size_t n;
	uint32_t cp, min;
	if ((c & 0xE0) == 0xC0) {
		n = 2, cp = c & 0x1F, min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		n = 3, cp = c & 0x0F, min = 0x800;
	} else if ((c & 0xF8) == 0xF0) {
		n = 4, cp = c & 0x07, min = 0x10000;
	} else {
		return 0xFFFD;
	}
	if (len < n)
		return 0xFFFD;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0xFFFD;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0xFFFD;
	*adv = n;
	return cp;
}

size_t utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

bool utf8_valid(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		uint64_t w;
		if (i + 8 <= len && (memcpy(&w, s + i, 8), !(w & 0x8080808080808080ULL))) {
			i += 8; /* eight ASCII bytes at once */
			continue;
		}
		const unsigned char *p = (const unsigned char *)s + i;
		if (p[0] < 0x80) {
			i++;
			continue;
		}
		/* three-byte sequences (all of CJK) without a call */
		if ((p[0] & 0xF0) == 0xE0 && i + 2 < len && (p[1] & 0xC0) == 0x80 &&
		    (p[2] & 0xC0) == 0x80) {
			uint32_t cp = (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 |
				      (p[2] & 0x3F);
			if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
				i += 3;
				continue;
			}
		}
		size_t adv;
		uint32_t cp = utf8_decode(s + i, len - i, &adv);
		if (cp == 0xFFFD && adv == 1)
			return false;
		i += adv;
	}
	return true;
}

void sbuf_put_padded(sbuf *b, const char *s, size_t w, bool right_align)
{
	size_t n = utf8_width(s);
	if (!right_align)
		sbuf_puts(b, s);
	for (; n < w; n++)
		sbuf_putc(b, ' ');
	if (right_align)
		sbuf_puts(b, s);
}

size_t utf8_length(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

bool is_blank_cp(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' ||
	       cp == '\f' || cp == '\v' || cp == 0x3000 || cp == 0xA0 ||
	       cp == 0xFEFF || cp == 0x200B;
}

void trim_span(const char **s, size_t *len)
{
	const char *p = *s;
	size_t n = *len;
	while (n) {
		size_t adv;
		uint32_t cp = utf8_decode(p, n, &adv);
		if (!is_blank_cp(cp))
			break;
		p += adv;
		n -= adv;
	}
	while (n) {
		/* step back one code point */
		size_t k = 1;
		while (k < n && k < 4 && ((unsigned char)p[n - k] & 0xC0) == 0x80)
			k++;
		size_t adv;
		uint32_t cp = utf8_decode(p + n - k, k, &adv);
		if (!is_blank_cp(cp))
			break;
		n -= k;
	}
	*s = p;
	*len = n;
}

bool is_cjk_cp(uint32_t cp)
{
	return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x3000 && cp <= 0x303F) ||
	       cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019;
}

void utf8_sanitize(sbuf *out, const char *s, size_t len)
{
	sbuf_reset(out);
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
			 : (c & 0xF8) == 0xF0 ? 4 : 0;
		bool ok = n && i + n <= len && (n == 1 || c >= 0xC2) && !(c == 0xF4 && n == 4 &&
			  (unsigned char)s[i + 1] > 0x8F) && c <= 0xF4;
		for (size_t k = 1; ok && k < n; k++)
			ok = ((unsigned char)s[i + k] & 0xC0) == 0x80;
		if (ok && n == 3 && c == 0xE0 && (unsigned char)s[i + 1] < 0xA0)
			ok = false; /* overlong */
		if (ok && n == 3 && c == 0xED && (unsigned char)s[i + 1] >= 0xA0)
			ok = false; /* surrogate */
		if (ok && n == 4 && c == 0xF0 && (unsigned char)s[i + 1] < 0x90)
			ok = false; /* overlong */
		if (!ok || (n == 1 && (c < 0x20 || c == 0x7F))) {
			sbuf_puts(out, "\xEF\xBF\xBD");
			i += ok ? n : 1;
			continue;
		}
		sbuf_put(out, s + i, n);
		i += n;
	}
}

/* Code points HFS+ ignores in names: a name with them inside is the same
 * name without them there. */
static bool hfs_ignored(uint32_t cp)
{
	return (cp >= 0x200C && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x206A && cp <= 0x206F) || cp == 0xFEFF;
}

const char *path_component_problem(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
		return "an empty name, \".\" or \"..\"";
	if (n > 255)
		return "longer than 255 bytes";
	/* the name as git compares it: HFS+-ignored code points out, ASCII
	 * lower case, NTFS's trailing dots and blanks off */
	char fold[256];
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		size_t adv;
		uint32_t cp = utf8_decode(s + i, n - i, &adv);
		unsigned char c = (unsigned char)s[i];
		if (cp < 0x20 || cp == 0x7F || c == '/' || c == '\\')
			return "a control character, \"/\" or \"\\\"";
		if (strchr("<>:\"|?*", c) && c)
			return "a character Windows refuses (<>:\"|?*)";
		if (!hfs_ignored(cp)) {
			for (size_t b = 0; b < adv && k + 1 < sizeof fold; b++)
				fold[k++] = (char)(s[i + b] >= 'A' && s[i + b] <= 'Z' ? s[i + b] + 32
										    : s[i + b]);
		}
		i += adv;
	}
	while (k && (fold[k - 1] == '.' || fold[k - 1] == ' '))
		k--;
	fold[k] = '\0';
	if (strncmp(fold, ".git", 4) == 0 || strcmp(fold, "git~1") == 0)
		return "a name git keeps for itself (.git…)";
	if (k != n && (s[n - 1] == '.' || s[n - 1] == ' '))
		return "a trailing dot or blank (Windows drops them)";
	static const char *const reserved[] = { "con", "prn", "aux", "nul", "com1", "com2",
						"com3", "com4", "com5", "com6", "com7", "com8",
						"com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5",
						"lpt6", "lpt7", "lpt8", "lpt9" };
	size_t stem = strcspn(fold, ".");
	for (size_t r = 0; r < sizeof reserved / sizeof *reserved; r++)
		if (strlen(reserved[r]) == stem && strncmp(fold, reserved[r], stem) == 0)
			return "a name Windows reserves (CON, NUL, COM1…)";
	return NULL;
}

void normalize_for_match(sbuf *out, const char *s, size_t len)
{
	/* First pass: map code points; second concern: drop spaces that sit
	 * next to a CJK character (pdftotext puts them around numbers). */
	uint32_t prev = 0;
	size_t i = 0;
	while (i < len) {
		size_t adv;
		uint32_t cp = utf8_decode(s + i, len - i, &adv);
		i += adv;
		if (cp >= 0xFF10 && cp <= 0xFF19)
			cp = cp - 0xFF10 + '0';
		else if (cp == 0xFF05)
			cp = '%';
		else if (cp == 0xFF0E)
			cp = '.';
		else if (cp == 0xFF0B)
			cp = '+';
		else if (cp == 0xFF0D || cp == 0x2212)
			cp = '-';
		else if (cp == 0x3000 || cp == 0xA0 || cp == '\t')
			cp = ' ';
		else if (cp == 0xFEFF || cp == 0x200B || cp == '\r')
			continue;
		if (cp == ' ') {
			/* the whole run of blanks at once (one look ahead a run,
			 * not one a blank: 100 k blanks took seconds): one space
			 * at most, none beside CJK or punctuation */
			size_t j = i;
			uint32_t next = 0;
			while (j < len) {
				size_t a2;
				uint32_t c2 = utf8_decode(s + j, len - j, &a2);
				if (c2 != ' ' && c2 != 0x3000 && c2 != 0xA0 && c2 != '\t') {
					next = c2;
					break;
				}
				j += a2;
			}
			i = j;
			if (prev == 0 || next == 0 || is_cjk_cp(prev) || is_cjk_cp(next) ||
			    prev == ' ' || next == '%' || next == ',' || prev == ',' ||
			    next == '.' || prev == '.')
				continue;
		}
		char enc[4];
		sbuf_put(out, enc, utf8_encode(cp, enc));
		prev = cp;
	}
}

const char *span_find(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	if (n == 0)
		return s;
	if (n > len)
		return NULL;
	const char *end = s + len - n;
	for (const char *p = s; p <= end; p++) {
		p = memchr(p, needle[0], (size_t)(end - p) + 1);
		if (!p)
			return NULL;
		if (memcmp(p, needle, n) == 0)
			return p;
	}
	return NULL;
}

bool span_has(const char *s, size_t len, const char *needle)
{
	return span_find(s, len, needle) != NULL;
}

bool str_has(const char *s, const char *needle)
{
	return s && strstr(s, needle) != NULL;
}

bool str_starts(const char *s, const char *prefix)
{
	return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

bool str_ends(const char *s, const char *suffix)
{
	if (!s)
		return false;
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && memcmp(s + a - b, suffix, b) == 0;
}

bool span_eq(const char *s, size_t len, const char *lit)
{
	size_t n = strlen(lit);
	return n == len && memcmp(s, lit, n) == 0;
}

int read_file(const char *path, size_t max_size, char **out, size_t *len,
	      bool *too_big)
{
	*out = NULL;
	*len = 0;
	*too_big = false;
	/* "-" is standard input, as every command's FILE may be */
	bool in = strcmp(path, "-") == 0;
	FILE *f = in ? stdin : fopen(path, "rb");
	if (!f)
		return -errno;
	struct stat st;
	if (fstat(fileno(f), &st) != 0) {
		int e = errno;
		if (!in)
			fclose(f);
		return -e;
	}
	if (S_ISDIR(st.st_mode)) {
		if (!in)
			fclose(f);
		return -EISDIR;
	}
	if (st.st_size > 0 && (uint64_t)st.st_size > max_size) {
		if (!in)
			fclose(f);
		*too_big = true;
		return 0;
	}
	size_t cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 4096;
	char *buf = malloc(cap);
	if (!buf) {
		if (!in)
			fclose(f);
		return -ENOMEM;
	}
	size_t n = 0;
	for (;;) {
		/* a file read to its end needs no more room: growing it then
		 * copied every file once more (9% of reading a 3.7 MB PDF) */
		int next = 0;
		if (n + 1 >= cap && (next = fgetc(f)) == EOF)
			break;
		if (n + 1 >= cap) {
			if (cap > max_size + 1) {
				free(buf);
				if (!in)
			fclose(f);
				*too_big = true;
				return 0;
			}
			char *p = realloc(buf, cap * 2);
			if (!p) {
				free(buf);
				if (!in)
			fclose(f);
				return -ENOMEM;
			}
			buf = p;
			cap *= 2;
			buf[n++] = (char)next; /* the byte that showed there is more */
		}
		size_t got = fread(buf + n, 1, cap - 1 - n, f);
		n += got;
		if (got == 0)
			break;
	}
	int e = ferror(f) ? EIO : 0;
	if (!in)
			fclose(f);
	if (e) {
		free(buf);
		return -e;
	}
	if (n > max_size) {
		free(buf);
		*too_big = true;
		return 0;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

/* A plain number: "-3.94", "+12.42%", "1,234.50". */
static bool plain_number(const char *s)
{
	if (*s == '-' || *s == '+')
		s++;
	size_t digits = strspn(s, "0123456789,.");
	return digits > 0 && (s[digits] == '\0' || (s[digits] == '%' && s[digits + 1] == '\0'));
}

void csv_field(sbuf *out, const char *s, bool last)
{
	s = s ? s : "";
	/* a cell a spreadsheet would run as a formula (=, +, -, @, TAB, CR
	 * first) is quoted behind a ' (OWASP, CSV injection); numbers stay
	 * numbers */
	bool formula = strchr("=+-@\t\r", *s) && *s && !plain_number(s);
	if (formula) {
		sbuf_puts(out, "\"'");
		for (; *s; s++) {
			if (*s == '"')
				sbuf_putc(out, '"');
			sbuf_putc(out, *s);
		}
		sbuf_putc(out, '"');
	} else if (strpbrk(s, ",\"\r\n")) {
		sbuf_putc(out, '"');
		for (; *s; s++) {
			if (*s == '"')
				sbuf_putc(out, '"');
			sbuf_putc(out, *s);
		}
		sbuf_putc(out, '"');
	} else {
		sbuf_puts(out, s);
	}
	sbuf_puts(out, last ? "\r\n" : ",");
}

void md_text(sbuf *out, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '<')
			sbuf_puts(out, "&lt;");
		else if (*s == '>')
			sbuf_puts(out, "&gt;");
		else if (*s == '&')
			sbuf_puts(out, "&amp;");
		else if (*s == '\n' || *s == '\r')
			sbuf_putc(out, ' ');
		else
			sbuf_putc(out, *s);
	}
}

void md_code(sbuf *out, const char *s)
{
	sbuf_putc(out, '`');
	for (; s && *s; s++)
		if (*s != '`' && *s != '\n' && *s != '\r')
			sbuf_putc(out, *s);
	sbuf_putc(out, '`');
}

void md_cell(sbuf *out, const char *s)
{
	sbuf_putc(out, ' ');
	for (; s && *s; s++) {
		if (*s == '|')
			sbuf_puts(out, "\\|");
		else if (*s == '<' || *s == '>' || *s == '&' || *s == '\n' || *s == '\r')
			md_text(out, (char[]){ *s, 0 });
		else
			sbuf_putc(out, *s);
	}
	sbuf_puts(out, " |");
}
