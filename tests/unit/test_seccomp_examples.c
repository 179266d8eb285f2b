/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The seccomp filters of the contract examples, behaviourally: each
 * example is compiled through the whole pipeline (nonoc_check → IR →
 * `.nono.seccomp`), then its program is run
 *  - in the cBPF interpreter, for every syscall number 0..1023 on both
 *    architectures, against the IR's own ranges (what the policy says), and
 *  - in the kernel, installed in a forked child, which makes harmless calls
 *    whose result tells "filtered" (EPERM) from "reached the kernel".
 * (The golden disassembly of the same programs: tests/golden/seccomp-examples.)
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cbpf.h"
#include "compile.h"
#include "context.h"
#include "ir.h"

static const char *const examples[] = { "data-analyst.nono", "coding-agent.nono", "email-agent.yaml" };

struct prog {
	uint32_t arch;
	struct sock_filter *insns;
	size_t len;
};

/* Compile one contract example; fill progs[0..1] (x86_64, aarch64). */
static const struct nono_ir *build(nonoc_ctx *ctx, const char *name, uint8_t **sec, struct prog progs[2])
{
	const char *shared = getenv("NONO_SHARED");
	char path[1024];
	size_t len = 0;
	char err[256];

	snprintf(path, sizeof(path), "%s/examples/%s", shared ? shared : NONO_SRCDIR "/../shared", name);
	int src = nonoc_add_file(ctx, path);

	cr_assert_geq(src, 0, "cannot read %s", path);
	cr_assert_eq(nonoc_check(ctx, src), 0, "%s does not check", path);
	const struct nono_ir *ir = ctx->policies[ctx->npolicies - 1]->ir;

	cr_assert_not_null(ir);
	cr_assert_eq(nono_emit_seccomp(ir, sec, &len, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(memcmp(*sec, "NSCP", 4), 0);
	size_t off = 12;

	for (int i = 0; i < 2; i++) {
		uint32_t n;

		cr_assert_leq(off + 8, len);
		memcpy(&progs[i].arch, *sec + off, 4);
		memcpy(&n, *sec + off + 4, 4);
		progs[i].len = n;
		progs[i].insns = (struct sock_filter *)(*sec + off + 8);
		off += 8 + (size_t)n * 8;
		cr_assert_leq(off, len);
	}
	return ir;
}

static uint32_t expected(const struct nono_ir_sys *s, uint32_t nr)
{
	for (size_t i = 0; i < s->nranges; i++)
		if (nr >= s->ranges[i].lo && nr <= s->ranges[i].hi)
			return s->ranges[i].action;
	return SECCOMP_RET_ALLOW;
}

Test(seccomp_examples, the_interpreter_does_what_the_ir_says_for_every_number)
{
	for (size_t e = 0; e < sizeof(examples) / sizeof(examples[0]); e++) {
		nonoc_ctx *ctx = nonoc_new();
		uint8_t *sec = NULL;
		struct prog p[2];
		const struct nono_ir *ir = build(ctx, examples[e], &sec, p);
		size_t denied = 0;

		for (int a = 0; a < 2; a++) {
			cr_assert_eq(p[a].arch, ir->sys[a].audit_arch);
			for (uint32_t nr = 0; nr < 1024; nr++) {
				struct seccomp_data d = { .nr = (int)nr, .arch = p[a].arch };
				int err = 0;
				uint32_t got = nono_cbpf_run(p[a].insns, p[a].len, &d, &err);

				cr_assert_eq(err, 0);
				cr_assert_eq(got, expected(&ir->sys[a], nr), "%s %s nr %u: got %#x want %#x", examples[e],
					     ir->sys[a].arch, nr, got, expected(&ir->sys[a], nr));
				denied += got != SECCOMP_RET_ALLOW;
			}
			/* A foreign architecture, and x32 on x86_64, are killed. */
			struct seccomp_data bad = { .nr = 39, .arch = AUDIT_ARCH_I386 };
			int err = 0;

			cr_assert_eq(nono_cbpf_run(p[a].insns, p[a].len, &bad, &err), SECCOMP_RET_KILL_PROCESS);
		}
		cr_assert_gt(denied, 40, "%s: the base deny list is in the filter", examples[e]);
		free(sec);
		nonoc_free(ctx);
	}
}

/* In a child: install the filter, make the calls, report a bit per result. */
static int child_run(const struct prog *p)
{
	struct sock_fprog fp = { .len = (unsigned short)p->len, .filter = p->insns };
	int bad = 0;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fp))
		_exit(100);
	/* Denied: each returns EPERM when filtered, something else if it reached the kernel. */
	errno = 0;
	if (mount(NULL, NULL, NULL, 0, NULL) != -1 || errno != EPERM)
		bad |= 1;
	errno = 0;
	if (syscall(SYS_bpf, -1, NULL, 0) != -1 || errno != EPERM)
		bad |= 2;
	errno = 0;
	if (syscall(SYS_keyctl, -1, 0, 0, 0, 0) != -1 || errno != EPERM)
		bad |= 4;
	errno = 0;
	if (ioctl(0, TIOCSTI | (1UL << 32), "x") != -1 || errno != EPERM)
		bad |= 8;
	/* Allowed. */
	if (syscall(SYS_getpid) <= 0)
		bad |= 16;
	_exit(bad);
}

Test(seccomp_examples, the_kernel_enforces_the_compiled_filters)
{
	for (size_t e = 0; e < sizeof(examples) / sizeof(examples[0]); e++) {
		nonoc_ctx *ctx = nonoc_new();
		uint8_t *sec = NULL;
		struct prog p[2];

		build(ctx, examples[e], &sec, p);
		pid_t pid = fork();

		cr_assert_geq(pid, 0);
		if (pid == 0)
			child_run(&p[0]); /* this machine is x86_64 */
		int st;

		cr_assert_eq(waitpid(pid, &st, 0), pid);
		cr_assert(WIFEXITED(st), "%s: the child died (signal %d)", examples[e], WIFSIGNALED(st) ? WTERMSIG(st) : 0);
		cr_assert_eq(WEXITSTATUS(st), 0, "%s: wrong results, bits %#x (1 mount, 2 bpf, 4 keyctl, 8 TIOCSTI, "
			     "16 getpid; 100 = could not install)", examples[e], WEXITSTATUS(st));
		free(sec);
		nonoc_free(ctx);
	}
}
