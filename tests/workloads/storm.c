/* storm: more live children at once than a small scope map holds, for the
 * tests of --max-procs, --max-inflight and --max-rows.
 *
 *   usage: storm N
 *
 * Forks N children, in order. Each blocks in read() on a pipe whose write
 * end only the parent holds, so all N are alive (and none has left the
 * scope map) when the last is forked. Once every child is seen blocked in
 * that read (/proc/PID/syscall names it: so all N calls are in flight at
 * the same time), the parent closes the pipe; each child's read returns
 * 0, it calls getppid() once and exits 0. The parent reaps them all.
 *
 * Prints, after the children are reaped:
 *   # pid P                the parent
 *   # children C1 ... CN   the children's pids, in fork order
 *   # failed K             children that did not exit 0 (0 expected)
 * Exits 1 on a set-up error or when a child was not seen blocked in 10 s.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define STORM_MAX 4096

/* Is pid inside read() (the first field of /proc/PID/syscall)? */
static int blocked_in_read(pid_t pid)
{
	char path[64], buf[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/syscall", (int)pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	return atoi(buf) == SYS_read && buf[0] >= '0' && buf[0] <= '9';
}

int main(int argc, char **argv)
{
	static pid_t child[STORM_MAX];
	int n = argc == 2 ? atoi(argv[1]) : 0, i, failed = 0, p[2];
	struct timespec pause = { 0, 1000000 };
	char byte;

	if (n < 1 || n > STORM_MAX) {
		fprintf(stderr, "usage: storm N (1..%d)\n", STORM_MAX);
		return 2;
	}
	if (pipe(p) != 0)
		return perror("pipe"), 1;
	for (i = 0; i < n; i++) {
		child[i] = fork();
		if (child[i] < 0)
			return perror("fork"), 1;
		if (child[i] == 0) {
			close(p[1]);
			/* raw calls: libc adds nothing around them */
			syscall(SYS_read, p[0], &byte, 1);
			syscall(SYS_getppid);
			_exit(0);
		}
	}
	for (i = 0; i < n; i++) {
		int tries = 10000;

		while (!blocked_in_read(child[i]) && --tries)
			nanosleep(&pause, NULL);
		if (!tries) {
			fprintf(stderr, "storm: child %d never blocked in read\n",
				(int)child[i]);
			return 1;
		}
	}
	close(p[1]);
	for (i = 0; i < n; i++) {
		int st;

		if (waitpid(child[i], &st, 0) != child[i] || !WIFEXITED(st) ||
		    WEXITSTATUS(st))
			failed++;
	}
	printf("# pid %d\n# children", (int)getpid());
	for (i = 0; i < n; i++)
		printf(" %d", (int)child[i]);
	printf("\n# failed %d\n", failed);
	return 0;
}
