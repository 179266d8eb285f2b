#!/usr/bin/env bash
# Golden files: run every tests/golden/*/run script (`make check-golden`).
#
#   tests/golden/run-golden.sh NONOC             check
#   NONO_REGEN=1 tests/golden/run-golden.sh ...  rewrite the golden files
#
# A directory takes part by having an executable `run`: it is called as
# `run NONOC` from the repository root, with NONO_REGEN passed through, and
# its last line must be "NAME: N passed, M failed". Directories without one
# (tests/golden/seccomp is checked by the unit tier) are skipped.
set -u
nonoc=$(realpath "$1")
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
status=0 ran=0
for run in tests/golden/*/run; do
	[ -x "$run" ] || continue
	ran=$((ran + 1))
	"$run" "$nonoc" || status=1
done
if [ "$ran" -eq 0 ]; then
	echo "golden: no tests/golden/*/run scripts"
	exit 1
fi
exit $status
