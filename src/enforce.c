/* --kill-on in user space: see enforce.h. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "enforce.h"
#include "fmt.h"
#include "sb.h"
#include "tracer.h"
#include "syscalls.h"

/* the captured string of the call's path argument */
static int path_of(const struct render_in *in, const unsigned char **p,
		   size_t *n)
{
	int k;

	for (k = 0; k < REC_NCAP; k++)
		if (in->d->cap[k].kind == CAP_STR && in->caps &&
		    in->caps->cap[k]) {
			*p = in->caps->cap[k];
			*n = in->caps->cap_len[k];
			return 1;
		}
	return 0;
}

static int breaks(const struct rule *r, const struct render_in *in)
{
	enum syscall_role role = in->d->role;
	const unsigned char *p;
	size_t n;
	int k;

	switch (r->kind) {
	case RULE_SYSCALL:
		return strcmp(r->pattern, in->d->name) == 0;
	case RULE_OPEN:
		return role == ROLE_OPEN && path_of(in, &p, &n) &&
		       rules_glob(r->pattern, p, n);
	case RULE_EXEC:
		return role == ROLE_EXEC && path_of(in, &p, &n) &&
		       rules_glob(r->pattern, p, n);
	case RULE_CONNECT:
		if (role != ROLE_CONNECT || !in->caps)
			return 0;
		for (k = 0; k < REC_NCAP; k++)
			if (in->d->cap[k].kind == CAP_BYTES && in->caps->cap[k])
				return rules_connect_matches(r, in->caps->cap[k],
							     in->caps->cap_len[k]);
		return 0;
	}
	return 0;
}

void enforce_note_fork(struct enforce *e, uint32_t parent, uint32_t child)
{
	unsigned i = e->nforks++ % (sizeof(e->forks) / sizeof(e->forks[0]));

	e->forks[i].child = child;
	e->forks[i].parent = parent;
}

static uint32_t proc_parent_of(uint32_t pid);

/* pid was forked by a traced process (it may have exited since, and left
 * the scope: it still links its children to the tree) */
static int traced_child(const struct enforce *e, uint32_t pid)
{
	unsigned n = sizeof(e->forks) / sizeof(e->forks[0]), k;

	for (k = 0; k < n && k < e->nforks; k++)
		if (e->forks[k].child == pid)
			return 1;
	return 0;
}

/* the parent of pid: the newest lineage record of it, else /proc */
static uint32_t parent_of_known(const struct enforce *e, uint32_t pid)
{
	unsigned n = sizeof(e->forks) / sizeof(e->forks[0]), i, k;

	for (k = 0; k < n && k < e->nforks; k++) {
		i = (e->nforks - 1 - k) % n;
		if (e->forks[i].child == pid)
			return e->forks[i].parent;
	}
	return proc_parent_of(pid);
}

/* /proc/PID/stat of pid into buf, and *fields at its state letter ("S
 * ppid ..."): the fields after comm, which may hold anything, so found
 * from the last ')'. -1 when it cannot be opened (no /proc, or gone) or
 * reads oddly, 0 when it vanished while being read, 1 when *fields is
 * set. */
static int proc_stat(uint32_t pid, char *buf, size_t cap, const char **fields)
{
	char path[48], *rp;
	ssize_t n;
	int fd;

	fmt_snprintf(path, sizeof(path), "/proc/%u/stat", pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	n = read(fd, buf, cap - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	rp = strrchr(buf, ')');
	if (!rp || rp[1] != ' ' || !rp[2])
		return -1;
	*fields = rp + 2;
	return 1;
}

/* the parent of pid from /proc/PID/stat, or 0 */
static uint32_t proc_parent_of(uint32_t pid)
{
	char buf[512];
	const char *f, *end;
	unsigned long ppid;

	if (proc_stat(pid, buf, sizeof(buf), &f) != 1 || f[1] != ' ' ||
	    fmt_parse_ulong(f + 2, 0xffffffffUL, &ppid, &end) != 0)
		return 0;
	return (uint32_t)ppid;
}

/* The state letter of pid: '?' when /proc/PID/stat cannot be opened (no
 * /proc, or gone) or read, 'X' when it vanished while being read. */
static char proc_state(uint32_t pid)
{
	char buf[512];
	const char *f;
	int r = proc_stat(pid, buf, sizeof(buf), &f);

	return r < 0 ? '?' : r == 0 ? 'X' : f[0];
}

/* a zombie or gone: a kill would "succeed" on a zombie and mean nothing
 * (without /proc: not known, try the kill) */
static int exited(uint32_t pid)
{
	char st = proc_state(pid);

	return st == 'Z' || st == 'X';
}

/* After SIGSTOP: until pid has stopped (or is gone), at most 100 ms. A
 * process inside fork when the signal came stops only on its way out,
 * with the child made: scanning before that could miss the child. */
static void wait_stopped(uint32_t pid)
{
	struct timespec ms = { 0, 1000000 };
	char st;
	int i;

	for (i = 0; i < 100; i++) {
		st = proc_state(pid);
		if (st == '?' || st == 'T' || st == 't' || st == 'Z' ||
		    st == 'X')
			return;
		nanosleep(&ms, NULL);
	}
}

static int spared(const struct enforce *e, uint32_t pid)
{
	return pid == e->self || pid == e->parent || pid == 1 || pid == 0;
}

/* Kill every process below root (a scan of /proc: each process's chain
 * of parents); returns how many. */
static unsigned kill_below(const struct enforce *e, uint32_t root)
{
	static char buf[8192];
	int fd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	unsigned killed = 0;
	long len;

	if (fd < 0)
		return 0;
	while ((len = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
		long off = 0;

		while (off < len) {
			const struct {
				uint64_t ino;
				int64_t off;
				unsigned short reclen;
				unsigned char type;
				char name[];
			} *d = (const void *)(buf + off);
			unsigned long pid;
			const char *end;

			off += d->reclen;
			if (fmt_parse_ulong(d->name, 0xffffffffUL, &pid, &end) != 0 ||
			    *end || pid == root || spared(e, (uint32_t)pid))
				continue;
			for (uint32_t up = proc_parent_of((uint32_t)pid), hops = 0;
			     up > 1 && hops < 64; up = proc_parent_of(up), hops++)
				if (up == root) {
					if (kill((pid_t)pid, SIGKILL) == 0)
						killed++;
					break;
				}
		}
	}
	close(fd);
	return killed;
}

int enforce_event(struct enforce *e, const struct event *ev,
		  const struct render_in *in, uint64_t now_ns,
		  struct enforce_action *a)
{
	unsigned i;
	int killed_in_kernel;

	memset(a, 0, sizeof(*a));
	if (!e || !e->n || (ev->rec.flags & RECF_NO_ENTRY))
		return 0;
	for (i = 0; i < e->n && !breaks(&e->rules[i], in); i++)
		;
	if (i == e->n)
		return 0;
	a->rule = &e->rules[i];
	a->target = ev->rec.tgid;
	killed_in_kernel = ((ev->rec.flags | (in->caps ? in->caps->rec.flags : 0)) &
			    RECF_KILLED) != 0;
	/* the kernel killed it before the call returned: no delay */
	a->delay_ns = killed_in_kernel ? 0
		      : now_ns > ev->rec.ts_exit ? now_ns - ev->rec.ts_exit : 0;
	a->mechanism = killed_in_kernel ? "kernel" : "user space";
	if (spared(e, a->target)) {
		a->outcome = "spared: the tracer, its parent and init are never killed";
		e->spared++;
		return 1;
	}
	if (e->dry_run) {
		a->outcome = "dry run: nothing killed";
		return 1;
	}
	if (killed_in_kernel)
		a->outcome = "killed";
	else if (exited(a->target))
		a->outcome = "too late: it had already exited";
	else if (kill((pid_t)a->target, SIGKILL) != 0)
		a->outcome = errno == ESRCH ? "too late: it had already exited"
					    : "kill failed";
	else
		a->outcome = "killed";
	if (e->kill_tree) {
		/* the top of the traced tree: the oldest ancestor still in
		 * scope, never a protected process */
		uint32_t root = a->target, up;

		while (e->in_scope && (up = parent_of_known(e, root)) > 1 &&
		       !spared(e, up) && up != root &&
		       (e->in_scope(e->scope_ctx, up) || traced_child(e, up)))
			root = up;
		/* freeze the top first: it must not react to its children's
		 * deaths (a shell would run its next command) while the scan
		 * of /proc looks for them */
		if (root != a->target) {
			kill((pid_t)root, SIGSTOP);
			wait_stopped(root);
		}
		a->tree_killed = kill_below(e, root);
		if (root != a->target && kill((pid_t)root, SIGKILL) == 0)
			a->tree_killed++;
		a->target = root;
	}
	e->kills++;
	return 1;
}

unsigned enforce_to_programs(struct tracer *t, const struct rule *rules,
			     unsigned n, unsigned str_max)
{
	unsigned i, j, in_kernel = 0;

	for (i = 0; i < t->nsys; i++) {
		struct prog_params *pp = &t->sys[i].pp;
		const char *name = t->sys[i].d.name;
		enum syscall_role role = t->sys[i].d.role;

		for (j = 0; j < n; j++) {
			const struct rule *r = &rules[j];

			if (r->kind == RULE_SYSCALL && !strcmp(r->pattern, name)) {
				pp->kill_always = 1;
				in_kernel++;
			} else if (((r->kind == RULE_OPEN && role == ROLE_OPEN) ||
				    (r->kind == RULE_EXEC && role == ROLE_EXEC)) &&
				   r->kernel_shape && r->literal_len &&
				   r->literal_len <= PROG_KILL_LIT_MAX &&
				   r->literal_len <= str_max &&
				   pp->nkill < PROG_KILL_MAX) {
				struct prog_kill_path *k = &pp->kill[pp->nkill++];

				memcpy(k->lit, r->pattern, r->literal_len);
				k->len = (__u8)r->literal_len;
				k->exact = r->kernel_shape == 1;
				in_kernel++;
			}
		}
	}
	return in_kernel;
}

int enforce_syscalls(const struct rule *rules, unsigned n, char *buf,
		     size_t cap)
{
	struct sb s;
	unsigned i;

	/* each rule needs its calls traced, whatever -e says */
	static const char *const open_calls[] = { "open", "openat", "openat2",
						   "creat", NULL };
	static const char *const exec_calls[] = { "execve", "execveat", NULL };
	static const char *const connect_calls[] = { "connect", NULL };
	const char *const *list;
	const char *one[2] = { NULL, NULL };

	sb_init(&s, buf, cap);
	for (i = 0; i < n; i++) {
		switch (rules[i].kind) {
		case RULE_OPEN: list = open_calls; break;
		case RULE_EXEC: list = exec_calls; break;
		case RULE_CONNECT: list = connect_calls; break;
		default:
			one[0] = rules[i].pattern;
			list = one;
		}
		/* the ones this architecture has: a syscall rule's own name
		 * is checked with the -e list */
		for (; *list; list++)
			if (list == one || syscalls_nr(*list) >= 0) {
				sb_char(&s, ',');
				sb_str(&s, *list);
			}
	}
	return s.cut ? -1 : 0;
}
