/* SPDX-License-Identifier: Apache-2.0 */
/* The nono grammar (grammar/parser.y, syntax_error.inc) through the public
 * path: nonoc_parse() on a source, then the AST and the diagnostics. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context.h"

static nonoc_ctx *ctx;
static int src;
static int rc;

static void fini(void)
{
	nonoc_free(ctx);
	ctx = NULL;
}

static struct nono_node *parse_n(const char *text, size_t len)
{
	fini();
	ctx = nonoc_new();
	cr_assert_not_null(ctx);
	src = nonoc_add_source(ctx, "t.nono", text, len);
	cr_assert_geq(src, 0);
	nonoc_set_syntax(ctx, src, NONOC_SYNTAX_NONO);
	rc = nonoc_parse(ctx, src);
	return nono_source_get(ctx, src)->ast;
}

static struct nono_node *parse(const char *text)
{
	return parse_n(text, strlen(text));
}

/* Parse text that must be free of errors. */
static struct nono_node *parse_ok(const char *text)
{
	struct nono_node *ast = parse(text);

	cr_assert_eq(rc, 0, "%s\n-> %s", text, ctx->diags ? ctx->diags->msg : "(no diagnostic)");
	cr_assert_null(ctx->diags, "%s\n-> %s", text, ctx->diags ? ctx->diags->msg : "");
	return ast;
}

static struct nono_node *nth(struct nono_node *n, int i)
{
	while (n && i--)
		n = n->next;
	cr_assert_not_null(n, "no node #%d", i);
	return n;
}

static int count(const struct nono_node *n)
{
	int c = 0;

	for (; n; n = n->next)
		c++;
	return c;
}

/* "line:col-line:col" of a span. */
static const char *sp(struct nono_span s)
{
	static char buf[8][48];
	static int i;

	i = (i + 1) % 8;
	if (s.src < 0)
		return "none";
	struct nono_pos a = nono_source_pos(ctx, s.src, s.start), b = nono_source_pos(ctx, s.src, s.end);

	snprintf(buf[i], sizeof(buf[i]), "%u:%u-%u:%u", a.line, a.col, b.line, b.col);
	return buf[i];
}

static const char *txt(struct nono_text t)
{
	return t.s ? t.s : "(null)";
}

static size_t ndiags(void)
{
	size_t n = 0;

	for (struct nonoc_diag *d = ctx->diags; d; d = d->next)
		n++;
	return n;
}

static struct nonoc_diag *diag(size_t i)
{
	struct nonoc_diag *d = ctx->diags;

	while (d && i--)
		d = d->next;
	cr_assert_not_null(d, "missing diagnostic");
	return d;
}

/* "line:col" where a diagnostic starts. */
static const char *at(struct nonoc_diag *d)
{
	static char buf[8][32];
	static int i;
	struct nono_pos p = nono_source_pos(ctx, d->span.src, d->span.start);

	i = (i + 1) % 8;
	snprintf(buf[i], sizeof(buf[i]), "%u:%u", p.line, p.col);
	return buf[i];
}

static const char *hint(struct nonoc_diag *d)
{
	return d->hints ? d->hints->msg : "";
}

static int has_hint(struct nonoc_diag *d, const char *part)
{
	for (struct nono_hint *h = d->hints; h; h = h->next)
		if (strstr(h->msg, part))
			return 1;
	return 0;
}

/* All diagnostics, one a line, for failure messages. */
static const char *all_diags(void)
{
	static char buf[4096];
	size_t off = 0;

	buf[0] = '\0';
	for (struct nonoc_diag *d = ctx->diags; d && off < sizeof(buf) - 200; d = d->next)
		off += (size_t)snprintf(buf + off, sizeof(buf) - off, "%s: %s\n", at(d), d->msg);
	return buf;
}

#define EXPECT_ONE_ERROR(text, where, msgpart)                                                         \
	do {                                                                                           \
		parse(text);                                                                           \
		cr_assert_eq(rc, -1, "%s", text);                                                      \
		cr_assert_eq(ndiags(), 1, "%s\n%s", text, all_diags());                                \
		cr_assert_str_eq(at(diag(0)), where, "%s\n%s", text, all_diags());                     \
		cr_assert(strstr(diag(0)->msg, msgpart), "'%s' not in: %s", msgpart, diag(0)->msg);     \
	} while (0)

TestSuite(parser, .fini = fini);

/* ---- statements ---- */

Test(parser, policy_header)
{
	struct nono_node *n = parse_ok("policy \"data-analyst\" version 1\n");

	cr_assert_eq(count(n), 1);
	cr_assert_eq(n->kind, NONO_N_POLICY);
	cr_assert_str_eq(txt(n->name), "data-analyst");
	cr_assert_str_eq(txt(n->arg), "1");
	cr_assert_str_eq(sp(n->span), "1:1-1:32");
	cr_assert_str_eq(sp(n->kw), "1:1-1:7");
	cr_assert_str_eq(sp(n->name.span), "1:8-1:22", "the name's span includes its quotes");
	cr_assert_str_eq(sp(n->arg.span), "1:31-1:32");
	cr_assert_null(n->arg2.s);
	cr_assert_null(n->children);
}

Test(parser, policy_without_version)
{
	struct nono_node *n = parse_ok("policy \"p\"");

	cr_assert_eq(n->kind, NONO_N_POLICY);
	cr_assert_null(n->arg.s);
	cr_assert_str_eq(sp(n->span), "1:1-1:11");
}

Test(parser, use_mode_require)
{
	struct nono_node *n = parse_ok("use \"std/base\"\nuse \"./local.nono\"\nmode enforce\nmode audit\n"
				       "require bpf-lsm\nrequire landlock 3\nrequire seccomp\nrequire cgroups\n");

	cr_assert_eq(count(n), 8);
	cr_assert_eq(nth(n, 0)->kind, NONO_N_USE);
	cr_assert_str_eq(txt(nth(n, 0)->arg), "std/base");
	cr_assert_str_eq(sp(nth(n, 0)->span), "1:1-1:15");
	cr_assert_str_eq(txt(nth(n, 1)->arg), "./local.nono");
	cr_assert_eq(nth(n, 2)->kind, NONO_N_MODE);
	cr_assert_eq(nth(n, 2)->sub, NONO_MODE_ENFORCE);
	cr_assert_eq(nth(n, 3)->sub, NONO_MODE_AUDIT);
	cr_assert_str_eq(sp(nth(n, 3)->span), "4:1-4:11");
	cr_assert_eq(nth(n, 4)->kind, NONO_N_REQUIRE);
	cr_assert_eq(nth(n, 4)->sub, NONO_LAYER_BPF_LSM);
	cr_assert_null(nth(n, 4)->arg.s);
	cr_assert_eq(nth(n, 5)->sub, NONO_LAYER_LANDLOCK);
	cr_assert_str_eq(txt(nth(n, 5)->arg), "3");
	cr_assert_str_eq(sp(nth(n, 5)->span), "6:1-6:19");
	cr_assert_eq(nth(n, 6)->sub, NONO_LAYER_SECCOMP);
	cr_assert_eq(nth(n, 7)->sub, NONO_LAYER_CGROUPS);
}

Test(parser, agent_block)
{
	struct nono_node *n = parse_ok("agent {\n"
				       "    exec \"/usr/bin/python3\"\n"
				       "    measure prompt \"prompt.txt\"\n"
				       "    net none\n"
				       "}\n");

	cr_assert_eq(count(n), 1);
	cr_assert_eq(n->kind, NONO_N_AGENT);
	cr_assert_str_eq(sp(n->span), "1:1-5:2");
	cr_assert_str_eq(sp(n->kw), "1:1-1:6");
	cr_assert_eq(count(n->children), 3);
	struct nono_node *e = nth(n->children, 0), *m = nth(n->children, 1), *none = nth(n->children, 2);

	cr_assert_eq(e->kind, NONO_N_EXEC);
	cr_assert_str_eq(txt(e->arg), "/usr/bin/python3");
	cr_assert_null(e->arg2.s);
	cr_assert_str_eq(sp(e->span), "2:5-2:28");
	cr_assert_str_eq(sp(e->kw), "2:5-2:9");
	cr_assert_eq(m->kind, NONO_N_MEASURE);
	cr_assert_str_eq(txt(m->name), "prompt");
	cr_assert_str_eq(txt(m->arg), "prompt.txt");
	cr_assert_str_eq(sp(m->span), "3:5-3:32");
	cr_assert_str_eq(sp(m->name.span), "3:13-3:19");
	cr_assert_eq(none->kind, NONO_N_NET_NONE);
	cr_assert_str_eq(sp(none->span), "4:5-4:13");
}

Test(parser, empty_blocks)
{
	struct nono_node *n = parse_ok("agent {}\ntool t {\n}\nquota {\n\n}\n");

	cr_assert_eq(count(n), 3);
	cr_assert_null(nth(n, 0)->children);
	cr_assert_null(nth(n, 1)->children);
	cr_assert_eq(nth(n, 2)->kind, NONO_N_QUOTA);
	cr_assert_null(nth(n, 2)->children);
}

Test(parser, tool_block_and_names)
{
	struct nono_node *n = parse_ok("tool query_db {\n    exec \"/opt/tools/query_db\" sha256 \"9f86d0\"\n}\n"
				       "tool exec { }\ntool my-tool.v2 { net none }\n");

	cr_assert_eq(count(n), 3);
	cr_assert_eq(n->kind, NONO_N_TOOL);
	cr_assert_str_eq(txt(n->name), "query_db");
	cr_assert_str_eq(sp(n->name.span), "1:6-1:14");
	cr_assert_str_eq(sp(n->span), "1:1-3:2");
	struct nono_node *e = n->children;

	cr_assert_eq(e->kind, NONO_N_EXEC);
	cr_assert_str_eq(txt(e->arg), "/opt/tools/query_db");
	cr_assert_str_eq(txt(e->arg2), "9f86d0");
	cr_assert_str_eq(sp(e->span), "2:5-2:47", "exec … through the hash");
	cr_assert_str_eq(sp(e->arg2.span), "2:39-2:47");
	cr_assert_str_eq(txt(nth(n, 1)->name), "exec", "a keyword as a tool name");
	cr_assert_str_eq(txt(nth(n, 2)->name), "my-tool.v2");
	cr_assert_eq(nth(n, 2)->children->kind, NONO_N_NET_NONE);
}

Test(parser, fs_accesses)
{
	struct nono_node *n = parse_ok("fs read \"/a\"\nfs write \"/b\"\nfs exec \"/c\"\nfs read write exec \"/d\"\n"
				       "fs write read \"/e\"\nfs read read \"/f\"\n");

	cr_assert_eq(count(n), 6);
	for (int i = 0; i < 6; i++) {
		cr_assert_eq(nth(n, i)->kind, NONO_N_FS);
		cr_assert_eq(nth(n, i)->flags, 0);
	}
	cr_assert_eq(nth(n, 0)->sub, NONO_FS_READ);
	cr_assert_eq(nth(n, 1)->sub, NONO_FS_WRITE);
	cr_assert_eq(nth(n, 2)->sub, NONO_FS_EXEC);
	cr_assert_eq(nth(n, 3)->sub, NONO_FS_READ | NONO_FS_WRITE | NONO_FS_EXEC);
	cr_assert_eq(nth(n, 4)->sub, NONO_FS_READ | NONO_FS_WRITE);
	cr_assert_eq(nth(n, 5)->sub, NONO_FS_READ);
	cr_assert_str_eq(txt(nth(n, 3)->arg), "/d");
	cr_assert_str_eq(sp(nth(n, 3)->span), "4:1-4:24");
	cr_assert_str_eq(sp(nth(n, 3)->kw), "4:1-4:3");
}

Test(parser, deny_rules)
{
	struct nono_node *n = parse_ok("deny fs \"/etc/shadow\"\ndeny fs write \"/etc/**\"\n"
				       "deny net connect 169.254.169.254\ndeny net bind tcp 22\ndeny net unix \"/run/docker.sock\"\n"
				       "deny sys @mount, ptrace\ndeny proc ptrace\ndeny proc signal children\n");

	cr_assert_eq(count(n), 9);
	for (int i = 0; i < 9; i++)
		cr_assert_eq(nth(n, i)->flags & NONO_NODE_DENY, NONO_NODE_DENY, "rule %d", i);
	cr_assert_eq(nth(n, 0)->kind, NONO_N_FS);
	cr_assert_eq(nth(n, 0)->sub, NONO_FS_ALL, "no access: every access");
	cr_assert_str_eq(sp(nth(n, 0)->span), "1:1-1:22");
	cr_assert_str_eq(sp(nth(n, 0)->kw), "1:1-1:5", "the keyword is the outermost one");
	cr_assert_eq(nth(n, 1)->sub, NONO_FS_WRITE);
	cr_assert_eq(nth(n, 2)->kind, NONO_N_NET_CONNECT);
	cr_assert_eq(nth(n, 2)->sub, NONO_PROTO_ANY);
	cr_assert_str_eq(txt(nth(n, 2)->arg), "169.254.169.254");
	cr_assert_eq(nth(n, 3)->kind, NONO_N_NET_BIND);
	cr_assert_eq(nth(n, 3)->sub, NONO_PROTO_TCP);
	cr_assert_eq(nth(n, 4)->kind, NONO_N_NET_UNIX);
	cr_assert_eq(nth(n, 5)->kind, NONO_N_SYS);
	cr_assert_str_eq(txt(nth(n, 5)->arg), "@mount");
	cr_assert_str_eq(txt(nth(n, 6)->arg), "ptrace");
	cr_assert_eq(nth(n, 7)->kind, NONO_N_PROC);
	cr_assert_eq(nth(n, 7)->sub, NONO_PROC_PTRACE);
	cr_assert_eq(nth(n, 8)->sub, NONO_PROC_SIGNAL_CHILDREN);
}

Test(parser, lists_become_atomic_rules)
{
	struct nono_node *n = parse_ok("fs read \"/a\", \"/b\",\n        \"/c\"\n");

	cr_assert_eq(count(n), 3);
	const char *paths[] = { "/a", "/b", "/c" };
	const char *spans[] = { "1:1-1:13", "1:1-1:19", "1:1-2:13" };

	for (int i = 0; i < 3; i++) {
		struct nono_node *r = nth(n, i);

		cr_assert_eq(r->kind, NONO_N_FS);
		cr_assert_eq(r->sub, NONO_FS_READ, "every item gets the access");
		cr_assert_str_eq(txt(r->arg), paths[i]);
		cr_assert_str_eq(sp(r->span), spans[i], "keyword .. item");
		cr_assert_str_eq(sp(r->kw), "1:1-1:3");
		cr_assert_null(r->children);
	}
	cr_assert_str_eq(sp(nth(n, 2)->arg.span), "2:9-2:13");
}

Test(parser, protocol_carries_forward)
{
	struct nono_node *n = parse_ok("net connect tcp 10.0.0.1:1, 10.0.0.2:2, udp 10.0.0.3:3, 10.0.0.4:4\n"
				       "net connect 10.0.0.5, tcp 10.0.0.6:6, 10.0.0.7:7\n");
	const int want[] = { NONO_PROTO_TCP, NONO_PROTO_TCP, NONO_PROTO_UDP, NONO_PROTO_UDP,
			     NONO_PROTO_ANY, NONO_PROTO_TCP, NONO_PROTO_TCP };

	cr_assert_eq(count(n), 7);
	for (int i = 0; i < 7; i++) {
		cr_assert_eq(nth(n, i)->kind, NONO_N_NET_CONNECT);
		cr_assert_eq(nth(n, i)->sub, want[i], "target %d: proto %d", i, nth(n, i)->sub);
		cr_assert_eq(nth(n, i)->flags, 0);
	}
	cr_assert_str_eq(txt(nth(n, 3)->arg), "10.0.0.4:4");
	cr_assert_str_eq(sp(nth(n, 2)->span), "1:1-1:55", "keyword .. the item with its protocol");
	cr_assert_str_eq(sp(nth(n, 2)->arg.span), "1:45-1:55");
}

Test(parser, net_forms)
{
	struct nono_node *n = parse_ok("agent {\n"
				       "    net none\n"
				       "    net connect tcp [::1]:443, fe80::/10, 10.0.0.0/8\n"
				       "    net bind tcp 8080, udp 1024-2048\n"
				       "    net unix \"/run/a.sock\", \"/run/b.sock\"\n"
				       "}\n");
	struct nono_node *c = n->children;

	cr_assert_eq(count(c), 8);
	cr_assert_eq(nth(c, 0)->kind, NONO_N_NET_NONE);
	cr_assert_str_eq(txt(nth(c, 1)->arg), "[::1]:443");
	cr_assert_str_eq(txt(nth(c, 2)->arg), "fe80::/10");
	cr_assert_eq(nth(c, 2)->sub, NONO_PROTO_TCP);
	cr_assert_str_eq(txt(nth(c, 3)->arg), "10.0.0.0/8");
	cr_assert_eq(nth(c, 4)->kind, NONO_N_NET_BIND);
	cr_assert_eq(nth(c, 4)->sub, NONO_PROTO_TCP);
	cr_assert_eq(nth(c, 5)->kind, NONO_N_NET_BIND);
	cr_assert_eq(nth(c, 5)->sub, NONO_PROTO_UDP);
	cr_assert_str_eq(txt(nth(c, 5)->arg), "1024-2048");
	cr_assert_eq(nth(c, 6)->kind, NONO_N_NET_UNIX);
	cr_assert_str_eq(txt(nth(c, 7)->arg), "/run/b.sock");
	cr_assert_str_eq(sp(nth(c, 7)->span), "5:5-5:42");
}

Test(parser, proc_rules)
{
	struct nono_node *n = parse_ok("proc signal children\nproc ptrace\n");

	cr_assert_eq(n->kind, NONO_N_PROC);
	cr_assert_eq(n->sub, NONO_PROC_SIGNAL_CHILDREN);
	cr_assert_str_eq(sp(n->span), "1:1-1:21");
	cr_assert_eq(n->next->sub, NONO_PROC_PTRACE);
	cr_assert_eq(n->next->flags, 0);
}

Test(parser, sys_rules)
{
	struct nono_node *n = parse_ok("sys deny @mount, @raw-io, ptrace, read\nsys allow clone3\n");

	cr_assert_eq(count(n), 5);
	const char *names[] = { "@mount", "@raw-io", "ptrace", "read", "clone3" };

	for (int i = 0; i < 5; i++) {
		cr_assert_eq(nth(n, i)->kind, NONO_N_SYS);
		cr_assert_str_eq(txt(nth(n, i)->arg), names[i]);
		cr_assert_eq(nth(n, i)->flags, i < 4 ? NONO_NODE_DENY : 0u, "%s", names[i]);
	}
	cr_assert_str_eq(sp(nth(n, 2)->arg.span), "1:27-1:33");
	cr_assert_str_eq(sp(nth(n, 2)->kw), "1:1-1:4");
}

Test(parser, env_rules)
{
	struct nono_node *n = parse_ok("env pass HOME, PATH, exec\n"
				       "env set LANG=C.UTF-8, N=1, P=\"/usr/bin:/bin\", M=audit\n");

	cr_assert_eq(count(n), 7);
	for (int i = 0; i < 3; i++)
		cr_assert_eq(nth(n, i)->kind, NONO_N_ENV_PASS);
	cr_assert_str_eq(txt(nth(n, 0)->name), "HOME");
	cr_assert_str_eq(txt(nth(n, 2)->name), "exec", "a keyword as a variable name");
	cr_assert_str_eq(sp(nth(n, 1)->name.span), "1:16-1:20");
	const char *names[] = { "LANG", "N", "P", "M" }, *vals[] = { "C.UTF-8", "1", "/usr/bin:/bin", "audit" };

	for (int i = 0; i < 4; i++) {
		struct nono_node *e = nth(n, 3 + i);

		cr_assert_eq(e->kind, NONO_N_ENV_SET);
		cr_assert_str_eq(txt(e->name), names[i]);
		cr_assert_str_eq(txt(e->arg), vals[i]);
	}
	cr_assert_str_eq(sp(nth(n, 3)->span), "2:1-2:21");
	cr_assert_str_eq(sp(nth(n, 5)->arg.span), "2:30-2:45");
}

Test(parser, quota_items)
{
	struct nono_node *n = parse_ok("quota {\n    memory 512MiB\n    cpu 50%\n    pids 64\n    io read 5MiB/s\n"
				       "    io write 10MiB/s\n    wall 10m\n    files 1024\n}\n");
	const int keys[] = { NONO_Q_MEMORY, NONO_Q_CPU, NONO_Q_PIDS, NONO_Q_IO_READ, NONO_Q_IO_WRITE,
			     NONO_Q_WALL, NONO_Q_FILES };
	const char *vals[] = { "512MiB", "50%", "64", "5MiB/s", "10MiB/s", "10m", "1024" };

	cr_assert_eq(n->kind, NONO_N_QUOTA);
	cr_assert_str_eq(sp(n->span), "1:1-9:2");
	cr_assert_eq(count(n->children), 7);
	for (int i = 0; i < 7; i++) {
		struct nono_node *q = nth(n->children, i);

		cr_assert_eq(q->kind, NONO_N_QUOTA_ITEM);
		cr_assert_eq(q->sub, keys[i]);
		cr_assert_str_eq(txt(q->arg), vals[i]);
	}
	cr_assert_str_eq(sp(nth(n->children, 0)->span), "2:5-2:18", "key .. value");
	cr_assert_str_eq(sp(nth(n->children, 4)->span), "6:5-6:21");
	cr_assert_str_eq(sp(nth(n->children, 4)->arg.span), "6:14-6:21");
}

Test(parser, quota_inside_a_domain)
{
	struct nono_node *n = parse_ok("tool t {\n    quota { memory 1GiB; pids 8 }\n    net none\n}\n");
	struct nono_node *q = n->children;

	cr_assert_eq(count(n->children), 2);
	cr_assert_eq(q->kind, NONO_N_QUOTA);
	cr_assert_str_eq(sp(q->span), "2:5-2:34");
	cr_assert_eq(count(q->children), 2);
	cr_assert_eq(q->children->sub, NONO_Q_MEMORY);
	cr_assert_eq(q->next->kind, NONO_N_NET_NONE);
}

Test(parser, rules_at_top_level_and_in_domains)
{
	struct nono_node *n = parse_ok("fs read \"/usr/**\"\nagent { fs read \"/a\" }\ntool t { fs read \"/b\" }\n");

	cr_assert_eq(count(n), 3);
	cr_assert_eq(nth(n, 0)->kind, NONO_N_FS);
	cr_assert_eq(nth(n, 1)->children->kind, NONO_N_FS);
	cr_assert_eq(nth(n, 2)->children->kind, NONO_N_FS);
}

Test(parser, a_whole_policy_dumps_deterministically)
{
	static const char text[] = "policy \"p\" version 1\n"
				   "use \"std/base\"\n"
				   "mode enforce\n"
				   "agent {\n"
				   "    exec \"/usr/bin/python3\"\n"
				   "    fs read \"/datasets/**\", \"/srv/**\"\n"
				   "    net none\n"
				   "}\n"
				   "tool send_email {\n"
				   "    exec \"/opt/tools/send_email\" sha256 \"abc\"\n"
				   "    net connect tcp 10.0.0.25:587\n"
				   "    env set MAILHOST=\"mx\"\n"
				   "}\n"
				   "quota { memory 512MiB }\n"
				   "deny sys @mount, ptrace\n";
	static const char want[] = "(policy \"p\" version \"1\")\n"
				   "(use \"std/base\")\n"
				   "(mode enforce)\n"
				   "(agent\n"
				   "  (exec \"/usr/bin/python3\")\n"
				   "  (fs read \"/datasets/**\")\n"
				   "  (fs read \"/srv/**\")\n"
				   "  (net none))\n"
				   "(tool send_email\n"
				   "  (exec \"/opt/tools/send_email\" sha256 \"abc\")\n"
				   "  (net connect tcp \"10.0.0.25:587\")\n"
				   "  (env set MAILHOST \"mx\"))\n"
				   "(quota\n"
				   "  (memory \"512MiB\"))\n"
				   "(deny sys \"@mount\")\n"
				   "(deny sys \"ptrace\")\n";
	char *buf = NULL;
	size_t len = 0;

	parse_ok(text);
	FILE *f = open_memstream(&buf, &len);

	nonoc_dump_ast(ctx, src, f, 0);
	fclose(f);
	cr_assert_str_eq(buf, want);
	free(buf);
}

Test(parser, newline_forms_are_equivalent)
{
	/* Same policy: LF, CRLF, ';', no final newline, blank lines, comments. */
	static const char *const forms[] = {
		"agent {\n    fs read \"/a\", \"/b\"\n    net none\n}\nmode audit\n",
		"agent {\r\n    fs read \"/a\", \"/b\"\r\n    net none\r\n}\r\nmode audit\r\n",
		"agent { fs read \"/a\", \"/b\"; net none }; mode audit",
		"\n\n# c\nagent {   # c\n\n    fs read \"/a\",  # c\n\n        \"/b\"\n\n    net none\n\n}\n\nmode audit",
	};
	char *first = NULL;

	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		char *buf = NULL;
		size_t len = 0;

		parse_ok(forms[i]);
		FILE *f = open_memstream(&buf, &len);

		nonoc_dump_ast(ctx, src, f, 0);
		fclose(f);
		if (!first)
			first = buf;
		else {
			cr_assert_str_eq(buf, first, "form %zu", i);
			free(buf);
		}
	}
	free(first);
}

/* ---- syntax errors ---- */

Test(parser, misspelled_keywords_at_every_level_suggest_the_keyword)
{
	static const struct {
		const char *text, *where, *suggestion;
	} cases[] = {
		{ "agnet {\n}\n", "1:1", "agent" },
		{ "agent {\n    fss read \"/x\"\n}\n", "2:5", "fs" },
		{ "agent {\n    fs raed \"/x\"\n}\n", "2:8", "read" },
		{ "mode enforec\n", "1:6", "enforce" },
		{ "require landlok\n", "1:9", "landlock" },
		{ "quota {\n    memroy 1GiB\n}\n", "2:5", "memory" },
		{ "net connect tpc 10.0.0.1:443\n", "1:13", "tcp" },
		{ "net conect 10.0.0.1\n", "1:5", "connect" },
		{ "proc signal childern\n", "1:13", "children" },
		{ "sys dney ptrace\n", "1:5", "deny" },
		{ "env pas HOME\n", "1:5", "pass" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char want[64];

		EXPECT_ONE_ERROR(cases[i].text, cases[i].where, "unexpected");
		cr_assert_eq(diag(0)->code, NONO_E001);
		snprintf(want, sizeof(want), "did you mean '%s'?", cases[i].suggestion);
		cr_assert(has_hint(diag(0), want), "%s: hint '%s'", cases[i].text, hint(diag(0)));
	}
}

Test(parser, error_message_names_found_and_expected)
{
	EXPECT_ONE_ERROR("agent {\n    fs \"/etc\"\n}\n", "2:8", "unexpected string \"/etc\"; expected 'exec', 'read' or 'write'");
	cr_assert(has_hint(diag(0), "fs read|write|exec"));
	EXPECT_ONE_ERROR("mode\n", "1:5", "unexpected end of line; expected 'enforce' or 'audit'");
	EXPECT_ONE_ERROR("quota {\n    memory\n}\n", "2:11", "expected a size");
	EXPECT_ONE_ERROR("net connect\n", "1:12", "expected an address");
	EXPECT_ONE_ERROR("net bind tcp\n", "1:13", "expected a port");
	EXPECT_ONE_ERROR("bogus\n", "1:1", "expected a statement");
	EXPECT_ONE_ERROR("agent {\n    bogus\n}\n", "2:5", "expected a rule");
	EXPECT_ONE_ERROR("quota {\n    bogus 1\n}\n", "2:5", "expected a quota");
}

Test(parser, where_a_name_is_expected_the_message_says_so)
{
	EXPECT_ONE_ERROR("tool {\n    exec \"/x\"\n}\n", "1:6", "unexpected '{'; expected a name");
	cr_assert(has_hint(diag(0), "tool NAME"));
	EXPECT_ONE_ERROR("env pass $HOME\n", "1:10", "expected a name");
	cr_assert(has_hint(diag(0), "without '$': HOME"));
	EXPECT_ONE_ERROR("sys deny \"ptrace\"\n", "1:10", "expected a syscall name or @group");
	cr_assert(has_hint(diag(0), "without quotes"));
}

Test(parser, unquoted_paths_get_a_quoting_hint)
{
	EXPECT_ONE_ERROR("fs read /etc/passwd\n", "1:9", "unquoted path '/etc/passwd'");
	cr_assert(has_hint(diag(0), "\"/etc/passwd\""));
	EXPECT_ONE_ERROR("use std/base\n", "1:5", "identifier 'std'");
	cr_assert(has_hint(diag(0), "\"std/base\""), "the whole unquoted text: %s", hint(diag(0)));
}

Test(parser, missing_comma_and_extra_comma)
{
	EXPECT_ONE_ERROR("fs read \"/a\" \"/b\"\n", "1:14", "expected ',' or end of line");
	cr_assert(has_hint(diag(0), "with ','"));
	EXPECT_ONE_ERROR("sys deny mount ptrace\n", "1:16", "expected ',' or end of line");
	EXPECT_ONE_ERROR("fs read \"/a\",, \"/b\"\n", "1:14", "unexpected ','");
	cr_assert(has_hint(diag(0), "extra ','"));
}

Test(parser, trailing_comma_is_reported_at_the_comma)
{
	EXPECT_ONE_ERROR("agent {\n    fs read \"/a\",\n    net none\n}\n", "2:17", "a list cannot end with ','");
	cr_assert_not_null(diag(0)->notes, "a note shows where the list went on");
	cr_assert_str_eq(sp(diag(0)->notes->span), "3:5-3:8");
	cr_assert(has_hint(diag(0), "remove the trailing ','"));
	EXPECT_ONE_ERROR("agent {\n    fs read \"/a\",\n}\n", "2:17", "a list cannot end with ','");
	EXPECT_ONE_ERROR("deny sys @mount,", "1:16", "a list cannot end with ','");
	EXPECT_ONE_ERROR("agent {\n    fs read \"/a\",", "2:17", "a list cannot end with ','");
	cr_assert(has_hint(diag(0), "missing '}'"), "the open block at the end of input is not lost");
	cr_assert_str_eq(sp(diag(0)->notes->span), "1:7-1:8");
}

Test(parser, a_statement_cut_by_a_newline_is_one_error)
{
	EXPECT_ONE_ERROR("agent {\n    fs read\n        \"/x\", \"/y\"\n    net none\n}\n", "2:12", "expected a quoted path");
	cr_assert(has_hint(diag(0), "a statement ends with its line"), "the next line is explained: %s", hint(diag(0)));
	EXPECT_ONE_ERROR("agent\n{\n    net none\n}\nmode audit\n", "1:6", "expected '{'");
	cr_assert(has_hint(diag(0), "same line"));
	cr_assert_eq(count(nono_source_get(ctx, src)->ast), 1, "mode audit is still read");
}

Test(parser, misspelled_block_is_skipped_whole)
{
	struct nono_node *n = parse("agnet {\n    fs read \"/x\"\n    bogus stuff {\n    }\n}\nmode audit\n");

	cr_assert_eq(ndiags(), 1, "%s", all_diags());
	cr_assert_eq(count(n), 1);
	cr_assert_eq(n->kind, NONO_N_MODE);
}

Test(parser, nested_agent_is_one_error_and_the_tool_survives)
{
	struct nono_node *n = parse("tool git {\n    exec \"/usr/bin/git\"\n    agent {\n        fs read \"/x\"\n    }\n"
				    "    net none\n}\nmode audit\n");

	cr_assert_eq(ndiags(), 1, "%s", all_diags());
	cr_assert_str_eq(at(diag(0)), "3:5");
	cr_assert(strstr(diag(0)->msg, "keyword 'agent'"));
	cr_assert_not_null(diag(0)->notes);
	cr_assert_str_eq(sp(diag(0)->notes->span), "1:10-1:11", "points at the enclosing block");
	cr_assert(has_hint(diag(0), "cannot be nested"));
	cr_assert_eq(count(n), 2);
	cr_assert_eq(n->kind, NONO_N_TOOL);
	cr_assert_eq(count(n->children), 2, "exec and net none");
}

Test(parser, missing_brace_before_the_next_block_is_one_error)
{
	struct nono_node *n = parse("tool a {\n    exec \"/a\"\n\ntool b {\n    exec \"/b\"\n}\n");

	cr_assert_eq(ndiags(), 1, "%s", all_diags());
	cr_assert_str_eq(at(diag(0)), "4:1");
	cr_assert(has_hint(diag(0), "is a '}' missing above it?"));
	cr_assert_str_eq(sp(diag(0)->notes->span), "1:8-1:9");
	cr_assert_null(n, "the unfinished tool is not in the tree");
}

Test(parser, port_written_after_a_blank)
{
	EXPECT_ONE_ERROR("net connect tcp 10.0.0.5 5432\n", "1:26", "unexpected value '5432'");
	cr_assert(has_hint(diag(0), "10.0.0.5:5432"), "%s", hint(diag(0)));
}

Test(parser, unclosed_block)
{
	EXPECT_ONE_ERROR("agent {\n    fs read \"/x\"\n", "2:17", "unexpected end of file; expected '}'");
	cr_assert_str_eq(sp(diag(0)->notes->span), "1:7-1:8");
	cr_assert(has_hint(diag(0), "missing '}'"));
	EXPECT_ONE_ERROR("agent {\n    fs read", "2:12", "unexpected end of file");
	cr_assert_not_null(diag(0)->notes, "the open block is shown");
}

Test(parser, stray_closing_brace)
{
	struct nono_node *n = parse("agent {\n}\n}\nmode audit\n");

	cr_assert_eq(ndiags(), 1, "%s", all_diags());
	cr_assert_str_eq(at(diag(0)), "3:1");
	cr_assert_str_eq(diag(0)->msg, "'}' without a matching '{'");
	cr_assert_eq(count(n), 2);

	/* Several on one line: one report. */
	parse("mode audit\n} } }}\n}\n");
	cr_assert_eq(ndiags(), 2, "one per line: %s", all_diags());
}

Test(parser, inserted_end_of_line_is_described_as_what_follows)
{
	EXPECT_ONE_ERROR("agent { fs read }\n", "1:17", "unexpected '}'");
	EXPECT_ONE_ERROR("fs read", "1:8", "unexpected end of file");
}

Test(parser, several_errors_in_one_run)
{
	static const char text[] = "policy \"p\" version 1\n"
				   "mode enforec\n"
				   "agent {\n"
				   "    fs raed \"/x\"\n"
				   "    fs read \"/ok\"\n"
				   "    net connect\n"
				   "}\n"
				   "tool t {\n"
				   "    exec /usr/bin/t\n"
				   "}\n"
				   "quota {\n"
				   "    memory 512 MiB\n"
				   "}\n"
				   "deny fs \"/etc/shadow\"\n";
	struct nono_node *n = parse(text);
	const char *where[] = { "2:6", "4:8", "6:16", "9:10", "12:16" };

	cr_assert_eq(rc, -1);
	cr_assert_eq(ndiags(), 5, "%s", all_diags());
	for (int i = 0; i < 5; i++)
		cr_assert_str_eq(at(diag((size_t)i)), where[i], "%s", all_diags());
	cr_assert_eq(nonoc_error_count(ctx), 5);
	/* The statements around the errors are still there. */
	cr_assert_eq(count(n), 5, "policy, agent, tool, quota, deny");
	cr_assert_eq(nth(n, 1)->kind, NONO_N_AGENT);
	cr_assert_eq(count(nth(n, 1)->children), 1, "only the good rule");
	cr_assert_str_eq(txt(nth(n, 1)->children->arg), "/ok");
	cr_assert_eq(nth(n, 4)->kind, NONO_N_FS);
}

Test(parser, number_and_unit_written_apart)
{
	EXPECT_ONE_ERROR("quota { memory 512 MiB }\n", "1:20", "identifier 'MiB'");
	cr_assert(has_hint(diag(0), "512MiB"));
	EXPECT_ONE_ERROR("quota { wall 10 minutes }\n", "1:17", "identifier 'minutes'");
	cr_assert(has_hint(diag(0), "10m"));
}

Test(parser, hints_for_common_shapes)
{
	EXPECT_ONE_ERROR("env set FOO bar\n", "1:13", "expected '='");
	cr_assert(has_hint(diag(0), "NAME=VALUE"));
	EXPECT_ONE_ERROR("allow fs read \"/x\"\n", "1:1", "keyword 'allow'");
	cr_assert(has_hint(diag(0), "without 'allow'"));
	EXPECT_ONE_ERROR("policy \"p\" version \"1\"\n", "1:20", "expected a version number");
	cr_assert(has_hint(diag(0), "version 1"));
	EXPECT_ONE_ERROR("agent {\n    measure \"prompt.txt\"\n}\n", "2:13", "expected a name");
	cr_assert(has_hint(diag(0), "measure KIND"));
	EXPECT_ONE_ERROR("net connect tcp example.com:443\n", "1:17", "identifier 'example.com'");
	cr_assert(has_hint(diag(0), "host names are not resolved"));
	EXPECT_ONE_ERROR("net tcp connect 10.0.0.1\n", "1:5", "keyword 'tcp'");
	cr_assert(has_hint(diag(0), "net connect tcp"));
	EXPECT_ONE_ERROR("quota { io 10MiB/s }\n", "1:12", "expected 'read' or 'write'");
	EXPECT_ONE_ERROR("deny read \"/x\"\n", "1:6", "keyword 'read'");
	cr_assert(has_hint(diag(0), "deny fs read"));
	EXPECT_ONE_ERROR("agent {\n    exec \"/x\" sha256\n}\n", "2:21", "expected the sha256 digest in quotes");
	cr_assert(has_hint(diag(0), "hex digest"));
}

Test(parser, yaml_pasted_into_a_nono_file)
{
	EXPECT_ONE_ERROR("policy:\n  name: x\n  version: 1\nagent:\n  fs:\n    read: [\"/x\"]\n", "1:1", "YAML");
	EXPECT_ONE_ERROR("agent {\n    fs: read \"/x\"\n}\n", "2:7", "unexpected ':' after 'fs'");
	cr_assert_eq(count(nono_source_get(ctx, src)->ast->children), 1, "and the rule is still read");
}

/* ---- limits ---- */

/* @n copies of @line, between @pre and @post. */
static char *repeat_str(const char *pre, const char *line, size_t n, const char *post, size_t *len)
{
	size_t a = strlen(pre), l = strlen(line), b = strlen(post);
	char *s = malloc(a + l * n + b + 1), *p = s;

	cr_assert_not_null(s);
	memcpy(p, pre, a);
	p += a;
	for (size_t i = 0; i < n; i++, p += l)
		memcpy(p, line, l);
	memcpy(p, post, b + 1);
	*len = a + l * n + b;
	return s;
}

Test(parser, rule_count_limit, .timeout = 30)
{
	size_t len;
	char *ok = repeat_str("", "net none\n", NONO_MAX_RULES, "", &len);
	char *over = repeat_str("", "net none\n", NONO_MAX_RULES + 1, "", &len);

	parse(ok);
	cr_assert_eq(rc, 0, "%s", all_diags());
	cr_assert_eq(count(nono_source_get(ctx, src)->ast), NONO_MAX_RULES);
	parse(over);
	cr_assert_eq(rc, -1);
	cr_assert_eq(ndiags(), 1, "%s", all_diags());
	cr_assert_eq(diag(0)->code, NONO_E006);
	cr_assert(strstr(diag(0)->msg, "200000 rules"), "%s", diag(0)->msg);
	cr_assert_str_eq(at(diag(0)), "200001:1");
	free(ok);
	free(over);
}

Test(parser, rule_count_limit_counts_list_items, .timeout = 30)
{
	size_t len;
	char *over = repeat_str("fs read \"/x\"", ", \"/x\"", NONO_MAX_RULES + 5, "\n", &len);

	parse(over);
	cr_assert_eq(rc, -1);
	cr_assert_eq(diag(0)->code, NONO_E006);
	cr_assert_leq(ndiags(), 2, "%s", all_diags());
	free(over);
}

Test(parser, long_lists_and_bodies_up_to_the_rule_limit, .timeout = 120)
{
	/* Lists and bodies at the rule limit parse completely. (Appending used
	 * to walk the list from its head: quadratic. Parse time is measured by
	 * `make bench-parse`, not here; the timeout only guards against a hang.) */
	size_t len;
	char *list = repeat_str("fs read \"/x\"", ", \"/y\"", NONO_MAX_RULES - 10, "\n", &len);
	char *body = repeat_str("agent {\n", "    net none\n", NONO_MAX_RULES - 10, "}\n", &len);
	char *env = repeat_str("env pass A", ", B", NONO_MAX_RULES - 10, "\n", &len);

	parse(list);
	cr_assert_eq(rc, 0);
	cr_assert_eq(count(nono_source_get(ctx, src)->ast), NONO_MAX_RULES - 9);
	parse(body);
	cr_assert_eq(rc, 0);
	cr_assert_eq(count(nono_source_get(ctx, src)->ast->children), NONO_MAX_RULES - 10);
	parse(env);
	cr_assert_eq(rc, 0);
	free(list);
	free(body);
	free(env);
}

Test(parser, nesting_depth_limit)
{
	size_t len;
	char *deep = repeat_str("agnet ", "{", NONO_MAX_DEPTH + 8, "", &len);
	int limit = 0;

	parse(deep);
	cr_assert_eq(rc, -1);
	for (struct nonoc_diag *d = ctx->diags; d; d = d->next)
		limit += d->code == NONO_E006 && strstr(d->msg, "nested deeper than 32");
	cr_assert_eq(limit, 1, "%s", all_diags());
	cr_assert_leq(ndiags(), 2, "%s", all_diags());
	free(deep);

	/* Exactly at the limit: only the misspelled block is reported. */
	char *pre = repeat_str("agnet ", "{", NONO_MAX_DEPTH, "", &len);
	char *at_limit = repeat_str(pre, "}", NONO_MAX_DEPTH, "\n", &len);

	parse(at_limit);
	cr_assert_eq(ndiags(), 1, "%s", all_diags());
	cr_assert_eq(diag(0)->code, NONO_E001);
	free(pre);
	free(at_limit);
}

Test(parser, error_count_limit)
{
	size_t len;
	char *bad = repeat_str("", "bogus\n", 2 * NONO_MAX_ERRORS, "", &len);
	struct nonoc_diag *last = NULL;

	parse(bad);
	cr_assert_eq(rc, -1);
	cr_assert_eq(ndiags(), NONO_MAX_ERRORS);
	for (struct nonoc_diag *d = ctx->diags; d; d = d->next)
		last = d;
	cr_assert_not_null(last->notes);
	cr_assert(strstr(last->notes->msg, "too many errors"), "%s", last->notes->msg);
	cr_assert_str_eq(at(last), "50:1");
	free(bad);
}

Test(parser, file_size_limit)
{
	size_t n = NONO_MAX_FILE_SIZE + 1;
	char *big = malloc(n);

	cr_assert_not_null(big);
	memset(big, '\n', n);
	fini();
	ctx = nonoc_new();
	cr_assert_eq(nonoc_add_source(ctx, "big.nono", big, n), -1);
	cr_assert_eq(ndiags(), 1);
	cr_assert_eq(diag(0)->code, NONO_E006);
	cr_assert(strstr(diag(0)->msg, "big.nono"));
	cr_assert_eq(nonoc_error_count(ctx), 1);

	/* At the limit: accepted, and blank lines parse to nothing. */
	parse_n(big, n - 1);
	cr_assert_eq(rc, 0);
	cr_assert_null(nono_source_get(ctx, src)->ast);
	free(big);
}

/* ---- hostile input: diagnostics, never a crash or a hang ---- */

static void walk_bounded(const struct nono_node *n, size_t *seen)
{
	for (; n; n = n->next) {
		cr_assert_lt(++*seen, (size_t)4 * NONO_MAX_RULES, "AST has a cycle");
		walk_bounded(n->children, seen);
	}
}

static void survives(const char *text, size_t len, const char *what)
{
	size_t seen = 0;

	parse_n(text, len);
	cr_assert_leq(nono_diag_errors_in(ctx, src), NONO_MAX_ERRORS + 1, "%s: error count bounded", what);
	walk_bounded(nono_source_get(ctx, src)->ast, &seen);
	FILE *null = fopen("/dev/null", "w");

	cr_assert_not_null(null);
	nonoc_render_diagnostics(ctx, null, NONOC_FMT_TEXT, 0);
	nonoc_dump_ast(ctx, src, null, 1);
	fclose(null);
}

Test(parser, a_megabyte_of_open_braces, .timeout = 20)
{
	size_t len;
	char *s = repeat_str("", "{", 1 << 20, "", &len);

	survives(s, len, "{{{{");
	cr_assert_eq(rc, -1);
	cr_assert_leq(ndiags(), 3, "%s", all_diags());
	free(s);
}

Test(parser, a_megabyte_of_close_braces_and_quotes, .timeout = 20)
{
	const char *units[] = { "}", "\"", "\n}", ",", "agent {", "fs read \"x\",\n", "'", "\\", "=" };

	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		size_t len;
		char *s = repeat_str("", units[i], (1 << 20) / strlen(units[i]), "", &len);

		survives(s, len, units[i]);
		free(s);
	}
}

Test(parser, a_megabyte_long_line, .timeout = 20)
{
	size_t wlen, slen;
	char *word = repeat_str("agent {\n    fs read ", "a", 1 << 20, "\n}\n", &wlen);
	char *str = repeat_str("agent {\n    fs read \"", "a", 1 << 20, "\"\n}\n", &slen);

	survives(word, wlen, "long word");
	cr_assert_eq(ndiags(), 1, "%s", all_diags());
	cr_assert_eq(diag(0)->code, NONO_E006, "%s", all_diags());
	survives(str, slen, "long string");
	cr_assert_eq(ndiags(), 1, "%s", all_diags());
	cr_assert_eq(diag(0)->code, NONO_E006);
	free(word);
	free(str);
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

Test(parser, random_bytes, .timeout = 60)
{
	char buf[4096];

	for (int iter = 0; iter < 400; iter++) {
		size_t len = rnd() % sizeof(buf);

		for (size_t i = 0; i < len; i++) {
			/* Mostly printable ASCII and newlines, so the scanner and the
			 * parser (not only the UTF-8 check) see the bytes. */
			uint64_t r = rnd();

			buf[i] = r % 16 == 0 ? '\n' : r % 97 == 0 ? (char)(r >> 8) : (char)(' ' + (r >> 8) % 95);
		}
		survives(buf, len, "random");
	}
}

Test(parser, random_token_soup, .timeout = 60)
{
	static const char *const parts[] = {
		"agent", "tool", "quota", "policy", "use", "mode", "require", "deny", "allow", "fs", "read",
		"write", "exec", "net", "none", "connect", "bind", "unix", "tcp", "udp", "proc", "signal",
		"children", "ptrace", "sys", "env", "pass", "set", "memory", "cpu", "pids", "io", "wall",
		"files", "measure", "sha256", "version", "enforce", "audit", "bpf-lsm", "landlock", "{", "}",
		"{", "}", ",", "=", ";", "\n", "\n", "\n", "\"/x\"", "\"a b\"", "'q'", "\"\\q\"", "\"open",
		"10.0.0.1:443", "[::1]:53", "fe80::/10", "512MiB", "50%", "@mount", "@", "name", "x:", ":",
		"/bare", "~/x", "$W", "#c\n", "---", "\xe2\x80\x9cq\xe2\x80\x9d", "\xc2\xa0", "\xc3\xa9", "[",
	};
	char buf[8192];

	for (int iter = 0; iter < 1500; iter++) {
		size_t len = 0, want = rnd() % 2000;

		while (len < want) {
			const char *p = parts[rnd() % (sizeof(parts) / sizeof(parts[0]))];
			size_t l = strlen(p);

			if (len + l + 1 >= sizeof(buf))
				break;
			memcpy(buf + len, p, l);
			len += l;
			if (rnd() % 3)
				buf[len++] = ' ';
		}
		survives(buf, len, "soup");
	}
}
