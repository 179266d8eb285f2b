/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The bundle's sections → a typed, validated plan (plan.h).
 *
 * Formats read here (written by the compiler):
 *  - `.nono.ir`: compiler/ir_json.c (the IR, ir_version 1);
 *  - `.nono.landlock`: compiler/emit_landlock.c (landlock_version 1);
 *  - `.nono.seccomp`: compiler/compile.c ("NSCP", version 1);
 *  - `.nono.rules`: compiler/ir_json.c (rule id → source location).
 *
 * Every member nono-load uses is checked for type and range; members it
 * does not know are ignored (a format that needs them understood has a new
 * version number, which is refused). Errors name the section and the JSON
 * location ("`.nono.ir`: domains[0].fs[3].anchor: …").
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "cbpf.h"
#include "jsonp.h"
#include "landlock_abi.h"
#include "plan.h"

#define IR_VERSION 1
#define LL_VERSION 1
#define SC_VERSION 1
/* Far above any real policy; hostile-input bounds, not features. */
#define MAX_ITEMS 1000000u

static const char *const layer_names[NL_NLAYERS] = { "bpf-lsm", "landlock", "seccomp", "cgroups" };

const char *nl_layer_name(int layer)
{
	return layer >= 0 && layer < NL_NLAYERS ? layer_names[layer] : "?";
}

/* A parsing context: the section being read and the path into it. */
struct pc {
	const char *section;
	char where[256];
	struct nl_err *e;
	struct nl_plan *p;
};

static int bad(struct pc *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int bad(struct pc *c, const char *fmt, ...)
{
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	nl_fail(c->e, NL_EXIT_UNTRUSTED, "bundle section `%s`: %s%s%s", c->section, c->where, c->where[0] ? ": " : "",
		what);
	nl_set_hint(c->e, "the bundle is signed, so its compiler wrote this: rebuild it with a nonoc that matches "
			  "this nono-load (`nonoc --version`), and report the bug if they match");
	return -1;
}

/* Push "name" / "[i]" onto the location; returns the old length to pop back to. */
static size_t at_key(struct pc *c, const char *key)
{
	size_t n = strlen(c->where);

	nl_cat(c->where, sizeof(c->where), "%s%s", n ? "." : "", key);
	return n;
}

static size_t at_idx(struct pc *c, size_t i)
{
	size_t n = strlen(c->where);

	nl_cat(c->where, sizeof(c->where), "[%zu]", i);
	return n;
}

static void pop(struct pc *c, size_t n)
{
	c->where[n] = '\0';
}

static const char *type_name(enum jp_type t)
{
	static const char *const n[] = { "null", "a boolean", "a number", "a string", "an array", "an object" };

	return (unsigned)t < 6 ? n[t] : "?";
}

static const struct jp_value *member(struct pc *c, const struct jp_value *obj, const char *key, enum jp_type t)
{
	const struct jp_value *v = jp_get(obj, key);

	if (!v) {
		bad(c, "missing member \"%s\"", key);
		return NULL;
	}
	if (jp_type(v) != t) {
		size_t o = at_key(c, key);

		bad(c, "expected %s, found %s", type_name(t), type_name(jp_type(v)));
		pop(c, o);
		return NULL;
	}
	return v;
}

static int get_str(struct pc *c, const struct jp_value *obj, const char *key, const char **out)
{
	const struct jp_value *v = member(c, obj, key, JP_STRING);

	if (!v)
		return -1;
	*out = jp_str(v, NULL);
	return 0;
}

static int get_u64(struct pc *c, const struct jp_value *obj, const char *key, uint64_t max, uint64_t *out)
{
	const struct jp_value *v = member(c, obj, key, JP_NUMBER);

	if (!v)
		return -1;
	if (jp_u64(v, out) < 0 || *out > max) {
		size_t o = at_key(c, key);

		bad(c, "expected an integer from 0 to %llu", (unsigned long long)max);
		pop(c, o);
		return -1;
	}
	return 0;
}

static int get_u32(struct pc *c, const struct jp_value *obj, const char *key, uint32_t max, uint32_t *out)
{
	uint64_t v;

	if (get_u64(c, obj, key, max, &v) < 0)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

static int get_bool(struct pc *c, const struct jp_value *obj, const char *key, bool *out)
{
	const struct jp_value *v = member(c, obj, key, JP_BOOL);
	int b;

	if (!v || jp_bool(v, &b) < 0)
		return -1;
	*out = b;
	return 0;
}

static const struct jp_value *get_arr(struct pc *c, const struct jp_value *obj, const char *key)
{
	const struct jp_value *v = member(c, obj, key, JP_ARRAY);

	if (v && jp_len(v) > MAX_ITEMS) {
		size_t o = at_key(c, key);

		bad(c, "more than %u elements", MAX_ITEMS);
		pop(c, o);
		return NULL;
	}
	return v;
}

static int check_rule(struct pc *c, const struct jp_value *obj, uint32_t *rule)
{
	if (get_u32(c, obj, "rule", UINT32_MAX - 1, rule) < 0)
		return -1;
	if (*rule > c->p->max_rule)
		c->p->max_rule = *rule;
	return 0;
}

static int get_anchor(struct pc *c, const struct jp_value *obj, const char *key, bool relative_ok, int *out)
{
	const char *s;

	if (get_str(c, obj, key, &s) < 0)
		return -1;
	*out = nl_anchor_parse(s);
	if (*out < 0 || (*out == NL_ANCHOR_RELATIVE && !relative_ok)) {
		size_t o = at_key(c, key);

		bad(c, "unknown anchor \"%s\" (expected \"/\", \"~\" or \"$WORKDIR\")", s);
		pop(c, o);
		return -1;
	}
	return 0;
}

static int get_relpath(struct pc *c, const struct jp_value *obj, const char *key, bool empty_ok, const char **out)
{
	if (get_str(c, obj, key, out) < 0)
		return -1;
	if (!nl_rel_valid(*out) || (!empty_ok && !(*out)[0])) {
		size_t o = at_key(c, key);

		bad(c, "\"%s\" is not a path in normal form (relative to its anchor, no '.', '..' or empty "
		       "components)", *out);
		pop(c, o);
		return -1;
	}
	return 0;
}

static int get_access(struct pc *c, const struct jp_value *obj, const char *key, uint8_t *out)
{
	const struct jp_value *a = get_arr(c, obj, key);

	if (!a)
		return -1;
	*out = 0;
	for (size_t i = 0; i < jp_len(a); i++) {
		const char *s = jp_str(jp_at(a, i), NULL);
		uint8_t bit = !s ? 0 : !strcmp(s, "read") ? NL_ACC_READ : !strcmp(s, "write") ? NL_ACC_WRITE
			     : !strcmp(s, "exec") ? NL_ACC_EXEC : 0;

		if (!bit || (*out & bit)) {
			size_t o = at_key(c, key);

			bad(c, "element %zu: expected one of \"read\", \"write\", \"exec\", each once", i);
			pop(c, o);
			return -1;
		}
		*out |= bit;
	}
	return 0;
}

static int get_sha(struct pc *c, const struct jp_value *obj, const char *key, uint8_t out[32])
{
	const char *s;

	if (get_str(c, obj, key, &s) < 0)
		return -1;
	if (nl_unhex(s, out, 32) < 0) {
		size_t o = at_key(c, key);

		bad(c, "expected 64 lowercase hex digits");
		pop(c, o);
		return -1;
	}
	return 0;
}

static int parse_quota(struct pc *c, const struct jp_value *obj, const char *key, struct nl_quota *q)
{
	static const struct {
		const char *name;
		size_t off;
	} f[] = {
		{ "memory_bytes", offsetof(struct nl_quota, memory) },
		{ "cpu_millicores", offsetof(struct nl_quota, cpu_millis) },
		{ "pids", offsetof(struct nl_quota, pids) },
		{ "io_read_bytes_per_s", offsetof(struct nl_quota, io_read) },
		{ "io_write_bytes_per_s", offsetof(struct nl_quota, io_write) },
		{ "wall_ms", offsetof(struct nl_quota, wall_ms) },
		{ "files", offsetof(struct nl_quota, files) },
	};
	const struct jp_value *v = member(c, obj, key, JP_OBJECT);
	int rc = 0;

	if (!v)
		return -1;
	memset(q, 0, sizeof(*q));
	size_t o = at_key(c, key);

	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]) && rc == 0; i++)
		if (jp_get(v, f[i].name))
			rc = get_u64(c, v, f[i].name, UINT64_MAX, (uint64_t *)((char *)q + f[i].off));
	pop(c, o);
	return rc;
}

static int parse_env(struct pc *c, const struct jp_value *arr, struct nl_domain *d)
{
	d->nenv = jp_len(arr);
	d->env = calloc(d->nenv ? d->nenv : 1, sizeof(*d->env));
	if (!d->env)
		return bad(c, "out of memory");
	for (size_t i = 0; i < d->nenv; i++) {
		const struct jp_value *e = jp_at(arr, i);
		size_t o = at_idx(c, i);
		const struct jp_value *v = jp_get(e, "value");

		if (jp_type(e) != JP_OBJECT)
			return bad(c, "expected an object");
		if (get_str(c, e, "name", &d->env[i].name) < 0 || check_rule(c, e, &d->env[i].rule) < 0)
			return -1;
		const char *n = d->env[i].name;

		if (!n[0] || strchr(n, '='))
			return bad(c, "\"%s\" is not an environment variable name", n);
		if (!v || (jp_type(v) != JP_NULL && jp_type(v) != JP_STRING))
			return bad(c, "value: expected a string or null");
		d->env[i].value = jp_type(v) == JP_STRING ? jp_str(v, NULL) : NULL;
		pop(c, o);
	}
	return 0;
}

static int parse_domain(struct pc *c, const struct jp_value *v, size_t idx, struct nl_domain *d)
{
	const struct jp_value *a, *ex;

	if (jp_type(v) != JP_OBJECT)
		return bad(c, "expected an object");
	if (get_u32(c, v, "id", UINT32_MAX, &d->id) < 0 || get_str(c, v, "name", &d->name) < 0 ||
	    get_bool(c, v, "agent", &d->agent) < 0)
		return -1;
	if (d->id != idx)
		return bad(c, "id %u is not the domain's index %zu", d->id, idx);
	if (d->agent != (idx == 0))
		return bad(c, "domains[0] must be the agent, and only it");
	ex = jp_get(v, "exec");
	if (!ex)
		return bad(c, "missing member \"exec\"");
	if (jp_type(ex) == JP_OBJECT) {
		size_t o = at_key(c, "exec");

		if (get_anchor(c, ex, "anchor", false, &d->exec_anchor) < 0 ||
		    get_relpath(c, ex, "path", false, &d->exec) < 0)
			return -1;
		if (jp_get(ex, "sha256")) {
			if (get_sha(c, ex, "sha256", d->exec_sha256) < 0)
				return -1;
			d->exec_pinned = true;
		}
		pop(c, o);
	} else if (jp_type(ex) != JP_NULL) {
		return bad(c, "exec: expected an object or null");
	}
	if (!(a = get_arr(c, v, "fs")))
		return -1;
	d->nfs = jp_len(a);
	for (size_t i = 0; i < d->nfs; i++) {
		const struct jp_value *f = jp_at(a, i);
		size_t o = at_key(c, "fs"), o2 = at_idx(c, i);
		const char *eff, *base, *pat;
		uint8_t acc;
		int anchor;
		uint32_t rule;

		if (jp_type(f) != JP_OBJECT)
			return bad(c, "expected an object");
		if (check_rule(c, f, &rule) < 0 || get_str(c, f, "effect", &eff) < 0 ||
		    get_access(c, f, "access", &acc) < 0 || get_anchor(c, f, "anchor", false, &anchor) < 0 ||
		    get_relpath(c, f, "base", true, &base) < 0 || get_str(c, f, "pattern", &pat) < 0)
			return -1;
		if (strcmp(eff, "allow") && strcmp(eff, "deny"))
			return bad(c, "effect: expected \"allow\" or \"deny\"");
		if (!acc)
			return bad(c, "access: empty");
		if (!strcmp(eff, "deny"))
			d->nfs_deny++;
		pop(c, o2);
		pop(c, o);
	}
	if (get_bool(c, v, "net_none", &d->net_none) < 0 || !(a = get_arr(c, v, "net")))
		return -1;
	d->nnet = 0;
	for (size_t i = 0; i < jp_len(a); i++) {
		const struct jp_value *r = jp_at(a, i);
		size_t o = at_key(c, "net"), o2 = at_idx(c, i);
		const char *eff;
		uint32_t rule;

		if (jp_type(r) != JP_OBJECT)
			return bad(c, "expected an object");
		if (check_rule(c, r, &rule) < 0 || get_str(c, r, "effect", &eff) < 0)
			return -1;
		if (!strcmp(eff, "allow"))
			d->nnet++;
		else if (strcmp(eff, "deny"))
			return bad(c, "effect: expected \"allow\" or \"deny\"");
		pop(c, o2);
		pop(c, o);
	}
	if (d->net_none && d->nnet)
		return bad(c, "net_none with allow rules");
	if (!(a = get_arr(c, v, "unix")))
		return -1;
	d->nunix = jp_len(a);
	if (get_bool(c, v, "signal_children", &d->signal_children) < 0 || get_bool(c, v, "ptrace", &d->ptrace) < 0)
		return -1;
	if (!(a = get_arr(c, v, "env")))
		return -1;
	size_t o = at_key(c, "env");

	if (parse_env(c, a, d) < 0)
		return -1;
	pop(c, o);
	return parse_quota(c, v, "quota", &d->quota);
}

static int parse_ir(struct pc *c, const struct jp_value *root)
{
	struct nl_plan *p = c->p;
	uint64_t ver;
	const char *mode;
	const struct jp_value *a;

	if (jp_type(root) != JP_OBJECT)
		return bad(c, "expected an object");
	if (get_u64(c, root, "ir_version", UINT64_MAX, &ver) < 0)
		return -1;
	if (ver != IR_VERSION) {
		bad(c, "IR version %llu; this nono-load reads version %d", (unsigned long long)ver, IR_VERSION);
		nl_set_hint(c->e, "use a nono-load as new as the nonoc that built the bundle");
		return -1;
	}
	if (get_str(c, root, "policy", &p->policy) < 0 || get_u64(c, root, "version", UINT64_MAX, &p->version) < 0 ||
	    get_str(c, root, "mode", &mode) < 0)
		return -1;
	if (strcmp(mode, "enforce") && strcmp(mode, "audit"))
		return bad(c, "mode: expected \"enforce\" or \"audit\"");
	p->audit = !strcmp(mode, "audit");
	if (!(a = get_arr(c, root, "require")))
		return -1;
	for (size_t i = 0; i < jp_len(a); i++) {
		const char *s = jp_str(jp_at(a, i), NULL);
		int l = -1;

		for (int k = 0; s && k < NL_NLAYERS; k++)
			if (!strcmp(s, layer_names[k]))
				l = k;
		if (l < 0) {
			bad(c, "require[%zu]: unknown layer \"%s\"", i, s ? s : "(not a string)");
			nl_set_hint(c->e, "the policy requires a layer this nono-load does not know: use a newer one");
			return -1;
		}
		p->require |= 1u << l;
	}
	uint32_t llmin;

	if (get_u32(c, root, "landlock_min_abi", 1000, &llmin) < 0)
		return -1;
	p->landlock_min = llmin;
	if (parse_quota(c, root, "quota", &p->quota) < 0)
		return -1;
	if (!(a = get_arr(c, root, "domains")))
		return -1;
	p->ndomains = jp_len(a);
	if (!p->ndomains)
		return bad(c, "domains: empty (there is always an agent)");
	p->domains = calloc(p->ndomains, sizeof(*p->domains));
	if (!p->domains)
		return bad(c, "out of memory");
	for (size_t i = 0; i < p->ndomains; i++) {
		size_t o = at_key(c, "domains"), o2 = at_idx(c, i);

		if (parse_domain(c, jp_at(a, i), i, &p->domains[i]) < 0)
			return -1;
		pop(c, o2);
		pop(c, o);
	}
	if (!(a = get_arr(c, root, "transitions")))
		return -1;
	p->ntransitions = jp_len(a);
	for (size_t i = 0; i < p->ntransitions; i++) {
		const struct jp_value *t = jp_at(a, i);
		size_t o = at_key(c, "transitions"), o2 = at_idx(c, i);
		const char *path;
		int anchor;
		uint32_t dom;

		if (get_anchor(c, t, "anchor", false, &anchor) < 0 || get_relpath(c, t, "path", false, &path) < 0 ||
		    get_u32(c, t, "domain", UINT32_MAX, &dom) < 0)
			return -1;
		if (dom == 0 || dom >= p->ndomains)
			return bad(c, "domain %u: no such tool domain", dom);
		pop(c, o2);
		pop(c, o);
	}
	/* "syscalls" is the seccomp section's source; the programs come from .nono.seccomp. */
	if (!get_arr(c, root, "syscalls"))
		return -1;
	if (!(a = get_arr(c, root, "measures")))
		return -1;
	p->nmeasures = jp_len(a);
	p->measures = calloc(p->nmeasures ? p->nmeasures : 1, sizeof(*p->measures));
	if (!p->measures)
		return bad(c, "out of memory");
	for (size_t i = 0; i < p->nmeasures; i++) {
		const struct jp_value *m = jp_at(a, i);
		struct nl_measure *me = &p->measures[i];
		size_t o = at_key(c, "measures"), o2 = at_idx(c, i);
		const char *src;

		if (jp_type(m) != JP_OBJECT)
			return bad(c, "expected an object");
		if (get_str(c, m, "kind", &me->kind) < 0 || get_str(c, m, "path", &me->path) < 0 ||
		    get_sha(c, m, "sha256", me->sha256) < 0 || get_str(c, m, "source", &src) < 0 ||
		    check_rule(c, m, &me->rule) < 0)
			return -1;
		if (!me->path[0] || strlen(me->path) >= PATH_MAX)
			return bad(c, "path: empty or too long");
		if (!strcmp(src, "pinned"))
			me->pinned = true;
		else if (strcmp(src, "measured"))
			return bad(c, "source: expected \"measured\" or \"pinned\"");
		pop(c, o2);
		pop(c, o);
	}
	if (!(a = get_arr(c, root, "mounts")))
		return -1;
	p->nmounts = jp_len(a);
	p->mounts = calloc(p->nmounts ? p->nmounts : 1, sizeof(*p->mounts));
	if (!p->mounts)
		return bad(c, "out of memory");
	for (size_t i = 0; i < p->nmounts; i++) {
		const struct jp_value *m = jp_at(a, i);
		struct nl_mount *mo = &p->mounts[i];
		size_t o = at_key(c, "mounts"), o2 = at_idx(c, i);
		const char *kind;

		if (jp_type(m) != JP_OBJECT)
			return bad(c, "expected an object");
		if (get_anchor(c, m, "anchor", false, &mo->anchor) < 0 || get_relpath(c, m, "path", true, &mo->path) < 0 ||
		    get_str(c, m, "kind", &kind) < 0 || get_access(c, m, "access", &mo->access) < 0)
			return -1;
		if (!strcmp(kind, "mask"))
			mo->mask = true;
		else if (strcmp(kind, "bind"))
			return bad(c, "kind: expected \"bind\" or \"mask\"");
		if (mo->mask != !mo->access)
			return bad(c, "a bind needs access, a mask has none");
		pop(c, o2);
		pop(c, o);
	}
	return 0;
}

static int parse_ports(struct pc *c, const struct jp_value *net, const char *key, struct nl_ports *out)
{
	const struct jp_value *v = jp_get(net, key);
	size_t o = at_key(c, key);

	if (!v)
		return bad(c, "missing");
	if (jp_type(v) == JP_NULL) {
		out->restricted = false;
		pop(c, o);
		return 0;
	}
	if (jp_type(v) != JP_ARRAY || jp_len(v) > 65536)
		return bad(c, "expected null or an array of [lo, hi] port ranges");
	out->restricted = true;
	out->n = jp_len(v);
	out->range = calloc(out->n ? out->n : 1, sizeof(*out->range));
	if (!out->range)
		return bad(c, "out of memory");
	for (size_t i = 0; i < out->n; i++) {
		const struct jp_value *r = jp_at(v, i);
		uint64_t lo, hi;

		if (jp_len(r) != 2 || jp_type(r) != JP_ARRAY || jp_u64(jp_at(r, 0), &lo) < 0 ||
		    jp_u64(jp_at(r, 1), &hi) < 0 || lo > hi || hi > 65535)
			return bad(c, "element %zu: expected [lo, hi] with 0 <= lo <= hi <= 65535", i);
		out->range[i][0] = (uint16_t)lo;
		out->range[i][1] = (uint16_t)hi;
	}
	pop(c, o);
	return 0;
}

static int parse_landlock(struct pc *c, const struct jp_value *root)
{
	struct nl_plan *p = c->p;
	const struct jp_value *a, *net;
	uint64_t ver;

	if (jp_type(root) != JP_OBJECT)
		return bad(c, "expected an object");
	if (get_u64(c, root, "landlock_version", UINT64_MAX, &ver) < 0)
		return -1;
	if (ver != LL_VERSION)
		return bad(c, "format version %llu; this nono-load reads version %d", (unsigned long long)ver,
			   LL_VERSION);
	if (!(a = get_arr(c, root, "rules")))
		return -1;
	p->ll.nrules = jp_len(a);
	p->ll.rules = calloc(p->ll.nrules ? p->ll.nrules : 1, sizeof(*p->ll.rules));
	if (!p->ll.rules)
		return bad(c, "out of memory");
	for (size_t i = 0; i < p->ll.nrules; i++) {
		const struct jp_value *r = jp_at(a, i);
		struct nl_ll_rule *lr = &p->ll.rules[i];
		size_t o = at_key(c, "rules"), o2 = at_idx(c, i);

		if (jp_type(r) != JP_OBJECT)
			return bad(c, "expected an object");
		if (get_anchor(c, r, "anchor", false, &lr->anchor) < 0 || get_relpath(c, r, "path", true, &lr->path) < 0 ||
		    get_u64(c, r, "rights", nono_ll_fs_handled(NONO_LL_MAX_ABI), &lr->rights) < 0)
			return -1;
		if (!lr->rights)
			return bad(c, "rights: empty");
		pop(c, o2);
		pop(c, o);
	}
	if (!(net = member(c, root, "net", JP_OBJECT)))
		return -1;
	size_t o = at_key(c, "net");

	if (parse_ports(c, net, "connect_tcp", &p->ll.connect) < 0 || parse_ports(c, net, "bind_tcp", &p->ll.bind) < 0)
		return -1;
	pop(c, o);
	if (!(a = get_arr(c, root, "levels")))
		return -1;
	if (jp_len(a) != NL_LL_LEVELS)
		return bad(c, "levels: expected %d levels (ABI 1 to %d), found %zu", NL_LL_LEVELS, NL_LL_LEVELS,
			   jp_len(a));
	for (size_t i = 0; i < NL_LL_LEVELS; i++) {
		const struct jp_value *l = jp_at(a, i), *g;
		struct nl_ll_level *lv = &p->ll.levels[i];
		size_t o1 = at_key(c, "levels"), o2 = at_idx(c, i);
		uint32_t abi;

		if (jp_type(l) != JP_OBJECT)
			return bad(c, "expected an object");
		if (get_u32(c, l, "abi", 1000, &abi) < 0 || get_u64(c, l, "handled_fs", UINT64_MAX, &lv->handled_fs) < 0 ||
		    get_u64(c, l, "handled_net", UINT64_MAX, &lv->handled_net) < 0 ||
		    get_u64(c, l, "scoped", UINT64_MAX, &lv->scoped) < 0 || !(g = get_arr(c, l, "cannot_express")))
			return -1;
		lv->abi = abi;
		/* The compiler and this build must agree on what each ABI handles. */
		if (abi != i + 1 || lv->handled_fs != nono_ll_fs_handled(abi) ||
		    lv->handled_net != nono_ll_net_handled(abi) || lv->scoped != nono_ll_scoped(abi))
			return bad(c, "ABI %u: handled rights differ from this nono-load's table", abi);
		lv->ngaps = jp_len(g);
		lv->gaps = calloc(lv->ngaps ? lv->ngaps : 1, sizeof(*lv->gaps));
		if (!lv->gaps)
			return bad(c, "out of memory");
		for (size_t k = 0; k < lv->ngaps; k++) {
			const struct jp_value *gv = jp_at(g, k);
			size_t o3 = at_key(c, "cannot_express"), o4 = at_idx(c, k);

			if (jp_type(gv) != JP_OBJECT)
				return bad(c, "expected an object");
			if (check_rule(c, gv, &lv->gaps[k].rule) < 0 || get_str(c, gv, "why", &lv->gaps[k].why) < 0)
				return -1;
			pop(c, o4);
			pop(c, o3);
		}
		pop(c, o2);
		pop(c, o1);
	}
	return 0;
}

static uint32_t le32(const uint8_t *b)
{
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static int parse_seccomp(struct pc *c, const uint8_t *b, size_t len)
{
	struct nl_plan *p = c->p;
	size_t off = 12;

	if (len < 12 || memcmp(b, "NSCP", 4))
		return bad(c, "no \"NSCP\" header");
	if (le32(b + 4) != SC_VERSION)
		return bad(c, "format version %u; this nono-load reads version %d", le32(b + 4), SC_VERSION);
	uint32_t count = le32(b + 8);

	if (count > 16)
		return bad(c, "%u programs (at most 16)", count);
	p->seccomp = calloc(count ? count : 1, sizeof(*p->seccomp));
	if (!p->seccomp)
		return bad(c, "out of memory");
	for (uint32_t i = 0; i < count; i++) {
		struct nl_seccomp_prog *sp = &p->seccomp[i];
		size_t pc_at;

		if (len - off < 8)
			return bad(c, "program %u: truncated header", i);
		sp->audit_arch = le32(b + off);
		sp->len = le32(b + off + 4);
		off += 8;
		if (sp->len == 0 || sp->len > BPF_MAXINSNS)
			return bad(c, "program %u: %zu instructions (1 to %d)", i, sp->len, BPF_MAXINSNS);
		if ((len - off) / 8 < sp->len)
			return bad(c, "program %u: truncated (%zu instructions announced)", i, sp->len);
		for (size_t k = 0; k < i; k++)
			if (p->seccomp[k].audit_arch == sp->audit_arch)
				return bad(c, "two programs for architecture 0x%08x", sp->audit_arch);
		sp->insns = calloc(sp->len, sizeof(*sp->insns));
		if (!sp->insns)
			return bad(c, "out of memory");
		for (size_t k = 0; k < sp->len; k++, off += 8) {
			sp->insns[k].code = (uint16_t)(b[off] | b[off + 1] << 8);
			sp->insns[k].jt = b[off + 2];
			sp->insns[k].jf = b[off + 3];
			sp->insns[k].k = le32(b + off + 4);
		}
		p->nseccomp = i + 1;
		int rc = nono_cbpf_check(sp->insns, sp->len, &pc_at);

		if (rc != NONO_CBPF_OK)
			return bad(c, "program %u (architecture 0x%08x): instruction %zu: %s", i, sp->audit_arch, pc_at,
				   nono_cbpf_strerror(rc));
	}
	if (off != len)
		return bad(c, "%zu bytes after the last program", len - off);
	return 0;
}

static int parse_rules(struct pc *c, const struct jp_value *root)
{
	struct nl_plan *p = c->p;

	if (jp_type(root) != JP_ARRAY)
		return bad(c, "expected an array");
	p->nrules = jp_len(root);
	p->rules = calloc(p->nrules ? p->nrules : 1, sizeof(*p->rules));
	if (!p->rules)
		return bad(c, "out of memory");
	for (size_t i = 0; i < p->nrules; i++) {
		const struct jp_value *r = jp_at(root, i);
		struct nl_rule_src *s = &p->rules[i];
		size_t o = at_idx(c, i);

		if (jp_type(r) != JP_OBJECT)
			return bad(c, "expected an object");
		if (get_str(c, r, "file", &s->file) < 0 || get_u32(c, r, "line", UINT32_MAX, &s->line) < 0 ||
		    get_u32(c, r, "col", UINT32_MAX, &s->col) < 0 || get_str(c, r, "text", &s->text) < 0)
			return -1;
		pop(c, o);
	}
	return 0;
}

static int load_json(struct pc *c, const struct nono_bundle *b, const char *name, bool required, int slot,
		     int (*fn)(struct pc *, const struct jp_value *))
{
	size_t len;
	const uint8_t *data = nono_bundle_section(b, name, &len);
	char err[JP_ERR_SIZE];

	c->section = name;
	c->where[0] = '\0';
	if (!data) {
		if (!required)
			return 0;
		return bad(c, "missing");
	}
	c->p->docs[slot] = jp_parse((const char *)data, len, err, sizeof(err));
	if (!c->p->docs[slot])
		return bad(c, "not valid JSON: %s", err);
	return fn(c, jp_root(c->p->docs[slot]));
}

int nl_plan_load(const struct nono_bundle *b, struct nl_plan **out, struct nl_err *e)
{
	struct nl_plan *p = calloc(1, sizeof(*p));
	struct pc c = { .e = e, .p = p };
	size_t len;
	const uint8_t *sc;

	*out = NULL;
	if (!p)
		return nl_fail(e, NL_EXIT_SETUP, "out of memory");
	if (load_json(&c, b, ".nono.ir", true, 0, parse_ir) < 0 ||
	    load_json(&c, b, ".nono.landlock", true, 1, parse_landlock) < 0 ||
	    load_json(&c, b, ".nono.rules", false, 2, parse_rules) < 0)
		goto fail;
	c.section = ".nono.seccomp";
	c.where[0] = '\0';
	sc = nono_bundle_section(b, ".nono.seccomp", &len);
	if (!sc) {
		bad(&c, "missing");
		goto fail;
	}
	if (parse_seccomp(&c, sc, len) < 0)
		goto fail;
	if (p->nrules && p->max_rule >= p->nrules) {
		c.section = ".nono.rules";
		bad(&c, "rule %u is referenced but the table has %zu entries", p->max_rule, p->nrules);
		goto fail;
	}
	*out = p;
	return 0;
fail:
	nl_plan_free(p);
	return -1;
}

void nl_plan_free(struct nl_plan *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->ndomains; i++)
		free(p->domains[i].env);
	free(p->domains);
	free(p->mounts);
	free(p->measures);
	free(p->ll.rules);
	free(p->ll.connect.range);
	free(p->ll.bind.range);
	for (size_t i = 0; i < NL_LL_LEVELS; i++)
		free(p->ll.levels[i].gaps);
	for (size_t i = 0; i < p->nseccomp; i++)
		free(p->seccomp[i].insns);
	free(p->seccomp);
	free(p->rules);
	for (size_t i = 0; i < sizeof(p->docs) / sizeof(p->docs[0]); i++)
		jp_free(p->docs[i]);
	free(p);
}

const char *nl_plan_rule(const struct nl_plan *p, uint32_t id, char *buf, size_t len)
{
	if (id == 0)
		nl_fmt(buf, len, "%s", "");
	else if (id < p->nrules)
		snprintf(buf, len, "%s:%u:%u `%s`", p->rules[id].file, p->rules[id].line, p->rules[id].col,
			 p->rules[id].text);
	else
		snprintf(buf, len, "rule %u", id);
	return buf;
}

const struct nl_seccomp_prog *nl_plan_seccomp(const struct nl_plan *p, uint32_t audit_arch)
{
	for (size_t i = 0; i < p->nseccomp; i++)
		if (p->seccomp[i].audit_arch == audit_arch)
			return &p->seccomp[i];
	return NULL;
}
