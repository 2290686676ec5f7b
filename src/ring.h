/* Walking a perf ring buffer's data area: pure logic, no syscalls.
 *
 * The kernel writes records at data_head and the reader consumes from
 * data_tail; both are free-running byte counters, the position in the data
 * area is counter & (size - 1). Loading data_head (acquire) and storing
 * data_tail (release) is the caller's business (perfbuf.c); this file only
 * interprets the bytes in [tail, head), so a test can feed it any memory.
 */
#ifndef AITRACE_RING_H
#define AITRACE_RING_H

#include <stddef.h>
#include <stdint.h>

struct ring_view {
	const unsigned char *data; /* start of the data area */
	uint64_t size;             /* bytes, a power of two */
	uint64_t head;             /* producer counter (already acquired) */
	uint64_t tail;             /* consumer counter */
};

enum ring_status {
	RING_EMPTY = 0,   /* tail == head */
	RING_OK = 1,      /* *rec describes the record at tail */
	RING_CORRUPT = -1 /* the ring cannot be trusted from tail on:
			   * head - tail > size, head or tail not 8-aligned,
			   * size not a power of two; a header size < 8, not a
			   * multiple of 8 or > head - tail; a SAMPLE whose
			   * raw_size does not fit, a LOST shorter than 24; or
			   * a split SAMPLE larger than bounce_cap. No record
			   * size can be trusted, so the caller cannot skip
			   * one: it reports, drops [tail, head) and stores
			   * tail = head. */
};

struct ring_rec {
	uint32_t type;   /* PERF_RECORD_* */
	uint16_t misc;
	uint32_t size;   /* whole record including its perf header */
	/* PERF_RECORD_SAMPLE with PERF_SAMPLE_RAW: the raw payload. raw
	 * points into the data area (valid until data_tail is stored past
	 * this record; only 4-byte aligned there, as it starts at offset 12
	 * of an 8-aligned record, so decoders memcpy fields out) or into
	 * bounce (valid until the next ring_peek). raw_size counts the
	 * kernel's padding: for a bpf_perf_event_output() of n bytes it is
	 * round_up(n + 4, 8) - 4, the padding zero, so a payload must
	 * carry its own length. */
	const unsigned char *raw;
	uint32_t raw_size;
	/* PERF_RECORD_LOST: */
	uint64_t lost_id;
	uint64_t lost;
};

/* Describe the record at r->tail; the caller then advances tail by
 * rec->size. A SAMPLE whose payload wraps around the end of the data area
 * has the payload copied into bounce so that rec->raw is always contiguous;
 * with bounce_cap >= 64 KiB (a perf record's size is a u16) that copy always
 * fits. Bounce may be NULL if bounce_cap is 0: a split SAMPLE is then
 * RING_CORRUPT. Other record types are returned with raw == NULL and are
 * never copied. *rec is cleared first; on RING_CORRUPT it keeps whatever
 * header fields were read, for the diagnostic. Reads only [tail, head). */
enum ring_status ring_peek(const struct ring_view *r, struct ring_rec *rec,
			   unsigned char *bounce, size_t bounce_cap);

#endif
