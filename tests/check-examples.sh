#!/usr/bin/env bash
# The contract: every policy in ../shared/examples (and our own examples/)
# must check clean, and every YAML policy must have a nono twin with an
# identical AST dump (the two syntaxes mean exactly the same thing).
# Also: every diagnostic code in compiler/codes.def is documented.
set -u
nonoc=$(realpath "$1")
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${NONO_SHARED:-$top/../shared}
pass=0 fail=0
ok()   { pass=$((pass + 1)); }
bad()  { echo "FAIL $*"; fail=$((fail + 1)); }

if [ ! -d "$shared/examples" ]; then
	echo "FAIL: the contract examples are not at $shared/examples (set NONO_SHARED)"
	echo "examples: 0 passed, 1 failed"
	exit 1
fi

# 1. every example checks clean (exit 0, no output at all)
for f in "$shared"/examples/*.nono "$shared"/examples/*.yaml "$top"/examples/*.nono "$top"/examples/*.yaml; do
	[ -e "$f" ] || continue
	out=$("$nonoc" check --color=never "$f" 2>&1); rc=$?
	if [ $rc -eq 0 ] && [ -z "$out" ]; then ok; else bad "$f: exit $rc"; printf '%s\n' "$out" | head -20; fi
done

# 2. YAML/nono twins: same AST. A twin is the same base name in examples/
#    or in the shared examples.
twins=0
for y in "$shared"/examples/*.yaml "$top"/examples/*.yaml; do
	[ -e "$y" ] || continue
	b=$(basename "$y" .yaml)
	for n in "$top/examples/$b.nono" "$shared/examples/$b.nono"; do
		[ -e "$n" ] || continue
		twins=$((twins + 1))
		if diff -u <("$nonoc" --dump-ast "$n" 2>&1) <("$nonoc" --dump-ast "$y" 2>&1) >/tmp/nono-twin.$$; then
			ok
		else
			bad "twins differ: $n vs $y"; head -30 /tmp/nono-twin.$$
		fi
		rm -f /tmp/nono-twin.$$
	done
done
[ $twins -gt 0 ] || bad "no YAML/nono twin pairs found"

# 3. every YAML example in shared has a nono twin in examples/
for y in "$shared"/examples/*.yaml; do
	[ -e "$y" ] || continue
	[ -e "$top/examples/$(basename "$y" .yaml).nono" ] && ok || bad "no nono twin for $y in examples/"
done

# 4. every diagnostic code is documented in docs/diagnostics.md
for id in $(sed -n 's/^NONO_CODE(\([EWI][0-9]*\),.*/\1/p' "$top/compiler/codes.def"); do
	grep -q "NONO-$id" "$top/docs/diagnostics.md" && ok || bad "NONO-$id is not documented in docs/diagnostics.md"
done

echo "examples: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
