/* mem.h on malloc, for the fuzz targets only: the tracer's mem.c maps whole
 * pages, where a read or write past a block's end lands in the page's slack
 * and ASan cannot see it; a malloc'd block has a redzone right after it. */
#include <stdlib.h>
#include <string.h>

#include "mem.h"

void *mem_alloc(size_t n)
{
	return calloc(1, n ? n : 1);
}

void *mem_realloc(void *p, size_t n)
{
	return realloc(p, n ? n : 1);
}

void mem_free(void *p)
{
	free(p);
}

char *mem_strdup(const char *s)
{
	return strdup(s);
}
