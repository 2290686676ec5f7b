/* Option parsing: see opts.h. */
#include <string.h>

#include "opts.h"
#include "syscalls.h"
#include "fmt.h"

static const char usage[] =
	"usage: aitrace-min [options] [--] [COMMAND [ARGS...]]\n"
	"\n"
	"Trace syscalls of every process but itself (or of the processes chosen\n"
	"with -p, -c or a COMMAND), one line per call, using BPF programs on\n"
	"syscall tracepoints. Needs root.\n"
	"\n"
	"options:\n"
	"  -o, --output FILE     write the log to FILE (created 0600) instead of stdout\n"
	"  -j, --json            write JSON lines (one object per event) instead of text\n"
	"  -e, --trace LIST      trace these syscalls (comma-separated names and\n"
	"                        classes: %file %memory %process %net %ipc %ai)\n"
	"                        default: %ai = " SYSCALLS_DEFAULT "\n"
	"  -p, --pid PID[,PID]   trace only these processes (all their threads)\n"
	"  -c, --comm NAME       trace only processes named NAME, also ones that\n"
	"                        exec into it later (repeatable, up to 8)\n"
	"  -f, --follow          also trace every child they create from now on\n"
	"  COMMAND [ARGS...]     run COMMAND, trace it and its descendants, stop\n"
	"                        when they have all exited, exit with its status\n"
	"  -S, --summary         count calls, errors and time per syscall in the\n"
	"                        kernel; print a table at the end, no line per call\n"
	"  -i, --interval N      with -S, also print the table every N seconds\n"
	"      --per-process     with -S, one table row per process and syscall\n"
	"      --max-procs N     processes the scope holds (default 32768)\n"
	"      --max-rows N      with -S, rows counted (default 1024, 65536\n"
	"                        with --per-process)\n"
	"      --max-inflight N  threads inside a traced call at once (16384)\n"
	"      --kill-on RULE    SIGKILL a traced process that does RULE:\n"
	"                        open:GLOB exec:GLOB connect:[!]CIDR[:PORT]\n"
	"                        connect:[!]unix:GLOB syscall:NAME (repeatable)\n"
	"      --kill-tree       kill the whole traced tree it belongs to\n"
	"      --dry-run         log what would be killed, kill nothing\n"
	"  -b, --buffer PAGES    perf ring size per CPU in pages, a power of two\n"
	"                        (default 256)\n"
	"  -s, --strsize N       keep at most N characters of each string (default 256)\n"
	"  -v, --verbose         say what is set up; show verifier logs in full\n"
	"      --dump-progs      print the generated BPF programs and exit\n"
	"      --check           check that tracing can work here, one line per\n"
	"                        prerequisite, and exit (1 when it cannot)\n"
	"  -h, --help            show this help and exit\n"
	"  -V, --version         show the version and exit\n"
	"\n"
	"examples:\n"
	"  aitrace-min > log.txt                  everything in the default set\n"
	"  aitrace-min -e openat,execve -o log    only opens and execs\n"
	"  aitrace-min -b 1024 -s 1024 > log      bigger rings, longer strings\n"
	"  aitrace-min -j -o log.json             JSON lines for an analyser\n"
	"  aitrace-min -f -p 1234 -o log          a model server and its children\n"
	"  aitrace-min -o log -- python3 agent.py run it, trace its whole tree\n"
	"  aitrace-min -S -i 10 -c python3        counts for every python3\n"
	"\n"
	"Stop with Ctrl-C (SIGINT), SIGTERM or SIGHUP: buffered events are\n"
	"written, the programs detached, and a summary printed on stderr.\n"
	"Exit status: 0 stopped cleanly, 1 cannot trace, 2 usage error,\n"
	"3 the log could not be written.\n";

/* "1,22,333": process ids, each 1..2^22 (PID_MAX_LIMIT) */
static int pid_list_ok(const char *s)
{
	unsigned long v;
	const char *end;

	for (;;) {
		if (fmt_parse_ulong(s, 4194304, &v, &end) != 0 || v == 0)
			return -1;
		if (*end == '\0')
			return 0;
		if (*end != ',')
			return -1;
		s = end + 1;
	}
}

const char *opts_usage(void)
{
	return usage;
}

static int number(const char *arg, unsigned long min, unsigned long max,
		  unsigned *out)
{
	const char *end;
	unsigned long v;

	if (fmt_parse_ulong(arg, max, &v, &end) != 0 || *end || v < min)
		return -1;
	*out = (unsigned)v;
	return 0;
}

/* A getopt_long of our own, as musl's behaves for "+optstring" with opterr
 * 0 (no permutation, unambiguous prefixes of long names, "--" ends the
 * options), because musl's drags all of stdio into the binary for the
 * messages we never let it print. */
struct opt_long {
	const char *name;
	int has_arg;
	int val;
};

struct getopt {
	int ind;        /* optind */
	int pos;        /* position inside a cluster of short options */
	int opt;        /* optopt */
	char *arg;      /* optarg */
};

static int getopt_next(struct getopt *g, int argc, char **argv,
		       const char *shorts, const struct opt_long *longs)
{
	char *a, *opt, *end = NULL;
	const char *name;
	int i, cnt = 0, match = 0;
	unsigned char c;

	g->arg = NULL;
	if (g->ind >= argc || !(a = argv[g->ind]))
		return -1;
	if (!g->pos) {
		if (a[0] != '-' || !a[1])
			return -1;
		if (a[1] == '-' && !a[2])
			return g->ind++, -1;
	}
	if (!g->pos && a[1] == '-') {
		for (i = 0; longs[i].name; i++) {
			name = longs[i].name;
			for (opt = a + 2; *opt && *opt != '=' && *opt == *name;)
				name++, opt++;
			if (*opt && *opt != '=')
				continue;
			end = opt;
			match = i;
			if (!*name) {
				cnt = 1;
				break;
			}
			cnt++;
		}
		g->ind++;
		if (cnt != 1) {
			g->opt = 0;
			return '?';
		}
		g->opt = longs[match].val;
		if (*end == '=') {
			if (!longs[match].has_arg)
				return '?';
			g->arg = end + 1;
		} else if (longs[match].has_arg) {
			if (!(g->arg = argv[g->ind]))
				return '?';
			g->ind++;
		}
		return longs[match].val;
	}
	if (!g->pos)
		g->pos = 1;
	c = (unsigned char)a[g->pos++];
	if (!a[g->pos]) {
		g->ind++;
		g->pos = 0;
	}
	g->opt = c;
	name = c == ':' ? NULL : strchr(shorts, c);
	if (!name)
		return '?';
	if (name[1] == ':') {
		g->arg = argv[g->ind++];
		if (g->pos)
			g->arg += g->pos;
		g->pos = 0;
		if (g->ind > argc)
			return '?';
	}
	return c;
}

/* What getopt_next refused, in words. It has stepped past a long option at
 * fault (arg is argv[ind - 1]; NULL when it stepped past the end for a
 * short option missing its argument); an unknown short option may sit
 * inside a cluster, and only opt names it. opt is a long option's val
 * (which need not be a character), or 0 for an unknown long option. */
static void getopt_error(char *err, size_t errlen, const char *arg, int optopt)
{
	int is_long = arg && arg[0] == '-' && arg[1] == '-';
	int is_char = optopt > 0 && optopt < 256;

	if (is_char && strchr("oebpcis", optopt) && !is_long)
		fmt_snprintf(err, errlen, "-%c needs an argument", optopt);
	else if (is_char && strchr("oebpcis", optopt))
		fmt_snprintf(err, errlen, "%s needs an argument", arg);
	else if (!optopt && is_long)
		fmt_snprintf(err, errlen, "unknown option %s", arg);
	else if (!is_long || (is_char && !strchr("jfSvhV", optopt)))
		fmt_snprintf(err, errlen, "unknown option -%c", optopt);
	else
		fmt_snprintf(err, errlen, "%.*s takes no argument",
			     (int)strcspn(arg, "="), arg);
}

int opts_parse(struct opts *o, int argc, char **argv, char *err,
	       size_t errlen)
{
	enum { OPT_DUMP = 256, OPT_PER_PROCESS, OPT_CHECK, OPT_KILL_ON,
	       OPT_KILL_TREE, OPT_DRY_RUN, OPT_MAX_PROCS, OPT_MAX_INFLIGHT,
	       OPT_MAX_ROWS };
	static const struct opt_long longopts[] = {
		{ "output", 1, 'o' },
		{ "json", 0, 'j' },
		{ "pid", 1, 'p' },
		{ "comm", 1, 'c' },
		{ "follow", 0, 'f' },
		{ "summary", 0, 'S' },
		{ "interval", 1, 'i' },
		{ "per-process", 0, OPT_PER_PROCESS },
		{ "max-procs", 1, OPT_MAX_PROCS },
		{ "max-inflight", 1, OPT_MAX_INFLIGHT },
		{ "max-rows", 1, OPT_MAX_ROWS },
		{ "trace", 1, 'e' },
		{ "buffer", 1, 'b' },
		{ "strsize", 1, 's' },
		{ "verbose", 0, 'v' },
		{ "dump-progs", 0, OPT_DUMP },
		{ "check", 0, OPT_CHECK },
		{ "kill-on", 1, OPT_KILL_ON },
		{ "kill-tree", 0, OPT_KILL_TREE },
		{ "dry-run", 0, OPT_DRY_RUN },
		{ "help", 0, 'h' },
		{ "version", 0, 'V' },
		{ NULL, 0, 0 },
	};
	struct getopt g = { 1, 0, 0, NULL };
	char *optarg;
	int c;

	memset(o, 0, sizeof(*o));
	o->syscalls = SYSCALLS_DEFAULT;
	o->ring_pages = OPTS_RING_PAGES_DEFAULT;
	o->str_max = OPTS_STR_MAX_DEFAULT;
	err[0] = '\0';
	while ((c = getopt_next(&g, argc, argv, "o:je:p:c:fSi:b:s:vhV",
				longopts)) != -1) {
		optarg = g.arg;
		switch (c) {
		case 'o':
			o->output = optarg;
			break;
		case 'j':
			o->json = 1;
			break;
		case 'p':
			if (pid_list_ok(optarg) != 0) {
				fmt_snprintf(err, errlen,
					     "-p wants process ids separated by commas, not \"%s\"",
					     optarg);
				return -1;
			}
			o->pids = optarg;
			break;
		case 'c':
			if (!optarg[0] || strlen(optarg) > 15 ||
			    o->ncomm == OPTS_COMM_MAX) {
				fmt_snprintf(err, errlen,
					     "-c wants a process name of 1 to 15 bytes, at most %d times",
					     OPTS_COMM_MAX);
				return -1;
			}
			o->comm[o->ncomm++] = optarg;
			break;
		case 'f':
			o->follow = 1;
			break;
		case 'S':
			o->summary = 1;
			break;
		case 'i':
			if (number(optarg, 1, 86400, &o->interval)) {
				fmt_snprintf(err, errlen,
					     "-i wants seconds from 1 to 86400, not \"%s\"",
					     optarg);
				return -1;
			}
			break;
		case OPT_PER_PROCESS:
			o->per_process = 1;
			break;
		case OPT_MAX_PROCS:
		case OPT_MAX_INFLIGHT:
		case OPT_MAX_ROWS: {
			unsigned *v = c == OPT_MAX_PROCS      ? &o->max_procs
				      : c == OPT_MAX_INFLIGHT ? &o->max_inflight
							      : &o->max_rows;
			const char *name = c == OPT_MAX_PROCS ? "procs"
					   : c == OPT_MAX_INFLIGHT ? "inflight"
								   : "rows";

			if (number(optarg, 1, OPTS_MAX_ENTRIES_LIMIT, v)) {
				fmt_snprintf(err, errlen,
					     "--max-%s wants a number from 1 to %d, not \"%s\"",
					     name, OPTS_MAX_ENTRIES_LIMIT, optarg);
				return -1;
			}
			break;
		}
		case 'e':
			o->syscalls = optarg;
			break;
		case 'b':
			if (number(optarg, 1, 1u << 20, &o->ring_pages) ||
			    (o->ring_pages & (o->ring_pages - 1))) {
				fmt_snprintf(err, errlen,
					 "-b wants a power of two from 1 to 1048576, not \"%s\"",
					 optarg);
				return -1;
			}
			break;
		case 's':
			if (number(optarg, 0, OPTS_STR_MAX_LIMIT, &o->str_max)) {
				fmt_snprintf(err, errlen,
					 "-s wants a number from 0 to %d, not \"%s\"",
					 OPTS_STR_MAX_LIMIT, optarg);
				return -1;
			}
			break;
		case 'v':
			o->verbose++;
			break;
		case OPT_DUMP:
			o->dump_progs = 1;
			break;
		case OPT_CHECK:
			o->check = 1;
			break;
		case OPT_KILL_ON:
			if (o->nkill == sizeof(o->kill_on) / sizeof(o->kill_on[0])) {
				fmt_snprintf(err, errlen, "--kill-on: at most %u rules",
					     o->nkill);
				return -1;
			}
			o->kill_on[o->nkill++] = optarg;
			break;
		case OPT_KILL_TREE:
			o->kill_tree = 1;
			break;
		case OPT_DRY_RUN:
			o->dry_run = 1;
			break;
		case 'h':
			o->help = 1;
			break;
		case 'V':
			o->version = 1;
			break;
		default:
			getopt_error(err, errlen, argv[g.ind - 1], g.opt);
			return -1;
		}
	}
	if (g.ind < argc)
		o->command = argv + g.ind;
	if (o->command && (o->pids || o->ncomm)) {
		fmt_snprintf(err, errlen,
			     "a COMMAND is traced alone: not with -p or -c");
		return -1;
	}
	if ((o->kill_tree || o->dry_run) && !o->nkill) {
		fmt_snprintf(err, errlen, "%s goes with --kill-on",
			     o->kill_tree ? "--kill-tree" : "--dry-run");
		return -1;
	}
	if (o->nkill && o->summary) {
		fmt_snprintf(err, errlen, "--kill-on needs the records: not with -S");
		return -1;
	}
	if (o->max_procs && !o->pids && !o->ncomm && !o->command) {
		fmt_snprintf(err, errlen,
			     "--max-procs goes with -p, -c or a COMMAND");
		return -1;
	}
	if ((o->interval || o->per_process || o->max_rows) && !o->summary) {
		fmt_snprintf(err, errlen, "%s goes with -S",
			     o->interval ? "-i"
			     : o->per_process ? "--per-process" : "--max-rows");
		return -1;
	}

	if (!o->syscalls[0]) {
		fmt_snprintf(err, errlen, "-e wants at least one syscall name");
		return -1;
	}
	return 0;
}
