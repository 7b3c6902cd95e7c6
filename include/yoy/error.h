/* Error reporting shared by every yoy module.
 *
 * Library functions return 0 on success or a negative yoy_status, and fill
 * a caller-provided yoy_error with a message that names the file (and line
 * or page when known).  The library never prints and never exits; the CLI
 * maps statuses to exit codes (see README.md, "Exit status").
 */
#ifndef YOY_ERROR_H
#define YOY_ERROR_H

typedef enum yoy_status {
	YOY_OK = 0,
	YOY_EUSAGE = -1,    /* bad arguments or options */
	YOY_EINPUT = -2,    /* unreadable, malformed or not a disclosure */
	YOY_ESTORE = -3,    /* history repository failed or lacks the item */
	YOY_ENOMEM = -4,    /* out of memory */
	YOY_EINTERNAL = -5, /* a bug: should never happen */
	YOY_EREMOTE = -6    /* a remote unreachable, refusing us, or ahead of
			     * us (a push that is not a fast-forward) */
} yoy_status;

typedef struct yoy_error {
	int code;           /* a yoy_status */
	char message[1024]; /* "path:line: what went wrong" */
} yoy_error;

/* Set err (when not NULL) and return code, so callers can write
 * `return yoy_error_set(err, YOY_EINPUT, "%s: empty file", path);`. */
int yoy_error_set(yoy_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Clear err to "no error". */
void yoy_error_clear(yoy_error *err);

#endif
