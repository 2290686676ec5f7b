/* execstall: many execve calls inside the kernel at once; each must be
 * logged exactly once, its strings (read at entry) joined with its return.
 *
 *   usage: execstall [NTHREADS]   (default 100, at most 500)
 *
 * The tracer reads an execve's path and argv at entry and keeps that
 * record until the call's exit arrives; a process that holds more calls
 * in flight than the tracer keeps must not make one call two lines.
 *
 * Each thread calls execve on DIR/not-a-program (mode 0755, text that is
 * neither ELF nor "#!": the kernel answers ENOEXEC after copying the
 * strings) with an envp whose one string lies on a page registered with
 * userfaultfd and never touched. The kernel copies envp strings before
 * argv, faults on that page from kernel mode and sleeps until the fault is
 * resolved, so every thread sleeps inside execve after its entry was
 * recorded. When /proc shows every thread asleep in execve, the main
 * thread zero-fills the page (UFFDIO_ZEROPAGE wakes the sleepers), and
 * each execve fails with ENOEXEC. The tracer never reads envp: the page
 * stays untouched until the kernel's own copy.
 *
 * userfaultfd without UFFD_USER_MODE_ONLY handles kernel-mode faults only
 * for a caller with CAP_SYS_PTRACE (or vm.unprivileged_userfaultfd=1): the
 * tests run as root. Without userfaultfd the workload exits 77.
 *
 * Calls made in the region: execve (one per thread). The threads are
 * created before the begin marker and wait for a flag by spinning with
 * sched_yield (not traced).
 */
#include <linux/userfaultfd.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "expect_line.h"

#define TAG "execstall"
#define MAX_THREADS 500 /* a /proc fd each, under the 1024 fds */
#define WAIT_MS 10000 /* for the threads to fall asleep, at most */

static char program[512];
static char *stall_page; /* registered with userfaultfd, never touched */
static int go, nthreads;
static int syscall_fd[MAX_THREADS]; /* /proc/self/task/TID/syscall */
static long tids[MAX_THREADS];

static void *thread_main(void *arg)
{
	char *argv[] = { program, NULL };
	char *envp[] = { stall_page, NULL };

	__atomic_store_n(&tids[(long)arg], exp_tid(), __ATOMIC_RELEASE);
	while (!__atomic_load_n(&go, __ATOMIC_ACQUIRE))
		sched_yield();
	x_execve(program, argv, envp);
	return NULL;
}

/* How many threads /proc shows asleep in syscall nr ("NR args..." while
 * a task sleeps in a call, "running" else). The files were opened before
 * the region: pread is not traced, openat is. */
static int asleep_in(long nr)
{
	char buf[256];
	int i, n = 0;
	ssize_t len;

	for (i = 0; i < nthreads; i++) {
		len = pread(syscall_fd[i], buf, sizeof(buf) - 1, 0);
		if (len <= 0)
			continue;
		buf[len] = '\0';
		if (strtol(buf, NULL, 10) == nr)
			n++;
	}
	return n;
}

int main(int argc, char **argv)
{
	static pthread_t threads[MAX_THREADS];
	int i, uffd, faults = 0;
	long page = sysconf(_SC_PAGESIZE);
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg = { 0 };
	struct uffdio_zeropage zero = { 0 };
	const char *tmp = getenv("TMPDIR");
	struct timespec t0, now;
	pthread_attr_t attr;
	FILE *f;

	nthreads = argc > 1 ? atoi(argv[1]) : 100;
	if (nthreads < 1 || nthreads > MAX_THREADS)
		exp_fatal("usage: execstall [NTHREADS <= %d]", MAX_THREADS);
	snprintf(program, sizeof(program), "%s/execstall-%d.notaprogram",
		 tmp && *tmp ? tmp : "/tmp", (int)getpid());
	if (!(f = fopen(program, "w")) || fputs("not a program\n", f) < 0 ||
	    fclose(f) != 0 || chmod(program, 0755) != 0)
		exp_fatal("cannot write %s", program);

	uffd = (int)syscall(SYS_userfaultfd, O_CLOEXEC);
	if (uffd < 0 || ioctl(uffd, UFFDIO_API, &api) != 0) {
		fprintf(stderr, "execstall: no userfaultfd here: %s\n",
			strerror(errno));
		unlink(program);
		return 77;
	}
	stall_page = mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (stall_page == MAP_FAILED)
		exp_fatal("mmap: %s", strerror(errno));
	reg.range.start = (unsigned long)stall_page;
	reg.range.len = (unsigned long)page;
	reg.mode = UFFDIO_REGISTER_MODE_MISSING;
	if (ioctl(uffd, UFFDIO_REGISTER, &reg) != 0)
		exp_fatal("UFFDIO_REGISTER: %s", strerror(errno));

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	for (i = 0; i < nthreads; i++)
		if (pthread_create(&threads[i], &attr, thread_main,
				   (void *)(long)i) != 0)
			exp_fatal("pthread_create %d", i);
	for (i = 0; i < nthreads; i++) {
		char path[64];

		while (!__atomic_load_n(&tids[i], __ATOMIC_ACQUIRE))
			sched_yield();
		snprintf(path, sizeof(path), "/proc/self/task/%ld/syscall",
			 tids[i]);
		if ((syscall_fd[i] = open(path, O_RDONLY | O_CLOEXEC)) < 0)
			exp_fatal("%s: %s", path, strerror(errno));
	}

	exp_begin(TAG);
	__atomic_store_n(&go, 1, __ATOMIC_RELEASE);
	/* every thread asleep in execve (the fault messages are drained and
	 * counted for the error message) */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		struct pollfd p = { uffd, POLLIN, 0 };
		struct uffd_msg msg;

		clock_gettime(CLOCK_MONOTONIC, &now);
		if ((now.tv_sec - t0.tv_sec) * 1000 +
			    (now.tv_nsec - t0.tv_nsec) / 1000000 > WAIT_MS)
			exp_fatal("after %d ms: %d of %d threads faulted, %d asleep in execve",
				  WAIT_MS, faults, nthreads,
				  asleep_in(SYS_execve));
		if (asleep_in(SYS_execve) >= nthreads)
			break;
		if (poll(&p, 1, 10) == 1 &&
		    read(uffd, &msg, sizeof(msg)) == (ssize_t)sizeof(msg) &&
		    msg.event == UFFD_EVENT_PAGEFAULT)
			faults++;
	}
	zero.range = reg.range;
	if (ioctl(uffd, UFFDIO_ZEROPAGE, &zero) != 0)
		exp_fatal("UFFDIO_ZEROPAGE: %s", strerror(errno));
	for (i = 0; i < nthreads; i++)
		pthread_join(threads[i], NULL);
	exp_end(TAG);

	unlink(program);
	printf("# threads %d\n", nthreads);
	return exp_print();
}
