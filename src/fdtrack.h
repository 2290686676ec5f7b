/* The tracer's side of the fd table (fdtable.c): what each logged call
 * does to a process's fds (opens, dups, closes, execs, forks, exits), the
 * paths shown for fd arguments and returned fds, and the /proc fallback
 * for fds opened before tracing began. */
#ifndef AITRACE_FDTRACK_H
#define AITRACE_FDTRACK_H

#include "decode.h"
#include "fdtable.h"
#include "render.h"

#define FDTRACK_ENTRIES 16384 /* fds of all processes together */

/* 0 or -ENOMEM; with_proc: use /proc/PID/fd for fds not seen opened. */
int fdtrack_init(struct fdtable *t, unsigned str_max, int with_proc);

/* Before a call's line: paths for its fd arguments, and for the fd it
 * returned (an open's new fd is entered in the table first). */
void fdtrack_before(struct fdtable *t, const struct event *ev,
		    struct render_in *in);

/* After a call's line: closes, execs, forks and exits change the table. */
void fdtrack_after(struct fdtable *t, const struct event *ev,
		   const struct render_in *in);

#endif
