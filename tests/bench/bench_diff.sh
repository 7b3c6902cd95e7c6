#!/usr/bin/env bash
# Diff as a whole process, and daff on the same tables (make bench).
# Numbers, never assertions.
#
#  1. `yoy diff DEPARTMENT 2023 2024` from a history repository holding the
#     bundled series: median of 51 runs (process start included).
#  2. The two years' expenditure tables exported as CSV (yoy parse --format
#     csv) and compared by daff (npm), against `yoy diff --table expenditure`
#     on the same two stored documents, alternately: medians and the ratio.
#     Without the npm registry the daff line says so and is skipped.
set -u
cd "$(dirname "$0")/../.."
YOY=${YOY:-$PWD/yoy}
RUNS=${BENCH_DIFF_RUNS:-51}
work=$(mktemp -d "${TMPDIR:-/tmp}/yoy-bench-diff.XXXXXX")
trap 'rm -rf "$work"' EXIT
now() { echo "${EPOCHREALTIME/./}"; }
median_ms() { printf "%s\n" "$@" | sort -n | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] / 1000 }'; }

S=tests/data/shanghai-putuo-wanli
"$YOY" import -q --repo "$work/h" tests/data/jiangsu-high-court/*.pdf $S/*.pdf >/dev/null
for y in 2023 2024; do
	"$YOY" parse -q -o "$work/$y.json" $S/$y-budget.pdf
	"$YOY" parse -q --format csv --table expenditure -o "$work/$y.csv" $S/$y-budget.pdf
done
rows=$(($(wc -l <"$work/2023.csv") - 1))

hist=()
for ((i = 0; i < RUNS; i++)); do
	t0=$(now)
	"$YOY" diff --repo "$work/h" 万里街道 2023 2024 >/dev/null
	t1=$(now)
	hist+=($((t1 - t0)))
done
echo "Diff as a process"
printf "  %-58s %7s ms\n" "yoy diff 万里街道 2023 2024 (from history), median" "$(median_ms "${hist[@]}")"

daff=""
if (cd "$work" && timeout 120 npm install --silent --no-audit --no-fund daff >/dev/null 2>&1) &&
	[ -x "$work/node_modules/.bin/daff" ]; then
	daff="$work/node_modules/.bin/daff"
fi
ours=()
theirs=()
for ((i = 0; i < RUNS; i++)); do
	t0=$(now)
	"$YOY" diff --table expenditure "$work/2023.json" "$work/2024.json" >/dev/null
	t1=$(now)
	ours+=($((t1 - t0)))
	if [ -n "$daff" ]; then
		t0=$(now)
		"$daff" diff --output "$work/daff.csv" "$work/2023.csv" "$work/2024.csv" >/dev/null 2>&1
		t1=$(now)
		theirs+=($((t1 - t0)))
	fi
done
printf "  %-58s %7s ms\n" "yoy diff --table expenditure, two stored years ($rows rows)" "$(median_ms "${ours[@]}")"
if [ -n "$daff" ]; then
	printf "  %-58s %7s ms\n" "daff diff of the same two tables as CSV" "$(median_ms "${theirs[@]}")"
	printf "  %-58s %7s x\n" "ratio (daff / yoy)" \
		"$(awk -v a="$(median_ms "${theirs[@]}")" -v b="$(median_ms "${ours[@]}")" 'BEGIN { printf "%.1f", a / b }')"
else
	echo "  daff: not measured (npm could not install it: no registry here)"
fi
