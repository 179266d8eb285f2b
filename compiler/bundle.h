/* SPDX-License-Identifier: Apache-2.0 */
/**
 * DOC: the nono bundle — one signed ELF file holding a compiled policy.
 *
 * The format is specified in docs/bundle-format.md; this header is its C
 * side. Three parts:
 *
 * - the **writer** (nono_bundle_build) lays out an ELF64 file with libelf
 *   (ELF_F_LAYOUT: every offset is ours, so the same inputs give the same
 *   bytes) from named sections and a canonical JSON manifest;
 * - the **signer** (nono_bundle_sign) replaces the fixed-size signature
 *   trailer that ends the file: Ed25519 over every byte before the 64
 *   signature bytes;
 * - the **reader** (nono_bundle_open), shared with nono-load: bounds, ELF
 *   identification, trailer, signature — and only then sections, header and
 *   manifest digests. It depends on libc and libsodium only (it parses the
 *   two ELF structures it needs itself, every length bounds-checked), and it
 *   never crashes, prints or exits on any input: errors are strings.
 *
 * Sections are opaque named blobs here: the IR, the BPF object, the seccomp
 * programs and the Landlock rules are produced and read by other modules.
 *
 * Typical use (nono-load):
 *
 *	uint8_t *bytes; size_t len; uint8_t pk[32]; char err[NONO_BUNDLE_ERR_SIZE];
 *	struct nono_bundle *b;
 *	if (nono_bundle_read_file(path, &bytes, &len, err, sizeof(err)) < 0 ||
 *	    nono_key_load_public(keypath, pk, err, sizeof(err)) < 0 ||
 *	    nono_bundle_open(bytes, len, &pk, 1, 0, &b, err, sizeof(err)) < 0)
 *		fail(err);
 *	free(bytes);                          // the bundle keeps its own copy
 *	const uint8_t *ir = nono_bundle_section(b, ".nono.ir", &irlen);
 *	...
 *	nono_bundle_free(b);
 *
 * Functions return 0 on success and -1 on failure with a message in @err
 * (always NUL-terminated when @errlen > 0; NONO_BUNDLE_ERR_SIZE bytes are
 * enough for every message).
 */
#ifndef NONO_BUNDLE_H
#define NONO_BUNDLE_H

#include <stddef.h>
#include <stdint.h>

/* ---- format constants -------------------------------------------------- */

#define NONO_BUNDLE_MAJOR 1 /* readers refuse another major version  */
#define NONO_BUNDLE_MINOR 0 /* readers accept any minor of their major */

#define NONO_BUNDLE_MAGIC   "NONOBNDL" /* .nono.header, 8 bytes, no NUL */
#define NONO_BUNDLE_SIG_MAGIC "NONO-SIG" /* the trailer, 8 bytes, no NUL */
#define NONO_BUNDLE_SIG_VERSION 1
/* The Ed25519 message is this context (with its NUL) followed by the
 * SHA-512 of the signed bytes: see docs/bundle-format.md, "Signature". */
#define NONO_BUNDLE_SIG_CONTEXT "nono-bundle-ed25519-v1"

#define NONO_BUNDLE_SEC_HEADER   ".nono.header"
#define NONO_BUNDLE_SEC_MANIFEST ".nono.manifest"
#define NONO_BUNDLE_SEC_SIG      ".nono.sig"
#define NONO_BUNDLE_SEC_SHSTRTAB ".shstrtab"
#define NONO_BUNDLE_SEC_PREFIX   ".nono."

/* ---- limits (hostile input; far above any real bundle) ----------------- */

#define NONO_BUNDLE_MAX_SIZE     (64u * 1024 * 1024) /* bytes in a bundle file         */
#define NONO_BUNDLE_MAX_SECTIONS 64u                 /* ELF sections, null one included */
#define NONO_BUNDLE_MAX_NAME     64u                 /* bytes in a section name         */
#define NONO_BUNDLE_MAX_MANIFEST (4u * 1024 * 1024)  /* bytes of manifest JSON          */
#define NONO_BUNDLE_MAX_INPUTS   65536u              /* measured inputs                 */
#define NONO_BUNDLE_MAX_STRING   4096u               /* bytes in a path, name, version  */
#define NONO_BUNDLE_MAX_KIND     32u                 /* bytes in an input kind          */
#define NONO_BUNDLE_ERR_SIZE     512u                /* enough for every error message  */

#define NONO_KEY_ID_SIZE 8 /* first 8 bytes of SHA-256(public key) */

/* ---- on-disk structures (little-endian) --------------------------------- */

/**
 * struct nono_bundle_header - the .nono.header section (32 bytes in 1.0).
 * All integers little-endian. A 1.x reader accepts any minor version and a
 * larger @header_size (fields appended by later minors), never another major.
 */
struct nono_bundle_header {
	char magic[8];          /* NONO_BUNDLE_MAGIC                           */
	uint16_t major;         /* NONO_BUNDLE_MAJOR                           */
	uint16_t minor;         /* NONO_BUNDLE_MINOR                           */
	uint32_t header_size;   /* sizeof(struct nono_bundle_header) = 32      */
	uint32_t flags;         /* none defined in 1.0; must be 0              */
	uint32_t section_count; /* = e_shnum (ELF sections, null one included) */
	uint64_t reserved;      /* 0                                           */
};
_Static_assert(sizeof(struct nono_bundle_header) == 32, "header layout");
_Static_assert(offsetof(struct nono_bundle_header, major) == 8, "header layout");
_Static_assert(offsetof(struct nono_bundle_header, minor) == 10, "header layout");
_Static_assert(offsetof(struct nono_bundle_header, header_size) == 12, "header layout");
_Static_assert(offsetof(struct nono_bundle_header, flags) == 16, "header layout");
_Static_assert(offsetof(struct nono_bundle_header, section_count) == 20, "header layout");
_Static_assert(offsetof(struct nono_bundle_header, reserved) == 24, "header layout");

#define NONO_BUNDLE_SIG_F_SIGNED 1u /* trailer flag: @signature is valid */

/**
 * struct nono_bundle_trailer - the .nono.sig section: always the last 96
 * bytes of the file, so a reader finds it without interpreting any section.
 * The signature covers every byte of the file before @signature (the trailer
 * fields above it included). Unsigned: @flags 0, @key_id and @signature zero.
 */
struct nono_bundle_trailer {
	char magic[8];          /* NONO_BUNDLE_SIG_MAGIC                  */
	uint32_t version;       /* NONO_BUNDLE_SIG_VERSION                */
	uint32_t flags;         /* NONO_BUNDLE_SIG_F_SIGNED or 0          */
	uint64_t file_size;     /* the whole file, trailer included       */
	uint8_t key_id[NONO_KEY_ID_SIZE]; /* signer's key id              */
	uint8_t signature[64];  /* Ed25519, see NONO_BUNDLE_SIG_CONTEXT   */
};
_Static_assert(sizeof(struct nono_bundle_trailer) == 96, "trailer layout");
_Static_assert(offsetof(struct nono_bundle_trailer, version) == 8, "trailer layout");
_Static_assert(offsetof(struct nono_bundle_trailer, flags) == 12, "trailer layout");
_Static_assert(offsetof(struct nono_bundle_trailer, file_size) == 16, "trailer layout");
_Static_assert(offsetof(struct nono_bundle_trailer, key_id) == 24, "trailer layout");
_Static_assert(offsetof(struct nono_bundle_trailer, signature) == 32, "trailer layout");

/* The smallest well-formed bundle: ELF header, five section headers (null,
 * .nono.header, .nono.manifest, .shstrtab, .nono.sig), the trailer. */
#define NONO_BUNDLE_MIN_SIZE (64u + 5u * 64u + (unsigned)sizeof(struct nono_bundle_trailer))

/* ---- writer --------------------------------------------------------------- */

/**
 * struct nono_bundle_input - one measured input: a policy source ("policy"),
 * a `measure` file ("measure"), a pinned tool binary ("exec"), ...
 * @kind: [a-z][a-z0-9_-]*, at most NONO_BUNDLE_MAX_KIND bytes
 * @path: as written in the policy (not resolved), valid UTF-8
 */
struct nono_bundle_input {
	const char *kind;
	const char *path;
	uint8_t sha256[32];
};

/** struct nono_bundle_blob - a content section: name ".nono.[A-Za-z0-9_.-]+". */
struct nono_bundle_blob {
	const char *name;
	const void *data;
	size_t size;
};

/**
 * struct nono_bundle_spec - everything a bundle is made of. The order of
 * @inputs and @sections does not matter: the writer sorts both (inputs by
 * kind, path, digest; exact duplicates are dropped). Nothing else goes in:
 * no time, no host, no user — the build epoch only when @has_epoch (the
 * caller's SOURCE_DATE_EPOCH).
 */
struct nono_bundle_spec {
	const char *policy_name;      /* non-empty                      */
	const char *policy_version;   /* NULL: the policy declares none */
	const char *compiler_version; /* NONOC_VERSION                  */
	const struct nono_bundle_input *inputs;
	size_t ninputs;
	const struct nono_bundle_blob *sections;
	size_t nsections;
	int has_epoch;
	uint64_t epoch;
};

/**
 * nono_bundle_build() - lay out a bundle.
 * @sk: a libsodium Ed25519 secret key (64 bytes) to sign with, or NULL for
 *      an unsigned bundle (all-zero signature; `nonoc sign` signs it later).
 * @out: on success a malloc'd buffer of *@outlen bytes (the caller frees).
 *
 * Byte-deterministic: the same spec (up to the order of inputs and sections)
 * and key give the same bytes. The result is checked with the reader before
 * it is returned.
 */
int nono_bundle_build(const struct nono_bundle_spec *spec, const uint8_t *sk, uint8_t **out, size_t *outlen,
		      char *err, size_t errlen);

/**
 * nono_bundle_sign() - sign (or re-sign) a bundle: a copy of @bytes with a
 * new trailer. The bundle is fully checked first (its old signature, if
 * any, is not: signing replaces it). Deterministic (Ed25519 is).
 * @sk: 64-byte libsodium secret key. @out: malloc'd, *@outlen bytes.
 */
int nono_bundle_sign(const uint8_t *bytes, size_t len, const uint8_t *sk, uint8_t **out, size_t *outlen,
		     char *err, size_t errlen);

/* ---- reader --------------------------------------------------------------- */

enum nono_bundle_open_flags {
	/* Accept a bundle whose trailer says "unsigned" (development only).
	 * Signed bundles are still verified against @trusted. */
	NONO_BUNDLE_ALLOW_UNSIGNED = 1u << 0,
	/* Do not check signatures at all (inspection of untrusted files,
	 * re-signing). Everything else is still checked. Never in nono-load. */
	NONO_BUNDLE_INSECURE_NO_VERIFY = 1u << 1,
};

enum nono_bundle_sig_state {
	NONO_BUNDLE_SIG_VERIFIED,     /* signed, verified with a trusted key      */
	NONO_BUNDLE_SIG_UNSIGNED,     /* no signature (ALLOW_UNSIGNED or NO_VERIFY) */
	NONO_BUNDLE_SIG_NOT_VERIFIED, /* signed, not checked (INSECURE_NO_VERIFY)  */
};

/** struct nono_bundle_section_info - one ELF section of an opened bundle. */
struct nono_bundle_section_info {
	const char *name;    /* NUL-terminated, from .shstrtab                 */
	unsigned index;      /* ELF section index (1 = .nono.header)           */
	uint32_t type;       /* SHT_PROGBITS, or SHT_STRTAB for .shstrtab      */
	uint64_t offset;     /* in the file                                    */
	const uint8_t *data; /* inside the bundle's private copy               */
	size_t size;
	uint8_t sha256[32];  /* of @data                                       */
};

struct nono_bundle;

/**
 * nono_bundle_open() - verify and parse a bundle.
 * @bytes, @len: the file. Copied first (so what is verified is what is
 *               used, even if the caller's buffer is a shared mapping that
 *               changes); the caller may free it right after.
 * @trusted, @ntrusted: Ed25519 public keys. A signed bundle must verify
 *               with the trusted key whose id it names.
 * @flags: enum nono_bundle_open_flags (0 for nono-load).
 *
 * Order: size bounds; ELF identification and header; trailer (the last 96
 * bytes); the signature — before any section is looked at; then the section
 * headers (every offset and size bounds-checked, canonical layout), the
 * .nono.header struct, the manifest, and every section's size and SHA-256
 * against the manifest.
 */
int nono_bundle_open(const uint8_t *bytes, size_t len, const uint8_t (*trusted)[32], size_t ntrusted,
		     unsigned flags, struct nono_bundle **out, char *err, size_t errlen);
void nono_bundle_free(struct nono_bundle *b);

size_t nono_bundle_size(const struct nono_bundle *b);
const uint8_t *nono_bundle_bytes(const struct nono_bundle *b);
void nono_bundle_version(const struct nono_bundle *b, unsigned *major, unsigned *minor);
/** nono_bundle_signature() - the signature state; the key id (zero when unsigned) in @key_id if non-NULL. */
enum nono_bundle_sig_state nono_bundle_signature(const struct nono_bundle *b, uint8_t key_id[NONO_KEY_ID_SIZE]);

/** Every ELF section but the null one, in file order (.nono.header first, .nono.sig last). */
size_t nono_bundle_nsections(const struct nono_bundle *b);
const struct nono_bundle_section_info *nono_bundle_section_at(const struct nono_bundle *b, size_t i);
/** nono_bundle_section() - a section's bytes by name, or NULL (size 0) when absent. */
const uint8_t *nono_bundle_section(const struct nono_bundle *b, const char *name, size_t *size);

/** The manifest JSON (not NUL-terminated) and the fields the reader parsed from it. */
const char *nono_bundle_manifest(const struct nono_bundle *b, size_t *len);
const char *nono_bundle_policy_name(const struct nono_bundle *b);
const char *nono_bundle_policy_version(const struct nono_bundle *b); /* NULL: none */
const char *nono_bundle_compiler_name(const struct nono_bundle *b);
const char *nono_bundle_compiler_version(const struct nono_bundle *b);
/** nono_bundle_build_epoch() - 1 and *@epoch when the manifest has one, else 0. */
int nono_bundle_build_epoch(const struct nono_bundle *b, uint64_t *epoch);
/** Measured inputs, sorted as in the manifest. */
size_t nono_bundle_ninputs(const struct nono_bundle *b);
const struct nono_bundle_input *nono_bundle_input_at(const struct nono_bundle *b, size_t i);

/* ---- keys ------------------------------------------------------------------
 * Text files (docs/bundle-format.md, "Key files"): a first line
 * "nono-ed25519-secret-v1" or "nono-ed25519-public-v1", a second line with
 * the standard base64 of the 32-byte Ed25519 seed or public key, a newline.
 */
#define NONO_KEY_SECRET_TAG "nono-ed25519-secret-v1"
#define NONO_KEY_PUBLIC_TAG "nono-ed25519-public-v1"
#define NONO_KEY_TEXT_SIZE 96 /* a formatted key file fits in this */

/** nono_key_generate() - a fresh key pair (libsodium layout: @sk is seed || pk). */
int nono_key_generate(uint8_t pk[32], uint8_t sk[64], char *err, size_t errlen);
/** nono_key_id() - first NONO_KEY_ID_SIZE bytes of SHA-256(@pk). */
void nono_key_id(const uint8_t pk[32], uint8_t id[NONO_KEY_ID_SIZE]);
/** nono_key_id_hex() - @id as 16 lowercase hex digits and a NUL. */
void nono_key_id_hex(const uint8_t id[NONO_KEY_ID_SIZE], char hex[2 * NONO_KEY_ID_SIZE + 1]);
/** nono_key_format_public/secret() - the key file text into @buf (NUL-terminated). Return: its length, or -1. */
int nono_key_format_public(const uint8_t pk[32], char *buf, size_t buflen);
int nono_key_format_secret(const uint8_t sk[64], char *buf, size_t buflen);
/** nono_key_parse_public/secret() - parse key file text (strict: one canonical form). */
int nono_key_parse_public(const char *text, size_t len, uint8_t pk[32], char *err, size_t errlen);
int nono_key_parse_secret(const char *text, size_t len, uint8_t sk[64], char *err, size_t errlen);
/** nono_key_load_public() - read and parse a public key file. */
int nono_key_load_public(const char *path, uint8_t pk[32], char *err, size_t errlen);
/** nono_key_load_secret() - read and parse a secret key file; refuses one that group or others can access. */
int nono_key_load_secret(const char *path, uint8_t sk[64], char *err, size_t errlen);

/* ---- files and helpers ------------------------------------------------------ */

/**
 * nono_bundle_read_file() - read a whole file for nono_bundle_open(),
 * refusing one larger than NONO_BUNDLE_MAX_SIZE without reading it all.
 * @bytes: malloc'd on success (the caller frees).
 */
int nono_bundle_read_file(const char *path, uint8_t **bytes, size_t *len, char *err, size_t errlen);
/** nono_sha256_file() - SHA-256 of a file's contents (streamed; any size). */
int nono_sha256_file(const char *path, uint8_t sha256[32], char *err, size_t errlen);
/**
 * nono_bundle_parse_epoch() - parse SOURCE_DATE_EPOCH: decimal digits only
 * (https://reproducible-builds.org/specs/source-date-epoch/). Return 0 / -1.
 */
int nono_bundle_parse_epoch(const char *text, uint64_t *epoch);
/** nono_json_valid() - 1 when @text is one well-formed JSON value (RFC 8259, UTF-8), else 0. */
int nono_json_valid(const char *text, size_t len);

/* ---- nonoc subcommands -------------------------------------------------------
 * Implemented in compiler/cmd_bundle.c, linked into the nonoc program only
 * (not libnonoc): they print and return exit codes. argv[0] is the command
 * name. Exit: 0 ok, 1 verification failed / bad bundle, 2 usage or I/O.
 */
typedef int nonoc_cmd_fn(int argc, char **argv);
/** nonoc_bundle_cmd_find() - the subcommand called @name, or NULL. */
nonoc_cmd_fn *nonoc_bundle_cmd_find(const char *name);
int nonoc_cmd_keygen(int argc, char **argv);
int nonoc_cmd_sign(int argc, char **argv);
int nonoc_cmd_verify(int argc, char **argv);
int nonoc_cmd_inspect(int argc, char **argv);
int nonoc_cmd_bundle_raw(int argc, char **argv); /* test helper, not in --help */
/* Write @path atomically (temporary file, fsync, rename); prints the error. */
int nonoc_write_atomic(const char *path, const uint8_t *buf, size_t len);

#endif /* NONO_BUNDLE_H */
