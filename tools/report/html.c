/* The report as one self-contained HTML page: inline CSS, an inline SVG
 * timeline chart, no script, no external reference of any kind (a
 * Content-Security-Policy of default-src 'none' says so to the browser
 * too). Every string from the log goes through htmlesc.c (out_text);
 * element ids and classes are our own words and numbers only.
 *
 * Sections: log, findings, process tree, timeline chart, model files,
 * processes (one article each: id "pN", data-pid, data-labels), timeline.
 */
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "rules.h"
#include "say.h"
#include "view.h"

#define CHART_W 1100
#define CHART_LEFT 270
#define LANE_H 18
#define CHART_MAX_LANES 400
#define TIMELINE_MAX 5000

static const char css[] =
	"body{font:14px/1.4 sans-serif;margin:1.5em;color:#222;max-width:1400px}"
	"h1{font-size:1.6em}h2{border-bottom:2px solid #ccc;margin-top:1.6em}"
	"code,.mono,td.t{font-family:monospace;font-size:13px;word-break:break-all}"
	"table{border-collapse:collapse}td,th{padding:2px 8px;vertical-align:top;"
	"text-align:left}tr:nth-child(even){background:#f6f6f6}"
	".warn{color:#a00;font-weight:bold}"
	".label{display:inline-block;border-radius:3px;padding:0 5px;margin:1px;"
	"color:#fff;background:#666;font-size:12px}"
	".model-loader{background:#c0392b}.model-writer{background:#d35400}"
	".framework{background:#16a085}.gpu-user{background:#8e44ad}"
	".agent{background:#2c3e50}.network{background:#27ae60}"
	".listener{background:#2980b9}.jit{background:#7f8c8d}"
	"ul.tree,ul.tree ul{list-style:none;padding-left:1.4em;margin:0}"
	"ul.tree li{border-left:1px solid #bbb;padding-left:.5em}"
	"article.proc{border:1px solid #ddd;margin:1em 0;padding:.3em .8em}"
	"article.proc h3{margin:.3em 0}"
	"th{white-space:nowrap;color:#555}#models td:first-child{min-width:22em}"
	"svg text{font:11px monospace}";

static void label_badges(struct out *o, const struct proc *p)
{
	uint32_t i;

	for (i = 0; i < p->nlabels; i++)
		out_f(o, "<span class=\"label %s\">%s</span>", p->labels[i].name,
		      p->labels[i].name);
}

static void proc_link(struct out *o, const struct trace *t, const struct proc *p)
{
	out_f(o, "<a href=\"#p%u\">", trace_index(t, p));
	view_proc(o, p);
	out_s(o, "</a>");
}

static void log_section(struct out *o, const struct trace *t)
{
	size_t i;

	out_s(o, "<section id=\"log\"><h2>Log</h2><ul>");
	if (t->have_start) {
		out_s(o, "<li>aitrace-min ");
		out_istr(o, t->version);
		out_s(o, " on ");
		out_istr(o, t->sysname);
		out_s(o, " ");
		out_istr(o, t->release);
		out_s(o, " ");
		out_istr(o, t->machine);
		out_f(o, ", tracer pid %lld</li>", (long long)t->tracer_pid);
	}
	out_s(o, "<li>");
	out_count(o, t->records);
	out_s(o, " records, ");
	out_count(o, t->syscalls);
	out_s(o, " syscalls");
	if (t->last_ns > t->first_ns) {
		out_s(o, " over ");
		out_dur(o, t->last_ns - t->first_ns);
	}
	out_s(o, "</li>");
	report_completeness(o, t, t->have_stop && !t->lost_events ? "<li>" : "<li class=\"warn\">",
			    "</li>");
	if (t->have_start) {
		out_s(o, "<li>traced: <code>");
		for (i = 0; i < t->ntraced; i++) {
			if (i)
				out_s(o, ",");
			out_istr(o, t->traced[i]);
		}
		out_s(o, "</code></li>");
	}
	out_s(o, "</ul></section>\n");
}

static void findings(struct out *o, const struct trace *t)
{
	size_t i;
	uint32_t k;
	int any = 0;

	out_s(o, "<section id=\"findings\"><h2>Findings</h2><table>");
	for (i = 0; i < t->nprocs; i++) {
		const struct proc *p = &t->procs[i];

		if (p->thread || !p->nlabels)
			continue;
		any = 1;
		for (k = 0; k < p->nlabels; k++) {
			out_s(o, "<tr><td>");
			if (!k)
				proc_link(o, t, p);
			out_f(o, "</td><td><span class=\"label %s\">%s</span></td><td>",
			      p->labels[k].name, p->labels[k].name);
			out_text(o, p->labels[k].evidence, strlen(p->labels[k].evidence));
			out_s(o, "</td></tr>");
		}
	}
	out_s(o, "</table>");
	if (!any)
		out_s(o, "<p>No process earned a label.</p>");
	out_s(o, "</section>\n");
}

static void tree_node(struct out *o, const struct trace *t, const struct proc *p,
		      int depth)
{
	uint32_t c;

	out_s(o, "<li>");
	proc_link(o, t, p);
	out_s(o, " <code>");
	view_cmdline(o, p, 300);
	out_s(o, "</code> ");
	label_badges(o, p);
	out_s(o, " <small>(");
	view_life(o, t, p);
	out_s(o, ")</small>");
	if (p->child && depth < 100) {
		out_s(o, "<ul>");
		for (c = p->child; c; c = t->procs[c - 1].sibling)
			tree_node(o, t, &t->procs[c - 1], depth + 1);
		out_s(o, "</ul>");
	}
	out_s(o, "</li>\n");
}

static void tree(struct out *o, const struct trace *t)
{
	size_t i;

	out_s(o, "<section id=\"tree\"><h2>Process tree</h2><ul class=\"tree\">");
	for (i = 0; i < t->nprocs; i++) {
		const struct proc *p = &t->procs[i];

		if (p->thread || p->parent)
			continue;
		tree_node(o, t, p, 0);
	}
	out_s(o, "</ul></section>\n");
}

/* ---- the chart: one lane per process, a bar for its life, a mark per
 * notable event (hover for its text: an SVG <title>, no script) ---- */
static const char *colour(enum ev_kind k)
{
	switch (k) {
	case EV_EXEC: return "#2471a3";
	case EV_MODEL_LOAD: return "#c0392b";
	case EV_MODEL_WRITE: return "#d35400";
	case EV_FRAMEWORK: return "#16a085";
	case EV_GPU: return "#8e44ad";
	case EV_CONNECT: case EV_BIND: case EV_LISTEN: case EV_ACCEPT: return "#27ae60";
	case EV_DELETE: case EV_RMDIR: return "#000";
	case EV_EXIT: case EV_LOST: return "#e00";
	default: return "#888";
	}
}

static long xpos(uint64_t ns, uint64_t t0, uint64_t span)
{
	uint64_t d = ns > t0 ? ns - t0 : 0;

	if (d > span)
		d = span;
	return CHART_LEFT + (long)(d * (uint64_t)(CHART_W - CHART_LEFT - 10) / (span ? span : 1));
}

/* the last instant a process or event of the log was seen (the stop
 * record can come seconds later, when the tracer drains) */
static uint64_t chart_end(const struct trace *t, uint64_t t0)
{
	uint64_t end = t0 + 1;
	size_t i;

	for (i = 0; i < t->nprocs; i++) {
		uint64_t e = t->procs[i].exited ? t->procs[i].exit_ns : t->procs[i].last_ns;
		if (!t->procs[i].thread && e > end)
			end = e;
	}
	for (i = 0; i < t->nevents; i++)
		if (t->events[i].ns > end)
			end = t->events[i].ns;
	return end;
}

static void chart(struct out *o, const struct trace *t)
{
	uint64_t t0 = view_t0(t), span = chart_end(t, t0) - t0;
	uint32_t *lane = xcalloc(t->nprocs + 1, sizeof(*lane));
	uint32_t lanes = 0, k;
	size_t i;
	long h;

	for (i = 0; i < t->nprocs && lanes < CHART_MAX_LANES; i++)
		if (!t->procs[i].thread)
			lane[i + 1] = ++lanes;
	h = (long)lanes * LANE_H + 40;
	out_s(o, "<section id=\"chart\"><h2>Timeline chart</h2>");
	out_f(o, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%ld\" "
		 "viewBox=\"0 0 %d %ld\" role=\"img\" aria-label=\"timeline chart\">",
	      CHART_W, h, CHART_W, h);
	/* axis: ten ticks */
	for (k = 0; k <= 10; k++) {
		long x = CHART_LEFT + (long)k * (CHART_W - CHART_LEFT - 10) / 10;
		out_f(o, "<line x1=\"%ld\" y1=\"20\" x2=\"%ld\" y2=\"%ld\" stroke=\"#eee\"/>",
		      x, x, h - 10);
		uint64_t ms = span / 1000000 * k / 10;
		out_f(o, "<text x=\"%ld\" y=\"14\" text-anchor=\"%s\">"
			 "+%llu.%03llu s</text>", x, k == 10 ? "end" : "middle",
		      (unsigned long long)(ms / 1000), (unsigned long long)(ms % 1000));
	}
	for (i = 0; i < t->nprocs; i++) {
		const struct proc *p = &t->procs[i];
		long y, x1, x2;

		if (!lane[i + 1])
			continue;
		y = 20 + (long)(lane[i + 1] - 1) * LANE_H;
		x1 = xpos(p->start_ns, t0, span);
		x2 = xpos(p->exited ? p->exit_ns : p->last_ns, t0, span);
		if (x2 < x1 + 2)
			x2 = x1 + 2;
		out_f(o, "<text x=\"4\" y=\"%ld\">", y + 12);
		out_f(o, "%d ", p->pid);
		out_text_max(o, p->comm ? p->comm->s : "?", p->comm ? p->comm->n : 1, 24);
		out_s(o, "</text>");
		out_f(o, "<rect x=\"%ld\" y=\"%ld\" width=\"%ld\" height=\"%d\" fill=\"%s\">"
			 "<title>", x1, y + 4, x2 - x1, LANE_H - 8,
		      p->nlabels ? "#f5b7b1" : "#d6eaf8");
		view_proc(o, p);
		out_s(o, ": ");
		view_cmdline(o, p, 200);
		out_s(o, " (");
		view_life(o, t, p);
		out_s(o, ")</title></rect>");
	}
	for (i = 0; i < t->nevents && i < 20000; i++) {
		const struct event *e = &t->events[i];
		long x = xpos(e->ns, t0, span), y;

		if (e->kind == EV_LOST) {
			out_f(o, "<line x1=\"%ld\" y1=\"20\" x2=\"%ld\" y2=\"%ld\" stroke=\"#e00\">"
				 "<title>", x, x, h - 10);
			view_event(o, t, e);
			out_s(o, "</title></line>");
			continue;
		}
		if (!e->proc || !lane[e->proc])
			continue;
		y = 20 + (long)(lane[e->proc] - 1) * LANE_H + LANE_H / 2;
		out_f(o, "<circle class=\"ev %s\" cx=\"%ld\" cy=\"%ld\" r=\"4\" fill=\"%s\">"
			 "<title>", view_kind(e->kind), x, y, colour(e->kind));
		out_rel(o, e->ns, t0);
		out_s(o, " ");
		view_event(o, t, e);
		out_s(o, "</title></circle>");
	}
	out_s(o, "</svg>");
	if (lanes < t->nprocs) {
		size_t shown = 0;
		for (i = 0; i < t->nprocs; i++)
			shown += !t->procs[i].thread;
		if (shown > lanes)
			out_f(o, "<p>%zu processes not drawn.</p>", shown - lanes);
	}
	out_s(o, "<p><small>Bars: each process's life (red: it has a label). Dots: "
		 "exec (blue), model load (red), model write (orange), framework "
		 "(teal), accelerator (purple), network (green), delete (black), "
		 "other actions (grey); hover for details.</small></p></section>\n");
	free(lane);
}

static void models(struct out *o, const struct trace *t)
{
	size_t i;
	int any = 0;

	out_s(o, "<section id=\"models\"><h2>Model files</h2><table>");
	for (i = 0; i < t->nfiles; i++) {
		const struct finfo *fi = &t->files[i];

		if (!fi->model)
			continue;
		any = 1;
		out_s(o, "<tr class=\"model\"><td class=\"mono\">");
		out_istr(o, fi->path);
		out_s(o, "</td><td>");
		report_disk(o, t, fi);
		out_s(o, "<br>");
		report_users(o, t, fi);
		out_s(o, "</td></tr>\n");
	}
	out_s(o, "</table>");
	if (!any)
		out_s(o, "<p>None read, mapped or written.</p>");
	out_s(o, "</section>\n");
}

static void profile(struct out *o, const struct trace *t, const struct proc *p)
{
	static const struct report_style st = {
		"<tr><th>", "</th><td class=\"mono\">", "</td></tr>\n",
		"</th><td class=\"mono\">", "<br>", 200
	};
	uint32_t k;

	out_f(o, "<article class=\"proc\" id=\"p%u\" data-pid=\"%d\" data-labels=\"",
	      trace_index(t, p), p->pid);
	for (k = 0; k < p->nlabels; k++)
		out_f(o, "%s%s", k ? " " : "", p->labels[k].name);
	out_s(o, "\"><h3>");
	view_proc(o, p);
	out_s(o, " ");
	label_badges(o, p);
	out_s(o, "</h3><table>");
	out_s(o, "<tr><th>parent</th><td>");
	if (p->parent)
		proc_link(o, t, &t->procs[p->parent - 1]);
	else if (p->ppid > 0 && p->ppid == t->tracer_pid)
		out_f(o, "%d (the tracer)", p->ppid);
	else if (p->ppid > 0)
		out_f(o, "%d (not in the log)", p->ppid);
	else
		out_s(o, "unknown");
	out_s(o, "</td></tr><tr><th>command</th><td class=\"mono cmd\">");
	view_cmdline(o, p, 4096);
	out_s(o, "</td></tr>");
	for (k = 0; k < p->nexecs; k++) {
		out_s(o, "<tr><th>exec</th><td class=\"mono\">");
		out_rel(o, p->execs[k].ns, view_t0(t));
		out_s(o, " ");
		if (p->execs[k].file)
			out_istr(o, p->execs[k].file);
		out_s(o, "</td></tr>");
	}
	out_s(o, "<tr><th>time</th><td>");
	out_rel(o, p->start_ns, view_t0(t));
	out_s(o, " .. ");
	out_rel(o, p->exited ? p->exit_ns : p->last_ns, view_t0(t));
	out_s(o, " (");
	view_life(o, t, p);
	out_s(o, ")");
	if (p->threads)
		out_f(o, ", %u other thread%s", p->threads, p->threads == 1 ? "" : "s");
	out_s(o, "</td></tr>");
	for (k = 0; k < p->nlabels; k++) {
		out_f(o, "<tr class=\"evidence\"><th>%s</th><td>", p->labels[k].name);
		out_text(o, p->labels[k].evidence, strlen(p->labels[k].evidence));
		out_s(o, "</td></tr>");
	}
	report_rows(o, t, p, &st);
	out_s(o, "</table></article>\n");
}

static void timeline(struct out *o, const struct trace *t)
{
	size_t i;

	out_s(o, "<section id=\"timeline\"><h2>Timeline</h2><table>");
	for (i = 0; i < t->nevents && i < TIMELINE_MAX; i++) {
		const struct event *e = &t->events[i];

		out_f(o, "<tr class=\"ev %s\"><td class=\"t\">", view_kind(e->kind));
		out_rel(o, e->ns, view_t0(t));
		out_s(o, "</td><td>");
		if (e->proc)
			proc_link(o, t, &t->procs[e->proc - 1]);
		out_s(o, "</td><td class=\"mono\">");
		view_event(o, t, e);
		out_s(o, "</td></tr>\n");
	}
	out_s(o, "</table>");
	if (t->nevents > TIMELINE_MAX)
		out_f(o, "<p>%zu more events: see the text report.</p>",
		      t->nevents - TIMELINE_MAX);
	out_s(o, "</section>\n");
}

void html_report(struct out *o, const struct trace *t)
{
	size_t i;

	out_s(o, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
		 "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
		 "'none'; style-src 'unsafe-inline'\">\n"
		 "<meta name=\"referrer\" content=\"no-referrer\">\n"
		 "<title>AI forensics report</title>\n<style>");
	out_s(o, css);
	out_s(o, "</style></head>\n<body>\n<h1>AI forensics report</h1>\n");
	log_section(o, t);
	findings(o, t);
	tree(o, t);
	chart(o, t);
	models(o, t);
	out_s(o, "<section id=\"processes\"><h2>Processes</h2>\n");
	for (i = 0; i < t->nprocs; i++)
		if (!t->procs[i].thread)
			profile(o, t, &t->procs[i]);
	out_s(o, "</section>\n");
	timeline(o, t);
	out_s(o, "<footer><small>Written by aitrace-report from an aitrace-min log. "
		 "What each label means and what the log cannot show: "
		 "docs/ai-forensics.md.</small></footer>\n</body></html>\n");
}
