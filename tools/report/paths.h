/* What a path names, by its text alone. Pure logic. */
#ifndef REPORT_PATHS_H
#define REPORT_PATHS_H

#include <stddef.h>

/* "socket:[1]", "pipe:[2]", "anon_inode:[eventfd]", "/memfd:x (deleted)" */
int paths_pseudo(const char *s, size_t n);
/* a file an action on which is worth listing: absolute or relative,
 * not pseudo, not under /dev, /proc or /sys (a NUL inside, which no real
 * path has, does not disqualify: it is shown, escaped) */
int paths_regular(const char *s, size_t n);
/* an accelerator device node: /dev/nvidia*, /dev/dri/renderD*,
 * /dev/dri/card*, /dev/kfd, /dev/accel/ *, /dev/neuron*; returns its
 * family ("nvidia", "dri", "kfd", "accel", "neuron") or NULL */
const char *paths_gpu(const char *s, size_t n);
/* a library of an ML framework or accelerator runtime: the family
 * ("pytorch", "cuda", ...) or NULL. By the file name (dirname too for
 * Python extension modules). */
const char *paths_framework(const char *s, size_t n);
/* the file name: after the last '/' */
const char *paths_base(const char *s, size_t n, size_t *bn);

#endif
