/* SPDX-License-Identifier: Apache-2.0 */
/* The seccomp filter (seccomp.h). */
#include <errno.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "cbpf.h"
#include "seccomp.h"

#if defined(__x86_64__)
#define NL_AUDIT_ARCH AUDIT_ARCH_X86_64
#define NL_ARCH_NAME "x86_64"
#elif defined(__aarch64__)
#define NL_AUDIT_ARCH AUDIT_ARCH_AARCH64
#define NL_ARCH_NAME "aarch64"
#else
#error "nono-load supports x86_64 and aarch64 (the architectures nonoc compiles seccomp filters for)"
#endif

int nl_seccomp_prepare(struct nl_seccomp *s, const struct nl_plan *p, struct nl_err *e)
{
	char name[64];

	memset(s, 0, sizeof(*s));
	s->audit_arch = NL_AUDIT_ARCH;
	s->arch = NL_ARCH_NAME;
	s->prog = nl_plan_seccomp(p, NL_AUDIT_ARCH);
	if (!s->prog) {
		nl_fail(e, NL_EXIT_UNSUPPORTED, "the bundle has no seccomp filter for %s (this machine's architecture)",
			NL_ARCH_NAME);
		nl_set_hint(e, "rebuild the bundle with a nonoc that targets %s", NL_ARCH_NAME);
		return -1;
	}
	/* The filter must let the final execve through, or the agent could never start. */
	struct seccomp_data d = { .nr = __NR_execve, .arch = NL_AUDIT_ARCH };
	int err = 0;
	uint32_t ret = nono_cbpf_run(s->prog->insns, s->prog->len, &d, &err);
	uint32_t act = ret & SECCOMP_RET_ACTION_FULL;

	if (err || (act != SECCOMP_RET_ALLOW && act != SECCOMP_RET_LOG)) {
		nl_fail(e, NL_EXIT_UNSUPPORTED, "the policy's seccomp filter gives execve %s: the agent could never start",
			err ? nono_cbpf_strerror(err) : nono_cbpf_action_name(ret, name, sizeof(name)));
		nl_set_hint(e, "remove execve from the policy's `sys deny` rules");
		return -1;
	}
	s->fprog.len = (unsigned short)s->prog->len;
	s->fprog.filter = s->prog->insns;
	return 0;
}

int nl_seccomp_install(const struct nl_seccomp *s, struct nl_step_err *se)
{
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &s->fprog) < 0)
		return nl_serr(se, "seccomp", errno,
			       errno == EACCES ? "seccomp filters need no_new_privs (set by an earlier step)" : NULL,
			       "SECCOMP_SET_MODE_FILTER, %s filter of %u instructions", s->arch, s->fprog.len);
	return 0;
}
