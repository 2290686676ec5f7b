/* Interned strings: one copy each, NUL bytes kept, numbered in order. */
#include "expect.h"
#include "intern.h"

int main(void)
{
	struct intern t = { 0 };
	const struct istr *a = intern(&t, "abc", 3), *b, *n1, *n2;
	char buf[16];
	int i;

	EXPECT_TRUE(a && a->n == 3 && a->id == 1 && !strcmp(a->s, "abc"));
	EXPECT_TRUE(intern_cstr(&t, "abc") == a);
	n1 = intern(&t, "a\0b", 3);
	n2 = intern(&t, "a\0c", 3);
	EXPECT_TRUE(n1 != n2 && n1 != a);
	EXPECT_TRUE(intern(&t, "a\0b", 3) == n1);
	EXPECT_TRUE(intern(&t, "", 0)->n == 0);
	for (i = 0; i < 20000; i++) { /* grows the table */
		snprintf(buf, sizeof(buf), "s%d", i);
		intern_cstr(&t, buf);
	}
	b = intern_cstr(&t, "s123");
	EXPECT_TRUE(b == intern_cstr(&t, "s123") && !strcmp(b->s, "s123"));
	EXPECT_TRUE(intern_cstr(&t, "abc") == a);
	EXPECT_INT(t.count, 20004);
	intern_free(&t);
	return expect_summary("test_intern");
}
