/* aitrace-report: what the processes in an aitrace-min JSON log did with
 * models, accelerators, files and the network.
 *
 *   options        main.c        one struct, parsed here
 *   read the log   logread.c     lines; json.c parses each one
 *   fold it        trace.c       records into processes and events,
 *                  onsys.c       syscall arguments into files, sockets, devices
 *   look at disk   disk.c        size, SHA-256; model.c tells the format,
 *                                sha256.c hashes
 *   label          rules.c       roles with evidence; paths.c names things
 *   write          text.c        the report on stdout,
 *                  html.c        one self-contained page (--html),
 *                  report.c      what both share; view.c the wording,
 *                  out.c         escaped output (src/escape.c, htmlesc.c)
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "disk.h"
#include "logread.h"
#include "report.h"
#include "rules.h"
#include "say.h"
#include "trace.h"

#ifndef AITRACE_VERSION
#define AITRACE_VERSION "?"
#endif

/* exit status */
enum { EXIT_OK = 0, EXIT_LOG = 1, EXIT_USAGE = 2, EXIT_WRITE = 3 };

#define LINE_MAX_BYTES (64u << 20)

struct opts {
	const char *log;       /* NULL or "-": stdin */
	const char *html;
	int quiet;             /* no text report */
	struct disk_opts disk;
};

static const char usage_text[] =
	"usage: aitrace-report [options] [LOG]\n"
	"\n"
	"Read a JSON log of aitrace-min (-j) from LOG or stdin and report which\n"
	"processes loaded or wrote models, used frameworks and accelerators,\n"
	"spawned commands, changed files and connected where; with the model\n"
	"files still on disk (size, SHA-256, format by magic bytes).\n"
	"\n"
	"options:\n"
	"      --html FILE   also write one self-contained HTML page to FILE\n"
	"  -q, --quiet       no text report on stdout (with --html)\n"
	"      --root DIR    look for the log's files under DIR (an image of\n"
	"                    the traced system) instead of /\n"
	"      --no-disk     do not look at files at all (a log from elsewhere)\n"
	"      --no-hash     look at formats, do not hash\n"
	"  -h, --help        show this help and exit\n"
	"  -V, --version     show the version and exit\n"
	"\n"
	"examples:\n"
	"  aitrace-min -f -j -o log.json -- python3 agent.py\n"
	"  aitrace-report log.json\n"
	"  aitrace-report --html report.html -q log.json\n"
	"  aitrace-report --root /mnt/image --no-hash < log.json\n"
	"\n"
	"Exit status: 0 report written, 1 cannot read the log, 2 usage error,\n"
	"3 cannot write the report.\n";

static int usage_error(const char *what, const char *arg)
{
	say("%s%s%s (see --help)", what, arg ? ": " : "", arg ? arg : "");
	return EXIT_USAGE;
}

static int parse_opts(int argc, char **argv, struct opts *o)
{
	int i, positional = 0;

	memset(o, 0, sizeof(*o));
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (positional || a[0] != '-' || !strcmp(a, "-")) {
			if (o->log)
				return usage_error("more than one LOG", a);
			o->log = a;
		} else if (!strcmp(a, "--")) {
			positional = 1;
		} else if (!strcmp(a, "--html") || !strcmp(a, "--root")) {
			if (i + 1 >= argc)
				return usage_error("missing argument of", a);
			if (!strcmp(a, "--html"))
				o->html = argv[++i];
			else
				o->disk.root = argv[++i];
		} else if (!strncmp(a, "--html=", 7)) {
			o->html = a + 7;
		} else if (!strncmp(a, "--root=", 7)) {
			o->disk.root = a + 7;
		} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			o->quiet = 1;
		} else if (!strcmp(a, "--no-disk")) {
			o->disk.no_disk = 1;
		} else if (!strcmp(a, "--no-hash")) {
			o->disk.no_hash = 1;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			return -1;
		} else if (!strcmp(a, "-V") || !strcmp(a, "--version")) {
			return -2;
		} else {
			return usage_error("unknown option", a);
		}
	}
	return 0;
}

struct feed {
	struct trace *t;
	struct json_doc doc;
};

static void on_line(void *ctx, char *line, size_t n, int last)
{
	struct feed *f = ctx;

	if (!line || json_parse(&f->doc, line, n)) {
		if (line && !n && !last)
			return; /* an empty line */
		trace_bad_line(f->t, last);
		return;
	}
	trace_feed(f->t, &f->doc);
}

static int read_log(const struct opts *o, struct trace *t)
{
	struct feed f = { t, { 0 } };
	const char *name = o->log && strcmp(o->log, "-") ? o->log : NULL;
	int fd = name ? open(name, O_RDONLY | O_CLOEXEC) : STDIN_FILENO;
	int r;

	if (fd < 0) {
		say("cannot open %s: %s", name, strerror(errno));
		return -1;
	}
	r = logread(fd, LINE_MAX_BYTES, on_line, &f);
	json_free(&f.doc);
	if (name)
		close(fd);
	if (r < 0) {
		say("cannot read %s: %s", name ? name : "stdin", strerror(-r));
		return -1;
	}
	if (!t->records) {
		say("cannot read %s: %s", name ? name : "stdin",
		    t->bad_lines ? "not a JSON log of aitrace-min (the text log "
				   "cannot be analysed: trace with -j)"
				 : "empty");
		return -1;
	}
	return 0;
}

static int write_html(const char *path, const struct trace *t)
{
	static struct out o;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

	if (fd < 0) {
		say("cannot create %s: %s", path, strerror(errno));
		return -1;
	}
	out_init(&o, fd, OUT_HTML);
	html_report(&o, t);
	if (out_flush(&o) || close(fd)) {
		say("cannot write %s: %s", path, strerror(o.err ? o.err : errno));
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static struct trace t;
	static struct out text;
	struct opts o;
	int r = parse_opts(argc, argv, &o), status = EXIT_OK;

	if (r == -1) {
		if (write(STDOUT_FILENO, usage_text, sizeof(usage_text) - 1) < 0)
			return EXIT_WRITE;
		return EXIT_OK;
	}
	if (r == -2) {
		if (write(STDOUT_FILENO, "aitrace-report " AITRACE_VERSION "\n",
			  sizeof("aitrace-report " AITRACE_VERSION "\n") - 1) < 0)
			return EXIT_WRITE;
		return EXIT_OK;
	}
	if (r)
		return r;

	trace_init(&t);
	if (read_log(&o, &t))
		return EXIT_LOG;
	trace_finish(&t);
	rules_mark_candidates(&t);
	disk_check(&t, &o.disk);
	rules_apply(&t);

	if (o.html && write_html(o.html, &t))
		status = EXIT_WRITE;
	if (!o.quiet) {
		out_init(&text, STDOUT_FILENO, OUT_TERM);
		text_report(&text, &t);
		if (out_flush(&text)) {
			if (text.err != EPIPE)
				say("cannot write the report: %s", strerror(text.err));
			status = EXIT_WRITE;
		}
	}
	trace_free(&t);
	return status;
}
