/* Words shared by the text and HTML reports: a process's command line,
 * an event in one line, a label list. Written through struct out, so the
 * same words are escaped for the terminal or for HTML. */
#ifndef REPORT_VIEW_H
#define REPORT_VIEW_H

#include "out.h"
#include "trace.h"

/* "model-load", "exec", ... */
const char *view_kind(enum ev_kind k);
/* the argv of its last exec (at most max bytes of words), else the
 * executed file, else "[comm]" */
void view_cmdline(struct out *o, const struct proc *p, size_t max);
/* "1234 python3" */
void view_proc(struct out *o, const struct proc *p);
/* what happened, after the time and process: "write /tmp/x (created)" */
void view_event(struct out *o, const struct trace *t, const struct event *e);
/* "exit 0", "exit not seen" and how long it lived */
void view_life(struct out *o, const struct trace *t, const struct proc *p);
/* "model-loader, framework" or "" */
void view_label_names(struct out *o, const struct proc *p);
/* our own literal text that may hold <, >, & (escaped in HTML) */
void view_lit(struct out *o, const char *s);
/* the time origin of a report */
uint64_t view_t0(const struct trace *t);

#endif
