/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The indexes behind the conflicts pass (conflicts.c explains the
 * algorithm). Internal to the pass: nothing here is part of libnonoc's API.
 *
 *  - cf_pat: a path as an anchor and components; glob matching per component
 *    (`*`, `?`, `[…]`) and `**` for any number of components, including zero
 *    (so P/`**` is P and everything below it).
 *  - cf_index: one set of rules (a domain's denies, the top-level denies, the
 *    agent's allows…), indexed so that "which of these rules cover this
 *    rule?" costs O(depth), not O(rules): a component trie per anchor for
 *    paths, a hash map per (prefix length, network) for addresses (looked
 *    up for each prefix length present, like walking a binary trie but
 *    without its intermediate nodes), sorted merged port intervals for
 *    binds, a sorted name array for syscalls.
 *
 * Everything is allocated in the context's arena and released with it,
 * except the two hash maps (calloc: large and zeroed for free by the
 * kernel), which cf_release() frees.
 */
#ifndef NONOC_CONFLICTS_INDEX_H
#define NONOC_CONFLICTS_INDEX_H

#include <stdbool.h>
#include <stdint.h>

#include "context.h"
#include "types.h"

#define CF_ALL_ACCESS (NONO_FS_READ | NONO_FS_WRITE | NONO_FS_EXEC)
#define CF_NANCHOR 3          /* ROOT, HOME, WORKDIR (RELATIVE paths are never rules) */
#define CF_MAX_COMPS 64       /* deeper patterns are never said to cover/overlap anything */
#define CF_PROTO_TCP 1u
#define CF_PROTO_UDP 2u

/* A path pattern: components of the normalised path, `nfixed` of them
 * glob-free at the front. */
struct cf_pat {
	int anchor;                 /* enum nono_anchor */
	const char *const *comp;
	uint32_t ncomp, nfixed;
};

/* One rule, with what the analysis needs precomputed. */
struct cf_rule {
	const struct nono_node *n;
	uint32_t seq;               /* position in the pass's rule table (a total order) */
	int dom;                    /* domain index, -1 = top level */
	int file;                   /* index of its source in policy->files, -1 if unknown */
	bool deny, std;             /* a deny; from a standard policy */
	bool has_pat;
	bool dead;                  /* reported as dead (E070): grants nothing */
	unsigned mask;              /* fs: access bits (deny of all: CF_ALL_ACCESS); unix: READ */
	unsigned protos;            /* net: CF_PROTO_* */
	uint16_t lo, hi;            /* net connect/bind: port range */
	struct cf_pat pat;          /* fs, net unix */
};

struct cf_pnode;
struct cf_nnode;
struct cf_hent;
struct cf_nent;
struct cf_group;

struct cf_ival {
	uint16_t lo, hi;
	uint8_t proto;              /* 0 tcp, 1 udp */
	const struct cf_rule *r;
};

struct cf_sysent {
	const char *name;           /* "ptrace", or "@mount" for a group */
	const struct cf_rule *r;
};

struct cf_index {
	struct cf_pnode *fs[CF_NANCHOR], *unx[CF_NANCHOR];
	uint64_t netlens[2][3];     /* [IPv4, IPv6]: prefix lengths present (bit per length 0-128) */
	struct cf_nnode *bind;      /* a single node: intervals, no address */
	struct cf_nnode **nodes;    /* every net node, for finalising */
	uint32_t nnodes, capnodes;
	struct cf_sysent *sys;
	uint32_t nsys, capsys;
	const struct cf_rule *proc[2];
};

/* Shared state of one run of the pass. */
struct cf {
	struct nonoc_ctx *ctx;
	bool oom;
	/* The component hash map of every path trie: (parent, component) -> child. */
	struct cf_hent *ht;
	size_t htcap, htn;
	/* The network hash map: (index, family, prefix length, network) -> node. */
	struct cf_nent *nt;
	size_t ntcap, ntn;
	/* Scratch for network queries. */
	struct cf_ival *scratch;
	uint32_t nscratch, capscratch;
	/* Syscall groups expanded so far. */
	struct cf_group *groups;
	/* Work done: hash probes in the tries. A deterministic measure of cost
	 * for the complexity test (tests/unit/test_conflicts.c), not a timer. */
	unsigned long steps;
};

/* Allocation that records exhaustion once (cf->oom). */
void *cf_alloc(struct cf *cf, size_t size);
/* Release what is not in the arena (the hash maps); call once at the end. */
void cf_release(struct cf *cf);

bool cf_comp_is_glob(const char *c);
/* Split a typed path into a pattern; false on exhaustion. */
bool cf_pat_from_path(struct cf *cf, const struct nono_path *path, struct cf_pat *out);
/* Parse "~/.ssh/`**`", "/run/docker.sock", "$WORKDIR/.git/hooks/`**`" (tables). */
bool cf_pat_parse(struct cf *cf, const char *text, struct cf_pat *out);
/* Every path @a matches is matched by @d (sound: false when unsure). */
bool cf_pat_covers(const struct cf_pat *d, const struct cf_pat *a);
/* Some path is matched by both (`[…]` is treated as any character). */
bool cf_pat_intersects(const struct cf_pat *a, const struct cf_pat *b);

void cf_index_init(struct cf_index *ix);
void cf_index_add(struct cf *cf, struct cf_index *ix, const struct cf_rule *r);
/* Sort and merge what needs it; call once after the last add. */
void cf_index_finalize(struct cf *cf, struct cf_index *ix);

/* Path coverage: the access bits of the rules in @ix that cover the whole
 * of @pat, accumulated into @cov with one representative rule per bit. Stops
 * testing glob rules once every bit of @want is covered. */
struct cf_pcov {
	unsigned mask;
	const struct cf_rule *rep[3];
};
void cf_index_path_cover(struct cf *cf, const struct cf_index *ix, bool unx, const struct cf_pat *pat,
			 unsigned want, struct cf_pcov *cov);
/* A rule of @ix whose paths may overlap @pat for accesses in @mask, looking
 * only at rules whose fixed prefix is a prefix of @pat's (the allowed trees
 * @pat lies in). At most @budget pattern tests. NULL if none. */
const struct cf_rule *cf_index_path_overlap(struct cf *cf, const struct cf_index *ix, const struct cf_pat *pat,
					    unsigned mask, unsigned budget);

/* Network coverage of a port range for a set of protocols. */
struct cf_ncov {
	unsigned full;              /* protocols whose whole range is covered */
	unsigned part;              /* protocols with some, not all, ports covered */
	uint16_t plo, phi;          /* a covered sub-range, for messages (when part) */
	const struct cf_rule *rep[4];
	unsigned nrep;
};
/* Accumulates: call once per index, then cf_ncov_done(). */
void cf_index_net_collect(struct cf *cf, const struct cf_index *ix, const struct cf_rule *r);
void cf_ncov_done(struct cf *cf, const struct cf_rule *r, struct cf_ncov *cov);

/* Syscalls: the rule naming @name ("ptrace" or "@mount") in @ix, or NULL. */
const struct cf_rule *cf_index_sys(const struct cf_index *ix, const char *name);
/* The syscalls of group @group (without '@'), nested groups expanded,
 * duplicates removed; false for an unknown group. */
bool cf_sys_group_members(struct cf *cf, const char *group, const char *const **members, size_t *n);

#endif
