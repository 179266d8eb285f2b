/* SPDX-License-Identifier: Apache-2.0 */
/* The human renderer:
 *
 *   policy.nono:12:5: error: unexpected identifier 'fss'; expected … [NONO-E001]
 *      12 |     fss read "/x"
 *         |     ^~~
 *   policy.nono:3:1: note: …            (a note with a location, and its line)
 *   note: …                             (a note without one)
 *   hint: did you mean 'fs'?
 *
 * Columns are 1-based byte offsets. The caret and underline are placed by
 * characters (a multi-byte UTF-8 character takes one column, not one per
 * byte), and tabs in the source line are kept in the underline's
 * indentation so the caret lines up in any tab width. Colour
 * only when asked (the driver asks when the stream is a terminal and
 * NO_COLOR is unset). */
#include <stdio.h>
#include <string.h>

#include "context.h"

#define C_BOLD "\033[1m"
#define C_RED "\033[1;31m"
#define C_MAGENTA "\033[1;35m"
#define C_CYAN "\033[1;36m"
#define C_GREEN "\033[1;32m"
#define C_RESET "\033[0m"

static const char *sev_name(enum nonoc_severity s)
{
	return s == NONOC_SEV_ERROR ? "error" : s == NONOC_SEV_WARNING ? "warning" : "info";
}

static const char *sev_color(enum nonoc_severity s)
{
	return s == NONOC_SEV_ERROR ? C_RED : s == NONOC_SEV_WARNING ? C_MAGENTA : C_CYAN;
}

/* Is @p[0..len) a C1 control character (U+0080-U+009F, C2 80-9F)? */
static int is_c1(const unsigned char *p, size_t len)
{
	return len >= 2 && p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f;
}

/* Text that can come from a policy or the command line (messages quote
 * strings and names; file names): control characters other than tab become
 * '?' so they cannot drive the terminal or break the one-line layout. */
static void put_text(FILE *out, const char *text)
{
	const unsigned char *p = (const unsigned char *)(text ? text : "");
	size_t len = strlen((const char *)p);

	for (size_t i = 0; i < len; i++) {
		if (is_c1(p + i, len - i)) {
			fputc('?', out);
			i++;
		} else {
			fputc((p[i] < 0x20 && p[i] != '\t') || p[i] == 0x7f ? '?' : p[i], out);
		}
	}
}

static void print_loc(struct nonoc_ctx *ctx, FILE *out, struct nono_span sp, int color)
{
	struct nono_source *s = nono_source_get(ctx, sp.src);

	if (!s)
		return;
	struct nono_pos p = nono_source_pos(ctx, sp.src, sp.start);

	fputs(color ? C_BOLD : "", out);
	put_text(out, s->name);
	fprintf(out, ":%u:%u:%s ", p.line, p.col, color ? C_RESET : "");
}

/* The source line and an underline covering the span (clipped to the line). */
#define SNIPPET_MAX 160 /* bytes of a source line shown around the caret */

static void print_snippet(struct nonoc_ctx *ctx, FILE *out, struct nono_span sp, int color, const char *ucolor)
{
	struct nono_source *s = nono_source_get(ctx, sp.src);

	if (!s)
		return;
	struct nono_pos p = nono_source_pos(ctx, sp.src, sp.start);
	size_t len;
	const char *line = nono_source_line(ctx, sp.src, p.line, &len);
	char num[16];
	int w = snprintf(num, sizeof(num), "%u", p.line);

	if (w < 4)
		w = 4;
	size_t col = p.col - 1;
	size_t span_len = sp.end > sp.start ? sp.end - sp.start : 1;

	if (col > len)
		col = len;
	/* A very long line (minified, hostile) is shown as a window around the
	 * caret, so one diagnostic prints a bounded amount of text. */
	size_t ws = 0, we = len;

	if (len > SNIPPET_MAX) {
		ws = col > SNIPPET_MAX / 3 ? col - SNIPPET_MAX / 3 : 0;
		while (ws > 0 && ((unsigned char)line[ws] & 0xc0) == 0x80)
			ws--;
		we = ws + SNIPPET_MAX < len ? ws + SNIPPET_MAX : len;
		while (we < len && ((unsigned char)line[we] & 0xc0) == 0x80)
			we++;
	}
	fprintf(out, "%*u | %s", w, p.line, ws ? "..." : "");
	for (size_t i = ws; i < we; i++) {
		unsigned char c = (unsigned char)line[i];

		/* Control characters would corrupt a terminal; show them as '?'.
		 * That includes DEL and the C1 controls U+0080-U+009F, which
		 * some terminals obey (U+009B is a CSI). One '?' per character
		 * keeps the caret below in place. */
		if (is_c1((const unsigned char *)line + i, we - i)) {
			fputc('?', out);
			i++;
			continue;
		}
		fputc((c < 0x20 && c != '\t') || c == 0x7f ? '?' : c, out);
	}
	fputs(we < len ? "...\n" : "\n", out);
	fprintf(out, "%*s | %s", w, "", ws ? "   " : "");
	if (col + span_len > we)
		span_len = we > col ? we - col : 1;
	/* One column per character before the caret, not per UTF-8 byte (a
	 * continuation byte adds none); tabs stay tabs. */
	for (size_t i = ws; i < col; i++) {
		if (((unsigned char)line[i] & 0xc0) != 0x80)
			fputc(line[i] == '\t' ? '\t' : ' ', out);
	}
	fputs(color ? ucolor : "", out);
	fputc('^', out);
	for (size_t i = 1; i < span_len; i++) {
		/* One underline mark per character, not per UTF-8 byte. */
		if (((unsigned char)line[col + i] & 0xc0) != 0x80)
			fputc('~', out);
	}
	fputs(color ? C_RESET : "", out);
	fputc('\n', out);
}

void nono_render_text(struct nonoc_ctx *ctx, FILE *out, int color)
{
	for (struct nonoc_diag *d = ctx->diags; d; d = d->next) {
		const struct nono_code_info *ci = nono_code_info(d->code);

		print_loc(ctx, out, d->span, color);
		fprintf(out, "%s%s:%s %s", color ? sev_color(d->severity) : "", sev_name(d->severity),
			color ? C_RESET : "", color ? C_BOLD : "");
		put_text(out, d->msg);
		fprintf(out, "%s [%s]\n", color ? C_RESET : "", ci->id);
		if (d->span.src >= 0)
			print_snippet(ctx, out, d->span, color, sev_color(d->severity));
		for (struct nono_note *n = d->notes; n; n = n->next) {
			print_loc(ctx, out, n->span, color);
			fprintf(out, "%snote:%s ", color ? C_CYAN : "", color ? C_RESET : "");
			put_text(out, n->msg);
			fputc('\n', out);
			if (n->span.src >= 0)
				print_snippet(ctx, out, n->span, color, C_CYAN);
		}
		for (struct nono_hint *h = d->hints; h; h = h->next) {
			fprintf(out, "%shint:%s ", color ? C_GREEN : "", color ? C_RESET : "");
			put_text(out, h->msg);
			fputc('\n', out);
		}
	}
}
