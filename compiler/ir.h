/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The IR: a checked policy lowered to what the enforcement layers need.
 * Built by lower.c from a policy that passed every semantic pass; read by
 * the emitters (eBPF C, seccomp, Landlock, mount view) and serialised into
 * the bundle's `.nono.ir` section as canonical JSON (ir_json.c), which is
 * also what `nonoc --dump-ir` prints.
 *
 * Invariants:
 *  - domains[0] is the agent; domain ids are indexes into domains[].
 *  - Each domain's fs/net rule lists are complete for that domain: the
 *    policy's global rules are merged in (globals first, then the domain's
 *    own, in source order). Nothing else need be consulted.
 *  - File rules are (effect, access, anchor, base, pattern): `base` is the
 *    glob-free leading part of the path, normalised, relative to the anchor
 *    ("" = the anchor itself); `pattern` is the rest: "" (exactly base),
 *    "**" (base and everything below it), or a glob ('*' within a component,
 *    "**" as a whole component). Deny rules have access != 0 (a deny of
 *    "everything" is read|write|exec).
 *  - Network rules: IPv4-mapped IPv6 addresses are already IPv4; address
 *    bits beyond the prefix are zero; port_lo <= port_hi, 0..65535 = any.
 *    `net none` is a flag: a net_none domain has no allow net rules.
 *  - transitions[] maps each tool's exec path to its domain; paths are
 *    unique (typecheck/conflicts guarantee it).
 *  - sys[]: per architecture, the syscall rules of the whole sandbox (a
 *    seccomp filter cannot change at a domain transition, so it is the
 *    union of what the domains allow and the union of every deny; deny
 *    wins), as sorted, non-overlapping ranges of numbers → action.
 *  - Every rule carries `rule`, an index into rules[] giving the source
 *    location and text it came from (rule 0 is "implicit": no source).
 *    Rule ids depend only on the order of the policy's statements, never on
 *    the syntax (nono or YAML) or file names, which live only in rules[].
 *  - Everything is deterministic: the same policy gives the same IR.
 */
#ifndef NONOC_IR_H
#define NONOC_IR_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "types.h"

#define NONO_ACC_READ  0x1u
#define NONO_ACC_WRITE 0x2u
#define NONO_ACC_EXEC  0x4u
#define NONO_ACC_ALL   0x7u

enum nono_ir_effect { NONO_IR_ALLOW, NONO_IR_DENY };
enum nono_ir_netop { NONO_IR_CONNECT, NONO_IR_BIND };

/* Where a rule came from: for audit records and diagnostics. */
struct nono_ir_src {
	const char *file;
	uint32_t line, col;
	const char *text;     /* the statement as written, one line */
};

struct nono_ir_fs {
	uint32_t rule;
	uint8_t effect, access, anchor;
	const char *base;
	const char *pattern;
};

struct nono_ir_net {
	uint32_t rule;
	uint8_t effect, op, proto, family, prefix;
	uint8_t addr[16];
	uint16_t port_lo, port_hi;
};

struct nono_ir_env {
	const char *name;
	const char *value;    /* NULL: pass from the caller */
	uint32_t rule;
};

/* Quotas: 0 = not set. */
struct nono_ir_quota {
	uint64_t memory, cpu_millis, pids, io_read, io_write, wall_ms, files;
};

struct nono_ir_domain {
	uint32_t id;
	const char *name;
	bool is_agent;
	const char *exec;              /* normalised absolute path or NULL (agent without exec) */
	uint8_t exec_anchor;
	bool exec_pinned;
	uint8_t exec_sha256[32];
	struct nono_ir_fs *fs;         size_t nfs;
	struct nono_ir_net *net;       size_t nnet;
	bool net_none;
	const char **unix_paths;       size_t nunix;
	bool signal_children, ptrace;
	struct nono_ir_env *env;       size_t nenv;
	struct nono_ir_quota quota;
};

struct nono_ir_transition {
	const char *path;              /* absolute, normalised */
	uint8_t anchor;
	uint32_t domain;
};

struct nono_ir_sysrange {
	uint32_t lo, hi;               /* inclusive syscall numbers */
	uint32_t action;               /* SECCOMP_RET_* with data */
	uint32_t rule;
};

struct nono_ir_sys {
	const char *arch;              /* "x86_64", "aarch64" */
	uint32_t audit_arch;
	struct nono_ir_sysrange *ranges; size_t nranges;
};

struct nono_ir_measure {
	const char *kind;              /* "prompt", "tools", … or "exec" for pinned binaries */
	const char *path;              /* as written */
	uint8_t sha256[32];
	bool computed;                 /* hashed at compile time (measure) vs pinned (exec sha256) */
	uint32_t rule;
};

enum nono_ir_mount_kind { NONO_MNT_BIND, NONO_MNT_MASK };

struct nono_ir_mount {
	uint8_t anchor;
	const char *path;              /* relative to the anchor */
	uint8_t kind;                  /* enum nono_ir_mount_kind */
	uint8_t access;                /* union of the grants below it (NONO_ACC_*) */
};

struct nono_ir {
	const char *name;
	uint64_t version;
	bool audit;                    /* mode audit */
	uint32_t require;              /* bit per enum nono_layer */
	uint32_t landlock_min;         /* require landlock N (0 = not required) */
	struct nono_ir_domain *domains;       size_t ndomains;
	struct nono_ir_transition *transitions; size_t ntransitions;
	struct nono_ir_sys sys[2];            size_t nsys;
	struct nono_ir_quota quota;           /* the sandbox's */
	struct nono_ir_measure *measures;     size_t nmeasures;
	struct nono_ir_mount *mounts;         size_t nmounts;
	struct nono_ir_src *rules;            size_t nrules;
};

struct nonoc_ctx;
struct nono_policy;

/* lower.c: build the IR of a checked policy (NULL on error, reported). */
struct nono_ir *nono_lower(struct nonoc_ctx *ctx, struct nono_policy *p);
/* ir_json.c: canonical JSON (indent 0) or readable (indent 2); the rule
 * table is included only when asked (--dump-ir), the bundle keeps it in its
 * own section (nono_ir_write_rules_json). */
void nono_ir_write_json(const struct nono_ir *ir, FILE *out, int indent, int with_rules);
void nono_ir_write_rules_json(const struct nono_ir *ir, FILE *out);

#endif
