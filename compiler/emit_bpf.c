/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The eBPF back end: IR (ir.h) → the specialised BPF C and the table image
 * (emit_bpf.h). Read bpf-templates/nono.bpf.c.in's design block and
 * docs/bpf.md first.
 *
 * Order of work: a model of what the programs and maps need is built from
 * the IR once (model_build), then printed twice: as C text (the template
 * with its substitution points filled) and as the binary table image. Both
 * walk the model in the order it was built, which follows the IR's order,
 * so the same IR always gives the same bytes. Interning and the network
 * closures use hash indexes: the work is linear in the policy's size.
 *
 * The model:
 *  - file records: one per rule and domain, anchored on the rule's
 *    glob-free base (EXACT for pattern "", TREE for "**"); the globs of one
 *    domain anchored on one base form a *group* (nono_group entries); deny
 *    records carry *fallback* groups, used by nono-load when the base does
 *    not exist (see nono_bpf_rec_fs);
 *  - glob *components* (one name: a literal, a nono_lit entry, or a '*'
 *    glob, generated code) and *patterns* (sequences of components and
 *    "**", nono_pat entries), interned;
 *  - network *classes*: the verdict of a set of rules as a function of
 *    (protocol, port), interned; LPM entries map (domain, prefix) to the
 *    class of every rule whose network contains the prefix; the union
 *    pseudo-domain gets the OR of the domains for the cgroup-BPF programs.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "context.h"
#include "emit_bpf.h"
#include "ir.h"
#include "syscalls.h"
#include "../bpf-templates/nono_shared.h"

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the table image is little-endian; nonoc writes it with the host's byte order"
#endif

/* The IR's encodings are the ABI's (nono_shared.h). */
_Static_assert(NONO_ACC_READ == NONO_BPF_A_READ && NONO_ACC_WRITE == NONO_BPF_A_WRITE &&
		       NONO_ACC_EXEC == NONO_BPF_A_EXEC,
	       "access bits");
_Static_assert(NONO_ANCHOR_ROOT == NONO_BPF_ANCHOR_ROOT && NONO_ANCHOR_HOME == NONO_BPF_ANCHOR_HOME &&
		       NONO_ANCHOR_WORKDIR == NONO_BPF_ANCHOR_WORKDIR,
	       "anchors");

#define MAXC NONO_BPF_MAX_PAT_COMP
#define STARSTAR 0xffffu /* NONO_COMP_STARSTAR in the generated code */
#define PROTO_ANY 0
#define PROTO_TCP_IR 1
#define PROTO_UDP_IR 2

/* ---- output buffer ----------------------------------------------------------- */

struct buf {
	char *p;
	size_t n, cap;
	int oom;
};

static void bput(struct buf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;

		while (cap < b->n + n + 1)
			cap *= 2;
		char *np = realloc(b->p, cap);

		if (!np) {
			b->oom = 1;
			return;
		}
		b->p = np;
		b->cap = cap;
	}
	if (n)
		memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void bputs(struct buf *b, const char *s)
{
	bput(b, s, strlen(s));
}

__attribute__((format(printf, 2, 3))) static void bprintf(struct buf *b, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->oom = 1;
		return;
	}
	if ((size_t)n < sizeof(tmp)) {
		bput(b, tmp, (size_t)n);
		return;
	}
	char *big = malloc((size_t)n + 1);

	if (!big) {
		b->oom = 1;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	bput(b, big, (size_t)n);
	free(big);
}

/* Text inside a C block comment: a backslash breaks every comment
 * delimiter ("**\/\*.so*" for "**" "/" "*.so*"); no control characters. */
static void bcomment(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if ((s[0] == '*' && s[1] == '/') || (s[0] == '/' && s[1] == '*')) {
			bput(b, s, 1);
			bputs(b, "\\");
		} else if ((unsigned char)*s < 0x20 || *s == 0x7f) {
			bputs(b, "?");
		} else {
			bput(b, s, 1);
		}
	}
}

/* ---- the model --------------------------------------------------------------- */

struct comp {
	const char *text;
};

struct pat {
	uint16_t c[MAXC];
	uint32_t n;
	const char *text;
};

struct glob {
	uint32_t pat, rule;
	uint8_t effect, access;
};

struct group {
	struct glob *g;
	size_t n;
	const char *key;
	const char *where; /* where it was first anchored, for the comment */
};

struct fsrec {
	uint32_t domain, rule;
	uint8_t anchor, kind, effect, access;
	uint32_t group;
	uint16_t nfb, ncomp;
	uint32_t *fb;
	const char *path;
};

struct execrec {
	uint32_t domain, rule;
	uint8_t anchor;
	const char *path;
};

struct seg {
	uint32_t lo, hi; /* inclusive ports */
	uint8_t proto;   /* NONO_BPF_PROTO_* */
	uint8_t verdict;
	uint32_t rule;
};

struct cls {
	struct seg *s;
	size_t n;
};

struct lpm {
	uint32_t domain;
	uint8_t family, len;
	uint8_t addr[16];
	uint32_t cls;
};

/* An index of items by 64-bit hash (open addressing, linear probing): the
 * interning and de-duplication below stay linear in the size of the policy.
 * Items are identified by index; equality is checked by the caller. */
struct hindex {
	uint64_t *h;
	uint32_t *v; /* item index + 1; 0 = empty */
	size_t cap, n;
};

struct model {
	struct arena a;
	struct hindex comp_ix, pat_ix, group_ix, fs_ix, cls_ix;
	const struct nono_ir *ir;
	struct comp *comps;   size_t ncomps, capcomps;
	struct pat *pats;     size_t npats, cappats;
	struct group *groups; size_t ngroups, capgroups;
	struct fsrec *fs;     size_t nfs, capfs;
	struct execrec *ex;   size_t nex, capex;
	struct cls *cls;      size_t ncls, capcls;
	struct lpm *lpm;      size_t nlpm, caplpm;
	uint32_t *bind_cls;   /* per domain */
	const struct nono_ir_net *cur_net; /* model_net_domain: the domain's rules  */
	const struct nono_ir_fs *cur_fs;  /* model_fs_domain: the domain's rules, */
	const size_t *cur_head;           /* and each glob bucket's first rule    */
	uint32_t bind_union;
	char *err;
	size_t errlen;
	int failed;
};

#define GROW(m, arr, n, cap)                                                                \
	do {                                                                                \
		if ((n) == (cap)) {                                                         \
			size_t nc_ = (cap) ? (cap) * 2 : 16;                                \
			void *na_ = arena_alloc(&(m)->a, nc_ * sizeof(*(arr)));             \
			if (!na_)                                                           \
				return fail(m, "out of memory");                            \
			if (n)                                                              \
				memcpy(na_, (arr), (n) * sizeof(*(arr)));                   \
			(arr) = na_;                                                        \
			(cap) = nc_;                                                        \
		}                                                                           \
	} while (0)

static uint64_t hash_bytes(uint64_t h, const void *p, size_t n)
{
	const unsigned char *c = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ c[i]) * 0x100000001b3ull; /* FNV-1a */
	return h;
}
#define HASH_SEED 0xcbf29ce484222325ull

/* The index of an item with hash @h for which eq(m, item, key) holds, or -1. */
static long hx_find(const struct hindex *x, uint64_t h, int (*eq)(const struct model *, size_t, const void *),
		    const struct model *m, const void *key)
{
	if (!x->cap)
		return -1;
	for (size_t i = h & (x->cap - 1);; i = (i + 1) & (x->cap - 1)) {
		if (!x->v[i])
			return -1;
		if (x->h[i] == h && eq(m, x->v[i] - 1, key))
			return (long)x->v[i] - 1;
	}
}

static int hx_add(struct arena *a, struct hindex *x, uint64_t h, size_t item)
{
	if ((x->n + 1) * 2 > x->cap) {
		size_t cap = x->cap ? x->cap * 2 : 64;
		uint64_t *nh = arena_alloc(a, cap * sizeof(*nh));
		uint32_t *nv = arena_alloc(a, cap * sizeof(*nv));

		if (!nh || !nv)
			return -1;
		for (size_t i = 0; i < x->cap; i++) {
			if (!x->v[i])
				continue;
			size_t j = x->h[i] & (cap - 1);

			while (nv[j])
				j = (j + 1) & (cap - 1);
			nh[j] = x->h[i];
			nv[j] = x->v[i];
		}
		x->h = nh;
		x->v = nv;
		x->cap = cap;
	}
	size_t j = h & (x->cap - 1);

	while (x->v[j])
		j = (j + 1) & (x->cap - 1);
	x->h[j] = h;
	x->v[j] = (uint32_t)(item + 1);
	x->n++;
	return 0;
}

__attribute__((format(printf, 2, 3))) static int fail(struct model *m, const char *fmt, ...)
{
	va_list ap;

	if (!m->failed && m->errlen) {
		va_start(ap, fmt);
		vsnprintf(m->err, m->errlen, fmt, ap);
		va_end(ap);
	}
	m->failed = 1;
	return -1;
}

static const char *anchor_prefix(uint8_t anchor)
{
	switch (anchor) {
	case NONO_ANCHOR_HOME: return "~";
	case NONO_ANCHOR_WORKDIR: return "$WORKDIR";
	default: return "";
	}
}

/* "~/a/b", "/a/b", "$WORKDIR" … for comments. */
static const char *show_path(struct model *m, uint8_t anchor, const char *rel)
{
	if (!*rel)
		return anchor == NONO_ANCHOR_ROOT ? "/" : anchor_prefix(anchor);
	return arena_printf(&m->a, "%s/%s", anchor_prefix(anchor), rel);
}

/* Split a normalised relative path into components (in the arena). */
static int split(struct model *m, const char *path, const char ***out, uint32_t *n)
{
	uint32_t cnt = 0, i = 0;
	const char *p;

	*out = NULL;
	*n = 0;
	if (!*path)
		return 0;
	for (p = path; p; p = strchr(p, '/'), p = p ? p + 1 : NULL)
		cnt++;
	const char **v = arena_alloc(&m->a, cnt * sizeof(*v));

	if (!v)
		return fail(m, "out of memory");
	p = path;
	while (i < cnt) {
		const char *slash = strchr(p, '/');
		size_t len = slash ? (size_t)(slash - p) : strlen(p);

		v[i++] = arena_strndup(&m->a, p, len);
		p = slash ? slash + 1 : p + len;
	}
	*out = v;
	*n = cnt;
	return 0;
}

static int comp_eq(const struct model *m, size_t i, const void *key)
{
	return !strcmp(m->comps[i].text, key);
}

static uint16_t comp_id(struct model *m, const char *text)
{
	uint64_t h = hash_bytes(HASH_SEED, text, strlen(text));
	long found;

	if (!strcmp(text, "**"))
		return STARSTAR;
	found = hx_find(&m->comp_ix, h, comp_eq, m, text);
	if (found >= 0)
		return (uint16_t)(found + 1);
	if (m->ncomps >= 0xfff0u) {
		fail(m, "too many distinct glob components (more than %u)", 0xfff0u);
		return 0;
	}
	if (m->ncomps == m->capcomps) {
		size_t nc = m->capcomps ? m->capcomps * 2 : 16;
		struct comp *na = arena_alloc(&m->a, nc * sizeof(*na));

		if (!na) {
			fail(m, "out of memory");
			return 0;
		}
		if (m->ncomps)
			memcpy(na, m->comps, m->ncomps * sizeof(*na));
		m->comps = na;
		m->capcomps = nc;
	}
	m->comps[m->ncomps].text = arena_strdup(&m->a, text);
	if (hx_add(&m->a, &m->comp_ix, h, m->ncomps) < 0) {
		fail(m, "out of memory");
		return 0;
	}
	return (uint16_t)++m->ncomps;
}

static int pat_eq(const struct model *m, size_t i, const void *key)
{
	const struct pat *p = key;

	return m->pats[i].n == p->n && !memcmp(m->pats[i].c, p->c, sizeof(p->c));
}

/* Intern a pattern given as components; *id receives its index. Return -1
 * (not a failure) when it has more components than NONO_BPF_MAX_PAT_COMP. */
static int pat_id(struct model *m, const char *const *c, uint32_t n, uint32_t *id)
{
	struct pat p = { .n = n };
	struct buf text = { 0 };

	if (n > MAXC)
		return -1;
	for (uint32_t i = 0; i < n; i++) {
		p.c[i] = comp_id(m, c[i]);
		if (m->failed)
			return -1;
		if (i)
			bputs(&text, "/");
		bputs(&text, c[i]);
	}
	uint64_t h = hash_bytes(hash_bytes(HASH_SEED, &p.n, sizeof(p.n)), p.c, sizeof(p.c));
	long found = hx_find(&m->pat_ix, h, pat_eq, m, &p);

	if (found >= 0) {
		free(text.p);
		*id = (uint32_t)found;
		return 0;
	}
	if (text.oom) {
		free(text.p);
		return fail(m, "out of memory");
	}
	p.text = arena_strdup(&m->a, text.p ? text.p : "");
	free(text.p);
	GROW(m, m->pats, m->npats, m->cappats);
	m->pats[m->npats] = p;
	if (hx_add(&m->a, &m->pat_ix, h, m->npats) < 0)
		return fail(m, "out of memory");
	*id = (uint32_t)m->npats++;
	return 0;
}

static int group_eq(const struct model *m, size_t i, const void *key)
{
	return !strcmp(m->groups[i].key, key);
}

/* Intern a group; return its id (> 0), or 0 on failure. */
static uint32_t group_id(struct model *m, struct glob *g, size_t n, const char *where)
{
	struct buf key = { 0 };
	uint64_t h;
	long found;

	for (size_t i = 0; i < n; i++)
		bprintf(&key, "%u:%u:%u:%u;", g[i].pat, g[i].effect, g[i].access, g[i].rule);
	if (key.oom || !key.p) {
		free(key.p);
		fail(m, "out of memory");
		return 0;
	}
	h = hash_bytes(HASH_SEED, key.p, key.n);
	found = hx_find(&m->group_ix, h, group_eq, m, key.p);
	if (found >= 0) {
		free(key.p);
		return (uint32_t)(found + 1);
	}
	if (n > NONO_BPF_MAX_GROUP_GLOBS) {
		free(key.p);
		fail(m, "%zu globs are anchored on %s in one domain; the BPF programs take at most %u", n, where,
		     NONO_BPF_MAX_GROUP_GLOBS);
		return 0;
	}
	if (m->ngroups == m->capgroups) {
		size_t nc = m->capgroups ? m->capgroups * 2 : 16;
		struct group *na = arena_alloc(&m->a, nc * sizeof(*na));

		if (!na) {
			free(key.p);
			fail(m, "out of memory");
			return 0;
		}
		if (m->ngroups)
			memcpy(na, m->groups, m->ngroups * sizeof(*na));
		m->groups = na;
		m->capgroups = nc;
	}
	struct group *gr = &m->groups[m->ngroups];

	gr->g = arena_alloc(&m->a, n * sizeof(*g));
	if (!gr->g) {
		free(key.p);
		fail(m, "out of memory");
		return 0;
	}
	memcpy(gr->g, g, n * sizeof(*g));
	gr->n = n;
	gr->key = arena_strdup(&m->a, key.p);
	gr->where = where;
	free(key.p);
	if (hx_add(&m->a, &m->group_ix, h, m->ngroups) < 0) {
		fail(m, "out of memory");
		return 0;
	}
	return (uint32_t)++m->ngroups;
}

/* The accesses a rule's bits mean to the programs: write also covers
 * connecting to a UNIX socket at the path (allow and deny alike). */
static uint8_t acc_of(uint8_t ir_access)
{
	uint8_t a = ir_access & NONO_ACC_ALL;

	if (a & NONO_ACC_WRITE)
		a |= NONO_BPF_A_UNIX;
	return a;
}

static int fs_eq(const struct model *m, size_t i, const void *key)
{
	const struct fsrec *o = &m->fs[i], *r = key;

	return o->domain == r->domain && o->anchor == r->anchor && o->kind == r->kind && o->effect == r->effect &&
	       o->access == r->access && o->rule == r->rule && o->group == r->group && !strcmp(o->path, r->path);
}

static int add_fs(struct model *m, const struct fsrec *r)
{
	uint32_t f[6] = { r->domain, r->rule, r->anchor, r->kind, (uint32_t)r->effect << 8 | r->access, r->group };
	uint64_t h = hash_bytes(hash_bytes(HASH_SEED, f, sizeof(f)), r->path, strlen(r->path));

	if (hx_find(&m->fs_ix, h, fs_eq, m, r) >= 0)
		return 0; /* the same rule twice (e.g. an implicit grant) */
	GROW(m, m->fs, m->nfs, m->capfs);
	m->fs[m->nfs] = *r;
	if (hx_add(&m->a, &m->fs_ix, h, m->nfs) < 0)
		return fail(m, "out of memory");
	m->nfs++;
	return 0;
}

/*
 * Fallback groups of a deny anchored on @base (components b[0..n-1]): for
 * each split j, the deny globs re-rooted at the first j components (the
 * missing rest becomes literal components in front of each glob's own
 * pattern). fb[j] = 0 when a pattern would be too long: nono-load then
 * refuses to start rather than lose the deny.
 */
static int fallbacks(struct model *m, struct fsrec *r, const char **b, uint32_t n, const struct glob *denies,
		     const char ***dpat, const uint32_t *dpatn, size_t ndenies, const char *where_base)
{
	r->ncomp = (uint16_t)n;
	r->nfb = 0;
	r->fb = NULL;
	if (!ndenies || !n)
		return 0;
	r->fb = arena_alloc(&m->a, n * sizeof(*r->fb));
	struct glob *g = arena_alloc(&m->a, ndenies * sizeof(*g));

	if (!r->fb || !g)
		return fail(m, "out of memory");
	r->nfb = (uint16_t)n;
	for (uint32_t j = 0; j < n; j++) {
		int ok = 1;

		for (size_t d = 0; d < ndenies && ok; d++) {
			const char *c[2 * MAXC + 2];
			uint32_t cn = 0;

			if (n - j + dpatn[d] > MAXC) {
				ok = 0;
				break;
			}
			for (uint32_t i = j; i < n; i++)
				c[cn++] = b[i];
			for (uint32_t i = 0; i < dpatn[d]; i++)
				c[cn++] = dpat[d][i];
			g[d] = denies[d];
			if (pat_id(m, c, cn, &g[d].pat) < 0) {
				if (m->failed)
					return -1;
				ok = 0;
			}
		}
		if (!ok) {
			r->fb[j] = 0;
			continue;
		}
		/* The ancestor it anchors on: the first j components of the base. */
		size_t plen = 0;
		for (uint32_t i = 0; i < j; i++)
			plen += strlen(b[i]) + (i ? 1 : 0);
		char *anc = arena_alloc(&m->a, plen + 1);

		if (!anc)
			return fail(m, "out of memory");
		for (uint32_t i = 0; i < j; i++) {
			if (i)
				strcat(anc, "/");
			strcat(anc, b[i]);
		}
		const char *where = arena_printf(&m->a, "%s, if %s is missing", show_path(m, r->anchor, anc), where_base);

		r->fb[j] = group_id(m, g, ndenies, where);
		if (!r->fb[j])
			return -1;
	}
	return 0;
}

/* Same glob bucket: the same anchor and base as the bucket's first rule. */
static int bucket_eq(const struct model *m, size_t b, const void *key)
{
	const struct nono_ir_fs *f = key, *o = &m->cur_fs[m->cur_head[b]];

	return o->anchor == f->anchor && !strcmp(o->base, f->base);
}

/* One domain's file rules. */
static int model_fs_domain(struct model *m, uint32_t dom)
{
	const struct nono_ir *ir = m->ir;
	const struct nono_ir_domain *d = &ir->domains[dom];
	/* EXACT and TREE rules, in order. */
	for (size_t i = 0; i < d->nfs; i++) {
		const struct nono_ir_fs *f = &d->fs[i];
		struct fsrec r = { .domain = dom, .rule = f->rule, .anchor = f->anchor, .path = f->base };
		const char **b;
		uint32_t n;

		if (f->pattern[0] && strcmp(f->pattern, "**"))
			continue;
		r.kind = f->pattern[0] ? NONO_BPF_FS_TREE : NONO_BPF_FS_EXACT;
		r.effect = f->effect == NONO_IR_DENY ? NONO_BPF_EFFECT_DENY : NONO_BPF_EFFECT_ALLOW;
		r.access = acc_of(f->access);
		if (split(m, f->base, &b, &n) < 0)
			return -1;
		r.ncomp = (uint16_t)n;
		if (r.effect == NONO_BPF_EFFECT_DENY) {
			struct glob g = { .rule = f->rule, .effect = NONO_BPF_EFFECT_DENY, .access = r.access };
			const char *ss[1] = { "**" };
			const char **dp = r.kind == NONO_BPF_FS_TREE ? ss : NULL;
			uint32_t dpn = r.kind == NONO_BPF_FS_TREE ? 1 : 0;

			if (fallbacks(m, &r, b, n, &g, &dp, &dpn, 1, show_path(m, f->anchor, f->base)) < 0)
				return -1;
		}
		if (add_fs(m, &r) < 0)
			return -1;
	}
	/* Globs, grouped by (anchor, base) in order of first appearance: a hash
	 * of the buckets, each a chain of its rules in order. */
	size_t nb = 0, *head = arena_alloc(&m->a, (d->nfs + 1) * sizeof(*head));
	size_t *tail = arena_alloc(&m->a, (d->nfs + 1) * sizeof(*tail));
	size_t *next = arena_alloc(&m->a, (d->nfs + 1) * sizeof(*next));
	struct glob *g = arena_alloc(&m->a, (d->nfs + 1) * sizeof(*g));
	struct glob *dg = arena_alloc(&m->a, (d->nfs + 1) * sizeof(*dg));
	const char ***dpat = arena_alloc(&m->a, (d->nfs + 1) * sizeof(*dpat));
	uint32_t *dpn = arena_alloc(&m->a, (d->nfs + 1) * sizeof(*dpn));
	struct hindex bix = { 0 };

	if (!head || !tail || !next || !g || !dg || !dpat || !dpn)
		return fail(m, "out of memory");
	m->cur_fs = d->fs;
	m->cur_head = head;
	for (size_t i = 0; i < d->nfs; i++) {
		const struct nono_ir_fs *f = &d->fs[i];
		uint64_t h;
		long b;

		next[i] = (size_t)-1;
		if (!f->pattern[0] || !strcmp(f->pattern, "**"))
			continue;
		h = hash_bytes(hash_bytes(HASH_SEED, &f->anchor, 1), f->base, strlen(f->base));
		b = hx_find(&bix, h, bucket_eq, m, f);
		if (b < 0) {
			head[nb] = tail[nb] = i;
			if (hx_add(&m->a, &bix, h, nb++) < 0)
				return fail(m, "out of memory");
		} else {
			next[tail[b]] = i;
			tail[b] = i;
		}
	}
	for (size_t bk = 0; bk < nb; bk++) {
		const struct nono_ir_fs *f = &d->fs[head[bk]];
		size_t ng = 0, nd = 0;

		/* Denies first: deny wins, and a denied request needs no allow match. */
		for (int pass = 0; pass < 2; pass++)
			for (size_t j = head[bk]; j != (size_t)-1; j = next[j]) {
				const struct nono_ir_fs *o = &d->fs[j];
				const char **pc;
				uint32_t pn;

				if ((o->effect == NONO_IR_DENY) != (pass == 0))
					continue;
				if (split(m, o->pattern, &pc, &pn) < 0)
					return -1;
				struct glob x = { .rule = o->rule, .access = acc_of(o->access),
						  .effect = o->effect == NONO_IR_DENY ? NONO_BPF_EFFECT_DENY
										      : NONO_BPF_EFFECT_ALLOW };

				if (pat_id(m, pc, pn, &x.pat) < 0)
					return m->failed ? -1
							 : fail(m, "rule %u: the glob \"%s\" has more than %u components",
								o->rule, o->pattern, MAXC);
				g[ng++] = x;
				if (x.effect == NONO_BPF_EFFECT_DENY) {
					dg[nd] = x;
					dpat[nd] = pc;
					dpn[nd++] = pn;
				}
			}
		const char *where = show_path(m, f->anchor, f->base);
		struct fsrec r = { .domain = dom, .anchor = f->anchor, .kind = NONO_BPF_FS_GLOB, .path = f->base };
		const char **b;
		uint32_t n;

		r.group = group_id(m, g, ng, where);
		if (!r.group)
			return -1;
		if (split(m, f->base, &b, &n) < 0 || fallbacks(m, &r, b, n, dg, dpat, dpn, nd, where) < 0)
			return -1;
		r.ncomp = (uint16_t)n;
		if (add_fs(m, &r) < 0)
			return -1;
	}
	/* `net unix PATH`: connecting to the socket bound there (IR: root-anchored). */
	for (size_t i = 0; i < d->nunix; i++) {
		struct fsrec r = { .domain = dom, .anchor = NONO_ANCHOR_ROOT, .kind = NONO_BPF_FS_EXACT,
				   .effect = NONO_BPF_EFFECT_ALLOW, .access = NONO_BPF_A_UNIX, .path = d->unix_paths[i] };
		const char **b;
		uint32_t n;

		if (split(m, r.path, &b, &n) < 0)
			return -1;
		r.ncomp = (uint16_t)n;
		if (add_fs(m, &r) < 0)
			return -1;
	}
	/* Implicit: a domain may read and execute its own binary and every
	 * tool's binary (executing it is how a tool is entered). */
	for (size_t i = 0; i <= ir->ntransitions; i++) {
		const char *path = i < ir->ntransitions ? ir->transitions[i].path : d->exec;
		uint8_t anchor = i < ir->ntransitions ? ir->transitions[i].anchor : d->exec_anchor;
		const char **b;
		uint32_t n;

		if (!path)
			continue;
		struct fsrec r = { .domain = dom, .anchor = anchor, .kind = NONO_BPF_FS_EXACT,
				   .effect = NONO_BPF_EFFECT_ALLOW, .access = NONO_BPF_A_READ | NONO_BPF_A_EXEC,
				   .path = path };

		if (split(m, path, &b, &n) < 0)
			return -1;
		r.ncomp = (uint16_t)n;
		if (add_fs(m, &r) < 0)
			return -1;
	}
	return 0;
}

/* ---- network ---------------------------------------------------------------------- */

static int proto_applies(uint8_t ir_proto, uint8_t p)
{
	return ir_proto == PROTO_ANY || (ir_proto == PROTO_TCP_IR && p == NONO_BPF_PROTO_TCP) ||
	       (ir_proto == PROTO_UDP_IR && p == NONO_BPF_PROTO_UDP);
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static const uint8_t protos[2] = { NONO_BPF_PROTO_TCP, NONO_BPF_PROTO_UDP };

/* Append a piece to a function, merging it with an equal, adjacent one. */
static int seg_push(struct model *m, struct seg **s, size_t *n, size_t *cap, struct seg x)
{
	if (*n && (*s)[*n - 1].proto == x.proto && (*s)[*n - 1].verdict == x.verdict &&
	    (*s)[*n - 1].rule == x.rule && (*s)[*n - 1].hi + 1 == x.lo) {
		(*s)[*n - 1].hi = x.hi;
		return 0;
	}
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 8;
		struct seg *na = arena_alloc(&m->a, nc * sizeof(*na));

		if (!na)
			return fail(m, "out of memory");
		if (*n)
			memcpy(na, *s, *n * sizeof(*na));
		*s = na;
		*cap = nc;
	}
	(*s)[(*n)++] = x;
	return 0;
}

static int cls_eq(const struct model *m, size_t i, const void *key)
{
	const struct cls *k = key;

	return m->cls[i].n == k->n && !memcmp(m->cls[i].s, k->s, k->n * sizeof(*k->s));
}

static uint32_t cls_intern(struct model *m, struct seg *s, size_t n)
{
	struct cls key = { s, n };
	uint64_t h;
	long found;

	if (!n)
		return 0; /* nothing decided: a miss in the map, "not granted" */
	h = hash_bytes(HASH_SEED, s, n * sizeof(*s));
	found = hx_find(&m->cls_ix, h, cls_eq, m, &key);
	if (found >= 0)
		return (uint32_t)(found + 1);
	if (m->ncls == m->capcls) {
		size_t nc = m->capcls ? m->capcls * 2 : 16;
		struct cls *na = arena_alloc(&m->a, nc * sizeof(*na));

		if (!na) {
			fail(m, "out of memory");
			return 0;
		}
		if (m->ncls)
			memcpy(na, m->cls, m->ncls * sizeof(*na));
		m->cls = na;
		m->capcls = nc;
	}
	m->cls[m->ncls].s = s;
	m->cls[m->ncls].n = n;
	if (hx_add(&m->a, &m->cls_ix, h, m->ncls) < 0) {
		fail(m, "out of memory");
		return 0;
	}
	return (uint32_t)++m->ncls;
}

/*
 * The class of a rule list (in priority order): per protocol and port, the
 * first deny that covers it (deny wins), else the first allow, else nothing
 * (not granted: no map entry).
 */
static uint32_t cls_of_rules(struct model *m, const struct nono_ir_net *const *r, size_t n)
{
	struct seg *s = NULL;
	size_t ns = 0, cap = 0;
	uint32_t *bd = arena_alloc(&m->a, (2 * n + 2) * sizeof(*bd));

	if (!bd) {
		fail(m, "out of memory");
		return 0;
	}
	for (int pi = 0; pi < 2; pi++) {
		uint8_t p = protos[pi];
		size_t nb = 0;

		bd[nb++] = 0;
		bd[nb++] = 65536;
		for (size_t i = 0; i < n; i++)
			if (proto_applies(r[i]->proto, p)) {
				bd[nb++] = r[i]->port_lo;
				bd[nb++] = (uint32_t)r[i]->port_hi + 1;
			}
		qsort(bd, nb, sizeof(*bd), cmp_u32);
		for (size_t b = 0; b + 1 < nb; b++) {
			uint32_t lo = bd[b], hi = bd[b + 1] - 1;
			const struct nono_ir_net *deny = NULL, *allow = NULL;

			if (bd[b + 1] == bd[b])
				continue;
			for (size_t i = 0; i < n; i++) {
				if (!proto_applies(r[i]->proto, p) || lo < r[i]->port_lo || lo > r[i]->port_hi)
					continue;
				if (r[i]->effect == NONO_IR_DENY && !deny)
					deny = r[i];
				if (r[i]->effect == NONO_IR_ALLOW && !allow)
					allow = r[i];
			}
			if (!deny && !allow)
				continue;
			struct seg x = { .lo = lo, .hi = hi, .proto = p,
					 .verdict = deny ? NONO_BPF_V_DENY : NONO_BPF_V_ALLOW,
					 .rule = deny ? deny->rule : allow->rule };

			if (seg_push(m, &s, &ns, &cap, x) < 0)
				return 0;
		}
	}
	return cls_intern(m, s, ns);
}

/* A class's verdict at (proto, port): 0 none, 1 allow, 2 deny; *rule set. */
static int cls_at(const struct model *m, uint32_t c, uint8_t p, uint32_t port, uint32_t *rule)
{
	if (!c)
		return 0;
	const struct cls *k = &m->cls[c - 1];

	for (size_t i = 0; i < k->n; i++)
		if (k->s[i].proto == p && port >= k->s[i].lo && port <= k->s[i].hi) {
			*rule = k->s[i].rule;
			return k->s[i].verdict == NONO_BPF_V_ALLOW ? 1 : 2;
		}
	return 0;
}

/* The union of classes (one per domain, 0 = none): allowed where any
 * allows; else denied by the first explicit deny, in domain order. */
static uint32_t cls_union(struct model *m, const uint32_t *c, size_t n)
{
	struct seg *s = NULL;
	size_t ns = 0, cap = 0, nb = 0, total = 2;

	for (size_t i = 0; i < n; i++)
		if (c[i])
			total += 2 * m->cls[c[i] - 1].n;
	uint32_t *bd = arena_alloc(&m->a, total * sizeof(*bd));

	if (!bd) {
		fail(m, "out of memory");
		return 0;
	}
	for (int pi = 0; pi < 2; pi++) {
		uint8_t p = protos[pi];

		nb = 0;
		bd[nb++] = 0;
		bd[nb++] = 65536;
		for (size_t i = 0; i < n; i++)
			for (size_t j = 0; c[i] && j < m->cls[c[i] - 1].n; j++)
				if (m->cls[c[i] - 1].s[j].proto == p) {
					bd[nb++] = m->cls[c[i] - 1].s[j].lo;
					bd[nb++] = m->cls[c[i] - 1].s[j].hi + 1;
				}
		qsort(bd, nb, sizeof(*bd), cmp_u32);
		for (size_t b = 0; b + 1 < nb; b++) {
			uint32_t lo = bd[b], hi = bd[b + 1] - 1, rule = 0, deny_rule = 0, r;
			int allowed = 0, denied = 0;

			if (bd[b + 1] == bd[b])
				continue;
			for (size_t i = 0; i < n && !allowed; i++) {
				int v = cls_at(m, c[i], p, lo, &r);

				if (v == 1) {
					allowed = 1;
					rule = r;
				} else if (v == 2 && !denied && r) {
					denied = 1;
					deny_rule = r;
				}
			}
			if (!allowed && !denied)
				continue;
			struct seg x = { .lo = lo, .hi = hi, .proto = p,
					 .verdict = allowed ? NONO_BPF_V_ALLOW : NONO_BPF_V_DENY,
					 .rule = allowed ? rule : deny_rule };

			if (seg_push(m, &s, &ns, &cap, x) < 0)
				return 0;
		}
	}
	return cls_intern(m, s, ns);
}

static int add_lpm(struct model *m, uint32_t domain, uint8_t family, uint8_t len, const uint8_t *addr, uint32_t c)
{
	GROW(m, m->lpm, m->nlpm, m->caplpm);
	struct lpm *l = &m->lpm[m->nlpm++];

	memset(l, 0, sizeof(*l));
	l->domain = domain;
	l->family = family;
	l->len = len;
	memcpy(l->addr, addr, family == 4 ? 4 : 16);
	l->cls = c;
	return 0;
}

/* The same network (prefix and address) as the domain's rule @i. */
static int net_eq(const struct model *m, size_t i, const void *key)
{
	const struct nono_ir_net *p = key, *o = &m->cur_net[i];

	return o->prefix == p->prefix && !memcmp(o->addr, p->addr, 16);
}

/* The same prefix as LPM entry @i. */
static int lpm_eq(const struct model *m, size_t i, const void *key)
{
	const struct lpm *l = key, *o = &m->lpm[i];

	return o->family == l->family && o->len == l->len && !memcmp(o->addr, l->addr, 16);
}

/* @addr with the bits past @len cleared (16 bytes). */
static void pfx_mask(uint8_t *out, const uint8_t *addr, uint32_t len)
{
	for (uint32_t i = 0; i < 16; i++) {
		uint32_t bits = len >= 8 * (i + 1) ? 8 : len > 8 * i ? len - 8 * i : 0;

		out[i] = bits ? (uint8_t)(addr[i] & (0xffu << (8 - bits))) : 0;
	}
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

static uint64_t net_hash(uint8_t len, const uint8_t *addr)
{
	return hash_bytes(hash_bytes(HASH_SEED, &len, 1), addr, 16);
}

/*
 * The LPM entries of one domain and family. The rules are indexed by their
 * network (a chain of the rules sharing one, in order); the rules that
 * contain a prefix P are those whose network is P masked to one of the
 * prefix lengths in use, at most 33 (IPv4) or 129 (IPv6) lookups: linear in
 * the rules, not quadratic.
 */
static int model_net_domain(struct model *m, uint32_t dom, uint8_t family)
{
	const struct nono_ir_domain *d = &m->ir->domains[dom];
	const struct nono_ir_net **a = arena_alloc(&m->a, (d->nnet + 1) * sizeof(*a));
	size_t *next = arena_alloc(&m->a, (d->nnet + 1) * sizeof(*next));
	size_t *tail = arena_alloc(&m->a, (d->nnet + 1) * sizeof(*tail));
	size_t *idx = arena_alloc(&m->a, (d->nnet + 1) * sizeof(*idx));
	uint8_t used[129] = { 0 };
	struct hindex ix = { 0 };

	if (!a || !next || !tail || !idx)
		return fail(m, "out of memory");
	m->cur_net = d->net;
	for (size_t i = 0; i < d->nnet; i++) {
		const struct nono_ir_net *p = &d->net[i];
		long f;

		next[i] = (size_t)-1;
		if (p->op != NONO_IR_CONNECT || p->family != family)
			continue;
		used[p->prefix] = 1;
		f = hx_find(&ix, net_hash(p->prefix, p->addr), net_eq, m, p);
		if (f >= 0) {
			next[tail[f]] = i;
			tail[f] = i;
		} else {
			tail[i] = i;
			if (hx_add(&m->a, &ix, net_hash(p->prefix, p->addr), i) < 0)
				return fail(m, "out of memory");
		}
	}
	for (size_t i = 0; i < d->nnet; i++) {
		const struct nono_ir_net *p = &d->net[i];
		size_t na = 0;

		if (p->op != NONO_IR_CONNECT || p->family != family ||
		    hx_find(&ix, net_hash(p->prefix, p->addr), net_eq, m, p) != (long)i)
			continue; /* not the first rule of its network */
		for (uint32_t len = 0; len <= p->prefix; len++) {
			struct nono_ir_net q;
			long f;

			if (!used[len])
				continue;
			q.prefix = (uint8_t)len;
			pfx_mask(q.addr, p->addr, len);
			f = hx_find(&ix, net_hash(q.prefix, q.addr), net_eq, m, &q);
			for (size_t j = f >= 0 ? (size_t)f : (size_t)-1; j != (size_t)-1; j = next[j])
				idx[na++] = j;
		}
		qsort(idx, na, sizeof(*idx), cmp_size); /* the rules' own order: the first deny wins */
		for (size_t j = 0; j < na; j++)
			a[j] = &d->net[idx[j]];
		uint32_t c = cls_of_rules(m, a, na);

		if (m->failed)
			return -1;
		if (c && add_lpm(m, dom, family, p->prefix, p->addr, c) < 0)
			return -1;
	}
	return 0;
}

static int model_net(struct model *m)
{
	const struct nono_ir *ir = m->ir;
	size_t nd = ir->ndomains;
	uint32_t *per = arena_alloc(&m->a, nd * sizeof(*per));
	uint32_t *touched = arena_alloc(&m->a, nd * sizeof(*touched));

	m->bind_cls = arena_alloc(&m->a, nd * sizeof(*m->bind_cls));
	if (!per || !touched || !m->bind_cls)
		return fail(m, "out of memory");
	for (uint8_t f = 4; f <= 6; f += 2)
		for (uint32_t dom = 0; dom < nd; dom++)
			if (model_net_domain(m, dom, f) < 0)
				return -1;
	/* The union, over every prefix any domain has: each domain's class at a
	 * prefix is that of its longest prefix containing it, found through an
	 * index of the domains' entries by network (chains in domain order). */
	size_t ndom_lpm = m->nlpm;
	size_t *next = arena_alloc(&m->a, (ndom_lpm + 1) * sizeof(*next));
	size_t *tail = arena_alloc(&m->a, (ndom_lpm + 1) * sizeof(*tail));
	uint8_t used[2][129] = { { 0 } };
	struct hindex ix = { 0 };

	if (!next || !tail)
		return fail(m, "out of memory");
	for (size_t i = 0; i < ndom_lpm; i++) {
		const struct lpm *l = &m->lpm[i];
		uint64_t h = net_hash(l->len, l->addr) ^ l->family;
		long f = hx_find(&ix, h, lpm_eq, m, l);

		next[i] = (size_t)-1;
		used[l->family == 4 ? 0 : 1][l->len] = 1;
		if (f >= 0) {
			next[tail[f]] = i;
			tail[f] = i;
		} else {
			tail[i] = i;
			if (hx_add(&m->a, &ix, h, i) < 0)
				return fail(m, "out of memory");
		}
	}
	memset(per, 0, nd * sizeof(*per));
	for (size_t i = 0; i < ndom_lpm; i++) {
		const struct lpm l = m->lpm[i];
		size_t nt = 0;

		if (hx_find(&ix, net_hash(l.len, l.addr) ^ l.family, lpm_eq, m, &l) != (long)i)
			continue; /* not the first entry of its prefix */
		for (uint32_t len = 0; len <= l.len; len++) {
			struct lpm q = { .family = l.family, .len = (uint8_t)len };
			long f;

			if (!used[l.family == 4 ? 0 : 1][len])
				continue;
			pfx_mask(q.addr, l.addr, len);
			f = hx_find(&ix, net_hash(q.len, q.addr) ^ q.family, lpm_eq, m, &q);
			for (size_t j = f >= 0 ? (size_t)f : (size_t)-1; j != (size_t)-1; j = next[j]) {
				uint32_t dom = m->lpm[j].domain;

				if (!per[dom])
					touched[nt++] = dom;
				per[dom] = m->lpm[j].cls; /* longer prefixes come later */
			}
		}
		qsort(touched, nt, sizeof(*touched), cmp_u32); /* domain order: the first deny wins */
		for (size_t t = 0; t < nt; t++) {
			uint32_t dom = touched[t];

			touched[t] = per[dom];
			per[dom] = 0;
		}
		uint32_t c = cls_union(m, touched, nt);

		if (m->failed)
			return -1;
		if (c && add_lpm(m, NONO_BPF_DOMAIN_UNION, l.family, l.len, l.addr, c) < 0)
			return -1;
	}
/* Bind: ports only, any local address. */
	for (uint32_t dom = 0; dom < nd; dom++) {
		const struct nono_ir_domain *d = &ir->domains[dom];
		const struct nono_ir_net **a = arena_alloc(&m->a, (d->nnet + 1) * sizeof(*a));
		size_t na = 0;

		if (!a)
			return fail(m, "out of memory");
		for (size_t i = 0; i < d->nnet; i++)
			if (d->net[i].op == NONO_IR_BIND)
				a[na++] = &d->net[i];
		m->bind_cls[dom] = cls_of_rules(m, a, na);
		if (m->failed)
			return -1;
		per[dom] = m->bind_cls[dom];
	}
	m->bind_union = cls_union(m, per, nd);
	return m->failed ? -1 : 0;
}

/* ---- the whole model -------------------------------------------------------------- */

static int model_build(struct model *m, const struct nono_ir *ir, char *err, size_t errlen)
{
	memset(m, 0, sizeof(*m));
	arena_init(&m->a, 256u * 1024 * 1024);
	m->ir = ir;
	m->err = err;
	m->errlen = errlen;
	if (errlen)
		err[0] = '\0';
	if (!ir->ndomains || ir->ndomains > NONO_BPF_MAX_DOMAINS)
		return fail(m, "the policy has %zu domains; the BPF programs support 1 to %u", ir->ndomains,
			    NONO_BPF_MAX_DOMAINS);
	for (uint32_t dom = 0; dom < ir->ndomains; dom++)
		if (model_fs_domain(m, dom) < 0)
			return -1;
	for (size_t i = 0; i < ir->ntransitions; i++) {
		GROW(m, m->ex, m->nex, m->capex);
		m->ex[m->nex++] = (struct execrec){ ir->transitions[i].domain, 0, ir->transitions[i].anchor,
						    ir->transitions[i].path };
	}
	if (model_net(m) < 0)
		return -1;
	if (m->a.exhausted)
		return fail(m, "out of memory");
	return 0;
}

static void model_free(struct model *m)
{
	arena_release(&m->a);
}

/* ---- C text -------------------------------------------------------------------------- */

/* Is component @i (0-based) matched by generated code ('*' globs, long
 * literals) rather than found in nono_lit? */
static int comp_is_code(const struct model *m, size_t i)
{
	return strchr(m->comps[i].text, '*') || strlen(m->comps[i].text) >= NONO_BPF_LIT_MAX;
}

/* nono_group values of group @i: one per NONO_BPF_GROUP_SLOTS globs. */
static size_t group_chunks(const struct model *m, size_t i)
{
	size_t n = m->groups[i].n;

	return n ? (n + NONO_BPF_GROUP_SLOTS - 1) / NONO_BPF_GROUP_SLOTS : 1;
}

static size_t group_entries(const struct model *m)
{
	size_t e = 1 + m->ngroups; /* id 0 is "none" */

	for (size_t i = 0; i < m->ngroups; i++)
		e += group_chunks(m, i) - 1;
	return e;
}

static size_t lit_count(const struct model *m)
{
	size_t n = 0;

	for (size_t i = 0; i < m->ncomps; i++)
		n += !comp_is_code(m, i);
	return n;
}

static const char *access_names(uint8_t a)
{
	static const char *const names[16] = {
		"none", "read", "write", "read,write", "exec", "read,exec", "write,exec", "read,write,exec",
		"unix", "read,unix", "write,unix", "read,write,unix", "exec,unix", "read,exec,unix",
		"write,exec,unix", "read,write,exec,unix",
	};

	return names[a & 0xf];
}

static const char *proto_name(uint8_t p)
{
	return p == NONO_BPF_PROTO_TCP ? "tcp" : p == NONO_BPF_PROTO_UDP ? "udp" : "?";
}

static void addr_text(char *out, size_t outlen, uint8_t family, const uint8_t *a, uint8_t len)
{
	if (family == 4) {
		snprintf(out, outlen, "%u.%u.%u.%u/%u", a[0], a[1], a[2], a[3], len);
		return;
	}
	/* Plain hex groups (no :: compression): unambiguous and easy to check. */
	snprintf(out, outlen, "%x:%x:%x:%x:%x:%x:%x:%x/%u", a[0] << 8 | a[1], a[2] << 8 | a[3], a[4] << 8 | a[5],
		 a[6] << 8 | a[7], a[8] << 8 | a[9], a[10] << 8 | a[11], a[12] << 8 | a[13], a[14] << 8 | a[15], len);
}

/* The rule of the `sys deny` for syscall @name on x86_64, or 0. */
static uint32_t sys_rule(const struct nono_ir *ir, const char *name)
{
	const struct nono_syscall_info *si = nono_syscall_lookup(name);

	if (!si || si->nr_x86_64 < 0 || !ir->nsys)
		return 0;
	for (size_t i = 0; i < ir->sys[0].nranges; i++) {
		const struct nono_ir_sysrange *r = &ir->sys[0].ranges[i];

		if ((uint32_t)si->nr_x86_64 >= r->lo && (uint32_t)si->nr_x86_64 <= r->hi)
			return r->rule;
	}
	return 0;
}

static void emit_stamp(struct buf *b, const struct nono_ir *ir, const char *source_name)
{
	bputs(b, "/*\n * GENERATED by nonoc from policy \"");
	bcomment(b, ir->name);
	bputs(b, "\" (");
	bcomment(b, source_name);
	bputs(b, ") -- do not edit.\n");
	bprintf(b, " * Template: bpf-templates/nono.bpf.c.in, ABI %u. Regenerate: nonoc --emit-c=OUT POLICY\n",
		NONO_BPF_ABI_VERSION);
	bputs(b, " */");
}

static void emit_policy(struct buf *b, const struct model *m)
{
	const struct nono_ir *ir = m->ir;
	static const struct {
		const char *macro, *sys, *why;
	} never[] = {
		{ "NONO_RULE_MOUNT", "mount", "sb_mount" },
		{ "NONO_RULE_UMOUNT", "umount2", "sb_umount" },
		{ "NONO_RULE_PIVOT_ROOT", "pivot_root", "sb_pivotroot" },
		{ "NONO_RULE_MOVE_MOUNT", "move_mount", "move_mount" },
		{ "NONO_RULE_CHROOT", "chroot", "path_chroot" },
		{ "NONO_RULE_BPF", "bpf", "bpf" },
		{ "NONO_RULE_MODULE", "finit_module", "kernel_module_request, kernel_read_file, kernel_load_data" },
		{ "NONO_RULE_PTRACE", "ptrace", "ptrace_access_check, ptrace_traceme" },
		{ "NONO_RULE_SIGNAL", "kill", "task_kill" },
	};

	bputs(b, "/* Policy \"");
	bcomment(b, ir->name);
	bprintf(b, "\" version %llu, mode %s: %zu domain%s. */\n", (unsigned long long)ir->version,
		ir->audit ? "audit" : "enforce", ir->ndomains, ir->ndomains == 1 ? "" : "s");
	bprintf(b, "#define NONO_NDOMAINS %zu\n", ir->ndomains);
	bprintf(b, "#define NONO_POLICY_AUDIT %d\n", ir->audit ? 1 : 0);
	bprintf(b, "#define NONO_BIND_CLS_UNION %u /* the sandbox-wide `net bind` port class (0: none) */\n",
		m->bind_union);
	bprintf(b, "\n/* Globs: %zu patterns, %zu groups, %zu literal components in maps (their\n"
		   " * entries are in the table image; listed at the end of this file). */\n",
		m->npats, m->ngroups, lit_count(m));
	bprintf(b, "#define NONO_NPATTERNS %zu\n#define NONO_NGROUPS %zu\n", m->npats, m->ngroups);
	bprintf(b, "#define NONO_PAT_ENTRIES %zu\n#define NONO_GROUP_ENTRIES %zu\n#define NONO_LIT_ENTRIES %zu\n",
		m->npats ? m->npats : 1, group_entries(m), lit_count(m) ? lit_count(m) : 1);
	bputs(b, "\n/* The rule that denials with no rule of their own are traced to: the\n"
		 " * policy's `sys deny` of the same system call (0: none). */\n");
	for (size_t i = 0; i < sizeof(never) / sizeof(never[0]); i++)
		bprintf(b, "#define %-22s %-5u /* %s: %s */\n", never[i].macro, sys_rule(ir, never[i].sys),
			never[i].sys, never[i].why);
	bputs(b, "\n/* The domains: NONO_BPF_DF_* flags and the `net bind` port class. */\n");
	bputs(b, "const volatile struct nono_domain_conf nono_domain_conf[NONO_NDOMAINS] = {\n");
	for (size_t i = 0; i < ir->ndomains; i++) {
		const struct nono_ir_domain *d = &ir->domains[i];
		struct buf fl = { 0 };

		if (d->signal_children)
			bputs(&fl, "NONO_BPF_DF_SIGNAL_CHILDREN");
		if (d->ptrace)
			bprintf(&fl, "%sNONO_BPF_DF_PTRACE", fl.n ? " | " : "");
		if (d->net_none)
			bprintf(&fl, "%sNONO_BPF_DF_NET_NONE", fl.n ? " | " : "");
		bprintf(b, "\t[%zu] = { .flags = %s, .bind_cls = %u }, /* ", i, fl.n && !fl.oom ? fl.p : "0",
			m->bind_cls[i]);
		bcomment(b, d->name);
		if (d->exec) {
			bputs(b, ": exec ");
			bcomment(b, show_path((struct model *)m, d->exec_anchor, d->exec));
		}
		bputs(b, " */\n");
		free(fl.p);
	}
	bputs(b, "};");
}

static void emit_char_eq(struct buf *b, const char *idx, unsigned char c)
{
	if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\')
		bprintf(b, "n[%s] == '%c'", idx, c);
	else
		bprintf(b, "(__u8)n[%s] == 0x%02x", idx, c);
}

/* A '*' component: prefix, middle segments (searched left to right), suffix. */
static void emit_star_comp(struct buf *b, const struct model *m, uint16_t id)
{
	const char *t = m->comps[id - 1].text;
	const char *segs[NONO_BPF_NAME_MAX];
	size_t lens[NONO_BPF_NAME_MAX], nseg = 0, total = 0;
	const char *p = t;

	for (;;) {
		const char *star = strchr(p, '*');
		size_t len = star ? (size_t)(star - p) : strlen(p);

		segs[nseg] = p;
		lens[nseg++] = len;
		total += len;
		if (!star)
			break;
		p = star + 1;
		while (*p == '*')
			p++;
	}
	/* Middle segments: one search function each. */
	for (size_t s = 1; s + 1 < nseg; s++) {
		if (!lens[s])
			continue;
		bprintf(b, "\n/* component %u, segment %zu: \"", id, s);
		{
			char tmp[NONO_BPF_NAME_MAX];

			snprintf(tmp, sizeof(tmp), "%.*s", (int)lens[s], segs[s]);
			bcomment(b, tmp);
		}
		bprintf(b, "\" at the first position >= from that ends <= limit, or -1 */\n"
			   "static NONO_INLINE long nono_seg_%u_%zu(const char *n, long limit, long from)\n{\n"
			   "\tfor (long j = 0; j < NONO_BPF_NAME_MAX; j++) {\n"
			   "\t\tlong at = from + j;\n\n"
			   "\t\tif (at + %zu > limit)\n\t\t\treturn -1;\n\t\tif (",
			id, s, lens[s]);
		for (size_t c = 0; c < lens[s]; c++) {
			char idx[64];

			snprintf(idx, sizeof(idx), "(at + %zu) & (NONO_BPF_NAME_MAX - 1)", c);
			if (c)
				bputs(b, " &&\n\t\t    ");
			emit_char_eq(b, idx, (unsigned char)segs[s][c]);
		}
		bputs(b, ")\n\t\t\treturn at;\n\t}\n\treturn -1;\n}\n");
	}
	bprintf(b, "\n/* component %u: \"", id);
	bcomment(b, t);
	bprintf(b, "\" */\nstatic NONO_INLINE int nono_comp_%u(const char *n, long len)\n{\n", id);
	bprintf(b, "\tlong pos = %zu, limit = len - %zu;\n\n", lens[0], lens[nseg - 1]);
	bprintf(b, "\tif (len < %zu)\n\t\treturn 0;\n", total);
	for (size_t c = 0; c < lens[0]; c++) {
		char idx[32];

		snprintf(idx, sizeof(idx), "%zu", c);
		bputs(b, c ? " ||\n\t    !(" : "\tif (!(");
		emit_char_eq(b, idx, (unsigned char)segs[0][c]);
		bputs(b, ")");
	}
	if (lens[0])
		bputs(b, ")\n\t\treturn 0;\n");
	for (size_t c = 0; c < lens[nseg - 1]; c++) {
		char idx[64];

		snprintf(idx, sizeof(idx), "(limit + %zu) & (NONO_BPF_NAME_MAX - 1)", c);
		bputs(b, c ? " ||\n\t    !(" : "\tif (!(");
		emit_char_eq(b, idx, (unsigned char)segs[nseg - 1][c]);
		bputs(b, ")");
	}
	if (lens[nseg - 1])
		bputs(b, ")\n\t\treturn 0;\n");
	for (size_t s = 1; s + 1 < nseg; s++) {
		if (!lens[s])
			continue;
		bprintf(b, "\tpos = nono_seg_%u_%zu(n, limit, pos);\n\tif (pos < 0)\n\t\treturn 0;\n\tpos += %zu;\n", id,
			s, lens[s]);
	}
	bputs(b, "\treturn pos <= limit;\n}\n");
}

static void emit_globs(struct buf *b, const struct model *m)
{
	size_t ncode = 0;

	bputs(b, "#define NONO_COMP_LITERAL (-2) /* nono_comp_code(): not a coded component */\n");
	if (!m->npats) {
		bputs(b, "/* This policy has no globs. */");
		return;
	}
	for (size_t i = 0; i < m->ncomps; i++)
		ncode += comp_is_code(m, i);
	bprintf(b, "\n/* Glob components: %zu, of which %zu matched by code below, %zu literals in nono_lit. */\n",
		m->ncomps, ncode, m->ncomps - ncode);
	for (size_t i = 0; i < m->ncomps; i++)
		if (strchr(m->comps[i].text, '*'))
			emit_star_comp(b, m, (uint16_t)(i + 1));
	bputs(b, "\n/*\n * Does coded component @comp match the name @n (@len bytes)? 1 yes, 0 no;\n"
		 " * NONO_COMP_LITERAL: @comp is a literal of nono_lit.\n */\n"
		 "static NONO_INLINE int nono_comp_code(__u64 comp, const char *n, long len)\n{\n");
	if (!ncode) {
		bputs(b, "\t(void)comp;\n\t(void)n;\n\t(void)len;\n\treturn NONO_COMP_LITERAL;\n}");
		return;
	}
	bputs(b, "\tswitch (comp) {\n");
	for (size_t i = 0; i < m->ncomps; i++) {
		const char *t = m->comps[i].text;
		size_t len = strlen(t);

		if (!comp_is_code(m, i))
			continue;
		bprintf(b, "\tcase %zu: /* \"", i + 1);
		bcomment(b, t);
		bputs(b, "\" */\n");
		if (strchr(t, '*')) {
			bprintf(b, "\t\treturn nono_comp_%zu(n, len);\n", i + 1);
			continue;
		}
		bprintf(b, "\t\treturn len == %zu", len);
		for (size_t c = 0; c < len; c++) {
			char idx[32];

			snprintf(idx, sizeof(idx), "%zu", c);
			bputs(b, c % 4 == 0 ? " &&\n\t\t       " : " && ");
			emit_char_eq(b, idx, (unsigned char)t[c]);
		}
		bputs(b, ";\n");
	}
	bputs(b, "\tdefault:\n\t\treturn NONO_COMP_LITERAL;\n\t}\n}");
}

/* Which rules the model refers to (a byte per rule id), for the rule table. */
static uint8_t *rules_used(const struct model *m)
{
	const struct nono_ir *ir = m->ir;
	uint8_t *u = calloc(ir->nrules + 1, 1);
	static const char *const sys[] = { "mount", "umount2", "pivot_root", "move_mount", "chroot",
					   "bpf", "finit_module", "ptrace", "kill" };

	if (!u)
		return NULL;
#define MARK(r) do { if ((r) < ir->nrules) u[(r)] = 1; } while (0)
	for (size_t i = 0; i < m->nfs; i++)
		MARK(m->fs[i].rule);
	for (size_t i = 0; i < m->ngroups; i++)
		for (size_t j = 0; j < m->groups[i].n; j++)
			MARK(m->groups[i].g[j].rule);
	for (size_t i = 0; i < m->ncls; i++)
		for (size_t j = 0; j < m->cls[i].n; j++)
			MARK(m->cls[i].s[j].rule);
	for (size_t i = 0; i < sizeof(sys) / sizeof(sys[0]); i++)
		MARK(sys_rule(ir, sys[i]));
#undef MARK
	return u;
}

static void emit_rules(struct buf *b, const struct model *m)
{
	const struct nono_ir *ir = m->ir;

	uint8_t *used = rules_used(m);

	if (!used) {
		b->oom = 1;
		return;
	}
	bputs(b, "/*\n * The rules these programs and tables decide by (event `rule` ids; the\n"
		 " * bundle's IR has the same table):\n *\n");
	for (uint32_t r = 1; r < ir->nrules; r++) {
		const struct nono_ir_src *s = &ir->rules[r];

		if (!used[r])
			continue;
		bprintf(b, " * %5u  ", r);
		bcomment(b, s->file);
		bprintf(b, ":%u: ", s->line);
		bcomment(b, s->text);
		bputs(b, "\n");
	}
	bputs(b, " *     0  (implicit: nothing grants it)\n */");
	free(used);
}

static void emit_tables(struct buf *b, const struct model *m)
{
	const struct nono_ir *ir = m->ir;
	static const char *const kinds[] = { "exact", "tree ", "glob " };

	bputs(b, "\n/*\n * The map contents, as nono-load fills them from the table image (shown\n"
		 " * for review; paths are resolved to inodes in the sandbox's view).\n *\n"
		 " * nono_inode -- file rules by domain (access: read, write, exec, unix):\n");
	for (uint32_t dom = 0; dom < ir->ndomains; dom++) {
		bprintf(b, " *   domain %u ", dom);
		bcomment(b, ir->domains[dom].name);
		bputs(b, "\n");
		for (size_t i = 0; i < m->nfs; i++) {
			const struct fsrec *r = &m->fs[i];

			if (r->domain != dom)
				continue;
			const char *sp = show_path((struct model *)m, r->anchor, r->path);
			size_t w = strlen(sp);

			bputs(b, " *     ");
			bcomment(b, sp);
			bprintf(b, "%*s  %s ", w < 40 ? (int)(40 - w) : 0, "", kinds[r->kind]);
			if (r->kind == NONO_BPF_FS_GLOB)
				bprintf(b, "group %u", r->group);
			else
				bprintf(b, "%s %s, rule %u", r->effect == NONO_BPF_EFFECT_DENY ? "deny" : "allow",
					access_names(r->access), r->rule);
			if (r->nfb) {
				bputs(b, "; if missing, groups");
				for (uint16_t j = 0; j < r->nfb; j++)
					bprintf(b, " %u", r->fb[j]);
			}
			bputs(b, "\n");
		}
	}
	bputs(b, " *\n * nono_group -- glob groups (the globs of one domain on one anchor; denies first):\n");
	if (!m->ngroups)
		bputs(b, " *     (none)\n");
	for (size_t i = 0; i < m->ngroups; i++) {
		const struct group *g = &m->groups[i];

		bprintf(b, " *     group %zu, at ", i + 1);
		bcomment(b, g->where);
		bputs(b, ":\n");
		for (size_t j = 0; j < g->n; j++) {
			bprintf(b, " *       %s %s pattern %u \"", g->g[j].effect == NONO_BPF_EFFECT_DENY ? "deny " : "allow",
				access_names(g->g[j].access), g->g[j].pat);
			bcomment(b, m->pats[g->g[j].pat].text);
			bprintf(b, "\", rule %u\n", g->g[j].rule);
		}
	}
	bputs(b, " *\n * nono_pat -- patterns (component ids from the anchor down; ** = any depth):\n");
	if (!m->npats)
		bputs(b, " *     (none)\n");
	for (size_t i = 0; i < m->npats; i++) {
		bprintf(b, " *     pattern %zu: ", i);
		for (uint32_t c = 0; c < m->pats[i].n; c++)
			if (m->pats[i].c[c] == STARSTAR)
				bprintf(b, "%s**", c ? " " : "");
			else
				bprintf(b, "%s%u", c ? " " : "", m->pats[i].c[c]);
		bputs(b, "  \"");
		bcomment(b, m->pats[i].text);
		bputs(b, "\"\n");
	}
	bputs(b, " *\n * nono_lit -- literal components (the others are matched by code above):\n");
	if (!lit_count(m))
		bputs(b, " *     (none)\n");
	for (size_t i = 0; i < m->ncomps; i++) {
		if (comp_is_code(m, i))
			continue;
		bputs(b, " *     \"");
		bcomment(b, m->comps[i].text);
		bprintf(b, "\" -> component %zu\n", i + 1);
	}
	bputs(b, " *\n * nono_exec -- domain transitions (tool binaries):\n");
	if (!m->nex)
		bputs(b, " *     (none)\n");
	for (size_t i = 0; i < m->nex; i++) {
		bputs(b, " *     ");
		bcomment(b, show_path((struct model *)m, m->ex[i].anchor, m->ex[i].path));
		bprintf(b, " -> domain %u ", m->ex[i].domain);
		bcomment(b, ir->domains[m->ex[i].domain].name);
		bputs(b, "\n");
	}
	bputs(b, " *\n * nono_net4, nono_net6 -- (domain, prefix) -> port class:\n");
	if (!m->nlpm)
		bputs(b, " *     (none)\n");
	for (size_t i = 0; i < m->nlpm; i++) {
		const struct lpm *l = &m->lpm[i];
		char a[64];

		addr_text(a, sizeof(a), l->family, l->addr, l->len);
		if (l->domain == NONO_BPF_DOMAIN_UNION)
			bputs(b, " *     union      ");
		else
			bprintf(b, " *     domain %-3u ", l->domain);
		bprintf(b, "%-28s -> class %u\n", a, l->cls);
	}
	bputs(b, " *\n * nono_port -- port classes (the map holds each range as aligned blocks):\n");
	if (!m->ncls)
		bputs(b, " *     (none)\n");
	for (size_t i = 0; i < m->ncls; i++) {
		bprintf(b, " *     class %zu:", i + 1);
		for (size_t j = 0; j < m->cls[i].n; j++) {
			const struct seg *s = &m->cls[i].s[j];

			if (s->lo == s->hi)
				bprintf(b, "%s %s %u", j ? ";" : "", proto_name(s->proto), s->lo);
			else
				bprintf(b, "%s %s %u-%u", j ? ";" : "", proto_name(s->proto), s->lo, s->hi);
			bprintf(b, " %s rule %u", s->verdict == NONO_BPF_V_ALLOW ? "allow" : "deny", s->rule);
		}
		bputs(b, "\n");
	}
	bputs(b, " */");
}

/* Replace each "@@NAME@@" line of the template. */
static int fill_template(struct buf *out, const struct model *m, const char *source_name, char *err, size_t errlen)
{
	const struct nono_bpf_template *t = nono_bpf_template("nono.bpf.c.in");
	const char *p;

	if (!t) {
		snprintf(err, errlen, "internal error: the BPF template is not embedded in this nonoc");
		return -1;
	}
	p = t->text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if (len > 4 && !strncmp(p, "@@", 2) && !strncmp(p + len - 2, "@@", 2)) {
			char name[32];

			snprintf(name, sizeof(name), "%.*s", (int)(len - 4), p + 2);
			if (!strcmp(name, "STAMP"))
				emit_stamp(out, m->ir, source_name);
			else if (!strcmp(name, "POLICY"))
				emit_policy(out, m);
			else if (!strcmp(name, "GLOBS"))
				emit_globs(out, m);
			else if (!strcmp(name, "RULES"))
				emit_rules(out, m);
			else if (!strcmp(name, "TABLES"))
				emit_tables(out, m);
			else {
				snprintf(err, errlen, "internal error: unknown template substitution @@%s@@", name);
				return -1;
			}
		} else {
			bput(out, p, len);
		}
		if (!nl)
			break;
		bputs(out, "\n");
		p = nl + 1;
	}
	return 0;
}

int nono_bpf_emit_c(const struct nono_ir *ir, const char *source_name, char **text, size_t *len, char *err,
		    size_t errlen)
{
	struct model m;
	struct buf out = { 0 };

	*text = NULL;
	*len = 0;
	if (model_build(&m, ir, err, errlen) < 0) {
		model_free(&m);
		return -1;
	}
	if (fill_template(&out, &m, source_name ? source_name : "", err, errlen) < 0) {
		model_free(&m);
		free(out.p);
		return -1;
	}
	model_free(&m);
	if (out.oom || !out.p) {
		free(out.p);
		snprintf(err, errlen, "out of memory writing the BPF C");
		return -1;
	}
	*text = out.p;
	*len = out.n;
	return 0;
}

/* ---- table image ----------------------------------------------------------------------- */

static void rec(struct buf *b, uint16_t type, const void *payload, size_t plen, uint32_t *count)
{
	struct nono_bpf_rec h = { .type = type, .size = (uint32_t)((sizeof(h) + plen + 7) & ~(size_t)7) };
	static const char zero[8];

	bput(b, (const char *)&h, sizeof(h));
	bput(b, payload, plen);
	bput(b, zero, h.size - sizeof(h) - plen);
	(*count)++;
}

/* A path and its NUL, padded to 8 bytes, appended to @b (a payload being built). */
static void put_path(struct buf *b, const char *path)
{
	static const char zero[8];
	size_t n = strlen(path) + 1;

	bput(b, path, n);
	bput(b, zero, (8 - n % 8) % 8);
}

int nono_bpf_emit_tables(const struct nono_ir *ir, uint8_t **img, size_t *len, char *err, size_t errlen)
{
	struct model m;
	struct buf b = { 0 };
	struct nono_bpf_tab_hdr hdr;
	uint32_t count = 0;

	*img = NULL;
	*len = 0;
	if (model_build(&m, ir, err, errlen) < 0) {
		model_free(&m);
		return -1;
	}
	memset(&hdr, 0, sizeof(hdr));
	bput(&b, (const char *)&hdr, sizeof(hdr));
	for (int fam = 4; fam <= 6; fam += 2)
		for (size_t i = 0; i < m.nlpm; i++) {
			const struct lpm *l = &m.lpm[i];

			if (l->family != fam)
				continue;
			if (fam == 4) {
				struct nono_bpf_rec_net4 r;

				memset(&r, 0, sizeof(r));
				r.key.prefixlen = 32u + l->len;
				r.key.domain = l->domain;
				memcpy(r.key.addr, l->addr, 4);
				r.val.cls = l->cls;
				rec(&b, NONO_BPF_REC_NET4, &r, sizeof(r), &count);
			} else {
				struct nono_bpf_rec_net6 r;

				memset(&r, 0, sizeof(r));
				r.key.prefixlen = 32u + l->len;
				r.key.domain = l->domain;
				memcpy(r.key.addr, l->addr, 16);
				r.val.cls = l->cls;
				rec(&b, NONO_BPF_REC_NET6, &r, sizeof(r), &count);
			}
		}
	for (size_t c = 0; c < m.ncls; c++)
		for (size_t j = 0; j < m.cls[c].n; j++) {
			const struct seg *s = &m.cls[c].s[j];
			uint32_t lo = s->lo;

			/* Aligned blocks: the largest power of two that starts at lo and fits. */
			while (lo <= s->hi) {
				uint32_t k = 0;
				struct nono_bpf_rec_port r;

				while (k < 16 && (lo & ((2u << k) - 1)) == 0 && lo + (2u << k) - 1 <= s->hi)
					k++;
				memset(&r, 0, sizeof(r));
				r.key.prefixlen = 32 + 8 + (16 - k);
				r.key.cls = (uint32_t)(c + 1);
				r.key.proto = s->proto;
				r.key.port[0] = (uint8_t)(lo >> 8);
				r.key.port[1] = (uint8_t)lo;
				r.val.rule = s->rule;
				r.val.verdict = s->verdict;
				rec(&b, NONO_BPF_REC_PORT, &r, sizeof(r), &count);
				lo += 1u << k;
			}
		}
	for (size_t i = 0; i < m.npats; i++) {
		struct nono_bpf_rec_pat r;

		memset(&r, 0, sizeof(r));
		r.id = (uint32_t)i;
		r.pat.len = m.pats[i].n;
		memcpy(r.pat.comp, m.pats[i].c, sizeof(r.pat.comp));
		rec(&b, NONO_BPF_REC_PAT, &r, sizeof(r), &count);
	}
	/* Groups: id i + 1, continued (past NONO_BPF_GROUP_SLOTS globs) by ids
	 * allocated after the last group, in order. */
	for (size_t i = 0, cont = m.ngroups + 1; i < m.ngroups; i++) {
		const struct group *g = &m.groups[i];
		size_t chunks = group_chunks(&m, i);
		uint32_t id = (uint32_t)(i + 1);

		for (size_t c = 0; c < chunks; c++) {
			struct nono_bpf_rec_group r;
			size_t from = c * NONO_BPF_GROUP_SLOTS;

			memset(&r, 0, sizeof(r));
			r.id = id;
			for (size_t j = from; j < g->n && j < from + NONO_BPF_GROUP_SLOTS; j++) {
				struct nono_bpf_glob *e = &r.group.g[r.group.n++];

				e->pat = g->g[j].pat;
				e->rule = g->g[j].rule;
				e->effect = g->g[j].effect;
				e->access = g->g[j].access;
			}
			if (c + 1 < chunks)
				r.group.next = id = (uint32_t)cont++;
			rec(&b, NONO_BPF_REC_GROUP, &r, sizeof(r), &count);
		}
	}
	for (size_t i = 0; i < m.ncomps; i++) {
		struct nono_bpf_rec_lit r;

		if (comp_is_code(&m, i))
			continue;
		memset(&r, 0, sizeof(r));
		memcpy(r.key.name, m.comps[i].text, strlen(m.comps[i].text));
		r.val.comp = (uint32_t)(i + 1);
		rec(&b, NONO_BPF_REC_LIT, &r, sizeof(r), &count);
	}
	for (size_t i = 0; i < m.nfs; i++) {
		const struct fsrec *f = &m.fs[i];
		struct nono_bpf_rec_fs r;
		struct buf p = { 0 };
		static const char zero[8];

		memset(&r, 0, sizeof(r));
		r.domain = f->domain;
		r.rule = f->rule;
		r.anchor = f->anchor;
		r.kind = f->kind;
		r.effect = f->effect;
		r.access = f->access;
		r.group = f->group;
		r.nfallback = f->nfb;
		r.ncomp = f->ncomp;
		r.path_len = (uint16_t)strlen(f->path);
		bput(&p, (const char *)&r, sizeof(r));
		bput(&p, (const char *)f->fb, f->nfb * sizeof(*f->fb));
		bput(&p, zero, (8 - (f->nfb * sizeof(*f->fb)) % 8) % 8);
		put_path(&p, f->path);
		if (p.oom)
			b.oom = 1;
		else
			rec(&b, NONO_BPF_REC_FS, p.p, p.n, &count);
		free(p.p);
	}
	for (size_t i = 0; i < m.nex; i++) {
		struct nono_bpf_rec_exec r;
		struct buf p = { 0 };

		memset(&r, 0, sizeof(r));
		r.domain = m.ex[i].domain;
		r.rule = m.ex[i].rule;
		r.anchor = m.ex[i].anchor;
		r.path_len = (uint16_t)strlen(m.ex[i].path);
		bput(&p, (const char *)&r, sizeof(r));
		put_path(&p, m.ex[i].path);
		if (p.oom)
			b.oom = 1;
		else
			rec(&b, NONO_BPF_REC_EXEC, p.p, p.n, &count);
		free(p.p);
	}
	model_free(&m);
	if (b.oom || !b.p) {
		free(b.p);
		snprintf(err, errlen, "out of memory writing the BPF tables");
		return -1;
	}
	memcpy(hdr.magic, NONO_BPF_TAB_MAGIC, sizeof(hdr.magic));
	hdr.version = NONO_BPF_TAB_VERSION;
	hdr.nrecords = count;
	hdr.size = b.n;
	memcpy(b.p, &hdr, sizeof(hdr));
	*img = (uint8_t *)b.p;
	*len = b.n;
	return 0;
}

/* ---- the driver -------------------------------------------------------------------------- */

const struct nono_ir *nono_ir_of(nonoc_ctx *ctx, int root)
{
	for (size_t i = 0; i < ctx->npolicies; i++)
		if (ctx->policies[i]->root == root && ctx->policies[i]->ir)
			return ctx->policies[i]->ir;
	return NULL;
}

void nono_bpf_output_free(struct nono_bpf_output *out)
{
	if (!out)
		return;
	free(out->c);
	free(out->tables);
	free(out->obj);
	memset(out, 0, sizeof(*out));
}

int nonoc_emit_bpf(nonoc_ctx *ctx, int root, int compile, const struct nono_bpf_compile_opts *opts,
		   struct nono_bpf_output *out, char *err, size_t errlen)
{
	const struct nono_ir *ir = nono_ir_of(ctx, root);
	const struct nono_source *src;
	const char *name, *slash;

	memset(out, 0, sizeof(*out));
	if (!ir) {
		snprintf(err, errlen, "no IR for this policy (it was not checked, or it has errors)");
		return -1;
	}
	src = nono_source_get(ctx, root);
	name = src ? src->name : "";
	slash = strrchr(name, '/');
	if (slash)
		name = slash + 1;
	if (nono_bpf_emit_c(ir, name, &out->c, &out->c_len, err, errlen) < 0 ||
	    nono_bpf_emit_tables(ir, &out->tables, &out->tables_len, err, errlen) < 0)
		goto fail;
	if (compile && nono_bpf_compile(out->c, out->c_len, opts, &out->obj, &out->obj_len, out->vmlinux_h,
					sizeof(out->vmlinux_h), err, errlen) < 0)
		goto fail;
	return 0;
fail:
	nono_bpf_output_free(out);
	return -1;
}
