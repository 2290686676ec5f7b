/* Buffered, escaped output: see out.h. */
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include "escape.h"
#include "fmt.h"
#include "htmlesc.h"
#include "num.h"
#include "out.h"

void out_init(struct out *o, int fd, enum out_mode mode)
{
	o->fd = fd;
	o->mode = mode;
	o->err = 0;
	o->len = 0;
}

int out_flush(struct out *o)
{
	size_t off = 0;

	while (off < o->len && !o->err) {
		ssize_t r = write(o->fd, o->buf + off, o->len - off);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			o->err = r < 0 ? errno : EIO;
			break;
		}
		off += (size_t)r;
	}
	o->len = 0;
	return o->err ? -1 : 0;
}

void out_raw(struct out *o, const char *s, size_t n)
{
	while (n && !o->err) {
		size_t room = sizeof(o->buf) - o->len, k = n < room ? n : room;
		memcpy(o->buf + o->len, s, k);
		o->len += k;
		s += k;
		n -= k;
		if (o->len == sizeof(o->buf))
			out_flush(o);
	}
}

void out_s(struct out *o, const char *s)
{
	out_raw(o, s, strlen(s));
}

void out_f(struct out *o, const char *fmt, ...)
{
	char line[2048];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(line))
		n = (int)sizeof(line) - 1;
	out_raw(o, line, (size_t)n);
}

void out_text(struct out *o, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	char chunk[4096];

	while (n) {
		size_t used = 0, w;
		if (o->mode == OUT_HTML)
			w = htmlesc(chunk, sizeof(chunk), p, n, &used);
		else
			w = escape(chunk, sizeof(chunk), p, n, ESCAPE_C, &used);
		out_raw(o, chunk, w);
		if (!used)
			break; /* cannot happen with a 4 KiB chunk; never loop */
		p += used;
		n -= used;
	}
}

void out_istr(struct out *o, const struct istr *s)
{
	if (s)
		out_text(o, s->s, s->n);
	else
		out_raw(o, "?", 1);
}

void out_text_max(struct out *o, const char *s, size_t n, size_t max)
{
	out_text(o, s, n < max ? n : max);
	if (n > max)
		out_raw(o, "...", 3);
}

void out_quoted(struct out *o, const char *s, size_t n)
{
	size_t i, start = 0;

	out_raw(o, "\"", 1);
	for (i = 0; i < n; i++) {
		if (s[i] != '"' && s[i] != '\\')
			continue;
		out_text(o, s + start, i - start);
		out_raw(o, "\\", 1);
		if (s[i] == '"' && o->mode == OUT_HTML)
			out_raw(o, "&quot;", 6);
		else
			out_raw(o, s + i, 1);
		start = i + 1;
	}
	out_text(o, s + start, n - start);
	out_raw(o, "\"", 1);
}

void out_word(struct out *o, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || strchr("_@%+=:,./-", c)) || !c)
			break;
	}
	if (n && i == n)
		out_raw(o, s, n);
	else
		out_quoted(o, s, n);
}

void out_count(struct out *o, uint64_t v)
{
	char b[NUM_BUF];

	out_s(o, num_count(b, v));
}

void out_size(struct out *o, uint64_t v)
{
	char b[NUM_BUF];

	out_s(o, num_size(b, v));
}

void out_dur(struct out *o, uint64_t ns)
{
	char b[NUM_BUF];

	out_s(o, num_dur(b, ns));
}

void out_rel(struct out *o, uint64_t ns, uint64_t t0)
{
	char b[NUM_BUF];

	out_s(o, num_rel(b, ns, t0));
}
