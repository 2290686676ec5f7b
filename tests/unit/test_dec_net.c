/* Unit tests for dec_net.c: socket addresses as strace prints them,
 * hostile AF_UNIX names, IPv6 text, short buffers, and the fields the
 * JSON writer gets. Every address is handed over in a heap block of
 * exactly its length, so a read past len is caught when the tests are
 * built with ASan. */
#include <stdint.h>

#include "dec.h"
#include "expect.h"

/* no <stdlib.h>: keep the libc surface as small as the module's */
void *malloc(size_t size);
void free(void *p);

static char buf[1024];
static struct sb sb;

/* the numbers from the kernel's include/linux/socket.h */
enum { UNSPEC = 0, UNIX = 1, INET = 2, INET6 = 10, NETLINK = 16,
       PACKET = 17 };

/* An address: sa_family in host order, then rest[0..n). */
static size_t sa(unsigned char *out, unsigned family, const void *rest,
		 size_t n)
{
	uint16_t f = (uint16_t)family;

	memcpy(out, &f, 2);
	memcpy(out + 2, rest, n);
	return 2 + n;
}

static const char *show(const unsigned char *addr, size_t len)
{
	unsigned char *p = malloc(len ? len : 1);

	memcpy(p, addr, len);
	sb_init(&sb, buf, sizeof(buf));
	dec_sockaddr(&sb, p, len);
	free(p);
	return buf;
}

static int parse(const unsigned char *addr, size_t len,
		 struct dec_sockaddr_info *info)
{
	static unsigned char keep[512]; /* path points into it */
	unsigned char *p = malloc(len ? len : 1);
	int r;

	memcpy(p, addr, len);
	r = dec_sockaddr_parse(p, len, info);
	/* move the AF_UNIX path out of the block before freeing it */
	if (info->path) {
		memcpy(keep, info->path, info->path_len);
		info->path = keep;
	}
	free(p);
	return r;
}

#define REST(lit) (lit), sizeof(lit) - 1

/* ---- AF_INET ----------------------------------------------------------- */

static void test_an_ipv4_connect_reads_as_strace_prints_it(void)
{
	unsigned char a[64];
	size_t n = sa(a, INET, REST("\x00\x50\x7f\x00\x00\x01"
				    "\0\0\0\0\0\0\0\0"));

	EXPECT_STR(show(a, n), "{sa_family=AF_INET, sin_port=htons(80), "
			       "sin_addr=inet_addr(\"127.0.0.1\")}");
	n = sa(a, INET, REST("\xff\xff\xff\xff\xff\xff"
			     "\0\0\0\0\0\0\0\0"));
	EXPECT_STR(show(a, n), "{sa_family=AF_INET, sin_port=htons(65535), "
			       "sin_addr=inet_addr(\"255.255.255.255\")}");
}

static void test_a_short_ipv4_address_is_shown_as_sa_data(void)
{
	unsigned char a[64];
	size_t n = sa(a, INET, REST("\x00\x50\x7f\x00\x00\x01"));

	EXPECT_STR(show(a, n), "{sa_family=AF_INET, "
			       "sa_data=\"\\x00P\\x7f\\x00\\x00\\x01\"}");
	EXPECT_STR(show(a, 2), "{sa_family=AF_INET}");
	EXPECT_STR(show(a, 1), "{...}");
	EXPECT_STR(show(a, 0), "{...}");
}

/* ---- AF_INET6 ---------------------------------------------------------- */

/* port 443, flowinfo 5 (both big-endian), addr, scope id 3 (host) */
static const char *in6(const char addr[16], size_t len)
{
	unsigned char a[64], rest[26];
	uint32_t scope = 3;

	memcpy(rest, "\x01\xbb\x00\x00\x00\x05", 6);
	memcpy(rest + 6, addr, 16);
	memcpy(rest + 22, &scope, 4);
	sa(a, INET6, rest, sizeof(rest));
	return show(a, len);
}

static void test_an_ipv6_connect_reads_as_strace_prints_it(void)
{
	const char *loop = "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\1";

	EXPECT_STR(in6(loop, 28),
		   "{sa_family=AF_INET6, sin6_port=htons(443), "
		   "sin6_flowinfo=htonl(5), inet_pton(AF_INET6, \"::1\", "
		   "&sin6_addr), sin6_scope_id=3}");
	/* the RFC 2133 struct has no scope id */
	EXPECT_STR(in6(loop, 24),
		   "{sa_family=AF_INET6, sin6_port=htons(443), "
		   "sin6_flowinfo=htonl(5), inet_pton(AF_INET6, \"::1\", "
		   "&sin6_addr)}");
	EXPECT_STR(in6(loop, 20),
		   "{sa_family=AF_INET6, sa_data=\"\\x01\\xbb\\x00\\x00\\x00"
		   "\\x05\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
		   "\\x00\\x00\"}");
}

/* the address part of the line, for the compression rows */
static const char *text6(const char addr[16])
{
	struct dec_sockaddr_info info;
	unsigned char a[64], rest[26];

	memset(rest, 0, sizeof(rest));
	memcpy(rest + 6, addr, 16);
	sa(a, INET6, rest, sizeof(rest));
	EXPECT_INT(parse(a, 28, &info), 0);
	/* the line holds the same text */
	EXPECT_CONTAINS(show(a, 28), info.addr);
	memcpy(buf, info.addr, sizeof(info.addr));
	return buf;
}

static void test_ipv6_text_follows_rfc_5952(void)
{
	EXPECT_STR(text6("\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"), "::");
	EXPECT_STR(text6("\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\1"), "::1");
	EXPECT_STR(text6("\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\1"),
		   "2001:db8::1");
	EXPECT_STR(text6("\xfe\x80\0\0\0\0\0\0\0\0\0\0\0\0\0\1"), "fe80::1");
	EXPECT_STR(text6("\xfe\x80\0\0\0\0\0\0\0\0\0\0\0\0\0\0"), "fe80::");
	EXPECT_STR(text6("\0\1\0\0\0\0\0\0\0\0\0\0\0\0\0\0"), "1::");
	/* the longest zero run is compressed ... */
	EXPECT_STR(text6("\x20\x01\0\0\0\0\0\1\0\0\0\0\0\0\0\1"),
		   "2001:0:0:1::1");
	/* ... the first of equal runs ... */
	EXPECT_STR(text6("\x20\x01\x0d\xb8\0\0\0\0\0\1\0\0\0\0\0\1"),
		   "2001:db8::1:0:0:1");
	/* ... and never a single zero group */
	EXPECT_STR(text6("\x20\x01\x0d\xb8\0\0\0\1\0\1\0\1\0\1\0\1"),
		   "2001:db8:0:1:1:1:1:1");
	/* hex is lower case without leading zeros */
	EXPECT_STR(text6("\xAB\xCD\x00\x0E\x0F\x00\x00\x01"
			 "\x12\x34\x56\x78\x9a\xbc\xde\xf0"),
		   "abcd:e:f00:1:1234:5678:9abc:def0");
	EXPECT_STR(text6("\xff\xff\xff\xff\xff\xff\xff\xff"
			 "\xff\xff\xff\xff\xff\xff\xff\xff"),
		   "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
}

static void test_ipv4_in_ipv6_ends_in_dotted_quad_as_glibc_writes_it(void)
{
	EXPECT_STR(text6("\0\0\0\0\0\0\0\0\0\0\xff\xff\1\2\3\4"),
		   "::ffff:1.2.3.4");
	EXPECT_STR(text6("\0\0\0\0\0\0\0\0\0\0\xff\xff\0\0\0\0"),
		   "::ffff:0.0.0.0");
	/* the deprecated IPv4-compatible form */
	EXPECT_STR(text6("\0\0\0\0\0\0\0\0\0\0\0\0\1\2\3\4"), "::1.2.3.4");
	/* but not when the last 32 bits are small: that is ::2 */
	EXPECT_STR(text6("\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\2"), "::2");
}

/* ---- AF_UNIX ----------------------------------------------------------- */

static void test_unix_paths_read_as_strace_prints_them(void)
{
	unsigned char a[200];
	size_t n;

	n = sa(a, UNIX, REST("/run/dbus/system_bus_socket\0"));
	EXPECT_STR(show(a, n), "{sa_family=AF_UNIX, "
			       "sun_path=\"/run/dbus/system_bus_socket\"}");
	/* without the NUL */
	EXPECT_STR(show(a, n - 1), "{sa_family=AF_UNIX, "
				   "sun_path=\"/run/dbus/system_bus_socket\"}");
	/* unnamed: only the family */
	EXPECT_STR(show(a, 2), "{sa_family=AF_UNIX}");
}

static void test_hostile_unix_paths_are_escaped(void)
{
	unsigned char a[200];
	size_t n;

	/* newline, ESC, a quote, invalid UTF-8 */
	n = sa(a, UNIX, REST("/run/x\n\x1b\"\xff\xc3("));
	EXPECT_STR(show(a, n), "{sa_family=AF_UNIX, "
			       "sun_path=\"/run/x\\n\\x1b\\\"\\xff\\xc3(\"}");
	/* a forged log line cannot start a line of its own */
	n = sa(a, UNIX, REST("/x\n1764000000.000000000 sshd 1/1 "
			     "connect(3, {sa_family=AF_UNIX}, 2) = 0\n"));
	EXPECT_TRUE(strchr(show(a, n), '\n') == NULL);
	/* a terminal escape loses its ESC */
	n = sa(a, UNIX, REST("\x1b]0;pwned\x07"));
	EXPECT_STR(show(a, n), "{sa_family=AF_UNIX, "
			       "sun_path=\"\\x1b]0;pwned\\x07\"}");
}

static void test_abstract_names_start_with_at_and_keep_their_nuls(void)
{
	unsigned char a[200];
	size_t n;

	n = sa(a, UNIX, REST("\0/tmp/dbus-XYZ"));
	EXPECT_STR(show(a, n), "{sa_family=AF_UNIX, "
			       "sun_path=@\"/tmp/dbus-XYZ\"}");
	n = sa(a, UNIX, REST("\0ab\0c\n"));
	EXPECT_STR(show(a, n), "{sa_family=AF_UNIX, "
			       "sun_path=@\"ab\\x00c\\n\"}");
	/* the empty abstract name (autobind) */
	EXPECT_STR(show(a, 3), "{sa_family=AF_UNIX, sun_path=@\"\"}");
}

static void test_sun_path_stops_at_its_size(void)
{
	unsigned char a[200];
	char want[200];
	size_t n;

	memset(a, 'A', sizeof(a));
	sa(a, UNIX, "", 0);
	strcpy(want, "{sa_family=AF_UNIX, sun_path=\"");
	memset(want + strlen(want), 'A', 108);
	strcpy(want + 30 + 108, "\"}");
	EXPECT_STR(show(a, 110), want);
	n = 112; /* longer than struct sockaddr_un: the rest is not a path */
	EXPECT_STR(show(a, n), want);
}

/* ---- AF_NETLINK and the rest ------------------------------------------- */

static void test_netlink_reads_as_strace_prints_it(void)
{
	unsigned char a[64], rest[10];
	uint32_t pid = 0, groups = 0;
	size_t n;

	memset(rest, 0, sizeof(rest));
	n = sa(a, NETLINK, rest, sizeof(rest));
	EXPECT_STR(show(a, n), "{sa_family=AF_NETLINK, nl_pid=0, "
			       "nl_groups=00000000}");
	pid = 1234;
	groups = 0x11;
	memcpy(rest + 2, &pid, 4);
	memcpy(rest + 6, &groups, 4);
	n = sa(a, NETLINK, rest, sizeof(rest));
	EXPECT_STR(show(a, n), "{sa_family=AF_NETLINK, nl_pid=1234, "
			       "nl_groups=0x000011}");
	groups = 0xffffffff;
	memcpy(rest + 6, &groups, 4);
	n = sa(a, NETLINK, rest, sizeof(rest));
	EXPECT_STR(show(a, n), "{sa_family=AF_NETLINK, nl_pid=1234, "
			       "nl_groups=0xffffffff}");
	EXPECT_CONTAINS(show(a, 8), "{sa_family=AF_NETLINK, sa_data=");
}

static void test_other_families_show_their_bytes(void)
{
	unsigned char a[64];
	size_t n;

	n = sa(a, PACKET, REST("\x08\x00\x02\x00\x00\x00"));
	EXPECT_STR(show(a, n), "{sa_family=AF_PACKET, "
			       "sa_data=\"\\x08\\x00\\x02\\x00\\x00\\x00\"}");
	n = sa(a, 31, REST("\1\2\3\4\5\6"));
	EXPECT_STR(show(a, n), "{sa_family=AF_BLUETOOTH, "
			       "sa_data=\"\\x01\\x02\\x03\\x04\\x05\\x06\"}");
	n = sa(a, 99, REST("\1\2"));
	EXPECT_STR(show(a, n), "{sa_family=0x63 /* AF_??? */, "
			       "sa_data=\"\\x01\\x02\"}");
	n = sa(a, UNSPEC, "", 0);
	EXPECT_STR(show(a, n), "{sa_family=AF_UNSPEC}");
}

/* ---- fields for JSON --------------------------------------------------- */

static void test_parse_gives_the_json_fields(void)
{
	struct dec_sockaddr_info info;
	unsigned char a[200];
	size_t n;

	n = sa(a, INET, REST("\x1f\x90\x0a\x00\x00\x02\0\0\0\0\0\0\0\0"));
	EXPECT_INT(parse(a, n, &info), 0);
	EXPECT_INT(info.family, INET);
	EXPECT_STR(info.family_name, "AF_INET");
	EXPECT_STR(info.addr, "10.0.0.2");
	EXPECT_INT(info.port, 8080);
	EXPECT_TRUE(info.path == NULL);

	n = sa(a, UNIX, REST("/run/x\0junk"));
	EXPECT_INT(parse(a, n, &info), 0);
	EXPECT_STR(info.family_name, "AF_UNIX");
	EXPECT_INT(info.path_len, 6);
	EXPECT_MEM(info.path, "/run/x", 6);
	EXPECT_INT(info.abstract, 0);
	EXPECT_INT(info.port, -1);
	EXPECT_STR(info.addr, "");

	n = sa(a, UNIX, REST("\0ab\0c"));
	EXPECT_INT(parse(a, n, &info), 0);
	EXPECT_INT(info.abstract, 1);
	EXPECT_INT(info.path_len, 4);
	EXPECT_MEM(info.path, "ab\0c", 4);

	EXPECT_INT(parse(a, 2, &info), 0); /* unnamed */
	EXPECT_TRUE(info.path == NULL);
	EXPECT_INT(info.path_len, 0);

	n = sa(a, 99, REST("\1\2"));
	EXPECT_INT(parse(a, n, &info), 0);
	EXPECT_INT(info.family, 99);
	EXPECT_STR(info.family_name, "");
}

static void test_parse_fails_on_short_addresses(void)
{
	struct dec_sockaddr_info info;
	unsigned char a[64];
	size_t n = sa(a, INET, REST("\x00\x50\x7f\x00\x00\x01"));

	EXPECT_INT(parse(a, n, &info), -1);
	EXPECT_INT(info.family, INET); /* still known */
	EXPECT_INT(info.port, -1);
	EXPECT_INT(parse(a, 1, &info), -1);
	EXPECT_INT(info.family, -1);
	EXPECT_INT(parse(a, 0, &info), -1);
	sa(a, INET6, REST("\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"));
	EXPECT_INT(parse(a, 20, &info), -1);
	sa(a, NETLINK, REST("\0\0\0\0\0\0"));
	EXPECT_INT(parse(a, 8, &info), -1);
}

static void test_output_stays_within_a_small_builder(void)
{
	unsigned char a[64];
	char full[256], small[256];
	struct sb s;
	size_t cap, n, len;

	len = sa(a, UNIX, REST("\0\x1b[2J\n\"x\""));
	sb_init(&s, full, sizeof(full));
	dec_sockaddr(&s, a, len);
	n = s.len;
	for (cap = 1; cap <= n + 1; cap++) {
		memset(small, '#', sizeof(small));
		sb_init(&s, small, cap);
		dec_sockaddr(&s, a, len);
		EXPECT_TRUE(s.len < cap && small[s.len] == '\0');
		EXPECT_TRUE(strncmp(small, full, s.len) == 0);
		EXPECT_INT(s.cut, cap <= n);
		EXPECT_TRUE(small[cap] == '#');
	}
}

int main(void)
{
	test_an_ipv4_connect_reads_as_strace_prints_it();
	test_a_short_ipv4_address_is_shown_as_sa_data();
	test_an_ipv6_connect_reads_as_strace_prints_it();
	test_ipv6_text_follows_rfc_5952();
	test_ipv4_in_ipv6_ends_in_dotted_quad_as_glibc_writes_it();
	test_unix_paths_read_as_strace_prints_them();
	test_hostile_unix_paths_are_escaped();
	test_abstract_names_start_with_at_and_keep_their_nuls();
	test_sun_path_stops_at_its_size();
	test_netlink_reads_as_strace_prints_it();
	test_other_families_show_their_bytes();
	test_parse_gives_the_json_fields();
	test_parse_fails_on_short_addresses();
	test_output_stays_within_a_small_builder();
	return expect_summary("test_dec_net");
}
