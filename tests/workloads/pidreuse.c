/* pidreuse: a process SIGKILLed with a file open, and the next process
 * given its pid; the log must not name that process's fds after the dead
 * one's files. Needs root (it writes /proc/sys/kernel/ns_last_pid).
 *
 *   usage: pidreuse DIR     (DIR must exist)
 *
 * A killed process never calls exit_group, the call after which the
 * tracer forgets a process's fds. The next process with its pid is made
 * with vfork, as posix_spawn makes every child: its parent's vfork returns
 * only after the child has exited, so the child's calls reach the tracer
 * before the fork that would have given it its parent's fds.
 *
 * Before the region, fd 3 is the read end of a pipe holding two bytes.
 * In the region:
 *   C  a vfork child with a fresh pid reads one byte from fd 3 (the
 *      control: the tracer names the pipe as /proc does);
 *   X  a forked child closes its fd 3, opens DIR/pidreuse-file (fd 3),
 *      says so in shared memory and pauses; it is SIGKILLed and reaped;
 *   Y  a vfork child made with ns_last_pid set to X - 1, so that it is
 *      given X's pid (retried up to 20 times when another process took
 *      it first), reads one byte from fd 3, the pipe.
 * C and Y stay alive 300 ms after their read (nanosleep, not traced), so
 * that the tracer finds the pipe in /proc when it writes their lines.
 *
 * Prints three lines the log must hold (it holds more: the forks, the
 * closes, the exits), X's openat and the two reads, and facts:
 *   # control C   # killed X   # reused Y   # file PATH   # pipe NAME
 */
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "expect_line.h"

#define TAG "pidreuse"
#define ATTEMPTS 20

static char byte[1];

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&ts, NULL); /* not traced */
}

/* X: its fd 3 becomes the file; then it waits to be killed */
static void x_child(const char *file, volatile int *ready)
{
	long fd;

	exp_raw(SYS_close, 3, 0, 0, 0, 0, 0);
	fd = exp_raw(SYS_openat, AT_FDCWD, (long)file, O_RDONLY, 0, 0, 0);
	if (fd != 3)
		_exit(2);
	*ready = 1;
	for (;;)
		pause(); /* not traced */
}

/* "read(3<pipe:[N]>, byte, 1) = 1" made by child pid */
static void child_read_line(long pid)
{
	struct exp_line l;

	exp_start(&l, "read");
	exp_for(&l, pid);
	arg_fd(&l, 3);
	arg_ptr(&l, byte);
	arg_size(&l, 1);
	ret_int(&l, 1);
}

static void set_last_pid(long pid)
{
	char text[32];
	int fd = open("/proc/sys/kernel/ns_last_pid", O_WRONLY | O_CLOEXEC);
	int n = snprintf(text, sizeof(text), "%ld", pid);

	if (fd < 0 || write(fd, text, (size_t)n) != n || close(fd) != 0)
		exp_fatal("cannot write /proc/sys/kernel/ns_last_pid");
}

/* A vfork child that reads fd 3 if its pid is want (any pid if want is
 * 0), or exits at once; returns its pid once it has exited. */
static long vfork_reader(long want)
{
	int status;
	long pid = vfork();

	if (pid == 0) {
		if (want && getpid() != want)
			_exit(9);
		if (exp_raw(SYS_read, 3, (long)byte, 1, 0, 0, 0) != 1)
			_exit(3);
		sleep_ms(300);
		_exit(0);
	}
	if (pid < 0 || waitpid((pid_t)pid, &status, 0) != pid ||
	    !WIFEXITED(status))
		exp_fatal("vfork child %ld", pid);
	if (want && pid != want) {
		if (WEXITSTATUS(status) != 9)
			exp_fatal("vfork child %ld exited %d", pid,
				  WEXITSTATUS(status));
		return pid;
	}
	if (WEXITSTATUS(status) != 0)
		exp_fatal("vfork child %ld could not read fd 3", pid);
	return pid;
}

int main(int argc, char **argv)
{
	char file[512];
	volatile int *ready;
	long c, x, y = 0;
	int p[2], status, i;
	struct exp_line l;

	if (argc != 2)
		exp_fatal("usage: pidreuse DIR");
	snprintf(file, sizeof(file), "%s/pidreuse-file", argv[1]);
	i = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (i < 0 || close(i) != 0)
		exp_fatal("cannot create %s", file);
	/* fd 3: the pipe, with a byte for each reader */
	if (pipe(p) != 0 || write(p[1], "cy", 2) != 2)
		exp_fatal("cannot make the pipe");
	if (p[0] != 3 && (dup2(p[0], 3) != 3 || close(p[0]) != 0))
		exp_fatal("cannot move the pipe to fd 3");
	exp_fd_proc(3);
	ready = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (ready == MAP_FAILED)
		exp_fatal("cannot map shared memory");
	exp_tid();

	exp_begin(TAG);
	c = vfork_reader(0);
	x = fork();
	if (x == 0)
		x_child(file, ready);
	if (x < 0)
		exp_fatal("cannot fork");
	for (i = 0; i < 10000 && !*ready; i++)
		sleep_ms(1);
	if (!*ready)
		exp_fatal("child %ld did not open %s", x, file);
	kill((pid_t)x, SIGKILL);
	if (waitpid((pid_t)x, &status, 0) != x || !WIFSIGNALED(status))
		exp_fatal("cannot reap child %ld", x);
	for (i = 0; i < ATTEMPTS && y != x; i++) {
		set_last_pid(x - 1);
		y = vfork_reader(x);
	}
	if (y != x)
		exp_fatal("pid %ld was not given again in %d attempts", x,
			  ATTEMPTS);
	exp_end(TAG);

	/* X's openat, C's and Y's reads */
	exp_start(&l, "openat");
	exp_for(&l, x);
	arg_dirfd(&l, AT_FDCWD);
	arg_path(&l, file, -1);
	arg_open_flags(&l, O_RDONLY);
	exp_puts(&l, ") = 3<");
	exp_escape(&l, (const unsigned char *)file, strlen(file), 0);
	exp_puts(&l, ">");
	exp_commit(&l);
	child_read_line(c);
	child_read_line(y);
	exp_print();
	printf("# control %ld\n# killed %ld\n# reused %ld\n", c, x, y);
	printf("# file %s\n# pipe %s\n", file, exp_fds[3].path);
	return fflush(stdout) != 0;
}
