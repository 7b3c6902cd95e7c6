#!/usr/bin/env bash
# make deb-test: build the Debian packages (dpkg-buildpackage -us -uc -b)
# from the files git tracks, check them with lintian (no error allowed),
# unpack them into a scratch root and run what they installed.
set -euo pipefail
cd "$(dirname "$0")/.."
out=build/deb
rm -rf "$out"
mkdir -p "$out/src"
git ls-files -z | xargs -0 tar -cf - | tar -xf - -C "$out/src"
(cd "$out/src" && dpkg-buildpackage -us -uc -b >../build.log 2>&1) || {
	tail -30 "$out/build.log" >&2
	echo "deb-test: dpkg-buildpackage failed (log: $out/build.log)" >&2
	exit 1
}
debs=$(ls "$out"/*.deb)
lintian --tag-display-limit 0 $debs > "$out/lintian.txt" 2>&1 || true
if grep -q '^E:' "$out/lintian.txt"; then
	grep '^E:' "$out/lintian.txt" >&2
	echo "deb-test: lintian errors" >&2
	exit 1
fi
root=$out/root
for d in $debs; do dpkg -x "$d" "$root"; done
"$root/usr/bin/yoy" --version | grep -q '^yoy 0' || { echo "deb-test: yoy does not run" >&2; exit 1; }
"$root/usr/bin/yoy" parse tests/data/lvliang-hrss/2023-budget.txt > "$out/parse.json"
grep -q '"year": 2023' "$out/parse.json" || { echo "deb-test: yoy does not parse" >&2; exit 1; }
# PDFs through the module libyoy0 holds, found relative to the program
"$root/usr/bin/yoy" parse tests/data/jiangsu-high-court/2018-budget.pdf > "$out/pdf.json"
grep -q '"format":"pdf"' "$out/pdf.json" || { echo "deb-test: yoy does not read a PDF" >&2; exit 1; }
# histories through the history module libyoy0 holds, likewise
"$root/usr/bin/yoy" import -q --repo "$out/history" tests/data/lvliang-hrss/2023-budget.txt >/dev/null &&
	"$root/usr/bin/yoy" log --repo "$out/history" | grep -q 2023 ||
	{ echo "deb-test: yoy does not keep a history" >&2; exit 1; }
dpkg-deb -I "$out"/libyoy0_*.deb > "$out/info.txt"
grep -q 'Depends:.*libpoppler-glib8' "$out/info.txt" ||
	{ echo "deb-test: the PDF module's package does not depend on poppler" >&2; exit 1; }
grep -q 'Depends:.*libgit2' "$out/info.txt" ||
	{ echo "deb-test: the history module's package does not depend on libgit2" >&2; exit 1; }
dpkg-deb -I "$out"/yoy_*.deb | grep -q 'Depends:.*libyoy0' ||
	{ echo "deb-test: yoy does not depend on libyoy0 (its PDF module)" >&2; exit 1; }
ls "$root"/usr/lib/*/pkgconfig/yoy.pc >/dev/null 2>&1 && ls "$root"/usr/lib/*/libyoy.so.0 >/dev/null 2>&1 ||
	{ echo "deb-test: libyoy-dev is incomplete" >&2; exit 1; }
echo "deb-test: $(echo "$debs" | wc -w) packages built, lintian: $(grep -c '^W:' "$out/lintian.txt" || true) warnings, 0 errors; unpacked and run"
