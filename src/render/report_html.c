/* The hearing summary as one self-contained HTML page.  The charts are
 * inline SVG drawn here; nothing is fetched (no scripts, fonts, images or
 * styles from elsewhere).  Increases and decreases differ by direction,
 * by fill pattern and by sign, not by colour alone.  The page reads on a
 * phone (tables scroll, charts scale) and prints on A4. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"
#include "yoy/render.h"

static void esc(sbuf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': sbuf_puts(b, "&amp;"); break;
		case '<': sbuf_puts(b, "&lt;"); break;
		case '>': sbuf_puts(b, "&gt;"); break;
		case '"': sbuf_puts(b, "&quot;"); break;
		default: sbuf_putc(b, *s);
		}
	}
}

/* s cut to at most max code points, "…" added when cut. */
static void esc_cut(sbuf *b, const char *s, size_t max)
{
	size_t len = s ? strlen(s) : 0, i = 0, n = 0;
	while (i < len && n < max) {
		size_t adv;
		utf8_decode(s + i, len - i, &adv);
		i += adv;
		n++;
	}
	char *cut = s ? strndup(s, i) : NULL;
	esc(b, cut);
	free(cut);
	if (i < len)
		sbuf_puts(b, "…");
}

static int64_t mag(int64_t v)
{
	return v < 0 ? -v : v;
}

/* fen as 万元 with no decimals, for axis labels */
static void wan_int(sbuf *b, int64_t fen)
{
	char buf[48];
	yoy_fen_format(buf, sizeof buf, fen, YOY_UNIT_WAN, 0);
	sbuf_puts(b, buf);
}

static const char style[] =
	"<style>\n"
	":root{--up:#1f5fa8;--down:#b5472e;--ink:#222;--muted:#666;--rule:#ccc}\n"
	"body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"PingFang SC\","
	"\"Microsoft YaHei\",\"WenQuanYi Micro Hei\",sans-serif;color:var(--ink);"
	"max-width:60rem;margin:0 auto;padding:1rem;line-height:1.55}\n"
	"h1{font-size:1.5rem;margin:.2rem 0 .6rem}h2{font-size:1.15rem;margin:1.6rem 0 .5rem;"
	"border-bottom:1px solid var(--rule)}\n"
	".wrap{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.9rem}\n"
	"th,td{border-bottom:1px solid var(--rule);padding:.3rem .45rem;text-align:left;"
	"vertical-align:top}td.n,th.n{text-align:right;white-space:nowrap;"
	"font-variant-numeric:tabular-nums}\n"
"td.v{min-width:4.5em}\n"
	".up{color:var(--up)}.down{color:var(--down)}.muted{color:var(--muted)}\n"
	".bad{color:var(--down);font-weight:600}blockquote{margin:.2rem 0 .6rem 1rem;"
	"color:var(--muted)}\n"
	"figure{margin:1rem 0}figcaption{font-size:.85rem;color:var(--muted)}\n"
	"svg{width:100%;max-width:40rem;height:auto;display:block}"
	"svg text{font-size:12px;fill:var(--ink)}\n"
	"ol li{margin:.35rem 0}code{font-size:.85em}\n"
	/* a phone: tables and charts keep a legible width and scroll sideways */
	"@media (max-width:40rem){body{padding:.5rem}table{font-size:.8rem}"
	".wrap table{min-width:38rem}svg text{font-size:15px}"
	/* each change a card: name, the figures on one line, reason, check */
	".wrap table.cards{min-width:0}.cards thead{display:none}.cards tr{display:block;"
	"border-bottom:1px solid var(--rule);padding:.4rem 0}.cards td{display:block;border:0;"
	"padding:.1rem .2rem}.cards td.name{font-weight:600}.cards td.n{display:inline-block;"
	"text-align:left;padding-right:.6rem}.cards td[data-l]::before{content:attr(data-l) \"：\";"
	"color:var(--muted)}}\n"
	"@media print{@page{size:A4;margin:15mm}body{max-width:none;padding:0;font-size:10pt}"
	"table{font-size:8.5pt}th,td{padding:.15rem .3rem}svg.chart{max-width:115mm}"
	".wrap{overflow:visible}figure,tr,li{break-inside:avoid}h2{break-after:avoid}}\n"
	"</style>\n";

/* The charts are drawn 480 units wide with each label on its own line
 * above its bars, so that they fit a phone without scrolling and do not
 * grow past 40rem on a wide screen. */
#define CHART_W 480

/* Largest changes: bars right of the axis for increases (solid, ▲, +),
 * left for decreases (hatched, ▼, −). */
static void chart_changes(sbuf *b, const yoy_report *r)
{
	size_t n = r->ncode_changes;
	if (!n)
		return;
	int64_t max = 1;
	for (size_t i = 0; i < n; i++)
		if (mag(r->code_changes[i].row->cells[0].change) > max)
			max = mag(r->code_changes[i].row->cells[0].change);
	/* room for the value beside each bar: 85 on either side */
	const int row = 38, top = 24, axis = CHART_W / 2, half = axis - 85;
	const int H = top + (int)n * row + 4;
	sbuf_printf(b, "<figure><svg class=\"chart\" id=\"chart-changes\" viewBox=\"0 0 %d %d\" "
		       "role=\"img\" aria-label=\"变动最大的科目\">\n", CHART_W, H);
	sbuf_puts(b, "<title>变动最大的科目：增加在右（实心，▲），减少在左（斜线，▼）</title>\n"
		     "<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" "
		     "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
		     "<rect width=\"6\" height=\"6\" fill=\"#fff\"/>"
		     "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#b5472e\" "
		     "stroke-width=\"3\"/></pattern></defs>\n");
	sbuf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>\n", axis,
		    top - 6, axis, H - 2);
	sbuf_printf(b, "<text x=\"%d\" y=\"14\" text-anchor=\"end\">▼ 减少</text>"
		       "<text x=\"%d\" y=\"14\">增加 ▲</text>\n", axis - 6, axis + 6);
	for (size_t i = 0; i < n; i++) {
		const yoy_report_change *c = &r->code_changes[i];
		int64_t ch = c->row->cells[0].change;
		int len = (int)((__int128)mag(ch) * half / max);
		if (len < 1)
			len = 1;
		int y = top + (int)i * row;
		bool up = ch > 0;
		/* the label on its own line over its bar */
		sbuf_printf(b, "<text x=\"4\" y=\"%d\">", y + 12);
		if (c->row->code)
			sbuf_printf(b, "%s ", c->row->code);
		esc_cut(b, yoy_diff_row_name(c->row), 14);
		sbuf_puts(b, "</text>\n");
		char v[48];
		yoy_report_wan(v, sizeof v, ch, yoy_report_table_decimals(c->table), true);
		sbuf_printf(b, "<rect class=\"bar %s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"14\" "
			       "fill=\"%s\" stroke=\"%s\"><title>",
			    up ? "bar-up" : "bar-down", up ? axis : axis - len, y + 17, len,
			    up ? "#1f5fa8" : "url(#hatch)", up ? "#1f5fa8" : "#b5472e");
		esc(b, yoy_diff_row_name(c->row));
		sbuf_printf(b, " %s万元</title></rect>\n", v);
		sbuf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\">%s %s</text>\n",
			    up ? axis + len + 4 : axis - len - 4, y + 29, up ? "start" : "end",
			    up ? "▲" : "▼", v);
	}
	sbuf_puts(b, "</svg><figcaption>变动最大的科目（万元）。增加：实心、向右、▲；"
		     "减少：斜线、向左、▼。</figcaption></figure>\n");
}

/* Spending by function class in both years: two bars per class. */
static void chart_structure(sbuf *b, const yoy_report *r)
{
	size_t n = r->nclasses;
	if (!n || !r->prior)
		return;
	int64_t max = 1;
	for (size_t i = 0; i < n; i++) {
		if (r->classes[i].a > max)
			max = r->classes[i].a;
		if (r->classes[i].b > max)
			max = r->classes[i].b;
	}
	const int left = 4, row = 54, top = 28, len_max = CHART_W - left - 90;
	const int H = top + (int)n * row + 2;
	sbuf_printf(b, "<figure><svg class=\"chart\" id=\"chart-structure\" viewBox=\"0 0 %d %d\" "
		       "role=\"img\" aria-label=\"支出结构\">\n", CHART_W, H);
	sbuf_printf(b, "<title>按功能科目（类）的支出：%d年（上，浅色点纹）与%d年（下，实心）"
		       "</title>\n", r->prior->year, r->doc->year);
	sbuf_puts(b, "<defs><pattern id=\"dots\" width=\"5\" height=\"5\" "
		     "patternUnits=\"userSpaceOnUse\"><rect width=\"5\" height=\"5\" fill=\"#e8eef6\"/>"
		     "<circle cx=\"2.5\" cy=\"2.5\" r=\"1.1\" fill=\"#1f5fa8\"/></pattern></defs>\n");
	sbuf_printf(b, "<rect x=\"%d\" y=\"6\" width=\"14\" height=\"10\" fill=\"url(#dots)\" "
		       "stroke=\"#1f5fa8\"/><text x=\"%d\" y=\"15\">%d年</text>"
		       "<rect x=\"%d\" y=\"6\" width=\"14\" height=\"10\" fill=\"#1f5fa8\"/>"
		       "<text x=\"%d\" y=\"15\">%d年</text>\n",
		    left, left + 18, r->prior->year, left + 80, left + 98, r->doc->year);
	for (size_t i = 0; i < n; i++) {
		const yoy_report_class *c = &r->classes[i];
		int y = top + (int)i * row;
		sbuf_printf(b, "<text x=\"%d\" y=\"%d\">%s ", left, y + 12, c->code);
		esc_cut(b, c->name, 20);
		sbuf_puts(b, "</text>\n");
		for (int k = 0; k < 2; k++) {
			int64_t v = k ? c->b : c->a;
			int len = (int)((__int128)(v > 0 ? v : 0) * len_max / max);
			int yy = y + 17 + k * 16;
			char t[48];
			yoy_report_wan(t, sizeof t, v, 2, false);
			sbuf_printf(b, "<rect class=\"bar bar-%s\" x=\"%d\" y=\"%d\" width=\"%d\" "
				       "height=\"14\" fill=\"%s\" stroke=\"#1f5fa8\"><title>%d年 ",
				    k ? "this" : "last", left, yy, len > 0 ? len : 1,
				    k ? "#1f5fa8" : "url(#dots)", k ? r->doc->year : r->prior->year);
			esc(b, c->name);
			sbuf_printf(b, " %s万元</title></rect><text x=\"%d\" y=\"%d\">%s</text>\n", t,
				    left + 4 + (len > 0 ? len : 1), yy + 11, t);
		}
	}
	sbuf_puts(b, "</svg><figcaption>按功能科目（类）的支出（万元）：每类上为上年（点纹），"
		     "下为本年（实心）。</figcaption></figure>\n");
}

/* Totals over the years: a line with a point per year. */
static void chart_years(sbuf *b, const yoy_report *r)
{
	if (!yoy_report_has_years(r))
		return;
	const yoy_trend_year *ys = r->totals->years;
	size_t n = r->totals->nyears;
	int64_t lo = INT64_MAX, hi = 0;
	for (size_t i = 0; i < n; i++)
		if (ys[i].present) {
			if (ys[i].value < lo)
				lo = ys[i].value;
			if (ys[i].value > hi)
				hi = ys[i].value;
		}
	if (hi <= 0)
		return;
	/* the axis on round figures: a step of 1, 2 or 5 times a power of
	 * ten 万元, 3 to 5 of them from below the lowest year to above the
	 * highest (the axis need not start at zero; the caption says so) */
	int64_t tick = 1000000; /* 1万元 in fen */
	static const int mult[] = { 1, 2, 5 };
	for (int k = 0;; k = (k + 1) % 3) {
		int64_t s = tick * mult[k];
		int64_t a = lo / s * s, z = (hi + s - 1) / s * s;
		if ((z - a) / s <= 4 || s > INT64_MAX / 20) {
			tick = s;
			lo = a;
			hi = z > a ? z : a + s;
			break;
		}
		if (k == 2)
			tick *= 10;
	}
	const int W = CHART_W, H = 200, left = 70, right = 40, top = 24, bottom = 36;
	sbuf_printf(b, "<figure><svg class=\"chart\" id=\"chart-years\" viewBox=\"0 0 %d %d\" "
		       "role=\"img\" aria-label=\"历年收入总计\">\n<title>历年收入总计（万元）"
		       "</title>\n", W, H);
	sbuf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>\n", left,
		    H - bottom, W - right, H - bottom);
	for (int64_t t = lo; t <= hi; t += tick) {
		int y = H - bottom - (int)((__int128)(t - lo) * (H - top - bottom) / (hi - lo));
		if (t > lo)
			sbuf_printf(b, "<line class=\"tick\" x1=\"%d\" y1=\"%d\" x2=\"%d\" "
				       "y2=\"%d\" stroke=\"#ddd\"/>\n", left, y, W - right, y);
		sbuf_printf(b, "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\">",
			    left - 6, y + 4);
		wan_int(b, t);
		sbuf_puts(b, "</text>\n");
	}
	sbuf_puts(b, "<polyline fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"2\" "
		     "points=\"");
	int step = n > 1 ? (W - left - right) / (int)(n - 1) : 0;
	for (size_t i = 0; i < n; i++)
		if (ys[i].present)
			sbuf_printf(b, "%d,%d ", left + (int)i * step,
				    H - bottom - (int)((__int128)(ys[i].value - lo) *
						       (H - top - bottom) / (hi - lo)));
	sbuf_puts(b, "\"/>\n");
	for (size_t i = 0; i < n; i++) {
		int x = left + (int)i * step;
		sbuf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%d</text>\n", x,
			    H - bottom + 18, ys[i].year);
		if (!ys[i].present)
			continue;
		int y = H - bottom - (int)((__int128)(ys[i].value - lo) * (H - top - bottom) /
					   (hi - lo));
		char t[48];
		yoy_report_wan(t, sizeof t, ys[i].value, r->totals->decimals, false);
		sbuf_printf(b, "<circle class=\"point\" cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"#1f5fa8\">"
			       "<title>%d年 %s万元</title></circle><text x=\"%d\" y=\"%d\" "
			       "text-anchor=\"middle\">%s</text>\n",
			    x, y, ys[i].year, t, x, y - 9, t);
	}
	sbuf_puts(b, "</svg><figcaption>历年收入总计（万元），纵轴不从零开始。</figcaption>"
		     "</figure>\n");
}

static void change_rows(sbuf *b, const yoy_report *r, const yoy_report_change *v, size_t n,
			const char *la, const char *lb)
{
	sbuf_printf(b, "<div class=\"wrap\"><table class=\"cards\"><thead><tr><th>%s</th>"
		       "<th class=\"n\">%s</th><th class=\"n\">%s</th><th class=\"n\">增减额</th>"
		       "<th class=\"n\">增减率</th><th>部门说明的原因</th><th>核对</th></tr></thead>"
		       "<tbody>\n", v == r->project_changes ? "项目" : "科目", la, lb);
	for (size_t i = 0; i < n; i++) {
		const yoy_report_change *c = &v[i];
		const yoy_diff_cell *x = &c->row->cells[0];
		int dec = yoy_report_table_decimals(c->table);
		char a[48] = "—", bb[48] = "—", ch[48], p[32];
		if (c->row->a && x->in_a)
			yoy_report_wan(a, sizeof a, x->a, dec, false);
		if (c->row->b && x->in_b)
			yoy_report_wan(bb, sizeof bb, x->b, dec, false);
		yoy_report_wan(ch, sizeof ch, x->change, dec, true);
		yoy_report_percent(p, sizeof p, x->has_percent, x->percent);
		char name[512];
		yoy_report_change_name(name, sizeof name, c);
		/* data-l: the column's name, shown in the cards of a phone */
		sbuf_puts(b, "<tr><td class=\"name\">");
		esc(b, name);
		sbuf_printf(b, "</td><td class=\"n\" data-l=\"%s\">%s</td><td class=\"n\" "
			       "data-l=\"%s\">%s</td><td class=\"n %s\" data-l=\"增减\">%s</td>"
			       "<td class=\"n\">%s</td><td data-l=\"原因\">",
			    la, a, lb, bb, x->change > 0 ? "up" : "down", ch, p);
		const char *none = yoy_report_no_reason_words(c);
		if (!none) {
			char where[256];
			yoy_report_where(where, sizeof where, yoy_report_claim_file(r, c->claim),
					 c->claim->at);
			sbuf_puts(b, "“");
			esc(b, c->claim->reason);
			sbuf_puts(b, "”<br><span class=\"muted\">");
			esc(b, where);
			sbuf_puts(b, "</span>");
		} else {
			sbuf_puts(b, none);
		}
		char verdict[1200];
		yoy_report_verdict_text(verdict, sizeof verdict, r, c);
		bool bad = c->base_differs || (c->verdict && c->verdict->severity >= YOY_SEV_WARNING);
		sbuf_printf(b, "</td><td class=\"v%s\" data-l=\"核对\">", bad ? " bad" : "");
		esc(b, verdict);
		sbuf_puts(b, "</td></tr>\n");
	}
	sbuf_puts(b, "</tbody></table></div>\n");
}

/* s as the inside of a CSS string in an HTML <style>: quotes and
 * backslashes escaped, "<" and controls as hex escapes. */
static void css_string(sbuf *b, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			sbuf_printf(b, "\\%c", c);
		else if (c < 0x20 || c == '<' || c == '>' || c == 0x7f)
			sbuf_printf(b, "\\%x ", c);
		else
			sbuf_putc(b, (char)c);
	}
}

/* Printed, each A4 page names the department and year at the top and
 * its page number at the bottom (CSS page margin boxes). */
static void print_margins(sbuf *b, const yoy_report *r)
{
	sbuf_puts(b, "<style>@media print{@page{@top-left{content:\"");
	css_string(b, r->doc->department);
	sbuf_printf(b, " %d年%s变动情况\";font-size:8pt;color:#666}"
		       "@bottom-center{content:\"第 \" counter(page) \" 页，共 \" counter(pages) "
		       "\" 页\";font-size:8pt;color:#666}}}</style>\n", r->doc->year, yoy_report_kind_words(r));
}

/* The page's head and title, and the sentence saying what it compares. */
static void page_head(sbuf *b, const yoy_report *r)
{
	const yoy_doc *d = r->doc, *p = r->prior;
	sbuf_puts(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\n"
		     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		     "<title>");
	esc(b, d->department);
	sbuf_printf(b, " %d年%s变动情况</title>\n", d->year, yoy_report_kind_words(r));
	sbuf_puts(b, style);
	print_margins(b, r);
	sbuf_puts(b, "</head><body>\n<h1>");
	esc(b, d->department);
	sbuf_printf(b, " %d年%s变动情况</h1>\n<p>", d->year, yoy_report_kind_words(r));
	if (p)
		sbuf_printf(b, "%d年与%d年%s公开文件对比。金额单位：万元。本摘要由 yoy "
			       "根据预算历史库生成，所有数字均可在文末所列出处核对。", d->year, p->year,
			    yoy_report_kind_words(r));
	else
		sbuf_printf(b, "历史库中没有%d年的公开文件，只列出%d年的数字与核对结果。金额单位："
			       "万元。", d->year - 1, d->year);
	sbuf_puts(b, "</p>\n");
}

/* 一、主要指标 as a table, each figure with where it is printed. */
static void headline(sbuf *b, const yoy_report *r, const char *la, const char *lb)
{
	/* cards on a phone, as the changes are: a 390 px screen shows every
	 * column, 增减率 and 出处 included, without scrolling sideways */
	sbuf_printf(b, "<div class=\"wrap\"><table class=\"cards\" id=\"headline\"><thead><tr>"
		       "<th>项目</th><th class=\"n\">%s</th><th class=\"n\">%s</th>"
		       "<th class=\"n\">增减额</th><th class=\"n\">增减率</th><th>出处</th></tr>"
		       "</thead><tbody>\n", la, lb);
	for (size_t i = 0; i < r->nfigures; i++) {
		const yoy_report_figure *f = &r->figures[i];
		yoy_report_figure_cells c;
		yoy_report_figure_format(&c, f);
		sbuf_puts(b, "<tr><td class=\"name\">");
		esc(b, c.label);
		sbuf_printf(b, "</td><td class=\"n\" data-l=\"%s\">%s</td><td class=\"n\" "
			       "data-l=\"%s\">%s</td><td class=\"n %s\" data-l=\"增减额\">%s</td>"
			       "<td class=\"n\" data-l=\"增减率\">%s</td><td class=\"muted\" "
			       "data-l=\"出处\">",
			    la, c.a, lb, c.b, f->change > 0 ? "up" : f->change < 0 ? "down" : "",
			    c.change, c.percent);
		esc(b, c.where);
		sbuf_puts(b, "</td></tr>\n");
	}
	sbuf_puts(b, "</tbody></table></div>\n");
}

/* 四、需要询问的问题, each with the sentence it is about. */
static void questions(sbuf *b, const yoy_report *r)
{
	if (!r->nquestions) {
		sbuf_puts(b, "<p>核对未发现不符或未作解释的重大变动。</p>\n");
		return;
	}
	sbuf_puts(b, "<ol>\n");
	for (size_t i = 0; i < r->nquestions; i++) {
		const yoy_finding *f = r->questions[i];
		char q[1200], where[768];
		yoy_report_question(q, sizeof q, r, f);
		yoy_report_where_finding(where, sizeof where, f, r->prior);
		sbuf_printf(b, "<li><strong>%s：", f->severity == YOY_SEV_ERROR ? "错误" : "存疑");
		esc(b, f->subject);
		sbuf_puts(b, "</strong> ");
		esc(b, q);
		sbuf_puts(b, "。<span class=\"muted\">（");
		esc(b, where);
		sbuf_printf(b, "；规则 <code>%s</code>）</span>", f->rule);
		if (f->text) {
			sbuf_puts(b, "<blockquote>");
			esc(b, f->text);
			sbuf_puts(b, "</blockquote>");
		}
		sbuf_puts(b, "</li>\n");
	}
	sbuf_puts(b, "</ol>\n");
}

/* 五、历年收入总计: the chart and the table. */
static void years(sbuf *b, const yoy_report *r)
{
	sbuf_puts(b, "<h2>五、历年收入总计</h2>\n");
	chart_years(b, r);
	sbuf_puts(b, "<div class=\"wrap\"><table><thead><tr><th>年度</th><th class=\"n\">"
		     "收入总计</th><th class=\"n\">增减额</th><th class=\"n\">增减率</th>"
		     "</tr></thead><tbody>\n");
	for (size_t i = 0; i < r->totals->nyears; i++) {
		yoy_report_year_cells c;
		yoy_report_year_format(&c, r, &r->totals->years[i]);
		sbuf_printf(b, "<tr><td>%d</td><td class=\"n\">%s</td><td class=\"n\">%s</td>"
			       "<td class=\"n\">%s</td></tr>\n", r->totals->years[i].year, c.total,
			    c.change, c.percent);
	}
	sbuf_puts(b, "</tbody></table></div>\n");
}

static void source_items(sbuf *b, const yoy_doc *d)
{
	for (size_t i = 0; d && i < d->nsources; i++) {
		sbuf_printf(b, "<li>%d年：<code>", d->year);
		esc(b, d->sources[i].name);
		sbuf_printf(b, "</code>，sha256 <code>%s</code></li>\n", d->sources[i].sha256);
	}
}

/* 预算执行: the year's budget against its 决算. */
static void execution(sbuf *b, const yoy_report *r, int n)
{
	const yoy_diff_table *t = yoy_report_execution_table(r);
	sbuf_printf(b, "<h2>%s、%d年预算执行情况</h2>\n<p>%d年公开的预算与%d年部门决算对比，"
		       "执行率 = 决算数 / 预算数。</p>\n", yoy_report_numeral(n),
		    r->execution->b->year, r->execution->a->year, r->execution->b->year);
	sbuf_puts(b, "<div class=\"wrap\"><table><thead><tr><th>科目</th><th class=\"n\">预算数"
		     "</th><th class=\"n\">决算数</th><th class=\"n\">差额</th><th class=\"n\">"
		     "执行率</th></tr></thead><tbody>\n");
	const yoy_diff_row *rows[11];
	size_t nr = yoy_report_execution_rows(rows, 11, t);
	for (size_t i = 0; i < nr; i++) {
		yoy_report_execution_cells c;
		yoy_report_execution_format(&c, t, rows[i]);
		sbuf_puts(b, "<tr><td>");
		esc(b, c.name);
		sbuf_printf(b, "</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">"
			       "%s</td><td class=\"n\">%s</td></tr>\n", c.budget, c.final, c.change,
			    c.rate);
	}
	sbuf_puts(b, "</tbody></table></div>\n");
}

/* 数据来源, the revision and the check's counts; the page ends. */
static void sources(sbuf *b, const yoy_report *r, int n)
{
	sbuf_printf(b, "<h2>%s、数据来源</h2>\n<ul>\n", yoy_report_numeral(n));
	source_items(b, r->doc);
	source_items(b, r->prior);
	if (r->execution)
		source_items(b, r->execution->a == r->doc ? r->execution->b : r->execution->a);
	if (r->revision)
		sbuf_printf(b, "<li>历史库版本：<code>%s</code></li>\n", r->revision);
	char counts[256];
	yoy_report_check_words(counts, sizeof counts, r);
	sbuf_printf(b, "<li>%s。</li>\n</ul>\n</body></html>\n", counts);
}

char *yoy_render_report_html(const yoy_report *r)
{
	sbuf b;
	sbuf_init(&b);
	char la[16], lb[16];
	yoy_report_year_labels(la, lb, r);
	page_head(&b, r);
	sbuf_puts(&b, "<h2>一、主要指标</h2>\n");
	headline(&b, r, la, lb);
	sbuf_puts(&b, "<h2>二、按功能科目的主要变动</h2>\n");
	if (r->ncode_changes) {
		chart_changes(&b, r);
		change_rows(&b, r, r->code_changes, r->ncode_changes, la, lb);
	} else {
		sbuf_printf(&b, "<p>%s</p>\n", yoy_report_no_changes_words(r, false));
	}
	chart_structure(&b, r);
	sbuf_puts(&b, "<h2>三、按项目的主要变动</h2>\n");
	if (r->nproject_changes)
		change_rows(&b, r, r->project_changes, r->nproject_changes, la, lb);
	else
		sbuf_printf(&b, "<p>%s</p>\n", yoy_report_no_changes_words(r, true));
	sbuf_puts(&b, "<h2>四、需要询问的问题</h2>\n");
	questions(&b, r);
	int n = 5;
	if (yoy_report_has_years(r)) {
		years(&b, r);
		n++;
	}
	if (yoy_report_execution_table(r))
		execution(&b, r, n++);
	sources(&b, r, n);
	if (b.oom) {
		sbuf_free(&b);
		return NULL;
	}
	return sbuf_detach(&b);
}
