#!/usr/bin/env bash
# The emitted eBPF C of every standard policy (through a wrapper policy that
# `use`s it: standard policies have no header of their own to compile) and
# of every contract example: tests/host/bpf-compile.sh NONOC BUILD
#
#  1. clang -target bpf -Wall -Wextra -Werror compiles it (nonoc's own flags
#     plus -Wextra -Werror), with tests/host/fs_harness.bpf.c appended (the
#     one object serves every check below): no warning in generated code;
#  2. (contract examples) nonoc --emit-obj twice, from different
#     directories: the same bytes;
#  3. every BPF-LSM program returns a constant in [-4095, 0] on every path
#     (Linux 6.12 rejects a return value it cannot bound; they cannot be
#     loaded here): tests/host/check-lsm-returns.py, a data-flow pass over
#     the disassembly;
#  4. BUILD/tests/host/bpf_load --verify: each object's cgroup-BPF programs
#     pass this kernel's verifier and attach; BUILD/tests/host/bpf_fs
#     --verify: each policy's file decision and generated glob code pass it,
#     loaded from a tracepoint (BPF-LSM cannot load here). Needs root.
# Last line: "bpf-compile: N passed, M failed".
set -u
nonoc=$(realpath "$1")
build=$(realpath "$2")
top=$(cd "$(dirname "$0")/../.." && pwd)
shared=${NONO_SHARED:-$top/../shared}
clang=${NONOC_CLANG:-clang}
objdump=$(command -v llvm-objdump || command -v llvm-objdump-14 || true)
pass=0 fail=0
ok()  { pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }
work=$(mktemp -d /tmp/nono-bpf-compile.XXXXXX)
trap 'rm -rf "$work"' EXIT
export NONOC_VMLINUX_H=$build/vmlinux.h

policies=()
for f in "$top"/stdlib-policies/*.nono; do
	name=$(basename "$f" .nono)
	printf 'policy "wrap-%s" version 1\nuse "std/%s"\n' "$name" "$name" > "$work/std-$name.nono"
	policies+=("$work/std-$name.nono")
done
for f in "$shared"/examples/*.nono "$shared"/examples/*.yaml; do
	[ -e "$f" ] && policies+=("$f")
done

objs=()
for f in "${policies[@]}"; do
	name=$(basename "$f")
	out=$work/$name
	if ! (cd "$(dirname "$f")" && "$nonoc" --emit-c="$out.bpf.c" "$(basename "$f")") 2>"$work/err"; then
		bad "$name: nonoc --emit-c"; sed 's/^/     /' "$work/err" | head -8; continue
	fi
	# The emitted C, with the file-decision harness appended (one compile
	# serves every check below; the harness is held to the same warnings).
	cat "$out.bpf.c" "$top/tests/host/fs_harness.bpf.c" > "$out.h.bpf.c"
	if "$clang" -target bpf -mcpu=v2 -O2 -g -Wall -Wextra -Werror -I"$top/bpf-templates" -I"$build" \
		-c "$out.h.bpf.c" -o "$out.o" 2>"$work/err"; then ok; else
		bad "$name: the emitted C does not compile cleanly"; head -20 "$work/err" | sed 's/^/     /'; continue
	fi
	objs+=("$out.o")
	if [ -n "$objdump" ]; then
		if python3 "$top/tests/host/check-lsm-returns.py" "$objdump" "$out.o" >"$work/ret" 2>&1; then ok; else
			bad "$name: an LSM program may return a computed value:"; sed 's/^/     /' "$work/ret" | head -5
		fi
	fi
	case $f in "$work"/*) continue ;; esac
	# The contract examples through nonoc's own clang step, twice, from
	# different directories and temporary directories: the same bytes.
	if (cd "$(dirname "$f")" && "$nonoc" --emit-obj="$out.1.o" "$(basename "$f")") 2>"$work/err" &&
	   (cd / && TMPDIR=$work "$nonoc" --emit-obj="$out.2.o" "$f") 2>>"$work/err" &&
	   cmp -s "$out.1.o" "$out.2.o"; then ok; else
		bad "$name: nonoc --emit-obj is not deterministic (or failed)"; head -8 "$work/err" | sed 's/^/     /'
	fi
done
echo "bpf-compile: $pass passed, $fail failed (${#policies[@]} policies)"
if [ "$(id -u)" -eq 0 ] && [ ${#objs[@]} -gt 0 ]; then
	"$build/tests/host/bpf_load" --verify "${objs[@]}" | sed -e "s|$work/||g" || fail=$((fail + 1))
	"$build/tests/host/bpf_fs" --verify "${objs[@]}" | sed -e "s|$work/||g" || fail=$((fail + 1))
else
	echo "  skip  loading each policy's programs needs root"
fi
[ "$fail" -eq 0 ]
