#!/usr/bin/env bash
# Browser test of the HTML hearing summary: headless Chromium renders
# `yoy report --format html` for 江苏省高级人民法院 2019 (history holding
# 2017-2019) and we check that
#   - the page loads with no console errors and no network requests;
#   - the rendered DOM holds the three SVG charts with the expected number
#     of bars and points, counted from the disclosures, not from the HTML;
#   - it prints to A4.
# Screenshots (desktop and phone width) and the A4 PDF are saved under
# tests/output/ for CI to keep as artifacts and for people to look at.
set -euo pipefail
cd "$(dirname "$0")/.."
YOY=${YOY:-../yoy}
OUT=output
mkdir -p "$OUT"
BROWSER=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$BROWSER" ]; then
	echo "browser: chromium not found (make browser installs it)" >&2
	exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1700000000 YOY_AUTHOR_NAME=yoy-test YOY_AUTHOR_EMAIL=test@yoy.invalid
"$YOY" import --repo "$work/history" data/jiangsu-high-court/*.pdf > /dev/null
top=10
"$YOY" report --repo "$work/history" --format html --top $top -o "$OUT/report.html" \
	江苏省高级人民法院 2019

fail=0
check() { # what, got, want
	if [ "$2" = "$3" ]; then
		echo "  ok    $1: $2"
	else
		echo "  FAIL  $1: $2, want $3"
		fail=1
	fi
}

# What the charts must show, from the parsed disclosures: the function
# classes (类, three-digit codes) printed in either year, and three years.
classes=$( { "$YOY" parse --format csv --table general_expenditure data/jiangsu-high-court/2018-budget.pdf
	     "$YOY" parse --format csv --table general_expenditure data/jiangsu-high-court/2019-budget.pdf; } |
	   grep -o '^[0-9]\{3\},' | sort -u | wc -l)

# Chromium, sandboxed from the network and from the user's profile.
run_browser() {
	"$BROWSER" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
		--no-first-run --disable-background-networking --disable-component-update \
		--disable-sync --disable-extensions --disable-default-apps --mute-audio \
		--user-data-dir="$work/profile" --hide-scrollbars "$@"
}
page="file://$(pwd)/$OUT/report.html"

# The DOM as the browser built it, with console messages on stderr.
run_browser --enable-logging=stderr --v=0 --virtual-time-budget=2000 --dump-dom "$page" \
	> "$work/dom.html" 2> "$work/console.log" || true
[ -s "$work/dom.html" ] || { echo "browser: no DOM dumped"; cat "$work/console.log"; exit 1; }
count() { grep -o "$1" "$work/dom.html" | wc -l; }
check "charts" "$(count '<svg class="chart"')" 3
check "change bars" "$(count 'class="bar bar-\(up\|down\)"')" $top
check "structure bars $(printf '(%s classes x 2)' "$classes")" \
	"$(count 'class="bar bar-\(last\|this\)"')" $((classes * 2))
check "year points" "$(count 'class="point"')" 3
# the years' axis on round figures: equal steps of 1, 2 or 5 x 10^k 万元
check "round axis ticks" "$(grep -o 'class="tick"[^>]*>[0-9]*</text>' "$work/dom.html" |
	sed 's/.*>\([0-9]*\)<.*/\1/' | awk '
	NR > 1 { d = $1 - prev; if (step && d != step) bad = 1; step = d }
	{ prev = $1; n++ }
	END { s = step; while (s >= 10 && s % 10 == 0) s /= 10
	      print (n >= 3 && !bad && (s == 1 || s == 2 || s == 5)) ? "yes" : "no" }')" yes
# increases and decreases are told apart by more than colour
check "direction marks" "$(count '[▲▼]' | awk '{ print ($1 > 0) }')" 1
check "console errors" "$(grep -c 'CONSOLE\|Uncaught\|ERR_FILE_NOT_FOUND\|Failed to load' \
	"$work/console.log" || true)" 0
check "external references" "$(grep -c 'src="http\|href="http\|url(http' "$OUT/report.html" || true)" 0

# Screenshots at desktop and phone width, and A4 print.
run_browser --window-size=1280,2400 --screenshot="$OUT/report-desktop.png" "$page" \
	> /dev/null 2>&1 || true
run_browser --window-size=390,2400 --screenshot="$OUT/report-phone.png" "$page" \
	> /dev/null 2>&1 || true
run_browser --no-pdf-header-footer --print-to-pdf="$OUT/report-a4.pdf" "$page" \
	> /dev/null 2>&1 || true
png() { [ -s "$1" ] && [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; }
check "desktop screenshot" "$(png "$OUT/report-desktop.png" && echo saved || echo missing)" saved
check "phone screenshot" "$(png "$OUT/report-phone.png" && echo saved || echo missing)" saved
pages=0
if [ -s "$OUT/report-a4.pdf" ] && command -v pdfinfo > /dev/null; then
	pages=$(pdfinfo "$OUT/report-a4.pdf" | awk '/^Pages:/ { print $2 }')
	# A4 is 595.28 x 841.89 pt; Chromium rounds to its own units
	size=$(pdfinfo "$OUT/report-a4.pdf" | awk '/^Page size:/ {
		print ($3 > 593 && $3 < 597 && $5 > 840 && $5 < 844) ? "A4" : $3 "x" $5 " pt" }')
	check "page size" "$size" A4
fi
check "printed on A4" "$( [ "$pages" -ge 1 ] && echo yes || echo no)" yes
# each printed page names the department and year, and its number
margins=yes
for ((p = 1; p <= pages; p++)); do
	t=$(pdftotext -layout -f $p -l $p "$OUT/report-a4.pdf" - 2>/dev/null)
	grep -q "江苏省高级人民法院 2019年部门预算变动情况" <<<"$t" || margins="no header on page $p"
	grep -q "第 $p 页，共 $pages 页" <<<"$t" || margins="no page number on page $p"
done
check "print header and page numbers" "$margins" yes
# the first page is not left half empty: the changes chart follows the
# key figures on it
check "first page filled" "$(pdftotext -f 1 -l 1 "$OUT/report-a4.pdf" - 2>/dev/null |
	grep -c '二、按功能科目的主要变动')" 1

# On a 390 px phone the key figures fit the screen: no column (增减率,
# 出处) pushed off to the right.  A copy of the page measures itself.
sed 's|</body>|<script>var t=document.getElementById("headline");document.title=(t.getBoundingClientRect().right<=document.documentElement.clientWidth?"fits":"overflows "+t.getBoundingClientRect().right)</script></body>|' \
	"$OUT/report.html" >"$work/measure.html"
run_browser --window-size=390,2400 --dump-dom "file://$work/measure.html" >"$work/measure.dom" 2>/dev/null || true
check "key figures at 390 px" "$(sed -n 's|.*<title>\([^<]*\)</title>.*|\1|p' "$work/measure.dom" | head -1)" fits
[ $fail = 0 ] && echo "browser: passed; screenshots in tests/$OUT/" || echo "browser: FAILED"
exit $fail
