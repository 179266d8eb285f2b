/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Landlock rules from the IR, for every ABI level, as the bundle's
 * `.nono.landlock` section (canonical JSON).
 *
 * Landlock can only allow, applies to the whole sandbox (not per tool), has
 * no globs, and its feature set grows with the ABI. So the section holds:
 *  - `rules`: the union over every domain of the allow rules, each on the
 *    glob-free base directory of its path, with Landlock rights at the
 *    newest ABI (nono-load masks them with what the running kernel handles,
 *    and drops directory-only rights when the path turns out to be a file);
 *  - `net`: TCP ports for connect and bind where the policy restricts them
 *    to ports Landlock can list (null = not restricted by Landlock);
 *  - `levels`: for ABI 1..7, the handled rights and scopes, and the list of
 *    what that level cannot express (rule id and why), so nono-load can print
 *    exactly which guarantees a given kernel gives up.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit_landlock.h"
#include "json.h"
#include "landlock_abi.h"

#define LL_READ (NONO_LL_FS_READ_FILE | NONO_LL_FS_READ_DIR)
#define LL_WRITE                                                                                   \
	(NONO_LL_FS_WRITE_FILE | NONO_LL_FS_REMOVE_DIR | NONO_LL_FS_REMOVE_FILE | NONO_LL_FS_MAKE_DIR |   \
	 NONO_LL_FS_MAKE_REG | NONO_LL_FS_MAKE_SOCK | NONO_LL_FS_MAKE_FIFO | NONO_LL_FS_MAKE_SYM |         \
	 NONO_LL_FS_REFER | NONO_LL_FS_TRUNCATE)
/* Device node creation (MAKE_CHAR/MAKE_BLOCK) is never granted. */

uint64_t nono_ll_rights(uint8_t access)
{
	uint64_t r = 0;

	if (access & NONO_ACC_READ)
		r |= LL_READ;
	if (access & NONO_ACC_WRITE)
		r |= LL_WRITE;
	/* Landlock checks read_file as well as execute on execve(2) (and the
	 * loader maps the file): an exec grant needs both to work at all. */
	if (access & NONO_ACC_EXEC)
		r |= NONO_LL_FS_EXECUTE | NONO_LL_FS_READ_FILE;
	if (access & (NONO_ACC_READ | NONO_ACC_WRITE))
		r |= NONO_LL_FS_IOCTL_DEV; /* ioctls on devices the rule already opens (tty, null) */
	return r;
}

struct llrule {
	uint8_t anchor;
	const char *path;
	uint64_t rights;
};

static int llrule_cmp(const void *a, const void *b)
{
	const struct llrule *x = a, *y = b;

	if (x->anchor != y->anchor)
		return x->anchor < y->anchor ? -1 : 1;
	return strcmp(x->path, y->path);
}

static const char *anchor_name(uint8_t a)
{
	return a == NONO_ANCHOR_HOME ? "~" : a == NONO_ANCHOR_WORKDIR ? "$WORKDIR" : "/";
}

struct ports {
	uint16_t lo[64], hi[64];
	size_t n;
	int unrestricted; /* some allow takes any TCP port: Landlock cannot help */
	int any_rule;
};

static void add_port(struct ports *p, uint16_t lo, uint16_t hi)
{
	if (lo == 0 && hi == 65535) {
		p->unrestricted = 1;
		return;
	}
	for (size_t i = 0; i < p->n; i++)
		if (p->lo[i] == lo && p->hi[i] == hi)
			return;
	/* Landlock takes one rule per port: wide ranges are left to the other layers. */
	if (p->n == 64 || hi - lo > 255) {
		p->unrestricted = 1;
		return;
	}
	p->lo[p->n] = lo;
	p->hi[p->n++] = hi;
}

static void write_ports(struct json_writer *w, const char *key, const struct ports *p)
{
	json_key(w, key);
	if (p->unrestricted) {
		json_null(w);
		return;
	}
	json_array_begin(w);
	for (size_t i = 0; i < p->n; i++) {
		json_array_begin(w);
		json_uint(w, p->lo[i]);
		json_uint(w, p->hi[i]);
		json_array_end(w);
	}
	json_array_end(w);
}

static void gap(struct json_writer *w, uint32_t rule, const char *why)
{
	json_object_begin(w);
	json_key_uint(w, "rule", rule);
	json_key_string(w, "why", why);
	json_object_end(w);
}

int nono_emit_landlock(const struct nono_ir *ir, FILE *out)
{
	size_t cap = 16, n = 0;
	struct llrule *rules = malloc(cap * sizeof(*rules));
	struct ports connect = { .n = 0 }, bind = { .n = 0 };
	int per_tool = 0;

	if (!rules)
		return -1;
	for (size_t d = 0; d < ir->ndomains; d++) {
		const struct nono_ir_domain *dm = &ir->domains[d];

		for (size_t i = 0; i < dm->nfs; i++) {
			const struct nono_ir_fs *f = &dm->fs[i];

			if (f->effect != NONO_IR_ALLOW)
				continue;
			if (n == cap) {
				struct llrule *nr = realloc(rules, 2 * cap * sizeof(*rules));

				if (!nr) {
					free(rules);
					return -1;
				}
				rules = nr;
				cap *= 2;
			}
			rules[n++] = (struct llrule){ f->anchor, f->base, nono_ll_rights(f->access) };
		}
		if (dm->exec && n < cap)
			rules[n++] = (struct llrule){ dm->exec_anchor, dm->exec,
						      NONO_LL_FS_EXECUTE | NONO_LL_FS_READ_FILE };
		for (size_t i = 0; i < dm->nnet; i++) {
			const struct nono_ir_net *r = &dm->net[i];

			if (r->effect != NONO_IR_ALLOW || r->proto == 2 /* udp */)
				continue;
			struct ports *p = r->op == NONO_IR_BIND ? &bind : &connect;

			p->any_rule = 1;
			add_port(p, r->port_lo, r->port_hi);
		}
		if (d > 0 && (dm->nfs != ir->domains[0].nfs || dm->nnet != ir->domains[0].nnet))
			per_tool = 1;
	}
	qsort(rules, n, sizeof(*rules), llrule_cmp);
	size_t w = 0;

	for (size_t i = 0; i < n; i++) {
		if (w && !llrule_cmp(&rules[w - 1], &rules[i]))
			rules[w - 1].rights |= rules[i].rights;
		else
			rules[w++] = rules[i];
	}

	struct json_writer jw;

	json_init(&jw, out, 0);
	json_object_begin(&jw);
	json_key_uint(&jw, "landlock_version", 1);
	json_key(&jw, "rules");
	json_array_begin(&jw);
	for (size_t i = 0; i < w; i++) {
		json_object_begin(&jw);
		json_key_string(&jw, "anchor", anchor_name(rules[i].anchor));
		json_key_string(&jw, "path", rules[i].path);
		json_key_uint(&jw, "rights", rules[i].rights);
		json_object_end(&jw);
	}
	json_array_end(&jw);
	json_key(&jw, "net");
	json_object_begin(&jw);
	write_ports(&jw, "connect_tcp", &connect);
	write_ports(&jw, "bind_tcp", &bind);
	json_object_end(&jw);
	json_key(&jw, "levels");
	json_array_begin(&jw);
	for (unsigned abi = 1; abi <= NONO_LL_MAX_ABI; abi++) {
		json_object_begin(&jw);
		json_key_uint(&jw, "abi", abi);
		json_key_uint(&jw, "handled_fs", nono_ll_fs_handled(abi));
		json_key_uint(&jw, "handled_net", nono_ll_net_handled(abi));
		json_key_uint(&jw, "scoped", nono_ll_scoped(abi));
		json_key(&jw, "cannot_express");
		json_array_begin(&jw);
		if (per_tool)
			gap(&jw, 0, "per-tool domains: Landlock enforces the union of every domain's grants");
		for (size_t d = 0; d < ir->ndomains; d++) {
			const struct nono_ir_domain *dm = &ir->domains[d];

			for (size_t i = 0; i < dm->nfs; i++) {
				const struct nono_ir_fs *f = &dm->fs[i];

				if (d > 0 && i < ir->domains[0].nfs && dm->fs[i].rule == ir->domains[0].fs[i].rule)
					continue; /* a global rule: reported once, for the agent */
				if (f->effect == NONO_IR_DENY)
					gap(&jw, f->rule,
					    f->access == NONO_ACC_ALL && (!f->pattern[0] || !strcmp(f->pattern, "**"))
						    ? "deny: Landlock cannot deny; hidden by the mount view instead"
						    : "deny: Landlock cannot deny; enforced only by BPF-LSM");
				else if (f->pattern[0] && strcmp(f->pattern, "**"))
					gap(&jw, f->rule, "glob: Landlock grants the whole base directory");
				else if (abi < 3 && (f->access & NONO_ACC_WRITE))
					gap(&jw, f->rule, "truncate is not restricted below Landlock ABI 3");
			}
			for (size_t i = 0; i < dm->nnet; i++) {
				const struct nono_ir_net *r = &dm->net[i];

				if (d > 0 && i < ir->domains[0].nnet && dm->net[i].rule == ir->domains[0].net[i].rule)
					continue;
				if (abi < 4)
					gap(&jw, r->rule, "network: no Landlock network rules below ABI 4");
				else if (r->proto == 2)
					gap(&jw, r->rule, "udp: Landlock restricts TCP only");
				else if (r->family)
					gap(&jw, r->rule, "address: Landlock restricts TCP ports, not addresses");
			}
		}
		if (abi < 6)
			gap(&jw, 0, "signals and abstract unix sockets are not scoped below Landlock ABI 6");
		json_array_end(&jw);
		json_object_end(&jw);
	}
	json_array_end(&jw);
	json_object_end(&jw);
	json_finish(&jw);
	free(rules);
	return 0;
}
