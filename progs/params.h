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

#define PROG_KILL_MAX 4      /* path rules a program checks itself */
#define PROG_KILL_LIT_MAX 64 /* bytes of a path rule's literal */

/* One capture: what to read from the process's memory for an argument. */
struct prog_cap {
	__u8 kind;    /* enum cap_kind */
	__s8 arg;     /* the pointer argument */
	__s8 len_arg; /* CAP_BYTES: the argument holding the length */
	__u8 reserved;
	__u16 max;    /* CAP_BYTES: most bytes read; CAP_STRV: most strings */
};

struct prog_params {
	/* maps, by fd */
	int inflight_fd; /* HASH: u32 tid -> struct inflight */
	int scratch_fd;  /* PERCPU_ARRAY[1]: record + strings being built */
	int events_fd;   /* PERF_EVENT_ARRAY: one BPF_OUTPUT event per CPU */
	int counters_fd; /* ARRAY[max_cpus * CNT_NR] of u64 */
	int ctl_fd;      /* ARRAY[1] of u32: enum stop_stage; -1: none */
	__u32 max_cpus;

	__u32 self_tgid;       /* events of this process are dropped */
	int scope_fd;          /* HASH u32 tgid -> u32: only these processes
				* are traced; -1: every process */
	int stats_fd;          /* PERCPU_HASH stat_key -> stat_val: summary
				* mode, no records; -1: records */
	int stats_per_process; /* key summary counts by tgid too */
	int probe_read_str;    /* BPF_FUNC_probe_read_user_str, or
				* BPF_FUNC_probe_read_str before 5.5 */
	int probe_read;        /* BPF_FUNC_probe_read_user, or
				* BPF_FUNC_probe_read before 5.5 */
	__u32 str_cap;         /* bytes read per string, NUL included */
	__u32 strv_budget;     /* bytes for all the strings of a vector */

	/* the syscall */
	const char *name;      /* "openat", for program names */
	__u16 sys_idx;         /* its index in the tracer's table */
	enum prog_shape shape;
	unsigned nargs;
	struct prog_arg arg[REC_NARGS];
	__u16 enter_nr_off;    /* __syscall_nr in sys_enter_<name> */
	__u16 exit_nr_off;     /* __syscall_nr in sys_exit_<name> */
	__u16 exit_ret_off;    /* ret in sys_exit_<name> */
	struct prog_cap cap[REC_NCAP]; /* kind CAP_NONE when unused */

	/* --kill-on, the kernel's part: SIGKILL from the program itself */
	int send_signal;       /* BPF_FUNC_send_signal, 0 when absent */
	__u32 parent_tgid;     /* the tracer's parent: never killed (nor 1) */
	int kill_always;       /* a syscall rule names this call */
	unsigned nkill;        /* path rules on capture 0 */
	struct prog_kill_path {
		char lit[PROG_KILL_LIT_MAX]; /* the literal bytes */
		__u8 len;
		__u8 exact;            /* 1: the whole path; 0: a prefix */
	} kill[PROG_KILL_MAX];
};

/* The scheduler tracepoints' programs (progs/prog_sched.c). */
#define PROG_COMM_MAX 8 /* -c names */
struct prog_sched_params {
	int lineage;               /* emit fork and exec records */
	int exit_record;           /* emit a record when a process ends
				    * (its last thread with group_dead,
				    * else its leader's exit) */
	int follow;                /* -f: a fork in scope adds the child */
	int probe_read_kernel_str; /* helper for the exec's filename */
	__u16 fork_child_off;      /* sched_process_fork: child_pid */
	__u16 exec_filename_off;   /* sched_process_exec: __data_loc filename */
	__u16 exec_old_pid_off;    /* sched_process_exec: old_pid */
	__u16 exit_group_dead_off; /* sched_process_exit: group_dead, or
				    * 0xffff where absent (6.12 and older) */
	unsigned ncomm;            /* -c: a process that execs into one of
				    * these names enters the scope */
	char comm[PROG_COMM_MAX][16];
};

/* The most bytes capture i of pp can add behind the header. */
static inline __u32 prog_cap_room(const struct prog_params *pp, int i)
{
	switch (pp->cap[i].kind) {
	case CAP_STR: return pp->str_cap;
	case CAP_BYTES: return pp->cap[i].max;
	case CAP_STRV: return pp->strv_budget;
	}
	return 0;
}

/* The most bytes of a record of pp: the scratch map's value must hold the
 * largest over every traced syscall. */
static inline __u32 prog_record_room(const struct prog_params *pp)
{
	__u32 room = REC_HDR_SIZE;
	int i;

	for (i = 0; i < REC_NCAP; i++)
		room += prog_cap_room(pp, i);
	return room;
}

#endif
