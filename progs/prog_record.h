/* Instruction groups shared by the sys_enter and sys_exit programs: the
 * prologue that drops our own process, building a record in the per-CPU
 * scratch map, reading its strings, and handing it to perf; and the
 * shapes every program repeats (a map call by a key on the stack, the
 * closing return 0), one function each: a call costs the generator less
 * code than emitting their instructions at every use.
 *
 * The groups agree on these registers (callee-saved, so they survive helper
 * calls) and stack slots:
 *   R6  ctx (the tracepoint record)
 *   R7  bpf_get_current_pid_tgid()
 *   R8  free for the program (slot pointer, then string length)
 *   R9  the record being built (map value)
 */
#ifndef AITRACE_PROG_RECORD_H
#define AITRACE_PROG_RECORD_H

#include <stddef.h>
#include "emit.h"
#include "params.h"

#define RCTX R6
#define RPID R7
#define RTMP R8
#define RREC R9

/* stack slots, relative to R10 */
#define FP_TID_KEY (-4)      /* u32: thread id, the in-flight map key */
#define FP_TGID_KEY (-16)    /* u32: process id, the scope map key */
#define FP_ZERO_KEY (-8)     /* u32: 0, the scratch map key */
#define FP_COUNTER_KEY (-12) /* u32: counters map key */
#define FP_TS (-24)          /* u64: timestamp taken on entry to the prog */
#define FP_INFLIGHT (-24 - (int)sizeof(struct inflight)) /* struct inflight */
#define FP_CAP_TMP (FP_INFLIGHT - 8)  /* u64: a length or argv[k] */
#define FP_CAP_BASE (FP_INFLIGHT - 16) /* u64: r8 where a vector starts */

#define REC_OFF(field) ((short)offsetof(struct aitrace_rec, field))
#define INFLIGHT_OFF(field) ((short)offsetof(struct inflight, field))

/* r0 = helper(map, fp + key_off): a map lookup or delete by the key on
 * the stack at key_off (clobbers R1-R5). */
void prog_record_map_call(struct emit_prog *p, int helper, int map_fd,
			  short key_off);
/* r0 = map_update_elem(map, fp + key_off, fp + value_off, flags), key and
 * value on the stack (clobbers R1-R5). */
void prog_record_map_update(struct emit_prog *p, int map_fd, short key_off,
			    short value_off, int flags);
/* Bind out and return 0 there: where every program ends. */
void prog_record_return(struct emit_prog *p, int out);
/* r6 = ctx; r7 = pid_tgid; drop our own process; keys on the stack; the
 * stop check for stage; timestamp into FP_TS. Jumps to out for our own
 * events and once the tracer has raised the stop to stage. */
void prog_record_prologue(struct emit_prog *p, const struct prog_params *pp,
			  enum stop_stage stage, int out);
/* goto out once ctl[0] >= stage (FP_ZERO_KEY must hold 0; clobbers
 * R0-R5). Nothing without a control map. */
void prog_record_stop_check(struct emit_prog *p, const struct prog_params *pp,
			    enum stop_stage stage, int out);
/* r9 = the per-CPU scratch record, or goto out. */
void prog_record_scratch(struct emit_prog *p, const struct prog_params *pp,
			 int out);
/* kind, sys_idx, nr (from ctx at nr_off), tgid, tid, comm; cap_len, argc,
 * cap_flags, reserved = 0. Flags, times, args and ret are the caller's. */
void prog_record_task(struct emit_prog *p, const struct prog_params *pp,
		      enum rec_kind kind, __u16 nr_off);
#define PROG_NO_NR 0xffff /* nr_off of a record that is no syscall: nr -1 */
/* Read the captures (pointers and lengths already in rec->args) behind
 * the header; leaves their total length in R8, bounded in the verifier's
 * view by prog_record_room(pp) - HDR. */
void prog_record_captures(struct emit_prog *p, const struct prog_params *pp);
/* --kill-on in the kernel: SIGKILL the caller when capture 0 (already
 * read) matches a path rule, or always for a syscall rule; sets
 * RECF_KILLED. Never the tracer's parent (pp->parent_tgid) nor pid 1.
 * Nothing when pp has no such rule. */
void prog_record_kill(struct emit_prog *p, const struct prog_params *pp);
/* Does pp capture anything? */
int prog_record_has_captures(const struct prog_params *pp);
/* perf_event_output(ctx, events, BPF_F_CURRENT_CPU, rec, HDR + R8); count
 * a failure in CNT_OUTPUT_FAILED. */
void prog_record_output(struct emit_prog *p, const struct prog_params *pp);
/* counters[cpu * CNT_NR + counter] += 1 (clobbers R0-R5). */
void prog_record_count(struct emit_prog *p, const struct prog_params *pp,
		       enum counter counter);

#endif
