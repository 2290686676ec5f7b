/* The one quoter for every byte that comes from a traced process.
 *
 * Nothing it writes can end a log line, start a terminal escape sequence,
 * or close the quotes around it: the C styles write printable ASCII only;
 * JSON adds well-formed UTF-8, minus the code points that act on a reader
 * (C1 controls, U+2028/2029, invisible bidi and zero-width format
 * characters), which it writes as \uHHHH. Pure logic, no
 * allocation: the caller owns the buffer.
 */
#ifndef AITRACE_ESCAPE_H
#define AITRACE_ESCAPE_H

#include <stddef.h>

enum escape_style {
	ESCAPE_C,    /* C string body (for text logs between double quotes):
		      * \" \\ \n \t \r, other bytes < 0x20, 0x7f and >= 0x80
		      * as \xHH; printable ASCII as is */
	ESCAPE_WORD, /* a token that must stay one field (comm): like
		      * ESCAPE_C and additionally space as \x20 */
	ESCAPE_JSON, /* JSON string body: \" \\ \n \t \r \b \f, other
		      * controls and 0x7f as \u00HH; well-formed UTF-8 (no
		      * overlongs, no surrogates, <= U+10FFFF) passed through,
		      * except U+0080..009F, U+200B..200F, U+2028..202E,
		      * U+2060..2069 and U+FEFF as \uHHHH; each
		      * byte of ill-formed UTF-8 as \ufffd, so the output
		      * is always valid JSON and valid UTF-8 (use
		      * escape_utf8_valid() to learn whether it was lossy) */
};

/* Escape src[0..len) into dst (dst_cap bytes, always NUL-terminated when
 * dst_cap > 0). Stops before an escape or UTF-8 sequence that would not
 * fit, never splits one.
 * Returns the number of bytes written to dst (excluding the NUL) and sets
 * *consumed (if non-NULL) to the number of src bytes represented, so the
 * caller can tell the output was cut (*consumed < len). */
size_t escape(char *dst, size_t dst_cap, const unsigned char *src, size_t len,
	      enum escape_style style, size_t *consumed);

struct sb;
/* Append src[0..len) escaped to a string builder; marks it cut when not
 * everything fits. The one way decoders put untrusted bytes in a line. */
void escape_sb(struct sb *s, const unsigned char *src, size_t len,
	       enum escape_style style);

/* 1 if src[0..len) is well-formed UTF-8 (same rules as ESCAPE_JSON). */
int escape_utf8_valid(const unsigned char *src, size_t len);

/* Worst-case output bytes for len input bytes in any style. */
#define ESCAPE_MAX(len) ((len) * 6 + 1)

#endif
