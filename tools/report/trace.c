/* Folding records into processes: see trace.h. The non-syscall records
 * (start, fork, exec, lost, note, summary, stop) are handled here, the
 * syscall records' arguments in onsys.c.
 *
 * Lineage. A fork record (with -f, -p, -c or a command) names the child
 * task before it runs; so does the parent's clone/fork/vfork return value
 * (also in a system-wide log, which has no fork records). The scheduler's
 * tracepoint does not tell threads from processes, so every child is a
 * process until proven a thread: its clone had CLONE_THREAD, or a record
 * shows its id as a tid of another pid. A pid seen again after its
 * process's exit_group, or forked again, starts a new process (reuse). */
#include <stdlib.h>
#include <string.h>

#include "say.h"
#include "trace.h"

void trace_init(struct trace *t)
{
	memset(t, 0, sizeof(*t));
	t->last_seq = -1;
}

const struct istr *trace_str(struct trace *t, const char *s, size_t n)
{
	const struct istr *r = intern(&t->strs, s, n);

	if (!r) {
		say("cannot allocate memory");
		exit(1);
	}
	return r;
}

uint32_t trace_index(const struct trace *t, const struct proc *p)
{
	return p ? (uint32_t)(p - t->procs) + 1 : 0;
}

static struct proc *new_proc(struct trace *t, int pid, uint64_t ns)
{
	struct proc *p;

	xgrow(&t->procs, &t->cprocs, t->nprocs + 1, sizeof(*t->procs));
	p = &t->procs[t->nprocs++];
	memset(p, 0, sizeof(*p));
	p->pid = pid;
	p->ppid = -1;
	p->start_ns = p->last_ns = ns;
	if (map_put(&t->pid_proc, (uint32_t)pid, (uint32_t)t->nprocs)) {
		say("cannot allocate memory");
		exit(1);
	}
	return p;
}

static void set_parent(struct trace *t, struct proc *p, int ppid)
{
	struct proc *pp = trace_procn(t, map_get(&t->pid_proc, (uint32_t)ppid));

	p->ppid = ppid;
	if (pp && pp != p) {
		p->parent = trace_index(t, pp);
		if (!p->cwd)
			p->cwd = pp->cwd;
		if (!p->comm)
			p->comm = pp->comm;
	}
}

struct proc *trace_proc(struct trace *t, int pid, uint64_t ns)
{
	struct proc *p = trace_procn(t, map_get(&t->pid_proc, (uint32_t)pid));
	uint32_t f;

	if (p && !p->thread && !(p->exited && ns > p->exit_ns + 1000000000ull)) {
		if (ns > p->last_ns)
			p->last_ns = ns;
		if (ns && (!p->start_ns || ns < p->start_ns))
			p->start_ns = ns;
		return p;
	}
	if (p)
		p->reused = 1;
	p = new_proc(t, pid, ns);
	f = map_get(&t->forks, (uint32_t)pid);
	if (f && !(f & 0x80000000u)) {
		set_parent(t, p, (int)(f - 1));
		p->forked = 1;
	}
	return p;
}

struct fuse *trace_fuse(struct trace *t, struct proc *p, const struct istr *path,
			uint64_t ns)
{
	uint32_t pi = trace_index(t, p);
	uint64_t key = (uint64_t)pi << 32 | path->id;
	uint32_t i = map_get(&t->fuse_of, key);
	struct fuse *f;

	if (i)
		return &t->fuses[i - 1];
	xgrow(&t->fuses, &t->cfuses, t->nfuses + 1, sizeof(*t->fuses));
	f = &t->fuses[t->nfuses++];
	memset(f, 0, sizeof(*f));
	f->path = path;
	f->proc = pi;
	f->first_ns = ns;
	/* append, so that a process's files stay in order of first use */
	if (!p->fuses)
		p->fuses = (uint32_t)t->nfuses;
	else
		t->fuses[p->fuses_tail - 1].next = (uint32_t)t->nfuses;
	p->fuses_tail = (uint32_t)t->nfuses;
	if (map_put(&t->fuse_of, key, (uint32_t)t->nfuses)) {
		say("cannot allocate memory");
		exit(1);
	}
	trace_file(t, path);
	return f;
}

struct finfo *trace_file(struct trace *t, const struct istr *path)
{
	uint32_t i = map_get(&t->file_of, path->id);
	struct finfo *fi;

	if (i)
		return &t->files[i - 1];
	xgrow(&t->files, &t->cfiles, t->nfiles + 1, sizeof(*t->files));
	fi = &t->files[t->nfiles++];
	memset(fi, 0, sizeof(*fi));
	fi->path = path;
	fi->ext = model_ext(path->s, path->n, &fi->suffix);
	if (map_put(&t->file_of, path->id, (uint32_t)t->nfiles)) {
		say("cannot allocate memory");
		exit(1);
	}
	return fi;
}

void trace_event(struct trace *t, uint64_t ns, struct proc *p, enum ev_kind k,
		 const struct istr *a, const struct istr *b, int64_t n,
		 const struct istr *err)
{
	struct event *e;

	xgrow(&t->events, &t->cevents, t->nevents + 1, sizeof(*t->events));
	e = &t->events[t->nevents++];
	e->ns = ns;
	e->seq = t->nevents;
	e->proc = trace_index(t, p);
	e->kind = k;
	e->a = a;
	e->b = b;
	e->n = n;
	e->err = err;
}

const struct exec_rec *trace_last_exec(const struct proc *p)
{
	return p->nexecs ? &p->execs[p->nexecs - 1] : NULL;
}

int trace_traced(const struct trace *t, const char *name)
{
	size_t i, n = strlen(name);

	if (!t->have_start)
		return 1;
	for (i = 0; i < t->ntraced; i++)
		if (t->traced[i]->n == n && !memcmp(t->traced[i]->s, name, n))
			return 1;
	return 0;
}

static const struct istr *get_istr(struct trace *t, const struct json_doc *d,
				   const struct json *v, const char *key)
{
	size_t n;
	const char *s = json_get_str(d, v, key, &n);

	return s ? trace_str(t, s, n) : NULL;
}

static const struct istr **str_array(struct trace *t, const struct json_doc *d,
				     const struct json *a, size_t *n)
{
	const struct istr **v;
	const struct json *e;
	size_t k = 0;

	*n = 0;
	if (!a || a->type != JSON_ARR)
		return NULL;
	v = xcalloc(a->count + 1, sizeof(*v));
	for (e = json_first(d, a); e; e = json_next(d, e))
		if (e->type == JSON_STR)
			v[k++] = trace_str(t, e->s, e->n);
	*n = k;
	return v;
}

static void on_start(struct trace *t, const struct json_doc *d,
		     const struct json *r, uint64_t ns)
{
	if (t->have_start) {
		/* a second log appended to the first: say so, keep going */
		xgrow(&t->notes, &t->cnotes, t->nnotes + 1, sizeof(*t->notes));
		t->notes[t->nnotes++] = trace_str(t, "a second start record: "
			"two logs in one file, pids may repeat", 68);
		return;
	}
	t->have_start = 1;
	t->version = get_istr(t, d, r, "version");
	t->sysname = get_istr(t, d, r, "sysname");
	t->release = get_istr(t, d, r, "release");
	t->machine = get_istr(t, d, r, "machine");
	json_get_int(d, r, "tracer_pid", &t->tracer_pid);
	json_get_int(d, r, "str_max", &t->str_max);
	t->start_ns = ns;
	t->traced = str_array(t, d, json_get(d, r, "syscalls"), &t->ntraced);
	t->skipped = str_array(t, d, json_get(d, r, "skipped"), &t->nskipped);
}

static void on_stop(struct trace *t, const struct json_doc *d,
		    const struct json *r, uint64_t ns)
{
	t->have_stop = 1;
	t->stop_reason = get_istr(t, d, r, "reason");
	json_get_int(d, r, "logged", &t->logged);
	json_get_int(d, r, "lost", &t->lost);
	json_get_int(d, r, "unfinished", &t->unfinished);
	json_get_int(d, r, "out_of_order", &t->out_of_order);
	t->stop_ns = ns;
}

static void on_fork(struct trace *t, const struct json_doc *d,
		    const struct json *r, uint64_t ns)
{
	int64_t pid, child;
	struct proc *c;

	if (json_get_int(d, r, "pid", &pid) || json_get_int(d, r, "child", &child) ||
	    child <= 0 || child > INT32_MAX || pid <= 0 || pid > INT32_MAX)
		return;
	if (map_get(&t->tid_owner, (uint32_t)child))
		return; /* already seen as a thread */
	map_put(&t->forks, (uint32_t)child, (uint32_t)pid + 1);
	trace_proc(t, (int)pid, ns); /* the parent, made if new */
	c = trace_procn(t, map_get(&t->pid_proc, (uint32_t)child));
	if (c && !c->thread && !c->exited && !c->forked) {
		/* its own records came first (reordering): adopt it */
		set_parent(t, c, (int)pid);
		c->forked = 1;
		return;
	}
	if (c)
		c->reused = 1;
	c = new_proc(t, (int)child, ns);
	set_parent(t, c, (int)pid);
	c->forked = 1;
}

/* an exec: the kernel's record and the execve call's record each fill
 * their half of one exec_rec */
static struct exec_rec *exec_slot(struct trace *t, struct proc *p, uint64_t ns,
				  int kernel)
{
	struct exec_rec *e = p->nexecs ? &p->execs[p->nexecs - 1] : NULL;

	if (e && (kernel ? !e->has_kernel && e->has_argv
			 : !e->has_argv && e->has_kernel))
		return e;
	xgrow(&p->execs, &p->cexecs, p->nexecs + 1, sizeof(*p->execs));
	e = &p->execs[p->nexecs++];
	memset(e, 0, sizeof(*e));
	e->ns = ns;
	trace_event(t, ns, p, EV_EXEC, NULL, NULL, (int64_t)p->nexecs - 1, NULL);
	return e;
}

static void on_exec(struct trace *t, const struct json_doc *d,
		    const struct json *r, uint64_t ns)
{
	int64_t pid;
	struct proc *p;
	struct exec_rec *e;
	const struct istr *file = get_istr(t, d, r, "filename");

	if (json_get_int(d, r, "pid", &pid) || pid <= 0 || pid > INT32_MAX)
		return;
	p = trace_proc(t, (int)pid, ns);
	e = exec_slot(t, p, ns, 1);
	e->has_kernel = 1;
	if (file)
		e->file = file;
	if (get_istr(t, d, r, "comm"))
		p->comm = get_istr(t, d, r, "comm");
}

void trace_exec_call(struct trace *t, struct proc *p, const struct json_doc *d,
		     const struct json *args, uint64_t ns)
{
	struct exec_rec *e = exec_slot(t, p, ns, 0);
	const struct json *av = json_get(d, args, "argv");
	const struct istr *file = get_istr(t, d, json_get(d, args, "filename"), "str");
	size_t n;

	e->has_argv = 1;
	if (!e->file && file)
		e->file = file;
	e->argv = str_array(t, d, json_get(d, av, "argv"), &n);
	e->argc = (uint32_t)n;
	e->more = json_get(d, av, "more") && json_get(d, av, "more")->type == JSON_TRUE;
	e->cut = json_get(d, av, "cut") && json_get(d, av, "cut")->type == JSON_TRUE;
}

void trace_child(struct trace *t, struct proc *p, int child, int thread,
		 uint64_t ns)
{
	uint32_t pi = trace_index(t, p);
	struct proc *c = trace_procn(t, map_get(&t->pid_proc, (uint32_t)child));

	if (thread) {
		map_put(&t->forks, (uint32_t)child, 0x80000000u | ((uint32_t)p->pid + 1));
		if (c && c->parent == pi && !c->calls && !c->thread)
			c->thread = 1; /* created by the fork record: undo */
		if (!map_get(&t->tid_owner, (uint32_t)child)) {
			map_put(&t->tid_owner, (uint32_t)child, (uint32_t)p->pid + 1);
			p->threads++;
		}
		return;
	}
	if (c && !c->thread && (!c->exited || c->forked))
		return; /* known from its fork record */
	map_put(&t->forks, (uint32_t)child, (uint32_t)p->pid + 1);
	c = new_proc(t, child, ns);
	set_parent(t, c, t->procs[pi - 1].pid);
	c->forked = 1;
}

static void on_lost(struct trace *t, const struct json_doc *d,
		    const struct json *r, uint64_t ns)
{
	int64_t n = 0;

	json_get_int(d, r, "count", &n);
	if (n > 0)
		t->lost_events += (uint64_t)n;
	trace_event(t, ns ? ns : t->last_ns, NULL, EV_LOST,
		    get_istr(t, d, r, "source"), NULL, n, NULL);
}

static void on_summary(struct trace *t, const struct json_doc *d,
		       const struct json *r, uint64_t ns)
{
	const struct json *row;
	int final = json_get(d, r, "final") && json_get(d, r, "final")->type == JSON_TRUE;

	t->summary_only = 1;
	if (!final)
		return;
	for (row = json_first(d, json_get(d, r, "rows")); row; row = json_next(d, row)) {
		int64_t pid = 0, calls = 0, errors = 0;
		const struct istr *name = get_istr(t, d, row, "syscall");
		struct proc *p;
		size_t i;

		if (!name || json_get_int(d, row, "calls", &calls))
			continue;
		json_get_int(d, row, "errors", &errors);
		json_get_int(d, row, "pid", &pid);
		if (pid <= 0 || pid > INT32_MAX)
			continue; /* totals of all processes: shown as is */
		p = trace_proc(t, (int)pid, ns);
		for (i = 0; i < p->nsc && p->sc[i].name != name; i++)
			;
		if (i == p->nsc) {
			xgrow(&p->sc, &p->csc, p->nsc + 1, sizeof(*p->sc));
			p->sc[p->nsc++].name = name;
		}
		p->sc[i].calls += (uint32_t)calls;
		p->sc[i].errors += (uint32_t)errors;
		p->calls += (uint64_t)calls;
	}
}

static void on_syscall(struct trace *t, const struct json_doc *d,
		       const struct json *r, uint64_t ns)
{
	int64_t pid, tid;
	const struct istr *name = get_istr(t, d, r, "syscall");
	const struct istr *comm = get_istr(t, d, r, "comm");
	struct proc *p;
	size_t i;

	if (json_get_int(d, r, "pid", &pid) || pid <= 0 || pid > INT32_MAX || !name) {
		t->bad_records++;
		return;
	}
	/* an execve's entry logged before its return arrived (more calls in
	 * flight than the tracer keeps): the return is a record of its own,
	 * which counts the call */
	if (json_get(d, r, "return_apart"))
		return;
	t->syscalls++;
	if (!json_get_int(d, r, "tid", &tid) && tid != pid && tid > 0 &&
	    tid <= INT32_MAX && !map_get(&t->tid_owner, (uint32_t)tid)) {
		struct proc *tp = trace_procn(t, map_get(&t->pid_proc, (uint32_t)tid));
		map_put(&t->tid_owner, (uint32_t)tid, (uint32_t)pid + 1);
		if (tp && !tp->calls && !tp->thread)
			tp->thread = 1; /* the fork record's child was a thread */
		trace_proc(t, (int)pid, ns)->threads++;
	}
	p = trace_proc(t, (int)pid, ns);
	/* a command's process is the tracer's child, named after it until
	 * its execve (src/launch.c): the log has no fork record for it */
	if (!p->calls && !p->forked && comm && comm->n == 11 &&
	    !memcmp(comm->s, "aitrace-min", 11))
		p->launched = 1;
	if (comm && comm->n)
		p->comm = comm;
	p->calls++;
	for (i = 0; i < p->nsc && p->sc[i].name != name; i++)
		;
	if (i == p->nsc) {
		xgrow(&p->sc, &p->csc, p->nsc + 1, sizeof(*p->sc));
		p->sc[p->nsc++].name = name;
	}
	p->sc[i].calls++;
	if (json_get(d, r, "errno"))
		p->sc[i].errors++;
	onsys_record(t, p, d, r, name, ns);
}

void trace_feed(struct trace *t, const struct json_doc *d)
{
	const struct json *r = json_root(d);
	int64_t seq, tns = 0;
	uint64_t ns;

	if (!r || r->type != JSON_OBJ) {
		t->bad_records++;
		return;
	}
	t->records++;
	if (!json_get_int(d, r, "seq", &seq) && seq >= 0) {
		if (t->last_seq >= 0 && seq > t->last_seq + 1)
			t->seq_missing += (uint64_t)(seq - t->last_seq - 1);
		if (seq > t->last_seq)
			t->last_seq = seq;
	}
	ns = !json_get_int(d, r, "time_ns", &tns) && tns > 0 ? (uint64_t)tns : 0;
	if (ns) {
		if (!t->first_ns || ns < t->first_ns)
			t->first_ns = ns;
		if (ns > t->last_ns)
			t->last_ns = ns;
	}
	if (json_is(json_get(d, r, "type"), "syscall"))
		on_syscall(t, d, r, ns);
	else if (json_is(json_get(d, r, "type"), "fork"))
		on_fork(t, d, r, ns);
	else if (json_is(json_get(d, r, "type"), "exec"))
		on_exec(t, d, r, ns);
	else if (json_is(json_get(d, r, "type"), "start"))
		on_start(t, d, r, ns);
	else if (json_is(json_get(d, r, "type"), "stop"))
		on_stop(t, d, r, ns);
	else if (json_is(json_get(d, r, "type"), "lost"))
		on_lost(t, d, r, ns);
	else if (json_is(json_get(d, r, "type"), "summary"))
		on_summary(t, d, r, ns);
	else if (json_is(json_get(d, r, "type"), "note")) {
		const struct istr *text = get_istr(t, d, r, "text");
		if (text) {
			xgrow(&t->notes, &t->cnotes, t->nnotes + 1, sizeof(*t->notes));
			t->notes[t->nnotes++] = text;
		}
	} else {
		t->unknown_types++;
	}
}

void trace_bad_line(struct trace *t, int last)
{
	t->bad_lines++;
	if (last)
		t->cut_last = 1;
}

static int by_time(const void *a, const void *b)
{
	const struct event *x = a, *y = b;

	if (x->ns != y->ns)
		return x->ns < y->ns ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void trace_sort_events(struct trace *t)
{
	size_t i;

	if (t->nevents)
		qsort(t->events, t->nevents, sizeof(*t->events), by_time);
	for (i = 0; i < t->nprocs; i++)
		t->procs[i].events = 0;
	for (i = t->nevents; i-- > 0;) {
		struct event *e = &t->events[i];
		if (!e->proc)
			continue;
		e->pnext = t->procs[e->proc - 1].events;
		t->procs[e->proc - 1].events = (uint32_t)i + 1;
	}
}

void trace_finish(struct trace *t)
{
	size_t i;

	for (i = 0; i < t->nprocs; i++) {
		struct proc *p = &t->procs[i], *pp;
		uint32_t *link;

		if (p->launched && !p->parent && p->ppid < 0 && t->tracer_pid > 0)
			p->ppid = (int)t->tracer_pid;
		if (p->thread || !p->parent)
			continue;
		pp = &t->procs[p->parent - 1];
		if (pp->thread) {
			p->parent = 0;
			continue;
		}
		for (link = &pp->child; *link; link = &t->procs[*link - 1].sibling)
			;
		*link = (uint32_t)i + 1;
	}
	trace_sort_events(t);
}

void trace_free(struct trace *t)
{
	size_t i;

	for (i = 0; i < t->nprocs; i++) {
		size_t k;
		for (k = 0; k < t->procs[i].nexecs; k++)
			free(t->procs[i].execs[k].argv);
		free(t->procs[i].execs);
		free(t->procs[i].sc);
	}
	free(t->procs);
	free(t->fuses);
	free(t->conns);
	free(t->ioreqs);
	free(t->events);
	free(t->files);
	free(t->notes);
	free(t->traced);
	free(t->skipped);
	map_free(&t->pid_proc);
	map_free(&t->fuse_of);
	map_free(&t->rel);
	map_free(&t->forks);
	map_free(&t->tid_owner);
	map_free(&t->handler);
	map_free(&t->file_of);
	intern_free(&t->strs);
	memset(t, 0, sizeof(*t));
}
