/* Unit tests for merge.c: synthetic per-CPU perf rings in plain memory,
 * merged into one stream. Each SAMPLE's payload is a struct aitrace_rec
 * (as the BPF programs send it) whose ts_exit is the merge key and whose
 * tid tags the record so the order of delivery can be read back. Rings
 * are heap blocks of exactly their size, so a sanitizer build catches a
 * read outside one.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"
#include "merge.h"
#include "record.h"

/* include/uapi/linux/perf_event.h */
#define PERF_RECORD_LOST 2
#define PERF_RECORD_COMM 3
#define PERF_RECORD_SAMPLE 9

#define TS_OFF offsetof(struct aitrace_rec, ts_exit)
#define SAMPLE_SIZE ((12 + REC_HDR_SIZE + 7) & ~7u)

struct tring {
	unsigned char *data;
	uint64_t size, start, head;
};

static void tr_put(struct tring *t, const void *src, size_t n)
{
	const unsigned char *s = src;
	size_t i;

	for (i = 0; i < n; i++)
		t->data[(t->head + i) & (t->size - 1)] = s[i];
	t->head += n;
}

static void tr_hdr(struct tring *t, uint32_t type, uint16_t size)
{
	uint16_t misc = 0;

	tr_put(t, &type, 4);
	tr_put(t, &misc, 2);
	tr_put(t, &size, 2);
}

/* A SAMPLE as perf_prepare_sample() lays it: padding counted in raw_size. */
static void tr_sample(struct tring *t, uint64_t ts, uint32_t tag)
{
	static const unsigned char zero[8];
	struct aitrace_rec r;
	uint32_t raw_size = SAMPLE_SIZE - 12;

	memset(&r, 0, sizeof(r));
	r.ts_enter = ts ? ts - 1 : 0;
	r.ts_exit = ts;
	r.tid = tag;
	r.kind = REC_SYSCALL;
	tr_hdr(t, PERF_RECORD_SAMPLE, SAMPLE_SIZE);
	tr_put(t, &raw_size, 4);
	tr_put(t, &r, REC_HDR_SIZE);
	tr_put(t, zero, raw_size - REC_HDR_SIZE);
}

/* A SAMPLE too short to hold a timestamp at TS_OFF (raw_size 4). */
static void tr_tiny_sample(struct tring *t)
{
	uint32_t raw_size = 4, tag = 0xfeed;

	tr_hdr(t, PERF_RECORD_SAMPLE, 16);
	tr_put(t, &raw_size, 4);
	tr_put(t, &tag, 4);
}

static void tr_lost(struct tring *t, uint64_t id, uint64_t lost)
{
	tr_hdr(t, PERF_RECORD_LOST, 24);
	tr_put(t, &id, 8);
	tr_put(t, &lost, 8);
}

static void tr_other(struct tring *t, uint32_t type, uint16_t size)
{
	static const unsigned char fill[64];

	tr_hdr(t, type, size);
	tr_put(t, fill, size - 8u);
}

#define NRING 4
#define BOUNCE 512

static struct tring ring[NRING];
static struct merge_src src[NRING];
static unsigned char bounce[NRING][BOUNCE];
static struct merge_stats st;

/* Fresh rings of size bytes whose counters start at start. */
static void setup(uint64_t size, uint64_t start)
{
	int i;

	memset(src, 0, sizeof(src));
	memset(&st, 0, sizeof(st));
	for (i = 0; i < NRING; i++) {
		free(ring[i].data);
		ring[i].data = malloc(size);
		memset(ring[i].data, 0xee, size);
		ring[i].size = size;
		ring[i].start = ring[i].head = start;
		src[i].v.data = ring[i].data;
		src[i].v.size = size;
		src[i].v.head = src[i].v.tail = start;
		src[i].bounce = bounce[i];
		src[i].bounce_cap = BOUNCE;
	}
}

/* What the caller does each round: publish the heads written so far. */
static void publish(void)
{
	int i;

	for (i = 0; i < NRING; i++)
		src[i].v.head = ring[i].head;
}

/* The delivery log. */
struct got {
	int src;
	uint32_t type;
	uint32_t tag;  /* SAMPLE: tid of the payload; LOST: the count */
	uint64_t ts;
	int bounced;
};

static struct got got[64];
static int ngot;
static int stop_at = -1; /* the call number that returns non-zero */

static int collect(void *ctx, int s, const struct ring_rec *rec, uint64_t ts)
{
	struct got *g;
	int call = (*(int *)ctx)++;

	if (call == stop_at)
		return 7;
	if (ngot == (int)(sizeof(got) / sizeof(got[0])))
		return -1;
	g = &got[ngot++];
	g->src = s;
	g->type = rec->type;
	g->ts = ts;
	g->tag = 0;
	g->bounced = rec->raw == bounce[s];
	if (rec->type == PERF_RECORD_SAMPLE &&
	    rec->raw_size >= offsetof(struct aitrace_rec, tid) + 4)
		memcpy(&g->tag, rec->raw + offsetof(struct aitrace_rec, tid), 4);
	else if (rec->type == PERF_RECORD_SAMPLE)
		memcpy(&g->tag, rec->raw, 4);
	else if (rec->type == PERF_RECORD_LOST)
		g->tag = (uint32_t)rec->lost;
	return 0;
}

static int run(int n, uint64_t horizon)
{
	int calls = 0;

	publish();
	return merge_run(src, n, horizon, TS_OFF, collect, &calls, &st);
}

/* The tags delivered so far, as "a b c", for one readable comparison. */
static const char *tags(void)
{
	static char s[64 * 12];
	size_t len = 0;
	int i;

	s[0] = '\0';
	for (i = 0; i < ngot; i++)
		len += (size_t)snprintf(s + len, sizeof(s) - len, "%s%s%u",
					i ? " " : "",
					got[i].type == PERF_RECORD_LOST ? "L"
									: "",
					got[i].tag);
	return s;
}

static void reset_log(void)
{
	ngot = 0;
	stop_at = -1;
}

static void test_records_come_out_in_global_time_order(void)
{
	int i;

	setup(1024, 0);
	reset_log();
	tr_sample(&ring[0], 10, 10);
	tr_sample(&ring[0], 40, 40);
	tr_sample(&ring[0], 70, 70);
	tr_sample(&ring[1], 20, 20);
	tr_sample(&ring[1], 50, 50);
	tr_sample(&ring[2], 30, 30);
	tr_sample(&ring[2], 60, 60);
	tr_sample(&ring[2], 80, 80);
	EXPECT_INT(run(NRING, UINT64_MAX), 0);
	EXPECT_STR(tags(), "10 20 30 40 50 60 70 80");
	for (i = 0; i < ngot; i++)
		EXPECT_INT(got[i].ts, got[i].tag);
	EXPECT_INT(got[0].src, 0);
	EXPECT_INT(got[1].src, 1);
	EXPECT_INT(got[2].src, 2);
	EXPECT_INT(st.delivered, 8);
	EXPECT_INT(st.out_of_order, 0);
	EXPECT_INT(st.last_ts, 80);
	for (i = 0; i < NRING; i++) {
		EXPECT_INT(src[i].v.tail, src[i].v.head);
		EXPECT_INT(src[i].corrupt_bytes, 0);
	}
	EXPECT_INT(src[0].last_ts, 70);
	EXPECT_INT(src[1].last_ts, 50);
	EXPECT_INT(src[3].last_ts, 0);

	/* nothing more: nothing delivered, nothing counted */
	EXPECT_INT(run(NRING, UINT64_MAX), 0);
	EXPECT_INT(ngot, 8);
	EXPECT_INT(st.delivered, 8);
	/* no rings at all */
	EXPECT_INT(run(0, UINT64_MAX), 0);
}

static void test_equal_times_go_in_ring_order(void)
{
	setup(1024, 0);
	reset_log();
	tr_sample(&ring[2], 5, 2);
	tr_sample(&ring[0], 5, 0);
	tr_sample(&ring[1], 5, 1);
	EXPECT_INT(run(3, UINT64_MAX), 0);
	EXPECT_STR(tags(), "0 1 2");
	EXPECT_INT(st.out_of_order, 0);
}

/* An empty ring may still produce a record as old as the horizon. */
static void test_an_empty_ring_holds_back_what_is_newer_than_the_horizon(void)
{
	setup(1024, 0);
	reset_log();
	tr_sample(&ring[0], 10, 10);
	tr_sample(&ring[0], 40, 40);
	/* ring 1 empty */
	EXPECT_INT(run(2, 25), 0);
	EXPECT_STR(tags(), "10");
	EXPECT_INT(src[0].v.tail, SAMPLE_SIZE); /* 40 still in the ring */
	EXPECT_INT(st.delivered, 1);
	/* the reader may sleep until then */
	EXPECT_INT(merge_held_ts(src, 2), 40);

	/* time passes, nothing new: still held below the horizon */
	EXPECT_INT(run(2, 39), 0);
	EXPECT_STR(tags(), "10");
	/* a record exactly at the horizon may go */
	EXPECT_INT(run(2, 40), 0);
	EXPECT_STR(tags(), "10 40");
	EXPECT_INT(src[0].v.tail, src[0].v.head);
	EXPECT_TRUE(merge_held_ts(src, 2) == UINT64_MAX); /* nothing held */

	/* a ring that holds records bounds by its next one, not the
	 * horizon: 50 and 60 go even with horizon 0, 70 waits */
	tr_sample(&ring[0], 50, 50);
	tr_sample(&ring[0], 70, 70);
	tr_sample(&ring[1], 60, 60);
	EXPECT_INT(run(2, 0), 0);
	EXPECT_STR(tags(), "10 40 50 60");
	EXPECT_INT(merge_held_ts(src, 2), 70);
	EXPECT_INT(run(2, UINT64_MAX), 0);
	EXPECT_STR(tags(), "10 40 50 60 70");
	EXPECT_INT(st.out_of_order, 0);
}

/* A record later than the reorder window is delivered, and counted. */
static void test_a_record_later_than_the_window_is_delivered_and_counted(void)
{
	setup(1024, 0);
	reset_log();
	tr_sample(&ring[0], 100, 100);
	EXPECT_INT(run(2, 100), 0);
	EXPECT_STR(tags(), "100");
	tr_sample(&ring[1], 90, 90); /* written after we passed 100 */
	EXPECT_INT(run(2, 200), 0);
	EXPECT_STR(tags(), "100 90");
	EXPECT_INT(st.out_of_order, 1);
	EXPECT_INT(st.delivered, 2);
	EXPECT_INT(st.last_ts, 100); /* the high-water mark stays */
}

static void test_a_ring_out_of_order_by_itself_is_counted_not_dropped(void)
{
	setup(1024, 0);
	reset_log();
	tr_sample(&ring[0], 50, 50);
	tr_sample(&ring[0], 20, 20);
	tr_sample(&ring[0], 60, 60);
	tr_sample(&ring[1], 30, 30);
	EXPECT_INT(run(2, UINT64_MAX), 0);
	/* 30 < 50 so ring 1 goes first; then 50, then 20 (late), 60 */
	EXPECT_STR(tags(), "30 50 20 60");
	EXPECT_INT(st.delivered, 4);
	EXPECT_INT(st.out_of_order, 1);
	EXPECT_INT(st.last_ts, 60);
	EXPECT_INT(src[0].v.tail, src[0].v.head);
}

static void test_a_lost_record_takes_the_time_of_the_one_before_it(void)
{
	setup(1024, 0);
	reset_log();
	tr_sample(&ring[0], 10, 10);
	tr_lost(&ring[0], 77, 3);
	tr_sample(&ring[0], 50, 50);
	tr_sample(&ring[1], 20, 20);
	tr_sample(&ring[1], 30, 30);
	EXPECT_INT(run(2, UINT64_MAX), 0);
	EXPECT_STR(tags(), "10 L3 20 30 50");
	EXPECT_INT(got[1].type, PERF_RECORD_LOST);
	EXPECT_INT(got[1].src, 0);
	EXPECT_INT(got[1].ts, 10);
	EXPECT_INT(st.delivered, 5);
	EXPECT_INT(st.out_of_order, 0);

	/* across runs: the time of the last record delivered on its ring */
	tr_lost(&ring[1], 78, 9);
	EXPECT_INT(run(2, UINT64_MAX), 0);
	EXPECT_STR(tags(), "10 L3 20 30 50 L9");
	EXPECT_INT(got[5].src, 1);
	EXPECT_INT(got[5].ts, 30);
	EXPECT_INT(st.out_of_order, 1); /* 30 after 50 */

	/* a LOST first on a fresh ring has no time before it: 0 */
	setup(1024, 0);
	reset_log();
	tr_sample(&ring[0], 10, 10);
	tr_lost(&ring[1], 1, 4);
	EXPECT_INT(run(2, UINT64_MAX), 0);
	EXPECT_STR(tags(), "L4 10");
	EXPECT_INT(got[0].ts, 0);

	/* a sample too short for a timestamp also takes the previous one */
	setup(1024, 0);
	reset_log();
	tr_sample(&ring[0], 10, 10);
	tr_tiny_sample(&ring[0]);
	tr_sample(&ring[1], 11, 11);
	EXPECT_INT(run(2, UINT64_MAX), 0);
	EXPECT_STR(tags(), "10 65261 11");
	EXPECT_INT(got[1].ts, 10);
}

static void test_other_record_types_are_skipped(void)
{
	setup(1024, 0);
	reset_log();
	tr_other(&ring[0], PERF_RECORD_COMM, 40);
	tr_sample(&ring[0], 10, 10);
	tr_other(&ring[0], 99, 8);
	tr_other(&ring[1], PERF_RECORD_COMM, 32); /* only skippable records */
	tr_sample(&ring[2], 5, 5);
	EXPECT_INT(run(3, UINT64_MAX), 0);
	EXPECT_STR(tags(), "5 10");
	EXPECT_INT(st.delivered, 2);
	EXPECT_INT(src[0].v.tail, src[0].v.head);
	EXPECT_INT(src[1].v.tail, src[1].v.head);
	EXPECT_INT(src[0].corrupt_bytes, 0);

	/* a trailing skippable record is consumed even when what is left
	 * must wait for the horizon */
	tr_sample(&ring[0], 100, 100);
	tr_other(&ring[1], PERF_RECORD_COMM, 16);
	EXPECT_INT(run(3, 50), 0);
	EXPECT_STR(tags(), "5 10");
	EXPECT_INT(src[1].v.tail, src[1].v.head);
	EXPECT_INT(src[0].v.tail, src[0].v.head - SAMPLE_SIZE);
}

static void test_a_refusing_callback_stops_without_consuming(void)
{
	uint64_t tail1;

	setup(1024, 0);
	reset_log();
	tr_sample(&ring[0], 10, 10);
	tr_sample(&ring[0], 20, 20);
	tr_sample(&ring[1], 15, 15);
	tail1 = src[1].v.tail;
	stop_at = 1; /* the second call: ring 1's 15 */
	EXPECT_INT(run(2, UINT64_MAX), 7);
	EXPECT_STR(tags(), "10");
	EXPECT_INT(st.delivered, 1);
	EXPECT_INT(st.last_ts, 10);
	EXPECT_INT(src[1].v.tail, tail1); /* not consumed */
	EXPECT_INT(src[1].last_ts, 0);
	EXPECT_INT(src[0].v.tail, SAMPLE_SIZE);

	/* the next run delivers it again, then the rest */
	stop_at = -1;
	EXPECT_INT(run(2, UINT64_MAX), 0);
	EXPECT_STR(tags(), "10 15 20");
	EXPECT_INT(st.delivered, 3);
	EXPECT_INT(st.out_of_order, 0);

	/* refusing the very first record leaves everything in place */
	setup(1024, 0);
	reset_log();
	tr_lost(&ring[0], 1, 2);
	stop_at = 0;
	EXPECT_INT(run(1, UINT64_MAX), 7);
	EXPECT_INT(ngot, 0);
	EXPECT_INT(src[0].v.tail, 0);
	EXPECT_INT(st.delivered, 0);
	stop_at = -1;
	EXPECT_INT(run(1, UINT64_MAX), 0);
	EXPECT_STR(tags(), "L2");
}

static void test_a_corrupt_ring_is_dropped_and_the_others_go_on(void)
{
	uint64_t bad_at;

	setup(1024, 0);
	reset_log();
	tr_sample(&ring[0], 10, 10);
	bad_at = ring[0].head;
	tr_hdr(&ring[0], PERF_RECORD_SAMPLE, 12); /* not a multiple of 8 */
	tr_put(&ring[0], "\0\0\0\0\0\0\0\0", 8);
	tr_sample(&ring[0], 30, 30); /* lost with the rest */
	tr_sample(&ring[1], 20, 20);
	tr_sample(&ring[1], 40, 40);
	EXPECT_INT(run(2, UINT64_MAX), 0);
	EXPECT_STR(tags(), "10 20 40");
	EXPECT_INT(src[0].corrupt_bytes, ring[0].head - bad_at);
	EXPECT_INT(src[0].v.tail, src[0].v.head);
	EXPECT_INT(src[1].corrupt_bytes, 0);
	EXPECT_INT(st.delivered, 3);

	/* the ring is read again once the kernel writes sane records */
	tr_sample(&ring[0], 50, 50);
	EXPECT_INT(run(2, UINT64_MAX), 0);
	EXPECT_STR(tags(), "10 20 40 50");

	/* a corrupt ring counts as empty: the horizon bounds it */
	tr_hdr(&ring[0], PERF_RECORD_LOST, 16); /* a LOST shorter than 24 */
	tr_put(&ring[0], "\0\0\0\0\0\0\0\0", 8);
	tr_sample(&ring[1], 60, 60);
	tr_sample(&ring[1], 80, 80);
	EXPECT_INT(run(2, 70), 0);
	EXPECT_STR(tags(), "10 20 40 50 60");
	/* the first drop, then (after the sane 50) the short LOST */
	EXPECT_INT(src[0].corrupt_bytes,
		   ring[0].head - bad_at - SAMPLE_SIZE);
}

/* A record that wraps around the end of the area, its timestamp split
 * across it, comes out of the bounce buffer whole. */
static void test_a_wrapped_record_is_read_through_the_bounce_buffer(void)
{
	/* the payload starts 12 bytes into the record; put ts_exit (payload
	 * offset 8) across the end: payload at 244, ts at 252..259 */
	const uint64_t size = 256, start = 3 * 256 + 232;
	uint64_t pos;

	setup(size, start);
	reset_log();
	pos = (start + 12 + TS_OFF) & (size - 1);
	EXPECT_TRUE(pos < size && pos + 8 > size);
	tr_sample(&ring[0], 0x1122334455667788ull, 1);
	tr_sample(&ring[0], 0x1122334455667789ull, 2); /* not split */
	tr_sample(&ring[1], 0x1122334455667787ull, 3);
	EXPECT_INT(run(2, UINT64_MAX), 0);
	EXPECT_STR(tags(), "3 1 2");
	EXPECT_INT(got[1].ts, 0x1122334455667788ull);
	EXPECT_INT(got[1].bounced, 1);
	EXPECT_INT(got[2].bounced, 0);
	EXPECT_INT(got[0].bounced, 1); /* ring 1's record wraps the same way */
	EXPECT_INT(src[0].corrupt_bytes, 0);

	/* without a bounce buffer the split record cannot be read: the
	 * ring is dropped and counted, the other ring still delivered */
	setup(size, start);
	reset_log();
	src[0].bounce = NULL;
	src[0].bounce_cap = 0;
	tr_sample(&ring[0], 10, 1);
	tr_sample(&ring[1], 20, 2);
	EXPECT_INT(run(2, UINT64_MAX), 0);
	EXPECT_STR(tags(), "2");
	EXPECT_INT(src[0].corrupt_bytes, SAMPLE_SIZE);
}

/* Many rounds of writing and merging, the horizon rising between them and
 * records wrapping round the rings: everything comes out sorted, nothing
 * lost or duplicated. Each round writes only records newer than its
 * horizon, as a kernel would. */
static void test_many_runs_with_a_rising_horizon(void)
{
	uint64_t ts[NRING] = { 0, 0, 0, 0 }, h, prev = 0;
	unsigned r, k, bad = 0, count = 0, bounced = 0;
	int i;

	setup(4096, 4096 - 64);
	reset_log();
	for (h = 0; h < 400; h += 7) {
		/* 0-2 records per ring, times rising on each ring and all
		 * newer than this round's horizon */
		for (r = 0; r < NRING; r++)
			for (k = 0; k < (h / 7 + r) % 3; k++) {
				ts[r] = (ts[r] > h ? ts[r] : h) + 1 + r;
				tr_sample(&ring[r], ts[r], (uint32_t)ts[r]);
				count++;
			}
		if (run(NRING, h))
			bad++;
		/* keep the log small: check it and forget it */
		for (i = 0; i < ngot; i++) {
			if (got[i].ts < prev)
				bad++;
			prev = got[i].ts;
			bounced += got[i].bounced;
		}
		ngot = 0;
	}
	EXPECT_INT(run(NRING, UINT64_MAX), 0);
	for (i = 0; i < ngot; i++) {
		if (got[i].ts < prev)
			bad++;
		prev = got[i].ts;
	}
	EXPECT_INT(bad, 0);
	EXPECT_TRUE(count > 100);  /* past the end of each ring */
	EXPECT_TRUE(bounced > 0);  /* some of them wrapped */
	EXPECT_INT(st.delivered, count);
	EXPECT_INT(st.out_of_order, 0);
	for (i = 0; i < NRING; i++)
		EXPECT_INT(src[i].v.tail, src[i].v.head);
}

int main(void)
{
	int i;

	test_records_come_out_in_global_time_order();
	test_equal_times_go_in_ring_order();
	test_an_empty_ring_holds_back_what_is_newer_than_the_horizon();
	test_a_record_later_than_the_window_is_delivered_and_counted();
	test_a_ring_out_of_order_by_itself_is_counted_not_dropped();
	test_a_lost_record_takes_the_time_of_the_one_before_it();
	test_other_record_types_are_skipped();
	test_a_refusing_callback_stops_without_consuming();
	test_a_corrupt_ring_is_dropped_and_the_others_go_on();
	test_a_wrapped_record_is_read_through_the_bounce_buffer();
	test_many_runs_with_a_rising_horizon();
	for (i = 0; i < NRING; i++)
		free(ring[i].data);
	return expect_summary("test_merge");
}
