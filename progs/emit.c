/* The emitter: see emit.h. Pure logic, no syscalls. */
#include <stdarg.h>
#include <string.h>

#include "emit.h"
#include "fmt.h"

static void fail(struct emit_prog *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void fail(struct emit_prog *p, const char *fmt, ...)
{
	va_list ap;

	if (p->err[0])
		return; /* keep the first error: later ones are consequences */
	va_start(ap, fmt);
	fmt_vsnprintf(p->err, sizeof(p->err), fmt, ap);
	va_end(ap);
}

void emit_init(struct emit_prog *p, const char *name)
{
	memset(p, 0, sizeof(*p));
	p->name = name;
}

void emit_group(struct emit_prog *p, const char *comment)
{
	if (p->pending_group)
		fail(p, "%s: group \"%s\" has no instructions", p->name,
		     p->pending_group);
	p->pending_group = comment;
}

void emit(struct emit_prog *p, struct bpf_insn insn)
{
	if (p->n >= EMIT_MAX_INSNS) {
		fail(p, "%s: more than %d instructions", p->name,
		     EMIT_MAX_INSNS);
		return;
	}
	p->group[p->n] = p->pending_group;
	p->pending_group = NULL;
	p->map_fd_at[p->n] = -1;
	p->insn[p->n++] = insn;
}

void emit_seq(struct emit_prog *p, const struct bpf_insn *insn, int n)
{
	int i;

	for (i = 0; i < n; i++)
		emit(p, insn[i]);
}

int emit_new_label(struct emit_prog *p, const char *name)
{
	if (p->nlabels >= EMIT_MAX_LABELS) {
		fail(p, "%s: more than %d labels", p->name, EMIT_MAX_LABELS);
		return -1; /* jumps to it fail too; the first error is kept */
	}
	p->label_name[p->nlabels] = name;
	p->label_at[p->nlabels] = -1;
	return p->nlabels++;
}

void emit_label(struct emit_prog *p, int label)
{
	if (label < 0 || label >= p->nlabels) {
		fail(p, "%s: no label %d", p->name, label);
		return;
	}
	if (p->label_at[label] >= 0)
		fail(p, "%s: label %s bound twice", p->name,
		     p->label_name[label]);
	p->label_at[label] = p->n;
}

void emit_jmp(struct emit_prog *p, struct bpf_insn jmp, int label)
{
	if (BPF_CLASS(jmp.code) != BPF_JMP || BPF_OP(jmp.code) == BPF_CALL ||
	    BPF_OP(jmp.code) == BPF_EXIT) {
		fail(p, "%s: emit_jmp given a non-jump (code 0x%02x)", p->name,
		     jmp.code);
		return;
	}
	if (p->nfixups >= EMIT_MAX_FIXUPS) {
		fail(p, "%s: more than %d jumps", p->name, EMIT_MAX_FIXUPS);
		return;
	}
	if (p->n >= EMIT_MAX_INSNS) {
		emit(p, jmp); /* records the error */
		return;
	}
	p->fixup[p->nfixups].insn = p->n;
	p->fixup[p->nfixups].label = label;
	p->nfixups++;
	emit(p, jmp);
}

void emit_ld_map_fd(struct emit_prog *p, int dst, int map_fd)
{
	int at = p->n;

	emit(p, LD_IMM64_LO(dst, BPF_PSEUDO_MAP_FD, map_fd));
	emit(p, LD_IMM64_HI(0));
	if (at < EMIT_MAX_INSNS)
		p->map_fd_at[at] = map_fd;
}

void emit_ld_imm64(struct emit_prog *p, int dst, __u64 value)
{
	emit(p, LD_IMM64_LO(dst, 0, (__u32)value));
	emit(p, LD_IMM64_HI((__u32)(value >> 32)));
}

int emit_finish(struct emit_prog *p)
{
	int i;

	if (p->pending_group)
		fail(p, "%s: group \"%s\" has no instructions", p->name,
		     p->pending_group);
	for (i = 0; i < p->nfixups && !p->err[0]; i++) {
		int at = p->fixup[i].insn, label = p->fixup[i].label;
		long off;

		if (label < 0 || label >= p->nlabels) {
			fail(p, "%s: jump at %d to no label %d", p->name, at,
			     label);
			break;
		}
		if (p->label_at[label] < 0) {
			fail(p, "%s: label %s is never bound", p->name,
			     p->label_name[label]);
			break;
		}
		if (p->label_at[label] >= p->n) {
			fail(p, "%s: label %s has no instruction after it",
			     p->name, p->label_name[label]);
			break;
		}
		/* A jump's offset counts from the instruction after it. */
		off = (long)p->label_at[label] - (at + 1);
		if (off < -32768 || off > 32767) {
			fail(p, "%s: jump at %d to %s does not fit (%ld)",
			     p->name, at, p->label_name[label], off);
			break;
		}
		p->insn[at].off = (__s16)off;
	}
	if (!p->err[0] && p->n > 0 &&
	    p->insn[p->n - 1].code != (BPF_JMP | BPF_EXIT) &&
	    p->insn[p->n - 1].code != (BPF_JMP | BPF_JA))
		fail(p, "%s: last instruction is neither exit nor jump",
		     p->name);
	if (!p->err[0] && p->n == 0)
		fail(p, "%s: empty program", p->name);
	return p->err[0] ? -1 : 0;
}
