/* Decoded arguments and return values: see render.h. */
#include <fcntl.h>
#include <string.h>

#include "dec.h"
#include "errnos.h"
#include "escape.h"
#include "render.h"

int64_t render_arg_raw(const struct render_in *in, unsigned i, int *is_signed)
{
	const struct sysarg *a = &in->d->arg[i];
	uint64_t v = in->args[i];

	if (a->c_size < 8 && !a->is_pointer) {
		unsigned bits = 8 * (unsigned)a->c_size;

		v &= ((uint64_t)1 << bits) - 1;
		if (a->is_signed && (v >> (bits - 1)))
			v |= ~(((uint64_t)1 << bits) - 1); /* sign-extend */
	}
	*is_signed = a->is_signed && !a->is_pointer;
	return (int64_t)v;
}

/* by the C type: signed decimal; size_t and narrow unsigned decimal;
 * other unsigned longs (addresses, flags) hex */
static void number(struct sb *s, const struct render_in *in, unsigned i)
{
	const struct sysarg *a = &in->d->arg[i];
	int is_signed;
	uint64_t v = (uint64_t)render_arg_raw(in, i, &is_signed);

	if (a->is_pointer) {
		if (v)
			sb_hex(s, v);
		else
			sb_str(s, "NULL");
	} else if (is_signed) {
		sb_i64(s, (int64_t)v);
	} else if (a->c_size == 8 && strcmp(a->type, "size_t") != 0 && v) {
		sb_hex(s, v);
	} else {
		sb_u64(s, v);
	}
}

int render_cap_of(const struct render_in *in, unsigned i)
{
	int k;

	for (k = 0; k < REC_NCAP; k++)
		if (in->d->cap[k].kind != CAP_NONE &&
		    in->d->cap[k].arg == (int)i)
			return in->caps && in->caps->cap[k] ? k : -1;
	return -1;
}

void render_fdpath(struct sb *s, const struct fdpath *p)
{
	size_t i, from = 0;

	/* strace escapes the brackets too (printfd: "<>"), so a file named
	 * "x>, 0x0, 5) = 5" cannot end the decoration early */
	sb_char(s, '<');
	for (i = 0; i < p->len; i++) {
		if (p->path[i] != '<' && p->path[i] != '>')
			continue;
		escape_sb(s, p->path + from, i - from, ESCAPE_C);
		sb_str(s, p->path[i] == '<' ? "\\x3c" : "\\x3e");
		from = i + 1;
	}
	escape_sb(s, p->path + from, p->len - from, ESCAPE_C);
	if (p->cut)
		sb_str(s, "...");
	sb_char(s, '>');
}

int render_ioctl_family(const struct fdpath *p)
{
	char path[64];
	size_t n;

	if (!p->path || p->len == 0)
		return IOCTL_ANY;
	n = p->len < sizeof(path) - 1 ? p->len : sizeof(path) - 1;
	memcpy(path, p->path, n);
	path[n] = '\0';
	return dec_ioctl_family(path);
}

static void fd_arg(struct sb *s, const struct render_in *in, unsigned i)
{
	int is_signed;
	int64_t fd = (int32_t)render_arg_raw(in, i, &is_signed);

	if (in->d->arg[i].dec == DEC_DIRFD && fd == AT_FDCWD) {
		sb_str(s, "AT_FDCWD");
		return;
	}
	sb_i64(s, fd);
	if (in->fd[i].path)
		render_fdpath(s, &in->fd[i]);
}

int render_arg_index(const struct render_in *in, const char *name)
{
	unsigned i;

	for (i = 0; i < in->d->nargs; i++)
		if (strcmp(in->d->arg[i].name, name) == 0)
			return (int)i;
	return -1;
}

uint64_t render_arg_named(const struct render_in *in, const char *name,
			  uint64_t def)
{
	int i = render_arg_index(in, name);

	return i < 0 ? def : in->args[i];
}

int render_shown(const struct render_in *in, unsigned i)
{
	const struct sysarg *a = &in->d->arg[i];

	if (a->dec == DEC_OPEN_MODE)
		return dec_open_has_mode(render_arg_named(in, "flags", 0));
	if (strcmp(in->d->name, "futex") == 0)
		return i < 6 &&
		       ((dec_futex_shown(render_arg_named(in, "op", 0)) >> i) & 1);
	return 1;
}

static void capture(struct sb *s, const struct render_in *in, unsigned i,
		    int k)
{
	const struct event *ev = in->caps;
	const unsigned char *p = ev->cap[k];
	size_t len = ev->cap_len[k];

	/* by what was captured; the decoder only picks among buffers */
	if (in->d->cap[k].kind == CAP_BYTES) {
		if (in->d->arg[i].dec == DEC_SOCKADDR)
			dec_sockaddr(s, p, len);
		else if (in->d->arg[i].dec == DEC_CLONE_ARGS)
			dec_clone3_args(s, p, len);
		else if (in->d->arg[i].dec == DEC_OPEN_HOW)
			dec_open_how(s, p, len);
		else
			number(s, in, i);
		return;
	}
	switch (in->d->cap[k].kind) {
	case CAP_STRV:
		dec_argv(s, p, len, ev->rec.argc,
			 (ev->rec.cap_flags & CAPF_MORE) ||
				 (ev->rec.flags & (k ? RECF_CAP1_FAULT : RECF_CAP0_FAULT)),
			 in->str_max);
		return;
	default: /* CAP_STR: a path or name */
		sb_char(s, '"');
		escape_sb(s, p, len > in->str_max ? in->str_max : len, ESCAPE_C);
		sb_char(s, '"');
		if (len > in->str_max)
			sb_str(s, "...");
		return;
	}
}

int render_empty_vector(const struct render_in *in, unsigned i)
{
	int k;

	/* read, nothing in it, no fault: argv[0] was NULL (an execve's
	 * return alone read nothing: its entry holds the strings) */
	for (k = 0; k < REC_NCAP; k++)
		if (in->d->cap[k].kind == CAP_STRV && in->d->cap[k].arg == (int)i)
			return in->caps && !in->caps->cap[k] && in->args[i] &&
			       (in->caps->rec.kind == REC_ENTER ||
				(in->caps->rec.kind == REC_SYSCALL &&
				 !in->d->strings_at_entry)) &&
			       !(in->caps->rec.flags &
				 (RECF_NO_ENTRY | (k ? RECF_CAP1_FAULT
						     : RECF_CAP0_FAULT)));
	return 0;
}

void render_arg(struct sb *s, const struct render_in *in, unsigned i)
{
	const struct sysarg *a = &in->d->arg[i];
	int is_signed;
	/* only the bits of the C type: a umode_t's 16, an int's 32 */
	uint64_t v = (uint64_t)render_arg_raw(in, i, &is_signed);
	int k = render_cap_of(in, i);

	if (k >= 0) {
		capture(s, in, i, k);
		return;
	}
	if (render_empty_vector(in, i)) {
		sb_str(s, "[]");
		return;
	}
	if (a->dec >= DEC_AT_FLAGS && a->dec <= DEC_MCL_FLAGS) {
		dec_flag_set(s, (enum dec_flag_set)(a->dec - DEC_AT_FLAGS), v);
		return;
	}
	switch (a->dec) {
	case DEC_UDEC: sb_u64(s, v); return;
	case DEC_PTR:
		if (v)
			sb_hex(s, v);
		else
			sb_str(s, "NULL");
		return;
	case DEC_FD:
	case DEC_DIRFD: fd_arg(s, in, i); return;
	case DEC_OPEN_FLAGS: dec_open_flags(s, (uint32_t)v); return;
	case DEC_OPEN_MODE:
	case DEC_MODE: dec_mode(s, v); return;
	case DEC_PROT: dec_mmap_prot(s, v); return;
	case DEC_MMAP_FLAGS: dec_mmap_flags(s, v); return;
	case DEC_FUTEX_OP: dec_futex_op(s, v); return;
	case DEC_FUTEX_TIMEOUT:
		if (dec_futex_timeout_is_val2(render_arg_named(in, "op", 0)))
			sb_u64(s, (uint32_t)v);
		else if (v)
			sb_hex(s, v);
		else
			sb_str(s, "NULL");
		return;
	case DEC_FUTEX_VAL3:
		dec_futex_val3(s, render_arg_named(in, "op", 0), v);
		return;
	case DEC_CLONE_FLAGS: dec_clone_flags(s, v); return;
	case DEC_IOCTL_CMD: {
		int fdi = render_arg_index(in, "fd");

		dec_ioctl_cmd(s, (uint32_t)v,
			      (enum dec_ioctl_family)render_ioctl_family(
				      fdi >= 0 ? &in->fd[fdi] : &in->ret_fd));
		return;
	}
	case DEC_SIGNAL: dec_signal(s, (int)v); return;
	default: /* DEC_NUM, and captures that could not be read */
		number(s, in, i);
		return;
	}
}

void render_ret(struct sb *s, const struct render_in *in, int64_t r)
{
	if (r < 0 && r >= -4095) {
		const char *name = errnos_name((int)-r);

		sb_str(s, "-1 ");
		if (name) {
			sb_str(s, name);
			sb_str(s, " (");
			sb_str(s, errnos_desc((int)-r));
			sb_char(s, ')');
		} else {
			sb_str(s, "errno ");
			sb_i64(s, -r);
		}
		return;
	}
	if (in->d->ret_kind == RET_ADDR) {
		sb_hex(s, (uint64_t)r);
		return;
	}
	sb_i64(s, r);
	if (in->d->ret_kind == RET_FD && in->ret_fd.path)
		render_fdpath(s, &in->ret_fd);
}
