/* Unit tests for dec_flags.c: each small flag set, with its names from
 * the UAPI macros where the headers have them (so the rows hold on every
 * architecture) and the raw numbers strace prints for them otherwise. */
#include <linux/fcntl.h>
#include <linux/memfd.h>
#include <linux/mman.h>

#include "dec.h"
#include "expect.h"

static char buf[512];
static struct sb sb;

static struct sb *fresh(void)
{
	sb_init(&sb, buf, sizeof(buf));
	return &sb;
}

#define OUT(set, v) (dec_flag_set(fresh(), set, v), buf)

static void test_unlinkat_and_execveat_flags(void)
{
	/* rm -r: unlinkat(AT_FDCWD, "d", AT_REMOVEDIR) */
	EXPECT_STR(OUT(FLAGSET_AT, AT_REMOVEDIR), "AT_REMOVEDIR");
	EXPECT_STR(OUT(FLAGSET_AT, 0), "0");
	/* fexecve of a memfd: execveat(fd, "", argv, envp, AT_EMPTY_PATH) */
	EXPECT_STR(OUT(FLAGSET_AT, AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW),
		   "AT_SYMLINK_NOFOLLOW|AT_EMPTY_PATH");
	EXPECT_STR(OUT(FLAGSET_AT, AT_EMPTY_PATH | 0x1), "AT_EMPTY_PATH|0x1");
}

static void test_renameat2_flags(void)
{
	/* values of <linux/fs.h> */
	EXPECT_STR(OUT(FLAGSET_RENAME, 1), "RENAME_NOREPLACE");
	EXPECT_STR(OUT(FLAGSET_RENAME, 2 | 4), "RENAME_EXCHANGE|RENAME_WHITEOUT");
	EXPECT_STR(OUT(FLAGSET_RENAME, 8), "0x8");
}

static void test_memfd_create_flags(void)
{
	EXPECT_STR(OUT(FLAGSET_MFD, MFD_CLOEXEC | MFD_ALLOW_SEALING),
		   "MFD_CLOEXEC|MFD_ALLOW_SEALING");
	/* 6.3's NOEXEC_SEAL and EXEC, named with older headers too */
	EXPECT_STR(OUT(FLAGSET_MFD, 0x8 | 0x10), "MFD_NOEXEC_SEAL|MFD_EXEC");
}

static void test_dup3_accept4_flags(void)
{
	EXPECT_STR(OUT(FLAGSET_DUP3, O_CLOEXEC), "O_CLOEXEC");
	EXPECT_STR(OUT(FLAGSET_DUP3, 0), "0");
	EXPECT_STR(OUT(FLAGSET_SOCK, O_CLOEXEC | O_NONBLOCK),
		   "SOCK_CLOEXEC|SOCK_NONBLOCK");
}

static void test_send_and_recv_flags(void)
{
	/* what curl and python's ssl pass: MSG_NOSIGNAL 0x4000 */
	EXPECT_STR(OUT(FLAGSET_MSG, 0x4000), "MSG_NOSIGNAL");
	EXPECT_STR(OUT(FLAGSET_MSG, 0x40 | 0x2), "MSG_PEEK|MSG_DONTWAIT");
	EXPECT_STR(OUT(FLAGSET_MSG, 0x80000000u), "0x80000000");
}

static void test_mlock_flags(void)
{
	EXPECT_STR(OUT(FLAGSET_MLOCK, MLOCK_ONFAULT), "MLOCK_ONFAULT");
	EXPECT_STR(OUT(FLAGSET_MCL, MCL_CURRENT | MCL_FUTURE),
		   "MCL_CURRENT|MCL_FUTURE");
}

int main(void)
{
	test_unlinkat_and_execveat_flags();
	test_renameat2_flags();
	test_memfd_create_flags();
	test_dup3_accept4_flags();
	test_send_and_recv_flags();
	test_mlock_flags();
	return expect_summary("test_dec_flags");
}
