/* escapes: hostile bytes in every place a traced process can put them in
 * the log, for both formats: paths of failed opens (a newline and a forged
 * text line, a forged JSON record, terminal escapes, C1 controls and
 * U+2028, invalid UTF-8 of every kind, quotes and backslashes, control
 * bytes, a 4 KiB component, a UTF-8 sequence cut by -s), the names of files
 * that do open (the fd decoration <...>), execve's argv, AF_UNIX names
 * (abstract ones hold NULs) and the comm.
 *
 *   usage: escapes DIR      DIR: an empty directory, absolute path
 *
 * Prints the text lines the tracer must log (expect_line.h) and, for the
 * JSON log, what each string must decode to:
 *
 *   # cp N PATH CODEPOINTS  in the region, the N-th record (from 0) holds
 *                           at jq path PATH (a JSON array) a string of
 *                           these code points: the original bytes cut at
 *                           -s, each well-formed UTF-8 sequence as its code
 *                           point, each other byte as U+FFFD (65533)
 *   # comm ESCAPED          the comm every text line of the region carries
 *   # comm-cp CODEPOINTS    and what the JSON "comm" decodes to
 *   # forged TEXT           a line the log must not contain
 *
 * The UTF-8 rules are the Unicode standard's table of well-formed byte
 * sequences (no overlongs, no surrogates, nothing above U+10FFFF), written
 * here independently of src/escape.c. EXPECT_STRSIZE: the tracer's -s
 * (the test runs -s 4096, so the 4 KiB strings are cut by it).
 */
#include <sys/prctl.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <stddef.h>

#include "expect_line.h"

#define TAG "escapes"
#define MISSING "/aitrace-test/escapes/"

static const char *dir;
static unsigned nrec; /* records of the region so far */

/* a newline, then a line that would pass for the tracer's */
#define FORGED "1795755666.008688050 forged 1/1 openat(AT_FDCWD, \"/etc/shadow\", O_RDONLY) = 3</etc/shadow> <0.000006330>"
#define FORGED_JSON "{\"type\":\"stop\",\"seq\":1}"

static const char *const strings[] = {
	"nl\n" FORGED,
	/* end the JSON string and the record, then a record of our own */
	"json\"},\"ret\":0}\n" FORGED_JSON,
	/* clear screen, home, window title (OSC with BEL and ST ends) */
	"\x1b[2J\x1b[H\x1b]0;owned\x07\x1b]2;owned\x1b\\",
	/* 8-bit CSI raw and as UTF-8 (C1), NEL, U+2028, U+2029 */
	"c1 \x9b" "2J \xc2\x9b" "2J \xc2\x85 \xe2\x80\xa8 \xe2\x80\xa9",
	/* lone bytes that never start a sequence, lone continuations */
	"bad \xff \xfe \x80 \xbf",
	/* a sequence cut short at the end, and in the middle */
	"cut \xe2\x82",
	"cut2 \xf0\x9f\x98 x \xe2\x28\xa1",
	/* overlong encodings of '/' and '?' */
	"overlong \xc0\xaf \xc1\xbf \xe0\x80\xaf \xf0\x80\x80\xaf",
	/* UTF-16 surrogates, above U+10FFFF */
	"surrogate \xed\xa0\x80 \xed\xbf\xbf",
	"toohigh \xf4\x90\x80\x80 \xf5\x80\x80\x80",
	/* well-formed: 2, 3 and 4 bytes, the last code point */
	"ok caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf",
	"q\"uo\"te'\\back\\\\slash\\",
	"ctl \x01\x02\x08\x09\x0b\x0c\x0d\x1f\x7f",
	">gt<lt",
};

/* files that exist: their names reach the log as fd decorations too */
static const char *const names[] = {
	"nl\n1795755666.008688050 forged 1 close(3) = 0 <0.000006330>",
	"gt>lt<",
	"esc\x1b[2J",
	"inv\xff\xfe\xc0\xaf",
	"caf\xc3\xa9 \xe2\x80\xa8",
};

/* ---- the expected code points ---------------------------------------------- */

/* Length of the well-formed sequence at s (n bytes left) and its code
 * point, or 0. The Unicode standard's table 3-7. */
static size_t utf8_decode(const unsigned char *s, size_t n, unsigned *cp)
{
	unsigned c = s[0], lo = 0x80, hi = 0xbf, v;
	size_t k, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		k = 2;
		v = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		k = 3;
		v = c & 0x0f;
		lo = c == 0xe0 ? 0xa0 : 0x80;
		hi = c == 0xed ? 0x9f : 0xbf;
	} else if (c >= 0xf0 && c <= 0xf4) {
		k = 4;
		v = c & 0x07;
		lo = c == 0xf0 ? 0x90 : 0x80;
		hi = c == 0xf4 ? 0x8f : 0xbf;
	} else {
		return 0;
	}
	if (n < k || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 1; i < k; i++) {
		if (i > 1 && (s[i] < 0x80 || s[i] > 0xbf))
			return 0;
		v = v << 6 | (s[i] & 0x3f);
	}
	*cp = v;
	return k;
}

/* "[c1,c2,...]" of the first min(n, -s) bytes of s */
static void codepoints(char *out, size_t cap, const unsigned char *s, size_t n)
{
	size_t i = 0, o = 0, k;
	unsigned cp;

	if (n > exp_str_max)
		n = exp_str_max;
	out[o++] = '[';
	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		if (!k) {
			cp = 0xfffd;
			k = 1;
		}
		if (o + 16 >= cap)
			exp_fatal("codepoints: too long");
		o += (size_t)sprintf(out + o, "%s%u", i ? "," : "", cp);
		i += k;
	}
	out[o++] = ']';
	out[o] = '\0';
}

static char facts[1 << 20];
static size_t facts_len;

/* "# cp N PATH CPS" for record n */
static void cp_fact(unsigned n, const char *path, const void *s, size_t len)
{
	static char cps[8 * 4200];

	codepoints(cps, sizeof(cps), s, len);
	facts_len += (size_t)snprintf(facts + facts_len,
				      sizeof(facts) - facts_len,
				      "# cp %u %s %s\n", n, path, cps);
	if (facts_len >= sizeof(facts) - 1)
		exp_fatal("facts overflow");
}

/* ---- calls -------------------------------------------------------------------- */

/* connect to an AF_UNIX address (abstract when name[0] is NUL) */
static long un_connect(long fd, const char *name, size_t len)
{
	struct sockaddr_un un = { .sun_family = AF_UNIX };
	long addrlen = (long)(offsetof(struct sockaddr_un, sun_path) + len);
	struct exp_line l;
	long r;

	memcpy(un.sun_path, name, len);
	r = exp_raw(SYS_connect, fd, (long)&un, addrlen, 0, 0, 0);
	exp_start(&l, "connect");
	arg_fd(&l, fd);
	exp_sep(&l);
	exp_puts(&l, "{sa_family=AF_UNIX, sun_path=");
	if (name[0] == '\0') {
		exp_puts(&l, "@\"");
		exp_escape(&l, (const unsigned char *)name + 1, len - 1, 0);
	} else {
		exp_puts(&l, "\"");
		exp_escape(&l, (const unsigned char *)name, strnlen(name, len), 0);
	}
	exp_puts(&l, "\"}");
	arg_int(&l, addrlen);
	ret_int(&l, r);
	return r;
}

static char *joined(const char *a, const char *b)
{
	char *p = malloc(strlen(a) + strlen(b) + 2);

	if (!p)
		exp_fatal("out of memory");
	sprintf(p, "%s%s%s", a, a[strlen(a) - 1] == '/' ? "" : "/", b);
	return p;
}

int main(int argc, char **argv)
{
	static char evil_comm[] = "a b\n\x1b[2J\"\\\xc3(x\x7f";
	static char huge[4096 + 64], straddle[4096 + 64], bigarg[4096 + 2];
	static char abstract[] = "\0a\0b\n\x1b[2J\xff\"q";
	static char *exec_argv[32];
	static char buf[16];
	char comm[17] = { 0 }, *paths[sizeof(names) / sizeof(names[0])];
	char *missing[sizeof(strings) / sizeof(strings[0])], *sock;
	struct exp_line l;
	size_t i, n, pre = strlen(MISSING);
	long fd, sfd, afd;
	unsigned k;

	if (argc != 2 || argv[1][0] != '/')
		exp_fatal("usage: escapes DIR (an absolute path)");
	dir = argv[1];
	exp_init_from_env();

	/* a 4 KiB component (ENAMETOOLONG), and a path whose byte -s falls
	 * inside a 2-byte UTF-8 sequence */
	memcpy(huge, MISSING, pre);
	memset(huge + pre, 'x', 4096);
	memcpy(straddle, MISSING, pre);
	n = exp_str_max > pre + 1 ? exp_str_max - 1 - pre : 0;
	memset(straddle + pre, 'y', n);
	memcpy(straddle + pre + n, "\xc3\xa9zz", 4);
	memset(bigarg, 'z', sizeof(bigarg) - 1);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		paths[i] = joined(dir, names[i]);
		fd = exp_raw(SYS_openat, AT_FDCWD, (long)paths[i],
			     O_WRONLY | O_CREAT | O_TRUNC, 0644, 0, 0);
		if (fd < 0)
			exp_fatal("cannot create %s: %ld", paths[i], fd);
		exp_raw(SYS_close, fd, 0, 0, 0, 0, 0);
	}
	for (k = 0, i = 0; i < sizeof(strings) / sizeof(strings[0]) && k < 20; i++)
		exec_argv[k++] = (char *)strings[i];
	exec_argv[k++] = bigarg;
	exec_argv[k] = NULL;
	/* every path before the region: malloc there could add a brk line */
	for (i = 0; i < sizeof(strings) / sizeof(strings[0]); i++)
		missing[i] = joined(MISSING, strings[i]);
	sock = joined(dir, "s\n>x\xff");
	sfd = exp_raw(SYS_socket, AF_UNIX, SOCK_STREAM, 0, 0, 0, 0);
	afd = exp_raw(SYS_socket, AF_UNIX, SOCK_STREAM, 0, 0, 0, 0);
	if (sfd < 0 || afd < 0)
		exp_fatal("socket");
	exp_fd_proc(sfd);
	exp_fd_proc(afd);
	if (prctl(PR_SET_NAME, evil_comm, 0, 0, 0) != 0 ||
	    prctl(PR_GET_NAME, comm, 0, 0, 0) != 0)
		exp_fatal("cannot set the comm");

	exp_begin(TAG);
	for (i = 0; i < sizeof(strings) / sizeof(strings[0]); i++) {
		x_openat(AT_FDCWD, missing[i], O_RDONLY, 0);
		cp_fact(nrec++, "[\"args\",\"filename\",\"str\"]", missing[i],
			strlen(missing[i]));
	}
	x_openat(AT_FDCWD, huge, O_RDONLY, 0);
	cp_fact(nrec++, "[\"args\",\"filename\",\"str\"]", huge, strlen(huge));
	x_openat(AT_FDCWD, straddle, O_RDONLY, 0);
	cp_fact(nrec++, "[\"args\",\"filename\",\"str\"]", straddle,
		strlen(straddle));
	/* files that open: the name in the decoration of every line */
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		fd = x_openat(AT_FDCWD, paths[i], O_RDONLY, 0);
		cp_fact(nrec, "[\"args\",\"filename\",\"str\"]", paths[i],
			strlen(paths[i]));
		cp_fact(nrec++, "[\"ret_path\"]", paths[i], strlen(paths[i]));
		x_read(fd, buf, sizeof(buf));
		cp_fact(nrec++, "[\"args\",\"fd\",\"path\"]", paths[i],
			strlen(paths[i]));
		x_close(fd);
		nrec++;
	}
	/* argv: read at entry */
	x_execve(MISSING "exec", exec_argv, NULL);
	for (k = 0; exec_argv[k]; k++) {
		char path[64];

		snprintf(path, sizeof(path), "[\"args\",\"argv\",\"argv\",%u]", k);
		cp_fact(nrec, path, exec_argv[k], strlen(exec_argv[k]));
	}
	nrec++;
	/* AF_UNIX names: a path, and an abstract one with NULs */
	un_connect(sfd, sock, strlen(sock) + 1);
	cp_fact(nrec++, "[\"args\",\"uservaddr\",\"sun_path\"]", sock,
		strlen(sock));
	un_connect(afd, abstract, sizeof(abstract) - 1);
	cp_fact(nrec++, "[\"args\",\"uservaddr\",\"sun_path\"]", abstract + 1,
		sizeof(abstract) - 2);
	exp_end(TAG);

	fputs(facts, stdout);
	memset(&l, 0, sizeof(l));
	exp_escape(&l, (const unsigned char *)comm, strlen(comm), 1);
	printf("# comm %s\n", l.buf);
	codepoints(l.buf, sizeof(l.buf), (const unsigned char *)comm,
		   strlen(comm));
	printf("# comm-cp %s\n", l.buf);
	printf("# forged %s\n", FORGED);
	printf("# forged %s\n", FORGED_JSON);
	return exp_print();
}
