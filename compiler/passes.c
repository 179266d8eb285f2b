/* SPDX-License-Identifier: Apache-2.0 */
/* The semantic pipeline: an ordered table of passes, run for one root
 * policy, stopping after the first pass that reports errors (later passes
 * may then assume the invariants of the earlier ones, see policy.h and
 * types.h). The table also gives `--stop-after=PASS` for free. */
#include <string.h>

#include "context.h"
#include "ir.h"

struct pass {
	const char *name;
	int (*run)(struct nonoc_ctx *ctx, struct nono_policy *p);
};

static const struct pass passes[] = {
	{ "resolve", nono_pass_resolve },
	{ "typecheck", nono_pass_typecheck },
	{ "conflicts", nono_pass_conflicts },
	{ "lower", nono_pass_lower },
};

static const char *const pass_names[] = { "parse", "resolve", "typecheck", "conflicts", "lower", NULL };

const char *const *nonoc_pass_names(void)
{
	return pass_names;
}

int nonoc_stop_after(nonoc_ctx *ctx, const char *pass)
{
	if (!pass) {
		ctx->stop_after = NULL;
		return 0;
	}
	for (size_t i = 0; pass_names[i]; i++) {
		if (!strcmp(pass_names[i], pass)) {
			ctx->stop_after = pass_names[i];
			return 0;
		}
	}
	return -1;
}

void nono_vec_push(struct nonoc_ctx *ctx, struct nono_vec *vec, const struct nono_node *n)
{
	if (vec->n == vec->cap) {
		size_t cap = vec->cap ? vec->cap * 2 : 8;
		const struct nono_node **v = arena_alloc(&ctx->arena, cap * sizeof(*v));

		if (!v)
			return; /* the arena reports exhaustion */
		if (vec->n)
			memcpy(v, vec->v, vec->n * sizeof(*v));
		vec->v = v;
		vec->cap = cap;
	}
	vec->v[vec->n++] = n;
}

struct nono_domain *nono_policy_domain(struct nono_policy *p, const char *name)
{
	for (size_t i = 0; i < p->ndomains; i++)
		if (!strcmp(p->domains[i].name, name))
			return &p->domains[i];
	return NULL;
}

int nonoc_check(nonoc_ctx *ctx, int root)
{
	size_t before = ctx->nerrors;

	if (nonoc_parse(ctx, root) < 0 || (ctx->stop_after && !strcmp(ctx->stop_after, "parse")))
		return ctx->nerrors == before ? 0 : -1;

	struct nono_policy *p = arena_alloc(&ctx->arena, sizeof(*p));
	struct nono_policy **list = arena_alloc(&ctx->arena, (ctx->npolicies + 1) * sizeof(*list));

	if (!p || !list) {
		nono_diag(ctx, NONO_E006, NONO_NO_SPAN, "out of memory");
		return -1;
	}
	if (ctx->npolicies)
		memcpy(list, ctx->policies, ctx->npolicies * sizeof(*list));
	list[ctx->npolicies++] = p;
	ctx->policies = list;
	p->root = root;

	size_t npasses = sizeof(passes) / sizeof(passes[0]), i;

	for (i = 0; i < npasses; i++) {
		size_t errs = ctx->nerrors;

		passes[i].run(ctx, p);
		if (ctx->nerrors != errs)
			break;
		if (ctx->stop_after && !strcmp(ctx->stop_after, passes[i].name))
			break;
	}
	/* Only when every pass ran can a suppression be known to match nothing. */
	if (i == npasses)
		nono_report_unused_suppressions(ctx, p->files, p->nfiles);
	return ctx->nerrors == before ? 0 : -1;
}

int nono_pass_lower(struct nonoc_ctx *ctx, struct nono_policy *p)
{
	p->ir = nono_lower(ctx, p);
	return p->ir ? 0 : -1;
}

int nonoc_dump_ir(nonoc_ctx *ctx, int root, FILE *out)
{
	struct nono_policy *p = NULL;

	for (size_t i = 0; i < ctx->npolicies; i++)
		if (ctx->policies[i]->root == root)
			p = ctx->policies[i];
	if (!p || !p->ir)
		return -1;
	nono_ir_write_json(p->ir, out, 2, 1);
	return 0;
}
