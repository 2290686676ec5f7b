/* Summary mode (-S): instead of a record per call, counts in a PERCPU_HASH.
 *
 *   key = { PER_PROCESS ? tgid : 0, SYS_IDX };
 *   v = stats[key]; if (!v) { stats[key] = {0} (NOEXIST); v = stats[key]; }
 *   if (!v) { counters[STATS_FULL]++; goto done; }   // a full map
 *   v->calls += 1; v->errors += (-4095 <= ret < 0); v->ns += ts - ts_enter;
 *
 * Emitted by sys_exit (after the join: r8 = the in-flight entry) and, for
 * a call that never returns, by sys_enter (no error, no time). Per-CPU
 * values need no lock against other CPUs; the adds are atomic all the
 * same, as a preempted program can interleave with another on its CPU.
 */
#include "prog_record.h"
#include "progs.h"

#define FP_STAT_KEY FP_CAP_BASE                 /* struct stat_key, 8 bytes */
#define FP_STAT_ZERO (FP_CAP_BASE - 24)         /* struct stat_val of 0 */
#define STAT_OFF(f) ((short)offsetof(struct stat_val, f))

void prog_count_emit(struct emit_prog *p, const struct prog_params *pp,
		     int from_exit)
{
	int found = emit_new_label(p, "stat_found");
	int done = emit_new_label(p, "stat_done");
	int not_err = emit_new_label(p, "not_error");

	if (from_exit) {
		emit_group(p, "fp[TMP] = ts - entry's ts_enter; fp[TS] = 1 if ret is an error");
		EMIT_SEQ(p, LDX_MEM(BPF_DW, R1, R10, FP_TS),
			    LDX_MEM(BPF_DW, R2, RTMP, INFLIGHT_OFF(ts_enter)),
			    ALU64_REG(BPF_SUB, R1, R2),
			    STX_MEM(BPF_DW, R10, R1, FP_CAP_TMP),
			    ST_MEM(BPF_DW, R10, FP_TS, 0));
		emit(p, LDX_MEM(BPF_DW, R1, RCTX, (short)pp->exit_ret_off));
		emit_jmp(p, JMP_IMM(BPF_JSGE, R1, 0), not_err);
		emit_jmp(p, JMP_IMM(BPF_JSLT, R1, -4095), not_err);
		emit(p, ST_MEM(BPF_DW, R10, FP_TS, 1));
		emit_label(p, not_err);
	} else {
		emit_group(p, "no time, no error: the call never returns");
		emit(p, ST_MEM(BPF_DW, R10, FP_CAP_TMP, 0));
		emit(p, ST_MEM(BPF_DW, R10, FP_TS, 0));
	}

	emit_group(p, pp->stats_per_process ? "key = { tgid, sys_idx }"
					    : "key = { 0, sys_idx }");
	if (pp->stats_per_process) {
		EMIT_SEQ(p, MOV64_REG(R1, RPID),
			    ALU64_IMM(BPF_RSH, R1, 32),
			    STX_MEM(BPF_W, R10, R1, FP_STAT_KEY));
	} else {
		emit(p, ST_MEM(BPF_W, R10, FP_STAT_KEY, 0));
	}
	emit(p, ST_MEM(BPF_W, R10, FP_STAT_KEY + 4, pp->sys_idx));

	emit_group(p, "r0 = stats[key]");
	prog_record_map_call(p, BPF_FUNC_map_lookup_elem, pp->stats_fd,
			     FP_STAT_KEY);
	emit_jmp(p, JMP_IMM(BPF_JNE, R0, 0), found);

	emit_group(p, "first call: stats[key] = {0} if still absent, then look again");
	EMIT_SEQ(p, ST_MEM(BPF_DW, R10, FP_STAT_ZERO, 0),
		    ST_MEM(BPF_DW, R10, FP_STAT_ZERO + 8, 0),
		    ST_MEM(BPF_DW, R10, FP_STAT_ZERO + 16, 0));
	prog_record_map_update(p, pp->stats_fd, FP_STAT_KEY, FP_STAT_ZERO,
			       BPF_NOEXIST);
	prog_record_map_call(p, BPF_FUNC_map_lookup_elem, pp->stats_fd,
			     FP_STAT_KEY);
	emit_jmp(p, JMP_IMM(BPF_JNE, R0, 0), found);
	prog_record_count(p, pp, CNT_STATS_FULL);
	emit_jmp(p, JA(), done);

	emit_group(p, "calls += 1; errors += error; ns += time (atomic adds)");
	emit_label(p, found);
	EMIT_SEQ(p, MOV64_IMM(R1, 1),
		    ATOMIC_ADD(BPF_DW, R0, R1, STAT_OFF(calls)),
		    LDX_MEM(BPF_DW, R1, R10, FP_TS),
		    ATOMIC_ADD(BPF_DW, R0, R1, STAT_OFF(errors)),
		    LDX_MEM(BPF_DW, R1, R10, FP_CAP_TMP),
		    ATOMIC_ADD(BPF_DW, R0, R1, STAT_OFF(ns)));
	emit_label(p, done);
}
