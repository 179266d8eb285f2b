/* SPDX-License-Identifier: Apache-2.0 */
/* Requirements and degradations (layers.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "layers.h"

static void degrade(struct nl_layers *L, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void degrade(struct nl_layers *L, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (nl_grow(&L->degraded, &L->cap, L->ndegraded, sizeof(*L->degraded)) == 0 &&
	    (L->degraded[L->ndegraded] = strdup(buf)))
		L->ndegraded++;
}

static uint64_t min_set(uint64_t a, uint64_t b)
{
	return !a ? b : !b ? a : a < b ? a : b;
}

int nl_layers_decide(struct nl_layers *L, const struct nl_plan *p, const struct nl_probe *pr, bool no_userns,
		     struct nl_err *e)
{
	memset(L, 0, sizeof(*L));
	if (p->require & (1u << NL_LAYER_BPF_LSM)) {
		if (!nl_probe_bpf_lsm(pr)) {
			nl_fail(e, NL_EXIT_UNSUPPORTED,
				"the policy requires bpf-lsm, and BPF-LSM is not available here (%s%s)",
				pr->lsm_has_bpf == 0 ? "bpf is not in the kernel's LSM list"
				: pr->lsm_load_err > 0 ? "loading BPF_PROG_TYPE_LSM programs is refused: "
						       : "it could not be confirmed",
				pr->lsm_load_err > 0 ? nl_errno_name(pr->lsm_load_err) : "");
			nl_set_hint(e, "run on a kernel booted with bpf in lsm= that allows LSM programs (see "
				       "`nono-load --probe`), or drop `require bpf-lsm` to run with the rules only BPF-LSM "
				       "enforces listed as degradations");
		} else {
			nl_fail(e, NL_EXIT_UNSUPPORTED,
				"the policy requires bpf-lsm; the kernel has it, but this nono-load does not load "
				"BPF-LSM programs yet");
			nl_set_hint(e, "drop `require bpf-lsm` to run with the other layers (the gaps are listed)");
		}
		return -1;
	}
	if (p->require & (1u << NL_LAYER_CGROUPS)) {
		nl_fail(e, NL_EXIT_UNSUPPORTED, "the policy requires cgroups; this nono-load does not set up cgroup "
						"limits yet (this kernel's layout: %s)", nl_cg_layout_name(pr->cg_layout));
		nl_set_hint(e, "drop `require cgroups` to run with memory/cpu/pids/io limits listed as not enforced");
		return -1;
	}
	if ((p->require & (1u << NL_LAYER_LANDLOCK)) || p->landlock_min) {
		unsigned need = p->landlock_min ? p->landlock_min : 1;

		if ((unsigned)pr->landlock_abi < need) {
			if (pr->landlock_abi)
				nl_fail(e, NL_EXIT_UNSUPPORTED, "the policy requires Landlock ABI %u; this kernel has ABI %d",
					need, pr->landlock_abi);
			else
				nl_fail(e, NL_EXIT_UNSUPPORTED, "the policy requires Landlock; this kernel has none (%s)",
					nl_errno_name(pr->landlock_err));
			nl_set_hint(e, "Landlock ABI %u needs a newer kernel (ABI 1: 5.13, 2: 5.19, 3: 6.2, 4: 6.7, 5: "
				       "6.10, 6: 6.12, 7: 6.15); `nono-load --probe` shows this one", need);
			return -1;
		}
	}
	if ((p->require & (1u << NL_LAYER_SECCOMP)) && !nl_probe_seccomp(pr)) {
		nl_fail(e, NL_EXIT_UNSUPPORTED, "the policy requires seccomp; this kernel refuses filters (%s)",
			nl_errno_name(pr->seccomp_err));
		nl_set_hint(e, "use a kernel built with CONFIG_SECCOMP_FILTER=y");
		return -1;
	}
	/* The sandbox itself: a user namespace, or root doing without one. */
	if (no_userns && !pr->root) {
		nl_fail(e, NL_EXIT_USAGE, "--no-user-ns needs root");
		return -1;
	}
	L->userns = !no_userns && nl_probe_userns(pr);
	if (!L->userns && !pr->root) {
		nl_fail(e, NL_EXIT_UNSUPPORTED,
			"cannot build the sandbox: user namespaces are unavailable to uid %u (%s), and nono-load is not "
			"root", (unsigned)pr->euid, nl_errno_name(pr->userns_err));
		nl_set_hint(e, "enable unprivileged user namespaces (see `nono-load --probe`) or run as root");
		return -1;
	}
	/* A loopback-only network namespace when no domain may use the network at all. */
	L->netns = true;
	for (size_t i = 0; i < p->ndomains; i++)
		if (p->domains[i].nnet)
			L->netns = false;
	if (!(pr->ns & NL_NS_NET))
		L->netns = false;
	L->landlock_abi = pr->landlock_abi;
	L->seccomp = nl_probe_seccomp(pr);
	if (!L->seccomp) {
		nl_fail(e, NL_EXIT_UNSUPPORTED, "this kernel refuses seccomp filters (%s); nono-load does not run "
						"without one", nl_errno_name(pr->seccomp_err));
		return -1;
	}
	L->wall_ms = min_set(p->quota.wall_ms, p->domains[0].quota.wall_ms);
	L->nofile = min_set(p->quota.files, p->domains[0].quota.files);
	return 0;
}

static bool starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

void nl_layers_assess(struct nl_layers *L, const struct nl_plan *p, const struct nl_view *v,
		      const struct nl_landlock *ll)
{
	char rule[512];

	if (ll->nexec_read)
		degrade(L, "%zu rule(s) grant exec without read: Landlock also lets the agent read those files "
			   "(execve needs read_file under Landlock; BPF-LSM could tell them apart)", ll->nexec_read);
	if (!L->landlock_abi)
		degrade(L, "Landlock is unavailable: file access rests on the mount view alone (read-only/exec per "
			   "bound tree, not per rule); TCP port rules are not enforced");
	else {
		const struct nl_ll_level *lv = &p->ll.levels[(L->landlock_abi > NL_LL_LEVELS ? NL_LL_LEVELS
											 : L->landlock_abi) - 1];

		for (size_t i = 0; i < lv->ngaps; i++) {
			const char *why = lv->gaps[i].why;

			if (starts(why, "deny: Landlock cannot deny; hidden by the mount view"))
				continue; /* the mount view hides it (masked, or never bound) */
			if (L->netns && (starts(why, "network:") || starts(why, "udp:") || starts(why, "address:")))
				continue; /* the sandbox has no network to reach */
			if (starts(why, "signals and abstract unix sockets")) {
				/* Signals: the pid namespace shows no host process. Abstract sockets: the netns. */
				if (!L->netns)
					degrade(L, "abstract unix sockets of the host are reachable (Landlock ABI %d has no "
						   "scoping, and the sandbox shares the host's network namespace)",
						L->landlock_abi);
				continue;
			}
			nl_plan_rule(p, lv->gaps[i].rule, rule, sizeof(rule));
			degrade(L, "%s%s%s (no BPF-LSM in this nono-load)", why, rule[0] ? ": " : "", rule);
		}
	}
	/* Sharing the host's network: what neither Landlock nor a namespace restricts. */
	if (!L->netns) {
		char tools[256] = "";

		for (size_t i = 1; i < p->ndomains; i++)
			if (p->domains[i].nnet)
				nl_cat(tools, sizeof(tools), "%s%s", tools[0] ? ", " : "", p->domains[i].name);
		if (p->domains[0].net_none)
			degrade(L, "agent: `net none` is not a network namespace here, because %s may use the network; the "
				   "agent can reach whatever TCP ports they may (needs BPF-LSM domains)",
				tools[0] ? tools : "another domain");
		degrade(L, "UDP, ICMP and other non-TCP traffic is not restricted (the sandbox shares the host's network; "
			   "Landlock restricts TCP only; needs cgroup-BPF)");
	}
	/* Deny-everything masks on paths that do not exist yet inside a writable bind. */
	for (size_t i = 0; i < v->nops; i++) {
		const struct nl_vop *m = &v->ops[i];
		const struct nl_vop *encl = NULL;
		char abs[PATH_MAX + 1];
		struct stat st;

		if (m->kind != NL_VOP_MASK)
			continue;
		snprintf(abs, sizeof(abs), "/%s", m->path);
		if (lstat(abs, &st) == 0 || errno != ENOENT)
			continue;
		for (size_t k = 0; k < v->nops; k++)
			if (v->ops[k].kind == NL_VOP_BIND && nl_rel_under(m->path, v->ops[k].path) &&
			    (!encl || strlen(v->ops[k].path) > strlen(encl->path)))
				encl = &v->ops[k];
		if (encl && (encl->access & NL_ACC_WRITE))
			degrade(L, "deny %s: it does not exist now, so nothing hides it if the agent creates it inside "
				   "writable /%s (needs BPF-LSM)", abs, encl->path);
	}
	/* Limits that need cgroups. */
	const struct nl_quota *q = &p->quota, *aq = &p->domains[0].quota;

	if (q->memory || aq->memory)
		degrade(L, "quota memory: not enforced (cgroup limits are not implemented in this nono-load yet)");
	if (q->cpu_millis || aq->cpu_millis)
		degrade(L, "quota cpu: not enforced (cgroup limits are not implemented in this nono-load yet)");
	if (q->pids || aq->pids)
		degrade(L, "quota pids: not enforced (cgroup limits are not implemented in this nono-load yet)");
	if (q->io_read || q->io_write || aq->io_read || aq->io_write)
		degrade(L, "quota io: not enforced (cgroup limits are not implemented in this nono-load yet)");
	for (size_t i = 1; i < p->ndomains; i++) {
		const struct nl_domain *d = &p->domains[i];

		if (d->quota.memory || d->quota.cpu_millis || d->quota.pids || d->quota.io_read || d->quota.io_write ||
		    d->quota.wall_ms || d->quota.files)
			degrade(L, "tool %s: its own quota is not enforced (per-tool limits need BPF-LSM domains)",
				d->name);
		if (d->nenv != p->domains[0].nenv)
			degrade(L, "tool %s: its env rules are not applied when it is executed (needs BPF-LSM "
				   "domains); it inherits the agent's environment", d->name);
	}
}

void nl_layers_print(const struct nl_layers *L, FILE *out, const char *prefix)
{
	for (size_t i = 0; i < L->ndegraded; i++)
		fprintf(out, "%s%s\n", prefix, L->degraded[i]);
}

void nl_layers_free(struct nl_layers *L)
{
	for (size_t i = 0; i < L->ndegraded; i++)
		free(L->degraded[i]);
	free(L->degraded);
	memset(L, 0, sizeof(*L));
}
