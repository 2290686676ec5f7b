/* Merging per-CPU rings: see merge.h. */
#include <linux/perf_event.h>
#include <string.h>

#include "merge.h"

/* Peek the next deliverable record of s; returns 1 if it has one. Other
 * record types are consumed on the spot; a corrupt ring is dropped. */
static int peek(struct merge_src *s, size_t ts_offset)
{
	while (!s->peeked) {
		enum ring_status st = ring_peek(&s->v, &s->rec, s->bounce,
						s->bounce_cap);

		if (st == RING_EMPTY)
			return 0;
		if (st == RING_CORRUPT) {
			/* No size can be trusted: drop all that is there. */
			s->corrupt_bytes += s->v.head - s->v.tail;
			s->v.tail = s->v.head;
			return 0;
		}
		if (s->rec.type == PERF_RECORD_SAMPLE) {
			uint64_t ts = s->last_ts;

			if (s->rec.raw_size >= ts_offset + sizeof(ts))
				memcpy(&ts, s->rec.raw + ts_offset, sizeof(ts));
			s->ts = ts;
			s->peeked = 1;
		} else if (s->rec.type == PERF_RECORD_LOST) {
			s->ts = s->last_ts;
			s->peeked = 1;
		} else {
			s->v.tail += s->rec.size;
		}
	}
	return 1;
}

int merge_run(struct merge_src *src, int n, uint64_t horizon,
	      size_t ts_offset, merge_fn fn, void *ctx,
	      struct merge_stats *st)
{
	for (;;) {
		int i, best = -1, r;
		uint64_t bound = UINT64_MAX;

		for (i = 0; i < n; i++)
			if (peek(&src[i], ts_offset) &&
			    (best < 0 || src[i].ts < src[best].ts))
				best = i;
		if (best < 0)
			return 0;
		/* Every other ring bounds what may go first: by its next
		 * record, or by the horizon when it is empty. */
		for (i = 0; i < n; i++) {
			uint64_t b = src[i].peeked ? src[i].ts : horizon;

			if (i != best && b < bound)
				bound = b;
		}
		if (src[best].ts > bound)
			return 0;
		r = fn(ctx, best, &src[best].rec, src[best].ts);
		if (r)
			return r;
		if (src[best].ts < st->last_ts)
			st->out_of_order++;
		else
			st->last_ts = src[best].ts;
		st->delivered++;
		src[best].last_ts = src[best].ts;
		src[best].v.tail += src[best].rec.size;
		src[best].peeked = 0;
	}
}

uint64_t merge_held_ts(const struct merge_src *src, int n)
{
	uint64_t oldest = UINT64_MAX;
	int i;

	for (i = 0; i < n; i++)
		if (src[i].peeked && src[i].ts < oldest)
			oldest = src[i].ts;
	return oldest;
}
