/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Trust and measurement: which keys may sign a bundle nono-load runs, the
 * signature check (before anything else in the bundle is read), and the
 * re-measurement of every `measure`d input and pinned tool binary.
 *
 * Trusted keys, in order of precedence (the first source that is given is
 * the only one used; they are never merged):
 *   1. `--trust PUBKEY` (repeatable);
 *   2. every `*.pub` in $NONO_TRUSTED_KEYS_DIR, when that variable is set;
 *   3. every `*.pub` in /etc/nono/trusted-keys.d.
 * A key directory and its key files must not be writable by group or
 * others and must belong to root or the invoking user (like sshd's
 * StrictModes): otherwise the directory is refused, not skipped.
 */
#ifndef NL_VERIFY_H
#define NL_VERIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "plan.h"
#include "util.h"

#define NL_TRUST_DIR_DEFAULT "/etc/nono/trusted-keys.d"
#define NL_TRUST_MAX_KEYS 64

struct nono_bundle;

struct nl_trust {
	uint8_t keys[NL_TRUST_MAX_KEYS][32];
	char ids[NL_TRUST_MAX_KEYS][17];
	size_t nkeys;
	char source[PATH_MAX + 64]; /* for messages: where the keys came from */
};

/* Collect the trusted keys (precedence above). No keys is not an error here. */
int nl_trust_load(struct nl_trust *t, const char *const *files, size_t nfiles, struct nl_err *e);

/*
 * Read and verify @path. @allow_unsigned: accept an unsigned bundle
 * (--insecure-allow-unsigned); signed ones are still verified. *@is_signed
 * tells which it was.
 */
int nl_bundle_load(const char *path, const struct nl_trust *t, bool allow_unsigned, struct nono_bundle **out,
		   bool *is_signed, struct nl_err *e);

/* One re-measured file: where it was found, and which inode was hashed. */
struct nl_measured {
	const struct nl_measure *m;
	char host[PATH_MAX]; /* absolute */
	dev_t dev;
	ino_t ino;
};

/*
 * Re-hash every measured input and pinned binary of @p. `measure` paths are
 * relative to a->policy_dir unless absolute (or anchored with ~/ or
 * $WORKDIR/); pinned binaries are where the policy names them. On the first
 * mismatch or unreadable file: -1, NL_EXIT_MEASURE, both digests in the
 * message. @out (optional, p->nmeasures entries) receives what was hashed.
 */
int nl_measure_check(const struct nl_plan *p, const struct nl_anchors *a, struct nl_measured *out,
		     struct nl_err *e);

#endif
