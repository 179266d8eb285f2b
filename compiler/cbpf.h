/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Classic BPF as seccomp uses it: a checker, an interpreter and a
 * disassembler. Internal to libnonoc (the seccomp back end's tests, the fuzz
 * target, `nonoc inspect` and nono-load's own checks use it).
 *
 * The dialect is the one the kernel accepts for SECCOMP_SET_MODE_FILTER
 * (kernel/seccomp.c: seccomp_check_filter, net/core/filter.c:
 * bpf_check_classic):
 *
 *   ld  [k]          A = 32-bit word at offset k of struct seccomp_data
 *                    (k < 64, k % 4 == 0; host byte order)
 *   ld  len, ldx len A / X = sizeof(struct seccomp_data) = 64
 *   ld  #k, ldx #k   immediate
 *   ld  M[k], ldx M[k], st M[k], stx M[k]   scratch memory, k < 16
 *   add sub mul div and or xor lsh rsh (#k or x), neg
 *   tax, txa
 *   ja k; jeq jgt jge jset (#k or x), jt, jf      forward only
 *   ret #k, ret a
 *
 * Not accepted (as in the kernel): BPF_H/BPF_B and BPF_IND loads, BPF_MSH,
 * BPF_MOD, the packet extensions.
 *
 * nono_cbpf_check() is the static verification the kernel does at load
 * time: every opcode valid for seccomp, every jump inside the program, the
 * last instruction a return, no division by a constant zero, no shift by a
 * constant >= 32, and no read of a scratch slot that some path reaches
 * without having written it. A program it accepts never makes
 * nono_cbpf_run() report an error.
 *
 * nono_cbpf_run() executes a program on one struct seccomp_data. It checks
 * as it goes instead of trusting the program: it never reads outside the
 * program, the data or M[], never loops (classic BPF jumps only forward, so
 * a run takes at most `len` steps) and never has undefined behaviour,
 * whatever the bytes (it is fuzzed: fuzz/fuzz_cbpf.c). Division by X == 0
 * returns 0 from the program, as the kernel does; a shift by X uses X & 31,
 * as the kernel's interpreter does.
 *
 * nono_cbpf_disasm() prints one instruction per line, index first:
 *
 *	0003: jset #0x40000000, 0004, 0005       ; __X32_SYSCALL_BIT
 *	0005: jge #0xa5, 0021, 0006              ; >= mount
 *
 * Jump targets are absolute indexes. Fields of struct seccomp_data and
 * return actions have their symbolic names ("ld [args[1].lo]",
 * "ret ERRNO(EPERM)"); word names assume a little-endian target, as x86_64
 * and aarch64 are. Comments after ';' come from a forward data-flow pass
 * that knows, per instruction, which field A holds, whether the architecture
 * was checked, and the interval the syscall number is confined to: syscall
 * names for comparisons of nr on a checked architecture ("mount" for jeq,
 * ">= mount" for jge, "> mount" for jgt), the architecture
 * for comparisons of arch, TIOCSTI/TIOCLINUX for comparisons of the ioctl
 * request. The text depends only on the program (and on the syscall table),
 * so it is stable for golden tests.
 */
#ifndef NONOC_CBPF_H
#define NONOC_CBPF_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <linux/filter.h>
#include <linux/seccomp.h>

/* Why a program was rejected (nono_cbpf_check) or a run stopped (nono_cbpf_run). */
enum nono_cbpf_error {
	NONO_CBPF_OK = 0,
	NONO_CBPF_E_LENGTH,    /* no program, empty, or longer than BPF_MAXINSNS */
	NONO_CBPF_E_OPCODE,    /* an instruction seccomp does not accept */
	NONO_CBPF_E_LOAD,      /* ld [k] outside struct seccomp_data or not 4-byte aligned */
	NONO_CBPF_E_SCRATCH,   /* M[k] with k >= BPF_MEMWORDS */
	NONO_CBPF_E_UNINIT,    /* M[k] read before any write on this path */
	NONO_CBPF_E_JUMP,      /* a jump past the end of the program */
	NONO_CBPF_E_DIVZERO,   /* div #0 */
	NONO_CBPF_E_SHIFT,     /* lsh/rsh #k with k >= 32 */
	NONO_CBPF_E_NORETURN,  /* the last instruction is not a return / ran past the end */
	NONO_CBPF_E_NODATA,    /* no struct seccomp_data given */
};

/* A short English description of @err ("jump past the end of the program"). */
const char *nono_cbpf_strerror(int err);

/*
 * Check @prog as the kernel would before installing it. Returns
 * NONO_CBPF_OK or the first problem found; *@pc (if not NULL) receives the
 * index of the offending instruction.
 */
int nono_cbpf_check(const struct sock_filter *prog, size_t len, size_t *pc);

/*
 * Run @prog on @data and return what it returns. On a problem (see
 * enum nono_cbpf_error) returns 0 (SECCOMP_RET_KILL_THREAD: fail closed) and
 * sets *@err; otherwise *@err = NONO_CBPF_OK. @err may be NULL.
 */
uint32_t nono_cbpf_run(const struct sock_filter *prog, size_t len, const struct seccomp_data *data, int *err);

/* Print @prog to @out, one instruction per line (see the top of this file). */
void nono_cbpf_disasm(const struct sock_filter *prog, size_t len, FILE *out);

/*
 * Write the name of a seccomp return value into @buf ("ALLOW",
 * "ERRNO(EPERM)", "TRAP(0x2a)", "KILL_PROCESS", or "0x…" for an unknown
 * action). Returns @buf.
 */
char *nono_cbpf_action_name(uint32_t ret, char *buf, size_t size);

#endif
