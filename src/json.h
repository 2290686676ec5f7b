/* The JSON log (-j): one object per line (NDJSON), the same events as the
 * text log with stable keys, documented in docs/log-format.md. Every
 * string from a traced process goes through escape(ESCAPE_JSON), so each
 * line parses whatever the bytes were. Pure: formats into a builder.
 *
 * Each record opens with {"type":"<type>","seq":N and the caller adds
 * keys; json_end() closes it with "}\n".
 */
#ifndef AITRACE_JSON_H
#define AITRACE_JSON_H

#include <stddef.h>
#include <stdint.h>

#include "line.h"
#include "render.h"
#include "sb.h"

void json_begin(struct sb *s, const char *type, uint64_t seq);
void json_end(struct sb *s);
/* ,"key":value — key is ours (never escaped), values are escaped */
void json_u64(struct sb *s, const char *key, uint64_t v);
void json_i64(struct sb *s, const char *key, int64_t v);
void json_bool(struct sb *s, const char *key, int v);
void json_str(struct sb *s, const char *key, const char *str);
void json_bytes(struct sb *s, const char *key, const unsigned char *p,
		size_t n);
/* ,"time_ns":N,"time":"S.NNNNNNNNN" (wall clock) */
void json_time(struct sb *s, uint64_t wall_ns);
/* a number that a double holds exactly, else a "0x..." string */
void json_raw(struct sb *s, const char *key, int64_t v, int is_signed);

/* The rest of a "syscall" record after json_begin: time_ns, cpu, pid,
 * tid, comm, syscall, nr, args, ret, errno, duration_ns. */
void json_syscall(struct sb *s, const struct line_cfg *cfg,
		  const struct event *ev, const struct event *enter,
		  const struct render_in *in);

#endif
