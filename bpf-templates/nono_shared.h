/* SPDX-License-Identifier: Apache-2.0 */
/*
 * nono_shared.h — the one ABI between the generated BPF programs and user
 * space. Included by the generated BPF C (clang -target bpf, after
 * vmlinux.h), by nonoc (which writes the map tables) and by nono-load (which
 * fills the maps, writes task state and reads denial events). Every struct
 * here crosses the kernel boundary: its size and field offsets are pinned by
 * _Static_asserts below, so a change that would silently break the other
 * side fails to compile on both. docs/bpf.md explains the design.
 *
 * Byte order: map keys and values are in the host's order, except where a
 * field says "network order" (addresses and ports in LPM keys, whose prefix
 * bits must be the most significant first). The table image that nonoc
 * writes (NONO_BPF_TAB_MAGIC) is little-endian, the order of every target
 * nono supports (x86_64, aarch64).
 *
 * Names: NONO_BPF_* / nono_bpf_* so that nothing here collides with the
 * compiler's own headers (ir.h has NONO_ACC_*, bounds.h NONO_MAX_DEPTH).
 */
#ifndef NONO_BPF_SHARED_H
#define NONO_BPF_SHARED_H

#ifdef __bpf__
/* BPF side: vmlinux.h, included first, defines __u8 … __u64 and __s32. */
#define NONO_BPF_OFFSETOF(t, f) __builtin_offsetof(t, f)
#else
#include <linux/types.h>
#include <stddef.h>
#define NONO_BPF_OFFSETOF(t, f) offsetof(t, f)
#endif

/* Bump on any change to a struct, enum value, map name or map shape below.
 * Objects and loaders of different ABI versions refuse each other, and the
 * maps shared between sandboxes are pinned under a versioned directory. */
#define NONO_BPF_ABI_VERSION 1
#define NONO_BPF_PIN_DIR "/sys/fs/bpf/nono/v1"

/* ---- limits ---------------------------------------------------------------- */

#define NONO_BPF_MAX_DOMAINS    64u   /* domain ids are < this                                 */
#define NONO_BPF_MAX_SANDBOXES  64u   /* dispatch slots (prog array entries per hook)          */
#define NONO_BPF_MAX_DEPTH      64u   /* path components walked; deeper paths fail closed      */
#define NONO_BPF_MAX_GLOB_HITS  8u    /* glob anchors met on one walk; more fail closed        */
#define NONO_BPF_FS_GROUPS      4u    /* glob groups anchored on one (inode, domain)           */
#define NONO_BPF_NAME_MAX       256u  /* a path component (NAME_MAX 255 and a NUL)             */
#define NONO_BPF_MAX_PAT_COMP   16u   /* components in one glob pattern                        */
#define NONO_BPF_GROUP_SLOTS    6u    /* globs in one nono_bpf_group value (more: chained)     */
#define NONO_BPF_MAX_GROUP_GLOBS 252u /* globs in one group (42 chained values); nonoc refuses more */
#define NONO_BPF_LIT_MAX        64u   /* literal components shorter than this are in nono_lit  */
#define NONO_BPF_MAX_PROC_DEPTH 16u   /* ancestors walked to decide "is a child of"            */
#define NONO_BPF_EVENTS_BYTES   (256u * 1024) /* ring buffer for denial events                 */

/* The pseudo-domain of the sandbox-wide tables read by the cgroup-BPF
 * programs (which cannot know a process's domain): the union of what the
 * domains allow. */
#define NONO_BPF_DOMAIN_UNION 0xffffffffu

/* ---- access rights (file rules) -------------------------------------------- */

#define NONO_BPF_A_READ  0x1u
#define NONO_BPF_A_WRITE 0x2u
#define NONO_BPF_A_EXEC  0x4u
/* Connect to a UNIX socket bound at this path: granted by `net unix PATH`
 * and by write access to the path, denied by any deny that covers write. */
#define NONO_BPF_A_UNIX  0x8u
#define NONO_BPF_NACC    4u           /* access bits, index = bit number */

/* ---- map names (the object's BTF map definitions use exactly these) -------- */

#define NONO_BPF_MAP_TASK    "nono_task"    /* TASK_STORAGE: struct nono_bpf_task; shared, pinned    */
#define NONO_BPF_MAP_INODE   "nono_inode"   /* HASH: nono_bpf_inode_key -> nono_bpf_fs_val           */
#define NONO_BPF_MAP_EXEC    "nono_exec"    /* HASH: nono_bpf_exec_key -> nono_bpf_exec_val          */
#define NONO_BPF_MAP_NET4    "nono_net4"    /* LPM_TRIE: nono_bpf_net4_key -> nono_bpf_net_val       */
#define NONO_BPF_MAP_NET6    "nono_net6"    /* LPM_TRIE: nono_bpf_net6_key -> nono_bpf_net_val       */
#define NONO_BPF_MAP_PORT    "nono_port"    /* LPM_TRIE: nono_bpf_port_key -> nono_bpf_port_val      */
#define NONO_BPF_MAP_EVENTS  "nono_events"  /* RINGBUF of struct nono_bpf_event                      */
#define NONO_BPF_MAP_STATS   "nono_stats"   /* PERCPU_ARRAY of __u64, index enum nono_bpf_stat       */
#define NONO_BPF_MAP_PAT     "nono_pat"     /* ARRAY: pattern id -> nono_bpf_pat                     */
#define NONO_BPF_MAP_GROUP   "nono_group"   /* ARRAY: group id -> nono_bpf_group                     */
#define NONO_BPF_MAP_LIT     "nono_lit"     /* HASH: nono_bpf_lit_key -> nono_bpf_lit_val            */
/* Per hook H: "nono_tail_H", a PROG_ARRAY of NONO_BPF_MAX_SANDBOXES; shared, pinned. */
#define NONO_BPF_TAIL_PREFIX "nono_tail_"

/* Map sizes (max_entries). nono-load may raise them before load. */
#define NONO_BPF_INODE_ENTRIES 16384u
#define NONO_BPF_EXEC_ENTRIES  1024u
#define NONO_BPF_NET_ENTRIES   4096u
#define NONO_BPF_PORT_ENTRIES  16384u

/* const volatile (.rodata) names set by nono-load before load. */
#define NONO_BPF_RO_SANDBOX "nono_sandbox_id" /* __u64: the sandbox's id (its cgroup v2 id)   */
#define NONO_BPF_RO_AUDIT   "nono_audit"      /* __u32: 1 = log instead of deny               */
#define NONO_BPF_RO_FEAT    "nono_feat"       /* __u32: NONO_BPF_FEAT_* the kernel has         */
#define NONO_BPF_RO_NDOM    "nono_ndomains"   /* __u32: set by nonoc; read-only for the loader */

/* Kernel features nono-load probed (libbpf_probe_bpf_helper); the programs
 * use a helper only when its bit is set, and the verifier removes the
 * branches of the features that are off. */
#define NONO_BPF_FEAT_CG_CURRENT 0x1u /* get_current_pid_tgid/comm in cgroup sock_addr programs */

/* ---- the hooks ---------------------------------------------------------------
 * One X-macro lists every BPF-LSM hook nono attaches: X(hook, ID). The
 * template expands it into the dispatcher programs and their prog arrays;
 * nono-load iterates it to find programs ("nono_lsm_" hook, "nono_disp_"
 * hook) and maps (NONO_BPF_TAIL_PREFIX hook). Every hook here has the same
 * argument layout on Linux 6.1 and 6.12 (the path_* hooks rather than the
 * inode_* ones, whose signatures changed with idmapped mounts).
 */
#define NONO_BPF_LSM_HOOKS(X)                              \
	X(file_open, FILE_OPEN)                            \
	X(mmap_file, MMAP_FILE)                            \
	X(file_mprotect, FILE_MPROTECT)                    \
	X(bprm_creds_for_exec, BPRM_CREDS_FOR_EXEC)        \
	X(bprm_check_security, BPRM_CHECK)                 \
	X(bprm_committed_creds, BPRM_COMMITTED)            \
	X(path_truncate, PATH_TRUNCATE)                    \
	X(path_mknod, PATH_MKNOD)                          \
	X(path_mkdir, PATH_MKDIR)                          \
	X(path_unlink, PATH_UNLINK)                        \
	X(path_rmdir, PATH_RMDIR)                          \
	X(path_rename, PATH_RENAME)                        \
	X(path_link, PATH_LINK)                            \
	X(path_symlink, PATH_SYMLINK)                      \
	X(path_chmod, PATH_CHMOD)                          \
	X(path_chown, PATH_CHOWN)                          \
	X(path_chroot, PATH_CHROOT)                        \
	X(task_alloc, TASK_ALLOC)                          \
	X(task_kill, TASK_KILL)                            \
	X(ptrace_access_check, PTRACE_ACCESS)              \
	X(ptrace_traceme, PTRACE_TRACEME)                  \
	X(socket_create, SOCKET_CREATE)                    \
	X(socket_connect, SOCKET_CONNECT)                  \
	X(socket_bind, SOCKET_BIND)                        \
	X(socket_sendmsg, SOCKET_SENDMSG)                  \
	X(unix_stream_connect, UNIX_CONNECT)               \
	X(unix_may_send, UNIX_SEND)                        \
	X(sb_mount, SB_MOUNT)                              \
	X(sb_umount, SB_UMOUNT)                            \
	X(sb_pivotroot, SB_PIVOTROOT)                      \
	X(move_mount, MOVE_MOUNT)                          \
	X(bpf, BPF)                                        \
	X(kernel_module_request, KMOD_REQUEST)             \
	X(kernel_read_file, KREAD_FILE)                    \
	X(kernel_load_data, KLOAD_DATA)

/* The cgroup-BPF programs: X(program suffix, section, ID). Attached to the
 * sandbox's cgroup (v2) by nono-load; "nono_cg_" suffix is the program. */
#define NONO_BPF_CG_PROGS(X)                               \
	X(sock_create, "cgroup/sock_create", CG_SOCK_CREATE) \
	X(connect4, "cgroup/connect4", CG_CONNECT4)          \
	X(connect6, "cgroup/connect6", CG_CONNECT6)          \
	X(sendmsg4, "cgroup/sendmsg4", CG_SENDMSG4)          \
	X(sendmsg6, "cgroup/sendmsg6", CG_SENDMSG6)          \
	X(bind4, "cgroup/bind4", CG_BIND4)                   \
	X(bind6, "cgroup/bind6", CG_BIND6)

/* Event hook ids: stable numbers (they are in audit logs). */
enum nono_bpf_hook {
	NONO_BPF_HOOK_NONE = 0,
#define NONO_BPF_X_ENUM(h, id) NONO_BPF_HOOK_##id,
	NONO_BPF_LSM_HOOKS(NONO_BPF_X_ENUM)
#undef NONO_BPF_X_ENUM
	NONO_BPF_HOOK_CG_FIRST = 64,
	NONO_BPF_HOOK_CG_SOCK_CREATE = NONO_BPF_HOOK_CG_FIRST,
	NONO_BPF_HOOK_CG_CONNECT4,
	NONO_BPF_HOOK_CG_CONNECT6,
	NONO_BPF_HOOK_CG_SENDMSG4,
	NONO_BPF_HOOK_CG_SENDMSG6,
	NONO_BPF_HOOK_CG_BIND4,
	NONO_BPF_HOOK_CG_BIND6,
	NONO_BPF_HOOK_MAX,
};

/* Why something was denied (event field `why`). */
enum nono_bpf_why {
	NONO_BPF_WHY_RULE = 1,       /* a deny rule matched: `rule` names it               */
	NONO_BPF_WHY_NOT_GRANTED,    /* no allow rule grants it (rule 0: implicit)         */
	NONO_BPF_WHY_TOO_DEEP,       /* the path walk hit NONO_BPF_MAX_DEPTH: fail closed  */
	NONO_BPF_WHY_UNREACHABLE,    /* the walk met a disconnected dentry: fail closed    */
	NONO_BPF_WHY_TOO_MANY_GLOBS, /* more glob anchors than NONO_BPF_MAX_GLOB_HITS      */
	NONO_BPF_WHY_NEVER,          /* never allowed in a sandbox (mount, bpf, modules)   */
	NONO_BPF_WHY_OUTSIDE,        /* the target process is outside this sandbox         */
	NONO_BPF_WHY_NO_MEMORY,      /* task state could not be allocated: fail closed     */
	NONO_BPF_WHY_BAD_STATE,      /* a domain id out of range: fail closed              */
	NONO_BPF_WHY_FAMILY,         /* socket family/type/protocol not allowed            */
};

/* Event flags. */
#define NONO_BPF_EV_AUDIT 0x1u   /* audit mode: logged, not denied (err is 0) */

/* Per-domain flags (the generated domain table). */
#define NONO_BPF_DF_SIGNAL_CHILDREN 0x1u
#define NONO_BPF_DF_PTRACE          0x2u
#define NONO_BPF_DF_NET_NONE        0x4u

/* Counters (NONO_BPF_MAP_STATS, per CPU; the loader sums them). */
enum nono_bpf_stat {
	NONO_BPF_STAT_EVENTS_LOST = 0, /* ring buffer full: an event was dropped */
	NONO_BPF_STAT_DENIED,          /* denials (and audit-mode would-be denials) */
	NONO_BPF_STAT_DISPATCH_MISS,   /* a sandboxed task's slot had no program: denied */
	NONO_BPF_STAT_MAX,
};

/* Net verdicts (port table values). */
#define NONO_BPF_V_DENY  0u
#define NONO_BPF_V_ALLOW 1u

/* IP protocols in port keys (IPPROTO_TCP, IPPROTO_UDP). */
#define NONO_BPF_PROTO_TCP 6u
#define NONO_BPF_PROTO_UDP 17u

/* ---- task state ---------------------------------------------------------------
 * NONO_BPF_MAP_TASK, task-local storage: a process's sandbox and domain.
 * Written by nono-load for the first process (through a pidfd, before it
 * execs the agent), copied from parent to child in task_alloc, changed only
 * by an exec of a tool's binary (bprm_committed_creds). A task without it
 * is outside every sandbox. Never keyed by pid.
 */
struct nono_bpf_task {
	__u64 sandbox;     /* the sandbox's id: its cgroup v2 id               */
	__u32 domain;      /* index into the policy's domains                  */
	__u32 slot;        /* dispatch slot (prog array index) of the sandbox  */
	__u64 exec_bprm;   /* the exec in progress that will change domain     */
	__u32 exec_domain; /* the domain it enters at commit                   */
	__u32 flags;       /* reserved, 0                                      */
};
_Static_assert(sizeof(struct nono_bpf_task) == 32, "nono_bpf_task layout");
_Static_assert(NONO_BPF_OFFSETOF(struct nono_bpf_task, domain) == 8, "nono_bpf_task layout");
_Static_assert(NONO_BPF_OFFSETOF(struct nono_bpf_task, slot) == 12, "nono_bpf_task layout");
_Static_assert(NONO_BPF_OFFSETOF(struct nono_bpf_task, exec_bprm) == 16, "nono_bpf_task layout");
_Static_assert(NONO_BPF_OFFSETOF(struct nono_bpf_task, exec_domain) == 24, "nono_bpf_task layout");

/* ---- files ----------------------------------------------------------------------
 * NONO_BPF_MAP_INODE: the rules anchored on one inode for one domain. `dev`
 * is the kernel's internal dev_t (inode->i_sb->s_dev = MKDEV(major, minor)
 * = major << 20 | minor), not stat()'s encoding: use nono_bpf_dev().
 */
struct nono_bpf_inode_key {
	__u64 ino;
	__u32 dev;
	__u32 domain;
};
_Static_assert(sizeof(struct nono_bpf_inode_key) == 16, "nono_bpf_inode_key layout");
_Static_assert(NONO_BPF_OFFSETOF(struct nono_bpf_inode_key, dev) == 8, "nono_bpf_inode_key layout");
_Static_assert(NONO_BPF_OFFSETOF(struct nono_bpf_inode_key, domain) == 12, "nono_bpf_inode_key layout");

/*
 * exact_*: rules for exactly this inode (pattern ""); tree_*: for it and
 * everything below it (pattern "**"). *_rule[b]: the first deny rule (in
 * source order) for access bit b. group[]: glob groups anchored here
 * (nono_group ids, 0 = none).
 */
struct nono_bpf_fs_val {
	__u8 exact_allow, exact_deny, tree_allow, tree_deny;
	__u32 group[NONO_BPF_FS_GROUPS];
	__u32 reserved;
	__u32 exact_rule[NONO_BPF_NACC];
	__u32 tree_rule[NONO_BPF_NACC];
};
_Static_assert(sizeof(struct nono_bpf_fs_val) == 56, "nono_bpf_fs_val layout");
_Static_assert(NONO_BPF_OFFSETOF(struct nono_bpf_fs_val, group) == 4, "nono_bpf_fs_val layout");
_Static_assert(NONO_BPF_OFFSETOF(struct nono_bpf_fs_val, exact_rule) == 24, "nono_bpf_fs_val layout");
_Static_assert(NONO_BPF_OFFSETOF(struct nono_bpf_fs_val, tree_rule) == 40, "nono_bpf_fs_val layout");

/* ---- globs --------------------------------------------------------------------------
 * A glob rule is anchored on its glob-free base like any file rule; the
 * globs of one domain anchored on one base form a *group*. Patterns are
 * sequences of *components* (one name: a literal or a '*' glob) and "**".
 * Components with a '*' (and literals of NONO_BPF_LIT_MAX bytes or more)
 * are generated matching code; every other literal is an entry of nono_lit,
 * found by the name itself. All three maps are final entries of the table
 * image, so a policy's size changes map sizes, not the code the verifier
 * checks.
 */
#define NONO_BPF_COMP_STARSTAR 0xffffu /* "**" in a pattern */

struct nono_bpf_pat {
	__u32 len;                              /* components */
	__u16 comp[NONO_BPF_MAX_PAT_COMP];      /* component ids, from the anchor down */
};
_Static_assert(sizeof(struct nono_bpf_pat) == 36, "nono_bpf_pat layout");

struct nono_bpf_glob {
	__u32 pat;         /* nono_pat id */
	__u32 rule;
	__u8 effect;       /* NONO_BPF_EFFECT_* */
	__u8 access;       /* NONO_BPF_A_* */
	__u16 reserved;
};
/* Denies come first in a group: deny wins, and a denied request needs no allow. */
struct nono_bpf_group {
	__u32 n;           /* globs used in g[] */
	__u32 next;        /* the group id continuing this one, 0 = none */
	struct nono_bpf_glob g[NONO_BPF_GROUP_SLOTS];
};
_Static_assert(sizeof(struct nono_bpf_glob) == 12, "nono_bpf_glob layout");
_Static_assert(sizeof(struct nono_bpf_group) == 80, "nono_bpf_group layout");

struct nono_bpf_lit_key {
	char name[NONO_BPF_LIT_MAX]; /* the name, NUL-padded */
};
struct nono_bpf_lit_val {
	__u32 comp;        /* the component id of that literal */
};
_Static_assert(sizeof(struct nono_bpf_lit_key) == 64, "nono_bpf_lit_key layout");

/* NONO_BPF_MAP_EXEC: a tool's binary (resolved at load) -> its domain. */
struct nono_bpf_exec_key {
	__u64 ino;
	__u32 dev;
	__u32 reserved;
};
struct nono_bpf_exec_val {
	__u32 domain;
	__u32 rule;
};
_Static_assert(sizeof(struct nono_bpf_exec_key) == 16, "nono_bpf_exec_key layout");
_Static_assert(sizeof(struct nono_bpf_exec_val) == 8, "nono_bpf_exec_val layout");

/* ---- network ---------------------------------------------------------------------
 * Two lookups per decision, none of them a scan. NONO_BPF_MAP_NET4/6: an LPM
 * trie keyed by (domain, address); the longest prefix gives an address class
 * (every rule whose network contains that prefix, closed at compile time).
 * NONO_BPF_MAP_PORT: an LPM trie keyed by (class, protocol, port), the port
 * ranges of each class split into aligned blocks, giving the verdict and the
 * rule. prefixlen counts from the start of `domain` / `cls`: 32 + bits.
 * IPv4-mapped IPv6 (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d, except
 * :: and ::1) addresses are looked up in the IPv4 trie.
 */
struct nono_bpf_net4_key {
	__u32 prefixlen;   /* 32 + address prefix */
	__u32 domain;
	__u8 addr[4];      /* network order */
};
struct nono_bpf_net6_key {
	__u32 prefixlen;
	__u32 domain;
	__u8 addr[16];
};
struct nono_bpf_net_val {
	__u32 cls;         /* address class, > 0 */
};
struct nono_bpf_port_key {
	__u32 prefixlen;   /* 32 (cls) + 8 (proto) + port prefix bits */
	__u32 cls;
	__u8 proto;        /* NONO_BPF_PROTO_TCP / _UDP */
	__u8 port[2];      /* network order */
	__u8 reserved;
};
struct nono_bpf_port_val {
	__u32 rule;        /* the deciding rule; 0 = implicit (nothing granted) */
	__u8 verdict;      /* NONO_BPF_V_* */
	__u8 reserved[3];
};
_Static_assert(sizeof(struct nono_bpf_net4_key) == 12, "nono_bpf_net4_key layout");
_Static_assert(sizeof(struct nono_bpf_net6_key) == 24, "nono_bpf_net6_key layout");
_Static_assert(NONO_BPF_OFFSETOF(struct nono_bpf_net6_key, addr) == 8, "nono_bpf_net6_key layout");
_Static_assert(sizeof(struct nono_bpf_net_val) == 4, "nono_bpf_net_val layout");
_Static_assert(sizeof(struct nono_bpf_port_key) == 12, "nono_bpf_port_key layout");
_Static_assert(NONO_BPF_OFFSETOF(struct nono_bpf_port_key, proto) == 8, "nono_bpf_port_key layout");
_Static_assert(NONO_BPF_OFFSETOF(struct nono_bpf_port_key, port) == 9, "nono_bpf_port_key layout");
_Static_assert(sizeof(struct nono_bpf_port_val) == 8, "nono_bpf_port_val layout");

/* ---- denial events ------------------------------------------------------------------
 * One per deny (and per would-be deny in audit mode) on NONO_BPF_MAP_EVENTS.
 * `rule` indexes the IR's rule table (the bundle's .nono.ir), which gives
 * the source file, line and text; 0 = implicit (no rule granted it).
 */
union nono_bpf_event_obj {
	struct {
		__u64 ino;     /* the object's inode (0: not yet created) */
		__u32 dev;     /* kernel dev_t, see nono_bpf_inode_key    */
		__u32 depth;   /* components walked                       */
		char name[48]; /* its last component, NUL-terminated, cut */
	} file;
	struct {
		__u16 family;  /* AF_INET / AF_INET6 / AF_UNIX            */
		__u16 port;    /* host order                               */
		__u8 proto;    /* IPPROTO_* (0: unknown)                   */
		__u8 type;     /* SOCK_* of the socket                     */
		__u8 reserved[2];
		__u8 addr[16]; /* IPv4 in addr[0..3] (mapped ones too)     */
	} net;
	struct {
		__u32 target;  /* pid (tgid) of the target process         */
		__s32 sig;     /* task_kill: the signal                    */
		__u32 mode;    /* ptrace: PTRACE_MODE_*                    */
	} task;
	__u64 arg[8];      /* hook-specific (bpf: cmd; socket_create: family, type, protocol) */
};
_Static_assert(sizeof(union nono_bpf_event_obj) == 64, "nono_bpf_event_obj layout");

struct nono_bpf_event {
	__u64 time_ns;     /* CLOCK_MONOTONIC (bpf_ktime_get_ns)                 */
	__u64 sandbox;     /* the sandbox id (cgroup v2 id)                        */
	__u32 pid;         /* tgid, in the initial pid namespace (0: unknown)      */
	__u32 tid;
	__u32 domain;      /* NONO_BPF_DOMAIN_UNION for the cgroup-BPF programs    */
	__u32 rule;
	__u16 hook;        /* enum nono_bpf_hook                                   */
	__u16 why;         /* enum nono_bpf_why                                    */
	__u32 access;      /* NONO_BPF_A_* requested (files); hook-specific else   */
	__s32 err;         /* what the hook returned: -EPERM, or 0 in audit mode   */
	__u32 flags;       /* NONO_BPF_EV_*                                        */
	union nono_bpf_event_obj obj;
	char comm[16];     /* empty when the hook cannot know it                   */
};
_Static_assert(sizeof(struct nono_bpf_event) == 128, "nono_bpf_event layout");
_Static_assert(NONO_BPF_OFFSETOF(struct nono_bpf_event, sandbox) == 8, "nono_bpf_event layout");
_Static_assert(NONO_BPF_OFFSETOF(struct nono_bpf_event, domain) == 24, "nono_bpf_event layout");
_Static_assert(NONO_BPF_OFFSETOF(struct nono_bpf_event, rule) == 28, "nono_bpf_event layout");
_Static_assert(NONO_BPF_OFFSETOF(struct nono_bpf_event, hook) == 32, "nono_bpf_event layout");
_Static_assert(NONO_BPF_OFFSETOF(struct nono_bpf_event, why) == 34, "nono_bpf_event layout");
_Static_assert(NONO_BPF_OFFSETOF(struct nono_bpf_event, err) == 40, "nono_bpf_event layout");
_Static_assert(NONO_BPF_OFFSETOF(struct nono_bpf_event, obj) == 48, "nono_bpf_event layout");
_Static_assert(NONO_BPF_OFFSETOF(struct nono_bpf_event, comm) == 112, "nono_bpf_event layout");

/* ---- the table image ------------------------------------------------------------------
 * What nonoc hands nono-load to fill the maps: a header and records, each a
 * multiple of 8 bytes, little-endian. Network and glob records are final map
 * entries; file and exec records name paths that nono-load resolves in the
 * sandbox's view (anchor + path) to (dev, ino) before inserting them.
 */
#define NONO_BPF_TAB_MAGIC   "NONOBTAB" /* 8 bytes, no NUL */
#define NONO_BPF_TAB_VERSION 1u

struct nono_bpf_tab_hdr {
	char magic[8];
	__u32 version;     /* NONO_BPF_TAB_VERSION */
	__u32 nrecords;
	__u64 size;        /* the whole image, header included */
};
_Static_assert(sizeof(struct nono_bpf_tab_hdr) == 24, "nono_bpf_tab_hdr layout");

enum nono_bpf_rec_type {
	NONO_BPF_REC_NET4 = 1, /* struct nono_bpf_rec_net4 */
	NONO_BPF_REC_NET6 = 2, /* struct nono_bpf_rec_net6 */
	NONO_BPF_REC_PORT = 3, /* struct nono_bpf_rec_port */
	NONO_BPF_REC_FS = 4,   /* struct nono_bpf_rec_fs, then fallback groups, then the path */
	NONO_BPF_REC_EXEC = 5, /* struct nono_bpf_rec_exec, then the path */
	NONO_BPF_REC_PAT = 6,  /* struct nono_bpf_rec_pat */
	NONO_BPF_REC_GROUP = 7, /* struct nono_bpf_rec_group */
	NONO_BPF_REC_LIT = 8,  /* struct nono_bpf_rec_lit */
};

struct nono_bpf_rec {
	__u16 type;        /* enum nono_bpf_rec_type */
	__u16 reserved;
	__u32 size;        /* the record, this header included; a multiple of 8 */
};
_Static_assert(sizeof(struct nono_bpf_rec) == 8, "nono_bpf_rec layout");

struct nono_bpf_rec_net4 {
	struct nono_bpf_net4_key key;
	struct nono_bpf_net_val val;
};
struct nono_bpf_rec_net6 {
	struct nono_bpf_net6_key key;
	struct nono_bpf_net_val val;
	__u32 reserved;
};
struct nono_bpf_rec_port {
	struct nono_bpf_port_key key;
	struct nono_bpf_port_val val;
	__u32 reserved;
};
struct nono_bpf_rec_pat {
	__u32 id;
	struct nono_bpf_pat pat;
};
struct nono_bpf_rec_group {
	__u32 id;
	__u32 reserved;
	struct nono_bpf_group group;
};
struct nono_bpf_rec_lit {
	struct nono_bpf_lit_key key;
	struct nono_bpf_lit_val val;
	__u32 reserved;
};
_Static_assert(sizeof(struct nono_bpf_rec_pat) == 40, "nono_bpf_rec_pat layout");
_Static_assert(sizeof(struct nono_bpf_rec_group) == 88, "nono_bpf_rec_group layout");
_Static_assert(sizeof(struct nono_bpf_rec_lit) == 72, "nono_bpf_rec_lit layout");
_Static_assert(sizeof(struct nono_bpf_rec_net4) == 16, "nono_bpf_rec_net4 layout");
_Static_assert(sizeof(struct nono_bpf_rec_net6) == 32, "nono_bpf_rec_net6 layout");
_Static_assert(sizeof(struct nono_bpf_rec_port) == 24, "nono_bpf_rec_port layout");

/* Anchors (= the compiler's enum nono_anchor). */
#define NONO_BPF_ANCHOR_ROOT    0u /* /         */
#define NONO_BPF_ANCHOR_HOME    1u /* ~         */
#define NONO_BPF_ANCHOR_WORKDIR 2u /* $WORKDIR  */

/* How a file record applies at its inode. */
#define NONO_BPF_FS_EXACT 0u /* the inode itself: exact_allow/exact_deny           */
#define NONO_BPF_FS_TREE  1u /* the inode and below: tree_allow/tree_deny          */
#define NONO_BPF_FS_GLOB  2u /* a glob group anchored here: group (access/effect 0) */

#define NONO_BPF_EFFECT_ALLOW 0u
#define NONO_BPF_EFFECT_DENY  1u

/*
 * A file rule to anchor: `path` (relative to `anchor`, normalised, no glob,
 * "" = the anchor itself, `ncomp` components) is resolved in the sandbox's
 * view to an inode, and the record is merged into the (inode, domain) entry
 * with nono_bpf_fs_val_add().
 *
 * When the path does not exist at load: an allow record is dropped (nothing
 * to allow; fail closed). A deny record must not be lost (the path could be
 * created later), so it carries `nfallback` = `ncomp` glob groups:
 * fallback[j] is the group to anchor on the first j components (the deepest
 * that exists) in place of the record; it matches the missing rest of the
 * path followed by the record's own pattern.
 *
 * Layout: this struct, `nfallback` __u32 group ids (padded to 8 bytes),
 * `path_len` bytes of path and a NUL (padded to 8 bytes).
 */
struct nono_bpf_rec_fs {
	__u32 domain;
	__u32 rule;        /* EXACT/TREE: the rule; GLOB: 0 (the group has the rules) */
	__u8 anchor;       /* NONO_BPF_ANCHOR_* */
	__u8 kind;         /* NONO_BPF_FS_* */
	__u8 effect;       /* NONO_BPF_EFFECT_* (EXACT/TREE) */
	__u8 access;       /* NONO_BPF_A_* (EXACT/TREE) */
	__u32 group;       /* GLOB: the group id */
	__u16 nfallback;
	__u16 ncomp;
	__u16 path_len;    /* bytes, without the NUL */
	__u16 reserved;
};
_Static_assert(sizeof(struct nono_bpf_rec_fs) == 24, "nono_bpf_rec_fs layout");
_Static_assert(NONO_BPF_OFFSETOF(struct nono_bpf_rec_fs, anchor) == 8, "nono_bpf_rec_fs layout");
_Static_assert(NONO_BPF_OFFSETOF(struct nono_bpf_rec_fs, group) == 12, "nono_bpf_rec_fs layout");
_Static_assert(NONO_BPF_OFFSETOF(struct nono_bpf_rec_fs, path_len) == 20, "nono_bpf_rec_fs layout");

/* A domain transition: executing the file at `path` enters `domain`.
 * Layout: this struct, then `path_len` bytes and a NUL (padded to 8). */
struct nono_bpf_rec_exec {
	__u32 domain;
	__u32 rule;
	__u8 anchor;
	__u8 reserved;
	__u16 path_len;
	__u32 reserved2;
};
_Static_assert(sizeof(struct nono_bpf_rec_exec) == 16, "nono_bpf_rec_exec layout");

#ifndef __bpf__
/* ---- user-space helpers (nono-load, tests) -------------------------------------- */

/** nono_bpf_dev() - stat()'s st_dev as the kernel's internal dev_t (MKDEV). */
static inline __u32 nono_bpf_dev(__u64 st_dev)
{
	/* glibc's major()/minor() decoding, written out so this header needs no <sys/sysmacros.h>. */
	__u32 major = (__u32)(((st_dev >> 32) & 0xfffff000u) | ((st_dev >> 8) & 0xfffu));
	__u32 minor = (__u32)(((st_dev >> 12) & 0xffffff00u) | (st_dev & 0xffu));

	return (major << 20) | (minor & 0xfffffu);
}

/**
 * nono_bpf_fs_val_add() - merge one file record (kind EXACT or TREE, or a
 * GLOB with its @group) into an (inode, domain) entry. Several paths can
 * resolve to one inode (symlinks, hard links, bind mounts): the accesses are
 * OR-ed, the first deny rule per access bit is kept.
 * Return: 0, or -1 when the entry already holds NONO_BPF_FS_GROUPS other
 * glob groups (the loader must refuse the policy with a clear message).
 */
static inline int nono_bpf_fs_val_add(struct nono_bpf_fs_val *v, __u8 kind, __u8 effect, __u8 access,
				      __u32 rule, __u32 group)
{
	__u8 *allow = kind == NONO_BPF_FS_EXACT ? &v->exact_allow : &v->tree_allow;
	__u8 *deny = kind == NONO_BPF_FS_EXACT ? &v->exact_deny : &v->tree_deny;
	__u32 *rules = kind == NONO_BPF_FS_EXACT ? v->exact_rule : v->tree_rule;
	unsigned i;

	if (kind == NONO_BPF_FS_GLOB) {
		for (i = 0; i < NONO_BPF_FS_GROUPS; i++) {
			if (v->group[i] == group)
				return 0;
			if (!v->group[i]) {
				v->group[i] = group;
				return 0;
			}
		}
		return -1;
	}
	if (effect == NONO_BPF_EFFECT_ALLOW) {
		*allow |= access;
		return 0;
	}
	for (i = 0; i < NONO_BPF_NACC; i++)
		if ((access & (1u << i)) && !(*deny & (1u << i)))
			rules[i] = rule;
	*deny |= access;
	return 0;
}
#endif /* !__bpf__ */

#endif /* NONO_BPF_SHARED_H */
