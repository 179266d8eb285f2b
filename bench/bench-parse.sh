#!/usr/bin/env bash
# The parse benchmark: bench/bench-parse.sh BUILD   (make bench-parse)
#
# Generates N-rule policies (N = 10 ... 100000) in nono syntax and YAML into
# BUILD/bench/, times libnonoc parsing each one (bench_parse), times a peer on
# the same file, and prints a table and the ratios. A benchmark, not a test:
# it prints figures and fails only when something cannot run at all.
#
# Peers (see bench/README.md for why these are fair):
#   nono syntax  the nono scanner alone (bench_parse --lex): every token the
#                parser would see, no parser, no AST;
#   YAML         a plain libyaml event loop (bench_libyaml_baseline): every
#                event of the same file, no schema, no AST.
#
# Environment: BENCH_SIZES="10 100 ..." to choose N; BENCH_K=K to force the
# repeat count (default: more repeats for small files); PYTHON (python3).
set -u
build=${1:?usage: bench/bench-parse.sh BUILD}
top=$(cd "$(dirname "$0")/.." && pwd)
out=$build/bench
bp=$build/bench/bench_parse
by=$build/bench/bench_libyaml_baseline
nonoc=$build/nonoc
py=${PYTHON:-python3}
sizes=${BENCH_SIZES:-10 100 1000 10000 100000}
raw=$out/bench-parse.txt

for b in "$bp" "$by"; do
	[ -x "$b" ] || { echo "bench-parse: $b is not built (make BUILD=$build bench-parse)" >&2; exit 2; }
done
mkdir -p "$out"
: >"$raw"
: >"$out/bench-parse.err"

reps() { # repeat count for N rules: about 0.5-2 s of timed work per file
	if [ -n "${BENCH_K:-}" ]; then echo "$BENCH_K"; return; fi
	if [ "$1" -le 100 ]; then echo 200
	elif [ "$1" -le 1000 ]; then echo 50
	elif [ "$1" -le 10000 ]; then echo 20
	else echo 7; fi
}

twins_ok=0 twins_bad=0
for n in $sizes; do
	p=$out/policy-$n
	"$py" "$top/bench/gen-policy.py" "$n" "$p" || { echo "bench-parse: generating $p failed" >&2; exit 2; }
	k=$(reps "$n")
	# One process per measurement, so peak RSS belongs to that file alone.
	"$bp" -k "$k" --syntax=nono "$p.nono" >>"$raw" 2>>"$out/bench-parse.err" || exit 2
	"$bp" -k "$k" --lex "$p.nono" >>"$raw" 2>>"$out/bench-parse.err" || exit 2
	"$bp" -k "$k" --syntax=yaml "$p.yaml" >>"$raw" 2>>"$out/bench-parse.err" || exit 2
	"$by" -k "$k" "$p.yaml" >>"$raw" 2>>"$out/bench-parse.err" || exit 2
	# Sanity, not timed: both syntaxes must give the same tree.
	if [ -x "$nonoc" ]; then
		if cmp -s <("$nonoc" --dump-ast --syntax=nono "$p.nono" 2>/dev/null) \
			<("$nonoc" --dump-ast --syntax=yaml "$p.yaml" 2>/dev/null); then
			twins_ok=$((twins_ok + 1))
		else
			twins_bad=$((twins_bad + 1))
		fi
	fi
done

awk -v twins_ok="$twins_ok" -v twins_bad="$twins_bad" -v bench_err="$out/bench-parse.err" '
function kv(key,   i, a) {
	for (i = 1; i <= NF; i++) {
		split($i, a, "=")
		if (a[1] == key) return substr($i, length(key) + 2)
	}
	return ""
}
function human(x) {
	if (x >= 1e6) return sprintf("%.2fM", x / 1e6)
	if (x >= 1e3) return sprintf("%.0fk", x / 1e3)
	return sprintf("%.0f", x)
}
{
	n = kv("rules") + 0; mode = kv("mode"); syn = kv("syntax")
	key = n SUBSEP syn
	if (!(n in seen)) { seen[n] = 1; order[++nn] = n }
	# (+ 0: compare as numbers, not strings)
	if (mode == "parse") {
		ms[key] = kv("median_ms") + 0; cpu[key] = kv("cpu_ms") + 0; rps[key] = kv("rules_per_s") + 0; arena[key] = kv("arena_bytes") + 0
		bpr[key] = kv("arena_bytes_per_rule") + 0; rss[key] = kv("peak_rss_kib") + 0
		rss0[key] = kv("rss_before_kib") + 0; bytes[key] = kv("bytes") + 0; errs[key] = kv("errors") + 0
		k[key] = kv("k") + 0
	} else {
		peer[key] = kv("median_ms") + 0; pcpu[key] = kv("cpu_ms") + 0
	}
}
END {
	printf "\nbench-parse: median in-memory parse (nonoc_new .. nonoc_parse .. nonoc_free), wall and CPU time;\n"
	printf "peer on the same file (nono: its scanner alone; YAML: a raw libyaml event loop); ratio = parse / peer.\n"
	printf "Not a test: figures only.\n\n"
	printf "%7s  %-6s %8s %4s %10s %9s %8s %9s %10s %8s %9s %7s %7s\n", "N", "syntax", "bytes", "k", "median ms",
	       "cpu ms", "rules/s", "MB arena", "bytes/rule", "RSS +MB", "peer ms", "ratio", "cpu"
	for (i = 1; i <= nn; i++) {
		n = order[i]
		for (s = 1; s <= 2; s++) {
			syn = s == 1 ? "nono" : "yaml"; key = n SUBSEP syn
			if (!(key in ms)) continue
			ratio = peer[key] > 0 ? sprintf("%.2fx", ms[key] / peer[key]) : "-"
			cratio = pcpu[key] > 0 ? sprintf("%.2fx", cpu[key] / pcpu[key]) : "-"
			flag = errs[key] > 0 ? sprintf("  (%d errors!)", errs[key]) : ""
			printf "%7d  %-6s %8d %4d %10.3f %9.3f %8s %9.2f %10.1f %8.1f %9.3f %7s %7s%s\n", n, syn, bytes[key],
			       k[key], ms[key], cpu[key], human(rps[key]), arena[key] / 1048576, bpr[key],
			       (rss[key] - rss0[key]) / 1024, peer[key], ratio, cratio, flag
			if (errs[key] > 0) anyerr = 1
		}
	}
	# Comparison lines at the largest N (the least noisy), and linearity.
	big = order[nn]; small = ""
	for (i = 1; i <= nn; i++) if (order[i] >= 1000 && small == "") small = order[i]
	kn = big SUBSEP "nono"; ky = big SUBSEP "yaml"
	printf "\n"
	if (peer[kn] > 0 && pcpu[kn] > 0)
		printf "nono syntax, N=%d: parse %.1f ms = %.2fx the scanner alone (%.1f ms); in CPU time %.2fx\n",
		       big, ms[kn], ms[kn] / peer[kn], peer[kn], cpu[kn] / pcpu[kn]
	if (peer[ky] > 0 && pcpu[ky] > 0)
		printf "YAML,        N=%d: parse %.1f ms = %.2fx raw libyaml events (%.1f ms); in CPU time %.2fx\n",
		       big, ms[ky], ms[ky] / peer[ky], peer[ky], cpu[ky] / pcpu[ky]
	if (ms[kn] > 0 && ms[ky] > 0 && cpu[kn] > 0)
		printf "same policy, N=%d: YAML front end / nono front end = %.2fx (CPU time %.2fx)\n", big, ms[ky] / ms[kn],
		       cpu[ky] / cpu[kn]
	if (small != "" && small != big)
		printf "memory: arena bytes/rule %.0f at N=%d, %.0f at N=%d (nono); %.0f and %.0f (YAML): linear in N\n",
		       bpr[small SUBSEP "nono"], small, bpr[kn], big, bpr[small SUBSEP "yaml"], bpr[ky]
	if (twins_ok + twins_bad > 0)
		printf "twins: nono and YAML give the same AST for %d of %d sizes\n", twins_ok, twins_ok + twins_bad
	if (anyerr)
		printf "warning: some policies did not parse cleanly (see the errors column and %s); their times are not comparable\n", bench_err
}' "$raw"
echo "raw figures: $raw"
