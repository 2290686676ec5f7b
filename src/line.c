/* Text log lines: see line.h. */
#include <stddef.h>

#include "errnos.h"
#include "escape.h"
#include "line.h"
#include "render.h"

static void comm(struct sb *s, const char *c)
{
	size_t len = strnlen(c, REC_COMM_LEN);

	if (!len) {
		sb_char(s, '?');
		return;
	}
	escape_sb(s, (const unsigned char *)c, len, ESCAPE_WORD);
}

void line_render_in(struct render_in *in, const struct line_cfg *cfg,
		    const struct event *ev, const struct event *enter)
{
	/* per event: the kept-path buffer needs no clearing */
	memset(in, 0, offsetof(struct render_in, kept));
	in->d = &cfg->sys[ev->rec.sys_idx];
	in->args = enter ? enter->rec.args : ev->rec.args;
	in->caps = enter ? enter : ev;
	in->str_max = cfg->str_max;
}

void line_args(struct sb *s, const struct render_in *in)
{
	unsigned i, shown = 0;

	for (i = 0; i < in->d->nargs; i++) {
		if (!render_shown(in, i))
			continue;
		if (shown++)
			sb_str(s, ", ");
		render_arg(s, in, i);
	}
}

void line_syscall(struct sb *s, const struct line_cfg *cfg,
		  const struct event *ev, const struct event *enter,
		  const struct render_in *in)
{
	const struct aitrace_rec *r = &ev->rec;
	const struct sysdesc *d = &cfg->sys[r->sys_idx];
	int no_entry = (r->flags & RECF_NO_ENTRY) && !enter;
	uint64_t t = enter ? enter->rec.ts_enter
		     : no_entry ? r->ts_exit : r->ts_enter;

	sb_time_ns(s, ((uint64_t)t + (uint64_t)cfg->wall_offset_ns));
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
	else
		line_args(s, in);
	sb_str(s, ") = ");
	if (r->kind == REC_ENTER || (r->flags & RECF_NO_RETURN)) {
		sb_char(s, '?');
		if (r->kind == REC_ENTER)
			sb_str(s, ev->return_apart ? " <return apart>"
						   : " <unfinished>");
	} else {
		render_ret(s, in, r->ret);
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
