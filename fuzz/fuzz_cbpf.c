/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libFuzzer target: the classic BPF interpreter, checker and disassembler
 * (compiler/cbpf.c), and the seccomp compiler behind them
 * (compiler/seccomp.c). The interpreter runs programs nono-load is handed in
 * a bundle and `nonoc inspect` prints, so it must survive any bytes.
 * Seeds: fuzz/corpus/cbpf/, regressions: fuzz/regressions/cbpf/.
 *
 * Input: byte 0 selects the mode (its low bit), the rest is mode-specific.
 *
 *  mode 0, a program: 64 bytes of struct seccomp_data (zero-padded when
 *  short), then instructions of 8 bytes each in host order (u16 code, u8 jt,
 *  u8 jf, u32 k; a trailing partial one is dropped). Runs the checker, the
 *  interpreter and the disassembler. Oracles: a program the checker accepts
 *  runs without error (cbpf.h promises it), a failed run returns 0, and
 *  two runs agree.
 *
 *  mode 1, a spec: byte 1 holds flags (bit 0 aarch64, bit 1 block TIOCSTI,
 *  bit 2 keep actions raw instead of mapping them to valid ones), then
 *  default, bad-arch and tty actions (4 bytes each), then rules of 12 bytes
 *  (u32 lo, u32 width, u32 action; rule_id = the low byte of width), at most
 *  MAX_RULES. Compiles the spec. Oracles: compiling fails only with a
 *  message; a compiled program passes the checker and, at every rule's
 *  boundaries, for ioctl with tty requests and for a foreign architecture,
 *  returns what nono_seccomp_verdict() computes from the rules.
 *
 * Output goes to /dev/null, opened once. The harness never prints.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/audit.h>

#include "cbpf.h"
#include "seccomp.h"

#define MAX_RULES 256

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *sink(void)
{
	static FILE *f;

	if (!f) {
		f = fopen("/dev/null", "w");
		if (!f)
			abort();
	}
	return f;
}

static uint32_t u32_at(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static void fuzz_program(const uint8_t *data, size_t size)
{
	struct seccomp_data sd;
	size_t n = size > sizeof(sd) ? (size - sizeof(sd)) / sizeof(struct sock_filter) : 0;
	struct sock_filter *prog = NULL;
	int err1, err2;

	memset(&sd, 0, sizeof(sd));
	memcpy(&sd, data, size < sizeof(sd) ? size : sizeof(sd));
	if (n) {
		/* a heap copy of exactly n instructions, so ASan sees any overread */
		prog = malloc(n * sizeof(*prog));
		if (!prog)
			return;
		memcpy(prog, data + sizeof(sd), n * sizeof(*prog));
	}
	int chk = nono_cbpf_check(prog, n, NULL);
	uint32_t r1 = nono_cbpf_run(prog, n, &sd, &err1);
	uint32_t r2 = nono_cbpf_run(prog, n, &sd, &err2);

	if (r1 != r2 || err1 != err2)
		abort();
	if (err1 != NONO_CBPF_OK && r1 != 0)
		abort();
	if (chk == NONO_CBPF_OK && err1 != NONO_CBPF_OK)
		abort();
	(void)nono_cbpf_run(prog, n, NULL, NULL);
	nono_cbpf_disasm(prog, n, sink());
	free(prog);
}

/* One of the eight actions, with the data bits of @raw. */
static uint32_t valid_action(uint32_t raw)
{
	static const uint32_t classes[] = { SECCOMP_RET_KILL_PROCESS, SECCOMP_RET_KILL_THREAD, SECCOMP_RET_TRAP,
					    SECCOMP_RET_ERRNO,        SECCOMP_RET_USER_NOTIF,  SECCOMP_RET_TRACE,
					    SECCOMP_RET_LOG,          SECCOMP_RET_ALLOW };

	return classes[(raw >> 16) % 8] | (raw & SECCOMP_RET_DATA);
}

static void check_point(const struct nono_sc_spec *s, const struct sock_filter *p, size_t len, uint32_t arch,
			uint32_t nr, uint64_t arg1)
{
	struct seccomp_data d;
	int err;

	memset(&d, 0, sizeof(d));
	d.arch = arch;
	d.nr = (int)nr;
	d.args[1] = arg1;
	if (nono_cbpf_run(p, len, &d, &err) != nono_seccomp_verdict(s, &d, NULL) || err != NONO_CBPF_OK)
		abort();
}

static void fuzz_spec(const uint8_t *data, size_t size)
{
	struct nono_sc_rule rules[MAX_RULES];
	struct nono_sc_spec s;
	uint8_t flags = size ? data[0] : 0;
	int raw = flags & 4;
	struct sock_filter *p = NULL;
	size_t len = 0, n = 0;
	char err[256];

	memset(&s, 0, sizeof(s));
	s.audit_arch = flags & 1 ? AUDIT_ARCH_AARCH64 : AUDIT_ARCH_X86_64;
	s.block_tty_inject = !!(flags & 2);
	if (size) {
		data++;
		size--;
	}
	uint32_t acts[3] = { SECCOMP_RET_ALLOW, SECCOMP_RET_KILL_PROCESS, SECCOMP_RET_ERRNO | 1 };

	for (int i = 0; i < 3 && size >= 4; i++, data += 4, size -= 4)
		acts[i] = raw ? u32_at(data) : valid_action(u32_at(data));
	s.default_action = acts[0];
	s.bad_arch_action = acts[1];
	s.tty_inject_action = acts[2];
	for (; size >= 12 && n < MAX_RULES; data += 12, size -= 12) {
		uint32_t lo = u32_at(data), width = u32_at(data + 4), act = u32_at(data + 8);
		uint32_t hi = width > UINT32_MAX - lo ? UINT32_MAX : lo + width;

		if (raw && (width & 0x100))
			hi = lo - 1; /* an empty range, to reach the validation */
		rules[n++] = (struct nono_sc_rule){ lo, hi, raw ? act : valid_action(act), width & 0xff };
	}
	s.rules = rules;
	s.nrules = n;

	err[0] = '\0';
	if (nono_seccomp_compile(&s, &p, &len, err, sizeof(err)) != 0) {
		if (!err[0] || p || len)
			abort();
		if (!raw)
			abort(); /* valid specs of at most MAX_RULES rules always compile */
		return;
	}
	if (nono_cbpf_check(p, len, NULL) != NONO_CBPF_OK || len > NONO_SC_MAX_INSNS)
		abort();
	for (size_t i = 0; i < n; i++) {
		check_point(&s, p, len, s.audit_arch, rules[i].nr_lo - 1, 0);
		check_point(&s, p, len, s.audit_arch, rules[i].nr_lo, 0x5412);
		check_point(&s, p, len, s.audit_arch, rules[i].nr_hi, 0xffffffff0000541cull);
		check_point(&s, p, len, s.audit_arch, rules[i].nr_hi + 1, 0);
	}
	for (uint32_t nr = 0; nr < 40; nr++)
		check_point(&s, p, len, s.audit_arch, nr, nr & 1 ? 0x5412 : 0x541c);
	check_point(&s, p, len, AUDIT_ARCH_I386, 16, 0);
	check_point(&s, p, len, s.audit_arch, 0x40000000 | 16, 0x5412);
	check_point(&s, p, len, s.audit_arch, 0xffffffff, 0);
	nono_cbpf_disasm(p, len, sink());
	free(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	if (data[0] & 1)
		fuzz_spec(data + 1, size - 1);
	else
		fuzz_program(data + 1, size - 1);
	return 0;
}
