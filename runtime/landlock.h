/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Landlock: the `.nono.landlock` rules at the running kernel's ABI.
 *
 * The parent creates the ruleset with what this ABI handles, opens every
 * rule's path on the host with O_PATH and adds it (rights masked with the
 * ABI's handled set; directory-only rights dropped on files; missing paths
 * skipped and listed), and adds the TCP port rules when the ABI has them.
 * Rules on file systems that exist only inside the sandbox (its /tmp,
 * /dev and /proc) cannot be opened before the sandbox exists: the child adds
 * them once the view is the root (nl_landlock_view_rules). The agent's
 * process restricts itself last before seccomp (nl_landlock_restrict).
 *
 * The ladder of what each ABI adds (sandboxer.c's, in our own words):
 *   1 file access; 2 refer (rename/link across directories); 3 truncate;
 *   4 TCP bind/connect ports; 5 ioctl on devices; 6 scoping of signals and
 *   abstract unix sockets; 7 audit logging flags (no new rights).
 *
 * Landlock checks read_file as well as execute when execve opens a file (the
 * open is a read), so a rule that grants execute alone could never be used:
 * read_file is added to it, and the widening is reported as a degradation.
 */
#ifndef NL_LANDLOCK_H
#define NL_LANDLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "plan.h"
#include "util.h"

struct nl_ll_entry {
	char *path;      /* host (parent rules) or view (deferred) path, relative normal form */
	uint64_t rights; /* as added (masked) */
	bool dir;
	bool deferred;   /* added in the child, inside the view */
	bool missing;    /* skipped: not found (or not accessible) */
};

struct nl_landlock {
	int abi;        /* the ABI the ruleset is built for; 0 = Landlock not applied */
	int ruleset_fd; /* -1 when not applied */
	uint64_t handled_fs, handled_net, scoped;
	struct nl_ll_entry *entries;
	size_t nentries, cap;
	size_t nports; /* TCP port rules added */
	size_t nexec_read; /* rules granting execute that Landlock needed read_file added to */
};

/* Build the ruleset for @abi (the probe's; 0 = unavailable: nothing is prepared). */
int nl_landlock_prepare(struct nl_landlock *ll, const struct nl_plan *p, const struct nl_anchors *a, int abi,
			struct nl_err *e);
void nl_landlock_free(struct nl_landlock *ll);
void nl_landlock_print(const struct nl_landlock *ll, const struct nl_plan *p, FILE *out);
/* "execute,read_file,…" for @rights into @buf. */
const char *nl_landlock_rights_text(uint64_t rights, char *buf, size_t len);

/* In the child, after the pivot into the view: rules on the sandbox's own file systems. */
int nl_landlock_view_rules(struct nl_landlock *ll, struct nl_step_err *se);
/* In the agent's process: landlock_restrict_self(), then close the ruleset. */
int nl_landlock_restrict(struct nl_landlock *ll, struct nl_step_err *se);

#endif
