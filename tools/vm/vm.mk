# The VM test matrix (included by the top Makefile):
#
#   make check-vm                 every kernel: Debian bullseye (5.10),
#                                 bookworm (6.1), trixie (6.12) x amd64, arm64
#   make check-vm VM_TARGETS='bookworm-arm64 trixie-amd64'   some of them
#
# Builds the static tracer and workloads for both architectures (the host's
# in build/, the other with make ARCH=..., tools/cross.mk), downloads what
# is not cached yet (tools/vm/fetch: kernels and busybox, outside the tree),
# then boots each kernel under QEMU with tests/vm/guest-test.sh as the
# guest's program (tools/vm/matrix). Results in build/vm/: table.txt,
# results.tsv, and per kernel what the guest printed and its console.

.PHONY: check-vm

VM_TARGETS ?=
VM_HOST_ARCH := $(if $(filter aarch64 arm64,$(shell uname -m)),arm64,amd64)
VM_OTHER_ARCH := $(if $(filter arm64,$(VM_HOST_ARCH)),amd64,arm64)
VM_MAKE = $(MAKE) -f $(firstword $(MAKEFILE_LIST)) --no-print-directory

check-vm:
	$(if $(filter %tools/cross.mk,$(MAKEFILE_LIST)),,$(error check-vm needs make ARCH=... : the top Makefile must include tools/cross.mk))
	$(Q)sh tools/install-deps build vm
	$(Q)$(VM_MAKE) ARCH=$(VM_HOST_ARCH) all workloads
	$(Q)$(VM_MAKE) ARCH=$(VM_OTHER_ARCH) all workloads
	$(Q)sh tools/vm/fetch $(VM_TARGETS) >/dev/null
	$(Q)sh tools/vm/matrix -o build/vm \
		-B $(VM_HOST_ARCH)=build -B $(VM_OTHER_ARCH)=build-$(VM_OTHER_ARCH) $(VM_TARGETS)
