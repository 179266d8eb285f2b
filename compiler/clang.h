/* SPDX-License-Identifier: Apache-2.0 */
/**
 * DOC: compiling the generated BPF C — finding clang and vmlinux.h.
 *
 * nonoc needs clang >= 14 (the first release whose BPF back end emits the
 * BTF and CO-RE relocations the generated programs rely on, and Debian 12's
 * clang) with the BPF target, and a vmlinux.h (kernel types, from
 * `bpftool btf dump file /sys/kernel/btf/vmlinux format c`; the build makes
 * one and `make install` puts it in $(PREFIX)/share/nono/). It does not
 * need libbpf: nono_bpf.h and nono_shared.h are embedded in the library.
 *
 * The object is deterministic: the sources are written to a fresh private
 * directory under fixed names, clang runs there with
 * -fdebug-compilation-dir, so neither the directory nor the time reaches
 * the object: the same C and vmlinux.h give the same bytes.
 */
#ifndef NONOC_CLANG_H
#define NONOC_CLANG_H

#include <stddef.h>
#include <stdint.h>

#define NONO_CLANG_MIN_MAJOR 14

/** struct nono_clang - a clang that was found and is recent enough. */
struct nono_clang {
	char path[4096];
	int major, minor, patch;
};

/**
 * nono_clang_find() - find clang.
 * @want: a name or path to use (no fallback when given), or NULL: then
 *        $NONOC_CLANG (no fallback either), else `clang` and `clang-N`
 *        for N from 21 down to 14 in $PATH, the first that is >= 14.
 * Return: 0, or -1 with a message and a hint in @err.
 */
int nono_clang_find(const char *want, struct nono_clang *c, char *err, size_t errlen);

/**
 * nono_vmlinux_h_find() - the vmlinux.h to compile against.
 * @want: a path to use, or NULL: then $NONOC_VMLINUX_H, else vmlinux.h
 *        next to the running program (a build tree), else
 *        ../share/nono/vmlinux.h relative to it (an installed nonoc), else
 *        NONOC_DATADIR/vmlinux.h (the configured install location).
 * Return: 0 with the path in @path, or -1 with a message and a hint.
 */
int nono_vmlinux_h_find(const char *want, char *path, size_t pathlen, char *err, size_t errlen);

/** struct nono_bpf_compile_opts - NULL members take the defaults above. */
struct nono_bpf_compile_opts {
	const char *clang;
	const char *vmlinux_h;
	const char *arch;      /* "x86" or "arm64" (-D__TARGET_ARCH_…); NULL: the host's */
};

/**
 * nono_bpf_compile() - compile BPF C (the output of nono_bpf_emit_c) into
 * an object: clang -target bpf -mcpu=v2 -O2 -g, CO-RE against vmlinux.h.
 * @obj: malloc'd, *@objlen bytes. @vmlinux_used: the vmlinux.h path used
 *       (may be NULL).
 * Return: 0, or -1 with the reason in @err (clang's first error lines
 * when it failed).
 */
int nono_bpf_compile(const char *text, size_t len, const struct nono_bpf_compile_opts *opts, uint8_t **obj,
		     size_t *objlen, char *vmlinux_used, size_t vlen, char *err, size_t errlen);

/* ---- the templates, embedded at build time (bpf-templates/embed.sh) ----------- */

struct nono_bpf_template {
	const char *name;  /* "nono.bpf.c.in", "nono_bpf.h", "nono_shared.h" */
	const char *text;  /* NUL-terminated */
	size_t len;
};
extern const struct nono_bpf_template nono_bpf_templates[]; /* ends with a NULL name */

/** nono_bpf_template() - an embedded template by name, or NULL. */
const struct nono_bpf_template *nono_bpf_template(const char *name);

#endif
