/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The resolve pass: load everything a root policy `use`s, fix the merge
 * order, and bind names into struct nono_policy (policy.h).
 *
 * `use "std/NAME"` is looked up in the --stdlib-path directories, then in
 * the standard policies embedded in the library; any other `use` is a file
 * path, relative to the directory of the file that says it (for a standard
 * policy: another standard policy). Each file is loaded once per context,
 * however many times it is used (identified by its real path, or std:NAME).
 *
 * The walk is a depth-first search with three states per source (new, in
 * progress, done): meeting an in-progress source is a cycle, reported with
 * the whole chain of `use` statements as notes. Post-order gives the merge
 * order: a file's uses, in the order written, come before the file.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "context.h"
#include "stdpolicies.h"
#include "suggest.h"

#define NONO_MAX_USE_DEPTH 16

const char *nono_source_key(struct nonoc_ctx *ctx, int src)
{
	struct nono_source *s = nono_source_get(ctx, src);

	if (!s)
		return "";
	if (!s->key) {
		char buf[PATH_MAX];

		if (strcmp(s->name, "<stdin>") && realpath(s->name, buf))
			s->key = arena_strdup(&ctx->arena, buf);
		else
			s->key = arena_printf(&ctx->arena, "%s#%d", s->name, src);
	}
	return s->key ? s->key : "";
}

void nono_set_source_key(struct nonoc_ctx *ctx, int src, const char *key)
{
	struct nono_source *s = nono_source_get(ctx, src);

	if (s)
		s->key = arena_strdup(&ctx->arena, key);
}

int nono_find_source_by_key(struct nonoc_ctx *ctx, const char *key)
{
	for (size_t i = 0; i < ctx->nsources; i++)
		if (!strcmp(nono_source_key(ctx, (int)i), key))
			return (int)i;
	return -1;
}

int nonoc_add_search_path(nonoc_ctx *ctx, const char *dir)
{
	const char **v = arena_alloc(&ctx->arena, (ctx->nsearch + 1) * sizeof(*v));
	const char *copy = arena_strdup(&ctx->arena, dir);

	if (!v || !copy)
		return -1;
	if (ctx->nsearch)
		memcpy(v, ctx->search_paths, ctx->nsearch * sizeof(*v));
	v[ctx->nsearch++] = copy;
	ctx->search_paths = v;
	return 0;
}

struct resolver {
	struct nonoc_ctx *ctx;
	struct nono_policy *p;
	const struct nono_node *chain[NONO_MAX_USE_DEPTH + 2]; /* the `use` statements being followed */
	int chain_src[NONO_MAX_USE_DEPTH + 2];
	size_t depth;
	int *files;
	size_t nfiles, cap;
};

static int is_std(const struct nono_text *t)
{
	return t->len > 4 && !strncmp(t->s, "std/", 4);
}

/* Find or load a standard policy. Returns the source id or -1. */
static int load_std(struct nonoc_ctx *ctx, const char *name)
{
	char key[256];
	int src;

	snprintf(key, sizeof(key), "std:%s", name);
	if ((src = nono_find_source_by_key(ctx, key)) >= 0)
		return src;
	if (strchr(name, '/') || name[0] == '.' || !name[0])
		return -1;
	for (size_t i = 0; i < ctx->nsearch; i++) {
		static const char *const exts[] = { ".nono", ".yaml", ".yml" };

		for (size_t e = 0; e < 3; e++) {
			char path[PATH_MAX];

			snprintf(path, sizeof(path), "%s/%s%s", ctx->search_paths[i], name, exts[e]);
			if (access(path, R_OK) != 0)
				continue;
			src = nonoc_add_file(ctx, path);
			if (src >= 0)
				nono_set_source_key(ctx, src, key);
			return src;
		}
	}
	for (size_t i = 0; i < nono_stdlib_count; i++) {
		if (strcmp(nono_stdlib[i].name, name))
			continue;
		char display[256];

		snprintf(display, sizeof(display), "std/%s.nono", name);
		src = nonoc_add_source(ctx, display, nono_stdlib[i].text, nono_stdlib[i].len);
		if (src >= 0) {
			nono_set_source_key(ctx, src, key);
			nonoc_set_syntax(ctx, src, NONOC_SYNTAX_NONO);
		}
		return src;
	}
	return -1;
}

static void hint_std_names(struct nonoc_ctx *ctx, struct nonoc_diag *d, const char *name)
{
	const char *cands[64];
	size_t n = 0;
	char list[512] = "";
	size_t off = 0;

	for (size_t i = 0; i < nono_stdlib_count && n < 64; i++) {
		cands[n++] = nono_stdlib[i].name;
		int w = snprintf(list + off, sizeof(list) - off, "%s%s", off ? ", " : "", nono_stdlib[i].name);

		if (w > 0 && (size_t)w < sizeof(list) - off)
			off += (size_t)w;
	}
	const char *best = nono_suggest(name, strlen(name), cands, n);

	if (best)
		nono_diag_hint(ctx, d, "did you mean \"std/%s\"?", best);
	if (n)
		nono_diag_note(ctx, d, NONO_NO_SPAN, "the standard policies are: %s", list);
}

/* Drop "." components ("./a/./b" -> "a/b"), so names in diagnostics stay
 * readable along a chain of relative uses. ".." is kept: it means something. */
static void squeeze_dots(char *path)
{
	char *r = path, *w = path;

	while (*r) {
		if (r[0] == '.' && r[1] == '/' && (r == path || r[-1] == '/')) {
			r += 2;
			while (*r == '/')
				r++;
			continue;
		}
		*w++ = *r++;
	}
	*w = '\0';
	if (!path[0])
		strcpy(path, ".");
}

/* The source a `use` statement names, loaded (not yet parsed); -1 if none. */
static int load_use(struct resolver *r, int from, const struct nono_node *use)
{
	struct nonoc_ctx *ctx = r->ctx;
	const struct nono_source *fs = nono_source_get(ctx, from);
	const char *target = use->arg.s;
	int src;

	if (is_std(&use->arg)) {
		src = load_std(ctx, target + 4);
		if (src < 0) {
			struct nonoc_diag *d = nono_diag(ctx, NONO_E040, use->arg.span,
							 "no standard policy named \"%s\"", target);
			hint_std_names(ctx, d, target + 4);
		}
		return src;
	}
	/* Inside a standard policy, a relative use names another one. */
	if (fs->key && !strncmp(fs->key, "std:", 4) && target[0] != '/') {
		const char *t = target;

		while (!strncmp(t, "./", 2))
			t += 2;
		char name[256];

		snprintf(name, sizeof(name), "%s", t);
		char *dot = strrchr(name, '.');

		if (dot && (!strcmp(dot, ".nono") || !strcmp(dot, ".yaml")))
			*dot = '\0';
		src = load_std(ctx, name);
		if (src < 0)
			nono_diag(ctx, NONO_E040, use->arg.span, "no standard policy named \"%s\"", t);
		return src;
	}
	char path[PATH_MAX];

	if (target[0] == '/' || !strcmp(fs->name, "<stdin>")) {
		snprintf(path, sizeof(path), "%s", target);
	} else {
		const char *slash = strrchr(fs->name, '/');
		int dlen = slash ? (int)(slash - fs->name) : 0;

		if (slash)
			snprintf(path, sizeof(path), "%.*s/%s", dlen, fs->name, target);
		else
			snprintf(path, sizeof(path), "%s", target);
	}
	squeeze_dots(path);
	char real[PATH_MAX];

	if (!realpath(path, real)) {
		struct nonoc_diag *d = nono_diag(ctx, NONO_E040, use->arg.span, "cannot use \"%s\": %s",
						 target, strerror(errno));
		if (strcmp(path, target))
			nono_diag_note(ctx, d, NONO_NO_SPAN, "looked for it at %s (relative to %s)", path, fs->name);
		if (strncmp(target, "./", 2) && strncmp(target, "../", 3) && target[0] != '/')
			nono_diag_hint(ctx, d, "standard policies are written \"std/NAME\"");
		return -1;
	}
	if ((src = nono_find_source_by_key(ctx, real)) >= 0)
		return src;
	src = nonoc_add_file(ctx, path);
	if (src >= 0)
		nono_set_source_key(ctx, src, real);
	return src;
}

static void report_cycle(struct resolver *r, int src, const struct nono_node *use)
{
	struct nonoc_ctx *ctx = r->ctx;
	struct nonoc_diag *d = nono_diag(ctx, NONO_E041, use->arg.span, "use cycle: \"%s\" leads back to this file",
					 use->arg.s);
	size_t start = 0;

	for (size_t i = 0; i < r->depth; i++)
		if (r->chain_src[i] == src)
			start = i;
	/* chain[i] is the use statement that entered chain_src[i]. */
	for (size_t i = start + 1; i < r->depth; i++)
		nono_diag_note(ctx, d, r->chain[i]->arg.span, "which uses \"%s\"", r->chain[i]->arg.s);
	nono_diag_note(ctx, d, use->arg.span, "which uses \"%s\" again", use->arg.s);
	nono_diag_hint(ctx, d, "move the rules both files need into a third file that both use");
}

static void visit(struct resolver *r, int src, const struct nono_node *via)
{
	struct nonoc_ctx *ctx = r->ctx;
	struct nono_source *s = nono_source_get(ctx, src);

	if (s->visit == 2)
		return;
	if (s->visit == 1) {
		report_cycle(r, src, via);
		return;
	}
	if (r->depth > NONO_MAX_USE_DEPTH) {
		struct nonoc_diag *d = nono_diag(ctx, NONO_E042, via->arg.span,
						 "`use` nested more than %d levels deep", NONO_MAX_USE_DEPTH);
		for (size_t i = 1; i < r->depth && i < 4; i++)
			nono_diag_note(ctx, d, r->chain[i]->arg.span, "used from here");
		return;
	}
	if (nonoc_parse(ctx, src) < 0) {
		s->visit = 2;
		return;
	}
	s->visit = 1;
	r->chain[r->depth] = via;
	r->chain_src[r->depth] = src;
	r->depth++;
	for (const struct nono_node *n = s->ast; n; n = n->next) {
		if (n->kind != NONO_N_USE)
			continue;
		int child = load_use(r, src, n);

		if (child >= 0) {
			nono_vec_push(ctx, &r->p->uses, n);
			visit(r, child, n);
		}
	}
	r->depth--;
	s->visit = 2;
	if (r->nfiles == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 8;
		int *f = arena_alloc(&ctx->arena, cap * sizeof(*f));

		if (!f)
			return;
		if (r->nfiles)
			memcpy(f, r->files, r->nfiles * sizeof(*f));
		r->files = f;
		r->cap = cap;
	}
	r->files[r->nfiles++] = src;
}

static struct nono_domain *add_domain(struct nonoc_ctx *ctx, struct nono_policy *p, size_t *cap)
{
	if (p->ndomains == *cap) {
		size_t ncap = *cap ? *cap * 2 : 8;
		struct nono_domain *d = arena_alloc(&ctx->arena, ncap * sizeof(*d));

		if (!d)
			return NULL;
		if (p->ndomains)
			memcpy(d, p->domains, p->ndomains * sizeof(*d));
		p->domains = d;
		*cap = ncap;
	}
	struct nono_domain *d = &p->domains[p->ndomains++];

	memset(d, 0, sizeof(*d));
	return d;
}

static void bind_body(struct nonoc_ctx *ctx, struct nono_domain *d, const struct nono_node *block)
{
	for (const struct nono_node *n = block->children; n; n = n->next) {
		switch (n->kind) {
		case NONO_N_EXEC:
			if (d->exec) {
				struct nonoc_diag *g = d->is_agent
					? nono_diag(ctx, NONO_E045, n->span, "the agent has a second `exec`")
					: nono_diag(ctx, NONO_E045, n->span, "tool '%s' has a second `exec`", d->name);
				nono_diag_note(ctx, g, d->exec->span, "its first `exec` is here");
			} else {
				d->exec = n;
			}
			break;
		case NONO_N_MEASURE:
			nono_vec_push(ctx, &d->measures, n);
			break;
		case NONO_N_QUOTA:
			for (const struct nono_node *q = n->children; q; q = q->next)
				nono_vec_push(ctx, &d->quotas, q);
			break;
		default:
			nono_vec_push(ctx, &d->rules, n);
			break;
		}
	}
}

int nono_pass_resolve(struct nonoc_ctx *ctx, struct nono_policy *p)
{
	struct resolver r = { .ctx = ctx, .p = p };
	size_t before = ctx->nerrors, dcap = 0;

	/* Sources are marked per walk: reset marks left by other roots. */
	for (size_t i = 0; i < ctx->nsources; i++)
		ctx->sources[i].visit = 0;
	nono_source_key(ctx, p->root);
	visit(&r, p->root, NULL);
	p->files = r.files;
	p->nfiles = r.nfiles;

	struct nono_domain *agent = add_domain(ctx, p, &dcap);

	if (!agent)
		return -1;
	agent->name = "agent";
	agent->is_agent = 1;

	for (size_t f = 0; f < p->nfiles; f++) {
		int src = p->files[f];

		for (const struct nono_node *n = nono_source_get(ctx, src)->ast; n; n = n->next) {
			switch (n->kind) {
			case NONO_N_POLICY:
				if (src != p->root)
					break; /* a used file's own header names that file only */
				if (p->header) {
					struct nonoc_diag *d = nono_diag(ctx, NONO_E047, n->span,
									 "a second `policy` header");
					nono_diag_note(ctx, d, p->header->span, "the first one is here");
				} else {
					p->header = n;
				}
				break;
			case NONO_N_USE:
				break;
			case NONO_N_MODE:
				if (!p->mode || src == p->root)
					p->mode = n;
				break;
			case NONO_N_REQUIRE:
				nono_vec_push(ctx, &p->requires, n);
				break;
			case NONO_N_AGENT:
				if (agent->decl) {
					struct nonoc_diag *d = nono_diag(ctx, NONO_E044, n->kw, "a second `agent` block");
					nono_diag_note(ctx, d, agent->decl->kw, "the first one is here");
					nono_diag_hint(ctx, d, "merge the two blocks into one");
					break;
				}
				agent->decl = n;
				bind_body(ctx, agent, n);
				break;
			case NONO_N_TOOL: {
				struct nono_domain *prev = NULL;

				for (size_t i = 1; i < p->ndomains; i++)
					if (!strcmp(p->domains[i].name, n->name.s))
						prev = &p->domains[i];
				if (prev) {
					struct nonoc_diag *d = nono_diag(ctx, NONO_E043, n->name.span,
									 "a second tool named '%s'", n->name.s);
					nono_diag_note(ctx, d, prev->decl->name.span, "the first one is here");
					break;
				}
				struct nono_domain *d = add_domain(ctx, p, &dcap);

				if (!d)
					return -1;
				agent = &p->domains[0]; /* add_domain may have moved the array */
				d->name = n->name.s;
				d->decl = n;
				bind_body(ctx, d, n);
				if (!d->exec) {
					struct nonoc_diag *g = nono_diag(ctx, NONO_E048, n->name.span,
									 "tool '%s' has no `exec`", n->name.s);
					nono_diag_hint(ctx, g, "add `exec \"/path/to/%s\"` to its block", n->name.s);
				}
				break;
			}
			case NONO_N_QUOTA:
				for (const struct nono_node *q = n->children; q; q = q->next)
					nono_vec_push(ctx, &p->quotas, q);
				break;
			default:
				nono_vec_push(ctx, &p->globals, n);
				break;
			}
		}
	}
	if (!p->header && ctx->nerrors == before) {
		struct nono_source *s = nono_source_get(ctx, p->root);
		struct nonoc_diag *d = nono_diag(ctx, NONO_E046, (struct nono_span){ p->root, 0, 0 },
						 "%s has no `policy` header", s->name);
		nono_diag_hint(ctx, d, "start the file with: policy \"NAME\" version 1");
	}
	return ctx->nerrors == before ? 0 : -1;
}
