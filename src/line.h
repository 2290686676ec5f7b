/* The text log line, modelled on strace -f -ttt -T:
 *
 *   1764218493.123456789 python3 1234/1235 openat(-100, "/m/x.gguf", 0, 0) = 3 <0.000012345>
 *
 * time of entry (wall clock, s.ns), comm, pid/tid, name(args) = ret,
 * duration. Arguments are raw (decimal or hex by their C type) except
 * strings, which are escaped and quoted; every byte from a traced process
 * goes through escape(). Pure: formats an event into a caller's buffer.
 */
#ifndef AITRACE_LINE_H
#define AITRACE_LINE_H

#include <stddef.h>
#include <stdint.h>

#include "decode.h"
#include "sb.h"
#include "sysdesc.h"

struct line_cfg {
	const struct sysdesc *sys; /* indexed by rec.sys_idx */
	unsigned nsys;
	int64_t wall_offset_ns;    /* CLOCK_REALTIME - CLOCK_MONOTONIC */
	unsigned str_max;          /* -s: characters shown per string */
};

/* Bytes a line may need for a given -s. */
#define LINE_MAX_BYTES(str_max) (2048 + REC_NSTR * (4 * (size_t)(str_max) + 8))

/* A syscall line. enter is the REC_ENTER of the same call (execve: its
 * strings were read at entry) or NULL. unfinished: the call had not
 * returned when tracing stopped. Appends to s, newline included. */
void line_syscall(struct sb *s, const struct line_cfg *cfg,
		  const struct event *ev, const struct event *enter);
/* The args of the call as text ("-100, \"/x\", 0, 0"), for callers that
 * build other lines (unfinished calls). */
void line_args(struct sb *s, const struct line_cfg *cfg,
	       const struct sysdesc *d, const __u64 *args,
	       const struct event *strings);

#endif
