/* A Bison parser, made by GNU Bison 3.8.2.  */

/* Bison implementation for Yacc-like parsers in C

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

/* C LALR(1) parser skeleton written by Richard Stallman, by
   simplifying the original so-called "semantic" parser.  */

/* DO NOT RELY ON FEATURES THAT ARE NOT DOCUMENTED in the manual,
   especially those whose name start with YY_ or yy_.  They are
   private implementation details that can be changed or removed.  */

/* All symbols defined below should begin with yy or YY, to avoid
   infringing on user name space.  This should be done even for local
   variables, as they might otherwise be expanded by user macros.
   There are some unavoidable exceptions within include files to
   define necessary library symbols; they are noted "INFRINGES ON
   USER NAME SPACE" below.  */

/* Identify Bison output, and Bison version.  */
#define YYBISON 30802

/* Bison version string.  */
#define YYBISON_VERSION "3.8.2"

/* Skeleton name.  */
#define YYSKELETON_NAME "yacc.c"

/* Pure parsers.  */
#define YYPURE 2

/* Push parsers.  */
#define YYPUSH 0

/* Pull parsers.  */
#define YYPULL 1

/* Substitute the type names.  */
#define YYSTYPE         NONO_STYPE
#define YYLTYPE         NONO_LTYPE
/* Substitute the variable and function names.  */
#define yyparse         nono_parse
#define yylex           nono_lex
#define yyerror         nono_error
#define yydebug         nono_debug
#define yynerrs         nono_nerrs


# ifndef YY_CAST
#  ifdef __cplusplus
#   define YY_CAST(Type, Val) static_cast<Type> (Val)
#   define YY_REINTERPRET_CAST(Type, Val) reinterpret_cast<Type> (Val)
#  else
#   define YY_CAST(Type, Val) ((Type) (Val))
#   define YY_REINTERPRET_CAST(Type, Val) ((Type) (Val))
#  endif
# endif
# ifndef YY_NULLPTR
#  if defined __cplusplus
#   if 201103L <= __cplusplus
#    define YY_NULLPTR nullptr
#   else
#    define YY_NULLPTR 0
#   endif
#  else
#   define YY_NULLPTR ((void*)0)
#  endif
# endif

#include "parser.h"
/* Symbol kind.  */
enum yysymbol_kind_t
{
  YYSYMBOL_YYEMPTY = -2,
  YYSYMBOL_YYEOF = 0,                      /* "end of file"  */
  YYSYMBOL_YYerror = 1,                    /* error  */
  YYSYMBOL_YYUNDEF = 2,                    /* "invalid token"  */
  YYSYMBOL_STRING = 3,                     /* "string"  */
  YYSYMBOL_IDENT = 4,                      /* "identifier"  */
  YYSYMBOL_VALUE = 5,                      /* "value"  */
  YYSYMBOL_GROUP = 6,                      /* "@group"  */
  YYSYMBOL_BAREPATH = 7,                   /* "unquoted path"  */
  YYSYMBOL_EOL = 8,                        /* "end of line"  */
  YYSYMBOL_POLICY = 9,                     /* "policy"  */
  YYSYMBOL_VERSION = 10,                   /* "version"  */
  YYSYMBOL_USE = 11,                       /* "use"  */
  YYSYMBOL_MODE = 12,                      /* "mode"  */
  YYSYMBOL_ENFORCE = 13,                   /* "enforce"  */
  YYSYMBOL_AUDIT = 14,                     /* "audit"  */
  YYSYMBOL_REQUIRE = 15,                   /* "require"  */
  YYSYMBOL_BPF_LSM = 16,                   /* "bpf-lsm"  */
  YYSYMBOL_LANDLOCK = 17,                  /* "landlock"  */
  YYSYMBOL_SECCOMP = 18,                   /* "seccomp"  */
  YYSYMBOL_CGROUPS = 19,                   /* "cgroups"  */
  YYSYMBOL_AGENT = 20,                     /* "agent"  */
  YYSYMBOL_TOOL = 21,                      /* "tool"  */
  YYSYMBOL_QUOTA = 22,                     /* "quota"  */
  YYSYMBOL_DENY = 23,                      /* "deny"  */
  YYSYMBOL_ALLOW = 24,                     /* "allow"  */
  YYSYMBOL_EXEC = 25,                      /* "exec"  */
  YYSYMBOL_SHA256 = 26,                    /* "sha256"  */
  YYSYMBOL_MEASURE = 27,                   /* "measure"  */
  YYSYMBOL_FS = 28,                        /* "fs"  */
  YYSYMBOL_READ = 29,                      /* "read"  */
  YYSYMBOL_WRITE = 30,                     /* "write"  */
  YYSYMBOL_NET = 31,                       /* "net"  */
  YYSYMBOL_NONE = 32,                      /* "none"  */
  YYSYMBOL_CONNECT = 33,                   /* "connect"  */
  YYSYMBOL_BIND = 34,                      /* "bind"  */
  YYSYMBOL_UNIX = 35,                      /* "unix"  */
  YYSYMBOL_TCP = 36,                       /* "tcp"  */
  YYSYMBOL_UDP = 37,                       /* "udp"  */
  YYSYMBOL_PROC = 38,                      /* "proc"  */
  YYSYMBOL_SIGNAL = 39,                    /* "signal"  */
  YYSYMBOL_CHILDREN = 40,                  /* "children"  */
  YYSYMBOL_PTRACE = 41,                    /* "ptrace"  */
  YYSYMBOL_SYS = 42,                       /* "sys"  */
  YYSYMBOL_ENV = 43,                       /* "env"  */
  YYSYMBOL_PASS = 44,                      /* "pass"  */
  YYSYMBOL_SET = 45,                       /* "set"  */
  YYSYMBOL_MEMORY = 46,                    /* "memory"  */
  YYSYMBOL_CPU = 47,                       /* "cpu"  */
  YYSYMBOL_PIDS = 48,                      /* "pids"  */
  YYSYMBOL_IO = 49,                        /* "io"  */
  YYSYMBOL_WALL = 50,                      /* "wall"  */
  YYSYMBOL_FILES = 51,                     /* "files"  */
  YYSYMBOL_LBRACE = 52,                    /* "'{'"  */
  YYSYMBOL_RBRACE = 53,                    /* "'}'"  */
  YYSYMBOL_COMMA = 54,                     /* "','"  */
  YYSYMBOL_EQUALS = 55,                    /* "'='"  */
  YYSYMBOL_YYACCEPT = 56,                  /* $accept  */
  YYSYMBOL_policy = 57,                    /* policy  */
  YYSYMBOL_top_item = 58,                  /* top_item  */
  YYSYMBOL_top_stmt = 59,                  /* top_stmt  */
  YYSYMBOL_opt_version = 60,               /* opt_version  */
  YYSYMBOL_opt_level = 61,                 /* opt_level  */
  YYSYMBOL_mode = 62,                      /* mode  */
  YYSYMBOL_layer = 63,                     /* layer  */
  YYSYMBOL_body = 64,                      /* body  */
  YYSYMBOL_body_item = 65,                 /* body_item  */
  YYSYMBOL_opt_sha = 66,                   /* opt_sha  */
  YYSYMBOL_rule = 67,                      /* rule  */
  YYSYMBOL_deny_rule = 68,                 /* deny_rule  */
  YYSYMBOL_opt_accesses = 69,              /* opt_accesses  */
  YYSYMBOL_accesses = 70,                  /* accesses  */
  YYSYMBOL_access = 71,                    /* access  */
  YYSYMBOL_fs_paths = 72,                  /* fs_paths  */
  YYSYMBOL_unix_paths = 73,                /* unix_paths  */
  YYSYMBOL_net_targets = 74,               /* net_targets  */
  YYSYMBOL_net_target = 75,                /* net_target  */
  YYSYMBOL_proto = 76,                     /* proto  */
  YYSYMBOL_sys_items = 77,                 /* sys_items  */
  YYSYMBOL_sys_item = 78,                  /* sys_item  */
  YYSYMBOL_env_names = 79,                 /* env_names  */
  YYSYMBOL_env_sets = 80,                  /* env_sets  */
  YYSYMBOL_env_set = 81,                   /* env_set  */
  YYSYMBOL_setval = 82,                    /* setval  */
  YYSYMBOL_quota_body = 83,                /* quota_body  */
  YYSYMBOL_quota_item = 84,                /* quota_item  */
  YYSYMBOL_word = 85                       /* word  */
};
typedef enum yysymbol_kind_t yysymbol_kind_t;



/* Unqualified %code blocks.  */
#line 43 "grammar/parser.y"

#include <string.h>
#include <stdio.h>
#include "context.h"
#include "suggest.h"

static void nono_error(NONO_LTYPE *loc, struct nono_parser *P, const char *msg);
#define SPAN(l) nono_parser_span(P, (l))
#define TXT(t, l) nono_txt(P, (t), (l))

/* Append a node chain built by a statement to a list. */
static struct nono_node *chain(struct nono_node *a, struct nono_node *b)
{
	struct nono_list l = { 0 };

	nono_list_append(&l, a);
	nono_list_append(&l, b);
	return l.head;
}

#line 217 "build-tests/gen/parser.c"

#ifdef short
# undef short
#endif

/* On compilers that do not define __PTRDIFF_MAX__ etc., make sure
   <limits.h> and (if available) <stdint.h> are included
   so that the code can choose integer types of a good width.  */

#ifndef __PTRDIFF_MAX__
# include <limits.h> /* INFRINGES ON USER NAME SPACE */
# if defined __STDC_VERSION__ && 199901 <= __STDC_VERSION__
#  include <stdint.h> /* INFRINGES ON USER NAME SPACE */
#  define YY_STDINT_H
# endif
#endif

/* Narrow types that promote to a signed type and that can represent a
   signed or unsigned integer of at least N bits.  In tables they can
   save space and decrease cache pressure.  Promoting to a signed type
   helps avoid bugs in integer arithmetic.  */

#ifdef __INT_LEAST8_MAX__
typedef __INT_LEAST8_TYPE__ yytype_int8;
#elif defined YY_STDINT_H
typedef int_least8_t yytype_int8;
#else
typedef signed char yytype_int8;
#endif

#ifdef __INT_LEAST16_MAX__
typedef __INT_LEAST16_TYPE__ yytype_int16;
#elif defined YY_STDINT_H
typedef int_least16_t yytype_int16;
#else
typedef short yytype_int16;
#endif

/* Work around bug in HP-UX 11.23, which defines these macros
   incorrectly for preprocessor constants.  This workaround can likely
   be removed in 2023, as HPE has promised support for HP-UX 11.23
   (aka HP-UX 11i v2) only through the end of 2022; see Table 2 of
   <https://h20195.www2.hpe.com/V2/getpdf.aspx/4AA4-7673ENW.pdf>.  */
#ifdef __hpux
# undef UINT_LEAST8_MAX
# undef UINT_LEAST16_MAX
# define UINT_LEAST8_MAX 255
# define UINT_LEAST16_MAX 65535
#endif

#if defined __UINT_LEAST8_MAX__ && __UINT_LEAST8_MAX__ <= __INT_MAX__
typedef __UINT_LEAST8_TYPE__ yytype_uint8;
#elif (!defined __UINT_LEAST8_MAX__ && defined YY_STDINT_H \
       && UINT_LEAST8_MAX <= INT_MAX)
typedef uint_least8_t yytype_uint8;
#elif !defined __UINT_LEAST8_MAX__ && UCHAR_MAX <= INT_MAX
typedef unsigned char yytype_uint8;
#else
typedef short yytype_uint8;
#endif

#if defined __UINT_LEAST16_MAX__ && __UINT_LEAST16_MAX__ <= __INT_MAX__
typedef __UINT_LEAST16_TYPE__ yytype_uint16;
#elif (!defined __UINT_LEAST16_MAX__ && defined YY_STDINT_H \
       && UINT_LEAST16_MAX <= INT_MAX)
typedef uint_least16_t yytype_uint16;
#elif !defined __UINT_LEAST16_MAX__ && USHRT_MAX <= INT_MAX
typedef unsigned short yytype_uint16;
#else
typedef int yytype_uint16;
#endif

#ifndef YYPTRDIFF_T
# if defined __PTRDIFF_TYPE__ && defined __PTRDIFF_MAX__
#  define YYPTRDIFF_T __PTRDIFF_TYPE__
#  define YYPTRDIFF_MAXIMUM __PTRDIFF_MAX__
# elif defined PTRDIFF_MAX
#  ifndef ptrdiff_t
#   include <stddef.h> /* INFRINGES ON USER NAME SPACE */
#  endif
#  define YYPTRDIFF_T ptrdiff_t
#  define YYPTRDIFF_MAXIMUM PTRDIFF_MAX
# else
#  define YYPTRDIFF_T long
#  define YYPTRDIFF_MAXIMUM LONG_MAX
# endif
#endif

#ifndef YYSIZE_T
# ifdef __SIZE_TYPE__
#  define YYSIZE_T __SIZE_TYPE__
# elif defined size_t
#  define YYSIZE_T size_t
# elif defined __STDC_VERSION__ && 199901 <= __STDC_VERSION__
#  include <stddef.h> /* INFRINGES ON USER NAME SPACE */
#  define YYSIZE_T size_t
# else
#  define YYSIZE_T unsigned
# endif
#endif

#define YYSIZE_MAXIMUM                                  \
  YY_CAST (YYPTRDIFF_T,                                 \
           (YYPTRDIFF_MAXIMUM < YY_CAST (YYSIZE_T, -1)  \
            ? YYPTRDIFF_MAXIMUM                         \
            : YY_CAST (YYSIZE_T, -1)))

#define YYSIZEOF(X) YY_CAST (YYPTRDIFF_T, sizeof (X))


/* Stored state numbers (used for stacks). */
typedef yytype_uint8 yy_state_t;

/* State numbers in computations.  */
typedef int yy_state_fast_t;

#ifndef YY_
# if defined YYENABLE_NLS && YYENABLE_NLS
#  if ENABLE_NLS
#   include <libintl.h> /* INFRINGES ON USER NAME SPACE */
#   define YY_(Msgid) dgettext ("bison-runtime", Msgid)
#  endif
# endif
# ifndef YY_
#  define YY_(Msgid) Msgid
# endif
#endif


#ifndef YY_ATTRIBUTE_PURE
# if defined __GNUC__ && 2 < __GNUC__ + (96 <= __GNUC_MINOR__)
#  define YY_ATTRIBUTE_PURE __attribute__ ((__pure__))
# else
#  define YY_ATTRIBUTE_PURE
# endif
#endif

#ifndef YY_ATTRIBUTE_UNUSED
# if defined __GNUC__ && 2 < __GNUC__ + (7 <= __GNUC_MINOR__)
#  define YY_ATTRIBUTE_UNUSED __attribute__ ((__unused__))
# else
#  define YY_ATTRIBUTE_UNUSED
# endif
#endif

/* Suppress unused-variable warnings by "using" E.  */
#if ! defined lint || defined __GNUC__
# define YY_USE(E) ((void) (E))
#else
# define YY_USE(E) /* empty */
#endif

/* Suppress an incorrect diagnostic about yylval being uninitialized.  */
#if defined __GNUC__ && ! defined __ICC && 406 <= __GNUC__ * 100 + __GNUC_MINOR__
# if __GNUC__ * 100 + __GNUC_MINOR__ < 407
#  define YY_IGNORE_MAYBE_UNINITIALIZED_BEGIN                           \
    _Pragma ("GCC diagnostic push")                                     \
    _Pragma ("GCC diagnostic ignored \"-Wuninitialized\"")
# else
#  define YY_IGNORE_MAYBE_UNINITIALIZED_BEGIN                           \
    _Pragma ("GCC diagnostic push")                                     \
    _Pragma ("GCC diagnostic ignored \"-Wuninitialized\"")              \
    _Pragma ("GCC diagnostic ignored \"-Wmaybe-uninitialized\"")
# endif
# define YY_IGNORE_MAYBE_UNINITIALIZED_END      \
    _Pragma ("GCC diagnostic pop")
#else
# define YY_INITIAL_VALUE(Value) Value
#endif
#ifndef YY_IGNORE_MAYBE_UNINITIALIZED_BEGIN
# define YY_IGNORE_MAYBE_UNINITIALIZED_BEGIN
# define YY_IGNORE_MAYBE_UNINITIALIZED_END
#endif
#ifndef YY_INITIAL_VALUE
# define YY_INITIAL_VALUE(Value) /* Nothing. */
#endif

#if defined __cplusplus && defined __GNUC__ && ! defined __ICC && 6 <= __GNUC__
# define YY_IGNORE_USELESS_CAST_BEGIN                          \
    _Pragma ("GCC diagnostic push")                            \
    _Pragma ("GCC diagnostic ignored \"-Wuseless-cast\"")
# define YY_IGNORE_USELESS_CAST_END            \
    _Pragma ("GCC diagnostic pop")
#endif
#ifndef YY_IGNORE_USELESS_CAST_BEGIN
# define YY_IGNORE_USELESS_CAST_BEGIN
# define YY_IGNORE_USELESS_CAST_END
#endif


#define YY_ASSERT(E) ((void) (0 && (E)))

#if 1

/* The parser invokes alloca or malloc; define the necessary symbols.  */

# ifdef YYSTACK_USE_ALLOCA
#  if YYSTACK_USE_ALLOCA
#   ifdef __GNUC__
#    define YYSTACK_ALLOC __builtin_alloca
#   elif defined __BUILTIN_VA_ARG_INCR
#    include <alloca.h> /* INFRINGES ON USER NAME SPACE */
#   elif defined _AIX
#    define YYSTACK_ALLOC __alloca
#   elif defined _MSC_VER
#    include <malloc.h> /* INFRINGES ON USER NAME SPACE */
#    define alloca _alloca
#   else
#    define YYSTACK_ALLOC alloca
#    if ! defined _ALLOCA_H && ! defined EXIT_SUCCESS
#     include <stdlib.h> /* INFRINGES ON USER NAME SPACE */
      /* Use EXIT_SUCCESS as a witness for stdlib.h.  */
#     ifndef EXIT_SUCCESS
#      define EXIT_SUCCESS 0
#     endif
#    endif
#   endif
#  endif
# endif

# ifdef YYSTACK_ALLOC
   /* Pacify GCC's 'empty if-body' warning.  */
#  define YYSTACK_FREE(Ptr) do { /* empty */; } while (0)
#  ifndef YYSTACK_ALLOC_MAXIMUM
    /* The OS might guarantee only one guard page at the bottom of the stack,
       and a page size can be as small as 4096 bytes.  So we cannot safely
       invoke alloca (N) if N exceeds 4096.  Use a slightly smaller number
       to allow for a few compiler-allocated temporary stack slots.  */
#   define YYSTACK_ALLOC_MAXIMUM 4032 /* reasonable circa 2006 */
#  endif
# else
#  define YYSTACK_ALLOC YYMALLOC
#  define YYSTACK_FREE YYFREE
#  ifndef YYSTACK_ALLOC_MAXIMUM
#   define YYSTACK_ALLOC_MAXIMUM YYSIZE_MAXIMUM
#  endif
#  if (defined __cplusplus && ! defined EXIT_SUCCESS \
       && ! ((defined YYMALLOC || defined malloc) \
             && (defined YYFREE || defined free)))
#   include <stdlib.h> /* INFRINGES ON USER NAME SPACE */
#   ifndef EXIT_SUCCESS
#    define EXIT_SUCCESS 0
#   endif
#  endif
#  ifndef YYMALLOC
#   define YYMALLOC malloc
#   if ! defined malloc && ! defined EXIT_SUCCESS
void *malloc (YYSIZE_T); /* INFRINGES ON USER NAME SPACE */
#   endif
#  endif
#  ifndef YYFREE
#   define YYFREE free
#   if ! defined free && ! defined EXIT_SUCCESS
void free (void *); /* INFRINGES ON USER NAME SPACE */
#   endif
#  endif
# endif
#endif /* 1 */

#if (! defined yyoverflow \
     && (! defined __cplusplus \
         || (defined NONO_LTYPE_IS_TRIVIAL && NONO_LTYPE_IS_TRIVIAL \
             && defined NONO_STYPE_IS_TRIVIAL && NONO_STYPE_IS_TRIVIAL)))

/* A type that is properly aligned for any stack member.  */
union yyalloc
{
  yy_state_t yyss_alloc;
  YYSTYPE yyvs_alloc;
  YYLTYPE yyls_alloc;
};

/* The size of the maximum gap between one aligned stack and the next.  */
# define YYSTACK_GAP_MAXIMUM (YYSIZEOF (union yyalloc) - 1)

/* The size of an array large to enough to hold all stacks, each with
   N elements.  */
# define YYSTACK_BYTES(N) \
     ((N) * (YYSIZEOF (yy_state_t) + YYSIZEOF (YYSTYPE) \
             + YYSIZEOF (YYLTYPE)) \
      + 2 * YYSTACK_GAP_MAXIMUM)

# define YYCOPY_NEEDED 1

/* Relocate STACK from its old location to the new one.  The
   local variables YYSIZE and YYSTACKSIZE give the old and new number of
   elements in the stack, and YYPTR gives the new location of the
   stack.  Advance YYPTR to a properly aligned location for the next
   stack.  */
# define YYSTACK_RELOCATE(Stack_alloc, Stack)                           \
    do                                                                  \
      {                                                                 \
        YYPTRDIFF_T yynewbytes;                                         \
        YYCOPY (&yyptr->Stack_alloc, Stack, yysize);                    \
        Stack = &yyptr->Stack_alloc;                                    \
        yynewbytes = yystacksize * YYSIZEOF (*Stack) + YYSTACK_GAP_MAXIMUM; \
        yyptr += yynewbytes / YYSIZEOF (*yyptr);                        \
      }                                                                 \
    while (0)

#endif

#if defined YYCOPY_NEEDED && YYCOPY_NEEDED
/* Copy COUNT objects from SRC to DST.  The source and destination do
   not overlap.  */
# ifndef YYCOPY
#  if defined __GNUC__ && 1 < __GNUC__
#   define YYCOPY(Dst, Src, Count) \
      __builtin_memcpy (Dst, Src, YY_CAST (YYSIZE_T, (Count)) * sizeof (*(Src)))
#  else
#   define YYCOPY(Dst, Src, Count)              \
      do                                        \
        {                                       \
          YYPTRDIFF_T yyi;                      \
          for (yyi = 0; yyi < (Count); yyi++)   \
            (Dst)[yyi] = (Src)[yyi];            \
        }                                       \
      while (0)
#  endif
# endif
#endif /* !YYCOPY_NEEDED */

/* YYFINAL -- State number of the termination state.  */
#define YYFINAL  2
/* YYLAST -- Last index in YYTABLE.  */
#define YYLAST   297

/* YYNTOKENS -- Number of terminals.  */
#define YYNTOKENS  56
/* YYNNTS -- Number of nonterminals.  */
#define YYNNTS  30
/* YYNRULES -- Number of rules.  */
#define YYNRULES  134
/* YYNSTATES -- Number of states.  */
#define YYNSTATES  210

/* YYMAXUTOK -- Last valid token kind.  */
#define YYMAXUTOK   310


/* YYTRANSLATE(TOKEN-NUM) -- Symbol number corresponding to TOKEN-NUM
   as returned by yylex, with out-of-bounds checking.  */
#define YYTRANSLATE(YYX)                                \
  (0 <= (YYX) && (YYX) <= YYMAXUTOK                     \
   ? YY_CAST (yysymbol_kind_t, yytranslate[YYX])        \
   : YYSYMBOL_YYUNDEF)

/* YYTRANSLATE[TOKEN-NUM] -- Symbol number corresponding to TOKEN-NUM
   as returned by yylex.  */
static const yytype_int8 yytranslate[] =
{
       0,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     1,     2,     3,     4,
       5,     6,     7,     8,     9,    10,    11,    12,    13,    14,
      15,    16,    17,    18,    19,    20,    21,    22,    23,    24,
      25,    26,    27,    28,    29,    30,    31,    32,    33,    34,
      35,    36,    37,    38,    39,    40,    41,    42,    43,    44,
      45,    46,    47,    48,    49,    50,    51,    52,    53,    54,
      55
};

#if NONO_DEBUG
/* YYRLINE[YYN] -- Source line where rule number YYN was defined.  */
static const yytype_int16 yyrline[] =
{
       0,    96,    96,    97,   101,   102,   106,   111,   112,   113,
     118,   119,   124,   125,   129,   130,   134,   135,   139,   140,
     144,   145,   146,   147,   153,   154,   158,   164,   170,   175,
     176,   180,   181,   187,   188,   189,   190,   194,   195,   196,
     197,   198,   199,   200,   201,   205,   206,   207,   211,   212,
     213,   214,   218,   219,   223,   224,   228,   229,   230,   234,
     238,   246,   250,   260,   261,   270,   275,   283,   284,   288,
     289,   293,   294,   298,   299,   307,   308,   312,   320,   321,
     322,   328,   329,   333,   334,   335,   336,   337,   338,   339,
     340,   346,   347,   347,   347,   347,   347,   347,   348,   348,
     348,   348,   348,   348,   349,   349,   349,   349,   349,   349,
     350,   350,   350,   350,   350,   350,   351,   351,   351,   351,
     351,   351,   352,   352,   352,   352,   352,   352,   353,   353,
     353,   353,   353,   353,   354
};
#endif

/** Accessing symbol of state STATE.  */
#define YY_ACCESSING_SYMBOL(State) YY_CAST (yysymbol_kind_t, yystos[State])

#if 1
/* The user-facing name of the symbol whose (internal) number is
   YYSYMBOL.  No bounds checking.  */
static const char *yysymbol_name (yysymbol_kind_t yysymbol) YY_ATTRIBUTE_UNUSED;

static const char *
yysymbol_name (yysymbol_kind_t yysymbol)
{
  static const char *const yy_sname[] =
  {
  "end of file", "error", "invalid token", "string", "identifier",
  "value", "@group", "unquoted path", "end of line", "policy", "version",
  "use", "mode", "enforce", "audit", "require", "bpf-lsm", "landlock",
  "seccomp", "cgroups", "agent", "tool", "quota", "deny", "allow", "exec",
  "sha256", "measure", "fs", "read", "write", "net", "none", "connect",
  "bind", "unix", "tcp", "udp", "proc", "signal", "children", "ptrace",
  "sys", "env", "pass", "set", "memory", "cpu", "pids", "io", "wall",
  "files", "'{'", "'}'", "','", "'='", "$accept", "policy", "top_item",
  "top_stmt", "opt_version", "opt_level", "mode", "layer", "body",
  "body_item", "opt_sha", "rule", "deny_rule", "opt_accesses", "accesses",
  "access", "fs_paths", "unix_paths", "net_targets", "net_target", "proto",
  "sys_items", "sys_item", "env_names", "env_sets", "env_set", "setval",
  "quota_body", "quota_item", "word", YY_NULLPTR
  };
  return yy_sname[yysymbol];
}
#endif

#define YYPACT_NINF (-82)

#define yypact_value_is_default(Yyn) \
  ((Yyn) == YYPACT_NINF)

#define YYTABLE_NINF (-1)

#define yytable_value_is_error(Yyn) \
  0

/* YYPACT[STATE-NUM] -- Index in YYTABLE of the portion describing
   STATE-NUM.  */
static const yytype_int16 yypact[] =
{
     -82,    74,   -82,    -5,    12,    38,    50,    51,   -43,   246,
      -8,   -24,   -13,    58,   -33,    13,    27,   -82,    44,   -82,
     -82,    63,   -82,   -82,   -82,   -82,   -82,   -82,   -82,   -82,
      98,   -82,   -82,   -82,   -82,   -82,   -82,   -82,   -82,   -82,
     -82,   -82,   -82,   -82,   -82,   -82,   -82,   -82,   -82,   -82,
     -82,   -82,   -82,   -82,   -82,   -82,   -82,   -82,   -82,   -82,
     -82,   -82,   -82,   -82,   -82,   -82,   -82,   -82,   -82,   -82,
     -82,   -82,   -82,   -82,   -82,   -82,    52,   -82,   -13,   -14,
       8,   198,   -82,   -82,   -82,   -82,    10,   -82,   -82,    -3,
      -3,   103,    67,   -82,   198,   198,   246,   246,   -82,   104,
     -82,   -82,   -82,     0,   -82,     9,   105,   -13,    -3,    -3,
     103,    70,   -82,   -82,    57,   -82,   -82,   -82,   -82,    59,
     -82,   -82,   -82,    60,   -82,   110,    60,   -82,    64,   -82,
      57,    57,    65,   -82,    66,   -82,    68,   -82,   113,    72,
     119,   246,   -82,   -82,   117,    23,   118,   122,   123,   124,
      69,   125,   126,   -82,   -82,    59,    60,    60,    64,   -82,
     198,   130,    -3,   -82,   131,   246,   246,   150,   -82,   -82,
     109,   133,   -82,   -82,   -82,   129,   132,   134,   136,   138,
     137,   139,   -82,   -82,   -82,   -82,   -82,   -82,   -82,   -82,
     -82,   -82,    31,   135,   140,   141,   -82,   -82,   -82,   142,
     143,   -82,   -82,   144,   -82,   -82,   -82,   -82,   -82,   -82
};

/* YYDEFACT[STATE-NUM] -- Default reduction number in state STATE-NUM.
   Performed when YYTABLE does not specify something else to do.  Zero
   means the default is an error.  */
static const yytype_uint8 yydefact[] =
{
       2,     0,     1,     0,     0,     0,     0,     0,     0,     0,
       0,     0,     0,     0,     0,     0,     0,     3,     0,    13,
       5,    14,     7,    18,    19,     8,    20,    21,    22,    23,
      16,    24,    91,    92,    93,    94,    95,    96,    97,    98,
      99,   100,   101,   102,   103,   104,   105,   106,   107,   108,
     109,   110,   111,   112,   113,   114,   115,   116,   117,   118,
     119,   120,   121,   122,   123,   124,   125,   126,   127,   128,
     129,   130,   131,   132,   133,   134,     0,    81,    52,     0,
       0,     0,    44,    58,    56,    57,     0,    54,    34,     0,
       0,     0,     0,    39,     0,     0,     0,     0,     4,     0,
       6,    17,     9,     0,    24,     0,     0,    53,     0,     0,
       0,     0,    51,    72,    49,    69,    71,    59,    55,    33,
      65,    67,    68,    35,    63,     0,    36,    61,    37,    38,
      40,    41,    42,    73,    43,    75,     0,    15,     0,     0,
       0,     0,    10,    25,     0,     0,     0,     0,     0,     0,
       0,     0,     0,    12,    82,    45,    46,    47,    48,    50,
       0,     0,     0,    66,     0,     0,     0,     0,    30,    81,
      31,     0,    29,    11,    90,     0,     0,     0,     0,     0,
       0,     0,    70,    60,    64,    62,    74,    76,    78,    79,
      77,    80,     0,     0,     0,     0,    83,    84,    85,     0,
       0,    88,    89,     0,    32,    26,    27,    86,    87,    28
};

/* YYPGOTO[NTERM-NUM].  */
static const yytype_int16 yypgoto[] =
{
     -82,   -82,   -82,   -82,   -82,   -82,   -82,   -82,    35,   -82,
     -82,   145,   -82,   -82,   127,   -81,    97,    34,   -79,    89,
     -82,     6,    46,   -82,   -82,    86,   -82,    84,   -82,    -9
};

/* YYDEFGOTO[NTERM-NUM].  */
static const yytype_uint8 yydefgoto[] =
{
       0,     1,    17,    18,   100,   102,    25,    30,   103,   143,
     194,   144,    82,   106,    86,    87,   119,   128,   123,   124,
     125,   114,   115,   132,   134,   135,   190,   105,   154,   116
};

/* YYTABLE[YYPACT[STATE-NUM]] -- What to do in state STATE-NUM.  If
   positive, shift that token.  If negative, reduce the rule whose
   number is the opposite.  If YYTABLE_NINF, syntax error.  */
static const yytype_uint8 yytable[] =
{
      76,   138,   120,    20,    78,   118,    92,    79,    93,    31,
     146,   126,    83,   117,    80,    21,    84,    85,    81,   108,
     109,   110,   139,    11,   138,   140,   118,   141,    12,   156,
     157,    13,   146,   121,   122,    83,    94,    95,    14,    84,
      85,    22,    15,    16,    77,   139,    11,   111,   140,   112,
     141,    12,    98,   142,    13,   147,   148,   149,   150,   151,
     152,    14,   153,    23,    24,    15,    16,    26,    27,    28,
      29,    96,    97,    99,     2,     3,   173,   147,   148,   149,
     150,   151,   152,     4,   203,     5,     6,   133,   136,     7,
      88,    89,    90,    91,     8,     9,    10,    11,   178,   179,
     130,   131,    12,   101,   104,    13,   127,   129,   117,   137,
     159,   160,    14,   161,   162,   163,    15,    16,   164,   165,
     166,   168,   170,   167,   169,   172,   174,   175,   176,   177,
     180,   181,   171,   183,   185,   193,   195,   196,   204,   145,
     197,   199,   198,   200,   158,   201,    19,   202,   205,   206,
     207,   208,   209,   188,    32,   189,   186,   136,   191,    33,
      34,    35,    36,    37,    38,    39,    40,    41,    42,    43,
      44,    45,    46,    47,    48,    49,    50,    51,    52,    53,
      54,    55,    56,    57,    58,    59,    60,    61,    62,    63,
      64,    65,    66,    67,    68,    69,    70,    71,    72,    73,
      74,    75,    32,   155,   113,   107,   182,    33,    34,    35,
      36,    37,    38,    39,    40,    41,    42,    43,    44,    45,
      46,    47,    48,    49,    50,    51,    52,    53,    54,    55,
      56,    57,    58,    59,    60,    61,    62,    63,    64,    65,
      66,    67,    68,    69,    70,    71,    72,    73,    74,    75,
      32,   184,   187,   192,     0,    33,    34,    35,    36,    37,
      38,    39,    40,    41,    42,    43,    44,    45,    46,    47,
      48,    49,    50,    51,    52,    53,    54,    55,    56,    57,
      58,    59,    60,    61,    62,    63,    64,    65,    66,    67,
      68,    69,    70,    71,    72,    73,    74,    75
};

static const yytype_int16 yycheck[] =
{
       9,     1,     5,     8,    28,    86,    39,    31,    41,    52,
       1,    90,    25,     3,    38,     3,    29,    30,    42,    33,
      34,    35,    22,    23,     1,    25,   107,    27,    28,   108,
     109,    31,     1,    36,    37,    25,    23,    24,    38,    29,
      30,     3,    42,    43,    52,    22,    23,    39,    25,    41,
      27,    28,     8,    53,    31,    46,    47,    48,    49,    50,
      51,    38,    53,    13,    14,    42,    43,    16,    17,    18,
      19,    44,    45,    10,     0,     1,    53,    46,    47,    48,
      49,    50,    51,     9,    53,    11,    12,    96,    97,    15,
      32,    33,    34,    35,    20,    21,    22,    23,    29,    30,
      94,    95,    28,     5,    52,    31,     3,    40,     3,     5,
      40,    54,    38,    54,    54,     5,    42,    43,    54,    54,
      54,     8,     3,    55,    52,     8,     8,     5,     5,     5,
       5,     5,   141,     3,     3,    26,     3,     8,     3,   104,
       8,     5,     8,     5,   110,     8,     1,     8,     8,     8,
       8,     8,     8,     3,     4,     5,   165,   166,   167,     9,
      10,    11,    12,    13,    14,    15,    16,    17,    18,    19,
      20,    21,    22,    23,    24,    25,    26,    27,    28,    29,
      30,    31,    32,    33,    34,    35,    36,    37,    38,    39,
      40,    41,    42,    43,    44,    45,    46,    47,    48,    49,
      50,    51,     4,   106,     6,    78,   160,     9,    10,    11,
      12,    13,    14,    15,    16,    17,    18,    19,    20,    21,
      22,    23,    24,    25,    26,    27,    28,    29,    30,    31,
      32,    33,    34,    35,    36,    37,    38,    39,    40,    41,
      42,    43,    44,    45,    46,    47,    48,    49,    50,    51,
       4,   162,   166,   169,    -1,     9,    10,    11,    12,    13,
      14,    15,    16,    17,    18,    19,    20,    21,    22,    23,
      24,    25,    26,    27,    28,    29,    30,    31,    32,    33,
      34,    35,    36,    37,    38,    39,    40,    41,    42,    43,
      44,    45,    46,    47,    48,    49,    50,    51
};

/* YYSTOS[STATE-NUM] -- The symbol kind of the accessing symbol of
   state STATE-NUM.  */
static const yytype_int8 yystos[] =
{
       0,    57,     0,     1,     9,    11,    12,    15,    20,    21,
      22,    23,    28,    31,    38,    42,    43,    58,    59,    67,
       8,     3,     3,    13,    14,    62,    16,    17,    18,    19,
      63,    52,     4,     9,    10,    11,    12,    13,    14,    15,
      16,    17,    18,    19,    20,    21,    22,    23,    24,    25,
      26,    27,    28,    29,    30,    31,    32,    33,    34,    35,
      36,    37,    38,    39,    40,    41,    42,    43,    44,    45,
      46,    47,    48,    49,    50,    51,    85,    52,    28,    31,
      38,    42,    68,    25,    29,    30,    70,    71,    32,    33,
      34,    35,    39,    41,    23,    24,    44,    45,     8,    10,
      60,     5,    61,    64,    52,    83,    69,    70,    33,    34,
      35,    39,    41,     6,    77,    78,    85,     3,    71,    72,
       5,    36,    37,    74,    75,    76,    74,     3,    73,    40,
      77,    77,    79,    85,    80,    81,    85,     5,     1,    22,
      25,    27,    53,    65,    67,    64,     1,    46,    47,    48,
      49,    50,    51,    53,    84,    72,    74,    74,    73,    40,
      54,    54,    54,     5,    54,    54,    54,    55,     8,    52,
       3,    85,     8,    53,     8,     5,     5,     5,    29,    30,
       5,     5,    78,     3,    75,     3,    85,    81,     3,     5,
      82,    85,    83,    26,    66,     3,     8,     8,     8,     5,
       5,     8,     8,    53,     3,     8,     8,     8,     8,     8
};

/* YYR1[RULE-NUM] -- Symbol kind of the left-hand side of rule RULE-NUM.  */
static const yytype_int8 yyr1[] =
{
       0,    56,    57,    57,    58,    58,    59,    59,    59,    59,
      59,    59,    59,    59,    60,    60,    61,    61,    62,    62,
      63,    63,    63,    63,    64,    64,    65,    65,    65,    65,
      65,    66,    66,    67,    67,    67,    67,    67,    67,    67,
      67,    67,    67,    67,    67,    68,    68,    68,    68,    68,
      68,    68,    69,    69,    70,    70,    71,    71,    71,    72,
      72,    73,    73,    74,    74,    75,    75,    76,    76,    77,
      77,    78,    78,    79,    79,    80,    80,    81,    82,    82,
      82,    83,    83,    84,    84,    84,    84,    84,    84,    84,
      84,    85,    85,    85,    85,    85,    85,    85,    85,    85,
      85,    85,    85,    85,    85,    85,    85,    85,    85,    85,
      85,    85,    85,    85,    85,    85,    85,    85,    85,    85,
      85,    85,    85,    85,    85,    85,    85,    85,    85,    85,
      85,    85,    85,    85,    85
};

/* YYR2[RULE-NUM] -- Number of symbols on the right-hand side of rule RULE-NUM.  */
static const yytype_int8 yyr2[] =
{
       0,     2,     0,     2,     2,     2,     3,     2,     2,     3,
       4,     5,     4,     1,     0,     2,     0,     1,     1,     1,
       1,     1,     1,     1,     0,     2,     4,     4,     5,     2,
       2,     0,     2,     3,     2,     3,     3,     3,     3,     2,
       3,     3,     3,     3,     2,     3,     3,     3,     3,     2,
       3,     2,     0,     1,     1,     2,     1,     1,     1,     1,
       3,     1,     3,     1,     3,     1,     2,     1,     1,     1,
       3,     1,     1,     1,     3,     1,     3,     3,     1,     1,
       1,     0,     2,     3,     3,     3,     4,     4,     3,     3,
       2,     1,     1,     1,     1,     1,     1,     1,     1,     1,
       1,     1,     1,     1,     1,     1,     1,     1,     1,     1,
       1,     1,     1,     1,     1,     1,     1,     1,     1,     1,
       1,     1,     1,     1,     1,     1,     1,     1,     1,     1,
       1,     1,     1,     1,     1
};


enum { YYENOMEM = -2 };

#define yyerrok         (yyerrstatus = 0)
#define yyclearin       (yychar = T_NONO_EMPTY)

#define YYACCEPT        goto yyacceptlab
#define YYABORT         goto yyabortlab
#define YYERROR         goto yyerrorlab
#define YYNOMEM         goto yyexhaustedlab


#define YYRECOVERING()  (!!yyerrstatus)

#define YYBACKUP(Token, Value)                                    \
  do                                                              \
    if (yychar == T_NONO_EMPTY)                                        \
      {                                                           \
        yychar = (Token);                                         \
        yylval = (Value);                                         \
        YYPOPSTACK (yylen);                                       \
        yystate = *yyssp;                                         \
        goto yybackup;                                            \
      }                                                           \
    else                                                          \
      {                                                           \
        yyerror (&yylloc, P, YY_("syntax error: cannot back up")); \
        YYERROR;                                                  \
      }                                                           \
  while (0)

/* Backward compatibility with an undocumented macro.
   Use T_NONO_error or T_NONO_UNDEF. */
#define YYERRCODE T_NONO_UNDEF

/* YYLLOC_DEFAULT -- Set CURRENT to span from RHS[1] to RHS[N].
   If N is 0, then set CURRENT to the empty location which ends
   the previous symbol: RHS[0] (always defined).  */

#ifndef YYLLOC_DEFAULT
# define YYLLOC_DEFAULT(Current, Rhs, N)                                \
    do                                                                  \
      if (N)                                                            \
        {                                                               \
          (Current).first_line   = YYRHSLOC (Rhs, 1).first_line;        \
          (Current).first_column = YYRHSLOC (Rhs, 1).first_column;      \
          (Current).last_line    = YYRHSLOC (Rhs, N).last_line;         \
          (Current).last_column  = YYRHSLOC (Rhs, N).last_column;       \
        }                                                               \
      else                                                              \
        {                                                               \
          (Current).first_line   = (Current).last_line   =              \
            YYRHSLOC (Rhs, 0).last_line;                                \
          (Current).first_column = (Current).last_column =              \
            YYRHSLOC (Rhs, 0).last_column;                              \
        }                                                               \
    while (0)
#endif

#define YYRHSLOC(Rhs, K) ((Rhs)[K])


/* Enable debugging if requested.  */
#if NONO_DEBUG

# ifndef YYFPRINTF
#  include <stdio.h> /* INFRINGES ON USER NAME SPACE */
#  define YYFPRINTF fprintf
# endif

# define YYDPRINTF(Args)                        \
do {                                            \
  if (yydebug)                                  \
    YYFPRINTF Args;                             \
} while (0)


/* YYLOCATION_PRINT -- Print the location on the stream.
   This macro was not mandated originally: define only if we know
   we won't break user code: when these are the locations we know.  */

# ifndef YYLOCATION_PRINT

#  if defined YY_LOCATION_PRINT

   /* Temporary convenience wrapper in case some people defined the
      undocumented and private YY_LOCATION_PRINT macros.  */
#   define YYLOCATION_PRINT(File, Loc)  YY_LOCATION_PRINT(File, *(Loc))

#  elif defined NONO_LTYPE_IS_TRIVIAL && NONO_LTYPE_IS_TRIVIAL

/* Print *YYLOCP on YYO.  Private, do not rely on its existence. */

YY_ATTRIBUTE_UNUSED
static int
yy_location_print_ (FILE *yyo, YYLTYPE const * const yylocp)
{
  int res = 0;
  int end_col = 0 != yylocp->last_column ? yylocp->last_column - 1 : 0;
  if (0 <= yylocp->first_line)
    {
      res += YYFPRINTF (yyo, "%d", yylocp->first_line);
      if (0 <= yylocp->first_column)
        res += YYFPRINTF (yyo, ".%d", yylocp->first_column);
    }
  if (0 <= yylocp->last_line)
    {
      if (yylocp->first_line < yylocp->last_line)
        {
          res += YYFPRINTF (yyo, "-%d", yylocp->last_line);
          if (0 <= end_col)
            res += YYFPRINTF (yyo, ".%d", end_col);
        }
      else if (0 <= end_col && yylocp->first_column < end_col)
        res += YYFPRINTF (yyo, "-%d", end_col);
    }
  return res;
}

#   define YYLOCATION_PRINT  yy_location_print_

    /* Temporary convenience wrapper in case some people defined the
       undocumented and private YY_LOCATION_PRINT macros.  */
#   define YY_LOCATION_PRINT(File, Loc)  YYLOCATION_PRINT(File, &(Loc))

#  else

#   define YYLOCATION_PRINT(File, Loc) ((void) 0)
    /* Temporary convenience wrapper in case some people defined the
       undocumented and private YY_LOCATION_PRINT macros.  */
#   define YY_LOCATION_PRINT  YYLOCATION_PRINT

#  endif
# endif /* !defined YYLOCATION_PRINT */


# define YY_SYMBOL_PRINT(Title, Kind, Value, Location)                    \
do {                                                                      \
  if (yydebug)                                                            \
    {                                                                     \
      YYFPRINTF (stderr, "%s ", Title);                                   \
      yy_symbol_print (stderr,                                            \
                  Kind, Value, Location, P); \
      YYFPRINTF (stderr, "\n");                                           \
    }                                                                     \
} while (0)


/*-----------------------------------.
| Print this symbol's value on YYO.  |
`-----------------------------------*/

static void
yy_symbol_value_print (FILE *yyo,
                       yysymbol_kind_t yykind, YYSTYPE const * const yyvaluep, YYLTYPE const * const yylocationp, struct nono_parser *P)
{
  FILE *yyoutput = yyo;
  YY_USE (yyoutput);
  YY_USE (yylocationp);
  YY_USE (P);
  if (!yyvaluep)
    return;
  YY_IGNORE_MAYBE_UNINITIALIZED_BEGIN
  YY_USE (yykind);
  YY_IGNORE_MAYBE_UNINITIALIZED_END
}


/*---------------------------.
| Print this symbol on YYO.  |
`---------------------------*/

static void
yy_symbol_print (FILE *yyo,
                 yysymbol_kind_t yykind, YYSTYPE const * const yyvaluep, YYLTYPE const * const yylocationp, struct nono_parser *P)
{
  YYFPRINTF (yyo, "%s %s (",
             yykind < YYNTOKENS ? "token" : "nterm", yysymbol_name (yykind));

  YYLOCATION_PRINT (yyo, yylocationp);
  YYFPRINTF (yyo, ": ");
  yy_symbol_value_print (yyo, yykind, yyvaluep, yylocationp, P);
  YYFPRINTF (yyo, ")");
}

/*------------------------------------------------------------------.
| yy_stack_print -- Print the state stack from its BOTTOM up to its |
| TOP (included).                                                   |
`------------------------------------------------------------------*/

static void
yy_stack_print (yy_state_t *yybottom, yy_state_t *yytop)
{
  YYFPRINTF (stderr, "Stack now");
  for (; yybottom <= yytop; yybottom++)
    {
      int yybot = *yybottom;
      YYFPRINTF (stderr, " %d", yybot);
    }
  YYFPRINTF (stderr, "\n");
}

# define YY_STACK_PRINT(Bottom, Top)                            \
do {                                                            \
  if (yydebug)                                                  \
    yy_stack_print ((Bottom), (Top));                           \
} while (0)


/*------------------------------------------------.
| Report that the YYRULE is going to be reduced.  |
`------------------------------------------------*/

static void
yy_reduce_print (yy_state_t *yyssp, YYSTYPE *yyvsp, YYLTYPE *yylsp,
                 int yyrule, struct nono_parser *P)
{
  int yylno = yyrline[yyrule];
  int yynrhs = yyr2[yyrule];
  int yyi;
  YYFPRINTF (stderr, "Reducing stack by rule %d (line %d):\n",
             yyrule - 1, yylno);
  /* The symbols being reduced.  */
  for (yyi = 0; yyi < yynrhs; yyi++)
    {
      YYFPRINTF (stderr, "   $%d = ", yyi + 1);
      yy_symbol_print (stderr,
                       YY_ACCESSING_SYMBOL (+yyssp[yyi + 1 - yynrhs]),
                       &yyvsp[(yyi + 1) - (yynrhs)],
                       &(yylsp[(yyi + 1) - (yynrhs)]), P);
      YYFPRINTF (stderr, "\n");
    }
}

# define YY_REDUCE_PRINT(Rule)          \
do {                                    \
  if (yydebug)                          \
    yy_reduce_print (yyssp, yyvsp, yylsp, Rule, P); \
} while (0)

/* Nonzero means print parse trace.  It is left uninitialized so that
   multiple parsers can coexist.  */
int yydebug;
#else /* !NONO_DEBUG */
# define YYDPRINTF(Args) ((void) 0)
# define YY_SYMBOL_PRINT(Title, Kind, Value, Location)
# define YY_STACK_PRINT(Bottom, Top)
# define YY_REDUCE_PRINT(Rule)
#endif /* !NONO_DEBUG */


/* YYINITDEPTH -- initial size of the parser's stacks.  */
#ifndef YYINITDEPTH
# define YYINITDEPTH 200
#endif

/* YYMAXDEPTH -- maximum size the stacks can grow to (effective only
   if the built-in stack extension method is used).

   Do not make this value too large; the results are undefined if
   YYSTACK_ALLOC_MAXIMUM < YYSTACK_BYTES (YYMAXDEPTH)
   evaluated with infinite-precision integer arithmetic.  */

#ifndef YYMAXDEPTH
# define YYMAXDEPTH 10000
#endif


/* Context of a parse error.  */
typedef struct
{
  yy_state_t *yyssp;
  yysymbol_kind_t yytoken;
  YYLTYPE *yylloc;
} yypcontext_t;

/* Put in YYARG at most YYARGN of the expected tokens given the
   current YYCTX, and return the number of tokens stored in YYARG.  If
   YYARG is null, return the number of expected tokens (guaranteed to
   be less than YYNTOKENS).  Return YYENOMEM on memory exhaustion.
   Return 0 if there are more than YYARGN expected tokens, yet fill
   YYARG up to YYARGN. */
static int
yypcontext_expected_tokens (const yypcontext_t *yyctx,
                            yysymbol_kind_t yyarg[], int yyargn)
{
  /* Actual size of YYARG. */
  int yycount = 0;
  int yyn = yypact[+*yyctx->yyssp];
  if (!yypact_value_is_default (yyn))
    {
      /* Start YYX at -YYN if negative to avoid negative indexes in
         YYCHECK.  In other words, skip the first -YYN actions for
         this state because they are default actions.  */
      int yyxbegin = yyn < 0 ? -yyn : 0;
      /* Stay within bounds of both yycheck and yytname.  */
      int yychecklim = YYLAST - yyn + 1;
      int yyxend = yychecklim < YYNTOKENS ? yychecklim : YYNTOKENS;
      int yyx;
      for (yyx = yyxbegin; yyx < yyxend; ++yyx)
        if (yycheck[yyx + yyn] == yyx && yyx != YYSYMBOL_YYerror
            && !yytable_value_is_error (yytable[yyx + yyn]))
          {
            if (!yyarg)
              ++yycount;
            else if (yycount == yyargn)
              return 0;
            else
              yyarg[yycount++] = YY_CAST (yysymbol_kind_t, yyx);
          }
    }
  if (yyarg && yycount == 0 && 0 < yyargn)
    yyarg[0] = YYSYMBOL_YYEMPTY;
  return yycount;
}




/* The kind of the lookahead of this context.  */
static yysymbol_kind_t
yypcontext_token (const yypcontext_t *yyctx) YY_ATTRIBUTE_UNUSED;

static yysymbol_kind_t
yypcontext_token (const yypcontext_t *yyctx)
{
  return yyctx->yytoken;
}

/* The location of the lookahead of this context.  */
static YYLTYPE *
yypcontext_location (const yypcontext_t *yyctx) YY_ATTRIBUTE_UNUSED;

static YYLTYPE *
yypcontext_location (const yypcontext_t *yyctx)
{
  return yyctx->yylloc;
}

/* User defined function to report a syntax error.  */
static int
yyreport_syntax_error (const yypcontext_t *yyctx, struct nono_parser *P);

/*-----------------------------------------------.
| Release the memory associated to this symbol.  |
`-----------------------------------------------*/

static void
yydestruct (const char *yymsg,
            yysymbol_kind_t yykind, YYSTYPE *yyvaluep, YYLTYPE *yylocationp, struct nono_parser *P)
{
  YY_USE (yyvaluep);
  YY_USE (yylocationp);
  YY_USE (P);
  if (!yymsg)
    yymsg = "Deleting";
  YY_SYMBOL_PRINT (yymsg, yykind, yyvaluep, yylocationp);

  YY_IGNORE_MAYBE_UNINITIALIZED_BEGIN
  YY_USE (yykind);
  YY_IGNORE_MAYBE_UNINITIALIZED_END
}






/*----------.
| yyparse.  |
`----------*/

int
yyparse (struct nono_parser *P)
{
/* Lookahead token kind.  */
int yychar;


/* The semantic value of the lookahead symbol.  */
/* Default value used for initialization, for pacifying older GCCs
   or non-GCC compilers.  */
YY_INITIAL_VALUE (static YYSTYPE yyval_default;)
YYSTYPE yylval YY_INITIAL_VALUE (= yyval_default);

/* Location data for the lookahead symbol.  */
static YYLTYPE yyloc_default
# if defined NONO_LTYPE_IS_TRIVIAL && NONO_LTYPE_IS_TRIVIAL
  = { 1, 1, 1, 1 }
# endif
;
YYLTYPE yylloc = yyloc_default;

    /* Number of syntax errors so far.  */
    int yynerrs = 0;

    yy_state_fast_t yystate = 0;
    /* Number of tokens to shift before error messages enabled.  */
    int yyerrstatus = 0;

    /* Refer to the stacks through separate pointers, to allow yyoverflow
       to reallocate them elsewhere.  */

    /* Their size.  */
    YYPTRDIFF_T yystacksize = YYINITDEPTH;

    /* The state stack: array, bottom, top.  */
    yy_state_t yyssa[YYINITDEPTH];
    yy_state_t *yyss = yyssa;
    yy_state_t *yyssp = yyss;

    /* The semantic value stack: array, bottom, top.  */
    YYSTYPE yyvsa[YYINITDEPTH];
    YYSTYPE *yyvs = yyvsa;
    YYSTYPE *yyvsp = yyvs;

    /* The location stack: array, bottom, top.  */
    YYLTYPE yylsa[YYINITDEPTH];
    YYLTYPE *yyls = yylsa;
    YYLTYPE *yylsp = yyls;

  int yyn;
  /* The return value of yyparse.  */
  int yyresult;
  /* Lookahead symbol kind.  */
  yysymbol_kind_t yytoken = YYSYMBOL_YYEMPTY;
  /* The variables used to return semantic value and location from the
     action routines.  */
  YYSTYPE yyval;
  YYLTYPE yyloc;

  /* The locations where the error started and ended.  */
  YYLTYPE yyerror_range[3];



#define YYPOPSTACK(N)   (yyvsp -= (N), yyssp -= (N), yylsp -= (N))

  /* The number of symbols on the RHS of the reduced rule.
     Keep to zero when no symbol should be popped.  */
  int yylen = 0;

  YYDPRINTF ((stderr, "Starting parse\n"));

  yychar = T_NONO_EMPTY; /* Cause a token to be read.  */


/* User initialization code.  */
#line 21 "grammar/parser.y"
{ yylloc = (struct nono_loc){ 0, 0 }; }

#line 1323 "build-tests/gen/parser.c"

  yylsp[0] = yylloc;
  goto yysetstate;


/*------------------------------------------------------------.
| yynewstate -- push a new state, which is found in yystate.  |
`------------------------------------------------------------*/
yynewstate:
  /* In all cases, when you get here, the value and location stacks
     have just been pushed.  So pushing a state here evens the stacks.  */
  yyssp++;


/*--------------------------------------------------------------------.
| yysetstate -- set current state (the top of the stack) to yystate.  |
`--------------------------------------------------------------------*/
yysetstate:
  YYDPRINTF ((stderr, "Entering state %d\n", yystate));
  YY_ASSERT (0 <= yystate && yystate < YYNSTATES);
  YY_IGNORE_USELESS_CAST_BEGIN
  *yyssp = YY_CAST (yy_state_t, yystate);
  YY_IGNORE_USELESS_CAST_END
  YY_STACK_PRINT (yyss, yyssp);

  if (yyss + yystacksize - 1 <= yyssp)
#if !defined yyoverflow && !defined YYSTACK_RELOCATE
    YYNOMEM;
#else
    {
      /* Get the current used size of the three stacks, in elements.  */
      YYPTRDIFF_T yysize = yyssp - yyss + 1;

# if defined yyoverflow
      {
        /* Give user a chance to reallocate the stack.  Use copies of
           these so that the &'s don't force the real ones into
           memory.  */
        yy_state_t *yyss1 = yyss;
        YYSTYPE *yyvs1 = yyvs;
        YYLTYPE *yyls1 = yyls;

        /* Each stack pointer address is followed by the size of the
           data in use in that stack, in bytes.  This used to be a
           conditional around just the two extra args, but that might
           be undefined if yyoverflow is a macro.  */
        yyoverflow (YY_("memory exhausted"),
                    &yyss1, yysize * YYSIZEOF (*yyssp),
                    &yyvs1, yysize * YYSIZEOF (*yyvsp),
                    &yyls1, yysize * YYSIZEOF (*yylsp),
                    &yystacksize);
        yyss = yyss1;
        yyvs = yyvs1;
        yyls = yyls1;
      }
# else /* defined YYSTACK_RELOCATE */
      /* Extend the stack our own way.  */
      if (YYMAXDEPTH <= yystacksize)
        YYNOMEM;
      yystacksize *= 2;
      if (YYMAXDEPTH < yystacksize)
        yystacksize = YYMAXDEPTH;

      {
        yy_state_t *yyss1 = yyss;
        union yyalloc *yyptr =
          YY_CAST (union yyalloc *,
                   YYSTACK_ALLOC (YY_CAST (YYSIZE_T, YYSTACK_BYTES (yystacksize))));
        if (! yyptr)
          YYNOMEM;
        YYSTACK_RELOCATE (yyss_alloc, yyss);
        YYSTACK_RELOCATE (yyvs_alloc, yyvs);
        YYSTACK_RELOCATE (yyls_alloc, yyls);
#  undef YYSTACK_RELOCATE
        if (yyss1 != yyssa)
          YYSTACK_FREE (yyss1);
      }
# endif

      yyssp = yyss + yysize - 1;
      yyvsp = yyvs + yysize - 1;
      yylsp = yyls + yysize - 1;

      YY_IGNORE_USELESS_CAST_BEGIN
      YYDPRINTF ((stderr, "Stack size increased to %ld\n",
                  YY_CAST (long, yystacksize)));
      YY_IGNORE_USELESS_CAST_END

      if (yyss + yystacksize - 1 <= yyssp)
        YYABORT;
    }
#endif /* !defined yyoverflow && !defined YYSTACK_RELOCATE */


  if (yystate == YYFINAL)
    YYACCEPT;

  goto yybackup;


/*-----------.
| yybackup.  |
`-----------*/
yybackup:
  /* Do appropriate processing given the current state.  Read a
     lookahead token if we need one and don't already have one.  */

  /* First try to decide what to do without reference to lookahead token.  */
  yyn = yypact[yystate];
  if (yypact_value_is_default (yyn))
    goto yydefault;

  /* Not known => get a lookahead token if don't already have one.  */

  /* YYCHAR is either empty, or end-of-input, or a valid lookahead.  */
  if (yychar == T_NONO_EMPTY)
    {
      YYDPRINTF ((stderr, "Reading a token\n"));
      yychar = yylex (&yylval, &yylloc, P);
    }

  if (yychar <= T_YYEOF)
    {
      yychar = T_YYEOF;
      yytoken = YYSYMBOL_YYEOF;
      YYDPRINTF ((stderr, "Now at end of input.\n"));
    }
  else if (yychar == T_NONO_error)
    {
      /* The scanner already issued an error message, process directly
         to error recovery.  But do not keep the error token as
         lookahead, it is too special and may lead us to an endless
         loop in error recovery. */
      yychar = T_NONO_UNDEF;
      yytoken = YYSYMBOL_YYerror;
      yyerror_range[1] = yylloc;
      goto yyerrlab1;
    }
  else
    {
      yytoken = YYTRANSLATE (yychar);
      YY_SYMBOL_PRINT ("Next token is", yytoken, &yylval, &yylloc);
    }

  /* If the proper action on seeing token YYTOKEN is to reduce or to
     detect an error, take that action.  */
  yyn += yytoken;
  if (yyn < 0 || YYLAST < yyn || yycheck[yyn] != yytoken)
    goto yydefault;
  yyn = yytable[yyn];
  if (yyn <= 0)
    {
      if (yytable_value_is_error (yyn))
        goto yyerrlab;
      yyn = -yyn;
      goto yyreduce;
    }

  /* Count tokens shifted since error; after three, turn off error
     status.  */
  if (yyerrstatus)
    yyerrstatus--;

  /* Shift the lookahead token.  */
  YY_SYMBOL_PRINT ("Shifting", yytoken, &yylval, &yylloc);
  yystate = yyn;
  YY_IGNORE_MAYBE_UNINITIALIZED_BEGIN
  *++yyvsp = yylval;
  YY_IGNORE_MAYBE_UNINITIALIZED_END
  *++yylsp = yylloc;

  /* Discard the shifted token.  */
  yychar = T_NONO_EMPTY;
  goto yynewstate;


/*-----------------------------------------------------------.
| yydefault -- do the default action for the current state.  |
`-----------------------------------------------------------*/
yydefault:
  yyn = yydefact[yystate];
  if (yyn == 0)
    goto yyerrlab;
  goto yyreduce;


/*-----------------------------.
| yyreduce -- do a reduction.  |
`-----------------------------*/
yyreduce:
  /* yyn is the number of a rule to reduce with.  */
  yylen = yyr2[yyn];

  /* If YYLEN is nonzero, implement the default value of the action:
     '$$ = $1'.

     Otherwise, the following line sets YYVAL to garbage.
     This behavior is undocumented and Bison
     users should not rely upon it.  Assigning to YYVAL
     unconditionally makes the parser a bit smaller, and it avoids a
     GCC warning that YYVAL may be used uninitialized.  */
  yyval = yyvsp[1-yylen];

  /* Default location. */
  YYLLOC_DEFAULT (yyloc, (yylsp - yylen), yylen);
  yyerror_range[1] = yyloc;
  YY_REDUCE_PRINT (yyn);
  switch (yyn)
    {
  case 4: /* top_item: top_stmt "end of line"  */
#line 101 "grammar/parser.y"
                            { nono_list_append(&P->top, (yyvsp[-1].node)); }
#line 1536 "build-tests/gen/parser.c"
    break;

  case 5: /* top_item: error "end of line"  */
#line 102 "grammar/parser.y"
                            { yyerrok; }
#line 1542 "build-tests/gen/parser.c"
    break;

  case 6: /* top_stmt: "policy" "string" opt_version  */
#line 106 "grammar/parser.y"
                                    {
		(yyval.node) = nono_mk(P, NONO_N_POLICY, (yyloc), (yylsp[-2]));
		(yyval.node)->name = TXT((yyvsp[-1].tok), (yylsp[-1]));
		if ((yyvsp[0].tok).s) (yyval.node)->arg = TXT((yyvsp[0].tok), (yylsp[0]));
	}
#line 1552 "build-tests/gen/parser.c"
    break;

  case 7: /* top_stmt: "use" "string"  */
#line 111 "grammar/parser.y"
                                  { (yyval.node) = nono_mk(P, NONO_N_USE, (yyloc), (yylsp[-1])); (yyval.node)->arg = TXT((yyvsp[0].tok), (yylsp[0])); }
#line 1558 "build-tests/gen/parser.c"
    break;

  case 8: /* top_stmt: "mode" mode  */
#line 112 "grammar/parser.y"
                                  { (yyval.node) = nono_mk(P, NONO_N_MODE, (yyloc), (yylsp[-1])); (yyval.node)->sub = (yyvsp[0].ival); }
#line 1564 "build-tests/gen/parser.c"
    break;

  case 9: /* top_stmt: "require" layer opt_level  */
#line 113 "grammar/parser.y"
                                  {
		(yyval.node) = nono_mk(P, NONO_N_REQUIRE, (yyloc), (yylsp[-2]));
		(yyval.node)->sub = (yyvsp[-1].ival);
		if ((yyvsp[0].tok).s) (yyval.node)->arg = TXT((yyvsp[0].tok), (yylsp[0]));
	}
#line 1574 "build-tests/gen/parser.c"
    break;

  case 10: /* top_stmt: "agent" "'{'" body "'}'"  */
#line 118 "grammar/parser.y"
                                      { (yyval.node) = nono_mk(P, NONO_N_AGENT, (yyloc), (yylsp[-3])); (yyval.node)->children = (yyvsp[-1].node); }
#line 1580 "build-tests/gen/parser.c"
    break;

  case 11: /* top_stmt: "tool" word "'{'" body "'}'"  */
#line 119 "grammar/parser.y"
                                       {
		(yyval.node) = nono_mk(P, NONO_N_TOOL, (yyloc), (yylsp[-4]));
		(yyval.node)->name = TXT((yyvsp[-3].tok), (yylsp[-3]));
		(yyval.node)->children = (yyvsp[-1].node);
	}
#line 1590 "build-tests/gen/parser.c"
    break;

  case 12: /* top_stmt: "quota" "'{'" quota_body "'}'"  */
#line 124 "grammar/parser.y"
                                         { (yyval.node) = nono_mk(P, NONO_N_QUOTA, (yyloc), (yylsp[-3])); (yyval.node)->children = (yyvsp[-1].node); }
#line 1596 "build-tests/gen/parser.c"
    break;

  case 14: /* opt_version: %empty  */
#line 129 "grammar/parser.y"
                          { (yyval.tok) = (struct nono_tok){ 0 }; }
#line 1602 "build-tests/gen/parser.c"
    break;

  case 15: /* opt_version: "version" "value"  */
#line 130 "grammar/parser.y"
                          { (yyval.tok) = (yyvsp[0].tok); (yyloc) = (yylsp[0]); }
#line 1608 "build-tests/gen/parser.c"
    break;

  case 16: /* opt_level: %empty  */
#line 134 "grammar/parser.y"
                  { (yyval.tok) = (struct nono_tok){ 0 }; }
#line 1614 "build-tests/gen/parser.c"
    break;

  case 18: /* mode: "enforce"  */
#line 139 "grammar/parser.y"
                   { (yyval.ival) = NONO_MODE_ENFORCE; }
#line 1620 "build-tests/gen/parser.c"
    break;

  case 19: /* mode: "audit"  */
#line 140 "grammar/parser.y"
                   { (yyval.ival) = NONO_MODE_AUDIT; }
#line 1626 "build-tests/gen/parser.c"
    break;

  case 20: /* layer: "bpf-lsm"  */
#line 144 "grammar/parser.y"
                    { (yyval.ival) = NONO_LAYER_BPF_LSM; }
#line 1632 "build-tests/gen/parser.c"
    break;

  case 21: /* layer: "landlock"  */
#line 145 "grammar/parser.y"
                    { (yyval.ival) = NONO_LAYER_LANDLOCK; }
#line 1638 "build-tests/gen/parser.c"
    break;

  case 22: /* layer: "seccomp"  */
#line 146 "grammar/parser.y"
                    { (yyval.ival) = NONO_LAYER_SECCOMP; }
#line 1644 "build-tests/gen/parser.c"
    break;

  case 23: /* layer: "cgroups"  */
#line 147 "grammar/parser.y"
                    { (yyval.ival) = NONO_LAYER_CGROUPS; }
#line 1650 "build-tests/gen/parser.c"
    break;

  case 24: /* body: %empty  */
#line 153 "grammar/parser.y"
                              { (yyval.node) = NULL; }
#line 1656 "build-tests/gen/parser.c"
    break;

  case 25: /* body: body body_item  */
#line 154 "grammar/parser.y"
                              { (yyval.node) = chain((yyvsp[-1].node), (yyvsp[0].node)); }
#line 1662 "build-tests/gen/parser.c"
    break;

  case 26: /* body_item: "exec" "string" opt_sha "end of line"  */
#line 158 "grammar/parser.y"
                                  {
		(yyval.node) = nono_mk(P, NONO_N_EXEC, (yylsp[-3]), (yylsp[-3]));
		(yyval.node)->span = nono_span_join(SPAN((yylsp[-3])), SPAN((yyvsp[-1].tok).s ? (yylsp[-1]) : (yylsp[-2])));
		(yyval.node)->arg = TXT((yyvsp[-2].tok), (yylsp[-2]));
		if ((yyvsp[-1].tok).s) (yyval.node)->arg2 = TXT((yyvsp[-1].tok), (yylsp[-1]));
	}
#line 1673 "build-tests/gen/parser.c"
    break;

  case 27: /* body_item: "measure" word "string" "end of line"  */
#line 164 "grammar/parser.y"
                                  {
		(yyval.node) = nono_mk(P, NONO_N_MEASURE, (yylsp[-3]), (yylsp[-3]));
		(yyval.node)->span = nono_span_join(SPAN((yylsp[-3])), SPAN((yylsp[-1])));
		(yyval.node)->name = TXT((yyvsp[-2].tok), (yylsp[-2]));
		(yyval.node)->arg = TXT((yyvsp[-1].tok), (yylsp[-1]));
	}
#line 1684 "build-tests/gen/parser.c"
    break;

  case 28: /* body_item: "quota" "'{'" quota_body "'}'" "end of line"  */
#line 170 "grammar/parser.y"
                                             {
		(yyval.node) = nono_mk(P, NONO_N_QUOTA, (yylsp[-4]), (yylsp[-4]));
		(yyval.node)->span = nono_span_join(SPAN((yylsp[-4])), SPAN((yylsp[-1])));
		(yyval.node)->children = (yyvsp[-2].node);
	}
#line 1694 "build-tests/gen/parser.c"
    break;

  case 29: /* body_item: rule "end of line"  */
#line 175 "grammar/parser.y"
                       { (yyval.node) = (yyvsp[-1].node); }
#line 1700 "build-tests/gen/parser.c"
    break;

  case 30: /* body_item: error "end of line"  */
#line 176 "grammar/parser.y"
                       { (yyval.node) = NULL; yyerrok; }
#line 1706 "build-tests/gen/parser.c"
    break;

  case 31: /* opt_sha: %empty  */
#line 180 "grammar/parser.y"
                         { (yyval.tok) = (struct nono_tok){ 0 }; }
#line 1712 "build-tests/gen/parser.c"
    break;

  case 32: /* opt_sha: "sha256" "string"  */
#line 181 "grammar/parser.y"
                         { (yyval.tok) = (yyvsp[0].tok); (yyloc) = (yylsp[0]); }
#line 1718 "build-tests/gen/parser.c"
    break;

  case 33: /* rule: "fs" accesses fs_paths  */
#line 187 "grammar/parser.y"
                                        { (yyval.node) = nono_each((yyvsp[0].node), 0, (int)(yyvsp[-1].mask), SPAN((yylsp[-2]))); }
#line 1724 "build-tests/gen/parser.c"
    break;

  case 34: /* rule: "net" "none"  */
#line 188 "grammar/parser.y"
                                        { (yyval.node) = nono_mk(P, NONO_N_NET_NONE, (yyloc), (yylsp[-1])); }
#line 1730 "build-tests/gen/parser.c"
    break;

  case 35: /* rule: "net" "connect" net_targets  */
#line 189 "grammar/parser.y"
                                        { (yyval.node) = nono_each((yyvsp[0].node), 0, -1, SPAN((yylsp[-2]))); }
#line 1736 "build-tests/gen/parser.c"
    break;

  case 36: /* rule: "net" "bind" net_targets  */
#line 190 "grammar/parser.y"
                                        {
		(yyval.node) = nono_each((yyvsp[0].node), 0, -1, SPAN((yylsp[-2])));
		for (struct nono_node *n = (yyval.node); n; n = n->next) n->kind = NONO_N_NET_BIND;
	}
#line 1745 "build-tests/gen/parser.c"
    break;

  case 37: /* rule: "net" "unix" unix_paths  */
#line 194 "grammar/parser.y"
                                        { (yyval.node) = nono_each((yyvsp[0].node), 0, -1, SPAN((yylsp[-2]))); }
#line 1751 "build-tests/gen/parser.c"
    break;

  case 38: /* rule: "proc" "signal" "children"  */
#line 195 "grammar/parser.y"
                                        { (yyval.node) = nono_mk(P, NONO_N_PROC, (yyloc), (yylsp[-2])); (yyval.node)->sub = NONO_PROC_SIGNAL_CHILDREN; }
#line 1757 "build-tests/gen/parser.c"
    break;

  case 39: /* rule: "proc" "ptrace"  */
#line 196 "grammar/parser.y"
                                        { (yyval.node) = nono_mk(P, NONO_N_PROC, (yyloc), (yylsp[-1])); (yyval.node)->sub = NONO_PROC_PTRACE; }
#line 1763 "build-tests/gen/parser.c"
    break;

  case 40: /* rule: "sys" "deny" sys_items  */
#line 197 "grammar/parser.y"
                                        { (yyval.node) = nono_each((yyvsp[0].node), NONO_NODE_DENY, -1, SPAN((yylsp[-2]))); }
#line 1769 "build-tests/gen/parser.c"
    break;

  case 41: /* rule: "sys" "allow" sys_items  */
#line 198 "grammar/parser.y"
                                        { (yyval.node) = nono_each((yyvsp[0].node), 0, -1, SPAN((yylsp[-2]))); }
#line 1775 "build-tests/gen/parser.c"
    break;

  case 42: /* rule: "env" "pass" env_names  */
#line 199 "grammar/parser.y"
                                        { (yyval.node) = nono_each((yyvsp[0].node), 0, -1, SPAN((yylsp[-2]))); }
#line 1781 "build-tests/gen/parser.c"
    break;

  case 43: /* rule: "env" "set" env_sets  */
#line 200 "grammar/parser.y"
                                        { (yyval.node) = nono_each((yyvsp[0].node), 0, -1, SPAN((yylsp[-2]))); }
#line 1787 "build-tests/gen/parser.c"
    break;

  case 44: /* rule: "deny" deny_rule  */
#line 201 "grammar/parser.y"
                                        { (yyval.node) = nono_each((yyvsp[0].node), NONO_NODE_DENY, -1, SPAN((yylsp[-1]))); }
#line 1793 "build-tests/gen/parser.c"
    break;

  case 45: /* deny_rule: "fs" opt_accesses fs_paths  */
#line 205 "grammar/parser.y"
                                        { (yyval.node) = nono_each((yyvsp[0].node), 0, (int)(yyvsp[-1].mask), SPAN((yylsp[-2]))); }
#line 1799 "build-tests/gen/parser.c"
    break;

  case 46: /* deny_rule: "net" "connect" net_targets  */
#line 206 "grammar/parser.y"
                                        { (yyval.node) = nono_each((yyvsp[0].node), 0, -1, SPAN((yylsp[-2]))); }
#line 1805 "build-tests/gen/parser.c"
    break;

  case 47: /* deny_rule: "net" "bind" net_targets  */
#line 207 "grammar/parser.y"
                                        {
		(yyval.node) = nono_each((yyvsp[0].node), 0, -1, SPAN((yylsp[-2])));
		for (struct nono_node *n = (yyval.node); n; n = n->next) n->kind = NONO_N_NET_BIND;
	}
#line 1814 "build-tests/gen/parser.c"
    break;

  case 48: /* deny_rule: "net" "unix" unix_paths  */
#line 211 "grammar/parser.y"
                                        { (yyval.node) = nono_each((yyvsp[0].node), 0, -1, SPAN((yylsp[-2]))); }
#line 1820 "build-tests/gen/parser.c"
    break;

  case 49: /* deny_rule: "sys" sys_items  */
#line 212 "grammar/parser.y"
                                        { (yyval.node) = nono_each((yyvsp[0].node), 0, -1, SPAN((yylsp[-1]))); }
#line 1826 "build-tests/gen/parser.c"
    break;

  case 50: /* deny_rule: "proc" "signal" "children"  */
#line 213 "grammar/parser.y"
                                        { (yyval.node) = nono_mk(P, NONO_N_PROC, (yyloc), (yylsp[-2])); (yyval.node)->sub = NONO_PROC_SIGNAL_CHILDREN; }
#line 1832 "build-tests/gen/parser.c"
    break;

  case 51: /* deny_rule: "proc" "ptrace"  */
#line 214 "grammar/parser.y"
                                        { (yyval.node) = nono_mk(P, NONO_N_PROC, (yyloc), (yylsp[-1])); (yyval.node)->sub = NONO_PROC_PTRACE; }
#line 1838 "build-tests/gen/parser.c"
    break;

  case 52: /* opt_accesses: %empty  */
#line 218 "grammar/parser.y"
                     { (yyval.mask) = NONO_FS_ALL; }
#line 1844 "build-tests/gen/parser.c"
    break;

  case 55: /* accesses: accesses access  */
#line 224 "grammar/parser.y"
                           { (yyval.mask) = (yyvsp[-1].mask) | (yyvsp[0].mask); }
#line 1850 "build-tests/gen/parser.c"
    break;

  case 56: /* access: "read"  */
#line 228 "grammar/parser.y"
                 { (yyval.mask) = NONO_FS_READ; }
#line 1856 "build-tests/gen/parser.c"
    break;

  case 57: /* access: "write"  */
#line 229 "grammar/parser.y"
                 { (yyval.mask) = NONO_FS_WRITE; }
#line 1862 "build-tests/gen/parser.c"
    break;

  case 58: /* access: "exec"  */
#line 230 "grammar/parser.y"
                 { (yyval.mask) = NONO_FS_EXEC; }
#line 1868 "build-tests/gen/parser.c"
    break;

  case 59: /* fs_paths: "string"  */
#line 234 "grammar/parser.y"
                 {
		(yyval.node) = nono_mk(P, NONO_N_FS, (yylsp[0]), (yylsp[0]));
		(yyval.node)->arg = TXT((yyvsp[0].tok), (yylsp[0]));
	}
#line 1877 "build-tests/gen/parser.c"
    break;

  case 60: /* fs_paths: fs_paths "','" "string"  */
#line 238 "grammar/parser.y"
                                {
		struct nono_node *n = nono_mk(P, NONO_N_FS, (yylsp[0]), (yylsp[0]));
		n->arg = TXT((yyvsp[0].tok), (yylsp[0]));
		(yyval.node) = chain((yyvsp[-2].node), n);
	}
#line 1887 "build-tests/gen/parser.c"
    break;

  case 61: /* unix_paths: "string"  */
#line 246 "grammar/parser.y"
                 {
		(yyval.node) = nono_mk(P, NONO_N_NET_UNIX, (yylsp[0]), (yylsp[0]));
		(yyval.node)->arg = TXT((yyvsp[0].tok), (yylsp[0]));
	}
#line 1896 "build-tests/gen/parser.c"
    break;

  case 62: /* unix_paths: unix_paths "','" "string"  */
#line 250 "grammar/parser.y"
                                  {
		struct nono_node *n = nono_mk(P, NONO_N_NET_UNIX, (yylsp[0]), (yylsp[0]));
		n->arg = TXT((yyvsp[0].tok), (yylsp[0]));
		(yyval.node) = chain((yyvsp[-2].node), n);
	}
#line 1906 "build-tests/gen/parser.c"
    break;

  case 64: /* net_targets: net_targets "','" net_target  */
#line 261 "grammar/parser.y"
                                       {
		struct nono_node *last = (yyvsp[-2].node);
		while (last->next) last = last->next;
		if ((yyvsp[0].node)->sub < 0) (yyvsp[0].node)->sub = last->sub;
		(yyval.node) = chain((yyvsp[-2].node), (yyvsp[0].node));
	}
#line 1917 "build-tests/gen/parser.c"
    break;

  case 65: /* net_target: "value"  */
#line 270 "grammar/parser.y"
                {
		(yyval.node) = nono_mk(P, NONO_N_NET_CONNECT, (yylsp[0]), (yylsp[0]));
		(yyval.node)->sub = -1;
		(yyval.node)->arg = TXT((yyvsp[0].tok), (yylsp[0]));
	}
#line 1927 "build-tests/gen/parser.c"
    break;

  case 66: /* net_target: proto "value"  */
#line 275 "grammar/parser.y"
                      {
		(yyval.node) = nono_mk(P, NONO_N_NET_CONNECT, (yyloc), (yylsp[-1]));
		(yyval.node)->sub = (yyvsp[-1].ival);
		(yyval.node)->arg = TXT((yyvsp[0].tok), (yylsp[0]));
	}
#line 1937 "build-tests/gen/parser.c"
    break;

  case 67: /* proto: "tcp"  */
#line 283 "grammar/parser.y"
               { (yyval.ival) = NONO_PROTO_TCP; }
#line 1943 "build-tests/gen/parser.c"
    break;

  case 68: /* proto: "udp"  */
#line 284 "grammar/parser.y"
               { (yyval.ival) = NONO_PROTO_UDP; }
#line 1949 "build-tests/gen/parser.c"
    break;

  case 70: /* sys_items: sys_items "','" sys_item  */
#line 289 "grammar/parser.y"
                                    { (yyval.node) = chain((yyvsp[-2].node), (yyvsp[0].node)); }
#line 1955 "build-tests/gen/parser.c"
    break;

  case 71: /* sys_item: word  */
#line 293 "grammar/parser.y"
                 { (yyval.node) = nono_mk(P, NONO_N_SYS, (yylsp[0]), (yylsp[0])); (yyval.node)->arg = TXT((yyvsp[0].tok), (yylsp[0])); }
#line 1961 "build-tests/gen/parser.c"
    break;

  case 72: /* sys_item: "@group"  */
#line 294 "grammar/parser.y"
                 { (yyval.node) = nono_mk(P, NONO_N_SYS, (yylsp[0]), (yylsp[0])); (yyval.node)->arg = TXT((yyvsp[0].tok), (yylsp[0])); }
#line 1967 "build-tests/gen/parser.c"
    break;

  case 73: /* env_names: word  */
#line 298 "grammar/parser.y"
                                  { (yyval.node) = nono_mk(P, NONO_N_ENV_PASS, (yylsp[0]), (yylsp[0])); (yyval.node)->name = TXT((yyvsp[0].tok), (yylsp[0])); }
#line 1973 "build-tests/gen/parser.c"
    break;

  case 74: /* env_names: env_names "','" word  */
#line 299 "grammar/parser.y"
                                  {
		struct nono_node *n = nono_mk(P, NONO_N_ENV_PASS, (yylsp[0]), (yylsp[0]));
		n->name = TXT((yyvsp[0].tok), (yylsp[0]));
		(yyval.node) = chain((yyvsp[-2].node), n);
	}
#line 1983 "build-tests/gen/parser.c"
    break;

  case 76: /* env_sets: env_sets "','" env_set  */
#line 308 "grammar/parser.y"
                                  { (yyval.node) = chain((yyvsp[-2].node), (yyvsp[0].node)); }
#line 1989 "build-tests/gen/parser.c"
    break;

  case 77: /* env_set: word "'='" setval  */
#line 312 "grammar/parser.y"
                             {
		(yyval.node) = nono_mk(P, NONO_N_ENV_SET, (yyloc), (yylsp[-2]));
		(yyval.node)->name = TXT((yyvsp[-2].tok), (yylsp[-2]));
		(yyval.node)->arg = TXT((yyvsp[0].tok), (yylsp[0]));
	}
#line 1999 "build-tests/gen/parser.c"
    break;

  case 81: /* quota_body: %empty  */
#line 328 "grammar/parser.y"
                                 { (yyval.node) = NULL; }
#line 2005 "build-tests/gen/parser.c"
    break;

  case 82: /* quota_body: quota_body quota_item  */
#line 329 "grammar/parser.y"
                                 { (yyval.node) = chain((yyvsp[-1].node), (yyvsp[0].node)); }
#line 2011 "build-tests/gen/parser.c"
    break;

  case 83: /* quota_item: "memory" "value" "end of line"  */
#line 333 "grammar/parser.y"
                              { (yyval.node) = nono_mk(P, NONO_N_QUOTA_ITEM, (yylsp[-1]), (yylsp[-2])); (yyval.node)->sub = NONO_Q_MEMORY; (yyval.node)->arg = TXT((yyvsp[-1].tok), (yylsp[-1])); (yyval.node)->span.start = (yylsp[-2]).start; }
#line 2017 "build-tests/gen/parser.c"
    break;

  case 84: /* quota_item: "cpu" "value" "end of line"  */
#line 334 "grammar/parser.y"
                              { (yyval.node) = nono_mk(P, NONO_N_QUOTA_ITEM, (yylsp[-1]), (yylsp[-2])); (yyval.node)->sub = NONO_Q_CPU; (yyval.node)->arg = TXT((yyvsp[-1].tok), (yylsp[-1])); (yyval.node)->span.start = (yylsp[-2]).start; }
#line 2023 "build-tests/gen/parser.c"
    break;

  case 85: /* quota_item: "pids" "value" "end of line"  */
#line 335 "grammar/parser.y"
                              { (yyval.node) = nono_mk(P, NONO_N_QUOTA_ITEM, (yylsp[-1]), (yylsp[-2])); (yyval.node)->sub = NONO_Q_PIDS; (yyval.node)->arg = TXT((yyvsp[-1].tok), (yylsp[-1])); (yyval.node)->span.start = (yylsp[-2]).start; }
#line 2029 "build-tests/gen/parser.c"
    break;

  case 86: /* quota_item: "io" "read" "value" "end of line"  */
#line 336 "grammar/parser.y"
                              { (yyval.node) = nono_mk(P, NONO_N_QUOTA_ITEM, (yylsp[-1]), (yylsp[-3])); (yyval.node)->sub = NONO_Q_IO_READ; (yyval.node)->arg = TXT((yyvsp[-1].tok), (yylsp[-1])); (yyval.node)->span.start = (yylsp[-3]).start; }
#line 2035 "build-tests/gen/parser.c"
    break;

  case 87: /* quota_item: "io" "write" "value" "end of line"  */
#line 337 "grammar/parser.y"
                              { (yyval.node) = nono_mk(P, NONO_N_QUOTA_ITEM, (yylsp[-1]), (yylsp[-3])); (yyval.node)->sub = NONO_Q_IO_WRITE; (yyval.node)->arg = TXT((yyvsp[-1].tok), (yylsp[-1])); (yyval.node)->span.start = (yylsp[-3]).start; }
#line 2041 "build-tests/gen/parser.c"
    break;

  case 88: /* quota_item: "wall" "value" "end of line"  */
#line 338 "grammar/parser.y"
                              { (yyval.node) = nono_mk(P, NONO_N_QUOTA_ITEM, (yylsp[-1]), (yylsp[-2])); (yyval.node)->sub = NONO_Q_WALL; (yyval.node)->arg = TXT((yyvsp[-1].tok), (yylsp[-1])); (yyval.node)->span.start = (yylsp[-2]).start; }
#line 2047 "build-tests/gen/parser.c"
    break;

  case 89: /* quota_item: "files" "value" "end of line"  */
#line 339 "grammar/parser.y"
                              { (yyval.node) = nono_mk(P, NONO_N_QUOTA_ITEM, (yylsp[-1]), (yylsp[-2])); (yyval.node)->sub = NONO_Q_FILES; (yyval.node)->arg = TXT((yyvsp[-1].tok), (yylsp[-1])); (yyval.node)->span.start = (yylsp[-2]).start; }
#line 2053 "build-tests/gen/parser.c"
    break;

  case 90: /* quota_item: error "end of line"  */
#line 340 "grammar/parser.y"
                              { (yyval.node) = NULL; yyerrok; }
#line 2059 "build-tests/gen/parser.c"
    break;


#line 2063 "build-tests/gen/parser.c"

      default: break;
    }
  /* User semantic actions sometimes alter yychar, and that requires
     that yytoken be updated with the new translation.  We take the
     approach of translating immediately before every use of yytoken.
     One alternative is translating here after every semantic action,
     but that translation would be missed if the semantic action invokes
     YYABORT, YYACCEPT, or YYERROR immediately after altering yychar or
     if it invokes YYBACKUP.  In the case of YYABORT or YYACCEPT, an
     incorrect destructor might then be invoked immediately.  In the
     case of YYERROR or YYBACKUP, subsequent parser actions might lead
     to an incorrect destructor call or verbose syntax error message
     before the lookahead is translated.  */
  YY_SYMBOL_PRINT ("-> $$ =", YY_CAST (yysymbol_kind_t, yyr1[yyn]), &yyval, &yyloc);

  YYPOPSTACK (yylen);
  yylen = 0;

  *++yyvsp = yyval;
  *++yylsp = yyloc;

  /* Now 'shift' the result of the reduction.  Determine what state
     that goes to, based on the state we popped back to and the rule
     number reduced by.  */
  {
    const int yylhs = yyr1[yyn] - YYNTOKENS;
    const int yyi = yypgoto[yylhs] + *yyssp;
    yystate = (0 <= yyi && yyi <= YYLAST && yycheck[yyi] == *yyssp
               ? yytable[yyi]
               : yydefgoto[yylhs]);
  }

  goto yynewstate;


/*--------------------------------------.
| yyerrlab -- here on detecting error.  |
`--------------------------------------*/
yyerrlab:
  /* Make sure we have latest lookahead translation.  See comments at
     user semantic actions for why this is necessary.  */
  yytoken = yychar == T_NONO_EMPTY ? YYSYMBOL_YYEMPTY : YYTRANSLATE (yychar);
  /* If not already recovering from an error, report this error.  */
  if (!yyerrstatus)
    {
      ++yynerrs;
      {
        yypcontext_t yyctx
          = {yyssp, yytoken, &yylloc};
        if (yyreport_syntax_error (&yyctx, P) == 2)
          YYNOMEM;
      }
    }

  yyerror_range[1] = yylloc;
  if (yyerrstatus == 3)
    {
      /* If just tried and failed to reuse lookahead token after an
         error, discard it.  */

      if (yychar <= T_YYEOF)
        {
          /* Return failure if at end of input.  */
          if (yychar == T_YYEOF)
            YYABORT;
        }
      else
        {
          yydestruct ("Error: discarding",
                      yytoken, &yylval, &yylloc, P);
          yychar = T_NONO_EMPTY;
        }
    }

  /* Else will try to reuse lookahead token after shifting the error
     token.  */
  goto yyerrlab1;


/*---------------------------------------------------.
| yyerrorlab -- error raised explicitly by YYERROR.  |
`---------------------------------------------------*/
yyerrorlab:
  /* Pacify compilers when the user code never invokes YYERROR and the
     label yyerrorlab therefore never appears in user code.  */
  if (0)
    YYERROR;
  ++yynerrs;

  /* Do not reclaim the symbols of the rule whose action triggered
     this YYERROR.  */
  YYPOPSTACK (yylen);
  yylen = 0;
  YY_STACK_PRINT (yyss, yyssp);
  yystate = *yyssp;
  goto yyerrlab1;


/*-------------------------------------------------------------.
| yyerrlab1 -- common code for both syntax error and YYERROR.  |
`-------------------------------------------------------------*/
yyerrlab1:
  yyerrstatus = 3;      /* Each real token shifted decrements this.  */

  /* Pop stack until we find a state that shifts the error token.  */
  for (;;)
    {
      yyn = yypact[yystate];
      if (!yypact_value_is_default (yyn))
        {
          yyn += YYSYMBOL_YYerror;
          if (0 <= yyn && yyn <= YYLAST && yycheck[yyn] == YYSYMBOL_YYerror)
            {
              yyn = yytable[yyn];
              if (0 < yyn)
                break;
            }
        }

      /* Pop the current state because it cannot handle the error token.  */
      if (yyssp == yyss)
        YYABORT;

      yyerror_range[1] = *yylsp;
      yydestruct ("Error: popping",
                  YY_ACCESSING_SYMBOL (yystate), yyvsp, yylsp, P);
      YYPOPSTACK (1);
      yystate = *yyssp;
      YY_STACK_PRINT (yyss, yyssp);
    }

  YY_IGNORE_MAYBE_UNINITIALIZED_BEGIN
  *++yyvsp = yylval;
  YY_IGNORE_MAYBE_UNINITIALIZED_END

  yyerror_range[2] = yylloc;
  ++yylsp;
  YYLLOC_DEFAULT (*yylsp, yyerror_range, 2);

  /* Shift the error token.  */
  YY_SYMBOL_PRINT ("Shifting", YY_ACCESSING_SYMBOL (yyn), yyvsp, yylsp);

  yystate = yyn;
  goto yynewstate;


/*-------------------------------------.
| yyacceptlab -- YYACCEPT comes here.  |
`-------------------------------------*/
yyacceptlab:
  yyresult = 0;
  goto yyreturnlab;


/*-----------------------------------.
| yyabortlab -- YYABORT comes here.  |
`-----------------------------------*/
yyabortlab:
  yyresult = 1;
  goto yyreturnlab;


/*-----------------------------------------------------------.
| yyexhaustedlab -- YYNOMEM (memory exhaustion) comes here.  |
`-----------------------------------------------------------*/
yyexhaustedlab:
  yyerror (&yylloc, P, YY_("memory exhausted"));
  yyresult = 2;
  goto yyreturnlab;


/*----------------------------------------------------------.
| yyreturnlab -- parsing is finished, clean up and return.  |
`----------------------------------------------------------*/
yyreturnlab:
  if (yychar != T_NONO_EMPTY)
    {
      /* Make sure we have latest lookahead translation.  See comments at
         user semantic actions for why this is necessary.  */
      yytoken = YYTRANSLATE (yychar);
      yydestruct ("Cleanup: discarding lookahead",
                  yytoken, &yylval, &yylloc, P);
    }
  /* Do not reclaim the symbols of the rule whose action triggered
     this YYABORT or YYACCEPT.  */
  YYPOPSTACK (yylen);
  YY_STACK_PRINT (yyss, yyssp);
  while (yyssp != yyss)
    {
      yydestruct ("Cleanup: popping",
                  YY_ACCESSING_SYMBOL (+*yyssp), yyvsp, yylsp, P);
      YYPOPSTACK (1);
    }
#ifndef yyoverflow
  if (yyss != yyssa)
    YYSTACK_FREE (yyss);
#endif

  return yyresult;
}

#line 357 "grammar/parser.y"


/* Token display names without bison's quoting: keywords as 'fs', the rest
 * as a phrase ("end of line"). */
const char *nono_token_display(int symbol)
{
	return yysymbol_name((yysymbol_kind_t)symbol);
}

#include "syntax_error.inc"

/* Only bison's own failure ("memory exhausted": the parser stack hit its
 * limit) comes here; grammar errors go through yyreport_syntax_error. */
static void nono_error(NONO_LTYPE *loc, struct nono_parser *P, const char *msg)
{
	nono_parser_error(P, NONO_E006, *loc, "parser %s", msg);
}
