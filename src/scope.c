/* What is traced besides the syscall set: the scope map (-p, -f, -c, a
 * launched command), the scheduler programs that keep it and write the
 * log's lineage (fork and exec records), and summary counts (-S). See
 * progs/prog_sched.c and progs/prog_count.c for the kernel side. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "attach.h"
#include "diag.h"
#include "dump.h"
#include "errnos.h"
#include "fmt.h"
#include "load.h"
#include "mem.h"
#include "progs.h"
#include "sys.h"
#include "tracer.h"

static const char *const sched_event[SCHED_NR] = {
	"sched_process_fork", "sched_process_exec", "sched_process_exit",
};

static int field(const struct tpformat *f, const char *name, unsigned size,
		 __u16 *off)
{
	const struct tpfield *fld = tpformat_field(f, name);

	if (!fld || fld->size != size || fld->offset > 0xfff0)
		return -1;
	*off = (__u16)fld->offset;
	return 0;
}

/* Which scheduler programs this run needs. */
static int wanted(const struct tracer *t, int which)
{
	switch (which) {
	case SCHED_FORK: return t->lineage || t->follow;
	case SCHED_EXEC: return t->lineage || t->sp.ncomm;
	/* and, with records, to forget a dead process's fds (when there
	 * are any: with -e getppid none, and no records to lose) */
	case SCHED_EXIT: return t->scoped || (!t->summary && t->tracks_fds);
	}
	return 0;
}

int scope_select(struct tracer *t)
{
	struct tpformat *f = mem_alloc(sizeof(*f));
	int i, r = 0;

	if (!f)
		return -ENOMEM;
	t->sp.exit_group_dead_off = 0xffff;
	for (i = 0; i < SCHED_NR; i++) {
		int e;

		if (!wanted(t, i))
			continue;
		e = tracefs_format(&t->tfs, "sched", sched_event[i], f);
		if (e == -ENOENT) {
			diag_note("no tracepoint sched/%s here: %s", sched_event[i],
				  i == SCHED_EXIT ? "exited processes stay in scope"
						  : "no lineage lines, children not followed");
			continue;
		}
		if (e < 0) {
			r = e;
			break;
		}
		if ((i == SCHED_FORK && field(f, "child_pid", 4, &t->sp.fork_child_off)) ||
		    (i == SCHED_EXEC &&
		     (field(f, "filename", 4, &t->sp.exec_filename_off) ||
		      field(f, "old_pid", 4, &t->sp.exec_old_pid_off)))) {
			diag_error("cannot use sched/%s: its format lacks a field we need",
				   sched_event[i]);
			r = -EINVAL;
			break;
		}
		/* group_dead is newer than 6.12; before, the leader's exit
		 * stands for the process's */
		if (i == SCHED_EXIT) {
			field(f, "group_dead", 1, &t->sp.exit_group_dead_off);
			t->sp.exit_record = !t->summary && t->tracks_fds;
		}
		t->sched[i].id = f->id;
	}
	/* the exec record carries the file's name: the scratch record must
	 * hold one string whatever the syscalls need */
	if (t->sched[SCHED_EXEC].id && t->lineage &&
	    t->record_room < REC_HDR_SIZE + t->str_cap)
		t->record_room = REC_HDR_SIZE + t->str_cap;
	mem_free(f);
	return r;
}

int scope_create_maps(struct tracer *t)
{
	int fd;

	if (t->scoped) {
		fd = sys_bpf_map_create(BPF_MAP_TYPE_HASH, 4, 4, t->scope_max,
					"aitrace_scope");
		if (fd < 0) {
			diag_error("cannot create BPF map aitrace_scope: %s",
				   errnos_text(-fd));
			return fd;
		}
		t->scope_fd = fd;
	}
	if (t->summary) {
		/* one entry per (process, syscall) or per syscall */
		fd = sys_bpf_map_create(BPF_MAP_TYPE_PERCPU_HASH,
					sizeof(struct stat_key),
					sizeof(struct stat_val), t->stats_max,
					"aitrace_stats");
		if (fd < 0) {
			diag_error("cannot create BPF map aitrace_stats: %s",
				   errnos_text(-fd));
			return fd;
		}
		t->stats_fd = fd;
	}
	return 0;
}

static int load_one(struct tracer *t, struct emit_prog *p, int which,
		    const struct prog_params *pp, int dump_fd)
{
	static void (*const build[SCHED_NR])(struct emit_prog *,
					      const struct prog_params *,
					      const struct prog_sched_params *) = {
		prog_fork_build, prog_exec_build, prog_pexit_build,
	};
	static char text[16 * 1024];

	emit_init(p, sched_event[which]);
	build[which](p, pp, &t->sp);
	if (emit_finish(p) != 0) {
		diag_error("cannot generate program %s: %s", sched_event[which],
			   p->err);
		return -EINVAL;
	}
	if (dump_fd >= 0) {
		size_t len = dump_prog(p, text, sizeof(text));

		if (len >= sizeof(text))
			len = sizeof(text) - 1;
		text[len++] = '\n';
		return write(dump_fd, text, len) < 0 ? -errno : 0;
	}
	t->sched[which].prog = load_prog(p, 0);
	return t->sched[which].prog < 0 ? t->sched[which].prog : 0;
}

int scope_load(struct tracer *t, int dump_fd)
{
	struct emit_prog *p;
	struct prog_params pp;
	int i, r = 0;

	if (!t->sched[SCHED_FORK].id && !t->sched[SCHED_EXEC].id &&
	    !t->sched[SCHED_EXIT].id)
		return 0;
	if (!(p = mem_alloc(sizeof(*p))))
		return -ENOMEM;
	/* the syscall programs' common parameters: maps, self, helpers */
	pp = t->sys[0].pp;
	pp.sys_idx = 0;
	pp.nargs = 0;
	memset(pp.cap, 0, sizeof(pp.cap));
	t->sp.follow = t->follow;
	t->sp.lineage = t->lineage;
	t->sp.probe_read_kernel_str = t->probe_read_kernel_str;
	for (i = 0; i < SCHED_NR && r == 0; i++)
		if (t->sched[i].id)
			r = load_one(t, p, i, &pp, dump_fd);
	mem_free(p);
	return r;
}

int scope_attach(struct tracer *t)
{
	int i;

	/* before the syscalls: no child may escape between its fork and
	 * its first call */
	for (i = 0; i < SCHED_NR; i++) {
		if (!t->sched[i].id || t->sched[i].prog < 0)
			continue;
		t->sched[i].event = attach_tracepoint(t->sched[i].id,
						      t->sched[i].prog);
		if (t->sched[i].event < 0) {
			diag_error("cannot attach to tracepoint sched/%s: %s",
				   sched_event[i],
				   errnos_text(-t->sched[i].event));
			return t->sched[i].event;
		}
		attach_enable(t->sched[i].event);
	}
	return 0;
}

void scope_detach(struct tracer *t)
{
	int i;

	for (i = 0; i < SCHED_NR; i++) {
		attach_close(t->sched[i].event);
		t->sched[i].event = -1;
	}
}

void scope_close(struct tracer *t)
{
	int i;

	scope_detach(t);
	for (i = 0; i < SCHED_NR; i++)
		if (t->sched[i].prog >= 0)
			close(t->sched[i].prog);
	if (t->scope_fd >= 0)
		close(t->scope_fd);
	if (t->stats_fd >= 0)
		close(t->stats_fd);
}

int scope_add(struct tracer *t, uint32_t pid)
{
	__u32 one = 1;

	return sys_bpf_map_update(t->scope_fd, &pid, &one, BPF_ANY);
}

unsigned scope_count(const struct tracer *t, unsigned max)
{
	__u32 key, next;
	unsigned n = 0;

	if (t->scope_fd < 0)
		return 0;
	while (n < max &&
	       sys_bpf_map_next_key(t->scope_fd, n ? &key : NULL, &next) == 0) {
		key = next;
		n++;
	}
	return n;
}

/* One /proc/PID/comm against the -c names: 1 if added. */
static int match_comm(struct tracer *t, const char *name)
{
	char path[64], comm[17];
	unsigned long pid;
	const char *end;
	unsigned i;
	ssize_t len;
	int fd;

	if (fmt_parse_ulong(name, 0xffffffffUL, &pid, &end) != 0 || *end ||
	    pid == (unsigned long)getpid())
		return 0;
	fmt_snprintf(path, sizeof(path), "/proc/%lu/comm", pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	len = read(fd, comm, 16);
	close(fd);
	if (len <= 0)
		return 0;
	if (comm[len - 1] == '\n')
		len--;
	comm[len] = '\0';
	for (i = 0; i < t->sp.ncomm; i++)
		if (strncmp(comm, t->sp.comm[i], 16) == 0) {
			if (scope_add(t, (uint32_t)pid) == 0)
				return 1;
			diag_note("process %lu (%s) is not traced: the scope map is full (--max-procs %u)",
				  pid, comm, t->scope_max);
			return 0;
		}
	return 0;
}

/* Has pid exited (gone, or a zombie)? */
static int gone(__u32 pid)
{
	char path[48], buf[128];
	const char *rp;
	ssize_t n;
	int fd;

	fmt_snprintf(path, sizeof(path), "/proc/%u/stat", (unsigned)pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return errno == ENOENT;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	/* "pid (comm) S ...": the state follows the last ')' */
	rp = strrchr(buf, ')');
	return rp && rp[1] == ' ' && (rp[2] == 'Z' || rp[2] == 'X');
}

void scope_prune(struct tracer *t)
{
	__u32 key, next, dead[256];
	unsigned n = 0, i;
	int first = 1;

	if (t->scope_fd < 0)
		return;
	while (n < 256 && sys_bpf_map_next_key(t->scope_fd, first ? NULL : &key,
					       &next) == 0) {
		first = 0;
		key = next;
		if (gone(key))
			dead[n++] = key;
	}
	for (i = 0; i < n; i++)
		sys_bpf_map_delete(t->scope_fd, &dead[i]);
}

int scope_add_by_comm(struct tracer *t)
{
	/* getdents64 by hand: opendir() would link musl's malloc */
	static char buf[8192];
	int fd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC), n = 0;
	long len;

	if (fd < 0)
		return 0;
	while ((len = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
		long off = 0;

		while (off < len) {
			const struct linux_dirent64 {
				uint64_t ino;
				int64_t off;
				unsigned short reclen;
				unsigned char type;
				char name[];
			} *d = (const void *)(buf + off);

			n += match_comm(t, d->name);
			off += d->reclen;
		}
	}
	close(fd);
	return n;
}

int scope_stats(const struct tracer *t,
		void (*fn)(void *ctx, const struct stat_key *k,
			   const struct stat_val *v),
		void *ctx)
{
	struct stat_key key, next;
	struct stat_val *per_cpu = mem_alloc((size_t)t->max_cpus * sizeof(*per_cpu));
	int first = 1, r;

	if (!per_cpu)
		return -ENOMEM;
	while ((r = sys_bpf_map_next_key(t->stats_fd, first ? NULL : &key,
					 &next)) == 0) {
		struct stat_val sum = { 0, 0, 0 };
		int cpu;

		first = 0;
		key = next;
		/* a PERCPU map's value: one per possible CPU */
		if (sys_bpf_map_lookup(t->stats_fd, &key, per_cpu) != 0)
			continue;
		for (cpu = 0; cpu < t->max_cpus; cpu++) {
			sum.calls += per_cpu[cpu].calls;
			sum.errors += per_cpu[cpu].errors;
			sum.ns += per_cpu[cpu].ns;
		}
		fn(ctx, &key, &sum);
	}
	mem_free(per_cpu);
	return r == -ENOENT ? 0 : r;
}
