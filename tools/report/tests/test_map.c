/* The 64-bit key map: absent keys, overwrites, growth, keys that
 * collide in their low bits. */
#include "expect.h"
#include "map.h"

int main(void)
{
	struct map m = { 0 };
	uint64_t k;
	int bad = 0;

	EXPECT_INT(map_get(&m, 7), 0);
	EXPECT_INT(map_put(&m, 7, 70), 0);
	EXPECT_INT(map_get(&m, 7), 70);
	EXPECT_INT(map_put(&m, 7, 71), 0);
	EXPECT_INT(map_get(&m, 7), 71);
	EXPECT_INT(m.count, 1);
	for (k = 0; k < 100000; k++)
		map_put(&m, k << 32 | 5, (uint32_t)k + 1);
	for (k = 0; k < 100000; k++)
		bad += map_get(&m, k << 32 | 5) != (uint32_t)k + 1;
	EXPECT_INT(bad, 0);
	EXPECT_INT(map_get(&m, 100000ull << 32 | 5), 0);
	EXPECT_INT(map_get(&m, 7), 71);
	EXPECT_INT(map_get(&m, UINT64_MAX), 0);
	map_free(&m);
	return expect_summary("test_map");
}
