/* Unit tests for line.c: the exact text line for each kind of record, and
 * what hostile bytes become in it. The syscall descriptions are built by
 * hand, as tracer.c would fill them from the 6.18 x86_64 format files
 * (every argument field there is 8 bytes; the C type and the decoder
 * syscalls_arg_dec() picks say how to show it; test_sysset checks that
 * the real descriptions agree). Events are built by hand too: this test
 * links line.c, render.c and what they call (escape, errnos, flags and the
 * dec_* decoders) only. How each argument is decoded is test_render's
 * subject; here, what the line around it looks like.
 *
 * Times: entry at 5 s monotonic, the wall clock 1764218488.123456789 s
 * ahead, so an entry prints as 1764218493.123456789; exits 12345 ns later.
 */
#include <stdint.h>
#include <string.h>

#include "expect.h"
#include "line.h"

#define T_ENTER 5000000000ull
#define T_EXIT (T_ENTER + 12345)
#define WALL 1764218488123456789ll
#define AT "1764218493.123456789"

enum { OPENAT, MMAP, READ, EXIT_GROUP, EXECVE, RENAME, BRK, LSEEK, NSYS };

#define ARG(n, t, ptr, sgn, csz, dec) { n, t, 8, ptr, sgn, csz, dec }
#define INT(n, dec) ARG(n, "int", 0, 1, 4, dec)
#define UINT(n, dec) ARG(n, "unsigned int", 0, 0, 4, dec)
#define ULONG(n, dec) ARG(n, "unsigned long", 0, 0, 8, dec)
#define CSTR(n) ARG(n, "const char *", 1, 0, 8, DEC_PATH)
#define VEC(n, dec) ARG(n, "const char *const *", 1, 0, 8, dec)
#define NOCAP { CAP_NONE, 0, 0, 0, 0 }
#define STRCAP(i) { CAP_STR, i, 0, 0, 0 }

static const struct sysdesc sys[NSYS] = {
	[OPENAT] = { "openat", 257, 4,
		     { INT("dfd", DEC_DIRFD), CSTR("filename"),
		       INT("flags", DEC_OPEN_FLAGS),
		       ARG("mode", "umode_t", 0, 0, 2, DEC_OPEN_MODE) },
		     { STRCAP(1), NOCAP }, RET_FD, 0, 0 },
	[MMAP] = { "mmap", 9, 6,
		   { ULONG("addr", DEC_PTR), ULONG("len", DEC_UDEC),
		     ULONG("prot", DEC_PROT), ULONG("flags", DEC_MMAP_FLAGS),
		     ULONG("fd", DEC_FD), ULONG("off", DEC_NUM) },
		   { NOCAP, NOCAP }, RET_ADDR, 0, 0 },
	[READ] = { "read", 0, 3,
		   { UINT("fd", DEC_FD), ARG("buf", "char *", 1, 0, 8, DEC_PTR),
		     ARG("count", "size_t", 0, 0, 8, DEC_NUM) },
		   { NOCAP, NOCAP }, RET_INT, 0, 0 },
	[EXIT_GROUP] = { "exit_group", 231, 1, { INT("error_code", DEC_NUM) },
			 { NOCAP, NOCAP }, RET_INT, 1, 0 },
	[EXECVE] = { "execve", 59, 3,
		     { CSTR("filename"), VEC("argv", DEC_ARGV),
		       VEC("envp", DEC_PTR) },
		     { STRCAP(0), { CAP_STRV, 1, 0, 0, SYSCALLS_ARGV_MAX } },
		     RET_INT, 0, 1 },
	[RENAME] = { "rename", 82, 2, { CSTR("oldname"), CSTR("newname") },
		     { STRCAP(0), STRCAP(1) }, RET_INT, 0, 0 },
	[BRK] = { "brk", 12, 1, { ULONG("brk", DEC_PTR) }, { NOCAP, NOCAP },
		  RET_ADDR, 0, 0 },
	[LSEEK] = { "lseek", 8, 3,
		    { UINT("fd", DEC_FD),
		      ARG("offset", "off_t", 0, 1, 8, DEC_NUM),
		      UINT("whence", DEC_NUM) },
		    { NOCAP, NOCAP }, RET_INT, 0, 0 },
};

static struct line_cfg cfg = { sys, NSYS, WALL, 256 };

/* A completed call of sys[idx] by cat 12/13, entered at T_ENTER. */
static struct event ev_new(unsigned idx, int64_t ret)
{
	struct event ev;

	memset(&ev, 0, sizeof(ev));
	ev.rec.ts_enter = T_ENTER;
	ev.rec.ts_exit = T_EXIT;
	ev.rec.ret = ret;
	ev.rec.tgid = 12;
	ev.rec.tid = 13;
	ev.rec.nr = sys[idx].nr;
	ev.rec.sys_idx = (__u16)idx;
	ev.rec.kind = REC_SYSCALL;
	memcpy(ev.rec.comm, "cat", 4);
	return ev;
}

/* Capture k of ev: len bytes of s (the cap_len decode_event would give:
 * a string without its NUL). */
static void ev_str(struct event *ev, int k, const char *s, size_t len)
{
	ev->cap[k] = (const unsigned char *)s;
	ev->cap_len[k] = len;
}
#define EV_STR(ev, k, lit) ev_str(ev, k, lit, sizeof(lit) - 1)
/* an argv blob: the strings with their NULs, as the literal spells them */
#define EV_ARGV(ev, k, lit, n)                                               \
	do {                                                                 \
		ev_str(ev, k, lit, sizeof(lit) - 1);                         \
		(ev)->rec.argc = (n);                                        \
	} while (0)

static char buf[LINE_MAX_BYTES(4096)];
static struct sb last;

/* What the caller knows of fds (none unless a test sets them). */
static struct fdpath fd_arg[REC_NARGS], fd_ret;

/* The line for ev (enter: its REC_ENTER), with an ample buffer. */
static const char *render(const struct event *ev, const struct event *enter)
{
	struct render_in in;

	line_render_in(&in, &cfg, ev, enter);
	memcpy(in.fd, fd_arg, sizeof(in.fd));
	in.ret_fd = fd_ret;
	sb_init(&last, buf, LINE_MAX_BYTES(cfg.str_max));
	line_syscall(&last, &cfg, ev, enter, &in);
	EXPECT_INT(last.cut, 0);
	EXPECT_INT(strlen(buf), last.len);
	return buf;
}

static void no_fd_paths(void)
{
	memset(fd_arg, 0, sizeof(fd_arg));
	memset(&fd_ret, 0, sizeof(fd_ret));
}

static struct fdpath path_of(const char *p)
{
	struct fdpath f = { (const unsigned char *)p, strlen(p), FDPATH_SEEN,
			    0 };

	return f;
}

static void test_an_openat_line_is_exact(void)
{
	struct event ev = ev_new(OPENAT, 3);

	ev.rec.args[0] = (__u64)-100;
	ev.rec.args[1] = 0x7ffc0000beefull;
	EV_STR(&ev, 0, "/etc/x");
	EXPECT_STR(render(&ev, NULL),
		   AT " cat 12/13 openat(AT_FDCWD, \"/etc/x\", O_RDONLY) = 3 "
		      "<0.000012345>\n");
	/* as strace prints it: flags by name, the mode only with O_CREAT */
	ev.rec.args[2] = 0x80000;
	ev.rec.args[3] = 0644;
	EXPECT_STR(render(&ev, NULL),
		   AT " cat 12/13 openat(AT_FDCWD, \"/etc/x\", "
		      "O_RDONLY|O_CLOEXEC) = 3 <0.000012345>\n");
	ev.rec.args[2] = 01101; /* O_WRONLY|O_CREAT|O_TRUNC */
	EXPECT_STR(render(&ev, NULL),
		   AT " cat 12/13 openat(AT_FDCWD, \"/etc/x\", "
		      "O_WRONLY|O_CREAT|O_TRUNC, 0644) = 3 <0.000012345>\n");
	/* with what the caller knows of the new fd: strace -y */
	fd_ret = path_of("/etc/x");
	EXPECT_CONTAINS(render(&ev, NULL),
			", 0644) = 3</etc/x> <0.000012345>\n");
	no_fd_paths();
}

/* An fd argument the caller can name carries its path, escaped; an
 * unknown one is the bare number. */
static void test_an_fd_with_a_known_path_is_decorated(void)
{
	struct event ev = ev_new(READ, 5);

	ev.rec.args[0] = 3;
	ev.rec.args[1] = 0x7ffd0000ull;
	ev.rec.args[2] = 5;
	EXPECT_STR(render(&ev, NULL),
		   AT " cat 12/13 read(3, 0x7ffd0000, 5) = 5 <0.000012345>\n");
	fd_arg[0] = path_of("/etc/x");
	EXPECT_STR(render(&ev, NULL),
		   AT " cat 12/13 read(3</etc/x>, 0x7ffd0000, 5) = 5 "
		      "<0.000012345>\n");
	/* a file named to forge a line and paint the terminal stays inside
	 * its brackets, on one line */
	fd_arg[0] = path_of("/tmp/a\n" AT " sshd 1/1 read(0\x1b[2J");
	EXPECT_STR(render(&ev, NULL),
		   AT " cat 12/13 read(3</tmp/a\\n" AT " sshd 1/1 "
		      "read(0\\x1b[2J>, 0x7ffd0000, 5) = 5 <0.000012345>\n");
	/* a read's return is a count, never an fd */
	fd_ret = path_of("/nope");
	EXPECT_CONTAINS(render(&ev, NULL), ") = 5 <");
	no_fd_paths();
}

static void test_times_are_padded_and_never_negative(void)
{
	struct event ev = ev_new(BRK, 0x1000);

	ev.rec.ts_enter = 1000000000ull * 7 + 5;
	ev.rec.ts_exit = ev.rec.ts_enter + 1000000000ull;
	cfg.wall_offset_ns = 0;
	EXPECT_STR(render(&ev, NULL),
		   "7.000000005 cat 12/13 brk(NULL) = 0x1000 <1.000000000>\n");
	/* an exit stamped before its entry (clock skew) shows 0, not 584
	 * years */
	ev.rec.ts_exit = ev.rec.ts_enter - 1;
	EXPECT_STR(render(&ev, NULL),
		   "7.000000005 cat 12/13 brk(NULL) = 0x1000 <0.000000000>\n");
	cfg.wall_offset_ns = WALL;
}

static void test_an_error_return_is_named_and_described(void)
{
	struct event ev = ev_new(OPENAT, -2);

	ev.rec.args[0] = (__u64)-100;
	ev.rec.args[2] = 0x80000; /* O_CLOEXEC */
	EV_STR(&ev, 0, "/nope");
	EXPECT_STR(render(&ev, NULL),
		   AT " cat 12/13 openat(AT_FDCWD, \"/nope\", "
		      "O_RDONLY|O_CLOEXEC) = -1 ENOENT (No such file or "
		      "directory) <0.000012345>\n");
	/* a failed open has no fd to decorate, whatever the caller says */
	fd_ret = path_of("/nope");
	EXPECT_CONTAINS(render(&ev, NULL), ") = -1 ENOENT (No such file");
	no_fd_paths();
	ev.rec.ret = -1;
	EXPECT_CONTAINS(render(&ev, NULL),
			") = -1 EPERM (Operation not permitted) <");
}

static void test_an_errno_without_a_name_is_a_number(void)
{
	/* the kernel's restart codes are named as strace names them: a
	 * call a signal interrupted (the process may die of it) */
	struct event ev = ev_new(READ, -512);

	EXPECT_STR(render(&ev, NULL),
		   AT " cat 12/13 read(0, NULL, 0) = -1 ERESTARTSYS (To be "
		      "restarted if SA_RESTART is set) <0.000012345>\n");
	ev.rec.ret = -516;
	EXPECT_CONTAINS(render(&ev, NULL),
			") = -1 ERESTART_RESTARTBLOCK (Interrupted by signal) <");
	ev.rec.ret = -515; /* ENOIOCTLCMD never leaves the kernel */
	EXPECT_CONTAINS(render(&ev, NULL), ") = -1 errno 515 <");
	ev.rec.ret = -4095; /* the last errno value */
	EXPECT_CONTAINS(render(&ev, NULL), ") = -1 errno 4095 <");
	ev.rec.ret = -4096; /* not an errno: a plain negative value */
	EXPECT_CONTAINS(render(&ev, NULL), ") = -4096 <");
}

static void test_addresses_are_returned_in_hex(void)
{
	struct event ev = ev_new(MMAP, 0x7f1234560000ll);

	ev.rec.args[1] = 4096;
	ev.rec.args[2] = 3;
	ev.rec.args[3] = 0x22;
	ev.rec.args[4] = (__u64)-1;
	EXPECT_STR(render(&ev, NULL),
		   AT " cat 12/13 mmap(NULL, 4096, PROT_READ|PROT_WRITE, "
		      "MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f1234560000 "
		      "<0.000012345>\n");
	ev.rec.ret = -12;
	EXPECT_CONTAINS(render(&ev, NULL),
			") = -1 ENOMEM (Cannot allocate memory) <0.000012345>\n");

	ev = ev_new(BRK, 0x55d5a0c3d000ll);
	ev.rec.args[0] = 0x55d5a0c3d000ull;
	EXPECT_STR(render(&ev, NULL),
		   AT " cat 12/13 brk(0x55d5a0c3d000) = 0x55d5a0c3d000 "
		      "<0.000012345>\n");
	ev.rec.ret = 0;
	EXPECT_CONTAINS(render(&ev, NULL), ") = 0x0 <");

	/* an int return stays decimal */
	ev = ev_new(READ, 4096);
	EXPECT_CONTAINS(render(&ev, NULL), ") = 4096 <");
}

static void test_a_pointer_is_null_or_hex(void)
{
	struct event ev = ev_new(READ, 0);

	EXPECT_STR(render(&ev, NULL),
		   AT " cat 12/13 read(0, NULL, 0) = 0 <0.000012345>\n");
	ev.rec.args[1] = 0x7ffd1234abcdull;
	EXPECT_STR(render(&ev, NULL),
		   AT " cat 12/13 read(0, 0x7ffd1234abcd, 0) = 0 "
		      "<0.000012345>\n");
}

static void test_signed_ints_are_sign_extended_from_their_c_size(void)
{
	struct event ev = ev_new(OPENAT, 3);

	EV_STR(&ev, 0, "/x");
	/* the kernel may hand the int over zero- or sign-extended */
	ev.rec.args[0] = 0xffffff9cull;
	EXPECT_CONTAINS(render(&ev, NULL),
			" openat(AT_FDCWD, \"/x\", O_RDONLY) = 3");
	ev.rec.args[0] = 0xffffffffffffff9cull;
	EXPECT_CONTAINS(render(&ev, NULL),
			" openat(AT_FDCWD, \"/x\", O_RDONLY) = 3");
	/* only the int's 32 bits count */
	ev.rec.args[0] = 0x1234567800000005ull;
	EXPECT_CONTAINS(render(&ev, NULL), " openat(5, ");
	ev.rec.args[0] = 0x80000000ull;
	EXPECT_CONTAINS(render(&ev, NULL), " openat(-2147483648, ");
	ev.rec.args[0] = 0x7fffffffull;
	EXPECT_CONTAINS(render(&ev, NULL), " openat(2147483647, ");

	/* a signed long is shown whole */
	ev = ev_new(LSEEK, 0);
	ev.rec.args[1] = 0xffffffffffffff9cull;
	EXPECT_CONTAINS(render(&ev, NULL), " lseek(0, -100, 0) = 0");
	ev.rec.args[1] = 0xffffff9cull;
	EXPECT_CONTAINS(render(&ev, NULL), " lseek(0, 4294967196, 0) = 0");
	ev.rec.args[1] = 0x8000000000000000ull;
	EXPECT_CONTAINS(render(&ev, NULL),
			" lseek(0, -9223372036854775808, 0) = 0");

	/* a plain int, too */
	ev = ev_new(EXIT_GROUP, 0);
	ev.rec.flags = RECF_NO_RETURN;
	ev.rec.args[0] = 0x00000001ffffff9cull;
	EXPECT_CONTAINS(render(&ev, NULL), " exit_group(-100) = ?");
}

static void test_unsigned_ints_are_masked_to_their_c_size(void)
{
	struct event ev = ev_new(READ, 0);

	ev.rec.args[0] = 0xffffffff00000003ull;
	EXPECT_CONTAINS(render(&ev, NULL), " read(3, NULL, 0) = 0");
	/* an fd is an int to the kernel's fdget, whatever the prototype
	 * says: strace shows read(-1, ...) */
	ev.rec.args[0] = 0xffffffffull;
	EXPECT_CONTAINS(render(&ev, NULL), " read(-1, NULL, 0) = 0");
	ev.rec.args[0] = 0xffffffffffffffffull;
	EXPECT_CONTAINS(render(&ev, NULL), " read(-1, NULL, 0) = 0");

	/* an unsigned int shown as a number */
	ev = ev_new(LSEEK, 0);
	ev.rec.args[2] = 0xffffffff00000001ull;
	EXPECT_CONTAINS(render(&ev, NULL), " lseek(0, 0, 1) = 0");
	ev.rec.args[2] = 0xffffffffull;
	EXPECT_CONTAINS(render(&ev, NULL), " lseek(0, 0, 4294967295) = 0");

	/* umode_t is 2 bytes, unsigned, shown in octal */
	ev = ev_new(OPENAT, 3);
	EV_STR(&ev, 0, "/x");
	ev.rec.args[2] = 0100; /* O_CREAT: the mode is read */
	ev.rec.args[3] = 0x101a4; /* 0644 with a stray bit above 16 */
	EXPECT_CONTAINS(render(&ev, NULL),
			"openat(0, \"/x\", O_RDONLY|O_CREAT, 0644) = 3");
	ev.rec.args[3] = 0xffff;
	EXPECT_CONTAINS(render(&ev, NULL),
			"openat(0, \"/x\", O_RDONLY|O_CREAT, 0177777) = 3");
}

static void test_unsigned_long_is_hex_but_size_t_is_decimal(void)
{
	struct event ev = ev_new(READ, 4096);

	ev.rec.args[2] = 4096;
	EXPECT_CONTAINS(render(&ev, NULL), " read(0, NULL, 4096) = 4096 <");
	ev.rec.args[2] = 0xffffffffffffffffull;
	EXPECT_CONTAINS(render(&ev, NULL),
			" read(0, NULL, 18446744073709551615) = 4096 <");

	/* mmap's offset is an unsigned long strace shows in hex; its length
	 * is decoded as the unsigned decimal it is */
	ev = ev_new(MMAP, 0);
	ev.rec.args[1] = 4096;
	ev.rec.args[5] = 4096;
	EXPECT_CONTAINS(render(&ev, NULL),
			" mmap(NULL, 4096, PROT_NONE, 0, 0, 0x1000) = ");
}

static void test_a_long_string_is_cut_at_str_max(void)
{
	struct event ev = ev_new(OPENAT, 3);

	EV_STR(&ev, 0, "/etc/passwd");
	cfg.str_max = 4;
	EXPECT_STR(render(&ev, NULL),
		   AT " cat 12/13 openat(0, \"/etc\"..., O_RDONLY) = 3 "
		      "<0.000012345>\n");
	cfg.str_max = 11; /* exactly as long: no dots */
	EXPECT_CONTAINS(render(&ev, NULL),
			"openat(0, \"/etc/passwd\", O_RDONLY)");
	cfg.str_max = 10;
	EXPECT_CONTAINS(render(&ev, NULL),
			"openat(0, \"/etc/passw\"..., O_RDONLY)");
	/* str_max counts input characters, not escaped output bytes */
	EV_STR(&ev, 0, "\x1b\x1b\x1b\x1b\x1b");
	cfg.str_max = 2;
	EXPECT_CONTAINS(render(&ev, NULL),
			"openat(0, \"\\x1b\\x1b\"..., O_RDONLY)");
	cfg.str_max = 256;
}

static void test_s_0_shows_no_characters_but_says_there_were_some(void)
{
	struct event ev = ev_new(OPENAT, 3);

	cfg.str_max = 0;
	EV_STR(&ev, 0, "/etc/x");
	EXPECT_STR(render(&ev, NULL),
		   AT " cat 12/13 openat(0, \"\"..., O_RDONLY) = 3 "
		      "<0.000012345>\n");
	EV_STR(&ev, 0, "");
	EXPECT_CONTAINS(render(&ev, NULL), "openat(0, \"\", O_RDONLY) = 3");
	cfg.str_max = 256;
}

/* No string captured (fault, or a NULL path): the pointer is shown. */
static void test_a_string_that_was_not_read_shows_its_pointer(void)
{
	struct event ev = ev_new(OPENAT, -14);

	ev.rec.args[0] = (__u64)-100;
	ev.rec.args[1] = 0xdead0000ull;
	ev.rec.flags = RECF_CAP0_FAULT;
	EXPECT_STR(render(&ev, NULL),
		   AT " cat 12/13 openat(AT_FDCWD, 0xdead0000, O_RDONLY) = -1 "
		      "EFAULT (Bad address) <0.000012345>\n");
	ev.rec.args[1] = 0;
	EXPECT_CONTAINS(render(&ev, NULL),
			"openat(AT_FDCWD, NULL, O_RDONLY) = -1");

	/* a string in a slot the syscall does not use is not shown */
	ev = ev_new(READ, 0);
	ev.rec.args[1] = 0x1000;
	EV_STR(&ev, 0, "secret");
	EXPECT_CONTAINS(render(&ev, NULL), " read(0, 0x1000, 0) = 0 <");
}

/* Split a line on spaces outside quotes (a backslash escapes the next
 * byte, in or out of quotes); returns the number of fields. */
static int fields(const char *line)
{
	int n = 0, in_word = 0, quoted = 0;

	for (; *line && *line != '\n'; line++) {
		if (*line == '\\' && line[1]) { /* an escape is one char */
			if (!in_word) {
				in_word = 1;
				n++;
			}
			line++;
			continue;
		}
		if (*line == '"')
			quoted = !quoted;
		if (*line == ' ' && !quoted) {
			in_word = 0;
		} else if (!in_word) {
			in_word = 1;
			n++;
		}
	}
	return n;
}

static int newlines(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static int has_byte_outside_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x7f ||
		    ((unsigned char)*s < 0x20 && *s != '\n'))
			return 1;
	return 0;
}

static void test_a_hostile_comm_stays_one_field(void)
{
	struct event ev = ev_new(OPENAT, 3);
	const char *line;
	int normal;

	EV_STR(&ev, 0, "/x");
	normal = fields(render(&ev, NULL));
	EXPECT_INT(normal, 9);

	memcpy(ev.rec.comm, "a b\n\x1b[2J\"\\\xff", 11);
	line = render(&ev, NULL);
	EXPECT_STR(line, AT " a\\x20b\\n\\x1b[2J\\\"\\\\\\xff 12/13 "
			 "openat(0, \"/x\", O_RDONLY) = 3 <0.000012345>\n");
	EXPECT_INT(fields(line), normal);
	EXPECT_INT(newlines(line), 1);
	EXPECT_INT(has_byte_outside_ascii(line), 0);

	/* a comm that fills all 16 bytes without a NUL is read to 16 */
	memcpy(ev.rec.comm, "0123456789abcdefXXXX", REC_COMM_LEN);
	EXPECT_CONTAINS(render(&ev, NULL), AT " 0123456789abcdef 12/13 ");
	/* an empty comm is a placeholder, not an empty field */
	memset(ev.rec.comm, 0, REC_COMM_LEN);
	line = render(&ev, NULL);
	EXPECT_CONTAINS(line, AT " ? 12/13 openat(");
	EXPECT_INT(fields(line), normal);
}

static void test_a_hostile_path_cannot_forge_a_line(void)
{
	static const char forged[] =
		"/tmp/x\n" AT " sshd 1/1 openat(-100, \"/etc/shadow\", 0, 0)"
		" = 3 <0.000000001>";
	static const char want[] =
		AT " cat 12/13 openat(0, \"/tmp/x\\n" AT " sshd 1/1 "
		"openat(-100, \\\"/etc/shadow\\\", 0, 0) = 3 <0.000000001>\", "
		"O_RDONLY) = 3 <0.000012345>\n";
	struct event ev = ev_new(OPENAT, 3);
	const char *line;

	EV_STR(&ev, 0, forged);
	line = render(&ev, NULL);
	EXPECT_STR(line, want);
	EXPECT_INT(newlines(line), 1);

	EV_STR(&ev, 0, "\x1b[2J\x1b]0;t\x07");
	EXPECT_CONTAINS(render(&ev, NULL),
			"openat(0, \"\\x1b[2J\\x1b]0;t\\x07\", O_RDONLY) = 3");
	EV_STR(&ev, 0, "a\"b\\c");
	EXPECT_CONTAINS(render(&ev, NULL),
			"openat(0, \"a\\\"b\\\\c\", O_RDONLY) = 3");
	/* invalid UTF-8 (and valid UTF-8 too) is shown byte by byte */
	EV_STR(&ev, 0, "\xff\xc3(\xc3\xa9\x9b");
	line = render(&ev, NULL);
	EXPECT_CONTAINS(line, "openat(0, \"\\xff\\xc3(\\xc3\\xa9\\x9b\", "
			      "O_RDONLY) = 3");
	EXPECT_INT(has_byte_outside_ascii(line), 0);
	/* a string with a NUL inside, as decode would never pass it, still
	 * cannot end the quoted text early */
	ev_str(&ev, 0, "a\0b", 3);
	EXPECT_CONTAINS(render(&ev, NULL),
			"openat(0, \"a\\x00b\", O_RDONLY) = 3");
}

static void test_an_exit_without_its_entry_says_so(void)
{
	struct event ev = ev_new(OPENAT, 3);

	ev.rec.flags = RECF_NO_ENTRY;
	ev.rec.ts_enter = 0;
	ev.rec.ts_exit = T_ENTER; /* the only time known: the exit's */
	EXPECT_STR(render(&ev, NULL),
		   AT " cat 12/13 openat(?) = 3 <entry not seen>\n");
	ev.rec.ret = -2;
	EXPECT_STR(render(&ev, NULL),
		   AT " cat 12/13 openat(?) = -1 ENOENT (No such file or "
		      "directory) <entry not seen>\n");
}

static void test_a_call_that_never_returns_has_no_return(void)
{
	struct event ev = ev_new(EXIT_GROUP, 0);

	ev.rec.flags = RECF_NO_RETURN;
	ev.rec.ts_exit = ev.rec.ts_enter;
	EXPECT_STR(render(&ev, NULL), AT " cat 12/13 exit_group(0) = ?\n");
	ev.rec.args[0] = 0xffffffffull;
	EXPECT_STR(render(&ev, NULL), AT " cat 12/13 exit_group(-1) = ?\n");
}

static struct event execve_enter(void)
{
	struct event en = ev_new(EXECVE, 0);

	en.rec.kind = REC_ENTER;
	en.rec.ts_exit = en.rec.ts_enter;
	en.rec.args[0] = 0x5000;
	en.rec.args[1] = 0x7ffe0010ull;
	en.rec.args[2] = 0x7ffe0020ull;
	memcpy(en.rec.comm, "sh", 3);
	EV_STR(&en, 0, "/bin/x");
	return en;
}

static void test_an_execve_entry_alone_is_unfinished(void)
{
	struct event en = execve_enter();

	EXPECT_STR(render(&en, NULL),
		   AT " sh 12/13 execve(\"/bin/x\", [], 0x7ffe0020) "
		      "= ? <unfinished>\n");
	/* with its argv read: the strings, as strace lists them */
	EV_ARGV(&en, 1, "x\0-v\0", 2);
	EXPECT_STR(render(&en, NULL),
		   AT " sh 12/13 execve(\"/bin/x\", [\"x\", \"-v\"], "
		      "0x7ffe0020) = ? <unfinished>\n");
}

/* more execve calls in flight than the tracer keeps: the oldest entry is
 * logged before its return arrives, and its return alone after it */
static void test_an_execve_entry_logged_apart_says_so(void)
{
	struct event en = execve_enter(), ex = ev_new(EXECVE, -8);

	en.return_apart = 1;
	EXPECT_STR(render(&en, NULL),
		   AT " sh 12/13 execve(\"/bin/x\", [], 0x7ffe0020) "
		      "= ? <return apart>\n");
	/* the return without its entry: argv was not read at return, so it
	 * is its address, not an empty vector */
	ex.rec.args[0] = 0x5000;
	ex.rec.args[1] = 0x7ffe0010ull;
	ex.rec.args[2] = 0x7ffe0020ull;
	memcpy(ex.rec.comm, "sh", 3);
	EXPECT_CONTAINS(render(&ex, NULL),
			" sh 12/13 execve(0x5000, 0x7ffe0010, 0x7ffe0020) = -1 ENOEXEC ");
}

/* The exit record of execve carries no captures (the memory is gone); the
 * line takes args and captures from the REC_ENTER, the time from the entry
 * to the exit, the comm of the new program. */
static void test_an_execve_exit_is_joined_with_its_entry(void)
{
	struct event en = execve_enter();
	struct event ex = ev_new(EXECVE, 0);

	ex.rec.args[0] = 0x5000; /* the exit's own copy: no string */
	ex.rec.ts_exit = T_ENTER + 2500000;
	memcpy(ex.rec.comm, "x", 2);
	EXPECT_STR(render(&ex, &en),
		   AT " x 12/13 execve(\"/bin/x\", [], 0x7ffe0020) = 0 "
		      "<0.002500000>\n");
	ex.rec.ret = -2;
	EXPECT_STR(render(&ex, &en),
		   AT " x 12/13 execve(\"/bin/x\", [], 0x7ffe0020) = -1 "
		      "ENOENT (No such file or directory) <0.002500000>\n");
	/* the argv comes from the entry too, cut where the entry said */
	EV_ARGV(&en, 1, "x\0-v\0", 2);
	en.rec.cap_flags = CAPF_MORE;
	ex.rec.ret = 0;
	EXPECT_STR(render(&ex, &en),
		   AT " x 12/13 execve(\"/bin/x\", [\"x\", \"-v\", ...], "
		      "0x7ffe0020) = 0 <0.002500000>\n");
	/* without its entry the exit alone shows the pointers */
	EXPECT_CONTAINS(render(&ex, NULL), " x 12/13 execve(0x5000, NULL, "
					   "NULL) = 0 <0.002500000>\n");
}

/* The in-flight map was full at sys_enter: the REC_ENTER went out but the
 * exit came with NO_ENTRY and ts_enter 0. Joined, the line is complete,
 * and its time is the entry's, not 0 + the wall offset. */
static void test_an_execve_exit_without_entry_joined_keeps_the_entry_time(void)
{
	struct event en = execve_enter();
	struct event ex = ev_new(EXECVE, 0);

	ex.rec.flags = RECF_NO_ENTRY;
	ex.rec.ts_enter = 0;
	ex.rec.ts_exit = T_ENTER + 2500000;
	EXPECT_STR(render(&ex, &en),
		   AT " cat 12/13 execve(\"/bin/x\", [], 0x7ffe0020) "
		      "= 0 <0.002500000>\n");
}

static void test_two_strings_are_both_quoted(void)
{
	struct event ev = ev_new(RENAME, 0);

	ev.rec.args[0] = 0x1000;
	ev.rec.args[1] = 0x2000;
	EV_STR(&ev, 0, "/old");
	EV_STR(&ev, 1, "/new\n");
	EXPECT_STR(render(&ev, NULL),
		   AT " cat 12/13 rename(\"/old\", \"/new\\n\") = 0 "
		      "<0.000012345>\n");
	/* the second read faulted: its pointer */
	ev.cap[1] = NULL;
	EXPECT_CONTAINS(render(&ev, NULL), " rename(\"/old\", 0x2000) = 0 <");
	/* only the second captured */
	EV_STR(&ev, 1, "/new");
	ev.cap[0] = NULL;
	EXPECT_CONTAINS(render(&ev, NULL), " rename(0x1000, \"/new\") = 0 <");
	/* -s applies to each string */
	EV_STR(&ev, 0, "/old");
	cfg.str_max = 2;
	EXPECT_CONTAINS(render(&ev, NULL),
			" rename(\"/o\"..., \"/n\"...) = 0 <");
	cfg.str_max = 256;
}

static void test_line_args_alone(void)
{
	char b[128];
	struct sb s;
	struct render_in in;
	struct event ev = ev_new(OPENAT, 3);

	ev.rec.args[0] = (__u64)-100;
	ev.rec.args[3] = 0644;
	EV_STR(&ev, 0, "/x");
	line_render_in(&in, &cfg, &ev, NULL);
	sb_init(&s, b, sizeof(b));
	line_args(&s, &in);
	EXPECT_STR(b, "AT_FDCWD, \"/x\", O_RDONLY");
	ev.rec.args[2] = 01101;
	sb_init(&s, b, sizeof(b));
	line_args(&s, &in);
	EXPECT_STR(b, "AT_FDCWD, \"/x\", O_WRONLY|O_CREAT|O_TRUNC, 0644");
	/* no captures: every argument from its value */
	in.caps = NULL;
	sb_init(&s, b, sizeof(b));
	line_args(&s, &in);
	EXPECT_STR(b, "AT_FDCWD, NULL, O_WRONLY|O_CREAT|O_TRUNC, 0644");
	EXPECT_INT(s.cut, 0);

	/* the input points at the entry when there is one */
	{
		struct event en = execve_enter(), ex = ev_new(EXECVE, 0);

		line_render_in(&in, &cfg, &ex, &en);
		EXPECT_TRUE(in.d == &sys[EXECVE]);
		EXPECT_TRUE(in.args == en.rec.args);
		EXPECT_TRUE(in.caps == &en);
		EXPECT_INT(in.str_max, cfg.str_max);
		EXPECT_TRUE(in.fd[0].path == NULL && in.ret_fd.path == NULL);
		line_render_in(&in, &cfg, &ex, NULL);
		EXPECT_TRUE(in.args == ex.rec.args);
		EXPECT_TRUE(in.caps == &ex);
	}
}

/* Worst case per -s: every capture at its longest and all escapes (two
 * paths; an argv of SYSCALLS_ARGV_MAX strings one longer than -s, and
 * more; every fd with a path as long as fdtrack keeps, max(-s, 256)
 * bytes), the comm all escapes: LINE_MAX_BYTES must hold each. */
static void test_line_max_bytes_holds_the_worst_line(void)
{
	static char big[2][4096 + 2];
	static char argv[SYSCALLS_ARGV_MAX * (4096 + 2)];
	static char out[LINE_MAX_BYTES(4096)];
	static const unsigned smax[] = { 0, 1, 256, 4096 };
	struct event ev[3];
	struct sb s;
	size_t i, k, j;

	memset(big, 0xff, sizeof(big));
	ev[0] = ev_new(RENAME, INT64_MIN);
	ev[1] = ev_new(EXECVE, -4095);
	ev[2] = ev_new(OPENAT, INT32_MAX);
	for (i = 0; i < sizeof(smax) / sizeof(smax[0]); i++) {
		/* what the BPF side can send for this -s: str_cap bytes
		 * a string, NUL included */
		size_t cap = smax[i] + 2, n = 0;

		for (k = 0; k < SYSCALLS_ARGV_MAX; k++) {
			memset(argv + n, 0x9b, cap - 1);
			argv[n + cap - 1] = '\0';
			n += cap;
		}
		for (k = 0; k < 3; k++) {
			memset(ev[k].rec.comm, 0xff, REC_COMM_LEN);
			ev[k].rec.tgid = ev[k].rec.tid = UINT32_MAX;
			ev[k].rec.ts_enter = 1;
			ev[k].rec.ts_exit = UINT64_MAX;
			for (j = 0; j < REC_NARGS; j++)
				ev[k].rec.args[j] = UINT64_MAX;
		}
		ev_str(&ev[0], 0, big[0], cap - 1);
		ev_str(&ev[0], 1, big[1], cap - 1);
		ev_str(&ev[1], 0, big[0], cap - 1);
		ev_str(&ev[1], 1, argv, n);
		ev[1].rec.argc = SYSCALLS_ARGV_MAX;
		ev[1].rec.cap_flags = CAPF_MORE;
		ev[2].rec.args[0] = 7;
		ev[2].rec.args[2] = 0100; /* O_CREAT, and the rest set */
		ev_str(&ev[2], 0, big[0], cap - 1);
		for (k = 0; k < 3; k++) {
			struct render_in in;

			cfg.str_max = smax[i];
			line_render_in(&in, &cfg, &ev[k], NULL);
			for (j = 0; j < REC_NARGS; j++)
				in.fd[j] = (struct fdpath){
					(const unsigned char *)big[1],
					smax[i] > 256 ? smax[i] : 256,
					FDPATH_PROC, 1 };
			in.ret_fd = in.fd[0];
			sb_init(&s, out, LINE_MAX_BYTES(smax[i]));
			line_syscall(&s, &cfg, &ev[k], NULL, &in);
			if (s.cut)
				fprintf(stderr, "  -s %u: %s cut\n", smax[i],
					sys[ev[k].rec.sys_idx].name);
			EXPECT_INT(s.cut, 0);
			EXPECT_TRUE(s.len > 0 && out[s.len - 1] == '\n');
		}
	}
	cfg.str_max = 256;
}

/* A buffer too small: the builder marks the line cut and never writes
 * past its capacity; what it holds is the start of the full line (the
 * caller then turns the last byte into the newline). */
static void test_a_line_too_long_for_the_buffer_is_cut(void)
{
	static char full[512], small[512 + 8];
	struct event ev = ev_new(OPENAT, 3);
	struct render_in in;
	struct sb s;
	size_t cap, full_len, not_prefix = 0, overrun = 0;

	ev.rec.args[0] = (__u64)-100;
	EV_STR(&ev, 0, "/etc/\x1b[2J/a b/\xff\xfe/passwd");
	memcpy(ev.rec.comm, "a\x1b" "b c", 6);
	fd_ret = path_of("/etc/\n/passwd");
	EXPECT_STR(render(&ev, NULL),
		   AT " a\\x1bb\\x20c 12/13 openat(AT_FDCWD, "
		      "\"/etc/\\x1b[2J/a b/\\xff\\xfe/passwd\", O_RDONLY) = "
		      "3</etc/\\n/passwd> <0.000012345>\n");
	strcpy(full, buf);
	full_len = strlen(full);
	line_render_in(&in, &cfg, &ev, NULL);
	in.ret_fd = fd_ret;
	no_fd_paths();

	for (cap = 1; cap <= full_len; cap++) {
		memset(small, 'Z', sizeof(small));
		sb_init(&s, small, cap);
		line_syscall(&s, &cfg, &ev, NULL, &in);
		if (!s.cut)
			fprintf(stderr, "  cap %zu: not marked cut\n", cap);
		EXPECT_INT(s.cut, 1);
		if (s.len >= cap || small[s.len] != '\0' || small[cap] != 'Z')
			overrun++;
		if (memcmp(small, full, s.len) != 0) {
			if (!not_prefix)
				fprintf(stderr, "  cap %zu: \"%s\" is not the "
					"start of the full line\n", cap, small);
			not_prefix++;
		}
	}
	EXPECT_INT(overrun, 0);
	EXPECT_INT(not_prefix, 0);

	/* one byte more than the line: it fits whole */
	sb_init(&s, small, full_len + 1);
	line_syscall(&s, &cfg, &ev, NULL, &in);
	EXPECT_INT(s.cut, 0);
	EXPECT_STR(small, full);
}

int main(void)
{
	test_an_openat_line_is_exact();
	test_an_fd_with_a_known_path_is_decorated();
	test_times_are_padded_and_never_negative();
	test_an_error_return_is_named_and_described();
	test_an_errno_without_a_name_is_a_number();
	test_addresses_are_returned_in_hex();
	test_a_pointer_is_null_or_hex();
	test_signed_ints_are_sign_extended_from_their_c_size();
	test_unsigned_ints_are_masked_to_their_c_size();
	test_unsigned_long_is_hex_but_size_t_is_decimal();
	test_a_long_string_is_cut_at_str_max();
	test_s_0_shows_no_characters_but_says_there_were_some();
	test_a_string_that_was_not_read_shows_its_pointer();
	test_a_hostile_comm_stays_one_field();
	test_a_hostile_path_cannot_forge_a_line();
	test_an_exit_without_its_entry_says_so();
	test_a_call_that_never_returns_has_no_return();
	test_an_execve_entry_alone_is_unfinished();
	test_an_execve_entry_logged_apart_says_so();
	test_an_execve_exit_is_joined_with_its_entry();
	test_an_execve_exit_without_entry_joined_keeps_the_entry_time();
	test_two_strings_are_both_quoted();
	test_line_args_alone();
	test_line_max_bytes_holds_the_worst_line();
	test_a_line_too_long_for_the_buffer_is_cut();
	return expect_summary("test_line");
}
