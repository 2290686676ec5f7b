/* The log folded into processes: what each did to which file, where it
 * connected, what it ran. trace_feed takes one parsed record at a time;
 * trace_finish links the process tree. Pure logic: nothing here touches
 * the disk or the kernel (disk.c looks at files, rules.c labels).
 *
 * Indexes into the arrays are stored as index + 1, so 0 means "none". */
#ifndef REPORT_TRACE_H
#define REPORT_TRACE_H

#include <stddef.h>
#include <stdint.h>

#include "intern.h"
#include "map.h"
#include "json.h"
#include "model.h"

/* what one process did to one path (struct fuse.flags) */
enum {
	FU_OPEN_READ = 1 << 0,   /* opened, read access */
	FU_OPEN_WRITE = 1 << 1,  /* opened for writing (O_WRONLY, O_RDWR) */
	FU_CREATE = 1 << 2,      /* O_CREAT or O_TMPFILE, or creat() */
	FU_TRUNC = 1 << 3,       /* O_TRUNC, truncate, ftruncate */
	FU_MAP_EXEC = 1 << 4,    /* mmap'ed with PROT_EXEC (a library) */
	FU_DELETE = 1 << 5,      /* unlink, unlinkat */
	FU_RMDIR = 1 << 6,       /* rmdir, unlinkat(AT_REMOVEDIR) */
	FU_MKDIR = 1 << 7,
	FU_RENAME_FROM = 1 << 8,
	FU_RENAME_TO = 1 << 9,
	FU_CHMOD = 1 << 10,
	FU_LINK = 1 << 11,       /* made as a link or symlink */
	FU_EXEC = 1 << 12,       /* executed */
	FU_OPEN_FAIL = 1 << 13,  /* an open failed (err) */
	FU_DEVICE = 1 << 14,     /* an accelerator device (rules_gpu_path) */
};

struct fuse {
	const struct istr *path;
	uint32_t proc;           /* index + 1 */
	uint32_t flags;
	uint32_t opens, reads, writes, mmaps, ioctls;
	uint64_t rbytes, wbytes, mbytes;
	uint64_t first_ns;       /* first use */
	uint64_t load_ns;        /* first read or mmap */
	uint64_t write_ns;       /* first open for writing or write */
	const struct istr *err;  /* errno of the last failed open */
	uint32_t next;           /* next fuse of the same process */
};

struct conn {
	uint32_t proc;
	int family;              /* AF_INET 2, AF_INET6 10, AF_UNIX 1 */
	const struct istr *dest; /* "127.0.0.1:9", "[::1]:80", "/run/x", "@abs" */
	uint32_t ok, failed, pending;
	const struct istr *err;  /* of the last failure */
	uint64_t first_ns;
	uint32_t next;
};

struct ioreq {               /* ioctls of one process on one device */
	uint32_t proc;
	const struct istr *dev, *req;
	uint32_t count, errors;
	uint32_t next;
};

struct exec_rec {
	uint64_t ns;
	const struct istr *file;      /* what the kernel ran, else the path */
	const struct istr **argv;
	uint32_t argc;
	unsigned char more, cut;      /* argv went on / a string was cut */
	unsigned char has_argv, has_kernel;
};

struct scount {
	const struct istr *name;
	uint32_t calls, errors;
};

struct label {
	const char *name;             /* "model-loader", ... */
	char evidence[320];           /* may hold bytes from the log */
};

struct proc {
	int pid, ppid;                /* ppid -1: unknown */
	uint32_t parent;              /* index + 1; 0: not in the log */
	uint32_t child, sibling;      /* the tree, by trace_finish */
	const struct istr *comm, *cwd;
	struct exec_rec *execs;
	size_t nexecs, cexecs;
	uint64_t start_ns, last_ns, exit_ns;
	int64_t exit_code;
	unsigned char exited, forked, reused;
	unsigned char thread;         /* was a thread after all: not shown */
	unsigned char launched;       /* first seen as the tracer's child */
	uint32_t threads;             /* other tids seen */
	struct scount *sc;
	size_t nsc, csc;
	uint64_t calls;
	uint32_t fuses, conns, ioreqs;/* list heads */
	uint32_t fuses_tail;
	uint32_t events;              /* its first event, by trace_sort_events */
	uint32_t listens, accepts, binds;
	uint64_t sent, received;      /* bytes over sockets */
	uint32_t wx;                  /* W+X or X-after-W memory changes */
	uint32_t memfds;
	struct label labels[10];
	uint32_t nlabels;
	uint32_t spawned;             /* children that exec'd (rules) */
};

enum ev_kind {
	EV_EXEC, EV_EXIT, EV_WRITE, EV_DELETE, EV_RMDIR, EV_MKDIR, EV_RENAME,
	EV_CHMOD, EV_LINK, EV_CONNECT, EV_BIND, EV_LISTEN, EV_ACCEPT, EV_MEMFD,
	EV_LOST, EV_MODEL_LOAD, EV_MODEL_WRITE, EV_FRAMEWORK, EV_GPU, EV_JIT,
	EV_NKINDS
};

struct event {
	uint64_t ns, seq;
	uint32_t proc;                /* index + 1; 0: not a process's */
	enum ev_kind kind;
	const struct istr *a, *b;     /* objects: path, destination, ... */
	int64_t n;                    /* a count, exit code, exec index */
	const struct istr *err;       /* errno name when it failed */
	uint32_t pnext;               /* the process's next event (sorted) */
};

/* one path across the log, with what the disk says about it (disk.c) */
enum disk_state { DISK_UNCHECKED, DISK_OK, DISK_MISSING, DISK_NOT_REGULAR,
		  DISK_ERROR, DISK_SKIPPED };
struct finfo {
	const struct istr *path;
	enum model_ext ext;
	const char *suffix;
	int candidate;               /* worth a look on disk */
	enum disk_state disk;
	const char *why;             /* DISK_ERROR / DISK_SKIPPED: reason */
	uint64_t size;
	int64_t mtime;
	int hashed;
	char sha256[65];
	struct model_info mi;
	int model;                   /* rules: counts as a model file */
};

struct trace {
	struct intern strs;
	struct proc *procs;
	size_t nprocs, cprocs;
	struct fuse *fuses;
	size_t nfuses, cfuses;
	struct conn *conns;
	size_t nconns, cconns;
	struct ioreq *ioreqs;
	size_t nioreqs, cioreqs;
	struct event *events;
	size_t nevents, cevents;
	struct finfo *files;
	size_t nfiles, cfiles;

	struct map pid_proc;         /* pid -> current proc index + 1 */
	struct map fuse_of;          /* proc << 32 | path id -> fuse + 1 */
	struct map rel;              /* proc << 32 | rel path id -> finfo + 1 */
	struct map forks;            /* child tid -> parent pid + 1, bit 31: a thread */
	struct map tid_owner;        /* tid -> pid + 1, for tids != pid */
	struct map handler;          /* syscall name id -> handler + 1 */
	struct map file_of;          /* path id -> finfo index + 1 */

	/* the start record */
	int have_start;
	const struct istr *version, *sysname, *release, *machine;
	int64_t tracer_pid, str_max;
	uint64_t start_ns;
	const struct istr **traced, **skipped;
	size_t ntraced, nskipped;
	/* the stop record */
	int have_stop;
	const struct istr *stop_reason;
	int64_t logged, lost, unfinished, out_of_order;
	uint64_t stop_ns;
	/* completeness */
	uint64_t lost_events;         /* sum of lost records */
	const struct istr **notes;
	size_t nnotes, cnotes;
	uint64_t records, syscalls, bad_lines, bad_records, unknown_types;
	uint64_t seq_missing;         /* records missing by seq */
	int cut_last;                 /* the last line is cut short */
	int64_t last_seq;
	uint64_t first_ns, last_ns;   /* of the records */
	int summary_only;             /* an -S log */
};

void trace_init(struct trace *t);
/* One record, parsed. Bad records are counted, never fatal. */
void trace_feed(struct trace *t, const struct json_doc *d);
/* A line that did not parse (last: it was the last, without a newline). */
void trace_bad_line(struct trace *t, int last);
/* Link the tree, sort events. */
void trace_finish(struct trace *t);
/* sort events by time and link each process's events (proc.events,
 * event.pnext) */
void trace_sort_events(struct trace *t);
void trace_free(struct trace *t);

/* helpers shared by trace.c, onsys.c and rules.c */
const struct istr *trace_str(struct trace *t, const char *s, size_t n);
struct proc *trace_proc(struct trace *t, int pid, uint64_t ns);
struct fuse *trace_fuse(struct trace *t, struct proc *p, const struct istr *path,
			uint64_t ns);
struct finfo *trace_file(struct trace *t, const struct istr *path);
void trace_event(struct trace *t, uint64_t ns, struct proc *p, enum ev_kind k,
		 const struct istr *a, const struct istr *b, int64_t n,
		 const struct istr *err);
uint32_t trace_index(const struct trace *t, const struct proc *p); /* + 1 */
static inline struct proc *trace_procn(struct trace *t, uint32_t i)
{
	return i ? &t->procs[i - 1] : (struct proc *)0;
}
/* the command a process last ran: its exec, or NULL */
const struct exec_rec *trace_last_exec(const struct proc *p);
/* did the log trace this syscall (start record); 1 when unknown */
int trace_traced(const struct trace *t, const char *name);

/* trace.c, for onsys.c: a successful execve's arguments; a child that
 * clone/fork/vfork returned (p may move: do not use it afterwards) */
void trace_exec_call(struct trace *t, struct proc *p, const struct json_doc *d,
		     const struct json *args, uint64_t ns);
void trace_child(struct trace *t, struct proc *p, int child, int thread,
		 uint64_t ns);

/* onsys.c: one syscall record into the model */
void onsys_record(struct trace *t, struct proc *p, const struct json_doc *d,
		  const struct json *rec, const struct istr *name, uint64_t ns);

#endif
