/* A map from 64-bit keys to 32-bit values (open addressing): the
 * report's indexes (pid -> process, process and path -> use, ...). */
#ifndef REPORT_MAP_H
#define REPORT_MAP_H

#include <stddef.h>
#include <stdint.h>

struct map {
	uint64_t *keys;
	uint32_t *vals;      /* 0 means an empty slot: store index + 1 */
	size_t cap, count;
};

uint32_t map_get(const struct map *m, uint64_t key);   /* 0 if absent */
int map_put(struct map *m, uint64_t key, uint32_t val); /* val != 0; -1: no memory */
void map_free(struct map *m);

#endif
