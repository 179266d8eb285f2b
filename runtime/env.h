/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The agent's environment: cleared, then only what the policy names —
 * `env pass NAME` copies NAME from nono-load's caller (when set there),
 * `env set NAME=VALUE` sets it. Built in the parent as the envp handed to
 * execve, so the child never consults its own environment. Later entries
 * win (the IR lists global rules first, then the agent's own).
 */
#ifndef NL_ENV_H
#define NL_ENV_H

#include <stdio.h>

#include "plan.h"
#include "util.h"

struct nl_env_list {
	char **envp;   /* NULL-terminated, for execve */
	size_t n;
	bool *passed;  /* per entry: came from the caller (its value is not printed) */
	const char **missing; /* `env pass` names the caller did not have */
	size_t nmissing;
};

int nl_env_build(struct nl_env_list *env, const struct nl_plan *p, struct nl_err *e);
void nl_env_free(struct nl_env_list *env);
void nl_env_print(const struct nl_env_list *env, FILE *out);
/* The value of @name in @env, or NULL. */
const char *nl_env_get(const struct nl_env_list *env, const char *name);

#endif
