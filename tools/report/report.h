/* The parts of a report that the text and HTML forms share, and the two
 * forms themselves. Rows of a profile are written between the style's
 * strings, so one function serves both. */
#ifndef REPORT_REPORT_H
#define REPORT_REPORT_H

#include "out.h"
#include "trace.h"

struct report_style {
	const char *row_pre, *row_mid, *row_end; /* pre NAME mid ITEMS end */
	const char *row_mid_inline;              /* mid of a one-line row */
	const char *sep;                         /* between items */
	unsigned max_items;                      /* then "... N more" */
};

/* Lines on what the log may be missing, each between pre and end. */
void report_completeness(struct out *o, const struct trace *t, const char *pre,
			 const char *end);
/* A model file as it is on disk now (one line, no newline). */
void report_disk(struct out *o, const struct trace *t, const struct finfo *fi);
/* Which processes wrote and loaded it. */
void report_users(struct out *o, const struct trace *t, const struct finfo *fi);
/* A process's rows: models, libraries, devices, files written, deleted,
 * renamed, directories, connections, network bytes, syscall counts. */
void report_rows(struct out *o, const struct trace *t, const struct proc *p,
		 const struct report_style *st);
/* text.c's rows, in its style */
void report_profile_lists(struct out *o, const struct trace *t,
			  const struct proc *p, const char *pre, const char *end);

void text_report(struct out *o, const struct trace *t);
void html_report(struct out *o, const struct trace *t);

#endif
