/* Unit tests for src/rules.c: the --kill-on grammar and matching. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "expect.h"
#include "rules.h"

static int glob(const char *p, const char *s)
{
	return rules_glob(p, (const unsigned char *)s, strlen(s));
}

static void globs_match_whole_strings(void)
{
	EXPECT_INT(glob("/etc/shadow", "/etc/shadow"), 1);
	EXPECT_INT(glob("/etc/shadow", "/etc/shadow2"), 0);
	EXPECT_INT(glob("/etc/shadow", "/etc/shado"), 0);
	EXPECT_INT(glob("/root/.ssh/*", "/root/.ssh/id_rsa"), 1);
	EXPECT_INT(glob("/root/.ssh/*", "/root/.ssh/keys/a/b"), 1); /* / too */
	EXPECT_INT(glob("/root/.ssh/*", "/root/.ssh"), 0);
	EXPECT_INT(glob("*shadow", "/etc/../etc/shadow"), 1);
	EXPECT_INT(glob("*.s?fetensors", "/m/x.safetensors"), 1);
	EXPECT_INT(glob("/dev/nvidia[0-9]", "/dev/nvidia3"), 1);
	EXPECT_INT(glob("/dev/nvidia[0-9]", "/dev/nvidiactl"), 0);
	EXPECT_INT(glob("/x/[!a]", "/x/a"), 0);
	EXPECT_INT(glob("/x/[!a]", "/x/b"), 1);
	EXPECT_INT(glob("a\\*b", "a*b"), 1);
	EXPECT_INT(glob("a\\*b", "axb"), 0);
	EXPECT_INT(glob("*", ""), 1);
	EXPECT_INT(glob("a*b*c", "aXXbYYc"), 1);
	EXPECT_INT(glob("a*b*c", "aXXbYY"), 0);
	/* bytes, not C strings: a NUL inside does not end the subject */
	EXPECT_INT(rules_glob("a*", (const unsigned char *)"a\0b", 3), 1);
	EXPECT_INT(rules_glob("a", (const unsigned char *)"a\0b", 3), 0);
	/* hostile: long runs of stars stay linear enough */
	{
		static char s[4096];

		memset(s, 'a', sizeof(s) - 1);
		EXPECT_INT(glob("*a*a*a*a*a*a*a*b", s), 0);
	}
}

static void rules_parse_and_point_at_mistakes(void)
{
	struct rule r;
	char err[256];

	EXPECT_INT(rules_parse("open:/etc/shadow", &r, err, sizeof(err)), 0);
	EXPECT_INT(r.kind, RULE_OPEN);
	EXPECT_INT(r.kernel_shape, 1);
	EXPECT_INT(r.literal_len, strlen("/etc/shadow"));
	EXPECT_INT(rules_parse("open:/root/.ssh/*", &r, err, sizeof(err)), 0);
	EXPECT_INT(r.kernel_shape, 2);
	EXPECT_INT(r.literal_len, strlen("/root/.ssh/"));
	EXPECT_INT(rules_parse("exec:/usr/bin/c?rl", &r, err, sizeof(err)), 0);
	EXPECT_INT(r.kernel_shape, 0);
	EXPECT_INT(rules_parse("ptrace", &r, err, sizeof(err)), 0);
	EXPECT_INT(r.kind, RULE_SYSCALL);
	EXPECT_STR(r.pattern, "ptrace");
	EXPECT_INT(rules_parse("syscall:bpf", &r, err, sizeof(err)), 0);
	EXPECT_STR(r.pattern, "bpf");
	EXPECT_INT(rules_parse("connect:!127.0.0.0/8", &r, err, sizeof(err)), 0);
	EXPECT_INT(r.negate, 1);
	EXPECT_INT(r.family, AF_INET);
	EXPECT_INT(r.prefix, 8);
	EXPECT_INT(rules_parse("connect:10.0.0.0/8:443", &r, err, sizeof(err)), 0);
	EXPECT_INT(r.port, 443);
	EXPECT_INT(rules_parse("connect:::1/128", &r, err, sizeof(err)), 0);
	EXPECT_INT(r.family, AF_INET6);
	EXPECT_INT(rules_parse("connect:unix:/run/docker.sock", &r, err, sizeof(err)), 0);
	EXPECT_INT(r.family, AF_UNIX);

	EXPECT_INT(rules_parse("connect:300.1.1.1", &r, err, sizeof(err)), -1);
	EXPECT_CONTAINS(err, "at \"300.1.1.1\"");
	EXPECT_INT(rules_parse("connect:10.0.0.0/33", &r, err, sizeof(err)), -1);
	EXPECT_INT(rules_parse("open:", &r, err, sizeof(err)), -1);
	EXPECT_CONTAINS(err, "nothing after \"open:\"");
	EXPECT_INT(rules_parse("frob:x", &r, err, sizeof(err)), -1);
	EXPECT_CONTAINS(err, "unknown kind");
}

static void connect_rules_match_addresses(void)
{
	struct sockaddr_in in4;
	struct sockaddr_in6 in6;
	struct sockaddr_un un;
	struct rule r;
	char err[128];

	memset(&in4, 0, sizeof(in4));
	in4.sin_family = AF_INET;
	in4.sin_port = htons(443);
	inet_pton(AF_INET, "127.0.0.1", &in4.sin_addr);
	memset(&in6, 0, sizeof(in6));
	in6.sin6_family = AF_INET6;
	inet_pton(AF_INET6, "::1", &in6.sin6_addr);
	memset(&un, 0, sizeof(un));
	un.sun_family = AF_UNIX;
	strcpy(un.sun_path, "/run/docker.sock");

	rules_parse("connect:!127.0.0.0/8", &r, err, sizeof(err));
	EXPECT_INT(rules_connect_matches(&r, (void *)&in4, sizeof(in4)), 0);
	inet_pton(AF_INET, "10.1.2.3", &in4.sin_addr);
	EXPECT_INT(rules_connect_matches(&r, (void *)&in4, sizeof(in4)), 1);
	/* another IP family is outside an IPv4 range; unix never matches */
	EXPECT_INT(rules_connect_matches(&r, (void *)&in6, sizeof(in6)), 1);
	EXPECT_INT(rules_connect_matches(&r, (void *)&un, sizeof(un)), 0);
	/* cut short: no decision */
	EXPECT_INT(rules_connect_matches(&r, (void *)&in4, 4), 0);

	rules_parse("connect:10.0.0.0/8:443", &r, err, sizeof(err));
	EXPECT_INT(rules_connect_matches(&r, (void *)&in4, sizeof(in4)), 1);
	in4.sin_port = htons(80);
	EXPECT_INT(rules_connect_matches(&r, (void *)&in4, sizeof(in4)), 0);

	rules_parse("connect:10.1.2.0/23", &r, err, sizeof(err));
	inet_pton(AF_INET, "10.1.3.255", &in4.sin_addr);
	EXPECT_INT(rules_connect_matches(&r, (void *)&in4, sizeof(in4)), 1);
	inet_pton(AF_INET, "10.1.4.0", &in4.sin_addr);
	EXPECT_INT(rules_connect_matches(&r, (void *)&in4, sizeof(in4)), 0);

	rules_parse("connect:::1/128", &r, err, sizeof(err));
	EXPECT_INT(rules_connect_matches(&r, (void *)&in6, sizeof(in6)), 1);
	inet_pton(AF_INET6, "fe80::1", &in6.sin6_addr);
	EXPECT_INT(rules_connect_matches(&r, (void *)&in6, sizeof(in6)), 0);
	rules_parse("connect:fe80::/10", &r, err, sizeof(err));
	EXPECT_INT(rules_connect_matches(&r, (void *)&in6, sizeof(in6)), 1);

	rules_parse("connect:unix:/run/*.sock", &r, err, sizeof(err));
	EXPECT_INT(rules_connect_matches(&r, (void *)&un,
					 offsetof(struct sockaddr_un, sun_path) +
						 strlen(un.sun_path) + 1),
		   1);
}

int main(void)
{
	globs_match_whole_strings();
	rules_parse_and_point_at_mistakes();
	connect_rules_match_addresses();
	return expect_summary("test_rules");
}
