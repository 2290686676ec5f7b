/* Interned strings: one copy of each distinct byte string, compared by
 * pointer, numbered in order of first sight. Strings may hold NUL bytes
 * (paths and names from the log are untrusted): use n, not strlen; a NUL
 * follows the bytes for convenience only. */
#ifndef REPORT_INTERN_H
#define REPORT_INTERN_H

#include <stddef.h>
#include <stdint.h>

struct istr {
	size_t n;
	uint32_t id;         /* 1, 2, ... */
	uint32_t hash;
	struct istr *chain;
	char s[];            /* n bytes, then a NUL */
};

struct intern {
	struct istr **slot;
	size_t nslots, count;
};

/* NULL only when out of memory */
const struct istr *intern(struct intern *t, const char *s, size_t n);
const struct istr *intern_cstr(struct intern *t, const char *s);
void intern_free(struct intern *t);

#endif
