/* hostile: paths and a comm built to break a log: a newline followed by a
 * forged log line, terminal escapes, quotes and backslashes, every
 * non-NUL byte value, invalid UTF-8, strings at and past the -s limit, a
 * 4 KiB path, unreadable paths. Each is opened (and a few exec'd, whose
 * strings the tracer reads at entry); every call fails harmlessly. The
 * log must stay one line per event, in printable ASCII, and show each
 * string with the tracer's escaping (see expect_line.h).
 *
 * Prints the expected lines, and "# comm <escaped comm>": the comm every
 * line of the region must carry. EXPECT_STRSIZE: the tracer's -s.
 */
#include <sys/prctl.h>

#include "expect_line.h"

#define TAG "hostile"
#define DIR "/aitrace-test/hostile/"

/* A comm with a space, a newline, a screen-clearing escape, a quote, a
 * backslash, a cut UTF-8 sequence and DEL (15 bytes: all the kernel keeps). */
static const char evil_comm[] = "a b\n\x1b[2J\"\\\xc3(x\x7f";

static const char *const paths[] = {
	/* a newline, then a forged line that would pass for the tracer's */
	DIR "nl\n1795755666.008688050 t1 1/1 openat(-100, \"/etc/shadow\", 0, 0) = 3 <0.000006330>",
	DIR "cr\rtab\tbell\a",
	/* clear screen, set the window title (OSC, BEL and ST ends) */
	DIR "\x1b[2J\x1b[H\x1b]0;owned\x07\x1b]2;owned\x1b\\",
	/* a hyperlink and 8-bit CSI/OSC, raw and as UTF-8 C1 code points */
	DIR "\x1b]8;;http://x/\x1b\\link\x1b]8;;\x1b\\ \x9b" "2J \x9d \xc2\x9b" "2J",
	/* quotes and backslashes, a lone trailing backslash */
	DIR "q\"uo\"te'\\back\\\\slash\\",
	DIR "\\x41\\n\\\"", /* escapes typed literally */
	/* invalid UTF-8: lone continuation, overlong, surrogate, too high, cut */
	DIR "\x80\xbf\xc0\xaf\xed\xa0\x80\xf4\x90\x80\x80\xc3\xe2\x82\xf0\x9f\x98",
	/* well-formed UTF-8, and U+2028 (a line break in some viewers) */
	DIR "caf\xc3\xa9 \xe2\x9c\x93 \xe2\x80\xa8 \xf0\x9f\x98\x80",
	"\"\\\n\x1b\xff\x01\t\r\x7f\"", /* escapes from the first byte on */
	"",  /* empty */
	" ", /* a space only */
};

/* DIR followed by the bytes from..to (no NUL) */
static void byte_range(char *dst, unsigned from, unsigned to)
{
	size_t n = strlen(DIR);
	unsigned c;

	memcpy(dst, DIR, n);
	for (c = from; c <= to; c++)
		dst[n++] = (char)c;
	dst[n] = '\0';
}

/* DIR (or as much of it as fits) then 'x', len bytes in all */
static void long_path(char *dst, size_t len)
{
	size_t n = strlen(DIR) < len ? strlen(DIR) : len;

	memcpy(dst, DIR, n);
	while (n < len)
		dst[n++] = 'x';
	dst[len] = '\0';
}

int main(void)
{
	static char lo[64 + 128], hi[64 + 128], at_max[4200], past_max[4200],
		huge[8192];
	static char *const no_argv[] = { "hostile", NULL };
	static char *const no_envp[] = { NULL };
	static char *const junk_argv[] = { DIR "\n# stopped", NULL };
	char comm[17] = { 0 }, *edge;
	struct exp_line l;
	long page = sysconf(_SC_PAGESIZE), map;
	size_t i;

	exp_init_from_env();
	byte_range(lo, 0x01, 0x7f);
	byte_range(hi, 0x80, 0xff);
	/* exactly -s characters: shown whole; one more: cut, with "..." */
	long_path(at_max, exp_str_max);
	long_path(past_max, exp_str_max + 1);
	long_path(huge, 4096 + 16); /* longer than PATH_MAX: ENAMETOOLONG */
	/* a string without its NUL, running into an unmapped page */
	map = exp_raw(SYS_mmap, 0, 2 * page, 3, 0x22, -1, 0);
	if (map < 0 || exp_raw(SYS_munmap, map + page, page, 0, 0, 0, 0) != 0)
		exp_fatal("cannot map the edge page");
	edge = (char *)map + page - 16;
	memset(edge, 'z', 16);

	if (prctl(PR_SET_NAME, evil_comm, 0, 0, 0) != 0 ||
	    prctl(PR_GET_NAME, comm, 0, 0, 0) != 0)
		exp_fatal("cannot set the comm");

	exp_begin(TAG);
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		x_openat(AT_FDCWD, paths[i], O_RDONLY, 0);
	x_openat(AT_FDCWD, lo, O_RDONLY, 0);
	x_openat(AT_FDCWD, hi, O_RDONLY, 0);
	x_openat(AT_FDCWD, at_max, O_RDONLY, 0);
	x_openat(AT_FDCWD, past_max, O_RDONLY, 0);
	x_openat(AT_FDCWD, huge, O_RDONLY, 0);
	/* unreadable: shown as the pointer (the kernel says EFAULT) */
	x_openat(AT_FDCWD, NULL, O_RDONLY, 0);
	x_openat(AT_FDCWD, (const char *)1, O_RDONLY, 0);
	x_openat(AT_FDCWD, edge, O_RDONLY, 0);
	/* execve's strings are read at entry, by another path in the tracer */
	x_execve(paths[0], no_argv, no_envp);
	x_execve(paths[2], junk_argv, no_envp);
	x_execve(hi, no_argv, no_envp);
	x_execve(past_max, no_argv, no_envp);
	x_execve(huge, no_argv, no_envp);
	exp_end(TAG);

	/* "# comm <escaped>" (the test's facts start with "# ") */
	memset(&l, 0, sizeof(l));
	exp_escape(&l, (const unsigned char *)comm, strlen(comm), 1);
	printf("# comm %s\n", l.buf);
	return exp_print();
}
