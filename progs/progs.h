/* The program generators. Each fills an emit_prog from a prog_params; the
 * caller runs emit_finish(), loads the result and attaches it. */
#ifndef AITRACE_PROGS_H
#define AITRACE_PROGS_H

#include "emit.h"
#include "params.h"

/* sys_enter_<name>: remember the arguments (and, by shape, emit). */
void prog_enter_build(struct emit_prog *p, const struct prog_params *pp);
/* sys_exit_<name>: join with the entry and emit one record. */
void prog_exit_build(struct emit_prog *p, const struct prog_params *pp);
/* Summary mode's counting group (prog_count.c), for sys_exit (r8 = the
 * in-flight entry) or, from_exit 0, a call that never returns. Falls
 * through in every case (a full map is counted). */
void prog_count_emit(struct emit_prog *p, const struct prog_params *pp,
		     int from_exit);
/* sched/sched_process_fork, _exec, _exit: scope and lineage
 * (prog_sched.c). */
void prog_fork_build(struct emit_prog *p, const struct prog_params *pp,
		     const struct prog_sched_params *sp);
void prog_exec_build(struct emit_prog *p, const struct prog_params *pp,
		     const struct prog_sched_params *sp);
void prog_pexit_build(struct emit_prog *p, const struct prog_params *pp,
		      const struct prog_sched_params *sp);
/* A tracepoint program that only calls helper `helper` with the arguments
 * a user-string read takes: loading it tells whether the running kernel
 * offers that helper. */
void prog_probe_build(struct emit_prog *p, int helper);

#endif
