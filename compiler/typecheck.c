/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The typecheck pass: parse every value's source text, once, into a typed
 * value (types.h) in the context's arena, and hang it on its node. Later
 * passes read only node->val / node->val2, never the text.
 *
 * What each node kind gets:
 *
 *   kind                 val                                  val2
 *   POLICY               -                                    INT version (when written)
 *   REQUIRE              -                                    INT level (landlock only)
 *   EXEC                 PATH, one file, no glob              SHA256 (when written)
 *   MEASURE              PATH, RELATIVE or ROOT, no glob      -
 *   FS, NET_UNIX         PATH (globs allowed)                 -
 *   NET_CONNECT          NET                                  -
 *   NET_BIND             PORTS                                -
 *   SYS                  SYSCALL (a syscall or an @group)     -
 *   ENV_PASS, ENV_SET    ENVNAME (env set's value stays text) -
 *   QUOTA_ITEM           memory SIZE, io RATE, wall DURATION, cpu CPU, pids/files COUNT
 *   MODE, NET_NONE, PROC, USE: nothing (enums set by the front end; `use` is resolve's)
 *
 * Nodes are reached only through struct nono_policy's vectors (so each is
 * visited once per policy) and checked in source order (files in merge
 * order), so diagnostics read top to bottom. Each value gets at most one
 * error, pointing at
 * the offending part of the value (a `..` component, a port, a unit) with a
 * "did you mean" where a nearest valid spelling exists. A node with an error
 * keeps val == NULL; checking is idempotent, so a file shared by two roots
 * in one context is simply checked again.
 *
 * Decisions (docs/diagnostics.md#typecheck has the user-facing version):
 *  - Paths: "/…", "~", "~/…", "$WORKDIR", "$WORKDIR/…"; `measure` files are
 *    relative to the policy or absolute. `${WORKDIR}`, `~user`, other
 *    variables (anywhere in the path) and `..` are errors; empty and "."
 *    components and a trailing '/' are dropped silently; adjacent `**`
 *    components are merged. Globs: `*` within a component, `**` as a whole
 *    component; `?` and `[…]` are rejected (not taken literally).
 *  - Sizes: whole numbers with B KiB MiB GiB TiB (required); K/M/G, KB/MB
 *    and wrong case are rejected with the binary spelling as a hint.
 *    Rates: SIZE/s. Durations: ms s m h, combinable largest first (1h30m).
 *    cpu: cores with up to 3 decimals, or a percentage with up to 1.
 *  - Every quota, count and version is at least 1; nothing may overflow
 *    64 bits (no value ever wraps).
 *  - Addresses are literal IPv4/IPv6 (inet_pton after our own strict
 *    splitting), never host names.
 */
#include <arpa/inet.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "context.h"
#include "suggest.h"
#include "syscalls.h"
#include "types.h"

struct tc {
	struct nonoc_ctx *ctx;
	uint32_t *nerr; /* errors this pass reported, per source */
	size_t nsrc;
};

/* ---- diagnostics helpers -------------------------------------------------- */

static bool muted(const struct tc *t, int src)
{
	return src >= 0 && (size_t)src < t->nsrc && t->nerr[src] >= NONO_MAX_ERRORS;
}

static struct nonoc_diag *err(struct tc *t, enum nono_code code, struct nono_span sp, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static struct nonoc_diag *err(struct tc *t, enum nono_code code, struct nono_span sp, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	struct nonoc_diag *d = nono_vdiag(t->ctx, code, sp, fmt, ap);

	va_end(ap);
	if (sp.src >= 0 && (size_t)sp.src < t->nsrc && ++t->nerr[sp.src] == NONO_MAX_ERRORS)
		nono_diag_note(t->ctx, d, NONO_NO_SPAN, "too many errors (%u); the rest of this file's values are not checked",
			       NONO_MAX_ERRORS);
	return d;
}

#define hint(t, d, ...) nono_diag_hint((t)->ctx, (d), __VA_ARGS__)

/* User text made safe and short for a message: control characters escaped,
 * at most about 100 bytes. */
static const char *show(struct tc *t, const char *s, size_t len)
{
	char buf[160];
	size_t n = 0, i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (n >= 100 && (c & 0xc0) != 0x80)
			break;
		if (c == '\n')
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "\\n");
		else if (c == '\t')
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "\\t");
		else if (c < 0x20 || c == 0x7f)
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "\\x%02x", c);
		else if (c == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] >= 0x80 && (unsigned char)s[i + 1] <= 0x9f)
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "\\u%04x", (unsigned char)s[++i]);
		else
			buf[n++] = (char)c;
	}
	if (i < len)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "…");
	buf[n] = '\0';
	const char *r = arena_strdup(&t->ctx->arena, buf);

	return r ? r : "";
}

static const char *showt(struct tc *t, const struct nono_text *x)
{
	return show(t, x->s, x->len);
}

static char unescape(char e)
{
	return e == 'n' ? '\n' : e == 't' ? '\t' : e;
}

/* The source span of bytes [off, off+len) of a value's text, so that an
 * error can point at a port or a path component. Exact when the value is a
 * nono string (escapes are walked) or appears verbatim in its span (a bare
 * value, a plain YAML scalar); otherwise the whole value. */
static struct nono_span part(struct tc *t, const struct nono_text *x, size_t off, size_t len)
{
	struct nono_source *s = nono_source_get(t->ctx, x->span.src);
	struct nono_span sp = x->span;

	if (!s || !x->s || sp.end > s->len || sp.start > sp.end || off > x->len)
		return sp;
	if (len > x->len - off)
		len = x->len - off;
	const char *b = s->text + sp.start;
	size_t blen = sp.end - sp.start;

	if (blen >= 2 && b[0] == '"' && b[blen - 1] == '"') {
		size_t i = 1, j = 0, a = SIZE_MAX, e = SIZE_MAX;

		while (i < blen - 1 && j < x->len) {
			char c = b[i];
			size_t w = 1;

			if (j == off)
				a = i;
			if (j == off + len)
				e = i;
			if (c == '\\' && i + 2 < blen) {
				c = unescape(b[i + 1]);
				w = 2;
			}
			if (c != x->s[j])
				break;
			i += w;
			j++;
		}
		if (j == x->len && i == blen - 1) {
			if (a == SIZE_MAX)
				a = i;
			if (e == SIZE_MAX)
				e = i;
			return (struct nono_span){ sp.src, sp.start + (uint32_t)a, sp.start + (uint32_t)e };
		}
	}
	if (x->len && x->len <= blen) {
		const char *hit = memmem(b, blen, x->s, x->len);

		if (hit) {
			uint32_t base = sp.start + (uint32_t)(hit - b);

			return (struct nono_span){ sp.src, base + (uint32_t)off, base + (uint32_t)(off + len) };
		}
	}
	return sp;
}

static struct nono_value *newval(struct tc *t, enum nono_type type)
{
	struct nono_value *v = arena_alloc(&t->ctx->arena, sizeof(*v));

	if (v)
		v->type = type;
	return v; /* NULL: the arena is exhausted, reported at the end of the pass */
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_name_start(char c)
{
	return is_alpha(c) || c == '_';
}

static bool is_name_char(char c)
{
	return is_name_start(c) || is_digit(c);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Digits at s[*i…] into *v. 0: none; -1: overflow (all digits consumed); 1: ok. */
static int digits(const char *s, size_t len, size_t *i, uint64_t *v)
{
	size_t start = *i;
	bool over = false;

	*v = 0;
	while (*i < len && is_digit(s[*i])) {
		unsigned d = (unsigned)(s[*i] - '0');

		if (*v > (UINT64_MAX - d) / 10)
			over = true;
		else
			*v = *v * 10 + d;
		(*i)++;
	}
	if (*i == start)
		return 0;
	return over ? -1 : 1;
}

/* a * b, false on overflow. */
static bool mul_ok(uint64_t a, uint64_t b, uint64_t *r)
{
	return !__builtin_mul_overflow(a, b, r);
}

static bool add_ok(uint64_t a, uint64_t b, uint64_t *r)
{
	return !__builtin_add_overflow(a, b, r);
}

/* A decimal number "D" or "D.F" at s[*i…]: its integer part, and its
 * fraction in units of 10^-places (extra fraction digits must be zeros, else
 * exact is false). */
struct dec {
	uint64_t ip;
	uint64_t frac;
	bool over;   /* the integer part overflowed */
	bool point;  /* a fraction was written */
	bool exact;  /* the fraction fits in @places digits */
};

static bool decimal(const char *s, size_t len, size_t *i, unsigned places, struct dec *d)
{
	int r = digits(s, len, i, &d->ip);

	d->frac = 0;
	d->over = r < 0;
	d->point = false;
	d->exact = true;
	if (r == 0)
		return false;
	if (*i + 1 < len && s[*i] == '.' && is_digit(s[*i + 1])) {
		unsigned k = 0;

		d->point = true;
		(*i)++;
		while (*i < len && is_digit(s[*i])) {
			if (k < places) {
				d->frac = d->frac * 10 + (uint64_t)(s[*i] - '0');
				k++;
			} else if (s[*i] != '0') {
				d->exact = false;
			}
			(*i)++;
		}
		for (; k < places; k++)
			d->frac *= 10;
	}
	return true;
}

/* d * mult exactly (the fraction in thousandths), false if not a whole
 * number or on overflow. */
static bool dec_times(const struct dec *d, uint64_t mult, uint64_t *out)
{
	uint64_t a, b;

	if (d->over || !d->exact || !mul_ok(d->ip, mult, &a) || !mul_ok(d->frac, mult, &b) || b % 1000)
		return false;
	return add_ok(a, b / 1000, out);
}

static bool eq_ci(const char *s, size_t len, const char *word)
{
	return strlen(word) == len && !strncasecmp(s, word, len);
}

/* ---- paths ---------------------------------------------------------------- */

enum path_use { USE_FS, USE_UNIX, USE_EXEC, USE_MEASURE };

static const char *anchor_text(enum nono_anchor a)
{
	switch (a) {
	case NONO_ANCHOR_ROOT: return "/";
	case NONO_ANCHOR_HOME: return "~";
	case NONO_ANCHOR_WORKDIR: return "$WORKDIR";
	default: return "";
	}
}

/* "/a/b", "~/a", "$WORKDIR", "a/b" from an anchor and a relative part. */
static const char *join_anchor(struct tc *t, enum nono_anchor a, const char *rel)
{
	const char *r;

	if (a == NONO_ANCHOR_RELATIVE)
		r = *rel ? arena_strdup(&t->ctx->arena, rel) : ".";
	else if (a == NONO_ANCHOR_ROOT)
		r = arena_printf(&t->ctx->arena, "/%s", rel);
	else
		r = arena_printf(&t->ctx->arena, "%s%s%s", anchor_text(a), *rel ? "/" : "", rel);
	return r ? r : "";
}

/* Directories every Linux root has: "etc/passwd" most likely meant "/etc/passwd". */
static bool root_dir(const char *s, size_t len)
{
	static const char *const dirs[] = { "bin", "boot", "dev", "etc", "home", "lib", "lib32", "lib64", "media",
					    "mnt", "opt", "proc", "root", "run", "sbin", "srv", "sys", "tmp", "usr",
					    "var" };

	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		if (strlen(dirs[i]) == len && !memcmp(dirs[i], s, len))
			return true;
	return false;
}

static void relative_path(struct tc *t, const struct nono_text *x, enum path_use use)
{
	const char *s = x->s;
	size_t len = x->len;

	if (len == 0) {
		struct nonoc_diag *d = err(t, NONO_E050, x->span, "an empty path");

		hint(t, d, "paths are absolute, or start with ~ or $WORKDIR");
		return;
	}
	struct nonoc_diag *d = err(t, NONO_E050, x->span, "relative path \"%s\"", showt(t, x));

	hint(t, d, "paths are absolute, or start with ~ or $WORKDIR");
	if (use == USE_EXEC && !memchr(s, '/', len)) {
		hint(t, d, "`exec` takes the binary's full path (nono does not search $PATH), e.g. \"/usr/bin/%s\"",
		     show(t, s, len));
		return;
	}
	while (len >= 2 && s[0] == '.' && s[1] == '/') {
		s += 2;
		len -= 2;
	}
	size_t first = strcspn(s, "/");

	if (len == 1 && s[0] == '.')
		hint(t, d, "for the directory nono-load is started in, write \"$WORKDIR\"");
	else if (first < len && root_dir(s, first))
		hint(t, d, "did you mean \"/%s\"?", show(t, s, len));
	else if (len)
		hint(t, d, "for a path in the directory nono-load is started in, write \"$WORKDIR/%s\"", show(t, s, len));
}

/* A `$` at @off (followed by a name or '{'): not expanded. */
static void path_variable(struct tc *t, const struct nono_text *x, size_t off)
{
	const char *s = x->s;
	size_t len = x->len, i = off + 1, nb, ne;
	bool braces = i < len && s[i] == '{';

	if (braces) {
		const char *close = memchr(s + i, '}', len - i);

		nb = i + 1;
		ne = close ? (size_t)(close - s) : nb;
		while (ne == nb && ne < len && is_name_char(s[ne]))
			ne++;
		i = close ? ne + 1 : ne;
	} else {
		nb = i;
		while (i < len && is_name_char(s[i]))
			i++;
		ne = i;
	}
	const char *name = show(t, s + nb, ne - nb);
	struct nono_span sp = part(t, x, off, i - off);
	bool workdir = ne - nb == 7 && !memcmp(s + nb, "WORKDIR", 7);
	struct nonoc_diag *d;

	if (off > 0) {
		d = err(t, NONO_E052, sp, "$%s in the middle of a path is not expanded", name);
		hint(t, d, "only ~ and $WORKDIR are expanded, and only at the start of a path");
		return;
	}
	if (workdir && braces) {
		d = err(t, NONO_E052, sp, "write $WORKDIR without braces");
		if (i == len || s[i] == '/')
			hint(t, d, "did you mean \"$WORKDIR%s\"?", show(t, s + i, len - i));
		else
			hint(t, d, "$WORKDIR is the whole first component of a path: \"$WORKDIR\" or \"$WORKDIR/…\"");
		return;
	}
	if (workdir) {
		d = err(t, NONO_E052, sp, "$WORKDIR must be followed by '/' or end the path");
		hint(t, d, "$WORKDIR is the whole first component of a path: \"$WORKDIR\" or \"$WORKDIR/…\"");
		return;
	}
	d = err(t, NONO_E052, sp, "$%s is not expanded in paths", name);
	if (ne - nb == 4 && !memcmp(s + nb, "HOME", 4)) {
		hint(t, d, "~ is the home of the user who runs nono-load: did you mean \"~%s\"?", show(t, s + i, len - i));
		return;
	}
	static const char *const known[] = { "WORKDIR" };
	const char *best = nono_suggest(s + nb, ne - nb, known, 1);

	if (best)
		hint(t, d, "did you mean \"$WORKDIR%s\"?", show(t, s + i, len - i));
	else if ((ne - nb == 3 && !memcmp(s + nb, "PWD", 3)) || (ne - nb == 3 && !memcmp(s + nb, "CWD", 3)))
		hint(t, d, "$WORKDIR is the directory nono-load is started in");
	else
		hint(t, d, "only ~ (the invoking user's home) and $WORKDIR (the directory nono-load is started in) "
			   "are expanded");
}

/* `..` at @off: point at it, and offer the lexically normalised path when
 * it stays inside its anchor. */
static void dotdot(struct tc *t, const struct nono_text *x, size_t off, enum nono_anchor anchor, size_t start)
{
	struct nonoc_diag *d = err(t, NONO_E051, part(t, x, off, 2), "a path cannot contain '..'");
	char *buf = arena_alloc(&t->ctx->arena, x->len + 1);
	size_t n = 0, i = start;
	bool escapes = false;

	hint(t, d, "rules match a path as it is written, before symbolic links are followed; write it without '..'");
	if (!buf)
		return;
	while (i < x->len) {
		if (x->s[i] == '/') {
			i++;
			continue;
		}
		size_t b = i;

		while (i < x->len && x->s[i] != '/')
			i++;
		size_t cl = i - b;

		if (cl == 1 && x->s[b] == '.')
			continue;
		if (cl == 2 && x->s[b] == '.' && x->s[b + 1] == '.') {
			if (n == 0) {
				escapes = true;
				break;
			}
			while (n > 0 && buf[n - 1] != '/')
				n--;
			if (n > 0)
				n--;
			continue;
		}
		if (n)
			buf[n++] = '/';
		memcpy(buf + n, x->s + b, cl);
		n += cl;
	}
	buf[n] = '\0';
	if (escapes && anchor == NONO_ANCHOR_RELATIVE)
		hint(t, d, "a measured file is named relative to the policy's directory (and below it), or absolute");
	else if (escapes)
		hint(t, d, "the path leaves \"%s\"; write the absolute path of what it names", anchor_text(anchor));
	else
		hint(t, d, "did you mean \"%s\"?", join_anchor(t, anchor, buf));
}

/* '?' or '[' at @k: not glob characters in nono. */
static void bad_glob_char(struct tc *t, const struct nono_text *x, size_t k, size_t cend)
{
	struct nonoc_diag *d;

	if (x->s[k] == '?') {
		d = err(t, NONO_E053, part(t, x, k, 1), "'?' is not a glob character in nono");
	} else {
		const char *close = memchr(x->s + k, ']', cend - k);
		size_t w = close ? (size_t)(close - (x->s + k)) + 1 : 1;

		d = err(t, NONO_E053, part(t, x, k, w), "character classes ('[…]') are not supported in nono globs");
	}
	hint(t, d, "use '*' for any characters within a path component, '**' for any depth");
}

/* A component with "**" that is not exactly "**". */
static void partial_doublestar(struct tc *t, const struct nono_text *x, size_t b, size_t cl)
{
	const char *c = x->s + b;
	struct nonoc_diag *d = err(t, NONO_E053, part(t, x, b, cl), "'**' must be a whole path component");
	const char *rest = c + 2;
	size_t rlen = cl - 2;

	if (cl > 2 && c[0] == '*' && c[1] == '*' && !memchr(rest, '*', rlen)) {
		/* "**.csv": files ending in .csv at any depth. */
		hint(t, d, "did you mean \"%s**/*%s\"?", show(t, x->s, b),
		     show(t, x->s + b + 2, x->len - b - 2));
	} else {
		hint(t, d, "'*' matches within one component and '**' alone matches any depth, e.g. \"/data/**/*.csv\"");
	}
}

static const struct nono_value *check_path(struct tc *t, const struct nono_text *x, enum path_use use)
{
	const char *s = x->s;
	size_t len = x->len, i;
	enum nono_anchor anchor;

	if (len == 0) {
		relative_path(t, x, use);
		return NULL;
	}
	if (s[0] == '/') {
		anchor = NONO_ANCHOR_ROOT;
		i = 1;
	} else if (s[0] == '~') {
		if (len > 1 && s[1] != '/') {
			size_t e = strcspn(s, "/");
			struct nonoc_diag *d = err(t, NONO_E052, part(t, x, 0, e), "%s: another user's home is not expanded",
						   show(t, s, e));

			hint(t, d, "~ alone is the home of the user who runs nono-load; write other homes as absolute paths, "
				   "e.g. \"/home/%s%s\"", show(t, s + 1, e - 1), show(t, s + e, len - e));
			return NULL;
		}
		anchor = NONO_ANCHOR_HOME;
		i = 1;
	} else if (s[0] == '$' && len > 1 && (is_name_start(s[1]) || s[1] == '{')) {
		if (len >= 8 && !memcmp(s, "$WORKDIR", 8) && (len == 8 || s[8] == '/')) {
			anchor = NONO_ANCHOR_WORKDIR;
			i = 8;
		} else {
			path_variable(t, x, 0);
			return NULL;
		}
	} else if (use == USE_MEASURE) {
		anchor = NONO_ANCHOR_RELATIVE;
		i = 0;
	} else {
		relative_path(t, x, use);
		return NULL;
	}
	if (use == USE_MEASURE && (anchor == NONO_ANCHOR_HOME || anchor == NONO_ANCHOR_WORKDIR)) {
		struct nonoc_diag *d = err(t, NONO_E052, part(t, x, 0, i),
					   "a measured file cannot start with %s: it is read when the policy is compiled",
					   anchor_text(anchor));

		hint(t, d, "write it relative to the policy file, or absolute");
		return NULL;
	}

	size_t start = i;
	char *rel = arena_alloc(&t->ctx->arena, len + 1);
	size_t rl = 0, first_glob = SIZE_MAX, first_glob_len = 0;
	uint32_t ncomp = 0, nfixed = 0;
	bool glob = false, fixed = true, last_dstar = false;

	if (!rel)
		return NULL;
	while (i < len) {
		if (s[i] == '/') {
			i++;
			continue;
		}
		size_t b = i;

		while (i < len && s[i] != '/')
			i++;
		size_t cl = i - b;
		const char *c = s + b;

		if (cl == 1 && c[0] == '.')
			continue;
		if (cl == 2 && c[0] == '.' && c[1] == '.') {
			dotdot(t, x, b, anchor, start);
			return NULL;
		}
		bool star = false;

		for (size_t k = b; k < i; k++) {
			if (s[k] == '$' && k + 1 < len && (is_name_start(s[k + 1]) || s[k + 1] == '{')) {
				path_variable(t, x, k);
				return NULL;
			}
			if (s[k] == '?' || s[k] == '[') {
				bad_glob_char(t, x, k, i);
				return NULL;
			}
			star |= s[k] == '*';
		}
		bool dstar = cl == 2 && c[0] == '*' && c[1] == '*';

		if (star && !dstar && memmem(c, cl, "**", 2)) {
			partial_doublestar(t, x, b, cl);
			return NULL;
		}
		if (dstar && last_dstar)
			continue; /* "**" / "**" is "**" */
		if (star && first_glob == SIZE_MAX) {
			first_glob = b;
			first_glob_len = cl;
		}
		if (rl)
			rel[rl++] = '/';
		memcpy(rel + rl, c, cl);
		rl += cl;
		ncomp++;
		if (star)
			fixed = false;
		if (fixed)
			nfixed++;
		glob |= star;
		last_dstar = dstar;
	}
	rel[rl] = '\0';

	if (use == USE_EXEC || use == USE_MEASURE) {
		const char *what = use == USE_EXEC ? "`exec`" : "`measure`";

		if (glob) {
			struct nonoc_diag *d = err(t, NONO_E054, part(t, x, first_glob, first_glob_len),
						   "%s needs one file, not a glob", what);

			hint(t, d, use == USE_EXEC ? "name the binary that enters this domain; several binaries are several tools"
						   : "measure each file with its own `measure` line");
			return NULL;
		}
		if (ncomp == 0) {
			struct nonoc_diag *d = err(t, NONO_E054, x->span, "%s needs a file, not \"%s\"", what, showt(t, x));

			hint(t, d, use == USE_EXEC ? "write the binary's full path, e.g. \"/usr/bin/python3\""
						   : "write the file's path, relative to the policy file");
			return NULL;
		}
	}

	struct nono_value *v = newval(t, NONO_T_PATH);

	if (!v)
		return NULL;
	v->u.path = (struct nono_path){ .anchor = anchor, .rel = rel, .ncomp = ncomp, .nfixed = nfixed,
					.glob = glob, .recursive = last_dstar };
	return v;
}

/* ---- ports and addresses ------------------------------------------------ */

/* One port number at [off, off+len) of x. */
static bool port_number(struct tc *t, const struct nono_text *x, size_t off, size_t len, bool bind, uint16_t *out)
{
	const char *s = x->s + off;
	size_t i = 0;
	uint64_t v;
	struct nonoc_diag *d;

	if (len == 0) {
		d = err(t, NONO_E057, part(t, x, off > 0 ? off - 1 : 0, 1), "a port is missing here");
		hint(t, d, "write a port (443) or a range (8000-8080)");
		return false;
	}
	int r = digits(s, len, &i, &v);

	if (r == 0 || i != len) {
		static const struct {
			const char *name;
			unsigned port;
		} services[] = {
			{ "ftp", 21 },    { "ssh", 22 },        { "smtp", 25 },        { "dns", 53 },    { "domain", 53 },
			{ "http", 80 },   { "imap", 143 },      { "ldap", 389 },       { "https", 443 }, { "submission", 587 },
			{ "ldaps", 636 }, { "imaps", 993 },     { "mysql", 3306 },     { "postgres", 5432 },
			{ "postgresql", 5432 }, { "redis", 6379 },
		};
		unsigned svc = 0;

		for (size_t k = 0; k < sizeof(services) / sizeof(services[0]); k++)
			if (eq_ci(s, len, services[k].name))
				svc = services[k].port;
		d = err(t, NONO_E057, part(t, x, off, len), "'%s' is not a port number", show(t, s, len));
		if (svc)
			hint(t, d, "did you mean %u? nono takes port numbers, not service names", svc);
		else
			hint(t, d, "ports are numbers from 1 to 65535");
		return false;
	}
	if (r < 0 || v > 65535) {
		d = err(t, NONO_E057, part(t, x, off, len), "port %s is out of range", show(t, s, len));
		hint(t, d, "ports are numbers from 1 to 65535");
		return false;
	}
	if (v == 0) {
		d = err(t, NONO_E057, part(t, x, off, len), "port 0 is not a port");
		hint(t, d, bind ? "ports are numbers from 1 to 65535"
				: "leave the port out to allow every port of the address");
		return false;
	}
	*out = (uint16_t)v;
	return true;
}

/* "P" or "LO-HI" at [off, off+len) of x. */
static bool port_range(struct tc *t, const struct nono_text *x, size_t off, size_t len, bool bind, uint16_t *lo,
		       uint16_t *hi)
{
	const char *dash = memchr(x->s + off, '-', len);

	if (!dash) {
		if (!port_number(t, x, off, len, bind, lo))
			return false;
		*hi = *lo;
		return true;
	}
	size_t dl = (size_t)(dash - (x->s + off));

	if (!port_number(t, x, off, dl, bind, lo) || !port_number(t, x, off + dl + 1, len - dl - 1, bind, hi))
		return false;
	if (*lo > *hi) {
		struct nonoc_diag *d = err(t, NONO_E057, part(t, x, off, len), "the port range %u-%u is backwards",
					   *lo, *hi);

		hint(t, d, "did you mean %u-%u?", *hi, *lo);
		return false;
	}
	return true;
}

static const struct nono_value *check_bind(struct tc *t, const struct nono_text *x)
{
	const char *s = x->s;
	size_t len = x->len;

	if (len && (memchr(s, '.', len) || memchr(s, ':', len) || s[0] == '[')) {
		struct nonoc_diag *d = err(t, NONO_E057, x->span, "`net bind` takes a port or a port range, not an address");
		const char *colon = NULL;

		for (size_t i = len; i > 0; i--) {
			if (s[i - 1] == ':') {
				colon = s + i - 1;
				break;
			}
		}
		size_t k = colon ? (size_t)(colon - s) + 1 : len;
		bool ports = k < len;

		for (size_t i = k; i < len; i++)
			ports &= is_digit(s[i]) || s[i] == '-';
		if (ports)
			hint(t, d, "did you mean %s?", show(t, s + k, len - k));
		else
			hint(t, d, "write the port alone, e.g. `net bind tcp 8080`");
		return NULL;
	}
	uint16_t lo, hi;

	if (!port_range(t, x, 0, len, true, &lo, &hi))
		return NULL;
	struct nono_value *v = newval(t, NONO_T_PORTS);

	if (v) {
		v->u.ports.lo = lo;
		v->u.ports.hi = hi;
	}
	return v;
}

/* The network address of addr/prefix in place. True if bits were cleared. */
static bool clear_host_bits(uint8_t *addr, unsigned nbytes, unsigned prefix)
{
	bool changed = false;

	for (unsigned b = 0; b < nbytes; b++) {
		unsigned keep = prefix >= (b + 1) * 8 ? 8 : prefix > b * 8 ? prefix - b * 8 : 0;
		uint8_t mask = keep ? (uint8_t)(0xff << (8 - keep)) : 0;

		if (addr[b] & (uint8_t)~mask)
			changed = true;
		addr[b] &= mask;
	}
	return changed;
}

static bool looks_like_name(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (is_alpha(s[i]) || s[i] == '-' || s[i] == '_')
			return true;
	return false;
}

static const struct nono_value *check_connect(struct tc *t, const struct nono_text *x)
{
	const char *s = x->s;
	size_t len = x->len;
	size_t a0 = 0, alen = 0, p0 = 0, plen = 0, q0 = 0, qlen = 0, aend;
	bool bracket = false, have_prefix = false, have_port = false, v6;
	struct nonoc_diag *d;

	if (len == 0) {
		d = err(t, NONO_E055, x->span, "an empty address");
		hint(t, d, "write an address or a network: 10.0.0.5, 10.0.0.0/8, [2001:db8::1]:443");
		return NULL;
	}
	if (s[0] == '[') {
		const char *rb = memchr(s, ']', len);

		if (!rb) {
			d = err(t, NONO_E055, x->span, "'[' without a closing ']'");
			hint(t, d, "an IPv6 address with a port is written [2001:db8::1]:443");
			return NULL;
		}
		bracket = true;
		a0 = 1;
		alen = (size_t)(rb - s) - 1;
		const char *slash = memchr(s + 1, '/', alen);

		if (slash) {
			alen = (size_t)(slash - s) - 1;
			p0 = (size_t)(slash - s) + 1;
			plen = (size_t)(rb - slash) - 1;
			have_prefix = true;
		}
		size_t k = (size_t)(rb - s) + 1;

		if (k < len && s[k] == '/' && !have_prefix) {
			p0 = k + 1;
			while (k + 1 < len && s[k + 1] != ':')
				k++;
			plen = k + 1 - p0;
			have_prefix = true;
			k++;
		}
		aend = k;
		if (k < len) {
			if (s[k] != ':') {
				d = err(t, NONO_E055, part(t, x, k, len - k), "unexpected '%s' after the address",
					show(t, s + k, len - k));
				hint(t, d, "a port follows the address after ':', e.g. [2001:db8::1]:443");
				return NULL;
			}
			q0 = k + 1;
			qlen = len - q0;
			have_port = true;
		}
	} else {
		size_t colons = 0;

		for (size_t i = 0; i < len; i++)
			colons += s[i] == ':';
		if (memchr(s, ']', len)) {
			d = err(t, NONO_E055, x->span, "']' without an opening '['");
			hint(t, d, "an IPv6 address with a port is written [2001:db8::1]:443");
			return NULL;
		}
		const char *colon = colons == 1 ? memchr(s, ':', len) : NULL;
		size_t end = colon ? (size_t)(colon - s) : len;
		const char *slash = memchr(s, '/', end);

		alen = slash ? (size_t)(slash - s) : end;
		if (slash) {
			p0 = alen + 1;
			plen = end - p0;
			have_prefix = true;
		}
		aend = end;
		if (colon) {
			q0 = end + 1;
			qlen = len - q0;
			have_port = true;
		}
	}

	/* The address. */
	char abuf[64];
	uint8_t addr[16] = { 0 };
	struct nono_span asp = part(t, x, a0, alen);

	v6 = bracket || memchr(s + a0, ':', alen);
	if (alen == 0) {
		d = err(t, NONO_E055, bracket ? part(t, x, 0, a0 + 1) : part(t, x, 0, 1), "the address is missing");
		hint(t, d, "write an address or a network: 10.0.0.5, 10.0.0.0/8, [2001:db8::1]:443");
		return NULL;
	}
	if (!v6 && looks_like_name(s + a0, alen)) {
		bool localhost = alen == 9 && !memcmp(s + a0, "localhost", 9);

		d = err(t, NONO_E055, asp, "'%s' is a host name, not an address", show(t, s + a0, alen));
		if (localhost) {
			const char *rest = show(t, s + a0 + alen, len - a0 - alen);

			hint(t, d, "did you mean 127.0.0.1%s? (or [::1]%s for IPv6)", rest, rest);
		} else {
			hint(t, d, "nono resolves no names, so that a rule cannot change meaning with DNS; write the "
				   "address (`getent ahosts %s` shows it)", show(t, s + a0, alen));
		}
		return NULL;
	}
	if (alen >= sizeof(abuf) || memchr(s + a0, '\0', alen)) {
		d = err(t, NONO_E055, asp, "'%s' is not an IP address", show(t, s + a0, alen));
		return NULL;
	}
	memcpy(abuf, s + a0, alen);
	abuf[alen] = '\0';
	if (v6) {
		bool ok = inet_pton(AF_INET6, abuf, addr) == 1;

		if (!ok && bracket && !memchr(abuf, ':', alen) && inet_pton(AF_INET, abuf, addr) == 1) {
			d = err(t, NONO_E055, part(t, x, 0, a0 + alen + 1), "brackets are only for IPv6 addresses");
			hint(t, d, "did you mean %s%s?", abuf, show(t, s + a0 + alen + 1, len - a0 - alen - 1));
			return NULL;
		}
		if (!ok) {
			d = err(t, NONO_E055, asp, "'%s' is not an IPv6 address", show(t, abuf, alen));
			hint(t, d, "IPv6 addresses are written like 2001:db8::1 or fe80::/10; with a port, in "
				   "brackets: [2001:db8::1]:443");
			return NULL;
		}
	} else {
		bool ok = true;

		for (size_t i = 0; i < alen; i++)
			ok &= is_digit(abuf[i]) || abuf[i] == '.';
		if (!ok || inet_pton(AF_INET, abuf, addr) != 1) {
			d = err(t, NONO_E055, asp, "'%s' is not an IPv4 address", show(t, abuf, alen));
			hint(t, d, "an IPv4 address is four numbers from 0 to 255 separated by dots, without leading "
				   "zeros (10.0.0.5)");
			return NULL;
		}
	}

	/* The prefix. */
	unsigned maxp = v6 ? 128 : 32, prefix = maxp;

	if (have_prefix) {
		uint64_t pv;
		size_t i = 0;
		int r = digits(s + p0, plen, &i, &pv);

		if (plen == 0) {
			d = err(t, NONO_E055, part(t, x, p0 - 1, 1), "a '/' without a prefix length");
			hint(t, d, "write the network's prefix length, e.g. 10.0.0.0/8");
			return NULL;
		}
		if (r == 0 || i != plen) {
			d = err(t, NONO_E055, part(t, x, p0, plen), "'%s' is not a prefix length", show(t, s + p0, plen));
			hint(t, d, "a prefix length is a number from 0 to %u, e.g. 10.0.0.0/8", maxp);
			return NULL;
		}
		if (r < 0 || pv > maxp) {
			d = err(t, NONO_E055, part(t, x, p0, plen), "prefix /%s is longer than an %s address (%u bits)",
				show(t, s + p0, plen), v6 ? "IPv6" : "IPv4", maxp);
			hint(t, d, "a prefix length is a number from 0 to %u", maxp);
			return NULL;
		}
		prefix = (unsigned)pv;
	}

	/* Host bits: the written network must be the network. */
	uint8_t net[16];

	memcpy(net, addr, sizeof(net));
	if (clear_host_bits(net, v6 ? 16 : 4, prefix)) {
		char nbuf[INET6_ADDRSTRLEN];
		size_t from = bracket ? 0 : a0;

		inet_ntop(v6 ? AF_INET6 : AF_INET, net, nbuf, sizeof(nbuf));
		d = err(t, NONO_E056, part(t, x, from, aend - from), "%s/%u has host bits set beyond the /%u prefix", abuf,
			prefix, prefix);
		hint(t, d, "did you mean %s%s%s/%u%s%s?", bracket ? "[" : "", nbuf, bracket ? "]" : "", prefix,
		     have_port ? ":" : "", have_port ? show(t, s + q0, qlen) : "");
		hint(t, d, "or %s alone, for that one host", abuf);
		return NULL;
	}

	/* The port. */
	uint16_t lo = 0, hi = 0;

	if (have_port && !port_range(t, x, q0, qlen, false, &lo, &hi))
		return NULL;

	struct nono_value *v = newval(t, NONO_T_NET);

	if (!v)
		return NULL;
	struct nono_net *n = &v->u.net;
	static const uint8_t mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

	if (v6 && !memcmp(addr, mapped, 12) && prefix >= 96) {
		/* ::ffff:a.b.c.d is the IPv4 address a.b.c.d (types.h). */
		n->family = 4;
		n->prefix = (uint8_t)(prefix - 96);
		memcpy(n->addr, addr + 12, 4);
	} else {
		n->family = v6 ? 6 : 4;
		n->prefix = (uint8_t)prefix;
		memcpy(n->addr, addr, v6 ? 16 : 4);
	}
	n->port_lo = lo;
	n->port_hi = hi;
	n->any_port = !have_port;
	return v;
}

/* ---- quantities ------------------------------------------------------------ */

struct unit {
	const char *name;
	uint64_t mult;
};

static const struct unit size_units[] = {
	{ "B", 1 }, { "KiB", 1ull << 10 }, { "MiB", 1ull << 20 }, { "GiB", 1ull << 30 }, { "TiB", 1ull << 40 },
};
#define NSIZE_UNITS (sizeof(size_units) / sizeof(size_units[0]))

/* "1536MiB": @bytes in the largest unit that divides it. */
static const char *fmt_size(struct tc *t, uint64_t bytes)
{
	size_t u = NSIZE_UNITS - 1;

	while (u > 0 && bytes % size_units[u].mult)
		u--;
	const char *r = arena_printf(&t->ctx->arena, "%llu%s", (unsigned long long)(bytes / size_units[u].mult),
				     size_units[u].name);

	return r ? r : "";
}

/* The binary unit a misspelled size unit most likely means, or NULL. */
static const char *size_unit_meant(const char *u, size_t len, bool *decimal)
{
	static const struct {
		const char *spelling;
		const char *unit;
		bool decimal;
	} map[] = {
		{ "k", "KiB", false },  { "kb", "KiB", true },   { "kib", "KiB", false }, { "m", "MiB", false },
		{ "mb", "MiB", true },  { "mib", "MiB", false }, { "g", "GiB", false },   { "gb", "GiB", true },
		{ "gib", "GiB", false }, { "t", "TiB", false },  { "tb", "TiB", true },   { "tib", "TiB", false },
		{ "b", "B", false },    { "byte", "B", false },  { "bytes", "B", false },
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		if (strlen(map[i].spelling) == len && !strncasecmp(map[i].spelling, u, len)) {
			*decimal = map[i].decimal;
			return map[i].unit;
		}
	}
	return NULL;
}

static const char *quota_what(const struct nono_node *n)
{
	return n ? nono_quota_name(n->sub) : "value";
}

/* A zero limit, or one that does not fit. */
static void zero_limit(struct tc *t, const struct nono_node *n, struct nono_span sp)
{
	struct nonoc_diag *d = err(t, NONO_E060, sp, "`%s` must be greater than zero", quota_what(n));

	hint(t, d, "to set no limit, leave the line out; to forbid something, use a deny rule");
}

static void too_large(struct tc *t, struct nono_span sp, const char *what, const char *limit)
{
	struct nonoc_diag *d = err(t, NONO_E060, sp, "%s is too large", what);

	hint(t, d, "the largest value is %s", limit);
}

static bool unlimited_word(const char *s, size_t len)
{
	static const char *const words[] = { "unlimited", "infinity", "inf", "max", "none", "no", "off" };

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i]) == len && !strncasecmp(words[i], s, len))
			return true;
	return false;
}

/* A size at [0, len) of x (len < x->len for a rate's size part). @rate adds
 * "/s" to suggestions. */
static bool parse_size(struct tc *t, const struct nono_node *n, const struct nono_text *x, size_t len, bool rate,
		       uint64_t *out)
{
	const char *s = x->s, *per = rate ? "/s" : "";
	size_t i = 0;
	struct dec num;
	struct nonoc_diag *d;

	if (!decimal(s, len, &i, 3, &num)) {
		d = err(t, NONO_E058, x->span, "'%s' is not a %s", showt(t, x), rate ? "rate" : "size");
		if (unlimited_word(s, len))
			hint(t, d, "to set no limit, leave the line out");
		else
			hint(t, d, "write a whole number and a unit, e.g. %s", rate ? "10MiB/s" : "512MiB");
		return false;
	}
	size_t nlen = i;
	const char *u = s + i;
	size_t ulen = len - i;
	const struct unit *unit = NULL;

	for (size_t k = 0; k < NSIZE_UNITS; k++)
		if (strlen(size_units[k].name) == ulen && !memcmp(size_units[k].name, u, ulen))
			unit = &size_units[k];
	if (ulen == 0) {
		d = err(t, NONO_E059, part(t, x, 0, len), "a %s needs a unit", rate ? "rate" : "size");
		hint(t, d, "add one of B, KiB, MiB, GiB, TiB, e.g. %s%s", rate ? "10MiB" : "512MiB", per);
		return false;
	}
	if (!unit) {
		bool dec = false;
		const char *meant = size_unit_meant(u, ulen, &dec);
		const char *shown = show(t, s, nlen);

		d = err(t, NONO_E059, part(t, x, nlen, ulen), "unknown size unit '%s'", show(t, u, ulen));
		if (meant && dec) {
			hint(t, d, "nono uses binary units: did you mean %s%s%s? (1 %s = %s bytes)", shown, meant, per,
			     meant, !strcmp(meant, "KiB") ? "1024" : !strcmp(meant, "MiB") ? "1048576"
							 : !strcmp(meant, "GiB") ? "1073741824" : "1099511627776");
		} else if (meant) {
			hint(t, d, "did you mean %s%s%s?", shown, meant, per);
		} else {
			const char *cands[NSIZE_UNITS];

			for (size_t k = 0; k < NSIZE_UNITS; k++)
				cands[k] = size_units[k].name;
			const char *best = nono_suggest(u, ulen, cands, NSIZE_UNITS);

			if (best)
				hint(t, d, "did you mean %s%s%s?", shown, best, per);
			else
				hint(t, d, "size units are B, KiB, MiB, GiB and TiB");
		}
		return false;
	}
	uint64_t bytes;

	if (num.point) {
		d = err(t, NONO_E058, part(t, x, 0, nlen), "a %s is a whole number", rate ? "rate" : "size");
		if (dec_times(&num, unit->mult, &bytes) && bytes)
			hint(t, d, "did you mean %s%s?", fmt_size(t, bytes), per);
		else
			hint(t, d, "use a smaller unit, e.g. 1536MiB rather than 1.5GiB");
		return false;
	}
	if (num.over || !mul_ok(num.ip, unit->mult, &bytes)) {
		too_large(t, part(t, x, 0, len), showt(t, x), "16777215TiB (a size must fit in 64 bits)");
		return false;
	}
	if (bytes == 0) {
		zero_limit(t, n, x->span);
		return false;
	}
	*out = bytes;
	return true;
}

static const struct nono_value *check_size(struct tc *t, const struct nono_node *n, const struct nono_text *x)
{
	uint64_t bytes;

	if (!parse_size(t, n, x, x->len, false, &bytes))
		return NULL;
	struct nono_value *v = newval(t, NONO_T_SIZE);

	if (v)
		v->u.amount = bytes;
	return v;
}

static const struct nono_value *check_rate(struct tc *t, const struct nono_node *n, const struct nono_text *x)
{
	const char *s = x->s;
	const char *slash = memchr(s, '/', x->len);
	size_t slen = slash ? (size_t)(slash - s) : x->len;
	uint64_t bytes;

	if (!parse_size(t, n, x, slen, true, &bytes))
		return NULL;
	if (!slash) {
		struct nonoc_diag *d = err(t, NONO_E059, x->span, "a rate needs '/s'");

		hint(t, d, "did you mean %s/s?", showt(t, x));
		return NULL;
	}
	const char *den = slash + 1;
	size_t dlen = x->len - slen - 1;

	if (!(dlen == 1 && den[0] == 's')) {
		static const struct {
			const char *name;
			uint64_t seconds;
		} per[] = { { "s", 1 }, { "sec", 1 }, { "second", 1 }, { "m", 60 }, { "min", 60 }, { "minute", 60 },
			    { "h", 3600 }, { "hr", 3600 }, { "hour", 3600 } };
		uint64_t secs = 0;
		struct nonoc_diag *d = err(t, NONO_E059, part(t, x, slen + 1, dlen), "rates are per second, not per '%s'",
					   show(t, den, dlen));

		for (size_t k = 0; k < sizeof(per) / sizeof(per[0]); k++)
			if (strlen(per[k].name) == dlen && !strncasecmp(per[k].name, den, dlen))
				secs = per[k].seconds;
		if (secs && bytes % secs == 0)
			hint(t, d, "did you mean %s/s?", fmt_size(t, bytes / secs));
		else
			hint(t, d, "write the rate per second, e.g. 10MiB/s");
		return NULL;
	}
	struct nono_value *v = newval(t, NONO_T_RATE);

	if (v)
		v->u.amount = bytes;
	return v;
}

static const struct unit dur_units[] = {
	{ "h", 3600000 }, { "m", 60000 }, { "s", 1000 }, { "ms", 1 },
};
#define NDUR_UNITS (sizeof(dur_units) / sizeof(dur_units[0]))

/* "1h30m" for a number of milliseconds. */
static const char *fmt_duration(struct tc *t, uint64_t ms)
{
	char buf[96];
	size_t n = 0;

	for (size_t u = 0; u < NDUR_UNITS; u++) {
		uint64_t q = ms / dur_units[u].mult;

		if (q) {
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%llu%s", (unsigned long long)q, dur_units[u].name);
			ms -= q * dur_units[u].mult;
		}
	}
	if (!n)
		snprintf(buf, sizeof(buf), "0s");
	const char *r = arena_strdup(&t->ctx->arena, buf);

	return r ? r : "";
}

/* The duration unit a misspelling means (index into dur_units), -1 if none;
 * *days set for d/day/days. */
static int dur_unit_meant(const char *u, size_t len, bool *days)
{
	static const struct {
		const char *spelling;
		int unit;
	} map[] = {
		{ "h", 0 },     { "hr", 0 },      { "hrs", 0 },     { "hour", 0 },     { "hours", 0 },
		{ "m", 1 },     { "min", 1 },     { "mins", 1 },    { "minute", 1 },   { "minutes", 1 },
		{ "s", 2 },     { "sec", 2 },     { "secs", 2 },    { "second", 2 },   { "seconds", 2 },
		{ "ms", 3 },    { "msec", 3 },    { "msecs", 3 },   { "millisecond", 3 }, { "milliseconds", 3 },
	};

	*days = (len == 1 && (u[0] == 'd' || u[0] == 'D')) || (len == 3 && !strncasecmp(u, "day", 3)) ||
		(len == 4 && !strncasecmp(u, "days", 4));
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strlen(map[i].spelling) == len && !strncasecmp(map[i].spelling, u, len))
			return map[i].unit;
	return -1;
}

static const struct nono_value *check_duration(struct tc *t, const struct nono_node *n, const struct nono_text *x)
{
	const char *s = x->s;
	size_t len = x->len, i = 0;
	uint64_t total = 0;
	int last = -1;          /* index of the previous piece's unit */
	bool ordered = true, over = false;
	struct nonoc_diag *d;

	if (len == 0 || !is_digit(s[0])) {
		d = err(t, NONO_E058, x->span, "'%s' is not a duration", showt(t, x));
		if (unlimited_word(s, len))
			hint(t, d, "to set no limit, leave the line out");
		else
			hint(t, d, "write a whole number and a unit (ms, s, m, h), e.g. 90s, 10m or 1h30m");
		return NULL;
	}
	while (i < len) {
		size_t b = i;
		struct dec num;

		if (!decimal(s, len, &i, 3, &num)) {
			d = err(t, NONO_E058, part(t, x, i, len - i), "unexpected '%s' in a duration",
				show(t, s + i, len - i));
			hint(t, d, "write a whole number and a unit (ms, s, m, h), e.g. 90s, 10m or 1h30m");
			return NULL;
		}
		size_t nend = i;

		while (i < len && !is_digit(s[i]) && s[i] != '.')
			i++;
		const char *u = s + nend;
		size_t ulen = i - nend;
		int unit = -1;

		for (size_t k = 0; k < NDUR_UNITS; k++)
			if (strlen(dur_units[k].name) == ulen && !memcmp(dur_units[k].name, u, ulen))
				unit = (int)k;
		if (ulen == 0) {
			if (last < 0) {
				d = err(t, NONO_E059, x->span, "a duration needs a unit");
				hint(t, d, "add one of ms, s, m, h, e.g. %ss", show(t, s, nend));
			} else {
				d = err(t, NONO_E059, part(t, x, b, nend - b), "'%s' has no unit", show(t, s + b, nend - b));
				if (last + 1 < (int)NDUR_UNITS)
					hint(t, d, "did you mean %s%s?", showt(t, x), dur_units[last + 1].name);
			}
			return NULL;
		}
		if (unit < 0) {
			bool days = false;
			int meant = dur_unit_meant(u, ulen, &days);
			uint64_t hours;

			d = err(t, NONO_E059, part(t, x, nend, ulen), "unknown duration unit '%s'", show(t, u, ulen));
			if (meant >= 0)
				hint(t, d, "did you mean %s%s%s?", show(t, s, nend), dur_units[meant].name,
				     show(t, s + i, len - i));
			else if (days && b == 0 && i == len && !num.point && !num.over && mul_ok(num.ip, 24, &hours))
				hint(t, d, "did you mean %lluh? (the largest unit is h)", (unsigned long long)hours);
			else if (ulen == 2 && (u[0] == 'u' || u[0] == 'n') && u[1] == 's')
				hint(t, d, "the smallest unit is ms");
			else
				hint(t, d, "duration units are ms, s, m and h");
			return NULL;
		}
		uint64_t ms;

		if (num.point) {
			d = err(t, NONO_E058, part(t, x, b, nend - b), "a duration is written in whole numbers");
			if (b == 0 && i == len && dec_times(&num, dur_units[unit].mult, &ms) && ms)
				hint(t, d, "did you mean %s?", fmt_duration(t, ms));
			else
				hint(t, d, "combine units instead, e.g. 1h30m");
			return NULL;
		}
		if (num.over || !mul_ok(num.ip, dur_units[unit].mult, &ms) || !add_ok(total, ms, &total))
			over = true;
		if (last >= 0 && unit <= last)
			ordered = false;
		last = unit;
	}
	if (over) {
		too_large(t, x->span, showt(t, x), "about 584 million years (64 bits of milliseconds)");
		return NULL;
	}
	if (!ordered) {
		d = err(t, NONO_E058, x->span, "the units of a duration go from largest to smallest, each once");
		if (total)
			hint(t, d, "did you mean %s?", fmt_duration(t, total));
		return NULL;
	}
	if (total == 0) {
		zero_limit(t, n, x->span);
		return NULL;
	}
	struct nono_value *v = newval(t, NONO_T_DURATION);

	if (v)
		v->u.amount = total;
	return v;
}

/* "0.25", "1.5", "2" for a number of thousandths of a core. */
static const char *fmt_cores(struct tc *t, uint64_t thousandths)
{
	char frac[8];
	int n = snprintf(frac, sizeof(frac), "%03u", (unsigned)(thousandths % 1000));

	while (n > 0 && frac[n - 1] == '0')
		frac[--n] = '\0';
	const char *r = arena_printf(&t->ctx->arena, "%llu%s%s", (unsigned long long)(thousandths / 1000), n ? "." : "",
				     frac);

	return r ? r : "";
}

static const struct nono_value *check_cpu(struct tc *t, const struct nono_node *n, const struct nono_text *x)
{
	const char *s = x->s;
	size_t len = x->len, i = 0;
	struct dec num;
	struct nonoc_diag *d;

	if (!decimal(s, len, &i, 3, &num)) {
		d = err(t, NONO_E058, x->span, "'%s' is not a cpu share", showt(t, x));
		if (unlimited_word(s, len))
			hint(t, d, "to set no limit, leave the line out");
		else
			hint(t, d, "write a number of cores (2, 1.5, 0.25) or a percentage of one core (50%%)");
		return NULL;
	}
	size_t nend = i;
	const char *u = s + i;
	size_t ulen = len - i;
	bool percent = ulen == 1 && u[0] == '%';

	if (ulen && !percent) {
		d = err(t, NONO_E059, part(t, x, nend, ulen), "unexpected '%s' after the cpu share", show(t, u, ulen));
		if (ulen == 1 && u[0] == 'm' && !num.point && !num.over) {
			/* Kubernetes' millicores: 500m is half a core. */
			hint(t, d, "cpu is in cores: did you mean %s?", fmt_cores(t, num.ip));
		} else if (eq_ci(u, ulen, "core") || eq_ci(u, ulen, "cores") || eq_ci(u, ulen, "cpu") ||
			   eq_ci(u, ulen, "cpus")) {
			hint(t, d, "did you mean %s?", show(t, s, nend));
		} else {
			hint(t, d, "write a number of cores (2, 1.5, 0.25) or a percentage of one core (50%%)");
		}
		return NULL;
	}
	/* Thousandths of a core: N cores = N * 1000, P% = P * 10. */
	uint64_t thousandths, whole;
	bool fits;

	if (percent) {
		if (!num.exact || num.frac % 100) {
			d = err(t, NONO_E058, part(t, x, 0, nend), "a cpu percentage has at most one decimal");
			hint(t, d, "cpu is set in thousandths of a core (0.1%%)");
			return NULL;
		}
		fits = !num.over && mul_ok(num.ip, 10, &whole) && add_ok(whole, num.frac / 100, &thousandths);
	} else {
		if (!num.exact) {
			d = err(t, NONO_E058, part(t, x, 0, nend), "a cpu share has at most three decimals");
			hint(t, d, "cpu is set in thousandths of a core (0.001)");
			return NULL;
		}
		fits = !num.over && mul_ok(num.ip, 1000, &whole) && add_ok(whole, num.frac, &thousandths);
	}
	if (!fits) {
		too_large(t, x->span, showt(t, x), "18446744073709551.615 cores (64 bits of thousandths)");
		return NULL;
	}
	if (thousandths == 0) {
		zero_limit(t, n, x->span);
		return NULL;
	}
	struct nono_value *v = newval(t, NONO_T_CPU);

	if (v)
		v->u.amount = thousandths;
	return v;
}

/* A positive whole number: pids, files, the policy version, a Landlock level.
 * @what names it in messages. */
static bool parse_count(struct tc *t, const struct nono_text *x, const char *what, uint64_t *out)
{
	const char *s = x->s;
	size_t len = x->len, i = 0;
	uint64_t v;
	int r = digits(s, len, &i, &v);
	struct nonoc_diag *d;

	if (r == 0 || i != len) {
		struct nono_span sp = r == 0 ? x->span : part(t, x, i, len - i);

		d = err(t, NONO_E058, sp, "%s is a whole number, not '%s'", what, showt(t, x));
		if (r == 0 && unlimited_word(s, len))
			hint(t, d, "to set no limit, leave the line out");
		return false;
	}
	if (r < 0) {
		too_large(t, x->span, showt(t, x), "18446744073709551615 (64 bits)");
		return false;
	}
	*out = v;
	return true;
}

static const struct nono_value *check_count(struct tc *t, const struct nono_node *n, const struct nono_text *x)
{
	uint64_t c;
	char what[32];

	snprintf(what, sizeof(what), "`%s`", quota_what(n));
	if (!parse_count(t, x, what, &c))
		return NULL;
	if (c == 0) {
		zero_limit(t, n, x->span);
		return NULL;
	}
	struct nono_value *v = newval(t, NONO_T_COUNT);

	if (v)
		v->u.amount = c;
	return v;
}

static const struct nono_value *check_version(struct tc *t, const struct nono_text *x)
{
	uint64_t c;

	if (!parse_count(t, x, "a policy version", &c))
		return NULL;
	if (c == 0) {
		struct nonoc_diag *d = err(t, NONO_E060, x->span, "policy versions start at 1");

		hint(t, d, "did you mean version 1?");
		return NULL;
	}
	struct nono_value *v = newval(t, NONO_T_INT);

	if (v)
		v->u.amount = c;
	return v;
}

/* `require landlock N`: N >= 1, not capped. The ABI grows with the kernel
 * (7 on the project's test kernel, Linux 6.15; 9 upstream at the time of
 * writing); a level the running kernel lacks makes nono-load refuse to
 * start, which is what `require` is for. */
static const struct nono_value *check_level(struct tc *t, const struct nono_node *n)
{
	const struct nono_text *x = &n->arg;
	uint64_t c;

	if (n->sub != NONO_LAYER_LANDLOCK) {
		struct nonoc_diag *d = err(t, NONO_E066, x->span, "`require %s` takes no level", nono_layer_name(n->sub));

		hint(t, d, "write `require %s`: only Landlock has ABI versions (`require landlock N`)",
		     nono_layer_name(n->sub));
		return NULL;
	}
	if (!parse_count(t, x, "a Landlock ABI version", &c))
		return NULL;
	if (c == 0) {
		struct nonoc_diag *d = err(t, NONO_E060, x->span, "Landlock ABI versions start at 1");

		hint(t, d, "write `require landlock` for any version, or the lowest ABI version the policy needs");
		return NULL;
	}
	struct nono_value *v = newval(t, NONO_T_INT);

	if (v)
		v->u.amount = c;
	return v;
}

/* ---- syscalls, digests, environment --------------------------------------- */

static void list_groups(struct tc *t, struct nonoc_diag *d)
{
	size_t n, off = 0;
	const struct nono_sysgroup *g = nono_sysgroup_table(&n);
	char buf[640];

	buf[0] = '\0';
	for (size_t i = 0; i < n && off < sizeof(buf); i++) {
		int w = snprintf(buf + off, sizeof(buf) - off, "%s@%s", i ? " " : "", g[i].name);

		if (w > 0)
			off += (size_t)w;
	}
	nono_diag_note(t->ctx, d, NONO_NO_SPAN, "the groups are: %s", buf);
}

/* The x86_64/aarch64 counterpart of a 32-bit-only syscall name (stat64,
 * setuid32, clock_gettime64, socketcall…), or NULL. */
static const char *native_syscall(const char *name)
{
	static const struct {
		const char *compat, *native;
	} map[] = {
		{ "_llseek", "lseek" },           { "_newselect", "select" },        { "ipc", "semop, msgget, shmat…" },
		{ "mmap2", "mmap" },              { "olduname", "uname" },           { "sigaction", "rt_sigaction" },
		{ "signal", "rt_sigaction" },     { "sigpending", "rt_sigpending" }, { "sigprocmask", "rt_sigprocmask" },
		{ "sigreturn", "rt_sigreturn" },  { "sigsuspend", "rt_sigsuspend" },
		{ "socketcall", "socket, connect, sendmsg…" },                   { "ugetrlimit", "getrlimit" },
		{ "waitpid", "wait4" },
	};
	static const char *const suffixes[] = { "_time64", "32", "64" };
	size_t len = strlen(name);

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(name, map[i].compat))
			return map[i].native;
	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		size_t sl = strlen(suffixes[i]);
		char base[64];

		if (len > sl && len - sl < sizeof(base) && !strcmp(name + len - sl, suffixes[i])) {
			const struct nono_syscall_info *sc;

			memcpy(base, name, len - sl);
			base[len - sl] = '\0';
			if ((sc = nono_syscall_lookup(base)))
				return sc->name;
		}
	}
	return NULL;
}

static const struct nono_value *check_syscall(struct tc *t, const struct nono_text *x)
{
	const char *s = x->s;
	struct nonoc_diag *d;
	struct nono_value *v;

	if (s[0] == '@') {
		const struct nono_sysgroup *g = nono_sysgroup_lookup(s);

		if (!g) {
			d = err(t, NONO_E062, x->span, "unknown syscall group '%s'", showt(t, x));
			const char *best = nono_sysgroup_suggest(s);

			if (best)
				hint(t, d, "did you mean '@%s'?", best);
			else if (nono_syscall_lookup(s + 1))
				hint(t, d, "'%s' is a syscall: write it without '@'", show(t, s + 1, x->len - 1));
			else
				list_groups(t, d);
			return NULL;
		}
		if (!(v = newval(t, NONO_T_SYSCALL)))
			return NULL;
		v->u.sys = (struct nono_syscall){ .group = true, .name = g->name, .nr_x86_64 = -1, .nr_aarch64 = -1 };
		return v;
	}
	const struct nono_syscall_info *sc = nono_syscall_lookup(s);

	if (!sc) {
		d = err(t, NONO_E061, x->span, "'%s' is not a syscall on x86_64 or aarch64", showt(t, x));
		const char *bare = !strncmp(s, "__NR_", 5) ? s + 5 : !strncmp(s, "SYS_", 4) ? s + 4 : NULL;
		const char *best;

		const char *native = bare ? NULL : native_syscall(s);

		if (bare && nono_syscall_lookup(bare))
			hint(t, d, "write the name alone: '%s'", show(t, bare, strlen(bare)));
		else if (native && strchr(native, ','))
			hint(t, d, "'%s' exists only on 32-bit architectures; x86_64 and aarch64 have separate "
				   "syscalls instead (%s)", showt(t, x), native);
		else if (native)
			hint(t, d, "'%s' exists only on 32-bit architectures; on x86_64 and aarch64 it is '%s'",
			     showt(t, x), native);
		else if (nono_sysgroup_lookup(s))
			hint(t, d, "did you mean the group '@%s'? (groups start with '@')", nono_sysgroup_lookup(s)->name);
		else if ((best = nono_syscall_suggest(s)))
			hint(t, d, "did you mean '%s'?", best);
		return NULL;
	}
	if (!(v = newval(t, NONO_T_SYSCALL)))
		return NULL;
	v->u.sys = (struct nono_syscall){ .group = false, .name = sc->name, .nr_x86_64 = sc->nr_x86_64,
					  .nr_aarch64 = sc->nr_aarch64 };
	return v;
}

static const struct nono_value *check_sha256(struct tc *t, const struct nono_text *x)
{
	const char *s = x->s;
	size_t len = x->len;
	struct nonoc_diag *d;

	if (len >= 7 && !strncasecmp(s, "sha256:", 7)) {
		d = err(t, NONO_E063, part(t, x, 0, 7), "write the digest without the 'sha256:' prefix");
		hint(t, d, "did you mean \"%s\"?", show(t, s + 7, len - 7));
		return NULL;
	}
	size_t nhex = 0, bad = SIZE_MAX;

	for (size_t i = 0; i < len; i++) {
		if (hexval(s[i]) >= 0)
			nhex++;
		else if (bad == SIZE_MAX)
			bad = i;
	}
	if (len != 64) {
		d = err(t, NONO_E063, x->span, "a sha256 digest is 64 hex digits; this one has %zu characters", len);
		if (bad == 64 && (s[64] == ' ' || s[64] == '\t'))
			hint(t, d, "paste only the digest: the first field of sha256sum's output");
		else if (bad == SIZE_MAX && len == 128)
			hint(t, d, "this looks like a SHA-512 digest; nono pins binaries by SHA-256 (sha256sum FILE)");
		else if (bad == SIZE_MAX && len == 40)
			hint(t, d, "this looks like a SHA-1 digest; nono pins binaries by SHA-256 (sha256sum FILE)");
		else if (bad == SIZE_MAX && len == 32)
			hint(t, d, "this looks like an MD5 digest; nono pins binaries by SHA-256 (sha256sum FILE)");
		else
			hint(t, d, "`sha256sum FILE` prints the digest");
		return NULL;
	}
	if (bad != SIZE_MAX) {
		d = err(t, NONO_E063, part(t, x, bad, 1), "'%s' is not a hex digit", show(t, s + bad, 1));
		hint(t, d, "a sha256 digest is 64 characters from 0-9 and a-f");
		return NULL;
	}
	struct nono_value *v = newval(t, NONO_T_SHA256);

	if (!v)
		return NULL;
	for (size_t i = 0; i < 32; i++)
		v->u.sha256[i] = (uint8_t)(hexval(s[2 * i]) << 4 | hexval(s[2 * i + 1]));
	return v;
}

static const struct nono_value *check_envname(struct tc *t, const struct nono_text *x)
{
	const char *s = x->s;
	size_t len = x->len, bad = SIZE_MAX;

	for (size_t i = 0; i < len && bad == SIZE_MAX; i++)
		if (!(i == 0 ? is_name_start(s[i]) : is_name_char(s[i])))
			bad = i;
	if (len == 0 || bad != SIZE_MAX) {
		struct nonoc_diag *d = err(t, NONO_E064, len ? part(t, x, bad, 1) : x->span,
					   "'%s' is not an environment variable name", showt(t, x));

		hint(t, d, "names are letters, digits and '_', and do not start with a digit");
		return NULL;
	}
	return newval(t, NONO_T_ENVNAME);
}

static bool check_envvalue(struct tc *t, const struct nono_text *x)
{
	for (size_t i = 0; i < x->len; i++) {
		unsigned char c = (unsigned char)x->s[i];

		if ((c < 0x20 && c != '\t') || c == 0x7f) {
			struct nonoc_diag *d = err(t, NONO_E065, part(t, x, i, 1),
						   c == '\n' ? "an environment value cannot contain a newline"
							     : "an environment value cannot contain a control character");

			hint(t, d, "logs and reviews would show something other than what the program receives");
			return false;
		}
	}
	return true;
}

/* ---- the walk ---------------------------------------------------------------- */

static void set(const struct nono_node *n, const struct nono_value *v, bool second)
{
	struct nono_node *m = (struct nono_node *)n; /* nodes are ours to annotate */

	if (second)
		m->val2 = v;
	else
		m->val = v;
}

static void check_quota(struct tc *t, const struct nono_node *n)
{
	const struct nono_value *v = NULL;

	switch (n->sub) {
	case NONO_Q_MEMORY: v = check_size(t, n, &n->arg); break;
	case NONO_Q_CPU: v = check_cpu(t, n, &n->arg); break;
	case NONO_Q_PIDS:
	case NONO_Q_FILES: v = check_count(t, n, &n->arg); break;
	case NONO_Q_IO_READ:
	case NONO_Q_IO_WRITE: v = check_rate(t, n, &n->arg); break;
	case NONO_Q_WALL: v = check_duration(t, n, &n->arg); break;
	default: break;
	}
	set(n, v, false);
}

static void check_node(struct tc *t, const struct nono_node *n)
{
	if (!n || muted(t, n->span.src))
		return;
	switch (n->kind) {
	case NONO_N_POLICY:
		if (n->arg.s)
			set(n, check_version(t, &n->arg), true);
		break;
	case NONO_N_REQUIRE:
		if (n->arg.s)
			set(n, check_level(t, n), true);
		break;
	case NONO_N_EXEC:
		if (n->arg.s)
			set(n, check_path(t, &n->arg, USE_EXEC), false);
		if (n->arg2.s && !muted(t, n->span.src))
			set(n, check_sha256(t, &n->arg2), true);
		break;
	case NONO_N_MEASURE:
		if (n->arg.s)
			set(n, check_path(t, &n->arg, USE_MEASURE), false);
		break;
	case NONO_N_FS:
		if (n->arg.s)
			set(n, check_path(t, &n->arg, USE_FS), false);
		break;
	case NONO_N_NET_UNIX:
		if (n->arg.s)
			set(n, check_path(t, &n->arg, USE_UNIX), false);
		break;
	case NONO_N_NET_CONNECT:
		if (n->arg.s)
			set(n, check_connect(t, &n->arg), false);
		break;
	case NONO_N_NET_BIND:
		if (n->arg.s)
			set(n, check_bind(t, &n->arg), false);
		break;
	case NONO_N_SYS:
		if (n->arg.s)
			set(n, check_syscall(t, &n->arg), false);
		break;
	case NONO_N_ENV_PASS:
		if (n->name.s)
			set(n, check_envname(t, &n->name), false);
		break;
	case NONO_N_ENV_SET:
		if (n->name.s) {
			const struct nono_value *v = check_envname(t, &n->name);

			/* The value is text; only its characters are checked. */
			if (n->arg.s && v && !check_envvalue(t, &n->arg))
				v = NULL;
			set(n, v, false);
		}
		break;
	case NONO_N_QUOTA_ITEM:
		if (n->arg.s)
			check_quota(t, n);
		break;
	case NONO_N_QUOTA:
		for (const struct nono_node *q = n->children; q; q = q->next)
			check_node(t, q);
		break;
	default:
		/* MODE, REQUIRE without a level, NET_NONE, PROC: the front end set
		 * their enums. USE: resolve's. AGENT/TOOL never reach here. */
		break;
	}
}

/* The nodes to check, in source order: files in merge order, then by offset,
 * so that diagnostics come out in the order a reader meets them. */
struct item {
	const struct nono_node *n;
	size_t file;     /* index in p->files */
	uint32_t start;  /* where its value is written */
	size_t seq;      /* order of discovery, for ties */
};

struct items {
	struct item *v;
	size_t n, cap;
	const struct nono_policy *p;
};

static void add(struct items *it, const struct nono_node *n)
{
	if (!n || it->n == it->cap)
		return;
	size_t file = it->p->nfiles;

	for (size_t i = 0; i < it->p->nfiles; i++)
		if (it->p->files[i] == n->span.src)
			file = i;
	/* Rules from one list share their statement's start: use the value's. */
	uint32_t start = n->arg.s ? n->arg.span.start : n->name.s ? n->name.span.start : n->span.start;

	it->v[it->n] = (struct item){ n, file, start, it->n };
	it->n++;
}

static void add_vec(struct items *it, const struct nono_vec *v)
{
	for (size_t i = 0; i < v->n; i++)
		add(it, v->v[i]);
}

static int cmp_item(const void *a, const void *b)
{
	const struct item *x = a, *y = b;

	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

int nono_pass_typecheck(struct nonoc_ctx *ctx, struct nono_policy *p)
{
	struct tc t = { .ctx = ctx, .nsrc = ctx->nsources };
	struct items it = { .p = p };
	size_t before = ctx->nerrors;

	/* p->mode and p->uses carry nothing to type. */
	it.cap = 1 + p->requires.n + p->globals.n + p->quotas.n;
	for (size_t i = 0; i < p->ndomains; i++)
		it.cap += 1 + p->domains[i].measures.n + p->domains[i].rules.n + p->domains[i].quotas.n;
	it.v = arena_alloc(&ctx->arena, it.cap * sizeof(*it.v));
	t.nerr = arena_alloc(&ctx->arena, (t.nsrc ? t.nsrc : 1) * sizeof(*t.nerr));
	if (!t.nerr || !it.v) {
		nono_diag(ctx, NONO_E006, (struct nono_span){ p->root, 0, 0 },
			  "out of memory: the policy needs more than %u bytes", NONO_MAX_ARENA);
		return -1;
	}
	add(&it, p->header);
	add_vec(&it, &p->requires);
	add_vec(&it, &p->globals);
	add_vec(&it, &p->quotas);
	for (size_t i = 0; i < p->ndomains; i++) {
		struct nono_domain *d = &p->domains[i];

		add(&it, d->exec);
		add_vec(&it, &d->measures);
		add_vec(&it, &d->rules);
		add_vec(&it, &d->quotas);
	}
	if (it.n)
		qsort(it.v, it.n, sizeof(*it.v), cmp_item);
	for (size_t i = 0; i < it.n; i++)
		check_node(&t, it.v[i].n);
	/* A value that could not be allocated has val == NULL without an error
	 * of its own: the exhausted arena is the error. */
	if (ctx->arena.exhausted && ctx->nerrors == before)
		nono_diag(ctx, NONO_E006, (struct nono_span){ p->root, 0, 0 },
			  "out of memory: the policy needs more than %u bytes", NONO_MAX_ARENA);
	return ctx->nerrors == before ? 0 : -1;
}
