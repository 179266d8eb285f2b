/* SPDX-License-Identifier: Apache-2.0 */
/* The sandbox's ordered steps (sandbox.h). */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <linux/securebits.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sandbox.h"

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

/* What the child processes share: the plan, their pipe ends, mount state. */
struct child {
	struct nl_sandbox *sb;
	int err_wr, status_wr, sync_rd;
	struct nl_mnt_state ms;
	pid_t agent;
};

struct step {
	const char *name;
	int (*fn)(struct child *c, struct nl_step_err *se);
	bool (*when)(const struct nl_sandbox *sb); /* NULL: always */
	const char *what;                         /* for --dry-run */
	const char *hint;                         /* when the step's own error has none */
};

/* ---- pid 1's steps ------------------------------------------------------------------- */

static int st_die_with_parent(struct child *c, struct nl_step_err *se)
{
	(void)c;
	/* If the supervisor dies, pid 1 gets SIGKILL, and with it the whole sandbox. */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0)
		return nl_serr(se, "prctl", errno, NULL, "PR_SET_PDEATHSIG");
	return 0;
}

static int st_wait_for_parent(struct child *c, struct nl_step_err *se)
{
	char b;
	ssize_t n;

	while ((n = read(c->sync_rd, &b, 1)) < 0 && errno == EINTR)
		;
	close(c->sync_rd);
	c->sync_rd = -1;
	if (n != 1)
		return nl_serr(se, "read", n < 0 ? errno : 0, NULL,
			       "the supervisor went away before the user namespace was set up");
	return 0;
}

static int st_close_fds(struct child *c, struct nl_step_err *se)
{
	int keep[3] = { c->err_wr, c->status_wr, c->sb->ll->ruleset_fd };

	/* Nothing nono-load's caller passed down reaches the sandbox. */
	if (nl_close_fds_except(keep, 3) < 0)
		return nl_serr(se, "close_range", errno, NULL, "descriptors from 3 up");
	return 0;
}

static int st_session(struct child *c, struct nl_step_err *se)
{
	(void)c;
	/* pid 1 leaves the terminal's session: job-control signals reach only the supervisor. */
	if (setsid() < 0)
		return nl_serr(se, "setsid", errno, NULL, "pid 1");
	return 0;
}

static bool no_userns(const struct nl_sandbox *sb)
{
	return !sb->userns;
}

static int st_drop_groups(struct child *c, struct nl_step_err *se)
{
	(void)c;
	if (setgroups(0, NULL) < 0)
		return nl_serr(se, "setgroups", errno, NULL, "no supplementary groups");
	return 0;
}

static int st_mount_private(struct child *c, struct nl_step_err *se)
{
	(void)c;
	return nl_mnt_private(se);
}

static int st_mount_base(struct child *c, struct nl_step_err *se)
{
	return nl_mnt_base(&c->ms, se);
}

static int st_mount_tmp(struct child *c, struct nl_step_err *se)
{
	return nl_mnt_tmp(&c->ms, c->sb->view->tmp_size, se);
}

static int st_mount_dev(struct child *c, struct nl_step_err *se)
{
	return nl_mnt_dev(&c->ms, c->sb->shm_size, se);
}

static int st_mount_proc(struct child *c, struct nl_step_err *se)
{
	return nl_mnt_proc(&c->ms, se);
}

static int st_mount_view(struct child *c, struct nl_step_err *se)
{
	return nl_mnt_view(&c->ms, c->sb->view, se);
}

static int st_mount_masks(struct child *c, struct nl_step_err *se)
{
	return nl_mnt_masks(&c->ms, c->sb->view, se);
}

static int st_mount_readonly(struct child *c, struct nl_step_err *se)
{
	return nl_mnt_readonly(&c->ms, se);
}

static bool with_netns(const struct nl_sandbox *sb)
{
	return sb->netns;
}

static int st_loopback(struct child *c, struct nl_step_err *se)
{
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	(void)c;
	if (fd < 0)
		return nl_serr(se, "socket", errno, NULL, "AF_INET, to configure lo");
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "lo");
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0 || (ifr.ifr_flags |= IFF_UP | IFF_RUNNING, ioctl(fd, SIOCSIFFLAGS, &ifr)) < 0) {
		int err = errno;

		close(fd);
		return nl_serr(se, "ioctl", err, NULL, "SIOCSIFFLAGS lo up");
	}
	close(fd);
	return 0;
}

static int st_hostname(struct child *c, struct nl_step_err *se)
{
	(void)c;
	if (sethostname("nono", 4) < 0)
		return nl_serr(se, "sethostname", errno, NULL, "nono");
	return 0;
}

static int st_pivot(struct child *c, struct nl_step_err *se)
{
	return nl_mnt_pivot(&c->ms, se);
}

static int st_chdir(struct child *c, struct nl_step_err *se)
{
	char path[PATH_MAX + 1];

	snprintf(path, sizeof(path), "/%s", c->sb->view->workdir);
	if (chdir(path) < 0)
		return nl_serr(se, "chdir", errno, NULL, "%s in the view ($WORKDIR)", path);
	return 0;
}

static bool with_landlock(const struct nl_sandbox *sb)
{
	return sb->ll->ruleset_fd >= 0;
}

static int st_landlock_view(struct child *c, struct nl_step_err *se)
{
	return nl_landlock_view_rules(c->sb->ll, se);
}

static void init_loop(struct child *c) __attribute__((noreturn));
static int st_fork_agent(struct child *c, struct nl_step_err *se);

/* ---- the agent's steps ------------------------------------------------------------------ */

static int st_agent_session(struct child *c, struct nl_step_err *se)
{
	(void)c;
	/* A session of its own and no controlling terminal: TIOCSTI cannot reach the caller's terminal. */
	if (setsid() < 0)
		return nl_serr(se, "setsid", errno, NULL, "the agent's process");
	return 0;
}

static int st_signals(struct child *c, struct nl_step_err *se)
{
	sigset_t none;

	(void)c;
	sigemptyset(&none);
	/* The supervisor blocked the signals it forwards; the agent starts with none blocked. */
	if (sigprocmask(SIG_SETMASK, &none, NULL) < 0)
		return nl_serr(se, "sigprocmask", errno, NULL, "unblock every signal");
	return 0;
}

static int st_no_new_privs(struct child *c, struct nl_step_err *se)
{
	(void)c;
	/* Why: setuid/file capabilities must not raise privileges after this; Landlock and seccomp need it. */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return nl_serr(se, "prctl", errno, NULL, "PR_SET_NO_NEW_PRIVS");
	return 0;
}

static bool with_nofile(const struct nl_sandbox *sb)
{
	return sb->nofile > 0;
}

static int st_rlimits(struct child *c, struct nl_step_err *se)
{
	struct rlimit rl = { .rlim_cur = c->sb->nofile, .rlim_max = c->sb->nofile };

	if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
		return nl_serr(se, "setrlimit", errno, NULL, "RLIMIT_NOFILE %llu (quota files)",
			       (unsigned long long)c->sb->nofile);
	return 0;
}

static int drop_caps(struct nl_step_err *se)
{
	struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3, .pid = 0 };
	struct __user_cap_data_struct data[2];
	long last = 63;
	char *s = nl_read_small("/proc/sys/kernel/cap_last_cap", 16, NULL);

	if (s) {
		last = strtol(s, NULL, 10);
		free(s);
	}
	/*
	 * Why each: an empty bounding set and empty inheritable/ambient sets
	 * mean execve gives no capabilities back, even to uid 0; the
	 * securebits make that permanent for the sandbox's descendants.
	 */
	if (prctl(PR_SET_SECUREBITS, SECBIT_NOROOT | SECBIT_NOROOT_LOCKED | SECBIT_NO_SETUID_FIXUP |
					    SECBIT_NO_SETUID_FIXUP_LOCKED | SECBIT_KEEP_CAPS_LOCKED |
					    SECBIT_NO_CAP_AMBIENT_RAISE | SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED,
		  0, 0, 0) < 0)
		return nl_serr(se, "prctl", errno, NULL, "PR_SET_SECUREBITS");
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0)
		return nl_serr(se, "prctl", errno, NULL, "PR_CAP_AMBIENT_CLEAR_ALL");
	for (long cap = 0; cap <= last && cap < 64; cap++)
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0 && errno != EINVAL)
			return nl_serr(se, "prctl", errno, NULL, "PR_CAPBSET_DROP %ld", cap);
	memset(data, 0, sizeof(data));
	if (syscall(SYS_capset, &hdr, data) < 0)
		return nl_serr(se, "capset", errno, NULL, "every set empty");
	return 0;
}

static int st_drop_caps(struct child *c, struct nl_step_err *se)
{
	(void)c;
	return drop_caps(se);
}

static int st_landlock(struct child *c, struct nl_step_err *se)
{
	return nl_landlock_restrict(c->sb->ll, se);
}

static int st_cloexec(struct child *c, struct nl_step_err *se)
{
	(void)c;
	/* Only stdio crosses the exec (the error pipe is close-on-exec already). */
	if (syscall(SYS_close_range, 3, ~0U, CLOSE_RANGE_CLOEXEC) < 0)
		return nl_serr(se, "close_range", errno, NULL, "3.. close-on-exec");
	return 0;
}

static int st_seccomp(struct child *c, struct nl_step_err *se)
{
	return nl_seccomp_install(c->sb->sc, se);
}

static int st_exec(struct child *c, struct nl_step_err *se)
{
	char *const *argv = c->sb->argv;
	char *const *envp = c->sb->env->envp;
	const char *prog = argv[0];
	int err = ENOENT;

	if (strchr(prog, '/')) {
		execve(prog, argv, envp);
		err = errno;
	} else {
		/* PATH as the agent's environment has it (execvp's default otherwise). */
		const char *path = nl_env_get(c->sb->env, "PATH");
		char buf[PATH_MAX];
		bool eacces = false;

		if (!path)
			path = "/usr/local/bin:/usr/bin:/bin";
		for (const char *d = path; *d;) {
			size_t n = strcspn(d, ":");

			if (nl_fmt(buf, sizeof(buf), "%.*s%s%s", (int)n, n ? d : ".", "/", prog) == 0) {
				execve(buf, argv, envp);
				if (errno == EACCES)
					eacces = true;
				else if (errno != ENOENT && errno != ENOTDIR)
					err = errno;
			}
			d += n;
			if (*d == ':')
				d++;
		}
		if (eacces && err == ENOENT)
			err = EACCES;
	}
	nl_serr(se, "execve", err,
		err == ENOENT ? "the program, or its ELF interpreter, is not in the sandbox's view: the policy must grant "
				"`fs exec` on it (and read/exec on the loader and libraries, e.g. `use \"std/base\"`)"
		: err == EACCES ? "Landlock or the mount view refused it: the policy must grant `fs exec` on the program"
				: NULL,
		"%s", prog);
	se->code = err == ENOENT || err == ENOTDIR ? NL_EXIT_NOTFOUND : NL_EXIT_NOEXEC;
	return -1;
}

static const struct step pid1_steps[] = {
	{ "die-with-parent", st_die_with_parent, NULL,
	  "prctl(PR_SET_PDEATHSIG, SIGKILL): the sandbox dies with nono-load", NULL },
	{ "wait-for-parent", st_wait_for_parent, NULL, "wait until the supervisor has written the uid/gid maps",
	  "the supervisor could not finish the user namespace (see the error above), or it died" },
	{ "close-fds", st_close_fds, NULL, "close every inherited descriptor but stdio",
	  "close_range() needs Linux 5.9 or later" },
	{ "session", st_session, NULL, "setsid(): pid 1 leaves the caller's terminal session",
	  NULL },
	{ "drop-groups", st_drop_groups, no_userns, "setgroups(0): no supplementary groups",
	  NULL },
	{ "mount-private", st_mount_private, NULL, "make every mount private (nothing propagates to the host)",
	  "mount namespaces must be usable here: `nono-load --probe`" },
	{ "mount-base", st_mount_base, NULL, "tmpfs base; host root to /oldroot; the view's root tmpfs at /newroot",
	  "nono-load mounts a small tmpfs over /tmp inside its own mount namespace (never on the host): /tmp "
	  "must be a directory; pivot_root is impossible when the host's root is an initramfs (rootfs)" },
	{ "mount-tmp", st_mount_tmp, NULL, "the private /tmp (size-limited tmpfs)",
	  "a tmpfs could not be mounted in the sandbox: `nono-load --probe`" },
	{ "mount-dev", st_mount_dev, NULL, "minimal /dev: host null zero full random urandom tty, new devpts, shm",
	  "the host's /dev nodes are bound into the sandbox, and a new devpts is mounted" },
	{ "mount-proc", st_mount_proc, NULL, "a new /proc for the sandbox's pid namespace",
	  NULL },
	{ "mount-view", st_mount_view, NULL, "the planned mkdirs, symlinks and binds (each bind checked by inode)",
	  "`nono-load --dry-run` lists the planned mount operations" },
	{ "mount-masks", st_mount_masks, NULL, "hide denied paths inside bound trees",
	  "`nono-load --dry-run` lists the planned masks" },
	{ "mount-readonly", st_mount_readonly, NULL, "the view's root and /dev read-only",
	  NULL },
	{ "loopback", st_loopback, with_netns, "bring lo up in the new network namespace",
	  NULL },
	{ "hostname", st_hostname, NULL, "hostname \"nono\" in the new UTS namespace",
	  NULL },
	{ "pivot-root", st_pivot, NULL, "detach the host tree; the view becomes /",
	  "pivot_root is impossible when the host's root is an initramfs (rootfs)" },
	{ "chdir", st_chdir, NULL, "cwd = $WORKDIR inside the view",
	  NULL },
	{ "landlock-view-rules", st_landlock_view, with_landlock, "Landlock rules on the sandbox's own /tmp, /dev, /proc",
	  NULL },
	{ "fork-agent", st_fork_agent, NULL, "fork the agent's process; pid 1 stays as its init",
	  "the caller's process limit (RLIMIT_NPROC or a pids cgroup) may be reached" },
};

static const struct step agent_steps[] = {
	{ "agent-session", st_agent_session, NULL, "setsid(): a new session, no controlling terminal",
	  NULL },
	{ "signals", st_signals, NULL, "unblock every signal",
	  NULL },
	{ "no-new-privs", st_no_new_privs, NULL, "prctl(PR_SET_NO_NEW_PRIVS)",
	  NULL },
	{ "rlimits", st_rlimits, with_nofile, "RLIMIT_NOFILE (quota files)",
	  "quota files cannot be above the caller's hard RLIMIT_NOFILE" },
	{ "drop-capabilities", st_drop_caps, NULL,
	  "securebits locked; bounding, ambient, inheritable, permitted, effective emptied", NULL },
	{ "landlock", st_landlock, with_landlock, "landlock_restrict_self()",
	  NULL },
	{ "close-on-exec", st_cloexec, NULL, "every descriptor but stdio close-on-exec",
	  "close_range(CLOSE_RANGE_CLOEXEC) needs Linux 5.11 or later" },
	{ "seccomp", st_seccomp, NULL, "install the bundle's seccomp filter (last)",
	  NULL },
	{ "exec", st_exec, NULL, "execve() the agent",
	  NULL },
};

#define NSTEPS(a) (sizeof(a) / sizeof((a)[0]))

bool nl_sandbox_is_step(const char *name)
{
	for (size_t i = 0; i < NSTEPS(pid1_steps); i++)
		if (!strcmp(pid1_steps[i].name, name))
			return true;
	for (size_t i = 0; i < NSTEPS(agent_steps); i++)
		if (!strcmp(agent_steps[i].name, name))
			return true;
	return false;
}

void nl_sandbox_print_steps(const struct nl_sandbox *sb, FILE *out)
{
	unsigned n = 0;

	fprintf(out, "  in the sandbox's pid 1:\n");
	for (size_t i = 0; i < NSTEPS(pid1_steps); i++)
		if (!pid1_steps[i].when || pid1_steps[i].when(sb))
			fprintf(out, "  %2u. %-20s %s\n", ++n, pid1_steps[i].name, pid1_steps[i].what);
	fprintf(out, "  in the agent's process:\n");
	for (size_t i = 0; i < NSTEPS(agent_steps); i++)
		if (!agent_steps[i].when || agent_steps[i].when(sb))
			fprintf(out, "  %2u. %-20s %s\n", ++n, agent_steps[i].name, agent_steps[i].what);
}

static void report(struct child *c, struct nl_step_err *se) __attribute__((noreturn));

static void report(struct child *c, struct nl_step_err *se)
{
	if (!se->code)
		se->code = NL_EXIT_SETUP;
	nl_write_all(c->err_wr, se, sizeof(*se));
	_exit(se->code);
}

static void run_steps(struct child *c, const struct step *steps, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct nl_step_err se;

		if (steps[i].when && !steps[i].when(c->sb))
			continue;
		memset(&se, 0, sizeof(se));
		snprintf(se.step, sizeof(se.step), "%s", steps[i].name);
		if (c->sb->fail_step && !strcmp(c->sb->fail_step, steps[i].name)) {
			nl_serr(&se, "", 0, "unset NONO_LOAD_TEST_FAIL_STEP (a test hook)",
				"forced failure (NONO_LOAD_TEST_FAIL_STEP=%s)", steps[i].name);
			report(c, &se);
		}
		if (steps[i].fn(c, &se) < 0) {
			if (!se.hint[0] && steps[i].hint)
				snprintf(se.hint, sizeof(se.hint), "%s", steps[i].hint);
			report(c, &se);
		}
	}
}

static int st_fork_agent(struct child *c, struct nl_step_err *se)
{
	pid_t pid = fork();

	if (pid < 0)
		return nl_serr(se, "fork", errno, NULL, "the agent's process");
	if (pid == 0) {
		run_steps(c, agent_steps, NSTEPS(agent_steps));
		_exit(NL_EXIT_SETUP); /* not reached: exec succeeds or reports */
	}
	c->agent = pid;
	init_loop(c);
}

/*
 * pid 1 after the fork: confine itself too, then reap and forward until the
 * agent exits; its wait status goes to the supervisor, and pid 1's exit
 * ends every process left in the sandbox.
 */
static void init_loop(struct child *c)
{
	sigset_t sigs;
	struct nl_step_err se;
	int sfd;

	close(c->err_wr); /* now only the agent holds it: EOF = its exec happened */
	if (c->sb->ll->ruleset_fd >= 0)
		close(c->sb->ll->ruleset_fd);
	memset(&se, 0, sizeof(se));
	prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	drop_caps(&se);
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGCHLD);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGHUP);
	sigaddset(&sigs, SIGQUIT);
	sigprocmask(SIG_BLOCK, &sigs, NULL);
	sfd = signalfd(-1, &sigs, SFD_CLOEXEC);
	for (;;) {
		struct signalfd_siginfo si;
		int st;
		pid_t pid;

		if (sfd < 0 || read(sfd, &si, sizeof(si)) != sizeof(si)) {
			if (sfd >= 0 && errno == EINTR)
				continue;
			/* No signalfd: fall back to blocking waits (no forwarding). */
			pid = waitpid(-1, &st, 0);
			if (pid == c->agent) {
				nl_write_all(c->status_wr, &st, sizeof(st));
				_exit(0);
			}
			if (pid < 0 && errno == ECHILD)
				_exit(NL_EXIT_SETUP);
			continue;
		}
		if (si.ssi_signo != SIGCHLD) {
			kill(c->agent, (int)si.ssi_signo);
			continue;
		}
		while ((pid = waitpid(-1, &st, WNOHANG)) > 0)
			if (pid == c->agent) {
				nl_write_all(c->status_wr, &st, sizeof(st));
				_exit(0);
			}
	}
}

/* ---- the parent's side ------------------------------------------------------------------ */

void nl_step_err_to_err(const struct nl_step_err *se, struct nl_err *e)
{
	char call[128] = "";
	int code = se->code >= NL_EXIT_USAGE && se->code <= NL_EXIT_NOTFOUND ? se->code : NL_EXIT_SETUP;

	if (se->syscall[0] && se->err)
		snprintf(call, sizeof(call), ": %s: %s (%s)", se->syscall, strerror(se->err), nl_errno_name(se->err));
	else if (se->syscall[0])
		snprintf(call, sizeof(call), " (%s)", se->syscall);
	nl_fail(e, code, "setup step \"%.32s\" failed%s: %.512s; the agent was not started", se->step, call,
		se->detail);
	snprintf(e->hint, sizeof(e->hint), "%.511s", se->hint);
}

static int write_file(pid_t pid, const char *name, const char *text, struct nl_err *e)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, name);
	int fd = open(path, O_WRONLY | O_CLOEXEC);

	if (fd < 0 || nl_write_all(fd, text, strlen(text)) < 0) {
		int err = errno;

		if (fd >= 0)
			close(fd);
		nl_fail(e, NL_EXIT_SETUP, "setting up the user namespace: write \"%s\" to %s: %s (%s)", text, path,
			strerror(err), nl_errno_name(err));
		nl_set_hint(e, "the kernel refused the id mapping; check user.max_user_namespaces and the "
			       "security module's user namespace restrictions (nono-load --probe)");
		return -1;
	}
	close(fd);
	return 0;
}

int nl_sandbox_start(struct nl_sandbox *sb, struct nl_err *e)
{
	int errp[2], statp[2], syncp[2];
	unsigned long flags = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUTS | SIGCHLD;

	if (sb->userns)
		flags |= CLONE_NEWUSER;
	if (sb->netns)
		flags |= CLONE_NEWNET;
	if (sb->cgroupns)
		flags |= CLONE_NEWCGROUP;
	if (pipe2(errp, O_CLOEXEC) < 0 || pipe2(statp, O_CLOEXEC) < 0 || pipe2(syncp, O_CLOEXEC) < 0)
		return nl_fail(e, NL_EXIT_SETUP, "pipe2: %s", strerror(errno));
	fflush(NULL);
	/* A raw clone: the child continues here, like fork, in its new namespaces (pid 1 of its own). */
	pid_t pid = (pid_t)syscall(SYS_clone, flags, NULL, NULL, NULL, NULL);

	if (pid == 0) {
		struct child c = { .sb = sb, .err_wr = errp[1], .status_wr = statp[1], .sync_rd = syncp[0] };

		close(errp[0]);
		close(statp[0]);
		close(syncp[1]);
		c.ms.oldroot = c.ms.newroot = c.ms.empty_file = c.ms.empty_dir = -1;
		run_steps(&c, pid1_steps, NSTEPS(pid1_steps));
		_exit(NL_EXIT_SETUP); /* not reached: fork-agent never returns */
	}
	int clone_err = errno;

	close(errp[1]);
	close(statp[1]);
	close(syncp[0]);
	if (pid < 0) {
		close(errp[0]);
		close(statp[0]);
		close(syncp[1]);
		nl_fail(e, NL_EXIT_SETUP, "step \"clone\" failed: clone(%s%s%s): %s (%s)",
			sb->userns ? "CLONE_NEWUSER|" : "", "CLONE_NEWNS|CLONE_NEWPID|CLONE_NEWIPC|CLONE_NEWUTS",
			sb->netns ? "|CLONE_NEWNET" : "", strerror(clone_err), nl_errno_name(clone_err));
		nl_set_hint(e, "%s", clone_err == EPERM || clone_err == ENOSPC
					     ? "namespaces are restricted here; `nono-load --probe` says which"
					     : "");
		return -1;
	}
	sb->pid1 = pid;
	sb->err_rd = errp[0];
	sb->status_rd = statp[0];
	if (sb->userns) {
		char map[64];
		int rc = write_file(pid, "setgroups", "deny", e);

		if (rc == 0) {
			snprintf(map, sizeof(map), "%u %u 1", (unsigned)sb->uid, (unsigned)sb->uid);
			rc = write_file(pid, "uid_map", map, e);
		}
		if (rc == 0) {
			snprintf(map, sizeof(map), "%u %u 1", (unsigned)sb->gid, (unsigned)sb->gid);
			rc = write_file(pid, "gid_map", map, e);
		}
		if (rc < 0) {
			struct nl_step_err se;

			close(syncp[1]);
			kill(pid, SIGKILL);
			while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
				;
			/* The child may have failed first (and the map failed because it was gone). */
			if (nl_read_full(sb->err_rd, &se, sizeof(se)) == (ssize_t)sizeof(se)) {
				se.step[sizeof(se.step) - 1] = se.syscall[sizeof(se.syscall) - 1] = '\0';
				se.detail[sizeof(se.detail) - 1] = se.hint[sizeof(se.hint) - 1] = '\0';
				nl_step_err_to_err(&se, e);
			}
			close(sb->err_rd);
			close(sb->status_rd);
			return -1;
		}
	}
	/* Go: the child runs its steps now. */
	nl_write_all(syncp[1], "g", 1);
	close(syncp[1]);
	return 0;
}
