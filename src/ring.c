/* Walking a perf ring buffer's data area: pure logic, no syscalls.
 *
 * Layout (include/uapi/linux/perf_event.h): records of
 *   struct perf_event_header { u32 type; u16 misc; u16 size; }
 * followed by a body; size counts the header and is a multiple of 8.
 *   PERF_RECORD_SAMPLE (9), sample_type == PERF_SAMPLE_RAW only:
 *     header, u32 raw_size, raw_size bytes   (the kernel rounds
 *     4 + payload up to 8 and counts the padding in raw_size)
 *   PERF_RECORD_LOST (2):  header, u64 id, u64 lost
 *
 * Where a record may be split by the end of the data area: records start
 * 8-aligned (checked below) and a nonempty area holding one is a power of two
 * >= 8, so no 8-byte-aligned field (the header, LOST's id and lost) and no
 * 4-byte field at offset 8 (raw_size) is ever split. They can, however, start
 * exactly at the wrap point: with the header in the last 8 bytes, raw_size
 * (or id) sits at position 0, not at data + pos + 8. Only the raw payload
 * (offset 12 onwards) can really be split, of what we read. Rather than lean on that reasoning
 * at every read, each field is read through ring_copy(), correct for any
 * offset, and only a split payload is bounced. Tests pin both cases.
 */
#include "ring.h"

#include <string.h>

/* From include/uapi/linux/perf_event.h; spelled out so this file needs no
 * kernel headers and its unit test builds anywhere. */
#define PERF_RECORD_LOST 2
#define PERF_RECORD_SAMPLE 9

#define HDR_SIZE 8u      /* struct perf_event_header */
#define RAW_OFF 12u      /* header + u32 raw_size */
#define LOST_SIZE 24u    /* header + u64 id + u64 lost */

/* Copy n bytes that start at free-running counter at, across the end of the
 * data area if need be. Callers guarantee [at, at + n) lies inside
 * [tail, head), which is at most size bytes, so the two pieces never
 * overlap and nothing outside the area is touched. */
static void ring_copy(const struct ring_view *r, uint64_t at, void *dst,
		      uint64_t n)
{
	uint64_t pos = at & (r->size - 1);
	uint64_t first = r->size - pos < n ? r->size - pos : n;

	memcpy(dst, r->data + pos, first);
	memcpy((unsigned char *)dst + first, r->data, n - first);
}

enum ring_status ring_peek(const struct ring_view *r, struct ring_rec *rec,
			   unsigned char *bounce, size_t bounce_cap)
{
	/* Unsigned subtraction: correct across the u64 wrap of the
	 * free-running counters. */
	uint64_t avail = r->head - r->tail;
	unsigned char hdr[HDR_SIZE];
	uint16_t hsize;
	uint32_t raw_size;
	uint64_t pos;

	memset(rec, 0, sizeof(*rec));
	if (avail == 0)
		return RING_EMPTY;
	/* The kernel never lets head run more than one area ahead of tail,
	 * and positions are computed with a mask: either failing means we
	 * would read bytes that are not records (or outside the area). */
	if (avail > r->size || (r->size & (r->size - 1)) != 0)
		return RING_CORRUPT;
	/* Every kernel record is a multiple of 8 long and tail only moves by
	 * validated sizes, so both counters are 8-aligned. Checking it here
	 * makes "at least a whole header is published" and "a header never
	 * straddles the end of the area" facts rather than hopes. */
	if (((r->head | r->tail) & 7) != 0)
		return RING_CORRUPT;

	/* Read the header once, into our own memory, and judge that copy. */
	ring_copy(r, r->tail, hdr, HDR_SIZE);
	memcpy(&rec->type, hdr, 4);
	memcpy(&rec->misc, hdr + 4, 2);
	memcpy(&hsize, hdr + 6, 2);
	rec->size = hsize;

	/* A size below a header would make the caller loop forever on it; one
	 * not a multiple of 8 would misalign every later header; one beyond
	 * head - tail reaches bytes the kernel has not published (this also
	 * covers "larger than the data area", since avail <= size above). The
	 * caller cannot skip a record whose size it cannot trust. */
	if (hsize < HDR_SIZE || (hsize & 7) != 0 || hsize > avail)
		return RING_CORRUPT;

	if (rec->type == PERF_RECORD_LOST) {
		/* A short LOST would make us read the next record as counts. */
		if (hsize < LOST_SIZE)
			return RING_CORRUPT;
		ring_copy(r, r->tail + 8, &rec->lost_id, 8);
		ring_copy(r, r->tail + 16, &rec->lost, 8);
		return RING_OK;
	}
	if (rec->type != PERF_RECORD_SAMPLE)
		return RING_OK; /* not ours to interpret: skip by size */

	/* A SAMPLE too short for its raw_size field, or whose raw_size claims
	 * more than the record holds (compared in 64 bits: raw_size is
	 * ring-supplied and 12 + raw_size must not wrap), would hand the
	 * decoder bytes of the next record. */
	if (hsize < RAW_OFF)
		return RING_CORRUPT;
	ring_copy(r, r->tail + 8, &raw_size, 4);
	if ((uint64_t)raw_size > (uint64_t)hsize - RAW_OFF)
		return RING_CORRUPT;
	rec->raw_size = raw_size;

	/* Contiguous in the ring: point into it (valid until tail moves past
	 * it). Split by the end of the area: bounce the payload. */
	pos = (r->tail + RAW_OFF) & (r->size - 1);
	if (pos + raw_size <= r->size) {
		rec->raw = r->data + pos;
		return RING_OK;
	}
	/* A bounce too small is the caller's bug, not the kernel's, but
	 * returning a truncated payload would be worse than stopping. */
	if (raw_size > bounce_cap)
		return RING_CORRUPT;
	ring_copy(r, r->tail + RAW_OFF, bounce, raw_size);
	rec->raw = bounce;
	return RING_OK;
}
