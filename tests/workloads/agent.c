/* agent: does one forbidden thing, then tries to go on, for the --kill-on
 * tests (tests/bats/enforce.bats). What it does after the forbidden call
 * must never happen when the kernel acts.
 *
 *   agent open PATH      openat(PATH), then write "WROTE\n" to stdout
 *   agent getppid        getppid(), then write "WROTE\n"
 *   agent connect        listen on 127.0.0.1 (a free port), connect to it,
 *                        sleep 300 ms, then write "WROTE\n"
 *
 * Raw syscalls: libc must not add or change calls. Exit 0 if it lived.
 */
#include <fcntl.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static void wrote(void)
{
	syscall(SYS_write, 1, "WROTE\n", 6);
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "open")) {
		syscall(SYS_openat, AT_FDCWD, argv[2], O_RDONLY);
		wrote();
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "getppid")) {
		syscall(SYS_getppid);
		wrote();
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "connect")) {
		struct sockaddr_in a;
		socklen_t len = sizeof(a);
		struct timespec ts = { 0, 300 * 1000 * 1000 };
		int l = socket(AF_INET, SOCK_STREAM, 0);
		int c = socket(AF_INET, SOCK_STREAM, 0);

		memset(&a, 0, sizeof(a));
		a.sin_family = AF_INET;
		a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		if (l < 0 || c < 0 || bind(l, (void *)&a, sizeof(a)) != 0 ||
		    listen(l, 1) != 0 || getsockname(l, (void *)&a, &len) != 0)
			return 2;
		syscall(SYS_connect, c, &a, sizeof(a));
		nanosleep(&ts, NULL);
		wrote();
		return 0;
	}
	return 2;
}
