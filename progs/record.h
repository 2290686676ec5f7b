/* The record a BPF program hands to bpf_perf_event_output().
 *
 * Defined once, here: the program generators in progs/ take offsetof() of
 * these fields to emit their stores, and src/ reads the same layout back out
 * of the perf ring. The struct has no implicit padding, and every program
 * writes every header byte before it outputs a record, so no stale memory
 * (kernel or another record's) ever reaches the log. What was read from
 * the process's memory (the captures: a path, a socket address, argv)
 * follows the header back to back, each cap_len[i] bytes long, so nothing
 * beyond them is sent either.
 */
#ifndef AITRACE_RECORD_H
#define AITRACE_RECORD_H

#include <linux/types.h>

enum rec_kind {
	REC_SYSCALL = 1, /* a completed (or never-returning) syscall */
	REC_ENTER = 2,   /* an entry whose strings must be read before the
			  * syscall runs (execve replaces the memory they live
			  * in); its REC_SYSCALL follows from sys_exit */
	REC_FORK = 3,    /* sched_process_fork of a process in scope:
			  * args[0] the child's pid */
	REC_EXEC = 4,    /* sched_process_exec in scope: args[0] the old
			  * pid; capture 0 the file the kernel executed */
	REC_PEXIT = 5,   /* sched_process_exit: a process ended (its last
			  * thread where the format has group_dead, else its
			  * leader), in scope if there is one; its pid may
			  * now go to another process, which must not inherit
			  * its fd table. Not a line of the log */
};

enum rec_flag {
	RECF_NO_ENTRY = 1 << 0,  /* exit seen without its entry: args unknown */
	RECF_NO_RETURN = 1 << 1, /* emitted at entry, the syscall never returns */
	RECF_CAP0_FAULT = 1 << 2, /* first capture could not be (fully) read */
	RECF_CAP1_FAULT = 1 << 3, /* second capture could not be (fully) read */
	RECF_KILLED = 1 << 4,     /* a --kill-on rule: the program sent SIGKILL */
	RECF_NOT_FOLLOWED = 1 << 5, /* REC_FORK: the child could not join the
				     * scope (the map was full) */
};

/* What a capture holds; which kind each syscall's captures are is in the
 * tracer's table (struct prog_cap), not in the record. */
enum cap_kind {
	CAP_NONE = 0,
	CAP_STR,   /* a NUL-terminated string (path): cap_len counts the NUL */
	CAP_BYTES, /* a buffer whose length is another argument (sockaddr,
		    * clone_args), clamped to a maximum */
	CAP_STRV,  /* a NULL-terminated array of strings (argv): the strings
		    * back to back, each with its NUL; rec.argc of them */
};

enum cap_flag {
	CAPF_MORE = 1 << 0, /* the vector went on past what was captured */
};

#define REC_NARGS 6
#define REC_NCAP 2
#define REC_COMM_LEN 16

struct aitrace_rec {
	__u64 ts_enter; /* CLOCK_MONOTONIC ns at sys_enter, 0 if unknown */
	__u64 ts_exit;  /* CLOCK_MONOTONIC ns at sys_exit (= ts_enter when
			 * emitted at entry) */
	__u64 args[REC_NARGS]; /* raw argument registers, zero when absent */
	__s64 ret;      /* return value; 0 when never returned */
	__u32 tgid;     /* process id */
	__u32 tid;      /* thread id */
	__s32 nr;       /* syscall number, from the tracepoint's __syscall_nr */
	__u16 sys_idx;  /* index of the traced syscall in the tracer's table */
	__u8 kind;      /* enum rec_kind */
	__u8 flags;     /* enum rec_flag */
	char comm[REC_COMM_LEN]; /* task comm at the time of emission */
	__u16 cap_len[REC_NCAP]; /* bytes of each capture that follow;
				  * 0 = not captured */
	__u8 argc;      /* CAP_STRV: strings captured */
	__u8 cap_flags; /* enum cap_flag */
	__u16 reserved; /* always 0; keeps the header a multiple of 8 */
	/* cap_len[0] bytes of the first capture, then cap_len[1] bytes */
};

#define REC_HDR_SIZE ((unsigned)sizeof(struct aitrace_rec))

/* Summary mode (-S): per (process or 0, syscall) counts, kept by the
 * programs in a PERCPU_HASH instead of a record per call. */
struct stat_key {
	__u32 tgid;    /* 0 unless counted per process */
	__u32 sys_idx;
};

struct stat_val {
	__u64 calls;
	__u64 errors;  /* returns in [-4095, -1] */
	__u64 ns;      /* total time between entry and exit */
};

/* What sys_enter leaves for sys_exit, in the in-flight map keyed by thread
 * id (the value of a BPF_MAP_TYPE_HASH). sys_idx guards against joining an
 * exit with a stale entry of another syscall; tgid names the process of a
 * call still in flight when tracing stops. */
struct inflight {
	__u64 ts_enter;
	__u64 args[REC_NARGS];
	__u32 sys_idx;
	__u32 tgid;
};

/* Per-CPU kernel-side counters, kept in one ARRAY map at index
 * cpu * CNT_NR + counter (an ARRAY rather than a PERCPU_ARRAY so that user
 * space never needs to know the number of possible CPUs, which lives in sysfs
 * and sysfs may be absent). */
enum counter {
	CNT_OUTPUT_FAILED = 0, /* bpf_perf_event_output returned an error */
	CNT_SLOT_FULL = 1,     /* the in-flight map was full at sys_enter */
	CNT_SCOPE_FULL = 2,    /* a child could not be added to the scope */
	CNT_STATS_FULL = 3,    /* -S: a call not counted, the stats map full */
	CNT_NR = 4,
};

/* The stop, in the one u32 of the control map (ARRAY[1]), which user space
 * raises when tracing stops: from STOP_ENTRIES on the entry programs (and
 * the scheduler's) return at once, so that no call starts being traced;
 * from STOP_ALL on every program does, so that the log can be finished
 * without detaching anything first (detaching waits for RCU grace
 * periods: seconds for the default set, done after the tracer exits). */
enum stop_stage {
	STOP_NONE = 0,
	STOP_ENTRIES = 1,
	STOP_ALL = 2,
};

#endif
