#!/usr/bin/env bash
# History store benchmark (make bench).  Numbers, never assertions.
#
#  1. `yoy import` of 500 normalized JSON documents into a fresh repository,
#     and, in the same run, a shell loop doing `git add` + `git commit` of the
#     same 500 files into a fresh repository: documents/s and the ratio.
#     The same 500 again into the history holding them (the JSON fast path:
#     documents stored byte for byte are not written again).
#  2. `yoy import` of 500 tabbed-text disclosures (parsing included).
#  3. `yoy show` latency on a repository of 5,000 documents.
#
# The documents are the bundled real disclosures, each copied under 50 (or
# 500) department names ("…样本7"), so every one is a distinct disclosure
# of realistic size (70-290 KB of JSON).
set -eu
cd "$(dirname "$0")/../.."
YOY=${YOY:-$PWD/yoy}
N=${BENCH_IMPORT_DOCS:-500}
SHOW_DOCS=${BENCH_SHOW_DOCS:-5000}
SHOW_RUNS=${BENCH_SHOW_RUNS:-200}

work=$(mktemp -d "${TMPDIR:-/tmp}/yoy-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

. tests/bench/corpus.sh

# ---- corpus ---------------------------------------------------------------
mkdir -p "$work/json" "$work/text"
corpus_json "$work/json5k" "$SHOW_DOCS"
for ((k = 0; k < N; k++)); do cp "$work/json5k/d$k.json" "$work/json/d$k.json"; done
lv=tests/data/lvliang-hrss/2023-budget.txt
for ((k = 0; k < N; k++)); do
	sed "s/吕梁市人力资源和社会保障局/吕梁市人力资源和社会保障局样本$k/g" "$lv" >"$work/text/d$k.txt"
done
json_mb=$(du -sm "$work/json" | cut -f1)
text_mb=$(du -sm "$work/text" | cut -f1)

rate() { awk -v n="$1" -v us="$2" 'BEGIN { printf "%.0f", n / (us / 1e6) }'; }
secs() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1e6 }'; }

# ---- 1. import vs git loop -------------------------------------------------
# yoy runs three times around the loop (median), each into a fresh repository,
# so a disk or neighbour hiccup on this machine does not decide the ratio.
yoy_json_runs=()
yoy_json() {
	local r="$work/r-json$1" t0 t1
	t0=$(now)
	"$YOY" import -q --repo "$r" "$work"/json/*.json >/dev/null
	t1=$(now)
	yoy_json_runs+=($((t1 - t0)))
}
median() { printf "%s\n" "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

yoy_json 1
git init -q "$work/loop"
git -C "$work/loop" config user.name bench
git -C "$work/loop" config user.email bench@example.invalid
git -C "$work/loop" config core.quotepath off
t0=$(now)
for ((k = 0; k < N; k++)); do
	d="$work/loop/dept$k/2023"
	mkdir -p "$d"
	cp "$work/json/d$k.json" "$d/department_budget.json"
	git -C "$work/loop" add "dept$k/2023/department_budget.json"
	git -C "$work/loop" commit -q -m "import dept$k 2023"
done
t1=$(now)
loop_us=$((t1 - t0))
yoy_json 2
yoy_json 3
yoy_json_us=$(median "${yoy_json_runs[@]}")
if [ "$(git -C "$work/r-json1" rev-parse 'HEAD^{tree}')" != "$(git -C "$work/r-json3" rev-parse 'HEAD^{tree}')" ]; then
	echo "bench_import: two imports of the same files made different trees" >&2
	exit 1
fi

# git fast-import of the same 500 files as one commit: git's own fastest
# way in, the floor for storing them (no parsing, no checking)
perl -e '
	my @f = @ARGV;
	print "commit refs/heads/main\ncommitter bench <b\@example.invalid> 0 +0000\ndata 7\nimport\n";
	for my $i (0 .. $#f) {
		local $/;
		open my $in, "<", $f[$i] or die;
		my $d = <$in>;
		print "M 100644 inline dept$i/2023/department_budget.json\ndata ", length($d), "\n", $d, "\n";
	}' "$work"/json/*.json >"$work/fast-import.stream"
git init -q --bare "$work/fast"
t0=$(now)
git -C "$work/fast" fast-import --quiet <"$work/fast-import.stream"
t1=$(now)
fast_us=$((t1 - t0))

# the same files again into the history that holds them (a team member
# re-running a province's import): each is hashed, found stored byte for
# byte, and only its head read -- not parsed whole, written or compressed
again_runs=()
for k in 1 2 3; do
	t0=$(now)
	"$YOY" import -q --repo "$work/r-json1" "$work"/json/*.json >/dev/null
	t1=$(now)
	again_runs+=($((t1 - t0)))
done
again_us=$(median "${again_runs[@]}")
t0=$(now)
"$YOY" import -j1 -q --repo "$work/r-json1" "$work"/json/*.json >/dev/null
t1=$(now)
again1_us=$((t1 - t0))

t0=$(now)
"$YOY" import -q --repo "$work/r-text" "$work"/text/*.txt >/dev/null
t1=$(now)
yoy_text_us=$((t1 - t0))

echo "History import ($N documents into a fresh repository; target: >= 20x the git loop)"
printf "  %-44s %8s s %8s docs/s  (runs: %s s)\n" \
	"yoy import, $N JSON documents (${json_mb} MB)" "$(secs $yoy_json_us)" \
	"$(rate "$N" $yoy_json_us)" "$(for u in "${yoy_json_runs[@]}"; do printf "%s " "$(secs "$u")"; done | sed 's/ $//')"
printf "  %-44s %8s s %8s docs/s\n" \
	"shell loop: git add + git commit, same files" "$(secs $loop_us)" "$(rate "$N" $loop_us)"
printf "  %-44s %s pack(s), %s MB; %s loose objects (loop: %s MB loose)\n" "written as" \
	"$(ls "$work/r-json1/objects/pack" | grep -c 'pack$')" \
	"$(du -sm "$work/r-json1/objects/pack" | cut -f1)" \
	"$(find "$work/r-json1/objects" -type f -path '*/objects/[0-9a-f][0-9a-f]/*' | wc -l)" \
	"$(du -sm "$work/loop/.git/objects" | cut -f1)"
printf "  %-44s %8s s %8s docs/s  (yoy: %sx its time)\n" \
	"git fast-import, same files, one commit" "$(secs $fast_us)" "$(rate "$N" $fast_us)" \
	"$(awk -v a=$yoy_json_us -v b=$fast_us 'BEGIN { printf "%.1f", a / b }')"
printf "  %-44s %8s x\n" "ratio (loop / median yoy import)" \
	"$(awk -v a=$loop_us -v b=$yoy_json_us 'BEGIN { printf "%.1f", a / b }')"
printf "  %-44s %8s s %8s docs/s  (one thread: %s s)\n" \
	"yoy import again, the same $N, all stored" "$(secs $again_us)" \
	"$(rate "$N" $again_us)" "$(secs $again1_us)"
printf "  %-44s %8s s %8s docs/s  (%sx the loop)\n" \
	"yoy import, $N text disclosures (${text_mb} MB, parsed)" "$(secs $yoy_text_us)" \
	"$(rate "$N" $yoy_text_us)" "$(awk -v a=$loop_us -v b=$yoy_text_us 'BEGIN { printf "%.1f", a / b }')"

# ---- 3. show latency ---------------------------------------------------------
t0=$(now)
"$YOY" import -q --repo "$work/r-5k" "$work"/json5k/*.json >/dev/null
t1=$(now)
build_us=$((t1 - t0))
ndocs=$(git -c core.quotepath=off -C "$work/r-5k" ls-tree -r --name-only HEAD | grep -c '\.json$' || true)
nbase=$(ls "$work/base" | wc -l)
names=()
for ((k = 1; k <= SHOW_RUNS; k++)); do
	j=$(((k * 7919) % (SHOW_DOCS / nbase) + 1))
	names+=("样本$j")
done
lat=()
for ((k = 0; k < SHOW_RUNS; k++)); do
	case $((k % 3)) in
	0) args=("江苏省高级人民法院${names[k]}" 2018) ;;
	1) args=("上海市普陀区人民政府万里街道办事处${names[k]}" 2024) ;;
	2) args=("吕梁市人力资源和社会保障局${names[k]}" 2023) ;;
	esac
	t0=$(now)
	"$YOY" show --repo "$work/r-5k" "${args[@]}" >/dev/null
	t1=$(now)
	lat+=($((t1 - t0)))
done
base=()
for ((k = 0; k < 50; k++)); do
	t0=$(now)
	"$YOY" --version >/dev/null
	t1=$(now)
	base+=($((t1 - t0)))
done
pct() { # p values...
	local p=$1
	shift
	printf "%s\n" "$@" | sort -n | awk -v p="$p" '{ v[NR] = $1 } END {
		i = int(p * NR + 0.5); if (i < 1) i = 1; if (i > NR) i = NR; printf "%.1f", v[i] / 1000 }'
}
echo
echo "yoy show on a repository of $ndocs documents (built in $(secs $build_us) s; target: <= 10 ms)"
printf "  %-44s %8s ms (p95 %s ms, %d runs)\n" "yoy show DEPARTMENT YEAR, median" \
	"$(pct 0.5 "${lat[@]}")" "$(pct 0.95 "${lat[@]}")" "$SHOW_RUNS"
printf "  %-44s %8s ms\n" "of which starting a process (yoy --version)" "$(pct 0.5 "${base[@]}")"
