build-fuzz/obj/compiler/diag.o: compiler/diag.c compiler/context.h \
 compiler/arena.h compiler/ast.h compiler/source.h \
 compiler/include/nonoc.h compiler/diag.h compiler/codes.def \
 compiler/limits.h
compiler/context.h:
compiler/arena.h:
compiler/ast.h:
compiler/source.h:
compiler/include/nonoc.h:
compiler/diag.h:
compiler/codes.def:
compiler/limits.h:
