/* SPDX-License-Identifier: Apache-2.0 */
/* The classic BPF checker, interpreter and disassembler (compiler/cbpf.[ch]):
 * every instruction seccomp accepts, every error, the exact disassembly, a
 * randomised "what the checker accepts runs without error" property, and the
 * checker against the kernel's own verifier (installing programs in forked
 * children). */
#include <criterion/criterion.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/audit.h>

#include "cbpf.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define S(code, k) ((struct sock_filter)BPF_STMT(code, k))
#define J(code, k, jt, jf) ((struct sock_filter)BPF_JUMP(code, k, jt, jf))
#define RETK(k) S(BPF_RET | BPF_K, k)

static struct seccomp_data sample_data(void)
{
	struct seccomp_data d;

	memset(&d, 0, sizeof(d));
	d.nr = 16;
	d.arch = AUDIT_ARCH_X86_64;
	d.instruction_pointer = 0x1122334455667788ull;
	for (int i = 0; i < 6; i++)
		d.args[i] = ((uint64_t)(0xa0 + i) << 32) | (uint64_t)(0x10 + i);
	return d;
}

static uint32_t run(const struct sock_filter *p, size_t n, int *err)
{
	struct seccomp_data d = sample_data();

	return nono_cbpf_run(p, n, &d, err);
}

/* ---- loads -------------------------------------------------------------------- */

Test(cbpf_run, loads_every_word_of_seccomp_data_in_host_order)
{
	struct seccomp_data d = sample_data();
	static const struct {
		uint32_t off, want;
	} words[] = {
		{ 0, 16 },          { 4, AUDIT_ARCH_X86_64 }, { 8, 0x55667788 }, { 12, 0x11223344 },
		{ 16, 0x10 },       { 20, 0xa0 },             { 24, 0x11 },      { 28, 0xa1 },
		{ 56, 0x15 },       { 60, 0xa5 },
	};

	for (size_t i = 0; i < N(words); i++) {
		struct sock_filter p[] = { S(BPF_LD | BPF_W | BPF_ABS, words[i].off), S(BPF_RET | BPF_A, 0) };
		int err;

		cr_expect_eq(nono_cbpf_run(p, N(p), &d, &err), words[i].want, "offset %u", words[i].off);
		cr_expect_eq(err, NONO_CBPF_OK);
	}
}

Test(cbpf_run, registers_start_at_zero_and_len_is_64)
{
	struct sock_filter a[] = { S(BPF_RET | BPF_A, 0) };
	struct sock_filter x[] = { S(BPF_MISC | BPF_TXA, 0), S(BPF_RET | BPF_A, 0) };
	struct sock_filter len[] = { S(BPF_LD | BPF_W | BPF_LEN, 0), S(BPF_RET | BPF_A, 0) };
	struct sock_filter xlen[] = { S(BPF_LDX | BPF_W | BPF_LEN, 0), S(BPF_MISC | BPF_TXA, 0), S(BPF_RET | BPF_A, 0) };
	int err;

	cr_expect_eq(run(a, N(a), &err), 0);
	cr_expect_eq(run(x, N(x), &err), 0);
	cr_expect_eq(run(len, N(len), &err), 64);
	cr_expect_eq(run(xlen, N(xlen), &err), 64);
	cr_expect_eq(err, NONO_CBPF_OK);
}

Test(cbpf_run, immediates_scratch_memory_and_register_moves)
{
	struct sock_filter p[] = {
		S(BPF_LD | BPF_IMM, 7),   S(BPF_ST, 15),       S(BPF_LDX | BPF_IMM, 9), S(BPF_STX, 0),
		S(BPF_LD | BPF_IMM, 0),   S(BPF_LDX | BPF_MEM, 15),                      /* X = 7 */
		S(BPF_MISC | BPF_TXA, 0), S(BPF_LDX | BPF_MEM, 0),                       /* A = 7, X = 9 */
		S(BPF_ALU | BPF_MUL | BPF_X, 0),                                         /* 63 */
		S(BPF_MISC | BPF_TAX, 0), S(BPF_LD | BPF_MEM, 0), S(BPF_ALU | BPF_ADD | BPF_X, 0), /* 9 + 63 */
		S(BPF_RET | BPF_A, 0),
	};
	int err;

	cr_expect_eq(run(p, N(p), &err), 72);
	cr_expect_eq(err, NONO_CBPF_OK);
}

/* ---- ALU ------------------------------------------------------------------------ */

static uint32_t alu(uint16_t op, uint32_t a, uint32_t k, int by_x, int *err)
{
	struct sock_filter p[] = {
		S(BPF_LD | BPF_IMM, a),
		S(BPF_LDX | BPF_IMM, k),
		by_x ? S(BPF_ALU | op | BPF_X, 0) : S(BPF_ALU | op | BPF_K, k),
		S(BPF_RET | BPF_A, 0),
	};

	return run(p, N(p), err);
}

Test(cbpf_run, alu_operations_wrap_at_32_bits_with_k_and_x)
{
	static const struct {
		uint16_t op;
		uint32_t a, k, want;
	} cases[] = {
		{ BPF_ADD, 0xffffffff, 2, 1 },        { BPF_SUB, 1, 2, 0xffffffff },
		{ BPF_MUL, 0x10000, 0x10000, 0 },     { BPF_MUL, 0xffffffff, 0xffffffff, 1 },
		{ BPF_DIV, 100, 7, 14 },              { BPF_DIV, 0xffffffff, 1, 0xffffffff },
		{ BPF_AND, 0xf0f0, 0xff00, 0xf000 },  { BPF_OR, 0xf0f0, 0x0f00, 0xfff0 },
		{ BPF_XOR, 0xffff, 0x0ff0, 0xf00f },  { BPF_LSH, 1, 31, 0x80000000 },
		{ BPF_LSH, 0xffffffff, 4, 0xfffffff0 }, { BPF_RSH, 0x80000000, 31, 1 },
		{ BPF_RSH, 0xffffffff, 0, 0xffffffff },
	};

	for (size_t i = 0; i < N(cases); i++) {
		for (int by_x = 0; by_x < 2; by_x++) {
			int err;
			uint32_t got = alu(cases[i].op, cases[i].a, cases[i].k, by_x, &err);

			cr_expect_eq(got, cases[i].want, "op 0x%x a=0x%x k=0x%x x=%d: 0x%x", cases[i].op, cases[i].a,
				     cases[i].k, by_x, got);
			cr_expect_eq(err, NONO_CBPF_OK);
		}
	}
}

Test(cbpf_run, neg_div_by_x_zero_and_shift_by_x_follow_the_kernel)
{
	struct sock_filter neg[] = { S(BPF_LD | BPF_IMM, 5), S(BPF_ALU | BPF_NEG, 0), S(BPF_RET | BPF_A, 0) };
	int err;

	cr_expect_eq(run(neg, N(neg), &err), (uint32_t)-5);
	/* div by X == 0: the program returns 0, no error (kernel semantics). */
	cr_expect_eq(alu(BPF_DIV, 100, 0, 1, &err), 0);
	cr_expect_eq(err, NONO_CBPF_OK);
	/* shifts by X use X & 31 */
	cr_expect_eq(alu(BPF_LSH, 1, 33, 1, &err), 2);
	cr_expect_eq(alu(BPF_RSH, 0x80, 0xffffffe7, 1, &err), 0x80u >> 7);
	cr_expect_eq(err, NONO_CBPF_OK);
}

/* ---- jumps and returns ------------------------------------------------------------ */

static uint32_t jump(uint16_t op, uint32_t a, uint32_t k, int by_x)
{
	struct sock_filter p[] = {
		S(BPF_LD | BPF_IMM, a),
		S(BPF_LDX | BPF_IMM, k),
		by_x ? J(BPF_JMP | op | BPF_X, 0, 1, 0) : J(BPF_JMP | op | BPF_K, k, 1, 0),
		RETK(0xf),
		RETK(0x7),
	};
	int err;
	uint32_t r = run(p, N(p), &err);

	cr_assert_eq(err, NONO_CBPF_OK);
	return r == 0x7;
}

Test(cbpf_run, conditional_jumps_with_k_and_x)
{
	for (int x = 0; x < 2; x++) {
		cr_expect(jump(BPF_JEQ, 5, 5, x));
		cr_expect(!jump(BPF_JEQ, 5, 6, x));
		cr_expect(jump(BPF_JGT, 6, 5, x));
		cr_expect(!jump(BPF_JGT, 5, 5, x));
		cr_expect(jump(BPF_JGE, 5, 5, x));
		cr_expect(!jump(BPF_JGE, 4, 5, x));
		cr_expect(jump(BPF_JGE, 0xffffffff, 0x7fffffff, x), "unsigned comparison");
		cr_expect(jump(BPF_JSET, 0x12, 0x02, x));
		cr_expect(!jump(BPF_JSET, 0x12, 0x01, x));
	}
}

Test(cbpf_run, ja_skips_and_ret_a_returns_the_accumulator)
{
	struct sock_filter p[] = {
		S(BPF_JMP | BPF_JA, 2), RETK(1), RETK(2), S(BPF_LD | BPF_IMM, 0x7fff0000), S(BPF_RET | BPF_A, 0),
	};
	int err;

	cr_expect_eq(run(p, N(p), &err), 0x7fff0000);
	cr_expect_eq(err, NONO_CBPF_OK);
}

/* ---- errors ------------------------------------------------------------------------ */

static void expect_error(const struct sock_filter *p, size_t n, int want, size_t want_pc, const char *what)
{
	int err = -1;
	size_t pc = 12345;
	uint32_t r = run(p, n, &err);

	cr_expect_eq(err, want, "%s: run error %d (%s), want %d", what, err, nono_cbpf_strerror(err), want);
	cr_expect_eq(r, 0, "%s: a failed run returns 0 (kill)", what);
	cr_expect_eq(nono_cbpf_check(p, n, &pc), want, "%s: check", what);
	cr_expect_eq(pc, want_pc, "%s: at %zu, want %zu", what, pc, want_pc);
}

Test(cbpf_errors, each_rejected_instruction_is_an_error_in_run_and_check)
{
	struct sock_filter half[] = { S(BPF_LD | BPF_H | BPF_ABS, 0), RETK(0) };
	struct sock_filter byte[] = { S(BPF_LD | BPF_B | BPF_ABS, 0), RETK(0) };
	struct sock_filter ind[] = { S(BPF_LD | BPF_W | BPF_IND, 0), RETK(0) };
	struct sock_filter msh[] = { S(BPF_LDX | BPF_B | BPF_MSH, 0), RETK(0) };
	struct sock_filter mod[] = { S(BPF_ALU | BPF_MOD | BPF_K, 3), RETK(0) };
	struct sock_filter retx[] = { S(BPF_RET | BPF_X, 0) };
	struct sock_filter ldh_imm[] = { S(BPF_LD | BPF_H | BPF_IMM, 0), RETK(0) };
	struct sock_filter garbage[] = { S(0xffff, 0), RETK(0) };
	struct sock_filter off64[] = { S(BPF_LD | BPF_W | BPF_ABS, 64), RETK(0) };
	struct sock_filter off2[] = { S(BPF_LD | BPF_W | BPF_ABS, 2), RETK(0) };
	struct sock_filter offbig[] = { S(BPF_LD | BPF_W | BPF_ABS, 0xfffffffc), RETK(0) };
	struct sock_filter m16[] = { S(BPF_ST, 16), RETK(0) };
	struct sock_filter ldm16[] = { S(BPF_LD | BPF_MEM, 0xffffffff), RETK(0) };
	struct sock_filter div0[] = { S(BPF_ALU | BPF_DIV | BPF_K, 0), RETK(0) };
	struct sock_filter lsh32[] = { S(BPF_ALU | BPF_LSH | BPF_K, 32), RETK(0) };
	struct sock_filter rsh99[] = { S(BPF_ALU | BPF_RSH | BPF_K, 99), RETK(0) };
	struct sock_filter jt_out[] = { J(BPF_JMP | BPF_JEQ | BPF_K, 0, 1, 0), RETK(0) };
	struct sock_filter jf_out[] = { J(BPF_JMP | BPF_JGE | BPF_X, 0, 0, 255), RETK(0) };
	struct sock_filter ja_out[] = { S(BPF_JMP | BPF_JA, 1), RETK(0) };
	struct sock_filter ja_huge[] = { S(BPF_JMP | BPF_JA, 0xffffffff), RETK(0) };

	expect_error(half, 2, NONO_CBPF_E_OPCODE, 0, "ld h [0]");
	expect_error(byte, 2, NONO_CBPF_E_OPCODE, 0, "ld b [0]");
	expect_error(ind, 2, NONO_CBPF_E_OPCODE, 0, "ld [x+0]");
	expect_error(msh, 2, NONO_CBPF_E_OPCODE, 0, "ldx msh");
	expect_error(mod, 2, NONO_CBPF_E_OPCODE, 0, "mod");
	expect_error(retx, 1, NONO_CBPF_E_OPCODE, 0, "ret x");
	expect_error(ldh_imm, 2, NONO_CBPF_E_OPCODE, 0, "ld h #0");
	expect_error(garbage, 2, NONO_CBPF_E_OPCODE, 0, "0xffff");
	expect_error(off64, 2, NONO_CBPF_E_LOAD, 0, "ld [64]");
	expect_error(off2, 2, NONO_CBPF_E_LOAD, 0, "ld [2]");
	expect_error(offbig, 2, NONO_CBPF_E_LOAD, 0, "ld [0xfffffffc]");
	expect_error(m16, 2, NONO_CBPF_E_SCRATCH, 0, "st M[16]");
	expect_error(ldm16, 2, NONO_CBPF_E_SCRATCH, 0, "ld M[0xffffffff]");
	expect_error(div0, 2, NONO_CBPF_E_DIVZERO, 0, "div #0");
	expect_error(lsh32, 2, NONO_CBPF_E_SHIFT, 0, "lsh #32");
	expect_error(rsh99, 2, NONO_CBPF_E_SHIFT, 0, "rsh #99");
	expect_error(jt_out, 2, NONO_CBPF_E_JUMP, 0, "jt past the end");
	expect_error(jf_out, 2, NONO_CBPF_E_JUMP, 0, "jf past the end");
	expect_error(ja_out, 2, NONO_CBPF_E_JUMP, 0, "ja past the end");
	expect_error(ja_huge, 2, NONO_CBPF_E_JUMP, 0, "ja 0xffffffff (no wrap-around)");
}

Test(cbpf_errors, length_data_return_and_uninitialised_scratch)
{
	struct seccomp_data d = sample_data();
	struct sock_filter one[] = { RETK(0) };
	struct sock_filter noret[] = { S(BPF_LD | BPF_IMM, 1) };
	struct sock_filter uninit[] = { S(BPF_LD | BPF_MEM, 3), RETK(0) };
	static struct sock_filter big[BPF_MAXINSNS + 1];
	int err;
	size_t pc;

	cr_expect_eq(nono_cbpf_run(NULL, 1, &d, &err), 0);
	cr_expect_eq(err, NONO_CBPF_E_LENGTH);
	cr_expect_eq(nono_cbpf_run(one, 0, &d, &err), 0);
	cr_expect_eq(err, NONO_CBPF_E_LENGTH);
	cr_expect_eq(nono_cbpf_run(one, 1, NULL, &err), 0);
	cr_expect_eq(err, NONO_CBPF_E_NODATA);
	cr_expect_eq(nono_cbpf_check(NULL, 0, NULL), NONO_CBPF_E_LENGTH);

	for (size_t i = 0; i < N(big); i++)
		big[i] = RETK(SECCOMP_RET_ALLOW);
	cr_expect_eq(nono_cbpf_run(big, BPF_MAXINSNS, &d, &err), SECCOMP_RET_ALLOW);
	cr_expect_eq(nono_cbpf_check(big, BPF_MAXINSNS, NULL), NONO_CBPF_OK);
	cr_expect_eq(nono_cbpf_run(big, BPF_MAXINSNS + 1, &d, &err), 0);
	cr_expect_eq(err, NONO_CBPF_E_LENGTH);
	cr_expect_eq(nono_cbpf_check(big, BPF_MAXINSNS + 1, NULL), NONO_CBPF_E_LENGTH);

	cr_expect_eq(nono_cbpf_run(noret, 1, &d, &err), 0);
	cr_expect_eq(err, NONO_CBPF_E_NORETURN);
	cr_expect_eq(nono_cbpf_check(noret, 1, &pc), NONO_CBPF_E_NORETURN);
	cr_expect_eq(pc, 0);

	expect_error(uninit, 2, NONO_CBPF_E_UNINIT, 0, "ld M[3] never written");
	/* err may be NULL */
	cr_expect_eq(nono_cbpf_run(uninit, 2, &d, NULL), 0);
}

Test(cbpf_errors, scratch_memory_is_checked_per_path_like_the_kernel)
{
	/* One branch writes M[0], the other does not; they join at the read. */
	struct sock_filter one_path[] = {
		S(BPF_LD | BPF_W | BPF_ABS, 0), J(BPF_JMP | BPF_JEQ | BPF_K, 16, 0, 1), S(BPF_ST, 0),
		S(BPF_LD | BPF_MEM, 0), RETK(0),
	};
	/* Both branches write it: accepted. */
	struct sock_filter both[] = {
		J(BPF_JMP | BPF_JEQ | BPF_K, 16, 0, 2), S(BPF_ST, 0), S(BPF_JMP | BPF_JA, 1),
		S(BPF_STX, 0), S(BPF_LD | BPF_MEM, 0), RETK(0),
	};
	/* Dead code after a return is judged by what held before the return. */
	struct sock_filter dead[] = { RETK(0), S(BPF_LD | BPF_MEM, 0), RETK(0) };
	struct sock_filter dead_ok[] = { S(BPF_ST, 0), RETK(0), S(BPF_LD | BPF_MEM, 0), RETK(0) };
	size_t pc;
	int err;

	/* nr == 16 in sample_data: the run takes the writing path and succeeds... */
	cr_expect_eq(run(one_path, N(one_path), &err), 0);
	cr_expect_eq(err, NONO_CBPF_OK);
	/* ...but the checker, like the kernel, refuses the program. */
	cr_expect_eq(nono_cbpf_check(one_path, N(one_path), &pc), NONO_CBPF_E_UNINIT);
	cr_expect_eq(pc, 3);
	cr_expect_eq(nono_cbpf_check(both, N(both), &pc), NONO_CBPF_OK);
	cr_expect_eq(nono_cbpf_check(dead, N(dead), &pc), NONO_CBPF_E_UNINIT);
	cr_expect_eq(pc, 1);
	cr_expect_eq(nono_cbpf_check(dead_ok, N(dead_ok), &pc), NONO_CBPF_OK);
}

Test(cbpf_errors, strerror_names_every_error)
{
	for (int e = NONO_CBPF_OK; e <= NONO_CBPF_E_NODATA; e++)
		cr_expect_str_neq(nono_cbpf_strerror(e), "unknown error", "%d", e);
	cr_expect_str_eq(nono_cbpf_strerror(-1), "unknown error");
	cr_expect_str_eq(nono_cbpf_strerror(NONO_CBPF_E_JUMP), "jump past the end of the program");
}

/* ---- disassembler ----------------------------------------------------------------- */

static char *disasm(const struct sock_filter *p, size_t n)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);

	cr_assert_not_null(f);
	nono_cbpf_disasm(p, n, f);
	fclose(f);
	return buf;
}

Test(cbpf_disasm, every_instruction_form)
{
	struct sock_filter p[] = {
		S(BPF_LD | BPF_W | BPF_ABS, 20),     S(BPF_LD | BPF_W | BPF_ABS, 8), S(BPF_LD | BPF_W | BPF_ABS, 12),
		S(BPF_LD | BPF_W | BPF_LEN, 0),      S(BPF_LDX | BPF_W | BPF_LEN, 0), S(BPF_LD | BPF_IMM, 0x2a),
		S(BPF_LDX | BPF_IMM, 0x2b),          S(BPF_ST, 3),                    S(BPF_STX, 4),
		S(BPF_LD | BPF_MEM, 3),              S(BPF_LDX | BPF_MEM, 4),         S(BPF_ALU | BPF_ADD | BPF_K, 1),
		S(BPF_ALU | BPF_SUB | BPF_X, 0),     S(BPF_ALU | BPF_MUL | BPF_K, 2), S(BPF_ALU | BPF_DIV | BPF_X, 0),
		S(BPF_ALU | BPF_AND | BPF_K, 0xff),  S(BPF_ALU | BPF_OR | BPF_X, 0),  S(BPF_ALU | BPF_XOR | BPF_K, 1),
		S(BPF_ALU | BPF_LSH | BPF_K, 3),     S(BPF_ALU | BPF_RSH | BPF_X, 0), S(BPF_ALU | BPF_NEG, 0),
		S(BPF_MISC | BPF_TAX, 0),            S(BPF_MISC | BPF_TXA, 0),        S(BPF_JMP | BPF_JA, 0),
		J(BPF_JMP | BPF_JGT | BPF_X, 0, 0, 1), J(BPF_JMP | BPF_JSET | BPF_K, 4, 0, 0),
		RETK(SECCOMP_RET_KILL_PROCESS),      RETK(SECCOMP_RET_KILL_THREAD),   RETK(SECCOMP_RET_TRAP | 42),
		RETK(SECCOMP_RET_ERRNO | EPERM),     RETK(SECCOMP_RET_ERRNO | 1234),  RETK(SECCOMP_RET_USER_NOTIF),
		RETK(SECCOMP_RET_TRACE | 7),         RETK(SECCOMP_RET_LOG),           RETK(SECCOMP_RET_ALLOW),
		RETK(0x12345678),                    S(BPF_RET | BPF_A, 0),           S(BPF_ALU | BPF_MOD | BPF_K, 3),
		S(BPF_LD | BPF_W | BPF_ABS, 66),     J(BPF_JMP | BPF_JEQ | BPF_K, 1, 200, 0),
		RETK(SECCOMP_RET_ALLOW),
	};
	char *got = disasm(p, N(p));
	const char *want =
		"0000: ld [args[0].hi]\n"
		"0001: ld [ip.lo]\n"
		"0002: ld [ip.hi]\n"
		"0003: ld len\n"
		"0004: ldx len\n"
		"0005: ld #0x2a\n"
		"0006: ldx #0x2b\n"
		"0007: st M[3]\n"
		"0008: stx M[4]\n"
		"0009: ld M[3]\n"
		"0010: ldx M[4]\n"
		"0011: add #0x1\n"
		"0012: sub x\n"
		"0013: mul #0x2\n"
		"0014: div x\n"
		"0015: and #0xff\n"
		"0016: or x\n"
		"0017: xor #0x1\n"
		"0018: lsh #0x3\n"
		"0019: rsh x\n"
		"0020: neg\n"
		"0021: tax\n"
		"0022: txa\n"
		"0023: ja 0024\n"
		"0024: jgt x, 0025, 0026\n"
		"0025: jset #0x4, 0026, 0026\n"
		"0026: ret KILL_PROCESS\n"
		"0027: ret KILL_THREAD                    ; unreachable\n"
		"0028: ret TRAP(0x2a)                     ; unreachable\n"
		"0029: ret ERRNO(EPERM)                   ; unreachable\n"
		"0030: ret ERRNO(1234)                    ; unreachable\n"
		"0031: ret USER_NOTIF                     ; unreachable\n"
		"0032: ret TRACE(0x7)                     ; unreachable\n"
		"0033: ret LOG                            ; unreachable\n"
		"0034: ret ALLOW                          ; unreachable\n"
		"0035: ret 0x12345678                     ; unreachable\n"
		"0036: ret a                              ; unreachable\n"
		"0037: .insn code=0x0094 jt=0 jf=0 k=0x00000003 ; invalid: instruction not allowed in a seccomp filter\n"
		"0038: ld [0x42]                          ; invalid: load outside struct seccomp_data or not 4-byte aligned\n"
		"0039: jeq #0x1, 0240, 0040               ; invalid: jump past the end of the program\n"
		"0040: ret ALLOW                          ; unreachable\n";

	cr_expect_str_eq(got, want, "got:\n%s", got);
	free(got);
}

Test(cbpf_disasm, names_arch_syscalls_x32_bit_and_tty_requests_from_the_data_flow)
{
	struct sock_filter p[] = {
		/* 0 */ S(BPF_LD | BPF_W | BPF_ABS, 4),
		/* 1 */ J(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 0, 10),
		/* 2 */ S(BPF_LD | BPF_W | BPF_ABS, 0),
		/* 3 */ J(BPF_JMP | BPF_JSET | BPF_K, 0x40000000, 8, 0),
		/* 4 */ J(BPF_JMP | BPF_JGE | BPF_K, 17, 5, 0),      /* >= pread64 */
		/* 5 */ J(BPF_JMP | BPF_JGT | BPF_K, 15, 0, 4),      /* > rt_sigreturn */
		/* 6 */ S(BPF_LD | BPF_W | BPF_ABS, 24),             /* nr is 16: ioctl */
		/* 7 */ J(BPF_JMP | BPF_JEQ | BPF_K, 0x5412, 2, 0),
		/* 8 */ J(BPF_JMP | BPF_JEQ | BPF_K, 0x541c, 1, 0),
		/* 9 */ J(BPF_JMP | BPF_JEQ | BPF_K, 0x5413, 0, 0),  /* not a tty-injection request: no name */
		/* 10 */ RETK(SECCOMP_RET_ALLOW),
		/* 11 */ RETK(SECCOMP_RET_ERRNO | EPERM),
		/* 12 */ RETK(SECCOMP_RET_KILL_PROCESS),
	};
	char *got = disasm(p, N(p));
	const char *want = "0000: ld [arch]\n"
			   "0001: jeq #0xc000003e, 0002, 0012        ; AUDIT_ARCH_X86_64\n"
			   "0002: ld [nr]\n"
			   "0003: jset #0x40000000, 0012, 0004       ; __X32_SYSCALL_BIT\n"
			   "0004: jge #0x11, 0010, 0005              ; >= pread64\n"
			   "0005: jgt #0xf, 0006, 0010               ; > rt_sigreturn\n"
			   "0006: ld [args[1].lo]\n"
			   "0007: jeq #0x5412, 0010, 0008            ; TIOCSTI\n"
			   "0008: jeq #0x541c, 0010, 0009            ; TIOCLINUX\n"
			   "0009: jeq #0x5413, 0010, 0010\n"
			   "0010: ret ALLOW\n"
			   "0011: ret ERRNO(EPERM)                   ; unreachable\n"
			   "0012: ret KILL_PROCESS\n";

	cr_expect_str_eq(got, want, "got:\n%s", got);
	free(got);

	/* Without the architecture check, numbers stay numbers. */
	struct sock_filter q[] = { S(BPF_LD | BPF_W | BPF_ABS, 0), J(BPF_JMP | BPF_JEQ | BPF_K, 101, 0, 0),
				   RETK(SECCOMP_RET_ALLOW) };

	got = disasm(q, N(q));
	cr_expect_str_eq(got, "0000: ld [nr]\n0001: jeq #0x65, 0002, 0002\n0002: ret ALLOW\n");
	free(got);
	got = disasm(NULL, 0);
	cr_expect_str_eq(got, "; empty program\n");
	free(got);
}

Test(cbpf_disasm, action_names)
{
	char buf[32];

	cr_expect_str_eq(nono_cbpf_action_name(SECCOMP_RET_ERRNO | EACCES, buf, sizeof(buf)), "ERRNO(EACCES)");
	cr_expect_str_eq(nono_cbpf_action_name(SECCOMP_RET_KILL_PROCESS | 3, buf, sizeof(buf)), "KILL_PROCESS(0x3)");
	cr_expect_str_eq(nono_cbpf_action_name(SECCOMP_RET_TRAP, buf, sizeof(buf)), "TRAP(0x0)");
	cr_expect_str_eq(nono_cbpf_action_name(SECCOMP_RET_LOG | 1, buf, sizeof(buf)), "LOG(0x1)");
	cr_expect_str_eq(nono_cbpf_action_name(0x7ff80000, buf, sizeof(buf)), "0x7ff80000");
	cr_expect_str_eq(nono_cbpf_action_name(SECCOMP_RET_ALLOW, buf, 4), "ALL", "truncated, terminated");
}

/* ---- randomised: whatever the bytes, no crash; checked programs run cleanly ---------- */

static uint64_t rng_state;

static uint32_t rnd(void)
{
	/* xorshift64*: fixed seeds, so failures reproduce */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545f4914f6cdd1dull) >> 32);
}

static const uint16_t valid_codes[] = {
	BPF_LD | BPF_W | BPF_ABS,      BPF_LD | BPF_W | BPF_LEN,       BPF_LDX | BPF_W | BPF_LEN,
	BPF_LD | BPF_IMM,              BPF_LDX | BPF_IMM,              BPF_LD | BPF_MEM,
	BPF_LDX | BPF_MEM,             BPF_ST,                         BPF_STX,
	BPF_ALU | BPF_ADD | BPF_K,     BPF_ALU | BPF_SUB | BPF_X,      BPF_ALU | BPF_MUL | BPF_K,
	BPF_ALU | BPF_DIV | BPF_K,     BPF_ALU | BPF_DIV | BPF_X,      BPF_ALU | BPF_AND | BPF_X,
	BPF_ALU | BPF_OR | BPF_K,      BPF_ALU | BPF_XOR | BPF_X,      BPF_ALU | BPF_LSH | BPF_K,
	BPF_ALU | BPF_LSH | BPF_X,     BPF_ALU | BPF_RSH | BPF_K,      BPF_ALU | BPF_NEG,
	BPF_MISC | BPF_TAX,            BPF_MISC | BPF_TXA,             BPF_JMP | BPF_JA,
	BPF_JMP | BPF_JEQ | BPF_K,     BPF_JMP | BPF_JGT | BPF_X,      BPF_JMP | BPF_JGE | BPF_K,
	BPF_JMP | BPF_JSET | BPF_K,    BPF_RET | BPF_K,                BPF_RET | BPF_A,
	/* a few the kernel refuses */
	BPF_ALU | BPF_MOD | BPF_K,     BPF_LD | BPF_H | BPF_ABS,       BPF_RET | BPF_X,
};

/* A program that is mostly plausible: small jumps, small constants, a return at the end. */
static size_t random_program(struct sock_filter *p, size_t max)
{
	size_t n = 1 + rnd() % max;

	for (size_t i = 0; i < n; i++) {
		uint16_t code = valid_codes[rnd() % N(valid_codes)];
		uint32_t k;

		switch (rnd() % 8) {
		case 0: k = rnd(); break;
		case 1: k = (rnd() % 17) * 4; break;    /* seccomp_data offsets, one past */
		case 2: k = rnd() % 18; break;          /* scratch slots, one past */
		default: k = rnd() % 40; break;
		}
		if (code == (BPF_JMP | BPF_JA))
			k = rnd() % (n - i + 1);
		p[i] = (struct sock_filter){ code, (uint8_t)(rnd() % (n - i + 1)), (uint8_t)(rnd() % (n - i + 1)), k };
	}
	if (rnd() % 8)
		p[n - 1] = RETK(rnd() % 2 ? SECCOMP_RET_ALLOW : SECCOMP_RET_ERRNO | (rnd() % 4096));
	return n;
}

Test(cbpf_random, checked_programs_never_fail_at_run_time_and_nothing_crashes)
{
	static struct sock_filter p[64];
	size_t checked = 0;

	rng_state = 0x9e3779b97f4a7c15ull;
	for (int iter = 0; iter < 200000; iter++) {
		size_t n = random_program(p, N(p));
		struct seccomp_data d;
		uint32_t *w = (uint32_t *)&d;
		int err;

		for (size_t i = 0; i < sizeof(d) / 4; i++)
			w[i] = rnd() % 4 ? rnd() % 64 : rnd();
		int ok = nono_cbpf_check(p, n, NULL) == NONO_CBPF_OK;

		(void)nono_cbpf_run(p, n, &d, &err);
		if (ok) {
			checked++;
			cr_assert_eq(err, NONO_CBPF_OK, "iteration %d: checked program failed: %s", iter,
				     nono_cbpf_strerror(err));
		}
	}
	cr_expect_gt(checked, 5000, "the generator produces enough valid programs (%zu)", checked);
}

/* ---- the checker against the kernel's verifier ------------------------------------- */

/*
 * Install @p in a forked child and report whether the kernel accepted it.
 * The child reports through shared memory before its next system call (the
 * filter may kill it or refuse every call from then on), then loops on
 * exit_group until it exits or the parent kills it.
 */
struct shared {
	int done;
	int install_errno;
};

static int kernel_accepts(const struct sock_filter *p, size_t n, struct shared *sh)
{
	pid_t pid;
	int status;

	sh->done = 0;
	sh->install_errno = -1;
	pid = fork();
	cr_assert_geq(pid, 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		struct sock_fprog fp = { (unsigned short)n, (struct sock_filter *)p };
		long r;

		prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
		r = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fp);
		sh->install_errno = r == 0 ? 0 : errno;
		__atomic_store_n(&sh->done, 1, __ATOMIC_RELEASE);
		for (;;)
			syscall(SYS_exit_group, 0);
	}
	for (int ms = 0; ms < 20000; ms++) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			break;
		if (__atomic_load_n(&sh->done, __ATOMIC_ACQUIRE)) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			break;
		}
		nanosleep(&(struct timespec){ 0, 1000000 }, NULL);
	}
	cr_assert(__atomic_load_n(&sh->done, __ATOMIC_ACQUIRE), "the child never reported");
	if (sh->install_errno == ENOSYS)
		cr_skip_test("seccomp filters are not available here");
	return sh->install_errno == 0;
}

Test(cbpf_kernel, the_checker_accepts_exactly_what_the_kernel_accepts)
{
	static struct sock_filter p[24];
	struct shared *sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	size_t yes = 0, no = 0;

	cr_assert_neq(sh, MAP_FAILED);
	rng_state = 0x243f6a8885a308d3ull;
	for (int iter = 0; iter < 300; iter++) {
		size_t n = random_program(p, N(p)), pc;
		int err = nono_cbpf_check(p, n, &pc);
		int k = kernel_accepts(p, n, sh);

		cr_assert_eq(k, err == NONO_CBPF_OK, "iteration %d: kernel %s (errno %d), checker says %s at %zu", iter,
			     k ? "accepts" : "refuses", sh->install_errno, nono_cbpf_strerror(err), pc);
		if (k)
			yes++;
		else
			no++;
	}
	cr_expect_gt(yes, 20, "accepted: %zu (fixed seed: 30 of 300)", yes);
	cr_expect_gt(no, 20, "refused: %zu", no);
	munmap(sh, sizeof(*sh));
}
