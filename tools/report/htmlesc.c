/* HTML escaping: see htmlesc.h. */
#include "fmt.h"
#include "htmlesc.h"

/* length of the well-formed UTF-8 sequence at s (RFC 3629: no overlongs,
 * no surrogates, <= U+10FFFF) and its code point; 0 if ill-formed */
static size_t utf8(const unsigned char *s, size_t n, unsigned *cp)
{
	unsigned c = s[0];
	size_t len, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf)
		len = 2, c &= 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3, c &= 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4, c &= 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && (c < 0x800 || (c >= 0xd800 && c < 0xe000))) ||
	    (len == 4 && (c < 0x10000 || c > 0x10ffff)))
		return 0;
	*cp = c;
	return len;
}

/* code points shown as \uXXXX: they act on the reader, not as text */
static int hidden(unsigned cp)
{
	return (cp >= 0x80 && cp <= 0x9f) || cp == 0x061c ||
	       (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202e) ||
	       (cp >= 0x2060 && cp <= 0x2069) || cp == 0xfeff;
}

size_t htmlesc(char *dst, size_t cap, const unsigned char *src, size_t n,
	       size_t *consumed)
{
	size_t i = 0, o = 0;

	if (!cap) {
		if (consumed)
			*consumed = 0;
		return 0;
	}
	while (i < n) {
		char tmp[16];
		const char *rep = tmp;
		size_t rlen, step = 1, k;
		unsigned cp;
		unsigned char c = src[i];

		switch (c) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		case '\\': rep = "\\\\"; break;
		case '\n': rep = "\\n"; break;
		case '\t': rep = "\\t"; break;
		case '\r': rep = "\\r"; break;
		default:
			if (c < 0x20 || c == 0x7f) {
				fmt_snprintf(tmp, sizeof(tmp), "\\x%02x", c);
			} else if (c < 0x80) {
				tmp[0] = (char)c;
				tmp[1] = '\0';
			} else if (!(step = utf8(src + i, n - i, &cp))) {
				step = 1;
				fmt_snprintf(tmp, sizeof(tmp), "\\x%02x", c);
			} else if (hidden(cp)) {
				fmt_snprintf(tmp, sizeof(tmp), "\\u%04x", cp);
			} else {
				for (k = 0; k < step; k++)
					tmp[k] = (char)src[i + k];
				tmp[step] = '\0';
			}
		}
		for (rlen = 0; rep[rlen]; rlen++)
			;
		if (o + rlen + 1 > cap)
			break;
		for (k = 0; k < rlen; k++)
			dst[o++] = rep[k];
		i += step;
	}
	dst[o] = '\0';
	if (consumed)
		*consumed = i;
	return o;
}
