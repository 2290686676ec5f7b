/* Parsing a tracepoint's tracefs "format" file into a field table.
 * Pure logic: takes the file's text, touches no files. Nothing about a
 * tracepoint's layout is hard-coded anywhere else; offsets come from here.
 */
#ifndef AITRACE_TPFORMAT_H
#define AITRACE_TPFORMAT_H

#include <stddef.h>

#define TPFORMAT_MAX_FIELDS 32
#define TPFORMAT_NAME_MAX 64
#define TPFORMAT_TYPE_MAX 64

struct tpfield {
	char name[TPFORMAT_NAME_MAX]; /* "filename" */
	char type[TPFORMAT_TYPE_MAX]; /* "const char *", "__data_loc char[]" */
	unsigned offset;
	unsigned size;
	int is_signed;
	int is_common;  /* one of the common_* header fields */
	int is_data_loc; /* __data_loc: a u32 (len << 16 | offset) to the data */
	int array_len;  /* N for "char comm[16]", 0 when not an array */
};

struct tpformat {
	char name[TPFORMAT_NAME_MAX]; /* "sys_enter_openat" */
	unsigned id;                  /* the ID: line, 0 if absent */
	unsigned nfields;
	struct tpfield field[TPFORMAT_MAX_FIELDS];
};

/* Parse text[0..len) (need not be NUL-terminated). Returns 0, or -1 with a
 * reason in err (errlen bytes; may be NULL), "line N: why: \"text\"" when
 * one line is at fault. Refused rather than guessed: a field without
 * offset/size/signed, more than TPFORMAT_MAX_FIELDS fields, names or types
 * too long for the table, array lengths that are not numbers ("[]",
 * "[TASK_COMM_LEN]"), __rel_loc fields, a file without name or fields.
 * Blank lines, extra whitespace and everything from "print fmt:" on are
 * ignored. */
int tpformat_parse(struct tpformat *fmt, const char *text, size_t len,
		   char *err, size_t errlen);

/* The field called name, or NULL. */
const struct tpfield *tpformat_field(const struct tpformat *fmt,
				     const char *name);

/* Is the field's C type a pointer ("const char *", "void *")? */
int tpfield_is_pointer(const struct tpfield *f);

#endif
