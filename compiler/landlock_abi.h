/* SPDX-License-Identifier: Apache-2.0 */
/* Landlock's kernel ABI constants, by ABI level. Defined here (values are
 * kernel ABI, stable forever) because the build machine's headers may be
 * older than the newest ABI: Debian 12's stop at ABI 2. Shared by the
 * compiler (emit_landlock.c) and nono-load. */
#ifndef NONO_LANDLOCK_ABI_H
#define NONO_LANDLOCK_ABI_H

#include <stdint.h>

#define NONO_LL_MAX_ABI 7

/* filesystem rights */
#define NONO_LL_FS_EXECUTE     (1ULL << 0)
#define NONO_LL_FS_WRITE_FILE  (1ULL << 1)
#define NONO_LL_FS_READ_FILE   (1ULL << 2)
#define NONO_LL_FS_READ_DIR    (1ULL << 3)
#define NONO_LL_FS_REMOVE_DIR  (1ULL << 4)
#define NONO_LL_FS_REMOVE_FILE (1ULL << 5)
#define NONO_LL_FS_MAKE_CHAR   (1ULL << 6)
#define NONO_LL_FS_MAKE_DIR    (1ULL << 7)
#define NONO_LL_FS_MAKE_REG    (1ULL << 8)
#define NONO_LL_FS_MAKE_SOCK   (1ULL << 9)
#define NONO_LL_FS_MAKE_FIFO   (1ULL << 10)
#define NONO_LL_FS_MAKE_BLOCK  (1ULL << 11)
#define NONO_LL_FS_MAKE_SYM    (1ULL << 12)
#define NONO_LL_FS_REFER       (1ULL << 13) /* ABI 2 */
#define NONO_LL_FS_TRUNCATE    (1ULL << 14) /* ABI 3 */
#define NONO_LL_FS_IOCTL_DEV   (1ULL << 15) /* ABI 5 */

/* network rights (ABI 4) */
#define NONO_LL_NET_BIND_TCP    (1ULL << 0)
#define NONO_LL_NET_CONNECT_TCP (1ULL << 1)

/* scopes (ABI 6) */
#define NONO_LL_SCOPE_ABSTRACT_UNIX (1ULL << 0)
#define NONO_LL_SCOPE_SIGNAL        (1ULL << 1)

/* Rights that only make sense on directories (rejected on files). */
#define NONO_LL_FS_DIR_ONLY                                                                  \
	(NONO_LL_FS_READ_DIR | NONO_LL_FS_REMOVE_DIR | NONO_LL_FS_REMOVE_FILE | NONO_LL_FS_MAKE_CHAR | \
	 NONO_LL_FS_MAKE_DIR | NONO_LL_FS_MAKE_REG | NONO_LL_FS_MAKE_SOCK | NONO_LL_FS_MAKE_FIFO |     \
	 NONO_LL_FS_MAKE_BLOCK | NONO_LL_FS_MAKE_SYM | NONO_LL_FS_REFER)

static inline uint64_t nono_ll_fs_handled(unsigned abi)
{
	uint64_t m = (NONO_LL_FS_MAKE_SYM << 1) - 1; /* ABI 1: bits 0..12 */

	if (abi >= 2)
		m |= NONO_LL_FS_REFER;
	if (abi >= 3)
		m |= NONO_LL_FS_TRUNCATE;
	if (abi >= 5)
		m |= NONO_LL_FS_IOCTL_DEV;
	return m;
}

static inline uint64_t nono_ll_net_handled(unsigned abi)
{
	return abi >= 4 ? (NONO_LL_NET_BIND_TCP | NONO_LL_NET_CONNECT_TCP) : 0;
}

static inline uint64_t nono_ll_scoped(unsigned abi)
{
	return abi >= 6 ? (NONO_LL_SCOPE_ABSTRACT_UNIX | NONO_LL_SCOPE_SIGNAL) : 0;
}

#endif
