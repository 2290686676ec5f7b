/* One syscall record into the model: which file, socket or device it
 * touched and what it did there. Arguments are read by the tracepoint
 * field names of include/trace/events/syscalls (the log's args keys);
 * paths are made absolute where the log allows (below).
 *
 * Paths. An opened path is as the process wrote it. A relative one is
 * joined to the directory fd's path (openat) or to the working directory,
 * which is known only from chdir/fchdir records (inherited over fork) and
 * never for the first process of the log; the tracer's ret_path is used
 * when it is absolute. An fd argument's path that is relative is looked
 * up in what this process (or an ancestor) opened under that name. Paths
 * are joined as text: "..", symlinks and a later rename are not resolved.
 * A directory fd the log does not name is shown as "[fd N]/name".
 */
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "paths.h"
#include "say.h"
#include "trace.h"

struct call {
	struct trace *t;
	struct proc *p;
	const struct json_doc *d;
	const struct json *rec, *args;
	uint64_t ns;
	int64_t ret;
	int has_ret;
	const struct istr *err;
};

static const struct json *arg(const struct call *c, const char *name)
{
	return json_get(c->d, c->args, name);
}

static int arg_raw(const struct call *c, const char *name, int64_t *v)
{
	return json_get_int(c->d, arg(c, name), "raw", v);
}

/* the decoded text of an argument ("" when absent): NUL-terminated */
static const char *arg_text(const struct call *c, const char *name)
{
	const char *s = json_get_str(c->d, arg(c, name), "text", NULL);

	return s ? s : "";
}

static int text_has(const struct call *c, const char *name, const char *word)
{
	return strstr(arg_text(c, name), word) != NULL;
}

static int ok(const struct call *c)
{
	return c->has_ret && c->ret >= 0;
}

static const struct istr *join(struct trace *t, const struct istr *base,
			       const char *s, size_t n)
{
	char *buf;
	const struct istr *r;
	size_t bn = base->n;

	while (n >= 2 && s[0] == '.' && s[1] == '/') {
		s += 2;
		n -= 2;
		while (n && *s == '/')
			s++, n--;
	}
	if (n == 1 && s[0] == '.')
		n = 0;
	if (!n)
		return base;
	while (bn > 1 && base->s[bn - 1] == '/')
		bn--;
	buf = xmalloc(bn + 1 + n);
	memcpy(buf, base->s, bn);
	if (!(bn == 1 && base->s[0] == '/'))
		buf[bn++] = '/';
	memcpy(buf + bn, s, n);
	r = trace_str(t, buf, bn + n);
	free(buf);
	return r;
}

static const struct istr *fd_arg(const struct call *c, const char *name);

/* a path argument (name) relative to the directory fd argument dirname
 * (NULL: the working directory) */
static const struct istr *path_arg(const struct call *c, const char *name,
				   const char *dirname)
{
	size_t n;
	const char *s = json_get_str(c->d, arg(c, name), "str", &n);
	const struct istr *base = c->p->cwd;
	int64_t dfd;

	if (!s)
		return NULL;
	if (n && s[0] == '/')
		return trace_str(c->t, s, n);
	if (dirname && !arg_raw(c, dirname, &dfd) && dfd != -100) {
		base = fd_arg(c, dirname);
		if (!base || !base->n || base->s[0] != '/') {
			/* a directory the log does not name: say which fd */
			char b[32];
			int bn = fmt_snprintf(b, sizeof(b), "[fd %lld]", (long long)dfd);
			base = trace_str(c->t, b, (size_t)bn);
		}
	}
	return base ? join(c->t, base, s, n) : trace_str(c->t, s, n);
}

/* what an fd argument refers to */
static const struct istr *fd_arg(const struct call *c, const char *name)
{
	size_t n;
	const char *s = json_get_str(c->d, arg(c, name), "path", &n);
	const struct istr *rel;
	struct proc *a;
	int hops;

	if (!s || !n)
		return NULL;
	if (s[0] == '/' || paths_pseudo(s, n))
		return trace_str(c->t, s, n);
	rel = trace_str(c->t, s, n);
	for (a = c->p, hops = 0; a && hops < 64; a = trace_procn(c->t, a->parent), hops++) {
		uint32_t fi = map_get(&c->t->rel,
				      (uint64_t)trace_index(c->t, a) << 32 | rel->id);
		if (fi)
			return c->t->files[fi - 1].path;
	}
	return c->p->cwd ? join(c->t, c->p->cwd, s, n) : rel;
}

static struct fuse *use(const struct call *c, const struct istr *path)
{
	return trace_fuse(c->t, c->p, path, c->ns);
}

/* a write to a file: once per file and process on the timeline; how:
 * 1 O_CREAT, 2 O_TRUNC */
static void wrote(const struct call *c, struct fuse *f, int how)
{
	if (!f->write_ns) {
		f->write_ns = c->ns;
		if (paths_regular(f->path->s, f->path->n))
			trace_event(c->t, c->ns, c->p, EV_WRITE, f->path, NULL,
				    how, NULL);
	}
}

static void on_open(const struct call *c, const char *name, const char *dir,
		    int creat)
{
	const struct istr *path = path_arg(c, name, dir), *rel;
	size_t n, rn;
	const char *s = json_get_str(c->d, arg(c, name), "str", &n);
	const char *ret_path = json_get_str(c->d, c->rec, "ret_path", &rn);
	const char *fl;
	int64_t raw = 0;
	int wr, cr, tr;
	struct fuse *f;

	if (!path)
		return;
	if (!ok(c)) {
		/* failed opens are noise (library and PATH searches) but
		 * for model files and devices */
		if (model_ext(path->s, path->n, NULL) == MODEL_EXT_NONE &&
		    !paths_gpu(path->s, path->n))
			return;
		f = use(c, path);
		f->flags |= FU_OPEN_FAIL;
		f->err = c->err;
		return;
	}
	if (path->s[0] != '/' && ret_path && rn && ret_path[0] == '/')
		path = trace_str(c->t, ret_path, rn); /* the tracer asked /proc */
	if (s && n && s[0] != '/' && path->s[0] == '/') {
		/* for fd arguments that name the file as it was opened */
		rel = trace_str(c->t, s, n);
		map_put(&c->t->rel, (uint64_t)trace_index(c->t, c->p) << 32 | rel->id,
			(uint32_t)(trace_file(c->t, path) - c->t->files) + 1);
	}
	f = use(c, path);
	f->opens++;
	if (creat) {
		wr = cr = tr = 1;
	} else if (*(fl = arg_text(c, "flags")) || *(fl = arg_text(c, "how"))) {
		/* openat2's how is {flags=..., ...} when decoded */
		wr = strstr(fl, "O_WRONLY") || strstr(fl, "O_RDWR");
		cr = strstr(fl, "O_CREAT") || strstr(fl, "O_TMPFILE");
		tr = strstr(fl, "O_TRUNC") != NULL;
	} else {
		arg_raw(c, "flags", &raw);
		wr = (raw & 3) != 0;
		cr = (raw & 0100) || (raw & 020000000);
		tr = (raw & 01000) != 0;
	}
	f->flags |= wr ? FU_OPEN_WRITE : FU_OPEN_READ;
	if (cr)
		f->flags |= FU_CREATE;
	if (tr)
		f->flags |= FU_TRUNC;
	if (wr)
		wrote(c, f, (cr ? 1 : 0) | (tr ? 2 : 0));
	if (paths_gpu(path->s, path->n) && !(f->flags & FU_DEVICE)) {
		f->flags |= FU_DEVICE;
		trace_event(c->t, c->ns, c->p, EV_GPU, path, NULL, 0, NULL);
	}
}

static void on_read(const struct call *c, int sock)
{
	const struct istr *path = fd_arg(c, "fd");
	struct fuse *f;

	if (!ok(c) || !c->ret)
		return;
	if (sock || (path && paths_pseudo(path->s, path->n))) {
		if (sock || (path->n > 7 && !memcmp(path->s, "socket:", 7)))
			c->p->received += (uint64_t)c->ret;
		return;
	}
	if (!path)
		return;
	f = use(c, path);
	f->reads++;
	f->rbytes += (uint64_t)c->ret;
	if (!f->load_ns)
		f->load_ns = c->ns;
}

static void on_write(const struct call *c, int sock)
{
	const struct istr *path = fd_arg(c, "fd");
	struct fuse *f;

	if (!ok(c))
		return;
	if (sock || (path && paths_pseudo(path->s, path->n))) {
		if (sock || (path->n > 7 && !memcmp(path->s, "socket:", 7)))
			c->p->sent += (uint64_t)c->ret;
		return;
	}
	if (!path)
		return;
	f = use(c, path);
	f->writes++;
	f->wbytes += (uint64_t)c->ret;
	wrote(c, f, 0);
}

static void on_mmap(const struct call *c)
{
	int64_t fd = -1, len = 0;
	const struct istr *path;
	struct fuse *f;
	int x = text_has(c, "prot", "PROT_EXEC");

	if (!ok(c))
		return;
	arg_raw(c, "fd", &fd);
	arg_raw(c, "len", &len);
	if (fd < 0 || text_has(c, "flags", "MAP_ANONYMOUS")) {
		if (x && text_has(c, "prot", "PROT_WRITE") && !c->p->wx++)
			trace_event(c->t, c->ns, c->p, EV_JIT, NULL, NULL, 0, NULL);
		return;
	}
	if (!(path = fd_arg(c, "fd")) || paths_pseudo(path->s, path->n))
		return;
	f = use(c, path);
	f->mmaps++;
	if (len > 0)
		f->mbytes += (uint64_t)len;
	if (x)
		f->flags |= FU_MAP_EXEC;
	if (!f->load_ns)
		f->load_ns = c->ns;
}

static void on_ioctl(const struct call *c)
{
	const struct istr *path = fd_arg(c, "fd"), *req;
	struct fuse *f;
	struct ioreq *q;
	uint32_t *link;

	if (!path || !paths_gpu(path->s, path->n))
		return;
	f = use(c, path);
	f->ioctls++;
	if (!(f->flags & FU_DEVICE)) {
		/* opened before tracing began: its first use says it */
		f->flags |= FU_DEVICE;
		trace_event(c->t, c->ns, c->p, EV_GPU, path, NULL, 0, NULL);
	}
	req = trace_str(c->t, arg_text(c, "cmd"), strlen(arg_text(c, "cmd")));
	for (link = &c->p->ioreqs; *link; link = &c->t->ioreqs[*link - 1].next) {
		q = &c->t->ioreqs[*link - 1];
		if (q->dev == path && q->req == req)
			break;
	}
	if (!*link) {
		xgrow(&c->t->ioreqs, &c->t->cioreqs, c->t->nioreqs + 1,
		      sizeof(*c->t->ioreqs));
		q = &c->t->ioreqs[c->t->nioreqs++];
		memset(q, 0, sizeof(*q));
		q->proc = trace_index(c->t, c->p);
		q->dev = path;
		q->req = req;
		*link = (uint32_t)c->t->nioreqs;
	}
	q = &c->t->ioreqs[*link - 1];
	q->count++;
	if (!ok(c))
		q->errors++;
}

/* the socket address argument: "1.2.3.4:80", "[::1]:80", "/path", "@abs" */
static const struct istr *sockaddr(const struct call *c, int *family)
{
	const struct json *a, *fam = NULL;
	char buf[400];
	size_t n, an;
	const char *addr, *sun;
	int64_t f = -1, port = 0;

	for (a = json_first(c->d, c->args); a; a = json_next(c->d, a))
		if ((fam = json_get(c->d, a, "family")))
			break;
	if (!a || json_int(fam, &f))
		return NULL;
	*family = (int)f;
	addr = json_get_str(c->d, a, "addr", &an);
	json_get_int(c->d, a, "port", &port);
	sun = json_get_str(c->d, a, "sun_path", &n);
	if ((f == 2 || f == 10) && addr && an < 200) {
		int k = 0;
		if (f == 10)
			buf[k++] = '[';
		memcpy(buf + k, addr, an);
		k += (int)an;
		if (f == 10)
			buf[k++] = ']';
		k += fmt_snprintf(buf + k, sizeof(buf) - (size_t)k, ":%lld", (long long)port);
		return trace_str(c->t, buf, (size_t)k);
	}
	if (f == 1 && sun) {
		const struct json *ab = json_get(c->d, a, "abstract");
		if (ab && ab->type == JSON_TRUE && n < sizeof(buf) - 1) {
			buf[0] = '@';
			memcpy(buf + 1, sun, n);
			return trace_str(c->t, buf, n + 1);
		}
		return trace_str(c->t, sun, n);
	}
	n = (size_t)fmt_snprintf(buf, sizeof(buf), "family %lld", (long long)f);
	return trace_str(c->t, buf, n);
}

static void on_connect(const struct call *c)
{
	int family = 0;
	const struct istr *dest = sockaddr(c, &family);
	struct conn *k;
	uint32_t *link;

	if (!dest)
		dest = trace_str(c->t, "?", 1);
	for (link = &c->p->conns; *link; link = &c->t->conns[*link - 1].next)
		if (c->t->conns[*link - 1].dest == dest)
			break;
	if (!*link) {
		xgrow(&c->t->conns, &c->t->cconns, c->t->nconns + 1, sizeof(*c->t->conns));
		k = &c->t->conns[c->t->nconns++];
		memset(k, 0, sizeof(*k));
		k->proc = trace_index(c->t, c->p);
		k->family = family;
		k->dest = dest;
		k->first_ns = c->ns;
		*link = (uint32_t)c->t->nconns;
		trace_event(c->t, c->ns, c->p, EV_CONNECT, dest, NULL, family,
			    ok(c) ? NULL : c->err);
	}
	k = &c->t->conns[*link - 1];
	if (ok(c))
		k->ok++;
	else if (c->err && c->err->n == 11 && !memcmp(c->err->s, "EINPROGRESS", 11))
		k->pending++;
	else {
		k->failed++;
		k->err = c->err;
	}
}

/* unlink, unlinkat, rmdir */
static void on_unlink(const struct call *c, const char *dir, int rmdir)
{
	const struct istr *path = path_arg(c, "pathname", dir);
	int64_t flag = 0;

	if (!path)
		return;
	if (dir && !arg_raw(c, "flag", &flag) && (flag & 0x200))
		rmdir = 1; /* AT_REMOVEDIR */
	if (ok(c))
		use(c, path)->flags |= rmdir ? FU_RMDIR : FU_DELETE;
	trace_event(c->t, c->ns, c->p, rmdir ? EV_RMDIR : EV_DELETE, path, NULL, 0,
		    ok(c) ? NULL : c->err);
}

static void on_rename(const struct call *c, int at)
{
	const struct istr *from = path_arg(c, "oldname", at ? "olddfd" : NULL);
	const struct istr *to = path_arg(c, "newname", at ? "newdfd" : NULL);

	if (!from || !to)
		return;
	if (ok(c)) {
		struct fuse *f = use(c, to);
		use(c, from)->flags |= FU_RENAME_FROM;
		f = use(c, to);
		f->flags |= FU_RENAME_TO;
		if (!f->write_ns)
			f->write_ns = c->ns;
	}
	trace_event(c->t, c->ns, c->p, EV_RENAME, from, to, 0, ok(c) ? NULL : c->err);
}

static void on_mkdir(const struct call *c, const char *dir)
{
	const struct istr *path = path_arg(c, "pathname", dir);

	if (!path || !ok(c))
		return; /* mkdir -p's EEXIST is noise */
	use(c, path)->flags |= FU_MKDIR;
	trace_event(c->t, c->ns, c->p, EV_MKDIR, path, NULL, 0, NULL);
}

static void on_chmod(const struct call *c, const char *name, const char *dir)
{
	const struct istr *path = name ? path_arg(c, name, dir) : fd_arg(c, "fd");
	const char *mode = arg_text(c, "mode");

	if (!path)
		return;
	if (ok(c))
		use(c, path)->flags |= FU_CHMOD;
	trace_event(c->t, c->ns, c->p, EV_CHMOD, path,
		    trace_str(c->t, mode, strlen(mode)), 0, ok(c) ? NULL : c->err);
}

static void on_link(const struct call *c, const char *newdir, const char *olddir,
		    int sym)
{
	const struct istr *to = path_arg(c, "newname", newdir);
	const struct istr *from = sym ? NULL : path_arg(c, "oldname", olddir);
	size_t n;
	const char *target = json_get_str(c->d, arg(c, "oldname"), "str", &n);

	if (!to)
		return;
	if (sym && target)
		from = trace_str(c->t, target, n); /* a symlink's text, as is */
	if (ok(c))
		use(c, to)->flags |= FU_LINK;
	trace_event(c->t, c->ns, c->p, EV_LINK, to, from, sym, ok(c) ? NULL : c->err);
}

static void on_truncate(const struct call *c, int byfd)
{
	const struct istr *path = byfd ? fd_arg(c, "fd") : path_arg(c, "path", NULL);
	struct fuse *f;

	if (!path || !ok(c) || paths_pseudo(path->s, path->n))
		return;
	f = use(c, path);
	f->flags |= FU_TRUNC;
	wrote(c, f, 0);
}

static void on_chdir(const struct call *c, int byfd)
{
	const struct istr *dir = byfd ? fd_arg(c, "fd") : path_arg(c, "filename", NULL);

	if (ok(c) && dir && dir->n && dir->s[0] == '/')
		c->p->cwd = dir;
	else if (ok(c))
		c->p->cwd = NULL; /* somewhere we cannot name */
}

static void on_clone(const struct call *c, const char *flags_arg)
{
	int thread = flags_arg && text_has(c, flags_arg, "CLONE_THREAD");

	if (ok(c) && c->ret > 0 && c->ret <= INT32_MAX)
		trace_child(c->t, c->p, (int)c->ret, thread, c->ns);
}

static void on_net_misc(const struct call *c, int what)
{
	int family = 0;
	const struct istr *a;

	if (!ok(c))
		return;
	switch (what) {
	case 0: /* bind */
		c->p->binds++;
		a = sockaddr(c, &family);
		if (!a)
			a = fd_arg(c, "fd");
		trace_event(c->t, c->ns, c->p, EV_BIND, a, NULL, family, NULL);
		break;
	case 1: /* listen */
		if (!c->p->listens++)
			trace_event(c->t, c->ns, c->p, EV_LISTEN, fd_arg(c, "fd"),
				    NULL, 0, NULL);
		break;
	default: /* accept, accept4 */
		if (!c->p->accepts++)
			trace_event(c->t, c->ns, c->p, EV_ACCEPT, fd_arg(c, "fd"),
				    NULL, 0, NULL);
		break;
	}
}

enum {
	H_OPEN = 1, H_OPENAT, H_CREAT, H_READ, H_RECV, H_WRITE, H_SEND, H_MMAP,
	H_MPROTECT, H_IOCTL, H_CONNECT, H_BIND, H_LISTEN, H_ACCEPT, H_UNLINK,
	H_UNLINKAT, H_RMDIR, H_RENAME, H_RENAMEAT, H_MKDIR, H_MKDIRAT, H_CHMOD,
	H_FCHMODAT, H_FCHMOD, H_LINK, H_LINKAT, H_SYMLINK, H_SYMLINKAT,
	H_TRUNCATE, H_FTRUNCATE, H_CHDIR, H_FCHDIR, H_MEMFD, H_EXECVE, H_CLONE,
	H_CLONE3, H_FORK, H_EXIT_GROUP, H_NONE,
};

static const struct {
	const char *name;
	int h;
} handlers[] = {
	{ "open", H_OPEN }, { "openat", H_OPENAT }, { "openat2", H_OPENAT },
	{ "creat", H_CREAT }, { "read", H_READ }, { "pread64", H_READ },
	{ "readv", H_READ }, { "preadv", H_READ }, { "preadv2", H_READ },
	{ "recvfrom", H_RECV }, { "recvmsg", H_RECV }, { "write", H_WRITE },
	{ "pwrite64", H_WRITE }, { "writev", H_WRITE }, { "pwritev", H_WRITE },
	{ "pwritev2", H_WRITE }, { "sendto", H_SEND }, { "sendmsg", H_SEND },
	{ "mmap", H_MMAP }, { "mprotect", H_MPROTECT }, { "ioctl", H_IOCTL },
	{ "connect", H_CONNECT }, { "bind", H_BIND }, { "listen", H_LISTEN },
	{ "accept", H_ACCEPT }, { "accept4", H_ACCEPT }, { "unlink", H_UNLINK },
	{ "unlinkat", H_UNLINKAT }, { "rmdir", H_RMDIR }, { "rename", H_RENAME },
	{ "renameat", H_RENAMEAT }, { "renameat2", H_RENAMEAT },
	{ "mkdir", H_MKDIR }, { "mkdirat", H_MKDIRAT }, { "chmod", H_CHMOD },
	{ "fchmodat", H_FCHMODAT }, { "fchmodat2", H_FCHMODAT },
	{ "fchmod", H_FCHMOD }, { "link", H_LINK }, { "linkat", H_LINKAT },
	{ "symlink", H_SYMLINK }, { "symlinkat", H_SYMLINKAT },
	{ "truncate", H_TRUNCATE }, { "ftruncate", H_FTRUNCATE },
	{ "chdir", H_CHDIR }, { "fchdir", H_FCHDIR },
	{ "memfd_create", H_MEMFD }, { "execve", H_EXECVE },
	{ "execveat", H_EXECVE }, { "clone", H_CLONE }, { "clone3", H_CLONE3 },
	{ "fork", H_FORK }, { "vfork", H_FORK }, { "exit_group", H_EXIT_GROUP },
};

static int handler_of(struct trace *t, const struct istr *name)
{
	uint32_t h = map_get(&t->handler, name->id);
	size_t i;

	if (h)
		return (int)h;
	h = H_NONE;
	for (i = 0; i < sizeof(handlers) / sizeof(handlers[0]); i++)
		if (strlen(handlers[i].name) == name->n &&
		    !memcmp(handlers[i].name, name->s, name->n))
			h = (uint32_t)handlers[i].h;
	map_put(&t->handler, name->id, h);
	return (int)h;
}

void onsys_record(struct trace *t, struct proc *p, const struct json_doc *d,
		  const struct json *rec, const struct istr *name, uint64_t ns)
{
	struct call c = { t, p, d, rec, json_get(d, rec, "args"), ns, 0, 0, NULL };
	size_t n;
	const char *e = json_get_str(d, rec, "errno", &n);
	int64_t v;

	c.has_ret = !json_get_int(d, rec, "ret", &c.ret);
	if (e)
		c.err = trace_str(t, e, n);
	if (!c.args)
		return; /* entered before tracing began: counted only */
	switch (handler_of(t, name)) {
	case H_OPEN: on_open(&c, "filename", NULL, 0); break;
	case H_OPENAT: on_open(&c, "filename", "dfd", 0); break;
	case H_CREAT: on_open(&c, "pathname", NULL, 1); break;
	case H_READ: on_read(&c, 0); break;
	case H_RECV: on_read(&c, 1); break;
	case H_WRITE: on_write(&c, 0); break;
	case H_SEND: on_write(&c, 1); break;
	case H_MMAP: on_mmap(&c); break;
	case H_MPROTECT:
		if (ok(&c) && text_has(&c, "prot", "PROT_EXEC") && !p->wx++)
			trace_event(t, ns, p, EV_JIT, NULL, NULL, 1, NULL);
		break;
	case H_IOCTL: on_ioctl(&c); break;
	case H_CONNECT: on_connect(&c); break;
	case H_BIND: on_net_misc(&c, 0); break;
	case H_LISTEN: on_net_misc(&c, 1); break;
	case H_ACCEPT: on_net_misc(&c, 2); break;
	case H_UNLINK: on_unlink(&c, NULL, 0); break;
	case H_UNLINKAT: on_unlink(&c, "dfd", 0); break;
	case H_RMDIR: on_unlink(&c, NULL, 1); break;
	case H_RENAME: on_rename(&c, 0); break;
	case H_RENAMEAT: on_rename(&c, 1); break;
	case H_MKDIR: on_mkdir(&c, NULL); break;
	case H_MKDIRAT: on_mkdir(&c, "dfd"); break;
	case H_CHMOD: on_chmod(&c, "filename", NULL); break;
	case H_FCHMODAT: on_chmod(&c, "filename", "dfd"); break;
	case H_FCHMOD: on_chmod(&c, NULL, NULL); break;
	case H_LINK: on_link(&c, NULL, NULL, 0); break;
	case H_LINKAT: on_link(&c, "newdfd", "olddfd", 0); break;
	case H_SYMLINK: on_link(&c, NULL, NULL, 1); break;
	case H_SYMLINKAT: on_link(&c, "newdfd", NULL, 1); break;
	case H_TRUNCATE: on_truncate(&c, 0); break;
	case H_FTRUNCATE: on_truncate(&c, 1); break;
	case H_CHDIR: on_chdir(&c, 0); break;
	case H_FCHDIR: on_chdir(&c, 1); break;
	case H_MEMFD:
		if (ok(&c)) {
			const char *s = json_get_str(d, arg(&c, "uname"), "str", &n);
			p->memfds++;
			trace_event(t, ns, p, EV_MEMFD, s ? trace_str(t, s, n) : NULL,
				    NULL, 0, NULL);
		}
		break;
	case H_EXECVE:
		if (ok(&c))
			trace_exec_call(t, p, d, c.args, ns);
		break;
	case H_CLONE: on_clone(&c, "clone_flags"); break;
	case H_CLONE3: on_clone(&c, "uargs"); break;
	case H_FORK: on_clone(&c, NULL); break;
	case H_EXIT_GROUP:
		p->exited = 1;
		p->exit_ns = ns;
		if (!arg_raw(&c, "error_code", &v))
			p->exit_code = v;
		if (p->exit_code) /* exit 0 is in the tree, not the timeline */
			trace_event(t, ns, p, EV_EXIT, NULL, NULL, p->exit_code, NULL);
		break;
	default:
		break;
	}
}
