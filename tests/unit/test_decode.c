/* Unit tests for decode.c: a raw perf payload becomes a checked event, and
 * no length in it can make a formatter read past what arrived. Payloads
 * are built the way the BPF side writes them (header, then cap_len[0]
 * bytes, then cap_len[1] bytes, then the kernel's zero padding) and placed
 * 4 bytes off an 8-byte boundary, as they sit in a perf ring. What kind
 * each capture is comes from the syscall table, not the record: the table
 * below has a syscall with two strings (1), one with none (0) and one
 * with an argv and bytes (2).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "decode.h"
#include "expect.h"

#define NSYS 3

/* [0] no captures; [1] two strings (rename); [2] an argv, then bytes */
static const struct sysdesc sys[NSYS] = {
	[1] = { .name = "rename",
		.cap = { { CAP_STR, 0, 0, 0, 0 }, { CAP_STR, 1, 0, 0, 0 } } },
	[2] = { .name = "x",
		.cap = { { CAP_STRV, 1, 0, 0, 32 },
			 { CAP_BYTES, 2, 3, 0, 128 } } },
};

/* 8-aligned storage; payloads start at +4 like a ring's raw data. */
static uint64_t store[(REC_HDR_SIZE + 2 * 65536 + 64) / 8];
#define RAW ((unsigned char *)store + 4)

static struct aitrace_rec hdr(void)
{
	struct aitrace_rec r;

	memset(&r, 0, sizeof(r));
	r.ts_enter = 1000;
	r.ts_exit = 2000;
	r.args[0] = (__u64)-100;
	r.args[5] = 0x0123456789abcdefull;
	r.ret = -2;
	r.tgid = 12;
	r.tid = 13;
	r.nr = 257;
	r.sys_idx = 1;
	r.kind = REC_SYSCALL;
	r.flags = RECF_CAP1_FAULT;
	memcpy(r.comm, "cat", 4);
	return r;
}

/* Lay r and then len bytes of body into RAW; returns the payload size. */
static size_t lay(const struct aitrace_rec *r, const void *body, size_t len)
{
	memset(store, 0xee, sizeof(store));
	memcpy(RAW, r, REC_HDR_SIZE);
	if (len)
		memcpy(RAW + REC_HDR_SIZE, body, len);
	return REC_HDR_SIZE + len;
}

static void test_a_payload_shorter_than_the_header_is_refused(void)
{
	struct aitrace_rec r = hdr();
	struct event ev;

	lay(&r, NULL, 0);
	memset(&ev, 0x5a, sizeof(ev));
	EXPECT_INT(decode_event(&ev, RAW, REC_HDR_SIZE - 1, sys, NSYS),
		   DECODE_SHORT);
	/* nothing of the partial header leaks into the event */
	EXPECT_INT(ev.rec.tgid, 0);
	EXPECT_INT(ev.rec.kind, 0);
	EXPECT_TRUE(ev.cap[0] == NULL && ev.cap[1] == NULL);
	EXPECT_INT(decode_event(&ev, RAW, 0, sys, NSYS), DECODE_SHORT);
	EXPECT_INT(decode_event(&ev, RAW, 4, sys, NSYS), DECODE_SHORT);
}

static void test_a_bare_header_decodes_with_no_strings(void)
{
	struct aitrace_rec r = hdr();
	struct event ev;
	size_t n = lay(&r, NULL, 0);

	EXPECT_INT(n, REC_HDR_SIZE);
	EXPECT_INT(REC_HDR_SIZE % 8, 0);
	memset(&ev, 0x5a, sizeof(ev));
	EXPECT_INT(decode_event(&ev, RAW, n, sys, NSYS), DECODE_OK);
	EXPECT_MEM(&ev.rec, &r, sizeof(r));
	EXPECT_INT(ev.rec.ts_exit, 2000);
	EXPECT_INT(ev.rec.args[0], (__u64)-100);
	EXPECT_INT(ev.rec.args[5], 0x0123456789abcdefull);
	EXPECT_INT(ev.rec.ret, -2);
	EXPECT_INT(ev.rec.tid, 13);
	EXPECT_STR(ev.rec.comm, "cat");
	EXPECT_TRUE(ev.cap[0] == NULL && ev.cap[1] == NULL);
	EXPECT_INT(ev.cap_len[0], 0);
	EXPECT_INT(ev.cap_len[1], 0);
}

static void test_only_known_kinds_are_accepted(void)
{
	static const unsigned bad[] = { 0, REC_PEXIT + 1, 0x80, 0xff };
	struct aitrace_rec r = hdr();
	struct event ev;
	size_t i;

	r.kind = REC_ENTER;
	EXPECT_INT(decode_event(&ev, RAW, lay(&r, NULL, 0), sys, NSYS),
		   DECODE_OK);
	EXPECT_INT(ev.rec.kind, REC_ENTER);
	/* a process's end: a header, no capture */
	r.kind = REC_PEXIT;
	EXPECT_INT(decode_event(&ev, RAW, lay(&r, NULL, 0), sys, NSYS),
		   DECODE_OK);
	r.cap_len[0] = 4;
	EXPECT_INT(decode_event(&ev, RAW, lay(&r, "abc", 4), sys, NSYS),
		   DECODE_BAD_CAP);
	r.cap_len[0] = 0;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		r.kind = (__u8)bad[i];
		EXPECT_INT(decode_event(&ev, RAW, lay(&r, NULL, 0), sys, NSYS),
			   DECODE_BAD_KIND);
	}
}

static void test_sys_idx_must_be_in_the_table(void)
{
	struct aitrace_rec r = hdr();
	struct event ev;

	r.sys_idx = NSYS - 1;
	EXPECT_INT(decode_event(&ev, RAW, lay(&r, NULL, 0), sys, NSYS),
		   DECODE_OK);
	r.sys_idx = NSYS;
	EXPECT_INT(decode_event(&ev, RAW, lay(&r, NULL, 0), sys, NSYS),
		   DECODE_BAD_SYS);
	r.sys_idx = 0xffff;
	EXPECT_INT(decode_event(&ev, RAW, lay(&r, NULL, 0), sys, NSYS),
		   DECODE_BAD_SYS);
	r.sys_idx = 0;
	EXPECT_INT(decode_event(&ev, RAW, lay(&r, NULL, 0), sys, 0),
		   DECODE_BAD_SYS);
}

static void test_one_string_points_into_the_payload(void)
{
	struct aitrace_rec r = hdr();
	struct event ev;

	r.cap_len[0] = 7;
	EXPECT_INT(decode_event(&ev, RAW, lay(&r, "/etc/x", 7), sys, NSYS),
		   DECODE_OK);
	EXPECT_TRUE(ev.cap[0] == RAW + REC_HDR_SIZE);
	EXPECT_INT(ev.cap_len[0], 6);
	EXPECT_MEM(ev.cap[0], "/etc/x", 6);
	EXPECT_TRUE(ev.cap[1] == NULL);
	EXPECT_INT(ev.cap_len[1], 0);
}

static void test_a_string_longer_than_the_payload_is_refused(void)
{
	struct aitrace_rec r = hdr();
	struct event ev;

	r.cap_len[0] = 8; /* one more byte than arrived */
	EXPECT_INT(decode_event(&ev, RAW, lay(&r, "/etc/x", 7), sys, NSYS),
		   DECODE_BAD_CAP);
	r.cap_len[0] = 0xffff;
	EXPECT_INT(decode_event(&ev, RAW, lay(&r, "/etc/x", 7), sys, NSYS),
		   DECODE_BAD_CAP);
	r.cap_len[0] = 1; /* no room even for the NUL */
	EXPECT_INT(decode_event(&ev, RAW, lay(&r, NULL, 0), sys, NSYS),
		   DECODE_BAD_CAP);
}

/* The second string alone starts right after the header. */
static void test_the_second_string_alone_starts_after_the_header(void)
{
	struct aitrace_rec r = hdr();
	struct event ev;

	r.cap_len[1] = 5;
	EXPECT_INT(decode_event(&ev, RAW, lay(&r, "/new", 5), sys, NSYS),
		   DECODE_OK);
	EXPECT_TRUE(ev.cap[0] == NULL);
	EXPECT_TRUE(ev.cap[1] == RAW + REC_HDR_SIZE);
	EXPECT_INT(ev.cap_len[1], 4);
	EXPECT_MEM(ev.cap[1], "/new", 4);

	r.cap_len[1] = 6;
	EXPECT_INT(decode_event(&ev, RAW, lay(&r, "/new", 5), sys, NSYS),
		   DECODE_BAD_CAP);
	r.cap_len[1] = 0xffff;
	EXPECT_INT(decode_event(&ev, RAW, lay(&r, NULL, 0), sys, NSYS),
		   DECODE_BAD_CAP);
}

static void test_two_strings_lie_back_to_back(void)
{
	static const char body[] = "/old\0/brand/new"; /* 5 + 11 */
	struct aitrace_rec r = hdr();
	struct event ev;

	r.cap_len[0] = 5;
	r.cap_len[1] = 11;
	EXPECT_INT(decode_event(&ev, RAW, lay(&r, body, sizeof(body)), sys,
				NSYS),
		   DECODE_OK);
	EXPECT_TRUE(ev.cap[0] == RAW + REC_HDR_SIZE);
	EXPECT_TRUE(ev.cap[1] == RAW + REC_HDR_SIZE + 5);
	EXPECT_INT(ev.cap_len[0], 4);
	EXPECT_INT(ev.cap_len[1], 10);
	EXPECT_MEM(ev.cap[0], "/old", 4);
	EXPECT_MEM(ev.cap[1], "/brand/new", 10);
}

/* Each length fits by itself; together they do not. */
static void test_lengths_that_only_overflow_together_are_refused(void)
{
	static const char body[] = "/old\0/new"; /* 10 bytes */
	unsigned char big[2 * 65535];
	struct aitrace_rec r = hdr();
	struct event ev;

	r.cap_len[0] = 6;
	r.cap_len[1] = 6;
	EXPECT_INT(decode_event(&ev, RAW, lay(&r, body, sizeof(body)), sys,
				NSYS),
		   DECODE_BAD_CAP);
	r.cap_len[0] = 5;
	r.cap_len[1] = 6;
	EXPECT_INT(decode_event(&ev, RAW, lay(&r, body, sizeof(body) - 1),
				sys, NSYS), DECODE_BAD_CAP);
	r.cap_len[0] = 0xffff;
	r.cap_len[1] = 0xffff;
	memset(big, 'a', sizeof(big));
	EXPECT_INT(decode_event(&ev, RAW, lay(&r, big, sizeof(big) - 1), sys,
				NSYS),
		   DECODE_BAD_CAP);
	/* and the largest both-string payload that does fit */
	EXPECT_INT(decode_event(&ev, RAW, lay(&r, big, sizeof(big)), sys,
				NSYS),
		   DECODE_OK);
	EXPECT_INT(ev.cap_len[0], 0xffff); /* no NUL in it: all of it */
	EXPECT_INT(ev.cap_len[1], 0xffff);
	EXPECT_TRUE(ev.cap[1] == RAW + REC_HDR_SIZE + 0xffff);
}

/* cap_len counts bytes sent; a string (CAP_STR) is what precedes the
 * first NUL. */
static void test_a_string_ends_at_its_first_nul(void)
{
	static const char body[] = "ab\0cd\0" "xyz"; /* 6 + 4 */
	struct aitrace_rec r = hdr();
	struct event ev;

	r.cap_len[0] = 6;
	r.cap_len[1] = 4;
	EXPECT_INT(decode_event(&ev, RAW, lay(&r, body, sizeof(body)), sys,
				NSYS),
		   DECODE_OK);
	EXPECT_INT(ev.cap_len[0], 2);
	EXPECT_MEM(ev.cap[0], "ab", 2);
	EXPECT_TRUE(ev.cap[1] == RAW + REC_HDR_SIZE + 6); /* not + 3 */
	EXPECT_INT(ev.cap_len[1], 3);

	/* a string that is only its NUL is empty, not absent */
	r.cap_len[0] = 1;
	r.cap_len[1] = 0;
	EXPECT_INT(decode_event(&ev, RAW, lay(&r, "", 1), sys, NSYS),
		   DECODE_OK);
	EXPECT_TRUE(ev.cap[0] == RAW + REC_HDR_SIZE);
	EXPECT_INT(ev.cap_len[0], 0);

	/* no NUL within cap_len: the length is cap_len, nothing beyond */
	r.cap_len[0] = 3;
	EXPECT_INT(decode_event(&ev, RAW, lay(&r, "abcdef", 6), sys, NSYS),
		   DECODE_OK);
	EXPECT_INT(ev.cap_len[0], 3);
}

/* The kernel pads raw data to 8 bytes (with the u32 raw_size): the padding
 * is in raw_size but belongs to no capture. */
static void test_kernel_padding_after_the_strings_is_ignored(void)
{
	static const char body[] = "/etc/x\0/y\0\0\0\0\0\0\0\0\0";
	struct aitrace_rec r = hdr();
	struct event ev;
	size_t n;

	r.cap_len[0] = 7;
	r.cap_len[1] = 3;
	n = lay(&r, body, 10);
	/* round_up(n + 4, 8) - 4, zero-filled as the kernel does */
	memset(RAW + n, 0, 16);
	n = ((n + 4 + 7) & ~(size_t)7) - 4;
	EXPECT_INT(n, REC_HDR_SIZE + 12);
	EXPECT_INT(decode_event(&ev, RAW, n, sys, NSYS), DECODE_OK);
	EXPECT_INT(ev.cap_len[0], 6);
	EXPECT_INT(ev.cap_len[1], 2);
	EXPECT_MEM(ev.cap[1], "/y", 2);

	/* padding with no strings at all */
	r.cap_len[0] = r.cap_len[1] = 0;
	lay(&r, NULL, 0);
	memset(RAW + REC_HDR_SIZE, 0, 4);
	EXPECT_INT(decode_event(&ev, RAW, REC_HDR_SIZE + 4, sys, NSYS),
		   DECODE_OK);
	EXPECT_TRUE(ev.cap[0] == NULL && ev.cap[1] == NULL);
}

/* An argv and a buffer are not strings: NULs inside them are data, and
 * their whole cap_len is kept. */
static void test_vectors_and_bytes_keep_their_nuls(void)
{
	static const char body[] = "ls\0-l\0" "\x01\x00\x00\x50"; /* 6 + 4 */
	struct aitrace_rec r = hdr();
	struct event ev;

	r.sys_idx = 2;
	r.argc = 2;
	r.cap_flags = CAPF_MORE;
	r.cap_len[0] = 6;
	r.cap_len[1] = 4;
	EXPECT_INT(decode_event(&ev, RAW, lay(&r, body, 10), sys, NSYS),
		   DECODE_OK);
	EXPECT_TRUE(ev.cap[0] == RAW + REC_HDR_SIZE);
	EXPECT_INT(ev.cap_len[0], 6); /* not 2: "ls" is only the first */
	EXPECT_TRUE(ev.cap[1] == RAW + REC_HDR_SIZE + 6);
	EXPECT_INT(ev.cap_len[1], 4); /* not 1: a NUL is a byte like any */
	EXPECT_MEM(ev.cap[1], "\x01\x00\x00\x50", 4);
	EXPECT_INT(ev.rec.argc, 2);
	EXPECT_INT(ev.rec.cap_flags, CAPF_MORE);

	/* a buffer of one NUL is one byte long, not an empty string */
	r.cap_len[0] = 0;
	r.cap_len[1] = 1;
	EXPECT_INT(decode_event(&ev, RAW, lay(&r, "", 1), sys, NSYS),
		   DECODE_OK);
	EXPECT_TRUE(ev.cap[0] == NULL);
	EXPECT_INT(ev.cap_len[1], 1);
	/* and bytes too long for the payload are refused like strings */
	r.cap_len[1] = 5;
	EXPECT_INT(decode_event(&ev, RAW, lay(&r, body, 4), sys, NSYS),
		   DECODE_BAD_CAP);
}

/* A record claiming a capture its syscall does not have (a forged or
 * corrupt record, or a table that does not match the programs) is refused:
 * nothing would know how to show it. */
static void test_a_capture_the_syscall_lacks_is_refused(void)
{
	struct aitrace_rec r = hdr();
	struct event ev;

	r.sys_idx = 0; /* no captures at all */
	r.cap_len[0] = 3;
	EXPECT_INT(decode_event(&ev, RAW, lay(&r, "/x", 3), sys, NSYS),
		   DECODE_BAD_CAP);
	r.cap_len[0] = 0;
	r.cap_len[1] = 3;
	EXPECT_INT(decode_event(&ev, RAW, lay(&r, "/x", 3), sys, NSYS),
		   DECODE_BAD_CAP);
	/* with both lengths 0 the same record is fine */
	r.cap_len[1] = 0;
	EXPECT_INT(decode_event(&ev, RAW, lay(&r, "/x", 3), sys, NSYS),
		   DECODE_OK);
	EXPECT_TRUE(ev.cap[0] == NULL && ev.cap[1] == NULL);
}

static void test_every_status_has_its_own_text(void)
{
	static const enum decode_status all[] = {
		DECODE_OK, DECODE_SHORT, DECODE_BAD_KIND, DECODE_BAD_SYS,
		DECODE_BAD_CAP
	};
	size_t i, j;

	EXPECT_STR(decode_strerror(DECODE_OK), "ok");
	EXPECT_STR(decode_strerror(DECODE_BAD_CAP),
		   "capture lengths exceed the record");
	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		EXPECT_TRUE(strcmp(decode_strerror(all[i]), "?") != 0);
		for (j = 0; j < i; j++)
			EXPECT_TRUE(strcmp(decode_strerror(all[i]),
					   decode_strerror(all[j])) != 0);
	}
	EXPECT_STR(decode_strerror((enum decode_status)99), "?");
}

int main(void)
{
	test_a_payload_shorter_than_the_header_is_refused();
	test_a_bare_header_decodes_with_no_strings();
	test_only_known_kinds_are_accepted();
	test_sys_idx_must_be_in_the_table();
	test_one_string_points_into_the_payload();
	test_a_string_longer_than_the_payload_is_refused();
	test_the_second_string_alone_starts_after_the_header();
	test_two_strings_lie_back_to_back();
	test_lengths_that_only_overflow_together_are_refused();
	test_a_string_ends_at_its_first_nul();
	test_kernel_padding_after_the_strings_is_ignored();
	test_vectors_and_bytes_keep_their_nuls();
	test_a_capture_the_syscall_lacks_is_refused();
	test_every_status_has_its_own_text();
	return expect_summary("test_decode");
}
