/* Unit tests for flags.c: bit sets to "A|B|0x40", exact lookups, %#x,
 * packed tables of every value width, with and without a prefix. */
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

/* BOTH comes before its parts: it takes both bits; NOTHING never
 * matches a bit */
#define TAB(_)                                                                \
	_(BOTH, 0x3) _(ONE, 0x1) _(TWO, 0x2) _(EIGHT, 0x8) _(NOTHING, 0x0)    \
	_(TOP, 0x8000000000000000ull)
FLAGS_TABLE_OF(tab, uint64_t, , TAB);

#define PARTS(_) _(ONE, 0x1) _(TWO, 0x2) _(EIGHT, 0x8)
FLAGS_TABLE_OF(parts, uint64_t, , PARTS);

/* The other widths, and a prefix printed before every name. */
#define NARROW(_) _(ONE, 0x1) _(TWO, 0x2) _(BIG, 0x80)
FLAGS_TABLE_OF(narrow, uint8_t, PRE_, NARROW);
#define MEDIUM(_) _(LOW, 0x1) _(HIGH, 0x8000)
FLAGS_TABLE_OF(medium, uint16_t, M_, MEDIUM);
#define LARGE(_) _(LOW, 0x1) _(HIGH, 0x80000000)
FLAGS_TABLE_OF(large, uint32_t, L_, LARGE);

/* FLAGS_TABLE takes the value of the macro prefix##NAME. */
#define T_A 0x10
#define T_B 0x20
#define FROM_MACROS(_, p) _(p, A) _(p, B)
FLAGS_TABLE(from_macros, uint8_t, T_, FROM_MACROS);

static void test_named_bits_are_joined_in_table_order(void)
{
	EXPECT_STR(OUT(flags_print(fresh(), 0x9, parts, NULL)),
		   "ONE|EIGHT");
	EXPECT_STR(OUT(flags_print(fresh(), 0x8, tab, NULL)),
		   "EIGHT");
}

static void test_a_multi_bit_entry_takes_its_bits_first(void)
{
	EXPECT_STR(OUT(flags_print(fresh(), 0xb, tab, NULL)),
		   "BOTH|EIGHT");
	/* with only one of its bits set, the parts are named */
	EXPECT_STR(OUT(flags_print(fresh(), 0x2, tab, NULL)),
		   "TWO");
}

static void test_unknown_bits_are_one_hex_number_at_the_end(void)
{
	EXPECT_STR(OUT(flags_print(fresh(), 0x1f0, tab, NULL)),
		   "0x1f0");
	EXPECT_STR(OUT(flags_print(fresh(), 0x41, parts, NULL)),
		   "ONE|0x40");
}

static void test_zero_prints_if_zero_or_0(void)
{
	EXPECT_STR(OUT(flags_print(fresh(), 0, tab, NULL)),
		   "0");
	EXPECT_STR(OUT(flags_print(fresh(), 0, tab,
				   "PROT_NONE")),
		   "PROT_NONE");
}

static void test_all_64_bits(void)
{
	EXPECT_STR(OUT(flags_print(fresh(), UINT64_MAX, tab,
				   NULL)),
		   "BOTH|EIGHT|TOP|0x7ffffffffffffff4");
	EXPECT_STR(OUT(flags_print(fresh(), UINT64_MAX, narrow, NULL)),
		   "PRE_ONE|PRE_TWO|PRE_BIG|0xffffffffffffff7c");
}

static void test_lookup_is_exact(void)
{
	EXPECT_INT(flags_find(tab, 0x8), 3);
	EXPECT_INT(flags_find(tab, 0x0), 4);
	EXPECT_INT(flags_find(tab, 0x9), -1);
	EXPECT_INT(flags_name(fresh(), tab, 0x8), 1);
	EXPECT_STR(buf, "EIGHT");
	EXPECT_INT(flags_name(fresh(), tab, 0x9), 0);
	EXPECT_STR(buf, "");
	/* a narrow table does not match a wider value by its low bits */
	EXPECT_INT(flags_find(narrow, 0x101), -1);
}

static void test_every_width_and_the_prefix(void)
{
	EXPECT_STR(OUT(flags_print(fresh(), 0x83, narrow, NULL)),
		   "PRE_ONE|PRE_TWO|PRE_BIG");
	EXPECT_STR(OUT(flags_print(fresh(), 0x18001, medium, NULL)),
		   "M_LOW|M_HIGH|0x10000");
	EXPECT_STR(OUT(flags_print(fresh(), 0x180000001ull, large, NULL)),
		   "L_LOW|L_HIGH|0x100000000");
	EXPECT_STR(OUT(flags_print(fresh(), 0x30, from_macros, NULL)),
		   "T_A|T_B");
	EXPECT_INT(flags_value(medium, 1), 0x8000);
	EXPECT_INT(flags_value(large, 1), 0x80000000);
	EXPECT_INT(flags_value(from_macros, 1), T_B);
	EXPECT_STR(OUT(flags_name_at(fresh(), medium, 1)), "M_HIGH");
	EXPECT_STR(OUT(flags_name_at(fresh(), tab, 5)), "TOP");
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
		flags_print(&s, UINT64_MAX, tab, NULL);
		EXPECT_TRUE(s.len < cap);
		EXPECT_TRUE(small[s.len] == '\0');
		EXPECT_TRUE(strncmp(small, full, s.len) == 0);
		EXPECT_INT(s.cut, cap <= strlen(full));
		EXPECT_TRUE(small[cap] == '#');
	}
}

/* A prefix and its name go in whole or not at all, as a plain name
 * would: no "PRE_" without the name after it. */
static void test_a_prefixed_name_is_never_cut_in_two(void)
{
	const char *full = "PRE_ONE|PRE_TWO";
	char small_buf[24];
	size_t cap;

	for (cap = 1; cap <= strlen(full) + 1; cap++) {
		struct sb s;

		sb_init(&s, small_buf, cap);
		flags_print(&s, 0x3, narrow, NULL);
		EXPECT_TRUE(s.len == 0 || s.len == 7 || s.len == 8 ||
			    s.len == strlen(full));
		EXPECT_TRUE(strncmp(small_buf, full, s.len) == 0);
		EXPECT_INT(s.cut, cap <= strlen(full));
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
	test_every_width_and_the_prefix();
	test_output_stays_within_a_small_builder();
	test_a_prefixed_name_is_never_cut_in_two();
	return expect_summary("test_flags");
}
