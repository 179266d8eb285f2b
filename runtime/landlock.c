/* SPDX-License-Identifier: Apache-2.0 */
/* Landlock (landlock.h). The kernel ABI structures are defined here from
 * the ABI itself: the build machine's <linux/landlock.h> may predate the
 * newest fields (Debian 12's stops at ABI 2). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "landlock.h"
#include "landlock_abi.h"

#ifndef __NR_landlock_create_ruleset
#define __NR_landlock_create_ruleset 444
#define __NR_landlock_add_rule 445
#define __NR_landlock_restrict_self 446
#endif

struct ll_ruleset_attr {
	uint64_t handled_access_fs;
	uint64_t handled_access_net; /* ABI 4 */
	uint64_t scoped;             /* ABI 6 */
};

struct ll_path_beneath {
	uint64_t allowed_access;
	int32_t parent_fd;
} __attribute__((packed));

struct ll_net_port {
	uint64_t allowed_access;
	uint64_t port;
};

#define LL_RULE_PATH_BENEATH 1
#define LL_RULE_NET_PORT 2

static int ll_create(const struct ll_ruleset_attr *attr, size_t size)
{
	return (int)syscall(__NR_landlock_create_ruleset, attr, size, 0);
}

static int ll_add(int fd, int type, const void *attr)
{
	return (int)syscall(__NR_landlock_add_rule, fd, type, attr, 0);
}

const char *nl_landlock_rights_text(uint64_t rights, char *buf, size_t len)
{
	static const char *const names[] = { "execute",   "write_file", "read_file", "read_dir",
					     "remove_dir", "remove_file", "make_char", "make_dir",
					     "make_reg",  "make_sock",  "make_fifo", "make_block",
					     "make_sym",  "refer",      "truncate",  "ioctl_dev" };

	buf[0] = '\0';
	for (unsigned i = 0; i < 16; i++)
		if (rights & (1ULL << i))
			nl_cat(buf, len, "%s%s", buf[0] ? "," : "", names[i]);
	if (!buf[0])
		nl_cat(buf, len, "(none)");
	return buf;
}

static struct nl_ll_entry *add_entry(struct nl_landlock *ll, const char *path, struct nl_err *e)
{
	if (nl_grow(&ll->entries, &ll->cap, ll->nentries, sizeof(*ll->entries)) < 0 ||
	    !(ll->entries[ll->nentries].path = strdup(path))) {
		nl_fail(e, NL_EXIT_SETUP, "out of memory preparing Landlock rules");
		return NULL;
	}
	return &ll->entries[ll->nentries++];
}

/* Paths that live on the sandbox's own file systems: opened in the child. */
static bool sandbox_own(int anchor, const char *host)
{
	return anchor == NL_ANCHOR_ROOT &&
	       (nl_rel_under(host, "tmp") || nl_rel_under(host, "dev") || nl_rel_under(host, "proc"));
}

static int add_port_rules(struct nl_landlock *ll, const struct nl_ports *ports, uint64_t right, struct nl_err *e)
{
	for (size_t i = 0; i < ports->n; i++)
		for (uint32_t port = ports->range[i][0]; port <= ports->range[i][1]; port++) {
			struct ll_net_port np = { .allowed_access = right, .port = port };

			if (ll_add(ll->ruleset_fd, LL_RULE_NET_PORT, &np) < 0)
				return nl_fail(e, NL_EXIT_SETUP, "landlock_add_rule(NET_PORT %u): %s", port,
					       strerror(errno));
			ll->nports++;
		}
	return 0;
}

int nl_landlock_prepare(struct nl_landlock *ll, const struct nl_plan *p, const struct nl_anchors *a, int abi,
			struct nl_err *e)
{
	memset(ll, 0, sizeof(*ll));
	ll->ruleset_fd = -1;
	if (abi <= 0)
		return 0;
	/* A kernel newer than this build: use the newest ABI we know (a later ABI only adds). */
	if (abi > NL_LL_LEVELS)
		abi = NL_LL_LEVELS;
	const struct nl_ll_level *lv = &p->ll.levels[abi - 1];

	ll->abi = abi;
	ll->handled_fs = lv->handled_fs;
	ll->handled_net = 0;
	if (p->ll.connect.restricted)
		ll->handled_net |= lv->handled_net & NONO_LL_NET_CONNECT_TCP;
	if (p->ll.bind.restricted)
		ll->handled_net |= lv->handled_net & NONO_LL_NET_BIND_TCP;
	ll->scoped = lv->scoped;

	struct ll_ruleset_attr attr = {
		.handled_access_fs = ll->handled_fs,
		.handled_access_net = ll->handled_net,
		.scoped = ll->scoped,
	};
	/* Pass only the fields this ABI knows: older kernels refuse a larger struct with non-zero tails. */
	size_t size = abi >= 6 ? sizeof(attr) : abi >= 4 ? 2 * sizeof(uint64_t) : sizeof(uint64_t);

	ll->ruleset_fd = ll_create(&attr, size);
	if (ll->ruleset_fd < 0) {
		nl_fail(e, NL_EXIT_SETUP, "landlock_create_ruleset(ABI %d, fs 0x%llx, net 0x%llx, scoped 0x%llx): %s", abi,
			(unsigned long long)ll->handled_fs, (unsigned long long)ll->handled_net,
			(unsigned long long)ll->scoped, strerror(errno));
		return -1;
	}
	for (size_t i = 0; i < p->ll.nrules; i++) {
		const struct nl_ll_rule *r = &p->ll.rules[i];
		char host[PATH_MAX], abs[PATH_MAX + 1];
		struct nl_ll_entry *en;
		struct stat st;

		if (nl_anchor_resolve(a, r->anchor, r->path, host, sizeof(host)) < 0 ||
		    nl_fmt(abs, sizeof(abs), "/%s", host) < 0)
			return nl_fail(e, NL_EXIT_SETUP, "Landlock rule %s/%s: path too long", nl_anchor_name(r->anchor),
				       r->path);
		if (!(en = add_entry(ll, host, e)))
			return -1;
		en->rights = r->rights & ll->handled_fs;
		if ((en->rights & NONO_LL_FS_EXECUTE) && !(en->rights & NONO_LL_FS_READ_FILE)) {
			en->rights |= NONO_LL_FS_READ_FILE; /* execve's open is a read too */
			ll->nexec_read++;
		}
		if (sandbox_own(r->anchor, host)) {
			/* Opened by the child in the view; the host's node (a bound device) tells the type now. */
			en->deferred = true;
			if (stat(abs, &st) == 0 && !S_ISDIR(st.st_mode) && !nl_rel_under(host, "tmp"))
				en->rights &= ~(uint64_t)NONO_LL_FS_DIR_ONLY;
			continue;
		}
		/* Follows symlinks, as the kernel will when the agent opens the name. */
		int fd = open(abs, O_PATH | O_CLOEXEC);

		if (fd < 0 || fstat(fd, &st) < 0) {
			en->missing = true;
			if (fd >= 0)
				close(fd);
			continue;
		}
		en->dir = S_ISDIR(st.st_mode);
		if (!en->dir)
			en->rights &= ~(uint64_t)NONO_LL_FS_DIR_ONLY;
		if (en->rights) {
			struct ll_path_beneath pb = { .allowed_access = en->rights, .parent_fd = fd };

			if (ll_add(ll->ruleset_fd, LL_RULE_PATH_BENEATH, &pb) < 0) {
				int err = errno;

				close(fd);
				return nl_fail(e, NL_EXIT_SETUP, "landlock_add_rule(%s, 0x%llx): %s", abs,
					       (unsigned long long)en->rights, strerror(err));
			}
		}
		close(fd);
	}
	if ((ll->handled_net & NONO_LL_NET_CONNECT_TCP) &&
	    add_port_rules(ll, &p->ll.connect, NONO_LL_NET_CONNECT_TCP, e) < 0)
		return -1;
	if ((ll->handled_net & NONO_LL_NET_BIND_TCP) && add_port_rules(ll, &p->ll.bind, NONO_LL_NET_BIND_TCP, e) < 0)
		return -1;
	return 0;
}

void nl_landlock_free(struct nl_landlock *ll)
{
	if (ll->ruleset_fd >= 0)
		close(ll->ruleset_fd);
	for (size_t i = 0; i < ll->nentries; i++)
		free(ll->entries[i].path);
	free(ll->entries);
	memset(ll, 0, sizeof(*ll));
	ll->ruleset_fd = -1;
}

static void print_ports(FILE *out, const char *what, const struct nl_ports *pt, bool handled)
{
	if (!handled) {
		fprintf(out, "  tcp %-8s not restricted by Landlock\n", what);
		return;
	}
	fprintf(out, "  tcp %-8s ", what);
	if (!pt->n)
		fprintf(out, "none allowed");
	for (size_t i = 0; i < pt->n; i++)
		if (pt->range[i][0] == pt->range[i][1])
			fprintf(out, "%s%u", i ? ", " : "", pt->range[i][0]);
		else
			fprintf(out, "%s%u-%u", i ? ", " : "", pt->range[i][0], pt->range[i][1]);
	fprintf(out, "\n");
}

void nl_landlock_print(const struct nl_landlock *ll, const struct nl_plan *p, FILE *out)
{
	char rights[256], rule[512];

	if (!ll->abi) {
		fprintf(out, "  not applied: the kernel has no Landlock\n");
		return;
	}
	fprintf(out, "  ABI %d: handled fs 0x%llx, net 0x%llx, scoped 0x%llx\n", ll->abi,
		(unsigned long long)ll->handled_fs, (unsigned long long)ll->handled_net, (unsigned long long)ll->scoped);
	for (size_t i = 0; i < ll->nentries; i++) {
		const struct nl_ll_entry *en = &ll->entries[i];

		if (en->missing)
			continue;
		fprintf(out, "  /%-40s %s%s\n", en->path, nl_landlock_rights_text(en->rights, rights, sizeof(rights)),
			en->deferred ? " (in the view, added by the child)" : "");
	}
	for (size_t i = 0; i < ll->nentries; i++)
		if (ll->entries[i].missing)
			fprintf(out, "  note: /%s: skipped: not found on this host\n", ll->entries[i].path);
	print_ports(out, "connect", &p->ll.connect, ll->handled_net & NONO_LL_NET_CONNECT_TCP);
	print_ports(out, "bind", &p->ll.bind, ll->handled_net & NONO_LL_NET_BIND_TCP);
	if (ll->scoped)
		fprintf(out, "  scoped: signals and abstract unix sockets stay inside the sandbox\n");
	const struct nl_ll_level *lv = &p->ll.levels[ll->abi - 1];

	if (lv->ngaps)
		fprintf(out, "  cannot express at ABI %d:\n", ll->abi);
	for (size_t i = 0; i < lv->ngaps; i++) {
		nl_plan_rule(p, lv->gaps[i].rule, rule, sizeof(rule));
		fprintf(out, "    - %s%s%s\n", lv->gaps[i].why, rule[0] ? ": " : "", rule);
	}
}

int nl_landlock_view_rules(struct nl_landlock *ll, struct nl_step_err *se)
{
	if (ll->ruleset_fd < 0)
		return 0;
	for (size_t i = 0; i < ll->nentries; i++) {
		struct nl_ll_entry *en = &ll->entries[i];
		char abs[PATH_MAX + 1];
		struct stat st;

		if (!en->deferred)
			continue;
		snprintf(abs, sizeof(abs), "/%s", en->path);
		int fd = open(abs, O_PATH | O_CLOEXEC);

		if (fd < 0 || fstat(fd, &st) < 0) {
			if (fd >= 0)
				close(fd);
			continue; /* not in this sandbox (e.g. /tmp/x before anything made it) */
		}
		uint64_t rights = en->rights;

		if (!S_ISDIR(st.st_mode))
			rights &= ~(uint64_t)NONO_LL_FS_DIR_ONLY;
		struct ll_path_beneath pb = { .allowed_access = rights, .parent_fd = fd };

		if (rights && ll_add(ll->ruleset_fd, LL_RULE_PATH_BENEATH, &pb) < 0) {
			int err = errno;

			close(fd);
			return nl_serr(se, "landlock_add_rule", err, NULL, "%s (rights 0x%llx)", abs,
				       (unsigned long long)rights);
		}
		close(fd);
	}
	return 0;
}

int nl_landlock_restrict(struct nl_landlock *ll, struct nl_step_err *se)
{
	if (ll->ruleset_fd < 0)
		return 0;
	if (syscall(__NR_landlock_restrict_self, ll->ruleset_fd, 0) < 0)
		return nl_serr(se, "landlock_restrict_self", errno,
			       "needs no_new_privs (set by the step before) and a kernel with Landlock enabled",
			       "ruleset for ABI %d", ll->abi);
	close(ll->ruleset_fd);
	ll->ruleset_fd = -1;
	return 0;
}
