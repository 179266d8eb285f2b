/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A BPF-LSM smoke test for a kernel that loads BPF-LSM (not this build
 * machine): run inside a QEMU guest by tests/host/qemu-lsm-smoke.sh, not by
 * `make check`. A head start for the kernel tier, which must prove all of
 * docs/bpf.md's "What the kernel tier must still prove" systematically.
 *
 *   lsm_smoke OBJ
 *
 * 1. Every program of the object, loaded alone: the verifier's verdict per
 *    program (the return-value range check of 6.12 included).
 * 2. Dispatch: nono_disp_file_open and nono_disp_task_alloc attached, the
 *    specialised programs in slot 0 of their prog arrays (tail calls), task
 *    state written for a child through a pidfd: the child and its own child
 *    are denied what no rule grants, the parent (outside) is not; a rule
 *    written into nono_inode grants one file; events on the ring buffer.
 * 3. A domain transition: exec of a "tool" binary (busybox here) moves the
 *    child into domain 1, which may read what domain 0 may not.
 * 4. Whether cgroup sock_addr programs have the pid/comm helpers
 *    (NONO_BPF_FEAT_CG_CURRENT).
 */
#define _GNU_SOURCE
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../../bpf-templates/nono_shared.h"

static char logbuf[1 << 20];
static int quiet(enum libbpf_print_level l, const char *f, va_list a)
{
	(void)l;
	(void)f;
	(void)a;
	return 0;
}

static int set_rodata(struct bpf_object *obj, const char *name, const void *val, size_t len)
{
	struct bpf_map *m = bpf_object__find_map_by_name(obj, ".rodata");
	struct btf *btf = bpf_object__btf(obj);
	size_t size; const char *init; char data[4096]; int id;
	if (!m || !btf) return -1;
	init = bpf_map__initial_value(m, &size);
	id = btf__find_by_name_kind(btf, ".rodata", BTF_KIND_DATASEC);
	if (!init || id < 0 || size > sizeof(data)) return -1;
	memcpy(data, init, size);
	const struct btf_type *t = btf__type_by_id(btf, id);
	const struct btf_var_secinfo *v = btf_var_secinfos(t);
	for (unsigned i = 0; i < btf_vlen(t); i++, v++) {
		const struct btf_type *vt = btf__type_by_id(btf, v->type);
		if (strcmp(btf__name_by_offset(btf, vt->name_off), name)) continue;
		memcpy(data + v->offset, val, len);
		return bpf_map__set_initial_value(m, data, size);
	}
	return -1;
}

static int nev;
static int on_ev(void *c, void *d, size_t s) { (void)c; (void)s; struct nono_bpf_event *e = d; printf("    event: hook %u why %u rule %u domain %u pid %u comm %.16s name %.48s\n", e->hook, e->why, e->rule, e->domain, e->pid, e->comm, e->obj.file.name); nev++; return 0; }

int main(int argc, char **argv)
{
	int ok = 0, bad = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: lsm_smoke OBJ\n");
		return 2;
	}
	libbpf_set_print(quiet);
	/* 1. every program alone */
	struct bpf_object *o0 = bpf_object__open_file(argv[1], NULL);
	struct bpf_program *p0;
	bpf_object__for_each_program(p0, o0) {
		const char *name = bpf_program__name(p0);
		struct bpf_object *o = bpf_object__open_file(argv[1], NULL);
		struct bpf_program *p;
		bpf_object__for_each_program(p, o) {
			bpf_program__set_autoload(p, !strcmp(bpf_program__name(p), name));
			if (!strcmp(bpf_program__name(p), name)) bpf_program__set_log_buf(p, logbuf, sizeof(logbuf));
		}
		logbuf[0] = 0;
		int e = bpf_object__load(o);
		if (e) {
			bad++;
			size_t n = strlen(logbuf);
			const char *tail = n > 1500 ? logbuf + n - 1500 : logbuf;
			printf("FAIL %s: %s\n%s\n", name, strerror(-e), tail);
		} else ok++;
		bpf_object__close(o);
	}
	bpf_object__close(o0);
	printf("per-program load: %d ok, %d failed\n", ok, bad);

	/* 2. dispatcher + tail call + task storage via pidfd */
	struct bpf_object *o = bpf_object__open_file(argv[1], NULL);
	struct bpf_program *p;
	const char *want[] = { "nono_disp_file_open", "nono_lsm_file_open", "nono_disp_task_alloc", "nono_lsm_task_alloc", NULL };
	bpf_object__for_each_program(p, o) {
		int w = 0;
		for (int i = 0; want[i]; i++) w |= !strcmp(bpf_program__name(p), want[i]);
		bpf_program__set_autoload(p, w);
	}
	__u64 sb = 12345;
	set_rodata(o, NONO_BPF_RO_SANDBOX, &sb, 8);
	int e = bpf_object__load(o);
	printf("dispatch set load: %s\n", e ? strerror(-e) : "ok");
	if (e) return 1;
	__u32 slot = 0;
	int fd;
	fd = bpf_program__fd(bpf_object__find_program_by_name(o, "nono_lsm_file_open"));
	e = bpf_map_update_elem(bpf_map__fd(bpf_object__find_map_by_name(o, "nono_tail_file_open")), &slot, &fd, 0);
	printf("prog array insert file_open: %s\n", e ? strerror(errno) : "ok");
	fd = bpf_program__fd(bpf_object__find_program_by_name(o, "nono_lsm_task_alloc"));
	e = bpf_map_update_elem(bpf_map__fd(bpf_object__find_map_by_name(o, "nono_tail_task_alloc")), &slot, &fd, 0);
	printf("prog array insert task_alloc: %s\n", e ? strerror(errno) : "ok");
	struct bpf_link *l1 = bpf_program__attach_lsm(bpf_object__find_program_by_name(o, "nono_disp_file_open"));
	struct bpf_link *l2 = bpf_program__attach_lsm(bpf_object__find_program_by_name(o, "nono_disp_task_alloc"));
	printf("attach dispatchers: %s %s\n", l1 ? "ok" : strerror(errno), l2 ? "ok" : strerror(errno));
	struct ring_buffer *rb = ring_buffer__new(bpf_map__fd(bpf_object__find_map_by_name(o, "nono_events")), on_ev, NULL, NULL);

	for (int round = 0; round < 2; round++) {
		if (round == 1) {
			/* grant read of /etc/passwd to domain 0 */
			struct stat st; stat("/etc/passwd", &st);
			struct nono_bpf_inode_key k = { .ino = st.st_ino, .dev = nono_bpf_dev(st.st_dev), .domain = 0 };
			struct nono_bpf_fs_val v = { 0 };
			nono_bpf_fs_val_add(&v, NONO_BPF_FS_EXACT, NONO_BPF_EFFECT_ALLOW, NONO_BPF_A_READ, 7, 0);
			e = bpf_map_update_elem(bpf_map__fd(bpf_object__find_map_by_name(o, "nono_inode")), &k, &v, 0);
			printf("grant /etc/passwd read: %s\n", e ? strerror(errno) : "ok");
		}
		int pfd[2];
		if (pipe(pfd) < 0)
			return 1;
		pid_t c = fork();
		if (c == 0) {
			char b;
			if (read(pfd[0], &b, 1) != 1)
				_exit(1);
			int f = open("/etc/passwd", O_RDONLY);
			printf("  child: open /etc/passwd -> %s\n", f >= 0 ? "ok" : strerror(errno));
			pid_t g = fork();
			if (g == 0) { int f2 = open("/etc/passwd", O_RDONLY); printf("  grandchild: open /etc/passwd -> %s\n", f2 >= 0 ? "ok" : strerror(errno)); int f3 = open("/etc/hostname", O_RDONLY); printf("  grandchild: open /etc/hostname -> %s\n", f3 >= 0 ? "ok" : strerror(errno)); _exit(0); }
			if (g < 0) printf("  child: fork -> %s\n", strerror(errno));
			else waitpid(g, NULL, 0);
			_exit(0);
		}
		int pidfd = syscall(SYS_pidfd_open, c, 0);
		struct nono_bpf_task st = { .sandbox = 12345, .domain = 0, .slot = 0 };
		e = bpf_map_update_elem(bpf_map__fd(bpf_object__find_map_by_name(o, "nono_task")), &pidfd, &st, 0);
		printf("task storage via pidfd: %s\n", e ? strerror(errno) : "ok");
		if (write(pfd[1], "x", 1) != 1)
			return 1;
		waitpid(c, NULL, 0);
		int f = open("/etc/passwd", O_RDONLY);
		printf("parent (outside): open /etc/passwd -> %s\n", f >= 0 ? "ok" : strerror(errno));
		ring_buffer__consume(rb);
	}
	printf("events: %d\n", nev);

	/* 3. exec transition: busybox is "the tool" (domain 1); only domain 1 may read /etc/passwd */
	{
		struct bpf_object *x = bpf_object__open_file(argv[1], NULL);
		const char *hooks[] = { "file_open", "task_alloc", "bprm_creds_for_exec", "bprm_check_security", "bprm_committed_creds", "mmap_file", NULL };
		bpf_object__for_each_program(p, x) {
			int w = 0;
			for (int i = 0; hooks[i]; i++) {
				char a[64], b[64];
				snprintf(a, 64, "nono_disp_%s", hooks[i]); snprintf(b, 64, "nono_lsm_%s", hooks[i]);
				w |= !strcmp(bpf_program__name(p), a) || !strcmp(bpf_program__name(p), b);
			}
			bpf_program__set_autoload(p, w);
		}
		__u64 sb2 = 777;
		set_rodata(x, NONO_BPF_RO_SANDBOX, &sb2, 8);
		e = bpf_object__load(x);
		printf("transition set load: %s\n", e ? strerror(-e) : "ok");
		struct bpf_link *links[8]; int nl = 0;
		for (int i = 0; hooks[i]; i++) {
			char a[64], b[64], m[64];
			snprintf(a, 64, "nono_disp_%s", hooks[i]); snprintf(b, 64, "nono_lsm_%s", hooks[i]); snprintf(m, 64, "nono_tail_%s", hooks[i]);
			int pf = bpf_program__fd(bpf_object__find_program_by_name(x, b));
			bpf_map_update_elem(bpf_map__fd(bpf_object__find_map_by_name(x, m)), &slot, &pf, 0);
			links[nl++] = bpf_program__attach_lsm(bpf_object__find_program_by_name(x, a));
		}
		if (l1) bpf_link__destroy(l1);
		if (l2) bpf_link__destroy(l2);
		struct stat st; 
		int inofd = bpf_map__fd(bpf_object__find_map_by_name(x, "nono_inode"));
		stat("/bin/busybox", &st);
		for (__u32 d = 0; d < 2; d++) {
			struct nono_bpf_inode_key k = { .ino = st.st_ino, .dev = nono_bpf_dev(st.st_dev), .domain = d };
			struct nono_bpf_fs_val v = { 0 };
			nono_bpf_fs_val_add(&v, NONO_BPF_FS_EXACT, NONO_BPF_EFFECT_ALLOW, NONO_BPF_A_READ | NONO_BPF_A_EXEC, 0, 0);
			bpf_map_update_elem(inofd, &k, &v, 0);
		}
		struct nono_bpf_exec_key ek = { .ino = st.st_ino, .dev = nono_bpf_dev(st.st_dev) };
		struct nono_bpf_exec_val ev = { .domain = 1, .rule = 0 };
		e = bpf_map_update_elem(bpf_map__fd(bpf_object__find_map_by_name(x, "nono_exec")), &ek, &ev, 0);
		stat("/etc/passwd", &st);
		struct nono_bpf_inode_key k = { .ino = st.st_ino, .dev = nono_bpf_dev(st.st_dev), .domain = 1 };
		struct nono_bpf_fs_val v = { 0 };
		nono_bpf_fs_val_add(&v, NONO_BPF_FS_EXACT, NONO_BPF_EFFECT_ALLOW, NONO_BPF_A_READ, 9, 0);
		bpf_map_update_elem(inofd, &k, &v, 0);
		int pfd[2];
		if (pipe(pfd) < 0)
			return 1;
		pid_t c = fork();
		if (c == 0) {
			char b;
			if (read(pfd[0], &b, 1) != 1)
				_exit(1);
			int f = open("/etc/passwd", O_RDONLY);
			printf("  agent (domain 0): open /etc/passwd -> %s\n", f >= 0 ? "ok" : strerror(errno));
			execl("/bin/busybox", "cat", "/etc/passwd", (char *)NULL);
			printf("  agent: exec busybox -> %s\n", strerror(errno));
			_exit(1);
		}
		int pidfd = syscall(SYS_pidfd_open, c, 0);
		struct nono_bpf_task ts = { .sandbox = 777, .domain = 0, .slot = 0 };
		e = bpf_map_update_elem(bpf_map__fd(bpf_object__find_map_by_name(x, "nono_task")), &pidfd, &ts, 0);
		printf("task storage via pidfd: %s\n", e ? strerror(errno) : "ok");
		if (write(pfd[1], "x", 1) != 1)
			return 1;
		int status; waitpid(c, &status, 0);
		printf("tool (busybox cat, domain 1 after exec) exit status %d (0: it read /etc/passwd)\n", WEXITSTATUS(status));
		for (int i = 0; i < nl; i++) if (links[i]) bpf_link__destroy(links[i]);
	}
	printf("cg current helpers: comm %d pid %d\n", libbpf_probe_bpf_helper(BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_FUNC_get_current_comm, NULL), libbpf_probe_bpf_helper(BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_FUNC_get_current_pid_tgid, NULL));
	return 0;
}
