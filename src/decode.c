/* Record decoding: see decode.h. */
#include <string.h>

#include "decode.h"

enum decode_status decode_event(struct event *ev, const unsigned char *raw,
				size_t raw_size, const struct sysdesc *sys,
				unsigned nsys)
{
	size_t off = REC_HDR_SIZE;
	int i;

	memset(ev, 0, sizeof(*ev));
	if (raw_size < REC_HDR_SIZE)
		return DECODE_SHORT;
	memcpy(&ev->rec, raw, REC_HDR_SIZE);
	if (ev->rec.kind < REC_SYSCALL || ev->rec.kind > REC_PEXIT)
		return DECODE_BAD_KIND;
	if (ev->rec.sys_idx >= nsys)
		return DECODE_BAD_SYS;
	for (i = 0; i < REC_NCAP; i++) {
		size_t n = ev->rec.cap_len[i];
		/* an exec record carries the file's name, nothing else */
		enum cap_kind kind = ev->rec.kind == REC_EXEC
					     ? (i == 0 ? CAP_STR : CAP_NONE)
				     : ev->rec.kind == REC_FORK ||
						       ev->rec.kind == REC_PEXIT
					     ? CAP_NONE
					     : sys[ev->rec.sys_idx].cap[i].kind;

		if (n == 0)
			continue;
		if (n > raw_size - off || kind == CAP_NONE)
			return DECODE_BAD_CAP;
		ev->cap[i] = raw + off;
		/* a string's n counts the NUL the helper wrote; the string
		 * is whatever comes before the first NUL within it */
		ev->cap_len[i] = kind == CAP_STR
					 ? strnlen((const char *)raw + off, n)
					 : n;
		off += n;
	}
	return DECODE_OK;
}

const char *decode_strerror(enum decode_status s)
{
	switch (s) {
	case DECODE_OK: return "ok";
	case DECODE_SHORT: return "record shorter than its header";
	case DECODE_BAD_KIND: return "unknown record kind";
	case DECODE_BAD_SYS: return "unknown syscall index";
	case DECODE_BAD_CAP: return "capture lengths exceed the record";
	}
	return "?";
}
