/* SPDX-License-Identifier: Apache-2.0 */
#include <stdlib.h>
#include <string.h>

#include "context.h"

struct nono_source *nono_source_get(struct nonoc_ctx *ctx, int src)
{
	if (src < 0 || (size_t)src >= ctx->nsources)
		return NULL;
	return &ctx->sources[src];
}

static int index_lines(struct nonoc_ctx *ctx, struct nono_source *s)
{
	size_t n = 1;

	for (size_t i = 0; i < s->len; i++)
		n += s->text[i] == '\n';
	s->line_starts = arena_alloc(&ctx->arena, n * sizeof(uint32_t));
	if (!s->line_starts)
		return -1;
	s->nlines = 0;
	s->line_starts[s->nlines++] = 0;
	for (size_t i = 0; i < s->len; i++)
		if (s->text[i] == '\n')
			s->line_starts[s->nlines++] = (uint32_t)(i + 1);
	return 0;
}

struct nono_pos nono_source_pos(struct nonoc_ctx *ctx, int src, uint32_t off)
{
	struct nono_source *s = nono_source_get(ctx, src);
	struct nono_pos pos = { 1, 1 };

	if (!s || (!s->line_starts && index_lines(ctx, s) < 0))
		return pos;
	if (off > s->len)
		off = (uint32_t)s->len;
	/* Binary search for the last line start <= off. */
	size_t lo = 0, hi = s->nlines;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->line_starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	pos.line = (uint32_t)lo + 1;
	pos.col = off - s->line_starts[lo] + 1;
	return pos;
}

const char *nono_source_line(struct nonoc_ctx *ctx, int src, uint32_t line, size_t *len)
{
	struct nono_source *s = nono_source_get(ctx, src);

	*len = 0;
	if (!s || (!s->line_starts && index_lines(ctx, s) < 0) || line == 0 || line > s->nlines)
		return "";
	const char *start = s->text + s->line_starts[line - 1];
	const char *end = memchr(start, '\n', s->len - s->line_starts[line - 1]);
	size_t n = end ? (size_t)(end - start) : s->len - s->line_starts[line - 1];

	if (n && start[n - 1] == '\r')
		n--;
	*len = n;
	return start;
}
