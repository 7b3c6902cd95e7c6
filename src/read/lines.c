/* Text as numbered lines of cells (lines.h), shared by the tabbed-text and
 * PDF readers.  Calls util only. */
#include "lines.h"

#include <stdlib.h>

void lines_free(yoy_lines *ls)
{
	free(ls->v);
	arena_release(&ls->arena);
	memset(ls, 0, sizeof *ls);
}

yoy_line *lines_add(yoy_lines *ls, int no, int page, int file,
		    const char *const *cells, const size_t *lens, size_t n)
{
	if (!vec_grow((void **)&ls->v, &ls->cap, ls->n + 1, sizeof *ls->v))
		return NULL;
	yoy_line *l = &ls->v[ls->n];
	memset(l, 0, sizeof *l);
	l->no = no;
	l->page = page;
	l->file = file;
	/* drop trailing empty cells; keep inner ones (they carry position) */
	size_t keep = 0, total = 0;
	for (size_t i = 0; i < n; i++) {
		const char *s = cells[i];
		size_t len = lens[i];
		trim_span(&s, &len);
		if (len) {
			keep = i + 1;
			total += len + 1;
		}
	}
	l->cells = arena_alloc(&ls->arena, (keep ? keep : 1) * sizeof *l->cells);
	char *joined = arena_alloc(&ls->arena, total + 1);
	if (!l->cells || !joined)
		return NULL;
	size_t jl = 0;
	for (size_t i = 0; i < keep; i++) {
		const char *s = cells[i];
		size_t len = lens[i];
		trim_span(&s, &len);
		l->cells[i].text = arena_strndup(&ls->arena, s, len);
		if (!l->cells[i].text)
			return NULL;
		l->cells[i].len = len;
		if (len) {
			if (jl)
				joined[jl++] = ' ';
			memcpy(joined + jl, s, len);
			jl += len;
		}
	}
	joined[jl] = '\0';
	l->ncells = keep;
	l->text = joined;
	l->len = jl;
	ls->n++;
	return l;
}

int lines_from_text(yoy_lines *ls, const char *text, size_t len, int file)
{
	const char *p = text, *end = text + len;
	int no = 0;
	const char **cells = NULL;
	size_t *lens = NULL, cap = 0, lcap = 0;
	int rc = 0;
	while (p < end || (p == end && no == 0)) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		no++;
		size_t n = 0;
		const char *c = p;
		bool tabbed = false;
		for (;;) {
			const char *tab = memchr(c, '\t', (size_t)(le - c));
			const char *ce = tab ? tab : le;
			if (!vec_grow((void **)&cells, &cap, n + 1, sizeof *cells) ||
			    !vec_grow((void **)&lens, &lcap, n + 1, sizeof *lens)) {
				rc = -1;
				goto done;
			}
			cells[n] = c;
			lens[n] = (size_t)(ce - c);
			n++;
			if (!tab)
				break;
			tabbed = true;
			c = tab + 1;
		}
		yoy_line *l = lines_add(ls, no, 0, file, cells, lens, n);
		if (!l) {
			rc = -1;
			goto done;
		}
		l->tabbed = tabbed;
		l->para_start = true;
		if (!nl)
			break;
		p = nl + 1;
		if (p == end)
			break;
	}
done:
	free(cells);
	free(lens);
	return rc;
}

const char *line_cell(const yoy_line *l, size_t i)
{
	return i < l->ncells ? l->cells[i].text : "";
}

size_t line_filled(const yoy_line *l)
{
	size_t n = 0;
	for (size_t i = 0; i < l->ncells; i++)
		if (l->cells[i].len)
			n++;
	return n;
}
