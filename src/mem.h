/* Memory for the tracer's few, long-lived buffers, straight from mmap.
 * The tracer allocates a few dozen blocks at set-up and at stop, none per
 * event, so a general-purpose malloc (8 KiB of a static binary) buys
 * nothing. Blocks are zeroed. */
#ifndef AITRACE_MEM_H
#define AITRACE_MEM_H

#include <stddef.h>

void *mem_alloc(size_t n);             /* NULL when out of memory */
void *mem_realloc(void *p, size_t n);  /* like realloc */
void mem_free(void *p);                /* NULL is fine */
char *mem_strdup(const char *s);

#endif
