/* sys_enter_<name>: the entry half of a syscall.
 *
 *   pid_tgid = bpf_get_current_pid_tgid();
 *   if (pid_tgid >> 32 == SELF_TGID) return 0;       // never trace ourselves
 *   key = (u32)pid_tgid; ts = bpf_ktime_get_ns();
 *   struct inflight e = { ts, { ctx->arg0 .. ctx->argN }, SYS_IDX };
 *   if (shape != NO_RETURN)                          // exit will join it
 *       if (map_update(inflight, &key, &e, BPF_ANY)) counters[cpu].slot_full++;
 *   if (shape == NO_RETURN || shape == ENTER_STRINGS) {
 *       rec = scratch[0];                             // per-CPU
 *       *rec = { kind, flags, ts, ts, e.args, ret 0, task, comm };
 *       read the captures behind the header;          // before exec frees them
 *       if (perf_event_output(ctx, events, CPU, rec, HDR + len))
 *           counters[cpu].output_failed++;
 *   }
 *   return 0;
 *
 * Argument offsets and sizes come from the event's format file via
 * prog_params; nothing here knows a kernel's layout.
 */
#include "prog_record.h"
#include "progs.h"

/* dst = ctx field a, widened to 64 bits as the C type says */
static void load_arg(struct emit_prog *p, int dst, const struct prog_arg *a)
{
	static const int size_code[9] = { [1] = BPF_B, [2] = BPF_H,
					  [4] = BPF_W, [8] = BPF_DW };
	int shift = 64 - 8 * a->size;

	emit(p, LDX_MEM(size_code[a->size], dst, RCTX, (short)a->off));
	if (a->is_signed && shift > 0) {
		emit(p, ALU64_IMM(BPF_LSH, dst, shift));
		emit(p, ALU64_IMM(BPF_ARSH, dst, shift));
	}
}

static void save_inflight(struct emit_prog *p, const struct prog_params *pp)
{
	unsigned i;

	emit_group(p, "e.ts_enter = ts; e.args[i] = ctx fields; e.sys_idx, e.tgid");
	emit(p, LDX_MEM(BPF_DW, R1, R10, FP_TS));
	emit(p, STX_MEM(BPF_DW, R10, R1, FP_INFLIGHT + INFLIGHT_OFF(ts_enter)));
	for (i = 0; i < REC_NARGS; i++) {
		short at = (short)(FP_INFLIGHT + INFLIGHT_OFF(args) + 8 * i);

		if (i < pp->nargs) {
			load_arg(p, R1, &pp->arg[i]);
			emit(p, STX_MEM(BPF_DW, R10, R1, at));
		} else {
			emit(p, ST_MEM(BPF_DW, R10, at, 0));
		}
	}
	emit(p, ST_MEM(BPF_W, R10, FP_INFLIGHT + INFLIGHT_OFF(sys_idx),
		       pp->sys_idx));
	EMIT_SEQ(p, MOV64_REG(R1, RPID),
		    ALU64_IMM(BPF_RSH, R1, 32),
		    STX_MEM(BPF_W, R10, R1, FP_INFLIGHT + INFLIGHT_OFF(tgid)));
}

static void store_inflight(struct emit_prog *p, const struct prog_params *pp)
{
	int ok = emit_new_label(p, "update_ok");

	emit_group(p, "inflight[tid] = e, for sys_exit to join");
	prog_record_map_update(p, pp->inflight_fd, FP_TID_KEY, FP_INFLIGHT,
			       BPF_ANY);
	emit_jmp(p, JMP_IMM(BPF_JEQ, R0, 0), ok);
	prog_record_count(p, pp, CNT_SLOT_FULL);
	emit_label(p, ok);
}

static void emit_record(struct emit_prog *p, const struct prog_params *pp,
			int out)
{
	enum rec_kind kind = pp->shape == SHAPE_NO_RETURN ? REC_SYSCALL
							   : REC_ENTER;
	int i;

	prog_record_scratch(p, pp, out);

	emit_group(p, "rec->flags, ts_enter = ts_exit = ts, ret = 0, args = e.args");
	emit(p, ST_MEM(BPF_B, RREC, REC_OFF(flags),
		       pp->shape == SHAPE_NO_RETURN ? RECF_NO_RETURN : 0));
	EMIT_SEQ(p, LDX_MEM(BPF_DW, R1, R10, FP_TS),
		    STX_MEM(BPF_DW, RREC, R1, REC_OFF(ts_enter)),
		    STX_MEM(BPF_DW, RREC, R1, REC_OFF(ts_exit)),
		    ST_MEM(BPF_DW, RREC, REC_OFF(ret), 0));
	for (i = 0; i < REC_NARGS; i++) {
		emit(p, LDX_MEM(BPF_DW, R1, R10,
				(short)(FP_INFLIGHT + INFLIGHT_OFF(args) + 8 * i)));
		emit(p, STX_MEM(BPF_DW, RREC, R1, (short)(REC_OFF(args) + 8 * i)));
	}
	prog_record_task(p, pp, kind, pp->enter_nr_off);
	prog_record_captures(p, pp);
	prog_record_kill(p, pp); /* execve: before the new image runs */
	prog_record_output(p, pp);
}

void prog_enter_build(struct emit_prog *p, const struct prog_params *pp)
{
	int out = emit_new_label(p, "out");

	prog_record_prologue(p, pp, STOP_ENTRIES, out);
	save_inflight(p, pp);
	if (pp->shape != SHAPE_NO_RETURN)
		store_inflight(p, pp);
	if (pp->shape == SHAPE_NO_RETURN && pp->stats_fd >= 0)
		prog_count_emit(p, pp, 0);
	else if (pp->shape != SHAPE_JOIN)
		emit_record(p, pp, out);

	prog_record_return(p, out);
}
