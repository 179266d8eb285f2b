/* SPDX-License-Identifier: Apache-2.0 */
/* The nono scanner (grammar/lexer.l): token classes, escapes, values,
 * newline handling and limits. Tokens are read with nono_lex_next(), i.e.
 * exactly as the parser receives them (dropped and inserted ends of line
 * included); the scanner's diagnostics are read from the context. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "../../grammar/parse.h"

#define MAXTOK 4096

struct lexed {
	nonoc_ctx *ctx;
	int src;
	int n;
	int kind[MAXTOK];
	struct nono_tok text[MAXTOK];
	struct nono_loc loc[MAXTOK];
	char shape[16384]; /* "fs read string(/x) EOL" */
};

static struct lexed *L;

static void fini(void)
{
	if (L) {
		nonoc_free(L->ctx);
		free(L);
		L = NULL;
	}
}

static void append(char *buf, size_t size, const char *s)
{
	size_t n = strlen(buf);

	snprintf(buf + n, size - n, "%s%s", n ? " " : "", s);
}

/* Scan @text (@len bytes) to the end; describe the tokens in L->shape. */
static struct lexed *lex_n(const char *text, size_t len)
{
	fini();
	L = calloc(1, sizeof(*L));
	cr_assert_not_null(L);
	L->ctx = nonoc_new();
	L->src = nonoc_add_source(L->ctx, "t.nono", text, len);
	cr_assert_geq(L->src, 0);

	struct nono_source *s = nono_source_get(L->ctx, L->src);
	struct nono_parser P = { .ctx = L->ctx, .src = L->src };

	cr_assert_eq(nono_scan_init(&P, s->text, s->len), 0);
	for (;;) {
		struct nono_tok t;
		struct nono_loc loc;
		char name[64], item[160];
		int k = nono_lex_next(&P, &t, &loc);

		if (k == 0)
			break;
		cr_assert_lt(L->n, MAXTOK, "too many tokens");
		L->kind[L->n] = k;
		L->text[L->n] = t;
		L->loc[L->n] = loc;
		L->n++;
		nono_token_display(k, name, sizeof(name));
		if (!strcmp(name, "string") || !strcmp(name, "identifier") || !strcmp(name, "value") ||
		    !strcmp(name, "@group") || !strcmp(name, "unquoted path")) {
			const char *cls = !strcmp(name, "identifier") ? "ident"
					: !strcmp(name, "@group")     ? "group"
					: !strcmp(name, "unquoted path") ? "barepath"
									 : name;

			snprintf(item, sizeof(item), "%s(%.*s)", cls, (int)(t.len > 100 ? 100 : t.len), t.s);
		} else if (!strcmp(name, "end of line")) {
			snprintf(item, sizeof(item), "EOL");
		} else if (name[0] == '\'') {
			snprintf(item, sizeof(item), "%.*s", (int)strlen(name) - 2, name + 1); /* '{' → { */
		} else {
			snprintf(item, sizeof(item), "%s", name); /* keywords; "error" */
		}
		append(L->shape, sizeof(L->shape), item);
	}
	nono_scan_done(&P);
	return L;
}

static struct lexed *lex(const char *text)
{
	return lex_n(text, strlen(text));
}

static size_t ndiags(void)
{
	size_t n = 0;

	for (struct nonoc_diag *d = L->ctx->diags; d; d = d->next)
		n++;
	return n;
}

static struct nonoc_diag *diag(size_t i)
{
	struct nonoc_diag *d = L->ctx->diags;

	while (d && i--)
		d = d->next;
	cr_assert_not_null(d, "no diagnostic #%zu", i);
	return d;
}

/* "line:col" of a byte offset of the scanned source. */
static const char *lc(uint32_t off)
{
	static char buf[8][32];
	static int i;
	struct nono_pos p = nono_source_pos(L->ctx, L->src, off);

	i = (i + 1) % 8;
	snprintf(buf[i], sizeof(buf[i]), "%u:%u", p.line, p.col);
	return buf[i];
}

static int has_hint(struct nonoc_diag *d, const char *part)
{
	for (struct nono_hint *h = d->hints; h; h = h->next)
		if (strstr(h->msg, part))
			return 1;
	return 0;
}

#define SHAPE(src, want)                                                                \
	do {                                                                            \
		lex(src);                                                               \
		cr_assert_str_eq(L->shape, want, "source: %s", src);                     \
	} while (0)

#define CLEAN(src, want)                                                                \
	do {                                                                            \
		SHAPE(src, want);                                                       \
		cr_assert_eq(ndiags(), 0, "source: %s: %zu diagnostics, first: %s", src, ndiags(), \
			     L->ctx->diags ? L->ctx->diags->msg : "");                   \
	} while (0)

TestSuite(lexer, .fini = fini);

/* ---- strings ---- */

Test(lexer, string_escapes_are_decoded)
{
	CLEAN("\"a\\\\b\\\"c\\nd\\te\"", "string(a\\b\"c\nd\te) EOL");
	cr_assert_eq(L->text[0].len, 9);
	cr_assert_eq(L->text[0].s[9], '\0', "NUL-terminated");
	cr_assert_eq(L->loc[0].start, 0);
	cr_assert_eq(L->loc[0].end, 15, "the location covers the quotes and escapes as written");
}

Test(lexer, empty_string_and_strings_with_spaces_and_hashes)
{
	CLEAN("\"\"", "string() EOL");
	cr_assert_eq(L->text[0].len, 0);
	CLEAN("\"/my dir/#1/{x}, y;z\"", "string(/my dir/#1/{x}, y;z) EOL");
}

Test(lexer, non_ascii_inside_a_string_is_kept)
{
	CLEAN("fs read \"/home/jos\xc3\xa9/\xe6\x97\xa5\xe6\x9c\xac\"", "fs read string(/home/jos\xc3\xa9/\xe6\x97\xa5\xe6\x9c\xac) EOL");
}

Test(lexer, unterminated_string)
{
	SHAPE("fs read \"/etc/x\nmode audit\n", "fs read error EOL mode audit EOL");
	cr_assert_eq(ndiags(), 1);
	cr_assert_eq(diag(0)->code, NONO_E003);
	cr_assert_str_eq(lc(diag(0)->span.start), "1:9");
	cr_assert_str_eq(lc(diag(0)->span.end), "1:16", "to the end of the line");
	cr_assert(has_hint(diag(0), "same line"));
}

Test(lexer, unterminated_string_at_end_of_input)
{
	SHAPE("fs read \"/etc/x", "fs read error EOL");
	cr_assert_eq(ndiags(), 1);
	cr_assert_eq(diag(0)->code, NONO_E003);
}

Test(lexer, unterminated_string_whose_last_quote_is_escaped)
{
	SHAPE("fs read \"C:\\\"\n", "fs read error EOL");
	cr_assert_eq(diag(0)->code, NONO_E003);
	cr_assert(has_hint(diag(0), "escapes it"), "hint: %s", diag(0)->hints ? diag(0)->hints->msg : "");
}

Test(lexer, unknown_escape_is_reported_at_the_backslash_and_kept)
{
	SHAPE("fs read \"/home/\\user\"", "fs read string(/home/\\user) EOL");
	cr_assert_eq(ndiags(), 1);
	cr_assert_eq(diag(0)->code, NONO_E004);
	cr_assert_str_eq(lc(diag(0)->span.start), "1:16");
	cr_assert_eq(diag(0)->span.end - diag(0)->span.start, 2, "underlines \\u");
	cr_assert(strstr(diag(0)->msg, "'\\u'"));
}

Test(lexer, every_bad_escape_of_a_string_is_reported)
{
	SHAPE("\"\\q\\w\"", "string(\\q\\w) EOL");
	cr_assert_eq(ndiags(), 2);
	cr_assert_str_eq(lc(diag(0)->span.start), "1:2");
	cr_assert_str_eq(lc(diag(1)->span.start), "1:4");
}

Test(lexer, single_quotes_are_reported_and_read_as_a_string)
{
	SHAPE("fs read '/x', \"/y\"", "fs read string(/x) , string(/y) EOL");
	cr_assert_eq(ndiags(), 1);
	cr_assert_eq(diag(0)->code, NONO_E002);
	cr_assert(strstr(diag(0)->msg, "double quotes"));
	cr_assert(has_hint(diag(0), "\"/x\""));
}

Test(lexer, typographic_quotes_are_reported_and_read_as_a_string)
{
	SHAPE("fs read \xe2\x80\x9c/datasets/**\xe2\x80\x9d", "fs read string(/datasets/**) EOL");
	cr_assert_eq(ndiags(), 1);
	cr_assert_eq(diag(0)->code, NONO_E002);
	cr_assert(strstr(diag(0)->msg, "typographic"));
	SHAPE("fs read \xe2\x80\x98/x\xe2\x80\x99", "fs read string(/x) EOL");
	cr_assert_eq(ndiags(), 1);
}

/* ---- invalid characters ---- */

Test(lexer, invalid_character)
{
	SHAPE("mode ^audit", "mode error audit EOL");
	cr_assert_eq(ndiags(), 1);
	cr_assert_eq(diag(0)->code, NONO_E002);
	cr_assert_str_eq(diag(0)->msg, "unexpected character '^'");
	cr_assert_str_eq(lc(diag(0)->span.start), "1:6");
}

Test(lexer, control_characters_are_shown_escaped)
{
	lex("mode \x01 audit");
	cr_assert_eq(ndiags(), 1);
	cr_assert_str_eq(diag(0)->msg, "unexpected control character 0x01");
}

Test(lexer, one_invalid_character_is_reported_per_line)
{
	SHAPE("! ! !\n^ ^\n", "error error error EOL error error EOL");
	cr_assert_eq(ndiags(), 2, "one per line, not one per character");
	cr_assert_str_eq(lc(diag(0)->span.start), "1:1");
	cr_assert_str_eq(lc(diag(1)->span.start), "2:1");
}

Test(lexer, non_ascii_outside_a_string)
{
	SHAPE("fs read caf\xc3\xa9", "fs read ident(caf) error EOL");
	cr_assert_eq(ndiags(), 1);
	cr_assert_eq(diag(0)->code, NONO_E002);
	cr_assert(strstr(diag(0)->msg, "non-ASCII"));
	cr_assert_eq(diag(0)->span.end - diag(0)->span.start, 2, "the whole UTF-8 sequence");
}

Test(lexer, non_breaking_space_is_reported_and_read_as_a_blank)
{
	SHAPE("fs\xc2\xa0read \"/x\"", "fs read string(/x) EOL");
	cr_assert_eq(ndiags(), 1);
	cr_assert(strstr(diag(0)->msg, "non-breaking space"));
}

Test(lexer, brackets_hint_at_lists)
{
	lex("fs read [\"/x\"]");
	cr_assert_eq(ndiags(), 1);
	cr_assert(has_hint(diag(0), "without brackets"));
}

/* ---- values ---- */

Test(lexer, sizes_rates_durations_percentages)
{
	CLEAN("512MiB 2GiB 10KiB 1024 50% 1.5 10m 90s 250ms 1h 10MiB/s",
	      "value(512MiB) value(2GiB) value(10KiB) value(1024) value(50%) value(1.5) value(10m) "
	      "value(90s) value(250ms) value(1h) value(10MiB/s) EOL");
}

Test(lexer, ipv4_addresses_ports_cidrs_and_ranges)
{
	CLEAN("10.0.0.5 10.0.0.5:5432 10.0.0.0/8 169.254.169.254 8080 1024-2048 10.0.0.1:8000-8080",
	      "value(10.0.0.5) value(10.0.0.5:5432) value(10.0.0.0/8) value(169.254.169.254) value(8080) "
	      "value(1024-2048) value(10.0.0.1:8000-8080) EOL");
}

Test(lexer, bracketed_ipv6)
{
	CLEAN("[::1] [::1]:443 [2001:db8::1]:8000-8080 [2001:db8::]/32 [::ffff:10.0.0.1]:80",
	      "value([::1]) value([::1]:443) value([2001:db8::1]:8000-8080) value([2001:db8::]/32) "
	      "value([::ffff:10.0.0.1]:80) EOL");
}

Test(lexer, bare_ipv6)
{
	CLEAN("::1 :: fe80::/10 2001:db8::1 fe80::1 ::ffff:10.0.0.1 2001:db8:0:0:0:0:0:1",
	      "value(::1) value(::) value(fe80::/10) value(2001:db8::1) value(fe80::1) value(::ffff:10.0.0.1) "
	      "value(2001:db8:0:0:0:0:0:1) EOL");
}

Test(lexer, a_lone_colon_is_not_a_value)
{
	SHAPE("net connect : 443", "net connect error value(443) EOL");
	cr_assert_eq(ndiags(), 1);
	cr_assert_eq(diag(0)->code, NONO_E002);
}

Test(lexer, value_list_with_commas)
{
	CLEAN("tcp 10.0.0.1:443,10.0.0.2:443 , udp [::1]:53",
	      "tcp value(10.0.0.1:443) , value(10.0.0.2:443) , udp value([::1]:53) EOL");
}

/* ---- words ---- */

Test(lexer, groups)
{
	CLEAN("@mount @raw-io @privileged @obsolete", "group(@mount) group(@raw-io) group(@privileged) group(@obsolete) EOL");
}

Test(lexer, a_lone_at_sign_is_invalid)
{
	SHAPE("sys deny @", "sys deny error EOL");
	cr_assert_eq(ndiags(), 1);
}

Test(lexer, every_keyword)
{
	static const char *const kw[] = {
		"agent", "allow", "audit", "bind", "bpf-lsm", "cgroups", "children", "connect", "cpu", "deny",
		"enforce", "env", "exec", "files", "fs", "io", "landlock", "measure", "memory", "mode",
		"net", "none", "pass", "pids", "policy", "proc", "ptrace", "quota", "read", "require",
		"seccomp", "set", "sha256", "signal", "sys", "tcp", "tool", "udp", "unix", "use",
		"version", "wall", "write",
	};

	for (size_t i = 0; i < sizeof(kw) / sizeof(kw[0]); i++) {
		char want[64];

		snprintf(want, sizeof(want), "%s EOL", kw[i]);
		CLEAN(kw[i], want);
		cr_assert_str_eq(L->text[0].s, kw[i], "a keyword carries its text (it may be used as a name)");
	}
}

Test(lexer, near_keywords_are_identifiers)
{
	CLEAN("fss Fs FS reads re rea readx bpf_lsm bpf agentx a tools",
	      "ident(fss) ident(Fs) ident(FS) ident(reads) ident(re) ident(rea) ident(readx) ident(bpf_lsm) "
	      "ident(bpf) ident(agentx) ident(a) ident(tools) EOL");
	/* Before the first and after the last keyword in sort order. */
	CLEAN("aaa zzz", "ident(aaa) ident(zzz) EOL");
}

Test(lexer, identifiers)
{
	CLEAN("query_db my-tool C.UTF-8 _x a.b LC_ALL x2",
	      "ident(query_db) ident(my-tool) ident(C.UTF-8) ident(_x) ident(a.b) ident(LC_ALL) ident(x2) EOL");
}

Test(lexer, a_trailing_hyphen_is_not_part_of_a_word)
{
	SHAPE("tool my- {", "tool ident(my) error {");
	cr_assert_eq(ndiags(), 1);
}

Test(lexer, keywords_used_as_names)
{
	CLEAN("tool exec {", "tool exec {");
	CLEAN("sys deny ptrace, @mount", "sys deny ptrace , group(@mount) EOL");
	CLEAN("env set A=read", "env set ident(A) = read EOL");
}

Test(lexer, env_assignment)
{
	CLEAN("env set LANG=C.UTF-8, N=1, P=\"/usr/bin:/bin\"",
	      "env set ident(LANG) = ident(C.UTF-8) , ident(N) = value(1) , ident(P) = string(/usr/bin:/bin) EOL");
}

Test(lexer, unquoted_paths)
{
	CLEAN("/etc/passwd ~/.ssh/** $WORKDIR/x", "barepath(/etc/passwd) barepath(~/.ssh/**) barepath($WORKDIR/x) EOL");
	CLEAN("fs read /a,/b", "fs read barepath(/a) , barepath(/b) EOL");
}

/* ---- newlines ---- */

Test(lexer, blank_lines_and_leading_newlines_are_dropped)
{
	CLEAN("\n\n\nmode audit\n\n\n\nmode enforce\n\n", "mode audit EOL mode enforce EOL");
}

Test(lexer, comments_are_dropped)
{
	CLEAN("# head\n  # indented\nmode audit # trailing { } , \"\n# tail", "mode audit EOL");
	CLEAN("fs read \"/x\"#no space", "fs read string(/x) EOL");
}

Test(lexer, newline_after_a_comma_continues_the_list)
{
	CLEAN("fs read \"/a\",\n\n   \"/b\",\n\"/c\"\n", "fs read string(/a) , string(/b) , string(/c) EOL");
}

Test(lexer, newline_after_an_opening_brace_is_dropped)
{
	CLEAN("agent {\n\n  net none\n}\n", "agent { net none EOL } EOL");
}

Test(lexer, end_of_line_is_inserted_before_a_closing_brace)
{
	CLEAN("agent { net none }", "agent { net none EOL } EOL");
	cr_assert_eq(L->loc[4].start, L->loc[5].start, "the inserted end of line sits at the '}'");
	cr_assert_eq(L->loc[4].end, L->loc[4].start, "and is empty");
	CLEAN("agent {}", "agent { } EOL");
	CLEAN("quota { memory 1GiB; cpu 2 }", "quota { memory value(1GiB) EOL cpu value(2) EOL } EOL");
}

Test(lexer, semicolon_separates_statements)
{
	CLEAN("mode audit; mode enforce;\n; ;mode audit", "mode audit EOL mode enforce EOL mode audit EOL");
}

Test(lexer, missing_final_newline)
{
	CLEAN("mode audit", "mode audit EOL");
	cr_assert_eq(L->loc[2].start, 10);
	CLEAN("agent {\n  net none\n}", "agent { net none EOL } EOL");
}

Test(lexer, empty_and_blank_input)
{
	CLEAN("", "");
	CLEAN("\n\n  \t\n", "");
	CLEAN("# only a comment", "");
}

Test(lexer, crlf_line_ends)
{
	CLEAN("mode audit\r\nagent {\r\n  fs read \"/x\"\r\n}\r\n", "mode audit EOL agent { fs read string(/x) EOL } EOL");
	cr_assert_str_eq(lc(L->loc[5].start), "3:3", "columns are unaffected by \\r");
	cr_assert_str_eq(lc(L->loc[7].start), "3:11");
}

Test(lexer, locations_are_byte_spans)
{
	CLEAN("  fs\tread  \"/x\" # c\nnet none", "fs read string(/x) EOL net none EOL");
	cr_assert_eq(L->loc[0].start, 2);
	cr_assert_eq(L->loc[0].end, 4);
	cr_assert_eq(L->loc[1].start, 5);
	cr_assert_eq(L->loc[1].end, 9);
	cr_assert_eq(L->loc[2].start, 11);
	cr_assert_eq(L->loc[2].end, 15);
	cr_assert_eq(L->loc[3].start, 19, "the newline");
	cr_assert_str_eq(lc(L->loc[4].start), "2:1");
}

/* ---- YAML and ':' ---- */

Test(lexer, yaml_document_is_reported_once)
{
	SHAPE("policy:\n  name: x\nagent:\n  fs:\n    read: [\"/x\"]\n", "");
	cr_assert_eq(ndiags(), 1);
	cr_assert_eq(diag(0)->code, NONO_E001);
	cr_assert(strstr(diag(0)->msg, "YAML"));
	cr_assert(has_hint(diag(0), "*.yaml"));
	SHAPE("# a comment first\n---\npolicy:\n  name: x\n", "");
	cr_assert_eq(ndiags(), 1);
	cr_assert(strstr(diag(0)->msg, "YAML"));
}

Test(lexer, colon_after_a_word_is_reported_and_dropped)
{
	SHAPE("mode audit\nfs: read \"/x\"", "mode audit EOL fs read string(/x) EOL");
	cr_assert_eq(ndiags(), 1);
	cr_assert_eq(diag(0)->code, NONO_E002);
	cr_assert_str_eq(diag(0)->msg, "unexpected ':' after 'fs'");
	cr_assert_str_eq(lc(diag(0)->span.start), "2:3");
}

Test(lexer, colon_inside_unquoted_text)
{
	SHAPE("env set URL=http://x", "env set ident(URL) = ident(http) error barepath(//x) EOL");
	cr_assert_eq(ndiags(), 1);
	cr_assert_str_eq(diag(0)->msg, "unexpected ':'");
	cr_assert(has_hint(diag(0), "double quotes"));
}

/* ---- limits ---- */

static char *repeat(char c, size_t n, const char *pre, const char *post)
{
	size_t a = strlen(pre), b = strlen(post);
	char *s = malloc(a + n + b + 1);

	cr_assert_not_null(s);
	memcpy(s, pre, a);
	memset(s + a, c, n);
	memcpy(s + a + n, post, b + 1);
	return s;
}

Test(lexer, token_length_limit_words)
{
	char *ok = repeat('a', NONO_MAX_TOKEN, "", "");
	char *big = repeat('a', NONO_MAX_TOKEN + 1, "", "");

	lex(ok);
	cr_assert_eq(ndiags(), 0);
	cr_assert_eq(L->text[0].len, NONO_MAX_TOKEN);
	SHAPE(big, "error EOL");
	cr_assert_eq(ndiags(), 1);
	cr_assert_eq(diag(0)->code, NONO_E006);
	cr_assert(strstr(diag(0)->msg, "4097"), "%s", diag(0)->msg);
	free(ok);
	free(big);
}

Test(lexer, token_length_limit_strings_values_paths_groups)
{
	const char *pre[] = { "\"", "1", "/", "@a", "'" };
	const char *post[] = { "\"", "", "", "", "'" };

	for (size_t i = 0; i < 5; i++) {
		char *big = repeat('x', NONO_MAX_TOKEN + 2, pre[i], post[i]);

		SHAPE(big, "error EOL");
		cr_assert_eq(diag(ndiags() - 1)->code, NONO_E006, "%s…", pre[i]);
		free(big);
	}
}

Test(lexer, a_megabyte_token_is_one_error)
{
	char *big = repeat('a', 1 << 20, "fs read ", "\nmode audit\n");

	SHAPE(big, "fs read error EOL mode audit EOL");
	cr_assert_eq(ndiags(), 1);
	free(big);
}

Test(lexer, nesting_depth_stops_the_scan)
{
	char *deep = repeat('{', NONO_MAX_DEPTH + 10, "", "}");

	lex(deep);
	cr_assert_eq(L->n, NONO_MAX_DEPTH + 1, "scanning stops at the '{' over the limit");
	cr_assert_eq(ndiags(), 1);
	cr_assert_eq(diag(0)->code, NONO_E006);
	cr_assert_str_eq(lc(diag(0)->span.start), "1:33");
	free(deep);
}

Test(lexer, nul_bytes_do_not_stop_or_crash_the_scanner)
{
	/* nonoc_parse rejects them earlier (NONO-E005); the scanner must
	 * still cope when driven directly. */
	lex_n("mode\0audit\n\0", 12);
	cr_assert_str_eq(L->shape, "mode error audit EOL error EOL");
}
