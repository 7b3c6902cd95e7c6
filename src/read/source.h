/* Internal: reading an input file and decoding its text.
 * Owns iconv: the only file that converts encodings. */
#ifndef YOY_SOURCE_H
#define YOY_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "yoy/error.h"

/* Largest input accepted, in bytes.  Real disclosures are a few MB. */
#define YOY_MAX_INPUT_SIZE ((size_t)128 * 1024 * 1024)

typedef enum input_format {
	INPUT_TEXT = 0,
	INPUT_PDF,
	INPUT_JSON
} input_format;

typedef struct yoy_input {
	char *path;        /* as given */
	const char *name;  /* last path component of path */
	char *bytes;       /* the file, byte for byte (NUL-terminated) */
	size_t size;
	char sha256[65];
	input_format format;
	char *text;        /* INPUT_TEXT/JSON: UTF-8, '\n' line ends, no BOM */
	size_t text_len;
	const char *encoding; /* static string: "UTF-8", "GB18030", ... */
	bool crlf;         /* line ends were CRLF or CR */
} yoy_input;

/* Read path, fingerprint it and sniff its format; for text, decode it.
 * On failure returns YOY_EINPUT (message names the file) and leaves *in
 * empty.  Free with input_free. */
int input_read(yoy_input *in, const char *path, yoy_error *err);

/* The same from memory (name is used in messages); copies data. */
int input_from_memory(yoy_input *in, const char *name, const void *data,
		      size_t size, yoy_error *err);

void input_free(yoy_input *in);

#endif
