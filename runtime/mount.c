/* SPDX-License-Identifier: Apache-2.0 */
/* The mount view (mount.h): planned in the parent, applied in the child. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "mount.h"

#ifndef AT_RECURSIVE
#define AT_RECURSIVE 0x8000
#endif

/* The nodes every sandbox's /dev has (bound from the host). */
static const char *const std_devices[] = { "null", "zero", "full", "random", "urandom", "tty" };
/* What else /dev provides: never bound from a grant. */
static const char *const std_dev_other[] = { "pts", "shm", "ptmx", "fd", "stdin", "stdout", "stderr" };

/* ---- planning ------------------------------------------------------------------------ */

static void note(struct nl_view *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void note(struct nl_view *v, const char *fmt, ...)
{
	char buf[PATH_MAX + 256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (nl_grow(&v->notes, &v->ncap, v->nnotes, sizeof(*v->notes)) == 0 && (v->notes[v->nnotes] = strdup(buf)))
		v->nnotes++;
}

static struct nl_vop *add_op(struct nl_view *v, enum nl_vop_kind kind, const char *path, struct nl_err *e)
{
	if (nl_grow(&v->ops, &v->cap, v->nops, sizeof(*v->ops)) < 0)
		goto oom;
	struct nl_vop *op = &v->ops[v->nops];

	memset(op, 0, sizeof(*op));
	op->kind = kind;
	if (!(op->path = strdup(path)))
		goto oom;
	v->nops++;
	return op;
oom:
	nl_fail(e, NL_EXIT_SETUP, "out of memory planning the mount view");
	return NULL;
}

/* Pop the first component of @rest (in place) into @comp. */
static void pop_component(char *rest, char *comp, size_t complen)
{
	char *s = rest;

	while (*s == '/')
		s++;
	size_t n = strcspn(s, "/");

	snprintf(comp, complen, "%.*s", (int)n, s);
	s += n;
	while (*s == '/')
		s++;
	memmove(rest, s, strlen(s) + 1);
}

static bool is_one_of(const char *name, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(name, list[i]))
			return true;
	return false;
}

/*
 * Paths the sandbox provides itself: /proc always, /tmp for grants written
 * from "/" (a $WORKDIR or ~ under the host's /tmp is still bound), /dev's
 * standard entries. Returns NULL (bind normally), "" (skip quietly) or why.
 */
static const char *special(const char *next, bool final, bool rooted)
{
	if (nl_rel_under(next, "proc"))
		return "/proc is the sandbox's own (a new procfs)";
	if (rooted && nl_rel_under(next, "tmp"))
		return strcmp(next, "tmp") || !final ? "it is inside the sandbox's private /tmp (empty at start)" : "";
	if (!strcmp(next, "dev"))
		return final ? "the sandbox has its own minimal /dev; grant devices one by one" : NULL;
	if (nl_rel_under(next, "dev")) {
		char first[NAME_MAX + 1];

		snprintf(first, sizeof(first), "%.*s", (int)strcspn(next + 4, "/"), next + 4);
		if (is_one_of(first, std_devices, sizeof(std_devices) / sizeof(std_devices[0])) ||
		    is_one_of(first, std_dev_other, sizeof(std_dev_other) / sizeof(std_dev_other[0])))
			return ""; /* always there */
	}
	return NULL;
}

/*
 * Resolve host path @start (relative normal form) component by component,
 * adding mkdir/symlink ops for what leads to it and a bind for the object
 * itself. Returns 0 (also when the path is skipped, with a note) or -1.
 */
static int walk(struct nl_view *v, const char *start, uint8_t access, bool rooted, struct nl_err *e)
{
	char cur[PATH_MAX] = "", rest[PATH_MAX], comp[NAME_MAX + 1], next[PATH_MAX], abs[PATH_MAX + 1];
	int links = 0;

	if (nl_fmt(rest, sizeof(rest), "%s", start) < 0) {
		note(v, "/%s: skipped: path too long", start);
		return 0;
	}
	while (rest[0]) {
		struct stat st;
		const char *why;

		pop_component(rest, comp, sizeof(comp));
		if (!comp[0] || !strcmp(comp, "."))
			continue;
		if (!strcmp(comp, "..")) {
			char *slash = strrchr(cur, '/');

			if (slash)
				*slash = '\0';
			else
				cur[0] = '\0';
			continue;
		}
		if (nl_fmt(next, sizeof(next), "%s%s%s", cur, cur[0] ? "/" : "", comp) < 0 ||
		    nl_fmt(abs, sizeof(abs), "/%s", next) < 0) {
			note(v, "/%s: skipped: path too long", start);
			return 0;
		}
		if ((why = special(next, !rest[0], rooted))) {
			if (why[0])
				note(v, "/%s: not bound: %s", start, why);
			return 0;
		}
		if (lstat(abs, &st) < 0) {
			note(v, "/%s: skipped: %s: %s", start, abs, strerror(errno));
			return 0;
		}
		if (S_ISLNK(st.st_mode)) {
			char target[PATH_MAX], joined[2 * PATH_MAX + 2];
			ssize_t n = readlink(abs, target, sizeof(target) - 1);
			struct nl_vop *op;

			if (n <= 0 || ++links > 40) {
				note(v, "/%s: skipped: %s: %s", start, abs, n <= 0 ? strerror(errno) : "too many symbolic links");
				return 0;
			}
			target[n] = '\0';
			if (!(op = add_op(v, NL_VOP_SYMLINK, next, e)) || !(op->target = strdup(target)))
				return nl_fail(e, NL_EXIT_SETUP, "out of memory planning the mount view");
			/* Continue at the link's target: relative to the directory holding it. */
			snprintf(joined, sizeof(joined), "%s%s%s", target, rest[0] ? "/" : "", rest);
			if (target[0] == '/')
				cur[0] = '\0';
			if (nl_fmt(rest, sizeof(rest), "%s", joined) < 0) {
				note(v, "/%s: skipped: path too long", start);
				return 0;
			}
			continue;
		}
		if (!rest[0]) {
			if (S_ISBLK(st.st_mode)) {
				note(v, "/%s: skipped: block devices are never bound into a sandbox", start);
				return 0;
			}
			struct nl_vop *op = add_op(v, NL_VOP_BIND, next, e);

			if (!op)
				return -1;
			op->dev = st.st_dev;
			op->ino = st.st_ino;
			op->mode = st.st_mode;
			op->access = access;
			return 0;
		}
		if (!S_ISDIR(st.st_mode)) {
			note(v, "/%s: skipped: %s is not a directory", start, abs);
			return 0;
		}
		/* /dev, /proc and /tmp always exist in the view (the sandbox's own). */
		if (strcmp(next, "dev") && strcmp(next, "proc") && strcmp(next, "tmp") && !add_op(v, NL_VOP_MKDIR, next, e))
			return -1;
		snprintf(cur, sizeof(cur), "%s", next);
	}
	/* The path resolved to the root itself: nothing to bind. */
	return 0;
}

/* A grant of "/" itself: every top-level entry but the sandbox's own. */
static int walk_root(struct nl_view *v, uint8_t access, struct nl_err *e)
{
	DIR *d = opendir("/");
	struct dirent *de;
	int rc = 0;

	if (!d)
		return nl_fail(e, NL_EXIT_SETUP, "cannot list /: %s", strerror(errno));
	note(v, "/: the whole file system is granted: each top-level entry is bound except /dev, /proc and /tmp, "
		"which are the sandbox's own");
	while (rc == 0 && (de = readdir(d))) {
		if (de->d_name[0] == '.' && (!de->d_name[1] || (de->d_name[1] == '.' && !de->d_name[2])))
			continue;
		if (!strcmp(de->d_name, "dev") || !strcmp(de->d_name, "proc") || !strcmp(de->d_name, "tmp"))
			continue;
		rc = walk(v, de->d_name, access, true, e);
	}
	closedir(d);
	return rc;
}

static int kind_rank(enum nl_vop_kind k)
{
	return k == NL_VOP_MKDIR ? 0 : k == NL_VOP_SYMLINK ? 1 : k == NL_VOP_BIND ? 2 : 3;
}

static int op_cmp(const void *a, const void *b)
{
	const struct nl_vop *x = a, *y = b;
	/* Masks go last: they apply to the finished view. */
	int mx = x->kind == NL_VOP_MASK, my = y->kind == NL_VOP_MASK;

	if (mx != my)
		return mx - my;
	int c = strcmp(x->path, y->path);

	return c ? c : kind_rank(x->kind) - kind_rank(y->kind);
}

static void free_op(struct nl_vop *op)
{
	free(op->path);
	free(op->target);
	op->path = op->target = NULL;
}

/* Merge ops on the same path, then drop what an enclosing bind already provides. */
static int normalise(struct nl_view *v, struct nl_err *e)
{
	size_t w = 0;

	qsort(v->ops, v->nops, sizeof(*v->ops), op_cmp);
	for (size_t i = 0; i < v->nops; i++) {
		struct nl_vop *op = &v->ops[i];

		if (w && !strcmp(v->ops[w - 1].path, op->path) &&
		    (v->ops[w - 1].kind == NL_VOP_MASK) == (op->kind == NL_VOP_MASK)) {
			struct nl_vop *prev = &v->ops[w - 1];

			if (prev->kind == op->kind && op->kind == NL_VOP_SYMLINK && strcmp(prev->target, op->target)) {
				nl_fail(e, NL_EXIT_SETUP, "/%s changed while the mount view was planned", op->path);
				return -1;
			}
			if ((prev->kind == NL_VOP_SYMLINK) != (op->kind == NL_VOP_SYMLINK)) {
				nl_fail(e, NL_EXIT_SETUP, "/%s changed while the mount view was planned", op->path);
				return -1;
			}
			if (prev->kind == NL_VOP_BIND && op->kind == NL_VOP_BIND)
				prev->access |= op->access;
			else if (op->kind == NL_VOP_BIND) { /* bind over the directory a mkdir made */
				free(prev->path);
				*prev = *op;
				op->path = NULL;
			}
			free_op(op);
			continue;
		}
		v->ops[w++] = *op;
	}
	v->nops = w;

	/* Sorted order puts a path right after its ancestors: a stack of the
	 * enclosing binds gives each op its nearest one. */
	size_t *stack = calloc(v->nops ? v->nops : 1, sizeof(*stack)), top = 0, k = 0;

	if (!stack)
		return nl_fail(e, NL_EXIT_SETUP, "out of memory planning the mount view");
	for (size_t i = 0; i < v->nops; i++) {
		struct nl_vop *op = &v->ops[i];

		if (op->kind == NL_VOP_MASK) {
			v->ops[k++] = *op;
			continue;
		}
		while (top && !nl_rel_under(op->path, v->ops[stack[top - 1]].path))
			top--;
		if (top) {
			const struct nl_vop *encl = &v->ops[stack[top - 1]];

			if (op->kind != NL_VOP_BIND || (op->access & ~encl->access) == 0) {
				free_op(op);
				continue;
			}
			op->existing = true;
		}
		v->ops[k] = *op;
		if (op->kind == NL_VOP_BIND)
			stack[top++] = k;
		k++;
	}
	v->nops = k;
	free(stack);
	return 0;
}

int nl_view_plan(struct nl_view *v, const struct nl_plan *p, const struct nl_anchors *a, uint64_t tmp_size,
		 struct nl_err *e)
{
	memset(v, 0, sizeof(*v));
	v->tmp_size = tmp_size;
	snprintf(v->workdir, sizeof(v->workdir), "%s", a->workdir);
	for (size_t i = 0; i < p->nmounts; i++) {
		const struct nl_mount *m = &p->mounts[i];
		char host[PATH_MAX];

		if (nl_anchor_resolve(a, m->anchor, m->path, host, sizeof(host)) < 0) {
			note(v, "%s/%s: skipped: path too long", nl_anchor_name(m->anchor), m->path);
			continue;
		}
		if (m->mask) {
			if (!add_op(v, NL_VOP_MASK, host, e))
				return -1;
			continue;
		}
		if (!host[0]) {
			if (walk_root(v, m->access, e) < 0)
				return -1;
			continue;
		}
		if (walk(v, host, m->access, m->anchor == NL_ANCHOR_ROOT, e) < 0)
			return -1;
	}
	/* Merged /usr: the host's /bin, /sbin, /lib… -> usr/… links exist in every view. */
	static const char *const merged[] = { "bin", "sbin", "lib", "lib32", "lib64", "libx32" };

	for (size_t i = 0; i < sizeof(merged) / sizeof(merged[0]); i++) {
		char abs[16], target[64], want[32];
		ssize_t n;
		struct nl_vop *op;

		snprintf(abs, sizeof(abs), "/%s", merged[i]);
		snprintf(want, sizeof(want), "usr/%s", merged[i]);
		if ((n = readlink(abs, target, sizeof(target) - 1)) <= 0)
			continue;
		target[n] = '\0';
		if (strcmp(target, want) && (target[0] != '/' || strcmp(target + 1, want)))
			continue;
		if (!(op = add_op(v, NL_VOP_SYMLINK, merged[i], e)) || !(op->target = strdup(target)))
			return nl_fail(e, NL_EXIT_SETUP, "out of memory planning the mount view");
	}
	/* The agent's cwd: created empty in the view when no grant brings it. */
	if (v->workdir[0] && !nl_rel_under(v->workdir, "proc") && !nl_rel_under(v->workdir, "dev")) {
		char path[PATH_MAX];
		size_t n = 0, len = strlen(v->workdir);

		while (n < len) {
			n += strcspn(v->workdir + n, "/");
			snprintf(path, sizeof(path), "%.*s", (int)n, v->workdir);
			if (strcmp(path, "tmp") && !add_op(v, NL_VOP_MKDIR, path, e))
				return -1;
			n++;
		}
	}
	return normalise(v, e);
}

void nl_view_free(struct nl_view *v)
{
	for (size_t i = 0; i < v->nops; i++)
		free_op(&v->ops[i]);
	free(v->ops);
	for (size_t i = 0; i < v->nnotes; i++)
		free(v->notes[i]);
	free(v->notes);
	memset(v, 0, sizeof(*v));
}

const struct nl_vop *nl_view_find_bind(const struct nl_view *v, const char *rel)
{
	for (size_t i = 0; i < v->nops; i++)
		if (v->ops[i].kind == NL_VOP_BIND && !strcmp(v->ops[i].path, rel))
			return &v->ops[i];
	return NULL;
}

static void flags_text(const struct nl_vop *op, char *buf, size_t len)
{
	snprintf(buf, len, "%s,nosuid%s%s", op->access & NL_ACC_WRITE ? "rw" : "ro",
		 S_ISCHR(op->mode) ? "" : ",nodev", op->access & NL_ACC_EXEC ? "" : ",noexec");
}

void nl_view_print(const struct nl_view *v, FILE *out)
{
	char flags[64];

	fprintf(out, "  %-8s %-40s %s\n", "tmpfs", "/", "the view's root (read-only once built)");
	fprintf(out, "  %-8s %-40s size=%lluMiB,mode=1777,nosuid,nodev\n", "tmpfs", "/tmp",
		(unsigned long long)(v->tmp_size >> 20));
	fprintf(out, "  %-8s %-40s null zero full random urandom tty (host nodes), pts (new), shm, fd\n", "dev",
		"/dev");
	fprintf(out, "  %-8s %-40s a new procfs (the sandbox's pid namespace)\n", "proc", "/proc");
	for (size_t i = 0; i < v->nops; i++) {
		const struct nl_vop *op = &v->ops[i];
		char path[PATH_MAX + 1];

		snprintf(path, sizeof(path), "/%s", op->path);
		switch (op->kind) {
		case NL_VOP_MKDIR:
			fprintf(out, "  %-8s %s\n", "mkdir", path);
			break;
		case NL_VOP_SYMLINK:
			fprintf(out, "  %-8s %-40s -> %s\n", "symlink", path, op->target);
			break;
		case NL_VOP_BIND:
			flags_text(op, flags, sizeof(flags));
			fprintf(out, "  %-8s %-40s %s%s%s\n", "bind", path, flags,
				S_ISDIR(op->mode) ? ",rec" : "", op->existing ? " (over the enclosing bind)" : "");
			break;
		case NL_VOP_MASK:
			fprintf(out, "  %-8s %-40s %s\n", "mask", path, "empty, read-only (deny of every access)");
			break;
		}
	}
	fprintf(out, "  %-8s /%s\n", "cwd", v->workdir);
	for (size_t i = 0; i < v->nnotes; i++)
		fprintf(out, "  note: %s\n", v->notes[i]);
}

/* ---- applying, in the child ------------------------------------------------------------ */

static int openat2_fd(int dirfd, const char *path, uint64_t flags, uint64_t resolve)
{
	struct open_how how = { .flags = flags, .resolve = resolve };

	return (int)syscall(SYS_openat2, dirfd, path[0] ? path : ".", &how, sizeof(how));
}

#define BENEATH (RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS)

/* The directory holding @path (relative to @root), opened beneath it; *@base = last component. */
static int open_parent(int root, const char *path, const char **base)
{
	char dir[PATH_MAX];
	const char *slash = strrchr(path, '/');

	*base = slash ? slash + 1 : path;
	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - path) : 0, path);
	return openat2_fd(root, dir, O_PATH | O_DIRECTORY | O_CLOEXEC, BENEATH);
}

static int mkdir_in(int root, const char *path, mode_t mode, struct nl_step_err *se)
{
	const char *base;
	int pfd = open_parent(root, path, &base);
	struct stat st;

	if (pfd < 0)
		return nl_serr(se, "openat2", errno, NULL, "parent of /%s in the view", path);
	if (mkdirat(pfd, base, mode) < 0) {
		int err = errno;

		if (err != EEXIST || fstatat(pfd, base, &st, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISDIR(st.st_mode)) {
			close(pfd);
			return nl_serr(se, "mkdirat", err, NULL, "/%s in the view", path);
		}
	}
	close(pfd);
	return 0;
}

/* Mount a detached tree (from open_tree) with @attrs at @dst (an O_PATH fd). */
static int attach(int tree, uint64_t attrs, bool recursive, int dst, const char *what, struct nl_step_err *se)
{
	struct mount_attr attr = { .attr_set = attrs };

	if (attrs && mount_setattr(tree, "", AT_EMPTY_PATH | (recursive ? AT_RECURSIVE : 0), &attr, sizeof(attr)) < 0)
		return nl_serr(se, "mount_setattr", errno, NULL, "%s", what);
	if (move_mount(tree, "", dst, "", MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH) < 0)
		return nl_serr(se, "move_mount", errno, NULL, "%s", what);
	return 0;
}

/* Bind @src (an O_PATH fd) onto view path @path, creating a placeholder unless @existing. */
static int bind_fd(struct nl_mnt_state *ms, int src, const char *path, bool is_dir, bool existing, uint64_t attrs,
		   struct nl_step_err *se)
{
	char what[PATH_MAX + 32];
	int dst, tree, rc;

	snprintf(what, sizeof(what), "/%s in the view", path);
	if (!existing) {
		if (is_dir) {
			if (mkdir_in(ms->newroot, path, 0755, se) < 0)
				return -1;
		} else {
			const char *base;
			int pfd = open_parent(ms->newroot, path, &base), fd;

			if (pfd < 0)
				return nl_serr(se, "openat2", errno, NULL, "parent of %s", what);
			fd = openat(pfd, base, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0644);
			if (fd < 0 && errno != EEXIST) {
				int err = errno;

				close(pfd);
				return nl_serr(se, "openat", err, NULL, "placeholder for %s", what);
			}
			if (fd >= 0)
				close(fd);
			close(pfd);
		}
	}
	dst = openat2_fd(ms->newroot, path, O_PATH | O_NOFOLLOW | O_CLOEXEC, BENEATH);
	if (dst < 0)
		return nl_serr(se, "openat2", errno,
			       existing ? "the enclosing bound directory changed after the plan was made (a symlink "
					  "or a missing entry where the plan saw a file)"
					: NULL,
			       "%s", what);
	tree = (int)open_tree(src, "", OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_EMPTY_PATH | (is_dir ? AT_RECURSIVE : 0));
	if (tree < 0) {
		rc = nl_serr(se, "open_tree", errno, NULL, "clone of the host's /%s", path);
	} else {
		rc = attach(tree, attrs, is_dir, dst, what, se);
		close(tree);
	}
	close(dst);
	return rc;
}

int nl_mnt_private(struct nl_step_err *se)
{
	/* Nothing mounted from here on may propagate back to the host. */
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return nl_serr(se, "mount", errno, NULL, "MS_REC|MS_PRIVATE on /");
	return 0;
}

#define BASE "/tmp"

int nl_mnt_base(struct nl_mnt_state *ms, struct nl_step_err *se)
{
	/*
	 * A small tmpfs over /tmp (in this private namespace only) becomes the
	 * root for the duration of the setup: the host tree moves to /oldroot,
	 * the view is built at /newroot. The host's own /tmp is untouched and
	 * reachable as /oldroot/tmp.
	 */
	if (mount("tmpfs", BASE, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=0700,size=1m") < 0)
		return nl_serr(se, "mount", errno, NULL, "tmpfs on " BASE " (the setup's base)");
	if (mkdir(BASE "/oldroot", 0700) < 0 || mkdir(BASE "/newroot", 0755) < 0 ||
	    mkdir(BASE "/.empty-dir", 0) < 0)
		return nl_serr(se, "mkdir", errno, NULL, "in the setup's base");
	int fd = open(BASE "/.empty-file", O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0);

	if (fd < 0)
		return nl_serr(se, "open", errno, NULL, BASE "/.empty-file");
	close(fd);
	if (mount("tmpfs", BASE "/newroot", "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755,size=16m") < 0)
		return nl_serr(se, "mount", errno, NULL, "tmpfs for the view's root");
	if (chdir(BASE) < 0)
		return nl_serr(se, "chdir", errno, NULL, BASE);
	if (syscall(SYS_pivot_root, ".", "oldroot") < 0)
		return nl_serr(se, "pivot_root", errno, NULL, "to the setup's base");
	if (chdir("/") < 0)
		return nl_serr(se, "chdir", errno, NULL, "/");
	ms->oldroot = open("/oldroot", O_PATH | O_DIRECTORY | O_CLOEXEC);
	ms->newroot = open("/newroot", O_PATH | O_DIRECTORY | O_CLOEXEC);
	ms->empty_file = open("/.empty-file", O_PATH | O_CLOEXEC);
	ms->empty_dir = open("/.empty-dir", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (ms->oldroot < 0 || ms->newroot < 0 || ms->empty_file < 0 || ms->empty_dir < 0)
		return nl_serr(se, "open", errno, NULL, "the setup's base");
	return 0;
}

int nl_mnt_tmp(struct nl_mnt_state *ms, uint64_t size, struct nl_step_err *se)
{
	char opts[64];

	if (mkdir_in(ms->newroot, "tmp", 01777, se) < 0)
		return -1;
	snprintf(opts, sizeof(opts), "mode=1777,size=%llu", (unsigned long long)size);
	if (mount("tmpfs", "/newroot/tmp", "tmpfs", MS_NOSUID | MS_NODEV, opts) < 0)
		return nl_serr(se, "mount", errno, NULL, "tmpfs on /tmp (%s)", opts);
	return 0;
}

int nl_mnt_dev(struct nl_mnt_state *ms, uint64_t shm_size, struct nl_step_err *se)
{
	char opts[64];
	static const struct {
		const char *name, *target;
	} links[] = {
		{ "ptmx", "pts/ptmx" },        { "fd", "/proc/self/fd" },         { "stdin", "/proc/self/fd/0" },
		{ "stdout", "/proc/self/fd/1" }, { "stderr", "/proc/self/fd/2" },
	};

	if (mkdir_in(ms->newroot, "dev", 0755, se) < 0)
		return -1;
	if (mount("tmpfs", "/newroot/dev", "tmpfs", MS_NOSUID | MS_NOEXEC | MS_NODEV, "mode=0755,size=64k") < 0)
		return nl_serr(se, "mount", errno, NULL, "tmpfs on /dev");
	for (size_t i = 0; i < sizeof(std_devices) / sizeof(std_devices[0]); i++) {
		char path[32];
		struct stat st;

		snprintf(path, sizeof(path), "dev/%s", std_devices[i]);
		int src = openat2_fd(ms->oldroot, path, O_PATH | O_NOFOLLOW | O_CLOEXEC, BENEATH);

		if (src < 0 || fstat(src, &st) < 0 || !S_ISCHR(st.st_mode)) {
			if (src >= 0)
				close(src);
			continue; /* the host has no such device: neither has the sandbox */
		}
		/* Device nodes: no nodev (they would not work), never exec or suid. */
		int rc = bind_fd(ms, src, path, false, false, MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOEXEC, se);

		close(src);
		if (rc < 0)
			return -1;
	}
	if (mkdir_in(ms->newroot, "dev/pts", 0755, se) < 0)
		return -1;
	if (mount("devpts", "/newroot/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC, "newinstance,ptmxmode=0666,mode=0620") < 0)
		return nl_serr(se, "mount", errno, NULL, "a new devpts on /dev/pts");
	if (mkdir_in(ms->newroot, "dev/shm", 01777, se) < 0)
		return -1;
	snprintf(opts, sizeof(opts), "mode=1777,size=%llu", (unsigned long long)shm_size);
	if (mount("tmpfs", "/newroot/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, opts) < 0)
		return nl_serr(se, "mount", errno, NULL, "tmpfs on /dev/shm");
	for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		char path[32];

		snprintf(path, sizeof(path), "/newroot/dev/%s", links[i].name);
		if (symlink(links[i].target, path) < 0)
			return nl_serr(se, "symlink", errno, NULL, "/dev/%s -> %s", links[i].name, links[i].target);
	}
	return 0;
}

int nl_mnt_proc(struct nl_mnt_state *ms, struct nl_step_err *se)
{
	if (mkdir_in(ms->newroot, "proc", 0555, se) < 0)
		return -1;
	if (mount("proc", "/newroot/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
		return nl_serr(se, "mount", errno,
			       errno == EPERM ? "the kernel refuses a new procfs when the host's /proc is partly "
						"covered (inside a container?): run nono-load on the host"
					      : NULL,
			       "a new proc on /proc");
	return 0;
}

static int apply_bind(struct nl_mnt_state *ms, const struct nl_vop *op, struct nl_step_err *se)
{
	struct stat st;
	int src = openat2_fd(ms->oldroot, op->path, O_PATH | O_NOFOLLOW | O_CLOEXEC, BENEATH);

	if (src < 0)
		return nl_serr(se, "openat2", errno,
			       "the host path changed after the plan was made (a symbolic link appeared, or it is gone)",
			       "/%s on the host", op->path);
	if (fstat(src, &st) < 0 || st.st_dev != op->dev || st.st_ino != op->ino ||
	    (st.st_mode & S_IFMT) != (op->mode & S_IFMT)) {
		close(src);
		return nl_serr(se, "fstat", 0, "it was replaced after the plan was made; nothing was mounted",
			       "/%s on the host is no longer the object the plan resolved", op->path);
	}
	uint64_t attrs = MOUNT_ATTR_NOSUID;

	if (!S_ISCHR(st.st_mode))
		attrs |= MOUNT_ATTR_NODEV;
	if (!(op->access & NL_ACC_WRITE))
		attrs |= MOUNT_ATTR_RDONLY;
	if (!(op->access & NL_ACC_EXEC))
		attrs |= MOUNT_ATTR_NOEXEC;
	int rc = bind_fd(ms, src, op->path, S_ISDIR(st.st_mode), op->existing, attrs, se);

	close(src);
	return rc;
}

int nl_mnt_view(struct nl_mnt_state *ms, const struct nl_view *v, struct nl_step_err *se)
{
	for (size_t i = 0; i < v->nops; i++) {
		const struct nl_vop *op = &v->ops[i];

		if (op->kind == NL_VOP_MKDIR) {
			if (mkdir_in(ms->newroot, op->path, 0755, se) < 0)
				return -1;
		} else if (op->kind == NL_VOP_SYMLINK) {
			const char *base;
			int pfd = open_parent(ms->newroot, op->path, &base);

			if (pfd < 0)
				return nl_serr(se, "openat2", errno, NULL, "parent of /%s in the view", op->path);
			if (symlinkat(op->target, pfd, base) < 0) {
				int err = errno;
				char have[PATH_MAX];
				ssize_t n = err == EEXIST ? readlinkat(pfd, base, have, sizeof(have) - 1) : -1;

				if (n < 0 || (have[n] = '\0', strcmp(have, op->target))) {
					close(pfd);
					return nl_serr(se, "symlinkat", err, NULL, "/%s -> %s in the view", op->path,
						       op->target);
				}
			}
			close(pfd);
		} else if (op->kind == NL_VOP_BIND) {
			if (apply_bind(ms, op, se) < 0)
				return -1;
		}
	}
	return 0;
}

int nl_mnt_masks(struct nl_mnt_state *ms, const struct nl_view *v, struct nl_step_err *se)
{
	for (size_t i = 0; i < v->nops; i++) {
		const struct nl_vop *op = &v->ops[i];
		struct stat st;

		if (op->kind != NL_VOP_MASK)
			continue;
		/* Resolved as the agent will resolve it: symlinks followed, inside the view. */
		int dst = openat2_fd(ms->newroot, op->path, O_PATH | O_CLOEXEC, RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS);

		if (dst < 0) {
			if (errno == ENOENT || errno == ENOTDIR)
				continue; /* not in the view: nothing to hide */
			return nl_serr(se, "openat2", errno, NULL, "/%s in the view", op->path);
		}
		if (fstat(dst, &st) < 0) {
			int err = errno;

			close(dst);
			return nl_serr(se, "fstat", err, NULL, "/%s in the view", op->path);
		}
		int src = S_ISDIR(st.st_mode) ? ms->empty_dir : ms->empty_file;
		int tree = (int)open_tree(src, "", OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_EMPTY_PATH);
		char what[PATH_MAX + 32];

		snprintf(what, sizeof(what), "mask over /%s", op->path);
		if (tree < 0) {
			close(dst);
			return nl_serr(se, "open_tree", errno, NULL, "%s", what);
		}
		int rc = attach(tree, MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC, false,
				dst, what, se);

		close(tree);
		close(dst);
		if (rc < 0)
			return -1;
	}
	return 0;
}

int nl_mnt_readonly(struct nl_mnt_state *ms, struct nl_step_err *se)
{
	struct mount_attr ro = { .attr_set = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV };

	if (mount_setattr(ms->newroot, "", AT_EMPTY_PATH, &ro, sizeof(ro)) < 0)
		return nl_serr(se, "mount_setattr", errno, NULL, "read-only on the view's root");
	ro.attr_set = MOUNT_ATTR_RDONLY;
	if (mount_setattr(AT_FDCWD, "/newroot/dev", 0, &ro, sizeof(ro)) < 0)
		return nl_serr(se, "mount_setattr", errno, NULL, "read-only on /dev");
	return 0;
}

int nl_mnt_pivot(struct nl_mnt_state *ms, struct nl_step_err *se)
{
	close(ms->oldroot);
	close(ms->empty_file);
	close(ms->empty_dir);
	ms->oldroot = ms->empty_file = ms->empty_dir = -1;
	/* The host tree leaves this mount namespace for good. */
	if (umount2("/oldroot", MNT_DETACH) < 0)
		return nl_serr(se, "umount2", errno, NULL, "/oldroot (the host's tree)");
	if (fchdir(ms->newroot) < 0)
		return nl_serr(se, "fchdir", errno, NULL, "the view's root");
	/* pivot_root(".", "."): the base ends up stacked on the view's root, then detached. */
	if (syscall(SYS_pivot_root, ".", ".") < 0)
		return nl_serr(se, "pivot_root", errno, NULL, "into the view");
	if (umount2(".", MNT_DETACH) < 0)
		return nl_serr(se, "umount2", errno, NULL, "the setup's base");
	if (chdir("/") < 0)
		return nl_serr(se, "chdir", errno, NULL, "/");
	close(ms->newroot);
	ms->newroot = -1;
	return 0;
}
