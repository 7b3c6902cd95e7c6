#!/usr/bin/env bash
# PDF locations can be found on the page: yoy's line N of page P is the Nth
# non-blank line of `pdftotext -layout -f P -l P`.  For every line yoy
# reads from every bundled PDF, compare its text with that line (blanks
# squeezed out); print the share that agree, per file, and fail below
# the floor.
set -u
cd "$(dirname "$0")"
YOY=${YOY:-../yoy}
FLOOR=${FLOOR:-90}
# 决算 tables set a row's code, name and figure at three heights and
# pdftotext splits those rows differently from yoy: measured, not held to
# the floor.
LOOSE='final'
fail=0 all=0 agree=0
for pdf in data/*/*.pdf; do
	pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
	[ -n "$pages" ] || continue
	ref=$(mktemp)
	for ((p = 1; p <= pages; p++)); do
		pdftotext -layout -f $p -l $p "$pdf" - 2>/dev/null |
			tr -d '\f' | grep -v '^[[:space:]]*$' | awk -v p=$p '{ gsub(/[[:space:]]/, ""); print p ":" NR "\t" $0 }'
	done > "$ref"
	read -r n ok < <("$YOY" parse --format lines "$pdf" 2>/dev/null |
		awk -F'\t' -v ref="$ref" '
			BEGIN { while ((getline l < ref) > 0) { split(l, a, "\t"); want[a[1]] = a[2] } }
			{ split($1, k, " "); t = ""; for (i = 2; i <= NF; i++) t = t $i; gsub(/[[:space:]]/, "", t)
			  n++; if (want[k[1]] == t) ok++ }
			END { print n + 0, ok + 0 }')
	rm -f "$ref"
	all=$((all + n)) agree=$((agree + ok))
	pct=$(( n ? ok * 100 / n : 100 ))
	printf '  %-52s %5d lines  %3d%% found on the page\n' "$pdf" "$n" "$pct"
	case $pdf in *$LOOSE*) continue ;; esac
	[ "$pct" -ge "$FLOOR" ] || fail=1
done
echo "pdf lines: $agree of $all lines found on the page as pdftotext -layout numbers them (floor $FLOOR% a file, 决算 measured only)"
exit $fail
