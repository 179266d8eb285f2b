#!/usr/bin/env bash
# BPF-LSM smoke test of the generated programs under QEMU, on Debian's 6.1
# and 6.12 kernels (../shared/docs/KERNEL-TESTING.md). Not part of `make
# check` (it downloads two kernel packages); a head start for the kernel
# tier, which must prove docs/bpf.md's list systematically.
#
#   tests/host/qemu-lsm-smoke.sh NONOC [CACHE_DIR]
#
# Needs qemu-system-x86, busybox-static, cpio, gcc and libbpf-dev (static
# libbpf, libelf, libz). Kernels are fetched with apt-get download (Debian
# 12's from the machine's sources; Debian 13's through a private sources
# list and state directory, leaving the machine's apt configuration alone)
# into CACHE_DIR (default /tmp/nono-kernels), unpacked with dpkg -x.
set -euo pipefail
nonoc=$(realpath "$1")
cache=${2:-/tmp/nono-kernels}
top=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$cache"
work=$(mktemp -d /tmp/nono-qemu.XXXXXX)
trap 'rm -rf "$work"' EXIT

fetch() { # fetch NAME [apt options...] -> prints the vmlinuz path
	local name=$1; shift
	local dir=$cache/$name
	if ! ls "$dir"/boot/vmlinuz-* >/dev/null 2>&1; then
		local pkg
		pkg=$(apt-cache "$@" depends linux-image-cloud-amd64 | awk '/Depends: linux-image-/ { print $2; exit }')
		(cd "$cache" && apt-get "$@" download "$pkg" >/dev/null 2>&1)
		dpkg -x "$cache/${pkg}"_*.deb "$dir"
	fi
	ls "$dir"/boot/vmlinuz-*
}
k61=$(fetch debian12)
mkdir -p "$cache/trixie/lists/partial" "$cache/trixie/cache/archives/partial"
echo "deb http://deb.debian.org/debian trixie main" > "$cache/trixie/sources.list"
opts=(-o "Dir::Etc::sourcelist=$cache/trixie/sources.list" -o Dir::Etc::sourceparts=/dev/null
      -o "Dir::State::Lists=$cache/trixie/lists" -o "Dir::Cache=$cache/trixie/cache")
[ -n "$(ls "$cache/trixie/lists" 2>/dev/null | grep -v partial)" ] || apt-get "${opts[@]}" update >/dev/null
k612=$(fetch debian13 "${opts[@]}")

# The guest: busybox, the smoke test (static), objects of the contract examples.
root=$work/root
mkdir -p "$root"/{bin,proc,sys,dev,etc,tmp}
cp "$(command -v busybox)" "$root/bin/"
for a in sh mount cat echo poweroff; do ln -s busybox "$root/bin/$a"; done
gcc -Wall -Wextra -Werror -O2 -D_FORTIFY_SOURCE=2 -static -o "$root/bin/lsm_smoke" \
	"$top/tests/host/lsm_smoke.c" -lbpf -lelf -lz
echo "root:x:0:0::/:/bin/sh" > "$root/etc/passwd"
echo nono-guest > "$root/etc/hostname"
objs=
for f in "$top"/../shared/examples/*.nono "$top"/../shared/examples/*.yaml; do
	[ -e "$f" ] || continue
	n=$(basename "$f"); n=${n%.*}
	(cd "$(dirname "$f")" && "$nonoc" --emit-obj="$root/$n.o" "$(basename "$f")")
	objs="$objs /$n.o"
done
cat > "$root/init" <<INIT
#!/bin/sh
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
mount -t securityfs securityfs /sys/kernel/security; mount -t bpf bpf /sys/fs/bpf
echo "KERNEL: \$(cat /proc/version)"
echo "LSM: \$(cat /sys/kernel/security/lsm)"
for o in $objs; do echo "== \$o"; /bin/lsm_smoke \$o; done
poweroff -f
INIT
chmod +x "$root/init"
(cd "$root" && find . | cpio -o -H newc 2>/dev/null | gzip) > "$work/initrd.gz"
status=0
for k in "$k61" "$k612"; do
	out=$(timeout 900 qemu-system-x86_64 -m 1G -nographic -no-reboot -kernel "$k" -initrd "$work/initrd.gz" \
		-append "console=ttyS0 lsm=landlock,lockdown,yama,bpf panic=-1 quiet" 2>&1 | tr -d '\r')
	printf '%s\n' "$out" | grep -aE '(KERNEL: |^LSM|^==|^per-program|FAIL|dispatch|prog array|attach|task storage|  |parent|    event|grant|transition|tool|cg current|events)'
	printf '%s\n' "$out" | grep -aq "FAIL" && status=1
	printf '%s\n' "$out" | grep -aq "per-program load: 77 ok, 0 failed" || status=1
done
exit $status
