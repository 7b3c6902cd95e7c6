/* Internal: reading an input file and decoding its text.
 * Owns iconv: the only file that converts encodings. */
#ifndef YOY_SOURCE_H
#define YOY_SOURCE_H

#include <pthread.h>
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
	char sha256[65];   /* read it with input_sha256 */
	bool mapped;       /* bytes are a read-only mapping of the file (a
			      large PDF), not NUL-terminated */
	bool hashing;      /* a large file's sha256 is being worked out */
	pthread_t hasher;  /* ... by this thread, while it is parsed */
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

/* A PDF of 1 MiB or more at path, mapped rather than read: poppler reads
 * it in place, nothing is copied.  Returns 1 and fills *in when it is
 * one, 0 when path is something else (read it as usual), or YOY_EINPUT. */
int input_map_pdf(yoy_input *in, const char *path, yoy_error *err);
/* path is a PDF input_map_pdf maps. */
bool input_is_large_pdf(const char *path);

/* in's sha256 (hex), once its thread, if any, has worked it out. */
const char *input_sha256(yoy_input *in);

/* The same from memory (name is used in messages); copies data. */
int input_from_memory(yoy_input *in, const char *name, const void *data,
		      size_t size, yoy_error *err);
/* The same, taking data (malloc'd, size + 1 bytes, NUL-terminated): the
 * input frees it, also when this fails. */
int input_adopt(yoy_input *in, const char *name, char *data, size_t size, yoy_error *err);

void input_free(yoy_input *in);

#endif
