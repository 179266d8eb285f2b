/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The conflicts pass: the analysis a reviewer cannot do by hand. It finds
 * allows that a deny makes dead or partly dead, tools that can never run,
 * contradictions, duplicates, quotas that do not fit, grants that reach
 * dangerous places, and what each kernel level can and cannot guarantee.
 * docs/diagnostics.md ("### conflicts") explains every code it reports.
 *
 * Scopes. Top-level rules apply to every domain. A top-level allow is
 * checked against the top-level denies; a domain's allow against its own
 * denies and the top-level ones. A deny in one domain never makes a
 * top-level allow "dead" (it restricts that domain only, on purpose).
 *
 * Algorithm (n = rules, d = path depth; costs are per allow unless said):
 *
 *  1. One pass over the policy builds an index per rule set: the top-level
 *     denies, each domain's denies, the top-level allows, each domain's
 *     allows (conflicts_index.c). O(n·d) time and space in total.
 *
 *     - Paths: per anchor (/, ~, $WORKDIR) a trie keyed by path components
 *       (one hash map of (parent, component) -> child serves all tries). A
 *       rule is stored at the node of its fixed, glob-free prefix, in one of
 *       three slots: exact (no glob), subtree (P/`**`: P and everything
 *       below) or glob (anything else). Exact and subtree slots are bit
 *       masks of access rights with one representative rule per bit, so a
 *       thousand identical denies cost one slot.
 *     - Networks: a hash map keyed by (family, prefix length, network); a
 *       CIDR's node holds port intervals per protocol, sorted and merged
 *       into disjoint intervals when the index is finalised. This is a
 *       binary prefix trie without its intermediate nodes: a lookup per
 *       prefix length present. Binds: one such interval list.
 *     - Syscalls: a sorted array of names, `@group`s also expanded to their
 *       members (syscalls.h).
 *
 *  2. Dead/shadowed allows. For an allow with fixed prefix F, walk the deny
 *     tries along F: O(d) hash lookups. Every deny that can cover the allow
 *     is on that walk (a deny covering it has a fixed prefix that is a
 *     prefix of F). At each node the subtree slot covers the allow
 *     outright; the exact slot covers it if the allow is that very path; a
 *     glob deny is tested with component-wise glob matching (`**` = any
 *     number of components), a dynamic programme of O(c²) for c
 *     components. The union of the covering access bits says dead (all
 *     granted rights denied: error), partly shadowed (some rights denied
 *     over the whole extent: warning) or neither. A deny that covers only
 *     part of the allow's extent (a deny inside an allowed tree) is the
 *     intended idiom and stays silent.
 *     Networks: look up the allow's address cut to each prefix length that
 *     some deny has (≤ 33/129 lookups), take the deny intervals that overlap
 *     the allow's ports (binary search per node), sort and sweep.
 *     Syscalls: binary search.
 *     Per allow: O(d + g·c²) for paths, g = glob denies stored on the walk
 *     (usually a handful); O(b·log n + k·log k) for networks (b = 32/128,
 *     k = deny intervals overlapping the allow); O(m·log n) for a syscall
 *     group of m members. Never a scan of all denies: n allows cost
 *     O(n·d), not O(n²), unless thousands of glob denies share one prefix.
 *
 *  3. Duplicates: one key per rule (file, kind, normalised value, scope),
 *     sorted, equal neighbours reported: O(n log n).
 *
 *  4. Dangerous grants: each fs allow is matched against a fixed table of
 *     sensitive paths (about 90, pre-filtered by anchor and first
 *     component): O(n) with a constant factor; when one overlaps, the deny
 *     tries say whether that sensitive path is denied anyway (O(d)).
 *
 *  5. Kernel levels (information): a glob deny is looked up in the allow
 *     tries along its fixed prefix (O(d), at most 64 pattern tests); each
 *     tool allow in the agent's allow tries, as in 2.
 *
 * Matching is sound for errors: "covers" is never claimed when unsure
 * (patterns deeper than 64 components, a glob against a different glob).
 * "May overlap" (for warnings) treats `[…]` as any character.
 *
 * Rules from the standard policies (std/…) are not themselves reported as
 * dead, duplicate or dangerous: the user did not write them, a user's deny
 * over a standard allow is a deliberate restriction, and the standard
 * policies are checked on their own by their tests. They still count as
 * the other rule (a user's allow killed by a std deny is reported).
 *
 * Library code: nothing here prints or exits.
 */
#include <stdlib.h>
#include <string.h>

#include "conflicts_index.h"

struct pass {
	struct cf cf;
	struct nonoc_ctx *ctx;
	struct nono_policy *p;
	struct cf_rule *rules;
	size_t nrules;
	struct cf_index gden, gallow;         /* top level */
	struct cf_index *dden, *dallow;       /* per domain */
	const struct cf_rule *g_net_none, **d_net_none;
	int *src_file;                        /* source id -> index in p->files, or -1 */
	bool *file_std;                       /* per p->files index */
	bool require_bpf;
};

/* ---- descriptions --------------------------------------------------------------- */

static void access_words(unsigned mask, char *buf, size_t size, const char *sep)
{
	static const char *const names[] = { "read", "write", "exec" };
	size_t off = 0;

	buf[0] = '\0';
	for (unsigned b = 0; b < 3; b++) {
		if (!(mask & (1u << b)))
			continue;
		int w = snprintf(buf + off, size - off, "%s%s", off ? sep : "", names[b]);

		if (w < 0 || (size_t)w >= size - off)
			return;
		off += (size_t)w;
	}
}

/* The rule as written (normalised spacing): `deny fs write "/etc/`**`"`. */
static void rule_text(const struct cf_rule *r, char *buf, size_t size)
{
	const struct nono_node *n = r->n;
	const char *deny = r->deny ? "deny " : "";
	const char *arg = n->arg.s ? n->arg.s : "";
	char acc[32];

	switch (n->kind) {
	case NONO_N_FS:
		if (r->deny && (unsigned)n->sub == NONO_FS_ALL) {
			snprintf(buf, size, "deny fs \"%s\"", arg);
			return;
		}
		access_words(r->mask, acc, sizeof(acc), " ");
		snprintf(buf, size, "%sfs %s \"%s\"", deny, acc, arg);
		return;
	case NONO_N_NET_UNIX:
		snprintf(buf, size, "%snet unix \"%s\"", deny, arg);
		return;
	case NONO_N_NET_CONNECT:
	case NONO_N_NET_BIND:
		snprintf(buf, size, "%snet %s %s%s", deny, n->kind == NONO_N_NET_BIND ? "bind" : "connect",
			 n->sub == NONO_PROTO_TCP ? "tcp " : n->sub == NONO_PROTO_UDP ? "udp " : "", arg);
		return;
	case NONO_N_SYS:
		snprintf(buf, size, "%s %s", r->deny ? "deny sys" : "sys allow", arg);
		return;
	case NONO_N_PROC:
		snprintf(buf, size, "%sproc %s", deny, nono_proc_name(n->sub));
		return;
	case NONO_N_NET_NONE:
		snprintf(buf, size, "net none");
		return;
	case NONO_N_ENV_PASS:
		snprintf(buf, size, "env pass %s", n->name.s ? n->name.s : "");
		return;
	case NONO_N_ENV_SET:
		snprintf(buf, size, "env set %s=%s", n->name.s ? n->name.s : "", arg);
		return;
	default:
		snprintf(buf, size, "%s", nono_kind_name(n->kind));
		return;
	}
}

/* "the agent", "tool 'git'", "the top level" */
static void dom_text(const struct pass *ps, int dom, char *buf, size_t size)
{
	if (dom < 0)
		snprintf(buf, size, "the top level");
	else if (ps->p->domains[dom].is_agent)
		snprintf(buf, size, "the agent");
	else
		snprintf(buf, size, "tool '%s'", ps->p->domains[dom].name);
}

/* "in the agent", "in tool 'git'", "at the top level" */
static void in_dom_text(const struct pass *ps, int dom, char *buf, size_t size)
{
	char d[160];

	dom_text(ps, dom, d, sizeof(d));
	snprintf(buf, size, "%s %s", dom < 0 ? "at" : "in", d);
}

/* "this top-level rule" / "this rule of tool 'git'" */
static void where_text(const struct pass *ps, const struct cf_rule *r, char *buf, size_t size)
{
	char d[160];

	if (r->dom < 0) {
		snprintf(buf, size, "this top-level rule");
		return;
	}
	dom_text(ps, r->dom, d, sizeof(d));
	snprintf(buf, size, "this rule of %s", d);
}

/* The span to underline for a rule: its item (path, address, name) when it
 * has one, so that in `fs read "/a", "/b"` the right item is marked. */
static struct nono_span item_span(const struct nono_node *n)
{
	if (n->kind == NONO_N_ENV_SET || n->kind == NONO_N_ENV_PASS)
		return n->name.span.src >= 0 ? nono_span_join(n->name.span, n->arg.span) : n->span;
	return n->arg.s && n->arg.span.src >= 0 ? n->arg.span : n->span;
}

static void note_rule(struct pass *ps, struct nonoc_diag *d, const struct cf_rule *r, const char *verb)
{
	char w[200];

	where_text(ps, r, w, sizeof(w));
	nono_diag_note(ps->ctx, d, item_span(r->n), "%s %s", verb, w);
}

/* ---- building ------------------------------------------------------------------- */

static bool is_rule_kind(enum nono_node_kind k)
{
	switch (k) {
	case NONO_N_FS:
	case NONO_N_NET_NONE:
	case NONO_N_NET_CONNECT:
	case NONO_N_NET_BIND:
	case NONO_N_NET_UNIX:
	case NONO_N_PROC:
	case NONO_N_SYS:
	case NONO_N_ENV_PASS:
	case NONO_N_ENV_SET:
		return true;
	default:
		return false;
	}
}

static void setup_rule(struct pass *ps, struct cf_rule *r, const struct nono_node *n, int dom)
{
	const struct nono_value *v = n->val;
	int src = n->span.src;

	r->n = n;
	r->seq = (uint32_t)(r - ps->rules);
	r->dom = dom;
	r->deny = (n->flags & NONO_NODE_DENY) != 0;
	r->file = src >= 0 && (size_t)src < ps->ctx->nsources ? ps->src_file[src] : -1;
	r->std = r->file >= 0 && ps->file_std[r->file];
	r->protos = n->sub == NONO_PROTO_TCP ? CF_PROTO_TCP
		    : n->sub == NONO_PROTO_UDP ? CF_PROTO_UDP : CF_PROTO_TCP | CF_PROTO_UDP;
	switch (n->kind) {
	case NONO_N_FS:
	case NONO_N_NET_UNIX:
		if (n->kind == NONO_N_NET_UNIX)
			r->mask = NONO_FS_READ;
		else
			r->mask = (unsigned)n->sub ? (unsigned)n->sub & CF_ALL_ACCESS : CF_ALL_ACCESS;
		if (v && v->type == NONO_T_PATH)
			r->has_pat = cf_pat_from_path(&ps->cf, &v->u.path, &r->pat);
		break;
	case NONO_N_NET_CONNECT:
		if (v && v->type == NONO_T_NET) {
			r->lo = v->u.net.any_port ? 0 : v->u.net.port_lo;
			r->hi = v->u.net.any_port ? 65535 : v->u.net.port_hi;
		}
		break;
	case NONO_N_NET_BIND:
		if (v && v->type == NONO_T_PORTS) {
			r->lo = v->u.ports.lo;
			r->hi = v->u.ports.hi;
		}
		break;
	default:
		break;
	}
}

/* Is the typed value there and of the kind the analysis reads? */
static bool typed(const struct cf_rule *r)
{
	const struct nono_value *v = r->n->val;

	switch (r->n->kind) {
	case NONO_N_FS:
	case NONO_N_NET_UNIX:
		return r->has_pat;
	case NONO_N_NET_CONNECT:
		return v && v->type == NONO_T_NET && (v->u.net.family == 4 || v->u.net.family == 6);
	case NONO_N_NET_BIND:
		return v && v->type == NONO_T_PORTS;
	case NONO_N_SYS:
		return v && v->type == NONO_T_SYSCALL && v->u.sys.name;
	default:
		return true;
	}
}

static bool build(struct pass *ps)
{
	struct nono_policy *p = ps->p;
	struct nonoc_ctx *ctx = ps->ctx;
	size_t total = p->globals.n, nd = p->ndomains ? p->ndomains : 1;

	for (size_t i = 0; i < p->ndomains; i++)
		total += p->domains[i].rules.n;
	ps->rules = cf_alloc(&ps->cf, (total ? total : 1) * sizeof(*ps->rules));
	ps->dden = cf_alloc(&ps->cf, nd * sizeof(*ps->dden));
	ps->dallow = cf_alloc(&ps->cf, nd * sizeof(*ps->dallow));
	ps->d_net_none = cf_alloc(&ps->cf, nd * sizeof(*ps->d_net_none));
	ps->src_file = cf_alloc(&ps->cf, (ctx->nsources ? ctx->nsources : 1) * sizeof(int));
	ps->file_std = cf_alloc(&ps->cf, (p->nfiles ? p->nfiles : 1) * sizeof(bool));
	if (ps->cf.oom)
		return false;
	for (size_t i = 0; i < ctx->nsources; i++)
		ps->src_file[i] = -1;
	for (size_t f = 0; f < p->nfiles; f++) {
		if (p->files[f] >= 0 && (size_t)p->files[f] < ctx->nsources)
			ps->src_file[p->files[f]] = (int)f;
		ps->file_std[f] = !strncmp(nono_source_key(ctx, p->files[f]), "std:", 4);
	}
	cf_index_init(&ps->gden);
	cf_index_init(&ps->gallow);
	for (size_t i = 0; i < p->ndomains; i++) {
		cf_index_init(&ps->dden[i]);
		cf_index_init(&ps->dallow[i]);
	}
	for (size_t i = 0; i < p->requires.n; i++)
		if (p->requires.v[i]->sub == NONO_LAYER_BPF_LSM)
			ps->require_bpf = true;

	for (int dom = -1; dom < (int)p->ndomains; dom++) {
		const struct nono_vec *vec = dom < 0 ? &p->globals : &p->domains[dom].rules;

		for (size_t i = 0; i < vec->n; i++) {
			const struct nono_node *n = vec->v[i];

			if (!is_rule_kind(n->kind))
				continue;
			struct cf_rule *r = &ps->rules[ps->nrules++];

			setup_rule(ps, r, n, dom);
			if (ps->cf.oom)
				return false;
			if (!typed(r))
				continue;
			if (n->kind == NONO_N_NET_NONE) {
				const struct cf_rule **slot = dom < 0 ? &ps->g_net_none : &ps->d_net_none[dom];

				if (!*slot)
					*slot = r;
				continue;
			}
			struct cf_index *ix = r->deny ? (dom < 0 ? &ps->gden : &ps->dden[dom])
						      : (dom < 0 ? &ps->gallow : &ps->dallow[dom]);

			cf_index_add(&ps->cf, ix, r);
		}
	}
	cf_index_finalize(&ps->cf, &ps->gden);
	cf_index_finalize(&ps->cf, &ps->gallow);
	for (size_t i = 0; i < p->ndomains; i++) {
		cf_index_finalize(&ps->cf, &ps->dden[i]);
		cf_index_finalize(&ps->cf, &ps->dallow[i]);
	}
	return !ps->cf.oom;
}

/* The deny (or allow) indexes that apply to a rule of @dom: its own, then
 * the top level's. Returns how many. */
static size_t scopes(struct pass *ps, int dom, bool deny, const struct cf_index **out)
{
	size_t n = 0;

	if (dom >= 0)
		out[n++] = deny ? &ps->dden[dom] : &ps->dallow[dom];
	out[n++] = deny ? &ps->gden : &ps->gallow;
	return n;
}

/* ---- coverage of one rule by a set of indexes ------------------------------------- */

enum cover { COVER_NONE, COVER_PART, COVER_ALL };

struct coverage {
	enum cover how;
	const struct cf_rule *rep[4];
	unsigned nrep;
	char part[160];      /* for COVER_PART: "write", "ports 1-1023 (tcp)", "mount, umount2" … */
};

static void add_cov_rep(struct coverage *c, const struct cf_rule *r)
{
	if (!r)
		return;
	for (unsigned i = 0; i < c->nrep; i++)
		if (c->rep[i] == r)
			return;
	if (c->nrep < 4)
		c->rep[c->nrep++] = r;
}

static const char *proto_word(unsigned protos)
{
	return protos == CF_PROTO_TCP ? "tcp" : protos == CF_PROTO_UDP ? "udp" : "tcp and udp";
}

static void cover_sys(struct pass *ps, const struct cf_rule *r, const struct cf_index *const *ix, size_t nix,
		      struct coverage *c)
{
	const struct nono_syscall *s = &r->n->val->u.sys;
	char name[256];

	snprintf(name, sizeof(name), "%s%s", s->group ? "@" : "", s->name);
	for (size_t i = 0; i < nix; i++) {
		const struct cf_rule *d = cf_index_sys(ix[i], name);

		if (d) {
			c->how = COVER_ALL;
			add_cov_rep(c, d);
			return;
		}
	}
	const char *const *mem;
	size_t nmem, denied = 0, off = 0;

	if (!s->group || !cf_sys_group_members(&ps->cf, s->name, &mem, &nmem) || !nmem)
		return;
	for (size_t m = 0; m < nmem; m++) {
		const struct cf_rule *d = NULL;

		for (size_t i = 0; i < nix && !d; i++)
			d = cf_index_sys(ix[i], mem[m]);
		if (!d)
			continue;
		add_cov_rep(c, d);
		if (denied++ < 4 && off < sizeof(c->part)) {
			int w = snprintf(c->part + off, sizeof(c->part) - off, "%s%s", denied > 1 ? ", " : "", mem[m]);

			if (w > 0)
				off += (size_t)w;
		}
	}
	if (denied == nmem)
		c->how = COVER_ALL;
	else if (denied)
		c->how = COVER_PART;
	if (denied > 4 && off < sizeof(c->part))
		snprintf(c->part + off, sizeof(c->part) - off, " and %zu more", denied - 4);
}

/* How much of allow @r do the rules in @ix[0..nix) cover? */
static void cover(struct pass *ps, const struct cf_rule *r, const struct cf_index *const *ix, size_t nix,
		  struct coverage *c)
{
	memset(c, 0, sizeof(*c));
	switch (r->n->kind) {
	case NONO_N_FS:
	case NONO_N_NET_UNIX: {
		struct cf_pcov pc = { 0 };
		bool unx = r->n->kind == NONO_N_NET_UNIX;

		for (size_t i = 0; i < nix && (pc.mask & r->mask) != r->mask; i++)
			cf_index_path_cover(&ps->cf, ix[i], unx, &r->pat, r->mask, &pc);
		unsigned got = pc.mask & r->mask;

		if (!got)
			return;
		for (unsigned b = 0; b < 3; b++)
			if (got & (1u << b))
				add_cov_rep(c, pc.rep[b]);
		c->how = got == r->mask ? COVER_ALL : COVER_PART;
		if (c->how == COVER_PART) {
			char w[32];

			access_words(got, w, sizeof(w), " and ");
			snprintf(c->part, sizeof(c->part), "%s", w);
		}
		return;
	}
	case NONO_N_NET_CONNECT:
	case NONO_N_NET_BIND: {
		struct cf_ncov nc = { 0 };

		for (size_t i = 0; i < nix; i++)
			cf_index_net_collect(&ps->cf, ix[i], r);
		cf_ncov_done(&ps->cf, r, &nc);
		for (unsigned i = 0; i < nc.nrep; i++)
			add_cov_rep(c, nc.rep[i]);
		if (nc.full == r->protos) {
			c->how = COVER_ALL;
		} else if (nc.part || nc.full) {
			c->how = COVER_PART;
			if (nc.part && nc.plo == nc.phi)
				snprintf(c->part, sizeof(c->part), "port %u (%s)", nc.plo, proto_word(nc.part));
			else if (nc.part)
				snprintf(c->part, sizeof(c->part), "ports %u-%u (%s)", nc.plo, nc.phi, proto_word(nc.part));
			else
				snprintf(c->part, sizeof(c->part), "%s", proto_word(nc.full));
		}
		return;
	}
	case NONO_N_SYS:
		cover_sys(ps, r, ix, nix, c);
		return;
	case NONO_N_PROC:
		for (size_t i = 0; i < nix; i++) {
			const struct cf_rule *d = r->n->sub >= 0 && r->n->sub < 2 ? ix[i]->proc[r->n->sub] : NULL;

			if (d) {
				c->how = COVER_ALL;
				add_cov_rep(c, d);
				return;
			}
		}
		return;
	default:
		return;
	}
}

static bool is_allow_kind(const struct cf_rule *r)
{
	switch (r->n->kind) {
	case NONO_N_FS:
	case NONO_N_NET_UNIX:
	case NONO_N_NET_CONNECT:
	case NONO_N_NET_BIND:
	case NONO_N_SYS:
	case NONO_N_PROC:
		return !r->deny;
	default:
		return false;
	}
}

/* ---- 1. dead and partly denied allows; net none ------------------------------------- */

static bool check_net_none(struct pass *ps, const struct cf_rule *r)
{
	if (r->n->kind != NONO_N_NET_CONNECT && r->n->kind != NONO_N_NET_BIND)
		return false;
	const struct cf_rule *none = r->dom >= 0 && ps->d_net_none[r->dom] ? ps->d_net_none[r->dom] : ps->g_net_none;

	if (!none)
		return false;
	char t[300], d[160], w[170];

	rule_text(r, t, sizeof(t));
	in_dom_text(ps, r->dom, w, sizeof(w));
	dom_text(ps, r->dom, d, sizeof(d));
	struct nonoc_diag *g = nono_diag(ps->ctx, NONO_E072, item_span(r->n), "`%s` %s contradicts `net none`", t, w);

	if (none->dom < 0) {
		nono_diag_note(ps->ctx, g, none->n->span, "`net none` at the top level takes the network from every domain");
		nono_diag_hint(ps->ctx, g, "move `net none` into the domains that need no network");
	} else {
		nono_diag_note(ps->ctx, g, none->n->span, "%s has no network because of this `net none`", d);
		nono_diag_hint(ps->ctx, g, "remove `net none` from %s, or remove this rule", d);
	}
	return true;
}

static void check_allows(struct pass *ps)
{
	for (size_t i = 0; i < ps->nrules; i++) {
		struct cf_rule *r = &ps->rules[i];

		if (!is_allow_kind(r) || r->std || !typed(r))
			continue;
		if (check_net_none(ps, r))
			continue; /* reported; the deny analysis would add nothing */
		const struct cf_index *ix[2];
		size_t nix = scopes(ps, r->dom, true, ix);
		struct coverage c;

		cover(ps, r, ix, nix, &c);
		if (c.how == COVER_NONE)
			continue;
		char t[300], d[160];
		struct nonoc_diag *g;

		rule_text(r, t, sizeof(t));
		dom_text(ps, r->dom, d, sizeof(d));
		if (c.how == COVER_ALL) {
			r->dead = true;
			if (r->dom < 0)
				g = nono_diag(ps->ctx, NONO_E070, item_span(r->n),
					      "top-level `%s` is dead: everything it allows is denied", t);
			else if (ps->p->domains[r->dom].is_agent)
				g = nono_diag(ps->ctx, NONO_E070, item_span(r->n),
					      "`%s` in the agent is dead: everything it allows is denied", t);
			else
				g = nono_diag(ps->ctx, NONO_E070, item_span(r->n),
					      "tool '%s' can never use `%s`: everything it allows is denied",
					      ps->p->domains[r->dom].name, t);
			for (unsigned k = 0; k < c.nrep; k++)
				note_rule(ps, g, c.rep[k], "denied by");
			nono_diag_hint(ps->ctx, g, "deny always wins: remove this rule, or narrow the deny if %s needs it",
				       d);
			continue;
		}
		if (r->dom < 0)
			g = nono_diag(ps->ctx, NONO_W001, item_span(r->n), "part of top-level `%s` is denied: %s", t, c.part);
		else
			g = nono_diag(ps->ctx, NONO_W001, item_span(r->n), "part of `%s` in %s is denied: %s", t, d, c.part);
		for (unsigned k = 0; k < c.nrep; k++)
			note_rule(ps, g, c.rep[k], "denied by");
		switch (r->n->kind) {
		case NONO_N_FS:
			nono_diag_hint(ps->ctx, g, "grant only the access that is not denied, so the rule says what it does");
			break;
		case NONO_N_SYS:
			nono_diag_hint(ps->ctx, g, "allow the group's other members by name, or drop the deny");
			break;
		default:
			nono_diag_hint(ps->ctx, g, "narrow the protocol or port range to what is not denied");
			break;
		}
	}
}

/* ---- 2. domains whose binary is denied ---------------------------------------------- */

static void check_exec(struct pass *ps)
{
	for (size_t dom = 0; dom < ps->p->ndomains; dom++) {
		const struct nono_domain *dm = &ps->p->domains[dom];
		const struct nono_node *ex = dm->exec;

		if (!ex || !ex->val || ex->val->type != NONO_T_PATH)
			continue;
		struct cf_pat pat;

		if (!cf_pat_from_path(&ps->cf, &ex->val->u.path, &pat))
			return;
		struct cf_pcov pc = { 0 };
		unsigned want = NONO_FS_READ | NONO_FS_EXEC;

		cf_index_path_cover(&ps->cf, &ps->dden[dom], false, &pat, want, &pc);
		cf_index_path_cover(&ps->cf, &ps->gden, false, &pat, want, &pc);
		if (!(pc.mask & want))
			continue;
		const struct cf_rule *by = pc.rep[(pc.mask & NONO_FS_EXEC) ? 2 : 0];
		char acc[32];
		struct nonoc_diag *g;

		access_words(pc.mask & want, acc, sizeof(acc), " and ");
		if (dm->is_agent)
			g = nono_diag(ps->ctx, NONO_E071, item_span(ex),
				      "the agent can never start: %s of its binary \"%s\" is denied", acc, ex->arg.s);
		else
			g = nono_diag(ps->ctx, NONO_E071, item_span(ex),
				      "tool '%s' can never run: %s of its binary \"%s\" is denied", dm->name, acc,
				      ex->arg.s);
		if (by)
			note_rule(ps, g, by, "denied by");
		nono_diag_hint(ps->ctx, g, "narrow the deny so that it leaves \"%s\" readable and executable",
			       ex->arg.s);
	}
}

/* ---- 3. duplicates ---------------------------------------------------------------------- */

struct dupkey {
	const char *key;
	const struct cf_rule *r;
};

static int dupkey_cmp(const void *a, const void *b)
{
	const struct dupkey *x = a, *y = b;

	if (x->r->file != y->r->file)
		return x->r->file < y->r->file ? -1 : 1;
	int c = strcmp(x->key, y->key);

	if (c)
		return c;
	if (x->r->dom != y->r->dom)
		return x->r->dom < y->r->dom ? -1 : 1;
	return x->r->seq < y->r->seq ? -1 : x->r->seq > y->r->seq;
}

static const char *rule_key(struct pass *ps, const struct cf_rule *r)
{
	const struct nono_node *n = r->n;
	const struct nono_value *v = n->val;
	struct arena *a = &ps->ctx->arena;
	char d = r->deny ? 'D' : 'A';

	switch (n->kind) {
	case NONO_N_FS:
	case NONO_N_NET_UNIX:
		return arena_printf(a, "%c%d|%u|%d|%s", d, n->kind, r->mask, (int)v->u.path.anchor,
				    v->u.path.rel ? v->u.path.rel : "");
	case NONO_N_NET_CONNECT: {
		char hex[33];

		for (int i = 0; i < 16; i++)
			snprintf(hex + 2 * i, 3, "%02x", v->u.net.addr[i]);
		return arena_printf(a, "%c%d|%u|%u/%u|%s|%u-%u", d, n->kind, r->protos, v->u.net.family,
				    v->u.net.prefix, hex, r->lo, r->hi);
	}
	case NONO_N_NET_BIND:
		return arena_printf(a, "%c%d|%u|%u-%u", d, n->kind, r->protos, r->lo, r->hi);
	case NONO_N_SYS:
		return arena_printf(a, "%c%d|%d|%s", d, n->kind, v->u.sys.group, v->u.sys.name);
	case NONO_N_PROC:
		return arena_printf(a, "%c%d|%d", d, n->kind, n->sub);
	case NONO_N_NET_NONE:
		return arena_printf(a, "%c%d", d, n->kind);
	case NONO_N_ENV_PASS:
		return arena_printf(a, "%c%d|%s", d, n->kind, n->name.s ? n->name.s : "");
	case NONO_N_ENV_SET:
		return arena_printf(a, "%c%d|%s=%s", d, n->kind, n->name.s ? n->name.s : "", n->arg.s ? n->arg.s : "");
	default:
		return NULL;
	}
}

static void check_duplicates(struct pass *ps)
{
	struct dupkey *k = cf_alloc(&ps->cf, (ps->nrules ? ps->nrules : 1) * sizeof(*k));
	size_t n = 0;

	if (!k)
		return;
	for (size_t i = 0; i < ps->nrules; i++) {
		const struct cf_rule *r = &ps->rules[i];

		if (r->std || r->file < 0 || !typed(r))
			continue;
		const char *key = rule_key(ps, r);

		if (!key)
			return;
		k[n++] = (struct dupkey){ key, r };
	}
	qsort(k, n, sizeof(*k), dupkey_cmp);
	for (size_t i = 0; i < n;) {
		size_t j = i;

		while (j < n && k[j].r->file == k[i].r->file && !strcmp(k[j].key, k[i].key))
			j++;
		/* k[i..j): equal rules of one file, top level first, then by domain. */
		const struct cf_rule *top = k[i].r->dom < 0 ? k[i].r : NULL;

		for (size_t m = i + 1; m < j; m++) {
			const struct cf_rule *r = k[m].r, *first = k[m - 1].r->dom == r->dom ? k[m - 1].r : NULL;
			char t[300], d[160];
			struct nonoc_diag *g;

			/* The first of r's own scope, if any: the group is sorted by scope. */
			for (size_t q = m; first && q > i && k[q - 1].r->dom == r->dom; q--)
				first = k[q - 1].r;
			rule_text(r, t, sizeof(t));
			dom_text(ps, r->dom, d, sizeof(d));
			if (first) {
				char w[170];

				in_dom_text(ps, r->dom, w, sizeof(w));
				g = nono_diag(ps->ctx, NONO_W002, item_span(r->n), "duplicate rule `%s` %s", t, w);
				nono_diag_note(ps->ctx, g, item_span(first->n), "the same rule is already here");
				nono_diag_hint(ps->ctx, g, "remove one of the two");
			} else if (top) {
				g = nono_diag(ps->ctx, NONO_W002, item_span(r->n),
					      "`%s` in %s repeats a top-level rule", t, d);
				nono_diag_note(ps->ctx, g, item_span(top->n),
					       "top-level rules already apply to every domain");
				nono_diag_hint(ps->ctx, g, "remove the copy in %s", d);
			}
		}
		i = j;
	}
}

/* ---- 4. contradictory settings: mode, env set, quotas --------------------------------------- */

static bool node_std(const struct pass *ps, const struct nono_node *n)
{
	int src = n->span.src;

	if (src < 0 || (size_t)src >= ps->ctx->nsources || ps->src_file[src] < 0)
		return false;
	return ps->file_std[ps->src_file[src]];
}

static void check_modes(struct pass *ps)
{
	const struct nono_node *first = NULL;

	for (size_t f = 0; f < ps->p->nfiles; f++) {
		if (ps->file_std[f])
			continue;
		const struct nono_source *s = nono_source_get(ps->ctx, ps->p->files[f]);

		for (const struct nono_node *n = s ? s->ast : NULL; n; n = n->next) {
			if (n->kind != NONO_N_MODE)
				continue;
			if (!first) {
				first = n;
				continue;
			}
			struct nonoc_diag *g;

			if (n->sub != first->sub) {
				g = nono_diag(ps->ctx, NONO_E073, n->span, "`mode %s` contradicts `mode %s`",
					      nono_mode_name(n->sub), nono_mode_name(first->sub));
				nono_diag_note(ps->ctx, g, first->span, "the other `mode` is here");
				nono_diag_hint(ps->ctx, g, "keep one `mode` statement, in the root policy");
			} else if (n->span.src == first->span.src) {
				g = nono_diag(ps->ctx, NONO_W002, n->span, "duplicate `mode %s`", nono_mode_name(n->sub));
				nono_diag_note(ps->ctx, g, first->span, "the same statement is already here");
				nono_diag_hint(ps->ctx, g, "remove one of the two");
			}
		}
	}
}

static const char *env_name(const struct cf_rule *r)
{
	return r->n->name.s ? r->n->name.s : "";
}

static int envset_cmp(const void *a, const void *b)
{
	const struct cf_rule *x = *(const struct cf_rule *const *)a, *y = *(const struct cf_rule *const *)b;

	if (x->dom != y->dom)
		return x->dom < y->dom ? -1 : 1;
	int c = strcmp(env_name(x), env_name(y));

	if (c)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void check_env(struct pass *ps)
{
	const struct cf_rule **v = cf_alloc(&ps->cf, (ps->nrules ? ps->nrules : 1) * sizeof(*v));
	size_t n = 0;

	if (!v)
		return;
	for (size_t i = 0; i < ps->nrules; i++)
		if (ps->rules[i].n->kind == NONO_N_ENV_SET && !ps->rules[i].std)
			v[n++] = &ps->rules[i];
	qsort(v, n, sizeof(*v), envset_cmp);
	for (size_t i = 0, f = 0; i < n; i++) {
		if (i == 0 || v[i]->dom != v[f]->dom || strcmp(env_name(v[i]), env_name(v[f]))) {
			f = i; /* the first setting of this name in this scope */
			continue;
		}
		const struct cf_rule *first = v[f], *b = v[i];
		const char *va = first->n->arg.s ? first->n->arg.s : "", *vb = b->n->arg.s ? b->n->arg.s : "";

		if (!strcmp(va, vb))
			continue; /* the same value: a duplicate, reported with the duplicates */
		char d[170];

		in_dom_text(ps, b->dom, d, sizeof(d));
		struct nonoc_diag *g = nono_diag(ps->ctx, NONO_E073, item_span(b->n),
						 "`env set %s=%s` %s contradicts `env set %s=%s`", env_name(b), vb,
						 d, env_name(first), va);

		nono_diag_note(ps->ctx, g, item_span(first->n), "%s is first set here", env_name(first));
		nono_diag_hint(ps->ctx, g, "set %s once", env_name(b));
	}
}

static bool quota_amount(const struct nono_node *q, uint64_t *out)
{
	if (!q->val)
		return false;
	switch (q->val->type) {
	case NONO_T_SIZE:
	case NONO_T_RATE:
	case NONO_T_DURATION:
	case NONO_T_CPU:
	case NONO_T_COUNT:
	case NONO_T_INT:
		*out = q->val->u.amount;
		return true;
	default:
		return false;
	}
}

/*
 * The smallest quotas a sandbox can work with (W003). Below these, common
 * agent runtimes fail at start-up rather than when they misbehave:
 *  - memory 16 MiB: python3 or node alone need 10-40 MiB resident, and the
 *    cgroup is also charged for page tables, kernel stacks and page cache;
 *  - cpu 1% (10 ms per second): an interpreter then takes minutes to start;
 *  - pids 8: the cgroup pids controller counts threads; node starts about 7
 *    threads before running any code, git and make spawn helpers;
 *  - files 16: stdio takes 3, the dynamic loader and an interpreter's
 *    start-up a dozen more;
 *  - wall 1 s: exec, dynamic linking and interpreter start-up alone can take
 *    a large part of a second on a loaded host.
 * io rates have no minimum: they throttle block-device traffic only (not the
 * page cache), so a low rate slows a sandbox without stopping it.
 */
static const struct {
	uint64_t min;
	const char *text, *why;
} quota_min[NONO_Q_COUNT] = {
	[NONO_Q_MEMORY] = { 16ull << 20, "16MiB", "interpreters such as python3 or node need more than this just to start" },
	[NONO_Q_CPU] = { 10, "1%", "with less, an interpreter takes minutes to start" },
	[NONO_Q_PIDS] = { 8, "8", "threads count as pids: node alone starts about 7" },
	[NONO_Q_FILES] = { 16, "16", "stdio and the dynamic loader use most of these before any work is done" },
	[NONO_Q_WALL] = { 1000, "1s", "starting the sandbox and an interpreter can take most of a second" },
};

static void check_quota_scope(struct pass *ps, const struct nono_vec *qs, int dom,
			      const struct nono_node *const *top /* [NONO_Q_COUNT], NULL at the top level */)
{
	const struct nono_node *seen[NONO_Q_COUNT] = { 0 };
	char d[160], w[170];

	dom_text(ps, dom, d, sizeof(d));
	in_dom_text(ps, dom, w, sizeof(w));
	for (size_t i = 0; i < qs->n; i++) {
		const struct nono_node *q = qs->v[i];
		uint64_t amount, other;
		struct nonoc_diag *g;

		if (q->sub < 0 || q->sub >= NONO_Q_COUNT || node_std(ps, q) || !quota_amount(q, &amount))
			continue;
		const char *key = nono_quota_name(q->sub);
		const struct nono_node *prev = seen[q->sub];

		if (prev && quota_amount(prev, &other)) {
			if (other != amount) {
				g = nono_diag(ps->ctx, NONO_E073, q->span, "`%s %s` %s contradicts `%s %s`", key,
					      q->arg.s, w, key, prev->arg.s);
				nono_diag_note(ps->ctx, g, prev->span, "the %s quota is first set here", key);
				nono_diag_hint(ps->ctx, g, "give each quota once");
			} else if (prev->span.src == q->span.src) {
				g = nono_diag(ps->ctx, NONO_W002, q->span, "duplicate quota `%s %s` %s", key, q->arg.s, w);
				nono_diag_note(ps->ctx, g, prev->span, "the same quota is already here");
				nono_diag_hint(ps->ctx, g, "remove one of the two");
			}
			continue;
		}
		seen[q->sub] = q;
		if (top && top[q->sub] && quota_amount(top[q->sub], &other) && amount > other) {
			g = nono_diag(ps->ctx, NONO_E074, q->span, "the %s quota of %s (%s) is above the sandbox's (%s)",
				      key, d, q->arg.s, top[q->sub]->arg.s);
			nono_diag_note(ps->ctx, g, top[q->sub]->span,
				       "the whole sandbox is limited to %s here; %s cannot have more", top[q->sub]->arg.s,
				       d);
			nono_diag_hint(ps->ctx, g, "lower it to at most %s, or raise the sandbox's limit",
				       top[q->sub]->arg.s);
		}
		if (quota_min[q->sub].text && amount < quota_min[q->sub].min) {
			g = nono_diag(ps->ctx, NONO_W003, q->span, "`%s %s` %s is below the workable minimum (%s)", key,
				      q->arg.s, w, quota_min[q->sub].text);
			nono_diag_note(ps->ctx, g, NONO_NO_SPAN, "%s", quota_min[q->sub].why);
			nono_diag_hint(ps->ctx, g, "use at least `%s %s`", key, quota_min[q->sub].text);
		}
	}
}

static void check_quotas(struct pass *ps)
{
	const struct nono_node *top[NONO_Q_COUNT] = { 0 };

	for (size_t i = 0; i < ps->p->quotas.n; i++) {
		const struct nono_node *q = ps->p->quotas.v[i];

		if (q->sub >= 0 && q->sub < NONO_Q_COUNT && !top[q->sub])
			top[q->sub] = q;
	}
	check_quota_scope(ps, &ps->p->quotas, -1, NULL);
	for (size_t dom = 0; dom < ps->p->ndomains; dom++)
		check_quota_scope(ps, &ps->p->domains[dom].quotas, (int)dom, top);
}

/* ---- 5. dangerous grants, over-broad globs, empty tools ------------------------------------ */

enum danger { D_SOCKET, D_CRED, D_KERNEL, D_PERSIST, D_COUNT };

#define ANY CF_ALL_ACCESS
#define WR NONO_FS_WRITE

/* Paths ending in "/`**`" are trees, the others single files. `mask`: the
 * accesses that make a grant dangerous (any access to secrets and sockets;
 * write to what runs later). */
static const struct danger_ent {
	enum danger cls;
	const char *path;
	unsigned mask;
	const char *what;
} dangers[] = {
	/* Container runtimes: whoever can talk to these controls the host. */
	{ D_SOCKET, "/run/docker.sock", ANY, "the Docker daemon's socket" },
	{ D_SOCKET, "/var/run/docker.sock", ANY, "the Docker daemon's socket" },
	{ D_SOCKET, "/run/user/*/docker.sock", ANY, "a rootless Docker daemon's socket" },
	{ D_SOCKET, "/run/containerd/**", ANY, "containerd's sockets" },
	{ D_SOCKET, "/var/run/containerd/**", ANY, "containerd's sockets" },
	{ D_SOCKET, "/run/podman/**", ANY, "podman's socket" },
	{ D_SOCKET, "/var/run/podman/**", ANY, "podman's socket" },
	{ D_SOCKET, "/run/user/*/podman/**", ANY, "a rootless podman socket" },
	{ D_SOCKET, "/run/crio/**", ANY, "CRI-O's socket" },
	{ D_SOCKET, "/var/run/crio/**", ANY, "CRI-O's socket" },
	{ D_SOCKET, "/run/buildkit/**", ANY, "BuildKit's socket" },
	{ D_SOCKET, "/run/libvirt/**", ANY, "libvirt's sockets" },
	{ D_SOCKET, "/var/run/libvirt/**", ANY, "libvirt's sockets" },
	/* Credentials: reading them is the damage. */
	{ D_CRED, "~/.ssh/**", ANY, "SSH keys" },
	{ D_CRED, "~/.aws/**", ANY, "AWS credentials" },
	{ D_CRED, "~/.gnupg/**", ANY, "GnuPG keys" },
	{ D_CRED, "~/.config/gcloud/**", ANY, "Google Cloud credentials" },
	{ D_CRED, "~/.azure/**", ANY, "Azure credentials" },
	{ D_CRED, "~/.kube/**", ANY, "Kubernetes credentials" },
	{ D_CRED, "~/.docker/config.json", ANY, "Docker registry credentials" },
	{ D_CRED, "~/.netrc", ANY, "passwords for FTP/HTTP hosts" },
	{ D_CRED, "~/.git-credentials", ANY, "stored git passwords and tokens" },
	{ D_CRED, "~/.config/gh/**", ANY, "GitHub CLI tokens" },
	{ D_CRED, "~/.npmrc", ANY, "npm registry tokens" },
	{ D_CRED, "~/.pypirc", ANY, "PyPI tokens" },
	{ D_CRED, "~/.password-store/**", ANY, "the pass password store" },
	{ D_CRED, "~/.local/share/keyrings/**", ANY, "the desktop keyring" },
	{ D_CRED, "~/.vault-token", ANY, "a HashiCorp Vault token" },
	{ D_CRED, "/etc/shadow", ANY, "password hashes" },
	{ D_CRED, "/etc/gshadow", ANY, "group password hashes" },
	{ D_CRED, "/etc/ssh/ssh_host_*_key", ANY, "the host's SSH private keys" },
	{ D_CRED, "/root/**", ANY, "root's home directory" },
	/* Kernel interfaces. */
	{ D_KERNEL, "/proc/sys/**", WR, "kernel tunables" },
	{ D_KERNEL, "/proc/sysrq-trigger", WR, "the magic SysRq trigger" },
	{ D_KERNEL, "/proc/kcore", ANY, "the kernel's memory" },
	{ D_KERNEL, "/dev/mem", ANY, "physical memory" },
	{ D_KERNEL, "/dev/kmem", ANY, "kernel memory" },
	{ D_KERNEL, "/dev/port", ANY, "I/O ports" },
	{ D_KERNEL, "/sys/fs/cgroup/**", WR, "the cgroup file system (every process's limits)" },
	{ D_KERNEL, "/sys/fs/bpf/**", ANY, "pinned BPF programs and maps (nono's own among them)" },
	{ D_KERNEL, "/sys/kernel/debug/**", ANY, "debugfs" },
	{ D_KERNEL, "/sys/kernel/security/**", ANY, "securityfs (LSM policies)" },
	{ D_KERNEL, "/sys/**", WR, "sysfs (device and kernel settings)" },
	{ D_KERNEL, "/boot/**", WR, "kernel images and the boot loader" },
	{ D_KERNEL, "/lib/modules/**", WR, "kernel modules" },
	{ D_KERNEL, "/usr/lib/modules/**", WR, "kernel modules" },
	/* Files the host executes later, outside the sandbox. */
	{ D_PERSIST, "~/.bashrc", WR, "bash runs it in every interactive shell" },
	{ D_PERSIST, "~/.bash_profile", WR, "bash runs it at login" },
	{ D_PERSIST, "~/.bash_login", WR, "bash runs it at login" },
	{ D_PERSIST, "~/.bash_logout", WR, "bash runs it at logout" },
	{ D_PERSIST, "~/.profile", WR, "login shells run it" },
	{ D_PERSIST, "~/.zshrc", WR, "zsh runs it in every interactive shell" },
	{ D_PERSIST, "~/.zshenv", WR, "zsh runs it in every shell" },
	{ D_PERSIST, "~/.zprofile", WR, "zsh runs it at login" },
	{ D_PERSIST, "~/.zlogin", WR, "zsh runs it at login" },
	{ D_PERSIST, "~/.config/fish/**", WR, "fish runs its configuration at start" },
	{ D_PERSIST, "~/.config/environment.d/**", WR, "systemd reads it into every user session" },
	{ D_PERSIST, "~/.config/autostart/**", WR, "the desktop starts these programs at login" },
	{ D_PERSIST, "~/.config/systemd/user/**", WR, "systemd runs these user services" },
	{ D_PERSIST, "~/.local/share/systemd/user/**", WR, "systemd runs these user services" },
	{ D_PERSIST, "~/.gitconfig", WR, "git runs the commands it names (core.pager, aliases, hooksPath)" },
	{ D_PERSIST, "~/.config/git/**", WR, "git runs the commands it names (core.pager, aliases, hooksPath)" },
	{ D_PERSIST, "~/.local/bin/**", WR, "programs there come first on the user's PATH" },
	{ D_PERSIST, "~/bin/**", WR, "programs there come first on the user's PATH" },
	{ D_PERSIST, "$WORKDIR/.git/hooks/**", WR, "git runs these hooks" },
	{ D_PERSIST, "/etc/profile", WR, "every login shell runs it" },
	{ D_PERSIST, "/etc/profile.d/**", WR, "every login shell runs these" },
	{ D_PERSIST, "/etc/bash.bashrc", WR, "every interactive bash runs it" },
	{ D_PERSIST, "/etc/bashrc", WR, "every interactive bash runs it" },
	{ D_PERSIST, "/etc/zsh/**", WR, "every zsh runs these" },
	{ D_PERSIST, "/etc/environment", WR, "every login session reads it" },
	{ D_PERSIST, "/etc/crontab", WR, "cron runs the commands it lists" },
	{ D_PERSIST, "/etc/cron.d/**", WR, "cron runs the commands they list" },
	{ D_PERSIST, "/etc/cron.hourly/**", WR, "cron runs these every hour" },
	{ D_PERSIST, "/etc/cron.daily/**", WR, "cron runs these every day" },
	{ D_PERSIST, "/etc/cron.weekly/**", WR, "cron runs these every week" },
	{ D_PERSIST, "/etc/cron.monthly/**", WR, "cron runs these every month" },
	{ D_PERSIST, "/var/spool/cron/**", WR, "cron runs the users' crontabs" },
	{ D_PERSIST, "/etc/systemd/**", WR, "systemd runs the services it defines" },
	{ D_PERSIST, "/etc/rc.local", WR, "the host runs it at boot" },
	{ D_PERSIST, "/etc/init.d/**", WR, "the host runs these at boot" },
	{ D_PERSIST, "/usr/local/bin/**", WR, "every user runs these programs" },
	{ D_PERSIST, "/usr/bin/**", WR, "every user runs these programs" },
	{ D_PERSIST, "/bin/**", WR, "every user runs these programs" },
	{ D_PERSIST, "/usr/sbin/**", WR, "root runs these programs" },
	{ D_PERSIST, "/sbin/**", WR, "root runs these programs" },
};

#undef ANY
#undef WR

#define NDANGERS (sizeof(dangers) / sizeof(dangers[0]))

/* Could the first components of @a and @b be equal? (A cheap pre-filter.) */
static bool first_may_match(const struct cf_pat *a, const struct cf_pat *b)
{
	if (a->anchor != b->anchor)
		return false;
	if (!a->nfixed || !b->nfixed)
		return true;
	return !strcmp(a->comp[0], b->comp[0]);
}

/* Does grant @g reach sensitive path @s? A file: when @g may match it. A
 * tree (S followed by `**`): when @g may match the directory S itself (and,
 * like Landlock, what is below it), or lies inside the tree. A pattern that
 * only names files at any depth ("every x.nono") is not said to reach every
 * tree: a file of that name is unlikely to be what the tree protects. */
static bool reaches(const struct cf_pat *g, const struct cf_pat *s)
{
	if (!s->ncomp || strcmp(s->comp[s->ncomp - 1], "**"))
		return cf_pat_intersects(g, s);
	struct cf_pat dir = *s;

	dir.ncomp--;
	if (dir.nfixed > dir.ncomp)
		dir.nfixed = dir.ncomp;
	return cf_pat_intersects(g, &dir) || cf_pat_covers(s, g);
}

/* Which of accesses @want to @sens are denied anyway where @r applies? */
static unsigned denied_anyway(struct pass *ps, const struct cf_rule *r, const struct cf_pat *sens, unsigned want)
{
	const struct cf_index *ix[2];
	size_t nix = scopes(ps, r->dom, true, ix);
	struct cf_pcov pc = { 0 };

	for (size_t i = 0; i < nix; i++) {
		cf_index_path_cover(&ps->cf, ix[i], false, sens, want, &pc);
		if (r->n->kind == NONO_N_NET_UNIX)
			cf_index_path_cover(&ps->cf, ix[i], true, sens, NONO_FS_READ, &pc);
	}
	return r->n->kind == NONO_N_NET_UNIX && pc.mask ? want : pc.mask & want;
}

static const char *who_text(const struct pass *ps, int dom, char *buf, size_t size)
{
	if (dom < 0)
		snprintf(buf, size, "every domain");
	else
		dom_text(ps, dom, buf, size);
	return buf;
}

/* Does @r grant (nearly) everything under / or ~? It does when it covers
 * every path below every top-level directory of its anchor: a bare `**`
 * under / or ~ does, as does `*` followed by `**`. A pattern such as every
 * .pem file at any depth does not: broad, but the danger table judges such
 * patterns one sensitive path at a time. */
static bool over_broad(struct pass *ps, const struct cf_rule *r, const struct cf_pat *everything)
{
	const struct cf_pat *pt = &r->pat;
	struct cf_pat all = *everything;

	if (pt->anchor != NONO_ANCHOR_ROOT && pt->anchor != NONO_ANCHOR_HOME)
		return false;
	all.anchor = pt->anchor;
	if (!cf_pat_covers(pt, &all))
		return false;
	char t[300], who[160], acc[32];

	rule_text(r, t, sizeof(t));
	access_words(r->mask, acc, sizeof(acc), " and ");
	struct nonoc_diag *g = nono_diag(ps->ctx, NONO_W009, item_span(r->n), "`%s` gives %s %s access to %s", t,
					 who_text(ps, r->dom, who, sizeof(who)), acc,
					 pt->anchor == NONO_ANCHOR_HOME ? "the whole home directory"
									: "the whole file system");

	nono_diag_note(ps->ctx, g, NONO_NO_SPAN,
		       "that includes credentials, container runtime sockets and kernel interfaces");
	nono_diag_hint(ps->ctx, g, "name the directories needed (\"/usr/lib/**\", \"~/.cache/pip/**\"), or use "
				   "\"$WORKDIR/**\" for the project");
	return true;
}

/* @m: the dangerous accesses @r grants to @e that no deny removes. */
static void warn_danger(struct pass *ps, const struct cf_rule *r, const struct danger_ent *e, unsigned m)
{
	char t[300], who[160], acc[32];
	struct nonoc_diag *g;

	rule_text(r, t, sizeof(t));
	access_words(m, acc, sizeof(acc), " and ");
	who_text(ps, r->dom, who, sizeof(who));
	switch (e->cls) {
	case D_SOCKET:
		g = nono_diag(ps->ctx, NONO_W004, item_span(r->n), "`%s` lets %s reach %s (%s)", t, who, e->what,
			      e->path);
		nono_diag_note(ps->ctx, g, NONO_NO_SPAN,
			       "whoever can talk to a container runtime can start a privileged container: root on the host");
		break;
	case D_CRED:
		g = nono_diag(ps->ctx, NONO_W005, item_span(r->n), "`%s` gives %s %s access to %s (%s)", t, who, acc,
			      e->what, e->path);
		nono_diag_note(ps->ctx, g, NONO_NO_SPAN, "an agent that can read credentials can use them elsewhere");
		break;
	case D_KERNEL:
		g = nono_diag(ps->ctx, NONO_W006, item_span(r->n), "`%s` gives %s %s access to %s (%s)", t, who, acc,
			      e->what, e->path);
		nono_diag_note(ps->ctx, g, NONO_NO_SPAN, "kernel interfaces reach beyond the sandbox");
		break;
	default:
		g = nono_diag(ps->ctx, NONO_W008, item_span(r->n), "`%s` lets %s write %s, which the host executes later",
			      t, who, e->path);
		nono_diag_note(ps->ctx, g, NONO_NO_SPAN,
			       "%s; what the agent writes there runs outside the sandbox, with the user's full rights",
			       e->what);
		break;
	}
	nono_diag_hint(ps->ctx, g, "narrow the rule, or add `deny fs %s\"%s\"`", e->mask == NONO_FS_WRITE ? "write " : "",
		       e->path);
}

/* The policy's own files (W007): its sources and the bundles beside them. */
struct selfpath {
	struct cf_pat pat;
	const char *name;   /* for messages */
	const char *shown;  /* the path, for hints */
};

static void check_self(struct pass *ps, const struct cf_rule *r, const struct selfpath *self, size_t nself)
{
	char t[300], who[160], acc[32];

	for (size_t i = 0; i < nself; i++) {
		unsigned m = r->mask;

		if (!cf_pat_intersects(&r->pat, &self[i].pat) || !(m &= ~denied_anyway(ps, r, &self[i].pat, m)))
			continue;
		rule_text(r, t, sizeof(t));
		access_words(m, acc, sizeof(acc), " and ");
		struct nonoc_diag *g = nono_diag(ps->ctx, NONO_W007, item_span(r->n), "`%s` gives %s %s access to %s",
						 t, who_text(ps, r->dom, who, sizeof(who)), acc, self[i].name);

		if (m & NONO_FS_WRITE)
			nono_diag_note(ps->ctx, g, NONO_NO_SPAN,
				       "an agent that can rewrite its policy can grant itself anything at its next start");
		else
			nono_diag_note(ps->ctx, g, NONO_NO_SPAN, "the agent can read every rule that confines it");
		if (self[i].shown)
			nono_diag_hint(ps->ctx, g, "add `deny fs \"%s\"`", self[i].shown);
		else
			nono_diag_hint(ps->ctx, g, "deny the policy's files with `deny fs` and their absolute paths");
		return;
	}
	/* A write grant that names bundles explicitly (a last component like "*.bundle"). */
	if (!(r->mask & NONO_FS_WRITE) || !r->pat.ncomp || !strstr(r->pat.comp[r->pat.ncomp - 1], ".bundle"))
		return;
	rule_text(r, t, sizeof(t));
	struct nonoc_diag *g = nono_diag(ps->ctx, NONO_W007, item_span(r->n), "`%s` lets %s write policy bundles", t,
					 who_text(ps, r->dom, who, sizeof(who)));

	nono_diag_note(ps->ctx, g, NONO_NO_SPAN, "a bundle decides what the next sandbox may do");
	nono_diag_hint(ps->ctx, g, "keep bundles outside every path the agent may write");
}

static size_t self_paths(struct pass *ps, struct selfpath **out)
{
	struct selfpath *v = cf_alloc(&ps->cf, (2 * ps->p->nfiles + 1) * sizeof(*v));
	size_t n = 0;

	*out = v;
	if (!v)
		return 0;
	for (size_t f = 0; f < ps->p->nfiles; f++) {
		const char *key = nono_source_key(ps->ctx, ps->p->files[f]);
		const struct nono_source *s = nono_source_get(ps->ctx, ps->p->files[f]);

		if (ps->file_std[f] || key[0] != '/' || !s)
			continue;
		/* /tmp and /dev/shm are private to the sandbox (a fresh tmpfs in
		 * its mount view): a grant there cannot reach the host's file. */
		if (!strncmp(key, "/tmp/", 5) || !strncmp(key, "/dev/shm/", 9))
			continue;
		if (!cf_pat_parse(&ps->cf, key, &v[n].pat))
			return n;
		/* Messages show the name as given on the command line, so that
		 * they do not depend on where the policy was checked out. */
		v[n].name = arena_printf(&ps->ctx->arena, "its own policy file %s", s->name);
		v[n].shown = s->name[0] == '/' ? key : NULL;
		n++;
		/* The bundle nonoc writes beside it: NAME.bundle. */
		const char *dot = strrchr(key, '.'), *slash = strrchr(key, '/');
		int keep = dot && dot > slash ? (int)(dot - key) : (int)strlen(key);
		char *b = arena_printf(&ps->ctx->arena, "%.*s.bundle", keep, key);

		if (!b || !cf_pat_parse(&ps->cf, b, &v[n].pat))
			return n;
		const char *nd = strrchr(s->name, '.'), *ns = strrchr(s->name, '/');
		int nkeep = nd && (!ns || nd > ns) ? (int)(nd - s->name) : (int)strlen(s->name);

		v[n].name = arena_printf(&ps->ctx->arena, "its own bundle %.*s.bundle", nkeep, s->name);
		v[n].shown = s->name[0] == '/' ? b : NULL;
		n++;
	}
	return n;
}

static void check_dangers(struct pass *ps)
{
	struct cf_pat *pats = cf_alloc(&ps->cf, NDANGERS * sizeof(*pats)), everything;
	struct selfpath *self;
	size_t nself = self_paths(ps, &self);

	if (!pats || !cf_pat_parse(&ps->cf, "/*/**", &everything))
		return;
	for (size_t i = 0; i < NDANGERS; i++)
		if (!cf_pat_parse(&ps->cf, dangers[i].path, &pats[i]))
			return;
	for (size_t i = 0; i < ps->nrules; i++) {
		const struct cf_rule *r = &ps->rules[i];

		if (r->deny || r->std || r->dead || !r->has_pat ||
		    (r->n->kind != NONO_N_FS && r->n->kind != NONO_N_NET_UNIX))
			continue;
		if (r->n->kind == NONO_N_FS && over_broad(ps, r, &everything))
			continue;
		bool done[D_COUNT] = { false };

		for (size_t k = 0; k < NDANGERS; k++) {
			const struct danger_ent *e = &dangers[k];

			if (done[e->cls] || (r->n->kind == NONO_N_NET_UNIX && e->cls != D_SOCKET))
				continue;
			unsigned want = r->n->kind == NONO_N_NET_UNIX ? e->mask : r->mask & e->mask;

			if (!want || !first_may_match(&r->pat, &pats[k]) || !reaches(&r->pat, &pats[k]))
				continue;
			want &= ~denied_anyway(ps, r, &pats[k], want);
			if (!want)
				continue;
			done[e->cls] = true; /* one warning per class and rule */
			warn_danger(ps, r, e, want);
		}
		if (r->n->kind == NONO_N_FS)
			check_self(ps, r, self, nself);
	}
}

static void check_empty_tools(struct pass *ps)
{
	for (size_t dom = 1; dom < ps->p->ndomains; dom++) {
		const struct nono_domain *d = &ps->p->domains[dom];

		if (d->is_agent || !d->decl || !d->exec || d->rules.n || node_std(ps, d->decl))
			continue;
		struct nonoc_diag *g = nono_diag(ps->ctx, NONO_W010, d->decl->name.span,
						 "tool '%s' has no rules of its own", d->name);

		nono_diag_note(ps->ctx, g, NONO_NO_SPAN,
			       "it can run, but do nothing beyond what the top-level rules allow");
		nono_diag_hint(ps->ctx, g, "add the rules it needs; if it really needs nothing more, say so with `net none`");
	}
}

/* ---- 6. what each kernel level guarantees (information) ------------------------------------- */

static void info_glob_denies(struct pass *ps)
{
	if (ps->require_bpf)
		return;
	for (size_t i = 0; i < ps->nrules; i++) {
		const struct cf_rule *r = &ps->rules[i];
		const struct cf_pat *pt = &r->pat;

		if (!r->deny || r->std || r->n->kind != NONO_N_FS || !r->has_pat)
			continue;
		if (pt->nfixed == pt->ncomp || (pt->nfixed + 1 == pt->ncomp && !strcmp(pt->comp[pt->nfixed], "**")))
			continue; /* an exact path or a plain subtree: the mount view hides it */
		const struct cf_rule *in = NULL;

		if (r->dom >= 0) {
			in = cf_index_path_overlap(&ps->cf, &ps->dallow[r->dom], pt, r->mask, 64);
			if (!in)
				in = cf_index_path_overlap(&ps->cf, &ps->gallow, pt, r->mask, 64);
		} else {
			in = cf_index_path_overlap(&ps->cf, &ps->gallow, pt, r->mask, 64);
			for (size_t dom = 0; !in && dom < ps->p->ndomains; dom++)
				in = cf_index_path_overlap(&ps->cf, &ps->dallow[dom], pt, r->mask, 64);
		}
		if (!in)
			continue;
		char t[300], a[300];

		rule_text(r, t, sizeof(t));
		rule_text(in, a, sizeof(a));
		struct nonoc_diag *g = nono_diag(ps->ctx, NONO_I001, item_span(r->n),
						 "without BPF-LSM, `%s` cannot be enforced inside `%s`", t, a);

		note_rule(ps, g, in, "the allowed tree is granted by");
		nono_diag_note(ps->ctx, g, NONO_NO_SPAN,
			       "Landlock and the mount view can only take away whole subtrees; a plain-subtree deny "
			       "(\"…/dir/**\") is enforced by hiding the path in the mount view");
		nono_diag_hint(ps->ctx, g, "add `require bpf-lsm` to refuse to start where this deny would not hold");
	}
}

static void info_shared_tools(struct pass *ps)
{
	if (ps->require_bpf || ps->p->ndomains < 2)
		return;
	const struct cf_index *agent[2] = { &ps->dallow[0], &ps->gallow };
	const struct cf_rule **first = cf_alloc(&ps->cf, ps->p->ndomains * sizeof(*first));
	struct nonoc_diag *g = NULL;
	size_t ntools = 0, off = 0;
	char list[400] = "";

	if (!first)
		return;
	for (size_t i = 0; i < ps->nrules; i++) {
		const struct cf_rule *r = &ps->rules[i];
		struct coverage c;

		if (r->dom < 1 || first[r->dom] || r->dead || !is_allow_kind(r) || r->n->kind == NONO_N_SYS || !typed(r))
			continue;
		cover(ps, r, agent, 2, &c);
		if (c.how != COVER_ALL)
			first[r->dom] = r;
	}
	for (size_t dom = 1; dom < ps->p->ndomains; dom++) {
		if (!first[dom])
			continue;
		int w = snprintf(list + off, sizeof(list) - off, "%s'%s'", ntools ? ", " : "", ps->p->domains[dom].name);

		if (w > 0 && (size_t)w < sizeof(list) - off)
			off += (size_t)w;
		ntools++;
	}
	for (size_t dom = 1; dom < ps->p->ndomains; dom++) {
		if (!first[dom])
			continue;
		if (!g) {
			const struct nono_domain *d = &ps->p->domains[dom];

			g = nono_diag(ps->ctx, NONO_I002, d->decl ? d->decl->name.span : NONO_NO_SPAN,
				      "without BPF-LSM, the agent and every tool get the capabilities of %s %s",
				      ntools > 1 ? "tools" : "tool", list);
		}
		char t[300];

		rule_text(first[dom], t, sizeof(t));
		nono_diag_note(ps->ctx, g, item_span(first[dom]->n), "tool '%s' has `%s`, which the agent has not",
			       ps->p->domains[dom].name, t);
	}
	if (!g)
		return;
	nono_diag_note(ps->ctx, g, NONO_NO_SPAN,
		       "per-tool domains need BPF-LSM; Landlock, seccomp and the mount view enforce the union of all domains");
	nono_diag_hint(ps->ctx, g, "add `require bpf-lsm` to refuse to start where tools cannot be kept apart");
}

static unsigned require_level(const struct nono_node *n)
{
	if (n->val2 && n->val2->type == NONO_T_INT)
		return (unsigned)n->val2->u.amount;
	if (n->val && n->val->type == NONO_T_INT)
		return (unsigned)n->val->u.amount;
	if (n->arg.s)
		return (unsigned)strtoul(n->arg.s, NULL, 10);
	return 1; /* `require landlock` alone guarantees ABI 1 */
}

static void info_landlock(struct pass *ps)
{
	static const struct {
		unsigned abi;
		const char *what, *rules;
	} gaps[] = {
		{ 3, "truncation", "Landlock there does not stop truncate(2) of the files this deny protects" },
		{ 4, "TCP connect and bind", "such a rule is then enforced by cgroup-BPF and the network namespace only" },
	};
	const struct nono_node *req = NULL;
	unsigned level = 0;

	for (size_t i = 0; i < ps->p->requires.n; i++) {
		const struct nono_node *n = ps->p->requires.v[i];
		unsigned l = require_level(n);

		if (n->sub != NONO_LAYER_LANDLOCK)
			continue;
		if (!req || l > level) {
			req = n;
			level = l ? l : 1;
		}
	}
	if (!req)
		return;
	for (size_t k = 0; k < sizeof(gaps) / sizeof(gaps[0]); k++) {
		const struct cf_rule *first = NULL;
		size_t more = 0;

		if (level >= gaps[k].abi)
			continue;
		for (size_t i = 0; i < ps->nrules; i++) {
			const struct cf_rule *r = &ps->rules[i];
			bool hit;

			if (gaps[k].abi == 3)
				hit = r->deny && r->n->kind == NONO_N_FS && (r->mask & NONO_FS_WRITE);
			else
				hit = (r->n->kind == NONO_N_NET_CONNECT || r->n->kind == NONO_N_NET_BIND) &&
				      (r->protos & CF_PROTO_TCP);
			if (!hit || !typed(r))
				continue;
			if (!first)
				first = r;
			else
				more++;
		}
		if (!first)
			continue;
		char t[300];

		rule_text(first, t, sizeof(t));
		struct nonoc_diag *g = nono_diag(ps->ctx, NONO_I003, req->span,
						 "`require landlock %u` admits kernels whose Landlock cannot restrict %s "
						 "(that needs Landlock ABI %u)",
						 level, gaps[k].what, gaps[k].abi);

		if (more)
			nono_diag_note(ps->ctx, g, item_span(first->n), "%s (`%s` and %zu more rules)", gaps[k].rules, t,
				       more);
		else
			nono_diag_note(ps->ctx, g, item_span(first->n), "%s (`%s`)", gaps[k].rules, t);
		nono_diag_hint(ps->ctx, g, "write `require landlock %u` to have Landlock enforce them too", gaps[k].abi);
	}
}

/* ---- the pass ------------------------------------------------------------------------------ */

int nono_pass_conflicts(struct nonoc_ctx *ctx, struct nono_policy *p)
{
	struct pass ps = { .ctx = ctx, .p = p };
	size_t before = ctx->nerrors;

	ps.cf.ctx = ctx;
	if (!p->ndomains)
		return 0;
	if (build(&ps)) {
		check_allows(&ps);
		check_exec(&ps);
		check_modes(&ps);
		check_env(&ps);
		check_quotas(&ps);
		check_duplicates(&ps);
		check_dangers(&ps);
		check_empty_tools(&ps);
		info_glob_denies(&ps);
		info_shared_tools(&ps);
		info_landlock(&ps);
	}
	ctx->stat_conflict_steps = ps.cf.steps;
	cf_release(&ps.cf);
	if (ps.cf.oom)
		nono_diag(ctx, NONO_E006, NONO_NO_SPAN, "out of memory in the conflicts analysis");
	return ctx->nerrors == before ? 0 : -1;
}
