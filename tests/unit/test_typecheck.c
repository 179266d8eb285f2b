/* SPDX-License-Identifier: Apache-2.0 */
/* The typecheck pass (compiler/typecheck.c): every value type's valid forms
 * and the typed value they give, and every error with its exact message,
 * code, column, underline width and hint. */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "context.h"
#include "types.h"

static nonoc_ctx *ctx;
static struct nono_policy *pol;

static void teardown(void)
{
	nonoc_free(ctx);
	ctx = NULL;
	pol = NULL;
}

TestSuite(typecheck, .fini = teardown);

/* Check @text as the root policy @name, up to and including typecheck (so
 * that later passes, e.g. lower reading `measure`d files, stay out of
 * these tests); nonoc_check's result. */
static int run_named(const char *name, const char *text)
{
	if (ctx)
		nonoc_free(ctx);
	ctx = nonoc_new();
	cr_assert_not_null(ctx);
	cr_assert_eq(nonoc_stop_after(ctx, "typecheck"), 0);
	int src = nonoc_add_source(ctx, name, text, strlen(text));

	cr_assert_geq(src, 0);
	int r = nonoc_check(ctx, src);

	pol = ctx->npolicies ? ctx->policies[0] : NULL;
	return r;
}

/* @body on line 2, after a `policy` header. */
static int run(const char *body)
{
	char text[8192];

	snprintf(text, sizeof(text), "policy \"t\" version 1\n%s\n", body);
	return run_named("t.nono", text);
}

static const char *first_msg(void)
{
	return ctx && ctx->diags ? ctx->diags->msg : "(none)";
}

/* The typed value of the only global rule / quota item of a valid @body. */
static const struct nono_value *global_val(const char *body)
{
	cr_assert_eq(run(body), 0, "%s: %s", body, first_msg());
	cr_assert_eq(pol->globals.n, 1, "%s", body);
	cr_assert_not_null(pol->globals.v[0]->val, "%s: no value", body);
	return pol->globals.v[0]->val;
}

static const struct nono_value *quota_val(const char *item)
{
	char body[256];

	snprintf(body, sizeof(body), "quota { %s }", item);
	cr_assert_eq(run(body), 0, "%s: %s", body, first_msg());
	cr_assert_eq(pol->quotas.n, 1, "%s", body);
	cr_assert_not_null(pol->quotas.v[0]->val, "%s: no value", body);
	return pol->quotas.v[0]->val;
}

/* An expected error: the only diagnostic of @body, on the body's first
 * line, or on its second line when the body is a block ("agent {\n…"). */
struct want {
	const char *body;
	enum nono_code code;
	unsigned col, width;
	const char *msg;
	const char *hint;  /* one of the hints, exactly (NULL: not checked) */
};

static bool has_hint(const struct nonoc_diag *d, const char *h)
{
	for (const struct nono_hint *x = d->hints; x; x = x->next)
		if (!strcmp(x->msg, h))
			return true;
	return false;
}

static void expect_error(const struct want *w)
{
	cr_assert_eq(run(w->body), -1, "%s: no error", w->body);
	const struct nonoc_diag *d = ctx->diags;

	cr_assert_not_null(d);
	cr_expect_null(d->next, "%s: a second diagnostic: %s", w->body, d->next ? d->next->msg : "");
	cr_expect_eq(d->code, w->code, "%s: %s, want %s", w->body, nono_code_info(d->code)->id,
		     nono_code_info(w->code)->id);
	cr_expect_str_eq(d->msg, w->msg, "%s", w->body);
	struct nono_pos p = nono_source_pos(ctx, d->span.src, d->span.start);

	cr_expect_eq(p.line, strchr(w->body, '\n') ? 3u : 2u, "%s: line %u", w->body, p.line);
	cr_expect_eq(p.col, w->col, "%s: column %u, want %u", w->body, p.col, w->col);
	cr_expect_eq(d->span.end - d->span.start, w->width, "%s: width %u, want %u", w->body,
		     d->span.end - d->span.start, w->width);
	if (w->hint)
		cr_expect(has_hint(d, w->hint), "%s: no hint \"%s\" (first: \"%s\")", w->body, w->hint,
			  d->hints ? d->hints->msg : "none");
}

#define EXPECT_ERRORS(table)                                              \
	for (size_t i_ = 0; i_ < sizeof(table) / sizeof(table[0]); i_++) \
		expect_error(&(table)[i_])

/* ---- paths ---------------------------------------------------------------- */

static void expect_path(const char *body, enum nono_anchor anchor, const char *rel, uint32_t ncomp, uint32_t nfixed,
			bool glob, bool recursive)
{
	const struct nono_value *v = global_val(body);

	cr_assert_eq(v->type, NONO_T_PATH, "%s", body);
	cr_expect_eq(v->u.path.anchor, anchor, "%s: anchor %d", body, v->u.path.anchor);
	cr_expect_str_eq(v->u.path.rel, rel, "%s", body);
	cr_expect_eq(v->u.path.ncomp, ncomp, "%s: ncomp %u", body, v->u.path.ncomp);
	cr_expect_eq(v->u.path.nfixed, nfixed, "%s: nfixed %u", body, v->u.path.nfixed);
	cr_expect_eq(v->u.path.glob, glob, "%s: glob", body);
	cr_expect_eq(v->u.path.recursive, recursive, "%s: recursive", body);
}

Test(typecheck, paths_are_anchored_and_normalised)
{
	expect_path("fs read \"/etc/hosts\"", NONO_ANCHOR_ROOT, "etc/hosts", 2, 2, false, false);
	expect_path("fs read \"/etc//./hosts/\"", NONO_ANCHOR_ROOT, "etc/hosts", 2, 2, false, false);
	expect_path("fs read \"/\"", NONO_ANCHOR_ROOT, "", 0, 0, false, false);
	expect_path("fs read \"~\"", NONO_ANCHOR_HOME, "", 0, 0, false, false);
	expect_path("fs read \"~/.gitconfig\"", NONO_ANCHOR_HOME, ".gitconfig", 1, 1, false, false);
	expect_path("fs read \"$WORKDIR\"", NONO_ANCHOR_WORKDIR, "", 0, 0, false, false);
	expect_path("fs write \"$WORKDIR/\"", NONO_ANCHOR_WORKDIR, "", 0, 0, false, false);
	expect_path("deny fs \"/etc/shadow\"", NONO_ANCHOR_ROOT, "etc/shadow", 2, 2, false, false);
	/* '$' not followed by a name, ']' without '[', '~' inside: literal. */
	expect_path("fs read \"/srv/price$5/a]b~\"", NONO_ANCHOR_ROOT, "srv/price$5/a]b~", 3, 3, false, false);
	/* Escapes are the string's, not the path's. */
	expect_path("fs read \"/a\\tb\"", NONO_ANCHOR_ROOT, "a\tb", 1, 1, false, false);
}

Test(typecheck, globs)
{
	expect_path("fs read \"/datasets/**\"", NONO_ANCHOR_ROOT, "datasets/**", 2, 1, true, true);
	expect_path("fs read \"~/.ssh/**\"", NONO_ANCHOR_HOME, ".ssh/**", 2, 1, true, true);
	expect_path("fs write \"$WORKDIR/./src/**/*.c\"", NONO_ANCHOR_WORKDIR, "src/**/*.c", 3, 1, true, false);
	expect_path("fs read \"/a/*/b\"", NONO_ANCHOR_ROOT, "a/*/b", 3, 1, true, false);
	expect_path("fs read \"/var/log/*.log\"", NONO_ANCHOR_ROOT, "var/log/*.log", 3, 2, true, false);
	expect_path("fs read \"/**\"", NONO_ANCHOR_ROOT, "**", 1, 0, true, true);
	/* Adjacent ** components are one. */
	expect_path("fs read \"/a/**/**\"", NONO_ANCHOR_ROOT, "a/**", 2, 1, true, true);
	expect_path("net unix \"/run/user/*/bus\"", NONO_ANCHOR_ROOT, "run/user/*/bus", 4, 2, true, false);
}

Test(typecheck, exec_and_measure_paths)
{
	cr_assert_eq(run("agent {\n  exec \"/usr/bin/python3\"\n  measure prompt \"prompt.txt\"\n"
			 "  measure tools \"./sub//tools.json\"\n  measure model \"/etc/model.json\"\n}"),
		     0, "%s", first_msg());
	const struct nono_domain *a = &pol->domains[0];

	cr_assert_not_null(a->exec->val);
	cr_expect_eq(a->exec->val->u.path.anchor, NONO_ANCHOR_ROOT);
	cr_expect_str_eq(a->exec->val->u.path.rel, "usr/bin/python3");
	cr_expect_null(a->exec->val2, "no sha256 written");
	cr_assert_eq(a->measures.n, 3);
	cr_expect_eq(a->measures.v[0]->val->u.path.anchor, NONO_ANCHOR_RELATIVE);
	cr_expect_str_eq(a->measures.v[0]->val->u.path.rel, "prompt.txt");
	cr_expect_eq(a->measures.v[1]->val->u.path.anchor, NONO_ANCHOR_RELATIVE);
	cr_expect_str_eq(a->measures.v[1]->val->u.path.rel, "sub/tools.json");
	cr_expect_eq(a->measures.v[2]->val->u.path.anchor, NONO_ANCHOR_ROOT);
	cr_expect_str_eq(a->measures.v[2]->val->u.path.rel, "etc/model.json");
}

Test(typecheck, path_errors)
{
	static const struct want w[] = {
		{ "fs read \"etc/passwd\"", NONO_E050, 9, 12, "relative path \"etc/passwd\"",
		  "did you mean \"/etc/passwd\"?" },
		{ "fs read \"etc/passwd\"", NONO_E050, 9, 12, "relative path \"etc/passwd\"",
		  "paths are absolute, or start with ~ or $WORKDIR" },
		{ "fs read \"./build/**\"", NONO_E050, 9, 12, "relative path \"./build/**\"",
		  "for a path in the directory nono-load is started in, write \"$WORKDIR/build/**\"" },
		{ "fs read \"\"", NONO_E050, 9, 2, "an empty path", "paths are absolute, or start with ~ or $WORKDIR" },
		{ "fs read \"/srv/data/../secrets\"", NONO_E051, 20, 2, "a path cannot contain '..'",
		  "did you mean \"/srv/secrets\"?" },
		{ "fs read \"~/../x\"", NONO_E051, 12, 2, "a path cannot contain '..'",
		  "the path leaves \"~\"; write the absolute path of what it names" },
		/* The column counts the source bytes of the \t escape. */
		{ "fs read \"/a\\tb/../c\"", NONO_E051, 16, 2, "a path cannot contain '..'", "did you mean \"/c\"?" },
		{ "fs read \"$HOME/.ssh\"", NONO_E052, 10, 5, "$HOME is not expanded in paths",
		  "~ is the home of the user who runs nono-load: did you mean \"~/.ssh\"?" },
		{ "fs read \"${WORKDIR}/src\"", NONO_E052, 10, 10, "write $WORKDIR without braces",
		  "did you mean \"$WORKDIR/src\"?" },
		{ "fs read \"$WORKDIR.bak\"", NONO_E052, 10, 8, "$WORKDIR must be followed by '/' or end the path", NULL },
		{ "fs read \"$WORKDR/x\"", NONO_E052, 10, 7, "$WORKDR is not expanded in paths",
		  "did you mean \"$WORKDIR/x\"?" },
		{ "fs read \"/home/$USER/x\"", NONO_E052, 16, 5, "$USER in the middle of a path is not expanded",
		  "only ~ and $WORKDIR are expanded, and only at the start of a path" },
		{ "fs read \"~bob/x\"", NONO_E052, 10, 4, "~bob: another user's home is not expanded",
		  "~ alone is the home of the user who runs nono-load; write other homes as absolute paths, e.g. "
		  "\"/home/bob/x\"" },
		{ "fs read \"/data/**.csv\"", NONO_E053, 16, 6, "'**' must be a whole path component",
		  "did you mean \"/data/**/*.csv\"?" },
		{ "fs read \"/data/x**\"", NONO_E053, 16, 3, "'**' must be a whole path component", NULL },
		{ "fs read \"/tmp/?.log\"", NONO_E053, 15, 1, "'?' is not a glob character in nono",
		  "use '*' for any characters within a path component, '**' for any depth" },
		{ "fs read \"/tmp/[ab].log\"", NONO_E053, 15, 4,
		  "character classes ('[…]') are not supported in nono globs", NULL },
		{ "agent {\nexec \"/usr/bin/*\"\n}", NONO_E054, 16, 1, "`exec` needs one file, not a glob", NULL },
		{ "agent {\nexec \"/\"\n}", NONO_E054, 6, 3, "`exec` needs a file, not \"/\"", NULL },
		{ "agent {\nexec \"$WORKDIR\"\n}", NONO_E054, 6, 10, "`exec` needs a file, not \"$WORKDIR\"", NULL },
		{ "agent {\nexec \"python3\"\n}", NONO_E050, 6, 9, "relative path \"python3\"",
		  "`exec` takes the binary's full path (nono does not search $PATH), e.g. \"/usr/bin/python3\"" },
		{ "agent {\nmeasure m \"*.txt\"\n}", NONO_E054, 12, 5, "`measure` needs one file, not a glob", NULL },
		{ "agent {\nmeasure m \"~/p.txt\"\n}", NONO_E052, 12, 1,
		  "a measured file cannot start with ~: it is read when the policy is compiled",
		  "write it relative to the policy file, or absolute" },
		{ "agent {\nmeasure m \"$WORKDIR/p.txt\"\n}", NONO_E052, 12, 8,
		  "a measured file cannot start with $WORKDIR: it is read when the policy is compiled", NULL },
		{ "agent {\nmeasure m \"../p.txt\"\n}", NONO_E051, 12, 2, "a path cannot contain '..'",
		  "a measured file is named relative to the policy's directory (and below it), or absolute" },
		{ "net unix \"run/x.sock\"", NONO_E050, 10, 12, "relative path \"run/x.sock\"",
		  "did you mean \"/run/x.sock\"?" },
	};

	EXPECT_ERRORS(w);
}

/* ---- net ------------------------------------------------------------------- */

static void expect_net(const char *body, int family, int prefix, const char *addr, int lo, int hi)
{
	const struct nono_value *v = global_val(body);
	uint8_t want[16] = { 0 };

	cr_assert_eq(v->type, NONO_T_NET, "%s", body);
	cr_assert_eq(inet_pton(family == 4 ? AF_INET : AF_INET6, addr, want), 1, "%s", addr);
	cr_expect_eq(v->u.net.family, family, "%s: family %u", body, v->u.net.family);
	cr_expect_eq(v->u.net.prefix, prefix, "%s: prefix %u", body, v->u.net.prefix);
	cr_expect_arr_eq(v->u.net.addr, want, family == 4 ? 4 : 16, "%s", body);
	if (family == 4)
		for (int i = 4; i < 16; i++)
			cr_expect_eq(v->u.net.addr[i], 0, "%s: IPv4 uses addr[0..3] only", body);
	cr_expect_eq(v->u.net.port_lo, lo, "%s: port_lo %u", body, v->u.net.port_lo);
	cr_expect_eq(v->u.net.port_hi, hi, "%s: port_hi %u", body, v->u.net.port_hi);
	cr_expect_eq(v->u.net.any_port, lo == 0, "%s: any_port", body);
}

Test(typecheck, net_connect_addresses)
{
	expect_net("net connect tcp 10.0.0.5:5432", 4, 32, "10.0.0.5", 5432, 5432);
	expect_net("net connect 10.0.0.0/8", 4, 8, "10.0.0.0", 0, 0);
	expect_net("net connect 10.0.0.0/8:443", 4, 8, "10.0.0.0", 443, 443);
	expect_net("net connect 0.0.0.0/0:1024-2048", 4, 0, "0.0.0.0", 1024, 2048);
	expect_net("deny net connect 169.254.169.254", 4, 32, "169.254.169.254", 0, 0);
	expect_net("net connect udp 10.0.0.1:53-53", 4, 32, "10.0.0.1", 53, 53);
	expect_net("net connect [::1]:443", 6, 128, "::1", 443, 443);
	expect_net("net connect [2001:db8::1]:1-65535", 6, 128, "2001:db8::1", 1, 65535);
	expect_net("net connect 2001:db8::1", 6, 128, "2001:db8::1", 0, 0);
	expect_net("net connect fe80::/10", 6, 10, "fe80::", 0, 0);
	expect_net("net connect ::/0", 6, 0, "::", 0, 0);
	expect_net("net connect [fe80::]/10", 6, 10, "fe80::", 0, 0);
}

Test(typecheck, ipv4_mapped_ipv6_is_stored_as_ipv4)
{
	expect_net("net connect ::ffff:10.0.0.5", 4, 32, "10.0.0.5", 0, 0);
	expect_net("net connect [::ffff:10.0.0.5]:443", 4, 32, "10.0.0.5", 443, 443);
	expect_net("net connect ::ffff:10.0.0.0/104", 4, 8, "10.0.0.0", 0, 0);
	expect_net("net connect ::ffff:0.0.0.0/96", 4, 0, "0.0.0.0", 0, 0);
	/* A mapped address with a prefix shorter than 96 always has host bits
	 * set (the ffff), so it never needs to be an IPv6 network: see net_errors. */
}

Test(typecheck, net_connect_keeps_protocol)
{
	cr_assert_eq(run("net connect tcp 10.0.0.1:443, 10.0.0.2:443, udp 10.0.0.3:53"), 0, "%s", first_msg());
	cr_assert_eq(pol->globals.n, 3);
	cr_expect_eq(pol->globals.v[0]->sub, NONO_PROTO_TCP);
	cr_expect_eq(pol->globals.v[1]->sub, NONO_PROTO_TCP);
	cr_expect_eq(pol->globals.v[2]->sub, NONO_PROTO_UDP);
	for (size_t i = 0; i < 3; i++)
		cr_expect_eq(pol->globals.v[i]->val->u.net.addr[3], i + 1);
}

Test(typecheck, net_bind_ports)
{
	const struct nono_value *v = global_val("net bind tcp 8080");

	cr_assert_eq(v->type, NONO_T_PORTS);
	cr_expect_eq(v->u.ports.lo, 8080);
	cr_expect_eq(v->u.ports.hi, 8080);
	v = global_val("net bind 1024-2048");
	cr_expect_eq(v->u.ports.lo, 1024);
	cr_expect_eq(v->u.ports.hi, 2048);
	v = global_val("net bind udp 65535");
	cr_expect_eq(v->u.ports.lo, 65535);
}

Test(typecheck, net_errors)
{
	static const struct want w[] = {
		{ "net connect 10.1.2.3/8", NONO_E056, 13, 10, "10.1.2.3/8 has host bits set beyond the /8 prefix",
		  "did you mean 10.0.0.0/8?" },
		{ "net connect 10.1.2.3/8", NONO_E056, 13, 10, "10.1.2.3/8 has host bits set beyond the /8 prefix",
		  "or 10.1.2.3 alone, for that one host" },
		{ "net connect tcp 192.168.1.1/24:443", NONO_E056, 17, 14,
		  "192.168.1.1/24 has host bits set beyond the /24 prefix", "did you mean 192.168.1.0/24:443?" },
		{ "net connect 2001:db8::1/32", NONO_E056, 13, 14, "2001:db8::1/32 has host bits set beyond the /32 prefix",
		  "did you mean 2001:db8::/32?" },
		{ "net connect ::ffff:10.1.0.0/104", NONO_E056, 13, 19,
		  "::ffff:10.1.0.0/104 has host bits set beyond the /104 prefix", "did you mean ::ffff:10.0.0.0/104?" },
		{ "net connect 1password.com:443", NONO_E055, 13, 13, "'1password.com' is a host name, not an address",
		  NULL },
		{ "net connect 300.1.1.1", NONO_E055, 13, 9, "'300.1.1.1' is not an IPv4 address", NULL },
		{ "net connect 10.0.0.01", NONO_E055, 13, 9, "'10.0.0.01' is not an IPv4 address", NULL },
		{ "net connect 10.0.0", NONO_E055, 13, 6, "'10.0.0' is not an IPv4 address", NULL },
		{ "net connect fe80::1::2", NONO_E055, 13, 10, "'fe80::1::2' is not an IPv6 address", NULL },
		{ "net connect 10.0.0.0/33", NONO_E055, 22, 2, "prefix /33 is longer than an IPv4 address (32 bits)", NULL },
		{ "net connect fe80::/129", NONO_E055, 20, 3, "prefix /129 is longer than an IPv6 address (128 bits)",
		  NULL },
		{ "net connect 10.0.0.0/", NONO_E055, 21, 1, "a '/' without a prefix length", NULL },
		{ "net connect [10.0.0.1]:443", NONO_E055, 13, 10, "brackets are only for IPv6 addresses",
		  "did you mean 10.0.0.1:443?" },
		{ "net connect 10.0.0.1:70000", NONO_E057, 22, 5, "port 70000 is out of range",
		  "ports are numbers from 1 to 65535" },
		{ "net connect 10.0.0.1:99999999999999999999999", NONO_E057, 22, 23,
		  "port 99999999999999999999999 is out of range", NULL },
		{ "net connect 10.0.0.1:0", NONO_E057, 22, 1, "port 0 is not a port",
		  "leave the port out to allow every port of the address" },
		{ "net connect 10.0.0.1:", NONO_E057, 21, 1, "a port is missing here", NULL },
		{ "net connect 10.0.0.1:443-80", NONO_E057, 22, 6, "the port range 443-80 is backwards",
		  "did you mean 80-443?" },
		{ "net connect 10.0.0.1:80-", NONO_E057, 24, 1, "a port is missing here", NULL },
		{ "net connect ::ffff:0:0/80", NONO_E056, 13, 13, "::ffff:0:0/80 has host bits set beyond the /80 prefix",
		  "did you mean ::/80?" },
		{ "net bind 10.0.0.1:8080", NONO_E057, 10, 13, "`net bind` takes a port or a port range, not an address",
		  "did you mean 8080?" },
		{ "net bind 0", NONO_E057, 10, 1, "port 0 is not a port", NULL },
		{ "net bind 65536", NONO_E057, 10, 5, "port 65536 is out of range", NULL },
		{ "net bind 9000-8000", NONO_E057, 10, 9, "the port range 9000-8000 is backwards", "did you mean 8000-9000?" },
	};

	EXPECT_ERRORS(w);
}

/* ---- quantities ------------------------------------------------------------- */

static void expect_amount(const char *item, enum nono_type type, uint64_t amount)
{
	const struct nono_value *v = quota_val(item);

	cr_expect_eq(v->type, type, "%s: type %d", item, v->type);
	cr_expect_eq(v->u.amount, amount, "%s: %llu, want %llu", item, (unsigned long long)v->u.amount,
		     (unsigned long long)amount);
}

Test(typecheck, sizes_and_rates)
{
	expect_amount("memory 512MiB", NONO_T_SIZE, 512ull << 20);
	expect_amount("memory 1B", NONO_T_SIZE, 1);
	expect_amount("memory 4KiB", NONO_T_SIZE, 4096);
	expect_amount("memory 2GiB", NONO_T_SIZE, 2ull << 30);
	expect_amount("memory 3TiB", NONO_T_SIZE, 3ull << 40);
	/* The largest sizes that fit in 64 bits. */
	expect_amount("memory 16777215TiB", NONO_T_SIZE, 16777215ull << 40);
	expect_amount("memory 18446744073709551615B", NONO_T_SIZE, UINT64_MAX);
	expect_amount("io write 10MiB/s", NONO_T_RATE, 10ull << 20);
	expect_amount("io read 512KiB/s", NONO_T_RATE, 512ull << 10);
}

Test(typecheck, durations)
{
	expect_amount("wall 10m", NONO_T_DURATION, 600000);
	expect_amount("wall 1h", NONO_T_DURATION, 3600000);
	expect_amount("wall 90s", NONO_T_DURATION, 90000);
	expect_amount("wall 250ms", NONO_T_DURATION, 250);
	expect_amount("wall 1h30m", NONO_T_DURATION, 5400000);
	expect_amount("wall 1h1m1s1ms", NONO_T_DURATION, 3661001);
	expect_amount("wall 2m30s", NONO_T_DURATION, 150000);
}

Test(typecheck, cpu_in_thousandths_of_a_core)
{
	expect_amount("cpu 50%", NONO_T_CPU, 500);
	expect_amount("cpu 2", NONO_T_CPU, 2000);
	expect_amount("cpu 1.5", NONO_T_CPU, 1500);
	expect_amount("cpu 0.25", NONO_T_CPU, 250);
	expect_amount("cpu 0.001", NONO_T_CPU, 1);
	expect_amount("cpu 1.500", NONO_T_CPU, 1500);
	expect_amount("cpu 1.5000", NONO_T_CPU, 1500);
	expect_amount("cpu 12.5%", NONO_T_CPU, 125);
	expect_amount("cpu 150%", NONO_T_CPU, 1500);
	expect_amount("cpu 0.1%", NONO_T_CPU, 1);
}

Test(typecheck, counts)
{
	expect_amount("pids 64", NONO_T_COUNT, 64);
	expect_amount("files 256", NONO_T_COUNT, 256);
	expect_amount("files 18446744073709551615", NONO_T_COUNT, UINT64_MAX);
}

Test(typecheck, quantity_errors)
{
	static const struct want w[] = {
		{ "quota { memory 512MB }", NONO_E059, 19, 2, "unknown size unit 'MB'",
		  "nono uses binary units: did you mean 512MiB? (1 MiB = 1048576 bytes)" },
		{ "quota { memory 4kB }", NONO_E059, 17, 2, "unknown size unit 'kB'",
		  "nono uses binary units: did you mean 4KiB? (1 KiB = 1024 bytes)" },
		{ "quota { memory 512M }", NONO_E059, 19, 1, "unknown size unit 'M'", "did you mean 512MiB?" },
		{ "quota { memory 512mib }", NONO_E059, 19, 3, "unknown size unit 'mib'", "did you mean 512MiB?" },
		{ "quota { memory 512MIB }", NONO_E059, 19, 3, "unknown size unit 'MIB'", "did you mean 512MiB?" },
		{ "quota { memory 512Mio }", NONO_E059, 19, 3, "unknown size unit 'Mio'", "did you mean 512MiB?" },
		{ "quota { memory 512xyz }", NONO_E059, 19, 3, "unknown size unit 'xyz'",
		  "size units are B, KiB, MiB, GiB and TiB" },
		{ "quota { memory 512 }", NONO_E059, 16, 3, "a size needs a unit",
		  "add one of B, KiB, MiB, GiB, TiB, e.g. 512MiB" },
		{ "quota { memory 1.5GiB }", NONO_E058, 16, 3, "a size is a whole number", "did you mean 1536MiB?" },
		{ "quota { memory 0MiB }", NONO_E060, 16, 4, "`memory` must be greater than zero",
		  "to set no limit, leave the line out; to forbid something, use a deny rule" },
		{ "quota { memory 16777216TiB }", NONO_E060, 16, 11, "16777216TiB is too large", NULL },
		{ "quota { memory 18446744073709551616B }", NONO_E060, 16, 21, "18446744073709551616B is too large",
		  NULL },
		{ "quota { io write 10MiB }", NONO_E059, 18, 5, "a rate needs '/s'", "did you mean 10MiB/s?" },
		{ "quota { io read 10MB/s }", NONO_E059, 19, 2, "unknown size unit 'MB'",
		  "nono uses binary units: did you mean 10MiB/s? (1 MiB = 1048576 bytes)" },
		{ "quota { io write 600MiB/m }", NONO_E059, 25, 1, "rates are per second, not per 'm'",
		  "did you mean 10MiB/s?" },
		{ "quota { io write 10MiB/sec }", NONO_E059, 24, 3, "rates are per second, not per 'sec'",
		  "did you mean 10MiB/s?" },
		{ "quota { io write 0B/s }", NONO_E060, 18, 4, "`io write` must be greater than zero", NULL },
		{ "quota { wall 10min }", NONO_E059, 16, 3, "unknown duration unit 'min'", "did you mean 10m?" },
		{ "quota { wall 10M }", NONO_E059, 16, 1, "unknown duration unit 'M'", "did you mean 10m?" },
		{ "quota { wall 1hr30m }", NONO_E059, 15, 2, "unknown duration unit 'hr'", "did you mean 1h30m?" },
		{ "quota { wall 600 }", NONO_E059, 14, 3, "a duration needs a unit", "add one of ms, s, m, h, e.g. 600s" },
		{ "quota { wall 1h30 }", NONO_E059, 16, 2, "'30' has no unit", "did you mean 1h30m?" },
		{ "quota { wall 1.5h }", NONO_E058, 14, 3, "a duration is written in whole numbers",
		  "did you mean 1h30m?" },
		{ "quota { wall 30m1h }", NONO_E058, 14, 5,
		  "the units of a duration go from largest to smallest, each once", "did you mean 1h30m?" },
		{ "quota { wall 1m1m }", NONO_E058, 14, 4,
		  "the units of a duration go from largest to smallest, each once", "did you mean 2m?" },
		{ "quota { wall 2d }", NONO_E059, 15, 1, "unknown duration unit 'd'",
		  "did you mean 48h? (the largest unit is h)" },
		{ "quota { wall 10us }", NONO_E059, 16, 2, "unknown duration unit 'us'", "the smallest unit is ms" },
		{ "quota { wall 0s }", NONO_E060, 14, 2, "`wall` must be greater than zero", NULL },
		{ "quota { wall 5124095576030432h }", NONO_E060, 14, 17, "5124095576030432h is too large", NULL },
		{ "quota { cpu 500m }", NONO_E059, 16, 1, "unexpected 'm' after the cpu share",
		  "cpu is in cores: did you mean 0.5?" },
		{ "quota { cpu 2cores }", NONO_E059, 14, 5, "unexpected 'cores' after the cpu share", "did you mean 2?" },
		{ "quota { cpu 0.0005 }", NONO_E058, 13, 6, "a cpu share has at most three decimals", NULL },
		{ "quota { cpu 12.55% }", NONO_E058, 13, 5, "a cpu percentage has at most one decimal", NULL },
		{ "quota { cpu 0 }", NONO_E060, 13, 1, "`cpu` must be greater than zero", NULL },
		{ "quota { cpu 0.0% }", NONO_E060, 13, 4, "`cpu` must be greater than zero", NULL },
		{ "quota { cpu 18446744073709552 }", NONO_E060, 13, 17, "18446744073709552 is too large", NULL },
		{ "quota { pids 0 }", NONO_E060, 14, 1, "`pids` must be greater than zero", NULL },
		{ "quota { pids 64k }", NONO_E058, 16, 1, "`pids` is a whole number, not '64k'", NULL },
		{ "quota { files 1.5 }", NONO_E058, 16, 2, "`files` is a whole number, not '1.5'", NULL },
		{ "quota { files 18446744073709551616 }", NONO_E060, 15, 20, "18446744073709551616 is too large", NULL },
	};

	EXPECT_ERRORS(w);
}

/* ---- versions and levels ----------------------------------------------------- */

Test(typecheck, version_and_landlock_level)
{
	cr_assert_eq(run("require landlock 3\nrequire seccomp\nrequire landlock 99"), 0, "%s", first_msg());
	cr_assert_not_null(pol->header->val2);
	cr_expect_eq(pol->header->val2->type, NONO_T_INT);
	cr_expect_eq(pol->header->val2->u.amount, 1);
	cr_assert_eq(pol->requires.n, 3);
	cr_expect_eq(pol->requires.v[0]->val2->u.amount, 3);
	cr_expect_null(pol->requires.v[1]->val2, "no level written");
	cr_expect_eq(pol->requires.v[2]->val2->u.amount, 99, "levels above the known ABI are accepted");

	cr_assert_eq(run_named("v.nono", "policy \"v\" version 42\n"), 0, "%s", first_msg());
	cr_expect_eq(pol->header->val2->u.amount, 42);
	cr_assert_eq(run_named("v.nono", "policy \"v\"\n"), 0, "%s", first_msg());
	cr_expect_null(pol->header->val2, "no version written");
}

Test(typecheck, version_and_level_errors)
{
	static const struct want w[] = {
		{ "require landlock 0", NONO_E060, 18, 1, "Landlock ABI versions start at 1",
		  "write `require landlock` for any version, or the lowest ABI version the policy needs" },
		{ "require landlock 1.5", NONO_E058, 19, 2, "a Landlock ABI version is a whole number, not '1.5'", NULL },
		{ "require seccomp 2", NONO_E066, 17, 1, "`require seccomp` takes no level",
		  "write `require seccomp`: only Landlock has ABI versions (`require landlock N`)" },
		{ "require bpf-lsm 1", NONO_E066, 17, 1, "`require bpf-lsm` takes no level", NULL },
	};

	EXPECT_ERRORS(w);

	cr_assert_eq(run_named("v.nono", "policy \"v\" version 0\n"), -1);
	cr_expect_eq(ctx->diags->code, NONO_E060);
	cr_expect_str_eq(ctx->diags->msg, "policy versions start at 1");
	cr_expect_eq(nono_source_pos(ctx, ctx->diags->span.src, ctx->diags->span.start).col, 20);
	cr_assert_eq(run_named("v.nono", "policy \"v\" version 1.2\n"), -1);
	cr_expect_eq(ctx->diags->code, NONO_E058);
	cr_expect_str_eq(ctx->diags->msg, "a policy version is a whole number, not '1.2'");
	cr_expect_eq(nono_source_pos(ctx, ctx->diags->span.src, ctx->diags->span.start).col, 21);
}

/* ---- syscalls ------------------------------------------------------------------ */

Test(typecheck, syscalls_and_groups)
{
	cr_assert_eq(run("sys deny openat, open, @mount\ndeny sys ptrace\nsys allow @system-service"), 0, "%s",
		     first_msg());
	cr_assert_eq(pol->globals.n, 5);
	const struct nono_syscall *s = &pol->globals.v[0]->val->u.sys;

	cr_expect_eq(pol->globals.v[0]->val->type, NONO_T_SYSCALL);
	cr_expect_not(s->group);
	cr_expect_str_eq(s->name, "openat");
	cr_expect_eq(s->nr_x86_64, 257);
	cr_expect_eq(s->nr_aarch64, 56);
	s = &pol->globals.v[1]->val->u.sys;
	cr_expect_str_eq(s->name, "open");
	cr_expect_eq(s->nr_x86_64, 2);
	cr_expect_eq(s->nr_aarch64, -1, "open does not exist on aarch64");
	s = &pol->globals.v[2]->val->u.sys;
	cr_expect(s->group);
	cr_expect_str_eq(s->name, "mount", "stored without '@'");
	cr_expect_eq(s->nr_x86_64, -1);
	s = &pol->globals.v[3]->val->u.sys;
	cr_expect_str_eq(s->name, "ptrace");
	cr_expect(pol->globals.v[3]->flags & NONO_NODE_DENY);
	cr_expect_eq(s->nr_x86_64, 101);
	cr_expect_eq(s->nr_aarch64, 117);
	cr_expect(pol->globals.v[4]->val->u.sys.group);
	cr_expect_str_eq(pol->globals.v[4]->val->u.sys.name, "system-service");
}

Test(typecheck, syscall_errors)
{
	static const struct want w[] = {
		{ "sys deny opnat", NONO_E061, 10, 5, "'opnat' is not a syscall on x86_64 or aarch64",
		  "did you mean 'openat'?" },
		{ "deny sys OPENAT", NONO_E061, 10, 6, "'OPENAT' is not a syscall on x86_64 or aarch64",
		  "did you mean 'openat'?" },
		{ "sys deny raw-io", NONO_E061, 10, 6, "'raw-io' is not a syscall on x86_64 or aarch64",
		  "did you mean the group '@raw-io'? (groups start with '@')" },
		{ "sys deny stat64", NONO_E061, 10, 6, "'stat64' is not a syscall on x86_64 or aarch64",
		  "'stat64' exists only on 32-bit architectures; on x86_64 and aarch64 it is 'stat'" },
		{ "sys deny socketcall", NONO_E061, 10, 10, "'socketcall' is not a syscall on x86_64 or aarch64",
		  "'socketcall' exists only on 32-bit architectures; x86_64 and aarch64 have separate syscalls instead "
		  "(socket, connect, sendmsg…)" },
		{ "sys allow SYS_openat", NONO_E061, 11, 10, "'SYS_openat' is not a syscall on x86_64 or aarch64",
		  "write the name alone: 'openat'" },
		{ "sys deny @mounts", NONO_E062, 10, 7, "unknown syscall group '@mounts'", "did you mean '@mount'?" },
		{ "sys deny @ptrace", NONO_E062, 10, 7, "unknown syscall group '@ptrace'",
		  "'ptrace' is a syscall: write it without '@'" },
	};

	EXPECT_ERRORS(w);

	cr_assert_eq(run("sys deny @xyzzy"), -1);
	cr_assert_eq(ctx->diags->code, NONO_E062);
	cr_assert_not_null(ctx->diags->notes, "the groups are listed");
	cr_expect_eq(strncmp(ctx->diags->notes->msg, "the groups are: @aio @basic-io ", 31), 0, "%s",
		     ctx->diags->notes->msg);
}

/* ---- sha256, environment ------------------------------------------------------- */

#define HEX64 "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

Test(typecheck, sha256_is_stored_as_bytes)
{
	cr_assert_eq(run("tool t {\n  exec \"/opt/t\" sha256 \"" HEX64 "\"\n}"), 0, "%s", first_msg());
	const struct nono_node *e = pol->domains[1].exec;

	cr_assert_not_null(e->val2);
	cr_expect_eq(e->val2->type, NONO_T_SHA256);
	cr_expect_eq(e->val2->u.sha256[0], 0x9f);
	cr_expect_eq(e->val2->u.sha256[1], 0x86);
	cr_expect_eq(e->val2->u.sha256[31], 0x08);
	/* Upper case is the same digest. */
	cr_assert_eq(run("tool t {\n  exec \"/opt/t\" sha256 \"9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08\"\n}"),
		     0, "%s", first_msg());
	cr_expect_eq(pol->domains[1].exec->val2->u.sha256[0], 0x9f);
}

Test(typecheck, sha256_errors)
{
	static const struct want w[] = {
		{ "tool t {\nexec \"/opt/t\" sha256 \"abc\"\n}", NONO_E063, 22, 5,
		  "a sha256 digest is 64 hex digits; this one has 3 characters", "`sha256sum FILE` prints the digest" },
		{ "tool t {\nexec \"/opt/t\" sha256 \"" HEX64 "  /opt/t\"\n}", NONO_E063, 22, 74,
		  "a sha256 digest is 64 hex digits; this one has 72 characters",
		  "paste only the digest: the first field of sha256sum's output" },
		{ "tool t {\nexec \"/opt/t\" sha256 \"" HEX64 HEX64 "\"\n}", NONO_E063, 22, 130,
		  "a sha256 digest is 64 hex digits; this one has 128 characters",
		  "this looks like a SHA-512 digest; nono pins binaries by SHA-256 (sha256sum FILE)" },
		{ "tool t {\nexec \"/opt/t\" sha256 \"sha256:" HEX64 "\"\n}", NONO_E063, 23, 7,
		  "write the digest without the 'sha256:' prefix", "did you mean \"" HEX64 "\"?" },
		{ "tool t {\nexec \"/opt/t\" sha256 \"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f0za08\"\n}",
		  NONO_E063, 83, 1, "'z' is not a hex digit", NULL },
	};

	EXPECT_ERRORS(w);
}

Test(typecheck, env_names_and_values)
{
	cr_assert_eq(run("env pass HOME, PATH, _X1\nenv set LANG=C.UTF-8, X=\"a\\tb\", EMPTY=\"\""), 0, "%s",
		     first_msg());
	cr_assert_eq(pol->globals.n, 6);
	for (size_t i = 0; i < 6; i++) {
		cr_assert_not_null(pol->globals.v[i]->val, "%zu", i);
		cr_expect_eq(pol->globals.v[i]->val->type, NONO_T_ENVNAME);
	}
	cr_expect_str_eq(pol->globals.v[4]->arg.s, "a\tb", "the value stays text");
}

Test(typecheck, env_errors)
{
	static const struct want w[] = {
		{ "env pass C.UTF-8", NONO_E064, 11, 1, "'C.UTF-8' is not an environment variable name",
		  "names are letters, digits and '_', and do not start with a digit" },
		{ "env set my-var=1", NONO_E064, 11, 1, "'my-var' is not an environment variable name", NULL },
		{ "env set X=\"a\\nb\"", NONO_E065, 13, 2, "an environment value cannot contain a newline", NULL },
	};

	EXPECT_ERRORS(w);
}

/* ---- the pass as a whole -------------------------------------------------------- */

/* Every node that carries a value has one, of the type its kind requires. */
static void expect_typed(const struct nono_node *n)
{
	static const int want[NONO_N_KIND_COUNT] = {
		[NONO_N_FS] = NONO_T_PATH + 1,       [NONO_N_NET_UNIX] = NONO_T_PATH + 1,
		[NONO_N_EXEC] = NONO_T_PATH + 1,     [NONO_N_MEASURE] = NONO_T_PATH + 1,
		[NONO_N_NET_CONNECT] = NONO_T_NET + 1, [NONO_N_NET_BIND] = NONO_T_PORTS + 1,
		[NONO_N_SYS] = NONO_T_SYSCALL + 1,   [NONO_N_ENV_PASS] = NONO_T_ENVNAME + 1,
		[NONO_N_ENV_SET] = NONO_T_ENVNAME + 1,
	};

	if (n->kind == NONO_N_QUOTA_ITEM) {
		static const enum nono_type q[NONO_Q_COUNT] = {
			[NONO_Q_MEMORY] = NONO_T_SIZE,   [NONO_Q_CPU] = NONO_T_CPU,        [NONO_Q_PIDS] = NONO_T_COUNT,
			[NONO_Q_IO_READ] = NONO_T_RATE,  [NONO_Q_IO_WRITE] = NONO_T_RATE,  [NONO_Q_WALL] = NONO_T_DURATION,
			[NONO_Q_FILES] = NONO_T_COUNT,
		};

		cr_assert_not_null(n->val, "quota %s", nono_quota_name(n->sub));
		cr_expect_eq(n->val->type, q[n->sub], "quota %s", nono_quota_name(n->sub));
	} else if (want[n->kind]) {
		cr_assert_not_null(n->val, "%s %s", nono_kind_name(n->kind), n->arg.s ? n->arg.s : n->name.s);
		cr_expect_eq((int)n->val->type, want[n->kind] - 1, "%s", nono_kind_name(n->kind));
	} else {
		cr_expect_null(n->val, "%s has no value", nono_kind_name(n->kind));
	}
}

static void expect_all_typed(const struct nono_vec *v)
{
	for (size_t i = 0; i < v->n; i++)
		expect_typed(v->v[i]);
}

Test(typecheck, every_value_of_a_valid_policy_is_typed)
{
	static const char text[] =
		"policy \"full\" version 3\n"
		"mode audit\n"
		"require landlock 4\n"
		"agent {\n"
		"    exec \"/usr/bin/python3\"\n"
		"    measure prompt \"prompt.txt\"\n"
		"    fs read \"/datasets/**\", \"~/.config/app.toml\"\n"
		"    fs write \"$WORKDIR/out/**\"\n"
		"    net connect tcp 10.0.0.5:5432, [2001:db8::1]:443\n"
		"    net bind tcp 8080\n"
		"    net unix \"/run/app.sock\"\n"
		"    proc signal children\n"
		"    sys deny @debug, ptrace\n"
		"    env pass HOME, PATH\n"
		"    env set LANG=C.UTF-8\n"
		"    quota { memory 256MiB\n wall 5m }\n"
		"}\n"
		"tool t {\n"
		"    exec \"/opt/t\" sha256 \"" HEX64 "\"\n"
		"    net none\n"
		"    quota { cpu 25%\n pids 8 }\n"
		"}\n"
		"quota {\n memory 1GiB\n cpu 1.5\n pids 64\n io read 10MiB/s\n io write 5MiB/s\n wall 1h30m\n files 256\n}\n"
		"deny fs \"/etc/shadow\"\n"
		"deny net connect 169.254.169.254\n"
		"deny sys @mount\n";

	cr_assert_eq(run_named("full.nono", text), 0, "%s", first_msg());
	cr_expect_eq(pol->header->val2->u.amount, 3);
	cr_expect_eq(pol->requires.v[0]->val2->u.amount, 4);
	expect_all_typed(&pol->globals);
	expect_all_typed(&pol->quotas);
	cr_expect_eq(pol->quotas.n, 7);
	for (size_t i = 0; i < pol->ndomains; i++) {
		const struct nono_domain *d = &pol->domains[i];

		cr_assert_not_null(d->exec);
		expect_typed(d->exec);
		expect_all_typed(&d->measures);
		expect_all_typed(&d->rules);
		expect_all_typed(&d->quotas);
	}
	cr_expect_not_null(pol->domains[1].exec->val2);
	cr_expect_eq(pol->domains[0].quotas.n, 2);
}

Test(typecheck, every_bad_value_is_reported_once)
{
	cr_assert_eq(run("fs read \"a\", \"/ok\", \"b\"\nquota { memory 1MB\n pids 0 }\nagent {\n sys deny nope\n}"), -1);
	size_t n = 0;

	for (const struct nonoc_diag *d = ctx->diags; d; d = d->next)
		n++;
	cr_expect_eq(n, 5, "one error per bad value, every bad value: %zu", n);
	cr_expect_not_null(pol->globals.v[1]->val, "a good value next to bad ones is still typed");
	cr_expect_null(pol->globals.v[0]->val, "a bad value has no value");
}

Test(typecheck, errors_per_file_are_bounded)
{
	char body[8000];
	size_t off = 0;

	for (int i = 0; i < 80; i++)
		off += (size_t)snprintf(body + off, sizeof(body) - off, "fs read \"rel%d\"\n", i);
	cr_assert_eq(run(body), -1);
	size_t n = 0;
	const struct nonoc_diag *last = NULL;

	for (const struct nonoc_diag *d = ctx->diags; d; d = d->next, n++)
		last = d;
	cr_expect_eq(n, NONO_MAX_ERRORS);
	cr_assert_not_null(last->notes);
	cr_expect_str_eq(last->notes->msg, "too many errors (50); the rest of this file's values are not checked");
}

Test(typecheck, yaml_values_point_into_the_scalar)
{
	static const char text[] = "policy: {name: y, version: 1}\n"
				   "quota:\n"
				   "  memory: 512MB\n";

	cr_assert_eq(run_named("t.yaml", text), -1);
	const struct nonoc_diag *d = ctx->diags;

	cr_assert_not_null(d);
	cr_expect_eq(d->code, NONO_E059, "%s", d->msg);
	struct nono_pos p = nono_source_pos(ctx, d->span.src, d->span.start);

	cr_expect_eq(p.line, 3);
	cr_expect_eq(p.col, 14);
	cr_expect_eq(d->span.end - d->span.start, 2);
}
