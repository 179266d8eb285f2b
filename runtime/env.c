/* SPDX-License-Identifier: Apache-2.0 */
/* The agent's environment (env.h). */
#include <stdlib.h>
#include <string.h>

#include "env.h"

static int find(const struct nl_env_list *env, const char *name)
{
	size_t n = strlen(name);

	for (size_t i = 0; i < env->n; i++)
		if (!strncmp(env->envp[i], name, n) && env->envp[i][n] == '=')
			return (int)i;
	return -1;
}

const char *nl_env_get(const struct nl_env_list *env, const char *name)
{
	int i = find(env, name);

	return i < 0 ? NULL : env->envp[i] + strlen(name) + 1;
}

int nl_env_build(struct nl_env_list *env, const struct nl_plan *p, struct nl_err *e)
{
	const struct nl_domain *agent = &p->domains[0];

	memset(env, 0, sizeof(*env));
	env->envp = calloc(agent->nenv + 1, sizeof(*env->envp));
	env->passed = calloc(agent->nenv + 1, sizeof(*env->passed));
	env->missing = calloc(agent->nenv + 1, sizeof(*env->missing));
	if (!env->envp || !env->passed || !env->missing)
		goto oom;
	for (size_t i = 0; i < agent->nenv; i++) {
		const struct nl_env *v = &agent->env[i];
		const char *value = v->value ? v->value : getenv(v->name);
		char *entry;

		if (!value) {
			env->missing[env->nmissing++] = v->name;
			continue;
		}
		size_t len = strlen(v->name) + strlen(value) + 2;

		if (!(entry = malloc(len)))
			goto oom;
		snprintf(entry, len, "%s=%s", v->name, value);
		int at = find(env, v->name);

		if (at >= 0) { /* a later rule wins */
			free(env->envp[at]);
			env->envp[at] = entry;
			env->passed[at] = !v->value;
		} else {
			env->passed[env->n] = !v->value;
			env->envp[env->n++] = entry;
		}
	}
	return 0;
oom:
	nl_env_free(env);
	return nl_fail(e, NL_EXIT_SETUP, "out of memory building the environment");
}

void nl_env_free(struct nl_env_list *env)
{
	for (size_t i = 0; env->envp && i < env->n; i++)
		free(env->envp[i]);
	free(env->envp);
	free(env->passed);
	free(env->missing);
	memset(env, 0, sizeof(*env));
}

void nl_env_print(const struct nl_env_list *env, FILE *out)
{
	if (!env->n)
		fprintf(out, "  (empty)\n");
	for (size_t i = 0; i < env->n; i++) {
		const char *eq = strchr(env->envp[i], '=');

		if (env->passed[i])
			fprintf(out, "  %.*s (passed from the caller)\n", (int)(eq - env->envp[i]), env->envp[i]);
		else
			fprintf(out, "  %s (set by the policy)\n", env->envp[i]);
	}
	for (size_t i = 0; i < env->nmissing; i++)
		fprintf(out, "  %s: not set by the caller, so not passed\n", env->missing[i]);
}
