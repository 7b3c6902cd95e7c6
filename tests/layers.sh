#!/usr/bin/env bash
# The layers of src/ (src/README.md), checked over #include lines:
#   util < model < read < store < audit < render < cli
# A file may include headers of its own layer or a lower one, never a
# higher one; each third-party library is included by its one file only.
# Exit 1 and name every offending line.
set -u
cd "$(dirname "$0")/.."
rank() {
	case $1 in
	util) echo 0 ;; model) echo 1 ;; read) echo 2 ;; store) echo 3 ;;
	audit) echo 4 ;; render) echo 5 ;; cli) echo 6 ;; *) echo -1 ;;
	esac
}
# The layer a public header belongs to: where its code lives.
public_layer() {
	case $1 in
	error.h) echo util ;;
	amount.h | doc.h | json.h | aliases.h) echo model ;;
	parse.h) echo read ;;
	store.h | history.h) echo store ;;
	diff.h | check.h | rank.h | report.h | trend.h) echo audit ;;
	render.h) echo render ;;
	*) echo unknown ;;
	esac
}
bad=0
complain() { echo "layers: $*"; bad=1; }
check_file() { # file layer
	local f=$1 own=$2 inc target
	while IFS= read -r inc; do
		case $inc in
		yoy/*) target=$(public_layer "${inc#yoy/}") ;;
		*/*) target=${inc%%/*} ;;
		*) [ -f "$(dirname "$f")/$inc" ] || complain "$f: \"$inc\" is not beside it"
		   continue ;;
		esac
		if [ "$(rank "$target")" -lt 0 ]; then
			complain "$f: \"$inc\" is in no known layer"
		elif [ "$(rank "$target")" -gt "$(rank "$own")" ]; then
			complain "$f: $own includes \"$inc\" of the higher layer $target"
		fi
	done < <(sed -n 's/^#include "\(.*\)".*/\1/p' "$f")
}
for f in src/*/*.[ch]; do
	layer=${f#src/}; layer=${layer%%/*}
	[ "$(rank "$layer")" -ge 0 ] || { complain "$f: src/$layer is not a layer"; continue; }
	check_file "$f" "$layer"
done
for f in include/yoy/*.h; do
	check_file "$f" "$(public_layer "$(basename "$f")")"
done
# One file of ours per third-party library.
only() { # pattern file
	local hits
	hits=$(grep -l "^#include <$1" src/*/*.[ch] include/yoy/*.h | grep -vx "$2")
	[ -z "$hits" ] || complain "<$1…> included outside $2: $hits"
}
only git2 src/store/store.c
only cjson/ src/model/json.c
only pcre2 src/read/regex.c
only poppler src/read/pdf_poppler.c
only glib src/read/pdf.c
only libdeflate src/store/pack.c
only nettle/ src/util/digest.c
only iconv src/read/source.c
only utf8proc src/util/width.c
[ $bad = 0 ] && echo "layers: ok ($(ls src/*/*.[ch] include/yoy/*.h | wc -l) files)"
exit $bad
