/* SPDX-License-Identifier: Apache-2.0 */
/* State shared by the flex scanner, the bison parser and the node builders
 * (compiler/frontend_nono.c). Nothing here depends on generated code. */
#ifndef NONO_GRAMMAR_PARSE_H
#define NONO_GRAMMAR_PARSE_H

#include <stddef.h>
#include <stdint.h>

#include "ast.h"
#include "bounds.h"

struct nonoc_ctx;

/* A location: a byte span in the source being parsed. */
struct nono_loc {
	uint32_t start, end;
};

/* A token's text: unescaped, NUL-terminated, owned by the context's arena. */
struct nono_tok {
	const char *s;
	size_t len;
};

struct nono_parser {
	struct nonoc_ctx *ctx;
	int src;
	void *scanner;          /* yyscan_t */
	uint32_t off;           /* scanner's byte offset */
	int last_tok;           /* last token handed to the parser (0 = start) */
	struct nono_loc last_loc;
	int last_inserted;      /* last_tok is an end of line inserted before '}' or end of input */
	int prev_tok;           /* the token handed over before last_tok */
	struct nono_loc prev_loc;
	unsigned ntokens;       /* tokens handed to the parser so far */
	int pending_tok;        /* a token queued behind an inserted end of line */
	struct nono_loc pending_loc;
	uint32_t line_start;    /* offset of the line the scanner is on */
	uint32_t last_err_off;  /* where the last error was reported (+1; 0 = none) */
	struct nono_loc err_eol; /* the end of line a syntax error was reported at */
	int have_err_eol;
	int eof_reported;       /* a syntax error at the end of input was reported */
	uint32_t unclosed_noted; /* a '{' shown as maybe missing its '}' (+1; 0 = none) */
	struct nonoc_diag *last_diag; /* the last syntax error reported */
	int stmt_tok[3];        /* the first tokens of the statement being read */
	unsigned stmt_n;
	size_t nrules;          /* nodes built, bounded by NONO_MAX_RULES */
	size_t nerrors;         /* errors reported for this source */
	int stopped;            /* a hard limit was hit: stop reporting, end input */
	struct nono_list top;   /* the top-level statements */
	unsigned depth;         /* open '{' blocks (bounded by NONO_MAX_DEPTH) */
	int brace_underflow;    /* the last '}' had no matching '{' */
	struct nono_loc braces[NONO_MAX_DEPTH];
};

/* Report an error at a location of the current source, counting it and
 * stopping the parse after NONO_MAX_ERRORS. Returns NULL when suppressed. */
struct nonoc_diag *nono_parser_error(struct nono_parser *P, int code, struct nono_loc loc, const char *fmt,
				     ...) __attribute__((format(printf, 4, 5)));
struct nono_span nono_parser_span(const struct nono_parser *P, struct nono_loc loc);

/* The scanner (grammar/lexer.l). nono_lex_next() hands out one token as
 * the parser sees it (end-of-line handling included), for tests and tools:
 * its kind (a T_* value; 0 at end of input), its text and its location.
 * nono_token_display() names a kind without bison's quotes: "fs", "string",
 * "end of line". */
int nono_scan_init(struct nono_parser *P, const char *text, size_t len);
void nono_scan_done(struct nono_parser *P);
int nono_lex_next(struct nono_parser *P, struct nono_tok *text, struct nono_loc *loc);
const char *nono_token_display(int tok, char *buf, size_t size);

/* Node builders, called from grammar actions only. */
struct nono_node *nono_mk(struct nono_parser *P, enum nono_node_kind kind, struct nono_loc stmt,
			  struct nono_loc kw);
struct nono_text nono_txt(struct nono_parser *P, struct nono_tok t, struct nono_loc loc);
/* Give each node of the chain @list the flags/sub of a statement prefix. */
struct nono_node *nono_each(struct nono_node *list, unsigned flags, int sub, struct nono_span stmt_kw);

#endif
