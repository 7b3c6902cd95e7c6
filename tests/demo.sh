#!/usr/bin/env bash
# make demo: the main job on the bundled real disclosures.
set -euo pipefail
cd "$(dirname "$0")/.."
YOY=./yoy
echo "== yoy parse: 2023 吕梁市人力资源和社会保障局 (tabbed text)"
$YOY parse --format summary tests/data/lvliang-hrss/2023-budget.txt
