/* Turning a raw perf payload into a checked event: the header copied out
 * (the payload is only 4-byte aligned in the ring) and every length checked
 * against what actually arrived, so the formatters never read past it.
 * Pure logic. */
#ifndef AITRACE_DECODE_H
#define AITRACE_DECODE_H

#include <stddef.h>
#include <stdint.h>

#include "record.h"
#include "sysdesc.h"

struct event {
	struct aitrace_rec rec;
	const unsigned char *cap[REC_NCAP]; /* into the payload, or NULL */
	size_t cap_len[REC_NCAP];           /* CAP_STR: without the NUL */
	int cpu;                            /* the ring it came from */
	int return_apart; /* REC_ENTER logged before its return arrived */
};

enum decode_status {
	DECODE_OK = 0,
	DECODE_SHORT,     /* smaller than the header */
	DECODE_BAD_KIND,  /* unknown record kind */
	DECODE_BAD_SYS,   /* sys_idx out of range */
	DECODE_BAD_CAP,   /* capture lengths exceed the payload, or a
			   * capture the syscall does not have */
};

/* sys[nsys]: the traced syscalls, which say what kind each capture is. */
enum decode_status decode_event(struct event *ev, const unsigned char *raw,
				size_t raw_size, const struct sysdesc *sys,
				unsigned nsys);
const char *decode_strerror(enum decode_status s);

#endif
