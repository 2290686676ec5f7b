/* SHA-256 (FIPS 180-4), streaming. Pure logic: the caller owns the
 * context and feeds bytes from wherever they come from. */
#ifndef REPORT_SHA256_H
#define REPORT_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t h[8];
	uint64_t len;           /* bytes fed so far */
	unsigned char buf[64];  /* a partial block */
	size_t fill;
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t n);
void sha256_final(struct sha256 *c, unsigned char out[32]);

/* out: 64 lower-case hex digits and a NUL */
void sha256_hex(const unsigned char digest[32], char out[65]);

#endif
