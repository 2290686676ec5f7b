/* What the tracer knows about syscalls by name: the target's own table of
 * names and numbers (generated at build time from <asm/unistd.h>), the
 * default set, and the few facts the raw formatter needs that no format
 * file says (which calls return an address, which never return, which
 * strings must be read at entry). Pure lookups. */
#ifndef AITRACE_SYSCALLS_H
#define AITRACE_SYSCALLS_H

/* The default set: what AI workloads were observed to use, plus process
 * creation, exec, network egress and device control. Comma-separated. */
#define SYSCALLS_DEFAULT                                                       \
	"open,openat,read,write,close,mmap,munmap,brk,futex,execve,clone,"    \
	"clone3,fork,vfork,exit_group,connect,ioctl"

/* The number of name on this architecture, or -1 if it has no such call. */
int syscalls_nr(const char *name);
/* The name of number nr, or NULL. */
const char *syscalls_name(int nr);
/* How many syscalls the target has, and the i-th name (for listings). */
int syscalls_count(void);
const char *syscalls_name_at(int i);

enum syscall_ret {
	RET_INT,  /* a count, fd or status: decimal */
	RET_ADDR, /* an address (mmap, brk): hex */
};
enum syscall_ret syscalls_ret_kind(const char *name);

/* exit and exit_group: no sys_exit ever fires. */
int syscalls_never_returns(const char *name);
/* execve and execveat: their strings live in memory the call replaces, so
 * they are read at entry. */
int syscalls_strings_at_entry(const char *name);
/* Is the argument field_name of C type type (both from the format file) a
 * NUL-terminated path or name to read from user memory? */
int syscalls_is_string_arg(const char *field_name, const char *type);

#endif
