/* Unit tests for flags.c: bit sets to "A|B|0x40", exact lookups, %#x. */
#include <stdint.h>
#include <string.h>

#include "expect.h"
#include "flags.h"

static char buf[256];
static struct sb sb;

static struct sb *fresh(void)
{
	sb_init(&sb, buf, sizeof(buf));
	return &sb;
}

#define OUT(call) ((call), buf)

static const struct flag tab[] = {
	{ 0x3, "BOTH" }, /* before its parts: it takes both bits */
	{ 0x1, "ONE" },
	{ 0x2, "TWO" },
	{ 0x8, "EIGHT" },
	{ 0x0, "NOTHING" }, /* never matches a bit */
	{ 0x8000000000000000ull, "TOP" },
};

static void test_named_bits_are_joined_in_table_order(void)
{
	EXPECT_STR(OUT(flags_print(fresh(), 0x9, tab + 1, 3, NULL)),
		   "ONE|EIGHT");
	EXPECT_STR(OUT(flags_print(fresh(), 0x8, tab, FLAGS_N(tab), NULL)),
		   "EIGHT");
}

static void test_a_multi_bit_entry_takes_its_bits_first(void)
{
	EXPECT_STR(OUT(flags_print(fresh(), 0xb, tab, FLAGS_N(tab), NULL)),
		   "BOTH|EIGHT");
	/* with only one of its bits set, the parts are named */
	EXPECT_STR(OUT(flags_print(fresh(), 0x2, tab, FLAGS_N(tab), NULL)),
		   "TWO");
}

static void test_unknown_bits_are_one_hex_number_at_the_end(void)
{
	EXPECT_STR(OUT(flags_print(fresh(), 0x1f0, tab, FLAGS_N(tab), NULL)),
		   "0x1f0");
	EXPECT_STR(OUT(flags_print(fresh(), 0x41, tab + 1, 3, NULL)),
		   "ONE|0x40");
}

static void test_zero_prints_if_zero_or_0(void)
{
	EXPECT_STR(OUT(flags_print(fresh(), 0, tab, FLAGS_N(tab), NULL)),
		   "0");
	EXPECT_STR(OUT(flags_print(fresh(), 0, tab, FLAGS_N(tab),
				   "PROT_NONE")),
		   "PROT_NONE");
}

static void test_all_64_bits(void)
{
	EXPECT_STR(OUT(flags_print(fresh(), UINT64_MAX, tab, FLAGS_N(tab),
				   NULL)),
		   "BOTH|EIGHT|TOP|0x7ffffffffffffff4");
	EXPECT_STR(OUT(flags_print(fresh(), UINT64_MAX, tab, 0, NULL)),
		   "0xffffffffffffffff");
}

static void test_lookup_is_exact(void)
{
	EXPECT_STR(flags_lookup(0x8, tab, FLAGS_N(tab)), "EIGHT");
	EXPECT_STR(flags_lookup(0x0, tab, FLAGS_N(tab)), "NOTHING");
	EXPECT_TRUE(flags_lookup(0x9, tab, FLAGS_N(tab)) == NULL);
}

static void test_hex_is_strace_style(void)
{
	EXPECT_STR(OUT(flags_hex(fresh(), 0)), "0");
	EXPECT_STR(OUT(flags_hex(fresh(), 0x2a)), "0x2a");
}

/* A full builder keeps a prefix of the text, NUL-terminated, and says it
 * was cut; nothing is written past its end. */
static void test_output_stays_within_a_small_builder(void)
{
	const char *full = "BOTH|EIGHT|TOP|0x7ffffffffffffff4";
	char small[40];
	size_t cap;

	for (cap = 1; cap <= strlen(full) + 1; cap++) {
		struct sb s;

		memset(small, '#', sizeof(small));
		sb_init(&s, small, cap);
		flags_print(&s, UINT64_MAX, tab, FLAGS_N(tab), NULL);
		EXPECT_TRUE(s.len < cap);
		EXPECT_TRUE(small[s.len] == '\0');
		EXPECT_TRUE(strncmp(small, full, s.len) == 0);
		EXPECT_INT(s.cut, cap <= strlen(full));
		EXPECT_TRUE(small[cap] == '#');
	}
}

int main(void)
{
	test_named_bits_are_joined_in_table_order();
	test_a_multi_bit_entry_takes_its_bits_first();
	test_unknown_bits_are_one_hex_number_at_the_end();
	test_zero_prints_if_zero_or_0();
	test_all_64_bits();
	test_lookup_is_exact();
	test_hex_is_strace_style();
	test_output_stays_within_a_small_builder();
	return expect_summary("test_flags");
}
