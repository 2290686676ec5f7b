/* fd -> path table: see fdtable.h.
 *
 * Layout: max_entries slots, each with its path in a fixed stride of the
 * path arena. Three lists thread through the slots: the LRU list (most
 * recent at the head; free slots reuse lru_next), and one list per process,
 * whose head and length live in the process hash. The fd hash maps
 * (tgid, fd) to a slot and keeps the key beside it so a probe never
 * touches a slot. Both hashes use linear probing on a table of at least
 * 2 * max_entries entries (load <= 1/2, so probes are short and always end
 * at an empty entry) and delete by shifting back, so no tombstones.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "fdtable.h"
#include "mem.h"

#define NIL UINT32_MAX

/* slot flags beyond the public FDT_* bits */
#define F_PUBLIC (FDT_ORIGIN | FDT_RELATIVE | FDT_CUT | FDT_DESC)
#define F_CLOEXEC 0x100u
#define F_MISS 0x200u /* a cached /proc miss: the fd is unknown */
#define F_CLOSED 0x400u /* with F_MISS: seen closed (fdtable_closed); the
			 * slot keeps the closed file's path, held from
			 * since until until, for calls that entered
			 * before the close returned */

struct fdt_slot {
	uint32_t tgid;
	int32_t fd;
	uint32_t lru_prev, lru_next;
	uint32_t p_prev, p_next;
	uint32_t len;
	uint32_t flags;
	uint64_t since; /* fdtable_at time of the call that set it; 0: none */
	uint64_t until; /* with F_CLOSED: when the close returned */
};

/* An entry an observed call replaced, for calls that entered before it */
struct fdt_old {
	uint32_t tgid;
	int32_t fd;
	uint32_t len, flags;
	uint64_t since, until; /* held from since until (replaced at) until */
};

struct fdt_hent {
	uint32_t tgid;
	int32_t fd;
	uint32_t slot1; /* slot + 1; 0: empty */
};

struct fdt_proc {
	uint32_t tgid;
	uint32_t head;  /* first slot of the process's list */
	uint32_t count; /* 0: empty entry */
};

static inline uint32_t hash_fd(const struct fdtable *t, uint32_t tgid, int fd)
{
	uint64_t k = (uint64_t)tgid << 32 | (uint32_t)fd;

	return (uint32_t)((k * 0x9e3779b97f4a7c15ull) >> t->shift);
}

static inline uint32_t hash_tgid(const struct fdtable *t, uint32_t tgid)
{
	return (uint32_t)(((uint64_t)tgid * 0x9e3779b97f4a7c15ull) >> t->shift);
}

static inline char *path_of(const struct fdtable *t, uint32_t s)
{
	return t->path + (size_t)s * (t->max_path + 1);
}

int fdtable_init(struct fdtable *t, unsigned max_entries, unsigned max_path)
{
	size_t n_slot, n_hash, n_proc, n_path, n_list, n_scr, n_old, off;
	unsigned bits = 1;
	unsigned char *b;

	memset(t, 0, sizeof(*t));
	if (max_entries < 1 || max_entries > 1u << 24 || max_path < 1 ||
	    max_path > 1u << 16)
		return -EINVAL;
	while ((1u << bits) < 2 * max_entries)
		bits++;
	/* each part rounded up to 8 bytes keeps the next one aligned */
#define UP8(n) (((n) + 7) & ~(size_t)7)
	n_slot = UP8((size_t)max_entries * sizeof(struct fdt_slot));
	n_hash = UP8(((size_t)1 << bits) * sizeof(struct fdt_hent));
	n_proc = UP8(((size_t)1 << bits) * sizeof(struct fdt_proc));
	n_list = UP8((size_t)max_entries * sizeof(uint32_t));
	n_path = UP8((size_t)max_entries * (max_path + 1));
	n_scr = UP8((size_t)max_path + 1);
	n_old = UP8(FDT_OLD * (sizeof(struct fdt_old) + max_path + 1));
#undef UP8
	b = mem_alloc(n_slot + n_hash + n_proc + n_list + n_path + n_scr +
		      n_old);
	if (!b)
		return -ENOMEM;
	t->block = b; /* zeroed: every hash and process entry is empty */
	t->slot = (struct fdt_slot *)b;
	off = n_slot;
	t->hash = (struct fdt_hent *)(b + off);
	off += n_hash;
	t->proc = (struct fdt_proc *)(b + off);
	off += n_proc;
	t->list = (uint32_t *)(b + off);
	off += n_list;
	t->path = (char *)(b + off);
	off += n_path;
	t->scratch = (char *)(b + off);
	off += n_scr;
	t->old = (struct fdt_old *)(b + off);
	t->old_path = (char *)(t->old + FDT_OLD);
	t->max_entries = max_entries;
	t->max_path = max_path;
	t->mask = (1u << bits) - 1;
	t->shift = 64 - bits;
	t->lru_head = t->lru_tail = t->free_head = NIL;
	return 0;
}

void fdtable_free(struct fdtable *t)
{
	mem_free(t->block);
	memset(t, 0, sizeof(*t));
}

void fdtable_set_proc(struct fdtable *t, fdtable_proc_fn fn, void *ctx)
{
	t->proc_fn = fn;
	t->proc_ctx = ctx;
}

void fdtable_stats(const struct fdtable *t, struct fdtable_stats *st)
{
	*st = t->st;
}

/* ---- the two hashes ------------------------------------------------------ */

/* Position of (tgid, fd), or of the empty entry that ends its probe. */
static uint32_t hash_pos(const struct fdtable *t, uint32_t tgid, int fd)
{
	uint32_t i = hash_fd(t, tgid, fd);

	for (;; i = (i + 1) & t->mask) {
		const struct fdt_hent *h = &t->hash[i];

		if (!h->slot1 || (h->tgid == tgid && h->fd == fd))
			return i;
	}
}

/* Empty entry i, moving back each later entry of the cluster whose probe
 * passes through i (its home is not cyclically within (i, j]). */
static void hash_del(struct fdtable *t, uint32_t i)
{
	uint32_t j = i, home;

	for (;;) {
		j = (j + 1) & t->mask;
		if (!t->hash[j].slot1)
			break;
		home = hash_fd(t, t->hash[j].tgid, t->hash[j].fd);
		if (((j - home) & t->mask) >= ((j - i) & t->mask)) {
			t->hash[i] = t->hash[j];
			i = j;
		}
	}
	t->hash[i].slot1 = 0;
}

/* The process entry of tgid; with create, a new one (count 0, which the
 * caller raises at once) when there is none. At most max_entries
 * processes have a slot, so the table never fills. */
static struct fdt_proc *proc_find(struct fdtable *t, uint32_t tgid, int create)
{
	uint32_t i = hash_tgid(t, tgid);

	for (;; i = (i + 1) & t->mask) {
		struct fdt_proc *p = &t->proc[i];

		if (!p->count) {
			if (!create)
				return NULL;
			p->tgid = tgid;
			p->head = NIL;
			return p;
		}
		if (p->tgid == tgid)
			return p;
	}
}

static void proc_del(struct fdtable *t, uint32_t i)
{
	uint32_t j = i, home;

	for (;;) {
		j = (j + 1) & t->mask;
		if (!t->proc[j].count)
			break;
		home = hash_tgid(t, t->proc[j].tgid);
		if (((j - home) & t->mask) >= ((j - i) & t->mask)) {
			t->proc[i] = t->proc[j];
			i = j;
		}
	}
	t->proc[i].count = 0;
}

/* ---- slots --------------------------------------------------------------- */

static void lru_unlink(struct fdtable *t, uint32_t s)
{
	struct fdt_slot *e = &t->slot[s];

	if (e->lru_prev != NIL)
		t->slot[e->lru_prev].lru_next = e->lru_next;
	else
		t->lru_head = e->lru_next;
	if (e->lru_next != NIL)
		t->slot[e->lru_next].lru_prev = e->lru_prev;
	else
		t->lru_tail = e->lru_prev;
}

static void lru_push(struct fdtable *t, uint32_t s)
{
	struct fdt_slot *e = &t->slot[s];

	e->lru_prev = NIL;
	e->lru_next = t->lru_head;
	if (t->lru_head != NIL)
		t->slot[t->lru_head].lru_prev = s;
	else
		t->lru_tail = s;
	t->lru_head = s;
}

static void touch(struct fdtable *t, uint32_t s)
{
	if (t->lru_head != s) {
		lru_unlink(t, s);
		lru_push(t, s);
	}
}

static void slot_drop(struct fdtable *t, uint32_t s)
{
	struct fdt_slot *e = &t->slot[s];
	struct fdt_proc *p = proc_find(t, e->tgid, 0);

	hash_del(t, hash_pos(t, e->tgid, e->fd));
	lru_unlink(t, s);
	if (e->p_prev != NIL)
		t->slot[e->p_prev].p_next = e->p_next;
	else
		p->head = e->p_next;
	if (e->p_next != NIL)
		t->slot[e->p_next].p_prev = e->p_prev;
	if (--p->count == 0)
		proc_del(t, (uint32_t)(p - t->proc));
	e->flags = 0;
	e->lru_next = t->free_head;
	t->free_head = s;
	t->st.entries--;
}

/* The slot of (tgid, fd), made if there is none: from the free slots, or
 * by evicting the least recently used one. Touched either way. */
static uint32_t slot_get(struct fdtable *t, uint32_t tgid, int fd)
{
	uint32_t pos = hash_pos(t, tgid, fd), s;
	struct fdt_proc *p;
	struct fdt_slot *e;

	if (t->hash[pos].slot1) {
		s = t->hash[pos].slot1 - 1;
		touch(t, s);
		return s;
	}
	if (t->free_head == NIL && t->fresh == t->max_entries) {
		slot_drop(t, t->lru_tail);
		t->st.evictions++;
		pos = hash_pos(t, tgid, fd); /* the drop may move entries */
	}
	if (t->free_head != NIL) {
		s = t->free_head;
		t->free_head = t->slot[s].lru_next;
	} else {
		s = t->fresh++;
	}
	e = &t->slot[s];
	e->tgid = tgid;
	e->fd = fd;
	e->len = 0;
	e->flags = 0;
	t->hash[pos].tgid = tgid;
	t->hash[pos].fd = fd;
	t->hash[pos].slot1 = s + 1;
	lru_push(t, s);
	p = proc_find(t, tgid, 1);
	e->p_prev = NIL;
	e->p_next = p->head;
	if (p->head != NIL)
		t->slot[p->head].p_prev = s;
	p->head = s;
	p->count++;
	t->st.entries++;
	return s;
}

/* Keep slot s, which a call returning at t->now replaces, for the calls
 * that entered before it (see fdtable_lookup_at). */
static void stash(struct fdtable *t, uint32_t s)
{
	struct fdt_slot *e = &t->slot[s];
	struct fdt_old *o = &t->old[t->old_next];

	o->tgid = e->tgid;
	o->fd = e->fd;
	o->len = e->len;
	o->flags = e->flags;
	o->since = e->since;
	o->until = t->now;
	memcpy(t->old_path + (size_t)t->old_next * (t->max_path + 1),
	       path_of(t, s), e->len + 1);
	t->old_next = (t->old_next + 1) % FDT_OLD;
}

/* Store src[0..len) for (tgid, fd), set at time since (0: unknown);
 * returns its slot. src must not point into the path arena: making the
 * slot may evict, and reuse, the slot it points to. A live entry an
 * observed call set is stashed when another observed call replaces it
 * (a close was not applied yet: threads racing, see fdtable_lookup_at);
 * a closed one keeps its own path (fdtable_closed). */
static uint32_t put(struct fdtable *t, uint32_t tgid, int fd, const char *src,
		    size_t len, uint32_t flags, uint64_t since)
{
	uint32_t pos = hash_pos(t, tgid, fd), s;
	char *d;

	if (since && t->hash[pos].slot1 &&
	    t->slot[t->hash[pos].slot1 - 1].since &&
	    !(t->slot[t->hash[pos].slot1 - 1].flags & F_MISS))
		stash(t, t->hash[pos].slot1 - 1);
	s = slot_get(t, tgid, fd);
	d = path_of(t, s);

	if (len > t->max_path) {
		len = t->max_path;
		flags |= FDT_CUT;
	}
	memcpy(d, src, len);
	d[len] = '\0';
	t->slot[s].len = (uint32_t)len;
	t->slot[s].flags = flags;
	t->slot[s].since = since;
	t->slot[s].until = 0;
	return s;
}

static void forget(struct fdtable *t, uint32_t tgid, int fd)
{
	uint32_t pos = hash_pos(t, tgid, fd);

	if (t->hash[pos].slot1)
		slot_drop(t, t->hash[pos].slot1 - 1);
}

/* The slot of (tgid, fd) or NIL; touched when found. */
static uint32_t find(struct fdtable *t, uint32_t tgid, int fd)
{
	uint32_t pos = hash_pos(t, tgid, fd), s;

	if (!t->hash[pos].slot1)
		return NIL;
	s = t->hash[pos].slot1 - 1;
	touch(t, s);
	return s;
}

static const char *answer(struct fdtable *t, uint32_t s, size_t *len,
			  int *source)
{
	if (len)
		*len = t->slot[s].len;
	if (source)
		*source = (int)(t->slot[s].flags & F_PUBLIC);
	return path_of(t, s);
}

/* Ask the callback; store its answer (with keep's flags), or when
 * cache_miss a miss. Returns the slot of the answer or NIL. */
static uint32_t ask_proc(struct fdtable *t, uint32_t tgid, int fd,
			 uint32_t keep, uint64_t since, int cache_miss)
{
	size_t cap = (size_t)t->max_path + 1;
	int r;

	t->st.proc_lookups++;
	r = t->proc_fn(t->proc_ctx, tgid, fd, t->scratch, cap);
	if (r <= 0) { /* an empty answer is no answer */
		t->st.proc_misses++;
		if (cache_miss)
			put(t, tgid, fd, "", 0, F_MISS, 0);
		return NIL;
	}
	/* r >= cap: cut by the callback, so more than max_path bytes */
	return put(t, tgid, fd, t->scratch, (size_t)r < cap ? (size_t)r : cap,
		   FDT_PROC | keep, since);
}

/* fdtable_lookup of (tgid, fd), whose hash position is pos */
static const char *lookup_pos(struct fdtable *t, uint32_t tgid, int fd,
			      uint32_t pos, size_t *len, int *source)
{
	uint32_t s = NIL;

	if (len)
		*len = 0;
	if (source)
		*source = 0;
	if (fd < 0)
		return NULL;
	if (t->hash[pos].slot1) {
		s = t->hash[pos].slot1 - 1;
		touch(t, s);
	}
	if (s == NIL) {
		if (!t->proc_fn)
			return NULL;
		s = ask_proc(t, tgid, fd, 0, 0, 1);
		if (s == NIL)
			return NULL;
	}
	if (t->slot[s].flags & F_MISS) {
		if (source && (t->slot[s].flags & F_CLOSED))
			*source = FDT_CLOSED;
		return NULL;
	}
	return answer(t, s, len, source);
}

const char *fdtable_lookup(struct fdtable *t, uint32_t tgid, int fd,
			   size_t *len, int *source)
{
	return lookup_pos(t, tgid, fd, hash_pos(t, tgid, fd), len, source);
}

const char *fdtable_refresh(struct fdtable *t, uint32_t tgid, int fd,
			    size_t *len, int *source)
{
	uint32_t s;

	if (fd < 0 || !t->proc_fn)
		return fdtable_lookup(t, tgid, fd, len, source);
	s = find(t, tgid, fd);
	/* a refreshed entry keeps its time: it names the same open file */
	ask_proc(t, tgid, fd, s != NIL ? t->slot[s].flags & F_CLOEXEC : 0,
		 s != NIL ? t->slot[s].since : 0, s == NIL);
	return fdtable_lookup(t, tgid, fd, len, source);
}

const char *fdtable_lookup_at(struct fdtable *t, uint32_t tgid, int fd,
			      uint64_t entered, size_t *len, int *source)
{
	uint32_t pos = hash_pos(t, tgid, fd), i;
	const struct fdt_slot *e;
	const struct fdt_old *o;

	if (!entered || fd < 0 || !t->hash[pos].slot1)
		return lookup_pos(t, tgid, fd, pos, len, source);
	e = &t->slot[t->hash[pos].slot1 - 1];
	if (e->since <= entered && (!(e->flags & F_CLOSED) || entered >= e->until))
		return lookup_pos(t, tgid, fd, pos, len, source);
	if (len)
		*len = 0;
	if (source)
		*source = 0;
	/* closed after the call entered: the file it had */
	if (e->since <= entered) {
		if (!e->len)
			return NULL;
		if (len)
			*len = e->len;
		if (source)
			*source = (int)(e->flags & F_PUBLIC) | FDT_PAST;
		return path_of(t, (uint32_t)(e - t->slot));
	}
	for (i = 0; i < FDT_OLD; i++) {
		o = &t->old[i];
		if (o->until && o->tgid == tgid && o->fd == fd &&
		    o->since <= entered && entered < o->until)
			break;
	}
	if (i == FDT_OLD)
		return NULL; /* not kept: unknown, and /proc tells of now */
	if (len)
		*len = o->len;
	if (source)
		*source = (int)(o->flags & F_PUBLIC) | FDT_PAST;
	return t->old_path + (size_t)i * (t->max_path + 1);
}

void fdtable_at(struct fdtable *t, uint64_t now)
{
	t->now = now;
}

/* ---- what the tracer observed -------------------------------------------- */

void fdtable_open(struct fdtable *t, uint32_t tgid, int fd, int dirfd,
		  const char *path, size_t path_len, int cloexec)
{
	uint32_t flags = FDT_SEEN | (cloexec ? F_CLOEXEC : 0);
	const char *dir = NULL;
	size_t dlen = 0, n, cap = (size_t)t->max_path + 1;
	int dsrc = 0;

	if (fd < 0)
		return;
	if (dirfd == FDT_NODIR || (path_len && path[0] == '/')) {
		put(t, tgid, fd, path, path_len, flags, t->now);
		return;
	}
	if (dirfd >= 0)
		dir = fdtable_lookup(t, tgid, dirfd, &dlen, &dsrc);
	/* Join to a directory we hold in full, as a path (absolute or itself
	 * relative): not a description, not cut. No ".." is resolved: with
	 * symlinks "d/x/.." need not be "d", so it would be a guess. */
	if (!dir || (dsrc & (FDT_CUT | FDT_DESC)) ||
	    (dir[0] != '/' && !(dsrc & FDT_RELATIVE))) {
		put(t, tgid, fd, path, path_len, flags | FDT_RELATIVE, t->now);
		return;
	}
	/* built in scratch: dir lives in a slot that put() may reuse; kept to
	 * cap bytes, which put() then cuts to max_path and marks */
	memcpy(t->scratch, dir, dlen);
	n = dlen;
	if (path_len && dlen && dir[dlen - 1] != '/' && n < cap)
		t->scratch[n++] = '/';
	if (path_len > cap - n)
		path_len = cap - n;
	memcpy(t->scratch + n, path, path_len);
	n += path_len;
	if (dsrc & FDT_PROC)
		flags = (flags & ~(uint32_t)FDT_SEEN) | FDT_PROC;
	put(t, tgid, fd, t->scratch, n, flags | (dsrc & FDT_RELATIVE), t->now);
}

void fdtable_close(struct fdtable *t, uint32_t tgid, int fd)
{
	if (fd >= 0)
		forget(t, tgid, fd);
}

void fdtable_closed(struct fdtable *t, uint32_t tgid, int fd,
		    uint64_t entered)
{
	uint32_t pos = hash_pos(t, tgid, fd);
	struct fdt_slot *e;

	if (fd < 0)
		return;
	/* The number was given again after this close entered (the kernel
	 * frees it before close returns, and another thread's open took
	 * it): the entry is the new file's, not the closed one's. */
	if (entered && t->hash[pos].slot1 &&
	    t->slot[t->hash[pos].slot1 - 1].since > entered)
		return;
	if (!t->hash[pos].slot1) {
		put(t, tgid, fd, "", 0, F_MISS | F_CLOSED, t->now);
		return;
	}
	/* the path stays in the slot, for calls that entered before the
	 * close returned (fdtable_lookup_at); lookups see a closed fd */
	e = &t->slot[t->hash[pos].slot1 - 1];
	touch(t, t->hash[pos].slot1 - 1);
	if (!(e->flags & F_CLOSED)) {
		if (e->flags & F_MISS) /* a /proc miss: nothing to keep */
			e->len = 0;
		e->flags = (e->flags & F_PUBLIC) | F_MISS | F_CLOSED;
		e->until = t->now;
	}
}

void fdtable_close_range(struct fdtable *t, uint32_t tgid, unsigned first,
			 unsigned last, int cloexec_only)
{
	struct fdt_proc *p = proc_find(t, tgid, 0);
	uint32_t s, next;

	for (s = p ? p->head : NIL; s != NIL; s = next) {
		struct fdt_slot *e = &t->slot[s];

		next = e->p_next;
		if ((unsigned)e->fd < first || (unsigned)e->fd > last)
			continue;
		if (cloexec_only)
			e->flags |= F_CLOEXEC;
		else
			slot_drop(t, s); /* may free p; next is still valid */
	}
}

void fdtable_dup(struct fdtable *t, uint32_t tgid, int oldfd, int newfd,
		 int cloexec)
{
	uint32_t s, flags;
	size_t len;

	if (newfd < 0 || oldfd == newfd)
		return;
	s = oldfd >= 0 ? find(t, tgid, oldfd) : NIL;
	if (s == NIL || (t->slot[s].flags & F_MISS)) {
		forget(t, tgid, newfd);
		return;
	}
	len = t->slot[s].len;
	flags = (t->slot[s].flags & F_PUBLIC) | (cloexec ? F_CLOEXEC : 0);
	memcpy(t->scratch, path_of(t, s), len);
	put(t, tgid, newfd, t->scratch, len, flags, t->now);
}

void fdtable_set(struct fdtable *t, uint32_t tgid, int fd, const char *text,
		 size_t len, int cloexec)
{
	if (fd >= 0)
		put(t, tgid, fd, text, len,
		    FDT_SEEN | FDT_DESC | (cloexec ? F_CLOEXEC : 0), t->now);
}

void fdtable_set_cloexec(struct fdtable *t, uint32_t tgid, int fd, int on)
{
	uint32_t s = fd >= 0 ? find(t, tgid, fd) : NIL;

	if (s == NIL)
		return;
	if (on)
		t->slot[s].flags |= F_CLOEXEC;
	else
		t->slot[s].flags &= ~F_CLOEXEC;
}

void fdtable_exec(struct fdtable *t, uint32_t tgid)
{
	struct fdt_proc *p = proc_find(t, tgid, 0);
	uint32_t s, next;

	for (s = p ? p->head : NIL; s != NIL; s = next) {
		next = t->slot[s].p_next;
		/* /proc answers are dropped too: the exec'd program may
		 * have inherited fds its shell rearranged with calls we did
		 * not see (dup2 for a redirection) */
		if (t->slot[s].flags & (F_CLOEXEC | F_MISS | FDT_PROC))
			slot_drop(t, s);
	}
}

void fdtable_exit(struct fdtable *t, uint32_t tgid)
{
	struct fdt_proc *p = proc_find(t, tgid, 0);
	uint32_t s, next;

	for (s = p ? p->head : NIL; s != NIL; s = next) {
		next = t->slot[s].p_next;
		slot_drop(t, s);
	}
}

void fdtable_fork(struct fdtable *t, uint32_t parent_tgid,
		  uint32_t child_tgid)
{
	struct fdt_proc *p;
	uint32_t n = 0, s, flags;
	size_t len;

	if (parent_tgid == child_tgid)
		return;
	fdtable_exit(t, child_tgid);
	p = proc_find(t, parent_tgid, 0);
	if (!p)
		return;
	/* Snapshot the parent's list first: copying can evict its slots. */
	for (s = p->head; s != NIL; s = t->slot[s].p_next)
		t->list[n++] = s;
	/* oldest first, so the child's newest entry is the most recent */
	while (n--) {
		struct fdt_slot *e = &t->slot[t->list[n]];

		/* evicted meanwhile (and perhaps reused for the child) */
		if (!e->flags || e->tgid != parent_tgid)
			continue;
		/* a /proc answer is not inherited: the child may dup2 over
		 * it before we see its next call (a shell's redirection) */
		if (e->flags & (F_MISS | FDT_PROC))
			continue;
		len = e->len;
		flags = e->flags & (F_PUBLIC | F_CLOEXEC);
		memcpy(t->scratch, path_of(t, t->list[n]), len);
		put(t, child_tgid, e->fd, t->scratch, len, flags, e->since);
	}
}
