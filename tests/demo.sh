#!/usr/bin/env bash
# `make demo`: the main job on the embedded examples: check the contract
# policies in both syntaxes, show that a YAML policy and its nono twin mean
# the same thing, show what a policy author sees for a broken policy, then
# compile a policy into a signed bundle, verify and inspect it.
# (Running an agent under the bundle is nono-load's job: not built yet.)
set -u
nonoc=$(realpath "$1")
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${NONO_SHARED:-$top/../shared}
bold=$(tput bold 2>/dev/null || true) reset=$(tput sgr0 2>/dev/null || true)

echo "${bold}== nonoc check: the contract examples${reset}"
for f in "$shared"/examples/*.nono "$shared"/examples/*.yaml "$top"/examples/*; do
	case $f in *.nono|*.yaml) ;; *) continue ;; esac
	[ -e "$f" ] || continue
	if "$nonoc" check "$f"; then echo "  ok     ${f#$top/}"; else echo "  FAILED ${f#$top/}"; fi
done

echo
echo "${bold}== the same policy in YAML and in nono syntax has the same syntax tree${reset}"
if diff <("$nonoc" --dump-ast "$shared/examples/email-agent.yaml" 2>&1) \
	<("$nonoc" --dump-ast "$top/examples/email-agent.nono" 2>&1) >/dev/null; then
	echo "  email-agent.yaml == examples/email-agent.nono"
else
	echo "  email-agent.yaml and examples/email-agent.nono DIFFER"
fi
"$nonoc" --dump-ast "$shared/examples/email-agent.yaml" | sed 's/^/  /'

echo
echo "${bold}== a broken policy: what its author sees (exit status 1)${reset}"
"$nonoc" check --color=auto - <<'POLICY'
policy "broken" version 1
mode enforec
agent {
    fss read "/srv/data/**"
    fs write /srv/out
    net connect tcp 10.0.0.5:5432
}
quota {
    memroy 512MiB
}
POLICY
echo "  (exit status $?)"

echo
echo "${bold}== compile a policy into a signed, reproducible bundle${reset}"
work=$(mktemp -d /tmp/nono-demo.XXXXXX)
trap 'rm -rf "$work"' EXIT
"$nonoc" keygen -o "$work/demo-key" | sed 's/^/  /'
(cd "$shared/examples" && "$nonoc" data-analyst.nono -o "$work/data-analyst.bundle" --key "$work/demo-key") &&
	echo "  nonoc data-analyst.nono -o data-analyst.bundle --key demo-key: ok"
"$nonoc" verify "$work/data-analyst.bundle" --trust "$work/demo-key.pub" | sed 's/^/  /'
echo "  readelf -S shows the sections:"
readelf -SW "$work/data-analyst.bundle" | grep -o '\.nono\.[a-z.]*' | sort -u | sed 's/^/    /'
"$nonoc" inspect "$work/data-analyst.bundle" --trust "$work/demo-key.pub" | sed -n '1,20p' | sed 's/^/  /'
echo
echo "${bold}== tamper with one byte: verification fails${reset}"
cp "$work/data-analyst.bundle" "$work/tampered.bundle"
printf 'X' | dd of="$work/tampered.bundle" bs=1 seek=5000 conv=notrunc status=none
"$nonoc" verify "$work/tampered.bundle" --trust "$work/demo-key.pub" 2>&1 | sed 's/^/  /'
echo "  (exit status ${PIPESTATUS[0]})"
