/* Shared parts of the text and HTML reports: see report.h. */
#include <stdlib.h>
#include <string.h>

#include "paths.h"
#include "report.h"
#include "rules.h"
#include "say.h"
#include "view.h"

void report_completeness(struct out *o, const struct trace *t, const char *pre,
			 const char *end)
{
	size_t i;

	out_s(o, pre);
	if (t->have_stop) {
		out_s(o, "complete: the stop record is there (");
		out_istr(o, t->stop_reason);
		out_f(o, "), %lld lost, %lld unfinished", (long long)t->lost,
		      (long long)t->unfinished);
	} else {
		out_s(o, "TRUNCATED: no stop record, the log was cut short "
			 "(the tracer was killed, the disk filled, or the file was cut)");
	}
	out_s(o, end);
	if (t->lost_events) {
		out_s(o, pre);
		out_s(o, "LOST: ");
		out_count(o, t->lost_events);
		out_s(o, " events the kernel could not hand over: "
			 "any finding may be incomplete");
		out_s(o, end);
	}
	if (t->cut_last) {
		out_s(o, pre);
		out_s(o, "the last line is cut short: the log was still being written "
			 "or was cut");
		out_s(o, end);
	}
	if (t->seq_missing) {
		out_s(o, pre);
		out_count(o, t->seq_missing);
		out_s(o, " records missing by sequence number: lines were removed");
		out_s(o, end);
	}
	if (t->bad_lines || t->bad_records || t->unknown_types) {
		out_s(o, pre);
		out_f(o, "%llu lines not JSON, %llu records without the fields they need, "
			 "%llu of unknown types",
		      (unsigned long long)t->bad_lines, (unsigned long long)t->bad_records,
		      (unsigned long long)t->unknown_types);
		out_s(o, end);
	}
	for (i = 0; i < t->nnotes; i++) {
		out_s(o, pre);
		out_s(o, "note: ");
		out_istr(o, t->notes[i]);
		out_s(o, end);
	}
	if (t->summary_only) {
		out_s(o, pre);
		out_s(o, "a summary (-S) log: counts only, no files, no lineage");
		out_s(o, end);
	}
}

void report_disk(struct out *o, const struct trace *t, const struct finfo *fi)
{
	const char *mm;

	switch (fi->disk) {
	case DISK_OK:
		out_s(o, "on disk: ");
		out_count(o, fi->size);
		out_s(o, " bytes (");
		out_size(o, fi->size);
		out_s(o, ")");
		if (fi->hashed)
			out_f(o, ", sha256 %s", fi->sha256);
		if (fi->why) {
			out_s(o, " (");
			out_s(o, fi->why);
			out_s(o, ")");
		}
		out_s(o, "; format: ");
		if (fi->mi.fmt == MODEL_UNKNOWN) {
			out_s(o, "no known magic");
		} else {
			out_s(o, model_format_name(fi->mi.fmt));
			if (fi->mi.detail[0]) {
				out_s(o, ", ");
				out_text(o, fi->mi.detail, strlen(fi->mi.detail));
			}
			out_s(o, " (confirmed by magic bytes)");
		}
		if (fi->mi.truncated)
			out_s(o, "; TRUNCATED: the format says the file should be longer");
		if ((mm = rules_mismatch(fi))) {
			out_s(o, "; MISMATCH: named ");
			out_s(o, fi->suffix);
			out_s(o, " but ");
			out_s(o, mm);
		}
		if (fi->mi.runs_code)
			out_s(o, "; pickle inside: loading it can run code");
		if (t->last_ns && fi->mtime > (int64_t)t->last_ns)
			out_s(o, "; modified after the log ends: it may not be the "
				 "file that was used");
		break;
	case DISK_MISSING:
		out_s(o, "not on disk now (deleted or moved since)");
		break;
	case DISK_NOT_REGULAR:
		out_s(o, "no longer a regular file");
		break;
	case DISK_ERROR:
	case DISK_SKIPPED:
		out_s(o, "not checked on disk: ");
		out_s(o, fi->why ? fi->why : "?");
		break;
	case DISK_UNCHECKED:
	default:
		out_s(o, "not checked on disk");
		break;
	}
	if (fi->disk != DISK_OK && fi->suffix) {
		out_s(o, "; a model by its name (");
		out_s(o, fi->suffix);
		out_s(o, ") only");
	}
}

void report_users(struct out *o, const struct trace *t, const struct finfo *fi)
{
	size_t i;
	int w = 0, l = 0;

	for (i = 0; i < t->nfuses; i++) {
		const struct fuse *f = &t->fuses[i];

		if (f->path != fi->path || !f->write_ns)
			continue;
		out_s(o, w++ ? ", " : "written by ");
		view_proc(o, &t->procs[f->proc - 1]);
		if (f->wbytes) {
			out_s(o, " (");
			out_size(o, f->wbytes);
			out_s(o, ")");
		}
	}
	for (i = 0; i < t->nfuses; i++) {
		const struct fuse *f = &t->fuses[i];

		if (f->path != fi->path || !(f->rbytes || f->mbytes || f->opens))
			continue;
		if (f->write_ns && !f->rbytes && !f->mbytes)
			continue;
		out_s(o, l++ ? ", " : w ? "; used by " : "used by ");
		view_proc(o, &t->procs[f->proc - 1]);
		out_s(o, " (");
		if (f->mbytes) {
			out_s(o, "mmap ");
			out_size(o, f->mbytes);
		}
		if (f->rbytes) {
			out_s(o, f->mbytes ? ", read " : "read ");
			out_size(o, f->rbytes);
		}
		if (!f->rbytes && !f->mbytes)
			out_s(o, "opened only");
		out_s(o, ")");
	}
	for (i = 0; i < t->nfuses; i++) {
		const struct fuse *f = &t->fuses[i];

		if (f->path != fi->path || !(f->flags & FU_OPEN_FAIL) || f->opens)
			continue;
		out_s(o, w || l ? "; tried by " : "tried by ");
		w++;
		view_proc(o, &t->procs[f->proc - 1]);
		out_s(o, " (open failed: ");
		out_istr(o, f->err);
		out_s(o, ")");
	}
	if (!w && !l)
		out_s(o, "no process read, mapped or wrote it");
}

/* ---- profile rows ------------------------------------------------------ */
struct row {
	struct out *o;
	const struct report_style *st;
	const char *name;
	unsigned n;
};

/* start the next item of a row, opening the row first; 0 if the row is
 * full (the caller skips the item) */
static int item(struct row *r)
{
	if (r->n++ == 0) {
		out_s(r->o, r->st->row_pre);
		out_s(r->o, r->name);
		out_s(r->o, r->st->row_mid);
		return 1;
	}
	if (r->n > r->st->max_items)
		return 0;
	out_s(r->o, r->st->sep);
	return 1;
}

static void row_end(struct row *r)
{
	if (!r->n)
		return;
	if (r->n > r->st->max_items)
		out_f(r->o, "%s... and %u more", r->st->sep, r->n - r->st->max_items);
	out_s(r->o, r->st->row_end);
}

static int by_calls(const void *a, const void *b)
{
	const struct scount *x = a, *y = b;

	return x->calls != y->calls ? (x->calls < y->calls ? 1 : -1)
				    : (x->name->id > y->name->id) - (x->name->id < y->name->id);
}

void report_rows(struct out *o, const struct trace *t, const struct proc *p,
		 const struct report_style *st)
{
	struct row r;
	uint32_t i;

#define ROW(label) (r = (struct row){ o, st, label, 0 })
#define FUSES(f) for (i = p->fuses; i && ((f) = &t->fuses[i - 1]); i = (f)->next)
	const struct fuse *f;

	ROW("models");
	FUSES(f) {
		if (!rules_is_model(t, f->path) || !(f->rbytes || f->mbytes || f->write_ns) ||
		    !item(&r))
			continue;
		out_istr(o, f->path);
		out_s(o, " (");
		if (f->mbytes) {
			out_f(o, "mmap %u time%s, ", f->mmaps, f->mmaps == 1 ? "" : "s");
			out_size(o, f->mbytes);
		}
		if (f->rbytes) {
			out_f(o, "%sread %u time%s, ", f->mbytes ? "; " : "", f->reads,
			      f->reads == 1 ? "" : "s");
			out_size(o, f->rbytes);
		}
		if (f->write_ns) {
			out_s(o, f->mbytes || f->rbytes ? "; written " : "written ");
			out_size(o, f->wbytes);
		}
		out_s(o, ")");
	}
	row_end(&r);

	ROW("libraries");
	FUSES(f) {
		const char *fam = paths_framework(f->path->s, f->path->n);
		if (!fam || !f->opens || !item(&r))
			continue;
		out_s(o, fam);
		out_s(o, ": ");
		out_istr(o, f->path);
	}
	row_end(&r);

	ROW("devices");
	FUSES(f) {
		const struct ioreq *q;
		uint32_t k, shown = 0;

		if (!(f->flags & FU_DEVICE) || !item(&r))
			continue;
		out_istr(o, f->path);
		out_s(o, ": ");
		out_count(o, f->ioctls);
		out_s(o, f->ioctls == 1 ? " ioctl" : " ioctls");
		for (k = p->ioreqs; k; k = q->next) {
			q = &t->ioreqs[k - 1];
			if (q->dev != f->path)
				continue;
			out_s(o, shown++ ? ", " : " (");
			if (shown > 6) {
				out_s(o, "...");
				break;
			}
			out_istr(o, q->req);
			out_s(o, " x");
			out_count(o, q->count);
			if (q->errors)
				out_f(o, " (%u failed)", q->errors);
		}
		if (shown)
			out_s(o, ")");
	}
	row_end(&r);

	ROW("written");
	FUSES(f) {
		if (!f->write_ns || !paths_regular(f->path->s, f->path->n) ||
		    (f->flags & FU_RENAME_TO && !f->opens && !f->writes) || !item(&r))
			continue;
		out_istr(o, f->path);
		out_s(o, " (");
		out_size(o, f->wbytes);
		if (f->flags & FU_CREATE)
			out_s(o, ", O_CREAT");
		if (f->flags & FU_TRUNC)
			out_s(o, ", truncated");
		if (f->flags & FU_RENAME_FROM)
			out_s(o, ", renamed away");
		if (f->flags & FU_DELETE)
			out_s(o, ", deleted");
		out_s(o, ")");
	}
	row_end(&r);

	ROW("deleted");
	FUSES(f) {
		if (!(f->flags & (FU_DELETE | FU_RMDIR)) || !item(&r))
			continue;
		out_istr(o, f->path);
		if (f->flags & FU_RMDIR)
			out_s(o, " (directory)");
	}
	row_end(&r);

	ROW("renamed");
	for (i = p->events; i; i = t->events[i - 1].pnext) {
		const struct event *e = &t->events[i - 1];
		if (e->kind != EV_RENAME || e->err || !item(&r))
			continue;
		out_istr(o, e->a);
		view_lit(o, " -> ");
		out_istr(o, e->b);
	}
	row_end(&r);

	ROW("mkdir");
	FUSES(f) {
		if (!(f->flags & FU_MKDIR) || !item(&r))
			continue;
		out_istr(o, f->path);
	}
	row_end(&r);

	ROW("chmod/link");
	FUSES(f) {
		if (!(f->flags & (FU_CHMOD | FU_LINK)) || !item(&r))
			continue;
		out_istr(o, f->path);
		out_s(o, f->flags & FU_LINK ? " (link)" : " (chmod)");
	}
	row_end(&r);

	ROW("failed");
	FUSES(f) {
		if (!(f->flags & FU_OPEN_FAIL) || !item(&r))
			continue;
		out_s(o, "open ");
		out_istr(o, f->path);
		out_s(o, ": ");
		out_istr(o, f->err);
	}
	for (i = p->events; i; i = t->events[i - 1].pnext) {
		const struct event *e = &t->events[i - 1];
		if (!e->err || e->kind == EV_CONNECT || !item(&r))
			continue;
		out_s(o, view_kind(e->kind));
		out_s(o, " ");
		out_istr(o, e->a);
		out_s(o, ": ");
		out_istr(o, e->err);
	}
	row_end(&r);

	ROW("connections");
	for (i = p->conns; i; i = t->conns[i - 1].next) {
		const struct conn *k = &t->conns[i - 1];
		if (!item(&r))
			continue;
		out_istr(o, k->dest);
		out_s(o, " (");
		if (k->ok)
			out_f(o, "%u connected", k->ok);
		if (k->pending)
			out_f(o, "%s%u in progress", k->ok ? ", " : "", k->pending);
		if (k->failed) {
			out_f(o, "%s%u failed: ", k->ok || k->pending ? ", " : "", k->failed);
			out_istr(o, k->err);
		}
		out_s(o, ")");
	}
	row_end(&r);

	if (p->sent || p->received || p->binds || p->memfds) {
		ROW("sockets");
		if (item(&r)) {
			out_s(o, "sent ");
			out_size(o, p->sent);
			out_s(o, ", received ");
			out_size(o, p->received);
			if (p->binds)
				out_f(o, ", %u bind", p->binds);
			if (p->memfds)
				out_f(o, ", %u memfd_create", p->memfds);
		}
		row_end(&r);
	}

	if (p->nsc) {
		struct scount *sc = xmalloc(p->nsc * sizeof(*sc));
		struct report_style all = *st;

		memcpy(sc, p->sc, p->nsc * sizeof(*sc));
		qsort(sc, p->nsc, sizeof(*sc), by_calls);
		all.sep = ", ";
		all.row_mid = st->row_mid_inline;
		all.max_items = 1000;
		r = (struct row){ o, &all, "syscalls", 0 };
		for (i = 0; i < p->nsc; i++) {
			item(&r);
			out_istr(o, sc[i].name);
			out_s(o, " ");
			out_count(o, sc[i].calls);
			if (sc[i].errors)
				out_f(o, " (%u failed)", sc[i].errors);
		}
		row_end(&r);
		free(sc);
	}
#undef ROW
#undef FUSES
}

void report_profile_lists(struct out *o, const struct trace *t,
			  const struct proc *p, const char *pre, const char *end)
{
	const struct report_style st = { pre, ":\n    ", end, ": ", "\n    ", 50 };

	report_rows(o, t, p, &st);
}
