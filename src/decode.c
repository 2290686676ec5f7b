/* Record decoding: see decode.h. */
#include <string.h>

#include "decode.h"

enum decode_status decode_event(struct event *ev, const unsigned char *raw,
				size_t raw_size, unsigned nsys)
{
	size_t off = REC_HDR_SIZE;
	int i;

	memset(ev, 0, sizeof(*ev));
	if (raw_size < REC_HDR_SIZE)
		return DECODE_SHORT;
	memcpy(&ev->rec, raw, REC_HDR_SIZE);
	if (ev->rec.kind != REC_SYSCALL && ev->rec.kind != REC_ENTER)
		return DECODE_BAD_KIND;
	if (ev->rec.sys_idx >= nsys)
		return DECODE_BAD_SYS;
	for (i = 0; i < REC_NSTR; i++) {
		size_t n = ev->rec.str_len[i];

		if (n == 0)
			continue;
		if (n > raw_size - off)
			return DECODE_BAD_STR;
		ev->str[i] = raw + off;
		/* n counts the NUL the helper wrote; a string is whatever
		 * comes before the first NUL within it */
		ev->str_len[i] = strnlen((const char *)raw + off, n);
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
	case DECODE_BAD_STR: return "string lengths exceed the record";
	}
	return "?";
}
