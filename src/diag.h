/* Diagnostics: the one place the "aitrace-min: " prefix is added. Never on
 * stdout (stdout is the evidence). One grammar for errors:
 *   aitrace-min: cannot <verb> <object>: <reason>
 *   aitrace-min: hint: <what to try>
 * Each message is written with a single write(2), so lines from concurrent
 * tracers never interleave mid-line. */
#ifndef AITRACE_DIAG_H
#define AITRACE_DIAG_H

#define DIAG_FMT __attribute__((format(printf, 1, 2)))

/* 0 = errors and notes, 1 = -v (set-up details, verifier logs) */
void diag_set_verbose(int level);
int diag_verbose(void);

void diag_error(const char *fmt, ...) DIAG_FMT;   /* "cannot ...: reason" */
void diag_hint(const char *fmt, ...) DIAG_FMT;    /* "hint: ..." */
void diag_note(const char *fmt, ...) DIAG_FMT;    /* facts the user should see */
void diag_info(const char *fmt, ...) DIAG_FMT;    /* only with -v */
/* Write text as is (a verifier log, a dump) to stderr, each line prefixed. */
void diag_block(const char *title, const char *text);

#endif
