/* What the tracer must log, computed by the workload that makes the calls.
 *
 * A workload makes each syscall through one of the x_<name>() wrappers
 * below: the wrapper issues the raw syscall (syscall(2), so libc adds and
 * changes nothing) and records the text the tracer must log for it,
 *
 *     openat(AT_FDCWD, "/dev/null", O_RDONLY|O_CLOEXEC) = 3</dev/null>
 *
 * from the real values: the fd returned, the buffer address, the mmap
 * result. Arguments are shown as strace shows them (decoded here from
 * libc's constants, independently of the tracer's tables):
 *
 *   pointer                     NULL or 0x<hex>
 *   int, long, pid_t ...        signed decimal of the C type's width
 *   unsigned int, u32           decimal of the C type's width
 *   unsigned long               0x<hex>, but 0 as 0
 *   size_t, mmap's len          decimal
 *   char * path or name         "escaped", cut at -s characters + "..."
 *   fd                          N<path> when the workload knows the path
 *                               (opened through x_openat, or named with
 *                               exp_fd_proc), else N
 *   flags, ops, requests        by name (O_RDONLY|O_CLOEXEC, PROT_READ,
 *                               MAP_PRIVATE|MAP_ANONYMOUS, FUTEX_WAKE_PRIVATE,
 *                               TCGETS, SIGCHLD)
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
 *     12345 openat(AT_FDCWD, "/dev/null", O_RDONLY) = 3</dev/null>
 *
 * The measured region lies between two markers that fail with ENOENT and
 * are easy to find in a log:
 *
 *     openat(AT_FDCWD, "/aitrace-test/begin/<tag>", O_RDONLY|O_CREAT, 07001)
 *     openat(AT_FDCWD, "/aitrace-test/end/<tag>", O_RDONLY|O_CREAT, 07002)
 *
 * (the directory does not exist, so nothing is created; the mode tells
 * the markers apart when -s cuts the path).
 *
 * The tracer names an fd it did not see opened from /proc/PID/fd when it
 * writes the line, some time after the call: exp_end() keeps the process
 * (and its fds) alive for a while, so that the tracer finds them.
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
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/ioctl.h>
#include <time.h>
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

/* ---- decoded arguments ---------------------------------------------- */

/* What the workload's fds refer to, as the tracer will name them. */
#define EXP_FDS 1024
static struct {
	char path[512];
	int known;
} exp_fds[EXP_FDS];

static inline void exp_fd_set(long fd, const char *path)
{
	if (fd >= 0 && fd < EXP_FDS) {
		snprintf(exp_fds[fd].path, sizeof(exp_fds[fd].path), "%s", path);
		exp_fds[fd].known = 1;
	}
}

static inline void exp_fd_clear(long fd)
{
	if (fd >= 0 && fd < EXP_FDS)
		exp_fds[fd].known = 0;
}

/* fd, made by a call the tracer does not trace (socket): it will ask
 * /proc, so ask it too (readlinkat is not traced either) */
static inline void exp_fd_proc(long fd)
{
	char link[64], path[512];
	long n;

	snprintf(link, sizeof(link), "/proc/self/fd/%ld", fd);
	n = exp_raw(SYS_readlinkat, AT_FDCWD, (long)link, (long)path,
		    sizeof(path) - 1, 0, 0);
	if (n > 0) {
		path[n] = '\0';
		exp_fd_set(fd, path);
	}
}

static inline void exp_escape(struct exp_line *l, const unsigned char *s,
			      size_t n, int word);

/* N, or N<path> with < and > escaped too (they delimit the path) */
static inline void arg_fd(struct exp_line *l, long fd)
{
	int v = (int)fd;
	size_t i, n;

	exp_sep(l);
	exp_printf(l, "%d", v);
	if (v < 0 || v >= EXP_FDS || !exp_fds[v].known)
		return;
	/* cut at -s like every string, "..." after */
	n = strlen(exp_fds[v].path);
	exp_puts(l, "<");
	for (i = 0; i < n && i < exp_str_max; i++) {
		unsigned char c = (unsigned char)exp_fds[v].path[i];

		if (c == '<' || c == '>')
			exp_printf(l, "\\x%02x", c);
		else
			exp_escape(l, &c, 1, 0);
	}
	exp_puts(l, n > exp_str_max ? "...>" : ">");
}

/* <path> of a known fd, without the number */
static inline void arg_fd_path_only(struct exp_line *l, long fd)
{
	struct exp_line tmp;
	const char *lt;

	tmp.len = 0;
	tmp.nargs = 0;
	arg_fd(&tmp, fd);
	lt = strchr(tmp.buf, '<');
	if (lt)
		exp_puts(l, lt);
}

static inline void arg_dirfd(struct exp_line *l, long fd)
{
	if ((int)fd == AT_FDCWD) {
		exp_sep(l);
		exp_puts(l, "AT_FDCWD");
		return;
	}
	arg_fd(l, fd);
}

struct exp_flag {
	unsigned long v;
	const char *name;
};

/* names joined by |, leftover bits in hex; 0 as zero */
static inline void exp_flags(struct exp_line *l, unsigned long v,
			     const struct exp_flag *tab, const char *zero)
{
	int any = 0;

	if (!v) {
		exp_puts(l, zero);
		return;
	}
	for (; tab->name && v; tab++)
		if (tab->v && (v & tab->v) == tab->v) {
			exp_puts(l, any++ ? "|" : "");
			exp_puts(l, tab->name);
			v &= ~tab->v;
		}
	if (v) {
		exp_puts(l, any ? "|" : "");
		exp_printf(l, "0x%lx", v);
	}
}

/* open flags: the access mode, then the flags strace names, in its order */
static inline void arg_open_flags(struct exp_line *l, long flags)
{
	static const struct exp_flag tab[] = {
		{ O_CREAT, "O_CREAT" },       { O_EXCL, "O_EXCL" },
		{ O_NOCTTY, "O_NOCTTY" },     { O_TRUNC, "O_TRUNC" },
		{ O_APPEND, "O_APPEND" },     { O_NONBLOCK, "O_NONBLOCK" },
		{ O_NOFOLLOW, "O_NOFOLLOW" }, { O_CLOEXEC, "O_CLOEXEC" },
		{ O_DIRECTORY, "O_DIRECTORY" }, { 0, NULL },
	};
	static const char *const acc[] = { "O_RDONLY", "O_WRONLY", "O_RDWR",
					   "O_ACCMODE" };

	exp_sep(l);
	exp_puts(l, acc[flags & O_ACCMODE]);
	if (flags & ~(long)O_ACCMODE) {
		exp_puts(l, "|");
		exp_flags(l, (unsigned long)flags & ~(unsigned long)O_ACCMODE,
			  tab, "");
	}
}

/* the mode, in octal, only when the flags create a file */
static inline void arg_open_mode(struct exp_line *l, long flags, long mode)
{
	if (!(flags & O_CREAT))
		return;
	exp_sep(l);
	exp_printf(l, "0%03lo", (unsigned long)mode & 07777);
}

static inline void arg_prot(struct exp_line *l, long prot)
{
	static const struct exp_flag tab[] = {
		{ 1, "PROT_READ" }, { 2, "PROT_WRITE" }, { 4, "PROT_EXEC" },
		{ 0, NULL },
	};

	exp_sep(l);
	exp_flags(l, (unsigned long)prot, tab, "PROT_NONE");
}

static inline void arg_mmap_flags(struct exp_line *l, long flags)
{
	static const struct exp_flag type[] = {
		{ 1, "MAP_SHARED" }, { 2, "MAP_PRIVATE" }, { 0, NULL },
	};
	static const struct exp_flag tab[] = {
		{ 0x10, "MAP_FIXED" }, { 0x20, "MAP_ANONYMOUS" }, { 0, NULL },
	};

	exp_sep(l);
	exp_flags(l, (unsigned long)flags & 3, type, "");
	if (flags & ~3L) {
		exp_puts(l, (flags & 3) ? "|" : "");
		exp_flags(l, (unsigned long)flags & ~3UL, tab, "");
	}
}

static inline void arg_udec(struct exp_line *l, long v)
{
	exp_sep(l);
	exp_printf(l, "%lu", (unsigned long)v);
}

/* A vector of strings as strace shows it: ["a", "b"] */
static inline void arg_argv(struct exp_line *l, char *const argv[])
{
	size_t i, n;

	exp_sep(l);
	exp_puts(l, "[");
	for (i = 0; argv[i]; i++) {
		n = strlen(argv[i]);
		exp_puts(l, i ? ", \"" : "\"");
		exp_escape(l, (const unsigned char *)argv[i],
			   n > exp_str_max ? exp_str_max : n, 0);
		exp_puts(l, "\"");
		if (n > exp_str_max)
			exp_puts(l, "...");
	}
	exp_puts(l, "]");
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
	r = exp_raw(SYS_openat, AT_FDCWD, (long)path, O_RDONLY | O_CREAT, mode,
		    0, 0);
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
	struct timespec ts = { 0, 500 * 1000 * 1000 };

	exp_marker("end", tag, EXP_MODE_END);
	/* the tracer names untraced fds from /proc when it writes their
	 * lines: stay until it has (nanosleep is not traced) */
	exp_raw(SYS_nanosleep, (long)&ts, 0, 0, 0, 0, 0);
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

/* ") = fd<path>" for an open that returned r: the tracer saw the path
 * (absolute, in these workloads) and names the new fd with it */
static inline void exp_opened(struct exp_line *l, long r, const char *path)
{
	if (r >= 0 && path && path[0] == '/') {
		exp_fd_set(r, path);
		exp_printf(l, ") = %ld", r);
		arg_fd_path_only(l, r);
		exp_commit(l);
		return;
	}
	exp_fd_clear(r);
	ret_int(l, r);
}

/* ---- one wrapper per syscall ------------------------------------------ *
 * Each makes the call and records its line. Types as in the format file. */

static inline long x_openat(long dfd, const char *path, long flags, long mode)
{
	struct exp_line l;
	long r = exp_raw(SYS_openat, dfd, (long)path, flags, mode, 0, 0);

	exp_start(&l, "openat");
	arg_dirfd(&l, dfd);
	arg_path(&l, path, EXP_PATH_READABLE(path, r));
	arg_open_flags(&l, flags);
	arg_open_mode(&l, flags, mode);
	exp_opened(&l, r, path);
	return r;
}

#ifdef SYS_open
static inline long x_open(const char *path, long flags, long mode)
{
	struct exp_line l;
	long r = exp_raw(SYS_open, (long)path, flags, mode, 0, 0, 0);

	exp_start(&l, "open");
	arg_path(&l, path, EXP_PATH_READABLE(path, r));
	arg_open_flags(&l, flags);
	arg_open_mode(&l, flags, mode);
	exp_opened(&l, r, path);
	return r;
}
#endif

static inline long x_read(long fd, void *buf, long count)
{
	struct exp_line l;
	long r = exp_raw(SYS_read, fd, (long)buf, count, 0, 0, 0);

	exp_start(&l, "read");
	arg_fd(&l, fd);
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
	arg_fd(&l, fd);
	arg_ptr(&l, buf);                  /* const char *buf */
	arg_size(&l, count);               /* size_t count */
	ret_int(&l, r);
	return r;
}

static inline long x_close(long fd)
{
	struct exp_line l;
	long r;

	/* the line and the table before the call: once the fd is closed,
	 * another thread may open the same number at once */
	exp_start(&l, "close");
	arg_fd(&l, fd);
	exp_fd_clear(fd);
	r = exp_raw(SYS_close, fd, 0, 0, 0, 0, 0);
	ret_int(&l, r);
	return r;
}

static inline long x_mmap(long addr, long len, long prot, long flags,
			  long fd, long off)
{
	struct exp_line l;
	long r = exp_raw(SYS_mmap, addr, len, prot, flags, fd, off);

	exp_start(&l, "mmap");
	arg_ptr(&l, (void *)addr);
	arg_udec(&l, len);
	arg_prot(&l, prot);
	arg_mmap_flags(&l, flags);
	arg_fd(&l, fd);
	arg_ulong(&l, off);
	ret_addr(&l, r);
	return r;
}

static inline long x_munmap(long addr, long len)
{
	struct exp_line l;
	long r = exp_raw(SYS_munmap, addr, len, 0, 0, 0, 0);

	exp_start(&l, "munmap");
	arg_ptr(&l, (void *)addr);
	arg_size(&l, len);                 /* size_t len */
	ret_int(&l, r);
	return r;
}

static inline long x_brk(long brk)
{
	struct exp_line l;
	long r = exp_raw(SYS_brk, brk, 0, 0, 0, 0, 0);

	exp_start(&l, "brk");
	arg_ptr(&l, (void *)brk);
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
	arg_ptr(&l, uaddr);
	exp_sep(&l);
	if (op == 129) { /* FUTEX_WAKE|FUTEX_PRIVATE_FLAG: 3 arguments */
		exp_puts(&l, "FUTEX_WAKE_PRIVATE");
		arg_uint(&l, val);
	} else if (op == 128) { /* FUTEX_WAIT_PRIVATE: 4 */
		exp_puts(&l, "FUTEX_WAIT_PRIVATE");
		arg_uint(&l, val);
		arg_ptr(&l, utime);
	} else {
		exp_fatal("x_futex: op %ld has no expectation here", op);
	}
	(void)uaddr2;
	(void)val3;
	ret_int(&l, r);
	return r;
}

static inline long x_ioctl(long fd, long cmd, long arg)
{
	struct exp_line l;
	long r = exp_raw(SYS_ioctl, fd, cmd, arg, 0, 0, 0);

	exp_start(&l, "ioctl");
	arg_fd(&l, fd);
	exp_sep(&l);
	if (cmd == TCGETS)
		exp_puts(&l, "TCGETS");
	else
		exp_fatal("x_ioctl: request 0x%lx has no expectation here", cmd);
	arg_ulong(&l, arg);
	ret_int(&l, r);
	return r;
}

static inline long x_connect(long fd, const void *addr, long addrlen)
{
	struct exp_line l;
	long r = exp_raw(SYS_connect, fd, (long)addr, addrlen, 0, 0, 0);

	exp_start(&l, "connect");
	arg_fd(&l, fd);
	exp_sep(&l);
	{
		const struct sockaddr_un *un = addr;

		if (un->sun_family != AF_UNIX || !un->sun_path[0])
			exp_fatal("x_connect: only named AF_UNIX addresses here");
		exp_puts(&l, "{sa_family=AF_UNIX, sun_path=\"");
		exp_escape(&l, (const unsigned char *)un->sun_path,
			   strnlen(un->sun_path, sizeof(un->sun_path)), 0);
		exp_puts(&l, "\"}");
	}
	arg_int(&l, addrlen);
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
	arg_argv(&l, argv);
	arg_ptr(&l, envp);                 /* envp: not read */
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
