/* SPDX-License-Identifier: Apache-2.0 */
/**
 * DOC: the eBPF back end — IR to specialised BPF C, table image and object.
 *
 * Three products, all deterministic (same IR, same bytes):
 *
 * - the **C text**: bpf-templates/nono.bpf.c.in with its substitution
 *   points filled for one policy (constants and map sizes, the domain table,
 *   the matching code of '*' glob components, and — as comments, for
 *   review — the rule table and the map contents); `nonoc --emit-c` writes it;
 * - the **table image** (nono_shared.h, NONO_BPF_TAB_MAGIC): the records
 *   nono-load turns into map entries (network and glob tables final; file
 *   and exec rules as paths it resolves to inodes in the sandbox's view);
 * - the **object**: the C compiled by clang (compiler/clang.h), embedded in
 *   the bundle.
 *
 * docs/bpf.md describes the design. Library code: nothing here prints or
 * exits; errors are messages in @err (NUL-terminated, at most @errlen bytes;
 * NONO_BPF_ERR_SIZE is enough for every message).
 */
#ifndef NONOC_EMIT_BPF_H
#define NONOC_EMIT_BPF_H

#include <stddef.h>
#include <stdint.h>

#include "clang.h"
#include "nonoc.h"

struct nono_ir;

#define NONO_BPF_ERR_SIZE 1024u

/**
 * nono_bpf_emit_c() - the specialised BPF C of @ir.
 * @source_name: what the "generated from" stamp names: the root policy's
 *               file name without its directory (no absolute paths).
 * @text: malloc'd, NUL-terminated, *@len bytes (the caller frees).
 * Return: 0, or -1 (out of memory, or the policy exceeds a BPF limit).
 */
int nono_bpf_emit_c(const struct nono_ir *ir, const char *source_name, char **text, size_t *len, char *err,
		    size_t errlen);

/**
 * nono_bpf_emit_tables() - the table image of @ir (nono_shared.h).
 * @img: malloc'd, *@len bytes.
 */
int nono_bpf_emit_tables(const struct nono_ir *ir, uint8_t **img, size_t *len, char *err, size_t errlen);

/** struct nono_bpf_output - everything the back end makes for one policy. */
struct nono_bpf_output {
	char *c;             /* the C text (NUL-terminated)                 */
	size_t c_len;
	uint8_t *tables;     /* the table image                             */
	size_t tables_len;
	uint8_t *obj;        /* the BPF object (ELF); NULL if not compiled  */
	size_t obj_len;
	char vmlinux_h[4096]; /* the vmlinux.h compiled against (a measured input) */
};

/**
 * nonoc_emit_bpf() - run the back end on a root policy checked with
 * nonoc_check() (its IR must exist).
 * @opts: how to compile; NULL = defaults (compiler/clang.h). With
 *        @compile 0 the object is not built (no clang needed).
 * @out: filled on success; release with nono_bpf_output_free().
 * Return: 0, or -1 with the reason (and a "hint:" line when there is one)
 * in @err.
 */
int nonoc_emit_bpf(nonoc_ctx *ctx, int root, int compile, const struct nono_bpf_compile_opts *opts,
		   struct nono_bpf_output *out, char *err, size_t errlen);

void nono_bpf_output_free(struct nono_bpf_output *out);

/** nono_ir_of() - the IR of a root checked in @ctx, or NULL. */
const struct nono_ir *nono_ir_of(nonoc_ctx *ctx, int root);

#endif
