/* File syscalls: open flags, file modes, directory fds.
 *
 * The values come from the kernel's UAPI headers for the target, never
 * from libc: O_DIRECTORY is 0200000 on x86_64 but 040000 on arm64, and
 * musl's <fcntl.h> would redefine every O_* on top of them.
 *
 * <linux/stat.h> defines S_IF* only when __GLIBC__ is not yet defined
 * (glibc has its own), so it is included first, before sb.h pulls in
 * any libc header; the #error below catches a reordering.
 */
#include <linux/stat.h>
#include <linux/fcntl.h> /* includes <asm/fcntl.h> */

#include "dec.h"

#ifndef S_IFMT
#error "<linux/stat.h> did not define S_IFMT: include it before libc headers"
#endif

/* Transcribed from <asm-generic/fcntl.h> (via <asm/fcntl.h>), in
 * strace's order. O_TMPFILE is __O_TMPFILE|O_DIRECTORY and comes before
 * O_DIRECTORY so that it takes that bit; O_SYNC is __O_SYNC|O_DSYNC and
 * comes before O_DSYNC. O_NDELAY (== O_NONBLOCK) is left out. O_LARGEFILE
 * is 0 in some userspace views but the UAPI value is what the kernel
 * sees. */
static const struct flag open_flags[] = {
	FLAG(O_CREAT),
	FLAG(O_EXCL),
	FLAG(O_NOCTTY),
	FLAG(O_TRUNC),
	FLAG(O_APPEND),
	FLAG(O_NONBLOCK),
	FLAG(O_SYNC),
	FLAG(O_DSYNC),
	FLAG(O_DIRECT),
	FLAG(O_LARGEFILE),
	FLAG(O_NOFOLLOW),
	FLAG(O_NOATIME),
	FLAG(O_CLOEXEC),
	FLAG(O_PATH),
	FLAG(O_TMPFILE),
	FLAG(O_DIRECTORY),
	FLAG(FASYNC),
};

/* From <asm-generic/fcntl.h>: the access mode, the O_ACCMODE field. */
static const struct flag open_accmode[] = {
	FLAG(O_RDONLY),
	FLAG(O_WRONLY),
	FLAG(O_RDWR),
	FLAG(O_ACCMODE), /* 3: not a valid mode; strace names it so */
};

/* From <linux/stat.h>: the file type field (S_IFMT). */
static const struct flag mode_types[] = {
	FLAG(S_IFREG),
	FLAG(S_IFSOCK),
	FLAG(S_IFLNK),
	FLAG(S_IFBLK),
	FLAG(S_IFDIR),
	FLAG(S_IFCHR),
	FLAG(S_IFIFO),
};

/* From <linux/stat.h>: the bits strace names next to a file type. */
static const struct flag mode_special[] = {
	FLAG(S_ISUID),
	FLAG(S_ISGID),
	FLAG(S_ISVTX),
};

void dec_open_flags(struct sb *s, uint64_t flags)
{
	uint64_t rest = flags & ~(uint64_t)O_ACCMODE;

	sb_str(s, flags_lookup(flags & O_ACCMODE, open_accmode,
			       FLAGS_N(open_accmode)));
	if (rest) {
		sb_char(s, '|');
		flags_print(s, rest, open_flags, FLAGS_N(open_flags), NULL);
	}
}

/* v in octal with a leading 0 and at least three digits, as strace's
 * "%#03o": 0 -> "000", 0644 -> "0644". */
static void octal(struct sb *s, uint64_t v)
{
	char tmp[24];
	int i = 24;

	if (v) {
		while (v) {
			tmp[--i] = (char)('0' + (v & 7));
			v >>= 3;
		}
		tmp[--i] = '0';
	}
	while (i > 24 - 3)
		tmp[--i] = '0';
	sb_mem(s, tmp + i, (size_t)(24 - i));
}

void dec_mode(struct sb *s, uint64_t mode)
{
	const char *type = flags_lookup(mode & S_IFMT, mode_types,
					FLAGS_N(mode_types));
	size_t i;

	if (!(mode & S_IFMT) || !type) {
		octal(s, mode);
		return;
	}
	sb_str(s, type);
	sb_char(s, '|');
	mode &= ~(uint64_t)S_IFMT;
	for (i = 0; i < FLAGS_N(mode_special); i++) {
		if (mode & mode_special[i].value) {
			sb_str(s, mode_special[i].name);
			sb_char(s, '|');
			mode &= ~mode_special[i].value;
		}
	}
	octal(s, mode);
}

int dec_open_has_mode(uint64_t flags)
{
	return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE;
}

void dec_dirfd(struct sb *s, int64_t fd)
{
	/* the argument is an int: only its low 32 bits count */
	if ((int32_t)fd == AT_FDCWD)
		sb_str(s, "AT_FDCWD");
	else
		sb_i64(s, (int32_t)fd);
}
