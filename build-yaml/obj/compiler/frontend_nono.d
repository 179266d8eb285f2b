build-yaml/obj/compiler/frontend_nono.o: compiler/frontend_nono.c \
 compiler/context.h compiler/arena.h compiler/ast.h compiler/source.h \
 compiler/include/nonoc.h compiler/diag.h compiler/codes.def \
 compiler/limits.h grammar/parse.h compiler/ast.h compiler/limits.h \
 build-yaml/gen/parser.h
compiler/context.h:
compiler/arena.h:
compiler/ast.h:
compiler/source.h:
compiler/include/nonoc.h:
compiler/diag.h:
compiler/codes.def:
compiler/limits.h:
grammar/parse.h:
compiler/ast.h:
compiler/limits.h:
build-yaml/gen/parser.h:
