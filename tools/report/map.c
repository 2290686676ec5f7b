/* A 64-bit key map: open addressing, linear probing, load <= 1/2. See
 * map.h. */
#include <stdlib.h>
#include <string.h>

#include "map.h"

static size_t slot_of(uint64_t key, size_t cap)
{
	key ^= key >> 33;
	key *= 0xff51afd7ed558ccdULL;
	key ^= key >> 33;
	return (size_t)key & (cap - 1);
}

uint32_t map_get(const struct map *m, uint64_t key)
{
	size_t i;

	if (!m->cap)
		return 0;
	for (i = slot_of(key, m->cap); m->vals[i]; i = (i + 1) & (m->cap - 1))
		if (m->keys[i] == key)
			return m->vals[i];
	return 0;
}

int map_put(struct map *m, uint64_t key, uint32_t val)
{
	size_t i;

	if ((m->count + 1) * 2 > m->cap) {
		struct map n;
		size_t k;

		n.cap = m->cap ? m->cap * 2 : 256;
		n.count = 0;
		n.keys = calloc(n.cap, sizeof(*n.keys));
		n.vals = calloc(n.cap, sizeof(*n.vals));
		if (!n.keys || !n.vals) {
			free(n.keys);
			free(n.vals);
			return -1;
		}
		for (k = 0; k < m->cap; k++)
			if (m->vals[k])
				map_put(&n, m->keys[k], m->vals[k]);
		map_free(m);
		*m = n;
	}
	for (i = slot_of(key, m->cap); m->vals[i]; i = (i + 1) & (m->cap - 1))
		if (m->keys[i] == key) {
			m->vals[i] = val;
			return 0;
		}
	m->keys[i] = key;
	m->vals[i] = val;
	m->count++;
	return 0;
}

void map_free(struct map *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}
