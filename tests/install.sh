#!/usr/bin/env bash
# make install into a scratch root, then use what was installed: the
# program (its version, a parse, its Chinese catalog), the man pages, the
# library through pkg-config from a C program, bash completion; then make
# uninstall leaves no file behind.  Run by `make test` (install-test).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
prefix=/usr
fail() { echo "install-test: $*" >&2; exit 1; }
make -s --no-print-directory install DESTDIR="$root" PREFIX="$prefix" >/dev/null
bin=$root$prefix/bin/yoy
[ -x "$bin" ] || fail "no $prefix/bin/yoy"
"$bin" --version | grep -q '^yoy [0-9]' || fail "yoy --version"
"$bin" parse tests/data/lvliang-hrss/2023-budget.txt > "$root/out.json"
grep -q '"schema": "yoy-disclosure/1"' "$root/out.json" || fail "the installed yoy does not parse"
# PDFs through the module, installed beside the library and loaded only
# when a PDF is read: the program itself does not load poppler
[ -f "$root$prefix/lib/yoy/yoy-pdf.so" ] || fail "no PDF module in $prefix/lib/yoy"
! readelf -d "$bin" | grep -q poppler || fail "yoy links poppler: every start would load it"
readelf -d "$root$prefix/lib/yoy/yoy-pdf.so" | grep -q 'NEEDED.*libpoppler-glib' ||
	fail "the PDF module does not link poppler"
# histories likewise through the history module: yoy does not load
# libgit2 (and its TLS, SSH and Kerberos libraries) to parse
[ -f "$root$prefix/lib/yoy/yoy-git.so" ] || fail "no history module in $prefix/lib/yoy"
! readelf -d "$bin" | grep -q libgit2 || fail "yoy links libgit2: every start would load it"
readelf -d "$root$prefix/lib/yoy/yoy-git.so" | grep -q 'NEEDED.*libgit2' ||
	fail "the history module does not link libgit2"
"$bin" parse tests/data/jiangsu-high-court/2018-budget.pdf > "$root/pdf.json"
grep -q '"format":"pdf"' "$root/pdf.json" || fail "the installed yoy does not read a PDF"
# the catalog is found where it was installed
YOY_LOCALEDIR=$root$prefix/share/locale "$bin" check --lang zh_CN --no-history \
	tests/data/jiangsu-high-court/2019-budget.pdf > "$root/check.txt" || true
tail -1 "$root/check.txt" | grep -q '处错误' || fail "the installed catalog is not used"
for m in yoy yoy-parse yoy-import yoy-check yoy-mv; do
	[ -f "$root$prefix/share/man/man1/$m.1" ] || fail "no man page $m.1"
	if command -v man >/dev/null 2>&1; then
		man -l "$root$prefix/share/man/man1/$m.1" > "$root/page.txt" 2>/dev/null
		grep -q "^NAME" "$root/page.txt" || fail "$m.1 does not render"
	else
		grep -q '^\.SH NAME' "$root$prefix/share/man/man1/$m.1" || fail "$m.1 has no NAME"
	fi
done
grep -q YOY_REPO "$root$prefix/share/man/man1/yoy.1" || fail "yoy.1 lacks ENVIRONMENT"
[ -f "$root$prefix/share/yoy/schemas/check.schema.json" ] || fail "no schemas installed"
# the library: only yoy_ symbols, a SONAME, and a program built with pkg-config
lib=$root$prefix/lib
readelf -d "$lib/libyoy.so.0" | grep -q 'SONAME.*libyoy.so.0' || fail "no SONAME"
others=$(nm -D --defined-only "$lib/libyoy.so.0" | awk '$3 !~ /^yoy_/ { print $3 }')
[ -z "$others" ] || fail "libyoy.so exports more than yoy_*: $others"
cat > "$root/use.c" <<'C'
#include <stdio.h>
#include <yoy/parse.h>
#include <yoy/doc.h>
int main(int argc, char **argv)
{
	yoy_doc *d = NULL;
	yoy_error e;
	const char *paths[] = { argv[1] };
	if (argc < 2 || yoy_parse_files(&d, paths, 1, &e))
		return 1;
	printf("%s %d\n", d->department, d->year);
	yoy_doc_free(d);
	return 0;
}
C
export PKG_CONFIG_PATH=$lib/pkgconfig PKG_CONFIG_SYSROOT_DIR=$root
# shellcheck disable=SC2046
cc -o "$root/use" "$root/use.c" $(pkg-config --cflags --libs yoy) ||
	fail "a program does not build against the installed library"
LD_LIBRARY_PATH=$lib "$root/use" tests/data/lvliang-hrss/2023-budget.txt | grep -q '2023$' ||
	fail "the program built against libyoy does not run"
# bash completion: commands, options, departments
comp=$root$prefix/share/bash-completion/completions/yoy
[ -f "$root$prefix/share/zsh/site-functions/_yoy" ] || fail "no zsh completion"
if command -v zsh >/dev/null 2>&1; then
	zsh -n "$root$prefix/share/zsh/site-functions/_yoy" || fail "zsh completion does not parse"
fi
PATH=$root$prefix/bin:$PATH bash -c '
	source "$1"
	COMP_WORDS=(yoy ch); COMP_CWORD=1; _yoy; [[ " ${COMPREPLY[*]} " == *" check "* ]] || exit 1
	COMP_WORDS=(yoy check --fa); COMP_CWORD=2; _yoy; [[ " ${COMPREPLY[*]} " == *" --fail-on "* ]] || exit 2
	' _ "$comp" || fail "bash completion (exit $?)"
# departments from a history
h=$root/h
"$bin" import -q --repo "$h" tests/data/lvliang-hrss/2023-budget.txt >/dev/null
PATH=$root$prefix/bin:$PATH bash -c '
	source "$1"
	COMP_WORDS=(yoy show --repo "$2" 吕梁); COMP_CWORD=4; _yoy
	[[ ${COMPREPLY[0]} == 吕梁* ]] || exit 1' _ "$comp" "$h" || fail "department completion"
make -s --no-print-directory uninstall DESTDIR="$root" PREFIX="$prefix" >/dev/null
left=$(find "$root$prefix" -type f)
[ -z "$left" ] || fail "make uninstall left: $left"
echo "install-test: installed, used (program, catalog, man pages, library, completion), uninstalled"
