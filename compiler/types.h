/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Typed values. The typecheck pass parses every value's source text once
 * and stores the result in node->val; later passes read only these.
 *
 * Invariants:
 *  - A node that passed typecheck without errors has a non-NULL val of the
 *    type its kind requires (see typecheck.c's table).
 *  - Paths are normalised: no empty, "." or ".." components, no trailing '/';
 *    `rel` is relative to the anchor ("" = the anchor itself). The only glob
 *    characters are '*' within a component and "**" as a whole component,
 *    never two "**" in a row ('?' and '[' are rejected, not literal).
 *    RELATIVE appears only for `measure`; exec/measure paths are never globs
 *    and never the bare anchor.
 *  - Addresses: IPv4-mapped IPv6 (::ffff:a.b.c.d) is stored as IPv4; host
 *    bits beyond the prefix are zero (10.1.2.3/8 is an error, not silently
 *    widened); family 0 never appears.
 *  - Ports: 0 means "not given" only when port_lo == port_hi == 0 and
 *    any_port is set.
 */
#ifndef NONOC_TYPES_H
#define NONOC_TYPES_H

#include <stdbool.h>
#include <stdint.h>

enum nono_type {
	NONO_T_PATH,      /* fs, exec, net unix, measure */
	NONO_T_NET,       /* net connect: address/CIDR + optional port range */
	NONO_T_PORTS,     /* net bind: port range */
	NONO_T_SIZE,      /* memory: bytes */
	NONO_T_RATE,      /* io read/write: bytes per second */
	NONO_T_DURATION,  /* wall: milliseconds */
	NONO_T_CPU,       /* cpu: thousandths of a core (50% = 500, 1.5 = 1500) */
	NONO_T_COUNT,     /* pids, files */
	NONO_T_SYSCALL,   /* sys: a syscall name or @group */
	NONO_T_SHA256,    /* exec … sha256 */
	NONO_T_INT,       /* policy version, require landlock N */
	NONO_T_ENVNAME,   /* env pass / set names (no payload: the name is node->name) */
};

enum nono_anchor {
	NONO_ANCHOR_ROOT,     /* /…        */
	NONO_ANCHOR_HOME,     /* ~/…       */
	NONO_ANCHOR_WORKDIR,  /* $WORKDIR/… */
	NONO_ANCHOR_RELATIVE, /* measure files: relative to the policy file */
};

struct nono_path {
	enum nono_anchor anchor;
	const char *rel;      /* normalised, relative to the anchor */
	uint32_t ncomp;       /* number of components in rel */
	uint32_t nfixed;      /* leading components without glob characters */
	bool glob;            /* contains '*' */
	bool recursive;       /* the last component is "**" (the whole subtree) */
};

struct nono_net {
	uint8_t family;       /* 4 or 6 */
	uint8_t prefix;       /* CIDR prefix length (32/128 for a host) */
	uint8_t addr[16];     /* network byte order; IPv4 in addr[0..3] */
	uint16_t port_lo, port_hi;
	bool any_port;
};

struct nono_syscall {
	bool group;
	const char *name;     /* without '@' for groups */
	int nr_x86_64;        /* -1 when the syscall does not exist there */
	int nr_aarch64;
};

struct nono_value {
	enum nono_type type;
	union {
		struct nono_path path;
		struct nono_net net;
		struct { uint16_t lo, hi; } ports;
		uint64_t amount;  /* SIZE, RATE, DURATION, CPU, COUNT, INT */
		struct nono_syscall sys;
		uint8_t sha256[32];
	} u;
};

#endif
