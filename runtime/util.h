/* SPDX-License-Identifier: Apache-2.0 */
/*
 * nono-load's shared helpers: errors as values, messages, exit codes,
 * anchored paths, small string and file utilities.
 *
 * Errors: every function that can fail fills a struct nl_err (what, and a
 * hint saying what to do) and returns -1; only main.c prints and exits.
 * The exit status a failure maps to travels in the error (enum nl_exit), so
 * the caller never has to guess which class a failure belongs to.
 */
#ifndef NL_UTIL_H
#define NL_UTIL_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

/*
 * Exit statuses (docs/nono-load.md, "Exit status"). The agent's own status
 * passes through unchanged; these are what nono-load itself returns. They
 * cannot be told apart from an agent that happens to exit with the same
 * number; the message on stderr always says which it was.
 */
enum nl_exit {
	NL_EXIT_OK = 0,
	NL_EXIT_USAGE = 120,       /* bad command line                                   */
	NL_EXIT_UNTRUSTED = 121,   /* bundle unsigned, untrusted, tampered or malformed  */
	NL_EXIT_MEASURE = 122,     /* a measured input or pinned binary changed          */
	NL_EXIT_UNSUPPORTED = 123, /* a required layer is missing / cannot apply here    */
	NL_EXIT_WALL = 124,        /* the wall-time limit killed the sandbox             */
	NL_EXIT_SETUP = 125,       /* a setup step failed: the agent never started       */
	NL_EXIT_NOEXEC = 126,      /* the agent's program exists but cannot be executed  */
	NL_EXIT_NOTFOUND = 127,    /* the agent's program was not found in the view      */
	NL_EXIT_SIGNAL_BASE = 128, /* + N: the agent was killed by signal N              */
};

struct nl_err {
	int code;       /* enum nl_exit */
	char msg[1024]; /* one line, no trailing newline */
	char hint[512]; /* "" when there is nothing useful to say */
};

/* Fill @e and return -1. */
int nl_fail(struct nl_err *e, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Set @e's hint (replacing any). */
void nl_set_hint(struct nl_err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * A failed sandbox setup step, as the child reports it to the supervisor
 * through the error pipe (fixed size: one write, one read).
 */
struct nl_step_err {
	char step[32];     /* the step's name (sandbox.c's table)          */
	char syscall[48];  /* the call that failed, "" when none            */
	int err;           /* its errno, 0 when none                        */
	int code;          /* exit status to return (enum nl_exit)          */
	char detail[512];  /* what it was applied to: a path, a value       */
	char hint[512];    /* what to do, "" when nothing useful            */
};

/* Fill @se (syscall, errno, hint may be NULL) and return -1. */
int nl_serr(struct nl_step_err *se, const char *syscall, int err, const char *hint, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* ---- messages on stderr ------------------------------------------------------ */

extern int nl_quiet;   /* --quiet: no notes (degradations and errors still print) */
extern int nl_verbose; /* -v: more notes */

void nl_print_err(const struct nl_err *e);
void nl_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void nl_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void nl_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void nl_hint(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* "EPERM" for EPERM (strerrorname_np), "E?" when unknown. */
const char *nl_errno_name(int err);

/* ---- strings and bytes ---------------------------------------------------------- */

void nl_hex(const uint8_t *b, size_t n, char *out); /* @out: 2n+1 bytes */
int nl_unhex(const char *s, uint8_t *out, size_t n); /* exactly 2n lowercase hex digits: 0 / -1 */
/* snprintf that reports truncation: 0, or -1 when @out was too small. */
int nl_fmt(char *out, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Append to a NUL-terminated buffer, truncating silently (for messages). */
void nl_cat(char *out, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Grow @*arr (element size @elsz) so that index @n is valid; 0 / -1. */
int nl_grow(void *arr, size_t *cap, size_t n, size_t elsz);

/* ---- paths ------------------------------------------------------------------------ */

/*
 * A path relative to an anchor, in the IR's normal form: no leading or
 * trailing '/', no empty, "." or ".." components, no NUL, shorter than
 * PATH_MAX. "" (the anchor itself) is valid.
 */
bool nl_rel_valid(const char *rel);
/* Is @path equal to @dir or below it (both relative, normal form)? "" holds everything. */
bool nl_rel_under(const char *path, const char *dir);

/*
 * Where the IR's anchors point on this run (docs/nono-load.md, "Anchors"),
 * each in relative normal form from "/" ("home/ada"; "" is "/" itself).
 */
struct nl_anchors {
	char home[PATH_MAX];       /* ~: $HOME of the invoking user                        */
	char workdir[PATH_MAX];    /* $WORKDIR: the directory nono-load was started in     */
	char policy_dir[PATH_MAX]; /* measure files: --policy-dir, or the bundle's directory */
};

enum nl_anchor { NL_ANCHOR_ROOT, NL_ANCHOR_HOME, NL_ANCHOR_WORKDIR, NL_ANCHOR_RELATIVE };

/* The anchor's name as the IR writes it ("/", "~", "$WORKDIR", "relative"). */
const char *nl_anchor_name(int anchor);
/* Parse an IR anchor name; -1 when unknown. */
int nl_anchor_parse(const char *s);
/*
 * The host path of (@anchor, @rel) relative to "/" in normal form (no leading
 * '/'; "" is the root itself) into @out. -1 when it does not fit.
 */
int nl_anchor_resolve(const struct nl_anchors *a, int anchor, const char *rel, char *out, size_t outlen);
/* Lexically normalise an absolute path into relative normal form ("/a//b/./c" -> "a/b/c"); ".." refused. */
int nl_normalise_abs(const char *abs, char *out, size_t outlen);

/* ---- files and descriptors ----------------------------------------------------------- */

/* Read a small file (at most @max bytes) into a malloc'd NUL-terminated buffer. */
char *nl_read_small(const char *path, size_t max, size_t *len);
/* Write all of @buf to @fd, retrying on EINTR; 0 / -1 (errno set). */
int nl_write_all(int fd, const void *buf, size_t len);
/* Read exactly @len bytes unless EOF comes first: bytes read, or -1 (errno set). */
ssize_t nl_read_full(int fd, void *buf, size_t len);
/* Close every descriptor >= 3 not in @keep[0..n) (close_range between them). */
int nl_close_fds_except(const int *keep, size_t n);
/* Make sure 0, 1 and 2 are open (on /dev/null if not), so nothing we open lands there. */
void nl_ensure_stdio(void);

#endif
