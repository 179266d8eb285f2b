#!/usr/bin/env bash
# `make demo`: the main job on the embedded examples. For now nonoc is a
# front end (parse + diagnostics), so the demo checks the contract policies
# in both syntaxes, shows that a YAML policy and its nono twin mean the same
# thing, and shows what a policy author sees for a broken policy.
set -u
nonoc=$1
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
