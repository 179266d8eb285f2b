/* SPDX-License-Identifier: Apache-2.0 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "context.h"

static const struct nono_code_info code_table[NONO_CODE_COUNT] = {
#define NONO_CODE(id_, sev, name_, summary_, help_) \
	[NONO_##id_] = { .id = "NONO-" #id_, .severity = sev, .name = name_, .summary = summary_, .help = help_ },
#include "codes.def"
#undef NONO_CODE
};

const struct nono_code_info *nono_code_info(enum nono_code code)
{
	if ((unsigned)code >= NONO_CODE_COUNT)
		return &code_table[NONO_E001];
	return &code_table[code];
}

/* Returned when the arena is exhausted so callers never see NULL. Its
 * contents are not kept; the context is flagged as exhausted. */
static struct nonoc_diag fallback_diag;
static struct nonoc_diag discard_diag;

static void deliver_pending(struct nonoc_ctx *ctx)
{
	if (ctx->pending && ctx->diag_fn)
		ctx->diag_fn(ctx->pending, ctx->diag_user);
	ctx->pending = NULL;
}

struct nonoc_diag *nono_vdiag(struct nonoc_ctx *ctx, enum nono_code code, struct nono_span span,
			      const char *fmt, va_list ap)
{
	struct nonoc_diag *d = arena_alloc(&ctx->arena, sizeof(*d));
	char buf[1024];

	deliver_pending(ctx);
	if (nono_suppressed(ctx, code, span) || nono_code_info(code)->severity < ctx->min_severity) {
		/* Not recorded at all: hand back a scratch record so callers can
		 * still attach notes and hints, which are then ignored. */
		memset(&discard_diag, 0, sizeof(discard_diag));
		discard_diag.notes_tail = &discard_diag.notes;
		discard_diag.hints_tail = &discard_diag.hints;
		return &discard_diag;
	}
	if (!d) {
		memset(&fallback_diag, 0, sizeof(fallback_diag));
		fallback_diag.notes_tail = &fallback_diag.notes;
		fallback_diag.hints_tail = &fallback_diag.hints;
		ctx->nerrors++;
		return &fallback_diag;
	}
	vsnprintf(buf, sizeof(buf), fmt, ap);
	d->severity = nono_code_info(code)->severity;
	d->code = code;
	d->span = span;
	d->msg = arena_strdup(&ctx->arena, buf);
	if (!d->msg)
		d->msg = "";
	d->notes_tail = &d->notes;
	d->hints_tail = &d->hints;
	*ctx->diags_tail = d;
	ctx->diags_tail = &d->next;
	if (d->severity == NONOC_SEV_ERROR)
		ctx->nerrors++;
	else if (d->severity == NONOC_SEV_WARNING)
		ctx->nwarnings++;
	ctx->pending = d;
	return d;
}

struct nonoc_diag *nono_diag(struct nonoc_ctx *ctx, enum nono_code code, struct nono_span span,
			     const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	struct nonoc_diag *d = nono_vdiag(ctx, code, span, fmt, ap);

	va_end(ap);
	return d;
}

void nono_diag_note(struct nonoc_ctx *ctx, struct nonoc_diag *d, struct nono_span span, const char *fmt, ...)
{
	struct nono_note *n;
	char buf[1024];
	va_list ap;

	if (d == &fallback_diag || d == &discard_diag || !(n = arena_alloc(&ctx->arena, sizeof(*n))))
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	n->span = span;
	n->msg = arena_strdup(&ctx->arena, buf);
	if (!n->msg)
		return;
	*d->notes_tail = n;
	d->notes_tail = &n->next;
}

void nono_diag_hint(struct nonoc_ctx *ctx, struct nonoc_diag *d, const char *fmt, ...)
{
	struct nono_hint *h;
	char buf[1024];
	va_list ap;

	if (d == &fallback_diag || d == &discard_diag || !(h = arena_alloc(&ctx->arena, sizeof(*h))))
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	h->msg = arena_strdup(&ctx->arena, buf);
	if (!h->msg)
		return;
	*d->hints_tail = h;
	d->hints_tail = &h->next;
}

size_t nono_diag_errors_in(struct nonoc_ctx *ctx, int src)
{
	size_t n = 0;

	for (struct nonoc_diag *d = ctx->diags; d; d = d->next)
		n += d->severity == NONOC_SEV_ERROR && d->span.src == src;
	return n;
}

void nonoc_set_min_severity(nonoc_ctx *ctx, enum nonoc_severity sev)
{
	ctx->min_severity = sev;
}

enum nonoc_severity nonoc_diag_severity(const nonoc_diag *d) { return d->severity; }
const char *nonoc_diag_code(const nonoc_diag *d) { return nono_code_info(d->code)->id; }
const char *nonoc_diag_message(const nonoc_diag *d) { return d->msg; }

void nonoc_render_diagnostics(nonoc_ctx *ctx, FILE *out, enum nonoc_format fmt, int color)
{
	deliver_pending(ctx);
	switch (fmt) {
	case NONOC_FMT_JSON:
		nono_render_json(ctx, out);
		break;
	case NONOC_FMT_SARIF:
		nono_render_sarif(ctx, out);
		break;
	case NONOC_FMT_TEXT:
	default:
		nono_render_text(ctx, out, color);
		break;
	}
}
