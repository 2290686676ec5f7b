/* The kernel side of a session: see tracer.h. */
#include <errno.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "attach.h"
#include "cpus.h"
#include "diag.h"
#include "dump.h"
#include "load.h"
#include "progs.h"
#include "sys.h"
#include "syscalls.h"
#include "sysset.h"
#include "tracer.h"
#include "fmt.h"
#include "errnos.h"
#include "mem.h"
#include "opts.h"

void tracer_init(struct tracer *t)
{
	memset(t, 0, sizeof(*t));
	t->inflight_fd = t->scratch_fd = t->events_fd = t->counters_fd = -1;
	t->ctl_fd = -1;
	t->scope_fd = t->stats_fd = -1;
	t->inflight_max = OPTS_MAX_INFLIGHT_DEFAULT;
	t->scope_max = OPTS_MAX_PROCS_DEFAULT;
	t->stats_max = OPTS_MAX_ROWS_DEFAULT;
	t->lineage = 1;
	for (int i = 0; i < SCHED_NR; i++)
		t->sched[i].prog = t->sched[i].event = -1;
}

/* Does a call of d name or make fds (so the fd tables hold something)?
 * close and the dups name theirs in DEC_FD arguments. */
static int names_fds(const struct sysdesc *d)
{
	unsigned i;

	if (d->ret_kind == RET_FD)
		return 1;
	for (i = 0; i < d->nargs; i++)
		if (d->arg[i].dec == DEC_FD || d->arg[i].dec == DEC_DIRFD)
			return 1;
	return 0;
}

static void add_skipped(struct tracer *t, const char *name)
{
	size_t len = strlen(t->skipped);

	fmt_snprintf(t->skipped + len, sizeof(t->skipped) - len, "%s%s",
		 len ? "," : "", name);
}

int tracer_select(struct tracer *t, const char *list, unsigned str_max)
{
	const char *names[SYSSET_MAX];
	char *buf = mem_strdup(list), bad[96], err[160], ev[80];
	struct tpformat *enter = mem_alloc(sizeof(*enter));
	struct tpformat *exit = mem_alloc(sizeof(*exit));
	int n, i, r = 0;

	if (!buf || !enter || !exit) {
		diag_error("cannot select syscalls: out of memory");
		r = -ENOMEM;
		goto out;
	}
	/* the default set names calls some architectures lack (open, fork,
	 * vfork on arm64): sysset_parse leaves them out, the log says so */
	if (strcmp(list, SYSCALLS_DEFAULT) == 0) {
		char def[] = SYSCALLS_DEFAULT, *tok = def, *comma;

		for (; tok; tok = comma ? comma + 1 : NULL) {
			if ((comma = strchr(tok, ',')))
				*comma = '\0';
			if (syscalls_nr(tok) < 0)
				add_skipped(t, tok);
		}
	}
	n = sysset_parse(buf, names, SYSSET_MAX, bad, sizeof(bad));
	if (n < 0) {
		diag_error("cannot trace \"%s\": no such syscall on this architecture",
			   bad);
		r = -EINVAL;
		goto out;
	}
	t->sys = mem_alloc(((size_t)n + 1) * sizeof(*t->sys));
	t->desc = mem_alloc(((size_t)n + 1) * sizeof(*t->desc));
	if (!t->sys || !t->desc) {
		r = -ENOMEM;
		goto out;
	}
	/* Two more than what is asked for, NUL and the cut-off marker */
	t->str_cap = str_max + 2;
	/* an argv gets several strings' worth, at least 4 KiB */
	t->strv_budget = 4 * t->str_cap > 4096 ? 4 * t->str_cap : 4096;
	t->record_room = REC_HDR_SIZE;
	for (i = 0; i < n; i++) {
		struct tracer_sys *s = &t->sys[t->nsys];
		int e;

		fmt_snprintf(ev, sizeof(ev), "sys_enter_%s", names[i]);
		e = tracefs_format(&t->tfs, "syscalls", ev, enter);
		if (e == 0 && !syscalls_never_returns(names[i])) {
			fmt_snprintf(ev, sizeof(ev), "sys_exit_%s", names[i]);
			e = tracefs_format(&t->tfs, "syscalls", ev, exit);
		}
		if (e == -ENOENT) {
			add_skipped(t, names[i]);
			continue;
		}
		if (e < 0) {
			r = e;
			goto out;
		}
		if (sysset_describe(names[i], t->nsys, enter,
				    syscalls_never_returns(names[i]) ? NULL : exit,
				    &s->d, &s->pp, err, sizeof(err)) != 0) {
			diag_error("cannot trace %s: %s", names[i], err);
			r = -EINVAL;
			goto out;
		}
		s->enter_id = enter->id;
		s->exit_id = s->d.never_returns ? 0 : exit->id;
		s->enter_prog = s->exit_prog = -1;
		s->enter_event = s->exit_event = -1;
		if (t->summary) {
			/* counts only: nothing to read, nothing to emit at
			 * entry but for a call that never returns */
			memset(s->pp.cap, 0, sizeof(s->pp.cap));
			memset(s->d.cap, 0, sizeof(s->d.cap));
			if (s->pp.shape == SHAPE_ENTER_STRINGS)
				s->pp.shape = SHAPE_JOIN;
		}
		s->pp.str_cap = t->str_cap;
		s->pp.strv_budget = t->strv_budget;
		if (prog_record_room(&s->pp) > t->record_room)
			t->record_room = prog_record_room(&s->pp);
		t->desc[t->nsys] = s->d;
		t->nsys++;
		if (names_fds(&s->d))
			t->tracks_fds = 1;
	}
	if (t->skipped[0])
		diag_note("not traced, no such syscall or tracepoint here: %s",
			  t->skipped);
	if (t->nsys == 0) {
		diag_error("cannot trace anything: none of the syscalls has a tracepoint here");
		r = -ENOENT;
	}
out:
	mem_free(buf);
	mem_free(enter);
	mem_free(exit);
	return r;
}

/* The same, before anything is created: no note when it cannot (a
 * kernel since 5.11 does not need it; create_map says it when one does). */
static void raise_memlock_quietly(void)
{
	struct rlimit r = { RLIM_INFINITY, RLIM_INFINITY };

	syscall(SYS_prlimit64, 0, RLIMIT_MEMLOCK, &r, NULL);
}

/* Load the probe program for helper: the fd's result (closed), -errno. */
static int probe_helper(struct emit_prog *p, const char *name, int helper)
{
	int fd;

	emit_init(p, name);
	prog_probe_build(p, helper);
	emit_finish(p);
	fd = load_prog(p, 1);
	if (fd >= 0)
		close(fd);
	return fd < 0 ? fd : 0;
}

int tracer_probe(struct tracer *t)
{
	struct emit_prog *p = mem_alloc(sizeof(*p));
	int r;

	if (!p)
		return -ENOMEM;
	/* Before 5.11 BPF memory is charged to RLIMIT_MEMLOCK, per user and
	 * freed late, so any first object may be refused: raise it now. */
	if (geteuid() == 0)
		raise_memlock_quietly();
	/* bpf_probe_read_user_str and bpf_probe_read_user arrived in 5.5;
	 * before, probe_read_str and probe_read read user and kernel memory
	 * alike. Decided by the running kernel, never by the headers we
	 * were built against. */
	r = probe_helper(p, "probe_user_str", BPF_FUNC_probe_read_user_str);
	if (r == -EPERM || r == -EACCES) {
		diag_error("cannot load BPF programs: %s", errnos_text(-r));
		diag_hint("run as root (CAP_BPF and CAP_PERFMON, or CAP_SYS_ADMIN)");
		goto out;
	}
	if (r == 0) {
		t->probe_read_str = BPF_FUNC_probe_read_user_str;
	} else if ((r = probe_helper(p, "probe_str", BPF_FUNC_probe_read_str)) == 0) {
		t->probe_read_str = BPF_FUNC_probe_read_str;
	} else {
		diag_error("cannot load a BPF tracepoint program: %s",
			   errnos_text(-r));
		if (r == -ENOSYS)
			diag_hint("this kernel was built without BPF (CONFIG_BPF_SYSCALL)");
		goto out;
	}
	if (probe_helper(p, "probe_user", BPF_FUNC_probe_read_user) == 0)
		t->probe_read = BPF_FUNC_probe_read_user;
	else if ((r = probe_helper(p, "probe", BPF_FUNC_probe_read)) == 0)
		t->probe_read = BPF_FUNC_probe_read;
	else {
		diag_error("cannot load a BPF program reading user memory: %s",
			   errnos_text(-r));
		goto out;
	}
	/* --kill-on in the kernel: bpf_send_signal arrived in 5.3 */
	t->send_signal = probe_helper(p, "probe_send_signal",
				      BPF_FUNC_send_signal) == 0
				 ? BPF_FUNC_send_signal
				 : 0;
	/* the exec record's filename lies in kernel memory */
	t->probe_read_kernel_str =
		probe_helper(p, "probe_kernel_str",
			     BPF_FUNC_probe_read_kernel_str) == 0
			? BPF_FUNC_probe_read_kernel_str
			: BPF_FUNC_probe_read_str;
	diag_info("helpers: %s, %s",
		  t->probe_read_str == BPF_FUNC_probe_read_user_str
			  ? "bpf_probe_read_user_str" : "bpf_probe_read_str",
		  t->probe_read == BPF_FUNC_probe_read_user
			  ? "bpf_probe_read_user" : "bpf_probe_read");
	r = 0;
out:
	mem_free(p);
	return r;
}

/* Before 5.11 BPF memory is charged to RLIMIT_MEMLOCK, often 64 KiB: raise
 * it, once, only when the kernel refuses a map for want of it. */
static int raise_memlock(void)
{
	struct rlimit r = { RLIM_INFINITY, RLIM_INFINITY };

	/* the raw syscall: libc's setrlimit drags in its thread machinery */
	if (syscall(SYS_prlimit64, 0, RLIMIT_MEMLOCK, &r, NULL) == 0) {
		diag_info("raised RLIMIT_MEMLOCK for a kernel that charges BPF memory to it");
		return 0;
	}
	diag_note("cannot raise RLIMIT_MEMLOCK: %s", errnos_text(errno));
	return -1;
}

static int create_map(int *fd, enum bpf_map_type type, unsigned key,
		      unsigned value, unsigned max, const char *name)
{
	*fd = sys_bpf_map_create(type, key, value, max, name);
	if (*fd == -EPERM && raise_memlock() == 0)
		*fd = sys_bpf_map_create(type, key, value, max, name);
	if (*fd >= 0)
		return 0;
	diag_error("cannot create BPF map %s: %s", name, errnos_text(-*fd));
	if (*fd == -EPERM)
		diag_hint("run as root; on kernels before 5.11 raise RLIMIT_MEMLOCK (ulimit -l)");
	return *fd;
}

int tracer_create_maps(struct tracer *t)
{
	int r;

	t->max_cpus = cpus_possible();
	diag_info("cpus: %d possible", t->max_cpus);
	if ((r = scope_create_maps(t)) != 0)
		return r;
	if ((r = create_map(&t->inflight_fd, BPF_MAP_TYPE_HASH, 4,
			    sizeof(struct inflight), t->inflight_max,
			    "aitrace_inflight")) ||
	    (r = create_map(&t->scratch_fd, BPF_MAP_TYPE_PERCPU_ARRAY, 4,
			    t->record_room, 1,
			    "aitrace_scratch")) ||
	    (r = create_map(&t->events_fd, BPF_MAP_TYPE_PERF_EVENT_ARRAY, 4, 4,
			    (unsigned)t->max_cpus, "aitrace_events")) ||
	    (r = create_map(&t->counters_fd, BPF_MAP_TYPE_ARRAY, 4, 8,
			    (unsigned)t->max_cpus * CNT_NR, "aitrace_counters")) ||
	    (r = create_map(&t->ctl_fd, BPF_MAP_TYPE_ARRAY, 4, 4, 1,
			    "aitrace_ctl")))
		return r;
	return 0;
}

static void fill_common(const struct tracer *t, struct prog_params *pp)
{
	pp->inflight_fd = t->inflight_fd;
	pp->scratch_fd = t->scratch_fd;
	pp->events_fd = t->events_fd;
	pp->counters_fd = t->counters_fd;
	pp->ctl_fd = t->ctl_fd;
	pp->max_cpus = (__u32)t->max_cpus;
	pp->self_tgid = (__u32)getpid();
	pp->probe_read_str = t->probe_read_str;
	pp->probe_read = t->probe_read;
	pp->send_signal = t->send_signal;
	pp->parent_tgid = (__u32)getppid();
	pp->scope_fd = t->scope_fd;
	pp->stats_fd = t->stats_fd;
	pp->stats_per_process = t->per_process;
	pp->str_cap = t->str_cap;
	pp->strv_budget = t->strv_budget;
}

static int build_and_load(struct emit_prog *p, const char *name,
			  void (*build)(struct emit_prog *, const struct prog_params *),
			  const struct prog_params *pp, int dump_fd)
{
	emit_init(p, name);
	build(p, pp);
	if (emit_finish(p) != 0) {
		diag_error("cannot generate program %s: %s", name, p->err);
		return -EINVAL;
	}
	if (dump_fd >= 0) {
		static char text[64 * 1024];
		size_t len = dump_prog(p, text, sizeof(text));

		if (len >= sizeof(text))
			len = sizeof(text) - 1;
		text[len++] = '\n';
		if (write(dump_fd, text, len) < 0)
			return -errno;
		return -1; /* dumped, not loaded */
	}
	return load_prog(p, 0);
}

int tracer_load(struct tracer *t, int dump_fd)
{
	struct emit_prog *p = mem_alloc(sizeof(*p));
	char name[48];
	unsigned i;
	int fd;

	if (!p)
		return -ENOMEM;
	for (i = 0; i < t->nsys; i++) {
		struct tracer_sys *s = &t->sys[i];

		fill_common(t, &s->pp);
		fmt_snprintf(name, sizeof(name), "sys_enter_%s", s->d.name);
		fd = build_and_load(p, name, prog_enter_build, &s->pp, dump_fd);
		if (fd < 0 && dump_fd < 0)
			goto fail;
		s->enter_prog = fd;
		if (s->d.never_returns)
			continue;
		fmt_snprintf(name, sizeof(name), "sys_exit_%s", s->d.name);
		fd = build_and_load(p, name, prog_exit_build, &s->pp, dump_fd);
		if (fd < 0 && dump_fd < 0)
			goto fail;
		s->exit_prog = fd;
	}
	mem_free(p);
	return scope_load(t, dump_fd);
fail:
	mem_free(p);
	return fd;
}

static int attach_one(const struct tracer_sys *s, const char *dir,
		      unsigned id, int prog, int *event)
{
	*event = attach_tracepoint(id, prog);
	if (*event >= 0)
		return 0;
	diag_error("cannot attach to tracepoint syscalls/sys_%s_%s: %s", dir,
		   s->d.name, errnos_text(-*event));
	if (*event == -EACCES || *event == -EPERM)
		diag_hint("run as root (CAP_PERFMON or CAP_SYS_ADMIN)");
	return *event;
}

int tracer_attach(struct tracer *t)
{
	unsigned i;
	int r;

	if ((r = scope_attach(t)) != 0)
		return r;
	for (i = 0; i < t->nsys; i++) {
		struct tracer_sys *s = &t->sys[i];

		if (s->exit_prog >= 0 &&
		    (r = attach_one(s, "exit", s->exit_id, s->exit_prog,
				    &s->exit_event)))
			return r;
	}
	for (i = 0; i < t->nsys; i++) {
		struct tracer_sys *s = &t->sys[i];

		if ((r = attach_one(s, "enter", s->enter_id, s->enter_prog,
				    &s->enter_event)))
			return r;
	}
	/* The programs run as soon as they are attached; enabling the
	 * events is for the kernels and tools that look at the flag. */
	for (i = 0; i < t->nsys; i++) {
		if (t->sys[i].exit_event >= 0)
			attach_enable(t->sys[i].exit_event);
		attach_enable(t->sys[i].enter_event);
	}
	return 0;
}

void tracer_detach(struct tracer *t)
{
	unsigned i;

	for (i = 0; i < t->nsys; i++) {
		attach_close(t->sys[i].enter_event);
		t->sys[i].enter_event = -1;
	}
	for (i = 0; i < t->nsys; i++) {
		attach_close(t->sys[i].exit_event);
		t->sys[i].exit_event = -1;
	}
	scope_detach(t);
}

int tracer_stop(struct tracer *t, enum stop_stage stage)
{
	__u32 key = 0, value = stage;

	return t->ctl_fd >= 0
		       ? sys_bpf_map_update(t->ctl_fd, &key, &value, BPF_ANY)
		       : -EBADF;
}

int tracer_events(struct tracer *t, int *fds, int max)
{
	unsigned i;
	int n = 0;

	for (i = 0; i < t->nsys; i++) {
		int *ev[2] = { &t->sys[i].enter_event, &t->sys[i].exit_event };
		int k;

		for (k = 0; k < 2; k++)
			if (*ev[k] >= 0 && n < max) {
				fds[n++] = *ev[k];
				*ev[k] = -1;
			}
	}
	for (i = 0; i < SCHED_NR; i++)
		if (t->sched[i].event >= 0 && n < max) {
			fds[n++] = t->sched[i].event;
			t->sched[i].event = -1;
		}
	return n;
}

int tracer_counters(const struct tracer *t, uint64_t *failed,
		    uint64_t total[CNT_NR])
{
	int cpu, c, r;

	for (c = 0; c < CNT_NR; c++)
		total[c] = 0;
	for (cpu = 0; cpu < t->max_cpus; cpu++)
		for (c = 0; c < CNT_NR; c++) {
			__u32 key = (__u32)(cpu * CNT_NR + c);
			uint64_t v = 0;

			if ((r = sys_bpf_map_lookup(t->counters_fd, &key, &v)) < 0)
				return r;
			if (c == CNT_OUTPUT_FAILED)
				failed[cpu] = v;
			total[c] += v;
		}
	return 0;
}

int tracer_unfinished(const struct tracer *t,
		      void (*fn)(void *ctx, uint32_t tid,
				 const struct inflight *e),
		      void *ctx)
{
	uint32_t key, next;
	struct inflight e;
	int r, first = 1;

	for (;;) {
		r = sys_bpf_map_next_key(t->inflight_fd, first ? NULL : &key,
					 &next);
		if (r == -ENOENT)
			return 0;
		if (r < 0)
			return r;
		first = 0;
		key = next;
		if (sys_bpf_map_lookup(t->inflight_fd, &key, &e) == 0)
			fn(ctx, key, &e);
	}
}

static uint64_t missed_runs(int fd)
{
	struct bpf_prog_info info;

	return fd >= 0 && sys_bpf_prog_info(fd, &info, sizeof(info)) == 0
		       ? info.recursion_misses
		       : 0;
}

uint64_t tracer_missed_runs(const struct tracer *t, uint64_t *sched)
{
	uint64_t sum = 0;
	unsigned i;

	for (i = 0; i < t->nsys; i++)
		sum += missed_runs(t->sys[i].enter_prog) +
		       missed_runs(t->sys[i].exit_prog);
	*sched = 0;
	for (i = 0; i < SCHED_NR; i++)
		*sched += missed_runs(t->sched[i].prog);
	return sum;
}

void tracer_close(struct tracer *t)
{
	unsigned i;

	tracer_detach(t);
	for (i = 0; i < t->nsys; i++) {
		if (t->sys[i].enter_prog >= 0)
			close(t->sys[i].enter_prog);
		if (t->sys[i].exit_prog >= 0)
			close(t->sys[i].exit_prog);
	}
	if (t->inflight_fd >= 0)
		close(t->inflight_fd);
	if (t->scratch_fd >= 0)
		close(t->scratch_fd);
	if (t->events_fd >= 0)
		close(t->events_fd);
	if (t->counters_fd >= 0)
		close(t->counters_fd);
	if (t->ctl_fd >= 0)
		close(t->ctl_fd);
	scope_close(t);
	mem_free(t->sys);
	mem_free(t->desc);
	tracefs_close(&t->tfs);
	tracer_init(t);
}
