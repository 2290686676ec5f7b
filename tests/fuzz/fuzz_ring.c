/* libFuzzer target for ring.c, the perf ring walker.
 *
 * Input: a 24-byte header, then bytes.
 *   [0]      the data area's size: 2^(3 + [0] % 14), 8 bytes to 64 KiB; in
 *            raw mode with bit 7 set, 8 + 24 * ([0] & 0x7f) bytes, mostly
 *            not a power of two
 *   [1]      bit 0: structured, else raw; bits 1-2: the bounce buffer,
 *            none, 64 KiB, or [2] bytes
 *   [2]      the small bounce buffer's size
 *   [3]      raw mode, bit 0: take head as given; clear, head lies within
 *            a ring's size (+16) of tail, mostly plausible windows
 *   [4..11]  tail (free-running, so near 2^64 too)
 *   [12..19] head (raw mode)
 *   [20..23] unused
 * Raw mode: the bytes fill the data area as they are, head and tail are
 * anything. Every ring_peek() must agree with a reference judge written
 * from ring.h's contract (RING_CORRUPT exactly when the header says), and
 * every record it returns must be the bytes at tail, read independently.
 * Structured mode: the bytes describe records that are laid down at tail
 * the way the kernel writes them, wrapping; the walk must give back
 * exactly those records, then RING_EMPTY with tail == head.
 *
 * The data area is a heap block of exactly its size, so any read outside it
 * is an ASan report.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzzcheck.h"
#include "ring.h"

#define PERF_RECORD_LOST 2
#define PERF_RECORD_SAMPLE 9
#define BOUNCE_BIG 65536

static uint64_t get64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

/* byte at free-running counter at */
static unsigned char at(const unsigned char *d, uint64_t size, uint64_t a)
{
	return d[a % size];
}

static void read_n(const unsigned char *d, uint64_t size, uint64_t a,
		   void *out, size_t n)
{
	unsigned char *o = out;
	size_t i;

	for (i = 0; i < n; i++)
		o[i] = at(d, size, a + i);
}

/* The status ring.h promises, judged from the bytes alone. */
static enum ring_status judge(const unsigned char *d, uint64_t size,
			      uint64_t head, uint64_t tail, size_t bounce_cap)
{
	uint64_t avail = head - tail;
	uint32_t type, raw_size;
	uint16_t hsize;

	if (avail == 0)
		return RING_EMPTY;
	if (size == 0 || avail > size || (size & (size - 1)))
		return RING_CORRUPT;
	if (head % 8 || tail % 8)
		return RING_CORRUPT;
	read_n(d, size, tail, &type, 4);
	read_n(d, size, tail + 6, &hsize, 2);
	if (hsize < 8 || hsize % 8 || hsize > avail)
		return RING_CORRUPT;
	if (type == PERF_RECORD_LOST && hsize < 24)
		return RING_CORRUPT;
	if (type != PERF_RECORD_SAMPLE)
		return RING_OK;
	if (hsize < 12)
		return RING_CORRUPT;
	read_n(d, size, tail + 8, &raw_size, 4);
	if (raw_size > hsize - 12u)
		return RING_CORRUPT;
	if ((tail + 12) % size + raw_size > size && raw_size > bounce_cap)
		return RING_CORRUPT;
	return RING_OK;
}

/* rec, as returned for the record at tail, is what the bytes say. */
static void check_rec(const unsigned char *d, uint64_t size, uint64_t tail,
		      const struct ring_rec *rec, const unsigned char *bounce,
		      size_t bounce_cap)
{
	uint32_t type, raw_size;
	uint16_t misc, hsize;
	uint64_t v;
	size_t i;

	read_n(d, size, tail, &type, 4);
	read_n(d, size, tail + 4, &misc, 2);
	read_n(d, size, tail + 6, &hsize, 2);
	FUZZ_ASSERT(rec->type == type && rec->misc == misc &&
			    rec->size == hsize,
		    rec, sizeof(*rec));
	if (type == PERF_RECORD_LOST) {
		read_n(d, size, tail + 8, &v, 8);
		FUZZ_ASSERT(rec->lost_id == v, rec, sizeof(*rec));
		read_n(d, size, tail + 16, &v, 8);
		FUZZ_ASSERT(rec->lost == v, rec, sizeof(*rec));
		FUZZ_ASSERT(!rec->raw, rec, sizeof(*rec));
		return;
	}
	if (type != PERF_RECORD_SAMPLE) {
		FUZZ_ASSERT(!rec->raw && !rec->raw_size, rec, sizeof(*rec));
		return;
	}
	read_n(d, size, tail + 8, &raw_size, 4);
	FUZZ_ASSERT(rec->raw_size == raw_size, rec, sizeof(*rec));
	FUZZ_ASSERT(rec->raw, rec, sizeof(*rec));
	/* wholly inside the data area, or the bounce buffer */
	FUZZ_ASSERT((rec->raw >= d && rec->raw + raw_size <= d + size) ||
			    (rec->raw == bounce && raw_size <= bounce_cap),
		    rec, sizeof(*rec));
	for (i = 0; i < raw_size; i++)
		FUZZ_ASSERT(rec->raw[i] == at(d, size, tail + 12 + i), rec->raw,
			    raw_size);
}

static void walk_raw(const unsigned char *d, uint64_t size, uint64_t head,
		     uint64_t tail, unsigned char *bounce, size_t bounce_cap)
{
	struct ring_view v = { d, size, head, tail };
	struct ring_rec rec;
	enum ring_status st, want;
	unsigned n;

	/* every OK advances tail by >= 8 and never past head */
	for (n = 0; n <= size / 8 + 1; n++) {
		want = judge(d, size, v.head, v.tail, bounce_cap);
		st = ring_peek(&v, &rec, bounce, bounce_cap);
		FUZZ_ASSERT(st == want, &rec, sizeof(rec));
		if (st != RING_OK)
			return;
		FUZZ_ASSERT(rec.size >= 8 && rec.size % 8 == 0 &&
				    rec.size <= v.head - v.tail,
			    &rec, sizeof(rec));
		check_rec(d, size, v.tail, &rec, bounce, bounce_cap);
		v.tail += rec.size;
	}
	fuzz_fail("the walk did not end", &rec, sizeof(rec));
}

/* ---- structured: records laid down as the kernel does -------------------- */

struct laid {
	uint32_t type;
	uint16_t size;
	uint32_t raw_size; /* SAMPLE: len rounded as the kernel does */
	uint32_t len;      /* SAMPLE: payload bytes from the input */
	uint64_t off;      /* of the payload bytes in the input */
	uint64_t id, lost; /* LOST */
};

#define MAX_LAID 4096

static void put_bytes(unsigned char *d, uint64_t size, uint64_t a,
		      const void *src, size_t n)
{
	const unsigned char *s = src;
	size_t i;

	for (i = 0; i < n; i++)
		d[(a + i) % size] = s[i];
}

static void structured(unsigned char *d, uint64_t size, uint64_t tail,
		       const uint8_t *in, size_t n, unsigned char *bounce,
		       size_t bounce_cap)
{
	static struct laid l[MAX_LAID];
	unsigned nl = 0, i;
	uint64_t head = tail & ~(uint64_t)7, used = 0;
	size_t p = 0, j;
	struct ring_view v;
	struct ring_rec rec;
	enum ring_status st;

	tail = head;
	/* each record: 3 bytes of description, then its payload */
	while (p + 3 <= n && nl < MAX_LAID) {
		struct laid *r = &l[nl];
		unsigned kind = in[p] % 3, len = in[p + 1] | in[p + 2] << 8;
		unsigned char hdr[8] = { 0 };

		p += 3;
		memset(r, 0, sizeof(*r));
		if (kind == 0) { /* SAMPLE of len payload bytes (<= input) */
			if (len > n - p)
				len = (unsigned)(n - p);
			if (len > 65512) /* a record's size is a u16 */
				len = 65512;
			r->type = PERF_RECORD_SAMPLE;
			r->raw_size = ((len + 4 + 7) & ~7u) - 4;
			r->size = (uint16_t)(8 + 4 + r->raw_size);
		} else if (kind == 1) { /* LOST */
			r->type = PERF_RECORD_LOST;
			r->size = 24;
			r->id = len;
			r->lost = (uint64_t)len * 0x9e3779b97f4a7c15ull;
			len = 0;
		} else { /* something else, skipped by size */
			r->type = 3 + len % 6; /* COMM..THROTTLE-ish */
			r->size = (uint16_t)(8 + 8 * (len % 16));
			len = 0;
		}
		if (used + r->size > size)
			break;
		memcpy(hdr, &r->type, 4); /* misc stays 0 */
		memcpy(hdr + 6, &r->size, 2);
		put_bytes(d, size, head, hdr, 8);
		if (r->type == PERF_RECORD_SAMPLE) {
			unsigned char zero[8] = { 0 };

			put_bytes(d, size, head + 8, &r->raw_size, 4);
			put_bytes(d, size, head + 12, in + p, len);
			put_bytes(d, size, head + 12 + len, zero,
				  r->raw_size - len);
			r->off = p;
			r->len = len;
			p += len;
		} else if (r->type == PERF_RECORD_LOST) {
			put_bytes(d, size, head + 8, &r->id, 8);
			put_bytes(d, size, head + 16, &r->lost, 8);
		}
		head += r->size;
		used += r->size;
		nl++;
	}

	v = (struct ring_view){ d, size, head, tail };
	for (i = 0; i < nl; i++) {
		st = ring_peek(&v, &rec, bounce, bounce_cap);
		if (st == RING_CORRUPT) {
			/* only a split SAMPLE larger than the bounce buffer */
			uint64_t pos = (v.tail + 12) % size;

			FUZZ_ASSERT(l[i].type == PERF_RECORD_SAMPLE &&
					    pos + l[i].raw_size > size &&
					    l[i].raw_size > bounce_cap,
				    &rec, sizeof(rec));
			return;
		}
		FUZZ_ASSERT(st == RING_OK, &rec, sizeof(rec));
		FUZZ_ASSERT(rec.type == l[i].type && rec.size == l[i].size,
			    &rec, sizeof(rec));
		if (l[i].type == PERF_RECORD_SAMPLE) {
			uint32_t len = l[i].raw_size;

			FUZZ_ASSERT(rec.raw && rec.raw_size == len, &rec,
				    sizeof(rec));
			/* the payload bytes, then the kernel's zero padding */
			for (j = 0; j < len; j++)
				FUZZ_ASSERT(rec.raw[j] == (j < l[i].len
							       ? in[l[i].off + j]
							       : 0),
					    rec.raw, len);
			check_rec(d, size, v.tail, &rec, bounce, bounce_cap);
		} else if (l[i].type == PERF_RECORD_LOST) {
			FUZZ_ASSERT(rec.lost_id == l[i].id &&
					    rec.lost == l[i].lost,
				    &rec, sizeof(rec));
		} else {
			FUZZ_ASSERT(!rec.raw, &rec, sizeof(rec));
		}
		v.tail += rec.size;
	}
	st = ring_peek(&v, &rec, bounce, bounce_cap);
	FUZZ_ASSERT(st == RING_EMPTY && v.tail == head, &rec, sizeof(rec));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static unsigned char bounce_big[BOUNCE_BIG];
	unsigned char *area, *bounce = NULL;
	uint64_t asize, head, tail;
	size_t bounce_cap = 0, n;

	if (size < 24)
		return 0;
	if ((data[0] & 0x80) && !(data[1] & 1))
		asize = 8 + (data[0] & 0x7f) * 24; /* 8, 32, ...: mostly not 2^n */
	else
		asize = (uint64_t)1 << (3 + data[0] % 14); /* 8 .. 64 KiB */
	switch ((data[1] >> 1) & 3) {
	case 0:
		break;
	case 1:
		bounce = bounce_big;
		bounce_cap = sizeof(bounce_big);
		break;
	default:
		bounce_cap = data[2];
		bounce = malloc(bounce_cap ? bounce_cap : 1);
		break;
	}
	tail = get64(data + 4);
	head = get64(data + 12);
	data += 24;
	size -= 24;

	area = malloc(asize);
	memset(area, 0xee, asize);
	if (data[-24 + 1] & 1) {
		structured(area, asize, tail, data, size, bounce, bounce_cap);
	} else {
		n = size < asize ? size : asize;
		memcpy(area, data, n);
		/* mostly a plausible window: head within a ring of tail */
		if (!(data[-24 + 3] & 1))
			head = tail + (head % (asize + 16));
		walk_raw(area, asize, head, tail, bounce, bounce_cap);
	}
	free(area);
	if (bounce && bounce != bounce_big)
		free(bounce);
	return 0;
}
