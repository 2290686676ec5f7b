/* fileops: one call of each kind the default set gained for forensics
 * (files made, moved, deleted; fds duplicated; memory made executable or
 * pinned; sockets bound, sent to, received from), with fixed arguments,
 * for tests/bats/fileops.bats, which says how each line must read.
 *
 *   usage: fileops DIR      DIR: an empty directory, absolute path
 *
 * Raw syscalls, so libc neither adds nor changes calls. x86_64 runs the
 * old forms too (mkdir, rmdir, rename, unlink, dup2); arm64 has only the
 * *at and dup3 forms. Exits 0 when every call did what it should.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SYS_openat2
#define SYS_openat2 437 /* the same on every architecture */
#endif

static int failed;

/* a call that must return want (-1: any non-negative value) */
static long must(const char *what, long r, long want)
{
	if ((want == -1 && r < 0) || (want != -1 && r != want)) {
		fprintf(stderr, "fileops: %s returned %ld, not %ld\n", what, r,
			want);
		failed = 1;
	}
	return r;
}

static char path[8][512];

static const char *in(int i, const char *dir, const char *name)
{
	snprintf(path[i], sizeof(path[i]), "%s/%s", dir, name);
	return path[i];
}

int main(int argc, char **argv)
{
	struct open_how how = { O_WRONLY | O_CREAT | O_CLOEXEC, 0600,
				RESOLVE_NO_MAGICLINKS };
	struct sockaddr_in a = { 0 }, from;
	socklen_t alen = sizeof(a), flen = sizeof(from);
	long fd, mfd, u1, u2, t, dirfd;
	char buf[16];
	void *page;
	const char *dir;

	if (argc != 2 || argv[1][0] != '/') {
		fprintf(stderr, "usage: fileops DIR (absolute)\n");
		return 2;
	}
	dir = argv[1];

	/* files: made by openat2, fds duplicated onto fixed numbers */
	fd = must("openat2", syscall(SYS_openat2, AT_FDCWD, in(0, dir, "f"),
				     &how, sizeof(how)), -1);
	must("dup3", syscall(SYS_dup3, fd, 20, O_CLOEXEC), 20);
	must("write", syscall(SYS_write, 20, "x", 1), 1);
	must("close", syscall(SYS_close, 20), 0);
#ifdef SYS_dup2
	must("dup2", syscall(SYS_dup2, fd, 21), 21);
	must("close", syscall(SYS_close, 21), 0);
#endif
	must("close", syscall(SYS_close, fd), 0);

	/* directories: made, entered, left, removed */
	must("mkdirat", syscall(SYS_mkdirat, AT_FDCWD, in(1, dir, "d"), 0755), 0);
	dirfd = must("openat", syscall(SYS_openat, AT_FDCWD, path[1],
				       O_RDONLY | O_DIRECTORY), -1);
	must("chdir", syscall(SYS_chdir, dir), 0);
	must("fchdir", syscall(SYS_fchdir, dirfd), 0);
	must("close", syscall(SYS_close, dirfd), 0);
#ifdef SYS_mkdir
	must("mkdir", syscall(SYS_mkdir, in(2, dir, "e"), 0700), 0);
	must("rmdir", syscall(SYS_rmdir, path[2]), 0);
#endif

	/* a file renamed, its mode changed, then deleted */
	must("renameat2", syscall(SYS_renameat2, AT_FDCWD, path[0], AT_FDCWD,
				  in(3, dir, "g"), 1 /* RENAME_NOREPLACE */), 0);
#ifdef SYS_rename
	must("rename", syscall(SYS_rename, path[3], in(4, dir, "h")), 0);
#else
	must("renameat", syscall(SYS_renameat, AT_FDCWD, path[3], AT_FDCWD,
				 in(4, dir, "h")), 0);
#endif
	must("fchmodat", syscall(SYS_fchmodat, AT_FDCWD, path[4], 0640), 0);
#ifdef SYS_unlink
	must("unlink", syscall(SYS_unlink, path[4]), 0);
#else
	must("unlinkat", syscall(SYS_unlinkat, AT_FDCWD, path[4], 0), 0);
#endif
	must("unlinkat", syscall(SYS_unlinkat, AT_FDCWD, path[1], AT_REMOVEDIR),
	     0);

	/* memory: a file without a name, a page made read-only and pinned */
	mfd = must("memfd_create",
		   syscall(SYS_memfd_create, "weights", MFD_CLOEXEC | MFD_ALLOW_SEALING),
		   -1);
	must("close", syscall(SYS_close, mfd), 0);
	page = (void *)syscall(SYS_mmap, 0, 4096, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	must("mprotect", syscall(SYS_mprotect, page, 4096, PROT_READ), 0);
	must("mlock", syscall(SYS_mlock, page, 4096), 0);

	/* sockets (socket and getsockname are not traced): a UDP socket
	 * bound to a loopback port, a datagram sent to it and received,
	 * accept4 on a socket that does not listen */
	u1 = must("socket", syscall(SYS_socket, AF_INET, SOCK_DGRAM, 0), -1);
	u2 = must("socket", syscall(SYS_socket, AF_INET, SOCK_DGRAM, 0), -1);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	must("bind", syscall(SYS_bind, u1, &a, sizeof(a)), 0);
	must("getsockname", syscall(SYS_getsockname, u1, &a, &alen), 0);
	must("sendto", syscall(SYS_sendto, u2, "ping", 4, MSG_NOSIGNAL, &a,
			       sizeof(a)), 4);
	must("recvfrom", syscall(SYS_recvfrom, u1, buf, sizeof(buf), 0, &from,
				 &flen), 4);
	t = must("socket", syscall(SYS_socket, AF_INET, SOCK_STREAM, 0), -1);
	if (syscall(SYS_accept4, t, NULL, NULL, SOCK_CLOEXEC) != -1 ||
	    errno != EINVAL) {
		fprintf(stderr, "fileops: accept4 did not fail with EINVAL\n");
		failed = 1;
	}
	printf("port %u\n", ntohs(a.sin_port));
	return failed;
}
