/* Unit tests for opts.c: defaults, every option in its short and long
 * form, the usage errors and their text, the COMMAND after the options,
 * and that --help names every long option of the parser's table (read
 * from src/opts.c: the test runs from the repository root, as make runs
 * it), so the help cannot fall behind.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"
#include "opts.h"
#include "syscalls.h"

static struct opts o;
static char err[256];

/* opts_parse on "aitrace-min" followed by the NULL-terminated arguments,
 * from writable copies as main() would have them. */
static int parse(const char *first, ...)
{
	static char store[32][128];
	static char *argv[33]; /* o.command points into it */
	int argc = 0;
	const char *a;
	va_list ap;

	strcpy(store[argc], "aitrace-min");
	argv[argc] = store[argc];
	argc++;
	va_start(ap, first);
	for (a = first; a && argc < 32; a = va_arg(ap, const char *)) {
		snprintf(store[argc], sizeof(store[argc]), "%s", a);
		argv[argc] = store[argc];
		argc++;
	}
	va_end(ap);
	argv[argc] = NULL;
	memset(&o, 0x5a, sizeof(o));
	strcpy(err, "(unset)");
	return opts_parse(&o, argc, argv, err, sizeof(err));
}

#define P(...) parse(__VA_ARGS__, (const char *)NULL)

static void expect_defaults_but(const char *what)
{
	if (strcmp(what, "output"))
		EXPECT_TRUE(o.output == NULL);
	if (strcmp(what, "syscalls"))
		EXPECT_STR(o.syscalls, SYSCALLS_DEFAULT);
	if (strcmp(what, "ring_pages"))
		EXPECT_INT(o.ring_pages, OPTS_RING_PAGES_DEFAULT);
	if (strcmp(what, "str_max"))
		EXPECT_INT(o.str_max, OPTS_STR_MAX_DEFAULT);
	if (strcmp(what, "verbose"))
		EXPECT_INT(o.verbose, 0);
	if (strcmp(what, "dump_progs"))
		EXPECT_INT(o.dump_progs, 0);
	if (strcmp(what, "help"))
		EXPECT_INT(o.help, 0);
	if (strcmp(what, "version"))
		EXPECT_INT(o.version, 0);
	if (strcmp(what, "json"))
		EXPECT_INT(o.json, 0);
	if (strcmp(what, "pids"))
		EXPECT_TRUE(o.pids == NULL);
	if (strcmp(what, "follow"))
		EXPECT_INT(o.follow, 0);
	if (strcmp(what, "comm"))
		EXPECT_INT(o.ncomm, 0);
	if (strcmp(what, "summary"))
		EXPECT_INT(o.summary, 0);
	if (strcmp(what, "interval"))
		EXPECT_INT(o.interval, 0);
	if (strcmp(what, "per_process"))
		EXPECT_INT(o.per_process, 0);
	if (strcmp(what, "command"))
		EXPECT_TRUE(o.command == NULL);
	EXPECT_INT(o.max_procs, 0);
	EXPECT_INT(o.max_inflight, 0);
	EXPECT_INT(o.max_rows, 0);
}

/* o.command as "a|b|c", or "(none)" */
static const char *command(void)
{
	static char buf[512];
	size_t len = 0;
	char **a;

	if (!o.command)
		return "(none)";
	buf[0] = '\0';
	for (a = o.command; *a && len < sizeof(buf); a++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s",
					a == o.command ? "" : "|", *a);
	return buf;
}

static void test_no_arguments_give_the_defaults(void)
{
	EXPECT_INT(parse(NULL), 0);
	EXPECT_STR(err, "");
	expect_defaults_but("");
	EXPECT_INT(OPTS_RING_PAGES_DEFAULT, 256);
	EXPECT_INT(OPTS_STR_MAX_DEFAULT, 256);
}

static void test_every_option_short_and_long(void)
{
	EXPECT_INT(P("-o", "log"), 0);
	EXPECT_STR(o.output, "log");
	expect_defaults_but("output");
	EXPECT_INT(P("-olog2"), 0);
	EXPECT_STR(o.output, "log2");
	EXPECT_INT(P("--output", "log3"), 0);
	EXPECT_STR(o.output, "log3");
	EXPECT_INT(P("--output=log4"), 0);
	EXPECT_STR(o.output, "log4");
	expect_defaults_but("output");

	EXPECT_INT(P("-e", "openat,execve"), 0);
	EXPECT_STR(o.syscalls, "openat,execve");
	expect_defaults_but("syscalls");
	EXPECT_INT(P("--trace", "read"), 0);
	EXPECT_STR(o.syscalls, "read");
	EXPECT_INT(P("--trace=write"), 0);
	EXPECT_STR(o.syscalls, "write");

	EXPECT_INT(P("-b", "64"), 0);
	EXPECT_INT(o.ring_pages, 64);
	expect_defaults_but("ring_pages");
	EXPECT_INT(P("--buffer", "1"), 0);
	EXPECT_INT(o.ring_pages, 1);
	EXPECT_INT(P("--buffer=1048576"), 0);
	EXPECT_INT(o.ring_pages, 1048576);

	EXPECT_INT(P("-s", "0"), 0);
	EXPECT_INT(o.str_max, 0);
	expect_defaults_but("str_max");
	EXPECT_INT(P("--strsize", "4096"), 0);
	EXPECT_INT(o.str_max, OPTS_STR_MAX_LIMIT);
	EXPECT_INT(P("--strsize=17"), 0);
	EXPECT_INT(o.str_max, 17);

	EXPECT_INT(P("-v"), 0);
	EXPECT_INT(o.verbose, 1);
	expect_defaults_but("verbose");
	EXPECT_INT(P("-vv", "--verbose"), 0);
	EXPECT_INT(o.verbose, 3);

	EXPECT_INT(P("--dump-progs"), 0);
	EXPECT_INT(o.dump_progs, 1);
	expect_defaults_but("dump_progs");

	EXPECT_INT(P("-h"), 0);
	EXPECT_INT(o.help, 1);
	expect_defaults_but("help");
	EXPECT_INT(P("--help"), 0);
	EXPECT_INT(o.help, 1);

	EXPECT_INT(P("-V"), 0);
	EXPECT_INT(o.version, 1);
	expect_defaults_but("version");
	EXPECT_INT(P("--version"), 0);
	EXPECT_INT(o.version, 1);

	EXPECT_INT(P("-j"), 0);
	EXPECT_INT(o.json, 1);
	expect_defaults_but("json");
	EXPECT_INT(P("--json"), 0);
	EXPECT_INT(o.json, 1);

	EXPECT_INT(P("-p", "1"), 0);
	EXPECT_STR(o.pids, "1");
	expect_defaults_but("pids");
	EXPECT_INT(P("--pid", "12,345,4194304"), 0);
	EXPECT_STR(o.pids, "12,345,4194304");
	EXPECT_INT(P("--pid=7"), 0);
	EXPECT_STR(o.pids, "7");
	EXPECT_INT(P("-p77"), 0);
	EXPECT_STR(o.pids, "77");

	EXPECT_INT(P("-f"), 0);
	EXPECT_INT(o.follow, 1);
	expect_defaults_but("follow");
	EXPECT_INT(P("--follow", "-p", "3"), 0);
	EXPECT_INT(o.follow, 1);
	EXPECT_STR(o.pids, "3");

	EXPECT_INT(P("-c", "python3"), 0);
	EXPECT_INT(o.ncomm, 1);
	EXPECT_STR(o.comm[0], "python3");
	expect_defaults_but("comm");
	EXPECT_INT(P("--comm", "a", "--comm=b", "-cc"), 0);
	EXPECT_INT(o.ncomm, 3);
	EXPECT_STR(o.comm[0], "a");
	EXPECT_STR(o.comm[1], "b");
	EXPECT_STR(o.comm[2], "c");

	EXPECT_INT(P("-S"), 0);
	EXPECT_INT(o.summary, 1);
	expect_defaults_but("summary");
	EXPECT_INT(P("--summary"), 0);
	EXPECT_INT(o.summary, 1);
	EXPECT_INT(P("-S", "-i", "1"), 0);
	EXPECT_INT(o.interval, 1);
	EXPECT_INT(P("-S", "--interval", "86400"), 0);
	EXPECT_INT(o.interval, 86400);
	EXPECT_INT(P("-Si10"), 0);
	EXPECT_INT(o.interval, 10);
	EXPECT_INT(o.summary, 1);
	/* the order does not matter: -i before -S */
	EXPECT_INT(P("--interval=5", "--summary"), 0);
	EXPECT_INT(o.interval, 5);
	EXPECT_INT(P("-S", "--per-process"), 0);
	EXPECT_INT(o.per_process, 1);
	EXPECT_INT(o.interval, 0);

	/* clusters, attached values, and the last of a repeated option */
	EXPECT_INT(P("-vs10", "-b", "8", "-s", "20", "-o", "a", "-ob"), 0);
	EXPECT_INT(o.verbose, 1);
	EXPECT_INT(o.str_max, 20);
	EXPECT_INT(o.ring_pages, 8);
	EXPECT_STR(o.output, "b");
	EXPECT_STR(err, "");
	/* a value that looks like an option is still the value */
	EXPECT_INT(P("-o", "-v"), 0);
	EXPECT_STR(o.output, "-v");
	EXPECT_INT(o.verbose, 0);
}

static void test_b_wants_a_power_of_two_in_range(void)
{
	static const char *const bad[] = {
		"3", "0", "6", "1048575", "2097152", "4294967296",
		"99999999999999999999999", "abc", "", "-4", "4x", "0x10",
		"4.0", " 4", "+4", "4 ",
	};
	char want[128];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(want, sizeof(want), "-b wants a power of two from 1 "
			 "to 1048576, not \"%s\"", bad[i]);
		EXPECT_INT(P("-b", bad[i]), -1);
		EXPECT_STR(err, want);
		EXPECT_INT(P("--buffer", bad[i]), -1);
		EXPECT_STR(err, want);
	}
	EXPECT_INT(P("-b", "2"), 0);
	EXPECT_INT(P("-b", "524288"), 0);
	EXPECT_INT(o.ring_pages, 524288);
}

static void test_s_wants_a_number_within_the_limit(void)
{
	static const char *const bad[] = {
		"4097", "-1", "x", "", "10k", "18446744073709551616",
	};
	char want[128];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(want, sizeof(want),
			 "-s wants a number from 0 to 4096, not \"%s\"", bad[i]);
		EXPECT_INT(P("-s", bad[i]), -1);
		EXPECT_STR(err, want);
	}
}

static void test_usage_errors_say_what_was_wrong(void)
{
	EXPECT_INT(P("-x"), -1);
	EXPECT_STR(err, "unknown option -x");
	EXPECT_INT(P("-v", "-x"), -1);
	EXPECT_STR(err, "unknown option -x");
	/* inside a cluster, after a long option */
	EXPECT_INT(P("--verbose", "-vxv"), -1);
	EXPECT_STR(err, "unknown option -x");
	EXPECT_INT(P("--nosuch"), -1);
	EXPECT_STR(err, "unknown option --nosuch");
	EXPECT_INT(P("--nosuch=1"), -1);
	EXPECT_STR(err, "unknown option --nosuch=1");
	/* --ver is both --verbose and --version */
	EXPECT_INT(P("--ver"), -1);
	EXPECT_STR(err, "unknown option --ver");

	EXPECT_INT(P("-o"), -1);
	EXPECT_STR(err, "-o needs an argument");
	EXPECT_INT(P("-e"), -1);
	EXPECT_STR(err, "-e needs an argument");
	EXPECT_INT(P("-v", "-b"), -1);
	EXPECT_STR(err, "-b needs an argument");
	EXPECT_INT(P("-s"), -1);
	EXPECT_STR(err, "-s needs an argument");
	EXPECT_INT(P("--output"), -1);
	EXPECT_CONTAINS(err, "needs an argument");
	EXPECT_INT(P("--strsize"), -1);
	EXPECT_CONTAINS(err, "needs an argument");

	EXPECT_INT(P("-e", ""), -1);
	EXPECT_STR(err, "-e wants at least one syscall name");
	EXPECT_INT(P("--trace="), -1);
	EXPECT_STR(err, "-e wants at least one syscall name");

	/* the options that take a value, without one */
	EXPECT_INT(P("-p"), -1);
	EXPECT_STR(err, "-p needs an argument");
	EXPECT_INT(P("-c"), -1);
	EXPECT_STR(err, "-c needs an argument");
	EXPECT_INT(P("-S", "-i"), -1);
	EXPECT_STR(err, "-i needs an argument");
	EXPECT_INT(P("-f", "-p"), -1);
	EXPECT_STR(err, "-p needs an argument");
	EXPECT_INT(P("--pid"), -1);
	EXPECT_STR(err, "--pid needs an argument");
	EXPECT_INT(P("--comm"), -1);
	EXPECT_STR(err, "--comm needs an argument");
	EXPECT_INT(P("-S", "--interval"), -1);
	EXPECT_STR(err, "--interval needs an argument");
}

static void test_p_wants_process_ids_separated_by_commas(void)
{
	static const char *const bad[] = {
		"0", "", ",", "1,", ",1", "1,,2", "a", "1a", "-1", "+1", " 1",
		"1 ", "1, 2", "4194305", "1,0", "99999999999999999999999",
		"0x10", "1;2",
	};
	char want[128];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(want, sizeof(want), "-p wants process ids separated "
			 "by commas, not \"%s\"", bad[i]);
		EXPECT_INT(P("-p", bad[i]), -1);
		EXPECT_STR(err, want);
		EXPECT_INT(P("--pid", bad[i]), -1);
		EXPECT_STR(err, want);
	}
	/* PID_MAX_LIMIT is the largest */
	EXPECT_INT(P("-p", "4194304"), 0);
	EXPECT_INT(P("-p", "1,2,3,4,5,6,7,8,9,10,11,12"), 0);
	EXPECT_STR(o.pids, "1,2,3,4,5,6,7,8,9,10,11,12");
	EXPECT_INT(P("-p", "007"), 0); /* a leading zero is still decimal */
}

static void test_c_wants_a_name_of_1_to_15_bytes_at_most_8_times(void)
{
	const char *want = "-c wants a process name of 1 to 15 bytes, at "
			   "most 8 times";

	EXPECT_INT(OPTS_COMM_MAX, 8);
	EXPECT_INT(P("-c", ""), -1);
	EXPECT_STR(err, want);
	EXPECT_INT(P("--comm="), -1);
	EXPECT_STR(err, want);
	/* a comm is TASK_COMM_LEN 16 with its NUL */
	EXPECT_INT(P("-c", "123456789012345"), 0);
	EXPECT_STR(o.comm[0], "123456789012345");
	EXPECT_INT(P("-c", "1234567890123456"), -1);
	EXPECT_STR(err, want);
	/* the bytes of a name are not checked: a comm can hold any */
	EXPECT_INT(P("-c", "a b/c\x01"), 0);
	EXPECT_STR(o.comm[0], "a b/c\x01");
	EXPECT_INT(P("-c", "1", "-c", "2", "-c", "3", "-c", "4", "-c", "5",
		     "-c", "6", "-c", "7", "-c", "8"), 0);
	EXPECT_INT(o.ncomm, 8);
	EXPECT_STR(o.comm[7], "8");
	EXPECT_INT(P("-c", "1", "-c", "2", "-c", "3", "-c", "4", "-c", "5",
		     "-c", "6", "-c", "7", "-c", "8", "-c", "9"), -1);
	EXPECT_STR(err, want);
}

static void test_i_and_per_process_go_with_S(void)
{
	static const char *const bad[] = {
		"0", "86401", "", "x", "-1", "1s", "1.5", "4294967297",
	};
	char want[128];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(want, sizeof(want),
			 "-i wants seconds from 1 to 86400, not \"%s\"", bad[i]);
		EXPECT_INT(P("-S", "-i", bad[i]), -1);
		EXPECT_STR(err, want);
	}
	EXPECT_INT(P("-i", "1"), -1);
	EXPECT_STR(err, "-i goes with -S");
	EXPECT_INT(P("--per-process"), -1);
	EXPECT_STR(err, "--per-process goes with -S");
	EXPECT_INT(P("--per-process", "-i", "2"), -1);
	EXPECT_STR(err, "-i goes with -S");
	/* even with a command */
	EXPECT_INT(P("-i", "1", "--", "true"), -1);
	EXPECT_STR(err, "-i goes with -S");
}

/* The kernel maps' sizes: 1 .. PID_MAX_LIMIT entries; --max-procs only
 * where there is a scope, --max-rows only with -S. */
static void test_max_sizes_want_a_number_and_their_mode(void)
{
	static const char *const bad[] = { "0", "4194305", "", "x", "-1", "8k" };
	static const char *const names[] = { "procs", "inflight", "rows" };
	char opt[32], want[128];
	size_t i, k;

	EXPECT_INT(P("-p", "1", "--max-procs", "8", "--max-inflight=4194304"), 0);
	EXPECT_INT(o.max_procs, 8);
	EXPECT_INT(o.max_inflight, 4194304);
	EXPECT_INT(o.max_rows, 0);
	EXPECT_INT(P("-S", "--max-rows", "1", "--", "true"), 0);
	EXPECT_INT(o.max_rows, 1);
	EXPECT_INT(o.max_procs, 0);
	EXPECT_INT(P("-c", "python3", "--max-procs=100"), 0);
	EXPECT_INT(o.max_procs, 100);
	for (k = 0; k < 3; k++)
		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			snprintf(opt, sizeof(opt), "--max-%s", names[k]);
			snprintf(want, sizeof(want),
				 "--max-%s wants a number from 1 to 4194304, not \"%s\"",
				 names[k], bad[i]);
			EXPECT_INT(P("-S", "-p", "1", opt, bad[i]), -1);
			EXPECT_STR(err, want);
		}
	EXPECT_INT(P("--max-procs", "8"), -1);
	EXPECT_STR(err, "--max-procs goes with -p, -c or a COMMAND");
	EXPECT_INT(P("--max-rows", "8", "--", "true"), -1);
	EXPECT_STR(err, "--max-rows goes with -S");
}

/* What follows the options is the command to run and trace, verbatim. */
static void test_arguments_after_the_options_are_the_command(void)
{
	EXPECT_INT(P("foo"), 0);
	EXPECT_STR(command(), "foo");
	EXPECT_TRUE(o.command && o.command[1] == NULL);
	expect_defaults_but("command");
	EXPECT_INT(P("-v", "foo", "bar"), 0);
	EXPECT_STR(command(), "foo|bar");
	EXPECT_INT(o.verbose, 1);
	/* options stop at the first argument: these are the command's */
	EXPECT_INT(P("foo", "-v", "-o", "x", "--", "-p"), 0);
	EXPECT_STR(command(), "foo|-v|-o|x|--|-p");
	EXPECT_INT(o.verbose, 0);
	EXPECT_TRUE(o.output == NULL);
	EXPECT_INT(P("-"), 0);
	EXPECT_STR(command(), "-");
	EXPECT_INT(P("-o", "log", "-S", "--", "sh", "-c", "exit 3"), 0);
	EXPECT_STR(command(), "sh|-c|exit 3");
	EXPECT_STR(o.output, "log");
	EXPECT_INT(o.summary, 1);
	/* with -f (a no-op: a command's tree is always followed) */
	EXPECT_INT(P("-f", "ls"), 0);
	EXPECT_STR(command(), "ls");
	EXPECT_INT(o.follow, 1);
	/* the argument vector ends with NULL, as execvp wants it */
	EXPECT_INT(P("a", "b", "c"), 0);
	EXPECT_TRUE(o.command && o.command[3] == NULL);
}

static void test_a_command_is_traced_alone(void)
{
	const char *want = "a COMMAND is traced alone: not with -p or -c";

	EXPECT_INT(P("-p", "1", "foo"), -1);
	EXPECT_STR(err, want);
	EXPECT_INT(P("-c", "bash", "--", "foo"), -1);
	EXPECT_STR(err, want);
	EXPECT_INT(P("-f", "-p", "1", "-c", "x", "foo", "bar"), -1);
	EXPECT_STR(err, want);
	/* -p with -c is a scope of both */
	EXPECT_INT(P("-p", "1", "-c", "x"), 0);
	EXPECT_STR(o.pids, "1");
	EXPECT_INT(o.ncomm, 1);
}

/* A long option that takes no value, given one, is named as given (not
 * as "-v", and not as "-" and a NUL for --dump-progs, whose val 256 is not
 * a character). */
static void test_a_value_for_a_flag_is_refused_by_its_name(void)
{
	EXPECT_INT(P("--dump-progs=1"), -1);
	EXPECT_CONTAINS(err, "--dump-progs");
	EXPECT_CONTAINS(err, "argument");
	EXPECT_INT(P("--verbose=2"), -1);
	EXPECT_CONTAINS(err, "--verbose");
	EXPECT_INT(P("--help=x"), -1);
	EXPECT_CONTAINS(err, "--help");
	EXPECT_INT(P("--version=x"), -1);
	EXPECT_CONTAINS(err, "--version");
	/* the flags issue 4 added, and --json */
	EXPECT_INT(P("--per-process=1"), -1);
	EXPECT_STR(err, "--per-process takes no argument");
	EXPECT_INT(P("--follow=x"), -1);
	EXPECT_STR(err, "--follow takes no argument");
	EXPECT_INT(P("--summary=1"), -1);
	EXPECT_STR(err, "--summary takes no argument");
	EXPECT_INT(P("--json=1"), -1);
	EXPECT_STR(err, "--json takes no argument");
	/* an unknown short option after a long flag is still named as such */
	EXPECT_INT(P("--follow", "-fxf"), -1);
	EXPECT_STR(err, "unknown option -x");
	EXPECT_INT(P("--summary", "-Sx"), -1);
	EXPECT_STR(err, "unknown option -x");
}

static void test_double_dash_ends_the_options(void)
{
	EXPECT_INT(P("--"), 0);
	expect_defaults_but("");
	EXPECT_INT(P("-v", "--"), 0);
	EXPECT_INT(o.verbose, 1);
	/* after --, even what looks like an option is the command */
	EXPECT_INT(P("--", "-v"), 0);
	EXPECT_STR(command(), "-v");
	EXPECT_INT(o.verbose, 0);
	EXPECT_INT(P("--", "--", "x"), 0);
	EXPECT_STR(command(), "--|x");
	EXPECT_INT(P("-o", "--", "-v"), 0); /* -- as the value of -o */
	EXPECT_STR(o.output, "--");
	EXPECT_INT(o.verbose, 1);
}

/* Parsing twice starts afresh: an error in the middle of a cluster leaves
 * nothing behind for the next call. */
static void test_each_parse_starts_afresh(void)
{
	EXPECT_INT(P("-xv"), -1);
	EXPECT_STR(err, "unknown option -x");
	EXPECT_INT(parse(NULL), 0);
	expect_defaults_but("");
	EXPECT_INT(P("-s", "9"), 0);
	EXPECT_INT(P("-v"), 0);
	EXPECT_INT(o.str_max, OPTS_STR_MAX_DEFAULT);
}

/* The long options of the table in src/opts.c, in order, into names. */
static int table_longopts(char names[][32], int max)
{
	static char src[32768];
	const char *p, *end;
	size_t n;
	int count = 0;
	FILE *f = fopen("src/opts.c", "r");

	if (!f) {
		fprintf(stderr, "src/opts.c: cannot open (run from the "
			"repository root)\n");
		return -1;
	}
	n = fread(src, 1, sizeof(src) - 1, f);
	fclose(f);
	src[n] = '\0';
	p = strstr(src, "longopts[] = {");
	end = p ? strstr(p, "};") : NULL;
	if (!p || !end)
		return -1;
	while ((p = strstr(p, "{ \"")) && p < end && count < max) {
		const char *q = strchr(p + 3, '"');

		if (!q || q - (p + 3) >= 32)
			return -1;
		memcpy(names[count], p + 3, (size_t)(q - (p + 3)));
		names[count][q - (p + 3)] = '\0';
		count++;
		p = q;
	}
	return count;
}

static void test_help_names_every_long_option(void)
{
	char names[32][32], want[64];
	const char *u = opts_usage(), *p;
	int n, i, found;

	n = table_longopts(names, 32);
	EXPECT_TRUE(n >= 8);
	for (i = 0; i < n; i++) {
		snprintf(want, sizeof(want), "--%.31s ", names[i]);
		if (!strstr(u, want))
			fprintf(stderr, "  --help lacks --%s\n", names[i]);
		EXPECT_CONTAINS(u, want);
	}
	/* and names no long option the parser does not have */
	for (p = u; (p = strstr(p, "--")); p += 2) {
		size_t len = strspn(p + 2, "abcdefghijklmnopqrstuvwxyz-");

		if (!len)
			continue;
		for (found = 0, i = 0; i < n; i++)
			if (strlen(names[i]) == len &&
			    !strncmp(names[i], p + 2, len))
				found = 1;
		if (!found)
			fprintf(stderr, "  --help names --%.*s\n", (int)len,
				p + 2);
		EXPECT_TRUE(found);
	}
	/* the table read from the source is the one the parser uses: each
	 * option, followed by "1" (its value, or else the command), is
	 * known; if refused, then for its company (-i goes with -S ...) or
	 * its value, never as unknown or for a value it takes or not */
	for (i = 0; i < n; i++) {
		char opt[48];

		snprintf(opt, sizeof(opt), "--%.31s", names[i]);
		if (P(opt, "1") == 0)
			continue;
		if (strstr(err, "unknown option") || strstr(err, "argument"))
			fprintf(stderr, "  %s 1: %s\n", opt, err);
		EXPECT_TRUE(strstr(err, "unknown option") == NULL);
		EXPECT_TRUE(strstr(err, "argument") == NULL);
	}

	EXPECT_TRUE(u[strlen(u) - 1] == '\n');
	EXPECT_CONTAINS(u, "usage: aitrace-min [options] [--] [COMMAND [ARGS...]]\n");
	EXPECT_CONTAINS(u, "default: %ai = " SYSCALLS_DEFAULT "\n");
	EXPECT_CONTAINS(u, "Exit status:");
	/* every class -e knows is named */
	EXPECT_CONTAINS(u, "classes: " SYSCALLS_CLASSES ")");
	/* and the options of issue 4, with the letters the parser takes */
	EXPECT_CONTAINS(u, "  -p, --pid PID[,PID]  ");
	EXPECT_CONTAINS(u, "  -c, --comm NAME  ");
	EXPECT_CONTAINS(u, "  -f, --follow  ");
	EXPECT_CONTAINS(u, "  -S, --summary  ");
	EXPECT_CONTAINS(u, "  -i, --interval N  ");
	EXPECT_CONTAINS(u, "      --per-process  ");
	EXPECT_CONTAINS(u, "  COMMAND [ARGS...]  ");
	/* an example of each way to choose what is traced */
	EXPECT_CONTAINS(u, "aitrace-min -f -p ");
	EXPECT_CONTAINS(u, " -- ");
	EXPECT_CONTAINS(u, " -S -i ");
	EXPECT_CONTAINS(u, " -c ");
}

int main(void)
{
	test_no_arguments_give_the_defaults();
	test_every_option_short_and_long();
	test_b_wants_a_power_of_two_in_range();
	test_s_wants_a_number_within_the_limit();
	test_usage_errors_say_what_was_wrong();
	test_p_wants_process_ids_separated_by_commas();
	test_c_wants_a_name_of_1_to_15_bytes_at_most_8_times();
	test_i_and_per_process_go_with_S();
	test_max_sizes_want_a_number_and_their_mode();
	test_arguments_after_the_options_are_the_command();
	test_a_command_is_traced_alone();
	test_a_value_for_a_flag_is_refused_by_its_name();
	test_double_dash_ends_the_options();
	test_each_parse_starts_afresh();
	test_help_names_every_long_option();
	return expect_summary("test_opts");
}
