/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The whole back end for one root policy: checked policy → IR → sections
 * (IR, rule table, seccomp programs, Landlock rules, BPF object and tables)
 * → a signed, reproducible bundle (bundle.c).
 *
 * The `.nono.seccomp` section: little-endian
 *     "NSCP" u32 version(1) u32 count
 *     count × { u32 audit_arch, u32 ninsns, ninsns × struct sock_filter (8 bytes) }
 * one precompiled filter per architecture, the sandbox's (a seccomp filter
 * cannot change at an exec, so every domain shares it).
 */
#include <errno.h>
#include <linux/seccomp.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "compile.h"
#include "context.h"
#include "emit_bpf.h"
#include "emit_landlock.h"
#include "ir.h"
#include "seccomp.h"

struct membuf {
	char *data;
	size_t len;
	FILE *f;
};

static int mb_open(struct membuf *m)
{
	m->data = NULL;
	m->len = 0;
	m->f = open_memstream(&m->data, &m->len);
	return m->f ? 0 : -1;
}

static int mb_close(struct membuf *m)
{
	if (!m->f)
		return -1;
	int rc = fclose(m->f);

	m->f = NULL;
	return rc == 0 ? 0 : -1;
}

static void put32(struct membuf *m, uint32_t v)
{
	unsigned char b[4] = { (unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
			       (unsigned char)(v >> 24) };

	fwrite(b, 1, 4, m->f);
}

/* Build the `.nono.seccomp` section from the IR's per-architecture ranges. */
int nono_emit_seccomp(const struct nono_ir *ir, uint8_t **out, size_t *outlen, char *err, size_t errlen)
{
	struct membuf m;

	if (mb_open(&m) < 0) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	fwrite("NSCP", 1, 4, m.f);
	put32(&m, 1);
	put32(&m, (uint32_t)ir->nsys);
	for (size_t a = 0; a < ir->nsys; a++) {
		const struct nono_ir_sys *s = &ir->sys[a];
		struct nono_sc_rule *rules = calloc(s->nranges ? s->nranges : 1, sizeof(*rules));
		struct sock_filter *prog = NULL;
		size_t len = 0;

		if (!rules) {
			mb_close(&m);
			free(m.data);
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		for (size_t i = 0; i < s->nranges; i++)
			rules[i] = (struct nono_sc_rule){ s->ranges[i].lo, s->ranges[i].hi, s->ranges[i].action,
							  s->ranges[i].rule };
		struct nono_sc_spec spec = {
			.audit_arch = s->audit_arch,
			.default_action = SECCOMP_RET_ALLOW,
			.bad_arch_action = SECCOMP_RET_KILL_PROCESS,
			.rules = rules,
			.nrules = s->nranges,
			.block_tty_inject = 1,
			/* Injecting input into the caller's terminal is an escape, not a
			 * policy question: refused in audit mode too. */
			.tty_inject_action = SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA),
		};
		int rc = nono_seccomp_compile(&spec, &prog, &len, err, errlen);

		free(rules);
		if (rc < 0) {
			mb_close(&m);
			free(m.data);
			return -1;
		}
		put32(&m, s->audit_arch);
		put32(&m, (uint32_t)len);
		for (size_t i = 0; i < len; i++) {
			unsigned char b[8] = { (unsigned char)prog[i].code, (unsigned char)(prog[i].code >> 8),
					       prog[i].jt, prog[i].jf,
					       (unsigned char)prog[i].k, (unsigned char)(prog[i].k >> 8),
					       (unsigned char)(prog[i].k >> 16), (unsigned char)(prog[i].k >> 24) };

			fwrite(b, 1, 8, m.f);
		}
		free(prog);
	}
	if (mb_close(&m) < 0) {
		free(m.data);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	*out = (uint8_t *)m.data;
	*outlen = m.len;
	return 0;
}

static struct nono_policy *policy_of(nonoc_ctx *ctx, int root)
{
	for (size_t i = 0; i < ctx->npolicies; i++)
		if (ctx->policies[i]->root == root)
			return ctx->policies[i];
	return NULL;
}

int nonoc_build_bundle(nonoc_ctx *ctx, int root, const struct nonoc_build_opts *o, uint8_t **out, size_t *outlen,
		       char *err, size_t errlen)
{
	struct nono_policy *p = policy_of(ctx, root);
	struct membuf irj = { 0 }, rules = { 0 }, ll = { 0 };
	uint8_t *sc = NULL;
	size_t sclen = 0;
	struct nono_bpf_output bpf;
	struct nono_bundle_input *inputs = NULL;
	int rc = -1, have_bpf = 0;

	*out = NULL;
	*outlen = 0;
	if (!p || !p->ir) {
		snprintf(err, errlen, "the policy has errors; nothing to build");
		return -1;
	}
	const struct nono_ir *ir = p->ir;

	memset(&bpf, 0, sizeof(bpf));
	if (mb_open(&irj) < 0 || mb_open(&rules) < 0 || mb_open(&ll) < 0) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	nono_ir_write_json(ir, irj.f, 0, 0);
	nono_ir_write_rules_json(ir, rules.f);
	if (nono_emit_landlock(ir, ll.f) < 0 || mb_close(&irj) < 0 || mb_close(&rules) < 0 || mb_close(&ll) < 0) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	if (nono_emit_seccomp(ir, &sc, &sclen, err, errlen) < 0)
		goto out;
	if (nonoc_emit_bpf(ctx, root, o && o->no_bpf_object ? 0 : 1, o ? o->bpf : NULL, &bpf, err, errlen) < 0)
		goto out;
	have_bpf = 1;

	struct nono_bundle_blob sections[7];
	size_t nsec = 0;

	sections[nsec++] = (struct nono_bundle_blob){ ".nono.ir", irj.data, irj.len };
	sections[nsec++] = (struct nono_bundle_blob){ ".nono.rules", rules.data, rules.len };
	sections[nsec++] = (struct nono_bundle_blob){ ".nono.landlock", ll.data, ll.len };
	sections[nsec++] = (struct nono_bundle_blob){ ".nono.seccomp", sc, sclen };
	sections[nsec++] = (struct nono_bundle_blob){ ".nono.bpf.tables", bpf.tables, bpf.tables_len };
	if (bpf.obj)
		sections[nsec++] = (struct nono_bundle_blob){ ".nono.bpf", bpf.obj, bpf.obj_len };

	/* Measured inputs: the policy sources, `measure`d files, pinned binaries. */
	size_t ninputs = 0;

	inputs = calloc(p->nfiles + ir->nmeasures + 2, sizeof(*inputs));
	if (!inputs) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < p->nfiles; i++) {
		struct nono_source *s = nono_source_get(ctx, p->files[i]);
		const char *name = s->name;
		const char *rootname = nono_source_get(ctx, p->root)->name, *slash = strrchr(rootname, '/');
		size_t dlen = slash ? (size_t)(slash - rootname) + 1 : 0;

		if (dlen && !strncmp(name, rootname, dlen))
			name += dlen; /* relative to the root policy: reproducible anywhere */
		inputs[ninputs].kind = "policy";
		inputs[ninputs].path = name;
		crypto_hash_sha256(inputs[ninputs].sha256, (const unsigned char *)s->text, s->len);
		ninputs++;
	}
	for (size_t i = 0; i < ir->nmeasures; i++) {
		inputs[ninputs].kind = ir->measures[i].computed ? "measure" : "exec";
		inputs[ninputs].path = ir->measures[i].path;
		memcpy(inputs[ninputs].sha256, ir->measures[i].sha256, 32);
		ninputs++;
	}
	/* The kernel types the BPF object was compiled against: an input like
	 * any other, so two bundles differ only if what went in differs. */
	if (bpf.obj && bpf.vmlinux_h[0]) {
		inputs[ninputs].kind = "vmlinux";
		inputs[ninputs].path = "vmlinux.h";
		if (nono_sha256_file(bpf.vmlinux_h, inputs[ninputs].sha256, err, errlen) < 0)
			goto out;
		ninputs++;
	}
	char version[32];

	snprintf(version, sizeof(version), "%llu", (unsigned long long)ir->version);
	struct nono_bundle_spec spec = {
		.policy_name = ir->name,
		.policy_version = ir->version ? version : NULL,
		.compiler_version = NONOC_VERSION,
		.inputs = inputs,
		.ninputs = ninputs,
		.sections = sections,
		.nsections = nsec,
		.has_epoch = o ? o->has_epoch : 0,
		.epoch = o ? o->epoch : 0,
	};

	rc = nono_bundle_build(&spec, o ? o->sk : NULL, out, outlen, err, errlen);
out:
	if (irj.f)
		mb_close(&irj);
	if (rules.f)
		mb_close(&rules);
	if (ll.f)
		mb_close(&ll);
	free(irj.data);
	free(rules.data);
	free(ll.data);
	free(sc);
	free(inputs);
	if (have_bpf)
		nono_bpf_output_free(&bpf);
	return rc;
}
