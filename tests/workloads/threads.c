/* threads: several threads make known calls at the same time; the log
 * must hold each thread's lines in that thread's order.
 *
 *   usage: threads [NTHREADS [ROUNDS]]   (default 4 threads, 8 rounds)
 *
 * The threads are created before the begin marker (thread creation makes
 * calls of its own) and wait for a flag by spinning with sched_yield
 * (not traced) rather than on a futex, so the region holds only the calls
 * below. The main thread makes its own calls too, and ends the region
 * once every thread is done; the threads are joined after it.
 */
#include <pthread.h>
#include <sched.h>
#include <sys/ioctl.h>

#include "expect_line.h"

#define TAG "threads"
#define MAX_THREADS 64

static int go, released, done;
static int rounds = 8;

static void spin_until(const int *flag, int value)
{
	while (__atomic_load_n(flag, __ATOMIC_ACQUIRE) < value)
		sched_yield();
}

/* One round: every call of the set that is harmless in a thread. Threads
 * open different files, so a path the tracer gives to the wrong thread's
 * fd shows (the kernel hands a closed number to the next open at once). */
static void calls(int round, const char *path)
{
	static __thread uint32_t futex_word;
	static __thread char buf[256];
	long fd, map;

	fd = x_openat(AT_FDCWD, path, O_RDWR | O_CLOEXEC, 0);
	if (fd < 0)
		exp_fatal("cannot open %s: %ld", path, fd);
	x_read(fd, buf, sizeof(buf));
	x_write(fd, buf, 1 + round);
	x_ioctl(fd, TCGETS, (long)buf);
	x_close(fd);
	map = x_mmap(0, 4096 * (1 + round), 3, 0x22, -1, 0);
	x_munmap(map, 4096 * (1 + round));
	x_futex(&futex_word, 129, 1 + round, NULL, NULL, 0);
	x_brk(0);
}

static void *thread_main(void *arg)
{
	const char *path = arg;
	int r;

	exp_tid(); /* gettid is not traced, but ask before the region */
	spin_until(&go, 1);
	for (r = 0; r < rounds; r++)
		calls(r, path);
	__atomic_fetch_add(&done, 1, __ATOMIC_RELEASE);
	spin_until(&released, 1);
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t th[MAX_THREADS];
	pthread_attr_t attr;
	int n = argc > 1 ? atoi(argv[1]) : 4, i, r;

	if (argc > 2)
		rounds = atoi(argv[2]);
	if (n < 1 || n > MAX_THREADS || rounds < 1 || rounds > 100)
		exp_fatal("usage: threads [1..%d [1..100]]", MAX_THREADS);
	exp_tid();
	/* room for the expectation lines built on the stack */
	if (pthread_attr_init(&attr) || pthread_attr_setstacksize(&attr, 1 << 20))
		exp_fatal("cannot set the thread stack size");
	for (i = 0; i < n; i++)
		if (pthread_create(&th[i], &attr, thread_main,
				   i % 2 ? "/dev/null" : "/dev/zero") != 0)
			exp_fatal("cannot create thread %d", i);

	exp_begin(TAG);
	__atomic_store_n(&go, 1, __ATOMIC_RELEASE);
	for (r = 0; r < rounds; r++)
		calls(r, "/dev/null");
	spin_until(&done, n);
	exp_end(TAG);

	__atomic_store_n(&released, 1, __ATOMIC_RELEASE);
	for (i = 0; i < n; i++)
		pthread_join(th[i], NULL);
	return exp_print();
}
