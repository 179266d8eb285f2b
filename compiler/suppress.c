/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Per-code suppression in the policy text:
 *
 *     fs read "/sys/class/net/x"   # nono: allow NONO-W012
 *     # nono: allow NONO-W012, NONO-W020      (applies to the next statement line)
 *     # nono: allow-file NONO-W021            (applies to the whole file)
 *
 * The comment syntax is the same in nono and YAML sources, so the table is
 * built by scanning the text (a '#' outside quotes), not by either front
 * end. Suppression is applied when a diagnostic is recorded (diag.c), so
 * suppressed records never exist, not even for the diagnostics callback.
 * Only warnings and information can be suppressed. A suppression that
 * matched nothing once every pass has run is itself a warning (NONO-W030).
 */
#include <ctype.h>
#include <string.h>

#include "context.h"

struct nono_suppression {
	struct nono_suppression *next;
	struct nono_span span;   /* the code's text in the comment */
	uint32_t line;           /* the line it applies to; 0 = the whole file */
	enum nono_code code;
	int used;
	int reported;
};

static int code_by_id(const char *s, size_t len, enum nono_code *out)
{
	for (int c = 0; c < NONO_CODE_COUNT; c++) {
		const char *id = nono_code_info((enum nono_code)c)->id;

		if (strlen(id) == len && !strncasecmp(id, s, len)) {
			*out = (enum nono_code)c;
			return 0;
		}
	}
	return -1;
}

/* Offset of a comment's '#' on the line [p, end), or -1. */
static long comment_start(const char *p, const char *end)
{
	char quote = 0;

	for (const char *q = p; q < end; q++) {
		if (quote) {
			if (*q == '\\' && quote == '"' && q + 1 < end)
				q++;
			else if (*q == quote)
				quote = 0;
		} else if (*q == '"' || *q == '\'') {
			quote = *q;
		} else if (*q == '#') {
			return q - p;
		}
	}
	return -1;
}

#define PENDING UINT32_MAX

static void scan(struct nonoc_ctx *ctx, int src, struct nono_source *s)
{
	const char *text = s->text, *end = s->text + s->len, *p = text;
	uint32_t line = 1;

	s->supp_scanned = 1;
	for (; p < end; line++) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));

		if (!eol)
			eol = end;
		long c = comment_start(p, eol);
		const char *q = p;

		while (q < eol && (*q == ' ' || *q == '\t' || *q == '\r'))
			q++;
		int comment_only = c >= 0 && q == p + c;

		/* A statement line takes the standalone suppressions above it;
		 * they are the most recent entries, so they sit at the head. */
		if (q != eol && !comment_only)
			for (struct nono_suppression *x = s->supp; x && x->line == PENDING; x = x->next)
				x->line = line;
		const char *h = c >= 0 ? p + c + 1 : eol;

		while (h < eol && isblank((unsigned char)*h))
			h++;
		int file = 0;

		if (eol - h >= 5 && !strncmp(h, "nono:", 5)) {
			h += 5;
			while (h < eol && isblank((unsigned char)*h))
				h++;
			if (eol - h >= 10 && !strncmp(h, "allow-file", 10))
				file = 1, h += 10;
			else if (eol - h >= 5 && !strncmp(h, "allow", 5))
				h += 5;
			else
				h = eol;
		} else {
			h = eol;
		}
		while (h < eol) {
			while (h < eol && (isblank((unsigned char)*h) || *h == ',' || *h == '\r'))
				h++;
			const char *w = h;

			while (h < eol && (isalnum((unsigned char)*h) || *h == '-'))
				h++;
			if (h == w)
				break;
			struct nono_span sp = { src, (uint32_t)(w - text), (uint32_t)(h - text) };
			enum nono_code code;

			if (code_by_id(w, (size_t)(h - w), &code) < 0) {
				struct nonoc_diag *d = nono_diag(ctx, NONO_W031, sp, "'%.*s' is not a nonoc diagnostic code",
								 (int)(h - w), w);
				nono_diag_hint(ctx, d, "codes look like NONO-W030; docs/diagnostics.md lists them");
				continue;
			}
			if (nono_code_info(code)->severity == NONOC_SEV_ERROR) {
				nono_diag(ctx, NONO_W031, sp, "%s is an error; errors cannot be suppressed",
					  nono_code_info(code)->id);
				continue;
			}
			struct nono_suppression *x = arena_alloc(&ctx->arena, sizeof(*x));

			if (!x)
				return;
			x->span = sp;
			x->code = code;
			x->line = file ? 0 : comment_only ? PENDING : line;
			x->next = s->supp;
			s->supp = x;
		}
		p = eol + 1;
	}
}

int nono_suppressed(struct nonoc_ctx *ctx, enum nono_code code, struct nono_span span)
{
	struct nono_source *s = nono_source_get(ctx, span.src);

	if (!s || nono_code_info(code)->severity == NONOC_SEV_ERROR || code == NONO_W031)
		return 0;
	if (!s->supp_scanned)
		scan(ctx, span.src, s);
	uint32_t line = nono_source_pos(ctx, span.src, span.start).line;

	for (struct nono_suppression *x = s->supp; x; x = x->next) {
		if (x->code == code && (x->line == 0 || x->line == line)) {
			x->used = 1;
			return 1;
		}
	}
	return 0;
}

void nono_report_unused_suppressions(struct nonoc_ctx *ctx, const int *files, size_t nfiles)
{
	for (size_t i = 0; i < nfiles; i++) {
		struct nono_source *s = nono_source_get(ctx, files[i]);

		if (!s)
			continue;
		if (!s->supp_scanned)
			scan(ctx, files[i], s);
		/* The list is newest first: report in source order. */
		struct nono_suppression *rev = NULL;

		for (struct nono_suppression *x = s->supp, *nx; x; x = nx) {
			nx = x->next;
			x->next = rev;
			rev = x;
		}
		s->supp = rev;
		for (struct nono_suppression *x = s->supp; x; x = x->next) {
			if (x->used || x->reported)
				continue;
			x->reported = 1;
			struct nonoc_diag *d = nono_diag(ctx, NONO_W030, x->span, "this suppression of %s matches no diagnostic",
							 nono_code_info(x->code)->id);
			nono_diag_hint(ctx, d, "remove it, so it cannot hide a future %s here", nono_code_info(x->code)->id);
		}
	}
}
