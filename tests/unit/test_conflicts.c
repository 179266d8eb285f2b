/* SPDX-License-Identifier: Apache-2.0 */
/* The conflicts pass (compiler/conflicts.c, conflicts_index.c): dead and
 * partly denied allows across scopes and rule kinds, the pattern matcher,
 * exec, net none, contradictions, quotas, duplicates, dangerous grants, the
 * kernel-level information, the std/ exemption, and that the analysis stays
 * far from quadratic on large policies. */
#include <criterion/criterion.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "conflicts_index.h"
#include "context.h"

static nonoc_ctx *ctx;
static int root;

static void teardown(void)
{
	nonoc_free(ctx);
	ctx = NULL;
}

TestSuite(conflicts, .fini = teardown);

/* Check @text (a whole policy) as "t.nono"; nonoc_check's result. */
static int run_text(const char *text)
{
	if (ctx)
		nonoc_free(ctx);
	ctx = nonoc_new();
	cr_assert_not_null(ctx);
	root = nonoc_add_source(ctx, "t.nono", text, strlen(text));
	cr_assert_geq(root, 0);
	return nonoc_check(ctx, root);
}

/* @body after a `policy` header (line 1) and an agent with an exec. */
static int run(const char *body)
{
	char text[16384];

	snprintf(text, sizeof(text), "policy \"t\" version 1\n%s\n", body);
	return run_text(text);
}

static size_t count(const char *id)
{
	size_t n = 0;

	for (const struct nonoc_diag *d = ctx->diags; d; d = d->next)
		n += !strcmp(nono_code_info(d->code)->id, id);
	return n;
}

static const struct nonoc_diag *find(const char *id)
{
	for (const struct nonoc_diag *d = ctx->diags; d; d = d->next)
		if (!strcmp(nono_code_info(d->code)->id, id))
			return d;
	return NULL;
}

/* Every diagnostic, one per line, for failure messages. */
static const char *all(void)
{
	static char buf[8192];
	size_t off = 0;

	buf[0] = '\0';
	for (const struct nonoc_diag *d = ctx->diags; d && off < sizeof(buf) - 1; d = d->next) {
		int w = snprintf(buf + off, sizeof(buf) - off, "%s %s\n", nono_code_info(d->code)->id, d->msg);

		if (w > 0)
			off += (size_t)w;
	}
	return buf;
}

/* The source text a span covers. */
static const char *spanned(struct nono_span sp)
{
	static char buf[512];
	struct nono_source *s = nono_source_get(ctx, sp.src);

	cr_assert_not_null(s);
	snprintf(buf, sizeof(buf), "%.*s", (int)(sp.end - sp.start), s->text + sp.start);
	return buf;
}

static void expect_only(const char *id, size_t n, const char *body)
{
	run(body);
	cr_assert_eq(count(id), n, "%s expected %zu time(s) for:\n%s\ngot:\n%s", id, n, body, all());
}

#define AGENT "agent {\n    exec \"/usr/bin/python3\"\n"

/* ---- dead and partly denied allows ---------------------------------------------- */

Test(conflicts, dead_allow_points_at_allow_and_deny)
{
	cr_assert_eq(run(AGENT "    fs read \"/etc/shadow\"\n}\ndeny fs \"/etc/shadow\"\n"), -1);
	const struct nonoc_diag *d = find("NONO-E070");

	cr_assert_not_null(d, "%s", all());
	cr_assert_str_eq(spanned(d->span), "\"/etc/shadow\"");
	cr_assert_not_null(d->notes);
	cr_assert_str_eq(spanned(d->notes->span), "\"/etc/shadow\"");
	cr_assert(d->notes->span.start > d->span.start, "the note points at the deny, after the allow");
	cr_assert_not_null(d->hints);
	cr_assert(strstr(d->msg, "in the agent is dead"), "%s", d->msg);
}

Test(conflicts, deny_inside_allowed_tree_is_the_idiom)
{
	cr_assert_eq(run(AGENT "    fs read \"/home/u/**\"\n    net connect 10.0.0.0/8\n}\n"
			       "deny fs \"/home/u/.ssh/**\"\ndeny net connect 10.0.0.5\n"), 0, "%s", all());
	cr_assert_null(ctx->diags ? find("NONO-E070") : NULL);
	cr_assert_eq(count("NONO-W001"), 0, "%s", all());
}

Test(conflicts, subtree_deny_covers_its_root_and_globs_below)
{
	expect_only("NONO-E070", 3, AGENT "    fs read \"/srv\"\n    fs read \"/srv/*/x\"\n"
					  "    fs write \"/srv/a/**/b*\"\n    fs read \"/srvx/y\"\n}\ndeny fs \"/srv/**\"\n");
}

Test(conflicts, glob_deny_covers_a_literal_not_a_wider_glob)
{
	expect_only("NONO-E070", 2, AGENT "    fs read \"/srv/a.key\"\n    fs read \"/srv/x/y/z.key\"\n"
					  "    fs read \"/srv/*\"\n    fs read \"/srv/x/*.txt\"\n}\n"
					  "deny fs \"/srv/**/*.key\"\n");
}

Test(conflicts, several_denies_together_make_an_allow_dead)
{
	expect_only("NONO-E070", 1, AGENT "    fs read write \"/data/**\"\n}\n"
					  "deny fs read \"/data/**\"\ndeny fs write \"/**\"\n");
	cr_assert_eq(count("NONO-W001"), 0);
}

Test(conflicts, partly_denied_names_the_denied_access)
{
	run(AGENT "    fs read write exec \"/etc/app/**\"\n}\ndeny fs write exec \"/etc/**\"\n");
	const struct nonoc_diag *d = find("NONO-W001");

	cr_assert_not_null(d, "%s", all());
	cr_assert(strstr(d->msg, "denied: write and exec"), "%s", d->msg);
	cr_assert_eq(count("NONO-E070"), 0);
}

Test(conflicts, domain_deny_never_kills_a_top_level_allow)
{
	expect_only("NONO-E070", 0, AGENT "    deny fs \"/srv/**\"\n}\nfs read \"/srv/data/**\"\n");
}

Test(conflicts, top_level_deny_kills_a_tool_allow_naming_the_tool)
{
	run(AGENT "}\ntool q {\n    exec \"/opt/q\"\n    fs read \"/db/**\"\n}\ndeny fs \"/db/**\"\n");
	const struct nonoc_diag *d = find("NONO-E070");

	cr_assert_not_null(d, "%s", all());
	cr_assert(strstr(d->msg, "tool 'q' can never use"), "%s", d->msg);
}

Test(conflicts, anchors_are_distinct)
{
	expect_only("NONO-E070", 0, AGENT "    fs read \"~/x/**\"\n    fs read \"$WORKDIR/x/**\"\n}\ndeny fs \"/x/**\"\n");
}

/* ---- networks, binds, syscalls, proc ---------------------------------------------- */

Test(conflicts, net_cidr_containment_ports_and_protocols)
{
	run(AGENT "    net connect tcp 10.1.2.3:443\n"   /* dead: in 10.0.0.0/8, all ports */
		  "    net connect 10.9.0.1:50-150\n"     /* dead: 1-100 + 101-200, both protocols */
		  "    net connect 10.9.0.1:300-400\n"    /* partly: ports 300-350 */
		  "    net connect 192.168.1.1:53\n"      /* partly: udp */
		  "    net connect 172.16.0.0/12\n"       /* silent: the deny is inside */
		  "}\n"
		  "deny net connect tcp 10.0.0.0/8:443\n"
		  "deny net connect 10.9.0.0/16:1-100, 10.9.0.0/16:101-200\n"
		  "deny net connect 10.9.0.1:300-350\n"
		  "deny net connect udp 192.168.0.0/16\n"
		  "deny net connect 172.16.5.5\n");
	cr_assert_eq(count("NONO-E070"), 2, "%s", all());
	cr_assert_eq(count("NONO-W001"), 2, "%s", all());
	cr_assert(strstr(all(), "ports 300-350 (tcp and udp)"), "%s", all());
	cr_assert(strstr(all(), "denied: udp"), "%s", all());
}

Test(conflicts, ipv6_and_ipv4_are_separate_families)
{
	expect_only("NONO-E070", 1, AGENT "    net connect [2001:db8::5]:443\n    net connect 10.0.0.1:443\n}\n"
					  "deny net connect 2001:db8::/32\n");
}

Test(conflicts, bind_ranges)
{
	expect_only("NONO-E070", 1, AGENT "    net bind tcp 8080\n    net bind 9000-9100\n}\n"
					  "deny net bind 8000-8999\ndeny net bind udp 9000-9100\n");
	cr_assert_eq(count("NONO-W001"), 1, "%s", all());
}

Test(conflicts, syscalls_with_groups)
{
	run(AGENT "    sys allow mount\n    sys allow @mount\n    sys allow ptrace\n    sys allow @debug\n}\n"
		  "deny sys @mount, ptrace\n");
	cr_assert_eq(count("NONO-E070"), 3, "%s", all());
	const struct nonoc_diag *d = find("NONO-W001");

	cr_assert_not_null(d, "@debug contains ptrace: %s", all());
	cr_assert(strstr(d->msg, "ptrace"), "%s", d->msg);
}

Test(conflicts, proc_ptrace)
{
	expect_only("NONO-E070", 1, AGENT "    proc ptrace\n    proc signal children\n}\ndeny proc ptrace\n");
}

/* ---- exec, net none, contradictions, quotas, duplicates ------------------------------- */

Test(conflicts, exec_denied_by_own_or_top_level_deny)
{
	run(AGENT "}\ntool a {\n    exec \"/opt/a/bin\"\n    deny fs read \"/opt/a/**\"\n    net none\n}\n"
		  "tool b {\n    exec \"/opt/b/bin\"\n    net none\n}\ndeny fs exec \"/opt/b/bin\"\n"
		  "deny fs write \"/usr/**\"\n");
	cr_assert_eq(count("NONO-E071"), 2, "%s", all());
	cr_assert(strstr(all(), "tool 'a' can never run: read of its binary"), "%s", all());
	cr_assert(strstr(all(), "tool 'b' can never run: exec of its binary"), "%s", all());
}

Test(conflicts, net_none_own_and_top_level)
{
	expect_only("NONO-E072", 1, AGENT "    net none\n    net connect tcp 10.0.0.1:80\n}\n"
					  "tool t {\n    exec \"/t\"\n    net connect tcp 10.0.0.1:80\n}\n");
	expect_only("NONO-E072", 2, AGENT "    net bind 8080\n}\ntool t {\n    exec \"/t\"\n"
					  "    net connect tcp 10.0.0.1:80\n}\nnet none\n");
}

Test(conflicts, contradictions)
{
	expect_only("NONO-E073", 3, "mode enforce\nmode audit\n" AGENT "    env set A=1\n    env set A=2\n}\n"
							  "quota {\n    pids 10\n    pids 20\n}\n");
	expect_only("NONO-E073", 0, AGENT "    env set A=1\n}\ntool t {\n    exec \"/t\"\n    env set A=2\n}\n");
}

Test(conflicts, quotas)
{
	expect_only("NONO-E074", 1, AGENT "    quota {\n        memory 1GiB\n        pids 10\n    }\n}\n"
					  "quota {\n    memory 512MiB\n    pids 64\n}\n");
	expect_only("NONO-W003", 5, AGENT "}\nquota {\n    memory 8MiB\n    pids 4\n    files 8\n"
					  "    wall 100ms\n    cpu 0.5%\n}\n");
	expect_only("NONO-W003", 0, AGENT "}\nquota {\n    memory 16MiB\n    pids 8\n    files 16\n"
					  "    wall 1s\n    cpu 1%\n}\n");
}

Test(conflicts, duplicates)
{
	run(AGENT "    fs read \"/a\"\n    fs read \"/a\"\n    fs write \"/a\"\n    deny sys ptrace\n}\n"
		  "tool t {\n    exec \"/t\"\n    fs read \"/a\"\n}\ndeny sys ptrace\n");
	cr_assert_eq(count("NONO-W002"), 2, "%s", all());
	const struct nonoc_diag *d = find("NONO-W002");

	cr_assert_str_eq(spanned(d->span), "\"/a\"");
	cr_assert_not_null(d->notes);
	cr_assert(d->notes->span.start < d->span.start, "the note points at the first copy");
}

/* ---- dangerous grants ----------------------------------------------------------------- */

Test(conflicts, dangerous_grants_each_class)
{
	expect_only("NONO-W004", 1, AGENT "    net unix \"/var/run/docker.sock\"\n}\n");
	expect_only("NONO-W004", 0, AGENT "    net unix \"/run/app.sock\"\n}\n");
	expect_only("NONO-W005", 1, AGENT "    fs read \"~/.aws/credentials\"\n}\n");
	expect_only("NONO-W005", 0, AGENT "    fs read \"~/.config/**\"\n}\ndeny fs \"~/.config/gcloud/**\"\n"
					  "deny fs \"~/.config/gh/**\"\n");
	expect_only("NONO-W006", 1, AGENT "    fs write \"/sys/fs/cgroup/x\"\n}\n");
	expect_only("NONO-W006", 0, AGENT "    fs read \"/sys/devices/**\"\n}\n");
	expect_only("NONO-W008", 1, AGENT "    fs read write \"~/.config/systemd/**\"\n}\n");
	expect_only("NONO-W008", 0, AGENT "    fs write \"$WORKDIR/**\"\n}\ndeny fs write \"$WORKDIR/.git/hooks/**\"\n");
	expect_only("NONO-W009", 1, AGENT "    fs read \"/**\"\n    fs read \"/**/*.md\"\n}\n");
	cr_assert_eq(count("NONO-W005"), 0, "W009 replaces the per-class warnings: %s", all());
}

Test(conflicts, partly_denied_danger_reports_what_is_left)
{
	run(AGENT "    fs read write \"/etc/**\"\n}\ndeny fs write \"/etc/**\"\ndeny fs \"/etc/shadow\"\n");
	const struct nonoc_diag *d = find("NONO-W005");

	cr_assert_not_null(d, "%s", all());
	cr_assert(strstr(d->msg, "read access to group password hashes"), "%s", d->msg);
}

Test(conflicts, bundles)
{
	expect_only("NONO-W007", 1, AGENT "    fs write \"/srv/out/*.bundle\"\n}\n");
	expect_only("NONO-W007", 0, AGENT "    fs read \"/srv/out/*.bundle\"\n}\n");
}

Test(conflicts, empty_tool)
{
	expect_only("NONO-W010", 1, AGENT "}\ntool t {\n    exec \"/t\"\n}\n");
	expect_only("NONO-W010", 0, AGENT "}\ntool t {\n    exec \"/t\"\n    net none\n}\n");
}

/* ---- information ---------------------------------------------------------------------- */

Test(conflicts, info_codes_are_notes)
{
	run("require landlock 1\n" AGENT "    fs read \"$WORKDIR/**\"\n}\n"
	    "tool g {\n    exec \"/usr/bin/git\"\n    net connect tcp 192.0.2.1:443\n}\n"
	    "deny fs \"$WORKDIR/**/*.pem\"\ndeny fs write \"$WORKDIR/.git/**\"\n");
	cr_assert_eq(count("NONO-I001"), 1, "%s", all());
	cr_assert_eq(count("NONO-I002"), 1, "%s", all());
	cr_assert_eq(count("NONO-I003"), 2, "%s", all());
	for (const struct nonoc_diag *d = ctx->diags; d; d = d->next)
		cr_assert_eq(d->severity, NONOC_SEV_NOTE, "%s", d->msg);
	cr_assert_eq(ctx->nerrors + ctx->nwarnings, 0);
}

Test(conflicts, require_bpf_lsm_silences_i001_i002)
{
	run("require bpf-lsm\n" AGENT "    fs read \"$WORKDIR/**\"\n}\n"
	    "tool g {\n    exec \"/usr/bin/git\"\n    net connect tcp 192.0.2.1:443\n}\n"
	    "deny fs \"$WORKDIR/**/*.pem\"\n");
	cr_assert_null(ctx->diags, "%s", all());
}

/* ---- the standard policies ---------------------------------------------------------------- */

Test(conflicts, standard_policy_rules_are_not_reported)
{
	/* A deny of the user's over a standard allow is a deliberate restriction. */
	run("use \"std/base\"\n" AGENT "}\ndeny fs \"/usr/**\"\ndeny fs \"/lib/**\"\ndeny fs \"/etc/**\"\n");
	for (const struct nonoc_diag *d = ctx->diags; d; d = d->next)
		cr_assert_eq(d->span.src, root, "reported in a standard policy: %s", d->msg);
}

/* ---- the matcher ------------------------------------------------------------------------------ */

static struct cf_pat pat(struct cf *cf, const char *text)
{
	struct cf_pat p;

	cr_assert(cf_pat_parse(cf, text, &p));
	return p;
}

Test(conflicts, matcher)
{
	ctx = nonoc_new();
	struct cf cf = { .ctx = ctx };
	struct {
		const char *d, *a;
		bool covers, meets;
	} t[] = {
		{ "/a/**", "/a", true, true },
		{ "/a/**", "/a/b/c", true, true },
		{ "/a/**", "/ab", false, false },
		{ "/**", "/x/*/y/**", true, true },
		{ "/a/*", "/a/b", true, true },
		{ "/a/*", "/a/b/c", false, false },
		{ "/a/*.key", "/a/x*.key", false, true },  /* sound, not complete */
		{ "/a/**/*.pem", "/a/b/c/d.pem", true, true },
		{ "/a/**/*.pem", "/a/b/c/d.txt", false, false },
		{ "/etc/profile*", "/etc/*.conf", false, true },
		{ "/etc/p?ofile", "/etc/profile", true, true },
		{ "~/x", "/x", false, false },
		{ "$WORKDIR/**", "$WORKDIR/.git/hooks/pre-commit", true, true },
	};
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct cf_pat d = pat(&cf, t[i].d), a = pat(&cf, t[i].a);

		cr_assert_eq(cf_pat_covers(&d, &a), t[i].covers, "covers(%s, %s)", t[i].d, t[i].a);
		cr_assert_eq(cf_pat_intersects(&d, &a), t[i].meets, "intersects(%s, %s)", t[i].d, t[i].a);
		cr_assert_eq(cf_pat_intersects(&a, &d), t[i].meets, "intersects(%s, %s)", t[i].a, t[i].d);
	}
}

/* ---- scale ---------------------------------------------------------------------------------- */

static unsigned long check_steps(size_t n)
{
	size_t cap = n * 96 + 4096, off = 0;
	char *text = malloc(cap);

	cr_assert_not_null(text);
	off += (size_t)snprintf(text + off, cap - off, "policy \"big\" version 1\nagent {\n    exec \"/usr/bin/python3\"\n");
	for (size_t i = 0; i < n / 2; i++)
		off += (size_t)snprintf(text + off, cap - off, "    fs read \"/srv/d%zu/s%zu/**\"\n    net connect tcp 10.%zu.%zu.0/24:443\n",
					i % 97, i, (i / 256) % 256, i % 256);
	off += (size_t)snprintf(text + off, cap - off, "}\n");
	for (size_t i = 0; i < n / 2; i++)
		off += (size_t)snprintf(text + off, cap - off, "deny fs write \"/srv/d%zu/s%zu/x/**\"\ndeny net connect 10.%zu.%zu.7\n",
					i % 97, i, (i / 256) % 256, i % 256);
	if (ctx)
		nonoc_free(ctx);
	ctx = nonoc_new();
	nonoc_stop_after(ctx, "conflicts");
	root = nonoc_add_source(ctx, "big.nono", text, off);
	free(text);
	nonoc_check(ctx, root);
	cr_assert_eq(ctx->nerrors, 0, "%s", all());
	return ctx->stat_conflict_steps;
}

Test(conflicts, not_quadratic)
{
	/* Work, not time: the trie and network-map probes of the pass. Ten
	 * times the rules must cost about ten times the probes (a quadratic
	 * pass would cost a hundred times). Timings live in `make bench`. */
	unsigned long small = check_steps(4000), big = check_steps(40000);

	cr_assert_gt(small, 0);
	cr_assert(big < small * 15, "4k rules: %lu probes, 40k rules: %lu probes", small, big);
}

/* W007 for the policy's own source file: needs a real file whose real path
 * is outside the sandbox-private /tmp (so not mkdtemp in /tmp). */
Test(conflicts, a_grant_reaching_the_policys_own_file)
{
	char dir[] = "/var/tmp/nono-w007.XXXXXX", path[128], cmd[160];

	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/self.nono", dir);
	FILE *f = fopen(path, "w");

	cr_assert_not_null(f);
	fprintf(f, "policy \"self\" version 1\nagent {\n    exec \"/usr/bin/python3\"\n    fs write \"%s/**\"\n}\n", dir);
	fclose(f);
	nonoc_ctx *c = nonoc_new();
	int s = nonoc_add_file(c, path);

	nonoc_stop_after(c, "conflicts");
	nonoc_check(c, s);
	int seen = 0;

	for (struct nonoc_diag *d = c->diags; d; d = d->next)
		seen += d->code == NONO_W007 && strstr(d->msg, "its own policy file") != NULL;
	nonoc_free(c);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
	cr_assert_eq(seen, 1);
}
