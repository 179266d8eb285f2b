/* SPDX-License-Identifier: Apache-2.0 */
/*
 * nonoc diff A.bundle B.bundle: what a reviewer wants to see when a policy
 * changes — which capabilities changed, per domain.
 *
 * Both bundles are verified with the reader (the trust options of
 * `inspect`), their `.nono.ir` parsed with jsonp (and `.nono.rules`, for
 * where each rule was written), and compared on what they grant, never on
 * rule ids or source order, so moving a statement or compiling from another
 * file name shows nothing. Every capability is rendered as one canonical line (`allow
 * read,write $WORKDIR/src`, `deny all ~/.ssh`, `allow connect tcp
 * 10.0.0.5/32:5432`, `env set LANG=C.UTF-8`, `quota memory 512MiB`) and the
 * lines of A and B are compared as multisets:
 *
 *   +  a line B has and A does not (a new allow, or a new deny)
 *   -  a line A has and B does not
 *   ~  the same thing with another value (a quota, an env value, a digest,
 *      an exec path, the mode, the version, a mount's access)
 *
 * like diff(1): a `+ deny …` line tightens the policy. Within a section the
 * added lines come first, then the removed ones, then the changed ones, each
 * sorted, so the output depends only on the two policies.
 *
 * Sections: the policy header; measured inputs (`measure` files; exec pins
 * are shown with their domain); the domains, matched by name (B's order,
 * then the ones only A has); the syscall table (sandbox-wide, mapped back to
 * names per architecture and grouped by the rule that wrote them); the
 * mount view (derived from the fs rules, shown but not counted).
 * Transitions are not shown: they follow from the domains' exec paths.
 *
 * Exit status: 0 the bundles grant the same, 1 they differ, 2 error (usage,
 * I/O, a bundle refused, an IR this version does not understand).
 *
 * The IR of a bundle opened with --insecure-allow-unsigned is untrusted:
 * every member is type-checked before use, syscall ranges are bounded, and
 * the text output escapes control characters.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "bundle.h"
#include "json.h"
#include "jsonp.h"
#include "nonoc.h"
#include "syscalls.h"

int nonoc_cmd_diff(int argc, char **argv);

#define MAX_TRUST 16
#define MAX_ARCHES 8
#define MAX_NR 65536u /* syscall numbers must be below this */

/* ---- model ------------------------------------------------------------------- */

/* What a line is about; also the order of lines within a section. */
enum cat {
	C_POLICY, C_VERSION, C_MODE, C_REQUIRE, C_LANDLOCK,
	C_EXEC, C_PIN, C_FS, C_NET, C_NETNONE, C_UNIX, C_PROC, C_ENV, C_QUOTA,
	C_MEASURE, C_SYSCALL, C_MOUNT,
};

static const char *const cat_names[] = {
	"policy", "version", "mode", "require", "landlock_min_abi",
	"exec", "exec_sha256", "fs", "net", "net_none", "unix", "proc", "env", "quota",
	"measure", "syscall", "mount",
};

/* One capability of one side. */
struct entry {
	enum cat cat;
	const char *text;    /* the whole line: "allow read /srv/data", "quota memory 512MiB" */
	const char *key;     /* keyed categories: what pairs an old and a new value (else NULL) */
	const char *subject; /* keyed: what a ~ line names ("quota memory") */
	const char *value;   /* keyed: the value a ~ line shows ("512MiB") */
	int64_t rule;        /* rule id, or -1 */
	int used;
};

struct elist {
	struct entry *v;
	size_t n, cap;
};

enum op { OP_ADD, OP_DEL, OP_CHG };
static const char *const op_names[] = { "added", "removed", "changed" };
static const char op_marks[] = { '+', '-', '~' };

struct loc {
	const char *file; /* NULL: no location */
	uint64_t line;
};

struct change {
	enum op op;
	enum cat cat;
	const char *text;       /* + and -: the line; ~: its subject */
	const char *from, *to;  /* ~ */
	struct loc at;
	/* syscalls: the names, the architectures (bits into diff.arch), the actions */
	const char **names;
	size_t nnames;
	unsigned arches;
	const char *action;
	size_t count;           /* capabilities it stands for */
};

struct clist {
	struct change *v;
	size_t n, cap;
};

enum { D_CHANGED, D_ADDED, D_REMOVED };
static const char *const dstatus_names[] = { "changed", "added", "removed" };

struct domdiff {
	const char *name;
	int agent, status;
	size_t shared; /* added/removed domain: top-level rules it has like every domain */
	struct clist ch;
};

struct sysarch {
	const char *name;
	int64_t *act;   /* per number: SECCOMP_RET_* | data, or -1 (no rule: allowed) */
	uint32_t *rule;
	size_t n;
};

struct side {
	const char *path;
	struct nono_bundle *b;
	struct jp_doc *irdoc, *rulesdoc;
	const struct jp_value *ir, *rules;
	const char *name;
	uint64_t version;
	struct sysarch sys[MAX_ARCHES];
	size_t nsys;
};

struct diff {
	struct arena ar;
	struct side a, b;
	struct clist policy, measures, syscalls, mounts;
	struct domdiff *doms;
	size_t ndoms, capdoms;
	const char *arch[2 * MAX_ARCHES];
	size_t narch;
	size_t added, removed, changed, domains_changed;
};

/* ---- helpers ----------------------------------------------------------------- */

__attribute__((format(printf, 1, 2))) static int error(const char *fmt, ...)
{
	va_list ap;

	fputs("nonoc: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

/* Out of memory in a CLI command: say so and stop. */
static void *need(void *p)
{
	if (!p) {
		error("out of memory");
		exit(NONOC_EXIT_USAGE);
	}
	return p;
}

__attribute__((format(printf, 2, 3))) static const char *fmt(struct diff *d, const char *f, ...)
{
	va_list ap;
	char *s;

	va_start(ap, f);
	if (vasprintf(&s, f, ap) < 0)
		s = NULL;
	va_end(ap);
	need(s);
	char *copy = need(arena_strdup(&d->ar, s));

	free(s);
	return copy;
}

/* Grow an arena array (the old block is abandoned to the arena). */
static void *grow(struct diff *d, void *v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	size_t ncap = *cap ? *cap * 2 : 16;
	void *nv = need(arena_alloc(&d->ar, ncap * size));

	if (n)
		memcpy(nv, v, n * size);
	*cap = ncap;
	return nv;
}

/* qsort, also for an empty (possibly NULL) array. */
static void sort(void *v, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(v, n, size, cmp);
}

/* A problem with a bundle's IR: reported with the bundle and section. */
__attribute__((format(printf, 2, 3))) static int bad(const struct side *s, const char *f, ...)
{
	va_list ap;

	fprintf(stderr, "nonoc: error: %s: ", s->path);
	va_start(ap, f);
	vfprintf(stderr, f, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

static const char *str_of(const struct side *s, const struct jp_value *obj, const char *key, const char *where)
{
	const char *v = jp_str(jp_get(obj, key), NULL);

	if (!v)
		bad(s, ".nono.ir: %s: \"%s\" is missing or not a string", where, key);
	return v;
}

static int u64_of(const struct side *s, const struct jp_value *obj, const char *key, const char *where, uint64_t max,
		  uint64_t *out)
{
	if (jp_u64(jp_get(obj, key), out) < 0 || *out > max)
		return bad(s, ".nono.ir: %s: \"%s\" is missing or not an integer in 0..%" PRIu64, where, key, max);
	return 0;
}

static int bool_of(const struct side *s, const struct jp_value *obj, const char *key, const char *where, int *out)
{
	if (jp_bool(jp_get(obj, key), out) < 0)
		return bad(s, ".nono.ir: %s: \"%s\" is missing or not a boolean", where, key);
	return 0;
}

static const struct jp_value *arr_of(const struct side *s, const struct jp_value *obj, const char *key,
				     const char *where)
{
	const struct jp_value *v = jp_get(obj, key);

	if (jp_type(v) != JP_ARRAY) {
		bad(s, ".nono.ir: %s: \"%s\" is missing or not an array", where, key);
		return NULL;
	}
	return v;
}

static int is_hex64(const char *h)
{
	if (strlen(h) != 64)
		return 0;
	for (size_t i = 0; i < 64; i++)
		if (!((h[i] >= '0' && h[i] <= '9') || (h[i] >= 'a' && h[i] <= 'f')))
			return 0;
	return 1;
}

/* ---- rendering ----------------------------------------------------------------- */

/* An anchored path: "/" + "usr/bin" = "/usr/bin", "~" + "" = "~", then the pattern. */
static const char *path_of(struct diff *d, const char *anchor, const char *base, const char *pattern)
{
	const char *prefix = !strcmp(anchor, "relative") ? "" : anchor;
	const char *p;

	if (!*base)
		p = prefix;
	else if (!*prefix)
		p = base;
	else if (prefix[strlen(prefix) - 1] == '/')
		p = fmt(d, "%s%s", prefix, base);
	else
		p = fmt(d, "%s/%s", prefix, base);
	if (*pattern) {
		if (!*p)
			p = pattern;
		else if (p[strlen(p) - 1] == '/')
			p = fmt(d, "%s%s", p, pattern);
		else
			p = fmt(d, "%s/%s", p, pattern);
	}
	return *p ? p : ".";
}

/* An access list: "read,write", or "all" for read, write and exec. */
static const char *access_of(struct diff *d, const struct side *s, const struct jp_value *acc, const char *where)
{
	char buf[256] = "";
	size_t n = 0;
	int r = 0, w = 0, x = 0;

	if (jp_type(acc) != JP_ARRAY) {
		bad(s, ".nono.ir: %s: \"access\" is missing or not an array", where);
		return NULL;
	}
	for (size_t i = 0; i < jp_len(acc); i++) {
		const char *a = jp_str(jp_at(acc, i), NULL);

		if (!a) {
			bad(s, ".nono.ir: %s: access[%zu] is not a string", where, i);
			return NULL;
		}
		r |= !strcmp(a, "read");
		w |= !strcmp(a, "write");
		x |= !strcmp(a, "exec");
		if (n + strlen(a) + 2 >= sizeof(buf)) {
			bad(s, ".nono.ir: %s: access list too long", where);
			return NULL;
		}
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s", i ? "," : "", a);
	}
	if (r && w && x && jp_len(acc) == 3)
		return "all";
	return n ? fmt(d, "%s", buf) : "none";
}

static const char *hexdigest(const struct side *s, const struct jp_value *obj, const char *where)
{
	const char *h = str_of(s, obj, "sha256", where);

	if (h && !is_hex64(h)) {
		bad(s, ".nono.ir: %s: \"sha256\" is not 64 lowercase hex digits", where);
		return NULL;
	}
	return h;
}

/* Sizes and rates in the units a policy is written in. */
static const char *bytes_of(struct diff *d, uint64_t v, const char *per)
{
	static const struct {
		uint64_t unit;
		const char *name;
	} units[] = { { 1ull << 40, "TiB" }, { 1ull << 30, "GiB" }, { 1ull << 20, "MiB" }, { 1ull << 10, "KiB" } };

	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (v >= units[i].unit && v % units[i].unit == 0)
			return fmt(d, "%" PRIu64 "%s%s", v / units[i].unit, units[i].name, per);
	return fmt(d, "%" PRIu64 " bytes%s", v, per);
}

static const char *quota_value(struct diff *d, const char *key, uint64_t v)
{
	if (!strcmp(key, "memory_bytes"))
		return bytes_of(d, v, "");
	if (!strcmp(key, "io_read_bytes_per_s") || !strcmp(key, "io_write_bytes_per_s"))
		return bytes_of(d, v, "/s");
	if (!strcmp(key, "cpu_millicores")) {
		if (v % 10 == 0)
			return fmt(d, "%" PRIu64 "%%", v / 10); /* percent of one core */
		return fmt(d, "%" PRIu64 " millicores", v);
	}
	if (!strcmp(key, "wall_ms")) {
		if (v && v % 3600000 == 0)
			return fmt(d, "%" PRIu64 "h", v / 3600000);
		if (v && v % 60000 == 0)
			return fmt(d, "%" PRIu64 "m", v / 60000);
		if (v && v % 1000 == 0)
			return fmt(d, "%" PRIu64 "s", v / 1000);
		return fmt(d, "%" PRIu64 "ms", v);
	}
	return fmt(d, "%" PRIu64, v);
}

static const char *quota_name(const char *key)
{
	static const char *const names[][2] = {
		{ "memory_bytes", "memory" }, { "cpu_millicores", "cpu" }, { "pids", "pids" },
		{ "io_read_bytes_per_s", "io read" }, { "io_write_bytes_per_s", "io write" },
		{ "wall_ms", "wall" }, { "files", "files" },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(key, names[i][0]))
			return names[i][1];
	return key;
}

/* A SECCOMP_RET_* action as a verb. */
static const char *action_of(struct diff *d, int64_t a)
{
	uint32_t act = (uint32_t)a & 0xffff0000u, data = (uint32_t)a & 0xffffu;

	switch (act) {
	case 0x80000000u: return "kill";        /* KILL_PROCESS */
	case 0x00000000u: return "kill-thread"; /* KILL_THREAD */
	case 0x00030000u: return "trap";
	case 0x00050000u: return data == 1 ? "deny" : fmt(d, "deny errno %u", data); /* ERRNO(EPERM) */
	case 0x7fc00000u: return "notify";      /* USER_NOTIF */
	case 0x7ff00000u: return "trace";
	case 0x7ffc0000u: return "log";         /* mode audit */
	case 0x7fff0000u: return "allow";
	}
	return fmt(d, "action 0x%08" PRIx32, (uint32_t)a);
}

/* ---- entries ------------------------------------------------------------------- */

static struct entry *add_entry(struct diff *d, struct elist *l, enum cat cat, const char *text, int64_t rule)
{
	l->v = grow(d, l->v, l->n, &l->cap, sizeof(*l->v));
	struct entry *e = &l->v[l->n++];

	memset(e, 0, sizeof(*e));
	e->cat = cat;
	e->text = text;
	e->rule = rule;
	return e;
}

static void add_keyed(struct diff *d, struct elist *l, enum cat cat, const char *key, const char *subject,
		      const char *value, const char *text, int64_t rule)
{
	struct entry *e = add_entry(d, l, cat, text, rule);

	e->key = key;
	e->subject = subject;
	e->value = value;
}

static int rule_of(const struct side *s, const struct jp_value *obj, const char *where, int64_t *rule)
{
	uint64_t r;

	if (u64_of(s, obj, "rule", where, UINT32_MAX, &r) < 0)
		return -1;
	*rule = (int64_t)r;
	return 0;
}

static int quota_entries(struct diff *d, const struct side *s, const struct jp_value *q, const char *where,
			 struct elist *l)
{
	if (jp_type(q) != JP_OBJECT)
		return bad(s, ".nono.ir: %s: \"quota\" is missing or not an object", where);
	for (size_t i = 0; i < jp_len(q); i++) {
		const char *k = jp_key_at(q, i), *name = quota_name(k), *v;
		uint64_t n;

		if (jp_u64(jp_val_at(q, i), &n) < 0)
			return bad(s, ".nono.ir: %s: quota \"%s\" is not an integer", where, k);
		v = quota_value(d, k, n);
		add_keyed(d, l, C_QUOTA, k, fmt(d, "quota %s", name), v, fmt(d, "quota %s %s", name, v), -1);
	}
	return 0;
}

static const char *fs_text(struct diff *d, const struct side *s, const struct jp_value *r, const char *where)
{
	const char *effect = str_of(s, r, "effect", where), *acc, *anchor, *base, *pattern;

	if (!effect || !(acc = access_of(d, s, jp_get(r, "access"), where)) || !(anchor = str_of(s, r, "anchor", where)) ||
	    !(base = str_of(s, r, "base", where)) || !(pattern = str_of(s, r, "pattern", where)))
		return NULL;
	return fmt(d, "%s %s %s", effect, acc, path_of(d, anchor, base, pattern));
}

static const char *net_text(struct diff *d, const struct side *s, const struct jp_value *r, const char *where)
{
	const char *effect = str_of(s, r, "effect", where), *op, *proto, *addr, *ports = NULL, *target;
	uint64_t lo, hi;

	if (!effect || !(op = str_of(s, r, "op", where)) || !(proto = str_of(s, r, "proto", where)) ||
	    !(addr = str_of(s, r, "address", where)) || u64_of(s, r, "port_lo", where, 65535, &lo) < 0 ||
	    u64_of(s, r, "port_hi", where, 65535, &hi) < 0)
		return NULL;
	if (lo == hi)
		ports = fmt(d, "%" PRIu64, lo);
	else if (lo != 0 || hi != 65535)
		ports = fmt(d, "%" PRIu64 "-%" PRIu64, lo, hi);
	if (!strcmp(addr, "any") && !strcmp(op, "bind"))
		target = ports ? ports : "any";             /* allow bind tcp 8080 */
	else if (!ports)
		target = addr;                              /* deny connect 169.254.169.254/32 */
	else if (strchr(addr, ':'))
		target = fmt(d, "[%s]:%s", addr, ports);    /* [2001:db8::1/128]:443 */
	else
		target = fmt(d, "%s:%s", addr, ports);      /* 10.0.0.5/32:5432 */
	if (!strcmp(proto, "any"))
		return fmt(d, "%s %s %s", effect, op, target);
	return fmt(d, "%s %s %s %s", effect, op, proto, target);
}

/* Everything one domain grants or denies. */
static int domain_entries(struct diff *d, const struct side *s, const struct jp_value *dm, size_t idx,
			  struct elist *l)
{
	const char *name = str_of(s, dm, "name", fmt(d, "domains[%zu]", idx)), *where;
	const struct jp_value *exec, *list;
	int flag;

	if (!name)
		return -1;
	where = fmt(d, "domain '%s'", name);
	exec = jp_get(dm, "exec");
	if (jp_type(exec) == JP_OBJECT) {
		const char *anchor = str_of(s, exec, "anchor", where), *path = str_of(s, exec, "path", where), *p;

		if (!anchor || !path)
			return -1;
		p = path_of(d, anchor, path, "");
		add_keyed(d, l, C_EXEC, "exec", "exec", p, fmt(d, "exec %s", p), -1);
		if (jp_get(exec, "sha256")) {
			const char *h = hexdigest(s, exec, where);

			if (!h)
				return -1;
			add_keyed(d, l, C_PIN, "sha256", "exec sha256", h, fmt(d, "exec sha256 %s", h), -1);
		}
	} else if (jp_type(exec) != JP_NULL || !exec) {
		return bad(s, ".nono.ir: %s: \"exec\" is missing or not an object or null", where);
	}

	if (!(list = arr_of(s, dm, "fs", where)))
		return -1;
	for (size_t i = 0; i < jp_len(list); i++) {
		const struct jp_value *r = jp_at(list, i);
		const char *w = fmt(d, "%s: fs[%zu]", where, i), *t = fs_text(d, s, r, w);
		int64_t rule;

		if (!t || rule_of(s, r, w, &rule) < 0)
			return -1;
		add_entry(d, l, C_FS, t, rule);
	}
	if (!(list = arr_of(s, dm, "net", where)))
		return -1;
	for (size_t i = 0; i < jp_len(list); i++) {
		const struct jp_value *r = jp_at(list, i);
		const char *w = fmt(d, "%s: net[%zu]", where, i), *t = net_text(d, s, r, w);
		int64_t rule;

		if (!t || rule_of(s, r, w, &rule) < 0)
			return -1;
		add_entry(d, l, C_NET, t, rule);
	}
	if (bool_of(s, dm, "net_none", where, &flag) < 0)
		return -1;
	if (flag)
		add_entry(d, l, C_NETNONE, "net none", -1);
	if (!(list = arr_of(s, dm, "unix", where)))
		return -1;
	for (size_t i = 0; i < jp_len(list); i++) {
		const char *p = jp_str(jp_at(list, i), NULL);

		if (!p)
			return bad(s, ".nono.ir: %s: unix[%zu] is not a string", where, i);
		add_entry(d, l, C_UNIX, fmt(d, "allow unix %s", path_of(d, "/", p, "")), -1);
	}
	if (bool_of(s, dm, "signal_children", where, &flag) < 0)
		return -1;
	if (flag)
		add_entry(d, l, C_PROC, "proc signal children", -1);
	if (bool_of(s, dm, "ptrace", where, &flag) < 0)
		return -1;
	if (flag)
		add_entry(d, l, C_PROC, "proc ptrace", -1);
	if (!(list = arr_of(s, dm, "env", where)))
		return -1;
	for (size_t i = 0; i < jp_len(list); i++) {
		const struct jp_value *e = jp_at(list, i), *val = jp_get(e, "value");
		const char *w = fmt(d, "%s: env[%zu]", where, i), *n = str_of(s, e, "name", w), *v = jp_str(val, NULL);
		int64_t rule;

		if (!n || rule_of(s, e, w, &rule) < 0)
			return -1;
		if (!v && jp_type(val) != JP_NULL)
			return bad(s, ".nono.ir: %s: \"value\" is not a string or null", w);
		if (!v || jp_type(val) != JP_STRING)
			add_keyed(d, l, C_ENV, n, fmt(d, "env %s", n), "pass", fmt(d, "env pass %s", n), rule);
		else
			add_keyed(d, l, C_ENV, n, fmt(d, "env %s", n), fmt(d, "set %s", v), fmt(d, "env set %s=%s", n, v),
				  rule);
	}
	return quota_entries(d, s, jp_get(dm, "quota"), where, l);
}

/* ---- diffing two entry lists ------------------------------------------------------ */

static int entry_cmp(const void *x, const void *y)
{
	const struct entry *a = x, *b = y;
	int c;

	if (a->cat != b->cat)
		return a->cat < b->cat ? -1 : 1;
	if ((c = strcmp(a->text, b->text)))
		return c;
	return a->rule < b->rule ? -1 : a->rule > b->rule;
}

static int entry_key_cmp(const struct entry *a, const struct entry *b)
{
	if (a->cat != b->cat)
		return a->cat < b->cat ? -1 : 1;
	return strcmp(a->key ? a->key : a->text, b->key ? b->key : b->text);
}

static int rule_cmp(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;

	return a < b ? -1 : a > b;
}

static struct loc loc_of(const struct side *s, int64_t rule)
{
	struct loc l = { NULL, 0 };
	const struct jp_value *r = rule > 0 ? jp_at(s->rules, (size_t)rule) : NULL;
	const char *file = jp_str(jp_get(r, "file"), NULL);
	uint64_t line;

	if (file && *file && jp_u64(jp_get(r, "line"), &line) == 0) {
		l.file = file;
		l.line = line;
	}
	return l;
}

static struct change *add_change(struct diff *d, struct clist *l, enum op op, enum cat cat, const char *text)
{
	l->v = grow(d, l->v, l->n, &l->cap, sizeof(*l->v));
	struct change *c = &l->v[l->n++];

	memset(c, 0, sizeof(*c));
	c->op = op;
	c->cat = cat;
	c->text = text;
	c->count = 1;
	return c;
}

/* ~ lines: by category, subject, old and new value. */
static int change_cmp(const void *x, const void *y)
{
	const struct change *a = x, *b = y;
	int c;

	if (a->cat != b->cat)
		return a->cat < b->cat ? -1 : 1;
	if ((c = strcmp(a->text, b->text)) || (c = strcmp(a->from, b->from)))
		return c;
	return strcmp(a->to, b->to);
}

/*
 * The changes from @ea (side A) to @eb (side B): the lines only B has (+),
 * only A has (-), and for keyed categories a line on each side with the same
 * key (~). Both lists are sorted in place. When @shared_from is set (a domain
 * only one side has), lines of rules that other domains of that side have too
 * (top-level rules) are counted in *@shared instead of listed.
 */
static void diff_entries(struct diff *d, struct elist *ea, struct elist *eb, struct clist *out,
			 const struct elist *shared_from, size_t *shared)
{
	size_t i = 0, j = 0;

	sort(ea->v, ea->n, sizeof(*ea->v), entry_cmp);
	sort(eb->v, eb->n, sizeof(*eb->v), entry_cmp);
	/* Exact matches: the same line on both sides (as many times as both have it). */
	while (i < ea->n && j < eb->n) {
		int c = entry_cmp(&ea->v[i], &eb->v[j]);

		if (c == 0 || (ea->v[i].cat == eb->v[j].cat && !strcmp(ea->v[i].text, eb->v[j].text))) {
			ea->v[i++].used = 1;
			eb->v[j++].used = 1;
		} else if (c < 0) {
			i++;
		} else {
			j++;
		}
	}
	/* Keyed: an unmatched line on each side with the same key is a change. */
	for (i = 0; i < ea->n; i++) {
		struct entry *a = &ea->v[i];

		if (a->used || !a->key)
			continue;
		for (j = 0; j < eb->n; j++) {
			struct entry *b = &eb->v[j];

			if (b->used || !b->key || entry_key_cmp(a, b) != 0)
				continue;
			a->used = b->used = 2;
			struct change *c = add_change(d, out, OP_CHG, b->cat, b->subject);

			c->from = a->value;
			c->to = b->value;
			c->at = loc_of(&d->b, b->rule);
			break;
		}
	}
	/* The rule ids of the other domains, sorted, for telling top-level rules apart. */
	int64_t *others = NULL;
	size_t nothers = 0;

	if (shared_from && shared_from->n) {
		others = need(arena_alloc(&d->ar, shared_from->n * sizeof(*others)));
		for (i = 0; i < shared_from->n; i++)
			if (shared_from->v[i].rule >= 0)
				others[nothers++] = shared_from->v[i].rule;
		sort(others, nothers, sizeof(*others), rule_cmp);
	}
	/* What is left: added, then removed; each sorted by category and text. */
	for (int side = 0; side < 2; side++) {
		struct elist *l = side ? ea : eb;
		const struct side *s = side ? &d->a : &d->b;

		for (i = 0; i < l->n; i++) {
			struct entry *e = &l->v[i];

			if (e->used)
				continue;
			if (e->rule >= 0 && nothers && bsearch(&e->rule, others, nothers, sizeof(*others), rule_cmp)) {
				(*shared)++;
				continue;
			}
			struct change *c = add_change(d, out, side ? OP_DEL : OP_ADD, e->cat, e->text);

			c->at = loc_of(s, e->rule);
		}
	}
	/* The ~ lines go after the others, sorted by category and subject. */
	size_t nchg = 0;

	for (i = 0; i < out->n; i++)
		nchg += out->v[i].op == OP_CHG;
	if (nchg) {
		struct change *tmp = need(arena_alloc(&d->ar, out->n * sizeof(*tmp)));
		size_t k = 0;

		for (i = 0; i < out->n; i++)
			if (out->v[i].op != OP_CHG)
				tmp[k++] = out->v[i];
		for (i = 0; i < out->n; i++)
			if (out->v[i].op == OP_CHG)
				tmp[k++] = out->v[i];
		sort(tmp + out->n - nchg, nchg, sizeof(*tmp), change_cmp);
		memcpy(out->v, tmp, out->n * sizeof(*tmp));
	}
}

/* ---- the header, measures, mounts ---------------------------------------------------- */

static int header_entries(struct diff *d, struct side *s, struct elist *l)
{
	const struct jp_value *ir = s->ir, *req;
	const char *mode;
	uint64_t ll;

	if (!(s->name = str_of(s, ir, "policy", "top level")) ||
	    u64_of(s, ir, "version", "top level", UINT64_MAX, &s->version) < 0 ||
	    !(mode = str_of(s, ir, "mode", "top level")) ||
	    u64_of(s, ir, "landlock_min_abi", "top level", UINT32_MAX, &ll) < 0 ||
	    !(req = arr_of(s, ir, "require", "top level")))
		return -1;
	add_keyed(d, l, C_POLICY, "policy", "policy", s->name, fmt(d, "policy %s", s->name), -1);
	add_keyed(d, l, C_VERSION, "version", "version", fmt(d, "%" PRIu64, s->version),
		  fmt(d, "version %" PRIu64, s->version), -1);
	add_keyed(d, l, C_MODE, "mode", "mode", mode, fmt(d, "mode %s", mode), -1);
	for (size_t i = 0; i < jp_len(req); i++) {
		const char *r = jp_str(jp_at(req, i), NULL);

		if (!r)
			return bad(s, ".nono.ir: require[%zu] is not a string", i);
		add_entry(d, l, C_REQUIRE, fmt(d, "require %s", r), -1);
	}
	add_keyed(d, l, C_LANDLOCK, "landlock_min_abi", "landlock_min_abi", fmt(d, "%" PRIu64, ll),
		  fmt(d, "landlock_min_abi %" PRIu64, ll), -1);
	return quota_entries(d, s, jp_get(ir, "quota"), "top level", l);
}

static int measure_entries(struct diff *d, const struct side *s, struct elist *l)
{
	const struct jp_value *list = arr_of(s, s->ir, "measures", "top level");

	if (!list)
		return -1;
	for (size_t i = 0; i < jp_len(list); i++) {
		const struct jp_value *m = jp_at(list, i);
		const char *w = fmt(d, "measures[%zu]", i), *kind = str_of(s, m, "kind", w), *path, *src, *h;
		int64_t rule;

		if (!kind || !(path = str_of(s, m, "path", w)) || !(src = str_of(s, m, "source", w)) ||
		    !(h = hexdigest(s, m, w)) || rule_of(s, m, w, &rule) < 0)
			return -1;
		if (!strcmp(src, "pinned"))
			continue; /* an exec sha256: shown with its domain */
		add_keyed(d, l, C_MEASURE, fmt(d, "%s %s", kind, path), fmt(d, "measure %s %s", kind, path),
			  h, fmt(d, "measure %s %s sha256 %s", kind, path, h), rule);
	}
	return 0;
}

static int mount_entries(struct diff *d, const struct side *s, struct elist *l)
{
	const struct jp_value *list = arr_of(s, s->ir, "mounts", "top level");

	if (!list)
		return -1;
	for (size_t i = 0; i < jp_len(list); i++) {
		const struct jp_value *m = jp_at(list, i);
		const char *w = fmt(d, "mounts[%zu]", i), *anchor = str_of(s, m, "anchor", w), *path, *kind, *acc, *what;

		if (!anchor || !(path = str_of(s, m, "path", w)) || !(kind = str_of(s, m, "kind", w)) ||
		    !(acc = access_of(d, s, jp_get(m, "access"), w)))
			return -1;
		what = fmt(d, "%s %s", kind, path_of(d, anchor, path, ""));
		add_keyed(d, l, C_MOUNT, what, what, acc, strcmp(acc, "none") ? fmt(d, "%s (%s)", what, acc) : what, -1);
	}
	return 0;
}

/* ---- syscalls --------------------------------------------------------------------------- */

static int load_sys(struct diff *d, struct side *s)
{
	const struct jp_value *list = arr_of(s, s->ir, "syscalls", "top level");

	if (!list)
		return -1;
	if (jp_len(list) > MAX_ARCHES)
		return bad(s, ".nono.ir: more than %d architectures in \"syscalls\"", MAX_ARCHES);
	for (size_t a = 0; a < jp_len(list); a++) {
		const struct jp_value *e = jp_at(list, a), *ranges;
		const char *w = fmt(d, "syscalls[%zu]", a);
		struct sysarch *sa = &s->sys[s->nsys];
		uint64_t lo, hi, act, rule, prev = 0;
		size_t n = 0;

		if (!(sa->name = str_of(s, e, "arch", w)) || !(ranges = arr_of(s, e, "ranges", w)))
			return -1;
		for (size_t k = 0; k < s->nsys; k++)
			if (!strcmp(s->sys[k].name, sa->name))
				return bad(s, ".nono.ir: architecture %s listed twice in \"syscalls\"", sa->name);
		/* Sorted, non-overlapping, below MAX_NR (the IR's invariant): so filling is bounded. */
		for (size_t i = 0; i < jp_len(ranges); i++) {
			const struct jp_value *r = jp_at(ranges, i);
			const char *wr = fmt(d, "%s: ranges[%zu]", w, i);

			if (u64_of(s, r, "lo", wr, MAX_NR - 1, &lo) < 0 || u64_of(s, r, "hi", wr, MAX_NR - 1, &hi) < 0 ||
			    u64_of(s, r, "action", wr, UINT32_MAX, &act) < 0 || u64_of(s, r, "rule", wr, UINT32_MAX, &rule) < 0)
				return -1;
			if (lo > hi || (i && lo < prev))
				return bad(s, ".nono.ir: %s: ranges are not sorted and disjoint", wr);
			prev = hi + 1;
			n = hi + 1;
		}
		sa->n = n;
		sa->act = need(arena_alloc(&d->ar, (n ? n : 1) * sizeof(*sa->act)));
		sa->rule = need(arena_alloc(&d->ar, (n ? n : 1) * sizeof(*sa->rule)));
		for (size_t nr = 0; nr < n; nr++)
			sa->act[nr] = -1;
		for (size_t i = 0; i < jp_len(ranges); i++) {
			const struct jp_value *r = jp_at(ranges, i);

			jp_u64(jp_get(r, "lo"), &lo);
			jp_u64(jp_get(r, "hi"), &hi);
			jp_u64(jp_get(r, "action"), &act);
			jp_u64(jp_get(r, "rule"), &rule);
			for (uint64_t nr = lo; nr <= hi; nr++) {
				sa->act[nr] = (int64_t)act;
				sa->rule[nr] = (uint32_t)rule;
			}
		}
		s->nsys++;
	}
	return 0;
}

/* The name of syscall @nr on @arch, or "#NR". */
static const char *sys_name(struct diff *d, const char *arch, size_t nr)
{
	size_t n;
	const struct nono_syscall_info *t = nono_syscall_table(&n);
	int x86 = !strcmp(arch, "x86_64"), arm = !strcmp(arch, "aarch64");

	for (size_t i = 0; (x86 || arm) && i < n; i++)
		if ((x86 ? t[i].nr_x86_64 : t[i].nr_aarch64) == (int)nr)
			return t[i].name;
	return fmt(d, "#%zu", nr);
}

struct sysrec {
	const char *name;
	enum op op;
	int64_t from, to;
	struct loc at;
	unsigned arches;
};

static int loc_cmp(const struct loc *a, const struct loc *b)
{
	int c;

	if (!a->file || !b->file)
		return !a->file - !b->file;
	if ((c = strcmp(a->file, b->file)))
		return c;
	return a->line < b->line ? -1 : a->line > b->line;
}

/* Same change (everything but the name and architectures). */
static int sysrec_kind_cmp(const struct sysrec *a, const struct sysrec *b)
{
	if (a->op != b->op)
		return a->op < b->op ? -1 : 1;
	if (a->from != b->from)
		return a->from < b->from ? -1 : 1;
	if (a->to != b->to)
		return a->to < b->to ? -1 : 1;
	return loc_cmp(&a->at, &b->at);
}

static int sysrec_by_name(const void *x, const void *y)
{
	const struct sysrec *a = x, *b = y;
	int c = sysrec_kind_cmp(a, b);

	return c ? c : strcmp(a->name, b->name);
}

static int sysrec_by_group(const void *x, const void *y)
{
	const struct sysrec *a = x, *b = y;
	int c = sysrec_kind_cmp(a, b);

	if (c)
		return c;
	if (a->arches != b->arches)
		return a->arches < b->arches ? -1 : 1;
	return strcmp(a->name, b->name);
}

static void diff_syscalls(struct diff *d)
{
	struct sysrec *rec = NULL;
	size_t nrec = 0, cap = 0;

	/* The architectures of both sides: A's order, then B's new ones. */
	for (size_t k = 0; k < d->a.nsys; k++)
		d->arch[d->narch++] = d->a.sys[k].name;
	for (size_t k = 0; k < d->b.nsys; k++) {
		size_t j = 0;

		while (j < d->narch && strcmp(d->arch[j], d->b.sys[k].name))
			j++;
		if (j == d->narch)
			d->arch[d->narch++] = d->b.sys[k].name;
	}
	for (size_t ai = 0; ai < d->narch; ai++) {
		const struct sysarch *sa = NULL, *sb = NULL;

		for (size_t k = 0; k < d->a.nsys; k++)
			if (!strcmp(d->a.sys[k].name, d->arch[ai]))
				sa = &d->a.sys[k];
		for (size_t k = 0; k < d->b.nsys; k++)
			if (!strcmp(d->b.sys[k].name, d->arch[ai]))
				sb = &d->b.sys[k];
		size_t na = sa ? sa->n : 0, nb = sb ? sb->n : 0, n = na > nb ? na : nb;

		for (size_t nr = 0; nr < n; nr++) {
			int64_t from = nr < na ? sa->act[nr] : -1, to = nr < nb ? sb->act[nr] : -1;

			if (from == to)
				continue;
			rec = grow(d, rec, nrec, &cap, sizeof(*rec));
			struct sysrec *r = &rec[nrec++];

			r->name = sys_name(d, d->arch[ai], nr);
			r->op = from < 0 ? OP_ADD : to < 0 ? OP_DEL : OP_CHG;
			r->from = from;
			r->to = to;
			r->at = r->op == OP_DEL ? loc_of(&d->a, sa->rule[nr]) : loc_of(&d->b, sb->rule[nr]);
			r->arches = 1u << ai;
		}
	}
	/* One record per name and change, with its architectures; then grouped. */
	sort(rec, nrec, sizeof(*rec), sysrec_by_name);
	size_t m = 0;

	for (size_t i = 0; i < nrec; i++) {
		if (m && !sysrec_kind_cmp(&rec[m - 1], &rec[i]) && !strcmp(rec[m - 1].name, rec[i].name))
			rec[m - 1].arches |= rec[i].arches;
		else
			rec[m++] = rec[i];
	}
	sort(rec, m, sizeof(*rec), sysrec_by_group);
	unsigned all = d->narch >= 32 ? ~0u : (1u << d->narch) - 1;

	for (size_t i = 0; i < m;) {
		size_t j = i;

		while (j < m && !sysrec_kind_cmp(&rec[i], &rec[j]) && rec[i].arches == rec[j].arches)
			j++;
		struct change *c = add_change(d, &d->syscalls, rec[i].op, C_SYSCALL, NULL);
		const char **names = need(arena_alloc(&d->ar, (j - i) * sizeof(*names)));
		size_t len = 0;

		for (size_t k = i; k < j; k++) {
			names[k - i] = rec[k].name;
			len += strlen(rec[k].name) + 2;
		}
		c->names = names;
		c->nnames = c->count = j - i;
		c->arches = rec[i].arches;
		c->at = rec[i].at;
		c->action = action_of(d, rec[i].op == OP_DEL ? rec[i].from : rec[i].to);
		if (rec[i].op == OP_CHG) {
			c->from = action_of(d, rec[i].from);
			c->to = action_of(d, rec[i].to);
		}
		/* The text: "deny mount, umount2 (x86_64 only)" / "mount: deny -> log". */
		char *list = need(arena_alloc(&d->ar, len + 1)), *p = list;

		for (size_t k = 0; k < c->nnames; k++)
			p += sprintf(p, "%s%s", k ? ", " : "", names[k]);
		const char *archs = "";

		if (c->arches != all) {
			archs = "";
			for (size_t a = 0; a < d->narch; a++)
				if (c->arches & (1u << a))
					archs = fmt(d, "%s%s%s", archs, *archs ? ", " : "", d->arch[a]);
			archs = fmt(d, " (%s%s)", archs, (c->arches & (c->arches - 1)) ? "" : " only");
		}
		c->text = rec[i].op == OP_CHG ? fmt(d, "%s%s", list, archs) : fmt(d, "%s %s%s", c->action, list, archs);
		i = j;
	}
}

/* ---- loading a bundle ----------------------------------------------------------------------- */

static int load(struct side *s, const uint8_t (*keys)[32], size_t ntrust, unsigned flags)
{
	char err[NONO_BUNDLE_ERR_SIZE];
	uint8_t *bytes = NULL;
	size_t len = 0, n;
	const uint8_t *sec;
	uint64_t irv;

	if (nono_bundle_read_file(s->path, &bytes, &len, err, sizeof(err)) < 0)
		return error("%s", err);
	if (nono_bundle_open(bytes, len, keys, ntrust, flags, &s->b, err, sizeof(err)) < 0) {
		free(bytes);
		return error("%s: %s", s->path, err);
	}
	free(bytes);
	sec = nono_bundle_section(s->b, ".nono.ir", &n);
	if (!sec)
		return bad(s, "no .nono.ir section (not a compiled policy?)");
	if (!(s->irdoc = jp_parse((const char *)sec, n, err, sizeof(err))))
		return bad(s, ".nono.ir: %s", err);
	s->ir = jp_root(s->irdoc);
	if (jp_type(s->ir) != JP_OBJECT)
		return bad(s, ".nono.ir: not a JSON object");
	if (jp_u64(jp_get(s->ir, "ir_version"), &irv) < 0 || irv != 1)
		return bad(s, ".nono.ir: unsupported \"ir_version\" (this nonoc reads version 1)");
	sec = nono_bundle_section(s->b, ".nono.rules", &n);
	if (sec) {
		if (!(s->rulesdoc = jp_parse((const char *)sec, n, err, sizeof(err))))
			return bad(s, ".nono.rules: %s", err);
		s->rules = jp_root(s->rulesdoc);
		if (jp_type(s->rules) != JP_ARRAY)
			return bad(s, ".nono.rules: not a JSON array");
	}
	return 0;
}

static void unload(struct side *s)
{
	jp_free(s->irdoc);
	jp_free(s->rulesdoc);
	nono_bundle_free(s->b);
}

/* ---- the comparison ------------------------------------------------------------------------- */

static const struct jp_value *find_domain(const struct side *s, const char *name)
{
	const struct jp_value *doms = jp_get(s->ir, "domains");

	for (size_t i = 0; i < jp_len(doms); i++) {
		const char *n = jp_str(jp_get(jp_at(doms, i), "name"), NULL);

		if (n && !strcmp(n, name))
			return jp_at(doms, i);
	}
	return NULL;
}

/* The lines of every domain of @s but @self, for telling top-level rules apart. */
static int other_domains(struct diff *d, const struct side *s, const struct jp_value *self, struct elist *out)
{
	const struct jp_value *doms = jp_get(s->ir, "domains");

	for (size_t i = 0; i < jp_len(doms); i++)
		if (jp_at(doms, i) != self && domain_entries(d, s, jp_at(doms, i), i, out) < 0)
			return -1;
	return 0;
}

static struct domdiff *add_domdiff(struct diff *d, const char *name, int agent, int status)
{
	d->doms = grow(d, d->doms, d->ndoms, &d->capdoms, sizeof(*d->doms));
	struct domdiff *dd = &d->doms[d->ndoms++];

	memset(dd, 0, sizeof(*dd));
	dd->name = name;
	dd->agent = agent;
	dd->status = status;
	return dd;
}

static int check_domains(const struct side *s)
{
	const struct jp_value *doms = jp_get(s->ir, "domains");

	if (jp_type(doms) != JP_ARRAY)
		return bad(s, ".nono.ir: \"domains\" is missing or not an array");
	for (size_t i = 0; i < jp_len(doms); i++) {
		const char *n = jp_str(jp_get(jp_at(doms, i), "name"), NULL);

		if (!n)
			return bad(s, ".nono.ir: domains[%zu]: \"name\" is missing or not a string", i);
		for (size_t k = 0; k < i; k++)
			if (!strcmp(n, jp_str(jp_get(jp_at(doms, k), "name"), NULL)))
				return bad(s, ".nono.ir: two domains are called '%s'", n);
	}
	return 0;
}

static int compare(struct diff *d)
{
	struct elist ea = { 0 }, eb = { 0 };
	const struct jp_value *da = jp_get(d->a.ir, "domains"), *db = jp_get(d->b.ir, "domains");

	if (header_entries(d, &d->a, &ea) < 0 || header_entries(d, &d->b, &eb) < 0)
		return -1;
	diff_entries(d, &ea, &eb, &d->policy, NULL, NULL);

	memset(&ea, 0, sizeof(ea));
	memset(&eb, 0, sizeof(eb));
	if (measure_entries(d, &d->a, &ea) < 0 || measure_entries(d, &d->b, &eb) < 0)
		return -1;
	diff_entries(d, &ea, &eb, &d->measures, NULL, NULL);

	if (check_domains(&d->a) < 0 || check_domains(&d->b) < 0)
		return -1;
	/* B's domains in order (changed or new), then those only A has. */
	for (int pass = 0; pass < 2; pass++) {
		const struct side *s = pass ? &d->a : &d->b, *other = pass ? &d->b : &d->a;
		const struct jp_value *doms = pass ? da : db;

		for (size_t i = 0; i < jp_len(doms); i++) {
			const struct jp_value *dm = jp_at(doms, i);
			const char *name = jp_str(jp_get(dm, "name"), NULL);
			const struct jp_value *twin = find_domain(other, name);
			struct elist mine = { 0 }, theirs = { 0 }, others = { 0 };
			int agent = 0;

			if (pass && twin)
				continue; /* compared in the first pass */
			jp_bool(jp_get(dm, "agent"), &agent);
			if (domain_entries(d, s, dm, i, &mine) < 0)
				return -1;
			if (twin) {
				if (domain_entries(d, other, twin, 0, &theirs) < 0)
					return -1;
				struct domdiff *dd = add_domdiff(d, name, agent, D_CHANGED);

				diff_entries(d, &theirs, &mine, &dd->ch, NULL, NULL);
				if (!dd->ch.n)
					d->ndoms--;
				continue;
			}
			if (other_domains(d, s, dm, &others) < 0)
				return -1;
			struct domdiff *dd = add_domdiff(d, name, agent, pass ? D_REMOVED : D_ADDED);

			if (pass)
				diff_entries(d, &mine, &theirs, &dd->ch, &others, &dd->shared);
			else
				diff_entries(d, &theirs, &mine, &dd->ch, &others, &dd->shared);
		}
	}

	if (load_sys(d, &d->a) < 0 || load_sys(d, &d->b) < 0)
		return -1;
	diff_syscalls(d);

	memset(&ea, 0, sizeof(ea));
	memset(&eb, 0, sizeof(eb));
	if (mount_entries(d, &d->a, &ea) < 0 || mount_entries(d, &d->b, &eb) < 0)
		return -1;
	diff_entries(d, &ea, &eb, &d->mounts, NULL, NULL);

	/* Totals: everything but the mount view (it restates the fs rules). */
	const struct clist *counted[] = { &d->policy, &d->measures, &d->syscalls };

	for (size_t k = 0; k < d->ndoms + 3; k++) {
		const struct clist *l = k < 3 ? counted[k] : &d->doms[k - 3].ch;

		for (size_t i = 0; i < l->n; i++) {
			size_t *t = l->v[i].op == OP_ADD ? &d->added : l->v[i].op == OP_DEL ? &d->removed : &d->changed;

			*t += l->v[i].count;
		}
	}
	d->domains_changed = d->ndoms;
	return 0;
}

static int differ(const struct diff *d)
{
	return d->policy.n || d->measures.n || d->ndoms || d->syscalls.n || d->mounts.n;
}

/* ---- output ------------------------------------------------------------------------------------- */

/* Untrusted text for a terminal: C0 controls, DEL and C1 controls escaped. */
static void put_safe(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	for (size_t i = 0; u[i]; i++) {
		if (u[i] < 0x20 || u[i] == 0x7f)
			printf("\\x%02x", u[i]);
		else if (u[i] == 0xc2 && u[i + 1] >= 0x80 && u[i + 1] <= 0x9f)
			printf("\\u%04x", u[++i]);
		else
			putchar(u[i]);
	}
}

static void text_changes(const struct clist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct change *c = &l->v[i];

		printf("  %c ", op_marks[c->op]);
		put_safe(c->text);
		if (c->op == OP_CHG) {
			fputs(": ", stdout);
			put_safe(c->from);
			fputs(" -> ", stdout);
			put_safe(c->to);
		}
		if (c->at.file) {
			fputs("  (", stdout);
			put_safe(c->at.file);
			printf(":%" PRIu64 ")", c->at.line);
		}
		putchar('\n');
	}
}

static void text_section(const char *title, const struct clist *l)
{
	if (!l->n)
		return;
	printf("\n%s\n", title);
	text_changes(l);
}

static void text_side(char mark, const struct side *s)
{
	printf("%c%c%c ", mark, mark, mark);
	put_safe(s->path);
	fputs(" (policy ", stdout);
	put_safe(s->name);
	printf(" version %" PRIu64 ")\n", s->version);
}

static void text_output(const struct diff *d)
{
	text_side('-', &d->a);
	text_side('+', &d->b);
	text_section("policy", &d->policy);
	text_section("measured inputs", &d->measures);
	for (size_t i = 0; i < d->ndoms; i++) {
		const struct domdiff *dd = &d->doms[i];

		if (!dd->agent) {
			fputs("\ntool ", stdout);
			put_safe(dd->name);
		} else if (strcmp(dd->name, "agent")) {
			fputs("\nagent ", stdout);
			put_safe(dd->name);
		} else {
			fputs("\nagent", stdout);
		}
		fputs(dd->status == D_ADDED ? " (new)\n" : dd->status == D_REMOVED ? " (removed)\n" : "\n", stdout);
		text_changes(&dd->ch);
		if (dd->shared)
			printf("    (and %zu top-level rule%s, as every domain)\n", dd->shared, dd->shared == 1 ? "" : "s");
	}
	text_section("syscalls", &d->syscalls);
	text_section("mount view", &d->mounts);
	if (!differ(d)) {
		puts("\nno changes");
		return;
	}
	printf("\n%zu domain%s changed: %zu capabilit%s added, %zu removed", d->domains_changed,
	       d->domains_changed == 1 ? "" : "s", d->added, d->added == 1 ? "y" : "ies", d->removed);
	if (d->changed)
		printf(", %zu changed", d->changed);
	putchar('\n');
}

static void json_loc(struct json_writer *w, const struct loc *l)
{
	json_key(w, "at");
	if (!l->file) {
		json_null(w);
		return;
	}
	json_object_begin(w);
	json_key_string(w, "file", l->file);
	json_key_uint(w, "line", l->line);
	json_object_end(w);
}

static void json_changes(struct json_writer *w, const struct diff *d, const char *key, const struct clist *l)
{
	json_key(w, key);
	json_array_begin(w);
	for (size_t i = 0; i < l->n; i++) {
		const struct change *c = &l->v[i];

		json_object_begin(w);
		json_key_string(w, "op", op_names[c->op]);
		json_key_string(w, "what", cat_names[c->cat]);
		json_key_string(w, "text", c->text);
		if (c->cat == C_SYSCALL) {
			json_key(w, "syscalls");
			json_array_begin(w);
			for (size_t k = 0; k < c->nnames; k++)
				json_string(w, c->names[k]);
			json_array_end(w);
			json_key(w, "arch");
			json_array_begin(w);
			for (size_t a = 0; a < d->narch; a++)
				if (c->arches & (1u << a))
					json_string(w, d->arch[a]);
			json_array_end(w);
			if (c->op != OP_CHG)
				json_key_string(w, "action", c->action);
		}
		if (c->op == OP_CHG) {
			json_key_string(w, "from", c->from);
			json_key_string(w, "to", c->to);
		}
		json_loc(w, &c->at);
		json_object_end(w);
	}
	json_array_end(w);
}

static void json_side(struct json_writer *w, const char *key, const struct side *s)
{
	json_key(w, key);
	json_object_begin(w);
	json_key_string(w, "file", s->path);
	json_key_string(w, "policy", s->name);
	json_key_uint(w, "version", s->version);
	json_object_end(w);
}

static void json_output(const struct diff *d)
{
	struct json_writer w;

	json_init(&w, stdout, 2);
	json_object_begin(&w);
	json_side(&w, "a", &d->a);
	json_side(&w, "b", &d->b);
	json_key(&w, "identical");
	json_bool(&w, !differ(d));
	json_key(&w, "summary");
	json_object_begin(&w);
	json_key_uint(&w, "domains_changed", d->domains_changed);
	json_key_uint(&w, "added", d->added);
	json_key_uint(&w, "removed", d->removed);
	json_key_uint(&w, "changed", d->changed);
	json_object_end(&w);
	json_changes(&w, d, "policy", &d->policy);
	json_changes(&w, d, "measures", &d->measures);
	json_key(&w, "domains");
	json_array_begin(&w);
	for (size_t i = 0; i < d->ndoms; i++) {
		const struct domdiff *dd = &d->doms[i];

		json_object_begin(&w);
		json_key_string(&w, "name", dd->name);
		json_key(&w, "agent");
		json_bool(&w, dd->agent);
		json_key_string(&w, "status", dstatus_names[dd->status]);
		json_key_uint(&w, "shared_rules", dd->shared);
		json_changes(&w, d, "changes", &dd->ch);
		json_object_end(&w);
	}
	json_array_end(&w);
	json_changes(&w, d, "syscalls", &d->syscalls);
	json_changes(&w, d, "mounts", &d->mounts);
	json_object_end(&w);
	json_finish(&w);
}

/* ---- the command ------------------------------------------------------------------------------ */

static const char diff_usage[] =
	"usage: nonoc diff A.bundle B.bundle (--trust PUBKEY... | --insecure-allow-unsigned) [--json]\n"
	"\n"
	"Show what changed from bundle A to bundle B, capability by capability: the\n"
	"policy header, measured inputs, each domain's exec, fs, net, unix, proc, env\n"
	"and quota lines, the syscall table (by name, per architecture) and the mount\n"
	"view. '+' marks a line only B has, '-' a line only A has, '~' a new value;\n"
	"added lines come first. Each line says where B (for '-': A) wrote it.\n"
	"Both bundles are verified first:\n"
	"\n"
	"  --trust PUBKEY               require a signature by this key (repeatable);\n"
	"                               with --insecure-allow-unsigned, unsigned bundles pass too\n"
	"  --insecure-allow-unsigned    alone: check everything but the signatures\n"
	"  --json                       the same as a JSON document\n"
	"\n"
	"exit status: 0 the bundles grant the same, 1 they differ, 2 error (usage, I/O,\n"
	"a bundle refused).\n";

__attribute__((format(printf, 1, 2))) static int usage_error(const char *f, ...)
{
	va_list ap;

	fputs("nonoc: error: ", stderr);
	va_start(ap, f);
	vfprintf(stderr, f, ap);
	va_end(ap);
	fputs("\nhint: run 'nonoc diff --help' for usage\n", stderr);
	return NONOC_EXIT_USAGE;
}

int nonoc_cmd_diff(int argc, char **argv)
{
	enum { OPT_INSECURE = 256, OPT_JSON };
	static const struct option opts[] = {
		{ "trust", required_argument, NULL, 't' },
		{ "insecure-allow-unsigned", no_argument, NULL, OPT_INSECURE },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char *trust[MAX_TRUST], err[NONO_BUNDLE_ERR_SIZE];
	uint8_t keys[MAX_TRUST][32];
	size_t ntrust = 0;
	int opt, insecure = 0, json = 0, rc = NONOC_EXIT_USAGE;
	unsigned flags;
	struct diff *d;

	optind = 0;
	while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (opt) {
		case 't':
			if (ntrust == MAX_TRUST)
				return usage_error("more than %d --trust keys", MAX_TRUST);
			trust[ntrust++] = optarg;
			break;
		case OPT_INSECURE:
			insecure = 1;
			break;
		case OPT_JSON:
			json = 1;
			break;
		case 'h':
			fputs(diff_usage, stdout);
			return NONOC_EXIT_OK;
		default:
			fputs("hint: run 'nonoc diff --help' for usage\n", stderr);
			return NONOC_EXIT_USAGE;
		}
	}
	if (argc - optind != 2)
		return usage_error(argc - optind < 2 ? "two bundles are needed (nonoc diff A.bundle B.bundle)"
						     : "only two bundles can be compared");
	if (!ntrust && !insecure)
		return usage_error("give --trust PUBKEY to verify the bundles, or --insecure-allow-unsigned "
				   "to compare them without verifying their signatures");
	for (size_t i = 0; i < ntrust; i++)
		if (nono_key_load_public(trust[i], keys[i], err, sizeof(err)) < 0) {
			error("%s", err);
			return NONOC_EXIT_USAGE;
		}
	flags = !insecure ? 0 : ntrust ? NONO_BUNDLE_ALLOW_UNSIGNED : NONO_BUNDLE_INSECURE_NO_VERIFY;

	d = need(calloc(1, sizeof(*d)));
	arena_init(&d->ar, 0);
	d->a.path = argv[optind];
	d->b.path = argv[optind + 1];
	if (load(&d->a, (const uint8_t(*)[32])keys, ntrust, flags) == 0 &&
	    load(&d->b, (const uint8_t(*)[32])keys, ntrust, flags) == 0 && compare(d) == 0) {
		if (json)
			json_output(d);
		else
			text_output(d);
		rc = fflush(stdout) == 0 && !ferror(stdout) ? (differ(d) ? 1 : NONOC_EXIT_OK) : NONOC_EXIT_USAGE;
		if (rc == NONOC_EXIT_USAGE)
			error("cannot write the output");
	}
	unload(&d->a);
	unload(&d->b);
	arena_release(&d->ar);
	free(d);
	return rc;
}
