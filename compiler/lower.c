/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Lowering: a checked policy (policy.h, values typed per types.h) becomes
 * the IR (ir.h). Everything here is mechanical; every judgement about the
 * policy was made by the passes before. Read ir.h's invariants first.
 *
 * Order of work: the rule table (source locations), the header, each
 * domain (global rules first, then its own), the exec transitions, the
 * syscall tables per architecture, the measured inputs (hashed now), and
 * the mount view derived from the grants.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "context.h"
#include "ir.h"
#include "syscalls.h"

struct lw {
	struct nonoc_ctx *ctx;
	struct nono_policy *p;
	struct nono_ir *ir;
	size_t cap_rules;
};

#define GROW(lw, arr, n, cap)                                                               \
	do {                                                                                \
		if ((n) == (cap)) {                                                         \
			size_t nc_ = (cap) ? (cap) * 2 : 8;                                 \
			void *na_ = arena_alloc(&(lw)->ctx->arena, nc_ * sizeof(*(arr)));   \
			if (!na_)                                                           \
				return -1;                                                  \
			if (n)                                                              \
				memcpy(na_, (arr), (n) * sizeof(*(arr)));                   \
			(arr) = na_;                                                        \
			(cap) = nc_;                                                        \
		}                                                                           \
	} while (0)

/* Source names in the IR are relative to the root policy's directory, so a
 * bundle does not depend on where the compiler was started (reproducible
 * across working directories). Standard policies are "std/NAME.nono". */
static const char *rel_name(struct lw *lw, const char *name)
{
	const char *root = nono_source_get(lw->ctx, lw->p->root)->name;
	const char *slash = strrchr(root, '/');
	size_t dlen = slash ? (size_t)(slash - root) + 1 : 0;

	if (dlen && !strncmp(name, root, dlen))
		return name + dlen;
	return name;
}

/* The rule table: one entry per statement node that produced IR. */
static uint32_t rule_of(struct lw *lw, const struct nono_node *cn)
{
	struct nono_ir *ir = lw->ir;
	/* The rule id is an annotation of the node (like val), so a global rule
	 * merged into every domain has one entry in the table. */
	struct nono_node *n = (struct nono_node *)cn;

	if (!n || n->span.src < 0)
		return 0;
	if (n->ir_rule && n->ir_rule < ir->nrules)
		return n->ir_rule;
	if (ir->nrules == lw->cap_rules) {
		size_t nc = lw->cap_rules * 2;
		struct nono_ir_src *na = arena_alloc(&lw->ctx->arena, nc * sizeof(*na));

		if (!na)
			return 0;
		memcpy(na, ir->rules, ir->nrules * sizeof(*na));
		ir->rules = na;
		lw->cap_rules = nc;
	}
	struct nono_source *s = nono_source_get(lw->ctx, n->span.src);
	struct nono_pos pos = nono_source_pos(lw->ctx, n->span.src, n->span.start);
	struct nono_ir_src *r = &ir->rules[ir->nrules];
	char *text = NULL;
	size_t tlen = 0;
	FILE *f = open_memstream(&text, &tlen);

	/* The rule's canonical text (one item of a list, the same in either
	 * syntax), where it was written. */
	if (f) {
		nono_node_text(n, f);
		fclose(f);
	}
	r->file = rel_name(lw, s->name);
	r->line = pos.line;
	r->col = pos.col;
	r->text = arena_strdup(&lw->ctx->arena, text ? text : "");
	free(text);
	n->ir_rule = (uint32_t)ir->nrules;
	return (uint32_t)ir->nrules++;
}

static int lower_fs(struct lw *lw, struct nono_ir_domain *d, size_t *cap, const struct nono_node *n)
{
	const struct nono_path *pv = &n->val->u.path;

	GROW(lw, d->fs, d->nfs, *cap);
	struct nono_ir_fs *f = &d->fs[d->nfs++];
	/* Split rel into the glob-free base (nfixed components) and the pattern. */
	const char *rel = pv->rel, *cut = rel;

	for (uint32_t i = 0; i < pv->nfixed && *cut; i++) {
		const char *slash = strchr(cut, '/');

		cut = slash ? slash + 1 : cut + strlen(cut);
	}
	size_t blen = (size_t)(cut - rel);

	if (blen && rel[blen - 1] == '/')
		blen--;
	f->rule = rule_of(lw, n);
	f->effect = (n->flags & NONO_NODE_DENY) ? NONO_IR_DENY : NONO_IR_ALLOW;
	f->access = n->sub ? (uint8_t)(n->sub & NONO_ACC_ALL) : NONO_ACC_ALL;
	f->anchor = (uint8_t)pv->anchor;
	f->base = arena_strndup(&lw->ctx->arena, rel, blen);
	f->pattern = arena_strdup(&lw->ctx->arena, cut);
	return 0;
}

static int lower_net(struct lw *lw, struct nono_ir_domain *d, size_t *cap, const struct nono_node *n)
{
	GROW(lw, d->net, d->nnet, *cap);
	struct nono_ir_net *r = &d->net[d->nnet++];

	memset(r, 0, sizeof(*r));
	r->rule = rule_of(lw, n);
	r->effect = (n->flags & NONO_NODE_DENY) ? NONO_IR_DENY : NONO_IR_ALLOW;
	r->proto = (uint8_t)n->sub;
	if (n->kind == NONO_N_NET_CONNECT) {
		const struct nono_net *v = &n->val->u.net;

		r->op = NONO_IR_CONNECT;
		r->family = v->family;
		r->prefix = v->prefix;
		memcpy(r->addr, v->addr, sizeof(r->addr));
		r->port_lo = v->any_port ? 0 : v->port_lo;
		r->port_hi = v->any_port ? 65535 : v->port_hi;
	} else {
		/* bind: any local address; family 0 = either. */
		r->op = NONO_IR_BIND;
		r->port_lo = n->val->u.ports.lo;
		r->port_hi = n->val->u.ports.hi;
	}
	return 0;
}

static void lower_quota(struct nono_ir_quota *q, const struct nono_node *n)
{
	uint64_t v = n->val ? n->val->u.amount : 0;

	switch (n->sub) {
	case NONO_Q_MEMORY: q->memory = v; break;
	case NONO_Q_CPU: q->cpu_millis = v; break;
	case NONO_Q_PIDS: q->pids = v; break;
	case NONO_Q_IO_READ: q->io_read = v; break;
	case NONO_Q_IO_WRITE: q->io_write = v; break;
	case NONO_Q_WALL: q->wall_ms = v; break;
	case NONO_Q_FILES: q->files = v; break;
	default: break;
	}
}

struct dcaps {
	size_t fs, net, unix_, env;
};

static int lower_rule(struct lw *lw, struct nono_ir_domain *d, struct dcaps *c, const struct nono_node *n)
{
	int deny = (n->flags & NONO_NODE_DENY) != 0;

	switch (n->kind) {
	case NONO_N_FS:
		return n->val ? lower_fs(lw, d, &c->fs, n) : 0;
	case NONO_N_NET_CONNECT:
	case NONO_N_NET_BIND:
		return n->val ? lower_net(lw, d, &c->net, n) : 0;
	case NONO_N_NET_NONE:
		d->net_none = true;
		return 0;
	case NONO_N_NET_UNIX:
		if (deny || !n->val)
			return 0; /* unix denies: nothing is reachable unless granted */
		GROW(lw, d->unix_paths, d->nunix, c->unix_);
		d->unix_paths[d->nunix++] = n->val->u.path.rel;
		return 0;
	case NONO_N_PROC:
		if (!deny && n->sub == NONO_PROC_PTRACE)
			d->ptrace = true;
		else if (!deny)
			d->signal_children = true;
		return 0; /* denies are applied last by proc_denies() */
	case NONO_N_ENV_PASS:
	case NONO_N_ENV_SET:
		GROW(lw, d->env, d->nenv, c->env);
		d->env[d->nenv].name = n->name.s;
		d->env[d->nenv].value = n->kind == NONO_N_ENV_SET ? n->arg.s : NULL;
		d->env[d->nenv].rule = rule_of(lw, n);
		d->nenv++;
		return 0;
	default:
		return 0; /* sys rules go to the sandbox-wide tables */
	}
}

/* Deny wins for proc: a later allow must not undo an earlier deny. */
static void proc_denies(struct nono_ir_domain *d, const struct nono_vec *v)
{
	for (size_t i = 0; i < v->n; i++) {
		const struct nono_node *n = v->v[i];

		if (n->kind == NONO_N_PROC && (n->flags & NONO_NODE_DENY)) {
			if (n->sub == NONO_PROC_PTRACE)
				d->ptrace = false;
			else
				d->signal_children = false;
		}
	}
}

static int lower_domain(struct lw *lw, struct nono_ir_domain *d, const struct nono_domain *pd, uint32_t id)
{
	struct nono_policy *p = lw->p;
	struct dcaps c = { 0 };

	d->id = id;
	d->name = pd->name;
	d->is_agent = pd->is_agent;
	if (pd->exec && pd->exec->val) {
		d->exec = pd->exec->val->u.path.rel;
		d->exec_anchor = (uint8_t)pd->exec->val->u.path.anchor;
		if (pd->exec->val2) {
			d->exec_pinned = true;
			memcpy(d->exec_sha256, pd->exec->val2->u.sha256, 32);
		}
	}
	for (size_t i = 0; i < p->globals.n; i++)
		if (lower_rule(lw, d, &c, p->globals.v[i]) < 0)
			return -1;
	for (size_t i = 0; i < pd->rules.n; i++)
		if (lower_rule(lw, d, &c, pd->rules.v[i]) < 0)
			return -1;
	proc_denies(d, &p->globals);
	proc_denies(d, &pd->rules);
	for (size_t i = 0; i < pd->quotas.n; i++)
		lower_quota(&d->quota, pd->quotas.v[i]);
	return 0;
}

/* ---- syscalls ---- */

struct sysmark {
	uint32_t action;
	uint32_t rule;
};

static void mark_sys(struct lw *lw, struct sysmark *m, size_t nmax, int arch, const struct nono_node *n, uint32_t action)
{
	const struct nono_syscall *sv = &n->val->u.sys;
	uint32_t rule = rule_of(lw, n);

	if (!sv->group) {
		int nr = arch == 0 ? sv->nr_x86_64 : sv->nr_aarch64;

		if (nr >= 0 && (size_t)nr < nmax && !m[nr].action) {
			m[nr].action = action;
			m[nr].rule = rule;
		}
		return;
	}
	const struct nono_sysgroup *g = nono_sysgroup_lookup(sv->name);
	struct nono_sysgroup_iter it;
	const struct nono_syscall_info *si;

	if (!g)
		return;
	nono_sysgroup_iter_init(&it, g);
	while ((si = nono_sysgroup_next(&it))) {
		int nr = arch == 0 ? si->nr_x86_64 : si->nr_aarch64;

		if (nr >= 0 && (size_t)nr < nmax && !m[nr].action) {
			m[nr].action = action;
			m[nr].rule = rule;
		}
	}
}

#define NONO_MAX_NR 1024

static int lower_sys(struct lw *lw)
{
	static const struct {
		const char *name;
		uint32_t audit;
	} arches[] = { { "x86_64", AUDIT_ARCH_X86_64 }, { "aarch64", AUDIT_ARCH_AARCH64 } };
	struct nono_policy *p = lw->p;
	uint32_t action = lw->ir->audit ? SECCOMP_RET_LOG : (SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA));

	for (int a = 0; a < 2; a++) {
		struct sysmark m[NONO_MAX_NR];
		struct nono_ir_sys *s = &lw->ir->sys[a];
		size_t cap = 0;

		memset(m, 0, sizeof(m));
		/* Every deny, from the globals and from every domain: the filter is
		 * the sandbox's, and deny wins over any allow. */
		for (size_t i = 0; i < p->globals.n; i++)
			if (p->globals.v[i]->kind == NONO_N_SYS && (p->globals.v[i]->flags & NONO_NODE_DENY) &&
			    p->globals.v[i]->val)
				mark_sys(lw, m, NONO_MAX_NR, a, p->globals.v[i], action);
		for (size_t d = 0; d < p->ndomains; d++)
			for (size_t i = 0; i < p->domains[d].rules.n; i++) {
				const struct nono_node *n = p->domains[d].rules.v[i];

				if (n->kind == NONO_N_SYS && (n->flags & NONO_NODE_DENY) && n->val)
					mark_sys(lw, m, NONO_MAX_NR, a, n, action);
			}
		s->arch = arches[a].name;
		s->audit_arch = arches[a].audit;
		for (uint32_t nr = 0; nr < NONO_MAX_NR; nr++) {
			if (!m[nr].action)
				continue;
			if (s->nranges && s->ranges[s->nranges - 1].hi + 1 == nr &&
			    s->ranges[s->nranges - 1].action == m[nr].action &&
			    s->ranges[s->nranges - 1].rule == m[nr].rule) {
				s->ranges[s->nranges - 1].hi = nr;
				continue;
			}
			GROW(lw, s->ranges, s->nranges, cap);
			s->ranges[s->nranges++] = (struct nono_ir_sysrange){ nr, nr, m[nr].action, m[nr].rule };
		}
	}
	lw->ir->nsys = 2;
	return 0;
}

/* ---- measured inputs ---- */

static int hash_file(const char *path, uint8_t out[32], int *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	crypto_hash_sha256_state st;
	unsigned char buf[65536];
	ssize_t n;

	if (fd < 0) {
		*err = errno;
		return -1;
	}
	crypto_hash_sha256_init(&st);
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			*err = errno;
			close(fd);
			return -1;
		}
		crypto_hash_sha256_update(&st, buf, (unsigned long long)n);
	}
	close(fd);
	crypto_hash_sha256_final(&st, out);
	return 0;
}

static int lower_measures(struct lw *lw)
{
	struct nono_policy *p = lw->p;
	struct nono_ir *ir = lw->ir;
	size_t cap = 0;

	for (size_t d = 0; d < p->ndomains; d++) {
		const struct nono_domain *pd = &p->domains[d];

		for (size_t i = 0; i < pd->measures.n; i++) {
			const struct nono_node *n = pd->measures.v[i];
			const struct nono_source *s = nono_source_get(lw->ctx, n->span.src);
			char path[PATH_MAX];
			const char *slash = strrchr(s->name, '/');
			int e = 0;

			if (n->arg.s[0] == '/' || !slash)
				snprintf(path, sizeof(path), "%s", n->arg.s);
			else
				snprintf(path, sizeof(path), "%.*s/%s", (int)(slash - s->name), s->name, n->arg.s);
			GROW(lw, ir->measures, ir->nmeasures, cap);
			struct nono_ir_measure *m = &ir->measures[ir->nmeasures];

			m->kind = n->name.s;
			m->path = n->arg.s;
			m->computed = true;
			m->rule = rule_of(lw, n);
			if (hash_file(path, m->sha256, &e) < 0) {
				struct nonoc_diag *g = nono_diag(lw->ctx, NONO_E090, n->arg.span, "cannot read '%s': %s",
								 path, strerror(e));
				nono_diag_hint(lw->ctx, g, "measured files are relative to the policy file");
				continue;
			}
			ir->nmeasures++;
		}
		if (pd->exec && pd->exec->val2) {
			GROW(lw, ir->measures, ir->nmeasures, cap);
			struct nono_ir_measure *m = &ir->measures[ir->nmeasures++];

			m->kind = "exec";
			m->path = pd->exec->arg.s;
			memcpy(m->sha256, pd->exec->val2->u.sha256, 32);
			m->computed = false;
			m->rule = rule_of(lw, pd->exec);
		}
	}
	return 0;
}

/* ---- mount view ---- */

static int mount_cmp(const void *a, const void *b)
{
	const struct nono_ir_mount *x = a, *y = b;

	if (x->anchor != y->anchor)
		return x->anchor < y->anchor ? -1 : 1;
	int c = strcmp(x->path, y->path);

	if (c)
		return c;
	return x->kind < y->kind ? -1 : x->kind > y->kind;
}

/* Is @path equal to or below @dir (both relative to one anchor)? */
static int under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	if (!n)
		return 1;
	return !strncmp(path, dir, n) && (path[n] == '\0' || path[n] == '/');
}

/* Is a proper ancestor of @path bound in the sorted view[0..n)? */
static int inside_view(const struct nono_ir_mount *view, size_t n, uint8_t anchor, const char *path)
{
	size_t len = strlen(path);
	char buf[PATH_MAX];

	if (len >= sizeof(buf))
		return 0;
	memcpy(buf, path, len + 1);
	for (;;) {
		char *slash = strrchr(buf, '/');

		if (!len)
			return 0; /* the anchor itself has no proper ancestor */
		if (slash)
			*slash = '\0';
		else
			buf[0] = '\0';
		struct nono_ir_mount key = { .anchor = anchor, .path = buf, .kind = NONO_MNT_BIND };

		if (bsearch(&key, view, n, sizeof(*view), mount_cmp))
			return 1;
		if (!slash && !buf[0] && len) {
			len = 0;
			continue;
		}
		len = strlen(buf);
	}
}

static int add_mount(struct lw *lw, size_t *cap, uint8_t anchor, const char *path, uint8_t kind, uint8_t access)
{
	struct nono_ir *ir = lw->ir;

	GROW(lw, ir->mounts, ir->nmounts, *cap);
	ir->mounts[ir->nmounts++] = (struct nono_ir_mount){ anchor, path, kind, access };
	return 0;
}

/*
 * The view holds the base directory of every allow rule of any domain (and
 * every tool binary), with the union of the accesses granted below it; a
 * base that is inside another with at least the same access is dropped. A
 * deny of every access on a whole subtree (pattern "" or "**") inside the
 * view is masked (the path does not exist in the sandbox). Sorting by
 * (anchor, path) keeps it deterministic and puts parents before children.
 */
static int lower_mounts(struct lw *lw)
{
	struct nono_ir *ir = lw->ir;
	size_t cap = 0;

	for (size_t d = 0; d < ir->ndomains; d++) {
		const struct nono_ir_domain *dm = &ir->domains[d];

		for (size_t i = 0; i < dm->nfs; i++)
			if (dm->fs[i].effect == NONO_IR_ALLOW &&
			    add_mount(lw, &cap, dm->fs[i].anchor, dm->fs[i].base, NONO_MNT_BIND, dm->fs[i].access) < 0)
				return -1;
		if (dm->exec && add_mount(lw, &cap, dm->exec_anchor, dm->exec, NONO_MNT_BIND,
					  NONO_ACC_READ | NONO_ACC_EXEC) < 0)
			return -1;
		for (size_t i = 0; i < dm->nunix; i++)
			if (add_mount(lw, &cap, NONO_ANCHOR_ROOT, dm->unix_paths[i], NONO_MNT_BIND,
				      NONO_ACC_READ | NONO_ACC_WRITE) < 0)
				return -1;
	}
	size_t nbinds = ir->nmounts;

	if (!nbinds)
		return 0;
	qsort(ir->mounts, nbinds, sizeof(*ir->mounts), mount_cmp);
	/* Merge equal paths (union of access), then drop covered children. */
	size_t w = 0;

	for (size_t i = 0; i < nbinds; i++) {
		if (w && ir->mounts[w - 1].anchor == ir->mounts[i].anchor &&
		    !strcmp(ir->mounts[w - 1].path, ir->mounts[i].path)) {
			ir->mounts[w - 1].access |= ir->mounts[i].access;
			continue;
		}
		ir->mounts[w++] = ir->mounts[i];
	}
	/* Sorted order puts a directory right before its descendants, so a
	 * stack of the open ancestors gives each entry its nearest kept
	 * ancestor in O(1) amortised: the whole step is O(n) after the sort. */
	size_t k = 0, *stack = arena_alloc(&lw->ctx->arena, w * sizeof(*stack)), top = 0;

	if (!stack)
		return -1;
	for (size_t i = 0; i < w; i++) {
		struct nono_ir_mount *m = &ir->mounts[i];

		while (top && (ir->mounts[stack[top - 1]].anchor != m->anchor ||
			       !under(m->path, ir->mounts[stack[top - 1]].path)))
			top--;
		if (top && (m->access & ~ir->mounts[stack[top - 1]].access) == 0)
			continue; /* covered by its nearest kept ancestor */
		ir->mounts[k] = *m;
		stack[top++] = k++;
	}
	ir->nmounts = k;
	/* Masks: whole-subtree denies of every access that fall strictly inside
	 * a bound directory. Each deny looks up its own ancestors (one binary
	 * search per path component), not every mount. */
	size_t views = ir->nmounts;

	for (size_t d = 0; d < ir->ndomains; d++) {
		const struct nono_ir_domain *dm = &ir->domains[d];

		for (size_t i = 0; i < dm->nfs; i++) {
			const struct nono_ir_fs *f = &dm->fs[i];

			if (f->effect != NONO_IR_DENY || f->access != NONO_ACC_ALL ||
			    (f->pattern[0] && strcmp(f->pattern, "**")))
				continue;
			if (inside_view(ir->mounts, views, f->anchor, f->base) &&
			    add_mount(lw, &cap, f->anchor, f->base, NONO_MNT_MASK, 0) < 0)
				return -1;
		}
	}
	qsort(ir->mounts, ir->nmounts, sizeof(*ir->mounts), mount_cmp);
	w = 0;
	for (size_t i = 0; i < ir->nmounts; i++)
		if (!w || mount_cmp(&ir->mounts[w - 1], &ir->mounts[i]))
			ir->mounts[w++] = ir->mounts[i];
	ir->nmounts = w;
	return 0;
}

struct nono_ir *nono_lower(struct nonoc_ctx *ctx, struct nono_policy *p)
{
	struct nono_ir *ir = arena_alloc(&ctx->arena, sizeof(*ir));
	struct lw lw = { .ctx = ctx, .p = p, .ir = ir, .cap_rules = 64 };
	size_t before = ctx->nerrors;

	if (!ir || sodium_init() < 0)
		return NULL;
	ir->rules = arena_alloc(&ctx->arena, lw.cap_rules * sizeof(*ir->rules));
	if (!ir->rules)
		return NULL;
	ir->rules[0] = (struct nono_ir_src){ "", 0, 0, "(implicit)" };
	ir->nrules = 1;

	ir->name = p->header ? p->header->name.s : "";
	ir->version = p->header && p->header->val2 ? p->header->val2->u.amount : 0;
	ir->audit = p->mode && p->mode->sub == NONO_MODE_AUDIT;
	for (size_t i = 0; i < p->requires.n; i++) {
		const struct nono_node *r = p->requires.v[i];

		ir->require |= 1u << r->sub;
		if (r->sub == NONO_LAYER_LANDLOCK) {
			uint32_t lvl = r->val2 ? (uint32_t)r->val2->u.amount : 1;

			if (lvl > ir->landlock_min)
				ir->landlock_min = lvl;
		}
	}
	ir->domains = arena_alloc(&ctx->arena, p->ndomains * sizeof(*ir->domains));
	if (!ir->domains)
		return NULL;
	ir->ndomains = p->ndomains;
	for (size_t i = 0; i < p->ndomains; i++)
		if (lower_domain(&lw, &ir->domains[i], &p->domains[i], (uint32_t)i) < 0)
			return NULL;
	for (size_t i = 0; i < p->quotas.n; i++)
		lower_quota(&ir->quota, p->quotas.v[i]);

	ir->transitions = arena_alloc(&ctx->arena, (p->ndomains ? p->ndomains : 1) * sizeof(*ir->transitions));
	if (!ir->transitions)
		return NULL;
	for (size_t i = 1; i < ir->ndomains; i++)
		if (ir->domains[i].exec)
			ir->transitions[ir->ntransitions++] = (struct nono_ir_transition){
				ir->domains[i].exec, ir->domains[i].exec_anchor, (uint32_t)i };
	if (lower_sys(&lw) < 0 || lower_measures(&lw) < 0 || lower_mounts(&lw) < 0)
		return NULL;
	if (ctx->arena.exhausted) {
		nono_diag(ctx, NONO_E006, NONO_NO_SPAN, "out of memory lowering the policy");
		return NULL;
	}
	return ctx->nerrors == before ? ir : NULL;
}
