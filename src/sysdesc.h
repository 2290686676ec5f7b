/* A traced syscall as the formatter sees it: its name and its arguments as
 * the running kernel's format file describes them. Filled by tracer.c,
 * read by decode.c and line.c; plain data so a test can build one. */
#ifndef AITRACE_SYSDESC_H
#define AITRACE_SYSDESC_H

#include "params.h"
#include "record.h"
#include "syscalls.h"

struct sysarg {
	char name[32];  /* "filename" */
	char type[48];  /* "const char *" */
	unsigned size;  /* bytes in the tracepoint record */
	int is_pointer;
	int is_signed;  /* by the C type: int, long, pid_t, off_t, ... */
	int c_size;     /* bytes of the C type (int: 4), for sign handling */
	enum arg_dec dec; /* how it is shown */
};

struct sysdesc {
	char name[32];
	int nr;                 /* -1 when the build's table lacks it */
	unsigned nargs;
	struct sysarg arg[REC_NARGS];
	struct prog_cap cap[REC_NCAP]; /* what is read from the process */
	enum syscall_ret ret_kind;
	int never_returns;      /* logged at entry, "= ?" */
	int strings_at_entry;   /* execve: a REC_ENTER precedes the exit */
	enum syscall_role role; /* syscalls_role(name) */
};

#endif
