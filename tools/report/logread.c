/* Reading lines: see logread.h. The buffer grows to the longest line
 * (up to max); a longer one is drained and reported as NULL. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "logread.h"
#include "say.h"

int logread(int fd, size_t max, logread_fn fn, void *ctx)
{
	size_t cap = 1 << 16, len = 0, scan = 0;
	char *buf = xmalloc(cap);
	int skipping = 0, ret = 0;

	for (;;) {
		char *nl;
		ssize_t r;

		while ((nl = memchr(buf + scan, '\n', len - scan))) {
			size_t n = (size_t)(nl - buf);
			if (skipping)
				skipping = 0; /* the end of an overlong line */
			else
				fn(ctx, buf, n, 0);
			memmove(buf, nl + 1, len - n - 1);
			len -= n + 1;
			scan = 0;
		}
		scan = len;
		if (len == cap) {
			if (cap >= max || skipping) {
				if (!skipping)
					fn(ctx, NULL, len, 0);
				skipping = 1;
				len = scan = 0;
			} else {
				cap *= 2;
				buf = xrealloc(buf, cap);
			}
		}
		r = read(fd, buf + len, cap - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			ret = -errno;
			break;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	if (len && !skipping)
		fn(ctx, buf, len, 1);
	free(buf);
	return ret;
}
