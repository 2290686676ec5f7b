/* The COMMAND of `aitrace-min [options] -- COMMAND`: started stopped, so
 * that everything is attached before its first instruction, then let go;
 * its exit status becomes the tracer's. */
#ifndef AITRACE_LAUNCH_H
#define AITRACE_LAUNCH_H

#include <sys/types.h>

/* Fork a child that stops itself (SIGSTOP) and, once continued, execs
 * argv[0] from PATH with the terminal's stdin, stdout and stderr. Returns
 * its pid once it is stopped, or -errno. */
pid_t launch_start(char **argv);
/* Let it run: it execs now. */
int launch_release(pid_t pid);
/* Has it exited? 1 with *status as a shell would say it (the exit code,
 * 128 + the signal that killed it), 0 if still running. */
int launch_poll(pid_t pid, int *status);
/* Kill it (setup failed before it ran). */
void launch_abort(pid_t pid);

#endif
