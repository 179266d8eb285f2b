/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The nono policy grammar (a pure, reentrant bison parser).
 *
 * Statements end at a newline (or ';'). The scanner wrapper (lexer.l) drops
 * newlines after '{', ',' and other newlines, and inserts one before '}' and
 * at end of file, so the grammar only ever sees one EOL per statement.
 *
 * Actions only build AST nodes (grammar/parse.h); names are bound and values
 * typed by later passes. Lists are left-recursive so the parser stack stays
 * shallow whatever the input, and are built as head/tail lists so appending
 * stays O(1) however long a body or list gets. Error recovery resynchronises
 * at the end of a statement, or after a whole { … } block when the broken
 * statement opens one (a misspelled `agnet {`, a nested `agent {`), so one
 * run reports every broken statement and not the fallout of skipping half a
 * block. LAC keeps the "expected …" lists of syntax errors exact.
 */
%define api.pure full
%define api.prefix {nono_}
%define parse.error custom
%define parse.lac full
%define api.token.prefix {T_}
%locations
%expect 0
%param {struct nono_parser *P}
%initial-action { @$ = (struct nono_loc){ 0, 0 }; }

%code requires {
#include "parse.h"
#define NONO_LTYPE struct nono_loc
#define NONO_LTYPE_IS_DECLARED 1
#define YYLLOC_DEFAULT(Cur, Rhs, N)                                      \
	do {                                                             \
		if (N) {                                                 \
			(Cur).start = YYRHSLOC(Rhs, 1).start;            \
			(Cur).end = YYRHSLOC(Rhs, N).end;                \
		} else {                                                 \
			(Cur).start = (Cur).end = YYRHSLOC(Rhs, 0).end;  \
		}                                                        \
	} while (0)
}

%code provides {
int nono_lex(NONO_STYPE *lval, NONO_LTYPE *lloc, struct nono_parser *P);
}

%code {
#include <string.h>
#include <stdio.h>
#include "context.h"
#include "suggest.h"

static void nono_error(NONO_LTYPE *loc, struct nono_parser *P, const char *msg);
#define SPAN(l) nono_parser_span(P, (l))
#define TXT(t, l) nono_txt(P, (t), (l))

/* A list holding one node (or a statement's chain of atomic rules). */
static struct nono_list list1(struct nono_node *n)
{
	struct nono_list l = { 0 };

	nono_list_append(&l, n);
	return l;
}
}

%union {
	struct nono_tok tok;
	struct nono_node *node;
	struct nono_list list;
	unsigned mask;
	int ival;
}

%token <tok> STRING "string" IDENT "identifier" VALUE "value" GROUP "@group"
%token <tok> BAREPATH "unquoted path"
%token EOL "end of line"
%token <tok> POLICY "policy" VERSION "version" USE "use" MODE "mode" ENFORCE "enforce" AUDIT "audit"
%token <tok> REQUIRE "require" BPF_LSM "bpf-lsm" LANDLOCK "landlock" SECCOMP "seccomp" CGROUPS "cgroups"
%token <tok> AGENT "agent" TOOL "tool" QUOTA "quota" DENY "deny" ALLOW "allow"
%token <tok> EXEC "exec" SHA256 "sha256" MEASURE "measure"
%token <tok> FS "fs" READ "read" WRITE "write"
%token <tok> NET "net" NONE "none" CONNECT "connect" BIND "bind" UNIX "unix" TCP "tcp" UDP "udp"
%token <tok> PROC "proc" SIGNAL "signal" CHILDREN "children" PTRACE "ptrace"
%token <tok> SYS "sys" ENV "env" PASS "pass" SET "set"
%token <tok> MEMORY "memory" CPU "cpu" PIDS "pids" IO "io" WALL "wall" FILES "files"
%token LBRACE "'{'" RBRACE "'}'" COMMA "','" EQUALS "'='"

%type <node> top_stmt body_item rule deny_rule net_target sys_item env_set quota_item
%type <list> body fs_paths net_targets unix_paths sys_items env_names env_sets quota_body
%type <mask> accesses access opt_accesses
%type <ival> mode layer proto
%type <tok> word setval opt_version opt_level opt_sha

%start policy

%%

policy
	: %empty
	| policy top_item
	;

top_item
	: top_stmt EOL      { nono_list_append(&P->top, $1); }
	| error EOL         { yyerrok; }
	| error block EOL   { yyerrok; }
	;

/* What error recovery skips when a broken statement opens a block: the
 * block, braces balanced (the scanner bounds their depth). */
block
	: LBRACE skip RBRACE
	;

skip
	: %empty
	| skip word
	| skip STRING | skip VALUE | skip GROUP | skip BAREPATH
	| skip EOL | skip COMMA | skip EQUALS
	| skip block
	| skip error
	;

top_stmt
	: POLICY STRING opt_version {
		$$ = nono_mk(P, NONO_N_POLICY, @$, @1);
		$$->name = TXT($2, @2);
		if ($3.s) $$->arg = TXT($3, @3);
	}
	| USE STRING              { $$ = nono_mk(P, NONO_N_USE, @$, @1); $$->arg = TXT($2, @2); }
	| MODE mode               { $$ = nono_mk(P, NONO_N_MODE, @$, @1); $$->sub = $2; }
	| REQUIRE layer opt_level {
		$$ = nono_mk(P, NONO_N_REQUIRE, @$, @1);
		$$->sub = $2;
		if ($3.s) $$->arg = TXT($3, @3);
	}
	| AGENT LBRACE body RBRACE    { $$ = nono_mk(P, NONO_N_AGENT, @$, @1); $$->children = $3.head; }
	| TOOL word LBRACE body RBRACE {
		$$ = nono_mk(P, NONO_N_TOOL, @$, @1);
		$$->name = TXT($2, @2);
		$$->children = $4.head;
	}
	| QUOTA LBRACE quota_body RBRACE { $$ = nono_mk(P, NONO_N_QUOTA, @$, @1); $$->children = $3.head; }
	| rule
	;

opt_version
	: %empty          { $$ = (struct nono_tok){ 0 }; }
	| VERSION VALUE   { $$ = $2; @$ = @2; }
	;

opt_level
	: %empty  { $$ = (struct nono_tok){ 0 }; }
	| VALUE
	;

mode
	: ENFORCE  { $$ = NONO_MODE_ENFORCE; }
	| AUDIT    { $$ = NONO_MODE_AUDIT; }
	;

layer
	: BPF_LSM   { $$ = NONO_LAYER_BPF_LSM; }
	| LANDLOCK  { $$ = NONO_LAYER_LANDLOCK; }
	| SECCOMP   { $$ = NONO_LAYER_SECCOMP; }
	| CGROUPS   { $$ = NONO_LAYER_CGROUPS; }
	;

/* ---- domain bodies ---- */

body
	: %empty              { $$ = (struct nono_list){ 0 }; }
	| body body_item      { $$ = $1; nono_list_append(&$$, $2); }
	;

body_item
	: EXEC STRING opt_sha EOL {
		$$ = nono_mk(P, NONO_N_EXEC, @1, @1);
		$$->span = nono_span_join(SPAN(@1), SPAN($3.s ? @3 : @2));
		$$->arg = TXT($2, @2);
		if ($3.s) $$->arg2 = TXT($3, @3);
	}
	| MEASURE word STRING EOL {
		$$ = nono_mk(P, NONO_N_MEASURE, @1, @1);
		$$->span = nono_span_join(SPAN(@1), SPAN(@3));
		$$->name = TXT($2, @2);
		$$->arg = TXT($3, @3);
	}
	| QUOTA LBRACE quota_body RBRACE EOL {
		$$ = nono_mk(P, NONO_N_QUOTA, @1, @1);
		$$->span = nono_span_join(SPAN(@1), SPAN(@4));
		$$->children = $3.head;
	}
	| rule EOL           { $$ = $1; }
	| error EOL          { $$ = NULL; yyerrok; }
	| error block EOL    { $$ = NULL; yyerrok; }
	;

opt_sha
	: %empty         { $$ = (struct nono_tok){ 0 }; }
	| SHA256 STRING  { $$ = $2; @$ = @2; }
	;

/* ---- rules (in a domain, or at top level for every domain) ---- */

rule
	: FS accesses fs_paths          { $$ = nono_each($3.head, 0, (int)$2, SPAN(@1)); }
	| NET NONE                      { $$ = nono_mk(P, NONO_N_NET_NONE, @$, @1); }
	| NET CONNECT net_targets       { $$ = nono_each($3.head, 0, -1, SPAN(@1)); }
	| NET BIND net_targets          {
		$$ = nono_each($3.head, 0, -1, SPAN(@1));
		for (struct nono_node *n = $$; n; n = n->next) n->kind = NONO_N_NET_BIND;
	}
	| NET UNIX unix_paths           { $$ = nono_each($3.head, 0, -1, SPAN(@1)); }
	| PROC SIGNAL CHILDREN          { $$ = nono_mk(P, NONO_N_PROC, @$, @1); $$->sub = NONO_PROC_SIGNAL_CHILDREN; }
	| PROC PTRACE                   { $$ = nono_mk(P, NONO_N_PROC, @$, @1); $$->sub = NONO_PROC_PTRACE; }
	| SYS DENY sys_items            { $$ = nono_each($3.head, NONO_NODE_DENY, -1, SPAN(@1)); }
	| SYS ALLOW sys_items           { $$ = nono_each($3.head, 0, -1, SPAN(@1)); }
	| ENV PASS env_names            { $$ = nono_each($3.head, 0, -1, SPAN(@1)); }
	| ENV SET env_sets              { $$ = nono_each($3.head, 0, -1, SPAN(@1)); }
	| DENY deny_rule                { $$ = nono_each($2, NONO_NODE_DENY, -1, SPAN(@1)); }
	;

deny_rule
	: FS opt_accesses fs_paths      { $$ = nono_each($3.head, 0, (int)$2, SPAN(@1)); }
	| NET CONNECT net_targets       { $$ = nono_each($3.head, 0, -1, SPAN(@1)); }
	| NET BIND net_targets          {
		$$ = nono_each($3.head, 0, -1, SPAN(@1));
		for (struct nono_node *n = $$; n; n = n->next) n->kind = NONO_N_NET_BIND;
	}
	| NET UNIX unix_paths           { $$ = nono_each($3.head, 0, -1, SPAN(@1)); }
	| SYS sys_items                 { $$ = nono_each($2.head, 0, -1, SPAN(@1)); }
	| PROC SIGNAL CHILDREN          { $$ = nono_mk(P, NONO_N_PROC, @$, @1); $$->sub = NONO_PROC_SIGNAL_CHILDREN; }
	| PROC PTRACE                   { $$ = nono_mk(P, NONO_N_PROC, @$, @1); $$->sub = NONO_PROC_PTRACE; }
	;

opt_accesses
	: %empty     { $$ = NONO_FS_ALL; }
	| accesses
	;

accesses
	: access
	| accesses access  { $$ = $1 | $2; }
	;

access
	: READ   { $$ = NONO_FS_READ; }
	| WRITE  { $$ = NONO_FS_WRITE; }
	| EXEC   { $$ = NONO_FS_EXEC; }
	;

fs_paths
	: STRING {
		struct nono_node *n = nono_mk(P, NONO_N_FS, @1, @1);
		n->arg = TXT($1, @1);
		$$ = list1(n);
	}
	| fs_paths COMMA STRING {
		struct nono_node *n = nono_mk(P, NONO_N_FS, @3, @3);
		n->arg = TXT($3, @3);
		$$ = $1;
		nono_list_append(&$$, n);
	}
	;

unix_paths
	: STRING {
		struct nono_node *n = nono_mk(P, NONO_N_NET_UNIX, @1, @1);
		n->arg = TXT($1, @1);
		$$ = list1(n);
	}
	| unix_paths COMMA STRING {
		struct nono_node *n = nono_mk(P, NONO_N_NET_UNIX, @3, @3);
		n->arg = TXT($3, @3);
		$$ = $1;
		nono_list_append(&$$, n);
	}
	;

/* A protocol applies to the item it precedes and to the items after it
 * that have none: `tcp 10.0.0.1:443, 10.0.0.2:443`. */
net_targets
	: net_target  { $$ = list1($1); }
	| net_targets COMMA net_target {
		if ($3->sub < 0 && $1.tail) $3->sub = $1.tail->sub;
		$$ = $1;
		nono_list_append(&$$, $3);
	}
	;

net_target
	: VALUE {
		$$ = nono_mk(P, NONO_N_NET_CONNECT, @1, @1);
		$$->sub = -1;
		$$->arg = TXT($1, @1);
	}
	| proto VALUE {
		$$ = nono_mk(P, NONO_N_NET_CONNECT, @$, @1);
		$$->sub = $1;
		$$->arg = TXT($2, @2);
	}
	;

proto
	: TCP  { $$ = NONO_PROTO_TCP; }
	| UDP  { $$ = NONO_PROTO_UDP; }
	;

sys_items
	: sys_item                  { $$ = list1($1); }
	| sys_items COMMA sys_item  { $$ = $1; nono_list_append(&$$, $3); }
	;

sys_item
	: word   { $$ = nono_mk(P, NONO_N_SYS, @1, @1); $$->arg = TXT($1, @1); }
	| GROUP  { $$ = nono_mk(P, NONO_N_SYS, @1, @1); $$->arg = TXT($1, @1); }
	;

env_names
	: word {
		struct nono_node *n = nono_mk(P, NONO_N_ENV_PASS, @1, @1);
		n->name = TXT($1, @1);
		$$ = list1(n);
	}
	| env_names COMMA word    {
		struct nono_node *n = nono_mk(P, NONO_N_ENV_PASS, @3, @3);
		n->name = TXT($3, @3);
		$$ = $1;
		nono_list_append(&$$, n);
	}
	;

env_sets
	: env_set                 { $$ = list1($1); }
	| env_sets COMMA env_set  { $$ = $1; nono_list_append(&$$, $3); }
	;

env_set
	: word EQUALS setval {
		$$ = nono_mk(P, NONO_N_ENV_SET, @$, @1);
		$$->name = TXT($1, @1);
		$$->arg = TXT($3, @3);
	}
	;

setval
	: STRING
	| VALUE
	| word
	;

/* ---- quotas ---- */

quota_body
	: %empty                 { $$ = (struct nono_list){ 0 }; }
	| quota_body quota_item  { $$ = $1; nono_list_append(&$$, $2); }
	;

quota_item
	: MEMORY VALUE EOL    { $$ = nono_mk(P, NONO_N_QUOTA_ITEM, @2, @1); $$->sub = NONO_Q_MEMORY; $$->arg = TXT($2, @2); $$->span.start = @1.start; }
	| CPU VALUE EOL       { $$ = nono_mk(P, NONO_N_QUOTA_ITEM, @2, @1); $$->sub = NONO_Q_CPU; $$->arg = TXT($2, @2); $$->span.start = @1.start; }
	| PIDS VALUE EOL      { $$ = nono_mk(P, NONO_N_QUOTA_ITEM, @2, @1); $$->sub = NONO_Q_PIDS; $$->arg = TXT($2, @2); $$->span.start = @1.start; }
	| IO READ VALUE EOL   { $$ = nono_mk(P, NONO_N_QUOTA_ITEM, @3, @1); $$->sub = NONO_Q_IO_READ; $$->arg = TXT($3, @3); $$->span.start = @1.start; }
	| IO WRITE VALUE EOL  { $$ = nono_mk(P, NONO_N_QUOTA_ITEM, @3, @1); $$->sub = NONO_Q_IO_WRITE; $$->arg = TXT($3, @3); $$->span.start = @1.start; }
	| WALL VALUE EOL      { $$ = nono_mk(P, NONO_N_QUOTA_ITEM, @2, @1); $$->sub = NONO_Q_WALL; $$->arg = TXT($2, @2); $$->span.start = @1.start; }
	| FILES VALUE EOL     { $$ = nono_mk(P, NONO_N_QUOTA_ITEM, @2, @1); $$->sub = NONO_Q_FILES; $$->arg = TXT($2, @2); $$->span.start = @1.start; }
	| error EOL           { $$ = NULL; yyerrok; }
	| error block EOL     { $$ = NULL; yyerrok; }
	;

/* A name: an identifier, or a keyword used as a name (`tool exec`, `sys deny ptrace`).
 * Keywords carry their text, so the default action $$ = $1 applies. */
word
	: IDENT
	| POLICY | VERSION | USE | MODE | ENFORCE | AUDIT
	| REQUIRE | BPF_LSM | LANDLOCK | SECCOMP | CGROUPS | AGENT
	| TOOL | QUOTA | DENY | ALLOW | EXEC | SHA256
	| MEASURE | FS | READ | WRITE | NET | NONE
	| CONNECT | BIND | UNIX | TCP | UDP | PROC
	| SIGNAL | CHILDREN | PTRACE | SYS | ENV | PASS
	| SET | MEMORY | CPU | PIDS | IO | WALL
	| FILES
	;

%%

/* A token kind's display name without bison's quoting: keywords as fs, the
 * rest as a phrase ("end of line"). @tok is a kind as nono_lex returns it. */
const char *nono_token_display(int tok, char *buf, size_t size)
{
	const char *name = tok == T_YYEOF ? "end of file" : yysymbol_name(YYTRANSLATE(tok));
	size_t n = strlen(name);

	if (n >= 2 && name[0] == '"' && name[n - 1] == '"') {
		name++;
		n -= 2;
	}
	snprintf(buf, size, "%.*s", (int)n, name);
	return buf;
}

#include "syntax_error.inc"

/* Only bison's own failure ("memory exhausted": the parser stack hit its
 * limit) comes here; grammar errors go through yyreport_syntax_error. */
static void nono_error(NONO_LTYPE *loc, struct nono_parser *P, const char *msg)
{
	nono_parser_error(P, NONO_E006, *loc, "parser %s", msg);
}
