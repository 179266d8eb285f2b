/* SPDX-License-Identifier: Apache-2.0 */
#ifndef NONOC_EMIT_LANDLOCK_H
#define NONOC_EMIT_LANDLOCK_H

#include <stdint.h>
#include <stdio.h>

#include "ir.h"

/* The `.nono.landlock` section (canonical JSON) for every ABI level. */
int nono_emit_landlock(const struct nono_ir *ir, FILE *out);
/* Landlock filesystem rights for a nono access mask (newest ABI). */
uint64_t nono_ll_rights(uint8_t access);

#endif
