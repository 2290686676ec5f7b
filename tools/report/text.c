/* The report as text, for a terminal or a file: a header on the log's
 * completeness, the findings (labelled processes), the process tree, the
 * model files, one profile per process and the timeline. Every string
 * from the log goes through out_text (C-style escapes). */
#include <string.h>

#include "paths.h"
#include "report.h"
#include "rules.h"
#include "view.h"

/* the %ai-era calls whose absence hides a kind of action */
static const struct {
	const char *call, *hides;
} blind[] = {
	{ "unlinkat", "deletions" },   { "renameat2", "renames" },
	{ "mkdirat", "new directories" }, { "chdir", "working directories" },
	{ "fchmodat", "mode changes" }, { "accept4", "accepted connections" },
	{ "mprotect", "W^X changes" },
};

static void header(struct out *o, const struct trace *t)
{
	size_t i;
	int first = 1;

	out_s(o, "AI forensics report\n\nLOG\n");
	if (t->have_start) {
		out_s(o, "  aitrace-min ");
		out_istr(o, t->version);
		out_s(o, " on ");
		out_istr(o, t->sysname);
		out_s(o, " ");
		out_istr(o, t->release);
		out_s(o, " ");
		out_istr(o, t->machine);
		out_f(o, ", tracer pid %lld\n", (long long)t->tracer_pid);
	} else {
		out_s(o, "  no start record: the beginning of the log is missing\n");
	}
	out_s(o, "  ");
	out_count(o, t->records);
	out_s(o, " records, ");
	out_count(o, t->syscalls);
	out_s(o, " syscalls");
	if (t->last_ns > t->first_ns) {
		out_s(o, " over ");
		out_dur(o, t->last_ns - t->first_ns);
	}
	out_s(o, "\n");
	report_completeness(o, t, "  ", "\n");
	if (t->have_start) {
		out_s(o, "  traced: ");
		for (i = 0; i < t->ntraced; i++) {
			if (i)
				out_s(o, ",");
			out_istr(o, t->traced[i]);
		}
		out_s(o, "\n");
		for (i = 0; i < sizeof(blind) / sizeof(blind[0]); i++) {
			if (trace_traced(t, blind[i].call))
				continue;
			out_s(o, first ? "  not traced, so not seen: " : ", ");
			out_f(o, "%s (%s)", blind[i].hides, blind[i].call);
			first = 0;
		}
		if (!first)
			out_s(o, "\n");
	}
}

static void findings(struct out *o, const struct trace *t)
{
	size_t i;
	uint32_t k;
	int any = 0;

	out_s(o, "\nFINDINGS\n");
	for (i = 0; i < t->nprocs; i++) {
		const struct proc *p = &t->procs[i];

		if (p->thread || !p->nlabels)
			continue;
		any = 1;
		out_s(o, "  ");
		view_proc(o, p);
		out_s(o, ": ");
		view_cmdline(o, p, 200);
		out_s(o, "\n");
		for (k = 0; k < p->nlabels; k++) {
			out_f(o, "    %s: ", p->labels[k].name);
			out_text(o, p->labels[k].evidence, strlen(p->labels[k].evidence));
			out_s(o, "\n");
		}
	}
	if (!any)
		out_s(o, "  no process earned a label\n");
}

static void tree_node(struct out *o, const struct trace *t, const struct proc *p,
		      char *prefix, size_t plen, int last, int depth)
{
	uint32_t c;

	out_raw(o, prefix, plen);
	if (depth)
		out_s(o, last ? "`- " : "|- ");
	view_proc(o, p);
	out_s(o, ": ");
	view_cmdline(o, p, 160);
	if (p->nlabels) {
		out_s(o, "  [");
		view_label_names(o, p);
		out_s(o, "]");
	}
	out_s(o, "  (");
	view_life(o, t, p);
	out_s(o, ")\n");
	if (depth >= 40) {
		if (p->child) {
			out_raw(o, prefix, plen);
			out_s(o, "   ... deeper levels not shown\n");
		}
		return;
	}
	if (depth) {
		memcpy(prefix + plen, last ? "   " : "|  ", 3);
		plen += 3;
	}
	for (c = p->child; c; c = t->procs[c - 1].sibling)
		tree_node(o, t, &t->procs[c - 1], prefix, plen,
			  !t->procs[c - 1].sibling, depth + 1);
}

static void tree(struct out *o, const struct trace *t)
{
	char prefix[3 * 42 + 4];
	size_t i;

	out_s(o, "\nPROCESS TREE\n");
	for (i = 0; i < t->nprocs; i++) {
		const struct proc *p = &t->procs[i];

		if (p->thread || p->parent)
			continue;
		memcpy(prefix, "  ", 2);
		if (p->ppid > 0 && p->ppid == t->tracer_pid)
			out_s(o, "  (started by the tracer)\n");
		else if (p->ppid > 0)
			out_f(o, "  (parent %d, not in the log)\n", p->ppid);
		tree_node(o, t, p, prefix, 2, 1, 0);
	}
}

static void models(struct out *o, const struct trace *t)
{
	size_t i;
	int any = 0;

	out_s(o, "\nMODEL FILES\n");
	for (i = 0; i < t->nfiles; i++) {
		const struct finfo *fi = &t->files[i];

		if (!fi->model)
			continue;
		any = 1;
		out_s(o, "  ");
		out_istr(o, fi->path);
		out_s(o, "\n    ");
		report_disk(o, t, fi);
		out_s(o, "\n    ");
		report_users(o, t, fi);
		out_s(o, "\n");
	}
	if (!any)
		out_s(o, "  none read, mapped or written\n");
}

/* one line of a profile: "  name: item, item, ..." wrapped by items */
static void profile(struct out *o, const struct trace *t, const struct proc *p)
{
	uint32_t k;

	out_s(o, "\n");
	view_proc(o, p);
	out_s(o, "\n  parent:  ");
	if (p->parent)
		view_proc(o, &t->procs[p->parent - 1]);
	else if (p->ppid > 0 && p->ppid == t->tracer_pid)
		out_f(o, "%d (the tracer)", p->ppid);
	else if (p->ppid > 0)
		out_f(o, "%d (not in the log)", p->ppid);
	else
		out_s(o, "unknown");
	out_s(o, "\n  command: ");
	view_cmdline(o, p, 4096);
	for (k = 0; k < p->nexecs; k++) {
		out_s(o, "\n  exec:    ");
		out_rel(o, p->execs[k].ns, view_t0(t));
		out_s(o, " ");
		if (p->execs[k].file)
			out_istr(o, p->execs[k].file);
	}
	out_s(o, "\n  time:    ");
	out_rel(o, p->start_ns, view_t0(t));
	out_s(o, " .. ");
	out_rel(o, p->exited ? p->exit_ns : p->last_ns, view_t0(t));
	out_s(o, " (");
	view_life(o, t, p);
	out_s(o, ")");
	if (p->threads)
		out_f(o, ", %u other thread%s", p->threads, p->threads == 1 ? "" : "s");
	out_s(o, "\n");
	for (k = 0; k < p->nlabels; k++) {
		out_f(o, "  %s %s: ", k ? "        " : "labels: ", p->labels[k].name);
		out_text(o, p->labels[k].evidence, strlen(p->labels[k].evidence));
		out_s(o, "\n");
	}
	report_profile_lists(o, t, p, "  ", "\n");
}

static void timeline(struct out *o, const struct trace *t)
{
	size_t i;

	out_s(o, "\nTIMELINE (seconds since the start)\n");
	for (i = 0; i < t->nevents; i++) {
		const struct event *e = &t->events[i];

		out_s(o, "  ");
		out_rel(o, e->ns, view_t0(t));
		out_s(o, "  ");
		if (e->proc)
			view_proc(o, &t->procs[e->proc - 1]);
		else
			out_s(o, "-");
		out_s(o, "  ");
		view_event(o, t, e);
		out_s(o, "\n");
	}
	if (!t->nevents)
		out_s(o, "  nothing notable\n");
}

void text_report(struct out *o, const struct trace *t)
{
	size_t i;

	header(o, t);
	findings(o, t);
	tree(o, t);
	models(o, t);
	out_s(o, "\nPROCESSES\n");
	for (i = 0; i < t->nprocs; i++)
		if (!t->procs[i].thread)
			profile(o, t, &t->procs[i]);
	timeline(o, t);
}
