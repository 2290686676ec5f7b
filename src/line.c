/* Text log lines: see line.h. */
#include "errnos.h"
#include "escape.h"
#include "line.h"

static void quoted(struct sb *s, const unsigned char *str, size_t len,
		   unsigned str_max)
{
	sb_char(s, '"');
	escape_sb(s, str, len > str_max ? str_max : len, ESCAPE_C);
	sb_char(s, '"');
	if (len > str_max)
		sb_str(s, "...");
}

static void number(struct sb *s, const struct sysarg *a, uint64_t v)
{
	if (a->is_pointer) {
		if (v)
			sb_hex(s, v);
		else
			sb_str(s, "NULL");
		return;
	}
	if (a->c_size < 8) {
		unsigned bits = 8 * (unsigned)a->c_size;

		v &= ((uint64_t)1 << bits) - 1;
		if (a->is_signed && (v >> (bits - 1)))
			v |= ~(((uint64_t)1 << bits) - 1); /* sign-extend */
	}
	if (a->is_signed)
		sb_i64(s, (int64_t)v);
	else if (a->c_size == 8 && strcmp(a->type, "size_t") != 0 && v)
		sb_hex(s, v); /* addresses, lengths and flags in longs */
	else
		sb_u64(s, v);
}

void line_args(struct sb *s, const struct line_cfg *cfg,
	       const struct sysdesc *d, const __u64 *args,
	       const struct event *strings)
{
	unsigned i;
	int k;

	for (i = 0; i < d->nargs; i++) {
		if (i)
			sb_str(s, ", ");
		for (k = 0; k < REC_NSTR; k++)
			if (d->str_arg[k] == (int)i)
				break;
		if (k < REC_NSTR && strings && strings->str[k]) {
			quoted(s, strings->str[k], strings->str_len[k],
			       cfg->str_max);
			continue;
		}
		number(s, &d->arg[i], args[i]);
	}
}

static void ret(struct sb *s, const struct sysdesc *d, int64_t r)
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
	if (d->ret_kind == RET_ADDR)
		sb_hex(s, (uint64_t)r);
	else
		sb_i64(s, r);
}

static void comm(struct sb *s, const char *c)
{
	size_t len = strnlen(c, REC_COMM_LEN);

	if (!len) {
		sb_char(s, '?');
		return;
	}
	escape_sb(s, (const unsigned char *)c, len, ESCAPE_WORD);
}

void line_syscall(struct sb *s, const struct line_cfg *cfg,
		  const struct event *ev, const struct event *enter)
{
	const struct aitrace_rec *r = &ev->rec;
	const struct sysdesc *d = &cfg->sys[r->sys_idx];
	int no_entry = (r->flags & RECF_NO_ENTRY) && !enter;
	uint64_t t = enter ? enter->rec.ts_enter
		     : no_entry ? r->ts_exit : r->ts_enter;

	sb_time_ns(s, (uint64_t)((int64_t)t + cfg->wall_offset_ns));
	sb_char(s, ' ');
	comm(s, r->comm);
	sb_char(s, ' ');
	sb_u64(s, r->tgid);
	sb_char(s, '/');
	sb_u64(s, r->tid);
	sb_char(s, ' ');
	sb_str(s, d->name);
	sb_char(s, '(');
	if (no_entry)
		sb_char(s, '?');
	else if (enter)
		line_args(s, cfg, d, enter->rec.args, enter);
	else
		line_args(s, cfg, d, r->args, ev);
	sb_str(s, ") = ");
	if (r->kind == REC_ENTER || (r->flags & RECF_NO_RETURN)) {
		sb_char(s, '?');
		if (r->kind == REC_ENTER)
			sb_str(s, " <unfinished>");
	} else {
		ret(s, d, r->ret);
		if (no_entry) {
			sb_str(s, " <entry not seen>");
		} else {
			uint64_t t0 = enter ? enter->rec.ts_enter : r->ts_enter;

			sb_str(s, " <");
			sb_time_ns(s, r->ts_exit >= t0 ? r->ts_exit - t0 : 0);
			sb_char(s, '>');
		}
	}
	sb_char(s, '\n');
}
