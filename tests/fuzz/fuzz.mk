# Fuzzing and sanitizer builds, included by the top Makefile (which gives
# B, CPPFLAGS_ALL, WARN, SRC, PROGS, GEN, UAPI, UNIT_TESTS, UNIT_DEPS_*).
# See tests/fuzz/README.
#
#   make fuzz             each libFuzzer target for FUZZ_TIME s (60), corpus
#                         kept in build/fuzz/corpus/<target>
#   make fuzz-<target>    one of them (ring tpformat record escape fdtable)
#   make check-fuzz       each target for FUZZ_CHECK_TIME s (10), after
#                         replaying every committed corpus file
#   make check-sanitize   unit tests, then the tracer (as root) under
#                         ASan+UBSan, a separate non-static build in build/asan
#   make check-valgrind   the tracer under valgrind once (as root)
#
# FUZZ_CC must be clang with libFuzzer (Debian: clang, libclang-rt-14-dev);
# SAN_CC is clang or gcc, never musl-gcc (no sanitizer runtimes for musl).

FUZZ_CC ?= clang
SAN_CC ?= $(shell command -v clang >/dev/null 2>&1 && echo clang || echo gcc)
FUZZ_TIME ?= 60
FUZZ_CHECK_TIME ?= 10
SAN_FLAGS ?= -g -O1 -fno-omit-frame-pointer \
	-fsanitize=address,undefined -fno-sanitize-recover=all
# detect_leaks: the unit tests free what they allocate; abort_on_error
# and halt_on_error so that any report fails the run
export ASAN_OPTIONS ?= detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS ?= print_stacktrace=1:halt_on_error=1

FZ := $(B)/fuzz
FUZZ_TARGETS := ring tpformat record escape fdtable

# What each target links besides tests/fuzz/fuzz_<target>.c. mem_malloc.c
# stands in for src/mem.c (page-sized mmap blocks hide overruns from ASan).
FUZZ_DEPS_ring := src/ring.c
FUZZ_DEPS_tpformat := src/tpformat.c src/sysset.c src/syscalls.c src/fmt.c
FUZZ_DEPS_escape := src/escape.c src/sb.c
FUZZ_DEPS_fdtable := src/fdtable.c tests/fuzz/mem_malloc.c
FUZZ_DEPS_record := src/decode.c src/line.c src/json.c src/render.c \
	src/escape.c src/errnos.c src/flags.c src/sb.c src/dec_file.c \
	src/dec_mem.c src/dec_futex.c src/dec_process.c src/dec_ioctl.c \
	src/dec_net.c src/dec_flags.c src/fdtrack.c src/fdtable.c tests/fuzz/mem_malloc.c \
	src/tpformat.c src/sysset.c src/syscalls.c src/fmt.c

# Per-target libFuzzer options: input size bounds, dictionaries, and the
# seeds beyond the committed corpus (the real format files for tpformat).
FUZZ_OPTS_ring := -max_len=8192
FUZZ_OPTS_tpformat := -max_len=8192 -dict=tests/fuzz/tpformat.dict
FUZZ_OPTS_record := -max_len=16384
FUZZ_OPTS_escape := -max_len=4200
FUZZ_OPTS_fdtable := -max_len=4096
FUZZ_SEEDS_tpformat := tests/fixtures/formats
FUZZ_COMMON_OPTS := -timeout=10 -rss_limit_mb=2048 -print_final_stats=1

FUZZ_BINS := $(addprefix $(FZ)/fuzz_,$(FUZZ_TARGETS))
# every header: a target links several modules, a change to any of them
# must rebuild it (the unit tests rebuild always; these take longer)
HEADERS := $(wildcard src/*.h progs/*.h)

.PHONY: fuzz check-fuzz fuzz-build check-sanitize check-sanitize-unit \
	check-sanitize-tracer check-valgrind \
	$(addprefix fuzz-,$(FUZZ_TARGETS)) \
	$(addprefix check-fuzz-,$(FUZZ_TARGETS))

define fuzz_target
$(FZ)/fuzz_$(1): tests/fuzz/fuzz_$(1).c tests/fuzz/fuzzcheck.h $(FUZZ_DEPS_$(1)) \
		$(HEADERS) $(GEN) $(UAPI)
	$$(call say,FUZZCC,$$@)mkdir -p $$(@D)
	$(Q)$(FUZZ_CC) $(CPPFLAGS_ALL) -Itests/fuzz $(WARN) -g -O1 \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-DFUZZ_FORMATS='"$(CURDIR)/tests/fixtures/formats/6.18-x86_64"' \
		$$< $(FUZZ_DEPS_$(1)) -o $$@

# a longer run; what it finds is kept in $(FZ)/corpus/$(1), crashes in
# $(FZ)/artifacts/$(1)/
fuzz-$(1): $(FZ)/fuzz_$(1)
	@mkdir -p $(FZ)/corpus/$(1) $(FZ)/artifacts/$(1)
	@echo "  FUZZ    $(1) for $(FUZZ_TIME) s"
	$(Q)$(FZ)/fuzz_$(1) $(FUZZ_COMMON_OPTS) $(FUZZ_OPTS_$(1)) \
		-max_total_time=$(FUZZ_TIME) \
		-artifact_prefix=$(FZ)/artifacts/$(1)/ \
		$(FZ)/corpus/$(1) tests/fuzz/corpus/$(1) $(FUZZ_SEEDS_$(1)) \
		2> $(FZ)/fuzz-$(1).log || { tail -50 $(FZ)/fuzz-$(1).log; exit 1; }
	@grep -h '^stat::number_of_executed_units\|^#.*DONE' $(FZ)/fuzz-$(1).log | tail -1

# replay every committed input, then a short run from an empty corpus
check-fuzz-$(1): $(FZ)/fuzz_$(1)
	@rm -rf $(FZ)/check/$(1) && mkdir -p $(FZ)/check/$(1)/corpus $(FZ)/check/$(1)/artifacts
	@echo "  REPLAY  tests/fuzz/corpus/$(1)"
	$(Q)find tests/fuzz/corpus/$(1) -type f | sort | xargs -r $(FZ)/fuzz_$(1) \
		-timeout=10 2> $(FZ)/check/$(1)/replay.log || \
		{ tail -50 $(FZ)/check/$(1)/replay.log; exit 1; }
	@echo "  FUZZ    $(1) for $(FUZZ_CHECK_TIME) s"
	$(Q)$(FZ)/fuzz_$(1) $(FUZZ_COMMON_OPTS) $(FUZZ_OPTS_$(1)) \
		-max_total_time=$(FUZZ_CHECK_TIME) \
		-artifact_prefix=$(FZ)/check/$(1)/artifacts/ \
		$(FZ)/check/$(1)/corpus tests/fuzz/corpus/$(1) $(FUZZ_SEEDS_$(1)) \
		2> $(FZ)/check/$(1)/fuzz.log || \
		{ tail -50 $(FZ)/check/$(1)/fuzz.log; \
		  echo "reproduce: $(FZ)/fuzz_$(1) $(FZ)/check/$(1)/artifacts/*"; exit 1; }
	@grep -ho 'Done [0-9]* runs in [0-9]* second' $(FZ)/check/$(1)/fuzz.log | \
		sed 's/^/          /'
endef
$(foreach t,$(FUZZ_TARGETS),$(eval $(call fuzz_target,$(t))))

fuzz-build: $(FUZZ_BINS)
fuzz: $(addprefix fuzz-,$(FUZZ_TARGETS))
check-fuzz: $(addprefix check-fuzz-,$(FUZZ_TARGETS))

# ---- unit tests of what the fuzzers found -------------------------------------------
# tests/unit/test_found_*.c: minimised reproducers, linked like the other
# unit tests (there is no src/found_*.c; these say what they link). Kept
# here, beside the targets that found them, until they are folded into the
# module's own test.
UNIT_DEPS_found_formats := src/tpformat.c src/sysset.c src/syscalls.c src/fmt.c
UNIT_DEPS_found_time := src/line.c src/json.c $(UNIT_DEPS_line)

# ---- unit tests under ASan and UBSan -----------------------------------------
# The top Makefile's unit rule, with SAN_CC and SAN_FLAGS, into
# build/asan/tests; rebuilt when a source or header changes (an explicit
# rule per test, since what each links is in UNIT_DEPS_<module>).
ASAN_UNIT_BINS := $(addprefix $(B)/asan/tests/test_,$(UNIT_TESTS))

define asan_unit
$(B)/asan/tests/test_$(1): tests/unit/test_$(1).c tests/unit/expect.h \
		$(firstword $(wildcard src/$(1).c progs/$(1).c)) \
		$(UNIT_DEPS_$(1)) $(HEADERS) $(GEN) $(UAPI)
	$$(call say,SANCC,$$@)mkdir -p $$(@D)
	$(Q)$(SAN_CC) $(CPPFLAGS_ALL) -Itests/unit $(WARN) $(SAN_FLAGS) \
		$$< $(firstword $(wildcard src/$(1).c progs/$(1).c)) \
		$(UNIT_DEPS_$(1)) -o $$@
endef

$(foreach t,$(UNIT_TESTS),$(eval $(call asan_unit,$(t))))

# every test runs; the target fails at the end if any did
check-sanitize-unit: $(ASAN_UNIT_BINS)
	@fail=; for t in $(ASAN_UNIT_BINS); do $$t || fail="$$fail $${t##*/}"; done; \
	if [ -n "$$fail" ]; then echo "check-sanitize-unit: failed:$$fail" >&2; exit 1; fi

# ---- the tracer under ASan and UBSan ---------------------------------------------
ASAN_OBJ := $(patsubst %.c,$(B)/asan/obj/%.o,$(SRC) $(PROGS))

$(B)/asan/obj/%.o: %.c $(GEN) $(UAPI)
	$(call say,SANCC,$<)mkdir -p $(@D)
	$(Q)$(SAN_CC) $(CPPFLAGS_ALL) $(CPPFLAGS) $(WARN) $(SAN_FLAGS) -MMD -MP \
		-c $< -o $@

$(B)/asan/aitrace-min: $(ASAN_OBJ)
	$(call say,LD,$@)$(SAN_CC) $(SAN_FLAGS) $(ASAN_OBJ) -o $@

check-sanitize-tracer: $(B)/asan/aitrace-min workloads
	$(Q)sh tests/fuzz/run-tracer asan $(B)/asan/aitrace-min $(B)/workloads \
		$(B)/asan/run

check-sanitize: check-sanitize-unit check-sanitize-tracer

# ---- the tracer under valgrind ----------------------------------------------------
# A glibc build with -g, not the static musl one: musl's libc.a has no
# unwind information, so memcheck cannot walk the stack out of syscall()
# and a suppression could not name our function (it would have to cover
# every bpf() call).
VG_CC ?= $(HOSTCC)
$(B)/vg/aitrace-min: $(SRC) $(PROGS) $(HEADERS) $(GEN) $(UAPI)
	$(call say,CC,$@)mkdir -p $(@D)
	$(Q)$(VG_CC) $(CPPFLAGS_ALL) $(CPPFLAGS) $(WARN) -O1 -g \
		$(SRC) $(PROGS) -o $@

check-valgrind: $(B)/vg/aitrace-min workloads
	$(Q)sh tests/fuzz/run-tracer valgrind $(B)/vg/aitrace-min \
		$(B)/workloads $(B)/vg/run

-include $(shell find $(B)/asan/obj -name '*.d' 2>/dev/null)

# ---- seed corpora -------------------------------------------------------------------
# Regenerate the generated seeds (the finding reproducers beside them are
# kept); review with git diff/status tests/fuzz/corpus.
$(FZ)/mkseeds: tests/fuzz/mkseeds.c $(GEN) $(UAPI)
	$(call say,CC,$@)mkdir -p $(@D)
	$(Q)$(HOSTCC) $(CPPFLAGS_ALL) $(WARN) -O1 -g $< src/syscalls.c -o $@

.PHONY: fuzz-seeds
fuzz-seeds: $(FZ)/mkseeds
	$(Q)for t in $(FUZZ_TARGETS); do mkdir -p tests/fuzz/corpus/$$t; done
	$(Q)$(FZ)/mkseeds tests/fuzz/corpus
