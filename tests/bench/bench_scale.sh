#!/usr/bin/env bash
# Reads at province scale (make bench).  Numbers, never assertions.
#
# A history is built 500 documents per `yoy import` (as an office would,
# a batch at a time) up to 20,000 documents; at 500, 5,000 and 20,000 the
# read commands are timed (median of several runs, each a new process) with
# their peak memory, beside `git log -- DIR` as the anchor for a
# department's log.  Targets (issue 15): log DEPT, report and check within
# 2x of show; log of everything <= 200 ms; memory flat; growth linear or
# better.  The documents are the bundled real disclosures under
# department names "…样本K" (tests/bench/corpus.sh).
# yoy log reads what each commit changed from yoy-changes (history/README.md),
# which the imports keep; "no yoy-changes" times the first log after a
# clone, which computes it.
set -eu
cd "$(dirname "$0")/../.."
YOY=${YOY:-$PWD/yoy}
SIZES=${BENCH_SCALE_SIZES:-500 5000 20000}
BATCH=500
RUNS=${BENCH_SCALE_RUNS:-7}
work=$(mktemp -d "${TMPDIR:-/tmp}/yoy-bench-scale.XXXXXX")
trap 'rm -rf "$work"' EXIT
. tests/bench/corpus.sh

corpus_json "$work/seed" 1 >/dev/null # parses the bundled documents into $work/base
nbase=$(ls "$work/base" | wc -l)

# Documents FIRST .. FIRST+499: document k is year 2015 + k % 10 of
# department k / 10 (a bundled disclosure under the name "…样本<k/10>"),
# so the history holds a province's departments with ten years each.
make_batch() {
	rm -rf "$work/batch"
	mkdir -p "$work/batch"
	perl -e '
		my ($dir, $first, $n, $nbase, @base) = @ARGV;
		my @text = map { local $/; open my $f, "<", $_ or die; <$f> } @base;
		for my $k ($first .. $first + $n - 1) {
			my $d = int($k / 10);
			my $t = $text[$d % $nbase];
			my $y = 2015 + $k % 10;
			$t =~ s/"department": "([^"]*)"/"department": "$1样本$d"/;
			$t =~ s/"year": \d+/"year": $y/;
			open my $o, ">", "$dir/d$k.json" or die;
			print $o $t;
			close $o;
		}' "$work/batch" "$1" "$BATCH" "$nbase" $(ls "$work"/base/*.json | sort -V)
}

median_ms() { printf "%s\n" "$@" | sort -n | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] / 1000 }'; }

# time_cmd NAME CMD...: median wall time of RUNS runs and the peak RSS
declare -A ms kb
time_cmd() {
	local name=$1 t0 t1 r
	shift
	local lat=()
	for ((r = 0; r < RUNS; r++)); do
		t0=$(now)
		"$@" >/dev/null 2>&1 || true
		t1=$(now)
		lat+=($((t1 - t0)))
	done
	ms[$name]=$(median_ms "${lat[@]}")
	kb[$name]=$(/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1)
}

# BENCH_SCALE_KEEP=DIR keeps the history built there (for profiling)
repo=${BENCH_SCALE_KEEP:-$work/h}
built=0
prev=""
printf "Reads as the history grows (%d documents per import, ten years per department;\n median of %d runs, peak RSS)\n" "$BATCH" "$RUNS"
printf "  %-28s" "documents"
for n in $SIZES; do printf " %18s" "$n"; done
echo
results=()
for n in $SIZES; do
	t0=$(now)
	while [ "$built" -lt "$n" ]; do
		make_batch "$built"
		"$YOY" import -q --repo "$repo" "$work"/batch/*.json >/dev/null
		built=$((built + BATCH))
	done
	t1=$(now)
	# a department of the middle of the history (ten years)
	ndept=$(git -C "$repo" ls-tree --name-only main | grep -vc '\.json$')
	dept=$(git -c core.quotepath=off -C "$repo" ls-tree --name-only main | grep -v '\.json$' |
		sed -n "$((ndept / 2))p")
	time_cmd show "$YOY" show --repo "$repo" "$dept" 2020
	time_cmd log_dept "$YOY" log --repo "$repo" "$dept"
	time_cmd log_all "$YOY" log --repo "$repo"
	# the first log after a clone: yoy-changes not there yet (bash's
	# start, ~2 ms, included)
	time_cmd log_cold bash -c 'rm -f "$1/yoy-changes"; exec "$2" log --repo "$1"' _ "$repo" "$YOY"
	time_cmd report "$YOY" report --repo "$repo" "$dept" 2020
	time_cmd check "$YOY" check --repo "$repo" "$dept" 2020
	time_cmd trend "$YOY" trend --repo "$repo" "$dept"
	time_cmd git_log_dir git -C "$repo" log --oneline -- "$dept"
	time_cmd version "$YOY" --version
	for k in show log_dept log_all log_cold report check trend git_log_dir version; do
		results+=("$n $k ${ms[$k]} ${kb[$k]}")
	done
	results+=("$n build $(awk -v u=$((t1 - t0)) 'BEGIN { printf "%.1f", u / 1000 }') 0")
done
for k in show log_dept log_all log_cold report check trend git_log_dir version; do
	case $k in
	show) label="yoy show DEPT YEAR" ;;
	log_dept) label="yoy log DEPT" ;;
	log_all) label="yoy log (everything)" ;;
	log_cold) label="  the same, no yoy-changes" ;;
	report) label="yoy report DEPT YEAR" ;;
	check) label="yoy check DEPT YEAR" ;;
	trend) label="yoy trend DEPT" ;;
	git_log_dir) label="git log -- DEPT (anchor)" ;;
	version) label="yoy --version (process start)" ;;
	esac
	printf "  %-28s" "$label"
	for n in $SIZES; do
		printf "%s\n" "${results[@]}" | awk -v n="$n" -v k="$k" '$1 == n && $2 == k { printf " %8s ms %5.1f MB", $3, $4 / 1024 }'
	done
	echo
done
printf "  %-28s" "ratio to show (log DEPT, report, check)"
for n in $SIZES; do
	printf "%s\n" "${results[@]}" | awk -v n="$n" '$1 == n { t[$2] = $3 } END {
		printf "   %4.1f %4.1f %4.1f     ", t["log_dept"] / t["show"], t["report"] / t["show"], t["check"] / t["show"] }'
done
echo

# Import at province scale: the largest size in one run of yoy import
# (documents are parsed, stored and freed as they go: memory must not grow
# with the count), beside the 500-per-import build above.
[ "${BENCH_SCALE_ONE_RUN:-1}" = 1 ] || exit 0
echo
echo "yoy import in one run (one commit; memory must not grow with the count)"
small=${SIZES%% *}
big=${SIZES##* }
mkdir -p "$work/all"
done_docs=0
for n in $small $big; do
	for ((k = done_docs; k < n; k += BATCH)); do
		make_batch "$k"
		mv "$work"/batch/*.json "$work/all/"
	done
	done_docs=$n
	t0=$(now)
	rss=$(/usr/bin/time -f %M "$YOY" import -q --repo "$work/one-run" "$work"/all/*.json 2>&1 >/dev/null | tail -1)
	t1=$(now)
	printf "  %-44s %8s s %8s docs/s  peak RSS %s MB\n" "$n documents" \
		"$(awk -v u=$((t1 - t0)) 'BEGIN { printf "%.1f", u / 1e6 }')" \
		"$(awk -v n="$n" -v u=$((t1 - t0)) 'BEGIN { printf "%.0f", n / (u / 1e6) }')" \
		"$(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }')"
	rm -rf "$work/one-run"
done
rm -rf "$work/all"
