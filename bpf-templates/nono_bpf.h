/* SPDX-License-Identifier: Apache-2.0 */
/*
 * nono_bpf.h — the BPF-side support the generated programs need, written
 * for nono so that compiling a policy needs clang and vmlinux.h only (no
 * libbpf headers at policy-compile time). Include after vmlinux.h.
 *
 * It declares: the section and map-definition conventions libbpf reads
 * (BTF-defined maps in ".maps"), the helpers nono calls (by their UAPI
 * numbers, enum bpf_func_id from vmlinux.h), CO-RE reads (every kernel
 * struct access goes through bpf_probe_read_kernel with a relocatable
 * address, so the same object runs on 6.1 and 6.12), the few kernel macros
 * vmlinux.h cannot carry, and the return-value barrier.
 */
#ifndef NONO_BPF_H
#define NONO_BPF_H

#ifndef __bpf__
#error "nono_bpf.h is for clang -target bpf"
#endif

/* ---- sections, maps ---------------------------------------------------------- */

#define SEC(name) __attribute__((section(name), used))
#define NONO_INLINE inline __attribute__((always_inline))
/* A global (non-static) BPF subprogram: the verifier checks it once, on its
 * own, with unknown arguments, instead of once per call site. */
#define NONO_GLOBAL __attribute__((noinline))

/* BTF-defined map attributes: the layout libbpf parses from ".maps". */
#define __uint(name, val) int (*name)[val]
#define __type(name, val) __typeof__(val) *name
#define __array(name, val) __typeof__(val) *name[]

/* ---- helpers ------------------------------------------------------------------ */

static void *(*const bpf_map_lookup_elem)(void *map, const void *key) = (void *)BPF_FUNC_map_lookup_elem;
static long (*const bpf_map_update_elem)(void *map, const void *key, const void *value,
					 __u64 flags) = (void *)BPF_FUNC_map_update_elem;
static long (*const bpf_probe_read_kernel)(void *dst, __u32 size,
					   const void *unsafe_ptr) = (void *)BPF_FUNC_probe_read_kernel;
static long (*const bpf_probe_read_kernel_str)(void *dst, __u32 size,
					       const void *unsafe_ptr) = (void *)BPF_FUNC_probe_read_kernel_str;
static __u64 (*const bpf_ktime_get_ns)(void) = (void *)BPF_FUNC_ktime_get_ns;
static __u64 (*const bpf_get_current_pid_tgid)(void) = (void *)BPF_FUNC_get_current_pid_tgid;
static long (*const bpf_get_current_comm)(void *buf, __u32 size) = (void *)BPF_FUNC_get_current_comm;
static long (*const bpf_tail_call)(void *ctx, void *prog_array, __u32 index) = (void *)BPF_FUNC_tail_call;
static void *(*const bpf_ringbuf_reserve)(void *ringbuf, __u64 size, __u64 flags) = (void *)BPF_FUNC_ringbuf_reserve;
static void (*const bpf_ringbuf_submit)(void *data, __u64 flags) = (void *)BPF_FUNC_ringbuf_submit;
static void *(*const bpf_task_storage_get)(void *map, struct task_struct *task, void *value,
					   __u64 flags) = (void *)BPF_FUNC_task_storage_get;
static struct task_struct *(*const bpf_get_current_task_btf)(void) = (void *)BPF_FUNC_get_current_task_btf;

#define NONO_STORAGE_CREATE 1ull /* BPF_LOCAL_STORAGE_GET_F_CREATE */
#define NONO_NOEXIST 1ull        /* BPF_NOEXIST */

/* ---- CO-RE reads -----------------------------------------------------------------
 * NONO_RD(dst, ptr->field): read one field of a kernel object whose pointer
 * is a plain value (not a verifier-tracked BTF pointer). vmlinux.h marks
 * every record preserve_access_index, so &ptr->field is relocated to the
 * running kernel's layout when the object is loaded. A failed read leaves
 * dst zeroed, which every caller treats as "unknown" and fails closed.
 */
#define NONO_RD(dst, src)                                                               \
	({                                                                              \
		__builtin_memset(&(dst), 0, sizeof(dst));                               \
		bpf_probe_read_kernel(&(dst), sizeof(dst), __builtin_preserve_access_index(&(src))); \
	})

/* Byte offset of a field in the running kernel (CO-RE): for container_of. */
#define NONO_FIELD_OFFSET(type, field) __builtin_preserve_field_info(((type *)0)->field, 0 /* BYTE_OFFSET */)

/* ---- kernel constants vmlinux.h cannot carry (macros) — stable ABI values ---------- */

#define NONO_EPERM 1
#define NONO_ENOMEM 12
#define NONO_FMODE_READ 0x1u
#define NONO_FMODE_WRITE 0x2u
#define NONO_FMODE_EXEC 0x20u
#define NONO_PROT_EXEC 0x4ul
#define NONO_VM_EXEC 0x4ul
#define NONO_SB_NOUSER (1ul << 31)     /* kernel-internal superblocks: pipes, sockets, memfd */
#define NONO_S_PRIVATE (1u << 9)       /* inode flag: internal to a filesystem               */
#define NONO_AF_UNIX 1
#define NONO_AF_INET 2
#define NONO_AF_INET6 10
#define NONO_AF_NETLINK 16
#define NONO_SOCK_STREAM 1
#define NONO_SOCK_DGRAM 2
#define NONO_SOCK_TYPE_MASK 0xf
#define NONO_NETLINK_ROUTE 0
#define NONO_IPPROTO_IP 0
#define NONO_PTRACE_MODE_ATTACH 0x02u
#define NONO_MSG_FASTOPEN 0x20000000u

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define nono_ntohs(x) __builtin_bswap16(x)
#define nono_htonl(x) __builtin_bswap32(x)
#else
#define nono_ntohs(x) (x)
#define nono_htonl(x) (x)
#endif

/* ---- return values ----------------------------------------------------------------
 * Linux 6.12 rejects an LSM program whose return value is not provably in
 * [-4095, 0], and clang may fold "return deny ? -EPERM : 0" into branch-free
 * arithmetic the verifier cannot bound. Every program therefore returns one
 * of these, from an explicit branch: the asm hides the value from the
 * optimiser (so it cannot be merged into arithmetic), while the verifier
 * still sees a 64-bit constant move into the return register. The constant
 * is materialised inside the asm, so two returns cannot be merged into one
 * asm over a select of their values either.
 */
#define NONO_RET_CONST(text)                                    \
	({                                                      \
		long v_;                                        \
		asm volatile("%0 = " text : "=r"(v_));          \
		(int)v_;                                        \
	})
#define NONO_RET_ALLOW() NONO_RET_CONST("0")
#define NONO_RET_DENY() NONO_RET_CONST("-1")   /* -EPERM */
#define NONO_RET_NOMEM() NONO_RET_CONST("-12") /* -ENOMEM */
/* cgroup sock_addr / sock programs: 1 = allow, 0 = deny (the caller gets EPERM). */
#define NONO_CG_ALLOW() NONO_RET_CONST("1")
#define NONO_CG_DENY() NONO_RET_CONST("0")

#endif /* NONO_BPF_H */
