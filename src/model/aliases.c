/* The alias map (aliases.h). */
#include "yoy/aliases.h"

#include <stdlib.h>
#include <string.h>

#include "yoy/error.h"

const char *yoy_aliases_lookup(const yoy_aliases *a, const char *key)
{
	for (size_t i = 0; key && i < a->n; i++)
		if (strcmp(a->from[i], key) == 0)
			return a->to[i];
	return NULL;
}

int yoy_aliases_set(yoy_aliases *a, const char *from, const char *to)
{
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->from[i], from) == 0) {
			char *t = strdup(to);
			if (!t)
				return YOY_ENOMEM;
			free(a->to[i]);
			a->to[i] = t;
			return 0;
		}
	char **f = realloc(a->from, (a->n + 1) * sizeof *f);
	if (!f)
		return YOY_ENOMEM;
	a->from = f;
	char **t = realloc(a->to, (a->n + 1) * sizeof *t);
	if (!t)
		return YOY_ENOMEM;
	a->to = t;
	a->from[a->n] = strdup(from);
	a->to[a->n] = strdup(to);
	if (!a->from[a->n] || !a->to[a->n]) {
		free(a->from[a->n]);
		free(a->to[a->n]);
		return YOY_ENOMEM;
	}
	a->n++;
	return 0;
}

void yoy_aliases_remove(yoy_aliases *a, const char *from)
{
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->from[i], from) == 0) {
			free(a->from[i]);
			free(a->to[i]);
			memmove(a->from + i, a->from + i + 1, (a->n - i - 1) * sizeof *a->from);
			memmove(a->to + i, a->to + i + 1, (a->n - i - 1) * sizeof *a->to);
			a->n--;
			return;
		}
}

void yoy_aliases_free(yoy_aliases *a)
{
	for (size_t i = 0; i < a->n; i++) {
		free(a->from[i]);
		free(a->to[i]);
	}
	free(a->from);
	free(a->to);
	memset(a, 0, sizeof *a);
}
