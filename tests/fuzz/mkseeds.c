/* Writes the seed corpora of the fuzz targets into tests/fuzz/corpus/
 * (`make fuzz-seeds`; the output is committed). Seeds are small inputs in
 * each target's format that reach the interesting paths at once: records
 * of every traced syscall with hostile captures, rings that wrap, fd table
 * operation mixes. What a fuzzer finds is added beside them by hand, named
 * after the finding.
 *
 * usage: mkseeds DIR   (DIR/<target>/ must exist)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "syscalls.h"

static const char *outdir;

/* ---- an output buffer ------------------------------------------------------ */

static unsigned char buf[1 << 17];
static size_t blen;

static void put(const void *p, size_t n)
{
	if (blen + n > sizeof(buf)) {
		fprintf(stderr, "mkseeds: seed too big\n");
		exit(1);
	}
	memcpy(buf + blen, p, n);
	blen += n;
}
static void put8(unsigned v) { unsigned char c = (unsigned char)v; put(&c, 1); }
static void put16(unsigned v) { uint16_t x = (uint16_t)v; put(&x, 2); }
static void put64(uint64_t v) { put(&v, 8); }

static void save(const char *target, const char *name)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s/%s", outdir, target, name);
	f = fopen(path, "wb");
	if (!f || fwrite(buf, 1, blen, f) != blen || fclose(f)) {
		perror(path);
		exit(1);
	}
	blen = 0;
}

/* ---- hostile strings (as in tests/workloads/hostile.c) ----------------------- */

static const char *const evil[] = {
	"/aitrace-test/nl\n1795755666.008688050 t1 1/1 openat(-100, \"/etc/shadow\", 0, 0) = 3 <0.000006330>",
	"\x1b[2J\x1b[H\x1b]0;owned\x07\x1b]2;owned\x1b\\",
	"\x1b]8;;http://x/\x1b\\link \x9b" "2J \x9d \xc2\x9b" "2J",
	"q\"uo\"te'\\back\\\\slash\\",
	"\x80\xbf\xc0\xaf\xed\xa0\x80\xf4\x90\x80\x80\xc3\xe2\x82\xf0\x9f\x98",
	"caf\xc3\xa9 \xe2\x9c\x93 \xe2\x80\xa8 \xe2\x80\xa9 \xf0\x9f\x98\x80",
	"<x>, 0x0, 5) = 5",
	"",
};
#define NEVIL (sizeof(evil) / sizeof(evil[0]))

/* ---- records ------------------------------------------------------------------- */

static int sys_idx(const char *name)
{
	char list[] = SYSCALLS_DEFAULT, *p, *save_;
	int i = 0;

	for (p = strtok_r(list, ",", &save_); p; p = strtok_r(NULL, ",", &save_), i++)
		if (!strcmp(p, name))
			return i;
	fprintf(stderr, "mkseeds: %s is not in the default set\n", name);
	exit(1);
}

static struct aitrace_rec rec(const char *name, int kind, uint32_t tgid,
			      const char *comm)
{
	struct aitrace_rec r;

	memset(&r, 0, sizeof(r));
	r.ts_enter = 1000000000ull * 5000 + 123456789;
	r.ts_exit = r.ts_enter + 4321;
	r.tgid = tgid;
	r.tid = tgid;
	r.nr = syscalls_nr(name);
	r.sys_idx = (uint16_t)sys_idx(name);
	r.kind = (uint8_t)kind;
	strncpy(r.comm, comm, sizeof(r.comm));
	return r;
}

/* one record of the fuzz_record input: u16 length, header, captures */
static void put_rec(struct aitrace_rec *r, const void *c0, size_t n0,
		    const void *c1, size_t n1)
{
	size_t len = REC_HDR_SIZE + n0 + n1;

	r->cap_len[0] = (uint16_t)n0;
	r->cap_len[1] = (uint16_t)n1;
	put16((unsigned)len);
	put(r, REC_HDR_SIZE);
	put(c0, n0);
	put(c1, n1);
}

static void rec_header(unsigned str_max, int hostile, int proc)
{
	put16(str_max);
	put8((hostile ? 1u : 0u) | (proc ? 2u : 0u));
}

static void seed_records(void)
{
	struct aitrace_rec r;
	unsigned i;
	char name[64];
	static char big[4200];

	/* an open of each hostile path, a read and close of its fd */
	for (i = 0; i < NEVIL; i++) {
		rec_header(i % 2 ? 256 : 32, 0, i % 3 == 0);
		r = rec("openat", REC_SYSCALL, 1000, i % 2 ? "a b\n\x1b[2J\"\\\xc3(x" : "python3");
		r.args[0] = (uint64_t)(int64_t)-100;
		r.args[2] = 0x80241; /* O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC */
		r.args[3] = 0644;
		r.ret = 3;
		put_rec(&r, evil[i], strlen(evil[i]) + 1, NULL, 0);
		r = rec("read", REC_SYSCALL, 1000, "python3");
		r.args[0] = 3;
		r.args[2] = 4096;
		r.ret = 17;
		put_rec(&r, NULL, 0, NULL, 0);
		r = rec("close", REC_SYSCALL, 1000, "python3");
		r.args[0] = 3;
		put_rec(&r, NULL, 0, NULL, 0);
		snprintf(name, sizeof(name), "open-read-close-%u", i);
		save("record", name);
	}

	/* execve: its strings at entry, then the exit */
	{
		static const char argv[] = "/bin/sh\0-c\0echo \x1b[31mred\n\0\xff\xfe\0";

		rec_header(64, 0, 0);
		r = rec("execve", REC_ENTER, 1001, "sh");
		r.argc = 4;
		r.cap_flags = CAPF_MORE;
		put_rec(&r, "/bin/sh", 8, argv, sizeof(argv) - 1);
		r = rec("execve", REC_SYSCALL, 1001, "sh");
		put_rec(&r, NULL, 0, NULL, 0);
		save("record", "execve-enter-exit");
	}
	/* connect: inet, inet6, unix with a hostile path, abstract */
	{
		static const unsigned char in4[16] = { 2, 0, 0x1f, 0x90, 127, 0, 0, 1 };
		static const unsigned char in6[28] = { 10, 0, 0x01, 0xbb, 0, 0, 0, 0,
			0x20, 0x01, 0x0d, 0xb8, [23] = 1, [24] = 5 };
		unsigned char un[110] = { 1, 0 };
		unsigned char abs_[20] = { 1, 0, 0, 'x', '\n', 'y' };

		memcpy(un + 2, evil[0], strlen(evil[0])); /* < 108 */
		rec_header(256, 0, 1);
		r = rec("connect", REC_SYSCALL, 1002, "curl");
		r.args[0] = 5;
		r.args[2] = sizeof(in4);
		put_rec(&r, in4, sizeof(in4), NULL, 0);
		r.args[2] = sizeof(in6);
		put_rec(&r, in6, sizeof(in6), NULL, 0);
		r.args[2] = sizeof(un);
		put_rec(&r, un, sizeof(un), NULL, 0);
		r.args[2] = sizeof(abs_);
		r.ret = -111;
		put_rec(&r, abs_, sizeof(abs_), NULL, 0);
		save("record", "connect-families");
	}
	/* clone3 with a struct longer than the kernel's, clone, fork */
	{
		unsigned char ca[96];

		memset(ca, 0, sizeof(ca));
		ca[0] = 0x00; ca[1] = 0x01; /* CLONE_VM */
		ca[32] = 17;                /* exit_signal SIGCHLD */
		ca[90] = 0xff;              /* past the struct: shown */
		rec_header(256, 0, 0);
		r = rec("clone3", REC_SYSCALL, 1003, "node");
		r.args[1] = sizeof(ca);
		r.ret = 1004;
		put_rec(&r, ca, sizeof(ca), NULL, 0);
		r = rec("clone", REC_SYSCALL, 1003, "node");
		r.args[0] = 0x3d0f00;
		r.ret = 1005;
		put_rec(&r, NULL, 0, NULL, 0);
		r = rec("exit_group", REC_SYSCALL, 1003, "node");
		r.flags = RECF_NO_RETURN;
		put_rec(&r, NULL, 0, NULL, 0);
		save("record", "clone-family");
	}
	/* mmap, futex, ioctl on a tty path, errors, no-entry */
	{
		rec_header(256, 0, 1);
		r = rec("openat", REC_SYSCALL, 1006, "llama");
		r.args[0] = (uint64_t)(int64_t)-100;
		r.ret = 7;
		put_rec(&r, "/dev/dri/renderD128", 20, NULL, 0);
		r = rec("ioctl", REC_SYSCALL, 1006, "llama");
		r.args[0] = 7;
		r.args[1] = 0xc0406400;
		put_rec(&r, NULL, 0, NULL, 0);
		r = rec("mmap", REC_SYSCALL, 1006, "llama");
		r.args[1] = 1 << 21;
		r.args[2] = 3;
		r.args[3] = 0x40022;
		r.args[4] = (uint64_t)-1;
		r.ret = 0x7f0000000000;
		put_rec(&r, NULL, 0, NULL, 0);
		r = rec("futex", REC_SYSCALL, 1006, "llama");
		r.args[1] = 0x89; /* FUTEX_WAIT_BITSET_PRIVATE */
		r.args[5] = 0xffffffff;
		r.ret = -110;
		put_rec(&r, NULL, 0, NULL, 0);
		r = rec("read", REC_SYSCALL, 1006, "llama");
		r.flags = RECF_NO_ENTRY;
		r.ret = -4;
		put_rec(&r, NULL, 0, NULL, 0);
		r = rec("openat", REC_SYSCALL, 1006, "llama");
		r.flags = RECF_CAP0_FAULT;
		r.ret = -14;
		put_rec(&r, NULL, 0, NULL, 0);
		save("record", "mixed");
	}
	/* a 4 KiB path at -s 4096, and at -s 0 */
	for (i = 0; i < 2; i++) {
		size_t k;

		for (k = 0; k < sizeof(big) - 1; k++)
			big[k] = (char)(k % 7 == 0 ? '\n' : k % 5 == 0 ? 0x9b : 'a' + k % 26);
		big[sizeof(big) - 1] = 0;
		rec_header(i ? 0 : 4096, 0, 0);
		r = rec("open", REC_SYSCALL, 1007, "x");
		r.ret = 9;
		put_rec(&r, big, 4098 < sizeof(big) ? 4098 : sizeof(big), NULL, 0);
		save("record", i ? "long-path-s0" : "long-path-s4096");
	}
	/* hostile mode: a record with captures the syscall does not have,
	 * an unknown kind, a short one */
	{
		rec_header(256, 1, 0);
		r = rec("read", REC_SYSCALL, 1, "x");
		put_rec(&r, "abc", 3, NULL, 0);
		r = rec("read", 9, 1, "x");
		put_rec(&r, NULL, 0, NULL, 0);
		put16(20);
		put(&r, 20);
		r = rec("execve", REC_SYSCALL, 1, "x");
		r.argc = 200;
		put_rec(&r, "a", 2, "b\0c\0", 4);
		save("record", "hostile-shapes");
	}
}

/* ---- rings ---------------------------------------------------------------------- */

static void ring_header(unsigned log2size, unsigned mode, unsigned small,
			uint64_t tail, uint64_t head, unsigned head_as_is)
{
	put8(log2size - 3);
	put8(mode);
	put8(small);
	put8(head_as_is);
	put64(tail);
	put64(head);
	put(&(uint32_t){ 0 }, 4);
}

static void seed_rings(void)
{
	static const unsigned char payload[40] = "a payload that wraps around the end";
	unsigned i;

	/* structured: samples, losts, others, starting just before the end
	 * of the area (so they wrap) and near the u64 wrap of the counters */
	for (i = 0; i < 3; i++) {
		ring_header(i == 2 ? 12 : 7, 1 | (i == 1 ? 4 : 2), 16,
			    i == 0 ? 128 - 16 : (uint64_t)-24, 0, 0);
		put8(0); put16(sizeof(payload)); put(payload, sizeof(payload));
		put8(1); put16(7);
		put8(2); put16(3);
		put8(0); put16(0);
		put8(0); put16(13); put(payload, 13);
		save("ring", i == 0 ? "structured-wrap" : i == 1 ? "structured-u64-wrap-small-bounce" : "structured-4k");
	}
	/* raw: a SAMPLE header in the last 8 bytes of the area */
	{
		unsigned char area[64];
		uint32_t type = 9, raw = 20;
		uint16_t size = 32;

		memset(area, 0xab, sizeof(area));
		memcpy(area + 56, &type, 4);
		memcpy(area + 62, &size, 2);
		memcpy(area + 0, &raw, 4);
		ring_header(6, 2, 0, 56, 56 + 32, 1);
		put(area, sizeof(area));
		save("ring", "raw-header-at-end");
		/* and a corrupt size */
		size = 12;
		memcpy(area + 62, &size, 2);
		ring_header(6, 2, 0, 56, 56 + 32, 1);
		put(area, sizeof(area));
		save("ring", "raw-size-not-multiple-of-8");
	}
}

/* ---- fd table ------------------------------------------------------------------- */

/* one operation of the fuzz_fdtable input; opens (0-2) and sets (6)
 * are followed by a % 24 bytes of path: p, padded with NULs */
static void op(unsigned o, unsigned ti, unsigned fi, unsigned a, const char *p)
{
	char path[24] = { 0 };

	put8(o);
	put8(ti);
	put8(fi);
	put8(a);
	if (o % 14 <= 2 || o % 14 == 6) {
		memcpy(path, p, strlen(p) < 24 ? strlen(p) : 24);
		put(path, a % 24);
	}
}

static void seed_fdtable(void)
{
	/* exact: a directory, relative opens joined to it, dup, fork, exec */
	put8(1 | 15 << 1);
	op(0, 0, 3, 0 * 24 + 8, "/models/");      /* NODIR (a % 4 == 0) */
	op(0x30, 0, 4, 22, "tiny.gguf\nforged"); /* joined to fd 3 */
	op(5, 0, 4, 0x80 | 7, NULL);               /* dup 4 -> 7, cloexec */
	op(9, 0, 0, 1 << 4, NULL);                 /* fork to process 1 */
	op(8, 1, 0, 0, NULL);                      /* exec in it */
	op(12, 1, 9, 1, NULL);                     /* refresh */
	op(6, 2, 1, 12, "socket:[42]\xff");
	op(11, 0, 0, 0x80 | 11, NULL);             /* close_range cloexec */
	op(13, 0, 10, 0, NULL);
	op(0, 0x83, 2, 17, "a/\x00b/\x1b[2J../c");
	save("fdtable", "exact-joins");
	/* tiny table: evictions */
	put8(0 | 3 << 1 | 2 << 4);
	op(0, 0, 1, 1, "/a");
	op(0, 0, 2, 5, "/bbbbbbbbbb");
	op(0, 1, 3, 9, "/c");
	op(6, 1, 4, 12, "pipe:[7]");
	op(9, 1, 0, 0, NULL);
	op(5, 0x80, 1, 2, NULL);
	op(10, 1, 0, 0, NULL);
	save("fdtable", "tiny-evicting");
}

/* ---- escape ---------------------------------------------------------------------- */

static void seed_escape(void)
{
	unsigned i, s;
	char name[64];
	unsigned char all[256];

	for (i = 0; i < NEVIL; i++)
		for (s = 0; s < 3; s++) {
			put8(s);
			put16(s == 2 ? 40 : 0xffff);
			put8(1);
			put8(9);
			put(evil[i], strlen(evil[i]));
			snprintf(name, sizeof(name), "evil-%u-style-%u", i, s);
			save("escape", name);
		}
	for (i = 0; i < 256; i++)
		all[i] = (unsigned char)i;
	for (s = 0; s < 3; s++) {
		put8(s);
		put16(0xffff);
		put8(1);
		put8(0);
		put(all, sizeof(all));
		snprintf(name, sizeof(name), "every-byte-style-%u", s);
		save("escape", name);
	}
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: mkseeds DIR\n");
		return 2;
	}
	outdir = argv[1];
	seed_records();
	seed_rings();
	seed_fdtable();
	seed_escape();
	return 0;
}
