/* Claims of the narrative.
 *
 * Each sentence is cut into tokens by one PCRE2 pattern (amounts, percents,
 * counts, comparison bases, direction words, 占, reasons, separators), then
 * a small state machine decides what each token says about which figure:
 *
 *   收入总计14,656.81万元，其中：本年收入…，上年结转0万元，比上年增加
 *   1619.83万元，增加12.42%，主要原因是…
 *
 * A change attaches to the nearest figure of its clause, or to the head of
 * the clause when the nearer figures are an enumeration after 其中 (two or
 * more of them); a change with no figure in its sentence belongs to the
 * previous sentence's head ("…支出 26200.88 万元。与上年相比增加…").  A
 * reason runs to the end of the sentence, or to the next clause that states
 * a new figure.  A reason standing alone explains the open changes before
 * it.
 *
 * sentence() walks a sentence's tokens once, one step per kind: on_amount
 * (a figure, a delta, an execution base), on_percent, on_count, on_base
 * and on_compare (a change opens), on_direction, on_reason, and the end
 * of a clause.  Calls model, util and regex.c only. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "recognize.h"
#include "regex.h"

enum tok_type {
	T_AMT, T_PCT, T_CNT, T_BASE, T_DIR, T_SHARE, T_REASON, T_PURPOSE,
	T_ENUM, T_SEP, T_NUM, T_CMP, T_PP
};

typedef struct token {
	enum tok_type type;
	size_t b, e;       /* whole token */
	size_t vb, ve;     /* number / base phrase */
	size_t ub, ue;     /* unit / qualifier */
	int year;          /* base year, when printed */
} token;

static const char lexer_pattern[] =
	"(?<amt>(?<![\\d.,])[+-]?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?)(?<unit>亿元|万元|元)(?!/)"
	"|(?<pct>(?<![\\d.])\\d+(?:\\.\\d+)?)%"
	"|(?<pp>(?<![\\d.])\\d+(?:\\.\\d+)?)个?百分点"
	"|(?<cnt>(?<![\\d.])\\d+)(?<cu>台（套）|个|项|家|辆|名|台|套|所)"
	"|(?<base>同比|(?:比|较|与|同)(?:上年|上一年|去年|(?<byear>\\d{4})年度?)"
	"(?<bq>同口径|当年预算执行数|预算执行数|执行数|年初预算数|年初预算|预算数|预算|决算数|数)?"
	"(?:相比|比较)?(?<bq2>预算数|预算)?)"
	"|(?<cmp>小于|低于|少于|大于|高于|多于)(?<cmpbase>上年|上一年|(?<cmpyear>\\d{4})年度?)(?:预算数|预算|数)?"
	"|(?<dir>增加（减少）|增加\\(减少\\)|增长（下降）|增加/减少|增加|增长|上升|提高|增多|增幅"
	"|减少|下降|降低|减小|压减|压缩|缩减|降幅|减幅|持平|一致|相同|相等|不变|无变化|未发生变化)"
	"|(?<share>占)"
	"|(?<reason>主要原因是|主要原因为|主要原因|原因是|原因为|主要是由于|主要是因为|主要是)"
	"|(?<purpose>主要用于)"
	"|(?<enum>其中|主要包括|包括)"
	"|(?<sep>[，,；;：:、])"
	"|(?<num>(?<![\\d.])(?:\\d{1,3}(?:,\\d{3})+(?!\\d)|\\d+)(?:\\.\\d+)?)";

typedef struct lexer {
	yoy_regex *re;
	int g_amt, g_unit, g_pct, g_pp, g_cnt, g_cu, g_base, g_byear, g_bq, g_bq2, g_dir,
	    g_cmp, g_cmpyear,
	    g_share, g_reason, g_purpose, g_enum, g_sep, g_num;
	char error[256];
} lexer;

static lexer lex;
static pthread_once_t lex_once = PTHREAD_ONCE_INIT;

/* Compiled once per process; immutable afterwards. */
static void lexer_init(void)
{
	lex.re = regex_compile(lexer_pattern, lex.error, sizeof lex.error);
	if (!lex.re)
		return;
	lex.g_amt = regex_group(lex.re, "amt");
	lex.g_unit = regex_group(lex.re, "unit");
	lex.g_pct = regex_group(lex.re, "pct");
	lex.g_pp = regex_group(lex.re, "pp");
	lex.g_cnt = regex_group(lex.re, "cnt");
	lex.g_cu = regex_group(lex.re, "cu");
	lex.g_base = regex_group(lex.re, "base");
	lex.g_byear = regex_group(lex.re, "byear");
	lex.g_bq = regex_group(lex.re, "bq");
	lex.g_bq2 = regex_group(lex.re, "bq2");
	lex.g_dir = regex_group(lex.re, "dir");
	lex.g_cmp = regex_group(lex.re, "cmp");
	lex.g_cmpyear = regex_group(lex.re, "cmpyear");
	lex.g_share = regex_group(lex.re, "share");
	lex.g_reason = regex_group(lex.re, "reason");
	lex.g_purpose = regex_group(lex.re, "purpose");
	lex.g_enum = regex_group(lex.re, "enum");
	lex.g_sep = regex_group(lex.re, "sep");
	lex.g_num = regex_group(lex.re, "num");
}

/* "增幅比上年提高2个百分点", "占比下降3个百分点": a change of a rate or a
 * share, in percentage points -- not a change of the clause's figure, nor
 * a count of 百分点.  The words of such a phrase, from the clause's last
 * separator to its points, are left out: its direction and base would
 * otherwise make a claim that the figure itself rose or fell. */
static void drop_rate_changes(token *t, size_t *n)
{
	size_t kept = 0, phrase = 0; /* phrase: the kept index after the last separator */
	for (size_t i = 0; i < *n; i++) {
		if (t[i].type == T_PP) {
			size_t k = phrase;
			for (size_t j = phrase; j < kept; j++)
				if (t[j].type == T_AMT || t[j].type == T_PCT)
					t[k++] = t[j];
			kept = k;
			continue;
		}
		t[kept++] = t[i];
		if (t[i].type == T_SEP)
			phrase = kept;
	}
	*n = kept;
}

/* Tokens of s[b..e), appended to *out. */
static int tokenize(yoy_match *m, const char *s, size_t b, size_t e,
		    token **out, size_t *n, size_t *cap)
{
	*n = 0;
	size_t pos = b;
	while (pos < e) {
		int rc = regex_search(lex.re, m, s, e, pos);
		if (rc < 0)
			return YOY_EINTERNAL;
		if (rc == 0)
			break;
		token t;
		memset(&t, 0, sizeof t);
		match_group(m, 0, &t.b, &t.e);
		if (t.e == t.b) {
			pos = t.e + 1;
			continue;
		}
		pos = t.e;
		if (match_group(m, lex.g_amt, &t.vb, &t.ve)) {
			t.type = T_AMT;
			match_group(m, lex.g_unit, &t.ub, &t.ue);
		} else if (match_group(m, lex.g_pct, &t.vb, &t.ve)) {
			t.type = T_PCT;
		} else if (match_group(m, lex.g_pp, &t.vb, &t.ve)) {
			t.type = T_PP;
		} else if (match_group(m, lex.g_cnt, &t.vb, &t.ve)) {
			t.type = T_CNT;
			match_group(m, lex.g_cu, &t.ub, &t.ue);
		} else if (match_group(m, lex.g_base, &t.vb, &t.ve)) {
			t.type = T_BASE;
			size_t yb, ye;
			if (match_group(m, lex.g_byear, &yb, &ye))
				t.year = atoi(s + yb);
			if (!match_group(m, lex.g_bq, &t.ub, &t.ue) &&
			    !match_group(m, lex.g_bq2, &t.ub, &t.ue))
				t.ub = t.ue = 0;
		} else if (match_group(m, lex.g_cmp, &t.vb, &t.ve)) {
			t.type = T_CMP; /* "小于上年预算数": base and direction */
			t.vb = t.b;
			t.ve = t.e;
			size_t yb, ye;
			if (match_group(m, lex.g_cmpyear, &yb, &ye))
				t.year = atoi(s + yb);
		} else if (match_group(m, lex.g_dir, &t.vb, &t.ve)) {
			t.type = T_DIR;
		} else if (match_group(m, lex.g_share, &t.vb, &t.ve)) {
			t.type = T_SHARE;
		} else if (match_group(m, lex.g_reason, &t.vb, &t.ve)) {
			t.type = T_REASON;
		} else if (match_group(m, lex.g_purpose, &t.vb, &t.ve)) {
			t.type = T_PURPOSE;
		} else if (match_group(m, lex.g_enum, &t.vb, &t.ve)) {
			t.type = T_ENUM;
		} else if (match_group(m, lex.g_sep, &t.vb, &t.ve)) {
			t.type = T_SEP;
		} else if (match_group(m, lex.g_num, &t.vb, &t.ve)) {
			t.type = T_NUM;
		} else {
			continue;
		}
		if (!VEC_PUSH(*out, *n, *cap, t))
			return YOY_ENOMEM;
	}
	drop_rate_changes(*out, n);
	return 0;
}

static yoy_direction direction_of(const char *s, size_t b, size_t e)
{
	size_t n = e - b;
	const char *p = s + b;
	if (span_has(p, n, "（") || span_has(p, n, "(") || span_has(p, n, "/"))
		return YOY_DIR_TEMPLATE;
	static const char *const up[] = { "增加", "增长", "上升", "提高", "增多", "增幅",
					  "大于", "高于", "多于" };
	static const char *const down[] = { "减少", "下降", "降低", "减小", "压减", "压缩", "缩减",
					    "降幅", "减幅", "小于", "低于", "少于" };
	for (size_t i = 0; i < sizeof up / sizeof *up; i++)
		if (span_eq(p, n, up[i]))
			return YOY_DIR_INCREASE;
	for (size_t i = 0; i < sizeof down / sizeof *down; i++)
		if (span_eq(p, n, down[i]))
			return YOY_DIR_DECREASE;
	return YOY_DIR_FLAT;
}

static bool is_sep(const char *s, const token *t, const char *const *which,
		   size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (span_eq(s + t->b, t->e - t->b, which[i]))
			return true;
	return false;
}

static bool clause_end(const char *s, const token *t)
{
	static const char *const semis[] = { "；", ";" };
	return t->type == T_SEP && is_sep(s, t, semis, 2);
}

/* ---- subjects ------------------------------------------------------------- */

static bool strip_prefix(const char **s, size_t *n, const char *p)
{
	size_t k = strlen(p);
	if (*n >= k && memcmp(*s, p, k) == 0) {
		*s += k;
		*n -= k;
		return true;
	}
	return false;
}

static bool strip_suffix(const char *s, size_t *n, const char *p)
{
	size_t k = strlen(p);
	if (*n >= k && memcmp(s + *n - k, p, k) == 0) {
		*n -= k;
		return true;
	}
	return false;
}

/* Leading "1．", "1.", "1、", "（1）", "(一)", "一是", "第一". */
static bool strip_ordinal(const char **s, size_t *n)
{
	const char *p = *s;
	size_t k = *n;
	size_t d = 0;
	while (d < k && p[d] >= '0' && p[d] <= '9')
		d++;
	if (d && d <= 2) {
		const char *q = p + d;
		size_t r = k - d;
		if (strip_prefix(&q, &r, "．") || strip_prefix(&q, &r, ".") ||
		    strip_prefix(&q, &r, "、")) {
			*s = q;
			*n = r;
			return true;
		}
	}
	const char *q = p;
	size_t r = k;
	bool open = strip_prefix(&q, &r, "（") || strip_prefix(&q, &r, "(");
	size_t dd = 0;
	while (dd < r && q[dd] >= '0' && q[dd] <= '9')
		dd++;
	const char *after = q + dd;
	size_t ar = r - dd;
	if (!dd) {
		static const char *const cn[] = { "一", "二", "三", "四", "五", "六",
						  "七", "八", "九", "十" };
		for (;;) {
			bool hit = false;
			for (size_t i = 0; i < 10; i++)
				if (strip_prefix(&after, &ar, cn[i]))
					hit = true, dd++;
			if (!hit)
				break;
		}
	}
	if (dd) {
		if (open && (strip_prefix(&after, &ar, "）") || strip_prefix(&after, &ar, ")"))) {
			*s = after;
			*n = ar;
			return true;
		}
		if (!open && (strip_prefix(&after, &ar, "是") || strip_prefix(&after, &ar, "、"))) {
			*s = after;
			*n = ar;
			return true;
		}
	}
	return false;
}

/* Leading year: "2023年度", "2023年", "2023". */
static bool strip_year(const char **s, size_t *n)
{
	const char *p = *s;
	size_t k = *n;
	if (k >= 4 && strspn(p, "0123456789") >= 4 &&
	    (k == 4 || !(p[4] >= '0' && p[4] <= '9'))) {
		p += 4;
		k -= 4;
		if (!strip_prefix(&p, &k, "年度"))
			strip_prefix(&p, &k, "年");
		*s = p;
		*n = k;
		return true;
	}
	return false;
}

/* Clean the words in front of a figure into its subject. */
static void clean_subject(sbuf *out, const char *s, size_t n,
			  const char *department)
{
	sbuf_reset(out);
	trim_span(&s, &n);
	bool changed = true;
	while (changed && n) {
		changed = false;
		static const char *const lead[] = {
			"其中", "此外", "另外", "另", "即", "共计", "共有", "共",
			"本部门", "部门", "上述", "全年", "为", "收入为",
			"支出为", "省检察院", "省法院", "本院", "我院", "我部门",
			"本单位",
		};
		for (size_t i = 0; i < sizeof lead / sizeof *lead; i++)
			if (strip_prefix(&s, &n, lead[i]))
				changed = true;
		if (department && *department && strip_prefix(&s, &n, department))
			changed = true;
		if (strip_year(&s, &n) || strip_ordinal(&s, &n))
			changed = true;
		const char *t = s;
		size_t tn = n;
		trim_span(&t, &tn);
		if (t != s || tn != n)
			changed = true;
		s = t;
		n = tn;
	}
	/* "…所属局机关1家行政单位的机关运行经费…": what follows the last 的
	 * when what precedes it names who arranges the money */
	const char *de = NULL;
	for (const char *p = s; (p = span_find(p, (size_t)(s + n - p), "的")); p += 3)
		de = p;
	/* a 类/款/项 name is a name: "未归口管理的行政单位离退休（项）" */
	if (span_has(s, n, "（项）") || span_has(s, n, "（款）") || span_has(s, n, "（类）"))
		de = NULL;
	if (de) {
		size_t pre = (size_t)(de - s);
		if (span_has(s, pre, "安排") || span_has(s, pre, "所属") ||
		    span_has(s, pre, "单位") || span_has(s, pre, "部门") ||
		    span_has(s, pre, "拨款")) {
			n -= pre + 3;
			s = de + 3;
		}
	}
	changed = true;
	while (changed && n) {
		changed = false;
		/* "职业教育预算调整后为": the figure is the line's, restated */
		static const char *const tail[] = { "为", "是", "共计", "达", "科目", "预算调整后",
						    "调整后" };
		for (size_t i = 0; i < sizeof tail / sizeof *tail; i++)
			if (strip_suffix(s, &n, tail[i]))
				changed = true;
		/* a subject quoted whole: “一般公共服务支出（类）…（项）” */
		if (n > 6 && str_starts(s, "“") && memcmp(s + n - 3, "”", 3) == 0 &&
		    !span_has(s + 3, n - 6, "”")) {
			s += 3;
			n -= 6;
			changed = true;
		}
	}
	sbuf_put(out, s, n);
}

/* ---- state machine --------------------------------------------------------- */

typedef struct scratch {
	size_t para;       /* paragraph of the figure */
	size_t tb, te;     /* text span in that paragraph */
	long context;      /* the figure it is listed under, or -1 */
} scratch;

typedef struct extractor {
	parse_ctx *pc;
	yoy_doc *doc;
	scratch *sc;       /* parallel to doc->claims */
	size_t sc_cap;
	size_t *open;      /* change claims waiting for a reason */
	size_t nopen, open_cap;
	long prev_head;    /* head claim of the last sentence with figures */
	long last_change;  /* last change claim of the previous sentence */
	size_t section;
	sbuf tmp;
	yoy_match *m;
	token *toks;
	size_t ntoks, toks_cap;
	long pair[2];      /* 收入总计, 支出总计 a parallel list stated */
	size_t pair_para;
} extractor;

static yoy_loc loc_at(const paragraph *p, size_t offset)
{
	yoy_loc at = { 0, 0, 0 };
	for (size_t i = 0; i < p->nmarks; i++) {
		if (p->marks[i].offset > offset && i > 0)
			break;
		at.line = p->marks[i].line;
		at.page = p->marks[i].page;
		at.file = p->marks[i].file;
	}
	return at;
}

static long new_claim(extractor *x, size_t para, size_t tb, size_t te,
		      size_t at_offset)
{
	yoy_claim *c = doc_add_claim(x->doc, &x->pc->claim_cap);
	if (!c || !vec_grow((void **)&x->sc, &x->sc_cap, x->doc->nclaims,
			    sizeof *x->sc)) {
		x->pc->oom = true;
		return -1;
	}
	size_t i = x->doc->nclaims - 1;
	x->sc[i].para = para;
	x->sc[i].tb = tb;
	x->sc[i].te = te;
	x->sc[i].context = -1;
	c->at = loc_at(&x->pc->paras[para], at_offset);
	return (long)i;
}

static yoy_amount amount_of(const char *s, const token *t)
{
	yoy_amount a;
	yoy_unit u = yoy_unit_parse(s + t->ub, t->ue - t->ub);
	if (yoy_amount_parse(&a, s + t->vb, t->ve - t->vb, u) != 0)
		memset(&a, 0, sizeof a);
	return a;
}

static yoy_decimal decimal_of(const char *s, const token *t)
{
	yoy_decimal d;
	if (yoy_decimal_parse(&d, s + t->vb, t->ve - t->vb) != 0)
		memset(&d, 0, sizeof d);
	return d;
}

/* Start of the words in front of token i: after the previous boundary
 * token (anything but a bare number) or the sentence start. */
static bool str_ends_span(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);
	return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

static size_t words_start(const extractor *x, const char *s, size_t i, size_t sb)
{
	while (i > 0) {
		const token *t = &x->toks[--i];
		if (t->type == T_NUM)
			continue;
		/* "收入、支出预算总计": a 、 between words joins them; after a
		 * figure it separates items */
		if (t->type == T_SEP && span_eq(s + t->b, t->e - t->b, "、") &&
		    !(i > 0 && (x->toks[i - 1].type == T_AMT || x->toks[i - 1].type == T_PCT ||
				x->toks[i - 1].type == T_CNT) && x->toks[i - 1].e == t->b))
			continue;
		return t->e;
	}
	return sb;
}

/* "2022年当年预算执行数为", "（上年预算安排为", "上年预算数为": last year's
 * figure stated in the sentence, the base of its change. */
static bool exec_base_subject(const char *s, size_t n)
{
	if (span_has(s, n, "执行数"))
		return true;
	const char *p = s;
	size_t k = n;
	trim_span(&p, &k);
	strip_prefix(&p, &k, "（");
	strip_prefix(&p, &k, "(");
	return (str_starts(p, "上年") || str_starts(p, "上一年") || str_starts(p, "去年")) &&
	       (str_ends_span(p, k, "为") || str_ends_span(p, k, "是"));
}

/* "2024年预算安排": the sentence repeats the current figure. */
static bool restated_subject(const char *s, size_t n)
{
	const char *p = s;
	size_t k = n;
	trim_span(&p, &k);
	strip_year(&p, &k);
	return span_eq(p, k, "预算安排") || span_eq(p, k, "预算安排为") ||
	       span_eq(p, k, "预算数为") || span_eq(p, k, "安排");
}

typedef struct pending {
	bool active;
	long target;
	const token *base;
	yoy_direction dir;
	bool have_delta, have_percent;
	size_t after;      /* offset where a delta may follow the direction */
	size_t dir_end;
	size_t base_end;
} pending;

static void set_base(extractor *x, yoy_claim *c, const char *s, const token *b)
{
	sbuf_reset(&x->tmp);
	const char *p = s + b->vb;
	size_t n = b->ve - b->vb;
	/* "比2022年同口径" -> "2022年同口径"; "与上年相比" -> "上年" */
	if (!strip_prefix(&p, &n, "同比")) {
		if (!strip_prefix(&p, &n, "比") && !strip_prefix(&p, &n, "较") &&
		    !strip_prefix(&p, &n, "与"))
			strip_prefix(&p, &n, "同");
		/* drop 相比/比较 wherever they sit: "上年相比预算数" -> "上年预算数" */
		const char *cut = span_find(p, n, "相比");
		if (!cut)
			cut = span_find(p, n, "比较");
		if (cut) {
			sbuf_put(&x->tmp, p, (size_t)(cut - p));
			sbuf_put(&x->tmp, cut + 6, n - (size_t)(cut - p) - 6);
		} else {
			sbuf_put(&x->tmp, p, n);
		}
	} else {
		sbuf_puts(&x->tmp, "上年");
	}
	c->base = doc_str(x->doc, sbuf_cstr(&x->tmp));
	c->base_year = b->year ? b->year : (x->doc->year ? x->doc->year - 1 : 0);
	c->basis = YOY_BASIS_NONE;
	if (b->ue > b->ub) {
		const char *q = s + b->ub;
		size_t qn = b->ue - b->ub;
		if (span_has(q, qn, "同口径"))
			c->basis = YOY_BASIS_COMPARABLE;
		else if (span_has(q, qn, "执行数"))
			c->basis = YOY_BASIS_EXECUTION;
		else if (span_has(q, qn, "预算"))
			c->basis = YOY_BASIS_BUDGET;
	}
}

/* The claim a change at this point speaks about. */
static long change_target(extractor *x, long seg_last, long seg_head,
			  int enum_count)
{
	if (seg_last >= 0)
		return enum_count >= 2 && seg_head >= 0 ? seg_head : seg_last;
	return x->prev_head;
}

/* A change needs a claim of its own when its figure already carries one
 * ("…比2016年增加…。按同口径…本年比上年减少…"): copy the figure. */
static long claim_for_change(extractor *x, long t, size_t para, size_t sb,
			     size_t se)
{
	yoy_claim *c = &x->doc->claims[t];
	if (c->direction == YOY_DIR_NONE)
		return t;
	yoy_claim copy = *c;
	long n = new_claim(x, para, sb, se, sb);
	if (n < 0)
		return -1;
	c = &x->doc->claims[n];
	yoy_loc here = c->at;
	*c = copy;
	c->direction = YOY_DIR_NONE;
	c->direction_word = NULL;
	c->base = NULL;
	c->basis = YOY_BASIS_NONE;
	memset(&c->delta, 0, sizeof c->delta);
	memset(&c->percent, 0, sizeof c->percent);
	c->reason = NULL;
	c->flags &= YOY_CLAIM_IN_REASON;
	if (x->sc[t].para == para) {
		x->sc[n] = x->sc[t]; /* cite from the subject on */
	} else {
		c->at = here; /* a sentence of its own: cite that sentence */
	}
	return n;
}

static void open_change(extractor *x, long c)
{
	for (size_t i = 0; i < x->nopen; i++)
		if ((long)x->open[i] == c)
			return;
	size_t v = (size_t)c;
	if (!VEC_PUSH(x->open, x->nopen, x->open_cap, v))
		x->pc->oom = true;
}

/* A reason in a sentence of its own explains: the changes of the
 * direction it names ("…减少的主要原因是…"), else the change stated just
 * before it, else the open changes before it. */
static void give_reason(extractor *x, const char *s, size_t rb, size_t re,
			long only);

static void standalone_reason(extractor *x, const char *s, size_t rb, size_t re,
			      yoy_direction named)
{
	if (named == YOY_DIR_INCREASE || named == YOY_DIR_DECREASE) {
		size_t kept = 0;
		for (size_t i = 0; i < x->nopen; i++) {
			const yoy_claim *c = &x->doc->claims[x->open[i]];
			if (c->direction == named && !c->reason)
				x->open[kept++] = x->open[i];
		}
		x->nopen = kept;
		give_reason(x, s, rb, re, -1);
		return;
	}
	if (x->last_change >= 0 && !x->doc->claims[x->last_change].reason) {
		give_reason(x, s, rb, re, x->last_change);
		return;
	}
	give_reason(x, s, rb, re, -1);
}

static void give_reason(extractor *x, const char *s, size_t rb, size_t re,
			long only)
{
	const char *p = s + rb;
	size_t n = re - rb;
	strip_prefix(&p, &n, "：");
	strip_prefix(&p, &n, ":");
	strip_prefix(&p, &n, "是");
	trim_span(&p, &n);
	const char *reason = doc_strn(x->doc, p, n);
	if (only >= 0) {
		yoy_claim *c = &x->doc->claims[only];
		c->reason = reason;
		if (!n)
			c->flags |= YOY_CLAIM_EMPTY_REASON;
	} else {
		for (size_t i = 0; i < x->nopen; i++) {
			yoy_claim *c = &x->doc->claims[x->open[i]];
			/* a reason explains a change, not "与上年一致" */
			if (!c->reason && c->direction != YOY_DIR_FLAT) {
				c->reason = reason;
				if (!n)
					c->flags |= YOY_CLAIM_EMPTY_REASON;
			}
		}
	}
	x->nopen = 0;
}

/* Changes stated inside a reason: "基本支出增加 1447.63 万元、…". */
static void reason_changes(extractor *x, const char *s, size_t para,
			   size_t first, size_t last, long owner, size_t sb,
			   size_t se)
{
	for (size_t i = first; i + 1 <= last && i + 1 < x->ntoks; i++) {
		const token *d = &x->toks[i], *a = &x->toks[i + 1];
		if (d->type != T_DIR || a->type != T_AMT || a->b != d->e)
			continue;
		yoy_direction dir = direction_of(s, d->vb, d->ve);
		if (dir != YOY_DIR_INCREASE && dir != YOY_DIR_DECREASE)
			continue;
		size_t wb = i > first ? x->toks[i - 1].e : words_start(x, s, i, sb);
		if (i > first && x->toks[i - 1].type == T_REASON)
			wb = x->toks[i - 1].e;
		clean_subject(&x->tmp, s + wb, d->b - wb, x->doc->department);
		if (x->tmp.len < 3)
			continue;
		long c = new_claim(x, para, sb, se, d->b);
		if (c < 0)
			return;
		yoy_claim *cl = &x->doc->claims[c];
		cl->kind = YOY_CLAIM_CHANGE;
		cl->subject = doc_str(x->doc, sbuf_cstr(&x->tmp));
		cl->flags |= YOY_CLAIM_IN_REASON;
		cl->direction = dir;
		cl->direction_word = doc_strn(x->doc, s + d->vb, d->ve - d->vb);
		cl->delta = amount_of(s, a);
		if (owner >= 0) {
			const yoy_claim *o = &x->doc->claims[owner];
			cl->base = o->base;
			cl->base_year = o->base_year;
			cl->basis = o->basis;
		} else {
			cl->base = doc_str(x->doc, "上年");
			cl->base_year = x->doc->year ? x->doc->year - 1 : 0;
		}
	}
}

/* Does the clause starting after token i state a new figure? */
static bool clause_has_figure(const extractor *x, size_t i)
{
	for (size_t k = i + 1; k < x->ntoks; k++) {
		const token *t = &x->toks[k];
		if (t->type == T_AMT && !(k > 0 && x->toks[k - 1].type == T_DIR &&
					  x->toks[k - 1].e == t->b))
			return true;
		if (t->type == T_SEP)
			break;
	}
	return false;
}

/* "主要原因一是…；二是…700万元…": the clause after sep goes on with the
 * reason's enumeration, figures and all. */
static bool enumeration_goes_on(const char *s, const token *sep)
{
	static const char *const marks[] = { "二是", "三是", "四是", "五是", "六是", "七是",
					     "其二", "其三", "其四", "第二", "第三", "第四",
					     "（二）", "（三）", "（四）", "(二)", "(三)", "(四)",
					     "2.", "3.", "4.", "2、", "3、", "4、", "2．", "3．", "4．" };
	const char *p = s + sep->e;
	while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
		p++;
	if (strncmp(p, "\u3000", 3) == 0)
		p += 3;
	for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
		if (strncmp(p, marks[i], strlen(marks[i])) == 0)
			return true;
	return false;
}

static void finish_pending(extractor *x, pending *pd)
{
	if (pd->active && pd->target >= 0 && pd->dir != YOY_DIR_NONE)
		open_change(x, pd->target);
	memset(pd, 0, sizeof *pd);
	pd->target = -1;
}

/* What the walk over one sentence's tokens knows so far. */
typedef struct sentence_state {
	const char *s;     /* the paragraph's text */
	size_t para, sb, se, ntok;
	long seg_head, seg_last;  /* first and last figure of the clause */
	long sent_head;           /* first figure of the sentence */
	long last_change;         /* last change claim of the sentence */
	int enum_count;           /* figures listed after 其中 in the clause */
	bool in_enum;
	pending pd;
	long share_on;            /* figure an open 占 speaks of */
	size_t share_from;
	bool had_change;
	long exec_base_for;       /* figure given an execution base */
} sentence_state;

/* "检察（款）：2018年预算支出合计16,444.36万元": the heading before the
 * colon names what the total is of; it goes before the subject in x->tmp. */
static void heading_subject(extractor *x, const sentence_state *st, const char *w)
{
	const char *colon = NULL;
	size_t cn = (size_t)(w - (st->s + st->sb));
	if (cn >= 3 && (span_eq(w - 3, 3, "：") || span_eq(w - 1, 1, ":")))
		colon = span_eq(w - 3, 3, "：") ? w - 3 : w - 1;
	if (!colon)
		return;
	const char *h = st->s + st->sb;
	size_t hn = (size_t)(colon - h);
	trim_span(&h, &hn);
	if (!(hn > 6 && (str_ends_span(h, hn, "（款）") || str_ends_span(h, hn, "（类）") ||
			 str_ends_span(h, hn, "（项）") || str_ends_span(h, hn, "(款)") ||
			 str_ends_span(h, hn, "(类)") || str_ends_span(h, hn, "(项)"))))
		return;
	sbuf head;
	sbuf_init(&head);
	clean_subject(&head, h, hn, x->doc->department);
	sbuf_puts(&head, sbuf_cstr(&x->tmp));
	sbuf_reset(&x->tmp);
	sbuf_puts(&x->tmp, sbuf_cstr(&head));
	sbuf_free(&head);
}

/* "其中：基本支出减少20.00万元，项目支出增加120.00万元": in a listing
 * (after 其中, 包括), a direction word right before an amount is one
 * item's change on last year.  True when token i was taken as one. */
static bool enumerated_change(extractor *x, sentence_state *st, size_t i)
{
	const token *t = &x->toks[i], *d = &x->toks[i - 1];
	const char *s = st->s;
	if (!st->in_enum || d->type != T_DIR || d->e != t->b)
		return false;
	yoy_direction dir = direction_of(s, d->vb, d->ve);
	if (dir != YOY_DIR_INCREASE && dir != YOY_DIR_DECREASE)
		return false;
	size_t wb = words_start(x, s, i - 1, st->sb);
	clean_subject(&x->tmp, s + wb, d->b - wb, x->doc->department);
	if (x->tmp.len < 6)
		return false;
	long c = new_claim(x, st->para, st->sb, st->se, d->b);
	if (c < 0)
		return true;
	yoy_claim *cl = &x->doc->claims[c];
	cl->kind = YOY_CLAIM_CHANGE;
	cl->subject = doc_str(x->doc, sbuf_cstr(&x->tmp));
	cl->direction = dir;
	cl->direction_word = doc_strn(x->doc, s + d->vb, d->ve - d->vb);
	cl->delta = amount_of(s, t);
	cl->base = doc_str(x->doc, "上年");
	cl->base_year = x->doc->year ? x->doc->year - 1 : 0;
	st->last_change = c;
	st->had_change = true;
	return true;
}

/* An amount: the delta of a change just stated ("增加1619.83万元"), an
 * execution base ("执行数为60.13万元"), a restated figure, or a new figure
 * claim with its subject. */
static void on_amount(extractor *x, sentence_state *st, size_t i)
{
	const token *t = &x->toks[i];
	const char *s = st->s;
	pending *pd = &st->pd;
	if (pd->active && pd->dir != YOY_DIR_NONE && !pd->have_delta &&
	    (t->b == pd->dir_end ||
	     (t->b == pd->dir_end + 3 && span_eq(s + pd->dir_end, 3, "了")))) {
		x->doc->claims[pd->target].delta = amount_of(s, t);
		pd->have_delta = true;
		return;
	}
	/* "较2023年年初预算的1278万元减少40万元": the base's own figure */
	if (pd->active && pd->dir == YOY_DIR_NONE && pd->target >= 0 && pd->base &&
	    (t->b == pd->base_end ||
	     (t->b == pd->base_end + 3 && span_eq(s + pd->base_end, 3, "的")))) {
		x->doc->claims[pd->target].base_value = amount_of(s, t);
		return;
	}
	if (!pd->active && i > 0 && enumerated_change(x, st, i))
		return;
	size_t wb = words_start(x, s, i, st->sb);
	const char *w = s + wb;
	size_t wn = t->b - wb;
	long target = st->seg_last >= 0 ? st->seg_last : x->prev_head;
	if (exec_base_subject(w, wn)) {
		if (target >= 0) {
			x->doc->claims[target].base_value = amount_of(s, t);
			st->exec_base_for = target;
		}
		return;
	}
	bool restated = restated_subject(w, wn) && target >= 0;
	long c = new_claim(x, st->para, st->sb, st->se, t->b);
	if (c < 0)
		return;
	yoy_claim *cl = &x->doc->claims[c];
	cl->kind = YOY_CLAIM_FIGURE;
	cl->current = amount_of(s, t);
	if (restated) {
		cl->subject = x->doc->claims[target].subject;
		cl->flags |= YOY_CLAIM_CURRENT_RESTATED;
		return;
	}
	clean_subject(&x->tmp, w, wn, x->doc->department);
	heading_subject(x, st, w);
	cl->subject = doc_str(x->doc, sbuf_cstr(&x->tmp));
	x->sc[c].context = st->sent_head >= 0 ? st->sent_head : x->prev_head;
	if (st->seg_head < 0)
		st->seg_head = c;
	if (st->sent_head < 0)
		st->sent_head = c;
	if (st->in_enum)
		st->enum_count++;
	st->seg_last = c;
}

/* "占99.96%" after 占: the share, and the whole it is of (the words
 * between, else the sentence's first figure). */
static void on_share_percent(extractor *x, sentence_state *st, const token *t)
{
	yoy_claim *c = &x->doc->claims[st->share_on];
	c->share = decimal_of(st->s, t);
	if (c->kind == YOY_CLAIM_FIGURE)
		c->kind = YOY_CLAIM_SHARE;
	const char *w = st->s + st->share_from;
	size_t wn = t->b - st->share_from;
	strip_suffix(w, &wn, "的");
	trim_span(&w, &wn);
	if (wn) {
		clean_subject(&x->tmp, w, wn, x->doc->department);
		c->whole = doc_str(x->doc, sbuf_cstr(&x->tmp));
	} else if (st->sent_head >= 0 && st->sent_head != st->share_on) {
		const yoy_claim *h = &x->doc->claims[st->sent_head];
		c->whole = h->subject;
		c->whole_value = h->current;
	}
	st->share_on = -1;
}

/* A percent, or a bare number right after a direction word: the change's
 * percent; "增长16倍" a multiple; "减少 9.52，" a percent without its %. */
/* A percent further on in the clause after token i (before its end). */
static bool percent_follows(const extractor *x, const sentence_state *st, size_t i)
{
	for (size_t k = i + 1; k < st->ntok; k++) {
		if (x->toks[k].type == T_PCT)
			return true;
		if (x->toks[k].type == T_REASON || clause_end(st->s, &x->toks[k]))
			return false;
	}
	return false;
}

static void on_percent(extractor *x, sentence_state *st, size_t i)
{
	const token *t = &x->toks[i];
	const char *s = st->s;
	pending *pd = &st->pd;
	if (st->share_on >= 0 && t->type == T_PCT) {
		on_share_percent(x, st, t);
		return;
	}
	if (!pd->active || pd->dir == YOY_DIR_NONE || pd->have_percent)
		return;
	bool follows_dir = i > 0 && x->toks[i - 1].type == T_DIR &&
			   (x->toks[i - 1].e == t->b ||
			    (x->toks[i - 1].e + 3 == t->b && span_eq(s + x->toks[i - 1].e, 3, "了")));
	if (!follows_dir)
		return;
	/* str_starts stops at the NUL: the sentence may end with the number */
	if (t->type == T_NUM && str_starts(s + t->e, "倍")) {
		x->doc->claims[pd->target].flags |= YOY_CLAIM_TIMES;
	} else if (t->type == T_NUM) {
		bool ends = i + 1 == st->ntok || x->toks[i + 1].type == T_SEP ||
			    x->toks[i + 1].type == T_REASON;
		if (ends && !pd->have_delta && percent_follows(x, st, i)) {
			/* "增加50.00，增长7.69%": the amount, its unit left out as the
			 * sentence's figure has it */
			yoy_claim *c = &x->doc->claims[pd->target];
			yoy_unit u = c->current.present ? (yoy_unit)c->current.unit : YOY_UNIT_WAN;
			yoy_amount a;
			if (yoy_amount_parse(&a, s + t->vb, t->ve - t->vb, u) == 0 && a.present) {
				c->delta = a;
				c->flags |= YOY_CLAIM_UNIT_IMPLIED;
				pd->have_delta = true;
			}
			return;
		}
		if (!ends || !pd->have_delta)
			return;
		x->doc->claims[pd->target].flags |= YOY_CLAIM_PERCENT_NO_SIGN;
	}
	x->doc->claims[pd->target].percent = decimal_of(s, t);
	pd->have_percent = true;
}

/* "1家行政单位", "3个副处级事业单位", "6 个项目实行…": the counted thing
 * follows; "项目48个，": it precedes. */
static void on_count(extractor *x, sentence_state *st, size_t i)
{
	const token *t = &x->toks[i];
	const char *s = st->s;
	size_t we = i + 1 < st->ntok ? x->toks[i + 1].b : st->se;
	const char *a = s + t->e;
	size_t an = we - t->e;
	const char *de = span_find(a, an, "的");
	if (de)
		an = (size_t)(de - a);
	const char *paren = span_find(a, an, "（");
	if (paren)
		an = (size_t)(paren - a);
	clean_subject(&x->tmp, a, an, x->doc->department);
	if (x->tmp.len < 6) {
		size_t wb = words_start(x, s, i, st->sb);
		clean_subject(&x->tmp, s + wb, t->b - wb, x->doc->department);
	}
	if (x->tmp.len < 6)
		return;
	long c = new_claim(x, st->para, st->sb, st->se, t->b);
	if (c < 0)
		return;
	yoy_claim *cl = &x->doc->claims[c];
	cl->kind = YOY_CLAIM_COUNT;
	cl->subject = doc_str(x->doc, sbuf_cstr(&x->tmp));
	cl->count = atoll(s + t->vb);
	cl->count_unit = doc_strn(x->doc, s + t->ub, t->ue - t->ub);
}

/* "比上年": a change of the clause's figure opens; the claim is set when
 * a direction word follows. */
static void on_base(extractor *x, sentence_state *st, const token *t)
{
	finish_pending(x, &st->pd);
	long target = change_target(x, st->seg_last, st->seg_head, st->enum_count);
	if (target < 0)
		return;
	long eb = st->exec_base_for;
	if (eb >= 0 && target != eb && x->doc->claims[eb].base_value.present) {
		/* the base stated for an earlier copy travels along */
		x->doc->claims[target].base_value = x->doc->claims[eb].base_value;
	}
	st->pd.active = true;
	st->pd.target = target;
	st->pd.base = t;
	st->pd.base_end = t->e;
}

/* "小于上年", "高于2022年": base and direction in one word. */
static void on_compare(extractor *x, sentence_state *st, const token *t)
{
	const char *s = st->s;
	finish_pending(x, &st->pd);
	long target = change_target(x, st->seg_last, st->seg_head, st->enum_count);
	if (target >= 0)
		target = claim_for_change(x, target, st->para, st->sb, st->se);
	if (target < 0)
		return;
	yoy_claim *c = &x->doc->claims[target];
	token base = *t;
	base.vb = t->b + 6; /* after the two-character word */
	base.ub = base.ue = 0;
	set_base(x, c, s, &base);
	if (span_has(s + t->b, t->e - t->b, "预算"))
		c->basis = YOY_BASIS_BUDGET;
	yoy_direction dir = direction_of(s, t->b, t->b + 6);
	c->kind = YOY_CLAIM_CHANGE;
	c->direction = dir;
	c->direction_word = doc_strn(x->doc, s + t->b, 6);
	if (x->sc[target].para == st->para)
		x->sc[target].te = st->se;
	st->pd.active = true;
	st->pd.target = target;
	st->pd.base = t;
	st->pd.dir = dir;
	st->pd.dir_end = t->e;
	st->last_change = target;
	st->had_change = true;
}

/* A direction word after a base: the change claim takes its base and
 * direction; a second, different direction is a conflict ("持平，零增长"
 * is one direction). */
static void on_direction(extractor *x, sentence_state *st, const token *t)
{
	const char *s = st->s;
	pending *pd = &st->pd;
	if (!pd->active)
		return;
	yoy_direction dir = direction_of(s, t->vb, t->ve);
	/* "与上年统计口径一致": 一致 far from the base is no claim */
	if (pd->dir == YOY_DIR_NONE && dir == YOY_DIR_FLAT && t->b > pd->base_end + 6)
		return;
	if (pd->dir == YOY_DIR_NONE && pd->target >= 0) {
		/* "…减少40万元，同比下降3.1%": the same change said again, as a
		 * percent, in the same sentence: one claim, the base first named */
		const yoy_claim *h = &x->doc->claims[pd->target];
		if (h->kind == YOY_CLAIM_CHANGE && h->direction == dir && h->base &&
		    !h->percent.present && x->sc[pd->target].para == st->para &&
		    x->sc[pd->target].tb == st->sb) {
			pd->dir = dir;
			pd->dir_end = t->e;
			return;
		}
	}
	if (pd->dir == YOY_DIR_NONE) {
		long target = claim_for_change(x, pd->target, st->para, st->sb, st->se);
		if (target < 0)
			return;
		pd->target = target;
		yoy_claim *b = &x->doc->claims[target];
		set_base(x, b, s, pd->base);
		/* "按与上年统计口径一致相比": a comparable basis in words */
		if (span_has(s + st->sb, pd->base->b - st->sb, "口径") && b->basis == YOY_BASIS_NONE)
			b->basis = YOY_BASIS_COMPARABLE;
		if (x->sc[target].para == st->para)
			x->sc[target].te = st->se; /* cite the change too */
	}
	yoy_claim *c = &x->doc->claims[pd->target];
	if (pd->dir == YOY_DIR_NONE) {
		pd->dir = dir;
		c->kind = YOY_CLAIM_CHANGE;
		c->direction = dir;
		c->direction_word = doc_strn(x->doc, s + t->vb, t->ve - t->vb);
		st->last_change = pd->target;
		st->had_change = true;
	} else if (dir != pd->dir && dir != YOY_DIR_FLAT && dir != YOY_DIR_TEMPLATE &&
		   pd->dir != YOY_DIR_TEMPLATE &&
		   !(t->vb >= 3 && span_eq(s + t->vb - 3, 3, "零"))) {
		/* a template's "增加（减少）…增长（下降）" is no conflict: it is
		 * reported as a template */
		c->flags |= YOY_CLAIM_DIR_CONFLICT;
	}
	pd->dir_end = t->e;
}

/* "主要原因是…": the reason runs to the sentence end, or to the next
 * clause that states a new figure; it goes to the change just stated, or
 * stands alone; changes stated inside it are claims too.  Returns the
 * index of the last token the reason took. */
static size_t on_reason(extractor *x, sentence_state *st, size_t i)
{
	const char *s = st->s;
	const token *t = &x->toks[i];
	size_t ntok = st->ntok;
	finish_pending(x, &st->pd);
	size_t k = i + 1;
	for (; k < ntok; k++)
		if (clause_end(s, &x->toks[k]) && clause_has_figure(x, k) &&
		    !enumeration_goes_on(s, &x->toks[k]))
			break;
	size_t re = k < ntok ? x->toks[k].b : st->se;
	long owner = st->last_change;
	if (owner >= 0 && !x->doc->claims[owner].reason) {
		give_reason(x, s, t->e, re, owner);
		/* other open changes keep waiting */
	} else if (owner < 0) {
		yoy_direction named = YOY_DIR_NONE;
		for (size_t q = 0; q < i; q++)
			if (x->toks[q].type == T_DIR)
				named = direction_of(s, x->toks[q].vb, x->toks[q].ve);
		standalone_reason(x, s, t->e, re, named);
		owner = x->last_change;
	}
	reason_changes(x, s, st->para, i + 1, k, owner, st->sb, st->se);
	x->ntoks = ntok; /* reason_changes may not grow toks */
	st->last_change = -1;
	return k < ntok ? k - 1 : ntok;
}

/* A clause ends (。；…): what was open in it closes. */
static void on_clause_end(extractor *x, sentence_state *st)
{
	finish_pending(x, &st->pd);
	st->seg_head = st->seg_last = -1;
	st->in_enum = false;
	st->enum_count = 0;
	st->share_on = -1;
}

/* "…300.00万元，此项支出是今年新增支出": the sentence's figure is a change
 * from nothing last year. */
static void new_line(extractor *x, sentence_state *st)
{
	static const char *const words[] = { "新增支出", "新增项目", "今年新增", "本年新增",
					     "为新增" };
	long h = st->sent_head;
	if (h < 0 || x->doc->claims[h].kind != YOY_CLAIM_FIGURE ||
	    !x->doc->claims[h].current.present)
		return;
	bool said = false;
	for (size_t w = 0; w < sizeof words / sizeof *words && !said; w++)
		said = span_has(st->s + st->sb, st->se - st->sb, words[w]);
	if (!said)
		return;
	yoy_claim *c = &x->doc->claims[h];
	c->kind = YOY_CLAIM_CHANGE;
	c->direction = YOY_DIR_INCREASE;
	c->direction_word = doc_str(x->doc, "新增");
	c->base = doc_str(x->doc, "上年");
	c->base_year = x->doc->year ? x->doc->year - 1 : 0;
	c->delta = c->current;
	c->base_value = c->current;
	c->base_value.fen = 0;
	c->flags |= YOY_CLAIM_NEW_LINE;
	if (x->sc[h].para == st->para)
		x->sc[h].te = st->se; /* cite the whole sentence */
}

/* ---- parallel lists ------------------------------------------------------ */

/* "2022年度收、支总计各是4125.49、4143.91万元。与2021年相比，收、支总计各
 * 减少1267.86、2570.97万元，各下降23.51%、38.28%" (Sichuan's 决算): two
 * figures, their changes and percents in two lists, the first of each for
 * 收入, the second for 支出.  Read one by one, the second figure took the
 * first's change (a false change.percent error).  A sentence with a list
 * of two values after 各/分别 or a direction is read here: for 收、支 its
 * two claims; for anything else none, rather than values paired wrong. */

static bool ends_with_at(const char *s, size_t from, size_t off, const char *w)
{
	size_t k = strlen(w);
	return off >= from + k && memcmp(s + off - k, w, k) == 0;
}

static bool figure_token(const token *t, bool percents)
{
	return percents ? t->type == T_PCT : t->type == T_AMT || t->type == T_NUM;
}

/* Two values from token i: "A、B", "A，B", "A,B", "A和B" (*second: B). */
static bool value_pair(const extractor *x, const sentence_state *st, size_t i, bool percents,
		       size_t *second)
{
	const token *t = x->toks;
	if (i + 1 >= st->ntok || !figure_token(&t[i], percents))
		return false;
	if (figure_token(&t[i + 1], percents) && t[i + 1].b == t[i].e + 3 &&
	    span_eq(st->s + t[i].e, 3, "和")) {
		*second = i + 1;
		return true;
	}
	static const char *const seps[] = { "、", "，", "," };
	if (i + 2 >= st->ntok || t[i + 1].type != T_SEP || t[i + 1].b != t[i].e ||
	    !is_sep(st->s, &t[i + 1], seps, 3) || !figure_token(&t[i + 2], percents) ||
	    t[i + 2].b != t[i + 1].e)
		return false;
	*second = i + 2;
	return true;
}

/* A figure of a list; a bare number takes the unit printed after the
 * list's last value. */
static yoy_amount list_amount(const char *s, const token *t, const token *last)
{
	if (t->type == T_AMT)
		return amount_of(s, t);
	yoy_unit u = last->type == T_AMT ? yoy_unit_parse(s + last->ub, last->ue - last->ub)
					 : str_starts(s + last->e, "亿元") ? YOY_UNIT_YI
					 : str_starts(s + last->e, "万元") ? YOY_UNIT_WAN
					 : str_starts(s + last->e, "元") ? YOY_UNIT_YUAN
					 : YOY_UNIT_WAN;
	yoy_amount a;
	if (yoy_amount_parse(&a, s + t->vb, t->ve - t->vb, u) != 0)
		memset(&a, 0, sizeof a);
	return a;
}

/* Whether the sentence has such lists, with *head where the clause
 * holding them starts (the tokens before it are read as any others);
 * with make, their claims are made. */
static bool parallel_sentence(extractor *x, sentence_state *st, size_t *head_out, bool make)
{
	const char *s = st->s;
	const token *t = x->toks;
	size_t cur[2], delta[2], pct[2];
	bool have_cur = false, have_delta = false, have_pct = false;
	long dir_delta = -1, dir_pct = -1, base = -1;
	size_t marker = st->se;
	static const char *const values_after[] = { "各是", "各为", "分别是", "分别为", "分别" };
	for (size_t i = 0; i < st->ntok; i++) {
		/* lists inside a reason are the reason's ("主要原因是人员经费和
		 * 公用经费分别增加…"): read with it */
		if (t[i].type == T_REASON)
			break;
		if (t[i].type == T_BASE && base < 0)
			base = (long)i;
		size_t second;
		if (!have_cur && figure_token(&t[i], false) && value_pair(x, st, i, false, &second)) {
			for (size_t w = 0; w < sizeof values_after / sizeof *values_after; w++)
				if (ends_with_at(s, st->sb, t[i].b, values_after[w])) {
					cur[0] = i;
					cur[1] = second;
					have_cur = true;
					if (t[i].b < marker)
						marker = t[i].b - strlen(values_after[w]);
					break;
				}
		}
		if (t[i].type != T_DIR || i + 1 >= st->ntok || t[i + 1].b != t[i].e)
			continue;
		if (!have_delta && value_pair(x, st, i + 1, false, &second)) {
			delta[0] = i + 1;
			delta[1] = second;
			dir_delta = (long)i;
			have_delta = true;
		} else if (!have_pct && value_pair(x, st, i + 1, true, &second)) {
			pct[0] = i + 1;
			pct[1] = second;
			dir_pct = (long)i;
			have_pct = true;
		} else {
			continue;
		}
		if (t[i].b < marker)
			marker = t[i].b;
	}
	if (!have_cur && !have_delta && !have_pct)
		return false;
	/* whose lists: 收、支总计 (收入、支出总计, 收支总计) before the first */
	size_t head = st->sb;
	for (size_t i = 0; i < st->ntok && t[i].e <= marker; i++)
		if (t[i].type == T_SEP && !span_eq(s + t[i].b, t[i].e - t[i].b, "、"))
			head = t[i].e;
	*head_out = head;
	if (!make)
		return true;
	const char *w = s + head;
	size_t wn = marker > head ? marker - head : 0;
	/* 收、支总计 (收入、支出总计, 收支总计); else two names a 、 apart
	 * ("基本支出、项目支出分别为…") */
	const char *names[2] = { "收入总计", "支出总计" };
	if (!(span_has(w, wn, "总计") && span_has(w, wn, "收") && span_has(w, wn, "支"))) {
		const char *dun = span_find(w, wn, "、");
		if (!dun)
			dun = span_find(w, wn, "和");
		if (!dun || span_find(dun + 3, wn - (size_t)(dun + 3 - w), "、"))
			return true; /* values in parallel for subjects yoy cannot name */
		for (int k = 0; k < 2; k++) {
			const char *p = k ? dun + 3 : w;
			size_t n = k ? wn - (size_t)(dun + 3 - w) : (size_t)(dun - w);
			clean_subject(&x->tmp, p, n, x->doc->department);
			/* "一般公共预算拨款收入、支出分别为…": a bare 支出 has lost
			 * the words it shares with the first name */
			if (utf8_length(sbuf_cstr(&x->tmp), x->tmp.len) < 4)
				return true;
			names[k] = doc_str(x->doc, sbuf_cstr(&x->tmp));
		}
	}
	long c[2] = { -1, -1 };
	for (int k = 0; k < 2; k++) {
		if (have_cur) {
			c[k] = new_claim(x, st->para, st->sb, st->se, t[cur[k]].b);
			if (c[k] < 0)
				return true;
			yoy_claim *cl = &x->doc->claims[c[k]];
			cl->kind = YOY_CLAIM_FIGURE;
			cl->current = list_amount(s, &t[cur[k]], &t[cur[1]]);
			cl->subject = doc_str(x->doc, names[k]);
		} else if (x->pair_para == st->para && x->pair[k] >= 0) {
			c[k] = x->pair[k];
			x->sc[c[k]].te = st->se;
		}
	}
	if (c[0] < 0 || c[1] < 0)
		return true; /* changes of figures not stated: nothing to hold them to */
	for (int k = 0; k < 2 && (have_delta || have_pct); k++) {
		yoy_claim *cl = &x->doc->claims[c[k]];
		const token *d = &t[have_delta ? dir_delta : dir_pct];
		cl->kind = YOY_CLAIM_CHANGE;
		cl->direction = direction_of(s, d->b, d->e);
		cl->direction_word = doc_strn(x->doc, s + d->b, d->e - d->b);
		if (have_delta)
			cl->delta = list_amount(s, &t[delta[k]], &t[delta[1]]);
		if (have_pct)
			cl->percent = decimal_of(s, &t[pct[k]]);
		if (base >= 0) {
			set_base(x, cl, s, &t[base]);
		} else {
			cl->base = doc_str(x->doc, "上年");
			cl->base_year = x->doc->year ? x->doc->year - 1 : 0;
		}
		open_change(x, c[k]);
	}
	/* "…各增加…万元，主要原因是…": the reason of both */
	size_t last = have_pct ? pct[1] : have_delta ? delta[1] : cur[1];
	for (size_t i = last + 1; i < st->ntok; i++)
		if (t[i].type == T_REASON && (have_delta || have_pct)) {
			give_reason(x, s, t[i].e, st->se, c[0]);
			give_reason(x, s, t[i].e, st->se, c[1]);
			break;
		}
	x->pair[0] = c[0];
	x->pair[1] = c[1];
	x->pair_para = st->para;
	return true;
}

/* One sentence: its tokens, walked once, each kind by its own step. */
static void sentence(extractor *x, size_t para, size_t sb, size_t se)
{
	sentence_state st = { .s = x->pc->paras[para].text, .para = para, .sb = sb, .se = se,
			      .seg_head = -1, .seg_last = -1, .sent_head = -1,
			      .last_change = -1, .share_on = -1, .exec_base_for = -1 };
	st.pd.target = -1;
	if (tokenize(x->m, st.s, sb, se, &x->toks, &st.ntok, &x->toks_cap) != 0) {
		x->pc->oom = true;
		return;
	}
	x->ntoks = st.ntok;
	size_t head, all = st.ntok;
	bool parallel = parallel_sentence(x, &st, &head, false);
	while (parallel && st.ntok > 0 && x->toks[st.ntok - 1].b >= head)
		st.ntok--;
	for (size_t i = 0; i < st.ntok && !x->pc->oom; i++) {
		const token *t = &x->toks[i];
		switch (t->type) {
		case T_AMT: on_amount(x, &st, i); break;
		case T_PCT:
		case T_NUM: on_percent(x, &st, i); break;
		case T_CNT: on_count(x, &st, i); break;
		case T_BASE: on_base(x, &st, t); break;
		case T_CMP: on_compare(x, &st, t); break;
		case T_DIR: on_direction(x, &st, t); break;
		case T_SHARE:
			if (st.seg_last >= 0) {
				st.share_on = st.seg_last;
				st.share_from = t->e;
			}
			break;
		case T_PURPOSE:
			/* "主要用于…" describes use, not a reason: skip the clause */
			while (i + 1 < st.ntok && x->toks[i + 1].type != T_SEP)
				i++;
			break;
		case T_REASON: i = on_reason(x, &st, i); break;
		case T_ENUM:
			/* "…增长16.75%，其中因公出国(境)费增加0万元": the items
			 * that follow are changes of their own */
			if (st.pd.active && st.pd.dir != YOY_DIR_NONE)
				finish_pending(x, &st.pd);
			st.in_enum = true;
			st.enum_count = 0;
			break;
		case T_SEP:
			if (clause_end(st.s, t))
				on_clause_end(x, &st);
			break;
		case T_PP:
			break; /* left out by the tokenizer (drop_rate_changes) */
		}
	}
	finish_pending(x, &st.pd);
	if (parallel && !x->pc->oom) {
		st.ntok = x->ntoks = all;
		parallel_sentence(x, &st, &head, true);
	}
	new_line(x, &st);
	if (st.sent_head >= 0)
		x->prev_head = st.sent_head;
	x->last_change = st.last_change >= 0 ? st.last_change
			 : (st.had_change ? x->last_change : -1);
}

/* The subject of an execution statement with no words in front of it:
 * the item the paragraph opens with ("1、一般公共服务支出（类）财政事务
 * （款）行政运行（项）。主要用于：…").  Empty when it opens otherwise. */
static void item_subject(sbuf *out, const paragraph *p, size_t before, const char *department)
{
	sbuf_reset(out);
	/* the last sentence before it that opens an item: a paragraph may
	 * run several items together when a line ended at the margin */
	size_t best_b = 0, best_n = 0, b = 0;
	while (b < before) {
		const char *end = span_find(p->text + b, p->len - b, "。");
		size_t n = end ? (size_t)(end - (p->text + b)) : p->len - b;
		const char *s = p->text + b;
		size_t k = n;
		trim_span(&s, &k);
		if (strip_ordinal(&s, &k)) {
			best_b = b;
			best_n = n;
		}
		if (!end)
			break;
		b += n + strlen("。");
	}
	if (best_n)
		clean_subject(out, p->text + best_b, best_n, department);
}

/* A sentence, its execution statements taken out first: each is a claim
 * of its own, the words around them are read as usual. */
static void execution_sentence(extractor *x, size_t pi, size_t sb, size_t se)
{
	const paragraph *p = &x->pc->paras[pi];
	size_t at = sb;
	while (at < se && !x->pc->oom) {
		execution_statement es;
		int rc = execution_find(&es, p->text, at, se, p->len);
		if (rc < 0) {
			x->pc->oom = rc == YOY_ENOMEM;
			break;
		}
		if (rc == 0)
			break;
		if (es.subj_b > at)
			sentence(x, pi, at, es.subj_b);
		long ci = new_claim(x, pi, es.subj_b, es.e, es.e > es.subj_e ? es.subj_e : es.b);
		if (ci < 0)
			return;
		yoy_claim *c = &x->doc->claims[ci];
		c->kind = YOY_CLAIM_EXECUTION;
		clean_subject(&x->tmp, p->text + es.subj_b, es.subj_e - es.subj_b,
			      x->pc->department_hint);
		if (!x->tmp.len)
			item_subject(&x->tmp, p, es.b, x->pc->department_hint);
		c->subject = x->tmp.len ? doc_str(x->doc, sbuf_cstr(&x->tmp)) : NULL;
		c->current = es.final;
		c->base_value = es.budget;
		c->base = "年初预算";
		c->basis = YOY_BASIS_BUDGET;
		c->base_year = x->doc->year;
		if (es.has_rate)
			c->percent = es.rate;
		c->direction = es.direction;
		if (es.why_e > es.why_b)
			c->reason = doc_strn(x->doc, p->text + es.why_b, es.why_e - es.why_b);
		at = es.e;
	}
	if (at < se)
		sentence(x, pi, at, se);
}

int claims_extract(parse_ctx *pc)
{
	pthread_once(&lex_once, lexer_init);
	if (!lex.re)
		return YOY_EINTERNAL;
	extractor x;
	memset(&x, 0, sizeof x);
	x.pc = pc;
	x.doc = pc->doc;
	x.prev_head = -1;
	x.last_change = -1;
	x.section = (size_t)-1;
	x.pair[0] = x.pair[1] = -1;
	x.pair_para = (size_t)-1;
	sbuf_init(&x.tmp);
	x.m = match_new(lex.re);
	if (!x.m)
		return YOY_ENOMEM;
	for (size_t pi = 0; pi < pc->nparas && !pc->oom; pi++) {
		const paragraph *p = &pc->paras[pi];
		if (p->section != x.section) {
			x.section = p->section;
			x.prev_head = -1;
			x.last_change = -1;
			x.nopen = 0;
		}
		size_t sb = 0;
		while (sb < p->len) {
			const char *end = span_find(p->text + sb, p->len - sb, "。");
			size_t se = end ? (size_t)(end - p->text) : p->len;
			if (se > sb)
				execution_sentence(&x, pi, sb, se);
			sb = end ? se + strlen("。") : p->len;
		}
	}
	/* claim texts: the sentences they were read from */
	for (size_t i = 0; i < pc->doc->nclaims && !pc->oom; i++) {
		const scratch *sc = &x.sc[i];
		const paragraph *p = &pc->paras[sc->para];
		size_t tb = sc->tb, te = sc->te;
		if (te < p->len && span_eq(p->text + te, 3 <= p->len - te ? 3 : 0, "。"))
			te += 3;
		pc->doc->claims[i].text = doc_strn(pc->doc, p->text + tb, te - tb);
	}
	/* what each figure speaks about, now that the tables are known */
	sbuf ctxbuf;
	sbuf_init(&ctxbuf);
	for (size_t i = 0; i < pc->doc->nclaims && !pc->oom; i++) {
		yoy_claim *c = &pc->doc->claims[i];
		/* the chain of figures it is listed under, nearest first */
		sbuf_reset(&ctxbuf);
		long cx = x.sc[i].context;
		for (int depth = 0; depth < 3 && cx >= 0 && cx != (long)i; depth++) {
			if (pc->doc->claims[cx].subject)
				sbuf_puts(&ctxbuf, pc->doc->claims[cx].subject);
			sbuf_putc(&ctxbuf, '|');
			cx = x.sc[cx].context;
		}
		const char *ctx = ctxbuf.len ? sbuf_cstr(&ctxbuf) : NULL;
		if (c->subject) {
			const char *m = metric_for_subject(pc->doc, c->subject, c->kind,
							   ctx, &x.tmp);
			c->metric = m ? doc_str(pc->doc, m) : NULL;
			c->flags |= chain_name_flags(pc->doc, c->subject, c->metric);
		}
		if (c->whole) {
			const char *m = metric_for_subject(pc->doc, c->whole,
							   YOY_CLAIM_FIGURE, NULL, &x.tmp);
			c->whole_metric = m ? doc_str(pc->doc, m) : NULL;
		}
	}
	sbuf_free(&ctxbuf);
	free(x.sc);
	free(x.open);
	free(x.toks);
	sbuf_free(&x.tmp);
	match_free(x.m);
	return pc->oom ? YOY_ENOMEM : 0;
}
