/* SPDX-License-Identifier: Apache-2.0 */
#ifndef NONOC_COMPILE_H
#define NONOC_COMPILE_H

#include <stddef.h>
#include <stdint.h>

#include "clang.h"
#include "ir.h"
#include "nonoc.h"

struct nonoc_build_opts {
	const uint8_t *sk;                        /* 64-byte Ed25519 secret key, NULL = unsigned */
	const struct nono_bpf_compile_opts *bpf;  /* clang, vmlinux.h; NULL = defaults */
	int no_bpf_object;                        /* skip clang (tests without clang) */
	int has_epoch;                            /* SOURCE_DATE_EPOCH was set */
	uint64_t epoch;
};

/*
 * nonoc_build_bundle() - the bundle of a root policy that nonoc_check()
 * accepted. @out is malloc'd (*@outlen bytes). Return 0, or -1 with the
 * reason in @err.
 */
int nonoc_build_bundle(nonoc_ctx *ctx, int root, const struct nonoc_build_opts *o, uint8_t **out, size_t *outlen,
		       char *err, size_t errlen);

/* The `.nono.seccomp` section of an IR (layout in compile.c). */
int nono_emit_seccomp(const struct nono_ir *ir, uint8_t **out, size_t *outlen, char *err, size_t errlen);

#endif
