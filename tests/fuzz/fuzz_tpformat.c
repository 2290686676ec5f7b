/* libFuzzer target for tpformat.c (and what sysset.c builds on it): a
 * tracefs "format" file, mutated from the real ones in
 * tests/fixtures/formats/.
 *
 * Input: the file's text, then one byte that picks a syscall name and the
 * size of the error buffer (last, so that a real format file is a seed as
 * it is: it only loses its final newline).
 *
 * Checked:
 * - a refusal leaves a NUL-terminated reason of printable ASCII that fits
 *   the buffer it was given (the text quoted from a corrupt line must not
 *   garble the diagnostic), or nothing at all when there is no buffer;
 * - an accepted file has a name, 1..TPFORMAT_MAX_FIELDS fields, each
 *   named by an identifier, no name twice, signed 0 or 1, is_common exactly
 *   for common_*, and tpformat_field() finds every field;
 * - sysset_describe() on it either refuses, or describes arguments whose
 *   offsets and sizes are exactly the file's (nothing truncated to fit a
 *   narrower type) and captures that name real arguments.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzzcheck.h"
#include "sysset.h"
#include "syscalls.h"
#include "tpformat.h"

static const char *const names[] = {
	"openat", "open", "read", "write", "close", "mmap", "munmap", "brk",
	"futex", "execve", "clone", "clone3", "fork", "vfork", "exit_group",
	"connect", "ioctl", "execveat", "bind", "sendto", "kill", "openat2",
};
#define NNAMES (sizeof(names) / sizeof(names[0]))

static int ident(const char *s)
{
	if (!*s || (*s >= '0' && *s <= '9'))
		return 0;
	for (; *s; s++)
		if (!(*s == '_' || (*s >= '0' && *s <= '9') ||
		      (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
			return 0;
	return 1;
}

static void check_accepted(const struct tpformat *f)
{
	unsigned i, j;

	FUZZ_ASSERT(f->name[0] && memchr(f->name, 0, sizeof(f->name)), f->name,
		    sizeof(f->name));
	FUZZ_ASSERT(f->nfields >= 1 && f->nfields <= TPFORMAT_MAX_FIELDS, f,
		    0);
	for (i = 0; i < f->nfields; i++) {
		const struct tpfield *x = &f->field[i];

		FUZZ_ASSERT(memchr(x->name, 0, sizeof(x->name)) &&
				    memchr(x->type, 0, sizeof(x->type)),
			    x, sizeof(*x));
		FUZZ_ASSERT(ident(x->name), x->name, strlen(x->name));
		FUZZ_ASSERT(x->type[0], x->name, strlen(x->name));
		FUZZ_ASSERT(x->is_signed == 0 || x->is_signed == 1, x,
			    sizeof(*x));
		FUZZ_ASSERT(x->is_common == !strncmp(x->name, "common_", 7),
			    x->name, strlen(x->name));
		FUZZ_ASSERT(x->array_len >= 0, x, sizeof(*x));
		FUZZ_ASSERT(tpformat_field(f, x->name) == x, x->name,
			    strlen(x->name));
		(void)tpfield_is_pointer(x);
		for (j = 0; j < i; j++)
			FUZZ_ASSERT(strcmp(f->field[j].name, x->name) != 0,
				    x->name, strlen(x->name));
	}
}

static void check_describe(const struct tpformat *f, const char *name)
{
	static struct sysdesc d;
	static struct prog_params pp;
	const struct tpfield *nr;
	char err[160];
	unsigned i, a = 0;
	int never = syscalls_never_returns(name);

	memset(&pp, 0, sizeof(pp));
	if (sysset_describe(name, 3, f, never ? NULL : f, &d, &pp, err,
			    sizeof(err)) != 0) {
		FUZZ_ASSERT(memchr(err, 0, sizeof(err)), err, sizeof(err));
		return;
	}
	nr = tpformat_field(f, "__syscall_nr");
	FUZZ_ASSERT(nr && nr->offset == pp.enter_nr_off, f->name,
		    strlen(f->name));
	FUZZ_ASSERT(d.nargs <= REC_NARGS && pp.nargs == d.nargs, f->name,
		    strlen(f->name));
	/* the arguments are the other non-common fields, in order, each at
	 * exactly its offset */
	for (i = 0; i < f->nfields; i++) {
		const struct tpfield *x = &f->field[i];

		if (x->is_common || !strcmp(x->name, "__syscall_nr"))
			continue;
		FUZZ_ASSERT(a < d.nargs, x->name, strlen(x->name));
		FUZZ_ASSERT(pp.arg[a].off == x->offset, x->name,
			    strlen(x->name));
		FUZZ_ASSERT(pp.arg[a].size == x->size &&
				    d.arg[a].size == x->size,
			    x->name, strlen(x->name));
		FUZZ_ASSERT(memchr(d.arg[a].name, 0, sizeof(d.arg[a].name)),
			    x->name, strlen(x->name));
		a++;
	}
	FUZZ_ASSERT(a == d.nargs, f->name, strlen(f->name));
	for (i = 0; i < REC_NCAP; i++) {
		const struct prog_cap *c = &d.cap[i];

		if (c->kind == CAP_NONE)
			continue;
		FUZZ_ASSERT(c->kind <= CAP_STRV && c->arg >= 0 &&
				    (unsigned)c->arg < d.nargs,
			    c, sizeof(*c));
		FUZZ_ASSERT(c->kind != CAP_BYTES ||
				    (c->len_arg >= 0 &&
				     (unsigned)c->len_arg < d.nargs),
			    c, sizeof(*c));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct tpformat fmt;
	char *text, err[256];
	size_t errlen;
	uint8_t c;
	int r;

	if (size < 1)
		return 0;
	c = data[size - 1];
	/* errlen 0 (with a NULL err now and then), 1, or up to 255 */
	errlen = c % 8 == 0 ? 0 : c % 8 == 1 ? 1 : 8 + (size_t)c;
	if (errlen > sizeof(err))
		errlen = sizeof(err);
	/* an exact-size copy, not NUL-terminated, as the contract allows */
	text = malloc(size - 1 ? size - 1 : 1);
	memcpy(text, data, size - 1);
	memset(err, 'Z', sizeof(err));

	r = tpformat_parse(&fmt, text, size - 1,
			   errlen || c & 0x80 ? err : NULL, errlen);
	if (r == 0) {
		check_accepted(&fmt);
		check_describe(&fmt, names[c % NNAMES]);
	} else {
		size_t i, n;

		FUZZ_ASSERT(r == -1, text, size - 1);
		if (errlen) {
			n = strnlen(err, errlen);
			FUZZ_ASSERT(n < errlen, err, errlen);
			for (i = 0; i < n; i++)
				FUZZ_ASSERT(err[i] >= 0x20 && err[i] < 0x7f,
					    err, n);
			for (i = errlen; i < sizeof(err); i++)
				FUZZ_ASSERT(err[i] == 'Z', err, sizeof(err));
		}
	}
	free(text);
	return 0;
}
