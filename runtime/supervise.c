/* SPDX-License-Identifier: Apache-2.0 */
/* The supervisor (supervise.h). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "supervise.h"

void nl_supervise_block(sigset_t *set)
{
	sigset_t pipe;

	/*
	 * SIGPIPE too (not in @set: nothing to forward): writing to a sandbox
	 * that already died must give EPIPE, not kill the supervisor. The
	 * agent's "signals" step unblocks everything before exec.
	 */
	sigemptyset(&pipe);
	sigaddset(&pipe, SIGPIPE);
	sigprocmask(SIG_BLOCK, &pipe, NULL);
	sigemptyset(set);
	sigaddset(set, SIGCHLD);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGHUP);
	sigaddset(set, SIGQUIT);
	sigprocmask(SIG_BLOCK, set, NULL);
}

static int exit_of_status(int st)
{
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	if (WIFSIGNALED(st)) {
		int sig = WTERMSIG(st);

		nl_note("the agent was killed by signal %d (%s)%s", sig, sigabbrev_np(sig) ? sigabbrev_np(sig) : "?",
			sig == SIGSYS ? ": a seccomp filter refused a system call" : "");
		return NL_EXIT_SIGNAL_BASE + sig;
	}
	return NL_EXIT_SETUP;
}

int nl_supervise(struct nl_sandbox *sb, const sigset_t *set, uint64_t wall_ms)
{
	struct nl_step_err se;
	size_t got = 0;
	bool running = false, err_open = true, wall_killed = false, reaped = false;
	int pid1_status = 0, sig_abort = 0;
	int sfd = signalfd(-1, set, SFD_CLOEXEC | SFD_NONBLOCK);
	int tfd = -1;

	memset(&se, 0, sizeof(se));
	while (!reaped) {
		struct pollfd pf[3] = {
			{ .fd = err_open ? sb->err_rd : -1, .events = POLLIN },
			{ .fd = sfd, .events = POLLIN },
			{ .fd = tfd, .events = POLLIN },
		};

		if (poll(pf, 3, sfd < 0 ? 100 : -1) < 0 && errno != EINTR)
			break;
		if (pf[0].revents) {
			ssize_t n = read(sb->err_rd, (char *)&se + got, sizeof(se) - got);

			if (n > 0) {
				got += (size_t)n;
			} else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
				err_open = false;
				close(sb->err_rd);
				if (got == 0 && !sig_abort) {
					/* No step failed and every writer is gone: the agent's exec happened. */
					running = true;
					if (wall_ms) {
						struct itimerspec its = { .it_value = { .tv_sec = (time_t)(wall_ms / 1000),
											.tv_nsec = (long)(wall_ms % 1000) * 1000000 } };

						tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
						if (tfd < 0 || timerfd_settime(tfd, 0, &its, NULL) < 0)
							nl_warn("the wall-time limit cannot be enforced: timerfd: %s",
								strerror(errno));
					}
				}
			}
		}
		if (tfd >= 0 && pf[2].revents) {
			/* The limit covers the whole sandbox: every process in it dies with pid 1. */
			kill(sb->pid1, SIGKILL);
			wall_killed = true;
			close(tfd);
			tfd = -1;
		}
		struct signalfd_siginfo si;

		while (sfd >= 0 && read(sfd, &si, sizeof(si)) == sizeof(si)) {
			if (si.ssi_signo == SIGCHLD)
				continue;
			if (running) {
				kill(sb->pid1, (int)si.ssi_signo); /* pid 1 passes it on to the agent */
			} else if (!sig_abort) {
				/* Interrupted during setup: nothing has started; stop here. */
				sig_abort = (int)si.ssi_signo;
				kill(sb->pid1, SIGKILL);
			}
		}
		pid_t r = waitpid(sb->pid1, &pid1_status, WNOHANG);

		if (r == sb->pid1)
			reaped = true;
	}
	if (sfd >= 0)
		close(sfd);
	if (tfd >= 0)
		close(tfd);
	if (err_open) {
		/* pid 1 is gone; whatever is left in the pipe is complete. */
		ssize_t n;

		while (got < sizeof(se) && (n = read(sb->err_rd, (char *)&se + got, sizeof(se) - got)) > 0)
			got += (size_t)n;
		close(sb->err_rd);
	}
	int st = 0;
	bool have_status = nl_read_full(sb->status_rd, &st, sizeof(st)) == (ssize_t)sizeof(st);

	close(sb->status_rd);
	if (got == sizeof(se)) {
		se.step[sizeof(se.step) - 1] = se.syscall[sizeof(se.syscall) - 1] = '\0';
		se.detail[sizeof(se.detail) - 1] = se.hint[sizeof(se.hint) - 1] = '\0';
		struct nl_err e;

		nl_step_err_to_err(&se, &e);
		nl_print_err(&e);
		return e.code;
	}
	if (sig_abort) {
		nl_error("interrupted by signal %d (%s) while the sandbox was being set up; the agent was not started",
			 sig_abort, sigabbrev_np(sig_abort) ? sigabbrev_np(sig_abort) : "?");
		return NL_EXIT_SIGNAL_BASE + sig_abort;
	}
	if (wall_killed) {
		nl_error("the wall-time limit (%llu ms) was reached: the sandbox was killed",
			 (unsigned long long)wall_ms);
		return NL_EXIT_WALL;
	}
	if (have_status)
		return exit_of_status(st);
	if (got) {
		nl_error("the sandbox ended with a partial error report (%zu bytes)", got);
		return NL_EXIT_SETUP;
	}
	nl_error("the sandbox's pid 1 ended without reporting the agent's status (%s %d)",
		 WIFSIGNALED(pid1_status) ? "signal" : "exit status",
		 WIFSIGNALED(pid1_status) ? WTERMSIG(pid1_status) : WEXITSTATUS(pid1_status));
	return NL_EXIT_SETUP;
}
