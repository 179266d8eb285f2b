/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The kernel probe (probe.h). Each probe tries the real thing where that is
 * cheap and side-effect free: a user namespace is created in a throwaway
 * child, BPF programs are loaded and closed at once, securityfs is mounted
 * only inside a private mount namespace of a child that exits right away
 * (nothing to clean up on the host, whatever happens).
 */
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include "json.h"
#include "probe.h"
#include "util.h"

#ifndef __NR_landlock_create_ruleset
#define __NR_landlock_create_ruleset 444
#endif
#define LL_CREATE_RULESET_VERSION (1U << 0)

static const struct {
	const char *name;
	uint32_t action;
} sc_actions[] = {
	{ "kill_process", SECCOMP_RET_KILL_PROCESS }, { "kill_thread", SECCOMP_RET_KILL_THREAD },
	{ "trap", SECCOMP_RET_TRAP },                 { "errno", SECCOMP_RET_ERRNO },
	{ "user_notif", SECCOMP_RET_USER_NOTIF },     { "trace", SECCOMP_RET_TRACE },
	{ "log", SECCOMP_RET_LOG },                   { "allow", SECCOMP_RET_ALLOW },
};

static const struct {
	const char *name;
	unsigned bit;
} ns_names[] = {
	{ "user", NL_NS_USER }, { "mnt", NL_NS_MNT }, { "pid", NL_NS_PID },       { "ipc", NL_NS_IPC },
	{ "uts", NL_NS_UTS },   { "net", NL_NS_NET }, { "cgroup", NL_NS_CGROUP }, { "time", NL_NS_TIME },
};

const char *nl_cg_layout_name(enum nl_cg_layout l)
{
	static const char *const n[] = { "none", "v1", "v2", "hybrid" };

	return n[l];
}

static long read_long(const char *path, long dflt)
{
	char *s = nl_read_small(path, 64, NULL);
	long v = dflt;

	if (s) {
		char *end;

		errno = 0;
		v = strtol(s, &end, 10);
		if (errno || end == s)
			v = dflt;
		free(s);
	}
	return v;
}

static bool cap_sys_admin(void)
{
	char *s = nl_read_small("/proc/self/status", 8192, NULL);
	bool r = false;

	if (s) {
		char *c = strstr(s, "\nCapEff:");

		if (c)
			r = (strtoull(c + 8, NULL, 16) >> 21) & 1; /* CAP_SYS_ADMIN */
		free(s);
	}
	return r;
}

/*
 * Run @fn in a forked child and return what it returned (an errno value,
 * 0 = success). The child may change namespaces freely: it exits at once.
 */
static int in_child(int (*fn)(void *), void *arg, void *out, size_t outlen)
{
	int pfd[2];

	if (pipe2(pfd, O_CLOEXEC) < 0)
		return errno;
	pid_t pid = fork();

	if (pid < 0) {
		int e = errno;

		close(pfd[0]);
		close(pfd[1]);
		return e;
	}
	if (pid == 0) {
		close(pfd[0]);
		int rc = fn(arg);

		if (out && outlen)
			nl_write_all(pfd[1], arg, outlen);
		_exit(rc & 0xff);
	}
	close(pfd[1]);
	if (out && outlen && nl_read_full(pfd[0], out, outlen) != (ssize_t)outlen)
		memset(out, 0, outlen);
	close(pfd[0]);
	int st;

	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(st) ? WEXITSTATUS(st) : EINTR;
}

static int try_userns(void *arg)
{
	(void)arg;
	return unshare(CLONE_NEWUSER | CLONE_NEWNS) < 0 ? errno : 0;
}

/* securityfs is not mounted at boot here: mount it in a private mount namespace. */
static int read_lsm_privately(void *arg)
{
	char *buf = arg;

	buf[0] = '\0';
	if (unshare(CLONE_NEWNS) < 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return errno;
	if (mount("securityfs", "/sys/kernel/security", "securityfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0 &&
	    errno != EBUSY)
		return errno;
	char *s = nl_read_small("/sys/kernel/security/lsm", 255, NULL);

	if (!s)
		return errno;
	snprintf(buf, 256, "%s", s);
	free(s);
	return 0;
}

static void chomp(char *s)
{
	size_t n = strlen(s);

	while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
		s[--n] = '\0';
}

static void probe_lsm_list(struct nl_probe *p)
{
	char buf[256];
	char *s = nl_read_small("/sys/kernel/security/lsm", 255, NULL);

	p->lsm_has_bpf = -1;
	if (s) {
		snprintf(p->lsm_list, sizeof(p->lsm_list), "%s", s);
		snprintf(p->lsm_source, sizeof(p->lsm_source), "securityfs");
		free(s);
	} else if (p->root && in_child(read_lsm_privately, buf, buf, sizeof(buf)) == 0 && buf[0]) {
		snprintf(p->lsm_list, sizeof(p->lsm_list), "%s", buf);
		snprintf(p->lsm_source, sizeof(p->lsm_source), "securityfs (private mount)");
	} else if ((s = nl_read_small("/proc/cmdline", 4096, NULL))) {
		char *l = strstr(s, "lsm=");

		if (l && (l == s || l[-1] == ' ')) {
			l += 4;
			l[strcspn(l, " \n")] = '\0';
			snprintf(p->lsm_list, sizeof(p->lsm_list), "%s", l);
			snprintf(p->lsm_source, sizeof(p->lsm_source), "/proc/cmdline");
		}
		free(s);
	}
	if (!p->lsm_list[0]) {
		gzFile gz = gzopen("/proc/config.gz", "rb");
		char line[512];

		while (gz && gzgets(gz, line, sizeof(line))) {
			if (strncmp(line, "CONFIG_LSM=\"", 12))
				continue;
			line[strcspn(line + 12, "\"") + 12] = '\0';
			nl_fmt(p->lsm_list, sizeof(p->lsm_list), "%s", line + 12);
			snprintf(p->lsm_source, sizeof(p->lsm_source), "CONFIG_LSM in /proc/config.gz");
			p->lsm_list_is_default = true;
			break;
		}
		if (gz)
			gzclose(gz);
	}
	chomp(p->lsm_list);
	if (p->lsm_list[0] && !p->lsm_list_is_default) {
		char tmp[256], *save = NULL;

		snprintf(tmp, sizeof(tmp), "%s", p->lsm_list);
		p->lsm_has_bpf = 0;
		for (char *t = strtok_r(tmp, ",", &save); t; t = strtok_r(NULL, ",", &save))
			if (!strcmp(t, "bpf"))
				p->lsm_has_bpf = 1;
	}
}

static int bpf_load(enum bpf_prog_type type, enum bpf_attach_type attach, uint32_t btf_id, int32_t ret)
{
	struct bpf_insn insns[2] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = ret },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = type;
	attr.expected_attach_type = attach;
	attr.attach_btf_id = btf_id;
	attr.insns = (uint64_t)(uintptr_t)insns;
	attr.insn_cnt = 2;
	attr.license = (uint64_t)(uintptr_t) "GPL";
	int fd = (int)syscall(SYS_bpf, BPF_PROG_LOAD, &attr, sizeof(attr));

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static int quiet_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	(void)level;
	(void)fmt;
	(void)ap;
	return 0;
}

static void probe_bpf(struct nl_probe *p, bool lsm_load)
{
	struct stat st;

	p->unpriv_bpf_disabled = (int)read_long("/proc/sys/kernel/unprivileged_bpf_disabled", -1);
	p->bpf_socket_err = bpf_load(BPF_PROG_TYPE_SOCKET_FILTER, 0, 0, 0);
	p->bpf_cgroup_err = bpf_load(BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET4_CONNECT, 0, 1);
	p->btf = stat("/sys/kernel/btf/vmlinux", &st) == 0;
	p->btf_size = p->btf ? (long long)st.st_size : 0;
	p->lsm_btf_id = -1;
	p->lsm_load_err = -1;
	if (!lsm_load) {
		snprintf(p->lsm_load_why, sizeof(p->lsm_load_why), "not needed for this launch");
		return;
	}
	if (!p->btf) {
		snprintf(p->lsm_load_why, sizeof(p->lsm_load_why), "no kernel BTF to find the LSM hook in");
		return;
	}
	libbpf_print_fn_t old = libbpf_set_print(quiet_print);
	struct btf *btf = btf__load_vmlinux_btf();

	if (btf) {
		p->lsm_btf_id = btf__find_by_name_kind(btf, "bpf_lsm_file_open", BTF_KIND_FUNC);
		btf__free(btf);
	}
	libbpf_set_print(old);
	if (p->lsm_btf_id < 0) {
		p->lsm_btf_id = -1;
		snprintf(p->lsm_load_why, sizeof(p->lsm_load_why),
			 "bpf_lsm_file_open not in the kernel's BTF (CONFIG_BPF_LSM off?)");
		return;
	}
	/* A program that allows everything: loaded, never attached, closed. */
	p->lsm_load_err = bpf_load(BPF_PROG_TYPE_LSM, BPF_LSM_MAC, (uint32_t)p->lsm_btf_id, 0);
}

/* cgroup layout from /proc/self/mountinfo (fields: docs of proc(5)). */
static void probe_cgroups(struct nl_probe *p)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char *line = NULL;
	size_t cap = 0;
	bool v1 = false;

	while (f && getline(&line, &cap, f) > 0) {
		char *sep = strstr(line, " - ");
		char mnt[PATH_MAX], fstype[64], opts[1024];
		char *save = NULL;

		if (!sep || sscanf(line, "%*s %*s %*s %*s %4095s", mnt) != 1 ||
		    sscanf(sep + 3, "%63s %*s %1023s", fstype, opts) != 2)
			continue;
		if (!strcmp(fstype, "cgroup2") && !p->cg2_mount[0]) {
			snprintf(p->cg2_mount, sizeof(p->cg2_mount), "%s", mnt);
		} else if (!strcmp(fstype, "cgroup")) {
			for (char *t = strtok_r(opts, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
				if (!strcmp(t, "rw") || !strcmp(t, "ro") || strchr(t, '=') || !strcmp(t, "noprefix") ||
				    !strcmp(t, "clone_children") || !strcmp(t, "xattr") || !strcmp(t, "cpuset_v2_mode"))
					continue;
				v1 = true;
				nl_cat(p->cg1_controllers, sizeof(p->cg1_controllers), "%s%s",
				       p->cg1_controllers[0] ? " " : "", t);
			}
		}
	}
	free(line);
	if (f)
		fclose(f);
	p->cg_layout = p->cg2_mount[0] ? (v1 ? NL_CG_HYBRID : NL_CG_V2) : (v1 ? NL_CG_V1 : NL_CG_NONE);
	if (p->cg2_mount[0]) {
		char path[PATH_MAX + 32];

		snprintf(path, sizeof(path), "%s/cgroup.controllers", p->cg2_mount);
		char *s = nl_read_small(path, 255, NULL);

		if (s) {
			chomp(s);
			snprintf(p->cg2_controllers, sizeof(p->cg2_controllers), "%s", s);
			free(s);
		}
	}
	char *s = nl_read_small("/proc/self/cgroup", 65536, NULL);

	if (s) {
		char *l = strstr(s, "0::");

		if (l && (l == s || l[-1] == '\n')) {
			l += 3;
			l[strcspn(l, "\n")] = '\0';
			snprintf(p->cg_self, sizeof(p->cg_self), "%s", l);
		}
		free(s);
	}
}

void nl_probe_run(struct nl_probe *p, bool lsm_load)
{
	struct utsname u;

	memset(p, 0, sizeof(*p));
	if (uname(&u) == 0) {
		nl_fmt(p->release, sizeof(p->release), "%s", u.release);
		nl_fmt(p->machine, sizeof(p->machine), "%s", u.machine);
	}
	p->uid = getuid();
	p->euid = geteuid();
	p->root = p->euid == 0 && cap_sys_admin();

	for (size_t i = 0; i < sizeof(ns_names) / sizeof(ns_names[0]); i++) {
		char path[64];

		snprintf(path, sizeof(path), "/proc/self/ns/%s", ns_names[i].name);
		if (access(path, F_OK) == 0)
			p->ns |= ns_names[i].bit;
	}
	p->userns_clone = (int)read_long("/proc/sys/kernel/unprivileged_userns_clone", -1);
	p->max_user_ns = read_long("/proc/sys/user/max_user_namespaces", -1);
	p->apparmor_userns = (int)read_long("/proc/sys/kernel/apparmor_restrict_unprivileged_userns", -1);
	p->userns_err = in_child(try_userns, NULL, NULL, 0);

	int abi = (int)syscall(__NR_landlock_create_ruleset, NULL, 0, LL_CREATE_RULESET_VERSION);

	p->landlock_abi = abi > 0 ? abi : 0;
	p->landlock_err = abi > 0 ? 0 : errno;

	p->seccomp_mode = prctl(PR_GET_SECCOMP, 0, 0, 0, 0);
	p->seccomp_err = -1;
	for (size_t i = 0; i < sizeof(sc_actions) / sizeof(sc_actions[0]); i++) {
		uint32_t a = sc_actions[i].action;

		if (syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &a) == 0)
			p->seccomp_actions |= 1u << i;
		if (i == 0)
			p->seccomp_err = (p->seccomp_actions & 1) ? 0 : errno;
	}
	probe_cgroups(p);
	probe_lsm_list(p);
	probe_bpf(p, lsm_load);
}

bool nl_probe_userns(const struct nl_probe *p)
{
	return p->userns_err == 0;
}

bool nl_probe_bpf_lsm(const struct nl_probe *p)
{
	return p->lsm_has_bpf == 1 && p->lsm_load_err == 0;
}

bool nl_probe_seccomp(const struct nl_probe *p)
{
	return p->seccomp_err == 0;
}

/* ---- the table --------------------------------------------------------------------- */

struct row {
	const char *layer;
	const char *state; /* available | unavailable | partial | hybrid, v2, v1, none */
	char detail[768];
	char hint[256];
};

static void err_text(char *out, size_t len, int err)
{
	snprintf(out, len, "%s (%s)", nl_errno_name(err), strerror(err));
}

static size_t rows_of(const struct nl_probe *p, struct row *r)
{
	size_t n = 0;
	char e[128];

	/* user namespaces */
	r[n].layer = "user-namespaces";
	r[n].state = p->userns_err == 0 ? "available" : "unavailable";
	if (p->userns_err == 0)
		snprintf(r[n].detail, sizeof(r[n].detail), "a child created a user+mount namespace as uid %u",
			 (unsigned)p->euid);
	else {
		err_text(e, sizeof(e), p->userns_err);
		snprintf(r[n].detail, sizeof(r[n].detail), "unshare(CLONE_NEWUSER|CLONE_NEWNS) as uid %u: %s",
			 (unsigned)p->euid, e);
		snprintf(r[n].hint, sizeof(r[n].hint),
			 "enable them (sysctl kernel.unprivileged_userns_clone=1, user.max_user_namespaces > 0, "
			 "kernel.apparmor_restrict_unprivileged_userns=0) or run nono-load as root");
	}
	nl_cat(r[n].detail, sizeof(r[n].detail), "; user.max_user_namespaces %ld", p->max_user_ns);
	if (p->userns_clone >= 0)
		nl_cat(r[n].detail, sizeof(r[n].detail), "; kernel.unprivileged_userns_clone %d", p->userns_clone);
	if (p->apparmor_userns >= 0)
		nl_cat(r[n].detail, sizeof(r[n].detail), "; kernel.apparmor_restrict_unprivileged_userns %d",
		       p->apparmor_userns);
	n++;

	r[n].layer = "namespaces";
	r[n].state = (p->ns & (NL_NS_MNT | NL_NS_PID | NL_NS_IPC | NL_NS_UTS | NL_NS_NET)) ==
				     (NL_NS_MNT | NL_NS_PID | NL_NS_IPC | NL_NS_UTS | NL_NS_NET)
			     ? "available"
			     : "partial";
	for (size_t i = 0; i < sizeof(ns_names) / sizeof(ns_names[0]); i++)
		nl_cat(r[n].detail, sizeof(r[n].detail), "%s%s%s", i ? " " : "", ns_names[i].name,
		       p->ns & ns_names[i].bit ? "" : "(missing)");
	n++;

	r[n].layer = "landlock";
	r[n].state = p->landlock_abi > 0 ? "available" : "unavailable";
	if (p->landlock_abi > 0)
		snprintf(r[n].detail, sizeof(r[n].detail), "ABI %d", p->landlock_abi);
	else {
		err_text(e, sizeof(e), p->landlock_err);
		snprintf(r[n].detail, sizeof(r[n].detail), "landlock_create_ruleset(VERSION): %s", e);
		snprintf(r[n].hint, sizeof(r[n].hint), "%s",
			 p->landlock_err == EOPNOTSUPP ? "Landlock is built in but not enabled: add landlock to the lsm= "
							 "boot parameter"
						       : "use a kernel built with CONFIG_SECURITY_LANDLOCK=y (5.13 or later)");
	}
	n++;

	r[n].layer = "seccomp";
	r[n].state = p->seccomp_err == 0 ? "available" : "unavailable";
	if (p->seccomp_err == 0) {
		snprintf(r[n].detail, sizeof(r[n].detail), "filters; actions:");
		for (size_t i = 0; i < sizeof(sc_actions) / sizeof(sc_actions[0]); i++)
			if (p->seccomp_actions & (1u << i))
				nl_cat(r[n].detail, sizeof(r[n].detail), " %s", sc_actions[i].name);
	} else {
		err_text(e, sizeof(e), p->seccomp_err);
		snprintf(r[n].detail, sizeof(r[n].detail), "seccomp(SECCOMP_GET_ACTION_AVAIL): %s", e);
		snprintf(r[n].hint, sizeof(r[n].hint), "use a kernel built with CONFIG_SECCOMP_FILTER=y");
	}
	if (p->seccomp_mode > 0)
		nl_cat(r[n].detail, sizeof(r[n].detail), "; this process already runs under a filter");
	n++;

	r[n].layer = "cgroups";
	r[n].state = nl_cg_layout_name(p->cg_layout);
	if (p->cg2_mount[0])
		nl_fmt(r[n].detail, sizeof(r[n].detail), "v2 at %s (controllers: %s)", p->cg2_mount,
			 p->cg2_controllers[0] ? p->cg2_controllers : "none");
	if (p->cg1_controllers[0])
		nl_cat(r[n].detail, sizeof(r[n].detail), "%sv1 controllers: %s", r[n].detail[0] ? "; " : "",
		       p->cg1_controllers);
	if (p->cg_self[0])
		nl_cat(r[n].detail, sizeof(r[n].detail), "; own v2 cgroup %s", p->cg_self);
	if (p->cg_layout == NL_CG_NONE)
		snprintf(r[n].detail, sizeof(r[n].detail), "no cgroup file system mounted");
	n++;

	r[n].layer = "bpf";
	r[n].state = p->bpf_socket_err == 0 && p->bpf_cgroup_err == 0 ? "available"
		     : p->bpf_socket_err == 0 || p->bpf_cgroup_err == 0 ? "partial"
									  : "unavailable";
	if (p->bpf_socket_err == 0)
		snprintf(r[n].detail, sizeof(r[n].detail), "socket filter: loads");
	else {
		err_text(e, sizeof(e), p->bpf_socket_err);
		snprintf(r[n].detail, sizeof(r[n].detail), "socket filter: %s", e);
	}
	if (p->bpf_cgroup_err == 0)
		nl_cat(r[n].detail, sizeof(r[n].detail), "; cgroup/connect4: loads");
	else {
		err_text(e, sizeof(e), p->bpf_cgroup_err);
		nl_cat(r[n].detail, sizeof(r[n].detail), "; cgroup/connect4: %s", e);
	}
	nl_cat(r[n].detail, sizeof(r[n].detail), "; kernel.unprivileged_bpf_disabled %d (uid %u)",
	       p->unpriv_bpf_disabled, (unsigned)p->euid);
	if (p->bpf_socket_err || p->bpf_cgroup_err)
		snprintf(r[n].hint, sizeof(r[n].hint), "%s",
			 p->root ? "BPF is restricted on this kernel (lockdown?)"
				 : "loading BPF programs needs root (CAP_BPF and CAP_NET_ADMIN) here");
	n++;

	r[n].layer = "bpf-lsm";
	r[n].state = nl_probe_bpf_lsm(p) ? "available" : "unavailable";
	if (p->lsm_list[0])
		snprintf(r[n].detail, sizeof(r[n].detail), "LSM list %s(%s): %s; ",
			 p->lsm_list_is_default ? "default " : "", p->lsm_source, p->lsm_list);
	else
		snprintf(r[n].detail, sizeof(r[n].detail), "LSM list: unknown (securityfs not readable); ");
	if (p->lsm_has_bpf == 1)
		nl_cat(r[n].detail, sizeof(r[n].detail), "bpf is in it; ");
	else if (p->lsm_has_bpf == 0)
		nl_cat(r[n].detail, sizeof(r[n].detail), "bpf is NOT in it; ");
	else
		nl_cat(r[n].detail, sizeof(r[n].detail), "whether bpf is active is unknown; ");
	if (p->lsm_load_err < 0)
		nl_cat(r[n].detail, sizeof(r[n].detail), "no load attempted: %s", p->lsm_load_why);
	else if (p->lsm_load_err == 0)
		nl_cat(r[n].detail, sizeof(r[n].detail), "a BPF_PROG_TYPE_LSM program (lsm/file_open, BTF id %d) loads",
		       p->lsm_btf_id);
	else {
		err_text(e, sizeof(e), p->lsm_load_err);
		nl_cat(r[n].detail, sizeof(r[n].detail),
		       "loading a BPF_PROG_TYPE_LSM program (lsm/file_open, BTF id %d) as uid %u is refused: %s",
		       p->lsm_btf_id, (unsigned)p->euid, e);
	}
	if (!nl_probe_bpf_lsm(p)) {
		if (p->lsm_has_bpf == 0)
			snprintf(r[n].hint, sizeof(r[n].hint),
				 "boot with bpf in the lsm= list (lsm=...,bpf) on a CONFIG_BPF_LSM=y kernel");
		else if (!p->root)
			snprintf(r[n].hint, sizeof(r[n].hint), "BPF-LSM needs root (CAP_BPF and CAP_MAC_ADMIN)");
		else
			snprintf(r[n].hint, sizeof(r[n].hint),
				 "present but loads are refused: this kernel forbids LSM/tracing programs "
				 "(lockdown or a policy of the host); use a kernel that allows them");
	}
	n++;

	r[n].layer = "btf";
	r[n].state = p->btf ? "available" : "unavailable";
	if (p->btf)
		snprintf(r[n].detail, sizeof(r[n].detail), "/sys/kernel/btf/vmlinux (%lld bytes)", p->btf_size);
	else {
		snprintf(r[n].detail, sizeof(r[n].detail), "no /sys/kernel/btf/vmlinux");
		snprintf(r[n].hint, sizeof(r[n].hint), "use a kernel built with CONFIG_DEBUG_INFO_BTF=y");
	}
	n++;
	return n;
}

#define NROWS 9

void nl_probe_print(const struct nl_probe *p, FILE *out)
{
	struct row r[NROWS];

	memset(r, 0, sizeof(r));
	size_t n = rows_of(p, r);

	fprintf(out, "nono-load kernel probe: Linux %s %s, uid %u%s\n\n", p->release, p->machine, (unsigned)p->euid,
		p->root ? " (root)" : "");
	fprintf(out, "%-16s %-12s %s\n", "LAYER", "STATE", "DETAIL");
	for (size_t i = 0; i < n; i++) {
		fprintf(out, "%-16s %-12s %s\n", r[i].layer, r[i].state, r[i].detail);
		if (r[i].hint[0])
			fprintf(out, "%-16s %-12s hint: %s\n", "", "", r[i].hint);
	}
}

void nl_probe_print_json(const struct nl_probe *p, FILE *out)
{
	struct row r[NROWS];
	struct json_writer w;

	memset(r, 0, sizeof(r));
	size_t n = rows_of(p, r);

	json_init(&w, out, 2);
	json_object_begin(&w);
	json_key_uint(&w, "probe_version", 1);
	json_key_string(&w, "kernel", p->release);
	json_key_string(&w, "machine", p->machine);
	json_key_uint(&w, "uid", p->euid);
	json_key(&w, "root");
	json_bool(&w, p->root);
	json_key(&w, "layers");
	json_object_begin(&w);
	for (size_t i = 0; i < n; i++) {
		json_key(&w, r[i].layer);
		json_object_begin(&w);
		json_key_string(&w, "state", r[i].state);
		json_key_string(&w, "detail", r[i].detail);
		json_key(&w, "hint");
		json_string(&w, r[i].hint[0] ? r[i].hint : NULL);
		json_object_end(&w);
	}
	json_object_end(&w);
	/* The raw facts, for programs. */
	json_key(&w, "facts");
	json_object_begin(&w);
	json_key(&w, "namespaces");
	json_array_begin(&w);
	for (size_t i = 0; i < sizeof(ns_names) / sizeof(ns_names[0]); i++)
		if (p->ns & ns_names[i].bit)
			json_string(&w, ns_names[i].name);
	json_array_end(&w);
	json_key(&w, "userns_errno");
	json_string(&w, p->userns_err ? nl_errno_name(p->userns_err) : NULL);
	json_key(&w, "max_user_namespaces");
	json_int(&w, p->max_user_ns);
	json_key(&w, "landlock_abi");
	json_int(&w, p->landlock_abi);
	json_key(&w, "seccomp_actions");
	json_array_begin(&w);
	for (size_t i = 0; i < sizeof(sc_actions) / sizeof(sc_actions[0]); i++)
		if (p->seccomp_actions & (1u << i))
			json_string(&w, sc_actions[i].name);
	json_array_end(&w);
	json_key_string(&w, "cgroup_layout", nl_cg_layout_name(p->cg_layout));
	json_key(&w, "cgroup2_mount");
	json_string(&w, p->cg2_mount[0] ? p->cg2_mount : NULL);
	json_key_string(&w, "cgroup2_controllers", p->cg2_controllers);
	json_key_string(&w, "cgroup1_controllers", p->cg1_controllers);
	json_key(&w, "bpf_socket_filter_errno");
	json_string(&w, p->bpf_socket_err ? nl_errno_name(p->bpf_socket_err) : NULL);
	json_key(&w, "bpf_cgroup_errno");
	json_string(&w, p->bpf_cgroup_err ? nl_errno_name(p->bpf_cgroup_err) : NULL);
	json_key(&w, "lsm_list");
	json_string(&w, p->lsm_list[0] ? p->lsm_list : NULL);
	json_key_string(&w, "lsm_list_source", p->lsm_source);
	json_key(&w, "lsm_has_bpf");
	if (p->lsm_has_bpf < 0)
		json_null(&w);
	else
		json_bool(&w, p->lsm_has_bpf);
	json_key(&w, "bpf_lsm_load_errno");
	if (p->lsm_load_err < 0)
		json_null(&w);
	else
		json_string(&w, p->lsm_load_err ? nl_errno_name(p->lsm_load_err) : "0");
	json_key(&w, "btf");
	json_bool(&w, p->btf);
	json_object_end(&w);
	json_object_end(&w);
	json_finish(&w);
}
