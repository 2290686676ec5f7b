/* A TCP listener on 127.0.0.1 for the live agent-like test: prints
 * "PORT\n" once listening, answers each connection with "ok\n" after
 * reading what it sent, and exits after N connections (argv[1], default
 * 1) or 60 seconds, whichever comes first. */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof(a);
	int n = argc > 1 ? atoi(argv[1]) : 1, s, one = 1;

	alarm(60);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((s = socket(AF_INET, SOCK_STREAM, 0)) < 0 ||
	    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(s, (struct sockaddr *)&a, sizeof(a)) || listen(s, 8) ||
	    getsockname(s, (struct sockaddr *)&a, &len)) {
		perror("listener");
		return 1;
	}
	printf("%d\n", ntohs(a.sin_port));
	fflush(stdout);
	while (n-- > 0) {
		char buf[256];
		int c = accept(s, NULL, NULL);
		if (c < 0) {
			perror("listener: accept");
			return 1;
		}
		if (read(c, buf, sizeof(buf)) < 0 || write(c, "ok\n", 3) != 3)
			perror("listener: read/write");
		close(c);
	}
	return 0;
}
