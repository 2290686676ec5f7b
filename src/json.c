/* JSON log records: see json.h. */
#include <string.h>

#include "dec.h"
#include "errnos.h"
#include "escape.h"
#include "json.h"

void json_begin(struct sb *s, const char *type, uint64_t seq)
{
	sb_str(s, "{\"type\":\"");
	sb_str(s, type);
	sb_str(s, "\",\"seq\":");
	sb_u64(s, seq);
}

void json_end(struct sb *s)
{
	sb_str(s, "}\n");
}

static void key(struct sb *s, const char *k)
{
	sb_str(s, ",\"");
	sb_str(s, k);
	sb_str(s, "\":");
}

void json_u64(struct sb *s, const char *k, uint64_t v)
{
	key(s, k);
	sb_u64(s, v);
}

void json_i64(struct sb *s, const char *k, int64_t v)
{
	key(s, k);
	sb_i64(s, v);
}

void json_bool(struct sb *s, const char *k, int v)
{
	key(s, k);
	sb_str(s, v ? "true" : "false");
}

static void quoted(struct sb *s, const unsigned char *p, size_t n)
{
	sb_char(s, '"');
	escape_sb(s, p, n, ESCAPE_JSON);
	sb_char(s, '"');
}

void json_bytes(struct sb *s, const char *k, const unsigned char *p, size_t n)
{
	key(s, k);
	quoted(s, p, n);
}

void json_str(struct sb *s, const char *k, const char *str)
{
	json_bytes(s, k, (const unsigned char *)str, strlen(str));
}

static void raw_value(struct sb *s, int64_t v, int is_signed)
{
	const int64_t exact = (int64_t)1 << 53; /* doubles hold these */

	if (is_signed ? (v > -exact && v < exact) : ((uint64_t)v < (uint64_t)exact)) {
		if (is_signed)
			sb_i64(s, v);
		else
			sb_u64(s, (uint64_t)v);
		return;
	}
	sb_char(s, '"');
	sb_hex(s, (uint64_t)v);
	sb_char(s, '"');
}

void json_raw(struct sb *s, const char *k, int64_t v, int is_signed)
{
	key(s, k);
	raw_value(s, v, is_signed);
}

void json_time(struct sb *s, uint64_t wall_ns)
{
	/* time_ns is past 2^53: a double (jq 1.6, JavaScript) rounds it,
	 * so the same instant also goes as the text log's string */
	json_u64(s, "time_ns", wall_ns);
	key(s, "time");
	sb_char(s, '"');
	sb_time_ns(s, wall_ns);
	sb_char(s, '"');
}

static void argv_json(struct sb *s, const struct render_in *in, int k)
{
	const struct event *ev = in->caps;
	const unsigned char *p = ev->cap[k], *end = p + ev->cap_len[k];
	unsigned n = 0;
	int cut = 0;

	key(s, "argv");
	sb_char(s, '[');
	while (p < end && n < ev->rec.argc) {
		const unsigned char *nul = memchr(p, 0, (size_t)(end - p));
		size_t len = nul ? (size_t)(nul - p) : (size_t)(end - p);

		if (n++)
			sb_char(s, ',');
		if (len > in->str_max) {
			len = in->str_max;
			cut = 1;
		}
		quoted(s, p, len);
		if (!nul) {
			cut = 1;
			break;
		}
		p = nul + 1;
	}
	sb_char(s, ']');
	if (cut)
		json_bool(s, "cut", 1);
	if ((ev->rec.cap_flags & CAPF_MORE) || n < ev->rec.argc)
		json_bool(s, "more", 1);
}

static void sockaddr_json(struct sb *s, const struct render_in *in, int k)
{
	struct dec_sockaddr_info info;

	dec_sockaddr_parse(in->caps->cap[k], in->caps->cap_len[k], &info);
	if (info.family < 0)
		return;
	json_i64(s, "family", info.family);
	if (info.family_name[0])
		json_str(s, "family_name", info.family_name);
	if (info.addr[0])
		json_str(s, "addr", info.addr);
	if (info.port >= 0)
		json_i64(s, "port", info.port);
	if (info.path) {
		json_bytes(s, "sun_path", info.path, info.path_len);
		if (info.abstract)
			json_bool(s, "abstract", 1);
	}
}

static void arg_json(struct sb *s, const struct render_in *in, unsigned i)
{
	const struct sysarg *a = &in->d->arg[i];
	int is_signed, k = render_cap_of(in, i);
	int64_t raw = render_arg_raw(in, i, &is_signed);

	sb_char(s, '"');
	sb_str(s, a->name); /* a format file's field name: [a-z0-9_] */
	sb_str(s, "\":{\"raw\":");
	raw_value(s, raw, is_signed);
	/* the text log's rendering, exactly; a captured string or argv
	 * has its own keys instead (the text would only repeat it) */
	if (k < 0 || (a->dec != DEC_ARGV && a->dec != DEC_PATH)) {
		char tmp[2048];
		struct sb t;

		sb_init(&t, tmp, sizeof(tmp));
		render_arg(&t, in, i);
		key(s, "text");
		quoted(s, (const unsigned char *)t.buf, t.len);
		if (t.cut)
			json_bool(s, "text_cut", 1);
	}
	if (!render_shown(in, i))
		json_bool(s, "shown", 0);
	if ((a->dec == DEC_FD || a->dec == DEC_DIRFD) && in->fd[i].path) {
		json_bytes(s, "path", in->fd[i].path, in->fd[i].len);
		if (in->fd[i].cut)
			json_bool(s, "path_cut", 1);
		json_str(s, "path_source",
			 in->fd[i].source == FDPATH_PROC ? "proc" : "seen");
	}
	if (k < 0 && render_empty_vector(in, i)) {
		key(s, "argv");
		sb_str(s, "[]");
	}
	if (k >= 0) {
		const struct event *ev = in->caps;

		switch (a->dec) {
		case DEC_ARGV:
			argv_json(s, in, k);
			break;
		case DEC_SOCKADDR:
			sockaddr_json(s, in, k);
			break;
		case DEC_CLONE_ARGS:
		case DEC_OPEN_HOW:
			break; /* the text has it all */
		default: {
			size_t n = ev->cap_len[k];

			json_bytes(s, "str", ev->cap[k],
				   n > in->str_max ? in->str_max : n);
			if (n > in->str_max)
				json_bool(s, "cut", 1);
		}
		}
	}
	for (k = 0; k < REC_NCAP; k++)
		if (in->d->cap[k].kind != CAP_NONE &&
		    in->d->cap[k].arg == (int)i && in->caps &&
		    (in->caps->rec.flags & (k ? RECF_CAP1_FAULT : RECF_CAP0_FAULT)))
			json_bool(s, "fault", 1);
	sb_char(s, '}');
}

void json_syscall(struct sb *s, const struct line_cfg *cfg,
		  const struct event *ev, const struct event *enter,
		  const struct render_in *in)
{
	const struct aitrace_rec *r = &ev->rec;
	const struct sysdesc *d = in->d;
	int no_entry = (r->flags & RECF_NO_ENTRY) && !enter;
	uint64_t t = enter ? enter->rec.ts_enter
		     : no_entry ? r->ts_exit : r->ts_enter;
	unsigned i;

	json_time(s, ((uint64_t)t + (uint64_t)cfg->wall_offset_ns));
	json_i64(s, "cpu", ev->cpu);
	json_u64(s, "pid", r->tgid);
	json_u64(s, "tid", r->tid);
	json_bytes(s, "comm", (const unsigned char *)r->comm,
		   strnlen(r->comm, REC_COMM_LEN));
	json_str(s, "syscall", d->name);
	json_i64(s, "nr", r->nr);
	if (no_entry) {
		json_bool(s, "entry_seen", 0);
	} else {
		key(s, "args");
		sb_char(s, '{');
		for (i = 0; i < d->nargs; i++) {
			if (i)
				sb_char(s, ',');
			arg_json(s, in, i);
		}
		sb_char(s, '}');
	}
	if (r->kind == REC_ENTER) {
		key(s, "ret");
		sb_str(s, "null");
		json_bool(s, ev->return_apart ? "return_apart" : "unfinished",
			  1);
		return;
	}
	if (r->flags & RECF_NO_RETURN) {
		key(s, "ret");
		sb_str(s, "null");
		json_bool(s, "returns", 0);
		return;
	}
	/* an address is unsigned, but an error return is a small negative */
	json_raw(s, "ret", r->ret,
		 d->ret_kind != RET_ADDR || (r->ret < 0 && r->ret >= -4095));
	if (r->ret < 0 && r->ret >= -4095) {
		const char *name = errnos_name((int)-r->ret);

		if (name)
			json_str(s, "errno", name);
		json_i64(s, "errno_nr", -r->ret);
	} else if (d->ret_kind == RET_FD && in->ret_fd.path) {
		json_bytes(s, "ret_path", in->ret_fd.path, in->ret_fd.len);
		if (in->ret_fd.cut)
			json_bool(s, "ret_path_cut", 1);
		json_str(s, "ret_path_source",
			 in->ret_fd.source == FDPATH_PROC ? "proc" : "seen");
	}
	if (!no_entry) {
		uint64_t t0 = enter ? enter->rec.ts_enter : r->ts_enter;

		json_u64(s, "duration_ns", r->ts_exit >= t0 ? r->ts_exit - t0 : 0);
	}
}
