/* Unit tests for fdtable.c: every operation on small tables, eviction in a
 * tiny one, path joining, exec and fork, the /proc fallback through a fake
 * callback (and its cache), hostile bytes kept exactly, and a long random
 * run checked against a naive model (an array indexed by process and fd).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "expect.h"
#include "fdtable.h"

/* Expect fd of tgid to read want (a C string) with source src. */
#define EXPECT_FD(t, tgid, fd, want, src)                                     \
	do {                                                                  \
		size_t l_;                                                    \
		int s_;                                                       \
		const char *p_ = fdtable_lookup(t, tgid, fd, &l_, &s_);       \
		EXPECT_STR(p_, want);                                         \
		EXPECT_INT(l_, strlen(want));                                 \
		EXPECT_INT(s_, src);                                          \
	} while (0)

#define EXPECT_NOFD(t, tgid, fd)                                              \
	do {                                                                  \
		size_t l_ = 99;                                               \
		int s_ = 99;                                                  \
		EXPECT_TRUE(fdtable_lookup(t, tgid, fd, &l_, &s_) == NULL);   \
		EXPECT_INT(l_, 0);                                            \
		EXPECT_INT(s_, 0);                                            \
	} while (0)

/* unknown, and known to be closed */
#define EXPECT_NOFD_CLOSED(t, tgid, fd)                                       \
	do {                                                                  \
		int s_ = 0;                                                   \
		EXPECT_TRUE(fdtable_lookup(t, tgid, fd, NULL, &s_) == NULL);  \
		EXPECT_INT(s_, FDT_CLOSED);                                   \
	} while (0)

#define OPEN(t, tgid, fd, dirfd, str, cloexec)                                \
	fdtable_open(t, tgid, fd, dirfd, str, strlen(str), cloexec)

static struct fdtable_stats stats(const struct fdtable *t)
{
	struct fdtable_stats st;

	fdtable_stats(t, &st);
	return st;
}

/* ---- a fake /proc ---------------------------------------------------------- */

struct fake_proc {
	int calls;
	size_t last_cap;
	struct {
		uint32_t tgid;
		int fd;
		const char *path; /* NULL: answer err */
		int err;
	} ans[8];
	int n;
};

static int fake_readlink(void *ctx, uint32_t tgid, int fd, char *buf,
			 size_t cap)
{
	struct fake_proc *f = ctx;
	size_t n;
	int i;

	f->calls++;
	f->last_cap = cap;
	for (i = 0; i < f->n; i++) {
		if (f->ans[i].tgid != tgid || f->ans[i].fd != fd)
			continue;
		if (!f->ans[i].path)
			return f->ans[i].err;
		n = strlen(f->ans[i].path);
		if (n > cap)
			n = cap; /* like readlink: fill and say cap */
		memcpy(buf, f->ans[i].path, n);
		return (int)n;
	}
	return -ENOENT;
}

static void fake_add(struct fake_proc *f, uint32_t tgid, int fd,
		     const char *path, int err)
{
	f->ans[f->n].tgid = tgid;
	f->ans[f->n].fd = fd;
	f->ans[f->n].path = path;
	f->ans[f->n].err = err;
	f->n++;
}

/* ---- operations ------------------------------------------------------------ */

static void test_init_rejects_absurd_sizes(void)
{
	struct fdtable t;

	EXPECT_INT(fdtable_init(&t, 0, 256), -EINVAL);
	EXPECT_INT(fdtable_init(&t, 16, 0), -EINVAL);
	EXPECT_INT(fdtable_init(&t, (1u << 24) + 1, 256), -EINVAL);
	EXPECT_INT(fdtable_init(&t, 16, (1u << 16) + 1), -EINVAL);
	fdtable_free(&t); /* zeroed by the failed init: fine */
	EXPECT_INT(fdtable_init(&t, 1, 1), 0);
	fdtable_free(&t);
	fdtable_free(&t); /* twice: fine */
	EXPECT_INT(FDT_AT_FDCWD, AT_FDCWD);
}

static void test_open_lookup_close(void)
{
	struct fdtable t;

	EXPECT_INT(fdtable_init(&t, 64, 256), 0);
	EXPECT_NOFD(&t, 100, 3);
	OPEN(&t, 100, 3, FDT_AT_FDCWD, "/models/tiny.safetensors", 0);
	EXPECT_FD(&t, 100, 3, "/models/tiny.safetensors", FDT_SEEN);
	EXPECT_NOFD(&t, 101, 3);  /* another process */
	EXPECT_NOFD(&t, 100, 4);  /* another fd */
	EXPECT_NOFD(&t, 100, -1); /* never an answer for fd < 0 */
	EXPECT_NOFD(&t, 100, AT_FDCWD);
	EXPECT_TRUE(fdtable_lookup(&t, 100, 3, NULL, NULL) != NULL);
	/* reopening an fd (its close not seen) replaces the entry */
	OPEN(&t, 100, 3, 7, "/etc/hosts", 0); /* absolute: dirfd ignored */
	EXPECT_FD(&t, 100, 3, "/etc/hosts", FDT_SEEN);
	EXPECT_INT(stats(&t).entries, 1);
	fdtable_close(&t, 100, 3);
	EXPECT_NOFD(&t, 100, 3);
	fdtable_close(&t, 100, 3);  /* unknown: fine */
	fdtable_close(&t, 555, 9);
	fdtable_close(&t, 100, -1);
	OPEN(&t, 100, -1, FDT_AT_FDCWD, "/ignored", 0); /* failed open */
	EXPECT_INT(stats(&t).entries, 0);
	/* extreme keys */
	OPEN(&t, UINT32_MAX, INT_MAX, FDT_AT_FDCWD, "/max", 0);
	OPEN(&t, 0, 0, FDT_AT_FDCWD, "/zero", 0);
	EXPECT_FD(&t, UINT32_MAX, INT_MAX, "/max", FDT_SEEN);
	EXPECT_FD(&t, 0, 0, "/zero", FDT_SEEN);
	fdtable_free(&t);
}

/* Threads share a table, and the kernel frees an fd before close returns:
 * thread A's close(4) enters at 10; thread B's open returns 4 at 20; A's
 * close returns at 30. Calls are applied in return order, so the close
 * comes after the open that reused its number. */
static void test_close_racing_an_open_of_the_same_number(void)
{
	struct fdtable t;
	size_t len;
	int src;
	const char *p;

	EXPECT_INT(fdtable_init(&t, 64, 256), 0);
	fdtable_at(&t, 5); /* A's open of /old returns at 5 */
	OPEN(&t, 7, 4, FDT_AT_FDCWD, "/old", 0);
	fdtable_at(&t, 20); /* B's open of /new returns 4 at 20 */
	OPEN(&t, 7, 4, FDT_AT_FDCWD, "/new", 0);
	/* A's close line: its fd is what it was at entry (10) */
	fdtable_at(&t, 30);
	p = fdtable_lookup_at(&t, 7, 4, 10, &len, &src);
	EXPECT_STR(p, "/old");
	EXPECT_INT(len, 4);
	EXPECT_INT(src, FDT_SEEN | FDT_PAST);
	/* ... and it does not close B's file */
	fdtable_closed(&t, 7, 4, 10);
	EXPECT_FD(&t, 7, 4, "/new", FDT_SEEN);
	/* a call that entered after B's open returned sees /new */
	p = fdtable_lookup_at(&t, 7, 4, 25, &len, &src);
	EXPECT_STR(p, "/new");
	EXPECT_INT(src, FDT_SEEN);
	/* B's own close (entered at 40) closes it; a late call that entered
	 * between B's open and B's close still names /new, one entered
	 * before B's open names /old, one entered before /old was opened
	 * is not known */
	fdtable_at(&t, 41);
	fdtable_closed(&t, 7, 4, 40);
	EXPECT_NOFD_CLOSED(&t, 7, 4);
	p = fdtable_lookup_at(&t, 7, 4, 35, &len, &src);
	EXPECT_STR(p, "/new");
	EXPECT_INT(src, FDT_SEEN | FDT_PAST);
	p = fdtable_lookup_at(&t, 7, 4, 10, &len, &src);
	EXPECT_STR(p, "/old");
	EXPECT_TRUE(fdtable_lookup_at(&t, 7, 4, 3, &len, &src) == NULL);
	EXPECT_INT(src, 0);
	/* a late close of the number, entered before B's close returned,
	 * changes nothing more; one entered later is an ordinary close */
	fdtable_closed(&t, 7, 4, 38);
	EXPECT_NOFD_CLOSED(&t, 7, 4);
	/* entry time unknown (0): the close applies, as before */
	fdtable_at(&t, 50);
	OPEN(&t, 7, 4, FDT_AT_FDCWD, "/again", 0);
	fdtable_closed(&t, 7, 4, 0);
	EXPECT_NOFD_CLOSED(&t, 7, 4);
	/* other processes and fds are untouched by the ring */
	EXPECT_TRUE(fdtable_lookup_at(&t, 8, 4, 10, &len, &src) == NULL);
	fdtable_free(&t);
}

/* The mirror of the race above, with the rest of the process busy: B's
 * close(4) enters at 100; C's open returns 4 at 110; while B's close is
 * delayed, other threads open and close many fds (ordinary closes must
 * not push B's file out of the kept entries); B's close returns at 500. */
static void test_a_delayed_close_keeps_its_file_among_busy_threads(void)
{
	struct fdtable t;
	size_t len;
	int src, i;
	const char *p;

	EXPECT_INT(fdtable_init(&t, 64, 256), 0);
	fdtable_at(&t, 50);
	OPEN(&t, 7, 4, FDT_AT_FDCWD, "/dev/null", 0);
	fdtable_at(&t, 110);
	OPEN(&t, 7, 4, FDT_AT_FDCWD, "/dev/zero", 0);
	for (i = 0; i < 40; i++) {
		fdtable_at(&t, 120 + 2 * (uint64_t)i);
		OPEN(&t, 7, 5 + i % 3, FDT_AT_FDCWD, "/dev/full", 0);
		fdtable_at(&t, 121 + 2 * (uint64_t)i);
		fdtable_closed(&t, 7, 5 + i % 3, 120 + 2 * (uint64_t)i);
	}
	fdtable_at(&t, 500);
	p = fdtable_lookup_at(&t, 7, 4, 100, &len, &src);
	EXPECT_STR(p, "/dev/null");
	EXPECT_INT(src, FDT_SEEN | FDT_PAST);
	fdtable_closed(&t, 7, 4, 100);
	EXPECT_FD(&t, 7, 4, "/dev/zero", FDT_SEEN);
	/* fd 6 was last opened at 194 and closed at 195: a read that
	 * entered between names the file; one entered after does not */
	p = fdtable_lookup_at(&t, 7, 6, 194, &len, &src);
	EXPECT_STR(p, "/dev/full");
	EXPECT_INT(src, FDT_SEEN | FDT_PAST);
	EXPECT_TRUE(fdtable_lookup_at(&t, 7, 6, 499, &len, &src) == NULL);
	EXPECT_INT(src, FDT_CLOSED);
	fdtable_free(&t);
}

static void test_joins_relative_paths_to_known_dirfds(void)
{
	struct fdtable t;

	EXPECT_INT(fdtable_init(&t, 64, 32), 0);
	OPEN(&t, 1, 3, FDT_AT_FDCWD, "/models", 0);
	OPEN(&t, 1, 4, 3, "tiny.safetensors", 0);
	EXPECT_FD(&t, 1, 4, "/models/tiny.safetensors", FDT_SEEN);
	OPEN(&t, 1, 5, FDT_AT_FDCWD, "/", 0);
	OPEN(&t, 1, 6, 5, "etc", 0);
	EXPECT_FD(&t, 1, 6, "/etc", FDT_SEEN); /* no "//etc" */
	/* ".." and "." are kept as written, never resolved */
	OPEN(&t, 1, 7, 3, "../x/./y", 0);
	EXPECT_FD(&t, 1, 7, "/models/../x/./y", FDT_SEEN);
	/* relative to the cwd, or to an fd we do not know: as given */
	OPEN(&t, 1, 8, FDT_AT_FDCWD, "data/a.bin", 0);
	EXPECT_FD(&t, 1, 8, "data/a.bin", FDT_SEEN | FDT_RELATIVE);
	OPEN(&t, 1, 9, 42, "b.bin", 0);
	EXPECT_FD(&t, 1, 9, "b.bin", FDT_SEEN | FDT_RELATIVE);
	/* a relative directory gives a relative path, joined */
	OPEN(&t, 1, 10, 8, "c", 0);
	EXPECT_FD(&t, 1, 10, "data/a.bin/c", FDT_SEEN | FDT_RELATIVE);
	/* a description is not a directory */
	fdtable_set(&t, 1, 11, "pipe", 4, 0);
	OPEN(&t, 1, 12, 11, "d", 0);
	EXPECT_FD(&t, 1, 12, "d", FDT_SEEN | FDT_RELATIVE);
	/* an empty path is the directory itself */
	OPEN(&t, 1, 13, 3, "", 0);
	EXPECT_FD(&t, 1, 13, "/models", FDT_SEEN);
	/* names that are not paths */
	OPEN(&t, 1, 14, FDT_NODIR, "memfd:weights", 0);
	EXPECT_FD(&t, 1, 14, "memfd:weights", FDT_SEEN);
	/* a join longer than max_path (32) is cut */
	OPEN(&t, 1, 15, 3, "0123456789012345678901234567890123456789", 0);
	EXPECT_FD(&t, 1, 15, "/models/012345678901234567890123",
		  FDT_SEEN | FDT_CUT);
	/* a cut directory is not joined: its end is unknown */
	OPEN(&t, 1, 16, 15, "e", 0);
	EXPECT_FD(&t, 1, 16, "e", FDT_SEEN | FDT_RELATIVE);
	/* exactly max_path bytes: not cut */
	OPEN(&t, 1, 17, 3, "012345678901234567890123", 0);
	EXPECT_FD(&t, 1, 17, "/models/012345678901234567890123", FDT_SEEN);
	fdtable_free(&t);
}

static void test_cuts_long_paths_and_keeps_hostile_bytes(void)
{
	static const char evil[] = "/tmp/a\n12:00:00 execve(\"/bin/sh\")"
				   " = 0\n\x1b[2J\xff\xc3(\0tail";
	char big[5000];
	struct fdtable t;
	size_t len;
	int src;
	const char *p;

	EXPECT_INT(fdtable_init(&t, 8, 256), 0);
	fdtable_open(&t, 1, 3, FDT_AT_FDCWD, evil, sizeof(evil) - 1, 0);
	p = fdtable_lookup(&t, 1, 3, &len, &src);
	EXPECT_INT(len, sizeof(evil) - 1);
	EXPECT_MEM(p, evil, sizeof(evil)); /* bytes, inner NUL and final NUL */
	EXPECT_INT(src, FDT_SEEN);
	memset(big, 'a', sizeof(big));
	big[0] = '/';
	fdtable_open(&t, 1, 4, FDT_AT_FDCWD, big, sizeof(big), 0);
	p = fdtable_lookup(&t, 1, 4, &len, &src);
	EXPECT_INT(len, 256);
	EXPECT_MEM(p, big, 256);
	EXPECT_INT(p[256], 0);
	EXPECT_INT(src, FDT_SEEN | FDT_CUT);
	/* the cut survives a dup, and a description can be cut too */
	fdtable_dup(&t, 1, 4, 5, 0);
	p = fdtable_lookup(&t, 1, 5, &len, &src);
	EXPECT_INT(len, 256);
	EXPECT_INT(src, FDT_SEEN | FDT_CUT);
	fdtable_set(&t, 1, 6, big, 257, 0);
	p = fdtable_lookup(&t, 1, 6, &len, &src);
	EXPECT_INT(len, 256);
	EXPECT_INT(src, FDT_SEEN | FDT_DESC | FDT_CUT);
	fdtable_free(&t);
}

static void test_dup_copies_and_unknown_dup_forgets(void)
{
	struct fdtable t;

	EXPECT_INT(fdtable_init(&t, 16, 64), 0);
	OPEN(&t, 1, 3, FDT_AT_FDCWD, "/dev/kfd", 1);
	fdtable_dup(&t, 1, 3, 10, 0);
	EXPECT_FD(&t, 1, 10, "/dev/kfd", FDT_SEEN);
	fdtable_close(&t, 1, 3);
	EXPECT_FD(&t, 1, 10, "/dev/kfd", FDT_SEEN); /* its own entry */
	/* dup2 onto a known fd of an unknown one: newfd is now unknown */
	OPEN(&t, 1, 11, FDT_AT_FDCWD, "/old", 0);
	fdtable_dup(&t, 1, 99, 11, 0);
	EXPECT_NOFD(&t, 1, 11);
	/* dup2(fd, fd) changes nothing; bad fds are ignored */
	fdtable_dup(&t, 1, 10, 10, 1);
	EXPECT_FD(&t, 1, 10, "/dev/kfd", FDT_SEEN);
	fdtable_dup(&t, 1, 10, -1, 0);
	fdtable_dup(&t, 1, -1, 12, 0);
	EXPECT_NOFD(&t, 1, 12);
	/* the close-on-exec flag is newfd's own: dup keeps 10 across exec,
	 * dup3(O_CLOEXEC) does not */
	fdtable_dup(&t, 1, 10, 13, 1);
	fdtable_exec(&t, 1);
	EXPECT_FD(&t, 1, 10, "/dev/kfd", FDT_SEEN);
	EXPECT_NOFD(&t, 1, 13);
	/* dup is per process */
	fdtable_dup(&t, 2, 10, 14, 0);
	EXPECT_NOFD(&t, 2, 14);
	EXPECT_INT(stats(&t).entries, 1);
	fdtable_free(&t);
}

static void test_set_describes_sockets_and_pipes(void)
{
	struct fdtable t;

	EXPECT_INT(fdtable_init(&t, 16, 64), 0);
	fdtable_set(&t, 7, 3, "socket:[AF_INET]", 16, 0);
	fdtable_set(&t, 7, 4, "pipe", 4, 1);
	EXPECT_FD(&t, 7, 3, "socket:[AF_INET]", FDT_SEEN | FDT_DESC);
	EXPECT_FD(&t, 7, 4, "pipe", FDT_SEEN | FDT_DESC);
	fdtable_set(&t, 7, -5, "x", 1, 0);
	EXPECT_INT(stats(&t).entries, 2);
	fdtable_exec(&t, 7);
	EXPECT_FD(&t, 7, 3, "socket:[AF_INET]", FDT_SEEN | FDT_DESC);
	EXPECT_NOFD(&t, 7, 4);
	fdtable_free(&t);
}

static void test_exec_drops_cloexec_fds(void)
{
	struct fdtable t;

	EXPECT_INT(fdtable_init(&t, 64, 64), 0);
	OPEN(&t, 1, 0, FDT_AT_FDCWD, "/dev/null", 0);
	OPEN(&t, 1, 3, FDT_AT_FDCWD, "/a", 1);
	OPEN(&t, 1, 4, FDT_AT_FDCWD, "/b", 0);
	OPEN(&t, 1, 5, FDT_AT_FDCWD, "/c", 0);
	OPEN(&t, 1, 6, FDT_AT_FDCWD, "/d", 1);
	OPEN(&t, 2, 3, FDT_AT_FDCWD, "/other", 1);
	fdtable_set_cloexec(&t, 1, 5, 1);  /* fcntl F_SETFD FD_CLOEXEC */
	fdtable_set_cloexec(&t, 1, 6, 0);  /* FIONCLEX */
	fdtable_set_cloexec(&t, 1, 77, 1); /* unknown: fine */
	fdtable_exec(&t, 1);
	EXPECT_FD(&t, 1, 0, "/dev/null", FDT_SEEN);
	EXPECT_NOFD(&t, 1, 3);
	EXPECT_FD(&t, 1, 4, "/b", FDT_SEEN);
	EXPECT_NOFD(&t, 1, 5);
	EXPECT_FD(&t, 1, 6, "/d", FDT_SEEN);
	EXPECT_FD(&t, 2, 3, "/other", FDT_SEEN); /* another process */
	EXPECT_INT(stats(&t).entries, 4);
	fdtable_exec(&t, 99); /* unknown process: fine */
	fdtable_free(&t);
}

static void test_close_range_closes_or_marks(void)
{
	struct fdtable t;
	int fd;

	EXPECT_INT(fdtable_init(&t, 64, 64), 0);
	for (fd = 0; fd < 10; fd++)
		OPEN(&t, 1, fd, FDT_AT_FDCWD, "/f", 0);
	OPEN(&t, 2, 5, FDT_AT_FDCWD, "/g", 0);
	fdtable_close_range(&t, 1, 3, 5, 0);
	fdtable_close_range(&t, 1, 8, ~0u, 1); /* CLOSE_RANGE_CLOEXEC */
	EXPECT_FD(&t, 1, 2, "/f", FDT_SEEN);
	EXPECT_NOFD(&t, 1, 3);
	EXPECT_NOFD(&t, 1, 5);
	EXPECT_FD(&t, 1, 6, "/f", FDT_SEEN);
	EXPECT_FD(&t, 1, 8, "/f", FDT_SEEN);
	EXPECT_FD(&t, 2, 5, "/g", FDT_SEEN);
	fdtable_exec(&t, 1);
	EXPECT_FD(&t, 1, 7, "/f", FDT_SEEN);
	EXPECT_NOFD(&t, 1, 8);
	EXPECT_NOFD(&t, 1, 9);
	fdtable_close_range(&t, 1, 0, ~0u, 0); /* close everything */
	EXPECT_NOFD(&t, 1, 0);
	EXPECT_INT(stats(&t).entries, 1);
	fdtable_close_range(&t, 42, 0, ~0u, 0);
	fdtable_free(&t);
}

static void test_fork_copies_and_exit_drops(void)
{
	struct fdtable t;

	EXPECT_INT(fdtable_init(&t, 64, 64), 0);
	OPEN(&t, 10, 3, FDT_AT_FDCWD, "/models/a", 0);
	OPEN(&t, 10, 4, FDT_AT_FDCWD, "/models/b", 1);
	fdtable_set(&t, 10, 5, "pipe", 4, 0);
	OPEN(&t, 11, 3, FDT_AT_FDCWD, "/stale", 0); /* a reused pid's leftover */
	OPEN(&t, 11, 9, FDT_AT_FDCWD, "/stale9", 0);
	fdtable_fork(&t, 10, 11);
	EXPECT_FD(&t, 11, 3, "/models/a", FDT_SEEN);
	EXPECT_FD(&t, 11, 4, "/models/b", FDT_SEEN);
	EXPECT_FD(&t, 11, 5, "pipe", FDT_SEEN | FDT_DESC);
	EXPECT_NOFD(&t, 11, 9);
	/* after the fork the tables are separate */
	fdtable_close(&t, 11, 3);
	OPEN(&t, 11, 6, FDT_AT_FDCWD, "/child", 0);
	EXPECT_FD(&t, 10, 3, "/models/a", FDT_SEEN);
	EXPECT_NOFD(&t, 10, 6);
	/* the close-on-exec flag was copied */
	fdtable_exec(&t, 11);
	EXPECT_NOFD(&t, 11, 4);
	EXPECT_FD(&t, 10, 4, "/models/b", FDT_SEEN);
	/* forking a process we know nothing of, or into itself */
	fdtable_fork(&t, 77, 78);
	fdtable_fork(&t, 10, 10);
	EXPECT_FD(&t, 10, 3, "/models/a", FDT_SEEN);
	EXPECT_INT(stats(&t).entries, 5); /* 10: 3 4 5, 11: 5 6 */
	/* exit drops the process and only it */
	fdtable_exit(&t, 10);
	EXPECT_NOFD(&t, 10, 3);
	EXPECT_NOFD(&t, 10, 4);
	EXPECT_NOFD(&t, 10, 5);
	EXPECT_FD(&t, 11, 5, "pipe", FDT_SEEN | FDT_DESC);
	EXPECT_INT(stats(&t).entries, 2);
	fdtable_exit(&t, 11);
	fdtable_exit(&t, 11);
	EXPECT_INT(stats(&t).entries, 0);
	fdtable_free(&t);
}

static void test_full_table_evicts_least_recently_used(void)
{
	struct fdtable t;

	EXPECT_INT(fdtable_init(&t, 4, 16), 0);
	OPEN(&t, 1, 3, FDT_AT_FDCWD, "/a", 0);
	OPEN(&t, 1, 4, FDT_AT_FDCWD, "/b", 0);
	OPEN(&t, 2, 3, FDT_AT_FDCWD, "/c", 0);
	OPEN(&t, 2, 4, FDT_AT_FDCWD, "/d", 0);
	EXPECT_FD(&t, 1, 3, "/a", FDT_SEEN); /* /b is now the oldest */
	OPEN(&t, 3, 3, FDT_AT_FDCWD, "/e", 0);
	EXPECT_INT(stats(&t).evictions, 1);
	EXPECT_INT(stats(&t).entries, 4);
	EXPECT_NOFD(&t, 1, 4);
	EXPECT_FD(&t, 1, 3, "/a", FDT_SEEN);
	EXPECT_FD(&t, 2, 3, "/c", FDT_SEEN);
	EXPECT_FD(&t, 3, 3, "/e", FDT_SEEN);
	/* overwriting an entry needs no room */
	OPEN(&t, 3, 3, FDT_AT_FDCWD, "/f", 0);
	EXPECT_INT(stats(&t).evictions, 1);
	/* the oldest is now (2, 4) */
	OPEN(&t, 4, 0, FDT_AT_FDCWD, "/g", 0);
	EXPECT_NOFD(&t, 2, 4);
	EXPECT_INT(stats(&t).evictions, 2);
	/* a closed slot is reused before anything is evicted */
	fdtable_close(&t, 1, 3);
	OPEN(&t, 4, 1, FDT_AT_FDCWD, "/h", 0);
	EXPECT_INT(stats(&t).evictions, 2);
	EXPECT_FD(&t, 3, 3, "/f", FDT_SEEN);
	EXPECT_FD(&t, 2, 3, "/c", FDT_SEEN);
	EXPECT_FD(&t, 4, 0, "/g", FDT_SEEN);
	EXPECT_FD(&t, 4, 1, "/h", FDT_SEEN);
	/* fork into a full table: the copies evict, nothing breaks */
	fdtable_fork(&t, 4, 5);
	EXPECT_FD(&t, 5, 0, "/g", FDT_SEEN);
	EXPECT_FD(&t, 5, 1, "/h", FDT_SEEN);
	EXPECT_INT(stats(&t).entries, 4);
	EXPECT_INT(stats(&t).evictions, 4);
	fdtable_free(&t);
}

static void test_one_slot_table_still_joins_and_dups(void)
{
	struct fdtable t;

	EXPECT_INT(fdtable_init(&t, 1, 16), 0);
	OPEN(&t, 1, 3, FDT_AT_FDCWD, "/d", 0);
	OPEN(&t, 1, 4, 3, "f", 0); /* evicts the directory it joins to */
	EXPECT_FD(&t, 1, 4, "/d/f", FDT_SEEN);
	EXPECT_NOFD(&t, 1, 3);
	fdtable_dup(&t, 1, 4, 5, 0); /* evicts the fd it copies */
	EXPECT_FD(&t, 1, 5, "/d/f", FDT_SEEN);
	fdtable_fork(&t, 1, 2);
	EXPECT_FD(&t, 2, 5, "/d/f", FDT_SEEN);
	EXPECT_NOFD(&t, 1, 5);
	EXPECT_INT(stats(&t).entries, 1);
	EXPECT_INT(stats(&t).evictions, 3);
	fdtable_free(&t);
}

static void test_proc_fallback_answers_and_caches(void)
{
	struct fake_proc f;
	struct fdtable t;

	memset(&f, 0, sizeof(f));
	fake_add(&f, 1, 3, "/models/big.gguf", 0);
	fake_add(&f, 1, 4, NULL, -EACCES);
	fake_add(&f, 1, 5, "socket:[4242]", 0);
	fake_add(&f, 1, 6, "/a/path/longer/than/sixteen", 0);
	fake_add(&f, 1, 7, "/home/u/work", 0);
	fake_add(&f, 1, 8, "", 0);
	EXPECT_INT(fdtable_init(&t, 64, 16), 0);
	fdtable_set_proc(&t, fake_readlink, &f);
	/* asked once, then cached */
	EXPECT_FD(&t, 1, 3, "/models/big.gguf", FDT_PROC);
	EXPECT_FD(&t, 1, 3, "/models/big.gguf", FDT_PROC);
	EXPECT_INT(f.calls, 1);
	EXPECT_INT(f.last_cap, 17);
	/* an observed open wins over /proc */
	OPEN(&t, 1, 3, FDT_AT_FDCWD, "/models/new", 0);
	EXPECT_FD(&t, 1, 3, "/models/new", FDT_SEEN);
	EXPECT_INT(f.calls, 1);
	/* a miss is cached too */
	EXPECT_NOFD(&t, 1, 4);
	EXPECT_NOFD(&t, 1, 4);
	EXPECT_NOFD(&t, 1, 99); /* ENOENT */
	EXPECT_NOFD(&t, 1, 99);
	EXPECT_NOFD(&t, 1, 8);  /* an empty answer is a miss */
	EXPECT_INT(f.calls, 4);
	EXPECT_INT(stats(&t).proc_lookups, 4);
	EXPECT_INT(stats(&t).proc_misses, 3);
	/* ...until the fd is closed, or opened */
	fdtable_close(&t, 1, 4);
	EXPECT_NOFD(&t, 1, 4);
	EXPECT_INT(f.calls, 5);
	OPEN(&t, 1, 99, FDT_AT_FDCWD, "/now/open", 0);
	EXPECT_FD(&t, 1, 99, "/now/open", FDT_SEEN);
	/* ...or the process execs */
	fdtable_exec(&t, 1);
	EXPECT_NOFD(&t, 1, 4);
	EXPECT_INT(f.calls, 6);
	/* a dup of a missed fd is unknown; its own lookup asks /proc */
	fdtable_dup(&t, 1, 4, 20, 0);
	EXPECT_NOFD(&t, 1, 20);
	EXPECT_INT(f.calls, 7);
	/* never asked for fd < 0 */
	EXPECT_NOFD(&t, 1, AT_FDCWD);
	EXPECT_INT(f.calls, 7);
	/* /proc's own descriptions and cut answers */
	EXPECT_FD(&t, 1, 5, "socket:[4242]", FDT_PROC);
	EXPECT_FD(&t, 1, 6, "/a/path/longer/t", FDT_PROC | FDT_CUT);
	/* /proc answers are copied by dup; not by fork, nor are misses
	 * (the child may dup2 over them unseen): the child asks again */
	fdtable_dup(&t, 1, 5, 21, 0);
	EXPECT_FD(&t, 1, 21, "socket:[4242]", FDT_PROC);
	fdtable_fork(&t, 1, 2);
	f.calls = 0;
	EXPECT_NOFD(&t, 2, 5); /* (2, 5) not in fake */
	EXPECT_INT(f.calls, 1);
	f.calls = 0;
	EXPECT_NOFD(&t, 2, 4); /* asked for the child: (2, 4) not in fake */
	EXPECT_INT(f.calls, 1);
	/* a path joined to a /proc directory is as stale as it */
	OPEN(&t, 1, 22, 7, "x.c", 0);
	EXPECT_FD(&t, 1, 22, "/home/u/work/x.c", FDT_PROC);
	/* relative to a /proc description: not joined */
	OPEN(&t, 1, 23, 5, "y", 0);
	EXPECT_FD(&t, 1, 23, "y", FDT_SEEN | FDT_RELATIVE);
	fdtable_free(&t);
}

static void test_refresh_asks_proc_for_relative_paths(void)
{
	struct fake_proc f;
	struct fdtable t;

	memset(&f, 0, sizeof(f));
	fake_add(&f, 1, 3, "/srv/data/a.bin", 0);
	EXPECT_INT(fdtable_init(&t, 64, 64), 0);
	OPEN(&t, 1, 3, FDT_AT_FDCWD, "data/a.bin", 1);
	OPEN(&t, 1, 4, FDT_AT_FDCWD, "b.bin", 0);
	/* without a callback, refresh is a lookup */
	EXPECT_STR(fdtable_refresh(&t, 1, 3, NULL, NULL), "data/a.bin");
	fdtable_set_proc(&t, fake_readlink, &f);
	EXPECT_FD(&t, 1, 3, "data/a.bin", FDT_SEEN | FDT_RELATIVE);
	EXPECT_INT(f.calls, 0);
	EXPECT_STR(fdtable_refresh(&t, 1, 3, NULL, NULL), "/srv/data/a.bin");
	EXPECT_FD(&t, 1, 3, "/srv/data/a.bin", FDT_PROC);
	/* a failed refresh keeps what we had */
	EXPECT_STR(fdtable_refresh(&t, 1, 4, NULL, NULL), "b.bin");
	EXPECT_FD(&t, 1, 4, "b.bin", FDT_SEEN | FDT_RELATIVE);
	EXPECT_INT(stats(&t).proc_misses, 1);
	/* refresh of an unknown fd caches its miss like a lookup */
	EXPECT_TRUE(fdtable_refresh(&t, 1, 5, NULL, NULL) == NULL);
	EXPECT_NOFD(&t, 1, 5);
	EXPECT_INT(f.calls, 3);
	EXPECT_TRUE(fdtable_refresh(&t, 1, -1, NULL, NULL) == NULL);
	/* the refreshed entry kept its close-on-exec flag: exec dropped it,
	 * so the lookup asks /proc again */
	fdtable_exec(&t, 1);
	EXPECT_FD(&t, 1, 3, "/srv/data/a.bin", FDT_PROC);
	EXPECT_INT(f.calls, 4);
	EXPECT_FD(&t, 1, 4, "b.bin", FDT_SEEN | FDT_RELATIVE);
	fdtable_free(&t);
}

/* ---- random run against a naive model --------------------------------------- */

#define NT 12
#define NF 48
#define MP 40 /* max_path */

static const uint32_t tgid_val[NT] = {1,       2,          3,      4096,
				      65536,   65537,      1u << 31, 0xffffffffu,
				      4194304, 0x12345678, 7,      999999};
static int fd_val(int i)
{
	/* small fds, powers of two and INT_MAX: collide in interesting ways */
	return i < 40 ? i : i < 47 ? 1 << (i - 20) : INT_MAX;
}

struct model {
	int used;
	int cloexec;
	int src;
	size_t len;
	char path[MP + 1];
};

static struct model m[NT][NF];
static uint64_t rnd_state = 0x2545f4914f6cdd1dull;

static uint32_t rnd(uint32_t n)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return (uint32_t)(rnd_state >> 16) % n;
}

/* Does the table agree with the model on (ti, fi)? With exact, it must hold
 * what the model holds; without (evictions), it may have forgotten. */
static int agrees(struct fdtable *t, int ti, int fi, int exact)
{
	const struct model *e = &m[ti][fi];
	size_t len;
	int src;
	const char *p = fdtable_lookup(t, tgid_val[ti], fd_val(fi), &len, &src);

	if (!p)
		return !e->used || !exact;
	return e->used && len == e->len && src == e->src &&
	       memcmp(p, e->path, len) == 0;
}

static void random_run(unsigned max_entries, int ops, int exact)
{
	struct fdtable t;
	struct fdtable_stats st;
	int i, ti, fi, fj, tj, k, bad = 0, bad_count = 0, used;
	char buf[MP + 20];
	size_t n;

	memset(m, 0, sizeof(m));
	EXPECT_INT(fdtable_init(&t, max_entries, MP), 0);
	for (i = 0; i < ops; i++) {
		ti = (int)rnd(NT);
		fi = (int)rnd(NF);
		switch (rnd(16)) {
		case 0: case 1: case 2: case 3: case 4: /* open */
			n = (size_t)snprintf(buf, sizeof(buf), "/%d/%u", i,
					     rnd(1000000));
			if (rnd(4) == 0) { /* hostile bytes, perhaps cut */
				int extra = (int)rnd((uint32_t)(sizeof(buf) - n));

				for (k = 0; k < extra; k++)
					buf[n++] = (char)rnd(256);
			}
			buf[0] = rnd(8) ? '/' : 'r'; /* some relative */
			k = (int)rnd(2);
			fdtable_open(&t, tgid_val[ti], fd_val(fi),
				     FDT_AT_FDCWD, buf, n, k);
			m[ti][fi].used = 1;
			m[ti][fi].cloexec = k;
			m[ti][fi].len = n > MP ? MP : n;
			memcpy(m[ti][fi].path, buf, m[ti][fi].len);
			m[ti][fi].src = FDT_SEEN |
					(buf[0] != '/' ? FDT_RELATIVE : 0) |
					(n > MP ? FDT_CUT : 0);
			break;
		case 5: case 6: case 7: /* close */
			fdtable_close(&t, tgid_val[ti], fd_val(fi));
			m[ti][fi].used = 0;
			break;
		case 8: case 9: /* dup */
			fj = (int)rnd(NF);
			k = (int)rnd(2);
			fdtable_dup(&t, tgid_val[ti], fd_val(fi), fd_val(fj),
				    k);
			if (fi != fj) {
				m[ti][fj] = m[ti][fi];
				m[ti][fj].cloexec = k;
			}
			break;
		case 10: /* set */
			n = (size_t)snprintf(buf, sizeof(buf), "socket:[%d]", i);
			k = (int)rnd(2);
			fdtable_set(&t, tgid_val[ti], fd_val(fi), buf, n, k);
			m[ti][fi].used = 1;
			m[ti][fi].cloexec = k;
			m[ti][fi].len = n;
			memcpy(m[ti][fi].path, buf, n);
			m[ti][fi].src = FDT_SEEN | FDT_DESC;
			break;
		case 11: /* set_cloexec */
			k = (int)rnd(2);
			fdtable_set_cloexec(&t, tgid_val[ti], fd_val(fi), k);
			m[ti][fi].cloexec = k;
			break;
		case 12: /* exec */
			fdtable_exec(&t, tgid_val[ti]);
			for (fj = 0; fj < NF; fj++)
				if (m[ti][fj].cloexec)
					m[ti][fj].used = 0;
			break;
		case 13: /* fork */
			tj = (int)rnd(NT);
			fdtable_fork(&t, tgid_val[ti], tgid_val[tj]);
			if (ti != tj)
				memcpy(m[tj], m[ti], sizeof(m[ti]));
			break;
		case 14: /* exit, seldom */
			if (rnd(4))
				break;
			fdtable_exit(&t, tgid_val[ti]);
			memset(m[ti], 0, sizeof(m[ti]));
			break;
		case 15: /* close_range */
			fj = fi + (int)rnd(8);
			k = (int)rnd(2);
			fdtable_close_range(&t, tgid_val[ti],
					    (unsigned)fd_val(fi),
					    (unsigned)fd_val(fj < NF ? fj : NF - 1),
					    k);
			for (; fi <= fj && fi < NF; fi++)
				if (k)
					m[ti][fi].cloexec = 1;
				else
					m[ti][fi].used = 0;
			break;
		}
		/* an unused model entry carries no flag */
		for (fj = 0; fj < NF; fj++)
			if (!m[ti][fj].used)
				m[ti][fj].cloexec = 0;
		/* the touched process every time, everything now and then */
		for (fj = 0; fj < NF; fj++)
			if (!agrees(&t, ti, fj, exact) && bad++ < 5)
				fprintf(stderr, "op %d: tgid %u fd %d differs\n",
					i, tgid_val[ti], fd_val(fj));
		fdtable_stats(&t, &st);
		if (i % 97 == 0 || i == ops - 1) {
			used = 0;
			for (tj = 0; tj < NT; tj++)
				for (fj = 0; fj < NF; fj++) {
					used += m[tj][fj].used;
					if (!agrees(&t, tj, fj, exact))
						bad++;
				}
			if (exact && st.entries != (uint64_t)used)
				bad_count++;
		}
		if (st.entries > max_entries)
			bad_count++;
	}
	EXPECT_INT(bad, 0);
	EXPECT_INT(bad_count, 0);
	fdtable_stats(&t, &st);
	if (exact)
		EXPECT_INT(st.evictions, 0);
	else
		EXPECT_TRUE(st.evictions > 0);
	fdtable_free(&t);
}

int main(void)
{
	test_init_rejects_absurd_sizes();
	test_open_lookup_close();
	test_close_racing_an_open_of_the_same_number();
	test_a_delayed_close_keeps_its_file_among_busy_threads();
	test_joins_relative_paths_to_known_dirfds();
	test_cuts_long_paths_and_keeps_hostile_bytes();
	test_dup_copies_and_unknown_dup_forgets();
	test_set_describes_sockets_and_pipes();
	test_exec_drops_cloexec_fds();
	test_close_range_closes_or_marks();
	test_fork_copies_and_exit_drops();
	test_full_table_evicts_least_recently_used();
	test_one_slot_table_still_joins_and_dups();
	test_proc_fallback_answers_and_caches();
	test_refresh_asks_proc_for_relative_paths();
	/* room for every (process, fd): must match the model exactly */
	random_run(NT * NF, 200000, 1);
	/* tiny: may forget, must never be wrong */
	random_run(37, 200000, 0);
	return expect_summary("test_fdtable");
}
