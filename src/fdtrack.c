/* Keeping the fd table in step with the log: see fdtrack.h. */
#include <errno.h>
#include <fcntl.h>
#include <linux/memfd.h>
#include <linux/sched.h>
#include <string.h>
#include <unistd.h>

#include "fdtrack.h"
#include "sb.h"

static int proc_readlink(void *ctx, uint32_t tgid, int fd, char *buf,
			 size_t cap)
{
	char path[64];
	struct sb s;
	ssize_t n;

	(void)ctx;
	sb_init(&s, path, sizeof(path));
	sb_str(&s, "/proc/");
	sb_u64(&s, tgid);
	sb_str(&s, "/fd/");
	sb_u64(&s, (uint64_t)fd);
	n = readlink(path, buf, cap);
	return n < 0 ? -1 : (int)n;
}

int fdtrack_init(struct fdtable *t, unsigned str_max, int with_proc)
{
	/* -s bounds fd paths as it bounds every string */
	int r = fdtable_init(t, FDTRACK_ENTRIES, str_max ? str_max : 1);

	if (r == 0 && with_proc)
		fdtable_set_proc(t, proc_readlink, NULL);
	return r;
}

/* the path of fd for a call that entered at entered (0: as it is now)
 * and returned ret */
static void lookup(struct fdtable *t, uint32_t tgid, int fd,
		   struct fdpath *p, uint64_t entered, int refresh_relative,
		   int64_t ret)
{
	size_t len = 0;
	int src = 0;
	const char *path = fdtable_lookup_at(t, tgid, fd, entered, &len, &src);

	if (src & FDT_PAST)
		; /* replaced since: /proc would name the new file */
	else if (path && refresh_relative && (src & FDT_RELATIVE))
		path = fdtable_refresh(t, tgid, fd, &len, &src);
	/* seen closed, yet the call worked: an untraced call (pipe, socket,
	 * dup2) reused the number, and /proc knows what for. A failure
	 * with EBADF is the closed fd itself: no name. */
	else if (!path && (src & FDT_CLOSED) && ret != -EBADF)
		path = fdtable_refresh(t, tgid, fd, &len, &src);
	memset(p, 0, sizeof(*p));
	if (!path)
		return;
	p->path = (const unsigned char *)path;
	p->len = len;
	p->source = (src & FDT_PROC) ? FDPATH_PROC : FDPATH_SEEN;
	p->cut = (src & FDT_CUT) != 0;
}

static int returned(const struct event *ev)
{
	return ev->rec.kind == REC_SYSCALL &&
	       !(ev->rec.flags & (RECF_NO_ENTRY | RECF_NO_RETURN));
}

/* The open flags of an open of the family: its flags argument, or the
 * first field of openat2's captured struct open_how (0 if unread). */
static uint64_t open_flags(const struct render_in *in)
{
	const struct sysdesc *d = in->d;
	int i = render_arg_index(in, "flags"), k;
	uint64_t flags = 0;

	if (i >= 0)
		return in->args[i];
	for (k = 0; k < REC_NCAP; k++)
		if (d->cap[k].kind == CAP_BYTES && in->caps &&
		    in->caps->cap[k] && in->caps->cap_len[k] >= 8)
			memcpy(&flags, in->caps->cap[k], 8);
	return flags;
}

/* memfd_create returned fd: the kernel names it "/memfd:NAME (deleted)"
 * in /proc, and so do we, from the name it was given (so it is named
 * even when the process is gone before /proc could be asked) */
static void memfd_made(struct fdtable *t, const struct event *ev,
		       const struct render_in *in, int fd)
{
	static const char pre[] = "/memfd:", post[] = " (deleted)";
	char name[sizeof(pre) + 256 + sizeof(post)];
	size_t n;

	if (in->d->cap[0].kind != CAP_STR || !in->caps || !in->caps->cap[0] ||
	    !in->caps->cap_len[0]) {
		fdtable_close(t, ev->rec.tgid, fd); /* /proc will be asked */
		return;
	}
	/* a name cut at -s (more than str_max bytes held) would read as
	 * whole once " (deleted)" follows it: /proc names it instead */
	n = in->caps->cap_len[0];
	if (n && in->caps->cap[0][n - 1] == '\0')
		n--;
	if (n > in->str_max || n > 256) {
		fdtable_close(t, ev->rec.tgid, fd);
		return;
	}
	memcpy(name, pre, sizeof(pre) - 1);
	memcpy(name + sizeof(pre) - 1, in->caps->cap[0], n);
	memcpy(name + sizeof(pre) - 1 + n, post, sizeof(post) - 1);
	fdtable_open(t, ev->rec.tgid, fd, FDT_NODIR, name,
		     sizeof(pre) - 1 + n + sizeof(post) - 1,
		     (render_arg_named(in, "flags", 0) & MFD_CLOEXEC) != 0);
}

/* an open of the family returned fd: enter the path it was given */
static void opened(struct fdtable *t, const struct event *ev,
		   const struct render_in *in, int fd)
{
	const struct sysdesc *d = in->d;
	int dfd = render_arg_index(in, "dfd"), k;
	int dirfd = dfd >= 0 ? (int)(int32_t)in->args[dfd] : FDT_AT_FDCWD;
	uint64_t flags = open_flags(in);
	int cloexec = (flags & O_CLOEXEC) != 0;

	for (k = 0; k < REC_NCAP; k++)
		if (d->cap[k].kind == CAP_STR && in->caps && in->caps->cap[k])
			break;
	/* path unreadable, or an O_TMPFILE (the path names its directory,
	 * the file has none): /proc will be asked */
	if (k == REC_NCAP || (flags & O_TMPFILE) == O_TMPFILE) {
		fdtable_close(t, ev->rec.tgid, fd); /* forget what it was */
		return;
	}
	/* the capture holds up to -s + 1 bytes: a longer one is kept cut
	 * (and marked so) by the table */
	fdtable_open(t, ev->rec.tgid, fd, dirfd,
		     (const char *)in->caps->cap[k], in->caps->cap_len[k],
		     cloexec);
}

void fdtrack_before(struct fdtable *t, const struct event *ev,
		    struct render_in *in)
{
	const struct sysdesc *d = in->d;
	uint32_t tgid = ev->rec.tgid;
	unsigned i;

	/* what the call sets is stamped with its return: its fd arguments
	 * are what they were when it entered (see fdtable_lookup_at) */
	fdtable_at(t, ev->rec.ts_exit);
	if (!(ev->rec.flags & RECF_NO_ENTRY))
		for (i = 0; i < d->nargs; i++)
			if (d->arg[i].dec == DEC_FD || d->arg[i].dec == DEC_DIRFD)
				lookup(t, tgid, (int)(int32_t)in->args[i],
				       &in->fd[i], ev->rec.ts_enter, 0,
				       returned(ev) ? ev->rec.ret : 0);
	if (d->ret_kind != RET_FD || !returned(ev) || ev->rec.ret < 0)
		return;
	if (d->role == ROLE_OPEN && !(ev->rec.flags & RECF_NO_ENTRY))
		opened(t, ev, in, (int)ev->rec.ret);
	else if (d->role == ROLE_MEMFD && !(ev->rec.flags & RECF_NO_ENTRY))
		memfd_made(t, ev, in, (int)ev->rec.ret);
	else if (d->role == ROLE_DUP && !(ev->rec.flags & RECF_NO_ENTRY)) {
		/* the lookups point into the table, and the dup replaces
		 * newfd's entry: keep what newfd was for the line */
		for (i = 1; i < d->nargs; i++)
			if (d->arg[i].dec == DEC_FD && in->fd[i].path) {
				size_t n = in->fd[i].len < sizeof(in->kept)
						   ? in->fd[i].len
						   : sizeof(in->kept);

				memcpy(in->kept, in->fd[i].path, n);
				in->fd[i].cut |= n < in->fd[i].len;
				in->fd[i].path = in->kept;
				in->fd[i].len = n;
			}
		fdtable_dup(t, tgid, (int)(int32_t)in->args[0],
			    (int)ev->rec.ret,
			    (render_arg_named(in, "flags", 0) & O_CLOEXEC) != 0);
	}
	lookup(t, tgid, (int)ev->rec.ret, &in->ret_fd, 0, 1, ev->rec.ret);
}

/* the new process of a fork-like call, or 0 for a thread or a failure */
static uint32_t forked(const struct event *ev, const struct render_in *in)
{
	uint64_t flags;
	int k;

	if (ev->rec.ret <= 0)
		return 0;
	if (in->d->role == ROLE_FORK)
		return (uint32_t)ev->rec.ret;
	if (in->d->role == ROLE_CLONE) {
		k = render_arg_index(in, "clone_flags");
		flags = k >= 0 ? in->args[k] : 0;
	} else if (in->d->role == ROLE_CLONE3) {
		/* the flags are the first field of the captured clone_args */
		for (k = 0; k < REC_NCAP; k++)
			if (in->d->cap[k].kind == CAP_BYTES && in->caps &&
			    in->caps->cap[k] && in->caps->cap_len[k] >= 8)
				break;
		if (k == REC_NCAP)
			return 0;
		memcpy(&flags, in->caps->cap[k], 8);
	} else {
		return 0;
	}
	return (flags & CLONE_THREAD) ? 0 : (uint32_t)ev->rec.ret;
}

void fdtrack_after(struct fdtable *t, const struct event *ev,
		   const struct render_in *in)
{
	enum syscall_role role = in->d->role;
	uint32_t child;

	if (role == ROLE_EXIT_GROUP) {
		fdtable_exit(t, ev->rec.tgid);
		return;
	}
	if (!returned(ev) || (ev->rec.flags & RECF_NO_ENTRY) || ev->rec.ret < 0)
		return;
	if (role == ROLE_CLOSE)
		fdtable_closed(t, ev->rec.tgid, (int)(int32_t)in->args[0],
			       ev->rec.ts_enter);
	else if (role == ROLE_EXEC)
		fdtable_exec(t, ev->rec.tgid);
	else if ((child = forked(ev, in)) != 0)
		fdtable_fork(t, ev->rec.tgid, child);
}
