/* Print a program the way the verifier log prints instructions
 * ("12: (85) call bpf_ktime_get_ns#5"), with each group's comment on a
 * "; " line before it, so our dump and the kernel's log read side by side.
 * Pure: writes into the caller's buffer. */
#ifndef AITRACE_DUMP_H
#define AITRACE_DUMP_H

#include <stddef.h>
#include "emit.h"

/* Returns the length the full dump needs (like snprintf); writes at most
 * cap bytes including a NUL. */
size_t dump_prog(const struct emit_prog *p, char *buf, size_t cap);

#endif
