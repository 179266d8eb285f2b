/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The seccomp back end (compiler/seccomp.[ch]), tested twice:
 *
 *  - in the cBPF interpreter (compiler/cbpf.c): every path of the program
 *    (architecture, x32, each range's boundaries, overlapping rules, long
 *    jumps, the ioctl request check), and a property test comparing the
 *    compiled program with a plain lookup over the rules for random specs;
 *  - in the kernel: forked children install the compiled program and make
 *    real system calls, and what the kernel did is compared with what the
 *    interpreter says for the same seccomp_data.
 *
 * The kernel tests cannot harm the host even if the compiler were wrong:
 * before the program under test, each child installs a hand-written guard
 * filter that refuses every system call except a few harmless ones with
 * errno 4000. The kernel runs both filters and keeps the most restrictive
 * result, and between two ERRNO results the newer filter's (the program
 * under test's) errno, so "allowed by the program under test" shows up as
 * errno 4000 and nothing the sweep calls ever runs. Children report through
 * shared memory, so they need no system call to answer.
 *
 * Golden files: the .txt files in tests/golden/seccomp/ hold the disassembly of fixed
 * sample specs; NONO_REGEN=1 rewrites them (see the README there).
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/audit.h>

#include "cbpf.h"
#include "seccomp.h"
#include "syscalls.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define EPERM_RET (SECCOMP_RET_ERRNO | EPERM)
#define X32_BIT 0x40000000u

#if defined(__x86_64__)
#define NATIVE_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define NATIVE_ARCH AUDIT_ARCH_AARCH64
#endif

static uint32_t ioctl_nr(uint32_t arch)
{
	return arch == AUDIT_ARCH_X86_64 ? 16 : 29;
}

static struct seccomp_data sd(uint32_t arch, uint32_t nr, uint64_t arg1)
{
	struct seccomp_data d;

	memset(&d, 0, sizeof(d));
	d.arch = arch;
	d.nr = (int)nr;
	d.args[1] = arg1;
	return d;
}

static char *disasm_text(const struct sock_filter *p, size_t n)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);

	cr_assert_not_null(f);
	nono_cbpf_disasm(p, n, f);
	fclose(f);
	return buf;
}

/* Compile, and check what every compiled program must satisfy. */
static struct sock_filter *compile(const struct nono_sc_spec *s, size_t *len)
{
	struct sock_filter *p;
	char err[256] = "";
	size_t pc;
	int rc = nono_seccomp_compile(s, &p, len, err, sizeof(err));

	cr_assert_eq(rc, 0, "compile failed: %s", err);
	cr_assert_leq(*len, NONO_SC_MAX_INSNS);
	int chk = nono_cbpf_check(p, *len, &pc);

	cr_assert_eq(chk, NONO_CBPF_OK, "the kernel would refuse it: %s at %zu", nono_cbpf_strerror(chk), pc);
	char *text = disasm_text(p, *len);

	cr_assert_null(strstr(text, "unreachable"), "dead code in:\n%s", text);
	free(text);
	return p;
}

static uint32_t interp(const struct sock_filter *p, size_t len, const struct seccomp_data *d)
{
	int err;
	uint32_t r = nono_cbpf_run(p, len, d, &err);

	cr_assert_eq(err, NONO_CBPF_OK, "interpreter: %s", nono_cbpf_strerror(err));
	return r;
}

/* ---- the reference: written for the tests, from seccomp.h's semantics ---------------- */

static int ref_rank(uint32_t a)
{
	static const uint32_t order[] = { SECCOMP_RET_ALLOW, SECCOMP_RET_LOG, SECCOMP_RET_TRACE,
					  SECCOMP_RET_USER_NOTIF, SECCOMP_RET_ERRNO, SECCOMP_RET_TRAP,
					  SECCOMP_RET_KILL_THREAD, SECCOMP_RET_KILL_PROCESS };

	for (int i = 0; i < (int)N(order); i++)
		if ((a & SECCOMP_RET_ACTION_FULL) == order[i])
			return i;
	cr_assert_fail("not an action: 0x%x", a);
	return -1;
}

static uint32_t reference(const struct nono_sc_spec *s, const struct seccomp_data *d, uint32_t *id)
{
	uint32_t nr = (uint32_t)d->nr, act = s->default_action;
	long best = -1;

	*id = NONO_SC_RULE_BAD_ARCH;
	if (d->arch != s->audit_arch || (s->audit_arch == AUDIT_ARCH_X86_64 && (nr & X32_BIT)))
		return s->bad_arch_action;
	for (size_t i = 0; i < s->nrules; i++) {
		const struct nono_sc_rule *r = &s->rules[i];

		if (nr < r->nr_lo || nr > r->nr_hi)
			continue;
		if (best < 0 || ref_rank(r->action) > ref_rank(s->rules[best].action) ||
		    (ref_rank(r->action) == ref_rank(s->rules[best].action) && r->rule_id < s->rules[best].rule_id))
			best = (long)i;
	}
	if (best >= 0)
		act = s->rules[best].action;
	*id = best >= 0 ? s->rules[best].rule_id : NONO_SC_RULE_DEFAULT;
	if (s->block_tty_inject && nr == ioctl_nr(s->audit_arch) && ref_rank(s->tty_inject_action) > ref_rank(act) &&
	    ((uint32_t)d->args[1] == 0x5412 || (uint32_t)d->args[1] == 0x541c)) {
		*id = NONO_SC_RULE_TTY;
		return s->tty_inject_action;
	}
	return act;
}

/* Program, library reference and test reference agree on @d. */
static void agree(const struct nono_sc_spec *s, const struct sock_filter *p, size_t len, const struct seccomp_data *d)
{
	uint32_t want_id, got_id;
	uint32_t want = reference(s, d, &want_id);
	uint32_t got = interp(p, len, d);
	uint32_t lib = nono_seccomp_verdict(s, d, &got_id);
	char a[32], b[32];

	cr_assert_eq(got, want, "arch 0x%x nr %u arg1 0x%llx: program says %s, rules say %s", d->arch, (uint32_t)d->nr,
		     (unsigned long long)d->args[1], nono_cbpf_action_name(got, a, sizeof(a)),
		     nono_cbpf_action_name(want, b, sizeof(b)));
	cr_assert_eq(lib, want, "nono_seccomp_verdict, nr %u", (uint32_t)d->nr);
	cr_assert_eq(got_id, want_id, "nr %u: rule %u, want %u", (uint32_t)d->nr, got_id, want_id);
}

/* ---- specs -------------------------------------------------------------------------- */

Test(seccomp_spec, ioctl_numbers_match_the_syscall_table)
{
	const struct nono_syscall_info *sc = nono_syscall_lookup("ioctl");

	cr_assert_not_null(sc);
	cr_expect_eq(sc->nr_x86_64, (int)ioctl_nr(AUDIT_ARCH_X86_64));
	cr_expect_eq(sc->nr_aarch64, (int)ioctl_nr(AUDIT_ARCH_AARCH64));
	/* and the back end uses those: the tty check fires there and nowhere else */
	for (int a = 0; a < 2; a++) {
		uint32_t arch = a ? AUDIT_ARCH_AARCH64 : AUDIT_ARCH_X86_64;
		struct nono_sc_spec s = { arch, SECCOMP_RET_ALLOW, SECCOMP_RET_KILL_PROCESS, NULL, 0, 1, EPERM_RET };
		size_t len;
		struct sock_filter *p = compile(&s, &len);

		for (uint32_t nr = 0; nr < 64; nr++) {
			struct seccomp_data d = sd(arch, nr, 0x5412);

			cr_expect_eq(interp(p, len, &d), nr == ioctl_nr(arch) ? EPERM_RET : SECCOMP_RET_ALLOW, "nr %u", nr);
		}
		free(p);
	}
	cr_expect_str_eq(nono_seccomp_arch_name(AUDIT_ARCH_X86_64), "x86_64");
	cr_expect_str_eq(nono_seccomp_arch_name(AUDIT_ARCH_AARCH64), "aarch64");
	cr_expect_null(nono_seccomp_arch_name(AUDIT_ARCH_I386));
}

static void expect_refused(const struct nono_sc_spec *s, const char *want)
{
	struct sock_filter *p = (void *)1;
	struct nono_sc_range *r = (void *)1;
	size_t len = 99, n = 99;
	char err[200];

	memset(err, 'x', sizeof(err));
	cr_expect_eq(nono_seccomp_compile(s, &p, &len, err, sizeof(err)), -1);
	cr_expect_null(p);
	cr_expect_eq(len, 0);
	cr_expect_str_eq(err, want);
	cr_expect_eq(nono_seccomp_ranges(s, &r, &n, err, sizeof(err)), -1);
	cr_expect_null(r);
	cr_expect_str_eq(err, want);
	/* err may be absent */
	cr_expect_eq(nono_seccomp_compile(s, &p, &len, NULL, 0), -1);
}

Test(seccomp_spec, invalid_specs_are_refused_with_one_complete_message)
{
	struct nono_sc_rule empty[] = { { 10, 20, EPERM_RET, 1 }, { 30, 29, EPERM_RET, 7 } };
	struct nono_sc_rule badact[] = { { 10, 20, 0x7ff80000, 3 } };
	struct nono_sc_spec s = { AUDIT_ARCH_I386, SECCOMP_RET_ALLOW, SECCOMP_RET_KILL_PROCESS, NULL, 0, 0, 0 };

	expect_refused(&s, "unsupported architecture 0x40000003: nono targets x86_64 and aarch64");
	s.audit_arch = AUDIT_ARCH_X86_64;
	s.default_action = 0x00010000;
	expect_refused(&s, "invalid default action 0x00010000");
	s.default_action = SECCOMP_RET_ALLOW;
	s.bad_arch_action = 0x7ffd0000;
	expect_refused(&s, "invalid bad-architecture action 0x7ffd0000");
	s.bad_arch_action = SECCOMP_RET_KILL_PROCESS;
	s.block_tty_inject = 1;
	s.tty_inject_action = 0x12340000;
	expect_refused(&s, "invalid tty-injection action 0x12340000");
	s.tty_inject_action = EPERM_RET;
	s.rules = empty;
	s.nrules = 2;
	expect_refused(&s, "rule 1 (id 7): empty range 30..29");
	s.rules = badact;
	s.nrules = 1;
	expect_refused(&s, "rule 0 (id 3): invalid action 0x7ff80000");
	s.rules = NULL;
	expect_refused(&s, "1 rules but no rule array");

	/* an unused tty action is not checked */
	s.nrules = 0;
	s.block_tty_inject = 0;
	s.tty_inject_action = 0x12340000;
	size_t len;

	free(compile(&s, &len));
}

/* ---- every path, in the interpreter ---------------------------------------------------- */

static const struct nono_sc_rule path_rules[] = {
	{ 101, 101, EPERM_RET, 1 },                        /* ptrace */
	{ 165, 169, EPERM_RET, 2 },                        /* mount .. reboot */
	{ 200, 210, SECCOMP_RET_LOG, 3 },
	{ 205, 207, SECCOMP_RET_KILL_PROCESS, 4 },         /* inside the LOG range: KILL wins */
	{ 300, 300, SECCOMP_RET_ERRNO | EACCES, 6 },
	{ 300, 300, EPERM_RET, 5 },                        /* same class: lower rule id wins */
	{ 400, 450, SECCOMP_RET_TRAP | 7, 7 },
	{ 420, 430, SECCOMP_RET_ALLOW, 8 },                /* ALLOW never beats TRAP */
	{ 0x80000000u, 0x80000010u, SECCOMP_RET_ERRNO | ENOSYS, 9 },
	{ 0xfffffff0u, 0xffffffffu, SECCOMP_RET_TRACE | 3, 10 },
	{ 0, 0, SECCOMP_RET_KILL_THREAD, 11 },             /* read (x86_64), io_setup (aarch64) */
};

static struct nono_sc_spec path_spec(uint32_t arch)
{
	return (struct nono_sc_spec){ arch, SECCOMP_RET_ALLOW, SECCOMP_RET_KILL_PROCESS, path_rules, N(path_rules), 1,
				      EPERM_RET };
}

Test(seccomp_paths, wrong_architecture_and_x32_get_the_bad_arch_action)
{
	struct nono_sc_spec s = path_spec(AUDIT_ARCH_X86_64);
	size_t len;
	struct sock_filter *p = compile(&s, &len);
	static const uint32_t arches[] = { AUDIT_ARCH_I386, AUDIT_ARCH_AARCH64, AUDIT_ARCH_ARM, 0, 0xffffffff,
					   AUDIT_ARCH_X86_64 ^ 1 };

	for (size_t i = 0; i < N(arches); i++) {
		struct seccomp_data d = sd(arches[i], 39, 0);

		cr_expect_eq(interp(p, len, &d), SECCOMP_RET_KILL_PROCESS, "arch 0x%x", arches[i]);
	}
	/* x32: the bit alone, with a real number, with -1; numbers without it go on */
	static const struct {
		uint32_t nr, want;
	} nrs[] = {
		{ X32_BIT, SECCOMP_RET_KILL_PROCESS },        { X32_BIT | 39, SECCOMP_RET_KILL_PROCESS },
		{ X32_BIT | 512, SECCOMP_RET_KILL_PROCESS },  { 0xffffffff, SECCOMP_RET_KILL_PROCESS },
		{ 0x7fffffff, SECCOMP_RET_KILL_PROCESS },     { 0x3fffffff, SECCOMP_RET_ALLOW },
		{ 0x80000000, SECCOMP_RET_ERRNO | ENOSYS },   { 0xbfffffff, SECCOMP_RET_ALLOW },
		{ 39, SECCOMP_RET_ALLOW },
	};

	for (size_t i = 0; i < N(nrs); i++) {
		struct seccomp_data d = sd(AUDIT_ARCH_X86_64, nrs[i].nr, 0);

		cr_expect_eq(interp(p, len, &d), nrs[i].want, "nr 0x%x", nrs[i].nr);
		agree(&s, p, len, &d);
	}
	free(p);

	/* aarch64: no x32; the top of the number space is reachable */
	s = path_spec(AUDIT_ARCH_AARCH64);
	p = compile(&s, &len);
	struct seccomp_data d = sd(AUDIT_ARCH_AARCH64, 0xffffffff, 0);

	cr_expect_eq(interp(p, len, &d), SECCOMP_RET_TRACE | 3);
	d = sd(AUDIT_ARCH_AARCH64, X32_BIT | 39, 0);
	cr_expect_eq(interp(p, len, &d), SECCOMP_RET_ALLOW);
	d = sd(AUDIT_ARCH_X86_64, 39, 0);
	cr_expect_eq(interp(p, len, &d), SECCOMP_RET_KILL_PROCESS);
	free(p);
}

Test(seccomp_paths, every_range_boundary_and_overlap)
{
	static const struct {
		uint32_t nr, want;
	} x86[] = {
		{ 0, SECCOMP_RET_KILL_THREAD },   { 1, SECCOMP_RET_ALLOW },
		{ 100, SECCOMP_RET_ALLOW },       { 101, EPERM_RET },           { 102, SECCOMP_RET_ALLOW },
		{ 164, SECCOMP_RET_ALLOW },       { 165, EPERM_RET },           { 169, EPERM_RET },
		{ 170, SECCOMP_RET_ALLOW },       { 199, SECCOMP_RET_ALLOW },   { 200, SECCOMP_RET_LOG },
		{ 204, SECCOMP_RET_LOG },         { 205, SECCOMP_RET_KILL_PROCESS }, { 207, SECCOMP_RET_KILL_PROCESS },
		{ 208, SECCOMP_RET_LOG },         { 210, SECCOMP_RET_LOG },     { 211, SECCOMP_RET_ALLOW },
		{ 299, SECCOMP_RET_ALLOW },       { 300, EPERM_RET },           { 301, SECCOMP_RET_ALLOW },
		{ 399, SECCOMP_RET_ALLOW },       { 400, SECCOMP_RET_TRAP | 7 }, { 419, SECCOMP_RET_TRAP | 7 },
		{ 420, SECCOMP_RET_TRAP | 7 },    { 430, SECCOMP_RET_TRAP | 7 }, { 450, SECCOMP_RET_TRAP | 7 },
		{ 451, SECCOMP_RET_ALLOW },       { 0x7fffffff, SECCOMP_RET_KILL_PROCESS },
		{ 0x80000000, SECCOMP_RET_ERRNO | ENOSYS }, { 0x80000010, SECCOMP_RET_ERRNO | ENOSYS },
		{ 0x80000011, SECCOMP_RET_ALLOW },
	};

	for (int a = 0; a < 2; a++) {
		uint32_t arch = a ? AUDIT_ARCH_AARCH64 : AUDIT_ARCH_X86_64;
		struct nono_sc_spec s = path_spec(arch);
		size_t len;
		struct sock_filter *p = compile(&s, &len);

		if (arch == AUDIT_ARCH_X86_64) {
			for (size_t i = 0; i < N(x86); i++) {
				struct seccomp_data d = sd(arch, x86[i].nr, 0);
				char g[32], w[32];

				cr_expect_eq(interp(p, len, &d), x86[i].want, "nr %u: %s, want %s", x86[i].nr,
					     nono_cbpf_action_name(interp(p, len, &d), g, sizeof(g)),
					     nono_cbpf_action_name(x86[i].want, w, sizeof(w)));
			}
		}
		/* lo-1, lo, hi, hi+1 of every rule, both architectures */
		for (size_t i = 0; i < N(path_rules); i++) {
			uint32_t pts[] = { path_rules[i].nr_lo - 1, path_rules[i].nr_lo, path_rules[i].nr_hi,
					   path_rules[i].nr_hi + 1 };

			for (size_t j = 0; j < N(pts); j++) {
				struct seccomp_data d = sd(arch, pts[j], 0);

				agree(&s, p, len, &d);
			}
		}
		free(p);
	}
}

Test(seccomp_paths, overlapping_rules_resolve_by_restrictiveness_then_rule_id)
{
	/* One number, every action class, in a scrambled order. */
	static const uint32_t classes[] = { SECCOMP_RET_ALLOW, SECCOMP_RET_LOG, SECCOMP_RET_TRACE | 1,
					    SECCOMP_RET_USER_NOTIF, SECCOMP_RET_ERRNO | EPERM, SECCOMP_RET_TRAP | 2,
					    SECCOMP_RET_KILL_THREAD, SECCOMP_RET_KILL_PROCESS };
	struct nono_sc_rule r[N(classes)];

	for (size_t top = 0; top < N(classes); top++) {
		size_t n = 0;

		/* the classes up to `top`, most restrictive first, then reversed */
		for (size_t i = 0; i <= top; i++)
			r[n++] = (struct nono_sc_rule){ 50, 60, classes[top - i], (uint32_t)(100 - i) };
		for (int rev = 0; rev < 2; rev++) {
			if (rev)
				for (size_t i = 0; i < n / 2; i++) {
					struct nono_sc_rule t = r[i];

					r[i] = r[n - 1 - i];
					r[n - 1 - i] = t;
				}
			struct nono_sc_spec s = { AUDIT_ARCH_X86_64, SECCOMP_RET_ALLOW, SECCOMP_RET_KILL_PROCESS, r, n, 0, 0 };
			size_t len;
			struct sock_filter *p = compile(&s, &len);
			struct seccomp_data d = sd(AUDIT_ARCH_X86_64, 55, 0);
			uint32_t id;

			cr_expect_eq(interp(p, len, &d), classes[top], "top %zu rev %d", top, rev);
			cr_expect_eq(nono_seccomp_verdict(&s, &d, &id), classes[top]);
			cr_expect_eq(id, 100u, "the deciding rule");
			free(p);
		}
	}

	/* Same class: the lower rule id wins, whatever the order; equal ids: the earlier rule. */
	struct nono_sc_rule same[] = { { 10, 10, SECCOMP_RET_ERRNO | EACCES, 9 }, { 10, 10, EPERM_RET, 4 },
				       { 10, 10, SECCOMP_RET_ERRNO | ENOENT, 4 } };
	struct nono_sc_spec s = { AUDIT_ARCH_X86_64, SECCOMP_RET_ALLOW, SECCOMP_RET_KILL_PROCESS, same, 3, 0, 0 };
	size_t len;
	struct sock_filter *p = compile(&s, &len);
	struct seccomp_data d = sd(AUDIT_ARCH_X86_64, 10, 0);

	cr_expect_eq(interp(p, len, &d), EPERM_RET);
	free(p);
}

Test(seccomp_paths, ioctl_tty_injection_compares_the_low_32_bits_only)
{
	static const struct {
		uint64_t req;
		int blocked;
	} reqs[] = {
		{ 0x5412, 1 },                      /* TIOCSTI */
		{ 0xffffffff00005412ull, 1 },       /* high bits set: the kernel sees TIOCSTI */
		{ 0x0000000100005412ull, 1 },
		{ 0x541c, 1 },                      /* TIOCLINUX */
		{ 0xdeadbeef0000541cull, 1 },
		{ 0x5413, 0 },                      /* TIOCGWINSZ */
		{ 0x541b, 0 },                      /* FIONREAD */
		{ 0, 0 },
		{ 0x0000541200000000ull, 0 },       /* TIOCSTI in the high word only: the kernel sees 0 */
		{ 0x15412, 0 },
		{ 0xffffffff, 0 },
	};

	for (int a = 0; a < 2; a++) {
		uint32_t arch = a ? AUDIT_ARCH_AARCH64 : AUDIT_ARCH_X86_64;
		struct nono_sc_spec s = { arch, SECCOMP_RET_ALLOW, SECCOMP_RET_KILL_PROCESS, NULL, 0, 1, EPERM_RET };
		size_t len;
		struct sock_filter *p = compile(&s, &len);

		for (size_t i = 0; i < N(reqs); i++) {
			struct seccomp_data d = sd(arch, ioctl_nr(arch), reqs[i].req);
			uint32_t id;

			cr_expect_eq(interp(p, len, &d), reqs[i].blocked ? EPERM_RET : SECCOMP_RET_ALLOW, "%s req 0x%llx",
				     nono_seccomp_arch_name(arch), (unsigned long long)reqs[i].req);
			nono_seccomp_verdict(&s, &d, &id);
			cr_expect_eq(id, reqs[i].blocked ? NONO_SC_RULE_TTY : NONO_SC_RULE_DEFAULT);
			agree(&s, p, len, &d);
			/* the request is args[1]: the same value elsewhere means nothing */
			d = sd(arch, ioctl_nr(arch), 0);
			d.args[0] = d.args[2] = reqs[i].req;
			cr_expect_eq(interp(p, len, &d), SECCOMP_RET_ALLOW);
			/* and other syscalls are not checked */
			d = sd(arch, ioctl_nr(arch) + 1, reqs[i].req);
			cr_expect_eq(interp(p, len, &d), SECCOMP_RET_ALLOW);
		}
		free(p);
	}
}

Test(seccomp_paths, ioctl_check_only_when_it_is_more_restrictive)
{
	struct nono_sc_rule rules[1];
	struct nono_sc_spec s = { AUDIT_ARCH_X86_64, SECCOMP_RET_ALLOW, SECCOMP_RET_KILL_PROCESS, rules, 1, 1, EPERM_RET };
	struct seccomp_data sti = sd(AUDIT_ARCH_X86_64, 16, 0xffffffff00005412ull);
	struct seccomp_data other = sd(AUDIT_ARCH_X86_64, 16, 0x5413);
	size_t len;
	struct sock_filter *p;
	char *text;

	/* ioctl denied outright (same class as the tty action): the rule decides, no request check */
	rules[0] = (struct nono_sc_rule){ 10, 20, SECCOMP_RET_ERRNO | EACCES, 1 };
	p = compile(&s, &len);
	cr_expect_eq(interp(p, len, &sti), SECCOMP_RET_ERRNO | EACCES);
	cr_expect_eq(interp(p, len, &other), SECCOMP_RET_ERRNO | EACCES);
	text = disasm_text(p, len);
	cr_expect_null(strstr(text, "args[1]"), "no request check:\n%s", text);
	free(text);
	free(p);

	/* ioctl killed: kill */
	rules[0].action = SECCOMP_RET_KILL_PROCESS;
	p = compile(&s, &len);
	cr_expect_eq(interp(p, len, &sti), SECCOMP_RET_KILL_PROCESS);
	free(p);

	/* audit mode: ioctl logged, TIOCSTI still refused */
	rules[0].action = SECCOMP_RET_LOG;
	p = compile(&s, &len);
	cr_expect_eq(interp(p, len, &sti), EPERM_RET);
	cr_expect_eq(interp(p, len, &other), SECCOMP_RET_LOG);
	free(p);

	/* an allow-list without ioctl: the default (ERRNO) already refuses it */
	s.nrules = 0;
	s.default_action = SECCOMP_RET_ERRNO | ENOSYS;
	p = compile(&s, &len);
	cr_expect_eq(interp(p, len, &sti), SECCOMP_RET_ERRNO | ENOSYS);
	free(p);

	/* the check switched off */
	s.default_action = SECCOMP_RET_ALLOW;
	s.block_tty_inject = 0;
	p = compile(&s, &len);
	cr_expect_eq(interp(p, len, &sti), SECCOMP_RET_ALLOW);
	free(p);

	/* a stronger tty action */
	s.block_tty_inject = 1;
	s.tty_inject_action = SECCOMP_RET_KILL_PROCESS;
	p = compile(&s, &len);
	cr_expect_eq(interp(p, len, &sti), SECCOMP_RET_KILL_PROCESS);
	cr_expect_eq(interp(p, len, &other), SECCOMP_RET_ALLOW);
	free(p);
}

/* ---- normalised ranges, determinism, size ---------------------------------------------- */

Test(seccomp_compile, ranges_are_sorted_disjoint_covering_and_merged)
{
	struct nono_sc_rule rules[] = {
		{ 10, 19, EPERM_RET, 1 }, { 20, 29, EPERM_RET, 2 },     /* adjacent, same action: merged */
		{ 25, 40, SECCOMP_RET_LOG, 3 },                         /* overlapped by the stronger EPERM */
		{ 15, 16, SECCOMP_RET_ALLOW, 4 },                       /* ioctl: allowed, but checked */
	};
	struct nono_sc_spec s = { AUDIT_ARCH_X86_64, SECCOMP_RET_ALLOW, SECCOMP_RET_KILL_PROCESS, rules, N(rules), 1,
				  EPERM_RET };
	struct nono_sc_range *r;
	size_t n;
	char err[128];

	cr_assert_eq(nono_seccomp_ranges(&s, &r, &n, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(n, 4, "got %zu ranges", n);
	cr_expect(r[0].lo == 0 && r[0].hi == 9 && r[0].action == SECCOMP_RET_ALLOW && !r[0].ioctl_check);
	cr_expect(r[1].lo == 10 && r[1].hi == 29 && r[1].action == EPERM_RET && !r[1].ioctl_check);
	cr_expect(r[2].lo == 30 && r[2].hi == 40 && r[2].action == SECCOMP_RET_LOG);
	cr_expect(r[3].lo == 41 && r[3].hi == 0xffffffff && r[3].action == SECCOMP_RET_ALLOW);
	free(r);

	/* ioctl allowed by a rule: it gets its own, checked range */
	rules[0].nr_lo = rules[0].nr_hi = 5;
	cr_assert_eq(nono_seccomp_ranges(&s, &r, &n, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(n, 8, "got %zu ranges", n);
	cr_expect(r[1].lo == 5 && r[1].hi == 5 && r[1].action == EPERM_RET);
	cr_expect(r[2].lo == 6 && r[2].hi == 15 && r[2].action == SECCOMP_RET_ALLOW && !r[2].ioctl_check);
	cr_expect(r[3].lo == 16 && r[3].hi == 16 && r[3].ioctl_check && r[3].action == SECCOMP_RET_ALLOW);
	cr_expect(r[4].lo == 17 && r[4].hi == 19 && r[4].action == SECCOMP_RET_ALLOW && !r[4].ioctl_check);
	cr_expect(r[5].lo == 20 && r[5].hi == 29 && r[5].action == EPERM_RET);
	free(r);

	/* no rules at all: one range */
	s.nrules = 0;
	s.block_tty_inject = 0;
	cr_assert_eq(nono_seccomp_ranges(&s, &r, &n, err, sizeof(err)), 0, "%s", err);
	cr_expect(n == 1 && r[0].lo == 0 && r[0].hi == 0xffffffff && r[0].action == SECCOMP_RET_ALLOW);
	free(r);
}

Test(seccomp_compile, the_smallest_program)
{
	struct nono_sc_spec s = { AUDIT_ARCH_X86_64, SECCOMP_RET_ALLOW, SECCOMP_RET_KILL_PROCESS, NULL, 0, 0, 0 };
	size_t len;
	struct sock_filter *p = compile(&s, &len);
	char *text = disasm_text(p, len);

	cr_expect_str_eq(text, "0000: ld [arch]\n"
			       "0001: jeq #0xc000003e, 0002, 0004        ; AUDIT_ARCH_X86_64\n"
			       "0002: ld [nr]\n"
			       "0003: jset #0x40000000, 0004, 0005       ; __X32_SYSCALL_BIT\n"
			       "0004: ret KILL_PROCESS\n"
			       "0005: ret ALLOW\n",
			 "got:\n%s", text);
	free(text);
	free(p);

	s.audit_arch = AUDIT_ARCH_AARCH64;
	p = compile(&s, &len);
	text = disasm_text(p, len);
	cr_expect_str_eq(text, "0000: ld [arch]\n"
			       "0001: jeq #0xc00000b7, 0003, 0002        ; AUDIT_ARCH_AARCH64\n"
			       "0002: ret KILL_PROCESS\n"
			       "0003: ld [nr]\n"
			       "0004: ret ALLOW\n",
			 "got:\n%s", text);
	free(text);
	free(p);
}

Test(seccomp_compile, same_spec_same_bytes_whatever_the_rule_order)
{
	struct nono_sc_rule rules[40], rev[40];

	for (uint32_t i = 0; i < 40; i++) {
		/* overlapping, mixed actions, unique ids */
		rules[i] = (struct nono_sc_rule){ i * 7, i * 7 + (i % 5) * 3,
						  i % 3 ? SECCOMP_RET_ERRNO | (1 + i % 4) : SECCOMP_RET_LOG, 1000 - i };
		rev[39 - i] = rules[i];
	}
	struct nono_sc_spec a = { AUDIT_ARCH_X86_64, SECCOMP_RET_ALLOW, SECCOMP_RET_KILL_PROCESS, rules, 40, 1, EPERM_RET };
	struct nono_sc_spec b = a;
	size_t la, la2, lb;

	b.rules = rev;
	struct sock_filter *pa = compile(&a, &la), *pa2 = compile(&a, &la2), *pb = compile(&b, &lb);

	cr_assert_eq(la, la2);
	cr_assert_eq(memcmp(pa, pa2, la * sizeof(*pa)), 0);
	cr_assert_eq(la, lb);
	cr_assert_eq(memcmp(pa, pb, la * sizeof(*pa)), 0, "rule order changed the program");
	free(pa);
	free(pa2);
	free(pb);
}

/* Alternating single-number rules: every number is its own range. */
static struct nono_sc_rule *alternating(size_t n)
{
	struct nono_sc_rule *r = calloc(n, sizeof(*r));

	cr_assert_not_null(r);
	for (size_t i = 0; i < n; i++)
		r[i] = (struct nono_sc_rule){ (uint32_t)(2 * i), (uint32_t)(2 * i), SECCOMP_RET_ERRNO | (1 + i % 3),
					      (uint32_t)i };
	return r;
}

Test(seccomp_compile, long_programs_use_trampolines_and_stay_correct)
{
	size_t nrules = 1500, len, ja = 0;
	struct nono_sc_rule *r = alternating(nrules);
	struct nono_sc_spec s = { AUDIT_ARCH_X86_64, SECCOMP_RET_ALLOW, SECCOMP_RET_KILL_PROCESS, r, nrules, 1,
				  SECCOMP_RET_KILL_PROCESS };
	struct sock_filter *p = compile(&s, &len);

	for (size_t i = 0; i < len; i++)
		ja += p[i].code == (BPF_JMP | BPF_JA);
	cr_expect_gt(len, 3000, "%zu instructions", len);
	cr_expect_gt(ja, 0, "no trampoline in %zu instructions", len);
	for (uint32_t nr = 0; nr < 2 * nrules + 10; nr++) {
		struct seccomp_data d = sd(AUDIT_ARCH_X86_64, nr, 0x5412);

		agree(&s, p, len, &d);
	}
	free(p);
	free(r);
}

/*
 * Long jumps in every position: programs of many sizes, with two to five
 * actions repeating in different patterns, so that targets land at every
 * distance around 255 from the jumps that need them.
 */
Test(seccomp_compile, jumps_at_every_distance)
{
	static struct nono_sc_rule r[700];
	static const uint32_t acts[] = { EPERM_RET, SECCOMP_RET_LOG, SECCOMP_RET_ERRNO | EACCES, SECCOMP_RET_KILL_PROCESS,
					 SECCOMP_RET_TRAP | 1 };
	size_t programs = 0, with_ja = 0;

	for (size_t nacts = 2; nacts <= N(acts); nacts++) {
		for (size_t n = 100; n <= N(r); n += 37) {
			for (size_t i = 0; i < n; i++)
				r[i] = (struct nono_sc_rule){ (uint32_t)(3 * i), (uint32_t)(3 * i + (i % 3)),
							      acts[(i * 7 / 3) % nacts], (uint32_t)i };
			struct nono_sc_spec s = { AUDIT_ARCH_AARCH64, SECCOMP_RET_ALLOW, SECCOMP_RET_KILL_PROCESS, r, n,
						  (int)(n % 2), EPERM_RET };
			size_t len;
			struct sock_filter *p = compile(&s, &len);

			for (size_t i = 0; i < len; i++)
				if (p[i].code == (BPF_JMP | BPF_JA)) {
					with_ja++;
					break;
				}
			for (uint32_t nr = 0; nr < 3 * n + 3; nr++) {
				struct seccomp_data d = sd(AUDIT_ARCH_AARCH64, nr, 0x5412);

				agree(&s, p, len, &d);
			}
			programs++;
			free(p);
		}
	}
	cr_expect_gt(with_ja, programs / 2, "%zu of %zu programs have trampolines", with_ja, programs);
}

Test(seccomp_compile, programs_longer_than_the_kernel_accepts_are_refused)
{
	struct sock_filter *p;
	size_t len;
	char err[256];
	struct nono_sc_rule *r = alternating(2100);
	struct nono_sc_spec s = { AUDIT_ARCH_X86_64, SECCOMP_RET_ALLOW, SECCOMP_RET_KILL_PROCESS, r, 2100, 0, 0 };

	/* 4200 ranges: refused before emitting anything */
	cr_expect_eq(nono_seccomp_compile(&s, &p, &len, err, sizeof(err)), -1);
	cr_expect_str_eq(err, "seccomp program for x86_64 too long: 4200 syscall ranges need more than 4096 "
			      "instructions (the kernel's limit)");
	cr_expect_null(p);

	/* 4038 ranges pass the first test, but not the program */
	s.nrules = 2019;
	cr_expect_eq(nono_seccomp_compile(&s, &p, &len, err, sizeof(err)), -1);
	cr_expect_str_eq(err, "seccomp program for x86_64 too long: 4113 instructions for 4038 syscall ranges "
			      "(the kernel accepts at most 4096)");

	/* and the largest that fits is accepted */
	size_t lo = 1500, hi = 2019;

	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		s.nrules = mid;
		if (nono_seccomp_compile(&s, &p, &len, err, sizeof(err)) == 0) {
			free(p);
			lo = mid;
		} else {
			hi = mid;
		}
	}
	s.nrules = lo;
	p = compile(&s, &len);
	cr_expect_leq(len, 4096);
	cr_expect_gt(len, 4000, "the largest accepted: %zu rules, %zu instructions", lo, len);
	free(p);
	free(r);
}

/* ---- property: random specs, every number 0..600 ------------------------------------------ */

static uint64_t rng_state;

static uint32_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545f4914f6cdd1dull) >> 32);
}

static uint32_t random_action(int kernel_safe, uint32_t errno_base)
{
	static const uint32_t all[] = { SECCOMP_RET_ALLOW, SECCOMP_RET_LOG, SECCOMP_RET_TRACE, SECCOMP_RET_USER_NOTIF,
					SECCOMP_RET_ERRNO, SECCOMP_RET_TRAP, SECCOMP_RET_KILL_THREAD,
					SECCOMP_RET_KILL_PROCESS };
	/* in the kernel, only what leaves the child alive and observable */
	uint32_t a = all[rnd() % (kernel_safe ? 5 : N(all))];

	if (a == SECCOMP_RET_ERRNO)
		return a | (kernel_safe ? errno_base : 1 + rnd() % 4095);
	if (a == SECCOMP_RET_TRAP || a == SECCOMP_RET_TRACE)
		return a | (rnd() & 0xffff);
	return a;
}

static size_t random_rules(struct nono_sc_rule *r, size_t max, int kernel_safe)
{
	size_t n = rnd() % (max + 1);

	for (size_t i = 0; i < n; i++) {
		uint32_t lo, hi;

		switch (rnd() % 10) {
		case 0: /* anywhere in the 32-bit space */
			lo = rnd();
			hi = lo + rnd() % (0xffffffffu - lo + 1);
			break;
		case 1:
		case 2:
			lo = hi = rnd() % 620;
			break;
		default:
			lo = rnd() % 620;
			hi = lo + rnd() % 40;
			break;
		}
		r[i] = (struct nono_sc_rule){ lo, hi, random_action(kernel_safe, (uint32_t)(100 + i)),
					      kernel_safe ? (uint32_t)i : rnd() % 16 };
	}
	return n;
}

Test(seccomp_random, the_program_agrees_with_the_rules_for_random_specs)
{
	static struct nono_sc_rule rules[64];
	static const uint64_t reqs[] = { 0x5412, 0x541c, 0xffffffff00005412ull, 0x5413, 0 };

	rng_state = 0x0123456789abcdefull;
	for (int iter = 0; iter < 400; iter++) {
		size_t n = random_rules(rules, N(rules), 0), len;
		uint32_t arch = rnd() % 2 ? AUDIT_ARCH_AARCH64 : AUDIT_ARCH_X86_64;
		struct nono_sc_spec s = { arch, random_action(0, 0), random_action(0, 0), rules, n, (int)(rnd() % 2),
					  random_action(0, 0) };
		struct sock_filter *p = compile(&s, &len);

		for (uint32_t nr = 0; nr <= 600; nr++) {
			struct seccomp_data d = sd(arch, nr, reqs[nr % N(reqs)]);

			agree(&s, p, len, &d);
		}
		for (uint32_t i = 0; i < N(reqs); i++) {
			struct seccomp_data d = sd(arch, ioctl_nr(arch), reqs[i]);

			agree(&s, p, len, &d);
		}
		/* every rule's boundaries, anywhere in the 32-bit space, and a foreign arch */
		for (size_t i = 0; i < n; i++) {
			uint32_t pts[] = { rules[i].nr_lo - 1, rules[i].nr_lo, rules[i].nr_hi, rules[i].nr_hi + 1 };

			for (size_t j = 0; j < N(pts); j++) {
				struct seccomp_data d = sd(arch, pts[j], 0);

				agree(&s, p, len, &d);
			}
		}
		struct seccomp_data d = sd(AUDIT_ARCH_I386, rnd() % 600, 0);

		agree(&s, p, len, &d);
		free(p);
	}
}

/* ---- rules from names -------------------------------------------------------------------- */

static int nr_of(const char *name, uint32_t arch)
{
	const struct nono_syscall_info *sc = nono_syscall_lookup(name);

	cr_assert_not_null(sc, "%s", name);
	return arch == AUDIT_ARCH_X86_64 ? sc->nr_x86_64 : sc->nr_aarch64;
}

/* The action the rules give @name (ALLOW when no rule names it: the tests use default ALLOW). */
static uint32_t rules_action(const struct nono_sc_rule *r, size_t n, uint32_t arch, const char *name, uint32_t *id)
{
	int nr = nr_of(name, arch);

	for (size_t i = 0; i < n; i++)
		if (nr >= 0 && (uint32_t)nr >= r[i].nr_lo && (uint32_t)nr <= r[i].nr_hi) {
			*id = r[i].rule_id;
			return r[i].action;
		}
	*id = NONO_SC_RULE_DEFAULT;
	return 0xffffffff;
}

Test(seccomp_names, deny_wins_groups_expand_and_rules_are_sorted_and_disjoint)
{
	static const struct nono_sc_name deny[] = { { "ptrace", 1 }, { "@mount", 2 }, { "@keyring", 3 } };
	static const struct nono_sc_name allow[] = { { "ptrace", 10 }, { "getpid", 11 }, { "@default", 12 },
						     { "mount", 13 } };
	struct nono_sc_rule *r;
	size_t n;
	char err[128];
	uint32_t id;

	for (int audit = 0; audit < 2; audit++) {
		uint32_t denied = audit ? SECCOMP_RET_LOG : EPERM_RET;

		cr_assert_eq(nono_seccomp_rules_from_names(AUDIT_ARCH_X86_64, deny, N(deny), allow, N(allow), audit, &r,
							   &n, err, sizeof(err)),
			     0, "%s", err);
		for (size_t i = 0; i < n; i++) {
			cr_expect_leq(r[i].nr_lo, r[i].nr_hi);
			if (i)
				cr_expect_gt(r[i].nr_lo, r[i - 1].nr_hi, "sorted and disjoint");
		}
		cr_expect_eq(rules_action(r, n, AUDIT_ARCH_X86_64, "ptrace", &id), denied);
		cr_expect_eq(id, 1);
		cr_expect_eq(rules_action(r, n, AUDIT_ARCH_X86_64, "mount", &id), denied, "deny wins over allow");
		cr_expect_eq(id, 2);
		cr_expect_eq(rules_action(r, n, AUDIT_ARCH_X86_64, "umount2", &id), denied);
		cr_expect_eq(rules_action(r, n, AUDIT_ARCH_X86_64, "keyctl", &id), denied);
		cr_expect_eq(id, 3);
		cr_expect_eq(rules_action(r, n, AUDIT_ARCH_X86_64, "getpid", &id), SECCOMP_RET_ALLOW);
		cr_expect_eq(id, 11, "the first entry naming it");
		cr_expect_eq(rules_action(r, n, AUDIT_ARCH_X86_64, "brk", &id), SECCOMP_RET_ALLOW);
		cr_expect_eq(id, 12);
		cr_expect_eq(rules_action(r, n, AUDIT_ARCH_X86_64, "openat", &id), 0xffffffff, "not named");
		free(r);
	}
}

Test(seccomp_names, consecutive_numbers_coalesce_and_missing_syscalls_are_skipped)
{
	/* mount, umount2, swapon, swapoff, reboot: 165..169 on x86_64, one rule id */
	static const struct nono_sc_name deny[] = { { "reboot", 5 }, { "swapoff", 5 }, { "mount", 5 },
						    { "umount2", 5 }, { "swapon", 5 }, { "open", 6 } };
	struct nono_sc_rule *r;
	size_t n;
	char err[128];

	cr_assert_eq(nono_seccomp_rules_from_names(AUDIT_ARCH_X86_64, deny, N(deny), NULL, 0, 0, &r, &n, err,
						   sizeof(err)),
		     0, "%s", err);
	cr_assert_eq(n, 2);
	cr_expect(r[0].nr_lo == 2 && r[0].nr_hi == 2 && r[0].rule_id == 6, "open is 2 on x86_64");
	cr_expect(r[1].nr_lo == 165 && r[1].nr_hi == 169 && r[1].rule_id == 5 && r[1].action == EPERM_RET);
	free(r);

	/* aarch64 has no open(2): skipped, not an error */
	cr_assert_eq(nono_seccomp_rules_from_names(AUDIT_ARCH_AARCH64, deny + 5, 1, NULL, 0, 0, &r, &n, err, sizeof(err)),
		     0, "%s", err);
	cr_expect_eq(n, 0);
	cr_expect_null(r);
}

Test(seccomp_names, unknown_names_are_errors)
{
	struct nono_sc_rule *r = (void *)1;
	size_t n = 9;
	char err[128];
	struct nono_sc_name bad[] = { { "zzzzzzzzzzzz", 1 } };
	struct nono_sc_name badg[] = { { "@zzzzzzzzzzzz", 1 } };
	struct nono_sc_name typo[] = { { "ptrac", 1 } };
	struct nono_sc_name empty[] = { { "", 1 } };

	cr_expect_eq(nono_seccomp_rules_from_names(AUDIT_ARCH_X86_64, bad, 1, NULL, 0, 0, &r, &n, err, sizeof(err)), -1);
	cr_expect_str_eq(err, "unknown syscall 'zzzzzzzzzzzz'");
	cr_expect_null(r);
	cr_expect_eq(n, 0);
	cr_expect_eq(nono_seccomp_rules_from_names(AUDIT_ARCH_X86_64, NULL, 0, badg, 1, 0, &r, &n, err, sizeof(err)), -1);
	cr_expect_str_eq(err, "unknown syscall group '@zzzzzzzzzzzz'");
	cr_expect_eq(nono_seccomp_rules_from_names(AUDIT_ARCH_X86_64, typo, 1, NULL, 0, 0, &r, &n, err, sizeof(err)), -1);
	cr_expect_str_eq(err, "unknown syscall 'ptrac' (did you mean 'ptrace'?)");
	cr_expect_eq(nono_seccomp_rules_from_names(AUDIT_ARCH_X86_64, NULL, 0, empty, 1, 0, &r, &n, err, sizeof(err)), -1);
	cr_expect_str_eq(err, "empty syscall name in the allow list");
	cr_expect_eq(nono_seccomp_rules_from_names(AUDIT_ARCH_I386, typo, 1, NULL, 0, 0, &r, &n, err, sizeof(err)), -1);
	cr_expect_str_eq(err, "unsupported architecture 0x40000003: nono targets x86_64 and aarch64");
}

/* ---- the sample specs: std/base's deny list ----------------------------------------------- */

/* stdlib-policies/base.nono, `sys deny` lines, in order. */
static const char *const base_deny[] = {
	"@clock", "@cpu-emulation", "@debug", "@keyring", "@module", "@mount", "@obsolete", "@raw-io", "@reboot",
	"@swap", "process_vm_readv", "process_vm_writev", "bpf", "userfaultfd", "io_uring_setup",
	"io_uring_enter", "io_uring_register", "open_by_handle_at", "name_to_handle_at", "unshare", "setns",
	"acct", "quotactl", "syslog", "vhangup", "personality",
};

struct sample {
	struct nono_sc_spec spec;
	struct nono_sc_rule *rules;
};

static struct sample sample_spec(uint32_t arch, int audit, int allowlist)
{
	struct nono_sc_name deny[N(base_deny)];
	struct nono_sc_name allow[] = { { "@system-service", 100 } };
	struct sample s;
	size_t n;
	char err[128];

	for (size_t i = 0; i < N(base_deny); i++)
		deny[i] = (struct nono_sc_name){ base_deny[i], (uint32_t)i };
	cr_assert_eq(nono_seccomp_rules_from_names(arch, deny, N(deny), allow, allowlist ? 1 : 0, audit, &s.rules, &n,
						   err, sizeof(err)),
		     0, "%s", err);
	s.spec = (struct nono_sc_spec){ arch, allowlist ? EPERM_RET : SECCOMP_RET_ALLOW, SECCOMP_RET_KILL_PROCESS,
					s.rules, n, 1, EPERM_RET };
	return s;
}

/* ---- in the kernel --------------------------------------------------------------------------- */

#define KMAX 700
#define GUARD_ERRNO 4000

struct kcall {
	const char *what;
	long nr;
	uint64_t a[6];
};

struct kres {
	long ret;
	int err;
};

struct kshared {
	int done;
	int install_errno;
	int at;            /* the call in progress (to name the one that killed the child) */
	pid_t pid;
	struct kres res[KMAX];
};

static struct kshared *kshared_new(void)
{
	struct kshared *sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	cr_assert_neq(sh, MAP_FAILED);
	return sh;
}

/*
 * The guard: on the native architecture, ERRNO(4000) for everything but
 * @allow and seccomp(SECCOMP_SET_MODE_FILTER, …), which installs the
 * program under test after it. (Not seccomp as such: the sweep calls every
 * number with zero arguments, and seccomp(0, …) would enter strict mode.)
 */
static size_t make_guard(struct sock_filter *g, const long *allow, size_t nallow)
{
	size_t n = 0;

	cr_assert_lt(nallow, 200);
	g[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
	g[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, NATIVE_ARCH, 0, (uint8_t)(nallow + 6));
	g[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
	for (size_t i = 0; i < nallow; i++)
		g[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)allow[i],
						      (uint8_t)(nallow + 3 - i), 0);
	g[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_seccomp, 0, 2);
	g[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0]));
	g[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SECCOMP_SET_MODE_FILTER, 1, 0);
	g[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | GUARD_ERRNO);
	g[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	g[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);
	cr_assert_eq(nono_cbpf_check(g, n, NULL), NONO_CBPF_OK);
	/* what it lets through, checked in the interpreter */
	for (size_t i = 0; i < nallow; i++) {
		struct seccomp_data d = sd(NATIVE_ARCH, (uint32_t)allow[i], 0);

		cr_assert_eq(nono_cbpf_run(g, n, &d, NULL), SECCOMP_RET_ALLOW);
	}
	struct seccomp_data d = sd(NATIVE_ARCH, SYS_seccomp, 0);

	cr_assert_eq(nono_cbpf_run(g, n, &d, NULL), SECCOMP_RET_ERRNO | GUARD_ERRNO);
	d.args[0] = SECCOMP_SET_MODE_FILTER;
	cr_assert_eq(nono_cbpf_run(g, n, &d, NULL), SECCOMP_RET_ALLOW);
	d = sd(NATIVE_ARCH, SYS_getpid, 0);
	cr_assert_eq(nono_cbpf_run(g, n, &d, NULL), nallow ? SECCOMP_RET_ALLOW : SECCOMP_RET_ERRNO | GUARD_ERRNO);
	d = sd(AUDIT_ARCH_I386, SYS_getpid, 0);
	cr_assert_eq(nono_cbpf_run(g, n, &d, NULL), SECCOMP_RET_KILL_PROCESS);
	return n;
}

#ifdef __x86_64__
/* getpid through the i386 entry point: seccomp sees AUDIT_ARCH_I386, nr 20. */
static long int80_getpid(void)
{
	long ret;

	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(20L) : "memory", "r8", "r9", "r10", "r11");
	return ret;
}
#define INT80_GETPID (-2L)
#endif

static int install(const struct sock_filter *p, size_t n)
{
	struct sock_fprog fp = { (unsigned short)n, (struct sock_filter *)p };

	return syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fp) == 0 ? 0 : errno;
}

/*
 * Fork; the child installs @guard then @prog (either may be NULL), makes
 * @calls, reports them in @sh (sh->done) and exits, or spins until the
 * parent kills it when the filters refuse exit_group. Returns the child's
 * wait status; a child killed by a call never reports.
 */
static int kernel_run(struct kshared *sh, const struct sock_filter *guard, size_t glen, const struct sock_filter *prog,
		      size_t plen, const struct kcall *calls, size_t n)
{
	pid_t pid;
	int status = 0;

	cr_assert_leq(n, KMAX);
	memset(sh, 0, sizeof(*sh));
	sh->install_errno = -1;
	sh->at = -1;
	pid = fork();
	cr_assert_geq(pid, 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		int e = 0;

		sh->pid = getpid();
		prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
		if (guard)
			e = install(guard, glen);
		if (!e && prog)
			e = install(prog, plen);
		sh->install_errno = e;
		for (size_t i = 0; !e && i < n; i++) {
			long r;

			errno = 0;
			sh->at = (int)i;
#ifdef __x86_64__
			if (calls[i].nr == INT80_GETPID)
				r = int80_getpid();
			else
#endif
				r = syscall(calls[i].nr, calls[i].a[0], calls[i].a[1], calls[i].a[2], calls[i].a[3],
					    calls[i].a[4], calls[i].a[5]);
			sh->res[i].ret = r;
			sh->res[i].err = r == -1 ? errno : 0;
		}
		__atomic_store_n(&sh->done, 1, __ATOMIC_RELEASE);
		for (;;)
			syscall(SYS_exit_group, 0); /* refused by the guard: spin until killed */
	}
	for (int ms = 0; ms < 30000; ms++) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return status;
		if (__atomic_load_n(&sh->done, __ATOMIC_ACQUIRE))
			break;
		nanosleep(&(struct timespec){ 0, 1000000 }, NULL);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	cr_assert(__atomic_load_n(&sh->done, __ATOMIC_ACQUIRE), "the child neither reported nor died");
	return status;
}

/* kernel_run, for children that must get through every call. */
static void kernel_run_ok(struct kshared *sh, const struct sock_filter *guard, size_t glen,
			  const struct sock_filter *prog, size_t plen, const struct kcall *calls, size_t n)
{
	int st = kernel_run(sh, guard, glen, prog, plen, calls, n);

	cr_assert(__atomic_load_n(&sh->done, __ATOMIC_ACQUIRE),
		  "the child died before reporting: status 0x%x, in call %d (%s, nr %ld)", st, sh->at,
		  sh->at >= 0 && (size_t)sh->at < n ? calls[sh->at].what : "?",
		  sh->at >= 0 && (size_t)sh->at < n ? calls[sh->at].nr : -1L);
	cr_assert_eq(sh->install_errno, 0, "seccomp(SECCOMP_SET_MODE_FILTER): %s", strerror(sh->install_errno));
}

static struct seccomp_data call_data(const struct kcall *c)
{
	struct seccomp_data d;

	memset(&d, 0, sizeof(d));
	d.arch = NATIVE_ARCH;
	d.nr = (int)c->nr;
	memcpy(d.args, c->a, sizeof(d.args));
	return d;
}

#ifdef NATIVE_ARCH
static int devnull = -1, pipefd[2] = { -1, -1 };
static char ch = 'x';
static int avail;
static struct winsize ws;

static void open_fds(void)
{
	devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
	cr_assert_geq(devnull, 0);
	cr_assert_eq(pipe2(pipefd, O_CLOEXEC), 0);
}

/* Calls that are harmless with or without a filter; `denied`: std/base refuses them. */
static size_t realistic_calls(struct kcall *c, int *denied, int *distinct)
{
	size_t n = 0;
#define CALL(DENIED, DISTINCT, WHAT, NR, ...)                                                       \
	do {                                                                                        \
		c[n] = (struct kcall){ WHAT, NR, { __VA_ARGS__ } };                                 \
		denied[n] = DENIED;                                                                 \
		distinct[n] = DISTINCT;                                                             \
		n++;                                                                                \
	} while (0)
	uint64_t dn = (uint64_t)devnull, pr = (uint64_t)pipefd[0];

	CALL(0, 1, "getpid", SYS_getpid, 0);
	CALL(0, 1, "getppid", SYS_getppid, 0);
	CALL(1, 0, "mount(NULL target)", SYS_mount, 0, 0, 0, 0, 0);
	CALL(1, 0, "umount2(NULL)", SYS_umount2, 0, 0);
	CALL(1, 1, "unshare(0)", SYS_unshare, 0);
	CALL(1, 0, "setns(-1)", SYS_setns, (uint64_t)-1, 0);
	CALL(1, 1, "ptrace(-1)", SYS_ptrace, (uint64_t)-1, 0, 0, 0);
	CALL(1, 1, "keyctl(-1)", SYS_keyctl, (uint64_t)-1, 0, 0, 0, 0);
	CALL(1, 0, "add_key(NULL)", SYS_add_key, 0, 0, 0, 0, 0);
	CALL(1, 1, "bpf(-1)", SYS_bpf, (uint64_t)-1, 0, 0);
	CALL(1, 1, "personality(query)", SYS_personality, 0xffffffff);
	CALL(1, 1, "userfaultfd(bad flags)", SYS_userfaultfd, 0xffffffff);
	CALL(1, 1, "io_uring_setup(0, NULL)", SYS_io_uring_setup, 0, 0);
	CALL(1, 1, "syslog(-1)", SYS_syslog, (uint64_t)-1, 0, 0);
	CALL(1, 0, "perf_event_open(NULL)", SYS_perf_event_open, 0, 0, (uint64_t)-1, (uint64_t)-1, 0);
	CALL(1, 0, "process_vm_readv(0 iovecs)", SYS_process_vm_readv, 0, 0, 0, 0, 0, 0);
	CALL(1, 1, "ioctl(TIOCSTI)", SYS_ioctl, dn, TIOCSTI, (uint64_t)&ch);
	CALL(1, 1, "ioctl(TIOCSTI | 0xffffffff << 32)", SYS_ioctl, dn, 0xffffffff00000000ull | TIOCSTI, (uint64_t)&ch);
	CALL(1, 1, "ioctl(TIOCSTI | 1 << 32)", SYS_ioctl, dn, 0x100000000ull | TIOCSTI, (uint64_t)&ch);
	CALL(1, 1, "ioctl(TIOCLINUX)", SYS_ioctl, dn, TIOCLINUX, (uint64_t)&ch);
	CALL(1, 1, "ioctl(TIOCLINUX | high bits)", SYS_ioctl, dn, 0xabcdef0100000000ull | TIOCLINUX, (uint64_t)&ch);
	CALL(0, 1, "ioctl(pipe, FIONREAD)", SYS_ioctl, pr, FIONREAD, (uint64_t)&avail);
	CALL(0, 1, "ioctl(/dev/null, TIOCGWINSZ)", SYS_ioctl, dn, TIOCGWINSZ, (uint64_t)&ws);
	CALL(0, 1, "ioctl(TIOCSTI in the high word only)", SYS_ioctl, dn, (uint64_t)TIOCSTI << 32, (uint64_t)&ch);
#undef CALL
	return n;
}

Test(seccomp_kernel, std_base_deny_list_in_a_child_agrees_with_the_interpreter)
{
	struct sample s = sample_spec(NATIVE_ARCH, 0, 0);
	size_t len, n;
	struct sock_filter *p = compile(&s.spec, &len);
	static struct kcall calls[64];
	static int denied[64], distinct[64];
	static struct kres base[64];
	static struct sock_filter guard[64];
	const long guard_allow[] = { SYS_getpid, SYS_getppid, SYS_ioctl };
	size_t glen = make_guard(guard, guard_allow, N(guard_allow));
	struct kshared *sh = kshared_new();
	pid_t base_pid;

	open_fds();
	n = realistic_calls(calls, denied, distinct);

	/* 1. without any filter: what these calls do on their own */
	kernel_run_ok(sh, NULL, 0, NULL, 0, calls, n);
	memcpy(base, sh->res, n * sizeof(*base));
	base_pid = sh->pid;
	for (size_t i = 0; i < n; i++)
		if (distinct[i])
			cr_assert(!(base[i].ret == -1 && base[i].err == EPERM), "%s fails with EPERM even unfiltered",
				  calls[i].what);
	cr_assert_eq(base[0].ret, base_pid);

	/* 2. with the guard and the program */
	kernel_run_ok(sh, guard, glen, p, len, calls, n);
	for (size_t i = 0; i < n; i++) {
		struct seccomp_data d = call_data(&calls[i]);
		uint32_t v = interp(p, len, &d);
		char name[32];

		nono_cbpf_action_name(v, name, sizeof(name));
		cr_expect_eq(v, denied[i] ? EPERM_RET : SECCOMP_RET_ALLOW, "%s: the interpreter says %s", calls[i].what,
			     name);
		if ((v & SECCOMP_RET_ACTION_FULL) == SECCOMP_RET_ERRNO) {
			cr_expect(sh->res[i].ret == -1 && sh->res[i].err == (int)(v & SECCOMP_RET_DATA),
				  "%s: interpreter %s, kernel returned %ld errno %d", calls[i].what, name, sh->res[i].ret,
				  sh->res[i].err);
		} else if (i == 0) {
			cr_expect_eq(sh->res[i].ret, sh->pid, "getpid works");
		} else {
			cr_expect(sh->res[i].ret == base[i].ret && sh->res[i].err == base[i].err,
				  "%s: allowed, so as without a filter (%ld/%d), got %ld errno %d", calls[i].what,
				  base[i].ret, base[i].err, sh->res[i].ret, sh->res[i].err);
		}
	}
	munmap(sh, sizeof(*sh));
	free(p);
	free(s.rules);
}

/*
 * Numbers in 0..600 this host handles below the kernel, before seccomp can
 * see them. Linux answers ENOSYS for a number that is no syscall, filter or
 * not; a hypervisor may not (on a PVM guest, 335 raises SIGILL and 336
 * returns ENXIO, with or without a filter). Found by calling, unfiltered,
 * every number in 0..600 that is no syscall on this architecture and lies
 * below its highest syscall (so certainly unassigned): harmless, there is
 * nothing to run. The sweep skips what does not answer ENOSYS.
 */
static void host_quirks(unsigned char *skip, size_t nskip)
{
	static struct kcall calls[KMAX];
	unsigned char known[KMAX] = { 0 };
	size_t n = 0, ntab;
	const struct nono_syscall_info *t = nono_syscall_table(&ntab);
	int top = 0;
	struct kshared *sh = kshared_new();

	memset(skip, 0, nskip);
	for (size_t i = 0; i < ntab; i++) {
		int nr = NATIVE_ARCH == AUDIT_ARCH_X86_64 ? t[i].nr_x86_64 : t[i].nr_aarch64;

		if (nr >= 0 && nr < KMAX)
			known[nr] = 1;
		if (nr > top)
			top = nr;
	}
	for (long nr = 0; nr < top && nr < (long)nskip; nr++)
		if (!known[nr])
			calls[n++] = (struct kcall){ "unassigned", nr, { 0 } };
	for (size_t from = 0; from < n;) {
		int st = kernel_run(sh, NULL, 0, NULL, 0, calls + from, n - from);
		size_t upto = sh->done ? n - from : (size_t)sh->at;

		for (size_t i = 0; i < upto; i++) {
			if (!(sh->res[i].ret == -1 && sh->res[i].err == ENOSYS)) {
				skip[calls[from + i].nr] = 1;
				cr_log_info("this host answers unassigned syscall %ld with %ld/%s: not swept",
					    calls[from + i].nr, sh->res[i].ret, strerror(sh->res[i].err));
			}
		}
		if (sh->done)
			break;
		skip[calls[from + upto].nr] = 1; /* it killed the child */
		cr_log_info("this host intercepts syscall %ld below the kernel (status 0x%x): not swept",
			    calls[from + upto].nr, st);
		from += upto + 1;
	}
	munmap(sh, sizeof(*sh));
}

/*
 * Random specs, every syscall number 0..600 called with zero arguments
 * (plus ioctl with tty requests), in a child where the guard refuses
 * everything: ERRNO(e) from the program shows as errno e, anything the
 * program lets through as errno 4000.
 */
static void sweep(const struct nono_sc_spec *s, struct kshared *sh)
{
	static struct kcall calls[KMAX];
	static struct sock_filter guard[16];
	size_t glen = make_guard(guard, NULL, 0), len, n = 0;
	struct sock_filter *p = compile(s, &len);
	static const uint64_t reqs[] = { TIOCSTI, 0xffffffff00000000ull | TIOCSTI, TIOCLINUX, TIOCGWINSZ };

	static unsigned char skip[601];
	static int probed;

	if (!probed) {
		host_quirks(skip, sizeof(skip));
		probed = 1;
	}
	for (long nr = 0; nr <= 600; nr++)
		if (!skip[nr])
			calls[n++] = (struct kcall){ "sweep", nr, { 0 } };
	for (size_t i = 0; i < N(reqs); i++)
		calls[n++] = (struct kcall){ "ioctl", SYS_ioctl, { (uint64_t)devnull, reqs[i], (uint64_t)&ch } };
	kernel_run_ok(sh, guard, glen, p, len, calls, n);
	for (size_t i = 0; i < n; i++) {
		struct seccomp_data d = call_data(&calls[i]);
		uint32_t v = interp(p, len, &d);
		int want = (v & SECCOMP_RET_ACTION_FULL) == SECCOMP_RET_ERRNO ? (int)(v & SECCOMP_RET_DATA) : GUARD_ERRNO;
		char name[32];

		cr_assert(sh->res[i].ret == -1 && sh->res[i].err == want,
			  "nr %ld arg1 0x%llx: interpreter %s, kernel returned %ld errno %d", calls[i].nr,
			  (unsigned long long)calls[i].a[1], nono_cbpf_action_name(v, name, sizeof(name)), sh->res[i].ret,
			  sh->res[i].err);
	}
	free(p);
}

Test(seccomp_kernel, random_specs_agree_with_the_interpreter_for_every_number)
{
	static struct nono_sc_rule rules[48];
	struct kshared *sh = kshared_new();

	open_fds();
	rng_state = 0xfeedfacecafebeefull;
	for (int iter = 0; iter < 12; iter++) {
		size_t n = random_rules(rules, N(rules), 1);
		uint32_t def = rnd() % 2 ? SECCOMP_RET_ALLOW : SECCOMP_RET_ERRNO | 99;
		struct nono_sc_spec s = { NATIVE_ARCH, def, SECCOMP_RET_KILL_PROCESS, rules, n, 1,
					  SECCOMP_RET_ERRNO | 98 };

		sweep(&s, sh);
	}
	munmap(sh, sizeof(*sh));
}

Test(seccomp_kernel, a_program_with_trampolines_agrees_too)
{
	static struct nono_sc_rule rules[601];
	struct kshared *sh = kshared_new();
	size_t len;

	open_fds();
	/* every number its own range with its own errno: 600+ ranges, jumps far beyond 255 */
	for (uint32_t nr = 0; nr <= 600; nr++)
		rules[nr] = (struct nono_sc_rule){ nr, nr, SECCOMP_RET_ERRNO | (1000 + nr), nr };
	struct nono_sc_spec s = { NATIVE_ARCH, SECCOMP_RET_ALLOW, SECCOMP_RET_KILL_PROCESS, rules, N(rules), 1,
				  SECCOMP_RET_ERRNO | 98 };
	struct sock_filter *p = compile(&s, &len);
	size_t ja = 0;

	for (size_t i = 0; i < len; i++)
		ja += p[i].code == (BPF_JMP | BPF_JA);
	cr_expect_gt(ja, 0, "trampolines in %zu instructions", len);
	free(p);
	sweep(&s, sh);
	munmap(sh, sizeof(*sh));
}

Test(seccomp_kernel, std_base_in_audit_mode_logs_instead_of_refusing)
{
	struct sample s = sample_spec(NATIVE_ARCH, 1, 0);
	struct kshared *sh = kshared_new();

	open_fds();
	/* LOG lets the call through: the guard answers 4000; TIOCSTI is still refused */
	sweep(&s.spec, sh);
	munmap(sh, sizeof(*sh));
	free(s.rules);
}

static void expect_killed_by_sigsys(const struct kcall *c, const struct sock_filter *p, size_t len)
{
	struct kshared *sh = kshared_new();
	int st = kernel_run(sh, NULL, 0, p, len, c, 1);

	cr_expect(WIFSIGNALED(st) && WTERMSIG(st) == SIGSYS, "%s: status 0x%x (%s), want killed by SIGSYS", c->what, st,
		  WIFSIGNALED(st) ? strsignal(WTERMSIG(st)) : "exited");
	munmap(sh, sizeof(*sh));
}

Test(seccomp_kernel, x32_and_minus_one_are_killed)
{
#ifdef __x86_64__
	struct sample s = sample_spec(NATIVE_ARCH, 0, 0);
	size_t len;
	struct sock_filter *p = compile(&s.spec, &len);
	/* x32 getpid (harmless if it ran): the x32 bit on the x86_64 entry point */
	struct kcall x32 = { "x32 getpid", (long)(X32_BIT | SYS_getpid), { 0 } };
	struct kcall minus1 = { "syscall(-1)", -1L, { 0 } };

	expect_killed_by_sigsys(&x32, p, len);
	expect_killed_by_sigsys(&minus1, p, len);
	free(p);
	free(s.rules);
#else
	cr_skip_test("x32 exists on x86_64 only");
#endif
}

Test(seccomp_kernel, i386_system_calls_are_killed)
{
#ifdef __x86_64__
	/* getpid through int 0x80 (seccomp sees AUDIT_ARCH_I386), if this kernel runs it at all */
	struct kcall i386 = { "int 0x80 getpid", INT80_GETPID, { 0 } };
	struct kshared *sh = kshared_new();

	kernel_run(sh, NULL, 0, NULL, 0, &i386, 1);
	long got = sh->done ? sh->res[0].ret : -1;
	int works = sh->done && got == sh->pid;

	munmap(sh, sizeof(*sh));
	if (!works)
		cr_skip_test("int 0x80 does not work here even without a filter (no 32-bit system call entry)");

	struct sample s = sample_spec(NATIVE_ARCH, 0, 0);
	size_t len;
	struct sock_filter *p = compile(&s.spec, &len);

	expect_killed_by_sigsys(&i386, p, len);
	free(p);
	free(s.rules);
#else
	cr_skip_test("int 0x80 exists on x86_64 only");
#endif
}
#endif /* NATIVE_ARCH */

/* ---- golden files ------------------------------------------------------------------------------ */

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t size = 0;

	if (!f)
		return NULL;
	FILE *m = open_memstream(&buf, &size);
	int c;

	while ((c = fgetc(f)) != EOF)
		fputc(c, m);
	fclose(f);
	fclose(m);
	return buf;
}

static void golden(const char *name, const char *what, uint32_t arch, int audit, int allowlist)
{
	struct sample s = sample_spec(arch, audit, allowlist);
	size_t len;
	struct sock_filter *p = compile(&s.spec, &len);
	char *text = NULL, *prog = disasm_text(p, len), path[512];
	size_t size = 0;
	FILE *m = open_memstream(&text, &size);

	fprintf(m,
		"; %s.txt: %s (%s), %zu rules, %zu instructions.\n"
		"; Generated by tests/unit/test_seccomp.c; regenerate with\n"
		";   NONO_REGEN=1 BUILD/tests/unit --filter 'seccomp_golden/*'\n"
		"%s",
		name, what, nono_seccomp_arch_name(arch), s.spec.nrules, len, prog);
	fclose(m);
	snprintf(path, sizeof(path), "%s/tests/golden/seccomp/%s.txt", NONO_SRCDIR, name);

	const char *regen = getenv("NONO_REGEN");

	if (regen && strcmp(regen, "1") == 0) {
		FILE *f = fopen(path, "w");

		cr_assert_not_null(f, "%s: %s", path, strerror(errno));
		fputs(text, f);
		cr_assert_eq(fclose(f), 0);
	} else {
		char *want = read_file(path);

		cr_assert_not_null(want, "%s is missing: run with NONO_REGEN=1 to create it", path);
		if (strcmp(want, text) != 0) {
			/* leave the new text next to the build for `diff` */
			char out[512];

			snprintf(out, sizeof(out), "%s/golden-seccomp-%s.txt", NONO_BUILDDIR, name);
			FILE *f = fopen(out, "w");

			if (f) {
				fputs(text, f);
				fclose(f);
			}
			cr_expect_fail("%s differs from the compiler's output (written to %s): review with\n"
				       "  diff -u %s %s\nand regenerate with NONO_REGEN=1 if the change is intended",
				       path, out, path, out);
		}
		free(want);
	}
	free(text);
	free(prog);
	free(p);
	free(s.rules);
}

Test(seccomp_golden, std_base_deny_x86_64)
{
	golden("base-deny.x86_64", "std/base's sys deny list, default ALLOW, TIOCSTI/TIOCLINUX refused",
	       AUDIT_ARCH_X86_64, 0, 0);
}

Test(seccomp_golden, std_base_deny_aarch64)
{
	golden("base-deny.aarch64", "std/base's sys deny list, default ALLOW, TIOCSTI/TIOCLINUX refused",
	       AUDIT_ARCH_AARCH64, 0, 0);
}

Test(seccomp_golden, std_base_audit_x86_64)
{
	golden("base-audit.x86_64", "std/base's sys deny list in audit mode (LOG), TIOCSTI/TIOCLINUX refused",
	       AUDIT_ARCH_X86_64, 1, 0);
}

Test(seccomp_golden, system_service_allowlist_x86_64)
{
	golden("allowlist.x86_64",
	       "allow @system-service, deny std/base's list, default ERRNO(EPERM), TIOCSTI/TIOCLINUX refused",
	       AUDIT_ARCH_X86_64, 0, 1);
}
