/* The per-CPU perf rings the BPF programs write into: one
 * PERF_COUNT_SW_BPF_OUTPUT event per CPU, stored in the PERF_EVENT_ARRAY
 * map at that CPU's index, its ring mmap'ed. The kernel's contract: load
 * data_head with acquire semantics before reading records, store data_tail
 * with release semantics after consuming them (perf_event.h). */
#ifndef AITRACE_PERFBUF_H
#define AITRACE_PERFBUF_H

#include <poll.h>
#include <signal.h>
#include <stdint.h>

#include "ring.h"

struct perfbuf_cpu {
	int cpu;
	int fd;
	void *map;            /* control page + data area */
	size_t map_len;
	unsigned char *data;  /* data area */
	uint64_t size;        /* data area bytes */
};

struct perfbuf {
	struct perfbuf_cpu *cpu; /* n entries, CPUs that are online */
	int n;
	struct pollfd *pfd;
	int offline;             /* CPUs skipped because offline */
};

/* Open rings of `pages` pages (a power of two) on CPUs 0..max_cpus-1 and
 * put them in events_map_fd. The reader is woken when wakeup_bytes are
 * waiting (batched wake-ups: one per record would cost an interrupt each).
 * 0 or -errno after saying why. */
int perfbuf_open(struct perfbuf *pb, int events_map_fd, int max_cpus,
		 unsigned pages, unsigned wakeup_bytes);
void perfbuf_close(struct perfbuf *pb);

/* A view of ring i with head acquired now and the current tail. */
void perfbuf_view(const struct perfbuf *pb, int i, struct ring_view *v);
/* Release the bytes before tail to the kernel. */
void perfbuf_consume(struct perfbuf *pb, int i, uint64_t tail);
/* Wait for data or for timeout_ns; signals in `unblocked` interrupt. The
 * log_fd (or -1) is watched too, so that a pipe whose reader went away
 * ends tracing even when there is nothing to write. Returns > 0 data, 0
 * timeout, PERFBUF_LOG_GONE, -EINTR, or -errno. */
#define PERFBUF_LOG_GONE 0x10000
int perfbuf_poll(struct perfbuf *pb, uint64_t timeout_ns, int log_fd,
		 const sigset_t *unblocked);

#endif
