/* SPDX-License-Identifier: Apache-2.0 */
/* Trusted keys, the signature check, re-measurement (verify.h). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundle.h"
#include "verify.h"

/* Owned by root or us, not writable by group or others. */
static int safe_owner_mode(const struct stat *st, const char *what, const char *path, struct nl_err *e)
{
	if ((st->st_uid != 0 && st->st_uid != geteuid()) || (st->st_mode & 022)) {
		nl_fail(e, NL_EXIT_UNTRUSTED,
			"%s %s is not safe to trust: owned by uid %u, mode %04o (anyone who can write it could add a key)",
			what, path, (unsigned)st->st_uid, (unsigned)(st->st_mode & 07777));
		nl_set_hint(e, "chown root %s && chmod go-w %s", path, path);
		return -1;
	}
	return 0;
}

static int add_key(struct nl_trust *t, const char *path, bool check_mode, struct nl_err *e)
{
	char err[NONO_BUNDLE_ERR_SIZE];
	struct stat st;
	uint8_t id[NONO_KEY_ID_SIZE];

	if (t->nkeys == NL_TRUST_MAX_KEYS)
		return nl_fail(e, NL_EXIT_UNTRUSTED, "more than %d trusted keys", NL_TRUST_MAX_KEYS);
	if (check_mode) {
		if (stat(path, &st) < 0)
			return nl_fail(e, NL_EXIT_UNTRUSTED, "trusted key %s: %s", path, strerror(errno));
		if (safe_owner_mode(&st, "trusted key", path, e) < 0)
			return -1;
	}
	if (nono_key_load_public(path, t->keys[t->nkeys], err, sizeof(err)) < 0) {
		nl_fail(e, NL_EXIT_UNTRUSTED, "%s", err);
		nl_set_hint(e, "a public key file is what `nonoc keygen -o NAME` writes as NAME.pub");
		return -1;
	}
	nono_key_id(t->keys[t->nkeys], id);
	nono_key_id_hex(id, t->ids[t->nkeys]);
	t->nkeys++;
	return 0;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_dir(struct nl_trust *t, const char *dir, bool must_exist, struct nl_err *e)
{
	struct stat st;
	DIR *d;
	struct dirent *de;
	char *names[NL_TRUST_MAX_KEYS + 1];
	size_t n = 0;
	int rc = 0;

	if (stat(dir, &st) < 0) {
		if (errno == ENOENT && !must_exist)
			return 0;
		return nl_fail(e, NL_EXIT_UNTRUSTED, "trusted key directory %s: %s", dir, strerror(errno));
	}
	if (!S_ISDIR(st.st_mode))
		return nl_fail(e, NL_EXIT_UNTRUSTED, "trusted key directory %s is not a directory", dir);
	if (safe_owner_mode(&st, "trusted key directory", dir, e) < 0)
		return -1;
	if (!(d = opendir(dir)))
		return nl_fail(e, NL_EXIT_UNTRUSTED, "trusted key directory %s: %s", dir, strerror(errno));
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);

		if (de->d_name[0] == '.' || len < 5 || strcmp(de->d_name + len - 4, ".pub"))
			continue;
		if (n == NL_TRUST_MAX_KEYS) {
			rc = nl_fail(e, NL_EXIT_UNTRUSTED, "more than %d keys in %s", NL_TRUST_MAX_KEYS, dir);
			break;
		}
		if (!(names[n] = strdup(de->d_name))) {
			rc = nl_fail(e, NL_EXIT_SETUP, "out of memory");
			break;
		}
		n++;
	}
	closedir(d);
	qsort(names, n, sizeof(names[0]), name_cmp);
	for (size_t i = 0; i < n; i++) {
		char path[PATH_MAX];

		if (rc == 0 && nl_fmt(path, sizeof(path), "%s/%s", dir, names[i]) < 0)
			rc = nl_fail(e, NL_EXIT_UNTRUSTED, "%s/%s: path too long", dir, names[i]);
		if (rc == 0)
			rc = add_key(t, path, true, e);
		free(names[i]);
	}
	return rc;
}

int nl_trust_load(struct nl_trust *t, const char *const *files, size_t nfiles, struct nl_err *e)
{
	const char *env = getenv("NONO_TRUSTED_KEYS_DIR");

	memset(t, 0, sizeof(*t));
	if (nfiles) {
		snprintf(t->source, sizeof(t->source), "--trust");
		for (size_t i = 0; i < nfiles; i++)
			if (add_key(t, files[i], false, e) < 0)
				return -1;
		return 0;
	}
	if (env && env[0]) {
		snprintf(t->source, sizeof(t->source), "$NONO_TRUSTED_KEYS_DIR (%s)", env);
		return load_dir(t, env, true, e);
	}
	snprintf(t->source, sizeof(t->source), "%s", NL_TRUST_DIR_DEFAULT);
	return load_dir(t, NL_TRUST_DIR_DEFAULT, false, e);
}

int nl_bundle_load(const char *path, const struct nl_trust *t, bool allow_unsigned, struct nono_bundle **out,
		   bool *is_signed, struct nl_err *e)
{
	uint8_t *bytes;
	size_t len;
	char err[NONO_BUNDLE_ERR_SIZE];

	*out = NULL;
	if (nono_bundle_read_file(path, &bytes, &len, err, sizeof(err)) < 0)
		return nl_fail(e, NL_EXIT_UNTRUSTED, "%s", err);
	/* Verification comes first; nothing else in the bundle is read before it. */
	int rc = nono_bundle_open(bytes, len, (const uint8_t(*)[32])t->keys, t->nkeys,
				  allow_unsigned ? NONO_BUNDLE_ALLOW_UNSIGNED : 0, out, err, sizeof(err));

	free(bytes);
	if (rc < 0) {
		nl_fail(e, NL_EXIT_UNTRUSTED, "refusing %s: %s", path, err);
		if (strstr(err, "not signed"))
			nl_set_hint(e, "sign it (`nonoc sign %s --key KEY`) and trust the key (--trust KEY.pub); for "
				       "development only, --insecure-allow-unsigned runs it anyway", path);
		else if (t->nkeys == 0)
			nl_set_hint(e, "no trusted keys were found in %s: pass --trust KEY.pub, set "
				       "NONO_TRUSTED_KEYS_DIR, or install the signer's key in %s", t->source,
				    NL_TRUST_DIR_DEFAULT);
		else
			nl_set_hint(e, "trusted keys came from %s (key ids %s%s); the bundle must be signed by one "
				       "of them and not changed since", t->source, t->ids[0], t->nkeys > 1 ? ", ..." : "");
		return -1;
	}
	*is_signed = nono_bundle_signature(*out, NULL) == NONO_BUNDLE_SIG_VERIFIED;
	return 0;
}

/*
 * Host path of a measured file, as written in the policy: `~/` and
 * `$WORKDIR/` anchored, absolute, or (`measure` files only) relative to the
 * policy's directory. The kernel resolves the rest, as the compiler's open()
 * did when it hashed the file.
 */
static int measure_path(const struct nl_measure *m, const struct nl_anchors *a, char *out, size_t len)
{
	const char *p = m->path;

	if (!strncmp(p, "~/", 2))
		return nl_fmt(out, len, "/%s%s%s", a->home, a->home[0] ? "/" : "", p + 2);
	if (!strncmp(p, "$WORKDIR/", 9))
		return nl_fmt(out, len, "/%s%s%s", a->workdir, a->workdir[0] ? "/" : "", p + 9);
	if (p[0] == '/')
		return nl_fmt(out, len, "%s", p);
	return nl_fmt(out, len, "/%s%s%s", a->policy_dir, a->policy_dir[0] ? "/" : "", p);
}

static int hash_fd(int fd, uint8_t out[32])
{
	crypto_hash_sha256_state st;
	unsigned char buf[65536];

	crypto_hash_sha256_init(&st);
	for (;;) {
		ssize_t r = read(fd, buf, sizeof(buf));

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		crypto_hash_sha256_update(&st, buf, (unsigned long long)r);
	}
	crypto_hash_sha256_final(&st, out);
	return 0;
}

int nl_measure_check(const struct nl_plan *p, const struct nl_anchors *a, struct nl_measured *out,
		     struct nl_err *e)
{
	for (size_t i = 0; i < p->nmeasures; i++) {
		const struct nl_measure *m = &p->measures[i];
		char host[PATH_MAX], rule[512], want[65], got[65];
		uint8_t sha[32];
		struct stat st;
		const char *what = m->pinned ? "pinned tool binary" : "measured file";

		nl_plan_rule(p, m->rule, rule, sizeof(rule));
		nl_hex(m->sha256, 32, want);
		if (measure_path(m, a, host, sizeof(host)) < 0)
			return nl_fail(e, NL_EXIT_MEASURE, "%s %s: path too long", what, m->path);
		int fd = open(host, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);

		if (fd < 0) {
			nl_fail(e, NL_EXIT_MEASURE, "%s %s (%s%s%s) cannot be re-measured: %s: %s; expected sha256 %s",
				what, m->path, m->pinned ? "exec" : m->kind, rule[0] ? ", " : "", rule, host,
				strerror(errno), want);
			nl_set_hint(e, "%s", m->pinned ? "the policy pins this binary: install the exact version it names"
						       : "measured files are found relative to the bundle's directory; "
							 "pass --policy-dir DIR if the bundle was moved away from its policy");
			return -1;
		}
		if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || hash_fd(fd, sha) < 0) {
			int err = errno;

			close(fd);
			return nl_fail(e, NL_EXIT_MEASURE, "%s %s: %s: %s", what, m->path, host,
				       S_ISREG(st.st_mode) ? strerror(err) : "not a regular file");
		}
		close(fd);
		if (memcmp(sha, m->sha256, 32)) {
			nl_hex(sha, 32, got);
			nl_fail(e, NL_EXIT_MEASURE,
				"%s %s changed since the bundle was built: %s\n  expected sha256 %s (signed in the bundle)\n"
				"  actual   sha256 %s (%s)%s%s",
				what, m->path, host, want, got, host, rule[0] ? "\n  rule: " : "", rule);
			nl_set_hint(e, "%s", m->pinned ? "restore the binary the policy pins, or rebuild the bundle "
							 "with the new digest after reviewing the change"
						       : "restore the file, or rebuild and re-sign the bundle after "
							 "reviewing the change");
			return -1;
		}
		if (out) {
			out[i].m = m;
			snprintf(out[i].host, sizeof(out[i].host), "%s", host);
			out[i].dev = st.st_dev;
			out[i].ino = st.st_ino;
		}
	}
	return 0;
}
