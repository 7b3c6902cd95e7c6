/* Aliases: names as printed mapped to the name something is filed under.
 * Two files of a history repository hold them (history/README.md):
 * aliases.json for departments ("江苏省人大办公厅" -> "江苏省人大常委会办公厅")
 * and <department>/aliases.json for that department's projects across
 * years.  aliases.c keeps the map; json.c reads and writes the files. */
#ifndef YOY_ALIASES_H
#define YOY_ALIASES_H

#include <stddef.h>

typedef struct yoy_aliases {
	char **from;
	char **to;
	size_t n;
} yoy_aliases;

/* Which file: its schema and the member holding the map. */
typedef enum yoy_aliases_kind {
	YOY_ALIASES_DEPARTMENTS, /* "yoy-aliases/1", "departments" */
	YOY_ALIASES_PROJECTS     /* "yoy-project-aliases/1", "projects" */
} yoy_aliases_kind;

/* The value stored for key, or NULL.  The string belongs to a. */
const char *yoy_aliases_lookup(const yoy_aliases *a, const char *key);
/* Add or replace from -> to (copied).  Returns 0 or YOY_ENOMEM. */
int yoy_aliases_set(yoy_aliases *a, const char *from, const char *to);
/* Remove the entry for from, when there is one. */
void yoy_aliases_remove(yoy_aliases *a, const char *from);
/* Release the copies; a is empty afterwards. */
void yoy_aliases_free(yoy_aliases *a);

#endif
