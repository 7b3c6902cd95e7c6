/* json.c: deterministic output and a loader that gives it back unchanged. */
#include "testutil.h"

static void test_round_trip_is_byte_identical(void **state)
{
	(void)state;
	yoy_doc *doc = parse_ok(LVLIANG);
	char *a = yoy_json_write(doc);
	assert_non_null(a);
	/* same document, same bytes */
	char *again = yoy_json_write(doc);
	assert_string_equal(a, again);
	free(again);

	yoy_error err;
	yoy_doc *loaded = NULL;
	if (yoy_json_read(&loaded, a, strlen(a), "lv.json", &err) != 0)
		fail_msg("load: %s", err.message);
	char *b = yoy_json_write(loaded);
	assert_non_null(b);
	assert_string_equal(a, b);
	/* the loaded model is the same model, not only the same text */
	assert_int_equal(loaded->ntables, doc->ntables);
	assert_int_equal(loaded->nclaims, doc->nclaims);
	assert_int_equal(loaded->tables[2].rows[0].values[0].fen,
			 doc->tables[2].rows[0].values[0].fen);
	assert_int_equal(loaded->tables[2].rows[0].values[0].decimals, 2);
	free(a);
	free(b);
	yoy_doc_free(loaded);
	yoy_doc_free(doc);
}

/* The head of a written document: its identity as the whole reads it,
 * nothing after; text laid out otherwise is read whole. */
static void test_read_head(void **state)
{
	(void)state;
	yoy_doc *doc = parse_ok(LVLIANG);
	char *a = yoy_json_write(doc);
	assert_non_null(a);
	yoy_error err;
	yoy_doc *head;
	assert_int_equal(yoy_json_read_head(&head, a, strlen(a), "lv.json", &err), 0);
	assert_string_equal(head->department, doc->department);
	assert_int_equal(head->year, doc->year);
	assert_string_equal(head->kind, doc->kind);
	assert_int_equal(head->nsources, doc->nsources);
	assert_int_equal(head->ntables, 0);
	yoy_doc_free(head);
	/* one line, no layout: the whole document */
	char *flat = strdup(a), *w = flat;
	for (const char *r = a; *r; r++)
		if (*r != '\n')
			*w++ = *r;
	*w = '\0';
	assert_int_equal(yoy_json_read_head(&head, flat, strlen(flat), "flat.json", &err), 0);
	assert_int_equal(head->ntables, doc->ntables);
	yoy_doc_free(head);
	/* a head that is not a document's is refused as the whole would be */
	const char *bad = "{\n  \"schema\": \"other/1\",\n  \"tables\": []\n}";
	assert_int_equal(yoy_json_read_head(&head, bad, strlen(bad), "bad.json", &err), YOY_EINPUT);
	free(flat);
	free(a);
	yoy_doc_free(doc);
}

static void test_stored_json_parses_as_input(void **state)
{
	(void)state;
	yoy_doc *doc = parse_ok(LVLIANG);
	char *a = yoy_json_write(doc);
	yoy_doc *again = NULL;
	yoy_error err;
	assert_int_equal(yoy_parse_buffer(&again, "stored.json", a, strlen(a), &err), 0);
	char *b = yoy_json_write(again);
	assert_string_equal(a, b);
	free(a);
	free(b);
	yoy_doc_free(again);
	yoy_doc_free(doc);
}

static void expect_error(const char *json, const char *words)
{
	yoy_error err;
	yoy_error_clear(&err);
	yoy_doc *doc = (yoy_doc *)1;
	assert_int_equal(yoy_json_read(&doc, json, strlen(json), "x.json", &err),
			 YOY_EINPUT);
	assert_null(doc);
	if (!strstr(err.message, words))
		fail_msg("\"%s\" does not say \"%s\"", err.message, words);
	assert_non_null(strstr(err.message, "x.json"));
}

static void test_rejects_bad_json(void **state)
{
	(void)state;
	expect_error("{\n\"schema\": \"yoy-disclosure/1\",\n\"year\": }", "x.json:3: malformed");
	expect_error("{\"schema\": \"yoy-disclosure/9\"}", "not a yoy document");
	expect_error("[]", "not a yoy document");
	expect_error("{\"schema\": \"yoy-disclosure/1\", \"year\": \"2023\"}", "integer");
	expect_error("{\"schema\": \"yoy-disclosure/1\", \"tables\": [{\"kind\": \"income\","
		     "\"unit\": \"万元\", \"columns\": [{\"key\": \"total\"}],"
		     "\"rows\": [{\"values\": {\"total\": 12.5}}]}]}", "decimal string");
	expect_error("{\"schema\": \"yoy-disclosure/1\", \"claims\": [{\"current\": \"12.5\"}]}",
		     "12.34万元");
}

/* A year outside 1900-2999 is refused, not wrapped into an int (it was
 * filed as 2000 for 4294969296, negative for 2147483648). */
static void test_rejects_absurd_year(void **state)
{
	(void)state;
	static const char *const years[] = { "4294969296", "2147483648", "-5", "1899", "3000" };
	for (size_t i = 0; i < sizeof years / sizeof *years; i++) {
		char text[256];
		snprintf(text, sizeof text,
			 "{\"schema\":\"yoy-disclosure/1\",\"department\":\"x\",\"year\":%s}",
			 years[i]);
		yoy_doc *doc = NULL;
		yoy_error err;
		assert_int_equal(yoy_json_read(&doc, text, strlen(text), "y.json", &err), YOY_EINPUT);
		assert_null(doc);
		assert_non_null(strstr(err.message, "1900 to 2999"));
	}
	/* too large for any integer type: refused, not cast (fuzz_json) */
	const char *huge = "{\"schema\":\"yoy-disclosure/1\",\"department\":\"x\",\"year\":7.7e119}";
	yoy_doc *hd = NULL;
	yoy_error herr;
	assert_int_equal(yoy_json_read(&hd, huge, strlen(huge), "y.json", &herr), YOY_EINPUT);
	assert_non_null(strstr(herr.message, "must be an integer"));
	const char *ok = "{\"schema\":\"yoy-disclosure/1\",\"department\":\"x\",\"year\":2999}";
	yoy_doc *doc = NULL;
	yoy_error err;
	assert_int_equal(yoy_json_read(&doc, ok, strlen(ok), "y.json", &err), 0);
	assert_int_equal(doc->year, 2999);
	yoy_doc_free(doc);
}

static void test_money_is_written_as_printed(void **state)
{
	(void)state;
	yoy_doc *doc = parse_ok(LVLIANG);
	char *a = yoy_json_write(doc);
	/* "6.00" keeps its decimals; claims carry their unit */
	assert_non_null(strstr(a, "\"special_account\":\"6.00\""));
	assert_non_null(strstr(a, "\"delta\":\"1619.83万元\""));
	assert_null(strstr(a, "\"14656.81\":"));
	free(a);
	yoy_doc_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip_is_byte_identical),
		cmocka_unit_test(test_stored_json_parses_as_input),
		cmocka_unit_test(test_read_head),
		cmocka_unit_test(test_rejects_bad_json),
		cmocka_unit_test(test_rejects_absurd_year),
		cmocka_unit_test(test_money_is_written_as_printed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
