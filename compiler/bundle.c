/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The nono bundle: writer, signer and reader of the signed ELF container.
 * The format is specified in docs/bundle-format.md; bundle.h is its API.
 *
 * Layout of a bundle (all offsets chosen here, never by libelf):
 *
 *	0            ELF64 header (64 bytes, ET_NONE, EM_NONE, no program headers)
 *	64           section data, back to back, each 8-byte aligned, zero gaps:
 *	               .nono.header, .nono.manifest, content sections by name,
 *	               .shstrtab
 *	e_shoff      section header table (8-byte aligned), e_shnum entries
 *	len - 96     .nono.sig: the signature trailer, the last 96 bytes
 *
 * The reader (nono_bundle_open) uses libc and libsodium only. It does not
 * use libelf on purpose: it needs two fixed structures (the ELF header and
 * the section headers), and parsing them here means every field is checked
 * the way this format needs (strictly: one canonical layout, zero gaps), with
 * one overflow-safe bounds rule, and nono-load's trust boundary does not
 * depend on a general-purpose ELF library's leniency. The writer uses libelf
 * (ELF_F_LAYOUT), and the tests check that libelf and readelf read what we
 * write the way our reader does.
 *
 * Trust order in the reader: nothing past the fixed-offset ELF header and
 * the fixed-size trailer is looked at before the signature verifies.
 */
#include <elf.h>
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libelf.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundle.h"
#include "json.h"

#define TRAILER_SIZE ((size_t)sizeof(struct nono_bundle_trailer))
#define HEADER_SIZE ((size_t)sizeof(struct nono_bundle_header))
#define EHDR_SIZE 64u
#define SHDR_SIZE 64u
#define SECTION_ALIGN 8u
/* The Ed25519 message: the context string with its NUL, then SHA-512. */
#define SIG_CONTEXT_LEN sizeof(NONO_BUNDLE_SIG_CONTEXT)
#define SIG_MSG_LEN (SIG_CONTEXT_LEN + crypto_hash_sha512_BYTES)
#define KEY_FILE_MAX 4096 /* bytes read from a key file */

_Static_assert(sizeof(Elf64_Ehdr) == EHDR_SIZE, "ELF64 header size");
_Static_assert(sizeof(Elf64_Shdr) == SHDR_SIZE, "ELF64 section header size");
_Static_assert(crypto_sign_PUBLICKEYBYTES == 32 && crypto_sign_SECRETKEYBYTES == 64 &&
		       crypto_sign_BYTES == 64 && crypto_sign_SEEDBYTES == 32,
	       "Ed25519 sizes");
_Static_assert(NONO_BUNDLE_MAX_SIZE <= UINT32_MAX / 2, "sizes fit comfortably in 32 bits");

/* ---- small helpers ------------------------------------------------------ */

__attribute__((format(printf, 3, 4))) static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	if (err && errlen) {
		va_list ap;

		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t get64(const uint8_t *p)
{
	return (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32;
}

static uint64_t align8(uint64_t v)
{
	return (v + (SECTION_ALIGN - 1)) & ~(uint64_t)(SECTION_ALIGN - 1);
}

static int all_zero(const uint8_t *p, size_t n)
{
	uint8_t acc = 0;

	for (size_t i = 0; i < n; i++)
		acc |= p[i];
	return acc == 0;
}

static void hex(const uint8_t *bin, size_t n, char *out /* 2n+1 */)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[bin[i] >> 4];
		out[2 * i + 1] = digits[bin[i] & 15];
	}
	out[2 * n] = '\0';
}

/* 64 lowercase hex digits (the one spelling the writer uses) -> 32 bytes. */
static int unhex32(const char *s, size_t len, uint8_t out[32])
{
	if (len != 64)
		return -1;
	for (size_t i = 0; i < 64; i++) {
		char c = s[i];
		int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;

		if (v < 0)
			return -1;
		if (i % 2 == 0)
			out[i / 2] = (uint8_t)(v << 4);
		else
			out[i / 2] |= (uint8_t)v;
	}
	return 0;
}

/* Length of the well-formed UTF-8 sequence at @s (1-4), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t len)
{
	uint32_t c;
	size_t n;

	if (len == 0)
		return 0;
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		c = s[0] & 0x1fu;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3;
		c = s[0] & 0x0fu;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		c = s[0] & 0x07u;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3fu);
	}
	if ((n == 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) || (n == 4 && (c < 0x10000 || c > 0x10ffff)))
		return 0;
	return n;
}

static int utf8_valid(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;

	for (size_t i = 0; i < len;) {
		size_t n = utf8_seq(u + i, len - i);

		if (n == 0)
			return 0;
		i += n;
	}
	return 1;
}

/* Untrusted text in an error message: printable ASCII kept, the rest as
 * \xHH, at most 64 source bytes. */
static const char *printable(const char *s, size_t len, char *buf, size_t buflen)
{
	size_t o = 0, i;

	for (i = 0; i < len && i < 64 && o + 5 < buflen; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c > 0x20 && c < 0x7f && c != '\\')
			buf[o++] = (char)c;
		else
			o += (size_t)snprintf(buf + o, buflen - o, "\\x%02x", c);
	}
	if (i < len && o + 4 < buflen) {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o] = '\0';
	return buf;
}

/* ".nono." followed by [A-Za-z0-9_.-]+, at most NONO_BUNDLE_MAX_NAME bytes. */
static int content_name_ok(const char *s)
{
	size_t plen = strlen(NONO_BUNDLE_SEC_PREFIX), n = strnlen(s, NONO_BUNDLE_MAX_NAME + 1);

	if (n <= plen || n > NONO_BUNDLE_MAX_NAME || strncmp(s, NONO_BUNDLE_SEC_PREFIX, plen) != 0)
		return 0;
	for (size_t i = plen; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
		      c == '.' || c == '-'))
			return 0;
	}
	return strcmp(s, NONO_BUNDLE_SEC_HEADER) != 0 && strcmp(s, NONO_BUNDLE_SEC_MANIFEST) != 0 &&
	       strcmp(s, NONO_BUNDLE_SEC_SIG) != 0;
}

/* [a-z][a-z0-9_-]*, at most NONO_BUNDLE_MAX_KIND bytes. */
static int kind_ok(const char *s, size_t n)
{
	if (n == 0 || n > NONO_BUNDLE_MAX_KIND || !(s[0] >= 'a' && s[0] <= 'z'))
		return 0;
	for (size_t i = 1; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

static int crypto_ready(char *err, size_t errlen)
{
	if (sodium_init() < 0)
		return fail(err, errlen, "libsodium could not be initialised");
	return 0;
}

/* ---- JSON reader ------------------------------------------------------------
 * A strict RFC 8259 parser for the manifest (and nono_json_valid): UTF-8
 * only, no NUL in strings (\u0000 refused, so decoded strings are C strings),
 * paired surrogates only, duplicate object keys refused, bounded depth,
 * members per object and values. Values are nodes in one array, linked by
 * index; decoded strings live in one buffer no longer than the text.
 */
enum mj_type { MJ_NULL, MJ_FALSE, MJ_TRUE, MJ_NUMBER, MJ_STRING, MJ_ARRAY, MJ_OBJECT };

#define MJ_NONE UINT32_MAX
#define MJ_MANIFEST_DEPTH 8
#define MJ_VALIDATE_DEPTH 128
#define MJ_MAX_MEMBERS 64
#define MJ_MAX_NODES (5u * NONO_BUNDLE_MAX_INPUTS + 5u * NONO_BUNDLE_MAX_SECTIONS + 64u)

struct mj_node {
	uint8_t type;
	uint32_t first, next, count; /* children (arrays, objects), next sibling */
	uint32_t key, key_len;       /* member name in strs, or MJ_NONE          */
	uint32_t val, val_len;       /* string: decoded in strs; number: raw text */
};

struct mj_doc {
	const char *text;
	size_t len, pos;
	int store; /* 0: only validate (no nodes, no duplicate-key check) */
	unsigned max_depth;
	struct mj_node *nodes;
	uint32_t nnodes, cap;
	char *strs;
	size_t nstrs;
	char *err;
	size_t errlen;
};

static int mj_error(struct mj_doc *d, const char *what)
{
	return fail(d->err, d->errlen, "manifest is not valid JSON: %s at byte %zu", what, d->pos);
}

static int mj_new(struct mj_doc *d, uint8_t type, uint32_t *idx)
{
	if (!d->store) {
		*idx = 0;
		return 0;
	}
	if (d->nnodes >= MJ_MAX_NODES)
		return mj_error(d, "too many values");
	if (d->nnodes == d->cap) {
		uint32_t cap = d->cap ? d->cap * 2 : 64;
		struct mj_node *n;

		if (cap > MJ_MAX_NODES)
			cap = MJ_MAX_NODES;
		n = realloc(d->nodes, (size_t)cap * sizeof(*n));
		if (!n)
			return fail(d->err, d->errlen, "out of memory");
		d->nodes = n;
		d->cap = cap;
	}
	struct mj_node *n = &d->nodes[d->nnodes];

	memset(n, 0, sizeof(*n));
	n->type = type;
	n->first = n->next = n->key = MJ_NONE;
	*idx = d->nnodes++;
	return 0;
}

static void mj_ws(struct mj_doc *d)
{
	while (d->pos < d->len) {
		char c = d->text[d->pos];

		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			break;
		d->pos++;
	}
}

static int mj_hex4(struct mj_doc *d, uint32_t *out)
{
	uint32_t v = 0;

	if (d->len - d->pos < 4)
		return mj_error(d, "truncated \\u escape");
	for (int i = 0; i < 4; i++) {
		char c = d->text[d->pos + (size_t)i];
		int x = c >= '0' && c <= '9' ? c - '0'
			: c >= 'a' && c <= 'f' ? c - 'a' + 10
			: c >= 'A' && c <= 'F' ? c - 'A' + 10
					       : -1;

		if (x < 0)
			return mj_error(d, "bad hex digit in \\u escape");
		v = v << 4 | (uint32_t)x;
	}
	d->pos += 4;
	*out = v;
	return 0;
}

static void mj_put_utf8(struct mj_doc *d, uint32_t cp)
{
	char *o = d->strs + d->nstrs;

	if (cp < 0x80) {
		o[0] = (char)cp;
		d->nstrs += 1;
	} else if (cp < 0x800) {
		o[0] = (char)(0xc0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3f));
		d->nstrs += 2;
	} else if (cp < 0x10000) {
		o[0] = (char)(0xe0 | cp >> 12);
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		d->nstrs += 3;
	} else {
		o[0] = (char)(0xf0 | cp >> 18);
		o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[3] = (char)(0x80 | (cp & 0x3f));
		d->nstrs += 4;
	}
}

/* At '"': decode into strs (every escape is at least as long as what it
 * decodes to, and the quotes pay for the NUL, so strs never overflows). */
static int mj_string(struct mj_doc *d, uint32_t *off, uint32_t *slen)
{
	size_t start = d->nstrs;

	d->pos++; /* '"' */
	for (;;) {
		if (d->pos >= d->len)
			return mj_error(d, "unterminated string");
		unsigned char c = (unsigned char)d->text[d->pos];

		if (c == '"') {
			d->pos++;
			break;
		}
		if (c < 0x20)
			return mj_error(d, "control character in string");
		if (c >= 0x80) {
			size_t n = utf8_seq((const unsigned char *)d->text + d->pos, d->len - d->pos);

			if (n == 0)
				return mj_error(d, "invalid UTF-8 in string");
			memcpy(d->strs + d->nstrs, d->text + d->pos, n);
			d->nstrs += n;
			d->pos += n;
			continue;
		}
		if (c != '\\') {
			d->strs[d->nstrs++] = (char)c;
			d->pos++;
			continue;
		}
		if (++d->pos >= d->len)
			return mj_error(d, "unterminated string");
		char e = d->text[d->pos++];
		uint32_t cp, lo;

		switch (e) {
		case '"': case '\\': case '/':
			d->strs[d->nstrs++] = e;
			break;
		case 'b': d->strs[d->nstrs++] = '\b'; break;
		case 'f': d->strs[d->nstrs++] = '\f'; break;
		case 'n': d->strs[d->nstrs++] = '\n'; break;
		case 'r': d->strs[d->nstrs++] = '\r'; break;
		case 't': d->strs[d->nstrs++] = '\t'; break;
		case 'u':
			if (mj_hex4(d, &cp) < 0)
				return -1;
			if (cp >= 0xdc00 && cp <= 0xdfff)
				return mj_error(d, "unpaired low surrogate");
			if (cp >= 0xd800 && cp <= 0xdbff) {
				if (d->len - d->pos < 2 || d->text[d->pos] != '\\' || d->text[d->pos + 1] != 'u')
					return mj_error(d, "unpaired high surrogate");
				d->pos += 2;
				if (mj_hex4(d, &lo) < 0)
					return -1;
				if (lo < 0xdc00 || lo > 0xdfff)
					return mj_error(d, "unpaired high surrogate");
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			}
			if (cp == 0)
				return mj_error(d, "\\u0000 in string");
			mj_put_utf8(d, cp);
			break;
		default:
			d->pos--;
			return mj_error(d, "invalid escape in string");
		}
	}
	d->strs[d->nstrs++] = '\0';
	*off = (uint32_t)start;
	*slen = (uint32_t)(d->nstrs - 1 - start);
	return 0;
}

static int mj_digits(struct mj_doc *d)
{
	size_t s = d->pos;

	while (d->pos < d->len && d->text[d->pos] >= '0' && d->text[d->pos] <= '9')
		d->pos++;
	return d->pos > s ? 0 : mj_error(d, "invalid number");
}

static int mj_number(struct mj_doc *d)
{
	if (d->text[d->pos] == '-')
		d->pos++;
	if (d->pos < d->len && d->text[d->pos] == '0')
		d->pos++;
	else if (mj_digits(d) < 0)
		return -1;
	if (d->pos < d->len && d->text[d->pos] == '.') {
		d->pos++;
		if (mj_digits(d) < 0)
			return -1;
	}
	if (d->pos < d->len && (d->text[d->pos] == 'e' || d->text[d->pos] == 'E')) {
		d->pos++;
		if (d->pos < d->len && (d->text[d->pos] == '+' || d->text[d->pos] == '-'))
			d->pos++;
		if (mj_digits(d) < 0)
			return -1;
	}
	return 0;
}

static int mj_literal(struct mj_doc *d, const char *word)
{
	size_t n = strlen(word);

	if (d->len - d->pos < n || memcmp(d->text + d->pos, word, n) != 0)
		return mj_error(d, "unexpected character");
	d->pos += n;
	return 0;
}

static int mj_value(struct mj_doc *d, unsigned depth, uint32_t *out);

/* At '{' or '['. */
static int mj_container(struct mj_doc *d, unsigned depth, uint32_t *out)
{
	int obj = d->text[d->pos] == '{';
	char close = obj ? '}' : ']';
	uint32_t idx, last = MJ_NONE, count = 0;

	if (depth >= d->max_depth)
		return mj_error(d, "nested too deeply");
	if (mj_new(d, obj ? MJ_OBJECT : MJ_ARRAY, &idx) < 0)
		return -1;
	d->pos++;
	mj_ws(d);
	if (d->pos < d->len && d->text[d->pos] == close) {
		d->pos++;
		*out = idx;
		return 0;
	}
	for (;;) {
		uint32_t key = MJ_NONE, klen = 0, child;

		if (obj) {
			mj_ws(d);
			if (d->pos >= d->len || d->text[d->pos] != '"')
				return mj_error(d, "expected a member name");
			if (mj_string(d, &key, &klen) < 0)
				return -1;
			if (d->store && ++count > MJ_MAX_MEMBERS)
				return mj_error(d, "too many members in one object");
			if (d->store) {
				for (uint32_t c = d->nodes[idx].first; c != MJ_NONE; c = d->nodes[c].next)
					if (d->nodes[c].key_len == klen && !memcmp(d->strs + d->nodes[c].key, d->strs + key, klen))
						return mj_error(d, "duplicate member name");
			}
			mj_ws(d);
			if (d->pos >= d->len || d->text[d->pos] != ':')
				return mj_error(d, "expected ':'");
			d->pos++;
		}
		if (mj_value(d, depth + 1, &child) < 0)
			return -1;
		if (d->store) {
			d->nodes[child].key = key;
			d->nodes[child].key_len = klen;
			if (last == MJ_NONE)
				d->nodes[idx].first = child;
			else
				d->nodes[last].next = child;
			d->nodes[idx].count++;
			last = child;
		}
		mj_ws(d);
		if (d->pos >= d->len)
			return mj_error(d, "unexpected end of input");
		if (d->text[d->pos] == ',') {
			d->pos++;
			continue;
		}
		if (d->text[d->pos] == close) {
			d->pos++;
			break;
		}
		return mj_error(d, obj ? "expected ',' or '}'" : "expected ',' or ']'");
	}
	*out = idx;
	return 0;
}

static int mj_value(struct mj_doc *d, unsigned depth, uint32_t *out)
{
	uint32_t idx, off, len;
	size_t start;

	mj_ws(d);
	if (d->pos >= d->len)
		return mj_error(d, "unexpected end of input");
	switch (d->text[d->pos]) {
	case '{':
	case '[':
		return mj_container(d, depth, out);
	case '"':
		if (mj_string(d, &off, &len) < 0 || mj_new(d, MJ_STRING, &idx) < 0)
			return -1;
		if (d->store) {
			d->nodes[idx].val = off;
			d->nodes[idx].val_len = len;
		}
		break;
	case 't':
		if (mj_literal(d, "true") < 0 || mj_new(d, MJ_TRUE, &idx) < 0)
			return -1;
		break;
	case 'f':
		if (mj_literal(d, "false") < 0 || mj_new(d, MJ_FALSE, &idx) < 0)
			return -1;
		break;
	case 'n':
		if (mj_literal(d, "null") < 0 || mj_new(d, MJ_NULL, &idx) < 0)
			return -1;
		break;
	default:
		start = d->pos;
		if (d->text[d->pos] != '-' && !(d->text[d->pos] >= '0' && d->text[d->pos] <= '9'))
			return mj_error(d, "unexpected character");
		if (mj_number(d) < 0 || mj_new(d, MJ_NUMBER, &idx) < 0)
			return -1;
		if (d->store) {
			d->nodes[idx].val = (uint32_t)start;
			d->nodes[idx].val_len = (uint32_t)(d->pos - start);
		}
		break;
	}
	*out = idx;
	return 0;
}

/* Parse @text (at most NONO_BUNDLE_MAX_SIZE bytes) into @d; the root is node 0. */
static int mj_parse(struct mj_doc *d, const char *text, size_t len, int store, unsigned max_depth, char *err,
		    size_t errlen)
{
	uint32_t root;

	memset(d, 0, sizeof(*d));
	d->text = text;
	d->len = len;
	d->store = store;
	d->max_depth = max_depth;
	d->err = err;
	d->errlen = errlen;
	if (len > NONO_BUNDLE_MAX_SIZE)
		return mj_error(d, "text too long");
	d->strs = malloc(len + 1);
	if (!d->strs)
		return fail(err, errlen, "out of memory");
	if (mj_value(d, 0, &root) < 0)
		return -1;
	mj_ws(d);
	if (d->pos != d->len)
		return mj_error(d, "trailing data after the value");
	return 0;
}

static void mj_free(struct mj_doc *d)
{
	free(d->nodes);
	free(d->strs);
	d->nodes = NULL;
	d->strs = NULL;
}

static uint32_t mj_get(const struct mj_doc *d, uint32_t obj, const char *key)
{
	size_t klen = strlen(key);

	if (obj == MJ_NONE || d->nodes[obj].type != MJ_OBJECT)
		return MJ_NONE;
	for (uint32_t c = d->nodes[obj].first; c != MJ_NONE; c = d->nodes[c].next)
		if (d->nodes[c].key_len == klen && !memcmp(d->strs + d->nodes[c].key, key, klen))
			return c;
	return MJ_NONE;
}

static const char *mj_str(const struct mj_doc *d, uint32_t n, size_t *len)
{
	if (n == MJ_NONE || d->nodes[n].type != MJ_STRING)
		return NULL;
	if (len)
		*len = d->nodes[n].val_len;
	return d->strs + d->nodes[n].val;
}

/* A non-negative integer written without fraction or exponent. */
static int mj_u64(const struct mj_doc *d, uint32_t n, uint64_t *out)
{
	uint64_t v = 0;

	if (n == MJ_NONE || d->nodes[n].type != MJ_NUMBER)
		return -1;
	const char *s = d->text + d->nodes[n].val;
	size_t len = d->nodes[n].val_len;

	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		if (v > (UINT64_MAX - (uint64_t)(s[i] - '0')) / 10)
			return -1;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	*out = v;
	return 0;
}

int nono_json_valid(const char *text, size_t len)
{
	struct mj_doc d;
	int ok;

	memset(&d, 0, sizeof(d));
	ok = text && mj_parse(&d, text, len, 0, MJ_VALIDATE_DEPTH, NULL, 0) == 0;

	mj_free(&d);
	return ok;
}

/* ---- keys ------------------------------------------------------------------ */

void nono_key_id(const uint8_t pk[32], uint8_t id[NONO_KEY_ID_SIZE])
{
	uint8_t h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, pk, 32);
	memcpy(id, h, NONO_KEY_ID_SIZE);
}

void nono_key_id_hex(const uint8_t id[NONO_KEY_ID_SIZE], char out[2 * NONO_KEY_ID_SIZE + 1])
{
	hex(id, NONO_KEY_ID_SIZE, out);
}

int nono_key_generate(uint8_t pk[32], uint8_t sk[64], char *err, size_t errlen)
{
	if (crypto_ready(err, errlen) < 0)
		return -1;
	if (crypto_sign_keypair(pk, sk) != 0)
		return fail(err, errlen, "key generation failed");
	return 0;
}

#define B64_LEN 44 /* standard base64 of 32 bytes, with padding */

static int key_format(const char *tag, const uint8_t key[32], char *buf, size_t buflen)
{
	char b64[B64_LEN + 1];

	if (!buf || sodium_init() < 0)
		return -1;
	sodium_bin2base64(b64, sizeof(b64), key, 32, sodium_base64_VARIANT_ORIGINAL);
	int n = snprintf(buf, buflen, "%s\n%s\n", tag, b64);

	sodium_memzero(b64, sizeof(b64));
	return n > 0 && (size_t)n < buflen ? n : -1;
}

int nono_key_format_public(const uint8_t pk[32], char *buf, size_t buflen)
{
	return key_format(NONO_KEY_PUBLIC_TAG, pk, buf, buflen);
}

int nono_key_format_secret(const uint8_t sk[64], char *buf, size_t buflen)
{
	return key_format(NONO_KEY_SECRET_TAG, sk, buf, buflen); /* the seed: sk's first half */
}

/* "TAG\nBASE64\n" (last newline optional), base64 in its one canonical form. */
static int key_parse(const char *text, size_t len, const char *tag, const char *other_tag, const char *what,
		     uint8_t out[32], char *err, size_t errlen)
{
	size_t tlen = strlen(tag), binlen = 0;
	const char *end = NULL;
	char again[B64_LEN + 1];

	if (crypto_ready(err, errlen) < 0)
		return -1;
	if (len > strlen(other_tag) && !memcmp(text, other_tag, strlen(other_tag)) && text[strlen(other_tag)] == '\n')
		return fail(err, errlen, "this is a %s key file, not a %s key", strcmp(what, "public") ? "public" : "secret",
			    what);
	if (len <= tlen || memcmp(text, tag, tlen) != 0 || text[tlen] != '\n')
		return fail(err, errlen, "not a nono %s key file (its first line must be '%s')", what, tag);
	const char *b64 = text + tlen + 1;
	size_t rest = len - tlen - 1;

	if (rest == B64_LEN + 1 && b64[B64_LEN] == '\n')
		rest--;
	if (rest != B64_LEN)
		return fail(err, errlen, "malformed %s key file: the second line must be %d base64 characters, and nothing may follow",
			    what, B64_LEN);
	if (sodium_base642bin(out, 32, b64, B64_LEN, NULL, &binlen, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    binlen != 32 || end != b64 + B64_LEN)
		return fail(err, errlen, "malformed %s key file: the second line is not base64 of a 32-byte key", what);
	sodium_bin2base64(again, sizeof(again), out, 32, sodium_base64_VARIANT_ORIGINAL);
	int same = !memcmp(again, b64, B64_LEN);

	sodium_memzero(again, sizeof(again));
	if (!same) {
		sodium_memzero(out, 32);
		return fail(err, errlen, "malformed %s key file: the base64 is not in canonical form", what);
	}
	return 0;
}

int nono_key_parse_public(const char *text, size_t len, uint8_t pk[32], char *err, size_t errlen)
{
	return key_parse(text, len, NONO_KEY_PUBLIC_TAG, NONO_KEY_SECRET_TAG, "public", pk, err, errlen);
}

int nono_key_parse_secret(const char *text, size_t len, uint8_t sk[64], char *err, size_t errlen)
{
	uint8_t seed[32], pk[32];

	if (key_parse(text, len, NONO_KEY_SECRET_TAG, NONO_KEY_PUBLIC_TAG, "secret", seed, err, errlen) < 0)
		return -1;
	int rc = crypto_sign_seed_keypair(pk, sk, seed);

	sodium_memzero(seed, sizeof(seed));
	return rc == 0 ? 0 : fail(err, errlen, "cannot derive a key pair from the secret key");
}

/* Read at most @max bytes of a small file; more is an error. */
static int read_small(int fd, const char *path, char *buf, size_t max, size_t *len, char *err, size_t errlen)
{
	size_t n = 0;

	for (;;) {
		ssize_t r = read(fd, buf + n, max + 1 - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return fail(err, errlen, "cannot read %s: %s", path, strerror(errno));
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > max)
			return fail(err, errlen, "%s is not a key file (larger than %zu bytes)", path, max);
	}
	*len = n;
	return 0;
}

int nono_key_load_public(const char *path, uint8_t pk[32], char *err, size_t errlen)
{
	char buf[KEY_FILE_MAX + 1], msg[NONO_BUNDLE_ERR_SIZE];
	size_t len;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return fail(err, errlen, "cannot open public key %s: %s", path, strerror(errno));
	int rc = read_small(fd, path, buf, KEY_FILE_MAX, &len, err, errlen);

	close(fd);
	if (rc < 0)
		return -1;
	if (nono_key_parse_public(buf, len, pk, msg, sizeof(msg)) < 0)
		return fail(err, errlen, "%s: %s", path, msg);
	return 0;
}

int nono_key_load_secret(const char *path, uint8_t sk[64], char *err, size_t errlen)
{
	char buf[KEY_FILE_MAX + 1], msg[NONO_BUNDLE_ERR_SIZE];
	size_t len = 0;
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc;

	if (fd < 0)
		return fail(err, errlen, "cannot open secret key %s: %s", path, strerror(errno));
	if (fstat(fd, &st) < 0) {
		rc = fail(err, errlen, "cannot stat %s: %s", path, strerror(errno));
	} else if (!S_ISREG(st.st_mode)) {
		rc = fail(err, errlen, "secret key %s is not a regular file", path);
	} else if (st.st_mode & 077) {
		rc = fail(err, errlen, "secret key %s can be read by group or others (mode %04o); run 'chmod 600 %s'",
			  path, (unsigned)(st.st_mode & 07777), path);
	} else {
		rc = read_small(fd, path, buf, KEY_FILE_MAX, &len, err, errlen);
		if (rc == 0 && nono_key_parse_secret(buf, len, sk, msg, sizeof(msg)) < 0)
			rc = fail(err, errlen, "%s: %s", path, msg);
	}
	close(fd);
	sodium_memzero(buf, sizeof(buf));
	return rc;
}

/* ---- signature -------------------------------------------------------------- */

/* The Ed25519 message for a bundle of @len bytes (len >= TRAILER_SIZE):
 * NONO_BUNDLE_SIG_CONTEXT, its NUL, SHA-512(bytes[0, len - 64)). */
static void sig_message(const uint8_t *bytes, size_t len, uint8_t msg[SIG_MSG_LEN])
{
	memcpy(msg, NONO_BUNDLE_SIG_CONTEXT, SIG_CONTEXT_LEN);
	crypto_hash_sha512(msg + SIG_CONTEXT_LEN, bytes, len - crypto_sign_BYTES);
}

/* Fill the trailer of a laid-out bundle and sign it in place. */
static void sign_in_place(uint8_t *bytes, size_t len, const uint8_t sk[64])
{
	struct nono_bundle_trailer t;
	uint8_t msg[SIG_MSG_LEN];

	memcpy(&t, bytes + len - TRAILER_SIZE, TRAILER_SIZE);
	t.flags = htole32(NONO_BUNDLE_SIG_F_SIGNED);
	nono_key_id(sk + 32, t.key_id); /* libsodium's secret key ends with the public key */
	memset(t.signature, 0, sizeof(t.signature));
	memcpy(bytes + len - TRAILER_SIZE, &t, TRAILER_SIZE);
	sig_message(bytes, len, msg);
	crypto_sign_detached(bytes + len - crypto_sign_BYTES, NULL, msg, sizeof(msg), sk);
}

/* ---- reader ------------------------------------------------------------------- */

struct manifest_section {
	const char *name;
	uint64_t size;
	uint8_t sha256[32];
	int matched;
};

struct nono_bundle {
	uint8_t *bytes;
	size_t len;
	unsigned major, minor;
	enum nono_bundle_sig_state sig;
	uint8_t key_id[NONO_KEY_ID_SIZE];
	struct nono_bundle_section_info *sect; /* ELF sections 1..shnum-1 */
	size_t nsect;
	const char *manifest;
	size_t manifest_len;
	struct mj_doc doc; /* owns the manifest's decoded strings */
	const char *policy_name, *policy_version, *compiler_name, *compiler_version;
	int has_epoch;
	uint64_t epoch;
	struct nono_bundle_input *inputs;
	size_t ninputs;
	struct manifest_section *msect;
	size_t nmsect;
};

/* The ELF header: fixed offsets, nothing followed. Leaves e_shoff/e_shnum. */
static int check_elf_header(const uint8_t *p, size_t len, uint64_t *shoff, unsigned *shnum, char *err, size_t errlen)
{
	if (memcmp(p, ELFMAG, SELFMAG) != 0)
		return fail(err, errlen, "not a nono bundle: no ELF magic at the start of the file");
	if (p[EI_CLASS] != ELFCLASS64)
		return fail(err, errlen, "not a nono bundle: ELF class %u, expected 64-bit (2)", (unsigned)p[EI_CLASS]);
	if (p[EI_DATA] != ELFDATA2LSB)
		return fail(err, errlen, "not a nono bundle: ELF data encoding %u, expected little-endian (1)", (unsigned)p[EI_DATA]);
	if (p[EI_VERSION] != EV_CURRENT || get32(p + offsetof(Elf64_Ehdr, e_version)) != EV_CURRENT)
		return fail(err, errlen, "not a nono bundle: ELF version is not 1");
	if (p[EI_OSABI] != ELFOSABI_NONE || p[EI_ABIVERSION] != 0 || !all_zero(p + EI_PAD, EI_NIDENT - EI_PAD))
		return fail(err, errlen, "not a nono bundle: ELF OS/ABI, ABI version or identification padding not zero");

	unsigned type = get16(p + offsetof(Elf64_Ehdr, e_type));
	unsigned machine = get16(p + offsetof(Elf64_Ehdr, e_machine));

	if (type != ET_NONE || machine != EM_NONE)
		return fail(err, errlen,
			    "not a nono bundle: ELF type %u, machine %u (a bundle is type NONE, machine NONE: "
			    "data, not code)", type, machine);
	if (get64(p + offsetof(Elf64_Ehdr, e_entry)) != 0 || get64(p + offsetof(Elf64_Ehdr, e_phoff)) != 0 ||
	    get32(p + offsetof(Elf64_Ehdr, e_flags)) != 0 || get16(p + offsetof(Elf64_Ehdr, e_phentsize)) != 0 ||
	    get16(p + offsetof(Elf64_Ehdr, e_phnum)) != 0)
		return fail(err, errlen, "malformed bundle: ELF entry point, flags or program headers are not zero");
	if (get16(p + offsetof(Elf64_Ehdr, e_ehsize)) != EHDR_SIZE ||
	    get16(p + offsetof(Elf64_Ehdr, e_shentsize)) != SHDR_SIZE)
		return fail(err, errlen, "malformed bundle: ELF header or section header size is not 64");

	unsigned n = get16(p + offsetof(Elf64_Ehdr, e_shnum));
	unsigned strndx = get16(p + offsetof(Elf64_Ehdr, e_shstrndx));
	uint64_t off = get64(p + offsetof(Elf64_Ehdr, e_shoff));
	uint64_t sht_end = len - TRAILER_SIZE; /* len >= NONO_BUNDLE_MIN_SIZE */

	if (n < 5 || n > NONO_BUNDLE_MAX_SECTIONS)
		return fail(err, errlen, "malformed bundle: %u ELF sections (a bundle has 5 to %u)", n,
			    NONO_BUNDLE_MAX_SECTIONS);
	if (strndx != n - 2)
		return fail(err, errlen, "malformed bundle: section name table index %u, expected %u", strndx, n - 2);
	if (off % SECTION_ALIGN != 0 || off < EHDR_SIZE || off > sht_end || sht_end - off != (uint64_t)n * SHDR_SIZE)
		return fail(err, errlen,
			    "malformed bundle: the section header table (offset %" PRIu64 ", %u entries) does not end "
			    "where the signature trailer begins (byte %" PRIu64 "): truncated or extended file?",
			    off, n, sht_end);
	*shoff = off;
	*shnum = n;
	return 0;
}

/* The trailer: the last TRAILER_SIZE bytes, found without reading any section. */
static int check_trailer(const uint8_t *p, size_t len, struct nono_bundle_trailer *t, char *err, size_t errlen)
{
	memcpy(t, p + len - TRAILER_SIZE, TRAILER_SIZE);
	t->version = le32toh(t->version);
	t->flags = le32toh(t->flags);
	t->file_size = le64toh(t->file_size);
	if (memcmp(t->magic, NONO_BUNDLE_SIG_MAGIC, sizeof(t->magic)) != 0)
		return fail(err, errlen, "no signature trailer at the end of the file (truncated, extended or not a nono bundle)");
	if (t->version != NONO_BUNDLE_SIG_VERSION)
		return fail(err, errlen, "signature trailer version %" PRIu32 " is not supported (this reader knows %d)",
			    t->version, NONO_BUNDLE_SIG_VERSION);
	if (t->flags & ~NONO_BUNDLE_SIG_F_SIGNED)
		return fail(err, errlen, "signature trailer has unknown flags 0x%" PRIx32, t->flags);
	if (t->file_size != len)
		return fail(err, errlen, "the signature trailer records a %" PRIu64 "-byte file, but it has %zu bytes",
			    t->file_size, len);
	if (!(t->flags & NONO_BUNDLE_SIG_F_SIGNED) &&
	    (!all_zero(t->key_id, sizeof(t->key_id)) || !all_zero(t->signature, sizeof(t->signature))))
		return fail(err, errlen, "the signature trailer says unsigned but holds a key id or signature");
	return 0;
}

static int check_signature(struct nono_bundle *b, const struct nono_bundle_trailer *t, const uint8_t (*trusted)[32],
			   size_t ntrusted, unsigned flags, char *err, size_t errlen)
{
	char idhex[2 * NONO_KEY_ID_SIZE + 1], list[4 * (2 * NONO_KEY_ID_SIZE + 2) + 8];
	uint8_t msg[SIG_MSG_LEN];
	size_t matched = 0, o = 0;

	if (!(t->flags & NONO_BUNDLE_SIG_F_SIGNED)) {
		b->sig = NONO_BUNDLE_SIG_UNSIGNED;
		if (flags & (NONO_BUNDLE_ALLOW_UNSIGNED | NONO_BUNDLE_INSECURE_NO_VERIFY))
			return 0;
		return fail(err, errlen, "bundle is not signed (sign it with 'nonoc sign BUNDLE --key KEY'; "
					 "unsigned bundles are for development only)");
	}
	memcpy(b->key_id, t->key_id, NONO_KEY_ID_SIZE);
	nono_key_id_hex(t->key_id, idhex);
	if (flags & NONO_BUNDLE_INSECURE_NO_VERIFY) {
		b->sig = NONO_BUNDLE_SIG_NOT_VERIFIED;
		return 0;
	}
	if (ntrusted == 0 || !trusted)
		return fail(err, errlen, "no trusted public key to verify the bundle with (it names key id %s)", idhex);
	sig_message(b->bytes, b->len, msg);
	for (size_t i = 0; i < ntrusted; i++) {
		uint8_t id[NONO_KEY_ID_SIZE];

		nono_key_id(trusted[i], id);
		if (memcmp(id, t->key_id, NONO_KEY_ID_SIZE) != 0)
			continue;
		matched++;
		if (crypto_sign_verify_detached(t->signature, msg, sizeof(msg), trusted[i]) == 0) {
			b->sig = NONO_BUNDLE_SIG_VERIFIED;
			return 0;
		}
	}
	if (matched)
		return fail(err, errlen,
			    "bundle signature does not verify with trusted key %s: the file was modified after it was "
			    "signed, or is damaged", idhex);
	for (size_t i = 0; i < ntrusted && i < 4; i++) {
		uint8_t id[NONO_KEY_ID_SIZE];
		char h[2 * NONO_KEY_ID_SIZE + 1];

		nono_key_id(trusted[i], id);
		nono_key_id_hex(id, h);
		o += (size_t)snprintf(list + o, sizeof(list) - o, "%s%s", i ? ", " : "", h);
	}
	if (ntrusted > 4)
		snprintf(list + o, sizeof(list) - o, ", ...");
	return fail(err, errlen, "bundle signature does not verify with any trusted key (it names key id %s; trusted: %s)",
		    idhex, list);
}

/* Section headers, after the signature. Canonical layout only: index order
 * .nono.header, .nono.manifest, content sections by strictly increasing
 * name, .shstrtab, .nono.sig; data back to back from byte 64, each at the
 * next multiple of 8, zero gaps; then the section header table; then the
 * trailer. One encoding per content means nothing can hide in the file. */
static int parse_sections(struct nono_bundle *b, uint64_t shoff, unsigned shnum, char *err, size_t errlen)
{
	const uint8_t *p = b->bytes;
	const uint8_t *strh = p + shoff + (uint64_t)(shnum - 2) * SHDR_SIZE;
	uint64_t stroff = get64(strh + offsetof(Elf64_Shdr, sh_offset));
	uint64_t strsize = get64(strh + offsetof(Elf64_Shdr, sh_size));
	uint64_t end = EHDR_SIZE, strpos = 1;
	char pbuf[300];

	if (!all_zero(p + shoff, SHDR_SIZE))
		return fail(err, errlen, "malformed bundle: ELF section 0 is not the null section");
	if (get32(strh + offsetof(Elf64_Shdr, sh_type)) != SHT_STRTAB)
		return fail(err, errlen, "malformed bundle: section %u is not the section name table", shnum - 2);
	if (stroff > b->len || strsize > b->len - stroff)
		return fail(err, errlen, "section .shstrtab extends past end of file (offset %" PRIu64 ", size %" PRIu64
					 ", file %zu bytes)", stroff, strsize, b->len);
	const char *strtab = (const char *)p + stroff;

	if (strsize < 2 || strtab[0] != '\0' || strtab[strsize - 1] != '\0')
		return fail(err, errlen, "malformed bundle: the section name table is not NUL-delimited");

	b->nsect = shnum - 1;
	b->sect = calloc(b->nsect, sizeof(*b->sect));
	if (!b->sect)
		return fail(err, errlen, "out of memory");
	for (unsigned i = 1; i < shnum; i++) {
		const uint8_t *h = p + shoff + (uint64_t)i * SHDR_SIZE;
		struct nono_bundle_section_info *s = &b->sect[i - 1];
		uint32_t name = get32(h + offsetof(Elf64_Shdr, sh_name));
		uint32_t type = get32(h + offsetof(Elf64_Shdr, sh_type));
		uint64_t off = get64(h + offsetof(Elf64_Shdr, sh_offset));
		uint64_t size = get64(h + offsetof(Elf64_Shdr, sh_size));
		uint64_t align = get64(h + offsetof(Elf64_Shdr, sh_addralign));
		const char *want = i == 1 ? NONO_BUNDLE_SEC_HEADER
				   : i == 2 ? NONO_BUNDLE_SEC_MANIFEST
				   : i == shnum - 2 ? NONO_BUNDLE_SEC_SHSTRTAB
				   : i == shnum - 1 ? NONO_BUNDLE_SEC_SIG
						    : NULL;
		const char *nm;

		if (name >= strsize)
			return fail(err, errlen, "malformed bundle: section %u's name is outside the section name table", i);
		nm = strtab + name;
		if (want ? strcmp(nm, want) != 0 : !content_name_ok(nm))
			return fail(err, errlen, "malformed bundle: section %u is named '%s', expected %s", i,
				    printable(nm, strlen(nm), pbuf, sizeof(pbuf)),
				    want ? want : "'.nono.NAME' (letters, digits, '_', '.', '-')");
		if (!want && i > 3 && strcmp(nm, b->sect[i - 2].name) <= 0)
			return fail(err, errlen, "malformed bundle: section %s comes after %s (content sections are "
						 "sorted by name, each once)", nm, b->sect[i - 2].name);
		/* The name table lists every name once, in index order. */
		if (name != strpos)
			return fail(err, errlen, "malformed bundle: the section name table is not in canonical order");
		strpos += strlen(nm) + 1;

		if (off > b->len || size > b->len - off)
			return fail(err, errlen, "section %s extends past end of file (offset %" PRIu64 ", size %" PRIu64
						 ", file %zu bytes)", nm, off, size, b->len);
		if (type != (i == shnum - 2 ? SHT_STRTAB : SHT_PROGBITS))
			return fail(err, errlen, "malformed bundle: section %s has ELF type %" PRIu32, nm, type);
		if (get64(h + offsetof(Elf64_Shdr, sh_flags)) || get64(h + offsetof(Elf64_Shdr, sh_addr)) ||
		    get32(h + offsetof(Elf64_Shdr, sh_link)) || get32(h + offsetof(Elf64_Shdr, sh_info)) ||
		    get64(h + offsetof(Elf64_Shdr, sh_entsize)))
			return fail(err, errlen, "malformed bundle: section %s has non-zero flags, address, link, info "
						 "or entry size", nm);
		if (align != (i == shnum - 2 ? 1u : SECTION_ALIGN))
			return fail(err, errlen, "malformed bundle: section %s has alignment %" PRIu64, nm, align);

		uint64_t expect = i == shnum - 1 ? b->len - TRAILER_SIZE : align8(end);

		if (i == shnum - 1 && size != TRAILER_SIZE)
			return fail(err, errlen, "malformed bundle: section .nono.sig is %" PRIu64 " bytes, not %zu", size,
				    TRAILER_SIZE);
		if (off != expect)
			return fail(err, errlen, "malformed bundle: section %s is at offset %" PRIu64 ", expected %" PRIu64
						 " (sections are laid out back to back, 8-byte aligned)", nm, off, expect);
		if (i < shnum - 1) {
			if (!all_zero(p + end, off - end))
				return fail(err, errlen, "malformed bundle: non-zero padding before section %s", nm);
			end = off + size;
		}
		if (i == shnum - 2) {
			if (align8(end) != shoff)
				return fail(err, errlen, "malformed bundle: the section header table is at offset %" PRIu64
							 ", expected %" PRIu64, shoff, align8(end));
			if (!all_zero(p + end, shoff - end))
				return fail(err, errlen, "malformed bundle: non-zero padding before the section header table");
		}
		s->name = nm;
		s->index = i;
		s->type = type;
		s->offset = off;
		s->data = p + off;
		s->size = (size_t)size;
		crypto_hash_sha256(s->sha256, s->data, s->size);
	}
	if (strpos != strsize)
		return fail(err, errlen, "malformed bundle: the section name table has unused bytes");
	return 0;
}

static int check_header_section(struct nono_bundle *b, unsigned shnum, char *err, size_t errlen)
{
	const struct nono_bundle_section_info *s = &b->sect[0];
	struct nono_bundle_header h;

	if (s->size < HEADER_SIZE)
		return fail(err, errlen, "section .nono.header is %zu bytes, shorter than the %zu-byte header", s->size,
			    HEADER_SIZE);
	memcpy(&h, s->data, HEADER_SIZE);
	if (memcmp(h.magic, NONO_BUNDLE_MAGIC, sizeof(h.magic)) != 0)
		return fail(err, errlen, "not a nono bundle: bad magic in .nono.header");
	b->major = le16toh(h.major);
	b->minor = le16toh(h.minor);
	if (b->major != NONO_BUNDLE_MAJOR)
		return fail(err, errlen, "bundle format %u.%u is not supported (this reader reads format %d.x)", b->major,
			    b->minor, NONO_BUNDLE_MAJOR);
	if (le32toh(h.header_size) != s->size || (b->minor == 0 && s->size != HEADER_SIZE))
		return fail(err, errlen, "malformed bundle: .nono.header says it is %" PRIu32 " bytes, the section is %zu",
			    le32toh(h.header_size), s->size);
	if (h.flags != 0)
		return fail(err, errlen, "bundle header has flags 0x%" PRIx32 " that this reader does not know",
			    le32toh(h.flags));
	if (le32toh(h.section_count) != shnum)
		return fail(err, errlen, "malformed bundle: the header counts %" PRIu32 " sections, the ELF file has %u",
			    le32toh(h.section_count), shnum);
	if (h.reserved != 0)
		return fail(err, errlen, "malformed bundle: reserved header field is not zero");
	return 0;
}

static int manifest_str(struct nono_bundle *b, uint32_t obj, const char *key, const char *where, int allow_null,
			const char **out, size_t *outlen, char *err, size_t errlen)
{
	uint32_t n = mj_get(&b->doc, obj, key);
	size_t len = 0;

	if (allow_null && n != MJ_NONE && b->doc.nodes[n].type == MJ_NULL) {
		*out = NULL;
		return 0;
	}
	*out = mj_str(&b->doc, n, &len);
	if (!*out)
		return fail(err, errlen, "manifest: %s%s is missing or not a string", where, key);
	if (len == 0 || len > NONO_BUNDLE_MAX_STRING)
		return fail(err, errlen, "manifest: %s%s is empty or longer than %u bytes", where, key,
			    NONO_BUNDLE_MAX_STRING);
	if (outlen)
		*outlen = len;
	return 0;
}

static int input_cmp(const struct nono_bundle_input *a, const struct nono_bundle_input *b)
{
	int c = strcmp(a->kind, b->kind);

	if (c == 0)
		c = strcmp(a->path, b->path);
	return c;
}

static int parse_manifest(struct nono_bundle *b, char *err, size_t errlen)
{
	const struct nono_bundle_section_info *s = &b->sect[1];
	struct mj_doc *d = &b->doc;
	char pbuf[300];
	uint32_t root = 0, n;

	b->manifest = (const char *)s->data;
	b->manifest_len = s->size;
	if (s->size > NONO_BUNDLE_MAX_MANIFEST)
		return fail(err, errlen, "the manifest is %zu bytes, larger than the %u-byte limit", s->size,
			    NONO_BUNDLE_MAX_MANIFEST);
	if (mj_parse(d, b->manifest, b->manifest_len, 1, MJ_MANIFEST_DEPTH, err, errlen) < 0)
		return -1;
	if (d->nodes[root].type != MJ_OBJECT)
		return fail(err, errlen, "manifest: not a JSON object");

	n = mj_get(d, root, "policy");
	if (n == MJ_NONE || d->nodes[n].type != MJ_OBJECT)
		return fail(err, errlen, "manifest: policy is missing or not an object");
	if (manifest_str(b, n, "name", "policy.", 0, &b->policy_name, NULL, err, errlen) < 0 ||
	    manifest_str(b, n, "version", "policy.", 1, &b->policy_version, NULL, err, errlen) < 0)
		return -1;
	n = mj_get(d, root, "compiler");
	if (n == MJ_NONE || d->nodes[n].type != MJ_OBJECT)
		return fail(err, errlen, "manifest: compiler is missing or not an object");
	if (manifest_str(b, n, "name", "compiler.", 0, &b->compiler_name, NULL, err, errlen) < 0 ||
	    manifest_str(b, n, "version", "compiler.", 0, &b->compiler_version, NULL, err, errlen) < 0)
		return -1;
	n = mj_get(d, root, "build_epoch");
	if (n != MJ_NONE) {
		if (mj_u64(d, n, &b->epoch) < 0)
			return fail(err, errlen, "manifest: build_epoch is not a non-negative integer");
		b->has_epoch = 1;
	}

	n = mj_get(d, root, "inputs");
	if (n == MJ_NONE || d->nodes[n].type != MJ_ARRAY)
		return fail(err, errlen, "manifest: inputs is missing or not an array");
	if (d->nodes[n].count > NONO_BUNDLE_MAX_INPUTS)
		return fail(err, errlen, "manifest: more than %u inputs", NONO_BUNDLE_MAX_INPUTS);
	b->inputs = calloc(d->nodes[n].count ? d->nodes[n].count : 1, sizeof(*b->inputs));
	if (!b->inputs)
		return fail(err, errlen, "out of memory");
	for (uint32_t c = d->nodes[n].first; c != MJ_NONE; c = d->nodes[c].next) {
		struct nono_bundle_input *in = &b->inputs[b->ninputs];
		const char *sha;
		size_t klen, shalen;

		if (d->nodes[c].type != MJ_OBJECT)
			return fail(err, errlen, "manifest: inputs[%zu] is not an object", b->ninputs);
		if (manifest_str(b, c, "kind", "inputs[].", 0, &in->kind, &klen, err, errlen) < 0 ||
		    manifest_str(b, c, "path", "inputs[].", 0, &in->path, NULL, err, errlen) < 0 ||
		    manifest_str(b, c, "sha256", "inputs[].", 0, &sha, &shalen, err, errlen) < 0)
			return -1;
		if (!kind_ok(in->kind, klen))
			return fail(err, errlen, "manifest: inputs[%zu] has an invalid kind '%s'", b->ninputs,
				    printable(in->kind, klen, pbuf, sizeof(pbuf)));
		if (unhex32(sha, shalen, in->sha256) < 0)
			return fail(err, errlen, "manifest: inputs[%zu].sha256 is not 64 lowercase hex digits", b->ninputs);
		if (b->ninputs && input_cmp(&b->inputs[b->ninputs - 1], in) >= 0)
			return fail(err, errlen, "manifest: inputs are not sorted by kind and path, or one is repeated "
						 "(inputs[%zu])", b->ninputs);
		b->ninputs++;
	}

	n = mj_get(d, root, "sections");
	if (n == MJ_NONE || d->nodes[n].type != MJ_ARRAY)
		return fail(err, errlen, "manifest: sections is missing or not an array");
	if (d->nodes[n].count > NONO_BUNDLE_MAX_SECTIONS)
		return fail(err, errlen, "manifest: more than %u sections", NONO_BUNDLE_MAX_SECTIONS);
	b->msect = calloc(d->nodes[n].count ? d->nodes[n].count : 1, sizeof(*b->msect));
	if (!b->msect)
		return fail(err, errlen, "out of memory");
	for (uint32_t c = d->nodes[n].first; c != MJ_NONE; c = d->nodes[c].next) {
		struct manifest_section *ms = &b->msect[b->nmsect];
		const char *sha;
		size_t shalen;

		if (d->nodes[c].type != MJ_OBJECT)
			return fail(err, errlen, "manifest: sections[%zu] is not an object", b->nmsect);
		if (manifest_str(b, c, "name", "sections[].", 0, &ms->name, NULL, err, errlen) < 0 ||
		    manifest_str(b, c, "sha256", "sections[].", 0, &sha, &shalen, err, errlen) < 0)
			return -1;
		if (mj_u64(d, mj_get(d, c, "size"), &ms->size) < 0)
			return fail(err, errlen, "manifest: sections[%zu].size is missing or not a non-negative integer",
				    b->nmsect);
		if (unhex32(sha, shalen, ms->sha256) < 0)
			return fail(err, errlen, "manifest: sections[%zu].sha256 is not 64 lowercase hex digits", b->nmsect);
		b->nmsect++;
	}
	return 0;
}

/* Every section but the manifest itself, the name table and the trailer
 * (which the signature covers directly) is in the manifest, exactly once,
 * with its size and SHA-256; the manifest names no other section. */
static int check_digests(struct nono_bundle *b, char *err, size_t errlen)
{
	char pbuf[300], have[65], want[65];

	for (size_t i = 0; i < b->nsect; i++) {
		const struct nono_bundle_section_info *s = &b->sect[i];
		struct manifest_section *m = NULL;

		if (!strcmp(s->name, NONO_BUNDLE_SEC_MANIFEST) || !strcmp(s->name, NONO_BUNDLE_SEC_SHSTRTAB) ||
		    !strcmp(s->name, NONO_BUNDLE_SEC_SIG))
			continue;
		for (size_t j = 0; j < b->nmsect; j++) {
			if (strcmp(b->msect[j].name, s->name) != 0)
				continue;
			if (m)
				return fail(err, errlen, "manifest: section %s is listed twice", s->name);
			m = &b->msect[j];
		}
		if (!m)
			return fail(err, errlen, "section %s is not listed in the manifest", s->name);
		m->matched = 1;
		if (m->size != s->size)
			return fail(err, errlen, "section %s is %zu bytes, but the manifest says %" PRIu64, s->name, s->size,
				    m->size);
		if (sodium_memcmp(m->sha256, s->sha256, 32) != 0) {
			hex(s->sha256, 32, have);
			hex(m->sha256, 32, want);
			return fail(err, errlen, "section %s does not match its manifest digest (sha256 %s, manifest says %s)",
				    s->name, have, want);
		}
	}
	for (size_t j = 0; j < b->nmsect; j++)
		if (!b->msect[j].matched)
			return fail(err, errlen, "manifest lists section '%s', which the bundle does not have",
				    printable(b->msect[j].name, strlen(b->msect[j].name), pbuf, sizeof(pbuf)));
	return 0;
}

int nono_bundle_open(const uint8_t *bytes, size_t len, const uint8_t (*trusted)[32], size_t ntrusted,
		     unsigned flags, struct nono_bundle **out, char *err, size_t errlen)
{
	struct nono_bundle_trailer t;
	struct nono_bundle *b;
	uint64_t shoff = 0;
	unsigned shnum = 0;

	if (err && errlen)
		err[0] = '\0';
	if (!out)
		return fail(err, errlen, "nono_bundle_open: no place for the result");
	*out = NULL;
	if (!bytes && len)
		return fail(err, errlen, "nono_bundle_open: no bytes");
	if (flags & ~(unsigned)(NONO_BUNDLE_ALLOW_UNSIGNED | NONO_BUNDLE_INSECURE_NO_VERIFY))
		return fail(err, errlen, "nono_bundle_open: unknown flags 0x%x", flags);
	/* 1. size bounds: nothing is read before these hold */
	if (len < NONO_BUNDLE_MIN_SIZE)
		return fail(err, errlen, "file is %zu bytes, too small to be a nono bundle (at least %u)", len,
			    NONO_BUNDLE_MIN_SIZE);
	if (len > NONO_BUNDLE_MAX_SIZE)
		return fail(err, errlen, "file is %zu bytes, larger than the bundle size limit (%u MiB)", len,
			    NONO_BUNDLE_MAX_SIZE >> 20);
	if (crypto_ready(err, errlen) < 0)
		return -1;
	b = calloc(1, sizeof(*b));
	if (!b)
		return fail(err, errlen, "out of memory");
	/* A private copy: what is verified below is exactly what is used. */
	b->bytes = malloc(len);
	if (!b->bytes) {
		free(b);
		return fail(err, errlen, "out of memory");
	}
	memcpy(b->bytes, bytes, len);
	b->len = len;

	/* 2. ELF header, 3. trailer, 4. signature: no section read yet */
	if (check_elf_header(b->bytes, len, &shoff, &shnum, err, errlen) < 0 ||
	    check_trailer(b->bytes, len, &t, err, errlen) < 0 ||
	    check_signature(b, &t, trusted, ntrusted, flags, err, errlen) < 0 ||
	    /* 5. sections, header, manifest, digests */
	    parse_sections(b, shoff, shnum, err, errlen) < 0 || check_header_section(b, shnum, err, errlen) < 0 ||
	    parse_manifest(b, err, errlen) < 0 || check_digests(b, err, errlen) < 0) {
		nono_bundle_free(b);
		return -1;
	}
	*out = b;
	return 0;
}

void nono_bundle_free(struct nono_bundle *b)
{
	if (!b)
		return;
	mj_free(&b->doc);
	free(b->inputs);
	free(b->msect);
	free(b->sect);
	free(b->bytes);
	free(b);
}

size_t nono_bundle_size(const struct nono_bundle *b)
{
	return b->len;
}

const uint8_t *nono_bundle_bytes(const struct nono_bundle *b)
{
	return b->bytes;
}

void nono_bundle_version(const struct nono_bundle *b, unsigned *major, unsigned *minor)
{
	if (major)
		*major = b->major;
	if (minor)
		*minor = b->minor;
}

enum nono_bundle_sig_state nono_bundle_signature(const struct nono_bundle *b, uint8_t key_id[NONO_KEY_ID_SIZE])
{
	if (key_id)
		memcpy(key_id, b->key_id, NONO_KEY_ID_SIZE);
	return b->sig;
}

size_t nono_bundle_nsections(const struct nono_bundle *b)
{
	return b->nsect;
}

const struct nono_bundle_section_info *nono_bundle_section_at(const struct nono_bundle *b, size_t i)
{
	return i < b->nsect ? &b->sect[i] : NULL;
}

const uint8_t *nono_bundle_section(const struct nono_bundle *b, const char *name, size_t *size)
{
	for (size_t i = 0; i < b->nsect; i++) {
		if (!strcmp(b->sect[i].name, name)) {
			if (size)
				*size = b->sect[i].size;
			return b->sect[i].data;
		}
	}
	if (size)
		*size = 0;
	return NULL;
}

const char *nono_bundle_manifest(const struct nono_bundle *b, size_t *len)
{
	if (len)
		*len = b->manifest_len;
	return b->manifest;
}

const char *nono_bundle_policy_name(const struct nono_bundle *b)
{
	return b->policy_name;
}

const char *nono_bundle_policy_version(const struct nono_bundle *b)
{
	return b->policy_version;
}

const char *nono_bundle_compiler_name(const struct nono_bundle *b)
{
	return b->compiler_name;
}

const char *nono_bundle_compiler_version(const struct nono_bundle *b)
{
	return b->compiler_version;
}

int nono_bundle_build_epoch(const struct nono_bundle *b, uint64_t *epoch)
{
	if (b->has_epoch && epoch)
		*epoch = b->epoch;
	return b->has_epoch;
}

size_t nono_bundle_ninputs(const struct nono_bundle *b)
{
	return b->ninputs;
}

const struct nono_bundle_input *nono_bundle_input_at(const struct nono_bundle *b, size_t i)
{
	return i < b->ninputs ? &b->inputs[i] : NULL;
}

/* ---- writer ------------------------------------------------------------------- */

static int blob_cmp(const void *a, const void *b)
{
	return strcmp((*(const struct nono_bundle_blob *const *)a)->name, (*(const struct nono_bundle_blob *const *)b)->name);
}

static int input_sort_cmp(const void *a, const void *b)
{
	const struct nono_bundle_input *x = *(const struct nono_bundle_input *const *)a;
	const struct nono_bundle_input *y = *(const struct nono_bundle_input *const *)b;
	int c = input_cmp(x, y);

	return c ? c : memcmp(x->sha256, y->sha256, 32);
}

static int string_ok(const char *s, const char *what, char *err, size_t errlen)
{
	size_t n = s ? strnlen(s, NONO_BUNDLE_MAX_STRING + 1) : 0;

	if (n == 0 || n > NONO_BUNDLE_MAX_STRING)
		return fail(err, errlen, "%s is empty or longer than %u bytes", what, NONO_BUNDLE_MAX_STRING);
	if (!utf8_valid(s, n))
		return fail(err, errlen, "%s is not valid UTF-8", what);
	return 0;
}

/* The manifest, canonical: members in a fixed order, inputs and sections
 * sorted, two-space indentation, one final newline, no floating point. */
static int write_manifest(const struct nono_bundle_spec *spec, const struct nono_bundle_input *const *inputs,
			  size_t ninputs, const char *const *names, const size_t *sizes, uint8_t (*digests)[32],
			  size_t nsect, char **out, size_t *outlen, char *err, size_t errlen)
{
	struct json_writer w;
	char h[65];
	FILE *f = open_memstream(out, outlen);

	if (!f)
		return fail(err, errlen, "out of memory");
	json_init(&w, f, 2);
	json_object_begin(&w);
	json_key(&w, "policy");
	json_object_begin(&w);
	json_key_string(&w, "name", spec->policy_name);
	json_key_string(&w, "version", spec->policy_version); /* NULL: null */
	json_object_end(&w);
	json_key(&w, "compiler");
	json_object_begin(&w);
	json_key_string(&w, "name", "nonoc");
	json_key_string(&w, "version", spec->compiler_version);
	json_object_end(&w);
	if (spec->has_epoch)
		json_key_uint(&w, "build_epoch", spec->epoch);
	json_key(&w, "inputs");
	json_array_begin(&w);
	for (size_t i = 0; i < ninputs; i++) {
		json_object_begin(&w);
		json_key_string(&w, "kind", inputs[i]->kind);
		json_key_string(&w, "path", inputs[i]->path);
		hex(inputs[i]->sha256, 32, h);
		json_key_string(&w, "sha256", h);
		json_object_end(&w);
	}
	json_array_end(&w);
	json_key(&w, "sections");
	json_array_begin(&w);
	for (size_t i = 0; i < nsect; i++) {
		json_object_begin(&w);
		json_key_string(&w, "name", names[i]);
		json_key_uint(&w, "size", sizes[i]);
		hex(digests[i], 32, h);
		json_key_string(&w, "sha256", h);
		json_object_end(&w);
	}
	json_array_end(&w);
	json_object_end(&w);
	json_finish(&w);
	int bad = ferror(f);

	if (fclose(f) != 0 || bad || !*out) {
		free(*out);
		*out = NULL;
		return fail(err, errlen, "cannot write the manifest (out of memory)");
	}
	return 0;
}

struct layout_section {
	const char *name;
	const void *data;
	size_t size;
	uint32_t type, name_off;
	uint64_t align, offset;
};

/* Write the laid-out sections with libelf into a memory file, read it back. */
static int elf_emit(const struct layout_section *ls, size_t n, uint64_t shoff, size_t total, uint8_t **out,
		    char *err, size_t errlen)
{
	Elf *e = NULL;
	int fd = -1, rc = -1;
	uint8_t *buf = NULL;

	if (elf_version(EV_CURRENT) == EV_NONE)
		return fail(err, errlen, "libelf: %s", elf_errmsg(-1));
	fd = memfd_create("nono-bundle", MFD_CLOEXEC);
	if (fd < 0)
		return fail(err, errlen, "memfd_create: %s", strerror(errno));
	e = elf_begin(fd, ELF_C_WRITE, NULL);
	if (!e) {
		fail(err, errlen, "libelf: %s", elf_errmsg(-1));
		goto out;
	}
	Elf64_Ehdr *eh = elf64_newehdr(e);

	if (!eh) {
		fail(err, errlen, "libelf: %s", elf_errmsg(-1));
		goto out;
	}
	memset(eh->e_ident, 0, EI_NIDENT);
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_ident[EI_OSABI] = ELFOSABI_NONE;
	eh->e_type = ET_NONE;    /* data, not an object, executable or core file */
	eh->e_machine = EM_NONE; /* for no machine: the BPF object inside has its own ELF */
	eh->e_version = EV_CURRENT;
	eh->e_ehsize = EHDR_SIZE;
	eh->e_shentsize = SHDR_SIZE;
	eh->e_shoff = shoff;
	eh->e_shstrndx = (Elf64_Half)(n - 1); /* ls[] has no null entry: index n-1 is .shstrtab */
	elf_fill(0);
	if (elf_flagelf(e, ELF_C_SET, ELF_F_LAYOUT) == 0) {
		fail(err, errlen, "libelf: %s", elf_errmsg(-1));
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		Elf_Scn *scn = elf_newscn(e);
		Elf_Data *d = scn ? elf_newdata(scn) : NULL;
		Elf64_Shdr *sh = scn ? elf64_getshdr(scn) : NULL;

		if (!d || !sh) {
			fail(err, errlen, "libelf: %s", elf_errmsg(-1));
			goto out;
		}
		d->d_buf = ls[i].size ? (void *)(uintptr_t)ls[i].data : NULL;
		d->d_size = ls[i].size;
		d->d_type = ELF_T_BYTE;
		d->d_align = 1;
		d->d_off = 0;
		d->d_version = EV_CURRENT;
		sh->sh_name = ls[i].name_off;
		sh->sh_type = ls[i].type;
		sh->sh_offset = ls[i].offset;
		sh->sh_size = ls[i].size;
		sh->sh_addralign = ls[i].align;
	}
	off_t written = elf_update(e, ELF_C_WRITE);

	if (written < 0) {
		fail(err, errlen, "libelf: %s", elf_errmsg(-1));
		goto out;
	}
	if ((size_t)written != total) {
		fail(err, errlen, "libelf wrote %lld bytes, the layout has %zu", (long long)written, total);
		goto out;
	}
	elf_end(e);
	e = NULL;
	buf = malloc(total);
	if (!buf) {
		fail(err, errlen, "out of memory");
		goto out;
	}
	for (size_t got = 0; got < total;) {
		ssize_t r = pread(fd, buf + got, total - got, (off_t)got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			fail(err, errlen, "reading back the bundle: %s", r < 0 ? strerror(errno) : "short file");
			goto out;
		}
		got += (size_t)r;
	}
	*out = buf;
	buf = NULL;
	rc = 0;
out:
	free(buf);
	if (e)
		elf_end(e);
	close(fd);
	return rc;
}

int nono_bundle_build(const struct nono_bundle_spec *spec, const uint8_t *sk, uint8_t **out, size_t *outlen,
		      char *err, size_t errlen)
{
	const struct nono_bundle_blob **blobs = NULL;
	const struct nono_bundle_input **inputs = NULL;
	struct layout_section *ls = NULL;
	const char **names = NULL;
	size_t *sizes = NULL, ninputs = 0, nls, total = 0, strsize = 1;
	uint8_t(*digests)[32] = NULL;
	char *manifest = NULL, *strtab = NULL, pbuf[300];
	size_t manifest_len = 0;
	uint8_t *bytes = NULL;
	struct nono_bundle_header hdr;
	struct nono_bundle_trailer trailer;
	int rc = -1;

	if (err && errlen)
		err[0] = '\0';
	if (!spec || !out || !outlen)
		return fail(err, errlen, "nono_bundle_build: missing argument");
	*out = NULL;
	*outlen = 0;
	if (crypto_ready(err, errlen) < 0)
		return -1;
	if (string_ok(spec->policy_name, "the policy name", err, errlen) < 0 ||
	    (spec->policy_version && string_ok(spec->policy_version, "the policy version", err, errlen) < 0) ||
	    string_ok(spec->compiler_version, "the compiler version", err, errlen) < 0)
		return -1;
	if (spec->ninputs > NONO_BUNDLE_MAX_INPUTS)
		return fail(err, errlen, "%zu measured inputs, more than the limit of %u", spec->ninputs,
			    NONO_BUNDLE_MAX_INPUTS);
	if (spec->nsections + 5 > NONO_BUNDLE_MAX_SECTIONS)
		return fail(err, errlen, "%zu content sections, more than the limit of %u", spec->nsections,
			    NONO_BUNDLE_MAX_SECTIONS - 5);
	if ((spec->ninputs && !spec->inputs) || (spec->nsections && !spec->sections))
		return fail(err, errlen, "nono_bundle_build: missing inputs or sections");

	/* Sections sorted by name; inputs by kind, path, digest. */
	blobs = calloc(spec->nsections + 1, sizeof(*blobs));
	inputs = calloc(spec->ninputs + 1, sizeof(*inputs));
	if (!blobs || !inputs) {
		fail(err, errlen, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < spec->nsections; i++) {
		const struct nono_bundle_blob *bl = &spec->sections[i];

		if (!bl->name || !content_name_ok(bl->name)) {
			fail(err, errlen, "invalid section name '%s' (expected '.nono.NAME': letters, digits, '_', '.', "
					  "'-', at most %u bytes; not .nono.header, .nono.manifest or .nono.sig)",
			     bl->name ? printable(bl->name, strlen(bl->name), pbuf, sizeof(pbuf)) : "(null)",
			     NONO_BUNDLE_MAX_NAME);
			goto out;
		}
		if (bl->size > NONO_BUNDLE_MAX_SIZE || (bl->size && !bl->data)) {
			fail(err, errlen, "section %s: %s", bl->name, bl->size && !bl->data ? "no data" : "too large");
			goto out;
		}
		blobs[i] = bl;
	}
	qsort(blobs, spec->nsections, sizeof(*blobs), blob_cmp);
	for (size_t i = 1; i < spec->nsections; i++) {
		if (!strcmp(blobs[i - 1]->name, blobs[i]->name)) {
			fail(err, errlen, "section %s is given twice", blobs[i]->name);
			goto out;
		}
	}
	for (size_t i = 0; i < spec->ninputs; i++) {
		const struct nono_bundle_input *in = &spec->inputs[i];

		if (!in->kind || !kind_ok(in->kind, strnlen(in->kind, NONO_BUNDLE_MAX_KIND + 1))) {
			fail(err, errlen, "invalid input kind '%s' (lowercase letters, digits, '_', '-', at most %u bytes)",
			     in->kind ? printable(in->kind, strlen(in->kind), pbuf, sizeof(pbuf)) : "(null)",
			     NONO_BUNDLE_MAX_KIND);
			goto out;
		}
		if (string_ok(in->path, "an input path", err, errlen) < 0)
			goto out;
		inputs[i] = in;
	}
	qsort(inputs, spec->ninputs, sizeof(*inputs), input_sort_cmp);
	for (size_t i = 0; i < spec->ninputs; i++) {
		if (ninputs && input_cmp(inputs[ninputs - 1], inputs[i]) == 0) {
			if (memcmp(inputs[ninputs - 1]->sha256, inputs[i]->sha256, 32) == 0)
				continue; /* the same measurement twice */
			fail(err, errlen, "input %s '%s' is given twice with different digests", inputs[i]->kind,
			     printable(inputs[i]->path, strlen(inputs[i]->path), pbuf, sizeof(pbuf)));
			goto out;
		}
		inputs[ninputs++] = inputs[i];
	}

	/* Layout: .nono.header, .nono.manifest, content..., .shstrtab, then
	 * the section header table, then .nono.sig (ls[] has no null entry). */
	nls = spec->nsections + 4;
	ls = calloc(nls, sizeof(*ls));
	names = calloc(spec->nsections + 1, sizeof(*names));
	sizes = calloc(spec->nsections + 1, sizeof(*sizes));
	digests = calloc(spec->nsections + 1, sizeof(*digests));
	if (!ls || !names || !sizes || !digests) {
		fail(err, errlen, "out of memory");
		goto out;
	}
	memset(&hdr, 0, sizeof(hdr));
	memcpy(hdr.magic, NONO_BUNDLE_MAGIC, sizeof(hdr.magic));
	hdr.major = htole16(NONO_BUNDLE_MAJOR);
	hdr.minor = htole16(NONO_BUNDLE_MINOR);
	hdr.header_size = htole32((uint32_t)HEADER_SIZE);
	hdr.section_count = htole32((uint32_t)(nls + 1));

	/* What the manifest lists: the header and every content section. */
	names[0] = NONO_BUNDLE_SEC_HEADER;
	sizes[0] = HEADER_SIZE;
	crypto_hash_sha256(digests[0], (const uint8_t *)&hdr, HEADER_SIZE);
	for (size_t i = 0; i < spec->nsections; i++) {
		names[i + 1] = blobs[i]->name;
		sizes[i + 1] = blobs[i]->size;
		crypto_hash_sha256(digests[i + 1], blobs[i]->data ? blobs[i]->data : (const void *)"", blobs[i]->size);
	}
	if (write_manifest(spec, inputs, ninputs, names, sizes, digests, spec->nsections + 1, &manifest, &manifest_len,
			   err, errlen) < 0)
		goto out;
	if (manifest_len > NONO_BUNDLE_MAX_MANIFEST) {
		fail(err, errlen, "the manifest would be %zu bytes, more than the limit of %u", manifest_len,
		     NONO_BUNDLE_MAX_MANIFEST);
		goto out;
	}

	ls[0] = (struct layout_section){ NONO_BUNDLE_SEC_HEADER, &hdr, HEADER_SIZE, SHT_PROGBITS, 0, SECTION_ALIGN, 0 };
	ls[1] = (struct layout_section){ NONO_BUNDLE_SEC_MANIFEST, manifest, manifest_len, SHT_PROGBITS, 0,
					 SECTION_ALIGN, 0 };
	for (size_t i = 0; i < spec->nsections; i++)
		ls[i + 2] = (struct layout_section){ blobs[i]->name, blobs[i]->data, blobs[i]->size, SHT_PROGBITS, 0,
						     SECTION_ALIGN, 0 };
	ls[nls - 2] = (struct layout_section){ NONO_BUNDLE_SEC_SHSTRTAB, NULL, 0, SHT_STRTAB, 0, 1, 0 };
	ls[nls - 1] = (struct layout_section){ NONO_BUNDLE_SEC_SIG, &trailer, TRAILER_SIZE, SHT_PROGBITS, 0,
					       SECTION_ALIGN, 0 };
	for (size_t i = 0; i < nls; i++)
		strsize += strlen(ls[i].name) + 1;
	strtab = calloc(1, strsize);
	if (!strtab) {
		fail(err, errlen, "out of memory");
		goto out;
	}
	for (size_t i = 0, pos = 1; i < nls; i++) {
		ls[i].name_off = (uint32_t)pos;
		memcpy(strtab + pos, ls[i].name, strlen(ls[i].name) + 1);
		pos += strlen(ls[i].name) + 1;
	}
	ls[nls - 2].data = strtab;
	ls[nls - 2].size = strsize;

	uint64_t pos = EHDR_SIZE, shoff;

	for (size_t i = 0; i + 1 < nls; i++) {
		ls[i].offset = align8(pos);
		pos = ls[i].offset + ls[i].size;
		if (pos > NONO_BUNDLE_MAX_SIZE)
			break;
	}
	shoff = align8(pos);
	ls[nls - 1].offset = shoff + (uint64_t)(nls + 1) * SHDR_SIZE;
	if (pos > NONO_BUNDLE_MAX_SIZE || ls[nls - 1].offset + TRAILER_SIZE > NONO_BUNDLE_MAX_SIZE) {
		fail(err, errlen, "the bundle would be larger than the size limit (%u MiB)", NONO_BUNDLE_MAX_SIZE >> 20);
		goto out;
	}
	total = (size_t)(ls[nls - 1].offset + TRAILER_SIZE);
	memset(&trailer, 0, sizeof(trailer));
	memcpy(trailer.magic, NONO_BUNDLE_SIG_MAGIC, sizeof(trailer.magic));
	trailer.version = htole32(NONO_BUNDLE_SIG_VERSION);
	trailer.file_size = htole64((uint64_t)total);

	if (elf_emit(ls, nls, shoff, total, &bytes, err, errlen) < 0)
		goto out;

	/* The writer never hands out what its own reader would refuse. */
	struct nono_bundle *check;
	char why[NONO_BUNDLE_ERR_SIZE];

	if (nono_bundle_open(bytes, total, NULL, 0, NONO_BUNDLE_INSECURE_NO_VERIFY, &check, why, sizeof(why)) < 0) {
		fail(err, errlen, "internal error: the bundle just written does not read back: %s", why);
		goto out;
	}
	nono_bundle_free(check);
	if (sk)
		sign_in_place(bytes, total, sk);
	*out = bytes;
	*outlen = total;
	bytes = NULL;
	rc = 0;
out:
	free(bytes);
	free(strtab);
	free(manifest);
	free(digests);
	free(sizes);
	free(names);
	free(ls);
	free(inputs);
	free(blobs);
	return rc;
}

int nono_bundle_sign(const uint8_t *bytes, size_t len, const uint8_t *sk, uint8_t **out, size_t *outlen, char *err,
		     size_t errlen)
{
	struct nono_bundle *b;

	if (!out || !outlen || !sk)
		return fail(err, errlen, "nono_bundle_sign: missing argument");
	*out = NULL;
	*outlen = 0;
	if (nono_bundle_open(bytes, len, NULL, 0, NONO_BUNDLE_INSECURE_NO_VERIFY, &b, err, errlen) < 0)
		return -1;
	nono_bundle_free(b);
	uint8_t *copy = malloc(len);

	if (!copy)
		return fail(err, errlen, "out of memory");
	memcpy(copy, bytes, len);
	sign_in_place(copy, len, sk);
	*out = copy;
	*outlen = len;
	return 0;
}

/* ---- files ---------------------------------------------------------------------- */

int nono_bundle_read_file(const char *path, uint8_t **bytes, size_t *len, char *err, size_t errlen)
{
	struct stat st;
	uint8_t *buf = NULL;
	size_t n = 0, cap = 0;
	int fd;

	*bytes = NULL;
	*len = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fail(err, errlen, "cannot open %s: %s", path, strerror(errno));
	if (fstat(fd, &st) < 0) {
		fail(err, errlen, "cannot stat %s: %s", path, strerror(errno));
		goto bad;
	}
	if (S_ISDIR(st.st_mode)) {
		fail(err, errlen, "%s is a directory", path);
		goto bad;
	}
	if (S_ISREG(st.st_mode) && (uint64_t)st.st_size > NONO_BUNDLE_MAX_SIZE) {
		fail(err, errlen, "%s is %lld bytes, larger than the bundle size limit (%u MiB)", path,
		     (long long)st.st_size, NONO_BUNDLE_MAX_SIZE >> 20);
		goto bad;
	}
	for (;;) {
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 65536;
			uint8_t *nb;

			if (ncap > (size_t)NONO_BUNDLE_MAX_SIZE + 1)
				ncap = (size_t)NONO_BUNDLE_MAX_SIZE + 1;
			nb = realloc(buf, ncap);
			if (!nb) {
				fail(err, errlen, "out of memory reading %s", path);
				goto bad;
			}
			buf = nb;
			cap = ncap;
		}
		ssize_t r = read(fd, buf + n, cap - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			fail(err, errlen, "cannot read %s: %s", path, strerror(errno));
			goto bad;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > NONO_BUNDLE_MAX_SIZE) {
			fail(err, errlen, "%s is larger than the bundle size limit (%u MiB)", path,
			     NONO_BUNDLE_MAX_SIZE >> 20);
			goto bad;
		}
	}
	close(fd);
	*bytes = buf;
	*len = n;
	return 0;
bad:
	free(buf);
	close(fd);
	return -1;
}

int nono_sha256_file(const char *path, uint8_t sha256[32], char *err, size_t errlen)
{
	crypto_hash_sha256_state st;
	uint8_t buf[65536];
	int fd;

	if (crypto_ready(err, errlen) < 0)
		return -1;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fail(err, errlen, "cannot open %s: %s", path, strerror(errno));
	crypto_hash_sha256_init(&st);
	for (;;) {
		ssize_t r = read(fd, buf, sizeof(buf));

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;

			close(fd);
			return fail(err, errlen, "cannot read %s: %s", path, strerror(e));
		}
		if (r == 0)
			break;
		crypto_hash_sha256_update(&st, buf, (unsigned long long)r);
	}
	close(fd);
	crypto_hash_sha256_final(&st, sha256);
	return 0;
}

int nono_bundle_parse_epoch(const char *text, uint64_t *epoch)
{
	uint64_t v = 0;

	if (!text || !*text)
		return -1;
	for (const char *p = text; *p; p++) {
		if (*p < '0' || *p > '9' || v > (UINT64_MAX - (uint64_t)(*p - '0')) / 10)
			return -1;
		v = v * 10 + (uint64_t)(*p - '0');
	}
	*epoch = v;
	return 0;
}
