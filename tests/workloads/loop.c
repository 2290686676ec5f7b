/* loop: N iterations of openat, read, close, write, mmap, munmap, brk and
 * futex, as fast as it can, for the exact-count test: the log must hold
 * exactly as many lines of each as were issued, and nothing else.
 *
 *   usage: loop N
 *
 * Prints, after the end marker, "<name> <count>" for each syscall it made
 * in the region (no lines: a million would be slow to compare), and
 * "# failed <count>": calls that did not return what they should (0, or
 * the test fails).
 */
#include "expect_line.h"

#define TAG "loop"

int main(int argc, char **argv)
{
	static uint32_t futex_word;
	static char buf[64];
	long n = argc == 2 ? atol(argv[1]) : -1, i, fd, nul, map;
	long failed = 0;

	if (n < 1)
		exp_fatal("usage: loop N (N >= 1)");
	nul = exp_raw(SYS_openat, AT_FDCWD, (long)"/dev/null", O_WRONLY, 0, 0, 0);
	if (nul < 0)
		exp_fatal("cannot open /dev/null: %ld", nul);

	exp_begin(TAG);
	for (i = 0; i < n; i++) {
		fd = exp_raw(SYS_openat, AT_FDCWD, (long)"/dev/zero", O_RDONLY, 0,
			     0, 0);
		failed += exp_raw(SYS_read, fd, (long)buf, sizeof(buf), 0, 0, 0) !=
			  (long)sizeof(buf);
		failed += exp_raw(SYS_close, fd, 0, 0, 0, 0, 0) != 0;
		failed += exp_raw(SYS_write, nul, (long)buf, sizeof(buf), 0, 0,
				  0) != (long)sizeof(buf);
		map = exp_raw(SYS_mmap, 0, 4096, 3, 0x22, -1, 0);
		failed += exp_raw(SYS_munmap, map, 4096, 0, 0, 0, 0) != 0;
		failed += exp_raw(SYS_brk, 0, 0, 0, 0, 0, 0) <= 0;
		failed += exp_raw(SYS_futex, (long)&futex_word, 129, 1, 0, 0,
				  0) != 0;
		failed += fd < 0;
		failed += map < 0;
	}
	exp_end(TAG);

	exp_print_pid();
	printf("openat %ld\nread %ld\nclose %ld\nwrite %ld\nmmap %ld\n"
	       "munmap %ld\nbrk %ld\nfutex %ld\n# failed %ld\n",
	       n, n, n, n, n, n, n, n, failed);
	return fflush(stdout) != 0;
}
