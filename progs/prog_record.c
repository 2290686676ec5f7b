/* Instruction groups shared by the syscall programs: see prog_record.h. */
#include "prog_record.h"

void prog_record_prologue(struct emit_prog *p, const struct prog_params *pp,
			  int out)
{
	emit_group(p, "r6 = ctx; r7 = bpf_get_current_pid_tgid()");
	emit(p, MOV64_REG(RCTX, R1));
	emit(p, CALL(BPF_FUNC_get_current_pid_tgid));
	emit(p, MOV64_REG(RPID, R0));

	emit_group(p, "drop events of our own process (tgid is the upper half)");
	emit(p, ALU64_IMM(BPF_RSH, R0, 32));
	emit_jmp(p, JMP_IMM(BPF_JEQ, R0, (__s32)pp->self_tgid), out);

	emit_group(p, "keys on the stack: tid for the in-flight map, 0 for scratch");
	emit(p, STX_MEM(BPF_W, R10, RPID, FP_TID_KEY));
	emit(p, ST_MEM(BPF_W, R10, FP_ZERO_KEY, 0));

	emit_group(p, "timestamp first, so the time excludes our own work");
	emit(p, CALL(BPF_FUNC_ktime_get_ns));
	emit(p, STX_MEM(BPF_DW, R10, R0, FP_TS));
}

void prog_record_scratch(struct emit_prog *p, const struct prog_params *pp,
			 int out)
{
	emit_group(p, "r9 = scratch[0]: this CPU's record under construction");
	emit_ld_map_fd(p, R1, pp->scratch_fd);
	emit(p, MOV64_REG(R2, R10));
	emit(p, ALU64_IMM(BPF_ADD, R2, FP_ZERO_KEY));
	emit(p, CALL(BPF_FUNC_map_lookup_elem));
	emit_jmp(p, JMP_IMM(BPF_JEQ, R0, 0), out);
	emit(p, MOV64_REG(RREC, R0));
}

void prog_record_task(struct emit_prog *p, const struct prog_params *pp,
		      enum rec_kind kind, __u16 nr_off)
{
	emit_group(p, "rec->kind, sys_idx, nr, tgid, tid; zero str_len, reserved");
	emit(p, ST_MEM(BPF_B, RREC, REC_OFF(kind), kind));
	emit(p, ST_MEM(BPF_H, RREC, REC_OFF(sys_idx), pp->sys_idx));
	emit(p, LDX_MEM(BPF_W, R1, RCTX, (short)nr_off));
	emit(p, STX_MEM(BPF_W, RREC, R1, REC_OFF(nr)));
	emit(p, STX_MEM(BPF_W, RREC, RPID, REC_OFF(tid)));
	emit(p, MOV64_REG(R1, RPID));
	emit(p, ALU64_IMM(BPF_RSH, R1, 32));
	emit(p, STX_MEM(BPF_W, RREC, R1, REC_OFF(tgid)));
	emit(p, ST_MEM(BPF_W, RREC, REC_OFF(str_len), 0));
	emit(p, ST_MEM(BPF_W, RREC, REC_OFF(reserved), 0));

	emit_group(p, "bpf_get_current_comm(rec->comm, 16)");
	emit(p, MOV64_REG(R1, RREC));
	emit(p, ALU64_IMM(BPF_ADD, R1, REC_OFF(comm)));
	emit(p, MOV64_IMM(R2, REC_COMM_LEN));
	emit(p, CALL(BPF_FUNC_get_current_comm));
}

/* One string: n = probe_read_str(rec + HDR + r8, cap, rec->args[arg]);
 * a fault leaves n = 0 and sets fault_flag; r8 += n. */
static void record_string(struct emit_prog *p, const struct prog_params *pp,
			  int i)
{
	int ok = emit_new_label(p, "str_ok");
	int done = emit_new_label(p, "str_done");
	short len_off = (short)(REC_OFF(str_len) + 2 * i);

	emit_group(p, i == 0 ? "r0 = probe_read_str(rec->str, cap, args[i])"
			     : "r0 = probe_read_str(rec->str + r8, cap, args[i])");
	emit(p, MOV64_REG(R1, RREC));
	emit(p, ALU64_IMM(BPF_ADD, R1, REC_HDR_SIZE));
	emit(p, ALU64_REG(BPF_ADD, R1, RTMP));
	emit(p, MOV64_IMM(R2, (__s32)pp->str_cap));
	emit(p, LDX_MEM(BPF_DW, R3, RREC,
			(short)(REC_OFF(args) + 8 * pp->str_arg[i])));
	emit(p, CALL(pp->probe_read_str));

	emit_group(p, "a fault (r0 < 0) is flagged and counts as length 0");
	emit_jmp(p, JMP_IMM(BPF_JSGT, R0, 0), ok);
	emit(p, LDX_MEM(BPF_B, R1, RREC, REC_OFF(flags)));
	emit(p, ALU64_IMM(BPF_OR, R1, i == 0 ? RECF_STR0_FAULT : RECF_STR1_FAULT));
	emit(p, STX_MEM(BPF_B, RREC, R1, REC_OFF(flags)));
	emit(p, MOV64_IMM(R0, 0));
	emit_jmp(p, JA(), done);

	emit_group(p, "bound r0 by cap for the verifier; str_len[i] = r0; r8 += r0");
	emit_label(p, ok);
	emit_jmp(p, JMP_IMM(BPF_JSLE, R0, (__s32)pp->str_cap), done);
	emit(p, MOV64_IMM(R0, (__s32)pp->str_cap));
	emit_label(p, done);
	emit(p, STX_MEM(BPF_H, RREC, R0, len_off));
	emit(p, ALU64_REG(BPF_ADD, RTMP, R0));
}

void prog_record_strings(struct emit_prog *p, const struct prog_params *pp)
{
	int i;

	emit_group(p, "r8 = 0: bytes of strings behind the header");
	emit(p, MOV64_IMM(RTMP, 0));
	for (i = 0; i < REC_NSTR; i++)
		if (pp->str_arg[i] >= 0)
			record_string(p, pp, i);
}

void prog_record_output(struct emit_prog *p, const struct prog_params *pp)
{
	int ok = emit_new_label(p, "output_ok");

	emit_group(p, "perf_event_output(ctx, events, BPF_F_CURRENT_CPU, rec, HDR + r8)");
	emit(p, MOV64_REG(R1, RCTX));
	emit_ld_map_fd(p, R2, pp->events_fd);
	emit(p, MOV32_IMM(R3, -1)); /* BPF_F_CURRENT_CPU, upper half clear */
	emit(p, MOV64_REG(R4, RREC));
	emit(p, MOV64_REG(R5, RTMP));
	emit(p, ALU64_IMM(BPF_ADD, R5, REC_HDR_SIZE));
	emit(p, CALL(BPF_FUNC_perf_event_output));
	emit_jmp(p, JMP_IMM(BPF_JEQ, R0, 0), ok);
	prog_record_count(p, pp, CNT_OUTPUT_FAILED);
	emit_label(p, ok);
}

void prog_record_count(struct emit_prog *p, const struct prog_params *pp,
		       enum counter counter)
{
	int skip = emit_new_label(p, "count_done");

	emit_group(p, counter == CNT_OUTPUT_FAILED
			      ? "counters[cpu][OUTPUT_FAILED] += 1: loss is never silent"
			      : "counters[cpu][SLOT_FULL] += 1: in-flight map full");
	emit(p, CALL(BPF_FUNC_get_smp_processor_id));
	emit_jmp(p, JMP_IMM(BPF_JGE, R0, (__s32)pp->max_cpus), skip);
	emit(p, ALU64_IMM(BPF_MUL, R0, CNT_NR));
	emit(p, ALU64_IMM(BPF_ADD, R0, counter));
	emit(p, STX_MEM(BPF_W, R10, R0, FP_COUNTER_KEY));
	emit_ld_map_fd(p, R1, pp->counters_fd);
	emit(p, MOV64_REG(R2, R10));
	emit(p, ALU64_IMM(BPF_ADD, R2, FP_COUNTER_KEY));
	emit(p, CALL(BPF_FUNC_map_lookup_elem));
	emit_jmp(p, JMP_IMM(BPF_JEQ, R0, 0), skip);
	emit(p, MOV64_IMM(R1, 1));
	emit(p, ATOMIC_ADD(BPF_DW, R0, R1, 0));
	emit_label(p, skip);
}
