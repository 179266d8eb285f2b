#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Check that every BPF-LSM program of an object returns a constant.

    check-lsm-returns.py OBJDUMP OBJ

Linux 6.12 rejects an LSM program unless its return value is provably in
[-4095, 0] (../shared/docs/KERNEL-TESTING.md); clang once folded a chain of
ifs into `r0 = -r0`, which 6.1 accepted and 6.12 did not. BPF-LSM programs
cannot be loaded on the build machine, so this is checked statically: a
forward data-flow pass over each lsm/ section's disassembly (llvm-objdump)
tracks which constants each register (and each 8-byte stack slot) may hold,
and at every `exit` r0 must be a known set of constants within
[-4095, 0], held as a full 64-bit value (`w0` writes zero-extend: refused).

Prints one line per section; exit status 1 if any fails.
"""
import re
import subprocess
import sys

UNKNOWN = None
MAXSET = 8

INSN = re.compile(r"^\s*(\d+):\s+(.*?)\s*$")
GOTO = re.compile(r"^goto ([+-]\d+)")
COND = re.compile(r"^if .* goto ([+-]\d+)")
MOVIMM = re.compile(r"^r(\d) = (-?\d+)( ll)?$")
MOVREG = re.compile(r"^r(\d) = r(\d)$")
SPILL = re.compile(r"^\*\(u64 \*\)\(r10 ([+-]) (\d+)\) = r(\d)$")
FILL = re.compile(r"^r(\d) = \*\(u64 \*\)\(r10 ([+-]) (\d+)\)$")
WRITE = re.compile(r"^([rw])(\d+) (?:[-+*/%&|^]|<<|>>|s>>)?=")
SECTION = re.compile(r"^Disassembly of section (\S+):")
FUNC = re.compile(r"^[0-9a-f]+ <([^>]+)>:$")


def join(a, b):
    if a is UNKNOWN or b is UNKNOWN:
        return UNKNOWN
    u = a | b
    return UNKNOWN if len(u) > MAXSET else u


def join_state(s, t):
    regs = tuple(join(x, y) for x, y in zip(s[0], t[0]))
    keys = set(s[1]) & set(t[1])
    stack = {k: join(s[1][k], t[1][k]) for k in keys}
    return (regs, stack)


def step(insn, state):
    regs, stack = list(state[0]), dict(state[1])
    m = MOVIMM.match(insn)
    if m:
        regs[int(m.group(1))] = frozenset([int(m.group(2))])
        return (tuple(regs), stack)
    m = MOVREG.match(insn)
    if m:
        regs[int(m.group(1))] = regs[int(m.group(2))]
        return (tuple(regs), stack)
    m = SPILL.match(insn)
    if m:
        off = -int(m.group(2)) if m.group(1) == "-" else int(m.group(2))
        stack[off] = regs[int(m.group(3))]
        return (tuple(regs), stack)
    m = FILL.match(insn)
    if m:
        off = -int(m.group(3)) if m.group(2) == "-" else int(m.group(3))
        regs[int(m.group(1))] = stack.get(off, UNKNOWN)
        return (tuple(regs), stack)
    if insn.startswith("call"):
        for r in range(6):  # r0 result, r1-r5 clobbered
            regs[r] = UNKNOWN
        return (tuple(regs), stack)
    if insn.startswith("*(") and "(r10" in insn:
        stack = {}  # any other store to the stack: forget what we knew
        return (tuple(regs), stack)
    m = WRITE.match(insn)
    if m and not insn.startswith("*("):
        regs[int(m.group(2))] = UNKNOWN
    return (tuple(regs), stack)


def check_section(name, insns, entries):
    """insns: list of (index, text); entries: indexes where a program starts."""
    idx = {i: n for n, (i, _) in enumerate(insns)}
    entry = (tuple([UNKNOWN] * 11), {})
    states = {idx[e]: entry for e in entries if e in idx}
    work = list(states)
    problems = []
    seen_exit = {}
    while work:
        n = work.pop()
        i, text = insns[n]
        text = re.sub(r"\s*<.*>$", "", text)
        st = step(text, states[n])
        succ = []
        m = GOTO.match(text)
        c = COND.match(text)
        if text == "exit":
            seen_exit[i] = st[0][0]
        elif m:
            succ.append(i + 1 + int(m.group(1)))
        elif c:
            succ.append(i + 1 + int(c.group(1)))
            succ.append(i + 2 if text.endswith(" ll") else i + 1)
        else:
            succ.append(insns[n + 1][0] if n + 1 < len(insns) else None)
        for s in succ:
            if s is None or s not in idx:
                problems.append(f"insn {i}: jump to {s} outside the section")
                continue
            k = idx[s]
            if k not in states:
                states[k] = st
                work.append(k)
            else:
                j = join_state(states[k], st)
                if j != states[k]:
                    states[k] = j
                    work.append(k)
    for i, r0 in sorted(seen_exit.items()):
        if r0 is UNKNOWN:
            problems.append(f"insn {i}: exit with a computed r0")
        elif any(v < -4095 or v > 0 for v in r0):
            problems.append(f"insn {i}: exit with r0 in {sorted(r0)}, outside [-4095, 0]")
    if not seen_exit:
        problems.append("no exit found")
    return problems


def main():
    objdump, obj = sys.argv[1], sys.argv[2]
    text = subprocess.run([objdump, "-d", "--no-show-raw-insn", obj], check=True, capture_output=True,
                          text=True).stdout
    sections, entries, cur, pending = {}, {}, None, False
    for line in text.splitlines():
        m = SECTION.match(line)
        if m:
            cur = m.group(1) if m.group(1).startswith("lsm/") else None
            if cur:
                sections[cur], entries[cur] = [], []
            continue
        m = FUNC.match(line)
        if m:
            pending = not m.group(1).startswith("LBB")
            continue
        m = INSN.match(line)
        if cur and m:
            sections[cur].append((int(m.group(1)), m.group(2)))
            if pending:
                entries[cur].append(int(m.group(1)))
                pending = False
    failed = 0
    for name, insns in sections.items():
        problems = check_section(name, insns, entries[name])
        if problems:
            failed += 1
            print(f"FAIL {name}: " + "; ".join(problems[:3]))
    if not sections:
        print("FAIL no lsm/ sections")
        failed = 1
    else:
        print(f"lsm-returns: {len(sections) - failed} of {len(sections)} sections return constants in [-4095, 0]")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
