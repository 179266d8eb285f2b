/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libFuzzer target: the bundle reader (compiler/bundle.c), nono-load's
 * first trust boundary. Seeds: fuzz/corpus/bundle/ (valid bundles, signed
 * with this harness's fixed key, unsigned, with and without an epoch, with
 * empty and many sections); regressions: fuzz/regressions/bundle/.
 *
 * Each input is opened three ways, so that arbitrary bytes reach every check
 * even though they almost never carry a valid signature:
 *   1. as nono-load opens it: one trusted key, no flags;
 *   2. with NONO_BUNDLE_INSECURE_NO_VERIFY: every check after the signature;
 *   3. re-signed with the trusted key (the trailer rewritten as the format
 *      says), then as in 1: the signed-but-malformed path.
 * Every accessor of an accepted bundle is read (ASan checks each byte).
 *
 * Oracles (abort, so libFuzzer reports a crash):
 *   - a refusal always comes with a message;
 *   - 3 accepts exactly when the re-signed bytes pass 2 (the signature is the
 *     only difference), and whatever 2 accepts, 3 accepts;
 *   - an accepted bundle's contents build a new bundle (nono_bundle_build
 *     never refuses what the reader accepted) that reads back the same.
 */
#include <endian.h>
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t pk[32], sk[64];

static void keys(void)
{
	static int done;
	uint8_t seed[32];

	if (done)
		return;
	if (sodium_init() < 0)
		abort();
	memset(seed, 0x5a, sizeof(seed)); /* fuzz/corpus/bundle/ is signed with this key */
	crypto_sign_seed_keypair(pk, sk, seed);
	done = 1;
}

static volatile size_t sink;

static void touch(const struct nono_bundle *b)
{
	size_t sum = 0, n;
	unsigned major, minor;
	uint64_t epoch;
	uint8_t id[NONO_KEY_ID_SIZE];
	const char *m = nono_bundle_manifest(b, &n);

	for (size_t i = 0; i < n; i++)
		sum += (unsigned char)m[i];
	nono_bundle_version(b, &major, &minor);
	sum += major + minor + (size_t)nono_bundle_signature(b, id) + id[0];
	sum += strlen(nono_bundle_policy_name(b)) + strlen(nono_bundle_compiler_name(b)) +
	       strlen(nono_bundle_compiler_version(b));
	if (nono_bundle_policy_version(b))
		sum += strlen(nono_bundle_policy_version(b));
	if (nono_bundle_build_epoch(b, &epoch))
		sum += (size_t)epoch;
	for (size_t i = 0; i < nono_bundle_ninputs(b); i++) {
		const struct nono_bundle_input *in = nono_bundle_input_at(b, i);

		sum += strlen(in->kind) + strlen(in->path) + in->sha256[31];
	}
	for (size_t i = 0; i < nono_bundle_nsections(b); i++) {
		const struct nono_bundle_section_info *s = nono_bundle_section_at(b, i);

		sum += strlen(s->name) + s->index + s->type + (size_t)s->offset + s->sha256[0];
		if (s->size)
			sum += s->data[0] + s->data[s->size - 1];
		if (nono_bundle_section(b, s->name, &n) != s->data || n != s->size)
			abort();
	}
	sum += nono_json_valid(m, n);
	sink += sum;
}

/* The trailer as docs/bundle-format.md specifies it, signed with sk. */
static void resign(uint8_t *b, size_t len)
{
	uint8_t msg[sizeof(NONO_BUNDLE_SIG_CONTEXT) + crypto_hash_sha512_BYTES];
	struct nono_bundle_trailer t;
	uint8_t h[32];

	memset(&t, 0, sizeof(t));
	memcpy(t.magic, NONO_BUNDLE_SIG_MAGIC, sizeof(t.magic));
	t.version = htole32(NONO_BUNDLE_SIG_VERSION);
	t.flags = htole32(NONO_BUNDLE_SIG_F_SIGNED);
	t.file_size = htole64((uint64_t)len);
	crypto_hash_sha256(h, pk, 32);
	memcpy(t.key_id, h, NONO_KEY_ID_SIZE);
	memcpy(b + len - sizeof(t), &t, sizeof(t));
	memcpy(msg, NONO_BUNDLE_SIG_CONTEXT, sizeof(NONO_BUNDLE_SIG_CONTEXT));
	crypto_hash_sha512(msg + sizeof(NONO_BUNDLE_SIG_CONTEXT), b, len - crypto_sign_BYTES);
	crypto_sign_detached(b + len - crypto_sign_BYTES, NULL, msg, sizeof(msg), sk);
}

/* What the reader accepted, the writer builds, and it reads back the same. */
static void rebuild(const struct nono_bundle *b)
{
	struct nono_bundle_blob blobs[NONO_BUNDLE_MAX_SECTIONS];
	struct nono_bundle_spec spec = { 0 };
	struct nono_bundle *again;
	char err[NONO_BUNDLE_ERR_SIZE];
	uint8_t *out = NULL;
	size_t len = 0;
	uint64_t epoch;

	spec.policy_name = nono_bundle_policy_name(b);
	spec.policy_version = nono_bundle_policy_version(b);
	spec.compiler_version = nono_bundle_compiler_version(b);
	spec.has_epoch = nono_bundle_build_epoch(b, &epoch);
	spec.epoch = spec.has_epoch ? epoch : 0;
	spec.ninputs = nono_bundle_ninputs(b);
	spec.inputs = spec.ninputs ? nono_bundle_input_at(b, 0) : NULL;
	for (size_t i = 2; i + 2 < nono_bundle_nsections(b); i++) { /* between the manifest and .shstrtab */
		const struct nono_bundle_section_info *s = nono_bundle_section_at(b, i);

		blobs[spec.nsections++] = (struct nono_bundle_blob){ s->name, s->data, s->size };
	}
	spec.sections = blobs;
	if (nono_bundle_build(&spec, NULL, &out, &len, err, sizeof(err)) < 0)
		abort(); /* the writer refused what the reader accepted: see err */
	if (nono_bundle_open(out, len, NULL, 0, NONO_BUNDLE_ALLOW_UNSIGNED, &again, err, sizeof(err)) < 0)
		abort();
	if (nono_bundle_nsections(again) != nono_bundle_nsections(b) || nono_bundle_ninputs(again) != spec.ninputs ||
	    strcmp(nono_bundle_policy_name(again), spec.policy_name) != 0)
		abort();
	for (size_t i = 0; i < spec.ninputs; i++) {
		const struct nono_bundle_input *x = nono_bundle_input_at(again, i), *y = nono_bundle_input_at(b, i);

		if (strcmp(x->kind, y->kind) || strcmp(x->path, y->path) || memcmp(x->sha256, y->sha256, 32))
			abort();
	}
	for (size_t i = 0; i < spec.nsections; i++) {
		size_t n;
		const uint8_t *d = nono_bundle_section(again, blobs[i].name, &n);

		if (!d || n != blobs[i].size || (n && memcmp(d, blobs[i].data, n)))
			abort();
	}
	nono_bundle_free(again);
	free(out);
}

static int try_open(const uint8_t *data, size_t size, unsigned flags, int trusted, int rebuild_it)
{
	char err[NONO_BUNDLE_ERR_SIZE];
	struct nono_bundle *b = NULL;

	err[0] = '\0';
	if (nono_bundle_open(data, size, trusted ? &pk : NULL, trusted ? 1 : 0, flags, &b, err, sizeof(err)) < 0) {
		if (b || !err[0] || !memchr(err, '\0', sizeof(err)))
			abort();
		return 0;
	}
	touch(b);
	if (rebuild_it)
		rebuild(b);
	nono_bundle_free(b);
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	keys();
	try_open(data, size, 0, 1, 0);
	int unverified = try_open(data, size, NONO_BUNDLE_INSECURE_NO_VERIFY, 0, 1);

	if (size >= NONO_BUNDLE_MIN_SIZE && size <= 1u << 20) {
		uint8_t *copy = malloc(size);

		if (!copy)
			return 0;
		memcpy(copy, data, size);
		resign(copy, size);
		int as_loader = try_open(copy, size, 0, 1, 0);
		int structure = try_open(copy, size, NONO_BUNDLE_INSECURE_NO_VERIFY, 0, 0);

		if (as_loader != structure || (unverified && !as_loader))
			abort();
		free(copy);
	}
	return 0;
}
