/* SPDX-License-Identifier: Apache-2.0 */
/* Indexes and matching for the conflicts pass; see conflicts_index.h for
 * the interface and conflicts.c for the algorithm and its costs. */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "conflicts_index.h"
#include "syscalls.h"

void *cf_alloc(struct cf *cf, size_t size)
{
	void *p = cf->oom ? NULL : arena_alloc(&cf->ctx->arena, size ? size : 1);

	if (!p)
		cf->oom = true;
	return p;
}

void cf_release(struct cf *cf)
{
	free(cf->ht);
	free(cf->nt);
	cf->ht = NULL;
	cf->nt = NULL;
	cf->htcap = cf->htn = cf->ntcap = cf->ntn = 0;
}

/* Grow an arena vector of @esz-byte elements to hold one more. */
static bool grow(struct cf *cf, void **v, uint32_t n, uint32_t *cap, size_t esz)
{
	if (n < *cap)
		return true;
	uint32_t ncap = *cap ? *cap * 2 : 4;
	void *nv = cf_alloc(cf, (size_t)ncap * esz);

	if (!nv)
		return false;
	if (n)
		memcpy(nv, *v, (size_t)n * esz);
	*v = nv;
	*cap = ncap;
	return true;
}

/* ---- components and patterns ---------------------------------------------- */

bool cf_comp_is_glob(const char *c)
{
	return strpbrk(c, "*?[") != NULL;
}

static bool anydepth(const char *c)
{
	return c[0] == '*' && c[1] == '*' && c[2] == '\0';
}

static bool all_stars(const char *c)
{
	if (!*c)
		return false;
	for (; *c; c++)
		if (*c != '*')
			return false;
	return true;
}

static bool split(struct cf *cf, int anchor, const char *rel, struct cf_pat *out)
{
	size_t len = strlen(rel), n = 0;

	for (size_t i = 0; i < len; i++)
		n += rel[i] == '/';
	n = len ? n + 1 : 0;
	const char **comp = cf_alloc(cf, (n ? n : 1) * sizeof(*comp));
	char *copy = cf_alloc(cf, len + 1);

	if (!comp || !copy)
		return false;
	memcpy(copy, rel, len + 1);
	size_t k = 0;

	for (char *s = copy; len && k < n;) {
		char *slash = strchr(s, '/');

		if (slash)
			*slash = '\0';
		if (*s)
			comp[k++] = s; /* tolerate "//" and a trailing '/' */
		if (!slash)
			break;
		s = slash + 1;
	}
	out->anchor = anchor;
	out->comp = comp;
	out->ncomp = (uint32_t)k;
	out->nfixed = 0;
	while (out->nfixed < k && !cf_comp_is_glob(comp[out->nfixed]))
		out->nfixed++;
	return true;
}

bool cf_pat_from_path(struct cf *cf, const struct nono_path *path, struct cf_pat *out)
{
	return split(cf, (int)path->anchor, path->rel ? path->rel : "", out);
}

bool cf_pat_parse(struct cf *cf, const char *text, struct cf_pat *out)
{
	int anchor = NONO_ANCHOR_ROOT;

	if (text[0] == '~') {
		anchor = NONO_ANCHOR_HOME;
		text++;
	} else if (!strncmp(text, "$WORKDIR", 8)) {
		anchor = NONO_ANCHOR_WORKDIR;
		text += 8;
	}
	while (*text == '/')
		text++;
	return split(cf, anchor, text, out);
}

/* Does single-component pattern @d match every name @a matches? */
static bool comp_covers(const char *d, const char *a)
{
	if (!cf_comp_is_glob(a))
		return cf_comp_is_glob(d) ? fnmatch(d, a, FNM_NOESCAPE) == 0 : strcmp(d, a) == 0;
	return strcmp(d, a) == 0 || all_stars(d);
}

/* A single-component glob as tokens: a literal byte, ANY (`?`, `[…]`), STAR. */
enum { TOK_ANY = 256, TOK_STAR = 257 };
#define CF_MAX_TOKS 128

static int tokenize(const char *s, int *tok)
{
	int n = 0;

	for (size_t i = 0; s[i]; i++) {
		if (n == CF_MAX_TOKS)
			return -1;
		if (s[i] == '*') {
			if (n && tok[n - 1] == TOK_STAR)
				continue;
			tok[n++] = TOK_STAR;
		} else if (s[i] == '?') {
			tok[n++] = TOK_ANY;
		} else if (s[i] == '[') {
			/* A bracket expression: one character of a set. Find its end
			 * (a ']' right after '[' or '[!' belongs to the set); an
			 * unclosed '[' is a literal, as fnmatch treats it. */
			size_t j = i + 1;

			if (s[j] == '!' || s[j] == '^')
				j++;
			if (s[j] == ']')
				j++;
			while (s[j] && s[j] != ']')
				j++;
			if (s[j] == ']') {
				tok[n++] = TOK_ANY;
				i = j;
			} else {
				tok[n++] = '[';
			}
		} else {
			tok[n++] = (unsigned char)s[i];
		}
	}
	return n;
}

/* Is there a name both single-component patterns match? Sets are
 * over-approximated as "any character", so this may say yes wrongly for
 * `[ab]x` vs `[cd]x`; it says no wrongly only past CF_MAX_TOKS. */
static bool comp_intersects(const char *a, const char *b)
{
	bool ga = cf_comp_is_glob(a), gb = cf_comp_is_glob(b);

	if (!ga && !gb)
		return strcmp(a, b) == 0;
	if (!ga)
		return fnmatch(b, a, FNM_NOESCAPE) == 0;
	if (!gb)
		return fnmatch(a, b, FNM_NOESCAPE) == 0;
	int ta[CF_MAX_TOKS], tb[CF_MAX_TOKS];
	int n = tokenize(a, ta), m = tokenize(b, tb);

	if (n < 0 || m < 0)
		return false;
	bool reach[CF_MAX_TOKS + 1][CF_MAX_TOKS + 1];

	for (int i = 0; i <= n; i++)
		memset(reach[i], 0, (size_t)(m + 1) * sizeof(bool));
	reach[0][0] = true;
	for (int i = 0; i <= n; i++) {
		for (int j = 0; j <= m; j++) {
			if (!reach[i][j])
				continue;
			if (i < n && ta[i] == TOK_STAR) {
				reach[i + 1][j] = true;
				if (j < m)
					reach[i][j + 1] = true;
			}
			if (j < m && tb[j] == TOK_STAR) {
				reach[i][j + 1] = true;
				if (i < n)
					reach[i + 1][j] = true;
			}
			if (i < n && j < m && ta[i] != TOK_STAR && tb[j] != TOK_STAR &&
			    (ta[i] == TOK_ANY || tb[j] == TOK_ANY || ta[i] == tb[j]))
				reach[i + 1][j + 1] = true;
		}
	}
	return reach[n][m];
}

/*
 * Component-level dynamic programme: reach[i][j] says the first i components
 * of one pattern and the first j of the other can be aligned. `**` may
 * absorb any number of components (of the other pattern, `**` included).
 * O(ncomp_a * ncomp_b), both at most CF_MAX_COMPS.
 */
bool cf_pat_covers(const struct cf_pat *d, const struct cf_pat *a)
{
	uint32_t n = d->ncomp, m = a->ncomp;

	if (d->anchor != a->anchor || n > CF_MAX_COMPS || m > CF_MAX_COMPS)
		return false;
	bool reach[CF_MAX_COMPS + 1][CF_MAX_COMPS + 1];

	for (uint32_t i = 0; i <= n; i++)
		memset(reach[i], 0, (m + 1) * sizeof(bool));
	reach[0][0] = true;
	for (uint32_t i = 0; i < n; i++) {
		for (uint32_t j = 0; j <= m; j++) {
			if (!reach[i][j])
				continue;
			if (anydepth(d->comp[i])) {
				reach[i + 1][j] = true;
				if (j < m)
					reach[i][j + 1] = true;
			} else if (j < m && !anydepth(a->comp[j]) && comp_covers(d->comp[i], a->comp[j])) {
				reach[i + 1][j + 1] = true;
			}
		}
	}
	return reach[n][m];
}

bool cf_pat_intersects(const struct cf_pat *a, const struct cf_pat *b)
{
	uint32_t n = a->ncomp, m = b->ncomp;

	if (a->anchor != b->anchor || n > CF_MAX_COMPS || m > CF_MAX_COMPS)
		return false;
	bool reach[CF_MAX_COMPS + 1][CF_MAX_COMPS + 1];

	for (uint32_t i = 0; i <= n; i++)
		memset(reach[i], 0, (m + 1) * sizeof(bool));
	reach[0][0] = true;
	for (uint32_t i = 0; i <= n; i++) {
		for (uint32_t j = 0; j <= m; j++) {
			if (!reach[i][j])
				continue;
			bool sa = i < n && anydepth(a->comp[i]), sb = j < m && anydepth(b->comp[j]);

			if (sa) {
				reach[i + 1][j] = true;
				if (j < m)
					reach[i][j + 1] = true;
			}
			if (sb) {
				reach[i][j + 1] = true;
				if (i < n)
					reach[i + 1][j] = true;
			}
			if (!sa && !sb && i < n && j < m && comp_intersects(a->comp[i], b->comp[j]))
				reach[i + 1][j + 1] = true;
		}
	}
	return reach[n][m];
}

/* ---- path tries --------------------------------------------------------------- */

/* What is stored at the node of path P (only nodes where a rule ends have
 * one: the intermediate nodes of a deep path stay one pointer each). */
struct cf_pslot {
	unsigned sub_mask, ex_mask;       /* P/`**` rules ending here; exact rules for P */
	const struct cf_rule *sub_rep[3], *ex_rep[3];
	const struct cf_rule **globs;     /* other glob rules whose fixed prefix is P */
	uint32_t nglobs, capglobs;
};

struct cf_pnode {
	struct cf_pslot *slot;
};

struct cf_hent {
	const struct cf_pnode *parent;
	const char *comp;
	struct cf_pnode *child;
	uint64_t h;
};

/* The final mix of MurmurHash3: every input bit reaches the low bits the
 * tables index with (FNV-1a alone leaves them weak). */
static uint64_t mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ull;
	h ^= h >> 33;
	return h ? h : 1;
}

static uint64_t hash_comp(const struct cf_pnode *parent, const char *c)
{
	uint64_t h = 1469598103934665603ull ^ ((uint64_t)(uintptr_t)parent * 0x9e3779b97f4a7c15ull);

	for (; *c; c++) {
		h ^= (unsigned char)*c;
		h *= 1099511628211ull;
	}
	return mix(h);
}

static struct cf_pnode *child(struct cf *cf, const struct cf_pnode *parent, const char *c, bool create)
{
	uint64_t h = hash_comp(parent, c);

	cf->steps++;
	if (cf->htcap) {
		for (size_t i = h & (cf->htcap - 1);; i = (i + 1) & (cf->htcap - 1)) {
			struct cf_hent *e = &cf->ht[i];

			if (!e->h)
				break;
			if (e->h == h && e->parent == parent && !strcmp(e->comp, c))
				return e->child;
		}
	}
	if (!create)
		return NULL;
	if ((cf->htn + 1) * 2 > cf->htcap) {
		size_t ncap = cf->htcap ? cf->htcap * 2 : 256;
		struct cf_hent *nt = cf->oom ? NULL : calloc(ncap, sizeof(*nt));

		if (!nt) {
			cf->oom = true;
			return NULL;
		}
		for (size_t k = 0; k < cf->htcap; k++) {
			if (!cf->ht[k].h)
				continue;
			size_t i = cf->ht[k].h & (ncap - 1);

			while (nt[i].h)
				i = (i + 1) & (ncap - 1);
			nt[i] = cf->ht[k];
		}
		free(cf->ht);
		cf->ht = nt;
		cf->htcap = ncap;
	}
	struct cf_pnode *node = cf_alloc(cf, sizeof(*node));

	if (!node)
		return NULL;
	size_t i = h & (cf->htcap - 1);

	while (cf->ht[i].h)
		i = (i + 1) & (cf->htcap - 1);
	cf->ht[i] = (struct cf_hent){ parent, c, node, h };
	cf->htn++;
	return node;
}

/* Add @bits to a mask, each new bit with @r as its representative. */
static void set_bits(unsigned *mask, const struct cf_rule **rep, unsigned bits, const struct cf_rule *r)
{
	for (unsigned b = 0; b < 3; b++)
		if ((bits & (1u << b)) && !(*mask & (1u << b)))
			rep[b] = r;
	*mask |= bits;
}

/* Add @bits, each with its own representative from @rep, to @cov. */
static void merge_bits(struct cf_pcov *cov, unsigned bits, const struct cf_rule *const *rep)
{
	for (unsigned b = 0; b < 3; b++)
		if ((bits & (1u << b)) && !(cov->mask & (1u << b)))
			cov->rep[b] = rep[b];
	cov->mask |= bits;
}

static void path_add(struct cf *cf, struct cf_pnode **roots, const struct cf_rule *r)
{
	const struct cf_pat *pt = &r->pat;

	if (pt->anchor < 0 || pt->anchor >= CF_NANCHOR)
		return;
	if (!roots[pt->anchor] && !(roots[pt->anchor] = cf_alloc(cf, sizeof(struct cf_pnode))))
		return;
	struct cf_pnode *node = roots[pt->anchor];

	for (uint32_t i = 0; i < pt->nfixed; i++)
		if (!(node = child(cf, node, pt->comp[i], true)))
			return;
	if (!node->slot && !(node->slot = cf_alloc(cf, sizeof(*node->slot))))
		return;
	struct cf_pslot *sl = node->slot;

	if (pt->nfixed == pt->ncomp)
		set_bits(&sl->ex_mask, sl->ex_rep, r->mask, r);
	else if (pt->nfixed + 1 == pt->ncomp && anydepth(pt->comp[pt->nfixed]))
		set_bits(&sl->sub_mask, sl->sub_rep, r->mask, r);
	else if (grow(cf, (void **)&sl->globs, sl->nglobs, &sl->capglobs, sizeof(*sl->globs)))
		sl->globs[sl->nglobs++] = r;
}

void cf_index_path_cover(struct cf *cf, const struct cf_index *ix, bool unx, const struct cf_pat *pat,
			 unsigned want, struct cf_pcov *cov)
{
	if (pat->anchor < 0 || pat->anchor >= CF_NANCHOR)
		return;
	const struct cf_pnode *node = (unx ? ix->unx : ix->fs)[pat->anchor];

	for (uint32_t depth = 0; node; depth++) {
		const struct cf_pslot *sl = node->slot;

		if (!sl)
			goto next;
		/* P/`**` covers everything that starts with P; an exact P only P. */
		merge_bits(cov, sl->sub_mask, sl->sub_rep);
		if (depth == pat->ncomp)
			merge_bits(cov, sl->ex_mask, sl->ex_rep);
		for (uint32_t g = 0; g < sl->nglobs && (cov->mask & want) != want; g++) {
			const struct cf_rule *e = sl->globs[g];

			if ((e->mask & want & ~cov->mask) && cf_pat_covers(&e->pat, pat))
				set_bits(&cov->mask, cov->rep, e->mask, e);
		}
next:
		if (depth == pat->nfixed)
			break;
		node = child(cf, node, pat->comp[depth], false);
	}
}

const struct cf_rule *cf_index_path_overlap(struct cf *cf, const struct cf_index *ix, const struct cf_pat *pat,
					    unsigned mask, unsigned budget)
{
	if (pat->anchor < 0 || pat->anchor >= CF_NANCHOR)
		return NULL;
	const struct cf_pnode *node = ix->fs[pat->anchor];

	for (uint32_t depth = 0; node; depth++) {
		const struct cf_pslot *sl = node->slot;

		for (unsigned b = 0; sl && b < 3; b++)
			if ((sl->sub_mask & mask & (1u << b)) && sl->sub_rep[b])
				return sl->sub_rep[b];
		for (unsigned b = 0; sl && b < 3 && budget; b++) {
			const struct cf_rule *e = sl->ex_rep[b];

			if ((sl->ex_mask & mask & (1u << b)) && e) {
				budget--;
				if (cf_pat_intersects(&e->pat, pat))
					return e;
			}
		}
		for (uint32_t g = 0; sl && g < sl->nglobs && budget; g++) {
			const struct cf_rule *e = sl->globs[g];

			if (!(e->mask & mask))
				continue;
			budget--;
			if (cf_pat_intersects(&e->pat, pat))
				return e;
		}
		if (depth == pat->nfixed)
			break;
		node = child(cf, node, pat->comp[depth], false);
	}
	return NULL;
}

/* ---- networks ---------------------------------------------------------------- */

struct cf_nnode {
	struct cf_ival *iv[2];            /* [0] tcp, [1] udp: sorted, disjoint after finalising */
	uint32_t niv[2], cap[2];
};

struct cf_nent {
	const struct cf_index *ix;
	struct cf_nnode *node;
	uint64_t h;
	uint8_t fam, len, addr[16];       /* addr: the network, host bits zero */
};

static struct cf_nnode *nnode_new(struct cf *cf, struct cf_index *ix)
{
	struct cf_nnode *n = cf_alloc(cf, sizeof(*n));

	if (!n || !grow(cf, (void **)&ix->nodes, ix->nnodes, &ix->capnodes, sizeof(*ix->nodes)))
		return NULL;
	ix->nodes[ix->nnodes++] = n;
	return n;
}

static void nnode_push(struct cf *cf, struct cf_nnode *node, const struct cf_rule *r)
{
	for (unsigned p = 0; p < 2; p++) {
		if (!(r->protos & (1u << p)))
			continue;
		if (!grow(cf, (void **)&node->iv[p], node->niv[p], &node->cap[p], sizeof(struct cf_ival)))
			return;
		node->iv[p][node->niv[p]++] = (struct cf_ival){ r->lo, r->hi, (uint8_t)p, r };
	}
}

static unsigned net_prefix(const struct nono_net *v)
{
	unsigned maxbits = v->family == 6 ? 128 : 32;

	return v->prefix > maxbits ? maxbits : v->prefix;
}

/* @addr cut to its first @len bits. */
static void mask_addr(uint8_t *out, const uint8_t *addr, unsigned len)
{
	memset(out, 0, 16);
	memcpy(out, addr, len / 8);
	if (len % 8)
		out[len / 8] = (uint8_t)(addr[len / 8] & (0xff00u >> (len % 8)));
}

static uint64_t hash_net(const struct cf_index *ix, unsigned fam, unsigned len, const uint8_t *net)
{
	uint64_t h = 1469598103934665603ull ^ ((uint64_t)(uintptr_t)ix * 0x9e3779b97f4a7c15ull);

	h = (h ^ (fam << 8 | len)) * 1099511628211ull;
	for (unsigned i = 0; i < (len + 7) / 8; i++)
		h = (h ^ net[i]) * 1099511628211ull;
	return mix(h);
}

/* The node of network @net/@len in @ix (created if @create), or NULL. */
static struct cf_nnode *net_node(struct cf *cf, const struct cf_index *ix, unsigned fam, unsigned len,
				 const uint8_t *net, bool create)
{
	uint64_t h = hash_net(ix, fam, len, net);

	cf->steps++;
	if (cf->ntcap) {
		for (size_t i = h & (cf->ntcap - 1);; i = (i + 1) & (cf->ntcap - 1)) {
			const struct cf_nent *e = &cf->nt[i];

			if (!e->h)
				break;
			if (e->h == h && e->ix == ix && e->fam == fam && e->len == len && !memcmp(e->addr, net, 16))
				return e->node;
		}
	}
	if (!create)
		return NULL;
	if ((cf->ntn + 1) * 2 > cf->ntcap) {
		size_t ncap = cf->ntcap ? cf->ntcap * 2 : 256;
		struct cf_nent *nt = cf->oom ? NULL : calloc(ncap, sizeof(*nt));

		if (!nt) {
			cf->oom = true;
			return NULL;
		}
		for (size_t k = 0; k < cf->ntcap; k++) {
			if (!cf->nt[k].h)
				continue;
			size_t i = cf->nt[k].h & (ncap - 1);

			while (nt[i].h)
				i = (i + 1) & (ncap - 1);
			nt[i] = cf->nt[k];
		}
		free(cf->nt);
		cf->nt = nt;
		cf->ntcap = ncap;
	}
	struct cf_nnode *node = nnode_new(cf, (struct cf_index *)ix);

	if (!node)
		return NULL;
	size_t i = h & (cf->ntcap - 1);

	while (cf->nt[i].h)
		i = (i + 1) & (cf->ntcap - 1);
	cf->nt[i] = (struct cf_nent){ .ix = ix, .node = node, .h = h, .fam = (uint8_t)fam, .len = (uint8_t)len };
	memcpy(cf->nt[i].addr, net, 16);
	cf->ntn++;
	return node;
}

static void net_add(struct cf *cf, struct cf_index *ix, const struct cf_rule *r)
{
	const struct nono_net *v = &r->n->val->u.net;
	unsigned fam = v->family == 6, len = net_prefix(v);
	uint8_t net[16];
	struct cf_nnode *node;

	mask_addr(net, v->addr, len);
	if (!(node = net_node(cf, ix, fam, len, net, true)))
		return;
	ix->netlens[fam][len / 64] |= 1ull << (len % 64);
	nnode_push(cf, node, r);
}

static int ival_cmp(const void *a, const void *b)
{
	const struct cf_ival *x = a, *y = b;

	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	if (x->hi != y->hi)
		return x->hi < y->hi ? -1 : 1;
	return x->r->seq < y->r->seq ? -1 : x->r->seq > y->r->seq;
}

/* Sort and merge overlapping or touching intervals; each merged interval
 * keeps the first rule (in sorted order) as its representative. */
static void merge_ivals(struct cf_ival *iv, uint32_t *n)
{
	if (*n < 2)
		return;
	qsort(iv, *n, sizeof(*iv), ival_cmp);
	uint32_t k = 0;

	for (uint32_t i = 1; i < *n; i++) {
		if ((uint32_t)iv[i].lo <= (uint32_t)iv[k].hi + 1) {
			if (iv[i].hi > iv[k].hi)
				iv[k].hi = iv[i].hi;
		} else {
			iv[++k] = iv[i];
		}
	}
	*n = k + 1;
}

/* Push the intervals of @node's list for protocol @p that overlap [lo, hi]. */
static void collect_ivals(struct cf *cf, const struct cf_nnode *node, unsigned p, uint16_t lo, uint16_t hi)
{
	const struct cf_ival *iv = node->iv[p];
	uint32_t a = 0, b = node->niv[p];

	while (a < b) { /* the first interval with hi >= lo (disjoint and sorted: his increase) */
		uint32_t mid = a + (b - a) / 2;

		if (iv[mid].hi < lo)
			a = mid + 1;
		else
			b = mid;
	}
	for (uint32_t i = a; i < node->niv[p] && iv[i].lo <= hi; i++) {
		if (!grow(cf, (void **)&cf->scratch, cf->nscratch, &cf->capscratch, sizeof(*cf->scratch)))
			return;
		cf->scratch[cf->nscratch] = iv[i];
		cf->scratch[cf->nscratch++].proto = (uint8_t)p;
	}
}

void cf_index_net_collect(struct cf *cf, const struct cf_index *ix, const struct cf_rule *r)
{
	if (r->n->kind == NONO_N_NET_BIND) {
		for (unsigned p = 0; p < 2 && ix->bind; p++)
			if (r->protos & (1u << p))
				collect_ivals(cf, ix->bind, p, r->lo, r->hi);
		return;
	}
	const struct nono_net *v = &r->n->val->u.net;
	unsigned fam = v->family == 6, prefix = net_prefix(v);

	/* Every network that contains the rule's has a prefix length <= the
	 * rule's and equals the rule's address cut to that length. */
	for (unsigned len = 0; len <= prefix; len++) {
		if (!(ix->netlens[fam][len / 64] & (1ull << (len % 64))))
			continue;
		uint8_t net[16];
		const struct cf_nnode *node;

		mask_addr(net, v->addr, len);
		if (!(node = net_node(cf, ix, fam, len, net, false)))
			continue;
		for (unsigned p = 0; p < 2; p++)
			if (r->protos & (1u << p))
				collect_ivals(cf, node, p, r->lo, r->hi);
	}
}

static void add_rep(struct cf_ncov *cov, const struct cf_rule *r)
{
	for (unsigned i = 0; i < cov->nrep; i++)
		if (cov->rep[i] == r)
			return;
	if (cov->nrep < 4)
		cov->rep[cov->nrep++] = r;
}

void cf_ncov_done(struct cf *cf, const struct cf_rule *r, struct cf_ncov *cov)
{
	if (cf->nscratch > 1)
		qsort(cf->scratch, cf->nscratch, sizeof(*cf->scratch), ival_cmp);
	for (unsigned p = 0; p < 2; p++) {
		if (!(r->protos & (1u << p)))
			continue;
		uint32_t cur = r->lo;
		bool full = false;
		const struct cf_ival *first = NULL;

		/* Sweep: is [lo, hi] covered without a gap? */
		for (uint32_t i = 0; i < cf->nscratch; i++) {
			const struct cf_ival *e = &cf->scratch[i];

			if (e->proto != p)
				continue;
			if (!first)
				first = e;
			if (e->hi < cur)
				continue;
			if (e->lo > cur)
				break;
			cur = (uint32_t)e->hi + 1;
			if (cur > r->hi) {
				full = true;
				break;
			}
		}
		if (full) {
			cov->full |= 1u << p;
			cur = r->lo;
			for (uint32_t i = 0; i < cf->nscratch; i++) {
				const struct cf_ival *e = &cf->scratch[i];

				if (e->proto != p || e->hi < cur)
					continue;
				add_rep(cov, e->r);
				cur = (uint32_t)e->hi + 1;
				if (cur > r->hi)
					break;
			}
		} else if (first) {
			if (!cov->part) {
				cov->plo = first->lo > r->lo ? first->lo : r->lo;
				cov->phi = first->hi < r->hi ? first->hi : r->hi;
			}
			cov->part |= 1u << p;
			add_rep(cov, first->r);
		}
	}
	cf->nscratch = 0;
}

/* ---- syscalls ------------------------------------------------------------------ */

struct cf_group {
	struct cf_group *next;
	const char *name;
	const char **members;
	size_t n;
	bool known;
};

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

bool cf_sys_group_members(struct cf *cf, const char *group, const char *const **members, size_t *n)
{
	struct cf_group *g;

	for (g = cf->groups; g; g = g->next)
		if (!strcmp(g->name, group))
			break;
	if (!g) {
		const struct nono_sysgroup *sg = nono_sysgroup_lookup(group);
		struct nono_sysgroup_iter it;
		const struct nono_syscall_info *sc;
		size_t cnt = 0;

		if (!(g = cf_alloc(cf, sizeof(*g))))
			return false;
		g->name = group;
		g->next = cf->groups;
		cf->groups = g;
		if (sg) {
			nono_sysgroup_iter_init(&it, sg);
			while (nono_sysgroup_next(&it))
				cnt++;
			if (!(g->members = cf_alloc(cf, (cnt ? cnt : 1) * sizeof(*g->members))))
				return false;
			nono_sysgroup_iter_init(&it, sg);
			while ((sc = nono_sysgroup_next(&it)) && g->n < cnt)
				g->members[g->n++] = sc->name;
			qsort(g->members, g->n, sizeof(*g->members), str_cmp);
			size_t k = 0;

			for (size_t i = 0; i < g->n; i++) /* a set: drop repeats from nested groups */
				if (!k || strcmp(g->members[k - 1], g->members[i]))
					g->members[k++] = g->members[i];
			g->n = k;
			g->known = true;
		}
	}
	*members = g->members;
	*n = g->n;
	return g->known;
}

static void sys_push(struct cf *cf, struct cf_index *ix, const char *name, const struct cf_rule *r)
{
	if (!grow(cf, (void **)&ix->sys, ix->nsys, &ix->capsys, sizeof(*ix->sys)))
		return;
	ix->sys[ix->nsys++] = (struct cf_sysent){ name, r };
}

static void sys_add(struct cf *cf, struct cf_index *ix, const struct cf_rule *r)
{
	const struct nono_syscall *s = &r->n->val->u.sys;

	if (!s->group) {
		sys_push(cf, ix, s->name, r);
		return;
	}
	char *g = cf_alloc(cf, strlen(s->name) + 2);

	if (!g)
		return;
	g[0] = '@';
	strcpy(g + 1, s->name);
	sys_push(cf, ix, g, r);
	const char *const *mem;
	size_t n;

	if (cf_sys_group_members(cf, s->name, &mem, &n))
		for (size_t i = 0; i < n; i++)
			sys_push(cf, ix, mem[i], r);
}

static int sys_cmp(const void *a, const void *b)
{
	const struct cf_sysent *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c)
		return c;
	return x->r->seq < y->r->seq ? -1 : x->r->seq > y->r->seq;
}

const struct cf_rule *cf_index_sys(const struct cf_index *ix, const char *name)
{
	uint32_t a = 0, b = ix->nsys;

	while (a < b) { /* the leftmost entry >= name */
		uint32_t mid = a + (b - a) / 2;

		if (strcmp(ix->sys[mid].name, name) < 0)
			a = mid + 1;
		else
			b = mid;
	}
	return a < ix->nsys && !strcmp(ix->sys[a].name, name) ? ix->sys[a].r : NULL;
}

/* ---- the index ------------------------------------------------------------------ */

void cf_index_init(struct cf_index *ix)
{
	memset(ix, 0, sizeof(*ix));
}

void cf_index_add(struct cf *cf, struct cf_index *ix, const struct cf_rule *r)
{
	switch (r->n->kind) {
	case NONO_N_FS:
		if (r->has_pat)
			path_add(cf, ix->fs, r);
		break;
	case NONO_N_NET_UNIX:
		if (r->has_pat)
			path_add(cf, ix->unx, r);
		break;
	case NONO_N_NET_CONNECT:
		net_add(cf, ix, r);
		break;
	case NONO_N_NET_BIND:
		if (!ix->bind && !(ix->bind = nnode_new(cf, ix)))
			return;
		nnode_push(cf, ix->bind, r);
		break;
	case NONO_N_SYS:
		sys_add(cf, ix, r);
		break;
	case NONO_N_PROC:
		if (r->n->sub >= 0 && r->n->sub < 2 && !ix->proc[r->n->sub])
			ix->proc[r->n->sub] = r;
		break;
	default:
		break;
	}
}

void cf_index_finalize(struct cf *cf, struct cf_index *ix)
{
	(void)cf;
	for (uint32_t i = 0; i < ix->nnodes; i++)
		for (unsigned p = 0; p < 2; p++)
			merge_ivals(ix->nodes[i]->iv[p], &ix->nodes[i]->niv[p]);
	if (ix->nsys > 1)
		qsort(ix->sys, ix->nsys, sizeof(*ix->sys), sys_cmp);
}
