/* Flag tables: values and the names the UAPI headers give them. Every
 * decoder prints bit sets through flags_print(), so "A|B|0x40" looks the
 * same for open, mmap, clone and the rest. Pure logic.
 *
 * A table is packed, because this binary is pasted onto routers: one
 * constant object without pointers (so without relocations) holding a
 * small header, the values as an array of the smallest integer type
 * that holds them, and the names in one string, each ended by a NUL,
 * after the prefix they share ("MAP_", "DRM_IOCTL_"), which is stored
 * once and printed before each name. An array of { uint64_t value;
 * const char *name; } was three times the size. A table is written
 * once, as a list macro, and FLAGS_TABLE() expands that list into both
 * arrays:
 *
 *	// Transcribed from <linux/futex.h>.
 *	#define FUTEX_CMDS(_, p) _(p, WAIT) _(p, WAKE) _(p, FD)
 *	FLAGS_TABLE(futex_cmds, uint8_t, FUTEX_, FUTEX_CMDS);
 *
 * names FUTEX_WAIT, FUTEX_WAKE and FUTEX_FD by their header's macros
 * (each entry _(p, X) is the macro p##X), and holds { 0, 1, 2 } and
 * "FUTEX_\0WAIT\0WAKE\0FD\0". A value that does not fit the type is a
 * compiler warning (-Woverflow). An entry that only some headers define
 * is listed through a helper macro that is empty when the header lacks
 * it (see dec_mem.c). Tables whose header cannot be included (DRM,
 * NVIDIA) give each value beside its name with FLAGS_TABLE_OF(). */
#ifndef AITRACE_FLAGS_H
#define AITRACE_FLAGS_H

#include <stddef.h>
#include <stdint.h>

#include "sb.h"

/* The header of a table; the values and names follow it in the same
 * object, at these offsets from its start. */
struct flags {
	uint16_t n;      /* entries */
	uint16_t names;  /* the prefix, then n names, each ended by a NUL */
	uint8_t values;  /* n values of size bytes each */
	uint8_t size;    /* 1, 2, 4 or 8 */
};

#define FLAGS_N(tab) (sizeof(tab) / sizeof((tab)[0]))

/* static const struct flags *const tab, from LIST(_, p), a list of
 * _(p, NAME) entries: the value p##NAME, the name #p #NAME. (The pointer
 * is a constant the compiler folds into its uses; only the table it
 * points to is stored.) */
#define FLAGS_TABLE(tab, type, prefix, LIST)                                  \
	FLAGS_TABLE_(tab, type, #prefix "\0" LIST(FLAGS_NAME_, prefix),       \
		     LIST(FLAGS_VALUE_, prefix))
#define FLAGS_VALUE_(p, name) p##name,
#define FLAGS_NAME_(p, name) #name "\0"

/* The same from LIST(_), a list of _(NAME, value) entries: the value
 * given, the name #prefix #NAME. */
#define FLAGS_TABLE_OF(tab, type, prefix, LIST)                               \
	FLAGS_TABLE_(tab, type, #prefix "\0" LIST(FLAGS_OF_NAME_),            \
		     LIST(FLAGS_OF_VALUE_))
#define FLAGS_OF_VALUE_(name, value) value,
#define FLAGS_OF_NAME_(name, value) #name "\0"

#define FLAGS_TABLE_(tab, type, NAMES, VALUES)                                \
	static const struct tab##_table {                                     \
		struct flags head;                                            \
		type values[FLAGS_N(((type[]){ VALUES }))];                   \
		char names[sizeof(NAMES)];                                    \
	} tab##_table = {                                                     \
		{ FLAGS_N(tab##_table.values),                                \
		  offsetof(struct tab##_table, names),                        \
		  offsetof(struct tab##_table, values), sizeof(type) },       \
		{ VALUES }, NAMES                                             \
	};                                                                    \
	static const struct flags *const tab = &tab##_table.head

/* Append the names in t whose bits are all set in v, in table order,
 * joined with '|', then the bits no entry named as one hex number
 * ("O_CREAT|O_EXCL|0x40000000"). An entry consumes its bits, so a
 * multi-bit entry listed before its parts (O_SYNC before O_DSYNC) wins;
 * entries with value 0 never match. v == 0 prints if_zero, or "0" when
 * if_zero is NULL. */
void flags_print(struct sb *s, uint64_t v, const struct flags *t,
		 const char *if_zero);

/* The index of the first entry whose value is exactly v, or -1. */
int flags_find(const struct flags *t, uint64_t v);

/* Append the name of the first entry whose value is exactly v. Returns
 * 1, or 0 (and appends nothing) if there is none. */
int flags_name(struct sb *s, const struct flags *t, uint64_t v);

/* Entry i (< t->n): its value, and its name appended to s. */
uint64_t flags_value(const struct flags *t, size_t i);
void flags_name_at(struct sb *s, const struct flags *t, size_t i);

/* v as strace's %#x: "0" for zero, else 0x-prefixed lower-case hex. */
void flags_hex(struct sb *s, uint64_t v);

#endif
