/* SPDX-License-Identifier: Apache-2.0 */
/* Syscall, syscall-group and signal tables (see syscalls.h). The tables are
 * data included from syscalls.def and sysgroups.def; both are sorted by name,
 * so every lookup is a binary search. */
#include <string.h>
#include <strings.h>

#include "suggest.h"
#include "syscalls.h"

static const struct nono_syscall_info syscalls[] = {
#define NONO_SYSCALL(name, x86_64, aarch64) { name, x86_64, aarch64 },
#include "syscalls.def"
#undef NONO_SYSCALL
};

static const char *const syscall_names[] = {
#define NONO_SYSCALL(name, x86_64, aarch64) name,
#include "syscalls.def"
#undef NONO_SYSCALL
};

#define NSYSCALLS (sizeof(syscalls) / sizeof(syscalls[0]))

/* Each group's members as a file-scope compound literal (static storage). */
#define MEMBERS(...) ((const char *const[]){ __VA_ARGS__ })
#define NONO_SYSGROUP(name, summary, ...) \
	{ name, summary, MEMBERS(__VA_ARGS__), sizeof(MEMBERS(__VA_ARGS__)) / sizeof(const char *) },
static const struct nono_sysgroup groups[] = {
#include "sysgroups.def"
};
#undef NONO_SYSGROUP

static const char *const group_names[] = {
#define NONO_SYSGROUP(name, summary, ...) name,
#include "sysgroups.def"
#undef NONO_SYSGROUP
};

#define NGROUPS (sizeof(groups) / sizeof(groups[0]))

const struct nono_syscall_info *nono_syscall_table(size_t *n)
{
	*n = NSYSCALLS;
	return syscalls;
}

const struct nono_syscall_info *nono_syscall_lookup(const char *name)
{
	size_t lo = 0, hi = NSYSCALLS;

	if (!name)
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(name, syscalls[mid].name);

		if (c == 0)
			return &syscalls[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const char *nono_syscall_suggest(const char *word)
{
	return word ? nono_suggest(word, strlen(word), syscall_names, NSYSCALLS) : NULL;
}

const struct nono_sysgroup *nono_sysgroup_table(size_t *n)
{
	*n = NGROUPS;
	return groups;
}

const struct nono_sysgroup *nono_sysgroup_lookup(const char *name)
{
	size_t lo = 0, hi = NGROUPS;

	if (!name)
		return NULL;
	if (name[0] == '@')
		name++;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(name, groups[mid].name);

		if (c == 0)
			return &groups[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const char *nono_sysgroup_suggest(const char *word)
{
	if (!word)
		return NULL;
	if (word[0] == '@')
		word++;
	return nono_suggest(word, strlen(word), group_names, NGROUPS);
}

void nono_sysgroup_iter_init(struct nono_sysgroup_iter *it, const struct nono_sysgroup *g)
{
	memset(it, 0, sizeof(*it));
	if (g) {
		it->group[0] = g;
		it->depth = 1;
	}
}

const struct nono_syscall_info *nono_sysgroup_next(struct nono_sysgroup_iter *it)
{
	while (it->depth) {
		size_t d = it->depth - 1;
		const struct nono_sysgroup *g = it->group[d];

		if (it->pos[d] >= g->nmembers) {
			it->depth--;
			continue;
		}
		const char *m = g->members[it->pos[d]++];

		if (m[0] == '@') {
			const struct nono_sysgroup *sub = nono_sysgroup_lookup(m);

			/* The data is checked by unit tests; a bad reference or
			 * nesting past the bound is skipped, never followed. */
			if (sub && it->depth < NONO_SYSGROUP_MAX_DEPTH) {
				it->group[it->depth] = sub;
				it->pos[it->depth] = 0;
				it->depth++;
			}
			continue;
		}
		const struct nono_syscall_info *sc = nono_syscall_lookup(m);

		if (sc)
			return sc;
	}
	return NULL;
}

/* ---- signals ---------------------------------------------------------------- */

static const struct {
	const char *name;  /* without "SIG" */
	int nr;
} signals[] = {
	/* Canonical names first, in numeric order; aliases after. */
	{ "HUP", 1 },     { "INT", 2 },   { "QUIT", 3 },  { "ILL", 4 },    { "TRAP", 5 },
	{ "ABRT", 6 },    { "BUS", 7 },   { "FPE", 8 },   { "KILL", 9 },   { "USR1", 10 },
	{ "SEGV", 11 },   { "USR2", 12 }, { "PIPE", 13 }, { "ALRM", 14 },  { "TERM", 15 },
	{ "STKFLT", 16 }, { "CHLD", 17 }, { "CONT", 18 }, { "STOP", 19 },  { "TSTP", 20 },
	{ "TTIN", 21 },   { "TTOU", 22 }, { "URG", 23 },  { "XCPU", 24 },  { "XFSZ", 25 },
	{ "VTALRM", 26 }, { "PROF", 27 }, { "WINCH", 28 }, { "IO", 29 },   { "PWR", 30 },
	{ "SYS", 31 },
	{ "IOT", 6 },     { "POLL", 29 }, { "CLD", 17 },
};

#define NSIGNALS (sizeof(signals) / sizeof(signals[0]))
#define NCANONICAL 31

/* "SIGTERM" for each canonical entry, for suggestions and nono_signal_name(). */
static const char *const signal_full[NCANONICAL] = {
	"SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
	"SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
	"SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
	"SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS",
};

int nono_signal_lookup(const char *name)
{
	if (!name)
		return -1;
	if (!strncmp(name, "SIG", 3))
		name += 3;
	for (size_t i = 0; i < NSIGNALS; i++)
		if (!strcmp(name, signals[i].name))
			return signals[i].nr;
	return -1;
}

const char *nono_signal_name(int nr)
{
	return nr >= 1 && nr <= NCANONICAL ? signal_full[nr - 1] : NULL;
}

const char *nono_signal_suggest(const char *word)
{
	const char *cands[NSIGNALS];

	if (!word)
		return NULL;
	/* Compare without the SIG prefix, so "sigtrem" and "TREM" both find TERM. */
	if (!strncasecmp(word, "SIG", 3))
		word += 3;
	for (size_t i = 0; i < NSIGNALS; i++)
		cands[i] = signals[i].name;
	/* nono_suggest ignores case, so "term" finds TERM. */
	const char *best = nono_suggest(word, strlen(word), cands, NSIGNALS);

	return best ? nono_signal_name(nono_signal_lookup(best)) : NULL;
}
