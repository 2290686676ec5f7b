/* Starting the traced command: see launch.h. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "diag.h"
#include "errnos.h"
#include "launch.h"

pid_t launch_start(char **argv)
{
	/* _Fork, not fork: no atfork handlers to run in a single thread,
	 * and musl's fork drags in its rwlocks */
	pid_t pid = _Fork();
	int status;

	if (pid < 0)
		return -errno;
	if (pid == 0) {
		sigset_t none;

		/* wait, stopped, until the tracer has attached everything; the
		 * kill is made before anything is attached, so it is not in
		 * the log */
		kill(getpid(), SIGSTOP);
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		signal(SIGPIPE, SIG_DFL);
		execvp(argv[0], argv);
		diag_error("cannot run %s: %s", argv[0], errnos_text(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	if (waitpid(pid, &status, WUNTRACED) != pid || !WIFSTOPPED(status)) {
		int e = errno;

		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		return -(e ? e : ECHILD);
	}
	return pid;
}

int launch_release(pid_t pid)
{
	return kill(pid, SIGCONT) == 0 ? 0 : -errno;
}

int launch_poll(pid_t pid, int *status)
{
	int st;
	pid_t r = waitpid(pid, &st, WNOHANG);

	if (r != pid)
		return 0;
	if (WIFEXITED(st))
		*status = WEXITSTATUS(st);
	else if (WIFSIGNALED(st))
		*status = 128 + WTERMSIG(st);
	else
		return 0;
	return 1;
}

void launch_abort(pid_t pid)
{
	int st;

	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
}
