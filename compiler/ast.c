/* SPDX-License-Identifier: Apache-2.0 */
#include <string.h>

#include "context.h"

static struct nono_node dummy_node;

struct nono_node *nono_node_new(struct nonoc_ctx *ctx, enum nono_node_kind kind, struct nono_span span)
{
	struct nono_node *n = arena_alloc(&ctx->arena, sizeof(*n));

	if (!n) {
		/* Memory exhaustion is reported once by the front end (it checks
		 * ctx->arena.exhausted); hand back a detached dummy meanwhile. */
		memset(&dummy_node, 0, sizeof(dummy_node));
		return &dummy_node;
	}
	n->kind = kind;
	n->span = span;
	n->kw = span;
	n->name.span = NONO_NO_SPAN;
	n->arg.span = NONO_NO_SPAN;
	n->arg2.span = NONO_NO_SPAN;
	return n;
}

struct nono_text nono_text_make(struct nonoc_ctx *ctx, const char *s, size_t len, struct nono_span span)
{
	struct nono_text t = { .s = arena_strndup(&ctx->arena, s, len), .len = len, .span = span };

	if (!t.s) {
		t.s = "";
		t.len = 0;
	}
	return t;
}

void nono_list_append(struct nono_list *l, struct nono_node *n)
{
	if (!n || n == &dummy_node)
		return;
	if (l->tail)
		l->tail->next = n;
	else
		l->head = n;
	while (n->next)
		n = n->next;
	l->tail = n;
}

static const char *const kind_names[NONO_N_KIND_COUNT] = {
	[NONO_N_POLICY] = "policy",   [NONO_N_USE] = "use",
	[NONO_N_MODE] = "mode",       [NONO_N_REQUIRE] = "require",
	[NONO_N_AGENT] = "agent",     [NONO_N_TOOL] = "tool",
	[NONO_N_QUOTA] = "quota",     [NONO_N_QUOTA_ITEM] = "quota-item",
	[NONO_N_EXEC] = "exec",       [NONO_N_MEASURE] = "measure",
	[NONO_N_FS] = "fs",           [NONO_N_NET_NONE] = "net none",
	[NONO_N_NET_CONNECT] = "net connect", [NONO_N_NET_BIND] = "net bind",
	[NONO_N_NET_UNIX] = "net unix", [NONO_N_PROC] = "proc",
	[NONO_N_SYS] = "sys",         [NONO_N_ENV_PASS] = "env pass",
	[NONO_N_ENV_SET] = "env set",
};

const char *nono_kind_name(enum nono_node_kind kind)
{
	return (unsigned)kind < NONO_N_KIND_COUNT ? kind_names[kind] : "?";
}

#define NAME_FN(fn, table, count)                                   \
	const char *fn(int v)                                       \
	{                                                           \
		return v >= 0 && v < (count) ? (table)[v] : "?";   \
	}

static const char *const mode_names[] = { "enforce", "audit" };
static const char *const layer_names[NONO_LAYER_COUNT] = { "bpf-lsm", "landlock", "seccomp", "cgroups" };
static const char *const proto_names[] = { "any", "tcp", "udp" };
static const char *const proc_names[] = { "signal children", "ptrace" };
static const char *const quota_names[NONO_Q_COUNT] = { "memory", "cpu", "pids", "io read", "io write",
							 "wall", "files" };
NAME_FN(nono_mode_name, mode_names, 2)
NAME_FN(nono_layer_name, layer_names, NONO_LAYER_COUNT)
NAME_FN(nono_proto_name, proto_names, 3)
NAME_FN(nono_proc_name, proc_names, 2)
NAME_FN(nono_quota_name, quota_names, NONO_Q_COUNT)

void nono_access_str(unsigned mask, char *buf, size_t size)
{
	static const char *const names[] = { "read", "write", "exec" };
	size_t off = 0;

	if (!size)
		return;
	buf[0] = '\0';
	if (mask == NONO_FS_ALL) {
		snprintf(buf, size, "all");
		return;
	}
	for (unsigned i = 0; i < 3; i++) {
		if (!(mask & (1u << i)))
			continue;
		int n = snprintf(buf + off, size - off, "%s%s", off ? "," : "", names[i]);

		if (n < 0 || (size_t)n >= size - off)
			return;
		off += (size_t)n;
	}
}

/* ---- dump ---- */

static void dump_quoted(FILE *out, const struct nono_text *t)
{
	fputc('"', out);
	for (size_t i = 0; i < t->len; i++) {
		unsigned char c = (unsigned char)t->s[i];

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", out);
		else if (c == '\t')
			fputs("\\t", out);
		else if (c < 0x20 || c == 0x7f)
			fprintf(out, "\\x%02x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

static void dump_name(FILE *out, const struct nono_text *t)
{
	int bare = t->len > 0;

	for (size_t i = 0; bare && i < t->len; i++) {
		char c = t->s[i];

		bare = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		       c == '_' || c == '-' || c == '.';
	}
	if (bare)
		fwrite(t->s, 1, t->len, out);
	else
		dump_quoted(out, t);
}

static void dump_span(struct nonoc_ctx *ctx, FILE *out, struct nono_span sp, int locations)
{
	if (!locations || sp.src < 0)
		return;
	struct nono_pos a = nono_source_pos(ctx, sp.src, sp.start);
	struct nono_pos b = nono_source_pos(ctx, sp.src, sp.end);

	fprintf(out, " @%u:%u-%u:%u", a.line, a.col, b.line, b.col);
}

/* The node's own line of the dump, without parentheses, location or
 * children: a canonical one-line text of a rule (`deny fs all "/etc/x"`),
 * the same whichever syntax it was written in. */
static void dump_head(const struct nono_node *n, FILE *out);

void nono_node_text(const struct nono_node *n, FILE *out)
{
	dump_head(n, out);
}

static void dump_node(struct nonoc_ctx *ctx, const struct nono_node *n, FILE *out, int locations, int indent)
{
	fprintf(out, "%*s(", indent * 2, "");
	dump_head(n, out);
	dump_span(ctx, out, n->span, locations);
	for (const struct nono_node *c = n->children; c; c = c->next) {
		fputc('\n', out);
		dump_node(ctx, c, out, locations, indent + 1);
	}
	fputc(')', out);
}

static void dump_head(const struct nono_node *n, FILE *out)
{
	char acc[32];

	if (n->flags & NONO_NODE_DENY)
		fputs("deny ", out);
	switch (n->kind) {
	case NONO_N_POLICY:
		fputs("policy ", out);
		dump_quoted(out, &n->name);
		if (n->arg.s) {
			fputs(" version ", out);
			dump_quoted(out, &n->arg);
		}
		break;
	case NONO_N_USE:
	case NONO_N_NET_UNIX:
		fprintf(out, "%s ", nono_kind_name(n->kind));
		dump_quoted(out, &n->arg);
		break;
	case NONO_N_MODE:
		fprintf(out, "mode %s", nono_mode_name(n->sub));
		break;
	case NONO_N_REQUIRE:
		fprintf(out, "require %s", nono_layer_name(n->sub));
		if (n->arg.s) {
			fputc(' ', out);
			dump_quoted(out, &n->arg);
		}
		break;
	case NONO_N_AGENT:
		fputs("agent", out);
		break;
	case NONO_N_TOOL:
		fputs("tool ", out);
		dump_name(out, &n->name);
		break;
	case NONO_N_QUOTA:
		fputs("quota", out);
		break;
	case NONO_N_QUOTA_ITEM:
		fprintf(out, "%s ", nono_quota_name(n->sub));
		dump_quoted(out, &n->arg);
		break;
	case NONO_N_EXEC:
		fputs("exec ", out);
		dump_quoted(out, &n->arg);
		if (n->arg2.s) {
			fputs(" sha256 ", out);
			dump_quoted(out, &n->arg2);
		}
		break;
	case NONO_N_MEASURE:
		fputs("measure ", out);
		dump_name(out, &n->name);
		fputc(' ', out);
		dump_quoted(out, &n->arg);
		break;
	case NONO_N_FS:
		nono_access_str((unsigned)n->sub, acc, sizeof(acc));
		fprintf(out, "fs %s ", acc);
		dump_quoted(out, &n->arg);
		break;
	case NONO_N_NET_NONE:
		fputs("net none", out);
		break;
	case NONO_N_NET_CONNECT:
	case NONO_N_NET_BIND:
		fprintf(out, "%s %s ", nono_kind_name(n->kind), nono_proto_name(n->sub));
		dump_quoted(out, &n->arg);
		break;
	case NONO_N_PROC:
		fprintf(out, "proc %s", nono_proc_name(n->sub));
		break;
	case NONO_N_SYS:
		fputs("sys ", out);
		dump_quoted(out, &n->arg);
		break;
	case NONO_N_ENV_PASS:
		fputs("env pass ", out);
		dump_name(out, &n->name);
		break;
	case NONO_N_ENV_SET:
		fputs("env set ", out);
		dump_name(out, &n->name);
		fputc(' ', out);
		dump_quoted(out, &n->arg);
		break;
	default:
		fputs("?", out);
		break;
	}
}

void nono_ast_dump(struct nonoc_ctx *ctx, const struct nono_node *first, FILE *out, int locations)
{
	for (const struct nono_node *n = first; n; n = n->next) {
		dump_node(ctx, n, out, locations, 0);
		fputc('\n', out);
	}
}
