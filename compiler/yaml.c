/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The YAML front end: reads a policy written in YAML (libyaml's event API)
 * and builds exactly the AST the nono syntax builds for the same policy.
 *
 * The schema (docs/language.md#yaml). Keys are case-sensitive; unknown and
 * duplicate keys are errors. "LIST" below means a YAML list of scalars, or
 * one scalar standing for a list of one. Every scalar's text is kept as
 * written (`512MiB`, `10.0.0.5:5432`); values are typed by later passes.
 *
 *   policy: {name: NAME, version: V}  policy NAME version V  (version optional;
 *   policy: NAME                      policy NAME             name required)
 *   use: LIST                         use "…" (one per item)
 *   mode: enforce | audit             mode …
 *   require: LIST of "LAYER [LEVEL]"  require bpf-lsm | "landlock 3" | seccomp | cgroups
 *   agent: BODY                       agent { … }
 *   tools: {NAME: BODY, …}            tool NAME { … } (one per key, in order)
 *   quota: QUOTA                      quota { … }
 *   fs: / net: / proc: / sys: / env: / deny:   rules for every domain, as in BODY
 *
 *   BODY (a mapping):
 *     exec: PATH | {path: PATH, sha256: HEX}    exec "PATH" [sha256 "HEX"]
 *     measure: {KIND: FILE, …}                  measure KIND "FILE"
 *     fs: FS                                    fs ACCESS "PATH"
 *     net: none | NET                           net none / net connect|bind|unix …
 *     proc: LIST of "signal children" | ptrace  proc …
 *     sys: {deny: LIST, allow: LIST}            sys deny|allow NAME | @group
 *     env: {pass: LIST, set: {NAME: VALUE}}     env pass NAME / env set NAME=VALUE
 *     deny: DENY                                deny …
 *     quota: QUOTA                              quota { … } (inside the domain)
 *
 *   FS:    {ACCESS: LIST of paths, …} where ACCESS is read, write, exec or
 *          several of them separated by spaces ("read write": one rule with
 *          both accesses, like `fs read write "x"`).
 *   NET:   {connect: LIST, bind: LIST, unix: LIST of paths}; a connect or bind
 *          item is "[tcp|udp] ADDRESS" ("tcp 10.0.0.25:587", "169.254.169.254");
 *          each item stands alone: no protocol means any (in the nono syntax
 *          a protocol carries over to the following items of one statement).
 *   DENY:  {fs: …, net: NET, sys: LIST, proc: LIST}. Here `fs:` may also be a
 *          LIST of paths (every access denied) and its mapping may use the
 *          key `all` for the same.
 *   QUOTA: {memory: V, cpu: V, pids: V, io: {read: V, write: V}, wall: V, files: V}
 *
 *   To keep the order of rules that alternate between keys, FS, NET, DENY
 *   and the `sys:` and `env:` mappings may also be written as a list of such
 *   mappings, read in order (and a `deny:` `fs:` list may mix paths and
 *   mappings): fs: [{read: a}, {write: b}, {read: c}].
 *
 * Names (tool names, measure kinds, environment variables, syscalls) must be
 * words as in the nono syntax: letters, digits, '_', '.' and inner '-';
 * syscall groups are '@' and a word.
 *
 * Each rule is atomic, in document order, as the nono front end builds it.
 * Spans: a rule's keyword (kw) is the key that starts the statement (`deny`
 * in deny: {fs: …}, `fs` in fs: {read: …}); its span runs from the first key
 * of that statement on the item's own line to the item (or is the item, when
 * the keys are on lines above); a block (agent, a tool, quota) spans its key
 * and its whole value.
 *
 * YAML features: anchors and aliases are allowed, but the expanded document
 * is bounded (NONO_MAX_YAML_NODES) and an alias may not refer to a node that
 * contains it. Merge keys (`<<`), tags other than the core str/int/float
 * ones, complex keys and more than one document are errors. An empty
 * document gives no nodes and no error.
 *
 * Implementation: the events are first built into a small tree of our own
 * (with byte-offset spans, alias nodes that keep their own location, and
 * expansion weights), then the tree is walked against the schema. A libyaml
 * syntax error ends reading; what was read before it is still checked, so
 * one run reports as much as possible.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "context.h"
#include "suggest.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------------
 * The raw tree
 * ------------------------------------------------------------------------ */

enum ykind { Y_BAD, Y_SCALAR, Y_SEQ, Y_MAP, Y_ALIAS };

/* Why a node is Y_BAD: reported when the walk reaches it, or at the end. */
enum ybad { YB_NONE, YB_UNDEFINED, YB_RECURSIVE, YB_REPORTED };

struct ynode {
	uint8_t kind;       /* enum ykind */
	uint8_t style;      /* scalar: yaml_scalar_style_t; collections: 1 = flow */
	uint8_t complete;   /* collections: the end event was read */
	uint8_t open;       /* collections: still being read (on the stack) */
	uint8_t bad;        /* enum ybad */
	uint32_t pstart;    /* where the node's properties (&anchor, !tag) start */
	uint32_t start;     /* byte span of the content */
	uint32_t end;
	uint32_t val, len;  /* scalar value (pool) */
	uint32_t tag, taglen;       /* explicit tag (pool), taglen 0 = none */
	uint32_t anchor, anchorlen; /* own anchor; for an alias, the name it refers to */
	uint32_t first, last, next; /* children (0 = none); a mapping alternates key, value */
	uint32_t count;     /* children */
	uint32_t target;    /* alias: the anchored node */
	uint32_t weight;    /* nodes after alias expansion (saturating) */
};

struct yanchor {
	uint32_t name, len;  /* pool */
	uint32_t node;       /* 0 = empty slot */
};

/* A problem that ended reading, reported after the walk. */
enum yend { YE_NONE, YE_SYNTAX, YE_SECOND_DOC };

struct ybuild {
	struct nonoc_ctx *ctx;
	int src;
	const unsigned char *text;
	size_t len;

	/* libyaml marks count characters; this cursor turns them into bytes. */
	size_t base;   /* bytes of a skipped byte order mark */
	int ascii;
	size_t ci, bi; /* a character index and its byte offset */

	struct ynode *nodes;  /* nodes[0] is a permanent Y_BAD sentinel */
	size_t n, cap;
	char *pool;
	size_t plen, pcap;
	struct yanchor *anchors;
	size_t acap, acount;
	uint32_t stack[NONO_MAX_DEPTH];
	unsigned depth;
	uint32_t root;
	uint64_t expanded;  /* nodes after alias expansion, so far */
	int fatal;          /* a hard limit or memory: reported, nothing to walk */
	int nomem;

	enum yend end;
	struct nono_span end_span;
	const char *problem, *context; /* libyaml's (static) strings */
	struct nono_span context_span;
	int empty_second_doc;
	uint32_t last_scalar;          /* the last scalar read (for hints) */
};

static struct ynode *N(const struct ybuild *B, uint32_t i)
{
	return &B->nodes[i];
}

static const char *V(const struct ybuild *B, uint32_t i)
{
	return B->pool + B->nodes[i].val;
}

static struct nono_span node_span(const struct ybuild *B, uint32_t i)
{
	return (struct nono_span){ B->src, B->nodes[i].start, B->nodes[i].end };
}

/* ---- character index -> byte offset ---- */

static size_t utf8_width(unsigned char c)
{
	return c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 1;
}

static uint32_t mark_off(struct ybuild *B, size_t index)
{
	if (B->ascii) {
		size_t b = B->base + index;

		return (uint32_t)(b > B->len ? B->len : b);
	}
	while (B->ci < index && B->bi < B->len) {
		B->bi += utf8_width(B->text[B->bi]);
		B->ci++;
	}
	while (B->ci > index && B->bi > B->base) {
		do
			B->bi--;
		while (B->bi > B->base && (B->text[B->bi] & 0xc0) == 0x80);
		B->ci--;
	}
	return (uint32_t)(B->bi > B->len ? B->len : B->bi);
}

/* ---- storage ---- */

static uint32_t pool_add(struct ybuild *B, const void *s, size_t len)
{
	if (B->plen + len + 1 > B->pcap) {
		size_t cap = B->pcap ? B->pcap : 4096;

		while (cap < B->plen + len + 1)
			cap *= 2;
		char *p = realloc(B->pool, cap);

		if (!p) {
			B->nomem = 1;
			return 0;
		}
		B->pool = p;
		B->pcap = cap;
	}
	uint32_t off = (uint32_t)B->plen;

	if (len)
		memcpy(B->pool + off, s, len);
	B->pool[off + len] = '\0';
	B->plen += len + 1;
	return off;
}

static uint32_t node_add(struct ybuild *B, enum ykind kind)
{
	if (B->n == B->cap) {
		size_t cap = B->cap ? B->cap * 2 : 256;
		struct ynode *p = realloc(B->nodes, cap * sizeof(*p));

		if (!p) {
			B->nomem = 1;
			return 0;
		}
		B->nodes = p;
		B->cap = cap;
	}
	memset(&B->nodes[B->n], 0, sizeof(B->nodes[0]));
	B->nodes[B->n].kind = (uint8_t)kind;
	B->nodes[B->n].weight = 1;
	return (uint32_t)B->n++;
}

static uint32_t hash_bytes(const char *s, size_t len)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static struct yanchor *anchor_slot(struct ybuild *B, const char *name, size_t len)
{
	size_t mask = B->acap - 1;

	for (size_t i = hash_bytes(name, len) & mask;; i = (i + 1) & mask) {
		struct yanchor *a = &B->anchors[i];

		if (!a->node || (a->len == len && memcmp(B->pool + a->name, name, len) == 0))
			return a;
	}
}

static void anchor_define(struct ybuild *B, const char *name, uint32_t node)
{
	size_t len = strlen(name);

	if ((B->acount + 1) * 2 > B->acap) {
		size_t ocap = B->acap, cap = ocap ? ocap * 2 : 64;
		struct yanchor *old = B->anchors, *p = calloc(cap, sizeof(*p));

		if (!p) {
			B->nomem = 1;
			return;
		}
		B->anchors = p;
		B->acap = cap;
		for (size_t i = 0; i < ocap; i++)
			if (old[i].node)
				*anchor_slot(B, B->pool + old[i].name, old[i].len) = old[i];
		free(old);
	}
	struct yanchor *a = anchor_slot(B, name, len);

	if (!a->node) {
		a->name = pool_add(B, name, len);
		a->len = (uint32_t)len;
		B->acount++;
	}
	a->node = node; /* a later anchor of the same name replaces the earlier one */
	N(B, node)->anchor = a->name;
	N(B, node)->anchorlen = a->len;
}

static uint32_t anchor_find(struct ybuild *B, const char *name)
{
	if (!B->acap)
		return 0;
	return anchor_slot(B, name, strlen(name))->node;
}

/* ---- building ---- */

/* Skip the node properties (&anchor, !tag) and the blanks after them. */
static uint32_t skip_props(const struct ybuild *B, uint32_t off, uint32_t limit)
{
	const unsigned char *t = B->text;

	while (off < limit) {
		unsigned char c = t[off];

		if (c == '&' || c == '!') {
			while (off < limit && t[off] != ' ' && t[off] != '\t' && t[off] != '\n' && t[off] != '\r')
				off++;
		} else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			off++;
		} else if (c == '#') {
			while (off < limit && t[off] != '\n')
				off++;
		} else {
			break;
		}
	}
	return off;
}

static void attach(struct ybuild *B, uint32_t i)
{
	if (!B->depth) {
		if (!B->root)
			B->root = i;
		return;
	}
	struct ynode *p = N(B, B->stack[B->depth - 1]);

	if (p->last)
		N(B, p->last)->next = i;
	else
		p->first = i;
	p->last = i;
	p->count++;
}

static void set_props(struct ybuild *B, uint32_t i, const yaml_event_t *ev, const unsigned char *anchor,
		      const unsigned char *tag)
{
	struct ynode *n = N(B, i);

	n->pstart = mark_off(B, ev->start_mark.index);
	n->start = n->pstart;
	n->end = mark_off(B, ev->end_mark.index);
	if (tag && strcmp((const char *)tag, "!") != 0) {
		size_t tl = strlen((const char *)tag);
		uint32_t t = pool_add(B, tag, tl);

		n = N(B, i);
		n->tag = t;
		n->taglen = (uint32_t)tl;
	}
	if (anchor || tag)
		n->start = skip_props(B, n->pstart, n->end);
	if (anchor)
		anchor_define(B, (const char *)anchor, i);
}

static void limit_error(struct ybuild *B, struct nono_span sp, int alias, uint32_t target)
{
	struct nonoc_diag *d;

	B->fatal = 1;
	if (!alias) {
		nono_diag(B->ctx, NONO_E006, sp, "the YAML document has more than %u nodes", NONO_MAX_YAML_NODES);
		return;
	}
	d = nono_diag(B->ctx, NONO_E024, sp, "this alias expands the document to more than %u YAML nodes",
		      NONO_MAX_YAML_NODES);
	if (N(B, target)->anchorlen) {
		uint32_t a = N(B, target)->pstart;

		while (a < N(B, target)->start && B->text[a] != '&')
			a++;
		nono_diag_note(B->ctx, d, (struct nono_span){ B->src, a, a + 1 + N(B, target)->anchorlen },
			       "the anchor '&%s' stands for %u nodes", B->pool + N(B, target)->anchor,
			       N(B, target)->weight);
	}
	nono_diag_hint(B->ctx, d, "an alias may repeat a value, not multiply it: write the rules out");
}

/* Count @w more nodes of the expanded document. */
static int grow(struct ybuild *B, uint32_t w, struct nono_span sp, int alias, uint32_t target)
{
	B->expanded += w;
	if (B->expanded > NONO_MAX_YAML_NODES) {
		limit_error(B, sp, alias, target);
		return -1;
	}
	return 0;
}

static void syntax_error(struct ybuild *B, yaml_parser_t *P)
{
	if (P->error == YAML_MEMORY_ERROR) {
		B->nomem = 1;
		return;
	}
	B->end = YE_SYNTAX;
	B->problem = P->problem ? P->problem : "malformed YAML";
	B->context = P->context;
	if (P->error == YAML_READER_ERROR) {
		uint32_t off = (uint32_t)(P->problem_offset > B->len ? B->len : P->problem_offset);

		B->end_span = (struct nono_span){ B->src, off, off < B->len ? off + 1 : off };
		B->context = NULL;
		return;
	}
	uint32_t off = mark_off(B, P->problem_mark.index);

	/* At the end of the input: show the end of the last line, not an empty one. */
	if (off >= B->len) {
		off = (uint32_t)B->len;
		while (off > 0 && (B->text[off - 1] == '\n' || B->text[off - 1] == '\r' || B->text[off - 1] == ' '))
			off--;
	}

	B->end_span = (struct nono_span){ B->src, off,
					  off < B->len && B->text[off] != '\n' && B->text[off] != '\r'
						  ? off + (uint32_t)utf8_width(B->text[off]) : off };
	if (off > B->len)
		B->end_span.end = B->end_span.start;
	if (B->context) {
		uint32_t c = mark_off(B, P->context_mark.index);

		B->context_span = (struct nono_span){ B->src, c, c < B->len ? c + (uint32_t)utf8_width(B->text[c]) : c };
	}
}

/* The end of a block collection: its last child (libyaml's end mark is the
 * start of whatever follows, possibly lines below). */
static void close_node(struct ybuild *B, uint32_t i, const yaml_event_t *ev)
{
	struct ynode *n = N(B, i);
	uint64_t w = 1;

	n->open = 0;
	n->complete = ev != NULL;
	if (ev && n->style)
		n->end = mark_off(B, ev->end_mark.index);
	else if (n->last)
		n->end = N(B, n->last)->end;
	else
		n->end = n->start;
	for (uint32_t c = n->first; c; c = N(B, c)->next)
		w += N(B, c)->weight;
	n->weight = w > NONO_MAX_YAML_NODES ? NONO_MAX_YAML_NODES + 1 : (uint32_t)w;
}

static int on_event(struct ybuild *B, yaml_parser_t *P, yaml_event_t *ev, int *ndocs)
{
	uint32_t i;

	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if ((*ndocs)++ == 0)
			return 0;
		B->end = YE_SECOND_DOC;
		B->end_span = (struct nono_span){ B->src, mark_off(B, ev->start_mark.index),
						  mark_off(B, ev->end_mark.index) };
		/* Is it only an empty document (a stray trailing '---')? */
		yaml_event_t e2;

		if (yaml_parser_parse(P, &e2)) {
			B->empty_second_doc = e2.type == YAML_SCALAR_EVENT && e2.data.scalar.length == 0 &&
					      e2.data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
					      !e2.data.scalar.anchor && !e2.data.scalar.tag;
			yaml_event_delete(&e2);
		}
		return 1;
	case YAML_STREAM_END_EVENT:
		return 1;
	case YAML_SCALAR_EVENT: {
		i = node_add(B, Y_SCALAR);
		if (!i)
			return 1;
		uint32_t v = pool_add(B, ev->data.scalar.value, ev->data.scalar.length);
		struct ynode *n = N(B, i);

		n->val = v;
		n->len = (uint32_t)ev->data.scalar.length;
		n->style = (uint8_t)ev->data.scalar.style;
		set_props(B, i, ev, ev->data.scalar.anchor, ev->data.scalar.tag);
		n = N(B, i);
		/* Block scalars end where the next line starts: trim that. */
		while (n->end > n->start && (B->text[n->end - 1] == '\n' || B->text[n->end - 1] == '\r' ||
					     B->text[n->end - 1] == ' ' || B->text[n->end - 1] == '\t'))
			n->end--;
		B->last_scalar = i;
		attach(B, i);
		return grow(B, 1, node_span(B, i), 0, 0) < 0;
	}
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT: {
		int seq = ev->type == YAML_SEQUENCE_START_EVENT;

		i = node_add(B, seq ? Y_SEQ : Y_MAP);
		if (!i)
			return 1;
		if (seq) {
			N(B, i)->style = ev->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
			set_props(B, i, ev, ev->data.sequence_start.anchor, ev->data.sequence_start.tag);
		} else {
			N(B, i)->style = ev->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
			set_props(B, i, ev, ev->data.mapping_start.anchor, ev->data.mapping_start.tag);
		}
		N(B, i)->end = N(B, i)->start;
		attach(B, i);
		if (B->depth == NONO_MAX_DEPTH) {
			struct nono_span sp = node_span(B, i);

			sp.end = sp.start + 1;
			nono_diag(B->ctx, NONO_E006, sp, "YAML nested deeper than %u levels", NONO_MAX_DEPTH);
			B->fatal = 1;
			return 1;
		}
		N(B, i)->open = 1;
		B->stack[B->depth++] = i;
		return grow(B, 1, node_span(B, i), 0, 0) < 0;
	}
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		if (B->depth)
			close_node(B, B->stack[--B->depth], ev);
		return 0;
	case YAML_ALIAS_EVENT: {
		const char *name = (const char *)ev->data.alias.anchor;
		uint32_t t = anchor_find(B, name);

		i = node_add(B, Y_ALIAS);
		if (!i)
			return 1;
		uint32_t nm = pool_add(B, name, strlen(name));
		struct ynode *n = N(B, i);

		n->anchor = nm;
		n->anchorlen = (uint32_t)strlen(name);
		n->start = n->pstart = mark_off(B, ev->start_mark.index);
		n->end = mark_off(B, ev->end_mark.index);
		n->target = t;
		if (!t) {
			n->kind = Y_BAD;
			n->bad = YB_UNDEFINED;
		} else if (N(B, t)->open) {
			n->kind = Y_BAD;
			n->bad = YB_RECURSIVE;
		} else {
			n->weight = N(B, t)->weight;
		}
		attach(B, i);
		return grow(B, n->kind == Y_ALIAS ? n->weight : 1, node_span(B, i), n->kind == Y_ALIAS, t) < 0;
	}
	default:
		return 0;
	}
}

static void build(struct ybuild *B, yaml_parser_t *P)
{
	int ndocs = 0;

	for (;;) {
		yaml_event_t ev;

		if (!yaml_parser_parse(P, &ev)) {
			syntax_error(B, P);
			break;
		}
		int stop = on_event(B, P, &ev, &ndocs);

		yaml_event_delete(&ev);
		if (stop || B->fatal || B->nomem)
			break;
	}
	/* Collections left open by an error: give them spans, mark them incomplete. */
	while (B->depth)
		close_node(B, B->stack[--B->depth], NULL);
}

/* ------------------------------------------------------------------------
 * The walk: the tree against the policy schema
 * ------------------------------------------------------------------------ */

#define MAX_KEYS 16
#define MAX_WALK 64

struct ywalk {
	struct nonoc_ctx *ctx;
	int src;
	struct ybuild *B;
	size_t nerrors, nrules, visited;
	int stopped;
	struct nonoc_diag *stop_diag; /* the error that reached NONO_MAX_ERRORS */
	struct nonoc_diag *mine[NONO_MAX_ERRORS + 1]; /* for dropping exact repeats (aliases) */
	size_t nmine;
	/* The keys leading to the node being walked (for rule spans). */
	struct nono_span keys[MAX_KEYS];
	unsigned nkeys, stmt;  /* stmt: index of the key that starts the statement */
	/* The aliases the walk went through (0 = none), innermost last. */
	uint32_t via[MAX_WALK];
	unsigned depth;
	char showbuf[4][96];
	unsigned showi;
};

#define NB(W, i) N((W)->B, (i))

/* A value for a message: at most 40 bytes, control characters replaced. */
static const char *show_bytes(struct ywalk *W, const char *s, size_t len)
{
	char *out = W->showbuf[W->showi++ % ARRAY_LEN(W->showbuf)];
	size_t n = 0, max = 40;

	if (len > max) {
		while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
			max--;
	}
	for (size_t i = 0; i < len && i < max; i++) {
		unsigned char c = (unsigned char)s[i];

		out[n++] = c < 0x20 || c == 0x7f ? '?' : (char)c;
	}
	if (len > max) {
		memcpy(out + n, "...", 3);
		n += 3;
	}
	out[n] = '\0';
	return out;
}

static const char *show(struct ywalk *W, uint32_t i)
{
	if (NB(W, i)->kind == Y_ALIAS)
		i = NB(W, i)->target;
	if (NB(W, i)->kind != Y_SCALAR)
		return "?";
	return show_bytes(W, V(W->B, i), NB(W, i)->len);
}

__attribute__((format(printf, 4, 5))) static struct nonoc_diag *yerr(struct ywalk *W, enum nono_code code,
								      struct nono_span sp, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	if (W->stopped)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	/* The same problem reached again through an alias: say it once. */
	for (size_t i = 0; i < W->nmine; i++) {
		const struct nonoc_diag *o = W->mine[i];

		if (o->code == code && o->span.start == sp.start && o->span.end == sp.end && !strcmp(o->msg, buf))
			return NULL;
	}
	struct nonoc_diag *d = nono_diag(W->ctx, code, sp, "%s", buf);

	if (W->nmine < ARRAY_LEN(W->mine))
		W->mine[W->nmine++] = d;
	for (unsigned i = W->depth; i-- > 0;) {
		uint32_t a = W->via[i];

		if (a) {
			nono_diag_note(W->ctx, d, node_span(W->B, a), "reached through the alias '*%s' here",
				       W->B->pool + NB(W, a)->anchor);
			break;
		}
	}
	if (++W->nerrors >= NONO_MAX_ERRORS) {
		W->stop_diag = d; /* noted last, after the caller's own notes and hints */
		W->stopped = 1;
	}
	return d;
}

__attribute__((format(printf, 3, 4))) static void hint(struct ywalk *W, struct nonoc_diag *d, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	if (!d)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	nono_diag_hint(W->ctx, d, "%s", buf);
}

__attribute__((format(printf, 4, 5))) static void note(struct ywalk *W, struct nonoc_diag *d, struct nono_span sp,
						       const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	if (!d)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	nono_diag_note(W->ctx, d, sp, "%s", buf);
}

static struct nono_span anchor_span(struct ywalk *W, uint32_t t)
{
	const struct ynode *n = NB(W, t);
	uint32_t a = n->pstart;

	while (a < n->start && W->B->text[a] != '&')
		a++;
	if (a >= n->start)
		return node_span(W->B, t);
	return (struct nono_span){ W->src, a, a + 1 + n->anchorlen };
}

static void report_bad(struct ywalk *W, uint32_t i)
{
	struct ynode *n = NB(W, i);
	struct nonoc_diag *d;

	if (n->bad == YB_UNDEFINED) {
		d = yerr(W, NONO_E024, node_span(W->B, i), "the alias '*%s' refers to no anchor",
			 W->B->pool + n->anchor);
		hint(W, d, "define the anchor before the alias, as '&%s VALUE'", W->B->pool + n->anchor);
	} else if (n->bad == YB_RECURSIVE) {
		d = yerr(W, NONO_E024, node_span(W->B, i), "the alias '*%s' refers to a node that contains it",
			 W->B->pool + n->anchor);
		note(W, d, anchor_span(W, n->target), "the anchor '&%s' is here", W->B->pool + n->anchor);
		hint(W, d, "a recursive value has no end; write the value out instead");
	} else {
		return;
	}
	n->bad = YB_REPORTED;
}

/* Tags: the core scalar ones are harmless; anything else changes meaning. */
static int tag_ok(struct ywalk *W, const struct ynode *n)
{
	const char *t = W->B->pool + n->tag;

	if (!n->taglen)
		return 1;
	switch (n->kind) {
	case Y_SCALAR:
		return !strcmp(t, "tag:yaml.org,2002:str") || !strcmp(t, "tag:yaml.org,2002:int") ||
		       !strcmp(t, "tag:yaml.org,2002:float");
	case Y_SEQ:
		return !strcmp(t, "tag:yaml.org,2002:seq");
	case Y_MAP:
		return !strcmp(t, "tag:yaml.org,2002:map");
	default:
		return 1;
	}
}

/* Step into a node: resolve an alias (remembered for notes), count the visit,
 * report a bad node once. Pair every enter() with a leave(). */
static uint32_t enter(struct ywalk *W, uint32_t i)
{
	uint32_t via = 0;

	if (NB(W, i)->kind == Y_ALIAS) {
		via = i;
		i = NB(W, i)->target;
	}
	if (W->depth < MAX_WALK)
		W->via[W->depth] = via;
	W->depth++;
	if (++W->visited > NONO_MAX_YAML_NODES && !W->stopped) {
		yerr(W, NONO_E024, node_span(W->B, via ? via : i), "more than %u YAML nodes visited",
		     NONO_MAX_YAML_NODES);
		W->stopped = 1;
	}
	if (W->depth > MAX_WALK || W->stopped)
		return 0;
	struct ynode *n = NB(W, i);

	if (n->kind == Y_BAD) {
		report_bad(W, i);
		return 0;
	}
	if (!tag_ok(W, n)) {
		const char *tag = W->B->pool + n->tag;
		struct nono_span sp = { W->src, n->pstart, n->end };
		uint32_t t = n->pstart;

		while (t < n->start && W->B->text[t] != '!')
			t++;
		if (t < n->start) {
			sp.start = t;
			for (sp.end = t; sp.end < n->start && !strchr(" \t\r\n", W->B->text[sp.end]); sp.end++)
				;
		}
		struct nonoc_diag *d = !strncmp(tag, "tag:yaml.org,2002:", 18)
			? yerr(W, NONO_E021, sp, "the YAML tag '!!%s' is not allowed in a policy", show_bytes(W, tag + 18, n->taglen - 18))
			: yerr(W, NONO_E021, sp, "the YAML tag '%s' is not allowed in a policy", show_bytes(W, tag, n->taglen));

		hint(W, d, "remove the tag: policy values are plain strings, lists and mappings");
		n->kind = Y_BAD;
		n->bad = YB_REPORTED;
		return 0;
	}
	return i;
}

static void leave(struct ywalk *W)
{
	W->depth--;
}

static void push_key(struct ywalk *W, struct nono_span sp)
{
	if (W->nkeys < MAX_KEYS)
		W->keys[W->nkeys] = sp;
	W->nkeys++;
}

static void pop_key(struct ywalk *W)
{
	W->nkeys--;
}

static int is_null(struct ywalk *W, uint32_t i)
{
	const struct ynode *n = NB(W, i);
	const char *v = V(W->B, i);

	if (n->kind != Y_SCALAR || n->style != YAML_PLAIN_SCALAR_STYLE || n->taglen)
		return 0;
	return n->len == 0 || !strcmp(v, "~") || !strcmp(v, "null") || !strcmp(v, "Null") || !strcmp(v, "NULL");
}

static int is_string(struct ywalk *W, uint32_t i)
{
	return NB(W, i)->kind == Y_SCALAR && !is_null(W, i);
}

static struct nono_pos pos_of(struct ywalk *W, uint32_t off)
{
	return nono_source_pos(W->ctx, W->src, off);
}

/* The statement span of a rule made from @item (see the top comment). */
static struct nono_span rule_span(struct ywalk *W, struct nono_span item)
{
	uint32_t line = pos_of(W, item.start).line;

	for (unsigned k = W->stmt; k < W->nkeys && k < MAX_KEYS; k++)
		if (W->keys[k].start <= item.start && pos_of(W, W->keys[k].start).line == line)
			return nono_span_join(W->keys[k], item);
	return item;
}

static struct nono_span stmt_kw(struct ywalk *W)
{
	return W->stmt < W->nkeys && W->stmt < MAX_KEYS ? W->keys[W->stmt] : NONO_NO_SPAN;
}

static struct nono_node *mk(struct ywalk *W, enum nono_node_kind kind, struct nono_span span, struct nono_span kw)
{
	struct nono_node *n = nono_node_new(W->ctx, kind, span);

	n->kw = kw;
	if (++W->nrules > NONO_MAX_RULES && !W->stopped) {
		yerr(W, NONO_E006, span, "more than %u rules in one source", NONO_MAX_RULES);
		W->stopped = 1;
	}
	return n;
}

/* "a mapping", "a list", "nothing", "the value 'x'". */
static const char *found(struct ywalk *W, uint32_t i)
{
	char *out = W->showbuf[W->showi++ % ARRAY_LEN(W->showbuf)];

	switch (NB(W, i)->kind) {
	case Y_MAP:
		return "a mapping";
	case Y_SEQ:
		return "a list";
	case Y_SCALAR:
		if (is_null(W, i))
			return "nothing";
		snprintf(out, sizeof(W->showbuf[0]), "the value '%s'", show(W, i));
		return out;
	default:
		return "an invalid value";
	}
}

/* A value of the wrong kind: @k is its key (0 for a list item). */
static struct nonoc_diag *type_error(struct ywalk *W, uint32_t k, uint32_t i, const char *expected)
{
	struct nonoc_diag *d;

	if (!i || NB(W, i)->kind == Y_BAD)
		return NULL;
	if (k && is_null(W, i)) {
		d = yerr(W, NONO_E021, node_span(W->B, k), "expected %s after '%s:', found nothing", expected,
			 show(W, k));
		hint(W, d, "write the value after the colon, or on the lines below indented further than '%s'",
		     show(W, k));
		return d;
	}
	if (k)
		d = yerr(W, NONO_E021, node_span(W->B, i), "expected %s after '%s:', found %s", expected, show(W, k),
			 found(W, i));
	else
		d = yerr(W, NONO_E021, node_span(W->B, i), "expected %s, found %s", expected, found(W, i));
	if (NB(W, i)->kind == Y_MAP && strstr(expected, "mapping"))
		return d;
	if (NB(W, i)->kind == Y_MAP && NB(W, i)->count == 2 && !k)
		hint(W, d, "a ': ' inside a value starts a mapping; quote the whole value");
	else if (NB(W, i)->kind == Y_MAP && !strncmp(expected, "a list", 6))
		hint(W, d, "a list is written as '- item' lines or as [a, b]; 'key: value' lines make a mapping");
	return d;
}

/* The text of a scalar, checked. */
static int text_of(struct ywalk *W, uint32_t i, struct nono_text *t)
{
	const struct ynode *n = NB(W, i);
	const char *v = V(W->B, i);
	struct nono_span sp = node_span(W->B, i);

	if (n->len > NONO_MAX_TOKEN) {
		yerr(W, NONO_E006, sp, "this value is %u bytes long; the limit is %u", n->len, NONO_MAX_TOKEN);
		return 0;
	}
	for (uint32_t k = 0; k < n->len; k++) {
		unsigned char c = (unsigned char)v[k];

		if (c == 0) {
			struct nonoc_diag *d = yerr(W, NONO_E026, sp, "this value contains a NUL character");

			hint(W, d, "a NUL would cut the value short where it reaches the kernel; remove the \\0 escape");
			return 0;
		}
		if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) {
			yerr(W, NONO_E026, sp, "this value contains the control character U+%04X", c);
			return 0;
		}
	}
	*t = nono_text_make(W->ctx, v, n->len, sp);
	return 1;
}

/* A sub-span of a scalar's value (for "tcp 10.0.0.1:25"): exact when the
 * value is written as is in the source, else the whole scalar. */
static struct nono_span sub_span(struct ywalk *W, uint32_t i, size_t off, size_t len)
{
	const struct ynode *n = NB(W, i);
	struct nono_span sp = node_span(W->B, i);
	uint32_t q = n->style == YAML_SINGLE_QUOTED_SCALAR_STYLE || n->style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;

	if (n->style > YAML_DOUBLE_QUOTED_SCALAR_STYLE || n->end - n->start != n->len + 2 * q ||
	    memcmp(W->B->text + n->start + q, V(W->B, i), n->len) != 0)
		return sp;
	return (struct nono_span){ W->src, n->start + q + (uint32_t)off, n->start + q + (uint32_t)(off + len) };
}

/* A nono word: [A-Za-z_][A-Za-z0-9_.]*(-[A-Za-z0-9_.]+)*  */
static int is_word(const char *s, size_t len)
{
	if (!len || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') || s[0] == '_'))
		return 0;
	for (size_t i = 1; i < len; i++) {
		char c = s[i];
		int alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
			    c == '.';

		if (c == '-') {
			if (i + 1 == len || s[i + 1] == '-')
				return 0;
		} else if (!alnum) {
			return 0;
		}
	}
	return 1;
}

struct word {
	const char *s;
	size_t len, off;
};

/* Split on blanks; returns the number of words (only @max are stored). */
static size_t split_words(const char *s, size_t len, struct word *w, size_t max)
{
	size_t n = 0, i = 0;

	while (i < len) {
		while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n'))
			i++;
		if (i == len)
			break;
		size_t b = i;

		while (i < len && s[i] != ' ' && s[i] != '\t' && s[i] != '\n')
			i++;
		if (n < max)
			w[n] = (struct word){ s + b, i - b, b };
		n++;
	}
	return n;
}

static int word_is(const struct word *w, const char *s)
{
	return w->len == strlen(s) && memcmp(w->s, s, w->len) == 0;
}

static void suggest_hint(struct ywalk *W, struct nonoc_diag *d, const char *word, size_t len,
			 const char *const *cands, size_t n)
{
	const char *best = nono_suggest(word, len, cands, n);

	if (best)
		hint(W, d, "did you mean '%s'?", best);
}

/* ---- mappings and keys ---- */

enum kset { KS_TOP, KS_BODY, KS_DENY, KS_NET, KS_SYS, KS_ENV, KS_QUOTA, KS_IO, KS_POLICY, KS_EXEC };

struct keyset {
	enum kset id;
	const char *const *names;
	size_t n;
};

static const char *const top_keys[] = { "policy", "use", "mode", "require", "agent", "tools", "quota",
					"fs",     "net", "proc", "sys",     "env",   "deny" };
enum { T_POLICY, T_USE, T_MODE, T_REQUIRE, T_AGENT, T_TOOLS, T_QUOTA, T_FS, T_NET, T_PROC, T_SYS, T_ENV, T_DENY };
static const char *const body_keys[] = { "exec", "measure", "fs", "net", "proc", "sys", "env", "deny", "quota" };
enum { B_EXEC, B_MEASURE, B_FS, B_NET, B_PROC, B_SYS, B_ENV, B_DENY, B_QUOTA };
static const char *const deny_keys[] = { "fs", "net", "sys", "proc" };
enum { D_FS, D_NET, D_SYS, D_PROC };
static const char *const net_keys[] = { "connect", "bind", "unix" };
enum { NK_CONNECT, NK_BIND, NK_UNIX };
static const char *const sys_keys[] = { "deny", "allow" };
static const char *const env_keys[] = { "pass", "set" };
static const char *const quota_keys[] = { "memory", "cpu", "pids", "io", "wall", "files" };
static const int quota_subs[] = { NONO_Q_MEMORY, NONO_Q_CPU, NONO_Q_PIDS, -1, NONO_Q_WALL, NONO_Q_FILES };
static const char *const io_keys[] = { "read", "write" };
static const char *const policy_keys[] = { "name", "version" };
static const char *const exec_keys[] = { "path", "sha256" };

#define KEYSET(id, a) { id, a, ARRAY_LEN(a) }
static const struct keyset ks_top = KEYSET(KS_TOP, top_keys);
static const struct keyset ks_body = KEYSET(KS_BODY, body_keys);
static const struct keyset ks_deny = KEYSET(KS_DENY, deny_keys);
static const struct keyset ks_net = KEYSET(KS_NET, net_keys);
static const struct keyset ks_sys = KEYSET(KS_SYS, sys_keys);
static const struct keyset ks_env = KEYSET(KS_ENV, env_keys);
static const struct keyset ks_quota = KEYSET(KS_QUOTA, quota_keys);
static const struct keyset ks_io = KEYSET(KS_IO, io_keys);
static const struct keyset ks_policy = KEYSET(KS_POLICY, policy_keys);
static const struct keyset ks_exec = KEYSET(KS_EXEC, exec_keys);

static uint32_t map_next(struct ywalk *W, uint32_t k)
{
	uint32_t v = NB(W, k)->next;

	return v ? NB(W, v)->next : 0;
}

static void list_names(char *buf, size_t size, const char *const *names, size_t n)
{
	size_t off = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		int w = snprintf(buf + off, size - off, "%s%s", i ? ", " : "", names[i]);

		if (w < 0 || (size_t)w >= size - off)
			return;
		off += (size_t)w;
	}
}

static int in_list(const char *s, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(s, names[i]))
			return 1;
	return 0;
}

static void unknown_key(struct ywalk *W, uint32_t k, const char *key, const struct keyset *ks, const char *where)
{
	char valid[256];
	struct nonoc_diag *d = yerr(W, NONO_E022, node_span(W->B, k), "unknown key '%s' %s", show(W, k), where);

	if (!d)
		return;
	suggest_hint(W, d, key, strlen(key), ks->names, ks->n);
	list_names(valid, sizeof(valid), ks->names, ks->n);
	note(W, d, NONO_NO_SPAN, "the keys allowed %s are: %s", where, valid);
	if (!strcmp(key, "allow") && ks->id != KS_SYS)
		hint(W, d, "rules allow by being written: put 'fs:', 'net:', … directly here; only 'sys:' has 'allow:'");
	else if (ks->id == KS_TOP && (!strcmp(key, "exec") || !strcmp(key, "measure")))
		hint(W, d, "'%s' belongs to a domain: put it under 'agent:' or under a tool in 'tools:'", key);
	else if (ks->id == KS_TOP && (!strcmp(key, "name") || !strcmp(key, "version")))
		hint(W, d, "'%s' belongs under 'policy:'", key);
	else if (ks->id == KS_BODY && in_list(key, top_keys, ARRAY_LEN(top_keys)))
		hint(W, d, "'%s' is a top-level key: write it at the start of a line, outside any block", key);
	else if (ks->id == KS_DENY && in_list(key, body_keys, ARRAY_LEN(body_keys)))
		hint(W, d, "only fs, net, sys and proc rules can be denied");
}

/* Check a mapping key against @ks. Returns its index, or -1 when it is not
 * one (reported). @seen holds the first key node of each index. */
static int key_id(struct ywalk *W, uint32_t k, const struct keyset *ks, uint32_t *seen, const char *where)
{
	uint32_t r = enter(W, k);
	int id = -1;

	if (!r)
		goto out;
	if (!is_string(W, r)) {
		yerr(W, NONO_E021, node_span(W->B, k), "a key must be a name, found %s", found(W, r));
		goto out;
	}
	const char *key = V(W->B, r);

	if (!strcmp(key, "<<") && NB(W, r)->style == YAML_PLAIN_SCALAR_STYLE) {
		struct nonoc_diag *d = yerr(W, NONO_E024, node_span(W->B, k), "merge keys ('<<') are not supported");

		hint(W, d, "write the entries out: a merge hides which keys a mapping really has");
		goto out;
	}
	for (size_t i = 0; i < ks->n; i++)
		if (strlen(ks->names[i]) == NB(W, r)->len && !strcmp(key, ks->names[i]))
			id = (int)i;
	if (id < 0) {
		unknown_key(W, k, key, ks, where);
		goto out;
	}
	if (seen[id]) {
		struct nonoc_diag *d = yerr(W, NONO_E023, node_span(W->B, k), "duplicate key '%s' %s", key, where);

		note(W, d, node_span(W->B, seen[id]), "'%s' first appears here", key);
		hint(W, d, "merge the two entries into one");
		id = -1;
		goto out;
	}
	seen[id] = k;
out:
	leave(W);
	return id;
}

/* Duplicate detection for mappings with open keys (tools, measure, env set). */
struct strset {
	uint32_t *slot; /* key node (as written), 0 = empty */
	size_t cap;
};

static int strset_init(struct ywalk *W, struct strset *s, size_t n)
{
	s->cap = 16;
	while (s->cap < 2 * n + 2)
		s->cap *= 2;
	s->slot = calloc(s->cap, sizeof(*s->slot));
	if (!s->slot)
		W->B->nomem = 1;
	return s->slot ? 0 : -1;
}

/* Returns the earlier key with the same text, or 0 after adding @k. */
static uint32_t strset_add(struct ywalk *W, struct strset *s, uint32_t k, uint32_t r)
{
	const char *v = V(W->B, r);
	size_t len = NB(W, r)->len;

	if (!s->slot)
		return 0;
	for (size_t i = hash_bytes(v, len) & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
		uint32_t o = s->slot[i];

		if (!o) {
			s->slot[i] = k;
			return 0;
		}
		uint32_t orr = NB(W, o)->kind == Y_ALIAS ? NB(W, o)->target : o;

		if (NB(W, orr)->len == len && memcmp(V(W->B, orr), v, len) == 0)
			return o;
	}
}

/* The key of an open mapping: a word, not repeated. Returns the resolved key or 0. */
static uint32_t open_key(struct ywalk *W, uint32_t k, struct strset *set, const char *what, const char *where)
{
	uint32_t r = enter(W, k), ret = 0;

	if (!r)
		goto out;
	if (!is_string(W, r)) {
		yerr(W, NONO_E021, node_span(W->B, k), "expected %s as the key, found %s", what, found(W, r));
		goto out;
	}
	if (!is_word(V(W->B, r), NB(W, r)->len)) {
		struct nonoc_diag *d = yerr(W, NONO_E026, node_span(W->B, k), "'%s' is not a valid %s", show(W, r), what);

		hint(W, d, "a name is made of letters, digits, '_', '.' and inner '-', and starts with a letter or '_'");
		goto out;
	}
	uint32_t first = strset_add(W, set, k, r);

	if (first) {
		struct nonoc_diag *d = yerr(W, NONO_E023, node_span(W->B, k), "duplicate key '%s' %s", show(W, r), where);

		note(W, d, node_span(W->B, first), "'%s' first appears here", show(W, r));
		hint(W, d, "merge the two entries into one");
		goto out;
	}
	ret = r;
out:
	leave(W);
	return ret;
}

/* ---- lists of scalars ---- */

typedef void (*item_fn)(struct ywalk *W, uint32_t item, const void *arg);

/* A list of scalars, or one scalar: call @fn for each (resolved) item. */
static void each_item(struct ywalk *W, uint32_t k, uint32_t v, const char *what_list, const char *what_item,
		      item_fn fn, const void *arg)
{
	uint32_t r = enter(W, v);

	if (!r) {
		leave(W);
		return;
	}
	if (NB(W, r)->kind == Y_SEQ) {
		for (uint32_t c = NB(W, r)->first; c && !W->stopped; c = NB(W, c)->next) {
			uint32_t ci = enter(W, c);

			if (ci && is_string(W, ci))
				fn(W, ci, arg);
			else if (ci)
				type_error(W, 0, ci, what_item);
			leave(W);
		}
	} else if (is_string(W, r)) {
		fn(W, r, arg);
	} else {
		type_error(W, k, r, what_list);
	}
	leave(W);
}

struct rule {
	struct nono_list *out;
	enum nono_node_kind kind;
	int sub;
	unsigned flags;
};

/* USE, FS, NET_UNIX: the item is the whole argument. */
static void path_item(struct ywalk *W, uint32_t i, const void *arg)
{
	const struct rule *R = arg;
	struct nono_text t;

	if (!text_of(W, i, &t))
		return;
	struct nono_node *n = mk(W, R->kind, rule_span(W, t.span), stmt_kw(W));

	n->sub = R->sub;
	n->flags = R->flags;
	n->arg = t;
	nono_list_append(R->out, n);
}

static const char *const protos[] = { "tcp", "udp" };

/* "[tcp|udp] ADDRESS" */
static void net_item(struct ywalk *W, uint32_t i, const void *arg)
{
	const struct rule *R = arg;
	struct nono_text t;
	struct word w[3];
	struct nonoc_diag *d;
	int proto = NONO_PROTO_ANY;

	if (!text_of(W, i, &t))
		return;
	size_t nw = split_words(t.s, t.len, w, 3);
	struct word *addr = &w[0];

	int alpha = nw >= 1 && w[0].len && ((w[0].s[0] >= 'a' && w[0].s[0] <= 'z') || (w[0].s[0] >= 'A' && w[0].s[0] <= 'Z')) &&
		    !memchr(w[0].s, ':', w[0].len) && !memchr(w[0].s, '.', w[0].len);

	if (nw == 2 && alpha) {
		if (word_is(&w[0], "tcp")) {
			proto = NONO_PROTO_TCP;
		} else if (word_is(&w[0], "udp")) {
			proto = NONO_PROTO_UDP;
		} else {
			d = yerr(W, NONO_E026, sub_span(W, i, w[0].off, w[0].len), "unknown protocol '%s'; expected tcp or udp",
				 show_bytes(W, w[0].s, w[0].len));
			suggest_hint(W, d, w[0].s, w[0].len, protos, 2);
			return;
		}
		addr = &w[1];
	} else if (nw != 1 || word_is(&w[0], "tcp") || word_is(&w[0], "udp")) {
		d = yerr(W, NONO_E026, t.span, "expected '[tcp|udp] ADDRESS', found '%s'", show(W, i));
		if (nw == 3 || (nw == 2 && !alpha))
			hint(W, d, "a port follows the address after ':', as in 'tcp 10.0.0.25:587'");
		else
			hint(W, d, "write one address per item, such as 'tcp 10.0.0.25:587' or '169.254.169.254'");
		return;
	}
	struct nono_node *n = mk(W, R->kind, rule_span(W, t.span), stmt_kw(W));

	n->sub = proto;
	n->flags = R->flags;
	n->arg = nono_text_make(W->ctx, addr->s, addr->len, sub_span(W, i, addr->off, addr->len));
	nono_list_append(R->out, n);
}

/* A syscall name or @group. */
static void sys_item(struct ywalk *W, uint32_t i, const void *arg)
{
	const struct rule *R = arg;
	struct nono_text t;

	if (!text_of(W, i, &t))
		return;
	if (!(t.len && t.s[0] == '@' ? is_word(t.s + 1, t.len - 1) : is_word(t.s, t.len))) {
		struct nonoc_diag *d = yerr(W, NONO_E026, t.span, "'%s' is not a syscall name or @group", show(W, i));

		hint(W, d, "write one name per item: 'ptrace', '@mount'");
		return;
	}
	struct nono_node *n = mk(W, NONO_N_SYS, rule_span(W, t.span), stmt_kw(W));

	n->flags = R->flags;
	n->arg = t;
	nono_list_append(R->out, n);
}

static void env_pass_item(struct ywalk *W, uint32_t i, const void *arg)
{
	const struct rule *R = arg;
	struct nono_text t;

	if (!text_of(W, i, &t))
		return;
	if (!is_word(t.s, t.len)) {
		struct nonoc_diag *d = yerr(W, NONO_E026, t.span, "'%s' is not a valid environment variable name",
					    show(W, i));

		if (memchr(t.s, '=', t.len))
			hint(W, d, "'pass' takes names; set a value with 'set: {NAME: VALUE}'");
		else
			hint(W, d, "a name is made of letters, digits, '_', '.' and inner '-'; one name per item");
		return;
	}
	struct nono_node *n = mk(W, NONO_N_ENV_PASS, rule_span(W, t.span), stmt_kw(W));

	n->flags = R->flags;
	n->name = t;
	nono_list_append(R->out, n);
}

static const char *const procs[] = { "signal children", "ptrace" };

static void proc_item(struct ywalk *W, uint32_t i, const void *arg)
{
	const struct rule *R = arg;
	struct nono_text t;
	struct word w[3];
	int sub;

	if (!text_of(W, i, &t))
		return;
	size_t nw = split_words(t.s, t.len, w, 3);

	if (nw == 2 && word_is(&w[0], "signal") && word_is(&w[1], "children")) {
		sub = NONO_PROC_SIGNAL_CHILDREN;
	} else if (nw == 1 && word_is(&w[0], "ptrace")) {
		sub = NONO_PROC_PTRACE;
	} else {
		struct nonoc_diag *d = yerr(W, NONO_E026, t.span,
					    "unknown process permission '%s'; expected 'signal children' or 'ptrace'",
					    show(W, i));

		suggest_hint(W, d, t.s, t.len, procs, 2);
		return;
	}
	struct nono_node *n = mk(W, NONO_N_PROC, rule_span(W, t.span), stmt_kw(W));

	n->sub = sub;
	n->flags = R->flags;
	nono_list_append(R->out, n);
}

static const char *const layers[NONO_LAYER_COUNT] = { "bpf-lsm", "landlock", "seccomp", "cgroups" };

/* "LAYER [LEVEL]" */
static void require_item(struct ywalk *W, uint32_t i, const void *arg)
{
	const struct rule *R = arg;
	struct nono_text t;
	struct word w[3];
	struct nonoc_diag *d;
	int layer = -1;

	if (!text_of(W, i, &t))
		return;
	size_t nw = split_words(t.s, t.len, w, 3);

	if (nw == 0 || nw > 2) {
		d = yerr(W, NONO_E026, t.span, "expected 'LAYER [LEVEL]', found '%s'", show(W, i));
		hint(W, d, "one requirement per item: bpf-lsm, \"landlock 3\", seccomp or cgroups");
		return;
	}
	for (int l = 0; l < NONO_LAYER_COUNT; l++)
		if (word_is(&w[0], layers[l]))
			layer = l;
	if (layer < 0) {
		d = yerr(W, NONO_E026, sub_span(W, i, w[0].off, w[0].len),
			 "unknown enforcement layer '%s'; expected bpf-lsm, landlock, seccomp or cgroups",
			 show_bytes(W, w[0].s, w[0].len));
		suggest_hint(W, d, w[0].s, w[0].len, layers, NONO_LAYER_COUNT);
		return;
	}
	if (nw == 2 && !(w[1].s[0] >= '0' && w[1].s[0] <= '9')) {
		d = yerr(W, NONO_E026, sub_span(W, i, w[1].off, w[1].len), "expected a number after '%s', found '%s'",
			 layers[layer], show_bytes(W, w[1].s, w[1].len));
		hint(W, d, "a level is a number, as in \"landlock 3\"");
		return;
	}
	struct nono_node *n = mk(W, NONO_N_REQUIRE, rule_span(W, t.span), stmt_kw(W));

	n->sub = layer;
	if (nw == 2)
		n->arg = nono_text_make(W->ctx, w[1].s, w[1].len, sub_span(W, i, w[1].off, w[1].len));
	nono_list_append(R->out, n);
}

/* ---- "a mapping, or a list of mappings read in order" ---- */

typedef void (*entry_fn)(struct ywalk *W, int id, uint32_t k, uint32_t v, const void *arg);

static void map_entries(struct ywalk *W, uint32_t m, const struct keyset *ks, const char *where, entry_fn fn,
			const void *arg)
{
	uint32_t seen[16] = { 0 };

	for (uint32_t k = NB(W, m)->first; k && !W->stopped; k = map_next(W, k)) {
		uint32_t v = NB(W, k)->next;
		int id = key_id(W, k, ks, seen, where);

		if (id < 0 || !v)
			continue;
		push_key(W, node_span(W->B, k));
		fn(W, id, k, v, arg);
		pop_key(W);
	}
}

static void each_entry(struct ywalk *W, uint32_t k, uint32_t v, const struct keyset *ks, const char *where,
		       const char *expected, entry_fn fn, const void *arg)
{
	uint32_t r = enter(W, v);

	if (r && NB(W, r)->kind == Y_MAP) {
		map_entries(W, r, ks, where, fn, arg);
	} else if (r && NB(W, r)->kind == Y_SEQ) {
		for (uint32_t c = NB(W, r)->first; c && !W->stopped; c = NB(W, c)->next) {
			uint32_t ci = enter(W, c);

			if (ci && NB(W, ci)->kind == Y_MAP)
				map_entries(W, ci, ks, where, fn, arg);
			else if (ci)
				type_error(W, 0, ci, expected);
			leave(W);
		}
	} else if (r) {
		type_error(W, k, r, expected);
	}
	leave(W);
}

/* ---- fs ---- */

static const char *const access_names[] = { "read", "write", "exec", "all" };

/* Where rules go, and the flags they get (NONO_NODE_DENY inside deny:). */
struct sink {
	struct nono_list *out;
	unsigned flags;
};

/* A key of an fs mapping: "read", "read write", … ("all" in deny). Returns
 * the access mask or -1 (reported). */
static int access_key(struct ywalk *W, uint32_t k, int deny)
{
	uint32_t r = enter(W, k);
	struct word w[4];
	int mask = -1, all = 0;
	unsigned m = 0;
	struct nonoc_diag *d;

	if (!r)
		goto out;
	if (!is_string(W, r)) {
		yerr(W, NONO_E021, node_span(W->B, k), "a key must be a name, found %s", found(W, r));
		goto out;
	}
	size_t nw = split_words(V(W->B, r), NB(W, r)->len, w, 4);

	for (size_t i = 0; i < nw && i < 4; i++) {
		unsigned bit = word_is(&w[i], "read") ? NONO_FS_READ : word_is(&w[i], "write") ? NONO_FS_WRITE :
			       word_is(&w[i], "exec") ? NONO_FS_EXEC : 0;

		if (!bit && deny && word_is(&w[i], "all")) {
			all = 1;
			continue;
		}
		if (!bit) {
			d = yerr(W, NONO_E022, node_span(W->B, k), "unknown access '%s' in 'fs'",
				 show_bytes(W, w[i].s, w[i].len));
			suggest_hint(W, d, w[i].s, w[i].len, access_names, deny ? 4 : 3);
			note(W, d, NONO_NO_SPAN, "the keys allowed in 'fs' are: read, write, exec%s, or several "
				 "accesses separated by spaces ('read write')", deny ? ", all" : "");
			if (!deny && word_is(&w[i], "all"))
				hint(W, d, "'all' is for deny rules; an allow rule names its accesses");
			else if (memchr(w[i].s, ',', w[i].len) || memchr(w[i].s, '+', w[i].len))
				hint(W, d, "separate several accesses with spaces: 'read write'");
			goto out;
		}
		if (m & bit) {
			yerr(W, NONO_E026, node_span(W->B, k), "'%s' is written twice in '%s'",
			     show_bytes(W, w[i].s, w[i].len), show(W, r));
			goto out;
		}
		m |= bit;
	}
	if (nw == 0 || nw > 4) {
		yerr(W, NONO_E022, node_span(W->B, k), "unknown key '%s' in 'fs'", show(W, r));
		goto out;
	}
	if (all && nw > 1) {
		yerr(W, NONO_E026, node_span(W->B, k), "'all' stands alone: it already means read, write and exec");
		goto out;
	}
	mask = all ? NONO_FS_ALL : (int)m;
out:
	leave(W);
	return mask;
}

static void fs_map(struct ywalk *W, uint32_t m, const struct sink *F)
{
	uint32_t seen[8] = { 0 };
	int deny = (F->flags & NONO_NODE_DENY) != 0;

	for (uint32_t k = NB(W, m)->first; k && !W->stopped; k = map_next(W, k)) {
		uint32_t v = NB(W, k)->next;
		int mask = access_key(W, k, deny);

		if (mask < 0 || !v)
			continue;
		if (seen[mask]) {
			struct nonoc_diag *d = yerr(W, NONO_E023, node_span(W->B, k), "duplicate key '%s' in 'fs'",
						    show(W, k));

			note(W, d, node_span(W->B, seen[mask]), "the same access is first given here");
			hint(W, d, "merge the two lists into one");
			continue;
		}
		seen[mask] = k;
		struct rule R = { F->out, NONO_N_FS, mask, F->flags };

		push_key(W, node_span(W->B, k));
		each_item(W, k, v, "a list of paths", "a path", path_item, &R);
		pop_key(W);
	}
}

static void fs_allow_needs_access(struct ywalk *W, uint32_t i)
{
	struct nonoc_diag *d = yerr(W, NONO_E021, node_span(W->B, i),
				    "an fs rule must say which access it allows, found the path '%s'", show(W, i));

	hint(W, d, "name the access: 'fs: {read: [\"%s\"]}' (read, write, exec)", show(W, i));
}

static void walk_fs(struct ywalk *W, uint32_t k, uint32_t v, struct nono_list *out, unsigned flags)
{
	struct sink F = { out, flags };
	int deny = (flags & NONO_NODE_DENY) != 0;
	struct rule all = { out, NONO_N_FS, NONO_FS_ALL, flags };
	uint32_t r = enter(W, v);
	const char *expected = deny ? "a list of paths or a mapping of access (read, write, exec, all) to paths"
				    : "a mapping of access (read, write, exec) to paths";

	if (!r) {
		leave(W);
		return;
	}
	if (NB(W, r)->kind == Y_MAP) {
		fs_map(W, r, &F);
	} else if (NB(W, r)->kind == Y_SEQ) {
		for (uint32_t c = NB(W, r)->first; c && !W->stopped; c = NB(W, c)->next) {
			uint32_t ci = enter(W, c);

			if (ci && NB(W, ci)->kind == Y_MAP)
				fs_map(W, ci, &F);
			else if (ci && is_string(W, ci) && deny)
				path_item(W, ci, &all);
			else if (ci && is_string(W, ci))
				fs_allow_needs_access(W, ci);
			else if (ci)
				type_error(W, 0, ci, deny ? "a path or a mapping of access to paths"
							  : "a mapping of access (read, write, exec) to paths");
			leave(W);
		}
	} else if (is_string(W, r) && deny) {
		path_item(W, r, &all);
	} else if (is_string(W, r)) {
		fs_allow_needs_access(W, r);
	} else {
		type_error(W, k, r, expected);
	}
	leave(W);
}

/* ---- net ---- */

static void net_entry(struct ywalk *W, int id, uint32_t k, uint32_t v, const void *arg)
{
	const struct sink *F = arg;
	struct rule R = { F->out, id == NK_CONNECT ? NONO_N_NET_CONNECT : id == NK_BIND ? NONO_N_NET_BIND : NONO_N_NET_UNIX,
			  0, F->flags };

	if (id == NK_UNIX)
		each_item(W, k, v, "a list of socket paths", "a socket path", path_item, &R);
	else
		each_item(W, k, v, id == NK_CONNECT ? "a list of addresses" : "a list of ports",
			  id == NK_CONNECT ? "an address" : "a port", net_item, &R);
}

static void walk_net(struct ywalk *W, uint32_t k, uint32_t v, struct nono_list *out, unsigned flags)
{
	struct sink F = { out, flags };
	int deny = (flags & NONO_NODE_DENY) != 0;
	uint32_t r = enter(W, v);
	static const char *const none[] = { "none" };

	if (r && is_string(W, r)) {
		if (!deny && !strcmp(V(W->B, r), "none")) {
			struct nono_node *n = mk(W, NONO_N_NET_NONE, rule_span(W, node_span(W->B, r)), stmt_kw(W));

			n->flags = flags;
			nono_list_append(out, n);
		} else if (deny && !strcmp(V(W->B, r), "none")) {
			struct nonoc_diag *d = yerr(W, NONO_E026, node_span(W->B, r),
						    "'none' cannot be denied: deny takes connect, bind or unix");

			hint(W, d, "to take all network access away, write 'net: none' outside 'deny:'");
		} else {
			struct nonoc_diag *d = yerr(W, NONO_E026, node_span(W->B, r),
						    deny ? "expected a mapping with connect, bind or unix after 'net:', found '%s'"
							 : "expected 'none' or a mapping with connect, bind or unix after 'net:', found '%s'",
						    show(W, r));

			if (!deny)
				suggest_hint(W, d, V(W->B, r), NB(W, r)->len, none, 1);
			suggest_hint(W, d, V(W->B, r), NB(W, r)->len, net_keys, 3);
			if (NB(W, r)->len >= 7 && (!strncmp(V(W->B, r), "connect", 7) || !strncmp(V(W->B, r), "bind", 4)))
				hint(W, d, "write 'net: {connect: [\"tcp 10.0.0.25:587\"]}'");
		}
	} else if (r) {
		leave(W);
		each_entry(W, k, v, &ks_net, "in 'net'",
			   deny ? "a mapping with connect, bind or unix" : "'none' or a mapping with connect, bind or unix",
			   net_entry, &F);
		return;
	}
	leave(W);
}

/* ---- sys, env, proc, deny ---- */

static void sys_entry(struct ywalk *W, int id, uint32_t k, uint32_t v, const void *arg)
{
	const struct sink *F = arg;
	struct rule R = { F->out, NONO_N_SYS, 0, id == 0 ? NONO_NODE_DENY : F->flags };

	each_item(W, k, v, "a list of syscall names or @groups", "a syscall name or @group", sys_item, &R);
}

static void walk_sys(struct ywalk *W, uint32_t k, uint32_t v, struct nono_list *out, unsigned flags)
{
	struct sink F = { out, flags };
	uint32_t r = enter(W, v);

	if (r && (is_string(W, r) || (NB(W, r)->kind == Y_SEQ && NB(W, r)->first &&
				       NB(W, NB(W, r)->first)->kind != Y_MAP))) {
		struct nonoc_diag *d = yerr(W, NONO_E021, node_span(W->B, r),
					    "expected a mapping with 'deny:' or 'allow:' after 'sys:', found %s", found(W, r));

		hint(W, d, "say whether the syscalls are denied or allowed: 'sys: {deny: [ptrace]}'");
		leave(W);
		return;
	}
	leave(W);
	each_entry(W, k, v, &ks_sys, "in 'sys'", "a mapping with 'deny:' or 'allow:'", sys_entry, &F);
}

static void env_set_map(struct ywalk *W, uint32_t k, uint32_t v, struct nono_list *out)
{
	uint32_t m = enter(W, v);
	struct strset set;

	if (!m || NB(W, m)->kind != Y_MAP) {
		struct nonoc_diag *d = m ? type_error(W, k, m, "a mapping of variable names to values") : NULL;

		if (m && NB(W, m)->kind == Y_SEQ)
			hint(W, d, "write one 'NAME: VALUE' line per variable under 'set:'");
		leave(W);
		return;
	}
	if (strset_init(W, &set, NB(W, m)->count / 2) == 0) {
		for (uint32_t e = NB(W, m)->first; e && !W->stopped; e = map_next(W, e)) {
			uint32_t ev = NB(W, e)->next;
			uint32_t name = open_key(W, e, &set, "environment variable name", "in 'set'");

			if (!name || !ev)
				continue;
			uint32_t val = enter(W, ev);
			struct nono_text nt, vt;

			if (val && is_string(W, val) && text_of(W, name, &nt) && text_of(W, val, &vt)) {
				nt.span = node_span(W->B, e);
				push_key(W, node_span(W->B, e));
				struct nono_node *n = mk(W, NONO_N_ENV_SET, rule_span(W, vt.span), stmt_kw(W));

				pop_key(W);
				n->name = nt;
				n->arg = vt;
				nono_list_append(out, n);
			} else if (val && !is_string(W, val)) {
				struct nonoc_diag *d;

				if (is_null(W, val)) {
					d = yerr(W, NONO_E021, node_span(W->B, e), "'%s' has no value", show(W, name));
					hint(W, d, "write the value after the colon; an empty value is written \"\"");
				} else {
					type_error(W, e, val, "a value");
				}
			}
			leave(W);
		}
		free(set.slot);
	}
	leave(W);
}

static void env_entry(struct ywalk *W, int id, uint32_t k, uint32_t v, const void *arg)
{
	const struct sink *F = arg;
	struct rule R = { F->out, NONO_N_ENV_PASS, 0, F->flags };

	if (id == 0)
		each_item(W, k, v, "a list of variable names", "a variable name", env_pass_item, &R);
	else
		env_set_map(W, k, v, F->out);
}

static void walk_proc(struct ywalk *W, uint32_t k, uint32_t v, struct nono_list *out, unsigned flags)
{
	struct rule R = { out, NONO_N_PROC, 0, flags };

	each_item(W, k, v, "a list of process permissions (signal children, ptrace)", "a process permission",
		  proc_item, &R);
}

static void deny_entry(struct ywalk *W, int id, uint32_t k, uint32_t v, const void *arg)
{
	const struct sink *F = arg;
	struct rule R = { F->out, NONO_N_SYS, 0, NONO_NODE_DENY };

	switch (id) {
	case D_FS:
		walk_fs(W, k, v, F->out, NONO_NODE_DENY);
		break;
	case D_NET:
		walk_net(W, k, v, F->out, NONO_NODE_DENY);
		break;
	case D_SYS: {
		uint32_t r = enter(W, v);

		if (r && NB(W, r)->kind == Y_MAP) {
			struct nonoc_diag *d = yerr(W, NONO_E021, node_span(W->B, r),
						    "expected a list of syscall names or @groups after 'sys:', found a mapping");

			hint(W, d, "inside 'deny:', 'sys:' takes the list itself: 'deny: {sys: [ptrace, \"@mount\"]}'");
			leave(W);
			break;
		}
		leave(W);
		each_item(W, k, v, "a list of syscall names or @groups", "a syscall name or @group", sys_item, &R);
		break;
	}
	case D_PROC:
		walk_proc(W, k, v, F->out, NONO_NODE_DENY);
		break;
	}
}

/* A rule key shared by the top level and domain bodies. */
static void walk_rule(struct ywalk *W, const char *key, uint32_t k, uint32_t v, struct nono_list *out)
{
	struct sink F = { out, 0 };

	if (!strcmp(key, "fs"))
		walk_fs(W, k, v, out, 0);
	else if (!strcmp(key, "net"))
		walk_net(W, k, v, out, 0);
	else if (!strcmp(key, "proc"))
		walk_proc(W, k, v, out, 0);
	else if (!strcmp(key, "sys"))
		walk_sys(W, k, v, out, 0);
	else if (!strcmp(key, "env"))
		each_entry(W, k, v, &ks_env, "in 'env'", "a mapping with 'pass:' or 'set:'", env_entry, &F);
	else if (!strcmp(key, "deny"))
		each_entry(W, k, v, &ks_deny, "in 'deny'", "a mapping with fs, net, sys or proc", deny_entry, &F);
}

/* ---- quota ---- */

struct quotactx {
	struct nono_list *items;
};

static void quota_value(struct ywalk *W, uint32_t k, uint32_t v, int sub, struct nono_list *items)
{
	uint32_t r = enter(W, v);
	struct nono_text t;

	if (r && is_string(W, r)) {
		if (text_of(W, r, &t)) {
			struct nono_node *n = mk(W, NONO_N_QUOTA_ITEM, rule_span(W, t.span), stmt_kw(W));

			n->sub = sub;
			n->arg = t;
			nono_list_append(items, n);
		}
	} else if (r) {
		type_error(W, k, r, sub == NONO_Q_MEMORY ? "a size such as 512MiB" : sub == NONO_Q_CPU ? "a share such as 50% or 1.5"
				    : sub == NONO_Q_WALL ? "a duration such as 10m" : sub == NONO_Q_PIDS || sub == NONO_Q_FILES ? "a number"
				    : "a rate such as 10MiB/s");
	}
	leave(W);
}

static void io_entry(struct ywalk *W, int id, uint32_t k, uint32_t v, const void *arg)
{
	const struct quotactx *Q = arg;

	quota_value(W, k, v, id == 0 ? NONO_Q_IO_READ : NONO_Q_IO_WRITE, Q->items);
}

static void quota_entry(struct ywalk *W, int id, uint32_t k, uint32_t v, const void *arg)
{
	const struct quotactx *Q = arg;
	unsigned saved = W->stmt;

	W->stmt = W->nkeys - 1;
	if (quota_subs[id] >= 0) {
		quota_value(W, k, v, quota_subs[id], Q->items);
	} else {
		uint32_t r = enter(W, v);

		if (r && NB(W, r)->kind == Y_MAP)
			map_entries(W, r, &ks_io, "in 'io'", io_entry, Q);
		else if (r) {
			struct nonoc_diag *d = type_error(W, k, r, "a mapping with 'read:' and/or 'write:'");

			if (is_string(W, r))
				hint(W, d, "say which direction the rate limits: 'io: {write: %s}'", show(W, r));
		}
		leave(W);
	}
	W->stmt = saved;
}

static void walk_quota(struct ywalk *W, uint32_t k, uint32_t v, struct nono_list *out)
{
	uint32_t r = enter(W, v);
	struct nono_list items = { 0 };
	struct quotactx Q = { &items };

	if (r && NB(W, r)->kind == Y_MAP) {
		struct nono_node *n = mk(W, NONO_N_QUOTA, nono_span_join(node_span(W->B, k), node_span(W->B, r)),
					 node_span(W->B, k));

		map_entries(W, r, &ks_quota, "in 'quota'", quota_entry, &Q);
		n->children = items.head;
		nono_list_append(out, n);
	} else if (r) {
		type_error(W, k, r, "a mapping of limits (memory, cpu, pids, io, wall, files)");
	}
	leave(W);
}

/* ---- domain bodies ---- */

static void walk_exec(struct ywalk *W, uint32_t k, uint32_t v, struct nono_list *out)
{
	uint32_t r = enter(W, v);
	struct nono_text path = { 0 }, sha = { 0 };

	if (r && is_string(W, r)) {
		if (text_of(W, r, &path)) {
			struct nono_node *n = mk(W, NONO_N_EXEC, rule_span(W, path.span), node_span(W->B, k));

			n->arg = path;
			nono_list_append(out, n);
		}
	} else if (r && NB(W, r)->kind == Y_MAP) {
		uint32_t seen[2] = { 0 };
		int ok = 1;

		for (uint32_t e = NB(W, r)->first; e && !W->stopped; e = map_next(W, e)) {
			uint32_t ev = NB(W, e)->next;
			int id = key_id(W, e, &ks_exec, seen, "in 'exec'");

			if (id < 0 || !ev) {
				ok = 0;
				continue;
			}
			uint32_t val = enter(W, ev);

			if (val && is_string(W, val))
				ok &= text_of(W, val, id == 0 ? &path : &sha);
			else if (val)
				type_error(W, e, val, id == 0 ? "a path" : "a sha256 digest (64 hex digits)");
			if (!val || !is_string(W, val))
				ok = 0;
			leave(W);
		}
		if (!seen[0] && NB(W, r)->complete) {
			struct nonoc_diag *d = yerr(W, NONO_E025, node_span(W->B, k), "'exec' has no 'path'");

			hint(W, d, "write 'exec: {path: /usr/bin/tool, sha256: …}', or just 'exec: /usr/bin/tool'");
		} else if (ok && path.s) {
			struct nono_node *n = mk(W, NONO_N_EXEC, nono_span_join(node_span(W->B, k), node_span(W->B, r)),
						 node_span(W->B, k));

			n->arg = path;
			if (sha.s)
				n->arg2 = sha;
			nono_list_append(out, n);
		}
	} else if (r) {
		type_error(W, k, r, "a path, or a mapping with 'path:' and 'sha256:'");
	}
	leave(W);
}

static void walk_measure(struct ywalk *W, uint32_t k, uint32_t v, struct nono_list *out)
{
	uint32_t m = enter(W, v);
	struct strset set;

	if (!m || NB(W, m)->kind != Y_MAP) {
		if (m)
			type_error(W, k, m, "a mapping of kinds to files, such as 'prompt: prompt.txt'");
		leave(W);
		return;
	}
	if (strset_init(W, &set, NB(W, m)->count / 2) == 0) {
		for (uint32_t e = NB(W, m)->first; e && !W->stopped; e = map_next(W, e)) {
			uint32_t ev = NB(W, e)->next;
			uint32_t kind = open_key(W, e, &set, "measure kind", "in 'measure'");

			if (!kind || !ev)
				continue;
			uint32_t val = enter(W, ev);
			struct nono_text kt, ft;

			if (val && is_string(W, val) && text_of(W, kind, &kt) && text_of(W, val, &ft)) {
				kt.span = node_span(W->B, e);
				push_key(W, node_span(W->B, e));
				struct nono_node *n = mk(W, NONO_N_MEASURE, rule_span(W, ft.span), stmt_kw(W));

				pop_key(W);
				n->name = kt;
				n->arg = ft;
				nono_list_append(out, n);
			} else if (val && !is_string(W, val)) {
				type_error(W, e, val, "a file name");
			}
			leave(W);
		}
		free(set.slot);
	}
	leave(W);
}

static void body_entry(struct ywalk *W, int id, uint32_t k, uint32_t v, const void *arg)
{
	struct nono_list *out = ((const struct sink *)arg)->out;
	unsigned saved = W->stmt;

	W->stmt = W->nkeys - 1;
	switch (id) {
	case B_EXEC:
		walk_exec(W, k, v, out);
		break;
	case B_MEASURE:
		walk_measure(W, k, v, out);
		break;
	case B_QUOTA:
		walk_quota(W, k, v, out);
		break;
	default:
		walk_rule(W, body_keys[id], k, v, out);
		break;
	}
	W->stmt = saved;
}

/* agent: BODY, or one tool: NAME: BODY. */
static void walk_domain(struct ywalk *W, enum nono_node_kind kind, uint32_t k, uint32_t name, uint32_t v,
			struct nono_list *out)
{
	uint32_t r = enter(W, v);
	char where[80];

	if (kind == NONO_N_TOOL)
		snprintf(where, sizeof(where), "in tool '%s'", show(W, name));
	else
		snprintf(where, sizeof(where), "in 'agent'");
	if (r && NB(W, r)->kind == Y_MAP) {
		struct nono_list body = { 0 };
		struct nono_node *n = mk(W, kind, nono_span_join(node_span(W->B, k), node_span(W->B, r)),
					 node_span(W->B, k));

		if (kind == NONO_N_TOOL && text_of(W, name, &n->name))
			n->name.span = node_span(W->B, k);
		struct sink S = { &body, 0 };

		map_entries(W, r, &ks_body, where, body_entry, &S);
		n->children = body.head;
		nono_list_append(out, n);
	} else if (r) {
		type_error(W, k, r, kind == NONO_N_TOOL ? "a mapping of the tool's rules (exec, fs, net, …)"
							: "a mapping of the agent's rules (exec, fs, net, …)");
	}
	leave(W);
}

static void walk_tools(struct ywalk *W, uint32_t k, uint32_t v, struct nono_list *out)
{
	uint32_t m = enter(W, v);
	struct strset set;

	if (!m || NB(W, m)->kind != Y_MAP) {
		if (m)
			type_error(W, k, m, "a mapping of tool names to their rules");
		leave(W);
		return;
	}
	if (strset_init(W, &set, NB(W, m)->count / 2) == 0) {
		for (uint32_t e = NB(W, m)->first; e && !W->stopped; e = map_next(W, e)) {
			uint32_t ev = NB(W, e)->next;
			uint32_t name = open_key(W, e, &set, "tool name", "in 'tools'");

			if (!name || !ev)
				continue;
			push_key(W, node_span(W->B, e));
			walk_domain(W, NONO_N_TOOL, e, name, ev, out);
			pop_key(W);
		}
		free(set.slot);
	}
	leave(W);
}

/* ---- the top level ---- */

static void walk_policy(struct ywalk *W, uint32_t k, uint32_t v, struct nono_list *out)
{
	uint32_t r = enter(W, v);
	struct nono_text name = { 0 }, version = { 0 };
	int ok = 1;

	if (r && is_string(W, r)) {
		ok = text_of(W, r, &name);
	} else if (r && NB(W, r)->kind == Y_MAP) {
		uint32_t seen[2] = { 0 };

		for (uint32_t e = NB(W, r)->first; e && !W->stopped; e = map_next(W, e)) {
			uint32_t ev = NB(W, e)->next;
			int id = key_id(W, e, &ks_policy, seen, "in 'policy'");

			if (id < 0 || !ev) {
				ok = 0;
				continue;
			}
			uint32_t val = enter(W, ev);

			if (val && is_string(W, val))
				ok &= text_of(W, val, id == 0 ? &name : &version);
			else if (val)
				type_error(W, e, val, id == 0 ? "the policy's name" : "a version number");
			if (!val || !is_string(W, val))
				ok = 0;
			leave(W);
		}
		if (!seen[0] && NB(W, r)->complete) {
			struct nonoc_diag *d = yerr(W, NONO_E025, node_span(W->B, k), "'policy' has no 'name'");

			hint(W, d, "add 'name: my-policy' under 'policy:'");
			ok = 0;
		}
	} else if (r) {
		type_error(W, k, r, "a mapping with 'name:' and 'version:'");
		ok = 0;
	} else {
		ok = 0;
	}
	if (ok && name.s) {
		struct nono_node *n = mk(W, NONO_N_POLICY, nono_span_join(node_span(W->B, k), node_span(W->B, r)),
					 node_span(W->B, k));

		n->name = name;
		if (version.s)
			n->arg = version;
		nono_list_append(out, n);
	}
	leave(W);
}

static const char *const modes[] = { "enforce", "audit" };

static void walk_mode(struct ywalk *W, uint32_t k, uint32_t v, struct nono_list *out)
{
	uint32_t r = enter(W, v);

	if (r && is_string(W, r)) {
		const char *s = V(W->B, r);

		if (!strcmp(s, "enforce") || !strcmp(s, "audit")) {
			struct nono_node *n = mk(W, NONO_N_MODE, nono_span_join(node_span(W->B, k), node_span(W->B, r)),
						 node_span(W->B, k));

			n->sub = !strcmp(s, "audit") ? NONO_MODE_AUDIT : NONO_MODE_ENFORCE;
			nono_list_append(out, n);
		} else {
			struct nonoc_diag *d = yerr(W, NONO_E026, node_span(W->B, r),
						    "unknown mode '%s'; expected 'enforce' or 'audit'", show(W, r));

			suggest_hint(W, d, s, NB(W, r)->len, modes, 2);
		}
	} else if (r) {
		type_error(W, k, r, "'enforce' or 'audit'");
	}
	leave(W);
}

static void top_entry(struct ywalk *W, int id, uint32_t k, uint32_t v, const void *arg)
{
	struct nono_list *out = ((const struct sink *)arg)->out;
	struct rule R = { out, NONO_N_USE, 0, 0 };

	W->stmt = W->nkeys - 1;
	switch (id) {
	case T_POLICY:
		walk_policy(W, k, v, out);
		break;
	case T_USE:
		each_item(W, k, v, "a list of policies to use", "a policy name such as std/base", path_item, &R);
		break;
	case T_MODE:
		walk_mode(W, k, v, out);
		break;
	case T_REQUIRE:
		each_item(W, k, v, "a list of enforcement layers", "an enforcement layer", require_item, &R);
		break;
	case T_AGENT:
		walk_domain(W, NONO_N_AGENT, k, 0, v, out);
		break;
	case T_TOOLS:
		walk_tools(W, k, v, out);
		break;
	case T_QUOTA:
		walk_quota(W, k, v, out);
		break;
	default:
		walk_rule(W, top_keys[id], k, v, out);
		break;
	}
}

static void walk_top(struct ywalk *W, uint32_t root, struct nono_list *out)
{
	uint32_t r = enter(W, root);

	if (r && NB(W, r)->kind == Y_MAP) {
		struct sink S = { out, 0 };

		map_entries(W, r, &ks_top, "at the top level", top_entry, &S);
	} else if (r && !is_null(W, r)) {
		struct nonoc_diag *d = yerr(W, NONO_E021, node_span(W->B, r),
					    "a YAML policy is a mapping of keys such as 'policy:' and 'agent:', found %s",
					    found(W, r));

		hint(W, d, "start with 'policy: {name: NAME, version: 1}'");
	}
	leave(W);
}

/* ------------------------------------------------------------------------
 * Errors that ended reading
 * ------------------------------------------------------------------------ */

/* "while parsing a block mapping" -> "the block mapping" */
static void context_subject(const char *ctx, char *buf, size_t size)
{
	const char *p = ctx;

	if (!strncmp(p, "while parsing ", 14))
		p += 14;
	else if (!strncmp(p, "while scanning ", 15))
		p += 15;
	if (!strncmp(p, "an ", 3))
		p += 3;
	else if (!strncmp(p, "a ", 2))
		p += 2;
	snprintf(buf, size, "the %s", p);
}

static void report_syntax(struct ywalk *W)
{
	struct ybuild *B = W->B;
	const char *pb = B->problem;
	struct nonoc_diag *d;
	uint32_t at = B->end_span.start;
	unsigned char c = at < B->len ? B->text[at] : 0;
	int runon = B->last_scalar && N(B, B->last_scalar)->style == YAML_PLAIN_SCALAR_STYLE &&
		    N(B, B->last_scalar)->end == at &&
		    pos_of(W, N(B, B->last_scalar)->start).line != pos_of(W, at).line;

	if (B->context)
		d = yerr(W, NONO_E020, B->end_span, "%s (%s)", pb, B->context);
	else
		d = yerr(W, NONO_E020, B->end_span, "%s", pb);
	if (!d)
		return;
	if (B->context && !strcmp(B->context, "while parsing a block mapping")) {
		note(W, d, B->context_span, "this line is read as part of the mapping that starts here, "
					    "with its keys at column %u", pos_of(W, B->context_span.start).col);
	} else if (B->context && B->context_span.start != B->end_span.start &&
		   strncmp(B->context, "while scanning for", 18)) {
		char subj[96];

		context_subject(B->context, subj, sizeof(subj));
		note(W, d, B->context_span, "%s starts here", subj);
	}
	if (strstr(pb, "tab")) {
		hint(W, d, "indent YAML with spaces, not tabs");
	} else if (strstr(pb, "cannot start any token")) {
		if (c == '\t') {
			hint(W, d, "indent YAML with spaces, not tabs");
		} else if (c == '@' || c == '`') {
			size_t e = at;

			while (e < B->len && !strchr(" \t\r\n,]}#", B->text[e]))
				e++;
			hint(W, d, "'%c' cannot start a plain YAML value; quote it: \"%s\"", c,
			     show_bytes(W, (const char *)B->text + at, e - at));
		}
	} else if (strstr(pb, "mapping values are not allowed")) {
		if (runon) {
			const struct ynode *ls = N(B, B->last_scalar);
			struct nono_pos lp = pos_of(W, ls->start);

			note(W, d, (struct nono_span){ W->src, ls->start, ls->end }, "the value read from here runs on to line %u",
			     pos_of(W, at).line);
			size_t ll;
			const char *line = nono_source_line(W->ctx, W->src, lp.line, &ll);
			uint32_t col = 0;

			while (col < ll && (line[col] == ' ' || line[col] == '\t' || line[col] == '-'))
				col++;
			if (col + 1 == lp.col)
				hint(W, d, "line %u has no ':' after its key, so it and this line read as one value", lp.line);
			else
				hint(W, d, "this line is indented more than the keys above it, so it reads as the rest "
					   "of the value on line %u; line its key up with theirs", lp.line);
		} else {
			hint(W, d, "quote a value that contains ': ', and start a nested mapping on its own, "
				   "indented line");
		}
	} else if (strstr(pb, "did not find expected key")) {
		uint32_t pcol = pos_of(W, at).col, ccol = pos_of(W, B->context_span.start).col;

		if (c == '-' && pcol == ccol)
			hint(W, d, "a list item cannot follow the keys of a mapping at the same indentation; "
				   "indent the list under its key");
		else if (c == '-')
			hint(W, d, "the items of a list all start with '- ' at the same column");
		else
			hint(W, d, "the keys of one mapping must line up: check this line's indentation");
	} else if (strstr(pb, "did not find expected '-'")) {
		hint(W, d, "the items of a list all start with '- ' at the same indentation");
	} else if (strstr(pb, "did not find expected ','")) {
		hint(W, d, "separate the items with ',' and close the '%c'", strstr(pb, "']'") ? '[' : '{');
	} else if (strstr(pb, "end of stream") && B->context && strstr(B->context, "quoted")) {
		hint(W, d, "close the quote");
	} else if (strstr(pb, "block sequence entries are not allowed")) {
		hint(W, d, "start the list on the next line, indented, or write it in brackets: [a, b]");
	} else if (strstr(pb, "could not find expected ':'")) {
		hint(W, d, "a key is followed by ':' and a space");
	} else if (strstr(pb, "control characters")) {
		hint(W, d, "remove the control character; write it with an escape in a double-quoted string if needed");
	}
}

static void report_second_doc(struct ywalk *W)
{
	struct nonoc_diag *d = yerr(W, NONO_E027, W->B->end_span, "a second YAML document: a policy file holds exactly one");

	if (W->B->empty_second_doc)
		hint(W, d, "the second document is empty: remove this '---'");
	else
		hint(W, d, "put each policy in its own file and compose them with 'use:'");
}

/* ------------------------------------------------------------------------ */

int nono_parse_yaml(struct nonoc_ctx *ctx, int src)
{
	struct nono_source *s = nono_source_get(ctx, src);
	struct ybuild B = { .ctx = ctx, .src = src };
	yaml_parser_t P;
	struct nono_list top = { 0 };
	size_t before = nono_diag_errors_in(ctx, src);

	if (!s)
		return -1;
	B.text = (const unsigned char *)s->text;
	B.len = s->len;
	if (B.len >= 3 && !memcmp(B.text, "\xef\xbb\xbf", 3))
		B.base = 3;
	B.ascii = 1;
	for (size_t i = 0; i < B.len && B.ascii; i++)
		B.ascii = B.text[i] < 0x80;
	B.ci = 0;
	B.bi = B.base;
	if (!yaml_parser_initialize(&P)) {
		nono_diag(ctx, NONO_E006, (struct nono_span){ src, 0, 0 }, "out of memory starting the YAML parser");
		return -1;
	}
	yaml_parser_set_input_string(&P, B.text, B.len);
	node_add(&B, Y_BAD); /* the sentinel, index 0 */
	pool_add(&B, "", 0);  /* offset 0: the empty string (and the pool is never NULL) */
	if (!B.nomem)
		build(&B, &P);

	if (!B.fatal && !B.nomem) {
		struct ywalk *W = calloc(1, sizeof(*W));

		if (!W) {
			B.nomem = 1;
		} else {
			W->ctx = ctx;
			W->src = src;
			W->B = &B;
			/* A plain value that ran into a syntax error is not what the
			 * author wrote (it swallowed the next line): do not judge it. */
			if (B.end == YE_SYNTAX && B.last_scalar && N(&B, B.last_scalar)->style == YAML_PLAIN_SCALAR_STYLE &&
			    N(&B, B.last_scalar)->end == B.end_span.start) {
				N(&B, B.last_scalar)->kind = Y_BAD;
				N(&B, B.last_scalar)->bad = YB_REPORTED;
			}
			if (B.root)
				walk_top(W, B.root, &top);
			/* Bad aliases the walk never reached. */
			for (uint32_t i = 1; i < B.n && !W->stopped; i++)
				if (N(&B, i)->kind == Y_BAD)
					report_bad(W, i);
			if (B.end == YE_SYNTAX)
				report_syntax(W);
			else if (B.end == YE_SECOND_DOC)
				report_second_doc(W);
			if (W->stop_diag)
				nono_diag_note(ctx, W->stop_diag, NONO_NO_SPAN, "too many errors (%u); stopping here",
					       NONO_MAX_ERRORS);
			free(W);
		}
	}
	if (B.nomem)
		nono_diag(ctx, NONO_E006, (struct nono_span){ src, 0, 0 }, "out of memory reading the YAML document");
	else if (ctx->arena.exhausted)
		nono_diag(ctx, NONO_E006, (struct nono_span){ src, 0, 0 },
			  "out of memory: the policy needs more than %u bytes", NONO_MAX_ARENA);
	yaml_parser_delete(&P);
	free(B.nodes);
	free(B.pool);
	free(B.anchors);
	s->ast = top.head;
	return nono_diag_errors_in(ctx, src) > before ? -1 : 0;
}
