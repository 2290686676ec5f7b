/* Unit tests for progs/dump.c: every instruction shape our programs use is
 * printed exactly as the kernel's verifier log prints it (the format strings
 * of print_bpf_insn() in kernel/bpf/disasm.c), group comments come out as
 * "; text" lines, a 64-bit load takes two indexes, and a short buffer is
 * handled like snprintf. Linked against dump.c and emit.c alone.
 *
 * The one line that cannot match the log is the map load: the verifier has
 * already replaced the fd by the map's address when it prints, so it shows
 * "(18) r1 = 0xffff...", where we show bpftool's "map[...]" with the fd.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dump.h"
#include "emit.h"
#include "expect.h"

static struct emit_prog prog;

/* One instruction alone, as its dump line without the header. */
static const char *one(struct bpf_insn in)
{
	static char buf[512];
	char *line;

	emit_init(&prog, "one");
	emit(&prog, in);
	dump_prog(&prog, buf, sizeof(buf));
	line = strchr(buf, '\n');
	if (!line)
		return "(no header)";
	line++;
	line[strcspn(line, "\n")] = '\0';
	return line;
}

static void each_shape_prints_as_the_verifier_log_does(void)
{
	static const struct {
		struct bpf_insn insn;
		const char *line;
	} cases[] = {
		/* ALU64 and ALU, register and immediate */
		{ MOV64_REG(R6, R1), "0: (bf) r6 = r1" },
		{ MOV64_IMM(R1, 0), "0: (b7) r1 = 0" },
		{ MOV64_IMM(R0, 258), "0: (b7) r0 = 258" },
		{ MOV64_IMM(R2, -1), "0: (b7) r2 = -1" },
		{ MOV32_IMM(R3, -1), "0: (b4) w3 = -1" },
		{ MOV32_REG(R1, R2), "0: (bc) w1 = w2" },
		{ ALU64_IMM(BPF_ADD, R1, -8), "0: (07) r1 += -8" },
		{ ALU64_IMM(BPF_ADD, R1, 112), "0: (07) r1 += 112" },
		{ ALU64_IMM(BPF_SUB, R1, 8), "0: (17) r1 -= 8" },
		{ ALU64_IMM(BPF_MUL, R0, 2), "0: (27) r0 *= 2" },
		{ ALU64_IMM(BPF_OR, R1, 4), "0: (47) r1 |= 4" },
		{ ALU64_IMM(BPF_AND, R1, 255), "0: (57) r1 &= 255" },
		{ ALU64_IMM(BPF_LSH, R1, 32), "0: (67) r1 <<= 32" },
		{ ALU64_IMM(BPF_RSH, R0, 32), "0: (77) r0 >>= 32" },
		{ ALU64_IMM(BPF_ARSH, R1, 32), "0: (c7) r1 s>>= 32" },
		{ ALU64_IMM(BPF_XOR, R1, 1), "0: (a7) r1 ^= 1" },
		{ ALU64_REG(BPF_ADD, R1, R8), "0: (0f) r1 += r8" },
		{ ALU64_REG(BPF_SUB, R1, R2), "0: (1f) r1 -= r2" },
		/* loads */
		{ LDX_MEM(BPF_DW, R1, R6, 16), "0: (79) r1 = *(u64 *)(r6 +16)" },
		{ LDX_MEM(BPF_W, R1, R6, 8), "0: (61) r1 = *(u32 *)(r6 +8)" },
		{ LDX_MEM(BPF_H, R1, R6, 2), "0: (69) r1 = *(u16 *)(r6 +2)" },
		{ LDX_MEM(BPF_B, R1, R9, 87), "0: (71) r1 = *(u8 *)(r9 +87)" },
		{ LDX_MEM(BPF_DW, R1, R10, -24), "0: (79) r1 = *(u64 *)(r10 -24)" },
		{ LDX_MEM(BPF_DW, R1, R8, 0), "0: (79) r1 = *(u64 *)(r8 +0)" },
		/* stores from a register */
		{ STX_MEM(BPF_DW, R10, R1, -8), "0: (7b) *(u64 *)(r10 -8) = r1" },
		{ STX_MEM(BPF_W, R10, R7, -4), "0: (63) *(u32 *)(r10 -4) = r7" },
		{ STX_MEM(BPF_H, R9, R0, 104), "0: (6b) *(u16 *)(r9 +104) = r0" },
		{ STX_MEM(BPF_B, R9, R1, 87), "0: (73) *(u8 *)(r9 +87) = r1" },
		/* stores of an immediate */
		{ ST_MEM(BPF_W, R10, -4, 0), "0: (62) *(u32 *)(r10 -4) = 0" },
		{ ST_MEM(BPF_DW, R10, -48, 0), "0: (7a) *(u64 *)(r10 -48) = 0" },
		{ ST_MEM(BPF_H, R9, 84, 7), "0: (6a) *(u16 *)(r9 +84) = 7" },
		{ ST_MEM(BPF_B, R9, 86, 2), "0: (72) *(u8 *)(r9 +86) = 2" },
		{ ST_MEM(BPF_W, R9, 0, -1), "0: (62) *(u32 *)(r9 +0) = -1" },
		/* atomics */
		{ ATOMIC_ADD(BPF_DW, R0, R1, 0), "0: (db) lock *(u64 *)(r0 +0) += r1" },
		{ ATOMIC_ADD(BPF_W, R0, R1, 4), "0: (c3) lock *(u32 *)(r0 +4) += r1" },
		/* calls: the kernel's helper names, then the id */
		{ CALL(BPF_FUNC_map_lookup_elem), "0: (85) call bpf_map_lookup_elem#1" },
		{ CALL(BPF_FUNC_map_update_elem), "0: (85) call bpf_map_update_elem#2" },
		{ CALL(BPF_FUNC_map_delete_elem), "0: (85) call bpf_map_delete_elem#3" },
		{ CALL(BPF_FUNC_ktime_get_ns), "0: (85) call bpf_ktime_get_ns#5" },
		{ CALL(BPF_FUNC_get_smp_processor_id), "0: (85) call bpf_get_smp_processor_id#8" },
		{ CALL(BPF_FUNC_get_current_pid_tgid), "0: (85) call bpf_get_current_pid_tgid#14" },
		{ CALL(BPF_FUNC_get_current_comm), "0: (85) call bpf_get_current_comm#16" },
		{ CALL(BPF_FUNC_perf_event_output), "0: (85) call bpf_perf_event_output#25" },
		{ CALL(BPF_FUNC_probe_read), "0: (85) call bpf_probe_read#4" },
		{ CALL(BPF_FUNC_probe_read_user),
		  "0: (85) call bpf_probe_read_user#112" },
		{ CALL(BPF_FUNC_probe_read_str), "0: (85) call bpf_probe_read_str#45" },
		{ CALL(BPF_FUNC_probe_read_user_str), "0: (85) call bpf_probe_read_user_str#114" },
		{ CALL(BPF_FUNC_send_signal), "0: (85) call bpf_send_signal#109" },
		/* disasm.c's fallback name for an id it does not know */
		{ CALL(100000), "0: (85) call unknown#100000" },
		/* exit */
		{ EXIT(), "0: (95) exit" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		EXPECT_STR(one(cases[i].insn), cases[i].line);
}

/* Jumps print their resolved offset, so they are checked in a program. */
static void jumps_print_their_resolved_offsets(void)
{
	static char buf[4096];
	struct emit_prog *p = &prog;
	int fwd, back;

	emit_init(p, "jumps");
	fwd = emit_new_label(p, "fwd");
	back = emit_new_label(p, "back");
	emit_label(p, back);
	emit_jmp(p, JMP_IMM(BPF_JEQ, R0, 0), fwd);           /* 0 */
	emit_jmp(p, JMP_IMM(BPF_JNE, R1, 0x2a), fwd);        /* 1 */
	emit_jmp(p, JMP_IMM(BPF_JGE, R0, 2), fwd);           /* 2 */
	emit_jmp(p, JMP_IMM(BPF_JSGT, R0, 0), fwd);          /* 3 */
	emit_jmp(p, JMP_IMM(BPF_JSLE, R0, 258), fwd);        /* 4 */
	emit_jmp(p, JMP_IMM(BPF_JSET, R1, 1), fwd);          /* 5 */
	emit_jmp(p, JMP_IMM(BPF_JGT, R1, -1), fwd);          /* 6: imm as u32 hex */
	emit_jmp(p, JMP_IMM(BPF_JLT, R1, 4242), fwd);        /* 7 */
	emit_jmp(p, JMP_REG(BPF_JEQ, R1, R2), fwd);          /* 8 */
	emit_jmp(p, JMP_REG(BPF_JSGT, R3, R4), back);        /* 9 */
	emit_jmp(p, JA(), fwd);                              /* 10 */
	emit(p, MOV64_IMM(R0, 0));                           /* 11 */
	emit_label(p, fwd);
	emit(p, EXIT());                                     /* 12 */
	EXPECT_INT(emit_finish(p), 0);
	dump_prog(p, buf, sizeof(buf));
	EXPECT_STR(buf,
		   "; program jumps, 13 instructions\n"
		   "0: (15) if r0 == 0x0 goto pc+11\n"
		   "1: (55) if r1 != 0x2a goto pc+10\n"
		   "2: (35) if r0 >= 0x2 goto pc+9\n"
		   "3: (65) if r0 s> 0x0 goto pc+8\n"
		   "4: (d5) if r0 s<= 0x102 goto pc+7\n"
		   "5: (45) if r1 & 0x1 goto pc+6\n"
		   "6: (25) if r1 > 0xffffffff goto pc+5\n"
		   "7: (a5) if r1 < 0x1092 goto pc+4\n"
		   "8: (1d) if r1 == r2 goto pc+3\n"
		   "9: (6d) if r3 s> r4 goto pc-10\n"
		   "10: (05) goto pc+1\n"
		   "11: (b7) r0 = 0\n"
		   "12: (95) exit\n");
}

static void a_map_load_takes_two_indexes_and_shows_its_fd(void)
{
	static char buf[4096];
	struct emit_prog *p = &prog;

	emit_init(p, "maps");
	emit(p, MOV64_REG(R6, R1));
	emit_ld_map_fd(p, R1, 5);
	emit(p, MOV64_REG(R2, R10));
	emit_ld_map_fd(p, R2, 3);
	emit_ld_imm64(p, R3, 0x1122334455667788ull);
	emit_ld_imm64(p, R4, 0);
	emit(p, EXIT());
	EXPECT_INT(emit_finish(p), 0);
	dump_prog(p, buf, sizeof(buf));
	EXPECT_STR(buf,
		   "; program maps, 11 instructions\n"
		   "0: (bf) r6 = r1\n"
		   "1: (18) r1 = map[fd:5]\n"
		   "3: (bf) r2 = r10\n"
		   "4: (18) r2 = map[fd:3]\n"
		   "6: (18) r3 = 0x1122334455667788\n"
		   "8: (18) r4 = 0x0\n"
		   "10: (95) exit\n");
}

static void group_comments_are_lines_before_their_instruction(void)
{
	static char buf[4096];
	struct emit_prog *p = &prog;
	int out;

	emit_init(p, "story");
	out = emit_new_label(p, "out");
	emit_group(p, "r6 = ctx; r7 = bpf_get_current_pid_tgid()");
	emit(p, MOV64_REG(R6, R1));
	emit(p, CALL(BPF_FUNC_get_current_pid_tgid));
	emit(p, MOV64_REG(R7, R0));
	emit_group(p, "drop events of our own process");
	emit(p, ALU64_IMM(BPF_RSH, R0, 32));
	emit_jmp(p, JMP_IMM(BPF_JEQ, R0, 4242), out);
	emit_group(p, "a map");
	emit_ld_map_fd(p, R1, 4);
	emit_group(p, "return 0");
	emit_label(p, out);
	emit(p, MOV64_IMM(R0, 0));
	emit(p, EXIT());
	EXPECT_INT(emit_finish(p), 0);
	dump_prog(p, buf, sizeof(buf));
	EXPECT_STR(buf,
		   "; program story, 9 instructions\n"
		   "; r6 = ctx; r7 = bpf_get_current_pid_tgid()\n"
		   "0: (bf) r6 = r1\n"
		   "1: (85) call bpf_get_current_pid_tgid#14\n"
		   "2: (bf) r7 = r0\n"
		   "; drop events of our own process\n"
		   "3: (77) r0 >>= 32\n"
		   "4: (15) if r0 == 0x1092 goto pc+2\n"
		   "; a map\n"
		   "5: (18) r1 = map[fd:4]\n"
		   "; return 0\n"
		   "7: (b7) r0 = 0\n"
		   "8: (95) exit\n");
}

static void a_short_buffer_is_handled_like_snprintf(void)
{
	static char full[4096], buf[4096 + 16];
	struct emit_prog *p = &prog;
	size_t len, cap, bad = 0;

	emit_init(p, "short");
	emit_group(p, "group");
	emit(p, MOV64_REG(R6, R1));
	emit_ld_map_fd(p, R1, 6);
	emit(p, EXIT());
	EXPECT_INT(emit_finish(p), 0);
	len = dump_prog(p, full, sizeof(full));
	EXPECT_INT(len, strlen(full));
	EXPECT_INT(dump_prog(p, NULL, 0), len);
	for (cap = 0; cap <= len + 2; cap++) {
		size_t want = cap ? (cap - 1 < len ? cap - 1 : len) : 0;

		memset(buf, '#', sizeof(buf));
		if (dump_prog(p, buf, cap) != len)
			bad++;
		else if (cap && (strlen(buf) != want ||
				 memcmp(buf, full, want) != 0))
			bad++;
		else if (buf[cap] != '#')
			bad++; /* wrote past cap (cap 0: wrote at all) */
	}
	if (bad)
		fprintf(stderr, "short buffers: %zu of %zu sizes wrong\n", bad,
			len + 3);
	EXPECT_INT(bad, 0);
}

static void an_empty_program_has_only_its_header(void)
{
	static char buf[256];

	emit_init(&prog, "none");
	EXPECT_INT(dump_prog(&prog, buf, sizeof(buf)), strlen(buf));
	EXPECT_STR(buf, "; program none, 0 instructions\n");
}

int main(void)
{
	each_shape_prints_as_the_verifier_log_does();
	jumps_print_their_resolved_offsets();
	a_map_load_takes_two_indexes_and_shows_its_fd();
	group_comments_are_lines_before_their_instruction();
	a_short_buffer_is_handled_like_snprintf();
	an_empty_program_has_only_its_header();
	return expect_summary("test_dump");
}
