/* Command-line options, gathered in one struct. */
#ifndef AITRACE_OPTS_H
#define AITRACE_OPTS_H

#include <stddef.h>

#define OPTS_RING_PAGES_DEFAULT 256 /* per CPU: 1 MiB with 4 KiB pages */
#define OPTS_STR_MAX_DEFAULT 256
#define OPTS_STR_MAX_LIMIT 4096
/* The kernel-side maps' sizes, each a number of entries; the maps are
 * preallocated, so these are also their memory. */
#define OPTS_MAX_PROCS_DEFAULT 32768    /* the scope map: traced processes */
#define OPTS_MAX_INFLIGHT_DEFAULT 16384 /* threads inside a traced call */
#define OPTS_MAX_ROWS_DEFAULT 1024      /* -S: (syscall) rows */
#define OPTS_MAX_ROWS_PER_PROCESS 65536 /* -S --per-process: (pid, syscall) */
#define OPTS_MAX_ENTRIES_LIMIT 4194304  /* PID_MAX_LIMIT */

struct opts {
	const char *output;     /* -o FILE; NULL: stdout */
	const char *syscalls;   /* -e LIST */
	unsigned ring_pages;    /* -b PAGES, per CPU, a power of two */
	unsigned str_max;       /* -s N: characters kept per string */
	int json;               /* -j: NDJSON */
	const char *pids;       /* -p PID[,PID...] */
	int follow;             /* -f */
	const char *comm[8];    /* -c NAME, repeatable */
	unsigned ncomm;
	int summary;            /* -S */
	unsigned interval;      /* -i N: a summary every N seconds */
	int per_process;        /* --per-process: summary per process */
	unsigned max_procs;     /* --max-procs N: the scope map's size */
	unsigned max_inflight;  /* --max-inflight N: the in-flight map's */
	unsigned max_rows;      /* --max-rows N: -S's map; 0: by the mode */
	const char *kill_on[16]; /* --kill-on RULE, repeatable */
	unsigned nkill;
	int kill_tree;          /* --kill-tree */
	int dry_run;            /* --dry-run */
	char **command;         /* COMMAND [ARGS...], NULL-terminated; NULL */
	int verbose;            /* -v */
	int dump_progs;         /* --dump-progs */
	int check;              /* --check */
	int help;               /* -h */
	int version;            /* -V */
};

#define OPTS_COMM_MAX 8

/* 0, or -1 with the problem in err (errlen bytes): a usage error. */
int opts_parse(struct opts *o, int argc, char **argv, char *err,
	       size_t errlen);
/* The --help text. */
const char *opts_usage(void);

#endif
