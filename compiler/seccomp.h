/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The seccomp back end: a syscall policy for one architecture (ranges of
 * syscall numbers → SECCOMP_RET_* actions) compiled to a classic BPF
 * program that nono-load installs with SECCOMP_SET_MODE_FILTER. Internal to
 * libnonoc; the lowering pass builds a struct nono_sc_spec per domain set
 * and architecture, and the bundle stores the programs.
 *
 * seccomp.c states the program layout. In short: check the architecture,
 * reject x32 on x86_64, load the syscall number, search a balanced binary
 * tree over sorted ranges, return the range's action; ioctl gets a check of
 * the low 32 bits of its request against TIOCSTI and TIOCLINUX.
 *
 * Semantics (what nono_seccomp_verdict() computes directly and what the
 * compiled program must agree with, for every input):
 *
 *  1. arch != spec->audit_arch                      → bad_arch_action
 *  2. x86_64 and nr & __X32_SYSCALL_BIT (0x40000000)  → bad_arch_action
 *     (this also covers nr = -1: no syscall has that number)
 *  3. the rules covering nr, if any, decide; otherwise default_action.
 *     Rules may overlap; the most restrictive action wins, in the kernel's
 *     order: KILL_PROCESS > KILL_THREAD > TRAP > ERRNO > USER_NOTIF > TRACE
 *     > LOG > ALLOW. Between two rules with the same action class (ERRNO(1)
 *     and ERRNO(13), say), the lower rule_id wins, then the earlier rule in
 *     the array: so the result never depends on the rules' order when rule
 *     ids are unique.
 *  4. block_tty_inject, nr is ioctl, and the low 32 bits of args[1] are
 *     TIOCSTI (0x5412) or TIOCLINUX (0x541C) → tty_inject_action, when that
 *     is more restrictive than what step 3 gave. Only the low 32 bits: the
 *     kernel truncates the request to an unsigned int, so 0xffffffff00005412
 *     is TIOCSTI too.
 *
 * Same spec → the same program, byte for byte.
 */
#ifndef NONOC_SECCOMP_H
#define NONOC_SECCOMP_H

#include <stddef.h>
#include <stdint.h>

#include <linux/filter.h>
#include <linux/seccomp.h>

/* An inclusive range of syscall numbers and what happens to them. */
struct nono_sc_rule {
	uint32_t nr_lo, nr_hi;
	uint32_t action;    /* SECCOMP_RET_* | data */
	uint32_t rule_id;   /* the policy rule it came from (reported back by nono_seccomp_verdict) */
};

struct nono_sc_spec {
	uint32_t audit_arch;          /* AUDIT_ARCH_X86_64 or AUDIT_ARCH_AARCH64 */
	uint32_t default_action;      /* for numbers no rule covers, e.g. SECCOMP_RET_ALLOW */
	uint32_t bad_arch_action;     /* wrong architecture, x32; e.g. SECCOMP_RET_KILL_PROCESS */
	const struct nono_sc_rule *rules;
	size_t nrules;
	int block_tty_inject;         /* ioctl TIOCSTI / TIOCLINUX → tty_inject_action */
	uint32_t tty_inject_action;   /* usually SECCOMP_RET_ERRNO | EPERM */
};

/* rule_id values nono_seccomp_verdict() reports when no rule decided. */
#define NONO_SC_RULE_DEFAULT  0xffffffffu  /* default_action */
#define NONO_SC_RULE_BAD_ARCH 0xfffffffeu  /* bad_arch_action (architecture, x32) */
#define NONO_SC_RULE_TTY      0xfffffffdu  /* tty_inject_action */

/* The kernel's limit on one program (BPF_MAXINSNS). */
#define NONO_SC_MAX_INSNS 4096

/*
 * Compile @spec. On success returns 0 and stores a malloc'ed program in
 * *@prog (free() it) and its length in *@len. On failure returns -1, leaves
 * *@prog NULL and *@len 0, and writes one complete message to @err (if
 * @errlen > 0): an unsupported architecture, an invalid action, a rule with
 * nr_lo > nr_hi, a program longer than NONO_SC_MAX_INSNS, out of memory.
 */
int nono_seccomp_compile(const struct nono_sc_spec *spec, struct sock_filter **prog, size_t *len, char *err,
			 size_t errlen);

/*
 * What @spec decides for @data, computed straight from the rules (no
 * program): the reference the compiled program is tested against, and how
 * nono-load explains a denial. *@rule_id (if not NULL) receives the deciding
 * rule's id or one of NONO_SC_RULE_*. An invalid spec gives
 * SECCOMP_RET_KILL_PROCESS and NONO_SC_RULE_BAD_ARCH.
 */
uint32_t nono_seccomp_verdict(const struct nono_sc_spec *spec, const struct seccomp_data *data, uint32_t *rule_id);

/*
 * One normalised range, as the compiler sees the rules: the ranges of a spec
 * are sorted, disjoint, cover 0..0xffffffff, and adjacent ranges differ in
 * action or in ioctl_check (which marks ioctl's own range when its request is
 * checked).
 */
struct nono_sc_range {
	uint32_t lo, hi;
	uint32_t action;
	int ioctl_check;
};

/*
 * The normalised ranges of @spec (malloc'ed, free() them). Returns 0, or -1
 * with a message in @err as nono_seccomp_compile() does.
 */
int nono_seccomp_ranges(const struct nono_sc_spec *spec, struct nono_sc_range **ranges, size_t *n, char *err,
			size_t errlen);

/* "x86_64", "aarch64", or NULL for an architecture nono does not target. */
const char *nono_seccomp_arch_name(uint32_t audit_arch);

/*
 * Rules from syscall names, for one architecture: what `sys deny` and
 * `sys allow` lower to.
 *
 * Each name is a syscall ("ptrace") or a group ("@mount", nested groups
 * expanded; see syscalls.h). A denied syscall gets SECCOMP_RET_ERRNO | EPERM,
 * or SECCOMP_RET_LOG when @audit is set (audit mode: log, do not block); an
 * allowed one gets SECCOMP_RET_ALLOW. Deny wins over allow: a syscall named
 * by both is only denied. A syscall that does not exist on this architecture
 * is skipped (it cannot be called there). The rule_id of a syscall is that
 * of the first entry (denies first) naming it.
 *
 * The rules come out sorted by number, one per run of consecutive numbers
 * with the same action and rule_id, in a malloc'ed array (*@rules, free()
 * it; NULL when *@nrules is 0). Returns 0, or -1 with a message in @err for
 * an unknown name or group, an unsupported architecture, out of memory.
 */
struct nono_sc_name {
	const char *name;
	uint32_t rule_id;
};

int nono_seccomp_rules_from_names(uint32_t audit_arch, const struct nono_sc_name *deny, size_t ndeny,
				  const struct nono_sc_name *allow, size_t nallow, int audit,
				  struct nono_sc_rule **rules, size_t *nrules, char *err, size_t errlen);

#endif
