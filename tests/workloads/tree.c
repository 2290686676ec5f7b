/* tree: a process tree for the scope tests (-p, -f, -c, a COMMAND): it
 * forks grandchildren, execs itself, runs threads, and exits in odd
 * orders, and prints the lines the tracer must log for every process of
 * it (see expect_line.h), with facts about the tree.
 *
 *   usage: tree [--wait] [--exit N]   run by a path with a /
 *          tree exec-child CODE        (internal) the image a child execs:
 *                                      one openat, then exit_group(CODE)
 *
 *   --wait    after setting up (C3, T3 and T1 exist), print "# waiting PID"
 *             and wait for SIGUSR1 (at most 60 s) before the region: a
 *             tracer given -p PID attaches meanwhile
 *   --exit N  exit with N (default 0) once the expectations are printed
 *
 * The tree, R being this process ("early": made before the region):
 *
 *   R ── T1  a thread (early); in the region it forks C2, which execs
 *   │        "tree exec-child 42" and exits 42; T1 reaps it
 *   ├─── C3  a child (early) with a thread T3 (early). In the region C3's
 *   │        leader calls exit() first; T3 goes on after it, then ends
 *   │        the process with exit_group(23)
 *   ├─── C1  forks G1, then exits (11) before it: G1, orphaned, goes to
 *   │   │    R (a child subreaper), makes its calls, and exits 0
 *   │   └─ G1
 *   └─── L   forked in the region; waits until R has exited, then calls
 *            openat("/aitrace-test/tree/late") and exit_group(0)
 *
 * The region (between the markers of tag "tree") holds every call of R,
 * T1, C1, G1, C2 (after its exec too), C3 and T3; L makes its calls after
 * R is gone, so they are outside it (the test looks for them by "# late").
 *
 * The children record their expectations as every workload does, then
 * copy them into memory shared with R before they exit (no syscall), and
 * R prints them all after the end marker. The exec'd image cannot, so T1
 * records its lines for it: they are fixed.
 *
 * Facts ("# " lines) after the expectations:
 *   # tree R C1 G1 C2 C3 L          every process of the tree
 *   # root-tids R T1                the threads of R
 *   # early C3 T3                   the ids that exist before the region
 *   # after-leader T3               a thread that runs after its leader's
 *                                   exit (kernels before 5.16 cannot tell)
 *   # fork P/T C                    a process forked by thread T of P
 *   # thread P/T C                  a thread made by thread T of P
 *   # exec C PATH                   C execed PATH (the kernel's filename)
 *   # late L                        L, and its calls come after R's exit
 *   # exit N                        R's exit status
 */
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include "expect_line.h"

#define TAG "tree"
#define SHARED_TEXT (1u << 20)
#define SPIN_MS 30000 /* every wait for another process, bounded */

struct shared {
	int go;                 /* R: the region has begun */
	int c3_ready;           /* C3: T3 runs */
	int c3_leader_gone;     /* C3's leader is about to exit() */
	int t1_done;            /* T1 has reaped C2 and recorded its lines */
	int released;           /* R: the region has ended, T1 may return
				 * (its exit wakes a joiner by futex) */
	long g1_pid, t3_tid, c2_pid;
	unsigned used;          /* bytes of text */
	int overflow;
	char text[SHARED_TEXT]; /* "<tid> <line>\n" from the children */
};

static struct shared *sh;
static const char *self;
static long root_pid, t1_tid;

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	exp_raw(SYS_nanosleep, (long)&ts, 0, 0, 0, 0, 0); /* not traced */
}

/* Spin until *flag is set, at most SPIN_MS (nanosleep is not traced). */
static void wait_flag(const int *flag, const char *what)
{
	int i;

	for (i = 0; i < SPIN_MS && !__atomic_load_n(flag, __ATOMIC_ACQUIRE); i++)
		sleep_ms(1);
	if (!__atomic_load_n(flag, __ATOMIC_ACQUIRE))
		exp_fatal("waited %d ms for %s", SPIN_MS, what);
}

/* Spin until our parent is not ppid any more (getppid is not traced). */
static void wait_orphaned(long ppid)
{
	int i;

	for (i = 0; i < SPIN_MS && exp_raw(SYS_getppid, 0, 0, 0, 0, 0, 0) == ppid; i++)
		sleep_ms(1);
	if (exp_raw(SYS_getppid, 0, 0, 0, 0, 0, 0) == ppid)
		exp_fatal("parent %ld still alive after %d ms", ppid, SPIN_MS);
}

/* In a new process: start with no expectations of its own, and learn its
 * own id (the thread-local cache holds the parent thread's). */
static void child_starts(void)
{
	exp_nrec = 0;
	exp_used = 0;
	exp_overflow = 0;
	exp_tid_cache = 0;
	exp_tid();
}

/* Copy this process's expectations to R (memory only, no syscall). */
static void publish(void)
{
	unsigned i, n = exp_nrec < EXP_MAX ? exp_nrec : EXP_MAX;
	char line[EXP_LINE_MAX + 32];

	if (exp_overflow)
		__atomic_store_n(&sh->overflow, 1, __ATOMIC_RELAXED);
	for (i = 0; i < n; i++) {
		int len = snprintf(line, sizeof(line), "%ld %.*s\n",
				   exp_recs[i].tid, (int)exp_recs[i].len,
				   exp_arena + exp_recs[i].off);
		unsigned at;

		if (len < 0 || (size_t)len >= sizeof(line)) {
			__atomic_store_n(&sh->overflow, 1, __ATOMIC_RELAXED);
			continue;
		}
		at = __atomic_fetch_add(&sh->used, (unsigned)len, __ATOMIC_RELAXED);
		if (at + (unsigned)len > SHARED_TEXT) {
			__atomic_store_n(&sh->overflow, 1, __ATOMIC_RELAXED);
			continue;
		}
		memcpy(sh->text + at, line, (size_t)len);
	}
}

/* Record this thread's exit_group(code), publish, and make the call. */
static void exit_group_published(int code)
{
	exp_exit_group(exp_tid(), code);
	publish();
	exp_raw(SYS_exit_group, code, 0, 0, 0, 0, 0);
	exp_fatal("exit_group returned");
}

/* clone(SIGCHLD, 0, 0, 0, 0) = r, as basic.c writes it */
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

/* A process: fork by the raw call (the parent's line recorded) */
static long fork_child(void)
{
	long r = exp_raw(SYS_clone, SIGCHLD, 0, 0, 0, 0, 0);

	if (r == 0) {
		child_starts();
		return 0;
	}
	if (r < 0)
		exp_fatal("clone: %ld", r);
	clone_line(r);
	return r;
}

static void reap(long pid, int code)
{
	int status = 0;
	long r = exp_raw(SYS_wait4, pid, (long)&status, 0, 0, 0, 0);

	if (r != pid || !WIFEXITED(status) || WEXITSTATUS(status) != code)
		exp_fatal("child %ld: wait4 = %ld, status 0x%x, want exit %d",
			  pid, r, status, code);
}

/* One failing openat of /aitrace-test/tree/<what>: a line easy to find */
static void probe(const char *what)
{
	char path[128];

	snprintf(path, sizeof(path), "/aitrace-test/tree/%s", what);
	x_openat(AT_FDCWD, path, O_RDONLY, 0);
}

/* ---- the exec'd image ------------------------------------------------------ */

static const char exec_path[] = "/aitrace-test/tree/exec-child";

static int exec_child(const char *code)
{
	char path[64];

	/* on the stack: a fresh image may not have the page of a constant
	 * yet, and a BPF program cannot fault it in */
	snprintf(path, sizeof(path), "%s", exec_path);
	exp_raw(SYS_openat, AT_FDCWD, (long)path, O_RDONLY, 0, 0, 0);
	exp_raw(SYS_exit_group, atoi(code), 0, 0, 0, 0, 0);
	return 127;
}

/* ---- T1: a thread of R that forks C2, which execs ------------------------- */

static void *t1_main(void *arg)
{
	static char *envp[] = { NULL };
	char *argv[4], tail[16], code[8];
	struct exp_line l;
	long c2;

	(void)arg;
	t1_tid = exp_tid();
	wait_flag(&sh->go, "the region");
	probe("t1");
	/* the strings on our stack: pages the child has (see basic.c) */
	snprintf(tail, sizeof(tail), "exec-child");
	snprintf(code, sizeof(code), "42");
	argv[0] = (char *)self;
	argv[1] = tail;
	argv[2] = code;
	argv[3] = NULL;
	c2 = fork_child();
	if (c2 == 0) {
		exp_raw(SYS_execve, (long)self, (long)argv, (long)envp, 0, 0, 0);
		exp_raw(SYS_exit_group, 127, 0, 0, 0, 0, 0);
	}
	sh->c2_pid = c2;
	reap(c2, 42);
	/* C2's lines, which it cannot record: its execve, and what the
	 * image does (musl's start-up makes no call of the default set) */
	exp_start(&l, "execve");
	exp_for(&l, c2);
	arg_path(&l, self, -1);
	arg_argv(&l, argv);
	arg_ptr(&l, envp);
	ret_int(&l, 0);
	exp_start(&l, "openat");
	exp_for(&l, c2);
	arg_dirfd(&l, AT_FDCWD);
	arg_path(&l, exec_path, -1);
	arg_open_flags(&l, O_RDONLY);
	ret_int(&l, -ENOENT);
	exp_exit_group(c2, 42);
	__atomic_store_n(&sh->t1_done, 1, __ATOMIC_RELEASE);
	wait_flag(&sh->released, "the end of the region");
	return NULL;
}

/* ---- C3: the leader leaves first, its thread T3 ends the process ---------- */

static void *t3_main(void *arg)
{
	(void)arg;
	sh->t3_tid = exp_tid();
	__atomic_store_n(&sh->c3_ready, 1, __ATOMIC_RELEASE);
	wait_flag(&sh->go, "the region");
	probe("t3-before");
	wait_flag(&sh->c3_leader_gone, "C3's leader");
	/* the leader is a zombie by now: its thread group lives on here */
	sleep_ms(100);
	probe("t3-after-leader");
	x_brk(0);
	exit_group_published(23);
	return NULL;
}

static void c3_main(void)
{
	pthread_t t3;
	pthread_attr_t attr;

	if (pthread_attr_init(&attr) || pthread_attr_setstacksize(&attr, 1 << 20) ||
	    pthread_create(&t3, &attr, t3_main, NULL))
		exp_fatal("C3: cannot create T3");
	wait_flag(&sh->go, "the region");
	probe("c3-leader");
	/* the lines are in the process's memory, T3 publishes them */
	__atomic_store_n(&sh->c3_leader_gone, 1, __ATOMIC_RELEASE);
	exp_raw(SYS_exit, 0, 0, 0, 0, 0, 0); /* this thread only */
}

/* ---- C1 and its child G1, orphaned ---------------------------------------- */

static void c1_main(long c1)
{
	long g1;

	probe("c1");
	g1 = fork_child();
	if (g1 == 0) {
		wait_orphaned(c1);
		probe("g1-orphan");
		exit_group_published(0);
	}
	sh->g1_pid = g1;
	/* out before G1 */
	exit_group_published(11);
}

/* ---- R ------------------------------------------------------------------------- */

int main(int argc, char **argv)
{
	pthread_t t1;
	pthread_attr_t attr;
	sigset_t usr1;
	long c1, c3, l;
	int i, wait = 0, code = 0;
	unsigned used;

	if (argc == 3 && !strcmp(argv[1], "exec-child"))
		return exec_child(argv[2]);
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--wait"))
			wait = 1;
		else if (!strcmp(argv[i], "--exit") && i + 1 < argc)
			code = atoi(argv[++i]);
		else
			exp_fatal("usage: path/to/tree [--wait] [--exit N]");
	}
	if (!strchr(argv[0], '/'))
		exp_fatal("usage: path/to/tree (run it by a path with a /)");
	self = argv[0];
	root_pid = getpid();
	exp_tid();

	/* set-up, before the region: SIGUSR1 waits for sigtimedwait in
	 * every thread, orphans come to us, shared memory, C3 and T3, T1 */
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0))
		exp_fatal("cannot become a child subreaper");
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		exp_fatal("cannot map shared memory");
	c3 = fork();
	if (c3 < 0)
		exp_fatal("cannot fork C3");
	if (c3 == 0) {
		child_starts();
		c3_main();
	}
	wait_flag(&sh->c3_ready, "T3");
	if (pthread_attr_init(&attr) || pthread_attr_setstacksize(&attr, 1 << 20) ||
	    pthread_create(&t1, &attr, t1_main, NULL))
		exp_fatal("cannot create T1");
	if (wait) {
		struct timespec limit = { 60, 0 };

		printf("# waiting %ld\n", root_pid);
		fflush(stdout);
		if (sigtimedwait(&usr1, NULL, &limit) != SIGUSR1)
			exp_fatal("no SIGUSR1 within 60 s");
	}

	exp_begin(TAG);
	__atomic_store_n(&sh->go, 1, __ATOMIC_RELEASE);
	probe("root");
	c1 = fork_child();
	if (c1 == 0)
		c1_main(exp_tid());
	l = fork_child();
	if (l == 0) {
		char late[64];

		/* the path on the stack: a page we have (see basic.c) */
		snprintf(late, sizeof(late), "/aitrace-test/tree/late");
		wait_orphaned(root_pid);
		exp_raw(SYS_openat, AT_FDCWD, (long)late, O_RDONLY, 0, 0, 0);
		exp_raw(SYS_exit_group, 0, 0, 0, 0, 0, 0);
	}
	/* C1 first, which orphans G1 to us; then G1, C3, T1's C2 */
	reap(c1, 11);
	reap(sh->g1_pid, 0);
	reap(c3, 23);
	wait_flag(&sh->t1_done, "T1");
	exp_end(TAG);

	__atomic_store_n(&sh->released, 1, __ATOMIC_RELEASE);
	pthread_join(t1, NULL);
	used = sh->used < SHARED_TEXT ? sh->used : SHARED_TEXT;
	if (sh->overflow)
		exp_fatal("a child's expectations did not fit");
	exp_print();
	fwrite(sh->text, 1, used, stdout);
	printf("# tree %ld %ld %ld %ld %ld %ld\n", root_pid, c1, sh->g1_pid,
	       sh->c2_pid, c3, l);
	printf("# root-tids %ld %ld\n", root_pid, t1_tid);
	printf("# early %ld %ld\n", c3, sh->t3_tid);
	printf("# after-leader %ld\n", sh->t3_tid);
	printf("# fork %ld/%ld %ld\n", root_pid, root_pid, c3);
	printf("# thread %ld/%ld %ld\n", c3, c3, sh->t3_tid);
	printf("# thread %ld/%ld %ld\n", root_pid, root_pid, t1_tid);
	printf("# fork %ld/%ld %ld\n", root_pid, root_pid, c1);
	printf("# fork %ld/%ld %ld\n", c1, c1, sh->g1_pid);
	printf("# fork %ld/%ld %ld\n", root_pid, t1_tid, sh->c2_pid);
	printf("# fork %ld/%ld %ld\n", root_pid, root_pid, l);
	printf("# exec %ld %s\n", sh->c2_pid, self);
	printf("# late %ld\n", l);
	printf("# exit %d\n", code);
	if (fflush(stdout) != 0)
		exp_fatal("cannot write the expectations");
	return code;
}
