#!/usr/bin/env bash
# Man pages generated from the program's own help (help2man): yoy(1) and
# one page per command, yoy-CMD(1).  Usage: doc/man.sh YOY OUTDIR
set -euo pipefail
yoy=$(realpath "$1")
out=$2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
version=$("$yoy" --version | awk '{ print $2 }')
help2man -N -s 1 --version-string="$version" -i "$here/yoy.h2m" -o "$out/yoy.1" "$yoy"
"$yoy" --help | awk '/^  [a-z]+  / { print $1 "\t" substr($0, index($0, $2)) }' |
while IFS=$'\t' read -r cmd what; do
	w="$tmp/yoy-$cmd"
	printf '#!/bin/sh\n[ "$1" = --version ] && exec "%s" --version\nexec "%s" %s "$@"\n' \
		"$yoy" "$yoy" "$cmd" > "$w"
	chmod +x "$w"
	printf '[SEE ALSO]\n.BR yoy (1)\n' > "$tmp/see.h2m"
	help2man -N -s 1 --version-string="$version" -n "$what" -i "$tmp/see.h2m" \
		-o "$out/yoy-$cmd.1" "$w"
done
