/* Summary mode's table (-S), as strace -c prints it:
 *
 *   % time     seconds  usecs/call     calls    errors syscall
 *   ------ ----------- ----------- --------- --------- ----------------
 *    61.54    0.000016           5         3           read
 *   ------ ----------- ----------- --------- --------- ----------------
 *   100.00    0.000026           4         6         1 total
 *
 * rows sorted by time, then calls; with per-process counts a pid column
 * comes before the syscall. And the same as one JSON record. Pure.
 */
#ifndef AITRACE_SUMMARY_H
#define AITRACE_SUMMARY_H

#include <stddef.h>
#include <stdint.h>

#include "sb.h"

struct summary_row {
	uint32_t pid;         /* 0 unless per process */
	const char *name;     /* the syscall */
	uint64_t calls, errors, ns;
};

/* Sort rows (time descending, then calls, name, pid). */
void summary_sort(struct summary_row *rows, size_t n);
/* The table; per_process adds the pid column. */
void summary_text(struct sb *s, const struct summary_row *rows, size_t n,
		  int per_process);
/* ,"rows":[{"pid":P,"syscall":"read","calls":C,"errors":E,"time_ns":T}...],
 * "total":{...} for a JSON record the caller opened. */
void summary_json(struct sb *s, const struct summary_row *rows, size_t n,
		  int per_process);

#endif
