/* Option parsing: see opts.h. */
#include <getopt.h>
#include <string.h>

#include "opts.h"
#include "syscalls.h"
#include "fmt.h"

static const char usage[] =
	"usage: aitrace-min [options]\n"
	"\n"
	"Trace syscalls of every process but itself, one line per call, using\n"
	"BPF programs on syscall tracepoints. Needs root.\n"
	"\n"
	"options:\n"
	"  -o, --output FILE     write the log to FILE (created 0600) instead of stdout\n"
	"  -j, --json            write JSON lines (one object per event) instead of text\n"
	"  -e, --trace LIST      trace these syscalls (comma-separated names)\n"
	"                        default: " SYSCALLS_DEFAULT "\n"
	"  -b, --buffer PAGES    perf ring size per CPU in pages, a power of two\n"
	"                        (default 256)\n"
	"  -s, --strsize N       keep at most N characters of each string (default 256)\n"
	"  -v, --verbose         say what is set up; show verifier logs in full\n"
	"      --dump-progs      print the generated BPF programs and exit\n"
	"  -h, --help            show this help and exit\n"
	"  -V, --version         show the version and exit\n"
	"\n"
	"examples:\n"
	"  aitrace-min > log.txt                  everything in the default set\n"
	"  aitrace-min -e openat,execve -o log    only opens and execs\n"
	"  aitrace-min -b 1024 -s 1024 > log      bigger rings, longer strings\n"
	"  aitrace-min -j -o log.json             JSON lines for an analyser\n"
	"\n"
	"Stop with Ctrl-C (SIGINT), SIGTERM or SIGHUP: buffered events are\n"
	"written, the programs detached, and a summary printed on stderr.\n"
	"Exit status: 0 stopped cleanly, 1 cannot trace, 2 usage error,\n"
	"3 the log could not be written.\n";

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

/* What getopt_long refused, in words. It has stepped past a long option at
 * fault (arg is argv[optind - 1]; NULL when musl stepped past the end for
 * a short option missing its argument); an unknown short option may sit
 * inside a cluster, and only optopt names it. optopt is a long option's
 * val (which need not be a character), or 0 for an unknown long option. */
static void getopt_error(char *err, size_t errlen, const char *arg)
{
	int is_long = arg && arg[0] == '-' && arg[1] == '-';
	int is_char = optopt > 0 && optopt < 256;

	if (is_char && strchr("oebs", optopt) && !is_long)
		fmt_snprintf(err, errlen, "-%c needs an argument", optopt);
	else if (is_char && strchr("oebs", optopt))
		fmt_snprintf(err, errlen, "%s needs an argument", arg);
	else if (!optopt && is_long)
		fmt_snprintf(err, errlen, "unknown option %s", arg);
	else if (!is_long || (is_char && !strchr("vhV", optopt)))
		fmt_snprintf(err, errlen, "unknown option -%c", optopt);
	else
		fmt_snprintf(err, errlen, "%.*s takes no argument",
			     (int)strcspn(arg, "="), arg);
}

int opts_parse(struct opts *o, int argc, char **argv, char *err,
	       size_t errlen)
{
	enum { OPT_DUMP = 256 };
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "json", no_argument, NULL, 'j' },
		{ "trace", required_argument, NULL, 'e' },
		{ "buffer", required_argument, NULL, 'b' },
		{ "strsize", required_argument, NULL, 's' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "dump-progs", no_argument, NULL, OPT_DUMP },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(o, 0, sizeof(*o));
	o->syscalls = SYSCALLS_DEFAULT;
	o->ring_pages = OPTS_RING_PAGES_DEFAULT;
	o->str_max = OPTS_STR_MAX_DEFAULT;
	err[0] = '\0';
	optind = 0; /* 0, not 1: glibc and musl then reset all their state */
	opterr = 0; /* we say what went wrong ourselves, once */
	while ((c = getopt_long(argc, argv, "+o:je:b:s:vhV", longopts, NULL)) !=
	       -1) {
		switch (c) {
		case 'o':
			o->output = optarg;
			break;
		case 'j':
			o->json = 1;
			break;
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
		case 'h':
			o->help = 1;
			break;
		case 'V':
			o->version = 1;
			break;
		case ':':
		default:
			getopt_error(err, errlen, argv[optind - 1]);
			return -1;
		}
	}
	if (optind < argc) {
		fmt_snprintf(err, errlen, "unexpected argument \"%s\"", argv[optind]);
		return -1;
	}
	if (!o->syscalls[0]) {
		fmt_snprintf(err, errlen, "-e wants at least one syscall name");
		return -1;
	}
	return 0;
}
