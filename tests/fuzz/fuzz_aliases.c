/* Fuzz the aliases loader: department and project alias files, the first
 * byte choosing which. */
#include "fuzz.h"
#include "yoy/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	yoy_aliases_kind kind = data[0] & 1 ? YOY_ALIASES_PROJECTS : YOY_ALIASES_DEPARTMENTS;
	yoy_aliases a = { 0 };
	yoy_error err;
	if (yoy_aliases_read(&a, kind, (const char *)data + 1, size - 1, "fuzz.json", &err) == 0) {
		(void)yoy_aliases_lookup(&a, "江苏省人大办公厅");
		yoy_aliases_free(&a);
	}
	return 0;
}
