/* The log writer: large buffered writes to the log fd, every write
 * checked. A full disk or a closed pipe is an event, not a crash: the first
 * error is kept, later writes are dropped and counted, and the caller stops
 * tracing. */
#ifndef AITRACE_OUT_H
#define AITRACE_OUT_H

#include <stddef.h>
#include <stdint.h>

struct out {
	int fd;
	char *buf;
	size_t cap, len;
	int err;               /* first write error (errno), 0 if none */
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
/* Write everything buffered. 0 or -errno. */
int out_flush(struct out *o);

#endif
