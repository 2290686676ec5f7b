/* Program loading: see load.h. */
#include <errno.h>
#include <string.h>

#include "diag.h"
#include "load.h"
#include "sys.h"
#include "errnos.h"
#include "mem.h"

#define LOG_SIZE (1u << 20)

/* The last n lines of a verifier log: where the reason is. */
static const char *tail_lines(const char *log, int n)
{
	const char *p = log + strlen(log);

	while (p > log && (p[-1] == '\n' || p[-1] == ' '))
		p--;
	while (p > log) {
		if (p[-1] == '\n' && --n == 0)
			break;
		p--;
	}
	return p;
}

int load_prog(const struct emit_prog *p, int quiet)
{
	char *log;
	int fd;

	/* Load without a log first: a log costs verifier time. */
	fd = sys_bpf_prog_load(BPF_PROG_TYPE_TRACEPOINT, p->insn,
			       (unsigned)p->n, "GPL", p->name, 0, NULL, 0);
	if (fd >= 0 || quiet)
		return fd;

	log = mem_alloc(LOG_SIZE);
	if (!log) {
		diag_error("cannot load program %s: %s", p->name,
			   errnos_text(-fd));
		return fd;
	}
	fd = sys_bpf_prog_load(BPF_PROG_TYPE_TRACEPOINT, p->insn,
			       (unsigned)p->n, "GPL", p->name, 1, log,
			       LOG_SIZE);
	if (fd >= 0) { /* loaded on the second try: say nothing */
		mem_free(log);
		return fd;
	}
	diag_error("cannot load program %s: %s", p->name, errnos_text(-fd));
	if (fd == -EPERM || fd == -EACCES) {
		diag_hint("run as root (CAP_BPF and CAP_PERFMON, or CAP_SYS_ADMIN)");
	} else if (log[0]) {
		if (diag_verbose()) {
			diag_block("verifier log", log);
		} else {
			diag_block("verifier log (last lines)", tail_lines(log, 3));
			diag_hint("run with -v for the whole verifier log, --dump-progs for the program");
		}
	}
	mem_free(log);
	return fd;
}

int load_prog_log(const struct emit_prog *p, char *log, size_t size)
{
	return sys_bpf_prog_load(BPF_PROG_TYPE_TRACEPOINT, p->insn,
				 (unsigned)p->n, "GPL", p->name, 1, log, size);
}
