#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Generate a realistic N-rule nono policy, in nono syntax and in YAML.

    bench/gen-policy.py [--seed S] N PREFIX     writes PREFIX.nono and PREFIX.yaml

The two files are twins: the same policy in each syntax (same agent, tools,
rules and values, so they should give the same syntax tree). The output is a
pure function of N and the seed, so runs are comparable across machines and
commits.

N counts rules the way the AST does: one per atomic item (each path of an
`fs` list, each address of `net connect`, each syscall, each variable, each
quota, `exec`, `measure`, `net none`, and the header statements). The first
line of each file records it (`# nono-bench: rules=N`) for bench_parse.

The mix, roughly what a large real deployment looks like: one agent and
about one tool per 25 rules; in each domain fs read (most common) / write /
exec rules on globbed paths under /srv, /opt, ~ and $WORKDIR; net connect to
IPv4 and IPv6 addresses, CIDRs, ports and port ranges over tcp/udp/any;
net bind and unix sockets; sys deny/allow of names and @groups; env pass and
env set; proc grants; per-domain quotas; and top-level deny rules (fs, net,
sys) plus the sandbox-wide quota. Lists are grouped 1-4 items per statement
in nono syntax and as block or flow sequences in YAML.

Debian's python3, standard library only.
"""
import argparse
import random
import sys

SYSCALLS = ["ptrace", "kexec_load", "bpf", "perf_event_open", "mount", "umount2", "pivot_root", "swapon",
            "reboot", "init_module", "finit_module", "delete_module", "open_by_handle_at", "userfaultfd",
            "keyctl", "add_key", "request_key", "unshare", "setns", "iopl", "ioperm", "acct", "quotactl"]
GROUPS = ["@mount", "@module", "@raw-io", "@privileged", "@debug", "@obsolete", "@reboot", "@swap",
          "@clock", "@cpu-emulation", "@keyring", "@memlock"]
ENV_NAMES = ["HOME", "PATH", "LANG", "TERM", "USER", "TZ", "LC_ALL", "TMPDIR", "PYTHONPATH", "NODE_PATH",
             "SSL_CERT_FILE", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "EDITOR", "PAGER"]
ROOTS = ["/srv/data", "/srv/reports", "/opt/tools", "/var/lib/agent", "/usr/share", "/etc/agent",
         "~/.cache", "~/projects", "$WORKDIR", "$WORKDIR/build", "/datasets", "/mnt/shared"]
WORDS = ["alpha", "beta", "gamma", "delta", "logs", "cache", "models", "inbox", "outbox", "tmp",
         "config", "src", "assets", "exports", "imports", "db", "index", "vendor", "static", "notes"]
QUOTA_KEYS = ["memory", "cpu", "pids", "io read", "io write", "wall", "files"]

# Rule kinds for domain bodies, with weights (fs read most common).
KINDS = [("fs read", 30), ("fs write", 14), ("fs exec", 6), ("net connect", 16), ("net bind", 3),
         ("net unix", 2), ("sys deny", 6), ("sys allow", 3), ("env pass", 7), ("env set", 5),
         ("proc", 2), ("quota", 3), ("measure", 1)]
TOP_DENY = 0.08  # share of rules that are top-level denies


class Domain:
    def __init__(self, name, exec_path, sha):
        self.name = name
        self.exec = exec_path
        self.sha = sha
        self.measure = {}   # kind -> file
        self.fs = {"read": [], "write": [], "exec": []}
        self.net_none = False
        self.connect, self.bind, self.unix = [], [], []
        self.sys_deny, self.sys_allow = [], []
        self.env_pass, self.env_set = [], {}
        self.proc = []
        self.quota = {}     # key -> value


def gen(n, seed):
    r = random.Random(seed)
    counter = [0]

    def uniq():
        counter[0] += 1
        return counter[0]

    def path():
        root = r.choice(ROOTS)
        depth = r.randint(1, 3)
        parts = [r.choice(WORDS) + (str(uniq()) if r.random() < 0.7 else "") for _ in range(depth)]
        tail = r.choice(["/**", "/**", "/*", "", "/*.json", "/**/*.py"])
        return root + "/" + "/".join(parts) + tail

    def v4():
        return "10.%d.%d.%d" % (r.randint(0, 255), r.randint(0, 255), r.randint(1, 254))

    def v6():
        return "2001:db8:%x::%x" % (r.randint(0, 0xffff), r.randint(1, 0xffff))

    def net_target():
        proto = r.choice(["tcp ", "tcp ", "tcp ", "udp ", ""])
        form = r.randint(0, 5)
        if form == 0:
            addr = "%s:%d" % (v4(), r.choice([443, 80, 22, 5432, 6379, 8080, 587, 53]))
        elif form == 1:
            addr = "10.%d.0.0/16" % r.randint(0, 255)
        elif form == 2:
            lo = r.randint(1024, 60000)
            addr = "%s:%d-%d" % (v4(), lo, lo + r.randint(1, 100))
        elif form == 3:
            addr = "[%s]:%d" % (v6(), r.choice([443, 80, 8443]))
        elif form == 4:
            addr = "2001:db8:%x::/48" % r.randint(0, 0xffff)
        else:
            addr = v4()
        return proto + addr

    # Fixed part: header (policy, mode; use/require when there is room).
    header = {"name": "bench-%d" % n, "version": 1, "use": [], "require": []}
    count = 2
    if n >= 10:
        header["use"] = ["std/base", "std/python"]
        header["require"] = ["bpf-lsm"]
        count += 3

    ntools = max(1, n // 25)
    agent = Domain(None, "/usr/bin/python3", None)
    tools = []
    for i in range(ntools):
        sha = "%064x" % r.getrandbits(256) if r.random() < 0.3 else None
        tools.append(Domain("tool_%05d" % i, "/opt/tools/t%05d/bin/run" % i, sha))
    count += 1 + ntools  # one exec per domain

    top = {"fs": [], "connect": [], "sys": []}
    top_quota = {}
    if n >= 100:
        top_quota = {"memory": "4GiB", "cpu": "200%", "pids": "512", "io read": "100MiB/s",
                     "io write": "50MiB/s", "wall": "2h", "files": "4096"}
        count += len(top_quota)

    domains = [agent] + tools
    kinds = [k for k, _ in KINDS]
    weights = [w for _, w in KINDS]
    while count < n:
        if r.random() < TOP_DENY:
            which = r.choice(["fs", "fs", "connect", "sys"])
            if which == "fs":
                top["fs"].append(path())
            elif which == "connect":
                top["connect"].append(net_target())
            else:
                top["sys"].append(r.choice(SYSCALLS + GROUPS))
            count += 1
            continue
        d = agent if r.random() < 0.1 else r.choice(tools)
        k = r.choices(kinds, weights)[0]
        if k.startswith("fs "):
            d.fs[k[3:]].append(path())
        elif k.startswith("net ") and d.net_none:
            d.fs["read"].append(path())
        elif k == "net connect":
            d.connect.append(net_target())
        elif k == "net bind":
            lo = r.randint(1024, 60000)
            d.bind.append(r.choice(["tcp ", "udp ", ""]) + r.choice([str(lo), "%d-%d" % (lo, lo + 10)]))
        elif k == "net unix":
            d.unix.append("/run/%s/%s.sock" % (r.choice(WORDS), r.choice(WORDS)))
        elif k == "sys deny":
            d.sys_deny.append(r.choice(SYSCALLS + GROUPS))
        elif k == "sys allow":
            d.sys_allow.append(r.choice(SYSCALLS))
        elif k == "env pass":
            d.env_pass.append(r.choice(ENV_NAMES))
        elif k == "env set":
            d.env_set["VAR_%d" % uniq()] = r.choice(["C.UTF-8", "1", "/srv/data", "on", "utf-8"])
        elif k == "proc" and len(d.proc) < 2:
            d.proc.append(["signal children", "ptrace"][len(d.proc)])
        elif k == "quota" and len(d.quota) < len(QUOTA_KEYS):
            key = [q for q in QUOTA_KEYS if q not in d.quota][0]
            d.quota[key] = {"memory": "512MiB", "cpu": "50%", "pids": "64", "io read": "10MiB/s",
                            "io write": "5MiB/s", "wall": "10m", "files": "256"}[key]
        elif k == "measure" and d is agent and len(d.measure) < 3:
            kind = ["prompt", "tools", "model"][len(d.measure)]
            d.measure[kind] = kind + ".json"
        elif not (d.connect or d.bind or d.unix or d.net_none) and d is not agent and r.random() < 0.5:
            d.net_none = True
        else:
            d.fs["read"].append(path())
        count += 1
    # Items without a protocol first: in nono syntax a protocol carries over
    # to the following items, so they are written first or alone, and the
    # YAML twin keeps the same order (same tree).
    for d in domains:
        d.connect.sort(key=lambda t: t.startswith(("tcp ", "udp ")))
    top["connect"].sort(key=lambda t: t.startswith(("tcp ", "udp ")))
    return header, agent, tools, top, top_quota, count


# ---- nono syntax ----------------------------------------------------------

def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def chunks(r, items):
    """Split a list into statements of 1-4 items."""
    i = 0
    while i < len(items):
        k = r.randint(1, 4)
        yield items[i:i + k]
        i += k


def emit_nono(header, agent, tools, top, top_quota, n, seed):
    r = random.Random(seed + 1)
    w = ["# nono-bench: rules=%d seed=%d (generated by bench/gen-policy.py)" % (n, seed)]
    w.append("policy %s version %d" % (q(header["name"]), header["version"]))
    for u in header["use"]:
        w.append("use " + q(u))
    w.append("mode enforce")
    for x in header["require"]:
        w.append("require " + x)
    w.append("")

    def body(d, ind="    "):
        b = []
        b.append(ind + "exec " + q(d.exec) + (" sha256 " + q(d.sha) if d.sha else ""))
        for kind, f in d.measure.items():
            b.append(ind + "measure %s %s" % (kind, q(f)))
        for acc in ("read", "write", "exec"):
            for c in chunks(r, d.fs[acc]):
                b.append(ind + "fs %s %s" % (acc, ", ".join(q(p) for p in c)))
        if d.net_none:
            b.append(ind + "net none")
        anyproto = [t for t in d.connect if not t.startswith(("tcp ", "udp "))]
        withproto = [t for t in d.connect if t.startswith(("tcp ", "udp "))]
        # A protocol carries over to the following items that have none, so
        # an item without one gets a statement of its own.
        for t in anyproto:
            b.append(ind + "net connect " + t)
        for c in chunks(r, withproto):
            b.append(ind + "net connect " + ", ".join(c))
        for t in d.bind:
            b.append(ind + "net bind " + t)
        for c in chunks(r, d.unix):
            b.append(ind + "net unix " + ", ".join(q(p) for p in c))
        for p in d.proc:
            b.append(ind + "proc " + p)
        for c in chunks(r, d.sys_deny):
            b.append(ind + "sys deny " + ", ".join(c))
        for c in chunks(r, d.sys_allow):
            b.append(ind + "sys allow " + ", ".join(c))
        for c in chunks(r, d.env_pass):
            b.append(ind + "env pass " + ", ".join(c))
        for c in chunks(r, list(d.env_set.items())):
            b.append(ind + "env set " + ", ".join("%s=%s" % (k, q(v)) for k, v in c))
        if d.quota:
            b.append(ind + "quota {")
            for k, v in d.quota.items():
                b.append(ind + "    %s %s" % (k, v))
            b.append(ind + "}")
        return b

    w.append("agent {")
    w += body(agent)
    w.append("}")
    for t in tools:
        w.append("")
        w.append("tool %s {" % t.name)
        w += body(t)
        w.append("}")
    if top_quota:
        w.append("")
        w.append("quota {")
        for k, v in top_quota.items():
            w.append("    %s %s" % (k, v))
        w.append("}")
    w.append("")
    for c in chunks(r, top["fs"]):
        w.append("deny fs " + ", ".join(q(p) for p in c))
    for t in [t for t in top["connect"] if not t.startswith(("tcp ", "udp "))]:
        w.append("deny net connect " + t)
    for c in chunks(r, [t for t in top["connect"] if t.startswith(("tcp ", "udp "))]):
        w.append("deny net connect " + ", ".join(c))
    for c in chunks(r, top["sys"]):
        w.append("deny sys " + ", ".join(c))
    return "\n".join(w) + "\n"


# ---- YAML -----------------------------------------------------------------

def yq(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def emit_yaml(header, agent, tools, top, top_quota, n, seed):
    r = random.Random(seed + 2)
    w = ["# nono-bench: rules=%d seed=%d (generated by bench/gen-policy.py)" % (n, seed)]
    w.append("policy: {name: %s, version: %d}" % (header["name"], header["version"]))
    if header["use"]:
        w.append("use: [%s]" % ", ".join(header["use"]))
    w.append("mode: enforce")
    if header["require"]:
        w.append("require: [%s]" % ", ".join(header["require"]))

    def seq(ind, key, items, quote=True):
        """A sequence, flow style when short (sometimes), block otherwise."""
        if not items:
            return []
        vals = [yq(x) if quote else x for x in items]
        if len(items) <= 3 and r.random() < 0.6:
            return [ind + "%s: [%s]" % (key, ", ".join(vals))]
        return [ind + key + ":"] + [ind + "  - " + v for v in vals]

    def body(d, ind):
        b = []
        if d.sha:
            b.append(ind + "exec: {path: %s, sha256: %s}" % (yq(d.exec), yq(d.sha)))
        else:
            b.append(ind + "exec: " + d.exec)
        if d.measure:
            b.append(ind + "measure: {%s}" % ", ".join("%s: %s" % kv for kv in d.measure.items()))
        if any(d.fs.values()):
            b.append(ind + "fs:")
            for acc in ("read", "write", "exec"):
                b += seq(ind + "  ", acc, d.fs[acc])
        if d.net_none:
            b.append(ind + "net: none")
        elif d.connect or d.bind or d.unix:
            b.append(ind + "net:")
            b += seq(ind + "  ", "connect", d.connect)
            b += seq(ind + "  ", "bind", d.bind)
            b += seq(ind + "  ", "unix", d.unix)
        if d.proc:
            b.append(ind + "proc: [%s]" % ", ".join(d.proc))
        if d.sys_deny or d.sys_allow:
            b.append(ind + "sys:")
            b += seq(ind + "  ", "deny", d.sys_deny)
            b += seq(ind + "  ", "allow", d.sys_allow, quote=False) if d.sys_allow else []
        if d.env_pass or d.env_set:
            b.append(ind + "env:")
            b += seq(ind + "  ", "pass", d.env_pass, quote=False)
            if d.env_set:
                b.append(ind + "  set:")
                b += [ind + "    %s: %s" % (k, yq(v)) for k, v in d.env_set.items()]
        if d.quota:
            b.append(ind + "quota:")
            b += quota(d.quota, ind + "  ")
        return b

    def quota(qs, ind):
        # Same order as the nono block: io read/write as one `io:` mapping
        # where the first of them comes.
        b = []
        io = {k[3:]: v for k, v in qs.items() if k.startswith("io ")}
        for k, v in qs.items():
            if not k.startswith("io "):
                b.append(ind + "%s: %s" % (k, v))
            elif io:
                b.append(ind + "io: {%s}" % ", ".join("%s: %s" % kv for kv in io.items()))
                io = None
        return b

    w.append("agent:")
    w += body(agent, "  ")
    w.append("tools:")
    for t in tools:
        w.append("  %s:" % t.name)
        w += body(t, "    ")
    if top_quota:
        w.append("quota:")
        w += quota(top_quota, "  ")
    if top["fs"] or top["connect"] or top["sys"]:
        w.append("deny:")
        w += seq("  ", "fs", top["fs"])
        if top["connect"]:
            w.append("  net:")
            w += seq("    ", "connect", top["connect"])
        w += seq("  ", "sys", top["sys"])
    return "\n".join(w) + "\n"


def main():
    ap = argparse.ArgumentParser(description="Generate an N-rule nono policy (nono syntax and YAML twins).")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("rules", type=int, help="number of rules (N)")
    ap.add_argument("prefix", help="output prefix: writes PREFIX.nono and PREFIX.yaml")
    a = ap.parse_args()
    if a.rules < 3:
        ap.error("N must be at least 3")
    model = gen(a.rules, a.seed)
    n = model[-1]
    with open(a.prefix + ".nono", "w", encoding="utf-8") as f:
        f.write(emit_nono(*model[:-1], n, a.seed))
    with open(a.prefix + ".yaml", "w", encoding="utf-8") as f:
        f.write(emit_yaml(*model[:-1], n, a.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
