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
#include "render.h"
#include "sb.h"
#include "sysdesc.h"

struct line_cfg {
	const struct sysdesc *sys; /* indexed by rec.sys_idx */
	unsigned nsys;
	int64_t wall_offset_ns;    /* CLOCK_REALTIME - CLOCK_MONOTONIC */
	unsigned str_max;          /* -s: characters shown per string */
};

/* Bytes a line may need for a given -s. */
/* Bytes a line may need for a given -s: every captured byte can become
 * four (\xHH), an argv has up to SYSCALLS_ARGV_MAX strings, fd paths. */
#define LINE_MAX_BYTES(str_max)                                                \
	(4096 + (REC_NARGS + 2) * 4 * (size_t)256 +                           \
	 (SYSCALLS_ARGV_MAX + 2) * (4 * (size_t)(str_max) + 8))

/* The render input for ev (and enter, the REC_ENTER of the same call,
 * which holds its captures, or NULL), without fd paths: the caller adds
 * those it knows. */
void line_render_in(struct render_in *in, const struct line_cfg *cfg,
		    const struct event *ev, const struct event *enter);
/* A syscall line, newline included. unfinished: a REC_ENTER alone. */
void line_syscall(struct sb *s, const struct line_cfg *cfg,
		  const struct event *ev, const struct event *enter,
		  const struct render_in *in);
/* The shown arguments, comma-separated ("AT_FDCWD, \"/x\", O_RDONLY"). */
void line_args(struct sb *s, const struct render_in *in);

#endif
