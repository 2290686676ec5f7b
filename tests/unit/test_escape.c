/* Unit tests for escape.c: what each style makes of hostile bytes, and
 * that the output is bounded, NUL-terminated and never cut mid-escape. */
#include <string.h>

#include "escape.h"
#include "expect.h"

struct row {
	const char *what;
	const char *in;
	size_t len;
	const char *c, *word, *json;
};

#define ROW(what, lit, c, w, j) { what, lit, sizeof(lit) - 1, c, w, j }

static const struct row rows[] = {
	ROW("a forged log line stays on one line",
	    "x\n1764000000.000000000 sshd 1/1 openat(...)",
	    "x\\n1764000000.000000000 sshd 1/1 openat(...)",
	    "x\\n1764000000.000000000\\x20sshd\\x201/1\\x20openat(...)",
	    "x\\n1764000000.000000000 sshd 1/1 openat(...)"),
	ROW("a clear-screen sequence loses its ESC",
	    "\x1b[2J",
	    "\\x1b[2J", "\\x1b[2J", "\\u001b[2J"),
	ROW("a set-title OSC loses its ESC and BEL",
	    "\x1b]0;title\x07",
	    "\\x1b]0;title\\x07", "\\x1b]0;title\\x07",
	    "\\u001b]0;title\\u0007"),
	ROW("a raw 8-bit CSI is escaped (and is not UTF-8)",
	    "\x9b" "31m",
	    "\\x9b31m", "\\x9b31m", "\\ufffd31m"),
	ROW("a UTF-8 encoded C1 CSI is escaped even in JSON",
	    "\xc2\x9b" "31m",
	    "\\xc2\\x9b31m", "\\xc2\\x9b31m", "\\u009b31m"),
	ROW("U+2028 and U+2029 cannot break a JSON line",
	    "a\xe2\x80\xa8" "b\xe2\x80\xa9",
	    "a\\xe2\\x80\\xa8b\\xe2\\x80\\xa9",
	    "a\\xe2\\x80\\xa8b\\xe2\\x80\\xa9",
	    "a\\u2028b\\u2029"),
	ROW("a bidi override and isolates cannot reorder what a JSON reader sees",
	    "x\xe2\x80\xae" "gpj.exe\xe2\x81\xa6" "y\xe2\x81\xa9",
	    "x\\xe2\\x80\\xaegpj.exe\\xe2\\x81\\xa6y\\xe2\\x81\\xa9",
	    "x\\xe2\\x80\\xaegpj.exe\\xe2\\x81\\xa6y\\xe2\\x81\\xa9",
	    "x\\u202egpj.exe\\u2066y\\u2069"),
	ROW("zero-width characters and the BOM are visible in JSON",
	    "a\xe2\x80\x8b" "b\xef\xbb\xbf" "c\xe2\x81\xa0",
	    "a\\xe2\\x80\\x8bb\\xef\\xbb\\xbfc\\xe2\\x81\\xa0",
	    "a\\xe2\\x80\\x8bb\\xef\\xbb\\xbfc\\xe2\\x81\\xa0",
	    "a\\u200bb\\ufeffc\\u2060"),
	ROW("other text around them passes through JSON as it is",
	    "\xc3\xa9\xe2\x86\x92\xe2\x80\x90",
	    "\\xc3\\xa9\\xe2\\x86\\x92\\xe2\\x80\\x90",
	    "\\xc3\\xa9\\xe2\\x86\\x92\\xe2\\x80\\x90",
	    "\xc3\xa9\xe2\x86\x92\xe2\x80\x90"),
	ROW("an embedded NUL is shown, not a terminator",
	    "a\0b",
	    "a\\x00b", "a\\x00b", "a\\u0000b"),
	ROW("quotes and backslashes cannot close the string",
	    "say \"hi\" \\",
	    "say \\\"hi\\\" \\\\", "say\\x20\\\"hi\\\"\\x20\\\\",
	    "say \\\"hi\\\" \\\\"),
	ROW("the short escapes are used where each style has them",
	    "\t\r\n\b\f\x7f",
	    "\\t\\r\\n\\x08\\x0c\\x7f", "\\t\\r\\n\\x08\\x0c\\x7f",
	    "\\t\\r\\n\\b\\f\\u007f"),
	ROW("well-formed UTF-8 passes through JSON only",
	    "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x90\xa7",
	    "caf\\xc3\\xa9 \\xe2\\x82\\xac \\xf0\\x9f\\x90\\xa7",
	    "caf\\xc3\\xa9\\x20\\xe2\\x82\\xac\\x20\\xf0\\x9f\\x90\\xa7",
	    "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x90\xa7"),
	ROW("UTF-8 truncated at the end of input is replaced byte by byte",
	    "ok\xe2\x82",
	    "ok\\xe2\\x82", "ok\\xe2\\x82", "ok\\ufffd\\ufffd"),
	ROW("an overlong '/' (C0 AF) is not a slash",
	    "..\xc0\xaf",
	    "..\\xc0\\xaf", "..\\xc0\\xaf", "..\\ufffd\\ufffd"),
	ROW("a 3-byte overlong '/' (E0 80 AF) is not a slash",
	    "\xe0\x80\xaf",
	    "\\xe0\\x80\\xaf", "\\xe0\\x80\\xaf", "\\ufffd\\ufffd\\ufffd"),
	ROW("a surrogate (ED A0 80) is ill-formed, U+D7FF is fine",
	    "\xed\xa0\x80|\xed\x9f\xbf",
	    "\\xed\\xa0\\x80|\\xed\\x9f\\xbf",
	    "\\xed\\xa0\\x80|\\xed\\x9f\\xbf",
	    "\\ufffd\\ufffd\\ufffd|\xed\x9f\xbf"),
	ROW("U+10FFFF is the last code point",
	    "\xf4\x8f\xbf\xbf|\xf4\x90\x80\x80",
	    "\\xf4\\x8f\\xbf\\xbf|\\xf4\\x90\\x80\\x80",
	    "\\xf4\\x8f\\xbf\\xbf|\\xf4\\x90\\x80\\x80",
	    "\xf4\x8f\xbf\xbf|\\ufffd\\ufffd\\ufffd\\ufffd"),
	ROW("bytes that never appear in UTF-8 are replaced",
	    "\xf5\xfe\xff",
	    "\\xf5\\xfe\\xff", "\\xf5\\xfe\\xff", "\\ufffd\\ufffd\\ufffd"),
	ROW("a lead byte followed by ASCII keeps the ASCII",
	    "\xe2(x",
	    "\\xe2(x", "\\xe2(x", "\\ufffd(x"),
	ROW("an empty input gives an empty string",
	    "", "", "", ""),
};

static const enum escape_style styles[] = {
	ESCAPE_C, ESCAPE_WORD, ESCAPE_JSON
};

static void test_rows(void)
{
	char out[256];
	size_t i, s, n, consumed;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct row *r = &rows[i];
		const char *want[] = { r->c, r->word, r->json };

		for (s = 0; s < 3; s++) {
			n = escape(out, sizeof(out),
				   (const unsigned char *)r->in, r->len,
				   styles[s], &consumed);
			if (strcmp(out, want[s]) != 0)
				fprintf(stderr, "  in row: %s (style %zu)\n",
					r->what, s);
			EXPECT_STR(out, want[s]);
			EXPECT_INT(n, strlen(want[s]));
			EXPECT_INT(consumed, r->len);
		}
	}
}

/* Output is cut between units, never inside one, and *consumed says
 * where the input stopped. */
static void test_bounds(void)
{
	static const char *const worst[] = {
		"\xff", "\x01", "\xc2\x80", "\xe2\x80\xa8", "\xe0\x80"
	};
	unsigned char big[4096];
	char out[16], huge[ESCAPE_MAX(sizeof(big))];
	size_t n, consumed, i, s;

	memset(big, 'A', sizeof(big));
	n = escape(out, sizeof(out), big, sizeof(big), ESCAPE_C, &consumed);
	EXPECT_STR(out, "AAAAAAAAAAAAAAA");
	EXPECT_INT(n, 15);
	EXPECT_INT(consumed, 15);

	memset(big, 0x1b, sizeof(big));
	n = escape(out, sizeof(out), big, sizeof(big), ESCAPE_C, &consumed);
	EXPECT_STR(out, "\\x1b\\x1b\\x1b");
	EXPECT_INT(n, 12);
	EXPECT_INT(consumed, 3);
	n = escape(out, sizeof(out), big, sizeof(big), ESCAPE_JSON, &consumed);
	EXPECT_STR(out, "\\u001b\\u001b");
	EXPECT_INT(n, 12);
	EXPECT_INT(consumed, 2);

	/* "ab" then a 3-byte sequence: it fits whole in 6 bytes, not in 5. */
	n = escape(out, 6, (const unsigned char *)"ab\xe2\x82\xac", 5,
		   ESCAPE_JSON, &consumed);
	EXPECT_STR(out, "ab\xe2\x82\xac");
	EXPECT_INT(consumed, 5);
	n = escape(out, 5, (const unsigned char *)"ab\xe2\x82\xac", 5,
		   ESCAPE_JSON, &consumed);
	EXPECT_STR(out, "ab");
	EXPECT_INT(n, 2);
	EXPECT_INT(consumed, 2);

	/* The worst inputs, in every style, fit in ESCAPE_MAX. */
	for (i = 0; i < sizeof(worst) / sizeof(worst[0]); i++) {
		for (n = 0; n < sizeof(big); n++)
			big[n] = worst[i][n % strlen(worst[i])];
		for (s = 0; s < 3; s++) {
			escape(huge, sizeof(huge), big, sizeof(big),
			       styles[s], &consumed);
			EXPECT_INT(consumed, sizeof(big));
		}
	}

	/* dst_cap 0 writes nothing; 1 writes only the NUL. */
	memcpy(out, "ZZ", 3);
	n = escape(out, 0, (const unsigned char *)"abc", 3, ESCAPE_C,
		   &consumed);
	EXPECT_INT(n, 0);
	EXPECT_INT(consumed, 0);
	EXPECT_STR(out, "ZZ");
	n = escape(out, 1, (const unsigned char *)"abc", 3, ESCAPE_C,
		   &consumed);
	EXPECT_INT(n, 0);
	EXPECT_INT(consumed, 0);
	EXPECT_STR(out, "");

	/* consumed may be NULL. */
	EXPECT_INT(escape(out, sizeof(out), (const unsigned char *)"a\n", 2,
			  ESCAPE_C, NULL), 3);
}

/* Undo ESCAPE_C / ESCAPE_WORD; returns the length, or -1 on a sequence
 * the escaper must never produce. */
static int unescape_c(unsigned char *dst, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	int n = 0;

	for (; *s; s++) {
		if (*s != '\\') {
			dst[n++] = *s;
			continue;
		}
		switch (*++s) {
		case '"': case '\\': dst[n++] = *s; break;
		case 'n': dst[n++] = '\n'; break;
		case 't': dst[n++] = '\t'; break;
		case 'r': dst[n++] = '\r'; break;
		case 'x':
			if (!s[1] || !s[2] || !strchr(hex, s[1]) ||
			    !strchr(hex, s[2]))
				return -1;
			dst[n++] = (strchr(hex, s[1]) - hex) << 4 |
				   (strchr(hex, s[2]) - hex);
			s += 2;
			break;
		default:
			return -1;
		}
	}
	return n;
}

static int same(const unsigned char *a, int alen, const unsigned char *b,
		size_t blen)
{
	return alen >= 0 && (size_t)alen == blen && memcmp(a, b, blen) == 0;
}

/* Every input of up to two bytes, in every style: the output is inert
 * (printable ASCII, or for JSON well-formed UTF-8 without controls), and
 * the C styles are lossless. */
static void test_exhaustive(void)
{
	unsigned char in[2], back[16], out[16];
	unsigned v, w, bad_c = 0, bad_word = 0, bad_json = 0, lossy = 0;
	size_t len, n, i;

	for (v = 0; v < 0x100 + 0x10000; v++) {
		if (v < 0x100) {
			len = 1;
			in[0] = v;
		} else {
			len = 2;
			w = v - 0x100;
			in[0] = w >> 8;
			in[1] = w & 0xff;
		}

		n = escape((char *)out, sizeof(out), in, len, ESCAPE_C, NULL);
		for (i = 0; i < n; i++)
			if (out[i] < 0x20 || out[i] > 0x7e)
				bad_c++;
		if (!same(back, unescape_c(back, (char *)out), in, len))
			lossy++;

		n = escape((char *)out, sizeof(out), in, len, ESCAPE_WORD,
			   NULL);
		for (i = 0; i < n; i++)
			if (out[i] <= 0x20 || out[i] > 0x7e)
				bad_word++;
		if (!same(back, unescape_c(back, (char *)out), in, len))
			lossy++;

		n = escape((char *)out, sizeof(out), in, len, ESCAPE_JSON,
			   NULL);
		for (i = 0; i < n; i++)
			if (out[i] < 0x20 || out[i] == 0x7f ||
			    (out[i] == 0xc2 && i + 1 < n && out[i + 1] < 0xa0))
				bad_json++; /* a C0 or C1 control survived */
		if (!escape_utf8_valid(out, n))
			bad_json++;
	}
	EXPECT_INT(bad_c, 0);
	EXPECT_INT(bad_word, 0);
	EXPECT_INT(bad_json, 0);
	EXPECT_INT(lossy, 0);
}

static void test_utf8_valid(void)
{
#define VALID(lit) escape_utf8_valid((const unsigned char *)(lit), \
				     sizeof(lit) - 1)
	EXPECT_INT(VALID(""), 1);
	EXPECT_INT(VALID("plain ascii\0with nul"), 1);
	EXPECT_INT(VALID("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x90\xa7"), 1);
	EXPECT_INT(VALID("\xf4\x8f\xbf\xbf"), 1);
	EXPECT_INT(VALID("\xed\x9f\xbf"), 1);
	EXPECT_INT(VALID("\xee\x80\x80"), 1);
	EXPECT_INT(VALID("\xf4\x90\x80\x80"), 0);
	EXPECT_INT(VALID("\xed\xa0\x80"), 0);
	EXPECT_INT(VALID("\xc0\xaf"), 0);
	EXPECT_INT(VALID("\xc1\xbf"), 0);
	EXPECT_INT(VALID("\xe0\x9f\xbf"), 0);
	EXPECT_INT(VALID("\xf0\x8f\xbf\xbf"), 0);
	EXPECT_INT(VALID("\xe2\x82"), 0);
	EXPECT_INT(VALID("\x80"), 0);
	EXPECT_INT(VALID("\xff"), 0);
#undef VALID
}

int main(void)
{
	test_rows();
	test_bounds();
	test_exhaustive();
	test_utf8_valid();
	return expect_summary("test_escape");
}
