/* futex(2) operations: the command, whether it is process-private, and
 * the clock, from <linux/futex.h>. */
#include <linux/futex.h>

#include "dec.h"

#ifdef FUTEX_LOCK_PI2 /* Linux 5.14 */
#define FUTEX_LOCK_PI2_(_, p) _(p, LOCK_PI2)
#else
#define FUTEX_LOCK_PI2_(_, p)
#endif

/* Transcribed from <linux/futex.h>: the commands (op & FUTEX_CMD_MASK). */
#define FUTEX_CMDS(_, p)                                                      \
	_(p, WAIT) _(p, WAKE) _(p, FD) _(p, REQUEUE) _(p, CMP_REQUEUE)        \
	_(p, WAKE_OP) _(p, LOCK_PI) _(p, UNLOCK_PI) _(p, TRYLOCK_PI)          \
	_(p, WAIT_BITSET) _(p, WAKE_BITSET) _(p, WAIT_REQUEUE_PI)             \
	_(p, CMP_REQUEUE_PI) FUTEX_LOCK_PI2_(_, p)
FLAGS_TABLE(futex_cmds, uint8_t, FUTEX_, FUTEX_CMDS);

void dec_futex_op(struct sb *s, uint64_t op)
{
	/* the kernel takes an int */
	uint32_t v = (uint32_t)op;
	uint32_t cmd = v & (uint32_t)FUTEX_CMD_MASK;

	if (!flags_name(s, futex_cmds, cmd)) {
		/* unknown: all of it as a number, as strace does */
		flags_hex(s, v);
		return;
	}
	if (v & FUTEX_PRIVATE_FLAG)
		sb_str(s, "_PRIVATE");
	if (v & FUTEX_CLOCK_REALTIME)
		sb_str(s, "|FUTEX_CLOCK_REALTIME");
}

unsigned dec_futex_shown(uint64_t op)
{
	/* strace's futex.c: bit i set when argument i is printed */
	switch ((uint32_t)op & (uint32_t)FUTEX_CMD_MASK) {
	case FUTEX_WAKE:
	case FUTEX_FD:
		return 0x07; /* uaddr, op, val */
	case FUTEX_UNLOCK_PI:
	case FUTEX_TRYLOCK_PI:
		return 0x03;
	case FUTEX_WAIT:
		return 0x0f; /* ..., timeout */
	case FUTEX_LOCK_PI:
#ifdef FUTEX_LOCK_PI2
	case FUTEX_LOCK_PI2:
#endif
		return 0x0b; /* uaddr, op, timeout: not val */
	case FUTEX_WAIT_BITSET:
		return 0x2f; /* uaddr, op, val, timeout, val3 */
	case FUTEX_WAKE_BITSET:
		return 0x27; /* uaddr, op, val, val3 */
	case FUTEX_REQUEUE:
	case FUTEX_WAIT_REQUEUE_PI:
		return 0x1f; /* ..., val2 or timeout, uaddr2 */
	}
	return 0x3f;
}

void dec_futex_val3(struct sb *s, uint64_t op, uint64_t val3)
{
	uint32_t cmd = (uint32_t)op & (uint32_t)FUTEX_CMD_MASK;
	uint32_t v = (uint32_t)val3;

	if (cmd == FUTEX_WAIT_BITSET || cmd == FUTEX_WAKE_BITSET) {
		if (v == FUTEX_BITSET_MATCH_ANY)
			sb_str(s, "FUTEX_BITSET_MATCH_ANY");
		else
			flags_hex(s, v);
		return;
	}
	sb_u64(s, v);
}

int dec_futex_timeout_is_val2(uint64_t op)
{
	switch ((uint32_t)op & (uint32_t)FUTEX_CMD_MASK) {
	case FUTEX_REQUEUE:
	case FUTEX_CMP_REQUEUE:
	case FUTEX_CMP_REQUEUE_PI:
	case FUTEX_WAKE_OP:
		return 1;
	}
	return 0;
}
