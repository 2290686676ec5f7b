/* A small JSON reader for one NDJSON line of our own log (or a
 * safetensors header): parses in place into a flat array of values, no
 * recursion beyond a fixed depth, no number conversion beyond int64.
 * Hostile input is an error with a position, never a crash: depth,
 * value count and string sizes are bounded by the input itself.
 * Pure logic; the caller owns the document and may reuse it per line. */
#ifndef REPORT_JSON_H
#define REPORT_JSON_H

#include <stddef.h>
#include <stdint.h>

enum json_type { JSON_NULL, JSON_FALSE, JSON_TRUE, JSON_NUM, JSON_STR,
		 JSON_ARR, JSON_OBJ };

struct json {
	unsigned char type;
	unsigned char is_int;  /* JSON_NUM without fraction or exponent that
				* fits int64: i holds it */
	int64_t i;
	const char *s;         /* JSON_STR: decoded bytes, NUL after them
				* (they may hold NUL: use n); JSON_NUM: its
				* text, not terminated */
	size_t n;
	const char *key;       /* member name in an object (decoded, NUL
				* after), else NULL */
	size_t klen;
	uint32_t first, last;  /* JSON_ARR/OBJ: children, index + 1; 0: none */
	uint32_t next;         /* next sibling, index + 1; 0: none */
	uint32_t count;        /* JSON_ARR/OBJ: number of children */
};

struct json_doc {
	struct json *v;        /* v[0] is the root after a parse */
	size_t n, cap;
	const char *err;       /* why the last parse failed */
	size_t err_at;         /* byte offset of the failure */
};

#define JSON_MAX_DEPTH 32

/* Parse text[0..len) (modified: strings are decoded in place). Returns 0,
 * or -1 with err and err_at set (also when out of memory). */
int json_parse(struct json_doc *d, char *text, size_t len);
void json_free(struct json_doc *d);

const struct json *json_root(const struct json_doc *d);
/* member of an object by name (the first if repeated); NULL if v is not
 * an object or has none */
const struct json *json_get(const struct json_doc *d, const struct json *v,
			    const char *key);
const struct json *json_first(const struct json_doc *d, const struct json *v);
const struct json *json_next(const struct json_doc *d, const struct json *v);

/* An integer: a JSON integer, or a "0x..." string (our log writes numbers
 * beyond 2^53 so). Returns 0 and sets *out, or -1. */
int json_int(const struct json *v, int64_t *out);
/* String bytes and length, or NULL if v is not a string. */
const char *json_str(const struct json *v, size_t *n);
/* v is a string equal to s */
int json_is(const struct json *v, const char *s);

/* shorthands: member key of object v as int / string */
int json_get_int(const struct json_doc *d, const struct json *v,
		 const char *key, int64_t *out);
const char *json_get_str(const struct json_doc *d, const struct json *v,
			 const char *key, size_t *n);

#endif
