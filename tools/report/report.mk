# aitrace-report: the AI forensics report (issue 7), a second static
# binary beside build/aitrace-min, which it does not grow. Included by the
# top Makefile; objects are built by its pattern rule.
#   make report         build/aitrace-report
#   make check-report   its unit tests, then tests/bats/report.bats
#                       (fixture logs and the live agent-like test)
#   make check-ai       installs python3-torch and chromium (install-deps
#                       ai), then tests/ai: the live PyTorch test and the
#                       HTML page in headless Chromium
.PHONY: report check-report check-report-unit check-ai install-report

REPORT_SRC := $(wildcard tools/report/*.c)
REPORT_LIB := src/escape.c src/fmt.c src/sb.c
REPORT_OBJ := $(patsubst %.c,$(B)/obj/%.o,$(REPORT_SRC) $(REPORT_LIB))

report: $(B)/aitrace-report

$(B)/aitrace-report: $(REPORT_OBJ)
	$(call say,LD,$@)$(CC) $(CFLAGS) $(LDFLAGS) $(REPORT_OBJ) -o $@

# Unit tests, one per pure module, linked against that module alone (and
# what it names below), with the host compiler like tests/unit.
REPORT_UNITS := $(patsubst tools/report/tests/test_%.c,%,$(wildcard tools/report/tests/test_*.c))
REPORT_UNIT_BINS := $(addprefix $(B)/tests/report/test_,$(REPORT_UNITS))
REPORT_DEPS_model := tools/report/json.c src/fmt.c
REPORT_DEPS_htmlesc := src/fmt.c
REPORT_DEPS_num := src/fmt.c

$(B)/tests/report/test_%: tools/report/tests/test_%.c tools/report/%.c $(GEN) $(UAPI)
	$(call say,CC,$@)mkdir -p $(@D)
	$(Q)$(HOSTCC) -Itools/report $(CPPFLAGS_ALL) -Itests/unit $(WARN) $(UNIT_CFLAGS) \
		$< tools/report/$*.c $(REPORT_DEPS_$*) -o $@

check-report-unit: $(REPORT_UNIT_BINS)
	@set -e; for t in $(REPORT_UNIT_BINS); do $$t; done

# make check's unit tests include these
check-unit: check-report-unit

# the loopback listener of the live tests
$(B)/tests/report/listener: tools/report/tests/listener.c
	$(call say,CC,$@)mkdir -p $(@D)
	$(Q)$(HOSTCC) $(WARN) -O2 $< -o $@

check-report: check-report-unit $(B)/aitrace-report $(B)/aitrace-min \
		$(B)/tests/report/listener
	bats tests/bats/report.bats

# bats tests/bats (make check) runs report.bats: build what it needs.
check-bats: $(B)/aitrace-report $(B)/tests/report/listener

check-ai:
	$(Q)sh tools/install-deps build test ai
	$(Q)$(MAKE) --no-print-directory $(B)/aitrace-min $(B)/aitrace-report \
		$(B)/tests/report/listener
	bats tests/ai

install: install-report
install-report: $(B)/aitrace-report
	install -D -m 0755 $(B)/aitrace-report $(DESTDIR)$(PREFIX)/bin/aitrace-report
