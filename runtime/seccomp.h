/* SPDX-License-Identifier: Apache-2.0 */
/*
 * seccomp: the precompiled filter from `.nono.seccomp` for the architecture
 * nono-load runs on. The bundle must hold a program for it (otherwise the
 * launch is refused); the program was already checked like the kernel
 * checks it (plan.c), and here it is run once in user space to make sure it
 * lets the final execve through (a filter that denies it could never start
 * the agent). Installed last, right before execve.
 */
#ifndef NL_SECCOMP_H
#define NL_SECCOMP_H

#include <linux/filter.h>
#include <stdint.h>

#include "plan.h"
#include "util.h"

struct nl_seccomp {
	const struct nl_seccomp_prog *prog;
	uint32_t audit_arch;
	const char *arch; /* "x86_64", "aarch64" */
	struct sock_fprog fprog;
};

int nl_seccomp_prepare(struct nl_seccomp *s, const struct nl_plan *p, struct nl_err *e);
/* In the agent's process, with no_new_privs already set. */
int nl_seccomp_install(const struct nl_seccomp *s, struct nl_step_err *se);

#endif
