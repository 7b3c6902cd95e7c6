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
run_all() { # label args...
	local label=$1 t0 t1 status=0
	shift
	t0=$(now)
	"$YOY" check --all --repo "$work/h" "$@" >"$work/out" || status=$?
	t1=$(now)
	us=$((t1 - t0))
	printf "  %-50s %8s s %8s docs/s  (exit %s)\n" "$label" \
		"$(awk -v u=$us 'BEGIN { printf "%.2f", u / 1e6 }')" \
		"$(awk -v n="$N" -v u=$us 'BEGIN { printf "%.0f", n / (u / 1e6) }')" "$status"
}
echo "yoy check --all over a history of $N disclosures (target: >= 500 documents/s)"
run_all "one thread (-j1)" --show error -j1
checked=$(grep -c "^  source:" "$work/out" || true)
against=$(grep -c "^  against: [0-9]" "$work/out" || true)
run_all "one per CPU ($(nproc) here)" --show error
run_all "--rank (one per CPU)" --rank
echo "  ($checked checked, $against of them against the year before; exit 1: the"
echo "   bundled documents hold errors, see tests/unit/test_check.c)"
