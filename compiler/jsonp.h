/* SPDX-License-Identifier: Apache-2.0 */
/**
 * DOC: jsonp — a small, strict JSON parser that builds a read-only tree.
 *
 * Shared by nonoc (`nonoc diff`) and nono-load, which parses the `.nono.ir`
 * and `.nono.landlock` sections of a verified bundle. So it depends on libc
 * only, keeps no global state (any number of documents may be parsed and
 * read concurrently from different threads), never prints or exits, and
 * turns every problem with the input into an error message — never a crash,
 * whatever the bytes (fuzz/fuzz_jsonp.c holds it to that).
 *
 *	char err[JP_ERR_SIZE];
 *	struct jp_doc *doc = jp_parse(text, len, err, sizeof(err));
 *	if (!doc)
 *		fail(err);                       // "line 3 col 17: expected ',' or '}' ..."
 *	const struct jp_value *domains = jp_get(jp_root(doc), "domains");
 *	for (size_t i = 0; i < jp_len(domains); i++) {
 *		const char *name = jp_str(jp_get(jp_at(domains, i), "name"), NULL);
 *		...
 *	}
 *	jp_free(doc);                            // every value and string goes with it
 *
 * What is accepted (RFC 8259, strictly):
 *  - exactly one value, with optional whitespace (space, tab, LF, CR) around
 *    it; any value may be the root. No byte order mark, no comments, no
 *    trailing commas, no single quotes, no NaN/Infinity, no leading zeros
 *    or '+', nothing after the value;
 *  - object member names are unique: a document with a repeated name (after
 *    unescaping) is refused;
 *  - the text is valid UTF-8 everywhere (no overlong forms, no encoded
 *    surrogates, nothing above U+10FFFF); strings contain no raw control
 *    characters (U+0000..U+001F); escapes are the RFC's eight plus \uXXXX,
 *    where a surrogate must be a high one followed by a \u low one; \u0000
 *    is refused, so every decoded string is a C string (no embedded NUL).
 *
 * Numbers: a number written as an integer (no fraction, no exponent) that
 * fits a uint64_t (or, if negative, an int64_t) is kept exactly; any other
 * number is kept as a double (strtod in the "C" locale; out-of-range
 * magnitudes are refused rather than turned into infinity). jp_u64() and
 * jp_i64() accept only integers so kept: "1.0", "1e3" and
 * "18446744073709551616" are numbers but not integers to them.
 *
 * Limits (each an error, never a crash): input JP_MAX_INPUT bytes, nesting
 * JP_MAX_DEPTH arrays/objects, JP_MAX_STRING bytes in a decoded string (or
 * member name), JP_MAX_VALUES values in a document. Memory use is linear in
 * the input: 24 bytes per value (32 per object member) plus the decoded
 * strings, and while parsing 48 bytes per element of each open container.
 *
 * Lookups: jp_get() compares member names one by one (linear in the object's
 * size). The documents nono reads have small objects (a few dozen members
 * at most); for a large object, iterate with jp_key_at()/jp_val_at().
 * Members and elements keep the order of the text.
 *
 * Every accessor accepts NULL (and a value of the wrong type) and returns
 * the "absent" answer, so lookups chain without checks in between:
 * jp_u64(jp_get(jp_at(jp_get(root, "domains"), 2), "id"), &id) is -1 if any
 * step is missing. Pointers returned stay valid until jp_free().
 */
#ifndef NONO_JSONP_H
#define NONO_JSONP_H

#include <stddef.h>
#include <stdint.h>

#define JP_MAX_INPUT  (64u * 1024 * 1024) /* bytes of JSON text                  */
#define JP_MAX_DEPTH  64u                 /* nested arrays and objects           */
#define JP_MAX_STRING (1u * 1024 * 1024)  /* bytes in one decoded string or name */
#define JP_MAX_VALUES (4u * 1024 * 1024)  /* values (of any type) in a document  */
#define JP_ERR_SIZE   128u                /* enough for every error message      */

enum jp_type { JP_NULL, JP_BOOL, JP_NUMBER, JP_STRING, JP_ARRAY, JP_OBJECT };

struct jp_value; /* opaque */
struct jp_doc;   /* owns every value and string of one document (an arena) */

/**
 * jp_parse() - parse @len bytes of JSON text (@text need not be
 * NUL-terminated; a NUL byte in it is an error).
 * Return: the document, or NULL with "line L col C: what" in @err (always
 * NUL-terminated when @errlen > 0; lines and columns count from 1, columns
 * in characters). Out of memory is reported the same way ("line 1 col 1:
 * out of memory").
 */
struct jp_doc *jp_parse(const char *text, size_t len, char *err, size_t errlen);
/** jp_free() - release a document and everything read from it. NULL is fine. */
void jp_free(struct jp_doc *doc);
/** jp_root() - the document's value (never NULL for a parsed document). */
const struct jp_value *jp_root(const struct jp_doc *doc);

/** jp_type() - the type of @v; JP_NULL for NULL. */
enum jp_type jp_type(const struct jp_value *v);
/** jp_get() - the member of object @obj called @key; NULL if absent or @obj is not an object. Linear. */
const struct jp_value *jp_get(const struct jp_value *obj, const char *key);
/** jp_len() - elements of an array or members of an object; 0 for anything else. */
size_t jp_len(const struct jp_value *v);
/** jp_at() - element @i of array @arr; NULL if out of range or @arr is not an array. */
const struct jp_value *jp_at(const struct jp_value *arr, size_t i);
/** jp_key_at(), jp_val_at() - name and value of member @i of object @obj (text order); NULL if out of range. */
const char *jp_key_at(const struct jp_value *obj, size_t i);
const struct jp_value *jp_val_at(const struct jp_value *obj, size_t i);
/** jp_str() - a string's decoded UTF-8 bytes, NUL-terminated (length in *@len if @len); NULL if not a string. */
const char *jp_str(const struct jp_value *v, size_t *len);
/** jp_u64(), jp_i64() - an integer that fits the type (see "Numbers"): 0, or -1 (and *@out untouched). */
int jp_u64(const struct jp_value *v, uint64_t *out);
int jp_i64(const struct jp_value *v, int64_t *out);
/** jp_bool() - a boolean as 0 or 1: 0, or -1 if @v is not a boolean. */
int jp_bool(const struct jp_value *v, int *out);
/** jp_f64() - any number as a double (integers converted, possibly rounded): 0, or -1 if not a number. */
int jp_f64(const struct jp_value *v, double *out);

#endif /* NONO_JSONP_H */
