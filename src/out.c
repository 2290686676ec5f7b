/* The log writer: see out.h. */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <sys/stat.h>
#include <time.h>
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
	o->unblocked = NULL;
	o->stops = NULL;
	o->patience_s = OUT_STOP_PATIENCE_S;
	o->buf = mem_alloc(cap);
	return o->buf ? 0 : -ENOMEM;
}

void out_free(struct out *o)
{
	mem_free(o->buf);
	o->buf = NULL;
}

void out_wait_signals(struct out *o, const sigset_t *unblocked,
		      volatile sig_atomic_t *stops)
{
	struct stat st;

	if (fstat(o->fd, &st) == 0 && S_ISREG(st.st_mode))
		return;
	o->unblocked = unblocked;
	o->stops = stops;
}

/* Until the fd takes PIPE_BUF bytes without blocking: 0, or -errno (see
 * out_flush). POLLERR and POLLHUP end the wait too: the write says why. */
static int wait_writable(struct out *o)
{
	struct pollfd p = { o->fd, POLLOUT, 0 };
	struct timespec patience = { o->patience_s, 0 };
	int r;

	for (;;) {
		sig_atomic_t stops = *o->stops;

		if (stops >= 2)
			return -EINTR;
		r = ppoll(&p, 1, stops ? &patience : NULL, o->unblocked);
		if (r > 0)
			return 0;
		if (r == 0)
			return -ETIMEDOUT;
		if (errno != EINTR)
			return -errno;
	}
}

int out_flush(struct out *o)
{
	size_t done = 0;

	while (!o->err && done < o->len) {
		size_t want = o->len - done;
		ssize_t n;
		int r;

		if (o->stops) {
			if ((r = wait_writable(o)) < 0) {
				o->err = -r;
				break;
			}
			if (want > PIPE_BUF)
				want = PIPE_BUF;
		}
		n = write(o->fd, o->buf + done, want);
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
