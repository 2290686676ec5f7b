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
 * open, fork, vfork, dup2, unlink, rename, mkdir and rmdir (the generic table has
 * only the *at and dup3 forms), which the tracer then skips. */
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
		    !strcmp(p, "vfork") || !strcmp(p, "dup2") ||
		    !strcmp(p, "unlink") || !strcmp(p, "rename") ||
		    !strcmp(p, "mkdir") || !strcmp(p, "rmdir"))
			continue;
#endif
		if (!known)
			fprintf(stderr, "  default set: %s unknown\n", p);
		EXPECT_TRUE(known);
	}
	EXPECT_INT(n, 40);
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

static void test_calls_that_return_an_address_or_an_fd(void)
{
	static const char *const addr[] = { "mmap", "mmap2", "brk", "mremap",
					    "shmat" };
	static const char *const fd[] = { "open", "openat", "openat2",
					  "creat", "dup", "dup2", "dup3",
					  "socket", "accept", "accept4",
					  "memfd_create", "epoll_create1",
					  "eventfd2", "pidfd_open",
					  "perf_event_open" };
	static const char *const num[] = { "read", "munmap", "mprotect",
					   "clone", "close", "openat2x",
					   "nosuch", "" };
	size_t i;

	for (i = 0; i < sizeof(addr) / sizeof(addr[0]); i++)
		EXPECT_INT(syscalls_ret_kind(addr[i]), RET_ADDR);
	for (i = 0; i < sizeof(fd) / sizeof(fd[0]); i++)
		EXPECT_INT(syscalls_ret_kind(fd[i]), RET_FD);
	for (i = 0; i < sizeof(num) / sizeof(num[0]); i++)
		EXPECT_INT(syscalls_ret_kind(num[i]), RET_INT);
}

/* The decoder of each argument, by the names of the kernel's
 * SYSCALL_DEFINEs, as strace shows them. */
static void test_arguments_get_their_decoders_by_name(void)
{
	static const struct {
		const char *sys, *arg;
		enum arg_dec want;
	} rows[] = {
		{ "read", "fd", DEC_FD },
		{ "dup2", "oldfd", DEC_FD },
		{ "dup2", "newfd", DEC_FD },
		{ "dup", "fildes", DEC_FD },
		{ "openat", "dfd", DEC_DIRFD },
		{ "renameat", "olddfd", DEC_DIRFD },
		{ "openat", "filename", DEC_PATH },
		{ "mkdir", "pathname", DEC_PATH },
		{ "rename", "newname", DEC_PATH },
		{ "execve", "argv", DEC_ARGV },
		{ "execve", "envp", DEC_PTR },
		{ "connect", "uservaddr", DEC_SOCKADDR },
		{ "bind", "umyaddr", DEC_SOCKADDR },
		{ "sendto", "addr", DEC_SOCKADDR },
		{ "clone3", "uargs", DEC_CLONE_ARGS },
		{ "read", "buf", DEC_PTR },
		{ "openat", "flags", DEC_OPEN_FLAGS },
		{ "open", "mode", DEC_OPEN_MODE },
		{ "mkdir", "mode", DEC_MODE },
		{ "mmap", "addr", DEC_PTR },   /* not a socket address */
		{ "munmap", "addr", DEC_PTR },
		{ "mmap", "len", DEC_UDEC },
		{ "mmap", "prot", DEC_PROT },
		{ "mmap", "flags", DEC_MMAP_FLAGS },
		{ "mmap", "fd", DEC_FD },
		{ "mmap", "off", DEC_NUM },
		{ "brk", "brk", DEC_PTR },
		{ "futex", "op", DEC_FUTEX_OP },
		{ "futex", "utime", DEC_FUTEX_TIMEOUT },
		{ "clone", "clone_flags", DEC_CLONE_FLAGS },
		{ "ioctl", "cmd", DEC_IOCTL_CMD },
		{ "kill", "sig", DEC_SIGNAL },
		/* by the syscall too: another call's flags are not open's */
		{ "mmap", "mode", DEC_NUM },
		{ "socket", "flags", DEC_NUM },
		{ "read", "count", DEC_NUM },
		{ "kill", "pid", DEC_NUM },
		{ "nosuch", "nosuch", DEC_NUM },
	};
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		enum arg_dec got = syscalls_arg_dec(rows[i].sys, rows[i].arg);

		if (got != rows[i].want)
			fprintf(stderr, "  %s %s\n", rows[i].sys, rows[i].arg);
		EXPECT_INT(got, rows[i].want);
	}
}

static void test_which_arguments_are_vectors_and_buffers(void)
{
	unsigned max = 7;

	EXPECT_INT(syscalls_is_vector_arg("argv", "const char *const *"), 1);
	EXPECT_INT(syscalls_is_vector_arg("argv", "const char *"), 0);
	EXPECT_INT(syscalls_is_vector_arg("argv", "unsigned long"), 0);
	/* environments carry secrets and are long: never read */
	EXPECT_INT(syscalls_is_vector_arg("envp", "const char *const *"), 0);

	EXPECT_STR(syscalls_buffer_arg("uservaddr", &max), "addrlen");
	EXPECT_INT(max, 128); /* sizeof(struct sockaddr_storage) */
	EXPECT_STR(syscalls_buffer_arg("umyaddr", &max), "addrlen");
	EXPECT_STR(syscalls_buffer_arg("addr", &max), "addr_len");
	EXPECT_INT(max, 128);
	EXPECT_STR(syscalls_buffer_arg("uargs", &max), "size");
	EXPECT_INT(max, 96);  /* struct clone_args and what follows */
	max = 7;
	EXPECT_TRUE(syscalls_buffer_arg("buf", &max) == NULL);
	EXPECT_TRUE(syscalls_buffer_arg("filename", &max) == NULL);
	EXPECT_INT(max, 7);
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
	test_calls_that_return_an_address_or_an_fd();
	test_arguments_get_their_decoders_by_name();
	test_which_arguments_are_vectors_and_buffers();
	return expect_summary("test_syscalls");
}
