/* Parsing a tracefs event "format" file. It looks like this (written by
 * f_show() in kernel/trace/trace_events.c; tabs shown as spaces):
 *
 *   name: sys_enter_openat
 *   ID: 782
 *   format:
 *     field:unsigned short common_type; offset:0; size:2; signed:0;
 *     ...
 *     field:const char * filename; offset:24; size:8; signed:0;
 *     ...
 *
 *   print fmt: "dfd: 0x%08lx, filename: 0x%08lx, ...", ...
 *
 * Every BPF offset we emit comes from here, so a line we do not fully
 * understand is an error, never a guess. Whitespace is free, blank lines
 * and everything from "print fmt:" on are ignored, and unknown key:value
 * attributes on a field line are skipped (the kernel added "signed:" once;
 * it may add more).
 */
#include <limits.h>
#include <string.h>

#include "tpformat.h"
#include "fmt.h"

#define TP_STR(x) #x
#define TP_XSTR(x) TP_STR(x)

struct tp_span {
	const char *s, *e; /* [s, e) */
};

static int tp_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static int tp_ident(char c)
{
	return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

static struct tp_span tp_trim(struct tp_span t)
{
	while (t.s < t.e && tp_space(t.s[0]))
		t.s++;
	while (t.e > t.s && tp_space(t.e[-1]))
		t.e--;
	return t;
}

/* If t starts with prefix, step over it. */
static int tp_eat(struct tp_span *t, const char *prefix)
{
	size_t n = strlen(prefix);

	if ((size_t)(t->e - t->s) < n || memcmp(t->s, prefix, n) != 0)
		return 0;
	t->s += n;
	return 1;
}

/* Is t exactly the string word? */
static int tp_is(struct tp_span t, const char *word)
{
	size_t n = strlen(word);

	return (size_t)(t.e - t.s) == n && memcmp(t.s, word, n) == 0;
}

/* A decimal number that fits in an unsigned, nothing else. */
static int tp_number(struct tp_span t, unsigned *out)
{
	unsigned v = 0, d;

	if (t.s == t.e)
		return -1;
	for (; t.s < t.e; t.s++) {
		if (*t.s < '0' || *t.s > '9')
			return -1;
		d = *t.s - '0';
		if (v > (UINT_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

/* Copy t into a char[cap] as a string; -1 if it does not fit. */
static int tp_copy(char *dst, size_t cap, struct tp_span t)
{
	size_t n = t.e - t.s;

	if (n >= cap)
		return -1;
	memcpy(dst, t.s, n);
	dst[n] = '\0';
	return 0;
}

/* "line N: why: text". The text is quoted as printable ASCII so that a
 * corrupt file cannot garble the diagnostic it causes. */
static int tp_fail(char *err, size_t errlen, unsigned lineno,
		   struct tp_span line, const char *why)
{
	char text[84];
	size_t n = 0;

	if (!err || !errlen)
		return -1;
	line = tp_trim(line);
	for (; line.s < line.e && n < sizeof(text) - 4; line.s++)
		text[n++] = *line.s == '\t' ? ' ' :
			    *line.s >= 0x20 && *line.s < 0x7f ? *line.s : '?';
	if (line.s < line.e)
		n += fmt_snprintf(text + n, sizeof(text) - n, "...");
	text[n] = '\0';
	if (lineno)
		fmt_snprintf(err, errlen, "line %u: %s: \"%s\"", lineno, why, text);
	else
		fmt_snprintf(err, errlen, "%s", why);
	return -1;
}

/* The declaration of a field: "const char * filename", "char comm[16]",
 * "__data_loc char[] parent_comm". The name is the last identifier before
 * an optional [N]; the type is everything before the name. */
static const char *tp_decl(struct tpfield *f, struct tp_span d)
{
	const char *name, *open;
	struct tp_span len;
	unsigned n;

	d = tp_trim(d);
	if (d.s < d.e && d.e[-1] == ']') {
		for (open = d.e - 1; open > d.s && *open != '['; open--)
			;
		len = tp_trim((struct tp_span){ open + 1, d.e - 1 });
		/* Old kernels wrote symbolic lengths ("[TASK_COMM_LEN]");
		 * the size: attribute alone does not give the count. */
		if (*open != '[' || tp_number(len, &n) < 0 || !n ||
		    n > INT_MAX)
			return "array length is not a number";
		f->array_len = n;
		d = tp_trim((struct tp_span){ d.s, open });
	}
	for (name = d.e; name > d.s && tp_ident(name[-1]); name--)
		;
	if (name == d.e || (*name >= '0' && *name <= '9'))
		return "no field name";
	if (tp_copy(f->name, sizeof(f->name), (struct tp_span){ name, d.e }))
		return "field name too long";
	d = tp_trim((struct tp_span){ d.s, name });
	if (d.s == d.e)
		return "no field type";
	if (tp_copy(f->type, sizeof(f->type), d))
		return "field type too long";

	/* __rel_loc holds an offset relative to the field's end, not to the
	 * record: reading it as __data_loc would read the wrong bytes. */
	if (tp_eat(&d, "__rel_loc") && (d.s == d.e || tp_space(*d.s)))
		return "__rel_loc fields are not supported";
	f->is_data_loc = tp_eat(&d, "__data_loc") &&
			 (d.s == d.e || tp_space(*d.s));
	f->is_common = strncmp(f->name, "common_", 7) == 0;
	return NULL;
}

/* The attributes after the declaration: "offset:24;\tsize:8;\tsigned:0;".
 * All three are required; others are skipped. */
static const char *tp_attrs(struct tpfield *f, struct tp_span t)
{
	static const char *const key[] = { "offset", "size", "signed" };
	static const char *const missing[] = {
		"field has no offset", "field has no size",
		"field has no signedness"
	};
	unsigned val[3], seen[3] = { 0 }, i;
	const char *colon, *semi;
	struct tp_span k, v;

	for (;;) {
		t = tp_trim(t);
		if (t.s == t.e)
			break;
		colon = memchr(t.s, ':', t.e - t.s);
		semi = memchr(t.s, ';', t.e - t.s);
		if (!colon || !semi || semi < colon)
			return "cannot understand attribute";
		k = tp_trim((struct tp_span){ t.s, colon });
		v = tp_trim((struct tp_span){ colon + 1, semi });
		t.s = semi + 1;
		for (i = 0; i < 3; i++)
			if (tp_is(k, key[i]))
				break;
		if (i == 3)
			continue;
		if (seen[i]++)
			return "attribute given twice";
		if (tp_number(v, &val[i]) < 0)
			return "attribute value is not a number";
	}
	for (i = 0; i < 3; i++)
		if (!seen[i])
			return missing[i];
	if (val[2] > 1)
		return "signed is neither 0 nor 1";
	f->offset = val[0];
	f->size = val[1];
	f->is_signed = val[2];
	return NULL;
}

/* One "field:" line, the prefix already eaten. */
static const char *tp_field(struct tpformat *fmt, struct tp_span t)
{
	struct tpfield *f;
	const char *semi, *why;
	unsigned i;

	if (fmt->nfields == TPFORMAT_MAX_FIELDS)
		return "more than " TP_XSTR(TPFORMAT_MAX_FIELDS) " fields";
	f = &fmt->field[fmt->nfields];
	memset(f, 0, sizeof(*f));
	semi = memchr(t.s, ';', t.e - t.s);
	if (!semi)
		return "no ';' after the field declaration";
	why = tp_decl(f, (struct tp_span){ t.s, semi });
	if (!why)
		why = tp_attrs(f, (struct tp_span){ semi + 1, t.e });
	if (why)
		return why;
	for (i = 0; i < fmt->nfields; i++)
		if (strcmp(fmt->field[i].name, f->name) == 0)
			return "field name given twice";
	fmt->nfields++;
	return NULL;
}

static const char *tp_name(struct tpformat *fmt, struct tp_span t)
{
	if (t.s == t.e)
		return "empty event name";
	if (tp_copy(fmt->name, sizeof(fmt->name), t))
		return "event name too long";
	return NULL;
}

int tpformat_parse(struct tpformat *fmt, const char *text, size_t len,
		   char *err, size_t errlen)
{
	const char *end = text + len, *eol, *why;
	struct tp_span line, t;
	unsigned lineno = 0;
	int blank = 1;

	memset(fmt, 0, sizeof(*fmt));
	for (; text < end; text = eol + (eol < end)) {
		eol = memchr(text, '\n', end - text);
		if (!eol)
			eol = end;
		line = (struct tp_span){ text, eol };
		lineno++;
		t = tp_trim(line);
		if (t.s == t.e)
			continue;
		blank = 0;

		if (tp_eat(&t, "print fmt:"))
			break;
		else if (memchr(t.s, '\0', (size_t)(t.e - t.s)))
			why = "NUL byte in the line"; /* a cut type would lie */
		else if (tp_eat(&t, "field:"))
			why = tp_field(fmt, t);
		else if (tp_eat(&t, "name:"))
			why = tp_name(fmt, tp_trim(t));
		else if (tp_eat(&t, "ID:"))
			why = tp_number(tp_trim(t), &fmt->id) ?
			      "ID is not a number" : NULL;
		else if (tp_eat(&t, "format:"))
			why = NULL;
		else
			why = "cannot understand line";
		if (why)
			return tp_fail(err, errlen, lineno, line, why);
	}

	line = (struct tp_span){ NULL, NULL };
	if (blank)
		return tp_fail(err, errlen, 0, line, "empty format file");
	if (!fmt->name[0])
		return tp_fail(err, errlen, 0, line, "no 'name:' line");
	if (!fmt->nfields)
		return tp_fail(err, errlen, 0, line, "no 'field:' lines");
	return 0;
}

const struct tpfield *tpformat_field(const struct tpformat *fmt,
				     const char *name)
{
	unsigned i;

	for (i = 0; i < fmt->nfields; i++)
		if (strcmp(fmt->field[i].name, name) == 0)
			return &fmt->field[i];
	return NULL;
}

/* "const char *", "const char *const *", "struct clone_args *": a '*' in
 * the type. An array of pointers is an array, and a __data_loc is a u32. */
int tpfield_is_pointer(const struct tpfield *f)
{
	return !f->array_len && !f->is_data_loc && strchr(f->type, '*');
}
