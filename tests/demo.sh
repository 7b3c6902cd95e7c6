#!/usr/bin/env bash
# make demo: the main job on the bundled real disclosures.  Imports them
# into ./history (the history repository; run again and nothing changes),
# then shows what is stored, compares and checks years, and ends with the
# hearing summary of the latest year of a three-year series, written as
# HTML next to the history too.
set -euo pipefail
cd "$(dirname "$0")/.."
YOY=./yoy
export YOY_REPO=${YOY_REPO:-history}

# two imports, as two auditors would make them: two commits, so that
# `yoy show --rev HEAD~1` (README) has a revision to go back to
echo "== yoy import: the 2023 吕梁 text and the Jiangsu series into $YOY_REPO/"
$YOY import tests/data/lvliang-hrss/2023-budget.txt \
	tests/data/jiangsu-high-court/201[789]-budget.pdf \
	tests/data/jiangsu-procuratorate/201[789]-budget.pdf
echo
echo "== yoy import: a Shanghai series"
$YOY import tests/data/shanghai-putuo-wanli/202[345]-budget.pdf
echo
echo "== yoy log: what the history holds"
$YOY log
echo
echo "== yoy show --format summary 江苏省高级人民法院 2019"
$YOY show --format summary 江苏省高级人民法院 2019
echo
echo "== yoy diff --stat 江苏省高级人民法院 2018 2019"
$YOY diff --stat 江苏省高级人民法院 2018 2019
echo
echo "== yoy check 江苏省高级人民法院 2019 (against 2018, from the history)"
$YOY check --show warning 江苏省高级人民法院 2019 || true
echo
echo "== yoy check 江苏省人民检察院 2018 (against 2017): errors of the disclosure itself"
$YOY check --show error 江苏省人民检察院 2018 || true
echo
echo "== yoy trend 江苏省高级人民法院 2040501: one function code over the years"
$YOY trend 江苏省高级人民法院 2040501
echo
dept=江苏省人民检察院 year=2019
html="$(dirname "$YOY_REPO")/$dept-$year-report.html"
$YOY report --format html -o "$html" $dept $year
echo "== yoy report --format text $dept $year: the hearing summary"
$YOY report --format text --top 5 $dept $year
echo
echo "The same summary as a page for screen, phone and A4 print: $html"
echo "(Markdown for documents: yoy report $dept $year)"
echo "The history is a plain git repository: git -C $YOY_REPO log --stat"
