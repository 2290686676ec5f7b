/* sys_exit_<name>: the exit half, which emits one record per syscall.
 *
 *   pid_tgid = bpf_get_current_pid_tgid();
 *   if (pid_tgid >> 32 == SELF_TGID) return 0;
 *   key = (u32)pid_tgid; ts = bpf_ktime_get_ns();
 *   e = map_lookup(inflight, &key);
 *   rec = scratch[0]; if (!rec) return 0;
 *   if (e && e->sys_idx == SYS_IDX) {                // the normal case
 *       rec->flags = 0; rec->ts_enter = e->ts_enter; rec->args = e->args;
 *       map_delete(inflight, &key);                  // bounded state
 *   } else {                                         // entered before we
 *       rec->flags = NO_ENTRY; ts_enter = 0; args = 0;   // attached
 *   }
 *   rec->ts_exit = ts; rec->ret = ctx->ret; task fields; comm;
 *   if (!(rec->flags & NO_ENTRY)) read the captures (paths, a socket
 *       address, clone_args) at exit, when the kernel has already
 *       faulted their pages in;
 *   if (perf_event_output(ctx, events, CPU, rec, HDR + len))
 *       counters[cpu].output_failed++;
 *   return 0;
 */
#include "prog_record.h"
#include "progs.h"

static void join_entry(struct emit_prog *p, const struct prog_params *pp,
		       int out)
{
	int no_entry = emit_new_label(p, "no_entry");
	int joined = emit_new_label(p, "joined");
	int i;

	emit_group(p, "r8 = inflight[tid]: the entry saved by sys_enter");
	prog_record_map_call(p, BPF_FUNC_map_lookup_elem, pp->inflight_fd,
			     FP_TID_KEY);
	emit(p, MOV64_REG(RTMP, R0));

	prog_record_scratch(p, pp, out);

	emit_group(p, "no entry, or a stale one of another syscall: args unknown");
	emit_jmp(p, JMP_IMM(BPF_JEQ, RTMP, 0), no_entry);
	emit(p, LDX_MEM(BPF_W, R1, RTMP, INFLIGHT_OFF(sys_idx)));
	emit_jmp(p, JMP_IMM(BPF_JNE, R1, pp->sys_idx), no_entry);

	emit_group(p, "rec->ts_enter, args = the entry's; flags = 0");
	EMIT_SEQ(p, ST_MEM(BPF_B, RREC, REC_OFF(flags), 0),
		    LDX_MEM(BPF_DW, R1, RTMP, INFLIGHT_OFF(ts_enter)),
		    STX_MEM(BPF_DW, RREC, R1, REC_OFF(ts_enter)));
	for (i = 0; i < REC_NARGS; i++) {
		emit(p, LDX_MEM(BPF_DW, R1, RTMP,
				(short)(INFLIGHT_OFF(args) + 8 * i)));
		emit(p, STX_MEM(BPF_DW, RREC, R1, (short)(REC_OFF(args) + 8 * i)));
	}

	emit_group(p, "map_delete(inflight, &tid): state stays bounded");
	prog_record_map_call(p, BPF_FUNC_map_delete_elem, pp->inflight_fd,
			     FP_TID_KEY);
	emit_jmp(p, JA(), joined);

	emit_group(p, "rec->flags = NO_ENTRY; ts_enter = 0; args = 0");
	emit_label(p, no_entry);
	emit(p, ST_MEM(BPF_B, RREC, REC_OFF(flags), RECF_NO_ENTRY));
	emit(p, ST_MEM(BPF_DW, RREC, REC_OFF(ts_enter), 0));
	for (i = 0; i < REC_NARGS; i++)
		emit(p, ST_MEM(BPF_DW, RREC, (short)(REC_OFF(args) + 8 * i), 0));
	emit_label(p, joined);
}

/* Summary mode: count the joined call instead of emitting it. */
static void count_build(struct emit_prog *p, const struct prog_params *pp)
{
	int out = emit_new_label(p, "out");

	prog_record_prologue(p, pp, STOP_ALL, out);
	emit_group(p, "r8 = inflight[tid]; a call entered before we attached is not counted");
	prog_record_map_call(p, BPF_FUNC_map_lookup_elem, pp->inflight_fd,
			     FP_TID_KEY);
	emit_jmp(p, JMP_IMM(BPF_JEQ, R0, 0), out);
	emit(p, MOV64_REG(RTMP, R0));
	emit(p, LDX_MEM(BPF_W, R1, RTMP, INFLIGHT_OFF(sys_idx)));
	emit_jmp(p, JMP_IMM(BPF_JNE, R1, pp->sys_idx), out);
	prog_count_emit(p, pp, 1);
	emit_group(p, "map_delete(inflight, &tid)");
	prog_record_map_call(p, BPF_FUNC_map_delete_elem, pp->inflight_fd,
			     FP_TID_KEY);
	prog_record_return(p, out);
}

void prog_exit_build(struct emit_prog *p, const struct prog_params *pp)
{
	int out, no_captures;

	if (pp->stats_fd >= 0) {
		count_build(p, pp);
		return;
	}
	out = emit_new_label(p, "out");
	no_captures = emit_new_label(p, "no_captures");

	prog_record_prologue(p, pp, STOP_ALL, out);
	join_entry(p, pp, out);

	emit_group(p, "rec->ts_exit = ts; rec->ret = ctx->ret");
	emit(p, LDX_MEM(BPF_DW, R1, R10, FP_TS));
	emit(p, STX_MEM(BPF_DW, RREC, R1, REC_OFF(ts_exit)));
	emit(p, LDX_MEM(BPF_DW, R1, RCTX, (short)pp->exit_ret_off));
	emit(p, STX_MEM(BPF_DW, RREC, R1, REC_OFF(ret)));
	prog_record_task(p, pp, REC_SYSCALL, pp->exit_nr_off);

	/* Strings of an ENTER_STRINGS syscall were read at entry: after a
	 * successful execve the memory they lived in is gone. */
	emit_group(p, "r8 = 0; captures only when the entry (and so the pointers) is known");
	emit(p, MOV64_IMM(RTMP, 0));
	if (pp->shape == SHAPE_JOIN && prog_record_has_captures(pp)) {
		emit(p, LDX_MEM(BPF_B, R1, RREC, REC_OFF(flags)));
		emit_jmp(p, JMP_IMM(BPF_JSET, R1, RECF_NO_ENTRY), no_captures);
		prog_record_captures(p, pp);
	}
	emit_label(p, no_captures);
	prog_record_kill(p, pp);
	prog_record_output(p, pp);

	prog_record_return(p, out);
}
