/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The seccomp back end (seccomp.h states the semantics).
 *
 * Program layout, as nono_cbpf_disasm() prints it (std/base's deny list on
 * x86_64, abbreviated; tests/golden/seccomp/ has the whole programs):
 *
 *	0000: ld [arch]                                            ─┐ header:
 *	0001: jeq #0xc000003e, 0002, 0004        ; AUDIT_ARCH_X86_64 │ architecture,
 *	0002: ld [nr]                                                │ x32 (x86_64
 *	0003: jset #0x40000000, 0004, 0005       ; __X32_SYSCALL_BIT │ only), both to
 *	0004: ret KILL_PROCESS                                     ─┘ bad_arch_action
 *	0005: jge #0xed, 0034, 0006              ; >= mbind        ─┐ balanced binary
 *	0006: jge #0x9f, 0022, 0007              ; >= adjtimex       │ search over the
 *	0007: jge #0x68, 0016, 0008              ; >= getgid         │ ranges: `jge lo`
 *	0008: jge #0x65, 0014, 0009              ; >= ptrace         │ goes right, the
 *	0009: jge #0x10, 0010, 0060              ; >= ioctl          │ left half falls
 *	0010: jge #0x11, 0060, 0011              ; >= pread64       ─┘ through
 *	0011: ld [args[1].lo]                                      ─┐ ioctl (16): the
 *	0012: jeq #0x5412, 0061, 0013            ; TIOCSTI           │ request's low
 *	0013: jeq #0x541c, 0061, 0060            ; TIOCLINUX        ─┘ word only
 *	0014: jge #0x66, 0015, 0061              ; >= getuid
 *	 ...
 *	0059: jge #0x1bb, 0060, 0061             ; >= quotactl_fd
 *	0060: ret ALLOW                                            ─┐ one return per
 *	0061: ret ERRNO(EPERM)                                     ─┘ action in reach
 *
 * 62 instructions for 45 rules (26 names and groups, 53 ranges): a syscall
 * is decided after the 2 comparisons of the header and at most 6 in the
 * tree (ioctl: 2 more). On aarch64 the header is `ld [arch]; jeq; ret
 * bad_arch_action; ld [nr]` and ioctl is 29.
 *
 * How it is built:
 *
 *  1. Normalise (normalise()): cut 0..0xffffffff at every rule's ends (and
 *     around ioctl), give each piece the action of the most restrictive rule
 *     covering it (rules taken in precedence order, each piece painted
 *     once, with a "next unpainted piece" union-find so overlapping rules
 *     cost O(n log n) in all), the default action where none does, mark
 *     ioctl's piece when its request must be checked, and merge neighbours
 *     that ended up the same. The ranges cover the whole 32-bit space, so
 *     the search needs no "not found" case.
 *
 *  2. Emit backwards (struct emitter). Instructions are appended to a
 *     reversed array, so whatever a jump targets is already placed and its
 *     distance known. A subtree returns either a placed label or a pending
 *     action ("return X"); the parent jump resolves pending actions by
 *     reusing a `ret X` already placed within reach, or placing one right
 *     behind itself. The tree splits the ranges in half at every level:
 *     `jge #ranges[mid].lo` goes right, falls through left (left is placed
 *     last, directly after the jump). The depth is ceil(log2(ranges)), so a
 *     syscall costs a handful of comparisons whatever the list's length.
 *
 *  3. Long jumps. A conditional jump reaches at most 255 instructions
 *     ahead. When a placed target is farther, an unconditional `ja` (32-bit
 *     offset) is placed right behind the jump as a trampoline; a pending
 *     action farther than that gets a fresh `ret` instead (the same cost,
 *     and nearer for the next jumps).
 *
 *  4. Refuse programs longer than BPF_MAXINSNS (4096): the kernel would.
 *
 * Every choice depends only on the spec (no hashing, no addresses, sorting
 * with total orders), so the same spec gives the same bytes.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/audit.h>

#include "seccomp.h"
#include "syscalls.h"

#define X32_SYSCALL_BIT 0x40000000u
#define TIOCSTI_NR      0x5412u
#define TIOCLINUX_NR    0x541cu
#define JUMP_MAX        255u

/*
 * The architectures nono targets. Both are little-endian, so the low 32
 * bits of a 64-bit argument are the first word of args[i]; a big-endian
 * target would read offset + 4. ioctl's number is data here, not a lookup,
 * so that the emitter does not depend on the syscall table (the unit tests
 * check it against the table; only nono_seccomp_rules_from_names reads it).
 */
struct sc_arch {
	uint32_t audit_arch;
	const char *name;
	int x32_check;
	uint32_t ioctl_nr;
	uint32_t arg1_lo;    /* offset of the low word of args[1] */
};

static const struct sc_arch arches[] = {
	{ AUDIT_ARCH_X86_64, "x86_64", 1, 16, offsetof(struct seccomp_data, args[1]) },
	{ AUDIT_ARCH_AARCH64, "aarch64", 0, 29, offsetof(struct seccomp_data, args[1]) },
};

static const struct sc_arch *find_arch(uint32_t audit_arch)
{
	for (size_t i = 0; i < sizeof(arches) / sizeof(arches[0]); i++)
		if (arches[i].audit_arch == audit_arch)
			return &arches[i];
	return NULL;
}

const char *nono_seccomp_arch_name(uint32_t audit_arch)
{
	const struct sc_arch *a = find_arch(audit_arch);

	return a ? a->name : NULL;
}

static void set_err(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (!err || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* Restrictiveness of an action (higher wins), or -1 for no valid action. */
static int rank(uint32_t action)
{
	switch (action & SECCOMP_RET_ACTION_FULL) {
	case SECCOMP_RET_KILL_PROCESS: return 7;
	case SECCOMP_RET_KILL_THREAD: return 6;
	case SECCOMP_RET_TRAP: return 5;
	case SECCOMP_RET_ERRNO: return 4;
	case SECCOMP_RET_USER_NOTIF: return 3;
	case SECCOMP_RET_TRACE: return 2;
	case SECCOMP_RET_LOG: return 1;
	case SECCOMP_RET_ALLOW: return 0;
	}
	return -1;
}

/* Does rule a take precedence over rule b (both valid)? A total order. */
static int rule_before(const struct nono_sc_rule *ra, size_t ia, const struct nono_sc_rule *rb, size_t ib)
{
	int ka = rank(ra->action), kb = rank(rb->action);

	if (ka != kb)
		return ka > kb;
	if (ra->rule_id != rb->rule_id)
		return ra->rule_id < rb->rule_id;
	return ia < ib;
}

static int validate(const struct nono_sc_spec *spec, const struct sc_arch **arch, char *err, size_t errlen)
{
	if (!spec) {
		set_err(err, errlen, "no seccomp spec");
		return -1;
	}
	*arch = find_arch(spec->audit_arch);
	if (!*arch) {
		set_err(err, errlen, "unsupported architecture 0x%08x: nono targets x86_64 and aarch64",
			spec->audit_arch);
		return -1;
	}
	if (rank(spec->default_action) < 0) {
		set_err(err, errlen, "invalid default action 0x%08x", spec->default_action);
		return -1;
	}
	if (rank(spec->bad_arch_action) < 0) {
		set_err(err, errlen, "invalid bad-architecture action 0x%08x", spec->bad_arch_action);
		return -1;
	}
	if (spec->block_tty_inject && rank(spec->tty_inject_action) < 0) {
		set_err(err, errlen, "invalid tty-injection action 0x%08x", spec->tty_inject_action);
		return -1;
	}
	if (spec->nrules && !spec->rules) {
		set_err(err, errlen, "%zu rules but no rule array", spec->nrules);
		return -1;
	}
	for (size_t i = 0; i < spec->nrules; i++) {
		const struct nono_sc_rule *r = &spec->rules[i];

		if (rank(r->action) < 0) {
			set_err(err, errlen, "rule %zu (id %u): invalid action 0x%08x", i, r->rule_id, r->action);
			return -1;
		}
		if (r->nr_lo > r->nr_hi) {
			set_err(err, errlen, "rule %zu (id %u): empty range %u..%u", i, r->rule_id, r->nr_lo,
				r->nr_hi);
			return -1;
		}
	}
	return 0;
}

/* ---- the reference: straight from the rules ---------------------------------- */

uint32_t nono_seccomp_verdict(const struct nono_sc_spec *spec, const struct seccomp_data *data, uint32_t *rule_id)
{
	const struct sc_arch *arch;
	const struct nono_sc_rule *best = NULL;
	size_t best_i = 0;
	uint32_t id = NONO_SC_RULE_BAD_ARCH, action;
	uint32_t nr;

	if (validate(spec, &arch, NULL, 0) < 0 || !data) {
		action = SECCOMP_RET_KILL_PROCESS;
		goto out;
	}
	nr = (uint32_t)data->nr;
	if (data->arch != spec->audit_arch || (arch->x32_check && (nr & X32_SYSCALL_BIT))) {
		action = spec->bad_arch_action;
		goto out;
	}
	for (size_t i = 0; i < spec->nrules; i++) {
		const struct nono_sc_rule *r = &spec->rules[i];

		if (nr >= r->nr_lo && nr <= r->nr_hi && (!best || rule_before(r, i, best, best_i))) {
			best = r;
			best_i = i;
		}
	}
	action = best ? best->action : spec->default_action;
	id = best ? best->rule_id : NONO_SC_RULE_DEFAULT;
	if (spec->block_tty_inject && nr == arch->ioctl_nr && rank(spec->tty_inject_action) > rank(action)) {
		uint32_t req = (uint32_t)(data->args[1] & 0xffffffffu);

		if (req == TIOCSTI_NR || req == TIOCLINUX_NR) {
			action = spec->tty_inject_action;
			id = NONO_SC_RULE_TTY;
		}
	}
out:
	if (rule_id)
		*rule_id = id;
	return action;
}

/* ---- 1. normalise ---------------------------------------------------------------- */

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* qsort has no context argument: the rules being ordered, for cmp_prec. */
struct prec_item {
	const struct nono_sc_rule *r;
	size_t i;
};

static int cmp_prec(const void *a, const void *b)
{
	const struct prec_item *x = a, *y = b;

	if (x->i == y->i)
		return 0;
	return rule_before(x->r, x->i, y->r, y->i) ? -1 : 1;
}

/* Index of the piece starting at @v (present by construction). */
static size_t piece_of(const uint32_t *starts, size_t n, uint32_t v)
{
	size_t lo = 0, hi = n;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (starts[mid] <= v)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static size_t next_unpainted(size_t *next, size_t i)
{
	size_t root = i;

	while (next[root] != root)
		root = next[root];
	while (next[i] != root) { /* path compression */
		size_t up = next[i];

		next[i] = root;
		i = up;
	}
	return root;
}

static int normalise(const struct nono_sc_spec *spec, const struct sc_arch *arch, struct nono_sc_range **out,
		     size_t *nout, char *err, size_t errlen)
{
	size_t cap = 2 * spec->nrules + 3, n = 0, np;
	uint32_t *starts = NULL, *action = NULL;
	size_t *next = NULL;
	struct prec_item *order = NULL;
	struct nono_sc_range *ranges = NULL;
	int ioctl_check = 0;

	*out = NULL;
	*nout = 0;
	if (spec->nrules > (SIZE_MAX - 3) / 2 / sizeof(struct nono_sc_range))
		goto oom;
	starts = malloc(cap * sizeof(*starts));
	if (!starts)
		goto oom;

	/* Pieces: every rule's lo and hi + 1, 0, and ioctl on its own. */
	starts[n++] = 0;
	for (size_t i = 0; i < spec->nrules; i++) {
		starts[n++] = spec->rules[i].nr_lo;
		if (spec->rules[i].nr_hi != 0xffffffffu)
			starts[n++] = spec->rules[i].nr_hi + 1;
	}
	if (spec->block_tty_inject) {
		starts[n++] = arch->ioctl_nr;
		starts[n++] = arch->ioctl_nr + 1;
	}
	qsort(starts, n, sizeof(*starts), cmp_u32);
	np = 0;
	for (size_t i = 0; i < n; i++)
		if (np == 0 || starts[i] != starts[np - 1])
			starts[np++] = starts[i];

	action = malloc(np * sizeof(*action));
	next = malloc((np + 1) * sizeof(*next));
	order = malloc((spec->nrules ? spec->nrules : 1) * sizeof(*order));
	if (!action || !next || !order)
		goto oom;
	for (size_t i = 0; i <= np; i++)
		next[i] = i;

	/* Paint: most restrictive rule first; each piece once. */
	for (size_t i = 0; i < spec->nrules; i++)
		order[i] = (struct prec_item){ &spec->rules[i], i };
	qsort(order, spec->nrules, sizeof(*order), cmp_prec);
	for (size_t o = 0; o < spec->nrules; o++) {
		const struct nono_sc_rule *r = order[o].r;
		size_t first = piece_of(starts, np, r->nr_lo), last = piece_of(starts, np, r->nr_hi);

		for (size_t p = next_unpainted(next, first); p <= last; p = next_unpainted(next, p)) {
			action[p] = r->action;
			next[p] = p + 1;
		}
	}
	for (size_t p = 0; p < np; p++)
		if (next_unpainted(next, p) == p)
			action[p] = spec->default_action;

	if (spec->block_tty_inject) {
		size_t p = piece_of(starts, np, arch->ioctl_nr);

		ioctl_check = rank(spec->tty_inject_action) > rank(action[p]);
	}

	/* Merge neighbours with the same action (never ioctl's checked piece). */
	ranges = malloc(np * sizeof(*ranges));
	if (!ranges)
		goto oom;
	n = 0;
	for (size_t p = 0; p < np; p++) {
		uint32_t hi = p + 1 < np ? starts[p + 1] - 1 : 0xffffffffu;
		int chk = ioctl_check && starts[p] == arch->ioctl_nr;

		if (n && !chk && !ranges[n - 1].ioctl_check && ranges[n - 1].action == action[p]) {
			ranges[n - 1].hi = hi;
			continue;
		}
		ranges[n++] = (struct nono_sc_range){ starts[p], hi, action[p], chk };
	}
	free(starts);
	free(action);
	free(next);
	free(order);
	*out = ranges;
	*nout = n;
	return 0;
oom:
	free(starts);
	free(action);
	free(next);
	free(order);
	free(ranges);
	set_err(err, errlen, "out of memory compiling the seccomp program for %s", arch->name);
	return -1;
}

int nono_seccomp_ranges(const struct nono_sc_spec *spec, struct nono_sc_range **ranges, size_t *n, char *err,
			size_t errlen)
{
	const struct sc_arch *arch;

	*ranges = NULL;
	*n = 0;
	if (validate(spec, &arch, err, errlen) < 0)
		return -1;
	return normalise(spec, arch, ranges, n, err, errlen);
}

/* ---- 2. emit backwards ------------------------------------------------------------ */

/*
 * rev[] holds the program back to front: rev[0] is its last instruction. A
 * label is an index into rev[]; it never changes once placed. An
 * instruction placed when the array holds `len` entries jumps to label t
 * with offset len - t - 1.
 */
struct emitter {
	struct sock_filter *rev;
	size_t len, cap;
	int oom;        /* 1: out of memory, 2: past EMIT_HARD_CAP, 3: a jump out of reach (a bug) */
	struct {
		uint32_t action;
		size_t label;   /* the nearest `ret action` placed so far */
	} *rets;
	size_t nrets, capr;
};

/* What a jump goes to: a placed instruction, or "return this action". */
struct target {
	int pending;
	size_t label;
	uint32_t action;
};

static struct target placed(size_t label)
{
	return (struct target){ 0, label, 0 };
}

static struct target pending(uint32_t action)
{
	return (struct target){ 1, 0, action };
}

/* Emitting stops growing past this: the result is refused anyway. */
#define EMIT_HARD_CAP (4 * NONO_SC_MAX_INSNS)

static size_t put(struct emitter *e, uint16_t code, uint8_t jt, uint8_t jf, uint32_t k)
{
	if (e->oom)
		return 0;
	if (e->len == e->cap) {
		size_t cap = e->cap ? 2 * e->cap : 64;
		struct sock_filter *rev;

		if (e->len >= EMIT_HARD_CAP || !(rev = realloc(e->rev, cap * sizeof(*rev)))) {
			e->oom = e->len >= EMIT_HARD_CAP ? 2 : 1;
			return 0;
		}
		e->rev = rev;
		e->cap = cap;
	}
	e->rev[e->len] = (struct sock_filter){ code, jt, jf, k };
	return e->len++;
}

static size_t put_ret(struct emitter *e, uint32_t action)
{
	size_t label = put(e, BPF_RET | BPF_K, 0, 0, action);

	if (e->oom)
		return 0;
	for (size_t i = 0; i < e->nrets; i++) {
		if (e->rets[i].action == action) {
			e->rets[i].label = label;
			return label;
		}
	}
	if (e->nrets == e->capr) {
		size_t cap = e->capr ? 2 * e->capr : 8;
		void *r = realloc(e->rets, cap * sizeof(*e->rets));

		if (!r) {
			e->oom = 1;
			return 0;
		}
		e->rets = r;
		e->capr = cap;
	}
	e->rets[e->nrets].action = action;
	e->rets[e->nrets].label = label;
	e->nrets++;
	return label;
}

/*
 * Make @t a label that an instruction placed after @slack more
 * instructions can reach with an 8-bit offset: reuse a `ret` in reach,
 * place a fresh `ret`, or place a `ja` trampoline.
 */
static size_t reach(struct emitter *e, struct target t, size_t slack)
{
	if (t.pending) {
		for (size_t i = 0; i < e->nrets; i++)
			if (e->rets[i].action == t.action && e->len + slack - e->rets[i].label - 1 <= JUMP_MAX)
				return e->rets[i].label;
		return put_ret(e, t.action);
	}
	if (e->len + slack - t.label - 1 <= JUMP_MAX)
		return t.label;
	return put(e, BPF_JMP | BPF_JA, 0, 0, (uint32_t)(e->len - t.label - 1));
}

/* Place `code #k, T, F`; returns its label. */
static size_t put_jump(struct emitter *e, uint16_t code, uint32_t k, struct target t, struct target f)
{
	size_t lf = reach(e, f, 1);   /* t may still add one instruction */
	size_t lt = reach(e, t, 0);

	if (e->oom)
		return 0;
	/* reach() guarantees both; never let a cast wrap an offset silently */
	if (e->len - lt - 1 > JUMP_MAX || e->len - lf - 1 > JUMP_MAX) {
		e->oom = 3;
		return 0;
	}
	return put(e, code, (uint8_t)(e->len - lt - 1), (uint8_t)(e->len - lf - 1), k);
}

/* Make @t the instruction right behind the next one placed (fall-through). */
static void fall_into(struct emitter *e, struct target t)
{
	if (t.pending) {
		if (!(e->len && e->rev[e->len - 1].code == (BPF_RET | BPF_K) && e->rev[e->len - 1].k == t.action))
			put_ret(e, t.action);
	} else if (t.label + 1 != e->len) {
		put(e, BPF_JMP | BPF_JA, 0, 0, (uint32_t)(e->len - t.label - 1));
	}
}

static struct target emit_ioctl(struct emitter *e, const struct nono_sc_spec *spec, const struct sc_arch *arch,
				uint32_t action)
{
	size_t l2 = put_jump(e, BPF_JMP | BPF_JEQ | BPF_K, TIOCLINUX_NR, pending(spec->tty_inject_action),
			     pending(action));
	size_t l1 = put_jump(e, BPF_JMP | BPF_JEQ | BPF_K, TIOCSTI_NR, pending(spec->tty_inject_action), placed(l2));

	fall_into(e, placed(l1));
	return placed(put(e, BPF_LD | BPF_W | BPF_ABS, 0, 0, arch->arg1_lo));
}

/* The search over ranges[lo, hi) (A holds nr). */
static struct target emit_tree(struct emitter *e, const struct nono_sc_spec *spec, const struct sc_arch *arch,
			       const struct nono_sc_range *r, size_t lo, size_t hi)
{
	if (hi - lo == 1)
		return r[lo].ioctl_check ? emit_ioctl(e, spec, arch, r[lo].action) : pending(r[lo].action);

	size_t mid = lo + (hi - lo) / 2;
	struct target right = emit_tree(e, spec, arch, r, mid, hi);
	struct target left = emit_tree(e, spec, arch, r, lo, mid);

	return placed(put_jump(e, BPF_JMP | BPF_JGE | BPF_K, r[mid].lo, right, left));
}

int nono_seccomp_compile(const struct nono_sc_spec *spec, struct sock_filter **prog, size_t *len, char *err,
			 size_t errlen)
{
	const struct sc_arch *arch;
	struct nono_sc_range *ranges = NULL;
	struct emitter e = { 0 };
	struct sock_filter *out;
	size_t n;

	*prog = NULL;
	*len = 0;
	if (validate(spec, &arch, err, errlen) < 0 || normalise(spec, arch, &ranges, &n, err, errlen) < 0)
		return -1;

	/* At least one comparison per range boundary: refuse hopeless specs early. */
	if (n > NONO_SC_MAX_INSNS) {
		set_err(err, errlen,
			"seccomp program for %s too long: %zu syscall ranges need more than %d instructions "
			"(the kernel's limit)",
			arch->name, n, NONO_SC_MAX_INSNS);
		free(ranges);
		return -1;
	}

	struct target tree = emit_tree(&e, spec, arch, ranges, 0, n);

	if (arch->x32_check)
		tree = placed(put_jump(&e, BPF_JMP | BPF_JSET | BPF_K, X32_SYSCALL_BIT, pending(spec->bad_arch_action),
				       tree));
	fall_into(&e, tree);
	size_t load_nr = put(&e, BPF_LD | BPF_W | BPF_ABS, 0, 0, offsetof(struct seccomp_data, nr));

	put_jump(&e, BPF_JMP | BPF_JEQ | BPF_K, spec->audit_arch, placed(load_nr), pending(spec->bad_arch_action));
	put(&e, BPF_LD | BPF_W | BPF_ABS, 0, 0, offsetof(struct seccomp_data, arch));
	free(ranges);
	free(e.rets);

	if (e.oom == 1 || e.oom == 3) {
		free(e.rev);
		if (e.oom == 1)
			set_err(err, errlen, "out of memory compiling the seccomp program for %s", arch->name);
		else
			set_err(err, errlen, "internal error compiling the seccomp program for %s: a jump out of reach",
				arch->name);
		return -1;
	}
	if (e.oom || e.len > NONO_SC_MAX_INSNS) {
		if (e.oom)
			set_err(err, errlen,
				"seccomp program for %s too long: more than %d instructions for %zu syscall ranges "
				"(the kernel accepts at most %d)",
				arch->name, EMIT_HARD_CAP, n, NONO_SC_MAX_INSNS);
		else
			set_err(err, errlen,
				"seccomp program for %s too long: %zu instructions for %zu syscall ranges "
				"(the kernel accepts at most %d)",
				arch->name, e.len, n, NONO_SC_MAX_INSNS);
		free(e.rev);
		return -1;
	}
	out = malloc(e.len * sizeof(*out));
	if (!out) {
		free(e.rev);
		set_err(err, errlen, "out of memory compiling the seccomp program for %s", arch->name);
		return -1;
	}
	for (size_t i = 0; i < e.len; i++)
		out[i] = e.rev[e.len - 1 - i];
	*prog = out;
	*len = e.len;
	free(e.rev);
	return 0;
}

/* ---- rules from names ------------------------------------------------------------- */

struct name_ent {
	uint32_t nr;
	int deny;
	size_t order;
	uint32_t rule_id;
};

static int cmp_ent(const void *a, const void *b)
{
	const struct name_ent *x = a, *y = b;

	if (x->nr != y->nr)
		return x->nr < y->nr ? -1 : 1;
	if (x->deny != y->deny)
		return x->deny ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

struct ent_vec {
	struct name_ent *v;
	size_t n, cap;
};

static int push_ent(struct ent_vec *ev, int nr, int deny, size_t order, uint32_t rule_id)
{
	if (nr < 0)
		return 0; /* not a syscall on this architecture: nothing to filter */
	if (ev->n == ev->cap) {
		size_t cap = ev->cap ? 2 * ev->cap : 64;
		struct name_ent *v = realloc(ev->v, cap * sizeof(*v));

		if (!v)
			return -1;
		ev->v = v;
		ev->cap = cap;
	}
	ev->v[ev->n++] = (struct name_ent){ (uint32_t)nr, deny, order, rule_id };
	return 0;
}

static int nr_on(const struct nono_syscall_info *sc, uint32_t audit_arch)
{
	return audit_arch == AUDIT_ARCH_X86_64 ? sc->nr_x86_64 : sc->nr_aarch64;
}

/* Add the syscalls @name stands for. 0, -1 (message in err) for unknown names, -2 for out of memory. */
static int add_name(struct ent_vec *ev, uint32_t audit_arch, const struct nono_sc_name *nm, int deny,
		    size_t order, char *err, size_t errlen)
{
	const char *name = nm->name;

	if (!name || !*name) {
		set_err(err, errlen, "empty syscall name in the %s list", deny ? "deny" : "allow");
		return -1;
	}
	if (name[0] == '@') {
		const struct nono_sysgroup *g = nono_sysgroup_lookup(name);
		struct nono_sysgroup_iter it;
		const struct nono_syscall_info *sc;

		if (!g) {
			const char *s = nono_sysgroup_suggest(name);

			if (s)
				set_err(err, errlen, "unknown syscall group '%s' (did you mean '@%s'?)", name, s);
			else
				set_err(err, errlen, "unknown syscall group '%s'", name);
			return -1;
		}
		nono_sysgroup_iter_init(&it, g);
		while ((sc = nono_sysgroup_next(&it)))
			if (push_ent(ev, nr_on(sc, audit_arch), deny, order, nm->rule_id) < 0)
				return -2;
		return 0;
	}
	const struct nono_syscall_info *sc = nono_syscall_lookup(name);

	if (!sc) {
		const char *s = nono_syscall_suggest(name);

		if (s)
			set_err(err, errlen, "unknown syscall '%s' (did you mean '%s'?)", name, s);
		else
			set_err(err, errlen, "unknown syscall '%s'", name);
		return -1;
	}
	return push_ent(ev, nr_on(sc, audit_arch), deny, order, nm->rule_id) < 0 ? -2 : 0;
}

int nono_seccomp_rules_from_names(uint32_t audit_arch, const struct nono_sc_name *deny, size_t ndeny,
				  const struct nono_sc_name *allow, size_t nallow, int audit,
				  struct nono_sc_rule **rules, size_t *nrules, char *err, size_t errlen)
{
	const struct sc_arch *arch = find_arch(audit_arch);
	uint32_t deny_action = audit ? SECCOMP_RET_LOG : SECCOMP_RET_ERRNO | EPERM;
	struct ent_vec ev = { 0 };
	struct nono_sc_rule *out = NULL;
	size_t n = 0;
	int rc;

	*rules = NULL;
	*nrules = 0;
	if (!arch) {
		set_err(err, errlen, "unsupported architecture 0x%08x: nono targets x86_64 and aarch64", audit_arch);
		return -1;
	}
	for (size_t i = 0; i < ndeny; i++)
		if ((rc = add_name(&ev, audit_arch, &deny[i], 1, i, err, errlen)) < 0)
			goto fail;
	for (size_t i = 0; i < nallow; i++)
		if ((rc = add_name(&ev, audit_arch, &allow[i], 0, ndeny + i, err, errlen)) < 0)
			goto fail;
	if (ev.n == 0)
		return 0;

	/* Per number: denies first, then the earliest entry. */
	qsort(ev.v, ev.n, sizeof(*ev.v), cmp_ent);
	out = malloc(ev.n * sizeof(*out));
	if (!out) {
		rc = -2;
		goto fail;
	}
	for (size_t i = 0; i < ev.n; i++) {
		const struct name_ent *x = &ev.v[i];
		uint32_t action = x->deny ? deny_action : SECCOMP_RET_ALLOW;

		if (i && ev.v[i - 1].nr == x->nr)
			continue; /* decided by the first entry for this number */
		if (n && out[n - 1].nr_hi + 1 == x->nr && out[n - 1].action == action &&
		    out[n - 1].rule_id == x->rule_id) {
			out[n - 1].nr_hi = x->nr;
			continue;
		}
		out[n++] = (struct nono_sc_rule){ x->nr, x->nr, action, x->rule_id };
	}
	free(ev.v);
	*rules = out;
	*nrules = n;
	return 0;
fail:
	if (rc == -2)
		set_err(err, errlen, "out of memory building the seccomp rules for %s", arch->name);
	free(ev.v);
	free(out);
	return -1;
}
