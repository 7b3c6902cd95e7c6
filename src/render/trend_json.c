/* A trend as JSON, schema "yoy-trend/1" (history/README.md). */
#include <stdio.h>

#include "model/jsonw.h"
#include "util/util.h"
#include "yoy/diff.h"
#include "yoy/render.h"

char *yoy_render_trend_json(const yoy_trend *t, const char *department)
{
	sbuf b;
	sbuf_init(&b);
	jsonw w;
	jw_init(&w, &b);
	jw_object(&w, NULL, JW_PRETTY);
	jw_str(&w, "schema", "yoy-trend/1");
	jw_str(&w, "department", department);
	jw_str(&w, "line", t->what);
	jw_str(&w, "unit", "万元");
	jw_str(&w, "revision", t->revision);
	jw_array(&w, "years", JW_LINES);
	for (size_t i = 0; i < t->nyears; i++) {
		const yoy_trend_year *y = &t->years[i];
		char v[48], mark[512];
		jw_object(&w, NULL, JW_COMPACT);
		jw_int(&w, "year", y->year);
		jw_bool(&w, "present", y->present);
		jw_str(&w, "code", y->code);
		jw_str(&w, "name", y->name);
		if (y->present) {
			yoy_fen_format(v, sizeof v, y->value, YOY_UNIT_WAN, t->decimals);
			jw_str(&w, "amount", v);
		}
		if (y->has_change) {
			yoy_fen_format(v, sizeof v, y->change, YOY_UNIT_WAN, t->decimals);
			jw_str(&w, "change", v);
		}
		if (y->has_percent) {
			yoy_diff_format_percent(v, sizeof v, y->percent, false);
			jw_str(&w, "percent", v);
		}
		if (y->present && y->flags) {
			jw_array(&w, "flags", JW_COMPACT);
			for (unsigned k = 0; k < YOY_DIFF_FLAG_COUNT; k++)
				if (y->flags & (1u << k))
					jw_str(&w, NULL, yoy_diff_flag_name(k));
			jw_end(&w);
			if (y->flags & YOY_DIFF_SIMILAR)
				jw_int(&w, "score", y->score);
			jw_str(&w, "was", y->was);
		}
		if (yoy_trend_mark(mark, sizeof mark, y) && y->present)
			jw_str(&w, "note", mark);
		if (y->present)
			jw_place(&w, "at", y->file, y->at);
		jw_end(&w);
	}
	jw_end(&w);
	jw_end(&w);
	return jw_finish(&w);
}
