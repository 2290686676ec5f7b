/* Unit tests for summary.c, the -S table: the order of the rows, the
 * columns as strace -c prints them (percent of the time to two decimals,
 * seconds, whole microseconds per call, calls, errors left blank when
 * there are none), the pid column of --per-process, the total, and the
 * same numbers as a JSON record. Pure: rows in, text out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"
#include "sb.h"
#include "summary.h"

#define HEADER "% time     seconds  usecs/call     calls    errors syscall\n"
#define RULE "------ ----------- ----------- --------- --------- ----------------\n"
#define HEADER_PID "% time     seconds  usecs/call     calls    errors     pid syscall\n"
#define RULE_PID "------ ----------- ----------- --------- --------- ------- ----------------\n"

static char buf[1 << 16];

static const char *text(const struct summary_row *rows, size_t n,
			int per_process)
{
	struct sb s;

	sb_init(&s, buf, sizeof(buf));
	summary_text(&s, rows, n, per_process);
	EXPECT_INT(s.cut, 0);
	return buf;
}

static const char *json(const struct summary_row *rows, size_t n,
			int per_process)
{
	struct sb s;

	sb_init(&s, buf, sizeof(buf));
	summary_json(&s, rows, n, per_process);
	EXPECT_INT(s.cut, 0);
	return buf;
}

/* The names of rows, joined by spaces (pid:name with pids). */
static const char *order(const struct summary_row *rows, size_t n,
			 int with_pid)
{
	static char o[1024];
	size_t i, len = 0;

	o[0] = '\0';
	for (i = 0; i < n; i++) {
		if (with_pid)
			len += (size_t)snprintf(o + len, sizeof(o) - len, "%s%u:%s",
						i ? " " : "", rows[i].pid, rows[i].name);
		else
			len += (size_t)snprintf(o + len, sizeof(o) - len, "%s%s",
						i ? " " : "", rows[i].name);
	}
	return o;
}

/* Line i (from 0) of text, without its newline. */
static const char *line(const char *t, int i)
{
	static char l[512];
	size_t n;

	while (i-- > 0 && (t = strchr(t, '\n')))
		t++;
	if (!t)
		return "(no such line)";
	n = strcspn(t, "\n");
	snprintf(l, sizeof(l), "%.*s", (int)n, t);
	return l;
}

static int count_lines(const char *t)
{
	int n = 0;

	for (; *t; t++)
		n += *t == '\n';
	return n;
}

static void test_rows_sort_by_time_then_calls_then_name_then_pid(void)
{
	struct summary_row r[] = {
		{ 0, "write", 10, 0, 500 },
		{ 0, "read", 3, 0, 16000 },
		{ 0, "close", 7, 0, 500 },
		{ 0, "brk", 7, 0, 500 },
		{ 0, "openat", 1, 1, 100000 },
		{ 0, "exit_group", 2, 0, 0 },
		{ 0, "mmap", 2, 0, 0 },
	};
	struct summary_row p[] = {
		{ 300, "read", 1, 0, 5 },
		{ 20, "read", 1, 0, 5 },
		{ 1000, "read", 1, 0, 5 },
		{ 20, "close", 1, 0, 5 },
	};

	summary_sort(r, sizeof(r) / sizeof(r[0]));
	/* time descending; equal time: more calls first; then by name */
	EXPECT_STR(order(r, sizeof(r) / sizeof(r[0]), 0),
		   "openat read write brk close exit_group mmap");
	summary_sort(p, sizeof(p) / sizeof(p[0]));
	/* per process, equal rows: by name, then by pid */
	EXPECT_STR(order(p, 4, 1), "20:close 20:read 300:read 1000:read");
	/* sorting a sorted table changes nothing; none and one row are fine */
	summary_sort(p, 4);
	EXPECT_STR(order(p, 4, 1), "20:close 20:read 300:read 1000:read");
	summary_sort(p, 0);
	summary_sort(p, 1);
	EXPECT_STR(order(p, 4, 1), "20:close 20:read 300:read 1000:read");
	/* large values are compared as 64-bit numbers, not truncated */
	{
		struct summary_row big[] = {
			{ 0, "a", 1, 0, 1 },
			{ 0, "b", 1, 0, 0x100000000ull },
			{ 0, "c", 1, 0, 0x100000001ull },
		};

		summary_sort(big, 3);
		EXPECT_STR(order(big, 3, 0), "c b a");
	}
}

/* The strace -c example of summary.h, exactly. */
static void test_the_table_reads_like_strace_c(void)
{
	struct summary_row r[] = {
		{ 0, "read", 3, 0, 16000 },
		{ 0, "openat", 3, 1, 10000 },
	};
	const char *t = text(r, 2, 0);

	EXPECT_STR(t, HEADER RULE
		   " 61.54    0.000016           5         3           read\n"
		   " 38.46    0.000010           3         3         1 openat\n"
		   RULE
		   "100.00    0.000026           4         6         1 total\n");
	/* every line has the columns at the header's places */
	EXPECT_INT(strlen(line(t, 2)), strlen("% time     seconds  usecs/call     calls    errors ") + 4);
}

static void test_seconds_and_usecs_per_call(void)
{
	struct summary_row r[] = {
		/* 12.345678999 s over 7 calls: 1763668 us each, truncated */
		{ 0, "futex", 7, 2, 12345678999ull },
		/* less than a microsecond in all */
		{ 0, "brk", 1000, 0, 999 },
		/* no calls (a row of zeros): no division by zero */
		{ 0, "mmap", 0, 0, 0 },
	};
	const char *t = text(r, 3, 0);

	EXPECT_STR(line(t, 2), "100.00   12.345678     1763668         7         2 futex");
	EXPECT_STR(line(t, 3), "  0.00    0.000000           0      1000           brk");
	EXPECT_STR(line(t, 4), "  0.00    0.000000           0         0           mmap");
	EXPECT_STR(line(t, 6), "100.00   12.345679       12259      1007         2 total");
	/* a long run: thousands of seconds, billions of calls */
	{
		struct summary_row big[] = {
			{ 0, "read", 4000000000ull, 4000000000ull, 3600ull * 1000000000ull },
		};

		t = text(big, 1, 0);
		EXPECT_STR(line(t, 2), "100.00 3600.000000           0 4000000000 4000000000 read");
	}
}

/* Two decimals, each rounded to the nearest hundredth of a percent: their
 * sum is 100.00 give or take half a hundredth per row, and never more
 * than 100.00 per row. */
static long hundredths(const char *l)
{
	char *end;
	long whole = strtol(l, &end, 10);

	if (*end != '.' || strlen(end) < 3)
		return -1;
	return whole * 100 + (end[1] - '0') * 10 + (end[2] - '0');
}

static void test_percent_is_rounded_to_two_decimals_and_sums_to_100(void)
{
	static const struct {
		unsigned long long ns[4];
		const char *pct[4];
	} cases[] = {
		{ { 1, 1, 1, 0 }, { " 33.33", " 33.33", " 33.33", NULL } },
		{ { 2, 1, 0, 0 }, { " 66.67", " 33.33", NULL, NULL } },
		{ { 1, 0, 0, 0 }, { "100.00", NULL, NULL, NULL } },
		/* 1/8 = 12.5 %: the half rounds up */
		{ { 7, 1, 0, 0 }, { " 87.50", " 12.50", NULL, NULL } },
		/* 1/160000 = 0.000625 %: shown as 0.00 */
		{ { 159999, 1, 0, 0 }, { "100.00", "  0.00", NULL, NULL } },
		/* 0.005 % exactly rounds up */
		{ { 19999, 1, 0, 0 }, { "100.00", "  0.01", NULL, NULL } },
		{ { 5, 3, 1, 1 }, { " 50.00", " 30.00", " 10.00", " 10.00" } },
		/* huge times: no overflow in ns * 10000 for a day of calls */
		{ { 86400ull * 1000000000ull, 86400ull * 1000000000ull, 0, 0 },
		  { " 50.00", " 50.00", NULL, NULL } },
		/* ... nor for 100 threads waiting in futex for four days
		 * (3.5e16 ns: times 10000 is past 2^64) */
		{ { 3 * 10000000000000000ull, 10000000000000000ull, 0, 0 },
		  { " 75.00", " 25.00", NULL, NULL } },
	};
	static const char *const names[] = { "a", "b", "c", "d" };
	size_t c;

	for (c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		struct summary_row r[4];
		size_t n = 0, i;
		long sum = 0;
		const char *t;

		for (i = 0; i < 4 && cases[c].pct[i]; i++) {
			r[i] = (struct summary_row){ 0, names[i], 1, 0, cases[c].ns[i] };
			n++;
		}
		summary_sort(r, n);
		t = text(r, n, 0);
		for (i = 0; i < n; i++) {
			char want[8];

			snprintf(want, sizeof(want), "%.6s", line(t, 2 + (int)i));
			EXPECT_STR(want, cases[c].pct[i]);
			sum += hundredths(line(t, 2 + (int)i));
		}
		if (labs(sum - 10000) * 2 > (long)n)
			fprintf(stderr, "  case %zu: percentages sum to %ld.%02ld\n",
				c, sum / 100, sum % 100);
		EXPECT_TRUE(labs(sum - 10000) * 2 <= (long)n);
		EXPECT_INT(strncmp(line(t, 3 + (int)n), "100.00 ", 7), 0);
	}
}

static void test_no_time_at_all_divides_by_nothing(void)
{
	/* only calls that never return: no time, no percent */
	struct summary_row r[] = {
		{ 0, "exit_group", 2, 0, 0 },
	};
	const char *t = text(r, 1, 0);

	EXPECT_STR(line(t, 2), "  0.00    0.000000           0         2           exit_group");
	EXPECT_STR(line(t, 4), "  0.00    0.000000           0         2           total");
	/* and no rows at all: the frame and a total of zero */
	t = text(r, 0, 0);
	EXPECT_STR(t, HEADER RULE RULE
		   "  0.00    0.000000           0         0           total\n");
}

static void test_per_process_adds_a_pid_column(void)
{
	struct summary_row r[] = {
		{ 4194304, "read", 3, 0, 16000 },
		{ 1, "read", 3, 1, 10000 },
	};
	const char *t = text(r, 2, 1);

	EXPECT_STR(t, HEADER_PID RULE_PID
		   " 61.54    0.000016           5         3           4194304 read\n"
		   " 38.46    0.000010           3         3         1       1 read\n"
		   RULE_PID
		   "100.00    0.000026           4         6         1         total\n");
	/* without the flag, the pid is not shown even when set */
	t = text(r, 2, 0);
	EXPECT_STR(line(t, 2), " 61.54    0.000016           5         3           read");
	EXPECT_INT(count_lines(t), 6);
}

static void test_errors_count_in_the_total(void)
{
	struct summary_row r[] = {
		{ 0, "openat", 10, 10, 3000 },
		{ 0, "close", 10, 0, 1000 },
		{ 0, "read", 5, 5, 1000 },
	};
	const char *t = text(r, 3, 0);

	EXPECT_STR(line(t, 2), " 60.00    0.000003           0        10        10 openat");
	EXPECT_STR(line(t, 3), " 20.00    0.000001           0        10           close");
	EXPECT_STR(line(t, 4), " 20.00    0.000001           0         5         5 read");
	EXPECT_STR(line(t, 6), "100.00    0.000005           0        25        15 total");
}

/* The JSON form, checked by its text: one object per row, and a total
 * without name or pid. */
static void test_json_has_the_same_numbers(void)
{
	struct summary_row r[] = {
		{ 77, "read", 3, 0, 16000 },
		{ 78, "openat", 3, 1, 10000 },
	};
	struct summary_row big[] = {
		{ 4194304, "futex", 18446744073709551615ull, 1, 18446744073709551615ull },
	};

	EXPECT_STR(json(r, 2, 0),
		   ",\"rows\":[{\"syscall\":\"read\",\"calls\":3,\"errors\":0,\"time_ns\":16000},"
		   "{\"syscall\":\"openat\",\"calls\":3,\"errors\":1,\"time_ns\":10000}],"
		   "\"total\":{\"calls\":6,\"errors\":1,\"time_ns\":26000}");
	EXPECT_STR(json(r, 2, 1),
		   ",\"rows\":[{\"pid\":77,\"syscall\":\"read\",\"calls\":3,\"errors\":0,\"time_ns\":16000},"
		   "{\"pid\":78,\"syscall\":\"openat\",\"calls\":3,\"errors\":1,\"time_ns\":10000}],"
		   "\"total\":{\"calls\":6,\"errors\":1,\"time_ns\":26000}");
	EXPECT_STR(json(r, 0, 1),
		   ",\"rows\":[],\"total\":{\"calls\":0,\"errors\":0,\"time_ns\":0}");
	/* 64-bit counts are written whole */
	EXPECT_STR(json(big, 1, 1),
		   ",\"rows\":[{\"pid\":4194304,\"syscall\":\"futex\",\"calls\":18446744073709551615,"
		   "\"errors\":1,\"time_ns\":18446744073709551615}],"
		   "\"total\":{\"calls\":18446744073709551615,\"errors\":1,"
		   "\"time_ns\":18446744073709551615}");
}

/* A builder too small for the table is cut, never overrun. */
static void test_a_small_buffer_is_cut_not_overrun(void)
{
	struct summary_row r[] = {
		{ 0, "read", 3, 0, 16000 },
	};
	char small[80];
	struct sb s;

	memset(small, 'x', sizeof(small));
	sb_init(&s, small, 64);
	summary_text(&s, r, 1, 0);
	EXPECT_INT(s.cut, 1);
	EXPECT_TRUE(s.len < 64);
	EXPECT_TRUE(small[64] == 'x');
	memset(small, 'x', sizeof(small));
	sb_init(&s, small, 40);
	summary_json(&s, r, 1, 1);
	EXPECT_INT(s.cut, 1);
	EXPECT_TRUE(s.len < 40);
	EXPECT_TRUE(small[40] == 'x');
}

int main(void)
{
	test_rows_sort_by_time_then_calls_then_name_then_pid();
	test_the_table_reads_like_strace_c();
	test_seconds_and_usecs_per_call();
	test_percent_is_rounded_to_two_decimals_and_sums_to_100();
	test_no_time_at_all_divides_by_nothing();
	test_per_process_adds_a_pid_column();
	test_errors_count_in_the_total();
	test_json_has_the_same_numbers();
	test_a_small_buffer_is_cut_not_overrun();
	return expect_summary("test_summary");
}
