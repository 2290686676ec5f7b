/* Unit tests for dec_process.c: clone flags, signals, clone3's struct
 * clone_args, execve's argv. The clone rows are what glibc passes; the
 * expected text is what strace 6.1 printed for them on this machine. */
#include <asm/signal.h>
#include <linux/sched.h>

#include "dec.h"
#include "expect.h"

/* <stdlib.h> would clash with <asm/signal.h> (sigset_t, struct timeval)
 * under glibc; these two are all the test needs of it. */
void *malloc(size_t size);
void free(void *p);

static char buf[1024];
static struct sb sb;

static struct sb *fresh(void)
{
	sb_init(&sb, buf, sizeof(buf));
	return &sb;
}

#define OUT(call) ((call), buf)

#define PTHREAD_FLAGS                                                         \
	"CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|"           \
	"CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID"

/* ---- clone flags and signals --------------------------------------------- */

static void test_pthread_create_and_fork_flags_read_as_strace_prints_them(void)
{
	EXPECT_STR(OUT(dec_clone_flags(fresh(), 0x3d0f00)), PTHREAD_FLAGS);
	/* fork(): 0x1200011 on x86_64 and arm64 (SIGCHLD is 17 there) */
	EXPECT_STR(OUT(dec_clone_flags(fresh(), CLONE_CHILD_CLEARTID |
						CLONE_CHILD_SETTID | SIGCHLD)),
		   "CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD");
	/* vfork-style posix_spawn */
	EXPECT_STR(OUT(dec_clone_flags(fresh(), CLONE_VM | CLONE_VFORK |
						SIGCHLD)),
		   "CLONE_VM|CLONE_VFORK|SIGCHLD");
}

static void test_a_bare_exit_signal_or_nothing(void)
{
	EXPECT_STR(OUT(dec_clone_flags(fresh(), SIGCHLD)), "SIGCHLD");
	EXPECT_STR(OUT(dec_clone_flags(fresh(), 0)), "0");
	EXPECT_STR(OUT(dec_clone_flags(fresh(), CLONE_NEWNS | CLONE_NEWPID)),
		   "CLONE_NEWNS|CLONE_NEWPID");
}

static void test_clone_bits_above_31_are_not_clone_flags(void)
{
	/* clone(2) reads an unsigned long but only its low 32 bits are
	 * flags; CLONE_CLEAR_SIGHAND and up are clone3's */
	EXPECT_STR(OUT(dec_clone_flags(fresh(), CLONE_CLEAR_SIGHAND |
						CLONE_VM | SIGCHLD)),
		   "CLONE_VM|0x100000000|SIGCHLD");
	EXPECT_STR(OUT(dec_clone_flags(fresh(), UINT64_MAX)),
		   "CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_PIDFD|"
		   "CLONE_PTRACE|CLONE_VFORK|CLONE_PARENT|CLONE_THREAD|"
		   "CLONE_NEWNS|CLONE_SYSVSEM|CLONE_SETTLS|"
		   "CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID|CLONE_DETACHED|"
		   "CLONE_UNTRACED|CLONE_CHILD_SETTID|CLONE_NEWCGROUP|"
		   "CLONE_NEWUTS|CLONE_NEWIPC|CLONE_NEWUSER|CLONE_NEWPID|"
		   "CLONE_NEWNET|CLONE_IO|0xffffffff00000000|255");
}

static void test_signals_are_named_as_strace_names_them(void)
{
	EXPECT_STR(OUT(dec_signal(fresh(), SIGCHLD)), "SIGCHLD");
	EXPECT_STR(OUT(dec_signal(fresh(), SIGKILL)), "SIGKILL");
	EXPECT_STR(OUT(dec_signal(fresh(), SIGABRT)), "SIGABRT");
	EXPECT_STR(OUT(dec_signal(fresh(), SIGIO)), "SIGIO");
	EXPECT_STR(OUT(dec_signal(fresh(), SIGSYS)), "SIGSYS");
	/* real-time: the kernel's SIGRTMIN, then SIGRT_n (glibc's own
	 * SIGRTMIN is the kernel's + 2, SIGRT_2) */
	EXPECT_STR(OUT(dec_signal(fresh(), SIGRTMIN)), "SIGRTMIN");
	EXPECT_STR(OUT(dec_signal(fresh(), SIGRTMIN + 1)), "SIGRT_1");
	EXPECT_STR(OUT(dec_signal(fresh(), SIGRTMIN + 2)), "SIGRT_2");
}

static void test_non_signals_are_numbers(void)
{
	EXPECT_STR(OUT(dec_signal(fresh(), 0)), "0");
	EXPECT_STR(OUT(dec_signal(fresh(), -1)), "-1");
	EXPECT_STR(OUT(dec_signal(fresh(), 1000)), "1000");
}

#if defined(__x86_64__) || defined(__aarch64__)
static void test_signal_numbers_of_x86_64_and_arm64(void)
{
	EXPECT_STR(OUT(dec_clone_flags(fresh(), 0x1200011)),
		   "CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD");
	EXPECT_STR(OUT(dec_signal(fresh(), 17)), "SIGCHLD");
	EXPECT_STR(OUT(dec_signal(fresh(), 16)), "SIGSTKFLT");
	EXPECT_STR(OUT(dec_signal(fresh(), 30)), "SIGPWR");
	EXPECT_STR(OUT(dec_signal(fresh(), 34)), "SIGRT_2");
	EXPECT_STR(OUT(dec_signal(fresh(), 64)), "SIGRT_32");
	EXPECT_STR(OUT(dec_signal(fresh(), 65)), "65");
}
#endif

/* ---- clone3 -------------------------------------------------------------- */

/* args, copied into a heap block of exactly len bytes, so that a read
 * past len is caught by ASan when the tests are built with it. */
static const char *clone3(const void *args, size_t len)
{
	unsigned char *p = malloc(len ? len : 1);

	memcpy(p, args, len);
	dec_clone3_args(fresh(), p, len);
	free(p);
	return buf;
}

static struct clone_args pthread_args(void)
{
	struct clone_args a;

	memset(&a, 0, sizeof(a));
	a.flags = 0x3d0f00;
	a.child_tid = 0x7f14ba764990;
	a.parent_tid = 0x7f14ba764990;
	a.stack = 0x7f14b9f64000;
	a.stack_size = 0x7fff80;
	a.tls = 0x7f14ba7646c0;
	return a;
}

static void test_glibc_pthread_create_reads_as_strace_prints_it(void)
{
	struct clone_args a = pthread_args();

	EXPECT_STR(clone3(&a, sizeof(a)),
		   "{flags=" PTHREAD_FLAGS ", child_tid=0x7f14ba764990, "
		   "parent_tid=0x7f14ba764990, exit_signal=0, "
		   "stack=0x7f14b9f64000, stack_size=0x7fff80, "
		   "tls=0x7f14ba7646c0}");
}

static void test_a_fork_via_clone3_names_its_exit_signal(void)
{
	struct clone_args a;

	memset(&a, 0, sizeof(a));
	a.flags = CLONE_PIDFD | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID;
	a.pidfd = 0x7ffc0000a000;
	a.child_tid = 0x7f0000001000;
	a.exit_signal = SIGCHLD;
	EXPECT_STR(clone3(&a, sizeof(a)),
		   "{flags=CLONE_PIDFD|CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID, "
		   "pidfd=0x7ffc0000a000, child_tid=0x7f0000001000, "
		   "exit_signal=SIGCHLD, stack=NULL, stack_size=0}");
}

static void test_clone3_only_flags_and_later_fields(void)
{
	struct clone_args a;

	memset(&a, 0, sizeof(a));
	a.flags = CLONE_NEWTIME | CLONE_INTO_CGROUP | CLONE_CLEAR_SIGHAND;
	a.exit_signal = SIGCHLD;
	a.set_tid = 0x7ffd00001000;
	a.set_tid_size = 2;
	a.cgroup = 7;
	EXPECT_STR(clone3(&a, sizeof(a)),
		   "{flags=CLONE_NEWTIME|CLONE_CLEAR_SIGHAND|CLONE_INTO_CGROUP, "
		   "exit_signal=SIGCHLD, stack=NULL, stack_size=0, "
		   "set_tid=0x7ffd00001000, set_tid_size=2, cgroup=7}");
	/* the version-1 struct (80 bytes) has no cgroup field */
	EXPECT_STR(clone3(&a, CLONE_ARGS_SIZE_VER1),
		   "{flags=CLONE_NEWTIME|CLONE_CLEAR_SIGHAND|CLONE_INTO_CGROUP, "
		   "exit_signal=SIGCHLD, stack=NULL, stack_size=0, "
		   "set_tid=0x7ffd00001000, set_tid_size=2}");
	/* the version-0 struct (64 bytes) has neither */
	EXPECT_STR(clone3(&a, CLONE_ARGS_SIZE_VER0),
		   "{flags=CLONE_NEWTIME|CLONE_CLEAR_SIGHAND|CLONE_INTO_CGROUP, "
		   "exit_signal=SIGCHLD, stack=NULL, stack_size=0}");
}

static void test_an_odd_exit_signal_and_unknown_flags(void)
{
	struct clone_args a;

	memset(&a, 0, sizeof(a));
	a.flags = (uint64_t)1 << 40;
	a.exit_signal = (uint64_t)1 << 33;
	EXPECT_STR(clone3(&a, sizeof(a)),
		   "{flags=0x10000000000, exit_signal=8589934592, "
		   "stack=NULL, stack_size=0}");
	a.flags = 0;
	a.exit_signal = 200; /* past the last signal (64, 128 on mips) */
	EXPECT_STR(clone3(&a, sizeof(a)),
		   "{flags=0, exit_signal=200, stack=NULL, stack_size=0}");
}

static void test_a_short_clone_args_shows_what_is_there(void)
{
	struct clone_args a = pthread_args();

	EXPECT_STR(clone3(&a, 0), "{...}");
	EXPECT_STR(clone3(&a, 7), "{...}");
	EXPECT_STR(clone3(&a, 8), "{flags=" PTHREAD_FLAGS ", ...}");
	EXPECT_STR(clone3(&a, 23), "{flags=" PTHREAD_FLAGS ", ...}");
	EXPECT_STR(clone3(&a, 24),
		   "{flags=" PTHREAD_FLAGS ", child_tid=0x7f14ba764990, ...}");
	EXPECT_STR(clone3(&a, 40),
		   "{flags=" PTHREAD_FLAGS ", child_tid=0x7f14ba764990, "
		   "parent_tid=0x7f14ba764990, exit_signal=0, ...}");
	EXPECT_STR(clone3(&a, 63),
		   "{flags=" PTHREAD_FLAGS ", child_tid=0x7f14ba764990, "
		   "parent_tid=0x7f14ba764990, exit_signal=0, "
		   "stack=0x7f14b9f64000, stack_size=0x7fff80, ...}");
	/* without CLONE_SETTLS the tls field is not shown, but a struct
	 * shorter than the first published one is still cut */
	a.flags &= ~(uint64_t)CLONE_SETTLS;
	EXPECT_STR(clone3(&a, 60),
		   "{flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|"
		   "CLONE_THREAD|CLONE_SYSVSEM|CLONE_PARENT_SETTID|"
		   "CLONE_CHILD_CLEARTID, child_tid=0x7f14ba764990, "
		   "parent_tid=0x7f14ba764990, exit_signal=0, "
		   "stack=0x7f14b9f64000, stack_size=0x7fff80, ...}");
}

static void test_bytes_past_the_struct_are_shown_when_not_zero(void)
{
	unsigned char big[sizeof(struct clone_args) + 8];
	struct clone_args a = pthread_args();
	const char *want_base =
		"{flags=" PTHREAD_FLAGS ", child_tid=0x7f14ba764990, "
		"parent_tid=0x7f14ba764990, exit_signal=0, "
		"stack=0x7f14b9f64000, stack_size=0x7fff80, "
		"tls=0x7f14ba7646c0";
	char want[512];

	memset(big, 0, sizeof(big));
	memcpy(big, &a, sizeof(a));
	strcpy(want, want_base);
	strcat(want, "}");
	EXPECT_STR(clone3(big, sizeof(big)), want);

	big[sizeof(a) + 1] = 0x01;
	big[sizeof(a) + 7] = 0xff;
	strcpy(want, want_base);
	if (sizeof(a) == 88)
		strcat(want, ", /* bytes 88..95 */ "
			     "\"\\x00\\x01\\x00\\x00\\x00\\x00\\x00\\xff\"}");
	EXPECT_STR(clone3(big, sizeof(big)), want);
}

/* ---- argv ---------------------------------------------------------------- */

#define BLOB(lit) (const unsigned char *)(lit), sizeof(lit) - 1

static void test_argv_is_a_list_of_quoted_strings(void)
{
	EXPECT_STR(OUT(dec_argv(fresh(), BLOB("python3\0-c\0import torch\0"),
				3, 0, 32)),
		   "[\"python3\", \"-c\", \"import torch\"]");
	EXPECT_STR(OUT(dec_argv(fresh(), BLOB("/nonexist\0a\nb\0x\0"), 3, 0,
				32)),
		   "[\"/nonexist\", \"a\\nb\", \"x\"]");
	EXPECT_STR(OUT(dec_argv(fresh(), BLOB("\0"), 1, 0, 32)), "[\"\"]");
	EXPECT_STR(OUT(dec_argv(fresh(), BLOB(""), 0, 0, 32)), "[]");
}

static void test_more_strings_than_captured_end_in_dots(void)
{
	EXPECT_STR(OUT(dec_argv(fresh(), BLOB("a\0b\0"), 2, 1, 32)),
		   "[\"a\", \"b\", ...]");
	EXPECT_STR(OUT(dec_argv(fresh(), BLOB(""), 0, 1, 32)), "[...]");
	/* the blob holds fewer strings than count says */
	EXPECT_STR(OUT(dec_argv(fresh(), BLOB("a\0"), 3, 0, 32)),
		   "[\"a\", ...]");
}

static void test_long_or_cut_strings_end_in_dots_after_the_quote(void)
{
	EXPECT_STR(OUT(dec_argv(fresh(), BLOB("abcdefgh\0xy\0"), 2, 0, 4)),
		   "[\"abcd\"..., \"xy\"]");
	/* the last string lost its NUL: the capture was cut */
	EXPECT_STR(OUT(dec_argv(fresh(), BLOB("ab\0cd"), 2, 0, 32)),
		   "[\"ab\", \"cd\"...]");
	/* -s 0 */
	EXPECT_STR(OUT(dec_argv(fresh(), BLOB("ab\0\0"), 2, 0, 0)),
		   "[\"\"..., \"\"]");
}

static void test_hostile_argv_bytes_are_escaped(void)
{
	EXPECT_STR(OUT(dec_argv(fresh(),
				BLOB("x\n1764000000.0 sshd 1/1 forged\0"
				     "\x1b[2J\0\"]\0\xff\xfe\0"),
				4, 0, 64)),
		   "[\"x\\n1764000000.0 sshd 1/1 forged\", \"\\x1b[2J\", "
		   "\"\\\"]\", \"\\xff\\xfe\"]");
}

static void test_output_stays_within_a_small_builder(void)
{
	static const unsigned char blob[] = "\x1b\x1b\x1b\0bb\0cccccc\0";
	struct clone_args a = pthread_args();
	char full[1024], small[1024];
	struct sb s;
	size_t cap, n;
	int which;

	for (which = 0; which < 2; which++) {
		sb_init(&s, full, sizeof(full));
		if (which)
			dec_clone3_args(&s, (const void *)&a, sizeof(a));
		else
			dec_argv(&s, blob, sizeof(blob) - 1, 3, 1, 4);
		n = s.len;
		for (cap = 1; cap <= n + 1; cap++) {
			memset(small, '#', sizeof(small));
			sb_init(&s, small, cap);
			if (which)
				dec_clone3_args(&s, (const void *)&a,
						sizeof(a));
			else
				dec_argv(&s, blob, sizeof(blob) - 1, 3, 1, 4);
			EXPECT_TRUE(s.len < cap && small[s.len] == '\0');
			EXPECT_TRUE(strncmp(small, full, s.len) == 0);
			EXPECT_INT(s.cut, cap <= n);
			EXPECT_TRUE(small[cap] == '#');
		}
	}
}

int main(void)
{
	test_pthread_create_and_fork_flags_read_as_strace_prints_them();
	test_a_bare_exit_signal_or_nothing();
	test_clone_bits_above_31_are_not_clone_flags();
	test_signals_are_named_as_strace_names_them();
	test_non_signals_are_numbers();
#if defined(__x86_64__) || defined(__aarch64__)
	test_signal_numbers_of_x86_64_and_arm64();
#endif
	test_glibc_pthread_create_reads_as_strace_prints_it();
	test_a_fork_via_clone3_names_its_exit_signal();
	test_clone3_only_flags_and_later_fields();
	test_an_odd_exit_signal_and_unknown_flags();
	test_a_short_clone_args_shows_what_is_there();
	test_bytes_past_the_struct_are_shown_when_not_zero();
	test_argv_is_a_list_of_quoted_strings();
	test_more_strings_than_captured_end_in_dots();
	test_long_or_cut_strings_end_in_dots_after_the_quote();
	test_hostile_argv_bytes_are_escaped();
	test_output_stays_within_a_small_builder();
	return expect_summary("test_dec_process");
}
