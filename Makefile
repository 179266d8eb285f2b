# nono — top-level Makefile.
#
#   make            build nonoc (and libnonoc) into $(BUILD)/
#   make demo       install missing packages, build, run the main job on the examples
#   make check      install missing packages, build, run every test tier available here
#   make bench      benchmarks (not tests): figures, not assertions
#   make install    PREFIX=/usr/local DESTDIR=
#
# Quiet unless V=1. Everything built goes to $(BUILD)/ (default: build/).

BUILD   ?= build
PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
CLANG   ?= clang
FLEX    ?= flex
BISON   ?= bison
PKG_CONFIG ?= pkg-config
FUZZ_SECONDS ?= 60
BPFTOOL ?= bpftool
# Kernel BTF that vmlinux.h is generated from (docs/bpf.md).
VMLINUX_BTF ?= /sys/kernel/btf/vmlinux

ifeq ($(V),1)
Q :=
msg = @true
else
Q := @
msg = @printf '  %-8s %s\n' "$(1)" "$(2)";
endif

.DELETE_ON_ERROR:
.SECONDARY:
.SUFFIXES:

# ---- flags ----------------------------------------------------------------
YAML_CFLAGS := $(shell $(PKG_CONFIG) --cflags yaml-0.1 2>/dev/null)
YAML_LIBS   := $(shell $(PKG_CONFIG) --libs yaml-0.1 2>/dev/null || echo -lyaml)
CRIT_CFLAGS := $(shell $(PKG_CONFIG) --cflags criterion 2>/dev/null)
CRIT_LIBS   := $(shell $(PKG_CONFIG) --libs criterion 2>/dev/null || echo -lcriterion)
# The bundle container (compiler/bundle.c): libelf writes it, libsodium signs it.
BUNDLE_CFLAGS := $(shell $(PKG_CONFIG) --cflags libelf libsodium 2>/dev/null)
BUNDLE_LIBS   := $(shell $(PKG_CONFIG) --libs libelf libsodium 2>/dev/null || echo -lelf -lsodium)

BASE_CFLAGS := -std=gnu11 -g -O2 -D_GNU_SOURCE -fstack-protector-strong -D_FORTIFY_SOURCE=2 \
	       -DNONOC_DATADIR='"$(PREFIX)/share/nono"' \
	       -Icompiler/include -Icompiler -I$(BUILD)/gen $(YAML_CFLAGS) $(BUNDLE_CFLAGS)
# Our own code: warnings are errors.
WARN_CFLAGS := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	       -Wformat=2 -Wvla -Wpointer-arith -Wundef -Wno-unused-parameter
# flex/bison output: not ours, not held to -Werror.
GEN_CFLAGS  := -Wno-unused-function -Wno-sign-compare -Wno-unused-but-set-variable
CFLAGS  ?=
LDFLAGS ?=

# compiler/cmd_*.c are nonoc subcommands (they print): linked into nonoc, not the library.
CMD_SRCS := $(wildcard compiler/cmd_*.c)
CMD_OBJS := $(CMD_SRCS:%.c=$(BUILD)/obj/%.o)
LIB_SRCS := $(filter-out compiler/main.c $(CMD_SRCS),$(wildcard compiler/*.c))
LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/obj/%.o)
GEN_OBJS := $(BUILD)/obj/gen/lexer.o $(BUILD)/obj/gen/parser.o $(BUILD)/obj/gen/stdlib.o \
	    $(BUILD)/obj/gen/bpf_templates.o
STDLIB_SRCS := $(sort $(wildcard stdlib-policies/*.nono stdlib-policies/*.yaml))
LIBNONOC := $(BUILD)/libnonoc.a
NONOC    := $(BUILD)/nonoc

TEST_SRCS := $(wildcard tests/unit/*.c)
TEST_BIN  := $(BUILD)/tests/unit

all: $(NONOC) $(BUILD)/vmlinux.h $(BUILD)/nono-load

# ---- generated parser -------------------------------------------------------
$(BUILD)/gen/parser.c $(BUILD)/gen/parser.h &: grammar/parser.y grammar/syntax_error.inc
	$(call msg,BISON,$<)
	$(Q)mkdir -p $(BUILD)/gen
	$(Q)$(BISON) -Wall -Werror --defines=$(BUILD)/gen/parser.h -o $(BUILD)/gen/parser.c $<

$(BUILD)/gen/lexer.c $(BUILD)/gen/lexer.h &: grammar/lexer.l
	$(call msg,FLEX,$<)
	$(Q)mkdir -p $(BUILD)/gen
	$(Q)$(FLEX) --header-file=$(BUILD)/gen/lexer.h -o $(BUILD)/gen/lexer.c $<

# The standard policies, embedded so `use "std/NAME"` needs no install.
$(BUILD)/gen/stdlib.c: $(STDLIB_SRCS) .ci/embed-stdlib.sh
	$(call msg,EMBED,stdlib-policies)
	$(Q)mkdir -p $(BUILD)/gen
	$(Q).ci/embed-stdlib.sh $@ $(STDLIB_SRCS)

# The eBPF templates (bpf-templates/), embedded so nonoc emits and compiles
# BPF C without an install tree (compiler/clang.h).
BPF_TEMPLATES := bpf-templates/nono.bpf.c.in bpf-templates/nono_bpf.h bpf-templates/nono_shared.h
$(BUILD)/gen/bpf_templates.c: $(BPF_TEMPLATES) bpf-templates/embed.sh
	$(call msg,EMBED,bpf-templates)
	$(Q)mkdir -p $(BUILD)/gen
	$(Q)bpf-templates/embed.sh $@ $(BPF_TEMPLATES)

# Kernel types for CO-RE, from the build machine's BTF; installed with nonoc
# ($(PREFIX)/share/nono/vmlinux.h). CO-RE relocates field accesses when the
# object is loaded, so one vmlinux.h serves every kernel nono targets.
$(BUILD)/vmlinux.h:
	$(call msg,BPFTOOL,$@)
	$(Q)mkdir -p $(BUILD)
	$(Q)test -r $(VMLINUX_BTF) || { echo "error: no kernel BTF at $(VMLINUX_BTF) to generate vmlinux.h from" >&2; \
		echo "hint: make VMLINUX_BTF=FILE (a kernel's BTF), or copy a vmlinux.h to $@" >&2; exit 1; }
	$(Q)command -v $(BPFTOOL) >/dev/null || { echo "error: $(BPFTOOL) not found (it generates vmlinux.h)" >&2; \
		echo "hint: apt-get install bpftool" >&2; exit 1; }
	$(Q)$(BPFTOOL) btf dump file $(VMLINUX_BTF) format c > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/gen/%.o: $(BUILD)/gen/%.c $(BUILD)/gen/parser.h $(BUILD)/gen/lexer.h
	$(call msg,CC,$<)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(BASE_CFLAGS) $(GEN_CFLAGS) $(CFLAGS) -Igrammar -c -o $@ $<

# ---- our code ---------------------------------------------------------------
$(BUILD)/obj/%.o: %.c $(BUILD)/gen/parser.h $(BUILD)/gen/lexer.h
	$(call msg,CC,$<)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(BASE_CFLAGS) $(WARN_CFLAGS) $(CFLAGS) -Igrammar -MMD -MP -c -o $@ $<

$(LIBNONOC): $(LIB_OBJS) $(GEN_OBJS)
	$(call msg,AR,$@)
	$(Q)rm -f $@
	$(Q)ar rcs $@ $^

$(NONOC): $(BUILD)/obj/compiler/main.o $(CMD_OBJS) $(LIBNONOC)
	$(call msg,LINK,$@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(YAML_LIBS) $(BUNDLE_LIBS)

-include $(wildcard $(BUILD)/obj/*/*.d $(BUILD)/obj/*/*/*.d)

# ---- tests ------------------------------------------------------------------
$(TEST_BIN): $(TEST_SRCS:%.c=$(BUILD)/obj/%.o) $(LIBNONOC)
	$(call msg,LINK,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(YAML_LIBS) $(BUNDLE_LIBS) $(CRIT_LIBS)

$(BUILD)/obj/tests/%.o: tests/%.c $(BUILD)/gen/parser.h
	$(call msg,CC,$<)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(BASE_CFLAGS) $(WARN_CFLAGS) -Wno-missing-prototypes $(CRIT_CFLAGS) $(CFLAGS) \
		-DNONO_SRCDIR='"$(CURDIR)"' -DNONO_BUILDDIR='"$(CURDIR)/$(BUILD)"' -MMD -MP -c -o $@ $<

.PHONY: all deps check check-unit check-cases check-examples check-schemas check-fuzz check-bundle \
	check-golden check-host-bpf regen-golden check-compile check-diff check-runtime \
	demo bench bench-parse install uninstall clean fuzz regen-cases regen-syscalls

deps:
	$(Q).ci/install-deps.sh

# `make check` is what CI runs (.ci/run). Each tier prints its own summary.
check: deps
	$(Q)$(MAKE) --no-print-directory all $(TEST_BIN)
	$(Q)$(MAKE) --no-print-directory check-unit check-cases check-examples check-schemas check-bundle check-compile check-diff \
		check-fuzz check-golden check-host-bpf check-runtime

check-unit: $(TEST_BIN)
	$(call msg,TEST,unit)
	$(Q)$(TEST_BIN) --jobs 2 $(if $(V),--verbose)

check-cases: $(NONOC)
	$(call msg,TEST,cases)
	$(Q)tests/run-cases.sh $(NONOC) tests/cases

regen-cases: $(NONOC)
	$(Q)NONO_REGEN=1 tests/run-cases.sh $(NONOC) tests/cases

check-examples: $(NONOC)
	$(call msg,TEST,examples)
	$(Q)tests/check-examples.sh $(NONOC)

check-schemas: $(NONOC)
	$(call msg,TEST,schemas)
	$(Q)tests/check-schemas.sh $(NONOC) $(BUILD)

check-bundle: $(NONOC)
	$(call msg,TEST,bundle)
	$(Q)tests/check-bundle.sh $(NONOC)

# nonoc diff: pairs of small policies, exact text output, --json, errors.
check-diff: $(NONOC)
	$(call msg,TEST,diff)
	$(Q)tests/check-diff.sh $(NONOC)

# The back end end to end: every example and standard policy compiles to a
# signed bundle; reproducibility; YAML/nono twins enforce the same thing.
check-compile: $(NONOC) $(BUILD)/vmlinux.h
	$(call msg,TEST,compile)
	$(Q)tests/check-compile.sh $(NONOC)

# Golden files: every tests/golden/*/run script (NONO_REGEN=1 rewrites them).
check-golden: $(NONOC) $(BUILD)/vmlinux.h
	$(call msg,TEST,golden)
	$(Q)tests/golden/run-golden.sh $(NONOC)

regen-golden: $(NONOC)
	$(Q)NONO_REGEN=1 tests/golden/run-golden.sh $(NONOC)

# The eBPF back end on this machine's kernel: the emitted C of every standard
# policy and contract example compiles cleanly (clang -Wall -Werror), and the
# loader test loads and attaches the cgroup-BPF programs and checks what
# they decide (needs root; BPF-LSM loads are refused here, see
# ../shared/docs/KERNEL-TESTING.md). libbpf is for this test only: nonoc
# does not link it.
LIBBPF_CFLAGS := $(shell $(PKG_CONFIG) --cflags libbpf 2>/dev/null)
LIBBPF_LIBS   := $(shell $(PKG_CONFIG) --libs libbpf 2>/dev/null || echo -lbpf -lelf -lz)
HOST_BPF_TESTS := $(BUILD)/tests/host/bpf_load $(BUILD)/tests/host/bpf_fs

$(BUILD)/tests/host/%: $(BUILD)/obj/tests/host/%.o $(LIBNONOC)
	$(call msg,LINK,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LIBBPF_LIBS) $(YAML_LIBS) $(BUNDLE_LIBS)

$(BUILD)/obj/tests/host/%.o: CFLAGS += $(LIBBPF_CFLAGS)

check-host-bpf: $(NONOC) $(BUILD)/vmlinux.h $(HOST_BPF_TESTS)
	$(call msg,TEST,bpf-compile)
	$(Q)tests/host/bpf-compile.sh $(NONOC) $(BUILD)
	$(call msg,TEST,bpf-load)
	$(Q)NONOC_VMLINUX_H=$(CURDIR)/$(BUILD)/vmlinux.h $(BUILD)/tests/host/bpf_load $(if $(V),-v)
	$(call msg,TEST,bpf-fs)
	$(Q)NONOC_VMLINUX_H=$(CURDIR)/$(BUILD)/vmlinux.h $(BUILD)/tests/host/bpf_fs $(if $(V),-v)

# ---- nono-load (runtime/) -------------------------------------------------------
# The runtime links libnonoc for the bundle reader, jsonp, the cBPF checker
# and the JSON writer; libbpf for the kernel probe (the BTF id of the LSM
# hook); zlib for /proc/config.gz. See docs/nono-load.md.
NONO_LOAD    := $(BUILD)/nono-load
RUNTIME_SRCS := $(wildcard runtime/*.c)
RUNTIME_OBJS := $(RUNTIME_SRCS:%.c=$(BUILD)/obj/%.o)

$(BUILD)/obj/runtime/%.o: CFLAGS += $(LIBBPF_CFLAGS)

$(NONO_LOAD): $(RUNTIME_OBJS) $(LIBNONOC)
	$(call msg,LINK,$@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LIBBPF_LIBS) $(BUNDLE_LIBS) -lz

# Real programs under bundles compiled from small policies, as root and as
# an unprivileged user (tests/runtime/run.sh; needs root to switch users).
check-runtime: $(NONOC) $(NONO_LOAD)
	$(call msg,TEST,runtime)
	$(Q)tests/runtime/run.sh $(NONOC) $(NONO_LOAD)

# ---- fuzzing (libFuzzer + ASan + UBSan, clang) --------------------------------
FUZZ_CFLAGS := -std=gnu11 -g -O1 -D_GNU_SOURCE -fsanitize=fuzzer,address,undefined \
	       -fno-sanitize-recover=undefined -Icompiler/include -Icompiler -Igrammar -I$(BUILD)/gen $(YAML_CFLAGS) \
	       $(BUNDLE_CFLAGS)
FUZZ_TARGETS := $(patsubst fuzz/%.c,$(BUILD)/fuzz/%,$(wildcard fuzz/fuzz_*.c))
FUZZ_LIB_SRCS := $(LIB_SRCS) $(BUILD)/gen/lexer.c $(BUILD)/gen/parser.c $(BUILD)/gen/stdlib.c \
		 $(BUILD)/gen/bpf_templates.c

FUZZ_HDRS := $(wildcard fuzz/*.h compiler/*.h compiler/include/*.h compiler/*.def grammar/*.h grammar/*.inc)

# The library sources (flex/bison output among them) are compiled once,
# instrumented but not linked with libFuzzer, with -w, into $(BUILD)/fuzz/lib/;
# every target links them. A harness is our code: held to our warnings.
FUZZ_LIB_CFLAGS := $(patsubst -fsanitize=fuzzer%,-fsanitize=fuzzer-no-link%,$(FUZZ_CFLAGS))
FUZZ_LIB_OBJS := $(FUZZ_LIB_SRCS:%.c=$(BUILD)/fuzz/lib/%.o)

$(BUILD)/fuzz/lib/%.o: %.c $(FUZZ_HDRS) $(BUILD)/gen/parser.h $(BUILD)/gen/lexer.h
	$(call msg,FUZZCC,$<)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CLANG) $(FUZZ_LIB_CFLAGS) -w -c -o $@ $<

$(BUILD)/fuzz/obj/%.o: fuzz/%.c $(FUZZ_HDRS) $(BUILD)/gen/parser.h $(BUILD)/gen/lexer.h
	$(call msg,FUZZCC,$<)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CLANG) $(FUZZ_CFLAGS) $(WARN_CFLAGS) -c -o $@ $<

$(BUILD)/fuzz/%: $(BUILD)/fuzz/obj/%.o $(FUZZ_LIB_OBJS)
	$(call msg,LINK,$@)
	$(Q)$(CLANG) $(FUZZ_CFLAGS) -o $@ $< $(FUZZ_LIB_OBJS) $(YAML_LIBS) $(BUNDLE_LIBS)

fuzz: $(FUZZ_TARGETS)

check-fuzz: $(FUZZ_TARGETS)
	$(call msg,FUZZ,$(FUZZ_SECONDS)s each)
	$(Q)tests/run-fuzz.sh $(BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# ---- syscall tables -------------------------------------------------------------
# compiler/syscalls.def is data generated from libseccomp's per-architecture
# tables by a checked-in tool. It is committed, so building nonoc never needs
# libseccomp; run `make regen-syscalls` after a libseccomp upgrade and review
# the diff.
SECCOMP_LIBS := $(shell $(PKG_CONFIG) --libs libseccomp 2>/dev/null || echo -lseccomp)

$(BUILD)/tools/gen-syscalls: compiler/tools/gen-syscalls.c
	$(call msg,LINK,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(BASE_CFLAGS) $(WARN_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(SECCOMP_LIBS)

regen-syscalls: $(BUILD)/tools/gen-syscalls
	$(call msg,GEN,compiler/syscalls.def)
	$(Q)$< > compiler/syscalls.def.tmp && mv compiler/syscalls.def.tmp compiler/syscalls.def

# ---- demo, bench --------------------------------------------------------------
demo: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)tests/demo.sh $(NONOC)

bench: bench-parse bench-compile

bench-compile: $(NONOC) $(BUILD)/vmlinux.h
	$(Q)bench/bench-compile.sh $(BUILD)

bench-parse: $(NONOC) $(BUILD)/bench/bench_parse $(BUILD)/bench/bench_libyaml_baseline
	$(Q)bench/bench-parse.sh $(BUILD)

# bench_parse reads the arena counter (context.h) and drives the scanner
# alone (grammar/parse.h) for its --lex peer.
$(BUILD)/bench/%: bench/%.c bench/bench.h $(LIBNONOC)
	$(call msg,LINK,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(BASE_CFLAGS) $(WARN_CFLAGS) $(CFLAGS) -Igrammar -o $@ $< $(LIBNONOC) $(YAML_LIBS) $(BUNDLE_LIBS)

# ---- install ------------------------------------------------------------------
install: $(NONOC) $(LIBNONOC) $(BUILD)/nono-load $(BUILD)/vmlinux.h
	$(call msg,INSTALL,$(DESTDIR)$(PREFIX))
	$(Q)install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include \
		$(DESTDIR)$(PREFIX)/lib/pkgconfig
	$(Q)install -m 0755 $(NONOC) $(DESTDIR)$(PREFIX)/bin/nonoc
	$(Q)install -m 0755 $(BUILD)/nono-load $(DESTDIR)$(PREFIX)/bin/nono-load
	$(Q)install -m 0644 $(LIBNONOC) $(DESTDIR)$(PREFIX)/lib/libnonoc.a
	$(Q)install -m 0644 compiler/include/nonoc.h $(DESTDIR)$(PREFIX)/include/nonoc.h
	$(Q)install -d $(DESTDIR)$(PREFIX)/share/nono
	$(Q)install -m 0644 $(BUILD)/vmlinux.h $(DESTDIR)$(PREFIX)/share/nono/vmlinux.h
	$(Q)sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(shell sed -n 's/^#define NONOC_VERSION "\(.*\)"/\1/p' compiler/include/nonoc.h)|g' \
		compiler/libnonoc.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/libnonoc.pc

uninstall:
	$(Q)rm -f $(DESTDIR)$(PREFIX)/bin/nonoc $(DESTDIR)$(PREFIX)/bin/nono-load $(DESTDIR)$(PREFIX)/lib/libnonoc.a \
		$(DESTDIR)$(PREFIX)/include/nonoc.h $(DESTDIR)$(PREFIX)/lib/pkgconfig/libnonoc.pc \
		$(DESTDIR)$(PREFIX)/share/nono/vmlinux.h

clean:
	$(call msg,CLEAN,$(BUILD))
	$(Q)rm -rf $(BUILD)
