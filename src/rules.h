/* --kill-on rules: what a traced process must not do. Pure logic: parsing
 * (with an error that points at the mistake) and matching an event.
 *
 * RULE := "open:" GLOB         a path passed to open, openat, openat2, creat
 *       | "exec:" GLOB         a file executed (execve's path, the kernel's)
 *       | "connect:" ["!"] ADDR  a connect destination in (or with "!",
 *                              outside) ADDR: CIDR ("127.0.0.0/8",
 *                              "::1/128", "10.1.2.3"), optionally
 *                              ":PORT" for IPv4 ("10.0.0.0/8:443"), or
 *                              "unix:GLOB" for AF_UNIX paths
 *       | "syscall:" NAME | NAME   any call of that syscall
 * GLOB: "*" any run of bytes (also "/"), "?" one byte, "[...]" a set,
 * "\\" quotes; anything else is literal.
 */
#ifndef AITRACE_RULES_H
#define AITRACE_RULES_H

#include <stddef.h>
#include <stdint.h>

#define RULES_MAX 16

enum rule_kind { RULE_OPEN, RULE_EXEC, RULE_CONNECT, RULE_SYSCALL };

struct rule {
	enum rule_kind kind;
	const char *text;      /* as given, for the log */
	const char *pattern;   /* GLOB, or the syscall name */
	/* connect */
	int negate;            /* "!": outside the range */
	int family;            /* AF_INET, AF_INET6, AF_UNIX */
	unsigned char addr[16];
	unsigned prefix;       /* bits */
	int port;              /* -1: any */
	/* open/exec: the literal part before the first glob character, and
	 * whether the whole pattern is that literal (exact) or literal +
	 * "*" (prefix): the kernel can check those two itself */
	size_t literal_len;
	int kernel_shape;      /* 0 glob, 1 exact, 2 prefix */
};

/* Parse text into *r. 0, or -1 with err saying what and where. */
int rules_parse(const char *text, struct rule *r, char *err, size_t errlen);

/* fnmatch-like: 1 if s[0..n) matches pattern (whole string). */
int rules_glob(const char *pattern, const unsigned char *s, size_t n);

/* Does a connect to this socket address (as read from the process)
 * break the rule? */
int rules_connect_matches(const struct rule *r, const unsigned char *sa,
			  size_t len);

#endif
