/* SPDX-License-Identifier: Apache-2.0 */
/* The diagnostics renderers: exact text output, and the key fields of the
 * JSON and SARIF documents (escaping, locations, column conversion). The
 * documents as a whole are validated against their schemas by
 * tests/check-schemas.sh. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "json.h"

/* ---- helpers ------------------------------------------------------------- */

static char *render(nonoc_ctx *ctx, enum nonoc_format fmt, int color)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	cr_assert_not_null(f);
	nonoc_render_diagnostics(ctx, f, fmt, color);
	cr_assert_eq(fclose(f), 0);
	cr_assert_not_null(buf);
	return buf;
}

static int add(nonoc_ctx *ctx, const char *name, const char *text)
{
	int src = nonoc_add_source(ctx, name, text, strlen(text));

	cr_assert_geq(src, 0);
	return src;
}

/* The span of the first occurrence of @needle in source @src. */
static struct nono_span span_of(nonoc_ctx *ctx, int src, const char *needle)
{
	const char *text = nono_source_get(ctx, src)->text;
	const char *p = strstr(text, needle);

	cr_assert_not_null(p, "'%s' not in the source", needle);
	return (struct nono_span){ src, (uint32_t)(p - text), (uint32_t)(p - text + strlen(needle)) };
}

#define assert_contains(hay, needle) \
	cr_assert_not_null(strstr((hay), (needle)), "expected to find\n%s\nin\n%s", (needle), (hay))
static int count(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

#define assert_lacks(hay, needle) \
	cr_assert_null(strstr((hay), (needle)), "did not expect\n%s\nin\n%s", (needle), (hay))

static nonoc_ctx *ctx;

static void setup(void)
{
	ctx = nonoc_new();
	cr_assert_not_null(ctx);
}

static void teardown(void)
{
	nonoc_free(ctx);
}

TestSuite(render_text, .init = setup, .fini = teardown);
TestSuite(render_json, .init = setup, .fini = teardown);
TestSuite(render_sarif, .init = setup, .fini = teardown);
TestSuite(json_writer);

/* ---- text ------------------------------------------------------------------ */

Test(render_text, location_caret_and_hint)
{
	int src = add(ctx, "policy.nono", "fss read \"/x\"\n");
	struct nonoc_diag *d = nono_diag(ctx, NONO_E001, span_of(ctx, src, "fss"), "unexpected identifier '%s'", "fss");

	nono_diag_hint(ctx, d, "did you mean '%s'?", "fs");
	char *out = render(ctx, NONOC_FMT_TEXT, 0);

	cr_assert_str_eq(out, "policy.nono:1:1: error: unexpected identifier 'fss' [NONO-E001]\n"
			      "   1 | fss read \"/x\"\n"
			      "     | ^~~\n"
			      "hint: did you mean 'fs'?\n");
	free(out);
}

Test(render_text, notes_with_and_without_location)
{
	const char *text = "agent {\n  fs read \"/x\"\n";
	int src = add(ctx, "p.nono", text);
	uint32_t eof = (uint32_t)strlen(text);
	struct nonoc_diag *d = nono_diag(ctx, NONO_E001, (struct nono_span){ src, eof, eof },
					 "unexpected end of file");

	nono_diag_note(ctx, d, span_of(ctx, src, "{"), "the block opened here is not closed");
	nono_diag_note(ctx, d, NONO_NO_SPAN, "too many errors (%u); stopping here", 50u);
	nono_diag_hint(ctx, d, "add the missing '}'");
	char *out = render(ctx, NONOC_FMT_TEXT, 0);

	cr_assert_str_eq(out, "p.nono:3:1: error: unexpected end of file [NONO-E001]\n"
			      "   3 | \n"
			      "     | ^\n"
			      "p.nono:1:7: note: the block opened here is not closed\n"
			      "   1 | agent {\n"
			      "     |       ^\n"
			      "note: too many errors (50); stopping here\n"
			      "hint: add the missing '}'\n");
	free(out);
}

Test(render_text, tabs_are_kept_before_the_caret)
{
	int src = add(ctx, "t.nono", "agent {\n\tfs\tbad \"/x\"\n}\n");

	nono_diag(ctx, NONO_E001, span_of(ctx, src, "bad"), "unexpected identifier 'bad'");
	char *out = render(ctx, NONOC_FMT_TEXT, 0);

	cr_assert_str_eq(out, "t.nono:2:5: error: unexpected identifier 'bad' [NONO-E001]\n"
			      "   2 | \tfs\tbad \"/x\"\n"
			      "     | \t  \t^~~\n");
	free(out);
}

Test(render_text, utf8_underline_counts_characters)
{
	int src = add(ctx, "u.nono", "fs read \"ééé\" x\n");

	nono_diag(ctx, NONO_E001, span_of(ctx, src, "ééé"), "bad");
	char *out = render(ctx, NONOC_FMT_TEXT, 0);

	cr_assert_str_eq(out, "u.nono:1:10: error: bad [NONO-E001]\n"
			      "   1 | fs read \"ééé\" x\n"
			      "     | " "         " "^~~\n"); /* 9 spaces */
	free(out);
}

/* The column in the header counts bytes (documented); the caret sits under
 * the character: one space per character before it, not per byte. */
Test(render_text, utf8_before_the_caret)
{
	int src = add(ctx, "u.nono", "fs read \"/é🎉\" oops\n");

	nono_diag(ctx, NONO_E001, span_of(ctx, src, "oops"), "unexpected identifier 'oops'");
	char *out = render(ctx, NONOC_FMT_TEXT, 0);

	cr_assert_str_eq(out, "u.nono:1:19: error: unexpected identifier 'oops' [NONO-E001]\n"
			      "   1 | fs read \"/é🎉\" oops\n"
			      "     | " "              " "^~~~\n"); /* 14 spaces */
	free(out);
}

/* C0 controls, DEL and C1 controls (here U+009B, a CSI) are shown as one
 * '?' each, and the caret still lines up. */
Test(render_text, control_characters_are_neutralised)
{
	int src = add(ctx, "c.nono", "a\x01" "b\x7f" "c\xc2\x9b" "d x\n");

	nono_diag(ctx, NONO_E002, span_of(ctx, src, "x"), "bad character");
	char *out = render(ctx, NONOC_FMT_TEXT, 0);

	cr_assert_str_eq(out, "c.nono:1:10: error: bad character [NONO-E002]\n"
			      "   1 | a?b?c?d x\n"
			      "     |         ^\n");
	free(out);
}

/* Messages, notes, hints and file names can quote policy strings (which may
 * hold raw control characters) and command-line names: no escape sequence
 * or line break reaches the terminal from them. */
Test(render_text, control_characters_in_messages)
{
	int src = add(ctx, "e\x1b[2J.nono", "x\n");
	struct nonoc_diag *d = nono_diag(ctx, NONO_E001, span_of(ctx, src, "x"), "no policy \"%s\"",
					 "std/\x1b]0;pwned\x07\nfake: error");

	nono_diag_note(ctx, d, NONO_NO_SPAN, "note\x7f\xc2\x9b" "1m\tend");
	nono_diag_hint(ctx, d, "hint\r");
	char *out = render(ctx, NONOC_FMT_TEXT, 0);

	cr_assert_str_eq(out, "e?[2J.nono:1:1: error: no policy \"std/?]0;pwned??fake: error\" [NONO-E001]\n"
			      "   1 | x\n"
			      "     | ^\n"
			      "note: note??1m\tend\n"
			      "hint: hint?\n");
	free(out);
}

Test(render_text, underline_is_clipped_to_the_first_line)
{
	int src = add(ctx, "m.nono", "agent {\n}\n");
	struct nono_span sp = span_of(ctx, src, "agent {\n}");

	nono_diag(ctx, NONO_E001, sp, "spans two lines");
	char *out = render(ctx, NONOC_FMT_TEXT, 0);

	cr_assert_str_eq(out, "m.nono:1:1: error: spans two lines [NONO-E001]\n"
			      "   1 | agent {\n"
			      "     | ^~~~~~~\n");
	free(out);
}

Test(render_text, line_numbers_wider_than_four_digits)
{
	char *text = malloc(12000 + 16);

	cr_assert_not_null(text);
	memset(text, '\n', 12000);
	strcpy(text + 12000, "oops\n");
	int src = add(ctx, "w.nono", text);

	nono_diag(ctx, NONO_E001, span_of(ctx, src, "oops"), "far down");
	free(text);
	char *out = render(ctx, NONOC_FMT_TEXT, 0);

	cr_assert_str_eq(out, "w.nono:12001:1: error: far down [NONO-E001]\n"
			      "12001 | oops\n"
			      "      | ^~~~\n");
	free(out);
}

Test(render_text, diagnostic_without_location)
{
	struct nonoc_diag *d = nono_diag(ctx, NONO_E007, NONO_NO_SPAN, "cannot open '%s': %s", "x.nono",
					 "No such file or directory");

	nono_diag_hint(ctx, d, "check the path");
	char *out = render(ctx, NONOC_FMT_TEXT, 0);

	cr_assert_str_eq(out, "error: cannot open 'x.nono': No such file or directory [NONO-E007]\n"
			      "hint: check the path\n");
	free(out);
}

Test(render_text, colour_only_when_asked)
{
	int src = add(ctx, "k.nono", "fss\n");

	nono_diag(ctx, NONO_E001, span_of(ctx, src, "fss"), "bad");
	char *plain = render(ctx, NONOC_FMT_TEXT, 0);
	char *color = render(ctx, NONOC_FMT_TEXT, 1);

	assert_lacks(plain, "\033[");
	cr_assert_str_eq(color, "\033[1mk.nono:1:1:\033[0m \033[1;31merror:\033[0m \033[1mbad\033[0m [NONO-E001]\n"
				"   1 | fss\n"
				"     | \033[1;31m^~~\033[0m\n");
	free(plain);
	free(color);
}

/* ---- JSON ------------------------------------------------------------------ */

Test(render_json, whole_document)
{
	const char *text = "agent {\n  fss \"/x\"\n";
	int src = add(ctx, "p.nono", text);
	struct nonoc_diag *d = nono_diag(ctx, NONO_E001, span_of(ctx, src, "fss"), "unexpected identifier 'fss'");

	nono_diag_note(ctx, d, span_of(ctx, src, "{"), "the block opened here");
	nono_diag_note(ctx, d, NONO_NO_SPAN, "no location");
	nono_diag_hint(ctx, d, "did you mean 'fs'?");
	nono_diag(ctx, NONO_E007, NONO_NO_SPAN, "cannot open 'q'");
	char *out = render(ctx, NONOC_FMT_JSON, 0);

	cr_assert_str_eq(out,
		"{\"version\":1,\"tool\":\"nonoc\",\"tool_version\":\"" NONOC_VERSION "\",\"diagnostics\":["
		"{\"severity\":\"error\",\"code\":\"NONO-E001\",\"name\":\"syntax-error\","
		"\"message\":\"unexpected identifier 'fss'\","
		"\"location\":{\"file\":\"p.nono\",\"line\":2,\"column\":3,\"end_line\":2,\"end_column\":6,"
		"\"offset\":10,\"length\":3},"
		"\"notes\":[{\"message\":\"the block opened here\",\"location\":{\"file\":\"p.nono\",\"line\":1,"
		"\"column\":7,\"end_line\":1,\"end_column\":8,\"offset\":6,\"length\":1}},"
		"{\"message\":\"no location\",\"location\":null}],"
		"\"hints\":[\"did you mean 'fs'?\"]},"
		"{\"severity\":\"error\",\"code\":\"NONO-E007\",\"name\":\"io-error\",\"message\":\"cannot open 'q'\","
		"\"location\":null,\"notes\":[],\"hints\":[]}],"
		"\"summary\":{\"errors\":2,\"warnings\":0}}\n");
	free(out);
}

Test(render_json, no_diagnostics)
{
	char *out = render(ctx, NONOC_FMT_JSON, 0);

	cr_assert_str_eq(out, "{\"version\":1,\"tool\":\"nonoc\",\"tool_version\":\"" NONOC_VERSION
			      "\",\"diagnostics\":[],\"summary\":{\"errors\":0,\"warnings\":0}}\n");
	free(out);
}

/* Quotes, backslashes, control characters, DEL, U+2028 are escaped;
 * non-ASCII is kept as UTF-8; every byte of an ill-formed sequence
 * (invalid lead, truncated, overlong, surrogate) becomes U+FFFD. */
Test(render_json, string_escaping)
{
	nono_diag(ctx, NONO_E001, NONO_NO_SPAN, "%s",
		  "q\"b\\c\x01n\nt\té🎉\xe2\x80\xa8" "d\x7f|\xff|\xe2\x82|\xc0\xaf|\xed\xa0\x80|\xf4\x90\x80\x80|");
	char *out = render(ctx, NONOC_FMT_JSON, 0);

	assert_contains(out, "\"message\":\"q\\\"b\\\\c\\u0001n\\u000at\\u0009é🎉\\u2028d\\u007f|\\ufffd|"
			     "\\ufffd\\ufffd|\\ufffd\\ufffd|\\ufffd\\ufffd\\ufffd|\\ufffd\\ufffd\\ufffd\\ufffd|\"");
	free(out);
}

Test(render_json, file_names_are_escaped)
{
	int src = add(ctx, "dir \"q\"\\é.nono", "x\n");

	nono_diag(ctx, NONO_E001, span_of(ctx, src, "x"), "m");
	char *out = render(ctx, NONOC_FMT_JSON, 0);

	assert_contains(out, "\"file\":\"dir \\\"q\\\"\\\\é.nono\"");
	free(out);
}

/* Columns count bytes, as in the text output; end is one past the last byte. */
Test(render_json, byte_columns_and_spans)
{
	const char *text = "fs read \"é\" oops\nagent {\n}\n";
	int src = add(ctx, "b.nono", text);

	nono_diag(ctx, NONO_E001, span_of(ctx, src, "oops"), "utf-8 before");
	nono_diag(ctx, NONO_E001, span_of(ctx, src, "agent {\n}"), "two lines");
	nono_diag(ctx, NONO_E001, span_of(ctx, src, "agent {\n"), "ends with the newline");
	uint32_t at = span_of(ctx, src, "{").start;
	nono_diag(ctx, NONO_E001, (struct nono_span){ src, at, at }, "empty");
	char *out = render(ctx, NONOC_FMT_JSON, 0);

	assert_contains(out, "\"line\":1,\"column\":14,\"end_line\":1,\"end_column\":18,\"offset\":13,\"length\":4");
	assert_contains(out, "\"line\":2,\"column\":1,\"end_line\":3,\"end_column\":2,\"offset\":18,\"length\":9");
	assert_contains(out, "\"line\":2,\"column\":1,\"end_line\":2,\"end_column\":9,\"offset\":18,\"length\":8");
	assert_contains(out, "\"line\":2,\"column\":7,\"end_line\":2,\"end_column\":7,\"offset\":24,\"length\":0");
	free(out);
}

/* A span past the end of its source (a bug elsewhere) is clamped, not
 * trusted. */
Test(render_json, out_of_range_span_is_clamped)
{
	int src = add(ctx, "c.nono", "abc");

	nono_diag(ctx, NONO_E001, (struct nono_span){ src, 2, 99 }, "past the end");
	nono_diag(ctx, NONO_E001, (struct nono_span){ src, 50, 40 }, "backwards");
	nono_diag(ctx, NONO_E001, (struct nono_span){ 7, 0, 1 }, "no such source");
	char *out = render(ctx, NONOC_FMT_JSON, 0);

	assert_contains(out, "\"line\":1,\"column\":3,\"end_line\":1,\"end_column\":4,\"offset\":2,\"length\":1");
	assert_contains(out, "\"line\":1,\"column\":4,\"end_line\":1,\"end_column\":4,\"offset\":3,\"length\":0");
	assert_contains(out, "\"message\":\"no such source\",\"location\":null");
	free(out);
}

Test(render_json, deterministic)
{
	int src = add(ctx, "d.nono", "x y z\n");

	nono_diag(ctx, NONO_E001, span_of(ctx, src, "y"), "one");
	nono_diag(ctx, NONO_E002, span_of(ctx, src, "z"), "two");
	char *a = render(ctx, NONOC_FMT_JSON, 0);
	char *b = render(ctx, NONOC_FMT_JSON, 0);

	cr_assert_str_eq(a, b);
	cr_assert_eq(strchr(a, '\n'), a + strlen(a) - 1, "one line, one trailing newline");
	free(a);
	free(b);
}

/* ---- SARIF ----------------------------------------------------------------- */

Test(render_sarif, log_run_and_rules)
{
	int src = add(ctx, "r.nono", "x\n");

	nono_diag(ctx, NONO_E003, span_of(ctx, src, "x"), "unterminated string");
	char *out = render(ctx, NONOC_FMT_SARIF, 0);

	const char *head = "{\n  \"version\": \"2.1.0\",\n"
			   "  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n";

	cr_assert(strncmp(out, head, strlen(head)) == 0, "%s", out);
	assert_contains(out, "\"name\": \"nonoc\",\n");
	assert_contains(out, "\"semanticVersion\": \"" NONOC_VERSION "\",\n");
	assert_contains(out, "\"columnKind\": \"utf16CodeUnits\"");
	/* Every code is a rule, in table order. */
	for (int c = 0; c < NONO_CODE_COUNT; c++) {
		char id[64];

		snprintf(id, sizeof(id), "\"id\": \"%s\",\n", nono_code_info((enum nono_code)c)->id);
		assert_contains(out, id);
	}
	assert_contains(out, "\"id\": \"NONO-E003\",\n"
			     "              \"name\": \"unterminated-string\",\n"
			     "              \"shortDescription\": {\n"
			     "                \"text\": \"a string has no closing quote on its line\"\n");
	char want[64];

	snprintf(want, sizeof(want), "\"ruleId\": \"NONO-E003\",\n          \"ruleIndex\": %d,\n", NONO_E003);
	assert_contains(out, want);
	assert_contains(out, "\"level\": \"error\"");
	cr_assert_eq(out[strlen(out) - 1], '\n');
	cr_assert_neq(out[strlen(out) - 2], '\n');
	free(out);
}

/* Columns are UTF-16 code units: é is one unit, 🎉 (U+1F389) two; the
 * byte span is kept in byteOffset/byteLength. */
Test(render_sarif, columns_are_utf16_code_units)
{
	int src = add(ctx, "u.nono", "policy \"a\" version 1\n\tfs read \"/é🎉\" oops\n");

	nono_diag(ctx, NONO_E001, span_of(ctx, src, "oops"), "unexpected identifier 'oops'");
	nono_diag(ctx, NONO_E001, span_of(ctx, src, "🎉"), "the emoji itself");
	char *out = render(ctx, NONOC_FMT_SARIF, 0);

	assert_contains(out, "\"startLine\": 2,\n"
			     "                  \"startColumn\": 17,\n"
			     "                  \"endLine\": 2,\n"
			     "                  \"endColumn\": 21,\n"
			     "                  \"byteOffset\": 40,\n"
			     "                  \"byteLength\": 4\n");
	assert_contains(out, "\"startLine\": 2,\n"
			     "                  \"startColumn\": 13,\n"
			     "                  \"endLine\": 2,\n"
			     "                  \"endColumn\": 15,\n");
	free(out);
}

Test(render_sarif, message_notes_hints_and_braces)
{
	int src = add(ctx, "n.nono", "agent {\n  fss\n");
	struct nonoc_diag *d = nono_diag(ctx, NONO_E001, span_of(ctx, src, "fss"), "unexpected '%s'; expected '}'",
					 "fss");

	nono_diag_note(ctx, d, span_of(ctx, src, "{"), "see [x] \\ {y}");
	nono_diag_note(ctx, d, NONO_NO_SPAN, "unlocated [z]");
	nono_diag_hint(ctx, d, "add the missing '}'");
	char *out = render(ctx, NONOC_FMT_SARIF, 0);

	/* Braces doubled everywhere (§3.11.5); in the link text '[', ']' and
	 * '\' are backslash-escaped (§3.11.6), elsewhere left alone. */
	assert_contains(out, "\"text\": \"unexpected 'fss'; expected '}}'"
			     "\\u000anote: [see \\\\[x\\\\] \\\\\\\\ {{y}}](1)"
			     "\\u000anote: unlocated [z]"
			     "\\u000ahint: add the missing '}}'\"");
	assert_contains(out, "\"relatedLocations\": [\n"
			     "            {\n"
			     "              \"id\": 1,\n"
			     "              \"physicalLocation\": {\n");
	assert_contains(out, "\"message\": {\n"
			     "                \"text\": \"see [x] \\\\ {{y}}\"\n");
	free(out);
}

Test(render_sarif, result_without_location)
{
	nono_diag(ctx, NONO_E007, NONO_NO_SPAN, "cannot open 'x'");
	char *out = render(ctx, NONOC_FMT_SARIF, 0);

	assert_contains(out, "\"ruleId\": \"NONO-E007\"");
	assert_contains(out, "\"text\": \"cannot open 'x'\"");
	assert_lacks(out, "\"locations\"");
	assert_lacks(out, "\"relatedLocations\"");
	assert_contains(out, "\"artifacts\": [],");
	free(out);
}

Test(render_sarif, uris_are_percent_encoded)
{
	int a = add(ctx, "my dir/pé#1%.nono", "x\n");
	int b = add(ctx, "<stdin>", "x\n");
	int c = add(ctx, "/abs/x y.nono", "x\n");
	int d = add(ctx, "c:colon.nono", "x\n");
	int e = add(ctx, "./a/./b/../c.nono", "x\n");

	nono_diag(ctx, NONO_E001, span_of(ctx, a, "x"), "a");
	nono_diag(ctx, NONO_E001, span_of(ctx, b, "x"), "b");
	nono_diag(ctx, NONO_E001, span_of(ctx, c, "x"), "c");
	nono_diag(ctx, NONO_E001, span_of(ctx, d, "x"), "d");
	nono_diag(ctx, NONO_E001, span_of(ctx, e, "x"), "e");
	char *out = render(ctx, NONOC_FMT_SARIF, 0);

	assert_contains(out, "\"uri\": \"my%20dir/p%C3%A9%231%25.nono\",\n                  \"index\": 0\n");
	assert_contains(out, "\"uri\": \"%3Cstdin%3E\",\n                  \"index\": 1\n");
	assert_contains(out, "\"uri\": \"file:///abs/x%20y.nono\",\n                  \"index\": 2\n");
	/* A colon in a relative path's first segment would read as a scheme. */
	assert_contains(out, "\"uri\": \"c%3Acolon.nono\",\n                  \"index\": 3\n");
	/* "./" segments are dropped, ".." is kept. */
	assert_contains(out, "\"uri\": \"a/b/../c.nono\",\n                  \"index\": 4\n");
	free(out);
}

/* The same file given twice is one artifact (run.artifacts must hold
 * distinct objects); both sources point at it. */
Test(render_sarif, artifacts_are_distinct)
{
	int a = add(ctx, "same.nono", "x\n");
	int b = add(ctx, "other.nono", "yy\n");
	int c = add(ctx, "same.nono", "x\n");

	nono_diag(ctx, NONO_E001, span_of(ctx, c, "x"), "third source");
	nono_diag(ctx, NONO_E001, span_of(ctx, b, "y"), "second source");
	(void)a;
	char *out = render(ctx, NONOC_FMT_SARIF, 0);

	assert_contains(out, "\"artifacts\": [\n"
			     "        {\n"
			     "          \"location\": {\n"
			     "            \"uri\": \"same.nono\"\n"
			     "          },\n"
			     "          \"length\": 2,\n"
			     "          \"roles\": [\n"
			     "            \"analysisTarget\"\n"
			     "          ]\n"
			     "        },\n"
			     "        {\n"
			     "          \"location\": {\n"
			     "            \"uri\": \"other.nono\"\n"
			     "          },\n"
			     "          \"length\": 3,\n");
	const char *first = strstr(out, "\"uri\": \"same.nono\",\n                  \"index\": 0\n");
	const char *second = strstr(out, "\"uri\": \"other.nono\",\n                  \"index\": 1\n");

	cr_assert(first && second && first < second, "%s", out);
	cr_assert_eq(count(out, "\"uri\": \"same.nono\"\n"), 1, "one artifact per name:\n%s", out);
	cr_assert_null(strstr(out, "\"index\": 2"));
	free(out);
}

Test(render_sarif, deterministic)
{
	int src = add(ctx, "d.nono", "x y\n");
	struct nonoc_diag *d = nono_diag(ctx, NONO_E001, span_of(ctx, src, "y"), "one");

	nono_diag_note(ctx, d, span_of(ctx, src, "x"), "here");
	char *a = render(ctx, NONOC_FMT_SARIF, 0);
	char *b = render(ctx, NONOC_FMT_SARIF, 0);

	cr_assert_str_eq(a, b);
	free(a);
	free(b);
}

/* ---- the JSON writer ------------------------------------------------------- */

static char *write_doc(int indent, void (*fn)(struct json_writer *))
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct json_writer w;

	cr_assert_not_null(f);
	json_init(&w, f, indent);
	fn(&w);
	json_finish(&w);
	fclose(f);
	return buf;
}

static void nested(struct json_writer *w)
{
	json_object_begin(w);
	json_key(w, "a");
	json_array_begin(w);
	json_uint(w, 1);
	json_int(w, -2);
	json_bool(w, 1);
	json_null(w);
	json_object_begin(w);
	json_object_end(w);
	json_array_begin(w);
	json_array_end(w);
	json_array_end(w);
	json_key_string(w, "k\"ey", "v");
	json_key(w, "s");
	json_string_begin(w);
	json_string_part(w, "ab", 2);
	json_string_part(w, "\n", 1);
	json_string_end(w);
	json_key(w, "nil");
	json_string(w, NULL);
	json_object_end(w);
}

Test(json_writer, compact)
{
	char *out = write_doc(0, nested);

	cr_assert_str_eq(out, "{\"a\":[1,-2,true,null,{},[]],\"k\\\"ey\":\"v\",\"s\":\"ab\\u000a\",\"nil\":null}\n");
	free(out);
}

Test(json_writer, indented)
{
	char *out = write_doc(2, nested);

	cr_assert_str_eq(out, "{\n"
			      "  \"a\": [\n"
			      "    1,\n"
			      "    -2,\n"
			      "    true,\n"
			      "    null,\n"
			      "    {},\n"
			      "    []\n"
			      "  ],\n"
			      "  \"k\\\"ey\": \"v\",\n"
			      "  \"s\": \"ab\\u000a\",\n"
			      "  \"nil\": null\n"
			      "}\n");
	free(out);
}

Test(json_writer, utf8_decoder)
{
	uint32_t cp = 0;

	cr_assert_eq(json_utf8_next("A", 1, &cp), 1);
	cr_assert_eq(cp, 'A');
	cr_assert_eq(json_utf8_next("\xc3\xa9", 2, &cp), 2);
	cr_assert_eq(cp, 0xe9);
	cr_assert_eq(json_utf8_next("\xf0\x9f\x8e\x89", 4, &cp), 4);
	cr_assert_eq(cp, 0x1f389);
	cr_assert_eq(json_utf8_next("\xc3\xa9", 1, &cp), 0, "truncated by the length");
	cr_assert_eq(json_utf8_next("\xc1\xbf", 2, &cp), 0, "overlong");
	cr_assert_eq(json_utf8_next("\xe0\x9f\xbf", 3, &cp), 0, "overlong");
	cr_assert_eq(json_utf8_next("\xed\xbf\xbf", 3, &cp), 0, "surrogate");
	cr_assert_eq(json_utf8_next("\xf4\x90\x80\x80", 4, &cp), 0, "above U+10FFFF");
	cr_assert_eq(json_utf8_next("\x80", 1, &cp), 0, "lone continuation byte");
	cr_assert_eq(json_utf8_next("", 0, &cp), 0);
}
