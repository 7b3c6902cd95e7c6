#!/usr/bin/env bash
# Golden tests: every directory under tests/cases is one case.
#   args     arguments to yoy, one per line (run from tests/)
#   stdout   expected standard output (empty when the file is absent)
#   stderr   expected standard error (not compared when absent)
#   status   expected exit status (0 when absent)
#   stdin-from  optional: a path (from tests/) fed to yoy's standard input
#   setup    optional shell script run first from tests/, with $YOY and a
#            scratch directory $SCRATCH (e.g. to build a history there);
#            "@SCRATCH@" in args is replaced by that directory.  Commits
#            are made at a fixed time by a fixed author, so their ids are
#            the same on every run.
# `tests/golden.sh --update NAME...` rewrites the expected files of the
# named cases from the current output: read the diff before committing.
set -u
cd "$(dirname "$0")"
YOY=${YOY:-../yoy}
export YOY SOURCE_DATE_EPOCH=1700000000 YOY_AUTHOR_NAME=yoy-test \
	YOY_AUTHOR_EMAIL=test@yoy.invalid
# English unless a case asks for --lang: the machine's locale is not the
# test's business.
export LC_ALL=C.UTF-8
unset LANGUAGE LANG LC_MESSAGES YOY_LANG
update=0
if [ "${1:-}" = "--update" ]; then
	update=1
	shift
fi
pass=0 failed=()
run_case() {
	local dir=$1 name
	name=$(basename "$dir")
	local args=()
	mapfile -t args < "$dir/args"
	local out err status want_status=0
	out=$(mktemp) err=$(mktemp)
	export SCRATCH
	SCRATCH=$(mktemp -d)
	args=("${args[@]//@SCRATCH@/$SCRATCH}")
	if [ -f "$dir/setup" ] && ! bash "$dir/setup" > "$SCRATCH/setup.log" 2>&1; then
		echo "FAIL $name: setup failed"
		sed 's/^/  /' "$SCRATCH/setup.log" | head -20
		failed+=("$name")
		rm -rf "$out" "$err" "$SCRATCH"
		return
	fi
	local in=/dev/null
	[ -f "$dir/stdin-from" ] && in=$(cat "$dir/stdin-from")
	"$YOY" "${args[@]}" < "$in" > "$out" 2> "$err"
	status=$?
	sed -i "s|$SCRATCH|@SCRATCH@|g" "$out" "$err"
	[ -f "$dir/status" ] && want_status=$(cat "$dir/status")
	if [ $update = 1 ]; then
		cp "$out" "$dir/stdout"
		[ -s "$out" ] || rm -f "$dir/stdout"
		[ -f "$dir/stderr" ] && cp "$err" "$dir/stderr"
		[ "$status" = 0 ] && rm -f "$dir/status" || echo "$status" > "$dir/status"
		echo "updated $name"
	else
		local ok=1
		if [ "$status" != "$want_status" ]; then
			echo "FAIL $name: exit status $status, want $want_status"
			ok=0
		fi
		if [ -f "$dir/stdout" ]; then
			diff -u "$dir/stdout" "$out" > "$SCRATCH/stdout.diff" ||
				{ echo "FAIL $name: stdout differs"; head -40 "$SCRATCH/stdout.diff"; ok=0; }
		elif [ -s "$out" ]; then
			echo "FAIL $name: unexpected stdout"; head -5 "$out"; ok=0
		fi
		if [ -f "$dir/stderr" ]; then
			diff -u "$dir/stderr" "$err" > "$SCRATCH/stderr.diff" ||
				{ echo "FAIL $name: stderr differs"; head -20 "$SCRATCH/stderr.diff"; ok=0; }
		fi
		if [ $ok = 1 ]; then pass=$((pass + 1)); else failed+=("$name"); fi
	fi
	rm -rf "$out" "$err" "$SCRATCH"
}
if [ $# -gt 0 ]; then
	for n in "$@"; do run_case "cases/$n"; done
else
	for d in cases/*/; do run_case "${d%/}"; done
fi
[ $update = 1 ] && exit 0
echo "golden: $pass passed, ${#failed[@]} failed"
[ ${#failed[@]} = 0 ]
