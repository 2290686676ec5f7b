/* What each file descriptor of each traced process refers to, for the
 * strace -y style decoration read(3</models/tiny.safetensors>, ...).
 * Pure logic: the tracer reports the opens, closes, dups, execs, forks and
 * exits it observes, in time order, and asks for (tgid, fd) on each line.
 * Keyed by tgid, because the threads of a process share its fd table. The
 * module makes no syscall: the /proc fallback is a callback the caller
 * gives (the tracer's readlinks /proc/<tgid>/fd/<fd>; tests pass a fake).
 *
 * Memory is bounded and fixed at fdtable_init: max_entries slots of
 * max_path bytes (plus a NUL), an open-addressing hash on (tgid, fd) and
 * one on tgid, so a lookup costs a hash and a short probe. When the table
 * is full the least recently used entry (looked up or written) is
 * evicted and counted; no operation ever fails.
 *
 * Paths are bytes: they may hold newlines, invalid UTF-8, anything (a text
 * given to fdtable_set may even hold NUL). Each is kept with its length and
 * exactly as given; the caller escapes it on output. A path longer than
 * max_path keeps its first max_path bytes and is marked FDT_CUT, so the
 * output can end it with "...".
 *
 * When the answer is missing or wrong. A lookup returns NULL when the fd
 * is unknown; an answer can be stale or incomplete when:
 * - the fd was opened before tracing began and the process no longer has
 *   it (or has exited) by the time we ask /proc: NULL. Events are read
 *   some time after they happened, so this is common for short-lived
 *   processes;
 * - /proc answered after the fd had been closed and reused, or the file
 *   renamed: a wrong path, marked FDT_PROC. Every /proc answer is for
 *   the moment of the lookup, not of the event; it is cached, so it stays
 *   until the fd is opened, closed or dup'ed onto;
 * - the table was full and the entry was evicted: the next lookup asks
 *   /proc again (FDT_PROC, with the risks above) or gets NULL;
 * - the fd was made or changed by a call the tracer did not report (a dup,
 *   fcntl F_DUPFD, socket, pipe, accept, epoll_create, eventfd... not in the
 *   traced set, or an event lost in the ring): the entry keeps the fd's
 *   previous file, or the fd is unknown and /proc is asked;
 * - the fd arrived over a unix socket (SCM_RIGHTS) or from pidfd_getfd:
 *   unknown, /proc is asked, unless a /proc miss for that fd is cached
 *   (see fdtable_lookup): then NULL until the fd is opened or closed;
 * - a process created with CLONE_FILES but not CLONE_THREAD shares its
 *   parent's fd table; we copy it at the fork instead, so an open or close
 *   in one is not seen in the other;
 * - FD_CLOEXEC changed by a call not reported through
 *   fdtable_set_cloexec (fcntl F_SETFD, ioctl FIOCLEX): exec keeps or
 *   drops the wrong entries. Entries answered by /proc are neither
 *   copied to a forked child nor kept across exec (a shell rearranges
 *   fds with dup2 between fork and exec): they are asked again;
 * - the path was relative to the working directory (AT_FDCWD; chdir is
 *   not traced) or to a directory fd we cannot name: the path is stored as
 *   given and marked FDT_RELATIVE (fdtable_refresh can ask /proc);
 * - the path names a file through "..", "." or symlinks: it is stored as
 *   the process wrote it, never normalised (with symlinks, "a/../b" need
 *   not be "b"), so it says what was asked for, not what was opened. The
 *   open family's path is read at syscall entry: a process can change it
 *   before the kernel reads it (the caller decides what it passes here).
 *
 * Not thread-safe: one reader owns the table.
 */
#ifndef AITRACE_FDTABLE_H
#define AITRACE_FDTABLE_H

#include <stddef.h>
#include <stdint.h>

/* include/uapi/linux/fcntl.h */
#define FDT_AT_FDCWD (-100)
/* dirfd for a name that is not a path (memfd_create's "memfd:name"): it is
 * stored as given and never marked FDT_RELATIVE */
#define FDT_NODIR (-1)

/* *source of a lookup: one origin bit, plus qualifiers */
#define FDT_SEEN 1      /* from an observed open, dup or fdtable_set */
#define FDT_PROC 2      /* from the /proc callback (or joined to a
			 * directory that was): may be stale */
#define FDT_ORIGIN (FDT_SEEN | FDT_PROC)
#define FDT_RELATIVE 4  /* relative to a directory we cannot name */
#define FDT_CUT 8       /* longer than max_path: only its start is kept */
#define FDT_DESC 16     /* a description from fdtable_set, not a path */
#define FDT_CLOSED 32   /* (with a NULL answer) seen closed: a later
			 * answer from /proc may describe a reuse */
#define FDT_PAST 64     /* from fdtable_lookup_at: what the fd was before
			 * a call that returned later replaced it */

/* Live entries kept for fdtable_lookup_at when an observed call replaced
 * them before their close was applied (threads racing: an open took the
 * number a close had freed, and returned first). Ordinary closes keep the
 * closed file's path in its own slot and use none of these. */
#define FDT_OLD 16

/* Writes the file fd of process tgid refers to into buf (cap bytes, no NUL
 * needed) and returns its length, or -errno. A length >= cap means the
 * answer was cut (readlink fills buf and returns cap). */
typedef int (*fdtable_proc_fn)(void *ctx, uint32_t tgid, int fd, char *buf,
			       size_t cap);

struct fdtable_stats {
	uint64_t entries;      /* slots in use now, cached misses included */
	uint64_t evictions;    /* entries dropped because the table was full */
	uint64_t proc_lookups; /* calls of the /proc callback */
	uint64_t proc_misses;  /* ... that failed */
};

struct fdt_slot;
struct fdt_hent;
struct fdt_proc;
struct fdt_old;

struct fdtable {
	/* private: use the functions below */
	void *block;               /* the one allocation, from mem_alloc */
	struct fdt_slot *slot;     /* max_entries */
	char *path;                /* max_entries * (max_path + 1) bytes */
	struct fdt_hent *hash;     /* (tgid, fd) -> slot, mask + 1 entries */
	struct fdt_proc *proc;     /* tgid -> its slots, mask + 1 entries */
	uint32_t *list;            /* max_entries, scratch for fork */
	char *scratch;             /* max_path + 1 bytes */
	struct fdt_old *old;       /* FDT_OLD replaced entries, a ring */
	char *old_path;            /* their paths, FDT_OLD * (max_path + 1) */
	uint32_t old_next;         /* the ring's next slot */
	uint64_t now;              /* fdtable_at */
	uint32_t max_entries, max_path;
	uint32_t mask, shift;
	uint32_t lru_head, lru_tail; /* most / least recently used slot */
	uint32_t free_head, fresh;   /* freed slots; slots never used */
	fdtable_proc_fn proc_fn;
	void *proc_ctx;
	struct fdtable_stats st;
};

/* Room for max_entries (1 to 2^24) fds of all processes together, paths of
 * up to max_path (1 to 65536) bytes. Returns 0, -EINVAL or -ENOMEM. */
int fdtable_init(struct fdtable *t, unsigned max_entries, unsigned max_path);
void fdtable_free(struct fdtable *t);  /* fine on a zeroed or freed table */

/* The /proc fallback; NULL (the default) means none. */
void fdtable_set_proc(struct fdtable *t, fdtable_proc_fn fn, void *ctx);

/* open, openat, openat2, creat returned fd. dirfd is the call's dirfd
 * (FDT_AT_FDCWD for open and creat), FDT_NODIR for a name that is not a
 * path. An absolute path is stored as is; a relative one is joined as
 * "dir/path" to dirfd's entry when that is a path we hold in full (an
 * unknown dirfd is asked of /proc); otherwise it is stored as given and
 * marked FDT_RELATIVE. An empty path stands for dirfd itself. */
void fdtable_open(struct fdtable *t, uint32_t tgid, int fd, int dirfd,
		  const char *path, size_t path_len, int cloexec);

/* close succeeded; an unknown fd is fine. */
void fdtable_close(struct fdtable *t, uint32_t tgid, int fd);
/* The same, for a tracer that saw the close, which entered at entered
 * (0: unknown): the fd is then known to be closed (a cached miss), so a
 * later lookup does not ask /proc, which would name whatever reuses the
 * number by the time it is asked. The kernel frees the number before
 * close returns: when the entry was set by a call that returned after
 * entered (another thread's open took the number), the entry is that
 * call's and the close changes nothing. */
void fdtable_closed(struct fdtable *t, uint32_t tgid, int fd,
		    uint64_t entered);

/* close_range(first, last, flags) succeeded: forget the fds in
 * [first, last], or with CLOSE_RANGE_CLOEXEC (cloexec_only) mark them
 * close-on-exec. */
void fdtable_close_range(struct fdtable *t, uint32_t tgid, unsigned first,
			 unsigned last, int cloexec_only);

/* dup, dup2, dup3, fcntl F_DUPFD/F_DUPFD_CLOEXEC made newfd from oldfd:
 * newfd gets oldfd's entry (origin and qualifiers included) with its own
 * close-on-exec flag, or becomes unknown when oldfd is (its /proc
 * answer, if asked, is then as good as oldfd's). dup2(fd, fd) changes
 * nothing. /proc is not asked here. */
void fdtable_dup(struct fdtable *t, uint32_t tgid, int oldfd, int newfd,
		 int cloexec);

/* fd refers to something described by text[0..len), e.g. a socket, pipe
 * or eventfd: "socket:[AF_INET]", "pipe". Marked FDT_DESC. */
void fdtable_set(struct fdtable *t, uint32_t tgid, int fd, const char *text,
		 size_t len, int cloexec);

/* fcntl F_SETFD, ioctl FIOCLEX/FIONCLEX changed fd's close-on-exec flag. */
void fdtable_set_cloexec(struct fdtable *t, uint32_t tgid, int fd, int on);

/* execve/execveat succeeded: the close-on-exec fds are gone. Cached /proc
 * misses and answers of the process are dropped too, so they are asked
 * again. */
void fdtable_exec(struct fdtable *t, uint32_t tgid);

/* The calls reported from now on returned at time now (any monotonic
 * clock; 0, the initial value: unknown). The entries they set are
 * stamped with it, which orders them against the entry times given to
 * fdtable_closed and fdtable_lookup_at. Entries from /proc have no time. */
void fdtable_at(struct fdtable *t, uint64_t now);

/* fork, vfork, clone without CLONE_THREAD made child_tgid: it starts with
 * a copy of the parent's entries (not its cached misses nor its /proc
 * answers); whatever the
 * table held for child_tgid (a reused pid) is dropped first. With
 * CLONE_FILES the two really share one table: copying is an
 * approximation (see the top of this file). */
void fdtable_fork(struct fdtable *t, uint32_t parent_tgid,
		  uint32_t child_tgid);

/* The process exited (exit_group, or its last thread exited). */
void fdtable_exit(struct fdtable *t, uint32_t tgid);

/* What fd of tgid refers to: its bytes (NUL-terminated for convenience, but
 * *len is the truth) and *source, FDT_SEEN or FDT_PROC plus qualifiers;
 * valid until the next call that changes the table. NULL with *len and
 * *source 0 when unknown; always for fd < 0 (FDT_AT_FDCWD included).
 * An fd the table does not hold is asked of the /proc callback once:
 * the answer, or the miss, is cached. A cached miss stays until the fd is
 * opened, closed, dup'ed onto or set, the process execs, exits or is
 * dropped by a fork of its tgid, or the entry is evicted: a process that
 * has exited would otherwise cost a readlink on every line. len and
 * source may be NULL. */
const char *fdtable_lookup(struct fdtable *t, uint32_t tgid, int fd,
			   size_t *len, int *source);

/* What fd referred to for a call that entered at entered (0: unknown,
 * then like fdtable_lookup). The tracer applies calls in the order they
 * returned; a call that entered before another call, returning earlier,
 * gave its fd number to a new file (a thread's close and another's open)
 * refers to the file before, marked FDT_PAST: a closed fd's own file, or
 * an entry another call replaced when one of the last FDT_OLD such
 * replacements kept it, else NULL (/proc would name the new file). */
const char *fdtable_lookup_at(struct fdtable *t, uint32_t tgid, int fd,
			      uint64_t entered, size_t *len, int *source);

/* Like fdtable_lookup, but ask /proc now even when the table holds an
 * answer (e.g. one marked FDT_RELATIVE); a /proc answer replaces it
 * (keeping its close-on-exec flag), a miss leaves it as it was. */
const char *fdtable_refresh(struct fdtable *t, uint32_t tgid, int fd,
			    size_t *len, int *source);

void fdtable_stats(const struct fdtable *t, struct fdtable_stats *st);

#endif
