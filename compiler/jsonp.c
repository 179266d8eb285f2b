/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The strict JSON parser (see jsonp.h for the contract).
 *
 * Recursive descent over the text, at most JP_MAX_DEPTH frames deep. While
 * a container is open its elements (and, for an object, their names) sit on
 * a growable scratch stack; when it closes they are copied, exactly sized,
 * into the document's arena and popped, so the stack only ever holds the
 * elements of the containers still open. Strings are decoded into a scratch
 * buffer and then copied into the arena, NUL-terminated. Duplicate member
 * names are found when the object closes: pairwise for small objects, by
 * sorting references to the names for larger ones (O(n log n)).
 *
 * Every function returns -1 after recording the first error (position and
 * message); nothing is printed. The arena and the scratch space are freed
 * on every path.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* strtod_l (nonoc's build defines it; nono-load may not) */
#endif
#include <errno.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonp.h"

/* ---- the tree ------------------------------------------------------------ */

enum { NUM_U64, NUM_I64, NUM_F64 }; /* NUM_I64 only for negative integers */

struct jp_member;

struct jp_value {
	uint8_t type; /* enum jp_type */
	uint8_t num;  /* numbers: NUM_*; booleans: the value */
	size_t n;     /* string: bytes; array/object: elements */
	union {
		uint64_t u;
		int64_t i;
		double d;
		const char *s;
		struct jp_value *items;     /* array */
		struct jp_member *members;  /* object */
	} u;
};

struct jp_member {
	const char *key;
	struct jp_value v;
};

/* The arena: a list of chunks, bump-allocated, freed all at once. */
struct chunk {
	struct chunk *next;
	size_t used, cap;
	_Alignas(16) unsigned char data[];
};

#define CHUNK_MIN (64u * 1024)

struct jp_doc {
	struct chunk *chunks;
	struct jp_value root;
};

static void *arena_get(struct jp_doc *doc, size_t size)
{
	struct chunk *c = doc->chunks;

	size = (size + 15) & ~(size_t)15;
	if (size == 0)
		size = 16;
	if (!c || c->cap - c->used < size) {
		size_t cap = size > CHUNK_MIN ? size : CHUNK_MIN;

		c = malloc(sizeof(*c) + cap);
		if (!c)
			return NULL;
		c->used = 0;
		c->cap = cap;
		/* A big block goes behind the current chunk, which keeps its free space. */
		if (doc->chunks && cap > CHUNK_MIN) {
			c->next = doc->chunks->next;
			doc->chunks->next = c;
		} else {
			c->next = doc->chunks;
			doc->chunks = c;
		}
	}
	void *p = c->data + c->used;

	c->used += size;
	return p;
}

/* ---- the parser ---------------------------------------------------------- */

struct slot {                 /* an element of an open container */
	struct jp_member m;   /* m.key NULL in arrays */
	size_t keypos;        /* where the member name starts (duplicates) */
	size_t keylen;
};

struct parser {
	const char *s;
	size_t len, pos;
	struct jp_doc *doc;
	struct slot *stk;
	size_t nstk, capstk;
	char *buf;            /* decoded string / number text */
	size_t nbuf, capbuf;
	size_t nvalues;
	unsigned depth;
	locale_t cloc;        /* the "C" locale for strtod_l, made on first use */
	int failed;
	size_t errpos;
	char msg[JP_ERR_SIZE];
};

__attribute__((format(printf, 3, 4))) static int fail_at(struct parser *p, size_t pos, const char *fmt, ...)
{
	va_list ap;

	if (p->failed)
		return -1;
	p->failed = 1;
	p->errpos = pos;
	va_start(ap, fmt);
	vsnprintf(p->msg, sizeof(p->msg), fmt, ap);
	va_end(ap);
	return -1;
}

static int oom(struct parser *p)
{
	return fail_at(p, 0, "out of memory");
}

/* How to name the byte at @pos in a message. */
static const char *describe(const struct parser *p, size_t pos, char *b, size_t n)
{
	unsigned char c;

	if (pos >= p->len)
		return "end of input";
	c = (unsigned char)p->s[pos];
	if (c > 0x20 && c < 0x7f)
		snprintf(b, n, "'%c'", c);
	else if (c < 0x80)
		snprintf(b, n, "U+%04X", c);
	else
		snprintf(b, n, "byte 0x%02X", c);
	return b;
}

static int unexpected(struct parser *p, const char *wanted)
{
	char b[16];

	return fail_at(p, p->pos, "expected %s, not %s", wanted, describe(p, p->pos, b, sizeof(b)));
}

static void skip_ws(struct parser *p)
{
	while (p->pos < p->len) {
		char c = p->s[p->pos];

		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			return;
		p->pos++;
	}
}

static int buf_reserve(struct parser *p, size_t more)
{
	if (p->capbuf - p->nbuf >= more)
		return 0;
	size_t cap = p->capbuf ? p->capbuf : 256;

	while (cap - p->nbuf < more)
		cap *= 2;
	char *nb = realloc(p->buf, cap);

	if (!nb)
		return oom(p);
	p->buf = nb;
	p->capbuf = cap;
	return 0;
}

static int push(struct parser *p, const struct slot *sl)
{
	if (p->nstk == p->capstk) {
		size_t cap = p->capstk ? p->capstk * 2 : 64;
		struct slot *ns = realloc(p->stk, cap * sizeof(*ns));

		if (!ns)
			return oom(p);
		p->stk = ns;
		p->capstk = cap;
	}
	p->stk[p->nstk++] = *sl;
	return 0;
}

/* The length of the well-formed UTF-8 sequence at @pos, or 0. */
static size_t utf8_len(const struct parser *p, size_t pos)
{
	const unsigned char *s = (const unsigned char *)p->s + pos;
	size_t avail = p->len - pos, n;
	unsigned char lo = 0x80, hi = 0xbf; /* allowed range of the second byte */

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	if (s[0] == 0xe0)
		lo = 0xa0;  /* overlong */
	else if (s[0] == 0xed)
		hi = 0x9f;  /* surrogates */
	else if (s[0] == 0xf0)
		lo = 0x90;  /* overlong */
	else if (s[0] == 0xf4)
		hi = 0x8f;  /* above U+10FFFF */
	if (avail < n || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

static int hex4(struct parser *p, size_t pos, unsigned *out)
{
	unsigned v = 0;

	for (size_t i = 0; i < 4; i++) {
		char c = pos + i < p->len ? p->s[pos + i] : '\0';

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return fail_at(p, pos + i, "\\u must be followed by four hex digits");
	}
	*out = v;
	return 0;
}

static int put_cp(struct parser *p, unsigned cp)
{
	unsigned char b[4];
	size_t n;

	if (cp < 0x80) {
		b[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (unsigned char)(0xc0 | (cp >> 6));
		b[1] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (unsigned char)(0xe0 | (cp >> 12));
		b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		b[2] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		b[0] = (unsigned char)(0xf0 | (cp >> 18));
		b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
		b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		b[3] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	if (buf_reserve(p, n) < 0)
		return -1;
	memcpy(p->buf + p->nbuf, b, n);
	p->nbuf += n;
	return 0;
}

/* A string at p->pos (the opening quote): decoded into the arena. */
static int parse_string(struct parser *p, const char **out, size_t *outlen)
{
	size_t start = p->pos;

	p->pos++;
	p->nbuf = 0;
	for (;;) {
		size_t run = p->pos;

		/* Copy plain ASCII runs in one go. */
		while (p->pos < p->len) {
			unsigned char c = (unsigned char)p->s[p->pos];

			if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80 || p->nbuf + (p->pos - run) > JP_MAX_STRING)
				break;
			p->pos++;
		}
		if (p->pos > run) {
			if (buf_reserve(p, p->pos - run) < 0)
				return -1;
			memcpy(p->buf + p->nbuf, p->s + run, p->pos - run);
			p->nbuf += p->pos - run;
		}
		if (p->nbuf > JP_MAX_STRING)
			return fail_at(p, start, "string longer than %u bytes", JP_MAX_STRING);
		if (p->pos >= p->len)
			return fail_at(p, start, "unterminated string");

		unsigned char c = (unsigned char)p->s[p->pos];

		if (c == '"') {
			p->pos++;
			break;
		}
		if (c < 0x20)
			return fail_at(p, p->pos, "control character U+%04X in a string (write it as an escape)", c);
		if (c >= 0x80) {
			size_t n = utf8_len(p, p->pos);

			if (!n)
				return fail_at(p, p->pos, "invalid UTF-8 (byte 0x%02X)", c);
			if (buf_reserve(p, n) < 0)
				return -1;
			memcpy(p->buf + p->nbuf, p->s + p->pos, n);
			p->nbuf += n;
			p->pos += n;
			continue;
		}
		/* An escape. */
		size_t esc = p->pos;
		char e = p->pos + 1 < p->len ? p->s[p->pos + 1] : '\0';
		unsigned cp;

		p->pos += 2;
		switch (e) {
		case '"': cp = '"'; break;
		case '\\': cp = '\\'; break;
		case '/': cp = '/'; break;
		case 'b': cp = '\b'; break;
		case 'f': cp = '\f'; break;
		case 'n': cp = '\n'; break;
		case 'r': cp = '\r'; break;
		case 't': cp = '\t'; break;
		case 'u':
			if (hex4(p, p->pos, &cp) < 0)
				return -1;
			p->pos += 4;
			if (cp == 0)
				return fail_at(p, esc, "\\u0000 is not allowed (strings may not contain NUL)");
			if (cp >= 0xdc00 && cp <= 0xdfff)
				return fail_at(p, esc, "unpaired surrogate \\u%04X (a low surrogate must follow a high one)", cp);
			if (cp >= 0xd800 && cp <= 0xdbff) {
				unsigned lo;

				if (p->pos + 1 >= p->len || p->s[p->pos] != '\\' || p->s[p->pos + 1] != 'u')
					return fail_at(p, esc, "unpaired surrogate \\u%04X (a \\u low surrogate must follow)", cp);
				if (hex4(p, p->pos + 2, &lo) < 0)
					return -1;
				if (lo < 0xdc00 || lo > 0xdfff)
					return fail_at(p, p->pos, "\\u%04X after the high surrogate \\u%04X is not a low surrogate",
						       lo, cp);
				p->pos += 6;
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			}
			break;
		default:
			if (esc + 1 >= p->len)
				return fail_at(p, start, "unterminated string");
			return fail_at(p, esc, "invalid escape '\\%c'", e >= 0x21 && e < 0x7f ? e : '?');
		}
		if (put_cp(p, cp) < 0)
			return -1;
	}
	if (p->nbuf > JP_MAX_STRING)
		return fail_at(p, start, "string longer than %u bytes", JP_MAX_STRING);
	char *s = arena_get(p->doc, p->nbuf + 1);

	if (!s)
		return oom(p);
	if (p->nbuf)
		memcpy(s, p->buf, p->nbuf); /* p->buf is still NULL before the first non-empty string */
	s[p->nbuf] = '\0';
	*out = s;
	*outlen = p->nbuf;
	return 0;
}

static int is_digit(const struct parser *p, size_t pos)
{
	return pos < p->len && p->s[pos] >= '0' && p->s[pos] <= '9';
}

static int parse_number(struct parser *p, struct jp_value *v)
{
	size_t start = p->pos, digits;
	int neg = 0, integer = 1;

	if (p->s[p->pos] == '-') {
		neg = 1;
		p->pos++;
	}
	digits = p->pos;
	if (!is_digit(p, p->pos))
		return unexpected(p, "a digit");
	if (p->s[p->pos] == '0') {
		p->pos++;
		if (is_digit(p, p->pos))
			return fail_at(p, start, "number with a leading zero");
	} else {
		while (is_digit(p, p->pos))
			p->pos++;
	}
	size_t int_end = p->pos;

	if (p->pos < p->len && p->s[p->pos] == '.') {
		integer = 0;
		p->pos++;
		if (!is_digit(p, p->pos))
			return unexpected(p, "a digit after the decimal point");
		while (is_digit(p, p->pos))
			p->pos++;
	}
	if (p->pos < p->len && (p->s[p->pos] == 'e' || p->s[p->pos] == 'E')) {
		integer = 0;
		p->pos++;
		if (p->pos < p->len && (p->s[p->pos] == '+' || p->s[p->pos] == '-'))
			p->pos++;
		if (!is_digit(p, p->pos))
			return unexpected(p, "a digit in the exponent");
		while (is_digit(p, p->pos))
			p->pos++;
	}
	v->type = JP_NUMBER;
	if (integer) {
		uint64_t mag = 0;
		int over = 0;

		for (size_t i = digits; i < int_end; i++) {
			unsigned d = (unsigned)(p->s[i] - '0');

			if (mag > (UINT64_MAX - d) / 10) {
				over = 1;
				break;
			}
			mag = mag * 10 + d;
		}
		if (!over && (!neg || mag == 0)) {
			v->num = NUM_U64; /* -0 is 0 */
			v->u.u = mag;
			return 0;
		}
		if (!over && mag <= (uint64_t)INT64_MAX + 1) {
			v->num = NUM_I64;
			v->u.i = mag == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)mag;
			return 0;
		}
		/* Too large for an integer type: a double, as any other number. */
	}
	size_t n = p->pos - start;
	char *end;

	p->nbuf = 0;
	if (buf_reserve(p, n + 1) < 0)
		return -1;
	memcpy(p->buf, p->s + start, n);
	p->buf[n] = '\0';
	if (!p->cloc) {
		p->cloc = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
		if (!p->cloc)
			return oom(p);
	}
	errno = 0;
	v->num = NUM_F64;
	v->u.d = strtod_l(p->buf, &end, p->cloc);
	if (end != p->buf + n)
		return fail_at(p, start, "malformed number");
	if (errno == ERANGE && (v->u.d > 1.0 || v->u.d < -1.0))
		return fail_at(p, start, "number out of range (too large for a double)");
	return 0;
}

static int literal(struct parser *p, const char *word, size_t n)
{
	if (p->len - p->pos < n || memcmp(p->s + p->pos, word, n) != 0)
		return fail_at(p, p->pos, "invalid literal (expected true, false or null)");
	p->pos += n;
	return 0;
}

static int parse_value(struct parser *p, struct jp_value *v);

static int key_ref_cmp(const void *a, const void *b)
{
	const struct slot *x = *(const struct slot *const *)a, *y = *(const struct slot *const *)b;

	if (x->keylen != y->keylen)
		return x->keylen < y->keylen ? -1 : 1;
	int c = memcmp(x->m.key, y->m.key, x->keylen);

	if (c)
		return c;
	return x->keypos < y->keypos ? -1 : x->keypos > y->keypos;
}

static int same_key(const struct slot *a, const struct slot *b)
{
	return a->keylen == b->keylen && memcmp(a->m.key, b->m.key, a->keylen) == 0;
}

/* The members p->stk[base..] of one object: the first repeated name, if any. */
static int check_duplicates(struct parser *p, size_t base)
{
	size_t n = p->nstk - base, dup = (size_t)-1;
	const struct slot *dupslot = NULL;

	if (n <= 16) {
		for (size_t i = base + 1; i < p->nstk && !dupslot; i++)
			for (size_t j = base; j < i; j++)
				if (same_key(&p->stk[i], &p->stk[j])) {
					dupslot = &p->stk[i];
					break;
				}
	} else {
		const struct slot **ref = malloc(n * sizeof(*ref));

		if (!ref)
			return oom(p);
		for (size_t i = 0; i < n; i++)
			ref[i] = &p->stk[base + i];
		qsort(ref, n, sizeof(*ref), key_ref_cmp);
		/* Sorted by name, then position: in a run of one name, the second
		 * entry is its first repetition; report the earliest. */
		for (size_t i = 1; i < n; i++)
			if (same_key(ref[i], ref[i - 1]) && ref[i]->keypos < dup) {
				dup = ref[i]->keypos;
				dupslot = ref[i];
			}
		free(ref);
	}
	if (!dupslot)
		return 0;
	/* Name the key when it is short, printable ASCII. */
	int printable = dupslot->keylen <= 40;

	for (size_t i = 0; printable && i < dupslot->keylen; i++)
		printable = dupslot->m.key[i] >= 0x20 && dupslot->m.key[i] < 0x7f;
	if (printable)
		return fail_at(p, dupslot->keypos, "duplicate member name \"%s\"", dupslot->m.key);
	return fail_at(p, dupslot->keypos, "duplicate member name");
}

static int parse_container(struct parser *p, struct jp_value *v, int object)
{
	size_t open = p->pos, base = p->nstk;
	char close = object ? '}' : ']';

	if (++p->depth > JP_MAX_DEPTH)
		return fail_at(p, open, "nesting deeper than %u arrays and objects", JP_MAX_DEPTH);
	p->pos++;
	skip_ws(p);
	if (p->pos < p->len && p->s[p->pos] == close) {
		p->pos++;
	} else {
		for (;;) {
			struct slot sl;

			memset(&sl, 0, sizeof(sl));
			skip_ws(p);
			if (object) {
				if (p->pos >= p->len || p->s[p->pos] != '"') {
					if (p->pos < p->len && p->s[p->pos] == '}' && p->nstk > base)
						return fail_at(p, p->pos, "trailing comma before '}'");
					return unexpected(p, "a member name (a string)");
				}
				sl.keypos = p->pos;
				if (parse_string(p, &sl.m.key, &sl.keylen) < 0)
					return -1;
				skip_ws(p);
				if (p->pos >= p->len || p->s[p->pos] != ':')
					return unexpected(p, "':' after the member name");
				p->pos++;
				skip_ws(p);
			} else if (p->pos < p->len && p->s[p->pos] == ']' && p->nstk > base) {
				return fail_at(p, p->pos, "trailing comma before ']'");
			}
			if (parse_value(p, &sl.m.v) < 0 || push(p, &sl) < 0)
				return -1;
			skip_ws(p);
			if (p->pos < p->len && p->s[p->pos] == ',') {
				p->pos++;
				continue;
			}
			if (p->pos < p->len && p->s[p->pos] == close) {
				p->pos++;
				break;
			}
			return unexpected(p, object ? "',' or '}'" : "',' or ']'");
		}
	}
	size_t n = p->nstk - base;

	if (object && check_duplicates(p, base) < 0)
		return -1;
	v->type = object ? JP_OBJECT : JP_ARRAY;
	v->n = n;
	if (n) {
		if (object) {
			struct jp_member *m = arena_get(p->doc, n * sizeof(*m));

			if (!m)
				return oom(p);
			for (size_t i = 0; i < n; i++)
				m[i] = p->stk[base + i].m;
			v->u.members = m;
		} else {
			struct jp_value *it = arena_get(p->doc, n * sizeof(*it));

			if (!it)
				return oom(p);
			for (size_t i = 0; i < n; i++)
				it[i] = p->stk[base + i].m.v;
			v->u.items = it;
		}
	}
	p->nstk = base;
	p->depth--;
	return 0;
}

static int parse_value(struct parser *p, struct jp_value *v)
{
	memset(v, 0, sizeof(*v));
	skip_ws(p);
	if (++p->nvalues > JP_MAX_VALUES)
		return fail_at(p, p->pos, "more than %u values", JP_MAX_VALUES);
	if (p->pos >= p->len)
		return unexpected(p, "a value");
	switch (p->s[p->pos]) {
	case '{':
		return parse_container(p, v, 1);
	case '[':
		return parse_container(p, v, 0);
	case '"':
		v->type = JP_STRING;
		return parse_string(p, &v->u.s, &v->n);
	case 't':
		v->type = JP_BOOL;
		v->num = 1;
		return literal(p, "true", 4);
	case 'f':
		v->type = JP_BOOL;
		return literal(p, "false", 5);
	case 'n':
		v->type = JP_NULL;
		return literal(p, "null", 4);
	case '-':
	case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		return parse_number(p, v);
	default:
		return unexpected(p, "a value");
	}
}

/* "line L col C" of a byte offset: columns count characters (UTF-8 lead bytes). */
static void position(const char *s, size_t len, size_t pos, size_t *line, size_t *col)
{
	size_t l = 1, c = 1;

	if (pos > len)
		pos = len;
	for (size_t i = 0; i < pos; i++) {
		unsigned char b = (unsigned char)s[i];

		if (b == '\n') {
			l++;
			c = 1;
		} else if ((b & 0xc0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

struct jp_doc *jp_parse(const char *text, size_t len, char *err, size_t errlen)
{
	struct parser p;

	memset(&p, 0, sizeof(p));
	p.s = text;
	p.len = text ? len : 0;
	if (errlen)
		err[0] = '\0';
	if (len > JP_MAX_INPUT) {
		fail_at(&p, 0, "input larger than %u bytes", JP_MAX_INPUT);
		p.len = 0;
	} else if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		fail_at(&p, 0, "byte order mark at the start (not allowed in JSON text)");
	} else if (!(p.doc = calloc(1, sizeof(*p.doc)))) {
		oom(&p);
	} else if (parse_value(&p, &p.doc->root) == 0) {
		skip_ws(&p);
		if (p.pos < p.len)
			unexpected(&p, "the end of the input after the value");
	}
	free(p.stk);
	free(p.buf);
	if (p.cloc)
		freelocale(p.cloc);
	if (!p.failed)
		return p.doc;
	jp_free(p.doc);
	if (errlen) {
		size_t line, col;

		position(p.s, p.len, p.errpos, &line, &col);
		snprintf(err, errlen, "line %zu col %zu: %s", line, col, p.msg);
	}
	return NULL;
}

void jp_free(struct jp_doc *doc)
{
	if (!doc)
		return;
	for (struct chunk *c = doc->chunks, *next; c; c = next) {
		next = c->next;
		free(c);
	}
	free(doc);
}

/* ---- reading ------------------------------------------------------------- */

const struct jp_value *jp_root(const struct jp_doc *doc)
{
	return doc ? &doc->root : NULL;
}

enum jp_type jp_type(const struct jp_value *v)
{
	return v ? (enum jp_type)v->type : JP_NULL;
}

const struct jp_value *jp_get(const struct jp_value *obj, const char *key)
{
	if (!obj || obj->type != JP_OBJECT || !key)
		return NULL;
	for (size_t i = 0; i < obj->n; i++)
		if (strcmp(obj->u.members[i].key, key) == 0)
			return &obj->u.members[i].v;
	return NULL;
}

size_t jp_len(const struct jp_value *v)
{
	return v && (v->type == JP_ARRAY || v->type == JP_OBJECT) ? v->n : 0;
}

const struct jp_value *jp_at(const struct jp_value *arr, size_t i)
{
	return arr && arr->type == JP_ARRAY && i < arr->n ? &arr->u.items[i] : NULL;
}

const char *jp_key_at(const struct jp_value *obj, size_t i)
{
	return obj && obj->type == JP_OBJECT && i < obj->n ? obj->u.members[i].key : NULL;
}

const struct jp_value *jp_val_at(const struct jp_value *obj, size_t i)
{
	return obj && obj->type == JP_OBJECT && i < obj->n ? &obj->u.members[i].v : NULL;
}

const char *jp_str(const struct jp_value *v, size_t *len)
{
	if (!v || v->type != JP_STRING)
		return NULL;
	if (len)
		*len = v->n;
	return v->u.s;
}

int jp_u64(const struct jp_value *v, uint64_t *out)
{
	if (!v || v->type != JP_NUMBER || v->num != NUM_U64)
		return -1;
	*out = v->u.u;
	return 0;
}

int jp_i64(const struct jp_value *v, int64_t *out)
{
	if (!v || v->type != JP_NUMBER)
		return -1;
	if (v->num == NUM_I64) {
		*out = v->u.i;
		return 0;
	}
	if (v->num == NUM_U64 && v->u.u <= (uint64_t)INT64_MAX) {
		*out = (int64_t)v->u.u;
		return 0;
	}
	return -1;
}

int jp_bool(const struct jp_value *v, int *out)
{
	if (!v || v->type != JP_BOOL)
		return -1;
	*out = v->num;
	return 0;
}

int jp_f64(const struct jp_value *v, double *out)
{
	if (!v || v->type != JP_NUMBER)
		return -1;
	*out = v->num == NUM_U64 ? (double)v->u.u : v->num == NUM_I64 ? (double)v->u.i : v->u.d;
	return 0;
}
