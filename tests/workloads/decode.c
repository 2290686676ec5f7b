/* decode: every decoder of the default set, and the strace -y style lines
 * the tracer must log for them (docs/log-format.md).
 *
 *   usage: decode DIR             DIR: an empty directory, absolute path
 *          decode exec-child ...  (internal) exit_group(0) at once: the
 *                                 image the exec region's children run
 *
 * The text of every symbolic argument is written here next to the value
 * passed, as strace's own tests do ("O_RDONLY|O_CLOEXEC" beside
 * O_RDONLY|O_CLOEXEC), and checked against strace 6.1's output for the
 * same calls, never taken from the tracer's tables. Each fd argument
 * names the file the workload knows it refers to.
 *
 * One region per family, each between its own markers (tag decode-NAME),
 * each printed as "# section decode-NAME" followed by its lines:
 *
 *   files      open/openat flags, modes, errors (ENOENT, ENOTDIR, EISDIR,
 *              EEXIST), AT_FDCWD, a directory fd, a relative path, a path
 *              longer than -s, read/write/close with fd paths, a pipe
 *   reuse      a call on an fd the process closed shows no path, even when
 *              a later open reuses the number before the tracer looks
 *   tmpfile    an O_TMPFILE fd is named as /proc names it, not as its
 *              directory
 *   mem        mmap prot and flags, a file mapping at an offset, MAP_FIXED,
 *              a failure; munmap; brk(NULL)
 *   futex      WAKE, WAIT with and without a timeout, WAIT_BITSET with the
 *              clock flag, WAKE_BITSET, CMP_REQUEUE: strace's argument
 *              counts per operation
 *   process    fork(), vfork(), clone with fork-like, vfork-like and thread
 *              flags, clone3 with two struct sizes, failures; the children's
 *              exit_group lines
 *   thread     pthread_create (musl: clone): checked by the test from the
 *              "# thread" fact, as its addresses are libc's
 *   ioctl      TCGETS on /dev/null (ENOTTY) and on a pty, a DRM core request
 *              and driver-range, KFD- and NVIDIA-looking requests on
 *              /dev/null (the generic _IOC form), pty requests
 *   net        connect to AF_INET, AF_INET6 (::1 and v4-mapped), AF_UNIX
 *              path and abstract listeners of our own; refused, unnamed and
 *              short addresses
 *   exec       execve with 40 short arguments (cut after 32), with 40
 *              300-byte arguments (cut at -s and by the 4 KiB budget), with
 *              NULL and empty argv
 *   inherited  an fd opened by the test before tracing began (env
 *              DECODE_INHERITED=FD:PATH), named from /proc
 *   redirect   a child that dup2s another file onto that fd (as a shell's
 *              "cmd 7>file" does) and execs: its fd 7 is the new file
 *
 * Facts ("# " lines) for the JSON checks:
 *   # json TAG TID N OBJECT   in region TAG, the N-th record (from 0) of
 *                             thread TID holds OBJECT (a subset: null
 *                             means the key is absent)
 *   # thread TID NAME FLAGS   the pthread's tid, and the call and flags that
 *                             made it
 *   # no-ipv6                 the AF_INET6 calls were left out
 *
 * DECODE_WAIT=1: after printing, make one more marker (tag decode-printed)
 * and wait (at most 60 s) for SIGUSR1 before exiting, so that a tracer
 * still finds our fds in /proc: the test sends it once every log holds
 * that marker. EXPECT_STRSIZE: the tracer's -s.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sched.h>
#include <stddef.h>
#include <signal.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <termios.h>

#include "expect_line.h"

#ifndef MAP_HUGE_SHIFT
#define MAP_HUGE_SHIFT 26
#endif

/* <linux/futex.h>, which clashes with nothing but is not needed whole */
#define F_WAIT 0
#define F_WAKE 1
#define F_REQUEUE 3
#define F_CMP_REQUEUE 4
#define F_WAIT_BITSET 9
#define F_WAKE_BITSET 10
#define F_PRIVATE 128
#define F_CLOCK_REALTIME 256
#define F_BITSET_MATCH_ANY 0xffffffffu

/* <linux/sched.h> */
#define C_VM 0x100
#define C_FS 0x200
#define C_FILES 0x400
#define C_SIGHAND 0x800
#define C_VFORK 0x4000
#define C_THREAD 0x10000
#define C_SYSVSEM 0x40000
#define C_PARENT_SETTID 0x100000
#define C_CHILD_CLEARTID 0x200000

static const char *dir;        /* argv[1] */
static char self[4096];        /* our path, for the exec region */

/* ---- sections and facts ------------------------------------------------- */

#define SECTIONS 16
static struct {
	const char *tag;
	unsigned from, to;
} sect[SECTIONS];
static unsigned nsect;

static char facts[1 << 18];
static size_t facts_len;

static void section_begin(const char *tag)
{
	if (nsect == SECTIONS)
		exp_fatal("too many sections");
	sect[nsect].tag = tag;
	exp_begin(tag);
	sect[nsect].from = exp_nrec;
}

static void section_end(void)
{
	sect[nsect].to = exp_nrec;
	exp_end(sect[nsect].tag);
	nsect++;
}

static void fact(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void fact(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(facts + facts_len, sizeof(facts) - facts_len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n + 2 >= sizeof(facts) - facts_len)
		exp_fatal("facts overflow");
	facts_len += (size_t)n;
	facts[facts_len++] = '\n';
	facts[facts_len] = '\0';
}

/* Which record of thread tid in the current section the last one was. */
static unsigned nth_of(long tid)
{
	unsigned i, n = 0;

	for (i = sect[nsect].from; i < exp_nrec; i++)
		if (exp_recs[i].tid == tid)
			n++;
	return n - 1;
}

/* "# json TAG TID N OBJECT" for the last record of thread tid */
static void json_fact_for(long tid, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void json_fact_for(long tid, const char *fmt, ...)
{
	char obj[16384];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(obj, sizeof(obj), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(obj))
		exp_fatal("json fact too long");
	fact("# json %s %ld %u %s", sect[nsect].tag, tid, nth_of(tid), obj);
}

#define JSON_FACT(...) json_fact_for(exp_tid(), __VA_ARGS__)

/* s as a JSON string literal (the workload's own strings: ASCII) */
static const char *js(const char *s)
{
	static char buf[8][8192];
	static unsigned k;
	char *out = buf[k++ % 8];
	size_t o = 0;

	out[o++] = '"';
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (o + 8 >= sizeof(buf[0]))
			exp_fatal("js: string too long");
		if (c == '"' || c == '\\') {
			out[o++] = '\\';
			out[o++] = (char)c;
		} else if (c == '\n') {
			out[o++] = '\\';
			out[o++] = 'n';
		} else if (c < 0x20 || c >= 0x7f) {
			o += (size_t)sprintf(out + o, "\\u%04x", c);
		} else {
			out[o++] = (char)c;
		}
	}
	out[o++] = '"';
	out[o] = '\0';
	return out;
}

/* The first -s bytes of s (what a cut string keeps), as a JSON literal. */
static const char *js_cut(const char *s)
{
	static char tmp[4][4097];
	static unsigned k;
	char *t = tmp[k++ % 4];

	snprintf(t, exp_str_max + 1 < sizeof(tmp[0]) ? exp_str_max + 1
						       : sizeof(tmp[0]), "%s", s);
	return js(t);
}

static void print_all(void)
{
	unsigned s, i;

	exp_print_pid();
	fputs(facts, stdout);
	for (s = 0; s < nsect; s++) {
		printf("# section %s\n", sect[s].tag);
		for (i = sect[s].from; i < sect[s].to; i++)
			printf("%ld %.*s\n", exp_recs[i].tid,
			       (int)exp_recs[i].len,
			       exp_arena + exp_recs[i].off);
	}
	if (exp_overflow)
		exp_fatal("more than %u expectations", EXP_MAX);
	if (fflush(stdout) != 0)
		exp_fatal("cannot write the expectations");
}

/* ---- decoded arguments ---------------------------------------------------- */

/* <path> after an fd: escaped, cut at -s bytes with "..." */
static void fd_path(struct exp_line *l, const char *path)
{
	size_t n = strlen(path);

	exp_puts(l, "<");
	exp_escape(l, (const unsigned char *)path,
		   n > exp_str_max ? exp_str_max : n, 0);
	exp_puts(l, n > exp_str_max ? "...>" : ">");
}

/* N, or N<path> */
static void a_fd(struct exp_line *l, long fd, const char *path)
{
	exp_sep(l);
	exp_printf(l, "%d", (int)fd);
	if (path)
		fd_path(l, path);
}

static void a_dirfd(struct exp_line *l, long fd, const char *path)
{
	if ((int)fd == AT_FDCWD) {
		exp_sep(l);
		exp_puts(l, "AT_FDCWD");
		return;
	}
	a_fd(l, fd, path);
}

static void a_text(struct exp_line *l, const char *text)
{
	exp_sep(l);
	exp_puts(l, text);
}

static void a_udec(struct exp_line *l, unsigned long v)
{
	exp_sep(l);
	exp_printf(l, "%lu", v);
}

/* execve's argv as docs/log-format.md specifies it: at most 32 strings,
 * read while one more string of -s + 2 bytes fits in the budget of
 * max(4096, 4 * (-s + 2)) bytes, each cut at -s with "..."; ", ..." when
 * the vector went on. */
static void a_argv(struct exp_line *l, char *const argv[])
{
	size_t cap = exp_str_max + 2, budget = 4 * cap > 4096 ? 4 * cap : 4096;
	size_t used = 0, n;
	unsigned k;

	exp_sep(l);
	if (!argv) {
		exp_puts(l, "NULL");
		return;
	}
	exp_puts(l, "[");
	for (k = 0; argv[k]; k++) {
		if (k == 32 || used + cap > budget) {
			exp_puts(l, k ? ", ..." : "...");
			break;
		}
		n = strlen(argv[k]);
		exp_puts(l, k ? ", \"" : "\"");
		exp_escape(l, (const unsigned char *)argv[k],
			   n > exp_str_max ? exp_str_max : n, 0);
		exp_puts(l, n > exp_str_max ? "\"..." : "\"");
		used += n + 1 < cap ? n + 1 : cap;
	}
	exp_puts(l, "]");
}

/* How many strings a_argv shows, and whether it says more. */
static unsigned argv_shown(char *const argv[], int *more)
{
	size_t cap = exp_str_max + 2, budget = 4 * cap > 4096 ? 4 * cap : 4096;
	size_t used = 0, n;
	unsigned k;

	*more = 0;
	for (k = 0; argv[k]; k++) {
		if (k == 32 || used + cap > budget) {
			*more = 1;
			break;
		}
		n = strlen(argv[k]);
		used += n + 1 < cap ? n + 1 : cap;
	}
	return k;
}

/* ") = N<path>" */
static void ret_fd(struct exp_line *l, long r, const char *path)
{
	exp_puts(l, ") = ");
	if (r < 0 && r >= -4095) {
		exp_ret_err(l, r);
	} else {
		exp_printf(l, "%ld", r);
		if (path)
			fd_path(l, path);
	}
	exp_commit(l);
}

/* ---- one wrapper per call shape -------------------------------------------- */

static long d_openat(long dfd, const char *dfd_path, const char *path,
		     long flags, const char *flags_text, long mode,
		     const char *mode_text, const char *ret_path)
{
	struct exp_line l;
	long r = exp_raw(SYS_openat, dfd, (long)path, flags, mode, 0, 0);

	exp_start(&l, "openat");
	a_dirfd(&l, dfd, dfd_path);
	arg_path(&l, path, -1);
	a_text(&l, flags_text);
	if (mode_text) /* strace shows the mode only with O_CREAT */
		a_text(&l, mode_text);
	ret_fd(&l, r, ret_path);
	return r;
}

#ifdef SYS_open
static long d_open(const char *path, long flags, const char *flags_text,
		   long mode, const char *mode_text, const char *ret_path)
{
	struct exp_line l;
	long r = exp_raw(SYS_open, (long)path, flags, mode, 0, 0, 0);

	exp_start(&l, "open");
	arg_path(&l, path, -1);
	a_text(&l, flags_text);
	if (mode_text)
		a_text(&l, mode_text);
	ret_fd(&l, r, ret_path);
	return r;
}
#endif

static long d_rw(long nr, const char *name, long fd, const char *fdp,
		 const void *buf, long count)
{
	struct exp_line l;
	long r = exp_raw(nr, fd, (long)buf, count, 0, 0, 0);

	exp_start(&l, name);
	a_fd(&l, fd, fdp);
	arg_ptr(&l, buf);
	arg_size(&l, count);
	ret_int(&l, r);
	return r;
}

#define d_read(fd, fdp, buf, n) d_rw(SYS_read, "read", fd, fdp, buf, n)
#define d_write(fd, fdp, buf, n) d_rw(SYS_write, "write", fd, fdp, buf, n)

static long d_close(long fd, const char *fdp)
{
	struct exp_line l;
	long r = exp_raw(SYS_close, fd, 0, 0, 0, 0, 0);

	exp_start(&l, "close");
	a_fd(&l, fd, fdp);
	ret_int(&l, r);
	return r;
}

static long d_mmap(void *addr, unsigned long len, long prot,
		   const char *prot_text, long flags, const char *flags_text,
		   long fd, const char *fdp, unsigned long off)
{
	struct exp_line l;
	long r = exp_raw(SYS_mmap, (long)addr, (long)len, prot, flags, fd,
			 (long)off);

	exp_start(&l, "mmap");
	arg_ptr(&l, addr);
	a_udec(&l, len);
	a_text(&l, prot_text);
	a_text(&l, flags_text);
	a_fd(&l, fd, fdp);
	arg_ulong(&l, (long)off);          /* hex, 0 as 0 */
	ret_addr(&l, r);
	return r;
}

static long d_munmap(long addr, unsigned long len)
{
	struct exp_line l;
	long r = exp_raw(SYS_munmap, addr, (long)len, 0, 0, 0, 0);

	exp_start(&l, "munmap");
	arg_ptr(&l, (void *)addr);
	arg_size(&l, (long)len);
	ret_int(&l, r);
	return r;
}

static long d_brk(long addr)
{
	struct exp_line l;
	long r = exp_raw(SYS_brk, addr, 0, 0, 0, 0, 0);

	exp_start(&l, "brk");
	arg_ptr(&l, (void *)addr);
	ret_addr(&l, r);
	return r;
}

/* futex, showing what strace 6.1 shows for each operation:
 *   WAKE: uaddr, op, val                WAIT: uaddr, op, val, timeout
 *   WAIT_BITSET: uaddr, op, val, timeout, bitset
 *   WAKE_BITSET: uaddr, op, val, bitset
 *   CMP_REQUEUE: uaddr, op, val, val2, uaddr2, val3
 * bitset: FUTEX_BITSET_MATCH_ANY or hex. */
static long d_futex(uint32_t *uaddr, long op, const char *op_text, long val,
		    const void *utime, uint32_t *uaddr2, unsigned long val3)
{
	struct exp_line l;
	long r = exp_raw(SYS_futex, (long)uaddr, op, val, (long)utime,
			 (long)uaddr2, (long)val3);
	int cmd = (int)(op & ~(F_PRIVATE | F_CLOCK_REALTIME));

	exp_start(&l, "futex");
	arg_ptr(&l, uaddr);
	a_text(&l, op_text);
	arg_uint(&l, val);
	switch (cmd) {
	case F_WAKE:
		break;
	case F_WAIT:
		arg_ptr(&l, utime);
		break;
	case F_WAIT_BITSET:
	case F_WAKE_BITSET:
		if (cmd == F_WAIT_BITSET)
			arg_ptr(&l, utime);
		exp_sep(&l);
		if ((uint32_t)val3 == F_BITSET_MATCH_ANY)
			exp_puts(&l, "FUTEX_BITSET_MATCH_ANY");
		else
			exp_printf(&l, "%#x", (unsigned)val3);
		break;
	case F_CMP_REQUEUE:
		arg_uint(&l, (long)utime); /* val2 */
		arg_ptr(&l, uaddr2);
		arg_uint(&l, (long)val3);
		break;
	default:
		exp_fatal("d_futex: no expectation for op %ld", op);
	}
	ret_int(&l, r);
	return r;
}

static long d_ioctl(long fd, const char *fdp, unsigned long cmd,
		    const char *cmd_text, const void *arg)
{
	struct exp_line l;
	long r = exp_raw(SYS_ioctl, fd, (long)cmd, (long)arg, 0, 0, 0);

	exp_start(&l, "ioctl");
	a_fd(&l, fd, fdp);
	a_text(&l, cmd_text);
	arg_ulong(&l, (long)arg);          /* unsigned long arg: hex */
	ret_int(&l, r);
	return r;
}

static long d_connect(long fd, const char *fdp, const void *addr, long len,
		      const char *addr_text)
{
	struct exp_line l;
	long r = exp_raw(SYS_connect, fd, (long)addr, len, 0, 0, 0);

	exp_start(&l, "connect");
	a_fd(&l, fd, fdp);
	a_text(&l, addr_text);
	arg_int(&l, len);
	ret_int(&l, r);
	return r;
}

/* the line of an execve made by tid (the caller's, or a child's) */
static void execve_line(long tid, const char *path, char *const argv[],
			char *const envp[], long r)
{
	struct exp_line l;

	exp_start(&l, "execve");
	exp_for(&l, tid);
	arg_path(&l, path, -1);
	a_argv(&l, argv);
	arg_ptr(&l, envp);                 /* envp: not read */
	ret_int(&l, r);
}

static void exit_group_line(long tid, int code)
{
	struct exp_line l;

	exp_start(&l, "exit_group");
	exp_for(&l, tid);
	arg_int(&l, code);
	ret_none(&l);
}

/* ---- helpers ------------------------------------------------------------- */

static char *path_in(const char *name)
{
	char *p = malloc(strlen(dir) + strlen(name) + 2);

	if (!p)
		exp_fatal("out of memory");
	sprintf(p, "%s/%s", dir, name);
	return p;
}

/* readlink of /proc/self/fd/N (readlinkat is not traced), as the tracer
 * will find it for an fd it did not see opened */
static char *proc_fd(long fd)
{
	char link[64], *path = malloc(4096);
	long n;

	if (!path)
		exp_fatal("out of memory");
	snprintf(link, sizeof(link), "/proc/self/fd/%ld", fd);
	n = exp_raw(SYS_readlinkat, AT_FDCWD, (long)link, (long)path, 4095, 0,
		    0);
	if (n <= 0)
		exp_fatal("readlink %s: %ld", link, n);
	path[n] = '\0';
	return path;
}

static void make_file(const char *path, size_t size)
{
	static char block[4096];
	long fd = exp_raw(SYS_openat, AT_FDCWD, (long)path,
			  O_WRONLY | O_CREAT | O_TRUNC, 0644, 0, 0);
	size_t done;

	if (fd < 0)
		exp_fatal("cannot create %s: %ld", path, fd);
	memset(block, 'd', sizeof(block));
	for (done = 0; done < size; done += sizeof(block))
		if (exp_raw(SYS_write, fd, (long)block,
			    (long)(size - done < sizeof(block) ? size - done
							       : sizeof(block)),
			    0, 0, 0) < 0)
			exp_fatal("cannot write %s", path);
	exp_raw(SYS_close, fd, 0, 0, 0, 0, 0);
}

static void reap(long pid, int code)
{
	int status = 0;
	long r;

	if (pid <= 0)
		exp_fatal("could not start a child: %ld", pid);
	r = exp_raw(SYS_wait4, pid, (long)&status, __WALL, 0, 0, 0);
	if (r != pid || !WIFEXITED(status) || WEXITSTATUS(status) != code)
		exp_fatal("child %ld: wait4 = %ld, status 0x%x, want exit %d",
			  pid, r, status, code);
}

/* ---- files --------------------------------------------------------------- */

static char buf[8192];
static long data_fd, rel_fd, pipe_fd[2];

static void files(void)
{
	char *data = path_in("data"), *created = path_in("created"),
	     *missing = path_in("missing"), *sub = path_in("sub"),
	     *notdir = path_in("data/x"), *subrel = path_in("sub/rel"),
	     *lng, *pr, *pw;
	char name[251];
	long fd, wfd, dfd, r;
	int pfd[2];

	memset(name, 'L', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	lng = path_in(name);       /* longer than -s 256 */
	make_file(lng, 100);
	if (exp_raw(SYS_pipe2, (long)pfd, 0, 0, 0, 0, 0) != 0)
		exp_fatal("pipe2");
	pipe_fd[0] = pfd[0];
	pipe_fd[1] = pfd[1];
	pr = proc_fd(pfd[0]);
	pw = proc_fd(pfd[1]);

	section_begin("decode-files");
	fd = d_openat(AT_FDCWD, NULL, data, O_RDONLY | O_CLOEXEC,
		      "O_RDONLY|O_CLOEXEC", 0, NULL, data);
	JSON_FACT("{\"args\":{\"dfd\":{\"raw\":-100,\"text\":\"AT_FDCWD\"},"
		  "\"filename\":{\"str\":%s,\"cut\":null},"
		  "\"flags\":{\"raw\":%d,\"text\":\"O_RDONLY|O_CLOEXEC\"},"
		  "\"mode\":{\"shown\":false}},"
		  "\"ret\":%ld,\"ret_path\":%s,\"ret_path_source\":\"seen\","
		  "\"errno\":null}",
		  js(data), O_RDONLY | O_CLOEXEC, fd, js(data));
	data_fd = fd;
#ifdef SYS_open
	wfd = d_open(created, O_WRONLY | O_CREAT | O_TRUNC,
		     "O_WRONLY|O_CREAT|O_TRUNC", 0640, "0640", created);
#else
	wfd = d_openat(AT_FDCWD, NULL, created, O_WRONLY | O_CREAT | O_TRUNC,
		       "O_WRONLY|O_CREAT|O_TRUNC", 0640, "0640", created);
#endif
	JSON_FACT("{\"args\":{\"mode\":{\"raw\":416,\"text\":\"0640\",\"shown\":null}},"
		  "\"ret\":%ld,\"ret_path\":%s}", wfd, js(created));
	r = d_openat(AT_FDCWD, NULL, missing, O_RDONLY, "O_RDONLY", 0, NULL,
		     NULL);
	JSON_FACT("{\"ret\":%ld,\"errno\":\"ENOENT\",\"errno_nr\":%d,"
		  "\"ret_path\":null}", r, ENOENT);
	d_openat(AT_FDCWD, NULL, notdir, O_RDONLY, "O_RDONLY", 0, NULL, NULL);
	JSON_FACT("{\"errno\":\"ENOTDIR\",\"errno_nr\":%d}", ENOTDIR);
	d_openat(AT_FDCWD, NULL, dir, O_WRONLY, "O_WRONLY", 0, NULL, NULL);
	JSON_FACT("{\"errno\":\"EISDIR\",\"errno_nr\":%d}", EISDIR);
	d_openat(AT_FDCWD, NULL, data, O_RDWR | O_CREAT | O_EXCL,
		 "O_RDWR|O_CREAT|O_EXCL", 0600, "0600", NULL);
	JSON_FACT("{\"args\":{\"mode\":{\"raw\":384,\"text\":\"0600\"}},"
		  "\"errno\":\"EEXIST\"}");
	/* a directory fd, and paths relative to it */
	dfd = d_openat(AT_FDCWD, NULL, sub, O_RDONLY | O_DIRECTORY | O_CLOEXEC,
		       "O_RDONLY|O_CLOEXEC|O_DIRECTORY", 0, NULL, sub);
	rel_fd = d_openat(dfd, sub, "rel", O_RDONLY | O_NOFOLLOW,
			  "O_RDONLY|O_NOFOLLOW", 0, NULL, subrel);
	JSON_FACT("{\"args\":{\"dfd\":{\"raw\":%ld,\"text\":\"%ld<%s>\","
		  "\"path\":%s,\"path_source\":\"seen\"},"
		  "\"filename\":{\"str\":\"rel\"}},"
		  "\"ret\":%ld,\"ret_path\":%s,\"ret_path_source\":\"seen\"}",
		  dfd, dfd, sub, js(sub), rel_fd, js(subrel));
	d_openat(dfd, sub, "missing", O_RDONLY, "O_RDONLY", 0, NULL, NULL);
	/* relative to the working directory (chdir is not traced): the
	 * tracer asks /proc for the absolute path of the new fd */
	fd = d_openat(AT_FDCWD, NULL, "data", O_RDONLY, "O_RDONLY", 0, NULL,
		      data);
	JSON_FACT("{\"args\":{\"filename\":{\"str\":\"data\"}},"
		  "\"ret\":%ld,\"ret_path\":%s,\"ret_path_source\":\"proc\"}",
		  fd, js(data));
	d_read(fd, data, buf, 16);
	JSON_FACT("{\"args\":{\"fd\":{\"raw\":%ld,\"path\":%s,"
		  "\"path_source\":\"proc\"}},\"ret\":16}", fd, js(data));
	/* longer than -s: the path and the fd's name are cut */
	fd = d_openat(AT_FDCWD, NULL, lng, O_RDONLY, "O_RDONLY", 0, NULL, lng);
	JSON_FACT("{\"args\":{\"filename\":{\"str\":%s,\"cut\":true}},"
		  "\"ret\":%ld,\"ret_path\":%s,\"ret_path_cut\":true}",
		  js_cut(lng), fd, js_cut(lng));
	d_read(fd, lng, buf, 100);
	JSON_FACT("{\"args\":{\"fd\":{\"path\":%s,\"path_cut\":true}}}",
		  js_cut(lng));
	/* read, write, close with paths */
	d_read(data_fd, data, buf, 64);
	JSON_FACT("{\"args\":{\"fd\":{\"raw\":%ld,\"text\":\"%ld<%s>\","
		  "\"path\":%s,\"path_source\":\"seen\"},"
		  "\"buf\":{\"raw\":%lu},\"count\":{\"raw\":64,\"text\":\"64\"}},"
		  "\"ret\":64}",
		  data_fd, data_fd, data, js(data), (unsigned long)buf);
	d_write(wfd, created, "hello", 5);
	d_read(rel_fd, subrel, buf, sizeof(buf));
	d_close(wfd, created);
	d_close(dfd, sub);
	/* a pipe (pipe2 is not traced): named from /proc */
	d_write(pfd[1], pw, "x", 1);
	JSON_FACT("{\"args\":{\"fd\":{\"path\":%s,\"path_source\":\"proc\"}}}",
		  js(pw));
	d_read(pfd[0], pr, buf, 1);
	/* an fd that was never open */
	d_read(900, NULL, buf, 1);
	JSON_FACT("{\"args\":{\"fd\":{\"raw\":900,\"text\":\"900\",\"path\":null}},"
		  "\"errno\":\"EBADF\",\"errno_nr\":%d}", EBADF);
	section_end();
	/* the fds named from /proc stay open until we exit */
}

/* ---- reuse --------------------------------------------------------------- */

static void reuse(void)
{
	char *data = path_in("data"), *created = path_in("created");
	long fd, fd2;

	section_begin("decode-reuse");
	fd = d_openat(AT_FDCWD, NULL, data, O_RDONLY, "O_RDONLY", 0, NULL, data);
	d_close(fd, data);
	/* strace -y shows no path for an fd that is closed */
	d_read(fd, NULL, buf, 1);
	JSON_FACT("{\"args\":{\"fd\":{\"raw\":%ld,\"path\":null}},"
		  "\"errno\":\"EBADF\"}", fd);
	d_ioctl(fd, NULL, TCGETS, "TCGETS", buf);
	/* the number is taken again before the tracer writes the lines above */
	fd2 = d_openat(AT_FDCWD, NULL, created, O_RDONLY, "O_RDONLY", 0, NULL,
		       created);
	if (fd2 != fd)
		exp_fatal("reuse: got fd %ld, not %ld", fd2, fd);
	d_read(fd2, created, buf, 1);
	section_end();
}

/* ---- tmpfile -------------------------------------------------------------- */

/* O_TMPFILE makes an unnamed file in the directory: strace -y names the fd
 * as /proc does ("/dir/#1234 (deleted)"), not as the directory */
static void tmpfile_(void)
{
	static char name[4096], link[64];
	long fd, n;

	section_begin("decode-tmpfile");
	fd = exp_raw(SYS_openat, AT_FDCWD, (long)dir, O_RDWR | O_TMPFILE, 0600,
		     0, 0);
	if (fd >= 0) { /* readlinkat is not traced; no malloc (brk) here */
		snprintf(link, sizeof(link), "/proc/self/fd/%ld", fd);
		n = exp_raw(SYS_readlinkat, AT_FDCWD, (long)link, (long)name,
			    sizeof(name) - 1, 0, 0);
		if (n <= 0)
			exp_fatal("readlink %s: %ld", link, n);
		name[n] = '\0';
	}
	{
		struct exp_line l;

		exp_start(&l, "openat");
		a_dirfd(&l, AT_FDCWD, NULL);
		arg_path(&l, dir, -1);
		a_text(&l, "O_RDWR|O_TMPFILE");
		a_text(&l, "0600");
		ret_fd(&l, fd, fd >= 0 ? name : NULL);
	}
	if (fd < 0) /* a file system without O_TMPFILE: the error is the line */
		goto out;
	d_write(fd, name, "x", 1);
	JSON_FACT("{\"args\":{\"fd\":{\"path\":%s}}}", js(name));
out:
	section_end();
	/* the fd stays open until we exit: the tracer may ask /proc */
}

/* ---- memory --------------------------------------------------------------- */

static void mem(void)
{
	long a, b, c, d, e, f;

	section_begin("decode-mem");
	a = d_mmap(NULL, 8192, PROT_READ | PROT_WRITE, "PROT_READ|PROT_WRITE",
		   MAP_PRIVATE | MAP_ANONYMOUS, "MAP_PRIVATE|MAP_ANONYMOUS", -1,
		   NULL, 0);
	JSON_FACT("{\"args\":{\"addr\":{\"raw\":0,\"text\":\"NULL\"},"
		  "\"len\":{\"raw\":8192,\"text\":\"8192\"},"
		  "\"prot\":{\"raw\":3,\"text\":\"PROT_READ|PROT_WRITE\"},"
		  "\"flags\":{\"raw\":34,\"text\":\"MAP_PRIVATE|MAP_ANONYMOUS\"},"
		  "\"fd\":{\"text\":\"-1\",\"path\":null},"
		  "\"off\":{\"raw\":0,\"text\":\"0\"}},\"ret\":%ld}", a);
	/* a file mapping at an offset */
	b = d_mmap(NULL, 4096, PROT_READ, "PROT_READ", MAP_SHARED, "MAP_SHARED",
		   data_fd, path_in("data"), 4096);
	JSON_FACT("{\"args\":{\"fd\":{\"raw\":%ld,\"path\":%s},"
		  "\"off\":{\"raw\":4096,\"text\":\"0x1000\"}},\"ret\":%ld}",
		  data_fd, js(path_in("data")), b);
	d_mmap((void *)a, 4096, PROT_READ | PROT_EXEC, "PROT_READ|PROT_EXEC",
	       MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS,
	       "MAP_PRIVATE|MAP_FIXED|MAP_ANONYMOUS", -1, NULL, 0);
	c = d_mmap(NULL, 4096, PROT_NONE, "PROT_NONE",
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
		   "MAP_PRIVATE|MAP_ANONYMOUS|MAP_NORESERVE", -1, NULL, 0);
	d = d_mmap(NULL, 4096, PROT_READ | PROT_WRITE, "PROT_READ|PROT_WRITE",
		   MAP_SHARED | MAP_ANONYMOUS | MAP_POPULATE,
		   "MAP_SHARED|MAP_ANONYMOUS|MAP_POPULATE", -1, NULL, 0);
	/* a bit PROT_* does not name: in hex */
	e = d_mmap(NULL, 4096, PROT_READ | 0x20, "PROT_READ|0x20",
		   MAP_PRIVATE | MAP_ANONYMOUS, "MAP_PRIVATE|MAP_ANONYMOUS", -1,
		   NULL, 0);
	/* huge pages: mapped or ENOMEM, the line says which */
	f = d_mmap(NULL, 2 << 20, PROT_READ | PROT_WRITE, "PROT_READ|PROT_WRITE",
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB | (21 << MAP_HUGE_SHIFT),
		   "MAP_PRIVATE|MAP_ANONYMOUS|MAP_HUGETLB|MAP_HUGE_2MB", -1,
		   NULL, 0);
	d_mmap(NULL, 4096, PROT_READ, "PROT_READ", MAP_PRIVATE, "MAP_PRIVATE",
	       900, NULL, 0);
	JSON_FACT("{\"errno\":\"EBADF\",\"ret\":-%d}", EBADF);
	d_munmap(a, 8192);
	d_munmap(b, 4096);
	d_munmap(c, 4096);
	d_munmap(d, 4096);
	if (e > 0)
		d_munmap(e, 4096);
	if (f > 0)
		d_munmap(f, 2 << 20);
	a = d_brk(0);
	JSON_FACT("{\"args\":{\"brk\":{\"raw\":0,\"text\":\"NULL\"}},\"ret\":%ld}", a);
	section_end();
}

/* ---- futex ----------------------------------------------------------------- */

static void futexes(void)
{
	static uint32_t word, word2;
	struct timespec ts = { 0, 1000 };

	section_begin("decode-futex");
	d_futex(&word, F_WAKE | F_PRIVATE, "FUTEX_WAKE_PRIVATE", 1, NULL, NULL, 0);
	JSON_FACT("{\"args\":{\"op\":{\"raw\":129,\"text\":\"FUTEX_WAKE_PRIVATE\"},"
		  "\"val\":{\"raw\":1},\"utime\":{\"shown\":false},"
		  "\"uaddr2\":{\"shown\":false},\"val3\":{\"shown\":false}},"
		  "\"ret\":0}");
	d_futex(&word, F_WAKE, "FUTEX_WAKE", 2147483647, NULL, NULL, 0);
	d_futex(&word, F_WAIT | F_PRIVATE, "FUTEX_WAIT_PRIVATE", 0, &ts, NULL, 0);
	JSON_FACT("{\"args\":{\"utime\":{\"raw\":%lu,\"shown\":null},"
		  "\"uaddr2\":{\"shown\":false},\"val3\":{\"shown\":false}},"
		  "\"errno\":\"ETIMEDOUT\"}", (unsigned long)&ts);
	d_futex(&word, F_WAIT, "FUTEX_WAIT", 1, NULL, NULL, 0);
	d_futex(&word, F_WAIT_BITSET | F_PRIVATE | F_CLOCK_REALTIME,
		"FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME", 1, &ts, NULL,
		F_BITSET_MATCH_ANY);
	JSON_FACT("{\"args\":{\"op\":{\"raw\":393},\"uaddr2\":{\"shown\":false},"
		  "\"val3\":{\"shown\":null,\"text\":\"FUTEX_BITSET_MATCH_ANY\"}},"
		  "\"errno\":\"EAGAIN\"}");
	d_futex(&word, F_WAIT_BITSET | F_PRIVATE, "FUTEX_WAIT_BITSET_PRIVATE", 1,
		NULL, NULL, 1);
	d_futex(&word, F_WAKE_BITSET | F_PRIVATE, "FUTEX_WAKE_BITSET_PRIVATE", 1,
		NULL, NULL, F_BITSET_MATCH_ANY);
	JSON_FACT("{\"args\":{\"utime\":{\"shown\":false},"
		  "\"uaddr2\":{\"shown\":false},\"val3\":{\"shown\":null}}}");
	d_futex(&word, F_CMP_REQUEUE | F_PRIVATE, "FUTEX_CMP_REQUEUE_PRIVATE", 1,
		(const void *)2, &word2, 0);
	JSON_FACT("{\"args\":{\"utime\":{\"raw\":2,\"text\":\"2\"},"
		  "\"uaddr2\":{\"raw\":%lu}}}", (unsigned long)&word2);
	section_end();
}

/* ---- process ------------------------------------------------------------- */

/* A clone-like call whose child makes one more syscall (exit_nr, code)
 * without touching memory: it needs no stack of its own, so a child
 * sharing our memory (CLONE_VM) is safe. */
#if defined(__x86_64__)
#define HAVE_RAW_CLONE 1
static long clone_then(long nr, long a1, long a2, long a3, long a4, long a5,
		       long exit_nr, long code)
{
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	register long r9 __asm__("r9") = exit_nr;
	register long r12 __asm__("r12") = code;
	long ret;

	__asm__ volatile("syscall\n\t"
			 "test %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "mov %%r9, %%rax\n\t"
			 "mov %%r12, %%rdi\n\t"
			 "syscall\n\t"
			 "hlt\n"
			 "1:"
			 : "=a"(ret)
			 : "a"(nr), "D"(a1), "S"(a2), "d"(a3), "r"(r10),
			   "r"(r8), "r"(r9), "r"(r12)
			 : "rcx", "r11", "memory");
	return ret;
}
#endif

/* clone(flags, newsp, parent_tid, child_tid, tls) in the format file's
 * order, which depends on the architecture (CONFIG_CLONE_BACKWARDS) */
static void clone_line(const char *flags_text, void *sp, int *ptid,
		       int *ctid, long r)
{
	struct exp_line l;

	exp_start(&l, "clone");
	a_text(&l, flags_text);
	arg_ptr(&l, sp);                   /* unsigned long newsp: an address */
	arg_ptr(&l, ptid);
#if defined(__aarch64__)
	arg_ulong(&l, 0);                  /* unsigned long tls */
	arg_ptr(&l, ctid);
#else
	arg_ptr(&l, ctid);
	arg_ulong(&l, 0);                  /* unsigned long tls */
#endif
	ret_int(&l, r);
}

#ifdef HAVE_RAW_CLONE
static long raw_clone(long flags, void *sp, int *ptid, int *ctid,
		      long exit_nr, long code)
{
	return clone_then(SYS_clone, flags, (long)sp, (long)ptid, (long)ctid,
			  0, exit_nr, code);
}
#endif

/* A child process that returns 0 like fork(): musl's fork() makes SYS_fork
 * where the architecture has it (nothing else the tracer sees); elsewhere a
 * raw clone(SIGCHLD), which returns twice like fork. The parent's line. */
static long spawn(void)
{
#ifdef SYS_fork
	return fork();
#else
	return exp_raw(SYS_clone, SIGCHLD, 0, 0, 0, 0, 0);
#endif
}

static void spawn_line(long r)
{
#ifdef SYS_fork
	struct exp_line l;

	exp_start(&l, "fork");
	ret_int(&l, r);
#else
	clone_line("SIGCHLD", NULL, NULL, NULL, r);
#endif
}

struct clone_args_v2 { /* struct clone_args, 88 bytes since Linux 5.7 */
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack,
		stack_size, tls, set_tid, set_tid_size, cgroup;
};

static void process(void)
{
	static char stack[16384] __attribute__((aligned(16)));
	static int ptid, ctid;
	static struct clone_args_v2 ca;
	void *sp = stack + sizeof(stack);
	struct exp_line l;
	long r;

	section_begin("decode-process");
	/* fork() and vfork() as musl makes them (SYS_fork, SYS_vfork) */
#if defined(__x86_64__)
	r = spawn();
	if (r == 0)
		_exit(4);
	spawn_line(r);
	reap(r, 4);
	exit_group_line(r, 4);
	JSON_FACT("{\"args\":{},\"ret\":%ld}", r);

	r = vfork();
	if (r == 0)
		_exit(6);
	exp_start(&l, "vfork");
	ret_int(&l, r);
	reap(r, 6);
	exit_group_line(r, 6);
#endif
#ifdef HAVE_RAW_CLONE
	/* fork-like */
	r = raw_clone(SIGCHLD, NULL, NULL, NULL, SYS_exit_group, 3);
	clone_line("SIGCHLD", NULL, NULL, NULL, r);
	JSON_FACT("{\"args\":{\"clone_flags\":{\"raw\":%d,\"text\":\"SIGCHLD\"},"
		  "\"newsp\":{\"raw\":0,\"text\":\"NULL\"}},\"ret\":%ld}",
		  SIGCHLD, r);
	reap(r, 3);
	exit_group_line(r, 3);
	r = raw_clone(C_PARENT_SETTID | SIGCHLD, NULL, &ptid, NULL,
		      SYS_exit_group, 5);
	clone_line("CLONE_PARENT_SETTID|SIGCHLD", NULL, &ptid, NULL, r);
	reap(r, 5);
	exit_group_line(r, 5);
	/* vfork-like (posix_spawn's): the child shares our memory */
	r = raw_clone(C_VM | C_VFORK | SIGCHLD, sp, NULL, NULL, SYS_exit_group,
		      7);
	clone_line("CLONE_VM|CLONE_VFORK|SIGCHLD", sp, NULL, NULL, r);
	reap(r, 7);
	exit_group_line(r, 7);
	/* a thread that exits at once (exit is not traced) */
	ctid = 1;
	r = raw_clone(C_VM | C_FS | C_FILES | C_SIGHAND | C_THREAD | C_SYSVSEM |
			      C_PARENT_SETTID | C_CHILD_CLEARTID,
		      sp, &ptid, &ctid, SYS_exit, 0);
	clone_line("CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|"
		   "CLONE_SYSVSEM|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID",
		   sp, &ptid, &ctid, r);
	JSON_FACT("{\"args\":{\"clone_flags\":{\"raw\":%d},"
		  "\"newsp\":{\"raw\":%lu},\"parent_tidptr\":{\"raw\":%lu},"
		  "\"child_tidptr\":{\"raw\":%lu}},\"ret\":%ld}",
		  C_VM | C_FS | C_FILES | C_SIGHAND | C_THREAD | C_SYSVSEM |
			  C_PARENT_SETTID | C_CHILD_CLEARTID,
		  (unsigned long)sp, (unsigned long)&ptid,
		  (unsigned long)&ctid, r);
	if (r > 0) /* the kernel clears ctid when the thread is gone */
		while (__atomic_load_n(&ctid, __ATOMIC_ACQUIRE) != 0)
			sched_yield();
	/* refused: a thread without CLONE_SIGHAND */
	r = raw_clone(C_THREAD | SIGCHLD, NULL, NULL, NULL, SYS_exit_group, 9);
	clone_line("CLONE_THREAD|SIGCHLD", NULL, NULL, NULL, r);
	if (r > 0)
		exp_fatal("clone(CLONE_THREAD|SIGCHLD) succeeded");
#endif
#if defined(SYS_clone3) && defined(HAVE_RAW_CLONE)
	memset(&ca, 0, sizeof(ca));
	ca.exit_signal = SIGCHLD;
	r = clone_then(SYS_clone3, (long)&ca, 88, 0, 0, 0, SYS_exit_group, 8);
	exp_start(&l, "clone3");
	a_text(&l, "{flags=0, exit_signal=SIGCHLD, stack=NULL, stack_size=0}");
	arg_size(&l, 88);
	ret_int(&l, r);
	JSON_FACT("{\"args\":{\"uargs\":{\"raw\":%lu,"
		  "\"text\":\"{flags=0, exit_signal=SIGCHLD, stack=NULL, stack_size=0}\"},"
		  "\"size\":{\"raw\":88,\"text\":\"88\"}},\"ret\":%ld}",
		  (unsigned long)&ca, r);
	if (r != -ENOSYS) {
		reap(r, 8);
		exit_group_line(r, 8);
	}
	/* the first published size (64), with a field the flag makes count */
	ca.flags = C_PARENT_SETTID;
	ca.parent_tid = (uint64_t)(uintptr_t)&ptid;
	r = clone_then(SYS_clone3, (long)&ca, 64, 0, 0, 0, SYS_exit_group, 10);
	exp_start(&l, "clone3");
	exp_sep(&l);
	exp_printf(&l, "{flags=CLONE_PARENT_SETTID, parent_tid=%p, ",
		   (void *)&ptid);
	exp_puts(&l, "exit_signal=SIGCHLD, stack=NULL, stack_size=0}");
	arg_size(&l, 64);
	ret_int(&l, r);
	if (r != -ENOSYS) {
		reap(r, 10);
		exit_group_line(r, 10);
	}
	/* refused: CLONE_THREAD alone */
	ca.flags = C_THREAD;
	ca.parent_tid = 0;
	ca.exit_signal = 0;
	r = clone_then(SYS_clone3, (long)&ca, 88, 0, 0, 0, SYS_exit_group, 11);
	exp_start(&l, "clone3");
	a_text(&l, "{flags=CLONE_THREAD, exit_signal=0, stack=NULL, stack_size=0}");
	arg_size(&l, 88);
	ret_int(&l, r);
	if (r > 0)
		exp_fatal("clone3(CLONE_THREAD) succeeded");
#endif
	section_end();
}

/* ---- thread -------------------------------------------------------------- */

static long thread_tid;

static void *thread_main(void *arg)
{
	__atomic_store_n(&thread_tid, syscall(SYS_gettid), __ATOMIC_RELEASE);
	return arg;
}

static void thread(void)
{
	pthread_t t;

	section_begin("decode-thread");
	if (pthread_create(&t, NULL, thread_main, NULL) != 0 ||
	    pthread_join(t, NULL) != 0)
		exp_fatal("pthread_create");
	section_end();
#if defined(__GLIBC__)
	fact("# thread %ld clone3 flags=CLONE_VM|CLONE_FS|CLONE_FILES|"
	     "CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|"
	     "CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID", thread_tid);
#else /* musl: clone, with the ignored CLONE_DETACHED */
	fact("# thread %ld clone CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|"
	     "CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|"
	     "CLONE_CHILD_CLEARTID|CLONE_DETACHED", thread_tid);
#endif
}

/* ---- ioctl ----------------------------------------------------------------- */

/* _IOC for the generic form, from the asm-generic layout (x86, arm64) */
#define IOC(dir, type, nr, size) \
	(((unsigned long)(dir) << 30) | ((unsigned long)(size) << 16) | \
	 ((unsigned long)(type) << 8) | (unsigned long)(nr))

static void ioctls(void)
{
	static char arg[256];
	long null_fd, ptm, pts;
	unsigned ptn = 0;
	char pts_path[64];

	section_begin("decode-ioctl");
	null_fd = d_openat(AT_FDCWD, NULL, "/dev/null", O_RDWR, "O_RDWR", 0,
			   NULL, "/dev/null");
	d_ioctl(null_fd, "/dev/null", TCGETS, "TCGETS", arg);
	JSON_FACT("{\"args\":{\"fd\":{\"path\":\"/dev/null\",\"path_source\":\"seen\"},"
		  "\"cmd\":{\"raw\":%d,\"text\":\"TCGETS\"},"
		  "\"arg\":{\"raw\":%lu}},\"ret\":-%d,\"errno\":\"ENOTTY\","
		  "\"errno_nr\":%d}", TCGETS, (unsigned long)arg, ENOTTY, ENOTTY);
	/* DRM core request: named whatever the fd (as strace does) */
	d_ioctl(null_fd, "/dev/null", IOC(3, 'd', 0x00, 64), "DRM_IOCTL_VERSION",
		arg);
	/* a driver's DRM request (amdgpu's GEM_CREATE) on a non-DRM fd */
	d_ioctl(null_fd, "/dev/null", IOC(3, 'd', 0x40, 0x20),
		"_IOC(_IOC_READ|_IOC_WRITE, 0x64, 0x40, 0x20)", arg);
	JSON_FACT("{\"args\":{\"cmd\":{\"raw\":%lu,"
		  "\"text\":\"_IOC(_IOC_READ|_IOC_WRITE, 0x64, 0x40, 0x20)\"}}}",
		  IOC(3, 'd', 0x40, 0x20));
	/* AMDKFD_IOC_GET_VERSION and an NVIDIA escape, on /dev/null: the
	 * driver families are named only on their own devices */
	d_ioctl(null_fd, "/dev/null", IOC(2, 'K', 0x01, 8),
		"_IOC(_IOC_READ, 0x4b, 0x1, 0x8)", arg);
	d_ioctl(null_fd, "/dev/null", IOC(3, 'F', 0x2a, 0x20),
		"_IOC(_IOC_READ|_IOC_WRITE, 0x46, 0x2a, 0x20)", arg);
	d_ioctl(null_fd, "/dev/null", IOC(0, 'd', 0x7f, 0),
		"_IOC(_IOC_NONE, 0x64, 0x7f, 0)", arg);
	d_ioctl(900, NULL, TCGETS, "TCGETS", arg);
	/* a pty: the requests work */
	ptm = d_openat(AT_FDCWD, NULL, "/dev/ptmx", O_RDWR | O_NOCTTY,
		       "O_RDWR|O_NOCTTY", 0, NULL, "/dev/ptmx");
	if (ptm >= 0) {
		d_ioctl(ptm, "/dev/ptmx", TIOCSPTLCK, "TIOCSPTLCK", &(int){ 0 });
		d_ioctl(ptm, "/dev/ptmx", TIOCGPTN, "TIOCGPTN", &ptn);
		snprintf(pts_path, sizeof(pts_path), "/dev/pts/%u", ptn);
		pts = d_openat(AT_FDCWD, NULL, pts_path, O_RDWR | O_NOCTTY,
			       "O_RDWR|O_NOCTTY", 0, NULL, pts_path);
		if (pts >= 0) {
			d_ioctl(pts, pts_path, TCGETS, "TCGETS", arg);
			JSON_FACT("{\"args\":{\"fd\":{\"path\":%s}},\"ret\":0,"
				  "\"errno\":null}", js(pts_path));
			d_ioctl(pts, pts_path, TIOCGWINSZ, "TIOCGWINSZ", arg);
			d_ioctl(pts, pts_path, FIONREAD, "FIONREAD", arg);
			d_close(pts, pts_path);
		}
		d_close(ptm, "/dev/ptmx");
	}
	section_end();
}

/* ---- net ------------------------------------------------------------------- */

static long sock(int family, int type)
{
	long fd = exp_raw(SYS_socket, family, type, 0, 0, 0, 0);

	if (fd < 0 && family != AF_INET6)
		exp_fatal("socket(%d): %ld", family, fd);
	return fd;
}

static long listener(int family, const void *addr, long len)
{
	long fd = sock(family, SOCK_STREAM);

	if (fd < 0)
		return fd;
	if (exp_raw(SYS_bind, fd, (long)addr, len, 0, 0, 0) != 0 ||
	    exp_raw(SYS_listen, fd, 8, 0, 0, 0, 0) != 0) {
		if (family == AF_INET6)
			return -1;
		exp_fatal("bind/listen(%d)", family);
	}
	return fd;
}

static unsigned bound_port(long fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if (exp_raw(SYS_getsockname, fd, (long)&ss, (long)&len, 0, 0, 0) != 0)
		exp_fatal("getsockname");
	return ss.ss_family == AF_INET
		       ? ntohs(((struct sockaddr_in *)&ss)->sin_port)
		       : ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
}

static void net(void)
{
	struct sockaddr_in in4 = { .sin_family = AF_INET };
	struct sockaddr_in6 in6 = { .sin6_family = AF_INET6 };
	struct sockaddr_un un = { .sun_family = AF_UNIX },
			   ab = { .sun_family = AF_UNIX };
	char text[1024], name[64], *sockpath = path_in("sock");
	long l4, l6 = -1, lu, la, c4, c4r, c6 = -1, c6m = -1, cu, ca, cx, cs;
	long ab_len, r;
	unsigned port4, port6 = 0, refused;
	char *p4, *p4r, *p6 = NULL, *p6m = NULL, *pu, *pa, *px, *ps;

	/* listeners and clients before the region: socket, bind, listen are
	 * not traced, and the clients' fds are named from /proc */
	in4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	l4 = listener(AF_INET, &in4, sizeof(in4));
	port4 = bound_port(l4);
	c4r = listener(AF_INET, &in4, sizeof(in4)); /* a port, then closed */
	refused = bound_port(c4r);
	exp_raw(SYS_close, c4r, 0, 0, 0, 0, 0);
	in6.sin6_addr = in6addr_loopback;
	l6 = listener(AF_INET6, &in6, sizeof(in6));
	if (l6 >= 0)
		port6 = bound_port(l6);
	snprintf(un.sun_path, sizeof(un.sun_path), "%s", sockpath);
	lu = listener(AF_UNIX, &un, sizeof(un));
	snprintf(name, sizeof(name), "aitrace-decode-%ld", (long)getpid());
	memcpy(ab.sun_path + 1, name, strlen(name));
	ab_len = (long)(offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name));
	la = listener(AF_UNIX, &ab, ab_len);
	(void)lu;
	(void)la;
	c4 = sock(AF_INET, SOCK_STREAM);
	c4r = sock(AF_INET, SOCK_STREAM);
	if (l6 >= 0) {
		c6 = sock(AF_INET6, SOCK_STREAM);
		c6m = sock(AF_INET6, SOCK_STREAM);
	}
	cu = sock(AF_UNIX, SOCK_STREAM);
	ca = sock(AF_UNIX, SOCK_STREAM);
	cx = sock(AF_UNIX, SOCK_STREAM);
	cs = sock(AF_INET, SOCK_STREAM);
	p4 = proc_fd(c4);
	p4r = proc_fd(c4r);
	if (l6 >= 0) {
		p6 = proc_fd(c6);
		p6m = proc_fd(c6m);
	}
	pu = proc_fd(cu);
	pa = proc_fd(ca);
	px = proc_fd(cx);
	ps = proc_fd(cs);

	section_begin("decode-net");
	in4.sin_port = htons((uint16_t)port4);
	snprintf(text, sizeof(text),
		 "{sa_family=AF_INET, sin_port=htons(%u), sin_addr=inet_addr(\"127.0.0.1\")}",
		 port4);
	r = d_connect(c4, p4, &in4, sizeof(in4), text);
	JSON_FACT("{\"args\":{\"fd\":{\"raw\":%ld,\"path\":%s,\"path_source\":\"proc\"},"
		  "\"uservaddr\":{\"raw\":%lu,\"family\":2,\"family_name\":\"AF_INET\","
		  "\"addr\":\"127.0.0.1\",\"port\":%u,\"sun_path\":null},"
		  "\"addrlen\":{\"raw\":16,\"text\":\"16\"}},\"ret\":%ld}",
		  c4, js(p4), (unsigned long)&in4, port4, r);
	in4.sin_port = htons((uint16_t)refused);
	snprintf(text, sizeof(text),
		 "{sa_family=AF_INET, sin_port=htons(%u), sin_addr=inet_addr(\"127.0.0.1\")}",
		 refused);
	d_connect(c4r, p4r, &in4, sizeof(in4), text);
	JSON_FACT("{\"args\":{\"uservaddr\":{\"port\":%u}},"
		  "\"errno\":\"ECONNREFUSED\",\"errno_nr\":%d}",
		  refused, ECONNREFUSED);
	if (l6 >= 0) {
		in6.sin6_port = htons((uint16_t)port6);
		snprintf(text, sizeof(text),
			 "{sa_family=AF_INET6, sin6_port=htons(%u), sin6_flowinfo=htonl(0), "
			 "inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=0}",
			 port6);
		r = d_connect(c6, p6, &in6, sizeof(in6), text);
		JSON_FACT("{\"args\":{\"uservaddr\":{\"family\":10,"
			  "\"family_name\":\"AF_INET6\",\"addr\":\"::1\",\"port\":%u}},"
			  "\"ret\":%ld}", port6, r);
		/* the IPv4 listener through a v4-mapped address */
		inet_pton(AF_INET6, "::ffff:127.0.0.1", &in6.sin6_addr);
		in6.sin6_port = htons((uint16_t)port4);
		snprintf(text, sizeof(text),
			 "{sa_family=AF_INET6, sin6_port=htons(%u), sin6_flowinfo=htonl(0), "
			 "inet_pton(AF_INET6, \"::ffff:127.0.0.1\", &sin6_addr), sin6_scope_id=0}",
			 port4);
		d_connect(c6m, p6m, &in6, sizeof(in6), text);
		JSON_FACT("{\"args\":{\"uservaddr\":{\"addr\":\"::ffff:127.0.0.1\","
			  "\"port\":%u}}}", port4);
	} else {
		fact("# no-ipv6");
	}
	snprintf(text, sizeof(text), "{sa_family=AF_UNIX, sun_path=\"%s\"}",
		 sockpath);
	r = d_connect(cu, pu, &un, sizeof(un), text);
	JSON_FACT("{\"args\":{\"uservaddr\":{\"family\":1,\"family_name\":\"AF_UNIX\","
		  "\"sun_path\":%s,\"abstract\":null,\"addr\":null,\"port\":null},"
		  "\"addrlen\":{\"raw\":%d}},\"ret\":%ld}",
		  js(sockpath), (int)sizeof(un), r);
	snprintf(text, sizeof(text), "{sa_family=AF_UNIX, sun_path=@\"%s\"}",
		 name);
	r = d_connect(ca, pa, &ab, ab_len, text);
	JSON_FACT("{\"args\":{\"uservaddr\":{\"family\":1,\"sun_path\":%s,"
		  "\"abstract\":true},\"addrlen\":{\"raw\":%ld}},\"ret\":%ld}",
		  js(name), ab_len, r);
	/* unnamed: the family alone */
	d_connect(cx, px, &un, offsetof(struct sockaddr_un, sun_path),
		  "{sa_family=AF_UNIX}");
	/* too short for an AF_INET address: its bytes, as strace shows them */
	in4.sin_port = htons(0x4142);
	d_connect(cs, ps, &in4, 8,
		  "{sa_family=AF_INET, sa_data=\"AB\\x7f\\x00\\x00\\x01\"}");
	section_end();
}

/* ---- exec ------------------------------------------------------------------ */

static void exec_child(char *const argv[], char *const envp[], long *pid)
{
	size_t i;

	*pid = spawn();
	if (*pid == 0) {
		/* touch every string: a BPF program cannot fault a page in */
		for (i = 0; argv[i]; i++)
			(void)*(volatile char *)argv[i];
		exp_raw(SYS_execve, (long)self, (long)argv, (long)envp, 0, 0, 0);
		_exit(127);
	}
	spawn_line(*pid);
}

static void exec(void)
{
	static char *short_argv[41], *long_argv[41], *empty_argv[1];
	static char *two[] = { "a", "b\n", NULL };
	static char *envp[] = { "AITRACE_DECODE=1", NULL };
	static char shorts[40][8], longs[40][301];
	long pid, i;
	int more;
	unsigned n;
	char list[16384];
	size_t o;

	short_argv[0] = self;
	short_argv[1] = "exec-child";
	long_argv[0] = self;
	long_argv[1] = "exec-child";
	for (i = 2; i < 40; i++) {
		snprintf(shorts[i], sizeof(shorts[i]), "s%ld", i);
		short_argv[i] = shorts[i];
		memset(longs[i], 'a' + (char)(i % 26), 300);
		long_argv[i] = longs[i];
	}

	section_begin("decode-exec");
	exec_child(short_argv, envp, &pid);
	execve_line(pid, self, short_argv, envp, 0);
	n = argv_shown(short_argv, &more);
	o = 0;
	for (i = 0; i < (long)n; i++)
		o += (size_t)snprintf(list + o, sizeof(list) - o, "%s%s",
				      i ? "," : "", js(short_argv[i]));
	json_fact_for(pid, "{\"args\":{\"filename\":{\"str\":%s},"
			   "\"argv\":{\"argv\":[%s],\"more\":true,\"cut\":null},"
			   "\"envp\":{\"raw\":%lu}},\"ret\":0}",
		      js(self), list, (unsigned long)envp);
	reap(pid, 0);
	exit_group_line(pid, 0);

	exec_child(long_argv, envp, &pid);
	execve_line(pid, self, long_argv, envp, 0);
	n = argv_shown(long_argv, &more);
	o = 0;
	for (i = 0; i < (long)n; i++)
		o += (size_t)snprintf(list + o, sizeof(list) - o, "%s%s",
				      i ? "," : "", js_cut(long_argv[i]));
	json_fact_for(pid, "{\"args\":{\"argv\":{\"argv\":[%s],\"more\":true,"
			   "\"cut\":true}}}", list);
	reap(pid, 0);
	exit_group_line(pid, 0);

	/* failures: the strings are read at entry all the same */
	execve_line(exp_tid(), "/aitrace-test/missing", two, envp,
		    exp_raw(SYS_execve, (long)"/aitrace-test/missing",
			    (long)two, (long)envp, 0, 0, 0));
	JSON_FACT("{\"args\":{\"filename\":{\"str\":\"/aitrace-test/missing\"},"
		  "\"argv\":{\"argv\":[\"a\",\"b\\n\"],\"more\":null,\"cut\":null}},"
		  "\"errno\":\"ENOENT\"}");
	execve_line(exp_tid(), "/aitrace-test/missing", empty_argv, NULL,
		    exp_raw(SYS_execve, (long)"/aitrace-test/missing",
			    (long)empty_argv, 0, 0, 0, 0));
	execve_line(exp_tid(), "/aitrace-test/missing", NULL, NULL,
		    exp_raw(SYS_execve, (long)"/aitrace-test/missing", 0, 0, 0,
			    0, 0));
	section_end();
}

/* ---- inherited --------------------------------------------------------------- */

static void inherited(void)
{
	const char *spec = getenv("DECODE_INHERITED");
	char *path, *end;
	long fd, r;

	if (!spec || !*spec)
		return;
	fd = strtol(spec, &end, 10);
	if (*end != ':' || fd < 0)
		exp_fatal("DECODE_INHERITED=%s: want FD:PATH", spec);
	path = end + 1;
	if (strcmp(proc_fd(fd), path) != 0)
		exp_fatal("fd %ld is %s, not %s", fd, proc_fd(fd), path);

	section_begin("decode-inherited");
	r = d_read(fd, path, buf, 16);
	JSON_FACT("{\"args\":{\"fd\":{\"raw\":%ld,\"text\":\"%ld<%s>\",\"path\":%s,"
		  "\"path_source\":\"proc\"}},\"ret\":%ld}",
		  fd, fd, path, js(path), r);
	r = d_mmap(NULL, 4096, PROT_READ, "PROT_READ", MAP_PRIVATE, "MAP_PRIVATE",
		   fd, path, 0);
	section_end();
}

/* ---- redirect ------------------------------------------------------------------ */

/* What a shell does for "cmd 7>file": fork, dup2 onto an fd the parent
 * has, exec. The child's fd 7 is the new file: the tracer, which named the
 * parent's fd 7 from /proc, must not lend the child that name, and names
 * the new file from the dup2 it saw (dup2 is in the default set; without
 * it, the fd has no name: /proc answers are neither inherited nor kept
 * across exec, see test_fdtable). */
static void redirect(void)
{
	static char *argv7[] = { self, "exec-read7", NULL };
	static char *envp[] = { NULL };
	char *created = path_in("created");
	struct exp_line l;
	long fd, pid;

	if (!getenv("DECODE_INHERITED") || !*getenv("DECODE_INHERITED"))
		return;
	fd = exp_raw(SYS_openat, AT_FDCWD, (long)created, O_RDONLY, 0, 0, 0);
	if (fd < 0)
		exp_fatal("open %s: %ld", created, fd);

	section_begin("decode-redirect");
	pid = spawn();
	if (pid == 0) {
		/* touch the strings: a BPF program cannot fault a page in */
		(void)*(volatile char *)argv7[1];
		if (dup2((int)fd, 7) != 7)
			_exit(126);
		exp_raw(SYS_execve, (long)self, (long)argv7, (long)envp, 0, 0, 0);
		_exit(127);
	}
	spawn_line(pid);
	/* the child's fd 7 was the parent's, which was named from /proc:
	 * not inherited, so newfd has no name before the call */
	exp_start(&l, "dup2");
	exp_for(&l, pid);
	a_fd(&l, fd, created);
	a_fd(&l, 7, NULL);
	ret_fd(&l, 7, created);
	execve_line(pid, self, argv7, envp, 0);
	/* the new file, kept across exec (dup2 clears close-on-exec) */
	exp_start(&l, "read");
	exp_for(&l, pid);
	a_fd(&l, 7, created);
	arg_ptr(&l, NULL);
	arg_size(&l, 1);
	ret_int(&l, -EFAULT);
	json_fact_for(pid, "{\"args\":{\"fd\":{\"raw\":7}}}");
	reap(pid, 0);
	exit_group_line(pid, 0);
	section_end();
}

/* ---- main -------------------------------------------------------------------- */

/* SIGUSR1 is blocked from the start (the test may send it as soon as our
 * last marker is in the logs) and taken here */
static sigset_t usr1;

static void wait_for_go(void)
{
	const char *w = getenv("DECODE_WAIT");
	struct timespec ts = { 60, 0 };

	if (w && strcmp(w, "1") == 0)
		sigtimedwait(&usr1, NULL, &ts); /* not traced */
}

int main(int argc, char **argv)
{
	long n;

	if (argc > 1 && strcmp(argv[1], "exec-child") == 0) {
		exp_raw(SYS_exit_group, 0, 0, 0, 0, 0, 0);
		return 1;
	}
	if (argc > 1 && strcmp(argv[1], "exec-read7") == 0) {
		exp_raw(SYS_read, 7, 0, 1, 0, 0, 0);
		exp_raw(SYS_exit_group, 0, 0, 0, 0, 0, 0);
		return 1;
	}
	if (argc != 2 || argv[1][0] != '/')
		exp_fatal("usage: decode DIR (an absolute path)");
	dir = argv[1];
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	exp_init_from_env();
	n = exp_raw(SYS_readlinkat, AT_FDCWD, (long)"/proc/self/exe",
		    (long)self, sizeof(self) - 1, 0, 0);
	if (n <= 0)
		exp_fatal("readlink /proc/self/exe: %ld", n);
	self[n] = '\0';
	/* the files, before any region */
	if (exp_raw(SYS_mkdirat, AT_FDCWD, (long)path_in("sub"), 0755, 0, 0, 0) != 0)
		exp_fatal("mkdir %s/sub", dir);
	make_file(path_in("data"), 8192);
	make_file(path_in("sub/rel"), 10);
	if (chdir(dir) != 0)
		exp_fatal("chdir %s", dir);
	exp_tid();

	files();
	reuse();
	tmpfile_();
	mem();
	futexes();
	process();
	thread();
	ioctls();
	net();
	exec();
	inherited();
	redirect();

	print_all();
	/* one more marker, after the calls printing made (stdout's ioctl and
	 * write): a test that waits for it in a log knows the tracer has
	 * written every line before it, and asked /proc about our fds */
	exp_marker("end", "decode-printed", EXP_MODE_END);
	wait_for_go();
	return 0;
}
