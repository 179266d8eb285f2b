#!/usr/bin/env bash
# usage: tests/check-schemas.sh NONOC BUILDDIR
#
# The machine-readable diagnostics keep their contracts: for every input
# below, `nonoc check --diagnostics-format=json` validates against
# tests/schemas/nonoc-diagnostics.schema.json and `--diagnostics-format=sarif`
# against the official SARIF 2.1.0 schema, and both pass the checks in
# tests/schemas/validate.py (determinism, positions recomputed from the
# source bytes, SARIF references, JSON and SARIF saying the same thing).
#
# Inputs: the contract examples ($NONO_SHARED/examples, default ../shared
# next to the repository), our examples/ and tests/cases/ policies, and
# generated ones: a file with several errors (tabs, UTF-8 and astral
# characters before errors, a note with a location), the same under an odd
# name (spaces, '#', '%', non-ASCII: URI escaping), CRLF line ends, invalid
# UTF-8, a NUL byte, braces in a message, an empty file, "./" in a name, a
# policy that uses another file, standard input, a missing file, several
# files in one run (one of them twice), an absolute path.
#
# The SARIF schema comes from the npm package @microsoft/jest-sarif (its
# tarball holds package/lib/schemas/sarif-2.1.0-rtm.5.json), fetched with
# `npm pack` into BUILDDIR/schemas/ once and reused. If it cannot be had the
# run FAILS and says why: a schema check that silently skips checks nothing.
#
# Prints one line per failure and ends with "schemas: N passed, M failed".
set -u

if [ $# -ne 2 ]; then
	echo "usage: $0 NONOC BUILDDIR" >&2
	exit 2
fi
top=$(cd "$(dirname "$0")/.." && pwd)
nonoc=$(realpath -m "$1")
if [ ! -x "$nonoc" ]; then
	echo "FAIL setup: $1 is not an executable (build it first: make)"
	echo "schemas: 0 passed, 1 failed"
	exit 1
fi
mkdir -p "$2/schemas" || exit 2
work=$(realpath "$2")/schemas
shared=${NONO_SHARED:-$(dirname "$top")/shared}
py=/usr/bin/python3   # Debian's, with python3-jsonschema (another python may come first on PATH)
json_schema=$top/tests/schemas/nonoc-diagnostics.schema.json
sarif_pkg=@microsoft/jest-sarif@1.0.0-beta.0
sarif_member=package/lib/schemas/sarif-2.1.0-rtm.5.json
sarif_schema=$work/sarif-2.1.0-rtm.5.json

pass=0 fail=0
bad() { echo "FAIL $*"; fail=$((fail + 1)); }

if [ ! -x "$py" ] || ! "$py" -c 'import jsonschema' 2>/dev/null; then
	echo "FAIL setup: $py with the jsonschema module is required (Debian: python3 python3-jsonschema)"
	echo "schemas: 0 passed, 1 failed"
	exit 1
fi

# ---- the official SARIF schema ---------------------------------------------
sarif_ok() {
	[ -s "$sarif_schema" ] && "$py" - "$sarif_schema" <<-'EOF' 2>/dev/null
		import json, sys
		s = json.load(open(sys.argv[1], encoding="utf-8"))
		assert "2.1.0" in s.get("title", "") and "runs" in s["properties"]
	EOF
}

fetch_sarif_schema() {
	local tmp log
	if ! command -v npm >/dev/null 2>&1; then
		why="npm is not installed (Debian: nodejs npm; .ci/install-deps.sh installs it)"
		return 1
	fi
	tmp=$(mktemp -d "$work/npm.XXXXXX") || { why="cannot create a directory in $work"; return 1; }
	log=$tmp/npm.log
	if ! (cd "$tmp" && timeout 300 npm pack --loglevel=error "$sarif_pkg") >"$log" 2>&1; then
		why="'npm pack $sarif_pkg' failed: $(grep -v '^$' "$log" | head -n 3 | tr '\n' ' ')"
		rm -rf "$tmp"
		return 1
	fi
	if ! tar -xzf "$tmp"/*.tgz -C "$tmp" "$sarif_member" 2>"$log"; then
		why="the $sarif_pkg tarball has no $sarif_member: $(head -n 2 "$log" | tr '\n' ' ')"
		rm -rf "$tmp"
		return 1
	fi
	mv "$tmp/$sarif_member" "$sarif_schema.tmp" && mv "$sarif_schema.tmp" "$sarif_schema"
	rm -rf "$tmp"
	if ! sarif_ok; then
		why="$sarif_member from $sarif_pkg is not the SARIF 2.1.0 schema"
		rm -f "$sarif_schema"
		return 1
	fi
}

why=
if sarif_ok; then
	pass=$((pass + 1))
elif fetch_sarif_schema; then
	pass=$((pass + 1))
else
	bad "sarif schema: cannot obtain it: $why"
	sarif_schema=-
fi

# ---- inputs -------------------------------------------------------------------
in=$work/inputs
out=$work/out
rm -rf "$in" "$out"
mkdir -p "$in/sub dir" "$out"

# Several errors of different codes. Line 4 has a tab, a 2-byte and a 4-byte
# (astral: two UTF-16 units) character before the error; line 5 a misspelled
# keyword with a hint; line 6 a backslash and a quote in a string and a
# non-ASCII character outside one; the file ends inside a block, so the last
# error has a note pointing at the '{'.
printf '%s\n' \
	'policy "several \"errors\"" version 1' \
	'' \
	'agent {' \
	$'\tfs read "/données/🎉" oops' \
	'    fss read "/x"   # é' \
	'    fs read "C:\\q" ☃' \
	'    fs write "/tmp/**"' >"$in/several.nono"
cp "$in/several.nono" "$in/sub dir/odd name #1 %41 ü.nono"
printf 'policy "crlf" version 1\r\nagent {\r\n    fs reed "/x"\r\n}\r\n' >"$in/crlf.nono"
printf 'policy "bad" version 1\n# caf\xe9 is Latin-1\n' >"$in/latin1.nono"
printf 'policy "nul" version 1\n\0\n' >"$in/nul.nono"
: >"$in/empty.nono"
# A policy that uses another file (diagnostics in a file not named on the
# command line, reached through "./" and a directory with a space) and a
# standard policy that does not exist.
printf 'policy "uses" version 1\nuse "./sub dir/used.nono"\nuse "std/no-such-policy"\n' >"$in/uses.nono"
printf 'agent {\n    fss read "/x"\n}\n' >"$in/sub dir/used.nono"
# Messages with '{' and '}' (SARIF doubles them).
printf 'policy "b" version 1 {\n}\n' >"$in/braces.nono"

manifest=$work/manifest.tsv
: >"$manifest"

# run_case LABEL CWD STDIN MIN_DIAGS -- NAME=PATH... -- ARGS...
#   NAME=PATH: a source name as nonoc reports it and the file with its bytes.
run_case() {
	local label=$1 cwd=$2 stdin=$3 min=$4 fmt k rc rc1=0 base srcs=()
	shift 4
	[ "$1" = -- ] && shift
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		srcs+=("${1%%=*}" "${1#*=}")
		shift
	done
	shift
	base=$out/$(printf '%s' "$label" | tr -c 'A-Za-z0-9._-' '_')
	for fmt in json sarif; do
		for k in 1 2; do
			(cd "$cwd" && "$nonoc" check --diagnostics-format=$fmt "$@" <"$stdin" \
				>"$base.$fmt.$k" 2>"$base.$fmt.err.$k")
			rc=$?
			[ "$k" -eq 1 ] && rc1=$rc
		done
		{
			printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s' "$fmt" "$label" "$base.$fmt.1" "$base.$fmt.2" \
				"$base.$fmt.err.1" "$rc1" "$min" "$cwd"
			for k in "${srcs[@]+"${srcs[@]}"}"; do
				printf '\t%s' "$k"
			done
			printf '\n'
		} >>"$manifest"
	done
}

# The contract examples and our own policies, as absolute paths (file:// URIs).
nshared=0
for f in "$shared"/examples/*.nono "$shared"/examples/*.yaml "$shared"/examples/*.yml; do
	[ -e "$f" ] || continue
	nshared=$((nshared + 1))
	run_case "shared/examples/$(basename "$f")" "$top" /dev/null -1 -- "$f=$f" -- "$f"
done
if [ "$nshared" -eq 0 ]; then
	bad "inputs: no contract examples in $shared/examples (set NONO_SHARED)"
fi
while IFS= read -r -d '' f; do
	rel=${f#"$top"/}
	# Relative to the repository: relative URIs.
	run_case "$rel" "$top" /dev/null -1 -- "$rel=$f" -- "$rel"
done < <(find "$top/examples" "$top/tests/cases" -type f \( -name '*.nono' -o -name '*.yaml' -o -name '*.yml' \) \
	-print0 2>/dev/null | sort -z)

# Generated inputs, as relative paths from the inputs directory.
run_case several-errors "$in" /dev/null 4 -- "several.nono=$in/several.nono" -- several.nono
run_case odd-file-name "$in" /dev/null 4 -- "sub dir/odd name #1 %41 ü.nono=$in/sub dir/odd name #1 %41 ü.nono" \
	-- "sub dir/odd name #1 %41 ü.nono"
run_case crlf "$in" /dev/null 1 -- "crlf.nono=$in/crlf.nono" -- crlf.nono
run_case invalid-utf8 "$in" /dev/null 1 -- "latin1.nono=$in/latin1.nono" -- latin1.nono
run_case nul-byte "$in" /dev/null 1 -- "nul.nono=$in/nul.nono" -- nul.nono
run_case braces "$in" /dev/null 1 -- "braces.nono=$in/braces.nono" -- braces.nono
run_case empty-file "$in" /dev/null -1 -- "empty.nono=$in/empty.nono" -- empty.nono
run_case dot-segments "$in" /dev/null 4 -- "./several.nono=$in/several.nono" -- ./several.nono
run_case uses "$in" /dev/null 1 -- "uses.nono=$in/uses.nono" -- uses.nono
run_case stdin "$in" "$in/several.nono" 4 -- "<stdin>=$in/several.nono" -- -
run_case missing-file "$in" /dev/null 1 -- -- does-not-exist.nono
run_case several-files "$in" /dev/null 6 -- "several.nono=$in/several.nono" "crlf.nono=$in/crlf.nono" \
	-- several.nono crlf.nono does-not-exist.nono several.nono
run_case absolute-path / /dev/null 4 -- "$in/several.nono=$in/several.nono" -- "$in/several.nono"

"$py" "$top/tests/schemas/validate.py" "$json_schema" "$sarif_schema" "$top/compiler/codes.def" \
	"$manifest" "$pass" "$fail"
