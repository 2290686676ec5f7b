/* mem: blocks are zeroed, writable to their full size, grow keeping their
 * contents, and free cleanly. */
#include "expect.h"
#include "mem.h"

int main(void)
{
	unsigned char *p = mem_alloc(100000), *q;
	size_t i, zero = 1;
	char *s;

	EXPECT_TRUE(p != NULL);
	for (i = 0; i < 100000; i++)
		zero &= p[i] == 0;
	EXPECT_TRUE(zero);
	for (i = 0; i < 100000; i++)
		p[i] = (unsigned char)i;
	q = mem_realloc(p, 300000);
	EXPECT_TRUE(q != NULL);
	EXPECT_INT(q[99999], (unsigned char)99999);
	EXPECT_INT(q[299999], 0);
	EXPECT_TRUE(mem_realloc(q, 10) == q); /* shrinking keeps the block */
	mem_free(q);
	mem_free(NULL);
	s = mem_strdup("/models/tiny.gguf");
	EXPECT_STR(s, "/models/tiny.gguf");
	mem_free(s);
	EXPECT_TRUE(mem_alloc((size_t)-1) == NULL);
	return expect_summary("test_mem");
}
