/* Unit tests for dec_mem.c: mmap/mprotect protections and mmap flags.
 * Inputs come from the UAPI macros (mmap flags differ on mips); the
 * x86_64 rows pin raw numbers to strace 6.1's text on this machine. */
#include <linux/mman.h>

#include "dec.h"
#include "expect.h"

static char buf[512];
static struct sb sb;

static struct sb *fresh(void)
{
	sb_init(&sb, buf, sizeof(buf));
	return &sb;
}

#define OUT(call) ((call), buf)

static void test_model_files_are_mapped_read_only_and_private(void)
{
	/* safetensors/GGUF loaders: mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0) */
	EXPECT_STR(OUT(dec_mmap_prot(fresh(), PROT_READ)), "PROT_READ");
	EXPECT_STR(OUT(dec_mmap_flags(fresh(), MAP_PRIVATE)), "MAP_PRIVATE");
	EXPECT_STR(OUT(dec_mmap_flags(fresh(), MAP_SHARED)), "MAP_SHARED");
}

static void test_what_malloc_ld_so_and_pthreads_map(void)
{
	EXPECT_STR(OUT(dec_mmap_prot(fresh(), PROT_READ | PROT_WRITE)),
		   "PROT_READ|PROT_WRITE");
	EXPECT_STR(OUT(dec_mmap_prot(fresh(), PROT_READ | PROT_EXEC)),
		   "PROT_READ|PROT_EXEC");
	EXPECT_STR(OUT(dec_mmap_flags(fresh(), MAP_PRIVATE | MAP_ANONYMOUS)),
		   "MAP_PRIVATE|MAP_ANONYMOUS");
	EXPECT_STR(OUT(dec_mmap_flags(fresh(), MAP_PRIVATE | MAP_FIXED |
					       MAP_DENYWRITE)),
		   "MAP_PRIVATE|MAP_FIXED|MAP_DENYWRITE");
	EXPECT_STR(OUT(dec_mmap_flags(fresh(), MAP_PRIVATE | MAP_ANONYMOUS |
					       MAP_STACK)),
		   "MAP_PRIVATE|MAP_ANONYMOUS|MAP_STACK");
#ifdef MAP_SYNC /* not on mips */
	EXPECT_STR(OUT(dec_mmap_flags(fresh(), MAP_SHARED_VALIDATE |
					       MAP_SYNC)),
		   "MAP_SHARED_VALIDATE|MAP_SYNC");
#endif
}

static void test_no_protection_is_prot_none(void)
{
	EXPECT_STR(OUT(dec_mmap_prot(fresh(), PROT_NONE)), "PROT_NONE");
}

static void test_unknown_prot_bits_are_hex(void)
{
	EXPECT_STR(OUT(dec_mmap_prot(fresh(), PROT_READ | PROT_WRITE |
					      PROT_EXEC | 0x100)),
		   "PROT_READ|PROT_WRITE|PROT_EXEC|0x100");
	EXPECT_STR(OUT(dec_mmap_prot(fresh(), 0x100)), "0x100");
}

static void test_huge_page_sizes_are_named_with_map_hugetlb(void)
{
	EXPECT_STR(OUT(dec_mmap_flags(fresh(), MAP_PRIVATE | MAP_ANONYMOUS |
					       MAP_HUGETLB | MAP_HUGE_2MB)),
		   "MAP_PRIVATE|MAP_ANONYMOUS|MAP_HUGETLB|MAP_HUGE_2MB");
	EXPECT_STR(OUT(dec_mmap_flags(fresh(), MAP_SHARED | MAP_HUGETLB |
					       MAP_HUGE_1GB)),
		   "MAP_SHARED|MAP_HUGETLB|MAP_HUGE_1GB");
	/* a size with no MAP_HUGE_* name: strace's form */
	EXPECT_STR(OUT(dec_mmap_flags(fresh(), MAP_PRIVATE | MAP_HUGETLB |
					       (17u << MAP_HUGE_SHIFT))),
		   "MAP_PRIVATE|MAP_HUGETLB|17<<MAP_HUGE_SHIFT");
	/* MAP_HUGETLB without a size: the default huge page size */
	EXPECT_STR(OUT(dec_mmap_flags(fresh(), MAP_PRIVATE | MAP_ANONYMOUS |
					       MAP_HUGETLB)),
		   "MAP_PRIVATE|MAP_ANONYMOUS|MAP_HUGETLB");
}

static void test_size_bits_without_map_hugetlb_are_flags(void)
{
#ifdef MAP_UNINITIALIZED /* not on mips */
	/* MAP_UNINITIALIZED is bit 26, the first MAP_HUGE_SHIFT bit */
	EXPECT_STR(OUT(dec_mmap_flags(fresh(), MAP_PRIVATE | MAP_ANONYMOUS |
					       MAP_UNINITIALIZED)),
		   "MAP_PRIVATE|MAP_ANONYMOUS|MAP_UNINITIALIZED");
#endif
}

static void test_zero_and_unknown_mmap_types(void)
{
	EXPECT_STR(OUT(dec_mmap_flags(fresh(), 0)), "0");
	/* 0xf is no mapping type: left as a number */
	EXPECT_STR(OUT(dec_mmap_flags(fresh(), MAP_TYPE)), "0xf");
	EXPECT_STR(OUT(dec_mmap_flags(fresh(), MAP_ANONYMOUS)),
		   "MAP_ANONYMOUS");
}

#ifdef __x86_64__
static void test_x86_64_numbers_read_as_strace_prints_them(void)
{
	EXPECT_STR(OUT(dec_mmap_prot(fresh(), 0x107)),
		   "PROT_READ|PROT_WRITE|PROT_EXEC|0x100");
	EXPECT_STR(OUT(dec_mmap_flags(fresh(), 0x22)),
		   "MAP_PRIVATE|MAP_ANONYMOUS");
	EXPECT_STR(OUT(dec_mmap_flags(fresh(), 0x812)),
		   "MAP_PRIVATE|MAP_FIXED|MAP_DENYWRITE");
	EXPECT_STR(OUT(dec_mmap_flags(fresh(), 0x20022)),
		   "MAP_PRIVATE|MAP_ANONYMOUS|MAP_STACK");
	EXPECT_STR(OUT(dec_mmap_flags(fresh(), 0x40022 | (21u << 26))),
		   "MAP_PRIVATE|MAP_ANONYMOUS|MAP_HUGETLB|MAP_HUGE_2MB");
	/* strace prints "23<<MAP_HUGE_SHIFT" here; 23 is MAP_HUGE_8MB */
	EXPECT_STR(OUT(dec_mmap_flags(fresh(), 0x3 | 0x40000 | 0x100000 |
					       (23u << 26))),
		   "MAP_SHARED_VALIDATE|MAP_HUGETLB|MAP_FIXED_NOREPLACE|"
		   "MAP_HUGE_8MB");
	EXPECT_STR(OUT(dec_mmap_flags(fresh(), 0x40 | 0x22)),
		   "MAP_PRIVATE|MAP_ANONYMOUS|MAP_32BIT");
	EXPECT_STR(OUT(dec_mmap_flags(fresh(), 0xffffffff)),
		   "MAP_FIXED|MAP_ANONYMOUS|MAP_32BIT|MAP_GROWSDOWN|"
		   "MAP_DENYWRITE|MAP_EXECUTABLE|MAP_LOCKED|MAP_NORESERVE|"
		   "MAP_POPULATE|MAP_NONBLOCK|MAP_STACK|MAP_HUGETLB|MAP_SYNC|"
		   "MAP_FIXED_NOREPLACE|0x3e0068f|63<<MAP_HUGE_SHIFT");
	EXPECT_STR(OUT(dec_mmap_prot(fresh(), UINT64_MAX)),
		   "PROT_READ|PROT_WRITE|PROT_EXEC|PROT_SEM|PROT_GROWSDOWN|"
		   "PROT_GROWSUP|0xfffffffffcfffff0");
}
#endif

static void test_output_stays_within_a_small_builder(void)
{
	uint64_t v = MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB | MAP_HUGE_2MB;
	char full[256], small[256];
	struct sb s;
	size_t cap, n;

	sb_init(&s, full, sizeof(full));
	dec_mmap_flags(&s, v);
	n = s.len;
	for (cap = 1; cap <= n + 1; cap++) {
		memset(small, '#', sizeof(small));
		sb_init(&s, small, cap);
		dec_mmap_flags(&s, v);
		EXPECT_TRUE(s.len < cap && small[s.len] == '\0');
		EXPECT_TRUE(strncmp(small, full, s.len) == 0);
		EXPECT_INT(s.cut, cap <= n);
		EXPECT_TRUE(small[cap] == '#');
	}
}

int main(void)
{
	test_model_files_are_mapped_read_only_and_private();
	test_what_malloc_ld_so_and_pthreads_map();
	test_no_protection_is_prot_none();
	test_unknown_prot_bits_are_hex();
	test_huge_page_sizes_are_named_with_map_hugetlb();
	test_size_bits_without_map_hugetlb_are_flags();
	test_zero_and_unknown_mmap_types();
#ifdef __x86_64__
	test_x86_64_numbers_read_as_strace_prints_them();
#endif
	test_output_stays_within_a_small_builder();
	return expect_summary("test_dec_mem");
}
