/* The department ranking of check --all as JSON, schema
 * "yoy-check-rank/1" (history/README.md). */
#include "model/jsonw.h"
#include "util/util.h"
#include "yoy/render.h"

char *yoy_render_rank_json(const yoy_rank *r)
{
	sbuf b;
	sbuf_init(&b);
	jsonw w;
	jw_init(&w, &b);
	jw_object(&w, NULL, JW_PRETTY);
	jw_str(&w, "schema", "yoy-check-rank/1");
	jw_int(&w, "documents", r->documents);
	jw_array(&w, "departments", JW_LINES);
	for (size_t i = 0; i < r->n; i++) {
		const yoy_rank_row *row = &r->rows[i];
		jw_object(&w, NULL, JW_COMPACT);
		jw_int(&w, "rank", (long long)i + 1);
		jw_str(&w, "department", row->department);
		jw_int(&w, "documents", row->documents);
		jw_int(&w, "first_year", row->first_year);
		jw_int(&w, "last_year", row->last_year);
		jw_int(&w, "errors", (long long)row->count[YOY_SEV_ERROR]);
		jw_int(&w, "warnings", (long long)row->count[YOY_SEV_WARNING]);
		jw_int(&w, "unverifiable", (long long)row->unverifiable);
		jw_int(&w, "info", (long long)row->count[YOY_SEV_INFO]);
		jw_object(&w, "worst", JW_COMPACT);
		jw_int(&w, "year", row->worst_year);
		jw_str(&w, "kind", row->worst_kind);
		jw_int(&w, "errors", (long long)row->worst_count[YOY_SEV_ERROR]);
		jw_int(&w, "warnings", (long long)row->worst_count[YOY_SEV_WARNING]);
		jw_end(&w);
		jw_end(&w);
	}
	jw_end(&w);
	jw_end(&w);
	return jw_finish(&w);
}
