/* The scheduler's tracepoints: who is in scope, and the log's lineage.
 *
 * sched/sched_process_fork (runs in the parent):
 *   tgid = current tgid; if (tgid == SELF) return 0;
 *   if (SCOPE && !scope[tgid]) return 0;        // only a traced parent
 *   if (FOLLOW && scope[ctx->child_pid] = 1 fails) {
 *           counters[SCOPE_FULL]++; not_followed = 1; }
 *   emit REC_FORK { args[0] = child_pid, flags = NOT_FOLLOWED if so };
 *
 * sched/sched_process_exec (runs in the new image):
 *   if (comm in NAMES) scope[tgid] = 1;         // -c: enters the scope
 *   if (SCOPE && !scope[tgid]) return 0;
 *   emit REC_EXEC { args[0] = old_pid, capture 0 = the filename the
 *                   kernel executed, read from the tracepoint record };
 *
 * sched/sched_process_exit (runs in the exiting thread):
 *   if (tgid == SELF) return 0;
 *   if (SCOPE && tid != tgid) delete scope[tid]; // a thread fork added it
 *   if (GROUP_DEAD ? ctx->group_dead : tid == tgid) {
 *           if (SCOPE && delete scope[tgid] fails) return 0; // not traced
 *           if (EXIT_RECORD) emit REC_PEXIT;
 *   }
 *
 * A fork adds child_pid whatever it is: the tracepoint does not say
 * whether the child is a thread (its tid then never matches a tgid, and
 * its exit removes it). Offsets come from the format files.
 */
#include "prog_record.h"
#include "progs.h"

/* scope[key at fp+key_off] = 1; a failure is counted as SCOPE_FULL and,
 * with flag_off, noted as RECF_NOT_FOLLOWED in the u32 at fp+flag_off */
static void scope_add(struct emit_prog *p, const struct prog_params *pp,
		      short key_off, short flag_off)
{
	int ok = emit_new_label(p, "scope_ok");

	emit_group(p, "scope[key] = 1 (a full map is counted, never silent)");
	emit(p, ST_MEM(BPF_W, R10, FP_CAP_TMP, 1));
	prog_record_map_update(p, pp->scope_fd, key_off, FP_CAP_TMP, BPF_ANY);
	emit_jmp(p, JMP_IMM(BPF_JEQ, R0, 0), ok);
	prog_record_count(p, pp, CNT_SCOPE_FULL);
	if (flag_off)
		emit(p, ST_MEM(BPF_W, R10, flag_off, RECF_NOT_FOLLOWED));
	emit_label(p, ok);
}

/* fork's stack: the child's pid, and beside it the record's flag */
#define FP_FORK_CHILD FP_CAP_BASE
#define FP_FORK_FLAG (FP_CAP_BASE + 4)

/* the record's times, args[] = 0, ret 0, flags 0 */
static void record_event(struct emit_prog *p)
{
	int i;

	emit_group(p, "rec->flags = 0, ts_enter = ts_exit = ts, ret = 0, args = 0");
	EMIT_SEQ(p, ST_MEM(BPF_B, RREC, REC_OFF(flags), 0),
		    LDX_MEM(BPF_DW, R1, R10, FP_TS),
		    STX_MEM(BPF_DW, RREC, R1, REC_OFF(ts_enter)),
		    STX_MEM(BPF_DW, RREC, R1, REC_OFF(ts_exit)),
		    ST_MEM(BPF_DW, RREC, REC_OFF(ret), 0));
	for (i = 0; i < REC_NARGS; i++)
		emit(p, ST_MEM(BPF_DW, RREC, (short)(REC_OFF(args) + 8 * i), 0));
}

void prog_fork_build(struct emit_prog *p, const struct prog_params *pp,
		     const struct prog_sched_params *sp)
{
	int out = emit_new_label(p, "out");

	prog_record_prologue(p, pp, STOP_ENTRIES, out);
	emit_group(p, "child = ctx->child_pid, kept on the stack; flag = 0");
	emit(p, LDX_MEM(BPF_W, R1, RCTX, (short)sp->fork_child_off));
	emit(p, STX_MEM(BPF_W, R10, R1, FP_FORK_CHILD));
	emit(p, ST_MEM(BPF_W, R10, FP_FORK_FLAG, 0));
	if (sp->follow && pp->scope_fd >= 0)
		scope_add(p, pp, FP_FORK_CHILD, FP_FORK_FLAG);
	if (!sp->lineage)
		goto done;
	prog_record_scratch(p, pp, out);
	record_event(p);
	emit_group(p, "rec->args[0] = child; rec->flags = flag");
	EMIT_SEQ(p, LDX_MEM(BPF_W, R1, R10, FP_FORK_CHILD),
		    STX_MEM(BPF_DW, RREC, R1, REC_OFF(args)),
		    LDX_MEM(BPF_W, R1, R10, FP_FORK_FLAG),
		    STX_MEM(BPF_B, RREC, R1, REC_OFF(flags)));
	prog_record_task(p, pp, REC_FORK, PROG_NO_NR);
	emit(p, MOV64_IMM(RTMP, 0));
	prog_record_output(p, pp);
done:
	prog_record_return(p, out);
}

/* exec's stack: the new comm, 16 bytes below the temporaries */
#define FP_EXEC_COMM (FP_CAP_TMP - 16)

/* -c: if the new comm is one of the names, scope[tgid] = 1 */
static void comm_match(struct emit_prog *p, const struct prog_params *pp,
		       const struct prog_sched_params *sp)
{
	int done = emit_new_label(p, "comm_done");
	unsigned i;

	emit_group(p, "bpf_get_current_comm(fp + comm, 16) into zeroed words (6.1 leaves the padding); tgid on the stack");
	EMIT_SEQ(p, ST_MEM(BPF_DW, R10, FP_EXEC_COMM, 0),
		    ST_MEM(BPF_DW, R10, FP_EXEC_COMM + 8, 0),
		    MOV64_REG(R1, R10),
		    ALU64_IMM(BPF_ADD, R1, FP_EXEC_COMM),
		    MOV64_IMM(R2, 16),
		    CALL(BPF_FUNC_get_current_comm),
		    MOV64_REG(R1, RPID),
		    ALU64_IMM(BPF_RSH, R1, 32),
		    STX_MEM(BPF_W, R10, R1, FP_TGID_KEY));
	for (i = 0; i < sp->ncomm; i++) {
		int next = emit_new_label(p, "comm_next");
		int half;

		emit_group(p, "comm == names[i]? compared as two 8-byte words");
		for (half = 0; half < 2; half++) {
			__u64 w = 0;
			int b;

			for (b = 0; b < 8; b++)
				w |= (__u64)(unsigned char)sp->comm[i][8 * half + b]
				     << (8 * b);
			emit(p, LDX_MEM(BPF_DW, R1, R10,
					(short)(FP_EXEC_COMM + 8 * half)));
			emit_ld_imm64(p, R2, w);
			emit_jmp(p, JMP_REG(BPF_JNE, R1, R2), next);
		}
		scope_add(p, pp, FP_TGID_KEY, 0);
		emit_jmp(p, JA(), done);
		emit_label(p, next);
	}
	emit_label(p, done);
}

void prog_exec_build(struct emit_prog *p, const struct prog_params *pp,
		     const struct prog_sched_params *sp)
{
	struct prog_params scoped = *pp;
	int out = emit_new_label(p, "out");
	int ok = emit_new_label(p, "name_ok");
	int done = emit_new_label(p, "name_done");

	/* the prologue without its scope check: -c may add us first */
	scoped.scope_fd = -1;
	prog_record_prologue(p, &scoped, STOP_ENTRIES, out);
	if (pp->scope_fd >= 0) {
		if (sp->ncomm)
			comm_match(p, pp, sp);
		emit_group(p, "only processes in scope: scope[tgid] or out");
		EMIT_SEQ(p, MOV64_REG(R1, RPID),
			    ALU64_IMM(BPF_RSH, R1, 32),
			    STX_MEM(BPF_W, R10, R1, FP_TGID_KEY));
		prog_record_map_call(p, BPF_FUNC_map_lookup_elem, pp->scope_fd,
				     FP_TGID_KEY);
		emit_jmp(p, JMP_IMM(BPF_JEQ, R0, 0), out);
	}
	if (!sp->lineage)
		goto done_exec;
	prog_record_scratch(p, pp, out);
	record_event(p);
	emit_group(p, "rec->args[0] = ctx->old_pid");
	emit(p, LDX_MEM(BPF_W, R1, RCTX, (short)sp->exec_old_pid_off));
	emit(p, STX_MEM(BPF_DW, RREC, R1, REC_OFF(args)));
	prog_record_task(p, pp, REC_EXEC, PROG_NO_NR);

	emit_group(p, "r3 = ctx + (filename's __data_loc & 0xffff): the name in the record");
	emit(p, LDX_MEM(BPF_W, R3, RCTX, (short)sp->exec_filename_off));
	emit(p, ALU64_IMM(BPF_AND, R3, 0xffff));
	emit(p, ALU64_REG(BPF_ADD, R3, RCTX));
	emit_group(p, "r0 = probe_read_kernel_str(rec + HDR, str_cap, r3)");
	emit(p, MOV64_REG(R1, RREC));
	emit(p, ALU64_IMM(BPF_ADD, R1, REC_HDR_SIZE));
	emit(p, MOV64_IMM(R2, (__s32)pp->str_cap));
	emit(p, CALL(sp->probe_read_kernel_str));
	emit_group(p, "bound r0 by str_cap; a failure keeps nothing; cap_len[0] = r8 = r0");
	emit_jmp(p, JMP_IMM(BPF_JSGT, R0, 0), ok);
	emit(p, MOV64_IMM(R0, 0));
	emit_jmp(p, JA(), done);
	emit_label(p, ok);
	emit_jmp(p, JMP_IMM(BPF_JSLE, R0, (__s32)pp->str_cap), done);
	emit(p, MOV64_IMM(R0, (__s32)pp->str_cap));
	emit_label(p, done);
	emit(p, STX_MEM(BPF_H, RREC, R0, REC_OFF(cap_len)));
	emit(p, MOV64_REG(RTMP, R0));
	prog_record_output(p, pp);
done_exec:
	prog_record_return(p, out);
}

void prog_pexit_build(struct emit_prog *p, const struct prog_params *pp,
		      const struct prog_sched_params *sp)
{
	int out = emit_new_label(p, "out");
	int leader = emit_new_label(p, "leader");
	int scoped = pp->scope_fd >= 0;
	int group_dead = sp->exit_group_dead_off != 0xffff;

	emit_group(p, "r6 = ctx; r7 = pid_tgid; tid and tgid on the stack; not our own");
	EMIT_SEQ(p, MOV64_REG(RCTX, R1),
		    CALL(BPF_FUNC_get_current_pid_tgid),
		    MOV64_REG(RPID, R0),
		    STX_MEM(BPF_W, R10, R0, FP_TID_KEY),
		    ALU64_IMM(BPF_RSH, R0, 32),
		    STX_MEM(BPF_W, R10, R0, FP_TGID_KEY));
	emit_jmp(p, JMP_IMM(BPF_JEQ, R0, (__s32)pp->self_tgid), out);
	if (pp->ctl_fd >= 0) {
		emit_group(p, "key 0 on the stack, for the control map");
		emit(p, ST_MEM(BPF_W, R10, FP_ZERO_KEY, 0));
		prog_record_stop_check(p, pp, STOP_ENTRIES, out);
	}

	if (scoped) {
		emit_group(p, "a thread (tid != tgid): delete scope[tid], which a fork added");
		emit(p, LDX_MEM(BPF_W, R1, R10, FP_TID_KEY));
		emit(p, LDX_MEM(BPF_W, R2, R10, FP_TGID_KEY));
		emit_jmp(p, JMP_REG(BPF_JEQ, R1, R2), leader);
		prog_record_map_call(p, BPF_FUNC_map_delete_elem, pp->scope_fd,
				     FP_TID_KEY);
		if (!group_dead)
			emit_jmp(p, JA(), out);
	} else if (!group_dead) {
		emit_group(p, "no group_dead here: the leader's exit stands for the process's");
		emit(p, LDX_MEM(BPF_W, R1, R10, FP_TID_KEY));
		emit(p, LDX_MEM(BPF_W, R2, R10, FP_TGID_KEY));
		emit_jmp(p, JMP_REG(BPF_JNE, R1, R2), out);
	}
	emit_label(p, leader);
	if (group_dead) {
		emit_group(p, "the process ends with its last thread: ctx->group_dead");
		emit(p, LDX_MEM(BPF_B, R1, RCTX, (short)sp->exit_group_dead_off));
		emit_jmp(p, JMP_IMM(BPF_JEQ, R1, 0), out);
	}
	if (scoped) {
		emit_group(p, "delete scope[tgid]; absent: not traced, nothing to say");
		prog_record_map_call(p, BPF_FUNC_map_delete_elem, pp->scope_fd,
				     FP_TGID_KEY);
		emit_jmp(p, JMP_IMM(BPF_JNE, R0, 0), out);
	}
	if (sp->exit_record) {
		emit_group(p, "REC_PEXIT: the pid is free for another process");
		EMIT_SEQ(p, ST_MEM(BPF_W, R10, FP_ZERO_KEY, 0),
			    CALL(BPF_FUNC_ktime_get_ns),
			    STX_MEM(BPF_DW, R10, R0, FP_TS));
		prog_record_scratch(p, pp, out);
		record_event(p);
		prog_record_task(p, pp, REC_PEXIT, PROG_NO_NR);
		emit(p, MOV64_IMM(RTMP, 0));
		prog_record_output(p, pp);
	}
	prog_record_return(p, out);
}
