/* The kernel side of a tracing session: the syscalls chosen, their maps and
 * programs, the tracepoint attachments. main() calls these in order:
 * tracer_select, tracer_probe, tracer_create_maps, (perfbuf_open),
 * tracer_load, tracer_attach ... tracer_detach, tracer_close. */
#ifndef AITRACE_TRACER_H
#define AITRACE_TRACER_H

#include <stdint.h>

#include "params.h"
#include "sysdesc.h"
#include "tracefs.h"

struct tracer_sys {
	struct sysdesc d;
	struct prog_params pp;
	unsigned enter_id, exit_id;   /* tracepoint ids */
	int enter_prog, exit_prog;    /* program fds, -1 when none */
	int enter_event, exit_event;  /* perf event fds, -1 when detached */
};

struct tracer {
	struct tracefs tfs;
	int max_cpus;
	int inflight_fd, scratch_fd, events_fd, counters_fd;
	unsigned inflight_max;
	unsigned str_cap;             /* bytes read per string, NUL included */
	unsigned strv_budget;         /* bytes for an argv's strings */
	unsigned record_room;         /* the largest record, header included */
	int probe_read_str;           /* the helper ids in use */
	int probe_read;
	struct tracer_sys *sys;
	unsigned nsys;
	struct sysdesc *desc;         /* nsys descriptors, for the formatter */
	char skipped[1024];           /* calls with no tracepoint here */
};

void tracer_init(struct tracer *t);
/* Resolve the -e list against the arch's table and tracefs. Unknown names
 * are a usage error (-EINVAL, said); missing tracepoints are skipped with a
 * note. Needs t->tfs open. */
int tracer_select(struct tracer *t, const char *list, unsigned str_max);
/* Pick helpers by loading probe programs into the running kernel. */
int tracer_probe(struct tracer *t);
int tracer_create_maps(struct tracer *t);
/* Generate and load every program; with dump_fd >= 0 print each there. */
int tracer_load(struct tracer *t, int dump_fd);
/* Attach exits before entries, so no entry lacks its exit. */
int tracer_attach(struct tracer *t);
/* Detach entries before exits, the mirror image. */
void tracer_detach(struct tracer *t);
/* Sum the kernel's per-CPU counters: failed[cpu] for cpu < max_cpus. */
int tracer_counters(const struct tracer *t, uint64_t *failed,
		    uint64_t *slot_full);
/* Call fn for every syscall still in flight (entered, not returned). */
int tracer_unfinished(const struct tracer *t,
		      void (*fn)(void *ctx, uint32_t tid,
				 const struct inflight *e),
		      void *ctx);
/* Sum of bpf_prog_info.recursion_misses over our programs: runs the kernel
 * skipped because another BPF program was active on the CPU. */
uint64_t tracer_missed_runs(const struct tracer *t);
void tracer_close(struct tracer *t);

#endif
