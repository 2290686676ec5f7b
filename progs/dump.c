/* Disassembler for the instructions we emit, in the verifier log's syntax
 * (kernel/bpf/disasm.c prints the same shapes). */
#include <stdarg.h>

#include "dump.h"
#include "fmt.h"

struct sink {
	char *buf;
	size_t cap, len;
};

static void put(struct sink *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void put(struct sink *s, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(s->len < s->cap ? s->buf + s->len : NULL,
		      s->len < s->cap ? s->cap - s->len : 0, fmt, ap);
	va_end(ap);
	if (n > 0)
		s->len += (size_t)n;
}

static const char *alu_op(unsigned op)
{
	switch (op) {
	case BPF_ADD: return "+=";
	case BPF_SUB: return "-=";
	case BPF_MUL: return "*=";
	case BPF_DIV: return "/=";
	case BPF_OR: return "|=";
	case BPF_AND: return "&=";
	case BPF_LSH: return "<<=";
	case BPF_RSH: return ">>=";
	case BPF_MOD: return "%=";
	case BPF_XOR: return "^=";
	case BPF_MOV: return "=";
	case BPF_ARSH: return "s>>=";
	}
	return "?=";
}

static const char *jmp_op(unsigned op)
{
	switch (op) {
	case BPF_JEQ: return "==";
	case BPF_JNE: return "!=";
	case BPF_JGT: return ">";
	case BPF_JGE: return ">=";
	case BPF_JSGT: return "s>";
	case BPF_JSGE: return "s>=";
	case BPF_JLT: return "<";
	case BPF_JLE: return "<=";
	case BPF_JSLT: return "s<";
	case BPF_JSLE: return "s<=";
	case BPF_JSET: return "&";
	}
	return "?";
}

static const char *size_name(unsigned size)
{
	switch (size) {
	case BPF_B: return "u8";
	case BPF_H: return "u16";
	case BPF_W: return "u32";
	case BPF_DW: return "u64";
	}
	return "u?";
}

/* Names of the helpers our programs call (ids from linux/bpf.h; the ids are
 * ABI, only their availability varies by kernel). */
static const char *helper_name(int id)
{
	switch (id) {
	case BPF_FUNC_map_lookup_elem: return "bpf_map_lookup_elem";
	case BPF_FUNC_map_update_elem: return "bpf_map_update_elem";
	case BPF_FUNC_map_delete_elem: return "bpf_map_delete_elem";
	case BPF_FUNC_ktime_get_ns: return "bpf_ktime_get_ns";
	case BPF_FUNC_get_smp_processor_id: return "bpf_get_smp_processor_id";
	case BPF_FUNC_get_current_pid_tgid: return "bpf_get_current_pid_tgid";
	case BPF_FUNC_get_current_comm: return "bpf_get_current_comm";
	case BPF_FUNC_perf_event_output: return "bpf_perf_event_output";
	case BPF_FUNC_probe_read: return "bpf_probe_read";
	case BPF_FUNC_probe_read_user: return "bpf_probe_read_user";
	case BPF_FUNC_probe_read_str: return "bpf_probe_read_str";
	case BPF_FUNC_probe_read_user_str: return "bpf_probe_read_user_str";
	case BPF_FUNC_probe_read_kernel_str: return "bpf_probe_read_kernel_str";
	case BPF_FUNC_send_signal: return "bpf_send_signal";
	}
	return "unknown";
}

static void insn(struct sink *s, const struct emit_prog *p, int i)
{
	const struct bpf_insn *in = &p->insn[i];
	unsigned cls = BPF_CLASS(in->code), op = BPF_OP(in->code);
	char r = cls == BPF_ALU ? 'w' : 'r';

	put(s, "%d: (%02x) ", i, in->code);
	switch (cls) {
	case BPF_ALU:
	case BPF_ALU64:
		if (BPF_SRC(in->code) == BPF_X)
			put(s, "%c%d %s %c%d\n", r, in->dst_reg, alu_op(op), r,
			    in->src_reg);
		else
			put(s, "%c%d %s %d\n", r, in->dst_reg, alu_op(op),
			    in->imm);
		return;
	case BPF_LDX:
		put(s, "r%d = *(%s *)(r%d %+d)\n", in->dst_reg,
		    size_name(BPF_SIZE(in->code)), in->src_reg, in->off);
		return;
	case BPF_STX:
		if (BPF_MODE(in->code) == 0xc0)
			put(s, "lock *(%s *)(r%d %+d) += r%d\n",
			    size_name(BPF_SIZE(in->code)), in->dst_reg, in->off,
			    in->src_reg);
		else
			put(s, "*(%s *)(r%d %+d) = r%d\n",
			    size_name(BPF_SIZE(in->code)), in->dst_reg, in->off,
			    in->src_reg);
		return;
	case BPF_ST:
		put(s, "*(%s *)(r%d %+d) = %d\n", size_name(BPF_SIZE(in->code)),
		    in->dst_reg, in->off, in->imm);
		return;
	case BPF_LD:
		if (in->code == (BPF_LD | BPF_DW | BPF_IMM) && i + 1 < p->n) {
			if (in->src_reg == BPF_PSEUDO_MAP_FD)
				put(s, "r%d = map[fd:%d]\n", in->dst_reg, in->imm);
			else
				put(s, "r%d = 0x%llx\n", in->dst_reg,
				    (unsigned long long)(__u32)in->imm |
					    (unsigned long long)(__u32)p->insn[i + 1].imm
						    << 32);
			return;
		}
		break;
	case BPF_JMP:
		if (op == BPF_CALL) {
			put(s, "call %s#%d\n", helper_name(in->imm), in->imm);
			return;
		}
		if (op == BPF_EXIT) {
			put(s, "exit\n");
			return;
		}
		if (op == BPF_JA) {
			put(s, "goto pc%+d\n", in->off);
			return;
		}
		if (BPF_SRC(in->code) == BPF_X)
			put(s, "if r%d %s r%d goto pc%+d\n", in->dst_reg,
			    jmp_op(op), in->src_reg, in->off);
		else
			put(s, "if r%d %s 0x%x goto pc%+d\n", in->dst_reg,
			    jmp_op(op), (unsigned)in->imm, in->off);
		return;
	}
	put(s, "(unknown opcode)\n");
}

size_t dump_prog(const struct emit_prog *p, char *buf, size_t cap)
{
	struct sink s = { buf, cap, 0 };
	int i;

	if (cap)
		buf[0] = '\0';
	put(&s, "; program %s, %d instructions\n", p->name, p->n);
	for (i = 0; i < p->n; i++) {
		if (p->group[i])
			put(&s, "; %s\n", p->group[i]);
		insn(&s, p, i);
		/* the second half of a 64-bit immediate is not an instruction */
		if (p->insn[i].code == (BPF_LD | BPF_DW | BPF_IMM))
			i++;
	}
	return s.len;
}
