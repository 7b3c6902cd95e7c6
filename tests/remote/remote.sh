#!/usr/bin/env bash
# Sharing a history (issue 15), against real servers started here: a bare
# repository over file://, `git daemon --enable=receive-pack` over git://,
# and `git http-backend` behind a small HTTP server (http_server.py) over
# http://, the last one also with HTTP Basic authorization answered by
# git's credential helper.  Nothing is mocked.
#
# For each server, two auditors (histories A and B) import disjoint and
# overlapping documents and push and pull in both orders; at the end A, B
# and the server hold the same commit, every document is present, the
# re-publication imported later is current with the other kept as a
# revision, both sides' aliases are there, and `git fsck --strict` passes.
# Then pushes and pulls killed midway leave every repository consistent,
# and a second run completes them.
set -euo pipefail
cd "$(dirname "$0")/../.."
YOY=$(realpath "${YOY:-./yoy}")
work=$(mktemp -d "${TMPDIR:-/tmp}/yoy-remote.XXXXXX")
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT; [ -n "${KEEP:-}" ] && trap - EXIT
export HOME="$work/home" GIT_TERMINAL_PROMPT=0 GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME"
git config --global user.name test
git config --global user.email test@example.invalid
git config --global init.defaultBranch main
unset YOY_REPO SOURCE_DATE_EPOCH

fail() { echo "remote: FAIL: $*" >&2; exit 1; }
expect_status() { # want cmd...
	local want=$1 got=0
	shift
	"$@" >"$work/out" 2>"$work/err" || got=$?
	[ "$got" = "$want" ] || { cat "$work/out" "$work/err" >&2; fail "'$*' exited $got, want $want"; }
}
# yoy at a fixed commit time, so that "imported later" is decided here
at() { local t=$1; shift; SOURCE_DATE_EPOCH=$t "$YOY" "$@"; }

# ---- documents: parsed once, imported as JSON --------------------------------
docs="$work/docs"
mkdir -p "$docs"
"$YOY" parse -q -o "$docs/court2017.json" tests/data/jiangsu-high-court/2017-budget.pdf
"$YOY" parse -q -o "$docs/court2018.json" tests/data/jiangsu-high-court/2018-budget.pdf
"$YOY" parse -q -o "$docs/court2019.json" tests/data/jiangsu-high-court/2019-budget.pdf
"$YOY" parse -q -o "$docs/proc2017.json" tests/data/jiangsu-procuratorate/2017-budget.pdf
"$YOY" parse -q -o "$docs/wanli2023.json" tests/data/shanghai-putuo-wanli/2023-budget.pdf
"$YOY" parse -q -o "$docs/lv2023.json" tests/data/lvliang-hrss/2023-budget.txt
# two re-publications of the court's 2018 budget, each different
sed '0,/"title": "/s//"title": "（第二次公开）/' "$docs/court2018.json" >"$docs/court2018-b.json"
sed '0,/"title": "/s//"title": "（第三次公开）/' "$docs/court2018.json" >"$docs/court2018-c.json"
court=江苏省高级人民法院

title_of() { # repo -> the title of the court's current 2018 budget
	"$YOY" show --repo "$1" --format json -o "$work/shown" "$court" 2018
	grep -m1 '"title"' "$work/shown"
}

same_tip() { # repos...
	local first
	first=$(git -C "$1" rev-parse main)
	for r in "$@"; do
		[ "$(git -C "$r" rev-parse main)" = "$first" ] || fail "$r is at $(git -C "$r" rev-parse main), $1 at $first"
	done
}

fsck_all() {
	for r in "$@"; do
		git -C "$r" fsck --strict --no-progress >"$work/fsck" 2>&1 || { cat "$work/fsck" >&2; fail "git fsck --strict $r"; }
	done
}

# scenario NAME URL SERVER_DIR: two auditors through one shared history
scenario() {
	local name=$1 url=$2 server=$3 a="$work/$1-a" b="$work/$1-b"
	# A starts the shared history
	at 1000 import -q --repo "$a" "$docs/court2017.json" >/dev/null
	at 1001 import -q --repo "$a" "$docs/court2019.json" >/dev/null
	expect_status 0 "$YOY" remote --repo "$a" add origin "$url"
	expect_status 0 "$YOY" push -q --repo "$a"
	# B copies it and imports other departments and the court's 2018 again,
	# republished, later than A's; A meanwhile imports and pushes first
	expect_status 0 "$YOY" clone -q "$url" "$b"
	at 2000 import -q --repo "$b" "$docs/court2018-b.json" >/dev/null
	at 2001 import -q --repo "$b" --department 万里街道 "$docs/wanli2023.json" >/dev/null
	at 1500 import -q --repo "$a" "$docs/proc2017.json" "$docs/court2018.json" >/dev/null
	at 1501 import -q --repo "$a" --department 吕梁人社 "$docs/lv2023.json" >/dev/null
	expect_status 0 "$YOY" push -q --repo "$a"
	# B's push is refused (not a fast-forward) and changes nothing there
	local before
	before=$(git -C "$server" rev-parse main)
	expect_status 6 "$YOY" push -q --repo "$b"
	grep -q "yoy pull" "$work/err" || fail "$name: the refused push does not say to pull"
	[ "$(git -C "$server" rev-parse main)" = "$before" ] || fail "$name: a refused push moved the server"
	# B pulls: one merge; B's later re-publication stays current
	SOURCE_DATE_EPOCH=3000 expect_status 0 "$YOY" pull -q --repo "$b"
	grep -q "republished on both sides" "$work/out" || fail "$name: pull did not report the re-publication: $(cat "$work/out")"
	[ "$(git -C "$b" rev-list --parents -1 main | wc -w)" = 3 ] || fail "$name: the pull made no merge commit"
	title_of "$b" | grep -q 第二次公开 || fail "$name: the later re-publication is not current"
	expect_status 0 "$YOY" push -q --repo "$b"
	# A pulls: a fast-forward
	expect_status 0 "$YOY" pull -q --repo "$a"
	grep -q "fast-forward" "$work/out" || fail "$name: A's pull was not a fast-forward: $(cat "$work/out")"
	same_tip "$a" "$b" "$server"

	# round two, the other order: B pushes first, A's republication is
	# older than B's, A merges, and theirs (B's) must win
	at 4000 import -q --repo "$a" "$docs/court2018-c.json" >/dev/null
	at 4100 import -q --repo "$b" "$docs/court2018.json" >/dev/null
	expect_status 0 "$YOY" push -q --repo "$b"
	expect_status 6 "$YOY" push -q --repo "$a"
	SOURCE_DATE_EPOCH=5000 expect_status 0 "$YOY" pull -q --repo "$a"
	title_of "$a" | grep -q 第 && fail "$name: A kept its older re-publication current"
	expect_status 0 "$YOY" push -q --repo "$a"
	expect_status 0 "$YOY" pull -q --repo "$b"
	expect_status 0 "$YOY" pull -q --repo "$a"
	grep -q "up to date" "$work/out" || fail "$name: a second pull was not up to date"
	same_tip "$a" "$b" "$server"

	# everything is there, on both sides
	for r in "$a" "$b"; do
		"$YOY" log --repo "$r" >"$work/log"
		for want in "$court" 江苏省人民检察院 万里街道 吕梁人社; do
			grep -q "^$want" "$work/log" || fail "$name: $r lacks $want"
		done
		for y in 2017 2018 2019; do
			git -C "$r" cat-file -e "main:$court/$y/department_budget.json" || fail "$name: $r lacks the court's $y"
		done
		# aliases from both sides
		for alias in 上海市普陀区人民政府万里街道办事处 吕梁市人力资源和社会保障局; do
			git -C "$r" show main:aliases.json | grep -q "\"$alias\"" || fail "$name: $r lacks the alias $alias"
		done
	done
	# the court's 2018 budget: four publications, all reachable revisions,
	# and the log says how the conflicts were resolved
	"$YOY" log --repo "$a" "$court" >"$work/log"
	grep -q "republished on both sides: current ours" "$work/log" || fail "$name: log does not show B's resolution"
	grep -q "republished on both sides: current theirs" "$work/log" || fail "$name: log does not show A's resolution"
	[ "$("$YOY" log --repo "$a" --format json "$court" | grep -o '"year":2018[^}]*"revisions":4')" ] ||
		fail "$name: the court's 2018 budget does not count its 4 imports as revisions"
	for f in court2018 court2018-b court2018-c; do
		id=$(git hash-object "$docs/$f.json")
		git -C "$a" rev-list --objects main | grep -q "^$id" || fail "$name: $f is not reachable from main"
	done
	fsck_all "$a" "$b" "$server"
	echo "remote: $name: push refused then pull, merge, fast-forward, republications resolved both ways: ok"
}

# ---- file:// -------------------------------------------------------------------
git init -q --bare "$work/file/central.git"
scenario file "file://$work/file/central.git" "$work/file/central.git"

# ---- git:// (git daemon) ---------------------------------------------------------
git init -q --bare "$work/daemon/central.git"
port=""
for try in 1 2 3 4 5 6 7 8; do
	p=$((20000 + RANDOM % 20000))
	git daemon --reuseaddr --listen=127.0.0.1 --port="$p" --base-path="$work/daemon" \
		--export-all --enable=receive-pack "$work/daemon" 2>"$work/daemon.log" &
	pids+=($!)
	for w in $(seq 50); do
		git ls-remote "git://127.0.0.1:$p/central.git" >/dev/null 2>&1 && { port=$p; break; }
		kill -0 "${pids[-1]}" 2>/dev/null || break
		sleep 0.1
	done
	[ -n "$port" ] && break
done
[ -n "$port" ] || { cat "$work/daemon.log" >&2; fail "git daemon did not start"; }
scenario daemon "git://127.0.0.1:$port/central.git" "$work/daemon/central.git"

# ---- http:// (git http-backend) ----------------------------------------------------
start_http() { # root portfile [user:password]
	python3 tests/remote/http_server.py "$@" 2>"$work/http.log" &
	pids+=($!)
	for w in $(seq 100); do [ -s "$2" ] && return 0; sleep 0.05; done
	cat "$work/http.log" >&2
	fail "the HTTP server did not start"
}
git init -q --bare "$work/http/central.git"
git -C "$work/http/central.git" config http.receivepack true
start_http "$work/http" "$work/http.port"
scenario http "http://127.0.0.1:$(cat "$work/http.port")/central.git" "$work/http/central.git"

# ---- credentials from git's credential helper, never stored by yoy ------------------
git init -q --bare "$work/auth/central.git"
git -C "$work/auth/central.git" config http.receivepack true
start_http "$work/auth" "$work/auth.port" auditor:s3cret
aurl="http://127.0.0.1:$(cat "$work/auth.port")/central.git"
expect_status 6 "$YOY" clone -q "$aurl" "$work/auth-none"
[ ! -e "$work/auth-none" ] || fail "a refused clone left $work/auth-none behind"
printf 'http://auditor:wrong@127.0.0.1:%s\n' "$(cat "$work/auth.port")" >"$work/creds"
git config --global credential.helper "store --file=$work/creds"
at 100 import -q --repo "$work/auth-a" "$docs/proc2017.json" >/dev/null
expect_status 0 "$YOY" remote --repo "$work/auth-a" add origin "$aurl"
expect_status 6 "$YOY" push -q --repo "$work/auth-a"
grep -q "credentials" "$work/err" || fail "a refused password is not named: $(cat "$work/err")"
printf 'http://auditor:s3cret@127.0.0.1:%s\n' "$(cat "$work/auth.port")" >"$work/creds"
expect_status 0 "$YOY" push -q --repo "$work/auth-a"
expect_status 0 "$YOY" clone -q "$aurl" "$work/auth-b"
same_tip "$work/auth-a" "$work/auth-b" "$work/auth/central.git"
if grep -rq s3cret "$work/auth-a" "$work/auth-b"; then fail "yoy stored the password"; fi
git config --global --unset credential.helper
echo "remote: http with a credential helper (refused, then accepted; nothing stored): ok"

# ---- https:// and the system's certificates, parsed only when connecting ----------
# yoy defers libgit2's parse of the CA bundle (store.c, tls_ready): a
# server whose CA is not in the bundle is refused; the same server with
# its CA as the system's bundle (bind-mounted over it in a private mount
# namespace) is accepted, so the bundle is still read before connecting.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=yoy test CA" \
	-keyout "$work/ca.key" -out "$work/ca.pem" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
	-keyout "$work/tls.key" -out "$work/tls.csr" 2>/dev/null
printf 'subjectAltName=DNS:localhost\n' >"$work/tls.ext"
openssl x509 -req -in "$work/tls.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" \
	-CAcreateserial -days 2 -extfile "$work/tls.ext" -out "$work/tls.pem" 2>/dev/null
git init -q --bare "$work/https/central.git"
git -C "$work/https/central.git" config http.receivepack true
"$YOY" import -q --repo "$work/https-a" "$docs/proc2017.json" >/dev/null
git -C "$work/https-a" push -q "$work/https/central.git" main
start_http "$work/https" "$work/https.port" --tls "$work/tls.pem" "$work/tls.key"
surl="https://localhost:$(cat "$work/https.port")/central.git"
expect_status 6 "$YOY" clone -q "$surl" "$work/https-untrusted"
grep -qi "certificate" "$work/err" || fail "an untrusted server is not said to be: $(cat "$work/err")"
bundle=/etc/ssl/certs/ca-certificates.crt
if [ -f "$bundle" ] && unshare -m --propagation private true 2>/dev/null; then
	unshare -m --propagation private sh -c 'mount --bind "$1" "$2" && exec "$3" clone -q "$4" "$5" >/dev/null' \
		sh "$work/ca.pem" "$bundle" "$YOY" "$surl" "$work/https-b" || fail "https clone with the CA trusted"
	same_tip "$work/https-a" "$work/https-b"
	echo "remote: https (untrusted refused; trusted through the system bundle, read at connect): ok"
else
	echo "remote: https untrusted refused: ok; trusted case skipped (no mount namespace here)"
fi

# ---- killed midway -----------------------------------------------------------------
# A history big enough that a transfer takes a while; push and pull are
# killed at several moments, every repository must then pass fsck, and a
# second run must complete.
mkdir -p "$work/many"
for k in $(seq 1 150); do
	sed "0,/\"department\": \"\([^\"]*\)\"/s//\"department\": \"\1样本$k\"/" "$docs/court2018.json" >"$work/many/d$k.json"
done
git init -q --bare "$work/kill/central.git"
"$YOY" import -q --repo "$work/kill-a" "$work"/many/*.json >/dev/null
"$YOY" remote --repo "$work/kill-a" add origin "file://$work/kill/central.git"
# killed REPO CMD: run `yoy CMD --repo REPO` and kill it at four moments;
# after each, both repositories pass fsck and yoy still reads REPO
killed() {
	local repo=$1 cmd=$2 p
	for delay in 0.02 0.05 0.1 0.2; do
		"$YOY" "$cmd" -q --repo "$repo" >/dev/null 2>&1 &
		p=$!
		sleep "$delay"
		kill -9 "$p" 2>/dev/null || true
		wait "$p" 2>/dev/null || true
		fsck_all "$repo" "$work/kill/central.git"
		"$YOY" log --repo "$repo" >/dev/null || fail "a killed $cmd left a history yoy cannot read"
	done
}
killed "$work/kill-a" push
expect_status 0 "$YOY" push -q --repo "$work/kill-a"
same_tip "$work/kill-a" "$work/kill/central.git"
"$YOY" import -q --repo "$work/kill-b" "$docs/lv2023.json" >/dev/null
"$YOY" remote --repo "$work/kill-b" add origin "file://$work/kill/central.git"
killed "$work/kill-b" pull
expect_status 0 "$YOY" pull -q --repo "$work/kill-b"
[ "$("$YOY" log --repo "$work/kill-b" | grep -c '^[^ ]')" = 151 ] || fail "after a killed pull, pull again does not hold all 151 departments"
fsck_all "$work/kill-b"
# a pull killed while it held the remote-tracking ref's lock leaves the
# lock behind: the next pull removes it (no other pull can be running:
# it holds yoy-remote.lock) and completes; while another holds that, a
# pull says so and touches nothing
gitdir=$(git -C "$work/kill-b" rev-parse --absolute-git-dir)
: > "$gitdir/refs/remotes/origin/main.lock"
expect_status 0 "$YOY" pull -q --repo "$work/kill-b"
[ ! -e "$gitdir/refs/remotes/origin/main.lock" ] || fail "a stale tracking-ref lock stays"
flock "$gitdir/yoy-remote.lock" sleep 3 &
holder=$!
sleep 0.5
expect_status 4 "$YOY" pull -q --repo "$work/kill-b"
wait "$holder"
fsck_all "$work/kill-b"
echo "remote: push and pull killed midway at 4 moments each: consistent, then completed: ok"
