/* mmap-backed blocks: see mem.h. */
#include <string.h>
#include <sys/mman.h>

#include "mem.h"

/* Each block starts with its mapped length, kept 16-byte aligned. */
#define HDR 16

void *mem_alloc(size_t n)
{
	size_t len = n + HDR;
	unsigned char *p;

	if (len < n)
		return NULL;
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		 -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	memcpy(p, &len, sizeof(len));
	return p + HDR;
}

void mem_free(void *p)
{
	size_t len;

	if (!p)
		return;
	memcpy(&len, (unsigned char *)p - HDR, sizeof(len));
	munmap((unsigned char *)p - HDR, len);
}

void *mem_realloc(void *p, size_t n)
{
	size_t old;
	void *q;

	if (!p)
		return mem_alloc(n);
	memcpy(&old, (unsigned char *)p - HDR, sizeof(old));
	if (n + HDR <= old)
		return p;
	q = mem_alloc(n);
	if (!q)
		return NULL;
	memcpy(q, p, old - HDR);
	mem_free(p);
	return q;
}

char *mem_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = mem_alloc(n);

	if (d)
		memcpy(d, s, n);
	return d;
}
