/* SPDX-License-Identifier: Apache-2.0 */
/* "Did you mean" suggestions: the closest candidate by edit distance. */
#ifndef NONOC_SUGGEST_H
#define NONOC_SUGGEST_H

#include <stddef.h>

/* Damerau-Levenshtein (optimal string alignment) distance, capped at @cap+1. */
size_t nono_edit_distance(const char *a, size_t alen, const char *b, size_t blen, size_t cap);
/* The candidate closest to @word if it is close enough to be a plausible typo
 * (distance <= max(1, len/3)), else NULL. Ties go to the earlier candidate. */
const char *nono_suggest(const char *word, size_t len, const char *const *candidates, size_t n);

#endif
