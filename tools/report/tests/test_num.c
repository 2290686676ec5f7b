/* Numbers for people. */
#include "expect.h"
#include "num.h"

int main(void)
{
	char b[NUM_BUF];

	EXPECT_STR(num_count(b, 0), "0");
	EXPECT_STR(num_count(b, 999), "999");
	EXPECT_STR(num_count(b, 5211), "5,211");
	EXPECT_STR(num_count(b, 1234567), "1,234,567");
	EXPECT_STR(num_count(b, UINT64_MAX), "18,446,744,073,709,551,615");
	EXPECT_STR(num_size(b, 0), "0 B");
	EXPECT_STR(num_size(b, 1023), "1023 B");
	EXPECT_STR(num_size(b, 1024), "1.0 KiB");
	EXPECT_STR(num_size(b, 1613), "1.6 KiB");
	EXPECT_STR(num_size(b, 432013312), "412 MiB");
	EXPECT_STR(num_size(b, 99 * 1048576 + 1048576 * 99 / 100), "100 MiB");
	EXPECT_STR(num_size(b, 99 * 1048576 + 1048576 * 94 / 100), "99.9 MiB");
	EXPECT_STR(num_size(b, 4ull << 30), "4.0 GiB");
	EXPECT_STR(num_size(b, UINT64_MAX), "16384 PiB");
	EXPECT_STR(num_dur(b, 0), "0.000 ms");
	EXPECT_STR(num_dur(b, 123456), "0.123 ms");
	EXPECT_STR(num_dur(b, 12345678), "12.3 ms");
	EXPECT_STR(num_dur(b, 4270000000ull), "4.27 s");
	EXPECT_STR(num_rel(b, 1500, 1000), "+0.000000");
	EXPECT_STR(num_rel(b, 5162000000ull + 7, 7), "+5.162000");
	EXPECT_STR(num_rel(b, 1, 2000001), "-0.002000");
	EXPECT_STR(num_rel(b, 0, 5), "?");
	return expect_summary("test_num");
}
