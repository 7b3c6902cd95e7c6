/* Error values (error.h): a status code and a message naming the file and
 * line.  The library never prints; the CLI does.  Calls nothing of ours. */
#include "yoy/error.h"

#include <stdarg.h>
#include <stdio.h>

int yoy_error_set(yoy_error *err, int code, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->message, sizeof err->message, fmt, ap);
		va_end(ap);
		err->code = code;
	}
	return code;
}

void yoy_error_clear(yoy_error *err)
{
	if (err) {
		err->code = 0;
		err->message[0] = '\0';
	}
}
