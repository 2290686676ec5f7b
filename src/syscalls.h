/* What the tracer knows about syscalls by name: the target's own table of
 * names and numbers (generated at build time from <asm/unistd.h>), the
 * default set, and the few facts the raw formatter needs that no format
 * file says (which calls return an address, which never return, which
 * strings must be read at entry). Pure lookups. */
#ifndef AITRACE_SYSCALLS_H
#define AITRACE_SYSCALLS_H

/* The default set, %ai (syscalls.c says why each is in it), in the order
 * of the class's list. Comma-separated. */
#define SYSCALLS_DEFAULT                                                       \
	"open,openat,openat2,read,write,close,mmap,munmap,mprotect,mlock,"    \
	"brk,futex,execve,execveat,clone,clone3,fork,vfork,exit_group,dup,"   \
	"dup2,dup3,unlink,unlinkat,rename,renameat,renameat2,mkdir,mkdirat,"  \
	"rmdir,fchmodat,chdir,fchdir,memfd_create,connect,bind,accept4,"       \
	"sendto,recvfrom,ioctl"

/* The number of name on this architecture, or -1 if it has no such call. */
int syscalls_nr(const char *name);
/* The name of number nr, or NULL. */
const char *syscalls_name(int nr);
/* How many syscalls the target has, and the i-th name (for listings). */
int syscalls_count(void);
const char *syscalls_name_at(int i);

enum syscall_ret {
	RET_INT,  /* a count or status: decimal */
	RET_ADDR, /* an address (mmap, brk): hex */
	RET_FD,   /* a new file descriptor: decimal, with its path */
};
enum syscall_ret syscalls_ret_kind(const char *name);

/* What a call does that the tracer follows (fd table, process tree,
 * rules), decided once per traced call rather than by name per event. */
enum syscall_role {
	ROLE_OTHER = 0,
	ROLE_OPEN,       /* open, openat, openat2, creat: a path made an fd */
	ROLE_DUP,        /* dup, dup2, dup3 */
	ROLE_CLOSE,
	ROLE_EXEC,       /* execve, execveat */
	ROLE_EXIT_GROUP,
	ROLE_FORK,       /* fork, vfork: always a new process */
	ROLE_CLONE,      /* a new process unless CLONE_THREAD in its flags */
	ROLE_CLONE3,     /* the same, flags in the captured clone_args */
	ROLE_CONNECT,
	ROLE_MEMFD,      /* memfd_create: an fd named after its argument */
};
enum syscall_role syscalls_role(const char *name);

/* How an argument is shown, beyond what its C type says. */
enum arg_dec {
	DEC_NUM = 0,     /* by the C type: signed decimal, size_t decimal,
			  * other longs hex */
	DEC_UDEC,        /* unsigned decimal (lengths in unsigned longs) */
	DEC_PTR,         /* an address: NULL or hex */
	DEC_FD,          /* a file descriptor, with its path */
	DEC_DIRFD,       /* AT_FDCWD or a directory fd, with its path */
	DEC_PATH,        /* a captured string */
	DEC_ARGV,        /* a captured vector of strings */
	DEC_SOCKADDR,    /* a captured socket address */
	DEC_CLONE_ARGS,  /* a captured struct clone_args */
	DEC_OPEN_FLAGS,
	DEC_OPEN_MODE,   /* shown only when the flags create a file */
	DEC_MODE,
	DEC_PROT,
	DEC_MMAP_FLAGS,
	DEC_FUTEX_OP,
	DEC_FUTEX_TIMEOUT, /* a timeout pointer, or val2 for some ops */
	DEC_FUTEX_VAL3,  /* a bitset for the bitset ops, else a number */
	DEC_CLONE_FLAGS,
	DEC_IOCTL_CMD,   /* named by the family of the fd's path */
	DEC_SIGNAL,
	DEC_OPEN_HOW,    /* a captured struct open_how (openat2) */
	/* bit sets, in the order of enum dec_flag_set (dec.h) */
	DEC_AT_FLAGS,
	DEC_RENAME_FLAGS,
	DEC_MFD_FLAGS,
	DEC_DUP3_FLAGS,
	DEC_SOCK_FLAGS,
	DEC_MSG_FLAGS,
	DEC_MLOCK_FLAGS,
	DEC_MCL_FLAGS,
};

/* The decoder for argument field_name of syscall name. */
enum arg_dec syscalls_arg_dec(const char *name, const char *field_name);

/* exit and exit_group: no sys_exit ever fires. */
int syscalls_never_returns(const char *name);
/* execve and execveat: their strings live in memory the call replaces, so
 * they are read at entry. */
int syscalls_strings_at_entry(const char *name);
/* Is the argument field_name of C type type (both from the format file) a
 * NUL-terminated path or name to read from user memory? */
int syscalls_is_string_arg(const char *field_name, const char *type);

/* The classes -e knows, for messages. */
#define SYSCALLS_CLASSES "%file %memory %process %net %ipc %ai"
/* The names of class name ("%file"), NULL-terminated, or NULL. %ai is the
 * default set. Names need not exist on this architecture. */
const char *const *syscalls_class(const char *name);

/* Most strings of an argv captured per call (the rest is "..."). */
#define SYSCALLS_ARGV_MAX 32

/* Is the argument an argv-like vector to capture (execve's argv; envp is
 * not read: environments carry secrets and are long)? */
int syscalls_is_vector_arg(const char *field_name, const char *type);

/* A buffer argument whose length is another argument: returns the name
 * of the length argument and sets *max to the most bytes worth reading,
 * or NULL if field_name is not one (socket addresses, clone_args). */
const char *syscalls_buffer_arg(const char *field_name, unsigned *max);

#endif
