/* Instruction groups shared by the syscall programs: see prog_record.h. */
#include "prog_record.h"

void prog_record_map_call(struct emit_prog *p, int helper, int map_fd,
			  short key_off)
{
	emit_ld_map_fd(p, R1, map_fd);
	emit(p, MOV64_REG(R2, R10));
	emit(p, ALU64_IMM(BPF_ADD, R2, key_off));
	emit(p, CALL(helper));
}

void prog_record_map_update(struct emit_prog *p, int map_fd, short key_off,
			    short value_off, int flags)
{
	emit_ld_map_fd(p, R1, map_fd);
	emit(p, MOV64_REG(R2, R10));
	emit(p, ALU64_IMM(BPF_ADD, R2, key_off));
	emit(p, MOV64_REG(R3, R10));
	emit(p, ALU64_IMM(BPF_ADD, R3, value_off));
	emit(p, MOV64_IMM(R4, flags));
	emit(p, CALL(BPF_FUNC_map_update_elem));
}

void prog_record_return(struct emit_prog *p, int out)
{
	emit_group(p, "return 0");
	emit_label(p, out);
	emit(p, MOV64_IMM(R0, 0));
	emit(p, EXIT());
}

void prog_record_stop_check(struct emit_prog *p, const struct prog_params *pp,
			    enum stop_stage stage, int out)
{
	if (pp->ctl_fd < 0)
		return;
	emit_group(p, stage == STOP_ENTRIES
			      ? "stopping: out once ctl[0] >= STOP_ENTRIES (no call starts being traced)"
			      : "stopping: out once ctl[0] >= STOP_ALL (the log is being finished)");
	prog_record_map_call(p, BPF_FUNC_map_lookup_elem, pp->ctl_fd,
			     FP_ZERO_KEY);
	emit_jmp(p, JMP_IMM(BPF_JEQ, R0, 0), out);
	emit(p, LDX_MEM(BPF_W, R1, R0, 0));
	emit_jmp(p, JMP_IMM(BPF_JGE, R1, stage), out);
}

void prog_record_prologue(struct emit_prog *p, const struct prog_params *pp,
			  enum stop_stage stage, int out)
{
	emit_group(p, "r6 = ctx; r7 = bpf_get_current_pid_tgid()");
	EMIT_SEQ(p, MOV64_REG(RCTX, R1),
		    CALL(BPF_FUNC_get_current_pid_tgid),
		    MOV64_REG(RPID, R0));

	emit_group(p, "drop events of our own process (tgid is the upper half)");
	emit(p, ALU64_IMM(BPF_RSH, R0, 32));
	emit_jmp(p, JMP_IMM(BPF_JEQ, R0, (__s32)pp->self_tgid), out);

	if (pp->scope_fd >= 0) {
		emit_group(p, "only processes in scope: scope[tgid] or out");
		emit(p, STX_MEM(BPF_W, R10, R0, FP_TGID_KEY));
		prog_record_map_call(p, BPF_FUNC_map_lookup_elem, pp->scope_fd,
				     FP_TGID_KEY);
		emit_jmp(p, JMP_IMM(BPF_JEQ, R0, 0), out);
	}

	emit_group(p, "keys on the stack: tid for the in-flight map, 0 for scratch");
	emit(p, STX_MEM(BPF_W, R10, RPID, FP_TID_KEY));
	emit(p, ST_MEM(BPF_W, R10, FP_ZERO_KEY, 0));
	prog_record_stop_check(p, pp, stage, out);

	emit_group(p, "timestamp first, so the time excludes our own work");
	emit(p, CALL(BPF_FUNC_ktime_get_ns));
	emit(p, STX_MEM(BPF_DW, R10, R0, FP_TS));
}

void prog_record_scratch(struct emit_prog *p, const struct prog_params *pp,
			 int out)
{
	emit_group(p, "r9 = scratch[0]: this CPU's record under construction");
	prog_record_map_call(p, BPF_FUNC_map_lookup_elem, pp->scratch_fd,
			     FP_ZERO_KEY);
	emit_jmp(p, JMP_IMM(BPF_JEQ, R0, 0), out);
	emit(p, MOV64_REG(RREC, R0));
}

void prog_record_task(struct emit_prog *p, const struct prog_params *pp,
		      enum rec_kind kind, __u16 nr_off)
{
	emit_group(p, "rec->kind, sys_idx, nr, tgid, tid; zero cap_len, argc, cap_flags, reserved");
	emit(p, ST_MEM(BPF_B, RREC, REC_OFF(kind), kind));
	emit(p, ST_MEM(BPF_H, RREC, REC_OFF(sys_idx), pp->sys_idx));
	if (nr_off == PROG_NO_NR) {
		emit(p, ST_MEM(BPF_W, RREC, REC_OFF(nr), -1));
	} else {
		emit(p, LDX_MEM(BPF_W, R1, RCTX, (short)nr_off));
		emit(p, STX_MEM(BPF_W, RREC, R1, REC_OFF(nr)));
	}
	EMIT_SEQ(p, STX_MEM(BPF_W, RREC, RPID, REC_OFF(tid)),
		    MOV64_REG(R1, RPID),
		    ALU64_IMM(BPF_RSH, R1, 32),
		    STX_MEM(BPF_W, RREC, R1, REC_OFF(tgid)),
		    ST_MEM(BPF_W, RREC, REC_OFF(cap_len), 0),
		    ST_MEM(BPF_W, RREC, REC_OFF(argc), 0));

	emit_group(p, "bpf_get_current_comm(rec->comm, 16), zeroed first: some kernels (6.1) copy the name without its padding");
	EMIT_SEQ(p, ST_MEM(BPF_DW, RREC, REC_OFF(comm), 0),
		    ST_MEM(BPF_DW, RREC, (short)(REC_OFF(comm) + 8), 0),
		    MOV64_REG(R1, RREC),
		    ALU64_IMM(BPF_ADD, R1, REC_OFF(comm)),
		    MOV64_IMM(R2, REC_COMM_LEN),
		    CALL(BPF_FUNC_get_current_comm));
}

static short cap_len_off(int i)
{
	return (short)(REC_OFF(cap_len) + 2 * i);
}

/* r1 |= fault flag of capture i in rec->flags (clobbers r1) */
static void flag_fault(struct emit_prog *p, int i)
{
	emit(p, LDX_MEM(BPF_B, R1, RREC, REC_OFF(flags)));
	emit(p, ALU64_IMM(BPF_OR, R1, i == 0 ? RECF_CAP0_FAULT : RECF_CAP1_FAULT));
	emit(p, STX_MEM(BPF_B, RREC, R1, REC_OFF(flags)));
}

/* r1 = rec + HDR + r8: where the next captured byte goes */
static void cap_dst(struct emit_prog *p)
{
	EMIT_SEQ(p, MOV64_REG(R1, RREC),
		    ALU64_IMM(BPF_ADD, R1, REC_HDR_SIZE),
		    ALU64_REG(BPF_ADD, R1, RTMP));
}

/* Before 6.18 (5.10, 6.1, 6.12 measured) probe_read_user_str of "" returns
 * 0 and writes nothing: make it the string it is, one NUL byte, r0 = 1. */
static void empty_string(struct emit_prog *p)
{
	int not_empty = emit_new_label(p, "not_empty");

	emit_group(p, "r0 == 0: an empty string some kernels do not terminate: write its NUL");
	emit_jmp(p, JMP_IMM(BPF_JNE, R0, 0), not_empty);
	cap_dst(p);
	emit(p, ST_MEM(BPF_B, R1, 0, 0));
	emit(p, MOV64_IMM(R0, 1));
	emit_label(p, not_empty);
}

/* A string: n = probe_read_str(dst, str_cap, args[arg]); a fault leaves
 * n = 0 and sets the fault flag; cap_len[i] = n; r8 += n. */
static void cap_string(struct emit_prog *p, const struct prog_params *pp,
		       int i)
{
	const struct prog_cap *c = &pp->cap[i];
	int ok = emit_new_label(p, "str_ok");
	int done = emit_new_label(p, "str_done");

	emit_group(p, "r0 = probe_read_str(rec + HDR + r8, str_cap, args[arg])");
	cap_dst(p);
	emit(p, MOV64_IMM(R2, (__s32)pp->str_cap));
	emit(p, LDX_MEM(BPF_DW, R3, RREC, (short)(REC_OFF(args) + 8 * c->arg)));
	emit(p, CALL(pp->probe_read_str));

	empty_string(p);
	emit_group(p, "a fault (r0 < 0) is flagged and counts as length 0");
	emit_jmp(p, JMP_IMM(BPF_JSGT, R0, 0), ok);
	flag_fault(p, i);
	emit(p, MOV64_IMM(R0, 0));
	emit_jmp(p, JA(), done);

	emit_group(p, "bound r0 by str_cap for the verifier; cap_len[i] = r0; r8 += r0");
	emit_label(p, ok);
	emit_jmp(p, JMP_IMM(BPF_JSLE, R0, (__s32)pp->str_cap), done);
	emit(p, MOV64_IMM(R0, (__s32)pp->str_cap));
	emit_label(p, done);
	emit(p, STX_MEM(BPF_H, RREC, R0, cap_len_off(i)));
	emit(p, ALU64_REG(BPF_ADD, RTMP, R0));
}

/* A buffer of args[len_arg] bytes, at most max: probe_read(dst, n,
 * args[arg]); a fault sets the flag and keeps nothing. */
static void cap_bytes(struct emit_prog *p, const struct prog_params *pp,
		      int i)
{
	const struct prog_cap *c = &pp->cap[i];
	int fits = emit_new_label(p, "len_ok");
	int ok = emit_new_label(p, "bytes_ok");
	int done = emit_new_label(p, "bytes_done");

	emit_group(p, "n = min(args[len_arg], max) (unsigned: a negative length is huge)");
	emit(p, LDX_MEM(BPF_DW, R2, RREC, (short)(REC_OFF(args) + 8 * c->len_arg)));
	emit_jmp(p, JMP_IMM(BPF_JLE, R2, c->max), fits);
	emit(p, MOV64_IMM(R2, c->max));
	emit_label(p, fits);
	emit(p, STX_MEM(BPF_DW, R10, R2, FP_CAP_TMP));

	emit_group(p, "r0 = probe_read(rec + HDR + r8, n, args[arg])");
	cap_dst(p);
	emit(p, LDX_MEM(BPF_DW, R3, RREC, (short)(REC_OFF(args) + 8 * c->arg)));
	emit(p, CALL(pp->probe_read));

	emit_group(p, "a fault is flagged and keeps nothing; else cap_len[i] = n; r8 += n");
	emit_jmp(p, JMP_IMM(BPF_JEQ, R0, 0), ok);
	flag_fault(p, i);
	emit(p, MOV64_IMM(R0, 0));
	emit_jmp(p, JA(), done);
	emit_label(p, ok);
	emit(p, LDX_MEM(BPF_DW, R0, R10, FP_CAP_TMP));
	emit_label(p, done);
	emit(p, STX_MEM(BPF_H, RREC, R0, cap_len_off(i)));
	emit(p, ALU64_REG(BPF_ADD, RTMP, R0));
}

/* r3 = argv[k], read through probe_read into FP_CAP_TMP; a fault jumps
 * to fault, a NULL (the end) to end. */
static void strv_pointer(struct emit_prog *p, const struct prog_params *pp,
			 const struct prog_cap *c, unsigned k, int fault, int end)
{
	EMIT_SEQ(p, MOV64_REG(R1, R10),
		    ALU64_IMM(BPF_ADD, R1, FP_CAP_TMP),
		    MOV64_IMM(R2, 8));
	emit(p, LDX_MEM(BPF_DW, R3, RREC, (short)(REC_OFF(args) + 8 * c->arg)));
	emit(p, ALU64_IMM(BPF_ADD, R3, (__s32)(8 * k)));
	emit(p, CALL(pp->probe_read));
	emit_jmp(p, JMP_IMM(BPF_JNE, R0, 0), fault);
	emit(p, LDX_MEM(BPF_DW, R3, R10, FP_CAP_TMP));
	emit_jmp(p, JMP_IMM(BPF_JEQ, R3, 0), end);
}

/* A NULL-terminated vector: up to max strings, each at most str_cap bytes,
 * read one after another while one more whole string fits in the budget;
 * rec->argc counts them, CAPF_MORE says the vector went on. Unrolled: the
 * verifier of 5.10 has no bounded loops for this. */
static void cap_strv(struct emit_prog *p, const struct prog_params *pp,
		     int i, __u32 room_before)
{
	const struct prog_cap *c = &pp->cap[i];
	/* r8 may not pass this before a string is read: then the string
	 * ends within room_before + budget, inside the scratch value */
	__s32 limit = (__s32)(room_before + pp->strv_budget - pp->str_cap);
	int more = emit_new_label(p, "strv_more");
	int fault = emit_new_label(p, "strv_fault");
	int end = emit_new_label(p, "strv_end");
	unsigned k;

	emit_group(p, "remember where the vector starts: cap_len[i] = r8 - start");
	emit(p, STX_MEM(BPF_DW, R10, RTMP, FP_CAP_BASE));

	for (k = 0; k < c->max; k++) {
		int ok = emit_new_label(p, "arg_ok");

		emit_group(p, k == 0 ? "r3 = argv[0]; NULL ends the vector"
				     : "r3 = argv[k]; NULL ends the vector");
		strv_pointer(p, pp, c, k, fault, end);

		emit_group(p, "no room for one more whole string in the budget: the vector is cut");
		EMIT_SEQ(p, MOV64_REG(R1, RTMP),
			    LDX_MEM(BPF_DW, R2, R10, FP_CAP_BASE),
			    ALU64_REG(BPF_SUB, R1, R2));
		emit_jmp(p, JMP_IMM(BPF_JGT, R1,
				    (__s32)(pp->strv_budget - pp->str_cap)),
			 more);
		/* the same bound on r8 itself, for the verifier */
		emit_jmp(p, JMP_IMM(BPF_JGT, RTMP, limit), more);

		emit_group(p, "r0 = probe_read_str(rec + HDR + r8, str_cap, argv[k])");
		cap_dst(p);
		emit(p, MOV64_IMM(R2, (__s32)pp->str_cap));
		emit(p, CALL(pp->probe_read_str));
		/* an empty argument ("") reads as 0 before 6.18 and ends the
		 * vector as a fault: rare, and another branch per string
		 * would double the verifier's work for all 32 */
		emit_jmp(p, JMP_IMM(BPF_JSLE, R0, 0), fault);

		emit_group(p, "bound r0 by str_cap; r8 += r0; rec->argc = k + 1");
		emit_jmp(p, JMP_IMM(BPF_JSLE, R0, (__s32)pp->str_cap), ok);
		emit(p, MOV64_IMM(R0, (__s32)pp->str_cap));
		emit_label(p, ok);
		emit(p, ALU64_REG(BPF_ADD, RTMP, R0));
		emit(p, ST_MEM(BPF_B, RREC, REC_OFF(argc), (__s32)(k + 1)));
	}
	emit_group(p, "all max strings read: is there one more?");
	strv_pointer(p, pp, c, c->max, fault, end);

	emit_group(p, "rec->cap_flags |= MORE");
	emit_label(p, more);
	emit(p, ST_MEM(BPF_B, RREC, REC_OFF(cap_flags), CAPF_MORE));
	emit_jmp(p, JA(), end);

	emit_group(p, "an unreadable pointer or string: flagged, the vector ends");
	emit_label(p, fault);
	flag_fault(p, i);

	emit_group(p, "cap_len[i] = r8 - start");
	emit_label(p, end);
	EMIT_SEQ(p, MOV64_REG(R1, RTMP),
		    LDX_MEM(BPF_DW, R2, R10, FP_CAP_BASE),
		    ALU64_REG(BPF_SUB, R1, R2));
	emit(p, STX_MEM(BPF_H, RREC, R1, cap_len_off(i)));
}

int prog_record_has_captures(const struct prog_params *pp)
{
	int i;

	for (i = 0; i < REC_NCAP; i++)
		if (pp->cap[i].kind != CAP_NONE)
			return 1;
	return 0;
}

void prog_record_captures(struct emit_prog *p, const struct prog_params *pp)
{
	__u32 room = 0;
	int i;

	emit_group(p, "r8 = 0: bytes captured behind the header");
	emit(p, MOV64_IMM(RTMP, 0));
	for (i = 0; i < REC_NCAP; i++) {
		switch (pp->cap[i].kind) {
		case CAP_STR: cap_string(p, pp, i); break;
		case CAP_BYTES: cap_bytes(p, pp, i); break;
		case CAP_STRV: cap_strv(p, pp, i, room); break;
		}
		room += prog_cap_room(pp, i);
	}
}

void prog_record_output(struct emit_prog *p, const struct prog_params *pp)
{
	int ok = emit_new_label(p, "output_ok");

	emit_group(p, "perf_event_output(ctx, events, BPF_F_CURRENT_CPU, rec, HDR + r8)");
	emit(p, MOV64_REG(R1, RCTX));
	emit_ld_map_fd(p, R2, pp->events_fd);
	EMIT_SEQ(p, MOV32_IMM(R3, -1), /* BPF_F_CURRENT_CPU, upper half clear */
		    MOV64_REG(R4, RREC),
		    MOV64_REG(R5, RTMP),
		    ALU64_IMM(BPF_ADD, R5, REC_HDR_SIZE),
		    CALL(BPF_FUNC_perf_event_output));
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
		      : counter == CNT_SLOT_FULL
			      ? "counters[cpu][SLOT_FULL] += 1: in-flight map full"
		      : counter == CNT_SCOPE_FULL
			      ? "counters[cpu][SCOPE_FULL] += 1: a child left out of the scope"
			      : "counters[cpu][STATS_FULL] += 1: a call left uncounted");
	emit(p, CALL(BPF_FUNC_get_smp_processor_id));
	emit_jmp(p, JMP_IMM(BPF_JGE, R0, (__s32)pp->max_cpus), skip);
	emit(p, ALU64_IMM(BPF_MUL, R0, CNT_NR));
	emit(p, ALU64_IMM(BPF_ADD, R0, counter));
	emit(p, STX_MEM(BPF_W, R10, R0, FP_COUNTER_KEY));
	prog_record_map_call(p, BPF_FUNC_map_lookup_elem, pp->counters_fd,
			     FP_COUNTER_KEY);
	emit_jmp(p, JMP_IMM(BPF_JEQ, R0, 0), skip);
	emit(p, MOV64_IMM(R1, 1));
	emit(p, ATOMIC_ADD(BPF_DW, R0, R1, 0));
	emit_label(p, skip);
}

/* r1 = the record's capture 0 word at byte off, masked to n (< 8) bytes */
static void load_word(struct emit_prog *p, unsigned off, unsigned n)
{
	emit(p, LDX_MEM(BPF_DW, R1, RREC, (short)(REC_HDR_SIZE + off)));
	if (n < 8) {
		/* little-endian: the first n bytes are the low ones */
		emit(p, ALU64_IMM(BPF_LSH, R1, (__s32)(64 - 8 * n)));
		emit(p, ALU64_IMM(BPF_RSH, R1, (__s32)(64 - 8 * n)));
	}
}

void prog_record_kill(struct emit_prog *p, const struct prog_params *pp)
{
	int kill = emit_new_label(p, "kill");
	int done = emit_new_label(p, "kill_done");
	unsigned i, off;

	if (!pp->send_signal || (!pp->kill_always && !pp->nkill))
		return;
	if (!pp->kill_always) {
		for (i = 0; i < pp->nkill; i++) {
			const struct prog_kill_path *k = &pp->kill[i];
			int next = emit_new_label(p, "kill_next");

			emit_group(p, k->exact ? "a --kill-on path: cap_len[0] == len + 1 (its NUL)"
					       : "a --kill-on prefix: cap_len[0] > len");
			emit(p, LDX_MEM(BPF_H, R1, RREC, REC_OFF(cap_len)));
			emit_jmp(p, JMP_IMM(k->exact ? BPF_JNE : BPF_JLE, R1,
					    k->len + (k->exact ? 1 : 0)),
				 next);
			emit_group(p, "... and its bytes, 8 at a time");
			for (off = 0; off < k->len; off += 8) {
				unsigned n = k->len - off < 8 ? k->len - off : 8, b;
				__u64 w = 0;

				for (b = 0; b < n; b++)
					w |= (__u64)(unsigned char)k->lit[off + b]
					     << (8 * b);
				load_word(p, off, n);
				emit_ld_imm64(p, R2, w);
				emit_jmp(p, JMP_REG(BPF_JNE, R1, R2), next);
			}
			emit_jmp(p, JA(), kill);
			emit_label(p, next);
		}
		emit_jmp(p, JA(), done);
	}
	emit_group(p, "never the tracer's parent nor init: user space logs them spared");
	emit_label(p, kill);
	emit(p, MOV64_REG(R1, RPID));
	emit(p, ALU64_IMM(BPF_RSH, R1, 32));
	emit_jmp(p, JMP_IMM(BPF_JEQ, R1, (__s32)pp->parent_tgid), done);
	emit_jmp(p, JMP_IMM(BPF_JEQ, R1, 1), done);
	emit_group(p, "bpf_send_signal(SIGKILL): it dies on its return; flag the record");
	emit(p, MOV64_IMM(R1, 9));
	emit(p, CALL(pp->send_signal));
	emit_jmp(p, JMP_IMM(BPF_JNE, R0, 0), done);
	EMIT_SEQ(p, LDX_MEM(BPF_B, R1, RREC, REC_OFF(flags)),
		    ALU64_IMM(BPF_OR, R1, RECF_KILLED),
		    STX_MEM(BPF_B, RREC, R1, REC_OFF(flags)));
	emit_label(p, done);
}
