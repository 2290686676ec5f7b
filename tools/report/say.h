/* Diagnostics of aitrace-report: the one place its name is added, always
 * on stderr (stdout is the report). Grammar as the tracer's:
 *   aitrace-report: cannot <verb> <object>: <reason>
 * Memory: x* allocate or end the program with exit status 1. */
#ifndef REPORT_SAY_H
#define REPORT_SAY_H

#include <stddef.h>

void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* grow *p (of *cap elements of size) to hold at least need elements */
void xgrow(void *pp, size_t *cap, size_t need, size_t size);

#endif
