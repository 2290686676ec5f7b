/* flood: N getppid calls as fast as possible, for the loss test: with a
 * tiny ring the tracer must lose events, and say how many, so that the
 * lines logged plus the events reported lost add up to N exactly.
 *
 *   usage: flood N
 *
 * Prints "getppid <N>" when done. getppid is not in the default set and
 * hardly anything else calls it; no marker is used (the test traces
 * getppid alone, and counts this pid's lines).
 */
#include "expect_line.h"

int main(int argc, char **argv)
{
	long n = argc == 2 ? atol(argv[1]) : -1, i, ppid;

	if (n < 1)
		exp_fatal("usage: flood N (N >= 1)");
	ppid = exp_raw(SYS_getppid, 0, 0, 0, 0, 0, 0);
	for (i = 1; i < n; i++)
		if (exp_raw(SYS_getppid, 0, 0, 0, 0, 0, 0) != ppid)
			exp_fatal("getppid changed");
	exp_print_pid();
	printf("getppid %ld\n", n);
	return fflush(stdout) != 0;
}
