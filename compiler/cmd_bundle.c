/* SPDX-License-Identifier: Apache-2.0 */
/*
 * nonoc's bundle subcommands: keygen, sign, verify, inspect, and the
 * test-only helper bundle-raw. A thin layer over bundle.h: parse the command
 * line, read files, call the library, print, map outcomes to exit codes
 * (0 ok, 1 the bundle was refused, 2 usage or I/O). Linked into the nonoc
 * program only (see the Makefile's CMD_SRCS), never into libnonoc.
 *
 * Text from a bundle opened with --insecure-allow-unsigned is untrusted, so
 * the human view never sends a control character from it to the terminal.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundle.h"
#include "json.h"
#include "nonoc.h"

#define MAX_TRUST 16

__attribute__((format(printf, 1, 2))) static int error(const char *fmt, ...)
{
	va_list ap;

	fputs("nonoc: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

__attribute__((format(printf, 2, 3))) static int usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fputs("nonoc: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nhint: run 'nonoc %s --help' for usage\n", cmd);
	return NONOC_EXIT_USAGE;
}

static int bad_option(const char *cmd)
{
	fprintf(stderr, "hint: run 'nonoc %s --help' for usage\n", cmd);
	return NONOC_EXIT_USAGE;
}

/* Write @path atomically: a temporary file beside it, fsync, rename. The
 * mode is 0666 less the umask, like any new file. */
int nonoc_write_atomic(const char *path, const uint8_t *buf, size_t len)
{
	size_t n = strlen(path);
	char *tmp = malloc(n + 8);
	mode_t um = umask(0);
	int fd;

	umask(um);
	if (!tmp)
		return error("out of memory");
	snprintf(tmp, n + 8, "%s.XXXXXX", path);
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		error("cannot create a temporary file beside %s: %s", path, strerror(errno));
		free(tmp);
		return -1;
	}
	for (size_t off = 0; off < len;) {
		ssize_t w = write(fd, buf + off, len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			error("cannot write %s: %s", tmp, w < 0 ? strerror(errno) : "short write");
			goto fail;
		}
		off += (size_t)w;
	}
	if (fchmod(fd, 0666 & ~um) < 0 || fsync(fd) < 0) {
		error("cannot write %s: %s", tmp, strerror(errno));
		goto fail;
	}
	if (close(fd) < 0) {
		fd = -1;
		error("cannot write %s: %s", tmp, strerror(errno));
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) < 0) {
		error("cannot rename %s to %s: %s", tmp, path, strerror(errno));
		goto fail;
	}
	free(tmp);
	return 0;
fail:
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	return -1;
}

/* Read a bundle file: -1 I/O error (exit 2), -2 refused as a bundle (exit 1). */
static int read_bundle(const char *path, uint8_t **bytes, size_t *len)
{
	char err[NONO_BUNDLE_ERR_SIZE];
	struct stat st;

	if (nono_bundle_read_file(path, bytes, len, err, sizeof(err)) == 0)
		return 0;
	error("%s", err);
	/* A readable file that is too large is a bad bundle, not an I/O error. */
	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && (uint64_t)st.st_size > NONO_BUNDLE_MAX_SIZE ? -2 : -1;
}

/* Untrusted text for a terminal: C0 controls, DEL and C1 controls (which
 * some terminals obey) escaped; the rest is valid UTF-8 already. */
static void put_safe(FILE *out, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	for (size_t i = 0; u[i]; i++) {
		if (u[i] < 0x20 || u[i] == 0x7f)
			fprintf(out, "\\x%02x", u[i]);
		else if (u[i] == 0xc2 && u[i + 1] >= 0x80 && u[i + 1] <= 0x9f)
			fprintf(out, "\\u%04x", u[++i]);
		else
			fputc(u[i], out);
	}
}

/* Re-indent JSON already known to be well-formed (nono_json_valid), two
 * spaces a level, member order and number spelling kept. Inside strings DEL
 * and C1 controls become \u escapes, so the output is still the same JSON. */
static void json_pretty(FILE *out, const char *s, size_t n, int base)
{
	int depth = 0;

#define NEWLINE()                                                      \
	do {                                                           \
		fputc('\n', out);                                      \
		for (int k_ = 0; k_ < base + 2 * depth; k_++)          \
			fputc(' ', out);                               \
	} while (0)
	for (int k = 0; k < base; k++)
		fputc(' ', out);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		size_t j;

		switch (c) {
		case ' ': case '\t': case '\n': case '\r':
			break;
		case '"':
			fputc('"', out);
			for (j = i + 1; s[j] != '"'; j++) {
				unsigned char d = (unsigned char)s[j];

				if (d == '\\') {
					fputc('\\', out);
					fputc(s[++j], out);
				} else if (d == 0x7f) {
					fputs("\\u007f", out);
				} else if (d == 0xc2 && (unsigned char)s[j + 1] >= 0x80 && (unsigned char)s[j + 1] <= 0x9f) {
					fprintf(out, "\\u%04x", (unsigned char)s[++j]);
				} else {
					fputc(d, out);
				}
			}
			fputc('"', out);
			i = j;
			break;
		case '{':
		case '[':
			for (j = i + 1; j < n && strchr(" \t\r\n", s[j]); j++)
				;
			if (j < n && (s[j] == '}' || s[j] == ']')) {
				fputc(c, out);
				fputc(s[j], out);
				i = j;
				break;
			}
			fputc(c, out);
			depth++;
			NEWLINE();
			break;
		case '}':
		case ']':
			depth--;
			NEWLINE();
			fputc(c, out);
			break;
		case ',':
			fputc(',', out);
			NEWLINE();
			break;
		case ':':
			fputs(": ", out);
			break;
		default:
			fputc(c, out);
		}
	}
	fputc('\n', out);
#undef NEWLINE
}

static int load_trusted(char **paths, size_t n, uint8_t (*keys)[32])
{
	char err[NONO_BUNDLE_ERR_SIZE];

	for (size_t i = 0; i < n; i++) {
		if (nono_key_load_public(paths[i], keys[i], err, sizeof(err)) < 0) {
			error("%s", err);
			return -1;
		}
	}
	return 0;
}

/* ---- keygen ------------------------------------------------------------------- */

static const char keygen_usage[] =
	"usage: nonoc keygen -o NAME\n"
	"\n"
	"Generate an Ed25519 key pair for signing bundles: the secret key goes to\n"
	"NAME (mode 0600), the public key to NAME.pub. Existing files are never\n"
	"overwritten. Prints the key id (the first 8 bytes of SHA-256 of the\n"
	"public key, in hex), which bundles signed with the key name.\n";

static int write_new(const char *path, mode_t mode, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	size_t len = strlen(text);

	if (fd < 0) {
		if (errno == EEXIST)
			error("%s already exists; refusing to overwrite a key (remove it first, or choose another name)", path);
		else
			error("cannot create %s: %s", path, strerror(errno));
		return -1;
	}
	/* umask can only narrow the mode; set it exactly. */
	if (fchmod(fd, mode) < 0 || write(fd, text, len) != (ssize_t)len || fsync(fd) < 0) {
		error("cannot write %s: %s", path, strerror(errno));
		close(fd);
		unlink(path);
		return -1;
	}
	if (close(fd) < 0) {
		error("cannot write %s: %s", path, strerror(errno));
		unlink(path);
		return -1;
	}
	return 0;
}

int nonoc_cmd_keygen(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *name = NULL;
	char err[NONO_BUNDLE_ERR_SIZE], sktext[NONO_KEY_TEXT_SIZE], pktext[NONO_KEY_TEXT_SIZE], *pubpath;
	char idhex[2 * NONO_KEY_ID_SIZE + 1];
	uint8_t pk[32], sk[64], id[NONO_KEY_ID_SIZE];
	int opt, rc = NONOC_EXIT_USAGE;
	struct stat st;

	optind = 0;
	while ((opt = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		switch (opt) {
		case 'o':
			name = optarg;
			break;
		case 'h':
			fputs(keygen_usage, stdout);
			return NONOC_EXIT_OK;
		default:
			return bad_option("keygen");
		}
	}
	if (optind < argc)
		return usage_error("keygen", "unexpected argument '%s'", argv[optind]);
	if (!name || !*name)
		return usage_error("keygen", "no output name given (-o NAME)");
	if (asprintf(&pubpath, "%s.pub", name) < 0)
		return error("out of memory"), NONOC_EXIT_USAGE;
	/* Check both before creating either: never leave half a pair behind. */
	if (lstat(pubpath, &st) == 0) {
		error("%s already exists; refusing to overwrite a key (remove it first, or choose another name)", pubpath);
		goto out;
	}
	if (nono_key_generate(pk, sk, err, sizeof(err)) < 0) {
		error("%s", err);
		goto out;
	}
	if (nono_key_format_secret(sk, sktext, sizeof(sktext)) < 0 || nono_key_format_public(pk, pktext, sizeof(pktext)) < 0) {
		error("cannot format the key");
		goto out;
	}
	if (write_new(name, 0600, sktext) < 0)
		goto out;
	if (write_new(pubpath, 0644, pktext) < 0) {
		unlink(name);
		goto out;
	}
	nono_key_id(pk, id);
	nono_key_id_hex(id, idhex);
	printf("wrote %s (secret key: keep it private) and %s (public key); key id %s\n", name, pubpath, idhex);
	rc = NONOC_EXIT_OK;
out:
	sodium_memzero(sk, sizeof(sk));
	sodium_memzero(sktext, sizeof(sktext));
	free(pubpath);
	return rc;
}

/* ---- sign ------------------------------------------------------------------------ */

static const char sign_usage[] =
	"usage: nonoc sign BUNDLE --key KEY [-o OUT]\n"
	"\n"
	"Sign BUNDLE with the secret key file KEY (from 'nonoc keygen'), replacing\n"
	"any signature it has. The bundle is checked first (everything but its old\n"
	"signature). Writes OUT, or BUNDLE itself, atomically (a new file renamed\n"
	"over the old one). Ed25519 is deterministic: signing the same bundle with\n"
	"the same key gives the same bytes.\n"
	"\n"
	"exit status: 0 signed, 1 BUNDLE is not a well-formed bundle, 2 usage or I/O error.\n";

int nonoc_cmd_sign(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "key", required_argument, NULL, 'k' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *keypath = NULL, *outpath = NULL, *path;
	char err[NONO_BUNDLE_ERR_SIZE], idhex[2 * NONO_KEY_ID_SIZE + 1];
	uint8_t sk[64], id[NONO_KEY_ID_SIZE], *bytes = NULL, *signed_bytes = NULL;
	size_t len = 0, slen = 0;
	int opt, rc = NONOC_EXIT_USAGE, r;

	optind = 0;
	while ((opt = getopt_long(argc, argv, "k:o:h", opts, NULL)) != -1) {
		switch (opt) {
		case 'k':
			keypath = optarg;
			break;
		case 'o':
			outpath = optarg;
			break;
		case 'h':
			fputs(sign_usage, stdout);
			return NONOC_EXIT_OK;
		default:
			return bad_option("sign");
		}
	}
	if (optind >= argc)
		return usage_error("sign", "no bundle given");
	if (optind + 1 < argc)
		return usage_error("sign", "one bundle at a time (unexpected '%s')", argv[optind + 1]);
	if (!keypath)
		return usage_error("sign", "no secret key given (--key KEY)");
	path = argv[optind];
	if (nono_key_load_secret(keypath, sk, err, sizeof(err)) < 0) {
		error("%s", err);
		return NONOC_EXIT_USAGE;
	}
	r = read_bundle(path, &bytes, &len);
	if (r < 0) {
		rc = r == -2 ? NONOC_EXIT_POLICY : NONOC_EXIT_USAGE;
		goto out;
	}
	if (nono_bundle_sign(bytes, len, sk, &signed_bytes, &slen, err, sizeof(err)) < 0) {
		error("%s: %s", path, err);
		rc = NONOC_EXIT_POLICY;
		goto out;
	}
	if (nonoc_write_atomic(outpath ? outpath : path, signed_bytes, slen) < 0)
		goto out;
	nono_key_id(sk + 32, id);
	nono_key_id_hex(id, idhex);
	printf("%s: signed with key id %s\n", outpath ? outpath : path, idhex);
	rc = NONOC_EXIT_OK;
out:
	sodium_memzero(sk, sizeof(sk));
	free(bytes);
	free(signed_bytes);
	return rc;
}

/* ---- verify ---------------------------------------------------------------------- */

static const char verify_usage[] =
	"usage: nonoc verify BUNDLE --trust PUBKEY [--trust PUBKEY]...\n"
	"\n"
	"Check that BUNDLE is a well-formed nono bundle signed by one of the\n"
	"trusted public keys (files from 'nonoc keygen'), and that every section\n"
	"matches the digest its manifest records. Unsigned bundles fail.\n"
	"\n"
	"exit status: 0 verified, 1 verification failed, 2 usage or I/O error.\n";

int nonoc_cmd_verify(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "trust", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char *trust[MAX_TRUST], err[NONO_BUNDLE_ERR_SIZE], idhex[2 * NONO_KEY_ID_SIZE + 1];
	uint8_t keys[MAX_TRUST][32], id[NONO_KEY_ID_SIZE], *bytes = NULL;
	size_t ntrust = 0, len = 0;
	struct nono_bundle *b = NULL;
	const char *path;
	int opt, r;

	optind = 0;
	while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (opt) {
		case 't':
			if (ntrust == MAX_TRUST)
				return usage_error("verify", "more than %d --trust keys", MAX_TRUST);
			trust[ntrust++] = optarg;
			break;
		case 'h':
			fputs(verify_usage, stdout);
			return NONOC_EXIT_OK;
		default:
			return bad_option("verify");
		}
	}
	if (optind >= argc)
		return usage_error("verify", "no bundle given");
	if (optind + 1 < argc)
		return usage_error("verify", "one bundle at a time (unexpected '%s')", argv[optind + 1]);
	if (ntrust == 0)
		return usage_error("verify", "no trusted public key given (--trust PUBKEY)");
	path = argv[optind];
	if (load_trusted(trust, ntrust, keys) < 0)
		return NONOC_EXIT_USAGE;
	r = read_bundle(path, &bytes, &len);
	if (r < 0)
		return r == -2 ? NONOC_EXIT_POLICY : NONOC_EXIT_USAGE;
	if (nono_bundle_open(bytes, len, (const uint8_t(*)[32])keys, ntrust, 0, &b, err, sizeof(err)) < 0) {
		free(bytes);
		error("%s: %s", path, err);
		return NONOC_EXIT_POLICY;
	}
	free(bytes);
	nono_bundle_signature(b, id);
	nono_key_id_hex(id, idhex);
	printf("%s: OK: signed by trusted key %s; policy ", path, idhex);
	put_safe(stdout, nono_bundle_policy_name(b));
	if (nono_bundle_policy_version(b)) {
		fputc(' ', stdout);
		put_safe(stdout, nono_bundle_policy_version(b));
	}
	printf(", %zu sections\n", nono_bundle_nsections(b));
	nono_bundle_free(b);
	return fflush(stdout) == 0 ? NONOC_EXIT_OK : NONOC_EXIT_USAGE;
}

/* ---- inspect --------------------------------------------------------------------- */

static const char inspect_usage[] =
	"usage: nonoc inspect BUNDLE (--trust PUBKEY... | --insecure-allow-unsigned) [--json | --section NAME]\n"
	"\n"
	"Show a bundle: format, signature, policy, compiler, build epoch, measured\n"
	"inputs, and every section with its offset, size and SHA-256; a JSON\n"
	".nono.ir is pretty-printed. The bundle is verified first:\n"
	"\n"
	"  --trust PUBKEY               require a signature by this key (repeatable);\n"
	"                               with --insecure-allow-unsigned, unsigned bundles pass too\n"
	"  --insecure-allow-unsigned    alone: check everything but the signature\n"
	"  --json                       machine-readable output\n"
	"  --section NAME               write the raw bytes of section NAME to stdout\n"
	"\n"
	"exit status: 0 ok, 1 the bundle was refused (or has no such section), 2 usage or I/O error.\n";

static const char *sig_state_name(enum nono_bundle_sig_state s)
{
	switch (s) {
	case NONO_BUNDLE_SIG_VERIFIED:
		return "verified";
	case NONO_BUNDLE_SIG_UNSIGNED:
		return "unsigned";
	case NONO_BUNDLE_SIG_NOT_VERIFIED:
		return "not-verified";
	}
	return "?";
}

static void inspect_json(const char *path, const struct nono_bundle *b)
{
	struct json_writer w;
	char h[65], idhex[2 * NONO_KEY_ID_SIZE + 1];
	uint8_t id[NONO_KEY_ID_SIZE];
	unsigned major, minor;
	uint64_t epoch;
	enum nono_bundle_sig_state sig = nono_bundle_signature(b, id);

	nono_bundle_version(b, &major, &minor);
	nono_key_id_hex(id, idhex);
	json_init(&w, stdout, 2);
	json_object_begin(&w);
	json_key_string(&w, "file", path);
	json_key_uint(&w, "size", nono_bundle_size(b));
	json_key(&w, "format");
	json_object_begin(&w);
	json_key_uint(&w, "major", major);
	json_key_uint(&w, "minor", minor);
	json_object_end(&w);
	json_key(&w, "signature");
	json_object_begin(&w);
	json_key_string(&w, "state", sig_state_name(sig));
	json_key_string(&w, "key_id", sig == NONO_BUNDLE_SIG_UNSIGNED ? NULL : idhex);
	json_object_end(&w);
	json_key(&w, "policy");
	json_object_begin(&w);
	json_key_string(&w, "name", nono_bundle_policy_name(b));
	json_key_string(&w, "version", nono_bundle_policy_version(b));
	json_object_end(&w);
	json_key(&w, "compiler");
	json_object_begin(&w);
	json_key_string(&w, "name", nono_bundle_compiler_name(b));
	json_key_string(&w, "version", nono_bundle_compiler_version(b));
	json_object_end(&w);
	json_key(&w, "build_epoch");
	if (nono_bundle_build_epoch(b, &epoch))
		json_uint(&w, epoch);
	else
		json_null(&w);
	json_key(&w, "inputs");
	json_array_begin(&w);
	for (size_t i = 0; i < nono_bundle_ninputs(b); i++) {
		const struct nono_bundle_input *in = nono_bundle_input_at(b, i);

		sodium_bin2hex(h, sizeof(h), in->sha256, 32);
		json_object_begin(&w);
		json_key_string(&w, "kind", in->kind);
		json_key_string(&w, "path", in->path);
		json_key_string(&w, "sha256", h);
		json_object_end(&w);
	}
	json_array_end(&w);
	json_key(&w, "sections");
	json_array_begin(&w);
	for (size_t i = 0; i < nono_bundle_nsections(b); i++) {
		const struct nono_bundle_section_info *s = nono_bundle_section_at(b, i);

		sodium_bin2hex(h, sizeof(h), s->sha256, 32);
		json_object_begin(&w);
		json_key_uint(&w, "index", s->index);
		json_key_string(&w, "name", s->name);
		json_key_uint(&w, "offset", s->offset);
		json_key_uint(&w, "size", s->size);
		json_key_string(&w, "sha256", h);
		json_object_end(&w);
	}
	json_array_end(&w);
	json_object_end(&w);
	json_finish(&w);
}

static void inspect_text(const char *path, const struct nono_bundle *b)
{
	char h[65], idhex[2 * NONO_KEY_ID_SIZE + 1];
	uint8_t id[NONO_KEY_ID_SIZE];
	unsigned major, minor;
	uint64_t epoch;
	enum nono_bundle_sig_state sig = nono_bundle_signature(b, id);
	size_t irlen;
	const uint8_t *ir;

	nono_bundle_version(b, &major, &minor);
	nono_key_id_hex(id, idhex);
	printf("bundle       %s: %zu bytes, nono bundle format %u.%u (ELF64)\n", path, nono_bundle_size(b), major, minor);
	if (sig == NONO_BUNDLE_SIG_VERIFIED)
		printf("signature    verified: trusted key %s\n", idhex);
	else if (sig == NONO_BUNDLE_SIG_NOT_VERIFIED)
		printf("signature    NOT VERIFIED (--insecure-allow-unsigned): names key %s\n", idhex);
	else
		printf("signature    none: the bundle is unsigned\n");
	fputs("policy       ", stdout);
	put_safe(stdout, nono_bundle_policy_name(b));
	fputs(" version ", stdout);
	if (nono_bundle_policy_version(b))
		put_safe(stdout, nono_bundle_policy_version(b));
	else
		fputs("(none)", stdout);
	fputs("\ncompiler     ", stdout);
	put_safe(stdout, nono_bundle_compiler_name(b));
	fputc(' ', stdout);
	put_safe(stdout, nono_bundle_compiler_version(b));
	if (nono_bundle_build_epoch(b, &epoch))
		printf("\nbuild epoch  %" PRIu64 " (SOURCE_DATE_EPOCH)\n", epoch);
	else
		printf("\nbuild epoch  none\n");

	printf("\ninputs (%zu)\n", nono_bundle_ninputs(b));
	for (size_t i = 0; i < nono_bundle_ninputs(b); i++) {
		const struct nono_bundle_input *in = nono_bundle_input_at(b, i);

		sodium_bin2hex(h, sizeof(h), in->sha256, 32);
		printf("  %-8s %s  ", in->kind, h);
		put_safe(stdout, in->path);
		fputc('\n', stdout);
	}

	printf("\nsections (%zu)\n  [Nr] %-20s %10s %10s  %s\n", nono_bundle_nsections(b), "name", "offset", "size",
	       "sha256");
	for (size_t i = 0; i < nono_bundle_nsections(b); i++) {
		const struct nono_bundle_section_info *s = nono_bundle_section_at(b, i);

		sodium_bin2hex(h, sizeof(h), s->sha256, 32);
		printf("  [%2u] %-20s %10" PRIu64 " %10zu  %s\n", s->index, s->name, s->offset, s->size, h);
	}

	ir = nono_bundle_section(b, ".nono.ir", &irlen);
	if (ir) {
		printf("\n.nono.ir (%zu bytes)", irlen);
		if (nono_json_valid((const char *)ir, irlen)) {
			fputs(":\n", stdout);
			json_pretty(stdout, (const char *)ir, irlen, 2);
		} else {
			fputs(": not JSON\n", stdout);
		}
	}
}

int nonoc_cmd_inspect(int argc, char **argv)
{
	enum { OPT_INSECURE = 256, OPT_JSON, OPT_SECTION };
	static const struct option opts[] = {
		{ "trust", required_argument, NULL, 't' },
		{ "insecure-allow-unsigned", no_argument, NULL, OPT_INSECURE },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "section", required_argument, NULL, OPT_SECTION },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char *trust[MAX_TRUST], err[NONO_BUNDLE_ERR_SIZE];
	uint8_t keys[MAX_TRUST][32], *bytes = NULL;
	size_t ntrust = 0, len = 0;
	struct nono_bundle *b = NULL;
	const char *path, *section = NULL;
	int opt, insecure = 0, json = 0, r, rc = NONOC_EXIT_OK;
	unsigned flags;

	optind = 0;
	while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (opt) {
		case 't':
			if (ntrust == MAX_TRUST)
				return usage_error("inspect", "more than %d --trust keys", MAX_TRUST);
			trust[ntrust++] = optarg;
			break;
		case OPT_INSECURE:
			insecure = 1;
			break;
		case OPT_JSON:
			json = 1;
			break;
		case OPT_SECTION:
			section = optarg;
			break;
		case 'h':
			fputs(inspect_usage, stdout);
			return NONOC_EXIT_OK;
		default:
			return bad_option("inspect");
		}
	}
	if (optind >= argc)
		return usage_error("inspect", "no bundle given");
	if (optind + 1 < argc)
		return usage_error("inspect", "one bundle at a time (unexpected '%s')", argv[optind + 1]);
	if (!ntrust && !insecure)
		return usage_error("inspect", "give --trust PUBKEY to verify the bundle, or --insecure-allow-unsigned "
					      "to look inside without verifying its signature");
	if (json && section)
		return usage_error("inspect", "--json and --section do not go together");
	path = argv[optind];
	if (load_trusted(trust, ntrust, keys) < 0)
		return NONOC_EXIT_USAGE;
	flags = !insecure ? 0 : ntrust ? NONO_BUNDLE_ALLOW_UNSIGNED : NONO_BUNDLE_INSECURE_NO_VERIFY;
	r = read_bundle(path, &bytes, &len);
	if (r < 0)
		return r == -2 ? NONOC_EXIT_POLICY : NONOC_EXIT_USAGE;
	if (nono_bundle_open(bytes, len, (const uint8_t(*)[32])keys, ntrust, flags, &b, err, sizeof(err)) < 0) {
		free(bytes);
		error("%s: %s", path, err);
		return NONOC_EXIT_POLICY;
	}
	free(bytes);
	if (section) {
		size_t n;
		const uint8_t *data = nono_bundle_section(b, section, &n);

		if (!data) {
			error("%s: no section '%s' (nonoc inspect lists them)", path, section);
			rc = NONOC_EXIT_POLICY;
		} else if (fwrite(data, 1, n, stdout) != n) {
			rc = NONOC_EXIT_USAGE;
		}
	} else if (json) {
		inspect_json(path, b);
	} else {
		inspect_text(path, b);
	}
	nono_bundle_free(b);
	if (fflush(stdout) != 0 && rc == NONOC_EXIT_OK)
		rc = NONOC_EXIT_USAGE;
	return rc;
}

/* ---- bundle-raw (tests only) ------------------------------------------------------ */

/* Until the real compile path exists: a bundle from raw files. Not in --help.
 *   nonoc bundle-raw -o OUT --policy NAME [--policy-version V]
 *         [--input KIND=PATH]... [--section .nono.NAME=FILE]... [--key KEY]
 * Inputs are hashed from PATH as given (relative to the working directory)
 * and recorded with PATH exactly as written. SOURCE_DATE_EPOCH is honoured. */
int nonoc_cmd_bundle_raw(int argc, char **argv)
{
	enum { OPT_POLICY = 256, OPT_PVERSION, OPT_INPUT, OPT_SECTION };
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "policy", required_argument, NULL, OPT_POLICY },
		{ "policy-version", required_argument, NULL, OPT_PVERSION },
		{ "input", required_argument, NULL, OPT_INPUT },
		{ "section", required_argument, NULL, OPT_SECTION },
		{ "key", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 },
	};
	struct nono_bundle_spec spec = { 0 };
	struct nono_bundle_input *inputs = calloc((size_t)argc + 1, sizeof(*inputs));
	struct nono_bundle_blob *blobs = calloc((size_t)argc + 1, sizeof(*blobs));
	const char **files = calloc((size_t)argc + 1, sizeof(*files)); /* section i comes from files[i] */
	uint8_t **loaded = calloc((size_t)argc + 1, sizeof(*loaded));
	const char *out = NULL, *keypath = NULL, *sde = getenv("SOURCE_DATE_EPOCH");
	char err[NONO_BUNDLE_ERR_SIZE], *eq;
	uint8_t sk[64], *bytes = NULL;
	size_t len = 0;
	int opt, rc = NONOC_EXIT_USAGE;

	if (!inputs || !blobs || !files || !loaded) {
		error("out of memory");
		goto out;
	}
	optind = 0;
	while ((opt = getopt_long(argc, argv, "o:k:", opts, NULL)) != -1) {
		switch (opt) {
		case 'o':
			out = optarg;
			break;
		case 'k':
			keypath = optarg;
			break;
		case OPT_POLICY:
			spec.policy_name = optarg;
			break;
		case OPT_PVERSION:
			spec.policy_version = optarg;
			break;
		case OPT_INPUT:
		case OPT_SECTION:
			eq = strchr(optarg, '=');
			if (!eq || eq == optarg || !eq[1]) {
				rc = usage_error("bundle-raw", "expected %s, not '%s'",
						 opt == OPT_INPUT ? "--input KIND=PATH" : "--section NAME=FILE", optarg);
				goto out;
			}
			*eq = '\0';
			if (opt == OPT_INPUT) {
				inputs[spec.ninputs].kind = optarg;
				inputs[spec.ninputs++].path = eq + 1;
			} else {
				blobs[spec.nsections].name = optarg;
				files[spec.nsections++] = eq + 1;
			}
			break;
		default:
			rc = bad_option("bundle-raw");
			goto out;
		}
	}
	if (!out || !spec.policy_name || optind < argc) {
		rc = usage_error("bundle-raw", "usage: nonoc bundle-raw -o OUT --policy NAME [--policy-version V] "
					       "[--input KIND=PATH]... [--section NAME=FILE]... [--key KEY]");
		goto out;
	}
	if (sde && *sde && nono_bundle_parse_epoch(sde, &spec.epoch) < 0) {
		error("SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not '%s'", sde);
		goto out;
	}
	spec.has_epoch = sde && *sde;
	spec.compiler_version = nonoc_version();
	for (size_t i = 0; i < spec.ninputs; i++) {
		if (nono_sha256_file(inputs[i].path, inputs[i].sha256, err, sizeof(err)) < 0) {
			error("%s", err);
			goto out;
		}
	}
	for (size_t i = 0; i < spec.nsections; i++) {
		if (nono_bundle_read_file(files[i], &loaded[i], &blobs[i].size, err, sizeof(err)) < 0) {
			error("%s", err);
			goto out;
		}
		blobs[i].data = loaded[i];
	}
	spec.inputs = inputs;
	spec.sections = blobs;
	if (keypath && nono_key_load_secret(keypath, sk, err, sizeof(err)) < 0) {
		error("%s", err);
		goto out;
	}
	if (nono_bundle_build(&spec, keypath ? sk : NULL, &bytes, &len, err, sizeof(err)) < 0) {
		error("%s", err);
		rc = NONOC_EXIT_POLICY;
		goto out;
	}
	if (nonoc_write_atomic(out, bytes, len) < 0)
		goto out;
	rc = NONOC_EXIT_OK;
out:
	sodium_memzero(sk, sizeof(sk));
	for (size_t i = 0; loaded && i < spec.nsections; i++)
		free(loaded[i]);
	free(bytes);
	free(loaded);
	free(files);
	free(blobs);
	free(inputs);
	return rc;
}

/* ---- dispatch ---------------------------------------------------------------------- */

int nonoc_cmd_diff(int argc, char **argv); /* compiler/cmd_diff.c */

nonoc_cmd_fn *nonoc_bundle_cmd_find(const char *name)
{
	static const struct {
		const char *name;
		nonoc_cmd_fn *fn;
	} cmds[] = {
		{ "keygen", nonoc_cmd_keygen },
		{ "sign", nonoc_cmd_sign },
		{ "verify", nonoc_cmd_verify },
		{ "inspect", nonoc_cmd_inspect },
		{ "diff", nonoc_cmd_diff },
		{ "bundle-raw", nonoc_cmd_bundle_raw },
	};

	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!strcmp(cmds[i].name, name))
			return cmds[i].fn;
	return NULL;
}
