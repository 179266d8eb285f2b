/* SPDX-License-Identifier: Apache-2.0 */
/* The strict JSON parser (compiler/jsonp.c): a corpus of valid and invalid
 * documents (with the error's line and column), numbers, strings and UTF-8
 * (every code point, raw and escaped; every 2-byte and 3-byte sequence
 * against json.c's UTF-8 decoder), random documents written by
 * compiler/json.c's writer read back exactly, the IR and Landlock JSON of
 * the examples, the limits, and the accessors' NULL and wrong-type answers. */
#include <criterion/criterion.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit_bpf.h"
#include "emit_landlock.h"
#include "ir.h"
#include "json.h"
#include "jsonp.h"
#include "nonoc.h"

/* ---- helpers ------------------------------------------------------------- */

static struct jp_doc *parse_ok(const char *text)
{
	char err[JP_ERR_SIZE];
	struct jp_doc *d = jp_parse(text, strlen(text), err, sizeof(err));

	cr_assert_not_null(d, "refused %s: %s", text, err);
	return d;
}

static void expect_err(const char *text, size_t len, const char *want)
{
	char err[JP_ERR_SIZE];
	struct jp_doc *d = jp_parse(text, len, err, sizeof(err));

	cr_assert_null(d, "accepted: %.*s", (int)(len > 80 ? 80 : len), text);
	cr_assert(strstr(err, want), "for %.*s: got \"%s\", want \"%s\"", (int)(len > 80 ? 80 : len), text, err, want);
}

/* ---- valid and invalid corpus ------------------------------------------- */

TestSuite(jsonp_corpus);

Test(jsonp_corpus, valid)
{
	static const char *const ok[] = {
		"null", "true", "false", "0", "-0", "1", "-1", "0.5", "-0.5e-3", "1E10", "1e+2", "1.25E-2",
		"\"\"", "\"a\"", "[]", "{}", " [ ] ", "\t\r\n{ }\n", "[[[]]]", "{\"a\":{\"b\":{}}}",
		"[1,\"2\",true,false,null,{},[]]", "{\"\":0}", "{\"a\":1,\"b\":2,\"A\":3}", "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"",
		"\"\\u00e9\\u20ac\\ud83d\\ude00\"", "\"\x7f\"", "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"",
		"{\"a\":[{\"b\":null}],\"c\":\"\\u0041\"}", "18446744073709551615", "-9223372036854775808", "1e308",
		"123456789012345678901234567890", "4.9e-324", "1e-400",
	};

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		jp_free(parse_ok(ok[i]));
}

Test(jsonp_corpus, invalid)
{
	static const struct {
		const char *text, *err;
	} bad[] = {
		{ "", "line 1 col 1: expected a value, not end of input" },
		{ "   ", "line 1 col 4: expected a value" },
		{ "[1,2,]", "line 1 col 6: trailing comma before ']'" },
		{ "{\"a\":1,}", "line 1 col 8: trailing comma before '}'" },
		{ "[,]", "line 1 col 2: expected a value, not ','" },
		{ "{,}", "line 1 col 2: expected a member name" },
		{ "[1 2]", "line 1 col 4: expected ',' or ']', not '2'" },
		{ "{\"a\" 1}", "line 1 col 6: expected ':'" },
		{ "{\"a\":1 \"b\":2}", "line 1 col 8: expected ',' or '}'" },
		{ "{a:1}", "line 1 col 2: expected a member name (a string), not 'a'" },
		{ "{'a':1}", "expected a member name" },
		{ "['a']", "expected a value, not '''" },
		{ "[1", "line 1 col 3: expected ',' or ']', not end of input" },
		{ "{\"a\":1", "expected ',' or '}', not end of input" },
		{ "[1]]", "line 1 col 4: expected the end of the input after the value, not ']'" },
		{ "1 2", "line 1 col 3: expected the end of the input" },
		{ "// c\n1", "expected a value, not '/'" },
		{ "/* c */ 1", "expected a value, not '/'" },
		{ "[1,/*x*/2]", "expected a value, not '/'" },
		{ "nul", "invalid literal" },
		{ "True", "expected a value, not 'T'" },
		{ "nulll", "expected the end of the input after the value, not 'l'" },
		{ "NaN", "expected a value, not 'N'" },
		{ "Infinity", "expected a value" },
		{ "-Infinity", "expected a digit" },
		{ "+1", "expected a value, not '+'" },
		{ "01", "line 1 col 1: number with a leading zero" },
		{ "-01", "number with a leading zero" },
		{ "1.", "expected a digit after the decimal point, not end of input" },
		{ ".5", "expected a value, not '.'" },
		{ "1.e5", "expected a digit after the decimal point" },
		{ "1e", "expected a digit in the exponent" },
		{ "1e+", "expected a digit in the exponent" },
		{ "-", "expected a digit, not end of input" },
		{ "0x10", "expected the end of the input after the value, not 'x'" },
		{ "1e400", "number out of range" },
		{ "-1e400", "number out of range" },
		{ "\"abc", "line 1 col 1: unterminated string" },
		{ "\"abc\\", "unterminated string" },
		{ "\"a\nb\"", "line 1 col 3: control character U+000A in a string" },
		{ "\"a\tb\"", "control character U+0009" },
		{ "\"\\x41\"", "line 1 col 2: invalid escape '\\x'" },
		{ "\"\\'\"", "invalid escape '\\''" },
		{ "\"\\u12\"", "\\u must be followed by four hex digits" },
		{ "\"\\u12G4\"", "line 1 col 6: \\u must be followed by four hex digits" },
		{ "\"\\u0000\"", "line 1 col 2: \\u0000 is not allowed" },
		{ "\"\\ud800\"", "unpaired surrogate \\uD800" },
		{ "\"\\ud800x\"", "unpaired surrogate \\uD800" },
		{ "\"\\ud800\\n\"", "unpaired surrogate \\uD800" },
		{ "\"\\udc00\"", "unpaired surrogate \\uDC00" },
		{ "\"\\ud800\\u0041\"", "\\u0041 after the high surrogate \\uD800 is not a low surrogate" },
		{ "\"\\ud800\\ud800\"", "is not a low surrogate" },
		{ "\"\xc3\"", "line 1 col 2: invalid UTF-8 (byte 0xC3)" },
		{ "\"\xc0\xaf\"", "invalid UTF-8 (byte 0xC0)" },
		{ "\"\xe0\x80\xaf\"", "invalid UTF-8 (byte 0xE0)" },
		{ "\"\xed\xa0\x80\"", "invalid UTF-8 (byte 0xED)" },
		{ "\"\xf4\x90\x80\x80\"", "invalid UTF-8 (byte 0xF4)" },
		{ "\"\xf5\x80\x80\x80\"", "invalid UTF-8 (byte 0xF5)" },
		{ "\"\x80\"", "invalid UTF-8 (byte 0x80)" },
		{ "\"\xff\"", "invalid UTF-8 (byte 0xFF)" },
		{ "\xef\xbb\xbf{}", "line 1 col 1: byte order mark" },
		{ "\xc3\xa9", "expected a value, not byte 0xC3" },
		{ "{\"a\":1,\"a\":2}", "line 1 col 8: duplicate member name \"a\"" },
		{ "{\"a\":1,\"\\u0061\":2}", "duplicate member name \"a\"" },
		{ "{\"x\":{\"a\":1},\"y\":{\"b\":1,\"b\":1}}", "line 1 col 25: duplicate member name \"b\"" },
		{ "\f1", "expected a value, not U+000C" },
		{ "[1,\n 2,\n x]", "line 3 col 2: expected a value, not 'x'" },
		{ "{\"\xc3\xa9\xc3\xa9\": x}", "line 1 col 8: expected a value, not 'x'" },
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		expect_err(bad[i].text, strlen(bad[i].text), bad[i].err);
	/* NUL bytes: outside strings, inside strings. */
	expect_err("1\0", 2, "line 1 col 2: expected the end of the input after the value, not U+0000");
	expect_err("\"a\0\"", 4, "control character U+0000");
	expect_err("\0", 1, "expected a value, not U+0000");
}

Test(jsonp_corpus, error_buffer)
{
	char err[8];

	/* Truncated, always terminated; a zero-length buffer is left alone. */
	cr_assert_null(jp_parse("[1,]", 4, err, sizeof(err)));
	cr_assert_str_eq(err, "line 1 ");
	cr_assert_null(jp_parse("[1,]", 4, NULL, 0));
	cr_assert_null(jp_parse(NULL, 0, err, sizeof(err)));
}

Test(jsonp_corpus, duplicates_in_large_objects)
{
	/* More than 16 members: found by sorting. Report the first repeat in the text. */
	char text[4096];
	size_t n = 0;

	n += (size_t)snprintf(text + n, sizeof(text) - n, "{");
	for (int i = 0; i < 40; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "%s\"k%02d\":%d", i ? "," : "", i, i);
	n += (size_t)snprintf(text + n, sizeof(text) - n, "}");
	jp_free(parse_ok(text));
	/* k05 repeated at member 31, k03 at member 35 (later): report k05. */
	text[0] = '\0';
	n = 0;
	n += (size_t)snprintf(text + n, sizeof(text) - n, "{");
	for (int i = 0; i < 40; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "%s\"k%02d\":%d", i ? "," : "", i == 31 ? 5 : i == 35 ? 3 : i,
				      i);
	n += (size_t)snprintf(text + n, sizeof(text) - n, "}");
	expect_err(text, n, "duplicate member name \"k05\"");
	/* Same bytes spelled differently; names differing only in length. */
	expect_err("{\"a\":0,\"b\":0,\"c\":0,\"d\":0,\"e\":0,\"f\":0,\"g\":0,\"h\":0,\"i\":0,\"j\":0,\"k\":0,\"l\":0,\"m\":0,"
		   "\"n\":0,\"o\":0,\"p\":0,\"q\":0,\"\\u00e9\":0,\"\xc3\xa9\":0}",
		   strlen("{\"a\":0,\"b\":0,\"c\":0,\"d\":0,\"e\":0,\"f\":0,\"g\":0,\"h\":0,\"i\":0,\"j\":0,\"k\":0,\"l\":0,"
			  "\"m\":0,\"n\":0,\"o\":0,\"p\":0,\"q\":0,\"\\u00e9\":0,\"\xc3\xa9\":0}"),
		   "duplicate member name");
	jp_free(parse_ok("{\"a\":0,\"aa\":0,\"aaa\":0,\"b\":0,\"c\":0,\"d\":0,\"e\":0,\"f\":0,\"g\":0,\"h\":0,\"i\":0,"
			 "\"j\":0,\"k\":0,\"l\":0,\"m\":0,\"n\":0,\"o\":0,\"\":0,\"A\":0}"));
}

/* ---- values ------------------------------------------------------------------ */

TestSuite(jsonp_values);

Test(jsonp_values, numbers)
{
	static const struct {
		const char *text;
		int is_u64, is_i64;
		uint64_t u;
		int64_t i;
		double d;
	} nums[] = {
		{ "0", 1, 1, 0, 0, 0 },
		{ "-0", 1, 1, 0, 0, 0 },
		{ "42", 1, 1, 42, 42, 42 },
		{ "-42", 0, 1, 0, -42, -42 },
		{ "9223372036854775807", 1, 1, 9223372036854775807u, INT64_MAX, 9223372036854775807.0 },
		{ "9223372036854775808", 1, 0, 9223372036854775808u, 0, 9223372036854775808.0 },
		{ "18446744073709551615", 1, 0, UINT64_MAX, 0, 18446744073709551615.0 },
		{ "18446744073709551616", 0, 0, 0, 0, 18446744073709551616.0 },
		{ "-9223372036854775808", 0, 1, 0, INT64_MIN, -9223372036854775808.0 },
		{ "-9223372036854775809", 0, 0, 0, 0, -9223372036854775809.0 },
		{ "1.0", 0, 0, 0, 0, 1.0 },
		{ "1e3", 0, 0, 0, 0, 1000.0 },
		{ "-2.5E-1", 0, 0, 0, 0, -0.25 },
		{ "0.1", 0, 0, 0, 0, 0.1 },
		{ "1e-400", 0, 0, 0, 0, 0.0 },
		{ "1.7976931348623157e308", 0, 0, 0, 0, 1.7976931348623157e308 },
	};

	for (size_t k = 0; k < sizeof(nums) / sizeof(nums[0]); k++) {
		struct jp_doc *d = parse_ok(nums[k].text);
		const struct jp_value *v = jp_root(d);
		uint64_t u = 7;
		int64_t i = 7;
		double f = 7;
		int b;

		cr_assert_eq(jp_type(v), JP_NUMBER);
		cr_assert_eq(jp_u64(v, &u) == 0, nums[k].is_u64, "%s", nums[k].text);
		cr_assert_eq(jp_i64(v, &i) == 0, nums[k].is_i64, "%s", nums[k].text);
		if (nums[k].is_u64)
			cr_assert_eq(u, nums[k].u, "%s", nums[k].text);
		else
			cr_assert_eq(u, 7, "untouched on failure");
		if (nums[k].is_i64)
			cr_assert_eq(i, nums[k].i, "%s", nums[k].text);
		else
			cr_assert_eq(i, 7);
		cr_assert_eq(jp_f64(v, &f), 0);
		cr_assert(f == nums[k].d, "%s: %.17g", nums[k].text, f);
		cr_assert_eq(jp_bool(v, &b), -1);
		cr_assert_null(jp_str(v, NULL));
		jp_free(d);
	}
}

Test(jsonp_values, numbers_ignore_the_locale)
{
	/* A locale with a decimal comma must not change how "0.5" reads. */
	const char *names[] = { "de_DE.UTF-8", "fr_FR.UTF-8", "de_DE", "C.UTF-8" };
	char *old = strdup(setlocale(LC_NUMERIC, NULL));

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (setlocale(LC_NUMERIC, names[i]))
			break;
	struct jp_doc *d = parse_ok("[0.5, 1e2]");
	double f;

	cr_assert_eq(jp_f64(jp_at(jp_root(d), 0), &f), 0);
	cr_assert(f == 0.5);
	cr_assert_eq(jp_f64(jp_at(jp_root(d), 1), &f), 0);
	cr_assert(f == 100.0);
	jp_free(d);
	setlocale(LC_NUMERIC, old);
	free(old);
}

Test(jsonp_values, containers_and_accessors)
{
	struct jp_doc *d = parse_ok("{\"name\":\"x\",\"list\":[1,[2],{\"k\":null}],\"t\":true,\"f\":false,\"n\":null,"
				    "\"e\":{},\"ea\":[]}");
	const struct jp_value *r = jp_root(d), *list = jp_get(r, "list");
	size_t len = 99;
	int b = 7;

	cr_assert_eq(jp_type(r), JP_OBJECT);
	cr_assert_eq(jp_len(r), 7);
	cr_assert_str_eq(jp_key_at(r, 0), "name");
	cr_assert_str_eq(jp_key_at(r, 6), "ea");
	cr_assert_null(jp_key_at(r, 7));
	cr_assert_null(jp_val_at(r, 7));
	cr_assert_eq(jp_val_at(r, 1), list);
	cr_assert_str_eq(jp_str(jp_get(r, "name"), &len), "x");
	cr_assert_eq(len, 1);
	cr_assert_eq(jp_type(list), JP_ARRAY);
	cr_assert_eq(jp_len(list), 3);
	cr_assert_eq(jp_type(jp_at(list, 1)), JP_ARRAY);
	cr_assert_eq(jp_type(jp_get(jp_at(list, 2), "k")), JP_NULL);
	cr_assert_not_null(jp_get(jp_at(list, 2), "k"), "a null member is present");
	cr_assert_null(jp_at(list, 3));
	cr_assert_eq(jp_bool(jp_get(r, "t"), &b), 0);
	cr_assert_eq(b, 1);
	cr_assert_eq(jp_bool(jp_get(r, "f"), &b), 0);
	cr_assert_eq(b, 0);
	cr_assert_eq(jp_bool(jp_get(r, "n"), &b), -1);
	cr_assert_eq(jp_type(jp_get(r, "e")), JP_OBJECT);
	cr_assert_eq(jp_len(jp_get(r, "e")), 0);
	cr_assert_eq(jp_len(jp_get(r, "ea")), 0);
	cr_assert_null(jp_at(jp_get(r, "ea"), 0));
	/* Absent, wrong type, NULL: the "absent" answers, never a crash. */
	cr_assert_null(jp_get(r, "missing"));
	cr_assert_null(jp_get(r, NULL));
	cr_assert_null(jp_get(list, "name"));
	cr_assert_null(jp_at(r, 0), "an object is not an array");
	cr_assert_null(jp_key_at(list, 0));
	cr_assert_null(jp_val_at(list, 0));
	cr_assert_eq(jp_len(jp_get(r, "name")), 0, "a string has no length here");
	cr_assert_eq(jp_type(NULL), JP_NULL);
	cr_assert_null(jp_get(NULL, "x"));
	cr_assert_eq(jp_len(NULL), 0);
	cr_assert_null(jp_at(NULL, 0));
	cr_assert_null(jp_key_at(NULL, 0));
	cr_assert_null(jp_val_at(NULL, 0));
	cr_assert_null(jp_str(NULL, &len));
	cr_assert_eq(jp_u64(NULL, &(uint64_t){ 0 }), -1);
	cr_assert_eq(jp_i64(NULL, &(int64_t){ 0 }), -1);
	cr_assert_eq(jp_f64(NULL, &(double){ 0 }), -1);
	cr_assert_eq(jp_bool(NULL, &b), -1);
	cr_assert_eq(jp_u64(jp_get(r, "name"), &(uint64_t){ 0 }), -1);
	cr_assert_null(jp_root(NULL));
	jp_free(NULL);
	jp_free(d);
}

Test(jsonp_values, first_member_wins_nothing)
{
	/* Duplicates are refused, so jp_get() never has to choose. Names are
	 * compared after unescaping, exactly (case, normalisation). */
	struct jp_doc *d = parse_ok("{\"\\u0041\":1,\"a\":2,\"\xc3\xa9\":3,\"e\\u0301\":4}");
	uint64_t u;

	cr_assert_eq(jp_u64(jp_get(jp_root(d), "A"), &u), 0);
	cr_assert_eq(u, 1);
	cr_assert_eq(jp_u64(jp_get(jp_root(d), "\xc3\xa9"), &u), 0);
	cr_assert_eq(u, 3);
	cr_assert_eq(jp_u64(jp_get(jp_root(d), "e\xcc\x81"), &u), 0);
	cr_assert_eq(u, 4);
	jp_free(d);
}

Test(jsonp_values, escapes)
{
	struct jp_doc *d = parse_ok("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0001\\u001f\\u007F\\u00e9\\u20AC\\uFFFF\\uD800\\uDC00"
				    "\\udbff\\udfff\"");
	size_t len;
	const char *s = jp_str(jp_root(d), &len);
	static const char want[] = "\"\\/\b\f\n\r\t\x01\x1f\x7f\xc3\xa9\xe2\x82\xac\xef\xbf\xbf\xf0\x90\x80\x80"
				   "\xf4\x8f\xbf\xbf";

	cr_assert_eq(len, sizeof(want) - 1);
	cr_assert_eq(memcmp(s, want, len), 0);
	cr_assert_eq(s[len], '\0');
	jp_free(d);
}

/* ---- UTF-8 ------------------------------------------------------------------- */

TestSuite(jsonp_utf8);

static size_t put_utf8(char *b, uint32_t cp)
{
	if (cp < 0x80) {
		b[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		b[0] = (char)(0xc0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		b[0] = (char)(0xe0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	b[0] = (char)(0xf0 | (cp >> 18));
	b[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	b[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	b[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Every scalar value U+0001..U+10FFFF, in strings of 4096 code points: raw
 * (control characters escaped) and as \u escapes (surrogate pairs above
 * U+FFFF) decode to the same bytes. */
Test(jsonp_utf8, every_code_point)
{
	size_t cap = 64u << 20;
	char *raw = malloc(cap), *esc = malloc(cap), *want = malloc(cap);
	size_t nr = 0, ne = 0, nw = 0, nstr = 0;
	char err[JP_ERR_SIZE];

	cr_assert(raw && esc && want);
	raw[nr++] = '[';
	esc[ne++] = '[';
	for (uint32_t cp = 1; cp <= 0x10ffff; cp++) {
		if (cp >= 0xd800 && cp <= 0xdfff)
			continue;
		if (cp % 4096 == 1 || cp == 0xe000) {
			if (nstr++) {
				memcpy(raw + nr, "\",", 2);
				memcpy(esc + ne, "\",", 2);
				nr += 2;
				ne += 2;
				want[nw++] = '\0';
			}
			raw[nr++] = '"';
			esc[ne++] = '"';
		}
		if (cp < 0x20 || cp == '"' || cp == '\\')
			nr += (size_t)sprintf(raw + nr, "\\u%04x", cp);
		else
			nr += put_utf8(raw + nr, cp);
		if (cp < 0x10000)
			ne += (size_t)sprintf(esc + ne, "\\u%04X", cp);
		else
			ne += (size_t)sprintf(esc + ne, "\\u%04x\\u%04x", 0xd800 + ((cp - 0x10000) >> 10),
					      0xdc00 + ((cp - 0x10000) & 0x3ff));
		nw += put_utf8(want + nw, cp);
	}
	memcpy(raw + nr, "\"]", 2);
	memcpy(esc + ne, "\"]", 2);
	nr += 2;
	ne += 2;
	want[nw++] = '\0';

	struct jp_doc *a = jp_parse(raw, nr, err, sizeof(err));
	cr_assert_not_null(a, "%s", err);
	struct jp_doc *b = jp_parse(esc, ne, err, sizeof(err));
	cr_assert_not_null(b, "%s", err);
	cr_assert_eq(jp_len(jp_root(a)), nstr);
	cr_assert_eq(jp_len(jp_root(b)), nstr);
	size_t off = 0;

	for (size_t i = 0; i < nstr; i++) {
		size_t la, lb;
		const char *sa = jp_str(jp_at(jp_root(a), i), &la), *sb = jp_str(jp_at(jp_root(b), i), &lb);

		cr_assert_eq(la, strlen(want + off), "string %zu", i);
		cr_assert_eq(lb, la);
		cr_assert_eq(memcmp(sa, want + off, la), 0, "string %zu", i);
		cr_assert_eq(memcmp(sb, want + off, la), 0, "string %zu", i);
		off += la + 1;
	}
	jp_free(a);
	jp_free(b);
	free(raw);
	free(esc);
	free(want);
}

/* jsonp accepts a byte sequence in a string exactly when json.c's decoder
 * says it is one well-formed character: every 2- and 3-byte sequence, and
 * every 4-byte one with a continuation-or-not pattern in its tail. */
static void agree(const unsigned char *seq, size_t n)
{
	char text[8], err[JP_ERR_SIZE];
	uint32_t cp;
	int valid = json_utf8_next((const char *)seq, n, &cp) == n;
	struct jp_doc *d;

	text[0] = '"';
	memcpy(text + 1, seq, n);
	text[n + 1] = '"';
	d = jp_parse(text, n + 2, err, sizeof(err));
	if (valid != (d != NULL))
		cr_assert_fail("%02x %02x %02x %02x (%zu bytes): json.c says %s, jsonp says %s", seq[0], seq[1], n > 2 ? seq[2] : 0,
			 n > 3 ? seq[3] : 0, n, valid ? "valid" : "invalid", d ? "valid" : err);
	jp_free(d);
}

Test(jsonp_utf8, agrees_with_the_writer)
{
	unsigned char s[4];

	for (unsigned a = 0x80; a < 0x100; a++) {
		s[0] = (unsigned char)a;
		for (unsigned b = 0x20; b < 0x100; b++) {
			if (b == '"' || b == '\\')
				continue;
			s[1] = (unsigned char)b;
			agree(s, 2);
			if (a < 0xe0)
				continue;
			for (unsigned c = 0x20; c < 0x100; c++) {
				if (c == '"' || c == '\\')
					continue;
				s[2] = (unsigned char)c;
				agree(s, 3);
				if (a < 0xf0 || (c != 0x80 && c != 0xbf && c != 0x41 && c != 0xc0))
					continue;
				static const unsigned char tails[] = { 0x41, 0x80, 0x9f, 0xbf, 0xc0, 0xff };

				for (size_t t = 0; t < sizeof(tails); t++) {
					s[3] = tails[t];
					agree(s, 4);
				}
			}
		}
	}
}

/* ---- round trip against the writer ------------------------------------------ */

TestSuite(jsonp_roundtrip);

static uint64_t rng_state = 0x9e3779b97f4a7c15u;

static uint64_t rnd(void)
{
	/* xorshift64*: deterministic, so a failure reproduces. */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717u;
}

/* A random C string: mostly ASCII, some control characters, quotes and
 * backslashes, valid multi-byte characters, U+2028, and invalid bytes (the
 * writer turns those into U+FFFD). */
static char *rnd_string(void)
{
	size_t n = rnd() % 24;
	char *s = malloc(4 * n + 1), *p = s;

	for (size_t i = 0; i < n; i++) {
		switch (rnd() % 8) {
		case 0:
			*p++ = (char)(1 + rnd() % 0x1f);
			break;
		case 1:
			*p++ = "\"\\/\x7f"[rnd() % 4];
			break;
		case 2: {
			static const uint32_t cps[] = { 0xe9, 0x20ac, 0x2028, 0x2029, 0xfffd, 0xffff, 0x1f600, 0x10ffff, 0x80 };

			p += put_utf8(p, cps[rnd() % (sizeof(cps) / sizeof(cps[0]))]);
			break;
		}
		case 3:
			*p++ = (char)(0x80 + rnd() % 0x80); /* usually invalid on its own */
			break;
		default:
			*p++ = (char)(0x20 + rnd() % 0x5f);
		}
	}
	*p = '\0';
	return s;
}

/* What the writer makes of @s after a round trip: invalid bytes → U+FFFD. */
static char *expected_string(const char *s)
{
	size_t len = strlen(s);
	char *out = malloc(3 * len + 1), *p = out;

	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = json_utf8_next(s + i, len - i, &cp);

		if (n == 0) {
			memcpy(p, "\xef\xbf\xbd", 3);
			p += 3;
			i++;
		} else {
			memcpy(p, s + i, n);
			p += n;
			i += n;
		}
	}
	*p = '\0';
	return out;
}

/* A model of the document, to compare the parsed tree with. */
struct node {
	enum jp_type type;
	int b;
	int neg;
	uint64_t u;
	int64_t i;
	char *s;        /* string value (as written) */
	char **keys;    /* object member names (as written) */
	struct node *kids;
	size_t n;
};

static void gen(struct node *nd, struct json_writer *w, int depth)
{
	unsigned k = (unsigned)(rnd() % (depth >= 6 ? 5 : 8));

	memset(nd, 0, sizeof(*nd));
	switch (k) {
	case 0:
		nd->type = JP_NULL;
		json_null(w);
		break;
	case 1:
		nd->type = JP_BOOL;
		nd->b = (int)(rnd() & 1);
		json_bool(w, nd->b);
		break;
	case 2:
		nd->type = JP_NUMBER;
		nd->u = rnd() >> (rnd() % 64);
		if (rnd() % 4 == 0)
			nd->u = rnd() % 2 ? UINT64_MAX : 0;
		json_uint(w, nd->u);
		break;
	case 3:
		nd->type = JP_NUMBER;
		nd->neg = 1;
		nd->i = -(int64_t)(rnd() >> (1 + rnd() % 63)) - 1;
		if (rnd() % 4 == 0)
			nd->i = INT64_MIN;
		json_int(w, nd->i);
		break;
	case 4:
		nd->type = JP_STRING;
		nd->s = rnd_string();
		json_string(w, nd->s);
		break;
	case 5:
	case 6:
		nd->type = JP_ARRAY;
		nd->n = rnd() % 6;
		nd->kids = calloc(nd->n + 1, sizeof(*nd->kids));
		json_array_begin(w);
		for (size_t i = 0; i < nd->n; i++)
			gen(&nd->kids[i], w, depth + 1);
		json_array_end(w);
		break;
	default:
		nd->type = JP_OBJECT;
		nd->n = rnd() % 6;
		nd->kids = calloc(nd->n + 1, sizeof(*nd->kids));
		nd->keys = calloc(nd->n + 1, sizeof(*nd->keys));
		json_object_begin(w);
		for (size_t i = 0; i < nd->n; i++) {
			/* Unique after the writer's U+FFFD mapping: a numbered prefix. */
			char *r = rnd_string(), *key = malloc(strlen(r) + 16);

			sprintf(key, "%zu:%s", i, r);
			free(r);
			nd->keys[i] = key;
			json_key(w, key);
			gen(&nd->kids[i], w, depth + 1);
		}
		json_object_end(w);
	}
}

static void check(const struct node *nd, const struct jp_value *v)
{
	cr_assert_eq(jp_type(v), nd->type);
	switch (nd->type) {
	case JP_NULL:
		break;
	case JP_BOOL: {
		int b;

		cr_assert_eq(jp_bool(v, &b), 0);
		cr_assert_eq(b, nd->b);
		break;
	}
	case JP_NUMBER:
		if (nd->neg) {
			int64_t i;

			cr_assert_eq(jp_i64(v, &i), 0);
			cr_assert_eq(i, nd->i);
			cr_assert_eq(jp_u64(v, &(uint64_t){ 0 }), -1);
		} else {
			uint64_t u;

			cr_assert_eq(jp_u64(v, &u), 0);
			cr_assert_eq(u, nd->u);
		}
		break;
	case JP_STRING: {
		char *want = expected_string(nd->s);

		cr_assert_str_eq(jp_str(v, NULL), want);
		free(want);
		break;
	}
	case JP_ARRAY:
		cr_assert_eq(jp_len(v), nd->n);
		for (size_t i = 0; i < nd->n; i++)
			check(&nd->kids[i], jp_at(v, i));
		break;
	case JP_OBJECT:
		cr_assert_eq(jp_len(v), nd->n);
		for (size_t i = 0; i < nd->n; i++) {
			char *want = expected_string(nd->keys[i]);

			cr_assert_str_eq(jp_key_at(v, i), want);
			cr_assert_eq(jp_get(v, want), jp_val_at(v, i));
			check(&nd->kids[i], jp_val_at(v, i));
			free(want);
		}
		break;
	}
}

static void drop(struct node *nd)
{
	for (size_t i = 0; i < nd->n; i++) {
		drop(&nd->kids[i]);
		if (nd->keys)
			free(nd->keys[i]);
	}
	free(nd->kids);
	free(nd->keys);
	free(nd->s);
}

Test(jsonp_roundtrip, random_documents)
{
	for (int round = 0; round < 3000; round++) {
		char *buf = NULL, err[JP_ERR_SIZE];
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);
		struct json_writer w;
		struct node root;

		cr_assert_not_null(f);
		json_init(&w, f, round % 3 == 0 ? 2 : 0);
		gen(&root, &w, 0);
		json_finish(&w);
		cr_assert_eq(fclose(f), 0);
		struct jp_doc *d = jp_parse(buf, len, err, sizeof(err));

		cr_assert_not_null(d, "round %d: %s\n%s", round, err, buf);
		check(&root, jp_root(d));
		jp_free(d);
		drop(&root);
		free(buf);
	}
}

/* The IR and Landlock JSON of the repository's example policies parse, and
 * read back what the IR holds. */
static void check_ir(const char *file)
{
	char path[4096], *buf = NULL, err[JP_ERR_SIZE];
	size_t len = 0;
	nonoc_ctx *ctx = nonoc_new();
	int src;
	const struct nono_ir *ir;

	snprintf(path, sizeof(path), "%s/examples/%s", NONO_SRCDIR, file);
	cr_assert_not_null(ctx);
	src = nonoc_add_file(ctx, path);
	cr_assert_geq(src, 0, "%s", path);
	cr_assert_eq(nonoc_check(ctx, src), 0, "%s does not check", path);
	ir = nono_ir_of(ctx, src);
	cr_assert_not_null(ir);

	for (int indent = 0; indent <= 2; indent += 2) {
		FILE *f = open_memstream(&buf, &len);

		nono_ir_write_json(ir, f, indent, 1);
		cr_assert_eq(fclose(f), 0);
		struct jp_doc *d = jp_parse(buf, len, err, sizeof(err));
		cr_assert_not_null(d, "%s: %s", file, err);
		const struct jp_value *r = jp_root(d), *doms = jp_get(r, "domains");
		uint64_t u;

		cr_assert_str_eq(jp_str(jp_get(r, "policy"), NULL), ir->name);
		cr_assert_eq(jp_u64(jp_get(r, "version"), &u), 0);
		cr_assert_eq(u, ir->version);
		cr_assert_eq(jp_len(doms), ir->ndomains);
		for (size_t i = 0; i < ir->ndomains; i++) {
			const struct jp_value *dm = jp_at(doms, i);

			cr_assert_str_eq(jp_str(jp_get(dm, "name"), NULL), ir->domains[i].name);
			cr_assert_eq(jp_len(jp_get(dm, "fs")), ir->domains[i].nfs);
			cr_assert_eq(jp_len(jp_get(dm, "net")), ir->domains[i].nnet);
			for (size_t k = 0; k < ir->domains[i].nfs; k++) {
				const struct jp_value *fs = jp_at(jp_get(dm, "fs"), k);

				cr_assert_str_eq(jp_str(jp_get(fs, "base"), NULL), ir->domains[i].fs[k].base);
				cr_assert_str_eq(jp_str(jp_get(fs, "pattern"), NULL), ir->domains[i].fs[k].pattern);
				cr_assert_eq(jp_u64(jp_get(fs, "rule"), &u), 0);
				cr_assert_eq(u, ir->domains[i].fs[k].rule);
			}
		}
		cr_assert_eq(jp_len(jp_get(r, "rules")), ir->nrules);
		for (size_t i = 0; i < ir->nrules; i++)
			cr_assert_str_eq(jp_str(jp_get(jp_at(jp_get(r, "rules"), i), "text"), NULL), ir->rules[i].text);
		jp_free(d);
		free(buf);
		buf = NULL;
	}

	FILE *f = open_memstream(&buf, &len);

	cr_assert_eq(nono_emit_landlock(ir, f), 0);
	cr_assert_eq(fclose(f), 0);
	struct jp_doc *d = jp_parse(buf, len, err, sizeof(err));

	cr_assert_not_null(d, "%s landlock: %s", file, err);
	cr_assert_eq(jp_type(jp_root(d)), JP_OBJECT);
	cr_assert_gt(jp_len(jp_root(d)), 0);
	jp_free(d);
	free(buf);
	nonoc_free(ctx);
}

Test(jsonp_roundtrip, example_ir_and_landlock)
{
	check_ir("email-agent.nono");
	check_ir("coding-agent.yaml");
	check_ir("data-analyst.yaml");
}

/* ---- limits ------------------------------------------------------------------- */

TestSuite(jsonp_limits);

/* @depth nested arrays: "[[[...]]]". */
static char *nested(unsigned depth, size_t *len)
{
	char *s = malloc(2 * (size_t)depth + 1);

	memset(s, '[', depth);
	memset(s + depth, ']', depth);
	s[2 * (size_t)depth] = '\0';
	*len = 2 * (size_t)depth;
	return s;
}

Test(jsonp_limits, depth)
{
	size_t len;
	char *s = nested(JP_MAX_DEPTH, &len), err[JP_ERR_SIZE];
	struct jp_doc *d = jp_parse(s, len, err, sizeof(err));

	cr_assert_not_null(d, "%s", err);
	jp_free(d);
	free(s);
	s = nested(JP_MAX_DEPTH + 1, &len);
	expect_err(s, len, "line 1 col 65: nesting deeper than 64");
	free(s);
	/* Objects count the same, mixed with arrays. */
	char buf[1024];
	size_t n = 0;

	for (unsigned i = 0; i < JP_MAX_DEPTH + 1; i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, i % 2 ? "[" : "{\"k\":");
	expect_err(buf, n, "nesting deeper than 64");
	/* Very deep input fails fast, without deep recursion. */
	s = nested(1000000, &len);
	expect_err(s, len, "nesting deeper than 64");
	free(s);
}

Test(jsonp_limits, string_length)
{
	size_t max = JP_MAX_STRING;
	char *s = malloc(6 * max + 16), err[JP_ERR_SIZE];
	struct jp_doc *d;
	size_t len;

	s[0] = '"';
	memset(s + 1, 'a', max);
	s[max + 1] = '"';
	d = jp_parse(s, max + 2, err, sizeof(err));
	cr_assert_not_null(d, "%s", err);
	cr_assert_eq(strlen(jp_str(jp_root(d), &len)), max);
	cr_assert_eq(len, max);
	jp_free(d);
	memset(s + 1, 'a', max + 1);
	s[max + 2] = '"';
	expect_err(s, max + 3, "line 1 col 1: string longer than 1048576 bytes");
	/* The limit is on the decoded bytes: escapes count for what they make. */
	len = 0;
	s[len++] = '"';
	for (size_t i = 0; i < max / 2; i++) {
		memcpy(s + len, "\\u00e9", 6); /* 2 bytes each */
		len += 6;
	}
	s[len++] = '"';
	d = jp_parse(s, len, err, sizeof(err));
	cr_assert_not_null(d, "%s", err);
	jp_free(d);
	memcpy(s + len - 1, "x\"", 2);
	expect_err(s, len + 1, "string longer than");
	/* Member names too. */
	s[0] = '{';
	s[1] = '"';
	memset(s + 2, 'k', max + 1);
	memcpy(s + max + 3, "\":1}", 4);
	expect_err(s, max + 7, "line 1 col 2: string longer than");
	free(s);
}

Test(jsonp_limits, input_size)
{
	size_t len = (size_t)JP_MAX_INPUT + 1;
	char *s = malloc(len), err[JP_ERR_SIZE];

	cr_assert_not_null(s);
	/* A valid document one byte too long: refused before it is read. */
	memset(s, ' ', len);
	s[0] = '0';
	expect_err(s, len, "line 1 col 1: input larger than 67108864 bytes");
	/* Exactly the limit: fine. */
	struct jp_doc *d = jp_parse(s, len - 1, err, sizeof(err));

	cr_assert_not_null(d, "%s", err);
	jp_free(d);
	free(s);
}

Test(jsonp_limits, value_count)
{
	size_t n = JP_MAX_VALUES; /* the array itself is one value */
	char *s = malloc(2 * n + 4), err[JP_ERR_SIZE];
	size_t len = 0;

	s[len++] = '[';
	for (size_t i = 0; i + 1 < n; i++) {
		s[len++] = '0';
		s[len++] = ',';
	}
	s[len - 1] = ']';
	struct jp_doc *d = jp_parse(s, len, err, sizeof(err));

	cr_assert_not_null(d, "%s", err);
	cr_assert_eq(jp_len(jp_root(d)), n - 1);
	jp_free(d);
	s[len - 1] = ',';
	memcpy(s + len, "0,0]", 4);
	expect_err(s, len + 4, "more than 4194304 values");
	free(s);
}

Test(jsonp_limits, many_documents_independent)
{
	/* No shared state: documents outlive each other in any order. */
	struct jp_doc *a = parse_ok("{\"x\":\"a\"}"), *b = parse_ok("{\"x\":\"b\"}");
	const char *sa = jp_str(jp_get(jp_root(a), "x"), NULL);

	jp_free(b);
	cr_assert_str_eq(sa, "a");
	jp_free(a);
}
