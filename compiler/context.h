/* SPDX-License-Identifier: Apache-2.0 */
/* The compilation context (opaque to library users). */
#ifndef NONOC_CONTEXT_H
#define NONOC_CONTEXT_H

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "limits.h"

struct nonoc_ctx {
	struct arena arena;
	struct nono_source *sources;
	size_t nsources, cap_sources;

	struct nonoc_diag *diags, **diags_tail;
	size_t nerrors, nwarnings;
	nonoc_diag_fn diag_fn;
	void *diag_user;
	struct nonoc_diag *pending;  /* last record, delivered to diag_fn when complete */
};

/* Front ends (frontend_nono.c wraps the bison parser; yaml.c). Both append to
 * src->ast and report through the context. */
int nono_parse_nono(struct nonoc_ctx *ctx, int src);
int nono_parse_yaml(struct nonoc_ctx *ctx, int src);

#endif
