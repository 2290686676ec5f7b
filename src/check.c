/* The self-check: see check.h. It walks main()'s own steps (tracefs, the
 * formats, the helper probes, the maps, the rings, load, attach) with the
 * default set, then forks a child that opens a marker path and waits for
 * that call's record to come back through a ring: the whole path, not a
 * list of guesses. */
#include <errno.h>
#include <linux/bpf.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "check.h"
#include "decode.h"
#include "diag.h"
#include "errnos.h"
#include "fmt.h"
#include "loop.h"
#include "mem.h"
#include "perfbuf.h"
#include "syscalls.h"
#include "tracer.h"

#define MARKER "/aitrace-min-check/marker"

static int lines_fd;

static void say(int ok, const char *what, const char *detail)
{
	char line[512];
	int n = fmt_snprintf(line, sizeof(line), "%-4s %-28s %s\n",
			     ok > 0 ? "OK" : ok == 0 ? "FAIL" : "--", what,
			     detail);

	if (n > 0 && write(lines_fd, line, (size_t)n) < 0)
		return;
}

static const char *helper_name(int id)
{
	switch (id) {
	case BPF_FUNC_probe_read_user_str: return "bpf_probe_read_user_str";
	case BPF_FUNC_probe_read_str: return "bpf_probe_read_str (pre-5.5)";
	case BPF_FUNC_probe_read_user: return "bpf_probe_read_user";
	case BPF_FUNC_probe_read: return "bpf_probe_read (pre-5.5)";
	case BPF_FUNC_probe_read_kernel_str: return "bpf_probe_read_kernel_str";
	}
	return "?";
}

/* the child's openat of MARKER, back through a ring: 1 seen, 0 not */
static int marker_seen(struct tracer *t, struct perfbuf *pb, pid_t child)
{
	unsigned char *bounce = mem_alloc(t->record_room + 64);
	uint64_t deadline = loop_now() + 2000000000ull;
	int seen = 0, k;

	while (bounce && !seen && loop_now() < deadline) {
		perfbuf_poll(pb, 100000000, -1, NULL);
		for (k = 0; k < pb->n && !seen; k++) {
			struct ring_view v;
			struct ring_rec rec;
			struct event ev;

			perfbuf_view(pb, k, &v);
			while (ring_peek(&v, &rec, bounce, t->record_room + 64) ==
			       RING_OK) {
				if (rec.raw &&
				    decode_event(&ev, rec.raw, rec.raw_size,
						 t->desc, t->nsys) == DECODE_OK &&
				    ev.rec.tgid == (uint32_t)child &&
				    ev.rec.kind == REC_SYSCALL &&
				    !strcmp(t->desc[ev.rec.sys_idx].name, "openat") &&
				    ev.cap[0] && ev.cap_len[0] == strlen(MARKER) &&
				    !memcmp(ev.cap[0], MARKER, strlen(MARKER)))
					seen = 1;
				v.tail += rec.size;
			}
			perfbuf_consume(pb, k, v.tail);
		}
	}
	mem_free(bounce);
	return seen;
}

int check_run(int fd)
{
	static struct tracer t;
	struct perfbuf pb = { 0 };
	char detail[256];
	int ok = 0, r, st;
	pid_t child;

	lines_fd = fd;
	tracer_init(&t);
	t.scoped = 1; /* create and load everything a run can use */
	t.follow = 1;
	t.lineage = 1;

	fmt_snprintf(detail, sizeof(detail), "euid %u%s", (unsigned)geteuid(),
		     geteuid() ? ": run as root (CAP_BPF and CAP_PERFMON, or CAP_SYS_ADMIN)" : "");
	say(geteuid() == 0, "privileges", detail);

	if (tracefs_open(&t.tfs) != 0) {
		say(0, "tracefs", "not found and cannot be mounted");
		goto out;
	}
	fmt_snprintf(detail, sizeof(detail), "%s%s", t.tfs.root,
		     t.tfs.mounted ? " (mounted by us)" : "");
	say(1, "tracefs", detail);

	if ((r = tracer_select(&t, "%ai,openat", 256)) != 0) {
		say(0, "syscall tracepoints", "the formats cannot be read (see above)");
		goto out;
	}
	fmt_snprintf(detail, sizeof(detail), "%u of the default set%s%s", t.nsys,
		     t.skipped[0] ? "; none here for: " : "", t.skipped);
	say(1, "syscall tracepoints", detail);
	r = scope_select(&t);
	fmt_snprintf(detail, sizeof(detail), "fork %s, exec %s, exit %s%s",
		     t.sched[SCHED_FORK].id ? "yes" : "no",
		     t.sched[SCHED_EXEC].id ? "yes" : "no",
		     t.sched[SCHED_EXIT].id ? "yes" : "no",
		     t.sp.exit_group_dead_off != 0xffff ? ", group_dead" : "");
	say(r == 0 ? 1 : 0, "sched tracepoints (-p -f -c)", detail);

	if ((r = tracer_probe(&t)) != 0) {
		say(0, "BPF program load", errnos_text(-r));
		goto out;
	}
	say(1, "BPF program load", "a tracepoint program loads");
	say(1, "helper: user strings", helper_name(t.probe_read_str));
	say(1, "helper: user memory", helper_name(t.probe_read));
	say(1, "helper: kernel strings", helper_name(t.probe_read_kernel_str));

	t.summary = 0;
	if ((r = tracer_create_maps(&t)) != 0) {
		say(0, "BPF maps", errnos_text(-r));
		goto out;
	}
	say(1, "BPF maps", "hash, per-CPU array, perf event array, array");
	if ((r = perfbuf_open(&pb, t.events_fd, t.max_cpus, 8, 1)) != 0) {
		say(0, "perf buffers", errnos_text(-r));
		goto out;
	}
	fmt_snprintf(detail, sizeof(detail), "%d rings mmap'ed (%d CPUs possible%s)",
		     pb.n, t.max_cpus, pb.offline ? ", some offline" : "");
	say(1, "perf buffers", detail);
	if ((r = tracer_load(&t, -1)) != 0) {
		say(0, "verifier", "a program was refused: run with -v for its log");
		goto out;
	}
	say(1, "verifier", "every program of the default set accepted");

	/* a child traced end to end: in scope, its openat back in a ring */
	if ((child = _Fork()) == 0) { /* see launch.c */
		usleep(300000);
		/* the raw call: libc may use open or openat */
		syscall(SYS_openat, AT_FDCWD, MARKER, O_RDONLY | O_CLOEXEC);
		_exit(0);
	}
	if (child < 0 || scope_add(&t, (uint32_t)child) != 0 ||
	    (r = tracer_attach(&t)) != 0) {
		say(0, "attach", "cannot attach to the tracepoints (see above)");
		if (child > 0)
			waitpid(child, &st, 0);
		goto out;
	}
	say(1, "attach", "by tracepoint id, PERF_EVENT_IOC_SET_BPF");
	ok = marker_seen(&t, &pb, child);
	waitpid(child, &st, 0);
	say(ok, "end to end", ok ? "a child's openat came back through a ring"
				 : "a child's openat never arrived");
	tracer_detach(&t);
out:
	say(ok, "verdict", ok ? "tracing works here" : "tracing cannot work here");
	perfbuf_close(&pb);
	tracer_close(&t);
	return ok ? 0 : 1;
}
