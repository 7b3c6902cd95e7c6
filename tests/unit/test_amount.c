/* amount.c: printed numbers to exact fen and back. */
#include "testutil.h"

static yoy_amount parse(const char *s, yoy_unit u)
{
	yoy_amount a;
	int rc = yoy_amount_parse(&a, s, strlen(s), u);
	if (rc)
		fail_msg("\"%s\" did not parse", s);
	return a;
}

static void rejects(const char *s)
{
	yoy_amount a;
	if (yoy_amount_parse(&a, s, strlen(s), YOY_UNIT_WAN) == 0)
		fail_msg("\"%s\" parsed but should not", s);
}

static void test_thousands_and_decimals(void **state)
{
	(void)state;
	yoy_amount a = parse("14,656.81", YOY_UNIT_WAN);
	assert_true(a.present);
	assert_int_equal(a.fen, 14656810000LL); /* 146,568,100 元 */
	assert_int_equal(a.decimals, 2);
	assert_int_equal(a.unit, YOY_UNIT_WAN);
	assert_string_equal(fmt_amount(&a), "14656.81");

	a = parse("6.00", YOY_UNIT_WAN);
	assert_int_equal(a.fen, 6000000);
	assert_int_equal(a.decimals, 2);
	assert_string_equal(fmt_amount(&a), "6.00");

	a = parse("156,211,123", YOY_UNIT_YUAN);
	assert_int_equal(a.fen, 15621112300LL);
	assert_int_equal(a.decimals, 0);
	assert_string_equal(fmt_amount(&a), "156211123");

	a = parse("1833.3", YOY_UNIT_WAN);
	assert_int_equal(a.decimals, 1);
	assert_string_equal(fmt_amount(&a), "1833.3");
}

static void test_blank_cells(void **state)
{
	(void)state;
	const char *blanks[] = { "", "   ", "\xe3\x80\x80", "-", "—", "－", "--" };
	for (size_t i = 0; i < sizeof blanks / sizeof *blanks; i++) {
		yoy_amount a = parse(blanks[i], YOY_UNIT_WAN);
		assert_false(a.present);
		assert_int_equal(yoy_amount_fen(&a), 0);
		assert_string_equal(fmt_amount(&a), "");
	}
	/* a printed zero is present */
	yoy_amount z = parse("0", YOY_UNIT_YUAN);
	assert_true(z.present);
	assert_int_equal(z.fen, 0);
}

static void test_full_width(void **state)
{
	(void)state;
	/* "１４，６５６．８１" */
	yoy_amount a = parse("\xef\xbc\x91\xef\xbc\x94\xef\xbc\x8c\xef\xbc\x96\xef\xbc\x95"
			     "\xef\xbc\x96\xef\xbc\x8e\xef\xbc\x98\xef\xbc\x91", YOY_UNIT_WAN);
	assert_int_equal(a.fen, 14656810000LL);
	assert_string_equal(fmt_amount(&a), "14656.81");
	/* "－１．９５" full-width minus */
	a = parse("\xef\xbc\x8d\xef\xbc\x91\xef\xbc\x8e\xef\xbc\x99\xef\xbc\x95", YOY_UNIT_WAN);
	assert_int_equal(a.fen, -1950000); /* 1.95 万元 = 19,500 元 */
}

static void test_negative_forms(void **state)
{
	(void)state;
	const char *forms[] = { "-1.95", "－1.95", "\xe2\x88\x92" "1.95", "(1.95)",
				"（1.95）", " -1.95 " };
	for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
		yoy_amount a = parse(forms[i], YOY_UNIT_WAN);
		assert_int_equal(a.fen, -1950000); /* 1.95 万元 = 19,500 元 */
		assert_string_equal(fmt_amount(&a), "-1.95");
	}
}

static void test_rejects_non_numbers(void **state)
{
	(void)state;
	rejects("abc");
	rejects("12a");
	rejects("1,23");          /* separator groups must be three digits */
	rejects("1234,567");
	rejects("12.");
	rejects("1.2.3");
	rejects("((1))");
	rejects("1234567890123456"); /* more than 15 digits */
	rejects("1.1234567");        /* finer than a fen in 万元 */
	rejects("2023年");
}

static void test_units_and_rounding(void **state)
{
	(void)state;
	assert_int_equal(yoy_unit_fen(YOY_UNIT_YUAN), 100);
	assert_int_equal(yoy_unit_fen(YOY_UNIT_WAN), 1000000);
	assert_int_equal(yoy_unit_parse("万元", strlen("万元")), YOY_UNIT_WAN);
	assert_int_equal(yoy_unit_parse(" 元 ", strlen(" 元 ")), YOY_UNIT_YUAN);
	assert_int_equal(yoy_unit_parse("米", strlen("米")), YOY_UNIT_NONE);
	/* 万元 with 2 decimals stands for ±50 元 = 5000 fen */
	yoy_amount a = parse("728.11", YOY_UNIT_WAN);
	assert_int_equal(yoy_amount_half_ulp(&a), 5000);
	a = parse("1600", YOY_UNIT_WAN);
	assert_int_equal(yoy_amount_half_ulp(&a), 500000);
	a = parse("156211123", YOY_UNIT_YUAN);
	assert_int_equal(yoy_amount_half_ulp(&a), 50);
	/* a 元 figure shown in 万元 rounds half away from zero */
	char buf[32];
	yoy_fen_format(buf, sizeof buf, 15621112300LL, YOY_UNIT_WAN, 2);
	assert_string_equal(buf, "15621.11");
	yoy_fen_format(buf, sizeof buf, 15000, YOY_UNIT_WAN, 2);
	assert_string_equal(buf, "0.02");
	yoy_fen_format(buf, sizeof buf, -15000, YOY_UNIT_WAN, 2);
	assert_string_equal(buf, "-0.02");
}

static void test_decimals(void **state)
{
	(void)state;
	yoy_decimal d;
	assert_int_equal(yoy_decimal_parse(&d, "12.42", 5), 0);
	assert_int_equal(d.scaled, 1242);
	assert_int_equal(d.decimals, 2);
	assert_string_equal(fmt_decimal(&d), "12.42");
	assert_int_equal(yoy_decimal_parse(&d, "100%", 4), 0);
	assert_int_equal(d.scaled, 100);
	assert_int_equal(d.decimals, 0);
	const char fw[] = "\xef\xbc\x93\xef\xbc\x8e\xef\xbc\x99\xef\xbc\x94\xef\xbc\x85"; /* ３．９４％ */
	assert_int_equal(yoy_decimal_parse(&d, fw, strlen(fw)), 0);
	assert_string_equal(fmt_decimal(&d), "3.94");
	assert_int_not_equal(yoy_decimal_parse(&d, "x%", 2), 0);
}

static void test_percent_change(void **state)
{
	(void)state;
	/* 吕梁: +1619.83 on 13036.98 is 12.4249...% -> 12.42 */
	assert_int_equal(yoy_percent_x100(161983000000, 1303698000000), 1242);
	/* half away from zero, both ways: 1/8 = 12.5%, 0.125% */
	assert_int_equal(yoy_percent_x100(1, 800), 13);
	assert_int_equal(yoy_percent_x100(-1, 800), -13);
	assert_int_equal(yoy_percent_x100(1, 801), 12);
	/* a negative base: the sign follows the change */
	assert_int_equal(yoy_percent_x100(50, -100), 5000);
	/* 万元 decimals of amounts printed in other units */
	assert_int_equal(yoy_wan_decimals(YOY_UNIT_YUAN, 0), 4);
	assert_int_equal(yoy_wan_decimals(YOY_UNIT_YUAN, 2), 6);
	assert_int_equal(yoy_wan_decimals(YOY_UNIT_WAN, 2), 2);
	assert_int_equal(yoy_wan_decimals(YOY_UNIT_YI, 6), 2);
	assert_int_equal(yoy_wan_decimals(YOY_UNIT_YI, 2), 0);
	/* no overflow on large fen */
	assert_int_equal(yoy_percent_x100(INT64_MAX / 2, INT64_MAX / 2), 10000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_thousands_and_decimals),
		cmocka_unit_test(test_blank_cells),
		cmocka_unit_test(test_full_width),
		cmocka_unit_test(test_negative_forms),
		cmocka_unit_test(test_rejects_non_numbers),
		cmocka_unit_test(test_units_and_rounding),
		cmocka_unit_test(test_decimals),
		cmocka_unit_test(test_percent_change),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
