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
#include <linux/openat2.h>
#include <string.h>

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
#define OPEN_FLAGS(_, p)                                                      \
	_(p, O_CREAT) _(p, O_EXCL) _(p, O_NOCTTY) _(p, O_TRUNC)               \
	_(p, O_APPEND) _(p, O_NONBLOCK) _(p, O_SYNC) _(p, O_DSYNC)            \
	_(p, O_DIRECT) _(p, O_LARGEFILE) _(p, O_NOFOLLOW) _(p, O_NOATIME)     \
	_(p, O_CLOEXEC) _(p, O_PATH) _(p, O_TMPFILE) _(p, O_DIRECTORY)        \
	_(p, FASYNC)
FLAGS_TABLE(open_flags, uint32_t, , OPEN_FLAGS);

/* From <asm-generic/fcntl.h>: the access mode, the O_ACCMODE field.
 * O_ACCMODE (3) is not a valid mode; strace names it so. */
#define OPEN_ACCMODE(_, p) _(p, RDONLY) _(p, WRONLY) _(p, RDWR) _(p, ACCMODE)
FLAGS_TABLE(open_accmode, uint8_t, O_, OPEN_ACCMODE);

/* From <linux/stat.h>: the file type field (S_IFMT). */
#define MODE_TYPES(_, p)                                                      \
	_(p, REG) _(p, SOCK) _(p, LNK) _(p, BLK) _(p, DIR) _(p, CHR) _(p, IFO)
FLAGS_TABLE(mode_types, uint16_t, S_IF, MODE_TYPES);

/* From <linux/stat.h>: the bits strace names next to a file type. */
#define MODE_SPECIAL(_, p) _(p, UID) _(p, GID) _(p, VTX)
FLAGS_TABLE(mode_special, uint16_t, S_IS, MODE_SPECIAL);

void dec_open_flags(struct sb *s, uint64_t flags)
{
	uint64_t rest = flags & ~(uint64_t)O_ACCMODE;

	flags_name(s, open_accmode, flags & O_ACCMODE); /* all 4 named */
	if (rest) {
		sb_char(s, '|');
		flags_print(s, rest, open_flags, NULL);
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
	size_t i;

	if (!(mode & S_IFMT) || !flags_name(s, mode_types, mode & S_IFMT)) {
		octal(s, mode);
		return;
	}
	sb_char(s, '|');
	mode &= ~(uint64_t)S_IFMT;
	for (i = 0; i < mode_special->n; i++) {
		uint64_t bit = flags_value(mode_special, i);

		if (mode & bit) {
			flags_name_at(s, mode_special, i);
			sb_char(s, '|');
			mode &= ~bit;
		}
	}
	octal(s, mode);
}

int dec_open_has_mode(uint64_t flags)
{
	return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE;
}

/* From <linux/openat2.h>. */
#define RESOLVE_FLAGS(_, p)                                                   \
	_(p, NO_XDEV) _(p, NO_MAGICLINKS) _(p, NO_SYMLINKS) _(p, BENEATH)     \
	_(p, IN_ROOT) _(p, CACHED)
FLAGS_TABLE(resolve_flags, uint8_t, RESOLVE_, RESOLVE_FLAGS);

void dec_open_how(struct sb *s, const unsigned char *buf, size_t len)
{
	struct open_how how;

	memset(&how, 0, sizeof(how));
	memcpy(&how, buf, len < sizeof(how) ? len : sizeof(how));
	if (len < 8) {
		sb_str(s, "{...}");
		return;
	}
	sb_str(s, "{flags=");
	dec_open_flags(s, how.flags);
	if (len >= 16 && (how.mode || dec_open_has_mode(how.flags))) {
		sb_str(s, ", mode=");
		dec_mode(s, how.mode);
	}
	if (len >= 24 && how.resolve) {
		sb_str(s, ", resolve=");
		flags_print(s, how.resolve, resolve_flags, NULL);
	}
	sb_str(s, len < sizeof(how) ? ", ...}" : "}");
}

void dec_dirfd(struct sb *s, int64_t fd)
{
	/* the argument is an int: only its low 32 bits count */
	if ((int32_t)fd == AT_FDCWD)
		sb_str(s, "AT_FDCWD");
	else
		sb_i64(s, (int32_t)fd);
}
