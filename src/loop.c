/* The event loop and the log's annotation lines: see loop.h. */
#include <errno.h>
#include <linux/perf_event.h>
#include <fcntl.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "decode.h"
#include "diag.h"
#include "escape.h"
#include "fdtrack.h"
#include "json.h"
#include "summary.h"
#include "loop.h"
#include "errnos.h"
#include "mem.h"

#define PENDING_FIRST 16 /* execve entries kept at first; grows to max-inflight */
#define POLL_NS 100000000u     /* bounds the delay of a quiet system's lines */
#define ENFORCE_POLL_NS 2000000u /* --kill-on acting from user space */
#define SLACK_NS 5000000ull    /* 5 ms for records still being written */

struct pending {
	int used;
	int owns_data;         /* data starts a block of slots: freed with it */
	uint64_t ts;
	size_t len;
	unsigned char *data;   /* a copy of the REC_ENTER payload */
};

uint64_t loop_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int64_t wall_offset(void)
{
	struct timespec r, m;

	clock_gettime(CLOCK_REALTIME, &r);
	clock_gettime(CLOCK_MONOTONIC, &m);
	return ((int64_t)r.tv_sec - (int64_t)m.tv_sec) * 1000000000 +
	       ((int64_t)r.tv_nsec - (int64_t)m.tv_nsec);
}

/* Room for more execve entries: twice the slots (PENDING_FIRST at first),
 * at most pend_cap. The new slots' data is one block, owned by the first
 * of them; the old slots stay where they are. 0, or -ENOMEM. */
static int pend_grow(struct loop *l)
{
	unsigned n = l->npend ? 2 * l->npend : PENDING_FIRST, i;
	struct pending *pend;
	unsigned char *data;

	if (n > l->pend_cap)
		n = l->pend_cap;
	if (n <= l->npend)
		return -ENOMEM;
	pend = mem_realloc(l->pend, n * sizeof(*pend));
	if (!pend)
		return -ENOMEM;
	l->pend = pend;
	data = mem_alloc((n - l->npend) * l->pend_rec_max);
	if (!data)
		return -ENOMEM;
	for (i = l->npend; i < n; i++) {
		memset(&pend[i], 0, sizeof(pend[i]));
		pend[i].data = data + (i - l->npend) * l->pend_rec_max;
	}
	pend[l->npend].owns_data = 1;
	l->npend = n;
	return 0;
}

int loop_init(struct loop *l, struct tracer *t, struct perfbuf *pb,
	      struct out *out, unsigned str_max, int json, uint64_t t_start)
{
	size_t rec_max = t->record_room + 64;
	int k;

	memset(l, 0, sizeof(*l));
	l->t = t;
	l->pb = pb;
	l->out = out;
	l->cfg.sys = t->desc;
	l->cfg.nsys = t->nsys;
	l->cfg.wall_offset_ns = wall_offset();
	l->cfg.str_max = str_max;
	l->json = json;
	l->t_start = t_start;
	l->t_stop = UINT64_MAX;
	l->slack_ns = SLACK_NS;
	l->line_cap = LINE_MAX_BYTES(str_max);
	l->line = mem_alloc(l->line_cap);
	l->src = mem_alloc((size_t)pb->n * sizeof(*l->src));
	l->lost = mem_alloc((size_t)pb->n * sizeof(*l->lost));
	l->pend_rec_max = rec_max;
	/* as many execve calls can be inside the kernel at once as the
	 * in-flight map holds calls */
	l->pend_cap = t->inflight_max > PENDING_FIRST ? t->inflight_max
						      : PENDING_FIRST;
	if (!l->line || !l->src || !l->lost || pend_grow(l) != 0 ||
	    fdtrack_init(&l->fds, str_max, 1) != 0)
		return -ENOMEM;
	for (k = 0; k < pb->n; k++) {
		perfbuf_view(pb, k, &l->src[k].v);
		l->src[k].bounce_cap = rec_max;
		if (!(l->src[k].bounce = mem_alloc(rec_max)))
			return -ENOMEM;
	}
	return 0;
}

void loop_free(struct loop *l)
{
	unsigned i;
	int k;

	if (l->pend)
		for (i = 0; i < l->npend; i++)
			if (l->pend[i].owns_data)
				mem_free(l->pend[i].data);
	if (l->src)
		for (k = 0; k < l->pb->n; k++)
			mem_free(l->src[k].bounce);
	mem_free(l->pend);
	mem_free(l->src);
	mem_free(l->lost);
	mem_free(l->line);
	fdtable_free(&l->fds);
	memset(l, 0, sizeof(*l));
}

/* A line into the log through the builder; annotation lines start "# ". */
static struct sb *begin(struct loop *l, struct sb *s)
{
	sb_init(s, l->line, l->line_cap);
	return s;
}

static void end(struct loop *l, struct sb *s)
{
	if (s->cut && s->len) /* never leave a line without its newline */
		s->buf[s->len - 1] = '\n';
	out_line(l->out, s->buf, s->len);
}

void loop_header(struct loop *l, unsigned ring_pages)
{
	struct utsname u;
	struct sb s;
	unsigned i;

	if (uname(&u) != 0)
		memset(&u, 0, sizeof(u));
	if (l->json) {
		begin(l, &s);
		json_begin(&s, "start", l->seq++);
		json_str(&s, "version", AITRACE_VERSION);
		json_u64(&s, "tracer_pid", (uint64_t)getpid());
		json_str(&s, "sysname", u.sysname);
		json_str(&s, "release", u.release);
		json_str(&s, "machine", u.machine);
		json_time(&s, ((uint64_t)l->t_start + (uint64_t)l->cfg.wall_offset_ns));
		json_u64(&s, "ring_pages", ring_pages);
		json_u64(&s, "cpus", (uint64_t)l->pb->n);
		json_u64(&s, "str_max", l->cfg.str_max);
		sb_str(&s, ",\"syscalls\":[");
		for (i = 0; i < l->t->nsys; i++) {
			if (i)
				sb_char(&s, ',');
			sb_char(&s, '"');
			sb_str(&s, l->t->desc[i].name);
			sb_char(&s, '"');
		}
		sb_str(&s, "],\"skipped\":[");
		for (i = 0; l->t->skipped[i]; i++) {
			if (i == 0 || l->t->skipped[i - 1] == ',')
				sb_str(&s, i ? "\",\"" : "\"");
			if (l->t->skipped[i] != ',')
				sb_char(&s, l->t->skipped[i]);
		}
		sb_str(&s, i ? "\"]" : "]");
		json_end(&s);
		end(l, &s);
		return;
	}
	begin(l, &s);
	sb_str(&s, "# aitrace-min " AITRACE_VERSION " pid ");
	sb_u64(&s, (uint64_t)getpid());
	sb_str(&s, " on ");
	sb_str(&s, u.sysname);
	sb_char(&s, ' ');
	sb_str(&s, u.release);
	sb_char(&s, ' ');
	sb_str(&s, u.machine);
	sb_str(&s, ", started ");
	sb_time_ns(&s, ((uint64_t)l->t_start + (uint64_t)l->cfg.wall_offset_ns));
	sb_str(&s, ", rings ");
	sb_u64(&s, ring_pages);
	sb_str(&s, " pages x ");
	sb_u64(&s, (uint64_t)l->pb->n);
	sb_str(&s, " cpus\n");
	end(l, &s);

	begin(l, &s);
	sb_str(&s, "# tracing:");
	for (i = 0; i < l->t->nsys; i++) {
		sb_char(&s, i ? ',' : ' ');
		sb_str(&s, l->t->desc[i].name);
	}
	if (l->t->skipped[0]) {
		sb_str(&s, "; no tracepoint here: ");
		sb_str(&s, l->t->skipped);
	}
	sb_char(&s, '\n');
	end(l, &s);
}

/* "TIME COMM PID/TID": how the tracer's own lines about a process begin */
static void who(struct sb *s, const struct aitrace_rec *r, uint64_t wall)
{
	sb_time_ns(s, wall);
	sb_char(s, ' ');
	escape_sb(s, (const unsigned char *)r->comm,
		  strnlen(r->comm, REC_COMM_LEN), ESCAPE_WORD);
	sb_char(s, ' ');
	sb_u64(s, r->tgid);
	sb_char(s, '/');
	sb_u64(s, r->tid);
}

static void json_who(struct sb *s, const struct aitrace_rec *r)
{
	json_u64(s, "pid", r->tgid);
	json_u64(s, "tid", r->tid);
	json_bytes(s, "comm", (const unsigned char *)r->comm,
		   strnlen(r->comm, REC_COMM_LEN));
}

/* --kill-on: an enforcement is a record of its own:
 *   T COMM PID/TID !!! kill-on "RULE": SIGKILL to PID by the kernel|user
 *       space, S s after the call: OUTCOME !!!
 */
static void enforce_line(struct loop *l, const struct event *ev,
			 const struct render_in *in)
{
	struct enforce_action a;
	const struct aitrace_rec *r = &ev->rec;
	uint64_t wall = ((uint64_t)r->ts_exit + (uint64_t)l->cfg.wall_offset_ns);
	char *p;
	struct sb s;

	if (!enforce_event(l->enforce, ev, in, loop_now(), &a))
		return;
	if (!(p = out_reserve(l->out, 4096))) {
		l->out->lines_dropped++;
		return;
	}
	sb_init(&s, p, 4096);
	if (l->json) {
		json_begin(&s, "enforce", l->seq++);
		json_time(&s, wall);
		json_who(&s, r);
		json_str(&s, "rule", a.rule->text);
		json_str(&s, "syscall", in->d->name);
		json_u64(&s, "target", a.target);
		json_str(&s, "signal", "SIGKILL");
		json_str(&s, "mechanism", a.mechanism);
		json_u64(&s, "delay_ns", a.delay_ns);
		json_u64(&s, "tree_killed", a.tree_killed);
		json_str(&s, "outcome", a.outcome);
		json_end(&s);
	} else {
		who(&s, r, wall);
		sb_str(&s, " !!! kill-on \"");
		escape_sb(&s, (const unsigned char *)a.rule->text,
			  strlen(a.rule->text), ESCAPE_C);
		sb_str(&s, "\" by ");
		sb_str(&s, in->d->name);
		sb_str(&s, ": SIGKILL to ");
		sb_u64(&s, a.target);
		if (a.tree_killed) {
			sb_str(&s, " and ");
			sb_u64(&s, a.tree_killed);
			sb_str(&s, " below it");
		}
		sb_str(&s, strcmp(a.mechanism, "kernel") ? " from " : " by the ");
		sb_str(&s, a.mechanism);
		sb_str(&s, ", ");
		sb_time_ns(&s, a.delay_ns);
		sb_str(&s, " s after the call: ");
		sb_str(&s, a.outcome);
		sb_str(&s, " !!!\n");
	}
	if (s.cut && s.len)
		s.buf[s.len - 1] = '\n';
	out_commit(l->out, s.len);
}

/* Returns 1 when the line was written (0: the log failed, counted). */
static int syscall_line(struct loop *l, const struct event *ev,
			const struct event *enter)
{
	char *p = out_reserve(l->out, l->line_cap);
	struct render_in in;
	struct sb s;

	if (!p) {
		l->out->lines_dropped++;
		return 0;
	}
	line_render_in(&in, &l->cfg, ev, enter);
	fdtrack_before(&l->fds, ev, &in);
	sb_init(&s, p, l->line_cap);
	if (l->json) {
		json_begin(&s, "syscall", l->seq++);
		json_syscall(&s, &l->cfg, ev, enter, &in);
		json_end(&s);
	} else {
		line_syscall(&s, &l->cfg, ev, enter, &in);
	}
	fdtrack_after(&l->fds, ev, &in);
	if (s.cut && s.len)
		s.buf[s.len - 1] = '\n';
	out_commit(l->out, s.len);
	/* after the line is committed: it reserves its own */
	if (l->enforce && ev->rec.kind == REC_SYSCALL)
		enforce_line(l, ev, &in);
	return 1;
}

/* Who begat whom, what was executed:
 *   T COMM PID/TID +++ child 1235 +++
 *   T COMM PID/TID +++ exec "/usr/bin/ls" +++            (old pid if not PID)
 */
static void lineage_line(struct loop *l, const struct event *ev)
{
	const struct aitrace_rec *r = &ev->rec;
	uint64_t wall = ((uint64_t)r->ts_enter + (uint64_t)l->cfg.wall_offset_ns);
	struct sb s;

	begin(l, &s);
	if (l->json) {
		json_begin(&s, r->kind == REC_FORK ? "fork" : "exec", l->seq++);
		json_time(&s, wall);
		json_i64(&s, "cpu", ev->cpu);
		json_who(&s, r);
		if (r->kind == REC_FORK) {
			json_u64(&s, "child", r->args[0]);
			if (r->flags & RECF_NOT_FOLLOWED)
				json_str(&s, "not_followed", "scope map full");
		} else {
			if (ev->cap[0])
				json_bytes(&s, "filename", ev->cap[0],
					   ev->cap_len[0]);
			json_u64(&s, "old_pid", r->args[0]);
		}
		json_end(&s);
	} else {
		who(&s, r, wall);
		if (r->kind == REC_FORK) {
			sb_str(&s, " +++ child ");
			sb_u64(&s, r->args[0]);
			if (r->flags & RECF_NOT_FOLLOWED)
				sb_str(&s, " not followed: scope map full");
		} else {
			sb_str(&s, " +++ exec ");
			sb_char(&s, '"');
			if (ev->cap[0])
				escape_sb(&s, ev->cap[0], ev->cap_len[0],
					  ESCAPE_C);
			sb_char(&s, '"');
			if (r->args[0] != r->tgid) {
				sb_str(&s, " by thread ");
				sb_u64(&s, r->args[0]);
			}
		}
		sb_str(&s, " +++\n");
	}
	end(l, &s);
	l->lineage++;
	if (l->enforce && r->kind == REC_FORK)
		enforce_note_fork(l->enforce, r->tgid, (uint32_t)r->args[0]);
}

/* execve: keep its REC_ENTER (the strings) until the exit arrives. The
 * table grows to as many entries as calls can be in flight; past that (or
 * out of memory) the oldest entry is logged alone, counted as parted. */
static void pend_enter(struct loop *l, const struct event *ev,
		       const unsigned char *raw, size_t len)
{
	unsigned i, slot = 0;
	struct event old;

	for (i = 0; i < l->npend; i++) {
		if (!l->pend[i].used) {
			slot = i;
			break;
		}
		if (l->pend[i].ts < l->pend[slot].ts)
			slot = i;
	}
	if (l->pend[slot].used) { /* none free: slot is the oldest */
		unsigned first_new = l->npend;

		if (pend_grow(l) == 0) {
			slot = first_new;
		} else {
			/* its return is logged and counted on its own */
			if (decode_event(&old, l->pend[slot].data,
					 l->pend[slot].len, l->cfg.sys,
					 l->cfg.nsys) == DECODE_OK) {
				old.return_apart = 1;
				syscall_line(l, &old, NULL);
			}
			l->pend_parted++;
		}
	}
	if (len > l->pend_rec_max)
		len = l->pend_rec_max;
	memcpy(l->pend[slot].data, raw, len);
	l->pend[slot].len = len;
	l->pend[slot].ts = ev->rec.ts_enter;
	l->pend[slot].used = 1;
}

/* The REC_ENTER of the call that ev completes: the same thread's; or, for
 * a successful execve that returns as the leader (one from another thread
 * takes over the leader's id), the process's oldest from another thread.
 * A failed call returns in its own thread: it never takes another's. */
static int pend_take(struct loop *l, const struct event *ev,
		     struct event *enter)
{
	unsigned i, found = l->npend;
	int leader_exec = ev->rec.ret == 0 && ev->rec.tid == ev->rec.tgid;

	for (i = 0; i < l->npend; i++) {
		const struct pending *p = &l->pend[i];
		struct aitrace_rec r;

		if (!p->used)
			continue;
		memcpy(&r, p->data, sizeof(r));
		if (r.sys_idx != ev->rec.sys_idx || r.tgid != ev->rec.tgid)
			continue;
		if (r.tid == ev->rec.tid) {
			found = i;
			break;
		}
		if (leader_exec && (found == l->npend ||
				    l->pend[i].ts < l->pend[found].ts))
			found = i;
	}
	if (found == l->npend)
		return 0;
	l->pend[found].used = 0;
	return decode_event(enter, l->pend[found].data, l->pend[found].len,
			    l->cfg.sys, l->cfg.nsys) == DECODE_OK;
}

static void sample(struct loop *l, int src, const struct ring_rec *rec)
{
	struct event ev, enter;
	const struct sysdesc *d;
	enum decode_status st;

	st = decode_event(&ev, rec->raw, rec->raw_size, l->cfg.sys,
			  l->cfg.nsys);
	/* larger than any record our programs write: not ours to format
	 * (a line has room for what they can write, no more) */
	if (st == DECODE_OK && rec->raw_size > l->t->record_room + 8)
		st = DECODE_BAD_CAP;
	if (st != DECODE_OK) {
		l->undecodable++;
		return;
	}
	ev.cpu = l->pb->cpu[src].cpu;
	if (ev.rec.kind == REC_PEXIT) {
		/* its pid may go to another process next: which must not
		 * be taken to hold this one's files (a SIGKILLed process
		 * never calls exit_group) */
		fdtable_exit(&l->fds, ev.rec.tgid);
		return;
	}
	if (ev.rec.kind == REC_FORK || ev.rec.kind == REC_EXEC) {
		if (ev.rec.ts_enter < l->t_start)
			l->before_start++;
		else if (ev.rec.ts_enter >= l->t_stop)
			l->after_stop++;
		else
			lineage_line(l, &ev);
		return;
	}
	d = &l->cfg.sys[ev.rec.sys_idx];
	if (ev.rec.flags & RECF_NO_ENTRY) {
		/* entered while the entry programs were not attached */
		if (ev.rec.ts_exit < l->t_start) {
			l->before_start++;
			return;
		}
		if (ev.rec.ts_exit >= l->t_stop) {
			l->after_stop++;
			return;
		}
		if (ev.rec.ret == 0 && (d->role == ROLE_FORK || d->role == ROLE_CLONE ||
					   d->role == ROLE_CLONE3)) {
			l->child_returns++;
			return;
		}
	} else if (ev.rec.ts_enter < l->t_start) {
		l->before_start++;
		if (ev.rec.kind == REC_SYSCALL && d->strings_at_entry)
			pend_take(l, &ev, &enter); /* drop its REC_ENTER too */
		return;
	} else if (ev.rec.ts_enter >= l->t_stop) {
		l->after_stop++;
		return;
	}
	if (ev.rec.kind == REC_ENTER) {
		pend_enter(l, &ev, rec->raw, rec->raw_size);
		return;
	}
	if (d->strings_at_entry && pend_take(l, &ev, &enter)) {
		/* the in-flight table was full at its entry, but the
		 * REC_ENTER has the arguments: not a line without them */
		if (ev.rec.flags & RECF_NO_ENTRY)
			l->joined_no_entry++;
		l->logged += syscall_line(l, &ev, &enter);
	} else {
		l->logged += syscall_line(l, &ev, NULL);
	}
}

static void lost_line(struct loop *l, int src, uint64_t n, uint64_t ts)
{
	struct sb s;

	begin(l, &s);
	if (l->json) {
		json_begin(&s, "lost", l->seq++);
		json_u64(&s, "count", n);
		json_i64(&s, "cpu", l->pb->cpu[src].cpu);
		json_time(&s, ((uint64_t)ts + (uint64_t)l->cfg.wall_offset_ns));
		json_str(&s, "source", "ring");
		json_end(&s);
		end(l, &s);
		return;
	}
	sb_str(&s, "# lost ");
	sb_u64(&s, n);
	sb_str(&s, " events on cpu ");
	sb_u64(&s, (uint64_t)l->pb->cpu[src].cpu);
	sb_str(&s, " after ");
	sb_time_ns(&s, ((uint64_t)ts + (uint64_t)l->cfg.wall_offset_ns));
	sb_str(&s, " (perf ring full)\n");
	end(l, &s);
}

static int deliver(void *ctx, int src, const struct ring_rec *rec,
		   uint64_t ts)
{
	struct loop *l = ctx;

	if (rec->type == PERF_RECORD_LOST) {
		l->lost[src] += rec->lost;
		lost_line(l, src, rec->lost, ts);
	} else {
		sample(l, src, rec);
	}
	return l->out->err ? -l->out->err : 0;
}

static int drain(struct loop *l, uint64_t horizon)
{
	int k, r;

	for (k = 0; k < l->pb->n; k++) {
		struct ring_view v;

		perfbuf_view(l->pb, k, &v);
		l->src[k].v.head = v.head;
	}
	r = merge_run(l->src, l->pb->n, horizon,
		      offsetof(struct aitrace_rec, ts_exit), deliver, l,
		      &l->mst);
	for (k = 0; k < l->pb->n; k++)
		perfbuf_consume(l->pb, k, l->src[k].v.tail);
	return r;
}

struct rows {
	struct summary_row *row;
	size_t n, cap;
	const struct sysdesc *sys;
	unsigned nsys;
};

static void add_row(void *ctx, const struct stat_key *k,
		    const struct stat_val *v)
{
	struct rows *r = ctx;

	if (r->n == r->cap || k->sys_idx >= r->nsys)
		return;
	r->row[r->n].pid = k->tgid;
	r->row[r->n].name = r->sys[k->sys_idx].name;
	r->row[r->n].calls = v->calls;
	r->row[r->n].errors = v->errors;
	r->row[r->n].ns = v->ns;
	r->n++;
}

/* -S: the counts so far, as a table (or a JSON "summary" record) */
void loop_summary(struct loop *l, int final)
{
	struct rows r = { 0 };
	uint64_t now = loop_now();
	char *buf;
	size_t cap;
	struct sb s;

	r.cap = l->t->per_process ? 65536 : 1024;
	r.sys = l->cfg.sys;
	r.nsys = l->cfg.nsys;
	r.row = mem_alloc(r.cap * sizeof(*r.row));
	if (!r.row || scope_stats(l->t, add_row, &r) != 0) {
		mem_free(r.row);
		diag_error("cannot read the summary counts");
		return;
	}
	summary_sort(r.row, r.n);
	cap = 1024 + r.n * 200;
	if ((buf = mem_alloc(cap))) {
		sb_init(&s, buf, cap);
		if (l->json) {
			json_begin(&s, "summary", l->seq++);
			json_time(&s, ((uint64_t)now + (uint64_t)l->cfg.wall_offset_ns));
			json_bool(&s, "final", final);
			json_u64(&s, "elapsed_ns", now - l->t_start);
			summary_json(&s, r.row, r.n, l->t->per_process);
			json_end(&s);
		} else {
			uint64_t ms = (now - l->t_start) / 1000000;

			sb_str(&s, "# summary ");
			sb_str(&s, final ? "at the end, " : "so far, ");
			sb_u64(&s, ms / 1000);
			sb_char(&s, '.');
			sb_u64_pad(&s, ms % 1000, 3);
			sb_str(&s, " s after the start\n");
			summary_text(&s, r.row, r.n, l->t->per_process);
		}
		out_line(l->out, s.buf, s.len);
		mem_free(buf);
	}
	mem_free(r.row);
}

int loop_run(struct loop *l, volatile sig_atomic_t *stop,
	     const sigset_t *unblocked)
{
	uint64_t next_summary = l->summary_every_ns
					? loop_now() + l->summary_every_ns
					: UINT64_MAX;

	while (!*stop) {
		uint64_t now, wait = l->enforce ? ENFORCE_POLL_NS : POLL_NS;
		int r;

		if (l->enforce) {
			/* a record held for the reorder window is due when
			 * it is slack_ns old: wake then, not at the next poll
			 * (a user-space kill waits for its record) */
			uint64_t held = merge_held_ts(l->src, l->pb->n);

			now = loop_now();
			if (held != UINT64_MAX) {
				uint64_t due = held + l->slack_ns;

				if (due <= now)
					wait = 0;
				else if (due - now < wait)
					wait = due - now;
			}
		}
		r = perfbuf_poll(l->pb, wait, l->out->fd, unblocked);

		if (r == PERFBUF_LOG_GONE) {
			/* what a write would say, without waiting for one */
			l->out->err = EPIPE;
			return -EPIPE;
		}
		if (r < 0 && r != -EINTR) {
			diag_error("cannot wait for events: %s", errnos_text(-r));
			return r;
		}
		now = loop_now();
		r = drain(l, now > l->slack_ns ? now - l->slack_ns : 0);
		if (r == 0)
			r = out_flush(l->out);
		if (r < 0)
			return r;
		if (l->until && l->until(l->until_ctx)) {
			l->until_done = 1;
			break;
		}
		if (now >= next_summary) {
			loop_summary(l, 0);
			next_summary += l->summary_every_ns;
			if (out_flush(l->out) < 0)
				return -l->out->err;
		}
	}
	return 0;
}

/* Calls still in flight at the end, oldest first, like strace's
 * "<unfinished ...>". */
struct unfinished {
	uint32_t tid;
	struct inflight e;
};

struct unfinished_list {
	struct unfinished *u;
	size_t n, cap;
};

static void collect(void *ctx, uint32_t tid, const struct inflight *e)
{
	struct unfinished_list *ul = ctx;

	if (ul->n == ul->cap) {
		size_t cap = ul->cap ? ul->cap * 2 : 64;
		struct unfinished *u = mem_realloc(ul->u, cap * sizeof(*u));

		if (!u)
			return;
		ul->u = u;
		ul->cap = cap;
	}
	ul->u[ul->n].tid = tid;
	ul->u[ul->n].e = *e;
	ul->n++;
}

/* Insertion sort by entry time: few calls are in flight at the end. */
static void by_time(struct unfinished *u, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		struct unfinished x = u[i];

		for (j = i; j > 0 && u[j - 1].e.ts_enter > x.e.ts_enter; j--)
			u[j] = u[j - 1];
		u[j] = x;
	}
}

/* The comm of a thread still blocked in a call, from /proc when mounted
 * ("" otherwise: shown as ?). */
static void proc_comm(char *comm, uint32_t tid)
{
	char path[48];
	struct sb p;
	ssize_t n = -1;
	int fd;

	memset(comm, 0, REC_COMM_LEN);
	sb_init(&p, path, sizeof(path));
	sb_str(&p, "/proc/");
	sb_u64(&p, tid);
	sb_str(&p, "/comm");
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		n = read(fd, comm, REC_COMM_LEN - 1);
		close(fd);
	}
	if (n > 0 && comm[n - 1] == '\n')
		comm[n - 1] = '\0';
}

static void unfinished_lines(struct loop *l)
{
	struct unfinished_list ul = { 0 };
	size_t i;

	tracer_unfinished(l->t, collect, &ul);
	by_time(ul.u, ul.n);
	for (i = 0; i < ul.n; i++) {
		const struct inflight *e = &ul.u[i].e;
		struct event ev;

		if (e->sys_idx >= l->cfg.nsys || e->ts_enter < l->t_start ||
		    e->ts_enter >= l->t_stop)
			continue;
		/* shown as the entry of a call that has not returned */
		memset(&ev, 0, sizeof(ev));
		ev.rec.kind = REC_ENTER;
		ev.rec.ts_enter = ev.rec.ts_exit = e->ts_enter;
		memcpy(ev.rec.args, e->args, sizeof(ev.rec.args));
		ev.rec.tgid = e->tgid;
		ev.rec.tid = ul.u[i].tid;
		ev.rec.sys_idx = (__u16)e->sys_idx;
		ev.rec.nr = l->cfg.sys[e->sys_idx].nr;
		ev.cpu = -1;
		proc_comm(ev.rec.comm, ul.u[i].tid);
		syscall_line(l, &ev, NULL); /* counted as unfinished, not logged */
		l->unfinished++;
	}
	mem_free(ul.u);
	/* execve entries whose exit never came */
	for (i = 0; i < l->npend; i++) {
		struct event ev;

		if (l->pend[i].used &&
		    decode_event(&ev, l->pend[i].data, l->pend[i].len,
				 l->cfg.sys, l->cfg.nsys) == DECODE_OK) {
			syscall_line(l, &ev, NULL);
			l->unfinished++;
		}
		l->pend[i].used = 0;
	}
}

static void note_line(struct loop *l, const char *a, uint64_t n,
		      const char *b)
{
	struct sb s;

	begin(l, &s);
	if (l->json) {
		char text[256];
		struct sb t;

		sb_init(&t, text, sizeof(text));
		sb_str(&t, a);
		sb_u64(&t, n);
		sb_str(&t, b);
		json_begin(&s, "note", l->seq++);
		json_u64(&s, "count", n);
		json_str(&s, "text", text);
		json_end(&s);
		end(l, &s);
		return;
	}
	sb_str(&s, "# ");
	sb_str(&s, a);
	sb_u64(&s, n);
	sb_str(&s, b);
	sb_char(&s, '\n');
	end(l, &s);
}

/* The kernel's own counts: outputs that failed, which PERF_RECORD_LOST
 * under-reports at times (a loss just before the end is never reported),
 * runs the kernel skipped, entries that found the in-flight map full. */
static void account_losses(struct loop *l)
{
	uint64_t *failed = mem_alloc((size_t)l->t->max_cpus * sizeof(*failed));
	uint64_t count[CNT_NR] = { 0 }, missed, sched_missed;
	int k;

	l->lost_total = 0;
	if (failed && tracer_counters(l->t, failed, count) == 0) {
		for (k = 0; k < l->pb->n; k++) {
			int cpu = l->pb->cpu[k].cpu;
			uint64_t extra = failed[cpu] > l->lost[k]
						 ? failed[cpu] - l->lost[k]
						 : 0;

			if (extra) {
				struct sb s;

				begin(l, &s);
				if (l->json) {
					json_begin(&s, "lost", l->seq++);
					json_u64(&s, "count", extra);
					json_i64(&s, "cpu", cpu);
					json_str(&s, "source", "kernel");
					json_end(&s);
					end(l, &s);
					l->lost_total += l->lost[k] + extra;
					failed[cpu] = 0;
					continue;
				}
				sb_str(&s, "# lost ");
				sb_u64(&s, extra);
				sb_str(&s, " more events on cpu ");
				sb_u64(&s, (uint64_t)cpu);
				sb_str(&s, " (failed outputs counted by the programs, not reported by the ring)\n");
				end(l, &s);
			}
			l->lost_total += l->lost[k] + extra;
			failed[cpu] = 0;
		}
		/* CPUs without a ring (offline when we started) */
		for (k = 0; k < l->t->max_cpus; k++)
			if (failed[k]) {
				note_line(l, "lost ", failed[k],
					  " events on a cpu without a ring (offline at start)");
				l->lost_total += failed[k];
			}
	} else {
		for (k = 0; k < l->pb->n; k++)
			l->lost_total += l->lost[k];
		note_line(l, "kernel loss counters unreadable; ring reports: ",
			  l->lost_total, " lost");
	}
	mem_free(failed);
	missed = tracer_missed_runs(l->t, &sched_missed);
	if (missed) {
		note_line(l, "lost ", missed,
			  " events: the kernel skipped our programs (another BPF program was running on the cpu)");
		l->lost_total += missed;
	}
	if (sched_missed)
		note_line(l, "", sched_missed,
			  " process events missed: the kernel skipped our scheduler programs (a fork, exec or exit line, or a child to follow, may be missing)");
	if (l->pend_parted)
		note_line(l, "", l->pend_parted,
			  " execve calls logged in two lines, entry and return: more were in flight than --max-inflight");
	if (count[CNT_SLOT_FULL] > l->joined_no_entry)
		note_line(l, "", count[CNT_SLOT_FULL] - l->joined_no_entry,
			  " calls logged without arguments: the in-flight table was full (--max-inflight)");
	l->not_followed = count[CNT_SCOPE_FULL];
	if (l->not_followed)
		note_line(l, "", l->not_followed,
			  " new processes not followed: the scope map was full (--max-procs)");
	l->uncounted = count[CNT_STATS_FULL];
	if (l->uncounted)
		note_line(l, "", l->uncounted,
			  " calls not counted: the summary map was full (--max-rows)");
	if (l->undecodable)
		note_line(l, "", l->undecodable, " records could not be decoded");
	if (l->out->lines_dropped && !l->out->err)
		note_line(l, "", l->out->lines_dropped,
			  " lines did not fit the output buffer");
	for (k = 0; k < l->pb->n; k++)
		if (l->src[k].corrupt_bytes)
			note_line(l, "dropped bytes of a corrupt ring: ",
				  l->src[k].corrupt_bytes, "");
}

int loop_finish(struct loop *l)
{
	struct sb s;
	int r;

	/* Programs finishing on other CPUs as we detached may still be
	 * writing: let them land before the last drain. */
	usleep(20000);
	r = drain(l, UINT64_MAX);
	if (r > 0)
		r = 0;
	if (l->t->summary)
		loop_summary(l, 1);
	else
		unfinished_lines(l);
	account_losses(l);

	begin(l, &s);
	if (l->json) {
		json_begin(&s, "stop", l->seq++);
		json_str(&s, "reason", l->stop_reason ? l->stop_reason : "end");
		json_time(&s, (loop_now() + (uint64_t)l->cfg.wall_offset_ns));
		json_u64(&s, "logged", l->logged);
		json_u64(&s, "lost", l->lost_total);
		json_u64(&s, "unfinished", l->unfinished);
		json_u64(&s, "out_of_order", l->mst.out_of_order);
		json_end(&s);
		end(l, &s);
		goto flush;
	}
	sb_str(&s, "# stopped (");
	sb_str(&s, l->stop_reason ? l->stop_reason : "end");
	sb_str(&s, ") at ");
	sb_time_ns(&s, (loop_now() + (uint64_t)l->cfg.wall_offset_ns));
	sb_str(&s, ": ");
	sb_u64(&s, l->logged);
	sb_str(&s, " syscalls logged, ");
	sb_u64(&s, l->lost_total);
	sb_str(&s, " lost, ");
	sb_u64(&s, l->unfinished);
	sb_str(&s, " unfinished, ");
	sb_u64(&s, l->mst.out_of_order);
	sb_str(&s, " out of order\n");
	end(l, &s);
flush:
	if (out_flush(l->out) < 0 && !r)
		r = -l->out->err;
	return r;
}
