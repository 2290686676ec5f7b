/* Syscall facts: see syscalls.h. */
#include <string.h>

#include "syscalls.h"

/* The generated table as two arrays: every name in one string, NUL after
 * each, and the numbers in the same order. Half the size of an array of
 * structs with pointers, which matters in a binary pasted onto routers. */
#define SYSCALL_NAME(n) #n "\0"
static const char names[] =
#include "syscall_names.h"
	;
#undef SYSCALL_NAME
#define SYSCALL_NAME(n) __NR_##n,
static const unsigned short numbers[] = {
#include "syscall_names.h"
};
#undef SYSCALL_NAME

#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))

const char *syscalls_name_at(int i)
{
	const char *p = names;

	if (i < 0 || i >= NELEM(numbers))
		return NULL;
	while (i--)
		p += strlen(p) + 1;
	return p;
}

int syscalls_nr(const char *name)
{
	const char *p = names;
	int i;

	for (i = 0; i < NELEM(numbers); i++, p += strlen(p) + 1)
		if (strcmp(p, name) == 0)
			return numbers[i];
	return -1;
}

const char *syscalls_name(int nr)
{
	int i;

	for (i = 0; i < NELEM(numbers); i++)
		if (numbers[i] == nr)
			return syscalls_name_at(i);
	return NULL;
}

int syscalls_count(void)
{
	return NELEM(numbers);
}

static int in_list(const char *name, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(*list, name) == 0)
			return 1;
	return 0;
}

enum syscall_ret syscalls_ret_kind(const char *name)
{
	static const char *const addr[] = { "mmap", "mmap2", "brk", "mremap",
					    "shmat", NULL };

	static const char *const fd[] = { "open", "openat", "openat2", "creat",
					  "dup", "dup2", "dup3", "socket",
					  "accept", "accept4", "memfd_create",
					  "epoll_create1", "eventfd2",
					  "pidfd_open", "perf_event_open",
					  NULL };

	if (in_list(name, addr))
		return RET_ADDR;
	return in_list(name, fd) ? RET_FD : RET_INT;
}

enum syscall_role syscalls_role(const char *name)
{
	static const struct {
		char name[13];
		unsigned char role;
	} roles[] = {
		{ "open", ROLE_OPEN },         { "openat", ROLE_OPEN },
		{ "openat2", ROLE_OPEN },      { "creat", ROLE_OPEN },
		{ "dup", ROLE_DUP },           { "dup2", ROLE_DUP },
		{ "dup3", ROLE_DUP },          { "close", ROLE_CLOSE },
		{ "execve", ROLE_EXEC },       { "execveat", ROLE_EXEC },
		{ "exit_group", ROLE_EXIT_GROUP }, { "fork", ROLE_FORK },
		{ "vfork", ROLE_FORK },        { "clone", ROLE_CLONE },
		{ "clone3", ROLE_CLONE3 },     { "connect", ROLE_CONNECT },
		{ "memfd_create", ROLE_MEMFD },
	};
	size_t i;

	for (i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
		if (strcmp(roles[i].name, name) == 0)
			return (enum syscall_role)roles[i].role;
	return ROLE_OTHER;
}

enum arg_dec syscalls_arg_dec(const char *name, const char *field)
{
	/* By the names of the kernel's SYSCALL_DEFINEs: (syscall, argument,
	 * decoder), the syscall empty for any syscall with such an
	 * argument. Stored as "syscall\0argument\0" strings and a byte per
	 * decoder, not as pointers: a third of the size. */
#define RULES(_)                                                      \
		_(, fd, DEC_FD)                                       \
		_(, oldfd, DEC_FD)                                    \
		_(, newfd, DEC_FD)                                    \
		_(, fildes, DEC_FD)                                   \
		_(, dfd, DEC_DIRFD)                                   \
		_(, olddfd, DEC_DIRFD)                                \
		_(, newdfd, DEC_DIRFD)                                \
		_(, filename, DEC_PATH)                               \
		_(, pathname, DEC_PATH)                               \
		_(, oldname, DEC_PATH)                                \
		_(, newname, DEC_PATH)                                \
		_(, argv, DEC_ARGV)                                   \
		_(, envp, DEC_PTR)                                    \
		_(, uservaddr, DEC_SOCKADDR)                          \
		_(, umyaddr, DEC_SOCKADDR)                            \
		_(, addr, DEC_SOCKADDR) /* sendto; mmap's is below */ \
		_(, uargs, DEC_CLONE_ARGS)                            \
		_(, buf, DEC_PTR)                                     \
		_(open, flags, DEC_OPEN_FLAGS)                        \
		_(openat, flags, DEC_OPEN_FLAGS)                      \
		_(open, mode, DEC_OPEN_MODE)                          \
		_(openat, mode, DEC_OPEN_MODE)                        \
		_(creat, mode, DEC_MODE)                              \
		_(mkdir, mode, DEC_MODE)                              \
		_(mkdirat, mode, DEC_MODE)                            \
		_(fchmodat, mode, DEC_MODE)                           \
		_(chmod, mode, DEC_MODE)                              \
		_(fchmod, mode, DEC_MODE)                             \
		_(mmap, addr, DEC_PTR)                                \
		_(mmap, len, DEC_UDEC)                                \
		_(mmap, prot, DEC_PROT)                               \
		_(mmap, flags, DEC_MMAP_FLAGS)                        \
		_(mprotect, start, DEC_PTR)                           \
		_(mprotect, prot, DEC_PROT)                           \
		_(munmap, addr, DEC_PTR)                              \
		_(brk, brk, DEC_PTR)                                  \
		_(futex, uaddr, DEC_PTR)                              \
		_(futex, op, DEC_FUTEX_OP)                            \
		_(futex, utime, DEC_FUTEX_TIMEOUT)                    \
		_(futex, uaddr2, DEC_PTR)                             \
		_(futex, val3, DEC_FUTEX_VAL3)                        \
		_(clone, clone_flags, DEC_CLONE_FLAGS)                \
		_(clone, newsp, DEC_PTR)                              \
		_(clone, parent_tidptr, DEC_PTR)                      \
		_(clone, child_tidptr, DEC_PTR)                       \
		_(ioctl, cmd, DEC_IOCTL_CMD)                          \
		_(openat2, how, DEC_OPEN_HOW)                         \
		_(unlinkat, flag, DEC_AT_FLAGS)                       \
		_(execveat, flags, DEC_AT_FLAGS)                      \
		_(renameat2, flags, DEC_RENAME_FLAGS)                 \
		_(memfd_create, flags, DEC_MFD_FLAGS)                 \
		_(dup3, flags, DEC_DUP3_FLAGS)                        \
		_(accept4, flags, DEC_SOCK_FLAGS)                     \
		_(accept4, upeer_sockaddr, DEC_PTR)                   \
		_(accept4, upeer_addrlen, DEC_PTR)                    \
		_(sendto, flags, DEC_MSG_FLAGS)                       \
		_(recvfrom, flags, DEC_MSG_FLAGS)                     \
		_(recvfrom, addr_len, DEC_PTR)                        \
		_(mlock, start, DEC_PTR)                              \
		_(mlock2, start, DEC_PTR)                             \
		_(mlock2, flags, DEC_MLOCK_FLAGS)                     \
		_(mlockall, flags, DEC_MCL_FLAGS)                     \
		_(kill, sig, DEC_SIGNAL)                              \
		_(tkill, sig, DEC_SIGNAL)                             \
		_(tgkill, sig, DEC_SIGNAL)
#define RULE_NAMES_(sys, arg, dec) #sys "\0" #arg "\0"
#define RULE_DECS_(sys, arg, dec) dec,
	static const char rule_names[] = RULES(RULE_NAMES_);
	static const unsigned char decs[] = { RULES(RULE_DECS_) };
	const char *sys = rule_names, *arg;
	size_t i;

	for (i = 0; i < sizeof(decs); i++, sys = arg + strlen(arg) + 1) {
		arg = sys + strlen(sys) + 1;
		if ((!*sys || strcmp(sys, name) == 0) &&
		    strcmp(arg, field) == 0) {
			/* mmap's addr is the address to map at, not a sockaddr */
			if (decs[i] == DEC_SOCKADDR && !*sys &&
			    strcmp(name, "sendto") != 0 &&
			    strcmp(field, "addr") == 0)
				continue;
			return (enum arg_dec)decs[i];
		}
	}
	return DEC_NUM;
}

int syscalls_never_returns(const char *name)
{
	static const char *const list[] = { "exit", "exit_group", NULL };

	return in_list(name, list);
}

int syscalls_strings_at_entry(const char *name)
{
	static const char *const list[] = { "execve", "execveat", NULL };

	return in_list(name, list);
}

int syscalls_is_string_arg(const char *field_name, const char *type)
{
	/* The names the kernel's SYSCALL_DEFINEs give to path and name
	 * arguments. A char * called buf is data, not a string; a
	 * "const char *const *" (argv) is an array. */
	static const char *const list[] = {
		"filename", "pathname", "path",     "oldname",  "newname",
		"oldpath",  "newpath",  "specialfile", "library", "uname",
		"dev_name", "dir_name", NULL
	};
	const char *star = strchr(type, '*'), *c;

	for (c = type; *c && strncmp(c, "char", 4) != 0; c++)
		;
	if (!*c || !star || strchr(star + 1, '*'))
		return 0;
	return in_list(field_name, list);
}

int syscalls_is_vector_arg(const char *field_name, const char *type)
{
	const char *star = strchr(type, '*');

	return strcmp(field_name, "argv") == 0 && star && strchr(star + 1, '*');
}

const char *syscalls_buffer_arg(const char *field_name, unsigned *max)
{
	/* The pointer and length names of the kernel's SYSCALL_DEFINEs:
	 * connect and bind, sendto, clone3, openat2. 128 bytes is
	 * sizeof(struct sockaddr_storage), the most any family uses; 96
	 * covers struct clone_args (88 bytes since 5.7) and shows whether
	 * a newer caller passed more; struct open_how is 24 bytes since
	 * 5.6, its first size (OPEN_HOW_SIZE_VER0). */
	static const struct {
		const char *ptr, *len;
		unsigned max;
	} bufs[] = {
		{ "uservaddr", "addrlen", 128 },
		{ "umyaddr", "addrlen", 128 },
		{ "addr", "addr_len", 128 },
		{ "uargs", "size", 96 },
		{ "how", "usize", 24 },
	};
	size_t i;

	for (i = 0; i < sizeof(bufs) / sizeof(bufs[0]); i++)
		if (strcmp(field_name, bufs[i].ptr) == 0) {
			*max = bufs[i].max;
			return bufs[i].len;
		}
	return NULL;
}

/* The classes of -e, in strace's spirit. A class names calls of every
 * architecture; those this one lacks (open, fork on arm64) are left out
 * silently, where a name given alone is an error. */
static const char *const class_file[] = {
	"open", "openat", "openat2", "creat", "close", "close_range", "read",
	"write", "pread64", "pwrite64", "readv", "writev", "dup", "dup2",
	"dup3", "unlink", "unlinkat", "rename", "renameat", "renameat2",
	"mkdir", "mkdirat", "rmdir", "chmod", "fchmod", "fchmodat",
	"truncate", "ftruncate", "memfd_create", "symlink", "symlinkat",
	"link", "linkat", "chdir", "fchdir", NULL
};
static const char *const class_memory[] = {
	"mmap", "munmap", "mprotect", "mremap", "brk", "madvise", "mlock",
	"mlock2", "munlock", "mlockall", "msync", NULL
};
static const char *const class_process[] = {
	"execve", "execveat", "clone", "clone3", "fork", "vfork", "exit",
	"exit_group", "wait4", "waitid", "kill", "tkill", "tgkill",
	"ptrace", "prctl", NULL
};
static const char *const class_net[] = {
	"socket", "socketpair", "connect", "bind", "listen", "accept",
	"accept4", "sendto", "recvfrom", "sendmsg", "recvmsg", "sendmmsg",
	"recvmmsg", "shutdown", NULL
};
static const char *const class_ipc[] = {
	"futex", "pipe", "pipe2", "eventfd2", "shmget", "shmat", "shmdt",
	"shmctl", "msgget", "msgsnd", "msgrcv", "semget", "semop",
	"semtimedop", "mq_open", NULL
};
/* The default set: the seed's calls (what a model does: open, read,
 * write, close, mmap, munmap, brk, futex), what a process tree does
 * (execve, clone, fork, exit_group), what a GPU user does (ioctl), what
 * changes files (unlink, rename, mkdir, rmdir, fchmodat, dup2 for a
 * shell's redirections, memfd_create for fileless code), where relative
 * paths start (chdir, fchdir), JIT and W^X changes
 * (mprotect), pinned memory (mlock), and the network (connect, bind,
 * accept4, sendto, recvfrom). Not here, being frequent and telling
 * little alone: stat, lseek, poll, getrandom, sendmsg/recvmsg. */
static const char *const class_ai[] = {
	"open", "openat", "openat2", "read", "write", "close", "mmap",
	"munmap", "mprotect", "mlock", "brk", "futex", "execve", "execveat",
	"clone", "clone3", "fork", "vfork", "exit_group", "dup", "dup2",
	"dup3", "unlink", "unlinkat", "rename", "renameat", "renameat2",
	"mkdir", "mkdirat", "rmdir", "fchmodat", "chdir", "fchdir",
	"memfd_create", "connect", "bind", "accept4", "sendto", "recvfrom",
	"ioctl", NULL
};

const char *const *syscalls_class(const char *name)
{
	static const struct {
		const char *name;
		const char *const *list;
	} classes[] = {
		{ "%file", class_file },       { "%memory", class_memory },
		{ "%process", class_process }, { "%net", class_net },
		{ "%ipc", class_ipc },         { "%ai", class_ai },
	};
	size_t i;

	for (i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
		if (strcmp(classes[i].name, name) == 0)
			return classes[i].list;
	return NULL;
}
