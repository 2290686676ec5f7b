/* The one quoter for bytes from traced processes: paths, argv, comm.
 *
 * Every byte goes through here on its way to the log, so the loop is
 * shaped for the common case: printable ASCII is copied byte by byte
 * after a range test, and only the rare byte that needs an
 * escape takes the slow path through esc_unit(). No tables to keep in
 * sync, no allocation, no stdio.
 */
#include <string.h>

#include "escape.h"
#include "sb.h"

static const char esc_hex[] = "0123456789abcdef";

/* Does c stand for itself in this style? Printable ASCII except the two
 * characters that would end or confuse the quoted string, and, for a
 * word, the space that would split the field. */
static inline int esc_plain(unsigned c, enum escape_style style)
{
	return c - 0x20 < 0x5f && c != '"' && c != '\\' &&
	       !(c == ' ' && style == ESCAPE_WORD);
}

/* Invisible code points that change how the text around them reads:
 * zero-width spaces and joiners, LRM/RLM (U+200B..200F), line and
 * paragraph separators, bidi embeddings and overrides (U+2028..202E),
 * word joiner, invisible operators, bidi isolates (U+2060..2069), and
 * the zero-width no-break space U+FEFF ("Trojan Source"). */
static int acts_on_reader(unsigned cp)
{
	return (cp >= 0x200b && cp <= 0x200f) ||
	       (cp >= 0x2028 && cp <= 0x202e) ||
	       (cp >= 0x2060 && cp <= 0x2069) || cp == 0xfeff;
}

/* Length of the well-formed UTF-8 sequence at s (n > 0 bytes left), or 0
 * if it is ill-formed or cut short. The second-byte ranges are those of
 * the Unicode standard's table of well-formed sequences (3-7): they are
 * what rules out overlongs (E0 80..9F, F0 80..8F), surrogates (ED A0..BF)
 * and code points above U+10FFFF (F4 90..BF, F5..FF). */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned c = s[0], lo = 0x80, hi = 0xbf;
	size_t k, i;

	if (c < 0x80)
		return 1;
	if (c < 0xc2) /* a lone continuation byte, or an overlong C0/C1 */
		return 0;
	if (c < 0xe0) {
		k = 2;
	} else if (c < 0xf0) {
		k = 3;
		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f;
	} else if (c < 0xf5) {
		k = 4;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
	} else {
		return 0;
	}
	if (n < k || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < k; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return k;
}

int escape_utf8_valid(const unsigned char *src, size_t len)
{
	size_t i = 0, k;

	while (i < len) {
		k = utf8_seq(src + i, len - i);
		if (!k)
			return 0;
		i += k;
	}
	return 1;
}

static size_t esc_put2(char *out, char c)
{
	out[0] = '\\';
	out[1] = c;
	return 2;
}

static size_t esc_put_x(char *out, unsigned c)
{
	out[0] = '\\';
	out[1] = 'x';
	out[2] = esc_hex[c >> 4];
	out[3] = esc_hex[c & 15];
	return 4;
}

static size_t esc_put_u(char *out, unsigned cp)
{
	out[0] = '\\';
	out[1] = 'u';
	out[2] = esc_hex[cp >> 12 & 15];
	out[3] = esc_hex[cp >> 8 & 15];
	out[4] = esc_hex[cp >> 4 & 15];
	out[5] = esc_hex[cp & 15];
	return 6;
}

/* The escaped form of the unit at s (n > 0 bytes left; s[0] is not
 * plain): written to out (at most 6 bytes), its length to *outlen.
 * Returns how many input bytes the unit stands for. */
static size_t esc_unit(char *out, size_t *outlen, const unsigned char *s,
		       size_t n, enum escape_style style)
{
	unsigned c = s[0];
	size_t k;

	switch (c) {
	case '"':  *outlen = esc_put2(out, '"');  return 1;
	case '\\': *outlen = esc_put2(out, '\\'); return 1;
	case '\n': *outlen = esc_put2(out, 'n');  return 1;
	case '\t': *outlen = esc_put2(out, 't');  return 1;
	case '\r': *outlen = esc_put2(out, 'r');  return 1;
	}
	if (style != ESCAPE_JSON) {
		*outlen = esc_put_x(out, c);
		return 1;
	}

	switch (c) {
	case '\b': *outlen = esc_put2(out, 'b'); return 1;
	case '\f': *outlen = esc_put2(out, 'f'); return 1;
	}
	if (c < 0x80) { /* other controls and DEL */
		*outlen = esc_put_u(out, c);
		return 1;
	}
	k = utf8_seq(s, n);
	if (!k) {
		*outlen = esc_put_u(out, 0xfffd);
		return 1;
	}
	/* Well-formed, but some code points still act on a reader: C1
	 * controls (U+0080..009F, among them the 8-bit CSI) drive terminals,
	 * U+2028/2029 end lines in some viewers, and the invisible format
	 * characters of acts_on_reader reorder or hide text. Escaping them
	 * loses nothing: a JSON parser reads back the same string. */
	if (k == 2 && c == 0xc2 && s[1] < 0xa0) {
		*outlen = esc_put_u(out, s[1]);
		return 2;
	}
	if (k == 3) {
		unsigned cp = (c & 0x0f) << 12 | (s[1] & 0x3fu) << 6 |
			      (s[2] & 0x3fu);

		if (acts_on_reader(cp)) {
			*outlen = esc_put_u(out, cp);
			return 3;
		}
	}
	memcpy(out, s, k);
	*outlen = k;
	return k;
}

size_t escape(char *dst, size_t dst_cap, const unsigned char *src, size_t len,
	      enum escape_style style, size_t *consumed)
{
	size_t i = 0, o = 0, room, step, ulen;
	char unit[6];

	if (!dst_cap) {
		if (consumed)
			*consumed = 0;
		return 0;
	}
	room = dst_cap - 1; /* keep one byte for the NUL */

	while (i < len) {
		if (esc_plain(src[i], style)) {
			if (o == room)
				break;
			dst[o++] = src[i++];
			continue;
		}
		/* Whole units or nothing: a cut escape or UTF-8 sequence
		 * would be a lie about the input, or invalid output. */
		step = esc_unit(unit, &ulen, src + i, len - i, style);
		if (ulen > room - o)
			break;
		memcpy(dst + o, unit, ulen);
		o += ulen;
		i += step;
	}
	dst[o] = '\0';
	if (consumed)
		*consumed = i;
	return o;
}

void escape_sb(struct sb *s, const unsigned char *src, size_t len,
	       enum escape_style style)
{
	size_t consumed = 0;

	if (s->cut || s->len >= s->cap)
		return;
	s->len += escape(s->buf + s->len, s->cap - s->len, src, len, style,
			 &consumed);
	if (consumed < len)
		s->cut = 1;
}
