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
/* A tracepoint program that only calls helper `helper` with the arguments
 * a user-string read takes: loading it tells whether the running kernel
 * offers that helper. */
void prog_probe_build(struct emit_prog *p, int helper);

#endif
