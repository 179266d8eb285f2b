/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The kernel probe: what this machine gives nono-load, measured once per
 * run by trying things (a real user namespace, a real BPF load), not by
 * reading version numbers. `nono-load --probe [--json]` prints it; the
 * launch path reads it to check `require`s and to list degradations.
 *
 * Every result keeps its evidence (an errno, a file it came from), so the
 * table can say *why* a layer is missing and the hint can say what to do.
 */
#ifndef NL_PROBE_H
#define NL_PROBE_H

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

enum nl_cg_layout { NL_CG_NONE, NL_CG_V1, NL_CG_V2, NL_CG_HYBRID };

/* Namespaces the kernel offers (/proc/self/ns/NAME). */
enum {
	NL_NS_USER = 1u << 0,
	NL_NS_MNT = 1u << 1,
	NL_NS_PID = 1u << 2,
	NL_NS_IPC = 1u << 3,
	NL_NS_UTS = 1u << 4,
	NL_NS_NET = 1u << 5,
	NL_NS_CGROUP = 1u << 6,
	NL_NS_TIME = 1u << 7,
};

struct nl_probe {
	char release[128], machine[64];
	uid_t uid, euid;
	bool root;            /* euid 0 with CAP_SYS_ADMIN */

	/* user namespaces */
	unsigned ns;          /* NL_NS_* present */
	int userns_clone;     /* /proc/sys/kernel/unprivileged_userns_clone: value, or -1 absent */
	long max_user_ns;     /* /proc/sys/user/max_user_namespaces, -1 unknown */
	int apparmor_userns;  /* /proc/sys/kernel/apparmor_restrict_unprivileged_userns, -1 absent */
	int userns_err;       /* a child's unshare(CLONE_NEWUSER|CLONE_NEWNS): 0 worked, else errno */

	/* Landlock */
	int landlock_abi;     /* > 0, or 0 with landlock_err */
	int landlock_err;

	/* seccomp */
	int seccomp_mode;     /* prctl(PR_GET_SECCOMP): 0 none, 2 filter already installed; -1 error */
	int seccomp_err;      /* SECCOMP_GET_ACTION_AVAIL(KILL_PROCESS): 0 works, else errno */
	unsigned seccomp_actions; /* bit per action name index in probe.c's table */

	/* cgroups */
	enum nl_cg_layout cg_layout;
	char cg2_mount[PATH_MAX];     /* "" when no cgroup2 */
	char cg2_controllers[256];    /* of the v2 root: cgroup.controllers */
	char cg1_controllers[256];    /* v1 hierarchies mounted, space separated */
	char cg_self[PATH_MAX];       /* our v2 cgroup (0::PATH), "" when none */

	/* BPF */
	int unpriv_bpf_disabled;      /* /proc/sys/kernel/unprivileged_bpf_disabled, -1 unknown */
	int bpf_socket_err;           /* load a socket filter: 0 worked, else errno */
	int bpf_cgroup_err;           /* load a cgroup/connect4 program */

	/* BPF-LSM */
	char lsm_list[256];           /* the active LSM list, or "" */
	char lsm_source[64];          /* where lsm_list came from */
	int lsm_has_bpf;              /* 1 / 0 / -1 unknown */
	bool lsm_list_is_default;     /* from CONFIG_LSM: the build default, maybe not what booted */
	int lsm_btf_id;               /* BTF id of bpf_lsm_file_open, or -1 */
	int lsm_load_err;             /* load a BPF_PROG_TYPE_LSM program: 0 worked, else errno; -1 not tried */
	char lsm_load_why[128];       /* why not tried */

	/* BTF */
	bool btf;
	long long btf_size;
};

/*
 * Run every probe. Never fails: what cannot be measured is recorded as
 * unknown. @lsm_load: also try loading a BPF-LSM program (reads the kernel's
 * BTF, the slowest probe; a launch asks only when the policy requires bpf-lsm).
 */
void nl_probe_run(struct nl_probe *p, bool lsm_load);
void nl_probe_print(const struct nl_probe *p, FILE *out);
void nl_probe_print_json(const struct nl_probe *p, FILE *out);

/* Usable layers, as the launch path sees them. */
bool nl_probe_userns(const struct nl_probe *p);
bool nl_probe_bpf_lsm(const struct nl_probe *p);
bool nl_probe_seccomp(const struct nl_probe *p);
const char *nl_cg_layout_name(enum nl_cg_layout l);

#endif
