/* SPDX-License-Identifier: Apache-2.0 */
/*
 * nono-load: run a program inside the sandbox a signed bundle describes.
 *
 * The order is the design (docs/nono-load.md): verify the signature before
 * reading anything else in the bundle; parse and validate the plan; probe
 * the kernel; refuse when a required layer is missing; plan the mount view;
 * re-measure every measured input and pinned binary; prepare Landlock,
 * seccomp and the environment — all in this process — then start the
 * sandbox, whose steps apply what was prepared, seccomp last, and exec.
 * This file only sequences those modules, prints, and maps the outcome to
 * an exit status.
 */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundle.h"
#include "env.h"
#include "landlock.h"
#include "layers.h"
#include "mount.h"
#include "nonoc.h"
#include "plan.h"
#include "probe.h"
#include "sandbox.h"
#include "seccomp.h"
#include "supervise.h"
#include "verify.h"

#define DEFAULT_TMP_SIZE (256ULL << 20)
#define DEFAULT_SHM_SIZE (64ULL << 20)

static const char usage_text[] =
	"usage: nono-load [OPTIONS] BUNDLE [-- PROGRAM [ARG...]]\n"
	"       nono-load --probe [--json]\n"
	"\n"
	"Run PROGRAM (default: the policy's agent exec) inside the sandbox the signed\n"
	"BUNDLE describes, and supervise it. Exit status: the agent's own, or one of\n"
	"120 usage, 121 bundle refused, 122 measured file changed, 123 required layer\n"
	"missing, 124 wall-time limit, 125 setup failed, 126/127 cannot execute/not\n"
	"found, 128+N killed by signal N (docs/nono-load.md).\n"
	"\n"
	"  --trust PUBKEY            trust this public key (repeatable); without it,\n"
	"                            $NONO_TRUSTED_KEYS_DIR/*.pub, else\n"
	"                            /etc/nono/trusted-keys.d/*.pub\n"
	"  --insecure-allow-unsigned run an unsigned bundle (development only)\n"
	"  --policy-dir DIR          `measure` paths are relative to DIR (default: the\n"
	"                            bundle's directory)\n"
	"  --dry-run                 print the exact plan and exit (0: it would launch)\n"
	"  --no-user-ns              as root: build the sandbox without a user namespace\n"
	"  --probe [--json]          print what this kernel offers and exit\n"
	"  -q, --quiet               no notes (errors and degradations still print)\n"
	"  -v, --verbose             more notes\n"
	"  -h, --help, --version\n";

enum { OPT_TRUST = 256, OPT_UNSIGNED, OPT_POLICY_DIR, OPT_DRY_RUN, OPT_NO_USERNS, OPT_PROBE, OPT_JSON, OPT_VERSION };

struct opts {
	const char *trust[NL_TRUST_MAX_KEYS];
	size_t ntrust;
	bool allow_unsigned, dry_run, no_userns, probe, json;
	const char *policy_dir;
	const char *bundle;
	char **argv;
};

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "nono-load: error: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n%s", usage_text);
	return NL_EXIT_USAGE;
}

static int parse_args(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		{ "trust", required_argument, NULL, OPT_TRUST },
		{ "insecure-allow-unsigned", no_argument, NULL, OPT_UNSIGNED },
		{ "policy-dir", required_argument, NULL, OPT_POLICY_DIR },
		{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
		{ "no-user-ns", no_argument, NULL, OPT_NO_USERNS },
		{ "probe", no_argument, NULL, OPT_PROBE },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "qvh", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_TRUST:
			if (o->ntrust == NL_TRUST_MAX_KEYS)
				return usage_error("too many --trust keys (at most %d)", NL_TRUST_MAX_KEYS);
			o->trust[o->ntrust++] = optarg;
			break;
		case OPT_UNSIGNED: o->allow_unsigned = true; break;
		case OPT_POLICY_DIR: o->policy_dir = optarg; break;
		case OPT_DRY_RUN: o->dry_run = true; break;
		case OPT_NO_USERNS: o->no_userns = true; break;
		case OPT_PROBE: o->probe = true; break;
		case OPT_JSON: o->json = true; break;
		case 'q': nl_quiet = 1; break;
		case 'v': nl_verbose = 1; break;
		case 'h': fputs(usage_text, stdout); exit(0);
		case OPT_VERSION: printf("nono-load %s\n", NONOC_VERSION); exit(0);
		default:
			return usage_error("unknown or incomplete option '%s' (put the program after --)",
					   argv[optind - 1]);
		}
	}
	if (o->probe) {
		if (optind != argc)
			return usage_error("--probe takes no bundle (%s)", argv[optind]);
		return 0;
	}
	if (o->json)
		return usage_error("%s only goes with --probe", "--json");
	if (optind >= argc)
		return usage_error("%s", "no bundle given");
	o->bundle = argv[optind];
	o->argv = argv + optind + 1;
	return 0;
}

static int set_anchors(struct nl_anchors *a, const struct opts *o, struct nl_err *e)
{
	char buf[PATH_MAX], *r;
	const char *home = getenv("HOME");

	memset(a, 0, sizeof(*a));
	if (!getcwd(buf, sizeof(buf)) || nl_normalise_abs(buf, a->workdir, sizeof(a->workdir)) < 0)
		return nl_fail(e, NL_EXIT_SETUP, "cannot tell the current directory ($WORKDIR): %s", strerror(errno));
	if (!home || home[0] != '/') {
		struct passwd *pw = getpwuid(getuid());

		home = pw ? pw->pw_dir : NULL;
	}
	if (!home || nl_normalise_abs(home, a->home, sizeof(a->home)) < 0)
		return nl_fail(e, NL_EXIT_SETUP, "cannot tell the home directory (~): $HOME is unset or not absolute");
	if (o->policy_dir) {
		if (!(r = realpath(o->policy_dir, buf)))
			return nl_fail(e, NL_EXIT_USAGE, "--policy-dir %s: %s", o->policy_dir, strerror(errno));
	} else {
		char copy[PATH_MAX];

		if (!realpath(o->bundle, copy))
			return nl_fail(e, NL_EXIT_UNTRUSTED, "%s: %s", o->bundle, strerror(errno));
		snprintf(buf, sizeof(buf), "%s", dirname(copy));
	}
	if (nl_normalise_abs(buf, a->policy_dir, sizeof(a->policy_dir)) < 0)
		return nl_fail(e, NL_EXIT_USAGE, "policy directory %s: not a plain absolute path", buf);
	return 0;
}

/* Pinned binaries: the inode that was hashed must be the one the view binds. */
static int check_pinned_in_view(const struct nl_plan *p, const struct nl_measured *ms, const struct nl_view *v,
				struct nl_err *e)
{
	for (size_t i = 0; i < p->nmeasures; i++) {
		char real[PATH_MAX];

		if (!ms[i].m || !ms[i].m->pinned || !realpath(ms[i].host, real))
			continue;
		const struct nl_vop *op = nl_view_find_bind(v, real + 1);

		if (op && (op->dev != ms[i].dev || op->ino != ms[i].ino))
			return nl_fail(e, NL_EXIT_MEASURE, "pinned tool binary %s was replaced while nono-load was "
							   "checking it", ms[i].host);
	}
	return 0;
}

/* The argv the agent runs: the command line's, or the policy's agent exec. */
static char **agent_argv(const struct opts *o, const struct nl_plan *p, const struct nl_anchors *a, char *buf,
			 size_t len, char **one, struct nl_err *e)
{
	if (o->argv[0])
		return o->argv;
	const struct nl_domain *agent = &p->domains[0];
	char rel[PATH_MAX];

	if (!agent->exec) {
		nl_fail(e, NL_EXIT_USAGE, "no program given, and the policy's agent has no exec");
		nl_set_hint(e, "nono-load %s -- PROGRAM [ARG...]", o->bundle);
		return NULL;
	}
	if (nl_anchor_resolve(a, agent->exec_anchor, agent->exec, rel, sizeof(rel)) < 0 ||
	    nl_fmt(buf, len, "/%s", rel) < 0) {
		nl_fail(e, NL_EXIT_USAGE, "the agent's exec path is too long");
		return NULL;
	}
	one[0] = buf;
	one[1] = NULL;
	return one;
}

static void print_plan(FILE *out, const struct opts *o, const struct nono_bundle *b, bool is_signed,
		       const struct nl_trust *t, const struct nl_plan *p, const struct nl_layers *L,
		       const struct nl_view *v, const struct nl_landlock *ll, const struct nl_seccomp *sc,
		       const struct nl_env_list *env, const struct nl_sandbox *sb, const struct nl_measured *ms)
{
	uint8_t id[NONO_KEY_ID_SIZE];
	char hex[2 * NONO_KEY_ID_SIZE + 1], sha[65], rule[512];

	nono_bundle_signature(b, id);
	nono_key_id_hex(id, hex);
	fprintf(out, "nono-load plan for policy \"%s\" version %llu\n", p->policy, (unsigned long long)p->version);
	if (is_signed)
		fprintf(out, "bundle:      %s (signed by key %s, verified with %s)\n", o->bundle, hex, t->source);
	else
		fprintf(out, "bundle:      %s (UNSIGNED, accepted by --insecure-allow-unsigned)\n", o->bundle);
	fprintf(out, "mode:        %s%s\n", p->audit ? "audit" : "enforce",
		p->audit ? " (seccomp logs instead of denying; namespaces, the mount view and Landlock cannot log "
			   "and are enforced)"
			 : "");
	fprintf(out, "command:    ");
	for (char *const *a = sb->argv; *a; a++)
		fprintf(out, " %s", *a);
	fprintf(out, "\nidentity:    uid %u gid %u, %s\n", (unsigned)sb->uid, (unsigned)sb->gid,
		sb->userns ? "mapped to themselves in a new user namespace" : "no user namespace (root)");
	fprintf(out, "namespaces:  %smnt pid ipc uts%s%s\n", sb->userns ? "user " : "", sb->cgroupns ? " cgroup" : "",
		sb->netns ? " net" : "");
	fprintf(out, "network:     %s\n", sb->netns ? "none: a new network namespace with only loopback (up)"
						    : "the host's network namespace (TCP ports per Landlock below)");
	fprintf(out, "measured:    ");
	if (!p->nmeasures)
		fprintf(out, "nothing\n");
	else
		fprintf(out, "%zu file(s), all unchanged\n", p->nmeasures);
	for (size_t i = 0; i < p->nmeasures; i++) {
		nl_hex(p->measures[i].sha256, 32, sha);
		fprintf(out, "  %-8s %s -> %s sha256 %s\n", p->measures[i].pinned ? "exec" : p->measures[i].kind,
			p->measures[i].path, ms[i].host, sha);
	}
	fprintf(out, "mount view:\n");
	nl_view_print(v, out);
	fprintf(out, "landlock:\n");
	nl_landlock_print(ll, p, out);
	fprintf(out, "seccomp:     %s (AUDIT_ARCH 0x%08x), %zu instructions, installed last%s\n", sc->arch,
		sc->audit_arch, sc->prog->len,
		p->nseccomp > 1 ? "" : "");
	for (size_t i = 0; i < p->nseccomp; i++)
		if (p->seccomp[i].audit_arch != sc->audit_arch)
			fprintf(out, "             (the bundle also holds a filter for AUDIT_ARCH 0x%08x, %zu instructions)\n",
				p->seccomp[i].audit_arch, p->seccomp[i].len);
	fprintf(out, "environment:\n");
	nl_env_print(env, out);
	fprintf(out, "limits:\n");
	if (L->wall_ms)
		fprintf(out, "  wall %llu ms: enforced (the whole sandbox is killed, exit %d)\n",
			(unsigned long long)L->wall_ms, NL_EXIT_WALL);
	if (L->nofile)
		fprintf(out, "  files %llu: enforced (RLIMIT_NOFILE)\n", (unsigned long long)L->nofile);
	fprintf(out, "  /tmp %llu MiB, /dev/shm %llu MiB\n", (unsigned long long)(v->tmp_size >> 20),
		(unsigned long long)(sb->shm_size >> 20));
	if (p->quota.memory)
		fprintf(out, "  memory %llu MiB: NOT enforced (cgroups)\n", (unsigned long long)(p->quota.memory >> 20));
	if (p->quota.cpu_millis)
		fprintf(out, "  cpu %llu/1000 of a core: NOT enforced (cgroups)\n",
			(unsigned long long)p->quota.cpu_millis);
	if (p->quota.pids)
		fprintf(out, "  pids %llu: NOT enforced (cgroups)\n", (unsigned long long)p->quota.pids);
	if (p->quota.io_read || p->quota.io_write)
		fprintf(out, "  io read %llu B/s, write %llu B/s: NOT enforced (cgroups)\n",
			(unsigned long long)p->quota.io_read, (unsigned long long)p->quota.io_write);
	fprintf(out, "steps:\n");
	nl_sandbox_print_steps(sb, out);
	fprintf(out, "degradations:%s\n", L->ndegraded ? "" : " none");
	nl_layers_print(L, out, "  - ");
	(void)rule;
}

int main(int argc, char **argv)
{
	struct opts o;
	struct nl_err e;
	struct nl_trust trust;
	struct nono_bundle *b = NULL;
	struct nl_plan *p = NULL;
	struct nl_probe pr;
	struct nl_anchors anchors;
	struct nl_layers L;
	struct nl_view view;
	struct nl_landlock ll;
	struct nl_seccomp sc;
	struct nl_env_list env;
	struct nl_measured *measured = NULL;
	struct nl_sandbox sb;
	char exec_buf[PATH_MAX + 1], *one[2];
	bool is_signed = false;
	int rc;

	nl_ensure_stdio();
	memset(&o, 0, sizeof(o));
	memset(&e, 0, sizeof(e));
	memset(&L, 0, sizeof(L));
	memset(&view, 0, sizeof(view));
	memset(&ll, 0, sizeof(ll));
	memset(&env, 0, sizeof(env));
	memset(&sb, 0, sizeof(sb));
	ll.ruleset_fd = -1;
	if ((rc = parse_args(argc, argv, &o)) != 0)
		return rc;
	if (o.probe) {
		nl_probe_run(&pr, true);
		if (o.json)
			nl_probe_print_json(&pr, stdout);
		else
			nl_probe_print(&pr, stdout);
		return fflush(stdout) == 0 ? 0 : NL_EXIT_SETUP;
	}
	const char *fail_step = getenv("NONO_LOAD_TEST_FAIL_STEP");

	if (fail_step && !nl_sandbox_is_step(fail_step))
		return usage_error("NONO_LOAD_TEST_FAIL_STEP=%s: no such step", fail_step);

	/* 1. Trust: the signature is checked before anything else in the bundle is read. */
	if (nl_trust_load(&trust, o.trust, o.ntrust, &e) < 0 ||
	    nl_bundle_load(o.bundle, &trust, o.allow_unsigned, &b, &is_signed, &e) < 0)
		goto fail;
	if (!is_signed)
		fprintf(stderr, "nono-load: WARNING: --insecure-allow-unsigned: %s is NOT SIGNED. Nothing vouches for "
				"this policy: whoever could write the file chose what the agent may do. Development "
				"only.\n",
			o.bundle);
	else if (o.allow_unsigned)
		nl_note("%s is signed and verified; --insecure-allow-unsigned changed nothing", o.bundle);

	/* 2. The plan, from the verified sections. */
	if (nl_plan_load(b, &p, &e) < 0 || set_anchors(&anchors, &o, &e) < 0)
		goto fail;

	/* 3. The kernel, and what the policy requires of it. */
	nl_probe_run(&pr, (p->require & (1u << NL_LAYER_BPF_LSM)) != 0);
	/* Test hook: act as if the kernel had an older Landlock ABI (never a newer one). */
	const char *cap_abi = getenv("NONO_LOAD_TEST_LANDLOCK_ABI");

	if (cap_abi && atoi(cap_abi) >= 0 && atoi(cap_abi) < pr.landlock_abi) {
		nl_warn("NONO_LOAD_TEST_LANDLOCK_ABI (a test hook): using Landlock ABI %d instead of the kernel's %d; "
			"the sandbox is weaker than this kernel allows", atoi(cap_abi), pr.landlock_abi);
		pr.landlock_abi = atoi(cap_abi);
		if (!pr.landlock_abi)
			pr.landlock_err = EOPNOTSUPP;
	}
	if (nl_layers_decide(&L, p, &pr, o.no_userns, &e) < 0)
		goto fail;

	/* 4. Everything the sandbox needs, prepared here. */
	uint64_t tmp_size = DEFAULT_TMP_SIZE;

	if (p->quota.memory && p->quota.memory < tmp_size)
		tmp_size = p->quota.memory;
	if (nl_view_plan(&view, p, &anchors, tmp_size, &e) < 0)
		goto fail;
	measured = calloc(p->nmeasures ? p->nmeasures : 1, sizeof(*measured));
	if (!measured) {
		nl_fail(&e, NL_EXIT_SETUP, "out of memory");
		goto fail;
	}
	if (nl_measure_check(p, &anchors, measured, &e) < 0 || check_pinned_in_view(p, measured, &view, &e) < 0)
		goto fail;
	if (nl_landlock_prepare(&ll, p, &anchors, L.landlock_abi, &e) < 0 || nl_seccomp_prepare(&sc, p, &e) < 0 ||
	    nl_env_build(&env, p, &e) < 0)
		goto fail;
	nl_layers_assess(&L, p, &view, &ll);

	sb.plan = p;
	sb.view = &view;
	sb.ll = &ll;
	sb.sc = &sc;
	sb.env = &env;
	if (!(sb.argv = agent_argv(&o, p, &anchors, exec_buf, sizeof(exec_buf), one, &e)))
		goto fail;
	sb.userns = L.userns;
	sb.netns = L.netns;
	sb.cgroupns = (pr.ns & NL_NS_CGROUP) != 0;
	sb.uid = geteuid();
	sb.gid = getegid();
	sb.shm_size = tmp_size < DEFAULT_SHM_SIZE ? tmp_size : DEFAULT_SHM_SIZE;
	sb.nofile = L.nofile;
	sb.fail_step = fail_step;

	if (o.dry_run) {
		print_plan(stdout, &o, b, is_signed, &trust, p, &L, &view, &ll, &sc, &env, &sb, measured);
		rc = fflush(stdout) == 0 ? 0 : NL_EXIT_SETUP;
		goto out;
	}
	nl_layers_print(&L, stderr, "nono-load: degraded: ");
	size_t missing = 0;

	for (size_t i = 0; i < ll.nentries; i++)
		if (ll.entries[i].missing) {
			missing++;
			if (nl_verbose)
				nl_note("Landlock: /%s: skipped: not found on this host", ll.entries[i].path);
		}
	if (nl_verbose)
		for (size_t i = 0; i < view.nnotes; i++)
			nl_note("mount view: %s", view.notes[i]);
	else if (view.nnotes || missing)
		nl_note("%zu mount view note(s), %zu granted path(s) missing on this host and skipped by Landlock "
			"(-v or --dry-run lists them)", view.nnotes, missing);

	/* 5. The sandbox: its steps apply what was prepared; this process supervises. */
	sigset_t set;

	nl_supervise_block(&set);
	if (nl_sandbox_start(&sb, &e) < 0)
		goto fail;
	/* The ruleset lives on in the sandbox; the supervisor does not need it. */
	nl_landlock_free(&ll);
	rc = nl_supervise(&sb, &set, L.wall_ms);
	goto out;
fail:
	nl_print_err(&e);
	rc = e.code ? e.code : NL_EXIT_SETUP;
out:
	nl_env_free(&env);
	nl_landlock_free(&ll);
	nl_view_free(&view);
	nl_layers_free(&L);
	free(measured);
	nl_plan_free(p);
	nono_bundle_free(b);
	return rc;
}
