/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The checked policy: what the semantic passes build from the ASTs of a root
 * source and everything it `use`s. The passes run in order (passes.c):
 *
 *   resolve    loads `use`d files (std/ embedded or a search path, ./relative),
 *              fixes the merge order, binds names: fills struct nono_policy.
 *   typecheck  gives every value a type (types.h) in node->val.
 *   conflicts  finds dead, shadowed, contradictory, dangerous rules.
 *
 * Invariants after resolve:
 *  - files[] lists every source of the policy once, in merge order: a file's
 *    `use`s (depth first, in the order written) come before the file itself;
 *    the root is last. Rules from earlier files come first everywhere.
 *  - domains[0] is the agent (declared or implicit); tools follow in merge order.
 *  - Top-level rules (from any file) are in globals and apply to every domain;
 *    a domain's own rules are in its rules vector. Nothing is copied: vectors
 *    hold pointers to AST nodes.
 */
#ifndef NONOC_POLICY_H
#define NONOC_POLICY_H

#include "ast.h"

/* A growable vector of node pointers, allocated in the context's arena. */
struct nono_vec {
	const struct nono_node **v;
	size_t n, cap;
};
struct nonoc_ctx;
struct nono_ir;
void nono_vec_push(struct nonoc_ctx *ctx, struct nono_vec *vec, const struct nono_node *n);

struct nono_domain {
	const char *name;               /* "agent" or the tool's name */
	int is_agent;
	const struct nono_node *decl;   /* the agent/tool block; NULL for an implicit agent */
	const struct nono_node *exec;   /* its exec statement, NULL if none */
	struct nono_vec rules;          /* its own rules, in order (not the globals) */
	struct nono_vec measures;       /* its measure statements */
	struct nono_vec quotas;         /* its quota items (from quota blocks inside the domain) */
};

struct nono_policy {
	int root;                          /* source id of the root file */
	const struct nono_node *header;    /* the root's `policy` statement (NULL if missing) */
	const struct nono_node *mode;      /* `mode` statement, NULL = enforce */
	struct nono_vec requires;          /* `require` statements (root and used files) */
	struct nono_vec globals;           /* top-level rules, merge order */
	struct nono_vec quotas;            /* top-level quota items */
	struct nono_vec uses;              /* every `use` statement that was followed */
	struct nono_domain *domains;       /* [0] = agent */
	size_t ndomains;
	int *files;                        /* sources in merge order, root last */
	size_t nfiles;
	struct nono_ir *ir;                /* set by the lower pass */
};

/* Look up a domain by name; NULL if none. */
struct nono_domain *nono_policy_domain(struct nono_policy *p, const char *name);

#endif
