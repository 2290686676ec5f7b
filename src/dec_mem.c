/* Memory syscalls: mmap and mprotect protections, mmap flags.
 *
 * From the kernel's UAPI headers, not libc's <sys/mman.h>: mmap flags
 * differ between architectures (MAP_ANONYMOUS is 0x800 on mips, 0x20
 * elsewhere), and some exist on one architecture only (MAP_32BIT). */
#include <linux/mman.h> /* includes <asm/mman.h> */

#include "dec.h"

/* Entries that only some architectures' or kernels' headers define are
 * listed through a helper that is empty when the header lacks them. */
#ifdef PROT_BTI /* arm64 <asm/mman.h> */
#define PROT_BTI_(_, p) _(p, BTI)
#else
#define PROT_BTI_(_, p)
#endif
#ifdef PROT_MTE /* arm64 <asm/mman.h> */
#define PROT_MTE_(_, p) _(p, MTE)
#else
#define PROT_MTE_(_, p)
#endif

/* Transcribed from <asm-generic/mman-common.h> (via <asm/mman.h>). */
#define PROT_FLAGS(_, p)                                                      \
	_(p, READ) _(p, WRITE) _(p, EXEC) _(p, SEM) PROT_BTI_(_, p)           \
	PROT_MTE_(_, p) _(p, GROWSDOWN) _(p, GROWSUP)
FLAGS_TABLE(prot_flags, uint32_t, PROT_, PROT_FLAGS);

#ifdef MAP_DROPPABLE
#define MAP_DROPPABLE_(_, p) _(p, DROPPABLE)
#else
#define MAP_DROPPABLE_(_, p)
#endif

/* The MAP_TYPE field, from <linux/mman.h> (and <asm/mman.h>). */
#define MAP_TYPES(_, p)                                                       \
	_(p, SHARED) _(p, PRIVATE) _(p, SHARED_VALIDATE) MAP_DROPPABLE_(_, p)
FLAGS_TABLE(map_types, uint8_t, MAP_, MAP_TYPES);

/* Not every architecture has every flag. */
#ifdef MAP_32BIT
#define MAP_32BIT_(_, p) _(p, 32BIT)
#else
#define MAP_32BIT_(_, p)
#endif
#ifdef MAP_RENAME /* mips, sparc */
#define MAP_RENAME_(_, p) _(p, RENAME)
#else
#define MAP_RENAME_(_, p)
#endif
#ifdef MAP_GROWSDOWN
#define MAP_GROWSDOWN_(_, p) _(p, GROWSDOWN)
#else
#define MAP_GROWSDOWN_(_, p)
#endif
#ifdef MAP_DENYWRITE
#define MAP_DENYWRITE_(_, p) _(p, DENYWRITE)
#else
#define MAP_DENYWRITE_(_, p)
#endif
#ifdef MAP_EXECUTABLE
#define MAP_EXECUTABLE_(_, p) _(p, EXECUTABLE)
#else
#define MAP_EXECUTABLE_(_, p)
#endif
#ifdef MAP_LOCKED
#define MAP_LOCKED_(_, p) _(p, LOCKED)
#else
#define MAP_LOCKED_(_, p)
#endif
#ifdef MAP_NORESERVE
#define MAP_NORESERVE_(_, p) _(p, NORESERVE)
#else
#define MAP_NORESERVE_(_, p)
#endif
#ifdef MAP_POPULATE
#define MAP_POPULATE_(_, p) _(p, POPULATE)
#else
#define MAP_POPULATE_(_, p)
#endif
#ifdef MAP_NONBLOCK
#define MAP_NONBLOCK_(_, p) _(p, NONBLOCK)
#else
#define MAP_NONBLOCK_(_, p)
#endif
#ifdef MAP_STACK
#define MAP_STACK_(_, p) _(p, STACK)
#else
#define MAP_STACK_(_, p)
#endif
#ifdef MAP_HUGETLB
#define MAP_HUGETLB_(_, p) _(p, HUGETLB)
#else
#define MAP_HUGETLB_(_, p)
#endif
#ifdef MAP_SYNC
#define MAP_SYNC_(_, p) _(p, SYNC)
#else
#define MAP_SYNC_(_, p)
#endif
#ifdef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE_(_, p) _(p, FIXED_NOREPLACE)
#else
#define MAP_FIXED_NOREPLACE_(_, p)
#endif
#ifdef MAP_UNINITIALIZED
#define MAP_UNINITIALIZED_(_, p) _(p, UNINITIALIZED)
#else
#define MAP_UNINITIALIZED_(_, p)
#endif

/* Transcribed from <asm-generic/mman-common.h>, <asm-generic/mman.h> and
 * the architecture's <asm/mman.h>, in x86_64 value order. */
#define MAP_FLAGS(_, p)                                                       \
	_(p, FIXED) _(p, ANONYMOUS) MAP_32BIT_(_, p) MAP_RENAME_(_, p)        \
	MAP_GROWSDOWN_(_, p) MAP_DENYWRITE_(_, p) MAP_EXECUTABLE_(_, p)       \
	MAP_LOCKED_(_, p) MAP_NORESERVE_(_, p) MAP_POPULATE_(_, p)            \
	MAP_NONBLOCK_(_, p) MAP_STACK_(_, p) MAP_HUGETLB_(_, p)               \
	MAP_SYNC_(_, p) MAP_FIXED_NOREPLACE_(_, p) MAP_UNINITIALIZED_(_, p)
FLAGS_TABLE(map_flags, uint32_t, MAP_, MAP_FLAGS);

/* Page sizes with MAP_HUGETLB, from <linux/mman.h> (the values are
 * HUGETLB_FLAG_ENCODE_* of <asm-generic/hugetlb_encode.h>). */
#define MAP_HUGE_SIZES(_, p)                                                  \
	_(p, 16KB) _(p, 64KB) _(p, 512KB) _(p, 1MB) _(p, 2MB) _(p, 8MB)       \
	_(p, 16MB) _(p, 32MB) _(p, 256MB) _(p, 512MB) _(p, 1GB) _(p, 2GB)     \
	_(p, 16GB)
FLAGS_TABLE(map_huge, uint32_t, MAP_HUGE_, MAP_HUGE_SIZES);

void dec_mmap_prot(struct sb *s, uint64_t prot)
{
	flags_print(s, prot, prot_flags, "PROT_NONE");
}

void dec_mmap_flags(struct sb *s, uint64_t flags)
{
	const uint64_t huge_bits = (uint64_t)MAP_HUGE_MASK << MAP_HUGE_SHIFT;
	uint64_t rest = flags, huge = 0;
	int any = 0;

	if (!flags) {
		sb_char(s, '0');
		return;
	}
	if (flags_name(s, map_types, flags & MAP_TYPE)) {
		rest &= ~(uint64_t)MAP_TYPE;
		any = 1;
	}
	/* The page-size bits mean a size only with MAP_HUGETLB; without it
	 * they are flags (MAP_UNINITIALIZED is one of them). */
	if (flags & MAP_HUGETLB) {
		huge = rest & huge_bits;
		rest &= ~huge_bits;
	}
	if (rest) {
		if (any)
			sb_char(s, '|');
		flags_print(s, rest, map_flags, NULL);
		any = 1;
	}
	if (huge) {
		if (any)
			sb_char(s, '|');
		if (!flags_name(s, map_huge, huge)) {
			sb_u64(s, huge >> MAP_HUGE_SHIFT);
			sb_str(s, "<<MAP_HUGE_SHIFT");
		}
	}
}
