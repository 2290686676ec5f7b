/* basic: every syscall of the tracer's default set that a process can make
 * harmlessly, once or twice each, and the lines the tracer must log for
 * them (see expect_line.h).
 *
 *   usage: basic            run, then print the expected lines
 *          basic exec-exit  (internal) exit_group(7) at once: the image a
 *                           child execs, so that a successful execve is seen
 *
 * Children: clone, clone3, fork and vfork each start one that calls
 * exit_group(N) at once; another forks and execs this program. Their
 * lines are printed with their own pid as the thread id.
 */
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>

#include "expect_line.h"

#define TAG "basic"

static char *const exec_argv_tail = "exec-exit";

/* Wait for child pid (wait4 is not traced) and check it exited with code. */
static void reap(long pid, int code)
{
	int status = 0;
	long r = exp_raw(SYS_wait4, pid, (long)&status, 0, 0, 0, 0);

	if (r != pid || !WIFEXITED(status) || WEXITSTATUS(status) != code)
		exp_fatal("child %ld: wait4 = %ld, status 0x%x, want exit %d",
			  pid, r, status, code);
}

/* The parent's line for a call that returned a child pid, and the
 * child's exit_group line. */
static void child_exits(long pid, int code)
{
	if (pid <= 0)
		exp_fatal("could not start a child: %ld", pid);
	reap(pid, code);
	exp_exit_group(pid, code);
}

/* clone(SIGCHLD, 0, 0, 0, 0) = r: the format file's order of the
 * arguments depends on the architecture (CONFIG_CLONE_BACKWARDS*). */
static void clone_line(long r)
{
	struct exp_line l;

	exp_start(&l, "clone");
	exp_sep(&l);
	exp_puts(&l, "SIGCHLD");           /* unsigned long clone_flags */
	arg_ptr(&l, NULL);                 /* unsigned long newsp */
	arg_ptr(&l, NULL);                 /* int *parent_tidptr */
#if defined(__aarch64__) || defined(__arm__) || defined(__powerpc__)
	arg_ulong(&l, 0);                  /* unsigned long tls */
	arg_ptr(&l, NULL);                 /* int *child_tidptr */
#else
	arg_ptr(&l, NULL);                 /* int *child_tidptr */
	arg_ulong(&l, 0);                  /* unsigned long tls */
#endif
	ret_int(&l, r);
}

static void do_clone(void)
{
	long r = exp_raw(SYS_clone, SIGCHLD, 0, 0, 0, 0, 0);

	if (r == 0)
		exp_raw(SYS_exit_group, 3, 0, 0, 0, 0, 0);
	clone_line(r);
	child_exits(r, 3);
}

#ifdef SYS_clone3
struct clone_args_v0 { /* struct clone_args up to CLONE_ARGS_SIZE_VER0 */
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack,
		stack_size, tls;
};

static void do_clone3(void)
{
	static struct clone_args_v0 ca = { .exit_signal = SIGCHLD };
	struct exp_line l;
	long r = exp_raw(SYS_clone3, (long)&ca, sizeof(ca), 0, 0, 0, 0);

	if (r == 0)
		exp_raw(SYS_exit_group, 4, 0, 0, 0, 0, 0);
	exp_start(&l, "clone3");
	exp_sep(&l);                       /* read from the process */
	exp_puts(&l, "{flags=0, exit_signal=SIGCHLD, stack=NULL, stack_size=0}");
	arg_size(&l, sizeof(ca));          /* size_t size */
	ret_int(&l, r);
	if (r == -ENOSYS)
		return; /* a kernel before 5.3: the failure is the line */
	child_exits(r, 4);
}
#endif

#if defined(__x86_64__)
static void do_fork(void)
{
	struct exp_line l;
	long r = exp_raw(SYS_fork, 0, 0, 0, 0, 0, 0);

	if (r == 0)
		exp_raw(SYS_exit_group, 5, 0, 0, 0, 0, 0);
	exp_start(&l, "fork");
	ret_int(&l, r);
	child_exits(r, 5);
}

/* vfork's child shares our stack until it exits: it must not return from
 * a function, so it calls exit_group straight from the same asm. */
static void do_vfork(void)
{
	struct exp_line l;
	long r;

	__asm__ volatile("syscall\n\t"
			 "test %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "mov %2, %%eax\n\t"
			 "syscall\n"
			 "1:"
			 : "=a"(r)
			 : "0"((long)SYS_vfork), "i"(SYS_exit_group), "D"(6L)
			 : "rcx", "r11", "memory");
	exp_start(&l, "vfork");
	ret_int(&l, r);
	child_exits(r, 6);
}
#endif

/* A child that execs this program, which exits with 7 at once: the
 * child's execve succeeds, its strings read at entry. */
static void do_exec(const char *self)
{
	static char *argv[3];
	static char *envp[] = { NULL };
	struct exp_line l;
	long pid;

	/* the strings on our stack: a page the child has too. A BPF program
	 * cannot fault a page in, and a child that never touched a constant
	 * in our read-only data would not have its page (see
	 * docs/log-format.md) */
	char tail[32];

	snprintf(tail, sizeof(tail), "%s", exec_argv_tail);
	argv[0] = (char *)self;
	argv[1] = tail;
	pid = exp_raw(SYS_clone, SIGCHLD, 0, 0, 0, 0, 0);
	if (pid == 0) {
		exp_raw(SYS_execve, (long)self, (long)argv, (long)envp, 0, 0, 0);
		exp_raw(SYS_exit_group, 127, 0, 0, 0, 0, 0);
	}
	clone_line(pid);
	if (pid <= 0)
		exp_fatal("could not start a child: %ld", pid);
	reap(pid, 7);
	exp_start(&l, "execve");
	exp_for(&l, pid);
	arg_path(&l, self, -1);
	arg_argv(&l, argv);
	arg_ptr(&l, envp);
	ret_int(&l, 0);
	exp_exit_group(pid, 7);
}

int main(int argc, char **argv)
{
	static uint32_t futex_word;
	static char buf[4096];
	static char *const no_argv[] = { "missing", NULL };
	static char *const no_envp[] = { NULL };
	struct sockaddr_un sun;
	long fd, nul, r, map, sock;

	if (argc > 1 && !strcmp(argv[1], exec_argv_tail))
		exp_raw(SYS_exit_group, 7, 0, 0, 0, 0, 0);
	if (argc != 1 || !strchr(argv[0], '/'))
		exp_fatal("usage: path/to/basic (run it by a path with a /)");

	/* not traced: a socket for connect */
	sock = exp_raw(SYS_socket, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, 0, 0,
		       0);
	if (sock < 0)
		exp_fatal("socket: %ld", sock);
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	strcpy(sun.sun_path, "/aitrace-test/no-such-socket");
	exp_fd_proc(sock); /* socket is not traced: named from /proc */

	exp_begin(TAG);

	/* files */
	fd = x_openat(AT_FDCWD, argv[0], O_RDONLY | O_CLOEXEC, 0);
	if (fd < 0)
		exp_fatal("cannot open %s: %ld", argv[0], fd);
	r = x_read(fd, buf, 64);
	x_close(fd);
	x_openat(AT_FDCWD, "/aitrace-test/no/such/file", O_RDONLY, 0);
	nul = x_openat(AT_FDCWD, "/dev/null", O_WRONLY | O_CREAT | O_CLOEXEC,
		       0644);
	x_write(nul, buf, r);
#ifdef SYS_open
	fd = x_open("/dev/null", O_RDONLY, 0);
	x_read(fd, buf, sizeof(buf));  /* 0 at end of file */
	x_close(fd);
#endif
	x_close(12345);                /* EBADF */

	/* memory */
	map = x_mmap(0, 8192, 3 /* PROT_READ|PROT_WRITE */,
		     0x22 /* MAP_PRIVATE|MAP_ANONYMOUS */, -1, 0);
	x_munmap(map, 8192);
	x_brk(0);

	/* futex WAKE on a private word nobody waits on: 0 woken */
	x_futex(&futex_word, 129 /* FUTEX_WAKE|FUTEX_PRIVATE_FLAG */, 1, NULL,
		NULL, 0);

	/* device control on a file that is no tty */
	x_ioctl(nul, TCGETS, (long)buf);
	x_close(nul);

	/* network egress to nowhere */
	x_connect(sock, &sun, sizeof(sun));

	/* exec of nothing */
	x_execve("/aitrace-test/missing", no_argv, no_envp);

	/* process creation */
	do_clone();
#ifdef SYS_clone3
	do_clone3();
#endif
#if defined(__x86_64__)
	do_fork();
	do_vfork();
#endif
	do_exec(argv[0]);

	exp_end(TAG);
	return exp_print();
}
