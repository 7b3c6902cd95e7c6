#!/usr/bin/env bash
# Every message marked in src/ (_() and N_()) has a translation in each
# catalog of po/, and every catalog compiles with its format strings
# checked.  Prints the counts; fails on an untranslated or stale message.
set -u
cd "$(dirname "$0")/.."
pot=$(mktemp)
mo=$(mktemp)
# never -o /dev/null: msgfmt replaces its output file, and as root that
# would make /dev/null a regular file
trap 'rm -f "$pot" "$mo"' EXIT
LC_ALL=C.UTF-8 xgettext -k_ -kN_ --from-code=UTF-8 --package-name=yoy -o "$pot" src/*/*.c 2>/dev/null
bad=0
for po in po/*.po; do
	stats=$(msgmerge --quiet -o - "$po" "$pot" 2>/dev/null | msgfmt --check --statistics -o "$mo" - 2>&1)
	echo "po: $po: $stats"
	case $stats in
	*untranslated* | *fuzzy*) bad=1 ;;
	esac
	msgfmt --check -o "$mo" "$po" || bad=1
done
exit $bad
