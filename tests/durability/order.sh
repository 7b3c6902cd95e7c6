#!/usr/bin/env bash
# The order of writes that makes a history survive a power cut (git's
# core.fsync): every object file, pack and index is fsynced before its
# name appears, the directories holding the new names are fsynced, and
# only then does refs/heads/main move.  An LD_PRELOAD shim
# (trace_sync.c) records fsync and rename calls of two imports -- a few
# documents (loose objects) and forty (one pack) -- and the log is
# checked.  Fails if any step is dropped or reordered.
set -euo pipefail
cd "$(dirname "$0")/../.."
YOY=$(realpath "${YOY:-./yoy}")
work=$(mktemp -d "${TMPDIR:-/tmp}/yoy-sync.XXXXXX")
trap 'rm -rf "$work"' EXIT
${CC:-cc} -shared -fPIC -O1 -o "$work/trace_sync.so" tests/durability/trace_sync.c -ldl

check() { # log what
	awk -v what="$2" '
	$1 == "fsync" { synced[$2] = NR }
	$1 == "rename" && ($3 ~ /\/objects\// || $3 ~ /\/refs\/heads\/main$/) {
		if (!($2 in synced)) { print what ": " $3 " named before its file was synced"; bad = 1 }
		if ($3 ~ /\/objects\//) { d = $3; sub(/\/[^\/]*$/, "", d); named[d] = NR }
		if ($3 ~ /\.pack$/) packs++
		if ($3 ~ /\/refs\/heads\/main$/) {
			moved++
			for (d in named)
				if (!(d in synced) || synced[d] < named[d]) {
					print what ": the branch moved before " d " was synced"; bad = 1
				}
		}
	}
	END {
		if (!moved) { print what ": no branch move seen"; bad = 1 }
		if (what ~ /pack/ && !packs) { print what ": no pack written"; bad = 1 }
		exit bad
	}' "$1"
}

lv=tests/data/lvliang-hrss/2023-budget.txt
YOY_SYNC_TRACE="$work/loose.log" LD_PRELOAD="$work/trace_sync.so" \
	"$YOY" import -q --repo "$work/h1" tests/data/jiangsu-high-court/*.pdf >/dev/null
check "$work/loose.log" "loose objects"
for k in $(seq 40); do
	sed "s/吕梁市人力资源和社会保障局/吕梁市人力资源和社会保障局样本$k/g" "$lv" >"$work/d$k.txt"
done
YOY_SYNC_TRACE="$work/pack.log" LD_PRELOAD="$work/trace_sync.so" \
	"$YOY" import -q --repo "$work/h2" "$work"/d*.txt >/dev/null
check "$work/pack.log" "one pack"
echo "durability: objects, packs and their directories reach the disk before the branch moves"
