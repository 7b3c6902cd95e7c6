/* Fuzz the stored-JSON loader (yoy-doc/1 as history holds it), whole and
 * its head alone (yoy_json_read_head, the import of a stored document). */
#include "fuzz.h"
#include "yoy/doc.h"
#include "yoy/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	yoy_doc *doc = NULL;
	yoy_error err;
	if (yoy_json_read(&doc, (const char *)data, size, "fuzz.json", &err) == 0)
		yoy_doc_free(doc);
	if (yoy_json_read_head(&doc, (const char *)data, size, "fuzz.json", &err) == 0)
		yoy_doc_free(doc);
	return 0;
}
