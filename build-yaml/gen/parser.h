/* A Bison parser, made by GNU Bison 3.8.2.  */

/* Bison interface for Yacc-like parsers in C

   Copyright (C) 1984, 1989-1990, 2000-2015, 2018-2021 Free Software Foundation,
   Inc.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   This program is distributed in the hope that it will be useful,
   but WITHOUT ANY WARRANTY; without even the implied warranty of
   MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
   GNU General Public License for more details.

   You should have received a copy of the GNU General Public License
   along with this program.  If not, see <https://www.gnu.org/licenses/>.  */

/* As a special exception, you may create a larger work that contains
   part or all of the Bison parser skeleton and distribute that work
   under terms of your choice, so long as that work isn't itself a
   parser generator using the skeleton or a modified version thereof
   as a parser skeleton.  Alternatively, if you modify or redistribute
   the parser skeleton itself, you may (at your option) remove this
   special exception, which will cause the skeleton and the resulting
   Bison output files to be licensed under the GNU General Public
   License without this special exception.

   This special exception was added by the Free Software Foundation in
   version 2.2 of Bison.  */

/* DO NOT RELY ON FEATURES THAT ARE NOT DOCUMENTED in the manual,
   especially those whose name start with YY_ or yy_.  They are
   private implementation details that can be changed or removed.  */

#ifndef YY_NONO_BUILD_YAML_GEN_PARSER_H_INCLUDED
# define YY_NONO_BUILD_YAML_GEN_PARSER_H_INCLUDED
/* Debug traces.  */
#ifndef NONO_DEBUG
# if defined YYDEBUG
#if YYDEBUG
#   define NONO_DEBUG 1
#  else
#   define NONO_DEBUG 0
#  endif
# else /* ! defined YYDEBUG */
#  define NONO_DEBUG 0
# endif /* ! defined YYDEBUG */
#endif  /* ! defined NONO_DEBUG */
#if NONO_DEBUG
extern int nono_debug;
#endif
/* "%code requires" blocks.  */
#line 23 "grammar/parser.y"

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

#line 72 "build-yaml/gen/parser.h"

/* Token kinds.  */
#ifndef NONO_TOKENTYPE
# define NONO_TOKENTYPE
  enum nono_tokentype
  {
    T_NONO_EMPTY = -2,
    T_YYEOF = 0,                   /* "end of file"  */
    T_NONO_error = 256,            /* error  */
    T_NONO_UNDEF = 257,            /* "invalid token"  */
    T_STRING = 258,                /* "string"  */
    T_IDENT = 259,                 /* "identifier"  */
    T_VALUE = 260,                 /* "value"  */
    T_GROUP = 261,                 /* "@group"  */
    T_BAREPATH = 262,              /* "unquoted path"  */
    T_EOL = 263,                   /* "end of line"  */
    T_POLICY = 264,                /* "policy"  */
    T_VERSION = 265,               /* "version"  */
    T_USE = 266,                   /* "use"  */
    T_MODE = 267,                  /* "mode"  */
    T_ENFORCE = 268,               /* "enforce"  */
    T_AUDIT = 269,                 /* "audit"  */
    T_REQUIRE = 270,               /* "require"  */
    T_BPF_LSM = 271,               /* "bpf-lsm"  */
    T_LANDLOCK = 272,              /* "landlock"  */
    T_SECCOMP = 273,               /* "seccomp"  */
    T_CGROUPS = 274,               /* "cgroups"  */
    T_AGENT = 275,                 /* "agent"  */
    T_TOOL = 276,                  /* "tool"  */
    T_QUOTA = 277,                 /* "quota"  */
    T_DENY = 278,                  /* "deny"  */
    T_ALLOW = 279,                 /* "allow"  */
    T_EXEC = 280,                  /* "exec"  */
    T_SHA256 = 281,                /* "sha256"  */
    T_MEASURE = 282,               /* "measure"  */
    T_FS = 283,                    /* "fs"  */
    T_READ = 284,                  /* "read"  */
    T_WRITE = 285,                 /* "write"  */
    T_NET = 286,                   /* "net"  */
    T_NONE = 287,                  /* "none"  */
    T_CONNECT = 288,               /* "connect"  */
    T_BIND = 289,                  /* "bind"  */
    T_UNIX = 290,                  /* "unix"  */
    T_TCP = 291,                   /* "tcp"  */
    T_UDP = 292,                   /* "udp"  */
    T_PROC = 293,                  /* "proc"  */
    T_SIGNAL = 294,                /* "signal"  */
    T_CHILDREN = 295,              /* "children"  */
    T_PTRACE = 296,                /* "ptrace"  */
    T_SYS = 297,                   /* "sys"  */
    T_ENV = 298,                   /* "env"  */
    T_PASS = 299,                  /* "pass"  */
    T_SET = 300,                   /* "set"  */
    T_MEMORY = 301,                /* "memory"  */
    T_CPU = 302,                   /* "cpu"  */
    T_PIDS = 303,                  /* "pids"  */
    T_IO = 304,                    /* "io"  */
    T_WALL = 305,                  /* "wall"  */
    T_FILES = 306,                 /* "files"  */
    T_LBRACE = 307,                /* "'{'"  */
    T_RBRACE = 308,                /* "'}'"  */
    T_COMMA = 309,                 /* "','"  */
    T_EQUALS = 310                 /* "'='"  */
  };
  typedef enum nono_tokentype nono_token_kind_t;
#endif

/* Value type.  */
#if ! defined NONO_STYPE && ! defined NONO_STYPE_IS_DECLARED
union NONO_STYPE
{
#line 64 "grammar/parser.y"

	struct nono_tok tok;
	struct nono_node *node;
	unsigned mask;
	int ival;

#line 151 "build-yaml/gen/parser.h"

};
typedef union NONO_STYPE NONO_STYPE;
# define NONO_STYPE_IS_TRIVIAL 1
# define NONO_STYPE_IS_DECLARED 1
#endif

/* Location type.  */
#if ! defined NONO_LTYPE && ! defined NONO_LTYPE_IS_DECLARED
typedef struct NONO_LTYPE NONO_LTYPE;
struct NONO_LTYPE
{
  int first_line;
  int first_column;
  int last_line;
  int last_column;
};
# define NONO_LTYPE_IS_DECLARED 1
# define NONO_LTYPE_IS_TRIVIAL 1
#endif




int nono_parse (struct nono_parser *P);

/* "%code provides" blocks.  */
#line 38 "grammar/parser.y"

int nono_lex(NONO_STYPE *lval, NONO_LTYPE *lloc, struct nono_parser *P);
const char *nono_token_display(int symbol);

#line 184 "build-yaml/gen/parser.h"

#endif /* !YY_NONO_BUILD_YAML_GEN_PARSER_H_INCLUDED  */
