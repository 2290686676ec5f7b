/* The report's output: buffered, checked writes to one fd, in one of two
 * modes that decide how untrusted bytes are escaped: for a terminal
 * (src/escape.c, C style: \n, \x1b, ...) or for HTML (htmlesc.c).
 * out_s/out_f write our own text as it is (markup in HTML mode); every
 * byte from the log goes through out_text and friends. */
#ifndef REPORT_OUT_H
#define REPORT_OUT_H

#include <stddef.h>
#include <stdint.h>

#include "intern.h"

enum out_mode { OUT_TERM, OUT_HTML };

struct out {
	int fd;
	enum out_mode mode;
	int err;            /* errno of the first failed write; then silent */
	size_t len;
	char buf[1 << 16];
};

void out_init(struct out *o, int fd, enum out_mode mode);
void out_raw(struct out *o, const char *s, size_t n);
void out_s(struct out *o, const char *s);
void out_f(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* untrusted bytes, escaped for the mode */
void out_text(struct out *o, const char *s, size_t n);
void out_istr(struct out *o, const struct istr *s);   /* "?" for NULL */
/* untrusted, in double quotes: \" and \\ inside, the rest as out_text */
void out_quoted(struct out *o, const char *s, size_t n);
/* a command-line word: bare when only [A-Za-z0-9_@%+=:,./-], else quoted */
void out_word(struct out *o, const char *s, size_t n);
/* untrusted bytes, at most max of them then "..." */
void out_text_max(struct out *o, const char *s, size_t n, size_t max);
void out_count(struct out *o, uint64_t v);
void out_size(struct out *o, uint64_t bytes);
void out_dur(struct out *o, uint64_t ns);
void out_rel(struct out *o, uint64_t ns, uint64_t t0);
/* write what is buffered; 0, or -1 with err set */
int out_flush(struct out *o);

#endif
