/* Closing perf events behind us: see closer.h. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "closer.h"

#ifndef SYS_close_range
#define SYS_close_range 436 /* the same on every architecture, 5.9+ */
#endif

/* Close every fd but the n in keep (sorted, ascending). */
static void close_all_but(const int *keep, int n)
{
	unsigned lo = 0;
	int i, fd;

	for (i = 0; i <= n; i++) {
		unsigned hi = i < n ? (unsigned)keep[i] : ~0u;

		if (hi > lo && syscall(SYS_close_range, lo, hi - 1, 0) != 0)
			goto one_by_one;
		lo = hi + 1;
	}
	return;
one_by_one:
	/* before 5.9, or refused by a seccomp filter: one by one, as far
	 * as a tracer's fds can go (the default RLIMIT_NOFILE is 1024) */
	for (fd = 0, i = 0; fd < 65536; fd++) {
		if (i < n && fd == keep[i]) {
			i++;
			continue;
		}
		close(fd);
	}
}

static void sort_fds(int *fds, int n)
{
	int i, j;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && fds[j - 1] > fds[j]; j--) {
			int tmp = fds[j];

			fds[j] = fds[j - 1];
			fds[j - 1] = tmp;
		}
}

int closer_start(int *fds, int n)
{
	pid_t tracer = getpid(), pid;
	int i;

	if (n <= 0)
		return 0;
	/* a bare fork (no CLONE_VM): the child runs only raw syscalls, so
	 * libc's fork(), its atfork locks and their code, buy nothing */
	if ((pid = (pid_t)syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0)) < 0) {
		for (i = 0; i < n; i++)
			close(fds[i]);
		return 0;
	}
	if (pid == 0) {
		/* the events, no more: not the log, whose reader must see
		 * its end when the tracer exits */
		sort_fds(fds, n);
		close_all_but(fds, n);
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 ||
		    getppid() != tracer)
			_exit(0); /* already gone: close them now */
		/* until SIGKILL; other signals (a second Ctrl-C) are the
		 * tracer's handlers, which set a flag */
		for (;;)
			ppoll(NULL, 0, NULL, NULL);
	}
	for (i = 0; i < n; i++)
		close(fds[i]);
	return 1;
}
