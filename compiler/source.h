/* SPDX-License-Identifier: Apache-2.0 */
/* Sources and locations. A location is a byte span in one source; it is
 * turned into line:column only when printed (lines are indexed lazily). */
#ifndef NONOC_SOURCE_H
#define NONOC_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "nonoc.h"

struct nono_span {
	int32_t src;     /* source id; -1 = no location */
	uint32_t start;  /* byte offset of the first byte */
	uint32_t end;    /* byte offset one past the last byte (end >= start) */
};

#define NONO_NO_SPAN ((struct nono_span){ .src = -1, .start = 0, .end = 0 })

struct nono_source {
	char *name;               /* as given on the command line ("<stdin>" for -) */
	char *text;               /* NUL-terminated copy */
	size_t len;
	enum nonoc_syntax syntax; /* resolved front end (never AUTO after parse) */
	uint32_t *line_starts;    /* lazily built: offset of each line's first byte */
	size_t nlines;
	struct nono_node *ast;    /* first top-level node after parse */
	int parsed;               /* 0 not yet, 1 parsed cleanly, 2 parsed with errors */
	const char *key;          /* identity for `use` de-duplication */
	int visit;                /* resolve's DFS state: 0 new, 1 in progress, 2 done */
	struct nono_suppression *supp; /* `# nono: allow` comments (suppress.c), scanned lazily */
	int supp_scanned;
};

struct nono_suppression;

struct nono_pos {
	uint32_t line;   /* 1-based */
	uint32_t col;    /* 1-based, in bytes */
};

struct nonoc_ctx;
struct nono_source *nono_source_get(struct nonoc_ctx *ctx, int src);
/* Line and column of a byte offset. */
struct nono_pos nono_source_pos(struct nonoc_ctx *ctx, int src, uint32_t off);
/* The text of line @line (1-based) without its newline. */
const char *nono_source_line(struct nonoc_ctx *ctx, int src, uint32_t line, size_t *len);

static inline struct nono_span nono_span_join(struct nono_span a, struct nono_span b)
{
	if (a.src < 0)
		return b;
	if (b.src < 0 || b.src != a.src)
		return a;
	return (struct nono_span){ a.src, a.start < b.start ? a.start : b.start,
				   a.end > b.end ? a.end : b.end };
}

#endif
