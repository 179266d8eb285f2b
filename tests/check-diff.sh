#!/usr/bin/env bash
# nonoc diff end to end: tests/check-diff.sh NONOC
#
# Compiles a small base policy and variants of it (one change each: an fs
# rule added to a tool, a net rule removed, a new tool, a changed quota, a
# changed measured file, a syscall deny removed; an identical copy, and one
# where only the line numbers move), signed with a throwaway key and without
# the BPF object (no clang needed), and checks `nonoc diff` against each:
# the exact text output and exit status (0 same, 1 different, 2 error), the
# --json form (parsed and checked with python3's json module), and the
# errors (usage, unsigned or untrusted bundles, files that are no bundles).
# Last line: "diff: N passed, M failed".
set -u
nonoc=$(realpath "$1")
python=/usr/bin/python3
pass=0 fail=0
ok()  { pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }

work=$(mktemp -d /tmp/nono-check-diff.XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2

"$nonoc" keygen -o key >/dev/null && ok || bad "keygen"
"$nonoc" keygen -o stranger >/dev/null && ok || bad "keygen"

cat >base.nono <<'EOF'
policy "demo" version 1
mode enforce

agent {
    exec "/usr/bin/python3"
    measure prompt "prompt.txt"
    fs read "/srv/data/**"
    fs read write "$WORKDIR/out/**"
    net none
    env pass HOME
}

tool query_db {
    exec "/opt/tools/query_db"
    fs read "/srv/db/**"
    net connect tcp 10.0.0.5:5432
}

quota {
    memory 512MiB
    pids 64
}

deny fs "~/.ssh/**"
deny sys ptrace
EOF

# variant NAME SED-SCRIPT [PROMPT]: base.nono edited by SED-SCRIPT, with its
# prompt.txt, in src/NAME/, compiled and signed to NAME.bundle.
variant() {
	mkdir -p "src/$1"
	sed "$2" base.nono >"src/$1/policy.nono"
	printf '%s\n' "${3:-You are a data analyst.}" >"src/$1/prompt.txt"
	if (cd "src/$1" && "$nonoc" policy.nono -o "../../$1.bundle" --key ../../key --no-bpf-object 2>../../compile.err); then
		ok
	else
		bad "compiling variant $1:"
		sed 's/^/     /' compile.err | head -5
	fi
}

variant base ''
variant copy ''
variant moved '1i# a comment: every line moves down one\n'
variant fs '/fs read "\/srv\/db\/\*\*"/a\    fs read "/srv/cache/**"'
variant net '/net connect tcp 10.0.0.5:5432/d'
variant tool '$a\
\
tool send_email {\
    exec "/opt/tools/send_email"\
    net connect tcp 10.0.0.25:587\
}'
variant quota 's/memory 512MiB/memory 1GiB/'
variant measure '' 'You are a data analyst. Be brief.'
variant sys '/deny sys ptrace/d'
# (the tool is appended before the last line, the syscall deny, is deleted: sed's d ends the cycle)
variant combo '/fs read "\/srv\/db\/\*\*"/a\    fs read "/srv/cache/**"
s/memory 512MiB/memory 1GiB/
$a\
\
tool send_email {\
    exec "/opt/tools/send_email"\
    net connect tcp 10.0.0.25:587\
}
/deny sys ptrace/d'

# check NAME RC [DIFF-ARGS...] <<EXPECTED: `nonoc diff base.bundle NAME.bundle`
# prints EXPECTED exactly and exits with RC.
check() {
	local name=$1 want=$2
	shift 2
	"$nonoc" diff base.bundle "$name.bundle" --trust key.pub "$@" >out 2>err
	local rc=$?
	cat >expected
	if [ "$rc" -ne "$want" ]; then
		bad "diff base $name: exit $rc, expected $want"
		sed 's/^/     /' err | head -5
	elif ! cmp -s out expected; then
		bad "diff base $name: output differs (- expected, + got):"
		diff -u expected out | tail -n +3 | sed 's/^/     /'
	elif [ -s err ]; then
		bad "diff base $name: wrote to stderr: $(head -1 err)"
	else
		ok
	fi
}

# ---- text output ----------------------------------------------------------------
cmp -s base.bundle copy.bundle && ok || bad "the same policy built twice gave different bundles"

check copy 0 <<'EOF'
--- base.bundle (policy demo version 1)
+++ copy.bundle (policy demo version 1)

no changes
EOF

# Rule locations and source digests change; capabilities do not.
check moved 0 <<'EOF'
--- base.bundle (policy demo version 1)
+++ moved.bundle (policy demo version 1)

no changes
EOF

check fs 1 <<'EOF'
--- base.bundle (policy demo version 1)
+++ fs.bundle (policy demo version 1)

tool query_db
  + allow read /srv/cache/**  (policy.nono:16)

mount view
  + bind /srv/cache (read)

1 domain changed: 1 capability added, 0 removed
EOF

check net 1 <<'EOF'
--- base.bundle (policy demo version 1)
+++ net.bundle (policy demo version 1)

tool query_db
  - allow connect tcp 10.0.0.5/32:5432  (policy.nono:16)

1 domain changed: 0 capabilities added, 1 removed
EOF

check tool 1 <<'EOF'
--- base.bundle (policy demo version 1)
+++ tool.bundle (policy demo version 1)

tool send_email (new)
  + exec /opt/tools/send_email
  + allow connect tcp 10.0.0.25/32:587  (policy.nono:29)
    (and 1 top-level rule, as every domain)

mount view
  + bind /opt/tools/send_email (read,exec)

1 domain changed: 2 capabilities added, 0 removed
EOF

check quota 1 <<'EOF'
--- base.bundle (policy demo version 1)
+++ quota.bundle (policy demo version 1)

policy
  ~ quota memory: 512MiB -> 1GiB

0 domains changed: 0 capabilities added, 0 removed, 1 changed
EOF

check measure 1 <<'EOF'
--- base.bundle (policy demo version 1)
+++ measure.bundle (policy demo version 1)

measured inputs
  ~ measure prompt prompt.txt: 7119e55e5c56e163adda6a22a47ec6d0550939756d5c86365ddca6966c362b29 -> 37aa453f697b575a9af00e4bad287be4dfda7f54420f3b143c1cdcb7b745bc23  (policy.nono:6)

0 domains changed: 0 capabilities added, 0 removed, 1 changed
EOF

check sys 1 <<'EOF'
--- base.bundle (policy demo version 1)
+++ sys.bundle (policy demo version 1)

syscalls
  - deny ptrace  (policy.nono:25)

0 domains changed: 0 capabilities added, 1 removed
EOF

check combo 1 <<'EOF'
--- base.bundle (policy demo version 1)
+++ combo.bundle (policy demo version 1)

policy
  ~ quota memory: 512MiB -> 1GiB

tool query_db
  + allow read /srv/cache/**  (policy.nono:16)

tool send_email (new)
  + exec /opt/tools/send_email
  + allow connect tcp 10.0.0.25/32:587  (policy.nono:29)
    (and 1 top-level rule, as every domain)

syscalls
  - deny ptrace  (policy.nono:25)

mount view
  + bind /opt/tools/send_email (read,exec)
  + bind /srv/cache (read)

2 domains changed: 3 capabilities added, 1 removed, 1 changed
EOF

# The other direction: what was added is removed, with A's locations.
"$nonoc" diff combo.bundle base.bundle --trust key.pub >out 2>err
[ $? -eq 1 ] && ok || bad "diff combo base: exit status"
grep -qx '  - allow read /srv/cache/\*\*  (policy.nono:16)' out && ok || bad "reverse diff: no removed fs line in: $(cat out)"
grep -qx 'tool send_email (removed)' out && ok || bad "reverse diff: the tool is not removed"
grep -qx '  + deny ptrace  (policy.nono:25)' out && ok || bad "reverse diff: no added syscall deny"
grep -qx '2 domains changed: 1 capability added, 3 removed, 1 changed' out && ok || bad "reverse diff summary: $(tail -1 out)"

# ---- JSON ---------------------------------------------------------------------------
"$nonoc" diff base.bundle combo.bundle --trust key.pub --json >combo.json 2>err
[ $? -eq 1 ] && ok || bad "diff --json: exit status"
"$nonoc" diff base.bundle copy.bundle --trust key.pub --json >copy.json 2>err
[ $? -eq 0 ] && ok || bad "diff --json identical: exit status"
if "$python" - combo.json copy.json >pyout 2>&1 <<'EOF'; then ok; else bad "diff --json:"; sed 's/^/     /' pyout; fi
import json, sys

combo = json.load(open(sys.argv[1]))
same = json.load(open(sys.argv[2]))

def change(op, what, text, at=None, **more):
    c = {"op": op, "what": what, "text": text}
    c.update(more)
    c["at"] = None if at is None else {"file": "policy.nono", "line": at}
    return c

assert list(combo) == ["a", "b", "identical", "summary", "policy", "measures", "domains", "syscalls", "mounts"], list(combo)
assert combo["a"] == {"file": "base.bundle", "policy": "demo", "version": 1}, combo["a"]
assert combo["b"] == {"file": "combo.bundle", "policy": "demo", "version": 1}, combo["b"]
assert combo["identical"] is False
assert combo["summary"] == {"domains_changed": 2, "added": 3, "removed": 1, "changed": 1}, combo["summary"]
assert combo["policy"] == [change("changed", "quota", "quota memory", **{"from": "512MiB", "to": "1GiB"})], combo["policy"]
assert combo["measures"] == []
assert combo["domains"] == [
    {"name": "query_db", "agent": False, "status": "changed", "shared_rules": 0,
     "changes": [change("added", "fs", "allow read /srv/cache/**", 16)]},
    {"name": "send_email", "agent": False, "status": "added", "shared_rules": 1,
     "changes": [change("added", "exec", "exec /opt/tools/send_email"),
                 change("added", "net", "allow connect tcp 10.0.0.25/32:587", 29)]},
], combo["domains"]
assert combo["syscalls"] == [change("removed", "syscall", "deny ptrace", 25, syscalls=["ptrace"],
                                    arch=["x86_64", "aarch64"], action="deny")], combo["syscalls"]
assert [m["text"] for m in combo["mounts"]] == ["bind /opt/tools/send_email (read,exec)", "bind /srv/cache (read)"]

assert same["identical"] is True
assert same["summary"] == {"domains_changed": 0, "added": 0, "removed": 0, "changed": 0}
assert all(same[k] == [] for k in ("policy", "measures", "domains", "syscalls", "mounts"))
EOF

# Every variant's JSON parses, and its summary agrees with the text summary.
for v in fs net tool quota measure sys; do
	"$nonoc" diff base.bundle "$v.bundle" --trust key.pub >text.out 2>/dev/null
	"$nonoc" diff base.bundle "$v.bundle" --trust key.pub --json >json.out 2>/dev/null
	s=$("$python" -c 'import json,sys; s=json.load(open(sys.argv[1]))["summary"]
print("%d domain%s changed: %d capabilit%s added, %d removed%s" % (s["domains_changed"], "" if s["domains_changed"] == 1 else "s",
      s["added"], "y" if s["added"] == 1 else "ies", s["removed"], ", %d changed" % s["changed"] if s["changed"] else ""))' json.out 2>&1)
	[ "$s" = "$(tail -1 text.out)" ] && ok || bad "diff --json $v: summary '$s' vs text '$(tail -1 text.out)'"
done

# ---- errors and trust --------------------------------------------------------------
expect_rc() { # expect_rc RC WHAT CMD...
	local want=$1 what=$2
	shift 2
	"$@" >out 2>err
	local rc=$?
	[ "$rc" -eq "$want" ] && ok || { bad "$what: exit $rc, expected $want"; sed 's/^/     /' err | head -3; }
}
expect_rc 2 "no trust option" "$nonoc" diff base.bundle fs.bundle
grep -q 'give --trust PUBKEY' err && ok || bad "no trust option: message: $(cat err)"
expect_rc 2 "one bundle" "$nonoc" diff base.bundle --trust key.pub
expect_rc 2 "three bundles" "$nonoc" diff base.bundle fs.bundle net.bundle --trust key.pub
expect_rc 2 "unknown option" "$nonoc" diff base.bundle fs.bundle --trust key.pub --color
expect_rc 0 "--help" "$nonoc" diff --help
grep -q '^usage: nonoc diff A.bundle B.bundle' out && ok || bad "--help text"
expect_rc 2 "untrusted signer" "$nonoc" diff base.bundle fs.bundle --trust stranger.pub
grep -q 'base.bundle' err && ok || bad "untrusted signer: message names the bundle: $(cat err)"
expect_rc 2 "missing file" "$nonoc" diff base.bundle nothing.bundle --trust key.pub
expect_rc 2 "not a bundle" "$nonoc" diff base.bundle base.nono --trust key.pub
expect_rc 2 "bad key file" "$nonoc" diff base.bundle fs.bundle --trust base.nono
(cd src/fs && "$nonoc" policy.nono -o ../../unsigned.bundle --no-bpf-object 2>/dev/null)
expect_rc 2 "unsigned, trust only" "$nonoc" diff base.bundle unsigned.bundle --trust key.pub
expect_rc 1 "unsigned, --insecure-allow-unsigned" "$nonoc" diff base.bundle unsigned.bundle --insecure-allow-unsigned
expect_rc 1 "unsigned, both options" "$nonoc" diff base.bundle unsigned.bundle --trust key.pub --insecure-allow-unsigned
expect_rc 2 "signed by a stranger, both options" "$nonoc" diff base.bundle fs.bundle --trust stranger.pub \
	--insecure-allow-unsigned
# A bundle without an IR (the test-only raw builder): an error, not a difference.
printf 'x' >blob
"$nonoc" bundle-raw -o raw.bundle --policy demo --section .nono.other=blob --key key 2>/dev/null
expect_rc 2 "bundle without .nono.ir" "$nonoc" diff base.bundle raw.bundle --trust key.pub
grep -q 'no .nono.ir section' err && ok || bad "bundle without .nono.ir: message: $(cat err)"
# An IR that is not what this nonoc reads.
printf '{"ir_version":1,"policy":"demo","version":1,"mode":"enforce","require":[],"landlock_min_abi":0,"quota":{},"measures":[],"domains":7}' >ir.json
"$nonoc" bundle-raw -o badir.bundle --policy demo --section .nono.ir=ir.json --key key 2>/dev/null
expect_rc 2 "malformed IR" "$nonoc" diff base.bundle badir.bundle --trust key.pub
grep -q '"domains" is missing or not an array' err && ok || bad "malformed IR: message: $(cat err)"
printf '{"ir_version":1,"a":1,"a":2}' >ir.json
"$nonoc" bundle-raw -o dupir.bundle --policy demo --section .nono.ir=ir.json --key key 2>/dev/null
expect_rc 2 "IR with a duplicate key" "$nonoc" diff base.bundle dupir.bundle --trust key.pub
grep -q 'line 1 col 23: duplicate member name' err && ok || bad "IR with a duplicate key: message: $(cat err)"

echo "diff: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
