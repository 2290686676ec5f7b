/* A bounded string builder for the output path: appends never overflow,
 * a full builder just stops growing and remembers it was cut. Numbers are
 * formatted by hand, not with printf: this runs for every event. The
 * appends live in sb.c, once, rather than inline in every caller: the
 * copies cost 2.5 KB of a binary pasted onto routers. */
#ifndef AITRACE_SB_H
#define AITRACE_SB_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct sb {
	char *buf;
	size_t cap; /* bytes of buf; one is kept for a NUL */
	size_t len;
	int cut;    /* something did not fit */
};

static inline void sb_init(struct sb *s, char *buf, size_t cap)
{
	s->buf = buf;
	s->cap = cap;
	s->len = 0;
	s->cut = 0;
	if (cap)
		buf[0] = '\0';
}

/* Append n bytes; if they do not fit, append nothing and set cut. */
void sb_mem(struct sb *s, const void *p, size_t n);

void sb_str(struct sb *s, const char *str);
void sb_char(struct sb *s, char c);

/* decimal */
void sb_u64(struct sb *s, uint64_t v);
void sb_i64(struct sb *s, int64_t v);

/* 0x-prefixed lower-case hex */
void sb_hex(struct sb *s, uint64_t v);

/* v zero-padded to width digits */
void sb_u64_pad(struct sb *s, uint64_t v, int width);

/* seconds.nanoseconds, e.g. 1764218493.123456789 */
void sb_time_ns(struct sb *s, uint64_t ns);

#endif
