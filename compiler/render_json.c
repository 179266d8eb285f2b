/* SPDX-License-Identifier: Apache-2.0 */
/* The JSON renderer: nonoc's own machine-readable format, one document per
 * run, on one line. docs/diagnostics-json.md describes it and
 * tests/schemas/nonoc-diagnostics.schema.json is its schema:
 *
 *   {"version":1,"tool":"nonoc","tool_version":"0.1.0",
 *    "diagnostics":[{"severity":"error","code":"NONO-E001","name":"syntax-error",
 *                    "message":"…","location":{…}|null,
 *                    "notes":[{"message":"…","location":{…}|null}],"hints":["…"]}],
 *    "summary":{"errors":1,"warnings":0}}
 *
 * Lines and columns are 1-based and columns count bytes, as in the text
 * renderer, so "file:line:column" is the same in both; end_line/end_column
 * is the position just past the last byte (an empty span has end == start).
 * offset/length are the byte span itself. */
#include <stdio.h>

#include "context.h"
#include "json.h"

static const char *sev_name(enum nonoc_severity s)
{
	return s == NONOC_SEV_ERROR ? "error" : s == NONOC_SEV_WARNING ? "warning" : "info";
}

static void write_location(struct json_writer *w, struct nonoc_ctx *ctx, struct nono_span sp)
{
	struct nono_source *s = nono_source_get(ctx, sp.src);

	if (!s) {
		json_null(w);
		return;
	}
	/* Defensive: keep the span inside the source. */
	uint32_t start = sp.start <= s->len ? sp.start : (uint32_t)s->len;
	uint32_t end = sp.end < start ? start : sp.end <= s->len ? sp.end : (uint32_t)s->len;
	struct nono_pos p = nono_source_pos(ctx, sp.src, start);
	struct nono_pos e = p;

	if (end > start) {
		/* The position of the last byte, then one column past it. */
		e = nono_source_pos(ctx, sp.src, end - 1);
		e.col++;
	}
	json_object_begin(w);
	json_key_string(w, "file", s->name);
	json_key_uint(w, "line", p.line);
	json_key_uint(w, "column", p.col);
	json_key_uint(w, "end_line", e.line);
	json_key_uint(w, "end_column", e.col);
	json_key_uint(w, "offset", start);
	json_key_uint(w, "length", end - start);
	json_object_end(w);
}

void nono_render_json(struct nonoc_ctx *ctx, FILE *out)
{
	struct json_writer w;

	json_init(&w, out, 0);
	json_object_begin(&w);
	json_key_uint(&w, "version", 1);
	json_key_string(&w, "tool", "nonoc");
	json_key_string(&w, "tool_version", nonoc_version());
	json_key(&w, "diagnostics");
	json_array_begin(&w);
	for (struct nonoc_diag *d = ctx->diags; d; d = d->next) {
		const struct nono_code_info *ci = nono_code_info(d->code);

		json_object_begin(&w);
		json_key_string(&w, "severity", sev_name(d->severity));
		json_key_string(&w, "code", ci->id);
		json_key_string(&w, "name", ci->name);
		json_key_string(&w, "message", d->msg ? d->msg : "");
		json_key(&w, "location");
		write_location(&w, ctx, d->span);
		json_key(&w, "notes");
		json_array_begin(&w);
		for (struct nono_note *n = d->notes; n; n = n->next) {
			json_object_begin(&w);
			json_key_string(&w, "message", n->msg ? n->msg : "");
			json_key(&w, "location");
			write_location(&w, ctx, n->span);
			json_object_end(&w);
		}
		json_array_end(&w);
		json_key(&w, "hints");
		json_array_begin(&w);
		for (struct nono_hint *h = d->hints; h; h = h->next)
			json_string(&w, h->msg ? h->msg : "");
		json_array_end(&w);
		json_object_end(&w);
	}
	json_array_end(&w);
	/* The context's counts, which decide the exit status; they can exceed
	 * the records above only if memory ran out while recording one. */
	json_key(&w, "summary");
	json_object_begin(&w);
	json_key_uint(&w, "errors", nonoc_error_count(ctx));
	json_key_uint(&w, "warnings", nonoc_warning_count(ctx));
	json_object_end(&w);
	json_object_end(&w);
	json_finish(&w);
}
