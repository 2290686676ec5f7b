/* Everything that varies by kernel, by run or by syscall enters the program
 * generators through this one struct: map fds, our own pid, the helper the
 * running kernel offers for user strings, and the field offsets parsed from
 * the tracepoint's format file. No program holds a number that came from one
 * kernel's layout.
 */
#ifndef AITRACE_PARAMS_H
#define AITRACE_PARAMS_H

#include <linux/types.h>
#include "record.h"

enum prog_shape {
	SHAPE_JOIN,          /* enter saves args, exit emits the record */
	SHAPE_NO_RETURN,     /* enter emits the record (exit, exit_group) */
	SHAPE_ENTER_STRINGS, /* enter also emits a REC_ENTER with the strings,
			      * which are gone after the syscall (execve) */
};

struct prog_arg {
	__u16 off;      /* offset in the sys_enter tracepoint record */
	__u8 size;      /* 1, 2, 4 or 8 */
	__u8 is_signed; /* sign-extend when narrower than 64 bits */
};

struct prog_params {
	/* maps, by fd */
	int inflight_fd; /* HASH: u32 tid -> struct inflight */
	int scratch_fd;  /* PERCPU_ARRAY[1]: record + strings being built */
	int events_fd;   /* PERF_EVENT_ARRAY: one BPF_OUTPUT event per CPU */
	int counters_fd; /* ARRAY[max_cpus * CNT_NR] of u64 */
	__u32 max_cpus;

	__u32 self_tgid;       /* events of this process are dropped */
	int probe_read_str;    /* BPF_FUNC_probe_read_user_str, or
				* BPF_FUNC_probe_read_str before 5.5 */
	__u32 str_cap;         /* bytes read per string, NUL included */

	/* the syscall */
	const char *name;      /* "openat", for program names */
	__u16 sys_idx;         /* its index in the tracer's table */
	enum prog_shape shape;
	unsigned nargs;
	struct prog_arg arg[REC_NARGS];
	__u16 enter_nr_off;    /* __syscall_nr in sys_enter_<name> */
	__u16 exit_nr_off;     /* __syscall_nr in sys_exit_<name> */
	__u16 exit_ret_off;    /* ret in sys_exit_<name> */
	int str_arg[REC_NSTR]; /* indexes of string (path) args, -1 if none */
};

/* Scratch map value size for a given string capacity. */
#define PROG_SCRATCH_SIZE(str_cap) (REC_HDR_SIZE + REC_NSTR * (str_cap))

#endif
