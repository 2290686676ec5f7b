/* The log writer: see out.h. */
#include <errno.h>
#include <unistd.h>

#include "out.h"
#include "mem.h"

int out_init(struct out *o, int fd, size_t cap)
{
	o->fd = fd;
	o->cap = cap;
	o->len = 0;
	o->err = 0;
	o->bytes = 0;
	o->lines_dropped = 0;
	o->buf = mem_alloc(cap);
	return o->buf ? 0 : -ENOMEM;
}

void out_free(struct out *o)
{
	mem_free(o->buf);
	o->buf = NULL;
}

int out_flush(struct out *o)
{
	size_t done = 0;

	while (!o->err && done < o->len) {
		ssize_t n = write(o->fd, o->buf + done, o->len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			o->err = n < 0 ? errno : EIO;
			break;
		}
		done += (size_t)n;
		o->bytes += (uint64_t)n;
	}
	o->len = 0;
	return o->err ? -o->err : 0;
}

char *out_reserve(struct out *o, size_t n)
{
	if (o->err || n > o->cap)
		return NULL;
	if (o->len + n > o->cap && out_flush(o) < 0)
		return NULL;
	return o->buf + o->len;
}

void out_commit(struct out *o, size_t n)
{
	o->len += n;
}

void out_line(struct out *o, const char *line, size_t n)
{
	char *p = out_reserve(o, n);
	size_t i;

	if (!p) {
		o->lines_dropped++;
		return;
	}
	for (i = 0; i < n; i++)
		p[i] = line[i];
	out_commit(o, n);
}
