#!/usr/bin/env bash
# make fuzz: run each libFuzzer harness for FUZZ_SECONDS over its seeds and
# the domain dictionary; print executions, coverage and crashes per harness.
# A crash leaves its input in build/fuzz/crashes/ and fails the run: fix
# the bug, then copy the input into tests/fuzz/regressions/HARNESS/ so
# `make test` replays it from then on.
set -uo pipefail
cd "$(dirname "$0")/../.."
seconds=${FUZZ_SECONDS:-60}
bin=build/fuzz/bin
work=build/fuzz
mkdir -p "$work/crashes" "$work/seeds/json"
for f in tests/cases/parse-*/stdout; do
	cp "$f" "$work/seeds/json/$(basename "$(dirname "$f")").json"
done
seeds_of() {
	case $1 in
	text) echo tests/data/lvliang-hrss tests/data/bad tests/fuzz/seeds/claims tests/fuzz/seeds/text ;;
	json) echo "$work/seeds/json" ;;
	*) echo "tests/fuzz/seeds/$1" ;;
	esac
}
max_len_of() {
	case $1 in
	text | json) echo 262144 ;;
	layout) echo 65536 ;;
	*) echo 4096 ;;
	esac
}
failed=0
printf '  %-8s %8s %12s %8s %8s %s\n' harness seconds executions cov ft crashes
for h in ${FUZZ_HARNESSES:-text claims layout json aliases changes}; do
	corpus=$work/corpus/$h
	mkdir -p "$corpus" "$work/regressions"
	log=$work/$h.log
	# shellcheck disable=SC2046
	"$bin/fuzz_$h" -max_total_time="$seconds" -dict=tests/fuzz/yoy.dict -timeout=10 \
		-rss_limit_mb=2048 -max_len="$(max_len_of "$h")" -print_final_stats=1 \
		-artifact_prefix="$work/crashes/$h-" "$corpus" $(seeds_of "$h") \
		tests/fuzz/regressions/"$h" >"$log" 2>&1
	rc=$?
	execs=$(awk '/stat::number_of_executed_units/ { print $2 }' "$log" | tail -1)
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
	ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
	crashes=$(find "$work/crashes" -name "$h-*" | wc -l)
	printf '  %-8s %8s %12s %8s %8s %s\n' "$h" "$seconds" "${execs:-?}" "${cov:-?}" "${ft:-?}" "$crashes"
	if [ $rc != 0 ] || [ "$crashes" != 0 ]; then
		failed=1
		echo "fuzz: $h failed (exit $rc); see $log" >&2
		grep -m5 -E 'ERROR|SUMMARY|runtime error' "$log" >&2
	fi
done
exit $failed
