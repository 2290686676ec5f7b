/* Unit tests for dec_file.c: open flags, modes, dirfds. Inputs are built
 * from the UAPI macros so the rows hold on every architecture; the
 * x86_64 rows pin the raw numbers (as a syscall carries them) to the
 * text strace 6.1 printed for them on this machine. */
#include <linux/stat.h> /* first: it hides S_IF* once glibc's headers are in */
#include <linux/fcntl.h>
#include <linux/openat2.h>
#include <string.h>

#include "dec.h"
#include "expect.h"

static char buf[512];
static struct sb sb;

static struct sb *fresh(void)
{
	sb_init(&sb, buf, sizeof(buf));
	return &sb;
}

#define OUT(call) ((call), buf)

static void test_dynamic_loaders_open_so_files_read_only_close_on_exec(void)
{
	/* python/pytorch: openat(AT_FDCWD, ".../libtorch_cpu.so", ...) */
	EXPECT_STR(OUT(dec_open_flags(fresh(), O_RDONLY | O_CLOEXEC)),
		   "O_RDONLY|O_CLOEXEC");
	EXPECT_STR(OUT(dec_open_flags(fresh(), O_RDONLY)), "O_RDONLY");
}

static void test_the_access_mode_comes_first(void)
{
	EXPECT_STR(OUT(dec_open_flags(fresh(), O_WRONLY | O_CREAT | O_TRUNC)),
		   "O_WRONLY|O_CREAT|O_TRUNC");
	EXPECT_STR(OUT(dec_open_flags(fresh(), O_RDWR | O_APPEND)),
		   "O_RDWR|O_APPEND");
	EXPECT_STR(OUT(dec_open_flags(fresh(), O_ACCMODE)), "O_ACCMODE");
}

static void test_o_tmpfile_is_named_instead_of_o_directory(void)
{
	EXPECT_STR(OUT(dec_open_flags(fresh(), O_RDWR | O_EXCL | O_TMPFILE)),
		   "O_RDWR|O_EXCL|O_TMPFILE");
	EXPECT_STR(OUT(dec_open_flags(fresh(), O_RDONLY | O_DIRECTORY |
					       O_CLOEXEC)),
		   "O_RDONLY|O_CLOEXEC|O_DIRECTORY");
}

static void test_o_sync_is_named_instead_of_o_dsync(void)
{
	EXPECT_STR(OUT(dec_open_flags(fresh(), O_WRONLY | O_SYNC)),
		   "O_WRONLY|O_SYNC");
	EXPECT_STR(OUT(dec_open_flags(fresh(), O_WRONLY | O_DSYNC)),
		   "O_WRONLY|O_DSYNC");
}

static void test_unknown_open_bits_are_hex(void)
{
	EXPECT_STR(OUT(dec_open_flags(fresh(), O_RDWR | O_SYNC | 0x80000000u)),
		   "O_RDWR|O_SYNC|0x80000000");
	EXPECT_STR(OUT(dec_open_flags(fresh(), (uint64_t)1 << 40)),
		   "O_RDONLY|0x10000000000");
}

#ifdef __x86_64__
/* The numbers a syscall carries on x86_64, and strace 6.1's text. */
static void test_x86_64_numbers_read_as_strace_prints_them(void)
{
	EXPECT_STR(OUT(dec_open_flags(fresh(), 02000000)),
		   "O_RDONLY|O_CLOEXEC");
	EXPECT_STR(OUT(dec_open_flags(fresh(), 01101)),
		   "O_WRONLY|O_CREAT|O_TRUNC");
	EXPECT_STR(OUT(dec_open_flags(fresh(), 020200202)),
		   "O_RDWR|O_EXCL|O_TMPFILE");
	EXPECT_STR(OUT(dec_open_flags(fresh(), 04010002 | 0x80000000u)),
		   "O_RDWR|O_SYNC|0x80000000");
	EXPECT_STR(OUT(dec_open_flags(fresh(), 010000000 | 01000000 |
					       0400000 | 0200000 | 040000 |
					       020000 | 04000 | 02000 |
					       0400)),
		   "O_RDONLY|O_NOCTTY|O_APPEND|O_NONBLOCK|O_DIRECT|"
		   "O_NOFOLLOW|O_NOATIME|O_PATH|O_DIRECTORY|FASYNC");
	/* every bit: all names, and what none names */
	EXPECT_STR(OUT(dec_open_flags(fresh(), 0xffffffff)),
		   "O_ACCMODE|O_CREAT|O_EXCL|O_NOCTTY|O_TRUNC|O_APPEND|"
		   "O_NONBLOCK|O_SYNC|O_DIRECT|O_LARGEFILE|O_NOFOLLOW|"
		   "O_NOATIME|O_CLOEXEC|O_PATH|O_TMPFILE|FASYNC|0xff80003c");
	EXPECT_STR(OUT(dec_mode(fresh(), 0100644)), "S_IFREG|0644");
}
#endif

static void test_modes_are_octal_with_a_leading_zero(void)
{
	EXPECT_STR(OUT(dec_mode(fresh(), 0644)), "0644");
	EXPECT_STR(OUT(dec_mode(fresh(), 0)), "000");
	EXPECT_STR(OUT(dec_mode(fresh(), 07)), "007");
	EXPECT_STR(OUT(dec_mode(fresh(), 0600)), "0600");
	EXPECT_STR(OUT(dec_mode(fresh(), 04755)), "04755");
	EXPECT_STR(OUT(dec_mode(fresh(), 07777)), "07777");
}

static void test_a_file_type_is_named_with_the_special_bits(void)
{
	EXPECT_STR(OUT(dec_mode(fresh(), S_IFREG | 0644)), "S_IFREG|0644");
	EXPECT_STR(OUT(dec_mode(fresh(), S_IFREG | 04755)),
		   "S_IFREG|S_ISUID|0755");
	EXPECT_STR(OUT(dec_mode(fresh(), S_IFDIR | 01777)),
		   "S_IFDIR|S_ISVTX|0777");
	EXPECT_STR(OUT(dec_mode(fresh(), S_IFCHR | S_ISGID | 0600)),
		   "S_IFCHR|S_ISGID|0600");
	EXPECT_STR(OUT(dec_mode(fresh(), S_IFIFO)), "S_IFIFO|000");
	EXPECT_STR(OUT(dec_mode(fresh(), S_IFSOCK | 0777)), "S_IFSOCK|0777");
}

static void test_an_unknown_file_type_stays_in_the_octal(void)
{
	EXPECT_STR(OUT(dec_mode(fresh(), S_IFMT | 0644)), "0170644");
	EXPECT_STR(OUT(dec_mode(fresh(), 0xffffffff)), "037777777777");
}

static void test_mode_is_shown_only_with_o_creat_or_o_tmpfile(void)
{
	EXPECT_INT(dec_open_has_mode(O_WRONLY | O_CREAT | O_TRUNC), 1);
	EXPECT_INT(dec_open_has_mode(O_RDWR | O_TMPFILE), 1);
	EXPECT_INT(dec_open_has_mode(O_RDONLY | O_CLOEXEC), 0);
	/* O_TMPFILE includes O_DIRECTORY, not the other way round */
	EXPECT_INT(dec_open_has_mode(O_RDONLY | O_DIRECTORY), 0);
	EXPECT_INT(dec_open_has_mode(0), 0);
}

static void test_at_fdcwd_is_named_and_other_fds_are_numbers(void)
{
	EXPECT_STR(OUT(dec_dirfd(fresh(), AT_FDCWD)), "AT_FDCWD");
	EXPECT_STR(OUT(dec_dirfd(fresh(), -100)), "AT_FDCWD");
	/* an int argument zero-extended into a 64-bit register */
	EXPECT_STR(OUT(dec_dirfd(fresh(), 0xffffff9c)), "AT_FDCWD");
	EXPECT_STR(OUT(dec_dirfd(fresh(), 3)), "3");
	EXPECT_STR(OUT(dec_dirfd(fresh(), 0)), "0");
	EXPECT_STR(OUT(dec_dirfd(fresh(), -1)), "-1");
}

static void test_output_stays_within_a_small_builder(void)
{
	char full[256], small[256];
	struct sb s;
	size_t cap, n;

	sb_init(&s, full, sizeof(full));
	dec_open_flags(&s, 0xffffffff);
	n = s.len;
	for (cap = 1; cap <= n + 1; cap++) {
		memset(small, '#', sizeof(small));
		sb_init(&s, small, cap);
		dec_open_flags(&s, 0xffffffff);
		EXPECT_TRUE(s.len < cap && small[s.len] == '\0');
		EXPECT_TRUE(strncmp(small, full, s.len) == 0);
		EXPECT_INT(s.cut, cap <= n);
		EXPECT_TRUE(small[cap] == '#');
	}
}

/* struct open_how as openat2's caller passed it: whole, cut, longer */
static void test_openat2_how_reads_as_strace_prints_it(void)
{
	struct open_how how = { O_RDONLY | O_CLOEXEC, 0,
				RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS };
	unsigned char raw[32];

	EXPECT_STR(OUT(dec_open_how(fresh(), (const unsigned char *)&how,
				    sizeof(how))),
		   "{flags=O_RDONLY|O_CLOEXEC, "
		   "resolve=RESOLVE_NO_SYMLINKS|RESOLVE_BENEATH}");
	/* a creating open shows its mode, even 0; no resolve when 0 */
	how.flags = O_WRONLY | O_CREAT | O_TRUNC;
	how.mode = 0600;
	how.resolve = 0;
	EXPECT_STR(OUT(dec_open_how(fresh(), (const unsigned char *)&how,
				    sizeof(how))),
		   "{flags=O_WRONLY|O_CREAT|O_TRUNC, mode=0600}");
	how.mode = 0;
	EXPECT_STR(OUT(dec_open_how(fresh(), (const unsigned char *)&how,
				    sizeof(how))),
		   "{flags=O_WRONLY|O_CREAT|O_TRUNC, mode=000}");
	/* unknown resolve bits in hex */
	how.flags = O_RDONLY;
	how.resolve = 0x80 | RESOLVE_IN_ROOT;
	EXPECT_STR(OUT(dec_open_how(fresh(), (const unsigned char *)&how,
				    sizeof(how))),
		   "{flags=O_RDONLY, resolve=RESOLVE_IN_ROOT|0x80}");
	/* only what was read: flags alone, then nothing */
	EXPECT_STR(OUT(dec_open_how(fresh(), (const unsigned char *)&how, 8)),
		   "{flags=O_RDONLY, ...}");
	EXPECT_STR(OUT(dec_open_how(fresh(), (const unsigned char *)&how, 7)),
		   "{...}");
	EXPECT_STR(OUT(dec_open_how(fresh(), (const unsigned char *)&how, 0)),
		   "{...}");
	/* a larger struct from a newer caller: the known fields */
	memset(raw, 0xff, sizeof(raw));
	memcpy(raw, &how, sizeof(how));
	EXPECT_STR(OUT(dec_open_how(fresh(), raw, sizeof(raw))),
		   "{flags=O_RDONLY, resolve=RESOLVE_IN_ROOT|0x80}");
}

int main(void)
{
	test_dynamic_loaders_open_so_files_read_only_close_on_exec();
	test_the_access_mode_comes_first();
	test_o_tmpfile_is_named_instead_of_o_directory();
	test_o_sync_is_named_instead_of_o_dsync();
	test_unknown_open_bits_are_hex();
#ifdef __x86_64__
	test_x86_64_numbers_read_as_strace_prints_them();
#endif
	test_modes_are_octal_with_a_leading_zero();
	test_a_file_type_is_named_with_the_special_bits();
	test_an_unknown_file_type_stays_in_the_octal();
	test_mode_is_shown_only_with_o_creat_or_o_tmpfile();
	test_at_fdcwd_is_named_and_other_fds_are_numbers();
	test_output_stays_within_a_small_builder();
	test_openat2_how_reads_as_strace_prints_it();
	return expect_summary("test_dec_file");
}
