/* CPU count: see cpus.h. */
#include <fcntl.h>
#include <sched.h>
#include <unistd.h>

#include "cpus.h"
#include "fmt.h"

int cpus_parse_list(const char *text)
{
	const char *s = text;
	long max = -1;

	while (*s && *s != '\n') {
		unsigned long a, b;

		if (fmt_parse_ulong(s, 1ul << 20, &a, &s) != 0)
			return -1;
		b = a;
		if (*s == '-' &&
		    (fmt_parse_ulong(s + 1, 1ul << 20, &b, &s) != 0 || b < a))
			return -1;
		if ((long)b > max)
			max = (long)b;
		if (*s == ',')
			s++;
		else if (*s && *s != '\n')
			return -1;
	}
	return max < 0 || max > 1 << 20 ? -1 : (int)max + 1;
}

int cpus_possible(void)
{
	char buf[256];
	cpu_set_t set;
	int fd, n = -1, i;
	long conf;

	fd = open("/sys/devices/system/cpu/possible", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		ssize_t len = read(fd, buf, sizeof(buf) - 1);

		close(fd);
		if (len > 0) {
			buf[len] = '\0';
			n = cpus_parse_list(buf);
		}
		if (n > 0)
			return n;
	}
	n = 1;
	if (sched_getaffinity(0, sizeof(set), &set) == 0)
		for (i = 0; i < CPU_SETSIZE; i++)
			if (CPU_ISSET(i, &set) && i + 1 > n)
				n = i + 1;
#ifndef __GLIBC__
	/* musl's sysconf(_SC_NPROCESSORS_CONF) counts the bits of this
	 * same mask, never more than n: the call (and sysconf's 1 KiB)
	 * would change nothing */
	(void)conf;
#else
	conf = sysconf(_SC_NPROCESSORS_CONF);
	if (conf > n && conf < CPU_SETSIZE)
		n = (int)conf;
#endif
	return n;
}
