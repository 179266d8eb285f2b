/* SPDX-License-Identifier: Apache-2.0 */
/* The SARIF 2.1.0 renderer: one run of tool "nonoc", for GitHub code
 * scanning and other SARIF consumers. docs/diagnostics-json.md explains the
 * choices; in short:
 *
 *  - tool.driver.rules describes every code in codes.def, in table order, so
 *    a result's ruleIndex is its code's position and every ruleId used is
 *    described (GitHub requires that); the rule metadata is the same in
 *    every log, whatever was found.
 *  - columns are UTF-16 code units (run.columnKind "utf16CodeUnits", SARIF's
 *    default, so consumers that ignore columnKind still agree); our spans
 *    are bytes and are converted here. byteOffset/byteLength keep the exact
 *    byte span.
 *  - result.message.text is the message, then one line per note ("note: …",
 *    a note with a location is an embedded link "[…](id)" to its
 *    relatedLocations entry, which is how GitHub shows related locations)
 *    and per hint ("hint: …"): GitHub shows message.text and nothing from
 *    property bags. Braces are doubled as SARIF §3.11.5 requires.
 *  - artifacts lists each distinct source file name once; an artifact's uri
 *    is the name as given, percent-encoded, without "./" segments (absolute
 *    paths become file:// URIs); "<stdin>" becomes "%3Cstdin%3E".
 *  - a diagnostic without a span (an unreadable file) is a result without
 *    locations. */
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "json.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"

static const char *level_name(enum nonoc_severity s)
{
	return s == NONOC_SEV_ERROR ? "error" : s == NONOC_SEV_WARNING ? "warning" : "note";
}

/* ---- text transforms ------------------------------------------------------ */

/* Write @s into the open JSON string, doubling '{' and '}' (SARIF message
 * placeholders) and, inside an embedded link's text, escaping '[', ']' and
 * '\' with a backslash (§3.11.6). */
static void message_part(struct json_writer *w, const char *s, int link_text)
{
	const char *run;

	if (!s)
		s = "";
	for (run = s; *s; s++) {
		const char *esc = NULL;

		if (*s == '{')
			esc = "{{";
		else if (*s == '}')
			esc = "}}";
		else if (link_text && (*s == '[' || *s == ']' || *s == '\\'))
			esc = *s == '[' ? "\\[" : *s == ']' ? "\\]" : "\\\\";
		if (esc) {
			json_string_part(w, run, (size_t)(s - run));
			json_string_part(w, esc, strlen(esc));
			run = s + 1;
		}
	}
	json_string_part(w, run, (size_t)(s - run));
}

static void key_message(struct json_writer *w, const char *key, const char *msg)
{
	json_key(w, key);
	json_object_begin(w);
	json_key(w, "text");
	json_string_begin(w);
	message_part(w, msg && *msg ? msg : "(no message)", 0);
	json_string_end(w);
	json_object_end(w);
}

/* A multiformatMessageString (rule descriptions: no placeholders there). */
static void key_text(struct json_writer *w, const char *key, const char *text)
{
	json_key(w, key);
	json_object_begin(w);
	json_key_string(w, "text", text && *text ? text : "-");
	json_object_end(w);
}

/* A file name as a URI reference: unreserved characters and '/' as they are,
 * every other byte percent-encoded (so ':' in a first segment cannot read as
 * a scheme, and spaces, '%', '#', '?', non-ASCII are all escaped). "./"
 * segments are dropped ("./a/./b" is "a/b": GitHub matches URIs to
 * repository paths as written); ".." is kept, it depends on symlinks. */
static void write_uri(struct json_writer *w, const char *name)
{
	static const char hex[] = "0123456789ABCDEF";

	json_string_begin(w);
	if (name[0] == '/')
		json_string_part(w, "file://", 7);
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		unsigned char c = *p;

		if (c == '.' && p[1] == '/' && (p == (const unsigned char *)name || p[-1] == '/')) {
			p++;
			continue;
		}

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
		    c == '.' || c == '_' || c == '~' || c == '/') {
			json_string_part(w, (const char *)p, 1);
		} else {
			char esc[3] = { '%', hex[c >> 4], hex[c & 15] };

			json_string_part(w, esc, 3);
		}
	}
	json_string_end(w);
}

/* ---- artifacts ---------------------------------------------------------- */

/* Sources with the same name (a file given twice) share one artifact: SARIF
 * wants run.artifacts to hold distinct objects. */
struct artifacts {
	struct nonoc_ctx *ctx;
	int *index;  /* source id -> artifact index, or NULL when out of memory */
};

static int first_with_name(struct nonoc_ctx *ctx, int src)
{
	for (int j = 0; j < src; j++)
		if (strcmp(ctx->sources[j].name, ctx->sources[src].name) == 0)
			return j;
	return src;
}

static void artifacts_init(struct artifacts *a, struct nonoc_ctx *ctx)
{
	a->ctx = ctx;
	a->index = ctx->nsources ? malloc(ctx->nsources * sizeof(int)) : NULL;
	if (!a->index)
		return;
	int next = 0;

	for (size_t i = 0; i < ctx->nsources; i++) {
		int first = first_with_name(ctx, (int)i);

		a->index[i] = first == (int)i ? next++ : a->index[first];
	}
}

/* -1: unknown (only when out of memory; the index property is then left out). */
static int artifact_index(const struct artifacts *a, int src)
{
	return a->index ? a->index[src] : -1;
}

/* ---- locations ---------------------------------------------------------- */

/* UTF-16 code units taken by the characters that start in text[from, to).
 * Bytes that are not well-formed UTF-8 count as one U+FFFD each. */
static uint32_t utf16_units(const struct nono_source *s, size_t from, size_t to)
{
	uint32_t units = 0;

	for (size_t i = from; i < to;) {
		uint32_t cp;
		size_t n = json_utf8_next(s->text + i, s->len - i, &cp);

		if (n == 0)
			n = 1;
		units += n == 4 ? 2 : 1;
		i += n;
	}
	return units;
}

static void write_physical_location(struct json_writer *w, const struct artifacts *a, struct nono_span sp)
{
	struct nonoc_ctx *ctx = a->ctx;
	struct nono_source *s = nono_source_get(ctx, sp.src);
	uint32_t start = sp.start <= s->len ? sp.start : (uint32_t)s->len;
	uint32_t end = sp.end < start ? start : sp.end <= s->len ? sp.end : (uint32_t)s->len;
	struct nono_pos p = nono_source_pos(ctx, sp.src, start);
	uint32_t start_col = 1 + utf16_units(s, start - (p.col - 1), start);
	uint32_t end_line = p.line, end_col = start_col;

	if (end > start) {
		struct nono_pos e = nono_source_pos(ctx, sp.src, end - 1);

		end_line = e.line;
		end_col = 1 + utf16_units(s, (end - 1) - (e.col - 1), end);
	}
	json_key(w, "physicalLocation");
	json_object_begin(w);
	json_key(w, "artifactLocation");
	json_object_begin(w);
	json_key(w, "uri");
	write_uri(w, s->name);
	int idx = artifact_index(a, sp.src);

	if (idx >= 0)
		json_key_uint(w, "index", (uint64_t)idx);
	json_object_end(w);
	json_key(w, "region");
	json_object_begin(w);
	json_key_uint(w, "startLine", p.line);
	json_key_uint(w, "startColumn", start_col);
	json_key_uint(w, "endLine", end_line);
	json_key_uint(w, "endColumn", end_col);
	json_key_uint(w, "byteOffset", start);
	json_key_uint(w, "byteLength", end - start);
	json_object_end(w);
	json_object_end(w);
}

static int has_location(struct nonoc_ctx *ctx, struct nono_span sp)
{
	return nono_source_get(ctx, sp.src) != NULL;
}

/* ---- the log -------------------------------------------------------------- */

static void write_rules(struct json_writer *w)
{
	json_key(w, "rules");
	json_array_begin(w);
	for (int c = 0; c < NONO_CODE_COUNT; c++) {
		const struct nono_code_info *ci = nono_code_info((enum nono_code)c);

		json_object_begin(w);
		json_key_string(w, "id", ci->id);
		json_key_string(w, "name", ci->name);
		key_text(w, "shortDescription", ci->summary);
		key_text(w, "fullDescription", ci->help);
		key_text(w, "help", ci->help);
		json_key(w, "defaultConfiguration");
		json_object_begin(w);
		json_key_string(w, "level", level_name(ci->severity));
		json_object_end(w);
		json_object_end(w);
	}
	json_array_end(w);
}

static void write_artifacts(struct json_writer *w, const struct artifacts *a)
{
	struct nonoc_ctx *ctx = a->ctx;

	json_key(w, "artifacts");
	json_array_begin(w);
	for (size_t i = 0; i < ctx->nsources; i++) {
		if (first_with_name(ctx, (int)i) != (int)i)
			continue;
		json_object_begin(w);
		json_key(w, "location");
		json_object_begin(w);
		json_key(w, "uri");
		write_uri(w, ctx->sources[i].name);
		json_object_end(w);
		json_key_uint(w, "length", ctx->sources[i].len);
		json_key(w, "roles");
		json_array_begin(w);
		json_string(w, "analysisTarget");
		json_array_end(w);
		json_object_end(w);
	}
	json_array_end(w);
}

static void write_result(struct json_writer *w, const struct artifacts *a, struct nonoc_diag *d)
{
	struct nonoc_ctx *ctx = a->ctx;
	const struct nono_code_info *ci = nono_code_info(d->code);
	unsigned id;

	json_object_begin(w);
	json_key_string(w, "ruleId", ci->id);
	/* rules[] is the whole code table in order (nono_code_info maps an
	 * out-of-range code to E001, and so does this). */
	json_key_uint(w, "ruleIndex", (unsigned)d->code < NONO_CODE_COUNT ? (uint64_t)d->code : NONO_E001);
	json_key_string(w, "level", level_name(d->severity));

	/* The message, its notes and its hints, one per line. */
	json_key(w, "message");
	json_object_begin(w);
	json_key(w, "text");
	json_string_begin(w);
	message_part(w, d->msg && *d->msg ? d->msg : "(no message)", 0);
	id = 0;
	for (struct nono_note *n = d->notes; n; n = n->next) {
		json_string_part(w, "\nnote: ", 7);
		if (has_location(ctx, n->span)) {
			char ref[16];

			json_string_part(w, "[", 1);
			message_part(w, n->msg, 1);
			snprintf(ref, sizeof(ref), "](%u)", ++id);
			json_string_part(w, ref, strlen(ref));
		} else {
			message_part(w, n->msg, 0);
		}
	}
	for (struct nono_hint *h = d->hints; h; h = h->next) {
		json_string_part(w, "\nhint: ", 7);
		message_part(w, h->msg, 0);
	}
	json_string_end(w);
	json_object_end(w);

	if (has_location(ctx, d->span)) {
		json_key(w, "locations");
		json_array_begin(w);
		json_object_begin(w);
		write_physical_location(w, a, d->span);
		json_object_end(w);
		json_array_end(w);
	}
	if (id > 0) {
		json_key(w, "relatedLocations");
		json_array_begin(w);
		id = 0;
		for (struct nono_note *n = d->notes; n; n = n->next) {
			if (!has_location(ctx, n->span))
				continue;
			json_object_begin(w);
			json_key_uint(w, "id", ++id);
			write_physical_location(w, a, n->span);
			key_message(w, "message", n->msg);
			json_object_end(w);
		}
		json_array_end(w);
	}
	json_object_end(w);
}

void nono_render_sarif(struct nonoc_ctx *ctx, FILE *out)
{
	struct json_writer w;
	struct artifacts a;

	artifacts_init(&a, ctx);
	json_init(&w, out, 2);
	json_object_begin(&w);
	/* §3.13.2: version SHOULD come first. */
	json_key_string(&w, "version", "2.1.0");
	json_key_string(&w, "$schema", SARIF_SCHEMA);
	json_key(&w, "runs");
	json_array_begin(&w);
	json_object_begin(&w);

	json_key(&w, "tool");
	json_object_begin(&w);
	json_key(&w, "driver");
	json_object_begin(&w);
	json_key_string(&w, "name", "nonoc");
	json_key_string(&w, "version", nonoc_version());
	json_key_string(&w, "semanticVersion", nonoc_version());
	write_rules(&w);
	json_object_end(&w);
	json_object_end(&w);

	json_key_string(&w, "columnKind", "utf16CodeUnits");
	write_artifacts(&w, &a);
	json_key(&w, "results");
	json_array_begin(&w);
	for (struct nonoc_diag *d = ctx->diags; d; d = d->next)
		write_result(&w, &a, d);
	json_array_end(&w);

	json_object_end(&w);
	json_array_end(&w);
	json_object_end(&w);
	json_finish(&w);
	free(a.index);
}
