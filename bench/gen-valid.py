#!/usr/bin/env python3
"""A valid (error-free) N-rule policy for the compile benchmark: an agent
and one tool per 50 rules, each with its own fs trees, network
destinations and a few top-level denies, deterministic. Usage:
gen-valid.py N OUT.nono"""
import sys

n, out = int(sys.argv[1]), sys.argv[2]
lines = ['policy "bench-%d" version 1' % n, 'use "std/base"', "mode enforce", ""]
ntools = min(60, max(1, n // 50))  # the BPF programs take at most 64 domains
per = max(1, n // (ntools + 1))
made = 0


def body(d):
    global made
    rows = []
    for i in range(per):
        if made >= n:
            break
        k = i % 4
        if k == 0:
            rows.append('    fs read "/srv/d%d/r%d/**"' % (d, i))
        elif k == 1:
            rows.append('    fs write "/srv/d%d/w%d/**"' % (d, i))
        elif k == 2:
            rows.append("    net connect tcp 10.%d.%d.%d:%d" % (d % 250, (i // 250) % 250, i % 250 + 1, 1024 + i % 60000))
        else:
            rows.append('    deny fs write "/srv/d%d/r%d/secret/**"' % (d, i - 3))
        made += 1
    return rows


lines += ["agent {", '    exec "/usr/bin/python3"'] + body(0) + ["}", ""]
for t in range(1, ntools + 1):
    lines += ["tool t%05d {" % t, '    exec "/opt/tools/t%05d"' % t] + body(t) + ["}", ""]
lines += ['deny fs "/etc/shadow"', "deny net connect 169.254.169.254"]
open(out, "w").write("\n".join(lines) + "\n")
