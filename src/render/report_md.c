/* The hearing summary as Markdown, for pasting into documents. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"
#include "yoy/render.h"

static void change_table(sbuf *b, const yoy_report *r, const yoy_report_change *v, size_t n,
			 const char *la, const char *lb)
{
	sbuf_printf(b, "| %s | %s | %s | 增减额 | 增减率 | 部门说明的原因 | 核对 |\n"
		       "|---|--:|--:|--:|--:|---|---|\n",
		    v == r->project_changes ? "项目" : "科目", la, lb);
	for (size_t i = 0; i < n; i++) {
		const yoy_report_change *c = &v[i];
		const yoy_diff_cell *x = &c->row->cells[0];
		int dec = yoy_report_table_decimals(c->table);
		char name[512], a[48] = "—", bb[48] = "—", ch[48], p[32], why[1400], where[256];
		yoy_report_change_name(name, sizeof name, c);
		if (c->row->a && x->in_a)
			yoy_report_wan(a, sizeof a, x->a, dec, false);
		if (c->row->b && x->in_b)
			yoy_report_wan(bb, sizeof bb, x->b, dec, false);
		yoy_report_wan(ch, sizeof ch, x->change, dec, true);
		yoy_report_percent(p, sizeof p, x->has_percent, x->percent);
		const char *none = yoy_report_no_reason_words(c);
		if (!none) {
			yoy_report_where(where, sizeof where, yoy_report_claim_file(r, c->claim),
					 c->claim->at);
			snprintf(why, sizeof why, "“%s”（%s）", c->claim->reason, where);
		} else {
			snprintf(why, sizeof why, "%s", none);
		}
		char verdict[1200];
		yoy_report_verdict_text(verdict, sizeof verdict, r, c);
		sbuf_putc(b, '|');
		md_cell(b, name);
		md_cell(b, a);
		md_cell(b, bb);
		md_cell(b, ch);
		md_cell(b, p);
		md_cell(b, why);
		md_cell(b, verdict);
		sbuf_putc(b, '\n');
	}
}

static const char *severity_words(yoy_severity s)
{
	return s == YOY_SEV_ERROR ? "错误" : s == YOY_SEV_WARNING ? "存疑" : "提示";
}

/* 一、主要指标 as a Markdown table. */
static void headline(sbuf *b, const yoy_report *r, const char *la, const char *lb)
{
	sbuf_printf(b, "| 项目 | %s | %s | 增减额 | 增减率 | 出处 |\n|---|--:|--:|--:|--:|---|\n",
		    la, lb);
	for (size_t i = 0; i < r->nfigures; i++) {
		yoy_report_figure_cells c;
		yoy_report_figure_format(&c, &r->figures[i]);
		sbuf_putc(b, '|');
		md_cell(b, c.label);
		md_cell(b, c.a);
		md_cell(b, c.b);
		md_cell(b, c.change);
		md_cell(b, c.percent);
		md_cell(b, c.where);
		sbuf_putc(b, '\n');
	}
}

/* 四、需要询问的问题, each with the sentence it is about. */
static void questions(sbuf *b, const yoy_report *r)
{
	if (!r->nquestions)
		sbuf_puts(b, "核对未发现不符或未作解释的重大变动。\n");
	for (size_t i = 0; i < r->nquestions; i++) {
		const yoy_finding *f = r->questions[i];
		char q[1200], where[768];
		yoy_report_question(q, sizeof q, r, f);
		yoy_report_where_finding(where, sizeof where, f, r->prior);
		sbuf_printf(b, "%zu. **%s：", i + 1, severity_words(f->severity));
		md_text(b, f->subject);
		sbuf_puts(b, "**　");
		md_text(b, q);
		sbuf_puts(b, "。（");
		md_text(b, where);
		sbuf_printf(b, "；规则 `%s`）\n", f->rule);
		if (f->text) {
			sbuf_puts(b, "   > ");
			md_text(b, f->text);
			sbuf_putc(b, '\n');
		}
	}
}

/* 五、历年收入总计. */
static void years(sbuf *b, const yoy_report *r)
{
	sbuf_puts(b, "\n## 五、历年收入总计\n\n| 年度 | 收入总计 | 增减额 | 增减率 |\n"
		     "|---|--:|--:|--:|\n");
	for (size_t i = 0; i < r->totals->nyears; i++) {
		const yoy_trend_year *y = &r->totals->years[i];
		yoy_report_year_cells c;
		yoy_report_year_format(&c, r, y);
		sbuf_printf(b, "| %d | %s | %s | %s |\n", y->year, c.total, c.change, c.percent);
	}
}

static void source_items(sbuf *b, const yoy_doc *d)
{
	for (size_t i = 0; d && i < d->nsources; i++) {
		sbuf_printf(b, "- %d年：", d->year);
		md_code(b, d->sources[i].name);
		sbuf_printf(b, "，sha256 `%s`\n", d->sources[i].sha256);
	}
}

/* 预算执行: the year's budget against its 决算, the total and the largest
 * differences. */
static void execution(sbuf *b, const yoy_report *r, int n)
{
	const yoy_diff_table *t = yoy_report_execution_table(r);
	sbuf_printf(b, "\n## %s、%d年预算执行情况\n\n", yoy_report_numeral(n),
		    r->execution->b->year);
	sbuf_printf(b, "%d年公开的预算与%d年部门决算对比（%s），执行率 = 决算数 / 预算数：\n\n",
		    r->execution->a->year, r->execution->b->year, t->title_b ? t->title_b : t->name);
	sbuf_puts(b, "| 科目 | 预算数 | 决算数 | 差额 | 执行率 |\n|---|--:|--:|--:|--:|\n");
	const yoy_diff_row *rows[11];
	size_t nr = yoy_report_execution_rows(rows, 11, t);
	for (size_t i = 0; i < nr; i++) {
		yoy_report_execution_cells c;
		yoy_report_execution_format(&c, t, rows[i]);
		sbuf_puts(b, "| ");
		md_text(b, c.name);
		sbuf_printf(b, " | %s | %s | %s | %s |\n", c.budget, c.final, c.change, c.rate);
	}
}

/* 数据来源, the revision and the check's counts. */
static void sources(sbuf *b, const yoy_report *r, int n)
{
	sbuf_printf(b, "\n## %s、数据来源\n\n", yoy_report_numeral(n));
	source_items(b, r->doc);
	source_items(b, r->prior);
	if (r->execution)
		source_items(b, r->execution->a == r->doc ? r->execution->b : r->execution->a);
	if (r->revision)
		sbuf_printf(b, "- 历史库版本：`%s`\n", r->revision);
	char counts[256];
	yoy_report_check_words(counts, sizeof counts, r);
	sbuf_printf(b, "- %s。\n", counts);
}

char *yoy_render_report_md(const yoy_report *r)
{
	sbuf b;
	sbuf_init(&b);
	const yoy_doc *d = r->doc, *p = r->prior;
	char la[16], lb[16];
	yoy_report_year_labels(la, lb, r);
	sbuf_puts(&b, "# ");
	md_text(&b, d->department ? d->department : "?");
	sbuf_printf(&b, " %d年%s变动情况\n\n", d->year, yoy_report_kind_words(r));
	if (p)
		sbuf_printf(&b, "%d年与%d年%s公开文件对比。金额单位：万元。本摘要由 yoy 根据预算"
				"历史库生成，所有数字均可在文末所列出处核对。\n\n", d->year, p->year,
				yoy_report_kind_words(r));
	else
		sbuf_printf(&b, "历史库中没有%d年的公开文件，本摘要只列出%d年的数字与核对结果。"
				"金额单位：万元。\n\n", d->year - 1, d->year);
	sbuf_puts(&b, "## 一、主要指标\n\n");
	headline(&b, r, la, lb);
	sbuf_puts(&b, "\n## 二、按功能科目的主要变动\n\n");
	if (r->ncode_changes) {
		sbuf_printf(&b, "变动最大的%zu个科目（项级），部门说明的原因及其核对结果：\n\n",
			    r->ncode_changes);
		change_table(&b, r, r->code_changes, r->ncode_changes, la, lb);
	} else {
		sbuf_printf(&b, "%s\n", yoy_report_no_changes_words(r, false));
	}
	sbuf_puts(&b, "\n## 三、按项目的主要变动\n\n");
	if (r->nproject_changes)
		change_table(&b, r, r->project_changes, r->nproject_changes, la, lb);
	else
		sbuf_printf(&b, "%s\n", yoy_report_no_changes_words(r, true));
	sbuf_puts(&b, "\n## 四、需要询问的问题\n\n");
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
