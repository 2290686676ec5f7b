/* snprintf and decimal parsing without libc's printf and strtol: the few
 * conversions we use, in a few hundred bytes instead of the ~10 KiB (float
 * formatting included) that a static libc printf costs. Pure logic. */
#ifndef AITRACE_FMT_H
#define AITRACE_FMT_H

#include <stdarg.h>
#include <stddef.h>

/* Like vsnprintf, for %% %c %s %.*s %d %i %u %x with the h, l, ll and z
 * length modifiers, the '0', '-' and '+' flags and a width. Returns the length
 * the whole output needs; writes at most cap bytes, NUL included. An
 * unsupported conversion is copied as it is. */
int fmt_vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
int fmt_snprintf(char *buf, size_t cap, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Parse an unsigned decimal number at s: leading digits only, no sign, no
 * spaces. Returns 0 and sets *value and *end (just past the digits), or -1
 * when there is no digit or the value exceeds max. */
int fmt_parse_ulong(const char *s, unsigned long max, unsigned long *value,
		    const char **end);

#endif
