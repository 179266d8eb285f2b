/* SPDX-License-Identifier: Apache-2.0 */
/* The diagnostics sink (compiler/diag.c) and the code table (codes.def). */
#include <criterion/criterion.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context.h"

static nonoc_ctx *ctx;
static int src;

static void setup(void)
{
	static const char text[] = "policy \"t\" version 1\nagent {\n    fss read \"/x\"\n}\n";

	ctx = nonoc_new();
	cr_assert_not_null(ctx);
	src = nonoc_add_source(ctx, "t.nono", text, sizeof(text) - 1);
	cr_assert_geq(src, 0);
}

static void teardown(void)
{
	nonoc_free(ctx);
	ctx = NULL;
}

static struct nono_span at(uint32_t start, uint32_t end)
{
	return (struct nono_span){ src, start, end };
}

static size_t count_notes(const struct nonoc_diag *d)
{
	size_t n = 0;

	for (const struct nono_note *x = d->notes; x; x = x->next)
		n++;
	return n;
}

static size_t count_hints(const struct nonoc_diag *d)
{
	size_t n = 0;

	for (const struct nono_hint *x = d->hints; x; x = x->next)
		n++;
	return n;
}

/* The text renderer's output, for checking what a user sees. */
static char *render(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	cr_assert_not_null(f);
	nonoc_render_diagnostics(ctx, f, NONOC_FMT_TEXT, 0);
	fclose(f);
	return buf;
}

/* The first code of a given severity in the table, or -1. */
static int code_with(enum nonoc_severity sev)
{
	for (int c = 0; c < NONO_CODE_COUNT; c++)
		if (nono_code_info((enum nono_code)c)->severity == sev)
			return c;
	return -1;
}

TestSuite(diag, .init = setup, .fini = teardown);

Test(diag, records_code_severity_span_and_formatted_message)
{
	struct nonoc_diag *d = nono_diag(ctx, NONO_E001, at(28, 31), "unexpected %s '%.*s' (%d)", "identifier", 3,
					 "fss read", 42);

	cr_assert_not_null(d);
	cr_assert_eq(d->code, NONO_E001);
	cr_assert_eq(d->severity, NONOC_SEV_ERROR);
	cr_assert_eq(d->span.src, src);
	cr_assert_eq(d->span.start, 28);
	cr_assert_eq(d->span.end, 31);
	cr_assert_str_eq(d->msg, "unexpected identifier 'fss' (42)");
	cr_assert_str_eq(nonoc_diag_message(d), d->msg);
	cr_assert_str_eq(nonoc_diag_code(d), "NONO-E001");
	cr_assert_eq(nonoc_diag_severity(d), NONOC_SEV_ERROR);
	cr_assert_eq(ctx->diags, d, "kept in the context");
}

Test(diag, keeps_records_in_order)
{
	struct nonoc_diag *a = nono_diag(ctx, NONO_E001, at(0, 1), "first");
	struct nonoc_diag *b = nono_diag(ctx, NONO_E002, at(1, 2), "second");
	struct nonoc_diag *c = nono_diag(ctx, NONO_E003, NONO_NO_SPAN, "third");

	cr_assert_eq(ctx->diags, a);
	cr_assert_eq(a->next, b);
	cr_assert_eq(b->next, c);
	cr_assert_null(c->next);
}

Test(diag, notes_and_hints_are_attached_in_order)
{
	struct nonoc_diag *d = nono_diag(ctx, NONO_E001, at(28, 31), "unexpected identifier 'fss'");

	nono_diag_note(ctx, d, at(21, 28), "in the block opened %s", "here");
	nono_diag_note(ctx, d, NONO_NO_SPAN, "a note without a location");
	nono_diag_hint(ctx, d, "did you mean '%s'?", "fs");
	nono_diag_hint(ctx, d, "second hint");
	cr_assert_eq(count_notes(d), 2);
	cr_assert_eq(count_hints(d), 2);
	cr_assert_str_eq(d->notes->msg, "in the block opened here");
	cr_assert_eq(d->notes->span.start, 21);
	cr_assert_str_eq(d->notes->next->msg, "a note without a location");
	cr_assert_lt(d->notes->next->span.src, 0);
	cr_assert_str_eq(d->hints->msg, "did you mean 'fs'?");
	cr_assert_str_eq(d->hints->next->msg, "second hint");
}

Test(diag, long_messages_are_truncated_not_overflowed)
{
	char big[4000];

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	struct nonoc_diag *d = nono_diag(ctx, NONO_E001, at(0, 1), "%s", big);

	nono_diag_hint(ctx, d, "%s", big);
	nono_diag_note(ctx, d, NONO_NO_SPAN, "%s", big);
	cr_assert_gt(strlen(d->msg), 100);
	cr_assert_lt(strlen(d->msg), sizeof(big));
	cr_assert_lt(strlen(d->hints->msg), sizeof(big));
	cr_assert_lt(strlen(d->notes->msg), sizeof(big));
}

Test(diag, counts_by_severity)
{
	int w = code_with(NONOC_SEV_WARNING);

	cr_assert_eq(nonoc_error_count(ctx), 0);
	cr_assert_eq(nonoc_warning_count(ctx), 0);
	nono_diag(ctx, NONO_E001, at(0, 1), "e1");
	nono_diag(ctx, NONO_E006, NONO_NO_SPAN, "e2");
	cr_assert_eq(nonoc_error_count(ctx), 2);
	cr_assert_eq(nonoc_warning_count(ctx), 0);
	if (w >= 0) {
		struct nonoc_diag *d = nono_diag(ctx, (enum nono_code)w, at(0, 1), "w1");

		cr_assert_eq(d->severity, NONOC_SEV_WARNING);
		cr_assert_eq(nonoc_error_count(ctx), 2, "a warning is not an error");
		cr_assert_eq(nonoc_warning_count(ctx), 1);
	}
	int note = code_with(NONOC_SEV_NOTE);

	if (note >= 0) {
		nono_diag(ctx, (enum nono_code)note, at(0, 1), "n1");
		cr_assert_eq(nonoc_error_count(ctx), 2, "a note is neither");
		cr_assert_eq(nonoc_warning_count(ctx), w >= 0 ? 1 : 0);
	}
}

Test(diag, errors_are_counted_per_source)
{
	int other = nonoc_add_source(ctx, "u.nono", "mode audit\n", 11);

	nono_diag(ctx, NONO_E001, at(0, 1), "in t");
	nono_diag(ctx, NONO_E001, at(2, 3), "in t again");
	nono_diag(ctx, NONO_E001, (struct nono_span){ other, 0, 4 }, "in u");
	nono_diag(ctx, NONO_E007, NONO_NO_SPAN, "nowhere");
	cr_assert_eq(nono_diag_errors_in(ctx, src), 2);
	cr_assert_eq(nono_diag_errors_in(ctx, other), 1);
	cr_assert_eq(nonoc_error_count(ctx), 4);
}

/* ---- the callback ---- */

struct seen {
	int calls;
	const nonoc_diag *recs[16];
	size_t hints[16];
	size_t notes[16];
};

static void on_diag(const nonoc_diag *d, void *user)
{
	struct seen *s = user;

	if (s->calls < 16) {
		s->recs[s->calls] = d;
		s->hints[s->calls] = count_hints(d);
		s->notes[s->calls] = count_notes(d);
	}
	s->calls++;
}

Test(diag, callback_gets_each_record_once_and_complete)
{
	struct seen s = { 0 };

	nonoc_set_diag_callback(ctx, on_diag, &s);
	struct nonoc_diag *a = nono_diag(ctx, NONO_E001, at(28, 31), "a");

	nono_diag_hint(ctx, a, "h1");
	nono_diag_hint(ctx, a, "h2");
	cr_assert_eq(s.calls, 0, "not delivered while hints may still be added");
	struct nonoc_diag *b = nono_diag(ctx, NONO_E002, at(0, 1), "b");

	cr_assert_eq(s.calls, 1, "delivered when the next one starts");
	cr_assert_eq(s.recs[0], a);
	cr_assert_eq(s.hints[0], 2, "with its hints");
	nono_diag_note(ctx, b, at(0, 6), "n");
	free(render());
	cr_assert_eq(s.calls, 2, "the last one is delivered on render");
	cr_assert_eq(s.recs[1], b);
	cr_assert_eq(s.notes[1], 1);
	free(render());
	cr_assert_eq(s.calls, 2, "rendering again delivers nothing twice");
	nono_diag(ctx, NONO_E003, at(0, 1), "c");
	free(render());
	cr_assert_eq(s.calls, 3);
	cr_assert_str_eq(nonoc_diag_message(s.recs[2]), "c");
}

Test(diag, callback_sees_every_syntax_error_of_a_parse_once)
{
	static const char bad[] = "policy \"t\" version 1\n"
				  "agnet {\n    fs read \"/x\"\n}\n"
				  "mode enforec\n"
				  "quota {\n    memroy 1GiB\n}\n";
	struct seen s = { 0 };
	nonoc_ctx *c = nonoc_new();

	nonoc_set_diag_callback(c, on_diag, &s);
	int id = nonoc_add_source(c, "bad.nono", bad, sizeof(bad) - 1);

	cr_assert_eq(nonoc_parse(c, id), -1);
	FILE *null = fopen("/dev/null", "w");

	cr_assert_not_null(null);
	nonoc_render_diagnostics(c, null, NONOC_FMT_TEXT, 0);
	fclose(null);
	cr_assert_eq(s.calls, 3, "got %d callbacks", s.calls);
	for (int i = 0; i < 3; i++) {
		cr_assert_str_eq(nonoc_diag_code(s.recs[i]), "NONO-E001");
		cr_assert_eq(s.hints[i], 1, "record %d: its did-you-mean hint was attached before delivery", i);
		for (int j = 0; j < i; j++)
			cr_assert_neq(s.recs[i], s.recs[j]);
	}
	cr_assert_eq(nonoc_error_count(c), 3);
	nonoc_free(c);
}

Test(diag, without_a_callback_nothing_is_called)
{
	nono_diag(ctx, NONO_E001, at(0, 1), "x");
	nono_diag(ctx, NONO_E001, at(0, 1), "y");
	free(render());
	cr_assert_eq(nonoc_error_count(ctx), 2);
}

/* ---- rendering of the records (what a user sees) ---- */

Test(diag, text_rendering_has_location_code_caret_notes_and_hints)
{
	struct nonoc_diag *d = nono_diag(ctx, NONO_E001, at(33, 36), "unexpected identifier 'fss'");

	nono_diag_note(ctx, d, at(27, 28), "block opened here");
	nono_diag_hint(ctx, d, "did you mean 'fs'?");
	char *out = render();

	cr_assert(strstr(out, "t.nono:3:5: error: unexpected identifier 'fss' [NONO-E001]\n"), "%s", out);
	cr_assert(strstr(out, "   3 |     fss read \"/x\"\n     |     ^~~\n"), "%s", out);
	cr_assert(strstr(out, "t.nono:2:7: note: block opened here\n"), "%s", out);
	cr_assert(strstr(out, "hint: did you mean 'fs'?\n"), "%s", out);
	free(out);
}

/* ---- the code table ---- */

static int well_formed_id(const char *id)
{
	return strlen(id) == 9 && !strncmp(id, "NONO-", 5) && strchr("EWI", id[5]) && isdigit((unsigned char)id[6]) &&
	       isdigit((unsigned char)id[7]) && isdigit((unsigned char)id[8]);
}

Test(codes, every_code_has_id_name_summary_and_help)
{
	for (int c = 0; c < NONO_CODE_COUNT; c++) {
		const struct nono_code_info *ci = nono_code_info((enum nono_code)c);

		cr_assert_not_null(ci->id, "code %d", c);
		cr_assert(well_formed_id(ci->id), "code %d: id '%s' is not NONO-[EWI]NNN", c, ci->id);
		cr_assert(ci->name && ci->name[0], "%s has no name", ci->id);
		cr_assert(ci->summary && ci->summary[0], "%s has no summary", ci->id);
		cr_assert(ci->help && strlen(ci->help) > 20, "%s has no help text", ci->id);
		for (const char *p = ci->name; *p; p++)
			cr_assert((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-',
				  "%s: name '%s' is not kebab-case", ci->id, ci->name);
	}
}

Test(codes, id_letter_matches_severity)
{
	for (int c = 0; c < NONO_CODE_COUNT; c++) {
		const struct nono_code_info *ci = nono_code_info((enum nono_code)c);
		enum nonoc_severity want = ci->id[5] == 'E' ? NONOC_SEV_ERROR
					 : ci->id[5] == 'W' ? NONOC_SEV_WARNING
							    : NONOC_SEV_NOTE;

		cr_assert_eq(ci->severity, want, "%s has severity %d", ci->id, ci->severity);
	}
}

Test(codes, ids_and_names_are_unique)
{
	for (int a = 0; a < NONO_CODE_COUNT; a++) {
		for (int b = a + 1; b < NONO_CODE_COUNT; b++) {
			const struct nono_code_info *x = nono_code_info((enum nono_code)a);
			const struct nono_code_info *y = nono_code_info((enum nono_code)b);

			cr_assert_str_neq(x->id, y->id, "codes %d and %d share id %s", a, b, x->id);
			cr_assert_str_neq(x->name, y->name, "%s and %s share the name '%s'", x->id, y->id, x->name);
		}
	}
}

Test(codes, enum_and_table_agree)
{
	cr_assert_str_eq(nono_code_info(NONO_E001)->id, "NONO-E001");
	cr_assert_str_eq(nono_code_info(NONO_E001)->name, "syntax-error");
	cr_assert_str_eq(nono_code_info(NONO_E002)->id, "NONO-E002");
	cr_assert_str_eq(nono_code_info(NONO_E003)->id, "NONO-E003");
	cr_assert_str_eq(nono_code_info(NONO_E004)->id, "NONO-E004");
	cr_assert_str_eq(nono_code_info(NONO_E006)->id, "NONO-E006");
	cr_assert_str_eq(nono_code_info(NONO_E006)->name, "limit-exceeded");
}

Test(codes, out_of_range_lookup_is_safe)
{
	const struct nono_code_info *ci = nono_code_info(NONO_CODE_COUNT);

	cr_assert_not_null(ci);
	cr_assert(well_formed_id(ci->id));
	cr_assert_not_null(nono_code_info((enum nono_code)-1));
	cr_assert_not_null(nono_code_info((enum nono_code)1000000));
}
