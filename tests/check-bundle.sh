#!/usr/bin/env bash
# The bundle commands end to end: tests/check-bundle.sh NONOC
#
#   keygen (modes, never overwrites), bundle-raw (the test-only builder, until
#   the compile path exists), sign (in place, atomically, deterministic),
#   verify (exit 0 / 1 / 2), inspect (text, --json, --section), and:
#   - reproducibility: the same inputs built in two directories, at different
#     times, with different mtimes, umask, locale and time zone, give the
#     same bytes; SOURCE_DATE_EPOCH changes exactly one manifest line;
#   - tampering: a sample of single-byte changes (every byte is flipped in
#     the unit tests, in-process), truncation, extension, an oversized file;
#   - readelf -S lists every section, and readelf -a reports no error or
#     warning; objcopy extracts a section as documented.
# Last line: "bundle: N passed, M failed".
set -u
nonoc=$(realpath "$1")
pass=0 fail=0
ok()  { pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }

work=$(mktemp -d /tmp/nono-check-bundle.XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2

# expect RC CMD... : run, keep stdout/stderr in $out/$err, check the exit status
expect() {
	local want=$1
	shift
	"$@" >"$work/out" 2>"$work/err"
	local rc=$?
	out=$(cat "$work/out") err=$(cat "$work/err")
	if [ "$rc" -eq "$want" ]; then ok; else bad "exit $rc, expected $want: $*"; sed 's/^/     /' "$work/err" | head -5; fi
}
# contains TEXT HAYSTACK WHAT
contains() { case $2 in *"$1"*) ok ;; *) bad "$3: no '$1' in: $(printf '%s' "$2" | head -3)" ;; esac; }

# ---- keygen ----------------------------------------------------------------
expect 0 "$nonoc" keygen -o key
contains "key id " "$out" "keygen prints the key id"
[ "$(stat -c %a key)" = 600 ] && ok || bad "secret key mode $(stat -c %a key), expected 600"
[ "$(stat -c %a key.pub)" = 644 ] || [ "$(stat -c %a key.pub)" = "$(printf '%o' $((0644 & ~$(umask))))" ] && ok || bad "public key mode"
[ "$(head -1 key)" = nono-ed25519-secret-v1 ] && ok || bad "secret key first line"
[ "$(head -1 key.pub)" = nono-ed25519-public-v1 ] && ok || bad "public key first line"
cp key key.before
expect 2 "$nonoc" keygen -o key
contains "already exists; refusing to overwrite" "$err" "keygen over an existing key"
cmp -s key key.before && ok || bad "keygen changed an existing key"
touch lonely.pub
expect 2 "$nonoc" keygen -o lonely
[ ! -e lonely ] && ok || bad "keygen left half a key pair"
expect 0 "$nonoc" keygen -o other
expect 2 "$nonoc" keygen
expect 0 "$nonoc" keygen --help

# ---- inputs, in two directories -------------------------------------------------
mkdir -p a b
for d in a b; do
	printf 'policy "demo" version "1.0" {\n  fs read "/srv/data/**"\n}\n' >"$d/agent.nono"
	printf '{"version":1,"domains":[{"name":"agent","rules":[{"fs":"read","path":"/srv/data"}]}]}' >"$d/ir.json"
	printf '\177ELF\002\001\001\000bpf object' >"$d/prog.bpf.o"
	printf ' \000\000\000\004\000\000\000' >"$d/seccomp.bin"
	printf 'landlock rules\n' >"$d/landlock.bin"
	printf 'ca certificates\n' >"$d/ca.pem"
done
touch -d '2001-01-01 00:00:00' a/*
touch -d '2020-06-15 12:34:56' b/*

raw() { # raw OUT [extra args]: build from the current directory's files
	local o=$1
	shift
	"$nonoc" bundle-raw -o "$o" --policy demo --policy-version 1.0 \
		--input policy=agent.nono --input measure=ca.pem --input exec=prog.bpf.o \
		--section .nono.ir=ir.json --section .nono.bpf=prog.bpf.o \
		--section .nono.seccomp=seccomp.bin --section .nono.landlock=landlock.bin "$@"
}

# ---- reproducibility --------------------------------------------------------------
(cd a && unset SOURCE_DATE_EPOCH && umask 022 && TZ=UTC LC_ALL=C raw ../a.bundle) && ok || bad "bundle-raw in a/"
sleep 1.1
(cd b && unset SOURCE_DATE_EPOCH && umask 077 && TZ=Asia/Tokyo LC_ALL=C.UTF-8 raw ../b.bundle) && ok || bad "bundle-raw in b/"
cmp -s a.bundle b.bundle && ok || bad "two builds of the same inputs differ (a/ vs b/, different times)"
# the input order on the command line does not matter
(cd a && unset SOURCE_DATE_EPOCH && "$nonoc" bundle-raw -o ../a-reordered.bundle --policy demo --policy-version 1.0 \
	--section .nono.landlock=landlock.bin --input exec=prog.bpf.o --section .nono.seccomp=seccomp.bin \
	--input measure=ca.pem --section .nono.bpf=prog.bpf.o --input policy=agent.nono --section .nono.ir=ir.json) &&
	cmp -s a.bundle a-reordered.bundle && ok || bad "argument order changed the bundle"
# SOURCE_DATE_EPOCH: same value, same bytes; it changes exactly one manifest line
(cd a && SOURCE_DATE_EPOCH=1700000000 raw ../a-epoch.bundle) && ok || bad "bundle-raw with SOURCE_DATE_EPOCH"
sleep 1.1
(cd b && SOURCE_DATE_EPOCH=1700000000 raw ../b-epoch.bundle) && ok || bad "bundle-raw with SOURCE_DATE_EPOCH in b/"
cmp -s a-epoch.bundle b-epoch.bundle && ok || bad "SOURCE_DATE_EPOCH builds differ"
cmp -s a.bundle a-epoch.bundle && bad "SOURCE_DATE_EPOCH did not change the bundle" || ok
"$nonoc" inspect a.bundle --insecure-allow-unsigned --section .nono.manifest >m-plain.json
"$nonoc" inspect a-epoch.bundle --insecure-allow-unsigned --section .nono.manifest >m-epoch.json
d=$(diff m-plain.json m-epoch.json)
[ "$d" = '9a10
>   "build_epoch": 1700000000,' ] && ok || bad "manifests differ in more than the epoch:
$d"
for s in .nono.header .nono.ir .nono.bpf .nono.seccomp .nono.landlock; do
	cmp -s <("$nonoc" inspect a.bundle --insecure-allow-unsigned --section $s) \
		<("$nonoc" inspect a-epoch.bundle --insecure-allow-unsigned --section $s) && ok ||
		bad "$s differs between the builds with and without SOURCE_DATE_EPOCH"
done
(cd a && SOURCE_DATE_EPOCH=yesterday raw ../x.bundle 2>../err.txt); rc=$?
[ $rc -eq 2 ] && grep -q "SOURCE_DATE_EPOCH must be a whole number" err.txt && ok || bad "bad SOURCE_DATE_EPOCH: exit $rc"

# ---- sign, verify ------------------------------------------------------------------
expect 1 "$nonoc" verify a.bundle --trust key.pub
contains "bundle is not signed" "$err" "verify of an unsigned bundle"
cp a.bundle signed.bundle
expect 0 "$nonoc" sign signed.bundle --key key
contains "signed.bundle: signed with key id" "$out" "sign's message"
expect 0 "$nonoc" verify signed.bundle --trust key.pub
contains "OK: signed by trusted key" "$out" "verify's message"
expect 0 "$nonoc" verify signed.bundle --trust other.pub --trust key.pub
expect 1 "$nonoc" verify signed.bundle --trust other.pub
contains "does not verify with any trusted key" "$err" "verify with the wrong key"
cp signed.bundle signed.again
expect 0 "$nonoc" sign signed.again --key key
cmp -s signed.bundle signed.again && ok || bad "re-signing changed the bytes"
expect 0 "$nonoc" sign a.bundle --key key -o signed.out
cmp -s signed.bundle signed.out && ok || bad "sign -o differs from sign in place"
cmp -s a.bundle b.bundle && ok || bad "sign -o changed its input"
(cd b && raw ../b-signed.bundle --key ../key) && cmp -s b-signed.bundle signed.bundle && ok ||
	bad "bundle-raw --key differs from bundle-raw + sign"
expect 0 "$nonoc" sign signed.again --key other
expect 0 "$nonoc" verify signed.again --trust other.pub
expect 1 "$nonoc" verify signed.again --trust key.pub

# usage and I/O errors: exit 2
expect 2 "$nonoc" verify signed.bundle
contains "no trusted public key given" "$err" "verify without --trust"
expect 2 "$nonoc" verify missing.bundle --trust key.pub
expect 2 "$nonoc" verify signed.bundle --trust key
contains "this is a secret key file, not a public key" "$err" "a secret key given as --trust"
expect 2 "$nonoc" verify signed.bundle --trust missing.pub
expect 2 "$nonoc" verify --trust key.pub
expect 2 "$nonoc" verify signed.bundle other.bundle --trust key.pub
expect 2 "$nonoc" verify signed.bundle --trust key.pub --bogus
expect 0 "$nonoc" verify --help
cp key loose && chmod 644 loose
expect 2 "$nonoc" sign a.bundle --key loose -o x.bundle
contains "can be read by group or others" "$err" "sign with a world-readable key"
expect 2 "$nonoc" sign a.bundle --key key.pub -o x.bundle
printf 'not a bundle at all' >junk
expect 1 "$nonoc" sign junk --key key -o x.bundle
[ ! -e x.bundle ] && ok || bad "a failed sign wrote its output"

# ---- tampering, truncation, oversized ------------------------------------------------
len=$(stat -c %s signed.bundle)
flip() { # flip FILE OFFSET: xor the byte with 0xff, in place
	local v
	v=$(od -An -tu1 -j"$2" -N1 "$1" | tr -d ' ')
	printf "\\$(printf %03o $((v ^ 255)))" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}
nflip=0 nflipfail=0
for ((off = 0; off < len; off += 53)); do
	cp signed.bundle t.bundle
	flip t.bundle "$off"
	"$nonoc" verify t.bundle --trust key.pub >/dev/null 2>"$work/err"; rc=$?
	nflip=$((nflip + 1))
	[ $rc -eq 1 ] || { nflipfail=$((nflipfail + 1)); echo "     byte $off flipped: exit $rc"; }
done
for ((off = len - 96; off < len; off++)); do # the whole trailer
	cp signed.bundle t.bundle
	flip t.bundle "$off"
	"$nonoc" verify t.bundle --trust key.pub >/dev/null 2>&1; rc=$?
	nflip=$((nflip + 1))
	[ $rc -eq 1 ] || { nflipfail=$((nflipfail + 1)); echo "     byte $off flipped: exit $rc"; }
done
[ $nflipfail -eq 0 ] && ok || bad "$nflipfail of $nflip flipped bytes were not refused"
for n in 0 1 63 64 479 480 $((len / 2)) $((len - 97)) $((len - 96)) $((len - 1)); do
	head -c "$n" signed.bundle >t.bundle
	expect 1 "$nonoc" verify t.bundle --trust key.pub
	[ "$(wc -l <"$work/err")" -eq 1 ] && ok || bad "truncated to $n: not one clean line: $err"
done
cp signed.bundle t.bundle && printf 'x' >>t.bundle
expect 1 "$nonoc" verify t.bundle --trust key.pub
truncate -s 65M big.bundle
expect 1 "$nonoc" verify big.bundle --trust key.pub
contains "larger than the bundle size limit (64 MiB)" "$err" "oversized bundle"
expect 1 "$nonoc" inspect big.bundle --insecure-allow-unsigned
expect 1 "$nonoc" verify junk --trust key.pub
contains "too small to be a nono bundle" "$err" "junk"
expect 1 "$nonoc" verify /bin/sh --trust key.pub
contains "not a nono bundle" "$err" "an executable"

# ---- readelf, objcopy ------------------------------------------------------------------
readelf -S -W signed.bundle >re.out 2>re.err
[ ! -s re.err ] && ok || bad "readelf -S wrote to stderr: $(head -3 re.err)"
for s in .nono.header .nono.manifest .nono.bpf .nono.ir .nono.landlock .nono.seccomp .shstrtab .nono.sig; do
	grep -qF " $s " re.out && ok || bad "readelf -S does not list $s"
done
readelf -a -W signed.bundle >re.out 2>re.err
[ ! -s re.err ] && ! grep -qiE 'warning|error' re.out && ok || bad "readelf -a complains: $(grep -iE 'warning|error' re.out re.err | head -3)"
if command -v objcopy >/dev/null; then
	cp signed.bundle t.bundle
	objcopy -I elf64-little --dump-section .nono.ir=ir.out t.bundle discard.out 2>/dev/null &&
		cmp -s ir.out a/ir.json && cmp -s t.bundle signed.bundle && ok || bad "objcopy --dump-section (docs/bundle-format.md)"
fi

# ---- inspect ---------------------------------------------------------------------------
expect 2 "$nonoc" inspect signed.bundle
contains "--insecure-allow-unsigned" "$err" "inspect without a trust decision"
expect 0 "$nonoc" inspect signed.bundle --trust key.pub
for want in "signature    verified: trusted key" "policy       demo version 1.0" "compiler     nonoc " \
	"build epoch  none" "inputs (3)" "sections (8)" ".nono.seccomp" ".nono.ir (" '"domains": ['; do
	contains "$want" "$out" "inspect"
done
expect 1 "$nonoc" inspect signed.bundle --trust other.pub
expect 0 "$nonoc" inspect a.bundle --insecure-allow-unsigned
contains "signature    none: the bundle is unsigned" "$out" "inspect of an unsigned bundle"
expect 0 "$nonoc" inspect signed.bundle --insecure-allow-unsigned
contains "NOT VERIFIED" "$out" "inspect without verification"
expect 1 "$nonoc" inspect a.bundle --trust key.pub
expect 0 "$nonoc" inspect a.bundle --trust key.pub --insecure-allow-unsigned
expect 0 "$nonoc" inspect a-epoch.bundle --json --insecure-allow-unsigned
printf '%s' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["format"] == {"major": 1, "minor": 0}, d["format"]
assert d["signature"] == {"state": "unsigned", "key_id": None}, d["signature"]
assert d["policy"] == {"name": "demo", "version": "1.0"}
assert d["build_epoch"] == 1700000000
assert [i["kind"] for i in d["inputs"]] == ["exec", "measure", "policy"]
names = [s["name"] for s in d["sections"]]
assert names == [".nono.header", ".nono.manifest", ".nono.bpf", ".nono.ir", ".nono.landlock",
                 ".nono.seccomp", ".shstrtab", ".nono.sig"], names
assert d["sections"][-1]["offset"] + 96 == d["size"]
' && ok || bad "inspect --json"
expect 0 "$nonoc" inspect signed.bundle --trust key.pub --section .nono.ir
cmp -s "$work/out" a/ir.json && ok || bad "inspect --section .nono.ir is not the input file"
expect 1 "$nonoc" inspect signed.bundle --trust key.pub --section .nono.nope
expect 2 "$nonoc" inspect signed.bundle --trust key.pub --json --section .nono.ir

echo "bundle: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
