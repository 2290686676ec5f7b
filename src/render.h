/* One syscall's arguments and return value, decoded for the reader: the
 * text strace would print for each (flags by name, fds with their paths,
 * strings quoted, socket addresses and argv from the captures), shared by
 * the text log (line.c) and the JSON log (json.c). Pure: the fd paths are
 * looked up by the caller and handed in.
 */
#ifndef AITRACE_RENDER_H
#define AITRACE_RENDER_H

#include <stddef.h>
#include <stdint.h>

#include "decode.h"
#include "sb.h"
#include "sysdesc.h"

/* What an fd refers to, as far as the tracer knows. */
enum fdpath_source {
	FDPATH_NONE = 0,  /* unknown */
	FDPATH_SEEN,      /* from an open the tracer saw */
	FDPATH_PROC,      /* from /proc/PID/fd when the record was read:
			   * may be stale (see docs/log-format.md) */
};

struct fdpath {
	const unsigned char *path; /* not NUL-terminated; untrusted bytes */
	size_t len;
	enum fdpath_source source;
	int cut;                   /* the path was longer than kept */
};

struct render_in {
	const struct sysdesc *d;
	const __u64 *args;         /* the call's arguments */
	const struct event *caps;  /* the record holding the captures (the
				    * REC_ENTER for execve), or NULL */
	struct fdpath fd[REC_NARGS]; /* for DEC_FD and DEC_DIRFD args */
	struct fdpath ret_fd;      /* for a RET_FD call's new fd */
	unsigned str_max;          /* -s */
	/* a copy of one fd path that the call itself replaces in the fd
	 * table before the line is written (dup2's newfd) */
	unsigned char kept[512];
};

/* Is argument i shown? (open's mode without O_CREAT, futex's unused
 * arguments are not.) */
int render_shown(const struct render_in *in, unsigned i);

/* Argument i as the text log shows it. */
void render_arg(struct sb *s, const struct render_in *in, unsigned i);

/* The raw value of argument i as its C type reads it (sign-extended from
 * its width when signed), for the JSON "raw" field. */
int64_t render_arg_raw(const struct render_in *in, unsigned i, int *is_signed);

/* The index of the argument called name (the format file's field name),
 * or -1; its raw register value, or def when the call has none. */
int render_arg_index(const struct render_in *in, const char *name);
uint64_t render_arg_named(const struct render_in *in, const char *name,
			  uint64_t def);

/* Argument i is a vector that was read and held nothing ("[]"). */
int render_empty_vector(const struct render_in *in, unsigned i);

/* The capture of argument i, or -1. */
int render_cap_of(const struct render_in *in, unsigned i);

/* The return value: "3</etc/hosts>", "-1 ENOENT (No such file or
 * directory)", "0x7f00deadb000". */
void render_ret(struct sb *s, const struct render_in *in, int64_t ret);

/* "/path" as "<...>" decoration, escaped; "..." when cut. */
void render_fdpath(struct sb *s, const struct fdpath *p);

/* An ioctl family for an fd's path (NULL: unknown). */
int render_ioctl_family(const struct fdpath *p);

#endif
