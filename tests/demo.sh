#!/usr/bin/env bash
# make demo: the main job on the bundled real disclosures.  Imports them
# into ./history (the history repository; run again and nothing changes),
# then shows what is stored.
set -euo pipefail
cd "$(dirname "$0")/.."
YOY=./yoy
export YOY_REPO=${YOY_REPO:-history}

echo "== yoy import: the 2023 吕梁 text and three three-year PDF series into $YOY_REPO/"
$YOY import tests/data/lvliang-hrss/2023-budget.txt \
	tests/data/jiangsu-high-court/201[789]-budget.pdf \
	tests/data/jiangsu-procuratorate/201[789]-budget.pdf \
	tests/data/shanghai-putuo-wanli/202[345]-budget.pdf
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
echo "The history is a plain git repository: git -C $YOY_REPO log --stat"
