#!/usr/bin/env bash
# Compiler case tests: each tests/cases/**/NAME.{nono,yaml} has NAME.expected
# holding the exact output of `nonoc check --color=never NAME.ext` run from
# the case's directory (diagnostics, caret lines included) followed by a
# final line `exit: N`. A case may choose the command (`# cmd: lint`) and
# add options (`# args: --diagnostics-format=json`) in comments on its first
# two lines (the same comment syntax works in nono and YAML).
#
#   tests/run-cases.sh NONOC DIR          check every case
#   NONO_REGEN=1 tests/run-cases.sh ...   rewrite .expected after a deliberate change
set -u
nonoc=$(realpath "$1")
dir=$2
pass=0 fail=0
failed=()
while IFS= read -r -d '' f; do
	base=${f%.*}
	exp=$base.expected
	args=$(sed -n '1,2s/^# args: //p' "$f")
	cmd=$(sed -n '1,2s/^# cmd: //p' "$f")
	got=$(cd "$(dirname "$f")" && "$nonoc" ${cmd:-check} --color=never $args "$(basename "$f")" 2>&1; echo "exit: $?")
	if [ "${NONO_REGEN:-}" = 1 ]; then
		printf '%s\n' "$got" > "$exp"
		pass=$((pass + 1))
		continue
	fi
	if [ ! -f "$exp" ]; then
		echo "FAIL $f: no $exp (run make regen-cases)"
		fail=$((fail + 1)); failed+=("$f")
		continue
	fi
	if [ "$got" == "$(cat "$exp")" ]; then
		pass=$((pass + 1))
	else
		echo "FAIL $f"
		diff -u "$exp" <(printf '%s\n' "$got") | head -40
		fail=$((fail + 1)); failed+=("$f")
	fi
done < <(find "$dir" -type f \( -name '*.nono' -o -name '*.yaml' -o -name '*.yml' \) -print0 | sort -z)
echo "cases: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
