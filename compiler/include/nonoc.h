/* SPDX-License-Identifier: Apache-2.0 */
/**
 * DOC: libnonoc — the nono policy compiler as a library.
 *
 * One public header, one opaque context. The command-line driver `nonoc`,
 * the tests, the fuzzers and `nono-load` all link this library.
 *
 * Typical use:
 *
 *	nonoc_ctx *c = nonoc_new();
 *	int src = nonoc_add_file(c, "agent.nono");
 *	if (src >= 0)
 *		nonoc_parse(c, src);
 *	nonoc_render_diagnostics(c, stderr, NONOC_FMT_TEXT, 0);
 *	int rc = nonoc_error_count(c) ? NONOC_EXIT_POLICY : NONOC_EXIT_OK;
 *	nonoc_free(c);
 *
 * Library functions never exit and never print on their own: every problem
 * becomes a diagnostic record in the context (or a negative return value for
 * programming errors such as a bad source id).
 */
#ifndef NONOC_H
#define NONOC_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define NONOC_VERSION "0.1.0"

/** Documented process exit codes of `nonoc` (see docs/diagnostics.md). */
enum nonoc_exit {
	NONOC_EXIT_OK = 0,     /* no errors (warnings may have been printed) */
	NONOC_EXIT_POLICY = 1, /* at least one policy had an error           */
	NONOC_EXIT_USAGE = 2,  /* bad command line, unreadable file, I/O     */
};

enum nonoc_format {
	NONOC_FMT_TEXT,
	NONOC_FMT_JSON,
	NONOC_FMT_SARIF,
};

/** Which front end reads a source. AUTO picks by file name, then content. */
enum nonoc_syntax {
	NONOC_SYNTAX_AUTO,
	NONOC_SYNTAX_NONO,
	NONOC_SYNTAX_YAML,
};

enum nonoc_severity {
	NONOC_SEV_NOTE,
	NONOC_SEV_WARNING,
	NONOC_SEV_ERROR,
};

typedef struct nonoc_ctx nonoc_ctx;
typedef struct nonoc_diag nonoc_diag;

/** nonoc_new() - create a compilation context; NULL only when out of memory. */
nonoc_ctx *nonoc_new(void);
/** nonoc_free() - release the context and everything it owns (AST, sources, diagnostics). */
void nonoc_free(nonoc_ctx *ctx);

/**
 * nonoc_add_file() - read a policy file into the context.
 * @path: a file name, or "-" for standard input.
 *
 * Return: the source id (>= 0), or -1 when the file cannot be read or is
 * larger than the input limit; the reason is recorded as a diagnostic.
 */
int nonoc_add_file(nonoc_ctx *ctx, const char *path);

/** nonoc_add_source() - register an in-memory source (copied). Return: id or -1. */
int nonoc_add_source(nonoc_ctx *ctx, const char *name, const char *text, size_t len);

/** nonoc_set_syntax() - force a front end for a source (default: AUTO). */
void nonoc_set_syntax(nonoc_ctx *ctx, int src, enum nonoc_syntax syntax);

/**
 * nonoc_parse() - run the front end on one source and build its AST.
 * Return: 0 when the source parsed without errors, -1 otherwise.
 */
int nonoc_parse(nonoc_ctx *ctx, int src);

/**
 * nonoc_add_search_path() - a directory searched for `use "std/NAME"`
 * (as DIR/NAME.nono or DIR/NAME.yaml) before the standard policies embedded
 * in the library. Directories are searched in the order added.
 */
int nonoc_add_search_path(nonoc_ctx *ctx, const char *dir);

/**
 * nonoc_check() - parse a root policy and run the semantic passes over it
 * and everything it uses: resolve, typecheck, conflicts. The passes run in
 * order and stop after the first one that reports errors.
 * Return: 0 when no errors were reported, -1 otherwise.
 */
int nonoc_check(nonoc_ctx *ctx, int root);

/** nonoc_stop_after() - run passes only up to @pass ("parse", "resolve", …); NULL = all. Return -1 if unknown. */
int nonoc_stop_after(nonoc_ctx *ctx, const char *pass);

/**
 * nonoc_set_min_severity() - do not record diagnostics below @sev. `nonoc
 * check` records warnings and errors; `nonoc lint` also the information
 * notes (NONO-I…) about what each kernel level guarantees.
 */
void nonoc_set_min_severity(nonoc_ctx *ctx, enum nonoc_severity sev);

/** nonoc_dump_ir() - print the IR of a root checked with nonoc_check() (JSON). Return -1 if none. */
int nonoc_dump_ir(nonoc_ctx *ctx, int root, FILE *out);

/** nonoc_pass_names() - the pass names in order, NULL-terminated. */
const char *const *nonoc_pass_names(void);

/** nonoc_dump_ast() - print the AST of a parsed source (deterministic, no locations unless @locations). */
void nonoc_dump_ast(nonoc_ctx *ctx, int src, FILE *out, int locations);

size_t nonoc_error_count(const nonoc_ctx *ctx);
size_t nonoc_warning_count(const nonoc_ctx *ctx);

/**
 * nonoc_set_diag_callback() - be told of each diagnostic as it is recorded
 * (after it is complete, i.e. when the next one starts or on render).
 * Records are also kept in the context for rendering.
 */
typedef void (*nonoc_diag_fn)(const nonoc_diag *d, void *user);
void nonoc_set_diag_callback(nonoc_ctx *ctx, nonoc_diag_fn fn, void *user);

/* Read-only accessors for a diagnostic record. */
enum nonoc_severity nonoc_diag_severity(const nonoc_diag *d);
const char *nonoc_diag_code(const nonoc_diag *d);    /* "NONO-E001" */
const char *nonoc_diag_message(const nonoc_diag *d);

/**
 * nonoc_render_diagnostics() - render every recorded diagnostic.
 * @color: use ANSI colour (text format only); the driver passes isatty().
 */
void nonoc_render_diagnostics(nonoc_ctx *ctx, FILE *out, enum nonoc_format fmt, int color);

const char *nonoc_version(void);

#ifdef __cplusplus
}
#endif
#endif /* NONOC_H */
