/* SPDX-License-Identifier: Apache-2.0 */
/* A tiny streaming JSON writer to a FILE*, for the machine-readable
 * diagnostics renderers (render_json.c, render_sarif.c).
 *
 *	struct json_writer w;
 *	json_init(&w, out, 0);
 *	json_object_begin(&w);
 *	json_key(&w, "version"); json_uint(&w, 1);
 *	json_key(&w, "notes");   json_array_begin(&w); json_array_end(&w);
 *	json_object_end(&w);
 *	json_finish(&w);                      -> {"version":1,"notes":[]}\n
 *
 * The writer places commas, and with @indent > 0 newlines and indentation;
 * the caller only says what comes next. Output depends on nothing but the
 * calls made (no locale, no floating point), so it is deterministic.
 *
 * Strings are always emitted as valid JSON in valid UTF-8: '"' and '\' are
 * escaped, control characters (U+0000-U+001F, U+007F) and the JavaScript
 * line terminators U+2028/U+2029 become \uXXXX, and any byte that is not part
 * of a well-formed UTF-8 sequence (overlong forms, surrogates, code points
 * above U+10FFFF, truncated sequences) becomes \ufffd. The writer never
 * prints anything else and never fails on its own; write errors stay in the
 * FILE for the caller to check with ferror()/fflush(). */
#ifndef NONOC_JSON_H
#define NONOC_JSON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Nesting tracked for comma placement; the renderers need about ten. */
#define JSON_MAX_DEPTH 256 /* above every reader's limit (jsonp: 64), so never reached */

struct json_writer {
	FILE *out;
	int indent;                           /* spaces per level; 0 = compact, one line */
	unsigned depth;                       /* open objects/arrays */
	unsigned char nonempty[JSON_MAX_DEPTH]; /* something was written at this level */
	int after_key;                        /* a key was written; its value comes next */
};

void json_init(struct json_writer *w, FILE *out, int indent);

void json_object_begin(struct json_writer *w);
void json_object_end(struct json_writer *w);
void json_array_begin(struct json_writer *w);
void json_array_end(struct json_writer *w);
/* An object member's name; the next call writes its value. */
void json_key(struct json_writer *w, const char *key);

void json_string(struct json_writer *w, const char *s);         /* NULL writes null */
void json_string_n(struct json_writer *w, const char *s, size_t len);
void json_uint(struct json_writer *w, uint64_t v);
void json_int(struct json_writer *w, int64_t v);
void json_bool(struct json_writer *w, int v);
void json_null(struct json_writer *w);

/* A string value written in pieces: begin, any number of parts, end. Each
 * part is validated as UTF-8 on its own, so split only between characters. */
void json_string_begin(struct json_writer *w);
void json_string_part(struct json_writer *w, const char *s, size_t len);
void json_string_end(struct json_writer *w);

/* End of the document: one newline. */
void json_finish(struct json_writer *w);

/* Shorthands for a member with a scalar value. */
void json_key_string(struct json_writer *w, const char *key, const char *s);
void json_key_uint(struct json_writer *w, const char *key, uint64_t v);

/* Length of the well-formed UTF-8 sequence at @s (1-4), storing its code
 * point in @cp; 0 when the bytes there are not one (or @len is 0). */
size_t json_utf8_next(const char *s, size_t len, uint32_t *cp);

#endif
