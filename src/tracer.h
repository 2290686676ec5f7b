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

/* A scheduler tracepoint's program (scope.c). */
enum { SCHED_FORK, SCHED_EXEC, SCHED_EXIT, SCHED_NR };
struct tracer_sched {
	unsigned id;                  /* 0: not used or not on this kernel */
	int prog, event;
};

struct tracer {
	struct tracefs tfs;
	/* what to trace beyond the syscall set (scope.c) */
	int scoped;                   /* only processes in the scope map */
	int follow;                   /* -f: children join the scope */
	int lineage;                  /* fork and exec records in the log */
	int summary, per_process;     /* -S: counts, no records */
	int tracks_fds;               /* a traced call names or makes fds */
	unsigned scope_max;           /* processes the scope map holds */
	unsigned stats_max;           /* -S: rows the stats map holds */
	int scope_fd, stats_fd;
	int probe_read_kernel_str;
	struct prog_sched_params sp;
	struct tracer_sched sched[SCHED_NR];
	int max_cpus;
	int inflight_fd, scratch_fd, events_fd, counters_fd;
	int ctl_fd;                   /* the stop stage (progs/record.h) */
	unsigned inflight_max;
	unsigned str_cap;             /* bytes read per string, NUL included */
	unsigned strv_budget;         /* bytes for an argv's strings */
	unsigned record_room;         /* the largest record, header included */
	int probe_read_str;           /* the helper ids in use */
	int probe_read;
	int send_signal;              /* BPF_FUNC_send_signal, or 0 */
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
/* Detach entries before exits, the mirror image. Each detach waits for
 * RCU grace periods (attach.h): seconds for the default set. */
void tracer_detach(struct tracer *t);
/* Raise the stop to stage (progs/record.h): the programs stay attached
 * but return at once. 0 or -errno. */
int tracer_stop(struct tracer *t, enum stop_stage stage);
/* Take the perf event fds still open: at most max into fds, each set to
 * -1 in t (the caller closes them). How many. */
int tracer_events(struct tracer *t, int *fds, int max);
/* Read the kernel's per-CPU counters: failed[cpu] = OUTPUT_FAILED of
 * each cpu < max_cpus, total[c] = counter c summed over the cpus. */
int tracer_counters(const struct tracer *t, uint64_t *failed,
		    uint64_t total[CNT_NR]);
/* Call fn for every syscall still in flight (entered, not returned). */
int tracer_unfinished(const struct tracer *t,
		      void (*fn)(void *ctx, uint32_t tid,
				 const struct inflight *e),
		      void *ctx);
/* Sum of bpf_prog_info.recursion_misses over the syscall programs: runs
 * the kernel skipped because another BPF program was active on the CPU;
 * *sched gets the same of the scheduler programs. */
uint64_t tracer_missed_runs(const struct tracer *t, uint64_t *sched);
void tracer_close(struct tracer *t);

/* scope.c: the scheduler programs, the scope map, summary counts. */
/* Read the sched formats and fill t->sp; tracepoints that are missing
 * are noted. 0 or -errno. */
int scope_select(struct tracer *t);
int scope_create_maps(struct tracer *t);
int scope_load(struct tracer *t, int dump_fd);
int scope_attach(struct tracer *t);
void scope_detach(struct tracer *t);
void scope_close(struct tracer *t);
/* Put process pid in scope. 0 or -errno (-ENOSPC: the map is full). */
int scope_add(struct tracer *t, uint32_t pid);
/* Drop the processes that have exited (or are zombies) from the scope:
 * one that exited before sched_process_exit was watched is still in it. */
void scope_prune(struct tracer *t);
/* Processes in scope now (stops counting at max). */
unsigned scope_count(const struct tracer *t, unsigned max);
/* Add every running process whose comm is one of t->sp.comm; returns
 * how many. Needs /proc; without it, only later execs are caught. */
int scope_add_by_comm(struct tracer *t);
/* Summary counts: fn for every (tgid or 0, sys_idx) with its values
 * summed over the CPUs. */
int scope_stats(const struct tracer *t,
		void (*fn)(void *ctx, const struct stat_key *k,
			   const struct stat_val *v),
		void *ctx);

#endif
