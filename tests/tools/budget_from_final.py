#!/usr/bin/env python3
"""Build a stand-in budget from a 决算's own statements, for tests.

No 2024 budget of 上海市普陀区财政局 is at hand, so the execution tests use
this one: every figure in it is a 年初预算 the 2024 决算 itself states
("年初预算为1560.05万元，支出决算为1511.89万元"), item by item (项), with
its 款 and 类 added up from them, and the total it states for 一般公共预算
财政拨款支出 (2993.92, against 2993.93 from the items: printed rounding).
It is NOT a published document.

    ./yoy parse tests/data/shanghai-putuo-finance-bureau/2024-final.pdf \
        | python3 tests/tools/budget_from_final.py \
        > tests/data/constructed/finance-bureau-2024-budget.json
"""
import json
import sys

final = json.load(sys.stdin)
rows = {}
names = {}
total = None
for t in final["tables"]:
    if t["kind"] == "general_expenditure":
        for r in t["rows"]:
            if r.get("code"):
                names[r["code"]] = r["name"]
for c in final["claims"]:
    if c["kind"] != "execution" or "base_value" not in c:
        continue
    m = c.get("metric", "")
    if m == "general_expenditure/total/total":
        total = c["base_value"]
    elif m.startswith("general_expenditure/code:"):
        rows[m.split("code:")[1].split("/")[0]] = c["base_value"]


def fen(s):
    return round(float(s.replace("万元", "")) * 100)


sums = {}
for code, v in rows.items():
    for parent in (code[:3], code[:5]):
        sums[parent] = sums.get(parent, 0) + fen(v)
out_rows = []
for code in sorted(set(rows) | set(sums)):
    value = rows[code].replace("万元", "") if code in rows else "%.2f" % (sums[code] / 100)
    out_rows.append({"code": code, "name": names.get(code, code),
                     "level": {3: 1, 5: 2, 7: 3}[len(code)],
                     "values": {"total": value}})
out_rows.append({"key": "total", "name": "合计", "level": 0,
                 "values": {"total": total.replace("万元", "")}})
doc = {
    "schema": "yoy-disclosure/1",
    "department": final["department"],
    "year": final["year"],
    "kind": "department_budget",
    "title": "测试用：由%d年度部门决算所述年初预算构成（非公开文件）" % final["year"],
    "sources": [],
    "tables": [{
        "kind": "general_expenditure",
        "title": "一般公共预算支出功能分类预算表（由决算所述年初预算构成）",
        "unit": "万元", "decimals": 2, "empty": False,
        "columns": [{"key": "total", "label": "合计"}],
        "rows": out_rows,
    }],
    "sections": [], "claims": [], "forms": [], "warnings": [],
}
json.dump(doc, sys.stdout, ensure_ascii=False, indent=1)
sys.stdout.write("\n")
