/* Argument decoders: raw syscall arguments and the bytes read from the
 * traced process, turned into the text strace would print for them.
 *
 * One file per syscall family (dec_file.c, dec_mem.c, dec_futex.c,
 * dec_process.c, dec_ioctl.c, dec_net.c); every flag table in them is
 * built from the target's UAPI headers at compile time and names the
 * header it came from. Everything appends to a struct sb and stays
 * within its bound; every byte that came from a traced process goes
 * through escape() (ESCAPE_C). Pure logic: no syscalls, no globals
 * that change, no printf.
 */
#ifndef AITRACE_DEC_H
#define AITRACE_DEC_H

#include <stddef.h>
#include <stdint.h>

#include "flags.h" /* struct flags, flags_print() */
#include "sb.h"

/* ---- dec_file.c: open, openat, mknod, *at ------------------------------ */

/* open(2) flags: the access mode first (O_RDONLY, O_WRONLY, O_RDWR, or
 * O_ACCMODE for 3, as strace has it), then the other flags, then unknown
 * bits in hex: "O_RDONLY|O_CLOEXEC", "O_WRONLY|O_CREAT|O_TRUNC",
 * "O_RDWR|O_EXCL|O_TMPFILE" (O_TMPFILE includes the O_DIRECTORY bit and
 * is shown alone), "O_RDWR|O_SYNC|0x80000000". */
void dec_open_flags(struct sb *s, uint64_t flags);

/* A file mode. Without file type bits, octal with a leading 0 and at
 * least three digits: "0644", "000", "04755". With a known type:
 * "S_IFREG|0644", "S_IFCHR|S_ISUID|0755" (set-id and sticky bits named,
 * as strace's mknod does); an unknown type is left in the octal. */
void dec_mode(struct sb *s, uint64_t mode);

/* 1 if open(2) reads its mode argument for these flags (O_CREAT or
 * O_TMPFILE), so strace shows the mode only then. */
int dec_open_has_mode(uint64_t flags);

/* openat2's struct open_how (<linux/openat2.h>) as read from the
 * process, len bytes: "{flags=O_RDONLY|O_CLOEXEC, resolve=RESOLVE_BENEATH}"
 * as strace prints it, the mode only when the flags create a file or it
 * is not 0, resolve only when not 0; fields past len are left out and
 * the braces end in ", ..."; bytes past the struct are not shown. */
void dec_open_how(struct sb *s, const unsigned char *buf, size_t len);

/* ---- dec_flags.c: small flag sets -------------------------------------- */

enum dec_flag_set {
	FLAGSET_AT,     /* AT_REMOVEDIR, AT_EMPTY_PATH... (unlinkat, execveat) */
	FLAGSET_RENAME, /* RENAME_NOREPLACE... (renameat2) */
	FLAGSET_MFD,    /* MFD_CLOEXEC... (memfd_create) */
	FLAGSET_DUP3,   /* O_CLOEXEC (dup3) */
	FLAGSET_SOCK,   /* SOCK_CLOEXEC|SOCK_NONBLOCK (accept4) */
	FLAGSET_MSG,    /* MSG_NOSIGNAL... (sendto, recvfrom) */
	FLAGSET_MLOCK,  /* MLOCK_ONFAULT (mlock2) */
	FLAGSET_MCL,    /* MCL_CURRENT|MCL_FUTURE (mlockall) */
};

/* v as a bit set of those names, unknown bits in hex, 0 as "0". */
void dec_flag_set(struct sb *s, enum dec_flag_set set, uint64_t v);

/* A directory fd argument of the *at calls: "AT_FDCWD" for AT_FDCWD,
 * else the number (the caller appends the path). */
void dec_dirfd(struct sb *s, int64_t fd);

/* ---- dec_mem.c: mmap, mprotect ----------------------------------------- */

/* "PROT_READ|PROT_WRITE"; 0 is "PROT_NONE". */
void dec_mmap_prot(struct sb *s, uint64_t prot);

/* The mapping type first (MAP_SHARED, MAP_PRIVATE, MAP_SHARED_VALIDATE),
 * then the flags, then, with MAP_HUGETLB, the page size from the
 * MAP_HUGE_* bits ("MAP_HUGE_2MB", or "N<<MAP_HUGE_SHIFT" for a size
 * with no name): "MAP_PRIVATE|MAP_ANONYMOUS",
 * "MAP_PRIVATE|MAP_ANONYMOUS|MAP_HUGETLB|MAP_HUGE_2MB". 0 is "0". */
void dec_mmap_flags(struct sb *s, uint64_t flags);

/* ---- dec_futex.c ------------------------------------------------------- */

/* "FUTEX_WAIT", "FUTEX_WAKE_PRIVATE",
 * "FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME"; an op whose command
 * is unknown is shown whole in hex ("0x63"), as strace does. */
void dec_futex_op(struct sb *s, uint64_t op);

/* Which of futex's six arguments the operation uses, bit i for argument
 * i (strace shows only those: FUTEX_WAIT_BITSET skips uaddr2, LOCK_PI
 * val); whether its fourth is a number (val2) rather than a timeout
 * pointer; its val3 ("FUTEX_BITSET_MATCH_ANY" for the bitset ops). */
unsigned dec_futex_shown(uint64_t op);
int dec_futex_timeout_is_val2(uint64_t op);
void dec_futex_val3(struct sb *s, uint64_t op, uint64_t val3);

/* ---- dec_process.c: clone, clone3, kill, execve ------------------------ */

/* clone(2) flags: the CLONE_* bits, then the exit signal in the low byte
 * (CSIGNAL), by name: "CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD".
 * Only a signal: "SIGCHLD"; nothing: "0". */
void dec_clone_flags(struct sb *s, uint64_t flags);

/* A signal number: "SIGCHLD"; real-time signals as strace names them
 * ("SIGRTMIN" for the kernel's first, then "SIGRT_1", "SIGRT_2", ...);
 * anything else as a decimal number ("0", "65", "-1"). */
void dec_signal(struct sb *s, int sig);

/* struct clone_args (<linux/sched.h>) as read from the process; len is
 * how many bytes were read, shorter or longer than the struct. strace's
 * layout: "{flags=CLONE_VM|..., child_tid=0x..., parent_tid=0x...,
 * exit_signal=SIGCHLD, stack=0x..., stack_size=0x..., tls=0x...}";
 * pidfd, child_tid, parent_tid and tls appear only when the flag that
 * makes the kernel use them is set, set_tid/set_tid_size when non-zero,
 * cgroup with CLONE_INTO_CGROUP or when non-zero. Only fields that lie
 * wholly within len are shown; a struct cut before its first published
 * size (CLONE_ARGS_SIZE_VER0) ends in ", ...". Bytes past the struct
 * that are not zero follow as strace prints them: a comment naming the
 * byte range ("bytes 88..95") and the bytes as a "\x01\x00..." string. */
void dec_clone3_args(struct sb *s, const unsigned char *buf, size_t len);

/* An argv or envp array as captured by the kernel side: blob holds count
 * NUL-terminated strings back to back (the last may lack its NUL if the
 * capture was cut). Printed as ["a", "b"]; a string longer than str_max
 * bytes, or one without its NUL, is shown cut with "..." after its
 * closing quote; when more != 0, or fewer than count strings are in the
 * blob, the list ends in ", ..." (just "[...]" when it is empty). */
void dec_argv(struct sb *s, const unsigned char *blob, size_t len,
	      unsigned count, int more, unsigned str_max);

/* ---- dec_ioctl.c -------------------------------------------------------- */

/* Which driver's ioctl numbers apply: the caller picks it from the path
 * of the fd (see dec_ioctl_family()). The type letters of driver ioctls
 * are reused by other drivers ('F' is also fbdev, 'K' the console
 * keyboard), so a driver's names are used only for its own family. */
enum dec_ioctl_family {
	IOCTL_ANY,        /* unknown fd: generic, tty and DRM core names */
	IOCTL_TTY,        /* /dev/tty*, /dev/pts/N, /dev/ptmx, /dev/console */
	IOCTL_DRM,        /* /dev/dri/card*, /dev/dri/renderD* */
	IOCTL_KFD,        /* /dev/kfd (AMD ROCm compute) */
	IOCTL_NVIDIA,     /* /dev/nvidiactl, /dev/nvidia[0-9]* */
	IOCTL_NVIDIA_UVM, /* /dev/nvidia-uvm, /dev/nvidia-uvm-tools */
};

/* The family for an fd's path; IOCTL_ANY for NULL or an unknown path. */
enum dec_ioctl_family dec_ioctl_family(const char *path);

/* An ioctl request by name where the family knows it ("TCGETS",
 * "DRM_IOCTL_VERSION", "AMDKFD_IOC_GET_VERSION", "NV_ESC_RM_CONTROL",
 * "UVM_INITIALIZE"); else strace's generic form
 * "_IOC(_IOC_READ|_IOC_WRITE, 0x46, 0x2a, 0x20)", or, for an unknown
 * NVIDIA escape, "NV_IOCTL(_IOC_READ|_IOC_WRITE, nr=0x2a, size=0x20)".
 * Names are matched on direction, type and number; the size field is
 * not compared where the struct's size differs between architectures. */
void dec_ioctl_cmd(struct sb *s, uint32_t cmd, enum dec_ioctl_family fam);

/* ---- dec_net.c: socket addresses ---------------------------------------- */

/* A socket address of len bytes as strace prints it:
 *   {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("127.0.0.1")}
 *   {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0),
 *    inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}
 *   {sa_family=AF_UNIX, sun_path="/run/x"}, sun_path=@"abstract",
 *   {sa_family=AF_UNIX} (unnamed)
 *   {sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}
 *   {sa_family=AF_PACKET, sa_data="\x00..."} (other families)
 * An unknown family is its number in hex followed by strace's AF_???
 * comment. An address too short for its family's struct is shown as
 * sa_data, as strace does; shorter than sa_family: "{...}". Path and
 * data bytes go through escape(ESCAPE_C). Never reads past len. The
 * scope id is a number (strace asks if_indextoname; this is pure). */
void dec_sockaddr(struct sb *s, const unsigned char *buf, size_t len);

/* The same address as fields, for the JSON writer. */
struct dec_sockaddr_info {
	int family;            /* -1 if len < sizeof(sa_family) */
	char family_name[16];  /* "AF_INET", or "" if unknown */
	char addr[64];         /* AF_INET(6): "127.0.0.1", "::1"; else "" */
	int port;              /* AF_INET(6), host order; else -1 */
	/* AF_UNIX: */
	const unsigned char *path; /* into buf, NULL if unnamed; not
				    * NUL-terminated: escape it */
	size_t path_len;
	int abstract;          /* path is abstract (its leading NUL is not
				* in path/path_len) */
};

/* Fill *out from buf. Returns 0 if the family's struct was complete (or
 * the family has no decoder here), -1 if len does not cover sa_family or
 * the family's fixed fields (out->family is still set when known). */
int dec_sockaddr_parse(const unsigned char *buf, size_t len,
		       struct dec_sockaddr_info *out);

#endif
