/* aitrace-min: a forensic syscall tracer in one static binary.
 *
 * main() is the table of contents: parse options (opts.c), open the log
 * (out.c), find tracefs (tracefs.c) and the syscalls' formats (tracer.c,
 * sysset.c, tpformat.c), probe the kernel's helpers (progs/prog_probe.c),
 * create maps, open the per-CPU rings (perfbuf.c), generate and load the
 * programs (progs/, load.c), attach them (attach.c), run the event loop
 * (loop.c: merge.c, ring.c, decode.c, line.c, escape.c), then detach,
 * drain, account for every loss and print a summary (diag.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "diag.h"
#include "line.h"
#include "loop.h"
#include "opts.h"
#include "out.h"
#include "perfbuf.h"
#include "tracer.h"
#include "errnos.h"
#include "fmt.h"
#include "mem.h"
#include "sysset.h"
#include "launch.h"
#include "check.h"
#include "closer.h"
#include "enforce.h"
#include "rules.h"
#include "sys.h"

enum exit_status {
	EXIT_OK = 0,      /* stopped by a signal, everything written */
	EXIT_SETUP = 1,   /* cannot trace: permissions, kernel, verifier */
	EXIT_USAGE = 2,   /* bad options */
	EXIT_OUTPUT = 3,  /* the log could not be written */
};

#define OUT_BUFFER (256 * 1024)

static volatile sig_atomic_t stop_signal, stop_signals;

static void on_stop(int sig)
{
	stop_signal = sig;
	stop_signals++; /* the handler masks all three: no race */
}

/* SIGINT, SIGTERM and SIGHUP stop tracing cleanly. They stay blocked
 * except while the loop waits, so a signal can never fall between the
 * check of stop_signal and the wait. SIGPIPE is ignored: a closed pipe
 * shows up as EPIPE from write() and ends tracing quietly. */
static void signals_setup(sigset_t *unblocked)
{
	struct sigaction sa;
	sigset_t block;

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sa.sa_mask = block;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	sigprocmask(SIG_BLOCK, &block, unblocked);
	sigdelset(unblocked, SIGINT);
	sigdelset(unblocked, SIGTERM);
	sigdelset(unblocked, SIGHUP);
}

#define LOG_FLAGS (O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC)

static int open_log(const struct opts *o)
{
	struct stat st;
	int fd;

	if (!o->output)
		return STDOUT_FILENO;
	/* 0600: the log holds paths and command lines of other users. A
	 * symlink is followed only when it is ours or root's: one that
	 * another user planted (in /tmp, say) would have root truncate its
	 * target, where fs.protected_symlinks is off */
	fd = open(o->output, LOG_FLAGS | O_NOFOLLOW, 0600);
	/* ELOOP, or EACCES for a symlink in a sticky directory */
	if (fd < 0 && (errno == ELOOP || errno == EACCES) &&
	    lstat(o->output, &st) == 0 && S_ISLNK(st.st_mode)) {
		if (st.st_uid != geteuid() && st.st_uid != 0) {
			diag_error("cannot open log %s: a symlink of uid %u, not followed",
				   o->output, (unsigned)st.st_uid);
			diag_hint("name the file it points to");
			return -1;
		}
		fd = open(o->output, LOG_FLAGS, 0600);
	}
	if (fd < 0) {
		diag_error("cannot open log %s: %s", o->output, errnos_text(errno));
		return fd;
	}
	/* an old file keeps its mode through O_TRUNC: narrow it too (but
	 * never touch a device or a fifo named with -o) */
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (st.st_mode & 077) && fchmod(fd, 0600) != 0)
		diag_note("cannot make %s private: %s", o->output,
			  errnos_text(errno));
	return fd;
}

/* Would a COMMAND, which inherits fds 1 and 2, write into the log? Lines
 * it printed there would read as the tracer's. A terminal is exempt: the
 * user watches both. */
static int log_is_the_commands(int log_fd)
{
	struct stat log, st;
	int fd;

	if (fstat(log_fd, &log) != 0 || isatty(log_fd))
		return 0;
	for (fd = STDOUT_FILENO; fd <= STDERR_FILENO; fd++)
		if (fstat(fd, &st) == 0 && st.st_dev == log.st_dev &&
		    st.st_ino == log.st_ino && !S_ISCHR(st.st_mode))
			return 1;
	return 0;
}

static const char *signal_name(int sig)
{
	switch (sig) {
	case SIGINT: return "SIGINT";
	case SIGTERM: return "SIGTERM";
	case SIGHUP: return "SIGHUP";
	}
	return "signal";
}

/* Stop the programs where they are: entries first, then, once the calls
 * in progress had time to return and be logged, everything. Else (the
 * control map cannot be written) detach them, which takes seconds. */
static void stop_programs(struct tracer *t)
{
	if (tracer_stop(t, STOP_ENTRIES) == 0) {
		usleep(20000);
		if (tracer_stop(t, STOP_ALL) == 0)
			return;
	}
	tracer_detach(t);
}

/* The perf events, their programs stopped: closed by a child after we
 * exit, not here (closer.h). */
static void close_events_behind(struct tracer *t)
{
	int *fds, n = 2 * (int)t->nsys + SCHED_NR;

	if (tracer_stop(t, STOP_ALL) != 0)
		return; /* tracer_close detaches them */
	if (!(fds = mem_alloc((size_t)n * sizeof(*fds))))
		return;
	n = tracer_events(t, fds, n);
	closer_start(fds, n);
	mem_free(fds);
}

static void summary(const struct loop *l, uint64_t t0)
{
	uint64_t ms = (loop_now() - t0) / 1000000;

	diag_note("stopped (%s) after %llu.%03llu s: %llu syscalls logged, %llu lost, %llu unfinished",
		  l->stop_reason, (unsigned long long)(ms / 1000),
		  (unsigned long long)(ms % 1000),
		  (unsigned long long)l->logged,
		  (unsigned long long)l->lost_total,
		  (unsigned long long)l->unfinished);
	if (l->not_followed)
		diag_note("%llu new processes were not followed: the scope map was full (raise --max-procs)",
			  (unsigned long long)l->not_followed);
	if (l->uncounted)
		diag_note("%llu calls were not counted: the summary map was full (raise --max-rows)",
			  (unsigned long long)l->uncounted);
}

/* 0 when every name in the -e list is a syscall of this architecture;
 * else -1 with the reason in err. */
static int check_syscall_names(const char *list, char *err, size_t errlen)
{
	const char *names[SYSSET_MAX];
	char bad[96];
	char *buf = mem_strdup(list);
	int n;

	if (!buf) {
		fmt_snprintf(err, errlen, "out of memory");
		return -1;
	}
	n = sysset_parse(buf, names, SYSSET_MAX, bad, sizeof(bad));
	mem_free(buf);
	if (n >= 0)
		return 0;
	fmt_snprintf(err, errlen, bad[0] == '%'
				  ? "-e: unknown class %s"
				  : "-e: \"%s\" is not a syscall of this architecture (or a class: %s)",
		     bad, SYSCALLS_CLASSES);
	return -1;
}

/* --kill-on: the rules, and the -e list grown by the calls they need. */
static int parse_rules(struct opts *o, struct rule *rules, char *list,
		       size_t cap, char *err, size_t errlen)
{
	unsigned i;
	size_t n;

	for (i = 0; i < o->nkill && i < RULES_MAX; i++)
		if (rules_parse(o->kill_on[i], &rules[i], err, errlen) != 0)
			return -1;
	if (!o->nkill)
		return 0;
	/* the default set as its class: both leave out what this
	 * architecture lacks (open on arm64), the spelled-out list would not
	 * once it is grown */
	n = (size_t)fmt_snprintf(list, cap, "%s",
				 strcmp(o->syscalls, SYSCALLS_DEFAULT) == 0
					 ? "%ai"
					 : o->syscalls);
	if (n >= cap || enforce_syscalls(rules, o->nkill, list + n, cap - n) != 0) {
		fmt_snprintf(err, errlen, "-e and --kill-on: too many names");
		return -1;
	}
	o->syscalls = list;
	return 0;
}

static int in_scope(void *ctx, uint32_t pid)
{
	const struct tracer *t = ctx;
	__u32 v;

	return t->scope_fd >= 0 && sys_bpf_map_lookup(t->scope_fd, &pid, &v) == 0;
}

/* -p, -c and the command: who is traced. 0, or -1 (said). */
static int fill_scope(struct tracer *t, const struct opts *o, pid_t child)
{
	const char *s = o->pids;
	unsigned long pid;
	const char *end;
	int r;

	if (child > 0 && (r = scope_add(t, (uint32_t)child)) != 0) {
		diag_error("cannot trace the command: %s", errnos_text(-r));
		return -1;
	}
	while (s && fmt_parse_ulong(s, 4194304, &pid, &end) == 0) {
		if (kill((pid_t)pid, 0) != 0 && errno == ESRCH) {
			diag_error("cannot trace process %lu: no such process", pid);
			return -1;
		}
		if ((r = scope_add(t, (uint32_t)pid)) == -E2BIG) {
			diag_error("cannot trace process %lu: the scope map is full (--max-procs %u)",
				   pid, t->scope_max);
			return -1;
		}
		if (r != 0) {
			diag_error("cannot trace process %lu: %s", pid,
				   errnos_text(-r));
			return -1;
		}
		s = *end == ',' ? end + 1 : NULL;
	}
	if (o->ncomm)
		diag_info("%d running processes match -c", scope_add_by_comm(t));
	return 0;
}

/* The loop's stop condition with -p or a command: the command has exited
 * (its status kept) and nothing is left in scope. */
struct wait_for {
	struct tracer *t;
	pid_t child;
	int exited, status;
};

static int scope_done(void *ctx)
{
	struct wait_for *w = ctx;

	if (w->child > 0 && !w->exited)
		w->exited = launch_poll(w->child, &w->status);
	if (w->child > 0 && !w->exited)
		return 0;
	return scope_count(w->t, 1) == 0;
}

int main(int argc, char **argv)
{
	static struct tracer t;
	struct perfbuf pb = { 0 };
	struct opts o;
	struct out out;
	struct loop l;
	sigset_t unblocked;
	char err[160];
	static struct rule rules[RULES_MAX];
	static char syscalls[4096];
	struct enforce enforce = { 0 };
	int fd = -1, r, status = EXIT_SETUP;
	pid_t child = -1;
	struct wait_for wait_for = { 0 };
	uint64_t t0;

	/* 1. options, the syscall names and the --kill-on rules in them: a
	 * typo is a usage error, found before anything is opened or mounted */
	if (opts_parse(&o, argc, argv, err, sizeof(err)) != 0 ||
	    parse_rules(&o, rules, syscalls, sizeof(syscalls), err,
			sizeof(err)) != 0 ||
	    check_syscall_names(o.syscalls, err, sizeof(err)) != 0) {
		diag_error("%s", err);
		if (write(STDERR_FILENO, opts_usage(), strlen(opts_usage())) < 0)
			return EXIT_USAGE;
		return EXIT_USAGE;
	}
	if (o.help || o.version) {
		const char *text = o.help ? opts_usage()
					  : "aitrace-min " AITRACE_VERSION "\n";

		return write(STDOUT_FILENO, text, strlen(text)) < 0 ? EXIT_OUTPUT
								    : EXIT_OK;
	}
	diag_set_verbose(o.verbose);
	if (o.check)
		return check_run(STDOUT_FILENO);
	tracer_init(&t);
	t.scoped = o.pids || o.ncomm || o.command;
	t.follow = o.follow || o.command;
	t.summary = o.summary;
	t.per_process = o.per_process;
	if (o.max_procs)
		t.scope_max = o.max_procs;
	if (o.max_inflight)
		t.inflight_max = o.max_inflight;
	t.stats_max = o.max_rows        ? o.max_rows
		      : o.per_process ? OPTS_MAX_ROWS_PER_PROCESS
				      : OPTS_MAX_ROWS_DEFAULT;
	/* who begat whom: in scope, where the tree is the point */
	t.lineage = t.scoped && !o.summary;
	for (t.sp.ncomm = 0; t.sp.ncomm < o.ncomm; t.sp.ncomm++)
		strncpy(t.sp.comm[t.sp.ncomm], o.comm[t.sp.ncomm], 15);

	/* 2. the log, before anything is attached: a bad path costs nothing */
	if ((fd = open_log(&o)) < 0)
		return EXIT_SETUP;
	if (o.command && log_is_the_commands(fd)) {
		diag_error("the command's output would go into the log, where it could forge lines");
		diag_hint("write the log elsewhere: -o FILE, or redirect the command's output");
		return EXIT_USAGE;
	}

	/* 3. tracefs and the syscalls' formats */
	if (tracefs_open(&t.tfs) != 0)
		goto out;
	r = tracer_select(&t, o.syscalls, o.str_max);
	if (r == -EINVAL) {
		status = EXIT_USAGE;
		goto out;
	}
	if (r != 0 || scope_select(&t) != 0)
		goto out;

	/* 4. what this kernel offers, the maps, and who is in scope (the
	 * command is started now, stopped before its first instruction) */
	if (tracer_probe(&t) != 0 || tracer_create_maps(&t) != 0)
		goto out;
	if (o.nkill) {
		enforce.rules = rules;
		enforce.n = o.nkill;
		enforce.kill_tree = o.kill_tree;
		enforce.dry_run = o.dry_run;
		enforce.self = (uint32_t)getpid();
		enforce.parent = (uint32_t)getppid();
		if (t.scoped) {
			enforce.in_scope = in_scope;
			enforce.scope_ctx = &t;
		}
		if (!o.dry_run && !t.send_signal)
			diag_note("no bpf_send_signal here (before 5.3): every --kill-on rule acts from user space");
		else if (!o.dry_run)
			diag_info("%u rule checks in the kernel",
				  enforce_to_programs(&t, rules, o.nkill, o.str_max));
	}
	if (o.command && !o.dump_progs) {
		if ((child = launch_start(o.command)) < 0) {
			diag_error("cannot start %s: %s", o.command[0],
				   errnos_text((int)-child));
			goto out;
		}
	}
	if (t.scoped && !o.dump_progs && fill_scope(&t, &o, child) != 0)
		goto out;
	if (o.dump_progs) {
		status = tracer_load(&t, fd) ? EXIT_OUTPUT : EXIT_OK;
		goto out;
	}

	/* 5. rings, programs, attachment: exits first, then entries (with
	 * -S nothing is sent through the rings: one page each is enough) */
	if (o.summary)
		o.ring_pages = 1;
	/* woken per eighth of a ring (room left for a reader that is not
	 * scheduled at once); per record when rules act from here */
	if (perfbuf_open(&pb, t.events_fd, t.max_cpus, o.ring_pages,
			 o.nkill ? 1
				 : o.ring_pages * (unsigned)getpagesize() / 8) != 0 ||
	    tracer_load(&t, -1) != 0)
		goto out;
	signals_setup(&unblocked);
	if (tracer_attach(&t) != 0)
		goto out;
	/* a -p process may have exited between its check and the attach */
	scope_prune(&t);
	t0 = loop_now();
	if (child > 0 && launch_release(child) != 0)
		goto out;
	diag_info("attached %u syscalls", t.nsys);

	/* 6. the event loop */
	/* room for the longest line -s allows, twice over */
	if (out_init(&out, fd,
		     OUT_BUFFER > 2 * LINE_MAX_BYTES(o.str_max)
			     ? OUT_BUFFER
			     : 2 * LINE_MAX_BYTES(o.str_max)) != 0 ||
	    loop_init(&l, &t, &pb, &out, o.str_max, o.json, t0) != 0) {
		diag_error("cannot allocate buffers: out of memory");
		goto out;
	}
	out_wait_signals(&out, &unblocked, &stop_signals);
	loop_header(&l, o.ring_pages);
	l.summary_every_ns = (uint64_t)o.interval * 1000000000u;
	if (o.nkill) {
		l.enforce = &enforce;
		l.slack_ns = 1000000; /* 1 ms: a kill from here waits for it */
	}
	if (child > 0 || (o.pids && !o.ncomm)) {
		/* stop when the traced processes are gone */
		wait_for.t = &t;
		wait_for.child = child;
		l.until = scope_done;
		l.until_ctx = &wait_for;
	}
	r = out_flush(&out);
	if (r == 0)
		r = loop_run(&l, &stop_signal, &unblocked);

	/* 7. stop the programs, drain, account, summarise */
	l.t_stop = loop_now();
	stop_programs(&t);
	l.stop_reason = out.err ? "log write error"
			: stop_signal ? signal_name(stop_signal)
			: l.until_done ? (child > 0 ? "command exited"
						    : "traced processes exited")
				      : "error";
	r = loop_finish(&l) ? -1 : r;
	if (out.err == EPIPE) {
		status = EXIT_OUTPUT; /* the reader went away: say nothing */
	} else if (out.err == EINTR || out.err == ETIMEDOUT) {
		if (out.err == EINTR)
			diag_error("cannot write the log: its reader takes nothing; gave up at the second stop signal");
		else
			diag_error("cannot write the log: its reader took nothing for %d s after the stop signal",
				   OUT_STOP_PATIENCE_S);
		summary(&l, t0);
		status = EXIT_OUTPUT;
	} else if (out.err) {
		diag_error("cannot write the log%s%s: %s", o.output ? " " : "",
			   o.output ? o.output : "", errnos_text(out.err));
		summary(&l, t0);
		status = EXIT_OUTPUT;
	} else {
		summary(&l, t0);
		status = r == 0 ? EXIT_OK : EXIT_SETUP;
	}
	/* the command's status is ours, as with time(1) or strace */
	if (child > 0 && status == EXIT_OK) {
		if (!wait_for.exited)
			wait_for.exited = launch_poll(child, &wait_for.status);
		if (wait_for.exited)
			status = wait_for.status;
	}
	/* it ran: it runs on, untraced, whatever became of the log (only a
	 * command that never ran is killed, below) */
	child = -1;
	loop_free(&l);
	out_free(&out);
out:
	if (child > 0)
		launch_abort(child);
	perfbuf_close(&pb);
	close_events_behind(&t);
	tracer_close(&t);
	return status;
}
