build-render/obj/compiler/render_machine.o: compiler/render_machine.c \
 compiler/context.h compiler/arena.h compiler/ast.h compiler/source.h \
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
