/* SPDX-License-Identifier: Apache-2.0 */
/* "Did you mean": nono_edit_distance() and nono_suggest() (compiler/suggest.c). */
#include <criterion/criterion.h>
#include <string.h>

#include "suggest.h"

static size_t dist(const char *a, const char *b, size_t cap)
{
	return nono_edit_distance(a, strlen(a), b, strlen(b), cap);
}

static const char *suggest(const char *word, const char *const *cands, size_t n)
{
	return nono_suggest(word, strlen(word), cands, n);
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *const keywords[] = {
	"agent", "allow", "audit", "bind", "bpf-lsm", "cgroups", "children", "connect", "cpu", "deny",
	"enforce", "env", "exec", "files", "fs", "io", "landlock", "measure", "memory", "mode",
	"net", "none", "pass", "pids", "policy", "proc", "ptrace", "quota", "read", "require",
	"seccomp", "set", "sha256", "signal", "sys", "tcp", "tool", "udp", "unix", "use",
	"version", "wall", "write",
};

Test(suggest, distance_identical_is_zero)
{
	cr_assert_eq(dist("memory", "memory", 3), 0);
	cr_assert_eq(dist("", "", 3), 0);
}

Test(suggest, distance_single_edits)
{
	cr_assert_eq(dist("fss", "fs", 3), 1, "deletion");
	cr_assert_eq(dist("fs", "fsx", 3), 1, "insertion");
	cr_assert_eq(dist("tcp", "udp", 3), 2, "two substitutions");
	cr_assert_eq(dist("reed", "read", 3), 1, "substitution");
	cr_assert_eq(dist("", "abc", 5), 3, "from empty");
	cr_assert_eq(dist("abc", "", 5), 3, "to empty");
}

Test(suggest, distance_counts_a_transposition_as_one_edit)
{
	cr_assert_eq(dist("raed", "read", 3), 1);
	cr_assert_eq(dist("agnet", "agent", 3), 1);
	cr_assert_eq(dist("tpc", "tcp", 3), 1);
	cr_assert_eq(dist("memroy", "memory", 3), 1);
	/* Optimal string alignment: a transposed pair is not edited again. */
	cr_assert_eq(dist("ca", "abc", 5), 3);
}

Test(suggest, distance_ignores_case)
{
	cr_assert_eq(dist("FS", "fs", 3), 0);
	cr_assert_eq(dist("Enforce", "enforce", 3), 0);
	/* A transposition is found whatever the case of the letters. */
	cr_assert_eq(dist("RAED", "read", 3), 1);
	cr_assert_eq(dist("AGNET", "agent", 3), 1);
}

Test(suggest, distance_is_capped)
{
	cr_assert_eq(dist("abcdef", "uvwxyz", 2), 3, "capped at cap + 1");
	cr_assert_eq(dist("a", "abcdefgh", 3), 4);
	cr_assert_eq(dist("kitten", "sitting", 10), 3);
	cr_assert_eq(dist("kitten", "sitting", 2), 3);
}

Test(suggest, distance_of_very_long_words_is_far)
{
	char a[200], b[200];

	memset(a, 'a', sizeof(a) - 1);
	a[sizeof(a) - 1] = '\0';
	memcpy(b, a, sizeof(b));
	/* Longer than any keyword: never a typo of one, and no overflow. */
	cr_assert_eq(dist(a, b, 3), 4);
	cr_assert_eq(dist(a, "read", 3), 4);
	cr_assert_eq(dist("read", a, 3), 4);
}

Test(suggest, suggests_the_misspelled_keyword)
{
	cr_assert_str_eq(suggest("agnet", keywords, N(keywords)), "agent");
	cr_assert_str_eq(suggest("fss", keywords, N(keywords)), "fs");
	cr_assert_str_eq(suggest("memroy", keywords, N(keywords)), "memory");
	cr_assert_str_eq(suggest("enforcing", keywords, N(keywords)), "enforce");
	cr_assert_str_eq(suggest("bpf_lsm", keywords, N(keywords)), "bpf-lsm");
	cr_assert_str_eq(suggest("landlok", keywords, N(keywords)), "landlock");
	cr_assert_str_eq(suggest("seccmop", keywords, N(keywords)), "seccomp");
}

Test(suggest, suggests_across_case)
{
	cr_assert_str_eq(suggest("Agent", keywords, N(keywords)), "agent");
	cr_assert_str_eq(suggest("MEMORY", keywords, N(keywords)), "memory");
}

Test(suggest, threshold_grows_with_the_word)
{
	/* len/3 edits, at least one. */
	static const char *const c1[] = { "fs" };
	static const char *const c2[] = { "require" };
	static const char *const c3[] = { "children" };

	cr_assert_str_eq(suggest("fx", c1, 1), "fs");
	cr_assert_null(suggest("xy", c1, 1), "two edits in a two-letter word is not a typo");
	cr_assert_str_eq(suggest("reqiure", c2, 1), "require", "one transposition");
	cr_assert_str_eq(suggest("requir", c2, 1), "require");
	cr_assert_null(suggest("rekwyre", c2, 1), "3 edits in 7 letters");
	cr_assert_str_eq(suggest("chidlern", c3, 1), "children", "two transpositions in 8 letters");
}

Test(suggest, nothing_close_gives_null)
{
	cr_assert_null(suggest("xyzzy", keywords, N(keywords)));
	cr_assert_null(suggest("database", keywords, N(keywords)));
	cr_assert_null(suggest("", keywords, N(keywords)));
	cr_assert_null(suggest("agnet", keywords, 0), "no candidates");
}

Test(suggest, never_suggests_the_word_itself)
{
	static const char *const only[] = { "read" };
	static const char *const two[] = { "read", "reap" };

	cr_assert_null(suggest("read", only, 1));
	/* Not itself, and not a neighbour either: the word was fine. */
	cr_assert_null(suggest("read", keywords, N(keywords)));
	cr_assert_str_eq(suggest("read", two, 2), "reap",
			 "another candidate may still be offered (the caller asked)");
	/* A case variant is not the word itself: suggest the right spelling. */
	cr_assert_str_eq(suggest("READ", only, 1), "read");
}

Test(suggest, ties_go_to_the_earlier_candidate)
{
	static const char *const c[] = { "tcp", "udp", "tip" };
	static const char *const r[] = { "tip", "tcp" };

	cr_assert_str_eq(suggest("tdp", c, 3), "tcp");
	cr_assert_str_eq(suggest("tcp", r, 2), "tip", "the word itself is skipped, the rest in order");
}

Test(suggest, uses_only_len_bytes_of_the_word)
{
	static const char *const c[] = { "fs" };

	/* The word need not be NUL-terminated where it ends (a token in a source). */
	cr_assert_str_eq(nono_suggest("fss read \"/x\"", 3, c, 1), "fs");
	cr_assert_null(nono_suggest("fs read", 2, c, 1));
}
