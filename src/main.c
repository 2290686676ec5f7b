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
#include "loop.h"
#include "opts.h"
#include "out.h"
#include "perfbuf.h"
#include "tracer.h"
#include "errnos.h"
#include "fmt.h"
#include "mem.h"
#include "sysset.h"

enum exit_status {
	EXIT_OK = 0,      /* stopped by a signal, everything written */
	EXIT_SETUP = 1,   /* cannot trace: permissions, kernel, verifier */
	EXIT_USAGE = 2,   /* bad options */
	EXIT_OUTPUT = 3,  /* the log could not be written */
};

#define OUT_BUFFER (256 * 1024)

static volatile sig_atomic_t stop_signal;

static void on_stop(int sig)
{
	stop_signal = sig;
}

/* SIGINT, SIGTERM and SIGHUP stop tracing cleanly. They stay blocked
 * except while the loop waits, so a signal can never fall between the
 * check of stop_signal and the wait. SIGPIPE is ignored: a closed pipe
 * shows up as EPIPE from write() and ends tracing quietly. */
static void signals_setup(sigset_t *unblocked)
{
	struct sigaction sa;
	sigset_t block;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, unblocked);
	sigdelset(unblocked, SIGINT);
	sigdelset(unblocked, SIGTERM);
	sigdelset(unblocked, SIGHUP);
}

static int open_log(const struct opts *o)
{
	struct stat st;
	int fd;

	if (!o->output)
		return STDOUT_FILENO;
	/* 0600: the log holds paths and command lines of other users */
	fd = open(o->output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
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

static const char *signal_name(int sig)
{
	switch (sig) {
	case SIGINT: return "SIGINT";
	case SIGTERM: return "SIGTERM";
	case SIGHUP: return "SIGHUP";
	}
	return "signal";
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

int main(int argc, char **argv)
{
	static struct tracer t;
	struct perfbuf pb = { 0 };
	struct opts o;
	struct out out;
	struct loop l;
	sigset_t unblocked;
	char err[160];
	int fd = -1, r, status = EXIT_SETUP;
	uint64_t t0;

	/* 1. options, and the syscall names in them: a typo is a usage
	 * error, found before anything is opened or mounted */
	if (opts_parse(&o, argc, argv, err, sizeof(err)) != 0 ||
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
	tracer_init(&t);

	/* 2. the log, before anything is attached: a bad path costs nothing */
	if ((fd = open_log(&o)) < 0)
		return EXIT_SETUP;

	/* 3. tracefs and the syscalls' formats */
	if (tracefs_open(&t.tfs) != 0)
		goto out;
	r = tracer_select(&t, o.syscalls, o.str_max);
	if (r == -EINVAL) {
		status = EXIT_USAGE;
		goto out;
	}
	if (r != 0)
		goto out;

	/* 4. what this kernel offers, and the maps */
	if (tracer_probe(&t) != 0 || tracer_create_maps(&t) != 0)
		goto out;
	if (o.dump_progs) {
		status = tracer_load(&t, fd) ? EXIT_OUTPUT : EXIT_OK;
		goto out;
	}

	/* 5. rings, programs, attachment: exits first, then entries */
	if (perfbuf_open(&pb, t.events_fd, t.max_cpus, o.ring_pages,
			 o.ring_pages * (unsigned)sysconf(_SC_PAGESIZE) / 4) != 0 ||
	    tracer_load(&t, -1) != 0)
		goto out;
	signals_setup(&unblocked);
	if (tracer_attach(&t) != 0)
		goto out;
	t0 = loop_now();
	diag_info("attached %u syscalls", t.nsys);

	/* 6. the event loop */
	if (out_init(&out, fd, OUT_BUFFER) != 0 ||
	    loop_init(&l, &t, &pb, &out, o.str_max, o.json, t0) != 0) {
		diag_error("cannot allocate buffers: out of memory");
		goto out;
	}
	loop_header(&l, o.ring_pages);
	r = out_flush(&out);
	if (r == 0)
		r = loop_run(&l, &stop_signal, &unblocked);

	/* 7. detach, drain, account, summarise */
	l.t_stop = loop_now();
	tracer_detach(&t);
	l.stop_reason = out.err ? "log write error"
			: stop_signal ? signal_name(stop_signal)
				      : "error";
	r = loop_finish(&l) ? -1 : r;
	if (out.err == EPIPE) {
		status = EXIT_OUTPUT; /* the reader went away: say nothing */
	} else if (out.err) {
		diag_error("cannot write the log%s%s: %s", o.output ? " " : "",
			   o.output ? o.output : "", errnos_text(out.err));
		summary(&l, t0);
		status = EXIT_OUTPUT;
	} else {
		summary(&l, t0);
		status = r == 0 ? EXIT_OK : EXIT_SETUP;
	}
	loop_free(&l);
	out_free(&out);
out:
	perfbuf_close(&pb);
	tracer_close(&t);
	return status;
}
