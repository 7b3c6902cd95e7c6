#include "pdf.h"

int pdf_lines(yoy_lines *ls, const yoy_input *in, int file, yoy_error *err)
{
	(void)ls;
	(void)file;
	return yoy_error_set(err, YOY_EINPUT, "%s: PDF input is not supported yet",
			     in->path);
}
