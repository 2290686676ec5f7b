/* sb: numbers come out as printf would write them (the digits are made
 * with a multiply, not a divide: every boundary of a power of ten and the
 * largest values are checked, and a sweep against snprintf), appends of
 * every size up to and past the copy's 64-byte switch are exact, and a
 * builder that is full stays cut. */
#include <stdio.h>

#include "expect.h"
#include "sb.h"

static char buf[256];
static struct sb s;

static const char *u64(uint64_t v)
{
	sb_init(&s, buf, sizeof(buf));
	sb_u64(&s, v);
	return buf;
}

static void numbers_are_printfs(void)
{
	char want[32];
	uint64_t p = 1, x = 0x9e3779b97f4a7c15ull;
	int k, bad = 0;

	for (k = 0; k < 20; k++, p *= 10) {
		uint64_t around[3] = { p - 1, p, p + 1 };
		int j;

		for (j = 0; j < 3; j++) {
			snprintf(want, sizeof(want), "%llu", (unsigned long long)around[j]);
			EXPECT_STR(u64(around[j]), want);
		}
	}
	EXPECT_STR(u64(UINT64_MAX), "18446744073709551615");
	EXPECT_STR(u64(UINT64_MAX - 1), "18446744073709551614");
	EXPECT_STR(u64(0), "0");
	/* a million pseudo-random values, all magnitudes */
	for (k = 0; k < 1000000; k++) {
		uint64_t v;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		v = x >> (k % 64);
		snprintf(want, sizeof(want), "%llu", (unsigned long long)v);
		bad += strcmp(u64(v), want) != 0;
	}
	EXPECT_INT(bad, 0);
	sb_init(&s, buf, sizeof(buf));
	sb_u64_pad(&s, 42, 9);
	EXPECT_STR(buf, "000000042");
	sb_init(&s, buf, sizeof(buf));
	sb_time_ns(&s, 1764218493123456789ull);
	EXPECT_STR(buf, "1764218493.123456789");
	sb_init(&s, buf, sizeof(buf));
	sb_i64(&s, INT64_MIN);
	EXPECT_STR(buf, "-9223372036854775808");
}

static void appends_of_every_size_are_exact(void)
{
	char src[200], want[256];
	size_t n, i;

	for (i = 0; i < sizeof(src); i++)
		src[i] = (char)('a' + i % 26);
	for (n = 0; n < sizeof(src); n++) {
		sb_init(&s, buf, sizeof(buf));
		sb_char(&s, '<');
		sb_mem(&s, src, n);
		sb_char(&s, '>');
		snprintf(want, sizeof(want), "<%.*s>", (int)n, src);
		EXPECT_STR(buf, want);
		EXPECT_INT(s.len, n + 2);
		EXPECT_INT(s.cut, 0);
	}
	/* one byte is kept for the NUL: 255 fit in 256, 256 do not, and a
	 * cut builder takes nothing more */
	sb_init(&s, buf, sizeof(buf));
	sb_mem(&s, src, 200);
	sb_mem(&s, src, 55);
	EXPECT_INT(s.len, 255);
	EXPECT_INT(s.cut, 0);
	sb_char(&s, 'x');
	EXPECT_INT(s.cut, 1);
	EXPECT_INT(s.len, 255);
	sb_init(&s, buf, 8);
	sb_str(&s, "12345678");
	EXPECT_INT(s.cut, 1);
	EXPECT_STR(buf, "");
	sb_char(&s, 'a');
	EXPECT_STR(buf, "");
}

int main(void)
{
	numbers_are_printfs();
	appends_of_every_size_are_exact();
	return expect_summary("test_sb");
}
