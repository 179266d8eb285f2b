/* SPDX-License-Identifier: Apache-2.0 */
/* The standard policies, embedded at build time from stdlib-policies/ (*.nono)
 * (the generated file is $(BUILD)/gen/stdlib.c). */
#ifndef NONOC_STDPOLICIES_H
#define NONOC_STDPOLICIES_H

#include <stddef.h>

struct nono_stdlib_entry {
	const char *name;   /* "base" for std/base */
	const char *text;
	size_t len;
};

extern const struct nono_stdlib_entry nono_stdlib[];
extern const size_t nono_stdlib_count;

#endif
