#!/usr/bin/env bash
# make bench: run every benchmark and print its numbers.  Benchmarks report;
# they never fail on a target (see the targets printed next to each line).
set -u
cd "$(dirname "$0")/../.."
for b in "$@"; do
	case "$(basename "$b")" in
	bench_parse) "$b" tests/data/lvliang-hrss/2023-budget.txt 50 ;;
	bench_pdf) YOY=${YOY:-./yoy} "$b" tests/data/*/*.pdf ;;
	*) "$b" ;;
	esac
	echo
done
YOY=${YOY:-./yoy} bash tests/bench/bench_import.sh
echo
YOY=${YOY:-./yoy} bash tests/bench/bench_diff.sh
echo
YOY=${YOY:-./yoy} bash tests/bench/bench_check.sh
echo
YOY=${YOY:-./yoy} bash tests/bench/bench_scale.sh
