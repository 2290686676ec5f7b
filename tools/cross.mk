# Cross builds: make ARCH=arm64, or make CROSS_COMPILE=aarch64-linux-gnu-.
# Included by the top Makefile once B is set and before CC is chosen; sets
#   CROSS_COMPILE  <gnu-triplet>- for ARCH (unless given)
#   B              build-<arch>, so that a cross build sits beside build/
#   CC             a static musl build: tools/cross-musl's driver, made from
#                  Debian's musl-dev:<arch> and the cross gcc; when it cannot
#                  be made, or with LIBC=glibc, the cross gcc itself (a
#                  static glibc binary: larger, same behaviour)
#   UAPI_DIR, UAPI_ARCH_DIR
#                  the target's kernel headers, from Debian's
#                  linux-libc-dev-<arch>-cross (/usr/<triplet>/include), or
#                  the multiarch /usr/include/<triplet> when that is what is
#                  installed: syscall names and numbers are the target's,
#                  never the build machine's
# Host packages: tools/install-deps cross. A native ARCH changes nothing.

CROSS_TRIPLET_arm64 := aarch64-linux-gnu
CROSS_TRIPLET_aarch64 := aarch64-linux-gnu
CROSS_TRIPLET_amd64 := x86_64-linux-gnu
CROSS_TRIPLET_x86_64 := x86_64-linux-gnu
CROSS_DEBARCH_aarch64 := arm64
CROSS_DEBARCH_x86_64 := amd64

ifneq ($(ARCH),)
  ifeq ($(CROSS_TRIPLET_$(ARCH)),)
    $(error ARCH=$(ARCH): known are arm64 (aarch64) and amd64 (x86_64))
  endif
  ifneq ($(CROSS_TRIPLET_$(ARCH)),$(CROSS_TRIPLET_$(shell uname -m)))
    CROSS_COMPILE ?= $(CROSS_TRIPLET_$(ARCH))-
  endif
endif

ifneq ($(CROSS_COMPILE),)
  TRIPLET ?= $(patsubst %-,%,$(notdir $(CROSS_COMPILE)))
  CROSS_DEBARCH := $(CROSS_DEBARCH_$(firstword $(subst -, ,$(TRIPLET))))
  ifeq ($(CROSS_DEBARCH),)
    $(error CROSS_COMPILE=$(CROSS_COMPILE): no known architecture in $(TRIPLET))
  endif
  B := build-$(CROSS_DEBARCH)
  ifneq ($(wildcard /usr/$(TRIPLET)/include/asm/unistd.h),)
    UAPI_DIR ?= /usr/$(TRIPLET)/include
    UAPI_ARCH_DIR ?= /usr/$(TRIPLET)/include
  else ifneq ($(wildcard /usr/include/$(TRIPLET)/asm/unistd.h),)
    UAPI_DIR ?= /usr/include
    UAPI_ARCH_DIR ?= /usr/include/$(TRIPLET)
  else
    $(error no kernel headers for $(TRIPLET) (/usr/$(TRIPLET)/include/asm): run tools/install-deps cross)
  endif
  ifeq ($(origin CC),default)
    ifneq ($(LIBC),glibc)
      CROSS_MUSL_CC := $(shell sh tools/cross-musl $(CROSS_DEBARCH))
    endif
    ifneq ($(CROSS_MUSL_CC),)
      CC := $(CROSS_MUSL_CC)
    else
      CC := $(CROSS_COMPILE)gcc
      ifneq ($(LIBC),glibc)
        $(warning tools/cross-musl failed: building with $(CC) and static glibc)
      endif
    endif
  endif
endif
