/* SPDX-License-Identifier: Apache-2.0 */
#include "suggest.h"

#include <ctype.h>
#include <string.h>

#define MAXW 64

static int same(char x, char y)
{
	return tolower((unsigned char)x) == tolower((unsigned char)y);
}

size_t nono_edit_distance(const char *a, size_t alen, const char *b, size_t blen, size_t cap)
{
	/* Three rolling rows of the optimal-string-alignment table. Words longer
	 * than MAXW are never typos of a keyword: report "far". */
	size_t r0[MAXW + 1], r1[MAXW + 1], r2[MAXW + 1];
	size_t *pp = r0, *p = r1, *c = r2;

	if (alen > MAXW || blen > MAXW)
		return cap + 1;
	for (size_t j = 0; j <= blen; j++)
		p[j] = j;
	for (size_t i = 1; i <= alen; i++) {
		c[0] = i;
		size_t rowmin = c[0];

		for (size_t j = 1; j <= blen; j++) {
			size_t cost = !same(a[i - 1], b[j - 1]);
			size_t v = p[j] + 1;

			if (c[j - 1] + 1 < v)
				v = c[j - 1] + 1;
			if (p[j - 1] + cost < v)
				v = p[j - 1] + cost;
			/* A transposition compares letters the same way (case-blind). */
			if (i > 1 && j > 1 && same(a[i - 1], b[j - 2]) && same(a[i - 2], b[j - 1]) && pp[j - 2] + 1 < v)
				v = pp[j - 2] + 1;
			c[j] = v;
			if (v < rowmin)
				rowmin = v;
		}
		if (rowmin > cap)
			return cap + 1;
		size_t *t = pp;

		pp = p;
		p = c;
		c = t;
	}
	return p[blen] > cap ? cap + 1 : p[blen];
}

const char *nono_suggest(const char *word, size_t len, const char *const *candidates, size_t n)
{
	size_t limit = len / 3 > 1 ? len / 3 : 1;
	const char *best = NULL;
	size_t bestd = limit + 1;

	for (size_t i = 0; i < n; i++) {
		size_t d = nono_edit_distance(word, len, candidates[i], strlen(candidates[i]), limit);

		if (d < bestd && !(d == 0 && strlen(candidates[i]) == len &&
				   strncmp(candidates[i], word, len) == 0)) {
			bestd = d;
			best = candidates[i];
		}
	}
	return best;
}
