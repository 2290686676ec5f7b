/* The HTML escaper against attacks: markup, a script element, attribute
 * breakouts, terminal escapes, bidi overrides, NUL, ill-formed UTF-8,
 * and output cut at every size. */
#include "expect.h"
#include "htmlesc.h"

static const char *esc(const char *s, size_t n)
{
	static char out[1024];

	htmlesc(out, sizeof(out), (const unsigned char *)s, n, NULL);
	return out;
}

#define ESC(lit) esc(lit, sizeof(lit) - 1)

int main(void)
{
	char small[16];
	size_t used, w, cap;
	static const char attack[] = "<script>alert(1)</script>\"'&\x1b[2J\n\xe2\x80\xae";

	EXPECT_STR(ESC("plain/path.pt"), "plain/path.pt");
	EXPECT_STR(ESC("<script>alert(1)</script>"),
		   "&lt;script&gt;alert(1)&lt;/script&gt;");
	EXPECT_STR(ESC("\" onmouseover=\"x' &amp;"),
		   "&quot; onmouseover=&quot;x&#39; &amp;amp;");
	EXPECT_STR(ESC("a\nb\tc\rd\\e"), "a\\nb\\tc\\rd\\\\e");
	EXPECT_STR(ESC("\x1b[31mred\x7f"), "\\x1b[31mred\\x7f");
	EXPECT_STR(ESC("nul\0here"), "nul\\x00here");
	/* well-formed UTF-8 passes; what reorders or hides text does not */
	EXPECT_STR(ESC("caf\xc3\xa9 \xe6\x97\xa5 \xf0\x9f\x98\x80"),
		   "caf\xc3\xa9 \xe6\x97\xa5 \xf0\x9f\x98\x80");
	EXPECT_STR(ESC("evil\xe2\x80\xaegpj.pt"), "evil\\u202egpj.pt");
	EXPECT_STR(ESC("a\xe2\x80\x8b" "b\xef\xbb\xbf" "c\xc2\x85" "d\xe2\x80\xa8"),
		   "a\\u200bb\\ufeffc\\u0085d\\u2028");
	/* ill-formed: lone continuation, overlong, surrogate, cut, > U+10FFFF */
	EXPECT_STR(ESC("\x80"), "\\x80");
	EXPECT_STR(ESC("\xc0\xaf"), "\\xc0\\xaf");
	EXPECT_STR(ESC("\xed\xa0\x80"), "\\xed\\xa0\\x80");
	EXPECT_STR(ESC("ab\xe6\x97"), "ab\\xe6\\x97");
	EXPECT_STR(ESC("\xf4\x90\x80\x80"), "\\xf4\\x90\\x80\\x80");

	/* bounded: never a split escape, always NUL-terminated, consumed
	 * tells how far it got */
	for (cap = 1; cap <= sizeof(small); cap++) {
		w = htmlesc(small, cap, (const unsigned char *)attack,
			    sizeof(attack) - 1, &used);
		EXPECT_TRUE(w < cap);
		EXPECT_TRUE(small[w] == '\0');
		EXPECT_TRUE(used <= sizeof(attack) - 1);
		EXPECT_TRUE(!strchr(small, '<') && !strchr(small, '"'));
	}
	w = htmlesc(small, 10, (const unsigned char *)"a<b", 3, &used);
	EXPECT_STR(small, "a&lt;b");
	EXPECT_INT(used, 3);
	w = htmlesc(small, 5, (const unsigned char *)"a<b", 3, &used);
	EXPECT_STR(small, "a");
	EXPECT_INT(used, 1);
	EXPECT_INT(htmlesc(small, 0, (const unsigned char *)"x", 1, &used), 0);
	EXPECT_INT(used, 0);
	return expect_summary("test_htmlesc");
}
