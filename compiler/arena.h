/* SPDX-License-Identifier: Apache-2.0 */
/* A bump allocator. Everything the compiler builds for one context (AST,
 * diagnostics, interned text) lives in the context's arena and is released
 * at once by nonoc_free(): no per-node frees, no leaks on error paths. */
#ifndef NONOC_ARENA_H
#define NONOC_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;
	size_t used_total;   /* bytes handed out, for benchmarks */
	size_t limit;        /* hard cap on bytes handed out (0 = none) */
	int exhausted;       /* set once an allocation failed or hit the cap */
};

void arena_init(struct arena *a, size_t limit);
void arena_release(struct arena *a);
/* Zeroed memory, aligned for any type; NULL when out of memory or over the limit. */
void *arena_alloc(struct arena *a, size_t size);
/* A NUL-terminated copy of @len bytes of @s. */
char *arena_strndup(struct arena *a, const char *s, size_t len);
char *arena_strdup(struct arena *a, const char *s);
/* printf into the arena. */
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
