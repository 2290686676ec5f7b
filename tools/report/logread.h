/* Lines of a log, read from an fd in chunks: each complete line (without
 * its newline) is handed to a callback; a last line without a newline is
 * handed over with last = 1 (a cut log). A line longer than max is
 * skipped whole and handed over as NULL (counted by the caller). */
#ifndef REPORT_LOGREAD_H
#define REPORT_LOGREAD_H

#include <stddef.h>

typedef void (*logread_fn)(void *ctx, char *line, size_t n, int last);

/* 0 at the end of the input, or -errno when a read failed */
int logread(int fd, size_t max, logread_fn fn, void *ctx);

#endif
