/* futex(2) operations: the command, whether it is process-private, and
 * the clock, from <linux/futex.h>. */
#include <linux/futex.h>

#include "dec.h"

/* Transcribed from <linux/futex.h>: the commands (op & FUTEX_CMD_MASK). */
static const struct flag futex_cmds[] = {
	FLAG(FUTEX_WAIT),
	FLAG(FUTEX_WAKE),
	FLAG(FUTEX_FD),
	FLAG(FUTEX_REQUEUE),
	FLAG(FUTEX_CMP_REQUEUE),
	FLAG(FUTEX_WAKE_OP),
	FLAG(FUTEX_LOCK_PI),
	FLAG(FUTEX_UNLOCK_PI),
	FLAG(FUTEX_TRYLOCK_PI),
	FLAG(FUTEX_WAIT_BITSET),
	FLAG(FUTEX_WAKE_BITSET),
	FLAG(FUTEX_WAIT_REQUEUE_PI),
	FLAG(FUTEX_CMP_REQUEUE_PI),
#ifdef FUTEX_LOCK_PI2 /* Linux 5.14 */
	FLAG(FUTEX_LOCK_PI2),
#endif
};

void dec_futex_op(struct sb *s, uint64_t op)
{
	/* the kernel takes an int */
	uint32_t v = (uint32_t)op;
	uint32_t cmd = v & (uint32_t)FUTEX_CMD_MASK;
	const char *name = flags_lookup(cmd, futex_cmds, FLAGS_N(futex_cmds));

	if (!name) { /* unknown: all of it as a number, as strace does */
		flags_hex(s, v);
		return;
	}
	sb_str(s, name);
	if (v & FUTEX_PRIVATE_FLAG)
		sb_str(s, "_PRIVATE");
	if (v & FUTEX_CLOCK_REALTIME)
		sb_str(s, "|FUTEX_CLOCK_REALTIME");
}
