/* Display width, from utf8proc (East Asian Width of the Unicode version
 * it carries): the one file that includes utf8proc.h.  Our own table
 * counted “ ” — … and box drawing as wide, which no terminal does.
 * May call: nothing of ours but util. */
#include <utf8proc.h>

#include "util.h"

int codepoint_width(uint32_t cp)
{
	int w = utf8proc_charwidth((utf8proc_int32_t)cp);
	return w < 0 ? 0 : w; /* a control character takes no column */
}

size_t utf8_width(const char *s)
{
	size_t w = 0, len = strlen(s), i = 0;
	while (i < len) {
		size_t adv;
		w += (size_t)codepoint_width(utf8_decode(s + i, len - i, &adv));
		i += adv;
	}
	return w;
}
