/* Exact money and decimal numbers.
 *
 * Every figure in a disclosure is a rounded decimal printed in some unit
 * (元, 万元, 亿元).  yoy stores money as an int64 count of fen (0.01 元)
 * together with the unit and the number of decimals it was printed with, so
 * a value can be printed back exactly as the department printed it and its
 * rounding interval is known.  No double is ever involved.
 */
#ifndef YOY_AMOUNT_H
#define YOY_AMOUNT_H

#include <stddef.h>
#include <stdint.h>

typedef enum yoy_unit {
	YOY_UNIT_NONE = 0,
	YOY_UNIT_YUAN,    /* 元 */
	YOY_UNIT_WAN,     /* 万元 */
	YOY_UNIT_YI       /* 亿元 */
} yoy_unit;

/* A printed amount of money. */
typedef struct yoy_amount {
	int64_t fen;      /* exact value in fen (0.01 元) */
	uint8_t decimals; /* digits printed after the decimal point */
	uint8_t unit;     /* yoy_unit it was printed in */
	uint8_t present;  /* 0: blank cell (counts as 0, printed as nothing) */
} yoy_amount;

/* A printed decimal that is not money: a percent, a count. */
typedef struct yoy_decimal {
	int64_t scaled;   /* value * 10^decimals */
	uint8_t decimals;
	uint8_t present;
} yoy_decimal;

/* Largest number of digits accepted in one number (keeps int64 safe). */
#define YOY_MAX_DIGITS 15

/* Fen in one unit: 100 for 元, 1,000,000 for 万元, 10^10 for 亿元. */
int64_t yoy_unit_fen(yoy_unit unit);

/* "元", "万元", "亿元", or "" for YOY_UNIT_NONE. */
const char *yoy_unit_name(yoy_unit unit);

/* Parse a unit name ("万元", "元", "亿元", with optional "单位：" prefix
 * already stripped).  Returns YOY_UNIT_NONE when not a unit. */
yoy_unit yoy_unit_parse(const char *text, size_t len);

/* Parse one table cell or number as printed: ASCII or full-width digits,
 * thousands separators ("14,656.81", "１４，６５６．８１"), a leading minus
 * (-, －, −) or accounting parentheses for negatives, surrounding blanks.
 * A blank cell or a lone dash gives present = 0.
 * Returns 0, or YOY_EINPUT when the text is not a number, has more than
 * YOY_MAX_DIGITS digits, or more decimals than the unit can hold in fen. */
int yoy_amount_parse(yoy_amount *out, const char *text, size_t len,
		     yoy_unit unit);

/* Parse a plain decimal ("12.42", "１２．４２"); same rules, no unit.
 * A trailing % or ％ is accepted and ignored. */
int yoy_decimal_parse(yoy_decimal *out, const char *text, size_t len);

/* Build an amount from fen, printed in unit with decimals.  The caller
 * guarantees fen is representable at that precision. */
yoy_amount yoy_amount_make(int64_t fen, yoy_unit unit, int decimals);

/* Write the amount in its own unit and decimals, without separators,
 * e.g. "14656.81", "-0.57", "6.00"; "" when not present.  Returns the
 * length written (buf always NUL-terminated; size >= 32 is enough). */
size_t yoy_amount_format(char *buf, size_t size, const yoy_amount *a);

/* The same amount expressed in another unit with the given decimals,
 * e.g. 万元 with 2 decimals.  Rounds half away from zero. */
size_t yoy_fen_format(char *buf, size_t size, int64_t fen, yoy_unit unit,
		      int decimals);

/* "12.42", "-3.94", "100" (decimals as printed). */
size_t yoy_decimal_format(char *buf, size_t size, const yoy_decimal *d);

/* Half of the last printed digit, in fen: the printed value x stands for
 * [x - h, x + h].  0 for an amount printed at full fen precision. */
int64_t yoy_amount_half_ulp(const yoy_amount *a);

/* Decimals that show, in 万元, an amount printed in unit with decimals:
 * 元 to the fen needs 6 (at most), 万元 keeps its own, 亿元 loses 4. */
int yoy_wan_decimals(yoy_unit unit, int decimals);

/* change / |base| * 100 with two decimals (x100), rounded half away from
 * zero, in integers: the percent change every report prints.  base != 0. */
int64_t yoy_percent_x100(int64_t change, int64_t base);

/* Fen value of the amount; 0 when not present. */
static inline int64_t yoy_amount_fen(const yoy_amount *a)
{
	return a->present ? a->fen : 0;
}

#endif
