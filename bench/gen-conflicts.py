#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Generate a large nono policy that stresses the conflicts pass.

    bench/gen-conflicts.py [--seed S] [--tools T] N > policy.nono

N rules (one per atomic item, as the AST counts them), dense with overlaps:
every allow has denies near it, so the analysis cannot skip anything.

  - fs allows on trees at depths 1-7 under /data, ~ and $WORKDIR, some with
    globs inside (`/data/a/*/b/**`, `/data/a/**/*.csv`), random access sets;
  - fs denies: most *inside* an allowed tree (the idiom: must stay silent),
    some exactly over an allow or over its parent (dead or partly dead
    allows), some glob denies (`/data/a/**/*.pem`);
  - net connect allows on /16-/32 CIDRs with ports or port ranges, tcp, udp
    or both; net denies on hosts inside them, on enclosing networks with
    port ranges, on IPv6 prefixes;
  - net bind ranges; sys allows and denies of names and @groups; tools with
    their own rules and denies.

A few percent of the rules end up reported (dead or partly dead allows,
duplicates), at the same rate whatever N, so the compiler also renders a
realistic and proportional number of diagnostics. The output is a pure function
of N, T and the seed. Debian's python3, standard library only.
"""
import argparse
import random
import sys

WORDS = ["alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta", "iota", "kappa",
         "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "tau", "ups",
         "phi", "chi", "psi", "omega", "src", "lib", "cache", "tmp", "logs", "cfg",
         "data", "raw", "clean", "out", "in", "reports", "models", "ckpt", "run", "var"]
SAFE_SYSCALLS = ["openat", "read", "write", "close", "mmap", "munmap", "futex", "clone3", "getrandom",
                 "epoll_wait", "pipe2", "fstat", "lseek", "brk", "rt_sigaction", "rt_sigprocmask",
                 "ioctl", "pread64", "pwrite64", "readv", "writev", "access", "sched_yield",
                 "madvise", "dup", "dup2", "nanosleep", "getpid", "socket", "connect", "accept",
                 "sendto", "recvfrom", "shutdown", "bind", "listen", "getsockname", "wait4",
                 "kill", "uname", "fcntl", "flock", "fsync", "truncate", "getcwd", "chdir",
                 "rename", "mkdir", "rmdir", "unlink", "readlink", "chmod", "umask", "gettimeofday"]
SYSCALLS = ["ptrace", "mount", "umount2", "kexec_load", "init_module", "finit_module",
            "delete_module", "swapon", "swapoff", "reboot", "acct", "pivot_root", "chroot",
            "setns", "unshare", "bpf", "perf_event_open", "userfaultfd", "keyctl", "add_key",
            "request_key", "iopl", "ioperm", "process_vm_readv", "process_vm_writev",
            "name_to_handle_at", "open_by_handle_at", "fanotify_init", "quotactl",
            "syslog", "vhangup", "personality", "lookup_dcookie", "move_pages"]
GROUPS = ["@mount", "@module", "@raw-io", "@debug", "@obsolete", "@reboot", "@swap",
          "@clock", "@cpu-emulation", "@privileged"]
ACCESS = ["read", "write", "exec", "read write", "read exec", "read write exec"]
ANCHORS = ["/data", "~/work", "$WORKDIR"]


def tree(rng, depth):
    anchor = rng.choice(ANCHORS)
    return anchor + "".join("/" + rng.choice(WORDS) + str(rng.randrange(40)) for _ in range(depth))


class Gen:
    def __init__(self, rng):
        self.rng = rng
        self.trees = []      # fs allow trees, for denies to land in
        self.nets = []       # (a, b) of allowed 10.a.b.0/24

    def fs_allow(self):
        r = self.rng
        t = tree(r, r.randint(1, 6))
        self.trees.append(t)
        k = r.random()
        if k < 0.70:
            path = t + "/**"
        elif k < 0.80:
            path = t + "/*/" + r.choice(WORDS) + "/**"
        elif k < 0.90:
            path = t + "/**/*." + r.choice(["csv", "json", "py", "md"])
        else:
            path = t + "/" + r.choice(WORDS) + ".txt"
        return 'fs %s "%s"' % (r.choice(ACCESS), path)

    def fs_deny(self):
        r = self.rng
        if not self.trees:
            return 'deny fs "%s/**"' % tree(r, 3)
        t = r.choice(self.trees)
        k = r.random()
        if k < 0.90:    # inside an allowed tree: the idiom, silent
            return 'deny fs %s"%s/%s%d/**"' % (r.choice(["", "write ", "read "]), t, r.choice(WORDS),
                                               r.randrange(40))
        if k < 0.96:    # a glob deny inside it
            return 'deny fs "%s/**/*.%s"' % (t, r.choice(["pem", "key", "env"]))
        if k < 0.98 or t.count("/") < 3:    # the same tree: a partly or wholly dead allow
            return 'deny fs %s"%s/**"' % (r.choice(["write ", "exec ", "write exec "]), t)
        return 'deny fs write "%s/**"' % t.rsplit("/", 1)[0]  # its parent (never the anchor)

    def net_allow(self):
        r = self.rng
        a, b = r.randrange(256), r.randrange(256)
        self.nets.append((a, b))
        proto = r.choice(["tcp ", "udp ", ""])
        if r.random() < 0.5:
            return "net connect %s10.%d.%d.0/24:%d" % (proto, a, b, r.choice([443, 80, 22, 5432, 8080]))
        lo = r.randrange(1024, 60000)
        return "net connect %s10.%d.%d.0/24:%d-%d" % (proto, a, b, lo, lo + r.randrange(1, 2000))

    def net_deny(self):
        r = self.rng
        k = r.random()
        if self.nets and k < 0.95:    # a host inside an allowed network: silent
            a, b = r.choice(self.nets)
            return "deny net connect 10.%d.%d.%d" % (a, b, r.randrange(1, 255))
        if self.nets and k < 0.97:    # an enclosing network, some ports
            a, b = r.choice(self.nets)
            lo = r.randrange(1, 65000)
            return "deny net connect %s10.%d.0.0/16:%d-%d" % (r.choice(["tcp ", "udp ", ""]), a, lo,
                                                              lo + r.randrange(0, 500))
        return "deny net connect 2001:db8:%x::/48" % r.randrange(65536)

    def sys_rule(self, deny):
        r = self.rng
        if deny:
            return "deny sys %s" % (r.choice(GROUPS) if r.random() < 0.2 else r.choice(SYSCALLS))
        return "sys allow %s" % (r.choice(SYSCALLS) if r.random() < 0.03 else r.choice(SAFE_SYSCALLS))

    def bind(self, deny):
        r = self.rng
        # Allows below 30000, denies above, but 3% of the denies among the allows.
        lo = r.randrange(30000, 65000) if deny and r.random() >= 0.03 else r.randrange(1024, 30000)
        return "%snet bind %s%d-%d" % ("deny " if deny else "", r.choice(["tcp ", "udp ", ""]), lo,
                                         lo + r.randrange(0, 20))

    def rule(self, deny):
        k = self.rng.random()
        if k < 0.62:
            return self.fs_deny() if deny else self.fs_allow()
        if k < 0.87:
            return self.net_deny() if deny else self.net_allow()
        if k < 0.95:
            return self.bind(deny)
        return self.sys_rule(deny)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("rules", type=int)
    ap.add_argument("--tools", type=int, default=0, help="tools (default: one per 200 rules)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    g = Gen(rng)
    n = max(args.rules, 10)
    ntools = args.tools or max(1, n // 200)
    out = ['# nono-bench: conflicts rules=%d tools=%d seed=%d' % (n, ntools, args.seed),
           'policy "conflicts-bench" version 1', "", "agent {", '    exec "/usr/bin/python3"']
    # 45% of the rules in the agent, 35% in tools, 20% top-level denies.
    n_agent, n_tools = n * 45 // 100, n * 35 // 100
    n_top = n - n_agent - n_tools
    for _ in range(n_agent):
        out.append("    " + g.rule(deny=rng.random() < 0.3))
    out.append("}")
    per_tool = max(1, n_tools // ntools)
    for t in range(ntools):
        out += ["", "tool t%d {" % t, '    exec "/opt/tools/t%d"' % t]
        for _ in range(per_tool):
            out.append("    " + g.rule(deny=rng.random() < 0.3))
        out.append("}")
    out.append("")
    for _ in range(n_top):
        out.append(g.rule(deny=True))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
