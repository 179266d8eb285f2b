/* SPDX-License-Identifier: Apache-2.0 */
/* nono-load's shared helpers (util.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "util.h"

int nl_quiet;
int nl_verbose;

int nl_fail(struct nl_err *e, int code, const char *fmt, ...)
{
	va_list ap;

	e->code = code;
	e->hint[0] = '\0';
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return -1;
}

void nl_set_hint(struct nl_err *e, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(e->hint, sizeof(e->hint), fmt, ap);
	va_end(ap);
}

int nl_serr(struct nl_step_err *se, const char *syscall, int err, const char *hint, const char *fmt, ...)
{
	va_list ap;

	snprintf(se->syscall, sizeof(se->syscall), "%s", syscall ? syscall : "");
	se->err = err;
	se->code = NL_EXIT_SETUP;
	snprintf(se->hint, sizeof(se->hint), "%s", hint ? hint : "");
	va_start(ap, fmt);
	vsnprintf(se->detail, sizeof(se->detail), fmt, ap);
	va_end(ap);
	return -1;
}

static void vmsg(const char *level, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

static void vmsg(const char *level, const char *fmt, va_list ap)
{
	char buf[2048];

	vsnprintf(buf, sizeof(buf), fmt, ap);
	fprintf(stderr, "nono-load: %s%s\n", level, buf);
}

void nl_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("error: ", fmt, ap);
	va_end(ap);
}

void nl_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("warning: ", fmt, ap);
	va_end(ap);
}

void nl_note(const char *fmt, ...)
{
	va_list ap;

	if (nl_quiet)
		return;
	va_start(ap, fmt);
	vmsg("note: ", fmt, ap);
	va_end(ap);
}

void nl_hint(const char *fmt, ...)
{
	va_list ap;
	char buf[1024];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	fprintf(stderr, "hint: %s\n", buf);
}

void nl_print_err(const struct nl_err *e)
{
	nl_error("%s", e->msg);
	if (e->hint[0])
		nl_hint("%s", e->hint);
}

const char *nl_errno_name(int err)
{
	const char *n = strerrorname_np(err);

	return n ? n : "E?";
}

void nl_hex(const uint8_t *b, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[b[i] >> 4];
		out[2 * i + 1] = digits[b[i] & 15];
	}
	out[2 * n] = '\0';
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int nl_unhex(const char *s, uint8_t *out, size_t n)
{
	if (strlen(s) != 2 * n)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int hi = hexval(s[2 * i]), lo = hexval(s[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

int nl_fmt(char *out, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = vsnprintf(out, len, fmt, ap);

	va_end(ap);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

void nl_cat(char *out, size_t len, const char *fmt, ...)
{
	size_t used = strnlen(out, len);
	va_list ap;

	if (used + 1 >= len)
		return;
	va_start(ap, fmt);
	vsnprintf(out + used, len - used, fmt, ap);
	va_end(ap);
}

int nl_grow(void *arr, size_t *cap, size_t n, size_t elsz)
{
	void **p = arr;

	if (n < *cap)
		return 0;
	size_t nc = *cap ? *cap * 2 : 8;

	while (nc <= n)
		nc *= 2;
	if (nc > SIZE_MAX / elsz)
		return -1;
	void *np = realloc(*p, nc * elsz);

	if (!np)
		return -1;
	memset((char *)np + *cap * elsz, 0, (nc - *cap) * elsz);
	*p = np;
	*cap = nc;
	return 0;
}

bool nl_rel_valid(const char *rel)
{
	size_t len = strlen(rel);

	if (len == 0)
		return true;
	if (len >= PATH_MAX || rel[0] == '/' || rel[len - 1] == '/')
		return false;
	for (const char *c = rel; *c;) {
		const char *slash = strchr(c, '/');
		size_t n = slash ? (size_t)(slash - c) : strlen(c);

		if (n == 0 || (n == 1 && c[0] == '.') || (n == 2 && c[0] == '.' && c[1] == '.'))
			return false;
		c += n;
		if (*c == '/')
			c++;
	}
	return true;
}

bool nl_rel_under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	if (!n)
		return true;
	return !strncmp(path, dir, n) && (path[n] == '\0' || path[n] == '/');
}

const char *nl_anchor_name(int anchor)
{
	switch (anchor) {
	case NL_ANCHOR_ROOT: return "/";
	case NL_ANCHOR_HOME: return "~";
	case NL_ANCHOR_WORKDIR: return "$WORKDIR";
	default: return "relative";
	}
}

int nl_anchor_parse(const char *s)
{
	if (!strcmp(s, "/"))
		return NL_ANCHOR_ROOT;
	if (!strcmp(s, "~"))
		return NL_ANCHOR_HOME;
	if (!strcmp(s, "$WORKDIR"))
		return NL_ANCHOR_WORKDIR;
	if (!strcmp(s, "relative"))
		return NL_ANCHOR_RELATIVE;
	return -1;
}

int nl_anchor_resolve(const struct nl_anchors *a, int anchor, const char *rel, char *out, size_t outlen)
{
	const char *base = "";

	switch (anchor) {
	case NL_ANCHOR_HOME: base = a->home; break;
	case NL_ANCHOR_WORKDIR: base = a->workdir; break;
	case NL_ANCHOR_RELATIVE: base = a->policy_dir; break;
	default: break;
	}
	if (!base[0])
		return nl_fmt(out, outlen, "%s", rel);
	if (!rel[0])
		return nl_fmt(out, outlen, "%s", base);
	return nl_fmt(out, outlen, "%s/%s", base, rel);
}

int nl_normalise_abs(const char *abs, char *out, size_t outlen)
{
	size_t w = 0;

	if (abs[0] != '/' || outlen == 0)
		return -1;
	for (const char *c = abs; *c;) {
		while (*c == '/')
			c++;
		const char *end = strchrnul(c, '/');
		size_t n = (size_t)(end - c);

		if (n == 0)
			break;
		if (n == 1 && c[0] == '.') {
			c = end;
			continue;
		}
		if (n == 2 && c[0] == '.' && c[1] == '.')
			return -1;
		if (w + (w ? 1 : 0) + n + 1 > outlen)
			return -1;
		if (w)
			out[w++] = '/';
		memcpy(out + w, c, n);
		w += n;
		c = end;
	}
	out[w] = '\0';
	return 0;
}

char *nl_read_small(const char *path, size_t max, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	char *buf = malloc(max + 1);
	size_t n = 0;

	if (!buf) {
		close(fd);
		errno = ENOMEM;
		return NULL;
	}
	while (n < max) {
		ssize_t r = read(fd, buf + n, max - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;

			free(buf);
			close(fd);
			errno = e;
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

int nl_write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t w = write(fd, p, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

ssize_t nl_read_full(int fd, void *buf, size_t len)
{
	size_t n = 0;

	while (n < len) {
		ssize_t r = read(fd, (char *)buf + n, len - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		n += (size_t)r;
	}
	return (ssize_t)n;
}

static int int_cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

int nl_close_fds_except(const int *keep, size_t n)
{
	int sorted[16];
	size_t m = 0;

	for (size_t i = 0; i < n && m < 16; i++)
		if (keep[i] >= 3)
			sorted[m++] = keep[i];
	qsort(sorted, m, sizeof(int), int_cmp);
	unsigned lo = 3;

	for (size_t i = 0; i <= m; i++) {
		unsigned hi = i < m ? (unsigned)sorted[i] : ~0u;

		if (i < m && (unsigned)sorted[i] < lo)
			continue; /* duplicate */
		if (hi > lo && syscall(SYS_close_range, lo, i < m ? hi - 1 : ~0u, 0) < 0)
			return -1;
		lo = hi + 1;
		if (i == m)
			break;
	}
	return 0;
}

void nl_ensure_stdio(void)
{
	for (int fd = 0; fd < 3; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		int n = open("/dev/null", O_RDWR);

		if (n >= 0 && n != fd) {
			dup2(n, fd);
			close(n);
		}
	}
}
