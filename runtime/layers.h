/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Which enforcement layers this run applies, given the policy and the
 * kernel probe: `require`d layers that are missing refuse the launch (with
 * the reason and a hint); everything weaker than the policy asked for is
 * listed as a degradation, printed on every run, never silent.
 */
#ifndef NL_LAYERS_H
#define NL_LAYERS_H

#include <stdbool.h>
#include <stdio.h>

#include "landlock.h"
#include "mount.h"
#include "plan.h"
#include "probe.h"
#include "util.h"

struct nl_layers {
	bool userns;       /* a user namespace (else root without one) */
	bool netns;        /* a loopback-only network namespace */
	int landlock_abi;  /* 0 = Landlock not applied */
	bool seccomp;
	uint64_t wall_ms;  /* 0 = no limit */
	uint64_t nofile;   /* 0 = inherited */
	char **degraded;   /* one line each */
	size_t ndegraded, cap;
};

/* Decide the layers; -1 (NL_EXIT_UNSUPPORTED) when a required layer is missing. */
int nl_layers_decide(struct nl_layers *L, const struct nl_plan *p, const struct nl_probe *pr, bool no_userns,
		     struct nl_err *e);
/* Collect the degradations (after the view is planned). */
void nl_layers_assess(struct nl_layers *L, const struct nl_plan *p, const struct nl_view *v,
		      const struct nl_landlock *ll);
void nl_layers_print(const struct nl_layers *L, FILE *out, const char *prefix);
void nl_layers_free(struct nl_layers *L);

#endif
