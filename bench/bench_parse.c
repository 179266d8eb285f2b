/* SPDX-License-Identifier: Apache-2.0 */
/*
 * bench_parse: how fast libnonoc turns policy text into a syntax tree, and
 * how much memory it takes. A benchmark, not a test: it prints figures and
 * never judges them.
 *
 *   bench_parse [-k K] [--syntax=nono|yaml|auto] [--lex] FILE...
 *
 * For each FILE (read into memory first) it runs one untimed warm-up parse,
 * which also counts the AST nodes (lines of nonoc_dump_ast) and errors, then
 * K timed parses. One timed parse is everything a library user pays to get
 * the tree of a source already in memory: nonoc_new, nonoc_add_source,
 * nonoc_set_syntax, nonoc_parse, nonoc_free.
 *
 * --lex times the nono-syntax scanner alone instead (the same context setup,
 * then every token the parser would see, through nono_lex_next(), and no
 * parser, no AST): the peer bench-parse.sh compares the nono front end with.
 *
 * Output: one line of key=value pairs per file (bench-parse.sh makes the
 * table): the median and minimum wall time per parse (CLOCK_MONOTONIC), the
 * median CPU time (CLOCK_PROCESS_CPUTIME_ID, steadier on a busy machine),
 * rules/s (rules from the generator's `# nono-bench: rules=N` line),
 * arena bytes (ctx->arena.used_total: AST, token text, diagnostics) and
 * peak RSS (getrusage). Run it once per file to see RSS per file: peak RSS
 * is per process.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "context.h"
#include "nonoc.h"
#include "parse.h"

struct result {
	size_t arena;   /* arena bytes after the parse */
	size_t errors;
	size_t units;   /* tokens (--lex) */
};

/* Every token the parser would see, without the parser. */
static size_t lex_all(nonoc_ctx *ctx, int src, const char *text, size_t len)
{
	struct nono_parser P = { .ctx = ctx, .src = src };
	struct nono_tok tok;
	struct nono_loc loc;
	size_t n = 0;

	if (nono_scan_init(&P, text, len) < 0)
		return 0;
	while (nono_lex_next(&P, &tok, &loc) != 0)
		n++;
	nono_scan_done(&P);
	return n;
}

/* One parse (or scan) of @text, the part that is timed. @dump: count the AST
 * nodes into *nodes (warm-up only). */
static int run_once(const char *name, const char *text, size_t len, enum nonoc_syntax syntax, int lex,
		    struct result *r, FILE *dump)
{
	nonoc_ctx *ctx = nonoc_new();
	int src;

	if (!ctx)
		return -1;
	src = nonoc_add_source(ctx, name, text, len);
	if (src < 0) {
		nonoc_render_diagnostics(ctx, stderr, NONOC_FMT_TEXT, 0);
		nonoc_free(ctx);
		return -1;
	}
	nonoc_set_syntax(ctx, src, syntax);
	if (lex)
		r->units = lex_all(ctx, src, text, len);
	else
		(void)nonoc_parse(ctx, src);
	r->arena = ctx->arena.used_total;
	r->errors = nonoc_error_count(ctx);
	if (dump) {
		if (!lex)
			nonoc_dump_ast(ctx, src, dump, 0);
		if (r->errors) /* show what went wrong, briefly */
			nonoc_render_diagnostics(ctx, stderr, NONOC_FMT_TEXT, 0);
	}
	nonoc_free(ctx);
	return 0;
}

/* Lines written to a stream, counted without keeping them. */
struct line_counter {
	size_t lines;
};

static ssize_t count_write(void *cookie, const char *buf, size_t size)
{
	struct line_counter *lc = cookie;

	for (size_t i = 0; i < size; i++)
		lc->lines += buf[i] == '\n';
	return (ssize_t)size;
}

static int bench_file(const char *path, int k, enum nonoc_syntax syntax, int lex)
{
	size_t len;
	char *text = bench_read_file(path, &len);

	if (!text)
		return -1;
	long rules = bench_rules_of(text);
	long rss_before = bench_peak_rss_kib();
	struct line_counter lc = { 0 };
	FILE *dump = fopencookie(&lc, "w", (cookie_io_functions_t){ .write = count_write });
	struct result r = { 0 };
	double *t = calloc((size_t)k, sizeof(*t)), *c = calloc((size_t)k, sizeof(*c));

	if (!dump || !t || !c || run_once(path, text, len, syntax, lex, &r, dump) < 0) {
		fprintf(stderr, "%s: cannot set up the benchmark\n", path);
		if (dump)
			fclose(dump);
		free(t);
		free(c);
		free(text);
		return -1;
	}
	fclose(dump);
	for (int i = 0; i < k; i++) {
		struct result ri = { 0 };
		double t0 = bench_now(), c0 = bench_cpu_now();

		run_once(path, text, len, syntax, lex, &ri, NULL);
		c[i] = bench_cpu_now() - c0;
		t[i] = bench_now() - t0;
	}
	double min = t[0];

	for (int i = 1; i < k; i++)
		min = t[i] < min ? t[i] : min;
	double med = bench_median(t, (size_t)k), cpu = bench_median(c, (size_t)k);
	const char *sname = syntax == NONOC_SYNTAX_YAML ? "yaml" : syntax == NONOC_SYNTAX_NONO ? "nono" : "auto";

	printf("file=%s syntax=%s mode=%s bytes=%zu rules=%ld nodes=%zu tokens=%zu errors=%zu k=%d "
	       "median_ms=%.4f min_ms=%.4f cpu_ms=%.4f rules_per_s=%.0f mib_per_s=%.1f arena_bytes=%zu "
	       "arena_bytes_per_rule=%.1f peak_rss_kib=%ld rss_before_kib=%ld\n",
	       path, sname, lex ? "lex" : "parse", len, rules, lex ? 0 : lc.lines, r.units, r.errors, k,
	       med * 1e3, min * 1e3, cpu * 1e3, rules > 0 && med > 0 ? (double)rules / med : 0.0,
	       med > 0 ? (double)len / med / (1024.0 * 1024.0) : 0.0, r.arena,
	       rules > 0 ? (double)r.arena / (double)rules : 0.0, bench_peak_rss_kib(), rss_before);
	free(t);
	free(c);
	free(text);
	return 0;
}

static void usage(FILE *out)
{
	fputs("usage: bench_parse [-k K] [--syntax=nono|yaml|auto] [--lex] FILE...\n"
	      "  -k K        timed parses per file (default 10; the median is reported)\n"
	      "  --syntax=S  force the front end (default: auto, from the file name)\n"
	      "  --lex       time the nono scanner alone (no parser, no AST)\n",
	      out);
}

int main(int argc, char **argv)
{
	int k = 10, lex = 0, rc = 0, i;
	enum nonoc_syntax syntax = NONOC_SYNTAX_AUTO;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "-k") == 0 && i + 1 < argc)
			k = bench_count_arg(argv[0], argv[++i]);
		else if (strcmp(argv[i], "--syntax=nono") == 0)
			syntax = NONOC_SYNTAX_NONO;
		else if (strcmp(argv[i], "--syntax=yaml") == 0)
			syntax = NONOC_SYNTAX_YAML;
		else if (strcmp(argv[i], "--syntax=auto") == 0)
			syntax = NONOC_SYNTAX_AUTO;
		else if (strcmp(argv[i], "--lex") == 0)
			lex = 1;
		else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return 0;
		} else {
			usage(stderr);
			return 2;
		}
	}
	if (i == argc) {
		usage(stderr);
		return 2;
	}
	for (; i < argc; i++) {
		enum nonoc_syntax s = syntax;
		size_t n = strlen(argv[i]);

		/* auto: name the syntax in the output, as nonoc would pick it */
		if (s == NONOC_SYNTAX_AUTO)
			s = (n > 5 && strcmp(argv[i] + n - 5, ".yaml") == 0) ||
					    (n > 4 && strcmp(argv[i] + n - 4, ".yml") == 0)
				    ? NONOC_SYNTAX_YAML
				    : NONOC_SYNTAX_NONO;
		if (bench_file(argv[i], k, lex ? NONOC_SYNTAX_NONO : s, lex) < 0)
			rc = 1;
	}
	return rc;
}
