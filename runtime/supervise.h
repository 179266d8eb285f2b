/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The supervisor: nono-load after the sandbox started. It waits for the
 * steps (an error, or "exec happened"), forwards SIGINT, SIGTERM, SIGHUP
 * and SIGQUIT to the sandbox's pid 1 (which passes them to the agent),
 * enforces the wall-time limit by killing the whole sandbox, reaps, and
 * turns what happened into nono-load's exit status (util.h, enum nl_exit).
 */
#ifndef NL_SUPERVISE_H
#define NL_SUPERVISE_H

#include <signal.h>
#include <stdint.h>

#include "sandbox.h"

/* Block the supervised signals and SIGPIPE (before nl_sandbox_start; children inherit the mask). */
void nl_supervise_block(sigset_t *set);
/* Supervise until the sandbox is gone; returns the exit status. */
int nl_supervise(struct nl_sandbox *sb, const sigset_t *set, uint64_t wall_ms);

#endif
