build-yaml/obj/compiler/suggest.o: compiler/suggest.c compiler/suggest.h
compiler/suggest.h:
