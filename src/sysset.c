/* Syscall set: see sysset.h. */
#include <string.h>

#include "syscalls.h"
#include "sysset.h"
#include "fmt.h"

/* Add name unless it is there already; -1 when names is full. */
static int add_name(const char **names, int *n, int max, const char *name)
{
	int i;

	for (i = 0; i < *n && strcmp(names[i], name) != 0; i++)
		;
	if (i < *n)
		return 0;
	if (*n == max)
		return -1;
	names[(*n)++] = name;
	return 0;
}

int sysset_parse(char *buf, const char **names, int max, char *bad,
		 size_t badlen)
{
	char *tok, *next;
	/* the default set names calls some architectures lack (open and
	 * fork on arm64): like a class, it leaves those out silently */
	int lenient = strcmp(buf, SYSCALLS_DEFAULT) == 0;
	int n = 0;

	/* split at every comma: the empty names between two are skipped
	 * below (no strtok_r: it pulls in strspn and strcspn) */
	for (tok = buf; tok; tok = next) {
		const char *const *class;
		size_t len;

		if ((next = strchr(tok, ',')) != NULL)
			*next++ = '\0';

		while (*tok == ' ')
			tok++;
		for (len = strlen(tok); len && tok[len - 1] == ' '; len--)
			tok[len - 1] = '\0';
		if (!*tok)
			continue;
		if (*tok == '%') {
			if (!(class = syscalls_class(tok))) {
				fmt_snprintf(bad, badlen, "%s (classes: %s)",
					     tok, SYSCALLS_CLASSES);
				return -1;
			}
			for (; *class; class++)
				if (syscalls_nr(*class) >= 0 &&
				    add_name(names, &n, max, *class) != 0)
					goto full;
			continue;
		}
		if (syscalls_nr(tok) < 0) {
			if (lenient)
				continue;
			fmt_snprintf(bad, badlen, "%s", tok);
			return -1;
		}
		if (add_name(names, &n, max, tok) != 0)
			goto full;
	}
	return n;
full:
	fmt_snprintf(bad, badlen, "%s (more than %d names)", tok, max);
	return -1;
}

void sysset_ctype(const char *type, int *is_signed, int *c_size)
{
	static const struct {
		const char *type;
		int is_signed, size;
	} types[] = {
		{ "int", 1, 4 },           { "pid_t", 1, 4 },
		{ "clockid_t", 1, 4 },     { "timer_t", 1, 4 },
		{ "key_serial_t", 1, 4 },  { "mqd_t", 1, 4 },
		{ "__s32", 1, 4 },         { "s32", 1, 4 },
		{ "int32_t", 1, 4 },       { "long", 1, 8 },
		{ "long long", 1, 8 },     { "off_t", 1, 8 },
		{ "loff_t", 1, 8 },        { "ssize_t", 1, 8 },
		{ "__s64", 1, 8 },         { "s64", 1, 8 },
		{ "int64_t", 1, 8 },       { "short", 1, 2 },
		{ "unsigned int", 0, 4 },  { "unsigned", 0, 4 },
		{ "u32", 0, 4 },           { "__u32", 0, 4 },
		{ "uint32_t", 0, 4 },      { "uid_t", 0, 4 },
		{ "gid_t", 0, 4 },         { "qid_t", 0, 4 },
		{ "rwf_t", 0, 4 },         { "umode_t", 0, 2 },
		{ "unsigned short", 0, 2 }, { "u16", 0, 2 },
		{ "unsigned char", 0, 1 }, { "u8", 0, 1 },
	};
	const char *t = type;
	size_t i;

	if (strncmp(t, "const ", 6) == 0)
		t += 6;
	*is_signed = 0;
	*c_size = 8;
	if (strchr(t, '*'))
		return;
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(t, types[i].type) == 0) {
			*is_signed = types[i].is_signed;
			*c_size = types[i].size;
			return;
		}
}

static int field_off(const struct tpformat *f, const char *name,
		     unsigned size, __u16 *off, char *err, size_t errlen)
{
	const struct tpfield *fld = f ? tpformat_field(f, name) : NULL;

	if (!fld || fld->size != size || fld->offset > 0xffff) {
		fmt_snprintf(err, errlen, "%s has no %u-byte field %s",
			 f ? f->name : "(missing format)", size, name);
		return -1;
	}
	*off = (__u16)fld->offset;
	return 0;
}

static int arg_index(const struct sysdesc *d, const char *name)
{
	unsigned i;

	for (i = 0; i < d->nargs; i++)
		if (strcmp(d->arg[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* What to read from the process, in argument order, at most REC_NCAP:
 * paths and names, an argv, a buffer whose length is another argument. */
static void assign_captures(const struct sysdesc *d, struct prog_params *pp)
{
	unsigned i, max;
	int n = 0, len;
	const char *len_name;

	for (i = 0; i < d->nargs && n < REC_NCAP; i++) {
		const struct sysarg *a = &d->arg[i];
		struct prog_cap *c = &pp->cap[n];

		if (syscalls_is_string_arg(a->name, a->type)) {
			c->kind = CAP_STR;
		} else if (syscalls_is_vector_arg(a->name, a->type)) {
			c->kind = CAP_STRV;
			c->max = SYSCALLS_ARGV_MAX;
		} else if (a->is_pointer &&
			   (len_name = syscalls_buffer_arg(a->name, &max)) &&
			   (len = arg_index(d, len_name)) >= 0 &&
			   !d->arg[len].is_pointer) { /* recvfrom's is int * */
			c->kind = CAP_BYTES;
			c->len_arg = (__s8)len;
			c->max = (__u16)max;
		} else {
			continue;
		}
		c->arg = (__s8)i;
		n++;
	}
}

int sysset_describe(const char *name, unsigned sys_idx,
		    const struct tpformat *enter, const struct tpformat *exit,
		    struct sysdesc *d, struct prog_params *pp, char *err,
		    size_t errlen)
{
	unsigned i;

	memset(d, 0, sizeof(*d));
	fmt_snprintf(d->name, sizeof(d->name), "%s", name);
	d->nr = syscalls_nr(name);
	d->ret_kind = syscalls_ret_kind(name);
	d->never_returns = syscalls_never_returns(name);
	d->strings_at_entry = syscalls_strings_at_entry(name);
	d->role = syscalls_role(name);

	pp->name = d->name;
	pp->sys_idx = (__u16)sys_idx;
	pp->shape = d->never_returns ? SHAPE_NO_RETURN
		    : d->strings_at_entry ? SHAPE_ENTER_STRINGS
					  : SHAPE_JOIN;
	memset(pp->cap, 0, sizeof(pp->cap));
	pp->nargs = 0;

	if (field_off(enter, "__syscall_nr", 4, &pp->enter_nr_off, err, errlen))
		return -1;
	if (!d->never_returns &&
	    (field_off(exit, "__syscall_nr", 4, &pp->exit_nr_off, err, errlen) ||
	     field_off(exit, "ret", 8, &pp->exit_ret_off, err, errlen)))
		return -1;

	/* The arguments are the non-common fields after __syscall_nr, in
	 * order: the kernel's SYSCALL_DEFINE order. */
	for (i = 0; i < enter->nfields; i++) {
		const struct tpfield *f = &enter->field[i];
		struct sysarg *a;

		if (f->is_common || strcmp(f->name, "__syscall_nr") == 0)
			continue;
		if (d->nargs == REC_NARGS) {
			fmt_snprintf(err, errlen, "%s has more than %d arguments",
				 enter->name, REC_NARGS);
			return -1;
		}
		if (f->offset > 0xffff) { /* prog_arg.off is 16 bits */
			fmt_snprintf(err, errlen, "%s: field %s has offset %u",
				     enter->name, f->name, f->offset);
			return -1;
		}
		if (f->size != 1 && f->size != 2 && f->size != 4 &&
		    f->size != 8) {
			fmt_snprintf(err, errlen, "%s: field %s has size %u",
				 enter->name, f->name, f->size);
			return -1;
		}
		a = &d->arg[d->nargs];
		fmt_snprintf(a->name, sizeof(a->name), "%s", f->name);
		fmt_snprintf(a->type, sizeof(a->type), "%s", f->type);
		a->size = f->size;
		a->is_pointer = tpfield_is_pointer(f);
		sysset_ctype(f->type, &a->is_signed, &a->c_size);
		a->dec = syscalls_arg_dec(name, f->name);
		pp->arg[d->nargs].off = (__u16)f->offset;
		pp->arg[d->nargs].size = (__u8)f->size;
		pp->arg[d->nargs].is_signed = (__u8)f->is_signed;
		d->nargs++;
	}
	pp->nargs = d->nargs;
	assign_captures(d, pp);
	memcpy(d->cap, pp->cap, sizeof(d->cap));
	return 0;
}
