#!/usr/bin/env bash
# Every command the README shows works: `make demo` into a scratch
# history, then each `./yoy …` line of the README's examples, in order,
# from a scratch directory holding ./yoy and tests/data.  A command may
# exit 0, or 1 when it reports findings (check); anything else fails.
# Run by `make test`.
set -uo pipefail
cd "$(dirname "$0")/.."
top=$PWD
yoy=${YOY:-$top/yoy}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tests"
ln -s "$yoy" "$work/yoy"
ln -s "$top/tests/data" "$work/tests/data"
export YOY_REPO=$work/history LC_ALL=C.UTF-8
if ! bash tests/demo.sh > "$work/demo.log" 2>&1; then
	tail -20 "$work/demo.log" >&2
	echo "readme: make demo failed" >&2
	exit 1
fi
# the shared history the README's "Working as a team" pushes to
git init -q --bare "$work/shared.git"
n=0 failed=0
while IFS= read -r line; do
	cmd=${line#"${line%%[! ]*}"}   # leading blanks off
	cmd=${cmd%%  #*}              # a trailing comment off
	n=$((n + 1))
	(cd "$work" && bash -c "$cmd" > "$work/out" 2>&1)
	rc=$?
	if [ $rc != 0 ] && { [ $rc != 1 ] || [[ $cmd != *" check "* ]]; }; then
		echo "readme: '$cmd' exited $rc:" >&2
		head -5 "$work/out" >&2
		failed=$((failed + 1))
	fi
done < <(grep -E '^ +\./yoy ' README.md)
[ $failed = 0 ] || { echo "readme: $failed of $n README commands failed" >&2; exit 1; }
echo "readme: make demo and the README's $n commands ran"
