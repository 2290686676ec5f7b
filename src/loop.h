/* The event loop: wait for the rings, merge them in time order, format each
 * record, write the log; and the log's own annotation lines (start, lost
 * events, unfinished calls, stop). */
#ifndef AITRACE_LOOP_H
#define AITRACE_LOOP_H

#include <signal.h>
#include <stdint.h>

#include "enforce.h"
#include "fdtable.h"
#include "line.h"
#include "merge.h"
#include "out.h"
#include "perfbuf.h"
#include "tracer.h"

struct pending; /* REC_ENTER records waiting for their exit (execve) */

struct loop {
	struct tracer *t;
	struct perfbuf *pb;
	struct out *out;
	struct line_cfg cfg;
	struct merge_src *src;
	struct merge_stats mst;
	struct pending *pend;
	unsigned npend;          /* slots, grown by loop.c up to pend_cap */
	unsigned pend_cap;
	size_t pend_rec_max;     /* bytes of a slot */
	char *line;
	size_t line_cap;
	uint64_t t_start;        /* monotonic ns: everything attached */
	uint64_t t_stop;         /* monotonic ns: detaching began (or max) */
	uint64_t slack_ns;       /* reorder window for empty rings */
	/* counts */
	uint64_t logged;         /* syscall lines written */
	uint64_t before_start;   /* records of calls entered before t_start */
	uint64_t after_stop;     /* records of calls entered after t_stop */
	uint64_t child_returns;  /* the child's side of fork/clone: not logged */
	uint64_t undecodable;    /* records that failed decode_event */
	uint64_t lineage;        /* fork and exec lines */
	uint64_t *lost;          /* per source: reported by PERF_RECORD_LOST */
	uint64_t unfinished;     /* calls in flight when tracing stopped */
	uint64_t pend_parted;    /* execve entries logged apart from their exit */
	uint64_t joined_no_entry; /* ... exits without in-flight entry, joined */
	uint64_t lost_total;     /* filled by loop_finish: every loss */
	uint64_t not_followed;   /* ... children the scope map had no room for */
	uint64_t uncounted;      /* ... -S calls the stats map had no room for */
	const char *stop_reason;
	int json;                /* -j: NDJSON records instead of text */
	int (*until)(void *ctx); /* stop when it says so (or NULL) */
	void *until_ctx;
	int until_done;          /* ... and it did */
	uint64_t summary_every_ns; /* -S -i: a table every so often */
	struct fdtable fds;      /* what each process's fds refer to */
	struct enforce *enforce; /* --kill-on, or NULL */
	uint64_t seq;            /* JSON records written */
};

/* 0 or -ENOMEM. The log holds the calls entered in [t_start, t_stop):
 * everything was attached at t_start, and the caller sets l->t_stop before
 * it starts detaching. Records of calls outside are counted, not logged. */
int loop_init(struct loop *l, struct tracer *t, struct perfbuf *pb,
	      struct out *out, unsigned str_max, int json, uint64_t t_start);
void loop_free(struct loop *l);
/* The "# aitrace-min ..." first line. */
void loop_header(struct loop *l, unsigned ring_pages);
/* Run until *stop is set (by a signal) or the log cannot be written.
 * Signals in `unblocked` are let through while waiting. */
int loop_run(struct loop *l, volatile sig_atomic_t *stop,
	     const sigset_t *unblocked);
/* After detaching: drain everything, list unfinished calls, account for
 * every loss, write the stop line and flush. */
int loop_finish(struct loop *l);

/* -S: the counts so far as a table or JSON record. */
void loop_summary(struct loop *l, int final);

uint64_t loop_now(void);   /* CLOCK_MONOTONIC ns, bpf_ktime_get_ns's clock */

#endif
