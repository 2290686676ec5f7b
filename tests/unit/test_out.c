/* out: the log writer on a file, on a pipe that takes everything, and on
 * a pipe whose reader takes nothing: a stop signal must be able to end
 * the wait (patience after the first, at once at the second) instead of
 * leaving the tracer blocked in write(2) for ever. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "expect.h"
#include "out.h"

#define CAP (256 * 1024)

static char line[100];

/* Fill o with n lines of 100 bytes, the last byte of each a newline. */
static void put_lines(struct out *o, int n)
{
	int i;

	memset(line, 'x', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\n';
	for (i = 0; i < n; i++)
		out_line(o, line, sizeof(line));
}

static void a_regular_file_is_written_directly(void)
{
	char path[] = "/tmp/test_out.XXXXXX";
	int fd = mkstemp(path);
	volatile sig_atomic_t stops = 0;
	sigset_t none;
	struct out o;

	sigemptyset(&none);
	EXPECT_TRUE(fd >= 0);
	unlink(path);
	EXPECT_INT(out_init(&o, fd, CAP), 0);
	out_wait_signals(&o, &none, &stops);
	EXPECT_TRUE(o.stops == NULL); /* a file never waits for a reader */
	put_lines(&o, 5000);          /* 500000 bytes: one flush on the way */
	EXPECT_INT(out_flush(&o), 0);
	EXPECT_INT(o.bytes, 500000);
	EXPECT_INT(lseek(fd, 0, SEEK_END), 500000);
	out_free(&o);
	close(fd);
}

/* A child reads the pipe to the end: every byte arrives, in order. */
static void a_pipe_that_is_read_gets_every_byte(void)
{
	volatile sig_atomic_t stops = 0;
	int p[2], st, i;
	sigset_t none;
	struct out o;
	pid_t kid;

	sigemptyset(&none);
	EXPECT_INT(pipe(p), 0);
	kid = fork();
	if (kid == 0) {
		char buf[4096];
		long total = 0, bad = 0;
		ssize_t n;

		close(p[1]);
		while ((n = read(p[0], buf, sizeof(buf))) > 0) {
			for (i = 0; i < n; i++)
				bad += buf[i] != ((total + i) % 100 == 99 ? '\n' : 'x');
			total += n;
		}
		_exit(total == 300000 && !bad ? 0 : 1);
	}
	close(p[0]);
	EXPECT_INT(out_init(&o, p[1], CAP), 0);
	out_wait_signals(&o, &none, &stops);
	EXPECT_TRUE(o.stops == &stops);
	put_lines(&o, 3000);
	EXPECT_INT(out_flush(&o), 0);
	EXPECT_INT(o.bytes, 300000);
	EXPECT_INT(o.lines_dropped, 0);
	close(p[1]);
	EXPECT_INT(waitpid(kid, &st, 0), kid);
	EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	out_free(&o);
}

/* Nobody reads: with no stop asked the writer would wait (not tested: for
 * ever); after one stop signal it waits patience_s without progress, after
 * two not at all. What did not fit is dropped and counted. */
static void a_pipe_nobody_reads_is_given_up_after_a_stop(void)
{
	volatile sig_atomic_t stops = 1;
	int p[2], k;
	sigset_t none;
	struct out o;

	sigemptyset(&none);
	for (k = 1; k <= 2; k++) {
		EXPECT_INT(pipe(p), 0);
		EXPECT_INT(out_init(&o, p[1], CAP), 0);
		out_wait_signals(&o, &none, &stops);
		o.patience_s = 0;
		stops = k;
		put_lines(&o, 2000); /* 200000 bytes: more than a pipe holds */
		EXPECT_INT(out_flush(&o), k == 1 ? -ETIMEDOUT : -EINTR);
		EXPECT_INT(o.err, k == 1 ? ETIMEDOUT : EINTR);
		/* the pipe got what it holds (64 KiB) after one stop, nothing
		 * after two */
		EXPECT_INT(o.bytes, k == 1 ? 65536 : 0);
		put_lines(&o, 3);
		EXPECT_INT(o.lines_dropped, 3);
		out_free(&o);
		close(p[0]);
		close(p[1]);
	}
}

int main(void)
{
	a_regular_file_is_written_directly();
	a_pipe_that_is_read_gets_every_byte();
	a_pipe_nobody_reads_is_given_up_after_a_stop();
	return expect_summary("test_out");
}
