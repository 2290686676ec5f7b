/* Small formatting: see fmt.h. */
#include "fmt.h"

struct fmt_out {
	char *buf;
	size_t cap, len;
};

static void put(struct fmt_out *o, char c)
{
	if (o->len + 1 < o->cap)
		o->buf[o->len] = c;
	o->len++;
}

static void pad(struct fmt_out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

/* sign: '-', '+' or 0 for none */
static void number(struct fmt_out *o, unsigned long long v, char sign,
		   unsigned base, int width, int zero, int left)
{
	static const char digits[] = "0123456789abcdef";
	char tmp[24];
	int n = 0, len;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	len = n + (sign != 0);
	if (sign && zero)
		put(o, sign);
	if (!left)
		pad(o, zero ? '0' : ' ', width - len);
	if (sign && !zero)
		put(o, sign);
	while (n)
		put(o, tmp[--n]);
	if (left)
		pad(o, ' ', width - len);
}

int fmt_vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap)
{
	struct fmt_out o = { buf, cap, 0 };
	const char *p;

	for (p = fmt; *p; p++) {
		int zero = 0, left = 0, plus = 0, width = 0, prec = -1, lng = 0;
		const char *start = p;

		if (*p != '%') {
			put(&o, *p);
			continue;
		}
		for (p++; *p == '0' || *p == '-' || *p == '+'; p++)
			*p == '0' ? (zero = 1) : *p == '-' ? (left = 1) : (plus = 1);
		if (*p == '*') {
			width = va_arg(ap, int);
			p++;
		}
		for (; *p >= '0' && *p <= '9'; p++)
			width = width * 10 + (*p - '0');
		if (*p == '.') {
			prec = 0;
			if (*++p == '*') {
				prec = va_arg(ap, int);
				p++;
			}
			for (; *p >= '0' && *p <= '9'; p++)
				prec = prec * 10 + (*p - '0');
		}
		for (; *p == 'l' || *p == 'h' || *p == 'z'; p++)
			lng += *p == 'l' || *p == 'z' ? 1 : 0;
		switch (*p) {
		case '%':
			put(&o, '%');
			break;
		case 'c':
			put(&o, (char)va_arg(ap, int));
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			int n = 0;

			if (!s)
				s = "(null)";
			while (s[n] && (prec < 0 || n < prec))
				n++;
			if (!left)
				pad(&o, ' ', width - n);
			for (int i = 0; i < n; i++)
				put(&o, s[i]);
			if (left)
				pad(&o, ' ', width - n);
			break;
		}
		case 'd':
		case 'i': {
			long long v = lng >= 2 ? va_arg(ap, long long)
				      : lng ? va_arg(ap, long)
					    : va_arg(ap, int);
			unsigned long long u = v < 0 ? 0ull - (unsigned long long)v
						     : (unsigned long long)v;

			number(&o, u, v < 0 ? '-' : plus ? '+' : 0, 10, width,
			       zero, left);
			break;
		}
		case 'u':
		case 'x': {
			unsigned long long v =
				lng >= 2 ? va_arg(ap, unsigned long long)
				: lng	 ? va_arg(ap, unsigned long)
					 : va_arg(ap, unsigned);

			number(&o, v, 0, *p == 'x' ? 16 : 10, width, zero, left);
			break;
		}
		default: /* not ours: show it rather than guess */
			for (; start <= p && *start; start++)
				put(&o, *start);
			if (!*p)
				p--;
			break;
		}
	}
	if (cap)
		buf[o.len < cap ? o.len : cap - 1] = '\0';
	return (int)o.len;
}

int fmt_snprintf(char *buf, size_t cap, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(buf, cap, fmt, ap);
	va_end(ap);
	return n;
}

int fmt_parse_ulong(const char *s, unsigned long max, unsigned long *value,
		    const char **end)
{
	unsigned long v = 0;
	const char *p = s;

	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		unsigned d = (unsigned)(*p - '0');

		if (v > (max - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*value = v;
	if (end)
		*end = p;
	return 0;
}
