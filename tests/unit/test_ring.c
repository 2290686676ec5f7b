/* Unit test for ring.c: the perf ring walker on synthetic rings in plain
 * memory. Records are laid down the way the kernel does it (host-endian
 * header, sizes a multiple of 8, written at head and wrapping around the end
 * of the data area); the data area is a heap block of exactly its size so a
 * sanitizer build catches any read outside it.
 */
#include "expect.h"
#include "ring.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* include/uapi/linux/perf_event.h */
#define PERF_RECORD_LOST 2
#define PERF_RECORD_COMM 3
#define PERF_RECORD_SAMPLE 9

#define POISON 0xee /* fills every byte nothing was written to */

struct tring {
	unsigned char *data;
	uint64_t size, head, tail;
};

static struct tring tr_new(uint64_t size, uint64_t start)
{
	struct tring t = { malloc(size), size, start, start };

	memset(t.data, POISON, size);
	return t;
}

/* A fresh ring in t, freeing the previous one. */
static void tr_reset(struct tring *t, uint64_t size, uint64_t start)
{
	free(t->data);
	*t = tr_new(size, start);
}

/* Overwrite the size field of the header at counter at (corrupting it). */
static void tr_set_size(struct tring *t, uint64_t at, uint16_t size)
{
	memcpy(t->data + ((at + 6) & (t->size - 1)), &size, 2);
}

static struct ring_view tr_view(const struct tring *t)
{
	struct ring_view v = { t->data, t->size, t->head, t->tail };

	return v;
}

/* Write n bytes at head, wrapping at the end of the area; advance head. */
static void tr_put(struct tring *t, const void *src, size_t n)
{
	const unsigned char *s = src;
	size_t i;

	for (i = 0; i < n; i++)
		t->data[(t->head + i) & (t->size - 1)] = s[i];
	t->head += n;
}

static void tr_hdr(struct tring *t, uint32_t type, uint16_t misc,
		   uint16_t size)
{
	tr_put(t, &type, 4);
	tr_put(t, &misc, 2);
	tr_put(t, &size, 2);
}

/* A SAMPLE with an explicit raw_size field and rec_size; the payload is len
 * bytes of src, then zeros up to rec_size. For building corrupt records. */
static void tr_sample_raw(struct tring *t, uint16_t rec_size, uint32_t raw_size,
			  const void *src, size_t len)
{
	static const unsigned char zero[64 * 1024];

	tr_hdr(t, PERF_RECORD_SAMPLE, 0, rec_size);
	tr_put(t, &raw_size, 4);
	tr_put(t, src, len);
	tr_put(t, zero, rec_size - 12 - len);
}

/* A SAMPLE as the kernel writes one (perf_prepare_sample): the record is
 * rounded up to 8 and the padding is counted inside raw_size. */
static uint16_t tr_sample(struct tring *t, const void *src, size_t len)
{
	uint16_t rec_size = (uint16_t)((12 + len + 7) & ~(size_t)7);

	tr_sample_raw(t, rec_size, rec_size - 12, src, len);
	return rec_size;
}

static void tr_lost(struct tring *t, uint16_t rec_size, uint64_t id,
		    uint64_t lost)
{
	static const unsigned char zero[64];

	tr_hdr(t, PERF_RECORD_LOST, 0, rec_size);
	tr_put(t, &id, 8);
	tr_put(t, &lost, 8);
	tr_put(t, zero, rec_size - 24);
}

static void tr_other(struct tring *t, uint32_t type, uint16_t rec_size)
{
	static const unsigned char fill[64] = { 0x5a, 0x5a, 0x5a, 0x5a };

	tr_hdr(t, type, 0x1234, rec_size);
	tr_put(t, fill, rec_size - 8);
}

/* Peek with an ample bounce buffer. */
static unsigned char bounce[64 * 1024];

static enum ring_status peek(const struct tring *t, struct ring_rec *rec)
{
	struct ring_view v = tr_view(t);

	return ring_peek(&v, rec, bounce, sizeof(bounce));
}

static const unsigned char pattern[] = "0123456789abcdefghijklmnopqrstuvwxyz"
				       "ABCDEFGHIJKLMNOPQRSTUVWXYZ!@#$%^&*()";

static void test_an_empty_ring_is_empty(void)
{
	struct tring t = tr_new(64, 0);
	struct ring_rec rec;

	memset(&rec, 0xff, sizeof(rec));
	EXPECT_INT(peek(&t, &rec), RING_EMPTY);
	EXPECT_INT(rec.size, 0);
	EXPECT_TRUE(rec.raw == NULL);

	/* Empty anywhere, including after the counters wrapped. */
	t.head = t.tail = 4096 + 40;
	EXPECT_INT(peek(&t, &rec), RING_EMPTY);
	t.head = t.tail = UINT64_MAX - 7;
	EXPECT_INT(peek(&t, &rec), RING_EMPTY);
	free(t.data);
}

static void test_one_sample_points_into_the_ring(void)
{
	struct tring t = tr_new(64, 0);
	struct ring_rec rec;
	static const unsigned char pad[3];

	EXPECT_INT(tr_sample(&t, "hello", 5), 24);
	memset(bounce, 0xaa, 64);
	EXPECT_INT(peek(&t, &rec), RING_OK);
	EXPECT_INT(rec.type, PERF_RECORD_SAMPLE);
	EXPECT_INT(rec.misc, 0);
	EXPECT_INT(rec.size, 24);
	/* the kernel's padding is part of raw: 24 - 8 - 4 */
	EXPECT_INT(rec.raw_size, 12);
	EXPECT_TRUE(rec.raw == t.data + 12);
	EXPECT_MEM(rec.raw, "hello", 5);
	EXPECT_MEM(rec.raw + 5, pad, 3);
	EXPECT_INT(bounce[0], 0xaa); /* contiguous: bounce left alone */
	EXPECT_INT(rec.lost, 0);

	/* A raw_size that leaves padding after it is also fine. */
	tr_reset(&t, 64, 0);
	tr_sample_raw(&t, 24, 5, "hello", 5);
	EXPECT_INT(peek(&t, &rec), RING_OK);
	EXPECT_INT(rec.raw_size, 5);
	EXPECT_MEM(rec.raw, "hello", 5);

	/* The smallest possible sample: raw_size 4, the kernel's "no raw". */
	tr_reset(&t, 64, 0);
	EXPECT_INT(tr_sample(&t, "\0\0\0", 4), 16);
	EXPECT_INT(peek(&t, &rec), RING_OK);
	EXPECT_INT(rec.size, 16);
	EXPECT_INT(rec.raw_size, 4);

	/* A sample with nothing after its raw_size field. */
	tr_reset(&t, 64, 0);
	tr_sample_raw(&t, 16, 0, "", 0);
	EXPECT_INT(peek(&t, &rec), RING_OK);
	EXPECT_INT(rec.raw_size, 0);
	EXPECT_TRUE(rec.raw != NULL);
	free(t.data);
}

/* The walk perfbuf.c will do: peek, use, tail += size, until empty. */
static void test_records_are_walked_in_order(void)
{
	struct tring t = tr_new(256, 0);
	struct ring_rec rec;
	uint64_t tails[5];
	int n = 0;

	tr_sample(&t, "first", 5);      /* 24 */
	tr_lost(&t, 24, 7, 3);          /* 24 */
	tr_other(&t, PERF_RECORD_COMM, 32);
	tr_sample(&t, pattern, 40);     /* 56 */
	EXPECT_INT(t.head, 136);

	while (n < 5 && peek(&t, &rec) == RING_OK) {
		tails[n] = t.tail;
		switch (n) {
		case 0:
			EXPECT_INT(rec.type, PERF_RECORD_SAMPLE);
			EXPECT_MEM(rec.raw, "first", 5);
			break;
		case 1:
			EXPECT_INT(rec.type, PERF_RECORD_LOST);
			EXPECT_INT(rec.lost_id, 7);
			EXPECT_INT(rec.lost, 3);
			EXPECT_TRUE(rec.raw == NULL);
			break;
		case 2:
			EXPECT_INT(rec.type, PERF_RECORD_COMM);
			EXPECT_TRUE(rec.raw == NULL);
			break;
		case 3:
			EXPECT_INT(rec.type, PERF_RECORD_SAMPLE);
			EXPECT_INT(rec.raw_size, 44);
			EXPECT_MEM(rec.raw, pattern, 40);
			break;
		}
		t.tail += rec.size;
		n++;
	}
	EXPECT_INT(n, 4);
	EXPECT_INT(tails[0], 0);
	EXPECT_INT(tails[1], 24);
	EXPECT_INT(tails[2], 48);
	EXPECT_INT(tails[3], 80);
	EXPECT_INT(t.tail, t.head);
	EXPECT_INT(peek(&t, &rec), RING_EMPTY);
	free(t.data);
}

static void test_a_ring_exactly_full_is_read_to_the_end(void)
{
	struct tring t = tr_new(64, 0);
	struct ring_rec rec;

	tr_sample(&t, "abcdefghijkl", 12); /* 24 */
	tr_sample(&t, pattern, 28);        /* 40 */
	EXPECT_INT(t.head - t.tail, 64);
	EXPECT_INT(peek(&t, &rec), RING_OK);
	EXPECT_MEM(rec.raw, "abcdefghijkl", 12);
	t.tail += rec.size;
	EXPECT_INT(peek(&t, &rec), RING_OK);
	EXPECT_INT(rec.size, 40);
	EXPECT_MEM(rec.raw, pattern, 28);
	EXPECT_TRUE(rec.raw == t.data + 36);
	t.tail += rec.size;
	EXPECT_INT(peek(&t, &rec), RING_EMPTY);

	/* One record filling the whole area, starting mid-area. */
	tr_reset(&t, 64, 1000 * 64 + 8);
	tr_sample(&t, pattern, 52);
	EXPECT_INT(t.head - t.tail, 64);
	EXPECT_INT(peek(&t, &rec), RING_OK);
	EXPECT_INT(rec.size, 64);
	EXPECT_INT(rec.raw_size, 52);
	EXPECT_TRUE(rec.raw == bounce);
	EXPECT_MEM(rec.raw, pattern, 52);
	free(t.data);
}

static void test_a_sample_split_by_the_end_has_its_payload_bounced(void)
{
	struct tring t = tr_new(64, 40);
	struct ring_rec rec;

	/* record at 40..96: header 40..47, raw_size 48..51, payload 52..63
	 * and 0..31 */
	tr_sample(&t, pattern, 44); /* 56 */
	EXPECT_INT(peek(&t, &rec), RING_OK);
	EXPECT_INT(rec.size, 56);
	EXPECT_INT(rec.raw_size, 44);
	EXPECT_TRUE(rec.raw == bounce);
	EXPECT_MEM(rec.raw, pattern, 44);
	EXPECT_MEM(t.data + 52, pattern, 12); /* proof it really was split */
	EXPECT_MEM(t.data, pattern + 12, 32);

	/* Only the payload is split, by one byte at its end. */
	tr_reset(&t, 64, 32);
	tr_sample_raw(&t, 40, 21, pattern, 21); /* payload 44..64, 0 */
	EXPECT_INT(peek(&t, &rec), RING_OK);
	EXPECT_TRUE(rec.raw == bounce);
	EXPECT_MEM(rec.raw, pattern, 21);

	/* Payload ending exactly at the end of the area is not split. */
	tr_reset(&t, 64, 32);
	tr_sample_raw(&t, 40, 20, pattern, 20); /* payload 44..63 */
	EXPECT_INT(peek(&t, &rec), RING_OK);
	EXPECT_TRUE(rec.raw == t.data + 44);
	EXPECT_MEM(rec.raw, pattern, 20);
	free(t.data);
}

/* The reasoning in ring.c, pinned: a header in the last 8 bytes is whole,
 * but the field after it is at position 0, not at data + size. */
static void test_a_header_in_the_last_8_bytes_finds_its_fields_at_0(void)
{
	struct tring t = tr_new(64, 56);
	struct ring_rec rec;

	tr_sample(&t, pattern, 20); /* 32: header 56..63, raw_size 0..3 */
	EXPECT_INT(peek(&t, &rec), RING_OK);
	EXPECT_INT(rec.raw_size, 20);
	EXPECT_TRUE(rec.raw == t.data + 4); /* contiguous after the wrap */
	EXPECT_MEM(rec.raw, pattern, 20);

	tr_reset(&t, 64, 56);
	tr_lost(&t, 24, 0x1122334455667788ull, 42);
	EXPECT_INT(peek(&t, &rec), RING_OK);
	EXPECT_INT(rec.lost_id, 0x1122334455667788ll);
	EXPECT_INT(rec.lost, 42);

	/* Header in the last 16 bytes: raw_size at 56, payload from 60. */
	tr_reset(&t, 64, 48);
	tr_sample(&t, pattern, 4); /* 16, ends exactly at the end */
	EXPECT_INT(peek(&t, &rec), RING_OK);
	EXPECT_TRUE(rec.raw == t.data + 60);
	EXPECT_MEM(rec.raw, pattern, 4);

	/* LOST with lost (offset 16) at position 0. */
	tr_reset(&t, 64, 48);
	tr_lost(&t, 24, 5, 6);
	EXPECT_INT(peek(&t, &rec), RING_OK);
	EXPECT_INT(rec.lost_id, 5);
	EXPECT_INT(rec.lost, 6);
	free(t.data);
}

static void test_a_lost_record_reports_id_and_count(void)
{
	struct tring t = tr_new(64, 0);
	struct ring_rec rec;

	tr_lost(&t, 24, 0xfeedfacecafebeefull, 123456789);
	EXPECT_INT(peek(&t, &rec), RING_OK);
	EXPECT_INT(rec.type, PERF_RECORD_LOST);
	EXPECT_INT(rec.size, 24);
	EXPECT_TRUE(rec.lost_id == 0xfeedfacecafebeefull);
	EXPECT_INT(rec.lost, 123456789);
	EXPECT_TRUE(rec.raw == NULL);
	EXPECT_INT(rec.raw_size, 0);

	/* Longer than 24 (sample_id_all adds fields): still read, skipped
	 * by its size. */
	tr_reset(&t, 64, 0);
	tr_lost(&t, 40, 1, 2);
	EXPECT_INT(peek(&t, &rec), RING_OK);
	EXPECT_INT(rec.size, 40);
	EXPECT_INT(rec.lost, 2);
	free(t.data);
}

static void test_an_unknown_record_is_returned_for_skipping(void)
{
	struct tring t = tr_new(64, 0);
	struct ring_rec rec;

	tr_other(&t, 0xdead, 16);
	tr_sample(&t, "after", 5);
	EXPECT_INT(peek(&t, &rec), RING_OK);
	EXPECT_INT(rec.type, 0xdead);
	EXPECT_INT(rec.misc, 0x1234);
	EXPECT_INT(rec.size, 16);
	EXPECT_TRUE(rec.raw == NULL);
	t.tail += rec.size;
	EXPECT_INT(peek(&t, &rec), RING_OK);
	EXPECT_MEM(rec.raw, "after", 5);

	/* Split by the end: still not copied, not even with no bounce. */
	tr_reset(&t, 64, 48);
	tr_other(&t, PERF_RECORD_COMM, 40);
	{
		struct ring_view v = tr_view(&t);

		EXPECT_INT(ring_peek(&v, &rec, NULL, 0), RING_OK);
		EXPECT_INT(rec.size, 40);
		EXPECT_TRUE(rec.raw == NULL);
	}
	free(t.data);
}

static void test_impossible_headers_are_corrupt(void)
{
	struct tring t;
	struct ring_rec rec;

	/* size 0 and 4: below a header, the walk would never advance */
	t = tr_new(64, 0);
	tr_hdr(&t, 0xdead, 0, 0);
	tr_put(&t, "\0\0\0\0\0\0\0\0", 8);
	EXPECT_INT(peek(&t, &rec), RING_CORRUPT);
	tr_reset(&t, 64, 0);
	tr_hdr(&t, PERF_RECORD_SAMPLE, 0, 0);
	tr_put(&t, "\0\0\0\0\0\0\0\0", 8);
	EXPECT_INT(peek(&t, &rec), RING_CORRUPT);
	tr_reset(&t, 64, 0);
	tr_hdr(&t, 0xdead, 0, 4);
	EXPECT_INT(peek(&t, &rec), RING_CORRUPT);

	/* size 20: not a multiple of 8 */
	tr_reset(&t, 64, 0);
	tr_other(&t, 0xdead, 24);
	tr_set_size(&t, 0, 20);
	EXPECT_INT(peek(&t, &rec), RING_CORRUPT);
	/* what was read is left for the diagnostic */
	EXPECT_INT(rec.type, 0xdead);
	EXPECT_INT(rec.size, 20);

	/* size larger than head - tail: bytes not yet published */
	tr_reset(&t, 64, 0);
	tr_other(&t, 0xdead, 24);
	t.head -= 8;
	EXPECT_INT(peek(&t, &rec), RING_CORRUPT);
	t.head += 8;
	EXPECT_INT(peek(&t, &rec), RING_OK);

	/* size larger than the data area (head - tail can at most be the
	 * area, so this is the previous check again, pinned on its own) */
	tr_reset(&t, 64, 0);
	tr_other(&t, 0xdead, 64);
	tr_set_size(&t, 0, 72);
	EXPECT_INT(peek(&t, &rec), RING_CORRUPT);
	tr_set_size(&t, 0, 65528); /* the largest multiple of 8 in a u16 */
	EXPECT_INT(peek(&t, &rec), RING_CORRUPT);

	/* head - tail larger than the area: the kernel never allows it */
	tr_reset(&t, 64, 0);
	tr_other(&t, 0xdead, 16);
	t.head = t.tail + 72;
	EXPECT_INT(peek(&t, &rec), RING_CORRUPT);
	t.head = t.tail + 64;
	EXPECT_INT(peek(&t, &rec), RING_OK);

	/* head or tail off the 8-byte grid: a header could straddle the end
	 * and fewer than 8 bytes could be published. Each ring below holds a
	 * well-formed record at tail, so only the alignment is wrong. */
	tr_reset(&t, 64, 0);
	tr_other(&t, 0xdead, 16);
	tr_put(&t, "\0\0\0\0", 4); /* head 20 */
	EXPECT_INT(peek(&t, &rec), RING_CORRUPT);
	tr_reset(&t, 64, 4);
	tr_other(&t, 0xdead, 16);
	tr_put(&t, "\0\0\0\0", 4); /* tail 4, head 24 */
	EXPECT_INT(peek(&t, &rec), RING_CORRUPT);
	tr_reset(&t, 64, 60);
	tr_other(&t, 0xdead, 16); /* header split: 60..63 and 0..3 */
	EXPECT_INT(peek(&t, &rec), RING_CORRUPT);

	/* a data area that is not a power of two cannot be masked */
	tr_reset(&t, 64, 0);
	tr_other(&t, 0xdead, 16);
	{
		struct ring_view v = tr_view(&t);

		v.size = 48;
		EXPECT_INT(ring_peek(&v, &rec, bounce, sizeof(bounce)),
			   RING_CORRUPT);
		v.size = 0;
		EXPECT_INT(ring_peek(&v, &rec, bounce, sizeof(bounce)),
			   RING_CORRUPT);
	}
	free(t.data);
}

static void test_impossible_bodies_are_corrupt(void)
{
	struct tring t;
	struct ring_rec rec;

	/* SAMPLE raw_size one past the record; exactly the record is fine */
	t = tr_new(64, 0);
	tr_sample_raw(&t, 24, 13, pattern, 12);
	EXPECT_INT(peek(&t, &rec), RING_CORRUPT);
	EXPECT_TRUE(rec.raw == NULL);
	memcpy(t.data + 8, &(uint32_t){ 12 }, 4);
	EXPECT_INT(peek(&t, &rec), RING_OK);

	/* raw_size values that overflow 32-bit arithmetic: 12 + raw_size
	 * wraps to 0 and to 11 */
	memcpy(t.data + 8, &(uint32_t){ 0xfffffff4u }, 4);
	EXPECT_INT(peek(&t, &rec), RING_CORRUPT);
	memcpy(t.data + 8, &(uint32_t){ 0xffffffffu }, 4);
	EXPECT_INT(peek(&t, &rec), RING_CORRUPT);
	/* judged against the record, not against the bounce: even a caller
	 * claiming an unlimited bounce gets CORRUPT, and nothing is copied */
	memcpy(t.data + 8, &(uint32_t){ 0xfffffff4u }, 4);
	{
		struct ring_view v = tr_view(&t);

		EXPECT_INT(ring_peek(&v, &rec, NULL, SIZE_MAX), RING_CORRUPT);
	}

	/* SAMPLE with no room for raw_size at all */
	tr_reset(&t, 64, 0);
	tr_hdr(&t, PERF_RECORD_SAMPLE, 0, 8);
	tr_other(&t, 0xdead, 16);
	EXPECT_INT(peek(&t, &rec), RING_CORRUPT);

	/* LOST shorter than 24: its counts would be the next record */
	tr_reset(&t, 64, 0);
	tr_hdr(&t, PERF_RECORD_LOST, 0, 16);
	tr_put(&t, &(uint64_t){ 1 }, 8);
	tr_other(&t, 0xdead, 16);
	EXPECT_INT(peek(&t, &rec), RING_CORRUPT);
	EXPECT_INT(rec.lost, 0);
	tr_reset(&t, 64, 0);
	tr_hdr(&t, PERF_RECORD_LOST, 0, 8);
	EXPECT_INT(peek(&t, &rec), RING_CORRUPT);
	free(t.data);
}

static void test_a_bounce_too_small_for_a_split_sample_is_corrupt(void)
{
	struct tring t = tr_new(64, 40);
	struct ring_rec rec;
	struct ring_view v;
	unsigned char small[44];

	tr_sample(&t, pattern, 44); /* split, raw_size 44 */
	v = tr_view(&t);
	EXPECT_INT(ring_peek(&v, &rec, small, 43), RING_CORRUPT);
	EXPECT_INT(ring_peek(&v, &rec, NULL, 0), RING_CORRUPT);
	EXPECT_INT(ring_peek(&v, &rec, small, 44), RING_OK);
	EXPECT_TRUE(rec.raw == small);
	EXPECT_MEM(rec.raw, pattern, 44);

	/* Not split: no bounce needed at all. */
	tr_reset(&t, 64, 0);
	tr_sample(&t, pattern, 44);
	v = tr_view(&t);
	EXPECT_INT(ring_peek(&v, &rec, NULL, 0), RING_OK);
	EXPECT_TRUE(rec.raw == t.data + 12);
	free(t.data);
}

/* The free-running counters wrap at 2^64 after a long enough run; only
 * head - tail and the masked positions may matter. */
static void test_counters_wrapping_at_2_pow_64_are_harmless(void)
{
	struct tring t = tr_new(64, UINT64_MAX - 15); /* position 48 */
	struct ring_rec rec;

	tr_sample(&t, pattern, 28); /* 40: counters 2^64-16 .. 24 */
	tr_lost(&t, 24, 9, 10);     /* 24: counters 24 .. 48 */
	EXPECT_INT(t.head, 24 + 24);
	EXPECT_TRUE(t.head < t.tail);
	EXPECT_INT(t.head - t.tail, 64); /* and full, for good measure */

	EXPECT_INT(peek(&t, &rec), RING_OK);
	EXPECT_INT(rec.size, 40);
	EXPECT_TRUE(rec.raw == bounce); /* payload 60..63 and 0..23 */
	EXPECT_MEM(rec.raw, pattern, 28);
	t.tail += rec.size;
	EXPECT_INT(t.tail, 24);
	EXPECT_INT(peek(&t, &rec), RING_OK);
	EXPECT_INT(rec.type, PERF_RECORD_LOST);
	EXPECT_INT(rec.lost_id, 9);
	EXPECT_INT(rec.lost, 10);
	t.tail += rec.size;
	EXPECT_INT(peek(&t, &rec), RING_EMPTY);

	/* head - tail beyond the area across the wrap is still caught */
	t.tail = UINT64_MAX - 7;
	t.head = 64;
	EXPECT_INT(peek(&t, &rec), RING_CORRUPT);
	/* and head behind tail (avail near 2^64) too */
	t.tail = 64;
	t.head = 56;
	EXPECT_INT(peek(&t, &rec), RING_CORRUPT);
	free(t.data);
}

int main(void)
{
	test_an_empty_ring_is_empty();
	test_one_sample_points_into_the_ring();
	test_records_are_walked_in_order();
	test_a_ring_exactly_full_is_read_to_the_end();
	test_a_sample_split_by_the_end_has_its_payload_bounced();
	test_a_header_in_the_last_8_bytes_finds_its_fields_at_0();
	test_a_lost_record_reports_id_and_count();
	test_an_unknown_record_is_returned_for_skipping();
	test_impossible_headers_are_corrupt();
	test_impossible_bodies_are_corrupt();
	test_a_bounce_too_small_for_a_split_sample_is_corrupt();
	test_counters_wrapping_at_2_pow_64_are_harmless();
	return expect_summary("test_ring");
}
