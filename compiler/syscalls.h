/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Kernel ABI data the compiler checks names against: syscalls per
 * architecture (syscalls.def, generated from libseccomp by
 * compiler/tools/gen-syscalls.c), syscall groups (sysgroups.def, written by
 * hand) and signal names. Pure lookups over static tables: no allocation, no
 * state, safe to call from any thread.
 *
 * The architectures nono targets are x86_64 and aarch64. A syscall known on
 * only one of them has number -1 on the other.
 */
#ifndef NONOC_SYSCALLS_H
#define NONOC_SYSCALLS_H

#include <stddef.h>

struct nono_syscall_info {
	const char *name;
	int nr_x86_64;   /* -1: not a syscall on x86_64 */
	int nr_aarch64;  /* -1: not a syscall on aarch64 */
};

/* Groups nest at most this deep ("@system-service" → "@default" is 2). */
#define NONO_SYSGROUP_MAX_DEPTH 4

struct nono_sysgroup {
	const char *name;            /* without '@' */
	const char *summary;         /* one line, for diagnostics and docs */
	const char *const *members;  /* syscall names, or "@group" for a nested group */
	size_t nmembers;
};

/* The syscall called @name (exact, case-sensitive), or NULL. */
const struct nono_syscall_info *nono_syscall_lookup(const char *name);
/* Every syscall, sorted by name; *n receives the count. */
const struct nono_syscall_info *nono_syscall_table(size_t *n);
/* The closest syscall name to @word (a plausible typo), or NULL. */
const char *nono_syscall_suggest(const char *word);

/* The group called @name, with or without its leading '@', or NULL. */
const struct nono_sysgroup *nono_sysgroup_lookup(const char *name);
/* Every group, sorted by name; *n receives the count. */
const struct nono_sysgroup *nono_sysgroup_table(size_t *n);
/* The closest group name to @word (with or without '@'), without '@', or NULL. */
const char *nono_sysgroup_suggest(const char *word);

/*
 * Iterate over the syscalls of a group, nested groups expanded, in the order
 * the data lists them. A syscall reachable through two nested groups is
 * returned twice; callers build sets.
 *
 *	struct nono_sysgroup_iter it;
 *	const struct nono_syscall_info *sc;
 *
 *	nono_sysgroup_iter_init(&it, nono_sysgroup_lookup("@privileged"));
 *	while ((sc = nono_sysgroup_next(&it)))
 *		…
 */
struct nono_sysgroup_iter {
	const struct nono_sysgroup *group[NONO_SYSGROUP_MAX_DEPTH];
	size_t pos[NONO_SYSGROUP_MAX_DEPTH];
	size_t depth;
};
void nono_sysgroup_iter_init(struct nono_sysgroup_iter *it, const struct nono_sysgroup *g);
const struct nono_syscall_info *nono_sysgroup_next(struct nono_sysgroup_iter *it);

/*
 * Signals (Linux numbering, the same on x86_64 and aarch64). Names are
 * accepted with or without "SIG" ("SIGTERM", "TERM"), in upper case, plus
 * the aliases IOT (= ABRT), POLL (= IO) and CLD (= CHLD). Real-time signals
 * are not named.
 */
/* The signal number, or -1. */
int nono_signal_lookup(const char *name);
/* The canonical name ("SIGTERM") of a signal number, or NULL. */
const char *nono_signal_name(int nr);
/* The closest canonical name ("SIGTERM") to @word, or NULL. */
const char *nono_signal_suggest(const char *word);

#endif
