/* Unit tests for progs/emit.c: labels resolve to exact offsets in both
 * directions, every misuse is an emitter error with a readable reason, the
 * first error sticks, the two-slot 64-bit loads are laid out as the kernel
 * expects, and a run of constants (EMIT_SEQ) lands as single emits would.
 * Linked against emit.c alone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "expect.h"

/* a limit as the error message spells it */
#define STR_(x) #x
#define STR(x) STR_(x)
#define TOO_LONG "long: more than " STR(EMIT_MAX_INSNS) " instructions"

static struct emit_prog *prog(const char *name)
{
	static struct emit_prog p; /* big: keep it off the stack */

	emit_init(&p, name);
	return &p;
}

static void a_forward_jump_counts_from_the_instruction_after_it(void)
{
	struct emit_prog *p = prog("fwd");
	int out = emit_new_label(p, "out");

	emit_jmp(p, JMP_IMM(BPF_JEQ, R0, 0), out); /* 0 */
	emit(p, MOV64_IMM(R0, 1));                 /* 1 */
	emit(p, MOV64_IMM(R0, 2));                 /* 2 */
	emit_label(p, out);
	emit(p, EXIT());                           /* 3 */
	EXPECT_INT(emit_finish(p), 0);
	EXPECT_STR(p->err, "");
	EXPECT_INT(p->n, 4);
	EXPECT_INT(p->insn[0].off, 2);
	EXPECT_INT(p->insn[0].code, BPF_JMP | BPF_JEQ | BPF_K);
	EXPECT_INT(p->label_at[out], 3);
}

static void a_jump_to_the_next_instruction_has_offset_zero(void)
{
	struct emit_prog *p = prog("next");
	int l = emit_new_label(p, "next");

	emit_jmp(p, JA(), l);
	emit_label(p, l);
	emit(p, EXIT());
	EXPECT_INT(emit_finish(p), 0);
	EXPECT_INT(p->insn[0].off, 0);
}

static void a_backward_jump_gets_a_negative_offset(void)
{
	struct emit_prog *p = prog("back");
	int top = emit_new_label(p, "top");
	int self = emit_new_label(p, "self");

	emit_label(p, top);
	emit(p, MOV64_IMM(R0, 0));                  /* 0 */
	emit(p, ALU64_IMM(BPF_ADD, R0, 1));         /* 1 */
	emit_jmp(p, JMP_IMM(BPF_JLT, R0, 4), top);  /* 2: 0 - 3 = -3 */
	emit_label(p, self);
	emit_jmp(p, JMP_REG(BPF_JEQ, R0, R1), self); /* 3: to itself, -1 */
	emit_jmp(p, JA(), top);                      /* 4: -5 */
	EXPECT_INT(emit_finish(p), 0);
	EXPECT_STR(p->err, "");
	EXPECT_INT(p->insn[2].off, -3);
	EXPECT_INT(p->insn[3].off, -1);
	EXPECT_INT(p->insn[4].off, -5);
	EXPECT_INT(p->insn[3].src_reg, R1);
}

static void several_jumps_to_one_label_each_get_their_own_offset(void)
{
	struct emit_prog *p = prog("many");
	int out = emit_new_label(p, "out");
	int i;

	for (i = 0; i < 5; i++)
		emit_jmp(p, JMP_IMM(BPF_JEQ, R0, i), out);
	emit_label(p, out);
	emit(p, EXIT());
	EXPECT_INT(emit_finish(p), 0);
	for (i = 0; i < 5; i++)
		EXPECT_INT(p->insn[i].off, 4 - i);
}

static void a_label_never_bound_is_an_error_that_names_it(void)
{
	struct emit_prog *p = prog("unbound");
	int l = emit_new_label(p, "nowhere");

	emit_jmp(p, JA(), l);
	emit(p, EXIT());
	EXPECT_INT(emit_finish(p), -1);
	EXPECT_STR(p->err, "unbound: label nowhere is never bound");
}

static void a_label_bound_twice_is_an_error(void)
{
	struct emit_prog *p = prog("twice");
	int l = emit_new_label(p, "again");

	emit_label(p, l);
	emit(p, MOV64_IMM(R0, 0));
	emit_label(p, l);
	emit(p, EXIT());
	EXPECT_INT(emit_finish(p), -1);
	EXPECT_STR(p->err, "twice: label again bound twice");
}

static void a_jump_to_a_label_at_the_end_is_an_error(void)
{
	struct emit_prog *p = prog("end");
	int l = emit_new_label(p, "end");

	emit_jmp(p, JA(), l);
	emit(p, EXIT());
	emit_label(p, l);
	EXPECT_INT(emit_finish(p), -1);
	EXPECT_STR(p->err, "end: label end has no instruction after it");
}

static void a_label_nobody_jumps_to_may_sit_at_the_end(void)
{
	/* Only jump targets must have an instruction after them. */
	struct emit_prog *p = prog("unused");
	int l = emit_new_label(p, "unused");

	emit(p, EXIT());
	emit_label(p, l);
	EXPECT_INT(emit_finish(p), 0);
}

static void binding_or_jumping_to_a_label_that_was_never_made_fails(void)
{
	struct emit_prog *p = prog("nolabel");

	emit_label(p, 7);
	EXPECT_STR(p->err, "nolabel: no label 7");
	EXPECT_INT(emit_finish(p), -1);

	p = prog("nolabel");
	emit_label(p, -1);
	EXPECT_STR(p->err, "nolabel: no label -1");

	p = prog("badjump");
	emit_jmp(p, JA(), 9);
	emit(p, EXIT());
	EXPECT_INT(emit_finish(p), -1);
	EXPECT_STR(p->err, "badjump: jump at 0 to no label 9");
}

static void emit_jmp_refuses_a_call_an_exit_and_an_alu_instruction(void)
{
	static const struct {
		struct bpf_insn insn;
		const char *err;
	} cases[] = {
		{ CALL(BPF_FUNC_ktime_get_ns), "nonjump: emit_jmp given a non-jump (code 0x85)" },
		{ EXIT(), "nonjump: emit_jmp given a non-jump (code 0x95)" },
		{ MOV64_IMM(R0, 0), "nonjump: emit_jmp given a non-jump (code 0xb7)" },
		{ LDX_MEM(BPF_DW, R0, R1, 0), "nonjump: emit_jmp given a non-jump (code 0x79)" },
		/* a 32-bit jump is not what the macros make: refused too */
		{ INSN(BPF_JMP32 | BPF_JEQ | BPF_K, R0, 0, 0, 0),
		  "nonjump: emit_jmp given a non-jump (code 0x16)" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct emit_prog *p = prog("nonjump");
		int l = emit_new_label(p, "l");

		emit_jmp(p, cases[i].insn, l);
		EXPECT_INT(p->n, 0); /* nothing emitted */
		emit_label(p, l);
		emit(p, EXIT());
		EXPECT_INT(emit_finish(p), -1);
		EXPECT_STR(p->err, cases[i].err);
	}
}

static void the_map_fd_load_takes_two_slots_with_the_fd_in_the_first(void)
{
	struct emit_prog *p = prog("mapfd");

	emit(p, MOV64_IMM(R0, 0));
	emit_ld_map_fd(p, R2, 5);
	emit(p, EXIT());
	EXPECT_INT(emit_finish(p), 0);
	EXPECT_INT(p->n, 4);
	EXPECT_INT(p->insn[1].code, BPF_LD | BPF_DW | BPF_IMM);
	EXPECT_INT(p->insn[1].code, 0x18);
	EXPECT_INT(p->insn[1].dst_reg, R2);
	EXPECT_INT(p->insn[1].src_reg, BPF_PSEUDO_MAP_FD);
	EXPECT_INT(p->insn[1].off, 0);
	EXPECT_INT(p->insn[1].imm, 5);
	/* the second slot: all zero (the kernel fills in the pointer's top) */
	EXPECT_INT(p->insn[2].code, 0);
	EXPECT_INT(p->insn[2].dst_reg, 0);
	EXPECT_INT(p->insn[2].src_reg, 0);
	EXPECT_INT(p->insn[2].off, 0);
	EXPECT_INT(p->insn[2].imm, 0);
	/* the dump learns the fd from the first slot only */
	EXPECT_INT(p->map_fd_at[0], -1);
	EXPECT_INT(p->map_fd_at[1], 5);
	EXPECT_INT(p->map_fd_at[2], -1);
	EXPECT_INT(p->map_fd_at[3], -1);
}

static void a_64_bit_constant_is_split_low_half_first(void)
{
	struct emit_prog *p = prog("imm64");

	emit_ld_imm64(p, R3, 0x1122334455667788ull);
	emit_ld_imm64(p, R4, 0xffffffff80000000ull);
	emit_ld_imm64(p, R5, 0x00000000ffffffffull);
	emit(p, EXIT());
	EXPECT_INT(emit_finish(p), 0);
	EXPECT_INT(p->n, 7);
	EXPECT_INT(p->insn[0].code, 0x18);
	EXPECT_INT(p->insn[0].dst_reg, R3);
	EXPECT_INT(p->insn[0].src_reg, 0); /* a plain constant, not a map */
	EXPECT_INT((__u32)p->insn[0].imm, 0x55667788u);
	EXPECT_INT(p->insn[1].code, 0);
	EXPECT_INT((__u32)p->insn[1].imm, 0x11223344u);
	EXPECT_INT((__u32)p->insn[2].imm, 0x80000000u);
	EXPECT_INT((__u32)p->insn[3].imm, 0xffffffffu);
	EXPECT_INT((__u32)p->insn[4].imm, 0xffffffffu);
	EXPECT_INT((__u32)p->insn[5].imm, 0u);
	EXPECT_INT(p->map_fd_at[0], -1);
}

static void a_jump_over_a_two_slot_load_counts_both_slots(void)
{
	struct emit_prog *p = prog("over");
	int l = emit_new_label(p, "after");

	emit_jmp(p, JA(), l);     /* 0 */
	emit_ld_map_fd(p, R1, 4); /* 1, 2 */
	emit_label(p, l);
	emit(p, EXIT());          /* 3 */
	EXPECT_INT(emit_finish(p), 0);
	EXPECT_INT(p->insn[0].off, 2);
}

static void a_group_comment_is_attached_to_the_next_instruction(void)
{
	struct emit_prog *p = prog("groups");

	emit(p, MOV64_REG(R6, R1));
	emit_group(p, "first group");
	emit(p, MOV64_IMM(R0, 0));
	emit(p, MOV64_IMM(R1, 0));
	emit_group(p, "map load");
	emit_ld_map_fd(p, R1, 3);
	emit_group(p, "return 0");
	emit(p, EXIT());
	EXPECT_INT(emit_finish(p), 0);
	EXPECT_TRUE(p->group[0] == NULL);
	EXPECT_STR(p->group[1], "first group");
	EXPECT_TRUE(p->group[2] == NULL);
	EXPECT_STR(p->group[3], "map load");
	EXPECT_TRUE(p->group[4] == NULL); /* not on the second slot */
	EXPECT_STR(p->group[5], "return 0");
}

static void a_run_of_constants_is_emitted_in_order_as_single_calls_would(void)
{
	struct emit_prog *p = prog("run");

	emit_group(p, "three at once");
	EMIT_SEQ(p, MOV64_IMM(R0, 1),
		    MOV64_REG(R1, R10),
		    EXIT());
	EXPECT_INT(emit_finish(p), 0);
	EXPECT_INT(p->n, 3);
	EXPECT_INT(p->insn[0].code, BPF_ALU64 | BPF_MOV | BPF_K);
	EXPECT_INT(p->insn[0].imm, 1);
	EXPECT_INT(p->insn[1].code, BPF_ALU64 | BPF_MOV | BPF_X);
	EXPECT_INT(p->insn[1].dst_reg, R1);
	EXPECT_INT(p->insn[1].src_reg, R10);
	EXPECT_INT(p->insn[2].code, BPF_JMP | BPF_EXIT);
	/* the group's comment on the first only, no map fd on any */
	EXPECT_STR(p->group[0], "three at once");
	EXPECT_TRUE(p->group[1] == NULL);
	EXPECT_TRUE(p->group[2] == NULL);
	EXPECT_INT(p->map_fd_at[0], -1);
	EXPECT_INT(p->map_fd_at[1], -1);
	EXPECT_INT(p->map_fd_at[2], -1);
}

static void a_group_with_no_instruction_after_it_is_an_error(void)
{
	struct emit_prog *p = prog("emptygroup");

	emit(p, EXIT());
	emit_group(p, "nothing follows");
	EXPECT_INT(emit_finish(p), -1);
	EXPECT_STR(p->err, "emptygroup: group \"nothing follows\" has no instructions");
}

static void the_last_instruction_must_be_an_exit_or_a_jump(void)
{
	struct emit_prog *p = prog("tail");
	int l = emit_new_label(p, "top");

	emit(p, MOV64_IMM(R0, 0));
	EXPECT_INT(emit_finish(p), -1);
	EXPECT_STR(p->err, "tail: last instruction is neither exit nor jump");

	/* a conditional jump may fall through past the end: refused */
	p = prog("tail");
	l = emit_new_label(p, "top");
	emit_label(p, l);
	emit(p, MOV64_IMM(R0, 0));
	emit_jmp(p, JMP_IMM(BPF_JEQ, R0, 0), l);
	EXPECT_INT(emit_finish(p), -1);
	EXPECT_STR(p->err, "tail: last instruction is neither exit nor jump");

	/* the second slot of a 64-bit load is not an exit either */
	p = prog("tail");
	emit_ld_imm64(p, R0, 0);
	EXPECT_INT(emit_finish(p), -1);
	EXPECT_STR(p->err, "tail: last instruction is neither exit nor jump");

	/* ending in an unconditional jump is fine */
	p = prog("tail");
	l = emit_new_label(p, "top");
	emit_label(p, l);
	emit(p, MOV64_IMM(R0, 0));
	emit_jmp(p, JA(), l);
	EXPECT_INT(emit_finish(p), 0);

	p = prog("empty");
	EXPECT_INT(emit_finish(p), -1);
	EXPECT_STR(p->err, "empty: empty program");
}

static void too_many_instructions_is_an_error_and_nothing_overflows(void)
{
	struct emit_prog *p = prog("long");
	int i;

	for (i = 0; i < EMIT_MAX_INSNS; i++)
		emit(p, MOV64_IMM(R0, i));
	EXPECT_STR(p->err, "");
	EXPECT_INT(p->n, EMIT_MAX_INSNS);
	emit(p, EXIT());
	EXPECT_INT(p->n, EMIT_MAX_INSNS);
	EXPECT_STR(p->err, TOO_LONG);
	EXPECT_INT(emit_finish(p), -1);

	/* a map load whose second slot does not fit */
	p = prog("long");
	for (i = 0; i < EMIT_MAX_INSNS - 1; i++)
		emit(p, MOV64_IMM(R0, i));
	emit_ld_map_fd(p, R1, 3);
	EXPECT_INT(p->n, EMIT_MAX_INSNS);
	EXPECT_STR(p->err, TOO_LONG);

	/* and one that does not start */
	p = prog("long");
	for (i = 0; i < EMIT_MAX_INSNS; i++)
		emit(p, MOV64_IMM(R0, i));
	emit_ld_map_fd(p, R1, 3);
	EXPECT_INT(p->n, EMIT_MAX_INSNS);
	EXPECT_STR(p->err, TOO_LONG);

	/* a run that crosses the limit keeps what fits */
	p = prog("long");
	for (i = 0; i < EMIT_MAX_INSNS - 1; i++)
		emit(p, MOV64_IMM(R0, i));
	EMIT_SEQ(p, MOV64_IMM(R0, 0),
		    EXIT());
	EXPECT_INT(p->n, EMIT_MAX_INSNS);
	EXPECT_INT(p->insn[EMIT_MAX_INSNS - 1].code,
		   BPF_ALU64 | BPF_MOV | BPF_K);
	EXPECT_STR(p->err, TOO_LONG);

	/* a jump past the limit: its fix-up points beyond the program, and
	 * emit_finish() must stop at the sticky error before resolving it */
	p = prog("long");
	i = emit_new_label(p, "l");
	emit_label(p, i);
	for (i = 0; i < EMIT_MAX_INSNS; i++)
		emit(p, MOV64_IMM(R0, i));
	emit_jmp(p, JA(), 0);
	EXPECT_INT(p->n, EMIT_MAX_INSNS);
	EXPECT_INT(emit_finish(p), -1);
	EXPECT_STR(p->err, TOO_LONG);
}

static void too_many_labels_is_an_error(void)
{
	struct emit_prog *p = prog("labels");
	int i, l = 0;

	for (i = 0; i < EMIT_MAX_LABELS; i++)
		l = emit_new_label(p, "l");
	EXPECT_INT(l, EMIT_MAX_LABELS - 1);
	EXPECT_STR(p->err, "");
	emit_new_label(p, "one too many");
	EXPECT_STR(p->err, "labels: more than " STR(EMIT_MAX_LABELS) " labels");
	EXPECT_INT(p->nlabels, EMIT_MAX_LABELS);
	emit(p, EXIT());
	EXPECT_INT(emit_finish(p), -1);
}

static void too_many_jumps_is_an_error(void)
{
	struct emit_prog *p = prog("jumps");
	int l = emit_new_label(p, "out"), i;

	for (i = 0; i < EMIT_MAX_FIXUPS; i++)
		emit_jmp(p, JA(), l);
	EXPECT_STR(p->err, "");
	emit_jmp(p, JA(), l);
	EXPECT_STR(p->err, "jumps: more than " STR(EMIT_MAX_FIXUPS) " jumps");
	EXPECT_INT(p->nfixups, EMIT_MAX_FIXUPS);
	EXPECT_INT(p->n, EMIT_MAX_FIXUPS);
	emit_label(p, l);
	emit(p, EXIT());
	EXPECT_INT(emit_finish(p), -1);
	EXPECT_STR(p->err, "jumps: more than " STR(EMIT_MAX_FIXUPS) " jumps");
}

/* An offset beyond s16 cannot come from EMIT_MAX_INSNS instructions, so
 * the range check is reached by forging the counts (never the arrays): the
 * forged jumps fail before emit_finish() writes or reads any instruction. */
static void an_offset_that_does_not_fit_in_16_bits_is_an_error(void)
{
	struct emit_prog *p = prog("far");
	int l = emit_new_label(p, "far");

	emit_jmp(p, JA(), l); /* at 0 */
	p->label_at[l] = 32769; /* off 32768 */
	p->n = 32770;
	EXPECT_INT(emit_finish(p), -1);
	EXPECT_STR(p->err, "far: jump at 0 to far does not fit (32768)");
	EXPECT_INT(p->insn[0].off, 0);

	p = prog("far");
	l = emit_new_label(p, "near");
	emit_label(p, l); /* at 0 */
	emit(p, EXIT());
	emit_jmp(p, JA(), l);
	p->fixup[0].insn = 32768; /* off 0 - 32769 */
	p->n = 32769;
	EXPECT_INT(emit_finish(p), -1);
	EXPECT_STR(p->err, "far: jump at 32768 to near does not fit (-32769)");
	EXPECT_INT(p->insn[1].off, 0);
}

static void the_first_error_sticks(void)
{
	struct emit_prog *p = prog("sticky");
	int l = emit_new_label(p, "l");

	emit_jmp(p, CALL(1), l);     /* first: non-jump */
	emit_label(p, 5);            /* second: no such label */
	emit_label(p, l);
	emit_label(p, l);            /* third: bound twice */
	emit_jmp(p, JA(), 3);        /* unbound at finish */
	EXPECT_STR(p->err, "sticky: emit_jmp given a non-jump (code 0x85)");
	emit(p, MOV64_IMM(R0, 0));   /* emitting goes on silently */
	EXPECT_INT(p->n, 2);
	emit_group(p, "dangling");
	EXPECT_INT(emit_finish(p), -1);
	EXPECT_STR(p->err, "sticky: emit_jmp given a non-jump (code 0x85)");
	/* a second finish neither clears nor replaces it */
	EXPECT_INT(emit_finish(p), -1);
	EXPECT_STR(p->err, "sticky: emit_jmp given a non-jump (code 0x85)");
}

static void a_long_name_cannot_overflow_the_error_text(void)
{
	static char name[400];
	struct emit_prog *p;

	memset(name, 'x', sizeof(name) - 1);
	p = prog(name);
	EXPECT_INT(emit_finish(p), -1);
	EXPECT_INT(strlen(p->err), sizeof(p->err) - 1);
}

static void emit_init_forgets_the_previous_program(void)
{
	struct emit_prog *p = prog("old");

	emit_group(p, "g");
	emit(p, MOV64_IMM(R0, 0));
	emit_jmp(p, CALL(1), emit_new_label(p, "l"));
	p = prog("new");
	EXPECT_STR(p->name, "new");
	EXPECT_INT(p->n, 0);
	EXPECT_INT(p->nlabels, 0);
	EXPECT_INT(p->nfixups, 0);
	EXPECT_STR(p->err, "");
	EXPECT_TRUE(p->pending_group == NULL);
}

int main(void)
{
	a_forward_jump_counts_from_the_instruction_after_it();
	a_jump_to_the_next_instruction_has_offset_zero();
	a_backward_jump_gets_a_negative_offset();
	several_jumps_to_one_label_each_get_their_own_offset();
	a_label_never_bound_is_an_error_that_names_it();
	a_label_bound_twice_is_an_error();
	a_jump_to_a_label_at_the_end_is_an_error();
	a_label_nobody_jumps_to_may_sit_at_the_end();
	binding_or_jumping_to_a_label_that_was_never_made_fails();
	emit_jmp_refuses_a_call_an_exit_and_an_alu_instruction();
	the_map_fd_load_takes_two_slots_with_the_fd_in_the_first();
	a_64_bit_constant_is_split_low_half_first();
	a_jump_over_a_two_slot_load_counts_both_slots();
	a_group_comment_is_attached_to_the_next_instruction();
	a_run_of_constants_is_emitted_in_order_as_single_calls_would();
	a_group_with_no_instruction_after_it_is_an_error();
	the_last_instruction_must_be_an_exit_or_a_jump();
	too_many_instructions_is_an_error_and_nothing_overflows();
	too_many_labels_is_an_error();
	too_many_jumps_is_an_error();
	an_offset_that_does_not_fit_in_16_bits_is_an_error();
	the_first_error_sticks();
	a_long_name_cannot_overflow_the_error_text();
	emit_init_forgets_the_previous_program();
	return expect_summary("test_emit");
}
