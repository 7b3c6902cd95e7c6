/* Fuzz the claims lexer and sentence machine: the input is the narrative
 * of a small disclosure whose tables hold, so every sentence reaches
 * claims.c and, resolved, the check. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "yoy/check.h"
#include "yoy/doc.h"
#include "yoy/parse.h"

static const char head[] =
	"测试局\n2023年度部门预算公开\n2023年预算支出总表\n部门名称：测试局\n单位：万元\n"
	"科目编码\t科目名称\t合计\t基本支出\t项目支出\n合计\t\t100.00\t60.00\t40.00\n"
	"205\t教育支出\t100.00\t60.00\t40.00\n20503\t职业教育\t60.00\t60.00\t\n"
	"20599\t其他教育支出\t40.00\t\t40.00\n"
	"第三部分 情况说明\n一、支出预算情况说明\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(sizeof head + size);
	if (!text)
		return 0;
	memcpy(text, head, sizeof head - 1);
	memcpy(text + sizeof head - 1, data, size);
	yoy_doc *doc = NULL;
	yoy_error err;
	if (yoy_parse_buffer(&doc, "fuzz.txt", text, sizeof head - 1 + size, &err) == 0) {
		yoy_check *c = NULL;
		yoy_check_options o = { 0 };
		if (yoy_check_doc(&c, doc, &o, &err) == 0)
			yoy_check_free(c);
		yoy_doc_free(doc);
	}
	free(text);
	return 0;
}
