/* SPDX-License-Identifier: Apache-2.0 */
/* The nono-syntax front end: runs the flex scanner and bison parser over a
 * source and hands the AST to the context. Also the node builders that the
 * grammar's actions call (grammar/parse.h). */
#include <stdarg.h>
#include <stdio.h>

#include "context.h"
#include "parse.h"
#include "parser.h"

struct nono_span nono_parser_span(const struct nono_parser *P, struct nono_loc loc)
{
	return (struct nono_span){ P->src, loc.start, loc.end };
}

struct nonoc_diag *nono_parser_error(struct nono_parser *P, int code, struct nono_loc loc, const char *fmt, ...)
{
	struct nonoc_diag *d;
	va_list ap;

	if (P->stopped)
		return NULL;
	P->last_err_off = loc.start + 1;
	va_start(ap, fmt);
	d = nono_vdiag(P->ctx, (enum nono_code)code, nono_parser_span(P, loc), fmt, ap);
	va_end(ap);
	if (++P->nerrors >= NONO_MAX_ERRORS) {
		nono_diag_note(P->ctx, d, NONO_NO_SPAN, "too many errors (%u); stopping here", NONO_MAX_ERRORS);
		P->stopped = 1;
	}
	return d;
}

struct nono_node *nono_mk(struct nono_parser *P, enum nono_node_kind kind, struct nono_loc stmt, struct nono_loc kw)
{
	struct nono_node *n = nono_node_new(P->ctx, kind, nono_parser_span(P, stmt));

	n->kw = nono_parser_span(P, kw);
	if (++P->nrules > NONO_MAX_RULES && !P->stopped) {
		nono_parser_error(P, NONO_E006, stmt, "more than %u rules in one source", NONO_MAX_RULES);
		P->stopped = 1;
	}
	return n;
}

struct nono_text nono_txt(struct nono_parser *P, struct nono_tok t, struct nono_loc loc)
{
	/* Token text already lives in the arena (or is a static keyword). */
	return (struct nono_text){ .s = t.s ? t.s : "", .len = t.len, .span = nono_parser_span(P, loc) };
}

struct nono_node *nono_each(struct nono_node *list, unsigned flags, int sub, struct nono_span kw)
{
	for (struct nono_node *n = list; n; n = n->next) {
		n->flags |= flags;
		if (sub >= 0)
			n->sub = sub;
		else if (n->sub < 0)
			n->sub = 0; /* no protocol written: any */
		/* The statement's span runs from its first keyword to the item;
		 * its keyword is the outermost one (`deny` in `deny fs …`). */
		n->span = nono_span_join(kw, n->span);
		n->kw = kw;
	}
	return list;
}

int nono_parse_nono(struct nonoc_ctx *ctx, int src)
{
	struct nono_source *s = nono_source_get(ctx, src);
	struct nono_parser P = { .ctx = ctx, .src = src };

	if (nono_scan_init(&P, s->text, s->len) < 0) {
		nono_diag(ctx, NONO_E006, NONO_NO_SPAN, "%s: out of memory starting the scanner", s->name);
		return -1;
	}
	nono_parse(&P);
	nono_scan_done(&P);
	if (ctx->arena.exhausted && !P.stopped)
		nono_diag(ctx, NONO_E006, (struct nono_span){ src, 0, 0 },
			  "out of memory: the policy needs more than %u bytes", NONO_MAX_ARENA);
	s->ast = P.top.head;
	return P.nerrors ? -1 : 0;
}
