/* errno names and descriptions of the target, generated at build time from
 * its <asm/errno.h> (strace prints them as "-1 ENOENT (No such file or
 * directory)"; libc's strerror text varies between libcs, this does not). */
#ifndef AITRACE_ERRNOS_H
#define AITRACE_ERRNOS_H

/* NULL when the number has no name. */
const char *errnos_name(int err);
const char *errnos_desc(int err);
/* The description, or "unknown error": for diagnostics, in place of
 * strerror(), whose table a static binary would carry twice. */
const char *errnos_text(int err);

#endif
