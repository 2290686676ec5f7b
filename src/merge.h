/* Merging the per-CPU rings into one stream in timestamp order, in place:
 * records are formatted straight out of the ring and never copied (but for
 * the few that wrap). Pure logic over ring views.
 *
 * Each ring is in order by itself (a CPU emits its records in the order it
 * took their timestamps). A record may be delivered once no other ring can
 * still produce an earlier one: a ring holding records will not (its next
 * record bounds it), and an empty ring will not produce anything older
 * than the horizon the caller passes: the time at which it looked at the
 * rings, minus a slack for records still being written. So the reorder
 * window is bounded by that slack; a record that arrives later than that
 * is still delivered, never dropped, and counted as out of order.
 */
#ifndef AITRACE_MERGE_H
#define AITRACE_MERGE_H

#include <stddef.h>
#include <stdint.h>

#include "ring.h"

struct merge_src {
	struct ring_view v;      /* the caller refreshes head each round */
	unsigned char *bounce;   /* for records that wrap */
	size_t bounce_cap;
	uint64_t last_ts;        /* timestamp of the last record delivered */
	uint64_t corrupt_bytes;  /* bytes dropped because the ring was corrupt */
	/* private: the record at v.tail, once peeked */
	int peeked;
	struct ring_rec rec;
	uint64_t ts;
};

struct merge_stats {
	uint64_t delivered;
	uint64_t out_of_order;   /* delivered with a time before the previous */
	uint64_t last_ts;        /* of the last record delivered overall */
};

/* Called for each record in order: SAMPLE and LOST records (others are
 * skipped). ts is the record's time (a LOST record takes the time of the
 * record before it on its ring). A non-zero return stops the merge and is
 * passed back; the record is then not consumed. */
typedef int (*merge_fn)(void *ctx, int src, const struct ring_rec *rec,
			uint64_t ts);

/* Deliver every record that is safe to deliver given horizon (UINT64_MAX
 * at the final drain: everything). Sources' v.tail advance past what was
 * delivered; the caller then hands the tails back to the kernel. */
int merge_run(struct merge_src *src, int n, uint64_t horizon,
	      size_t ts_offset, merge_fn fn, void *ctx,
	      struct merge_stats *st);
/* The time of the oldest record merge_run held back (it was younger than
 * the horizon), or UINT64_MAX when none is: the caller's next merge can
 * deliver it once the horizon passes it. */
uint64_t merge_held_ts(const struct merge_src *src, int n);

#endif
