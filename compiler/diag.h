/* SPDX-License-Identifier: Apache-2.0 */
/* The diagnostics sink. One structured record per problem: severity, code,
 * primary span, message, notes (each optionally with its own span) and hints.
 * Every renderer (text, JSON, SARIF) reads these same records. */
#ifndef NONOC_DIAG_H
#define NONOC_DIAG_H

#include <stdarg.h>

#include "source.h"

/* The stable diagnostic codes. Each has an entry in docs/diagnostics.md. */
enum nono_code {
#define NONO_CODE(id, sev, name, summary, help) NONO_##id,
#include "codes.def"
#undef NONO_CODE
	NONO_CODE_COUNT
};

struct nono_code_info {
	const char *id;      /* "NONO-E001" */
	enum nonoc_severity severity;
	const char *name;    /* short kebab-case name, SARIF rule name */
	const char *summary; /* one line */
	const char *help;    /* a few sentences: why, and how to fix */
};
const struct nono_code_info *nono_code_info(enum nono_code code);

struct nono_note {
	struct nono_note *next;
	struct nono_span span;   /* src < 0: a note without a location */
	const char *msg;
};

struct nono_hint {
	struct nono_hint *next;
	const char *msg;
};

struct nonoc_diag {
	struct nonoc_diag *next;
	enum nonoc_severity severity;
	enum nono_code code;
	struct nono_span span;
	const char *msg;
	struct nono_note *notes, **notes_tail;
	struct nono_hint *hints, **hints_tail;
};

/* Record a diagnostic with the code's default severity. Returns the record
 * so notes and hints can be attached; never NULL (a static fallback record
 * is returned when memory is exhausted, so callers need not check). */
struct nonoc_diag *nono_diag(struct nonoc_ctx *ctx, enum nono_code code, struct nono_span span,
			     const char *fmt, ...) __attribute__((format(printf, 4, 5)));
struct nonoc_diag *nono_vdiag(struct nonoc_ctx *ctx, enum nono_code code, struct nono_span span,
			      const char *fmt, va_list ap);
void nono_diag_note(struct nonoc_ctx *ctx, struct nonoc_diag *d, struct nono_span span,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void nono_diag_hint(struct nonoc_ctx *ctx, struct nonoc_diag *d, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* suppress.c: is a diagnostic of @code at @span suppressed by a comment? */
int nono_suppressed(struct nonoc_ctx *ctx, enum nono_code code, struct nono_span span);
/* suppress.c: warn about suppressions in these sources that matched nothing. */
void nono_report_unused_suppressions(struct nonoc_ctx *ctx, const int *files, size_t nfiles);

/* Errors recorded for one source so far (front ends stop at NONO_MAX_ERRORS). */
size_t nono_diag_errors_in(struct nonoc_ctx *ctx, int src);

/* Renderers (render_text.c, render_json.c, render_sarif.c). */
void nono_render_text(struct nonoc_ctx *ctx, FILE *out, int color);
void nono_render_json(struct nonoc_ctx *ctx, FILE *out);
void nono_render_sarif(struct nonoc_ctx *ctx, FILE *out);

#endif
