/* The string builder's appends: see sb.h. Out of line, because they are
 * called from every decoder and writer and a copy in each cost bytes. */
#include "sb.h"

void sb_mem(struct sb *s, const void *p, size_t n)
{
	if (s->cut || s->len + n + 1 > s->cap) { /* cut: stay cut */
		s->cut = 1;
		return;
	}
	memcpy(s->buf + s->len, p, n);
	s->len += n;
	s->buf[s->len] = '\0';
}

void sb_str(struct sb *s, const char *str)
{
	sb_mem(s, str, strlen(str));
}

void sb_char(struct sb *s, char c)
{
	sb_mem(s, &c, 1);
}

void sb_u64(struct sb *s, uint64_t v)
{
	char tmp[20];
	int i = 20;

	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	sb_mem(s, tmp + i, (size_t)(20 - i));
}

void sb_i64(struct sb *s, int64_t v)
{
	if (v < 0) {
		sb_char(s, '-');
		sb_u64(s, (uint64_t)0 - (uint64_t)v);
	} else {
		sb_u64(s, (uint64_t)v);
	}
}

/* 0x-prefixed lower-case hex */
void sb_hex(struct sb *s, uint64_t v)
{
	static const char *const digits = "0123456789abcdef"; /* a literal: the linker keeps one copy */
	char tmp[18];
	int i = 18;

	do {
		tmp[--i] = digits[v & 15];
		v >>= 4;
	} while (v);
	tmp[--i] = 'x';
	tmp[--i] = '0';
	sb_mem(s, tmp + i, (size_t)(18 - i));
}

/* v zero-padded to width digits */
void sb_u64_pad(struct sb *s, uint64_t v, int width)
{
	char tmp[20];
	int i = 20;

	while (i > 20 - width || v) {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
		if (i == 0)
			break;
	}
	sb_mem(s, tmp + i, (size_t)(20 - i));
}

/* seconds.nanoseconds, e.g. 1764218493.123456789 */
void sb_time_ns(struct sb *s, uint64_t ns)
{
	sb_u64(s, ns / 1000000000u);
	sb_char(s, '.');
	sb_u64_pad(s, ns % 1000000000u, 9);
}
