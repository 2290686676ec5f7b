/* Command-line options, gathered in one struct. */
#ifndef AITRACE_OPTS_H
#define AITRACE_OPTS_H

#include <stddef.h>

#define OPTS_RING_PAGES_DEFAULT 256 /* per CPU: 1 MiB with 4 KiB pages */
#define OPTS_STR_MAX_DEFAULT 256
#define OPTS_STR_MAX_LIMIT 4096

struct opts {
	const char *output;     /* -o FILE; NULL: stdout */
	const char *syscalls;   /* -e LIST */
	unsigned ring_pages;    /* -b PAGES, per CPU, a power of two */
	unsigned str_max;       /* -s N: characters kept per string */
	int json;               /* -j: NDJSON */
	int verbose;            /* -v */
	int dump_progs;         /* --dump-progs */
	int help;               /* -h */
	int version;            /* -V */
};

/* 0, or -1 with the problem in err (errlen bytes): a usage error. */
int opts_parse(struct opts *o, int argc, char **argv, char *err,
	       size_t errlen);
/* The --help text. */
const char *opts_usage(void);

#endif
