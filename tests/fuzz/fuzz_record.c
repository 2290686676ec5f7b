/* libFuzzer target for the output path: records through decode_event(),
 * the fd table (fdtrack.c, fdtable.c), line_syscall() and json_syscall(),
 * the way loop.c drives them, with the sysdesc table the tracer builds
 * from the fixture formats of one kernel (FUZZ_FORMATS).
 *
 * Input: a 3-byte header, then records, each a u16 length and its bytes.
 *   [0..1] -s (str_max), 0..4096
 *   [2]    bit 0: hostile (records go in exactly as given; otherwise they
 *          are first made into records our BPF programs can emit: a known
 *          kind and syscall, captures within their room, sane times, fds
 *          and processes from a small set so that opens, reads and closes
 *          meet in the fd table); bit 1: a /proc fallback that answers
 *          with bytes of the input
 *
 * Every record that decodes is formatted as a text line and as a JSON
 * line, into a buffer of exactly LINE_MAX_BYTES(str_max) bytes (on the
 * heap: ASan sees a write past it). Checked:
 * - the text line is exactly one line of printable ASCII;
 * - the JSON line is one valid JSON object (strict RFC 8259, valid UTF-8,
 *   no raw C1 controls or U+2028/9, no key twice) and one line;
 * - a record our programs can emit never overflows the line buffer: the
 *   line is never cut. A hostile one may be cut; loop.c then ends the text
 *   line with a newline (checked as above), and a cut JSON line is not
 *   checked for validity (see tests/fuzz/README).
 *
 * AITRACE_FUZZ_PRINT=1 prints every line to stdout, to see what an input
 * does: build/fuzz/fuzz_record FILE...
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzzcheck.h"
#include "decode.h"
#include "fdtable.h"
#include "fdtrack.h"
#include "json.h"
#include "line.h"
#include "render.h"
#include "syscalls.h"
#include "sysset.h"
#include "tpformat.h"

#ifndef FUZZ_FORMATS
#define FUZZ_FORMATS "tests/fixtures/formats/6.18-x86_64"
#endif

#define MAX_SYS 32
#define STR_MAX_LIMIT 4096 /* opts.h: OPTS_STR_MAX_LIMIT */

static struct sysdesc sys[MAX_SYS];
static unsigned nsys;
static int print_lines; /* AITRACE_FUZZ_PRINT=1: lines to stdout */

/* ---- the sysdesc table, once ---------------------------------------------- */

static int read_format(const char *dir, const char *event, struct tpformat *f)
{
	static char text[65536];
	char path[512], err[160];
	size_t n;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/syscalls/%s.format", dir, event);
	fp = fopen(path, "r");
	if (!fp) {
		fprintf(stderr, "fuzz_record: cannot open %s\n", path);
		return -1;
	}
	n = fread(text, 1, sizeof(text), fp);
	fclose(fp);
	if (tpformat_parse(f, text, n, err, sizeof(err)) != 0) {
		fprintf(stderr, "fuzz_record: %s: %s\n", path, err);
		return -1;
	}
	return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static struct tpformat enter, exit_;
	static struct prog_params pp;
	const char *dir = getenv("AITRACE_FUZZ_FORMATS");
	char list[] = SYSCALLS_DEFAULT, ev[96], err[160], *name, *save;

	(void)argc;
	(void)argv;
	print_lines = getenv("AITRACE_FUZZ_PRINT") != NULL;
	if (!dir)
		dir = FUZZ_FORMATS;
	for (name = strtok_r(list, ",", &save); name && nsys < MAX_SYS;
	     name = strtok_r(NULL, ",", &save)) {
		int never = syscalls_never_returns(name);

		snprintf(ev, sizeof(ev), "sys_enter_%s", name);
		if (read_format(dir, ev, &enter))
			abort();
		snprintf(ev, sizeof(ev), "sys_exit_%s", name);
		if (!never && read_format(dir, ev, &exit_))
			abort();
		if (sysset_describe(name, nsys, &enter, never ? NULL : &exit_,
				    &sys[nsys], &pp, err, sizeof(err)) != 0) {
			fprintf(stderr, "fuzz_record: %s: %s\n", name, err);
			abort();
		}
		nsys++;
	}
	return 0;
}

/* ---- a /proc that answers with bytes of the input -------------------------- */

struct fake_proc {
	const uint8_t *data;
	size_t size;
};

static int fake_proc(void *ctx, uint32_t tgid, int fd, char *buf, size_t cap)
{
	const struct fake_proc *p = ctx;
	size_t off, n;

	if (!p->size || (tgid + (unsigned)fd) % 5 == 0)
		return -2; /* -ENOENT */
	off = ((size_t)tgid * 31 + (size_t)fd * 7) % p->size;
	n = ((size_t)fd * 13 + tgid) % (cap + 8);
	if (n > p->size - off)
		n = p->size - off;
	if (n > cap)
		n = cap; /* readlink fills buf and returns cap */
	memcpy(buf, p->data + off, n);
	return (int)n;
}

/* ---- records our programs can emit --------------------------------------- */

/* The most bytes capture i of d can carry (tracer.c's str_cap,
 * strv_budget, and the buffer maxima). */
static size_t cap_room(const struct sysdesc *d, int i, unsigned str_max)
{
	size_t str_cap = (size_t)str_max + 2;

	switch (d->cap[i].kind) {
	case CAP_STR: return str_cap;
	case CAP_BYTES: return d->cap[i].max;
	case CAP_STRV: return 4 * str_cap > 4096 ? 4 * str_cap : 4096;
	}
	return 0;
}

/* Make in[0..n) into a record the BPF side could have written, in out
 * (room for REC_HDR_SIZE + 2 * 65536 + 8 bytes); returns its length. */
static size_t make_sane(unsigned char *out, const uint8_t *in, size_t n,
			unsigned str_max)
{
	struct aitrace_rec r;
	const struct sysdesc *d;
	size_t off = REC_HDR_SIZE, len, room;
	unsigned i;

	memset(&r, 0, sizeof(r));
	memcpy(&r, in, n < REC_HDR_SIZE ? n : REC_HDR_SIZE);
	in += n < REC_HDR_SIZE ? n : REC_HDR_SIZE;
	n -= n < REC_HDR_SIZE ? n : REC_HDR_SIZE;

	r.sys_idx %= nsys;
	d = &sys[r.sys_idx];
	r.kind = d->strings_at_entry && (r.kind & 1) ? REC_ENTER : REC_SYSCALL;
	r.flags &= RECF_NO_ENTRY | RECF_NO_RETURN | RECF_CAP0_FAULT |
		   RECF_CAP1_FAULT;
	if (!d->never_returns)
		r.flags &= (uint8_t)~RECF_NO_RETURN;
	r.reserved = 0;
	r.cap_flags &= CAPF_MORE;
	if (r.argc > SYSCALLS_ARGV_MAX)
		r.argc %= SYSCALLS_ARGV_MAX + 1;
	/* CLOCK_MONOTONIC: centuries away from overflowing */
	r.ts_enter &= ((uint64_t)1 << 60) - 1;
	r.ts_exit &= ((uint64_t)1 << 60) - 1;
	/* a few processes and fds, so that the fd table is exercised */
	r.tgid = 1000 + r.tgid % 4;
	r.tid = r.tid % 3 ? r.tgid : r.tgid + 1;
	for (i = 0; i < d->nargs; i++)
		if (d->arg[i].dec == DEC_FD || d->arg[i].dec == DEC_DIRFD)
			if ((r.args[i] & 0xff) != 0x9c) /* keep AT_FDCWD */
				r.args[i] = r.args[i] % 12;
	if (d->ret_kind == RET_FD && r.ret >= 0)
		r.ret %= 12;
	r.nr = d->nr;
	for (i = 0; i < REC_NCAP; i++) {
		room = cap_room(d, (int)i, str_max);
		len = r.cap_len[i];
		if (len > room)
			len = len % (room + 1);
		if (len > n)
			len = n;
		r.cap_len[i] = (uint16_t)len;
		memcpy(out + off, in, len);
		in += len;
		n -= len;
		off += len;
	}
	memcpy(out, &r, REC_HDR_SIZE);
	/* the kernel's padding to 8 (with the u32 size in front) */
	len = ((off + 4 + 7) & ~(size_t)7) - 4;
	memset(out + off, 0, len - off);
	return len;
}

/* ---- one record, as loop.c's sample() and syscall_line() do it ----------- */

struct run {
	struct line_cfg cfg;
	struct fdtable fds;
	char *line;
	size_t line_cap;
	int hostile;
	/* the pending REC_ENTER of an execve (loop.c keeps several) */
	unsigned char *pend;
	size_t pend_len;
	int pend_used;
};

static void emit(struct run *R, const struct event *ev,
		 const struct event *enter)
{
	struct render_in in;
	const char *why;
	struct sb s;

	line_render_in(&in, &R->cfg, ev, enter);
	fdtrack_before(&R->fds, ev, &in);

	sb_init(&s, R->line, R->line_cap);
	line_syscall(&s, &R->cfg, ev, enter, &in);
	FUZZ_ASSERT(R->hostile || !s.cut, s.buf, s.len);
	if (s.cut && s.len)
		s.buf[s.len - 1] = '\n'; /* loop.c */
	if (print_lines)
		fwrite(s.buf, 1, s.len, stdout);
	why = text_line_check(s.buf, s.len);
	if (why)
		fuzz_fail(why, s.buf, s.len);

	sb_init(&s, R->line, R->line_cap);
	json_begin(&s, "syscall", 42);
	json_syscall(&s, &R->cfg, ev, enter, &in);
	json_end(&s);
	FUZZ_ASSERT(R->hostile || !s.cut, s.buf, s.len);
	if (print_lines)
		fwrite(s.buf, 1, s.len, stdout);
	if (!s.cut) {
		why = json_line_check(s.buf, s.len);
		if (why)
			fuzz_fail(why, s.buf, s.len);
	}

	fdtrack_after(&R->fds, ev, &in);
}

static void one(struct run *R, const unsigned char *raw, size_t len)
{
	struct event ev, enter;
	const struct sysdesc *d;

	if (decode_event(&ev, raw, len, R->cfg.sys, R->cfg.nsys) != DECODE_OK)
		return;
	if (ev.rec.kind != REC_SYSCALL && ev.rec.kind != REC_ENTER)
		return; /* fork and exec records: lineage lines, not here */
	d = &R->cfg.sys[ev.rec.sys_idx];
	if (ev.rec.kind == REC_ENTER) {
		/* a pending one that never returned is logged as it is */
		if (R->pend_used &&
		    decode_event(&enter, R->pend, R->pend_len, R->cfg.sys,
				 R->cfg.nsys) == DECODE_OK)
			emit(R, &enter, NULL);
		free(R->pend);
		R->pend = malloc(len);
		memcpy(R->pend, raw, len);
		R->pend_len = len;
		R->pend_used = 1;
		return;
	}
	if (d->strings_at_entry && R->pend_used) {
		struct aitrace_rec pr;

		memcpy(&pr, R->pend, sizeof(pr));
		if (pr.sys_idx == ev.rec.sys_idx && pr.tgid == ev.rec.tgid) {
			R->pend_used = 0;
			if (decode_event(&enter, R->pend, R->pend_len,
					 R->cfg.sys, R->cfg.nsys) == DECODE_OK) {
				emit(R, &ev, &enter);
				return;
			}
		}
	}
	emit(R, &ev, NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static unsigned char sane[REC_HDR_SIZE + 2 * 65536 + 8];
	struct fake_proc proc = { data, size };
	struct run R;
	unsigned str_max;
	size_t p, n, len;
	unsigned char *raw;
	int nrec = 0;

	if (size < 3 || !nsys)
		return 0;
	memset(&R, 0, sizeof(R));
	str_max = (data[0] | (unsigned)data[1] << 8) % (STR_MAX_LIMIT + 1);
	R.hostile = data[2] & 1;
	R.cfg.sys = sys;
	R.cfg.nsys = nsys;
	R.cfg.str_max = str_max;
	R.cfg.wall_offset_ns = 1764218493000000000LL; /* late 2025 */
	R.line_cap = LINE_MAX_BYTES(str_max);
	R.line = malloc(R.line_cap);
	/* what fdtrack_init() does, with a table small enough to evict */
	if (fdtable_init(&R.fds, 48, str_max ? str_max : 1) != 0)
		abort();
	if (data[2] & 2)
		fdtable_set_proc(&R.fds, fake_proc, &proc);

	for (p = 3; p + 2 <= size && nrec < 64; nrec++) {
		n = data[p] | (size_t)data[p + 1] << 8;
		p += 2;
		if (n > size - p)
			n = size - p;
		if (R.hostile) {
			/* an exact-size copy: a read past it is a report */
			raw = malloc(n ? n : 1);
			memcpy(raw, data + p, n);
			one(&R, raw, n);
			free(raw);
		} else {
			len = make_sane(sane, data + p, n, str_max);
			raw = malloc(len);
			memcpy(raw, sane, len);
			one(&R, raw, len);
			free(raw);
		}
		p += n;
	}
	free(R.pend);
	fdtable_free(&R.fds);
	free(R.line);
	return 0;
}
