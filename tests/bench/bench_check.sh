#!/usr/bin/env bash
# yoy check --all over a history of 1,000 disclosures (make bench).
# Numbers, never assertions.  Each disclosure is checked against its prior
# year where the history holds it (most do: the series run over years).
set -eu
cd "$(dirname "$0")/../.."
YOY=${YOY:-$PWD/yoy}
N=${BENCH_CHECK_DOCS:-1000}
work=$(mktemp -d "${TMPDIR:-/tmp}/yoy-bench-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
. tests/bench/corpus.sh

corpus_json "$work/json" "$N"
"$YOY" import -q --repo "$work/h" "$work"/json/*.json >/dev/null
t0=$(now)
status=0
"$YOY" check --all --repo "$work/h" --show error >"$work/out" || status=$?
t1=$(now)
us=$((t1 - t0))
checked=$(grep -c "^  source:" "$work/out" || true)
against=$(grep -c "^  against: [0-9]" "$work/out" || true)
echo "yoy check --all over a history of $N disclosures (target: >= 500 documents/s)"
printf "  %-50s %8s s %8s docs/s\n" "$checked checked, $against of them against the year before" \
	"$(awk -v u=$us 'BEGIN { printf "%.2f", u / 1e6 }')" \
	"$(awk -v n="$checked" -v u=$us 'BEGIN { printf "%.0f", n / (u / 1e6) }')"
echo "  (exit status $status: the bundled documents hold errors, see tests/unit/test_check.c)"
