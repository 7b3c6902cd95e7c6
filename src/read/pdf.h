/* Internal: PDF text extraction.  pdf.c is the only file that includes
 * poppler.  It rebuilds lines and cells from character positions, drops
 * page headers, footers and page numbers, and marks paragraph starts. */
#ifndef YOY_PDF_H
#define YOY_PDF_H

#include "lines.h"
#include "source.h"

/* Append the lines of the PDF in `in` to ls, tagged with file index
 * `file`.  Returns 0, or YOY_EINPUT with err saying whether the PDF is
 * encrypted, image-only, truncated/corrupt or too large. */
int pdf_lines(yoy_lines *ls, const yoy_input *in, int file, yoy_error *err);

#endif
