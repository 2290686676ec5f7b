/* Unit tests for dec_futex.c. The op numbers are the same on every
 * architecture; the rows are what glibc/musl pthread code passes, with
 * the text strace 6.1 printed for them. */
#include <linux/futex.h>

#include "dec.h"
#include "expect.h"

static char buf[256];
static struct sb sb;

static struct sb *fresh(void)
{
	sb_init(&sb, buf, sizeof(buf));
	return &sb;
}

#define OUT(call) ((call), buf)

static void test_pthread_waits_and_wakes_read_as_strace_prints_them(void)
{
	/* pthread_cond_timedwait, sem_timedwait: 393 */
	EXPECT_STR(OUT(dec_futex_op(fresh(), 393)),
		   "FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME");
	/* pthread_mutex_unlock, pthread_cond_signal: 129 */
	EXPECT_STR(OUT(dec_futex_op(fresh(), 129)), "FUTEX_WAKE_PRIVATE");
	/* 128: the private lock wait */
	EXPECT_STR(OUT(dec_futex_op(fresh(), 128)), "FUTEX_WAIT_PRIVATE");
	/* pthread_join waits on the shared tid word: 265 */
	EXPECT_STR(OUT(dec_futex_op(fresh(), 265)),
		   "FUTEX_WAIT_BITSET|FUTEX_CLOCK_REALTIME");
}

static void test_shared_futexes_have_no_suffix(void)
{
	EXPECT_STR(OUT(dec_futex_op(fresh(), FUTEX_WAIT)), "FUTEX_WAIT");
	EXPECT_STR(OUT(dec_futex_op(fresh(), FUTEX_WAKE)), "FUTEX_WAKE");
	EXPECT_STR(OUT(dec_futex_op(fresh(), FUTEX_WAKE_OP_PRIVATE)),
		   "FUTEX_WAKE_OP_PRIVATE");
	EXPECT_STR(OUT(dec_futex_op(fresh(), FUTEX_CMP_REQUEUE_PI_PRIVATE)),
		   "FUTEX_CMP_REQUEUE_PI_PRIVATE");
	EXPECT_STR(OUT(dec_futex_op(fresh(), FUTEX_LOCK_PI2)),
		   "FUTEX_LOCK_PI2");
}

static void test_an_unknown_command_is_the_whole_op_in_hex(void)
{
	EXPECT_STR(OUT(dec_futex_op(fresh(), 99)), "0x63");
	EXPECT_STR(OUT(dec_futex_op(fresh(), 99 | 128 | 256)), "0x1e3");
	/* a known command with a bit the kernel does not know is unknown */
	EXPECT_STR(OUT(dec_futex_op(fresh(), FUTEX_WAKE | 0x200)), "0x201");
	EXPECT_STR(OUT(dec_futex_op(fresh(), 0xffffffff)), "0xffffffff");
}

static void test_only_the_int_the_kernel_reads_counts(void)
{
	EXPECT_STR(OUT(dec_futex_op(fresh(), 0xdead000000000081ull)),
		   "FUTEX_WAKE_PRIVATE");
	EXPECT_STR(OUT(dec_futex_op(fresh(), 0)), "FUTEX_WAIT");
}

static void test_output_stays_within_a_small_builder(void)
{
	const char *full = "FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME";
	char small[64];
	struct sb s;
	size_t cap;

	for (cap = 1; cap <= strlen(full) + 1; cap++) {
		memset(small, '#', sizeof(small));
		sb_init(&s, small, cap);
		dec_futex_op(&s, 393);
		EXPECT_TRUE(s.len < cap && small[s.len] == '\0');
		EXPECT_TRUE(strncmp(small, full, s.len) == 0);
		EXPECT_INT(s.cut, cap <= strlen(full));
		EXPECT_TRUE(small[cap] == '#');
	}
}

int main(void)
{
	test_pthread_waits_and_wakes_read_as_strace_prints_them();
	test_shared_futexes_have_no_suffix();
	test_an_unknown_command_is_the_whole_op_in_hex();
	test_only_the_int_the_kernel_reads_counts();
	test_output_stays_within_a_small_builder();
	return expect_summary("test_dec_futex");
}
