/* Interned strings: a chained hash table (FNV-1a). See intern.h. */
#include <stdlib.h>
#include <string.h>

#include "intern.h"

static uint32_t fnv1a(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static int grow(struct intern *t)
{
	size_t ns = t->nslots ? t->nslots * 2 : 1024, i;
	struct istr **slot = calloc(ns, sizeof(*slot));

	if (!slot)
		return -1;
	for (i = 0; i < t->nslots; i++) {
		struct istr *e = t->slot[i], *next;
		for (; e; e = next) {
			next = e->chain;
			e->chain = slot[e->hash & (ns - 1)];
			slot[e->hash & (ns - 1)] = e;
		}
	}
	free(t->slot);
	t->slot = slot;
	t->nslots = ns;
	return 0;
}

const struct istr *intern(struct intern *t, const char *s, size_t n)
{
	uint32_t h = fnv1a(s, n);
	struct istr *e;

	if (t->nslots)
		for (e = t->slot[h & (t->nslots - 1)]; e; e = e->chain)
			if (e->hash == h && e->n == n && !memcmp(e->s, s, n))
				return e;
	if (t->count >= t->nslots && grow(t))
		return NULL;
	if (!(e = malloc(sizeof(*e) + n + 1)))
		return NULL;
	e->n = n;
	e->hash = h;
	e->id = (uint32_t)++t->count;
	memcpy(e->s, s, n);
	e->s[n] = '\0';
	e->chain = t->slot[h & (t->nslots - 1)];
	t->slot[h & (t->nslots - 1)] = e;
	return e;
}

const struct istr *intern_cstr(struct intern *t, const char *s)
{
	return intern(t, s, strlen(s));
}

void intern_free(struct intern *t)
{
	size_t i;

	for (i = 0; i < t->nslots; i++) {
		struct istr *e = t->slot[i], *next;
		for (; e; e = next) {
			next = e->chain;
			free(e);
		}
	}
	free(t->slot);
	memset(t, 0, sizeof(*t));
}
