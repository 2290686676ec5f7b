/* bpf_alive: not a workload but the test's eye on the kernel (bpftool is
 * not installed): which of the given BPF objects still exist.
 *
 *   usage: bpf_alive prog:ID|map:ID ...
 *
 * Prints each object the kernel still knows by that id (the ids a tracer
 * held, read from its /proc/PID/fdinfo while it ran) and exits 1 if there
 * is any, 0 if all are gone, 2 on errors other than "no such id". Needs
 * CAP_SYS_ADMIN. Ids are allocated cyclically, so a gone id does not come
 * back within a test.
 */
#include <errno.h>
#include <linux/bpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static long get_fd_by_id(int cmd, unsigned id)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	if (cmd == BPF_PROG_GET_FD_BY_ID)
		a.prog_id = id;
	else
		a.map_id = id;
	return syscall(SYS_bpf, cmd, &a, sizeof(a));
}

int main(int argc, char **argv)
{
	int i, alive = 0, bad = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: bpf_alive prog:ID|map:ID ...\n");
		return 2;
	}
	for (i = 1; i < argc; i++) {
		unsigned long id;
		char *end;
		int cmd;
		long fd;

		if (!strncmp(argv[i], "prog:", 5))
			cmd = BPF_PROG_GET_FD_BY_ID;
		else if (!strncmp(argv[i], "map:", 4))
			cmd = BPF_MAP_GET_FD_BY_ID;
		else {
			fprintf(stderr, "bpf_alive: bad object %s\n", argv[i]);
			return 2;
		}
		id = strtoul(strchr(argv[i], ':') + 1, &end, 10);
		if (*end || !id) {
			fprintf(stderr, "bpf_alive: bad id in %s\n", argv[i]);
			return 2;
		}
		fd = get_fd_by_id(cmd, (unsigned)id);
		if (fd >= 0) {
			printf("%s\n", argv[i]);
			close((int)fd);
			alive = 1;
		} else if (errno != ENOENT) {
			fprintf(stderr, "bpf_alive: %s: %s\n", argv[i],
				strerror(errno));
			bad = 1;
		}
	}
	return bad ? 2 : alive;
}
