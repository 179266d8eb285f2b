/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The mount view: a fresh root on tmpfs where only what some rule grants
 * exists.
 *
 * Planned in the parent (nl_view_plan): every bound path of the IR is
 * resolved on the host one component at a time, the way the kernel would,
 * and turned into a list of operations on the view, each on a path that is
 * free of symbolic links:
 *
 *	mkdir   usr                      (scaffolding on the view's own tmpfs)
 *	symlink bin -> usr/bin           (host symlinks are recreated as they are,
 *	symlink usr/bin/sh -> dash        so a name resolves in the view exactly as
 *	bind    usr/bin/dash  ro,exec     on the host when its target is granted too)
 *
 * The view mirrors the host's absolute paths: what the agent sees at
 * /usr/bin/dash is the host's /usr/bin/dash (the same inode). Each bind
 * records the host object's device and inode; the child opens the source
 * again without following any symlink and refuses to mount anything else.
 *
 * Applied in the child (nl_mnt_*), in this order: private propagation; a
 * base tmpfs with the host root moved to /oldroot and the view's root tmpfs
 * at /newroot; the sandbox's own /tmp (size-limited tmpfs), /dev (tmpfs
 * with the host's null, zero, full, random, urandom and tty bound in, a new
 * devpts, /dev/shm) and /proc (a new procfs of the sandbox's pid
 * namespace); the planned operations; masks (a deny of everything inside a
 * bound tree: an empty read-only file or directory mounted over the path,
 * resolved inside the view); then the view's root and /dev are made
 * read-only, the host tree is detached, and the view becomes the root.
 *
 * Every bind is nosuid; nodev unless it is a character device the policy
 * grants; read-only unless the policy grants write; noexec unless it
 * grants exec. Nothing is created or changed on the host.
 */
#ifndef NL_MOUNT_H
#define NL_MOUNT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "plan.h"
#include "util.h"

enum nl_vop_kind { NL_VOP_MKDIR, NL_VOP_SYMLINK, NL_VOP_BIND, NL_VOP_MASK };

struct nl_vop {
	enum nl_vop_kind kind;
	char *path;     /* relative normal form, the same in the view and on the host */
	char *target;   /* NL_VOP_SYMLINK: the link's text, as on the host */
	dev_t dev;      /* NL_VOP_BIND: the host object, checked again in the child */
	ino_t ino;
	mode_t mode;
	uint8_t access; /* NL_VOP_BIND: union of the grants (NL_ACC_*) */
	bool existing;  /* inside an earlier bind: the path exists there, nothing is created */
};

struct nl_view {
	struct nl_vop *ops;
	size_t nops, cap;
	char **notes; /* what the plan skipped and why, for --dry-run and -v */
	size_t nnotes, ncap;
	char workdir[PATH_MAX]; /* relative normal form: the agent's cwd */
	uint64_t tmp_size;      /* bytes for the private /tmp */
};

int nl_view_plan(struct nl_view *v, const struct nl_plan *p, const struct nl_anchors *a, uint64_t tmp_size,
		 struct nl_err *e);
void nl_view_free(struct nl_view *v);
void nl_view_print(const struct nl_view *v, FILE *out);
/* The bind op for host path @rel (relative normal form), or NULL. */
const struct nl_vop *nl_view_find_bind(const struct nl_view *v, const char *rel);

/* ---- in the child (the sandbox's pid 1) --------------------------------------------- */

struct nl_mnt_state {
	int oldroot; /* O_PATH of the host root, under the base */
	int newroot; /* O_PATH of the view's root */
	int empty_file, empty_dir; /* O_PATH, in the base: what masks bind */
};

int nl_mnt_private(struct nl_step_err *se);
int nl_mnt_base(struct nl_mnt_state *ms, struct nl_step_err *se);
int nl_mnt_tmp(struct nl_mnt_state *ms, uint64_t size, struct nl_step_err *se);
int nl_mnt_dev(struct nl_mnt_state *ms, uint64_t shm_size, struct nl_step_err *se);
int nl_mnt_proc(struct nl_mnt_state *ms, struct nl_step_err *se);
int nl_mnt_view(struct nl_mnt_state *ms, const struct nl_view *v, struct nl_step_err *se);
int nl_mnt_masks(struct nl_mnt_state *ms, const struct nl_view *v, struct nl_step_err *se);
int nl_mnt_readonly(struct nl_mnt_state *ms, struct nl_step_err *se);
int nl_mnt_pivot(struct nl_mnt_state *ms, struct nl_step_err *se);

#endif
