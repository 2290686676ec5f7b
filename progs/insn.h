/* Instruction macros: one per instruction shape, each introduced by its
 * meaning in pseudo-C. Every macro yields a struct bpf_insn value; emit.c
 * appends them, resolves jump labels and patches map fds.
 *
 * Registers: R0 return value, R1-R5 helper arguments (clobbered by a call),
 * R6-R9 callee-saved, R10 read-only frame pointer (stack grows down, 512
 * bytes).
 */
#ifndef AITRACE_INSN_H
#define AITRACE_INSN_H

#include <linux/bpf.h>

enum { R0, R1, R2, R3, R4, R5, R6, R7, R8, R9, R10 };

#define INSN(CODE, DST, SRC, OFF, IMM)                                       \
	((struct bpf_insn){ .code = (CODE), .dst_reg = (DST), .src_reg = (SRC), \
			    .off = (OFF), .imm = (IMM) })

/* dst = src */
#define MOV64_REG(DST, SRC) INSN(BPF_ALU64 | BPF_MOV | BPF_X, DST, SRC, 0, 0)
/* dst = imm (sign-extended 32-bit immediate) */
#define MOV64_IMM(DST, IMM) INSN(BPF_ALU64 | BPF_MOV | BPF_K, DST, 0, 0, IMM)
/* dst = (u32)imm  (upper half cleared: 0xffffffff stays 0xffffffff) */
#define MOV32_IMM(DST, IMM) INSN(BPF_ALU | BPF_MOV | BPF_K, DST, 0, 0, IMM)
/* dst = (u32)src  (upper half cleared) */
#define MOV32_REG(DST, SRC) INSN(BPF_ALU | BPF_MOV | BPF_X, DST, SRC, 0, 0)

/* dst op= imm, 64-bit: op is BPF_ADD, BPF_SUB, BPF_AND, BPF_OR, BPF_LSH,
 * BPF_RSH (logical), BPF_ARSH (arithmetic) */
#define ALU64_IMM(OP, DST, IMM) INSN(BPF_ALU64 | (OP) | BPF_K, DST, 0, 0, IMM)
/* dst op= src, 64-bit */
#define ALU64_REG(OP, DST, SRC) INSN(BPF_ALU64 | (OP) | BPF_X, DST, SRC, 0, 0)

/* dst = *(size *)(src + off);  size is BPF_B, BPF_H, BPF_W or BPF_DW */
#define LDX_MEM(SIZE, DST, SRC, OFF)                                          \
	INSN(BPF_LDX | BPF_MEM | (SIZE), DST, SRC, OFF, 0)
/* *(size *)(dst + off) = src */
#define STX_MEM(SIZE, DST, SRC, OFF)                                          \
	INSN(BPF_STX | BPF_MEM | (SIZE), DST, SRC, OFF, 0)
/* *(size *)(dst + off) = imm */
#define ST_MEM(SIZE, DST, OFF, IMM)                                           \
	INSN(BPF_ST | BPF_MEM | (SIZE), DST, 0, OFF, IMM)
/* lock *(size *)(dst + off) += src   (BPF_W or BPF_DW; the encoding every
 * kernel since 4.x accepts as XADD) */
#define ATOMIC_ADD(SIZE, DST, SRC, OFF)                                       \
	INSN(BPF_STX | 0xc0 /* BPF_ATOMIC, was BPF_XADD */ | (SIZE), DST, SRC, \
	     OFF, BPF_ADD)

/* if (dst op imm) goto +off;  op is BPF_JEQ, BPF_JNE, BPF_JGT, BPF_JGE,
 * BPF_JSGT, BPF_JSGE, BPF_JLT, BPF_JLE, BPF_JSLT, BPF_JSLE, BPF_JSET.
 * The offset is left 0: emit_jmp() resolves it from a label. */
#define JMP_IMM(OP, DST, IMM) INSN(BPF_JMP | (OP) | BPF_K, DST, 0, 0, IMM)
/* if (dst op src) goto +off */
#define JMP_REG(OP, DST, SRC) INSN(BPF_JMP | (OP) | BPF_X, DST, SRC, 0, 0)
/* goto +off */
#define JA() INSN(BPF_JMP | BPF_JA, 0, 0, 0, 0)

/* r0 = helper(r1, r2, r3, r4, r5) */
#define CALL(HELPER) INSN(BPF_JMP | BPF_CALL, 0, 0, 0, HELPER)
/* return r0 */
#define EXIT() INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

/* The two-slot 64-bit immediate load. Only emit_ld_map_fd() and
 * emit_ld_imm64() use these, so map fds are patched in exactly one place. */
#define LD_IMM64_LO(DST, SRC, IMM)                                            \
	INSN(BPF_LD | BPF_DW | BPF_IMM, DST, SRC, 0, (__s32)(IMM))
#define LD_IMM64_HI(IMM) INSN(0, 0, 0, 0, (__s32)(IMM))

#endif
