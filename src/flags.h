/* Flag tables: a value and the name the UAPI header gives it. Every
 * decoder prints bit sets through flags_print(), so "A|B|0x40" looks the
 * same for open, mmap, clone and the rest. Pure logic. */
#ifndef AITRACE_FLAGS_H
#define AITRACE_FLAGS_H

#include <stddef.h>
#include <stdint.h>

#include "sb.h"

struct flag {
	uint64_t value;
	const char *name;
};

#define FLAG(x) { (uint64_t)(x), #x }
#define FLAGS_N(tab) (sizeof(tab) / sizeof((tab)[0]))

/* Append the names in tab whose bits are all set in v, in table order,
 * joined with '|', then the bits no entry named as one hex number
 * ("O_CREAT|O_EXCL|0x40000000"). An entry consumes its bits, so a
 * multi-bit entry listed before its parts (O_SYNC before O_DSYNC) wins;
 * entries with value 0 never match. v == 0 prints if_zero, or "0" when
 * if_zero is NULL. */
void flags_print(struct sb *s, uint64_t v, const struct flag *tab, size_t n,
		 const char *if_zero);

/* The name of the first entry whose value is exactly v, or NULL. */
const char *flags_lookup(uint64_t v, const struct flag *tab, size_t n);

/* v as strace's %#x: "0" for zero, else 0x-prefixed lower-case hex. */
void flags_hex(struct sb *s, uint64_t v);

#endif
