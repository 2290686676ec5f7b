/* Diagnostics and allocation failure: see say.h. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fmt.h"
#include "say.h"

void say(const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	int n = fmt_snprintf(line, sizeof(line), "aitrace-report: ");

	va_start(ap, fmt);
	fmt_vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
	va_end(ap);
	n = (int)strlen(line);
	line[n++] = '\n';
	if (write(STDERR_FILENO, line, (size_t)n) < 0)
		return;
}

static void oom(void)
{
	say("cannot allocate memory");
	_exit(1);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

void xgrow(void *pp, size_t *cap, size_t need, size_t size)
{
	void **p = pp;
	size_t nc;

	if (need <= *cap)
		return;
	nc = *cap ? *cap * 2 : 16;
	while (nc < need)
		nc *= 2;
	if (nc > (size_t)-1 / size)
		oom();
	*p = xrealloc(*p, nc * size);
	memset((char *)*p + *cap * size, 0, (nc - *cap) * size);
	*cap = nc;
}
