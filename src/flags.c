/* Flag tables to text: see flags.h. */
#include "flags.h"

void flags_print(struct sb *s, uint64_t v, const struct flag *tab, size_t n,
		 const char *if_zero)
{
	uint64_t rest = v;
	size_t i;
	int any = 0;

	if (!v) {
		sb_str(s, if_zero ? if_zero : "0");
		return;
	}
	for (i = 0; i < n && rest; i++) {
		if (!tab[i].value || (rest & tab[i].value) != tab[i].value)
			continue;
		if (any)
			sb_char(s, '|');
		sb_str(s, tab[i].name);
		rest &= ~tab[i].value;
		any = 1;
	}
	if (rest) {
		if (any)
			sb_char(s, '|');
		sb_hex(s, rest);
	}
}

const char *flags_lookup(uint64_t v, const struct flag *tab, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (tab[i].value == v)
			return tab[i].name;
	return NULL;
}

void flags_hex(struct sb *s, uint64_t v)
{
	if (v)
		sb_hex(s, v);
	else
		sb_char(s, '0');
}
