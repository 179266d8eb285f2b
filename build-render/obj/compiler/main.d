build-render/obj/compiler/main.o: compiler/main.c \
 compiler/include/nonoc.h
compiler/include/nonoc.h:
