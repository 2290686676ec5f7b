/* The set of syscalls to trace: parsing -e lists and turning a syscall's
 * two format files into what the formatter (struct sysdesc) and the
 * program generators (struct prog_params) need. Pure logic. */
#ifndef AITRACE_SYSSET_H
#define AITRACE_SYSSET_H

#include <stddef.h>
#include "params.h"
#include "sysdesc.h"
#include "tpformat.h"

#define SYSSET_MAX 512

/* Split a comma-separated list into names (pointers into buf, a copy of
 * list the caller owns); duplicates dropped. Each name must be a syscall
 * of this architecture: otherwise returns -1 and names the culprit in
 * bad (badlen bytes). Returns the number of names. */
int sysset_parse(char *buf, const char **names, int max, char *bad,
		 size_t badlen);

/* Describe syscall `name` from its sys_enter and sys_exit formats (exit may
 * be NULL for a call that never returns). Fills d and the per-syscall part
 * of pp (sys_idx, shape, args, offsets, strings). Returns 0, or -1 with a
 * reason in err when the formats lack what we need. */
int sysset_describe(const char *name, unsigned sys_idx,
		    const struct tpformat *enter, const struct tpformat *exit,
		    struct sysdesc *d, struct prog_params *pp, char *err,
		    size_t errlen);

/* Signedness and width of a C type named in a format file. */
void sysset_ctype(const char *type, int *is_signed, int *c_size);

#endif
