/* SPDX-License-Identifier: Apache-2.0 */
/* The YAML front end (compiler/yaml.c): the AST it builds (the same as the
 * nono syntax builds for the same policy), its spans, and its diagnostics
 * (codes, locations, hints), including hostile input: alias expansion,
 * recursive aliases, deep nesting, non-ASCII text. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context.h"

static nonoc_ctx *ctx;

static void setup(void)
{
	ctx = nonoc_new();
	cr_assert_not_null(ctx);
}

static void teardown(void)
{
	nonoc_free(ctx);
}

TestSuite(yaml_ast, .init = setup, .fini = teardown);
TestSuite(yaml_diag, .init = setup, .fini = teardown);
TestSuite(yaml_hostile, .init = setup, .fini = teardown);

/* ---- helpers ------------------------------------------------------------- */

static int parse_as(const char *name, const char *text)
{
	int src = nonoc_add_source(ctx, name, text, strlen(text));

	cr_assert_geq(src, 0);
	nonoc_parse(ctx, src);
	return src;
}

static int parse(const char *text)
{
	return parse_as("t.yaml", text);
}

static struct nono_node *ast(int src)
{
	return nono_source_get(ctx, src)->ast;
}

static char *dump(int src, int locations)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	cr_assert_not_null(f);
	nono_ast_dump(ctx, ast(src), f, locations);
	cr_assert_eq(fclose(f), 0);
	return buf;
}

static char *render(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	cr_assert_not_null(f);
	nonoc_render_diagnostics(ctx, f, NONOC_FMT_TEXT, 0);
	cr_assert_eq(fclose(f), 0);
	return buf;
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
	cr_assert_not_null(d, "fewer diagnostics than expected:\n%s", render());
	return d;
}

/* The diagnostic has @code and starts at line:col, spanning @width bytes. */
static void check_diag(struct nonoc_diag *d, enum nono_code code, unsigned line, unsigned col, unsigned width)
{
	struct nono_pos p = nono_source_pos(ctx, d->span.src, d->span.start);

	cr_assert_eq(d->code, code, "code %s, expected %s: %s", nono_code_info(d->code)->id,
		     nono_code_info(code)->id, d->msg);
	cr_assert_eq(p.line, line, "line %u, expected %u: %s", p.line, line, d->msg);
	cr_assert_eq(p.col, col, "column %u, expected %u: %s", p.col, col, d->msg);
	cr_assert_eq(d->span.end - d->span.start, width, "width %u, expected %u: %s", d->span.end - d->span.start,
		     width, d->msg);
}

static int has_hint(const struct nonoc_diag *d, const char *text)
{
	for (const struct nono_hint *h = d->hints; h; h = h->next)
		if (strstr(h->msg, text))
			return 1;
	return 0;
}

static const struct nono_note *note_with(const struct nonoc_diag *d, const char *text)
{
	for (const struct nono_note *n = d->notes; n; n = n->next)
		if (strstr(n->msg, text))
			return n;
	return NULL;
}

/* The span text of @sp in its source. */
static char *span_text(struct nono_span sp)
{
	const char *t = nono_source_get(ctx, sp.src)->text;

	return strndup(t + sp.start, sp.end - sp.start);
}

static void assert_span_text(struct nono_span sp, const char *expected)
{
	char *s = span_text(sp);

	cr_assert_str_eq(s, expected);
	free(s);
}

static void assert_twins(const char *nono, const char *yaml)
{
	int a = parse_as("t.nono", nono), b = parse_as("t.yaml", yaml);
	char *out = render();

	cr_assert_eq(nonoc_error_count(ctx), 0, "unexpected errors:\n%s", out);
	char *da = dump(a, 0), *db = dump(b, 0);

	cr_assert_str_eq(db, da, "YAML dump:\n%s\nnono dump:\n%s", db, da);
	free(da);
	free(db);
	free(out);
}

/* ---- the AST ------------------------------------------------------------- */

Test(yaml_ast, every_node_kind_matches_the_nono_syntax)
{
	assert_twins("policy \"all-kinds\" version 2\n"
		     "use \"std/base\"\n"
		     "use \"./extra.nono\"\n"
		     "mode audit\n"
		     "require bpf-lsm\n"
		     "require landlock 3\n"
		     "require seccomp\n"
		     "require cgroups\n"
		     "agent {\n"
		     "    exec \"/usr/bin/python3\" sha256 \"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"\n"
		     "    measure prompt \"prompt.txt\"\n"
		     "    fs read \"/data/**\"\n"
		     "    fs read write \"/tmp/x\"\n"
		     "    fs exec \"/usr/bin/*\"\n"
		     "    net connect tcp 10.0.0.1:443\n"
		     "    net connect udp [::1]:53\n"
		     "    net connect 192.168.0.0/16\n"
		     "    net bind tcp 8080\n"
		     "    net bind 9000-9010\n"
		     "    net unix \"/run/a.sock\"\n"
		     "    proc signal children\n"
		     "    proc ptrace\n"
		     "    sys deny @mount, ptrace\n"
		     "    sys allow bpf\n"
		     "    env pass HOME, LANG\n"
		     "    env set DEBUG=1, NAME=\"a b\", MODE=fast\n"
		     "    deny fs \"/data/secret/**\"\n"
		     "    deny fs read exec \"/x\"\n"
		     "    deny net connect 169.254.169.254\n"
		     "    deny net bind tcp 22\n"
		     "    deny net unix \"/run/docker.sock\"\n"
		     "    deny sys @raw-io\n"
		     "    deny proc ptrace\n"
		     "    deny proc signal children\n"
		     "    quota {\n"
		     "        memory 1GiB\n"
		     "        io read 5MiB/s\n"
		     "    }\n"
		     "}\n"
		     "tool exec {\n"
		     "    exec \"/opt/exec\"\n"
		     "    net none\n"
		     "}\n"
		     "quota {\n"
		     "    memory 512MiB\n"
		     "    cpu 50%\n"
		     "    pids 64\n"
		     "    io read 1MiB/s\n"
		     "    io write 10MiB/s\n"
		     "    wall 10m\n"
		     "    files 1000\n"
		     "}\n"
		     "fs read \"/usr/share/**\"\n"
		     "net none\n"
		     "proc ptrace\n"
		     "sys deny @module\n"
		     "env pass TERM\n"
		     "deny fs write \"/etc/**\"\n",

		     "policy: {name: all-kinds, version: 2}\n"
		     "use: [std/base, ./extra.nono]\n"
		     "mode: audit\n"
		     "require: [bpf-lsm, landlock 3, seccomp, cgroups]\n"
		     "agent:\n"
		     "  exec:\n"
		     "    path: /usr/bin/python3\n"
		     "    sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n"
		     "  measure:\n"
		     "    prompt: prompt.txt\n"
		     "  fs:\n"
		     "    read: /data/**\n"
		     "    read write: [/tmp/x]\n"
		     "    exec: [\"/usr/bin/*\"]\n"
		     "  net:\n"
		     "    connect: [tcp 10.0.0.1:443, \"udp [::1]:53\", 192.168.0.0/16]\n"
		     "    bind: [tcp 8080, 9000-9010]\n"
		     "    unix: /run/a.sock\n"
		     "  proc: [signal children, ptrace]\n"
		     "  sys:\n"
		     "    deny: [\"@mount\", ptrace]\n"
		     "    allow: bpf\n"
		     "  env:\n"
		     "    pass: [HOME, LANG]\n"
		     "    set:\n"
		     "      DEBUG: 1\n"
		     "      NAME: a b\n"
		     "      MODE: fast\n"
		     "  deny:\n"
		     "    fs:\n"
		     "      - /data/secret/**\n"
		     "      - read exec: /x\n"
		     "    net:\n"
		     "      connect: 169.254.169.254\n"
		     "      bind: tcp 22\n"
		     "      unix: [/run/docker.sock]\n"
		     "    sys: \"@raw-io\"\n"
		     "    proc: [ptrace, signal children]\n"
		     "  quota:\n"
		     "    memory: 1GiB\n"
		     "    io: {read: 5MiB/s}\n"
		     "tools:\n"
		     "  exec:\n"
		     "    exec: /opt/exec\n"
		     "    net: none\n"
		     "quota:\n"
		     "  memory: 512MiB\n"
		     "  cpu: 50%\n"
		     "  pids: 64\n"
		     "  io:\n"
		     "    read: 1MiB/s\n"
		     "    write: 10MiB/s\n"
		     "  wall: 10m\n"
		     "  files: 1000\n"
		     "fs: {read: /usr/share/**}\n"
		     "net: none\n"
		     "proc: ptrace\n"
		     "sys: {deny: \"@module\"}\n"
		     "env: {pass: TERM}\n"
		     "deny: {fs: {write: /etc/**}}\n");
}

Test(yaml_ast, lists_of_mappings_keep_the_order_of_rules)
{
	assert_twins("agent {\n"
		     "  fs read \"/a\"\n"
		     "  fs write \"/b\"\n"
		     "  fs read \"/c\"\n"
		     "  net connect tcp 10.0.0.1:1\n"
		     "  net bind 80\n"
		     "  net connect 10.0.0.2\n"
		     "  env pass A\n"
		     "  env set B=1\n"
		     "  env pass C\n"
		     "}\n"
		     "deny fs \"/x\"\n"
		     "deny fs write \"/y\"\n"
		     "deny fs \"/z\"\n"
		     "deny sys ptrace\n"
		     "deny fs \"/w\"\n",

		     "agent:\n"
		     "  fs: [{read: /a}, {write: /b}, {read: /c}]\n"
		     "  net:\n"
		     "    - connect: tcp 10.0.0.1:1\n"
		     "    - bind: 80\n"
		     "    - connect: 10.0.0.2\n"
		     "  env: [{pass: A}, {set: {B: 1}}, {pass: C}]\n"
		     "deny:\n"
		     "  - fs: [/x, {write: /y}, /z]\n"
		     "  - sys: [ptrace]\n"
		     "  - fs: {all: /w}\n");
}

Test(yaml_ast, policy_header_forms)
{
	int src = parse("policy: {name: \"p-1\", version: 3}\n");
	struct nono_node *n = ast(src);

	cr_assert_eq(nonoc_error_count(ctx), 0);
	cr_assert_eq(n->kind, NONO_N_POLICY);
	cr_assert_str_eq(n->name.s, "p-1");
	cr_assert_str_eq(n->arg.s, "3");
	assert_span_text(n->name.span, "\"p-1\"");   /* quotes included */
	assert_span_text(n->arg.span, "3");
	assert_span_text(n->kw, "policy");
	cr_assert_null(n->next);

	int s2 = parse_as("u.yaml", "policy: short\n");

	cr_assert_eq(ast(s2)->kind, NONO_N_POLICY);
	cr_assert_str_eq(ast(s2)->name.s, "short");
	cr_assert_null(ast(s2)->arg.s);
}

Test(yaml_ast, net_items_stand_alone)
{
	/* In YAML a protocol does not carry over to the next item. */
	int src = parse("net:\n  connect: [tcp 10.0.0.1:443, 10.0.0.2:443, \"udp  [fe80::1]:53\"]\n");
	struct nono_node *n = ast(src);

	cr_assert_eq(nonoc_error_count(ctx), 0, "%s", render());
	cr_assert_eq(n->kind, NONO_N_NET_CONNECT);
	cr_assert_eq(n->sub, NONO_PROTO_TCP);
	cr_assert_str_eq(n->arg.s, "10.0.0.1:443");
	assert_span_text(n->arg.span, "10.0.0.1:443");
	assert_span_text(n->kw, "net");
	assert_span_text(n->span, "connect: [tcp 10.0.0.1:443");
	n = n->next;
	cr_assert_eq(n->sub, NONO_PROTO_ANY);
	cr_assert_str_eq(n->arg.s, "10.0.0.2:443");
	n = n->next;
	cr_assert_eq(n->sub, NONO_PROTO_UDP);
	cr_assert_str_eq(n->arg.s, "[fe80::1]:53");
	assert_span_text(n->arg.span, "[fe80::1]:53");
	cr_assert_null(n->next);
}

Test(yaml_ast, rule_fields_and_spans)
{
	int src = parse("agent:\n"
			"  deny:\n"
			"    fs:\n"
			"      - \"/etc/shadow\"\n"
			"      - read write: [/a]\n"
			"  sys: {deny: [\"@mount\"], allow: [bpf]}\n"
			"  env: {set: {LANG: C.UTF-8}}\n");
	struct nono_node *agent = ast(src), *n;

	cr_assert_eq(nonoc_error_count(ctx), 0, "%s", render());
	cr_assert_eq(agent->kind, NONO_N_AGENT);
	assert_span_text(agent->kw, "agent");
	n = agent->children;
	cr_assert_eq(n->kind, NONO_N_FS);
	cr_assert_eq(n->flags, NONO_NODE_DENY);
	cr_assert_eq(n->sub, NONO_FS_ALL);
	assert_span_text(n->arg.span, "\"/etc/shadow\"");
	assert_span_text(n->span, "\"/etc/shadow\""); /* the keys are on lines above */
	assert_span_text(n->kw, "deny");
	n = n->next;
	cr_assert_eq(n->sub, NONO_FS_READ | NONO_FS_WRITE);
	assert_span_text(n->span, "read write: [/a"); /* key..item, like `fs read write "/a"` */
	n = n->next;
	cr_assert_eq(n->kind, NONO_N_SYS);
	cr_assert_eq(n->flags, NONO_NODE_DENY);
	cr_assert_str_eq(n->arg.s, "@mount");
	assert_span_text(n->kw, "sys");
	n = n->next;
	cr_assert_eq(n->kind, NONO_N_SYS);
	cr_assert_eq(n->flags, 0);
	n = n->next;
	cr_assert_eq(n->kind, NONO_N_ENV_SET);
	cr_assert_str_eq(n->name.s, "LANG");
	cr_assert_str_eq(n->arg.s, "C.UTF-8");
	assert_span_text(n->name.span, "LANG");
	cr_assert_null(n->next);
}

Test(yaml_ast, blocks_span_their_key_and_value)
{
	int src = parse("tools:\n  git:\n    exec: /usr/bin/git\nquota:\n  memory: 1GiB\n");
	struct nono_node *t = ast(src), *q = t->next;

	cr_assert_eq(nonoc_error_count(ctx), 0, "%s", render());
	cr_assert_eq(t->kind, NONO_N_TOOL);
	cr_assert_str_eq(t->name.s, "git");
	assert_span_text(t->kw, "git");
	assert_span_text(t->span, "git:\n    exec: /usr/bin/git");
	assert_span_text(t->children->span, "exec: /usr/bin/git");
	cr_assert_eq(q->kind, NONO_N_QUOTA);
	assert_span_text(q->span, "quota:\n  memory: 1GiB");
	cr_assert_eq(q->children->kind, NONO_N_QUOTA_ITEM);
	cr_assert_eq(q->children->sub, NONO_Q_MEMORY);
	assert_span_text(q->children->span, "memory: 1GiB");
	assert_span_text(q->children->kw, "memory");
}

Test(yaml_ast, empty_documents_give_no_nodes_and_no_errors)
{
	const char *texts[] = { "", "# only a comment\n", "---\n", "--- ~\n", "---\n...\n" };

	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		char name[16];

		snprintf(name, sizeof(name), "e%zu.yaml", i);
		int src = parse_as(name, texts[i]);

		cr_assert_null(ast(src), "'%s' gave nodes", texts[i]);
	}
	cr_assert_eq(ndiags(), 0, "%s", render());
}

Test(yaml_ast, aliases_repeat_values)
{
	int src = parse("agent:\n  fs:\n    read: &common [/usr/share/**, /etc/ssl/**]\n"
			"tools:\n  git:\n    fs:\n      read: *common\n");
	char *d = dump(src, 0);

	cr_assert_eq(nonoc_error_count(ctx), 0, "%s", render());
	cr_assert_str_eq(d, "(agent\n  (fs read \"/usr/share/**\")\n  (fs read \"/etc/ssl/**\"))\n"
			    "(tool git\n  (fs read \"/usr/share/**\")\n  (fs read \"/etc/ssl/**\"))\n");
	free(d);
}

Test(yaml_ast, crlf_and_byte_order_mark)
{
	int src = parse("\xef\xbb\xbfpolicy: {name: x}\r\nmode: audit\r\n");

	cr_assert_eq(nonoc_error_count(ctx), 0, "%s", render());
	cr_assert_eq(ast(src)->next->kind, NONO_N_MODE);
	cr_assert_eq(ast(src)->next->sub, NONO_MODE_AUDIT);
	assert_span_text(ast(src)->next->span, "mode: audit");
	assert_span_text(ast(src)->kw, "policy");
}

Test(yaml_ast, non_ascii_spans_are_bytes)
{
	int src = parse("policy: {name: \"é-ü\"}\nagent:\n  fs:\n    read: [\"/données/**\", /ü/x]\n");
	struct nono_node *p = ast(src), *fs = p->next->children;

	cr_assert_eq(nonoc_error_count(ctx), 0, "%s", render());
	assert_span_text(p->name.span, "\"é-ü\"");
	assert_span_text(fs->arg.span, "\"/données/**\"");
	assert_span_text(fs->next->arg.span, "/ü/x");
	cr_assert_str_eq(fs->next->arg.s, "/ü/x");
}

/* ---- diagnostics --------------------------------------------------------- */

Test(yaml_diag, syntax_error_at_the_problem)
{
	parse("policy: {name: x}\nagent:\n  exec: /x\n  fs:\n    read: [\"/a\", \"/b\"\n  net: none\n");
	struct nonoc_diag *d = diag(0);

	check_diag(d, NONO_E020, 6, 3, 1);
	cr_assert(strstr(d->msg, "did not find expected ',' or ']'"), "%s", d->msg);
	cr_assert(strstr(d->msg, "while parsing a flow sequence"), "%s", d->msg);
	const struct nono_note *n = note_with(d, "starts here");

	cr_assert_not_null(n);
	cr_assert_eq(nono_source_pos(ctx, n->span.src, n->span.start).line, 5);
	cr_assert_eq(nono_source_pos(ctx, n->span.src, n->span.start).col, 11);
}

Test(yaml_diag, syntax_error_tab_and_at_sign_hints)
{
	parse_as("a.yaml", "agent:\n\tfs: 1\n");
	parse_as("b.yaml", "deny:\n  sys: [@mount]\n");
	check_diag(diag(0), NONO_E020, 2, 1, 1);
	cr_assert(has_hint(diag(0), "spaces, not tabs"));
	check_diag(diag(1), NONO_E020, 2, 9, 1);
	cr_assert(has_hint(diag(1), "\"@mount\""));
}

Test(yaml_diag, checks_what_was_read_before_a_syntax_error)
{
	parse("mdoe: audit\nagent:\n  exec: \"/x\n");
	cr_assert_eq(ndiags(), 2, "%s", render());
	check_diag(diag(0), NONO_E022, 1, 1, 4);
	check_diag(diag(1), NONO_E020, 3, 12, 0);
}

Test(yaml_diag, wrong_type)
{
	parse("agent:\n  fs:\n    read: {a: 1}\n");
	struct nonoc_diag *d = diag(0);

	check_diag(d, NONO_E021, 3, 11, 6);
	cr_assert_str_eq(d->msg, "expected a list of paths after 'read:', found a mapping");
}

Test(yaml_diag, empty_value_points_at_its_key)
{
	parse("agent:\nexec: /usr/bin/python3\n");
	check_diag(diag(0), NONO_E021, 1, 1, 5);
	cr_assert(strstr(diag(0)->msg, "found nothing"), "%s", diag(0)->msg);
	check_diag(diag(1), NONO_E022, 2, 1, 4);
	cr_assert(has_hint(diag(1), "under 'agent:'"));
}

Test(yaml_diag, mapping_where_a_path_is_expected)
{
	parse("use:\n  - std/base: x\n");
	check_diag(diag(0), NONO_E021, 2, 5, 11);
	cr_assert(has_hint(diag(0), "quote the whole value"));
}

Test(yaml_diag, unknown_key_suggests_and_lists)
{
	parse("policy: {name: x}\nagent:\n  dney:\n    fs: [/x]\n");
	struct nonoc_diag *d = diag(0);

	cr_assert_eq(ndiags(), 1, "%s", render());
	check_diag(d, NONO_E022, 3, 3, 4);
	cr_assert_str_eq(d->msg, "unknown key 'dney' in 'agent'");
	cr_assert(has_hint(d, "did you mean 'deny'?"));
	cr_assert_not_null(note_with(d, "exec, measure, fs, net, proc, sys, env, deny, quota"));
}

Test(yaml_diag, unknown_keys_at_every_level)
{
	parse("polcy: {name: x}\n"
	      "tools:\n  t:\n    exce: /x\n"
	      "quota: {memroy: 1GiB, io: {rite: 1MiB/s}}\n"
	      "deny: {fs: {raed: /x}, env: {pass: A}}\n");
	cr_assert_eq(ndiags(), 6, "%s", render());
	cr_assert(has_hint(diag(0), "'policy'"));
	cr_assert(has_hint(diag(1), "'exec'"));
	cr_assert(has_hint(diag(2), "'memory'"));
	cr_assert(has_hint(diag(3), "'write'"));
	cr_assert(has_hint(diag(4), "'read'"));
	cr_assert(has_hint(diag(5), "only fs, net, sys and proc"));
}

Test(yaml_diag, duplicate_key_points_at_the_first)
{
	parse("agent:\n  fs:\n    read: [/a]\n  net: none\n  \"fs\":\n    write: [/b]\n");
	struct nonoc_diag *d = diag(0);

	cr_assert_eq(ndiags(), 1, "%s", render());
	check_diag(d, NONO_E023, 5, 3, 4);
	const struct nono_note *n = note_with(d, "first appears here");

	cr_assert_not_null(n);
	cr_assert_eq(nono_source_pos(ctx, n->span.src, n->span.start).line, 2);
}

Test(yaml_diag, duplicate_tool_and_access)
{
	parse("tools:\n  git: {exec: /a}\n  git: {exec: /b}\nfs: {read write: /x, write read: /y}\n");
	check_diag(diag(0), NONO_E023, 3, 3, 3);
	check_diag(diag(1), NONO_E023, 4, 22, 10);
}

Test(yaml_diag, missing_required_key)
{
	parse("policy:\n  version: 1\nagent:\n  exec: {sha256: abc}\n");
	check_diag(diag(0), NONO_E025, 1, 1, 6);
	cr_assert_str_eq(diag(0)->msg, "'policy' has no 'name'");
	check_diag(diag(1), NONO_E025, 4, 3, 4);
	cr_assert_eq(ast(0)->kind, NONO_N_AGENT); /* no policy node, no exec node */
	cr_assert_null(ast(0)->children);
}

Test(yaml_diag, bad_enum_values_suggest)
{
	parse("mode: enfroce\nrequire: [seccmp, \"landlock x\"]\nagent:\n  net: nnoe\n  proc: [ptrce]\n"
	      "  net: {connect: [tpc 10.0.0.1:25]}\n");
	check_diag(diag(0), NONO_E026, 1, 7, 7);
	cr_assert(has_hint(diag(0), "did you mean 'enforce'?"));
	check_diag(diag(1), NONO_E026, 2, 11, 6);
	cr_assert(has_hint(diag(1), "'seccomp'"));
	check_diag(diag(2), NONO_E026, 2, 29, 1); /* the level inside "landlock x" */
	check_diag(diag(3), NONO_E026, 4, 8, 4);
	cr_assert(has_hint(diag(3), "did you mean 'none'?"));
	check_diag(diag(4), NONO_E026, 5, 10, 5);
	cr_assert(has_hint(diag(4), "'ptrace'"));
	/* the duplicate `net` is reported, its value is not read */
	check_diag(diag(5), NONO_E023, 6, 3, 3);
	cr_assert_eq(ndiags(), 6, "%s", render());
}

Test(yaml_diag, allow_fs_needs_an_access)
{
	parse("fs: [/etc/**]\nsys: [ptrace]\n");
	check_diag(diag(0), NONO_E021, 1, 6, 7);
	cr_assert(has_hint(diag(0), "{read: [\"/etc/**\"]}"));
	check_diag(diag(1), NONO_E021, 2, 6, 8);
	cr_assert(has_hint(diag(1), "sys: {deny: [ptrace]}"));
}

Test(yaml_diag, names_are_words)
{
	parse("tools:\n  \"my tool\": {exec: /x}\nenv: {pass: [\"A=1\"], set: {\"B C\": 1}}\ndeny: {sys: [\"a b\"]}\n");
	check_diag(diag(0), NONO_E026, 2, 3, 9);
	check_diag(diag(1), NONO_E026, 3, 14, 5);
	cr_assert(has_hint(diag(1), "set: {NAME: VALUE}"));
	check_diag(diag(2), NONO_E026, 3, 28, 5);
	check_diag(diag(3), NONO_E026, 4, 14, 5);
}

Test(yaml_diag, more_than_one_document)
{
	parse_as("a.yaml", "policy: {name: a}\n---\npolicy: {name: b}\n");
	parse_as("b.yaml", "policy: {name: a}\n---\n");
	check_diag(diag(0), NONO_E027, 2, 1, 3);
	cr_assert(has_hint(diag(0), "'use:'"));
	check_diag(diag(1), NONO_E027, 2, 1, 3);
	cr_assert(has_hint(diag(1), "remove this '---'"));
	cr_assert_eq(ndiags(), 2);
	/* the first document is still read */
	cr_assert_str_eq(ast(0)->name.s, "a");
}

Test(yaml_diag, keeps_going_after_errors)
{
	parse("mode: fast\nagent:\n  fs: {reed: [/a]}\n  net: {connect: [\"tcp\"]}\nquota: {cpu: [1]}\n"
	      "deny: {net: none}\n");
	cr_assert_eq(ndiags(), 5, "%s", render());
	for (size_t i = 1; i < 5; i++)
		cr_assert_lt(diag(i - 1)->span.start, diag(i)->span.start);
}

Test(yaml_diag, stops_after_the_error_limit)
{
	char *text = malloc(64 * 80);
	size_t off = (size_t)sprintf(text, "fs:\n");

	for (int i = 0; i < 80; i++)
		off += (size_t)sprintf(text + off, "  bad%d: [/x]\n", i);
	parse(text);
	free(text);
	cr_assert_eq(nonoc_error_count(ctx), NONO_MAX_ERRORS);
	cr_assert_not_null(note_with(diag(NONO_MAX_ERRORS - 1), "too many errors"));
}

Test(yaml_diag, non_ascii_error_columns_are_bytes)
{
	/* libyaml counts characters; spans and columns are bytes. */
	parse("policy: {name: \"ééé\"}\nagent:\n  fs: {read: [\"/ü\", \"/ö\"]}\n  dény: 1\n  mode: \"ä\" [\n");
	check_diag(diag(0), NONO_E022, 4, 3, 5);
	check_diag(diag(1), NONO_E022, 5, 3, 4);
	struct nonoc_diag *syn = diag(2);

	cr_assert_eq(syn->code, NONO_E020, "%s", render());
	cr_assert_eq(nono_source_pos(ctx, syn->span.src, syn->span.start).line, 5);
	cr_assert_eq(nono_source_pos(ctx, syn->span.src, syn->span.start).col, 14);
	char *out = render();

	cr_assert(strstr(out, "   4 |   dény: 1\n     |   ^~~~\n"), "%s", out);
	free(out);
}

Test(yaml_diag, control_and_nul_characters_in_values)
{
	parse("agent:\n  exec: \"/bin/x\\0y\"\n  fs: {read: [\"/a\\x07\"]}\n");
	check_diag(diag(0), NONO_E026, 2, 9, 11);
	cr_assert(strstr(diag(0)->msg, "NUL"), "%s", diag(0)->msg);
	check_diag(diag(1), NONO_E026, 3, 15, 8);
}

Test(yaml_diag, tags_are_rejected)
{
	parse("agent:\n  exec: !!binary aGk=\n  fs: !!set {read: /x}\n");
	check_diag(diag(0), NONO_E021, 2, 9, 8);
	cr_assert_str_eq(diag(0)->msg, "the YAML tag '!!binary' is not allowed in a policy");
	check_diag(diag(1), NONO_E021, 3, 7, 5);
}

Test(yaml_diag, complex_and_merge_keys)
{
	parse("[a]: 1\nagent: &a {exec: /x}\ntools:\n  t:\n    <<: *a\n");
	check_diag(diag(0), NONO_E021, 1, 1, 3);
	check_diag(diag(1), NONO_E024, 5, 5, 2);
}

/* ---- hostile input ------------------------------------------------------- */

Test(yaml_hostile, billion_laughs_is_rejected)
{
	char *text = malloc(4096);
	size_t off = (size_t)sprintf(text, "policy: {name: x}\nagent:\n  fs:\n    read: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");

	for (int i = 1; i < 10; i++) {
		off += (size_t)sprintf(text + off, "x%d: &a%d [", i, i);
		for (int j = 0; j < 9; j++)
			off += (size_t)sprintf(text + off, "%s*a%d", j ? ", " : "", i - 1);
		off += (size_t)sprintf(text + off, "]\n");
	}
	int src = parse(text);

	free(text);
	cr_assert_eq(ndiags(), 1, "%s", render());
	/* a4 stands for 66430 nodes: the fifth alias of it crosses the limit */
	check_diag(diag(0), NONO_E024, 9, 30, 3);
	cr_assert(strstr(diag(0)->msg, "400000"), "%s", diag(0)->msg);
	cr_assert_not_null(note_with(diag(0), "'&a4'"));
	cr_assert_null(ast(src));
}

Test(yaml_hostile, recursive_alias_is_rejected)
{
	parse("agent:\n  fs: &f\n    read: *f\n");
	cr_assert_eq(ndiags(), 1, "%s", render());
	check_diag(diag(0), NONO_E024, 3, 11, 2);
	const struct nono_note *n = note_with(diag(0), "'&f'");

	cr_assert_not_null(n);
	assert_span_text(n->span, "&f");
}

Test(yaml_hostile, self_containing_sequence)
{
	parse("use: &u [std/base, *u]\n");
	cr_assert_eq(ndiags(), 1, "%s", render());
	check_diag(diag(0), NONO_E024, 1, 20, 2);
	cr_assert_str_eq(ast(0)->arg.s, "std/base");
}

Test(yaml_hostile, undefined_alias)
{
	parse("agent:\n  fs: {read: *paths}\n");
	check_diag(diag(0), NONO_E024, 2, 14, 6);
	cr_assert(strstr(diag(0)->msg, "'*paths'"), "%s", diag(0)->msg);
}

Test(yaml_hostile, errors_through_an_alias_name_the_alias)
{
	parse("agent:\n  fs: {read: &p [/a]}\ntools:\n  t:\n    sys: {deny: *p}\n");
	struct nonoc_diag *d = diag(0);

	check_diag(d, NONO_E026, 2, 18, 2);
	const struct nono_note *n = note_with(d, "alias '*p'");

	cr_assert_not_null(n, "%s", render());
	assert_span_text(n->span, "*p");
}

Test(yaml_hostile, deep_nesting_is_bounded)
{
	char text[256];
	size_t off = (size_t)sprintf(text, "agent: ");

	for (int i = 0; i < 60; i++)
		text[off++] = '[';
	for (int i = 0; i < 60; i++)
		text[off++] = ']';
	text[off++] = '\n';
	text[off] = '\0';
	parse(text);
	cr_assert_eq(ndiags(), 1, "%s", render());
	/* the top-level mapping is the first level */
	check_diag(diag(0), NONO_E006, 1, 7 + NONO_MAX_DEPTH, 1);
}

Test(yaml_hostile, long_values_are_bounded)
{
	size_t n = NONO_MAX_TOKEN + 10;
	char *text = malloc(n + 32);

	strcpy(text, "use: [\"");
	memset(text + 7, 'a', n);
	strcpy(text + 7 + n, "\"]\n");
	parse(text);
	free(text);
	check_diag(diag(0), NONO_E006, 1, 7, (unsigned)n + 2);
}

Test(yaml_hostile, many_aliases_within_the_bound_are_fine)
{
	char *text = malloc(1 << 20);
	size_t off = (size_t)sprintf(text, "agent:\n  fs:\n    read: &p [/a]\ntools:\n");

	for (int i = 0; i < 2000; i++)
		off += (size_t)sprintf(text + off, "  t%d: {fs: {read: *p}}\n", i);
	int src = parse(text);

	free(text);
	cr_assert_eq(ndiags(), 0, "%s", render());
	size_t tools = 0;

	for (struct nono_node *n = ast(src); n; n = n->next)
		tools += n->kind == NONO_N_TOOL;
	cr_assert_eq(tools, 2000);
}
