/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The policy AST, shared by both front ends (nono syntax and YAML).
 *
 * Invariants:
 *  - Nodes live in the context's arena; nothing here is freed on its own.
 *  - The AST does not depend on bison or libyaml types.
 *  - Rules are atomic: `fs read "a", "b"` becomes two NONO_N_FS nodes, each
 *    with one path, so the YAML and nono spellings of a policy give the same
 *    tree regardless of how items were grouped in the source.
 *  - Every value keeps its source text unchanged (`512MiB`, `10.0.0.5:5432`);
 *    nothing is interpreted, resolved or typed here: that is the work of the
 *    resolve and typecheck passes.
 *  - Spans point into the source the node came from (byte offsets).
 */
#ifndef NONOC_AST_H
#define NONOC_AST_H

#include <stdbool.h>
#include <stdio.h>

#include "source.h"

enum nono_node_kind {
	NONO_N_POLICY,      /* name = policy name, arg = version                     */
	NONO_N_USE,         /* arg = "std/base" or "./file.nono"                     */
	NONO_N_MODE,        /* sub = nono_mode                                       */
	NONO_N_REQUIRE,     /* sub = nono_layer, arg = level (optional, landlock N)  */
	NONO_N_AGENT,       /* children = body                                       */
	NONO_N_TOOL,        /* name = tool name, children = body                     */
	NONO_N_QUOTA,       /* children = NONO_N_QUOTA_ITEM                          */
	NONO_N_QUOTA_ITEM,  /* sub = nono_quota_key, arg = value                     */
	NONO_N_EXEC,        /* arg = path, arg2 = sha256 hex (optional)              */
	NONO_N_MEASURE,     /* name = kind, arg = file                               */
	NONO_N_FS,          /* sub = access mask (0 = all, deny only), arg = path    */
	NONO_N_NET_NONE,    /* no fields                                             */
	NONO_N_NET_CONNECT, /* sub = nono_proto, arg = address[:port[-port]] / CIDR  */
	NONO_N_NET_BIND,    /* sub = nono_proto, arg = port or range                 */
	NONO_N_NET_UNIX,    /* arg = socket path                                     */
	NONO_N_PROC,        /* sub = nono_proc                                       */
	NONO_N_SYS,         /* arg = syscall name or @group (deny flag = deny)       */
	NONO_N_ENV_PASS,    /* name = variable                                       */
	NONO_N_ENV_SET,     /* name = variable, arg = value                          */
	NONO_N_KIND_COUNT
};

enum nono_mode { NONO_MODE_ENFORCE, NONO_MODE_AUDIT };

enum nono_layer {
	NONO_LAYER_BPF_LSM,
	NONO_LAYER_LANDLOCK,
	NONO_LAYER_SECCOMP,
	NONO_LAYER_CGROUPS,
	NONO_LAYER_COUNT
};

enum nono_fs_access {
	NONO_FS_ALL = 0, /* only with deny: every access */
	NONO_FS_READ = 1u << 0,
	NONO_FS_WRITE = 1u << 1,
	NONO_FS_EXEC = 1u << 2,
};

enum nono_proto { NONO_PROTO_ANY, NONO_PROTO_TCP, NONO_PROTO_UDP };

enum nono_proc { NONO_PROC_SIGNAL_CHILDREN, NONO_PROC_PTRACE };

enum nono_quota_key {
	NONO_Q_MEMORY,
	NONO_Q_CPU,
	NONO_Q_PIDS,
	NONO_Q_IO_READ,
	NONO_Q_IO_WRITE,
	NONO_Q_WALL,
	NONO_Q_FILES,
	NONO_Q_COUNT
};

#define NONO_NODE_DENY 0x1u /* a deny rule (`deny …` or `sys deny …`) */

struct nono_text {
	const char *s;          /* NUL-terminated, unescaped; NULL = absent */
	size_t len;
	struct nono_span span;  /* where it was written (quotes included) */
};

struct nono_node {
	enum nono_node_kind kind;
	unsigned flags;          /* NONO_NODE_* */
	int sub;                 /* kind-specific enum, see above */
	struct nono_span span;   /* the whole statement (for a rule from a list: keyword..item) */
	struct nono_span kw;     /* the statement's keyword (or YAML key) */
	struct nono_text name;
	struct nono_text arg;
	struct nono_text arg2;
	struct nono_node *children;
	struct nono_node *next;
	const struct nono_value *val;   /* set by the typecheck pass (types.h) */
	const struct nono_value *val2;  /* second value: exec's sha256, require's level, policy version */
	uint32_t ir_rule;               /* lower: index in the IR's rule table (0 = not yet) */
};

struct nonoc_ctx;
struct nono_value;

/* Constructors used by the front ends. They never fail: on memory exhaustion
 * they return a static dummy and the context records the limit error. */
struct nono_node *nono_node_new(struct nonoc_ctx *ctx, enum nono_node_kind kind, struct nono_span span);
struct nono_text nono_text_make(struct nonoc_ctx *ctx, const char *s, size_t len, struct nono_span span);

/* A singly linked list with O(1) append, used while building. */
struct nono_list {
	struct nono_node *head, *tail;
};
void nono_list_append(struct nono_list *l, struct nono_node *n);  /* n may be a chain */

const char *nono_kind_name(enum nono_node_kind kind);
const char *nono_mode_name(int mode);
const char *nono_layer_name(int layer);
const char *nono_proto_name(int proto);
const char *nono_proc_name(int proc);
const char *nono_quota_name(int key);
/* "read", "write,exec", "all" … */
void nono_access_str(unsigned mask, char *buf, size_t size);

/* One line of canonical text for a node (its dump line, no children). */
void nono_node_text(const struct nono_node *n, FILE *out);
/* Deterministic S-expression dump; spans as [line:col-line:col] when @locations. */
void nono_ast_dump(struct nonoc_ctx *ctx, const struct nono_node *first, FILE *out, int locations);

#endif
