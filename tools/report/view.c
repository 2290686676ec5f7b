/* Shared wording of the reports: see view.h. */
#include <string.h>

#include "rules.h"
#include "view.h"

static const char *const kinds[EV_NKINDS] = {
	[EV_EXEC] = "exec",          [EV_EXIT] = "exit",
	[EV_WRITE] = "write",        [EV_DELETE] = "delete",
	[EV_RMDIR] = "rmdir",        [EV_MKDIR] = "mkdir",
	[EV_RENAME] = "rename",      [EV_CHMOD] = "chmod",
	[EV_LINK] = "link",          [EV_CONNECT] = "connect",
	[EV_BIND] = "bind",          [EV_LISTEN] = "listen",
	[EV_ACCEPT] = "accept",      [EV_MEMFD] = "memfd",
	[EV_LOST] = "lost",          [EV_MODEL_LOAD] = "model-load",
	[EV_MODEL_WRITE] = "model-write", [EV_FRAMEWORK] = "framework",
	[EV_GPU] = "gpu-open",       [EV_JIT] = "jit",
};

const char *view_kind(enum ev_kind k)
{
	return k < EV_NKINDS ? kinds[k] : "?";
}

void view_lit(struct out *o, const char *s)
{
	out_text(o, s, strlen(s));
}

uint64_t view_t0(const struct trace *t)
{
	return t->start_ns ? t->start_ns : t->first_ns;
}

static void exec_words(struct out *o, const struct exec_rec *x, size_t max)
{
	size_t used = 0;
	uint32_t i;

	for (i = 0; i < x->argc; i++) {
		if (i)
			out_raw(o, " ", 1);
		if (used + x->argv[i]->n > max) {
			out_word(o, x->argv[i]->s, max > used ? max - used : 0);
			out_raw(o, "...", 3);
			return;
		}
		out_word(o, x->argv[i]->s, x->argv[i]->n);
		used += x->argv[i]->n + 1;
	}
	if (x->more)
		out_raw(o, " ...", 4);
}

void view_cmdline(struct out *o, const struct proc *p, size_t max)
{
	const struct exec_rec *x = trace_last_exec(p);

	if (x && x->argc)
		exec_words(o, x, max);
	else if (x && x->file)
		out_word(o, x->file->s, x->file->n);
	else {
		out_raw(o, "[", 1);
		out_istr(o, p->comm);
		out_raw(o, "]", 1);
	}
}

void view_proc(struct out *o, const struct proc *p)
{
	out_f(o, "%d ", p->pid);
	out_istr(o, p->comm);
}

void view_label_names(struct out *o, const struct proc *p)
{
	uint32_t i;

	for (i = 0; i < p->nlabels; i++)
		out_f(o, "%s%s", i ? ", " : "", p->labels[i].name);
}

void view_life(struct out *o, const struct trace *t, const struct proc *p)
{
	uint64_t end = p->exited ? p->exit_ns : p->last_ns;

	(void)t;
	if (end > p->start_ns)
		out_dur(o, end - p->start_ns);
	else
		out_s(o, "0 s");
	if (p->exited)
		out_f(o, ", exit %lld", (long long)p->exit_code);
	else
		out_s(o, ", exit not seen");
}

static void err(struct out *o, const struct event *e)
{
	if (e->err) {
		out_s(o, " (failed: ");
		out_istr(o, e->err);
		out_s(o, ")");
	}
}

void view_event(struct out *o, const struct trace *t, const struct event *e)
{
	const struct proc *p = e->proc ? &t->procs[e->proc - 1] : NULL;

	out_s(o, view_kind(e->kind));
	out_s(o, " ");
	switch (e->kind) {
	case EV_EXEC:
		if (p && e->n >= 0 && (size_t)e->n < p->nexecs) {
			const struct exec_rec *x = &p->execs[e->n];
			if (x->file)
				out_istr(o, x->file);
			if (x->argc) {
				out_s(o, ": ");
				exec_words(o, x, 512);
			}
		}
		break;
	case EV_EXIT:
		out_f(o, "%lld", (long long)e->n);
		break;
	case EV_WRITE:
		out_istr(o, e->a);
		if (e->n)
			out_f(o, " (%s%s%s)", e->n & 1 ? "O_CREAT" : "",
			      (e->n & 3) == 3 ? "|" : "", e->n & 2 ? "O_TRUNC" : "");
		break;
	case EV_RENAME:
		out_istr(o, e->a);
		view_lit(o, " -> ");
		out_istr(o, e->b);
		err(o, e);
		break;
	case EV_CHMOD:
		out_istr(o, e->a);
		out_s(o, " ");
		out_istr(o, e->b);
		err(o, e);
		break;
	case EV_LINK:
		out_istr(o, e->a);
		if (e->b) {
			view_lit(o, e->n ? " -> " : " = ");
			out_istr(o, e->b);
		}
		err(o, e);
		break;
	case EV_CONNECT:
		out_istr(o, e->a);
		err(o, e);
		break;
	case EV_LOST:
		out_f(o, "%lld events", (long long)e->n);
		if (e->a) {
			out_s(o, " (");
			out_istr(o, e->a);
			out_s(o, ")");
		}
		break;
	case EV_MODEL_LOAD:
	case EV_MODEL_WRITE:
		out_istr(o, e->a);
		if (e->kind == EV_MODEL_LOAD) {
			out_s(o, " (");
			out_size(o, (uint64_t)e->n);
			out_s(o, " read or mapped)");
		}
		break;
	case EV_FRAMEWORK:
		out_istr(o, e->a);
		out_f(o, " (%lld librar%s)", (long long)e->n, e->n == 1 ? "y" : "ies");
		break;
	case EV_JIT:
		out_s(o, e->n ? "mprotect to PROT_EXEC" : "writable+executable anonymous mapping");
		break;
	case EV_MEMFD:
	case EV_BIND:
	case EV_LISTEN:
	case EV_ACCEPT:
	case EV_GPU:
	case EV_DELETE:
	case EV_RMDIR:
	case EV_MKDIR:
	default:
		if (e->a)
			out_istr(o, e->a);
		err(o, e);
		break;
	}
}
