/* toctou: time of check against time of use. One thread flips one byte of
 * a path back and forth while another opens that path in a loop; the log
 * must do what docs/log-format.md ("Strings: when they are read") says.
 *
 *   usage: toctou DIR N     (DIR must exist; 1 <= N <= 3000)
 *
 * The path is DIR/toctou-A or DIR/toctou-B: one byte apart, flipped with
 * single-byte stores, so a read of it can never be torn into a third
 * string. DIR/toctou-A is created before the region and DIR/toctou-B is
 * not, so the result of each call tells which of the two the kernel used:
 * an fd (checked against /proc/self/fd: toctou-A) or ENOENT (toctou-B).
 *
 * The main thread makes N openat(AT_FDCWD, path, O_RDONLY) calls and
 * closes each fd it gets; it records each call's line with the path the
 * KERNEL used, which the tracer, reading the buffer when the call returns,
 * may not show. The test compares line by line: the result must be the
 * recorded one, the path one of the two (the log shows the bytes present
 * at return), and a line whose path differs from the recorded one is a
 * time-of-check/time-of-use mismatch, counted, not a failure.
 *
 * With two CPUs or more, the threads are pinned to two different ones, so
 * that the flipping goes on while a call is in the kernel (on one CPU the
 * flipper only runs when the opener is preempted, and a rewrite during a
 * call is rare). The flipping thread makes no syscall between the markers
 * (it spins; the threads are created and pinned before the region). Facts
 * after the expectations:
 *   # paths PATH_A PATH_B
 *   # opener TID              the thread whose lines the test checks
 *   # results OPENED ENOENT   how the N calls ended
 *   # flips F                 byte stores made while the opener ran
 *   # cpus OPENER FLIPPER     the CPUs they were pinned to, or "any"
 */
#include <pthread.h>
#include <sched.h>

#include "expect_line.h"

#define TAG "toctou"
#define MAX_CALLS 3000 /* 2 expectations each, EXP_MAX in expect_line.h */

static char path[512];       /* the buffer both threads use */
static size_t flip_at;       /* the index of the A/B byte */
static int go, stop;
static unsigned long flips;
static int cpu_flipper = -1;

/* Pin the calling thread to cpu (sched_setaffinity: not traced). */
static void pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set) != 0)
		exp_fatal("cannot pin a thread to CPU %d", cpu);
}

/* Two CPUs this process may run on, or -1s. */
static void two_cpus(int *a, int *b)
{
	cpu_set_t set;
	int c;

	*a = *b = -1;
	if (sched_getaffinity(0, sizeof(set), &set) != 0)
		return;
	for (c = 0; c < CPU_SETSIZE && *b < 0; c++)
		if (CPU_ISSET(c, &set)) {
			if (*a < 0)
				*a = c;
			else
				*b = c;
		}
	if (*b < 0)
		*a = -1;
}

static void *flipper(void *arg)
{
	unsigned long n = 0;

	(void)arg;
	if (cpu_flipper >= 0)
		pin(cpu_flipper);
	while (!__atomic_load_n(&go, __ATOMIC_ACQUIRE))
		sched_yield();
	while (!__atomic_load_n(&stop, __ATOMIC_ACQUIRE)) {
		/* single-byte stores: a reader sees 'A' or 'B', never
		 * anything else */
		__atomic_store_n(&path[flip_at], 'B', __ATOMIC_RELAXED);
		__atomic_store_n(&flips, ++n, __ATOMIC_RELAXED);
		__atomic_store_n(&path[flip_at], 'A', __ATOMIC_RELAXED);
		__atomic_store_n(&flips, ++n, __ATOMIC_RELAXED);
	}
	return NULL;
}

/* The fd's file as /proc names it (readlinkat: not traced). */
static void proc_fd_path(long fd, char *out, size_t size)
{
	char link[64];
	long n;

	snprintf(link, sizeof(link), "/proc/self/fd/%ld", fd);
	n = exp_raw(SYS_readlinkat, AT_FDCWD, (long)link, (long)out,
		    (long)size - 1, 0, 0);
	out[n > 0 ? n : 0] = '\0';
}

/* The line of a call that used kpath (the tracer reads path itself). */
static void record_open(const char *kpath, long r)
{
	struct exp_line l;

	exp_start(&l, "openat");
	arg_dirfd(&l, AT_FDCWD);
	arg_path(&l, kpath, -1);
	arg_open_flags(&l, O_RDONLY);
	exp_opened(&l, r, kpath);
}

int main(int argc, char **argv)
{
	char path_a[512], path_b[512], real[512];
	long n = argc == 3 ? atol(argv[2]) : -1, i, r, opened = 0, enoent = 0;
	pthread_t th;
	int fd, cpu_opener;

	if (n < 1 || n > MAX_CALLS)
		exp_fatal("usage: toctou DIR N (1 <= N <= %d)", MAX_CALLS);
	snprintf(path_a, sizeof(path_a), "%s/toctou-A", argv[1]);
	snprintf(path_b, sizeof(path_b), "%s/toctou-B", argv[1]);
	if (strlen(path_a) + 1 >= sizeof(path_a) ||
	    strlen(path_a) > exp_str_max)
		exp_fatal("DIR too long");
	exp_init_from_env();
	unlink(path_b);
	fd = open(path_a, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || close(fd) != 0)
		exp_fatal("cannot create %s", path_a);
	memcpy(path, path_a, strlen(path_a) + 1);
	flip_at = strlen(path) - 1;
	exp_tid();
	two_cpus(&cpu_opener, &cpu_flipper);
	if (cpu_opener >= 0)
		pin(cpu_opener);
	if (pthread_create(&th, NULL, flipper, NULL) != 0)
		exp_fatal("cannot create the flipping thread");

	exp_begin(TAG);
	__atomic_store_n(&go, 1, __ATOMIC_RELEASE);
	while (__atomic_load_n(&flips, __ATOMIC_RELAXED) < 2)
		sched_yield();
	for (i = 0; i < n; i++) {
		r = exp_raw(SYS_openat, AT_FDCWD, (long)path, O_RDONLY, 0, 0,
			    0);
		if (r >= 0) {
			/* only toctou-A exists: check that it is what opened */
			proc_fd_path(r, real, sizeof(real));
			if (strcmp(real, path_a) != 0)
				exp_fatal("call %ld opened %s, not %s", i, real,
					  path_a);
			record_open(path_a, r);
			x_close(r);
			opened++;
		} else if (r == -ENOENT) {
			record_open(path_b, r);
			enoent++;
		} else {
			exp_fatal("call %ld: openat returned %ld", i, r);
		}
	}
	__atomic_store_n(&stop, 1, __ATOMIC_RELEASE);
	exp_end(TAG);
	pthread_join(th, NULL);

	exp_print();
	printf("# paths %s %s\n", path_a, path_b);
	printf("# opener %ld\n", exp_tid());
	printf("# results %ld %ld\n", opened, enoent);
	printf("# flips %lu\n", flips);
	if (cpu_opener >= 0)
		printf("# cpus %d %d\n", cpu_opener, cpu_flipper);
	else
		printf("# cpus any\n");
	unlink(path_a);
	return fflush(stdout) != 0;
}
