# aitrace-min: one static binary, built with musl when musl-gcc is present.
#   make            build build/aitrace-min (static, stripped)
#   make check      unit tests, verifier tests, kernel tests (bats)
#   make size       print the stripped size
#   make ARCH=arm64 the same for arm64, in build-arm64/ (tools/cross.mk)
#   make check-vm   boot the binary on Debian kernels x86_64 and arm64 (QEMU)
#   make install    PREFIX=/usr/local DESTDIR=
#   V=1             show commands
# CC, CFLAGS, LDFLAGS and CROSS_COMPILE are yours to set.

VERSION := 0.1.0
PREFIX ?= /usr/local
DESTDIR ?=
B := build
# make ARCH=arm64 (or CROSS_COMPILE=aarch64-linux-gnu-): tools/cross.mk picks
# the cross compiler (static musl, else static glibc), the target's UAPI
# headers and the build directory (build-arm64/).
-include tools/cross.mk

# Prefer musl for the tracer when the user did not choose a compiler.
ifeq ($(origin CC),default)
  ifeq ($(CROSS_COMPILE),)
    CC := $(shell command -v musl-gcc >/dev/null 2>&1 && echo musl-gcc || echo cc)
  else
    CC := $(CROSS_COMPILE)gcc
  endif
endif
HOSTCC ?= cc
# Size matters (it is pasted onto routers): no unwind tables, sections
# garbage-collected, text and rodata in one segment.
# -flto=auto lets the linker drop and share across files; -z norelro and a
# small common page size stop the data segment's padding to a page (musl
# applies no RELRO in a static binary anyway).
CFLAGS ?= -Oz -g0 -ffunction-sections -fdata-sections -fno-pie -flto=auto \
	-fno-asynchronous-unwind-tables -fno-unwind-tables -fno-stack-protector \
	-fno-jump-tables
LDFLAGS ?= -static -s -Wl,--gc-sections -Wl,--build-id=none \
	-Wl,-z,noseparate-code -Wl,-z,norelro -Wl,-z,common-page-size=64
WARN := -Wall -Wextra -Wno-unused-parameter -Wshadow -Wstrict-prototypes

# musl-gcc searches only musl's include directory; the kernel UAPI headers
# (linux/, asm/, asm-generic/) are put on its path through build/uapi.
TRIPLET ?= $(shell $(if $(CROSS_COMPILE),$(CROSS_COMPILE)gcc,$(HOSTCC)) -dumpmachine)
UAPI_DIR ?= /usr/include
UAPI_ARCH_DIR ?= /usr/include/$(TRIPLET)
UAPI := $(B)/uapi/.stamp

CPPFLAGS_ALL = -I$(B)/gen -Isrc -Iprogs -isystem $(B)/uapi \
	-D_GNU_SOURCE -DAITRACE_VERSION='"$(VERSION)"'

SRC := $(wildcard src/*.c)
PROGS := $(wildcard progs/*.c)
OBJ := $(patsubst %.c,$(B)/obj/%.o,$(SRC) $(PROGS))
GEN := $(B)/gen/syscall_names.h $(B)/gen/errno_names.h

ifneq ($(V),1)
  Q := @
  say = @printf '  %-7s %s\n' $(1) $(2);
else
  say =
endif

.DELETE_ON_ERROR:
.PHONY: all check check-unit check-kernel check-bats size install clean workloads deps

all: $(B)/aitrace-min

$(UAPI):
	$(call say,UAPI,$(B)/uapi)mkdir -p $(B)/uapi
	$(Q)for d in linux asm-generic; do ln -sfn $(UAPI_DIR)/$$d $(B)/uapi/$$d; done
	$(Q)ln -sfn $(UAPI_ARCH_DIR)/asm $(B)/uapi/asm
	$(Q)touch $@

$(B)/gen/syscall_names.h: tools/gen-syscall-names $(UAPI)
	$(call say,GEN,$@)mkdir -p $(@D)
	$(Q)CC="$(CC)" sh tools/gen-syscall-names -isystem $(B)/uapi > $@

$(B)/gen/errno_names.h: tools/gen-errno-names $(UAPI)
	$(call say,GEN,$@)mkdir -p $(@D)
	$(Q)CC="$(CC)" sh tools/gen-errno-names -isystem $(B)/uapi > $@

# (and the Makefile: a change of CFLAGS here rebuilds everything)
$(B)/obj/%.o: %.c $(GEN) $(UAPI) Makefile
	$(call say,CC,$<)mkdir -p $(@D)
	$(Q)$(CC) $(CPPFLAGS_ALL) $(CPPFLAGS) $(WARN) $(CFLAGS) -MMD -MP -c $< -o $@

$(B)/aitrace-min: $(OBJ)
	$(call say,LD,$@)$(CC) $(CFLAGS) $(LDFLAGS) $(OBJ) -o $@

size: $(B)/aitrace-min
	@printf '%s: %s bytes (%s)\n' $< $$(wc -c < $<) \
		"$$(file -b $< 2>/dev/null | cut -d, -f1-2 || echo ?)"

install: $(B)/aitrace-min
	install -D -m 0755 $(B)/aitrace-min $(DESTDIR)$(PREFIX)/sbin/aitrace-min
	install -D -m 0644 docs/aitrace-min.8 $(DESTDIR)$(PREFIX)/share/man/man8/aitrace-min.8

clean:
	rm -rf $(B)

# ---- tests -----------------------------------------------------------------
# Unit tests: one per module, linked against that module alone (plus the
# generated tables), built with the host compiler so sanitizers can be used.
UNIT_CFLAGS ?= -O1 -g
# what each unit test links besides src/<mod>.c or progs/<mod>.c
UNIT_DEPS_line := src/escape.c src/errnos.c src/render.c src/flags.c \
	src/dec_file.c src/dec_mem.c src/dec_futex.c src/dec_process.c \
	src/dec_ioctl.c src/dec_net.c src/dec_flags.c src/sb.c
UNIT_DEPS_render := src/escape.c src/errnos.c src/flags.c src/dec_file.c \
	src/dec_mem.c src/dec_futex.c src/dec_process.c src/dec_ioctl.c \
	src/dec_net.c src/dec_flags.c src/sb.c
UNIT_DEPS_merge := src/ring.c
UNIT_DEPS_tpformat := src/fmt.c
UNIT_DEPS_opts := src/fmt.c
UNIT_DEPS_summary := src/fmt.c src/sb.c
UNIT_DEPS_cpus := src/fmt.c
UNIT_DEPS_sysset := src/syscalls.c src/tpformat.c src/fmt.c
UNIT_DEPS_emit := src/fmt.c
UNIT_DEPS_dump := progs/emit.c src/fmt.c
UNIT_DEPS_progs := progs/emit.c progs/dump.c progs/prog_enter.c \
	progs/prog_exit.c progs/prog_record.c progs/prog_probe.c \
	progs/prog_count.c progs/prog_sched.c \
	src/sysset.c src/syscalls.c src/tpformat.c src/fmt.c
UNIT_DEPS_fdtable := src/mem.c
UNIT_DEPS_out := src/mem.c
UNIT_DEPS_summary := src/fmt.c src/sb.c
UNIT_DEPS_rules := src/fmt.c
UNIT_DEPS_flags := src/sb.c
UNIT_DEPS_dec_file := src/flags.c src/sb.c
UNIT_DEPS_dec_mem := src/flags.c src/sb.c
UNIT_DEPS_dec_futex := src/flags.c src/sb.c
UNIT_DEPS_dec_process := src/flags.c src/sb.c src/escape.c
UNIT_DEPS_dec_ioctl := src/flags.c src/sb.c
UNIT_DEPS_dec_net := src/flags.c src/sb.c src/escape.c
UNIT_DEPS_dec_flags := src/flags.c src/sb.c
UNIT_TESTS := $(patsubst tests/unit/test_%.c,%,$(wildcard tests/unit/test_*.c))
UNIT_BINS := $(addprefix $(B)/tests/test_,$(UNIT_TESTS))

$(B)/tests/test_%: tests/unit/test_%.c $(GEN) $(UAPI) FORCE
	$(call say,CC,$@)mkdir -p $(@D)
	$(Q)src=$$(ls src/$*.c progs/$*.c 2>/dev/null | head -1); \
	$(HOSTCC) $(CPPFLAGS_ALL) -Itests/unit $(WARN) $(UNIT_CFLAGS) \
		$< $$src $(UNIT_DEPS_$*) -o $@

FORCE:

check-unit: $(UNIT_BINS)
	@set -e; for t in $(UNIT_BINS); do $$t; done

# Workloads: small programs that make known syscalls and print the lines the
# tracer must log for them. Static, so they also run in a busybox guest.
WORKLOAD_SRC := $(wildcard tests/workloads/*.c)
WORKLOADS := $(patsubst tests/workloads/%.c,$(B)/workloads/%,$(WORKLOAD_SRC))
$(B)/workloads/%: tests/workloads/%.c tests/workloads/expect_line.h $(GEN) $(UAPI)
	$(call say,CC,$@)mkdir -p $(@D)
	$(Q)$(CC) $(CPPFLAGS_ALL) $(WARN) -O2 -static -pthread $< -o $@
workloads: $(WORKLOADS)

# Kernel tests need root, tracefs and BPF; they skip with a reason otherwise
# (and fail when AITRACE_TEST_STRICT=1, as in CI).
$(B)/tests/verifier: tests/kernel/verifier.c $(filter-out $(B)/obj/src/main.o,$(OBJ))
	$(call say,LD,$@)mkdir -p $(@D)
	$(Q)$(CC) $(CPPFLAGS_ALL) $(WARN) $(CFLAGS) -static $^ -o $@

check-kernel: $(B)/tests/verifier
	$(B)/tests/verifier

check-bats: $(B)/aitrace-min workloads
	bats tests/bats

# The README's test command: installs what the tests need, then runs them
# all. A sub-make, so that a musl-gcc installed just now is picked up.
check:
	$(Q)sh tools/install-deps build test fuzz valgrind
	$(Q)$(MAKE) --no-print-directory check-unit check-kernel check-bats \
		check-fuzz check-sanitize check-valgrind

deps:
	sh tools/install-deps build test

-include $(shell find $(B)/obj -name '*.d' 2>/dev/null)

# Golden dumps: every generated program for fixed parameters, in
# tests/golden/<kernel>/. check-unit compares them; after a change to
# progs/, `make golden` rewrites them and `git diff tests/golden` shows it.
.PHONY: golden check-golden
golden: $(B)/tests/test_progs
	$(B)/tests/test_progs --update
check-golden: $(B)/tests/test_progs
	$(B)/tests/test_progs

# The benchmark is a tool, not a test: nothing in `make check` is timed.
# bench/run builds its workload and measures aitrace-min beside its peers;
# bench/kill-latency (make bench-kill) compiles its own victim and times
# --kill-on's two paths.
.PHONY: bench bench-kill
$(B)/bench/workload: bench/workload.c
	$(call say,CC,$@)mkdir -p $(@D)
	$(Q)$(HOSTCC) -O2 -Wall -Wextra -static -pthread $< -o $@
bench: $(B)/aitrace-min $(B)/bench/workload
	@sh bench/run
bench-kill: $(B)/aitrace-min
	@CC="$(HOSTCC)" sh bench/kill-latency

# Pieces with their own makefile fragments, each owned by its directory:
# fuzzing and sanitizer builds, the report tool, cross builds and the VM
# matrix.
-include tests/fuzz/fuzz.mk
-include tools/report/report.mk
-include tools/vm/vm.mk
