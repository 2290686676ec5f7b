/* Unit tests for render.c: each argument of a call as strace prints it,
 * from the raw values and the captures of a record. The descriptions are
 * built by hand as sysset_describe() fills them from the 6.18 x86_64
 * format files (test_sysset checks that the real ones agree); events and
 * fd paths too, since render.c is pure: this test links render.c and the
 * decoders it calls (escape, errnos, flags, dec_*) only.
 */
#include <fcntl.h>
#include <linux/futex.h>
#include <linux/sched.h>
#include <stdint.h>
#include <string.h>

#include "dec.h"
#include "expect.h"
#include "render.h"

#define ARG(n, t, ptr, sgn, csz, dec) { n, t, 8, ptr, sgn, csz, dec }
#define INT(n, dec) ARG(n, "int", 0, 1, 4, dec)
#define UINT(n, dec) ARG(n, "unsigned int", 0, 0, 4, dec)
#define ULONG(n, dec) ARG(n, "unsigned long", 0, 0, 8, dec)
#define SIZE(n) ARG(n, "size_t", 0, 0, 8, DEC_NUM)
#define PTR(n, t, dec) ARG(n, t, 1, 0, 8, dec)
#define CSTR(n) PTR(n, "const char *", DEC_PATH)
#define MODE(n, dec) ARG(n, "umode_t", 0, 0, 2, dec)
#define NOCAP { CAP_NONE, 0, 0, 0, 0 }
#define STRCAP(i) { CAP_STR, i, 0, 0, 0 }

enum { OPENAT, OPEN, READ, MMAP, MPROTECT, FUTEX, CONNECT, CLONE3, EXECVE,
       IOCTL, KILL, CLONE, MKDIR, DUP, NSYS };

static const struct sysdesc sys[NSYS] = {
	[OPENAT] = { "openat", 257, 4,
		     { INT("dfd", DEC_DIRFD), CSTR("filename"),
		       INT("flags", DEC_OPEN_FLAGS),
		       MODE("mode", DEC_OPEN_MODE) },
		     { STRCAP(1), NOCAP }, RET_FD, 0, 0 },
	[OPEN] = { "open", 2, 3,
		   { CSTR("filename"), INT("flags", DEC_OPEN_FLAGS),
		     MODE("mode", DEC_OPEN_MODE) },
		   { STRCAP(0), NOCAP }, RET_FD, 0, 0 },
	[READ] = { "read", 0, 3,
		   { UINT("fd", DEC_FD), PTR("buf", "char *", DEC_PTR),
		     SIZE("count") },
		   { NOCAP, NOCAP }, RET_INT, 0, 0 },
	[MMAP] = { "mmap", 9, 6,
		   { ULONG("addr", DEC_PTR), ULONG("len", DEC_UDEC),
		     ULONG("prot", DEC_PROT), ULONG("flags", DEC_MMAP_FLAGS),
		     ULONG("fd", DEC_FD), ULONG("off", DEC_NUM) },
		   { NOCAP, NOCAP }, RET_ADDR, 0, 0 },
	[MPROTECT] = { "mprotect", 10, 3,
		       { ULONG("start", DEC_PTR), SIZE("len"),
			 ULONG("prot", DEC_PROT) },
		       { NOCAP, NOCAP }, RET_INT, 0, 0 },
	[FUTEX] = { "futex", 202, 6,
		    { PTR("uaddr", "u32 *", DEC_PTR), INT("op", DEC_FUTEX_OP),
		      ARG("val", "u32", 0, 0, 4, DEC_NUM),
		      PTR("utime", "const struct __kernel_timespec *",
			  DEC_FUTEX_TIMEOUT),
		      PTR("uaddr2", "u32 *", DEC_PTR),
		      ARG("val3", "u32", 0, 0, 4, DEC_FUTEX_VAL3) },
		    { NOCAP, NOCAP }, RET_INT, 0, 0 },
	[CONNECT] = { "connect", 42, 3,
		      { INT("fd", DEC_FD),
			PTR("uservaddr", "struct sockaddr *", DEC_SOCKADDR),
			INT("addrlen", DEC_NUM) },
		      { { CAP_BYTES, 1, 2, 0, 128 }, NOCAP }, RET_INT, 0, 0 },
	[CLONE3] = { "clone3", 435, 2,
		     { PTR("uargs", "struct clone_args *", DEC_CLONE_ARGS),
		       SIZE("size") },
		     { { CAP_BYTES, 0, 1, 0, 96 }, NOCAP }, RET_INT, 0, 0 },
	[EXECVE] = { "execve", 59, 3,
		     { CSTR("filename"),
		       PTR("argv", "const char *const *", DEC_ARGV),
		       PTR("envp", "const char *const *", DEC_PTR) },
		     { STRCAP(0), { CAP_STRV, 1, 0, 0, SYSCALLS_ARGV_MAX } },
		     RET_INT, 0, 1 },
	[IOCTL] = { "ioctl", 16, 3,
		    { UINT("fd", DEC_FD), UINT("cmd", DEC_IOCTL_CMD),
		      ULONG("arg", DEC_NUM) },
		    { NOCAP, NOCAP }, RET_INT, 0, 0 },
	[KILL] = { "kill", 62, 2,
		   { ARG("pid", "pid_t", 0, 1, 4, DEC_NUM),
		     INT("sig", DEC_SIGNAL) },
		   { NOCAP, NOCAP }, RET_INT, 0, 0 },
	[CLONE] = { "clone", 56, 5,
		    { ULONG("clone_flags", DEC_CLONE_FLAGS),
		      ULONG("newsp", DEC_PTR),
		      PTR("parent_tidptr", "int *", DEC_PTR),
		      PTR("child_tidptr", "int *", DEC_PTR),
		      ULONG("tls", DEC_NUM) },
		    { NOCAP, NOCAP }, RET_INT, 0, 0 },
	[MKDIR] = { "mkdir", 83, 2,
		    { CSTR("pathname"), MODE("mode", DEC_MODE) },
		    { STRCAP(0), NOCAP }, RET_INT, 0, 0 },
	[DUP] = { "dup", 32, 1, { UINT("fildes", DEC_FD) }, { NOCAP, NOCAP },
		  RET_FD, 0, 0 },
};

/* ---- building inputs ----------------------------------------------------- */

static struct event ev;
static struct render_in in;

/* A fresh input for a call of sys[idx] with args a0.. (the rest 0) and
 * no captures, -s 256. */
static void call(unsigned idx, uint64_t a0, uint64_t a1, uint64_t a2,
		 uint64_t a3, uint64_t a4, uint64_t a5)
{
	memset(&ev, 0, sizeof(ev));
	ev.rec.kind = REC_SYSCALL;
	ev.rec.sys_idx = (__u16)idx;
	ev.rec.args[0] = a0;
	ev.rec.args[1] = a1;
	ev.rec.args[2] = a2;
	ev.rec.args[3] = a3;
	ev.rec.args[4] = a4;
	ev.rec.args[5] = a5;
	memset(&in, 0, sizeof(in));
	in.d = &sys[idx];
	in.args = ev.rec.args;
	in.caps = &ev;
	in.str_max = 256;
}

/* Capture k: len bytes at p (a string without its NUL, as decode_event
 * hands it over). */
static void cap(int k, const void *p, size_t len)
{
	ev.cap[k] = p;
	ev.cap_len[k] = len;
}
#define CAP_LIT(k, lit) cap(k, lit, sizeof(lit) - 1)

static struct fdpath path_of(const char *p)
{
	struct fdpath f = { (const unsigned char *)p, strlen(p), FDPATH_SEEN,
			    0 };

	return f;
}

/* ---- rendering ----------------------------------------------------------- */

static char buf[65536];
static struct sb sb;

static const char *arg(unsigned i)
{
	sb_init(&sb, buf, sizeof(buf));
	render_arg(&sb, &in, i);
	EXPECT_INT(sb.cut, 0);
	return buf;
}

/* "name(shown args) = ret", as line.c joins them */
static const char *line(int64_t ret)
{
	unsigned i, shown = 0;

	sb_init(&sb, buf, sizeof(buf));
	sb_str(&sb, in.d->name);
	sb_char(&sb, '(');
	for (i = 0; i < in.d->nargs; i++) {
		if (!render_shown(&in, i))
			continue;
		if (shown++)
			sb_str(&sb, ", ");
		render_arg(&sb, &in, i);
	}
	sb_str(&sb, ") = ");
	render_ret(&sb, &in, ret);
	EXPECT_INT(sb.cut, 0);
	return buf;
}

static const char *ret(int64_t r)
{
	sb_init(&sb, buf, sizeof(buf));
	render_ret(&sb, &in, r);
	return buf;
}

/* ---- every decoder ------------------------------------------------------- */

/* One row per decoder (and per C-type case of DEC_NUM): the argument's
 * value, and the text strace shows for it. */
static void test_every_decoder_shows_an_argument_as_strace_does(void)
{
	static const struct {
		unsigned sys, arg;
		uint64_t v;
		const char *want;
	} rows[] = {
		/* DEC_NUM, by the C type */
		{ KILL, 0, 0xfffffffeull, "-2" },          /* pid_t: signed */
		{ READ, 2, 4096, "4096" },                 /* size_t: decimal */
		{ MMAP, 5, 0x1000, "0x1000" },             /* unsigned long */
		{ MMAP, 5, 0, "0" },
		{ FUTEX, 2, 0xffffffff00000001ull, "1" },  /* u32: masked */
		{ FUTEX, 5, 7, "7" },                      /* DEC_FUTEX_VAL3 */
		{ CONNECT, 2, 16, "16" },
		{ DUP, 0, 5, "5" },
		{ MMAP, 1, 8192, "8192" },                 /* DEC_UDEC */
		{ MMAP, 1, 0xffffffffffffffffull, "18446744073709551615" },
		{ MMAP, 0, 0, "NULL" },                    /* DEC_PTR */
		{ MMAP, 0, 0x7f0000001000ull, "0x7f0000001000" },
		{ READ, 0, 3, "3" },                       /* DEC_FD */
		{ MMAP, 4, 0xffffffffffffffffull, "-1" },
		{ OPENAT, 0, 0xffffff9cull, "AT_FDCWD" },  /* DEC_DIRFD */
		{ OPENAT, 0, 5, "5" },
		/* the captured kinds, not captured: their pointer */
		{ OPENAT, 1, 0x4000, "0x4000" },           /* DEC_PATH */
		/* DEC_ARGV: a return alone, its entry (the strings) not
		 * seen; an entry read and empty is "[]" (test_line) */
		{ EXECVE, 1, 0x7ffe0010, "0x7ffe0010" },
		{ CONNECT, 1, 0, "NULL" },                 /* DEC_SOCKADDR */
		{ CLONE3, 0, 0x7ffd00, "0x7ffd00" },       /* DEC_CLONE_ARGS */
		{ OPENAT, 2, O_RDONLY | O_CLOEXEC, "O_RDONLY|O_CLOEXEC" },
		{ OPENAT, 2, O_WRONLY | O_CREAT | O_TRUNC,
		  "O_WRONLY|O_CREAT|O_TRUNC" },
		{ OPENAT, 3, 0644, "0644" },               /* DEC_OPEN_MODE */
		{ MKDIR, 1, 0755, "0755" },                /* DEC_MODE */
		{ MKDIR, 1, 0, "000" },
		{ MMAP, 2, 3, "PROT_READ|PROT_WRITE" },    /* DEC_PROT */
		{ MMAP, 2, 0, "PROT_NONE" },
		{ MMAP, 3, 0x22, "MAP_PRIVATE|MAP_ANONYMOUS" },
		{ FUTEX, 1, 0x80, "FUTEX_WAIT_PRIVATE" },  /* DEC_FUTEX_OP */
		{ FUTEX, 3, 0, "NULL" },                   /* a timeout */
		{ FUTEX, 3, 0x7ffc1000, "0x7ffc1000" },
		{ CLONE, 0, 0x1200011,                     /* DEC_CLONE_FLAGS */
		  "CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD" },
		{ IOCTL, 1, 0x5401, "TCGETS" },            /* DEC_IOCTL_CMD */
		{ KILL, 1, 15, "SIGTERM" },                /* DEC_SIGNAL */
		{ KILL, 1, 0, "0" },
	};
	/* which decoder each row's argument has; all must be there */
	unsigned char seen[DEC_SIGNAL + 1];
	size_t i;
	int d;

	memset(seen, 0, sizeof(seen));
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		uint64_t a[REC_NARGS] = { 0 };

		a[rows[i].arg] = rows[i].v;
		call(rows[i].sys, a[0], a[1], a[2], a[3], a[4], a[5]);
		seen[sys[rows[i].sys].arg[rows[i].arg].dec] = 1;
		if (strcmp(arg(rows[i].arg), rows[i].want) != 0)
			fprintf(stderr, "  row %zu: %s arg %u\n", i,
				sys[rows[i].sys].name, rows[i].arg);
		EXPECT_STR(arg(rows[i].arg), rows[i].want);
	}
	for (d = 0; d <= DEC_SIGNAL; d++) {
		if (!seen[d])
			fprintf(stderr, "  no row for decoder %d\n", d);
		EXPECT_INT(seen[d], 1);
	}
}

/* ---- which arguments are shown ------------------------------------------- */

/* open reads its mode only when it creates a file: strace shows it then. */
static void test_the_open_mode_is_shown_only_when_a_file_is_created(void)
{
	call(OPENAT, 0xffffff9cull, 0x1000, O_RDONLY, 0644, 0, 0);
	CAP_LIT(0, "/x");
	EXPECT_STR(line(3), "openat(AT_FDCWD, \"/x\", O_RDONLY) = 3");
	EXPECT_INT(render_shown(&in, 3), 0);
	EXPECT_INT(render_shown(&in, 2), 1);
	ev.rec.args[2] = O_WRONLY | O_CREAT | O_EXCL;
	EXPECT_STR(line(3), "openat(AT_FDCWD, \"/x\", "
			    "O_WRONLY|O_CREAT|O_EXCL, 0644) = 3");
	ev.rec.args[2] = O_RDWR | O_TMPFILE;
	EXPECT_STR(line(3), "openat(AT_FDCWD, \"/x\", O_RDWR|O_TMPFILE, "
			    "0644) = 3");
	/* O_DIRECTORY is part of O_TMPFILE's bits, but alone creates
	 * nothing */
	ev.rec.args[2] = O_RDONLY | O_DIRECTORY;
	EXPECT_STR(line(3), "openat(AT_FDCWD, \"/x\", O_RDONLY|O_DIRECTORY) "
			    "= 3");
	/* open: the same, by the argument's name not its position */
	call(OPEN, 0x1000, O_WRONLY | O_CREAT | O_TRUNC, 0600, 0, 0, 0);
	CAP_LIT(0, "/tmp/y");
	EXPECT_STR(line(4), "open(\"/tmp/y\", O_WRONLY|O_CREAT|O_TRUNC, 0600) "
			    "= 4");
	ev.rec.args[1] = O_RDONLY;
	EXPECT_STR(line(4), "open(\"/tmp/y\", O_RDONLY) = 4");
	/* a mode that is not open's is always shown */
	call(MKDIR, 0x1000, 0700, 0, 0, 0, 0);
	CAP_LIT(0, "/d");
	EXPECT_STR(line(0), "mkdir(\"/d\", 0700) = 0");
}

/* futex's arguments after the op mean what the op says, and strace shows
 * only those the op uses (strace's futex.c). */
static void test_futex_shows_the_arguments_its_op_uses(void)
{
	const uint64_t ua = 0x7f0000000010ull, ua2 = 0x7f0000000020ull;

	call(FUTEX, ua, FUTEX_WAIT_PRIVATE, 2, 0, ua2, 7);
	EXPECT_STR(line(0), "futex(0x7f0000000010, FUTEX_WAIT_PRIVATE, 2, "
			    "NULL) = 0");
	ev.rec.args[3] = 0x7ffc0000ull;
	EXPECT_STR(line(-110), "futex(0x7f0000000010, FUTEX_WAIT_PRIVATE, 2, "
			       "0x7ffc0000) = -1 ETIMEDOUT (Connection timed "
			       "out)");
	call(FUTEX, ua, FUTEX_WAKE_PRIVATE, 1, 0x7ffc0000ull, ua2, 7);
	EXPECT_STR(line(1), "futex(0x7f0000000010, FUTEX_WAKE_PRIVATE, 1) "
			    "= 1");
	call(FUTEX, ua, FUTEX_UNLOCK_PI, 1, 0, ua2, 7);
	EXPECT_STR(line(0), "futex(0x7f0000000010, FUTEX_UNLOCK_PI) = 0");
	call(FUTEX, ua, FUTEX_TRYLOCK_PI_PRIVATE, 1, 0, ua2, 7);
	EXPECT_STR(line(0), "futex(0x7f0000000010, FUTEX_TRYLOCK_PI_PRIVATE) "
			    "= 0");
	/* the fourth argument is a number, val2, for the requeues */
	call(FUTEX, ua, FUTEX_REQUEUE_PRIVATE, 1, 0xffffffff00000005ull, ua2,
	     7);
	EXPECT_STR(line(1), "futex(0x7f0000000010, FUTEX_REQUEUE_PRIVATE, 1, "
			    "5, 0x7f0000000020) = 1");
	call(FUTEX, ua, FUTEX_CMP_REQUEUE_PRIVATE, 1, 0x7fffffff, ua2, 2);
	EXPECT_STR(line(1), "futex(0x7f0000000010, FUTEX_CMP_REQUEUE_PRIVATE, "
			    "1, 2147483647, 0x7f0000000020, 2) = 1");
	call(FUTEX, ua, FUTEX_CMP_REQUEUE_PI, 1, 3, ua2, 2);
	EXPECT_STR(line(1), "futex(0x7f0000000010, FUTEX_CMP_REQUEUE_PI, 1, "
			    "3, 0x7f0000000020, 2) = 1");
	/* ... but a timeout for WAIT_REQUEUE_PI */
	call(FUTEX, ua, FUTEX_WAIT_REQUEUE_PI_PRIVATE, 1, 0, ua2, 2);
	EXPECT_STR(line(0), "futex(0x7f0000000010, "
			    "FUTEX_WAIT_REQUEUE_PI_PRIVATE, 1, NULL, "
			    "0x7f0000000020) = 0");
	/* glibc's condition variables: no uaddr2, a named bitset */
	call(FUTEX, ua, FUTEX_WAIT_BITSET_PRIVATE | FUTEX_CLOCK_REALTIME, 0, 0,
	     ua2, 0xffffffff);
	EXPECT_STR(line(-11), "futex(0x7f0000000010, "
			      "FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, "
			      "0, NULL, FUTEX_BITSET_MATCH_ANY) = -1 EAGAIN "
			      "(Resource temporarily unavailable)");
	call(FUTEX, ua, FUTEX_WAKE_BITSET_PRIVATE, 1, 0x7ffc0000ull, ua2, 4);
	EXPECT_STR(line(0), "futex(0x7f0000000010, FUTEX_WAKE_BITSET_PRIVATE, "
			    "1, 0x4) = 0");
	/* LOCK_PI reads no val */
	call(FUTEX, ua, FUTEX_LOCK_PI_PRIVATE, 9, 0, ua2, 7);
	EXPECT_STR(line(0), "futex(0x7f0000000010, FUTEX_LOCK_PI_PRIVATE, "
			    "NULL) = 0");
	/* the op's command is what counts, not its flags */
	call(FUTEX, ua, FUTEX_WAKE | FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME,
	     1, 0, ua2, 7);
	EXPECT_INT(render_shown(&in, 2), 1);
	EXPECT_INT(render_shown(&in, 3), 0);
	/* the op is an int: bits above it do not change the command */
	call(FUTEX, ua, 0xffffffff00000001ull, 1, 0, ua2, 7);
	EXPECT_STR(line(1), "futex(0x7f0000000010, FUTEX_WAKE, 1) = 1");
	/* only futex hides arguments */
	call(CLONE, 0x11, 0, 0, 0, 0, 0);
	EXPECT_INT(render_shown(&in, 4), 1);
}

/* ---- captures ------------------------------------------------------------ */

static void test_a_string_is_quoted_and_cut_at_s(void)
{
	call(OPENAT, 0xffffff9cull, 0x1000, O_RDONLY, 0, 0, 0);
	CAP_LIT(0, "/etc/passwd");
	EXPECT_INT(render_cap_of(&in, 1), 0);
	EXPECT_STR(arg(1), "\"/etc/passwd\"");
	in.str_max = 4;
	EXPECT_STR(arg(1), "\"/etc\"...");
	in.str_max = 11;
	EXPECT_STR(arg(1), "\"/etc/passwd\"");
	in.str_max = 0;
	EXPECT_STR(arg(1), "\"\"...");
	CAP_LIT(0, "");
	EXPECT_STR(arg(1), "\"\"");
	/* hostile bytes, escaped; -s counts input bytes */
	in.str_max = 256;
	CAP_LIT(0, "/tmp/\n\x1b[2J\"\\\xff");
	EXPECT_STR(arg(1), "\"/tmp/\\n\\x1b[2J\\\"\\\\\\xff\"");
	in.str_max = 6;
	EXPECT_STR(arg(1), "\"/tmp/\\n\"...");
}

/* execve's argv: the strings back to back with their NULs; argc of them;
 * CAPF_MORE when the vector went on past what the program read. */
static void test_an_argv_is_a_list_cut_where_the_capture_was(void)
{
	static const char blob[] = "ls\0-l\0/tmp\0"; /* 3 strings */

	call(EXECVE, 0x5000, 0x7ffe0010, 0x7ffe0020, 0, 0, 0);
	CAP_LIT(0, "/bin/ls");
	cap(1, blob, sizeof(blob) - 1);
	ev.rec.argc = 3;
	EXPECT_INT(render_cap_of(&in, 1), 1);
	EXPECT_STR(line(0), "execve(\"/bin/ls\", [\"ls\", \"-l\", \"/tmp\"], "
			    "0x7ffe0020) = 0");
	/* the vector went on: "..." as its last element */
	ev.rec.cap_flags = CAPF_MORE;
	EXPECT_STR(arg(1), "[\"ls\", \"-l\", \"/tmp\", ...]");
	ev.rec.cap_flags = 0;
	/* a string of it faulted: the list ends there, and says so */
	ev.rec.argc = 2;
	cap(1, blob, 6);
	ev.rec.flags = RECF_CAP1_FAULT;
	EXPECT_STR(arg(1), "[\"ls\", \"-l\", ...]");
	ev.rec.flags = RECF_CAP0_FAULT; /* the path's fault is not argv's */
	EXPECT_STR(arg(1), "[\"ls\", \"-l\"]");
	ev.rec.flags = 0;
	/* -s applies to each string */
	cap(1, blob, sizeof(blob) - 1);
	ev.rec.argc = 3;
	in.str_max = 2;
	EXPECT_STR(arg(1), "[\"ls\", \"-l\", \"/t\"...]");
	in.str_max = 256;
	/* hostile strings stay inside their quotes */
	cap(1, "a\"b\0\n\x1b\0", 7);
	ev.rec.argc = 2;
	EXPECT_STR(arg(1), "[\"a\\\"b\", \"\\n\\x1b\"]");
	/* an argv whose first pointer could not be read: the pointer */
	ev.cap[1] = NULL;
	ev.cap_len[1] = 0;
	ev.rec.argc = 0;
	ev.rec.flags = RECF_CAP1_FAULT;
	EXPECT_INT(render_cap_of(&in, 1), -1);
	EXPECT_STR(arg(1), "0x7ffe0010");
}

static void test_a_socket_address_is_decoded_by_its_family(void)
{
	/* sockaddr_in: family 2 (host order), port 80 and 127.0.0.1 in
	 * network order, 8 bytes of zero */
	static const unsigned char in4[16] = { 2, 0, 0, 80, 127, 0, 0, 1 };
	/* sockaddr_un: family 1, then the path and its NUL */
	static const char un[] = "\x01\x00/run/dbus/system_bus_socket";

	call(CONNECT, 3, 0x7ffc2000, 16, 0, 0, 0);
	cap(0, in4, sizeof(in4));
	EXPECT_INT(render_cap_of(&in, 1), 0);
	EXPECT_STR(line(0), "connect(3, {sa_family=AF_INET, "
			    "sin_port=htons(80), "
			    "sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0");
	call(CONNECT, 4, 0x7ffc2000, sizeof(un), 0, 0, 0);
	cap(0, un, sizeof(un));
	EXPECT_STR(line(-2), "connect(4, {sa_family=AF_UNIX, "
			     "sun_path=\"/run/dbus/system_bus_socket\"}, 30) "
			     "= -1 ENOENT (No such file or directory)");
	/* the fd with its path too, as strace -y prints a socket */
	in.fd[0] = path_of("socket:[12345]");
	EXPECT_STR(arg(0), "4<socket:[12345]>");
	/* the address could not be read: its pointer */
	ev.cap[0] = NULL;
	ev.cap_len[0] = 0;
	ev.rec.flags = RECF_CAP0_FAULT;
	EXPECT_STR(arg(1), "0x7ffc2000");
}

static void test_clone3_args_are_decoded_from_the_capture(void)
{
	struct clone_args a;

	memset(&a, 0, sizeof(a));
	a.flags = CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID;
	a.child_tid = 0x7f0000000990ull;
	a.exit_signal = 17; /* SIGCHLD */
	call(CLONE3, 0x7ffd00, sizeof(a), 0, 0, 0, 0);
	cap(0, &a, sizeof(a));
	EXPECT_STR(line(1234), "clone3({flags=CLONE_CHILD_CLEARTID|"
			       "CLONE_CHILD_SETTID, child_tid=0x7f0000000990, "
			       "exit_signal=SIGCHLD, stack=NULL, "
			       "stack_size=0}, 88) = 1234");
	/* a capture the kernel side never made (in->caps NULL): pointers */
	in.caps = NULL;
	EXPECT_INT(render_cap_of(&in, 0), -1);
	EXPECT_STR(line(1234), "clone3(0x7ffd00, 88) = 1234");
}

/* A capture lives in the record that read it; an argument with no
 * capture slot never shows one, whatever the record holds. */
static void test_captures_belong_to_their_argument_only(void)
{
	call(READ, 0, 0x1000, 6, 0, 0, 0);
	CAP_LIT(0, "secret");
	EXPECT_INT(render_cap_of(&in, 1), -1);
	EXPECT_STR(line(6), "read(0, 0x1000, 6) = 6");
	/* a string arg with no capture (fault, NULL) shows its pointer */
	call(OPENAT, 0xffffff9cull, 0xdead0000ull, O_RDONLY, 0, 0, 0);
	ev.rec.flags = RECF_CAP0_FAULT;
	EXPECT_STR(line(-14), "openat(AT_FDCWD, 0xdead0000, O_RDONLY) = -1 "
			      "EFAULT (Bad address)");
	ev.rec.args[1] = 0;
	EXPECT_STR(arg(1), "NULL");
}

/* ---- fds and their paths ------------------------------------------------- */

static void test_an_fd_is_shown_with_its_path_escaped(void)
{
	call(READ, 3, 0x7ffd0000ull, 10, 0, 0, 0);
	EXPECT_STR(arg(0), "3");
	in.fd[0] = path_of("/etc/x");
	EXPECT_STR(line(10), "read(3</etc/x>, 0x7ffd0000, 10) = 10");
	/* a hostile name cannot end the line or paint the terminal */
	in.fd[0] = path_of("/tmp/\n" "1 sshd 1/1 read(0)\x1b[2J\xff\"");
	EXPECT_STR(arg(0), "3</tmp/\\n1 sshd 1/1 read(0)\\x1b[2J\\xff\\\">");
	/* bytes, not a C string: a NUL inside is shown */
	in.fd[0] = (struct fdpath){ (const unsigned char *)"/a\0b", 4,
				    FDPATH_SEEN, 0 };
	EXPECT_STR(arg(0), "3</a\\x00b>");
	/* nor close the brackets early */
	in.fd[0] = path_of("/tmp/x>, 0x0, 5) = 5 <0.1>\n<");
	EXPECT_STR(arg(0), "3</tmp/x\\x3e, 0x0, 5) = 5 \\x3c0.1\\x3e\\n\\x3c>");
	/* a path longer than the table keeps is marked */
	in.fd[0] = path_of("/very/long/pa");
	in.fd[0].cut = 1;
	EXPECT_STR(arg(0), "3</very/long/pa...>");
	/* a path from /proc reads the same */
	in.fd[0] = path_of("/etc/x");
	in.fd[0].source = FDPATH_PROC;
	EXPECT_STR(arg(0), "3</etc/x>");

	/* a directory fd: AT_FDCWD is never decorated, others are */
	call(OPENAT, 0xffffff9cull, 0x1000, O_RDONLY, 0, 0, 0);
	CAP_LIT(0, "x");
	in.fd[0] = path_of("/home");
	EXPECT_STR(arg(0), "AT_FDCWD");
	ev.rec.args[0] = 7;
	EXPECT_STR(line(3), "openat(7</home>, \"x\", O_RDONLY) = 3");
	/* mmap's fd is an unsigned long holding an int */
	call(MMAP, 0, 4096, 1, 2, 3, 0);
	in.fd[4] = path_of("/usr/lib/libc.so.6");
	EXPECT_STR(line(0x7f0000000000ll),
		   "mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, "
		   "3</usr/lib/libc.so.6>, 0) = 0x7f0000000000");
}

/* The path of the fd decides whose ioctl names apply. */
static void test_an_ioctl_is_named_by_the_family_of_its_fd(void)
{
	/* _IOR('K', 0x01, 8): AMDKFD_IOC_GET_VERSION on /dev/kfd, the
	 * console keyboard's letter elsewhere */
	call(IOCTL, 5, 0x80084b01ull, 0x7ffc0000ull, 0, 0, 0);
	EXPECT_STR(arg(1), "_IOC(_IOC_READ, 0x4b, 0x1, 0x8)");
	EXPECT_INT(render_ioctl_family(&in.fd[0]), IOCTL_ANY);
	in.fd[0] = path_of("/dev/kfd");
	EXPECT_INT(render_ioctl_family(&in.fd[0]), IOCTL_KFD);
	EXPECT_STR(line(0), "ioctl(5</dev/kfd>, AMDKFD_IOC_GET_VERSION, "
			    "0x7ffc0000) = 0");
	in.fd[0] = path_of("/dev/pts/3");
	EXPECT_INT(render_ioctl_family(&in.fd[0]), IOCTL_TTY);
	/* a path longer than the family lookup reads is still safe */
	in.fd[0] = path_of("/dev/kfd/and/a/very/long/tail/that/goes/on/and/on"
			   "/past/sixty/four/bytes");
	EXPECT_INT(render_ioctl_family(&in.fd[0]) >= 0, 1);
}

/* ---- return values ------------------------------------------------------- */

static void test_a_new_fd_is_returned_with_its_path(void)
{
	call(OPENAT, 0xffffff9cull, 0x1000, O_RDONLY | O_CLOEXEC, 0, 0, 0);
	CAP_LIT(0, "/etc/x");
	EXPECT_STR(line(3), "openat(AT_FDCWD, \"/etc/x\", O_RDONLY|O_CLOEXEC) "
			    "= 3");
	in.ret_fd = path_of("/etc/x");
	EXPECT_STR(line(3), "openat(AT_FDCWD, \"/etc/x\", O_RDONLY|O_CLOEXEC) "
			    "= 3</etc/x>");
	in.ret_fd = path_of("/etc/\x1b]0;pwned\x07");
	EXPECT_STR(ret(3), "3</etc/\\x1b]0;pwned\\x07>");
	/* an error has no fd */
	EXPECT_STR(ret(-2), "-1 ENOENT (No such file or directory)");
	/* dup returns an fd too */
	call(DUP, 3, 0, 0, 0, 0, 0);
	in.fd[0] = path_of("/etc/x");
	in.ret_fd = path_of("/etc/x");
	EXPECT_STR(line(4), "dup(3</etc/x>) = 4</etc/x>");
	/* a count is not an fd, whatever the caller hands in */
	call(READ, 3, 0x1000, 10, 0, 0, 0);
	in.ret_fd = path_of("/etc/x");
	EXPECT_STR(ret(4), "4");
}

static void test_errors_are_named_and_described(void)
{
	call(READ, 3, 0x1000, 10, 0, 0, 0);
	EXPECT_STR(ret(-2), "-1 ENOENT (No such file or directory)");
	EXPECT_STR(ret(-1), "-1 EPERM (Operation not permitted)");
	EXPECT_STR(ret(-13), "-1 EACCES (Permission denied)");
	EXPECT_STR(ret(-512), "-1 ERESTARTSYS (To be restarted if SA_RESTART is set)");
	EXPECT_STR(ret(-515), "-1 errno 515"); /* ENOIOCTLCMD: never seen */
	EXPECT_STR(ret(-4095), "-1 errno 4095");
	EXPECT_STR(ret(-4096), "-4096");       /* not an errno */
	EXPECT_STR(ret(0), "0");
	/* an address call: hex, but errors as errors */
	call(MMAP, 0, 4096, 3, 0x22, 0xffffffffull, 0);
	EXPECT_STR(ret(0x7f1234560000ll), "0x7f1234560000");
	EXPECT_STR(ret(-12), "-1 ENOMEM (Cannot allocate memory)");
}

/* ---- raw values ---------------------------------------------------------- */

/* The value as its C type reads it, for the JSON "raw" field. */
static void test_raw_values_follow_the_c_type(void)
{
	int sg = -1;

	call(OPENAT, 0xffffff9cull, 0x1000, 0x1234567800000002ull, 0x101a4, 0,
	     0);
	EXPECT_INT(render_arg_raw(&in, 0, &sg), -100);
	EXPECT_INT(sg, 1);
	EXPECT_INT(render_arg_raw(&in, 1, &sg), 0x1000);
	EXPECT_INT(sg, 0);
	EXPECT_INT(render_arg_raw(&in, 2, &sg), 2); /* an int's 32 bits */
	EXPECT_INT(render_arg_raw(&in, 3, &sg), 0x1a4); /* umode_t: 16 */
	EXPECT_INT(sg, 0);
	call(MMAP, 0xffffffffffffffffull, 0, 0, 0, 0xffffffffffffffffull, 0);
	EXPECT_INT(render_arg_raw(&in, 0, &sg), -1); /* all 64 bits */
	EXPECT_INT(sg, 0);
	call(CONNECT, 3, 0xffffffff80000000ull, 0x80000000ull, 0, 0, 0);
	EXPECT_INT((uint64_t)render_arg_raw(&in, 1, &sg),
		   0xffffffff80000000ull); /* a pointer is never cut */
	EXPECT_INT(sg, 0);
	EXPECT_INT(render_arg_raw(&in, 2, &sg), INT32_MIN);
	EXPECT_INT(sg, 1);
}

int main(void)
{
	test_every_decoder_shows_an_argument_as_strace_does();
	test_the_open_mode_is_shown_only_when_a_file_is_created();
	test_futex_shows_the_arguments_its_op_uses();
	test_a_string_is_quoted_and_cut_at_s();
	test_an_argv_is_a_list_cut_where_the_capture_was();
	test_a_socket_address_is_decoded_by_its_family();
	test_clone3_args_are_decoded_from_the_capture();
	test_captures_belong_to_their_argument_only();
	test_an_fd_is_shown_with_its_path_escaped();
	test_an_ioctl_is_named_by_the_family_of_its_fd();
	test_a_new_fd_is_returned_with_its_path();
	test_errors_are_named_and_described();
	test_raw_values_follow_the_c_type();
	return expect_summary("test_render");
}
