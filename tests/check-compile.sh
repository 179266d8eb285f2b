#!/usr/bin/env bash
# The back end end to end (`make check-compile`): every contract example and
# standard policy compiles to a signed bundle that verifies, inspects and
# diffs (with itself: no change);
# bundles are reproducible (same bytes from different directories, times,
# umasks and locales; SOURCE_DATE_EPOCH changes only the manifest); a YAML
# policy and its nono twin give identical enforcement sections.
#
#   tests/check-compile.sh NONOC
set -u
nonoc=$(realpath "$1")
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${NONO_SHARED:-$top/../shared}
work=$(mktemp -d /tmp/nono-compile.XXXXXX)
trap 'rm -rf "$work"' EXIT
pass=0 fail=0
ok()  { pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }

"$nonoc" keygen -o "$work/key" >/dev/null || { echo "FAIL keygen"; echo "compile: 0 passed, 1 failed"; exit 1; }

# compile POLICY OUT [extra nonoc args]: from the policy's own directory
compile() {
	local pol=$1 out=$2; shift 2
	(cd "$(dirname "$pol")" && "$nonoc" "$(basename "$pol")" -o "$out" --key "$work/key" "$@") \
		>"$work/log" 2>&1
}

section() { "$nonoc" inspect "$1" --trust "$work/key.pub" --section "$2" 2>/dev/null; }

# 1. every contract example and standard policy: compile, verify, inspect
mkdir -p "$work/std"
for s in "$top"/stdlib-policies/*.nono; do
	n=$(basename "$s" .nono)
	printf 'policy "uses-%s" version 1\nuse "std/%s"\n' "$n" "$n" > "$work/std/uses-$n.nono"
done
for p in "$shared"/examples/*.nono "$shared"/examples/*.yaml "$top"/examples/*.nono "$top"/examples/*.yaml \
	 "$work"/std/*.nono; do
	[ -e "$p" ] || continue
	b=$work/$(basename "$p").bundle
	if ! compile "$p" "$b"; then bad "$p: does not compile"; sed 's/^/     /' "$work/log" | head; continue; fi
	if ! "$nonoc" verify "$b" --trust "$work/key.pub" >/dev/null 2>&1; then bad "$p: bundle does not verify"; continue; fi
	if ! "$nonoc" inspect "$b" --json --trust "$work/key.pub" | /usr/bin/python3 -c 'import json,sys; json.load(sys.stdin)'; then
		bad "$p: inspect --json is not JSON"; continue
	fi
	section "$b" .nono.bpf | head -c 4 | grep -q ELF || { bad "$p: no BPF object in the bundle"; continue; }
	"$nonoc" diff "$b" "$b" --trust "$work/key.pub" >/dev/null 2>&1 || { bad "$p: diff with itself is not empty"; continue; }
	ok
done

# 2. reproducible: two copies of a policy and its measured files, in
#    different directories, with different mtimes, umask, TZ and locale
ex=$shared/examples
for d in a b; do mkdir -p "$work/$d/deep/er"; cp "$ex"/data-analyst.nono "$ex"/*.txt "$ex"/*.json "$work/$d/deep/er/"; done
touch -d '2001-01-01' "$work"/b/deep/er/*
compile "$work/a/deep/er/data-analyst.nono" "$work/r1.bundle"
sleep 1
(umask 077; export TZ=Asia/Tokyo LC_ALL=C.UTF-8; compile "$work/b/deep/er/data-analyst.nono" "$work/r2.bundle")
cmp -s "$work/r1.bundle" "$work/r2.bundle" && ok || bad "bundles differ between two directories/times"
SOURCE_DATE_EPOCH=1700000000 compile "$work/a/deep/er/data-analyst.nono" "$work/r3.bundle"
for s in .nono.ir .nono.bpf .nono.bpf.tables .nono.seccomp .nono.landlock .nono.rules; do
	cmp -s <(section "$work/r1.bundle" $s) <(section "$work/r3.bundle" $s) && ok ||
		bad "SOURCE_DATE_EPOCH changed section $s"
done
section "$work/r3.bundle" .nono.manifest | grep -q '"build_epoch": *1700000000' && ok ||
	bad "SOURCE_DATE_EPOCH is not recorded in the manifest"

# 3. twins: the YAML policy and its nono spelling enforce the same thing
for y in "$shared"/examples/*.yaml "$top"/examples/*.yaml; do
	[ -e "$y" ] || continue
	n=$top/examples/$(basename "$y" .yaml).nono
	[ -e "$n" ] || n=$shared/examples/$(basename "$y" .yaml).nono
	[ -e "$n" ] || continue
	compile "$y" "$work/ty.bundle" && compile "$n" "$work/tn.bundle" || { bad "twin $y does not compile"; continue; }
	for s in .nono.ir .nono.bpf .nono.bpf.tables .nono.seccomp .nono.landlock; do
		cmp -s <(section "$work/ty.bundle" $s) <(section "$work/tn.bundle" $s) && ok ||
			bad "twins $(basename "$y") / $(basename "$n"): section $s differs"
	done
done

# 4. a policy with errors writes no bundle
printf 'policy "broken" version 1\nagent { fs read "relative/path" }\n' > "$work/broken.nono"
rm -f "$work/broken.bundle"
compile "$work/broken.nono" "$work/broken.bundle"; rc=$?
[ $rc -eq 1 ] && [ ! -e "$work/broken.bundle" ] && ok || bad "a broken policy gave exit $rc or left a bundle"

echo "compile: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
