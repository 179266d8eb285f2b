#!/usr/bin/env bash
# Install the Debian 12 packages nono needs, and only those that are missing.
# Called by `make deps` (and so by `make check` / `make demo`). Idempotent:
# when everything is present it does nothing and touches no network.
#
# Why each package is here:
#   build-essential pkg-config   compiler, make, pkg-config
#   flex bison                   the policy grammar (grammar/)
#   libyaml-dev                  the YAML front end
#   libbpf-dev libelf-dev        BPF loading (runtime) and the ELF bundle container
#   clang llvm                   compiling generated eBPF C (-target bpf); libFuzzer
#   bpftool                      generating vmlinux.h (kernel types for CO-RE) at build time
#   libclang-rt-14-dev           sanitizer and libFuzzer runtimes for clang 14
#   libcriterion-dev             the unit-test framework
#   libsodium-dev                Ed25519 signatures for bundles
#   libseccomp-dev               syscall tables / seccomp helpers
#   python3 python3-jsonschema   validating our JSON/SARIF output against schemas in tests
#   nodejs npm                   `npm pack` fetches the SARIF 2.1.0 schema (tests only)
set -euo pipefail

pkgs=(build-essential pkg-config flex bison libyaml-dev libbpf-dev libelf-dev
      clang llvm bpftool libclang-rt-14-dev libcriterion-dev libsodium-dev libseccomp-dev
      python3 python3-jsonschema python3-rfc3987)

# npm is usually present on our machines (Node.js from elsewhere); only ask
# Debian for it when there is no npm at all.
command -v npm >/dev/null 2>&1 || pkgs+=(nodejs npm)

missing=()
for p in "${pkgs[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing+=("$p")
	fi
done

if [ ${#missing[@]} -eq 0 ]; then
	exit 0
fi

echo "install-deps: installing: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then
		SUDO=sudo
	else
		echo "install-deps: error: packages are missing and this is not root (no sudo either)." >&2
		echo "hint: as root run: apt-get update && apt-get install ${missing[*]}" >&2
		exit 2
	fi
else
	SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
