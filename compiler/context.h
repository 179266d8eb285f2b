/* SPDX-License-Identifier: Apache-2.0 */
/* The compilation context (opaque to library users). */
#ifndef NONOC_CONTEXT_H
#define NONOC_CONTEXT_H

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "bounds.h"
#include "policy.h"

struct nonoc_ctx {
	struct arena arena;
	struct nono_source *sources;
	size_t nsources, cap_sources;

	struct nonoc_diag *diags, **diags_tail;
	size_t nerrors, nwarnings;
	nonoc_diag_fn diag_fn;
	void *diag_user;
	struct nonoc_diag *pending;  /* last record, delivered to diag_fn when complete */

	/* Semantic passes. */
	const char **search_paths;   /* --stdlib-path directories, searched before the embedded std/ */
	size_t nsearch;
	struct nono_policy **policies;  /* one per checked root, in order */
	size_t npolicies;
	const char *stop_after;      /* run passes up to and including this one (NULL = all) */
	enum nonoc_severity min_severity; /* diagnostics below this are not recorded */
	unsigned long stat_conflict_steps; /* work counter of the last conflicts pass (tests) */
};

/* A source's identity for `use` de-duplication: "std:NAME" or a real path. */
const char *nono_source_key(struct nonoc_ctx *ctx, int src);
int nono_find_source_by_key(struct nonoc_ctx *ctx, const char *key);
void nono_set_source_key(struct nonoc_ctx *ctx, int src, const char *key);

/* The passes (one file each), run in order by passes.c. Each returns 0, or
 * -1 when it recorded errors. */
int nono_pass_resolve(struct nonoc_ctx *ctx, struct nono_policy *p);
int nono_pass_typecheck(struct nonoc_ctx *ctx, struct nono_policy *p);
int nono_pass_conflicts(struct nonoc_ctx *ctx, struct nono_policy *p);
int nono_pass_lower(struct nonoc_ctx *ctx, struct nono_policy *p);

/* Front ends (frontend_nono.c wraps the bison parser; yaml.c). Both append to
 * src->ast and report through the context. */
int nono_parse_nono(struct nonoc_ctx *ctx, int src);
int nono_parse_yaml(struct nonoc_ctx *ctx, int src);

#endif
