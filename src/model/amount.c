/* Exact money (amount.h): printed numbers to int64 fen with their unit
 * and decimals, and back.  Calls util only. */
#include "yoy/amount.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "util/util.h"
#include "yoy/error.h"

static const int64_t pow10_tab[] = {
	1LL, 10LL, 100LL, 1000LL, 10000LL, 100000LL, 1000000LL, 10000000LL,
	100000000LL, 1000000000LL, 10000000000LL, 100000000000LL,
	1000000000000LL, 10000000000000LL, 100000000000000LL,
	1000000000000000LL, 10000000000000000LL, 100000000000000000LL,
};

int64_t yoy_unit_fen(yoy_unit unit)
{
	switch (unit) {
	case YOY_UNIT_YUAN: return 100;
	case YOY_UNIT_WAN: return 1000000;
	case YOY_UNIT_YI: return 10000000000LL;
	default: return 100;
	}
}

/* log10 of yoy_unit_fen: the most decimals a unit can carry in fen. */
static int unit_fen_digits(yoy_unit unit)
{
	switch (unit) {
	case YOY_UNIT_WAN: return 6;
	case YOY_UNIT_YI: return 10;
	default: return 2;
	}
}

const char *yoy_unit_name(yoy_unit unit)
{
	switch (unit) {
	case YOY_UNIT_YUAN: return "元";
	case YOY_UNIT_WAN: return "万元";
	case YOY_UNIT_YI: return "亿元";
	default: return "";
	}
}

yoy_unit yoy_unit_parse(const char *text, size_t len)
{
	trim_span(&text, &len);
	if (span_eq(text, len, "万元"))
		return YOY_UNIT_WAN;
	if (span_eq(text, len, "元"))
		return YOY_UNIT_YUAN;
	if (span_eq(text, len, "亿元"))
		return YOY_UNIT_YI;
	return YOY_UNIT_NONE;
}

/* A number scanned from printed text. */
typedef struct number {
	int64_t mantissa; /* all digits, without the point */
	int decimals;
	bool negative;
	bool blank;
} number;

/* Map one code point of a number to ASCII, or 0 when it cannot occur. */
static char number_char(uint32_t cp)
{
	if (cp >= '0' && cp <= '9')
		return (char)cp;
	if (cp >= 0xFF10 && cp <= 0xFF19)
		return (char)('0' + (cp - 0xFF10));
	switch (cp) {
	case '.': case 0xFF0E:
		return '.';
	case ',': case 0xFF0C:
		return ',';
	case '-': case 0xFF0D: case 0x2212: case 0x2013:
		return '-';
	case '+': case 0xFF0B:
		return '+';
	case '(': case 0xFF08:
		return '(';
	case ')': case 0xFF09:
		return ')';
	case '%': case 0xFF05:
		return '%';
	default:
		return 0;
	}
}

/* The ASCII image of a printed number into a[size], blanks inside
 * dropped, full-width forms folded; a lone dash of any kind stays "-".
 * Returns its length, or -1 when a character is no part of a number. */
static int ascii_image(char *a, size_t size, const char *text, size_t len)
{
	size_t n = 0, i = 0;
	while (i < len) {
		size_t adv;
		uint32_t cp = utf8_decode(text + i, len - i, &adv);
		i += adv;
		if (is_blank_cp(cp))
			continue;
		char c = number_char(cp);
		if (!c && (cp == 0x2014 || cp == 0x2015 || cp == 0x2500) && n == 0)
			c = '-'; /* "—": nothing here */
		if (!c || n + 1 >= size)
			return -1;
		a[n++] = c;
	}
	a[n] = '\0';
	return (int)n;
}

/* Digits with thousands separators (every group exactly three digits)
 * and a decimal point, from a[*p] on: the mantissa into out, *p past
 * them. */
static int scan_digits(number *out, const char *a, size_t n, size_t *p)
{
	int digits = 0, int_digits = 0, group = -1;
	bool seen_point = false, any_comma = false;
	int64_t m = 0;
	for (; *p < n; (*p)++) {
		char c = a[*p];
		if (c >= '0' && c <= '9') {
			if (++digits > YOY_MAX_DIGITS)
				return YOY_EINPUT;
			m = m * 10 + (c - '0');
			if (seen_point)
				out->decimals++;
			else
				int_digits++;
			if (group >= 0)
				group++;
		} else if (c == ',' && !seen_point && int_digits > 0) {
			if ((group >= 0 && group != 3) || (group < 0 && int_digits > 3))
				return YOY_EINPUT;
			group = 0;
			any_comma = true;
		} else if (c == '.' && !seen_point && int_digits > 0) {
			if (any_comma && group != 3)
				return YOY_EINPUT;
			seen_point = true;
			group = -1;
		} else {
			break;
		}
	}
	if (digits == 0 || (any_comma && !seen_point && group != 3) ||
	    (seen_point && out->decimals == 0))
		return YOY_EINPUT;
	out->mantissa = m;
	return 0;
}

/* A printed number: blank (empty, dashes), or a sign or parentheses
 * around digits, a % when allowed. */
static int scan_number(number *out, const char *text, size_t len,
		       bool allow_percent)
{
	memset(out, 0, sizeof *out);
	trim_span(&text, &len);
	char a[64];
	int ni = len ? ascii_image(a, sizeof a, text, len) : 0;
	if (ni < 0)
		return YOY_EINPUT;
	size_t n = (size_t)ni;
	if (n == 0 || strspn(a, "-") == n) {
		out->blank = true;
		return 0;
	}
	size_t p = 0;
	bool paren = false;
	if (a[p] == '(') {
		paren = true;
		p++;
	}
	if (a[p] == '-' || a[p] == '+') {
		out->negative = a[p] == '-';
		p++;
	}
	if (scan_digits(out, a, n, &p))
		return YOY_EINPUT;
	if (p < n && a[p] == '%' && allow_percent)
		p++;
	if (paren) {
		if (p >= n || a[p] != ')' || out->negative)
			return YOY_EINPUT;
		out->negative = true;
		p++;
	}
	return p == n ? 0 : YOY_EINPUT;
}

int yoy_amount_parse(yoy_amount *out, const char *text, size_t len,
		     yoy_unit unit)
{
	memset(out, 0, sizeof *out);
	if (unit == YOY_UNIT_NONE)
		unit = YOY_UNIT_WAN;
	out->unit = (uint8_t)unit;
	number num;
	int rc = scan_number(&num, text, len, false);
	if (rc)
		return rc;
	if (num.blank)
		return 0;
	int fd = unit_fen_digits(unit);
	if (num.decimals > fd)
		return YOY_EINPUT;
	int64_t scale = pow10_tab[fd - num.decimals];
	if (num.mantissa > INT64_MAX / scale)
		return YOY_EINPUT;
	out->fen = num.mantissa * scale * (num.negative ? -1 : 1);
	out->decimals = (uint8_t)num.decimals;
	out->present = 1;
	return 0;
}

int yoy_decimal_parse(yoy_decimal *out, const char *text, size_t len)
{
	memset(out, 0, sizeof *out);
	number num;
	int rc = scan_number(&num, text, len, true);
	if (rc)
		return rc;
	if (num.blank)
		return 0;
	out->scaled = num.mantissa * (num.negative ? -1 : 1);
	out->decimals = (uint8_t)num.decimals;
	out->present = 1;
	return 0;
}

yoy_amount yoy_amount_make(int64_t fen, yoy_unit unit, int decimals)
{
	yoy_amount a = { fen, (uint8_t)decimals, (uint8_t)unit, 1 };
	return a;
}

/* By hand rather than snprintf: this runs for every cell of every
 * document written, and printf's machinery was a tenth of an import. */
static size_t format_scaled(char *buf, size_t size, int64_t scaled,
			    int decimals)
{
	char tmp[64];
	size_t n = 0;
	bool neg = scaled < 0;
	uint64_t u = neg ? (uint64_t)0 - (uint64_t)scaled : (uint64_t)scaled;
	if (decimals > 30)
		decimals = 30;
	for (int i = 0; i < decimals; i++, u /= 10)
		tmp[n++] = (char)('0' + u % 10);
	if (decimals > 0)
		tmp[n++] = '.';
	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (neg)
		tmp[n++] = '-';
	if (!size)
		return 0;
	size_t w = n < size ? n : size - 1;
	for (size_t i = 0; i < w; i++)
		buf[i] = tmp[n - 1 - i];
	buf[w] = '\0';
	return w;
}

size_t yoy_fen_format(char *buf, size_t size, int64_t fen, yoy_unit unit,
		      int decimals)
{
	int fd = unit_fen_digits(unit);
	if (decimals > fd)
		decimals = fd;
	int64_t div = pow10_tab[fd - decimals];
	/* round half away from zero */
	int64_t q = fen / div, r = fen % div;
	if (r * 2 >= div)
		q++;
	else if (r * 2 <= -div)
		q--;
	return format_scaled(buf, size, q, decimals);
}

size_t yoy_amount_format(char *buf, size_t size, const yoy_amount *a)
{
	if (!a->present) {
		if (size)
			buf[0] = '\0';
		return 0;
	}
	return yoy_fen_format(buf, size, a->fen, (yoy_unit)a->unit, a->decimals);
}

size_t yoy_decimal_format(char *buf, size_t size, const yoy_decimal *d)
{
	if (!d->present) {
		if (size)
			buf[0] = '\0';
		return 0;
	}
	return format_scaled(buf, size, d->scaled, d->decimals);
}

int64_t yoy_amount_half_ulp(const yoy_amount *a)
{
	int fd = unit_fen_digits((yoy_unit)a->unit);
	if (a->decimals >= fd)
		return 0;
	return pow10_tab[fd - a->decimals] / 2;
}

int yoy_wan_decimals(yoy_unit unit, int decimals)
{
	if (unit == YOY_UNIT_YUAN)
		return decimals + 4 > 6 ? 6 : decimals + 4;
	if (unit == YOY_UNIT_YI)
		return decimals > 4 ? decimals - 4 : 0;
	return decimals;
}

int64_t yoy_percent_x100(int64_t change, int64_t base)
{
	__int128 num = (__int128)change * 10000, den = base < 0 ? -(__int128)base : base;
	__int128 q = num / den, r = num % den;
	if (r * 2 >= den)
		q++;
	else if (r * 2 <= -den)
		q--;
	/* saturate, never wrap: a change of 10^18 on a base of one fen */
	return q > INT64_MAX ? INT64_MAX : q < INT64_MIN ? INT64_MIN : (int64_t)q;
}
