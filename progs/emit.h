/* A program under construction: instructions with their group comments and
 * symbolic labels, kept until the last moment as ply does. Jumps name a
 * label; emit_finish() resolves every offset in one pass and fails on an
 * unbound label or an offset that does not fit. Errors are sticky: emitting
 * goes on silently after the first one and emit_finish() reports it, so a
 * program generator needs no error checks of its own.
 */
#ifndef AITRACE_EMIT_H
#define AITRACE_EMIT_H

#include <linux/bpf.h>
#include "insn.h"

#define EMIT_MAX_INSNS 2048
#define EMIT_MAX_LABELS 128
#define EMIT_MAX_FIXUPS 512

struct emit_prog {
	const char *name;                  /* "sys_exit_openat" */
	struct bpf_insn insn[EMIT_MAX_INSNS];
	const char *group[EMIT_MAX_INSNS]; /* comment opening a group at i */
	const char *label_name[EMIT_MAX_LABELS];
	int label_at[EMIT_MAX_LABELS];     /* insn index, -1 while unbound */
	int map_fd_at[EMIT_MAX_INSNS];     /* for the dump: fd loaded at i */
	struct {
		int insn;
		int label;
	} fixup[EMIT_MAX_FIXUPS];
	int n, nlabels, nfixups;
	const char *pending_group;
	char err[128]; /* first error, empty when none */
};

void emit_init(struct emit_prog *p, const char *name);
/* Open a group of instructions with a one-line comment ("drop events of
 * our own process"); it is shown by the dump before the group. */
void emit_group(struct emit_prog *p, const char *comment);
void emit(struct emit_prog *p, struct bpf_insn insn);
/* Emit n instructions in order, as n calls of emit() would. */
void emit_seq(struct emit_prog *p, const struct bpf_insn *insn, int n);
/* Emit a run of constant instructions, one macro each:
 *	EMIT_SEQ(p, MOV64_REG(R2, R10),
 *		    ALU64_IMM(BPF_ADD, R2, FP_KEY),
 *		    CALL(BPF_FUNC_map_lookup_elem));
 * The run is a static table of 8 bytes an instruction, where a call of
 * emit() costs 14 to 19 bytes of x86 code: worth it from three
 * instructions on (two break even). A field known only at run time does
 * not compile here ("initializer element is not constant"): emit() that
 * one on its own. aligned(8): x86-64 would align each table of 16 bytes
 * or more to 16, and the padding ate what the tables saved. */
#define EMIT_SEQ(p, ...)                                                      \
	do {                                                                  \
		static const struct bpf_insn seq_[]                           \
			__attribute__((aligned(8))) = { __VA_ARGS__ };        \
		emit_seq(p, seq_, (int)(sizeof(seq_) / sizeof(seq_[0])));     \
	} while (0)
/* A new label, not yet bound. name is for the dump and error messages. */
int emit_new_label(struct emit_prog *p, const char *name);
/* Bind label to the next instruction emitted. */
void emit_label(struct emit_prog *p, int label);
/* Emit a jump instruction (JMP_IMM, JMP_REG or JA) towards label. */
void emit_jmp(struct emit_prog *p, struct bpf_insn jmp, int label);
/* dst = map referred to by fd: the one place map fds enter a program. */
void emit_ld_map_fd(struct emit_prog *p, int dst, int map_fd);
/* dst = 64-bit constant */
void emit_ld_imm64(struct emit_prog *p, int dst, __u64 value);
/* Resolve labels. 0 on success, -1 with p->err set. */
int emit_finish(struct emit_prog *p);

#endif
