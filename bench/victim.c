/* victim: the process bench/kill-latency has aitrace-min kill, and the
 * witness of how far it got. The tracer's own "S s after the call" is a
 * claim; this measures from the victim's side.
 *
 *   victim [-n TRIALS] [-g GAP_MS] [-l LIMIT_MS] ALLOWED FORBIDDEN
 *
 * Each trial forks a child that shares one zeroed page with this parent
 * (MAP_SHARED | MAP_ANONYMOUS: it survives the child's death) and does,
 * with now() = clock_gettime(CLOCK_MONOTONIC), which is the vDSO (no
 * syscall, so nothing the tracer sees and nothing a signal waits for):
 *
 *	page->t_call = 0;		// warm-up: fault in the shared page,
 *	close(openat(ALLOWED)) twice;	// and a fresh child's first opens take
 *					// 10-60 us here, the third 2 us
 *	page->t_call = now();
 *	syscall(SYS_openat, AT_FDCWD, FORBIDDEN, O_RDONLY);	// the forbidden call
 *	page->returned = 1; page->t_ret = now();		// first code after it
 *	for (;;) { page->t_last = now(); page->iters++;		// and on, and on
 *		   if (page->t_last - page->t_ret > LIMIT) _exit(3); }
 *
 * The parent waits for the child (waitid), takes now() and prints a line.
 * A child killed on its return from the call (the kernel path) leaves
 * returned == 0: it never ran the store after the call. Each trial first
 * runs a control child that does the same but opens ALLOWED (no rule
 * matches it) and _exits at once: the floor of "call to death" (the call,
 * an exit, the parent's wake-up) that no kill can beat.
 *
 * Output, one line per child, fields separated by spaces:
 *	KIND PID END RETURNED ITERS RET_NS RAN_NS DEATH_NS
 * KIND "kill" or "control"; END "SIGKILL", "signal=N" or "exit=N";
 * RETURNED 1 if the child ran the store after the call; ITERS loop turns
 * after it; RET_NS t_ret - t_call (the call as the child saw it, 0 if it
 * never returned); RAN_NS t_last - t_ret (how long it demonstrably ran user
 * code after the call; 0 if it never returned); DEATH_NS from t_call to
 * the parent's wake-up after the child's death.
 * Exit 0 when every child ended, 1 on a setup error, 2 on usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct page {
	volatile uint64_t t_call, t_ret, t_last, iters;
	volatile int returned;
};

static uint64_t now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static void child(struct page *p, const char *allowed, const char *path,
		  int control, uint64_t limit_ns)
{
	int i;

	/* fork does not copy a shared mapping's page tables: fault the page
	 * in now, not inside the measured call */
	p->t_call = 0;
	for (i = 0; i < 2; i++)
		close((int)syscall(SYS_openat, AT_FDCWD, allowed, O_RDONLY));
	p->t_call = now();
	syscall(SYS_openat, AT_FDCWD, path, O_RDONLY);
	p->returned = 1;	/* the first store after the call */
	p->t_ret = now();
	if (control)
		_exit(0);
	for (;;) {
		p->t_last = now();
		p->iters++;
		if (p->t_last - p->t_ret > limit_ns)
			_exit(3);	/* nobody killed it */
	}
}

/* one child of KIND: fork, wait, print; 0 when it ended, -1 otherwise */
static int trial(struct page *p, const char *kind, const char *allowed,
		 const char *path, int control, uint64_t limit_ns)
{
	siginfo_t si;
	uint64_t t_dead;
	char end[32];
	pid_t pid;

	memset((void *)p, 0, sizeof(*p));
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "victim: cannot fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0)
		child(p, allowed, path, control, limit_ns);
	memset(&si, 0, sizeof(si));
	while (waitid(P_PID, pid, &si, WEXITED) != 0)
		if (errno != EINTR) {
			fprintf(stderr, "victim: cannot wait for %d: %s\n",
				(int)pid, strerror(errno));
			return -1;
		}
	t_dead = now();
	if (si.si_code == CLD_EXITED)
		snprintf(end, sizeof(end), "exit=%d", si.si_status);
	else if (si.si_status == SIGKILL)
		snprintf(end, sizeof(end), "SIGKILL");
	else
		snprintf(end, sizeof(end), "signal=%d", si.si_status);
	printf("%s %d %s %d %llu %llu %llu %llu\n", kind, (int)pid, end,
	       p->returned,
	       (unsigned long long)p->iters,
	       (unsigned long long)(p->t_ret ? p->t_ret - p->t_call : 0),
	       (unsigned long long)(p->t_ret && p->t_last ? p->t_last - p->t_ret : 0),
	       (unsigned long long)(t_dead - p->t_call));
	return 0;
}

static long number(const char *s, const char *what)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end || v < 0 || v > 1000000) {
		fprintf(stderr, "victim: %s: want a number from 0 to 1000000, not '%s'\n",
			what, s);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	long trials = 30, gap_ms = 20, limit_ms = 2000, i;
	struct page *p;
	int opt;

	while ((opt = getopt(argc, argv, "n:g:l:")) != -1)
		switch (opt) {
		case 'n': trials = number(optarg, "-n"); break;
		case 'g': gap_ms = number(optarg, "-g"); break;
		case 'l': limit_ms = number(optarg, "-l"); break;
		default:
			fprintf(stderr, "usage: victim [-n TRIALS] [-g GAP_MS] "
				"[-l LIMIT_MS] ALLOWED FORBIDDEN\n");
			return 2;
		}
	if (optind != argc - 2) {
		fprintf(stderr, "victim: want ALLOWED and FORBIDDEN paths\n");
		return 2;
	}
	p = mmap(NULL, sizeof(*p), PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		fprintf(stderr, "victim: cannot map a shared page: %s\n", strerror(errno));
		return 1;
	}
	for (i = 0; i < trials; i++) {
		if (trial(p, "control", argv[optind], argv[optind], 1, 0) != 0)
			return 1;
		if (trial(p, "kill", argv[optind], argv[optind + 1], 0,
			  (uint64_t)limit_ms * 1000000u) != 0)
			return 1;
		/* let the tracer drain: each trial starts from a quiet reader */
		sleep_ms(gap_ms);
	}
	return fflush(stdout) == 0 ? 0 : 1;
}
