/* Unit tests for line.c: the exact text line for each kind of record, and
 * what hostile bytes become in it. The syscall descriptions are built by
 * hand, as tracer.c would fill them from the 6.18 x86_64 format files
 * (every argument field there is 8 bytes; the C type says how to show it).
 * Events are built by hand too: this test links line.c, escape.c and
 * errnos.c only.
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

#define ARG(n, t, ptr, sgn, csz) { n, t, 8, ptr, sgn, csz }
#define INT(n) ARG(n, "int", 0, 1, 4)
#define ULONG(n) ARG(n, "unsigned long", 0, 0, 8)
#define CSTR(n) ARG(n, "const char *", 1, 0, 8)

static const struct sysdesc sys[NSYS] = {
	[OPENAT] = { "openat", 257, 4,
		     { INT("dfd"), CSTR("filename"), INT("flags"),
		       ARG("mode", "umode_t", 0, 0, 2) },
		     { 1, -1 }, RET_INT, 0, 0 },
	[MMAP] = { "mmap", 9, 6,
		   { ULONG("addr"), ULONG("len"), ULONG("prot"),
		     ULONG("flags"), ULONG("fd"), ULONG("off") },
		   { -1, -1 }, RET_ADDR, 0, 0 },
	[READ] = { "read", 0, 3,
		   { ARG("fd", "unsigned int", 0, 0, 4),
		     ARG("buf", "char *", 1, 0, 8),
		     ARG("count", "size_t", 0, 0, 8) },
		   { -1, -1 }, RET_INT, 0, 0 },
	[EXIT_GROUP] = { "exit_group", 231, 1, { INT("error_code") },
			 { -1, -1 }, RET_INT, 1, 0 },
	[EXECVE] = { "execve", 59, 3,
		     { CSTR("filename"),
		       ARG("argv", "const char *const *", 1, 0, 8),
		       ARG("envp", "const char *const *", 1, 0, 8) },
		     { 0, -1 }, RET_INT, 0, 1 },
	[RENAME] = { "rename", 82, 2, { CSTR("oldname"), CSTR("newname") },
		     { 0, 1 }, RET_INT, 0, 0 },
	[BRK] = { "brk", 12, 1, { ULONG("brk") }, { -1, -1 }, RET_ADDR, 0, 0 },
	[LSEEK] = { "lseek", 8, 3,
		    { ARG("fd", "unsigned int", 0, 0, 4),
		      ARG("offset", "off_t", 0, 1, 8),
		      ARG("whence", "unsigned int", 0, 0, 4) },
		    { -1, -1 }, RET_INT, 0, 0 },
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

/* String k of ev: len bytes of s (the str_len decode_event would give). */
static void ev_str(struct event *ev, int k, const char *s, size_t len)
{
	ev->str[k] = (const unsigned char *)s;
	ev->str_len[k] = len;
}
#define EV_STR(ev, k, lit) ev_str(ev, k, lit, sizeof(lit) - 1)

static char buf[LINE_MAX_BYTES(4096)];
static struct sb last;

/* The line for ev (enter: its REC_ENTER), with an ample buffer. */
static const char *render(const struct event *ev, const struct event *enter)
{
	sb_init(&last, buf, LINE_MAX_BYTES(cfg.str_max));
	line_syscall(&last, &cfg, ev, enter);
	EXPECT_INT(last.cut, 0);
	EXPECT_INT(strlen(buf), last.len);
	return buf;
}

static void test_an_openat_line_is_exact(void)
{
	struct event ev = ev_new(OPENAT, 3);

	ev.rec.args[0] = (__u64)-100;
	ev.rec.args[1] = 0x7ffc0000beefull;
	EV_STR(&ev, 0, "/etc/x");
	EXPECT_STR(render(&ev, NULL),
		   AT " cat 12/13 openat(-100, \"/etc/x\", 0, 0) = 3 "
		      "<0.000012345>\n");
}

static void test_times_are_padded_and_never_negative(void)
{
	struct event ev = ev_new(BRK, 0x1000);

	ev.rec.ts_enter = 1000000000ull * 7 + 5;
	ev.rec.ts_exit = ev.rec.ts_enter + 1000000000ull;
	cfg.wall_offset_ns = 0;
	EXPECT_STR(render(&ev, NULL),
		   "7.000000005 cat 12/13 brk(0) = 0x1000 <1.000000000>\n");
	/* an exit stamped before its entry (clock skew) shows 0, not 584
	 * years */
	ev.rec.ts_exit = ev.rec.ts_enter - 1;
	EXPECT_STR(render(&ev, NULL),
		   "7.000000005 cat 12/13 brk(0) = 0x1000 <0.000000000>\n");
	cfg.wall_offset_ns = WALL;
}

static void test_an_error_return_is_named_and_described(void)
{
	struct event ev = ev_new(OPENAT, -2);

	ev.rec.args[0] = (__u64)-100;
	ev.rec.args[2] = 0x80000; /* O_CLOEXEC: int, decimal */
	EV_STR(&ev, 0, "/nope");
	EXPECT_STR(render(&ev, NULL),
		   AT " cat 12/13 openat(-100, \"/nope\", 524288, 0) = -1 "
		      "ENOENT (No such file or directory) <0.000012345>\n");
	ev.rec.ret = -1;
	EXPECT_CONTAINS(render(&ev, NULL),
			") = -1 EPERM (Operation not permitted) <");
}

static void test_an_errno_without_a_name_is_a_number(void)
{
	struct event ev = ev_new(READ, -512); /* ERESTARTSYS: kernel-only */

	EXPECT_STR(render(&ev, NULL),
		   AT " cat 12/13 read(0, NULL, 0) = -1 errno 512 "
		      "<0.000012345>\n");
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
		   AT " cat 12/13 mmap(0, 0x1000, 0x3, 0x22, "
		      "0xffffffffffffffff, 0) = 0x7f1234560000 "
		      "<0.000012345>\n");
	ev.rec.ret = -12;
	EXPECT_CONTAINS(render(&ev, NULL),
			") = -1 ENOMEM (Out of memory) <0.000012345>\n");

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
	EXPECT_CONTAINS(render(&ev, NULL), " openat(-100, \"/x\", 0, 0) = 3");
	ev.rec.args[0] = 0xffffffffffffff9cull;
	EXPECT_CONTAINS(render(&ev, NULL), " openat(-100, \"/x\", 0, 0) = 3");
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
}

static void test_unsigned_ints_are_masked_to_their_c_size(void)
{
	struct event ev = ev_new(READ, 0);

	ev.rec.args[0] = 0xffffffff00000003ull;
	EXPECT_CONTAINS(render(&ev, NULL), " read(3, NULL, 0) = 0");
	ev.rec.args[0] = 0xffffffffull;
	EXPECT_CONTAINS(render(&ev, NULL), " read(4294967295, NULL, 0) = 0");
	ev.rec.args[0] = 0xffffffffffffffffull;
	EXPECT_CONTAINS(render(&ev, NULL), " read(4294967295, NULL, 0) = 0");

	/* umode_t is 2 bytes, unsigned, decimal */
	ev = ev_new(OPENAT, 3);
	EV_STR(&ev, 0, "/x");
	ev.rec.args[3] = 0x101a4; /* 0644 with a stray bit above 16 */
	EXPECT_CONTAINS(render(&ev, NULL), "openat(0, \"/x\", 0, 420) = 3");
	ev.rec.args[3] = 0xffff;
	EXPECT_CONTAINS(render(&ev, NULL), "openat(0, \"/x\", 0, 65535) = 3");
}

static void test_unsigned_long_is_hex_but_size_t_is_decimal(void)
{
	struct event ev = ev_new(READ, 4096);

	ev.rec.args[2] = 4096;
	EXPECT_CONTAINS(render(&ev, NULL), " read(0, NULL, 4096) = 4096 <");
	ev.rec.args[2] = 0xffffffffffffffffull;
	EXPECT_CONTAINS(render(&ev, NULL),
			" read(0, NULL, 18446744073709551615) = 4096 <");

	ev = ev_new(MMAP, 0);
	ev.rec.args[1] = 4096;
	EXPECT_CONTAINS(render(&ev, NULL), " mmap(0, 0x1000, 0, 0, 0, 0) = ");
}

static void test_a_long_string_is_cut_at_str_max(void)
{
	struct event ev = ev_new(OPENAT, 3);

	EV_STR(&ev, 0, "/etc/passwd");
	cfg.str_max = 4;
	EXPECT_STR(render(&ev, NULL),
		   AT " cat 12/13 openat(0, \"/etc\"..., 0, 0) = 3 "
		      "<0.000012345>\n");
	cfg.str_max = 11; /* exactly as long: no dots */
	EXPECT_CONTAINS(render(&ev, NULL), "openat(0, \"/etc/passwd\", 0, 0)");
	cfg.str_max = 10;
	EXPECT_CONTAINS(render(&ev, NULL),
			"openat(0, \"/etc/passw\"..., 0, 0)");
	/* str_max counts input characters, not escaped output bytes */
	EV_STR(&ev, 0, "\x1b\x1b\x1b\x1b\x1b");
	cfg.str_max = 2;
	EXPECT_CONTAINS(render(&ev, NULL),
			"openat(0, \"\\x1b\\x1b\"..., 0, 0)");
	cfg.str_max = 256;
}

static void test_s_0_shows_no_characters_but_says_there_were_some(void)
{
	struct event ev = ev_new(OPENAT, 3);

	cfg.str_max = 0;
	EV_STR(&ev, 0, "/etc/x");
	EXPECT_STR(render(&ev, NULL),
		   AT " cat 12/13 openat(0, \"\"..., 0, 0) = 3 "
		      "<0.000012345>\n");
	EV_STR(&ev, 0, "");
	EXPECT_CONTAINS(render(&ev, NULL), "openat(0, \"\", 0, 0) = 3");
	cfg.str_max = 256;
}

/* No string captured (fault, or a NULL path): the pointer is shown. */
static void test_a_string_that_was_not_read_shows_its_pointer(void)
{
	struct event ev = ev_new(OPENAT, -14);

	ev.rec.args[0] = (__u64)-100;
	ev.rec.args[1] = 0xdead0000ull;
	ev.rec.flags = RECF_STR0_FAULT;
	EXPECT_STR(render(&ev, NULL),
		   AT " cat 12/13 openat(-100, 0xdead0000, 0, 0) = -1 "
		      "EFAULT (Bad address) <0.000012345>\n");
	ev.rec.args[1] = 0;
	EXPECT_CONTAINS(render(&ev, NULL), "openat(-100, NULL, 0, 0) = -1");

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
	EXPECT_INT(normal, 10);

	memcpy(ev.rec.comm, "a b\n\x1b[2J\"\\\xff", 11);
	line = render(&ev, NULL);
	EXPECT_STR(line, AT " a\\x20b\\n\\x1b[2J\\\"\\\\\\xff 12/13 "
			 "openat(0, \"/x\", 0, 0) = 3 <0.000012345>\n");
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
		"0, 0) = 3 <0.000012345>\n";
	struct event ev = ev_new(OPENAT, 3);
	const char *line;

	EV_STR(&ev, 0, forged);
	line = render(&ev, NULL);
	EXPECT_STR(line, want);
	EXPECT_INT(newlines(line), 1);

	EV_STR(&ev, 0, "\x1b[2J\x1b]0;t\x07");
	EXPECT_CONTAINS(render(&ev, NULL),
			"openat(0, \"\\x1b[2J\\x1b]0;t\\x07\", 0, 0) = 3");
	EV_STR(&ev, 0, "a\"b\\c");
	EXPECT_CONTAINS(render(&ev, NULL),
			"openat(0, \"a\\\"b\\\\c\", 0, 0) = 3");
	/* invalid UTF-8 (and valid UTF-8 too) is shown byte by byte */
	EV_STR(&ev, 0, "\xff\xc3(\xc3\xa9\x9b");
	line = render(&ev, NULL);
	EXPECT_CONTAINS(line,
			"openat(0, \"\\xff\\xc3(\\xc3\\xa9\\x9b\", 0, 0) = 3");
	EXPECT_INT(has_byte_outside_ascii(line), 0);
	/* a string with a NUL inside, as decode would never pass it, still
	 * cannot end the quoted text early */
	ev_str(&ev, 0, "a\0b", 3);
	EXPECT_CONTAINS(render(&ev, NULL), "openat(0, \"a\\x00b\", 0, 0) = 3");
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
		   AT " sh 12/13 execve(\"/bin/x\", 0x7ffe0010, 0x7ffe0020) "
		      "= ? <unfinished>\n");
}

/* The exit record of execve carries no strings (the memory is gone); the
 * line takes args and strings from the REC_ENTER, the time from the entry
 * to the exit, the comm of the new program. */
static void test_an_execve_exit_is_joined_with_its_entry(void)
{
	struct event en = execve_enter();
	struct event ex = ev_new(EXECVE, 0);

	ex.rec.args[0] = 0x5000; /* the exit's own copy: no string */
	ex.rec.ts_exit = T_ENTER + 2500000;
	memcpy(ex.rec.comm, "x", 2);
	EXPECT_STR(render(&ex, &en),
		   AT " x 12/13 execve(\"/bin/x\", 0x7ffe0010, 0x7ffe0020) = 0 "
		      "<0.002500000>\n");
	ex.rec.ret = -2;
	EXPECT_STR(render(&ex, &en),
		   AT " x 12/13 execve(\"/bin/x\", 0x7ffe0010, 0x7ffe0020) = -1 "
		      "ENOENT (No such file or directory) <0.002500000>\n");
	/* without its entry the exit alone shows the pointer */
	ex.rec.ret = 0;
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
		   AT " cat 12/13 execve(\"/bin/x\", 0x7ffe0010, 0x7ffe0020) "
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
	ev.str[1] = NULL;
	EXPECT_CONTAINS(render(&ev, NULL), " rename(\"/old\", 0x2000) = 0 <");
	/* only the second captured */
	EV_STR(&ev, 1, "/new");
	ev.str[0] = NULL;
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
	struct event ev = ev_new(OPENAT, 3);

	ev.rec.args[0] = (__u64)-100;
	ev.rec.args[3] = 0644;
	EV_STR(&ev, 0, "/x");
	sb_init(&s, b, sizeof(b));
	line_args(&s, &cfg, &sys[OPENAT], ev.rec.args, &ev);
	EXPECT_STR(b, "-100, \"/x\", 0, 420");
	/* strings NULL: every argument raw */
	sb_init(&s, b, sizeof(b));
	line_args(&s, &cfg, &sys[OPENAT], ev.rec.args, NULL);
	EXPECT_STR(b, "-100, NULL, 0, 420");
	EXPECT_INT(s.cut, 0);
}

/* Worst case per -s: every argument at its longest, both strings all
 * escapes, the comm all escapes: LINE_MAX_BYTES must hold it. */
static void test_line_max_bytes_holds_the_worst_line(void)
{
	static char big[2][4096];
	static char out[LINE_MAX_BYTES(4096)];
	static const unsigned smax[] = { 0, 1, 256, 4096 };
	struct event ev = ev_new(RENAME, INT64_MIN);
	struct sb s;
	size_t i;

	memset(big, 0xff, sizeof(big));
	memset(ev.rec.comm, 0xff, REC_COMM_LEN);
	ev.rec.tgid = ev.rec.tid = UINT32_MAX;
	ev.rec.ts_enter = 1;
	ev.rec.ts_exit = UINT64_MAX;
	ev_str(&ev, 0, big[0], sizeof(big[0]));
	ev_str(&ev, 1, big[1], sizeof(big[1]));
	for (i = 0; i < sizeof(smax) / sizeof(smax[0]); i++) {
		cfg.str_max = smax[i];
		sb_init(&s, out, LINE_MAX_BYTES(smax[i]));
		line_syscall(&s, &cfg, &ev, NULL);
		EXPECT_INT(s.cut, 0);
		EXPECT_TRUE(s.len > 0 && out[s.len - 1] == '\n');
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
	struct sb s;
	size_t cap, full_len, not_prefix = 0, overrun = 0;

	ev.rec.args[0] = (__u64)-100;
	EV_STR(&ev, 0, "/etc/\x1b[2J/a b/\xff\xfe/passwd");
	memcpy(ev.rec.comm, "a\x1b" "b c", 6);
	EXPECT_STR(render(&ev, NULL),
		   AT " a\\x1bb\\x20c 12/13 openat(-100, "
		      "\"/etc/\\x1b[2J/a b/\\xff\\xfe/passwd\", 0, 0) = 3 "
		      "<0.000012345>\n");
	strcpy(full, buf);
	full_len = strlen(full);

	for (cap = 1; cap <= full_len; cap++) {
		memset(small, 'Z', sizeof(small));
		sb_init(&s, small, cap);
		line_syscall(&s, &cfg, &ev, NULL);
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
	line_syscall(&s, &cfg, &ev, NULL);
	EXPECT_INT(s.cut, 0);
	EXPECT_STR(small, full);
}

int main(void)
{
	test_an_openat_line_is_exact();
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
	test_an_execve_exit_is_joined_with_its_entry();
	test_an_execve_exit_without_entry_joined_keeps_the_entry_time();
	test_two_strings_are_both_quoted();
	test_line_args_alone();
	test_line_max_bytes_holds_the_worst_line();
	test_a_line_too_long_for_the_buffer_is_cut();
	return expect_summary("test_line");
}
