/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libFuzzer target: the strict JSON parser (compiler/jsonp.c) that nono-load
 * runs over a bundle's `.nono.ir` and `.nono.landlock`, and `nonoc diff`
 * over two bundles. Seeds: fuzz/corpus/jsonp/ (the IR, rule table and
 * Landlock JSON of the contract examples, and small hand-written documents
 * at the edges of the grammar); dictionary: fuzz/jsonp.dict.
 *
 * Oracles (abort, so libFuzzer reports a crash):
 *   - a refusal comes with a "line L col C: ..." message, NUL-terminated;
 *   - an accepted tree is well-formed: every string is valid UTF-8 with no
 *     NUL and the length jp_str() says, member names are unique, accessors
 *     agree with each other (jp_get finds member i at jp_val_at(i));
 *   - differential, against the bundle reader's validator (bundle.c,
 *     nono_json_valid, an independent strict parser with depth 128 and no
 *     duplicate check): whatever jsonp accepts it accepts, and whatever it
 *     accepts that jsonp refuses is refused for a reason only jsonp has
 *     (duplicate names, depth > 64, a number too large for a double);
 *   - round trip: the tree written back with compiler/json.c's writer
 *     parses again to an equal tree (doubles written as %.17g strings and
 *     compared by value). Only below depth 64: the writer places commas
 *     for at most JSON_MAX_DEPTH - 1 open containers.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "json.h"
#include "jsonp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *sink(void)
{
	static FILE *f;

	if (!f) {
		f = fopen("/dev/null", "w");
		if (!f)
			abort();
	}
	return f;
}

static int key_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Check @v and below; return the nesting depth of the deepest container (0 for a scalar). */
static unsigned check_tree(const struct jp_value *v, unsigned depth)
{
	unsigned deepest = depth;
	size_t len, n;
	const char *s;
	uint64_t u;
	int64_t i;
	double d;
	int b;

	if (!v || depth > JP_MAX_DEPTH)
		abort();
	switch (jp_type(v)) {
	case JP_NULL:
		if (jp_len(v) || jp_str(v, NULL) || jp_u64(v, &u) == 0 || jp_bool(v, &b) == 0)
			abort();
		break;
	case JP_BOOL:
		if (jp_bool(v, &b) < 0 || (b != 0 && b != 1) || jp_f64(v, &d) == 0)
			abort();
		break;
	case JP_NUMBER:
		if (jp_f64(v, &d) < 0 || jp_str(v, NULL))
			abort();
		/* A value both integer types take agrees between them. */
		if (jp_u64(v, &u) == 0 && jp_i64(v, &i) == 0 && (uint64_t)i != u)
			abort();
		if (jp_u64(v, &u) < 0 && jp_i64(v, &i) == 0 && i >= 0)
			abort();
		break;
	case JP_STRING:
		s = jp_str(v, &len);
		if (!s || strlen(s) != len || len > JP_MAX_STRING)
			abort();
		for (size_t k = 0; k < len;) {
			uint32_t cp;
			size_t step = json_utf8_next(s + k, len - k, &cp);

			if (!step)
				abort();
			k += step;
		}
		break;
	case JP_ARRAY:
		n = jp_len(v);
		deepest = depth + 1;
		for (size_t k = 0; k < n; k++) {
			unsigned d2 = check_tree(jp_at(v, k), depth + 1);

			deepest = d2 > deepest ? d2 : deepest;
		}
		if (jp_at(v, n) || jp_key_at(v, 0))
			abort();
		break;
	case JP_OBJECT: {
		n = jp_len(v);
		const char **keys = malloc((n + 1) * sizeof(*keys));

		if (!keys)
			abort();
		for (size_t k = 0; k < n; k++) {
			keys[k] = jp_key_at(v, k);
			if (!keys[k] || !jp_val_at(v, k))
				abort();
			if (n <= 64 && jp_get(v, keys[k]) != jp_val_at(v, k))
				abort();
			unsigned d2 = check_tree(jp_val_at(v, k), depth + 1);

			deepest = d2 > deepest ? d2 : deepest;
		}
		qsort(keys, n, sizeof(*keys), key_cmp);
		for (size_t k = 1; k < n; k++)
			if (strcmp(keys[k - 1], keys[k]) == 0)
				abort(); /* a duplicate name got through */
		free(keys);
		if (jp_key_at(v, n) || jp_val_at(v, n) || jp_at(v, 0))
			abort();
		deepest = deepest > depth + 1 ? deepest : depth + 1;
		break;
	}
	default:
		abort();
	}
	return deepest;
}

static void write_tree(struct json_writer *w, const struct jp_value *v)
{
	char buf[40];
	uint64_t u;
	int64_t i;
	double d;
	int b;
	size_t len;
	const char *s;

	switch (jp_type(v)) {
	case JP_NULL:
		json_null(w);
		break;
	case JP_BOOL:
		jp_bool(v, &b);
		json_bool(w, b);
		break;
	case JP_NUMBER:
		if (jp_u64(v, &u) == 0) {
			json_uint(w, u);
		} else if (jp_i64(v, &i) == 0) {
			json_int(w, i);
		} else {
			jp_f64(v, &d);
			snprintf(buf, sizeof(buf), "%.17g", d);
			json_string(w, buf);
		}
		break;
	case JP_STRING:
		s = jp_str(v, &len);
		json_string_n(w, s, len);
		break;
	case JP_ARRAY:
		json_array_begin(w);
		for (size_t k = 0; k < jp_len(v); k++)
			write_tree(w, jp_at(v, k));
		json_array_end(w);
		break;
	case JP_OBJECT:
		json_object_begin(w);
		for (size_t k = 0; k < jp_len(v); k++) {
			json_key(w, jp_key_at(v, k));
			write_tree(w, jp_val_at(v, k));
		}
		json_object_end(w);
		break;
	}
}

static int same(const struct jp_value *a, const struct jp_value *b)
{
	uint64_t ua, ub;
	int64_t ia, ib;
	double da, db;
	int ba, bb;
	size_t la, lb;
	const char *sa, *sb;

	if (jp_type(a) == JP_NUMBER && jp_u64(a, &ua) < 0 && jp_i64(a, &ia) < 0) {
		/* A double, written as a %.17g string: the same value. */
		jp_f64(a, &da);
		sb = jp_str(b, NULL);
		return sb && strtod(sb, NULL) == da;
	}
	if (jp_type(a) != jp_type(b))
		return 0;
	switch (jp_type(a)) {
	case JP_NULL:
		return 1;
	case JP_BOOL:
		return jp_bool(a, &ba) == 0 && jp_bool(b, &bb) == 0 && ba == bb;
	case JP_NUMBER:
		if (jp_u64(a, &ua) == 0)
			return jp_u64(b, &ub) == 0 && ua == ub;
		return jp_i64(a, &ia) == 0 && jp_i64(b, &ib) == 0 && ia == ib && jp_f64(b, &db) == 0;
	case JP_STRING:
		sa = jp_str(a, &la);
		sb = jp_str(b, &lb);
		return la == lb && memcmp(sa, sb, la) == 0;
	case JP_ARRAY:
		if (jp_len(a) != jp_len(b))
			return 0;
		for (size_t k = 0; k < jp_len(a); k++)
			if (!same(jp_at(a, k), jp_at(b, k)))
				return 0;
		return 1;
	case JP_OBJECT:
		if (jp_len(a) != jp_len(b))
			return 0;
		for (size_t k = 0; k < jp_len(a); k++)
			if (strcmp(jp_key_at(a, k), jp_key_at(b, k)) != 0 || !same(jp_val_at(a, k), jp_val_at(b, k)))
				return 0;
		return 1;
	}
	return 0;
}

static void round_trip(const struct jp_doc *doc)
{
	char *buf = NULL, err[JP_ERR_SIZE];
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct json_writer w;
	struct jp_doc *again;

	if (!f)
		abort();
	json_init(&w, f, (int)(jp_len(jp_root(doc)) % 3)); /* compact, or indented by 1 or 2 */
	write_tree(&w, jp_root(doc));
	json_finish(&w);
	if (fclose(f) != 0)
		abort();
	again = jp_parse(buf, len, err, sizeof(err));
	if (!again || !same(jp_root(doc), jp_root(again)))
		abort();
	jp_free(again);
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[JP_ERR_SIZE];
	struct jp_doc *doc;
	int other;

	memset(err, 'x', sizeof(err));
	doc = jp_parse((const char *)data, size, err, sizeof(err));
	other = nono_json_valid((const char *)data, size);
	if (!doc) {
		if (!memchr(err, '\0', sizeof(err)) || strncmp(err, "line ", 5) != 0 || !strstr(err, " col "))
			abort();
		fputs(err, sink());
		if (other && !strstr(err, "duplicate member name") && !strstr(err, "nesting deeper than") &&
		    !strstr(err, "number out of range"))
			abort(); /* the validator accepts it, and jsonp has no reason of its own to refuse */
		return 0;
	}
	if (!other)
		abort(); /* jsonp accepted what the other strict parser refuses */
	/* json.c's writer tracks commas for JSON_MAX_DEPTH - 1 open containers. */
	if (check_tree(jp_root(doc), 0) < JSON_MAX_DEPTH)
		round_trip(doc);
	jp_free(doc);
	return 0;
}
