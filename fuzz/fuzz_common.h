/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The body shared by the libFuzzer targets (fuzz_parse.c, fuzz_yaml.c).
 *
 * One input = one policy source, given to a fresh context through the
 * public API only, with the front end forced. Everything that reads what the
 * front end built runs too, so it is fuzzed with it: the three diagnostic
 * renderers (text with and without colour, JSON, SARIF), the AST dump with
 * and without locations, the diagnostic callback and its accessors, and a
 * second nonoc_parse() of the same source (which must add nothing).
 *
 * Two cheap oracles abort (so libFuzzer reports a crash) when the library
 * breaks its documented contract: nonoc_parse() returns 0 exactly when no
 * error was recorded, and parsing a source again records nothing new.
 *
 * Output goes to /dev/null, opened once: the renderers still format every
 * byte (and ASan still checks every read they make) without the cost of a
 * growing buffer. The harness never prints, so libFuzzer's log stays clean.
 */
#ifndef NONO_FUZZ_COMMON_H
#define NONO_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nonoc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *fuzz_sink(void)
{
	static FILE *sink;

	if (!sink) {
		sink = fopen("/dev/null", "w");
		if (!sink)
			abort(); /* nothing can be fuzzed without it: fail loudly */
	}
	return sink;
}

/* Touch every field a library user can read from a diagnostic, so a record
 * with a dangling or unterminated message shows up under ASan here. */
static void fuzz_on_diag(const nonoc_diag *d, void *user)
{
	size_t *sum = user;
	const char *code = nonoc_diag_code(d);
	const char *msg = nonoc_diag_message(d);

	*sum += (size_t)nonoc_diag_severity(d);
	*sum += code ? strlen(code) : 0;
	*sum += msg ? strlen(msg) : 0;
}

static int fuzz_one(const uint8_t *data, size_t size, enum nonoc_syntax syntax, const char *name)
{
	FILE *out = fuzz_sink();
	nonoc_ctx *ctx = nonoc_new();
	size_t sum = 0;
	int src;

	if (!ctx)
		return 0;
	nonoc_set_diag_callback(ctx, fuzz_on_diag, &sum);
	src = nonoc_add_source(ctx, name, (const char *)data, size);
	if (src >= 0) {
		nonoc_set_syntax(ctx, src, syntax);
		int rc = nonoc_parse(ctx, src);

		/* Contract (nonoc.h): 0 exactly when the parse added no error. */
		if ((rc == 0) != (nonoc_error_count(ctx) == 0))
			abort();
		/* A source is parsed once; asking again adds nothing. */
		size_t errors = nonoc_error_count(ctx);

		if (nonoc_parse(ctx, src) != rc || nonoc_error_count(ctx) != errors)
			abort();
		nonoc_dump_ast(ctx, src, out, 0);
		nonoc_dump_ast(ctx, src, out, 1);
		/* The whole front of the pipeline: resolve (std/ policies come
		 * from the library; a `use` of a file may read it, read-only),
		 * typecheck, conflicts. The lower pass is left out: it hashes
		 * `measure`d files, which is I/O, not parsing. */
		nonoc_stop_after(ctx, "conflicts");
		rc = nonoc_check(ctx, src);
		if ((rc == 0) != (nonoc_error_count(ctx) == errors) && errors == 0)
			abort();
	}
	nonoc_render_diagnostics(ctx, out, NONOC_FMT_TEXT, 0);
	nonoc_render_diagnostics(ctx, out, NONOC_FMT_TEXT, 1);
	nonoc_render_diagnostics(ctx, out, NONOC_FMT_JSON, 0);
	nonoc_render_diagnostics(ctx, out, NONOC_FMT_SARIF, 0);
	fflush(out);
	nonoc_free(ctx);
	return 0;
}

#endif
