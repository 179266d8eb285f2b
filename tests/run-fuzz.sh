#!/usr/bin/env bash
# The fuzzing tier: tests/run-fuzz.sh BUILD SECONDS TARGET...
#
# For each libFuzzer TARGET (build/fuzz/fuzz_NAME):
#   1. replay every file in fuzz/regressions/NAME/ (all but README*) once:
#      each is a crash the fuzzers once found, and must stay fixed;
#   2. fuzz for SECONDS seconds from a writable copy of fuzz/corpus/NAME/ kept
#      in BUILD/fuzz-corpus/NAME/ (the checked-in seeds are never modified;
#      what a run discovers is kept there for the next run), with
#      fuzz/NAME.dict, and artifacts written under BUILD/fuzz-artifacts/NAME/.
# A crash, leak, timeout (>10 s for one input) or out-of-memory (>2 GiB) in
# either step fails; the reproducer and the command that turns it into a
# regression case are printed. SECONDS=0 only replays the regressions.
#
# Total time is about SECONDS x number of targets (replays take well under a
# second). libFuzzer's own output goes to BUILD/fuzz-logs/NAME*.log.
# Last line: "fuzz: N passed, M failed", one check per replayed file and one
# per fuzzing run.
set -u

if [ $# -lt 3 ]; then
	echo "usage: $0 BUILD SECONDS TARGET..." >&2
	exit 2
fi
build=$1 secs=$2
shift 2
case $secs in
'' | *[!0-9]*) echo "$0: SECONDS must be a whole number, not '$secs'" >&2; exit 2 ;;
esac

top=$(cd "$(dirname "$0")/.." && pwd)
# Paths printed for the user: relative when run from the top (as make does).
if [ "$(pwd)" = "$top" ]; then rtop=. ; else rtop=$top; fi

# UBSan: a stack trace with each report (halting is compiled in).
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

# Flags every execution shares (libFuzzer's own limits, enforced per input).
limits=(-timeout=10 -rss_limit_mb=2048)

pass=0 fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); }

# The first sanitizer or libFuzzer verdict in a log, for the one-line reason.
reason() {
	grep -m1 -E 'ERROR: (AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|libFuzzer)|runtime error:|SUMMARY:|ALARM:|out-of-memory' "$1" |
		sed -e 's/^==[0-9]*==//' -e 's/^[[:space:]]*//' | cut -c1-200
}

for target in "$@"; do
	name=$(basename "$target")
	short=${name#fuzz_}
	logs=$build/fuzz-logs
	mkdir -p "$logs"

	if [ ! -x "$target" ]; then
		echo "FAIL $name: $target is not built (make fuzz)"
		bad
		continue
	fi

	# ---- 1. regressions -------------------------------------------------
	nreg=0
	for f in "$top/fuzz/regressions/$short"/*; do
		[ -f "$f" ] || continue
		case $(basename "$f") in README*) continue ;; esac
		nreg=$((nreg + 1))
		log=$logs/$short-regression-$(basename "$f").log
		if "$target" "${limits[@]}" "$f" >"$log" 2>&1; then
			ok
		else
			echo "FAIL $name: regression $rtop/fuzz/regressions/$short/$(basename "$f") crashes again"
			echo "     $(reason "$log")"
			echo "     reproduce:   $target $rtop/fuzz/regressions/$short/$(basename "$f")"
			echo "     full report: $log"
			bad
		fi
	done

	[ "$secs" -gt 0 ] || { echo "fuzz: $name: replayed $nreg regression(s), no fuzzing (SECONDS=0)"; continue; }

	# ---- 2. fuzzing -----------------------------------------------------
	corpus=$build/fuzz-corpus/$short
	arts=$build/fuzz-artifacts/$short
	log=$logs/$short.log
	mkdir -p "$corpus" "$arts"
	if [ -d "$top/fuzz/corpus/$short" ]; then
		cp -f "$top/fuzz/corpus/$short"/* "$corpus"/ 2>/dev/null
	else
		echo "warning: $name: no seed corpus at fuzz/corpus/$short" >&2
	fi
	dict=()
	[ -f "$top/fuzz/$short.dict" ] && dict=(-dict="$top/fuzz/$short.dict")

	# The outer timeout only guards against a fuzzer that stops responding;
	# libFuzzer itself stops after SECONDS.
	t0=$(date +%s)
	timeout --kill-after=30 $((secs * 2 + 120)) \
		"$target" "${limits[@]}" -max_total_time="$secs" -max_len=65536 "${dict[@]}" \
		-artifact_prefix="$arts/" -print_final_stats=1 "$corpus" >"$log" 2>&1
	rc=$?
	took=$(($(date +%s) - t0))

	# Figures from libFuzzer's log: last status line and final stats.
	figure() { sed -n "s/^stat::$1:[[:space:]]*//p" "$log" | tail -1; }
	last=$(grep -E '^#[0-9]+' "$log" | tail -1)
	cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
	ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
	units=$(sed -n 's/.* corp: \([0-9]*\)\/.*/\1/p' <<<"$last")
	summary="$(figure number_of_executed_units) execs, $(figure average_exec_per_sec)/s, cov ${cov:-?}, ft ${ft:-?}, corpus ${units:-?}, peak rss $(figure peak_rss_mb) MB"

	if [ $rc -eq 0 ]; then
		echo "fuzz: $name: ${took}s, $summary"
		ok
		continue
	fi
	bad
	art=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | grep -E '/(crash|leak|timeout|oom)-' | tail -1)
	if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
		echo "FAIL $name: the fuzzer stopped responding (killed after $((secs * 2 + 120))s); log: $log"
	elif [ -n "$art" ]; then
		kind=$(basename "$art" | cut -d- -f1)
		echo "FAIL $name: $kind found after ${took}s: $art"
		echo "     $(reason "$log")"
		echo "     reproduce:            $target $art"
		echo "     keep as a regression: cp $art $rtop/fuzz/regressions/$short/<what-it-exercises>"
		echo "     full report:          $log"
	else
		echo "FAIL $name: libFuzzer exited with status $rc and no reproducer; log: $log"
		echo "     $(reason "$log")"
	fi
done

echo "fuzz: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
