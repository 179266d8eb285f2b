/* SPDX-License-Identifier: Apache-2.0 */
/* The bundle container (compiler/bundle.c): round trip, byte-for-byte
 * reproducibility, the signature (every single-byte change of a signed
 * bundle is refused; the signature is checked before any section is read),
 * truncated, extended and oversized input, keys, the writer's input checks,
 * the reader's checks on signed-but-malformed bundles, the manifest JSON
 * parser, and agreement with libelf on what we write. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundle.h"

/* ---- fixtures ------------------------------------------------------------- */

static uint8_t pk1[32], sk1[64], pk2[32], sk2[64];

static void setup(void)
{
	uint8_t seed[32];

	cr_assert_geq(sodium_init(), 0);
	memset(seed, 0x11, sizeof(seed));
	crypto_sign_seed_keypair(pk1, sk1, seed);
	memset(seed, 0x22, sizeof(seed));
	crypto_sign_seed_keypair(pk2, sk2, seed);
}

TestSuite(bundle, .init = setup);
TestSuite(bundle_sig, .init = setup);
TestSuite(bundle_malformed, .init = setup);
TestSuite(bundle_writer, .init = setup);
TestSuite(bundle_keys, .init = setup);
TestSuite(bundle_json, .init = setup);

static const char ir_json[] = "{\"version\":1,\"rules\":[{\"fs\":\"read\",\"path\":\"/srv/data\"}]}";
static const uint8_t bpf_obj[] = { 0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0xff, 0x00, 0x42 };
static const uint8_t seccomp_prog[] = { 0x20, 0, 0, 0, 4, 0, 0, 0, 0x15, 0, 1, 0, 0x3e, 0, 0, 0xc0 };
static const char landlock_rules[] = "landlock v1\n";

static struct nono_bundle_input test_inputs[3];
static struct nono_bundle_blob test_blobs[4];

static struct nono_bundle_spec test_spec(void)
{
	struct nono_bundle_spec s = { 0 };

	test_inputs[0] = (struct nono_bundle_input){ .kind = "policy", .path = "agent.nono" };
	test_inputs[1] = (struct nono_bundle_input){ .kind = "exec", .path = "/usr/bin/git" };
	test_inputs[2] = (struct nono_bundle_input){ .kind = "measure", .path = "/etc/ssl/certs/ca.pem" };
	memset(test_inputs[0].sha256, 0xa0, 32);
	memset(test_inputs[1].sha256, 0xb1, 32);
	memset(test_inputs[2].sha256, 0xc2, 32);
	test_blobs[0] = (struct nono_bundle_blob){ ".nono.ir", ir_json, strlen(ir_json) };
	test_blobs[1] = (struct nono_bundle_blob){ ".nono.bpf", bpf_obj, sizeof(bpf_obj) };
	test_blobs[2] = (struct nono_bundle_blob){ ".nono.seccomp", seccomp_prog, sizeof(seccomp_prog) };
	test_blobs[3] = (struct nono_bundle_blob){ ".nono.landlock", landlock_rules, strlen(landlock_rules) };
	s.policy_name = "demo";
	s.policy_version = "1.2";
	s.compiler_version = "0.1.0";
	s.inputs = test_inputs;
	s.ninputs = 3;
	s.sections = test_blobs;
	s.nsections = 4;
	return s;
}

static uint8_t *build(const struct nono_bundle_spec *s, const uint8_t *sk, size_t *len)
{
	char err[NONO_BUNDLE_ERR_SIZE];
	uint8_t *out = NULL;

	cr_assert_eq(nono_bundle_build(s, sk, &out, len, err, sizeof(err)), 0, "build failed: %s", err);
	cr_assert_not_null(out);
	return out;
}

/* Open and expect failure; return the message (static). */
static const char *refuse(const uint8_t *b, size_t len, const uint8_t (*keys)[32], size_t nkeys, unsigned flags)
{
	static char err[NONO_BUNDLE_ERR_SIZE];
	struct nono_bundle *nb = (struct nono_bundle *)1;

	err[0] = '\0';
	cr_assert_eq(nono_bundle_open(b, len, keys, nkeys, flags, &nb, err, sizeof(err)), -1,
		     "accepted a bundle that should be refused");
	cr_assert_null(nb);
	cr_assert_neq(err[0], '\0', "refused without a message");
	return err;
}

static struct nono_bundle *accept(const uint8_t *b, size_t len, const uint8_t (*keys)[32], size_t nkeys,
				  unsigned flags)
{
	char err[NONO_BUNDLE_ERR_SIZE];
	struct nono_bundle *nb = NULL;

	cr_assert_eq(nono_bundle_open(b, len, keys, nkeys, flags, &nb, err, sizeof(err)), 0, "refused: %s", err);
	cr_assert_not_null(nb);
	return nb;
}

static void put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void put64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* The signature scheme of docs/bundle-format.md, written again from the
 * document (not from bundle.c): set the trailer's flag and key id, sign
 * "nono-bundle-ed25519-v1\0" || SHA-512(everything before the last 64 bytes). */
static void resign(uint8_t *b, size_t len, const uint8_t sk[64])
{
	uint8_t h[32], msg[23 + 64];

	put32(b + len - 96 + 12, 1);
	crypto_hash_sha256(h, sk + 32, 32);
	memcpy(b + len - 96 + 24, h, 8);
	memcpy(msg, "nono-bundle-ed25519-v1", 23);
	crypto_hash_sha512(msg + 23, b, len - 64);
	crypto_sign_detached(b + len - 64, NULL, msg, sizeof(msg), sk);
}

/* Where a section's header and data are (from an unverified open). */
static void locate(const uint8_t *b, size_t len, const char *name, size_t *shdr, size_t *data, size_t *size)
{
	struct nono_bundle *nb = accept(b, len, NULL, 0, NONO_BUNDLE_INSECURE_NO_VERIFY);
	uint64_t shoff = 0;

	for (int i = 0; i < 8; i++)
		shoff |= (uint64_t)b[40 + i] << (8 * i);
	for (size_t i = 0; i < nono_bundle_nsections(nb); i++) {
		const struct nono_bundle_section_info *s = nono_bundle_section_at(nb, i);

		if (!strcmp(s->name, name)) {
			if (shdr)
				*shdr = (size_t)shoff + s->index * 64u;
			if (data)
				*data = (size_t)s->offset;
			if (size)
				*size = s->size;
			nono_bundle_free(nb);
			return;
		}
	}
	cr_assert_fail("no section %s", name);
}

static uint8_t *find(uint8_t *hay, size_t len, const char *needle)
{
	size_t n = strlen(needle);

	for (size_t i = 0; i + n <= len; i++)
		if (!memcmp(hay + i, needle, n))
			return hay + i;
	return NULL;
}

/* ---- round trip ---------------------------------------------------------------- */

Test(bundle, round_trip)
{
	struct nono_bundle_spec s = test_spec();
	size_t len, n;
	uint8_t *b = build(&s, sk1, &len), id[NONO_KEY_ID_SIZE], want_id[NONO_KEY_ID_SIZE];
	struct nono_bundle *nb = accept(b, len, &pk1, 1, 0);
	unsigned major, minor;
	uint64_t epoch;
	const uint8_t *d;

	cr_assert_eq(nono_bundle_signature(nb, id), NONO_BUNDLE_SIG_VERIFIED);
	nono_key_id(pk1, want_id);
	cr_assert_arr_eq(id, want_id, NONO_KEY_ID_SIZE);
	nono_bundle_version(nb, &major, &minor);
	cr_assert_eq(major, 1);
	cr_assert_eq(minor, 0);
	cr_assert_eq(nono_bundle_size(nb), len);
	cr_assert_str_eq(nono_bundle_policy_name(nb), "demo");
	cr_assert_str_eq(nono_bundle_policy_version(nb), "1.2");
	cr_assert_str_eq(nono_bundle_compiler_name(nb), "nonoc");
	cr_assert_str_eq(nono_bundle_compiler_version(nb), "0.1.0");
	cr_assert_eq(nono_bundle_build_epoch(nb, &epoch), 0);

	d = nono_bundle_section(nb, ".nono.ir", &n);
	cr_assert_eq(n, strlen(ir_json));
	cr_assert_arr_eq(d, ir_json, n);
	d = nono_bundle_section(nb, ".nono.bpf", &n);
	cr_assert_eq(n, sizeof(bpf_obj));
	cr_assert_arr_eq(d, bpf_obj, n);
	d = nono_bundle_section(nb, ".nono.seccomp", &n);
	cr_assert_arr_eq(d, seccomp_prog, sizeof(seccomp_prog));
	d = nono_bundle_section(nb, ".nono.landlock", &n);
	cr_assert_arr_eq(d, landlock_rules, strlen(landlock_rules));
	cr_assert_null(nono_bundle_section(nb, ".nono.nothing", &n));
	cr_assert_eq(n, 0);

	/* file order: header, manifest, content by name, .shstrtab, .nono.sig */
	static const char *const order[] = { ".nono.header", ".nono.manifest", ".nono.bpf", ".nono.ir",
					     ".nono.landlock", ".nono.seccomp", ".shstrtab", ".nono.sig" };
	cr_assert_eq(nono_bundle_nsections(nb), 8);
	for (size_t i = 0; i < 8; i++) {
		const struct nono_bundle_section_info *si = nono_bundle_section_at(nb, i);
		uint8_t h[32];

		cr_assert_str_eq(si->name, order[i]);
		cr_assert_eq(si->index, i + 1);
		cr_assert_eq(si->offset % (i == 6 ? 1 : 8), 0);
		crypto_hash_sha256(h, si->data, si->size);
		cr_assert_arr_eq(h, si->sha256, 32);
	}
	cr_assert_null(nono_bundle_section_at(nb, 8));
	cr_assert_eq(nono_bundle_section_at(nb, 7)->offset + 96, len, "the trailer ends the file");

	/* inputs sorted by kind, then path */
	cr_assert_eq(nono_bundle_ninputs(nb), 3);
	cr_assert_str_eq(nono_bundle_input_at(nb, 0)->kind, "exec");
	cr_assert_str_eq(nono_bundle_input_at(nb, 1)->kind, "measure");
	cr_assert_str_eq(nono_bundle_input_at(nb, 2)->kind, "policy");
	cr_assert_str_eq(nono_bundle_input_at(nb, 2)->path, "agent.nono");
	cr_assert_eq(nono_bundle_input_at(nb, 2)->sha256[31], 0xa0);
	cr_assert_null(nono_bundle_input_at(nb, 3));

	/* the manifest is the .nono.manifest section, canonical JSON */
	const char *m = nono_bundle_manifest(nb, &n);

	cr_assert(nono_json_valid(m, n));
	cr_assert_eq(m[n - 1], '\n');
	cr_assert(strstr(m, "\"name\": \".nono.header\"") != NULL);
	cr_assert(strstr(m, "\"build_epoch\"") == NULL);
	nono_bundle_free(nb);
	free(b);
}

/* The reader copies: changing the caller's buffer afterwards changes nothing. */
Test(bundle, reader_keeps_its_own_copy)
{
	struct nono_bundle_spec s = test_spec();
	size_t len, n;
	uint8_t *b = build(&s, sk1, &len);
	struct nono_bundle *nb = accept(b, len, &pk1, 1, 0);

	memset(b, 0xee, len);
	free(b);
	cr_assert_arr_eq(nono_bundle_section(nb, ".nono.ir", &n), ir_json, strlen(ir_json));
	nono_bundle_free(nb);
}

Test(bundle, no_content_sections_and_empty_sections)
{
	struct nono_bundle_spec s = test_spec();
	struct nono_bundle_blob empty = { ".nono.landlock", NULL, 0 };
	size_t len, n;
	uint8_t *b;
	struct nono_bundle *nb;

	s.nsections = 0;
	s.ninputs = 0;
	s.policy_version = NULL;
	b = build(&s, sk1, &len);
	nb = accept(b, len, &pk1, 1, 0);
	cr_assert_eq(nono_bundle_nsections(nb), 4);
	cr_assert_eq(nono_bundle_ninputs(nb), 0);
	cr_assert_null(nono_bundle_policy_version(nb));
	nono_bundle_free(nb);
	free(b);

	s.sections = &empty;
	s.nsections = 1;
	b = build(&s, NULL, &len);
	nb = accept(b, len, NULL, 0, NONO_BUNDLE_ALLOW_UNSIGNED);
	cr_assert_not_null(nono_bundle_section(nb, ".nono.landlock", &n));
	cr_assert_eq(n, 0);
	nono_bundle_free(nb);
	free(b);
}

/* libelf, an independent ELF reader, sees what our reader sees. */
Test(bundle, libelf_agrees)
{
	struct nono_bundle_spec s = test_spec();
	size_t len, shnum = 0, shstrndx = 0, i = 0;
	uint8_t *b = build(&s, sk1, &len);
	struct nono_bundle *nb = accept(b, len, &pk1, 1, 0);
	Elf *e;
	Elf_Scn *scn = NULL;
	GElf_Ehdr eh;

	cr_assert_neq(elf_version(EV_CURRENT), EV_NONE);
	e = elf_memory((char *)b, len);
	cr_assert_not_null(e, "libelf: %s", elf_errmsg(-1));
	cr_assert_eq(elf_kind(e), ELF_K_ELF);
	cr_assert_not_null(gelf_getehdr(e, &eh));
	cr_assert_eq(eh.e_ident[EI_CLASS], ELFCLASS64);
	cr_assert_eq(eh.e_ident[EI_DATA], ELFDATA2LSB);
	cr_assert_eq(eh.e_type, ET_NONE);
	cr_assert_eq(eh.e_machine, EM_NONE);
	cr_assert_eq(eh.e_phnum, 0);
	cr_assert_eq(elf_getshdrnum(e, &shnum), 0);
	cr_assert_eq(shnum, nono_bundle_nsections(nb) + 1);
	cr_assert_eq(elf_getshdrstrndx(e, &shstrndx), 0);
	while ((scn = elf_nextscn(e, scn)) != NULL) {
		const struct nono_bundle_section_info *si = nono_bundle_section_at(nb, i++);
		GElf_Shdr sh;
		Elf_Data *d;

		cr_assert_not_null(gelf_getshdr(scn, &sh));
		cr_assert_str_eq(elf_strptr(e, shstrndx, sh.sh_name), si->name);
		cr_assert_eq(sh.sh_offset, si->offset);
		cr_assert_eq(sh.sh_size, si->size);
		d = elf_rawdata(scn, NULL);
		cr_assert_not_null(d);
		cr_assert_eq(d->d_size, si->size);
		if (si->size)
			cr_assert_arr_eq(d->d_buf, si->data, si->size);
	}
	cr_assert_eq(i, nono_bundle_nsections(nb));
	elf_end(e);
	nono_bundle_free(nb);
	free(b);
}

/* ---- reproducibility ------------------------------------------------------------- */

Test(bundle, same_inputs_same_bytes)
{
	struct nono_bundle_spec s = test_spec();
	size_t l1, l2, l3, l4;
	uint8_t *a = build(&s, sk1, &l1), *b = build(&s, sk1, &l2), *c, *d;
	struct nono_bundle_input rin[4];
	struct nono_bundle_blob rbl[4];

	cr_assert_eq(l1, l2);
	cr_assert_arr_eq(a, b, l1, "two builds differ");

	/* the order inputs and sections are given in does not matter; an
	 * input measured twice is recorded once */
	for (int i = 0; i < 3; i++)
		rin[i] = test_inputs[2 - i];
	rin[3] = test_inputs[1];
	for (int i = 0; i < 4; i++)
		rbl[i] = test_blobs[3 - i];
	s.inputs = rin;
	s.ninputs = 4;
	s.sections = rbl;
	c = build(&s, sk1, &l3);
	cr_assert_eq(l3, l1);
	cr_assert_arr_eq(c, a, l1, "order of inputs/sections changed the bytes");

	/* unsigned + sign == signed build; signing again changes nothing */
	uint8_t *u = build(&s, NULL, &l4), *signed1 = NULL, *signed2 = NULL;
	size_t sl1, sl2;
	char err[NONO_BUNDLE_ERR_SIZE];

	cr_assert_eq(nono_bundle_sign(u, l4, sk1, &signed1, &sl1, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(sl1, l1);
	cr_assert_arr_eq(signed1, a, l1);
	cr_assert_eq(nono_bundle_sign(signed1, sl1, sk1, &signed2, &sl2, err, sizeof(err)), 0, "%s", err);
	cr_assert_arr_eq(signed2, signed1, sl1, "re-signing is not deterministic");

	/* the signature scheme as documented gives the same bytes */
	d = malloc(l4);
	memcpy(d, u, l4);
	resign(d, l4, sk1);
	cr_assert_arr_eq(d, a, l1, "docs/bundle-format.md and the signer disagree");
	free(a);
	free(b);
	free(c);
	free(d);
	free(u);
	free(signed1);
	free(signed2);
}

/* With SOURCE_DATE_EPOCH the manifest gains exactly one member. */
Test(bundle, epoch_only_in_manifest)
{
	struct nono_bundle_spec s = test_spec();
	size_t l1, l2, m1len, m2len;
	uint8_t *a = build(&s, sk1, &l1), *b;
	struct nono_bundle *na, *nbb;
	uint64_t epoch = 0;
	const char *line = "  \"build_epoch\": 1700000000,\n";

	s.has_epoch = 1;
	s.epoch = 1700000000;
	b = build(&s, sk1, &l2);
	cr_assert_gt(l2, l1);
	na = accept(a, l1, &pk1, 1, 0);
	nbb = accept(b, l2, &pk1, 1, 0);
	cr_assert_eq(nono_bundle_build_epoch(nbb, &epoch), 1);
	cr_assert_eq(epoch, 1700000000);

	const char *m1 = nono_bundle_manifest(na, &m1len), *m2 = nono_bundle_manifest(nbb, &m2len);
	const char *at = memmem(m2, m2len, line, strlen(line));

	cr_assert_not_null(at, "no build_epoch line");
	cr_assert_eq(m2len, m1len + strlen(line));
	size_t pre = (size_t)(at - m2);

	cr_assert_arr_eq(m1, m2, pre);
	cr_assert_arr_eq(m1 + pre, at + strlen(line), m1len - pre, "manifests differ beyond the epoch");
	/* every other section is byte-identical */
	for (size_t i = 0; i < nono_bundle_nsections(na); i++) {
		const struct nono_bundle_section_info *x = nono_bundle_section_at(na, i);
		const struct nono_bundle_section_info *y = nono_bundle_section_at(nbb, i);

		cr_assert_str_eq(x->name, y->name);
		if (strcmp(x->name, ".nono.manifest") && strcmp(x->name, ".nono.sig")) {
			cr_assert_eq(x->size, y->size);
			cr_assert_arr_eq(x->data, y->data, x->size, "%s differs", x->name);
		}
	}
	/* and the same epoch gives the same bytes again */
	size_t l3;
	uint8_t *c = build(&s, sk1, &l3);

	cr_assert_eq(l3, l2);
	cr_assert_arr_eq(c, b, l2);
	nono_bundle_free(na);
	nono_bundle_free(nbb);
	free(a);
	free(b);
	free(c);
}

/* ---- signature ------------------------------------------------------------------- */

/* Every single-byte change of a signed bundle is refused: three different
 * flips of every byte, with and without ALLOW_UNSIGNED. Changes after the
 * ELF header are caught by the signature (or the trailer), never by a
 * section parser: nothing is interpreted before the signature verifies. */
Test(bundle_sig, every_flipped_byte_is_refused)
{
	struct nono_bundle_spec s = test_spec();
	size_t len, flips = 0, by_sig = 0, by_trailer = 0, by_elf = 0;
	uint8_t *b, *t;
	static const uint8_t masks[] = { 0x01, 0x80, 0xff };

	s.nsections = 2; /* small: .nono.ir and .nono.bpf */
	s.ninputs = 1;
	b = build(&s, sk1, &len);
	nono_bundle_free(accept(b, len, &pk1, 1, 0));
	t = malloc(len);
	for (size_t i = 0; i < len; i++) {
		for (size_t m = 0; m < sizeof(masks); m++) {
			memcpy(t, b, len);
			t[i] ^= masks[m];
			const char *why = refuse(t, len, &pk1, 1, 0);

			if (strstr(why, "signature does not verify"))
				by_sig++;
			else if (i >= len - 96 && strstr(why, "trailer"))
				by_trailer++;
			else if (i < 64)
				by_elf++;
			else
				cr_assert_fail("byte %zu (section area) refused by something other than the signature: %s", i,
					       why);
			refuse(t, len, &pk1, 1, NONO_BUNDLE_ALLOW_UNSIGNED);
			flips++;
		}
	}
	cr_log_info("tamper: %zu-byte bundle, %zu single-byte changes, all refused (%zu by the signature, %zu by the "
		    "trailer, %zu by the ELF header check)", len, flips, by_sig, by_trailer, by_elf);
	cr_assert_eq(flips, 3 * len);
	cr_assert_geq(by_sig, 3 * (len - 64 - 96), "every change in the section area is the signature's to catch");
	free(t);
	free(b);
}

Test(bundle_sig, every_truncation_is_refused)
{
	struct nono_bundle_spec s = test_spec();
	size_t len;
	uint8_t *b;

	s.nsections = 2;
	b = build(&s, sk1, &len);
	for (size_t n = 0; n < len; n++) {
		/* a fresh allocation of exactly n bytes: ASan/valgrind see any overread */
		uint8_t *t = malloc(n ? n : 1);

		memcpy(t, b, n);
		refuse(t, n, &pk1, 1, 0);
		refuse(t, n, NULL, 0, NONO_BUNDLE_INSECURE_NO_VERIFY);
		free(t);
	}
	cr_assert_str_eq(refuse(b, 100, &pk1, 1, 0), "file is 100 bytes, too small to be a nono bundle (at least 480)");
	cr_assert(strstr(refuse(b, len - 1, &pk1, 1, 0), "truncated"));
	free(b);
}

Test(bundle_sig, extended_and_oversized_input_is_refused)
{
	struct nono_bundle_spec s = test_spec();
	size_t len;
	uint8_t *b = build(&s, sk1, &len), *t = calloc(1, len + 200);

	memcpy(t, b, len);
	refuse(t, len + 1, &pk1, 1, 0);
	refuse(t, len + 8, NULL, 0, NONO_BUNDLE_INSECURE_NO_VERIFY);
	/* the trailer copied to the new end still records the old size */
	memcpy(t + len + 8 - 96, b + len - 96, 96);
	cr_assert(strstr(refuse(t, len + 8, &pk1, 1, 0), "section header table"));
	free(t);

	size_t big = (size_t)NONO_BUNDLE_MAX_SIZE + 1;

	t = calloc(1, big);
	cr_assert_not_null(t);
	memcpy(t, b, len);
	cr_assert_str_eq(refuse(t, big, &pk1, 1, NONO_BUNDLE_INSECURE_NO_VERIFY),
			 "file is 67108865 bytes, larger than the bundle size limit (64 MiB)");
	free(t);
	free(b);
}

Test(bundle_sig, wrong_key)
{
	struct nono_bundle_spec s = test_spec();
	size_t len;
	uint8_t *b = build(&s, sk1, &len), id1[8], id2[8];
	char h1[17], h2[17], want[NONO_BUNDLE_ERR_SIZE];
	uint8_t both[2][32];

	nono_key_id(pk1, id1);
	nono_key_id(pk2, id2);
	nono_key_id_hex(id1, h1);
	nono_key_id_hex(id2, h2);
	snprintf(want, sizeof(want),
		 "bundle signature does not verify with any trusted key (it names key id %s; trusted: %s)", h1, h2);
	cr_assert_str_eq(refuse(b, len, &pk2, 1, 0), want);
	snprintf(want, sizeof(want), "no trusted public key to verify the bundle with (it names key id %s)", h1);
	cr_assert_str_eq(refuse(b, len, NULL, 0, 0), want);

	/* any one of several trusted keys */
	memcpy(both[0], pk2, 32);
	memcpy(both[1], pk1, 32);
	nono_bundle_free(accept(b, len, (const uint8_t(*)[32])both, 2, 0));

	/* a signature by key 2 that claims key 1's id: the id matches, the signature does not */
	uint8_t msg[23 + 64];

	memcpy(msg, "nono-bundle-ed25519-v1", 23);
	crypto_hash_sha512(msg + 23, b, len - 64);
	crypto_sign_detached(b + len - 64, NULL, msg, sizeof(msg), sk2);
	snprintf(want, sizeof(want),
		 "bundle signature does not verify with trusted key %s: the file was modified after it was signed, "
		 "or is damaged", h1);
	cr_assert_str_eq(refuse(b, len, &pk1, 1, 0), want);
	free(b);
}

Test(bundle_sig, unsigned_only_when_allowed)
{
	struct nono_bundle_spec s = test_spec();
	size_t len;
	uint8_t *u = build(&s, NULL, &len), *sgn = build(&s, sk1, &len), id[8];
	struct nono_bundle *nb;

	cr_assert(strstr(refuse(u, len, &pk1, 1, 0), "bundle is not signed"));
	nb = accept(u, len, &pk1, 1, NONO_BUNDLE_ALLOW_UNSIGNED);
	cr_assert_eq(nono_bundle_signature(nb, id), NONO_BUNDLE_SIG_UNSIGNED);
	for (int i = 0; i < 8; i++)
		cr_assert_eq(id[i], 0);
	nono_bundle_free(nb);
	nb = accept(u, len, NULL, 0, NONO_BUNDLE_INSECURE_NO_VERIFY);
	cr_assert_eq(nono_bundle_signature(nb, NULL), NONO_BUNDLE_SIG_UNSIGNED);
	nono_bundle_free(nb);

	/* ALLOW_UNSIGNED still verifies signed bundles */
	refuse(sgn, len, &pk2, 1, NONO_BUNDLE_ALLOW_UNSIGNED);
	/* NO_VERIFY skips the check and says so */
	nb = accept(sgn, len, &pk2, 1, NONO_BUNDLE_INSECURE_NO_VERIFY);
	cr_assert_eq(nono_bundle_signature(nb, NULL), NONO_BUNDLE_SIG_NOT_VERIFIED);
	nono_bundle_free(nb);
	cr_assert(strstr(refuse(sgn, len, &pk1, 1, 1u << 5), "unknown flags"));

	/* an "unsigned" trailer that still holds a signature */
	put32(sgn + len - 96 + 12, 0);
	cr_assert(strstr(refuse(sgn, len, &pk1, 1, NONO_BUNDLE_ALLOW_UNSIGNED), "says unsigned but holds"));
	free(u);
	free(sgn);
}

/* Garbage in the sections with a valid ELF header and trailer: the
 * signature is what refuses it. */
Test(bundle_sig, signature_checked_before_sections)
{
	struct nono_bundle_spec s = test_spec();
	size_t len;
	uint8_t *b = build(&s, sk1, &len);
	uint64_t shoff = 0;

	for (int i = 0; i < 8; i++)
		shoff |= (uint64_t)b[40 + i] << (8 * i);
	memset(b + 64, 0xff, len - 64 - 96); /* every section header and all data */
	cr_assert(strstr(refuse(b, len, &pk1, 1, 0), "signature does not verify"));
	/* only without verification do the section checks run */
	cr_assert(strstr(refuse(b, len, NULL, 0, NONO_BUNDLE_INSECURE_NO_VERIFY), "null section"));
	(void)shoff;
	free(b);
}

/* ---- signed but malformed: the checks after the signature --------------------------- */

/* Mutate a copy of a bundle, sign it properly again, expect @msg. */
static void expect_after_resign(const uint8_t *b, size_t len, void (*mutate)(uint8_t *, size_t), const char *msg)
{
	uint8_t *t = malloc(len);
	const char *why;

	memcpy(t, b, len);
	mutate(t, len);
	resign(t, len, sk1);
	why = refuse(t, len, &pk1, 1, 0);
	cr_assert(strstr(why, msg), "expected '%s', got '%s'", msg, why);
	free(t);
}

static uint8_t *mb; /* the bundle being mutated (for locate) */

static void m_ir_byte(uint8_t *t, size_t len)
{
	size_t off;

	locate(mb, len, ".nono.ir", NULL, &off, NULL);
	t[off] ^= 1;
}

static void m_ir_size(uint8_t *t, size_t len)
{
	size_t sh;

	locate(mb, len, ".nono.ir", &sh, NULL, NULL);
	put64(t + sh + 32, 1u << 30);
}

static void m_ir_offset(uint8_t *t, size_t len)
{
	size_t sh;

	locate(mb, len, ".nono.ir", &sh, NULL, NULL);
	put64(t + sh + 24, UINT64_MAX - 4); /* offset + size overflows */
}

static void m_header_major(uint8_t *t, size_t len)
{
	t[64 + 8] = 2; /* .nono.header is at 64; major at +8 */
}

static void m_header_flags(uint8_t *t, size_t len)
{
	t[64 + 16] = 4;
}

static void m_manifest_digest(uint8_t *t, size_t len)
{
	uint8_t *p = find(t, len, "\"name\": \".nono.ir\"");

	cr_assert_not_null(p);
	p = find(p, len - (size_t)(p - t), "\"sha256\": \"");
	p[11] = p[11] == '0' ? '1' : '0';
}

static void m_manifest_upper_hex(uint8_t *t, size_t len)
{
	uint8_t *p = find(t, len, "\"sha256\": \"");

	for (int i = 11; i < 75; i++)
		if (p[i] >= 'a' && p[i] <= 'f')
			p[i] = (uint8_t)(p[i] - 'a' + 'A');
}

static void m_manifest_name(uint8_t *t, size_t len)
{
	uint8_t *p = find(t, len, "\"name\": \".nono.ir\"");

	p[16] = 'q'; /* .nono.iq */
}

static void m_manifest_dup_key(uint8_t *t, size_t len)
{
	uint8_t *p = find(t, len, "\"compiler\": {");

	memcpy(p, "\"policy\"  : {", 13);
}

static void m_manifest_policy_key(uint8_t *t, size_t len)
{
	find(t, len, "\"policy\"")[1] = 'P';
}

static void m_manifest_not_json(uint8_t *t, size_t len)
{
	uint8_t *p = find(t, len, "\"inputs\": [");

	p[10] = '{';
}

static void m_manifest_negative_size(uint8_t *t, size_t len)
{
	uint8_t *p = find(t, len, "\"size\": 32");

	memcpy(p, "\"size\": -2", 10);
}

static void m_manifest_bad_kind(uint8_t *t, size_t len)
{
	find(t, len, "\"kind\": \"exec\"")[9] = 'E';
}

static void m_manifest_unsorted(uint8_t *t, size_t len)
{
	find(t, len, "\"kind\": \"exec\"")[9] = 'x'; /* "xxec" sorts after "measure" */
}

/* A name in .shstrtab (the manifest, earlier in the file, has them too). */
static uint8_t *find_name(uint8_t *t, size_t len, const char *name)
{
	size_t off, size;
	uint8_t *p;

	locate(mb, len, ".shstrtab", NULL, &off, &size);
	p = find(t + off, size, name);
	cr_assert_not_null(p);
	return p;
}

static void m_section_name(uint8_t *t, size_t len)
{
	uint8_t *p = find_name(t, len, ".nono.landlock");

	p[7] = '!';
}

static void m_section_order(uint8_t *t, size_t len)
{
	/* .nono.bpf -> .nono.zpf: now after .nono.ir */
	find_name(t, len, ".nono.bpf")[6] = 'z';
}

static void m_padding(uint8_t *t, size_t len)
{
	size_t off, size;

	locate(mb, len, ".nono.bpf", NULL, &off, &size); /* 13 bytes: 3 bytes of padding follow */
	t[off + size] = 0x5a;
}

static void m_section_flags(uint8_t *t, size_t len)
{
	size_t sh;

	locate(mb, len, ".nono.seccomp", &sh, NULL, NULL);
	t[sh + 8] = SHF_ALLOC;
}

static void m_section_type(uint8_t *t, size_t len)
{
	size_t sh;

	locate(mb, len, ".nono.seccomp", &sh, NULL, NULL);
	t[sh + 4] = SHT_NOTE;
}

static void m_shstrtab_name(uint8_t *t, size_t len)
{
	size_t sh;

	locate(mb, len, ".nono.ir", &sh, NULL, NULL);
	put32(t + sh, 0x7fffffff);
}

Test(bundle_malformed, checked_after_the_signature)
{
	struct nono_bundle_spec s = test_spec();
	size_t len;

	mb = build(&s, sk1, &len);
	expect_after_resign(mb, len, m_ir_byte, "section .nono.ir does not match its manifest digest (sha256 ");
	expect_after_resign(mb, len, m_ir_size, "section .nono.ir extends past end of file");
	expect_after_resign(mb, len, m_ir_offset, "section .nono.ir extends past end of file");
	expect_after_resign(mb, len, m_header_major, "bundle format 2.0 is not supported (this reader reads format 1.x)");
	expect_after_resign(mb, len, m_header_flags, "bundle header has flags 0x4 that this reader does not know");
	expect_after_resign(mb, len, m_manifest_digest, "section .nono.ir does not match its manifest digest");
	expect_after_resign(mb, len, m_manifest_upper_hex, "sha256 is not 64 lowercase hex digits");
	expect_after_resign(mb, len, m_manifest_name, "section .nono.ir is not listed in the manifest");
	expect_after_resign(mb, len, m_manifest_dup_key, "duplicate member name");
	expect_after_resign(mb, len, m_manifest_policy_key, "manifest: policy is missing or not an object");
	expect_after_resign(mb, len, m_manifest_not_json, "manifest is not valid JSON: ");
	expect_after_resign(mb, len, m_manifest_negative_size, "sections[0].size is missing or not a non-negative integer");
	expect_after_resign(mb, len, m_manifest_bad_kind, "has an invalid kind 'Exec'");
	expect_after_resign(mb, len, m_manifest_unsorted, "inputs are not sorted");
	expect_after_resign(mb, len, m_section_name, "is named '.nono.l!ndlock', expected '.nono.NAME'");
	expect_after_resign(mb, len, m_section_order, "section .nono.ir comes after .nono.zpf");
	expect_after_resign(mb, len, m_padding, "non-zero padding before section .nono.ir");
	expect_after_resign(mb, len, m_section_flags, "section .nono.seccomp has non-zero flags");
	expect_after_resign(mb, len, m_section_type, "section .nono.seccomp has ELF type 7");
	expect_after_resign(mb, len, m_shstrtab_name, "name is outside the section name table");
	free(mb);
}

static void m_header_count5(uint8_t *t, size_t len)
{
	t[64 + 20] = 5;
}

Test(bundle_malformed, header_count_message)
{
	struct nono_bundle_spec s = test_spec();
	size_t len;

	mb = build(&s, sk1, &len);
	expect_after_resign(mb, len, m_header_count5,
			    "malformed bundle: the header counts 5 sections, the ELF file has 9");
	free(mb);
}

/* ---- writer input checks ----------------------------------------------------------- */

static const char *build_error(const struct nono_bundle_spec *s)
{
	static char err[NONO_BUNDLE_ERR_SIZE];
	uint8_t *out = (uint8_t *)1;
	size_t len = 1;

	cr_assert_eq(nono_bundle_build(s, NULL, &out, &len, err, sizeof(err)), -1, "built a bad spec");
	cr_assert_null(out);
	return err;
}

Test(bundle_writer, refuses_bad_specs)
{
	struct nono_bundle_spec s;
	struct nono_bundle_blob bl[2] = { { ".nono.ir", "a", 1 }, { ".nono.ir", "b", 1 } };
	struct nono_bundle_input in[2] = { { "policy", "a.nono", { 0 } }, { "policy", "a.nono", { 1 } } };
	static const char *const bad_names[] = { ".nono.", ".nono.header", ".nono.manifest", ".nono.sig", ".text",
						 ".nono.a b", ".nono.\xc3\xa9", "nono.ir",
						 ".nono.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" };

	for (size_t i = 0; i < sizeof(bad_names) / sizeof(bad_names[0]); i++) {
		struct nono_bundle_blob one = { bad_names[i], "x", 1 };

		s = test_spec();
		s.sections = &one;
		s.nsections = 1;
		cr_assert(strstr(build_error(&s), "invalid section name"), "%s accepted", bad_names[i]);
	}
	s = test_spec();
	s.sections = bl;
	s.nsections = 2;
	cr_assert_str_eq(build_error(&s), "section .nono.ir is given twice");

	s = test_spec();
	s.inputs = in;
	s.ninputs = 2;
	cr_assert_str_eq(build_error(&s), "input policy 'a.nono' is given twice with different digests");
	in[1].kind = "Policy";
	cr_assert(strstr(build_error(&s), "invalid input kind 'Policy'"));
	in[1].kind = "policy";
	in[1].path = "bad\xff.nono";
	cr_assert_str_eq(build_error(&s), "an input path is not valid UTF-8");

	s = test_spec();
	s.policy_name = "";
	cr_assert(strstr(build_error(&s), "the policy name is empty"));
	s.policy_name = NULL;
	cr_assert(strstr(build_error(&s), "the policy name is empty"));
	s = test_spec();
	s.policy_version = "";
	cr_assert(strstr(build_error(&s), "the policy version is empty"));

	struct nono_bundle_blob many[64];

	s = test_spec();
	for (int i = 0; i < 64; i++) {
		static char names[64][16];

		snprintf(names[i], sizeof(names[i]), ".nono.s%02d", i);
		many[i] = (struct nono_bundle_blob){ names[i], "", 0 };
	}
	s.sections = many;
	s.nsections = 60;
	cr_assert(strstr(build_error(&s), "more than the limit of 59"));
	s.nsections = 59;
	size_t len;
	uint8_t *b = build(&s, sk1, &len);

	nono_bundle_free(accept(b, len, &pk1, 1, 0));
	free(b);
}

/* Strings the manifest escapes come back exactly. */
Test(bundle_writer, strings_round_trip)
{
	struct nono_bundle_spec s = test_spec();
	struct nono_bundle_input in = { "measure", "/tmp/a \"b\"\\c\td\x01\x7f\xe2\x80\xa8\xf0\x9f\x98\x80/e", { 7 } };
	size_t len;
	uint8_t *b;
	struct nono_bundle *nb;

	s.inputs = &in;
	s.ninputs = 1;
	s.policy_name = "na\"me\n";
	b = build(&s, sk1, &len);
	nb = accept(b, len, &pk1, 1, 0);
	cr_assert_str_eq(nono_bundle_input_at(nb, 0)->path, in.path);
	cr_assert_str_eq(nono_bundle_policy_name(nb), "na\"me\n");
	nono_bundle_free(nb);
	free(b);
}

/* ---- keys --------------------------------------------------------------------------- */

Test(bundle_keys, format_and_parse)
{
	char pub[NONO_KEY_TEXT_SIZE], sec[NONO_KEY_TEXT_SIZE], err[NONO_BUNDLE_ERR_SIZE];
	uint8_t pk[32], sk[64], id[8];
	char idh[17];

	cr_assert_gt(nono_key_format_public(pk1, pub, sizeof(pub)), 0);
	cr_assert_gt(nono_key_format_secret(sk1, sec, sizeof(sec)), 0);
	cr_assert_eq(strncmp(pub, "nono-ed25519-public-v1\n", 23), 0);
	cr_assert_eq(strncmp(sec, "nono-ed25519-secret-v1\n", 23), 0);
	cr_assert_eq(strlen(pub), 23 + 44 + 1);
	cr_assert_eq(nono_key_parse_public(pub, strlen(pub), pk, err, sizeof(err)), 0, "%s", err);
	cr_assert_arr_eq(pk, pk1, 32);
	cr_assert_eq(nono_key_parse_secret(sec, strlen(sec), sk, err, sizeof(err)), 0, "%s", err);
	cr_assert_arr_eq(sk, sk1, 64);
	/* the final newline is optional */
	cr_assert_eq(nono_key_parse_public(pub, strlen(pub) - 1, pk, err, sizeof(err)), 0);

	uint8_t h[32];
	char want[17];

	nono_key_id(pk1, id);
	nono_key_id_hex(id, idh);
	crypto_hash_sha256(h, pk1, 32);
	for (int i = 0; i < 8; i++)
		snprintf(want + 2 * i, 3, "%02x", h[i]);
	cr_assert_str_eq(idh, want);

	cr_assert_eq(nono_key_parse_public(sec, strlen(sec), pk, err, sizeof(err)), -1);
	cr_assert_str_eq(err, "this is a secret key file, not a public key");
	cr_assert_eq(nono_key_parse_secret(pub, strlen(pub), sk, err, sizeof(err)), -1);
	cr_assert_str_eq(err, "this is a public key file, not a secret key");
	cr_assert_eq(nono_key_parse_public("hello\n", 6, pk, err, sizeof(err)), -1);
	cr_assert_str_eq(err, "not a nono public key file (its first line must be 'nono-ed25519-public-v1')");

	char t[128];

	snprintf(t, sizeof(t), "%s\n", pub); /* an extra newline */
	cr_assert_eq(nono_key_parse_public(t, strlen(t), pk, err, sizeof(err)), -1);
	cr_assert(strstr(err, "nothing may follow"));
	memcpy(t, pub, strlen(pub) + 1);
	t[30] = '*';
	cr_assert_eq(nono_key_parse_public(t, strlen(t), pk, err, sizeof(err)), -1);
	cr_assert(strstr(err, "not base64"));
	/* 32 bytes leave 2 spare bits in the last base64 digit: they must be 0 */
	memcpy(t, pub, strlen(pub) + 1);
	const char *alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	int v = (int)(strchr(alphabet, t[23 + 42]) - alphabet);

	t[23 + 42] = alphabet[v | 1];
	cr_assert_eq(nono_key_parse_public(t, strlen(t), pk, err, sizeof(err)), -1);
	cr_assert(strstr(err, "canonical") || strstr(err, "not base64"), "%s", err);
}

Test(bundle_keys, files)
{
	char dir[] = "/tmp/nono-test-keys-XXXXXX", path[128], pub[NONO_KEY_TEXT_SIZE], sec[NONO_KEY_TEXT_SIZE];
	char err[NONO_BUNDLE_ERR_SIZE];
	uint8_t pk[32], sk[64], gpk[32], gsk[64];
	FILE *f;

	cr_assert_not_null(mkdtemp(dir));
	cr_assert_eq(nono_key_generate(gpk, gsk, err, sizeof(err)), 0);
	nono_key_format_public(gpk, pub, sizeof(pub));
	nono_key_format_secret(gsk, sec, sizeof(sec));
	snprintf(path, sizeof(path), "%s/k.pub", dir);
	f = fopen(path, "w");
	fputs(pub, f);
	fclose(f);
	cr_assert_eq(nono_key_load_public(path, pk, err, sizeof(err)), 0, "%s", err);
	cr_assert_arr_eq(pk, gpk, 32);
	snprintf(path, sizeof(path), "%s/k", dir);
	f = fopen(path, "w");
	fputs(sec, f);
	fclose(f);
	chmod(path, 0644);
	cr_assert_eq(nono_key_load_secret(path, sk, err, sizeof(err)), -1);
	cr_assert(strstr(err, "can be read by group or others (mode 0644)"), "%s", err);
	chmod(path, 0600);
	cr_assert_eq(nono_key_load_secret(path, sk, err, sizeof(err)), 0, "%s", err);
	cr_assert_arr_eq(sk, gsk, 64);
	unlink(path);
	cr_assert_eq(nono_key_load_secret(path, sk, err, sizeof(err)), -1);
	cr_assert(strstr(err, "No such file"));
	snprintf(path, sizeof(path), "%s/k.pub", dir);
	unlink(path);
	rmdir(dir);
}

Test(bundle_keys, file_helpers)
{
	char path[] = "/tmp/nono-test-file-XXXXXX", err[NONO_BUNDLE_ERR_SIZE];
	int fd = mkstemp(path);
	uint8_t h[32], want[32], *bytes;
	size_t len;
	uint64_t e;

	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, "abc", 3), 3);
	close(fd);
	crypto_hash_sha256(want, (const uint8_t *)"abc", 3);
	cr_assert_eq(nono_sha256_file(path, h, err, sizeof(err)), 0);
	cr_assert_arr_eq(h, want, 32);
	cr_assert_eq(nono_bundle_read_file(path, &bytes, &len, err, sizeof(err)), 0);
	cr_assert_eq(len, 3);
	free(bytes);
	cr_assert_eq(truncate(path, (off_t)NONO_BUNDLE_MAX_SIZE + 1), 0);
	cr_assert_eq(nono_bundle_read_file(path, &bytes, &len, err, sizeof(err)), -1);
	cr_assert(strstr(err, "larger than the bundle size limit (64 MiB)"), "%s", err);
	unlink(path);
	cr_assert_eq(nono_bundle_read_file("/", &bytes, &len, err, sizeof(err)), -1);
	cr_assert_str_eq(err, "/ is a directory");

	cr_assert_eq(nono_bundle_parse_epoch("1700000000", &e), 0);
	cr_assert_eq(e, 1700000000);
	cr_assert_eq(nono_bundle_parse_epoch("0", &e), 0);
	cr_assert_eq(nono_bundle_parse_epoch("18446744073709551615", &e), 0);
	cr_assert_eq(nono_bundle_parse_epoch("18446744073709551616", &e), -1);
	cr_assert_eq(nono_bundle_parse_epoch("", &e), -1);
	cr_assert_eq(nono_bundle_parse_epoch("-1", &e), -1);
	cr_assert_eq(nono_bundle_parse_epoch("12a", &e), -1);
	cr_assert_eq(nono_bundle_parse_epoch(" 1", &e), -1);
}

/* ---- the JSON reader ----------------------------------------------------------------- */

Test(bundle_json, well_formed)
{
	static const char *const good[] = {
		"{}", "[]", "0", "-0", "1.5e10", "-1.0E-2", "\"\"", "true", "false", "null", " { \"a\" : [ 1 , 2 ] } ",
		"\"\\u00e9\\ud83d\\ude00\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\xc3\xa9\xf0\x9f\x98\x80\"",
		"{\"a\":{\"b\":{\"c\":[[[[]]]]}}}", "\"\x7f\"",
	};
	static const char *const bad[] = {
		"", " ", "{", "}", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "01", "1.", ".5", "1e", "+1", "--1",
		"\"abc", "\"\\x\"", "\"\\u12\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"\\u0000\"",
		"\"a\nb\"", "\"\xff\"", "\"\xc0\xaf\"", "\"\xed\xa0\x80\"", "tru", "nul", "[1 2]", "{} {}", "[1]x",
		"NaN", "Infinity",
	};

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		cr_assert(nono_json_valid(good[i], strlen(good[i])), "refused: %s", good[i]);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		cr_assert(!nono_json_valid(bad[i], strlen(bad[i])), "accepted: %s", bad[i]);
	cr_assert(!nono_json_valid("\"a\0b\"", 5), "NUL in a string");
	cr_assert(!nono_json_valid(NULL, 0));

	/* deep nesting is bounded, not a stack overflow */
	size_t n = 100000;
	char *deep = malloc(2 * n);

	memset(deep, '[', n);
	memset(deep + n, ']', n);
	cr_assert(!nono_json_valid(deep, 2 * n));
	cr_assert(nono_json_valid(deep + n - 100, 200));
	free(deep);
}
