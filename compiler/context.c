/* SPDX-License-Identifier: Apache-2.0 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "context.h"

const char *nonoc_version(void)
{
	return NONOC_VERSION;
}

nonoc_ctx *nonoc_new(void)
{
	nonoc_ctx *ctx = calloc(1, sizeof(*ctx));

	if (!ctx)
		return NULL;
	arena_init(&ctx->arena, NONO_MAX_ARENA);
	ctx->diags_tail = &ctx->diags;
	return ctx;
}

void nonoc_free(nonoc_ctx *ctx)
{
	if (!ctx)
		return;
	for (size_t i = 0; i < ctx->nsources; i++)
		free(ctx->sources[i].text);
	free(ctx->sources);
	arena_release(&ctx->arena);
	free(ctx);
}

size_t nonoc_error_count(const nonoc_ctx *ctx) { return ctx->nerrors; }
size_t nonoc_warning_count(const nonoc_ctx *ctx) { return ctx->nwarnings; }

void nonoc_set_diag_callback(nonoc_ctx *ctx, nonoc_diag_fn fn, void *user)
{
	ctx->diag_fn = fn;
	ctx->diag_user = user;
}

/* Takes ownership of @text (malloc'd, NUL-terminated at @len). */
static int add_owned(nonoc_ctx *ctx, const char *name, char *text, size_t len)
{
	if (ctx->nsources == ctx->cap_sources) {
		size_t cap = ctx->cap_sources ? ctx->cap_sources * 2 : 8;
		struct nono_source *s = realloc(ctx->sources, cap * sizeof(*s));

		if (!s) {
			free(text);
			return -1;
		}
		ctx->sources = s;
		ctx->cap_sources = cap;
	}
	struct nono_source *s = &ctx->sources[ctx->nsources];

	memset(s, 0, sizeof(*s));
	s->name = arena_strdup(&ctx->arena, name);
	if (!s->name) {
		free(text);
		return -1;
	}
	s->text = text;
	s->len = len;
	return (int)ctx->nsources++;
}

int nonoc_add_source(nonoc_ctx *ctx, const char *name, const char *text, size_t len)
{
	if (len > NONO_MAX_FILE_SIZE) {
		nono_diag(ctx, NONO_E006, NONO_NO_SPAN, "%s: %zu bytes is larger than the limit of %u bytes",
			  name, len, NONO_MAX_FILE_SIZE);
		return -1;
	}
	char *copy = malloc(len + 1);

	if (!copy)
		return -1;
	if (len)
		memcpy(copy, text, len);
	copy[len] = '\0';
	return add_owned(ctx, name, copy, len);
}

int nonoc_add_file(nonoc_ctx *ctx, const char *path)
{
	int is_stdin = strcmp(path, "-") == 0;
	const char *name = is_stdin ? "<stdin>" : path;
	int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	struct stat st;

	if (fd < 0) {
		struct nonoc_diag *d = nono_diag(ctx, NONO_E007, NONO_NO_SPAN, "cannot open '%s': %s",
						 path, strerror(errno));
		if (errno == ENOENT)
			nono_diag_hint(ctx, d, "check the path; '-' reads the policy from standard input");
		return -1;
	}
	if (!is_stdin && (fstat(fd, &st) < 0 || S_ISDIR(st.st_mode))) {
		nono_diag(ctx, NONO_E007, NONO_NO_SPAN, "cannot read '%s': %s", path,
			  S_ISDIR(st.st_mode) ? "it is a directory" : strerror(errno));
		close(fd);
		return -1;
	}
	/* Read up to the limit + 1 byte so an oversized input is detected
	 * without ever holding more than the limit in memory. */
	size_t cap = 64 * 1024, len = 0;
	char *buf = malloc(cap + 1);

	while (buf) {
		if (len == cap) {
			if (cap > NONO_MAX_FILE_SIZE)
				break;
			cap *= 2;
			char *nb = realloc(buf, cap + 1);

			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
		}
		ssize_t n = read(fd, buf + len, cap - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			nono_diag(ctx, NONO_E007, NONO_NO_SPAN, "cannot read '%s': %s", path, strerror(errno));
			free(buf);
			buf = NULL;
			break;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	if (!is_stdin)
		close(fd);
	if (!buf)
		return -1;
	if (len > NONO_MAX_FILE_SIZE) {
		nono_diag(ctx, NONO_E006, NONO_NO_SPAN, "'%s' is larger than the limit of %u bytes", name,
			  NONO_MAX_FILE_SIZE);
		free(buf);
		return -1;
	}
	buf[len] = '\0';
	return add_owned(ctx, name, buf, len);
}

void nonoc_set_syntax(nonoc_ctx *ctx, int src, enum nonoc_syntax syntax)
{
	struct nono_source *s = nono_source_get(ctx, src);

	if (s)
		s->syntax = syntax;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Pick the front end: by file name first, then by content: a YAML policy's
 * first significant line is a `key:` mapping entry or `---`, which is never
 * valid nono syntax (nono statements do not end their first word with ':'). */
static enum nonoc_syntax detect_syntax(const struct nono_source *s)
{
	if (ends_with(s->name, ".yaml") || ends_with(s->name, ".yml"))
		return NONOC_SYNTAX_YAML;
	if (ends_with(s->name, ".nono"))
		return NONOC_SYNTAX_NONO;
	const char *p = s->text, *end = s->text + s->len;

	while (p < end) {
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
			p++;
		if (p < end && *p == '#') {
			while (p < end && *p != '\n')
				p++;
			continue;
		}
		break;
	}
	if (end - p >= 3 && memcmp(p, "---", 3) == 0)
		return NONOC_SYNTAX_YAML;
	while (p < end && (*p == '_' || *p == '-' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		p++;
	return p < end && *p == ':' ? NONOC_SYNTAX_YAML : NONOC_SYNTAX_NONO;
}

/* Reject NUL bytes and invalid UTF-8 before any front end sees the text. */
static int check_encoding(nonoc_ctx *ctx, int src, const struct nono_source *s)
{
	const unsigned char *t = (const unsigned char *)s->text;
	size_t i = 0;

	while (i < s->len) {
		unsigned char c = t[i];
		size_t n = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
		int ok = n != 0 && c != 0 && i + n <= s->len && !(n == 2 && c < 0xc2);

		for (size_t k = 1; ok && k < n; k++)
			ok = (t[i + k] & 0xc0) == 0x80;
		if (ok && n == 3) {
			unsigned cp = ((c & 0x0fu) << 12) | ((t[i + 1] & 0x3fu) << 6) | (t[i + 2] & 0x3fu);

			ok = cp >= 0x800 && (cp < 0xd800 || cp > 0xdfff);
		} else if (ok && n == 4) {
			unsigned cp = ((c & 0x07u) << 18) | ((t[i + 1] & 0x3fu) << 12) |
				      ((t[i + 2] & 0x3fu) << 6) | (t[i + 3] & 0x3fu);

			ok = cp >= 0x10000 && cp <= 0x10ffff;
		}
		if (!ok) {
			struct nono_span sp = { src, (uint32_t)i, (uint32_t)i + 1 };

			if (c == 0)
				nono_diag(ctx, NONO_E005, sp, "NUL byte in policy source");
			else
				nono_diag(ctx, NONO_E005, sp, "invalid UTF-8 byte 0x%02x", c);
			return -1;
		}
		i += n;
	}
	return 0;
}

int nonoc_parse(nonoc_ctx *ctx, int src)
{
	struct nono_source *s = nono_source_get(ctx, src);
	size_t before = ctx->nerrors;

	if (!s)
		return -1;
	/* A source is parsed once; asking again gives the same answer. */
	if (s->parsed)
		return s->parsed == 1 ? 0 : -1;
	s->parsed = 2;
	if (check_encoding(ctx, src, s) < 0)
		return -1;
	if (s->syntax == NONOC_SYNTAX_AUTO)
		s->syntax = detect_syntax(s);
	if (s->syntax == NONOC_SYNTAX_YAML)
		nono_parse_yaml(ctx, src);
	else
		nono_parse_nono(ctx, src);
	if (ctx->nerrors == before)
		s->parsed = 1;
	return s->parsed == 1 ? 0 : -1;
}

void nonoc_dump_ast(nonoc_ctx *ctx, int src, FILE *out, int locations)
{
	struct nono_source *s = nono_source_get(ctx, src);

	if (s)
		nono_ast_dump(ctx, s->ast, out, locations);
}
