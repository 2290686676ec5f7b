/* Independent checkers shared by the fuzz targets: a reference UTF-8
 * decoder, a strict JSON validator and an abort that says why.
 *
 * They are written differently from src/escape.c on purpose (decode the
 * code point, then judge its value, rather than table the second byte), so
 * that one mistake is not made twice. Header-only: each target is one
 * translation unit plus the modules it fuzzes.
 */
#ifndef AITRACE_FUZZCHECK_H
#define AITRACE_FUZZCHECK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Print why, the offending bytes (escaped) and abort: libFuzzer saves the
 * input as crash-<sha1>. */
static void __attribute__((noreturn, unused))
fuzz_fail(const char *why, const void *buf, size_t len)
{
	const unsigned char *p = buf;
	size_t i;

	fprintf(stderr, "fuzz check failed: %s\n  output (%zu bytes): \"", why,
		len);
	for (i = 0; i < len && i < 4096; i++)
		if (p[i] >= 0x20 && p[i] < 0x7f && p[i] != '\\' && p[i] != '"')
			fputc(p[i], stderr);
		else
			fprintf(stderr, "\\x%02x", p[i]);
	fprintf(stderr, "%s\"\n", i < len ? "..." : "");
	abort();
}

#define FUZZ_ASSERT(cond, buf, len)                                            \
	do {                                                                   \
		if (!(cond))                                                   \
			fuzz_fail(#cond, buf, len);                            \
	} while (0)

/* ---- UTF-8 --------------------------------------------------------------- */

/* Decode the sequence at s (n > 0 bytes left): its code point in *cp and
 * its length, or 0 when it is ill-formed (overlong, a surrogate, above
 * U+10FFFF, a stray continuation byte, cut short). */
static size_t __attribute__((unused))
ref_utf8(const unsigned char *s, size_t n, uint32_t *cp)
{
	static const uint32_t min_of_len[5] = { 0, 0, 0x80, 0x800, 0x10000 };
	size_t k, i;
	uint32_t v;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0) {
		k = 2;
		v = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		k = 3;
		v = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		k = 4;
		v = s[0] & 0x07;
	} else {
		return 0;
	}
	if (n < k)
		return 0;
	for (i = 1; i < k; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = v << 6 | (s[i] & 0x3f);
	}
	if (v < min_of_len[k] || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return k;
}

static int __attribute__((unused))
ref_utf8_valid(const unsigned char *s, size_t n)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < n) {
		k = ref_utf8(s + i, n - i, &cp);
		if (!k)
			return 0;
		i += k;
	}
	return 1;
}

/* ---- JSON ---------------------------------------------------------------- */

/* A strict RFC 8259 validator for one line of our log: one object, then
 * "\n", then nothing. Strings must be valid UTF-8 with no raw control
 * character; \u escapes must not leave a lone surrogate; on top of the
 * RFC, no raw C1 control or U+2028/2029 (escape.h promises them escaped)
 * and no key twice in one object. Returns NULL or what is wrong. */
struct jv {
	const unsigned char *p, *end;
	int depth;
	const char *why;
};

#define JV_MAX_DEPTH 16
#define JV_MAX_KEYS 64

static int jv_fail(struct jv *v, const char *why)
{
	if (!v->why)
		v->why = why;
	return -1;
}

static void jv_ws(struct jv *v)
{
	while (v->p < v->end &&
	       (*v->p == ' ' || *v->p == '\t' || *v->p == '\r'))
		v->p++;
}

static int jv_hex4(struct jv *v, uint32_t *out)
{
	uint32_t x = 0;
	int i;

	if (v->end - v->p < 4)
		return jv_fail(v, "short \\u escape");
	for (i = 0; i < 4; i++) {
		unsigned c = v->p[i];

		x <<= 4;
		if (c >= '0' && c <= '9')
			x |= c - '0';
		else if (c >= 'a' && c <= 'f')
			x |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			x |= c - 'A' + 10;
		else
			return jv_fail(v, "bad hex digit in \\u escape");
	}
	v->p += 4;
	*out = x;
	return 0;
}

/* A string; *s and *n get its raw (still escaped) body for the key check. */
static int jv_string(struct jv *v, const unsigned char **s, size_t *n)
{
	uint32_t cp, lo;
	size_t k;

	if (v->p >= v->end || *v->p != '"')
		return jv_fail(v, "expected a string");
	v->p++;
	*s = v->p;
	for (;;) {
		if (v->p >= v->end)
			return jv_fail(v, "unterminated string");
		if (*v->p == '"')
			break;
		if (*v->p < 0x20)
			return jv_fail(v, "raw control character in a string");
		if (*v->p == '\\') {
			v->p++;
			if (v->p >= v->end)
				return jv_fail(v, "cut escape");
			switch (*v->p++) {
			case '"': case '\\': case '/': case 'b': case 'f':
			case 'n': case 'r': case 't':
				continue;
			case 'u':
				if (jv_hex4(v, &cp))
					return -1;
				if (cp >= 0xdc00 && cp <= 0xdfff)
					return jv_fail(v, "lone low surrogate");
				if (cp >= 0xd800 && cp <= 0xdbff) {
					if (v->end - v->p < 6 || v->p[0] != '\\' ||
					    v->p[1] != 'u')
						return jv_fail(v, "lone high surrogate");
					v->p += 2;
					if (jv_hex4(v, &lo))
						return -1;
					if (lo < 0xdc00 || lo > 0xdfff)
						return jv_fail(v, "bad surrogate pair");
				}
				continue;
			default:
				return jv_fail(v, "unknown escape");
			}
		}
		k = ref_utf8(v->p, (size_t)(v->end - v->p), &cp);
		if (!k)
			return jv_fail(v, "invalid UTF-8 in a string");
		if ((cp >= 0x7f && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029)
			return jv_fail(v, "raw DEL, C1 control or U+2028/9");
		v->p += k;
	}
	*n = (size_t)(v->p - *s);
	v->p++;
	return 0;
}

static int jv_digits(struct jv *v)
{
	const unsigned char *s = v->p;

	while (v->p < v->end && *v->p >= '0' && *v->p <= '9')
		v->p++;
	return v->p > s ? 0 : jv_fail(v, "expected a digit");
}

static int jv_number(struct jv *v)
{
	if (v->p < v->end && *v->p == '-')
		v->p++;
	if (v->p < v->end && *v->p == '0')
		v->p++;
	else if (jv_digits(v))
		return -1;
	if (v->p < v->end && *v->p == '.') {
		v->p++;
		if (jv_digits(v))
			return -1;
	}
	if (v->p < v->end && (*v->p == 'e' || *v->p == 'E')) {
		v->p++;
		if (v->p < v->end && (*v->p == '+' || *v->p == '-'))
			v->p++;
		if (jv_digits(v))
			return -1;
	}
	return 0;
}

static int jv_word(struct jv *v, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(v->end - v->p) < n || memcmp(v->p, w, n) != 0)
		return jv_fail(v, "bad literal");
	v->p += n;
	return 0;
}

static int jv_value(struct jv *v);

static int jv_object(struct jv *v)
{
	const unsigned char *key[JV_MAX_KEYS];
	size_t keylen[JV_MAX_KEYS], nkeys = 0, i;
	const unsigned char *s;
	size_t n;

	v->p++; /* '{' */
	jv_ws(v);
	if (v->p < v->end && *v->p == '}') {
		v->p++;
		return 0;
	}
	for (;;) {
		jv_ws(v);
		if (jv_string(v, &s, &n))
			return -1;
		for (i = 0; i < nkeys; i++)
			if (keylen[i] == n && memcmp(key[i], s, n) == 0)
				return jv_fail(v, "a key twice in one object");
		if (nkeys == JV_MAX_KEYS)
			return jv_fail(v, "too many keys for the checker");
		key[nkeys] = s;
		keylen[nkeys++] = n;
		jv_ws(v);
		if (v->p >= v->end || *v->p != ':')
			return jv_fail(v, "expected ':'");
		v->p++;
		if (jv_value(v))
			return -1;
		jv_ws(v);
		if (v->p < v->end && *v->p == ',') {
			v->p++;
			continue;
		}
		if (v->p < v->end && *v->p == '}') {
			v->p++;
			return 0;
		}
		return jv_fail(v, "expected ',' or '}'");
	}
}

static int jv_array(struct jv *v)
{
	v->p++; /* '[' */
	jv_ws(v);
	if (v->p < v->end && *v->p == ']') {
		v->p++;
		return 0;
	}
	for (;;) {
		if (jv_value(v))
			return -1;
		jv_ws(v);
		if (v->p < v->end && *v->p == ',') {
			v->p++;
			continue;
		}
		if (v->p < v->end && *v->p == ']') {
			v->p++;
			return 0;
		}
		return jv_fail(v, "expected ',' or ']'");
	}
}

static int jv_value(struct jv *v)
{
	const unsigned char *s;
	size_t n;
	int r;

	jv_ws(v);
	if (v->p >= v->end)
		return jv_fail(v, "expected a value");
	if (++v->depth > JV_MAX_DEPTH)
		return jv_fail(v, "nested too deeply");
	switch (*v->p) {
	case '{': r = jv_object(v); break;
	case '[': r = jv_array(v); break;
	case '"': r = jv_string(v, &s, &n); break;
	case 't': r = jv_word(v, "true"); break;
	case 'f': r = jv_word(v, "false"); break;
	case 'n': r = jv_word(v, "null"); break;
	default: r = jv_number(v); break;
	}
	v->depth--;
	return r;
}

/* buf[0..len) is one JSON object followed by exactly one "\n". */
static const char *__attribute__((unused))
json_line_check(const char *buf, size_t len)
{
	struct jv v = { (const unsigned char *)buf,
			(const unsigned char *)buf + len, 0, NULL };

	if (!ref_utf8_valid(v.p, len))
		return "the line is not valid UTF-8";
	if (len < 2 || buf[len - 1] != '\n')
		return "the line does not end in a newline";
	v.end--;
	if (memchr(buf, '\n', len - 1))
		return "a newline inside the line";
	if (*v.p != '{')
		return "the line is not an object";
	if (jv_value(&v))
		return v.why;
	if (v.p != v.end)
		return "bytes after the object";
	return NULL;
}

/* buf[0..len) is one line of printable ASCII ending in its only "\n". */
static const char *__attribute__((unused))
text_line_check(const char *buf, size_t len)
{
	size_t i;

	if (len < 1 || buf[len - 1] != '\n')
		return "the line does not end in a newline";
	for (i = 0; i + 1 < len; i++)
		if ((unsigned char)buf[i] < 0x20 || (unsigned char)buf[i] > 0x7e)
			return "a byte that is not printable ASCII";
	return NULL;
}

#endif
