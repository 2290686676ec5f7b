/* The log writer: large buffered writes to the log fd, every write
 * checked. A full disk or a closed pipe is an event, not a crash: the first
 * error is kept, later writes are dropped and counted, and the caller stops
 * tracing. */
#ifndef AITRACE_OUT_H
#define AITRACE_OUT_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

/* How long a blocked log waits for its reader once a stop was asked. */
#define OUT_STOP_PATIENCE_S 5

struct out {
	int fd;
	char *buf;
	size_t cap, len;
	/* out_wait_signals: a log that can block (pipe, socket, tty) waits
	 * in ppoll with these signals deliverable; stops counts them */
	const sigset_t *unblocked;
	volatile sig_atomic_t *stops;
	int patience_s;        /* OUT_STOP_PATIENCE_S; tests shorten it */
	int err;               /* first write error (errno), 0 if none:
				* EINTR a second stop signal, ETIMEDOUT the
				* patience ran out, while the reader read
				* nothing (see out_flush) */
	uint64_t bytes;        /* written to fd */
	uint64_t lines_dropped; /* lines not written because of err */
};

/* 0 or -ENOMEM */
int out_init(struct out *o, int fd, size_t cap);
void out_free(struct out *o);
/* Reserve n bytes at the end of the buffer (flushing first when needed);
 * NULL when n exceeds the capacity or after an error. */
char *out_reserve(struct out *o, size_t n);
/* Commit n of the reserved bytes. */
void out_commit(struct out *o, size_t n);
/* Append a whole line. */
void out_line(struct out *o, const char *line, size_t n);
/* Let stop signals reach a log that blocks: a pipe, socket or tty is
 * waited on with ppoll and the signal mask unblocked, and written in
 * PIPE_BUF pieces that never block. Regular files are written as they
 * are (they do not wait for a reader). */
void out_wait_signals(struct out *o, const sigset_t *unblocked,
		      volatile sig_atomic_t *stops);
/* Write everything buffered. 0 or -errno. A reader that takes nothing
 * does not make the tracer deaf: once *stops is 1, a wait gives up after
 * OUT_STOP_PATIENCE_S seconds without progress (ETIMEDOUT); a second stop
 * signal gives up at once (EINTR). A first one only lets the caller see
 * it when the write is done. */
int out_flush(struct out *o);

#endif
