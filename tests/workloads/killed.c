/* killed: children SIGKILLed while they are blocked in a syscall, in
 * rounds; the log must hold each child's blocking call exactly once, ended
 * as the kernel ended it, and the tracer must keep nothing of it in flight.
 *
 *   usage: killed DIR ROUNDS PER_ROUND [--wait]
 *          (DIR must exist; ROUNDS x PER_ROUND <= 1000, PER_ROUND <= 100)
 *
 * Each round forks PER_ROUND children. An even child opens the FIFO
 * DIR/killed.fifo read-write (so the open does not wait for a writer)
 * and reads one byte from it, which nobody ever writes; an odd child
 * waits on a private futex word that nobody wakes. The parent waits until
 * every child of the round is asleep in its call -- /proc/PID/syscall
 * names the syscall (the kernel says "running" unless the task sleeps) and
 * /proc/PID/stat shows state S (an interruptible sleep: the pipe's or the
 * futex's wait queue) -- then SIGKILLs them all and reaps them, checking
 * that each died of SIGKILL.
 *
 * A task killed in an interruptible wait leaves the call with
 * -ERESTARTSYS (512: include/linux/errno.h, kernel-internal, not in
 * <asm/errno.h>); the syscall-exit tracepoint runs before the task acts
 * on the signal and exits, so the call ends with that value, which the
 * child cannot record itself: the parent records the children's lines
 * (their openat, then the read or futex) for them, with that result.
 * The parent's own calls in the region (reading /proc) are recorded as
 * usual. Calls made: openat, read, close, futex; fork, kill and wait4
 * are outside any set the test traces.
 *
 * --wait: after printing the expectations, print "# waiting" and wait
 * for SIGUSR1 (at most 60 s) before exiting, so that a test can look at
 * the tracer's maps while the process still runs.
 *
 * Facts: "# children N", "# fifo PATH".
 */
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "expect_line.h"

#define TAG "killed"
#define ERESTARTSYS 512 /* include/linux/errno.h */
#define MAX_CHILDREN 1000
#define MAX_PER_ROUND 100
#define WAIT_MS 10000 /* for a child to block, at most */

struct slot {
	int ready; /* the child is about to make its blocking call */
	int fd;    /* an even child's FIFO fd */
};

static struct slot *slots; /* shared with the children */
static uint32_t futex_word; /* each child's own copy: 0, never woken */
static char one_byte[1];
static char fifo[512];

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&ts, NULL); /* not traced */
}

/* The child: its blocking call, made raw (nothing to record here). */
static void child(int i)
{
	long fd;

	if (i % 2 == 0) {
		fd = exp_raw(SYS_openat, AT_FDCWD, (long)fifo,
			     O_RDWR | O_CLOEXEC, 0, 0, 0);
		if (fd < 0)
			_exit(2);
		slots[i].fd = (int)fd;
		__atomic_store_n(&slots[i].ready, 1, __ATOMIC_RELEASE);
		exp_raw(SYS_read, fd, (long)one_byte, 1, 0, 0, 0);
	} else {
		__atomic_store_n(&slots[i].ready, 1, __ATOMIC_RELEASE);
		exp_raw(SYS_futex, (long)&futex_word, 128 /* WAIT_PRIVATE */,
			0, 0, 0, 0);
	}
	_exit(3); /* the call returned: the parent reports it */
}

/* The text of /proc/PID/NAME, read with recorded calls; "" on error. */
static void proc_read(long pid, const char *name, char *buf, long size)
{
	char path[64];
	long fd, n;

	snprintf(path, sizeof(path), "/proc/%ld/%s", pid, name);
	buf[0] = '\0';
	fd = x_openat(AT_FDCWD, path, O_RDONLY | O_CLOEXEC, 0);
	if (fd < 0)
		return;
	n = x_read(fd, buf, size - 1);
	buf[n > 0 ? n : 0] = '\0';
	x_close(fd);
}

/* Is pid asleep in syscall nr? */
static int blocked_in(long pid, long nr)
{
	char buf[512], *state;

	proc_read(pid, "syscall", buf, sizeof(buf));
	if (atol(buf) != nr || buf[0] < '0' || buf[0] > '9')
		return 0;
	proc_read(pid, "stat", buf, sizeof(buf));
	state = strrchr(buf, ')'); /* after the comm: " S ..." */
	return state && state[1] == ' ' && state[2] == 'S';
}

/* fd, named path, as the child's lines show it (the parent's own table
 * entry for that number is kept aside meanwhile) */
static void child_lines(long pid, int i)
{
	struct exp_line l;

	if (i % 2 == 0) {
		long fd = slots[i].fd;
		__typeof__(exp_fds[0]) saved;

		if (fd < 0 || fd >= EXP_FDS)
			exp_fatal("child %ld: fd %ld", pid, fd);
		saved = exp_fds[fd];
		exp_fd_set(fd, fifo);
		exp_start(&l, "openat");
		exp_for(&l, pid);
		arg_dirfd(&l, AT_FDCWD);
		arg_path(&l, fifo, -1);
		arg_open_flags(&l, O_RDWR | O_CLOEXEC);
		exp_printf(&l, ") = %ld", fd);
		arg_fd_path_only(&l, fd);
		exp_commit(&l);
		exp_start(&l, "read");
		exp_for(&l, pid);
		arg_fd(&l, fd);
		arg_ptr(&l, one_byte);
		arg_size(&l, 1);
		ret_int(&l, -ERESTARTSYS);
		exp_fds[fd] = saved;
	} else {
		exp_start(&l, "futex");
		exp_for(&l, pid);
		arg_ptr(&l, &futex_word);
		exp_sep(&l);
		exp_puts(&l, "FUTEX_WAIT_PRIVATE");
		arg_uint(&l, 0);
		arg_ptr(&l, NULL);
		ret_int(&l, -ERESTARTSYS);
	}
}

static void round_of(int first, int n)
{
	long pids[MAX_PER_ROUND];
	int i, k, status;

	for (i = 0; i < n; i++) {
		pids[i] = fork();
		if (pids[i] < 0)
			exp_fatal("cannot fork");
		if (pids[i] == 0)
			child(first + i);
	}
	for (i = 0; i < n; i++) {
		long nr = (first + i) % 2 == 0 ? SYS_read : SYS_futex;

		for (k = 0; k < WAIT_MS; k++) {
			if (__atomic_load_n(&slots[first + i].ready,
					    __ATOMIC_ACQUIRE) &&
			    blocked_in(pids[i], nr))
				break;
			sleep_ms(1);
		}
		if (k == WAIT_MS)
			exp_fatal("child %ld never blocked in syscall %ld",
				  pids[i], nr);
	}
	for (i = 0; i < n; i++) {
		child_lines(pids[i], first + i);
		kill((pid_t)pids[i], SIGKILL);
	}
	for (i = 0; i < n; i++) {
		if (waitpid((pid_t)pids[i], &status, 0) != pids[i])
			exp_fatal("cannot reap child %ld", pids[i]);
		if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL)
			exp_fatal("child %ld did not die of SIGKILL (status 0x%x)",
				  pids[i], status);
	}
}

int main(int argc, char **argv)
{
	int rounds = argc >= 4 ? atoi(argv[2]) : 0;
	int per = argc >= 4 ? atoi(argv[3]) : 0;
	int wait = argc == 5 && !strcmp(argv[4], "--wait"), r;
	struct timespec limit = { 60, 0 };
	sigset_t usr1;

	if (argc < 4 || argc > 5 || (argc == 5 && !wait) || rounds < 1 ||
	    per < 1 || per > MAX_PER_ROUND || rounds * per > MAX_CHILDREN)
		exp_fatal("usage: killed DIR ROUNDS PER_ROUND [--wait]");
	snprintf(fifo, sizeof(fifo), "%s/killed.fifo", argv[1]);
	unlink(fifo);
	if (mkfifo(fifo, 0600) != 0)
		exp_fatal("cannot make the FIFO %s", fifo);
	slots = mmap(NULL, sizeof(*slots) * MAX_CHILDREN,
		     PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (slots == MAP_FAILED)
		exp_fatal("cannot map the children's slots");
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	exp_tid();

	exp_begin(TAG);
	for (r = 0; r < rounds; r++)
		round_of(r * per, per);
	exp_end(TAG);

	exp_print();
	printf("# children %d\n", rounds * per);
	printf("# fifo %s\n", fifo);
	unlink(fifo);
	if (wait) {
		printf("# waiting\n");
		fflush(stdout);
		sigtimedwait(&usr1, NULL, &limit); /* not traced */
	}
	return fflush(stdout) != 0;
}
