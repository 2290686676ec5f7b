/* libFuzzer target for escape.c, the one quoter of untrusted bytes.
 *
 * Input: byte 0 picks the style, bytes 1-2 the destination size (0 to a
 * little past the worst case), bytes 3-4 a string builder's size and fill
 * for escape_sb(); the rest is the untrusted string.
 *
 * Checked for every style and size:
 * - the output stays in dst_cap - 1 bytes, NUL-terminated, and its length
 *   is the return value;
 * - it decodes back (by our own decoder, not escape.c's) to exactly the
 *   bytes it says it consumed; for JSON, ill-formed UTF-8 comes back as one
 *   U+FFFD per byte and everything else unchanged;
 * - the C styles write printable ASCII only (ESCAPE_WORD: no space); JSON
 *   writes valid UTF-8 with no raw control, DEL, C1, U+2028/2029;
 * - a cut output is a prefix of the uncut one and stops only because the
 *   next unit would not fit;
 * - escape_utf8_valid() agrees with the reference validator;
 * - escape_sb() appends the same bytes and sets cut exactly when it must.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzzcheck.h"
#include "escape.h"
#include "sb.h"

#define SRC_MAX 4096

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1; /* escape.c writes lower case only */
}

/* Decode a C-style body back into bytes; -1 if it is not one we write. */
static long decode_c(const char *o, size_t n, unsigned char *out, int word)
{
	size_t i = 0, k = 0;

	while (i < n) {
		unsigned char c = (unsigned char)o[i];

		if (c < 0x20 || c > 0x7e || c == '"' || (word && c == ' '))
			return -1;
		if (c != '\\') {
			out[k++] = c;
			i++;
			continue;
		}
		if (i + 1 >= n)
			return -1;
		switch (o[i + 1]) {
		case '"': out[k++] = '"'; i += 2; continue;
		case '\\': out[k++] = '\\'; i += 2; continue;
		case 'n': out[k++] = '\n'; i += 2; continue;
		case 't': out[k++] = '\t'; i += 2; continue;
		case 'r': out[k++] = '\r'; i += 2; continue;
		case 'x':
			if (i + 3 >= n || hexval(o[i + 2]) < 0 ||
			    hexval(o[i + 3]) < 0)
				return -1;
			out[k++] = (unsigned char)(hexval(o[i + 2]) << 4 |
						   hexval(o[i + 3]));
			i += 4;
			continue;
		}
		return -1;
	}
	return (long)k;
}

/* Decode a JSON string body into code points; -1 if it is not valid or
 * holds something escape.h promises never to write raw. */
static long decode_json(const char *o, size_t n, uint32_t *out)
{
	const unsigned char *p = (const unsigned char *)o;
	size_t i = 0, k = 0, len;
	uint32_t cp;
	int j;

	while (i < n) {
		if (p[i] == '\\') {
			if (i + 1 >= n)
				return -1;
			switch (p[i + 1]) {
			case '"': out[k++] = '"'; i += 2; continue;
			case '\\': out[k++] = '\\'; i += 2; continue;
			case 'n': out[k++] = '\n'; i += 2; continue;
			case 't': out[k++] = '\t'; i += 2; continue;
			case 'r': out[k++] = '\r'; i += 2; continue;
			case 'b': out[k++] = '\b'; i += 2; continue;
			case 'f': out[k++] = '\f'; i += 2; continue;
			case 'u':
				if (i + 5 >= n)
					return -1;
				cp = 0;
				for (j = 2; j < 6; j++) {
					if (hexval(p[i + j]) < 0)
						return -1;
					cp = cp << 4 | (uint32_t)hexval(p[i + j]);
				}
				if (cp >= 0xd800 && cp <= 0xdfff)
					return -1; /* we never write surrogates */
				out[k++] = cp;
				i += 6;
				continue;
			}
			return -1;
		}
		if (p[i] < 0x20 || p[i] == '"')
			return -1;
		len = ref_utf8(p + i, n - i, &cp);
		if (!len || (cp >= 0x7f && cp <= 0x9f) || cp == 0x2028 ||
		    cp == 0x2029)
			return -1;
		out[k++] = cp;
		i += len;
	}
	return (long)k;
}

/* What the JSON body of src must decode to. */
static size_t expect_json(const unsigned char *src, size_t n, uint32_t *out)
{
	size_t i = 0, k = 0, len;
	uint32_t cp;

	while (i < n) {
		len = ref_utf8(src + i, n - i, &cp);
		if (!len) {
			out[k++] = 0xfffd;
			i++;
		} else {
			out[k++] = cp;
			i += len;
		}
	}
	return k;
}

static void check_body(const char *dst, size_t o, const unsigned char *src,
		       size_t consumed, enum escape_style style)
{
	static unsigned char bytes[SRC_MAX + 8];
	static uint32_t got[SRC_MAX * 6 + 8], want[SRC_MAX + 8];
	long n;
	size_t w;

	if (style == ESCAPE_JSON) {
		n = decode_json(dst, o, got);
		FUZZ_ASSERT(n >= 0, dst, o);
		w = expect_json(src, consumed, want);
		FUZZ_ASSERT((size_t)n == w, dst, o);
		FUZZ_ASSERT(memcmp(got, want, w * sizeof(*want)) == 0, dst, o);
	} else {
		n = decode_c(dst, o, bytes, style == ESCAPE_WORD);
		FUZZ_ASSERT(n >= 0, dst, o);
		FUZZ_ASSERT((size_t)n == consumed, dst, o);
		FUZZ_ASSERT(memcmp(bytes, src, consumed) == 0, dst, o);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char full[ESCAPE_MAX(SRC_MAX)], cut[ESCAPE_MAX(SRC_MAX)];
	static char sbuf[ESCAPE_MAX(SRC_MAX) + 256];
	enum escape_style style;
	size_t len, cap, o, ofull, consumed, cfull, c2, o2, room, unit;
	unsigned char *src;
	struct sb s;
	size_t sbcap, fill;

	if (size < 5)
		return 0;
	style = (enum escape_style)(data[0] % 3);
	len = size - 5 > SRC_MAX ? SRC_MAX : size - 5;
	/* an exact-size heap copy: a read past len is an ASan report */
	src = malloc(len ? len : 1);
	memcpy(src, data + 5, len);

	/* uncut */
	ofull = escape(full, sizeof(full), src, len, style, &cfull);
	FUZZ_ASSERT(cfull == len, full, ofull);
	FUZZ_ASSERT(ofull < sizeof(full) && full[ofull] == '\0', full, ofull);
	FUZZ_ASSERT(strlen(full) == ofull, full, ofull);
	check_body(full, ofull, src, len, style);
	FUZZ_ASSERT(escape_utf8_valid(src, len) == ref_utf8_valid(src, len),
		    src, len);

	/* cut at an arbitrary size, into an exact-size heap buffer */
	cap = ((size_t)data[1] | (size_t)data[2] << 8) % (ofull + 8);
	{
		char *d = malloc(cap ? cap : 1);

		o = escape(d, cap, src, len, style, &consumed);
		if (cap == 0) {
			FUZZ_ASSERT(o == 0 && consumed == 0, d, 0);
		} else {
			FUZZ_ASSERT(o <= cap - 1 && d[o] == '\0', d, o);
			FUZZ_ASSERT(consumed <= len, d, o);
			memcpy(cut, d, o + 1);
		}
		free(d);
	}
	if (cap) {
		FUZZ_ASSERT(memcmp(cut, full, o) == 0, cut, o);
		check_body(cut, o, src, consumed, style);
		if (consumed < len) {
			/* the next unit alone: the least room that takes it */
			room = cap - 1;
			for (unit = 1; unit <= 6; unit++) {
				char probe[8];

				o2 = escape(probe, unit + 1, src + consumed,
					    len - consumed, style, &c2);
				if (c2)
					break;
			}
			FUZZ_ASSERT(unit <= 6 && o2 == unit, cut, o);
			FUZZ_ASSERT(o + unit > room, cut, o);
		}
	}

	/* escape_sb into a builder already holding some text */
	sbcap = (size_t)data[3] % 4 == 0 ? 0 : ofull + (size_t)data[4] % 24;
	fill = sbcap ? (size_t)data[4] % (sbcap + 1) : 0;
	sb_init(&s, sbuf, sbcap);
	while (s.len < fill && !s.cut)
		sb_char(&s, 'a');
	o = s.len;
	escape_sb(&s, src, len, style);
	if (sbcap) {
		FUZZ_ASSERT(s.len < sbcap && sbuf[s.len] == '\0', sbuf, s.len);
		FUZZ_ASSERT(memcmp(sbuf + o, full, s.len - o) == 0, sbuf, s.len);
		/* not cut: all of it is there */
		FUZZ_ASSERT(s.cut || s.len - o == ofull, sbuf, s.len);
		FUZZ_ASSERT(!s.cut || s.len - o < ofull || fill >= sbcap,
			    sbuf, s.len);
	}
	free(src);
	return 0;
}
