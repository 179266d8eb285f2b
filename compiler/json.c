/* SPDX-License-Identifier: Apache-2.0 */
/* The streaming JSON writer (see json.h). */
#include <inttypes.h>
#include <string.h>

#include "json.h"

void json_init(struct json_writer *w, FILE *out, int indent)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
	w->indent = indent > 0 ? indent : 0;
}

static void newline_indent(struct json_writer *w, unsigned depth)
{
	if (!w->indent)
		return;
	fputc('\n', w->out);
	for (unsigned i = 0; i < depth * (unsigned)w->indent; i++)
		fputc(' ', w->out);
}

/* Before any value or key: the separator from the previous element. A value
 * that follows its key needs none. */
static void before_item(struct json_writer *w)
{
	if (w->after_key) {
		w->after_key = 0;
		return;
	}
	if (w->depth == 0)
		return;
	unsigned level = w->depth < JSON_MAX_DEPTH ? w->depth : JSON_MAX_DEPTH - 1;

	if (w->nonempty[level])
		fputc(',', w->out);
	w->nonempty[level] = 1;
	newline_indent(w, w->depth);
}

static void open_container(struct json_writer *w, char c)
{
	before_item(w);
	fputc(c, w->out);
	w->depth++;
	if (w->depth < JSON_MAX_DEPTH)
		w->nonempty[w->depth] = 0;
}

static void close_container(struct json_writer *w, char c)
{
	if (w->depth == 0)
		return;
	unsigned level = w->depth < JSON_MAX_DEPTH ? w->depth : JSON_MAX_DEPTH - 1;
	int had_items = w->nonempty[level];

	w->depth--;
	if (had_items)
		newline_indent(w, w->depth);
	fputc(c, w->out);
	w->after_key = 0;
}

void json_object_begin(struct json_writer *w) { open_container(w, '{'); }
void json_object_end(struct json_writer *w) { close_container(w, '}'); }
void json_array_begin(struct json_writer *w) { open_container(w, '['); }
void json_array_end(struct json_writer *w) { close_container(w, ']'); }

size_t json_utf8_next(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c;
	size_t n;

	if (len == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		c = s[0] & 0x1fu;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3;
		c = s[0] & 0x0fu;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		c = s[0] & 0x07u;
	} else {
		return 0; /* continuation byte, C0/C1 (overlong), F5-FF */
	}
	if (len < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3fu);
	}
	if ((n == 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) || (n == 4 && (c < 0x10000 || c > 0x10ffff)))
		return 0;
	*cp = c;
	return n;
}

void json_string_begin(struct json_writer *w)
{
	before_item(w);
	fputc('"', w->out);
}

void json_string_part(struct json_writer *w, const char *s, size_t len)
{
	size_t i = 0, run = 0; /* s[run..i) is copied verbatim */

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp = 0;
		size_t n = 1;
		const char *esc = NULL;
		char buf[8];

		if (c == '"') {
			esc = "\\\"";
		} else if (c == '\\') {
			esc = "\\\\";
		} else if (c < 0x20 || c == 0x7f) {
			snprintf(buf, sizeof(buf), "\\u%04x", c);
			esc = buf;
		} else if (c >= 0x80) {
			n = json_utf8_next(s + i, len - i, &cp);
			if (n == 0) {
				n = 1;
				esc = "\\ufffd";
			} else if (cp == 0x2028 || cp == 0x2029) {
				snprintf(buf, sizeof(buf), "\\u%04" PRIx32, cp);
				esc = buf;
			}
		}
		if (esc) {
			fwrite(s + run, 1, i - run, w->out);
			fputs(esc, w->out);
			run = i + n;
		}
		i += n;
	}
	fwrite(s + run, 1, len - run, w->out);
}

void json_string_end(struct json_writer *w)
{
	fputc('"', w->out);
}

void json_string_n(struct json_writer *w, const char *s, size_t len)
{
	json_string_begin(w);
	json_string_part(w, s, len);
	json_string_end(w);
}

void json_string(struct json_writer *w, const char *s)
{
	if (!s)
		json_null(w);
	else
		json_string_n(w, s, strlen(s));
}

void json_key(struct json_writer *w, const char *key)
{
	json_string(w, key ? key : "");
	fputs(w->indent ? ": " : ":", w->out);
	w->after_key = 1;
}

void json_uint(struct json_writer *w, uint64_t v)
{
	before_item(w);
	fprintf(w->out, "%" PRIu64, v);
}

void json_int(struct json_writer *w, int64_t v)
{
	before_item(w);
	fprintf(w->out, "%" PRId64, v);
}

void json_bool(struct json_writer *w, int v)
{
	before_item(w);
	fputs(v ? "true" : "false", w->out);
}

void json_null(struct json_writer *w)
{
	before_item(w);
	fputs("null", w->out);
}

void json_finish(struct json_writer *w)
{
	fputc('\n', w->out);
}

void json_key_string(struct json_writer *w, const char *key, const char *s)
{
	json_key(w, key);
	json_string(w, s);
}

void json_key_uint(struct json_writer *w, const char *key, uint64_t v)
{
	json_key(w, key);
	json_uint(w, v);
}
