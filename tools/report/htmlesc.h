/* The HTML escaper: untrusted bytes as HTML text or a quoted attribute
 * value. Markup characters become entities; control characters, ill-
 * formed UTF-8 and the code points that reorder or hide text (bidi
 * overrides, zero-width and C1 controls, line separators) become visible
 * escapes (\n, \x1b, \u202e) in the same style as the terminal report.
 * Pure logic, the caller owns the buffer. */
#ifndef REPORT_HTMLESC_H
#define REPORT_HTMLESC_H

#include <stddef.h>

/* Escape src[0..n) into dst (cap bytes, NUL-terminated when cap > 0);
 * never splits an escape. Returns the bytes written; *consumed (if not
 * NULL) is how many src bytes they represent. */
size_t htmlesc(char *dst, size_t cap, const unsigned char *src, size_t n,
	       size_t *consumed);

#endif
