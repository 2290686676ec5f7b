/* fmt: our snprintf subset must agree with the C library's on every
 * conversion we use, and the decimal parser must refuse what is not a
 * number in range. */
#include <limits.h>
#include <stdio.h>

#include "expect.h"
#include "fmt.h"

#define SAME(...)                                                             \
	do {                                                                  \
		char a_[128], b_[128];                                        \
		int x_ = fmt_snprintf(a_, sizeof(a_), __VA_ARGS__);           \
		int y_ = snprintf(b_, sizeof(b_), __VA_ARGS__);               \
		EXPECT_STR(a_, b_);                                           \
		EXPECT_INT(x_, y_);                                           \
	} while (0)

static void conversions_match_the_c_library(void)
{
	SAME("plain text");
	SAME("%s|%10s|%-6s|%.3s|%.*s", "abc", "right", "left", "truncate", 2,
	     "xyz");
	SAME("%d %d %d %i", 0, -1, INT_MIN, INT_MAX);
	SAME("%u %x %02x %08x", 0u, 0xabcu, 5u, 0xdeadbeefu);
	SAME("%ld %lu %lld %llu", LONG_MIN, ULONG_MAX, LLONG_MIN, ULLONG_MAX);
	SAME("%llx %03llu %5d|%-5d|%05d", 0x123456789abcdefull, 7ull, 42, 42, -42);
	SAME("%zu %c%c %%", (size_t)123, 'o', 'k');
	SAME("pc%+d r10 %+d %+d %+5d|%-+5d|", 42, -4, 0, 7, 7); /* dump.c */
}

static void output_is_cut_like_snprintf(void)
{
	char s[4];

	EXPECT_INT(fmt_snprintf(s, sizeof(s), "%s", "abcdef"), 6);
	EXPECT_STR(s, "abc");
	EXPECT_INT(fmt_snprintf(s, 1, "%d", 12345), 5);
	EXPECT_STR(s, "");
	EXPECT_INT(fmt_snprintf(NULL, 0, "%s-%d", "ab", 7), 4);
}

static void decimal_parser_accepts_only_numbers_in_range(void)
{
	unsigned long v = 99;
	const char *end = NULL;

	EXPECT_INT(fmt_parse_ulong("0", 10, &v, &end), 0);
	EXPECT_INT(v, 0);
	EXPECT_INT(fmt_parse_ulong("4096x", 4096, &v, &end), 0);
	EXPECT_INT(v, 4096);
	EXPECT_STR(end, "x");
	EXPECT_INT(fmt_parse_ulong("4097", 4096, &v, &end), -1);
	EXPECT_INT(fmt_parse_ulong("", 10, &v, &end), -1);
	EXPECT_INT(fmt_parse_ulong("-1", 10, &v, &end), -1);
	EXPECT_INT(fmt_parse_ulong(" 1", 10, &v, &end), -1);
	EXPECT_INT(fmt_parse_ulong("18446744073709551615", ULONG_MAX, &v, NULL),
		   0);
	EXPECT_TRUE(v == ULONG_MAX);
	EXPECT_INT(fmt_parse_ulong("18446744073709551616", ULONG_MAX, &v, NULL),
		   -1);
}

int main(void)
{
	conversions_match_the_c_library();
	output_is_cut_like_snprintf();
	decimal_parser_accepts_only_numbers_in_range();
	return expect_summary("test_fmt");
}
