/* Memory syscalls: mmap and mprotect protections, mmap flags.
 *
 * From the kernel's UAPI headers, not libc's <sys/mman.h>: mmap flags
 * differ between architectures (MAP_ANONYMOUS is 0x800 on mips, 0x20
 * elsewhere), and some exist on one architecture only (MAP_32BIT). */
#include <linux/mman.h> /* includes <asm/mman.h> */

#include "dec.h"

/* Transcribed from <asm-generic/mman-common.h> (via <asm/mman.h>). */
static const struct flag prot_flags[] = {
	FLAG(PROT_READ),
	FLAG(PROT_WRITE),
	FLAG(PROT_EXEC),
	FLAG(PROT_SEM),
#ifdef PROT_BTI /* arm64 <asm/mman.h> */
	FLAG(PROT_BTI),
#endif
#ifdef PROT_MTE /* arm64 <asm/mman.h> */
	FLAG(PROT_MTE),
#endif
	FLAG(PROT_GROWSDOWN),
	FLAG(PROT_GROWSUP),
};

/* The MAP_TYPE field, from <linux/mman.h> (and <asm/mman.h>). */
static const struct flag map_types[] = {
	FLAG(MAP_SHARED),
	FLAG(MAP_PRIVATE),
	FLAG(MAP_SHARED_VALIDATE),
#ifdef MAP_DROPPABLE
	FLAG(MAP_DROPPABLE),
#endif
};

/* Transcribed from <asm-generic/mman-common.h>, <asm-generic/mman.h> and
 * the architecture's <asm/mman.h>, in x86_64 value order; each one under
 * #ifdef because not every architecture has every flag. */
static const struct flag map_flags[] = {
	FLAG(MAP_FIXED),
	FLAG(MAP_ANONYMOUS),
#ifdef MAP_32BIT
	FLAG(MAP_32BIT),
#endif
#ifdef MAP_RENAME /* mips, sparc */
	FLAG(MAP_RENAME),
#endif
#ifdef MAP_GROWSDOWN
	FLAG(MAP_GROWSDOWN),
#endif
#ifdef MAP_DENYWRITE
	FLAG(MAP_DENYWRITE),
#endif
#ifdef MAP_EXECUTABLE
	FLAG(MAP_EXECUTABLE),
#endif
#ifdef MAP_LOCKED
	FLAG(MAP_LOCKED),
#endif
#ifdef MAP_NORESERVE
	FLAG(MAP_NORESERVE),
#endif
#ifdef MAP_POPULATE
	FLAG(MAP_POPULATE),
#endif
#ifdef MAP_NONBLOCK
	FLAG(MAP_NONBLOCK),
#endif
#ifdef MAP_STACK
	FLAG(MAP_STACK),
#endif
#ifdef MAP_HUGETLB
	FLAG(MAP_HUGETLB),
#endif
#ifdef MAP_SYNC
	FLAG(MAP_SYNC),
#endif
#ifdef MAP_FIXED_NOREPLACE
	FLAG(MAP_FIXED_NOREPLACE),
#endif
#ifdef MAP_UNINITIALIZED
	FLAG(MAP_UNINITIALIZED),
#endif
};

/* Page sizes with MAP_HUGETLB, from <linux/mman.h> (the values are
 * HUGETLB_FLAG_ENCODE_* of <asm-generic/hugetlb_encode.h>). */
static const struct flag map_huge[] = {
	FLAG(MAP_HUGE_16KB),
	FLAG(MAP_HUGE_64KB),
	FLAG(MAP_HUGE_512KB),
	FLAG(MAP_HUGE_1MB),
	FLAG(MAP_HUGE_2MB),
	FLAG(MAP_HUGE_8MB),
	FLAG(MAP_HUGE_16MB),
	FLAG(MAP_HUGE_32MB),
	FLAG(MAP_HUGE_256MB),
	FLAG(MAP_HUGE_512MB),
	FLAG(MAP_HUGE_1GB),
	FLAG(MAP_HUGE_2GB),
	FLAG(MAP_HUGE_16GB),
};

void dec_mmap_prot(struct sb *s, uint64_t prot)
{
	flags_print(s, prot, prot_flags, FLAGS_N(prot_flags), "PROT_NONE");
}

void dec_mmap_flags(struct sb *s, uint64_t flags)
{
	const uint64_t huge_bits = (uint64_t)MAP_HUGE_MASK << MAP_HUGE_SHIFT;
	const char *type = flags_lookup(flags & MAP_TYPE, map_types,
					FLAGS_N(map_types));
	uint64_t rest = flags, huge = 0;
	int any = 0;

	if (!flags) {
		sb_char(s, '0');
		return;
	}
	if (type) {
		sb_str(s, type);
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
		flags_print(s, rest, map_flags, FLAGS_N(map_flags), NULL);
		any = 1;
	}
	if (huge) {
		const char *name = flags_lookup(huge, map_huge,
						FLAGS_N(map_huge));

		if (any)
			sb_char(s, '|');
		if (name) {
			sb_str(s, name);
		} else {
			sb_u64(s, huge >> MAP_HUGE_SHIFT);
			sb_str(s, "<<MAP_HUGE_SHIFT");
		}
	}
}
