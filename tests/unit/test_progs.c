/* Unit tests for the program generators in progs/: every program of the
 * default syscall set, built from real format files for fixed parameters,
 * is pinned by a golden dump, obeys the invariants that keep it loadable
 * and honest, and differs between kernels only where their format files
 * differ. Pure: nothing here touches the kernel (tests/kernel/verifier.c
 * loads the same programs into the real verifier).
 *
 * The scheduler programs (scope and lineage: sched_process_fork, _exec,
 * _exit), a syscall program with the scope check and the summary-mode
 * programs are pinned the same way, for the variants the options make.
 *
 * Usage: test_progs            compare with tests/golden/
 *        test_progs --update   rewrite tests/golden/ (make golden), then
 *                              read the change with git diff tests/golden
 * Paths are relative to the repository root, where make runs the tests.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dump.h"
#include "emit.h"
#include "expect.h"
#include "prog_record.h"
#include "progs.h"
#include "syscalls.h"
#include "sysset.h"
#include "tpformat.h"

static const char *fixtures = "tests/fixtures/formats";
static const char *golden_root = "tests/golden";
/* The kernel whose programs are pinned; every other fixture kernel is
 * compared with it. */
static const char *golden_kernel = "6.18-x86_64";
static int update;

/* The fixed parameters of every golden program. */
enum { FD_INFLIGHT = 3, FD_SCRATCH = 4, FD_EVENTS = 5, FD_COUNTERS = 6,
       FD_SCOPE = 7, FD_STATS = 8, FD_CTL = 9 };
#define MAX_CPUS 2
#define SELF_TGID 4242
#define PARENT_TGID 4241 /* the tracer's parent: --kill-on spares it */
#define STR_CAP 258
#define STRV_BUDGET 4096 /* what tracer_select gives str_cap 258 */

static void common_params(struct prog_params *pp)
{
	pp->inflight_fd = FD_INFLIGHT;
	pp->scratch_fd = FD_SCRATCH;
	pp->events_fd = FD_EVENTS;
	pp->counters_fd = FD_COUNTERS;
	pp->ctl_fd = FD_CTL;
	pp->scope_fd = -1; /* every process */
	pp->stats_fd = -1; /* records, not counts */
	pp->max_cpus = MAX_CPUS;
	pp->self_tgid = SELF_TGID;
	pp->parent_tgid = PARENT_TGID;
	pp->probe_read_str = BPF_FUNC_probe_read_user_str;
	pp->probe_read = BPF_FUNC_probe_read_user;
	pp->str_cap = STR_CAP;
	pp->strv_budget = STRV_BUDGET;
}

/* ---- reading fixtures --------------------------------------------------- */

static long slurp(const char *path, char *buf, size_t cap)
{
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return -1;
	n = fread(buf, 1, cap - 1, f);
	fclose(f);
	if (n >= cap - 1)
		return -1;
	buf[n] = '\0';
	return (long)n;
}

/* A layout transform applied to the format text before parsing, for the
 * synthetic kernels below; NULL for the real files. */
typedef void (*rewrite_fn)(char *text, size_t cap);

/* Parse <kernel>/syscalls/<event>.format. 1 when parsed, 0 when the
 * fixture is absent (that kernel lacks the event), -1 on a parse error. */
static int load_format_in(const char *kernel, const char *subsys,
			  const char *event, struct tpformat *fmt,
			  rewrite_fn rewrite)
{
	static char text[65536];
	char path[512], err[256];
	long n;

	snprintf(path, sizeof(path), "%s/%s/%s/%s.format", fixtures, kernel,
		 subsys, event);
	n = slurp(path, text, sizeof(text));
	if (n < 0)
		return access(path, F_OK) == 0 ? -1 : 0;
	if (rewrite) {
		rewrite(text, sizeof(text));
		n = (long)strlen(text);
	}
	if (tpformat_parse(fmt, text, (size_t)n, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s: %s\n", path, err);
		return -1;
	}
	return 1;
}

static int load_format(const char *kernel, const char *event,
		       struct tpformat *fmt, rewrite_fn rewrite)
{
	return load_format_in(kernel, "syscalls", event, fmt, rewrite);
}

/* ---- one syscall's programs --------------------------------------------- */

struct built {
	struct tpformat enter, exit;
	struct sysdesc d;
	struct prog_params pp;
	struct emit_prog penter, pexit; /* pexit.n == 0 for no-return calls */
	char enter_name[64], exit_name[64];
};

/* Build both programs of syscall `name` from kernel's fixtures. 1 built,
 * 0 fixture absent, -1 failed (said). */
static int build(const char *kernel, const char *name, unsigned sys_idx,
		 rewrite_fn rewrite, struct built *b)
{
	char ev[96], err[256];
	int never = syscalls_never_returns(name), r;

	snprintf(ev, sizeof(ev), "sys_enter_%s", name);
	r = load_format(kernel, ev, &b->enter, rewrite);
	if (r <= 0)
		return r;
	if (!never) {
		snprintf(ev, sizeof(ev), "sys_exit_%s", name);
		r = load_format(kernel, ev, &b->exit, rewrite);
		if (r <= 0)
			return r;
	}
	memset(&b->pp, 0, sizeof(b->pp));
	common_params(&b->pp);
	if (sysset_describe(name, sys_idx, &b->enter, never ? NULL : &b->exit,
			    &b->d, &b->pp, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s: %s: %s\n", kernel, name, err);
		return -1;
	}

	snprintf(b->enter_name, sizeof(b->enter_name), "sys_enter_%s", name);
	emit_init(&b->penter, b->enter_name);
	prog_enter_build(&b->penter, &b->pp);
	if (emit_finish(&b->penter) != 0) {
		fprintf(stderr, "%s: %s\n", kernel, b->penter.err);
		return -1;
	}
	emit_init(&b->pexit, NULL);
	if (never)
		return 1;
	snprintf(b->exit_name, sizeof(b->exit_name), "sys_exit_%s", name);
	emit_init(&b->pexit, b->exit_name);
	prog_exit_build(&b->pexit, &b->pp);
	if (emit_finish(&b->pexit) != 0) {
		fprintf(stderr, "%s: %s\n", kernel, b->pexit.err);
		return -1;
	}
	return 1;
}

/* The default set, in order, as names (call once: the list is split in
 * place). */
static int default_set(const char **names, int max)
{
	static char buf[] = SYSCALLS_DEFAULT;
	char bad[64];

	return sysset_parse(buf, names, max, bad, sizeof(bad));
}

/* ---- invariants of every generated program ------------------------------ */

static int is_ld_imm64(const struct bpf_insn *in)
{
	return in->code == (BPF_LD | BPF_DW | BPF_IMM);
}

static int is_jump(const struct bpf_insn *in)
{
	return BPF_CLASS(in->code) == BPF_JMP && BPF_OP(in->code) != BPF_CALL &&
	       BPF_OP(in->code) != BPF_EXIT;
}

static int size_bytes(unsigned size)
{
	switch (size) {
	case BPF_B: return 1;
	case BPF_H: return 2;
	case BPF_W: return 4;
	}
	return 8;
}

/* Does instruction i write register r? */
static int writes_reg(const struct bpf_insn *in, int r)
{
	unsigned cls = BPF_CLASS(in->code);

	return (cls == BPF_ALU || cls == BPF_ALU64 || cls == BPF_LDX ||
		is_ld_imm64(in)) && in->dst_reg == r;
}

static int count_calls(const struct emit_prog *p, int helper)
{
	int i, n = 0;

	for (i = 0; i < p->n; i++)
		if (p->insn[i].code == (BPF_JMP | BPF_CALL) &&
		    p->insn[i].imm == helper)
			n++;
	return n;
}

/* ---- no stale bytes ------------------------------------------------------- */

/* The verifier lets root read stack nothing wrote (since 5.12), and never
 * asks whether a map value was filled before it is sent, so these two
 * promises of record.h are ours to check: every stack byte a program reads
 * (by a load, or by a helper through a key or value pointer) and every
 * header byte it hands to perf_event_output() was written on every path
 * before. Programs only jump forward, so one pass in instruction order,
 * meeting paths by intersection, is a complete data-flow analysis. */
enum { V_UNK, V_CONST, V_FP, V_REC, V_MAP };
struct aval {
	int kind;
	long k; /* constant, offset from fp or record, or map fd */
};
struct astate {
	int reached;
	struct aval r[11];
	unsigned char stack[512 / 8]; /* bit i: byte fp-512+i written */
	unsigned char rec[(REC_HDR_SIZE + 7) / 8];
};

static void bits_set(unsigned char *b, long from, long len, long limit)
{
	long i;

	for (i = from < 0 ? 0 : from; i < from + len && i < limit; i++)
		b[i / 8] |= (unsigned char)(1u << (i % 8));
}

/* The first byte of [from, from+len) not set, or -1. */
static long bits_missing(const unsigned char *b, long from, long len,
			 long limit)
{
	long i;

	for (i = from; i < from + len; i++)
		if (i < 0 || i >= limit || !(b[i / 8] & (1u << (i % 8))))
			return i;
	return -1;
}

static void meet(struct astate *to, const struct astate *from)
{
	size_t i;

	if (!to->reached) {
		*to = *from;
		to->reached = 1;
		return;
	}
	for (i = 0; i < 11; i++)
		if (to->r[i].kind != from->r[i].kind || to->r[i].k != from->r[i].k)
			to->r[i].kind = V_UNK;
	for (i = 0; i < sizeof(to->stack); i++)
		to->stack[i] &= from->stack[i];
	for (i = 0; i < sizeof(to->rec); i++)
		to->rec[i] &= from->rec[i];
}

static int stale_quiet; /* for the tests of the check itself */

static int stale(const struct emit_prog *p, int i, const char *what, long at)
{
	if (!stale_quiet)
		fprintf(stderr, "%s: instruction %d %s (byte %ld) that no path wrote\n",
			p->name, i, what, at);
	return 1;
}

/* Stack bytes [off, off+len) (offsets from fp) read at instruction i. */
static int stack_read(const struct emit_prog *p, int i, const struct astate *s,
		      long off, long len, const char *what)
{
	long miss = bits_missing(s->stack, off + 512, len, 512);

	return miss >= 0 ? stale(p, i, what, miss - 512) : 0;
}

static int stale_bytes(const struct emit_prog *p, const struct prog_params *pp)
{
	static struct astate st[EMIT_MAX_INSNS + 2];
	struct astate cur;
	int i, bad = 0;

	memset(st, 0, sizeof(st));
	st[0].reached = 1;
	st[0].r[R10].kind = V_FP;
	for (i = 0; i < p->n; i++) {
		const struct bpf_insn *in = &p->insn[i];
		unsigned cls = BPF_CLASS(in->code), op = BPF_OP(in->code);
		struct aval *d = &cur.r[in->dst_reg];
		int next = i + 1;

		if (!st[i].reached)
			continue; /* dead, or the second slot of a 64-bit load */
		cur = st[i];
		if (cls == BPF_ALU64 || cls == BPF_ALU) {
			if (op == BPF_MOV && BPF_SRC(in->code) == BPF_X)
				*d = cls == BPF_ALU64 ? cur.r[in->src_reg]
						      : (struct aval){ V_UNK, 0 };
			else if (op == BPF_MOV)
				*d = (struct aval){ V_CONST,
						    cls == BPF_ALU64 ? in->imm
								     : (long)(__u32)in->imm };
			else if (op == BPF_ADD && BPF_SRC(in->code) == BPF_K &&
				 cls == BPF_ALU64 && d->kind != V_UNK && d->kind != V_MAP)
				d->k += in->imm;
			else
				d->kind = V_UNK;
		} else if (cls == BPF_LDX) {
			if (cur.r[in->src_reg].kind == V_FP)
				bad += stack_read(p, i, &cur,
						  cur.r[in->src_reg].k + in->off,
						  size_bytes(BPF_SIZE(in->code)),
						  "loads stack");
			d->kind = V_UNK;
		} else if (cls == BPF_ST || cls == BPF_STX) {
			long at = d->k + in->off, len = size_bytes(BPF_SIZE(in->code));

			if (BPF_MODE(in->code) == 0xc0 && d->kind == V_FP)
				bad += stack_read(p, i, &cur, at, len, "adds to stack");
			if (d->kind == V_FP)
				bits_set(cur.stack, at + 512, len, 512);
			else if (d->kind == V_REC)
				bits_set(cur.rec, at, len, REC_HDR_SIZE);
		} else if (is_ld_imm64(in)) {
			*d = in->src_reg == BPF_PSEUDO_MAP_FD
				     ? (struct aval){ V_MAP, in->imm }
				     : (struct aval){ V_UNK, 0 };
			next = i + 2;
		} else if (in->code == (BPF_JMP | BPF_CALL)) {
			const struct aval *r1 = &cur.r[R1], *r2 = &cur.r[R2];
			const struct aval *r3 = &cur.r[R3], *r4 = &cur.r[R4];
			int h = in->imm, j;
			struct aval r0 = { V_UNK, 0 };

			/* keys: 4 bytes, but the summary's { tgid, sys_idx } */
			int is_stats = r1->kind == V_MAP && pp->stats_fd >= 0 &&
				       r1->k == pp->stats_fd;

			if ((h == BPF_FUNC_map_lookup_elem || h == BPF_FUNC_map_update_elem ||
			     h == BPF_FUNC_map_delete_elem) && r2->kind == V_FP)
				bad += stack_read(p, i, &cur, r2->k,
						  is_stats ? (long)sizeof(struct stat_key) : 4,
						  "passes a key");
			if (h == BPF_FUNC_map_update_elem && r3->kind == V_FP &&
			    r1->kind == V_MAP)
				bad += stack_read(p, i, &cur, r3->k,
						  is_stats ? (long)sizeof(struct stat_val)
						  : r1->k == pp->scope_fd ? 4 : 0,
						  "passes a value");
			if (h == BPF_FUNC_map_update_elem && r3->kind == V_FP &&
			    r1->kind == V_MAP && r1->k == pp->inflight_fd)
				bad += stack_read(p, i, &cur, r3->k,
						  sizeof(struct inflight),
						  "passes an in-flight value");
			if (h == BPF_FUNC_map_lookup_elem && r1->kind == V_MAP &&
			    r1->k == pp->scratch_fd)
				r0 = (struct aval){ V_REC, 0 };
			if (h == BPF_FUNC_get_current_comm && r1->kind == V_REC &&
			    r2->kind == V_CONST)
				bits_set(cur.rec, r1->k, r2->k, REC_HDR_SIZE);
			if (h == BPF_FUNC_get_current_comm && r1->kind == V_FP &&
			    r2->kind == V_CONST)
				bits_set(cur.stack, r1->k + 512, r2->k, 512);
			/* probe_read fills all r2 bytes at r1 (zeroes
			 * them on a fault) */
			if (h == pp->probe_read && r1->kind == V_FP &&
			    r2->kind == V_CONST)
				bits_set(cur.stack, r1->k + 512, r2->k, 512);
			if (h == BPF_FUNC_perf_event_output) {
				long miss = r4->kind == V_REC && r4->k == 0
						    ? bits_missing(cur.rec, 0, REC_HDR_SIZE,
								   REC_HDR_SIZE)
						    : 0;

				if (miss >= 0)
					bad += stale(p, i, "sends header bytes", miss);
			}
			for (j = R1; j <= R5; j++)
				cur.r[j] = (struct aval){ V_UNK, 0 };
			cur.r[R0] = r0;
		} else if (is_jump(in)) {
			if (i + 1 + in->off <= p->n)
				meet(&st[i + 1 + in->off], &cur);
			if (in->code == (BPF_JMP | BPF_JA))
				continue;
		} else if (in->code == (BPF_JMP | BPF_EXIT)) {
			continue;
		}
		if (next <= p->n)
			meet(&st[next], &cur);
	}
	return bad;
}

/* Complain once per program and rule, naming the instruction. */
static int bad_insn(const struct emit_prog *p, int i, const char *rule)
{
	fprintf(stderr, "%s: instruction %d (code 0x%02x): %s\n", p->name, i,
		p->insn[i].code, rule);
	return 1;
}

static void check_invariants(const struct emit_prog *p,
			     const struct tpformat *fmt,
			     const struct prog_params *pp)
{
	static const int helpers[] = {
		BPF_FUNC_map_lookup_elem, BPF_FUNC_map_update_elem,
		BPF_FUNC_map_delete_elem, BPF_FUNC_ktime_get_ns,
		BPF_FUNC_get_smp_processor_id, BPF_FUNC_get_current_pid_tgid,
		BPF_FUNC_get_current_comm, BPF_FUNC_perf_event_output,
		/* the exec record's filename, in the tracepoint record */
		BPF_FUNC_probe_read_kernel_str,
	};
	int slot2[EMIT_MAX_INSNS] = { 0 };
	int i, bad_end = 0, bad_jump = 0, bad_ctx = 0, bad_map = 0;
	int bad_call = 0, bad_stack = 0, bad_r6 = 0;

	for (i = 0; i < p->n; i++)
		if (is_ld_imm64(&p->insn[i]) && i + 1 < p->n)
			slot2[++i] = 1;

	/* ends with exit; starts by saving ctx, which r1 loses at the first call */
	if (p->n < 2 || p->insn[p->n - 1].code != (BPF_JMP | BPF_EXIT))
		bad_end = bad_insn(p, p->n - 1, "the program does not end with exit");
	if (p->n < 1 || p->insn[0].code != (BPF_ALU64 | BPF_MOV | BPF_X) ||
	    p->insn[0].dst_reg != R6 || p->insn[0].src_reg != R1)
		bad_r6 = bad_insn(p, 0, "the program does not start with r6 = r1");

	for (i = 0; i < p->n; i++) {
		const struct bpf_insn *in = &p->insn[i];
		unsigned cls = BPF_CLASS(in->code);

		if (slot2[i])
			continue;
		/* jumps go forward (no loops: old verifiers refuse them) to the
		 * start of an instruction inside the program */
		if (is_jump(in)) {
			long to = (long)i + 1 + in->off;

			if (in->off < 0 || to >= p->n || slot2[to])
				bad_jump += bad_insn(p, i, "jump out of range or into a 64-bit load");
		}
		/* ctx is read only at offsets the format file names, with the
		 * field's own size, and never written */
		if (cls == BPF_LDX && in->src_reg == R6) {
			unsigned f, ok = 0;

			for (f = 0; f < fmt->nfields; f++)
				if (fmt->field[f].offset == (unsigned)in->off &&
				    fmt->field[f].size ==
					    (unsigned)size_bytes(BPF_SIZE(in->code)) &&
				    !fmt->field[f].is_common)
					ok = 1;
			if (!ok)
				bad_ctx += bad_insn(p, i, "ctx load at an offset or size not in the format file");
		}
		if ((cls == BPF_ST || cls == BPF_STX) && in->dst_reg == R6)
			bad_ctx += bad_insn(p, i, "store into ctx");
		if (i > 0 && writes_reg(in, R6))
			bad_r6 += bad_insn(p, i, "r6 (ctx) overwritten");
		/* map fds: one of ours, in the two-slot form; or a plain
		 * 64-bit constant (a -c name compared as two words) */
		if (is_ld_imm64(in) && in->src_reg == 0) {
			if (p->map_fd_at[i] != -1 || i + 1 >= p->n ||
			    in[1].code || in[1].dst_reg || in[1].src_reg || in[1].off)
				bad_map += bad_insn(p, i, "a 64-bit constant load that is not well formed");
		} else if (is_ld_imm64(in)) {
			const struct bpf_insn *hi = &in[1];

			if (in->src_reg != BPF_PSEUDO_MAP_FD ||
			    (in->imm != pp->inflight_fd && in->imm != pp->scratch_fd &&
			     in->imm != pp->events_fd && in->imm != pp->counters_fd &&
			     in->imm != pp->ctl_fd &&
			     (pp->scope_fd < 0 || in->imm != pp->scope_fd) &&
			     (pp->stats_fd < 0 || in->imm != pp->stats_fd)) ||
			    p->map_fd_at[i] != in->imm || in->off != 0 ||
			    i + 1 >= p->n || hi->code || hi->dst_reg ||
			    hi->src_reg || hi->off || hi->imm)
				bad_map += bad_insn(p, i, "a 64-bit load that is not one of our map fds");
		}
		/* helpers: ours, and the readers the kernel offers */
		if (in->code == (BPF_JMP | BPF_CALL)) {
			size_t h, ok = in->imm == pp->probe_read_str ||
				       in->imm == pp->probe_read;

			for (h = 0; h < sizeof(helpers) / sizeof(helpers[0]); h++)
				ok |= in->imm == helpers[h];
			if (!ok || in->src_reg)
				bad_call += bad_insn(p, i, "call of a helper we do not use");
		}
		/* stack: inside the 512 bytes, naturally aligned */
		if ((cls == BPF_LDX && in->src_reg == R10) ||
		    ((cls == BPF_ST || cls == BPF_STX) && in->dst_reg == R10)) {
			int sz = size_bytes(BPF_SIZE(in->code));

			if (in->off >= 0 || in->off < -512 || in->off % sz)
				bad_stack += bad_insn(p, i, "stack access outside the frame or unaligned");
		}
		if (writes_reg(in, R10))
			bad_stack += bad_insn(p, i, "r10 written");
	}
	EXPECT_INT(bad_end, 0);
	EXPECT_INT(bad_jump, 0);
	EXPECT_INT(bad_ctx, 0);
	EXPECT_INT(bad_map, 0);
	EXPECT_INT(bad_call, 0);
	EXPECT_INT(bad_stack, 0);
	EXPECT_INT(bad_r6, 0);
	EXPECT_INT(stale_bytes(p, pp), 0);
}

/* The helper calls that read the captures of pp: a string is one
 * probe_read_str; a buffer one probe_read; a vector of up to max strings
 * one probe_read per pointer (max + 1, to see whether it goes on) and one
 * probe_read_str per string. */
static void capture_calls(const struct prog_params *pp, int *nstr,
			  int *nread)
{
	int i;

	*nstr = *nread = 0;
	for (i = 0; i < REC_NCAP; i++)
		switch (pp->cap[i].kind) {
		case CAP_STR: *nstr += 1; break;
		case CAP_BYTES: *nread += 1; break;
		case CAP_STRV:
			*nstr += pp->cap[i].max;
			*nread += pp->cap[i].max + 1;
			break;
		}
}

/* What each half does follows from the syscall's shape. */
static void check_shape(const struct built *b)
{
	const struct prog_params *pp = &b->pp;
	int join = pp->shape == SHAPE_JOIN, nstr, nread;

	capture_calls(pp, &nstr, &nread);
	/* enter: saves the entry unless the call never returns; emits a
	 * record (with the captures) unless the exit does */
	EXPECT_INT(count_calls(&b->penter, BPF_FUNC_map_update_elem),
		   pp->shape != SHAPE_NO_RETURN);
	EXPECT_INT(count_calls(&b->penter, BPF_FUNC_perf_event_output), !join);
	EXPECT_INT(count_calls(&b->penter, pp->probe_read_str), join ? 0 : nstr);
	EXPECT_INT(count_calls(&b->penter, pp->probe_read), join ? 0 : nread);
	EXPECT_INT(count_calls(&b->penter, BPF_FUNC_map_delete_elem), 0);
	if (pp->shape == SHAPE_NO_RETURN) {
		EXPECT_INT(b->pexit.n, 0);
		return;
	}
	/* exit: joins, deletes, emits one record; reads the captures at
	 * exit only when they were not read at entry */
	EXPECT_INT(count_calls(&b->pexit, BPF_FUNC_map_update_elem), 0);
	EXPECT_INT(count_calls(&b->pexit, BPF_FUNC_map_delete_elem), 1);
	EXPECT_INT(count_calls(&b->pexit, BPF_FUNC_perf_event_output), 1);
	EXPECT_INT(count_calls(&b->pexit, pp->probe_read_str), join ? nstr : 0);
	EXPECT_INT(count_calls(&b->pexit, pp->probe_read), join ? nread : 0);
}

/* ---- golden dumps -------------------------------------------------------- */

static char *dump_text(const struct emit_prog *p)
{
	size_t len = dump_prog(p, NULL, 0);
	char *text = malloc(len + 1);

	if (text)
		dump_prog(p, text, len + 1);
	return text;
}

static int mkdirs(const char *path)
{
	char tmp[512], *s;

	snprintf(tmp, sizeof(tmp), "%s", path);
	for (s = tmp + 1; *s; s++)
		if (*s == '/') {
			*s = '\0';
			if (mkdir(tmp, 0755) && errno != EEXIST)
				return -1;
			*s = '/';
		}
	return mkdir(tmp, 0755) && errno != EEXIST ? -1 : 0;
}

/* Show where the golden file and the program part, line by line. */
static void show_difference(const char *path, const char *want,
			    const char *got)
{
	int line = 1;

	while (*want && *got && *want == *got) {
		if (*want == '\n')
			line++;
		want++, got++;
	}
	while (line > 1 && want[-1] != '\n')
		want--, got--;
	fprintf(stderr, "%s: differs from the generated program at line %d\n"
		"  golden: %.*s\n     now: %.*s\n",
		path, line, (int)strcspn(want, "\n"), want,
		(int)strcspn(got, "\n"), got);
}

static char golden_seen[128][64];
static int ngolden_seen, ngolden_differ;

static void golden(const struct emit_prog *p)
{
	static char want[1 << 18]; /* execve's unrolled argv: ~30 KB */
	char dir[256], path[512];
	char *got = dump_text(p);
	FILE *f;

	snprintf(dir, sizeof(dir), "%s/%s", golden_root, golden_kernel);
	snprintf(path, sizeof(path), "%s/%s.dump", dir, p->name);
	if (ngolden_seen < 128)
		snprintf(golden_seen[ngolden_seen++], 64, "%s.dump", p->name);
	if (!got) {
		EXPECT_TRUE(!"out of memory");
		return;
	}
	/* every helper a program calls is named as the verifier's log
	 * names it (tests/kernel/verifier.c compares the two) */
	if (strstr(got, " call unknown#"))
		fprintf(stderr, "%s: the dump names a helper \"unknown\": %.*s\n",
			p->name, (int)strcspn(strstr(got, " call unknown#") + 1, "\n"),
			strstr(got, " call unknown#") + 1);
	EXPECT_TRUE(strstr(got, " call unknown#") == NULL);
	if (update) {
		f = mkdirs(dir) == 0 ? fopen(path, "w") : NULL;
		EXPECT_TRUE(f != NULL);
		if (f) {
			fputs(got, f);
			EXPECT_INT(fclose(f), 0);
		}
	} else if (slurp(path, want, sizeof(want)) < 0) {
		fprintf(stderr, "%s: missing (make golden writes it)\n", path);
		EXPECT_TRUE(!"golden file present");
	} else {
		expect_checks++;
		if (strcmp(want, got) != 0) {
			expect_failures++;
			ngolden_differ++;
			show_difference(path, want, got);
		}
	}
	free(got);
}

/* A golden file that no program produces any more is stale: --update
 * removes it, a plain run fails on it. */
static void golden_stale(void)
{
	char dir[256], path[512];
	struct dirent *e;
	DIR *d;
	int i, stale = 0;

	snprintf(dir, sizeof(dir), "%s/%s", golden_root, golden_kernel);
	d = opendir(dir);
	if (!d)
		return;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);

		if (len < 6 || strcmp(e->d_name + len - 5, ".dump") != 0)
			continue;
		for (i = 0; i < ngolden_seen && strcmp(golden_seen[i], e->d_name); i++)
			;
		if (i < ngolden_seen)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (update) {
			remove(path);
		} else {
			fprintf(stderr, "%s: no program has this name any more (make golden removes it)\n",
				path);
			stale++;
		}
	}
	closedir(d);
	EXPECT_INT(stale, 0);
}

/* ---- the tests ----------------------------------------------------------- */

static struct built golden_built[64];
static int ngolden_built;

static void every_default_program_matches_its_golden_dump(void)
{
	const char *names[64];
	int n = default_set(names, 64), i, r;
	unsigned idx = 0;
	struct emit_prog *p = malloc(sizeof(*p));

	EXPECT_TRUE(n > 10 && n < 64);
	for (i = 0; i < n && ngolden_built < 64; i++) {
		struct built *b = &golden_built[ngolden_built];

		/* sys_idx counts the calls present, as tracer_select does */
		r = build(golden_kernel, names[i], idx, NULL, b);
		EXPECT_TRUE(r >= 0);
		if (r <= 0)
			continue;
		idx++;
		ngolden_built++;
		golden(&b->penter);
		check_invariants(&b->penter, &b->enter, &b->pp);
		if (b->pexit.n) {
			golden(&b->pexit);
			check_invariants(&b->pexit, &b->exit, &b->pp);
		}
		check_shape(b);
	}
	/* the five feature probes tracer_probe() loads */
	if (p) {
		emit_init(p, "probe_user_str");
		prog_probe_build(p, BPF_FUNC_probe_read_user_str);
		EXPECT_INT(emit_finish(p), 0);
		golden(p);
		emit_init(p, "probe_str");
		prog_probe_build(p, BPF_FUNC_probe_read_str);
		EXPECT_INT(emit_finish(p), 0);
		golden(p);
		emit_init(p, "probe_user");
		prog_probe_build(p, BPF_FUNC_probe_read_user);
		EXPECT_INT(emit_finish(p), 0);
		golden(p);
		emit_init(p, "probe");
		prog_probe_build(p, BPF_FUNC_probe_read);
		EXPECT_INT(emit_finish(p), 0);
		golden(p);
		/* the exec record's filename reader (5.5 and later) */
		emit_init(p, "probe_kernel_str");
		prog_probe_build(p, BPF_FUNC_probe_read_kernel_str);
		EXPECT_INT(emit_finish(p), 0);
		golden(p);
		free(p);
	}
	if (ngolden_differ)
		fprintf(stderr, "test_progs: %d programs differ from their golden dumps; if that is intended: make golden && git diff tests/golden\n",
			ngolden_differ);
	fprintf(stderr, "test_progs: %d syscalls of %s %s\n", ngolden_built,
		golden_kernel, update ? "written to tests/golden" : "compared with tests/golden");
}

/* Two builds of one program differ only in ctx loads, each of which reads
 * the same field (by its position in the format) in both layouts. Returns
 * how many ctx loads moved. */
static int only_offsets_differ(const struct emit_prog *a,
			       const struct tpformat *fa,
			       const struct emit_prog *b,
			       const struct tpformat *fb, const char *what)
{
	int i, moved = 0, bad = 0;

	if (a->n != b->n) {
		fprintf(stderr, "%s: %s has %d instructions, %d in %s\n", what,
			b->name, b->n, a->n, golden_kernel);
		EXPECT_INT(b->n, a->n);
		return 0;
	}
	for (i = 0; i < a->n; i++) {
		const struct bpf_insn *x = &a->insn[i], *y = &b->insn[i];
		unsigned fx, fy;

		if (memcmp(x, y, sizeof(*x)) == 0)
			continue;
		if (BPF_CLASS(x->code) == BPF_LDX && x->src_reg == R6 &&
		    x->code == y->code && x->dst_reg == y->dst_reg &&
		    y->src_reg == R6 && x->imm == y->imm) {
			for (fx = 0; fx < fa->nfields &&
				     fa->field[fx].offset != (unsigned)x->off; fx++)
				;
			for (fy = 0; fy < fb->nfields &&
				     fb->field[fy].offset != (unsigned)y->off; fy++)
				;
			if (fx < fa->nfields && fx == fy) {
				moved++;
				continue;
			}
		}
		fprintf(stderr, "%s: %s instruction %d differs from %s beyond a field offset\n",
			what, b->name, i, golden_kernel);
		bad++;
	}
	EXPECT_INT(bad, 0);
	return moved;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(a, b);
}

static int kernel_dirs(char dirs[][64], int max)
{
	struct dirent *e;
	DIR *d = opendir(fixtures);
	int n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)) && n < max) {
		char path[512];
		struct stat st;

		snprintf(path, sizeof(path), "%s/%s/syscalls", fixtures, e->d_name);
		if (e->d_name[0] != '.' && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
			snprintf(dirs[n++], 64, "%.63s", e->d_name);
	}
	closedir(d);
	qsort(dirs, (size_t)n, sizeof(dirs[0]), by_name);
	return n;
}

static void other_kernels_differ_only_where_their_formats_do(void)
{
	static struct built b;
	char dirs[32][64];
	int nk = kernel_dirs(dirs, 32), k, i, r;

	EXPECT_TRUE(nk >= 2);
	for (k = 0; k < nk; k++) {
		int built = 0, absent = 0, moved = 0;

		if (strcmp(dirs[k], golden_kernel) == 0)
			continue;
		for (i = 0; i < ngolden_built; i++) {
			const struct built *g = &golden_built[i];

			/* the same sys_idx as the golden build: only the
			 * format files differ */
			r = build(dirs[k], g->d.name, g->pp.sys_idx, NULL, &b);
			EXPECT_TRUE(r >= 0);
			if (r == 0)
				absent++;
			if (r <= 0)
				continue;
			built++;
			check_invariants(&b.penter, &b.enter, &b.pp);
			moved += only_offsets_differ(&g->penter, &g->enter,
						     &b.penter, &b.enter, dirs[k]);
			if (b.pexit.n) {
				check_invariants(&b.pexit, &b.exit, &b.pp);
				moved += only_offsets_differ(&g->pexit, &g->exit,
							     &b.pexit, &b.exit,
							     dirs[k]);
			}
			check_shape(&b);
		}
		EXPECT_TRUE(built > 10);
		fprintf(stderr, "test_progs: %s: %d syscalls built (%d without tracepoint), %d ctx loads moved\n",
			dirs[k], built, absent, moved);
	}
}

/* A made-up kernel whose syscall records carry 24 more bytes of header:
 * every field after the common ones moves. */
static void shift_fields(char *text, size_t cap)
{
	static char out[65536];
	char *line = text, *o = out;
	size_t left = sizeof(out);

	while (*line && left > 1) {
		size_t len = strcspn(line, "\n");
		char *off = strstr(line, "offset:");
		int n;

		if (off && off < line + len && !strstr(line, "common_") &&
		    strstr(line, "field:") < off) {
			unsigned v = (unsigned)strtoul(off + 7, NULL, 10);
			char *semi = strchr(off, ';');

			n = snprintf(o, left, "%.*soffset:%u%.*s\n",
				     (int)(off - line), line, v + 24,
				     (int)(line + len - semi), semi);
		} else {
			n = snprintf(o, left, "%.*s\n", (int)len, line);
		}
		if (n < 0 || (size_t)n >= left)
			break;
		o += n, left -= (size_t)n;
		line += len + (line[len] == '\n');
	}
	snprintf(text, cap, "%s", out);
}

static void no_field_offset_is_written_into_a_program(void)
{
	static struct built b;
	int i, moved_all = 1, total = 0;

	for (i = 0; i < ngolden_built; i++) {
		const struct built *g = &golden_built[i];
		int loads = 0, moved, j;

		EXPECT_INT(build(golden_kernel, g->d.name, g->pp.sys_idx,
				 shift_fields, &b), 1);
		for (j = 0; j < g->penter.n; j++)
			loads += BPF_CLASS(g->penter.insn[j].code) == BPF_LDX &&
				 g->penter.insn[j].src_reg == R6;
		for (j = 0; j < g->pexit.n; j++)
			loads += BPF_CLASS(g->pexit.insn[j].code) == BPF_LDX &&
				 g->pexit.insn[j].src_reg == R6;
		moved = only_offsets_differ(&g->penter, &g->enter, &b.penter,
					    &b.enter, "shifted layout");
		if (b.pexit.n)
			moved += only_offsets_differ(&g->pexit, &g->exit,
						     &b.pexit, &b.exit,
						     "shifted layout");
		total += moved;
		/* every ctx load followed the format, none stayed put */
		if (moved != loads) {
			fprintf(stderr, "shifted layout: %s: %d of %d ctx loads moved\n",
				g->d.name, moved, loads);
			moved_all = 0;
		}
		check_invariants(&b.penter, &b.enter, &b.pp);
		if (b.pexit.n)
			check_invariants(&b.pexit, &b.exit, &b.pp);
	}
	EXPECT_TRUE(moved_all);
	fprintf(stderr, "test_progs: fields moved by 24 bytes: %d ctx loads moved%s\n",
		total, moved_all ? ", all of them" : "");
}

/* openat with a 4-byte signed dfd and a 2-byte unsigned mode, as a kernel
 * that packed its records might describe them. */
static void replace(char *text, const char *old, const char *new_text)
{
	char *at = strstr(text, old);

	if (at && strlen(old) == strlen(new_text))
		memcpy(at, new_text, strlen(new_text));
}

static void narrow_fields(char *text, size_t cap)
{
	replace(text, "field:int dfd;\toffset:16;\tsize:8;\tsigned:0;",
		"field:int dfd;\toffset:16;\tsize:4;\tsigned:1;");
	replace(text, "field:umode_t mode;\toffset:40;\tsize:8;\tsigned:0;",
		"field:umode_t mode;\toffset:40;\tsize:2;\tsigned:0;");
}

static void a_narrow_field_is_loaded_at_its_size_and_widened_by_its_sign(void)
{
	static struct built b;
	const struct emit_prog *p = &b.penter;
	int i, dfd = -1, mode = -1;

	EXPECT_INT(build(golden_kernel, "openat", 0, narrow_fields, &b), 1);
	EXPECT_INT(b.pp.arg[0].size, 4);
	EXPECT_INT(b.pp.arg[3].size, 2);
	for (i = 0; i < p->n; i++) {
		if (p->insn[i].code == (BPF_LDX | BPF_MEM | BPF_W) &&
		    p->insn[i].src_reg == R6 && p->insn[i].off == 16)
			dfd = i;
		if (p->insn[i].code == (BPF_LDX | BPF_MEM | BPF_H) &&
		    p->insn[i].src_reg == R6 && p->insn[i].off == 40)
			mode = i;
	}
	EXPECT_TRUE(dfd > 0 && mode > 0);
	if (dfd < 0 || mode < 0)
		return;
	/* int: sign-extended by a shift pair, then saved as 64 bits */
	EXPECT_TRUE(p->insn[dfd + 1].code == (BPF_ALU64 | BPF_LSH | BPF_K) &&
		    p->insn[dfd + 1].imm == 32 && p->insn[dfd + 1].dst_reg == R1);
	EXPECT_TRUE(p->insn[dfd + 2].code == (BPF_ALU64 | BPF_ARSH | BPF_K) &&
		    p->insn[dfd + 2].imm == 32 && p->insn[dfd + 2].dst_reg == R1);
	EXPECT_TRUE(p->insn[dfd + 3].code == (BPF_STX | BPF_MEM | BPF_DW));
	/* umode_t: the load zero-extends; nothing else */
	EXPECT_TRUE(p->insn[mode + 1].code == (BPF_STX | BPF_MEM | BPF_DW));
	check_invariants(&b.penter, &b.enter, &b.pp);
}


/* A record with every field the caller owns written, then what
 * prog_record_task() and prog_record_captures() add. */
static void full_record(struct emit_prog *p, const struct prog_params *pp)
{
	int out, i;

	emit_init(p, "full_record");
	out = emit_new_label(p, "out");
	prog_record_prologue(p, pp, STOP_ALL, out);
	prog_record_scratch(p, pp, out);
	emit(p, ST_MEM(BPF_DW, RREC, REC_OFF(ts_enter), 0));
	emit(p, ST_MEM(BPF_DW, RREC, REC_OFF(ts_exit), 0));
	for (i = 0; i < REC_NARGS; i++)
		emit(p, ST_MEM(BPF_DW, RREC, (short)(REC_OFF(args) + 8 * i), 0));
	emit(p, ST_MEM(BPF_DW, RREC, REC_OFF(ret), 0));
	emit(p, ST_MEM(BPF_B, RREC, REC_OFF(flags), 0));
	prog_record_task(p, pp, REC_SYSCALL, 8);
	prog_record_captures(p, pp);
	prog_record_output(p, pp);
	emit_label(p, out);
	emit(p, MOV64_IMM(R0, 0));
	emit(p, EXIT());
	EXPECT_INT(emit_finish(p), 0);
}

/* The stale-byte check would catch the mistakes the verifier lets root
 * make: a key never stored, and a record sent with fields never written. */
static void the_stale_byte_check_catches_unwritten_bytes(void)
{
	static struct emit_prog p;
	struct prog_params pp;
	int out;

	stale_quiet = 1;
	memset(&pp, 0, sizeof(pp));
	common_params(&pp);
	pp.sys_idx = 1;

	/* a lookup whose key (fp-4) nothing stored */
	emit_init(&p, "stale_key");
	emit_ld_map_fd(&p, R1, FD_INFLIGHT);
	emit(&p, MOV64_REG(R2, R10));
	emit(&p, ALU64_IMM(BPF_ADD, R2, -4));
	emit(&p, CALL(BPF_FUNC_map_lookup_elem));
	emit(&p, MOV64_IMM(R0, 0));
	emit(&p, EXIT());
	EXPECT_INT(emit_finish(&p), 0);
	EXPECT_INT(stale_bytes(&p, &pp), 1);

	/* a record with only what prog_record_task() fills: times, args,
	 * ret and flags would be whatever the last event left */
	emit_init(&p, "stale_record");
	out = emit_new_label(&p, "out");
	prog_record_prologue(&p, &pp, STOP_ALL, out);
	prog_record_scratch(&p, &pp, out);
	prog_record_task(&p, &pp, REC_SYSCALL, 8);
	prog_record_captures(&p, &pp);
	prog_record_output(&p, &pp);
	emit_label(&p, out);
	emit(&p, MOV64_IMM(R0, 0));
	emit(&p, EXIT());
	EXPECT_INT(emit_finish(&p), 0);
	EXPECT_INT(stale_bytes(&p, &pp), 1);

	/* ... and the same with them written is clean, on every path,
	 * whatever it captures */
	full_record(&p, &pp);
	EXPECT_INT(stale_bytes(&p, &pp), 0);
	pp.cap[0] = (struct prog_cap){ CAP_STR, 0, 0, 0, 0 };
	pp.cap[1] = (struct prog_cap){ CAP_STRV, 1, 0, 0, 4 };
	full_record(&p, &pp);
	EXPECT_INT(stale_bytes(&p, &pp), 0);
	pp.cap[0] = (struct prog_cap){ CAP_BYTES, 1, 2, 0, 128 };
	pp.cap[1] = (struct prog_cap){ CAP_STRV, 3, 0, 0, 2 };
	full_record(&p, &pp);
	EXPECT_INT(stale_bytes(&p, &pp), 0);
	stale_quiet = 0;
}

/* The immediate of the first "if r8 > imm goto" at or after i, or -1. */
static long strv_limit(const struct emit_prog *p, int *i)
{
	for (; *i < p->n; (*i)++)
		if (p->insn[*i].code == (BPF_JMP | BPF_JGT | BPF_K) &&
		    p->insn[*i].dst_reg == RTMP)
			return p->insn[(*i)++].imm;
	return -1;
}

/* The verifier proves each capture stays inside the scratch value; this
 * says why it can, for any -s: before each string of a vector the program
 * checks that one more whole string still fits, so r8 + str_cap never
 * passes what prog_record_room() gave the map. */
static void a_vector_reads_a_string_only_while_a_whole_one_fits(void)
{
	static struct emit_prog p;
#define PATH { CAP_STR, 0, 0, 0, 0 }
#define ARGV(i, max) { CAP_STRV, i, 0, 0, max }
	static const struct {
		struct prog_cap cap[REC_NCAP];
		__u32 str_cap, budget;
	} cases[] = {
		/* execve as tracer_select sets it up for -s 256, 0, 32, 4096 */
		{ { PATH, ARGV(1, 32) }, 258, 4096 },
		{ { PATH, ARGV(1, 32) }, 2, 4096 },
		{ { PATH, ARGV(1, 32) }, 34, 4096 },
		{ { PATH, ARGV(1, 32) }, 4098, 16392 },
		/* a vector behind a buffer, and one alone */
		{ { { CAP_BYTES, 0, 1, 0, 96 }, ARGV(2, 3) }, 258, 1032 },
		{ { ARGV(0, 5), { CAP_NONE, 0, 0, 0, 0 } }, 100, 400 },
	};
#undef PATH
#undef ARGV
	struct prog_params pp;
	size_t c;

	for (c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		__u32 room, before = 0;
		int i = 0, k, nlimits = 0, bad = 0, v;
		long lim;

		memset(&pp, 0, sizeof(pp));
		common_params(&pp);
		pp.nargs = 4;
		memcpy(pp.cap, cases[c].cap, sizeof(pp.cap));
		pp.str_cap = cases[c].str_cap;
		pp.strv_budget = cases[c].budget;
		room = prog_record_room(&pp);
		for (v = 0; v < REC_NCAP && pp.cap[v].kind != CAP_STRV; v++)
			before += prog_cap_room(&pp, v);
		EXPECT_INT(room, REC_HDR_SIZE + before + cases[c].budget +
					 (v + 1 < REC_NCAP
						  ? prog_cap_room(&pp, v + 1)
						  : 0));
		emit_init(&p, "strv");
		prog_record_captures(&p, &pp);
		emit(&p, MOV64_IMM(R0, 0));
		emit(&p, EXIT());
		EXPECT_INT(emit_finish(&p), 0);
		for (k = 0; (lim = strv_limit(&p, &i)) >= 0; k++) {
			nlimits++;
			/* r8 <= lim here, and the string ends within the
			 * vector's own room */
			if (lim + pp.str_cap > before + pp.strv_budget)
				bad++;
		}
		EXPECT_INT(nlimits, pp.cap[v].max);
		EXPECT_INT(bad, 0);
		EXPECT_INT(count_calls(&p, pp.probe_read_str),
			   pp.cap[v].max + (pp.cap[0].kind == CAP_STR));
	}
}


/* ---- scope, lineage and summary programs ------------------------------- */

static const char *const sched_events[3] = {
	"sched_process_fork", "sched_process_exec", "sched_process_exit",
};

struct sched_fmts {
	struct tpformat f[3]; /* fork, exec, exit */
	struct prog_sched_params sp;
};

static int sched_field(const struct tpformat *f, const char *name,
		       unsigned size, __u16 *off)
{
	const struct tpfield *fld = tpformat_field(f, name);

	if (!fld || fld->size != size)
		return -1;
	*off = (__u16)fld->offset;
	return 0;
}

/* The three formats of kernel and the offsets scope_select() takes from
 * them. 1 read, 0 absent, -1 broken (said). */
static int sched_load(const char *kernel, struct sched_fmts *sf,
		      rewrite_fn rewrite)
{
	int i, r;

	memset(&sf->sp, 0, sizeof(sf->sp));
	for (i = 0; i < 3; i++)
		if ((r = load_format_in(kernel, "sched", sched_events[i],
					&sf->f[i], rewrite)) <= 0)
			return r;
	sf->sp.exit_group_dead_off = 0xffff;
	if (sched_field(&sf->f[0], "child_pid", 4, &sf->sp.fork_child_off) ||
	    sched_field(&sf->f[1], "filename", 4, &sf->sp.exec_filename_off) ||
	    sched_field(&sf->f[1], "old_pid", 4, &sf->sp.exec_old_pid_off)) {
		fprintf(stderr, "%s: a sched format lacks a field the programs need\n",
			kernel);
		return -1;
	}
	sched_field(&sf->f[2], "group_dead", 1, &sf->sp.exit_group_dead_off);
	sf->sp.probe_read_kernel_str = BPF_FUNC_probe_read_kernel_str;
	return 1;
}

/* The parameters scope_load() gives the scheduler programs: the common
 * ones of the syscall programs, no syscall of their own. */
static void sched_common(struct prog_params *pp)
{
	memset(pp, 0, sizeof(*pp));
	common_params(pp);
	pp->scope_fd = FD_SCOPE;
}

enum { FORK, EXEC, PEXIT };

struct sched_variant {
	const char *name;   /* of the golden file */
	int which;
	int follow, lineage;
	unsigned ncomm;
	int exit_record;    /* records mode: say when a process ends */
	int unscoped;       /* no scope map: every process */
};

/* Two -c names: a short one and one of the 15 bytes a comm holds. */
static const char comm_names[2][16] = { "python3", "vllm-worker-123" };

static const struct sched_variant sched_variants[] = {
	/* -f -p PID, or a command: children join, lineage logged */
	{ "sched_process_fork.follow.lineage", FORK, 1, 1, 0, 0, 0 },
	/* -p PID: lineage only, children stay out */
	{ "sched_process_fork.lineage", FORK, 0, 1, 0, 0, 0 },
	/* -S -f -p PID: children join, no records in summary mode */
	{ "sched_process_fork.follow", FORK, 1, 0, 0, 0, 0 },
	/* -p PID or a command: the exec line */
	{ "sched_process_exec.lineage", EXEC, 1, 1, 0, 0, 0 },
	/* -c python3 -c vllm-worker-123 */
	{ "sched_process_exec.comm2.lineage", EXEC, 0, 1, 2, 0, 0 },
	/* -S -c ... */
	{ "sched_process_exec.comm2", EXEC, 0, 0, 2, 0, 0 },
	/* -S -p PID: the end of a process in scope */
	{ "sched_process_exit", PEXIT, 0, 1, 0, 0, 0 },
	/* -p PID: and a record of it, for the fd tables */
	{ "sched_process_exit.records", PEXIT, 0, 1, 0, 1, 0 },
	/* no scope: the record alone */
	{ "sched_process_exit.unscoped", PEXIT, 0, 0, 0, 1, 1 },
};

static void build_sched(struct emit_prog *p, const char *name, int which,
			const struct prog_params *pp,
			const struct prog_sched_params *sp)
{
	static void (*const fn[3])(struct emit_prog *, const struct prog_params *,
				   const struct prog_sched_params *) = {
		prog_fork_build, prog_exec_build, prog_pexit_build,
	};

	emit_init(p, name);
	fn[which](p, pp, sp);
	EXPECT_INT(emit_finish(p), 0);
	if (p->err[0])
		fprintf(stderr, "%s: %s\n", name, p->err);
}

static void sched_variant_params(const struct sched_variant *v,
				 const struct sched_fmts *sf,
				 struct prog_params *pp,
				 struct prog_sched_params *sp)
{
	sched_common(pp);
	*sp = sf->sp;
	sp->follow = v->follow;
	sp->lineage = v->lineage;
	sp->ncomm = v->ncomm;
	sp->exit_record = v->exit_record;
	if (v->unscoped)
		pp->scope_fd = -1;
	memcpy(sp->comm, comm_names, sizeof(comm_names));
}

static int count_map_calls(const struct emit_prog *p, int helper, int fd)
{
	int i, n = 0, last = -1;

	for (i = 0; i < p->n; i++) {
		if (is_ld_imm64(&p->insn[i]) && p->insn[i].dst_reg == R1 &&
		    p->insn[i].src_reg == BPF_PSEUDO_MAP_FD)
			last = p->insn[i].imm;
		if (p->insn[i].code == (BPF_JMP | BPF_CALL) &&
		    p->insn[i].imm == helper && last == fd)
			n++;
	}
	return n;
}

/* The plain 64-bit constants of p, in order. */
static int constants(const struct emit_prog *p, __u64 *out, int max)
{
	int i, n = 0;

	for (i = 0; i + 1 < p->n; i++)
		if (is_ld_imm64(&p->insn[i]) && p->insn[i].src_reg == 0) {
			if (n < max)
				out[n++] = (__u64)(__u32)p->insn[i].imm |
					   (__u64)(__u32)p->insn[i + 1].imm << 32;
			i++;
		}
	return n;
}

static __u64 comm_word(const char *name, int half)
{
	__u64 w = 0;
	int b;

	for (b = 0; b < 8; b++)
		w |= (__u64)(unsigned char)name[8 * half + b] << (8 * b);
	return w;
}

/* What each variant does follows from its options. */
static void check_sched(const struct emit_prog *p, const struct sched_variant *v,
			const struct prog_sched_params *sp)
{
	int outputs = count_calls(p, BPF_FUNC_perf_event_output);
	int adds = count_map_calls(p, BPF_FUNC_map_update_elem, FD_SCOPE);
	int looks = count_map_calls(p, BPF_FUNC_map_lookup_elem, FD_SCOPE);
	int dels = count_map_calls(p, BPF_FUNC_map_delete_elem, FD_SCOPE);

	switch (v->which) {
	case FORK:
		/* in the parent: only a parent in scope; the child joins
		 * with -f; a record with lineage */
		EXPECT_INT(looks, 1);
		EXPECT_INT(adds, v->follow);
		EXPECT_INT(outputs, v->lineage);
		EXPECT_INT(dels, 0);
		EXPECT_INT(count_calls(p, BPF_FUNC_probe_read_kernel_str), 0);
		break;
	case EXEC: {
		__u64 c[8];
		int n = constants(p, c, 8), i;

		/* a -c name enters the scope (one add per name), then the
		 * scope decides; the file name is read with lineage */
		EXPECT_INT(looks, 1);
		EXPECT_INT(adds, (int)v->ncomm);
		EXPECT_INT(outputs, v->lineage);
		EXPECT_INT(dels, 0);
		EXPECT_INT(count_calls(p, BPF_FUNC_probe_read_kernel_str),
			   v->lineage);
		EXPECT_INT(count_calls(p, BPF_FUNC_get_current_comm),
			   (v->ncomm > 0) + v->lineage);
		/* each name as two little-endian words, NUL-padded */
		EXPECT_INT(n, 2 * (int)v->ncomm);
		for (i = 0; i < n && i < 2 * (int)v->ncomm; i++)
			EXPECT_TRUE(c[i] == comm_word(sp->comm[i / 2], i % 2));
		break;
	}
	case PEXIT: {
		int i, ctx_loads = 0;

		/* a thread's tid and a dead process's tgid leave the scope;
		 * with records (and group_dead), a record of a dead process
		 * (in scope: that the delete found it) */
		EXPECT_INT(dels, v->unscoped ? 0 : 2);
		EXPECT_INT(adds + looks, 0);
		EXPECT_INT(outputs, v->exit_record);
		for (i = 0; i < p->n; i++)
			if (BPF_CLASS(p->insn[i].code) == BPF_LDX &&
			    p->insn[i].src_reg == R6) {
				ctx_loads++;
				EXPECT_INT(p->insn[i].off, sp->exit_group_dead_off);
				EXPECT_INT(BPF_SIZE(p->insn[i].code), BPF_B);
			}
		EXPECT_INT(ctx_loads, sp->exit_group_dead_off != 0xffff);
		break;
	}
	}
}

static struct emit_prog sched_golden[16];
static int nsched_golden;

static void the_scheduler_programs_match_their_golden_dumps(void)
{
	static struct sched_fmts sf, old;
	struct prog_params pp;
	struct prog_sched_params sp;
	size_t v;

	EXPECT_INT(sched_load(golden_kernel, &sf, NULL), 1);
	/* this kernel's sched_process_exit says whether the whole process
	 * died (newer than 6.12): the exit program reads it */
	EXPECT_TRUE(sf.sp.exit_group_dead_off != 0xffff);
	for (v = 0; v < sizeof(sched_variants) / sizeof(sched_variants[0]); v++) {
		const struct sched_variant *sv = &sched_variants[v];
		struct emit_prog *p = &sched_golden[nsched_golden++];

		sched_variant_params(sv, &sf, &pp, &sp);
		build_sched(p, sv->name, sv->which, &pp, &sp);
		golden(p);
		check_invariants(p, &sf.f[sv->which], &pp);
		check_sched(p, sv, &sp);
	}
	/* up to 6.12 there is no group_dead: the leader's exit ends the
	 * process. Built from 5.10's format, pinned beside the others. */
	EXPECT_INT(sched_load("5.10-x86_64", &old, NULL), 1);
	EXPECT_TRUE(old.sp.exit_group_dead_off == 0xffff);
	{
		struct emit_prog *p = &sched_golden[nsched_golden++];
		static const struct sched_variant leader = {
			.name = "sched_process_exit.no_group_dead",
			.which = PEXIT, .lineage = 1,
		};

		sched_variant_params(&leader, &old, &pp, &sp);
		build_sched(p, leader.name, PEXIT, &pp, &sp);
		golden(p);
		check_invariants(p, &old.f[PEXIT], &pp);
		check_sched(p, &leader, &sp);
	}
}

/* The exec program reads the file name into the scratch record: HDR +
 * str_cap bytes, whatever the syscall set needs. */
static void the_exec_record_fits_the_string_it_reads(void)
{
	static struct sched_fmts sf;
	static struct emit_prog p;
	struct prog_params pp;
	struct prog_sched_params sp;
	int i, len = -1;

	EXPECT_INT(sched_load(golden_kernel, &sf, NULL), 1);
	sched_variant_params(&sched_variants[3], &sf, &pp, &sp);
	build_sched(&p, "exec", EXEC, &pp, &sp);
	/* r2 = str_cap just before the call */
	for (i = 1; i < p.n; i++)
		if (p.insn[i].code == (BPF_JMP | BPF_CALL) &&
		    p.insn[i].imm == BPF_FUNC_probe_read_kernel_str &&
		    p.insn[i - 1].code == (BPF_ALU64 | BPF_MOV | BPF_K) &&
		    p.insn[i - 1].dst_reg == R2)
			len = p.insn[i - 1].imm;
	EXPECT_INT(len, STR_CAP);
}

/* Syscall programs for -p/-c/COMMAND (the scope check) and -S (counts). */
struct sys_variant {
	const char *name, *sys;
	int enter;         /* the sys_enter program, else sys_exit */
	int scope, stats, per_process;
};

static const struct sys_variant sys_variants[] = {
	{ "sys_enter_openat.scope", "openat", 1, 1, 0, 0 },
	{ "sys_exit_openat.scope", "openat", 0, 1, 0, 0 },
	{ "sys_exit_read.summary", "read", 0, 0, 1, 0 },
	{ "sys_exit_read.summary.per_process", "read", 0, 0, 1, 1 },
	{ "sys_exit_read.scope.summary", "read", 0, 1, 1, 0 },
	{ "sys_enter_exit_group.summary", "exit_group", 1, 0, 1, 0 },
	{ "sys_enter_exit_group.summary.per_process", "exit_group", 1, 0, 1, 1 },
};

/* Is instruction i "r2 = r10; r2 += FP_TGID_KEY" then a scope lookup? */
static int scope_lookup_at(const struct emit_prog *p, int i)
{
	return i + 4 < p->n && is_ld_imm64(&p->insn[i]) &&
	       p->insn[i].imm == FD_SCOPE &&
	       p->insn[i + 3].code == (BPF_ALU64 | BPF_ADD | BPF_K) &&
	       p->insn[i + 3].imm == FP_TGID_KEY &&
	       p->insn[i + 4].code == (BPF_JMP | BPF_CALL) &&
	       p->insn[i + 4].imm == BPF_FUNC_map_lookup_elem;
}

static void check_sys_variant(const struct sys_variant *v, const struct built *b,
			      const struct emit_prog *p)
{
	int i, lookup = -1, ktime = -1, atomics = 0, tgid_key = 0;

	for (i = 0; i < p->n; i++) {
		if (lookup < 0 && scope_lookup_at(p, i))
			lookup = i;
		if (ktime < 0 && p->insn[i].code == (BPF_JMP | BPF_CALL) &&
		    p->insn[i].imm == BPF_FUNC_ktime_get_ns)
			ktime = i;
		if (p->insn[i].code == (BPF_STX | BPF_DW | 0xc0))
			atomics++;
		/* the key's tgid: r1 = r7 >> 32 stored at the key */
		if (p->insn[i].code == (BPF_ALU64 | BPF_MOV | BPF_X) &&
		    p->insn[i].src_reg == R7 && p->insn[i].dst_reg == R1 &&
		    i + 2 < p->n && p->insn[i + 2].code == (BPF_STX | BPF_W | BPF_MEM) &&
		    p->insn[i + 2].dst_reg == R10 && p->insn[i + 2].src_reg == R1 &&
		    p->insn[i + 2].off == FP_CAP_BASE)
			tgid_key = 1;
	}
	/* out of scope costs a lookup, before the clock is read */
	if (v->scope) {
		EXPECT_TRUE(lookup > 0);
		EXPECT_TRUE(ktime > lookup);
	} else {
		EXPECT_INT(lookup, -1);
	}
	EXPECT_INT(count_map_calls(p, BPF_FUNC_map_lookup_elem, FD_SCOPE), v->scope);
	if (!v->stats) {
		EXPECT_INT(count_calls(p, BPF_FUNC_perf_event_output),
			   !v->enter || b->pp.shape != SHAPE_JOIN);
		return;
	}
	/* counts: no record; the first call of a key inserts zeros
	 * (NOEXIST), then calls, errors and time are added atomically */
	EXPECT_INT(count_calls(p, BPF_FUNC_perf_event_output), 0);
	EXPECT_INT(count_map_calls(p, BPF_FUNC_map_update_elem, FD_STATS), 1);
	EXPECT_INT(count_map_calls(p, BPF_FUNC_map_lookup_elem, FD_STATS), 2);
	/* calls, errors, time; and the counter of calls a full map left out */
	EXPECT_INT(atomics, 4);
	EXPECT_INT(count_map_calls(p, BPF_FUNC_map_lookup_elem, FD_COUNTERS), 1);
	EXPECT_INT(tgid_key, v->per_process);
	if (v->enter) {
		/* a call that never returns: nothing to join */
		EXPECT_INT(b->pp.shape, SHAPE_NO_RETURN);
		EXPECT_INT(count_map_calls(p, BPF_FUNC_map_update_elem, FD_INFLIGHT), 0);
	} else {
		/* the entry is joined and deleted, the return value read */
		EXPECT_INT(count_map_calls(p, BPF_FUNC_map_delete_elem, FD_INFLIGHT), 1);
		EXPECT_INT(count_map_calls(p, BPF_FUNC_map_lookup_elem, FD_INFLIGHT), 1);
	}
}

static void the_scope_and_summary_syscall_programs_match_their_golden_dumps(void)
{
	static struct built b;
	const char *names[64];
	int n = default_set(names, 64), i;
	size_t v;

	for (v = 0; v < sizeof(sys_variants) / sizeof(sys_variants[0]); v++) {
		const struct sys_variant *sv = &sys_variants[v];
		struct emit_prog *p;
		unsigned idx;

		/* sys_idx as in the default set */
		for (i = 0, idx = 0; i < n && strcmp(names[i], sv->sys); i++)
			idx++;
		EXPECT_INT(build(golden_kernel, sv->sys, idx, NULL, &b), 1);
		b.pp.scope_fd = sv->scope ? FD_SCOPE : -1;
		b.pp.stats_fd = sv->stats ? FD_STATS : -1;
		b.pp.stats_per_process = sv->per_process;
		if (sv->stats) {
			/* as tracer_select() sets up -S: nothing captured */
			memset(b.pp.cap, 0, sizeof(b.pp.cap));
			if (b.pp.shape == SHAPE_ENTER_STRINGS)
				b.pp.shape = SHAPE_JOIN;
		}
		p = sv->enter ? &b.penter : &b.pexit;
		emit_init(p, sv->name);
		if (sv->enter)
			prog_enter_build(p, &b.pp);
		else
			prog_exit_build(p, &b.pp);
		EXPECT_INT(emit_finish(p), 0);
		golden(p);
		check_invariants(p, sv->enter ? &b.enter : &b.exit, &b.pp);
		check_sys_variant(sv, &b, p);
	}
}

/* Every fixture kernel builds the scheduler programs; they differ from
 * the pinned ones only in ctx offsets (sched_process_fork's layout
 * changed between 6.1 and 6.18), and in group_dead where a kernel lacks
 * it. A made-up layout with every field 24 bytes on moves every load. */
static void sched_programs_follow_every_kernel_layout(void)
{
	static struct sched_fmts sf;
	static struct emit_prog p;
	char dirs[32][64];
	int nk = kernel_dirs(dirs, 32), k, built = 0, moved = 0, r;
	struct prog_params pp;
	struct prog_sched_params sp;
	size_t v;

	for (k = 0; k <= nk; k++) {
		const char *kernel = k < nk ? dirs[k] : golden_kernel;
		rewrite_fn rw = k < nk ? NULL : shift_fields;

		r = sched_load(kernel, &sf, rw);
		EXPECT_INT(r, 1);
		if (r <= 0)
			continue;
		built++;
		for (v = 0; v < sizeof(sched_variants) / sizeof(sched_variants[0]); v++) {
			const struct sched_variant *sv = &sched_variants[v];
			/* the exit program without group_dead is the last golden */
			const struct emit_prog *g =
				sv->which == PEXIT && sf.sp.exit_group_dead_off == 0xffff
					? &sched_golden[nsched_golden - 1]
					: &sched_golden[v];
			static struct sched_fmts gf;
			const struct tpformat *gfmt;

			sched_variant_params(sv, &sf, &pp, &sp);
			build_sched(&p, g->name, sv->which, &pp, &sp);
			check_invariants(&p, &sf.f[sv->which], &pp);
			check_sched(&p, sv, &sp);
			/* without group_dead, only the -S exit program has a
			 * golden of its own (the last) */
			if (g != &sched_golden[v] && (sv->exit_record || sv->unscoped))
				continue;
			sched_load(g == &sched_golden[v] ? golden_kernel : "5.10-x86_64",
				   &gf, NULL);
			gfmt = &gf.f[sv->which];
			moved += only_offsets_differ(g, gfmt, &p, &sf.f[sv->which],
						     rw ? "shifted layout" : kernel);
		}
	}
	EXPECT_TRUE(built == nk + 1);
	fprintf(stderr, "test_progs: scheduler programs of %d kernels and a shifted layout: %d ctx loads moved\n",
		built - 1, moved);
}

/* The index of the first jump at or after `from` that compares against
 * imm with JEQ and lands beyond `past`, or -1. */
static int jeq_past(const struct emit_prog *p, int from, int to, __s32 imm,
		    int past)
{
	int i;

	for (i = from; i < to; i++) {
		const struct bpf_insn *in = &p->insn[i];

		if (in->code == (BPF_JMP | BPF_JEQ | BPF_K) && in->imm == imm &&
		    i + 1 + in->off > past)
			return i;
	}
	return -1;
}

/* --kill-on in the kernel: SIGKILL, flagged in the record, but never to
 * the tracer's parent or init: both are compared (tgid = r7 >> 32) and
 * jump past the send_signal call. For a path rule and a syscall rule. */
static void the_kernel_kill_spares_the_tracers_parent_and_init(void)
{
	static struct built b;
	static struct emit_prog p;
	int v, i, call;

	if (build(golden_kernel, "openat", 0, NULL, &b) != 1) {
		EXPECT_TRUE(0);
		return;
	}
	for (v = 0; v < 2; v++) {
		struct prog_params pp = b.pp;

		pp.send_signal = BPF_FUNC_send_signal;
		if (v == 0) {
			pp.nkill = 1;
			strcpy(pp.kill[0].lit, "/etc/shadow");
			pp.kill[0].len = 11;
			pp.kill[0].exact = 1;
		} else {
			pp.kill_always = 1;
		}
		emit_init(&p, "sys_exit_openat");
		prog_exit_build(&p, &pp);
		EXPECT_INT(emit_finish(&p), 0);
		call = -1;
		for (i = 0; i < (int)p.n; i++)
			if (p.insn[i].code == (BPF_JMP | BPF_CALL) &&
			    p.insn[i].imm == BPF_FUNC_send_signal)
				call = i;
		EXPECT_TRUE(call > 0);
		if (call <= 0)
			continue;
		EXPECT_INT(count_calls(&p, BPF_FUNC_send_signal), 1);
		EXPECT_TRUE(jeq_past(&p, 0, call, PARENT_TGID, call) >= 0);
		EXPECT_TRUE(jeq_past(&p, 0, call, 1, call) >= 0);
		/* both compare the tgid: r7 (pid_tgid) shifted right by 32 */
		i = jeq_past(&p, 0, call, PARENT_TGID, call);
		EXPECT_TRUE(i >= 2 &&
			    p.insn[i - 2].code == (BPF_ALU64 | BPF_MOV | BPF_X) &&
			    p.insn[i - 2].src_reg == RPID &&
			    p.insn[i - 1].code == (BPF_ALU64 | BPF_RSH | BPF_K) &&
			    p.insn[i - 1].imm == 32 &&
			    p.insn[i].dst_reg == p.insn[i - 1].dst_reg);
	}
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "--update") == 0) {
		update = 1;
	} else if (argc != 1) {
		fprintf(stderr, "usage: test_progs [--update]\n");
		return 2;
	}
	every_default_program_matches_its_golden_dump();
	other_kernels_differ_only_where_their_formats_do();
	no_field_offset_is_written_into_a_program();
	a_narrow_field_is_loaded_at_its_size_and_widened_by_its_sign();
	the_stale_byte_check_catches_unwritten_bytes();
	a_vector_reads_a_string_only_while_a_whole_one_fits();
	the_scheduler_programs_match_their_golden_dumps();
	the_exec_record_fits_the_string_it_reads();
	the_scope_and_summary_syscall_programs_match_their_golden_dumps();
	sched_programs_follow_every_kernel_layout();
	the_kernel_kill_spares_the_tracers_parent_and_init();
	golden_stale();
	return expect_summary("test_progs");
}
