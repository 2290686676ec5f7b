/* Flag tables to text: see flags.h. */
#include "flags.h"

uint64_t flags_value(const struct flags *t, size_t i)
{
	const void *v = (const char *)t + t->values;

	switch (t->size) {
	case 1:
		return ((const uint8_t *)v)[i];
	case 2:
		return ((const uint16_t *)v)[i];
	case 4:
		return ((const uint32_t *)v)[i];
	}
	return ((const uint64_t *)v)[i];
}

/* the prefix, then the names */
static const char *prefix(const struct flags *t)
{
	return (const char *)t + t->names;
}

/* prefix and name as one append: a builder too full for both keeps
 * neither, as it would a whole name */
static void put_name(struct sb *s, const struct flags *t, const char *name)
{
	const char *pre = prefix(t);
	size_t np = strlen(pre), nn = strlen(name);

	if (s->len + np + nn + 1 > s->cap) {
		s->cut = 1;
		return;
	}
	sb_mem(s, pre, np);
	sb_mem(s, name, nn);
}

void flags_name_at(struct sb *s, const struct flags *t, size_t i)
{
	const char *p = prefix(t);

	do
		p += strlen(p) + 1;
	while (i--);
	put_name(s, t, p);
}

void flags_print(struct sb *s, uint64_t v, const struct flags *t,
		 const char *if_zero)
{
	const char *p = prefix(t);
	uint64_t rest = v;
	size_t i;

	if (!v) {
		sb_str(s, if_zero ? if_zero : "0");
		return;
	}
	for (i = 0; i < t->n && rest; i++) {
		p += strlen(p) + 1;
		uint64_t bits = flags_value(t, i);

		if (!bits || (rest & bits) != bits)
			continue;
		if (rest != v)
			sb_char(s, '|');
		put_name(s, t, p);
		rest &= ~bits;
	}
	if (rest) {
		if (rest != v)
			sb_char(s, '|');
		sb_hex(s, rest);
	}
}

int flags_find(const struct flags *t, uint64_t v)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (flags_value(t, i) == v)
			return (int)i;
	return -1;
}

int flags_name(struct sb *s, const struct flags *t, uint64_t v)
{
	int i = flags_find(t, v);

	if (i < 0)
		return 0;
	flags_name_at(s, t, (size_t)i);
	return 1;
}

void flags_hex(struct sb *s, uint64_t v)
{
	if (v)
		sb_hex(s, v);
	else
		sb_char(s, '0');
}
