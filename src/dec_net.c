/* Socket addresses, as strace prints them, and as fields for JSON.
 *
 * The structs come from the kernel's UAPI headers (<linux/in.h>,
 * <linux/in6.h>, <linux/un.h>, <linux/netlink.h>), not from libc's
 * <netinet/in.h> and <sys/un.h>, which clash with them. IPv6 addresses
 * are formatted here (RFC 5952, with glibc's embedded-IPv4 forms):
 * inet_ntop is not in every libc build this is linked with.
 */
#include <stddef.h> /* offsetof */

#include <linux/socket.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/un.h>
#include <linux/netlink.h>

#include "dec.h"
#include "escape.h"

/* Transcribed from the kernel's include/linux/socket.h. The address
 * families are not in any UAPI header (libc copies them into
 * <sys/socket.h>, which clashes with the headers above); they are the
 * same numbers on every architecture. AF_LOCAL and AF_ROUTE are
 * aliases of AF_UNIX and AF_NETLINK and are left out. */
#define DEC_AF_UNSPEC  0
#define DEC_AF_UNIX    1
#define DEC_AF_INET    2
#define DEC_AF_INET6   10
#define DEC_AF_NETLINK 16

#define FAMILIES(_)                                                           \
	_(UNSPEC, DEC_AF_UNSPEC) _(UNIX, DEC_AF_UNIX)                         \
	_(INET, DEC_AF_INET) _(AX25, 3) _(IPX, 4) _(APPLETALK, 5)             \
	_(NETROM, 6) _(BRIDGE, 7) _(ATMPVC, 8) _(X25, 9)                      \
	_(INET6, DEC_AF_INET6) _(ROSE, 11) _(DECnet, 12) _(NETBEUI, 13)       \
	_(SECURITY, 14) _(KEY, 15) _(NETLINK, DEC_AF_NETLINK)                 \
	_(PACKET, 17) _(ASH, 18) _(ECONET, 19) _(ATMSVC, 20) _(RDS, 21)       \
	_(SNA, 22) _(IRDA, 23) _(PPPOX, 24) _(WANPIPE, 25) _(LLC, 26)         \
	_(IB, 27) _(MPLS, 28) _(CAN, 29) _(TIPC, 30) _(BLUETOOTH, 31)         \
	_(IUCV, 32) _(RXRPC, 33) _(ISDN, 34) _(PHONET, 35)                    \
	_(IEEE802154, 36) _(CAIF, 37) _(ALG, 38) _(NFC, 39)                   \
	_(VSOCK, 40) _(KCM, 41) _(QIPCRTR, 42) _(SMC, 43) _(XDP, 44)          \
	_(MCTP, 45)
FLAGS_TABLE_OF(families, uint8_t, AF_, FAMILIES);

/* The fixed part of each family's struct, from the UAPI headers. */
#define FAMILY_LEN sizeof(__kernel_sa_family_t)
#define IN_LEN     sizeof(struct sockaddr_in)
/* strace's SIN6_MIN_LEN: the RFC 2133 struct, without sin6_scope_id */
#define IN6_MIN_LEN offsetof(struct sockaddr_in6, sin6_scope_id)
#define IN6_LEN    (IN6_MIN_LEN + sizeof(((struct sockaddr_in6 *)0)->sin6_scope_id))
#define UN_PATH    offsetof(struct sockaddr_un, sun_path)
#define UN_PATH_MAX sizeof(((struct sockaddr_un *)0)->sun_path)
#define NL_LEN     sizeof(struct sockaddr_nl)

/* ---- reading ----------------------------------------------------------------- */

static uint16_t be16(const unsigned char *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static uint32_t host32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static unsigned family_of(const unsigned char *buf)
{
	__kernel_sa_family_t f;

	memcpy(&f, buf, sizeof(f));
	return f;
}

/* ---- addresses as text ------------------------------------------------------- */

/* a.b.c.d into out (at least 16 bytes); returns its length */
static size_t ipv4_text(char *out, const unsigned char *a)
{
	size_t o = 0;
	int i;

	for (i = 0; i < 4; i++) {
		unsigned v = a[i];

		if (i)
			out[o++] = '.';
		if (v >= 100)
			out[o++] = (char)('0' + v / 100);
		if (v >= 10)
			out[o++] = (char)('0' + v / 10 % 10);
		out[o++] = (char)('0' + v % 10);
	}
	out[o] = '\0';
	return o;
}

/* RFC 5952 text of a 16-byte address into out (at least 46 bytes):
 * lower-case hex without leading zeros, the longest run of two or more
 * zero groups (the first of equal runs) as "::". Like glibc's inet_ntop
 * (and so strace), ::ffff:a.b.c.d and ::a.b.c.d end in dotted IPv4. */
static size_t ipv6_text(char *out, const unsigned char *a)
{
	static const char *const hex = "0123456789abcdef"; /* a literal: the linker keeps one copy */
	unsigned w[8];
	int i, best = -1, best_len = 0, run = -1, run_len = 0;
	size_t o = 0;

	for (i = 0; i < 8; i++)
		w[i] = be16(a + 2 * i);
	for (i = 0; i < 8; i++) {
		if (w[i]) {
			run = -1;
			continue;
		}
		if (run < 0) {
			run = i;
			run_len = 0;
		}
		if (++run_len > best_len) {
			best = run;
			best_len = run_len;
		}
	}
	if (best_len < 2)
		best = -1;

	for (i = 0; i < 8; i++) {
		if (i == best) {
			out[o++] = ':';
			if (i + best_len == 8)
				out[o++] = ':';
			i += best_len - 1;
			continue;
		}
		if (i)
			out[o++] = ':';
		/* the last 32 bits as IPv4 after 96 zero bits, or after
		 * 80 zero bits and ffff (mapped) */
		if (i == 6 && best == 0 &&
		    (best_len == 6 || (best_len == 5 && w[5] == 0xffff))) {
			o += ipv4_text(out + o, a + 12);
			return o;
		}
		{
			unsigned v = w[i];
			int shift = 12;

			while (shift > 0 && !(v >> shift))
				shift -= 4;
			for (; shift >= 0; shift -= 4)
				out[o++] = hex[(v >> shift) & 15];
		}
	}
	out[o] = '\0';
	return o;
}

/* ---- printing ---------------------------------------------------------------- */

/* bytes from the traced process, quoted through the one escaper */
static void quoted(struct sb *s, const unsigned char *p, size_t n)
{
	sb_char(s, '"');
	escape_sb(s, p, n, ESCAPE_C);
	sb_char(s, '"');
}

static void family(struct sb *s, unsigned f)
{
	sb_str(s, "sa_family=");
	if (!flags_name(s, families, f)) {
		sb_hex(s, f);
		sb_str(s, " /* AF_??? */");
	}
}

static void print_in(struct sb *s, const unsigned char *buf)
{
	char text[16];

	sb_str(s, ", sin_port=htons(");
	sb_u64(s, be16(buf + offsetof(struct sockaddr_in, sin_port)));
	sb_str(s, "), sin_addr=inet_addr(\"");
	ipv4_text(text, buf + offsetof(struct sockaddr_in, sin_addr));
	sb_str(s, text);
	sb_str(s, "\")");
}

static void print_in6(struct sb *s, const unsigned char *buf, size_t len)
{
	char text[48];

	sb_str(s, ", sin6_port=htons(");
	sb_u64(s, be16(buf + offsetof(struct sockaddr_in6, sin6_port)));
	sb_str(s, "), sin6_flowinfo=htonl(");
	sb_u64(s, be32(buf + offsetof(struct sockaddr_in6, sin6_flowinfo)));
	sb_str(s, "), inet_pton(AF_INET6, \"");
	ipv6_text(text, buf + offsetof(struct sockaddr_in6, sin6_addr));
	sb_str(s, text);
	sb_str(s, "\", &sin6_addr)");
	if (len >= IN6_LEN) {
		sb_str(s, ", sin6_scope_id=");
		sb_u64(s, host32(buf + IN6_MIN_LEN));
	}
}

/* sun_path: what lies between sun_family and len (at most sun_path's
 * size). A path ends at its first NUL; an abstract name starts with a
 * NUL and is all the bytes after it, NULs included. */
static void un_path(const unsigned char *buf, size_t len,
		    const unsigned char **path, size_t *n, int *abstract)
{
	size_t room = len - UN_PATH;
	const unsigned char *p = buf + UN_PATH, *nul;

	if (room > UN_PATH_MAX)
		room = UN_PATH_MAX;
	*abstract = room > 0 && p[0] == '\0';
	if (*abstract) {
		*path = p + 1;
		*n = room - 1;
		return;
	}
	nul = memchr(p, '\0', room);
	*path = p;
	*n = nul ? (size_t)(nul - p) : room;
}

static void print_un(struct sb *s, const unsigned char *buf, size_t len)
{
	const unsigned char *path;
	size_t n;
	int abstract;

	if (len <= UN_PATH)
		return; /* unnamed */
	un_path(buf, len, &path, &n, &abstract);
	sb_str(s, ", sun_path=");
	if (abstract)
		sb_char(s, '@');
	quoted(s, path, n);
}

/* nl_groups as strace's %#08x: "00000000", "0x000011" */
static void groups(struct sb *s, uint32_t v)
{
	static const char *const hex = "0123456789abcdef"; /* a literal: the linker keeps one copy */
	char tmp[10];
	int i = 10, digits = 0;

	if (!v) {
		sb_str(s, "00000000");
		return;
	}
	while (v || digits < 6) {
		tmp[--i] = hex[v & 15];
		v >>= 4;
		digits++;
	}
	tmp[--i] = 'x';
	tmp[--i] = '0';
	sb_mem(s, tmp + i, (size_t)(10 - i));
}

static void print_nl(struct sb *s, const unsigned char *buf)
{
	sb_str(s, ", nl_pid=");
	sb_u64(s, host32(buf + offsetof(struct sockaddr_nl, nl_pid)));
	sb_str(s, ", nl_groups=");
	groups(s, host32(buf + offsetof(struct sockaddr_nl, nl_groups)));
}

void dec_sockaddr(struct sb *s, const unsigned char *buf, size_t len)
{
	unsigned f;

	if (len < FAMILY_LEN) {
		sb_str(s, "{...}");
		return;
	}
	f = family_of(buf);
	sb_char(s, '{');
	family(s, f);
	if (f == DEC_AF_INET && len >= IN_LEN) {
		print_in(s, buf);
	} else if (f == DEC_AF_INET6 && len >= IN6_MIN_LEN) {
		print_in6(s, buf, len);
	} else if (f == DEC_AF_UNIX) {
		print_un(s, buf, len);
	} else if (f == DEC_AF_NETLINK && len >= NL_LEN) {
		print_nl(s, buf);
	} else if (len > FAMILY_LEN) {
		/* another family, or too short for its struct: the bytes */
		sb_str(s, ", sa_data=");
		quoted(s, buf + FAMILY_LEN, len - FAMILY_LEN);
	}
	sb_char(s, '}');
}

int dec_sockaddr_parse(const unsigned char *buf, size_t len,
		       struct dec_sockaddr_info *out)
{
	struct sb name;

	memset(out, 0, sizeof(*out));
	out->family = -1;
	out->port = -1;
	if (len < FAMILY_LEN)
		return -1;
	out->family = (int)family_of(buf);
	/* the longest name, "AF_IEEE802154", fits; "" if there is none */
	sb_init(&name, out->family_name, sizeof(out->family_name));
	flags_name(&name, families, (unsigned)out->family);

	switch (out->family) {
	case DEC_AF_INET:
		if (len < IN_LEN)
			return -1;
		out->port = be16(buf + offsetof(struct sockaddr_in, sin_port));
		ipv4_text(out->addr,
			  buf + offsetof(struct sockaddr_in, sin_addr));
		return 0;
	case DEC_AF_INET6:
		if (len < IN6_MIN_LEN)
			return -1;
		out->port = be16(buf + offsetof(struct sockaddr_in6, sin6_port));
		ipv6_text(out->addr,
			  buf + offsetof(struct sockaddr_in6, sin6_addr));
		return 0;
	case DEC_AF_UNIX:
		if (len > UN_PATH)
			un_path(buf, len, &out->path, &out->path_len,
				&out->abstract);
		return 0;
	case DEC_AF_NETLINK:
		return len < NL_LEN ? -1 : 0;
	}
	return 0;
}
