/* The rules of docs/ai-forensics.md, in code:
 *
 * model-loader  read(2)/pread/readv returned bytes, or mmap(2) mapped
 *               bytes, of a model file (below). Evidence: how many files,
 *               how many bytes, which kinds.
 * model-writer  opened a model file for writing, wrote to it, or renamed
 *               a file onto a model file's name.
 * framework     opened a shared object of an ML framework or accelerator
 *               runtime (paths.c: libtorch*, libc10*, libcudart*, ...).
 * gpu-user      opened an accelerator device node, or used an fd on one
 *               (ioctl) that was opened before tracing began.
 * agent         at least RULES_AGENT_MIN children that ran a program
 *               (a successful exec in the child).
 * network       connect(2) to an AF_INET/AF_INET6 address, whatever the
 *               result; unix sockets are listed, not labelled.
 * listener      listen(2) or a successful accept(2)/accept4(2).
 * jit           an anonymous mapping both writable and executable, or
 *               mprotect(2) adding PROT_EXEC.
 *
 * A model file: its content on disk is a model format (model.c), or its
 * name has a model-only suffix (.safetensors, .gguf, .pt, ...) and the
 * content does not say otherwise or cannot be read. Names shared with
 * other data (.bin, .pkl, .h5, ...) need the magic.
 */
#include <string.h>

#include "fmt.h"
#include "num.h"
#include "paths.h"
#include "rules.h"

static struct finfo *finfo_of(const struct trace *t, const struct istr *path)
{
	uint32_t i = map_get(&t->file_of, path->id);

	return i ? &t->files[i - 1] : NULL;
}

void rules_mark_candidates(struct trace *t)
{
	size_t i;

	for (i = 0; i < t->nfuses; i++) {
		const struct fuse *f = &t->fuses[i];
		struct finfo *fi = finfo_of(t, f->path);

		if (!fi || !paths_regular(f->path->s, f->path->n) ||
		    (f->flags & FU_MAP_EXEC))
			continue;
		if (fi->ext != MODEL_EXT_NONE ||
		    f->rbytes + f->mbytes >= RULES_SNIFF_MIN)
			fi->candidate = 1;
	}
}

const char *rules_mismatch(const struct finfo *fi)
{
	if (fi->disk != DISK_OK || fi->ext == MODEL_EXT_NONE || !fi->suffix)
		return NULL;
	if (fi->mi.fmt == MODEL_UNKNOWN && fi->ext == MODEL_EXT_STRONG &&
	    (!strcmp(fi->suffix, ".safetensors") || !strcmp(fi->suffix, ".gguf") ||
	     !strcmp(fi->suffix, ".onnx") || !strcmp(fi->suffix, ".tflite")))
		return "no magic of its kind";
	if (!strcmp(fi->suffix, ".safetensors") && fi->mi.fmt != MODEL_SAFETENSORS)
		return "not safetensors";
	if (!strcmp(fi->suffix, ".gguf") && fi->mi.fmt != MODEL_GGUF)
		return "not GGUF";
	if (!strcmp(fi->suffix, ".onnx") && fi->mi.fmt != MODEL_ONNX)
		return "not ONNX";
	if (!strcmp(fi->suffix, ".tflite") && fi->mi.fmt != MODEL_TFLITE)
		return "not TFLite";
	if ((!strcmp(fi->suffix, ".pt") || !strcmp(fi->suffix, ".pth")) &&
	    fi->mi.fmt != MODEL_TORCH_ZIP && fi->mi.fmt != MODEL_TORCHSCRIPT &&
	    fi->mi.fmt != MODEL_TORCH_LEGACY && fi->mi.fmt != MODEL_PICKLE)
		return "not a PyTorch file";
	if (fi->mi.fmt == MODEL_ELF)
		return "an ELF object";
	return NULL;
}

int rules_decide_model(const struct finfo *fi)
{
	if (!paths_regular(fi->path->s, fi->path->n))
		return 0;
	if (fi->disk == DISK_OK)
		return fi->mi.is_model ||
		       (fi->ext == MODEL_EXT_STRONG && fi->mi.fmt != MODEL_ELF);
	return fi->ext == MODEL_EXT_STRONG;
}

void rules_model_files(struct trace *t)
{
	size_t i;

	for (i = 0; i < t->nfiles; i++)
		t->files[i].model = rules_decide_model(&t->files[i]);
}

int rules_is_model(const struct trace *t, const struct istr *path)
{
	const struct finfo *fi = finfo_of(t, path);

	return fi && fi->model;
}

/* ---- evidence text ---------------------------------------------------- */
struct ev {
	char *buf;
	size_t cap, len;
};

static void ev_add(struct ev *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void ev_add(struct ev *e, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (e->len + 1 >= e->cap)
		return;
	va_start(ap, fmt);
	n = fmt_vsnprintf(e->buf + e->len, e->cap - e->len, fmt, ap);
	va_end(ap);
	e->len += (size_t)n < e->cap - e->len ? (size_t)n : e->cap - e->len - 1;
}

/* raw bytes (a path from the log): escaped when printed */
static void ev_bytes(struct ev *e, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n && e->len + 1 < e->cap; i++)
		e->buf[e->len++] = s[i] ? s[i] : '?';
	e->buf[e->len] = '\0';
}

static void ev_count(struct ev *e, uint64_t v)
{
	char b[NUM_BUF];

	ev_add(e, "%s", num_count(b, v));
}

static void ev_size(struct ev *e, uint64_t v)
{
	char b[NUM_BUF];

	ev_add(e, "%s", num_size(b, v));
}

static struct label *label(struct proc *p, const char *name)
{
	struct label *l;

	if (p->nlabels >= sizeof(p->labels) / sizeof(p->labels[0]))
		return NULL;
	l = &p->labels[p->nlabels++];
	l->name = name;
	l->evidence[0] = '\0';
	return l;
}

/* "*.pt" or, for a file without a model suffix, its format */
static void kinds(struct ev *e, const struct trace *t, const struct proc *p,
		  int writes)
{
	const char *seen[8];
	int nseen = 0, k;
	uint32_t i;

	for (i = p->fuses; i; i = t->fuses[i - 1].next) {
		const struct fuse *f = &t->fuses[i - 1];
		const struct finfo *fi = finfo_of(t, f->path);
		const char *kind;

		if (!fi || !fi->model ||
		    !(writes ? f->write_ns != 0 : (f->rbytes || f->mbytes)))
			continue;
		kind = fi->suffix ? fi->suffix : model_format_name(fi->mi.fmt);
		for (k = 0; k < nseen && strcmp(seen[k], kind); k++)
			;
		if (k < nseen || nseen == 8)
			continue;
		seen[nseen++] = kind;
		ev_add(e, "%s%s%s", nseen > 1 ? ", " : "; ", fi->suffix ? "*" : "", kind);
	}
}

static void model_labels(struct trace *t, struct proc *p)
{
	uint32_t nr = 0, nm = 0, nw = 0, i;
	uint64_t br = 0, bm = 0, bw = 0;
	struct label *l;

	for (i = p->fuses; i; i = t->fuses[i - 1].next) {
		struct fuse *f = &t->fuses[i - 1];

		if (!rules_is_model(t, f->path))
			continue;
		if (f->rbytes) {
			nr++;
			br += f->rbytes;
		}
		if (f->mbytes) {
			nm++;
			bm += f->mbytes;
		}
		if (f->rbytes || f->mbytes)
			trace_event(t, f->load_ns, p, EV_MODEL_LOAD, f->path, NULL,
				    (int64_t)(f->rbytes + f->mbytes), NULL);
		if (f->write_ns) {
			nw++;
			bw += f->wbytes;
		}
	}
	if ((nr || nm) && (l = label(p, "model-loader"))) {
		struct ev e = { l->evidence, sizeof(l->evidence), 0 };
		if (nm) {
			ev_add(&e, "mmap %u file%s, ", nm, nm > 1 ? "s" : "");
			ev_size(&e, bm);
		}
		if (nr) {
			ev_add(&e, "%sread %u file%s, ", nm ? "; " : "", nr, nr > 1 ? "s" : "");
			ev_size(&e, br);
		}
		kinds(&e, t, p, 0);
	}
	if (nw && (l = label(p, "model-writer"))) {
		struct ev e = { l->evidence, sizeof(l->evidence), 0 };
		ev_add(&e, "wrote %u file%s, ", nw, nw > 1 ? "s" : "");
		ev_size(&e, bw);
		kinds(&e, t, p, 1);
	}
}

static void framework_label(struct trace *t, struct proc *p)
{
	const char *fam[12];
	unsigned count[12];
	uint64_t first[12];
	int nfam = 0, k;
	uint32_t i;
	struct label *l;

	for (i = p->fuses; i; i = t->fuses[i - 1].next) {
		const struct fuse *f = &t->fuses[i - 1];
		const char *fa;

		if (!f->opens || !(fa = paths_framework(f->path->s, f->path->n)))
			continue;
		for (k = 0; k < nfam && strcmp(fam[k], fa); k++)
			;
		if (k == nfam) {
			if (nfam == 12)
				continue;
			fam[nfam] = fa;
			count[nfam] = 0;
			first[nfam++] = f->first_ns;
		}
		count[k]++;
	}
	if (!nfam || !(l = label(p, "framework")))
		return;
	{
		struct ev e = { l->evidence, sizeof(l->evidence), 0 };
		for (k = 0; k < nfam; k++) {
			ev_add(&e, "%s%s (%u librar%s)", k ? ", " : "", fam[k],
			       count[k], count[k] > 1 ? "ies" : "y");
			trace_event(t, first[k], p, EV_FRAMEWORK,
				    trace_str(t, fam[k], strlen(fam[k])), NULL,
				    count[k], NULL);
		}
	}
}

static void gpu_label(struct trace *t, struct proc *p)
{
	uint32_t i, ndev = 0;
	uint64_t ioctls = 0;
	struct label *l;
	struct ev e;

	for (i = p->fuses; i; i = t->fuses[i - 1].next)
		if (t->fuses[i - 1].flags & FU_DEVICE) {
			ndev++;
			ioctls += t->fuses[i - 1].ioctls;
		}
	if (!ndev || !(l = label(p, "gpu-user")))
		return;
	e = (struct ev){ l->evidence, sizeof(l->evidence), 0 };
	ndev = 0;
	for (i = p->fuses; i; i = t->fuses[i - 1].next) {
		const struct fuse *f = &t->fuses[i - 1];
		if (!(f->flags & FU_DEVICE))
			continue;
		if (ndev++ < 4) {
			ev_bytes(&e, f->path->s, f->path->n);
			ev_add(&e, ", ");
		} else if (ndev == 5) {
			ev_add(&e, "..., ");
		}
	}
	ev_count(&e, ioctls);
	ev_add(&e, " ioctl%s", ioctls == 1 ? "" : "s");
}

static void agent_label(struct trace *t, struct proc *p)
{
	uint32_t c;
	unsigned n = 0, shown = 0;
	struct label *l;
	struct ev e;

	for (c = p->child; c; c = t->procs[c - 1].sibling)
		if (t->procs[c - 1].nexecs)
			n++;
	p->spawned = n;
	if (n < RULES_AGENT_MIN || !(l = label(p, "agent")))
		return;
	e = (struct ev){ l->evidence, sizeof(l->evidence), 0 };
	ev_add(&e, "spawned %u commands (", n);
	for (c = p->child; c; c = t->procs[c - 1].sibling) {
		const struct proc *k = &t->procs[c - 1];
		const struct exec_rec *x = trace_last_exec(k);
		size_t bn;
		const char *b;

		if (!x)
			continue;
		if (shown++ == 8) {
			ev_add(&e, ", ...");
			break;
		}
		if (shown > 1)
			ev_add(&e, ", ");
		if (x->argc)
			b = paths_base(x->argv[0]->s, x->argv[0]->n, &bn);
		else if (x->file)
			b = paths_base(x->file->s, x->file->n, &bn);
		else
			b = "?", bn = 1;
		ev_bytes(&e, b, bn);
	}
	ev_add(&e, ")");
}

static void network_labels(struct trace *t, struct proc *p)
{
	uint32_t i, n = 0, shown = 0;
	struct label *l;
	struct ev e;

	for (i = p->conns; i; i = t->conns[i - 1].next)
		if (t->conns[i - 1].family == 2 || t->conns[i - 1].family == 10)
			n++;
	if (n && (l = label(p, "network"))) {
		e = (struct ev){ l->evidence, sizeof(l->evidence), 0 };
		ev_add(&e, "%u destination%s (", n, n > 1 ? "s" : "");
		for (i = p->conns; i; i = t->conns[i - 1].next) {
			const struct conn *k = &t->conns[i - 1];
			if (k->family != 2 && k->family != 10)
				continue;
			if (shown++ == 4) {
				ev_add(&e, ", ...");
				break;
			}
			if (shown > 1)
				ev_add(&e, ", ");
			ev_bytes(&e, k->dest->s, k->dest->n);
		}
		ev_add(&e, ")");
	}
	if ((p->listens || p->accepts) && (l = label(p, "listener"))) {
		e = (struct ev){ l->evidence, sizeof(l->evidence), 0 };
		if (p->listens)
			ev_add(&e, "listen %u time%s", p->listens, p->listens > 1 ? "s" : "");
		if (p->accepts)
			ev_add(&e, "%saccepted %u connection%s", p->listens ? ", " : "",
			       p->accepts, p->accepts > 1 ? "s" : "");
	}
	if (p->wx && (l = label(p, "jit"))) {
		e = (struct ev){ l->evidence, sizeof(l->evidence), 0 };
		ev_add(&e, "%u writable+executable mapping%s or mprotect to PROT_EXEC",
		       p->wx, p->wx > 1 ? "s" : "");
	}
}

void rules_apply(struct trace *t)
{
	size_t i;

	/* a write to a model file is a model-write on the timeline */
	for (i = 0; i < t->nevents; i++)
		if (t->events[i].kind == EV_WRITE && rules_is_model(t, t->events[i].a))
			t->events[i].kind = EV_MODEL_WRITE;
	for (i = 0; i < t->nprocs; i++) {
		struct proc *p = &t->procs[i];

		if (p->thread)
			continue;
		p->nlabels = 0;
		model_labels(t, p);
		framework_label(t, p);
		gpu_label(t, p);
		agent_label(t, p);
		network_labels(t, p);
	}
	trace_sort_events(t);
}
