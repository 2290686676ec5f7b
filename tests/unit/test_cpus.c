/* Unit tests for cpus.c: the kernel's CPU list syntax (as in
 * /sys/devices/system/cpu/possible) gives the highest id + 1, anything
 * else -1; and the running system has at least one CPU.
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "cpus.h"
#include "expect.h"

struct row {
	const char *text;
	int want;
};

static const struct row rows[] = {
	/* what the kernel writes */
	{ "0", 1 },
	{ "0\n", 1 },
	{ "0-3", 4 },
	{ "0-3\n", 4 },
	{ "0-3,8,10-11\n", 12 },
	{ "0-127\n", 128 },
	{ "5", 6 },            /* only CPU 5: ids up to 5 are needed */
	{ "0,2,4", 5 },
	{ "4-7,0-3", 8 },      /* the highest, whatever the order */
	{ "0-0", 1 },
	{ "0-3,2", 4 },        /* overlaps are harmless */
	{ "0-3\n8-9", 4 },     /* nothing after the newline counts */
	{ "1048575", 1048576 },
	{ "0-1048576", 1048577 },
	/* not a CPU list */
	{ "", -1 },
	{ "\n", -1 },
	{ "3-1", -1 },
	{ "a", -1 },
	{ "0,,1", -1 },
	{ ",0", -1 },
	{ "0-", -1 },
	{ "-1", -1 },
	{ "-", -1 },
	{ "0--3", -1 },
	{ "1-2-3", -1 },
	{ "0 1", -1 },
	{ " 0", -1 },
	{ "0 - 3", -1 },
	{ "0x3", -1 },
	{ "+3", -1 },
	{ "0;1", -1 },
	{ "1048577", -1 },
	{ "0-1048577", -1 },
	{ "99999999999999999999", -1 },
	{ "0-99999999999999999999", -1 },
};

static void test_cpu_lists(void)
{
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		int got = cpus_parse_list(rows[i].text);

		if (got != rows[i].want)
			fprintf(stderr, "  list \"%s\"\n", rows[i].text);
		EXPECT_INT(got, rows[i].want);
	}
}

/* A trailing comma is tolerated: the kernel never writes one, and what
 * precedes it is a valid list. Pinned so a change is a decision. */
static void test_a_trailing_comma_is_tolerated(void)
{
	EXPECT_INT(cpus_parse_list("0-3,"), 4);
	EXPECT_INT(cpus_parse_list("0-3,\n"), 4);
}

static void test_this_system_has_a_cpu(void)
{
	char buf[4096];
	ssize_t len;
	int n = cpus_possible(), fd;

	EXPECT_TRUE(n >= 1);
	EXPECT_TRUE(n <= 1 << 20);
	/* with sysfs, it is what sysfs says */
	fd = open("/sys/devices/system/cpu/possible", O_RDONLY);
	if (fd < 0)
		return;
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (len <= 0)
		return;
	buf[len] = '\0';
	EXPECT_INT(n, cpus_parse_list(buf));
	/* and at least the CPUs we can run on */
	EXPECT_TRUE(n >= (int)sysconf(_SC_NPROCESSORS_ONLN));
}

int main(void)
{
	test_cpu_lists();
	test_a_trailing_comma_is_tolerated();
	test_this_system_has_a_cpu();
	return expect_summary("test_cpus");
}
