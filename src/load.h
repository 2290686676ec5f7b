/* Loading a generated program into the kernel, with the verifier's log
 * shown when it is refused (in full with -v, its last lines otherwise). */
#ifndef AITRACE_LOAD_H
#define AITRACE_LOAD_H

#include <stddef.h>

#include "emit.h"

/* The fd, or -errno after saying why (quiet: say nothing, for probes). */
int load_prog(const struct emit_prog *p, int quiet);
/* Load with the verifier log always captured into log (size bytes), for
 * the verifier tests and -v. The fd or -errno; says nothing. */
int load_prog_log(const struct emit_prog *p, char *log, size_t size);

#endif
