/* vanish: a process that exits while a tracer given -p with its pid sets
 * up: after the tracer has made its maps and checked the pid, before it
 * has attached anything. It reads the tracer's fds in /proc.
 *
 *   usage: vanish PIDFILE NPROGS
 *
 * Waits (at most 10 s) for PIDFILE to hold the tracer's pid, then watches
 * /proc/PID/fdinfo until the tracer holds a BPF hash map of 4-byte keys
 * and values (the scope map, made before the pid is checked) and at least
 * one program (the syscall programs are loaded after the check, and
 * attached once all NPROGS are loaded), and exits 0 at once. Exits 1 if
 * it never saw that, 3 if it saw all NPROGS programs: the tracer may have
 * attached, the window was missed.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int read_pid(const char *file)
{
	char buf[32] = "";
	int fd = open(file, O_RDONLY), n;

	if (fd < 0)
		return 0;
	n = (int)read(fd, buf, sizeof(buf) - 1);
	close(fd);
	return n > 0 ? atoi(buf) : 0;
}

/* progs: programs open; scope: HASH maps 4 -> 4 open */
static void scan(int pid, int *progs, int *scope)
{
	char dir[64], path[384], buf[1024];
	struct dirent *e;
	DIR *d;

	*progs = *scope = 0;
	snprintf(dir, sizeof(dir), "/proc/%d/fdinfo", pid);
	if (!(d = opendir(dir)))
		return;
	while ((e = readdir(d))) {
		int fd, n;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if ((fd = open(path, O_RDONLY)) < 0)
			continue;
		n = (int)read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n <= 0)
			continue;
		buf[n] = '\0';
		if (strstr(buf, "\nprog_type:"))
			(*progs)++;
		if (strstr(buf, "\nmap_type:\t1\n") && strstr(buf, "\nkey_size:\t4\n") &&
		    strstr(buf, "\nvalue_size:\t4\n"))
			(*scope)++;
	}
	closedir(d);
}

int main(int argc, char **argv)
{
	struct timespec ms = { 0, 1000000 };
	int pid = 0, i, progs, scope, nprogs;

	if (argc != 3 || (nprogs = atoi(argv[2])) < 2) {
		fprintf(stderr, "usage: vanish PIDFILE NPROGS\n");
		return 2;
	}
	for (i = 0; i < 10000 && !(pid = read_pid(argv[1])); i++)
		nanosleep(&ms, NULL);
	for (i = 0; pid && i < 1000000; i++) {
		scan(pid, &progs, &scope);
		if (scope && progs)
			return progs >= nprogs ? 3 : 0;
	}
	return 1;
}
