/* What the tracer must log, computed by the workload that makes the calls.
 *
 * A workload makes each syscall through one of the x_<name>() wrappers
 * below: the wrapper issues the raw syscall (syscall(2), so libc adds and
 * changes nothing) and records the text the tracer must log for it,
 *
 *     openat(-100, "/dev/null", 524288, 0) = 3
 *
 * from the real values: the fd returned, the buffer address, the mmap
 * result. Arguments are rendered by the C type the kernel's tracepoint
 * format file gives them (transcribed below from the SYSCALL_DEFINEs, which
 * are the same on every kernel the tracer supports):
 *
 *   pointer                     NULL or 0x<hex>
 *   int, long, pid_t ...        signed decimal of the C type's width
 *   unsigned int, u32, umode_t  decimal of the C type's width
 *   unsigned long               0x<hex>, but 0 as 0
 *   size_t                      decimal
 *   char * path or name         "escaped", cut at -s characters + "..."
 *
 * and the return value as decimal, 0x<hex> for mmap and brk, or
 * "-1 ENAME (description)" with the name and text of the build's errno
 * table (build/gen/errno_names.h, transcribed from <asm/errno.h>).
 *
 * Expectations are kept in static memory (no malloc, no lock, no syscall:
 * recording must not add calls to the measured region) and printed by
 * exp_print() only after the end marker, one line each, prefixed by the
 * id of the thread that made the call:
 *
 *     12345 openat(-100, "/dev/null", 524288, 0) = 3
 *
 * The measured region lies between two markers that fail with ENOENT and
 * are easy to find in a log:
 *
 *     openat(-100, "/aitrace-test/begin/<tag>", 0, 3585)
 *     openat(-100, "/aitrace-test/end/<tag>", 0, 3586)
 *
 * (the mode, 07001 or 07002, is ignored by the kernel without O_CREAT; it
 * tells the markers apart when -s cuts the path).
 *
 * Lines starting with "# " in a workload's output are facts for the test
 * ("# pid N": its process id, the comm it set, ...), not expectations.
 *
 * The environment variable EXPECT_STRSIZE tells the -s the tracer runs with
 * (default 256, as the tracer's).
 */
#ifndef EXPECT_LINE_H
#define EXPECT_LINE_H

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(__has_include)
#if !__has_include("errno_names.h")
#error "build/gen/errno_names.h is missing: run make (it generates it) first"
#endif
#endif

#define EXP_MAX 8192            /* expectations per run */
#define EXP_ARENA (4u << 20)    /* bytes of expectation text per run */
#define EXP_LINE_MAX 24576      /* one line: a 4096-byte string escaped */

struct exp_rec {
	long tid;
	unsigned off, len;
};

static struct exp_rec exp_recs[EXP_MAX];
static char exp_arena[EXP_ARENA];
static unsigned exp_nrec, exp_used;
static int exp_overflow;
static unsigned exp_str_max = 256;
static __thread long exp_tid_cache;

/* A line being built (on the caller's stack or in static memory). */
struct exp_line {
	char buf[EXP_LINE_MAX];
	size_t len;
	unsigned nargs;
	long tid;
};

static inline void exp_fatal(const char *fmt, ...)
{
	va_list ap;

	fputs("expect_line: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(99);
}

static inline void exp_init_from_env(void)
{
	const char *s = getenv("EXPECT_STRSIZE");

	if (s && *s) {
		char *end;
		unsigned long v = strtoul(s, &end, 10);

		if (*end || v > 4096)
			exp_fatal("EXPECT_STRSIZE=%s: want 0..4096", s);
		exp_str_max = (unsigned)v;
	}
}

/* The raw syscall: its return value, or -errno. No syscall returns -1
 * as a success among those used here. */
static inline long exp_raw(long nr, long a, long b, long c, long d, long e,
			   long f)
{
	long r = syscall(nr, a, b, c, d, e, f);

	return r == -1 ? -(long)errno : r;
}

static inline long exp_tid(void)
{
	if (!exp_tid_cache)
		exp_tid_cache = syscall(SYS_gettid); /* not traced */
	return exp_tid_cache;
}

/* ---- building a line ---------------------------------------------------- */

static inline void exp_put(struct exp_line *l, const char *s, size_t n)
{
	if (l->len + n >= sizeof(l->buf))
		exp_fatal("expected line too long");
	memcpy(l->buf + l->len, s, n);
	l->len += n;
	l->buf[l->len] = '\0';
}

static inline void exp_puts(struct exp_line *l, const char *s)
{
	exp_put(l, s, strlen(s));
}

static inline void exp_printf(struct exp_line *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static inline void exp_printf(struct exp_line *l, const char *fmt, ...)
{
	char tmp[64];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(tmp))
		exp_fatal("exp_printf: too long");
	exp_put(l, tmp, (size_t)n);
}

/* The tracer's escaping, written independently of it (src/escape.c): C
 * escapes \" \\ \n \t \r; other bytes below 0x20, 0x7f and bytes from 0x80
 * as \xHH in lower-case hex; printable ASCII as is. word: a comm, where a
 * space is \x20 too. */
static inline void exp_escape(struct exp_line *l, const unsigned char *s,
			      size_t n, int word)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned c = s[i];
		char e[4] = { '\\', 0, 0, 0 };

		switch (c) {
		case '"': e[1] = '"'; exp_put(l, e, 2); continue;
		case '\\': e[1] = '\\'; exp_put(l, e, 2); continue;
		case '\n': e[1] = 'n'; exp_put(l, e, 2); continue;
		case '\t': e[1] = 't'; exp_put(l, e, 2); continue;
		case '\r': e[1] = 'r'; exp_put(l, e, 2); continue;
		}
		if (c < 0x20 || c >= 0x7f || (word && c == ' ')) {
			e[1] = 'x';
			e[2] = hex[c >> 4];
			e[3] = hex[c & 15];
			exp_put(l, e, 4);
			continue;
		}
		exp_put(l, (const char *)&s[i], 1);
	}
}

/* The name and description the tracer prints for err, from the build's
 * table (the same source as the tracer's, paired here by the C constant,
 * not by the tracer's lookup code). */
static inline const char *exp_errno_name(long err, const char **desc)
{
#define ERRNO_NAME(e, d)             \
	if (err == (e)) {            \
		*desc = d;           \
		return #e;           \
	}
#include "errno_names.h"
#undef ERRNO_NAME
	*desc = NULL;
	return NULL;
}

static inline void exp_start(struct exp_line *l, const char *name)
{
	l->len = 0;
	l->nargs = 0;
	l->tid = exp_tid();
	exp_puts(l, name);
	exp_puts(l, "(");
}

static inline void exp_sep(struct exp_line *l)
{
	if (l->nargs++)
		exp_puts(l, ", ");
}

/* one argument, by the C type of the format file */
static inline void arg_int(struct exp_line *l, long v) /* int */
{
	exp_sep(l);
	exp_printf(l, "%d", (int)v);
}

static inline void arg_uint(struct exp_line *l, long v) /* unsigned int, u32 */
{
	exp_sep(l);
	exp_printf(l, "%u", (unsigned)v);
}

static inline void arg_umode(struct exp_line *l, long v) /* umode_t */
{
	exp_sep(l);
	exp_printf(l, "%u", (unsigned)(unsigned short)v);
}

static inline void arg_ulong(struct exp_line *l, long v) /* unsigned long */
{
	exp_sep(l);
	if (v)
		exp_printf(l, "0x%lx", (unsigned long)v);
	else
		exp_puts(l, "0");
}

static inline void arg_size(struct exp_line *l, long v) /* size_t */
{
	exp_sep(l);
	exp_printf(l, "%lu", (unsigned long)v);
}

static inline void arg_ptr(struct exp_line *l, const void *p) /* T * */
{
	exp_sep(l);
	if (p)
		exp_printf(l, "0x%lx", (unsigned long)(uintptr_t)p);
	else
		exp_puts(l, "NULL");
}

/* A path the tracer reads from the caller's memory: at most -s + 2 bytes
 * (the NUL and one more, to tell a cut string), shown as -s characters and
 * "..." when longer. readable: -1 for a NUL-terminated string, else the
 * bytes that can be read from s before a fault (no NUL among them): the
 * tracer then shows the cut string if it read all -s + 2 bytes it wanted,
 * and the pointer if it hit the fault first (NULL, a bad address). */
static inline void arg_path(struct exp_line *l, const char *s, long readable)
{
	size_t n;

	if (!s || (readable >= 0 && (unsigned long)readable < exp_str_max + 2)) {
		arg_ptr(l, s);
		return;
	}
	exp_sep(l);
	n = readable >= 0 ? (size_t)readable : strlen(s);
	exp_puts(l, "\"");
	exp_escape(l, (const unsigned char *)s,
		   n > exp_str_max ? exp_str_max : n, 0);
	exp_puts(l, "\"");
	if (n > exp_str_max)
		exp_puts(l, "...");
}

/* For a path the kernel could not read (EFAULT): how many bytes from p
 * lie in mapped pages (mincore(2), not traced, says which are mapped),
 * up to 8 pages. A mapped page without read permission counts as
 * readable: the workloads make none. */
static inline long exp_readable(const char *p)
{
	long page = sysconf(_SC_PAGESIZE), n = 0, i;
	uintptr_t a = (uintptr_t)p & ~(uintptr_t)(page - 1);
	unsigned char vec;

	if ((uintptr_t)p < (uintptr_t)page)
		return 0;
	for (i = 0; i < 8; i++, a += (uintptr_t)page) {
		if (exp_raw(SYS_mincore, (long)a, page, (long)&vec, 0, 0, 0) != 0)
			break;
		n = (long)(a + (uintptr_t)page - (uintptr_t)p);
	}
	return n;
}

/* the readable argument of arg_path for a call that returned r */
#define EXP_PATH_READABLE(path, r) ((r) == -EFAULT ? exp_readable(path) : -1)

static inline void exp_ret_err(struct exp_line *l, long r)
{
	const char *desc, *name = exp_errno_name(-r, &desc);

	if (name) {
		exp_puts(l, "-1 ");
		exp_puts(l, name);
		exp_puts(l, " (");
		exp_puts(l, desc);
		exp_puts(l, ")");
	} else {
		exp_printf(l, "-1 errno %ld", -r);
	}
}

/* ") = ret" and keep the line */
static inline void exp_commit(struct exp_line *l)
{
	unsigned i, off;

	i = __atomic_fetch_add(&exp_nrec, 1, __ATOMIC_RELAXED);
	off = __atomic_fetch_add(&exp_used, (unsigned)l->len, __ATOMIC_RELAXED);
	if (i >= EXP_MAX || off + l->len > EXP_ARENA) {
		exp_overflow = 1; /* reported by exp_print() */
		return;
	}
	memcpy(exp_arena + off, l->buf, l->len);
	exp_recs[i].tid = l->tid;
	exp_recs[i].off = off;
	__atomic_store_n(&exp_recs[i].len, (unsigned)l->len, __ATOMIC_RELEASE);
}

static inline void ret_int(struct exp_line *l, long r)
{
	exp_puts(l, ") = ");
	if (r < 0 && r >= -4095)
		exp_ret_err(l, r);
	else
		exp_printf(l, "%ld", r);
	exp_commit(l);
}

static inline void ret_addr(struct exp_line *l, long r)
{
	exp_puts(l, ") = ");
	if (r < 0 && r >= -4095)
		exp_ret_err(l, r);
	else
		exp_printf(l, "0x%lx", (unsigned long)r);
	exp_commit(l);
}

static inline void ret_none(struct exp_line *l) /* exit_group */
{
	exp_puts(l, ") = ?");
	exp_commit(l);
}

/* An expectation for another thread or process (a child's exit_group). */
static inline void exp_for(struct exp_line *l, long tid)
{
	l->tid = tid;
}

/* ---- the region and the output ---------------------------------------- */

#define EXP_MODE_BEGIN 07001
#define EXP_MODE_END 07002

static inline void exp_marker(const char *which, const char *tag, long mode)
{
	char path[256];
	long r;

	snprintf(path, sizeof(path), "/aitrace-test/%s/%s", which, tag);
	r = exp_raw(SYS_openat, AT_FDCWD, (long)path, O_RDONLY, mode, 0, 0);
	if (r != -ENOENT)
		exp_fatal("marker %s: expected ENOENT, got %ld", path, r);
}

static inline void exp_begin(const char *tag)
{
	exp_init_from_env();
	exp_marker("begin", tag, EXP_MODE_BEGIN);
}

static inline void exp_end(const char *tag)
{
	exp_marker("end", tag, EXP_MODE_END);
}

/* "# pid N": which process the test must look for in the log */
static inline void exp_print_pid(void)
{
	printf("# pid %ld\n", (long)getpid());
}

/* Print the expectations, in the order they were recorded (per thread:
 * the order of the calls). Returns 0, or exits 99 if any was lost. */
static inline int exp_print(void)
{
	unsigned i, n = exp_nrec < EXP_MAX ? exp_nrec : EXP_MAX;

	if (exp_overflow)
		exp_fatal("more than %u expectations or %u bytes", EXP_MAX,
			  EXP_ARENA);
	exp_print_pid();
	for (i = 0; i < n; i++)
		printf("%ld %.*s\n", exp_recs[i].tid, (int)exp_recs[i].len,
		       exp_arena + exp_recs[i].off);
	if (fflush(stdout) != 0)
		exp_fatal("cannot write the expectations");
	return 0;
}

/* ---- one wrapper per syscall ------------------------------------------ *
 * Each makes the call and records its line. Types as in the format file. */

static inline long x_openat(long dfd, const char *path, long flags, long mode)
{
	struct exp_line l;
	long r = exp_raw(SYS_openat, dfd, (long)path, flags, mode, 0, 0);

	exp_start(&l, "openat");
	arg_int(&l, dfd);                  /* int dfd */
	arg_path(&l, path, EXP_PATH_READABLE(path, r));
	arg_int(&l, flags);                /* int flags */
	arg_umode(&l, mode);               /* umode_t mode */
	ret_int(&l, r);
	return r;
}

#ifdef SYS_open
static inline long x_open(const char *path, long flags, long mode)
{
	struct exp_line l;
	long r = exp_raw(SYS_open, (long)path, flags, mode, 0, 0, 0);

	exp_start(&l, "open");
	arg_path(&l, path, EXP_PATH_READABLE(path, r));
	arg_int(&l, flags);                /* int flags */
	arg_umode(&l, mode);               /* umode_t mode */
	ret_int(&l, r);
	return r;
}
#endif

static inline long x_read(long fd, void *buf, long count)
{
	struct exp_line l;
	long r = exp_raw(SYS_read, fd, (long)buf, count, 0, 0, 0);

	exp_start(&l, "read");
	arg_uint(&l, fd);                  /* unsigned int fd */
	arg_ptr(&l, buf);                  /* char *buf */
	arg_size(&l, count);               /* size_t count */
	ret_int(&l, r);
	return r;
}

static inline long x_write(long fd, const void *buf, long count)
{
	struct exp_line l;
	long r = exp_raw(SYS_write, fd, (long)buf, count, 0, 0, 0);

	exp_start(&l, "write");
	arg_uint(&l, fd);                  /* unsigned int fd */
	arg_ptr(&l, buf);                  /* const char *buf */
	arg_size(&l, count);               /* size_t count */
	ret_int(&l, r);
	return r;
}

static inline long x_close(long fd)
{
	struct exp_line l;
	long r = exp_raw(SYS_close, fd, 0, 0, 0, 0, 0);

	exp_start(&l, "close");
	arg_uint(&l, fd);                  /* unsigned int fd */
	ret_int(&l, r);
	return r;
}

static inline long x_mmap(long addr, long len, long prot, long flags,
			  long fd, long off)
{
	struct exp_line l;
	long r = exp_raw(SYS_mmap, addr, len, prot, flags, fd, off);

	exp_start(&l, "mmap");             /* all unsigned long */
	arg_ulong(&l, addr);
	arg_ulong(&l, len);
	arg_ulong(&l, prot);
	arg_ulong(&l, flags);
	arg_ulong(&l, fd);
	arg_ulong(&l, off);
	ret_addr(&l, r);
	return r;
}

static inline long x_munmap(long addr, long len)
{
	struct exp_line l;
	long r = exp_raw(SYS_munmap, addr, len, 0, 0, 0, 0);

	exp_start(&l, "munmap");
	arg_ulong(&l, addr);               /* unsigned long addr */
	arg_size(&l, len);                 /* size_t len */
	ret_int(&l, r);
	return r;
}

static inline long x_brk(long brk)
{
	struct exp_line l;
	long r = exp_raw(SYS_brk, brk, 0, 0, 0, 0, 0);

	exp_start(&l, "brk");
	arg_ulong(&l, brk);                /* unsigned long brk */
	ret_addr(&l, r);
	return r;
}

static inline long x_futex(void *uaddr, long op, long val, const void *utime,
			   void *uaddr2, long val3)
{
	struct exp_line l;
	long r = exp_raw(SYS_futex, (long)uaddr, op, val, (long)utime,
			 (long)uaddr2, val3);

	exp_start(&l, "futex");
	arg_ptr(&l, uaddr);                /* u32 *uaddr */
	arg_int(&l, op);                   /* int op */
	arg_uint(&l, val);                 /* u32 val */
	arg_ptr(&l, utime);                /* const struct __kernel_timespec * */
	arg_ptr(&l, uaddr2);               /* u32 *uaddr2 */
	arg_uint(&l, val3);                /* u32 val3 */
	ret_int(&l, r);
	return r;
}

static inline long x_ioctl(long fd, long cmd, long arg)
{
	struct exp_line l;
	long r = exp_raw(SYS_ioctl, fd, cmd, arg, 0, 0, 0);

	exp_start(&l, "ioctl");
	arg_uint(&l, fd);                  /* unsigned int fd */
	arg_uint(&l, cmd);                 /* unsigned int cmd */
	arg_ulong(&l, arg);                /* unsigned long arg */
	ret_int(&l, r);
	return r;
}

static inline long x_connect(long fd, const void *addr, long addrlen)
{
	struct exp_line l;
	long r = exp_raw(SYS_connect, fd, (long)addr, addrlen, 0, 0, 0);

	exp_start(&l, "connect");
	arg_int(&l, fd);                   /* int fd */
	arg_ptr(&l, addr);                 /* struct sockaddr *uservaddr */
	arg_int(&l, addrlen);              /* int addrlen */
	ret_int(&l, r);
	return r;
}

/* execve that fails (a successful one is recorded by the caller: it does
 * not return to record anything). */
static inline long x_execve(const char *path, char *const argv[],
			    char *const envp[])
{
	struct exp_line l;
	long r = exp_raw(SYS_execve, (long)path, (long)argv, (long)envp, 0, 0,
			 0);

	exp_start(&l, "execve");
	arg_path(&l, path, EXP_PATH_READABLE(path, r));
	arg_ptr(&l, argv);                 /* const char *const *argv */
	arg_ptr(&l, envp);                 /* const char *const *envp */
	ret_int(&l, r);
	return r;
}

/* exit_group(code) = ?, made by another process (tid) */
static inline void exp_exit_group(long tid, long code)
{
	struct exp_line l;

	exp_start(&l, "exit_group");
	exp_for(&l, tid);
	arg_int(&l, code);                 /* int error_code */
	ret_none(&l);
}

#endif
