/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The plan: a verified bundle's sections as typed, validated data.
 *
 * nl_plan_load() reads `.nono.ir`, `.nono.landlock`, `.nono.seccomp` and
 * (for messages) `.nono.rules` from a bundle that nono_bundle_open() has
 * already verified, and checks every field: types, ranges, enumerations,
 * path normal form, cross references (rule ids, domain ids), the Landlock
 * levels against this build's ABI table. The bundle is signed, so a
 * failure here means a compiler bug or a bundle from a newer format; either
 * way nothing runs (exit NL_EXIT_UNTRUSTED: "cannot be trusted to mean
 * what it says").
 *
 * Strings point into the parsed JSON documents the plan owns; everything
 * is released by nl_plan_free(). Nothing here touches the file system.
 */
#ifndef NL_PLAN_H
#define NL_PLAN_H

#include <linux/filter.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct nono_bundle;

#define NL_ACC_READ  0x1u
#define NL_ACC_WRITE 0x2u
#define NL_ACC_EXEC  0x4u

/* Layers a policy can `require` (bit numbers; the IR's "require" names). */
enum nl_layer { NL_LAYER_BPF_LSM, NL_LAYER_LANDLOCK, NL_LAYER_SECCOMP, NL_LAYER_CGROUPS, NL_NLAYERS };
const char *nl_layer_name(int layer);

struct nl_quota { /* 0 = not set */
	uint64_t memory, cpu_millis, pids, io_read, io_write, wall_ms, files;
};

struct nl_env {
	const char *name;
	const char *value; /* NULL: passed from the caller's environment */
	uint32_t rule;
};

struct nl_domain {
	uint32_t id;
	const char *name;
	bool agent;
	const char *exec; /* relative to exec_anchor, or NULL */
	int exec_anchor;
	bool exec_pinned;
	uint8_t exec_sha256[32];
	size_t nfs, nfs_deny, nnet, nunix;
	bool net_none, signal_children, ptrace;
	struct nl_env *env;
	size_t nenv;
	struct nl_quota quota;
};

struct nl_mount {
	int anchor;
	const char *path; /* normal form, relative to the anchor */
	bool mask;        /* a deny of everything: hidden (else: bound) */
	uint8_t access;   /* NL_ACC_* */
};

struct nl_measure {
	const char *kind; /* "prompt", … or "exec" */
	const char *path; /* as written in the policy */
	uint8_t sha256[32];
	bool pinned; /* an `exec … sha256` (else a `measure`) */
	uint32_t rule;
};

struct nl_ll_rule {
	int anchor;
	const char *path;
	uint64_t rights; /* newest ABI; masked per running ABI by landlock.c */
};

struct nl_ll_gap {
	uint32_t rule;
	const char *why;
};

struct nl_ll_level {
	unsigned abi;
	uint64_t handled_fs, handled_net, scoped;
	struct nl_ll_gap *gaps;
	size_t ngaps;
};

/* TCP ports Landlock restricts to; !restricted = Landlock does not handle it. */
struct nl_ports {
	bool restricted;
	uint16_t (*range)[2];
	size_t n;
};

struct nl_seccomp_prog {
	uint32_t audit_arch;
	struct sock_filter *insns; /* host byte order, decoded from the section */
	size_t len;
};

struct nl_rule_src { /* from .nono.rules */
	const char *file;
	uint32_t line, col;
	const char *text;
};

#define NL_LL_LEVELS 7

struct nl_plan {
	const char *policy;
	uint64_t version;
	bool audit;
	uint32_t require; /* bit per enum nl_layer */
	unsigned landlock_min;
	struct nl_quota quota;
	struct nl_domain *domains;
	size_t ndomains;
	size_t ntransitions;
	struct nl_mount *mounts;
	size_t nmounts;
	struct nl_measure *measures;
	size_t nmeasures;
	struct {
		struct nl_ll_rule *rules;
		size_t nrules;
		struct nl_ports connect, bind;
		struct nl_ll_level levels[NL_LL_LEVELS]; /* levels[i].abi == i + 1 */
	} ll;
	struct nl_seccomp_prog *seccomp;
	size_t nseccomp;
	struct nl_rule_src *rules; /* may be empty: the section is for messages only */
	size_t nrules;
	uint32_t max_rule; /* rule ids in the IR are <= this */
	/* owned */
	struct jp_doc *docs[3];
};

/* Build and validate the plan of a verified bundle. */
int nl_plan_load(const struct nono_bundle *b, struct nl_plan **out, struct nl_err *e);
void nl_plan_free(struct nl_plan *p);

/* "file:line:col `text`" for rule @id into @buf (or "rule N" when unknown; "" for rule 0). */
const char *nl_plan_rule(const struct nl_plan *p, uint32_t id, char *buf, size_t len);
/* The program for @audit_arch, or NULL. */
const struct nl_seccomp_prog *nl_plan_seccomp(const struct nl_plan *p, uint32_t audit_arch);

#endif
