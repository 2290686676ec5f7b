/* Files on disk: see disk.h. Each candidate path is opened with O_PATH
 * first, so that a device node or FIFO behind a name is never opened
 * for reading (that could block or have effects); only a regular file is
 * then reopened through /proc/self/fd and read. Under --root, openat2's
 * RESOLVE_IN_ROOT keeps absolute symlinks inside the image. */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "disk.h"
#include "fmt.h"
#include "rules.h"
#include "say.h"
#include "sha256.h"

#ifndef SYS_openat2
#define SYS_openat2 437
#endif

static long pread_src(void *ctx, uint64_t off, void *buf, size_t n)
{
	int fd = *(int *)ctx;
	size_t got = 0;

	while (got < n) {
		ssize_t r = pread(fd, (char *)buf + got, n - got, (off_t)(off + got));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (long)got;
}

/* an O_PATH fd for the log's path, under root when given */
static int open_path(int rootfd, const char *path)
{
	if (rootfd >= 0) {
		struct open_how how;
		long fd;

		memset(&how, 0, sizeof(how));
		how.flags = O_PATH | O_CLOEXEC;
		how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
		fd = syscall(SYS_openat2, rootfd, path, &how, sizeof(how));
		if (fd >= 0 || errno != ENOSYS)
			return (int)fd;
		/* before Linux 5.6: plain lookup below the root */
		while (*path == '/')
			path++;
		return openat(rootfd, *path ? path : ".", O_PATH | O_CLOEXEC);
	}
	return open(path, O_PATH | O_CLOEXEC);
}

static void hash(struct finfo *fi, int fd)
{
	static unsigned char buf[1 << 20];
	struct sha256 c;
	unsigned char d[32];
	off_t off = 0;

	sha256_init(&c);
	for (;;) {
		ssize_t r = pread(fd, buf, sizeof(buf), off);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			fi->why = "read failed";
			return;
		}
		if (r == 0)
			break;
		sha256_update(&c, buf, (size_t)r);
		off += r;
	}
	sha256_final(&c, d);
	sha256_hex(d, fi->sha256);
	fi->hashed = 1;
	if ((uint64_t)off != fi->size)
		fi->why = "the size changed while hashing";
}

static void check(struct finfo *fi, int rootfd, int no_hash)
{
	struct stat st;
	int pfd, fd;
	char proc[64];
	struct model_src src;

	if (!fi->path->n || fi->path->s[0] != '/') {
		fi->disk = DISK_SKIPPED;
		fi->why = "relative path, working directory unknown";
		return;
	}
	if (memchr(fi->path->s, '\0', fi->path->n)) {
		fi->disk = DISK_SKIPPED;
		fi->why = "the logged path holds a NUL byte";
		return;
	}
	if ((pfd = open_path(rootfd, fi->path->s)) < 0) {
		fi->disk = errno == ENOENT || errno == ENOTDIR ? DISK_MISSING : DISK_ERROR;
		fi->why = strerror(errno);
		return;
	}
	if (fstat(pfd, &st) || !S_ISREG(st.st_mode)) {
		fi->disk = DISK_NOT_REGULAR;
		close(pfd);
		return;
	}
	fmt_snprintf(proc, sizeof(proc), "/proc/self/fd/%d", pfd);
	fd = open(proc, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	close(pfd);
	if (fd < 0) {
		fi->disk = DISK_ERROR;
		fi->why = strerror(errno);
		return;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		fi->disk = DISK_NOT_REGULAR;
		close(fd);
		return;
	}
	fi->disk = DISK_OK;
	fi->size = (uint64_t)st.st_size;
	fi->mtime = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
	src.size = fi->size;
	src.read = pread_src;
	src.ctx = &fd;
	if (model_sniff(&src, &fi->mi)) {
		fi->disk = DISK_ERROR;
		fi->why = "read failed";
	}
	fi->model = rules_decide_model(fi);
	if (fi->model && !no_hash && fi->disk == DISK_OK)
		hash(fi, fd);
	close(fd);
}

void disk_check(struct trace *t, const struct disk_opts *o)
{
	int rootfd = -1;
	size_t i;

	if (o->no_disk) {
		for (i = 0; i < t->nfiles; i++)
			if (t->files[i].candidate) {
				t->files[i].disk = DISK_SKIPPED;
				t->files[i].why = "--no-disk";
			}
		rules_model_files(t);
		return;
	}
	if (o->root && (rootfd = open(o->root, O_PATH | O_DIRECTORY | O_CLOEXEC)) < 0) {
		say("cannot open root %s: %s", o->root, strerror(errno));
		for (i = 0; i < t->nfiles; i++)
			if (t->files[i].candidate) {
				t->files[i].disk = DISK_SKIPPED;
				t->files[i].why = "--root cannot be opened";
			}
		rules_model_files(t);
		return;
	}
	for (i = 0; i < t->nfiles; i++)
		if (t->files[i].candidate)
			check(&t->files[i], rootfd, o->no_hash);
	rules_model_files(t);
	if (rootfd >= 0)
		close(rootfd);
}
