/* --kill-on rules: see rules.h. */
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <sys/un.h>

#include "fmt.h"
#include "rules.h"

int rules_glob(const char *p, const unsigned char *s, size_t n)
{
	size_t i = 0;
	const char *star_p = NULL;
	size_t star_i = 0;

	/* iterative matching with one backtrack point: linear enough for
	 * the short patterns of rules, and no recursion on hostile paths */
	while (i < n || *p) {
		if (*p == '*') {
			star_p = ++p;
			star_i = i;
			continue;
		}
		if (i < n && *p) {
			int ok = 0;

			if (*p == '?') {
				ok = 1;
				p++;
			} else if (*p == '[') {
				const char *q = p + 1;
				int neg = *q == '!' || *q == '^', in = 0;

				if (neg)
					q++;
				do {
					unsigned char lo = (unsigned char)*q, hi = lo;

					if (!*q)
						break;
					if (q[1] == '-' && q[2] && q[2] != ']') {
						hi = (unsigned char)q[2];
						q += 2;
					}
					if (s[i] >= lo && s[i] <= hi)
						in = 1;
					q++;
				} while (*q != ']');
				if (*q == ']') {
					ok = in != neg;
					p = q + 1;
				}
			} else {
				const char *c = p;

				if (*c == '\\' && c[1])
					c++;
				ok = (unsigned char)*c == s[i];
				p = c + 1;
			}
			if (ok) {
				i++;
				continue;
			}
		}
		if (!star_p)
			return 0;
		p = star_p;
		i = ++star_i;
		if (star_i > n)
			return 0;
	}
	return 1;
}

static int parse_v4(const char *s, unsigned char *a, const char **end)
{
	unsigned long v;
	int k;

	for (k = 0; k < 4; k++) {
		if (fmt_parse_ulong(s, 255, &v, end) != 0)
			return -1;
		a[k] = (unsigned char)v;
		s = *end;
		if (k < 3) {
			if (*s != '.')
				return -1;
			s++;
		}
	}
	return 0;
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0'
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* "::1", "fe80::1:2", "2001:db8:0:0:0:0:0:1" (no embedded IPv4) */
static int parse_v6(const char *s, unsigned char *a, const char **end)
{
	uint16_t w[8], tail[8];
	int n = 0, nt = 0, gap = 0, k;

	memset(w, 0, sizeof(w));
	if (s[0] == ':' && s[1] == ':') {
		gap = 1;
		s += 2;
	}
	while (hexval(*s) >= 0) {
		unsigned v = 0;
		int d = 0;

		while (hexval(*s) >= 0 && d < 4) {
			v = v * 16 + (unsigned)hexval(*s++);
			d++;
		}
		if (hexval(*s) >= 0)
			return -1;
		if (gap)
			tail[nt++] = (uint16_t)v;
		else
			w[n++] = (uint16_t)v;
		if (n + nt > 8)
			return -1;
		if (*s == ':' && s[1] == ':' && !gap) {
			gap = 1;
			s += 2;
		} else if (*s == ':' && hexval(s[1]) >= 0) {
			s++;
		} else {
			break;
		}
	}
	if (!gap && n != 8)
		return -1;
	for (k = 0; k < nt; k++)
		w[8 - nt + k] = tail[k];
	for (k = 0; k < 8; k++) {
		a[2 * k] = (unsigned char)(w[k] >> 8);
		a[2 * k + 1] = (unsigned char)w[k];
	}
	*end = s;
	return 0;
}

static int parse_connect(const char *s, struct rule *r, char *err,
			 size_t errlen)
{
	const char *end;
	unsigned long v;

	r->port = -1;
	if (*s == '!') {
		r->negate = 1;
		s++;
	}
	if (strncmp(s, "unix:", 5) == 0) {
		r->family = AF_UNIX;
		r->pattern = s + 5;
		if (!*r->pattern)
			goto bad;
		return 0;
	}
	if (parse_v4(s, r->addr, &end) == 0) {
		r->family = AF_INET;
		r->prefix = 32;
	} else if (parse_v6(s, r->addr, &end) == 0) {
		r->family = AF_INET6;
		r->prefix = 128;
	} else {
		goto bad;
	}
	if (*end == '/') {
		if (fmt_parse_ulong(end + 1, r->family == AF_INET ? 32 : 128, &v,
				    &end) != 0)
			goto bad;
		r->prefix = (unsigned)v;
	}
	if (*end == ':' && r->family == AF_INET) {
		if (fmt_parse_ulong(end + 1, 65535, &v, &end) != 0)
			goto bad;
		r->port = (int)v;
	}
	if (*end)
		goto bad;
	return 0;
bad:
	fmt_snprintf(err, errlen,
		     "--kill-on \"%s\": after \"connect:\" want [!]ADDR[/BITS][:PORT] or [!]unix:GLOB, at \"%s\"",
		     r->text, s);
	return -1;
}

static void shape(struct rule *r)
{
	const char *p = r->pattern;
	size_t n = strcspn(p, "*?[\\");

	r->literal_len = n;
	if (!p[n])
		r->kernel_shape = 1;
	else if (p[n] == '*' && !p[n + 1])
		r->kernel_shape = 2;
	else
		r->kernel_shape = 0;
}

int rules_parse(const char *text, struct rule *r, char *err, size_t errlen)
{
	static const struct {
		const char *prefix;
		enum rule_kind kind;
	} kinds[] = {
		{ "open:", RULE_OPEN }, { "exec:", RULE_EXEC },
		{ "connect:", RULE_CONNECT }, { "syscall:", RULE_SYSCALL },
	};
	size_t i;

	memset(r, 0, sizeof(*r));
	r->text = text;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		size_t n = strlen(kinds[i].prefix);

		if (strncmp(text, kinds[i].prefix, n) != 0)
			continue;
		r->kind = kinds[i].kind;
		r->pattern = text + n;
		if (r->kind == RULE_CONNECT)
			return parse_connect(text + n, r, err, errlen);
		if (!*r->pattern) {
			fmt_snprintf(err, errlen,
				     "--kill-on \"%s\": nothing after \"%s\"",
				     text, kinds[i].prefix);
			return -1;
		}
		if (r->kind != RULE_SYSCALL)
			shape(r);
		return 0;
	}
	if (strchr(text, ':')) {
		fmt_snprintf(err, errlen,
			     "--kill-on \"%s\": unknown kind (open:, exec:, connect:, syscall: or a syscall name)",
			     text);
		return -1;
	}
	r->kind = RULE_SYSCALL;
	r->pattern = text;
	return 0;
}

static int in_prefix(const unsigned char *a, const unsigned char *net,
		     unsigned bits)
{
	unsigned k;

	for (k = 0; k < bits / 8; k++)
		if (a[k] != net[k])
			return 0;
	if (bits % 8) {
		unsigned char m = (unsigned char)(0xff << (8 - bits % 8));

		if ((a[k] & m) != (net[k] & m))
			return 0;
	}
	return 1;
}

int rules_connect_matches(const struct rule *r, const unsigned char *sa,
			  size_t len)
{
	sa_family_t fam;
	int in;

	if (len < sizeof(fam))
		return 0;
	memcpy(&fam, sa, sizeof(fam));
	if (r->family == AF_UNIX) {
		size_t off = offsetof(struct sockaddr_un, sun_path), n;

		if (fam != AF_UNIX || len <= off)
			return r->negate && fam == AF_UNIX;
		n = strnlen((const char *)sa + off, len - off);
		if (n == 0 && len > off + 1) /* abstract: @name */
			n = 0;
		in = rules_glob(r->pattern, sa + off, n);
		return r->negate ? !in : in;
	}
	if (fam == AF_INET && r->family == AF_INET &&
	    len >= sizeof(struct sockaddr_in)) {
		struct sockaddr_in a;

		memcpy(&a, sa, sizeof(a));
		in = in_prefix((const unsigned char *)&a.sin_addr, r->addr,
			       r->prefix) &&
		     (r->port < 0 || ntohs(a.sin_port) == r->port);
		return r->negate ? !in : in;
	}
	if (fam == AF_INET6 && r->family == AF_INET6 &&
	    len >= sizeof(struct sockaddr_in6)) {
		struct sockaddr_in6 a;

		memcpy(&a, sa, sizeof(a));
		in = in_prefix(a.sin6_addr.s6_addr, r->addr, r->prefix);
		return r->negate ? !in : in;
	}
	/* another family: outside any range of this rule's family */
	return r->negate && (fam == AF_INET || fam == AF_INET6) &&
	       fam != r->family;
}
