/* libFuzzer target for fdtable.c: random sequences of the operations the
 * tracer reports, checked after each against a naive model (an array
 * indexed by process and fd, and the rules of fdtable.h written out
 * plainly).
 *
 * Input: [0] mode and max_path, then 4 bytes per operation.
 *   [0] bit 0: exact mode, a table big enough never to evict, with
 *       relative paths joined to directory fds and a fake /proc that
 *       answers (or misses) by a rule the model knows; the table must then
 *       agree with the model exactly, entry count included.
 *       Otherwise: a tiny table (1..16 entries) that evicts, absolute or
 *       AT_FDCWD-relative opens only, no /proc: whatever the table still
 *       answers must be what the model holds, and it never holds more
 *       than its size.
 *       bits 1-6: max_path - 1 (1..64), so that paths get cut
 * Paths are hostile bytes (NUL, newline, invalid UTF-8) from the input.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzzcheck.h"
#include "fdtable.h"

#define NT 6  /* processes */
#define NF 12 /* fds per process */
#define MP_MAX 64

static const uint32_t tgid_of[NT] = { 1, 2, 4096, 65537, 0x80000000u,
				      0xffffffffu };
static int fd_of(unsigned i)
{
	/* small fds, and large ones that collide in the hash differently */
	return i < 9 ? (int)i : i == 9 ? 1 << 20 : i == 10 ? 0x7ffffffe
							     : 0x7fffffff;
}

struct ment {
	int used; /* 1: an answer; 2: a cached /proc miss */
	int closed; /* with used 2: seen closed (fdtable_closed) */
	int cloexec;
	int src;
	size_t len;
	char path[MP_MAX + 1];
};

struct model {
	struct ment e[NT][NF];
	unsigned max_path;
	unsigned gen; /* the fake /proc's answers change with it */
	int exact;
};

static struct model M;

/* ---- the fake /proc: a rule both sides share ------------------------------ */

/* The answer for (ti, fi) now: its length (>= cap means cut, as readlink),
 * or -1 for a miss. */
static int proc_answer(unsigned ti, unsigned fi, char *buf, size_t cap)
{
	unsigned h = (ti * 7 + fi * 13 + M.gen * 5) % 11, i;
	char tmp[MP_MAX + 16];
	size_t n;

	if (h < 3)
		return -1;
	if (h == 3)
		n = (size_t)snprintf(tmp, sizeof(tmp), "socket:[%u]", M.gen);
	else if (h == 4) /* longer than max_path: cut */
		for (n = 0; n < sizeof(tmp); n++)
			tmp[n] = (char)('a' + n % 26);
	else
		n = (size_t)snprintf(tmp, sizeof(tmp), "/proc-says/%u/%u/%u", ti,
				     fi, M.gen);
	if (h == 5) /* hostile bytes */
		for (i = 1; i < n; i += 3)
			tmp[i] = (char)(i % 2 ? '\n' : 0xff);
	if (n > cap)
		n = cap;
	memcpy(buf, tmp, n);
	return (int)n;
}

static int index_of(uint32_t tgid, int fd, unsigned *ti, unsigned *fi)
{
	unsigned i;

	for (i = 0; i < NT && tgid_of[i] != tgid; i++)
		;
	if (i == NT)
		return -1;
	*ti = i;
	for (i = 0; i < NF && fd_of(i) != fd; i++)
		;
	if (i == NF)
		return -1;
	*fi = i;
	return 0;
}

static int proc_cb(void *ctx, uint32_t tgid, int fd, char *buf, size_t cap)
{
	unsigned ti, fi;

	(void)ctx;
	if (index_of(tgid, fd, &ti, &fi))
		fuzz_fail("/proc asked about an fd never used", &fd,
			  sizeof(fd));
	return proc_answer(ti, fi, buf, cap) < 0 ? -ENOENT
						  : proc_answer(ti, fi, buf, cap);
}

/* ---- the model's rules ----------------------------------------------------- */

static void m_put(struct ment *e, const char *p, size_t n, int src,
		  int cloexec)
{
	if (n > M.max_path) {
		n = M.max_path;
		src |= FDT_CUT;
	}
	e->used = 1;
	e->closed = 0;
	memcpy(e->path, p, n);
	e->len = n;
	e->src = src;
	e->cloexec = cloexec;
}

/* The model's fdtable_lookup: asks /proc for an unknown fd and caches. */
static const struct ment *m_lookup(unsigned ti, unsigned fi)
{
	struct ment *e = &M.e[ti][fi];
	char buf[MP_MAX + 2];
	int r;

	if (!e->used && M.exact) {
		r = proc_answer(ti, fi, buf, M.max_path + 1);
		if (r <= 0) {
			memset(e, 0, sizeof(*e));
			e->used = 2;
		} else {
			m_put(e, buf, (size_t)r, FDT_PROC, 0);
		}
	}
	return e->used == 1 ? e : NULL;
}

static void m_open(unsigned ti, unsigned fi, int dirfd_i, const char *p,
		   size_t n, int cloexec)
{
	const struct ment *d = NULL;
	char buf[2 * MP_MAX + 4];
	size_t cap = M.max_path + 1, k;
	int src = FDT_SEEN;

	if (dirfd_i == -2 || (n && p[0] == '/')) { /* FDT_NODIR, absolute */
		m_put(&M.e[ti][fi], p, n, FDT_SEEN, cloexec);
		return;
	}
	if (dirfd_i >= 0)
		d = m_lookup(ti, (unsigned)dirfd_i);
	/* joined to a directory held in full, as a path: not cut, not a
	 * description, and absolute or itself relative (an empty one reads as
	 * "", which is not absolute) */
	if (!d || (d->src & (FDT_CUT | FDT_DESC)) ||
	    ((d->len == 0 || d->path[0] != '/') && !(d->src & FDT_RELATIVE))) {
		m_put(&M.e[ti][fi], p, n, FDT_SEEN | FDT_RELATIVE, cloexec);
		return;
	}
	memcpy(buf, d->path, d->len);
	k = d->len;
	if (n && d->len && d->path[d->len - 1] != '/' && k < cap)
		buf[k++] = '/';
	if (n > cap - k)
		n = cap - k;
	memcpy(buf + k, p, n);
	k += n;
	if (d->src & FDT_PROC)
		src = FDT_PROC;
	m_put(&M.e[ti][fi], buf, k, src | (d->src & FDT_RELATIVE), cloexec);
}

/* ---- checking ---------------------------------------------------------------- */

static void agree(struct fdtable *t, unsigned ti, unsigned fi)
{
	const struct ment *e = &M.e[ti][fi];
	size_t len;
	int src;
	const char *p;

	/* a lookup may ask /proc: the model does the same first */
	if (M.exact)
		e = m_lookup(ti, fi);
	else
		e = e->used == 1 ? e : NULL;
	p = fdtable_lookup(t, tgid_of[ti], fd_of(fi), &len, &src);
	if (!p) {
		/* unknown; or known closed, which an eviction may forget */
		int closed = M.e[ti][fi].used == 2 && M.e[ti][fi].closed;

		FUZZ_ASSERT(len == 0, &len, sizeof(len));
		FUZZ_ASSERT(src == (closed ? FDT_CLOSED : 0) ||
				    (!M.exact && src == 0),
			    &src, sizeof(src));
		FUZZ_ASSERT(!e || !M.exact, e->path, e->len);
		return;
	}
	FUZZ_ASSERT(e, p, len);
	FUZZ_ASSERT(len == e->len && memcmp(p, e->path, len) == 0 &&
			    p[len] == '\0',
		    p, len);
	FUZZ_ASSERT(src == e->src, p, len);
	/* as of an early entry time: the entry, or one it replaced (kept
	 * in the ring, bounded and terminated), or nothing */
	p = fdtable_lookup_at(t, tgid_of[ti], fd_of(fi), 1 + (fi & 7), &len,
			      &src);
	FUZZ_ASSERT(!p || (len <= M.max_path && p[len] == '\0'), &len,
		    sizeof(len));
	FUZZ_ASSERT(p || len == 0, &len, sizeof(len));
}

static void agree_all(struct fdtable *t)
{
	struct fdtable_stats st;
	unsigned ti, fi, used = 0;

	for (ti = 0; ti < NT; ti++)
		for (fi = 0; fi < NF; fi++)
			agree(t, ti, fi);
	fdtable_stats(t, &st);
	for (ti = 0; ti < NT; ti++)
		for (fi = 0; fi < NF; fi++)
			used += M.e[ti][fi].used != 0;
	if (M.exact)
		FUZZ_ASSERT(st.entries == used && st.evictions == 0, &st,
			    sizeof(st));
	else
		FUZZ_ASSERT(st.entries <= t->max_entries, &st, sizeof(st));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fdtable t;
	size_t i, plen;
	unsigned ops = 0;

	if (size < 1)
		return 0;
	memset(&M, 0, sizeof(M));
	M.exact = data[0] & 1;
	M.max_path = 1 + ((data[0] >> 1) & 63);
	if (fdtable_init(&t, M.exact ? NT * NF : 1 + (data[0] >> 4), M.max_path))
		abort();
	if (M.exact)
		fdtable_set_proc(&t, proc_cb, NULL);

	for (i = 1; i + 4 <= size && ops < 2000; i += 4, ops++) {
		unsigned op = data[i] % 14, ti = data[i + 1] % NT,
			 fi = data[i + 2] % NF, a = data[i + 3];
		unsigned tj = (a >> 4) % NT, fj = a % NF, k;
		struct ment *e = &M.e[ti][fi];
		const char *path = (const char *)data + i + 4;
		int cloexec = (a >> 7) & 1, dirfd_i;
		int check_all = data[i + 1] & 0x80;

		/* every op returns at a later time: entries are stamped and
		 * replaced ones kept (closes pass no entry time, so the
		 * model's close semantics hold) */
		fdtable_at(&t, ops + 1);
		/* a path: the next bytes of the input (consumed too) */
		plen = a % 24 < size - i - 4 ? a % 24 : size - i - 4;
		switch (op) {
		case 0: case 1: case 2: /* open */
			/* dirfd: AT_FDCWD, NODIR, or one of the process's
			 * fds (exact mode only: an evicted dir changes the
			 * join, which the weak check cannot follow) */
			dirfd_i = data[i + 3] % 4 == 0 ? -2
				  : !M.exact || data[i + 3] % 4 == 1
					  ? -1
					  : (int)(data[i] >> 4) % NF;
			fdtable_open(&t, tgid_of[ti], fd_of(fi),
				     dirfd_i == -2 ? FDT_NODIR
				     : dirfd_i == -1 ? FDT_AT_FDCWD
						     : fd_of((unsigned)dirfd_i),
				     path, plen, cloexec);
			m_open(ti, fi, dirfd_i, path, plen, cloexec);
			i += plen;
			break;
		case 3: /* close, seen: the fd is known closed */
			fdtable_closed(&t, tgid_of[ti], fd_of(fi), 0);
			memset(e, 0, sizeof(*e));
			e->used = 2;
			e->closed = 1;
			break;
		case 4: /* close, forgotten */
			fdtable_close(&t, tgid_of[ti], fd_of(fi));
			memset(e, 0, sizeof(*e));
			break;
		case 5: /* dup */
			fdtable_dup(&t, tgid_of[ti], fd_of(fi), fd_of(fj),
				    cloexec);
			if (fi == fj)
				break;
			if (e->used == 1) {
				M.e[ti][fj] = *e;
				M.e[ti][fj].cloexec = cloexec;
			} else {
				memset(&M.e[ti][fj], 0, sizeof(*e));
			}
			break;
		case 6: /* set */
			fdtable_set(&t, tgid_of[ti], fd_of(fi), path, plen,
				    cloexec);
			m_put(e, path, plen, FDT_SEEN | FDT_DESC, cloexec);
			i += plen;
			break;
		case 7: /* set_cloexec */
			fdtable_set_cloexec(&t, tgid_of[ti], fd_of(fi), cloexec);
			/* a cached miss keeps the flag too: a later /proc
			 * answer (refresh) inherits it */
			if (e->used)
				e->cloexec = cloexec;
			break;
		case 8: /* exec: close-on-exec fds, cached misses and /proc
			 * answers go (a shell may have rearranged the fds
			 * unseen between fork and exec) */
			fdtable_exec(&t, tgid_of[ti]);
			for (k = 0; k < NF; k++)
				if (M.e[ti][k].cloexec || M.e[ti][k].used == 2 ||
				    (M.e[ti][k].src & FDT_PROC))
					memset(&M.e[ti][k], 0, sizeof(*e));
			break;
		case 9: /* fork: a copy of the answers seen, not the misses
			 * nor what /proc said */
			fdtable_fork(&t, tgid_of[ti], tgid_of[tj]);
			if (ti == tj)
				break;
			for (k = 0; k < NF; k++) {
				M.e[tj][k] = M.e[ti][k];
				if (M.e[tj][k].used == 2 ||
				    (M.e[tj][k].src & FDT_PROC))
					memset(&M.e[tj][k], 0, sizeof(*e));
			}
			break;
		case 10: /* exit */
			fdtable_exit(&t, tgid_of[ti]);
			memset(M.e[ti], 0, sizeof(M.e[ti]));
			break;
		case 11: /* close_range over fd indexes fi..fj */
			fdtable_close_range(&t, tgid_of[ti], (unsigned)fd_of(fi),
					    (unsigned)fd_of(fj), cloexec);
			for (k = fi; k <= fj; k++) {
				if (!M.e[ti][k].used)
					continue;
				if (!cloexec)
					memset(&M.e[ti][k], 0, sizeof(*e));
				else
					M.e[ti][k].cloexec = 1;
			}
			break;
		case 12: { /* refresh (exact: ask /proc now) */
			char buf[MP_MAX + 2];
			size_t len;
			int src, r;
			const char *p;

			if (!M.exact)
				break;
			M.gen += a & 1; /* /proc's answer may have changed */
			r = proc_answer(ti, fi, buf, M.max_path + 1);
			if (r > 0)
				m_put(e, buf, (size_t)r, FDT_PROC,
				      e->used ? e->cloexec : 0);
			else if (!e->used)
				e->used = 2;
			p = fdtable_refresh(&t, tgid_of[ti], fd_of(fi), &len,
					    &src);
			FUZZ_ASSERT(!p == (e->used != 1), p, p ? len : 0);
			break;
		}
		case 13: /* lookup, which may ask /proc */
			agree(&t, ti, fi);
			break;
		}
		/* now and then every entry of the touched process (a lookup
		 * asks /proc and caches, so not always: unknown fds must
		 * stay unknown for a while to be dup'ed from or joined to) */
		if (check_all)
			for (k = 0; k < NF; k++)
				agree(&t, ti, k);
	}
	agree_all(&t);
	fdtable_free(&t);
	return 0;
}
