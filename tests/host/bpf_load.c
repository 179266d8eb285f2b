/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The eBPF back end on this machine's kernel, for real (`make check-host-bpf`).
 *
 * 1. Listeners on 127.0.0.1 and ::1, ephemeral ports only (never any other
 *    address). A policy naming those ports is compiled in-process with
 *    libnonoc (check, emit, clang) — the whole back end.
 * 2. The object is opened with libbpf; the cgroup-BPF programs are loaded
 *    (the verifier runs), the maps filled from the table image, and the
 *    programs attached to a fresh child of the cgroup v2 hierarchy.
 * 3. A child moved into that cgroup connects and sends: allowed TCP/UDP
 *    over IPv4 and IPv6 go through, denied ones fail with EPERM — deny
 *    inside an allowed CIDR, the wrong protocol, IPv4-mapped IPv6 getting
 *    the IPv4 verdict (both ways), an IPv6 port no rule grants, a tool's
 *    rule in the sandbox-wide union, bind to a fixed port, raw sockets.
 * 4. Every denial produced one event on the ring buffer naming the rule.
 * 5. The BPF-LSM programs: this kernel refuses them (EPERM before the
 *    verifier, ../shared/docs/KERNEL-TESTING.md); the test checks that and
 *    says so. Should a kernel load them, every one is loaded and verified.
 *
 * Everything created (links, object, cgroup, sockets) is released on every
 * path. Needs root; without it the test is skipped (CI runs as root).
 * Output: one line per check, then "bpf-load: N passed, M failed, K skipped".
 */
#include <arpa/inet.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "emit_bpf.h"
#include "ir.h"
#include "nonoc.h"
#include "../bpf-templates/nono_shared.h"

static int npass, nfail, nskip, verbose;

#define CHECK(cond, ...) check_((cond), __VA_ARGS__)
__attribute__((format(printf, 2, 3))) static void check_(int ok, const char *fmt, ...)
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
	fflush(stdout);
}

static int libbpf_quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level == LIBBPF_DEBUG && !verbose)
		return 0;
	if (!verbose && level == LIBBPF_INFO)
		return 0;
	return vfprintf(stderr, fmt, ap);
}

/* ---- sockets ------------------------------------------------------------------ */

struct listener {
	int fd;
	int family, type;
	unsigned port;
};

static int listen_on(struct listener *l, int family, int type)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int one = 1;

	memset(&ss, 0, sizeof(ss));
	l->family = family;
	l->type = type;
	l->fd = socket(family, type | SOCK_CLOEXEC, 0);
	if (l->fd < 0)
		return -1;
	if (family == AF_INET6)
		setsockopt(l->fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
	if (family == AF_INET) {
		struct sockaddr_in *in = (struct sockaddr_in *)&ss;

		in->sin_family = AF_INET;
		in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		len = sizeof(*in);
	} else {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;

		in6->sin6_family = AF_INET6;
		in6->sin6_addr = in6addr_loopback;
		len = sizeof(*in6);
	}
	if (bind(l->fd, (struct sockaddr *)&ss, len) < 0) /* port 0: the kernel picks an ephemeral one */
		return -1;
	if (type == SOCK_STREAM && listen(l->fd, 16) < 0)
		return -1;
	len = sizeof(ss);
	if (getsockname(l->fd, (struct sockaddr *)&ss, &len) < 0)
		return -1;
	l->port = family == AF_INET ? ntohs(((struct sockaddr_in *)&ss)->sin_port)
				    : ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
	return 0;
}

/* 127.0.0.1, ::1 or ::ffff:127.0.0.1 with a port. */
enum dst { V4, V6, MAPPED };

static socklen_t dst_addr(struct sockaddr_storage *ss, enum dst d, unsigned port)
{
	memset(ss, 0, sizeof(*ss));
	if (d == V4) {
		struct sockaddr_in *in = (struct sockaddr_in *)ss;

		in->sin_family = AF_INET;
		in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		in->sin_port = htons((uint16_t)port);
		return sizeof(*in);
	}
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;

	in6->sin6_family = AF_INET6;
	in6->sin6_port = htons((uint16_t)port);
	if (d == V6)
		in6->sin6_addr = in6addr_loopback;
	else
		inet_pton(AF_INET6, "::ffff:127.0.0.1", &in6->sin6_addr);
	return sizeof(*in6);
}

static const char *dst_name(enum dst d)
{
	return d == V4 ? "127.0.0.1" : d == V6 ? "[::1]" : "[::ffff:127.0.0.1]";
}

/* connect() (TCP) or sendto() (UDP) from a fresh socket: 0 or the errno. */
static int try_net(int type, enum dst d, unsigned port)
{
	struct sockaddr_storage ss;
	socklen_t len = dst_addr(&ss, d, port);
	int fd = socket(d == V4 ? AF_INET : AF_INET6, type | SOCK_CLOEXEC, 0), rc = 0;

	if (fd < 0)
		return errno;
	if (type == SOCK_STREAM) {
		if (connect(fd, (struct sockaddr *)&ss, len) < 0)
			rc = errno;
	} else {
		if (sendto(fd, "x", 1, 0, (struct sockaddr *)&ss, len) < 0)
			rc = errno;
	}
	close(fd);
	return rc;
}

static int try_bind(int family, unsigned port)
{
	struct sockaddr_storage ss;
	socklen_t len = dst_addr(&ss, family == AF_INET ? V4 : V6, port);
	int fd = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0), rc = 0, one = 1;

	if (fd < 0)
		return errno;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&ss, len) < 0)
		rc = errno;
	close(fd);
	return rc;
}

/* ---- cgroup ------------------------------------------------------------------- */

/* The cgroup v2 mount: the unified hierarchy of a hybrid host, or /sys/fs/cgroup. */
static int cgroup2_root(char *out, size_t outlen)
{
	FILE *f = fopen("/proc/self/mounts", "re");
	char dev[256], dir[512], type[64];
	int found = -1;

	if (!f)
		return -1;
	while (fscanf(f, "%255s %511s %63s %*s %*d %*d", dev, dir, type) == 3)
		if (!strcmp(type, "cgroup2")) {
			snprintf(out, outlen, "%s", dir);
			found = 0;
			if (strstr(dir, "unified"))
				break;
		}
	fclose(f);
	return found;
}

/* Remove test cgroups left by runs that died (their pid is gone). */
static void sweep_stale(const char *root)
{
	DIR *d = opendir(root);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		int pid;
		char path[1024];

		if (sscanf(e->d_name, "nono-bpf-test-%d", &pid) != 1 || (kill(pid, 0) == 0 || errno != ESRCH))
			continue;
		snprintf(path, sizeof(path), "%s/%s", root, e->d_name);
		rmdir(path);
	}
	closedir(d);
}

/* ---- the BPF object ---------------------------------------------------------------- */

/* Set a const volatile variable of .rodata before load (BTF gives its offset). */
static int set_rodata(struct bpf_object *obj, const char *name, const void *val, size_t len)
{
	struct bpf_map *m = bpf_object__find_map_by_name(obj, ".rodata");
	struct btf *btf = bpf_object__btf(obj);
	size_t size;
	const char *init;
	char data[4096];
	int id;

	if (!m || !btf)
		return -1;
	init = bpf_map__initial_value(m, &size);
	id = btf__find_by_name_kind(btf, ".rodata", BTF_KIND_DATASEC);
	if (!init || id < 0 || size > sizeof(data))
		return -1;
	memcpy(data, init, size);
	const struct btf_type *t = btf__type_by_id(btf, (unsigned)id);
	const struct btf_var_secinfo *v = btf_var_secinfos(t);

	for (unsigned i = 0; i < btf_vlen(t); i++, v++) {
		const struct btf_type *vt = btf__type_by_id(btf, v->type);

		if (strcmp(btf__name_by_offset(btf, vt->name_off), name))
			continue;
		if (v->offset + len > size || len != v->size)
			return -1;
		memcpy(data + v->offset, val, len);
		return bpf_map__set_initial_value(m, data, size);
	}
	return -1;
}

/* Fill the network maps from the table image (what nono-load does; file and
 * exec records need BPF-LSM and a sandbox view, so they are only counted). */
static int fill_maps(struct bpf_object *obj, const uint8_t *img, size_t len, unsigned *nnet, unsigned *nport,
		     unsigned *nother)
{
	const struct nono_bpf_tab_hdr *h = (const void *)img;
	int f4 = bpf_map__fd(bpf_object__find_map_by_name(obj, NONO_BPF_MAP_NET4));
	int f6 = bpf_map__fd(bpf_object__find_map_by_name(obj, NONO_BPF_MAP_NET6));
	int fp = bpf_map__fd(bpf_object__find_map_by_name(obj, NONO_BPF_MAP_PORT));
	size_t off = sizeof(*h);

	*nnet = *nport = *nother = 0;
	if (len < sizeof(*h) || memcmp(h->magic, NONO_BPF_TAB_MAGIC, 8) || h->version != NONO_BPF_TAB_VERSION ||
	    h->size != len || f4 < 0 || f6 < 0 || fp < 0)
		return -1;
	for (uint32_t i = 0; i < h->nrecords; i++) {
		const struct nono_bpf_rec *r = (const void *)(img + off);
		const void *p = r + 1;
		int rc = 0;

		if (off + sizeof(*r) > len || r->size < sizeof(*r) || r->size % 8 || off + r->size > len)
			return -1;
		switch (r->type) {
		case NONO_BPF_REC_NET4: {
			const struct nono_bpf_rec_net4 *n = p;

			rc = bpf_map_update_elem(f4, &n->key, &n->val, BPF_NOEXIST);
			(*nnet)++;
			break;
		}
		case NONO_BPF_REC_NET6: {
			const struct nono_bpf_rec_net6 *n = p;

			rc = bpf_map_update_elem(f6, &n->key, &n->val, BPF_NOEXIST);
			(*nnet)++;
			break;
		}
		case NONO_BPF_REC_PORT: {
			const struct nono_bpf_rec_port *n = p;

			rc = bpf_map_update_elem(fp, &n->key, &n->val, BPF_NOEXIST);
			(*nport)++;
			break;
		}
		default:
			(*nother)++;
		}
		if (rc < 0)
			return -1;
		off += r->size;
	}
	return off == len ? 0 : -1;
}

struct events {
	struct nono_bpf_event ev[64];
	unsigned n;
};

static int on_event(void *ctx, void *data, size_t size)
{
	struct events *e = ctx;

	if (size >= sizeof(struct nono_bpf_event) && e->n < 64)
		memcpy(&e->ev[e->n++], data, sizeof(struct nono_bpf_event));
	return 0;
}

static const struct nono_bpf_event *find_event(const struct events *e, unsigned hook, unsigned port, unsigned proto)
{
	for (unsigned i = 0; i < e->n; i++)
		if (e->ev[i].hook == hook && e->ev[i].obj.net.port == port && e->ev[i].obj.net.proto == proto)
			return &e->ev[i];
	return NULL;
}

/* The id of the IR rule whose text starts with @prefix (0 if none). */
static uint32_t rule_id(const struct nono_ir *ir, const char *prefix)
{
	for (uint32_t i = 1; i < ir->nrules; i++)
		if (!strncmp(ir->rules[i].text, prefix, strlen(prefix)))
			return i;
	return 0;
}

/* ---- the sandboxed child ---------------------------------------------------------- */

struct ports {
	unsigned tcp4_ok, tcp4_denied, udp4_ok, udp4_other, tcp6_ok, tcp6_other, udp6_tool, udp6_other;
};

/* Runs in the child, inside the cgroup. Returns the number of failures. */
static int child_checks(const struct ports *p)
{
	struct {
		const char *what;
		int type;
		enum dst d;
		unsigned port;
		int want; /* 0 or EPERM */
	} cases[] = {
		{ "TCP connect allowed by a CIDR rule", SOCK_STREAM, V4, p->tcp4_ok, 0 },
		{ "TCP connect denied inside the allowed CIDR (deny wins)", SOCK_STREAM, V4, p->tcp4_denied, EPERM },
		{ "IPv4-mapped IPv6 TCP connect gets the IPv4 allow", SOCK_STREAM, MAPPED, p->tcp4_ok, 0 },
		{ "IPv4-mapped IPv6 TCP connect gets the IPv4 deny", SOCK_STREAM, MAPPED, p->tcp4_denied, EPERM },
		{ "UDP sendmsg allowed by a udp rule", SOCK_DGRAM, V4, p->udp4_ok, 0 },
		{ "UDP sendmsg to a port only tcp is allowed to (protocol)", SOCK_DGRAM, V4, p->udp4_other, EPERM },
		{ "IPv4-mapped IPv6 UDP sendmsg gets the IPv4 allow", SOCK_DGRAM, MAPPED, p->udp4_ok, 0 },
		{ "IPv6 TCP connect allowed", SOCK_STREAM, V6, p->tcp6_ok, 0 },
		{ "IPv6 TCP connect no rule grants", SOCK_STREAM, V6, p->tcp6_other, EPERM },
		{ "IPv6 UDP sendmsg allowed by a tool's rule (sandbox-wide union)", SOCK_DGRAM, V6, p->udp6_tool, 0 },
		{ "IPv6 UDP sendmsg no rule grants", SOCK_DGRAM, V6, p->udp6_other, EPERM },
	};
	int failed = 0;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int got = try_net(cases[i].type, cases[i].d, cases[i].port);
		int ok = got == cases[i].want;

		printf("  %s  %s: %s %s:%u -> %s\n", ok ? "ok  " : "FAIL", cases[i].what,
		       cases[i].type == SOCK_STREAM ? "tcp" : "udp", dst_name(cases[i].d), cases[i].port,
		       got ? strerror(got) : "allowed");
		failed += !ok;
	}
	{
		int got = try_bind(AF_INET, p->tcp4_ok);
		int ok = got == EPERM;

		printf("  %s  bind to a fixed port without `net bind`: %s\n", ok ? "ok  " : "FAIL",
		       got ? strerror(got) : "allowed");
		failed += !ok;
		got = try_bind(AF_INET6, 0);
		ok = got == 0;
		printf("  %s  bind to port 0 (the kernel picks): %s\n", ok ? "ok  " : "FAIL", got ? strerror(got) : "allowed");
		failed += !ok;
	}
	{
		int fd = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP);
		int ok = fd < 0 && errno == EPERM;

		printf("  %s  raw socket refused by cgroup/sock_create: %s\n", ok ? "ok  " : "FAIL",
		       fd < 0 ? strerror(errno) : "created");
		if (fd >= 0)
			close(fd);
		failed += !ok;
	}
	fflush(stdout);
	return failed;
}

/* ---- main ------------------------------------------------------------------------ */

/* --verify OBJ...: each object's cgroup-BPF programs load and attach (to a
 * fresh cgroup, detached again at once). Used by tests/host/bpf-compile.sh
 * for every standard policy and contract example. */
static int verify_objects(int n, char **files)
{
	char cgroot[512], cgdir[1024];
	int cgfd;

	if (cgroup2_root(cgroot, sizeof(cgroot)) < 0) {
		printf("  FAIL  no cgroup v2 hierarchy mounted\n");
		return 1;
	}
	sweep_stale(cgroot);
	snprintf(cgdir, sizeof(cgdir), "%s/nono-bpf-test-%d", cgroot, (int)getpid());
	if (mkdir(cgdir, 0755) < 0 || (cgfd = open(cgdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		printf("  FAIL  cgroup %s: %s\n", cgdir, strerror(errno));
		rmdir(cgdir);
		return 1;
	}
	for (int i = 0; i < n; i++) {
		struct bpf_object *obj = bpf_object__open_file(files[i], NULL);
		struct bpf_program *prog;
		int e, nprog = 0, nattached = 0;

		if (!obj) {
			CHECK(0, "%s: libbpf cannot open it: %s", files[i], strerror(errno));
			continue;
		}
		bpf_object__for_each_program(prog, obj) {
			int cg = !strncmp(bpf_program__section_name(prog), "cgroup/", 7);

			bpf_program__set_autoload(prog, cg);
			nprog += cg;
		}
		e = bpf_object__load(obj);
		if (!e)
			bpf_object__for_each_program(prog, obj) {
				struct bpf_link *l;

				if (!bpf_program__autoload(prog))
					continue;
				l = bpf_program__attach_cgroup(prog, cgfd);
				if (l) {
					nattached++;
					bpf_link__destroy(l);
				}
			}
		CHECK(!e && nattached == nprog && nprog == 7, "%s: %d cgroup-BPF programs load and attach%s%s",
		      files[i], nattached, e ? ": " : "", e ? strerror(-e) : "");
		bpf_object__close(obj);
	}
	close(cgfd);
	if (rmdir(cgdir) < 0)
		CHECK(0, "removing %s: %s", cgdir, strerror(errno));
	printf("bpf-verify: %d passed, %d failed\n", npass, nfail);
	return nfail ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct listener ls[8];
	struct ports p;
	char cgroot[512], cgdir[1024], procs[1100], policy[4096], err[NONO_BPF_ERR_SIZE];
	struct bpf_link *links[16] = { 0 };
	struct bpf_object *obj = NULL, *lsm = NULL;
	struct ring_buffer *rb = NULL;
	struct nono_bpf_output out = { 0 };
	struct events events = { .n = 0 };
	nonoc_ctx *ctx = NULL;
	int cgfd = -1, nlinks = 0, made_cg = 0, rc = 1;
	struct stat st;

	if (argc > 1 && !strcmp(argv[1], "-v")) {
		verbose = 1;
		argc--;
		argv++;
	}
	for (size_t i = 0; i < 8; i++)
		ls[i].fd = -1;
	setvbuf(stdout, NULL, _IOLBF, 0);
	libbpf_set_print(libbpf_quiet);
	if (geteuid() != 0) {
		printf("  skip  not root: loading BPF programs needs root (CI runs as root)\n");
		printf("bpf-load: 0 passed, 0 failed, 1 skipped\n");
		return 0;
	}
	if (argc > 1 && !strcmp(argv[1], "--verify"))
		return verify_objects(argc - 2, argv + 2);
	if (cgroup2_root(cgroot, sizeof(cgroot)) < 0) {
		printf("  FAIL  no cgroup v2 hierarchy mounted (expected /sys/fs/cgroup/unified)\n");
		printf("bpf-load: 0 passed, 1 failed, 0 skipped\n");
		return 1;
	}

	/* 1. Listeners (ephemeral ports on loopback) and the policy naming them. */
	if (listen_on(&ls[0], AF_INET, SOCK_STREAM) < 0 || listen_on(&ls[1], AF_INET, SOCK_STREAM) < 0 ||
	    listen_on(&ls[2], AF_INET, SOCK_DGRAM) < 0 || listen_on(&ls[3], AF_INET, SOCK_DGRAM) < 0 ||
	    listen_on(&ls[4], AF_INET6, SOCK_STREAM) < 0 || listen_on(&ls[5], AF_INET6, SOCK_STREAM) < 0 ||
	    listen_on(&ls[6], AF_INET6, SOCK_DGRAM) < 0 || listen_on(&ls[7], AF_INET6, SOCK_DGRAM) < 0) {
		printf("  FAIL  cannot set up loopback listeners: %s\n", strerror(errno));
		nfail++;
		goto cleanup;
	}
	p = (struct ports){ ls[0].port, ls[1].port, ls[2].port, ls[3].port,
			    ls[4].port, ls[5].port, ls[6].port, ls[7].port };
	snprintf(policy, sizeof(policy),
		 "policy \"host-bpf-test\" version 1\n"
		 "agent {\n"
		 "    net connect tcp 127.0.0.0/8\n"                 /* every TCP port of 127/8 ...          */
		 "    net connect udp 127.0.0.1:%u\n"                /* one UDP port                         */
		 "    net connect tcp [::1]:%u\n"                    /* one IPv6 TCP port                    */
		 "}\n"
		 "tool helper {\n"
		 "    exec \"/nonexistent/nono-test-helper\"\n"
		 "    net connect udp [::1]:%u\n"                    /* only in the tool: the union has it   */
		 "}\n"
		 "deny net connect 127.0.0.1:%u\n",                  /* ... but this one (deny wins)         */
		 p.udp4_ok, p.tcp6_ok, p.udp6_tool, p.tcp4_denied);
	ctx = nonoc_new();
	int src = ctx ? nonoc_add_source(ctx, "host-bpf-test.nono", policy, strlen(policy)) : -1;

	if (src < 0 || nonoc_check(ctx, src) < 0) {
		printf("  FAIL  the test policy does not check:\n");
		if (ctx)
			nonoc_render_diagnostics(ctx, stdout, NONOC_FMT_TEXT, 0);
		nfail++;
		goto cleanup;
	}
	if (nonoc_emit_bpf(ctx, src, 1, NULL, &out, err, sizeof(err)) < 0) {
		printf("  FAIL  nonoc_emit_bpf: %s\n", err);
		nfail++;
		goto cleanup;
	}
	CHECK(1, "compiled the test policy (8 loopback ports) into a %zu-byte object and a %zu-byte table image",
	      out.obj_len, out.tables_len);

	/* 2. A fresh cgroup, the object, the rodata, load, maps, attach. */
	sweep_stale(cgroot);
	snprintf(cgdir, sizeof(cgdir), "%s/nono-bpf-test-%d", cgroot, (int)getpid());
	if (mkdir(cgdir, 0755) < 0) {
		printf("  FAIL  mkdir %s: %s\n", cgdir, strerror(errno));
		nfail++;
		goto cleanup;
	}
	made_cg = 1;
	cgfd = open(cgdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (cgfd < 0 || fstat(cgfd, &st) < 0) {
		printf("  FAIL  open %s: %s\n", cgdir, strerror(errno));
		nfail++;
		goto cleanup;
	}
	{
		LIBBPF_OPTS(bpf_object_open_opts, oo, .object_name = "nono");
		struct bpf_program *prog;
		uint64_t sandbox = (uint64_t)st.st_ino; /* a cgroup v2 directory's inode number is its id */
		uint32_t feat = 0;
		unsigned nnet, nport, nother;
		int e;

		obj = bpf_object__open_mem(out.obj, out.obj_len, &oo);
		if (!obj) {
			printf("  FAIL  libbpf cannot open the object: %s\n", strerror(errno));
			nfail++;
			goto cleanup;
		}
		bpf_object__for_each_program(prog, obj)
			bpf_program__set_autoload(prog, !strncmp(bpf_program__section_name(prog), "cgroup/", 7));
		if (libbpf_probe_bpf_helper(BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_FUNC_get_current_comm, NULL) == 1 &&
		    libbpf_probe_bpf_helper(BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_FUNC_get_current_pid_tgid, NULL) == 1)
			feat |= NONO_BPF_FEAT_CG_CURRENT;
		CHECK(set_rodata(obj, NONO_BPF_RO_SANDBOX, &sandbox, sizeof(sandbox)) == 0 &&
			      set_rodata(obj, NONO_BPF_RO_FEAT, &feat, sizeof(feat)) == 0,
		      "rodata set before load: sandbox id %llu (the cgroup's id), features 0x%x",
		      (unsigned long long)sandbox, feat);
		e = bpf_object__load(obj);
		CHECK(e == 0, "cgroup-BPF programs pass the verifier and load: %s", e ? strerror(-e) : "7 programs");
		if (e)
			goto cleanup;
		e = fill_maps(obj, out.tables, out.tables_len, &nnet, &nport, &nother);
		CHECK(e == 0 && nnet > 0 && nport > 0, "maps filled from the table image: %u address, %u port entries "
		      "(%u file/exec records need BPF-LSM)", nnet, nport, nother);
		if (e)
			goto cleanup;
		bpf_object__for_each_program(prog, obj) {
			struct bpf_link *l;

			if (!bpf_program__autoload(prog))
				continue;
			l = bpf_program__attach_cgroup(prog, cgfd);
			if (!l) {
				CHECK(0, "attach %s to %s: %s", bpf_program__name(prog), cgdir, strerror(errno));
				goto cleanup;
			}
			links[nlinks++] = l;
		}
		CHECK(nlinks == 7, "attached %d cgroup-BPF programs to %s", nlinks, cgdir);
		rb = ring_buffer__new(bpf_map__fd(bpf_object__find_map_by_name(obj, NONO_BPF_MAP_EVENTS)), on_event,
				      &events, NULL);
		CHECK(rb != NULL, "ring buffer for denial events");
		if (!rb)
			goto cleanup;
	}

	/* 3. The sandboxed child. */
	{
		pid_t pid = fork();
		int status = 0;

		if (pid < 0) {
			CHECK(0, "fork: %s", strerror(errno));
			goto cleanup;
		}
		if (pid == 0) {
			char buf[32];
			int fd;

			snprintf(procs, sizeof(procs), "%s/cgroup.procs", cgdir);
			fd = open(procs, O_WRONLY | O_CLOEXEC);
			snprintf(buf, sizeof(buf), "%d\n", (int)getpid());
			if (fd < 0 || write(fd, buf, strlen(buf)) < 0) {
				printf("  FAIL  moving the child into %s: %s\n", cgdir, strerror(errno));
				_exit(100);
			}
			close(fd);
			_exit(child_checks(&p) ? 1 : 0);
		}
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			npass += 14;
		else
			CHECK(0, "the sandboxed child reported failures (status 0x%x)", status);
	}

	/* 4. The events. */
	{
		const struct nono_ir *ir = nono_ir_of(ctx, src);
		uint32_t deny_rule = rule_id(ir, "deny net connect");
		const struct nono_bpf_event *e;

		ring_buffer__consume(rb);
		CHECK(events.n >= 7, "%u denial events on the ring buffer", events.n);
		e = find_event(&events, NONO_BPF_HOOK_CG_CONNECT4, p.tcp4_denied, IPPROTO_TCP);
		CHECK(e && e->rule == deny_rule && deny_rule && e->why == NONO_BPF_WHY_RULE && e->err == -EPERM &&
			      e->domain == NONO_BPF_DOMAIN_UNION && e->sandbox == (uint64_t)st.st_ino,
		      "connect4 event names the deny rule: rule %u (%s), why %u", e ? e->rule : 0,
		      deny_rule ? ir->rules[deny_rule].text : "?", e ? e->why : 0);
		e = find_event(&events, NONO_BPF_HOOK_CG_CONNECT6, p.tcp4_denied, IPPROTO_TCP);
		CHECK(e && e->rule == deny_rule && !memcmp(e->obj.net.addr, "\x7f\0\0\x01", 4),
		      "connect6 event for the mapped address carries the IPv4 address and the same rule");
		e = find_event(&events, NONO_BPF_HOOK_CG_CONNECT6, p.tcp6_other, IPPROTO_TCP);
		CHECK(e && e->rule == 0 && e->why == NONO_BPF_WHY_NOT_GRANTED,
		      "connect6 event for an ungranted port: rule 0, not granted");
		e = find_event(&events, NONO_BPF_HOOK_CG_SENDMSG4, p.udp4_other, IPPROTO_UDP);
		CHECK(e != NULL, "sendmsg4 event for the UDP denial");
		e = find_event(&events, NONO_BPF_HOOK_CG_SENDMSG6, p.udp6_other, IPPROTO_UDP);
		CHECK(e != NULL, "sendmsg6 event for the UDP denial");
		e = find_event(&events, NONO_BPF_HOOK_CG_BIND4, p.tcp4_ok, IPPROTO_TCP);
		CHECK(e != NULL, "bind4 event for the fixed port");
		{
			int found = 0;

			for (unsigned i = 0; i < events.n; i++)
				found |= events.ev[i].hook == NONO_BPF_HOOK_CG_SOCK_CREATE &&
					 events.ev[i].why == NONO_BPF_WHY_FAMILY;
			CHECK(found, "sock_create event for the raw socket");
		}
		if (verbose)
			for (unsigned i = 0; i < events.n; i++)
				printf("       event hook %u why %u rule %u port %u pid %u comm %.16s\n", events.ev[i].hook,
				       events.ev[i].why, events.ev[i].rule, events.ev[i].obj.net.port, events.ev[i].pid,
				       events.ev[i].comm);
	}

	/* 5. BPF-LSM: refused on this kernel. */
	{
		LIBBPF_OPTS(bpf_object_open_opts, oo, .object_name = "nono_lsm");
		struct bpf_program *prog;
		int e, nlsm = 0;

		lsm = bpf_object__open_mem(out.obj, out.obj_len, &oo);
		if (!lsm) {
			CHECK(0, "libbpf cannot open the object a second time: %s", strerror(errno));
			goto cleanup;
		}
		bpf_object__for_each_program(prog, lsm) {
			int is_lsm = !strncmp(bpf_program__section_name(prog), "lsm/", 4);

			bpf_program__set_autoload(prog, is_lsm && !strcmp(bpf_program__name(prog), "nono_lsm_file_open"));
			nlsm += is_lsm;
		}
		libbpf_set_print(verbose ? libbpf_quiet : NULL);
		e = bpf_object__load(lsm);
		libbpf_set_print(libbpf_quiet);
		if (e == -EPERM) {
			printf("  skip  %d BPF-LSM programs (%d hooks, dispatcher and specialised): this kernel refuses "
			       "BPF_PROG_TYPE_LSM loads with EPERM before the verifier runs; the QEMU tier (Debian 6.1 "
			       "and 6.12) loads them\n", nlsm, nlsm / 2);
			nskip++;
		} else if (e == 0) {
			/* A kernel that takes them: load every one (the verifier is the test). */
			bpf_object__close(lsm);
			lsm = bpf_object__open_mem(out.obj, out.obj_len, &oo);
			if (lsm) {
				bpf_object__for_each_program(prog, lsm)
					bpf_program__set_autoload(prog, !strncmp(bpf_program__section_name(prog), "lsm/", 4));
				e = bpf_object__load(lsm);
			}
			CHECK(lsm && e == 0, "this kernel loads BPF-LSM: all %d LSM programs pass the verifier", nlsm);
		} else {
			CHECK(0, "loading a BPF-LSM program failed with %s (expected EPERM here, or success)", strerror(-e));
		}
	}
	rc = 0;

cleanup:
	if (rb)
		ring_buffer__free(rb);
	for (int i = 0; i < nlinks; i++)
		bpf_link__destroy(links[i]);
	if (obj)
		bpf_object__close(obj);
	if (lsm)
		bpf_object__close(lsm);
	if (cgfd >= 0)
		close(cgfd);
	if (made_cg && rmdir(cgdir) < 0) {
		printf("  FAIL  removing %s: %s\n", cgdir, strerror(errno));
		nfail++;
	}
	for (size_t i = 0; i < 8; i++)
		if (ls[i].fd >= 0)
			close(ls[i].fd);
	nono_bpf_output_free(&out);
	if (ctx)
		nonoc_free(ctx);
	printf("bpf-load: %d passed, %d failed, %d skipped\n", npass, nfail, nskip);
	return nfail || rc ? 1 : 0;
}
