/* JSON (RFC 8259) reader: see json.h. A recursive-descent parser with an
 * explicit depth limit; values appended to d->v in document order, each
 * container linking its children by index. Strings are unescaped in place:
 * an escape never decodes to more bytes than it spans (\uXXXX: 6 bytes in,
 * at most 3 out; a surrogate pair: 12 in, 4 out). */
#include <stdlib.h>
#include <string.h>

#include "json.h"

struct parser {
	struct json_doc *d;
	char *p, *end, *start;
};

static int fail(struct parser *ps, const char *why)
{
	ps->d->err = why;
	ps->d->err_at = (size_t)(ps->p - ps->start);
	return -1;
}

static void skip_ws(struct parser *ps)
{
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' ||
				   *ps->p == '\n' || *ps->p == '\r'))
		ps->p++;
}

/* a new value; returns its index or -1 */
static long add(struct parser *ps, int type)
{
	struct json_doc *d = ps->d;

	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 64;
		struct json *v;

		if (cap > UINT32_MAX - 1)
			return fail(ps, "too many values");
		v = realloc(d->v, cap * sizeof(*v));
		if (!v)
			return fail(ps, "out of memory");
		d->v = v;
		d->cap = cap;
	}
	memset(&d->v[d->n], 0, sizeof(d->v[0]));
	d->v[d->n].type = (unsigned char)type;
	return (long)d->n++;
}

static int hex4(const char *p, unsigned *out)
{
	unsigned v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		char c = p[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

static char *put_utf8(char *o, unsigned cp)
{
	if (cp < 0x80) {
		*o++ = (char)cp;
	} else if (cp < 0x800) {
		*o++ = (char)(0xc0 | cp >> 6);
		*o++ = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		*o++ = (char)(0xe0 | cp >> 12);
		*o++ = (char)(0x80 | (cp >> 6 & 0x3f));
		*o++ = (char)(0x80 | (cp & 0x3f));
	} else {
		*o++ = (char)(0xf0 | cp >> 18);
		*o++ = (char)(0x80 | (cp >> 12 & 0x3f));
		*o++ = (char)(0x80 | (cp >> 6 & 0x3f));
		*o++ = (char)(0x80 | (cp & 0x3f));
	}
	return o;
}

/* At the opening quote. Decodes in place; sets *s, *n. A lone surrogate
 * becomes U+FFFD; raw bytes >= 0x80 are kept as they are (the escapers
 * downstream deal with ill-formed UTF-8). */
static int string(struct parser *ps, const char **s, size_t *n)
{
	char *o, *begin;

	ps->p++;
	begin = o = ps->p;
	for (;;) {
		unsigned char c;

		if (ps->p >= ps->end)
			return fail(ps, "unterminated string");
		c = (unsigned char)*ps->p;
		if (c == '"')
			break;
		if (c < 0x20)
			return fail(ps, "control character in string");
		if (c != '\\') {
			*o++ = *ps->p++;
			continue;
		}
		if (ps->end - ps->p < 2)
			return fail(ps, "unterminated escape");
		switch (ps->p[1]) {
		case '"': *o++ = '"'; break;
		case '\\': *o++ = '\\'; break;
		case '/': *o++ = '/'; break;
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u': {
			unsigned cp, lo;

			if (ps->end - ps->p < 6 || hex4(ps->p + 2, &cp))
				return fail(ps, "bad \\u escape");
			if (cp >= 0xd800 && cp < 0xdc00 && ps->end - ps->p >= 12 &&
			    ps->p[6] == '\\' && ps->p[7] == 'u' &&
			    !hex4(ps->p + 8, &lo) && lo >= 0xdc00 && lo < 0xe000) {
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				ps->p += 6;
			} else if (cp >= 0xd800 && cp < 0xe000) {
				cp = 0xfffd;
			}
			o = put_utf8(o, cp);
			ps->p += 6;
			continue;
		}
		default:
			return fail(ps, "bad escape");
		}
		ps->p += 2;
	}
	*s = begin;
	*n = (size_t)(o - begin);
	ps->p++;
	*o = '\0'; /* o < the closing quote's old position + 1 */
	return 0;
}

static int number(struct parser *ps, struct json *v)
{
	char *p = ps->p;
	int neg = 0, integral = 1, overflow = 0;
	uint64_t mag = 0;

	if (*p == '-') {
		neg = 1;
		p++;
	}
	if (p >= ps->end || *p < '0' || *p > '9')
		return fail(ps, "bad number");
	if (*p == '0') {
		p++;
	} else {
		while (p < ps->end && *p >= '0' && *p <= '9') {
			unsigned dgt = (unsigned)(*p - '0');
			if (mag > (UINT64_MAX - dgt) / 10)
				overflow = 1;
			else
				mag = mag * 10 + dgt;
			p++;
		}
	}
	if (p < ps->end && *p == '.') {
		integral = 0;
		p++;
		if (p >= ps->end || *p < '0' || *p > '9')
			return fail(ps, "bad fraction");
		while (p < ps->end && *p >= '0' && *p <= '9')
			p++;
	}
	if (p < ps->end && (*p == 'e' || *p == 'E')) {
		integral = 0;
		p++;
		if (p < ps->end && (*p == '+' || *p == '-'))
			p++;
		if (p >= ps->end || *p < '0' || *p > '9')
			return fail(ps, "bad exponent");
		while (p < ps->end && *p >= '0' && *p <= '9')
			p++;
	}
	v->s = ps->p;
	v->n = (size_t)(p - ps->p);
	if (integral && !overflow &&
	    mag <= (neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX)) {
		v->is_int = 1;
		v->i = neg ? (int64_t)(0 - mag) : (int64_t)mag;
	}
	ps->p = p;
	return 0;
}

static int literal(struct parser *ps, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
		return fail(ps, "unexpected character");
	ps->p += n;
	return 0;
}

static int value(struct parser *ps, int depth);

/* link child index c (0-based) under container index k */
static void link_child(struct json_doc *d, long k, long c)
{
	struct json *box = &d->v[k];

	if (box->last)
		d->v[box->last - 1].next = (uint32_t)c + 1;
	else
		box->first = (uint32_t)c + 1;
	box->last = (uint32_t)c + 1;
	box->count++;
}

static int container(struct parser *ps, int depth, int obj)
{
	long k = add(ps, obj ? JSON_OBJ : JSON_ARR);
	char close = obj ? '}' : ']';

	if (k < 0)
		return -1;
	if (depth >= JSON_MAX_DEPTH)
		return fail(ps, "nested too deeply");
	ps->p++;
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == close) {
		ps->p++;
		return 0;
	}
	for (;;) {
		const char *key = NULL;
		size_t klen = 0;
		long c;

		skip_ws(ps);
		if (obj) {
			if (ps->p >= ps->end || *ps->p != '"')
				return fail(ps, "expected a member name");
			if (string(ps, &key, &klen))
				return -1;
			skip_ws(ps);
			if (ps->p >= ps->end || *ps->p != ':')
				return fail(ps, "expected ':'");
			ps->p++;
			skip_ws(ps);
		}
		c = (long)ps->d->n;
		if (value(ps, depth + 1))
			return -1;
		ps->d->v[c].key = key;
		ps->d->v[c].klen = klen;
		link_child(ps->d, k, c);
		skip_ws(ps);
		if (ps->p >= ps->end)
			return fail(ps, obj ? "unterminated object" : "unterminated array");
		if (*ps->p == ',') {
			ps->p++;
			continue;
		}
		if (*ps->p == close) {
			ps->p++;
			return 0;
		}
		return fail(ps, "expected ',' or a closing bracket");
	}
}

static int value(struct parser *ps, int depth)
{
	long k;

	skip_ws(ps);
	if (ps->p >= ps->end)
		return fail(ps, "unexpected end");
	switch (*ps->p) {
	case '{':
		return container(ps, depth, 1);
	case '[':
		return container(ps, depth, 0);
	case '"': {
		const char *s;
		size_t n;

		if ((k = add(ps, JSON_STR)) < 0 || string(ps, &s, &n))
			return -1;
		ps->d->v[k].s = s;
		ps->d->v[k].n = n;
		return 0;
	}
	case 't':
		return add(ps, JSON_TRUE) < 0 ? -1 : literal(ps, "true");
	case 'f':
		return add(ps, JSON_FALSE) < 0 ? -1 : literal(ps, "false");
	case 'n':
		return add(ps, JSON_NULL) < 0 ? -1 : literal(ps, "null");
	default:
		if ((k = add(ps, JSON_NUM)) < 0)
			return -1;
		return number(ps, &ps->d->v[k]);
	}
}

int json_parse(struct json_doc *d, char *text, size_t len)
{
	struct parser ps = { d, text, text + len, text };

	d->n = 0;
	d->err = NULL;
	d->err_at = 0;
	if (value(&ps, 0))
		return -1;
	skip_ws(&ps);
	if (ps.p != ps.end)
		return fail(&ps, "text after the value");
	return 0;
}

void json_free(struct json_doc *d)
{
	free(d->v);
	memset(d, 0, sizeof(*d));
}

const struct json *json_root(const struct json_doc *d)
{
	return d->n ? &d->v[0] : NULL;
}

const struct json *json_first(const struct json_doc *d, const struct json *v)
{
	if (!v || (v->type != JSON_OBJ && v->type != JSON_ARR) || !v->first)
		return NULL;
	return &d->v[v->first - 1];
}

const struct json *json_next(const struct json_doc *d, const struct json *v)
{
	return v && v->next ? &d->v[v->next - 1] : NULL;
}

const struct json *json_get(const struct json_doc *d, const struct json *v,
			    const char *key)
{
	const struct json *c;
	size_t n = strlen(key);

	if (!v || v->type != JSON_OBJ)
		return NULL;
	for (c = json_first(d, v); c; c = json_next(d, c))
		if (c->klen == n && memcmp(c->key, key, n) == 0)
			return c;
	return NULL;
}

int json_int(const struct json *v, int64_t *out)
{
	uint64_t x = 0;
	size_t i;

	if (!v)
		return -1;
	if (v->type == JSON_NUM && v->is_int) {
		*out = v->i;
		return 0;
	}
	if (v->type != JSON_STR || v->n < 3 || v->n > 18 || v->s[0] != '0' ||
	    (v->s[1] != 'x' && v->s[1] != 'X'))
		return -1;
	for (i = 2; i < v->n; i++) {
		char c = v->s[i];
		x <<= 4;
		if (c >= '0' && c <= '9')
			x |= (uint64_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			x |= (uint64_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			x |= (uint64_t)(c - 'A' + 10);
		else
			return -1;
	}
	*out = (int64_t)x;
	return 0;
}

const char *json_str(const struct json *v, size_t *n)
{
	if (!v || v->type != JSON_STR)
		return NULL;
	if (n)
		*n = v->n;
	return v->s;
}

int json_is(const struct json *v, const char *s)
{
	size_t n = strlen(s);

	return v && v->type == JSON_STR && v->n == n && memcmp(v->s, s, n) == 0;
}

int json_get_int(const struct json_doc *d, const struct json *v,
		 const char *key, int64_t *out)
{
	return json_int(json_get(d, v, key), out);
}

const char *json_get_str(const struct json_doc *d, const struct json *v,
			 const char *key, size_t *n)
{
	return json_str(json_get(d, v, key), n);
}
