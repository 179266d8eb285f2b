/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The generated file decision on this machine's kernel (`make check-host-bpf`).
 *
 * BPF-LSM programs cannot load here, but their file decision is a global
 * BPF function (nono_fs_check and the glob code it calls), so it is loaded
 * from a tracepoint program instead (tests/host/fs_harness.bpf.c): the
 * kernel's verifier checks the very code the LSM hooks call, and the test
 * asks it real questions about real files:
 *
 *  - a tree of files in a private directory, a policy over it (allow trees,
 *    a deny inside an allowed tree, a deny glob, an exec glob, a tool
 *    domain, a deny of a path that does not exist yet);
 *  - the table image resolved to inodes and merged the way nono-load must
 *    (nono_bpf_fs_val_add, fallback groups for missing deny paths);
 *  - decisions across a mount point (a private tmpfs, in a private mount
 *    namespace), through a symlink, past the depth bound (fail closed), for
 *    a pipe (kernel-internal: not file rules' business) and outside.
 *
 * Needs root (skipped without). Output: one line per check, then
 * "bpf-fs: N passed, M failed, K skipped".
 */
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "clang.h"
#include "emit_bpf.h"
#include "ir.h"
#include "nonoc.h"
#include "../bpf-templates/nono_shared.h"

#ifndef NONO_SRCDIR
#define NONO_SRCDIR "."
#endif

static int npass, nfail, verbose;

__attribute__((format(printf, 2, 3))) static void check(int ok, const char *fmt, ...)
{
	va_list ap;

	printf("  %s  ", ok ? "ok  " : "FAIL");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (ok)
		npass++;
	else
		nfail++;
}

static int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level != LIBBPF_WARN && !verbose)
		return 0;
	return vfprintf(stderr, fmt, ap);
}

static int make_file(const char *dir, const char *rel)
{
	char path[PATH_MAX], *slash;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	for (slash = strchr(path + strlen(dir) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(path, 0755) < 0 && errno != EEXIST)
			return -1;
		*slash = '/';
	}
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	return close(fd);
}

static int rm_rf(const char *path)
{
	char *argv[] = { "rm", "-rf", "--one-file-system", (char *)path, NULL };
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		execvp("rm", argv);
		_exit(127);
	}
	return pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

static char *read_text(const char *path)
{
	FILE *f = fopen(path, "re");
	char *buf = NULL;
	size_t n = 0;

	if (!f)
		return NULL;
	if (getdelim(&buf, &n, '\0', f) < 0) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

/* ---- what nono-load does with file records ------------------------------------------ */

struct fsent {
	struct nono_bpf_inode_key key;
	struct nono_bpf_fs_val val;
};

static int add_entry(struct fsent **v, size_t *n, const struct stat *st, uint32_t domain, const struct nono_bpf_rec_fs *r,
		     uint8_t kind, uint32_t group)
{
	struct nono_bpf_inode_key key = { .ino = st->st_ino, .dev = nono_bpf_dev(st->st_dev), .domain = domain };
	size_t i;

	for (i = 0; i < *n; i++)
		if (!memcmp(&(*v)[i].key, &key, sizeof(key)))
			break;
	if (i == *n) {
		struct fsent *nv = realloc(*v, (*n + 1) * sizeof(**v));

		if (!nv)
			return -1;
		*v = nv;
		memset(&nv[i], 0, sizeof(nv[i]));
		nv[i].key = key;
		(*n)++;
	}
	return nono_bpf_fs_val_add(&(*v)[i].val, kind, r->effect, r->access, r->rule, group);
}

/*
 * Resolve the file records of the table image (anchor "/" only in this
 * test) and merge them per (inode, domain). A missing path: an allow is
 * dropped; a deny is anchored at its deepest existing ancestor with the
 * fallback group for that depth. Returns the number of map entries, or -1.
 */
static long resolve_fs(const uint8_t *img, size_t len, struct fsent **out, unsigned *nfallback)
{
	const struct nono_bpf_tab_hdr *h = (const void *)img;
	size_t off = sizeof(*h), n = 0;
	struct fsent *v = NULL;

	*nfallback = 0;
	for (uint32_t i = 0; i < h->nrecords && off < len; i++) {
		const struct nono_bpf_rec *rh = (const void *)(img + off);
		const struct nono_bpf_rec_fs *r = (const void *)(rh + 1);

		if (rh->type == NONO_BPF_REC_FS) {
			const uint32_t *fb = (const uint32_t *)(r + 1);
			const char *rel = (const char *)(r + 1) + ((r->nfallback * 4 + 7) & ~7u);
			char path[PATH_MAX];
			struct stat st;

			if (r->anchor != NONO_BPF_ANCHOR_ROOT)
				goto next;
			snprintf(path, sizeof(path), "/%s", rel);
			if (stat(path, &st) == 0) {
				if (add_entry(&v, &n, &st, r->domain, r, r->kind, r->group) < 0)
					goto fail;
			} else if (r->nfallback) {
				/* The deepest existing ancestor: j components of rel. */
				for (int j = r->ncomp - 1; j >= 0; j--) {
					char anc[PATH_MAX];
					const char *p = rel;

					for (int c = 0; c < j; c++)
						p = strchr(p, '/') + 1;
					snprintf(anc, sizeof(anc), "/%.*s", j ? (int)(p - rel - 1) : 0, rel);
					if (stat(anc, &st) < 0)
						continue;
					if (!fb[j] || add_entry(&v, &n, &st, r->domain, r, NONO_BPF_FS_GLOB, fb[j]) < 0)
						goto fail;
					(*nfallback)++;
					break;
				}
			}
		}
next:
		off += rh->size;
	}
	*out = v;
	return (long)n;
fail:
	free(v);
	return -1;
}

/* The glob records (patterns, groups, literals) are final map entries. */
static int fill_globs(struct bpf_object *obj, const uint8_t *img, size_t len, unsigned *n)
{
	const struct nono_bpf_tab_hdr *h = (const void *)img;
	int fp = bpf_map__fd(bpf_object__find_map_by_name(obj, NONO_BPF_MAP_PAT));
	int fg = bpf_map__fd(bpf_object__find_map_by_name(obj, NONO_BPF_MAP_GROUP));
	int fl = bpf_map__fd(bpf_object__find_map_by_name(obj, NONO_BPF_MAP_LIT));
	size_t off = sizeof(*h);

	*n = 0;
	for (uint32_t i = 0; i < h->nrecords && off < len; i++) {
		const struct nono_bpf_rec *rh = (const void *)(img + off);
		const void *p = rh + 1;
		int rc = 0;

		if (rh->type == NONO_BPF_REC_PAT) {
			const struct nono_bpf_rec_pat *r = p;

			rc = bpf_map_update_elem(fp, &r->id, &r->pat, BPF_ANY);
			(*n)++;
		} else if (rh->type == NONO_BPF_REC_GROUP) {
			const struct nono_bpf_rec_group *r = p;

			rc = bpf_map_update_elem(fg, &r->id, &r->group, BPF_ANY);
			(*n)++;
		} else if (rh->type == NONO_BPF_REC_LIT) {
			const struct nono_bpf_rec_lit *r = p;

			rc = bpf_map_update_elem(fl, &r->key, &r->val, BPF_NOEXIST);
			(*n)++;
		}
		if (rc < 0)
			return -1;
		off += rh->size;
	}
	return 0;
}

/* ---- the harness --------------------------------------------------------------------- */

struct harness_in {
	uint32_t tgid, domain, req, reserved;
};

static int in_fd, out_fd;

/* nono_fs_check for the file at @path (opened O_PATH: no LSM hook runs). */
static uint64_t decide(const char *path, uint32_t domain, uint32_t req)
{
	struct harness_in in = { (uint32_t)getpid(), domain, req, 0 };
	uint32_t key = 0;
	uint64_t res = 0xdeadull;
	int fd = path ? open(path, O_PATH | O_CLOEXEC) : -1;

	if (path && fd < 0)
		return 0xbadull;
	if (!path) { /* a pipe */
		int p[2];

		if (pipe2(p, O_CLOEXEC) < 0)
			return 0xbadull;
		fd = p[0];
		close(p[1]);
	}
	bpf_map_update_elem(in_fd, &key, &in, BPF_ANY);
	if (fchdir(fd) < 0) { /* fails for files: the tracepoint ran before */
	}
	bpf_map_lookup_elem(out_fd, &key, &res);
	close(fd);
	return res;
}

static const char *show(uint64_t r, char *buf, size_t len)
{
	static const char *const why[] = { "?", "rule", "not granted", "too deep", "unreachable", "too many globs",
					   "never", "outside", "no memory", "bad state", "family" };
	unsigned w = (unsigned)((r >> 8) & 0xff);

	if (r == 0)
		snprintf(buf, len, "allowed");
	else if (r == ~0ull || r == 0xdeadull || r == 0xbadull)
		snprintf(buf, len, "no answer (0x%llx)", (unsigned long long)r);
	else
		snprintf(buf, len, "denied: %s, rule %u, depth %u", w < 11 ? why[w] : "?", (unsigned)(r >> 32),
			 (unsigned)((r >> 16) & 0xff));
	return buf;
}

static uint32_t rule_id(const struct nono_ir *ir, const char *prefix)
{
	for (uint32_t i = 1; i < ir->nrules; i++)
		if (!strncmp(ir->rules[i].text, prefix, strlen(prefix)))
			return i;
	return 0;
}

static void expect(const char *what, const char *path, uint32_t domain, uint32_t req, uint32_t why, uint32_t rule)
{
	uint64_t r = decide(path, domain, req);
	int ok = why ? (r & 1) && ((r >> 8) & 0xff) == why && (!rule || (r >> 32) == rule) : r == 0;
	char buf[128];

	check(ok, "%s: %s", what, show(r, buf, sizeof(buf)));
}

/* --verify OBJ...: objects compiled from emitted C with the harness appended
 * (tests/host/bpf-compile.sh) pass the verifier: each policy's file
 * decision and its own generated glob code. */
static int verify_objects(int n, char **files)
{
	for (int i = 0; i < n; i++) {
		struct bpf_object *obj = bpf_object__open_file(files[i], NULL);
		struct bpf_program *prog;
		int e = -1, found = 0;

		if (obj) {
			bpf_object__for_each_program(prog, obj) {
				int h = !strcmp(bpf_program__name(prog), "nono_harness_fchdir");

				bpf_program__set_autoload(prog, h);
				found |= h;
			}
			e = found ? bpf_object__load(obj) : -1;
			bpf_object__close(obj);
		}
		check(e == 0, "%s: its file decision and glob code pass the verifier (from a tracepoint)", files[i]);
	}
	printf("bpf-fs-verify: %d passed, %d failed\n", npass, nfail);
	return nfail ? 1 : 0;
}

int main(int argc, char **argv)
{
	char dir[] = "/tmp/nono-fs-XXXXXX", policy[8192], err[NONO_BPF_ERR_SIZE], path[PATH_MAX], *harness = NULL;
	struct nono_bpf_output out = { 0 };
	struct bpf_object *obj = NULL;
	struct bpf_link *link = NULL;
	struct fsent *ents = NULL;
	nonoc_ctx *ctx = NULL;
	uint8_t *objbuf = NULL;
	size_t objlen = 0;
	int made_dir = 0, mounted = 0, src;

	if (argc > 1 && !strcmp(argv[1], "-v")) {
		verbose = 1;
		argc--;
		argv++;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	libbpf_set_print(libbpf_print);
	if (geteuid() != 0) {
		printf("  skip  not root: loading BPF programs needs root (CI runs as root)\n");
		printf("bpf-fs: 0 passed, 0 failed, 1 skipped\n");
		return 0;
	}
	if (argc > 1 && !strcmp(argv[1], "--verify"))
		return verify_objects(argc - 2, argv + 2);
	/* A private mount namespace: the tmpfs below is seen by this process only. */
	if (unshare(CLONE_NEWNS) < 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0) {
		check(0, "private mount namespace: %s", strerror(errno));
		goto cleanup;
	}
	/* The harness is a tracepoint program: libbpf finds tracepoints in tracefs,
	 * which boots unmounted here; mount it in the private namespace. */
	if (access("/sys/kernel/tracing/events", F_OK) < 0 &&
	    mount("nodev", "/sys/kernel/tracing", "tracefs", 0, NULL) < 0) {
		check(0, "mounting tracefs on /sys/kernel/tracing: %s", strerror(errno));
		goto cleanup;
	}
	if (!mkdtemp(dir)) {
		check(0, "mkdtemp: %s", strerror(errno));
		goto cleanup;
	}
	made_dir = 1;
	static const char *const files[] = {
		"data/a.txt", "data/out/r.txt", "data/secret/key", "data/x/__pycache__/m.pyc", "data/x/m.py",
		"lib/sub/libfoo.so.1", "lib/sub/notes.txt", "data/mnt/.keep",
	};
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		if (make_file(dir, files[i]) < 0) {
			check(0, "creating %s/%s: %s", dir, files[i], strerror(errno));
			goto cleanup;
		}
	{
		char deep[PATH_MAX] = "data/deep";

		for (int i = 0; i < 70; i++)
			strcat(deep, "/d");
		strcat(deep, "/f");
		if (make_file(dir, deep) < 0) {
			check(0, "creating the deep tree: %s", strerror(errno));
			goto cleanup;
		}
	}
	snprintf(path, sizeof(path), "%s/data/link", dir);
	if (symlink("secret/key", path) < 0) {
		check(0, "symlink: %s", strerror(errno));
		goto cleanup;
	}
	snprintf(policy, sizeof(policy),
		 "policy \"host-bpf-fs\" version 1\n"
		 "agent {\n"
		 "    fs read \"%s/data/**\"\n"
		 "    fs write \"%s/data/out/**\"\n"
		 "    fs read \"%s/lib/**\"\n"
		 /* Six globs before the one that matters: the group spills into a
		  * second nono_group value (NONO_BPF_GROUP_SLOTS). */
		 "    fs exec \"%s/lib/**/*.x1\", \"%s/lib/**/*.x2\", \"%s/lib/**/*.x3\"\n"
		 "    fs exec \"%s/lib/**/*.x4\", \"%s/lib/**/*.x5\", \"%s/lib/x*/*.x6\"\n"
		 "    fs exec \"%s/lib/**/*.so*\"\n"
		 "}\n"
		 "tool helper {\n"
		 "    exec \"%s/bin/helper\"\n"
		 "    fs read \"%s/data/out/**\"\n"
		 "}\n"
		 "deny fs \"%s/data/secret/**\"\n"
		 "deny fs write \"%s/data/**/__pycache__/**\"\n"
		 "deny fs \"%s/data/later/**\"\n",
		 dir, dir, dir, dir, dir, dir, dir, dir, dir, dir, dir, dir, dir, dir, dir);

	/* The emitted C of the policy plus the harness, compiled by nonoc's clang step. */
	ctx = nonoc_new();
	src = ctx ? nonoc_add_source(ctx, "host-bpf-fs.nono", policy, strlen(policy)) : -1;
	if (src < 0 || nonoc_check(ctx, src) < 0) {
		check(0, "the test policy does not check");
		if (ctx)
			nonoc_render_diagnostics(ctx, stdout, NONOC_FMT_TEXT, 0);
		goto cleanup;
	}
	if (nonoc_emit_bpf(ctx, src, 0, NULL, &out, err, sizeof(err)) < 0) {
		check(0, "nonoc_emit_bpf: %s", err);
		goto cleanup;
	}
	harness = read_text(NONO_SRCDIR "/tests/host/fs_harness.bpf.c");
	if (!harness) {
		check(0, "cannot read %s/tests/host/fs_harness.bpf.c", NONO_SRCDIR);
		goto cleanup;
	}
	{
		size_t n = out.c_len + strlen(harness) + 2;
		char *text = malloc(n);

		if (!text)
			goto cleanup;
		snprintf(text, n, "%s\n%s", out.c, harness);
		if (nono_bpf_compile(text, strlen(text), NULL, &objbuf, &objlen, NULL, 0, err, sizeof(err)) < 0) {
			check(0, "compiling the emitted C with the harness: %s", err);
			free(text);
			goto cleanup;
		}
		free(text);
	}
	{
		LIBBPF_OPTS(bpf_object_open_opts, oo, .object_name = "nono_fs");
		struct bpf_program *prog;
		struct bpf_map *inode;
		unsigned nfb = 0;
		long nents;
		int e;

		obj = bpf_object__open_mem(objbuf, objlen, &oo);
		if (!obj) {
			check(0, "libbpf cannot open the harness object: %s", strerror(errno));
			goto cleanup;
		}
		bpf_object__for_each_program(prog, obj) {
			bpf_program__set_autoload(prog, !strcmp(bpf_program__name(prog), "nono_harness_fchdir"));
			if (verbose)
				bpf_program__set_log_level(prog, 4); /* BPF_LOG_STATS: the verifier's counts */
		}
		/* The harness updates nothing the programs read; nono_inode is read-only for programs. */
		e = bpf_object__load(obj);
		check(e == 0, "the file decision (nono_fs_check, glob groups, pattern and component matchers) passes "
		      "the verifier: %s", e ? strerror(-e) : "loaded from a tracepoint");
		if (e)
			goto cleanup;
		nents = resolve_fs(out.tables, out.tables_len, &ents, &nfb);
		inode = bpf_object__find_map_by_name(obj, NONO_BPF_MAP_INODE);
		for (long i = 0; i < nents; i++)
			if (bpf_map_update_elem(bpf_map__fd(inode), &ents[i].key, &ents[i].val, BPF_NOEXIST) < 0)
				nents = -1;
		check(nents > 0 && nfb > 0, "file records resolved to %ld (inode, domain) entries, %u deny anchored "
		      "by its fallback group", nents, nfb);
		if (nents <= 0)
			goto cleanup;
		{
			unsigned ng = 0;
			int ge = fill_globs(obj, out.tables, out.tables_len, &ng);

			check(ge == 0 && ng > 0, "glob patterns, groups and literals loaded into their maps: %u entries", ng);
			if (ge)
				goto cleanup;
		}
		in_fd = bpf_map__fd(bpf_object__find_map_by_name(obj, "harness_in"));
		out_fd = bpf_map__fd(bpf_object__find_map_by_name(obj, "harness_out"));
		link = bpf_program__attach(bpf_object__find_program_by_name(obj, "nono_harness_fchdir"));
		if (!link) {
			check(0, "attaching the harness tracepoint: %s", strerror(errno));
			goto cleanup;
		}
	}
	/* After load: a file under a path that did not exist (deny fallback), and a mount. */
	if (make_file(dir, "data/later/f") < 0) {
		check(0, "creating data/later/f: %s", strerror(errno));
		goto cleanup;
	}
	snprintf(path, sizeof(path), "%s/data/mnt", dir);
	if (mount("nono-test", path, "tmpfs", 0, "size=64k") < 0) {
		check(0, "mounting a tmpfs on %s: %s", path, strerror(errno));
		goto cleanup;
	}
	mounted = 1;
	if (make_file(dir, "data/mnt/inner/f") < 0) {
		check(0, "creating a file on the tmpfs: %s", strerror(errno));
		goto cleanup;
	}
	{
		const struct nono_ir *ir = nono_ir_of(ctx, src);
		uint32_t r_secret = rule_id(ir, "deny fs \""), r_pyc = rule_id(ir, "deny fs write"), r_later = 0;
		char p[64][PATH_MAX];
		const char *rel[] = { "data/a.txt", "data/out/r.txt", "data/secret/key", "data/x/__pycache__/m.pyc",
				      "lib/sub/libfoo.so.1", "lib/sub/notes.txt", "data/later/f", "data/mnt/inner/f",
				      "data/link", "data/x/m.py" };

		for (uint32_t i = 1; i < ir->nrules; i++)
			if (strstr(ir->rules[i].text, "/data/later/"))
				r_later = i;
		for (size_t i = 0; i < sizeof(rel) / sizeof(rel[0]); i++)
			snprintf(p[i], sizeof(p[i]), "%s/%s", dir, rel[i]);
		expect("read in an allowed tree", p[0], 0, NONO_BPF_A_READ, 0, 0);
		expect("write where only read is granted", p[0], 0, NONO_BPF_A_WRITE, NONO_BPF_WHY_NOT_GRANTED, 0);
		expect("write in the writable subtree", p[1], 0, NONO_BPF_A_WRITE, 0, 0);
		expect("read of a denied subtree inside an allowed one (deny wins)", p[2], 0, NONO_BPF_A_READ,
		       NONO_BPF_WHY_RULE, r_secret);
		expect("write under **/__pycache__/** (deny glob)", p[3], 0, NONO_BPF_A_WRITE, NONO_BPF_WHY_RULE, r_pyc);
		expect("read under **/__pycache__/** (the deny is write only)", p[3], 0, NONO_BPF_A_READ, 0, 0);
		expect("write next to __pycache__ is not denied by the glob (not granted either)", p[9], 0,
		       NONO_BPF_A_WRITE, NONO_BPF_WHY_NOT_GRANTED, 0);
		expect("exec of a shared object (glob **/*.so*, 7th glob of its group: a chained value)", p[4], 0,
		       NONO_BPF_A_EXEC | NONO_BPF_A_READ, 0, 0);
		expect("exec of a file the glob does not match", p[5], 0, NONO_BPF_A_EXEC, NONO_BPF_WHY_NOT_GRANTED, 0);
		expect("read under a denied path created after load (fallback group)", p[6], 0, NONO_BPF_A_READ,
		       NONO_BPF_WHY_RULE, r_later);
		expect("read across a mount point (tmpfs inside the allowed tree)", p[7], 0, NONO_BPF_A_READ, 0, 0);
		expect("write across a mount point (not granted)", p[7], 0, NONO_BPF_A_WRITE, NONO_BPF_WHY_NOT_GRANTED, 0);
		expect("a symlink to a denied file is the denied file", p[8], 0, NONO_BPF_A_READ, NONO_BPF_WHY_RULE,
		       r_secret);
		expect("the tool's domain: read outside its grants", p[0], 1, NONO_BPF_A_READ, NONO_BPF_WHY_NOT_GRANTED, 0);
		expect("the tool's domain: read inside its grant", p[1], 1, NONO_BPF_A_READ, 0, 0);
		expect("the tool's domain: the global deny applies too", p[2], 1, NONO_BPF_A_READ, NONO_BPF_WHY_RULE,
		       r_secret);
		expect("a file outside every rule", "/etc/passwd", 0, NONO_BPF_A_READ, NONO_BPF_WHY_NOT_GRANTED, 0);
		expect("a pipe (kernel-internal: not file rules' business)", NULL, 0, NONO_BPF_A_READ, 0, 0);
		expect("a domain id out of range fails closed", p[0], 7, NONO_BPF_A_READ, NONO_BPF_WHY_BAD_STATE, 0);
		{
			char deep[PATH_MAX];

			snprintf(deep, sizeof(deep), "%s/data/deep", dir);
			for (int i = 0; i < 70; i++)
				strcat(deep, "/d");
			strcat(deep, "/f");
			expect("a path deeper than NONO_BPF_MAX_DEPTH fails closed", deep, 0, NONO_BPF_A_READ,
			       NONO_BPF_WHY_TOO_DEEP, 0);
		}
	}

cleanup:
	if (link)
		bpf_link__destroy(link);
	if (obj)
		bpf_object__close(obj);
	if (mounted) {
		snprintf(path, sizeof(path), "%s/data/mnt", dir);
		umount2(path, MNT_DETACH);
	}
	if (made_dir && rm_rf(dir) < 0)
		check(0, "removing %s", dir);
	free(ents);
	free(objbuf);
	free(harness);
	nono_bpf_output_free(&out);
	if (ctx)
		nonoc_free(ctx);
	printf("bpf-fs: %d passed, %d failed, 0 skipped\n", npass, nfail);
	return nfail ? 1 : 0;
}
