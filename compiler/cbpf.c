/* SPDX-License-Identifier: Apache-2.0 */
/* Classic BPF for seccomp: checker, interpreter, disassembler (see cbpf.h). */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <linux/audit.h>

#include "cbpf.h"
#include "syscalls.h"

#define DATA_SIZE ((uint32_t)sizeof(struct seccomp_data))
#define OFF_NR    ((uint32_t)offsetof(struct seccomp_data, nr))
#define OFF_ARCH  ((uint32_t)offsetof(struct seccomp_data, arch))
#define OFF_IP    ((uint32_t)offsetof(struct seccomp_data, instruction_pointer))
#define OFF_ARGS  ((uint32_t)offsetof(struct seccomp_data, args))

_Static_assert(sizeof(struct seccomp_data) == 64, "struct seccomp_data is 64 bytes");
_Static_assert(BPF_MEMWORDS == 16, "classic BPF has 16 scratch words");

/* Our own spelling of the two opcodes linux/filter.h spells BPF_A/BPF_TXA. */
#define OP_RET_A (BPF_RET | BPF_A)
#define X32_BIT  0x40000000u

const char *nono_cbpf_strerror(int err)
{
	switch (err) {
	case NONO_CBPF_OK:          return "no error";
	case NONO_CBPF_E_LENGTH:    return "empty program or longer than BPF_MAXINSNS (4096)";
	case NONO_CBPF_E_OPCODE:    return "instruction not allowed in a seccomp filter";
	case NONO_CBPF_E_LOAD:      return "load outside struct seccomp_data or not 4-byte aligned";
	case NONO_CBPF_E_SCRATCH:   return "scratch memory index past M[15]";
	case NONO_CBPF_E_UNINIT:    return "scratch memory read before it is written";
	case NONO_CBPF_E_JUMP:      return "jump past the end of the program";
	case NONO_CBPF_E_DIVZERO:   return "division by constant zero";
	case NONO_CBPF_E_SHIFT:     return "shift by a constant of 32 or more";
	case NONO_CBPF_E_NORETURN:  return "program does not end with a return";
	case NONO_CBPF_E_NODATA:    return "no seccomp data";
	}
	return "unknown error";
}

/*
 * Is @code one of the opcodes seccomp_check_filter() lets through? The
 * kernel compares whole opcodes, so do we: BPF_LD|BPF_H|BPF_IMM, for
 * instance, is not BPF_LD|BPF_IMM.
 */
static int opcode_ok(uint16_t code)
{
	switch (code) {
	case BPF_LD | BPF_W | BPF_ABS:
	case BPF_LD | BPF_W | BPF_LEN:
	case BPF_LDX | BPF_W | BPF_LEN:
	case BPF_LD | BPF_IMM:
	case BPF_LDX | BPF_IMM:
	case BPF_LD | BPF_MEM:
	case BPF_LDX | BPF_MEM:
	case BPF_ST:
	case BPF_STX:
	case BPF_ALU | BPF_ADD | BPF_K:
	case BPF_ALU | BPF_ADD | BPF_X:
	case BPF_ALU | BPF_SUB | BPF_K:
	case BPF_ALU | BPF_SUB | BPF_X:
	case BPF_ALU | BPF_MUL | BPF_K:
	case BPF_ALU | BPF_MUL | BPF_X:
	case BPF_ALU | BPF_DIV | BPF_K:
	case BPF_ALU | BPF_DIV | BPF_X:
	case BPF_ALU | BPF_AND | BPF_K:
	case BPF_ALU | BPF_AND | BPF_X:
	case BPF_ALU | BPF_OR | BPF_K:
	case BPF_ALU | BPF_OR | BPF_X:
	case BPF_ALU | BPF_XOR | BPF_K:
	case BPF_ALU | BPF_XOR | BPF_X:
	case BPF_ALU | BPF_LSH | BPF_K:
	case BPF_ALU | BPF_LSH | BPF_X:
	case BPF_ALU | BPF_RSH | BPF_K:
	case BPF_ALU | BPF_RSH | BPF_X:
	case BPF_ALU | BPF_NEG:
	case BPF_MISC | BPF_TAX:
	case BPF_MISC | BPF_TXA:
	case BPF_JMP | BPF_JA:
	case BPF_JMP | BPF_JEQ | BPF_K:
	case BPF_JMP | BPF_JEQ | BPF_X:
	case BPF_JMP | BPF_JGT | BPF_K:
	case BPF_JMP | BPF_JGT | BPF_X:
	case BPF_JMP | BPF_JGE | BPF_K:
	case BPF_JMP | BPF_JGE | BPF_X:
	case BPF_JMP | BPF_JSET | BPF_K:
	case BPF_JMP | BPF_JSET | BPF_X:
	case BPF_RET | BPF_K:
	case OP_RET_A:
		return 1;
	}
	return 0;
}

static int is_cond_jump(uint16_t code)
{
	return BPF_CLASS(code) == BPF_JMP && BPF_OP(code) != BPF_JA;
}

/* The checks that need only the instruction and its position. */
static int check_insn(const struct sock_filter *prog, size_t len, size_t pc)
{
	const struct sock_filter *in = &prog[pc];
	uint64_t next = (uint64_t)pc + 1;

	if (!opcode_ok(in->code))
		return NONO_CBPF_E_OPCODE;
	switch (in->code) {
	case BPF_LD | BPF_W | BPF_ABS:
		if (in->k >= DATA_SIZE || (in->k & 3))
			return NONO_CBPF_E_LOAD;
		break;
	case BPF_LD | BPF_MEM:
	case BPF_LDX | BPF_MEM:
	case BPF_ST:
	case BPF_STX:
		if (in->k >= BPF_MEMWORDS)
			return NONO_CBPF_E_SCRATCH;
		break;
	case BPF_ALU | BPF_DIV | BPF_K:
		if (in->k == 0)
			return NONO_CBPF_E_DIVZERO;
		break;
	case BPF_ALU | BPF_LSH | BPF_K:
	case BPF_ALU | BPF_RSH | BPF_K:
		if (in->k >= 32)
			return NONO_CBPF_E_SHIFT;
		break;
	case BPF_JMP | BPF_JA:
		if (next + in->k >= len)
			return NONO_CBPF_E_JUMP;
		break;
	default:
		if (is_cond_jump(in->code) && (next + in->jt >= len || next + in->jf >= len))
			return NONO_CBPF_E_JUMP;
		break;
	}
	return NONO_CBPF_OK;
}

static int is_ret(uint16_t code)
{
	return code == (BPF_RET | BPF_K) || code == OP_RET_A;
}

int nono_cbpf_check(const struct sock_filter *prog, size_t len, size_t *pc)
{
	size_t where = 0;
	int err = NONO_CBPF_OK;
	uint32_t *masks = NULL;

	if (!prog || len == 0 || len > BPF_MAXINSNS) {
		err = NONO_CBPF_E_LENGTH;
		goto out;
	}
	for (where = 0; where < len; where++) {
		err = check_insn(prog, len, where);
		if (err)
			goto out;
	}
	where = len - 1;
	if (!is_ret(prog[where].code)) {
		err = NONO_CBPF_E_NORETURN;
		goto out;
	}

	/*
	 * Scratch memory: the kernel's rule, not a precise analysis. Walk the
	 * program in order with the set of slots written so far; a jump
	 * narrows its targets' sets to what holds on the jump, and after a
	 * jump the walk goes on with "anything" (the targets' sets say what
	 * really holds). A return does not reset the set, so unreachable code
	 * after it is judged by what held before it, as the kernel does.
	 */
	masks = malloc(len * sizeof(*masks));
	if (!masks) {
		/* Cannot decide: refuse rather than accept unchecked. */
		err = NONO_CBPF_E_LENGTH;
		where = 0;
		goto out;
	}
	for (size_t i = 0; i < len; i++)
		masks[i] = 0xffffffffu;
	uint32_t valid = 0;

	for (where = 0; where < len; where++) {
		const struct sock_filter *in = &prog[where];

		valid &= masks[where];
		switch (in->code) {
		case BPF_ST:
		case BPF_STX:
			valid |= 1u << in->k;
			break;
		case BPF_LD | BPF_MEM:
		case BPF_LDX | BPF_MEM:
			if (!(valid & (1u << in->k))) {
				err = NONO_CBPF_E_UNINIT;
				goto out;
			}
			break;
		case BPF_JMP | BPF_JA:
			masks[where + 1 + in->k] &= valid;
			valid = 0xffffffffu;
			break;
		default:
			if (is_cond_jump(in->code)) {
				masks[where + 1 + in->jt] &= valid;
				masks[where + 1 + in->jf] &= valid;
				valid = 0xffffffffu;
			}
			break;
		}
	}
	where = 0;
out:
	free(masks);
	if (pc)
		*pc = where;
	return err;
}

static uint32_t load_word(const struct seccomp_data *d, uint32_t off)
{
	uint32_t v;

	memcpy(&v, (const unsigned char *)d + off, sizeof(v));
	return v;
}

static uint32_t fail(int *err, int why)
{
	if (err)
		*err = why;
	return 0;
}

uint32_t nono_cbpf_run(const struct sock_filter *prog, size_t len, const struct seccomp_data *data, int *err)
{
	uint32_t A = 0, X = 0, M[BPF_MEMWORDS];
	uint32_t written = 0;   /* bit i: M[i] holds a value */
	size_t pc = 0;

	if (err)
		*err = NONO_CBPF_OK;
	if (!prog || len == 0 || len > BPF_MAXINSNS)
		return fail(err, NONO_CBPF_E_LENGTH);
	if (!data)
		return fail(err, NONO_CBPF_E_NODATA);
	memset(M, 0, sizeof(M));

	/* pc only grows (jump offsets are unsigned), so this ends within len steps. */
	while (pc < len) {
		const struct sock_filter *in = &prog[pc];
		int e = check_insn(prog, len, pc);
		uint64_t next = (uint64_t)pc + 1;

		if (e)
			return fail(err, e);
		switch (in->code) {
		case BPF_LD | BPF_W | BPF_ABS: A = load_word(data, in->k); break;
		case BPF_LD | BPF_W | BPF_LEN: A = DATA_SIZE; break;
		case BPF_LDX | BPF_W | BPF_LEN: X = DATA_SIZE; break;
		case BPF_LD | BPF_IMM: A = in->k; break;
		case BPF_LDX | BPF_IMM: X = in->k; break;
		case BPF_LD | BPF_MEM:
		case BPF_LDX | BPF_MEM:
			if (!(written & (1u << in->k)))
				return fail(err, NONO_CBPF_E_UNINIT);
			if (in->code == (BPF_LD | BPF_MEM))
				A = M[in->k];
			else
				X = M[in->k];
			break;
		case BPF_ST: M[in->k] = A; written |= 1u << in->k; break;
		case BPF_STX: M[in->k] = X; written |= 1u << in->k; break;
		case BPF_ALU | BPF_ADD | BPF_K: A += in->k; break;
		case BPF_ALU | BPF_ADD | BPF_X: A += X; break;
		case BPF_ALU | BPF_SUB | BPF_K: A -= in->k; break;
		case BPF_ALU | BPF_SUB | BPF_X: A -= X; break;
		case BPF_ALU | BPF_MUL | BPF_K: A = (uint32_t)((uint64_t)A * in->k); break;
		case BPF_ALU | BPF_MUL | BPF_X: A = (uint32_t)((uint64_t)A * X); break;
		case BPF_ALU | BPF_DIV | BPF_K: A /= in->k; break; /* k != 0: check_insn */
		case BPF_ALU | BPF_DIV | BPF_X:
			if (X == 0)
				return 0; /* the kernel's rule for classic BPF: the program returns 0 */
			A /= X;
			break;
		case BPF_ALU | BPF_AND | BPF_K: A &= in->k; break;
		case BPF_ALU | BPF_AND | BPF_X: A &= X; break;
		case BPF_ALU | BPF_OR | BPF_K: A |= in->k; break;
		case BPF_ALU | BPF_OR | BPF_X: A |= X; break;
		case BPF_ALU | BPF_XOR | BPF_K: A ^= in->k; break;
		case BPF_ALU | BPF_XOR | BPF_X: A ^= X; break;
		case BPF_ALU | BPF_LSH | BPF_K: A <<= in->k; break;   /* k < 32: check_insn */
		case BPF_ALU | BPF_LSH | BPF_X: A <<= (X & 31); break;
		case BPF_ALU | BPF_RSH | BPF_K: A >>= in->k; break;
		case BPF_ALU | BPF_RSH | BPF_X: A >>= (X & 31); break;
		case BPF_ALU | BPF_NEG: A = 0u - A; break;
		case BPF_MISC | BPF_TAX: X = A; break;
		case BPF_MISC | BPF_TXA: A = X; break;
		case BPF_JMP | BPF_JA: pc = (size_t)(next + in->k); continue;
		case BPF_JMP | BPF_JEQ | BPF_K: pc = (size_t)(next + (A == in->k ? in->jt : in->jf)); continue;
		case BPF_JMP | BPF_JEQ | BPF_X: pc = (size_t)(next + (A == X ? in->jt : in->jf)); continue;
		case BPF_JMP | BPF_JGT | BPF_K: pc = (size_t)(next + (A > in->k ? in->jt : in->jf)); continue;
		case BPF_JMP | BPF_JGT | BPF_X: pc = (size_t)(next + (A > X ? in->jt : in->jf)); continue;
		case BPF_JMP | BPF_JGE | BPF_K: pc = (size_t)(next + (A >= in->k ? in->jt : in->jf)); continue;
		case BPF_JMP | BPF_JGE | BPF_X: pc = (size_t)(next + (A >= X ? in->jt : in->jf)); continue;
		case BPF_JMP | BPF_JSET | BPF_K: pc = (size_t)(next + ((A & in->k) ? in->jt : in->jf)); continue;
		case BPF_JMP | BPF_JSET | BPF_X: pc = (size_t)(next + ((A & X) ? in->jt : in->jf)); continue;
		case BPF_RET | BPF_K: return in->k;
		case OP_RET_A: return A;
		default: return fail(err, NONO_CBPF_E_OPCODE); /* unreachable: opcode_ok */
		}
		pc++;
	}
	return fail(err, NONO_CBPF_E_NORETURN);
}

/* ---- names ------------------------------------------------------------------ */

static const char *errno_name(uint32_t e)
{
	switch (e) {
	case EPERM: return "EPERM";
	case ENOENT: return "ENOENT";
	case ESRCH: return "ESRCH";
	case EINTR: return "EINTR";
	case EIO: return "EIO";
	case E2BIG: return "E2BIG";
	case EBADF: return "EBADF";
	case EAGAIN: return "EAGAIN";
	case ENOMEM: return "ENOMEM";
	case EACCES: return "EACCES";
	case EFAULT: return "EFAULT";
	case EBUSY: return "EBUSY";
	case EEXIST: return "EEXIST";
	case ENODEV: return "ENODEV";
	case EINVAL: return "EINVAL";
	case ENOTTY: return "ENOTTY";
	case EROFS: return "EROFS";
	case ENOSYS: return "ENOSYS";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case EAFNOSUPPORT: return "EAFNOSUPPORT";
	case ECONNREFUSED: return "ECONNREFUSED";
	case ENETUNREACH: return "ENETUNREACH";
	}
	return NULL;
}

char *nono_cbpf_action_name(uint32_t ret, char *buf, size_t size)
{
	uint32_t data = ret & SECCOMP_RET_DATA;
	const char *name = NULL;

	if (!buf || size == 0)
		return buf;
	switch (ret & SECCOMP_RET_ACTION_FULL) {
	case SECCOMP_RET_KILL_PROCESS: name = "KILL_PROCESS"; break;
	case SECCOMP_RET_KILL_THREAD: name = "KILL_THREAD"; break;
	case SECCOMP_RET_TRAP: name = "TRAP"; break;
	case SECCOMP_RET_ERRNO: {
		const char *en = errno_name(data);

		if (en)
			snprintf(buf, size, "ERRNO(%s)", en);
		else
			snprintf(buf, size, "ERRNO(%u)", data);
		return buf;
	}
	case SECCOMP_RET_USER_NOTIF: name = "USER_NOTIF"; break;
	case SECCOMP_RET_TRACE: name = "TRACE"; break;
	case SECCOMP_RET_LOG: name = "LOG"; break;
	case SECCOMP_RET_ALLOW: name = "ALLOW"; break;
	default:
		snprintf(buf, size, "0x%08x", ret);
		return buf;
	}
	/* TRAP and TRACE hand their data to a handler: always show it. */
	if (data || (ret & SECCOMP_RET_ACTION_FULL) == SECCOMP_RET_TRAP ||
	    (ret & SECCOMP_RET_ACTION_FULL) == SECCOMP_RET_TRACE)
		snprintf(buf, size, "%s(0x%x)", name, data);
	else
		snprintf(buf, size, "%s", name);
	return buf;
}

static void field_name(uint32_t off, char *buf, size_t size)
{
	if (off == OFF_NR)
		snprintf(buf, size, "nr");
	else if (off == OFF_ARCH)
		snprintf(buf, size, "arch");
	else if (off == OFF_IP)
		snprintf(buf, size, "ip.lo");
	else if (off == OFF_IP + 4)
		snprintf(buf, size, "ip.hi");
	else if (off >= OFF_ARGS && off < DATA_SIZE && !(off & 3))
		snprintf(buf, size, "args[%u].%s", (off - OFF_ARGS) / 8, (off & 4) ? "hi" : "lo");
	else
		snprintf(buf, size, "0x%x", off);
}

static const char *arch_name(uint32_t arch)
{
	switch (arch) {
	case AUDIT_ARCH_X86_64: return "AUDIT_ARCH_X86_64";
	case AUDIT_ARCH_AARCH64: return "AUDIT_ARCH_AARCH64";
	case AUDIT_ARCH_I386: return "AUDIT_ARCH_I386";
	case AUDIT_ARCH_ARM: return "AUDIT_ARCH_ARM";
	}
	return NULL;
}

/* The name of syscall @nr on @arch (x86_64 or aarch64 only), or NULL. */
static const char *syscall_name(uint32_t arch, uint32_t nr)
{
	size_t n;
	const struct nono_syscall_info *t;

	if (arch != AUDIT_ARCH_X86_64 && arch != AUDIT_ARCH_AARCH64)
		return NULL;
	t = nono_syscall_table(&n);
	for (size_t i = 0; i < n; i++) {
		int x = arch == AUDIT_ARCH_X86_64 ? t[i].nr_x86_64 : t[i].nr_aarch64;

		if (x >= 0 && (uint32_t)x == nr)
			return t[i].name;
	}
	return NULL;
}

static uint32_t ioctl_nr(uint32_t arch)
{
	const struct nono_syscall_info *sc = nono_syscall_lookup("ioctl");
	int nr = -1;

	if (sc)
		nr = arch == AUDIT_ARCH_X86_64 ? sc->nr_x86_64 : arch == AUDIT_ARCH_AARCH64 ? sc->nr_aarch64 : -1;
	return nr < 0 ? 0xffffffffu : (uint32_t)nr;
}

/* ---- the data flow behind the disassembler's comments ---------------------------
 *
 * Per instruction, what holds on every path reaching it: which seccomp_data
 * word A holds (or unknown), which architecture a `jeq` on arch has
 * established (or 0), and the interval [lo, hi] the syscall number lies in.
 * Jumps go only forward, so one pass in program order sees every
 * predecessor of an instruction before the instruction itself.
 */
struct df {
	int reached;
	int a;           /* offset of the word in A, or -1 */
	uint32_t arch;   /* established architecture, or 0 */
	uint32_t lo, hi; /* nr lies in [lo, hi] */
};

static void df_join(struct df *t, const struct df *s)
{
	if (!t->reached) {
		*t = *s;
		return;
	}
	if (t->a != s->a)
		t->a = -1;
	if (t->arch != s->arch)
		t->arch = 0;
	if (s->lo < t->lo)
		t->lo = s->lo;
	if (s->hi > t->hi)
		t->hi = s->hi;
}

static void df_edge(struct df *st, size_t len, uint64_t to, const struct df *s)
{
	if (to < len)
		df_join(&st[to], s);
}

/* Narrow @t (taken) and @f (not taken) for a comparison of A against k. */
static void df_refine(const struct sock_filter *in, const struct df *s, struct df *t, struct df *f,
		      int *t_ok, int *f_ok)
{
	uint32_t k = in->k;

	*t = *s;
	*f = *s;
	*t_ok = *f_ok = 1;
	if (BPF_SRC(in->code) != BPF_K)
		return;
	if (s->a == (int)OFF_ARCH && BPF_OP(in->code) == BPF_JEQ) {
		t->arch = k;
		return;
	}
	if (s->a != (int)OFF_NR)
		return;
	switch (BPF_OP(in->code)) {
	case BPF_JEQ:
		if (k < s->lo || k > s->hi)
			*t_ok = 0;
		else
			t->lo = t->hi = k;
		if (s->lo == k && s->hi == k)
			*f_ok = 0;
		else if (s->lo == k)
			f->lo = k + 1;
		else if (s->hi == k)
			f->hi = k - 1;
		break;
	case BPF_JGT:
		if (k >= s->hi)
			*t_ok = 0;
		else if (k + 1 > t->lo)
			t->lo = k + 1;
		if (k < s->lo)
			*f_ok = 0;
		else if (k < f->hi)
			f->hi = k;
		break;
	case BPF_JGE:
		if (k > s->hi)
			*t_ok = 0;
		else if (k > t->lo)
			t->lo = k;
		if (k <= s->lo)
			*f_ok = 0;
		else if (k - 1 < f->hi)
			f->hi = k - 1;
		break;
	}
}

static struct df *dataflow(const struct sock_filter *prog, size_t len)
{
	struct df *st = calloc(len, sizeof(*st));

	if (!st)
		return NULL;
	st[0] = (struct df){ .reached = 1, .a = -1, .arch = 0, .lo = 0, .hi = 0xffffffffu };
	for (size_t pc = 0; pc < len; pc++) {
		const struct sock_filter *in = &prog[pc];
		struct df s = st[pc], t, f;
		uint64_t next = (uint64_t)pc + 1;
		int t_ok, f_ok;

		if (!s.reached || check_insn(prog, len, pc))
			continue; /* an invalid instruction ends the analysis of its path */
		switch (BPF_CLASS(in->code)) {
		case BPF_RET:
			continue;
		case BPF_JMP:
			if (BPF_OP(in->code) == BPF_JA) {
				df_edge(st, len, next + in->k, &s);
				continue;
			}
			df_refine(in, &s, &t, &f, &t_ok, &f_ok);
			if (t_ok)
				df_edge(st, len, next + in->jt, &t);
			if (f_ok)
				df_edge(st, len, next + in->jf, &f);
			continue;
		case BPF_LD:
			s.a = in->code == (BPF_LD | BPF_W | BPF_ABS) ? (int)in->k : -1;
			break;
		case BPF_ALU:
			s.a = -1;
			break;
		case BPF_MISC:
			if (in->code == (BPF_MISC | BPF_TXA))
				s.a = -1;
			break;
		default: /* LDX, ST, STX leave A alone */
			break;
		}
		df_edge(st, len, next, &s);
	}
	return st;
}

/* ---- the disassembler ------------------------------------------------------------ */

static const char *alu_name(uint16_t op)
{
	switch (op) {
	case BPF_ADD: return "add";
	case BPF_SUB: return "sub";
	case BPF_MUL: return "mul";
	case BPF_DIV: return "div";
	case BPF_OR: return "or";
	case BPF_AND: return "and";
	case BPF_LSH: return "lsh";
	case BPF_RSH: return "rsh";
	case BPF_NEG: return "neg";
	case BPF_MOD: return "mod";
	case BPF_XOR: return "xor";
	}
	return NULL;
}

static const char *jmp_name(uint16_t op)
{
	switch (op) {
	case BPF_JEQ: return "jeq";
	case BPF_JGT: return "jgt";
	case BPF_JGE: return "jge";
	case BPF_JSET: return "jset";
	}
	return NULL;
}

static void insn_text(const struct sock_filter *in, size_t pc, char *buf, size_t size)
{
	uint64_t next = (uint64_t)pc + 1;
	char name[40];

	if (!opcode_ok(in->code)) {
		snprintf(buf, size, ".insn code=0x%04x jt=%u jf=%u k=0x%08x", in->code, in->jt, in->jf, in->k);
		return;
	}
	switch (in->code) {
	case BPF_LD | BPF_W | BPF_ABS:
		field_name(in->k, name, sizeof(name));
		snprintf(buf, size, "ld [%s]", name);
		return;
	case BPF_LD | BPF_W | BPF_LEN: snprintf(buf, size, "ld len"); return;
	case BPF_LDX | BPF_W | BPF_LEN: snprintf(buf, size, "ldx len"); return;
	case BPF_LD | BPF_IMM: snprintf(buf, size, "ld #0x%x", in->k); return;
	case BPF_LDX | BPF_IMM: snprintf(buf, size, "ldx #0x%x", in->k); return;
	case BPF_LD | BPF_MEM: snprintf(buf, size, "ld M[%u]", in->k); return;
	case BPF_LDX | BPF_MEM: snprintf(buf, size, "ldx M[%u]", in->k); return;
	case BPF_ST: snprintf(buf, size, "st M[%u]", in->k); return;
	case BPF_STX: snprintf(buf, size, "stx M[%u]", in->k); return;
	case BPF_MISC | BPF_TAX: snprintf(buf, size, "tax"); return;
	case BPF_MISC | BPF_TXA: snprintf(buf, size, "txa"); return;
	case BPF_RET | BPF_K:
		snprintf(buf, size, "ret %s", nono_cbpf_action_name(in->k, name, sizeof(name)));
		return;
	case OP_RET_A: snprintf(buf, size, "ret a"); return;
	case BPF_JMP | BPF_JA: snprintf(buf, size, "ja %04llu", (unsigned long long)(next + in->k)); return;
	case BPF_ALU | BPF_NEG: snprintf(buf, size, "neg"); return;
	}
	if (BPF_CLASS(in->code) == BPF_ALU) {
		if (BPF_SRC(in->code) == BPF_X)
			snprintf(buf, size, "%s x", alu_name(BPF_OP(in->code)));
		else
			snprintf(buf, size, "%s #0x%x", alu_name(BPF_OP(in->code)), in->k);
		return;
	}
	/* conditional jumps */
	if (BPF_SRC(in->code) == BPF_X)
		snprintf(buf, size, "%s x, %04llu, %04llu", jmp_name(BPF_OP(in->code)),
			 (unsigned long long)(next + in->jt), (unsigned long long)(next + in->jf));
	else
		snprintf(buf, size, "%s #0x%x, %04llu, %04llu", jmp_name(BPF_OP(in->code)), in->k,
			 (unsigned long long)(next + in->jt), (unsigned long long)(next + in->jf));
}

static const char *insn_comment(const struct sock_filter *in, const struct df *s, char *buf, size_t size)
{
	if (!s)
		return NULL;
	if (!s->reached)
		return "unreachable";
	if (!is_cond_jump(in->code) || BPF_SRC(in->code) != BPF_K)
		return NULL;
	if (s->a == (int)OFF_ARCH && BPF_OP(in->code) == BPF_JEQ)
		return arch_name(in->k);
	if (s->a == (int)OFF_NR) {
		if (BPF_OP(in->code) == BPF_JSET)
			return s->arch == AUDIT_ARCH_X86_64 && in->k == X32_BIT ? "__X32_SYSCALL_BIT" : NULL;
		const char *name = syscall_name(s->arch, in->k);

		if (!name)
			return NULL;
		snprintf(buf, size, "%s%s", BPF_OP(in->code) == BPF_JGE ? ">= " : BPF_OP(in->code) == BPF_JGT ? "> " : "",
			 name);
		return buf;
	}
	if (s->a == (int)(OFF_ARGS + 8) && BPF_OP(in->code) == BPF_JEQ && s->arch && s->lo == s->hi &&
	    s->lo == ioctl_nr(s->arch)) {
		if (in->k == 0x5412)
			return "TIOCSTI";
		if (in->k == 0x541c)
			return "TIOCLINUX";
	}
	return NULL;
}

void nono_cbpf_disasm(const struct sock_filter *prog, size_t len, FILE *out)
{
	struct df *st;

	if (!out)
		return;
	if (!prog || len == 0) {
		fprintf(out, "; empty program\n");
		return;
	}
	/* Comments are a nicety: without memory for the analysis, print none. */
	st = dataflow(prog, len);
	for (size_t pc = 0; pc < len; pc++) {
		const struct sock_filter *in = &prog[pc];
		char text[96], note[64];
		int bad = check_insn(prog, len, pc);
		const char *comment = bad ? nono_cbpf_strerror(bad)
					  : insn_comment(in, st ? &st[pc] : NULL, note, sizeof(note));

		insn_text(in, pc, text, sizeof(text));
		if (comment)
			fprintf(out, "%04zu: %-34s ; %s%s\n", pc, text, bad ? "invalid: " : "", comment);
		else
			fprintf(out, "%04zu: %s\n", pc, text);
	}
	free(st);
}
