/* Small flag sets of the calls that name files, memory and sockets: the
 * AT_* flags of unlinkat and execveat, renameat2, memfd_create, dup3,
 * accept4, sendto/recvfrom, mlock2 and mlockall. Each is a bit set
 * printed as strace does ("AT_REMOVEDIR", "MFD_CLOEXEC|MFD_ALLOW_SEALING",
 * unknown bits in hex, 0 as "0"). Values from the target's UAPI headers
 * where they have them; the rest transcribed, with the header named. */
#include <linux/fcntl.h> /* includes <asm/fcntl.h> */
#include <linux/memfd.h>
#include <linux/mman.h>  /* includes <asm/mman.h> */

#include "dec.h"

/* <linux/fcntl.h> */
#define AT_FLAGS(_, p)                                                        \
	_(p, SYMLINK_NOFOLLOW) _(p, REMOVEDIR) _(p, SYMLINK_FOLLOW)           \
	_(p, NO_AUTOMOUNT) _(p, EMPTY_PATH)
FLAGS_TABLE(at_flags, uint16_t, AT_, AT_FLAGS);

/* <linux/fs.h>, not included: it drags in much that musl redefines */
#define RENAME_FLAGS(_) _(NOREPLACE, 1) _(EXCHANGE, 2) _(WHITEOUT, 4)
FLAGS_TABLE_OF(rename_flags, uint8_t, RENAME_, RENAME_FLAGS);

/* <linux/memfd.h>; the last two since 6.3, so not in older headers */
#ifndef MFD_NOEXEC_SEAL
#define MFD_NOEXEC_SEAL 0x0008U
#endif
#ifndef MFD_EXEC
#define MFD_EXEC 0x0010U
#endif
#define MFD_FLAGS(_, p)                                                       \
	_(p, CLOEXEC) _(p, ALLOW_SEALING) _(p, HUGETLB) _(p, NOEXEC_SEAL)     \
	_(p, EXEC)
FLAGS_TABLE(mfd_flags, uint8_t, MFD_, MFD_FLAGS);

/* <asm/fcntl.h>: dup3 takes O_CLOEXEC alone */
#define DUP3_FLAGS(_, p) _(p, CLOEXEC)
FLAGS_TABLE(dup3_flags, uint32_t, O_, DUP3_FLAGS);

/* The kernel's include/linux/net.h: SOCK_CLOEXEC and SOCK_NONBLOCK are
 * O_CLOEXEC and O_NONBLOCK of <asm/fcntl.h> */
#define SOCK_FLAGS(_) _(CLOEXEC, O_CLOEXEC) _(NONBLOCK, O_NONBLOCK)
FLAGS_TABLE_OF(sock_flags, uint32_t, SOCK_, SOCK_FLAGS);

/* The kernel's include/linux/socket.h (not UAPI; the same on every
 * architecture) */
#define MSG_FLAGS(_)                                                          \
	_(OOB, 1) _(PEEK, 2) _(DONTROUTE, 4) _(CTRUNC, 8) _(PROXY, 0x10)      \
	_(TRUNC, 0x20) _(DONTWAIT, 0x40) _(EOR, 0x80) _(WAITALL, 0x100)       \
	_(FIN, 0x200) _(SYN, 0x400) _(CONFIRM, 0x800) _(RST, 0x1000)          \
	_(ERRQUEUE, 0x2000) _(NOSIGNAL, 0x4000) _(MORE, 0x8000)               \
	_(WAITFORONE, 0x10000) _(BATCH, 0x40000) _(ZEROCOPY, 0x4000000)       \
	_(FASTOPEN, 0x20000000) _(CMSG_CLOEXEC, 0x40000000)
FLAGS_TABLE_OF(msg_flags, uint32_t, MSG_, MSG_FLAGS);

/* <asm-generic/mman-common.h> (via <asm/mman.h>) */
#define MLOCK_FLAGS(_, p) _(p, ONFAULT)
FLAGS_TABLE(mlock_flags, uint8_t, MLOCK_, MLOCK_FLAGS);

/* <asm-generic/mman.h> (via <asm/mman.h>); MCL_ONFAULT since 4.4 */
#ifdef MCL_ONFAULT
#define MCL_ONFAULT_(_, p) _(p, ONFAULT)
#else
#define MCL_ONFAULT_(_, p)
#endif
#define MCL_FLAGS(_, p) _(p, CURRENT) _(p, FUTURE) MCL_ONFAULT_(_, p)
FLAGS_TABLE(mcl_flags, uint8_t, MCL_, MCL_FLAGS);

void dec_flag_set(struct sb *s, enum dec_flag_set set, uint64_t v)
{
#define T(tab) &tab##_table.head
	static const struct flags *const sets[] = {
		[FLAGSET_AT] = T(at_flags),       [FLAGSET_RENAME] = T(rename_flags),
		[FLAGSET_MFD] = T(mfd_flags),     [FLAGSET_DUP3] = T(dup3_flags),
		[FLAGSET_SOCK] = T(sock_flags),   [FLAGSET_MSG] = T(msg_flags),
		[FLAGSET_MLOCK] = T(mlock_flags), [FLAGSET_MCL] = T(mcl_flags),
	};
#undef T

	(void)at_flags, (void)rename_flags, (void)mfd_flags, (void)dup3_flags;
	(void)sock_flags, (void)msg_flags, (void)mlock_flags, (void)mcl_flags;
	flags_print(s, v, sets[set], NULL);
}
