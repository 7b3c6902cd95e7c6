/* Fuzz the text reader: any bytes as a published file -- encodings
 * sniffed and decoded, lines, tables, forms, narrative and claims.  PDF
 * bytes are left to poppler's own fuzzing (the layout harness covers
 * ours). */
#include <string.h>

#include "fuzz.h"
#include "yoy/doc.h"
#include "yoy/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size >= 4 && memcmp(data, "%PDF", 4) == 0)
		return 0;
	yoy_doc *doc = NULL;
	yoy_error err;
	if (yoy_parse_buffer(&doc, "fuzz.txt", data, size, &err) == 0)
		yoy_doc_free(doc);
	return 0;
}
