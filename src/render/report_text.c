/* The hearing summary for a terminal: the headline figures in aligned
 * columns, each large change as a short block (its reason is a sentence,
 * too long for a column). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"
#include "yoy/render.h"

static void change_blocks(sbuf *b, const yoy_report *r, const yoy_report_change *v, size_t n,
			  const char *la, const char *lb)
{
	for (size_t i = 0; i < n; i++) {
		const yoy_report_change *c = &v[i];
		const yoy_diff_cell *x = &c->row->cells[0];
		int dec = yoy_report_table_decimals(c->table);
		char a[48] = "—", bb[48] = "—", ch[48], p[32], where[256];
		if (c->row->a && x->in_a)
			yoy_report_wan(a, sizeof a, x->a, dec, false);
		if (c->row->b && x->in_b)
			yoy_report_wan(bb, sizeof bb, x->b, dec, false);
		yoy_report_wan(ch, sizeof ch, x->change, dec, true);
		yoy_report_percent(p, sizeof p, x->has_percent, x->percent);
		char name[512];
		yoy_report_change_name(name, sizeof name, c);
		sbuf_printf(b, "%2zu. %s\n", i + 1, name);
		sbuf_printf(b, "    %s %s → %s %s，%s，%s\n", la, a, lb, bb, ch, p);
		const char *none = yoy_report_no_reason_words(c);
		if (!none) {
			yoy_report_where(where, sizeof where, yoy_report_claim_file(r, c->claim),
					 c->claim->at);
			sbuf_printf(b, "    原因：“%s”（%s）\n", c->claim->reason, where);
		} else {
			sbuf_printf(b, "    原因：%s\n", none);
		}
		char verdict[1200];
		yoy_report_verdict_text(verdict, sizeof verdict, r, c);
		sbuf_printf(b, "    核对：%s\n", verdict);
	}
}

/* One line of the headline table: a left-aligned label, four right-aligned
 * figures. */
static void headline_line(sbuf *b, const char *const cell[5], const size_t w[5])
{
	for (int k = 0; k < 5; k++) {
		sbuf_puts(b, "  ");
		sbuf_put_padded(b, cell[k], w[k], k > 0);
	}
	sbuf_putc(b, '\n');
}

/* 一、主要指标: both years, change and percent, columns as wide as their
 * widest cell.  False when out of memory. */
static bool headline(sbuf *b, const yoy_report *r, const char *la, const char *lb)
{
	const char *head[5] = { "", la, lb, "增减额", "增减率" };
	size_t w[5];
	for (int k = 0; k < 5; k++)
		w[k] = utf8_width(head[k]);
	yoy_report_figure_cells *cells = calloc(r->nfigures + 1, sizeof *cells);
	if (!cells)
		return false;
	for (size_t i = 0; i < r->nfigures; i++) {
		yoy_report_figure_format(&cells[i], &r->figures[i]);
		const char *row[5] = { cells[i].label, cells[i].a, cells[i].b, cells[i].change,
				       cells[i].percent };
		for (int k = 0; k < 5; k++)
			if (utf8_width(row[k]) > w[k])
				w[k] = utf8_width(row[k]);
	}
	headline_line(b, head, w);
	for (size_t i = 0; i < r->nfigures; i++) {
		const char *row[5] = { cells[i].label, cells[i].a, cells[i].b, cells[i].change,
				       cells[i].percent };
		headline_line(b, row, w);
	}
	free(cells);
	return true;
}

/* 四、需要询问的问题. */
static void questions(sbuf *b, const yoy_report *r)
{
	if (!r->nquestions)
		sbuf_puts(b, "核对未发现不符或未作解释的重大变动。\n");
	for (size_t i = 0; i < r->nquestions; i++) {
		const yoy_finding *f = r->questions[i];
		char q[1200], where[768];
		yoy_report_question(q, sizeof q, r, f);
		yoy_report_where_finding(where, sizeof where, f, r->prior);
		sbuf_printf(b, "%2zu. %s：%s　%s。\n    （%s；规则 %s）\n", i + 1,
			    f->severity == YOY_SEV_ERROR ? "错误" : "存疑",
			    f->subject ? f->subject : "", q, where, f->rule);
	}
}

/* 五、历年收入总计: one line a year, the first year's change blank. */
static void years(sbuf *b, const yoy_report *r)
{
	for (size_t i = 0; i < r->totals->nyears; i++) {
		const yoy_trend_year *y = &r->totals->years[i];
		yoy_report_year_cells c;
		yoy_report_year_format(&c, r, y);
		if (!y->has_change) /* the first year: blank rather than dashes */
			c.change[0] = c.percent[0] = '\0';
		sbuf_printf(b, "  %d  ", y->year);
		sbuf_put_padded(b, c.total, 14, true);
		sbuf_puts(b, "  ");
		sbuf_put_padded(b, c.change, 12, true);
		sbuf_puts(b, "  ");
		sbuf_put_padded(b, c.percent, 9, true);
		while (b->len && b->data[b->len - 1] == ' ')
			b->len--;
		sbuf_putc(b, '\n');
	}
}

/* 数据来源: each file with its sha256, the history revision, the check's
 * counts. */
/* 预算执行: the total and the largest differences, a line each. */
static void execution(sbuf *b, const yoy_report *r, int n)
{
	const yoy_diff_table *t = yoy_report_execution_table(r);
	sbuf_printf(b, "\n%s、%d年预算执行情况（预算数 → 决算数，差额，执行率）\n\n",
		    yoy_report_numeral(n), r->execution->b->year);
	const yoy_diff_row *rows[11];
	size_t nr = yoy_report_execution_rows(rows, 11, t);
	for (size_t i = 0; i < nr; i++) {
		yoy_report_execution_cells c;
		yoy_report_execution_format(&c, t, rows[i]);
		sbuf_puts(b, "  ");
		sbuf_put_padded(b, c.budget, 12, true);
		sbuf_puts(b, " → ");
		sbuf_put_padded(b, c.final, 12, true);
		sbuf_puts(b, "  ");
		sbuf_put_padded(b, c.change, 11, true);
		sbuf_puts(b, "  ");
		sbuf_put_padded(b, c.rate, 8, true);
		sbuf_printf(b, "  %s\n", c.name);
	}
}

static void sources(sbuf *b, const yoy_report *r, int n)
{
	const yoy_doc *d = r->doc, *p = r->prior;
	sbuf_printf(b, "\n%s、数据来源\n\n", yoy_report_numeral(n));
	for (size_t i = 0; i < d->nsources; i++)
		sbuf_printf(b, "  %d年：%s  sha256 %s\n", d->year, d->sources[i].name,
			    d->sources[i].sha256);
	for (size_t i = 0; p && i < p->nsources; i++)
		sbuf_printf(b, "  %d年：%s  sha256 %s\n", p->year, p->sources[i].name,
			    p->sources[i].sha256);
	if (r->execution) {
		const yoy_doc *e = r->execution->a == d ? r->execution->b : r->execution->a;
		for (size_t i = 0; i < e->nsources; i++)
			sbuf_printf(b, "  %d年%s：%s  sha256 %s\n", e->year,
				    yoy_doc_is_final(e) ? "决算" : "预算", e->sources[i].name,
				    e->sources[i].sha256);
	}
	if (r->revision)
		sbuf_printf(b, "  历史库版本：%s\n", r->revision);
	char counts[256];
	yoy_report_check_words(counts, sizeof counts, r);
	sbuf_printf(b, "  %s。\n", counts);
}

char *yoy_render_report_text(const yoy_report *r)
{
	sbuf b;
	sbuf_init(&b);
	const yoy_doc *d = r->doc, *p = r->prior;
	char la[16], lb[16];
	yoy_report_year_labels(la, lb, r);
	sbuf_printf(&b, "%s %d年%s变动情况（万元）\n", d->department ? d->department : "?",
		    d->year, yoy_report_kind_words(r));
	if (!p)
		sbuf_printf(&b, "历史库中没有%d年的公开文件，只列出%d年的数字与核对结果。\n",
			    d->year - 1, d->year);
	sbuf_puts(&b, "\n一、主要指标\n\n");
	if (!headline(&b, r, la, lb)) {
		sbuf_free(&b);
		return NULL;
	}
	sbuf_puts(&b, "\n二、按功能科目的主要变动\n\n");
	if (r->ncode_changes)
		change_blocks(&b, r, r->code_changes, r->ncode_changes, la, lb);
	else
		sbuf_printf(&b, "%s\n", yoy_report_no_changes_words(r, false));
	sbuf_puts(&b, "\n三、按项目的主要变动\n\n");
	if (r->nproject_changes)
		change_blocks(&b, r, r->project_changes, r->nproject_changes, la, lb);
	else
		sbuf_printf(&b, "%s\n", yoy_report_no_changes_words(r, true));
	sbuf_puts(&b, "\n四、需要询问的问题\n\n");
	questions(&b, r);
	int n = 5;
	if (yoy_report_has_years(r)) {
		sbuf_puts(&b, "\n五、历年收入总计\n\n");
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
