/* workload: the benchmark's syscall generator (issue 5).
 *
 * Every iteration makes the same 8 calls of aitrace-min's default set,
 * each a raw syscall() so that libc cannot elide or merge one:
 *
 *	fd = openat(AT_FDCWD, small_file, O_RDONLY)
 *	read(fd, buf, 64); close(fd)
 *	write(devnull, buf, 64)
 *	p = mmap(NULL, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)
 *	munmap(p, 4096)
 *	brk(0)
 *	futex(&word, FUTEX_WAKE_PRIVATE, 1)	(nobody waits: uncontended)
 *
 * The calls are made only by worker threads (-t N) or worker processes
 * (-f N), never by the main thread: a worker makes no other call of that
 * set between its start and its exit (glibc's thread start and exit use
 * rseq, set_robust_list, madvise and exit; a forked child ends with
 * _exit), so the lines a tracer logs for the worker ids are exactly the
 * calls counted here, and the start-up calls of the static binary (brk,
 * mmap, ...) stay out of the comparison.
 *
 *   usage: workload [-n ITER] [-r RATE] [-t THREADS | -f CHILDREN] [-p FILE]
 *          workload -w LOG [-m TEXT] [-P PID] [-T MS]
 *          workload -x REPORT -- COMMAND [ARG...]
 *
 *   -n ITER      iterations in all, split between the workers (default 100000)
 *   -r RATE      target rate in syscalls per second, all workers together;
 *                0 (default) is as fast as possible
 *   -t THREADS   workers are threads of this process (default 1)
 *   -f CHILDREN  workers are forked child processes
 *   -p FILE      the small file to open and read (default: a 64-byte
 *                temporary file /tmp/aitrace-workload.*, created and removed
 *                by the main thread)
 *
 * On stdout, first "pid P" as soon as it starts (so that a benchmark
 * interrupted midway can kill it), then at the end, one "key value" per
 * line:
 *
 *	mode threads workers 2 iterations 100000 rate 0
 *	workers 1234 1235		thread ids (-t) or process ids (-f)
 *	issued openat=N read=N close=N write=N mmap=N munmap=N brk=N futex=N
 *	total N
 *	elapsed S.NNNNNNNNN		first worker start to last worker end
 *	achieved N			syscalls per second
 *	failed N			calls that did not return what they should
 *	cpu S.SSSSSS			user+system time, workers included
 *
 * Exit status 0, or 1 when a call failed or the workload could not run.
 *
 * -w and -x are helpers for bench/run, not workloads.
 *
 * -w waits until the file LOG has a line starting "# tracing:" (aitrace-min
 * is attached and ready), or one containing TEXT (-m, repeatable), then
 * prints "ready S.NNNNNNNNN" (CLOCK_REALTIME when it was seen) and exits 0;
 * it exits 1 after MS milliseconds (default 10000) or when process PID has
 * gone. It polls every 100 microseconds.
 *
 * -x runs COMMAND (a tracer) as its child, like time(1) but exact: it
 * writes "start S.NNNNNNNNN" (CLOCK_REALTIME just before the fork) to
 * REPORT, forwards SIGINT, SIGTERM and SIGHUP to the child, samples the
 * child's VmHWM every 50 ms, and when the child has ended appends
 * "status N", "cpu S.SS" (user+system of the child itself, all threads,
 * not its children: read from /proc/PID/stat of the zombie before it is
 * reaped; clock-tick resolution), "cpu_tree S.SSSSSS" (the child and
 * every descendant it waited for, from wait4), "maxrss KiB" (ditto) and
 * "hwm KiB" (the child's own peak RSS, VmHWM, last sample). Exit status:
 * the child's, or 128+signal. The child starts with SIGINT, SIGTERM and
 * SIGHUP at their defaults (a background job of a non-interactive shell
 * has them ignored) and gets SIGTERM if the helper dies.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_WORKERS 64
#define CALLS_PER_ITER 8
#define BUF 64

enum { C_OPENAT, C_READ, C_CLOSE, C_WRITE, C_MMAP, C_MUNMAP, C_BRK, C_FUTEX,
       C_N };
static const char *const call_name[C_N] = {
	"openat", "read", "close", "write", "mmap", "munmap", "brk", "futex",
};

/* One per worker; in shared memory so that forked children can fill it.
 * Padded to a cache line so that threads do not share one. */
struct worker {
	long iters;		/* iterations to make */
	long tid;		/* thread id (or pid) of the worker */
	long count[C_N];	/* calls issued, by kind */
	long failed;
	struct timespec start, end;
	uint32_t futex_word;
} __attribute__((aligned(64)));

/* Private to the main thread: a child writing its fork() result (0) into
 * the shared table would clobber the pid the parent stored there. */
static pthread_t threads[MAX_WORKERS];
static pid_t children[MAX_WORKERS];

struct opts {
	long iters;
	double rate;		/* syscalls/s, all workers; 0: unpaced */
	int workers;
	int fork_mode;
	const char *path;
};

static int devnull = -1;
static const char *small_file;
static double iter_period;	/* seconds per iteration per worker, 0: unpaced */

static char *small_tmp;		/* the temporary small file, to remove */

static void die(const char *fmt, const char *arg)
{
	if (small_tmp)
		unlink(small_tmp);
	fprintf(stderr, "workload: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	exit(1);
}

static double ts_sec(const struct timespec *t)
{
	return (double)t->tv_sec + (double)t->tv_nsec / 1e9;
}

static double tv_sec(const struct timeval *t)
{
	return (double)t->tv_sec + (double)t->tv_usec / 1e6;
}

static void ts_add(struct timespec *t, double sec)
{
	long ns = (long)(sec * 1e9);

	t->tv_sec += ns / 1000000000L;
	t->tv_nsec += ns % 1000000000L;
	if (t->tv_nsec >= 1000000000L) {
		t->tv_sec++;
		t->tv_nsec -= 1000000000L;
	}
}

/* Sleep until the worker is back on schedule: iteration i is due at
 * start + i * period. Checked every iteration (clock_gettime is in the
 * vDSO: no syscall), slept only when more than 1 ms ahead, so a paced
 * worker runs in bursts of about 1 ms. clock_nanosleep is not in the
 * traced set. */
static void pace(const struct worker *w, long i)
{
	struct timespec now, due = w->start;
	double ahead;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ahead = ts_sec(&w->start) + (double)i * iter_period - ts_sec(&now);
	if (ahead < 1e-3)
		return;
	ts_add(&due, (double)i * iter_period);
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &due, NULL) ==
	       EINTR)
		;
}

static void work(struct worker *w)
{
	char buf[BUF];
	long i, fd, r;
	void *p;

	w->tid = syscall(SYS_gettid);
	clock_gettime(CLOCK_MONOTONIC, &w->start);
	for (i = 0; i < w->iters; i++) {
		if (iter_period > 0)
			pace(w, i);
		fd = syscall(SYS_openat, AT_FDCWD, small_file, O_RDONLY);
		w->count[C_OPENAT]++;
		if (fd < 0) {
			w->failed++;
			continue;
		}
		r = syscall(SYS_read, fd, buf, sizeof(buf));
		w->count[C_READ]++;
		w->failed += r <= 0;
		r = syscall(SYS_close, fd);
		w->count[C_CLOSE]++;
		w->failed += r != 0;
		r = syscall(SYS_write, devnull, buf, sizeof(buf));
		w->count[C_WRITE]++;
		w->failed += r != (long)sizeof(buf);
		p = (void *)syscall(SYS_mmap, NULL, 4096,
				    PROT_READ | PROT_WRITE,
				    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		w->count[C_MMAP]++;
		if (p == MAP_FAILED) {
			w->failed++;
		} else {
			r = syscall(SYS_munmap, p, 4096);
			w->count[C_MUNMAP]++;
			w->failed += r != 0;
		}
		r = syscall(SYS_brk, 0);
		w->count[C_BRK]++;
		w->failed += r <= 0;
		r = syscall(SYS_futex, &w->futex_word, FUTEX_WAKE_PRIVATE, 1,
			    NULL, NULL, 0);
		w->count[C_FUTEX]++;
		w->failed += r != 0;
	}
	clock_gettime(CLOCK_MONOTONIC, &w->end);
}

static void *thread_main(void *arg)
{
	work(arg);
	return NULL;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: workload [-n ITER] [-r RATE] [-t THREADS | -f CHILDREN] [-p FILE]\n"
		"       workload -w LOG [-m TEXT] [-P PID] [-T MS]\n"
		"       workload -x REPORT -- COMMAND [ARG...]\n");
	exit(2);
}

static long num(const char *s, long min, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max)
		die("bad number: %s", s);
	return v;
}

/* -w: poll LOG for the ready line. */
#define MAX_MARKS 8
static const char *marks[MAX_MARKS];
static int n_marks;

static int seen_ready(const char *buf)
{
	int i;

	if (!strncmp(buf, "# tracing:", 10) || strstr(buf, "\n# tracing:"))
		return 1;
	for (i = 0; i < n_marks; i++)
		if (strstr(buf, marks[i]))
			return 1;
	return 0;
}

static int wait_ready(const char *log, long pid, long timeout_ms)
{
	static const struct timespec tick = { 0, 100000 };
	static char buf[8192];
	struct timespec start, now;
	ssize_t n;
	int fd;

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		fd = open(log, O_RDONLY | O_CLOEXEC);
		if (fd >= 0) {
			n = read(fd, buf, sizeof(buf) - 1);
			close(fd);
			if (n > 0) {
				buf[n] = 0;
				if (seen_ready(buf)) {
					clock_gettime(CLOCK_REALTIME, &now);
					printf("ready %lld.%09ld\n",
					       (long long)now.tv_sec, now.tv_nsec);
					return fflush(stdout) != 0;
				}
			}
		}
		if (pid > 0 && kill((pid_t)pid, 0) < 0 && errno == ESRCH) {
			fprintf(stderr, "workload: process %ld is gone\n", pid);
			return 1;
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		if ((ts_sec(&now) - ts_sec(&start)) * 1000 > (double)timeout_ms) {
			fprintf(stderr, "workload: no ready line in %s\n", log);
			return 1;
		}
		nanosleep(&tick, NULL);
	}
}

/* -x: run a tracer and report what it cost. */
static volatile sig_atomic_t x_child;

static void x_forward(int sig)
{
	if (x_child > 0)
		kill(x_child, sig);
}

static void x_nothing(int sig)
{
	(void)sig;
}

static long x_hwm(pid_t pid, long prev)
{
	char path[64], buf[4096], *p;
	ssize_t n;
	long v;
	int fd;

	snprintf(path, sizeof(path), "/proc/%ld/status", (long)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return prev;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return prev;
	buf[n] = 0;
	p = strstr(buf, "VmHWM:");
	if (!p)
		return prev;	/* a zombie has no memory left */
	v = strtol(p + 6, NULL, 10);
	return v > prev ? v : prev;
}

/* user+system seconds of PID itself (all its threads, not its children),
 * from /proc/PID/stat, which a zombie still has; -1 if unreadable */
static double x_cpu(pid_t pid)
{
	char path[64], buf[1024], *p;
	unsigned long long ut, st;
	ssize_t n;
	int fd, i;

	snprintf(path, sizeof(path), "/proc/%ld/stat", (long)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	p = strrchr(buf, ')');	/* the name may hold spaces and parentheses */
	if (!p)
		return -1;
	for (i = 0; i < 12 && p; i++)	/* fields 3..13, then 14 is utime */
		p = strchr(p + 1, ' ');
	if (!p || sscanf(p, "%llu %llu", &ut, &st) != 2)
		return -1;
	return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

static int run_command(const char *report, char **cmd)
{
	static const struct timespec tick = { 0, 50000000 };
	struct sigaction sa;
	struct timespec now;
	struct rusage ru;
	pid_t parent = getpid(), pid;
	long hwm = 0, seen = 0;
	double own;
	int st, code;
	FILE *f;

	f = fopen(report, "w");
	if (!f)
		die("cannot create %s", report);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = x_forward;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = x_nothing;	/* so that nanosleep ends at exit */
	sigaction(SIGCHLD, &sa, NULL);
	clock_gettime(CLOCK_REALTIME, &now);
	fprintf(f, "start %lld.%09ld\n", (long long)now.tv_sec, now.tv_nsec);
	fflush(f);
	pid = fork();
	if (pid < 0)
		die("%s", "cannot fork");
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		signal(SIGCHLD, SIG_DFL);
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (getppid() != parent)
			_exit(127);
		execvp(cmd[0], cmd);
		fprintf(stderr, "workload: cannot run %s: %s\n", cmd[0],
			strerror(errno));
		_exit(127);
	}
	x_child = pid;
	/* wait for the end without reaping: the zombie's stat still holds
	 * its own CPU time, apart from its children's */
	for (;;) {
		siginfo_t si;

		memset(&si, 0, sizeof(si));
		if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) == 0) {
			if (si.si_pid == pid)
				break;
		} else if (errno != EINTR) {
			die("%s", "cannot wait for the command");
		}
		hwm = x_hwm(pid, hwm);
		seen++;
		nanosleep(&tick, NULL);
	}
	own = x_cpu(pid);
	while (wait4(pid, &st, 0, &ru) < 0)
		if (errno != EINTR)
			die("%s", "cannot wait for the command");
	x_child = 0;
	code = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	fprintf(f, "status %d\ncpu %.6f\ncpu_tree %.6f\nmaxrss %ld\nhwm %ld\n"
		"samples %ld\n", code, own,
		tv_sec(&ru.ru_utime) + tv_sec(&ru.ru_stime), ru.ru_maxrss, hwm,
		seen);
	if (fclose(f) != 0)
		die("cannot write %s", report);
	return code;
}

static void parse(int argc, char **argv, struct opts *o)
{
	const char *wait_log = NULL, *report = NULL;
	long wait_pid = 0, wait_ms = 10000;
	int c;

	o->iters = 100000;
	o->rate = 0;
	o->workers = 1;
	o->fork_mode = 0;
	o->path = NULL;
	while ((c = getopt(argc, argv, "n:r:t:f:p:w:m:P:T:x:h")) != -1) {
		switch (c) {
		case 'n': o->iters = num(optarg, 1, 1L << 40); break;
		case 'r': o->rate = (double)num(optarg, 0, 1L << 40); break;
		case 't': o->workers = (int)num(optarg, 1, MAX_WORKERS);
			  o->fork_mode = 0; break;
		case 'f': o->workers = (int)num(optarg, 1, MAX_WORKERS);
			  o->fork_mode = 1; break;
		case 'p': o->path = optarg; break;
		case 'w': wait_log = optarg; break;
		case 'm': if (n_marks < MAX_MARKS)
				  marks[n_marks++] = optarg;
			  break;
		case 'x': report = optarg; break;
		case 'P': wait_pid = num(optarg, 1, 1L << 30); break;
		case 'T': wait_ms = num(optarg, 1, 1L << 30); break;
		default: usage();
		}
	}
	if (report) {
		if (optind == argc)
			usage();
		exit(run_command(report, argv + optind));
	}
	if (optind != argc)
		usage();
	if (wait_log)
		exit(wait_ready(wait_log, wait_pid, wait_ms));
	if (o->iters < o->workers)
		die("%s", "fewer iterations than workers");
}

/* The small file: -p, or a temporary one of BUF bytes. Returns the path
 * to remove at the end, or NULL. */
static char *make_small_file(const struct opts *o)
{
	static char tmp[] = "/tmp/aitrace-workload.XXXXXX";
	char data[BUF];
	int fd;

	if (o->path) {
		small_file = o->path;
		return NULL;
	}
	fd = mkstemp(tmp);
	if (fd < 0)
		die("cannot create %s", tmp);
	small_tmp = tmp;
	memset(data, 'x', sizeof(data));
	if (write(fd, data, sizeof(data)) != (ssize_t)sizeof(data) || close(fd))
		die("cannot write %s", tmp);
	small_file = tmp;
	return tmp;
}

static void start_workers(struct worker *w, int n, int fork_mode)
{
	pid_t parent = getpid();
	int i;

	for (i = 0; i < n; i++) {
		if (!fork_mode) {
			if (pthread_create(&threads[i], NULL, thread_main, &w[i]))
				die("%s", "cannot create a thread");
			continue;
		}
		children[i] = fork();
		if (children[i] < 0)
			die("%s", "cannot fork");
		if (children[i] == 0) {
			/* die with the parent, so that killing it is enough */
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			if (getppid() != parent)
				_exit(1);
			work(&w[i]);
			_exit(0);
		}
	}
}

static int join_workers(int n, int fork_mode)
{
	int i, st, bad = 0;

	for (i = 0; i < n; i++) {
		if (!fork_mode) {
			bad |= pthread_join(threads[i], NULL) != 0;
			continue;
		}
		while (waitpid(children[i], &st, 0) < 0)
			if (errno != EINTR)
				die("cannot wait for a child: %s", strerror(errno));
		bad |= !WIFEXITED(st) || WEXITSTATUS(st) != 0;
	}
	return bad;
}

static void report(const struct opts *o, const struct worker *w)
{
	long count[C_N] = { 0 }, total = 0, failed = 0;
	double first = 0, last = 0, el;
	struct rusage self, kids;
	int i, k;

	for (i = 0; i < o->workers; i++) {
		for (k = 0; k < C_N; k++)
			count[k] += w[i].count[k];
		failed += w[i].failed;
		if (i == 0 || ts_sec(&w[i].start) < first)
			first = ts_sec(&w[i].start);
		if (i == 0 || ts_sec(&w[i].end) > last)
			last = ts_sec(&w[i].end);
	}
	el = last - first;
	getrusage(RUSAGE_SELF, &self);
	getrusage(RUSAGE_CHILDREN, &kids);
	printf("mode %s workers %d iterations %ld rate %.0f\n",
	       o->fork_mode ? "fork" : "threads", o->workers, o->iters,
	       o->rate);
	printf("workers");
	for (i = 0; i < o->workers; i++)
		printf(" %ld", w[i].tid);
	printf("\nissued");
	for (k = 0; k < C_N; k++) {
		printf(" %s=%ld", call_name[k], count[k]);
		total += count[k];
	}
	printf("\ntotal %ld\nelapsed %.9f\nachieved %.0f\nfailed %ld\n",
	       total, el, el > 0 ? (double)total / el : 0.0, failed);
	printf("cpu %.6f\n", tv_sec(&self.ru_utime) + tv_sec(&self.ru_stime) +
	       tv_sec(&kids.ru_utime) + tv_sec(&kids.ru_stime));
}

int main(int argc, char **argv)
{
	struct worker *w;
	struct opts o;
	char *tmp;
	int i, bad;

	parse(argc, argv, &o);
	printf("pid %ld\n", (long)getpid());
	fflush(stdout);
	devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (devnull < 0)
		die("cannot open %s", "/dev/null");
	tmp = make_small_file(&o);
	w = mmap(NULL, sizeof(*w) * (size_t)o.workers, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (w == MAP_FAILED)
		die("%s", "cannot map the worker table");
	for (i = 0; i < o.workers; i++)
		w[i].iters = o.iters / o.workers + (i < o.iters % o.workers);
	if (o.rate > 0)
		iter_period = CALLS_PER_ITER * o.workers / o.rate;
	if (iter_period > 0)
		prctl(PR_SET_TIMERSLACK, 1000UL);	/* 1 us, not 50 */

	start_workers(w, o.workers, o.fork_mode);
	bad = join_workers(o.workers, o.fork_mode);

	if (tmp)
		unlink(tmp);
	report(&o, w);
	for (i = 0; i < o.workers; i++)
		bad |= w[i].failed != 0;
	if (fflush(stdout) != 0)
		bad = 1;
	return bad;
}
