/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Compiling the generated BPF C: find clang (>= 14) and vmlinux.h, write
 * the sources into a private directory, run clang there, read the object.
 * See clang.h. Library code: errors are messages, nothing is printed.
 *
 * clang runs as a child process with an argument vector (no shell), its
 * output captured and quoted in the error message when it fails.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "clang.h"

#ifndef NONOC_DATADIR
#define NONOC_DATADIR "/usr/local/share/nono"
#endif

#define CLANG_HINT "hint: apt-get install clang (Debian 12 has clang 14), or set NONOC_CLANG=/path/to/clang"

const struct nono_bpf_template *nono_bpf_template(const char *name)
{
	for (const struct nono_bpf_template *t = nono_bpf_templates; t->name; t++)
		if (!strcmp(t->name, name))
			return t;
	return NULL;
}

/*
 * Run @argv (argv[0] a path) in @cwd (NULL: here), its stdout and stderr
 * into @out (NUL-terminated, cut at @outlen - 1 bytes; the rest is read and
 * dropped). Return: the exit status (0-255), 256 + signal when killed, or
 * -1 when it could not be run (errno set).
 */
static int run(char *const argv[], const char *cwd, char *out, size_t outlen)
{
	int pfd[2], status;
	size_t n = 0;
	pid_t pid;

	if (outlen)
		out[0] = '\0';
	if (pipe2(pfd, O_CLOEXEC) < 0)
		return -1;
	pid = fork();
	if (pid < 0) {
		int e = errno;

		close(pfd[0]);
		close(pfd[1]);
		errno = e;
		return -1;
	}
	if (pid == 0) {
		int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);

		if (devnull < 0 || dup2(devnull, 0) < 0 || dup2(pfd[1], 1) < 0 || dup2(pfd[1], 2) < 0)
			_exit(127);
		if (cwd && chdir(cwd) < 0)
			_exit(127);
		execv(argv[0], argv);
		_exit(127);
	}
	close(pfd[1]);
	for (;;) {
		char buf[4096];
		ssize_t r = read(pfd[0], buf, sizeof(buf));

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		if (outlen && n < outlen - 1) {
			size_t take = (size_t)r < outlen - 1 - n ? (size_t)r : outlen - 1 - n;

			memcpy(out + n, buf, take);
			n += take;
			out[n] = '\0';
		}
	}
	close(pfd[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 256 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

/* Resolve a program name through $PATH (a name with a '/' is used as is). */
static int which(const char *name, char *path, size_t pathlen)
{
	const char *env = getenv("PATH"), *p;

	if (strchr(name, '/')) {
		if (access(name, X_OK) < 0)
			return -1;
		snprintf(path, pathlen, "%s", name);
		return 0;
	}
	for (p = env && *env ? env : "/usr/local/bin:/usr/bin:/bin"; p && *p;) {
		const char *colon = strchr(p, ':');
		size_t len = colon ? (size_t)(colon - p) : strlen(p);
		int n = snprintf(path, pathlen, "%.*s/%s", (int)len, len ? p : ".", name);

		if (n > 0 && (size_t)n < pathlen && access(path, X_OK) == 0) {
			struct stat st;

			if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
				return 0;
		}
		p = colon ? colon + 1 : NULL;
	}
	return -1;
}

/* Run `clang --version` and parse "clang version X.Y.Z". */
static int clang_version(const char *path, int *major, int *minor, int *patch)
{
	char out[2048];
	char *argv[] = { (char *)path, "--version", NULL };
	const char *v;

	if (run(argv, NULL, out, sizeof(out)) != 0)
		return -1;
	v = strstr(out, "clang version ");
	if (!v)
		return -1;
	*minor = *patch = 0;
	if (sscanf(v + strlen("clang version "), "%d.%d.%d", major, minor, patch) < 1)
		return -1;
	return 0;
}

int nono_clang_find(const char *want, struct nono_clang *c, char *err, size_t errlen)
{
	const char *env = getenv("NONOC_CLANG");
	const char *given = want && *want ? want : env && *env ? env : NULL;
	const char *from = want && *want ? "--clang" : "$NONOC_CLANG";
	char old[512] = "";

	memset(c, 0, sizeof(*c));
	if (given) {
		if (which(given, c->path, sizeof(c->path)) < 0) {
			snprintf(err, errlen, "clang '%s' (from %s) was not found or is not executable\n%s", given,
				 from, CLANG_HINT);
			return -1;
		}
		if (clang_version(c->path, &c->major, &c->minor, &c->patch) < 0) {
			snprintf(err, errlen, "'%s' (from %s) does not run as clang (no \"clang version\" in its --version)\n%s",
				 c->path, from, CLANG_HINT);
			return -1;
		}
		if (c->major < NONO_CLANG_MIN_MAJOR) {
			snprintf(err, errlen,
				 "clang %d.%d.%d at %s (from %s) is too old: nonoc needs clang >= %d for the BPF "
				 "target with BTF and CO-RE relocations\n%s",
				 c->major, c->minor, c->patch, c->path, from, NONO_CLANG_MIN_MAJOR, CLANG_HINT);
			return -1;
		}
		return 0;
	}
	for (int v = 0; v <= 21 - NONO_CLANG_MIN_MAJOR + 1; v++) {
		char name[32];

		if (v == 0)
			snprintf(name, sizeof(name), "clang");
		else
			snprintf(name, sizeof(name), "clang-%d", 21 - v + 1);
		if (which(name, c->path, sizeof(c->path)) < 0)
			continue;
		if (clang_version(c->path, &c->major, &c->minor, &c->patch) < 0)
			continue;
		if (c->major >= NONO_CLANG_MIN_MAJOR)
			return 0;
		if (!old[0])
			snprintf(old, sizeof(old), "; found clang %d.%d.%d at %.300s, which is too old", c->major,
				 c->minor, c->patch, c->path);
	}
	snprintf(err, errlen,
		 "no clang >= %d found in $PATH (tried clang, clang-21 ... clang-%d)%s; nonoc compiles the "
		 "policy's eBPF programs with clang -target bpf\n%s",
		 NONO_CLANG_MIN_MAJOR, NONO_CLANG_MIN_MAJOR, old, CLANG_HINT);
	memset(c, 0, sizeof(*c));
	return -1;
}

int nono_vmlinux_h_find(const char *want, char *path, size_t pathlen, char *err, size_t errlen)
{
	const char *env = getenv("NONOC_VMLINUX_H");
	char exe[PATH_MAX], tried[2048] = "";
	ssize_t n;

	if (want && *want) {
		if (access(want, R_OK) < 0) {
			snprintf(err, errlen, "cannot read vmlinux.h '%s' (from --vmlinux-h): %s", want, strerror(errno));
			return -1;
		}
		snprintf(path, pathlen, "%s", want);
		return 0;
	}
	if (env && *env) {
		if (access(env, R_OK) < 0) {
			snprintf(err, errlen, "cannot read vmlinux.h '%s' (from $NONOC_VMLINUX_H): %s", env,
				 strerror(errno));
			return -1;
		}
		snprintf(path, pathlen, "%s", env);
		return 0;
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		char *slash;

		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			const char *rel[] = { "vmlinux.h", "../share/nono/vmlinux.h" };

			for (size_t i = 0; i < 2; i++) {
				int k = snprintf(path, pathlen, "%s/%s", exe, rel[i]);

				if (k > 0 && (size_t)k < pathlen && access(path, R_OK) == 0)
					return 0;
				snprintf(tried + strlen(tried), sizeof(tried) - strlen(tried), "%s%.900s/%s",
					 tried[0] ? ", " : "", exe, rel[i]);
			}
		}
	}
	if ((size_t)snprintf(path, pathlen, "%s/vmlinux.h", NONOC_DATADIR) < pathlen && access(path, R_OK) == 0)
		return 0;
	snprintf(tried + strlen(tried), sizeof(tried) - strlen(tried), "%s%s/vmlinux.h", tried[0] ? ", " : "",
		 NONOC_DATADIR);
	snprintf(err, errlen,
		 "cannot find vmlinux.h (looked for %s)\nhint: `make` generates one next to nonoc, `make install` "
		 "puts it in $(PREFIX)/share/nono; or set NONOC_VMLINUX_H=FILE, made with: bpftool btf dump file "
		 "/sys/kernel/btf/vmlinux format c > FILE",
		 tried);
	path[0] = '\0';
	return -1;
}

static int write_file(const char *dir, const char *name, const char *data, size_t len)
{
	char path[PATH_MAX];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	while (len) {
		ssize_t w = write(fd, data, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			close(fd);
			return -1;
		}
		data += w;
		len -= (size_t)w;
	}
	return close(fd);
}

static int read_file(const char *path, uint8_t **data, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	uint8_t *p;
	size_t n = 0;

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0 || st.st_size <= 0 || st.st_size > 256 * 1024 * 1024) {
		close(fd);
		errno = EFBIG;
		return -1;
	}
	p = malloc((size_t)st.st_size);
	if (!p) {
		close(fd);
		return -1;
	}
	while (n < (size_t)st.st_size) {
		ssize_t r = read(fd, p + n, (size_t)st.st_size - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			free(p);
			close(fd);
			errno = EIO;
			return -1;
		}
		n += (size_t)r;
	}
	close(fd);
	*data = p;
	*len = n;
	return 0;
}

/* llvm-strip of the same LLVM as @cl: beside it (clang-14 -> llvm-strip-14,
 * clang -> llvm-strip), else llvm-strip-MAJOR or llvm-strip in $PATH. */
static int find_strip(const struct nono_clang *cl, char *path, size_t pathlen)
{
	const char *base = strrchr(cl->path, '/');
	char name[64];

	if (base) {
		const char *dash = strchr(base + 1, '-');
		int n = dash ? snprintf(path, pathlen, "%.*s/llvm-strip%s", (int)(base - cl->path), cl->path, dash)
			     : snprintf(path, pathlen, "%.*s/llvm-strip", (int)(base - cl->path), cl->path);

		if (n > 0 && (size_t)n < pathlen && access(path, X_OK) == 0)
			return 0;
	}
	snprintf(name, sizeof(name), "llvm-strip-%d", cl->major);
	if (which(name, path, pathlen) == 0)
		return 0;
	return which("llvm-strip", path, pathlen);
}

/* The first @maxlines lines of clang's output, for an error message. */
static void first_lines(char *dst, size_t dstlen, const char *src, int maxlines)
{
	const char *p = src;

	for (int i = 0; i < maxlines && p && *p; i++) {
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	size_t len = p ? (size_t)(p - src) : strlen(src);

	snprintf(dst, dstlen, "%.*s", (int)len, src);
}

int nono_bpf_compile(const char *text, size_t len, const struct nono_bpf_compile_opts *opts, uint8_t **obj,
		     size_t *objlen, char *vmlinux_used, size_t vlen, char *err, size_t errlen)
{
	static const char *const files[] = { "nono.bpf.c", "nono_bpf.h", "nono_shared.h", "vmlinux.h", "nono.bpf.o" };
	const struct nono_bpf_compile_opts none = { 0 };
	const struct nono_bpf_template *hb = nono_bpf_template("nono_bpf.h");
	const struct nono_bpf_template *hs = nono_bpf_template("nono_shared.h");
	struct nono_clang cl;
	char vmlinux[PATH_MAX], vreal[PATH_MAX], dir[PATH_MAX], arch[64], link[PATH_MAX + 16];
	const char *tmp = getenv("TMPDIR");
	char *out = NULL;
	int rc = -1, st;

	*obj = NULL;
	*objlen = 0;
	if (!opts)
		opts = &none;
	if (!hb || !hs) {
		snprintf(err, errlen, "internal error: the BPF headers are not embedded in this nonoc");
		return -1;
	}
	if (nono_clang_find(opts->clang, &cl, err, errlen) < 0 ||
	    nono_vmlinux_h_find(opts->vmlinux_h, vmlinux, sizeof(vmlinux), err, errlen) < 0)
		return -1;
	if (!realpath(vmlinux, vreal)) {
		snprintf(err, errlen, "cannot resolve vmlinux.h '%s': %s", vmlinux, strerror(errno));
		return -1;
	}
	if (vmlinux_used && vlen)
		snprintf(vmlinux_used, vlen, "%s", vreal);
	out = malloc(16384);
	if (!out) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (opts->arch)
		snprintf(arch, sizeof(arch), "-D__TARGET_ARCH_%s", opts->arch);
	else
#if defined(__aarch64__)
		snprintf(arch, sizeof(arch), "-D__TARGET_ARCH_arm64");
#else
		snprintf(arch, sizeof(arch), "-D__TARGET_ARCH_x86");
#endif
	snprintf(dir, sizeof(dir), "%s/nonoc-bpf.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		snprintf(err, errlen, "cannot create a temporary directory for clang in %s: %s", tmp && *tmp ? tmp : "/tmp",
			 strerror(errno));
		free(out);
		return -1;
	}
	snprintf(link, sizeof(link), "%s/vmlinux.h", dir);
	if (write_file(dir, "nono.bpf.c", text, len) < 0 || write_file(dir, "nono_bpf.h", hb->text, hb->len) < 0 ||
	    write_file(dir, "nono_shared.h", hs->text, hs->len) < 0 || symlink(vreal, link) < 0) {
		snprintf(err, errlen, "cannot write the BPF sources into %s: %s", dir, strerror(errno));
		goto out;
	}
	{
		/* Fixed names in a private directory and a fixed compilation
		 * directory: nothing about this run reaches the object. -mcpu is
		 * pinned (defaults differ between clang versions); v2 has no 32-bit
		 * sub-registers, so every return value is a full 64-bit constant
		 * (see nono_bpf.h). */
		char *argv[] = { cl.path, "-target", "bpf", "-mcpu=v2", "-O2", "-g", "-Wall", arch,
				 "-fdebug-compilation-dir=/nono", "-fno-ident", "-c", "nono.bpf.c", "-o", "nono.bpf.o",
				 NULL };

		st = run(argv, dir, out, 16384);
	}
	if (st != 0) {
		char lines[2048];

		first_lines(lines, sizeof(lines), out, 12);
		if (st < 0)
			snprintf(err, errlen, "cannot run %s: %s\n%s", cl.path, strerror(errno), CLANG_HINT);
		else
			snprintf(err, errlen,
				 "clang %d.%d.%d (%s) failed (status %d) compiling the generated BPF C:\n%s"
				 "hint: if the policy checks clean, this is a nonoc bug: please report it with the "
				 "output of `nonoc --emit-c`",
				 cl.major, cl.minor, cl.patch, cl.path, st, lines);
		goto out;
	}
	{
		/* DWARF is most of the object and libbpf does not read it (.BTF and
		 * .BTF.ext carry what CO-RE needs): strip it when the matching
		 * llvm-strip is there (Debian's llvm package). */
		char strip[PATH_MAX];

		if (find_strip(&cl, strip, sizeof(strip)) == 0) {
			char *sargv[] = { strip, "-g", "nono.bpf.o", NULL };

			st = run(sargv, dir, out, 16384);
			if (st != 0) {
				char lines[1024];

				first_lines(lines, sizeof(lines), out, 6);
				snprintf(err, errlen, "%s -g failed (status %d) on the BPF object:\n%s", strip, st, lines);
				goto out;
			}
		}
	}
	{
		char objpath[PATH_MAX + 16];

		snprintf(objpath, sizeof(objpath), "%s/nono.bpf.o", dir);
		if (read_file(objpath, obj, objlen) < 0) {
			snprintf(err, errlen, "cannot read the BPF object clang wrote: %s", strerror(errno));
			goto out;
		}
	}
	rc = 0;
out:
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char p[PATH_MAX + 32];

		snprintf(p, sizeof(p), "%s/%s", dir, files[i]);
		unlink(p);
	}
	rmdir(dir);
	free(out);
	return rc;
}
