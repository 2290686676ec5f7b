/* Unit tests for syscalls.c: the generated name/number table of this
 * build's architecture, and the facts no format file states (string
 * arguments, calls that never return, strings read at entry, address
 * returns).
 */
#include <stdio.h>
#include <string.h>

#include "expect.h"
#include "syscalls.h"

static void test_names_and_numbers_of_this_architecture(void)
{
#if defined(__x86_64__) && !defined(__ILP32__)
	EXPECT_INT(syscalls_nr("read"), 0);
	EXPECT_INT(syscalls_nr("write"), 1);
	EXPECT_INT(syscalls_nr("open"), 2);
	EXPECT_INT(syscalls_nr("mmap"), 9);
	EXPECT_INT(syscalls_nr("execve"), 59);
	EXPECT_INT(syscalls_nr("exit_group"), 231);
	EXPECT_INT(syscalls_nr("openat"), 257);
	EXPECT_INT(syscalls_nr("clone3"), 435);
	EXPECT_STR(syscalls_name(0), "read");
	EXPECT_STR(syscalls_name(257), "openat");
	EXPECT_STR(syscalls_name(59), "execve");
#elif defined(__aarch64__)
	EXPECT_INT(syscalls_nr("openat"), 56);
	EXPECT_INT(syscalls_nr("read"), 63);
	EXPECT_INT(syscalls_nr("execve"), 221);
	EXPECT_INT(syscalls_nr("exit_group"), 94);
	EXPECT_INT(syscalls_nr("open"), -1); /* arm64 has only openat */
	EXPECT_INT(syscalls_nr("fork"), -1);
	EXPECT_STR(syscalls_name(56), "openat");
#endif
	/* on every architecture */
	EXPECT_TRUE(syscalls_nr("openat") >= 0);
	EXPECT_TRUE(syscalls_nr("execve") >= 0);
	EXPECT_STR(syscalls_name(syscalls_nr("openat")), "openat");
	EXPECT_STR(syscalls_name(syscalls_nr("execve")), "execve");
}

static void test_unknown_names_and_numbers_are_not_found(void)
{
	EXPECT_INT(syscalls_nr("nosuch"), -1);
	EXPECT_INT(syscalls_nr(""), -1);
	EXPECT_INT(syscalls_nr("READ"), -1);
	EXPECT_INT(syscalls_nr("read "), -1);
	EXPECT_INT(syscalls_nr("rea"), -1);   /* not a prefix match */
	EXPECT_INT(syscalls_nr("reads"), -1);
	EXPECT_INT(syscalls_nr("sys_read"), -1);
	EXPECT_TRUE(syscalls_name(-1) == NULL);
	EXPECT_TRUE(syscalls_name(100000) == NULL);
	EXPECT_TRUE(syscalls_name_at(-1) == NULL);
	EXPECT_TRUE(syscalls_name_at(syscalls_count()) == NULL);
}

/* Every entry of the table: a name, unique, whose number leads back to a
 * call with that number. */
static void test_the_table_is_consistent(void)
{
	int n = syscalls_count(), i, j, bad_name = 0, bad_nr = 0, dup = 0;

	EXPECT_TRUE(n > 250);
	for (i = 0; i < n; i++) {
		const char *name = syscalls_name_at(i);
		int nr;

		if (!name || !name[0] || strlen(name) > 31) {
			bad_name++;
			continue;
		}
		nr = syscalls_nr(name);
		if (nr < 0 || !syscalls_name(nr) ||
		    syscalls_nr(syscalls_name(nr)) != nr) {
			fprintf(stderr, "  %s: number %d\n", name, nr);
			bad_nr++;
		}
		for (j = 0; j < i; j++)
			if (!strcmp(syscalls_name_at(j), name))
				dup++;
	}
	EXPECT_INT(bad_name, 0);
	EXPECT_INT(bad_nr, 0);
	EXPECT_INT(dup, 0);
	EXPECT_STR(syscalls_name_at(syscalls_count() - 1),
		   syscalls_name_at(n - 1));
}

/* The default set names real calls: all of them on x86_64; arm64 lacks
 * open, fork and vfork, which the tracer then skips. */
static void test_the_default_set_names_real_calls(void)
{
	char list[] = SYSCALLS_DEFAULT;
	char *p, *save = NULL;
	int n = 0;

	for (p = strtok_r(list, ",", &save); p;
	     p = strtok_r(NULL, ",", &save), n++) {
		int known = syscalls_nr(p) >= 0;

#if !defined(__x86_64__)
		if (!strcmp(p, "open") || !strcmp(p, "fork") ||
		    !strcmp(p, "vfork"))
			continue;
#endif
		if (!known)
			fprintf(stderr, "  default set: %s unknown\n", p);
		EXPECT_TRUE(known);
	}
	EXPECT_INT(n, 17);
}

static void test_which_arguments_are_strings(void)
{
	static const struct {
		const char *name, *type;
		int want;
	} rows[] = {
		{ "filename", "const char *", 1 },
		{ "pathname", "const char *", 1 },
		{ "path", "const char *", 1 },
		{ "oldname", "const char *", 1 },
		{ "newname", "const char *", 1 },
		{ "oldpath", "const char *", 1 },
		{ "newpath", "const char *", 1 },
		{ "specialfile", "const char *", 1 },
		{ "library", "const char *", 1 },
		{ "dev_name", "char *", 1 },
		{ "dir_name", "const char *", 1 },
		{ "uname", "const char *", 1 },
		{ "filename", "char *", 1 },
		/* data, not a NUL-terminated name */
		{ "buf", "const char *", 0 },
		{ "buf", "char *", 0 },
		{ "name", "const char *", 0 },
		{ "type", "const char *", 0 },
		/* arrays of strings and non-strings */
		{ "argv", "const char *const *", 0 },
		{ "envp", "const char *const *", 0 },
		{ "filename", "const char *const *", 0 },
		{ "filename", "char **", 0 },
		/* not a char pointer */
		{ "filename", "const char", 0 },
		{ "filename", "unsigned long", 0 },
		{ "filename", "int *", 0 },
		{ "path", "struct path *", 0 },
		{ "filename", "u8 *", 0 },
		{ "filename", "", 0 },
		{ "", "const char *", 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		int got = syscalls_is_string_arg(rows[i].name, rows[i].type);

		if (got != rows[i].want)
			fprintf(stderr, "  %s \"%s\"\n", rows[i].name,
				rows[i].type);
		EXPECT_INT(got, rows[i].want);
	}
}

static void test_calls_that_never_return(void)
{
	EXPECT_INT(syscalls_never_returns("exit"), 1);
	EXPECT_INT(syscalls_never_returns("exit_group"), 1);
	EXPECT_INT(syscalls_never_returns("execve"), 0);
	EXPECT_INT(syscalls_never_returns("read"), 0);
	EXPECT_INT(syscalls_never_returns("exit_"), 0);
	EXPECT_INT(syscalls_never_returns(""), 0);
}

static void test_calls_whose_strings_are_read_at_entry(void)
{
	EXPECT_INT(syscalls_strings_at_entry("execve"), 1);
	EXPECT_INT(syscalls_strings_at_entry("execveat"), 1);
	EXPECT_INT(syscalls_strings_at_entry("openat"), 0);
	EXPECT_INT(syscalls_strings_at_entry("exit_group"), 0);
	EXPECT_INT(syscalls_strings_at_entry("exec"), 0);
}

static void test_calls_that_return_an_address(void)
{
	static const char *const addr[] = { "mmap", "mmap2", "brk", "mremap",
					    "shmat" };
	static const char *const num[] = { "read", "openat", "munmap",
					   "mprotect", "clone", "nosuch", "" };
	size_t i;

	for (i = 0; i < sizeof(addr) / sizeof(addr[0]); i++)
		EXPECT_INT(syscalls_ret_kind(addr[i]), RET_ADDR);
	for (i = 0; i < sizeof(num) / sizeof(num[0]); i++)
		EXPECT_INT(syscalls_ret_kind(num[i]), RET_INT);
}

int main(void)
{
	test_names_and_numbers_of_this_architecture();
	test_unknown_names_and_numbers_are_not_found();
	test_the_table_is_consistent();
	test_the_default_set_names_real_calls();
	test_which_arguments_are_strings();
	test_calls_that_never_return();
	test_calls_whose_strings_are_read_at_entry();
	test_calls_that_return_an_address();
	return expect_summary("test_syscalls");
}
