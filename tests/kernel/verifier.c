/* Verifier tests against the running kernel, table-driven like the
 * kernel's own verifier selftests:
 *
 *   ACCEPT  every sys_enter/sys_exit program of the default set, generated
 *           from THIS kernel's format files with real maps sized as the
 *           tracer sizes them, for -s 0, 32, 256 and 4096 (string
 *           capacities 2, 34, 258, 4098; argv budgets 4096 to 16392),
 *           with both pairs of user-memory helpers (probe_read_user_str
 *           and probe_read_user, and the probe_read_str and probe_read
 *           kernels before 5.5 have); the captures (execve's path and
 *           argv, connect's socket address, clone3's clone_args) are in
 *           every round. Plus the five feature probes. For each, the dump
 *           is compared line by line with the instructions the verifier's
 *           log prints, so --dump-progs and -v read side by side.
 *   ACCEPT  the scheduler programs (sched_process_fork, _exec, _exit)
 *           of every option set that loads them: -f -p/a command with
 *           lineage, -p alone, -c names, -S with and without --per-process,
 *           and the syscall programs with the scope check and in summary
 *           mode, with the scope and stats maps made by src/scope.c; the
 *           exec record with both filename readers; and -p with a syscall
 *           set that captures no strings (-e read), whose scratch record
 *           must still hold the exec's filename.
 *   REJECT  small, deliberately broken programs written with the same
 *           macros, each of which must be refused with the expected text in
 *           the verifier's log: this proves the -v path can show why.
 *
 * Needs root, tracefs and bpf(). Otherwise prints "SKIP: <reason>" and
 * exits 77, or 1 when AITRACE_TEST_STRICT=1 (CI, where a skip would hide a
 * broken kernel set-up). Exits 0 only when every case behaved.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "dump.h"
#include "emit.h"
#include "load.h"
#include "progs.h"
#include "prog_record.h"
#include "sys.h"
#include "syscalls.h"
#include "tracefs.h"
#include "tracer.h"

#define EXIT_SKIP 77

static char logbuf[1 << 25]; /* log_level 2 logs every state: the argv program needs ~10 MiB */
static char dumpbuf[1 << 17]; /* execve's unrolled argv: ~30 KB */
static struct emit_prog prog;
static int failures, cases;

/* ---- reporting ------------------------------------------------------------ */

/* The line of log holding want, or else its last line before the
 * "processed N insns" summary: where the verifier says why. */
static const char *log_reason(const char *log, const char *want, int *len)
{
	const char *line = log, *last = NULL, *hit = want ? strstr(log, want) : NULL;

	if (hit) {
		while (hit > log && hit[-1] != '\n')
			hit--;
		*len = (int)strcspn(hit, "\n");
		return hit;
	}
	while (*line) {
		int n = (int)strcspn(line, "\n");

		if (n && strncmp(line, "processed ", 10) != 0)
			last = line;
		line += n + (line[n] == '\n');
	}
	if (!last)
		last = "(empty log)";
	*len = (int)strcspn(last, "\n");
	return last;
}

/* The "processed N insns ..." summary of an accepted program. */
static const char *log_summary(const char *log, int *len)
{
	const char *s = strstr(log, "processed ");

	if (!s)
		s = "(no summary in the log)";
	*len = (int)strcspn(s, "\n");
	return s;
}

static void print_log_tail(const char *log, int lines)
{
	const char *p = log + strlen(log);

	while (p > log && p[-1] == '\n')
		p--;
	while (p > log && lines > 0)
		if (*--p == '\n')
			lines--;
	if (*p == '\n')
		p++;
	while (*p) {
		int n = (int)strcspn(p, "\n");

		printf("       | %.*s\n", n, p);
		p += n + (p[n] == '\n');
	}
}

/* ---- the dump against the log -------------------------------------------- */

/* Every instruction line of our dump ("12: (85) call bpf_ktime_get_ns#5")
 * must be how the verifier printed instruction 12, up to the register state
 * it appends after spaces. The map load is the one known difference: the
 * log shows the map's address where we show its fd. Instructions the
 * verifier never visited (dead branches) are not in the log. Returns the
 * number of lines that disagree. */
static int dump_matches_log(const struct emit_prog *p, const char *log,
			    int *compared, int *unvisited)
{
	const char *d = dumpbuf;
	int bad = 0;

	dump_prog(p, dumpbuf, sizeof(dumpbuf));
	*compared = *unvisited = 0;
	for (; *d; d += strcspn(d, "\n") + (d[strcspn(d, "\n")] == '\n')) {
		int n = (int)strcspn(d, "\n"), keylen, found = 0, ok = 0;
		const char *close = memchr(d, ')', (size_t)n), *l;
		int is_map = strstr(d, "= map[fd:") && strstr(d, "= map[fd:") < d + n;

		if (*d == ';' || !close)
			continue;
		keylen = (int)(close - d) + 2; /* "12: (85) " */
		for (l = log; *l; l += strcspn(l, "\n") + (l[strcspn(l, "\n")] == '\n')) {
			int ln = (int)strcspn(l, "\n");
			char after;

			if (ln < keylen || strncmp(l, d, (size_t)keylen) != 0 ||
			    (l != log && l[-1] != '\n'))
				continue;
			found = 1;
			if (is_map) {
				/* "r1 = map[fd:5]" against "r1 = 0xffff..." */
				int eq = (int)(strstr(d, "= map[fd:") - d) + 2;

				ok = ln > eq && strncmp(l, d, (size_t)eq) == 0 &&
				     (strncmp(l + eq, "0x", 2) == 0 ||
				      strncmp(l + eq, "map[", 4) == 0);
			} else {
				after = ln > n ? l[n] : '\0';
				ok = ln >= n && strncmp(l, d, (size_t)n) == 0 &&
				     (after == '\0' || after == ' ' || after == '\n');
			}
			if (!ok) {
				if (bad < 3)
					printf("       dump: %.*s\n        log: %.*s\n",
					       n, d, ln, l);
				break;
			}
		}
		if (!found)
			(*unvisited)++;
		else if (ok)
			(*compared)++;
		else
			bad++;
	}
	return bad;
}

/* ---- loading a case --------------------------------------------------------- */

/* Load p through load_prog_log(), the -v path; it must be accepted
 * (want == NULL) or refused with want in the log, or, with either set,
 * refused with want or accepted. Prints one line per case and, when it
 * misbehaves, the log's tail. */
static void expect_verdict(const struct emit_prog *p, const char *what,
			   const char *want, int either)
{
	int fd, len, compared = 0, unvisited = 0, bad = 0;
	const char *s;

	cases++;
	if (p->err[0]) {
		printf("FAIL %s %s: cannot generate: %s\n", want ? "REJECT" : "ACCEPT",
		       what, p->err);
		failures++;
		return;
	}
	fd = load_prog_log(p, logbuf, sizeof(logbuf));
	if (!want) {
		if (fd >= 0) {
			close(fd);
			/* level 1 keeps no trace of a program that passed: load
			 * it again with every instruction and state logged */
			fd = sys_bpf_prog_load(BPF_PROG_TYPE_TRACEPOINT, p->insn,
					       (unsigned)p->n, "GPL", p->name, 2,
					       logbuf, sizeof(logbuf));
			if (fd < 0) {
				printf("FAIL ACCEPT %s: accepted, then refused with log level 2 (%s)\n",
				       what, strerror(-fd));
				failures++;
				return;
			}
			close(fd);
			bad = dump_matches_log(p, logbuf, &compared, &unvisited);
			s = log_summary(logbuf, &len);
			printf("%s ACCEPT %s: %.*s; the dump reads as the log on %d lines (%d not visited)",
			       bad ? "FAIL" : "ok  ", what, len, s, compared,
			       unvisited);
			if (bad)
				printf(", differs on %d", bad);
			printf("\n");
			failures += bad != 0;
			return;
		}
		s = log_reason(logbuf, NULL, &len);
		printf("FAIL ACCEPT %s: rejected (%s): %.*s\n", what,
		       strerror(-fd), len, s);
		print_log_tail(logbuf, 12);
		failures++;
		return;
	}
	if (fd >= 0 && either) {
		printf("ok   EITHER %s: accepted by this kernel (for root)\n", what);
		close(fd);
		return;
	}
	if (fd >= 0) {
		printf("FAIL REJECT %s: accepted, expected \"%s\"\n", what, want);
		close(fd);
		failures++;
		return;
	}
	s = log_reason(logbuf, want, &len);
	if (!strstr(logbuf, want)) {
		printf("FAIL REJECT %s: rejected (%s) without \"%s\": %.*s\n",
		       what, strerror(-fd), want, len, s);
		print_log_tail(logbuf, 8);
		failures++;
		return;
	}
	printf("ok   %s %s: %.*s\n", either ? "EITHER" : "REJECT", what, len,
	       s);
}

/* ---- ACCEPT: the tracer's own programs ------------------------------------------ */

static const char *helper_name(int helper)
{
	switch (helper) {
	case BPF_FUNC_probe_read_user_str: return "probe_read_user_str";
	case BPF_FUNC_probe_read_str: return "probe_read_str";
	case BPF_FUNC_probe_read_user: return "probe_read_user";
	case BPF_FUNC_probe_read: return "probe_read";
	}
	return "?";
}

/* What tracer_load() gives every program besides the syscall's own part. */
static void fill_common(const struct tracer *t, struct prog_params *pp)
{
	pp->inflight_fd = t->inflight_fd;
	pp->scratch_fd = t->scratch_fd;
	pp->events_fd = t->events_fd;
	pp->counters_fd = t->counters_fd;
	pp->ctl_fd = t->ctl_fd;
	pp->scope_fd = t->scope_fd;
	pp->stats_fd = t->stats_fd;
	pp->max_cpus = (__u32)t->max_cpus;
	pp->self_tgid = (__u32)getpid();
	pp->probe_read_str = t->probe_read_str;
	pp->probe_read = t->probe_read;
	pp->str_cap = t->str_cap;
	pp->strv_budget = t->strv_budget;
}

/* "sys_enter_execve [str_cap 258, probe_read_user_str, probe_read_user,
 * captures str+strv]" */
static void describe_case(char *what, size_t cap, const char *name,
			  const struct tracer *t, const struct prog_params *pp)
{
	static const char *const kind[] = { "-", "str", "bytes", "strv" };
	int n;

	n = snprintf(what, cap, "%s [str_cap %u, %s, %s", name, t->str_cap,
		     helper_name(t->probe_read_str),
		     helper_name(t->probe_read));
	if (prog_record_has_captures(pp) && n > 0 && (size_t)n < cap)
		n += snprintf(what + n, cap - (size_t)n, ", captures %s+%s",
			      kind[pp->cap[0].kind & 3],
			      kind[pp->cap[1].kind & 3]);
	if (n > 0 && (size_t)n < cap)
		snprintf(what + n, cap - (size_t)n, "]");
}

static void accept_all(const struct tracer *t)
{
	char name[64], what[200];
	unsigned i;

	for (i = 0; i < t->nsys; i++) {
		struct prog_params pp = t->sys[i].pp;

		fill_common(t, &pp);
		pp.name = t->sys[i].d.name;
		snprintf(name, sizeof(name), "sys_enter_%s", pp.name);
		describe_case(what, sizeof(what), name, t, &pp);
		emit_init(&prog, name);
		prog_enter_build(&prog, &pp);
		emit_finish(&prog);
		expect_verdict(&prog, what, NULL, 0);
		if (t->sys[i].d.never_returns)
			continue;
		snprintf(name, sizeof(name), "sys_exit_%s", pp.name);
		describe_case(what, sizeof(what), name, t, &pp);
		emit_init(&prog, name);
		prog_exit_build(&prog, &pp);
		emit_finish(&prog);
		expect_verdict(&prog, what, NULL, 0);
	}
}

/* ---- ACCEPT: scope, lineage, summary ------------------------------------------------ */

/* The option sets that load the scheduler programs, as main() sets the
 * tracer up for them. */
struct scope_round {
	const char *what;     /* the options */
	const char *syscalls;
	int follow, lineage, summary, per_process, ncomm;
	int old_helper;       /* probe_read_str for the exec's filename */
};

static const struct scope_round scope_rounds[] = {
	{ "-f -p PID (or a COMMAND)", SYSCALLS_DEFAULT, 1, 1, 0, 0, 0, 0 },
	{ "-f -p PID, filename by probe_read_str (before 5.5)", SYSCALLS_DEFAULT,
	  1, 1, 0, 0, 0, 1 },
	{ "-p PID -c python3 -c vllm-worker-123", SYSCALLS_DEFAULT, 0, 1, 0, 0, 2, 0 },
	{ "-S --per-process -f -p PID -c python3 -c vllm-worker-123",
	  SYSCALLS_DEFAULT, 1, 0, 1, 1, 2, 0 },
	{ "-S -c python3 -c vllm-worker-123", SYSCALLS_DEFAULT, 0, 0, 1, 0, 2, 0 },
	/* no syscall captures a string: the exec's filename still must fit */
	{ "-p PID -e read", "read", 0, 1, 0, 0, 0, 0 },
	{ "-f -p PID -e exit_group,futex", "exit_group,futex", 1, 1, 0, 0, 0, 0 },
};

/* -S without a scope: the counting programs alone. */
static const struct scope_round summary_only = {
	"-S", SYSCALLS_DEFAULT, 0, 0, 1, 0, 0, 0
};

/* No options: every process; the exit program records ends of processes
 * (since 5.16), for the fd tables. */
static const struct scope_round unscoped = {
	"no scope", SYSCALLS_DEFAULT, 0, 0, 0, 0, 0, 0
};

static void accept_sched(struct tracer *t, const struct scope_round *r)
{
	static void (*const build[SCHED_NR])(struct emit_prog *,
					      const struct prog_params *,
					      const struct prog_sched_params *) = {
		prog_fork_build, prog_exec_build, prog_pexit_build,
	};
	static const char *const names[SCHED_NR] = {
		"sched_process_fork", "sched_process_exec", "sched_process_exit",
	};
	struct prog_params pp;
	char what[256];
	int i;

	/* what scope_load() gives them: the syscall programs' common part */
	pp = t->sys[0].pp;
	fill_common(t, &pp);
	pp.sys_idx = 0;
	pp.nargs = 0;
	memset(pp.cap, 0, sizeof(pp.cap));
	t->sp.follow = t->follow;
	t->sp.lineage = t->lineage;
	t->sp.probe_read_kernel_str = r->old_helper ? BPF_FUNC_probe_read_str
						    : t->probe_read_kernel_str;
	for (i = 0; i < SCHED_NR; i++) {
		if (!t->sched[i].id)
			continue;
		snprintf(what, sizeof(what), "%s [%s%s%s%s%s, %u -c names, room %u]",
			 names[i], r->what, t->sp.follow ? ", follow" : "",
			 t->sp.lineage ? ", lineage" : "",
			 t->sp.exit_group_dead_off != 0xffff ? ", group_dead" : "",
			 i == SCHED_EXIT && t->sp.exit_record ? ", exit record" : "",
			 t->sp.ncomm, t->record_room);
		emit_init(&prog, names[i]);
		build[i](&prog, &pp, &t->sp);
		emit_finish(&prog);
		expect_verdict(&prog, what, NULL, 0);
	}
}

/* The syscall programs of t (scope check, counting), each tagged. */
static void accept_tagged(const struct tracer *t, const char *tag)
{
	char name[64], what[256];
	unsigned i;

	for (i = 0; i < t->nsys; i++) {
		struct prog_params pp = t->sys[i].pp;

		fill_common(t, &pp);
		pp.stats_per_process = t->per_process;
		pp.name = t->sys[i].d.name;
		snprintf(name, sizeof(name), "sys_enter_%s", pp.name);
		snprintf(what, sizeof(what), "%s [%s]", name, tag);
		emit_init(&prog, name);
		prog_enter_build(&prog, &pp);
		emit_finish(&prog);
		expect_verdict(&prog, what, NULL, 0);
		if (t->sys[i].d.never_returns)
			continue;
		snprintf(name, sizeof(name), "sys_exit_%s", pp.name);
		snprintf(what, sizeof(what), "%s [%s]", name, tag);
		emit_init(&prog, name);
		prog_exit_build(&prog, &pp);
		emit_finish(&prog);
		expect_verdict(&prog, what, NULL, 0);
	}
}

/* The exec record reads up to str_cap bytes of file name behind the
 * header: with a scratch record of the header alone (a syscall set that
 * captures nothing, sized without the exec in mind) the verifier sees
 * the read run past the value. */
static void reject_exec_without_room(struct tracer *t)
{
	struct prog_params pp = t->sys[0].pp;
	int small = sys_bpf_map_create(BPF_MAP_TYPE_PERCPU_ARRAY, 4,
				       REC_HDR_SIZE, 1, "aitrace_small");

	if (small < 0) {
		printf("FAIL set-up: cannot create a header-sized scratch map: %s\n",
		       strerror(-small));
		failures++;
		return;
	}
	fill_common(t, &pp);
	pp.scratch_fd = small;
	pp.sys_idx = 0;
	pp.nargs = 0;
	memset(pp.cap, 0, sizeof(pp.cap));
	t->sp.lineage = 1;
	t->sp.probe_read_kernel_str = t->probe_read_kernel_str;
	emit_init(&prog, "exec_past_scratch");
	prog_exec_build(&prog, &pp, &t->sp);
	emit_finish(&prog);
	expect_verdict(&prog, "exec_past_scratch", "invalid access to map value", 0);
	close(small);
}

/* One option set: select, the sched formats, probe, maps (scope.c's
 * scope and stats maps among them), then every program it loads. */
static void scope_round(const struct tracefs *tfs, const struct scope_round *r,
			int scoped, int with_reject)
{
	static struct tracer t;
	int e;

	tracer_init(&t);
	t.tfs = *tfs;
	t.scoped = scoped;
	t.follow = r->follow;
	t.lineage = r->lineage;
	t.summary = r->summary;
	t.per_process = r->per_process;
	t.sp.ncomm = (unsigned)r->ncomm;
	strcpy(t.sp.comm[0], "python3");
	strcpy(t.sp.comm[1], "vllm-worker-123");
	if ((e = tracer_select(&t, r->syscalls, 256)) != 0 ||
	    (e = scope_select(&t)) != 0 || (e = tracer_probe(&t)) != 0 ||
	    (e = tracer_create_maps(&t)) != 0) {
		printf("FAIL set-up for %s: %s\n", r->what, strerror(-e));
		failures++;
	} else if ((scoped && t.scope_fd < 0) || (r->summary && t.stats_fd < 0)) {
		printf("FAIL set-up for %s: scope map %d, stats map %d\n", r->what,
		       t.scope_fd, t.stats_fd);
		failures++;
	} else {
		accept_sched(&t, r);
		if (strcmp(r->syscalls, SYSCALLS_DEFAULT) == 0)
			accept_tagged(&t, r->what);
		if (with_reject)
			reject_exec_without_room(&t);
	}
	memset(&t.tfs, 0, sizeof(t.tfs)); /* shared: closed by main */
	tracer_close(&t);
}

/* ---- REJECT: deliberately broken programs ---------------------------------------- */

struct reject_case {
	const char *name;
	void (*build)(struct emit_prog *p, const struct tracer *t);
	const char *want; /* in the verifier's log */
	int either;       /* the kernel may also accept it (see the case) */
};

/* r0 = map[0], as prog_record_scratch() looks up scratch, minus the check */
static void lookup(struct emit_prog *p, int map_fd)
{
	emit(p, ST_MEM(BPF_W, R10, -4, 0));
	emit_ld_map_fd(p, R1, map_fd);
	emit(p, MOV64_REG(R2, R10));
	emit(p, ALU64_IMM(BPF_ADD, R2, -4));
	emit(p, CALL(BPF_FUNC_map_lookup_elem));
}

static void ret0(struct emit_prog *p)
{
	emit(p, MOV64_IMM(R0, 0));
	emit(p, EXIT());
}

/* Mistake: dereferences a map lookup's result without checking for NULL.
 * (The in-flight HASH map: since 6.14 or so the verifier knows that an
 * ARRAY lookup with a constant key in range cannot fail.) */
static void null_deref(struct emit_prog *p, const struct tracer *t)
{
	lookup(p, t->inflight_fd);
	emit(p, LDX_MEM(BPF_DW, R1, R0, 0));
	ret0(p);
}

/* Mistake: reads a string of one byte more than the scratch value holds. */
static void string_too_big(struct emit_prog *p, const struct tracer *t)
{
	int out = emit_new_label(p, "out");

	lookup(p, t->scratch_fd);
	emit_jmp(p, JMP_IMM(BPF_JEQ, R0, 0), out);
	emit(p, MOV64_REG(R1, R0));
	emit(p, MOV64_IMM(R2, (__s32)t->record_room + 1));
	emit(p, MOV64_IMM(R3, 0));
	emit(p, CALL(t->probe_read_str));
	emit_label(p, out);
	ret0(p);
}

/* A scratch map sized as before captures (the header and two strings:
 * the old PROG_SCRATCH_SIZE), made by reject_all() for the case below. */
static int small_scratch_fd = -1;

/* The real sys_enter program of syscall name, built against
 * small_scratch_fd. */
static void real_enter_prog(struct emit_prog *p, const struct tracer *t,
			    const char *name)
{
	unsigned i;

	for (i = 0; i < t->nsys && strcmp(t->sys[i].d.name, name); i++)
		;
	if (i == t->nsys) {
		snprintf(p->err, sizeof(p->err), "%s is not in the traced set",
			 name);
		return;
	}
	{
		struct prog_params pp = t->sys[i].pp;

		fill_common(t, &pp);
		pp.name = t->sys[i].d.name;
		pp.scratch_fd = small_scratch_fd;
		prog_enter_build(p, &pp);
	}
}

/* Mistake: a scratch map that holds two strings but not an argv (sized
 * without prog_record_room()): execve's vector runs past the value, and
 * the verifier sees it. A socket address or clone_args (at most 128
 * bytes) would still fit in two strings' room. */
static void argv_past_scratch(struct emit_prog *p, const struct tracer *t)
{
	real_enter_prog(p, t, "execve");
}

/* Mistake: calls helper 100000, which no kernel has. */
static void unknown_helper(struct emit_prog *p, const struct tracer *t)
{
	emit(p, CALL(100000));
	ret0(p);
}

/* Mistake: reads a stack slot nothing wrote. Refused for unprivileged
 * programs only: since 5.12 the verifier lets CAP_PERFMON read
 * uninitialised stack, so as root this may pass, and test_progs checks
 * our programs for it instead (no stale bytes). */
static void uninit_stack(struct emit_prog *p, const struct tracer *t)
{
	emit(p, LDX_MEM(BPF_DW, R0, R10, -8));
	ret0(p);
}

/* Mistake: reads a register nothing wrote. */
static void uninit_reg(struct emit_prog *p, const struct tracer *t)
{
	emit(p, MOV64_REG(R0, R2));
	emit(p, EXIT());
}

/* Mistake: writes into the tracepoint record (ctx), which is read-only. */
static void ctx_store(struct emit_prog *p, const struct tracer *t)
{
	emit(p, MOV64_IMM(R2, 0));
	emit(p, STX_MEM(BPF_DW, R1, R2, 16));
	ret0(p);
}

/* Mistake: bounds the output size from below only (s< 0), never by the
 * record it describes. */
static void output_unbounded(struct emit_prog *p, const struct tracer *t)
{
	int out = emit_new_label(p, "out");

	emit(p, MOV64_REG(R6, R1));
	lookup(p, t->scratch_fd);
	emit_jmp(p, JMP_IMM(BPF_JEQ, R0, 0), out);
	emit(p, MOV64_REG(R4, R0));
	emit(p, LDX_MEM(BPF_DW, R5, R6, 16));
	emit_jmp(p, JMP_IMM(BPF_JSLT, R5, 0), out);
	emit(p, MOV64_REG(R1, R6));
	emit_ld_map_fd(p, R2, t->events_fd);
	emit(p, MOV32_IMM(R3, -1));
	emit(p, CALL(BPF_FUNC_perf_event_output));
	emit_label(p, out);
	ret0(p);
}

/* Mistake: loads a map by an fd that is not a map (here stderr). */
static void not_a_map(struct emit_prog *p, const struct tracer *t)
{
	emit_ld_map_fd(p, R1, STDERR_FILENO);
	ret0(p);
}

static const struct reject_case rejects[] = {
	{ "null_deref", null_deref, "invalid mem access 'map_value_or_null'", 0 },
	{ "string_too_big", string_too_big, "invalid access to map value", 0 },
	{ "argv_past_scratch", argv_past_scratch, "invalid access to map value", 0 },
	{ "unknown_helper", unknown_helper, "invalid func unknown#100000", 0 },
	{ "uninit_stack", uninit_stack, "invalid read from stack", 1 },
	{ "uninit_reg", uninit_reg, "R2 !read_ok", 0 },
	{ "ctx_store", ctx_store, "invalid bpf_context access", 0 },
	{ "output_unbounded", output_unbounded, "R5 unbounded memory access", 0 },
	{ "not_a_map", not_a_map, "is not pointing to valid bpf_map", 0 },
};

static void reject_all(const struct tracer *t)
{
	size_t i;

	/* room for the header and two strings: what the scratch value held
	 * before captures other than strings */
	small_scratch_fd = sys_bpf_map_create(BPF_MAP_TYPE_PERCPU_ARRAY, 4,
					      REC_HDR_SIZE + 2 * t->str_cap,
					      1, "aitrace_small");
	if (small_scratch_fd < 0) {
		printf("FAIL set-up: cannot create the small scratch map: %s\n",
		       strerror(-small_scratch_fd));
		failures++;
	}
	for (i = 0; i < sizeof(rejects) / sizeof(rejects[0]); i++) {
		const struct reject_case *c = &rejects[i];

		emit_init(&prog, c->name);
		c->build(&prog, t);
		emit_finish(&prog);
		expect_verdict(&prog, c->name, c->want, c->either);
	}
	if (small_scratch_fd >= 0)
		close(small_scratch_fd);
	small_scratch_fd = -1;
}

/* ---- set-up and skips ----------------------------------------------------- */

static int skip(const char *why, const char *detail)
{
	const char *strict = getenv("AITRACE_TEST_STRICT");

	printf("SKIP: %s%s%s\n", why, detail ? ": " : "", detail ? detail : "");
	if (strict && strcmp(strict, "1") == 0) {
		printf("FAIL: AITRACE_TEST_STRICT=1, and a skip is a failure\n");
		return 1;
	}
	return EXIT_SKIP;
}

/* One round: the default set from the live formats, real maps for
 * str_max, and the helpers given (0: the ones tracer_probe picks). */
static int round_trip(const struct tracefs *tfs, unsigned str_max,
		      int helper_str, int helper, int with_rejects)
{
	static struct tracer t;
	int r;

	tracer_init(&t);
	t.tfs = *tfs;
	if ((r = tracer_select(&t, SYSCALLS_DEFAULT, str_max)) != 0 ||
	    (r = tracer_probe(&t)) != 0 || (r = tracer_create_maps(&t)) != 0) {
		printf("FAIL set-up for str_max %u: %s\n", str_max, strerror(-r));
		failures++;
	} else {
		if (helper_str)
			t.probe_read_str = helper_str;
		if (helper)
			t.probe_read = helper;
		accept_all(&t);
		if (with_rejects)
			reject_all(&t);
	}
	memset(&t.tfs, 0, sizeof(t.tfs)); /* shared: closed by main */
	tracer_close(&t);
	return r;
}

int main(void)
{
	/* what kernels before 5.5 get */
#define OLD BPF_FUNC_probe_read_str, BPF_FUNC_probe_read
	static const struct {
		unsigned str_max;
		int helper_str, helper;
	} rounds[] = {
		/* str_cap 2: the NUL and the cut mark only */
		{ 0, 0, 0 },
		/* str_cap 34: an argv ends at its 32 strings, not its budget */
		{ 32, 0, 0 },
		/* str_cap 258, the default: 15 whole strings in 4096 */
		{ 256, 0, 0 },
		/* str_cap 4098: 4 whole strings in a budget of 16392 */
		{ 4096, 0, 0 },
		{ 0, OLD },
		{ 32, OLD },
		{ 256, OLD },
		{ 4096, OLD },
	};
#undef OLD
	static const int probes[] = { BPF_FUNC_probe_read_user_str,
				      BPF_FUNC_probe_read_str,
				      BPF_FUNC_probe_read_user,
				      BPF_FUNC_probe_read,
				      BPF_FUNC_probe_read_kernel_str };
	static const char *const probe_names[] = { "probe_user_str",
						   "probe_str", "probe_user",
						   "probe", "probe_kernel_str" };
	struct tracefs tfs;
	struct tpformat *fmt = malloc(sizeof(*fmt));
	struct utsname u;
	size_t i;
	int fd;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (uname(&u) == 0)
		printf("kernel: %s %s %s\n", u.sysname, u.release, u.machine);

	if (geteuid() != 0) {
		char uid[32];

		snprintf(uid, sizeof(uid), "running as uid %u", (unsigned)geteuid());
		return skip("requires root", uid);
	}
	fd = sys_bpf_map_create(BPF_MAP_TYPE_ARRAY, 4, 8, 1, "aitrace_test");
	if (fd == -ENOSYS)
		return skip("requires bpf()", "this kernel has no bpf syscall (CONFIG_BPF_SYSCALL)");
	if (fd < 0)
		return skip("requires bpf()", strerror(-fd));
	close(fd);
	if (tracefs_open(&tfs) != 0)
		return skip("requires tracefs", "cannot find or mount it");
	if (!fmt || tracefs_format(&tfs, "syscalls", "sys_enter_openat", fmt) != 0) {
		tracefs_close(&tfs);
		return skip("requires syscall tracepoints",
			    "no syscalls/sys_enter_openat (CONFIG_FTRACE_SYSCALLS)");
	}

	/* the five feature probes, as tracer_probe() loads them */
	for (i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
		emit_init(&prog, probe_names[i]);
		prog_probe_build(&prog, probes[i]);
		emit_finish(&prog);
		expect_verdict(&prog, prog.name, NULL, 0);
	}
	for (i = 0; i < sizeof(rounds) / sizeof(rounds[0]); i++)
		round_trip(&tfs, rounds[i].str_max, rounds[i].helper_str,
			   rounds[i].helper, i == 2);
	for (i = 0; i < sizeof(scope_rounds) / sizeof(scope_rounds[0]); i++)
		scope_round(&tfs, &scope_rounds[i], 1, i == 0);
	scope_round(&tfs, &summary_only, 0, 0);
	scope_round(&tfs, &unscoped, 0, 0);

	tracefs_close(&tfs);
	free(fmt);
	printf("%s: %d cases, %d misbehaved\n", failures ? "FAIL" : "PASS",
	       cases, failures);
	return failures ? 1 : 0;
}
