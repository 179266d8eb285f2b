/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The sandbox: one ordered list of steps, applied in a child created in new
 * namespaces, from state the parent prepared (the mount view, the Landlock
 * ruleset, the seccomp program, the environment).
 *
 * Two processes run the steps. The sandbox's pid 1 (the clone()d child)
 * builds the namespaces' contents — mounts, network, the pivot into the
 * view — then forks the agent's process and stays as its init: it reaps,
 * forwards signals from the supervisor, and reports the agent's wait status
 * before exiting (which ends every process left in the sandbox). The agent's
 * process confines itself — session, no_new_privs, limits, capabilities,
 * Landlock, descriptors, seccomp last — and execs.
 *
 * A failing step writes a struct nl_step_err (the step, the syscall, errno,
 * the object, a hint) to the error pipe and exits; the agent never starts.
 * The pipe is close-on-exec, so the supervisor reading end-of-file with no
 * error means "exec happened".
 */
#ifndef NL_SANDBOX_H
#define NL_SANDBOX_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "env.h"
#include "landlock.h"
#include "mount.h"
#include "plan.h"
#include "seccomp.h"
#include "util.h"

struct nl_sandbox {
	/* prepared by the parent */
	const struct nl_plan *plan;
	const struct nl_view *view;
	struct nl_landlock *ll;
	const struct nl_seccomp *sc;
	const struct nl_env_list *env;
	char *const *argv;      /* the agent's command line */
	bool userns;            /* a new user namespace (else: root without one, --no-user-ns) */
	bool netns;             /* a new network namespace with only loopback */
	bool cgroupns;          /* a new cgroup namespace */
	uid_t uid;              /* mapped to itself inside */
	gid_t gid;
	uint64_t shm_size;
	uint64_t nofile;        /* RLIMIT_NOFILE for the agent (quota files), 0 = inherited */
	const char *fail_step;  /* NONO_LOAD_TEST_FAIL_STEP: fail this step on purpose (tests) */

	/* the running sandbox, for supervise.c */
	pid_t pid1;
	int err_rd;    /* step errors; EOF = exec happened (or the sandbox is gone) */
	int status_rd; /* the agent's wait status, written by pid 1 */
};

/* The step list as --dry-run shows it (only the steps this sandbox runs). */
void nl_sandbox_print_steps(const struct nl_sandbox *sb, FILE *out);
/* A step error as an nl_err ("setup step \"NAME\" failed: SYSCALL: …", hint, exit status). */
void nl_step_err_to_err(const struct nl_step_err *se, struct nl_err *e);
/* Is @name a step (for NONO_LOAD_TEST_FAIL_STEP)? */
bool nl_sandbox_is_step(const char *name);

/*
 * Create the namespaces and start pid 1 on its steps; the caller has
 * blocked the signals it supervises (the children inherit the mask).
 * 0 with sb->pid1, err_rd, status_rd set; -1 when not even that worked.
 */
int nl_sandbox_start(struct nl_sandbox *sb, struct nl_err *e);

#endif
