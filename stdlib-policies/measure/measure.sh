#!/bin/sh
# Reproduce the measurement behind stdlib-policies/*.nono.
#
#   measure.sh [-a] [-c N] [-k] [-s] [-C] [-d PATH]... [WORKLOAD...]
#
# Runs each workload (default: all of them) under
#   strace -f -y    (every system call, fds decoded to paths)
# as the unprivileged user `nobody`, with the environment cleared the way
# nono-load clears it (HOME, PATH, LANG, TERM only), in a scratch directory,
# and prints the paths the workload touched, one per line, with what was
# done to them (see summarise.py: r read, w write, x execve, m mmap-exec,
# s stat/lookup only).
#
#   -a    also list paths that were probed but absent or refused
#   -c N  collapse a directory with N or more files read into one line
#   -k    keep the scratch directory (raw strace logs) and print its name
#   -s    also print the system calls the workload made, and any of them
#         that std/base denies (there should be none)
#   -C    instead of listing, check the paths against the std policies that
#         are meant to cover the workload (table below) and print those
#         they do not allow (see summarise.py --check)
#   -d P  necessity test instead of listing (repeatable): run each workload
#         plainly, then twice more with every path syscall naming P failing,
#         first with ENOENT (P absent from the mount view) and then with
#         EACCES (P refused by Landlock/BPF-LSM), and report whether the exit
#         status or the output changed. Paths are matched as the program
#         spells them (strace -P), so name the path it asks for; a
#         leading ~ means the scratch HOME.
#
# Workloads:
#   base        /usr/bin/true                    the floor: loader, libc, locale
#   nss         /usr/bin/id                      who reads passwd/group, and how
#   python      workloads/python_work.py         json csv sqlite3 ssl subprocess, file writes,
#                                                 a module imported from the working directory
#   analyst     workloads/analyst_work.py        gzip csv statistics zoneinfo sqlite3 report
#   node        workloads/node_work.js           fs http(loopback) crypto
#   sh, bash    workloads/shell_work.sh          ls cat grep sed awk sort mktemp cp mv rm ...
#   git         workloads/git_work.sh            init add commit log diff status submodule bisect
#   git-https   git ls-remote https://localhost  the https transport helper
#   web-python, web-node, web-curl               resolve a public name, HTTPS to a local
#                                                 server with a self-signed certificate
#
# Needs: strace, setpriv (util-linux), openssl (for the local TLS server).
# Must run as root (to drop to nobody); nothing outside the scratch
# directory is written. Always /usr/bin/python3, never a pyenv shim.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
ABSENT='' COLLAPSE='' KEEP='' DENY='' SYSCALLS='' CHECK=''
while getopts 'ac:kd:sC' opt; do
	case $opt in
	C) CHECK=1 ;;
	a) ABSENT=--absent ;;
	s) SYSCALLS=--syscalls ;;
	c) COLLAPSE="--collapse $OPTARG" ;;
	k) KEEP=1 ;;
	d) DENY="$DENY -P $OPTARG" ;;	# a leading ~ is the scratch HOME (below)
	*) sed -n '2,44p' "$0" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
ALL="base nss python analyst node sh bash git git-https web-python web-node web-curl"
# shellcheck disable=SC2086 # word splitting wanted: lists of words
[ $# -gt 0 ] || set -- $ALL

[ "$(id -u)" = 0 ] || { echo "measure.sh: run as root (it drops to nobody)" >&2; exit 2; }
for t in strace setpriv openssl; do
	command -v $t >/dev/null || { echo "measure.sh: $t is missing" >&2; exit 2; }
done

WORK=$(mktemp -d /tmp/nono-measure.XXXXXX)
SERVER_PID=
cleanup() {
	[ -z "$SERVER_PID" ] || kill "$SERVER_PID" 2>/dev/null || true
	if [ -n "$KEEP" ]; then echo "kept: $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT INT TERM
chmod 755 "$WORK"
mkdir -p "$WORK/home" "$WORK/wl" "$WORK/logs"
DENY=$(printf '%s' "$DENY" | sed "s| -P ~| -P $WORK/home|g")
cp "$HERE"/workloads/* "$WORK/wl/"
# git takes the identity from here, so that the read of ~/.gitconfig is seen.
printf '[user]\n\tname = Measure\n\temail = measure@example.invalid\n' > "$WORK/home/.gitconfig"
chown -R 65534:65534 "$WORK/home" "$WORK/logs"

# A local HTTPS server with a self-signed certificate (not in the system
# store, so every client must consult the store and then refuse).
tls_server() {
	[ -z "$SERVER_PID" ] || return 0
	mkdir -p "$WORK/tls"
	openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost \
		-keyout "$WORK/tls/key.pem" -out "$WORK/tls/cert.pem" 2>/dev/null
	/usr/bin/python3 -I -c '
import http.server, ssl, sys
srv = http.server.HTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(sys.argv[1], sys.argv[2])
srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
open(sys.argv[3], "w").write(str(srv.server_address[1]))
srv.serve_forever()' "$WORK/tls/cert.pem" "$WORK/tls/key.pem" "$WORK/tls/port" 2>/dev/null &
	SERVER_PID=$!
	i=0
	while [ ! -s "$WORK/tls/port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	PORT=$(cat "$WORK/tls/port")
}

# trace NAME CMD...: run CMD in a fresh $WORK/proj-NAME as nobody, traced
# (with $INJECT: only the -P paths, made to fail). Sets $RC.
INJECT=
trace() {
	name=$1; shift
	rm -rf "$WORK/proj-$name"
	mkdir -p "$WORK/proj-$name"
	chown 65534:65534 "$WORK/proj-$name"
	if [ -n "$INJECT" ]; then
		# shellcheck disable=SC2086
		set -- strace -f -qq $DENY -e trace=%file -e inject=%file:error=$INJECT \
			-e signal=none -o /dev/null "$@"
	else
		set -- strace -f -qq -y -e signal=none \
			-o "$WORK/logs/$name.log" "$@"
	fi
	RC=0
	(cd "$WORK/proj-$name" &&
	 setpriv --reuid=65534 --regid=65534 --clear-groups \
		env -i HOME="$WORK/home" PATH=/usr/bin:/bin LANG=C.UTF-8 TERM=dumb \
		${CHECK:+$(policy_env "$name")} "$@") >"$WORK/logs/$name.out${INJECT:+.$INJECT}" 2>&1 || RC=$?
	# git-https and web-curl fail by design: the certificate is refused.
	case $name in git-https|web-curl) return 0 ;; esac
	if [ -z "$INJECT" ] && [ -z "$DENY" ] && [ $RC != 0 ]; then
		echo "  (workload $name exited $RC; see its output with -k)"
	fi
}

# run WORKLOAD: trace it (once, or three times for a necessity test).
run() {
	if [ -z "$DENY" ]; then
		run1 "$1"
		echo "== $1 =="
		if [ -n "$CHECK" ]; then
			/usr/bin/python3 -I "$HERE/summarise.py" "$WORK/logs/$1.log" "$WORK" \
				--check "$(covering "$1")"
		else
			# shellcheck disable=SC2086
			/usr/bin/python3 -I "$HERE/summarise.py" "$WORK/logs/$1.log" "$WORK" $ABSENT $COLLAPSE \
				$SYSCALLS ${SYSCALLS:+"$HERE/../base.nono"}
		fi
		echo
		return
	fi
	INJECT=; run1 "$1"; base_rc=$RC
	# Output that names scratch files, temporary names or commit ids varies
	# between runs: mask it before comparing.
	mask() { sed -e '/^strace: Requested path/d' -e "s|$WORK|\$WORK|g" -e 's|tmp\.[A-Za-z0-9]*|tmp.X|g' \
		-e 's/[0-9a-f]\{7,40\}/HASH/g' "$1"; }
	mask "$WORK/logs/$1.out" > "$WORK/m0"
	echo "== $1, without:$DENY (plain run: exit $base_rc) =="
	for e in ENOENT EACCES; do
		INJECT=$e; run1 "$1"
		mask "$WORK/logs/$1.out.$e" > "$WORK/m1"
		if [ $RC = $base_rc ] && cmp -s "$WORK/m0" "$WORK/m1"; then
			echo "  $e: same exit status and output"
		else
			echo "  $e: exit $RC; output differs:"
			diff "$WORK/m0" "$WORK/m1" | sed -n '2,12s/^/    /p'
		fi
	done
	INJECT=
	echo
}

# With -C the workloads run with the variables the covering policies set
# (`env set`), as they would in the sandbox; without it they run plainly,
# which is how the need for those variables was found.
policy_env() {
	case $1 in
	python|analyst|web-python) echo PYTHONDONTWRITEBYTECODE=1 PYTHONNOUSERSITE=1 ;;
	git|git-https) echo GIT_TEMPLATE_DIR= GIT_PAGER=cat GIT_TERMINAL_PROMPT=0 ;;
	esac
}

# The std policies meant to cover each workload (for -C). The wrappers the
# workloads themselves use (sh running git_work.sh, sh -c around curl, the
# utilities python_work.py runs through subprocess) come from std/shell.
covering() {
	P=$HERE/..
	case $1 in
	base)       echo "$P/base.nono" ;;
	nss|sh|bash) echo "$P/shell.nono" ;;
	python)     echo "$P/python.nono,$P/shell.nono" ;;
	analyst)    echo "$P/data-analyst.nono" ;;
	node)       echo "$P/node.nono" ;;
	git)        echo "$P/git.nono,$P/shell.nono" ;;
	git-https)  echo "$P/git.nono,$P/net-client.nono" ;;
	web-python) echo "$P/web-research.nono" ;;
	web-node)   echo "$P/node.nono,$P/net-client.nono" ;;
	web-curl)   echo "$P/web-research.nono,$P/shell.nono" ;;
	esac
}

run1() {
	w=$1
	case $w in
	base)       trace base /usr/bin/true ;;
	nss)        trace nss /usr/bin/id ;;
	python)     trace python /usr/bin/python3 "$WORK/wl/python_work.py" ;;
	analyst)    trace analyst /usr/bin/python3 "$WORK/wl/analyst_work.py" ;;
	node)       trace node /usr/bin/node "$WORK/wl/node_work.js" ;;
	sh)         trace sh /bin/sh "$WORK/wl/shell_work.sh" ;;
	bash)       trace bash /bin/bash "$WORK/wl/shell_work.sh" ;;
	git)        trace git /bin/sh "$WORK/wl/git_work.sh" ;;
	git-https)  tls_server; trace git-https /usr/bin/git ls-remote "https://localhost:$PORT/r.git" ;;
	web-python) tls_server; trace web-python /usr/bin/python3 "$WORK/wl/web_python.py" "$PORT" ;;
	web-node)   tls_server; trace web-node /usr/bin/node "$WORK/wl/web_node.js" "$PORT" ;;
	web-curl)   tls_server; trace web-curl /bin/sh -c \
			"/usr/bin/curl -sS -m 5 https://example.com/; /usr/bin/curl -sS -m 5 https://localhost:$PORT/" ;;
	*) echo "measure.sh: unknown workload '$w' (one of: $ALL)" >&2; exit 2 ;;
	esac
}

for w in "$@"; do
	run "$w"
done
