/* Finding (or mounting) tracefs and reading event ids and formats from it.
 *
 * Order: /sys/kernel/tracing when tracefs is mounted there; else
 * /sys/kernel/debug/tracing when mounted; else mount tracefs at
 * /sys/kernel/tracing (left mounted, the standard place); else, when /sys
 * itself is missing (an initramfs), mount it on a private directory that is
 * unmounted and removed again by tracefs_close(). What was mounted is said
 * on stderr.
 */
#ifndef AITRACE_TRACEFS_H
#define AITRACE_TRACEFS_H

#include <stddef.h>
#include "tpformat.h"

struct tracefs {
	char root[256];     /* directory holding events/ */
	int mounted;        /* 1: we mounted it at root */
	int private_mount;  /* 1: root is our own temporary directory */
};

/* 0, or -errno after saying why on stderr. */
int tracefs_open(struct tracefs *t);
void tracefs_close(struct tracefs *t);

/* Read root/rel entirely into buf (NUL-terminated). Returns the length or
 * -errno (-EFBIG when cap is too small). */
long tracefs_read(const struct tracefs *t, const char *rel, char *buf,
		  size_t cap);
/* events/<group>/<event>/format parsed, id included. -ENOENT when the
 * event does not exist on this kernel; other -errno after saying why. */
int tracefs_format(const struct tracefs *t, const char *group,
		   const char *event, struct tpformat *fmt);

#endif
