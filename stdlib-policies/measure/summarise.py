#!/usr/bin/python3 -I
"""Reduce an `strace -f -y` log to the set of paths a workload touched.

usage: summarise.py LOG WORKDIR [--absent] [--collapse N] [--syscalls BASE.nono]
                     [--check POLICY.nono[,POLICY.nono...]]

Each path is printed once with the union of what was done to it:
  r  opened for reading (files and directories)
  w  opened for writing, created, renamed, removed, chmod-ed ...
  x  execve() succeeded on it
  m  mmap()-ed with PROT_EXEC (shared libraries, python extension modules)
  s  only looked up: stat/access/readlink/chdir (metadata, no content)
The path printed is the one the kernel resolved (strace -y shows the fd's
path), followed by `<= requested` when the program asked for another name
(a symlink on the way: /lib64 -> usr/lib64, /etc/alternatives/...).

Scratch locations are rewritten: WORKDIR/home -> ~, WORKDIR/proj-* ->
$WORKDIR, the rest of WORKDIR -> $MEASURE. Failed lookups (ENOENT etc.) are
listed with --absent: they show what a program probes for and does without.
With --collapse N, a directory in which N or more distinct entries were
read is shown as one `dir/* (k entries)` line. With --syscalls, the names of
the system calls made are listed too, and those that BASE.nono denies by
name or by one of its @groups (read from the comment table in that file).

With --check, instead of the list, print each path the workload read,
wrote, executed or mapped executable that the `fs` rules of the given
policies (and the std policies they `use`) do not allow, or deny. Paths the
including policy is expected to grant or that programs run without
($WORKDIR, $MEASURE: the workload's own files, /tmp, /proc, /sys) are
skipped. Glob semantics assumed: `*` within one component, `**` any number
of components including none, and `DIR/**` covers DIR itself. A rule naming
a symlink also covers the file it resolves to (as an inode-based layer
sees it).
"""
import os
import re
import sys

FD_RET = re.compile(r'= (-?\d+)<(.*)>$')
RET = re.compile(r'= (-?\d+|0x[0-9a-f]+|\?)(?: ([A-Z]+) \(.*\))?$')
CALL = re.compile(r'^(\d+) +([a-z0-9_]+)\((.*)$')
STR = re.compile(r'"((?:[^"\\]|\\.)*)"')

WRITE_CALLS = {'mkdir', 'mkdirat', 'rename', 'renameat', 'renameat2', 'unlink',
               'unlinkat', 'rmdir', 'symlink', 'symlinkat', 'link', 'linkat',
               'chmod', 'fchmodat', 'chown', 'fchownat', 'lchown', 'utimensat',
               'utime', 'utimes', 'futimesat', 'truncate', 'creat', 'mknod',
               'mknodat', 'setxattr', 'lsetxattr', 'removexattr', 'lremovexattr'}
META_CALLS = {'stat', 'lstat', 'newfstatat', 'fstatat64', 'statx', 'access',
              'faccessat', 'faccessat2', 'readlink', 'readlinkat', 'chdir',
              'getxattr', 'lgetxattr', 'listxattr', 'llistxattr', 'statfs',
              'inotify_add_watch'}


def unescape(s):
    return bytes(s, 'utf-8').decode('unicode_escape').encode('latin-1').decode('utf-8', 'replace')


def join_lines(lines):
    """Glue `<unfinished ...>` / `<... resumed>` pairs back together."""
    pending = {}
    for line in lines:
        line = line.rstrip('\n')
        m = re.match(r'^(\d+) +(.*)$', line)
        if not m:
            continue
        pid, rest = m.groups()
        if rest.endswith('<unfinished ...>'):
            pending[pid] = rest[:-len('<unfinished ...>')].rstrip()
            continue
        r = re.match(r'^<\.\.\. [a-z0-9_]+ resumed>(.*)$', rest)
        if r:
            rest = pending.pop(pid, '') + r.group(1)
        yield pid + ' ' + rest


class Paths:
    def __init__(self, work):
        self.work = work.rstrip('/')
        self.seen = {}      # resolved path -> set of flags
        self.asked = {}     # resolved path -> set of requested names
        self.absent = {}    # requested path -> errno

    def name(self, p):
        w = self.work
        if p == w + '/home' or p.startswith(w + '/home/'):
            return '~' + p[len(w) + 5:]
        m = re.match(re.escape(w) + r'/proj-[a-z-]+(/.*)?$', p)
        if m:
            return '$WORKDIR' + (m.group(1) or '')
        if p == w or p.startswith(w + '/'):
            return '$MEASURE' + p[len(w):]
        return p

    def add(self, resolved, flag, requested=None):
        r = self.name(resolved)
        self.seen.setdefault(r, set()).add(flag)
        if requested and requested != resolved and requested.startswith('/'):
            q = self.name(requested)
            if q != r:
                self.asked.setdefault(r, set()).add(q)


def parse(log, work):
    P = Paths(work)
    P.syscalls = set()
    with open(log, encoding='utf-8', errors='replace') as f:
        for line in join_lines(f):
            m = CALL.match(line)
            if not m:
                continue
            _pid, call, rest = m.groups()
            P.syscalls.add(call)
            strs = [unescape(s) for s in STR.findall(rest)]
            fdret = FD_RET.search(rest)
            ret = RET.search(rest)
            failed = ret is not None and ret.group(2) is not None
            if call in ('open', 'openat', 'openat2', 'creat'):
                if fdret:
                    w = any(f in rest for f in ('O_WRONLY', 'O_RDWR', 'O_CREAT', 'O_TRUNC'))
                    P.add(fdret.group(2), 'w' if w else 'r', strs[0] if strs else None)
                elif failed and strs:
                    P.absent.setdefault(P.name(strs[0]), ret.group(2))
            elif call in ('execve', 'execveat'):
                if ret and not failed and strs:
                    # the kernel follows symlinks; strace shows the name asked for
                    P.add(os.path.realpath(strs[0]), 'x', strs[0])
                elif failed and strs:
                    P.absent.setdefault(P.name(strs[0]), ret.group(2))
            elif call == 'mmap':
                mm = re.search(r'PROT_[A-Z|]*EXEC[A-Z_|]*, [A-Z_|]+, \d+<([^>]*)>', rest)
                if mm and not failed:
                    P.add(mm.group(1), 'm')
            elif call in WRITE_CALLS or call in META_CALLS:
                if not strs or strs[0] == '':
                    continue    # fstat-like (AT_EMPTY_PATH on an fd): seen via open
                # *at() calls with a decoded dirfd: "3</dir>, "name""
                path = strs[0]
                at = re.match(r'(\d+)<([^>]*)>, "', rest)
                if at and not path.startswith('/'):
                    path = at.group(2).rstrip('/') + '/' + path
                if failed:
                    if path.startswith('/'):
                        P.absent.setdefault(P.name(path), ret.group(2))
                    continue
                if not path.startswith('/'):
                    continue    # relative metadata lookups: not worth a cwd tracker
                P.add(path, 'w' if call in WRITE_CALLS else 's')
    return P


def base_denied(path):
    """The names std/base denies: its `sys deny` names, plus the members of
    its @groups as listed in the `#   @group: a b c` table in its comments."""
    names, groups = set(), {}
    with open(path) as f:
        for line in f:
            g = re.match(r'#\s+(@[a-z-]+):\s+(.*)$', line)
            if g:
                groups.setdefault(g.group(1), set()).update(g.group(2).split())
                continue
            d = re.match(r'\s*sys deny (.*)$', line.split('#')[0])
            if d:
                names |= {x.strip() for x in d.group(1).split(',') if x.strip()}
    out = set()
    for n in names:
        out |= groups.get(n, set()) if n.startswith('@') else {n}
    return out


ACCESS = {'r': 'read', 'w': 'write', 'x': 'exec', 'm': 'exec'}
SKIP = ('$WORKDIR', '$MEASURE', '/tmp', '/proc', '/sys')


def glob_re(pat):
    out, i = '', 0
    while i < len(pat):
        if pat.startswith('/**/', i):
            out += '(?:/.*)?/'
            i += 4
        elif pat.startswith('/**', i) and i + 3 == len(pat):
            out += '(?:/.*)?'
            i += 3
        elif pat.startswith('**', i):
            out += '.*'
            i += 2
        elif pat[i] == '*':
            out += '[^/]*'
            i += 1
        else:
            out += re.escape(pat[i])
            i += 1
    return re.compile(out + '$')


def load_rules(path, home, seen=None):
    """(allow, deny): lists of (access set, regex) from a policy and the
    std policies it uses (resolved next to it)."""
    seen = set() if seen is None else seen
    if path in seen:
        return [], []
    seen.add(path)
    allow, deny = [], []
    text = open(path).read()
    # join statements continued after a comma
    text = re.sub(r',\s*(#[^\n]*)?\n\s*', ', ', text)
    for line in text.splitlines():
        line = re.sub(r'\s#.*$', '', line).strip()
        u = re.match(r'use "std/([a-z-]+)"', line)
        if u:
            a, d = load_rules(os.path.join(os.path.dirname(path), u.group(1) + '.nono'), home, seen)
            allow += a
            deny += d
            continue
        m = re.match(r'(deny )?fs((?: (?:read|write|exec))*) (".*)$', line)
        if not m:
            continue
        acc = set(m.group(2).split()) or {'read', 'write', 'exec'}
        for p in re.findall(r'"([^"]*)"', m.group(3)):
            pats = {p}
            if p.startswith('~'):
                pats = {'~' + p[1:]}
            # a rule naming a symlink covers its target too
            if '*' not in p and not p.startswith(('~', '$')):
                pats.add(os.path.realpath(p))
            elif '*' in p and not p.startswith(('~', '$')):
                head, _, tail = p.partition('*')
                d = head.rsplit('/', 1)[0]
                rd = os.path.realpath(d)
                if rd != d:
                    pats.add(rd + p[len(d):])
            for q in pats:
                (deny if m.group(1) else allow).append((acc, glob_re(q)))
    return allow, deny


def check(P, policies):
    allow, deny = [], []
    for pol in policies:
        a, d = load_rules(pol, None)
        allow += a
        deny += d
    problems = 0
    for p, fs in sorted(P.seen.items()):
        if p.startswith(SKIP):
            continue
        for f in sorted(set(fs) & set(ACCESS)):
            need = ACCESS[f]
            names = {p} | P.asked.get(p, set())
            ok = any(need in acc and rx.match(n) for acc, rx in allow for n in names)
            bad = any(need in acc and rx.match(n) for acc, rx in deny for n in names)
            if bad or not ok:
                problems += 1
                print('  %-6s %-5s %s' % ('DENIED' if bad else 'NOT', need, p))
    print('  %d path(s) the policies do not cover' % problems)


def flags(fs):
    order = 'rwxms'
    f = ''.join(c for c in order if c in fs)
    return f if f == 's' else f.replace('s', '')


def main():
    args = sys.argv[1:]
    absent = '--absent' in args
    collapse = 0
    if '--collapse' in args:
        collapse = int(args[args.index('--collapse') + 1])
    policies = None
    if '--check' in args:
        policies = args[args.index('--check') + 1]
        args.remove(policies)
        policies = policies.split(',')
    syscalls = None
    if '--syscalls' in args:
        syscalls = args[args.index('--syscalls') + 1]
        args.remove(syscalls)
    pos = [a for a in args if not a.startswith('--') and not a.isdigit()]
    P = parse(pos[0], pos[1])
    if policies:
        check(P, policies)
        return
    entries = sorted(P.seen.items())
    if collapse:
        by_dir = {}
        for p, fs in entries:
            if flags(fs) in ('r', 'm', 'rm'):
                by_dir.setdefault(p.rsplit('/', 1)[0], []).append(p)
        big = {d for d, ps in by_dir.items() if len(ps) >= collapse}
        done = set()
        for p, fs in entries:
            d = p.rsplit('/', 1)[0]
            if d in big and flags(fs) in ('r', 'm', 'rm'):
                if d not in done:
                    done.add(d)
                    fl = ''.join(sorted(set(''.join(flags(P.seen[q]) for q in by_dir[d])),
                                        key='rwxms'.index))
                    print('  %-4s %s/* (%d entries)' % (fl, d, len(by_dir[d])))
                continue
            extra = ''
            if p in P.asked:
                extra = '  <= ' + ', '.join(sorted(P.asked[p]))
            print('  %-4s %s%s' % (flags(fs), p, extra))
    else:
        for p, fs in entries:
            extra = ''
            if p in P.asked:
                extra = '  <= ' + ', '.join(sorted(P.asked[p]))
            print('  %-4s %s%s' % (flags(fs), p, extra))
    if syscalls:
        print('  -- system calls made --')
        names = sorted(P.syscalls)
        for i in range(0, len(names), 8):
            print('  ' + ' '.join(names[i:i + 8]))
        denied = sorted(P.syscalls & base_denied(syscalls))
        print('  -- of which std/base denies: %s' % (' '.join(denied) or 'none'))
    if absent:
        print('  -- probed but absent/refused --')
        for p, e in sorted(P.absent.items()):
            if p not in P.seen:
                print('  %-6s %s' % (e, p))


if __name__ == '__main__':
    main()
