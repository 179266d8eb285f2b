#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Host end-to-end tests of nono-load: real programs under bundles compiled
# from small policies, on this machine's kernel.
#
#   tests/runtime/run.sh NONOC NONO_LOAD        (make check-runtime)
#
# The suite runs as the invoking user and, when that is root, again as an
# unprivileged user (uid/gid 65534 through setpriv), where the sandbox must
# still get user namespaces, the mount view, Landlock and seccomp. Network
# tests only ever connect to a listener on 127.0.0.1 that this script
# starts. Everything lives in one temporary directory, removed at the end;
# the sandboxes' mounts and namespaces die with their processes.
#
# Prints one line per failure (and per test with V=1), then
# "runtime: N passed, M failed"; exit status 1 when anything failed.
set -u

if [ $# -ne 2 ]; then
	echo "usage: $0 NONOC NONO_LOAD" >&2
	exit 2
fi
NONOC=$(realpath "$1")
NL=$(realpath "$2")
T=$(mktemp -d /tmp/nono-rt.XXXXXX)
chmod 755 "$T"
LISTENER_PID=
cleanup() {
	[ -n "$LISTENER_PID" ] && kill "$LISTENER_PID" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pass=0
fail=0
ok() { pass=$((pass + 1)); [ -n "${V:-}" ] && echo "  ok   [$WHO] $1"; return 0; }
bad() {
	fail=$((fail + 1))
	echo "  FAIL [$WHO] $1"
	if [ -n "${V:-}" ]; then
		sed 's/^/       out: /' "$T/out" | head -5
		sed 's/^/       err: /' "$T/err" | grep -v 'degraded:' | head -8
	fi
	return 0
}
# check NAME CONDITION...: the condition is a command.
check() { local name=$1; shift; if "$@"; then ok "$name"; else bad "$name"; fi; }
has_out() { grep -qF -- "$1" "$T/out"; }
has_err() { grep -qF -- "$1" "$T/err"; }
no_out() { ! grep -qF -- "$1" "$T/out"; }

# ---- keys and policies ---------------------------------------------------------------
"$NONOC" keygen -o "$T/k" >/dev/null 2>&1 || { echo "runtime: cannot make a key" >&2; exit 1; }
"$NONOC" keygen -o "$T/k2" >/dev/null 2>&1
chmod 644 "$T/k.pub" "$T/k2.pub"
mkdir -p "$T/pol" "$T/outside" "$T/keys" "$T/moved" "$T/home"
chmod 755 "$T/pol" "$T/outside" "$T/keys" "$T/moved" "$T/home"
cp "$T/k.pub" "$T/keys/"
echo OUTSIDE >"$T/outside/file.txt"
echo "the prompt" >"$T/pol/prompt.txt"
chmod 644 "$T/outside/file.txt" "$T/pol/prompt.txt"

# compile NAME [--unsigned]: policy text on stdin -> $T/pol/NAME.bundle
compile() {
	local name=$1 key=(--key "$T/k")
	[ "${2:-}" = --unsigned ] && key=()
	cat >"$T/pol/$name.nono"
	if ! "$NONOC" "$T/pol/$name.nono" -o "$T/pol/$name.bundle" "${key[@]}" --no-bpf-object >"$T/pol/$name.log" 2>&1; then
		echo "runtime: cannot compile $name:" >&2
		cat "$T/pol/$name.log" >&2
		exit 1
	fi
	chmod 644 "$T/pol/$name.bundle"
}

compile basic <<'EOF'
policy "rt-basic" version 1
use "std/shell"
agent {
    fs read "$WORKDIR/**"
    fs read write "$WORKDIR/rw/**"
    net none
}
deny fs "$WORKDIR/secret.txt"
EOF
cp "$T/pol/basic.nono" "$T/pol/unsigned.nono"
compile unsigned --unsigned <"$T/pol/basic.nono"

compile env <<'EOF'
policy "rt-env" version 1
use "std/shell"
agent {
    fs read "$WORKDIR/**"
    env pass PATH, KEEP_ME
    env set FOO=bar
    net none
}
EOF

compile measure <<'EOF'
policy "rt-measure" version 1
use "std/shell"
agent {
    fs read "$WORKDIR/**"
    measure prompt "prompt.txt"
    net none
}
EOF

compile bpflsm <<'EOF'
policy "rt-bpf-lsm" version 1
use "std/shell"
require bpf-lsm
agent {
    fs read write "$WORKDIR/**"
    net none
}
EOF

TOOL_SHA=$(sha256sum /usr/bin/true | cut -d' ' -f1)
compile pinned <<EOF
policy "rt-pinned" version 1
use "std/shell"
agent {
    fs read "\$WORKDIR/**"
    net none
}
tool t {
    exec "\$WORKDIR/bin/tool" sha256 "$TOOL_SHA"
    net none
}
EOF

compile landlock3 <<'EOF'
policy "rt-landlock3" version 1
use "std/shell"
require landlock 3
agent {
    fs read write "$WORKDIR/**"
    net none
}
EOF

compile wall <<'EOF'
policy "rt-wall" version 1
use "std/shell"
agent {
    fs read "$WORKDIR/**"
    net none
}
quota { wall 1s }
EOF

compile introspect <<'EOF'
policy "rt-introspect" version 1
use "std/shell"
agent {
    fs read "$WORKDIR/**"
    fs read "/proc/**"
    net none
}
EOF

compile denyexec <<'EOF'
policy "rt-deny-execve" version 1
use "std/shell"
agent {
    fs read "$WORKDIR/**"
    net none
}
sys deny execve
EOF

# Signed bundles whose contents do not validate: sections taken from
# basic.bundle, changed, and signed again with the trusted key.
for s in ir rules landlock seccomp; do
	"$NONOC" inspect "$T/pol/basic.bundle" --trust "$T/k.pub" --section ".nono.$s" >"$T/pol/sec.$s"
done
sed 's/"anchor":"\$WORKDIR"/"anchor":"elsewhere"/' "$T/pol/sec.ir" >"$T/pol/sec.ir.bad"
raw() { # raw NAME IR SECCOMP
	local sc=()
	[ -n "$3" ] && sc=(--section ".nono.seccomp=$3")
	"$NONOC" bundle-raw -o "$T/pol/$1.bundle" --policy "$1" --section ".nono.ir=$2" \
		--section ".nono.rules=$T/pol/sec.rules" --section ".nono.landlock=$T/pol/sec.landlock" "${sc[@]}" \
		--key "$T/k" >/dev/null 2>&1 && chmod 644 "$T/pol/$1.bundle"
}
raw badanchor "$T/pol/sec.ir.bad" "$T/pol/sec.seccomp"
raw noseccomp "$T/pol/sec.ir" ""
# Only the other architecture's filter (x86_64 <-> aarch64): compile.c's layout.
OTHER_ARCH=
if command -v /usr/bin/python3 >/dev/null 2>&1 || command -v python3 >/dev/null 2>&1; then
	$(command -v /usr/bin/python3 || command -v python3) - "$T/pol/sec.seccomp" "$T/pol/sec.other" "$(uname -m)" <<'PY'
import struct, sys
b = open(sys.argv[1], "rb").read()
mine = {"x86_64": 0xC000003E, "aarch64": 0xC00000B7}[sys.argv[3]]
n = struct.unpack_from("<I", b, 8)[0]
off, keep = 12, []
for _ in range(n):
    arch, ninsns = struct.unpack_from("<II", b, off)
    end = off + 8 + 8 * ninsns
    if arch != mine:
        keep.append(b[off:end])
    off = end
open(sys.argv[2], "wb").write(b"NSCP" + struct.pack("<II", 1, len(keep)) + b"".join(keep))
PY
	raw otherarch "$T/pol/sec.ir" "$T/pol/sec.other" && OTHER_ARCH=1
fi

# A listener on 127.0.0.1 (the only address any test connects to).
PORT=
PY=
for p in /usr/bin/python3 python3; do
	command -v "$p" >/dev/null 2>&1 && { PY=$p; break; }
done
if [ -n "$PY" ]; then
	"$PY" -c '
import socket, sys
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(8)
print(s.getsockname()[1], flush=True)
log = open(sys.argv[1], "ab", buffering=0)
while True:
    c, _ = s.accept()
    c.settimeout(2)
    try:
        log.write(c.recv(256))
    except OSError:
        pass
    c.close()
' "$T/net.log" >"$T/port" 2>/dev/null &
	LISTENER_PID=$!
	for _ in $(seq 1 100); do
		PORT=$(cat "$T/port" 2>/dev/null)
		[ -n "$PORT" ] && break
		sleep 0.1
	done
	touch "$T/net.log"
	chmod 644 "$T/net.log"
fi
if [ -n "$PORT" ]; then
	compile netok <<EOF
policy "rt-net" version 1
use "std/shell"
agent {
    fs read "\$WORKDIR/**"
    net connect tcp 127.0.0.1:$PORT
}
EOF
fi

# ---- running nono-load as an identity ------------------------------------------------------
# run ARGS...: nono-load in $WD as $WHO; stdout, stderr, status in $T/out, $T/err, $rc.
run() {
	(cd "$WD" && exec "${AS[@]}" env HOME="$T/home" "$NL" -q "$@") >"$T/out" 2>"$T/err" </dev/null
	rc=$?
}

suite() {
	WD="$T/$WHO/work"
	mkdir -p "$WD/rw"
	echo original >"$WD/ro.txt"
	echo TOPSECRET >"$WD/secret.txt"
	printf '#!/bin/sh\necho script\n' >"$WD/script.sh"
	chmod 755 "$WD/script.sh" "$T/$WHO"
	[ "$WHO" = nobody ] && chown -R 65534:65534 "$T/$WHO"
	local B="$T/pol" K=(--trust "$T/k.pub")

	# -- it runs, and what it runs sees the view
	run "${K[@]}" "$B/basic.bundle" -- /bin/sh -c 'echo hi'
	check "echo hi runs" test "$rc" = 0 -a "$(cat "$T/out")" = hi
	run "${K[@]}" "$B/basic.bundle" -- /bin/sh -c 'exit 7'
	check "the agent's exit status passes through" test "$rc" = 7
	run "${K[@]}" "$B/basic.bundle" -- /bin/sh -c pwd
	check "cwd is \$WORKDIR inside the view" test "$rc" = 0 -a "$(cat "$T/out")" = "$WD"
	run "${K[@]}" "$B/basic.bundle" -- /bin/sh -c "cat $T/outside/file.txt"
	check "a file outside the view does not exist (ENOENT)" eval 'test "$rc" != 0 && has_err "No such file or directory" && no_out OUTSIDE'
	run "${K[@]}" "$B/basic.bundle" -- /bin/sh -c "echo x > $WD/ro.txt"
	check "writing a read-only bind fails (EROFS)" eval 'test "$rc" != 0 && has_err "Read-only file system" && test "$(cat "$WD/ro.txt")" = original'
	run "${K[@]}" "$B/basic.bundle" -- /bin/sh -c "echo new > $WD/rw/new.txt"
	check "writing a granted directory works" eval 'test "$rc" = 0 && test "$(cat "$WD/rw/new.txt" 2>/dev/null)" = new'
	run "${K[@]}" "$B/basic.bundle" -- /bin/sh -c "cat $WD/secret.txt"
	check "a denied file inside a bound tree is masked" eval 'test "$rc" != 0 && no_out TOPSECRET'
	run "${K[@]}" "$B/basic.bundle" -- /bin/sh -c "cat /etc/shadow"
	check "std/base's deny of /etc/shadow holds" eval 'test "$rc" != 0 && test ! -s "$T/out"'
	(cd "$WD" && exec 5>"$T/fd5" && exec "${AS[@]}" env HOME="$T/home" "$NL" -q "${K[@]}" "$B/basic.bundle" -- \
		/bin/sh -c 'echo leaked >&5') >"$T/out" 2>"$T/err" </dev/null
	rc=$?
	check "inherited descriptors are closed" eval 'test "$rc" != 0 && test ! -s "$T/fd5"'
	KEEP_ME=kept DROP_ME=dropped run "${K[@]}" "$B/env.bundle" -- /bin/sh -c 'echo "$FOO:$KEEP_ME:$DROP_ME"'
	check "env cleared except env pass/set" test "$rc" = 0 -a "$(cat "$T/out")" = "bar:kept:"
	run "${K[@]}" "$B/introspect.bundle" -- /bin/sh -c 'grep -E "^(CapEff|CapBnd|CapAmb|NoNewPrivs|Seccomp|SigBlk):" /proc/self/status; echo pid=$$'
	check "no capabilities, no_new_privs, seccomp filter, no blocked signals, own pid namespace" eval \
		'test "$rc" = 0 && has_out "CapEff:	0000000000000000" && has_out "CapBnd:	0000000000000000" && has_out "NoNewPrivs:	1" && has_out "Seccomp:	2" && has_out "SigBlk:	0000000000000000" && has_out "pid=2"'

	# -- network
	if [ -n "$PORT" ]; then
		run "${K[@]}" "$B/basic.bundle" -- /bin/bash -c "echo leak-$WHO > /dev/tcp/127.0.0.1/$PORT"
		sleep 0.3
		check "net none: a 127.0.0.1 listener outside is unreachable" eval 'test "$rc" != 0 && ! grep -q "leak-$WHO" "$T/net.log"'
		run "${K[@]}" "$B/netok.bundle" -- /bin/bash -c "echo hello-$WHO > /dev/tcp/127.0.0.1/$PORT"
		sleep 0.3
		check "net connect tcp 127.0.0.1:PORT reaches the listener (control)" eval 'test "$rc" = 0 && grep -q "hello-$WHO" "$T/net.log"'
	else
		echo "  skip [$WHO] network tests (no python3 to run the 127.0.0.1 listener, or it did not start)"
	fi

	# -- older Landlock ABIs (NONO_LOAD_TEST_LANDLOCK_ABI lowers the one nono-load uses)
	local abi
	for abi in 1 2 3 5; do
		rm -f "$WD/rw/abi.txt"
		NONO_LOAD_TEST_LANDLOCK_ABI=$abi run "${K[@]}" "$B/basic.bundle" -- /bin/sh -c \
			"echo ok > $WD/rw/abi.txt; cat $WD/rw/abi.txt; echo x > /tmp/x"
		check "Landlock ABI $abi: grants work, what is not granted is refused" eval \
			'test "$rc" != 0 && has_out ok && has_err "/tmp/x: Permission denied"'
	done
	NONO_LOAD_TEST_LANDLOCK_ABI=0 run "${K[@]}" "$B/basic.bundle" -- /bin/sh -c "echo x > /tmp/x && echo wrote"
	check "no Landlock: runs on the mount view alone, and says so" eval \
		'test "$rc" = 0 && has_out wrote && has_err "degraded: Landlock is unavailable"'
	NONO_LOAD_TEST_LANDLOCK_ABI=2 run "${K[@]}" "$B/landlock3.bundle" -- /bin/sh -c "touch $WD/rw/canary"
	check "require landlock 3 on ABI 2: refused (123) with a hint" eval \
		'test "$rc" = 123 && has_err "requires Landlock ABI 3" && has_err "hint:" && test ! -e "$WD/rw/canary"'
	if [ -n "$PORT" ]; then
		NONO_LOAD_TEST_LANDLOCK_ABI=3 run "${K[@]}" "$B/basic.bundle" -- /bin/bash -c "echo abi3-$WHO > /dev/tcp/127.0.0.1/$PORT"
		sleep 0.3
		check "Landlock ABI 3 (no TCP rules): net none still holds (network namespace)" eval \
			'test "$rc" != 0 && ! grep -q "abi3-$WHO" "$T/net.log"'
	fi

	# -- trust
	run "${K[@]}" "$B/unsigned.bundle" -- /bin/sh -c 'echo ran'
	check "an unsigned bundle is refused (121)" eval 'test "$rc" = 121 && has_err "not signed" && no_out ran'
	run "${K[@]}" --insecure-allow-unsigned "$B/unsigned.bundle" -- /bin/sh -c 'echo ran'
	check "--insecure-allow-unsigned runs it, loudly" eval 'test "$rc" = 0 && has_out ran && has_err "NOT SIGNED"'
	cp "$B/basic.bundle" "$T/$WHO/tampered.bundle"
	printf '\x5a' | dd of="$T/$WHO/tampered.bundle" bs=1 seek=300 conv=notrunc status=none
	chmod 644 "$T/$WHO/tampered.bundle"
	run "${K[@]}" "$T/$WHO/tampered.bundle" -- /bin/sh -c 'echo ran'
	check "a tampered bundle is refused (121)" eval 'test "$rc" = 121 && no_out ran'
	run --trust "$T/k2.pub" "$B/basic.bundle" -- /bin/sh -c 'echo ran'
	check "a bundle signed by an untrusted key is refused (121)" eval 'test "$rc" = 121 && no_out ran'
	NONO_TRUSTED_KEYS_DIR="$T/keys" run "$B/basic.bundle" -- /bin/sh -c 'echo ran'
	check "keys from \$NONO_TRUSTED_KEYS_DIR" eval 'test "$rc" = 0 && has_out ran'
	NONO_TRUSTED_KEYS_DIR="$T/keys" run --trust "$T/k2.pub" "$B/basic.bundle" -- /bin/sh -c 'echo ran'
	check "--trust takes precedence over the key directory" eval 'test "$rc" = 121 && no_out ran'

	# -- measured inputs
	run "${K[@]}" "$B/measure.bundle" -- /bin/sh -c 'echo ran'
	check "unchanged measured file: runs" eval 'test "$rc" = 0 && has_out ran'
	local old new
	old=$(sha256sum "$B/prompt.txt" | cut -d' ' -f1)
	echo "a changed prompt" >"$B/prompt.txt"
	new=$(sha256sum "$B/prompt.txt" | cut -d' ' -f1)
	run "${K[@]}" "$B/measure.bundle" -- /bin/sh -c 'echo ran'
	check "a changed measured file is refused (122), naming both digests" eval \
		'test "$rc" = 122 && has_err "prompt.txt" && has_err "$old" && has_err "$new" && no_out ran'
	echo "the prompt" >"$B/prompt.txt"
	cp "$B/measure.bundle" "$T/moved/measure.bundle"
	run "${K[@]}" "$T/moved/measure.bundle" -- /bin/sh -c 'echo ran'
	check "measured files are relative to the bundle's directory" eval 'test "$rc" = 122 && no_out ran'
	run "${K[@]}" --policy-dir "$B" "$T/moved/measure.bundle" -- /bin/sh -c 'echo ran'
	check "--policy-dir says where they are" eval 'test "$rc" = 0 && has_out ran'

	mkdir -p "$WD/bin"
	cp /usr/bin/true "$WD/bin/tool"
	[ "$WHO" = nobody ] && chown -R 65534:65534 "$WD/bin"
	run "${K[@]}" "$B/pinned.bundle" -- "$WD/bin/tool"
	check "a pinned tool binary as pinned: runs" eval 'test "$rc" = 0 && has_err "degraded: per-tool domains"'
	echo x >>"$WD/bin/tool"
	run "${K[@]}" "$B/pinned.bundle" -- "$WD/bin/tool"
	check "a changed pinned binary is refused (122)" eval 'test "$rc" = 122 && has_err "pinned tool binary" && has_err "$TOOL_SHA"'

	# -- bundles that cannot be applied
	run "${K[@]}" "$B/badanchor.bundle" -- /bin/sh -c 'echo ran'
	check "a signed bundle with an invalid IR field is refused (121), naming it" eval \
		'test "$rc" = 121 && has_err "bundle section \`.nono.ir\`" && has_err "unknown anchor" && no_out ran'
	run "${K[@]}" "$B/noseccomp.bundle" -- /bin/sh -c 'echo ran'
	check "a signed bundle without a seccomp section is refused (121)" eval 'test "$rc" = 121 && no_out ran'
	if [ -n "$OTHER_ARCH" ]; then
		run "${K[@]}" "$B/otherarch.bundle" -- /bin/sh -c 'echo ran'
		check "no seccomp filter for this architecture: refused (123)" eval \
			'test "$rc" = 123 && has_err "no seccomp filter for $(uname -m)" && no_out ran'
	fi
	run "${K[@]}" "$B/denyexec.bundle" -- /bin/sh -c 'echo ran'
	check "a filter that denies execve is refused up front (123)" eval 'test "$rc" = 123 && has_err execve && no_out ran'

	# -- refusals and failing steps never start the agent
	rm -f "$WD/canary"
	run "${K[@]}" "$B/bpflsm.bundle" -- /bin/sh -c "touch $WD/canary"
	check "require bpf-lsm where it is missing: refused (123), agent never ran" eval \
		'test "$rc" = 123 && has_err "bpf-lsm" && test ! -e "$WD/canary"'
	for step in wait-for-parent close-fds mount-base mount-view mount-masks pivot-root fork-agent \
		no-new-privs drop-capabilities landlock seccomp exec; do
		rm -f "$WD/rw/canary"
		NONO_LOAD_TEST_FAIL_STEP=$step run "${K[@]}" "$B/basic.bundle" -- /bin/sh -c "touch $WD/rw/canary"
		check "failing step $step: 125, names the step, agent never ran" eval \
			'test "$rc" = 125 && has_err "\"$step\"" && test ! -e "$WD/rw/canary"'
	done
	run "${K[@]}" "$B/basic.bundle" -- /usr/bin/id
	check "a program outside the view: 127" eval 'test "$rc" = 127 && has_err "\"exec\""'
	run "${K[@]}" "$B/basic.bundle" -- "$WD/script.sh"
	check "a program the policy does not let run: 126" eval 'test "$rc" = 126 && no_out script'

	# -- supervision
	local t0 t1
	t0=$(date +%s)
	run "${K[@]}" "$B/wall.bundle" -- /bin/sh -c 'sleep 10'
	t1=$(date +%s)
	check "the wall-time limit kills the sandbox (124)" eval 'test "$rc" = 124 && test $((t1 - t0)) -lt 6'
	run "${K[@]}" "$B/basic.bundle" -- /bin/sh -c 'kill -KILL $$'
	check "an agent killed by a signal: 128+N" test "$rc" = 137
	(cd "$WD" && exec "${AS[@]}" env HOME="$T/home" "$NL" -q "${K[@]}" "$B/basic.bundle" -- /bin/sh -c 'sleep 20') \
		>"$T/out" 2>"$T/err" </dev/null &
	local pid=$!
	sleep 1
	t0=$(date +%s)
	kill -TERM "$pid"
	wait "$pid"
	rc=$?
	t1=$(date +%s)
	check "SIGTERM is forwarded to the agent (143)" eval 'test "$rc" = 143 && test $((t1 - t0)) -lt 5'

	# -- plan and probe
	rm -f "$WD/rw/canary"
	run "${K[@]}" --dry-run "$B/basic.bundle" -- /bin/sh -c "touch $WD/rw/canary"
	check "--dry-run prints the plan and runs nothing" eval \
		'test "$rc" = 0 && has_out "plan for policy" && has_out "steps:" && has_out "mount view:" && test ! -e "$WD/rw/canary"'
	run --probe
	check "--probe" eval 'test "$rc" = 0 && has_out landlock && has_out "bpf-lsm"'
	run --probe --json
	check "--probe --json" eval 'test "$rc" = 0 && { [ -z "$PY" ] || "$PY" -m json.tool "$T/out" >/dev/null 2>&1; }'
}

WHO=$(id -un)
AS=()
suite
if [ "$(id -u)" = 0 ]; then
	# Root without a user namespace (--no-user-ns) still drops everything.
	WD="$T/$WHO/work"
	run --trust "$T/k.pub" --no-user-ns "$T/pol/introspect.bundle" -- /bin/sh -c 'grep -E "^(CapEff|CapBnd):" /proc/self/status'
	check "--no-user-ns (root): runs with no capabilities" eval \
		'test "$rc" = 0 && has_out "CapEff:	0000000000000000" && has_out "CapBnd:	0000000000000000"'
	if command -v setpriv >/dev/null 2>&1; then
		WHO=nobody
		AS=(setpriv --reuid=65534 --regid=65534 --clear-groups)
		suite
		run --trust "$T/k.pub" --no-user-ns "$T/pol/basic.bundle" -- /bin/sh -c 'echo ran'
		check "--no-user-ns needs root (120)" eval 'test "$rc" = 120 && no_out ran'
	else
		echo "  skip: setpriv not found; the unprivileged run is not tested"
	fi
fi

echo "runtime: $pass passed, $fail failed"
[ "$fail" = 0 ]
