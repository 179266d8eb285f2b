#!/usr/bin/env bash
# The compile benchmark: bench/bench-compile.sh BUILD   (make bench-compile)
#
# Compile time against policy size (N = 10, 100, 1000, 10000 rules, from
# bench/gen-policy.py), with the clang step measured apart:
#   front+middle  nonoc --stop-after=lower      parse, resolve, typecheck, conflicts, IR
#   back end      nonoc FILE -o B --no-bpf-object  … + seccomp, Landlock, BPF C and tables, bundle, signature
#   clang         nonoc --emit-obj minus nonoc --emit-c: compiling the generated C (-target bpf)
# The peer for scale is clang itself on the same generated C: the ratio
# "nonoc without clang / clang" says how much of a compile is ours.
# A benchmark, not a test: it prints figures and never fails on a timing.
set -u
build=${1:?usage: bench/bench-compile.sh BUILD}
top=$(cd "$(dirname "$0")/.." && pwd)
nonoc=$(realpath "$build/nonoc")
out=$build/bench/compile
sizes=${BENCH_SIZES:-10 100 1000 10000}
reps=${BENCH_REPS:-3}
mkdir -p "$out"
export NONOC_VMLINUX_H=${NONOC_VMLINUX_H:-$(realpath "$build/vmlinux.h")}
"$nonoc" keygen -o "$out/key.$$" >/dev/null 2>&1 || true
key=$out/key.$$
trap 'rm -f "$key" "$key.pub"' EXIT

# median wall seconds of REPS runs of a command
median() {
	local t=()
	for _ in $(seq "$reps"); do
		local a b
		a=$(date +%s.%N); "$@" >/dev/null 2>&1; b=$(date +%s.%N)
		t+=("$(echo "$b - $a" | bc -l)")
	done
	printf '%s\n' "${t[@]}" | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'
}

printf '%8s %12s %12s %12s %12s %10s\n' N front+mid_ms backend_ms clang_ms total_ms ours/clang
for n in $sizes; do
	python3 "$top/bench/gen-valid.py" "$n" "$out/p$n.nono"
	p=$out/p$n.nono
	fm=$(median "$nonoc" check --stop-after=lower "$p")
	be=$(median "$nonoc" "$p" -o "$out/p$n.bundle" --key "$key" --no-bpf-object)
	ec=$(median "$nonoc" --emit-c="$out/p$n.c" "$p")
	eo=$(median "$nonoc" --emit-obj="$out/p$n.o" "$p")
	cl=$(echo "$eo - $ec" | bc -l)
	tot=$(echo "$be + $cl" | bc -l)
	printf '%8s %12.1f %12.1f %12.1f %12.1f %10.2f\n' "$n" "$(echo "$fm*1000" | bc -l)" \
		"$(echo "$be*1000" | bc -l)" "$(echo "$cl*1000" | bc -l)" "$(echo "$tot*1000" | bc -l)" \
		"$(echo "$be / ($cl + 0.000001)" | bc -l)"
done
